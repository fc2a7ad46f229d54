#!/usr/bin/python3
# transport.py: writes the TCP, UDP, IPv6 and ICMPv6 conformance pcaps (no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# Packets are built in memory with scapy and written by a small pcap writer,
# so a record can claim a wire length longer than what was captured (a snaplen
# cut) and the times are fixed (1700000000.123456 + i). Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/transport.py
import os
import struct

from scapy.all import (IP, IPv6, TCP, UDP, Ether, Raw, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, IPv6ExtHdrFragment,
                       IPv6ExtHdrSegmentRouting, PadN, Pad1, RouterAlert, Jumbo, HAO,
                       AH, ESP, ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6DestUnreach,
                       ICMPv6PacketTooBig, ICMPv6TimeExceeded, ICMPv6ParamProblem,
                       ICMPv6ND_RS, ICMPv6ND_RA, ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6ND_Redirect,
                       ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr, ICMPv6NDOptPrefixInfo,
                       ICMPv6NDOptMTU, ICMPv6NDOptRDNSS, ICMPv6NDOptDNSSL,
                       ICMPv6NDOptRedirectedHdr, ICMPv6NDOptRouteInfo, ICMPv6NDOptAdvInterval,
                       ICMPv6NDOptHAInfo, ICMPv6MLQuery, ICMPv6MLReport, ICMPv6MLDone,
                       ICMPv6MLQuery2, ICMPv6MLReport2, ICMPv6MLDMultAddrRec, ICMPv6Unknown,
                       DNS, DNSQR, NTP)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1 = "00:11:22:33:44:55"
MAC2 = "66:77:88:99:aa:bb"
A4, B4 = "10.0.0.1", "10.0.0.2"
A6, B6 = "2001:db8::1", "2001:db8::2"
LL1, LL2 = "fe80::1", "fe80::2"


def write(name, recs, linktype=1):
    """recs: packets or bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            if isinstance(r, tuple):
                data, wire = r
            else:
                data, wire = r, None
            data = bytes(data)
            if wire is None:
                wire = len(data)
            f.write(struct.pack("<IIII", T0 + i, 123456, len(data), wire))
            f.write(data)


def cut(pkt, n):
    b = bytes(pkt)
    return (b[:n], len(b))


def e(payload):
    return Ether(src=MAC1, dst=MAC2) / payload


def v4(**kw):
    return IP(src=kw.pop("src", A4), dst=kw.pop("dst", B4), **kw)


def v6(**kw):
    return IPv6(src=kw.pop("src", A6), dst=kw.pop("dst", B6), **kw)


def badsum(pkt, layer, value=0x1234):
    """The packet with layer's checksum forced to a wrong value."""
    p = pkt.__class__(bytes(pkt))
    f = "cksum" if "cksum" in p[layer].fields else "chksum"
    setattr(p[layer], f, value)
    return p


SYNOPTS = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (100, 0)), ("NOP", None),
           ("WScale", 7)]


