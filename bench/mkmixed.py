#!/usr/bin/python3
# mkmixed.py: writes a large pcap of mixed traffic (TCP, DNS, ICMP, ARP, IPv6, tunnels, PPP, routing and server protocols) for bench/decode
# SPDX-License-Identifier: BSD-2-Clause
import os
import random
import struct
import sys

from scapy.all import (ARP, DNS, DNSQR, DNSRR, ICMP, IP, LLC, TCP, UDP, Dot3, Ether,
                       ICMPv6EchoRequest, ICMPv6ND_NS, IPv6, Raw, raw)

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
    t += servers()
    t += bgp_ldp()
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

def servers():
    """BFD, RIPv2, HSRP, PTP, RSTP, LACP, SSH and Redis, ESP in UDP: more of a data centre's chatter."""
    def ip4(n):
        return bytes(int(x) for x in n.split("."))
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    bfd = struct.pack("!BBBBIIIII", 0x20, 0xc0, 3, 24, 1, 2, 300000, 300000, 0)
    rip = struct.pack("!BBH", 2, 2, 0) + b"".join(
        struct.pack("!HH4s4s4sI", 2, 0, ip4("10.%d.0.0" % k), ip4("255.255.0.0"), ip4("0.0.0.0"), 1)
        for k in range(4))
    hsrp = struct.pack("!BBBBBBBB8s4s", 0, 0, 16, 3, 10, 100, 1, 0, b"cisco", ip4("10.0.0.254"))
    ptp = struct.pack("!BBHBBHQIQHHBB", 0, 2, 44, 0, 0, 0x200, 0, 0, 0x001122fffe334455, 1, 7, 0,
                      0) + struct.pack("!HII", 0, 1700000000, 5)
    bpdu = struct.pack("!HBBB8sI8sHHHHHB", 0, 2, 2, 0x3c, b"\x80\x00" + bytes(6), 4,
                       b"\x80\x01" + bytes(6), 0x8001, 256, 5120, 512, 3840, 0)
    actor = struct.pack("!BBH6sHHHB3s", 1, 20, 32768, bytes(6), 13, 255, 7, 0x3d, b"")
    lacp = b"\x01\x01" + actor + actor.replace(b"\x01\x14", b"\x02\x14", 1) + \
        struct.pack("!BBH12s", 3, 16, 50, b"") + bytes(52)
    return [e / IP(src="10.0.0.1", dst="10.0.0.2", ttl=255) / UDP(sport=49153, dport=3784) / Raw(bfd),
            e / IP(src="10.0.0.1", dst="224.0.0.9", ttl=1) / UDP(sport=520, dport=520) / Raw(rip),
            e / IP(src="10.0.0.1", dst="224.0.0.2", ttl=1) / UDP(sport=1985, dport=1985) / Raw(hsrp),
            e / IP(src="10.0.0.1", dst="224.0.1.129", ttl=1) / UDP(sport=319, dport=319) / Raw(ptp),
            Dot3(src="02:00:00:00:00:01", dst="01:80:c2:00:00:00") / LLC(dsap=0x42, ssap=0x42, ctrl=3) /
            Raw(bpdu),
            Ether(src="02:00:00:00:00:01", dst="01:80:c2:00:00:02", type=0x8809) / Raw(lacp),
            e / IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=22, dport=50000, flags="PA") /
            Raw(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"),
            e / IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=50001, dport=6379, flags="PA") /
            Raw(b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"),
            e / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=4500, dport=4500) /
            Raw(struct.pack("!II", 0xc0ffee01, 7) + bytes(64))]


def bgp_ldp():
    """BGP keepalive and UPDATE (IPv4 and MP-BGP IPv6), LDP hello and label mapping."""
    def ip4(n):
        return bytes(int(x) for x in n.split("."))
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    attrs = struct.pack("!BBBB", 0x40, 1, 1, 0) + struct.pack("!BBBBBHH", 0x40, 2, 6, 2, 2, 65001, 65002) + \
        struct.pack("!BBB4s", 0x40, 3, 4, ip4("192.0.2.1")) + struct.pack("!BBBI", 0x40, 5, 4, 100) + \
        struct.pack("!BBBII", 0xc0, 8, 8, 0xfde80064, 0xffffff01)
    upd = struct.pack("!H", 0) + struct.pack("!H", len(attrs)) + attrs + b"\x18\x0a\x01\x02\x10\x0a\x02"
    mp = struct.pack("!HBB16sB", 2, 1, 16, b"\x20\x01\x0d\xb8" + bytes(11) + b"\x01", 0) + b"\x30\x20\x01\x0d\xb8\x00\x01"
    upd6 = struct.pack("!HH", 0, len(mp) + 4) + struct.pack("!BBH", 0x90, 14, len(mp)) + mp

    def bgp(t, body):
        return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), t) + body

    def ldp(msgs):
        return struct.pack("!HH4sH", 1, 6 + len(msgs), ip4("10.0.0.1"), 0) + msgs
    def msg(t, mid, tlvs):
        return struct.pack("!HHI", t, 4 + len(tlvs), mid) + tlvs
    hello = msg(0x100, 1, struct.pack("!HHHH", 0x400, 4, 15, 0) + struct.pack("!HH4s", 0x401, 4, ip4("10.0.0.1")) +
                struct.pack("!HHI", 0x402, 4, 1))
    mapping = msg(0x400, 2, struct.pack("!HHBHB3s", 0x100, 7, 2, 1, 24, ip4("10.3.3.0")[:3]) +
                  struct.pack("!HHI", 0x200, 4, 16))
    tcp = TCP(sport=50179, dport=179, flags="PA", seq=1, ack=1)
    return [e / IP(src="10.0.0.1", dst="10.0.0.2") / tcp / Raw(bgp(4, b"")),
            e / IP(src="10.0.0.1", dst="10.0.0.2") / tcp / Raw(bgp(2, upd) + bgp(2, upd6)),
            e / IP(src="10.0.0.1", dst="224.0.0.2", ttl=1) / UDP(sport=646, dport=646) / Raw(ldp(hello)),
            e / IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=646, dport=40646, flags="PA") / Raw(ldp(mapping))]


