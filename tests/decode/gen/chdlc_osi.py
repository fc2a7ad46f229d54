#!/usr/bin/python3
# chdlc_osi.py: writes the Cisco HDLC (DLT_C_HDLC) pcaps carrying OSI (protocol 0xfefe): IS-IS, ES-IS, CLNP
# SPDX-License-Identifier: BSD-2-Clause
#
# The PDUs are discovery.py's, each with and without the "fudge" byte
# tcpdump looks for before an NLPID, plus frames cut at every length.
# Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/chdlc_osi.py
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import discovery  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000
DLT_C_HDLC = 104


def write(name, recs):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, DLT_C_HDLC))
        for i, (data, wire) in enumerate(recs):
            f.write(struct.pack("<IIII", T0 + i, 1000 + i, len(data), wire))
            f.write(data)


def main():
    hdr = b"\x0f\x00\xfe\xfe"
    isis = discovery.isis_msgs()[:6]
    osi = discovery.osi_msgs()
    pdus = isis + osi
    frames = []
    for p in pdus:
        frames.append(hdr + b"\x00" + p)	# with the fudge byte
        frames.append(hdr + p)		# without it
    frames += [hdr, hdr + b"\x83", b"\x8f\x00\xfe\xfe\x00\xcf\xff\x03"]
    write("chdlc-osi.pcap", [(f, len(f)) for f in frames])
    cut = []
    for f in (frames[0], frames[5], frames[2 * len(isis) + 1]):
        cut += [(f[:n], len(f)) for n in range(1, len(f))]
    write("chdlc-osi-sweep.pcap", cut)


if __name__ == "__main__":
    main()
