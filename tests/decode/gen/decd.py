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

from scapy.all import IP, IPv6, IPv6ExtHdrFragment, TCP, UDP, Ether, Raw, fragment, fragment6

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
    # Fragments: the first is decoded (its checksum over the fragment), the rest are not.
    big = dccp(4, ack48(), payload=b"z" * 200)
    big6 = dccp(4, ack48(), payload=b"z" * 200, v6=True)[IPv6]
    f6 = IPv6(src=V6[0], dst=V6[1]) / IPv6ExtHdrFragment(nh=33, id=0x1234) / Raw(bytes(big6.payload))
    write("dccp-frag.pcap", [Ether(src=MAC1, dst=MAC2) / f for f in fragment(big[IP], fragsize=64)] +
          [Ether(src=MAC1, dst=MAC2) / f for f in fragment6(f6, 100)])


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


# ---- SunRPC and NFS (UDP and TCP port 2049) ----

def u32(*v):
    return b"".join(struct.pack("!I", x & 0xffffffff) for x in v)


def u64(v):
    return struct.pack("!Q", v)


def xstr(b):
    return u32(len(b)) + b + b"\0" * (-len(b) % 4)


FHS = [bytes(32),                                                    # Auspex
       bytes([0, 0, 1, 2, 5, 0, 7, 8, 12, 0]) + bytes(range(22)),    # OSF
       bytes([0, 0, 1, 2, 0, 8, 0, 0]) + bytes(range(1, 25)),        # IRIX4
       bytes([0, 0, 1, 2, 3, 4]) + bytes(range(9, 35)),              # SunOS4
       bytes([5, 6, 0, 0, 1, 2, 0, 0]) + bytes(range(3, 27)),        # BSD 4.4
       bytes([5, 6, 0, 0, 1, 2, 3, 4]) + bytes(range(1, 14)) + b"\0\1\0" + bytes(8),  # Ultrix
       bytes([5, 6, 0, 0, 1, 2, 3, 4, 0, 10]) + bytes(range(1, 23)),  # SunOS5
       bytes([5, 6, 0, 0, 1, 2, 3, 4, 0, 9]) + bytes(range(1, 23)),  # unknown
       bytes([1, 2, 3, 4, 5, 6, 7, 8, 12, 0]) + bytes(range(1, 23)),  # OSF
       bytes([1, 2, 3, 4, 0, 0, 0, 0, 0, 10]) + bytes(range(1, 23)),  # HP-UX 9
       bytes([1, 2, 3, 4, 5, 6, 7, 2, 0, 10]) + bytes(range(1, 23)),  # SunOS5
       b"\x01DISK$USER1\0\0\0" + bytes(range(1, 19)),                # VMS UCX
       b"\x01\x01\x01\x00UCX\0\0\0\0\0\0\0" + bytes(range(1, 19)),  # VMS, minor 257
       bytes([1, 0, 1, 0]) + bytes(range(0x80, 0x9c)),              # unknown (Linux)
       ]
FH3 = [bytes([1, 0, 7, 0, 2, 0, 0, 0]) + bytes(range(0x40, 0x58)),   # Linux-like, 32 bytes
       bytes([1, 0, 1, 0]) + bytes(range(60)),                       # 64 bytes
       bytes([1, 0, 1, 0, 9, 9, 9, 9]),                              # 8 bytes
       bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
       b""]


def fh2(i=0):
    return FHS[i % len(FHS)]


def fh3(i=0):
    return xstr(FH3[i % len(FH3)])


def rpc_call(xid, vers, proc, args=b"", prog=100003, rpcvers=2, cred=None, verf=b""):
    if cred is None:
        cred = u32(1234, 0) + xstr(b"host") + u32(0, 0, 1, 0)
    return (u32(xid, 0, rpcvers, prog, vers, proc) + u32(1 if cred else 0) + xstr(cred) +
            u32(0) + xstr(verf) + args)


def rpc_reply(xid, body=b"", astat=0, verf=b""):
    return u32(xid, 1, 0, 0) + xstr(verf) + u32(astat) + body


