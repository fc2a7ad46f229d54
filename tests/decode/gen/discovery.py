#!/usr/bin/python3
# discovery.py: writes the PIM, EIGRP, Babel, CDP and DVMRP conformance pcaps (no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# Messages are packed by hand with struct and wrapped in scapy's headers;
# routing.py's helpers write the files. Each protocol also gets a sweep: some
# of its packets cut at every length. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/discovery.py
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from routing import write, sweep, cksum, with_sum, a  # noqa: E402
from scapy.all import IP, IPv6, UDP, Ether, Raw  # noqa: E402

MAC1 = "00:11:22:33:44:55"
A6S, A6D = "fe80::1", "ff02::d"


def a6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def v4(proto, m, dst="224.0.0.13", ttl=1):
    return Ether(src=MAC1, dst="01:00:5e:00:00:0d") / \
        IP(src="192.0.2.1", dst=dst, ttl=ttl, proto=proto, id=1) / Raw(m)


def v6(nh, m, dst=A6D):
    return Ether(src=MAC1, dst="33:33:00:00:00:0d") / \
        IPv6(src=A6S, dst=dst, nh=nh, hlim=1) / Raw(m)


# ---- PIM ----

def pim(t, body, rsv=0, ver=2, good=True, sumlen=None):
    m = struct.pack("!BBH", (ver << 4) | t, rsv, 0) + body
    if not good:
        return m[:2] + b"\x12\x34" + m[4:]
    n = len(m) if sumlen is None else sumlen
    return m[:2] + struct.pack("!H", cksum(m[:n])) + m[4:]


def pim6(t, body, rsv=0, dst=A6D):
    m = struct.pack("!BBH", 0x20 | t, rsv, 0) + body
    ph = a6(A6S) + a6(dst) + struct.pack("!IxxxB", len(m), 103)
    return m[:2] + struct.pack("!H", cksum(ph + m)) + m[4:]


def eu(addr):
    """Encoded unicast address."""
    return (b"\x02\x00" + a6(addr)) if ":" in addr else (b"\x01\x00" + a(addr))


def eg(addr, ml=None, flags=0):
    """Encoded group (flags = the reserved byte) or source address (flags = S/W/R)."""
    if ":" in addr:
        return struct.pack("!BBBB", 2, 0, flags, 128 if ml is None else ml) + a6(addr)
    return struct.pack("!BBBB", 1, 0, flags, 32 if ml is None else ml) + a(addr)


def opt(t, v):
    return struct.pack("!HH", t, len(v)) + v


def hello_opts():
    return (opt(1, struct.pack("!H", 105)) + opt(2, struct.pack("!HH", 0x81f4, 2500)) +
            opt(19, struct.pack("!I", 7)) + opt(18, b"") + opt(20, struct.pack("!I", 0xdeadbeef)) +
            opt(21, struct.pack("!BBH", 1, 60, 0)) + opt(21, struct.pack("!BBH", 1, 0, 5)) +
            opt(22, b"") + opt(24, eu("10.1.1.1") + eu("10.1.1.2")) +
            opt(65001, eu("2001:db8::1")) + opt(99, b"abc") + opt(18, struct.pack("!I", 3)))


def join_prune(rsv=0, addr=None):
    if addr:
        up, grp, src = a("10.0.0.254"), struct.pack("!BB", 0, 32) + a("239.1.1.1"), \
            struct.pack("!BB", 4, 32) + a("10.9.9.9")
        return pim(3, up + struct.pack("!BBH", 0, 1, 210) + grp + struct.pack("!HH", 1, 0) + src,
                   rsv=rsv)
    body = eu("10.0.0.254") + struct.pack("!BBH", 0, 3, 210)
    body += eg("239.1.1.1") + struct.pack("!HH", 2, 1) + eg("10.9.9.9", flags=4) + \
        eg("10.9.0.0", 16, flags=7) + eg("10.8.8.8", flags=0xfd)
    body += eg("239.2.0.0", 16, flags=0x80) + struct.pack("!HH", 0, 0)
    body += eg("239.3.3.3") + struct.pack("!HH", 1, 0) + eg("10.7.7.7", flags=6)
    return pim(3, body)


def bootstrap():
    body = struct.pack("!HBB", 0x1234, 30, 64) + eu("10.0.0.1")
    body += eg("224.0.0.0", 4) + struct.pack("!BBH", 2, 2, 0)
    body += eu("10.0.0.2") + struct.pack("!HBB", 150, 1, 0)
    body += eu("10.0.0.3") + struct.pack("!HBB", 3600, 2, 0)
    body += eg("239.0.0.0", 8) + struct.pack("!BBH", 1, 1, 0) + eu("10.0.0.4") + \
        struct.pack("!HBB", 90, 0, 0)
    return pim(4, body)


def pim_v2_msgs():
    inner = IP(src="10.5.5.5", dst="239.9.9.9", ttl=16, id=7) / UDP(sport=1000, dport=2000) / \
        Raw(b"data")
    inner6 = IPv6(src="2001:db8::5", dst="ff0e::9") / UDP(sport=1000, dport=2000) / Raw(b"x")
    null_hdr = bytes(IP(src="10.5.5.5", dst="239.9.9.9", version=0))
    return [
        pim(0, hello_opts()),
        pim(0, opt(1, struct.pack("!H", 0xffff)), good=False),
        pim(0, opt(1, b"\0\0\0")),                                       # bad option length
        pim(0, opt(2, b"\0\0")),
        pim(0, opt(20, b"\0\0")),
        pim(0, opt(21, b"\0")),
        pim(0, opt(19, b"\0\0")),
        pim(0, opt(1, b"\0\x1e") + b"\0\x02\0\x09\0"),                  # option longer than message
        pim(0, opt(24, b"\x07\x00\x01\x02\x03\x04")),                    # unknown family
        struct.pack("!BBH", 0x20, 0, 0) + opt(1, b"\0\x1e"),             # checksum 0
        pim(1, struct.pack("!I", 0x80000000) + bytes(inner), sumlen=8),
        pim(1, struct.pack("!I", 0x80000000) + bytes(inner)),            # whole-message sum
        pim(1, struct.pack("!I", 0x40000000) + null_hdr, sumlen=8),
        pim(1, struct.pack("!I", 0xc0000000) + bytes(inner6), sumlen=8),
        pim(1, struct.pack("!I", 0) + b"\x55" + b"\0" * 19, sumlen=8),
        pim(1, struct.pack("!I", 0)),
        pim(2, eg("239.1.1.1") + eu("10.5.5.5")),
        pim(2, eg("239.1.1.1", 24, flags=3)),
        join_prune(),
        join_prune(rsv=4, addr=True),                                    # RFC 2117 encoding
        pim(3, eu("10.0.0.254") + struct.pack("!BBH", 0, 1, 0xffff) + eg("239.1.1.1") +
            struct.pack("!HH", 0, 0)),
        pim(6, eu("10.0.0.254") + struct.pack("!BBH", 0, 1, 0) + eg("239.1.1.1") +
            struct.pack("!HH", 1, 0) + eg("10.9.9.9", flags=4)),
        pim(7, struct.pack("!BBH", 0, 1, 0) + eg("239.1.1.1") + struct.pack("!HH", 0, 0)),
        pim(3, eu("10.0.0.254") + struct.pack("!BBH", 0, 2, 60) + eg("239.1.1.1") +
            struct.pack("!HH", 1, 0)),                                   # groups run out
        bootstrap(),
        pim(4, struct.pack("!HBB", 1, 30, 0) + eu("10.0.0.1")),
        pim(5, eg("239.1.1.1") + eu("10.5.5.5") + struct.pack("!II", 0x80000064, 20)),
        pim(5, eg("239.1.1.1") + eu("10.5.5.5") + struct.pack("!II", 110, 2)),
        pim(5, eg("239.1.1.1") + eu("10.5.5.5") + b"\0\0\0"),
        pim(8, struct.pack("!BBH", 2, 192, 150) + eu("10.0.0.2") + eg("239.0.0.0", 8) +
            eg("224.0.0.0", 4, flags=1)),
        pim(8, struct.pack("!BBH", 0, 1, 0) + eu("10.0.0.2")),
        pim(9, eu("10.5.5.5") + eg("239.1.1.1") + eu("10.0.0.1") + struct.pack("!H", 90)),
        pim(10, eu("10.0.0.9") + struct.pack("!II", 100, 5), rsv=0x10),
        pim(10, eu("10.0.0.9") + struct.pack("!II", 100, 5) + eu("10.0.0.8") +
            struct.pack("!IIH", 90, 4, 250), rsv=0x30),
        pim(10, eu("10.0.0.9") + struct.pack("!II", 100, 5) + eu("10.0.0.8") +
            struct.pack("!II", 90, 4), rsv=0x40),
        pim(10, eu("10.0.0.9") + struct.pack("!II", 100, 5), rsv=0x70),
        pim(11, b"\0" * 8),
        pim(15, b""),
        pim(0, b"", ver=1),
        pim(0, b"", ver=3),
        struct.pack("!BBH", 0x20, 0, 0)[:3],
        b"\x20",
        b"\x20\x00",
    ]


