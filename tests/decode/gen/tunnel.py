#!/usr/bin/python3
# tunnel.py: writes the VXLAN, Geneve, GRE and MPLS conformance pcaps (no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# The tunnel headers are packed by hand with struct, so that malformed ones
# (bad versions, lengths that lie, reserved bits) are as easy to write as good
# ones; scapy builds the outer and inner packets. Each protocol also gets a
# sweep: its packets cut at every length, to reach every truncation exit.
# Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/tunnel.py
import os
import struct

from scapy.all import ARP, ICMP, IP, IPv6, TCP, UDP, Ether, Raw, ICMPv6EchoRequest

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1, MAC2 = "00:11:22:33:44:55", "66:77:88:99:aa:bb"
MAC3, MAC4 = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
A4, B4 = "192.0.2.1", "192.0.2.2"
C4, D4 = "10.9.0.1", "10.9.0.2"
A6, B6 = "2001:db8::1", "2001:db8::2"


def write(name, recs, linktype=1):
    """recs: packets or bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456 + i, len(data), wire))
            f.write(data)


def cut(pkt, n):
    b = bytes(pkt)
    return (b[:n], len(b))


def sweep(pkts, start=15):
    recs = []
    for p in pkts:
        b = bytes(p)
        recs += [cut(b, n) for n in range(start, len(b))]
    return recs


def e(payload):
    return Ether(src=MAC1, dst=MAC2) / payload


def inner_ping(i=1):
    return bytes(Ether(src=MAC3, dst=MAC4) / IP(src=C4, dst=D4, id=i) /
                 ICMP(type=8, id=7, seq=i) / Raw(b"abcdefgh"))


def udp4(sport, dport, payload):
    return e(IP(src=A4, dst=B4, id=1) / UDP(sport=sport, dport=dport) / Raw(payload))


def udp6(sport, dport, payload):
    return e(IPv6(src=A6, dst=B6) / UDP(sport=sport, dport=dport) / Raw(payload))


# ---- VXLAN ----

def vxlan_hdr(vni, flags=0x08, rsvd1=0, rsvd2=0):
    return struct.pack("!B3sI", flags, rsvd1.to_bytes(3, "big"), (vni << 8) | rsvd2)


def vxlan_pcaps():
    inner6 = bytes(Ether(src=MAC3, dst=MAC4) / IPv6(src="fd00::1", dst="fd00::2") /
                   ICMPv6EchoRequest(id=1, seq=2))
    arp = bytes(Ether(src=MAC3, dst="ff:ff:ff:ff:ff:ff") / ARP(psrc=C4, pdst=D4, hwsrc=MAC3))
    tcp = bytes(Ether(src=MAC3, dst=MAC4) / IP(src=C4, dst=D4) /
                TCP(sport=1234, dport=80, flags="S", seq=1))
    odd = bytes(Ether(src=MAC3, dst=MAC4, type=0x88b5) / Raw(b"\x01\x02\x03\x04"))
    recs = [udp4(41000, 4789, vxlan_hdr(100) + inner_ping()),
            udp4(4789, 4789, vxlan_hdr(0xffffff) + inner6),
            udp4(50000, 4789, vxlan_hdr(5) + arp),
            udp6(50001, 4789, vxlan_hdr(6) + tcp),
            udp4(50002, 4789, vxlan_hdr(7) + odd),
            # flags: none set, others set; reserved fields non-zero
            udp4(50003, 4789, vxlan_hdr(8, flags=0x00) + inner_ping(2)),
            udp4(50004, 4789, vxlan_hdr(9, flags=0xff, rsvd1=0xabcdef, rsvd2=0x77) +
                 inner_ping(3)),
            # shorter than a VXLAN header; header only; inner frame shorter than Ethernet
            udp4(50005, 4789, b"\x08\x00\x00"),
            udp4(50006, 4789, vxlan_hdr(10)),
            udp4(50007, 4789, vxlan_hdr(11) + b"\x66\x77\x88\x99\xaa"),
            # VLAN-tagged inner frame
            udp4(50008, 4789, vxlan_hdr(12) +
                 bytes(Ether(src=MAC3, dst=MAC4, type=0x8100)) + b"\x20\x05\x08\x00" +
                       bytes(IP(src=C4, dst=D4) / ICMP(type=0, id=7, seq=9)))]
    write("vxlan-basic.pcap", recs)
    full = [udp4(41000, 4789, vxlan_hdr(100) + inner_ping()),
            udp6(50001, 4789, vxlan_hdr(6) + tcp)]
    tr = [cut(full[0], n) for n in (14 + 20 + 8 + 3, 14 + 20 + 8 + 7, 14 + 20 + 8 + 8,
                                     14 + 20 + 8 + 8 + 10, 14 + 20 + 8 + 8 + 14,
                                     14 + 20 + 8 + 8 + 14 + 12)]
    # The UDP length says less than the VXLAN header
    p = bytearray(bytes(full[0]))
    struct.pack_into("!H", p, 14 + 20 + 4, 8 + 5)
    tr.append(bytes(p))
    write("vxlan-trunc.pcap", tr)
    write("vxlan-sweep.pcap", sweep(full, 14 + 20 + 6))


# ---- Geneve ----

def geneve_hdr(vni, proto, opts=b"", ver=0, flags=0, rsvd=0, optlen=None):
    if optlen is None:
        optlen = len(opts) // 4
    return struct.pack("!BBH", (ver << 6) | optlen, flags, proto) + \
        struct.pack("!I", (vni << 8) | rsvd) + opts


def gopt(cls, typ, data=b"", lenfield=None):
    n = len(data) // 4 if lenfield is None else lenfield
    return struct.pack("!HBB", cls, typ, n & 0x1f) + data


def geneve_pcaps():
    ip_only = bytes(IP(src=C4, dst=D4, id=4) / ICMP(type=8, id=7, seq=4) / Raw(b"abcdefgh"))
    ip6_only = bytes(IPv6(src="fd00::1", dst="fd00::2") / ICMPv6EchoRequest(id=1, seq=2))
    opts = (gopt(0x0102, 0x80, b"\x00\x01\x00\x02") + gopt(0x0101, 0x01) +
            gopt(0x0100, 0x05, b"\xde\xad\xbe\xef" * 2) + gopt(0x0103, 0, b"\x01\x02\x03\x04") +
            gopt(0x0104, 0x7f) + gopt(0x0010, 0x01) + gopt(0xfff5, 0x02) + gopt(0x1234, 0x03))
    recs = [udp4(41000, 6081, geneve_hdr(0x1234, 0x6558) + inner_ping()),
            udp4(41003, 6081, geneve_hdr(0xabcdef, 0x0800, flags=0x80) + ip_only),
            udp6(49154, 6081, geneve_hdr(1, 0x86dd, flags=0xc0) + ip6_only),
            udp4(41005, 6081, geneve_hdr(2, 0x6558, opts=opts, flags=0x3f, rsvd=0x11) +
                 inner_ping(2)),
            udp4(41006, 6081, geneve_hdr(3, 0x88b5) + b"\x00\x01\x02\x03"),
            udp4(41007, 6081, geneve_hdr(4, 0x0806) +
                 bytes(ARP(psrc=C4, pdst=D4, hwsrc=MAC3))),
            # version 1; shorter than the header; options longer than the packet
            udp4(41008, 6081, geneve_hdr(5, 0x6558, ver=1) + inner_ping()),
            udp4(41009, 6081, b"\x00\x00\x65\x58\x00"),
            udp4(41010, 6081, geneve_hdr(6, 0x6558, optlen=20) + b"\x00" * 8),
            # an option whose length runs past the options area
            udp4(41011, 6081, geneve_hdr(7, 0x6558, opts=gopt(0x0101, 1, b"", lenfield=5) +
                                         b"\x00" * 4) + inner_ping()),
            # flags none, Ethernet type unknown with -e naming
            udp4(41012, 6081, geneve_hdr(8, 0x8847) + b"\x00\x01\x41\x40" + ip_only)]
    write("geneve-basic.pcap", recs)
    full = [udp4(41005, 6081, geneve_hdr(2, 0x6558, opts=opts[:16], flags=0x40) +
                 inner_ping(2))]
    tr = [cut(full[0], n) for n in (14 + 20 + 8 + 4, 14 + 20 + 8 + 8, 14 + 20 + 8 + 12,
                                     14 + 20 + 8 + 24 + 6, 14 + 20 + 8 + 24 + 20)]
    write("geneve-trunc.pcap", tr)
    write("geneve-sweep.pcap", sweep(full, 14 + 20 + 6))


# ---- GRE ----

def gre_hdr(proto, c=None, k=None, s=None, off=None, routes=None, ver=0, flags=0, ack=None):
    f = flags | ver
    if c is not None or routes is not None:
        f |= 0x8000 if c is not None else 0
        f |= 0x4000 if routes is not None else 0
    if k is not None:
        f |= 0x2000
    if s is not None:
        f |= 0x1000
    if ack is not None:
        f |= 0x0080
    h = struct.pack("!HH", f, proto)
    if c is not None or routes is not None:
        h += struct.pack("!HH", c or 0, off or 0)
    if k is not None:
        h += struct.pack("!I", k)
    if s is not None:
        h += struct.pack("!I", s)
    if ack is not None:
        h += struct.pack("!I", ack)
    if routes is not None:
        h += routes
    return h


def gre4(payload, src=A4, dst=B4):
    return e(IP(src=src, dst=dst, id=1, proto=47) / Raw(payload))


def gre_pcaps():
    ip_in = bytes(IP(src=C4, dst=D4, id=5) / UDP(sport=1000, dport=2000) / Raw(b"hello"))
    ip6_in = bytes(IPv6(src="fd00::1", dst="fd00::2") / ICMPv6EchoRequest(id=1, seq=2))
    mpls_in = struct.pack("!I", (16 << 12) | 0x100 | 64) + ip_in
    sre_ip = struct.pack("!HBB", 0x0800, 4, 8) + bytes([10, 0, 0, 1, 10, 0, 0, 2])
    sre_asn = struct.pack("!HBB", 0xfffe, 2, 4) + b"\x00\x64\x00\xc8"
    sre_end = struct.pack("!HBB", 0, 0, 0)
    recs = [gre4(gre_hdr(0x0800) + ip_in),
            gre4(gre_hdr(0x0800, k=0x1234) + ip_in),
            gre4(gre_hdr(0x0800, s=42) + ip_in),
            gre4(gre_hdr(0x0800, k=0xdeadbeef, s=7) + ip_in),
            gre4(gre_hdr(0x86dd, c=0xabcd, k=1, s=2) + ip6_in),
            gre4(gre_hdr(0x6558, k=100) + inner_ping()),
            gre4(gre_hdr(0x8847) + mpls_in),
            gre4(gre_hdr(0x0800, routes=sre_ip + sre_asn + sre_end) + ip_in),
            gre4(gre_hdr(0x0800, routes=struct.pack("!HBB", 0x0800, 3, 8) + b"\x00" * 8 +
                         struct.pack("!HBB", 0x0800, 8, 8) + b"\x00" * 8 +
                         struct.pack("!HBB", 0x0800, 4, 6) + b"\x00" * 6 +
                         struct.pack("!HBB", 0xfffe, 1, 4) + b"\x00" * 4 +
                         struct.pack("!HBB", 0x1234, 0, 4) + b"\x00" * 4 + sre_end) + ip_in),
            gre4(gre_hdr(0x88be, k=3) + b"\x00" * 12),
            gre4(gre_hdr(0x0800, flags=0x0f78) + ip_in),
            # v1 (PPTP) without a payload, and with only an ack
            gre4(gre_hdr(0x880b, k=0x00050011, ver=1, flags=0x0000)),
            gre4(gre_hdr(0x880b, k=0x00060022, ver=1, ack=9)),
            gre4(gre_hdr(0x0800, ver=3) + ip_in),
            e(IPv6(src=A6, dst=B6, nh=47) / Raw(gre_hdr(0x0800, k=5) + ip_in)),
            # shorter than its flags say
            gre4(gre_hdr(0x0800)[:3]),
            gre4(struct.pack("!HH", 0x3000, 0x0800) + b"\x00\x00\x00\x01"),
            gre4(struct.pack("!HH", 0xc000, 0x0800) + b"\x00\x00\x00\x00" + b"\x08\x00\x00"),
            gre4(struct.pack("!HH", 0x4000, 0x0800) + b"\x00\x00\x00\x00" + sre_ip[:7])]
    write("gre-basic.pcap", recs)
    full = [gre4(gre_hdr(0x0800, k=0xdeadbeef, s=7) + ip_in),
            gre4(gre_hdr(0x0800, c=0, routes=sre_ip + sre_asn + sre_end) + ip_in),
            gre4(gre_hdr(0x880b, k=0x00060022, s=1, ver=1, ack=9)[:16])]
    write("gre-sweep.pcap", sweep(full, 14 + 20))


# ---- MPLS ----

def label(lbl, tc=0, s=0, ttl=64):
    return struct.pack("!I", (lbl << 12) | (tc << 9) | (s << 8) | ttl)


def mpls_pcaps():
    ip_in = bytes(IP(src=C4, dst=D4, id=6) / ICMP(type=8, id=1, seq=1) / Raw(b"ping"))
    ip6_in = bytes(IPv6(src="fd00::1", dst="fd00::2") / ICMPv6EchoRequest(id=1, seq=2))

    def m(payload, etype=0x8847):
        return Ether(src=MAC1, dst=MAC2, type=etype) / Raw(payload)
    recs = [m(label(100, s=1) + ip_in),
            m(label(100, tc=5) + label(200, tc=7, s=1, ttl=1) + ip_in),
            m(label(0, s=1) + ip_in),
            m(label(2, s=1) + ip6_in),
            m(label(3, s=1, ttl=255) + ip_in),
            m(label(1) + label(16) + label(17) + label(18, s=1) + ip6_in),
            m(label(5, s=1) + b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99"),
            m(label(1048575, tc=1, s=1, ttl=0) + b"\x84\x1b\x01\x00"),
            m(label(300, s=1) + ip_in, etype=0x8848),
            m(label(300, s=1)),
            m(label(7, s=1) + b"\x4f" + ip_in[1:]),
            # no bottom-of-stack bit before the end; a short label
            m(label(10) + label(11)),
            m(label(10) + b"\x00\x0b"),
            udp4(50000, 6635, label(400, s=1) + ip_in)]
    write("mpls-basic.pcap", recs)
    full = [m(label(100, tc=5) + label(200, s=1) + ip_in),
            m(label(9, s=1) + b"\x00\x11\x22\x33" * 6)]
    tr = [cut(full[1], n) for n in (14 + 2, 14 + 4, 14 + 4 + 5, 14 + 4 + 17)]
    write("mpls-trunc.pcap", tr)
    write("mpls-sweep.pcap", sweep(full))


if __name__ == "__main__":
    vxlan_pcaps()
    geneve_pcaps()
    gre_pcaps()
    mpls_pcaps()