def fattr3(t=1, mode=0o644, size=1234):
    return (u32(t, mode, 2, 1000, 0xfffffffe) + u64(size) + u64(4096) + u32(8, 1) + u64(0x1234) +
            u64(0x5678) + u32(1600000000, 5, 1600000001, 6, 1600000002, 7))


def fattr2(t=2, mode=0o755):
    return u32(t, mode, 3, 0, 0, 512, 4096, 0x801, 8, 0x10, 0x99, 1600000000, 5,
               1600000001, 6, 1600000002, 7)


def post(a=True):
    return u32(1) + fattr3() if a else u32(0)


def wcc(pre=True, po=True):
    return (u32(1) + u64(99) + u32(1600000000, 1, 1600000000, 2) if pre else u32(0)) + post(po)


def sattr3(full=True):
    if full:
        return u32(1, 0o600, 1, 1000, 1, 100, 1, 0, 4096, 2, 1600000000, 9, 2, 1600000001, 10)
    return u32(0, 0, 0, 0, 0, 0)


def v3_calls():
    """(proc, args, [replies]) for NFSv3."""
    fh = fh3(0)
    ok = u32(0)
    err = u32(2)
    return [
        (0, b"", [b""]),
        (1, fh, [ok + fattr3(), u32(70), ok + fattr3(6), ok + fattr3(9)]),
        (2, fh + sattr3() + u32(0), [ok + wcc(), u32(1) + wcc(False, False), ok + wcc(True, False)]),
        (3, fh + xstr(b"file.txt"), [ok + fh3(1) + post() + post(), err + post(), ok + fh3(2) + post(False) + post(False)]),
        (4, fh + u32(0x1f), [ok + post() + u32(0x1f), err + post(False)]),
        (4, fh + u32(0x3f), [ok + post(False) + u32(0x3f)]),
        (4, fh + u32(0x40), [ok + post(False) + u32(0x40)]),
        (4, fh + u32(0x21), []),
        (5, fh, [ok + post() + xstr(b"/target/path"), err]),
        (6, fh + u64(8192) + u32(4096), [ok + post() + u32(4096, 1) + xstr(b"data"), ok + post(False) + u32(10, 0), u32(5) + post(False)]),
        (7, fh + u64(1 << 33) + u32(512, 2, 512) + b"x" * 512, [ok + wcc() + u32(512, 2) + u64(0xabcdef), u32(28) + wcc(False, False), ok + wcc(False, False) + u32(5, 7) + u64(1)]),
        (7, fh + u64(0) + u32(4, 0, 4) + b"abcd", []),
        (7, fh + u64(0) + u32(4, 9, 4) + b"abcd", []),
        (8, fh + xstr(b"new") + u32(0) + sattr3(), [ok + u32(1) + fh3(3) + post() + wcc(), ok + u32(0), u32(17) + wcc(), ok + u32(1) + fh3(4) + post(False) + wcc(False, False)]),
        (9, fh + xstr(b"dir") + sattr3(False), [ok + u32(1) + fh3(0) + post() + wcc()]),
        (10, fh + xstr(b"link") + sattr3() + xstr(b"/to/here"), [ok + u32(1) + fh3(1) + post() + wcc()]),
        (11, fh + xstr(b"dev") + u32(4) + sattr3() + u32(5, 6), [ok + u32(1) + fh3(1) + post() + wcc()]),
        (11, fh + xstr(b"fifo") + u32(7) + sattr3(False), []),
        (11, fh + xstr(b"sock") + u32(6) + sattr3(False), []),
        (12, fh + xstr(b"gone"), [ok + wcc(), u32(2) + wcc(False, True)]),
        (13, fh + xstr(b"olddir"), [u32(66) + wcc()]),
        (14, fh + xstr(b"a") + fh3(1) + xstr(b"b"), [ok + wcc() + wcc(), u32(18) + wcc(False, False) + wcc(False, False)]),
        (15, fh + fh3(1) + xstr(b"hard"), [ok + post() + wcc(), u32(31) + post(False) + wcc(False, False)]),
        (16, fh + u64(0) + u64(0x1122334455667788) + u32(4096), [ok + post() + u64(0x99) + u32(0) + u32(1), u32(10003) + post(False)]),
        (16, fh + u64(0xffffffffffffffff) + u64(0) + u32(512), []),
        (17, fh + u64(5) + u64(1) + u32(1024, 8192), [ok + post(False) + u64(7) + u32(0, 1)]),
        (18, fh, [ok + post() + u64(1 << 40) + u64(1 << 39) + u64(1 << 38) + u64(1000) + u64(500) + u64(400) + u32(0), u32(10006) + post(False) + bytes(52)]),
        (19, fh, [ok + post() + u32(65536, 32768, 4096, 65536, 32768, 4096, 8192) + u64(1 << 63) + u32(0, 1) + u32(0x1b), u32(10001) + post(False)]),
        (20, fh, [ok + post() + u32(32000, 255, 1, 1, 0, 1), ok + post(False) + u32(1, 2, 0, 0, 1, 0)]),
        (21, fh + u64(4096) + u32(8192), [ok + wcc() + u64(0x1122334455667788), u32(10008) + wcc(False, False)]),
        (22, fh, [ok]),
        (99, b"", [ok]),
    ]


