#!/usr/bin/python3
# ppp.py: writes the PPP family conformance pcaps: PPPoE, PPP (LCP, IPCP, IP6CP, CCP, BACP, CHAP, PAP), PPTP GRE, L2TP, PPTP, Cisco HDLC
# SPDX-License-Identifier: BSD-2-Clause
#
# PPP and its control protocols are packed by hand with struct, so that
# malformed packets (lengths that lie, bogus option lengths, unknown codes)
# are as easy to write as good ones; scapy builds the Ethernet, IP, UDP and
# TCP around them. Each protocol also gets a sweep: packets cut at every
# length, to reach every truncation exit. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/ppp.py
import os
import struct

from scapy.all import ICMP, IP, LLC, SNAP, TCP, UDP, CookedLinux, Dot1Q, Ether, IPv6, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1, MAC2 = "00:11:22:33:44:55", "66:77:88:99:aa:bb"
A4, B4 = "192.0.2.1", "192.0.2.2"
C4, D4 = "10.9.0.1", "10.9.0.2"


def write(name, recs, linktype=1):
    """recs: packets or bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456 + i, len(data), wire))
            f.write(data)


def sweep(pkts, start=14):
    recs = []
    for p in pkts:
        b = bytes(p)
        recs += [(b[:n], len(b)) for n in range(start, len(b))]
    return recs


def ping(i=1):
    return bytes(IP(src=C4, dst=D4, id=i) / ICMP(type=8, id=7, seq=i) / Raw(b"abcdefgh"))


# ---- PPP ----

def cp(code, ident, data=b"", length=None):
    """A control protocol packet (RFC 1661 section 5)."""
    n = 4 + len(data) if length is None else length
    return struct.pack("!BBH", code, ident, n) + data


def opt(t, data=b"", length=None):
    return struct.pack("!BB", t, 2 + len(data) if length is None else length) + data


def ppp(proto, payload, acfc=True, pfc=False):
    hdr = b"\xff\x03" if acfc else b""
    hdr += struct.pack("!B", proto) if pfc else struct.pack("!H", proto)
    return hdr + payload


LCP, IPCP, IP6CP, CCP, BACP = 0xc021, 0x8021, 0x8057, 0x80fd, 0xc02b
PAP, CHAP = 0xc023, 0xc223

LCP_OPTS = (opt(1, struct.pack("!H", 1492)) + opt(2, struct.pack("!I", 0xa0000)) +
            opt(3, struct.pack("!HB", CHAP, 5)) + opt(5, struct.pack("!I", 0x12345678)) +
            opt(7) + opt(8))


def lcp_packets():
    """Every LCP code and every option tcpdump decodes, good and bogus."""
    magic = struct.pack("!I", 0xdeadbeef)
    return [
        cp(1, 1, LCP_OPTS),
        cp(2, 1, LCP_OPTS),
        cp(3, 2, opt(1, struct.pack("!H", 1400))),
        cp(4, 3, opt(13, b"\x06") + opt(17, struct.pack("!H", 1600))),
        cp(1, 4),
        cp(1, 5, opt(3, struct.pack("!H", PAP)) + opt(3, struct.pack("!H", 0xc227)) +
           opt(3, struct.pack("!H", 0xc027)) + opt(3, struct.pack("!H", 0x1234)) +
           opt(3, struct.pack("!HB", CHAP, 0x80)) + opt(3, struct.pack("!HB", CHAP, 0x81)) +
           opt(3, struct.pack("!HB", CHAP, 0x33))),
        cp(1, 6, opt(4, struct.pack("!HI", 0xc025, 1000)) + opt(4, struct.pack("!H", 0x1111)) +
           opt(23, b"\x00\x07") + opt(18) + opt(9, b"\x02") + opt(20, b"abc")),
        cp(1, 7, opt(19, b"\x00") + opt(19, b"\x01abc") + opt(19, b"\x02\x0a\x00\x00\x01") +
           opt(19, b"\x03\x00\x11\x22\x33\x44\x55") + opt(19, b"\x04\x01\x02\x03\x04") +
           opt(19, b"\x05123") + opt(19, b"\x09")),
        cp(1, 8, opt(0, b"\x00\x00\x0c\x01xyz") + opt(0, b"\x00\x10\x00\x02") + opt(0, b"\x00")),
        cp(1, 9, opt(1, b"\x05") + opt(2, b"\x01\x02") + opt(5, b"\x01\x02\x03") +
           opt(17, b"\x05") + opt(23, b"\x01")),
        cp(1, 10, opt(4, b"\x01")),
        cp(1, 11, opt(13, b"")),
        cp(1, 12, opt(19, b"")),
        cp(1, 13, opt(19, b"\x02\x01\x02")),
        cp(1, 14, opt(19, b"\x03\x01\x02")),
        cp(1, 15, opt(1, b"\x05\xdc", length=1)),
        cp(1, 16, opt(40, b"\x01\x02") + opt(1, b"\x05\xdc")),
        cp(1, 17, opt(45, b"", length=0)),
        cp(1, 18, opt(1, b"\x05\xdc", length=12)),
        cp(1, 19, opt(1, b"\x05\xdc") + opt(5, magic, length=9)),
        cp(5, 20, b"bye"),
        cp(6, 21),
        cp(7, 22, b"\x55\x01\x00\x04"),
        cp(8, 23, struct.pack("!H", 0x8057) + b"\x01\x02\x00\x04"),
        cp(8, 24, struct.pack("!H", 0x9999)),
        cp(9, 25, magic),
        cp(10, 26, magic + b"trailing!"),
        cp(11, 27, magic),
        cp(12, 28, magic + b"pppd-2.4.9"),
        cp(13, 29, magic + struct.pack("!I", 3600) + b"msg"),
        cp(0, 30, magic + b"\x00\x00\x0c\x01abc"),
        cp(0, 31, magic),
        cp(14, 32, b"\x01\x02"),
        cp(15, 33),
        cp(99, 34, b"\x01\x02\x03"),
        cp(1, 35, length=3),
        cp(1, 36, opt(1, b"\x05\xdc"), length=40),
        cp(9, 37, magic, length=6),
        cp(12, 38, magic + b"x" * 100),
    ]


def ipcp_packets():
    return [
        cp(1, 1, opt(3, bytes([10, 0, 0, 1])) + opt(129, bytes([8, 8, 8, 8])) +
           opt(130, bytes([1, 2, 3, 4])) + opt(131, bytes([8, 8, 4, 4])) +
           opt(132, bytes([5, 6, 7, 8])) + opt(4, bytes([9, 9, 9, 9]))),
        cp(3, 2, opt(3, bytes([100, 64, 0, 7]))),
        cp(2, 3, opt(1, bytes([10, 0, 0, 1, 10, 0, 0, 2]))),
        cp(1, 4, opt(2, struct.pack("!HBB", 0x002d, 15, 1))),
        cp(1, 5, opt(2, struct.pack("!HHHHHH", 0x61, 15, 16, 256, 5, 168))),
        cp(1, 6, opt(2, struct.pack("!HHHHHH", 0x61, 15, 16, 256, 5, 168) + b"\x01\x02\x02\x04ab")),
        cp(1, 7, opt(2, struct.pack("!HHHHHH", 0x61, 1, 2, 3, 4, 5) + b"\x07\x09ab")),
        cp(1, 8, opt(2, struct.pack("!HHHHHH", 0x61, 1, 2, 3, 4, 5) + b"\x00\x02\x01\x02")),
        cp(1, 9, opt(2, struct.pack("!HHH", 0x61, 1, 2))),
        cp(1, 10, opt(2, struct.pack("!H", 0x1234))),
        cp(1, 11, opt(2, b"\x00")),
        cp(1, 12, opt(3, b"\x01\x02")),
        cp(1, 13, opt(1, b"\x01\x02")),
        cp(1, 14, opt(77, b"\x01\x02\x03")),
        cp(1, 15, opt(3, b"\x01\x02\x03\x04", length=1)),
        cp(4, 16, opt(130, b"\x00\x00\x00\x00")),
        cp(5, 17),
        cp(7, 18, b"\x01\x02"),
        cp(14, 19),
    ]


def ip6cp_packets():
    return [
        cp(1, 1, opt(1, bytes.fromhex("0211223344556677"))),
        cp(2, 1, opt(1, bytes.fromhex("0211223344556677"))),
        cp(3, 2, opt(1, b"\x01\x02")),
        cp(1, 3, opt(2, b"\x00\x4f")),
        cp(1, 4, opt(1, b"", length=0)),
    ]


def ccp_packets():
    return [
        cp(1, 1, opt(21, b"\x2f") + opt(26, b"\x78\x00") + opt(24, b"\xa5\x03")),
        cp(1, 2, opt(18, b"\x01\x00\x00\x40") + opt(17, b"\x00\x01\x03") + opt(1) + opt(255)),
        cp(1, 3, opt(21) + opt(24, b"\x01") + opt(26, b"\x01")),
        cp(1, 4, opt(26, b"\x27\x03") + opt(50, b"zz")),
        cp(14, 5),
        cp(15, 6),
        cp(1, 7, opt(2, b"", length=1)),
    ]


def bacp_packets():
    return [
        cp(1, 1, opt(1, struct.pack("!I", 0x0badcafe))),
        cp(1, 2, opt(1, b"\x01")),
        cp(1, 3, opt(7, b"\x01\x02")),
        cp(2, 4, opt(1, b"", length=1)),
    ]


def chap_packets():
    return [
        struct.pack("!BBHB", 1, 1, 4 + 1 + 16 + 6, 16) + bytes(range(16)) + b"server",
        struct.pack("!BBHB", 2, 1, 4 + 1 + 16 + 4, 16) + bytes(range(16, 32)) + b"user",
        struct.pack("!BBH", 3, 1, 4 + 9) + b"Welcome!\x01",
        struct.pack("!BBH", 4, 1, 4 + 14) + b"E=691 R=0 V=3\x80",
        struct.pack("!BBH", 9, 1, 4),
        struct.pack("!BBHB", 1, 2, 4, 0),
        struct.pack("!BBHB", 1, 3, 9, 30) + b"abc",
        b"\x01\x02",
        struct.pack("!BBH", 3, 1, 2),
    ]


def pap_packets():
    return [
        struct.pack("!BBHB", 1, 1, 4 + 1 + 4 + 1 + 6, 4) + b"user" + b"\x06secret",
        struct.pack("!BBHB", 2, 1, 4 + 1 + 10, 10) + b"Login ok\r\n",
        struct.pack("!BBHB", 3, 2, 4 + 1 + 6, 6) + b"denied",
        struct.pack("!BBHB", 1, 3, 4, 0),
        struct.pack("!BBHB", 1, 4, 50, 0),
        struct.pack("!BBHB", 2, 5, 4, 0),
        struct.pack("!BBHB", 1, 6, 8, 9) + b"abc",
        struct.pack("!BBHB", 1, 7, 9, 2) + b"ab\x09",
        struct.pack("!BBHB", 2, 8, 6, 9) + b"x",
        struct.pack("!BBHB", 7, 9, 5, 0),
        struct.pack("!BBH", 1, 10, 2),
        b"\x01",
    ]


def ppp_frames():
    """PPP frames (from the address field) of every kind we print."""
    fr = []
    for proto, pkts in ((LCP, lcp_packets()), (IPCP, ipcp_packets()), (IP6CP, ip6cp_packets()),
                        (CCP, ccp_packets()), (BACP, bacp_packets()), (CHAP, chap_packets()),
                        (PAP, pap_packets())):
        fr += [ppp(proto, p) for p in pkts]
    v6 = bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1000, dport=2000) /
               Raw(b"hi"))
    fr += [
        ppp(0x21, ping(1)),
        ppp(0x21, ping(2), acfc=False),
        ppp(0x21, ping(3), pfc=True),
        ppp(0x21, ping(4), acfc=False, pfc=True),
        ppp(0x57, v6),
        ppp(0x0800, ping(5)),
        ppp(0x2f, ping(6)),
        ppp(0x281, struct.pack("!I", (100 << 12) | 0x100 | 64) + ping(7)),
        ppp(0xfd, b"\x00\x01compressed"),
        ppp(0x3d, b"\xc0\x00\x01\x02" + ping(8)),
        ppp(0x3d, b"\x80\x05"),
        ppp(0x3d, b"\x00"),
        ppp(0x2d, b"\x45\x00\x01"),
        ppp(0x8023, cp(1, 1, b"\x01\x02")),
        ppp(0x8281, cp(2, 1)),
        ppp(0xc02d, b"\x01\x02\x03\x04"),
        ppp(0x4321, b"\x01\x02\x03"),
        ppp(0x8035, cp(1, 1)),
        ppp(0xc025, b"\x00\x00"),
        b"\x00\x03" + struct.pack("!H", LCP) + cp(9, 1, b"\x00\x00\x00\x01"),
        b"\x01\x03" + struct.pack("!H", LCP) + cp(10, 1, b"\x00\x00\x00\x01"),
        b"\xff\x03",
        b"\xff",
        b"\xff\x03\x00",
        ppp(LCP, b""),
        ppp(LCP, b"\x01\x01\x00"),
        ppp(IPCP, b"\x01"),
        ppp(CHAP, b""),
        ppp(PAP, b""),
    ]
    return fr


# ---- PPPoE ----

def pppoe(code, sid, payload, ver=1, typ=1, length=None):
    n = len(payload) if length is None else length
    return struct.pack("!BBHH", (ver << 4) | typ, code, sid, n) + payload


def tag(t, v=b"", length=None):
    return struct.pack("!HH", t, len(v) if length is None else length) + v


def eth(etype, payload, src=MAC1, dst=MAC2):
    return Ether(src=src, dst=dst, type=etype) / Raw(payload)


def pppoe_disc():
    host = tag(0x0103, bytes.fromhex("a1b2c3d4"))
    return [
        pppoe(0x09, 0, tag(0x0101) + host),
        pppoe(0x07, 0, tag(0x0101, b"internet") + tag(0x0102, b"BRAS-01") +
              tag(0x0104, bytes(range(16))) + host),
        pppoe(0x19, 0, tag(0x0101, b"internet") + tag(0x0104, bytes(range(16))) + host),
        pppoe(0x65, 0x1234, tag(0x0101, b"internet") + host),
        pppoe(0xa7, 0x1234, tag(0x0203, b"session closed")),
        pppoe(0xa7, 0x1234, b""),
        pppoe(0x09, 0, tag(0x0105, b"\x00\x00\x0d\xe9\x01\x02") + tag(0x0110, b"relay-1") +
              tag(0x0120, b"\x05\xdc") + tag(0x0201, b"no such service") +
              tag(0x0202, b"busy") + tag(0x0999, b"abc") + tag(0x0998)),
        pppoe(0x09, 0, tag(0x0101, b"a" * 100)),
        pppoe(0x09, 0, tag(0x0101, b"ab\x01\x02")),
        pppoe(0x09, 0, tag(0x0101, b"a\x01\x02")),
        pppoe(0x09, 0, tag(0x0000) + tag(0x0101, b"after-eol")),
        pppoe(0x09, 0, tag(0x0101, b"x" * 1480)),
        pppoe(0x09, 0, tag(0x0101, b"abc"), length=200),
        pppoe(0x09, 0, tag(0x0101, b"abc", length=50)),
        pppoe(0x55, 0, tag(0x0101)),
        pppoe(0x09, 0, tag(0x0101), ver=2, typ=3),
        pppoe(0x09, 0, tag(0x0101) + b"\x01"),
    ]


def pppoe_sess():
    return [pppoe(0, 0x1234, f) for f in ppp_frames()]


def pppoe_pcaps():
    d = [eth(0x8863, p) for p in pppoe_disc()]
    d.append(eth(0x3c12, pppoe(0x09, 0, tag(0x0101))))
    d.append(eth(0x8863, b"\x11\x09\x00"))
    write("pppoe-disc.pcap", d)
    s = [eth(0x8864, p) for p in pppoe_sess()]
    s.append(eth(0x3c13, pppoe(0, 1, ppp(0x21, ping(9)))))
    s.append(eth(0x8864, pppoe(0, 1, ppp(0x21, ping(9)), length=10)))
    s.append(eth(0x8864, pppoe(0, 1, ppp(LCP, cp(9, 1, b"\x00\x00\x00\x01")), length=300)))
    s.append(eth(0x880b, ppp(LCP, cp(9, 1, b"\x00\x00\x00\x01"))))
    s.append(eth(0x880b, b""))
    write("pppoe-sess.pcap", s)
    tr = [eth(0x8863, p) for p in pppoe_disc()[:3]]
    tr += [eth(0x8864, pppoe(0, 0x1234, ppp(p, q))) for p, q in (
        (LCP, lcp_packets()[0]), (LCP, lcp_packets()[5]), (LCP, lcp_packets()[7]),
        (LCP, lcp_packets()[28]), (LCP, lcp_packets()[26]), (LCP, lcp_packets()[23]),
        (LCP, lcp_packets()[30]), (LCP, lcp_packets()[29]),
        (IPCP, ipcp_packets()[0]), (IPCP, ipcp_packets()[5]), (IPCP, ipcp_packets()[2]),
        (IP6CP, ip6cp_packets()[0]), (CCP, ccp_packets()[0]), (BACP, bacp_packets()[0]),
        (CHAP, chap_packets()[0]), (CHAP, chap_packets()[2]), (PAP, pap_packets()[0]),
        (PAP, pap_packets()[1]), (0x3d, b"\xc0\x00\x01\x02"), (0x21, ping(1)))]
    write("pppoe-trunc.pcap", sweep(tr))
    # PPPoE behind a VLAN tag, in SNAP and in a Linux cooked capture
    fr = ppp_frames()
    enc = [Ether(src=MAC1, dst=MAC2) / Dot1Q(vlan=10, type=0x8864) / Raw(pppoe(0, 5, f))
           for f in fr[:8] + fr[-28:-20]]
    enc += [Ether(src=MAC1, dst=MAC2) / Dot1Q(vlan=10, type=0x8863) / Raw(d)
            for d in pppoe_disc()[:5]]
    enc.append(Ether(src=MAC1, dst=MAC2, type=len(fr[0]) + 14) / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) /
               SNAP(OUI=0, code=0x8864) / Raw(pppoe(0, 5, fr[0])))
    write("pppoe-vlan.pcap", enc)
    write("pppoe-sll.pcap", [CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6,
                                         src=b"\x00\x11\x22\x33\x44\x55\x00\x00",
                                         proto=0x8864) / Raw(pppoe(0, 5, f))
                             for f in fr[:8] + fr[-28:-20]], linktype=113)


def hdlc_escape(b):
    out = b""
    for c in b:
        out += bytes([0x7d, c ^ 0x20]) if c in (0x7d, 0x7e) or c < 0x20 else bytes([c])
    return out


def hdlc_frames():
    """Protocols 0x7eXX: tcpdump unescapes the rest of the frame and guesses again."""
    return [
        b"\xff\x03\x7e\x21" + hdlc_escape(ping(20)),
        b"\xff\x03\x7e\xff\x7d\x23\xc0\x21" + hdlc_escape(cp(9, 1, b"\x00\x00\x00\x01")),
        b"\xff\x03\x7e\x00\x57" + bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") /
                                        UDP(sport=1, dport=2)),
        b"\xff\x03\x7e\x57" + bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") /
                                    UDP(sport=1, dport=2)),
        b"\xff\x03\x7e\xff\x03\x7e\x11\x00",
        b"\xff\x03\x7e\x7e\x11\x00",
        b"\xff\x03\x7e\xff\x03\x00",
        b"\xff\x03\x7e\x22",
        b"\xff\x03\x7e\x7d",
        b"\xff\x03\x7e\x80\x21" + cp(1, 1, opt(3, b"\x7d\x5d\x7d\x5e")),
    ]


def link_pcaps():
    fr = ppp_frames() + hdlc_frames()
    write("ppp-link.pcap", fr + [b"\xff\x03\x00", b"\xff"], linktype=9)
    write("ppp-pppd.pcap", fr[-20:], linktype=166)
    ser = [f for f in fr if f[:2] == b"\xff\x03"]
    ser += [b"\x11\x22\x33\x44\x55", b"\xff\x03\xc0", b"\xff", b"\x11\x03\x00",
            b"\xff\x03\x00\x21"]
    write("ppp-serial.pcap", ser, linktype=50)
    write("ppp-ether.pcap", [pppoe(0, 0x1234, f) for f in fr[-25:]] + pppoe_disc() +
          [b"\x11\x00\x00", pppoe(0, 1, b"")], linktype=51)
    write("ppp-link-trunc.pcap", sweep([ppp(LCP, lcp_packets()[0]), hdlc_frames()[0],
                                        hdlc_frames()[1]], start=1), linktype=9)


# ---- PPTP's enhanced GRE (RFC 2637 section 4.1) ----

def gre1(call, payload=None, seq=None, ack=None, proto=0x880b, flags=0x2001, plen=None):
    f = flags | (0x1000 if seq is not None else 0) | (0x0080 if ack is not None else 0)
    n = len(payload or b"") if plen is None else plen
    h = struct.pack("!HHHH", f, proto, n, call)
    if seq is not None:
        h += struct.pack("!I", seq)
    if ack is not None:
        h += struct.pack("!I", ack)
    return h + (payload or b"")


def gre_ip(g):
    return Ether(src=MAC1, dst=MAC2) / IP(src=A4, dst=B4, proto=47, id=1) / Raw(g)


def pptp_gre_pcaps():
    g = [
        gre1(7, ppp(LCP, lcp_packets()[0]), seq=0),
        gre1(7, ppp(LCP, lcp_packets()[1]), seq=1, ack=0),
        gre1(8, ack=5),
        gre1(8, ppp(0x21, ping(1), acfc=False, pfc=True), seq=2),
        gre1(8, ppp(0x21, ping(2)), seq=3, ack=2),
        gre1(8, ppp(CHAP, chap_packets()[1]), seq=4),
        gre1(8, ppp(PAP, pap_packets()[0]), seq=5),
        gre1(8, ppp(IPCP, ipcp_packets()[0]), seq=6),
        gre1(8, ppp(CCP, ccp_packets()[1]), seq=7),
        gre1(8, ppp(0xfd, b"\x00\x01compressed", acfc=False), seq=8),
        gre1(9, b"\x01\x02", seq=9, proto=0x0800),
        gre1(9, ppp(LCP, lcp_packets()[25]), seq=10, flags=0x3881),
        gre1(9, ppp(LCP, b""), seq=11),
        gre1(9, b"", seq=12),
        gre1(9, b"\xff", seq=13),
        gre1(9, ppp(0x21, ping(3)), seq=14, plen=4000),
        gre1(10),
        gre1(10, flags=0x0001),
    ]
    pk = [gre_ip(x) for x in g]
    write("pptp-gre.pcap", pk)
    write("pptp-gre-trunc.pcap", sweep([gre_ip(g[0]), gre_ip(g[1]), gre_ip(g[4])], start=34))


# ---- L2TP (RFC 2661) ----

def avp(t, v=b"", m=True, h=False, vendor=0, length=None):
    n = 6 + len(v) if length is None else length
    return struct.pack("!HHH", (0x8000 if m else 0) | (0x4000 if h else 0) | n, vendor, t) + v


def l2tp(body, tunnel=1, session=0, t=True, ln=True, seq=None, off=None, pri=False, ver=2,
         length=None):
    flags = ver | (0x8000 if t else 0) | (0x4000 if ln else 0) | (0x0100 if pri else 0)
    flags |= (0x0800 if seq else 0) | (0x0200 if off is not None else 0)
    rest = struct.pack("!HH", tunnel, session)
    if seq:
        rest += struct.pack("!HH", *seq)
    if off is not None:
        rest += struct.pack("!H", len(off)) + off
    hlen = 2 + (2 if ln else 0) + len(rest)
    n = hlen + len(body) if length is None else length
    return struct.pack("!H", flags) + (struct.pack("!H", n) if ln else b"") + rest + body


def u16(v):
    return struct.pack("!H", v)


def u32(v):
    return struct.pack("!I", v)


def l2tp_ctrl():
    sccrq = (avp(0, u16(1)) + avp(2, u16(0x100)) + avp(3, u32(3)) + avp(4, u32(3)) +
             avp(5, bytes(range(8))) + avp(6, u16(0x680)) + avp(7, b"lac.example") +
             avp(8, b"Vendor\x01", m=False) + avp(9, u16(42)) + avp(10, u16(4)) +
             avp(11, bytes(range(16))))
    icrq = (avp(0, u16(10)) + avp(14, u16(7)) + avp(15, u32(123456)) + avp(18, u32(1)) +
            avp(21, b"5551234") + avp(22, b"5559876") + avp(23, b"sub") + avp(25, u32(9)))
    iccn = (avp(0, u16(12)) + avp(24, u32(100000000)) + avp(19, u32(2)) + avp(20, u32(0)) +
            avp(26, bytes.fromhex("0101000a010405d4")) + avp(27, bytes.fromhex("01020004")) +
            avp(28, bytes.fromhex("0103")) + avp(29, u16(2)) + avp(30, b"user") +
            avp(31, bytes(range(8))) + avp(32, u16(0x1234)) + avp(33, bytes(range(16))) +
            avp(38, u32(56000)) + avp(39) + avp(37, b"grp"))
    cdn = (avp(0, u16(14)) + avp(1, u16(1) + u16(2) + b"error msg") + avp(12, u16(16) + b"\x02") +
           avp(12, u16(16) + b"\x02cause") + avp(46, u16(1) + u16(0xc021) + b"\x01") +
           avp(46, u16(2) + u16(0x8021) + b"\x05text"))
    wen = avp(0, u16(15)) + avp(34, u16(0) + b"".join(u32(i) for i in range(1, 7)))
    sli = avp(0, u16(16)) + avp(35, u16(0) + u32(0xffffffff) + u32(0x000a0000))
    short = (avp(0, b"\x01") + avp(1, b"\x01") + avp(1, u16(1) + b"\x02") + avp(1, u16(1)) +
             avp(2, b"") + avp(3, u16(1)) + avp(4, b"") + avp(5, b"1234") + avp(6, b"") +
             avp(12, b"\x01\x02") + avp(13, b"abc") + avp(15, b"ab") + avp(18, b"") +
             avp(19, b"") + avp(29, b"") + avp(32, b"") + avp(34, b"") + avp(34, u16(0) + u32(1)) +
             avp(35, u16(0)) + avp(35, u16(0) + u32(1)) + avp(46, b"1234") + avp(99, b"xyz"))
    return [
        l2tp(sccrq, tunnel=0, seq=(0, 0)),
        l2tp(avp(0, u16(2)) + avp(2, u16(0x100)) + avp(13, bytes(range(16))), seq=(0, 1)),
        l2tp(avp(0, u16(3)), seq=(1, 1)),
        l2tp(b"", seq=(2, 2)),
        l2tp(avp(0, u16(6)), seq=(3, 3)),
        l2tp(icrq, seq=(4, 4)),
        l2tp(iccn, session=7, seq=(5, 5)),
        l2tp(cdn, session=7, seq=(6, 6)),
        l2tp(wen, seq=(7, 7)),
        l2tp(sli, seq=(8, 8)),
        l2tp(avp(0, u16(4)) + avp(1, u16(6)) + avp(9, u16(3)), seq=(9, 9)),
        l2tp(short, seq=(10, 10)),
        l2tp(avp(0, u16(99)) + avp(0, u16(7)) + avp(0, u16(8)) + avp(0, u16(9)) +
             avp(0, u16(11)), seq=(11, 11)),
        l2tp(avp(7, b"\x12\x34\x56\x78", h=True) + avp(99, b"ab", vendor=311) +
             avp(7, b"host", m=False), seq=(12, 12)),
        l2tp(avp(0, u16(1)) + avp(7, b"x", length=5) + avp(8, b"never"), seq=(13, 13)),
        l2tp(avp(0, u16(1)) + avp(7, b"x", length=90), seq=(14, 14)),
        l2tp(avp(0, u16(1)) + b"\x00", seq=(15, 15)),
        l2tp(avp(0, u16(1)), ln=False),
        l2tp(avp(0, u16(1)), length=200),
        l2tp(avp(0, u16(1)), length=6),
        l2tp(avp(0, u16(1)), seq=(1, 2), off=b"\x00\x00", pri=True),
        l2tp(b"", ver=1),
        l2tp(b"", ver=3),
        l2tp(avp(0, u16(1)) + avp(0x3ff, b"", length=0x3ff), seq=(16, 16)),
    ]


def l2tp_data():
    return [
        l2tp(ppp(0x21, ping(1)), t=False, ln=False, session=7),
        l2tp(ppp(0x21, ping(2)), t=False, session=7),
        l2tp(ppp(LCP, lcp_packets()[0]), t=False, seq=(1, 0), session=7),
        l2tp(ppp(CHAP, chap_packets()[0]), t=False, off=b"\x00" * 4, session=7),
        l2tp(ppp(PAP, pap_packets()[0]), t=False, pri=True, session=7),
        l2tp(ppp(IPCP, ipcp_packets()[0], acfc=False), t=False, session=7),
        l2tp(b"", t=False, session=7),
        l2tp(ppp(0x21, ping(3)), t=False, off=b"\x00" * 300, session=7),
        l2tp(ppp(0x21, ping(4)), t=False, length=3, session=7),
    ]


def l2tp_pcaps():
    def u(b, sport=1701, dport=1701):
        return Ether(src=MAC1, dst=MAC2) / IP(src=A4, dst=B4, id=1) / UDP(sport=sport,
                                                                         dport=dport) / Raw(b)
    pk = [u(b) for b in l2tp_ctrl() + l2tp_data()]
    pk.append(u(l2tp(avp(0, u16(1))), sport=123))
    pk.append(Ether(src=MAC1, dst=MAC2) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
              UDP(sport=5000, dport=1701) / Raw(l2tp_data()[1]))
    write("l2tp.pcap", pk)
    write("l2tp-trunc.pcap", sweep([u(l2tp_ctrl()[0]), u(l2tp_ctrl()[6]), u(l2tp_ctrl()[7]),
                                    u(l2tp_data()[2]), u(l2tp_data()[3])], start=42))


# ---- PPTP control messages (RFC 2637) ----

def pptp(ctype, body, mtype=1, cookie=0x1a2b3c4d, rsvd=0, length=None):
    n = 12 + len(body) if length is None else length
    return struct.pack("!HHIHH", n, mtype, cookie, ctype, rsvd) + body


def name64(b):
    return b.ljust(64, b"\x00")[:64]


def pptp_msgs():
    sccr = struct.pack("!IIHH", 3, 3, 1, 0x0a00) + name64(b"pns.example") + name64(b"Vendor")
    ocrq = (struct.pack("!HHIIIIHHHH", 5, 77, 300, 100000000, 3, 3, 64, 0, 7, 0) +
            name64(b"5551234") + name64(b"subaddr"))
    icrq = (struct.pack("!HHIIHH", 6, 78, 1, 9, 4, 70) + name64(b"5551234") +
            name64(b"5559876") + name64(b""))
    return [
        pptp(1, struct.pack("!HH", 0x100, 0) + sccr),
        pptp(2, struct.pack("!HBB", 0x100, 1, 0) + sccr),
        pptp(2, struct.pack("!HBB", 0x100, 9, 7) + sccr),
        pptp(3, struct.pack("!BBH", 1, 0, 0)),
        pptp(3, struct.pack("!BBH", 2, 0, 0)),
        pptp(3, struct.pack("!BBH", 3, 0, 0)),
        pptp(3, struct.pack("!BBH", 9, 5, 6)),
        pptp(4, struct.pack("!BBH", 1, 0, 0)),
        pptp(4, struct.pack("!BBH", 2, 6, 0)),
        pptp(5, struct.pack("!I", 12345)),
        pptp(6, struct.pack("!IBBH", 12345, 1, 0, 0)),
        pptp(6, struct.pack("!IBBH", 12345, 2, 3, 9)),
        pptp(7, ocrq),
        pptp(7, ocrq.replace(struct.pack("!HH", 7, 0), struct.pack("!HH", 200, 1), 1)),
        pptp(8, struct.pack("!HHBBHIHHI", 5, 9, 1, 0, 0, 64000, 16, 0, 3)),
        pptp(8, struct.pack("!HHBBHIHHI", 5, 9, 7, 4, 2, 0, 16, 0, 3)),
        pptp(8, struct.pack("!HHBBHIHHI", 5, 9, 8, 5, 2, 0, 16, 0, 3)),
        pptp(9, icrq),
        pptp(10, struct.pack("!HHBBHHH", 6, 10, 1, 0, 64, 0, 0)),
        pptp(10, struct.pack("!HHBBHHH", 6, 10, 3, 1, 64, 0, 5)),
        pptp(11, struct.pack("!HHIHHI", 10, 0, 56000, 64, 0, 1)),
        pptp(11, struct.pack("!HHIHHI", 10, 1, 56000, 64, 0, 9)),
        pptp(12, struct.pack("!HH", 5, 0)),
        pptp(13, struct.pack("!HBBHH", 5, 4, 0, 0, 0) + b"stats text".ljust(128, b"\x00")),
        pptp(13, struct.pack("!HBBHH", 5, 1, 2, 3, 4) + b"x" * 128),
        pptp(13, struct.pack("!HBBHH", 5, 6, 0, 0, 0) + b"\x01\x7f\x80\xff".ljust(128, b"z")),
        pptp(14, struct.pack("!HHIIIIII", 9, 0, 1, 2, 3, 4, 5, 6)),
        pptp(15, struct.pack("!HHII", 9, 0, 0xffffffff, 0)),
        pptp(15, struct.pack("!HHII", 9, 3, 0, 1)),
        pptp(0, b""),
        pptp(16, b"\x00" * 8),
        pptp(5, struct.pack("!I", 1), mtype=2),
        pptp(5, struct.pack("!I", 1), mtype=7),
        pptp(5, struct.pack("!I", 1), cookie=0xdeadbeef),
        pptp(5, struct.pack("!I", 1), rsvd=4),
        pptp(1, struct.pack("!HH", 0x100, 0) + struct.pack("!IIHH", 0, 0, 0, 0) + b"short"),
        pptp(12, b""),
    ]


def pptp_pcaps():
    def t(b, sport=3025, dport=1723, i=0):
        return (Ether(src=MAC1, dst=MAC2) / IP(src=A4, dst=B4, id=1) /
                TCP(sport=sport, dport=dport, flags="PA", seq=1000 + i, ack=1) / Raw(b))
    msgs = pptp_msgs()
    pk = [t(m, i=i) for i, m in enumerate(msgs)]
    pk.append(t(msgs[9], sport=1723, dport=3025))
    pk.append(t(msgs[9], sport=23, dport=1723))
    write("pptp.pcap", pk)
    tr = sweep([t(msgs[0]), t(msgs[12]), t(msgs[17]), t(msgs[23]), t(msgs[26])], start=54)
    write("pptp-trunc.pcap", tr)


# ---- Cisco HDLC and SLARP ----

def chdlc_frames():
    v6 = bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1, dport=2))
    slarp = [
        struct.pack("!IIIH", 0, 0, 0, 0),
        struct.pack("!I4s4sH", 1, bytes([10, 0, 0, 1]), bytes([255, 255, 255, 252]), 0),
        struct.pack("!IIIH", 2, 7, 6, 0xffff),
        struct.pack("!IIIHI", 2, 7, 6, 0xffff, 93784123),
        struct.pack("!IIIHI", 2, 7, 6, 0xffff, 93784123) + b"junk",
        struct.pack("!IIIH", 9, 1, 2, 3),
        struct.pack("!IIIH", 9, 1, 2, 3) + b"more",
        struct.pack("!III", 2, 7, 6),
    ]
    return ([b"\x0f\x00\x08\x00" + ping(30), b"\x8f\x00\x86\xdd" + v6,
             b"\x0f\x00\x88\x47" + struct.pack("!I", (16 << 12) | 0x100 | 9) + ping(31),
             b"\x0f\x00\x12\x34abcd", b"\x0f\x00", b"\x0f\x00\x80"] +
            [b"\x8f\x00\x80\x35" + x for x in slarp])


def chdlc_pcaps():
    fr = chdlc_frames()
    # OSI: only where tcpdump stops before its OSI printer (too short, or cut off)
    write("chdlc.pcap", fr + [b"\x0f\x00\xfe\xfe", b"\x0f\x00\xfe\xfe\x81",
                              (b"\x0f\x00\xfe\xfe", 40)], linktype=104)
    write("chdlc-serial.pcap", fr, linktype=50)
    write("chdlc-trunc.pcap", sweep([fr[0], b"\x8f\x00\x80\x35" +
                                     struct.pack("!IIIHI", 2, 7, 6, 0xffff, 93784123)],
                                    start=1), linktype=104)


if __name__ == "__main__":
    pppoe_pcaps()
    link_pcaps()
    pptp_gre_pcaps()
    l2tp_pcaps()
    pptp_pcaps()
    chdlc_pcaps()
