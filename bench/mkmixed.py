#!/usr/bin/python3
# mkmixed.py: writes a large pcap of mixed traffic (TCP, DNS, ICMP, ARP, IPv6, tunnels, routing protocols) for bench/decode
import random
import struct
import sys

from scapy.all import (ARP, DNS, DNSQR, DNSRR, ICMP, IP, TCP, UDP, Ether, ICMPv6EchoRequest,
                       ICMPv6ND_NS, IPv6, Raw, raw)

random.seed(42)

def templates():
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    t = []
    for i in range(8):
        c, s = "10.1.%d.%d" % (i, i + 1), "10.2.0.%d" % (i + 10)
        sp = 40000 + i
        t.append(e / IP(src=c, dst=s) / TCP(sport=sp, dport=443, flags="S", seq=1000 * i,
                 options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7)]))
        t.append(e / IP(src=s, dst=c) / TCP(sport=443, dport=sp, flags="SA", seq=5000 * i, ack=1000 * i + 1))
        t.append(e / IP(src=c, dst=s) / TCP(sport=sp, dport=443, flags="PA", seq=1000 * i + 1, ack=5000 * i + 1) /
                 Raw(bytes(random.getrandbits(8) for _ in range(random.choice([100, 600, 1400])))))
        t.append(e / IP(src=s, dst=c) / TCP(sport=443, dport=sp, flags="A", seq=5000 * i + 1, ack=1000 * i + 200))
        t.append(e / IP(src=c, dst=s) / TCP(sport=sp + 1000, dport=80, flags="PA", seq=7, ack=9) /
                 Raw(b"GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: bench\r\n\r\n"))
        t.append(e / IP(src=c, dst="10.0.0.53") / UDP(sport=sp, dport=53) /
                 DNS(id=i, rd=1, qd=DNSQR(qname="host%d.example.com" % i)))
        t.append(e / IP(src="10.0.0.53", dst=c) / UDP(sport=53, dport=sp) /
                 DNS(id=i, qr=1, rd=1, ra=1, qd=DNSQR(qname="host%d.example.com" % i),
                     an=DNSRR(rrname="host%d.example.com" % i, rdata="93.184.216.%d" % i)))
        t.append(e / IP(src=c, dst=s) / ICMP(type=8, id=i, seq=i) / Raw(b"x" * 56))
        t.append(e / IPv6(src="2001:db8::%x" % (i + 1), dst="2001:db8::1") / TCP(sport=sp, dport=22, flags="PA") / Raw(b"y" * 200))
        t.append(e / IPv6(src="fe80::1", dst="ff02::1:ff00:%x" % i) / ICMPv6ND_NS(tgt="fe80::%x" % i))
        t.append(e / IPv6(src="2001:db8::2", dst="2001:db8::3") / ICMPv6EchoRequest(id=i, seq=i))
        t.append(Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff") / ARP(psrc=c, pdst=s))
        t += tunnels(e, i, c, s, sp)
    t += routing()
    return [raw(p) for p in t]


def tunnels(e, i, c, s, sp):
    """VXLAN, Geneve, GRE and MPLS, each carrying a packet like the ones above."""
    inner = raw(Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") /
                IP(src="172.16.%d.1" % i, dst="172.16.0.9") / TCP(sport=sp, dport=443, flags="A"))
    ip_in = raw(IP(src="172.16.%d.1" % i, dst="172.16.0.9") / UDP(sport=sp, dport=53) /
                DNS(id=i, rd=1, qd=DNSQR(qname="tunnel%d.example.com" % i)))
    return [e / IP(src=c, dst=s) / UDP(sport=sp, dport=4789) /
            Raw(struct.pack("!II", 0x08000000, (100 + i) << 8) + inner),
            e / IP(src=c, dst=s) / UDP(sport=sp, dport=6081) /
            Raw(struct.pack("!BBHI", 1, 0, 0x6558, (200 + i) << 8) +
                struct.pack("!HBB", 0x0101, 1, 1) + b"\0" * 4 + inner),
            e / IP(src=c, dst=s, proto=47) /
            Raw(struct.pack("!HHII", 0x3000, 0x0800, i, 1000 + i) + ip_in),
            Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x8847) /
            Raw(struct.pack("!II", (1000 + i) << 12 | 64, (16 + i) << 12 | 0x100 | 63) + ip_in)]


def routing():
    """IGMP, VRRP, OSPF hellos and LSA updates, LLDP: the periodic chatter of a LAN."""
    def ip4(n):
        return bytes(int(x) for x in n.split("."))

    def tlv(t, v):
        return struct.pack("!H", t << 9 | len(v)) + v
    e = Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:05")
    hello = (ip4("255.255.255.0") + struct.pack("!HBBI", 10, 2, 1, 40) + ip4("10.0.0.1") +
             ip4("10.0.0.2") + ip4("1.1.1.1") + ip4("2.2.2.2"))
    lsa = (struct.pack("!HBB4s4sIHH", 1, 0x22, 1, ip4("1.1.1.1"), ip4("1.1.1.1"), 0x80000001,
                       0, 48) + struct.pack("!BBH", 1, 0, 2) +
           ip4("2.2.2.2") + ip4("10.0.0.1") + struct.pack("!BBH", 1, 0, 10) +
           ip4("10.1.0.0") + ip4("255.255.0.0") + struct.pack("!BBH", 3, 0, 1))

    def ospf(typ, body):
        return struct.pack("!BBH4s4sHH8x", 2, typ, 24 + len(body), ip4("1.1.1.1"),
                           ip4("0.0.0.0"), 0, 0) + body
    lldp = (tlv(1, b"\x04\x02\x00\x00\x00\x00\x01") + tlv(2, b"\x05eth1") +
            tlv(3, b"\x00\x78") + tlv(5, b"switch1") + tlv(6, b"Linux switch") +
            tlv(7, b"\x00\x14\x00\x10") +
            tlv(127, b"\x00\x80\xc2\x01\x00\x64") +
            tlv(127, b"\x00\x12\x0f\x01\x03\x6c\x01\x00\x10") + tlv(0, b""))
    return [e / IP(src="10.0.0.1", dst="224.0.0.5", ttl=1, proto=89) / Raw(ospf(1, hello)),
            e / IP(src="10.0.0.1", dst="224.0.0.5", ttl=1, proto=89) /
            Raw(ospf(4, struct.pack("!I", 1) + lsa)),
            e / IP(src="10.0.0.1", dst="224.0.0.22", ttl=1, proto=2) /
            Raw(struct.pack("!BBHHH", 0x22, 0, 0, 0, 1) +
                struct.pack("!BBH4s", 4, 0, 0, ip4("239.1.1.1"))),
            e / IP(src="10.0.0.1", dst="224.0.0.1", ttl=1, proto=2) /
            Raw(struct.pack("!BBH4s", 0x11, 100, 0xee9b, ip4("0.0.0.0"))),
            e / IP(src="10.0.0.1", dst="224.0.0.18", ttl=255, proto=112) /
            Raw(struct.pack("!BBBBBBH4s8x", 0x21, 1, 100, 1, 0, 1, 0, ip4("10.0.0.254"))),
            Ether(src="02:00:00:00:00:01", dst="01:80:c2:00:00:0e", type=0x88cc) / Raw(lldp)]

if __name__ == "__main__":
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    tpl = templates()
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        t = 1700000000.0
        for n in range(total):
            p = tpl[n % len(tpl)]
            t += random.random() * 0.0002
            sec = int(t)
            f.write(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(p), len(p)))
            f.write(p)
