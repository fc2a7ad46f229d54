#!/usr/bin/python3
# loopback.py: writes the Ethernet "Loopback" (type 0x9000, configuration testing) conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# Messages packed by hand behind scapy's Ethernet header (and one 802.1Q
# tag): replies, forward data, unknown functions, skip counts good, bogus
# and too large, short messages, and one cut at every length. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/loopback.py
import os
import struct

from scapy.all import Dot1Q, Ether, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000
MAC = bytes.fromhex("001f6d96ec04")


def write(name, recs):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            f.write(struct.pack("<IIII", T0 + i, 1000 + i, len(data), wire))
            f.write(data)


def frame(body, vlan=False):
    e = Ether(src="00:1f:6d:96:ec:04", dst="00:1f:6d:96:ec:04", type=0x9000)
    if vlan:
        e = Ether(src="00:1f:6d:96:ec:04", dst="cf:00:00:00:00:00") / Dot1Q(vlan=5, type=0x9000)
    return e / Raw(body)


def le(*v):
    return struct.pack("<" + "H" * len(v), *v)


FWD = le(8) + le(2) + MAC + le(1, 7) + b"payload"


def main():
    bodies = [
        le(0, 1, 0) + b"\0" * 40, le(0, 1, 9) + b"hello", FWD, le(0, 2) + MAC,
        le(0, 5) + b"xyz", le(0, 0), le(3) + b"abc" + le(1, 2), le(16) + b"\0" * 16 + le(1, 3),
        le(50) + b"\0" * 4, le(0), b"\x00", b"", le(0, 1), le(0, 1, 4)[:5], le(0, 2) + MAC[:3],
    ]
    recs = [frame(b) for b in bodies] + [frame(FWD, vlan=True)]
    write("loopback.pcap", recs)
    full = bytes(frame(FWD))
    write("loopback-sweep.pcap", [(full[:n], len(full)) for n in range(14, len(full))])


if __name__ == "__main__":
    main()
