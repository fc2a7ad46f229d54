#!/usr/bin/python3
# link_ip.py: writes the link-layer, ARP, IPv4 and ICMP conformance pcaps (no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# Packets are built in memory with scapy and written by a small pcap writer of
# our own, so a record can claim a wire length longer than what was captured
# (a snaplen cut) and the times are fixed. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/link_ip.py
import os
import struct

from scapy.all import (ARP, ICMP, IP, IPOption, IPv6, TCP, UDP, Dot1Q, Dot1AD, Ether, Raw,
                       ICMPv6EchoRequest, IPOption_NOP, IPOption_EOL, IPOption_RR,
                       IPOption_LSRR, IPOption_SSRR,
                       IPOption_Router_Alert)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1 = "00:11:22:33:44:55"
MAC2 = "66:77:88:99:aa:bb"
BCAST = "ff:ff:ff:ff:ff:ff"
A = "192.0.2.1"
B = "198.51.100.7"
C = "203.0.113.9"


def write(name, linktype, recs):
    """recs: bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            if isinstance(r, tuple):
                data, wire = r
            else:
                data, wire = r, len(r)
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456 + i, len(data), wire))
            f.write(data)


def cut(pkt, n):
    b = bytes(pkt)
    return (b[:n], len(b))


def eth(payload, src=MAC1, dst=MAC2):
    if isinstance(payload, Raw):
        return Ether(src=src, dst=dst, type=0x0800) / payload
    return Ether(src=src, dst=dst) / payload


def ping(i=1, seq=1, **kw):
    return IP(src=A, dst=B, id=i, **kw) / ICMP(type=8, id=0x1234, seq=seq) / Raw(b"abcdefgh" * 4)


def raw_hdr(ver_ihl=0x45, tos=0, length=None, ident=1, off=0, ttl=64, proto=1, src=A, dst=B,
            opts=b"", payload=b"", csum=None):
    """An IPv4 header built byte by byte, for the malformed cases scapy would fix up."""
    if length is None:
        length = 20 + len(opts) + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", ver_ihl, tos, length, ident, off, ttl, proto, 0,
                    bytes(map(int, src.split("."))), bytes(map(int, dst.split("."))))
    h += opts
    if csum is None:
        hh = h + b"\0" * (len(h) & 1)
        s = sum(struct.unpack("!%dH" % (len(hh) // 2), hh))
        while s >> 16:
            s = (s & 0xffff) + (s >> 16)
        csum = ~s & 0xffff
    h = h[:10] + struct.pack("!H", csum) + h[12:]
    return h + payload


ICMP_ECHO = bytes(ICMP(type=8, id=7, seq=9) / Raw(b"xyz0" * 4))


def quoted_icmp():
    """A quoted datagram that carries ICMP, so -v prints it without the TCP/UDP printers."""
    return bytes(IP(src=B, dst=C, id=77, ttl=1) / ICMP(type=8, id=5, seq=6) / Raw(b"q" * 8))


def quoted_udp():
    return bytes(IP(src=B, dst=C, id=78, ttl=3) / UDP(sport=33434, dport=53) / Raw(b"u" * 12))


def quoted_tcp():
    return bytes(IP(src=B, dst=C, id=79) / TCP(sport=40000, dport=443, seq=1000, flags="S"))


def icmp_err(t, code, quoted, rest=b"\0\0\0\0"):
    return icmp_raw(struct.pack("!BBH", t, code, 0) + rest + quoted)


def icmp_raw(body):
    """ICMP from raw bytes with a correct checksum."""
    body = bytes(body)
    s = 0
    b = body + (b"\0" if len(body) & 1 else b"")
    for k in range(0, len(b), 2):
        s += b[k] << 8 | b[k + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    c = ~s & 0xffff
    return body[:2] + struct.pack("!H", c) + body[4:]


def ip_icmp(icmp_bytes, **kw):
    return eth(IP(src=A, dst=B, proto=1, **kw) / Raw(icmp_bytes))


def link_pcaps():
    # Ethernet, VLAN and QinQ, unknown types, 802.3/LLC.
    recs = [
        eth(ping()),
        eth(Dot1Q(vlan=100) / ping(2)),
        eth(Dot1Q(vlan=4095, prio=5, id=1) / ping(3)),
        Ether(src=MAC1, dst=MAC2, type=0x88a8) / Dot1Q(vlan=10) / Dot1Q(vlan=20) / ping(4),
        Ether(src=MAC1, dst=MAC2, type=0x9100) / Dot1Q(vlan=30) / ping(5),
        Ether(src=MAC1, dst=MAC2, type=0x88b5) / Raw(b"\x01\x02unknown-ethertype-payload"),
        Ether(src=MAC1, dst=MAC2, type=0x0600) / Raw(b"\x00" * 20),
        Ether(src=MAC1, dst=MAC2, type=0x8100) / Dot1Q(vlan=7, type=0x88b6) / Raw(b"vlan-unk"),
        # 802.3 length frames: SNAP carrying IPv4, SNAP with an unknown OUI, plain LLC.
        Ether(src=MAC1, dst=MAC2, type=8 + len(ping(6))) /
        Raw(b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + bytes(ping(6))),
        Ether(src=MAC1, dst=MAC2, type=8 + 10) / Raw(b"\xaa\xaa\x03\x00\x00\x0c\x99\x99" + b"s" * 10),
        Ether(src=MAC1, dst=MAC2, type=3 + 12) / Raw(b"\x04\x04\x03" + b"L" * 12 + b"\0" * 20),
        Ether(src=MAC1, dst=MAC2, type=4 + 8) / Raw(b"\x04\x05\x08\x02" + b"I" * 8),
        Ether(src=MAC1, dst=MAC2, type=4) / Raw(b"\x04\x05\x01\x03"),
        Ether(src=MAC1, dst=MAC2, type=6) / Raw(b"\x04\x04\xaf\x81\x01\x02"),
        Ether(src=MAC1, dst=MAC2, type=3 + 20) / Raw(b"\x06\x06\x03" + bytes(raw_hdr(payload=b""))),
        # A frame padded to the minimum size: the padding is not IP payload.
        eth(IP(src=A, dst=B, id=8) / ICMP(type=0, id=1, seq=2)) / Raw(b"\0" * 18),
    ]
    write("link-ether.pcap", 1, recs)
    write("link-ether-trunc.pcap", 1, [
        cut(eth(ping()), 10),
        cut(eth(ping()), 14),
        cut(eth(Dot1Q(vlan=100) / ping(2)), 16),
        cut(eth(Dot1Q(vlan=100) / ping(2)), 20),
        cut(Ether(src=MAC1, dst=MAC2, type=0x88b5) / Raw(b"u" * 40), 30),
        cut(Ether(src=MAC1, dst=MAC2, type=20) / Raw(b"\xaa\xaa"), 15),
    ])

    # Linux cooked captures: the packet types, a non-Ethernet address, VLAN, 802.2, unknown.
    def sll(proto, payload, pkttype=0, hatype=1, halen=6, addr=b"\x00\x11\x22\x33\x44\x55\0\0"):
        return struct.pack("!HHH8sH", pkttype, hatype, halen, addr, proto) + bytes(payload)

    recs = [sll(0x0800, ping(i + 1), pkttype=i) for i in range(5)]
    recs += [
        sll(0x0800, ping(9), pkttype=7, halen=4, addr=b"\x0a\0\0\x01\0\0\0\0"),
        sll(0x0806, ARP(op=1, hwsrc=MAC1, psrc=A, pdst=B)),
        sll(0x8100, Dot1Q(vlan=55) / ping(10)),
        sll(0x0004, b"\x04\x04\x03" + b"L" * 12),
        sll(0x0004, b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + bytes(ping(11))),
        sll(0x88b5, b"sll-unknown-payload"),
        sll(0x0300, b"\x01\x02\x03\x04"),
    ]
    write("link-sll.pcap", 113, recs)
    write("link-sll-trunc.pcap", 113, [cut(sll(0x0800, ping()), 12), cut(sll(0x0800, ping()), 30)])

    def sll2(proto, payload, pkttype=0, ifindex=4242, hatype=1, halen=6,
             addr=b"\x00\x11\x22\x33\x44\x55\0\0"):
        return struct.pack("!HHIHBB8s", proto, 0, ifindex, hatype, pkttype, halen,
                           addr) + bytes(payload)

    recs = [sll2(0x0800, ping(i + 1), pkttype=i) for i in range(5)]
    recs += [
        sll2(0x0806, ARP(op=2, hwsrc=MAC2, psrc=B, hwdst=MAC1, pdst=A)),
        sll2(0x8100, Dot1Q(vlan=56) / ping(12)),
        sll2(0x0004, b"\x04\x04\x03" + b"L" * 12),
        sll2(0x88b5, b"sll2-unknown"),
        sll2(0x0800, ping(13), halen=0, ifindex=7777),
    ]
    write("link-sll2.pcap", 276, recs)
    write("link-sll2-trunc.pcap", 276, [cut(sll2(0x0800, ping()), 18), cut(sll2(0x0800, ping()), 36)])

    # BSD loopback: host order for DLT_NULL (either byte order seen), network order for DLT_LOOP.
    recs = [
        struct.pack("<I", 2) + bytes(ping(1)),
        struct.pack(">I", 2) + bytes(ping(2)),
        struct.pack("<I", 99) + b"unknown-af-payload",
        struct.pack("<I", 6) + b"ns",
    ]
    write("link-null.pcap", 0, recs)
    write("link-null-trunc.pcap", 0, [cut(struct.pack("<I", 2) + bytes(ping()), 3),
                                      cut(struct.pack("<I", 2) + bytes(ping()), 10)])
    write("link-loop.pcap", 108, [struct.pack(">I", 2) + bytes(ping(1)),
                                  struct.pack(">I", 1234) + b"zz"])
    # Raw IP under its three link types (IPv6 ones are in the *-ip6 files).
    write("link-raw.pcap", 101, [ping(1), ping(2, tos=0x10),
                                 b"\x55" + bytes(ping(3))[1:], b"\x00" * 4])
    write("link-raw228.pcap", 228, [ping(1), ping(2)])
    write("link-raw-trunc.pcap", 101, [cut(ping(1), 10), cut(ping(1), 24)])
    # These depend on the IPv6 printer.
    write("link-null-ip6.pcap", 0, [struct.pack("<I", af) + bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(id=1, seq=2)) for af in (24, 28, 30)])
    write("link-raw229.pcap", 229, [IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(id=1, seq=3),
                                    ping(1)])
    write("link-raw-ip6.pcap", 101, [IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(id=1, seq=3)])


def arp_pcaps():
    def arp(**kw):
        return Ether(src=MAC1, dst=BCAST) / ARP(**kw)

    def arph(hrd, pro, hln, pln, op, rest, etype=0x0806):
        return Ether(src=MAC1, dst=BCAST, type=etype) / Raw(
            struct.pack("!HHBBH", hrd, pro, hln, pln, op) + rest)

    z6 = b"\0" * 6
    m1 = bytes.fromhex("001122334455")
    m2 = bytes.fromhex("66778899aabb")
    ipa = bytes([192, 0, 2, 1])
    ipb = bytes([198, 51, 100, 7])
    recs = [
        arp(op=1, hwsrc=MAC1, psrc=A, pdst=B),
        Ether(src=MAC2, dst=MAC1) / ARP(op=2, hwsrc=MAC2, psrc=B, hwdst=MAC1, pdst=A),
        arp(op=1, hwsrc=MAC1, psrc=A, hwdst=MAC2, pdst=B),
        arph(1, 0x0800, 6, 4, 3, m1 + z6 + m2 + z6, etype=0x8035),
        arph(1, 0x0800, 6, 4, 4, m2 + ipb + m1 + ipa, etype=0x8035),
        arph(1, 0x0800, 6, 4, 8, m1 + ipa + m2 + z6[:4]),
        arph(1, 0x0800, 6, 4, 9, m2 + ipb + m1 + ipa),
        arph(1, 0x0800, 6, 4, 77, m2 + ipb + m1 + ipa),
        arph(1, 0x86dd, 6, 16, 1, m1 + b"\x20" * 16 + z6 + b"\x21" * 16),
        arph(1, 0x0800, 6, 6, 1, m1 + ipa + b"ab" + z6 + ipb + b"cd"),
        arph(6, 0x0800, 6, 4, 1, m1 + ipa + z6 + ipb),
        arph(99, 0x1234, 6, 4, 1, m1 + ipa + z6 + ipb),
        arph(1, 0x0800, 0, 4, 1, ipa + ipb),
        arph(1, 0x0800, 4, 4, 2, b"\x0a\x0b\x0c\x0d" + ipa + b"\0\0\0\1" + ipb),
        arph(1, 0x1000, 6, 4, 2, m2 + ipb + m1 + ipa),
        arph(1, 0x0800, 6, 4, 3, m1 + ipa + m2 + ipb),
    ]
    write("arp-basic.pcap", 1, recs)
    write("arp-trunc.pcap", 1, [cut(arp(op=1, hwsrc=MAC1, psrc=A, pdst=B), 14 + 6),
                                cut(arp(op=1, hwsrc=MAC1, psrc=A, pdst=B), 14 + 8),
                                cut(arp(op=1, hwsrc=MAC1, psrc=A, pdst=B), 14 + 25),
                                cut(Ether(src=MAC2, dst=MAC1) / ARP(op=2, hwsrc=MAC2, psrc=B,
                                                                    hwdst=MAC1, pdst=A), 14 + 27)])


def ip_pcaps():
    def e(p):
        return eth(p)

    recs = [
        e(ping(1, tos=0x10, ttl=255)),
        e(ping(2, tos=0x01)),
        e(ping(3, tos=0x02)),
        e(ping(4, tos=0xb3)),
        e(ping(5, ttl=0)),
        e(ping(6, flags="DF")),
        e(ping(7, flags="evil")),
        e(ping(8, flags="DF+evil")),
        e(ping(9, options=[IPOption_NOP(), IPOption_NOP(), IPOption_NOP(), IPOption_EOL()])),
        e(ping(10, options=[IPOption_RR(pointer=4, routers=[C, "0.0.0.0", "0.0.0.0"])])),
        e(ping(11, options=[IPOption_RR(pointer=8, routers=[C, "0.0.0.0"]), IPOption_NOP(),
                            IPOption_NOP(), IPOption_NOP()])),
        e(ping(12, options=[IPOption_LSRR(pointer=4, routers=[C, B])])),
        e(ping(13, options=[IPOption_SSRR(pointer=8, routers=[C, B])])),
        e(ping(14, options=[IPOption_Router_Alert()])),
        e(ping(15, options=[IPOption(b"\x44\x0c\x09\x00" + struct.pack("!II", 1000, 0))])),
        e(ping(16, options=[IPOption(b"\x44\x0c\x0d\x01\xcb\x00\x71\x09" +
                                     struct.pack("!I", 12345)), IPOption_NOP(), IPOption_NOP(),
                            IPOption_NOP(), IPOption_NOP()])),
        e(ping(17, options=[IPOption(b"\x82\x0b" + b"\0" * 9)] + [IPOption_EOL()])),
        e(ping(18, options=[IPOption(b"\x99\x04\x00\x00")])),
        e(ping(19, options=[IPOption(b"\x94\x04\x00\x05")])),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x07\x01\x00\x00", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x07\x09\x04\x00", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x47, opts=b"\x44\x08\x05\x03\0\0\0\1", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x47, opts=b"\x44\x08\x05\x00\0\0\0\1", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x44\x04\x05\x04", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x47, opts=b"\x07\x07\x03\x01\x02\x03\x04", payload=ICMP_ECHO))),
        # Unknown and unprinted protocols.
        e(IP(src=A, dst=B, proto=253, id=20) / Raw(b"p" * 30)),
        e(IP(src=A, dst=B, proto=143, id=21) / Raw(b"p" * 3)),
        e(IP(src=A, dst=B, proto=77, id=22) / Raw(b"p" * 10)),
        e(IP(src=A, dst=B, proto=59, id=23) / Raw(b"p" * 10)),
        # IPv4 in IPv4.
        e(IP(src=A, dst=B, id=24) / ping(25)),
        # Bad header checksum.
        e(Raw(raw_hdr(payload=ICMP_ECHO, csum=0x1234))),
        e(Raw(raw_hdr(payload=ICMP_ECHO, csum=0))),
        # Fragments: first (more to come), middle, last, of ICMP and an unknown protocol.
        e(IP(src=A, dst=B, id=30, flags="MF", frag=0, proto=1) / Raw(ICMP_ECHO[:16])),
        e(IP(src=A, dst=B, id=30, flags="MF", frag=2, proto=1) / Raw(b"m" * 16)),
        e(IP(src=A, dst=B, id=30, frag=4, proto=1) / Raw(b"l" * 8)),
        e(IP(src=A, dst=B, id=31, frag=185, proto=253) / Raw(b"l" * 8)),
        e(IP(src=A, dst=B, id=32, flags="MF", proto=253) / Raw(b"f" * 8)),
        # Protocols printed from their first bytes only.
        e(IP(src=A, dst=B, id=33, proto=50) / Raw(b"\x00\x00\x10\x01\x00\x00\x00\x07" + b"e" * 20)),
        e(IP(src=A, dst=B, id=34, proto=50) / Raw(b"\x00\x00\x10\x01\x00\x00\x00\x07")),
        e(IP(src=A, dst=B, id=35, proto=108) / Raw(b"\x04\x00\x12\x34" + b"c" * 12)),
        e(IP(src=A, dst=B, id=36, proto=58) / Raw(b"\x80\x00" + b"c" * 6)),
    ]
    write("ip-basic.pcap", 1, recs)

    recs = [
        e(Raw(b"\x55" + bytes(ping(1))[1:])),
        e(Raw(b"\x65" + bytes(ping(2))[1:])),
        e(Raw(b"\x05" + bytes(ping(3))[1:])),
        e(Raw(raw_hdr(ver_ihl=0x44, payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x40, payload=ICMP_ECHO))),
        e(Raw(raw_hdr(length=200, payload=ICMP_ECHO))),
        e(Raw(raw_hdr(length=12, payload=ICMP_ECHO))),
        e(Raw(raw_hdr(length=0, payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x4f, payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x48, opts=b"\x07\x03\x04\x01\x01\x01\x01\x01\x01\x01\x01\x01",
                      payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x07\x00\x00\x00", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x07\x08\x04\x00", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x44\x03\x04\x00", payload=ICMP_ECHO))),
        e(Raw(raw_hdr(ver_ihl=0x46, opts=b"\x94\x02\x00\x00", payload=ICMP_ECHO))),
    ]
    write("ip-malformed.pcap", 1, recs)

    big = e(ping(40, options=[IPOption_RR(pointer=4, routers=[C, "0.0.0.0", "0.0.0.0"])]))
    write("ip-trunc.pcap", 1, [cut(e(ping(1)), 14 + 4), cut(e(ping(2)), 14 + 19),
                               cut(e(ping(3)), 14 + 20), cut(e(ping(4)), 14 + 22),
                               cut(big, 14 + 24), cut(big, 14 + 30), cut(big, 14 + 35),
                               cut(big, 14 + 40), cut(big, 14 + 45),
                               cut(e(IP(src=A, dst=B, frag=3, proto=253) / Raw(b"x" * 20)), 14 + 16),
                               cut(e(IP(src=A, dst=B, proto=253) / Raw(b"x" * 20)), 14 + 20)])

    # These need the TCP, UDP and IPv6 printers.
    recs = [
        e(IP(src=A, dst=B, id=50, flags="DF") / UDP(sport=1234, dport=5678) / Raw(b"d" * 10)),
        e(IP(src=A, dst=B, id=51) / TCP(sport=1234, dport=80, flags="S", seq=1)),
        e(IP(src=A, dst=B, id=52, flags="MF") / UDP(sport=1234, dport=5678, len=100) / Raw(b"d" * 20)),
        e(IP(src=A, dst=B, id=52, frag=4, proto=17) / Raw(b"d" * 20)),
        e(IP(src=A, dst=B, id=53, flags="MF") / TCP(sport=1234, dport=80, flags="PA") / Raw(b"t" * 12)),
        e(IP(src=A, dst=B, id=54, frag=100, proto=6) / Raw(b"t" * 12)),
        e(IP(src=A, dst=B, id=55, options=[IPOption_LSRR(pointer=4, routers=[C, B])]) /
          UDP(sport=1, dport=2) / Raw(b"x" * 4)),
        e(IP(src=A, dst=B, id=56) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
          ICMPv6EchoRequest(id=1, seq=1)),
        e(Raw(raw_hdr(proto=17, payload=bytes(UDP(sport=7, dport=9) / Raw(b"abc")), csum=0x1111))),
        cut(e(IP(src=A, dst=B, id=57) / UDP(sport=1234, dport=5678) / Raw(b"d" * 10)), 14 + 24),
    ]
    write("ip-transport.pcap", 1, recs)


def icmp_pcaps():
    q = quoted_icmp()
    recs = [
        ip_icmp(bytes(ICMP(type=8, id=0x1234, seq=1) / Raw(b"abcdefgh" * 7))),
        ip_icmp(bytes(ICMP(type=0, id=0x1234, seq=1) / Raw(b"abcdefgh" * 7))),
        ip_icmp(bytes(ICMP(type=8, id=1, seq=65535))),
    ]
    # Every unreachable code, each quoting an ICMP datagram.
    for code in range(0, 17):
        if code == 3:
            continue
        rest = b"\0\0\x05\xdc" if code == 4 else b"\0\0\0\0"
        recs.append(ip_icmp(icmp_err(3, code, q, rest)))
    recs += [
        ip_icmp(icmp_err(3, 4, q, b"\0\0\0\0")),
        ip_icmp(icmp_err(3, 3, bytes(IP(src=B, dst=C, proto=253) / Raw(b"\x12\x34\x56\x78" * 2)))),
        ip_icmp(icmp_err(4, 0, q)),
    ]
    for code in range(0, 5):
        recs.append(ip_icmp(icmp_err(5, code, q, bytes([10, 0, 0, 254]))))
    for code in range(0, 3):
        recs.append(ip_icmp(icmp_err(11, code, q)))
    recs += [
        ip_icmp(icmp_err(12, 0, q, b"\x14\0\0\0")),
        ip_icmp(icmp_err(12, 1, q, b"\x00\0\0\0")),
        ip_icmp(icmp_err(12, 2, q, b"\x00\0\0\0")),
        ip_icmp(bytes(ICMP(type=13, id=3, seq=4, ts_ori=3723004, ts_rx=0, ts_tx=0))),
        ip_icmp(bytes(ICMP(type=14, id=3, seq=4, ts_ori=3723004, ts_rx=3723100, ts_tx=86399999))),
        ip_icmp(bytes(ICMP(type=15, id=5, seq=6))),
        ip_icmp(bytes(ICMP(type=16, id=5, seq=6))),
        ip_icmp(bytes(ICMP(type=17, id=7, seq=8, addr_mask="0.0.0.0"))),
        ip_icmp(bytes(ICMP(type=18, id=7, seq=8, addr_mask="255.255.255.0"))),
        ip_icmp(icmp_raw(b"\x0a\x00\0\0\0\0\0\0")),
        ip_icmp(icmp_raw(b"\x09\x00\0\0\x02\x02\x07\x08" + bytes([10, 0, 0, 1]) +
                         struct.pack("!I", 100) + bytes([10, 0, 0, 2]) +
                         struct.pack("!i", -1))),
        ip_icmp(icmp_raw(b"\x09\x00\0\0\x01\x02\x00\x1e" + bytes([10, 0, 0, 1]) + b"\0\0\0\1")),
        ip_icmp(icmp_raw(b"\x09\x00\0\0\x01\x02\x0e\x10" + bytes([10, 0, 0, 1]) + b"\0\0\0\1")),
        ip_icmp(icmp_raw(b"\x09\x00\0\0\x01\x03\x00\x1e" + bytes([10, 0, 0, 1]) + b"\0\0\0\1")),
        ip_icmp(icmp_raw(b"\x09\x00\0\0\x03\x02\x00\x1e" + bytes([10, 0, 0, 1]) + b"\0\0\0\1")),
        ip_icmp(icmp_raw(b"\x01\x00\0\0\0\0\0\0")),
        ip_icmp(icmp_raw(b"\x2a\x07\0\0\0\0\0\0")),
        ip_icmp(icmp_raw(b"\xff\x00\0\0")),
        # Wrong checksum.
        ip_icmp(b"\x08\x00\x12\x34\x00\x01\x00\x02" + b"z" * 8),
        # An echo request carried in a fragment: no checksum check.
        eth(IP(src=A, dst=B, flags="MF", proto=1) / Raw(b"\x08\x00\x12\x34\x00\x01\x00\x02" + b"z" * 8)),
        # The quoted header has options; the quoted datagram is itself cut short.
        ip_icmp(icmp_err(11, 0, bytes(IP(src=B, dst=C, options=[IPOption_NOP()] * 4) /
                                      ICMP(type=8) / Raw(b"q" * 8))[:32])),
        ip_icmp(icmp_err(3, 1, q[:20])),
        ip_icmp(icmp_err(3, 1, q[:24])),
        ip_icmp(icmp_err(3, 1, b"\x46" + q[1:20] + b"\x01\x01\x01\x00" + q[20:])),
        # An RFC 4884 / MPLS extension after a 128-byte quote.
        ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + (q + b"\0" * 128)[:128] +
                         b"\x20\x00\x00\x00" + b"\x00\x08\x01\x01" + b"\x00\x01\x41\x01")),
    ]
    write("icmp-types.pcap", 1, recs)

    # RFC 4884 extensions: a length-less one found by its checksum, an unknown
    # object class, a wrong version, a zero class, and one cut by the capture.
    quote = (q + b"\0" * 128)[:128]
    recs = [
        ip_icmp(icmp_raw(b"\x03\x01\0\0\0\0\0\0" + quote + b"\x20\x00\xde\xf6" +
                         b"\x00\x08\x01\x01" + b"\x00\x01\x40\x05")),
        ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + quote + b"\x20\x00\x00\x00" +
                         b"\x00\x0c\x02\x03" + b"\x01\x02\x03\x04\x05\x06\x07\x08")),
        ip_icmp(icmp_raw(b"\x0c\x00\0\0\x14\x20\0\0" + quote + b"\x10\x00\x00\x00" +
                         b"\x00\x08\x01\x01" + b"\x00\x01\x41\x01")),
        ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + quote + b"\x20\x00\x00\x00" +
                         b"\x00\x08\x00\x01" + b"\x00\x01\x41\x01")),
        ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + quote + b"\x20\x00\x00\x00" +
                         b"\x00\x10\x01\x01" + b"\x00\x01\x41\x01" * 3)),
        ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + quote + b"\x20\x00\x00\x00" +
                         b"\x00\x02\x01\x01" + b"\x00\x01\x41\x01")),
        cut(ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + quote + b"\x20\x00\x00\x00" +
                             b"\x00\x08\x01\x01" + b"\x00\x01\x41\x01")), 34 + 140),
        cut(ip_icmp(icmp_raw(b"\x0b\x00\0\0\x00\x20\0\0" + quote + b"\x20\x00\x00\x00" +
                             b"\x00\x08\x01\x01" + b"\x00\x01\x41\x01")), 34 + 146),
        # A long router advertisement: tcpdump's line stops at its buffer's end.
        ip_icmp(icmp_raw(b"\x09\x00\0\0\x0a\x02\x00\x1e" +
                         b"".join(bytes([10, 0, 0, k]) + struct.pack("!I", 4000000000 + k)
                                  for k in range(10)))),
    ]
    write("icmp-ext.pcap", 1, recs)

    full = ip_icmp(icmp_err(3, 3, q))
    tsr = ip_icmp(bytes(ICMP(type=14, id=3, seq=4, ts_ori=1, ts_rx=2, ts_tx=3)))
    rad = ip_icmp(icmp_raw(b"\x09\x00\0\0\x02\x02\x07\x08" + bytes([10, 0, 0, 1]) +
                           struct.pack("!I", 100) + bytes([10, 0, 0, 2]) + b"\0\0\0\1"))
    recs = [cut(ip_icmp(ICMP_ECHO), 34 + 1), cut(ip_icmp(ICMP_ECHO), 34 + 2),
            cut(ip_icmp(ICMP_ECHO), 34 + 6), cut(ip_icmp(ICMP_ECHO), 34 + 10),
            cut(full, 34 + 8), cut(full, 34 + 20), cut(full, 34 + 26), cut(full, 34 + 28),
            cut(full, 34 + 40), cut(tsr, 34 + 12), cut(tsr, 34 + 19), cut(rad, 34 + 10),
            cut(rad, 34 + 20), cut(ip_icmp(icmp_err(5, 1, q, bytes([10, 0, 0, 254]))), 34 + 6),
            cut(ip_icmp(icmp_err(12, 0, q, b"\x14\0\0\0")), 34 + 2),
            cut(ip_icmp(bytes(ICMP(type=18, id=7, seq=8, addr_mask="255.255.255.0"))), 34 + 10)]
    write("icmp-trunc.pcap", 1, recs)

    # Quoted TCP and UDP headers: these need the transport printers for -v.
    recs = [
        ip_icmp(icmp_err(3, 3, quoted_udp())),
        ip_icmp(icmp_err(3, 3, quoted_tcp()[:28])),
        ip_icmp(icmp_err(3, 3, quoted_tcp())),
        ip_icmp(icmp_err(11, 0, quoted_udp())),
        ip_icmp(icmp_err(3, 13, quoted_tcp()[:28])),
        ip_icmp(icmp_err(5, 1, quoted_udp(), bytes([10, 0, 0, 254]))),
    ]
    write("icmp-quoted.pcap", 1, recs)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    link_pcaps()
    arp_pcaps()
    ip_pcaps()
    icmp_pcaps()
