#!/usr/bin/python3
# dtp.py: writes the Cisco DTP (SNAP OUI 0x00000c, PID 0x2004) conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# DTP PDUs packed by hand behind scapy's 802.3, LLC and SNAP headers: every
# TLV tcpdump names, unknown ones, the type 0 it stops at, wrong lengths,
# and one PDU cut at every length. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/dtp.py
import os
import struct

from scapy.all import LLC, SNAP, Dot3

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


def tlv(t, v, ln=None):
    return struct.pack("!HH", t, len(v) + 4 if ln is None else ln) + v


def frame(body):
    return (Dot3(src="00:1f:6d:96:ec:04", dst="01:00:0c:cc:cc:cc") /
            LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0x00000c, code=0x2004) / body)


GOOD = (b"\x01" + tlv(1, b"cisco\0\0\0\0\0"[:6]) + tlv(2, b"\x81") + tlv(3, b"\xa5") +
        tlv(4, MAC))


def main():
    bodies = [
        GOOD,
        b"\x01" + tlv(1, b"lab\x01\xffx") + tlv(2, b"\x03") + tlv(3, b"\x40") + tlv(4, MAC) +
        tlv(9, b"zz") + b"\0" * 8,
        b"\x02" + tlv(1, b"") + tlv(0, b"ignored") + tlv(2, b"\x01"),
        b"\x01" + tlv(2, b"\x01\x02"),
        b"\x01" + tlv(3, b""),
        b"\x01" + tlv(4, MAC[:5]),
        b"\x01" + tlv(2, b"\x01", ln=3),
        b"\x01" + tlv(2, b"\x01", ln=40),
        b"\x01" + tlv(1, b"a") + b"\0\1",
        b"\x01",
        b"",
    ]
    write("dtp.pcap", [frame(b) for b in bodies])
    full = bytes(frame(GOOD))
    write("dtp-sweep.pcap", [(full[:n], len(full)) for n in range(22, len(full))])


if __name__ == "__main__":
    main()
