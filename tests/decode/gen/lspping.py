#!/usr/bin/python3
# lspping.py: writes the LSP ping (UDP port 3503) conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# Echo requests and replies packed by hand with struct inside scapy's
# Ethernet, IP and UDP headers: every Target FEC Stack sub-TLV, every
# Downstream Mapping address type, the other TLVs, wrong lengths, then a
# few packets cut at every length. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/lspping.py
import os
import socket
import struct

from scapy.all import IP, IPv6, UDP, Ether

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000


def write(name, recs):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            f.write(struct.pack("<IIII", T0 + i, 1000 + i, len(data), wire))
            f.write(data)


def a4(s):
    return socket.inet_aton(s)


def a6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def tlv(t, v, ln=None, pad=True):
    v = bytes(v)
    body = v + b"\0" * ((-len(v)) % 4 if pad else 0)
    return struct.pack("!HH", t, len(v) if ln is None else ln) + body


def hdr(mtype=1, mode=2, code=0, sub=0, seq=1, ver=1, rcvd=True):
    ts = struct.pack("!II", 3900000000, 0x12345678)
    return (struct.pack("!HHBBBBII", ver, 0, mtype, mode, code, sub, 0xdeadbeef, seq) + ts +
            (struct.pack("!II", 3900000001, 0x80000000) if rcvd else b"\0" * 8))


RD0 = struct.pack("!HHI", 0, 65000, 100)
RD1 = struct.pack("!H4sH", 1, a4("10.0.0.1"), 7)


def fecs():
    return [
        tlv(1, a4("12.1.1.1") + b"\x20"),
        tlv(2, a6("2001:db8::1") + b"\x80"),
        tlv(3, a4("12.1.1.1") + b"\0\0\x53\x72" + a4("12.4.4.4") + a4("12.4.4.4") + b"\0\0\x00\x10"),
        tlv(4, a6("2001:db8::1") + b"\0\0\x00\x05" + a6("2001:db8::2") + a6("2001:db8::3") + b"\0\0\x00\x09"),
        tlv(5, b"\1\2\3"),
        tlv(6, RD0 + a4("10.1.0.0") + b"\x10"),
        tlv(7, RD1 + a6("2001:db8:1::") + b"\x30"),
        tlv(8, RD0 + struct.pack("!HHH", 1, 2, 5)),
        tlv(9, a4("10.9.9.9") + struct.pack("!IH", 100, 4)),
        tlv(10, a4("10.8.8.8") + a4("10.9.9.9") + struct.pack("!IH", 101, 0x7777)),
        tlv(11, b"\xaa" * 6),
        tlv(12, a4("10.2.0.0") + b"\x10"),
        tlv(13, a6("2001:db8:2::") + b"\x40"),
        tlv(16, b"\0\0\0\0"),
        tlv(99, b""),
    ]


def msgs():
    f = fecs()
    out = [hdr() + tlv(1, x) for x in f]
    out += [
        hdr(rcvd=False) + tlv(1, b"".join(f[:4])),
        hdr(2, 1, 3, 1) + tlv(1, f[0]),
        hdr(2, 3, 4, 2), hdr(2, 4, 8, 0), hdr(2, 9, 9, 0), hdr(2, 2, 10, 5), hdr(2, 2, 11, 1),
        hdr(2, 2, 12, 1), hdr(2, 2, 13, 0), hdr(7, 2, 77, 0), hdr(1, 2, 1, 0), hdr(1, 2, 2, 0),
        hdr(ver=2), hdr()[:20], hdr()[:31],
        # Sub-TLVs of the wrong length, one past its TLV, padding past the TLV.
        hdr() + tlv(1, tlv(1, a4("1.2.3.4") + b"\x18\x00", pad=False) + b"\0\0"),
        hdr() + tlv(1, tlv(3, b"\0" * 16)),
        hdr() + tlv(1, tlv(4, b"\0" * 20)),
        hdr() + tlv(1, tlv(10, b"\0" * 10)) + tlv(15, b"\0\0\0\1"),
        hdr() + tlv(1, struct.pack("!HH", 1, 40) + b"\0" * 8),
        hdr() + tlv(1, b"\0\1"),
        hdr() + tlv(1, struct.pack("!HH", 1, 5) + a4("1.1.1.1") + b"\x20", pad=False),
        # Downstream mapping, every address type, short ones.
        hdr() + tlv(2, struct.pack("!HBB", 1500, 1, 0) + a4("10.0.0.2") + a4("10.0.0.3") + b"\0\1\0\0"),
        hdr() + tlv(2, struct.pack("!HBB", 1500, 2, 0) + a4("10.0.0.2") + b"\0\0\0\x07" + b"\0\1\0\0"),
        hdr() + tlv(2, struct.pack("!HBB", 9000, 3, 0) + a6("fe80::1") + a6("fe80::2") + b"\0\1\0\0"),
        hdr() + tlv(2, struct.pack("!HBB", 9000, 4, 0) + a6("fe80::1") + b"\0\0\0\x09" + b"\0\1\0\0"),
        hdr() + tlv(2, struct.pack("!HBB", 1500, 9, 0) + b"\0" * 8),
        hdr() + tlv(2, struct.pack("!HBB", 1500, 1, 0) + a4("10.0.0.2") + a4("10.0.0.3")),
        hdr() + tlv(2, struct.pack("!HBB", 1500, 3, 0) + a6("fe80::1")),
        hdr() + tlv(2, b"\x05\xdc"),
        # The other TLVs.
        hdr() + tlv(3, b"\1" + b"\0" * 7) + tlv(5, struct.pack("!I", 9)) + tlv(5, struct.pack("!I", 99999)),
        hdr() + tlv(7, b"\0\1\0\1" * 2) + tlv(9, b"\1\0\0\0") + tlv(10, b"\xc0\0\0\0"),
        hdr() + tlv(15, b"\0\0\0\7") + tlv(15, b"\1\2") + tlv(5, b"\1") + tlv(0xfc00, b"xyz"),
        hdr() + tlv(12345, b"abcdef") + tlv(4, b"") + tlv(20, b"\xff"),
        hdr() + struct.pack("!HH", 1, 100) + b"\0" * 8,
        hdr() + b"\0\1",
        hdr() + struct.pack("!HH", 9, 3) + b"\1\2\3",
    ]
    return out


def udp4(payload, sport=4786, dport=3503):
    return (Ether(src="00:11:22:33:44:55", dst="00:66:77:88:99:aa") /
            IP(src="12.4.4.4", dst="127.0.0.1") / UDP(sport=sport, dport=dport) / payload)


def main():
    recs = [udp4(m) for m in msgs()]
    recs.append(udp4(hdr(2), 3503, 4786))
    recs.append(Ether(src="00:11:22:33:44:55", dst="00:66:77:88:99:aa") /
                IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=3503, dport=3503) /
                (hdr() + tlv(1, fecs()[1])))
    write("lspping.pcap", recs)
    cut = []
    for m in (hdr() + tlv(1, b"".join(fecs()[2:4])) + tlv(15, b"\0\0\0\7"),
              hdr() + tlv(2, struct.pack("!HBB", 1500, 1, 0) + a4("10.0.0.2") + a4("10.0.0.3") + b"\0\1\0\0")):
        full = bytes(udp4(m))
        cut += [(full[:n], len(full)) for n in range(42, len(full))]
    write("lspping-sweep.pcap", cut)


if __name__ == "__main__":
    main()