def round4():
    """PPPoE, L2TP, PPTP, PIM, EIGRP, Babel, CDP, IS-IS, DCCP, MPTCP, telnet, NFS, ISAKMP, SCTP.

    The well-formed messages of the decode suite's generators (tests/decode/gen), whose
    goldens hold pktctl to tcpdump, a few of each: about a sixth of the templates.
    """
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                    "tests", "decode", "gen"))
    import decd
    import discovery as dsc
    import isakmp
    import ppp
    import sctp_vlan
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    lcp, ipcp, chap = ppp.lcp_packets(), ppp.ipcp_packets(), ppp.chap_packets()
    t = [ppp.eth(0x8863, d) for d in ppp.pppoe_disc()[:4]]
    t += [ppp.eth(0x8864, ppp.pppoe(0, 0x1234, ppp.ppp(pr, m))) for pr, m in (
        (ppp.LCP, lcp[0]), (ppp.IPCP, ipcp[0]), (ppp.CHAP, chap[0]),
        (0x21, ppp.ping(1)), (0x21, ppp.ping(2)), (0x21, ppp.ping(3)))]
    t += [ppp.gre_ip(ppp.gre1(7, ppp.ppp(ppp.LCP, lcp[0]), seq=0)),
          ppp.gre_ip(ppp.gre1(8, ppp.ppp(0x21, ppp.ping(2)), seq=3, ack=2)),
          ppp.gre_ip(ppp.gre1(8, ack=5))]
    pptp = ppp.pptp_msgs()
    t += [ppp.eth(0x0800, raw(IP(src="192.0.2.1", dst="192.0.2.2") /
                              TCP(sport=3025, dport=1723, flags="PA", seq=1, ack=1) / Raw(pptp[k])))
          for k in (0, 9)]
    l2tp = ppp.l2tp_ctrl()[:2] + ppp.l2tp_data()[:3]
    t += [e / IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=1701, dport=1701) / Raw(m) for m in l2tp]
    pim = [dsc.pim(0, dsc.hello_opts()), dsc.join_prune(), dsc.bootstrap()]
    t += [dsc.v4(103, m) for m in pim]
    t += [dsc.v4(88, m, dst="224.0.0.10", ttl=2) for m in dsc.eigrp_msgs()[:3]]
    t += [e / IPv6(src="fe80::1", dst="ff02::1:6", hlim=1) / UDP(sport=6696, dport=6696) / Raw(m)
          for m in dsc.babel_msgs()[:2]]
    t += [Raw(dsc.cdp_msgs()[0])]
    isis = dsc.isis_msgs()
    t += [Raw(dsc.isis_frame(isis[k])) for k in ISIS]
    t += decd.dccp_pkts()[:3] + decd.mptcp_pkts()[:5] + decd.telnet_pkts()[:3]
    nfs = decd.nfs_msgs()
    t += [decd.nfs_udp(*nfs[k]) for k in (0, 1, 2, 3, 4, 7, 8)]
    t += [decd.nfs_tcp(*nfs[k]) for k in (0, 1)]
    t += [isakmp.udp(m) for m in isakmp.ikev1()[:2] + isakmp.ikev2()[:2]]
    t += [sctp_vlan.sctp([sctp_vlan.data(3, 2, 1, 1, 3, b"m3ua-ish payload")]),
          sctp_vlan.sctp([sctp_vlan.sack(100, 65536, [], [])])]
    return t


# IS-IS: a LAN hello, a point-to-point hello, an LSP and a CSNP.
ISIS = (0, 2, 7, 10)


if __name__ == "__main__":
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    tpl = templates()
    # Every eighth packet is one of round 4's protocols, the rest as before.
    r4 = [raw(p) for p in round4()]
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        t = 1700000000.0
        for n in range(total):
            p = r4[(n // 8) % len(r4)] if n % 8 == 7 else tpl[(n - n // 8) % len(tpl)]
            t += random.random() * 0.0002
            sec = int(t)
            f.write(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(p), len(p)))
            f.write(p)
