#!/usr/bin/python3
# server.py: writes the SSH, RESP, HSRP, BFD, RIP, RIPng, PTP, STP and LACP conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# Messages are packed by hand with struct inside scapy's Ethernet, IP, UDP
# and TCP headers. Each protocol gets a basic pcap (every message type,
# malformed fields), a sweep (its packets cut at every length) and a
# mutation pcap (a few bytes changed at random with a fixed seed). Run from
# anywhere:
#   /usr/bin/python3 tests/decode/gen/server.py
import os
import random
import struct

from scapy.all import IP, IPv6, TCP, UDP, Ether, Dot3, LLC, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000
MAC1, MAC2 = "00:11:22:33:44:55", "00:66:77:88:99:aa"


def write(name, recs, linktype=1):
    """recs: packets or bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456 + i, len(data), wire))
            f.write(data)


def sweep(pkts, start):
    recs = []
    for p in pkts:
        b = bytes(p)
        recs += [(b[:n], len(b)) for n in range(start, len(b))]
    return recs


def mutate(pkts, start, n=250, seed=22):
    """n copies of the packets with one to three bytes after start changed, some cut."""
    rnd = random.Random(seed)
    recs = []
    for i in range(n):
        b = bytearray(bytes(pkts[i % len(pkts)]))
        if len(b) <= start:
            continue
        for _ in range(rnd.randint(1, 3)):
            b[rnd.randrange(start, len(b))] = rnd.randrange(256)
        if rnd.random() < 0.2:
            k = rnd.randrange(start, len(b) + 1)
            recs.append((bytes(b[:k]), len(b)))
        else:
            recs.append(bytes(b))
    return recs


def udp4(sport, dport, payload, src="192.0.2.1", dst="192.0.2.2", ttl=255):
    return Ether(src=MAC1, dst=MAC2) / IP(src=src, dst=dst, ttl=ttl, id=1) / \
        UDP(sport=sport, dport=dport) / Raw(payload)


def udp6(sport, dport, payload, src="fe80::1", dst="ff02::9"):
    return Ether(src=MAC1, dst=MAC2) / IPv6(src=src, dst=dst, hlim=255) / \
        UDP(sport=sport, dport=dport) / Raw(payload)


def tcp4(sport, dport, payload, seq=1000, flags="PA"):
    return Ether(src=MAC1, dst=MAC2) / IP(src="192.0.2.1", dst="192.0.2.2", id=1) / \
        TCP(sport=sport, dport=dport, seq=seq, ack=1, flags=flags, window=512) / Raw(payload)


def a(s):
    return bytes(int(x) for x in s.split("."))


def emit(name, pkts, start, extra=()):
    write(name + "-basic.pcap", list(pkts) + list(extra))
    write(name + "-sweep.pcap", sweep(pkts, start))
    write(name + "-mut.pcap", mutate(pkts, start))


# ---- SSH banners (TCP 22) ----

def ssh_pcaps():
    p = [
        tcp4(40000, 22, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"),
        tcp4(22, 40000, b"SSH-2.0-OpenSSH_8.4\n"),
        tcp4(22, 40000, b"SSH-1.99-Cisco-1.25\r\n"),
        tcp4(22, 40000, b"SSH-2.0-x\rjunk\r\n"),
        tcp4(22, 40000, b"SSH-2.0-x\r"),
        tcp4(22, 40000, b"SSH-2.0-no line end"),
        tcp4(22, 40000, b"SSH-2.0-bin\x01ary\r\n"),
        tcp4(22, 40000, b"SSH-2.0-\x80high\r\n"),
        tcp4(22, 40000, b"SSH-\r\n"),
        tcp4(22, 40000, b"SSX-2.0\r\n"),
        tcp4(22, 40000, b"\x00\x00\x01\x0c\x0a\x14" + bytes(range(32))),
        tcp4(22, 40000, b"SS"),
        tcp4(40001, 22, b"SSH-2.0-client\r\nmore data after the banner"),
    ]
    emit("ssh", p, 14 + 20 + 20)


# ---- RESP (Redis, TCP 6379) ----

def resp_pcaps():
    msgs = [
        b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n",
        b"+OK\r\n",
        b"-ERR unknown command 'FOO'\r\n",
        b":1000\r\n",
        b"$-1\r\n",
        b"*-1\r\n",
        b"*0\r\n",
        b"$0\r\n\r\n",
        b"PING\r\nPING\r\n",
        b"\r\n\nINFO\n",
        b"*2\r\n$4\r\nINCR\r\n$1\r\nz\r\n*2\r\n$4\r\nINCR\r\n$1\r\nz\r\n",
        b"*2\r\n*1\r\n:1\r\n*2\r\n+a\r\n-b\r\n",
        b"$99999999999\r\n",
        b"$-5\r\n",
        b"$abc\r\n",
        b"$3\rx",
        b"$3\r\nab",
        b"$3\r\nabcdef\r\n",
        b"*x\r\n",
        b"*2147483648\r\n",
        b"*3\r\n$3\r\nGET\r\n",
        b"+no end",
        b"$5\r\nhel\x01\x80\r\n",
        b"-",
        b"$",
        b"*",
        b"$-1",
        b"$1\r\n",
        b"inline with no end",
    ]
    p = [tcp4(40000 + i % 3, 6379, m, seq=1000 + i) for i, m in enumerate(msgs)]
    p.append(tcp4(6379, 40000, b"$5\r\nhello\r\n"))
    emit("resp", p, 14 + 20 + 20)


# ---- HSRP (UDP 1985) ----

def hsrp(op, state, group, addr, hello=3, hold=10, prio=100, auth=b"cisco\0\0\0", rsvd=0, ver=0):
    return struct.pack("!BBBBBBBB8s4s", ver, op, state, hello, hold, prio, group, rsvd, auth,
                       a(addr))


def hsrp_pcaps():
    p = [
        udp4(1985, 1985, hsrp(0, 16, 1, "192.0.2.254"), dst="224.0.0.2", ttl=1),
        udp4(1985, 1985, hsrp(0, 8, 1, "192.0.2.254", prio=90), dst="224.0.0.2", ttl=1),
        udp4(1985, 1985, hsrp(1, 4, 2, "10.0.0.1", hello=0, hold=200)),
        udp4(1985, 1985, hsrp(2, 2, 3, "10.0.0.1", hello=255, hold=255)),
        udp4(1985, 1985, hsrp(3, 1, 4, "10.0.0.1", rsvd=7)),
        udp4(1985, 1985, hsrp(0, 0, 5, "10.0.0.1", auth=b"12345678")),
        udp4(1985, 1985, hsrp(0, 3, 6, "10.0.0.1", auth=b"\x01\x7f\x80ab\0cd")),
        udp4(1985, 1985, hsrp(0, 16, 1, "192.0.2.254", ver=1)),
        udp4(1985, 1985, hsrp(0, 16, 1, "192.0.2.254", ver=2) + b"\x01\x28" + bytes(40)),
        udp4(1985, 1985, hsrp(0, 16, 1, "192.0.2.254")[:12]),
        udp4(2000, 1985, hsrp(0, 16, 1, "192.0.2.254")),
        udp4(1985, 2000, hsrp(0, 16, 1, "192.0.2.254")),
    ]
    emit("hsrp", p, 14 + 20 + 8)


# ---- BFD (UDP 3784 control, 3785 echo, 4784 multihop, 6784 LAG) ----

def bfd(ver=1, diag=0, state=3, flags=0, mult=3, length=24, mydisc=1, yourdisc=2,
        tx=300000, rx=300000, echo=50000, auth=b""):
    b0 = (ver << 5) | diag
    b1 = (state << 6) | flags if ver == 1 else flags
    return struct.pack("!BBBBIIIII", b0, b1, mult, length, mydisc, yourdisc, tx, rx, echo) + auth


def bfd_pcaps():
    md5 = struct.pack("!BBBBI", 2, 24, 1, 0, 7) + bytes(range(16))
    sha = struct.pack("!BBBBI", 4, 28, 2, 0, 9) + bytes(range(20))
    p = [
        udp4(49153, 3784, bfd()),
        udp4(49153, 3784, bfd(state=1, diag=1, flags=0x20)),
        udp4(49153, 3784, bfd(state=0, diag=7, flags=0x3f)),
        udp4(49153, 3784, bfd(state=2, diag=31, flags=0x10, mult=255, tx=0xffffffff)),
        udp4(49153, 4784, bfd(state=3, flags=0x08)),
        udp4(49153, 6784, bfd(state=3, flags=0x02)),
        udp4(49153, 3784, bfd(ver=0, diag=3, flags=0xff)),
        udp4(49153, 3784, bfd(ver=0, flags=0x00)),
        udp4(49153, 3784, bfd(ver=2) + b"extra"),
        udp4(49153, 3784, bfd(ver=7)),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBB", 1, 9, 5) + b"secret")),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBB", 1, 3, 5) + b"x")),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBB", 1, 20, 5) + bytes(17))),
        udp4(49153, 3784, bfd(flags=0x04, auth=md5)),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBBBI", 3, 24, 1, 0, 8) +
                              bytes(range(16)))),
        udp4(49153, 3784, bfd(flags=0x04, auth=sha)),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBBBI", 5, 28, 2, 0, 9) +
                              bytes(20))),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBBBI", 2, 20, 1, 0, 7) + bytes(16))),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBBBI", 4, 24, 1, 0, 7) + bytes(20))),
        udp4(49153, 3784, bfd(flags=0x04, auth=struct.pack("!BBBB", 9, 4, 1, 0))),
        udp4(49153, 3784, bfd(flags=0x04, auth=md5[:12])),
        udp4(49153, 3784, bfd(ver=0, flags=0x04, auth=sha)),
        udp4(49153, 3784, bfd(flags=0x04)),
        udp4(49153, 3784, bfd()[:20]),
        udp4(3785, 3785, b"\x01\x02\x03\x04echo payload here"),
        udp4(3785, 3785, b""),
        udp6(49153, 3784, bfd(), dst="fe80::2"),
        udp4(3784, 49153, bfd()),
    ]
    emit("bfd", p, 14 + 20 + 8)


# ---- RIP (UDP 520) and RIPng (UDP 521) ----

def rip(cmd, ver, entries=b""):
    return struct.pack("!BBH", cmd, ver, 0) + entries


def r1(dst, metric, fam=2, mbz=0):
    return struct.pack("!HH4sII I".replace(" ", ""), fam, mbz, a(dst), 0, 0, metric)


def r2(dst, mask, nh, metric, tag=0, fam=2):
    return struct.pack("!HH4s4s4sI", fam, tag, a(dst), a(mask), a(nh), metric)


def rip_pcaps():
    crypt = struct.pack("!HHHBBIII", 0xffff, 3, 64, 1, 16, 12345, 0, 0)
    trailer = struct.pack("!HH", 0xffff, 1) + bytes(range(16))
    p = [
        udp4(520, 520, rip(1, 1, r1("0.0.0.0", 16, fam=0)), dst="255.255.255.255"),
        udp4(520, 520, rip(2, 1, r1("10.0.0.0", 1) + r1("10.1.0.0", 2) + r1("10.2.0.0", 16, fam=0))),
        udp4(520, 520, rip(2, 1, r1("10.0.0.0", 1, fam=7) + r1("10.1.0.0", 2, mbz=1))),
        udp4(520, 520, rip(2, 1, r1("10.0.0.0", 1) + b"\x00\x02\x00")),
        udp4(520, 520, rip(1, 2, r2("0.0.0.0", "0.0.0.0", "0.0.0.0", 16, fam=0)), dst="224.0.0.9"),
        udp4(520, 520, rip(2, 2, r2("10.0.0.0", "255.0.0.0", "0.0.0.0", 1) +
                           r2("192.168.1.0", "255.255.255.0", "192.0.2.9", 3, tag=0x1234) +
                           r2("172.16.0.0", "255.0.255.0", "0.0.0.0", 1) +
                           r2("1.2.3.4", "255.255.255.255", "0.0.0.0", 15, fam=0)), dst="224.0.0.9"),
        udp4(520, 520, rip(2, 2, struct.pack("!HH", 0xffff, 2) + b"password\0\0\0\0\0\0\0\0" +
                           r2("10.0.0.0", "255.0.0.0", "0.0.0.0", 1))),
        udp4(520, 520, rip(2, 2, struct.pack("!HH", 0xffff, 2) + b"0123456789abcdef")),
        udp4(520, 520, rip(2, 2, crypt + r2("10.0.0.0", "255.0.0.0", "0.0.0.0", 1) + trailer)),
        udp4(520, 520, rip(2, 2, struct.pack("!HH", 0xffff, 9) + b"unknown auth")),
        udp4(520, 520, rip(2, 2, r2("10.0.0.0", "255.0.0.0", "0.0.0.0", 1, fam=24))),
        udp4(520, 520, rip(2, 2, r2("10.0.0.0", "255.0.0.0", "0.0.0.0", 1)[:12])),
        udp4(520, 520, rip(2, 2, crypt[:10])),
        udp4(520, 520, rip(2, 2, b"\xff\xff")),
        udp4(520, 520, rip(2, 3, r2("10.0.0.0", "255.0.0.0", "0.0.0.0", 1))),
        udp4(520, 520, rip(3, 2, b"trace on file")),
        udp4(520, 520, rip(4, 2, b"trace off")),
        udp4(520, 520, rip(5, 1)),
        udp4(520, 520, rip(6, 1)),
        udp4(520, 520, rip(9, 2, b"xxxx")),
        udp4(520, 520, rip(2, 0, b"version zero")),
        udp4(520, 520, b"\x02\x02"),
        udp4(1234, 520, rip(2, 2)),
    ]
    emit("rip", p, 14 + 20 + 8)


def n6(dst, plen, metric, tag=0):
    import socket
    return socket.inet_pton(socket.AF_INET6, dst) + struct.pack("!HBB", tag, plen, metric)


def ripng_pcaps():
    p = [
        udp6(521, 521, struct.pack("!BBH", 1, 1, 0) + n6("::", 0, 16)),
        udp6(521, 521, struct.pack("!BBH", 1, 1, 0) + n6("2001:db8::", 32, 1) + n6("::", 0, 16)),
        udp6(521, 521, struct.pack("!BBH", 2, 1, 0) + n6("2001:db8::", 32, 1) +
             n6("2001:db8:1::", 48, 0, tag=7) + n6("::", 0, 16, tag=0xffff)),
        udp6(521, 521, struct.pack("!BBH", 2, 1, 0) + n6("2001:db8::", 64, 2) + b"\x00\x01"),
        udp6(521, 521, struct.pack("!BBH", 1, 1, 0) + n6("::", 0, 15)),
        udp6(521, 521, struct.pack("!BBH", 2, 1, 0)),
        udp6(521, 521, struct.pack("!BBH", 3, 1, 0) + n6("::", 0, 16)),
        udp6(521, 521, struct.pack("!BBH", 2, 2, 0) + n6("::", 0, 16)),
        udp6(521, 521, b"\x02\x01"),
        udp6(521, 521, b"\x02"),
    ]
    emit("ripng", p, 14 + 40 + 8)


# ---- PTP v2 (UDP 319 event, 320 general; Ethernet 0x88f7) ----

def ptp(typ, body, ver=2, flags=0x0200, domain=0, corr=0, seq=1, control=None, logi=0x7f,
        clock=0x001122fffe334455, port=1, v1compat=0, rsvd1=0, length=None):
    if control is None:
        control = {0: 0, 1: 1, 8: 2, 9: 3, 0xd: 4}.get(typ, 5)
    hdr = struct.pack("!BBHBBHQIQHHBB", (v1compat << 4) | typ, ver,
                      length if length is not None else 34 + len(body), domain, rsvd1, flags,
                      corr, 0, clock, port, seq, control, logi)
    return hdr + body


def ts(sec, ns):
    return struct.pack("!HII", sec >> 32, sec & 0xffffffff, ns)


def ptp_pcaps():
    pid = struct.pack("!QH", 0x001122fffe334466, 2)
    ann = ts(1700000000, 5) + struct.pack("!hBBBBHBQHB", 37, 0, 128, 6, 0x21, 0x4e5d, 128,
                                          0x001122fffe334455, 0, 0xa0)
    mgmt = pid + struct.pack("!BBBB", 1, 1, 0, 0) + b"\x00\x01\x00\x02\x20\x00"
    msgs = [
        (319, ptp(0, ts(1700000000, 123456789))),
        (319, ptp(1, ts(0, 0), flags=0)),
        (319, ptp(2, ts(0, 0) + pid)),
        (319, ptp(3, ts(1700000000, 999999999) + pid, flags=0x0600)),
        (320, ptp(8, ts(1700000000, 1), corr=0x123456789abc0000 >> 0)),
        (320, ptp(9, ts(1700000000, 2) + pid, logi=0xfe)),
        (320, ptp(0xa, ts(1700000000, 3) + pid)),
        (320, ptp(0xb, ann, flags=0xffff, domain=24)),
        (320, ptp(0xc, pid + b"\x00\x03\x00\x04")),
        (320, ptp(0xd, mgmt, v1compat=1)),
        (320, ptp(0x5, b"reserved type")),
        (320, ptp(0xf, b"")),
        (319, ptp(0, ts(1, 1), ver=1)),
        (319, ptp(0, ts(1, 1), ver=0x12)),
        (319, ptp(0, ts(1, 1), ver=3, rsvd1=7)),
        (319, ptp(0, b"")),
        (319, ptp(0, ts(1, 1))[:33]),
        (319, b"\x00\x02"),
        (320, ptp(0xb, ann[:20])),
        (320, ptp(0x3, ts(5, 5))),
        (320, ptp(0x8, ts(5, 5), flags=0x18c0, control=9)),
    ]
    p = [udp4(sp, sp, m, dst="224.0.1.129", ttl=1) for sp, m in msgs]
    p.append(udp6(319, 319, msgs[0][1], dst="ff0e::181"))
    p.append(udp4(40000, 320, msgs[7][1]))
    eth = [Ether(src=MAC1, dst="01:1b:19:00:00:00", type=0x88f7) / Raw(m) for _, m in msgs[:12]]
    eth.append(Ether(src=MAC1, dst="01:80:c2:00:00:0e", type=0x88f7) / Raw(b"\x00\x02" + bytes(10)))
    emit("ptp", p, 14 + 20 + 8)
    emit("ptp-eth", eth, 14)


# ---- STP, RSTP, MSTP, SPB (LLC SAP 0x42; Cisco PVST+ in SNAP) ----

def bid(prio, mac):
    return struct.pack("!H", prio) + bytes(int(x, 16) for x in mac.split(":"))


def bpdu(ver=0, typ=0, flags=0, root=None, cost=4, bridge=None, port=0x8001, age=256,
         maxage=20 * 256, hello=2 * 256, fwd=15 * 256, v1len=None):
    root = root or bid(0x8000, "00:11:22:33:44:55")
    bridge = bridge or bid(0x8001, "00:66:77:88:99:aa")
    b = struct.pack("!HBBB8sI8sHHHHH", 0, ver, typ, flags, root, cost, bridge, port, age, maxage,
                    hello, fwd)
    if v1len is not None:
        b += bytes([v1len])
    return b


def mstp(nmsti=2, ver=3, name=b"region1", v3len=None, spb=None):
    b = bpdu(ver=ver, typ=2, flags=0x7c, v1len=0)
    msti = b"".join(struct.pack("!BHIIIBBB", 0x6e, 0x8000 | (i + 1), 0x00112233, 0x44550000,
                                20000 * (i + 1), 0x80, 0x90, 19)[:16] for i in range(nmsti))
    body = struct.pack("!B32sH16sI8sB", 0, name.ljust(32, b"\0"), 7, bytes(range(16)), 200000,
                       bid(0x8000, "00:aa:bb:cc:dd:ee"), 20) + msti
    if v3len is None:
        v3len = 64 + len(msti)
    b += struct.pack("!H", v3len) + body
    if spb is not None:
        b += spb
    return b


def stp_frame(b, dst="01:80:c2:00:00:00"):
    return Dot3(src=MAC1, dst=dst) / LLC(dsap=0x42, ssap=0x42, ctrl=3) / Raw(b)


def stp_pcaps():
    spb = struct.pack("!HB32sH16sBBBBHII20s", 83, 0, b"aux".ljust(32, b"\0"), 3, bytes(16),
                      0xfc, 0, 0x21, 0x12, 5, 0, 0, bytes(range(20)))
    bpdus = [
        bpdu(),
        bpdu(flags=0x81, cost=0, port=0x8002),
        bpdu(typ=0x80),
        bpdu(ver=2, typ=2, flags=0x3c, v1len=0),
        bpdu(ver=2, typ=2, flags=0x7e, v1len=0),
        bpdu(ver=2, typ=2, flags=0x06),
        bpdu(ver=2, typ=0),
        bpdu(ver=0, typ=0x55),
        bpdu(ver=7),
        mstp(),
        mstp(nmsti=0),
        mstp(name=b"\x01name\x80withbytes-longer-than-32-bytes!!"),
        mstp(v3len=200),
        mstp(v3len=10),
        mstp(nmsti=1)[:50],
        mstp(ver=4, spb=spb),
        mstp(ver=4, spb=struct.pack("!H", 10) + bytes(10)),
        struct.pack("!H", 1) + bpdu()[2:],
        bpdu()[:3],
        bpdu()[:20],
    ]
    p = [stp_frame(b) for b in bpdus]
    m = bytearray(mstp())
    m[35] = 1
    p.append(stp_frame(bytes(m)))
    p.append(Dot3(src=MAC1, dst="01:00:0c:cc:cc:cd") / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) /
             Raw(b"\x00\x00\x0c\x01\x0b" + bpdu(ver=2, typ=2, flags=0x3c, v1len=0) +
                 b"\x00\x00\x00\x02\x00\x0a"))
    emit("stp", p, 14 + 3)


# ---- LACP and marker (slow protocols, Ethernet type 0x8809) ----

def slow_frame(b):
    return Ether(src=MAC1, dst="01:80:c2:00:00:02", type=0x8809) / Raw(b)


def lacp(actor_state=0x3d, partner_state=0x3f, tlv_len=20, term=True):
    info = lambda t, st: struct.pack("!BBH6sHHHB3s", t, tlv_len, 32768,
                                     bytes.fromhex("001122334455"), 13, 255, 7, st, b"")
    b = b"\x01\x01" + info(1, actor_state) + info(2, partner_state) + \
        struct.pack("!BBH12s", 3, 16, 50, b"")
    if term:
        b += b"\x00\x00" + bytes(50)
    return b


def lacp_pcaps():
    marker = b"\x02\x01" + struct.pack("!BBH6sI2s", 1, 16, 7, bytes.fromhex("001122334455"),
                                        0xdeadbeef, b"") + b"\x00\x00" + bytes(90)
    msgs = [
        lacp(),
        lacp(actor_state=0, partner_state=0xff),
        lacp(term=False),
        lacp()[:2] + struct.pack("!BB", 1, 18) + bytes(16) + b"\x00\x00",
        b"\x01\x01" + struct.pack("!BB", 1, 1) + bytes(10),
        b"\x01\x01" + struct.pack("!BB", 9, 6) + b"abcd" + b"\x00\x00",
        b"\x01\x01" + struct.pack("!BB", 3, 10) + bytes(8) + b"\x00\x00",
        b"\x01\x01" + struct.pack("!BB", 1, 200) + bytes(10),
        b"\x01\x02" + bytes(40),
        marker,
        b"\x02\x01" + struct.pack("!BB", 2, 16) + bytes(14) + b"\x00\x00" + bytes(40),
        b"\x02\x01" + struct.pack("!BB", 1, 12) + bytes(10) + b"\x00\x00" + bytes(40),
        b"\x02\x05" + bytes(40),
        b"\x0a\x01" + b"unknown slow subtype",
        b"\x01\x01\x01",
    ]
    p = [slow_frame(m) for m in msgs]
    p.append(Ether(src=MAC1, dst="01:80:c2:00:00:02", type=0x8809) / Raw(b"\x01"))
    # 802.3ah OAM: information, event notification, loopback control, variable request
    info = lambda t, n=16: struct.pack("!BBBHBBH3sI", t, n, 1, 2, 0x05, 0x1f, 0x05ee,
                                       b"\x00\x12\x0f", 0x12345678)
    event = lambda t, n=40: struct.pack("!BBHQQQQI", t, n, 10, 1000, 1, 2, 30, 4)
    oam = [
        b"\x03" + struct.pack("!HB", 0x0050, 0) + info(1) + info(2) + b"\x00\x00",
        b"\x03" + struct.pack("!HB", 0x007f, 0) + info(1, 12) + b"\x00" * 8,
        b"\x03" + struct.pack("!HB", 0x0000, 0) + b"\xfe\x06\x00\x12\x0f\x01" + b"\x09\x04ab",
        b"\x03" + struct.pack("!HB", 0x0000, 0) + b"\x01\x01",
        b"\x03" + struct.pack("!HB", 0x0000, 0) + b"\x01\x20" + bytes(10),
        b"\x03" + struct.pack("!HBH", 0x0008, 1, 77) + event(1) + event(4) + event(0xfe, 6)[:6] +
        event(2, 30)[:30] + b"\x00\x00",
        b"\x03" + struct.pack("!HB", 0, 1) + b"\x01",
        b"\x03" + struct.pack("!HBB", 0, 4, 1),
        b"\x03" + struct.pack("!HBB", 0, 4, 9),
        b"\x03" + struct.pack("!HB", 0, 4),
        b"\x03" + struct.pack("!HB", 0, 2) + b"\x07\x00\x01",
        b"\x03" + struct.pack("!HB", 0, 0xfe) + b"\x00\x12\x0fvendor",
        b"\x03\x00",
    ]
    p += [slow_frame(m) for m in oam]
    emit("lacp", p, 14)


# ---- ESP in UDP (port 4500, RFC 3948); IKE behind a zero marker is not decoded, so absent ----

def esp_pcaps():
    esp = struct.pack("!II", 0xc0ffee01, 7) + bytes(range(40))
    p = [
        udp4(4500, 4500, esp),
        udp4(40000, 4500, struct.pack("!II", 0x00000100, 0xffffffff) + b"x"),
        udp4(4500, 40000, struct.pack("!II", 1, 1)),
        udp4(4500, 4500, struct.pack("!II", 0xdeadbeef, 2) + b"\x00"),
        udp4(4500, 4500, b"\xff"),
        udp4(4500, 4500, b"\xfe"),
        udp4(4500, 4500, b"\xff\xff"),
        udp4(4500, 4500, b"abc"),
        udp4(4500, 4500, b""),
        udp6(4500, 4500, esp, dst="2001:db8::2"),
    ]
    emit("esp-udp", p, 14 + 20 + 8)


def ah(nh, icv=12, rsvd=0, spi=0x1000, seq=5):
    return struct.pack("!BBHII", nh, (12 + icv) // 4 - 2, rsvd, spi, seq) + bytes(range(icv))


def ah_pcaps():
    esp = struct.pack("!II", 0xc0ffee01, 7) + bytes(range(24))
    tcp = bytes(TCP(sport=80, dport=40000, seq=1, ack=1, flags="A", window=100, chksum=0))
    udp = struct.pack("!HHHH", 53, 40000, 8, 0)
    ip = lambda payload, proto=51: Ether(src=MAC1, dst=MAC2) / \
        IP(src="192.0.2.1", dst="192.0.2.2", proto=proto, id=1) / Raw(payload)
    p = [
        ip(ah(6) + tcp),
        ip(ah(17) + udp),
        ip(ah(50) + esp),
        ip(ah(1, icv=16) + b"\x08\x00\xf7\xff\x00\x00\x00\x00"),
        ip(ah(51, rsvd=0x1234) + ah(59)),
        ip(ah(59, icv=0)),
        ip(ah(6, icv=200)[:40]),
        ip(b"\x06"),
        ip(esp, proto=50),
        Ether(src=MAC1, dst=MAC2) / IPv6(src="2001:db8::1", dst="2001:db8::2", nh=51) /
        Raw(ah(17, rsvd=1) + udp),
    ]
    # Mutations that turn the next header into a protocol only tcpdump decodes
    # (SCTP, PIM, ...) are left out: those print differently, see docs/decoding.md.
    write("ah-basic.pcap", p)
    write("ah-sweep.pcap", sweep(p, 14 + 20))
    write("ah-mut.pcap", [r for r in mutate(p, 14 + 20)
                          if bytes(r[0] if isinstance(r, tuple) else r)[34:35] in
                          (b"\x06", b"\x11", b"\x32", b"\x01", b"\x33", b"\x3b")])


# ---- RTP, RTCP and vat, printed only with -T (ports 5004 and 5005) ----

def rtp_pcaps():
    def rr(src):
        return struct.pack("!IIIIII", src, 0x01000005, 1234, 17, 0x12345678, 0x00018000)
    sr = struct.pack("!HHI", 0x80c8 | (1 << 8), 12, 0xabcd) + \
        struct.pack("!IIIII", 3900000000, 0x80000000, 160, 10, 1600) + rr(7)
    msgs = [
        struct.pack("!II I", 0x80000001 | (0 << 16), 160, 0xdeadbeef) + bytes(160),
        struct.pack("!III", 0x80e10002, 320, 0x1234) + bytes(20),
        struct.pack("!IIIII", 0x909f0003, 480, 0x1234, 0x12340001, 0) + b"\x01\x02\x03\x04",
        struct.pack("!IIIII", 0x909f0003, 480, 0x1234, 0x1234ffff, 0),
        struct.pack("!III", 0x801f0004, 1, 2) + b"\xab\xcd\x00\x00",
        struct.pack("!IIII", 0x40800005, 7, 8, 0x80010000) + bytes(4),
        struct.pack("!IIII", 0x40800005, 7, 8, 0x00010000) + struct.pack("!I", 0x80010000),
        struct.pack("!IIII", 0x40800005, 7, 8, 0x00000000),
        struct.pack("!IIII", 0x40df0005, 7, 8, 0x80010000),
        struct.pack("!II", 0x80000001, 1) + b"\x00\x00",
        b"\x80\x00\x00",
        struct.pack("!II", 0x00ab1234, 99) + b"vat!",
        struct.pack("!H", 0xf0ff) + b"vt..",
        b"\x00",
        sr,
        struct.pack("!HHI", 0x81c9, 7, 0x1111) + rr(8),
        struct.pack("!HHI", 0x82c9, 7, 0x1111) + rr(8) + rr(9),
        struct.pack("!HHI", 0x80ca, 3, 0x2222) + b"\x01\x03abc\x00\x00\x00",
        struct.pack("!HHI", 0x81cb, 1, 0x3333) + struct.pack("!HHI", 0x80cc, 2, 4) + b"name",
        struct.pack("!HHI", 0x80c9, 1, 5) + struct.pack("!HHI", 0x80c8, 6, 6) + bytes(8),
        struct.pack("!HHI", 0x85c9, 1, 5) + rr(1),
        sr[:20],
        b"\x80\xc9\x00",
    ]
    p = [udp4(5004 + (i & 1), 5004 + (i & 1), m) for i, m in enumerate(msgs)]
    write("rtp-basic.pcap", p)
    write("rtp-sweep.pcap", sweep([p[0], p[2], p[14], p[16], p[18]], 14 + 20 + 8))


# ---- NetFlow v1, v5, v6, printed only with -T cnfp (port 2055) ----

def cnfp_pcaps():
    def v1rec(proto, flags):
        return struct.pack("!4s4s4sHHIIIIHH2sBBB3sI", a("10.0.0.1"), a("10.0.0.2"), a("10.0.0.254"),
                           1, 2, 10, 1500, 123456, 123999, 40000, 443, b"", proto, 0x10, flags,
                           b"", 0)
    def v5rec(proto, flags, fl=0, peer=True):
        r = struct.pack("!4s4s4sHHIIIIHHBBBBHHBBH", a("10.0.0.1"), a("10.0.0.2"), a("0.0.0.0"),
                        1, 2, 10, 1500, 5, 1005, 53, 40000, 0, flags, proto, 0, 65001, 65002,
                        24, 16, fl)
        return r + (a("192.0.2.9") if peer else b"")
    def hdr(ver, n, extra=b""):
        return struct.pack("!HHIII", ver, n, 3600123, 1700000000, 123456789) + extra
    msgs = [
        hdr(1, 0) + v1rec(6, 0x1b) + v1rec(17, 0),
        hdr(1, 0) + v1rec(6, 0),
        hdr(5, 0, struct.pack("!IBBH", 42, 0, 1, 0)) + v5rec(6, 0x3f) + v5rec(17, 0),
        hdr(5, 0, struct.pack("!IBBH", 43, 0, 1, 0)) + v5rec(1, 0, peer=False),
        hdr(6, 0, struct.pack("!II", 44, 0)) + v5rec(6, 0x02, fl=0x0304),
        hdr(6, 0, struct.pack("!II", 44, 0))[:20],
        hdr(9, 0),
        b"\x00",
        hdr(5, 0, struct.pack("!IBBH", 42, 0, 1, 0)),
    ]
    p = [udp4(2055, 2055, m) for m in msgs]
    write("cnfp-basic.pcap", p)
    write("cnfp-sweep.pcap", sweep([p[0], p[2], p[4]], 14 + 20 + 8))


# ---- OTV (UDP 8472, also Linux's VXLAN default port) ----

def otv_pcaps():
    inner = bytes(Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") /
                  IP(src="172.16.0.1", dst="172.16.0.9", id=1) /
                  TCP(sport=40000, dport=443, flags="S", seq=1, window=100))
    arp = bytes.fromhex("ffffffffffff020000000101080600010800060400010200000001"
                        "01ac100001000000000000ac100009")
    hdr = lambda flags=0x08, ov=1, inst=4096, rsvd=0: struct.pack("!B3s3sB", flags,
                                                                ov.to_bytes(3, "big"),
                                                                inst.to_bytes(3, "big"), rsvd)
    msgs = [hdr() + inner, hdr(flags=0) + arp, hdr(flags=0xff, ov=0xffffff, inst=0, rsvd=9) + inner,
            hdr() + inner[:10], hdr(), hdr()[:7], b"", hdr() + b"\x01\x02\x03"]
    p = [udp4(40000 + i, 8472, m) for i, m in enumerate(msgs)]
    p.append(udp4(8472, 4789, hdr() + inner))
    p.append(udp4(514, 8472, hdr() + inner))
    emit("otv", p, 14 + 20 + 8)


# ---- SOME/IP (UDP 30490) ----

def someip_pcaps():
    def m(svc, meth, ln, cl, sess, mt, rc, pv=1, iv=1):
        return struct.pack("!HHIHHBBBB", svc, meth, ln, cl, sess, pv, iv, mt, rc)
    msgs = [m(0x1234, 0x0001, 8, 1, 1, 0x00, 0), m(0x1234, 0x8005, 8, 0, 0, 0x02, 0) + b"data",
            m(0xffff, 0x8100, 20, 7, 9, 0x80, 0x0f), m(1, 2, 8, 3, 4, 0x81, 0x01),
            m(1, 2, 8, 3, 4, 0x21, 0x10), m(1, 2, 8, 3, 4, 0x55, 0x0b, pv=2, iv=9),
            m(1, 2, 8, 3, 4, 0xa1, 0x05)[:15], b""]
    p = [udp4(30490, 30490, x) for x in msgs]
    p.append(udp4(50000, 30490, msgs[0]))
    emit("someip", p, 14 + 20 + 8)


if __name__ == "__main__":
    ssh_pcaps()
    resp_pcaps()
    hsrp_pcaps()
    bfd_pcaps()
    rip_pcaps()
    ripng_pcaps()
    ptp_pcaps()
    stp_pcaps()
    lacp_pcaps()
    esp_pcaps()
    ah_pcaps()
    rtp_pcaps()
    cnfp_pcaps()
    otv_pcaps()
    someip_pcaps()
