#!/usr/bin/python3
# mkmixed.py: writes a large pcap of mixed traffic (TCP conversations, DNS, ICMP, ARP, IPv6) for bench/decode
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
    return [raw(p) for p in t]

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