def v2_calls():
    fh = fh2(0)
    ok = u32(0)
    return [
        (0, b"", [b""]),
        (1, fh, [ok + fattr2(), u32(70)]),
        (2, fh + u32(0o644, 1, 2, 3, 4, 5, 6, 7), [ok + fattr2(1)]),
        (3, b"", [ok]),
        (4, fh + xstr(b"name"), [ok + fh2(4) + fattr2(), u32(2)]),
        (5, fh, [ok + xstr(b"../link"), u32(22)]),
        (6, fh + u32(1024, 512, 0), [ok + fattr2(1) + xstr(b"data")]),
        (8, fh + u32(0, 100, 200, 4) + xstr(b"abcd"), [ok + fattr2(1)]),
        (9, fh + xstr(b"newfile") + u32(0o644, 0, 0, 0, 0, 0, 0, 0), [ok + fh2(5) + fattr2(1), u32(17)]),
        (10, fh + xstr(b"rmme"), [ok, u32(13)]),
        (11, fh + xstr(b"x") + fh2(1) + xstr(b"y"), [ok]),
        (12, fh + fh2(2) + xstr(b"z"), [ok]),
        (13, fh + xstr(b"sl") + xstr(b"/dest") + u32(0o777, 0, 0, 0, 0, 0, 0, 0), [ok]),
        (14, fh + xstr(b"d") + u32(0o755, 0, 0, 0, 0, 0, 0, 0), [ok + fh2(6) + fattr2()]),
        (15, fh + xstr(b"d"), [u32(66)]),
        (16, fh + u32(0, 4096), [ok + u32(1, 2, 1), ok + u32(3, 4, 0)]),
        (17, fh, [ok + u32(8192, 4096, 1000, 500, 400), u32(5)]),
        (18, fh, [ok]),
        (30, fh, [ok]),
    ]