def pim_v6_msgs():
    return [
        v6(103, pim6(0, opt(1, struct.pack("!H", 105)) + opt(20, struct.pack("!I", 1)) +
                     opt(24, eu("2001:db8::1") + eu("2001:db8::2")))),
        v6(103, pim6(3, eu("fe80::2") + struct.pack("!BBH", 0, 1, 210) + eg("ff0e::1") +
                     struct.pack("!HH", 1, 1) + eg("2001:db8::5", flags=4) +
                     eg("2001:db8::", 64, flags=7))),
        v6(103, pim6(5, eg("ff0e::1") + eu("2001:db8::5") + struct.pack("!II", 110, 2))),
        v6(103, pim6(2, eg("ff0e::1", 64) + eu("2001:db8::5"))),
        v6(103, pim6(1, struct.pack("!I", 0x40000000) +
                     bytes(IPv6(src="2001:db8::5", dst="ff0e::9", nh=59, plen=0)))),
        v6(103, pim6(0, opt(1, b"\0\x1e"))[:2] + b"\x12\x34" + pim6(0, opt(1, b"\0\x1e"))[4:]),
    ]


def pimv1(t, body, ver=1):
    m = struct.pack("!BBHB3s", 0x14, t, 0, ver << 4, b"\0\0\0") + body
    return with_sum(m, 2)


def pimv1_jp(groups):
    body = a("10.0.0.254") + struct.pack("!HH", 0, 210) + struct.pack("!BBBB", 0, 0, 4, len(groups))
    for g, mask, joins, prunes in groups:
        body += a(g) + a(mask) + struct.pack("!HH", len(joins), len(prunes))
        for f1, f2, s in joins + prunes:
            body += struct.pack("!BB", f1, f2) + a(s)
    return body


def pimv1_msgs():
    short = pimv1_jp([("239.1.1.1", "255.255.255.255", [(1, 0x80 | 0x40 | 32, "10.9.9.9")], [])])
    short2 = a("10.0.0.254") + struct.pack("!HH", 0, 180) + struct.pack("!BBBB", 0, 0, 4, 1) + \
        a("239.1.1.1") + a("255.255.0.0") + struct.pack("!HH", 0, 1) + struct.pack("!BB", 0, 24) + \
        a("10.9.0.0")
    long_ = pimv1_jp([("239.1.1.1", "255.255.255.255",
                       [(1, 0xe0, "10.9.9.9"), (0, 0x18, "10.8.0.0")], [(1, 0x20, "10.7.7.7")]),
                      ("239.2.0.0", "255.255.0.0", [], [(0, 0x60, "10.6.6.6")])])
    inner = bytes(IP(src="10.5.5.5", dst="239.9.9.9") / UDP(sport=1, dport=2))
    return [
        pimv1(0, struct.pack("!BBH", 0x10, 0, 105)),
        pimv1(0, struct.pack("!BBH", 0x00, 0, 0)),
        pimv1(0, struct.pack("!BBH", 0x20, 0, 10)),
        pimv1(0, struct.pack("!BBH", 0x50, 0, 10)),
        pimv1(1, inner),
        pimv1(2, a("239.9.9.9") + a("10.5.5.5")),
        pimv1(3, short),
        pimv1(3, short2),
        pimv1(3, long_),
        pimv1(6, long_),
        pimv1(7, long_[:8]),
        pimv1(4, a("239.1.1.1") + a("255.255.255.0") + a("10.0.0.1") + struct.pack("!HH", 0, 270)),
        pimv1(4, a("239.1.1.1") + a("255.255.255.255") + a("10.0.0.1") + struct.pack("!HH", 0, 0)),
        pimv1(5, a("239.1.1.1") + a("255.255.255.255") + a("10.5.5.5") +
              struct.pack("!II", 0x80000064, 20)),
        pimv1(5, a("239.1.1.1") + a("255.255.0.0") + a("10.5.5.5") + struct.pack("!II", 100, 20)),
        pimv1(9, b"\0" * 4),
        pimv1(0, struct.pack("!BBH", 0x10, 0, 105), ver=2),
        pimv1(3, b""),
        struct.pack("!BBH", 0x14, 3, 0, ) + b"\x10\0",
    ]


def pim_pcaps():
    recs = [v4(103, m) for m in pim_v2_msgs()] + pim_v6_msgs() + \
        [v4(2, m, dst="224.0.0.2") for m in pimv1_msgs()]
    write("pim-basic.pcap", recs)
    full = [v4(103, hello_opts() and pim(0, hello_opts())), v4(103, join_prune()),
            v4(103, bootstrap()), v4(103, pim_v2_msgs()[28]), v4(103, pim_v2_msgs()[32]),
            v4(103, pim_v2_msgs()[16]),
            v4(2, pimv1_msgs()[8], dst="224.0.0.2"), v4(2, pimv1_msgs()[13], dst="224.0.0.2"),
            v4(2, pimv1_msgs()[4], dst="224.0.0.2"), v4(2, pimv1_msgs()[11], dst="224.0.0.2")]
    write("pim-sweep.pcap", sweep(full, 14 + 20))
    autorp_pcaps()


