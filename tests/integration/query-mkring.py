#!/usr/bin/python3
# query-mkring.py: closed, un-indexed pktcapd files with varied traffic (hosts, nets, ports, VLANs, IPv6, ARP) for query-plan.sh
# SPDX-License-Identifier: BSD-2-Clause
"""Usage: query-mkring.py DIR PREFIX NFILES [gzip]

Each file holds about 2400 Ethernet frames (several index blocks): common
hosts in 10.0.0.0/22 on a few ports, and per file something only it holds
(a rare host, a port, VLAN ids, IPv6, ARP, ICMP, fragments), so that a
filter matches some files and blocks and not others. Deterministic.
"""
import gzip
import os
import random
import struct
import sys
import time

out, prefix, nfiles = sys.argv[1], sys.argv[2], int(sys.argv[3])
gz = len(sys.argv) > 4 and sys.argv[4] == "gzip"
rnd = random.Random(19)
MAC = bytes.fromhex("020000000001" "020000000002")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff


def ip4(src, dst, proto, l4, frag=0x4000):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), rnd.randrange(65536), frag, 64,
                    proto, 0, bytes(src), bytes(dst))
    return struct.pack("!H", 0x0800), h[:10] + struct.pack("!H", csum(h)) + h[12:] + l4


def ip6(src, dst, nh, l4):
    h = struct.pack("!IHBB16s16s", 0x60000000, len(l4), nh, 64, src, dst)
    return struct.pack("!H", 0x86dd), h + l4


def l4(proto, sport, dport, size):
    pay = bytes(rnd.randrange(256) for _ in range(8)) * (size // 8)
    if proto == 6:
        return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 0x50, 0x18, 512, 0, 0) + pay
    if proto == 17:
        return struct.pack("!HHHH", sport, dport, 8 + len(pay), 0) + pay
    if proto == 132:	# a DATA chunk
        return struct.pack("!HHII", sport, dport, 1, 0) + \
            struct.pack("!BBHIHHI", 0, 3, 16 + len(pay), 1, 0, 0, 0) + pay
    return struct.pack("!BBHHH", 8, 0, 0, 1, 1) + pay	# ICMP echo


def eth(l3, vlans=()):
    tags = b""
    for i, (tpid, vid) in enumerate(vlans):
        tags += struct.pack("!HH", tpid, vid)
    et, body = l3
    return MAC + tags + et + body


def arp(spa, tpa):
    return struct.pack("!H", 0x0806), struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1,
                                                   MAC[6:], bytes(spa), b"\0" * 6, bytes(tpa))


def common():
    a = [10, 0, rnd.choice((0, 0, 0, 1, 2, 3)), int(rnd.paretovariate(1.2)) % 50 + 1]
    b = [10, 0, rnd.choice((0, 1)), rnd.randrange(1, 20)]
    proto = rnd.choice((6, 6, 17))
    port = rnd.choice((80, 443, 443, 53, 22, 8080))
    return eth(ip4(a, b, proto, l4(proto, rnd.randrange(30000, 30100), port, 240)))


def special(f, i):
    """File f's own traffic, in its second block only (packets 900..1000)."""
    if f == 1:
        return eth(ip4([10, 9, 9, 9], [10, 0, 0, 1], 1, l4(1, 0, 0, 64)))
    if f == 2:
        return eth(ip6(bytes.fromhex("20010db8" + "0" * 23 + "1"), bytes.fromhex("20010db8" + "0" * 23 + "2"),
                       6, l4(6, 40000, 443, 200)))
    if f == 3:
        return eth(ip4([203, 0, 113, 7], [10, 0, 0, 5], 6, l4(6, 51000 + i % 3, 4444, 100)))
    if f == 4:
        return eth(arp([192, 168, 5, 5], [192, 168, 5, 1]))
    if f == 5:
        return eth(ip4([172, 16, 1, i % 4 + 1], [10, 0, 0, 2], 17, l4(17, 7000, 7001, 120)), [(0x8100, 10)])
    if f == 6:
        return eth(ip4([172, 16, 2, 1], [10, 0, 0, 3], 17, l4(17, 6000, 6001, 120)), [(0x88a8, 100), (0x8100, 20)])
    if f == 7:
        return eth(ip4([10, 0, 3, 99], [10, 0, 1, 1], 132, l4(132, 2905, 2905, 100)))
    # Fragments: the first with ports, the rest without.
    frag = 0x2000 if i % 2 == 0 else 0x0002
    return eth(ip4([198, 51, 100, 9], [10, 0, 0, 9], 17, l4(17, 9999, 9998, 200), frag))


hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)
t = 1795600000.0
os.makedirs(out, exist_ok=True)
for f in range(1, nfiles + 1):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(t)))
    path = "%s/%s-%s-%06d.pcap%s" % (out, prefix, stamp, f, ".gz" if gz else "")
    parts = [hdr]
    for i in range(2400):
        fr = special((f - 1) % 8 + 1, i) if 900 <= i < 1000 and f <= 8 else common()
        sec, usec = int(t), int((t - int(t)) * 1e6)
        parts.append(struct.pack("<IIII", sec, usec, len(fr), len(fr)) + fr)
        t += 0.025
    data = b"".join(parts)
    with open(path, "wb") as fp:
        fp.write(gzip.compress(data, mtime=0) if gz else data)
    os.chmod(path, 0o440)
    t += 5
