#!/usr/bin/python3
# ahcp.py: writes the AHCP (UDP port 5359) conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# AHCP version 1 messages packed by hand inside scapy's IPv6 (and IPv4) and
# UDP headers: every message type, every option, wrong lengths, bad magic
# and versions, and an offer cut at every length. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/ahcp.py
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


def a6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def a4(s):
    return socket.inet_aton(s)


def hdr(hop=1, orig=1, nonce=0xde3e5127, src=bytes.fromhex("0218f3fffea9914e"), dst=b"\xff" * 8,
        magic=43, ver=1):
    return struct.pack("!BBBBI", magic, ver, hop, orig, nonce) + src + dst


def body(mtype, opts=b"", mbz=0, blen=None, extra=b""):
    return struct.pack("!BBH", mtype, mbz, len(opts) if blen is None else blen) + opts + extra


def opt(no, val):
    return bytes([no, len(val)]) + val


ALL = (b"\x00\x01" + opt(2, struct.pack("!I", 1300000000)) + opt(3, struct.pack("!I", 3600)) +
       opt(4, a6("2001:db8::1") + a6("2001:db8::2")) + opt(5, a4("10.0.0.1")) +
       opt(6, a6("2001:db8:1::") + b"\x40") + opt(7, a4("10.1.0.0") + b"\x10") +
       opt(8, a6("2001:db8::3")) + opt(9, a4("10.0.0.2") + a4("10.0.0.3")) +
       opt(10, a6("2001:db8:2::") + b"\x30" + a6("2001:db8:3::") + b"\x38") +
       opt(11, a4("10.2.0.0") + b"\x18") + opt(12, a6("2001:db8::53")) + opt(13, a6("2001:db8::123")) +
       opt(99, b"xyz"))


def udp6(payload):
    return (Ether(src="00:11:22:33:44:55", dst="33:33:00:00:00:01") /
            IPv6(src="fe80::1", dst="ff02::cca6:c0f9:e182:5359", hlim=1) /
            UDP(sport=5359, dport=5359) / payload)


def main():
    msgs = [
        hdr() + body(0), hdr(2, 3) + body(1, ALL), hdr() + body(2), hdr() + body(3, ALL),
        hdr() + body(4), hdr() + body(5), hdr() + body(9), hdr() + body(0, mbz=7),
        hdr() + body(1, ALL, extra=b"trailing"), hdr() + body(1, blen=40),
        hdr() + body(1, opt(2, b"\0\0\0")), hdr() + body(1, opt(3, b"\0\0\0\0\0")),
        hdr() + body(1, opt(4, a6("::1")[:10])), hdr() + body(1, opt(6, a6("::1") + b"\x40" + b"\0\0")),
        hdr() + body(1, opt(11, a4("10.0.0.0"))), hdr() + body(1, b"\x05"),
        hdr() + body(1, b"\x05\x09\x01"), hdr() + body(1, opt(2, struct.pack("!I", 0xffffffff))),
        hdr()[:20], hdr() + b"\0\0", hdr(magic=42), hdr(ver=2) + b"abc", b"\x2b", b"",
    ]
    recs = [udp6(m) for m in msgs]
    recs.append(Ether() / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1234, dport=5359) / (hdr() + body(2)))
    write("ahcp.pcap", recs)
    full = bytes(udp6(hdr() + body(1, ALL)))
    write("ahcp-sweep.pcap", [(full[:n], len(full)) for n in range(62, len(full))])


if __name__ == "__main__":
    main()
