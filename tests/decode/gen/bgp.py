#!/usr/bin/python3
# bgp.py: writes the BGP conformance pcaps (every message type, capability and path attribute)
# SPDX-License-Identifier: BSD-2-Clause
#
# BGP messages are packed by hand with struct and sent in scapy TCP segments
# to port 179: a basic pcap (one segment per case, several messages in some,
# malformed fields), a sweep (some segments cut at every length) and a
# mutation pcap (a few bytes changed at random with a fixed seed). Run from
# anywhere:
#   /usr/bin/python3 tests/decode/gen/bgp.py
import os
import sys
import struct

from scapy.all import IP, IPv6, TCP, Ether, Raw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import MAC1, MAC2, write, sweep, mutate  # noqa: E402

MARKER = b"\xff" * 16


def msg(mtype, body):
    return MARKER + struct.pack(">HB", 19 + len(body), mtype) + body


def tcp(payload, seq=1000, sport=50179, dport=179, v6=False):
    ip = IPv6(src="2001:db8::1", dst="2001:db8::2") if v6 else \
        IP(src="192.0.2.1", dst="192.0.2.2", id=1, ttl=1)
    return Ether(src=MAC1, dst=MAC2) / ip / \
        TCP(sport=sport, dport=dport, seq=seq, ack=1, flags="PA", window=512) / Raw(payload)


def a4(s):
    return bytes(int(x) for x in s.split("."))


# ---- OPEN ----

def cap(code, data):
    return struct.pack(">BB", code, len(data)) + data


def opt(t, data):
    return struct.pack(">BB", t, len(data)) + data


def open_msg(params, asn=65001, hold=180, rid="10.0.0.1", version=4, optlen=None):
    body = struct.pack(">BHH", version, asn, hold) + a4(rid)
    body += struct.pack(">B", len(params) if optlen is None else optlen) + params
    return msg(1, body)


def opens():
    caps = b"".join([
        cap(1, struct.pack(">HBB", 1, 0, 1)),
        cap(1, struct.pack(">HBB", 2, 0, 1)),
        cap(1, struct.pack(">HBB", 25, 0, 70)),
        cap(1, struct.pack(">HBB", 1, 0, 128)),
        cap(1, struct.pack(">HBB", 99, 0, 200)),
        cap(2, b""),
        cap(128, b""),
        cap(65, struct.pack(">I", 4200000001)),
        cap(64, struct.pack(">H", 0x8078) + struct.pack(">HBB", 1, 1, 0x80) +
            struct.pack(">HBB", 2, 1, 0)),
        cap(69, struct.pack(">HBB", 1, 1, 3) + struct.pack(">HBB", 2, 1, 1) +
            struct.pack(">HBB", 1, 4, 2) + struct.pack(">HBB", 2, 1, 7)),
        cap(70, b""),
        cap(71, b"\x00\x01\x01\x80\x00\x00\x10"),
        cap(8, struct.pack(">HBB", 1, 4, 2)),
        cap(5, struct.pack(">HHH", 1, 1, 2)),
        cap(99, b"\x01\x02\x03"),
    ])
    out = [open_msg(opt(2, caps)),
           open_msg(opt(2, cap(2, b"")) + opt(2, cap(65, struct.pack(">I", 65001))), asn=23456),
           open_msg(b""),
           open_msg(opt(1, b"\x01secret")),
           open_msg(opt(7, b"\x01\x02")),
           open_msg(opt(2, cap(1, b"\x00\x01"))),
           open_msg(opt(2, cap(64, b"\x80"))),
           open_msg(opt(2, cap(65, b"\x00\x01"))),
           open_msg(opt(2, cap(69, b""))),
           open_msg(opt(2, cap(69, struct.pack(">HBB", 1, 1, 3) + b"\x00\x02"))),
           open_msg(opt(2, cap(64, struct.pack(">H", 90) + b"\x00\x01"))),
           open_msg(opt(2, cap(2, b"")), optlen=3),
           open_msg(opt(2, cap(2, b"")) + b"\x02", optlen=5),
           open_msg(opt(2, b"\x41\x08\x00\x00")),
           msg(1, b"\x04\x00")]
    return out


# ---- UPDATE ----

