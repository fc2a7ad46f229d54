#!/usr/bin/python3
# isakmp.py: writes the ISAKMP/IKEv1 and IKEv2 conformance pcaps (UDP 500, 4500 behind the zero marker, 7500)
# SPDX-License-Identifier: BSD-2-Clause
#
# Messages are packed by hand with struct: every IKEv1 payload (SA,
# proposal, transform with Oakley and IPsec attributes, KE, ID of every
# type, CERT, CR, HASH, SIG, nonce, notification, delete, vendor ID) and
# every IKEv2 payload (SA with proposals and transforms, KE, IDi/IDr,
# CERT, CR, AUTH, nonce, notify, delete, vendor ID, TSi/TSr, E, CP, EAP),
# the initiator/responder cookie tracking, encrypted messages, length
# mismatches and zero-length payloads. A basic pcap, a sweep (cut at every
# length) and a mutation pcap. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/isakmp.py
import os
import struct
import sys

from scapy.all import IP, IPv6, UDP, Ether, Raw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import write, sweep, mutate, MAC1, MAC2  # noqa: E402

IC = bytes.fromhex("0102030405060708")
RC = bytes.fromhex("a1a2a3a4a5a6a7a8")


def gen(np, body, crit=0, length=None):
    return struct.pack("!BBH", np, crit, 4 + len(body) if length is None else length) + body


def chain(pls):
    """pls: (type, body[, crit]) in order; each header names the next one's type."""
    out = b""
    for i, p in enumerate(pls):
        nxt = pls[i + 1][0] if i + 1 < len(pls) else 0
        out += gen(nxt, p[1], p[2] if len(p) > 2 else 0)
    return pls[0][0] if pls else 0, out


def hdr(np, ver, etype, flags, msgid, body, ic=IC, rc=b"\0" * 8, length=None):
    ln = 28 + len(body) if length is None else length
    return ic + rc + struct.pack("!BBBBII", np, ver, etype, flags, msgid, ln) + body


def msg(pls, ver=0x10, etype=2, flags=0, msgid=0, ic=IC, rc=b"\0" * 8, length=None):
    np, body = chain(pls)
    return hdr(np, ver, etype, flags, msgid, body, ic, rc, length)


def udp(payload, sport=500, dport=500, src="192.0.2.1", dst="192.0.2.2", v6=False):
    ip = IPv6(src="2001:db8::1", dst="2001:db8::2") if v6 else IP(src=src, dst=dst, id=1)
    return Ether(src=MAC1, dst=MAC2) / ip / UDP(sport=sport, dport=dport) / Raw(payload)


def basic(t, v):
    return struct.pack("!HH", 0x8000 | t, v)


def var(t, v):
    return struct.pack("!HH", t, len(v)) + v


# ---- IKEv1 ----

def v1_t(no, tid, attrs, np=0):
    return gen(np, struct.pack("!BBH", no, tid, 0) + attrs)


def v1_p(no, proto, spi, ts):
    return struct.pack("!BBBB", no, proto, len(spi), len(ts)) + spi + \
        b"".join(v1_t(i + 1, tid, a, 3 if i + 1 < len(ts) else 0) for i, (tid, a) in enumerate(ts))


def v1_sa(props, doi=1, sit=1, ident=b""):
    body = struct.pack("!II", doi, sit) + ident
    for i, p in enumerate(props):
        body += gen(2 if i + 1 < len(props) else 0, p)
    return body


OAKLEY = basic(1, 5) + basic(2, 2) + basic(3, 1) + basic(4, 2) + basic(11, 1) + \
    var(12, struct.pack("!I", 28800)) + basic(14, 128) + basic(99, 7) + var(98, b"")
IPSEC = basic(1, 1) + var(2, struct.pack("!I", 3600)) + basic(3, 14) + basic(4, 1) + basic(5, 2) + \
    basic(6, 256) + basic(9, 3) + basic(77, 1)


def v1_id(typ, data, proto=17, port=500):
    return struct.pack("!BBH", typ, proto, port) + data


def v1_n(typ, spi=b"", data=b"", doi=1, proto=1):
    return struct.pack("!IBBH", doi, proto, len(spi), typ) + spi + data


