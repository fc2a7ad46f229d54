#!/usr/bin/python3
# decd.py: writes the DCCP, MPTCP, SunRPC/NFS, NetBIOS and telnet conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# Headers are packed by hand with struct inside scapy's Ethernet and IP
# headers: every DCCP packet type and option, with right and wrong
# checksums and partial coverage. Each protocol gets a basic pcap, a sweep
# (cut at every length) and a mutation pcap. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/decd.py
import os
import struct
import sys

from scapy.all import IP, IPv6, Ether, Raw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import write, sweep, mutate, MAC1, MAC2  # noqa: E402


def emit(name, pkts, start, extra=()):
    write(name + "-basic.pcap", list(pkts) + list(extra))
    write(name + "-sweep.pcap", sweep(pkts, start))
    write(name + "-mut.pcap", mutate(pkts, start, n=400))


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


# ---- DCCP (IP protocol 33) ----

V4 = ("192.0.2.1", "192.0.2.2")
V6 = ("2001:db8::1", "2001:db8::2")


def dccp(typ, body=b"", opts=b"", x=1, seq=0x010203040506, ccval=0, cscov=0, sport=5001,
         dport=5002, doff=None, payload=b"", v6=False, cksum="good"):
    if x:
        seqb = struct.pack("!BBHI", (typ << 1) | 1, 0, (seq >> 32) & 0xffff, seq & 0xffffffff)
    else:
        seqb = struct.pack("!BBH", typ << 1, (seq >> 16) & 0xff, seq & 0xffff)
    if len(opts) % 4:
        opts += b"\0" * (4 - len(opts) % 4)
    hlen = 8 + len(seqb) + len(body) + len(opts)
    d = hlen // 4 if doff is None else doff
    hdr = struct.pack("!HHBBH", sport, dport, d, (ccval << 4) | cscov, 0)
    seg = hdr + seqb + body + opts + payload
    src, dst = V6 if v6 else V4
    if cksum == "good":
        if v6:
            import ipaddress
            ph = (ipaddress.ip_address(src).packed + ipaddress.ip_address(dst).packed +
                  struct.pack("!IxxxB", len(seg), 33))
        else:
            ph = (bytes(map(int, src.split("."))) + bytes(map(int, dst.split("."))) +
                  struct.pack("!xBH", 33, len(seg)))
        cov = len(seg) if cscov == 0 else min(len(seg), (d + cscov - 1) * 4)
        c = csum(ph + seg[:cov])
    else:
        c = 0x1234
    seg = seg[:6] + struct.pack("!H", c) + seg[8:]
    if v6:
        return Ether(src=MAC1, dst=MAC2) / IPv6(src=src, dst=dst, nh=33) / Raw(seg)
    return Ether(src=MAC1, dst=MAC2) / IP(src=src, dst=dst, proto=33) / Raw(seg)


def ack48(a=0x0a0b0c0d0e0f):
    return struct.pack("!HHI", 0, (a >> 32) & 0xffff, a & 0xffffffff)


def ack24(a=0x0a0b0c):
    return struct.pack("!BBH", 0, (a >> 16) & 0xff, a & 0xffff)


def dccp_pkts():
    opts_all = (b"\x00\x01\x02" + bytes([32, 4, 1, 2]) + bytes([33, 3, 2]) + bytes([34, 5, 3, 0, 7]) +
                bytes([35, 4, 15, 1]) + bytes([36, 6, 1, 2, 3, 4]) + bytes([37, 4, 9, 8]) +
                bytes([38, 5, 0xc0, 0x01, 0x02]) + bytes([39, 3, 0x40]) + bytes([40, 4, 1, 2]) +
                bytes([41, 6, 0, 0, 1, 0]) + bytes([42, 6, 0, 0, 0, 5]) +
                bytes([42, 8, 0, 0, 0, 5, 0, 9]) + bytes([42, 10, 0, 0, 0, 5, 0, 0, 1, 9]) +
                bytes([42, 7, 0, 0, 0, 5, 1]) + bytes([43, 4, 1, 2]) + bytes([43, 6, 0, 1, 0, 2]) +
                bytes([43, 5, 0, 1, 0]) + bytes([44, 6, 0xde, 0xad, 0xbe, 0xef]) +
                bytes([41, 5, 0, 0, 1]) + bytes([36, 2]) + bytes([44, 2]) + bytes([32, 2]) +
                bytes([128, 4, 0, 7]) + bytes([129, 6, 0, 0, 0, 9]) + bytes([130, 3, 1]) +
                bytes([50, 3, 1]) + bytes([3, 4]))
    p = []
    for v6 in (False, True):
        p += [dccp(0, struct.pack("!I", 42), v6=v6),
              dccp(1, ack48() + struct.pack("!I", 42), v6=v6),
              dccp(2, payload=b"data data", v6=v6),
              dccp(3, ack48(), v6=v6),
              dccp(4, ack48(), payload=b"xyz", v6=v6)]
    for t in range(5, 10):
        body = ack48() + (bytes([t + 1, 1, 2, 3]) if t == 7 else b"")
        p.append(dccp(t, body))
    for code in (0, 1, 11, 12, 200):
        p.append(dccp(7, ack48() + bytes([code, 0, 0, 0])))
    p += [dccp(10, b""), dccp(15, ack48()),
          dccp(0, struct.pack("!I", 1), x=0, seq=0x123456),
          dccp(3, ack24(), x=0, seq=0x10),
          dccp(4, ack24(), x=0, cscov=1, ccval=5, payload=b"abcdefgh"),
          dccp(4, ack48(), cscov=3, payload=b"abcdefgh" * 3),
          dccp(4, ack48(), cscov=15, payload=b"ab"),
          dccp(2, payload=b"bad", cksum="bad"),
          dccp(3, ack48(), opts=opts_all[:40]),
          dccp(3, ack48(), opts=opts_all[40:80]),
          dccp(3, ack48(), opts=opts_all[80:]),
          dccp(3, ack48(), opts=bytes([32, 1, 0, 0])),
          dccp(3, ack48(), opts=bytes([130, 1, 0, 0])),
          dccp(3, ack48(), opts=bytes([36, 12, 1, 2])),
          dccp(3, ack48(), opts=bytes([140, 12, 1, 2])),
          dccp(3, ack48(), opts=bytes([32, 9, 1, 2, 3, 4, 5, 6])),
          dccp(0, struct.pack("!I", 1), doff=3),
          dccp(3, ack48(), doff=60),
          dccp(1, ack48()[:4]),
          dccp(7, ack48()),
          dccp(3, b""),
          dccp(3, ack24(), x=0, opts=b"\x00\x00\x00\x00"),
          ]
    short = Ether(src=MAC1, dst=MAC2) / IP(src=V4[0], dst=V4[1], proto=33) / Raw(b"\x13\x89\x13\x8a\x03\x00\x00\x00\x05\x00\x01\x02")
    short2 = Ether(src=MAC1, dst=MAC2) / IP(src=V4[0], dst=V4[1], proto=33) / Raw(b"\x13\x89\x13\x8a\x03\x00\x00")
    p += [short, short2]
    return p


def dccp_pcaps():
    p = dccp_pkts()
    emit("dccp", p, 34)


if __name__ == "__main__":
    dccp_pcaps()