def attr(flags, t, data):
    if flags & 0x10:
        return struct.pack(">BBH", flags, t, len(data)) + data
    return struct.pack(">BBB", flags, t, len(data)) + data


def pfx4(s):
    net, plen = s.split("/")
    plen = int(plen)
    return bytes([plen]) + a4(net)[:(plen + 7) // 8]


def pfx6(s):
    import ipaddress
    net, plen = s.split("/")
    plen = int(plen)
    return bytes([plen]) + ipaddress.IPv6Address(net).packed[:(plen + 7) // 8]


def update(withdrawn=b"", attrs=b"", nlri=b""):
    return msg(2, struct.pack(">H", len(withdrawn)) + withdrawn +
               struct.pack(">H", len(attrs)) + attrs + nlri)


def aspath(segs, size=2):
    out = b""
    for t, ases in segs:
        out += struct.pack(">BB", t, len(ases))
        out += b"".join(struct.pack(">H" if size == 2 else ">I", x) for x in ases)
    return out


def ext(t, v):
    return struct.pack(">H", t) + v


EXTS = b"".join([
    ext(0x0002, struct.pack(">HI", 65001, 100)),
    ext(0x0102, a4("10.1.1.1") + struct.pack(">H", 7)),
    ext(0x0202, struct.pack(">IH", 4200000001, 9)),
    ext(0x0003, struct.pack(">HI", 65002, 0x0a000001)),
    ext(0x0103, a4("10.2.2.2") + struct.pack(">H", 8)),
    ext(0x0203, struct.pack(">IH", 70000, 10)),
    ext(0x4004, struct.pack(">Hf", 65001, 125000000.0)),
    ext(0x0005, a4("10.3.3.3") + b"\x00\x00"),
    ext(0x8005, a4("10.3.3.4") + b"\x00\x00"),
    ext(0x0306, a4("0.0.0.1") + b"\x05\x01"),
    ext(0x8000, a4("0.0.0.2") + b"\x01\x00"),
    ext(0x0306, a4("0.0.0.3") + b"\x09\x00"),
    ext(0x030c, b"\x00\x00\x00\x00\x00\x08"),
    ext(0x030c, b"\x00\x00\x00\x00\x00\x63"),
    ext(0x0107, a4("10.4.4.4") + b"\x00\x00"),
    ext(0x800a, b"\x05\x01\x05\xdc\x00\x00"),
    ext(0x800a, b"\x63\x00\x05\xdc\x00\x00"),
    ext(0x0009, b"\xfd\xe9\x00\x00\x00\x00"),
    ext(0x010b, a4("10.5.5.5") + b"\x00\x01"),
    ext(0x000a, struct.pack(">HI", 1, 2)),
    ext(0x8801, b"\x00\x01\x00\x00\x00\x10"),
    ext(0x0603, b"\x00\x00\x00\x00\x00\x01"),
    ext(0x4303, b"\x01\x02\x03\x04\x05\x06"),
])

LARGE = struct.pack(">III", 4200000001, 1, 2) + struct.pack(">III", 65001, 100, 200)


def mp_reach(afi, safi, nh, nlri, snpa=b"\x00"):
    return struct.pack(">HBB", afi, safi, len(nh)) + nh + snpa + nlri


def mp_unreach(afi, safi, nlri):
    return struct.pack(">HB", afi, safi) + nlri


def labeled4(label, s, bos=1):
    net, plen = s.split("/")
    plen = int(plen)
    lab = (label << 4 | bos).to_bytes(3, "big")
    return bytes([plen + 24]) + lab + a4(net)[:(plen + 7) // 8]


def vpn4(label, rd, s):
    net, plen = s.split("/")
    plen = int(plen)
    lab = (label << 4 | 1).to_bytes(3, "big")
    return bytes([plen + 88]) + lab + rd + a4(net)[:(plen + 7) // 8]


def vpn6(label, rd, s):
    p = pfx6(s)
    lab = (label << 4 | 1).to_bytes(3, "big")
    return bytes([p[0] + 88]) + lab + rd + p[1:]


RD0 = struct.pack(">HHI", 0, 65001, 5)
RD1 = struct.pack(">H", 1) + a4("10.9.9.9") + struct.pack(">H", 6)
RD2 = struct.pack(">HIH", 2, 4200000001, 7)
RD9 = struct.pack(">HHI", 9, 1, 1)
V6A = bytes.fromhex("20010db8000000000000000000000001")
NSAP = bytes.fromhex("490001000000000000000000000000000000000a")
V6LL = bytes.fromhex("fe800000000000000000000000000001")


def updates():
    base = attr(0x40, 1, b"\x00") + attr(0x40, 2, aspath([(2, [65001, 65002]), (1, [65003, 65004])])) + \
        attr(0x40, 3, a4("192.0.2.1"))
    out = [
        update(attrs=base + attr(0x80, 4, struct.pack(">I", 50)) + attr(0x40, 5, struct.pack(">I", 200)) +
               attr(0x40, 6, b"") + attr(0xc0, 7, struct.pack(">H", 65001) + a4("10.0.0.1")) +
               attr(0xc0, 8, struct.pack(">IIII", 0xfde80064, 0xffffff01, 0xffffff02, 0xffffff03)) +
               attr(0x80, 9, a4("10.0.0.9")) + attr(0x80, 10, a4("10.0.0.10") + a4("10.0.0.11")),
               nlri=pfx4("10.1.0.0/16") + pfx4("10.2.3.0/24") + pfx4("0.0.0.0/0") + pfx4("10.3.3.3/32") +
               pfx4("10.4.0.0/15")),
        update(withdrawn=pfx4("10.9.0.0/16") + pfx4("172.16.0.0/12")),
        update(),
        update(attrs=attr(0x40, 1, b"\x01") + attr(0x40, 2, aspath([(2, [4200000001, 65001])], 4)) +
               attr(0xc0, 7, struct.pack(">I", 4200000001) + a4("10.0.0.1")) +
               attr(0xc0, 17, aspath([(2, [4200000001]), (1, [70000, 70001])], 4)) +
               attr(0xc0, 18, struct.pack(">I", 4200000002) + a4("10.0.0.2")) +
               attr(0x40, 3, a4("192.0.2.9")), nlri=pfx4("10.5.0.0/16")),
        update(attrs=attr(0x40, 1, b"\x02") + attr(0x40, 2, aspath([(3, [1, 2]), (4, [3]), (2, [4])])) +
               attr(0x40, 3, a4("192.0.2.1")) + attr(0xc0, 16, EXTS) + attr(0xc0, 32, LARGE),
               nlri=pfx4("10.6.0.0/16")),
        update(attrs=attr(0x40, 1, b"\x05") + attr(0x40, 2, b"") + attr(0x40, 1, b"\x00\x00") +
               attr(0x40, 2, b"\x02\x01\x00") + attr(0x40, 3, b"\x01\x02") + attr(0x80, 4, b"\x00") +
               attr(0x40, 5, b"") + attr(0x40, 6, b"\x01") + attr(0xc0, 7, b"\x00\x01\x02") +
               attr(0xc0, 18, b"\x00" * 6) + attr(0xc0, 8, b"\x00\x01\x02") + attr(0x80, 9, b"") +
               attr(0x80, 10, b"\x00" * 5) + attr(0xc0, 16, b"\x00" * 7) + attr(0xc0, 32, b"\x00" * 13) +
               attr(0xc0, 32, b"")),
        update(attrs=attr(0x40, 2, aspath([(7, [1, 2])])) + attr(0xc0, 99, b"\x01\x02\x03\x04\x05") +
               attr(0xd0, 98, b"\xaa" * 20) + attr(0x4f, 1, b"\x00") + attr(0x00, 1, b"\x01") +
               attr(0xe0, 255, b"") + attr(0xc0, 24, b"\x01\x02") + attr(0xc0, 11, b"\x00\x01\x02\x03")),
        # MP-BGP
        update(attrs=attr(0x90, 14, mp_reach(2, 1, V6A + V6LL, pfx6("2001:db8:1::/48") + pfx6("::/0") +
                                             pfx6("2001:db8:2:3::/64") + pfx6("2001:db8::1/128"))) +
               attr(0x40, 1, b"\x00") + attr(0x40, 2, b"")),
        update(attrs=attr(0x90, 14, mp_reach(1, 1, a4("192.0.2.7"), pfx4("10.7.0.0/16") + pfx4("10.8.8.0/24")))),
        update(attrs=attr(0x90, 14, mp_reach(1, 2, a4("192.0.2.7"), pfx4("232.1.0.0/16")))),
        update(attrs=attr(0x90, 14, mp_reach(1, 4, a4("192.0.2.7"), labeled4(3000, "10.10.0.0/16") +
                                             labeled4(16, "10.11.1.1/32", 0)))),
        update(attrs=attr(0x90, 14, mp_reach(2, 4, V6A, b"\x70" + (1000 << 4 | 1).to_bytes(3, "big") +
                                             V6A[:6]))),
        update(attrs=attr(0x90, 14, mp_reach(1, 128, b"\x00" * 8 + a4("192.0.2.8"),
                                             vpn4(100, RD0, "10.20.0.0/16") + vpn4(101, RD1, "10.21.1.0/24") +
                                             vpn4(102, RD2, "10.22.0.0/16") + vpn4(103, RD9, "10.23.0.0/16"))) +
               attr(0xc0, 16, ext(0x0002, struct.pack(">HI", 65001, 1)))),
        update(attrs=attr(0x90, 14, mp_reach(2, 128, b"\x00" * 8 + V6A, vpn6(200, RD0, "2001:db8:5::/48")))),
        update(attrs=attr(0x90, 15, mp_unreach(2, 1, pfx6("2001:db8:9::/48") + pfx6("2001:db8:a::/48")))),
        update(attrs=attr(0x90, 15, mp_unreach(2, 1, b""))),
        update(attrs=attr(0x90, 15, mp_unreach(1, 128, vpn4(100, RD0, "10.20.0.0/16")))),
        update(attrs=attr(0x90, 15, mp_unreach(1, 4, labeled4(3000, "10.10.0.0/16")))),
        update(attrs=attr(0x90, 14, mp_reach(25, 70, a4("192.0.2.9"), b"\x02\x21" + b"\x00" * 33)) +
               attr(0x40, 1, b"\x00")),
        update(attrs=attr(0x90, 15, mp_unreach(99, 1, b"\x08\x0a"))),
        update(attrs=attr(0x90, 14, mp_reach(1, 1, a4("192.0.2.7") + b"\x01\x02", pfx4("10.7.0.0/16")))),
        update(attrs=attr(0x90, 14, mp_reach(2, 1, b"\x00" * 10, pfx6("2001:db8:1::/48")))),
        update(attrs=attr(0x90, 14, mp_reach(1, 1, a4("192.0.2.7"), pfx4("10.7.0.0/16"),
                                             snpa=b"\x02\x03\x01\x02\x03\x01\xaa"))),
        update(attrs=attr(0x90, 14, mp_reach(1, 1, a4("192.0.2.7"), b"\x21\x0a\x00\x00\x00\x00"))),
        update(attrs=attr(0x90, 14, mp_reach(2, 1, V6A, b"\x81" + b"\x00" * 16))),
        update(attrs=attr(0x90, 14, mp_reach(1, 1, a4("192.0.2.7"),
                                             struct.pack(">I", 1) + pfx4("10.7.0.0/16") +
                                             struct.pack(">I", 2) + pfx4("10.8.0.0/16")))),
        update(attrs=attr(0x90, 14, mp_reach(2, 1, V6A,
                                             struct.pack(">I", 5) + pfx6("2001:db8:1::/48") +
                                             struct.pack(">I", 6) + pfx6("2001:db8:2::/48")))),
        update(attrs=attr(0x90, 14, b"\x00\x01")),
        # PMSI, AIGP, ATTR_SET
        update(attrs=attr(0xc0, 22, b"\x01\x06" + (500 << 4).to_bytes(3, "big") + a4("192.0.2.50")) +
               attr(0xc0, 22, b"\x00\x03\x00\x00\x00" + a4("192.0.2.51") + a4("232.0.0.1")) +
               attr(0xc0, 22, b"\x00\x04\x00\x00\x00" + a4("192.0.2.52") + a4("239.0.0.1")) +
               attr(0xc0, 22, b"\x00\x02\x00\x00\x00" + a4("192.0.2.53") + b"\x00\x00\x00\x07") +
               attr(0xc0, 22, b"\x00\x01\x00\x00\x00" + a4("192.0.2.54") + b"\x00\x00\x00\x08") +
               attr(0xc0, 22, b"\x00\x09\x00\x00\x00\x01\x02") +
               attr(0x80, 26, b"\x01\x00\x0b" + struct.pack(">Q", 2000)) +
               attr(0x80, 26, b"\x05\x00\x05\xab\xcd") +
               attr(0xc0, 128, struct.pack(">I", 65001) + attr(0x40, 1, b"\x00") +
                    attr(0x40, 2, aspath([(2, [65001])])) + attr(0x40, 5, struct.pack(">I", 100)))),
        update(attrs=attr(0xc0, 128, struct.pack(">I", 65001) + attr(0x40, 1, b"\x00") + b"\x40\x05\x09\x00")),
        update(attrs=attr(0x80, 26, b"\x01\x00\x02")),
        # add-path NLRI and withdrawals, bad prefixes
        update(withdrawn=struct.pack(">I", 1) + pfx4("10.1.0.0/16") + struct.pack(">I", 2) + pfx4("10.2.0.0/16"),
               attrs=base, nlri=struct.pack(">I", 7) + pfx4("10.3.0.0/16") + struct.pack(">I", 8) +
               pfx4("0.0.0.0/0")),
        update(withdrawn=b"\x21\x0a\x00\x00\x00\x00"),
        update(attrs=base, nlri=b"\x21\x0a\x00\x00\x00\x00"),
        update(attrs=base, nlri=b"\x18\x0a\x00"),
        update(withdrawn=b"\x18\x0a\x00"),
        update(withdrawn=b"\x00"),
        msg(2, b"\x00\x00\x00\x05\x40\x01"),
        msg(2, b"\x00\x00\x00\x01\x40"),
        msg(2, b"\x00\x00\x00\x03\x50\x01\x00"),
        msg(2, b"\x00\x00\x00\x04\x40\x01\x05\x00"),
        msg(2, b"\x00\x05\x08\x0a"),
        msg(2, b"\x00"),
    ]
    out += more_afis()
    return out


def rtc(plen, asn, rt):
    return bytes([plen]) + (struct.pack(">I", asn) if plen >= 32 else b"") + rt[:(max(plen, 32) - 32 + 7) // 8]


def mvpn(t, body, rlen=None):
    return struct.pack(">BB", t, len(body) if rlen is None else rlen) + body


def sg(src, grp):
    return bytes([len(src) * 8]) + src + bytes([len(grp) * 8]) + grp


def l2vpn(body, plen=None):
    return struct.pack(">H", len(body) if plen is None else plen) + body


def more_afis():
    """MP-BGP for route target constraint, MVPN, MDT, L2VPN and VPLS."""
    nh = a4("192.0.2.7")
    rt0 = struct.pack(">HHI", 0x0002, 65001, 100)
    rt1 = struct.pack(">H", 0x0102) + a4("10.1.2.3") + struct.pack(">H", 9)
    rt2 = struct.pack(">HIH", 0x0202, 4200000001, 9)
    rt9 = struct.pack(">HHI", 0x0303, 1, 2)
    rtcs = rtc(0, 0, b"") + rtc(96, 65001, rt0) + rtc(96, 65002, rt1) + rtc(96, 65003, rt2) + \
        rtc(96, 65004, rt9) + rtc(40, 65005, rt0) + rtc(51, 65006, rt1) + rtc(32, 65007, b"") + \
        rtc(44, 65008, rt2)
    csv = b"\x01\x00\x10\xab\xcd"
    out = [
        update(attrs=attr(0x90, 14, mp_reach(1, 132, nh, rtcs))),
        update(attrs=attr(0x90, 14, mp_reach(1, 132, nh, b"\x10\x00\x01"))),
        update(attrs=attr(0x90, 14, mp_reach(1, 132, nh, b"\x70" + b"\x00" * 13))),
        update(attrs=attr(0x90, 15, mp_unreach(1, 132, rtc(96, 65001, rt0)))),
        update(attrs=attr(0x90, 14, mp_reach(1, 5, nh,
                                             mvpn(1, RD0 + a4("10.0.0.1")) + mvpn(1, RD1 + V6A) +
                                             mvpn(1, RD2 + b"\x01\x02") +
                                             mvpn(2, RD0 + struct.pack(">I", 65001)) +
                                             mvpn(3, RD0 + sg(a4("10.1.1.1"), a4("232.1.1.1")) + a4("10.0.0.9")) +
                                             mvpn(4, RD0 + b"\x01\x02\x03") +
                                             mvpn(5, RD1 + sg(a4("10.1.1.2"), a4("232.1.1.2"))) +
                                             mvpn(6, RD0 + struct.pack(">I", 65002) + sg(V6A, V6LL)) +
                                             mvpn(7, RD0 + struct.pack(">I", 65003) + sg(b"", a4("239.1.1.1"))) +
                                             mvpn(9, b"\x01\x02")))),
        update(attrs=attr(0x90, 14, mp_reach(1, 5, nh, mvpn(3, RD0 + sg(a4("10.1.1.1"), a4("232.1.1.1")), rlen=40)))),
        update(attrs=attr(0x90, 15, mp_unreach(1, 5, mvpn(7, RD0 + struct.pack(">I", 65003) +
                                                          sg(a4("10.3.3.3"), a4("232.3.3.3")))))),
        update(attrs=attr(0x90, 14, mp_reach(1, 66, nh, b"\x80" + RD0 + a4("10.0.0.1") + a4("239.1.1.1") +
                                             b"\x80" + RD2 + a4("10.0.0.2") + a4("239.1.1.2")))),
        update(attrs=attr(0x90, 14, mp_reach(1, 66, nh, b"\x40" + RD0 + a4("10.0.0.1")))),
        update(attrs=attr(0x90, 14, mp_reach(25, 65, nh,
                                             l2vpn(RD0 + a4("192.0.2.20")) +
                                             l2vpn(RD1 + struct.pack(">HH", 5, 1) + (800000 << 4).to_bytes(3, "big") +
                                                   csv + b"\x07\x00\x08\x55"),
                                             snpa=b"\x00"))),
        update(attrs=attr(0x90, 14, mp_reach(196, 128, nh,
                                             l2vpn(RD0 + struct.pack(">HH", 1, 2) + (1000 << 4).to_bytes(3, "big") +
                                                   b"\x01\x01\x00" + b"\xff" * 32)))),
        update(attrs=attr(0x90, 14, mp_reach(196, 129, nh,
                                             l2vpn(RD0 + struct.pack(">HH", 1, 2) + (1000 << 4).to_bytes(3, "big") +
                                                   b"\x01\x00\x40\x01")))),
        update(attrs=attr(0x90, 14, mp_reach(196, 130, nh,
                                             l2vpn(RD0 + struct.pack(">HH", 1, 2) + (1000 << 4).to_bytes(3, "big") +
                                                   b"\x05\x00\x09\x01\x02\x03")))),
        update(attrs=attr(0x90, 14, mp_reach(25, 65, nh,
                                             l2vpn(RD0 + struct.pack(">HH", 1, 2) + (1000 << 4).to_bytes(3, "big") +
                                                   b"\x01\x00")))),
        update(attrs=attr(0x90, 14, mp_reach(25, 65, nh, l2vpn(RD0 + b"\x01\x02\x03\x04\x05\x06")))),
        update(attrs=attr(0x90, 15, mp_unreach(25, 65, l2vpn(RD1 + a4("192.0.2.21"))))),
        update(attrs=attr(0x90, 14, mp_reach(2, 5, V6A, b"\x01\x02"))),
        update(attrs=attr(0x90, 14, mp_reach(3, 1, b"\x47\x00\x06\x01" + a4("10.0.0.1"), b"\x08\x49"))),
        update(attrs=attr(0x90, 14, mp_reach(3, 1, NSAP, b"\x10\x00\x00\x00\x49\x00\x01" +
                                             b"\x98" + bytes(range(1, 23)) + b"\x00\x00\x00" + b"\x00\x01"))),
        update(attrs=attr(0x90, 14, mp_reach(3, 2, NSAP + b"\x01" * 4, b""))),
        update(attrs=attr(0x90, 14, mp_reach(3, 128, RD0 + b"\x47\x00\x06\x01" + a4("10.0.0.1"),
                                             bytes([88 + 20]) + (16 << 4 | 1).to_bytes(3, "big") + RD1 +
                                             b"\x49\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"))),
        update(attrs=attr(0x90, 14, mp_reach(3, 129, RD0 + b"\x35\x00\x00" + V6A, b""))),
        update(attrs=attr(0x90, 14, mp_reach(3, 130, RD0, b""))),
        update(attrs=attr(0x90, 15, mp_unreach(3, 1, b"\xa0" + b"\x00" * 3))),
    ]
    return out


# ---- NOTIFICATION, ROUTE-REFRESH, others ----

def notif(major, minor, data=b""):
    return msg(3, bytes([major, minor]) + data)


def notifs():
    out = [notif(1, 1), notif(1, 2, b"\x00\x05"), notif(1, 3, b"\x09"), notif(1, 9)]
    out += [notif(2, m) for m in range(0, 9)]
    out += [notif(3, m) for m in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)]
    out += [notif(4, 0), notif(5, 0), notif(5, 1), notif(5, 2), notif(5, 3), notif(5, 4)]
    out += [notif(6, m) for m in range(0, 9)]
    out += [notif(7, m) for m in range(0, 6)]
    out += [notif(8, 1), notif(0, 0), notif(255, 3)]
    out += [notif(6, 1, struct.pack(">HBI", 1, 1, 1000)),
            notif(6, 1, struct.pack(">HBH", 2, 1, 7)),
            notif(6, 2, b"\x0bmaintenance"),
            notif(6, 4, b"\x05reset\x01\x02\x03"),
            notif(6, 2, b"\x00"),
            notif(6, 2, b"\x00\xde\xad"),
            notif(6, 4, b"\x30short"),
            notif(6, 2, b"\x04a\x01\x7f\xe9"),
            msg(3, b"\x06")]
    return out


def others():
    return [msg(4, b""), msg(4, b"\x00\x01"),
            msg(5, struct.pack(">HBB", 1, 0, 1)), msg(5, struct.pack(">HBB", 2, 1, 128)),
            msg(5, struct.pack(">HBB", 25, 2, 70) + b"\x00\x01"), msg(5, b"\x00\x01"),
            msg(6, b"\x01\x02\x03"), msg(9, b"")]


def segments():
    o, u, n, k = opens(), updates(), notifs(), others()
    pkts = [tcp(m, seq=1000 + i) for i, m in enumerate(o + u + n + k)]
    # several messages in one segment, IPv6, from port 179
    pkts.append(tcp(o[1] + k[0] + u[0] + u[2]))
    pkts.append(tcp(k[0] * 3 + n[-5], v6=True))
    pkts.append(tcp(u[7] + k[2], sport=179, dport=50179, v6=True))
    # a segment starting inside a message, one ending inside one, garbage between
    pkts.append(tcp(u[0][30:] + k[0]))
    pkts.append(tcp(k[0] + u[0][:40]))
    pkts.append(tcp(k[0] + b"\x00\xff\xfe" + k[0]))
    pkts.append(tcp(MARKER + b"\x00\x10\x04" + k[0]))
    pkts.append(tcp(MARKER + b"\x00\x13"))
    pkts.append(tcp(b"\xff" * 10))
    pkts.append(tcp(b"hello"))
    # LDP's port on the other side: BGP comes first in tcpdump's order
    pkts.append(tcp(k[0], sport=646))
    return pkts


def main():
    pkts = segments()
    write("bgp-basic.pcap", pkts)
    o, u, n, k = opens(), updates(), notifs(), others()
    cut = [tcp(o[0]), tcp(u[0]), tcp(u[4]), tcp(u[7]), tcp(u[12]), tcp(u[28]),
           tcp(n[-8]), tcp(k[2] + k[0]), tcp(u[-18]), tcp(u[-14]), tcp(u[-9]), tcp(u[-8])]
    write("bgp-sweep.pcap", sweep(cut, 54))
    write("bgp-mutate.pcap", mutate(pkts, 54, n=600))


if __name__ == "__main__":
    main()