def v1_d(spis, proto=3, doi=1):
    size = len(spis[0]) if spis else 4
    return struct.pack("!IBBH", doi, proto, size, len(spis)) + b"".join(spis)


def a4(s):
    return bytes(int(x) for x in s.split("."))


A6 = bytes.fromhex("20010db8000000000000000000000001")
A6B = bytes.fromhex("20010db80000000000000000000000ff")
MASK6 = b"\xff" * 8 + b"\0" * 8


def ikev1():
    sa1 = v1_sa([v1_p(1, 1, b"", [(1, OAKLEY), (1, basic(1, 7) + basic(14, 256))])])
    sa2 = v1_sa([v1_p(1, 3, b"\x11\x22\x33\x44", [(12, IPSEC), (3, basic(5, 1))]),
                 v1_p(2, 2, b"\x55\x66\x77\x88", [(3, basic(5, 2))]),
                 v1_p(3, 4, b"\x00\x01", [(2, b""), (9, b"")])])
    nonce = bytes(range(24))
    m = [
        msg([(1, sa1), (13, b"\xaf\xca\xd7\x13\x68\xa1\xf1\xc9\x6b\x86\x96\xfc\x77\x57\x01\x00"),
             (13, b"draft-ietf-ipsec-nat-t-ike-02")]),
        msg([(1, sa1), (13, b"x" * 8)], rc=RC),
        msg([(4, b"k" * 128), (10, nonce), (20, b"h" * 20), (20, b"i" * 20)], rc=RC),
        msg([(5, b"encrypted-id-and-hash")], flags=1, rc=RC),
        msg([(5, b"c")], flags=3, rc=RC, etype=5),
        msg([(8, b"q" * 20), (1, sa2), (10, nonce[:16]),
             (5, v1_id(4, a4("10.1.0.0") + a4("255.255.0.0"), proto=0, port=0)),
             (5, v1_id(1, a4("10.2.0.1"), proto=6, port=80)), (4, b"z" * 64)],
            etype=32, msgid=0x12345678, rc=RC),
        msg([(8, b"r" * 20), (11, v1_n(24578, b"s" * 16)), (12, v1_d([b"\x01\x02\x03\x04",
                                                                    b"\x05\x06\x07\x08"]))],
            etype=5, msgid=0x0badcafe, rc=RC),
        msg([(11, v1_n(14, b"", b"more data here to show some of it", proto=1)),
             (11, v1_n(24577, b"\x01\x02\x03\x04", struct.pack("!I", 1), proto=3)),
             (11, v1_n(24576, b"\x01\x02\x03\x04", basic(11, 1) + var(12, b"\0\0\x0e\x10"), proto=3)),
             (11, v1_n(8192, b"", b"")), (11, v1_n(16384, b"", b"")), (11, v1_n(40000, b"", b"ab")),
             (11, v1_n(30000, b"\x01", b"", doi=2)), (11, v1_n(9000, b"", b"", doi=2)),
             (11, v1_n(20000, b"", b"", doi=2)), (11, v1_n(5, b"", b"", doi=2)),
             (12, v1_d([b"\xaa\xbb\xcc\xdd"], proto=1, doi=3))], etype=5, msgid=7, rc=RC),
        msg([(5, v1_id(2, b"vpn.example.com")), (5, v1_id(3, b"user@example.com")),
             (5, v1_id(5, A6)), (5, v1_id(6, A6 + MASK6)), (5, v1_id(7, a4("10.0.0.1") + a4("10.0.0.9"))),
             (5, v1_id(8, A6 + A6B)), (5, v1_id(9, b"0\x0b1\x090\x07\x06\x03U\x04\x03")),
             (5, v1_id(11, b"keyid")), (5, v1_id(1, b"\x01\x02")), (5, v1_id(4, b"\x01")),
             (5, v1_id(5, b"\x01")), (5, v1_id(6, A6)), (5, v1_id(7, b"1234567")),
             (5, v1_id(8, A6)), (5, v1_id(12, b"?")), (5, v1_id(2, b"bin\x01\x80")),
             (5, v1_id(1, b""))], rc=RC, etype=4),
        msg([(6, b"\x04" + b"certificate-bytes"), (7, b"\x04"), (7, b"\x63ca"), (9, b"S" * 32),
             (6, b"\x0a")], rc=RC),
        msg([(1, v1_sa([v1_p(1, 1, b"", [(1, OAKLEY)])], doi=2, sit=9))]),
        msg([(1, v1_sa([v1_p(1, 1, b"", [(1, OAKLEY)])], sit=3, ident=b"\0\0\0\x05"))],
            ic=b"\x11" * 8),
        msg([(1, v1_sa([v1_p(1, 1, b"", [(1, OAKLEY)])], sit=6, ident=b"\0\0\0\x05"))],
            ic=b"\x12" * 8),
        msg([(1, v1_sa([v1_p(1, 5, b"", [(1, basic(1, 1) + var(2, b"abc"))])]))], ic=b"\x13" * 8),
        msg([(13, b"x" * 8), (13, b"")], rc=RC) + b"",
        msg([(13, b"v" * 8)], rc=b"\x99" * 8, ic=b"\x77" * 8),
        msg([(13, b"v" * 8)], rc=RC, length=999),
        msg([(33, b"\x00" * 4), (99, b"xx"), (14, b"yy"), (46, b"e" * 8)], rc=RC),
        msg([(13, b"v" * 8)], ic=b"\0" * 8, rc=RC),
        msg([(13, b"v" * 8)], ver=0x11, etype=0x63, flags=0xfc, rc=RC),
        hdr(1, 0x10, 2, 0, 0, gen(0, b"", length=4), rc=RC),
        hdr(1, 0x10, 2, 0, 0, gen(0, b"ab", length=40), rc=RC),
        msg([(1, v1_sa([v1_p(1, 1, b"", [(1, basic(1, 1) + struct.pack("!HH", 2, 40))])]))],
            rc=RC),
        msg([(11, v1_n(24577, b"\x04", b"\x00\x01", proto=16))], etype=5, msgid=9, rc=RC),
    ]
    return m