def conversation(ip, cport=40000, sport=80, iss=1000, irs=5000, data=b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"):
    """A whole exchange: handshake, data both ways, SACK, FIN from both ends."""
    c = lambda **kw: e(ip(**kw) / TCP(sport=cport, dport=sport, **kw.pop("_t", {})))
    out = []
    cli = ip()
    srv_ip = ip(src=cli.dst, dst=cli.src)
    def C(flags, seq, ack=0, payload=b"", options=None):
        t = TCP(sport=cport, dport=sport, flags=flags, seq=seq & 0xffffffff, ack=ack & 0xffffffff, window=64240,
                options=options or [])
        return e(cli / t / payload) if payload else e(cli / t)
    def S(flags, seq, ack=0, payload=b"", options=None):
        t = TCP(sport=sport, dport=cport, flags=flags, seq=seq & 0xffffffff, ack=ack & 0xffffffff, window=65160,
                options=options or [])
        return e(srv_ip / t / payload) if payload else e(srv_ip / t)
    resp = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
    out.append(C("S", iss, 0, options=SYNOPTS))
    out.append(S("SA", irs, iss + 1, options=SYNOPTS))
    out.append(C("A", iss + 1, irs + 1))
    out.append(C("PA", iss + 1, irs + 1, data))
    out.append(S("A", irs + 1, iss + 1 + len(data)))
    out.append(S("PA", irs + 1, iss + 1 + len(data), resp))
    out.append(C("A", iss + 1 + len(data), irs + 1 + len(resp),
                 options=[("NOP", None), ("NOP", None),
                          ("SAck", (irs + 1, irs + 10, irs + 20, irs + 30))]))
    out.append(C("FA", iss + 1 + len(data), irs + 1 + len(resp)))
    out.append(S("FA", irs + 1 + len(resp), iss + 2 + len(data)))
    out.append(C("A", iss + 2 + len(data), irs + 2 + len(resp)))
    return out


def tcp_pcaps():
    write("tcp-conv.pcap", conversation(v4) + conversation(v6, cport=40001, iss=0xfffffff0,
                                                           irs=7))
    # The same ports both ways, so the address order decides the key.
    same = []
    for s, d in ((A4, B4), (B4, A4), (A4, B4)):
        same.append(e(v4(src=s, dst=d) / TCP(sport=5000, dport=5000, flags="A", seq=10, ack=20)))
    same.insert(0, e(v4() / TCP(sport=5000, dport=5000, flags="SA", seq=1, ack=2)))
    write("tcp-sameport.pcap", same)

    def opt(raw, flags="S", ip=v4, payload=b""):
        t = TCP(sport=1234, dport=4321, flags=flags, seq=100, ack=0, window=1024)
        raw = raw + b"\0" * (-len(raw) % 4)
        t.dataofs = 5 + len(raw) // 4
        b = bytes(t)[:20] + raw
        return e(ip(proto=6) / Raw(b + payload)) if ip is v4 else e(ip(nh=6) / Raw(b + payload))
    opts = [
        b"\x02\x04\x05\xb4",                       # mss
        b"\x03\x03\x0e\x01",                       # wscale, nop
        b"\x04\x02\x01\x01",                       # sackOK
        b"\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x02\x01\x01",  # TS
        b"\x01\x01\x01\x00",                       # nops, eol
        b"\x00\x02\x04\x05",                       # eol first, then junk
        b"\x13\x12" + bytes(range(16)) + b"\x01\x01",  # md5
        b"\x22\x02\x01\x01",                       # tfo cookie request
        b"\x22\x0a" + bytes(range(8)) + b"\x01\x01",   # tfo cookie
        b"\x22\x05\x01\x02\x03\x01",               # tfo invalid
        b"\xfe\x04\xf9\x89",                       # exp tfo cookiereq
        b"\xfe\x08\xf9\x89\x01\x02\x03\x04",       # exp tfo cookie
        b"\xfe\x06\x12\x34\x00\x00",               # exp unknown magic
        b"\xfe\x03\x12\x01",                       # exp too short: bad opt
        b"\x1c\x04\x01\x2d",                       # uto minutes
        b"\x1c\x04\x01\x2c",                       # uto seconds
        b"\x14\x04\x01\x02",                       # scps
        b"\x1d\x08\x01\x02\xaa\xbb\xcc\xdd",       # tcp-ao
        b"\x1d\x03\x01\x01",                       # tcp-ao invalid
        b"\x63\x06\xde\xad\xbe\xef",               # unknown option 99
        b"\x63\x02",                               # unknown, no data
        b"\x0b\x06\x00\x00\x00\x07",               # cc
        b"\x0c\x06\x00\x00\x00\x08",               # ccnew
        b"\x0d\x06\x00\x00\x00\x09",               # ccecho
        b"\x06\x06\x00\x00\x00\x0a",               # echo
        b"\x07\x06\x00\x00\x00\x0b",               # echoreply
        b"\x02\x05\x05\xb4\x00",                   # mss with a wrong length
        b"\x02\x01",                               # length below 2
        b"\x02\x04\x05\xb4\x02\x09\x01\x01",       # length past the header
        b"\x01\x02\x03",                           # bad after a nop
        b"\x05\x0a\x00\x00\x00\x01\x00\x00\x00\x02",  # sack on a SYN (absolute)
        b"\x05\x07\x00\x00\x00\x01\x00",           # sack of a bad size
        b"\x03\x02",                               # wscale too short
        b"\x08\x06\x00\x00\x00\x01",               # timestamp too short
    ]
    recs = [opt(o) for o in opts]
    recs += [opt(o, ip=v6) for o in opts[:8]]
    recs.append(opt(b"\x13\x12" + bytes(range(16)) + b"\x01\x01", flags="PA", payload=b"abcd"))
    write("tcp-options.pcap", recs)

    # Options cut by the snaplen, inside and between.
    tr = [cut(opt(b"\x02\x04\x05\xb4\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x02\x01\x01"), n)
          for n in (14 + 20 + 20, 14 + 20 + 21, 14 + 20 + 22, 14 + 20 + 24, 14 + 20 + 27,
                    14 + 20 + 30)]
    tr += [cut(e(v4() / TCP(sport=1, dport=2)), n) for n in (14 + 20 + 1, 14 + 20 + 3,
                                                            14 + 20 + 10, 14 + 20 + 19)]
    tr += [cut(e(v6() / TCP(sport=1, dport=2)), n) for n in (14 + 40 + 3, 14 + 40 + 12)]
    tr.append(cut(e(v4() / TCP(sport=1, dport=2, flags="PA") / Raw(b"x" * 40)), 14 + 20 + 30))
    tr.append(cut(e(v4() / TCP(sport=1, dport=2, flags="PA", options=SYNOPTS) / Raw(b"x" * 40)),
                  14 + 20 + 24))
    write("tcp-trunc.pcap", tr)

    fl = []
    for f in ("", "F", "S", "R", "P", "A", "U", "E", "C", "FSRPAUEC", "SEC", "FA", "RA", "PA",
              "UA", "SA"):
        fl.append(e(v4() / TCP(sport=3000, dport=3001, flags=f, seq=7, ack=9, urgptr=5)))
    fl.append(e(v4() / TCP(sport=3000, dport=3001, flags="R", seq=7) /
                Raw(b"connection\x01 refused\xff\x80 \x7f")))
    fl.append(e(v4() / TCP(sport=3000, dport=3001, flags="RA", seq=7, ack=1) /
                Raw(b"a" * 40)))
    fl.append(cut(e(v4() / TCP(sport=3000, dport=3001, flags="R", seq=7) / Raw(b"b" * 20)),
                  14 + 20 + 20 + 5))
    write("tcp-flags.pcap", fl)

    bad = [badsum(e(v4() / TCP(sport=1, dport=2, flags="S")), TCP),
           badsum(e(v6() / TCP(sport=1, dport=2, flags="S") / Raw(b"xyz")), TCP, 0),
           e(v4(flags="MF") / TCP(sport=1, dport=2, flags="S")),
           e(v4() / TCP(sport=1, dport=2, flags="S", dataofs=4)),
           e(v4() / TCP(sport=1, dport=2, flags="S", dataofs=2)),
           e(v4() / TCP(sport=1, dport=2, flags="SA", dataofs=15)),
           e(v6() / TCP(sport=1, dport=2, flags="S", dataofs=15)),
           e(v4(len=30) / TCP(sport=1, dport=2, flags="S")),
           e(v4() / TCP(sport=1, dport=2, flags="PA") / Raw(b"q" * 11)),
           e(v6(src="fe80::1", dst="ff02::1") / TCP(sport=9, dport=9, flags="S"))]
    write("tcp-bad.pcap", bad)

    dns = DNS(id=0x1234, rd=1, qd=DNSQR(qname="example.com"))
    dq = bytes(dns)
    app = [e(v4() / TCP(sport=40000, dport=53, flags="PA", seq=1, ack=1) /
             Raw(struct.pack(">H", len(dq)) + dq)),
           e(v6() / TCP(sport=40000, dport=53, flags="PA", seq=1, ack=1) /
             Raw(struct.pack(">H", len(dq)) + dq)),
           e(v4() / TCP(sport=40000, dport=8080, flags="PA", seq=1, ack=1) /
             Raw(b"GET /x HTTP/1.0\r\n\r\n")),
           e(v4() / TCP(sport=80, dport=40000, flags="PA", seq=1, ack=1) /
             Raw(b"HTTP/1.1 404 Not Found\r\n\r\n")),
           e(v4() / TCP(sport=40000, dport=3128, flags="PA", seq=1, ack=1) /
             Raw(b"GET http://x/ HTTP/1.1\r\n\r\n")),
           e(v4() / TCP(sport=80, dport=53, flags="PA", seq=1, ack=1) /
             Raw(b"GET / HTTP/1.1\r\n\r\n")),
           e(v4() / TCP(sport=40000, dport=9999, flags="PA", seq=1, ack=1) /
             Raw(b"GET / HTTP/1.1\r\n\r\n"))]
    write("tcp-app.pcap", app)


def udp_pcaps():
    dq = DNS(id=0x4321, rd=1, qd=DNSQR(qname="example.org", qtype="AAAA"))
    recs = [e(v4() / UDP(sport=1234, dport=5678) / Raw(b"hello world")),
            e(v6() / UDP(sport=1234, dport=5678) / Raw(b"hello world")),
            badsum(e(v4() / UDP(sport=1234, dport=5678) / Raw(b"hello")), UDP),
            badsum(e(v6() / UDP(sport=1234, dport=5678) / Raw(b"hello")), UDP),
            badsum(e(v4() / UDP(sport=1234, dport=5678) / Raw(b"hello")), UDP, 0),
            badsum(e(v6() / UDP(sport=1234, dport=5678) / Raw(b"hello")), UDP, 0),
            e(v4() / UDP(sport=1234, dport=5678, len=100) / Raw(b"short")),
            e(v6() / UDP(sport=1234, dport=5678, len=100) / Raw(b"short")),
            e(v4() / UDP(sport=1234, dport=5678, len=10) / Raw(b"longer payload")),
            e(v4() / UDP(sport=1234, dport=5678, len=4) / Raw(b"x")),
            e(v4(len=24) / UDP(sport=1234, dport=5678) / Raw(b"abcdefgh")),
            e(v4(flags="MF") / UDP(sport=1234, dport=5678) / Raw(b"frag")),
            e(v4(frag=10) / Raw(b"\x00\x01\x00\x02\x00\x10\x00\x00tail")),
            e(v4() / UDP(sport=33333, dport=53) / dq),
            e(v6() / UDP(sport=53, dport=33333) / dq),
            e(v6(dst="ff02::fb") / UDP(sport=5353, dport=5353) / dq),
            e(v4() / UDP(sport=40000, dport=9) / Raw(b"")),
            e(v4(src="10.1.1.1", dst="10.2.2.2", ttl=1) / UDP(sport=65535, dport=0) /
              Raw(b"\0" * 3))]
    write("udp-basic.pcap", recs)
    # Only NTP's first line is decoded, so this one is tested without -v.
    write("udp-ntp.pcap", [e(v4() / UDP(sport=123, dport=123) /
                             NTP(version=v, mode=m, orig=0, recv=0, sent=0, ref=0))
                           for v, m in ((4, 3), (4, 4), (3, 1), (2, 5), (4, 6), (4, 0))])
    tr = [cut(e(v4() / UDP(sport=1, dport=2) / Raw(b"abc")), n) for n in (14 + 20 + 1,
                                                                         14 + 20 + 3,
                                                                         14 + 20 + 5,
                                                                         14 + 20 + 8,
                                                                         14 + 20 + 9)]
    tr += [cut(e(v6() / UDP(sport=1, dport=2) / Raw(b"abc")), n) for n in (14 + 40 + 2,
                                                                          14 + 40 + 9)]
    write("udp-trunc.pcap", tr)


def ext(nh, opts):
    """An options extension header (hop-by-hop or destination) from raw option bytes."""
    body = bytes([nh, (len(opts) + 2) // 8 - 1]) + opts
    return body + b"\0" * (-len(body) % 8)


def ip6_pcaps():
    t = TCP(sport=1000, dport=2000, flags="S", seq=1)
    u = UDP(sport=1000, dport=2000) / Raw(b"data")
    echo = ICMPv6EchoRequest(id=7, seq=1, data=b"ping")
    recs = [e(v6() / t), e(v6() / u), e(v6() / echo),
            e(v6(tc=0xb8, fl=0x12345, hlim=3) / u),
            e(v6(fl=0xfffff) / echo),
            e(v6() / IPv6ExtHdrHopByHop(options=[RouterAlert()]) / u),
            e(v6() / IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0\0\0\0")]) / t),
            e(v6() / IPv6ExtHdrHopByHop(options=[Pad1(), Pad1(), PadN(optdata=b"\0\0")]) / echo),
            e(v6() / IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0\0\0")]) / u),
            e(v6() / IPv6ExtHdrDestOpt(options=[HAO(hoa="2001:db8::99")]) / u),
            e(v6(nh=60) / Raw(ext(17, b"\x01\x00\x3e\x02\xaa\xbb") + bytes(u))),
            e(v6() / IPv6ExtHdrRouting(type=0, addresses=["2001:db8::10", "2001:db8::11"],
                                       segleft=2) / u),
            e(v6() / IPv6ExtHdrRouting(type=2, addresses=["2001:db8::12"], segleft=1) / t),
            e(v6() / IPv6ExtHdrSegmentRouting(addresses=["2001:db8::20", "2001:db8::21"],
                                              segleft=1) / u),
            e(v6() / IPv6ExtHdrFragment(offset=0, m=1, id=0x1234) / UDP(sport=1, dport=2, len=2000) / Raw(b"a" * 64)),
            e(v6() / IPv6ExtHdrFragment(offset=181, m=0, id=0x1234) / Raw(b"b" * 64)),
            e(v6() / IPv6ExtHdrFragment(offset=0, m=1, id=5) / echo),
            e(v6() / IPv6ExtHdrHopByHop(options=[RouterAlert()]) /
              IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0\0\0")]) /
              IPv6ExtHdrRouting(type=0, addresses=[B6], segleft=1) /
              IPv6ExtHdrFragment(offset=0, m=0, id=9) / UDP(sport=7, dport=8) / Raw(b"zz")),
            e(v6(nh=59) / Raw(b"")),
            e(v6(nh=59) / Raw(b"junk")),
            e(v6(nh=99) / Raw(b"0123456789")),
            e(v6() / AH(spi=0x100, seq=3, icv=b"\x01" * 12, nh=17) / u),
            e(v6() / ESP(spi=0x200, seq=4) / Raw(b"\x00" * 16)),
            e(v6() / v6(src="2001:db8::a", dst="2001:db8::b") / u),
            e(v6() / IP(src=A4, dst=B4) / UDP(sport=1, dport=2)),
            e(v6(plen=100) / u),
            e(v6(plen=4) / u),
            e(v6(version=4) / u),
            e(v6() / IPv6ExtHdrHopByHop(options=[Jumbo(jumboplen=70000)]) / u),
            e(v6(nh=0) / Raw(ext(17, b"\x05\x02\x00\x00\x01\x00") + bytes(u))),
            e(v6(nh=0) / Raw(ext(17, b"\x77\x04\x01\x02\x03\x04") + bytes(u))),
            e(v6(nh=0) / Raw(ext(17, b"\xc2\x04\x00\x00\x00\x30") + bytes(u))),
            e(v6(nh=0) / Raw(ext(17, b"\x01\x07\x00\x00\x00\x00") + bytes(u)))]
    write("ip6-ext.pcap", recs)
    tr = [cut(e(v6() / u), n) for n in (14 + 10, 14 + 39, 14 + 40)]
    tr += [cut(e(v6() / IPv6ExtHdrHopByHop(options=[RouterAlert()]) / u), n)
           for n in (14 + 41, 14 + 44)]
    tr += [cut(e(v6() / IPv6ExtHdrRouting(type=0, addresses=["2001:db8::10"], segleft=1) / u), n)
           for n in (14 + 42, 14 + 50)]
    tr += [cut(e(v6() / IPv6ExtHdrFragment(offset=0, m=1, id=5) / u), n) for n in (14 + 44,)]
    write("ip6-trunc.pcap", tr)


def icmp6_pcaps():
    src, dst = LL1, LL2
    inner = v6(src=B6, dst=A6) / UDP(sport=4000, dport=33434) / Raw(b"probe")
    innert = v6(src=B6, dst=A6) / TCP(sport=4000, dport=80, flags="S")
    mac = "00:11:22:33:44:55"
    recs = [e(v6() / ICMPv6EchoRequest(id=0x1234, seq=1, data=b"abcdefgh")),
            e(v6(src=B6, dst=A6) / ICMPv6EchoReply(id=0x1234, seq=1, data=b"abcdefgh"))]
    for code in range(0, 8):
        recs.append(e(v6() / ICMPv6DestUnreach(code=code) / inner))
    recs.append(e(v6() / ICMPv6DestUnreach(code=4) / innert))
    recs.append(e(v6() / ICMPv6PacketTooBig(mtu=1280) / inner))
    recs.append(e(v6() / ICMPv6TimeExceeded(code=0) / inner))
    recs.append(e(v6() / ICMPv6TimeExceeded(code=1) / inner))
    for code in range(0, 4):
        recs.append(e(v6() / ICMPv6ParamProblem(code=code, ptr=6) / inner))
    recs += [
        e(v6(src=src, dst="ff02::2", hlim=255) / ICMPv6ND_RS()),
        e(v6(src=src, dst="ff02::2", hlim=255) / ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=mac)),
        e(v6(src=src, dst="ff02::1", hlim=255) / ICMPv6ND_RA(chlim=64, M=1, O=1, routerlifetime=1800,
                                                           reachabletime=30000, retranstimer=1000) /
          ICMPv6NDOptSrcLLAddr(lladdr=mac) / ICMPv6NDOptMTU(mtu=1500) /
          ICMPv6NDOptPrefixInfo(prefix="2001:db8::", prefixlen=64, validlifetime=86400,
                                preferredlifetime=14400) /
          ICMPv6NDOptRDNSS(dns=["2001:db8::53", "2001:db8::54"], lifetime=600) /
          ICMPv6NDOptDNSSL(searchlist=["example.com."], lifetime=600) /
          ICMPv6NDOptRouteInfo(prefix="2001:db8:1::", plen=48, rtlifetime=900) /
          ICMPv6NDOptAdvInterval(advint=600000)),
        e(v6(src=src, dst="ff02::1", hlim=255) / ICMPv6ND_RA(routerlifetime=0, prf=1, H=1)),
        e(v6(src=src, dst="ff02::1:ff00:2", hlim=255) / ICMPv6ND_NS(tgt="fe80::2") /
          ICMPv6NDOptSrcLLAddr(lladdr=mac)),
        e(v6(src="::", dst="ff02::1:ff00:2", hlim=255) / ICMPv6ND_NS(tgt="fe80::2")),
        e(v6(src=dst, dst=src, hlim=255) / ICMPv6ND_NA(tgt="fe80::2", R=1, S=1, O=1) /
          ICMPv6NDOptDstLLAddr(lladdr="66:77:88:99:aa:bb")),
        e(v6(src=dst, dst="ff02::1", hlim=255) / ICMPv6ND_NA(tgt="fe80::2", R=0, S=0, O=1)),
        e(v6(src=src, dst=dst, hlim=255) / ICMPv6ND_Redirect(tgt="fe80::3", dst="2001:db8::77") /
          ICMPv6NDOptDstLLAddr(lladdr=mac) /
          ICMPv6NDOptRedirectedHdr(pkt=bytes(inner)[:40])),
        e(v6(src=src, dst="ff02::1", hlim=1) / ICMPv6MLQuery(mrd=10000)),
        e(v6(src=src, dst="ff02::1:3", hlim=1) / ICMPv6MLReport(mladdr="ff02::1:3")),
        e(v6(src=src, dst="ff02::2", hlim=1) / ICMPv6MLDone(mladdr="ff02::1:3")),
        e(v6(src=src, dst="ff02::1", hlim=1) / ICMPv6MLQuery2(mrd=10000, sources=[])),
        e(v6(src=src, dst="ff02::1", hlim=1) / ICMPv6MLQuery2(mladdr="ff02::db8", mrd=1000,
                                                             sources=[A6, B6])),
        e(v6(src=src, dst="ff02::16", hlim=1) / ICMPv6MLReport2(records=[
            ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::1:3"),
            ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::2", sources=[A6])])),
        badsum(e(v6() / ICMPv6EchoRequest(id=1, seq=2)), ICMPv6EchoRequest),
        e(v6() / ICMPv6Unknown(type=200, code=3, msgbody=b"abcd")),
        e(v6() / ICMPv6Unknown(type=100, code=0, msgbody=b"")),
    ]
    write("icmp6-types.pcap", recs)
    tr = [cut(e(v6() / ICMPv6EchoRequest(id=1, seq=2, data=b"abcdefgh")), n)
          for n in (14 + 40 + 1, 14 + 40 + 3, 14 + 40 + 6)]
    tr += [cut(e(v6() / ICMPv6DestUnreach(code=4) / inner), n) for n in (14 + 48 + 20, 14 + 48 + 42,
                                                                       14 + 48 + 45)]
    tr += [cut(e(v6(src=src, dst="ff02::1", hlim=255) / ICMPv6ND_RA() /
                 ICMPv6NDOptSrcLLAddr(lladdr=mac) / ICMPv6NDOptMTU(mtu=1500)), n)
           for n in (14 + 40 + 10, 14 + 40 + 17, 14 + 40 + 20, 14 + 40 + 27)]
    tr.append(e(v6(src=src, dst="ff02::1", hlim=255) / ICMPv6ND_RA() /
                Raw(b"\x01\x00\x00\x11\x22\x33\x44\x55")))
    write("icmp6-trunc.pcap", tr)


def sweep_pcap():
    """Representative packets cut at every length: each printer's truncation exits."""
    pkts = [e(v4() / TCP(sport=40000, dport=80, flags="PA", seq=1, ack=2,
                         options=SYNOPTS + [(19, bytes(16))]) / Raw(b"GET / HTTP/1.0\r\n\r\n")),
            e(v6() / TCP(sport=40000, dport=443, flags="SA", seq=1, ack=2, options=SYNOPTS)),
            e(v6() / UDP(sport=33333, dport=53) / DNS(id=1, rd=1, qd=DNSQR(qname="a.example"))),
            e(v6() / IPv6ExtHdrHopByHop(options=[RouterAlert()]) /
              IPv6ExtHdrRouting(type=0, addresses=[B6], segleft=1) /
              IPv6ExtHdrFragment(offset=0, m=1, id=9) / UDP(sport=7, dport=8) / Raw(b"zz")),
            e(v6() / AH(spi=1, seq=2, icv=b"\x01" * 12, nh=17, payloadlen=4) /
              UDP(sport=7, dport=8)),
            e(v6() / ESP(spi=0x200, seq=4) / Raw(b"\x00" * 16)),
            e(v6(src=LL1, dst="ff02::1", hlim=255) / ICMPv6ND_RA() /
              ICMPv6NDOptSrcLLAddr(lladdr=MAC1) / ICMPv6NDOptPrefixInfo(prefix="2001:db8::") /
              ICMPv6NDOptRDNSS(dns=[A6]) / ICMPv6NDOptDNSSL(searchlist=["example.com."])),
            e(v6() / ICMPv6DestUnreach(code=4) / v6(src=B6, dst=A6) /
              IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0\0\0")]) / UDP(sport=1, dport=2)),
            e(v6(src=LL1, dst="ff02::16", hlim=1) / ICMPv6MLReport2(records=[
                ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::2", sources=[A6])]))]
    recs = []
    for p in pkts:
        b = bytes(p)
        recs += [cut(b, n) for n in range(15, len(b))]
    write("ip6-sweep.pcap", recs)


if __name__ == "__main__":
    tcp_pcaps()
    udp_pcaps()
    ip6_pcaps()
    icmp6_pcaps()
    sweep_pcap()
