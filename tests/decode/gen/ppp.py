#!/usr/bin/python3
# ppp.py: writes the PPP family conformance pcaps: PPPoE, PPP (LCP, IPCP, IP6CP, CCP, BACP, CHAP, PAP), PPTP GRE, L2TP, PPTP
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

from scapy.all import ICMP, IP, IPv6, TCP, UDP, Ether, Raw

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


if __name__ == "__main__":
    pppoe_pcaps()
    link_pcaps()
    pptp_gre_pcaps()