def nfs_msgs():
    """(direction, v6, rpc message) in order, each call followed by its replies."""
    msgs, xid = [], 0x1000
    for vers, calls in ((3, v3_calls()), (2, v2_calls())):
        for proc, args, reps in calls:
            xid += 1
            msgs.append(("c", rpc_call(xid, vers, proc, args)))
            msgs += [("r", rpc_reply(xid, r)) for r in reps]
    for i in range(len(FHS)):
        xid += 1
        msgs.append(("c", rpc_call(xid, 2, 1, fh2(i))))
    for i in range(len(FH3)):
        xid += 1
        msgs.append(("c", rpc_call(xid, 3, 1, fh3(i))))
    # RPC-level replies: errors, rejections, no matching call, odd verifiers.
    msgs.append(("c", rpc_call(0x7777, 3, 1, fh3(0), cred=b"", verf=b"12345")))
    msgs += [("r", rpc_reply(0x7777, astat=a)) for a in (1, 2, 3, 4, 5, 6)]
    msgs += [("r", u32(0x7777, 1, 1, 0, 1, 3)), ("r", u32(0x7777, 1, 1, 0, 2, 3)),
             ("r", u32(0x7777, 1, 1, 1, 5)), ("r", u32(0x7777, 1, 1, 1, 9)),
             ("r", u32(0x7777, 1, 1, 2)), ("r", u32(0x7777, 1, 2)),
             ("r", rpc_reply(0x5555, u32(0) + fattr3())),
             ("r", rpc_reply(0x7777, u32(0) + fattr3(), verf=b"v" * 8)),
             ("r", u32(0x7777, 1, 0, 0, 1000)),
             ("c", rpc_call(0x8888, 3, 3, fh3(0) + u32(0xfffffffe))),
             ("c", rpc_call(0x8889, 3, 3, fh3(0) + u32(100) + b"short")),
             ("c", rpc_call(0x888a, 3, 3, fh3(0), cred=b"c" * 400)),
             ("c", rpc_call(0x888b, 3, 1, u32(0x40000000))),
             ("c", rpc_call(0x888c, 3, 6, b"", rpcvers=3)),
             ("c", u32(0x888d, 0, 2, 100003, 3)),
             ]
    return msgs


def nfs_udp(d, m, v6=False, sport=None):
    ip = IPv6(src=V6[0], dst=V6[1]) if v6 else IP(src=V4[0], dst=V4[1])
    if d == "r":
        ip = IPv6(src=V6[1], dst=V6[0]) if v6 else IP(src=V4[1], dst=V4[0])
        return Ether(src=MAC1, dst=MAC2) / ip / UDP(sport=2049, dport=sport or 800) / Raw(m)
    return Ether(src=MAC1, dst=MAC2) / ip / UDP(sport=sport or 800, dport=2049) / Raw(m)


def nfs_tcp(d, m, v6=False, mark=None):
    rec = struct.pack("!I", (0x80000000 | len(m)) if mark is None else mark) + m
    a, b = (V6 if v6 else V4)
    if d == "r":
        a, b = b, a
    ip = IPv6(src=a, dst=b) if v6 else IP(src=a, dst=b)
    sp, dp = (2049, 900) if d == "r" else (900, 2049)
    return Ether(src=MAC1, dst=MAC2) / ip / TCP(sport=sp, dport=dp, seq=1, ack=1, flags="PA") / Raw(rec)


def nfs_pcaps():
    msgs = nfs_msgs()
    udp = [nfs_udp(d, m) for d, m in msgs]
    tcp = [nfs_tcp(d, m, v6=True) for d, m in msgs]
    extra = [nfs_udp("r", msgs[1][1], sport=2049), nfs_udp("c", msgs[0][1], sport=2049),
             nfs_udp("r", rpc_call(5, 3, 1), sport=900),
             nfs_tcp("c", msgs[2][1], mark=8), nfs_tcp("c", msgs[2][1], mark=0x7fffffff),
             nfs_tcp("c", b"\0\0"), nfs_tcp("r", msgs[0][1])]
    write("nfs-udp.pcap", udp + extra)
    write("nfs-tcp.pcap", tcp + extra)
    pick = [nfs_udp(d, m) for d, m in msgs[:14]] + [nfs_udp(d, m) for d, m in msgs[40:60]]
    write("nfs-sweep.pcap", sweep(pick, 42))
    write("nfs-mut.pcap", mutate(udp, 42, n=600))
    tpick = [nfs_tcp(d, m) for d, m in msgs[:6]] + [nfs_tcp(d, m, v6=True) for d, m in msgs[40:46]]
    write("nfs-tcp-sweep.pcap", sweep(tpick, 54))
    write("nfs-tcp-mut.pcap", mutate(tcp, 74, n=400))
    # -T rpc: calls print as portmapper calls, replies as NFS replies, whatever the ports.
    rpc = [nfs_udp(d, m, sport=111) for d, m in msgs[:20]]
    rpc += [Ether(src=MAC1, dst=MAC2) / IP(src=V4[0], dst=V4[1]) / UDP(sport=700, dport=111) /
            Raw(rpc_call(9, 2, p, u32(100003, 3, 17, 0), prog=100000)) for p in range(7)]
    rpc += [nfs_udp("c", rpc_call(9, 2, 3, prog=100000, rpcvers=7), v6=True),
            nfs_udp("c", u32(1, 0, 2)), nfs_udp("c", u32(1))]
    write("nfs-rpc.pcap", rpc)
    write("nfs-rpc-sweep.pcap", sweep(rpc[20:24], 42))