# ---- IKEv2 ----

def v2_t(typ, tid, attrs=b"", last=True):
    return gen(0 if last else 3, struct.pack("!BBH", typ, 0, tid) + attrs)


def v2_p(no, proto, spi, ts, last=True):
    body = struct.pack("!BBBB", no, proto, len(spi), len(ts)) + spi + \
        b"".join(v2_t(t, i, a, k + 1 == len(ts)) for k, (t, i, a) in enumerate(ts))
    return gen(0 if last else 2, body)


def ikev2():
    ts = [(1, 12, basic(14, 256)), (2, 2, b""), (3, 2, b""), (4, 14, b""), (5, 0, b""),
          (1, 20, b""), (2, 9, b""), (3, 12, b""), (4, 31, b""), (5, 1, b""), (6, 1, b""),
          (1, 3, var(15, b"xy"))]
    sa = v2_p(1, 1, b"", ts, last=False) + v2_p(2, 3, b"\xde\xad\xbe\xef", [(1, 12, b"")])
    nonce = bytes(range(32))
    ke = struct.pack("!HH", 14, 0) + b"K" * 64
    m = [
        msg([(33, sa), (34, ke), (40, nonce), (41, struct.pack("!BBH", 0, 0, 16388) + b"n" * 20),
             (41, struct.pack("!BBH", 0, 0, 16389) + b"d" * 20), (43, b"strongSwan\x01\x02")],
            ver=0x20, etype=34, flags=0x08),
        msg([(41, struct.pack("!BBH", 0, 0, 16390) + b"c" * 16)], ver=0x20, etype=34, flags=0x20,
            rc=RC),
        msg([(41, struct.pack("!BBH", 0, 0, 16390) + b"c" * 40)], ver=0x20, etype=34, flags=0x20,
            rc=RC),
        msg([(46, b"\x00" * 16 + b"E" * 48)], ver=0x20, etype=35, flags=0x08, msgid=1, rc=RC),
        msg([(35, struct.pack("!B3x", 2) + b"client.example.com"),
             (36, struct.pack("!B3x", 1) + bytes([192, 0, 2, 2])),
             (35, struct.pack("!B3x", 3) + b"me@example.com\x01"), (35, struct.pack("!B3x", 5) + A6),
             (35, struct.pack("!B3x", 9) + b"dn"), (35, struct.pack("!B3x", 10) + b"gn"),
             (35, struct.pack("!B3x", 11) + b"kid"), (35, struct.pack("!B3x", 4) + b"?"),
             (39, struct.pack("!B3x", 2) + b"A" * 20), (39, struct.pack("!B3x", 9) + b"B" * 4),
             (37, b"\x04cert"), (38, b"\x04hash"), (44, b"\x01\0\0\0" + b"t" * 16),
             (45, b"\x01\0\0\0" + b"u" * 16), (47, b"\x01\0\0\0\x00\x01\x00\x00"),
             (48, b"\x01\x02\x00\x05\x01"), (42, b"\x03\x04\x00\x01\x01\x02\x03\x04")],
            ver=0x20, etype=35, flags=0x08, msgid=1, rc=RC),
        msg([(41, struct.pack("!BBH", 3, 4, t) + b"\x01\x02\x03\x04" + b"data")
             for t in (1, 4, 5, 7, 9, 11, 14, 17, 24, 34, 35, 36, 37, 39, 16384, 16385, 16386,
                       16387, 16391, 16392, 16393, 16394, 16395, 100, 9000, 20000, 50000)],
            ver=0x20, etype=37, msgid=5, rc=RC),
        msg([(42, b"\x03\x04\x00\x00", 0x80), (43, b"vid", 0x80), (40, b"nn", 0x80)],
            ver=0x20, etype=36, flags=0x30, msgid=2, rc=RC),
        msg([(33, v2_p(1, 1, b"\x01\x02", [(1, 12, b"")])[:-2])], ver=0x20, etype=34),
        msg([(33, v2_p(1, 1, b"", [(1, 12, b"")]) + gen(0, b"xx"))], ver=0x20, etype=34),
        msg([(33, gen(0, struct.pack("!BBBB", 1, 1, 200, 1)))], ver=0x20, etype=34),
        msg([(33, gen(0, struct.pack("!BBBB", 1, 1, 0, 1) + gen(0, b"xxxx", length=40)))],
            ver=0x20, etype=34),
        msg([(33, gen(3, struct.pack("!BBBB", 1, 1, 0, 1) + v2_t(1, 12)))], ver=0x20, etype=34),
        msg([(34, b"\x00\x0e")], ver=0x20, etype=34),
        msg([(39, b"\x02")], ver=0x20, etype=35),
        msg([(35, b"\x02")], ver=0x20, etype=35),
        msg([(1, b"\0\0\0\1\0\0\0\1")], ver=0x20, etype=34),
        msg([(43, b"v")], ver=0x20, etype=99, flags=0x01),
        msg([(43, b"v")], ver=0x30),
    ]
    return m


