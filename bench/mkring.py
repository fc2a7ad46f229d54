#!/usr/bin/python3
# mkring.py: writes a day-long ring of mixed traffic as pktcapd stores it (plain, or gzip members) for bench/query
# SPDX-License-Identifier: BSD-2-Clause
import os
import random
import struct
import sys
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mkmixed import templates  # noqa: E402

out, prefix, total, gz = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "gzip"
file_size = 256 << 20
start = 1795600000  # a day of traffic, 2026-11-25
random.seed(7)
tpl = templates()
hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)
avg = sum(len(p) + 16 for p in tpl) / len(tpl)
npkts = int(total / avg)
step = 86400.0 / npkts

seq, t, buf, bufsize, raw, f = 0, float(start), [], 0, 0, None

def name(ts, n):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ts))
    return "%s/%s-%s-%06d.pcap%s" % (out, prefix, stamp, n, ".gz" if gz else "")

def flush(chunk):
    if gz:
        c = zlib.compressobj(1, zlib.DEFLATED, 31)  # one gzip member per chunk, as pktcapd writes
        f.write(c.compress(chunk) + c.flush())
    else:
        f.write(chunk)

for i in range(npkts):
    if f is None:
        seq += 1
        f = open(name(t, seq), "wb")
        flush(hdr)
        raw = 24
    p = tpl[i % len(tpl)]
    sec = int(t)
    buf.append(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(p), len(p)) + p)
    bufsize += 16 + len(p)
    raw += 16 + len(p)
    # A member (and a seek point) every 256 KiB, as pktcapd's writer cuts them (POINT_EVERY).
    if bufsize >= 256 << 10 or raw >= file_size:
        flush(b"".join(buf))
        buf, bufsize = [], 0
    if raw >= file_size:
        f.close()
        f = None
    t += step
if f:
    flush(b"".join(buf))
    f.close()
