#!/usr/bin/env python3
# genhosts.py: a pcap of TCP/UDP frames between 100,000 hosts of skewed popularity, for sizing the address index (docs/index.md)
# SPDX-License-Identifier: BSD-2-Clause
"""Usage: genhosts.py OUT.pcap SIZE COUNT (deterministic: the same file every time)."""
import random, struct, sys
out, size, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(19)
hosts = [rnd.getrandbits(32) for _ in range(100000)]
weights = [1.0 / (i + 1) ** 0.9 for i in range(len(hosts))]  # Zipf-like: a few hosts talk a lot
pick = lambda k: rnd.choices(hosts, weights, k=k)
servers = [80, 443, 53, 22, 25, 123, 8080, 3306]
pay = bytes(max(0, size - 14 - 20 - 20))
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    t = 1767225600
    srcs, dsts = pick(count), pick(count)
    for i in range(count):
        proto = 6 if i % 3 else 17
        sp, dp = rnd.randint(32768, 60999), rnd.choice(servers) if rnd.random() < 0.9 else rnd.randint(1, 65535)
        l4 = struct.pack(">HHIIBBHHH", sp, dp, i, 0, 0x50, 0x10, 512, 0, 0) if proto == 6 else struct.pack(">HHHH", sp, dp, 8 + len(pay), 0)
        ip = struct.pack(">BBHHHBBHII", 0x45, 0, 20 + len(l4) + len(pay), i & 0xffff, 0, 64, proto, 0, srcs[i], dsts[i])
        frame = b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip + l4 + pay
        frame = frame[:size]
        f.write(struct.pack("<IIII", t + i // 100000, i % 1000000, len(frame), len(frame)) + frame)