def isakmp_pcaps():
    v1 = ikev1()
    v2 = ikev2()
    p = [udp(m, sport=500, dport=500, src="192.0.2.2" if i in (1, 2) else "192.0.2.1",
             dst="192.0.2.1" if i in (1, 2) else "192.0.2.2") for i, m in enumerate(v1)]
    p += [udp(m) for m in v2]
    p += [udp(b"\0\0\0\0" + v2[0], sport=4500, dport=4500), udp(b"\0\0\0\0" + v1[0], sport=4500, dport=4500),
          udp(v2[1], sport=7500, dport=40000), udp(v1[2], v6=True, dport=8500, sport=8500),
          udp(b"\0\0\0\0" + b"short", sport=4500, dport=4500), udp(b"\0\0\0\0", sport=4500, dport=4500),
          udp(v1[0][:20]), udp(b"")]
    write("isakmp-basic.pcap", p)
    # Cut at every length, kept to the messages that are not long lists of one payload type.
    small = [udp(v1[0]), udp(v1[5]), udp(v1[9]), udp(v2[0]), udp(v2[6]),
             udp(b"\0\0\0\0" + v2[3], sport=4500, dport=4500)]
    write("isakmp-sweep.pcap", sweep(small, 14 + 20 + 8))
    write("isakmp-mut.pcap", mutate(p[:-8], 14 + 20 + 8, n=600))


if __name__ == "__main__":
    isakmp_pcaps()
