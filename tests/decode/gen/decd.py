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

from scapy.all import IP, IPv6, TCP, Ether, Raw

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


# ---- MPTCP (TCP option 30) ----

def mptcp(body, flags="A", pre=(), post=(), v6=False, payload=b""):
    opts = list(pre) + [(30, bytes(body))] + list(post)
    ip = IPv6(src=V6[0], dst=V6[1]) if v6 else IP(src=V4[0], dst=V4[1])
    return Ether(src=MAC1, dst=MAC2) / ip / TCP(sport=40000, dport=80, seq=1000, ack=2000,
                                                flags=flags, options=opts) / Raw(payload)


def k8(v):
    return struct.pack("!Q", v)


def mptcp_pkts():
    key1, key2 = 0x0102030405060708, 0xa1a2a3a4a5a6a7a8
    p = [mptcp(b"\x00\x81" + k8(key1), "S", pre=[("MSS", 1460)]),
         mptcp(b"\x01\x81", "S"),
         mptcp(b"\x00\x01" + k8(key1), "SA"),
         mptcp(b"\x00\x81" + k8(key1) + k8(key2), "A"),
         mptcp(b"\x01\x00" + k8(key1) + k8(key2) + b"\x00\x05", "PA", payload=b"hello"),
         mptcp(b"\x05\x81" + k8(key1), "S"),
         mptcp(b"\x00\x81" + k8(key1), "A"),
         mptcp(b"\x10\x02" + struct.pack("!II", 0xdeadbeef, 0x11223344), "S"),
         mptcp(b"\x11\x03" + struct.pack("!II", 0xdeadbeef, 0x11223344), "S", v6=True),
         mptcp(b"\x10\x04" + k8(key2) + struct.pack("!I", 7), "SA"),
         mptcp(b"\x10\x00" + bytes(range(20)), "A"),
         mptcp(b"\x10\x00" + bytes(range(20)), "S"),
         mptcp(b"\x10\x04" + k8(key2) + struct.pack("!I", 7), "S"),
         mptcp(b"\x20\x01" + struct.pack("!I", 55), "A"),
         mptcp(b"\x20\x03" + k8(1 << 40), "A"),
         mptcp(b"\x20\x04" + struct.pack("!IIH", 9, 10, 100), "PA", payload=b"x" * 100),
         mptcp(b"\x20\x05" + struct.pack("!IIIH", 8, 9, 10, 100), "PA", payload=b"x" * 100),
         mptcp(b"\x20\x0d" + k8(3) + struct.pack("!IIHH", 9, 10, 100, 0xabcd), "PA"),
         mptcp(b"\x20\x1f" + k8(3) + k8(4) + struct.pack("!IHH", 10, 1, 0x1234), "FA"),
         mptcp(b"\x20\x10", "FA"),
         mptcp(b"\x20\x01" + struct.pack("!H", 5), "A"),
         mptcp(b"\x20\x03" + struct.pack("!I", 5), "A"),
         mptcp(b"\x20\x04" + struct.pack("!I", 5), "A"),
         mptcp(b"\x20\x04" + struct.pack("!II", 5, 6), "A"),
         mptcp(b"\x20\x04" + struct.pack("!IIH", 5, 6, 1) + b"\x00", "A"),
         mptcp(b"\x20\x01" + struct.pack("!I", 55), "SA"),
         mptcp(b"\x20", "A"),
         mptcp(b"\x34\x01" + bytes([10, 0, 0, 1]), "A"),
         mptcp(b"\x34\x02" + bytes([10, 0, 0, 1]) + b"\x1f\x90", "A"),
         mptcp(b"\x30\x03" + bytes([10, 0, 0, 1]) + k8(key1), "A"),
         mptcp(b"\x30\x03" + bytes([10, 0, 0, 1]) + b"\x1f\x90" + k8(key1), "A"),
         mptcp(b"\x36\x04" + bytes(range(16)), "A"),
         mptcp(b"\x36\x04" + bytes(range(16)) + b"\x00\x50", "A"),
         mptcp(b"\x31\x05" + bytes(range(16)) + k8(key2), "A"),
         mptcp(b"\x30\x05" + bytes(range(16)) + b"\x00\x50" + k8(key2), "A"),
         mptcp(b"\x3f\x05" + bytes([10, 0, 0, 1]), "A"),
         mptcp(b"\x30\x05" + bytes([10, 0, 0, 1, 2]), "A"),
         mptcp(b"\x40\x01", "A"),
         mptcp(b"\x40\x01\x02\x03", "A"),
         mptcp(b"\x40", "A"),
         mptcp(b"\x51", "A"),
         mptcp(b"\x50\x07", "A"),
         mptcp(b"\x51\x07\x00", "A"),
         mptcp(b"\x60\x00" + k8(99), "A"),
         mptcp(b"\x60\x00" + k8(99)[:4], "A"),
         mptcp(b"\x70\x00" + k8(key1), "A"),
         mptcp(b"\x70\x00" + k8(key1) + b"\x00", "A"),
         mptcp(b"\x80\x00" + k8(key1), "R"),
         mptcp(b"\xf0\x00\x01", "A"),
         mptcp(b"\x00", "A"),
         mptcp(b"", "A"),
         mptcp(b"\x20\x01" + struct.pack("!I", 55), "A", pre=[("NOP", None), ("NOP", None)],
               post=[(30, b"\x51\x07"), ("Timestamp", (1, 2))]),
         mptcp(b"\x20\x01" + struct.pack("!I", 55), "A", v6=True,
               post=[(30, b"\x40\x01\x02"), (30, b"\x20\x10")]),
         ]
    return p


