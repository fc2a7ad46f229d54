#!/usr/bin/python3
# vtp.py: writes the Cisco VTP (SNAP OUI 0x00000c, PID 0x2003) conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# VTP messages packed by hand behind scapy's 802.3, LLC and SNAP headers:
# every message type, VLAN info fields with every TLV, wrong lengths, and a
# subset advertisement cut at every length. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/vtp.py
import os
import socket
import struct

from scapy.all import LLC, SNAP, Dot3

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000


def write(name, recs):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            f.write(struct.pack("<IIII", T0 + i, 1000 + i, len(data), wire))
            f.write(data)


def frame(body):
    return (Dot3(src="00:1f:6d:96:ec:04", dst="01:00:0c:cc:cc:cc") /
            LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0x00000c, code=0x2003) / body)


def hdr(code, third, domain=b"cisco", dlen=None, ver=1):
    return struct.pack("!BBBB", ver, code, third, len(domain) if dlen is None else dlen) + \
        domain.ljust(32, b"\0")[:32]


def vlan(vid, name, tlvs=b"", status=0, vtype=1, ln=None, nlen=None):
    padded = name + b"\0" * ((-len(name)) % 4)
    body = struct.pack("!BBHHI", status, vtype, vid, 1500, 100000 + vid)
    total = 4 + len(body) - 2 + len(padded) + len(tlvs)
    v = struct.pack("!BBBB", total if ln is None else ln, status, vtype,
                    len(name) if nlen is None else nlen)
    return v + struct.pack("!HHI", vid, 1500, 100000 + vid) + padded + tlvs


def t(typ, val, ln=1):
    return struct.pack("!BBH", typ, ln, val)


SUMMARY = hdr(1, 2) + struct.pack("!I", 0x2a) + socket.inet_aton("155.1.37.7") + b"930301000900" + \
    bytes(range(16))
TLVS = (t(1, 0x10) + t(2, 3) + t(3, 1) + t(3, 9) + t(4, 7) + t(5, 8) + t(6, 1) + t(6, 0) +
        t(7, 1) + t(7, 0) + t(8, 7) + t(9, 7) + t(10, 1) + t(10, 0) + t(11, 5))
SUBSET = (hdr(2, 1) + struct.pack("!I", 0x2a) + vlan(1, b"default") +
          vlan(1002, b"fddi-default", vtype=2, status=1) + vlan(1003, b"token-ring-default", TLVS, vtype=3) +
          vlan(20, b"abcd", t(6, 1)) + b"\0" * 4)


def main():
    bodies = [
        SUMMARY, SUBSET,
        hdr(3, 0) + struct.pack("!I", 17), hdr(4, 0) + b"\0" * 8, hdr(9, 5) + b"\0" * 8,
        hdr(1, 0, dlen=0) + b"\0" * 36, hdr(1, 0, dlen=33) + b"\0" * 36,
        hdr(1, 0, b"x" * 32) + b"\0" * 36, hdr(2, 0, b"\x01\x80y"),
        hdr(2, 1) + struct.pack("!I", 1) + vlan(5, b"v", ln=8),
        hdr(2, 1) + struct.pack("!I", 1) + vlan(5, b"name", nlen=20),
        hdr(2, 1) + struct.pack("!I", 1) + vlan(6, b"a", struct.pack("!BB", 3, 2) + b"\0" * 4),
        hdr(2, 1) + struct.pack("!I", 1) + vlan(7, b"a", struct.pack("!BB", 3, 9) + b"\0\0"),
        hdr(2, 1) + struct.pack("!I", 1) + vlan(8, b"a", b"\x03"),
        hdr(2, 1) + struct.pack("!I", 1) + vlan(9, b"a", ln=80),
        hdr(2, 1, ver=2) + struct.pack("!I", 1),
        hdr(1, 1)[:30],
        b"\x01\x01",
    ]
    write("vtp.pcap", [frame(b) for b in bodies])
    full = bytes(frame(SUBSET))
    write("vtp-sweep.pcap", [(full[:n], len(full)) for n in range(22, len(full), 3)])


if __name__ == "__main__":
    main()
