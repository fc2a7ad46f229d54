#!/usr/bin/python3
# seed_decode.py: turns conformance pcaps into decoder fuzz inputs (tests/fuzz/corpus/decode/NAME-i)
# SPDX-License-Identifier: BSD-2-Clause
#
# An input is fuzz_decode.c's format: the link type's index, the option
# flags, the bytes the wire had beyond the capture, then the packet. Up to
# 12 records per pcap, spread over the file so that the truncated ones of a
# sweep are among them, each with other options. Usage:
#   /usr/bin/python3 tests/fuzz/seed_decode.py tests/decode/pcaps/dhcp-*.pcap
import os
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "decode")
# fuzz_decode.c's link types, by index
LINKTYPES = {1: 0, 113: 1, 276: 2, 0: 3, 108: 4, 101: 5, 228: 6, 229: 7}
# -v levels, -e, -q, -X, -x, -A in fuzz_decode.c's bit order
FLAGS = [0x00, 0x01, 0x02, 0x03, 0x14, 0x23, 0x41, 0x0b, 0x06, 0x31, 0x43, 0x02]
PER_PCAP = 12


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, _, _, _, _, _, linktype = struct.unpack("<IHHiIII", data[:24])
    if magic != 0xa1b2c3d4:
        raise SystemExit("%s: only little-endian microsecond pcaps" % path)
    off = 24
    while off + 16 <= len(data):
        _, _, caplen, wirelen = struct.unpack("<IIII", data[off:off + 16])
        yield linktype, data[off + 16:off + 16 + caplen], wirelen - caplen
        off += 16 + caplen


def main():
    for path in sys.argv[1:]:
        name = os.path.basename(path)[:-len(".pcap")]
        recs = list(records(path))
        step = max(1, len(recs) // PER_PCAP)
        for i, (linktype, pkt, extra) in enumerate(recs[::step][:PER_PCAP]):
            with open(os.path.join(OUT, "%s-%d" % (name, i)), "wb") as f:
                f.write(bytes([LINKTYPES[linktype], FLAGS[i], min(extra, 255)]) + pkt)


if __name__ == "__main__":
    main()