# ---- NetBIOS (UDP 137, 138; TCP 139) and SMB (TCP 445) ----
# Debian's tcpdump 4.99.3 is built without its SMB printers: these print as
# plain UDP and TCP there, and the goldens hold pktctl to the same.

def nbname(name, suffix=0x20):
    raw = name.ljust(15)[:15].encode() + bytes([suffix])
    enc = b"".join(bytes([0x41 + (c >> 4), 0x41 + (c & 0xf)]) for c in raw)
    return bytes([32]) + enc + b"\0"


def netbios_pcaps():
    q = struct.pack("!HHHHHH", 0x1234, 0x0110, 1, 0, 0, 0) + nbname("WORKGROUP", 0x1d) + u32(0x00200001)
    r = (struct.pack("!HHHHHH", 0x1234, 0x8500, 0, 1, 0, 0) + nbname("HOST") +
         struct.pack("!HHIH", 0x20, 1, 300000, 6) + b"\0\0" + bytes([192, 0, 2, 9]))
    reg = (struct.pack("!HHHHHH", 0x99, 0x2910, 1, 0, 0, 1) + nbname("HOST") + u32(0x00200001) +
           b"\xc0\x0c" + struct.pack("!HHIH", 0x20, 1, 300000, 6) + b"\0\0" + bytes([192, 0, 2, 9]))
    dgm = (struct.pack("!BBHIHHH", 0x11, 0x02, 7, 0xc0000209, 138, 100, 0) + nbname("HOST") +
           nbname("WORKGROUP", 0x1e) + b"\xffSMB%" + bytes(40))
    ssn = b"\x81\0\0\x44" + nbname("SERVER") + nbname("CLIENT")
    smb = b"\0\0\0\x2f\xffSMBr" + bytes(27) + b"\0\x0c\0\x02NT LM 0.12\0"
    smb2 = b"\0\0\0\x44\xfeSMB" + struct.pack("<HHI", 64, 0, 0) + bytes(56)
    e = Ether(src=MAC1, dst=MAC2)
    p = [e / IP(src=V4[0], dst="192.0.2.255") / UDP(sport=137, dport=137) / Raw(q),
         e / IP(src=V4[1], dst=V4[0]) / UDP(sport=137, dport=137) / Raw(r),
         e / IP(src=V4[0], dst="192.0.2.255") / UDP(sport=137, dport=137) / Raw(reg),
         e / IP(src=V4[0], dst="192.0.2.255") / UDP(sport=138, dport=138) / Raw(dgm),
         e / IP(src=V4[0], dst=V4[1]) / TCP(sport=40000, dport=139, flags="PA") / Raw(ssn),
         e / IP(src=V4[0], dst=V4[1]) / TCP(sport=40001, dport=445, flags="PA") / Raw(smb),
         e / IP(src=V4[0], dst=V4[1]) / TCP(sport=40002, dport=445, flags="PA") / Raw(smb2),
         e / IPv6(src=V6[0], dst=V6[1]) / UDP(sport=137, dport=137) / Raw(q)]
    write("netbios.pcap", p)


if __name__ == "__main__":
    netbios_pcaps()
    dccp_pcaps()
    mptcp_pcaps()
    telnet_pcaps()
    nfs_pcaps()
