#!/usr/bin/python3
# mkscale.py: writes TOTAL bytes of UDP traffic as NFILES closed, un-indexed pktcapd files (for bench/scale.sh and tests)
# SPDX-License-Identifier: BSD-2-Clause
"""Usage: mkscale.py DIR PREFIX TOTAL_BYTES NFILES [START_EPOCH [SECONDS]]

Files are named as pktcapd names them (PREFIX-YYYYMMDDTHHMMSSZ-NNNNNN.pcap,
the time of the file's first packet), mode 0440 like a closed file, and
hold plain pcap (microseconds, Ethernet). The same TOTAL split into more
files gives the same packets: only the file boundaries move. The traffic
spans SECONDS (default: one day) from START_EPOCH (default 2026-11-25).
"""
import os
import struct
import sys
import time

out, prefix, total, nfiles = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
start = int(sys.argv[5]) if len(sys.argv) > 5 else 1795600000
span = float(sys.argv[6]) if len(sys.argv) > 6 else 86400.0

# One 512-byte UDP frame from 198.18.0.2:4000 to 198.18.0.1:5000.
payload = bytes(range(256)) * 2
eth = bytes.fromhex("020000000001" "020000000002" "0800")
ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 8 + 470, 0, 0x4000, 64, 17, 0,
                 bytes([198, 18, 0, 2]), bytes([198, 18, 0, 1]))
udp = struct.pack("!HHHH", 4000, 5000, 8 + 470, 0)
frame = (eth + ip + udp + payload)[:512]
rec_len = 16 + len(frame)
hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)

npkts = max(nfiles, (total - 24 * nfiles) // rec_len)
step = span / npkts
per_file = npkts // nfiles
os.makedirs(out, exist_ok=True)
pkt = 0
for seq in range(1, nfiles + 1):
    n = per_file if seq < nfiles else npkts - pkt
    t0 = start + pkt * step
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(t0)))
    path = "%s/%s-%s-%06d.pcap" % (out, prefix, stamp, seq)
    parts = [hdr]
    for i in range(n):
        t = start + (pkt + i) * step
        sec = int(t)
        parts.append(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(frame), len(frame)))
        parts.append(frame)
    with open(path, "wb") as f:
        f.write(b"".join(parts))
    os.chmod(path, 0o440)
    pkt += n
print("%d files, %d packets, %d bytes, %s .. %s" % (nfiles, npkts, npkts * rec_len + 24 * nfiles,
      time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)),
      time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + span))))