def autorp_pcaps():
    def u(m):
        return Ether(src=MAC1) / IP(src="192.0.2.1", dst="224.0.1.39", ttl=16) / \
            UDP(sport=496, dport=496) / Raw(m)
    rp1 = a("10.0.0.1") + bytes([2, 2]) + b"\0\x04" + a("224.0.0.0") + b"\x03\x08" + a("239.0.0.0")
    rp2 = a("10.0.0.2") + bytes([0xff, 1]) + b"\xfd\x10" + a("239.1.0.0")
    msgs = [
        struct.pack("!BBHI", 0x11, 1, 180, 0) + rp1,
        struct.pack("!BBHI", 0x12, 2, 0, 0) + rp1 + rp2,
        struct.pack("!BBHI", 0x13, 0, 60, 0),
        struct.pack("!BBHI", 0x11, 2, 180, 0) + rp1,
        struct.pack("!BBHI", 0x11, 1, 180, 0) + rp1[:4],
        struct.pack("!BBHI", 0x11, 1, 180, 0) + rp1[:5],
        struct.pack("!BBHI", 0x11, 1, 180, 0) + rp1[:9],
        b"\x11\x01\x00",
    ]
    recs = [u(m) for m in msgs]
    write("autorp-basic.pcap", recs)
    write("autorp-sweep.pcap", sweep([recs[1]], 14 + 20 + 8))




# ---- EIGRP ----

def eigrp(op, tlvs, flags=0, ver=2, good=True):
    m = struct.pack("!BBHIIIHH", ver, op, 0, flags, 0x10, 0x0f, 0, 100) + tlvs
    return with_sum(m, 2) if good else m


def tlv(t, v):
    return struct.pack("!HH", t, len(v) + 4) + v


def metric(delay=2560000, bw=256, mtu=1500, hops=1, rel=255, load=1):
    return struct.pack("!II", delay, bw) + mtu.to_bytes(3, "big") + struct.pack("!BBBH", hops, rel,
                                                                                 load, 0)


def ip_int(nh, plen, dest):
    return tlv(0x102, a(nh) + metric() + bytes([plen]) + dest)


def ip_ext(nh, plen, dest, proto=9):
    return tlv(0x103, a(nh) + a("10.9.9.9") + struct.pack("!IIIHBB", 65001, 0xabcd, 20, 0, proto,
                                                          0x42) + metric(hops=3) +
               bytes([plen]) + dest)


def eigrp_msgs():
    params = tlv(1, struct.pack("!BBBBBBH", 1, 0, 1, 0, 0, 0, 15))
    sw = tlv(4, bytes([12, 4, 1, 2]))
    auth = tlv(2, struct.pack("!HHII", 2, 16, 1, 0) + b"\0" * 8 + bytes(range(16)))
    return [
        eigrp(5, params + sw),
        eigrp(5, params + sw + auth, flags=0),
        eigrp(1, ip_int("0.0.0.0", 24, b"\x0a\x01\x02") + ip_int("10.0.0.2", 32, a("10.1.2.3")) +
              ip_int("10.0.0.2", 0, b"") + ip_int("10.0.0.2", 9, b"\x0a\x80"), flags=1),
        eigrp(1, ip_ext("0.0.0.0", 16, b"\xac\x10") + ip_ext("10.0.0.3", 8, b"\x0b", proto=0x33),
              flags=0x0a),
        eigrp(3, ip_int("0.0.0.0", 33, b"\x0a\x01\x02\x03\x04")),
        eigrp(4, ip_ext("0.0.0.0", 40, b"\x0a")),
        eigrp(5, tlv(3, b"\x04" + a("10.0.0.5")) + tlv(5, struct.pack("!I", 77)), flags=2),
        eigrp(5, tlv(1, b"\0\0\0")),
        eigrp(5, tlv(4, b"\0")),
        eigrp(1, tlv(0x102, b"\0" * 10) + tlv(0x103, b"\0" * 30)),
        eigrp(1, tlv(0x204, struct.pack("!HHI", 100, 200, 7)) + tlv(0x204, b"\0")),
        eigrp(1, tlv(0x202, struct.pack("!HH", 100, 5) + metric() + struct.pack("!HH", 100, 101)) +
              tlv(0x202, b"\0" * 4 + metric() + struct.pack("!HH", 1, 2)) + tlv(0x202, b"\0")),
        eigrp(1, tlv(0x203, struct.pack("!HHIIIBBH", 100, 5, 9, 65000, 0x11, 2, 1, 30) + metric() +
                     struct.pack("!HH", 100, 101)) + tlv(0x203, b"\0" * 8)),
        eigrp(6, tlv(0x302, b"\1\2\3") + tlv(0x303, b"") + tlv(0x777, b"xyz"), flags=0xff),
        eigrp(7, struct.pack("!HH", 1, 2)),                      # TLV length too short
        eigrp(7, struct.pack("!HH", 1, 40) + b"\0" * 8),         # TLV longer than the packet
        eigrp(9, b"", flags=4),
        eigrp(5, params, good=False),
        eigrp(5, params, ver=1),
        eigrp(5, b"")[:12],
        eigrp(5, b"")[:19],
    ]


def eigrp_pcaps():
    msgs = eigrp_msgs()
    recs = [v4(88, m, dst="224.0.0.10", ttl=2) for m in msgs]
    recs.append(v6(88, msgs[0], dst="ff02::a"))
    write("eigrp-basic.pcap", recs)
    write("eigrp-sweep.pcap", sweep([recs[1], recs[2], recs[3], recs[11], recs[12]], 14 + 20))



# ---- Babel ----

def btlv(t, v):
    return bytes([t, len(v)]) + v


def babel(tlvs, trailer=b"", magic=42, ver=2, bodylen=None):
    n = len(tlvs) if bodylen is None else bodylen
    return struct.pack("!BBH", magic, ver, n) + tlvs + trailer


def sub(t, v):
    return bytes([t, len(v)]) + v