def mptcp_pcaps():
    p = mptcp_pkts()
    emit("mptcp", p, 54)


# ---- telnet (TCP port 23) ----

def tn(payload, sport=23, dport=40001, v6=False):
    ip = IPv6(src=V6[0], dst=V6[1]) if v6 else IP(src=V4[0], dst=V4[1])
    return Ether(src=MAC1, dst=MAC2) / ip / TCP(sport=sport, dport=dport, seq=5, ack=7,
                                                flags="PA") / Raw(payload)


def telnet_pkts():
    IAC, SB, SE = 255, 250, 240
    neg = b"".join(bytes([IAC, c, o]) for c in (251, 252, 253, 254) for o in (0, 1, 3, 24, 31, 39, 40, 200))
    p = [tn(neg[:48]), tn(neg[48:], sport=40001, dport=23),
         tn(b"".join(bytes([IAC, c]) for c in range(236, 250))),
         tn(bytes([IAC, IAC]) + b"text"),
         tn(bytes([IAC, SB, 24, 1, IAC, SE])),
         tn(bytes([IAC, SB, 24, 0]) + b"VT100" + bytes([IAC, SE, IAC, 251, 1])),
         tn(bytes([IAC, SB, 31, 0, 80, 0, 24, IAC, SE])),
         tn(bytes([IAC, SB, 32, 0]) + b"38400,38400" + bytes([IAC, SE])),
         tn(bytes([IAC, SB, 37, 1, 0, 2, 2, IAC, SE])),
         tn(bytes([IAC, SB, 37, 0, 8, 2, IAC, SE, IAC, SB, 37, 7, 99, IAC, SE])),
         tn(bytes([IAC, SB, 37, 1, IAC, SE])),
         tn(bytes([IAC, SB, 37, IAC, SE])),
         tn(bytes([IAC, SB, 38, 1, 1, 2, IAC, SE, IAC, SB, 38, 3, 5, IAC, SE, IAC, SB, 38, 12, 12, IAC, SE])),
         tn(bytes([IAC, SB, 39, 0, 0]) + b"USER" + bytes([1]) + b"root" + bytes([IAC, SE])),
         tn(bytes([IAC, SB, 200, 5, IAC, SE])),
         tn(bytes([IAC, SB, 24, 1, 2, 3])),
         tn(bytes([IAC, SB, 24, 1, 2, IAC])),
         tn(bytes([IAC, SB, 24])),
         tn(bytes([IAC, SB])),
         tn(bytes([IAC, 251])),
         tn(bytes([IAC])),
         tn(bytes([IAC, 100, 1])),
         tn(bytes([IAC, 251, 1]) + b"login: "),
         tn(b"login: " + bytes([IAC, 251, 1])),
         tn(bytes([IAC, 253, 1, IAC, 253, 3, IAC, 251, 24, IAC, 251, 31, IAC, 251, 32, IAC, 251, 33]),
            v6=True),
         tn(bytes([IAC, SB, 24, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, IAC, SE, IAC, 251, 1])),
         ]
    return p


def telnet_pcaps():
    IAC, SB = 255, 250
    p = telnet_pkts()
    emit("telnet", p, 54)
    # IAC SB ... IAC at the very end: tcpdump steps past the end by a byte.
    pad = [bytes(tn(bytes([IAC, SB, 24, 1, 2, IAC]))) + b"\0" * 6,
           bytes(tn(bytes([IAC, SB, 24, 1, 2, IAC]))) + bytes([IAC, 251, 1, 0, 0, 0])]
    write("telnet-pad.pcap", pad)


if __name__ == "__main__":
    dccp_pcaps()
    mptcp_pcaps()
    telnet_pcaps()