def babel_msgs():
    rid = bytes.fromhex("0211223344556677")
    hello = btlv(4, struct.pack("!HHH", 0, 513, 400))
    hello_u = btlv(4, struct.pack("!HHH", 0x8000, 7, 0) + b"\0" + sub(3, struct.pack("!I", 123456789)))
    ihu6 = btlv(5, struct.pack("!BBHH", 3, 0, 96, 1200) + bytes.fromhex("0011223344556677") +
                sub(3, struct.pack("!II", 1000001, 2000002)) + sub(1, b"\0\0"))
    ihu4 = btlv(5, struct.pack("!BBHH", 1, 0, 256, 0) + a("192.0.2.9"))
    ihu0 = btlv(5, struct.pack("!BBHH", 0, 0, 0xffff, 400))
    ihu2 = btlv(5, struct.pack("!BBHH", 2, 0, 10, 400) + a6("2001:db8::7"))
    ihu_bad = btlv(5, struct.pack("!BBHH", 2, 0, 10, 400) + b"\1\2")
    upd4 = btlv(8, struct.pack("!BBBBHHH", 1, 0xc0, 24, 0, 400, 77, 96) + bytes([10, 1, 2]))
    upd4b = btlv(8, struct.pack("!BBBBHHH", 1, 0x80, 32, 2, 0xffff, 78, 0xffff) + bytes([7, 8]) +
                 sub(2, bytes([1, 255, 0])) + sub(0x85, b"x"))
    upd6 = btlv(8, struct.pack("!BBBBHHH", 2, 0x80, 64, 0, 400, 9, 128) +
                bytes.fromhex("20010db800010002"))
    upd6b = btlv(8, struct.pack("!BBBBHHH", 2, 0x01, 128, 8, 400, 9, 128) +
                 bytes.fromhex("0000000000000009") + sub(2, b"") + b"\0")
    upd0 = btlv(8, struct.pack("!BBBBHHH", 0, 0x40, 0, 0, 400, 1, 0xffff))
    upd3 = btlv(8, struct.pack("!BBBBHHH", 3, 0, 128, 0, 0, 1, 1) + bytes(range(8)) +
                sub(3, b"\0\0\0\1"))
    rreq = btlv(9, struct.pack("!BB", 1, 16) + bytes([10, 9])) + btlv(9, b"\0\0") + \
        btlv(9, struct.pack("!BB", 2, 48) + bytes.fromhex("20010db80001"))
    sreq = btlv(10, struct.pack("!BBHBB", 1, 24, 300, 5, 0) + rid + bytes([10, 1, 2])) + \
        btlv(10, struct.pack("!BBHBB", 0, 0, 1, 1, 0) + rid)
    nh = btlv(7, struct.pack("!BB", 1, 0) + a("192.0.2.1")) + \
        btlv(7, struct.pack("!BB", 2, 0) + a6("2001:db8::1")) + \
        btlv(7, struct.pack("!BB", 3, 0) + bytes(range(8))) + btlv(7, struct.pack("!BB", 0, 0))
    misc = btlv(2, struct.pack("!HHH", 0, 0xbeef, 250)) + btlv(3, struct.pack("!H", 0xbeef)) + \
        btlv(6, b"\0\0" + rid) + btlv(1, b"\0\0\0") + b"\0" + \
        btlv(11, struct.pack("!HI", 3, 99999)) + btlv(99, b"zz")
    ss = btlv(13, struct.pack("!BBBBHHH", 1, 8, 24, 0, 400, 3, 50) + bytes([10, 1, 2, 192])) + \
        btlv(14, struct.pack("!BBB", 2, 32, 16) + bytes.fromhex("20010db8") + bytes.fromhex("fd00")) + \
        btlv(14, struct.pack("!BBB", 0, 0, 0)) + \
        btlv(15, struct.pack("!BBHBB", 1, 16, 5, 3, 8) + rid + bytes([10, 1, 192]))
    auth = btlv(12, struct.pack("!H", 7) + bytes(range(16))) + btlv(16, bytes(range(20))) + \
        btlv(17, struct.pack("!I", 1234) + b"ab") + btlv(18, b"\1" * 8) + btlv(19, b"\2" * 8)
    return [
        babel(hello + ihu6 + ihu4 + ihu0 + ihu2),
        babel(hello_u + btlv(4, struct.pack("!HHH", 0, 1, 1) + sub(3, b"\0\0"))),
        babel(btlv(6, b"\0\0" + rid) + upd4 + upd4b + upd6 + upd6b + upd0 + upd3),
        babel(rreq + sreq + nh + misc),
        babel(ss + auth),
        babel(hello, trailer=btlv(16, bytes(range(16))) + b"\0"),
        babel(hello + ihu_bad + hello),
        babel(btlv(8, b"\0" * 5)),
        babel(btlv(8, struct.pack("!BBBBHHH", 1, 0, 40, 0, 0, 0, 0))),
        babel(btlv(8, struct.pack("!BBBBHHH", 1, 0, 24, 3, 0, 0, 0) + b"\1")),
        babel(btlv(2, b"\0\0") + btlv(3, b"") + btlv(6, b"\0") + btlv(7, b"") + btlv(9, b"")),
        babel(btlv(10, b"\0" * 4)),
        babel(btlv(12, b"\0" * 4)),
        babel(btlv(17, b"\0") + btlv(11, b"\0")),
        babel(btlv(18, b"\0" * 200)),
        babel(btlv(13, b"\0" * 3) + btlv(14, b"") + btlv(15, b"\0")),
        babel(btlv(4, struct.pack("!HHH", 0, 1, 1) + b"\x80")),
        babel(btlv(4, struct.pack("!HHH", 0, 1, 1) + b"\x03\x09" + b"\0")),
        babel(btlv(5, struct.pack("!BBHH", 0, 0, 1, 1) + b"\x03\x04\0\0\0\1")),
        babel(hello, bodylen=20),
        babel(hello + b"\x04"),
        babel(hello + b"\x04\x09\0"),
        babel(hello, magic=41),
        babel(hello, ver=1),
        b"\x2a\x02\x00",
    ]


def babel_pcaps():
    def u6(m, port=6696):
        return Ether(src=MAC1, dst="33:33:00:01:00:06") / \
            IPv6(src=A6S, dst="ff02::1:6", hlim=1) / UDP(sport=port, dport=port) / Raw(m)
    msgs = babel_msgs()
    recs = [u6(m) for m in msgs]
    recs.append(u6(msgs[0], 6697))
    recs.append(Ether(src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2") /
                UDP(sport=40000, dport=6696) / Raw(msgs[2]))
    write("babel-basic.pcap", recs)
    write("babel-sweep.pcap", sweep([recs[0], recs[2], recs[3], recs[4], recs[5]], 14 + 40 + 8))



# ---- CDP ----

def ctlv(t, v, ln=None):
    return struct.pack("!HH", t, len(v) + 4 if ln is None else ln) + v


def cdp_frame(body, ver=2, ttl=180):
    m = struct.pack("!BBH", ver, ttl, 0xb0bd) + body
    llc = b"\xaa\xaa\x03\x00\x00\x0c\x20\x00" + m
    eth = bytes.fromhex("01000ccccccc") + bytes.fromhex("001122334455") + struct.pack("!H", len(llc))
    return eth + llc


def cdp_addr(*addrs, num=None, extra=b""):
    b = struct.pack("!I", len(addrs) if num is None else num)
    for x in addrs:
        b += x
    return b + extra


def cdp_msgs():
    v4a = struct.pack("!BBBH", 1, 1, 0xcc, 4) + a("192.0.2.1")
    v6a = struct.pack("!BB", 2, 8) + bytes.fromhex("aaaa0300000086dd") + struct.pack("!H", 16) + \
        a6("2001:db8::1")
    gen = struct.pack("!BB", 1, 1) + b"\x81" + struct.pack("!H", 3) + b"\x01\x02\x03"
    full = (ctlv(1, b"sw1.example") + ctlv(2, cdp_addr(v4a, v6a, gen)) + ctlv(3, b"Gi0/1") +
            ctlv(4, struct.pack("!I", 0x29)) +
            ctlv(5, b"Cisco IOS Software, Version 15.2\nCopyright (c) 1986\x01\xc1") +
            ctlv(6, b"cisco WS-C2960") + ctlv(7, a("10.0.0.0") + b"\x08" + a("10.1.0.0") + b"\x10") +
            ctlv(8, bytes(range(32))) + ctlv(9, b"Lab") + ctlv(0x0a, struct.pack("!H", 10)) +
            ctlv(0x0b, b"\x01") + ctlv(0x0b, b"\x00") + ctlv(0x0e, b"\x01\x00\x64") +
            ctlv(0x0f, b"\x20\x00") + ctlv(0x0f, b"\x01\x00\x64") + ctlv(0x10, b"\x32") +
            ctlv(0x10, struct.pack("!H", 6300)) + ctlv(0x10, b"\x01\x86\xa0") +
            ctlv(0x11, struct.pack("!I", 1500)) + ctlv(0x12, b"\x00") + ctlv(0x13, b"\x05") +
            ctlv(0x14, b"sysname") + ctlv(0x15, b"\x06\x08+\x06\x01") +
            ctlv(0x16, cdp_addr(v4a)) + ctlv(0x17, b"\x04rack 7") + ctlv(0x17, b"\x04") +
            ctlv(0x1a, bytes(12)) + ctlv(0x0c, b"ab"))
    malformed = (ctlv(4, b"\0\0") + ctlv(0x0a, b"\0") + ctlv(0x0b, b"\0\0") + ctlv(0x0e, b"\0") +
                 ctlv(0x0f, b"\0\0\0\0") + ctlv(0x10, b"") + ctlv(0x10, b"\0\0\0\0") +
                 ctlv(0x11, b"\0") + ctlv(0x12, b"") + ctlv(0x16, b"\0\0") + ctlv(0x17, b""))
    addrs = (ctlv(2, b"\0\0") + ctlv(2, cdp_addr(v4a, num=2)) + ctlv(2, cdp_addr(num=1, extra=b"\1")) +
             ctlv(2, cdp_addr(num=1, extra=b"\1\4\0\0")) +
             ctlv(2, cdp_addr(num=1, extra=struct.pack("!BBBH", 1, 1, 0xcc, 4) + b"\1\2")) +
             ctlv(2, cdp_addr(num=1, extra=struct.pack("!BBBH", 1, 1, 0x81, 9) + b"\1\2")) +
             ctlv(2, cdp_addr(v4a, extra=b"zz")) + ctlv(2, cdp_addr(num=0)) +
             ctlv(7, b"\0\0\0") + ctlv(7, b""))
    return [
        cdp_frame(full),
        cdp_frame(malformed),
        cdp_frame(addrs),
        cdp_frame(ctlv(3, b"x") + ctlv(1, b"dev")),
        cdp_frame(ctlv(1, b"a") + ctlv(5, b"", ln=2)),
        cdp_frame(ctlv(1, b"a") + ctlv(0x33, b"", ln=3)),
        cdp_frame(ctlv(1, b"a") + ctlv(5, b"xy", ln=40)),
        cdp_frame(ctlv(1, b"a") + b"\0\1"),
        cdp_frame(b"", ver=1, ttl=0),
        cdp_frame(b"")[:22 + 2] + b"",
    ]


def cdp_pcaps():
    msgs = cdp_msgs()
    msgs[-1] = msgs[-1][:12] + struct.pack("!H", 10) + msgs[-1][14:]
    write("cdp-basic.pcap", msgs)
    write("cdp-sweep.pcap", sweep([msgs[0], msgs[2]], 14))



# ---- DVMRP ----

def dvmrp(t, body, group=b"\0\0\0\0"):
    return with_sum(struct.pack("!BBH", 0x13, t, 0) + group + body, 2)


def dvmrp_msgs():
    report = (b"\xff\xff\x00" + a("10.1.2.0")[:3] + b"\x05" + a("10.1.3.0")[:3] + b"\x86" +
              b"\xff\x00\x00" + b"\x0a\x01" + b"\x80" +
              b"\xff\xff\xff" + a("10.9.9.9") + b"\x81" + b"\x00\x00\x00" + b"\x0b\x82")
    nb2 = (a("10.0.0.1") + struct.pack("!BBBB", 1, 16, 0x73, 2) + a("10.0.0.2") + a("10.0.0.3") +
           a("10.0.1.1") + struct.pack("!BBBB", 2, 1, 0, 1) + a("10.0.1.2"))
    return [
        dvmrp(1, struct.pack("!I", 12345) + a("10.0.0.2") + a("10.0.0.3")),
        dvmrp(1, b"\0\0"),
        dvmrp(1, struct.pack("!I", 1) + b"\1\2"),
        dvmrp(2, report),
        dvmrp(2, b"\xff"),
        dvmrp(2, b"\xff\xff\x00\x0a"),
        dvmrp(3, b""),
        dvmrp(4, a("10.0.0.1") + struct.pack("!BBB", 1, 16, 2) + a("10.0.0.2") + a("10.0.0.3")),
        dvmrp(4, a("10.0.0.1") + struct.pack("!BBB", 1, 16, 2) + a("10.0.0.2")),
        dvmrp(4, b"\0\0\0"),
        dvmrp(5, b""),
        dvmrp(6, nb2, group=b"\0\0\x05\x03"),
        dvmrp(6, a("10.0.0.1") + struct.pack("!BBBB", 1, 16, 0, 3) + a("10.0.0.2")),
        dvmrp(6, a("10.0.0.1") + struct.pack("!BBBB", 1, 16, 0, 1) + b"\1\2"),
        dvmrp(6, b"\0\0\0\0\0"),
        dvmrp(7, a("10.5.5.5") + a("239.1.1.1") + struct.pack("!I", 7200)),
        dvmrp(8, a("10.5.5.5") + a("239.1.1.1")),
        dvmrp(9, a("10.5.5.5") + a("239.1.1.1")),
        dvmrp(10, b""),
        with_sum(struct.pack("!BBH", 0x13, 1, 0) + b"\0\0", 2),
    ]


def dvmrp_pcaps():
    msgs = dvmrp_msgs()
    recs = [v4(2, m, dst="224.0.0.4") for m in msgs]
    write("dvmrp-basic.pcap", recs)
    write("dvmrp-sweep.pcap", sweep([recs[0], recs[3], recs[7], recs[11], recs[15]], 14 + 20))



# ---- IS-IS ----

SYS1, SYS2 = bytes.fromhex("192168001001"), bytes.fromhex("192168001002")


def itlv(t, v):
    return bytes([t, len(v)]) + v


def osi_fletcher(b, off):
    """The ISO 8473 checksum to put at byte offset off of b."""
    c0 = c1 = 0
    for i, x in enumerate(b):
        c0 = (c0 + (0 if off <= i <= off + 1 else x)) % 255
        c1 = (c1 + c0) % 255
    n = len(b) - off
    x = ((n - 1) * c0 - c1) % 255
    y = (c1 - n * c0) % 255
    return bytes([x or 255, y or 255])


def isis_common(ptype, hlen, idlen=0, max_area=0, ver=1, pver=1):
    return bytes([0x83, 8 + hlen, ver, idlen, ptype, pver, 0, max_area])


def iih_lan(tlvs, ptype=15, prio=64, ctype=3, **kw):
    h = struct.pack("!B6sHHB7s", ctype, SYS1, 30, 0, prio, SYS2 + b"\x01")
    pdu = isis_common(ptype, 19, **kw) + h + tlvs
    return pdu[:17] + struct.pack("!H", len(pdu)) + pdu[19:]


def iih_ptp(tlvs, ctype=1):
    pdu = isis_common(17, 12) + struct.pack("!B6sHHB", ctype, SYS1, 9, 0, 5) + tlvs
    return pdu[:17] + struct.pack("!H", len(pdu)) + pdu[19:]


def lsp(tlvs, ptype=20, tb=0x03, good=True, lifetime=1199, pdu_len=None):
    h = struct.pack("!HH8sIHB", 0, lifetime, SYS1 + b"\0\0", 0x2a, 0, tb)
    pdu = bytearray(isis_common(ptype, 19) + h + tlvs)
    struct.pack_into("!H", pdu, 8, len(pdu) if pdu_len is None else pdu_len)
    if good:
        pdu[24:26] = osi_fletcher(bytes(pdu[12:]), 12)
    else:
        pdu[24:26] = b"\x12\x34"
    return bytes(pdu)


def csnp(tlvs, ptype=25):
    h = struct.pack("!H7s8s8s", 0, SYS1 + b"\0", b"\0" * 8, b"\xff" * 8)
    pdu = isis_common(ptype, 25) + h + tlvs
    return pdu[:8] + struct.pack("!H", len(pdu)) + pdu[10:]


def psnp(tlvs, ptype=27):
    pdu = isis_common(ptype, 9) + struct.pack("!H7s", 0, SYS2 + b"\0") + tlvs
    return pdu[:8] + struct.pack("!H", len(pdu)) + pdu[10:]


def lsp_entry(sysid, seq, life=1000):
    return struct.pack("!H8sIH", life, sysid + b"\0\0", seq, 0xabcd)


def f32(x):
    return struct.pack("!f", x)


def ext_is(node, metric, subs=b""):
    return node + metric.to_bytes(3, "big") + bytes([len(subs)]) + subs


def te_subtlvs():
    bw = f32(125000000.0)
    return (itlv(3, struct.pack("!I", 0xff)) + itlv(4, struct.pack("!II", 1, 2)) +
            itlv(5, struct.pack("!I", 7)) + itlv(6, a("10.0.0.1")) + itlv(8, a("10.0.0.2")) +
            itlv(9, bw) + itlv(10, f32(62500000.0)) + itlv(11, bw * 8) +
            itlv(18, b"\0\0\x0a") + itlv(19, b"\0\x03") + itlv(20, b"\x0a\x02") +
            itlv(22, b"\x00" + bw + bw) + itlv(12, b"\x01" + bw) +
            itlv(29, b"\0\0\x05\x01\0\x02") + itlv(99, b"zz") + itlv(250, b""))


def isc_subtlvs():
    bw = f32(1250000.0)
    return (itlv(21, bytes([1, 2, 0, 0]) + bw * 8 + bw + b"\x05\xdc") +
            itlv(21, bytes([100, 5, 0, 0]) + bw * 8 + bw + b"\x01\0\0\0") +
            itlv(21, bytes([51, 1, 0, 0]) + bw * 8 + b"\xaa\xbb") +
            itlv(32, bytes([0x30, 5]) + SYS2 + b"\0\x01\x00") +
            itlv(32, bytes([0x00, 5]) + SYS2 + b"\0\0\x01\x00") +
            itlv(32, bytes([0x20, 5]) + SYS2 + b"\0\0\x01\x00"))


def extd_ip(metric, plen, pfx, status=0, subs=None):
    st = status | plen
    b = struct.pack("!IB", metric, st | (0x40 if subs is not None else 0)) + pfx[:(plen + 7) // 8]
    if subs is not None:
        b += bytes([len(subs)]) + subs
    return b


def ip6_reach(metric, plen, pfx, status=0, subs=None):
    b = struct.pack("!IBB", metric, status | (0x20 if subs is not None else 0), plen) + \
        pfx[:(plen + 7) // 8]
    if subs is not None:
        b += bytes([len(subs)]) + subs
    return b


def ip_subtlvs():
    return (itlv(1, struct.pack("!II", 100, 200)) + itlv(2, struct.pack("!Q", 0x1122334455667788)) +
            itlv(3, bytes([0x40, 0]) + struct.pack("!I", 16)) +
            itlv(3, bytes([0x0c, 1]) + b"\0\x3e\x80") + itlv(117, struct.pack("!I", 5)) +
            itlv(77, b"\1\2"))


def isis_tlvs_hello():
    return (itlv(1, b"\x03\x49\x00\x01" + b"\x05\x39\x01\x02\x03\x04") + itlv(129, b"\xcc\x8e\x81\x77") +
            itlv(132, a("10.0.0.1") + a("10.0.0.2")) + itlv(232, a6("fe80::1")) +
            itlv(6, bytes.fromhex("001122334455") + bytes.fromhex("66778899aabb")) +
            itlv(211, b"\x03\x00\x1e" + SYS2) + itlv(211, b"\x00") + itlv(211, b"\x01\x00\x0a") +
            itlv(240, b"\x00" + struct.pack("!I", 1) + SYS2 + struct.pack("!I", 2)) +
            itlv(240, b"\x01") + itlv(240, b"\x05\0\0\0\1\0") +
            itlv(7, struct.pack("!HHH", 1, 10, 20)) + itlv(241, struct.pack("!I", 99)) +
            itlv(229, b"\x00\x00\x80\x02\x40\x03\x0f\xff") + itlv(229, b"\x00\x02\x01") +
            itlv(10, b"\x01secret") + itlv(8, b"\0" * 10))


def isis_tlvs_lsp():
    return (itlv(137, b"router-1") + itlv(134, a("10.255.0.1")) +
            itlv(2, b"\x00" + b"\x0a\x80\x80\x80" + SYS2 + b"\x01" + b"\x4a\x05\x06\x07" + SYS1 + b"\0") +
            itlv(3, b"\x0a\x80\x80\x80" + SYS2) +
            itlv(128, b"\x0a\x80\x80\x80" + a("10.1.0.0") + a("255.255.0.0") +
                 b"\xca\x05\x46\x47" + a("10.2.0.0") + a("255.0.255.0")) +
            itlv(130, b"\x4a\x80\x80\x80" + a("10.3.0.0") + a("255.255.255.0")) +
            itlv(22, ext_is(SYS2 + b"\x01", 10) + ext_is(SYS1 + b"\x00", 20, te_subtlvs()[:240])) +
            itlv(22, ext_is(SYS2 + b"\x02", 30, isc_subtlvs()[:240])) +
            itlv(24, SYS2 + b"\x01" + b"\x00") +
            itlv(135, extd_ip(10, 24, a("10.1.2.0")) + extd_ip(20, 32, a("10.9.9.9"), 0x80) +
                 extd_ip(5, 0, b"") + extd_ip(30, 16, a("172.16.0.0"), 0, ip_subtlvs())) +
            itlv(236, ip6_reach(10, 64, a6("2001:db8:1::")) +
                 ip6_reach(20, 128, a6("2001:db8::1"), 0xc0) +
                 ip6_reach(30, 48, a6("2001:db8:2::"), 0, itlv(1, struct.pack("!I", 9)))) +
            itlv(222, b"\x00\x02" + ext_is(SYS2 + b"\x01", 10)) +
            itlv(235, b"\x80\x00" + extd_ip(10, 8, a("10.0.0.0"))) +
            itlv(237, b"\x40\x02" + ip6_reach(10, 64, a6("2001:db8:3::"))) +
            itlv(138, SYS2 + b"\x01" + b"\x01" + a("10.0.0.1") + a("10.0.0.2") +
                 struct.pack("!II", 11, 12)) + itlv(138, SYS2 + b"\x01") +
            itlv(242, a("10.255.0.1") + b"\x03" + itlv(2, b"\xc0\x00\x00\x64" + b"\x01\x03\x00\x3e\x80") +
                 itlv(2, b"\x80\0\0\x10" + b"\x01\x04\0\0\0\x10" + b"\x01\x02\xab\xcd\x00") +
                 itlv(9, b"\1\2")) +
            itlv(242, b"\1\2\3") + itlv(14, struct.pack("!H", 1492)) +
            itlv(131, b"\x02\xfd\xe9") + itlv(131, b"\x01\x01\x02") +
            itlv(4, SYS2) + itlv(5, b"\x0a\x80\x80\x80" + b"\x06\x49\x00\x01" + b"\x01") +
            itlv(13, b"\x02" + SYS1 + SYS2) + itlv(13, b"\x00") +
            itlv(250, b"\x00\x00\x0c\x01\x02") + itlv(250, b"\x00\x12\x34") +
            itlv(66, b"\1\2\3") + itlv(200, b"\4\5"))


def spb_tlvs():
    mcid = b"\x00" + b"region-a".ljust(32, b"\0") + struct.pack("!H", 3) + bytes(range(16))
    return (itlv(143, struct.pack("!H", 0x1001) + itlv(4, mcid + mcid) +
                 itlv(5, b"\x5e" + bytes(range(32))) + itlv(6, struct.pack("!IH", 0x00800000, 0x0651)) +
                 itlv(6, b"\0\0\0")) +
            itlv(144, struct.pack("!H", 0x8001) +
                 itlv(1, bytes(8) + struct.pack("!IHIB", 5, 0x8000, 0x12345, 1) +
                      b"\xe0" + struct.pack("!I", 0x0080c201) + b"\x06\x50\x64") +
                 itlv(3, bytes.fromhex("001122334455") + struct.pack("!HI", 0x1064, 0xc0001234)) +
                 itlv(1, b"\0" * 4)))


def isis_msgs():
    auth_md5 = itlv(10, b"\x36" + bytes(range(16)))
    return [
        iih_lan(isis_tlvs_hello()),
        iih_lan(itlv(1, b"\x03\x49\x00\x01"), ptype=16, prio=0xc0, ctype=2),
        iih_ptp(isis_tlvs_hello()),
        iih_ptp(itlv(1, b"\x03\x49\x00\x01"), ctype=7),
        lsp(isis_tlvs_lsp()),
        lsp(itlv(137, b"r2") + auth_md5, ptype=18, tb=0x7d),
        lsp(itlv(137, b"r3") + itlv(12, b"\0\0") + itlv(10, b"\x03\x00\x07" + b"\xaa\xbb") +
            itlv(10, b"\x36\x01\x02") + itlv(10, b"\xff\x01\x02"), tb=0x82, good=False),
        lsp(spb_tlvs(), tb=0x01),
        lsp(itlv(137, b"r4"), pdu_len=20),
        lsp(itlv(137, b"r5"), lifetime=0, good=False),
        csnp(itlv(9, lsp_entry(SYS1, 5) + lsp_entry(SYS2, 6))),
        csnp(b"", ptype=24),
        psnp(itlv(9, lsp_entry(SYS2, 7)), ptype=26),
        psnp(itlv(9, b"\0" * 10)),
        # malformed TLVs and values
        iih_lan(itlv(1, b"\x05\x49") + itlv(6, b"\0" * 5) + itlv(7, b"\0\0") + itlv(2, b"") +
                itlv(2, b"\x05" + b"\0" * 5) + itlv(3, b"\0" * 3) + itlv(132, b"\1\2") +
                itlv(232, b"\0" * 4) + itlv(10, b"") + itlv(10, b"\x03\x01") + itlv(134, b"\1") +
                itlv(138, b"\0" * 10 + b"\1\2") + itlv(9, b"\0" * 3) + itlv(13, b"\x01\x00") +
                itlv(13, b"\x02" + SYS1) + itlv(229, b"\0") + itlv(131, b"\x02\x01") +
                itlv(4, b"\0\0") + itlv(5, b"\0" * 4 + b"\x01") + itlv(143, b"\0") +
                itlv(144, b"\0")),
        lsp(itlv(22, ext_is(SYS2 + b"\x01", 1, itlv(9, f32(1.0))[:4]))),
        lsp(itlv(22, SYS2 + b"\x01" + b"\0\0\x01" + b"\x09" + itlv(9, f32(1.0)))),
        lsp(itlv(22, SYS2 + b"\x01" + b"\0\0\x01" + b"\x01" + b"\x09")),
        lsp(itlv(22, SYS2 + b"\x01\0")),
        lsp(itlv(135, struct.pack("!IB", 1, 40))),
        lsp(itlv(236, struct.pack("!IBB", 1, 0, 200))),
        lsp(itlv(135, extd_ip(1, 24, a("10.0.0.0"))[:6])),
        lsp(itlv(135, extd_ip(1, 8, a("10.0.0.0"), 0, itlv(3, b"\x08\x00\x01")))),
        lsp(itlv(135, extd_ip(1, 8, a("10.0.0.0"), 0, itlv(1, b"\0\0\0\1\0\0")))),
        lsp(itlv(128, b"\0" * 11)),
        lsp(itlv(22, ext_is(SYS2 + b"\x01", 1, itlv(11, b"\0" * 8) + itlv(21, b"\0" * 10) +
                            itlv(32, b"\0" * 4) + itlv(19, b"\0\0\0") + itlv(22, b"")))),
        lsp(itlv(242, b"\1\2\3\4\5" + b"\x02\x09\0\0\0\0")),
        lsp(itlv(143, b"\0\1" + itlv(4, b"\0" * 10) + itlv(5, b"\0" * 5) + itlv(6, b"\0\0\0\0\0"))),
        lsp(itlv(144, b"\0\1" + itlv(1, b"\0" * 18 + b"\x02" + b"\0" * 8) + itlv(3, b"\0" * 4))),
        lsp(itlv(144, b"\0\1" + b"\x03\x09")),
        lsp(itlv(137, b"x") + b"\x89"),
        lsp(itlv(137, b"x") + b"\x89\x05ab"),
        # header errors
        iih_lan(b"", ver=2),
        iih_lan(b"", idlen=4),
        iih_lan(b"", idlen=6),
        iih_lan(b"", pver=3),
        iih_lan(b"", max_area=255),
        iih_lan(b"", max_area=2),
        bytes([0x83, 5, 1, 0, 15, 1, 0, 0]) + b"\0" * 20,
        bytes([0x83, 200, 1, 0, 15, 1, 0, 0]) + b"\0" * 20,
        bytes([0x83, 27, 1, 0, 15, 1, 0, 0]) + b"\0" * 30,
        bytes([0x83, 20, 1, 0, 26, 1, 0, 0]) + b"\0" * 30,
        bytes([0x83, 20, 1, 0, 18, 1, 0, 0]) + b"\0" * 30,
        bytes([0x83, 8, 1, 0, 9, 1, 0, 0]) + b"\1\2\3\4",
        bytes([0x83, 27, 1, 0, 15, 1, 0, 0]) + b"\0" * 10,
        bytes([0x83, 8, 1, 0]),
    ]


def isis_frame(pdu, nlpid_ok=True):
    llc = b"\xfe\xfe\x03" + pdu
    dst = bytes.fromhex("0180c2000015")
    return dst + bytes.fromhex("001122334455") + struct.pack("!H", len(llc)) + llc


def isis_pcaps():
    msgs = isis_msgs()
    recs = [isis_frame(m) for m in msgs]
    write("isis-basic.pcap", recs)
    write("isis-sweep.pcap", sweep([recs[0], recs[2], recs[4], recs[7], recs[10]], 14 + 3))
    isis_tunnel_pcaps(msgs)
    osi_pcaps()


def isis_tunnel_pcaps(msgs):
    def gre(pdu):
        return Ether(src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2", proto=47, id=1) / \
            Raw(struct.pack("!HH", 0, 0x00fe) + pdu)

    def mpls(pdu, label=100):
        return Ether(src=MAC1, type=0x8847) / Raw(struct.pack("!I", label << 12 | 0x100 | 64) + pdu)
    # CLNP and ES-IS are left out: pktctl does not decode them (docs/decoding.md)
    recs = [gre(msgs[0]), gre(msgs[4]), gre(msgs[10]), gre(b""),
            mpls(msgs[2]), mpls(msgs[12]), mpls(b"\x83")]
    write("isis-tunnel.pcap", recs)
    write("isis-tunnel-sweep.pcap", sweep([recs[1], recs[5]], 14 + 4))



# ---- CLNP and ES-IS ----

NSAP_D = bytes.fromhex("49000119216800100100")
NSAP_S = bytes.fromhex("4900011921680010020000")


def clnp(ptype, opts=b"", data=b"", flags=0x80, seg=True, good=True, ver=1):
    hdr = bytes([len(NSAP_D)]) + NSAP_D + bytes([len(NSAP_S)]) + NSAP_S
    if seg and flags & 0x80:
        hdr += struct.pack("!HHH", 0x1234, 0, 0)
    li = 9 + len(hdr) + len(opts)
    m = bytearray(struct.pack("!BBBBBHH", 0x81, li, ver, 30, flags | ptype, 0, 0) + hdr + opts + data)
    struct.pack_into("!H", m, 5, len(m))
    if seg and flags & 0x80:
        struct.pack_into("!H", m, 9 + 2 + len(NSAP_D) + len(NSAP_S) + 4, len(m))
    if good:
        m[7:9] = osi_fletcher(bytes(m[:li]), 7)
    return bytes(m)


def clnp_opt(t, v):
    return bytes([t, len(v)]) + v


def esis(ptype, body, opts=b"", good=True, li=None):
    m = bytearray(struct.pack("!BBBBBHH", 0x82, 0, 1, 0, ptype, 30, 0) + body + opts)
    m[1] = len(m) if li is None else li
    if good:
        m[7:9] = osi_fletcher(bytes(m[:m[1]]), 7)
    return bytes(m)


def osi_msgs():
    opts = (clnp_opt(205, b"\x0e") + clnp_opt(195, b"\xc5") + clnp_opt(195, b"\x40") +
            clnp_opt(197, b"\xc0\x05") + clnp_opt(193, b"\x82") + clnp_opt(193, b"\x31") +
            clnp_opt(193, b"\xb4") + clnp_opt(204, b"\0\0") + clnp_opt(200, b"\x01\x03" + b"\x02\x49\x01") +
            clnp_opt(203, b"\x00\x00") + clnp_opt(203, b"\x00\x09") + clnp_opt(200, b"\x01\x03\x05\x49") +
            clnp_opt(99, b"ab"))
    inner = clnp(28, data=b"hello", flags=0)
    ish = esis(4, bytes([len(NSAP_S)]) + NSAP_S, clnp_opt(198, b"\x00\x3c") + clnp_opt(129, b"\xcc\x8e\x81") +
               clnp_opt(197, b"\1") + clnp_opt(198, b"\1"))
    esh = esis(2, b"\x02" + bytes([len(NSAP_S)]) + NSAP_S + b"\x03\x49\x00\x01")
    redir6 = esis(6, bytes([len(NSAP_D)]) + NSAP_D + b"\x06" + bytes.fromhex("001122334455") +
                  bytes([len(NSAP_S)]) + NSAP_S)
    redir3 = esis(6, b"\x02\x49\x01" + b"\x03\x01\x02\x03" + b"\x00")
    redir0 = esis(6, b"\x02\x49\x01" + b"\x00" + b"\x02\x49\x02")
    return [
        clnp(28, data=b"payload"),
        clnp(28, opts, data=b"x"),
        clnp(29, flags=0x60, seg=False),
        clnp(30, data=b"ping", good=False),
        clnp(31, data=inner),
        clnp(1, clnp_opt(193, b"\x0a"), data=inner),
        clnp(1, data=b"\x55zzz"),
        clnp(15),
        clnp(28, clnp_opt(205, b""), data=b"x"),
        clnp(28, clnp_opt(200, b"\x01"), data=b"x"),
        clnp(28, b"\xcd"),
        clnp(28, ver=2),
        struct.pack("!BBBBBHH", 0x81, 60, 1, 30, 28, 20, 0) + b"\0" * 11,
        struct.pack("!BBBBBHH", 0x81, 5, 1, 30, 28, 20, 0) + b"\1\2",
        struct.pack("!BBBBBHH", 0x81, 9, 1, 30, 28, 20, 0),
        struct.pack("!BBBBBHH", 0x81, 12, 1, 30, 28, 20, 0) + b"\x05\0\0",
        ish, esh, redir6, redir3, redir0,
        esis(9, b"\1\2\3\4"),
        esis(4, b"\x05\x49", li=11),
        esis(2, b"\x02\x01\x49"),
        esis(6, b"\x09\x49"),
        esis(4, b"\x01\x49", b"\x81\x09\x01"),
        esis(4, b"\x01\x49", b"\x81"),
        esis(4, b"\x01\x49", li=200),
        esis(4, b"\x01\x49", li=5),
        struct.pack("!BBBBBHH", 0x82, 11, 2, 0, 4, 30, 0) + b"\x01\x49",
        b"\x82\x0b",
        b"\x00\x01\x02",
        b"\xcc" + bytes(IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1, dport=2)),
        b"\x8e" + bytes(IPv6(src="2001:db8::1", dst="2001:db8::2", nh=59, plen=0)),
        b"\x44\x01\x02\x03",
        b"\x44",
    ]


def osi_pcaps():
    msgs = osi_msgs()
    recs = [isis_frame(m) for m in msgs]
    eth = Ether(src=MAC1, dst="09:00:2b:00:00:05", type=0xfefe)
    recs += [eth / Raw(b"\x00" + msgs[0]), eth / Raw(b"\x00" + msgs[16]), eth / Raw(b"\x00"),
             eth / Raw(b"")]
    write("osi-basic.pcap", recs)
    write("osi-sweep.pcap", sweep([recs[1], recs[4], recs[5], recs[16], recs[18]], 14 + 3))


if __name__ == "__main__":
    pim_pcaps()
    eigrp_pcaps()
    babel_pcaps()
    cdp_pcaps()
    dvmrp_pcaps()
    isis_pcaps()
