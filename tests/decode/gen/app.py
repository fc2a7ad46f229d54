#!/usr/bin/python3
# app.py: writes the conformance pcaps of the UDP application printers (DHCP, NTP, ...; no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# Messages are built byte by byte with struct, so every field (lengths,
# option codes, bad values) is exactly what the test is about; the link,
# IP and UDP headers come from scapy. Times are fixed (1700000000.123456
# + i), and a record can claim a wire length longer than what was captured
# (a snaplen cut). Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/app.py
import os
import random
import struct

from scapy.all import IP, IPv6, UDP, Ether, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1 = "00:11:22:33:44:55"
MAC2 = "66:77:88:99:aa:bb"
A4, B4 = "10.0.0.1", "10.0.0.2"
A6, B6 = "2001:db8::1", "2001:db8::2"


def write(name, recs, linktype=1):
    """recs: packets or bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (r, None)
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456, len(data), wire or len(data)))
            f.write(data)


def cut(pkt, n):
    b = bytes(pkt)
    return (b[:n], len(b))


def udp4(sport, dport, payload, src=A4, dst=B4, **kw):
    return Ether(src=MAC1, dst=MAC2) / IP(src=src, dst=dst) / UDP(sport=sport, dport=dport, **kw) / \
        Raw(bytes(payload))


def udp6(sport, dport, payload, src=A6, dst=B6):
    return Ether(src=MAC1, dst=MAC2) / IPv6(src=src, dst=dst) / UDP(sport=sport, dport=dport) / \
        Raw(bytes(payload))


def sweep(pkt, start, step=1):
    """The packet cut at every step-th length from start: every truncation exit of a printer."""
    b = bytes(pkt)
    return [cut(b, n) for n in range(start, len(b), step)]


# ---- BOOTP/DHCP --------------------------------------------------------------

COOKIE = bytes([99, 130, 83, 99])
CHADDR = bytes.fromhex("001122334455")


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def opt(code, data):
    data = bytes(data)
    return bytes([code, len(data)]) + data


def bootp(op=1, htype=1, hlen=6, hops=0, xid=0x3903f326, secs=0, flags=0, ciaddr="0.0.0.0",
          yiaddr="0.0.0.0", siaddr="0.0.0.0", giaddr="0.0.0.0", chaddr=CHADDR, sname=b"",
          file=b"", vend=b"", pad=True):
    """A BOOTP message; vend is padded to the 64 bytes RFC 951 gives it unless pad is False."""
    hdr = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", op, htype, hlen, hops, xid, secs, flags,
                      ip4(ciaddr), ip4(yiaddr), ip4(siaddr), ip4(giaddr), chaddr, sname, file)
    if pad and len(vend) < 64:
        vend += b"\0" * (64 - len(vend))
    return hdr + vend


def dhcp(msgtype, opts=b"", end=True, **kw):
    v = COOKIE + (opt(53, [msgtype]) if msgtype is not None else b"") + opts
    if end:
        v += b"\xff"
    return bootp(vend=v, **kw)


def dhcp_pcaps():
    discover = dhcp(1, opt(61, b"\x01" + CHADDR) + opt(12, b"client1") + opt(57, b"\x05\xdc") +
                    opt(55, [1, 3, 6, 15, 26, 28, 51, 58, 59, 43, 119, 121, 249, 252, 200]) +
                    opt(60, b"MSFT 5.0"), secs=3, flags=0x8000)
    offer = dhcp(2, opt(54, ip4("10.0.0.1")) + opt(51, struct.pack("!I", 86400)) +
                 opt(58, struct.pack("!I", 43200)) + opt(59, struct.pack("!I", 75600)) +
                 opt(1, ip4("255.255.255.0")) + opt(28, ip4("10.0.0.255")) +
                 opt(3, ip4("10.0.0.1")) + opt(6, ip4("10.0.0.53") + ip4("10.0.0.54")) +
                 opt(15, b"example.org") + opt(42, ip4("10.0.0.123")) +
                 opt(2, struct.pack("!i", -3600)) + opt(26, b"\x05\xdc") + opt(23, [64]),
                 op=2, yiaddr="10.0.0.50", siaddr="10.0.0.1", sname=b"boot.example.org",
                 file=b"pxelinux.0")
    request = dhcp(3, opt(50, ip4("10.0.0.50")) + opt(54, ip4("10.0.0.1")) +
                   opt(81, b"\x01\x00\x00client1.example.org") + opt(61, b"\x00my-client") +
                   opt(77, b"\x03abc\x02de") + opt(55, [1, 3]), hops=1, giaddr="10.9.9.9")
    ack = dhcp(5, opt(54, ip4("10.0.0.1")) + opt(51, b"\xff\xff\xff\xff") +
               opt(121, b"\x18\xc0\xa8\x01\x0a\x00\x00\x01\x00\x0a\x00\x00\x01"
                        b"\x20\x01\x02\x03\x04\x0a\x00\x00\x02") +
               opt(249, b"\x08\x0a\x0a\x00\x00\x01") +
               opt(82, opt(1, b"eth0/1/2") + opt(2, b"remote") + opt(6, b"sub") +
                   opt(9, b"\x00\x00\x0d\xe9\x04abcd")) +
               opt(46, [8]) + opt(52, [3]) + opt(19, [0]) + opt(20, [1]) + opt(27, [7]) +
               opt(21, ip4("10.0.0.0") + ip4("255.0.0.0") + ip4("192.168.0.0") +
                   ip4("255.255.0.0")) +
               opt(33, ip4("10.1.0.0") + ip4("10.0.0.1")) + opt(25, b"\x01\x00\x02\x00") +
               opt(116, [1]) + opt(118, ip4("10.3.0.0")) + opt(150, ip4("10.0.0.69")) +
               opt(93, b"\x00\x07") + opt(97, b"\x00" + bytes(range(16))) +
               opt(100, b"EST5EDT") + opt(114, b"http://x/") + opt(161, b"https://mud/") +
               opt(91, struct.pack("!i", -5)) + opt(92, ip4("10.0.0.7")) +
               opt(43, b"\x01\x04\x00\x00\x00\x01") + opt(66, b"tftp.example") +
               opt(67, b"boot\x01\x80file") + opt(56, b"hello") + opt(12, b"h\x7fst"),
               op=2, ciaddr="10.0.0.50", yiaddr="10.0.0.50", flags=0x8001)
    unknown = dhcp(8, opt(200, b"\x01") + opt(201, b"\x01\x02") + opt(202, b"\x01\x02\x03\x04") +
                   opt(203, b"\x01\x02\x03") + opt(204, b"") + opt(205, b"\x00\x01\x00\x02\x00\x03") +
                   opt(206, bytes(8)))
    pads = dhcp(7, b"\0\0\0" + opt(54, ip4("10.0.0.1")) + b"\0", end=True) + b"\0" * 3
    recs = [udp4(68, 67, discover, src="0.0.0.0", dst="255.255.255.255"),
            udp4(67, 68, offer, src="10.0.0.1", dst="10.0.0.50"),
            udp4(68, 67, request, src="0.0.0.0", dst="255.255.255.255"),
            udp4(67, 68, ack, src="10.0.0.1", dst="10.0.0.50"),
            udp4(68, 67, unknown),
            udp4(68, 67, pads),
            udp4(67, 68, dhcp(6, opt(56, b"wrong address"), op=2)),
            udp4(68, 67, dhcp(4)), udp4(68, 67, dhcp(10)), udp4(68, 67, dhcp(11)),
            udp4(68, 67, dhcp(12)), udp4(68, 67, dhcp(13)), udp4(68, 67, dhcp(99)),
            udp4(68, 67, dhcp(None, opt(53, b"\x01\x02"))),
            # Plain BOOTP: no vendor area, a vendor number, the CMU area.
            udp4(68, 67, bootp()), udp4(68, 67, bootp(vend=b"\x12\x34\x56\x78")),
            udp4(67, 68, bootp(op=2, vend=b"CMU\0" + struct.pack("!I", 0) + ip4("255.255.0.0") +
                               ip4("10.0.0.1") + ip4("10.0.0.53") + bytes(4) + ip4("10.0.0.5") +
                               bytes(4) + ip4("10.0.0.6") + ip4("10.0.0.7"))),
            udp4(67, 68, bootp(op=2, vend=b"CMU\0" + struct.pack("!I", 0x83000000) +
                               ip4("255.255.0.0") + ip4("10.0.0.1"))),
            # Odd header fields.
            udp4(68, 67, dhcp(1, htype=6, hlen=6, hops=3, secs=65535, flags=0x7fff, xid=0)),
            udp4(68, 67, dhcp(1, htype=1, hlen=16, chaddr=bytes(range(16)))),
            udp4(68, 67, dhcp(1, op=2)), udp4(68, 67, dhcp(1, op=0)), udp4(68, 67, dhcp(1, op=3)),
            udp4(68, 67, dhcp(1, sname=b"a" * 64)), udp4(68, 67, dhcp(1, file=b"\x01\xff" * 64)),
            udp4(68, 67, dhcp(1, sname=b"srv\x00junk", file=b"f\x1bile")),
            udp6(68, 67, dhcp(1)), udp4(40000, 67, dhcp(3)), udp4(68, 40000, dhcp(3))]
    write("dhcp-basic.pcap", recs)

    # Malformed options: each makes tcpdump take one of its error paths.
    bad = [opt(121, b"\x18\x0a"), opt(121, b"\x21\x0a\x00\x00\x00\x01"),
           opt(121, b"\x18\x0a\x00\x00\x00\x01\x00"), opt(121, b"\x00\x0a\x00\x00\x01\x05"),
           opt(77, b"\x01"), opt(77, b"\x00\x00"), opt(77, b"\x05ab"), opt(81, b"\x00\x00"),
           opt(81, b"\xf5\x01\x02name"), opt(61, b""), opt(61, b"\x63\x01\x02\x03"),
           opt(46, b""), opt(46, b"\x03\x01"), opt(52, b"\x09"), opt(52, b""),
           opt(82, opt(1, b"abc")[:-1]), opt(82, opt(2, b"ab") + b"\x05"),
           opt(82, b"\x07"), opt(82, opt(1, b"\x00\x80\xff")), opt(1, b"\x0a\x00\x00\x01\x02"),
           opt(21, bytes(12)), opt(25, b"\x01\x02\x03"), opt(2, b"\x01\x02\x03\x04\x05\x06"),
           opt(19, b"\x02\x00\x01"), opt(53, b""), opt(55, b""), opt(12, b""),
           opt(90, bytes(range(11))), opt(94, b"\x01\x02\x03"), opt(150, b"\x0a")]
    recs = [udp4(68, 67, dhcp(3, o)) for o in bad]
    # An option whose length runs past the end of the message, with and without END.
    recs.append(udp4(68, 67, bootp(vend=COOKIE + opt(53, [1]) + b"\x0c\x40abc", pad=False)))
    recs.append(udp4(68, 67, bootp(vend=COOKIE + opt(53, [1]) + b"\x0c", pad=False)))
    recs.append(udp4(68, 67, bootp(vend=COOKIE[:3], pad=False)))
    recs.append(udp4(68, 67, bootp(vend=b"", pad=False)))
    recs.append(udp4(68, 67, bootp()[:100]))
    recs.append(udp4(68, 67, b"\x01"))
    # More UDP than IP carries: the printer stops where IP ends.
    recs.append(udp4(68, 67, dhcp(1, opt(12, b"abcdefgh")), len=8 + 236 + 4 + 3))
    write("dhcp-bad.pcap", recs)

    # Every cut of a rich message, to reach each truncation exit.
    rich = udp4(68, 67, dhcp(3, opt(61, b"\x01" + CHADDR) + b"\0" + opt(12, b"ab") +
                                opt(81, b"\x05\x00\x00fq") + opt(121, b"\x08\x0a\x0a\x00\x00\x01") +
                                opt(82, opt(1, b"c") + opt(9, b"xy")) + opt(77, b"\x01u") +
                                opt(55, [1, 3, 6]) + opt(46, [2]) + opt(52, [1]) +
                                opt(21, bytes(8)) + opt(19, [1]) + opt(2, bytes(4)),
                             sname=b"s", file=b"f"), src="0.0.0.0", dst="255.255.255.255")
    recs = sweep(rich, 42, 7) + sweep(rich, 42 + 236, 1)
    recs += sweep(udp4(67, 68, bootp(op=2, vend=b"CMU\0" + bytes(4) + ip4("255.0.0.0") +
                                     ip4("10.0.0.1"))), 42 + 236, 1)
    write("dhcp-trunc.pcap", recs)


# ---- NTP ---------------------------------------------------------------------

def ntp(li=0, vn=4, mode=3, stratum=2, poll=6, prec=-20, delay=0x00008000, disp=0x00012345,
        refid=b"\x0a\x00\x00\x01", ref=(0, 0), org=(0, 0), rec=(0, 0), xmt=(0, 0), tail=b""):
    """An NTP time message; timestamps are (seconds since 1900, fraction)."""
    return struct.pack("!BBbbII4s", li << 6 | vn << 3 | mode, stratum, poll, prec, delay, disp,
                       refid) + struct.pack("!8I", *ref, *org, *rec, *xmt) + tail


def ntpctl(r=0, e=0, m=0, op=2, seq=1, status=0, assoc=0, offset=0, count=0, data=b"", vn=2):
    return struct.pack("!BBHHHHH", vn << 3 | 6, r << 7 | e << 6 | m << 5 | op, seq, status, assoc,
                       offset, count) + data


def ntp_pcaps():
    now = (3908000000, 0x80000000)
    t1, t2, t3 = (3908000000, 0x10000000), (3908000001, 0x08000000), (3907999999, 0xffffffff)
    msgs = [ntp(mode=3, stratum=0, poll=0, prec=0, delay=0, disp=0, refid=bytes(4), xmt=now),
            ntp(mode=4, ref=t1, org=t1, rec=t2, xmt=t3),
            ntp(mode=4, stratum=1, refid=b"GPS\0", ref=now, org=t2, rec=t1, xmt=t2),
            ntp(mode=4, stratum=1, refid=b"P\x01\x80S", org=t1, rec=t1, xmt=(3908000000, 0)),
            ntp(mode=4, stratum=16, li=3), ntp(mode=1, stratum=15, li=1, vn=3, poll=-6),
            ntp(mode=2, li=2, poll=17, prec=-128), ntp(mode=5, poll=40, prec=127, vn=2),
            ntp(mode=0, poll=-32, vn=1), ntp(mode=3, poll=31), ntp(mode=3, poll=-31),
            ntp(stratum=62), ntp(stratum=63), ntp(stratum=64),
            ntp(delay=0xffffffff, disp=0x7fff0001, ref=(1, 1), org=(0xffffffff, 0xffffffff),
                rec=(0, 0), xmt=(0, 1)),
            ntp(org=(5, 10), rec=(5, 3), xmt=(5, 10)),
            ntp(org=(5, 10), rec=(4, 20), xmt=(6, 5)),
            ntp(tail=struct.pack("!I", 7)),
            ntp(tail=struct.pack("!I", 1) + bytes(range(16))),
            ntp(tail=struct.pack("!I", 2) + bytes(range(100, 120))),
            ntp(tail=bytes(12)), ntp(tail=bytes(1)), ntp()[:47], ntp()[:1],
            ntp(mode=7), ntp(mode=7, vn=7)[:1], ntp(vn=0, mode=3),
            ntpctl(), ntpctl(r=1, m=1, op=1, seq=65535, status=0x0615, assoc=12345, offset=4,
                              count=8, data=b"abcdefgh"),
            ntpctl(r=1, e=1, op=31, status=1), ntpctl(count=20, data=b"abc"), ntpctl()[:11],
            ntpctl(count=4, data=b"abcd", vn=4) + bytes(4)]
    recs = [udp4(123, 123, m) for m in msgs]
    recs += [udp6(123, 123, msgs[1]), udp4(40000, 123, msgs[0]), udp4(123, 40000, msgs[1])]
    write("ntp-basic.pcap", recs)
    recs = sweep(udp4(123, 123, ntp(mode=4, stratum=1, refid=b"GPS\0", ref=t1, org=t1, rec=t2,
                                    xmt=t3, tail=struct.pack("!I", 1) + bytes(16))), 42)
    recs += sweep(udp4(123, 123, ntpctl(count=4, data=b"abcd")), 42)
    recs += sweep(udp4(123, 123, ntp(stratum=62)), 42 + 12)
    recs += [cut(udp4(123, 123, ntp()[:20]), 42 + 8)]
    write("ntp-trunc.pcap", recs)


# ---- syslog ------------------------------------------------------------------

def syslog_pcaps():
    msgs = [b"<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
            b"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
            b"[exampleSDID@32473 iut=\"3\"] An application event log entry...",
            b"<0>kernel panic", b"<7>", b"<191>x", b"<192>too big", b"<999>max", b"<1000>four",
            b"<13>tab\there\x00nul\x01\x7f\x80\xff end\n", b"<>empty", b"<12", b"12>", b"",
            b"<", b"<1", b"<abc>", b"<7>" + b"y" * 300, b"<86>a" * 3]
    recs = [udp4(514, 514, m) for m in msgs]
    recs += [udp6(40000, 514, msgs[0]), udp4(514, 40000, msgs[2])]
    write("syslog-basic.pcap", recs)
    recs = sweep(udp4(514, 514, b"<30>Nov 27 10:00:00 host prog[1]: hi"), 42)
    recs += [cut(udp4(514, 514, b"<1"), 43), cut(udp4(514, 514, b"<12>"), 45)]
    write("syslog-trunc.pcap", recs)


# ---- TFTP --------------------------------------------------------------------

def tftp_pcaps():
    def tf(op, body=b""):
        return struct.pack("!H", op) + body
    msgs = [tf(1, b"pxelinux.0\0octet\0"), tf(2, b"upload.bin\0netascii\0"),
            tf(1, b"f\0octet\0blksize\x001468\0tsize\x000\0timeout\x005\0"),
            tf(1, b"f\0octet\0\0\0x\0"), tf(1, b"f\x01\x80\xff\0mail\0"),
            tf(1, b"f\0octet"), tf(1, b"file"), tf(1, b"f\0"), tf(1), tf(2, b"\0\0"),
            tf(3, b"\x00\x01" + b"A" * 512), tf(3, b"\xff\xff"), tf(3, b"\x00"), tf(3),
            tf(4, b"\x00\x07"), tf(4, b"\x12\x34extra"), tf(4),
            tf(5, b"\x00\x01File not found\0"), tf(5, b"\x00\x00\0"),
            tf(5, b"\x00\x07who?\0"), tf(5, b"\x00\x08odd code\0"), tf(5, b"\x00\x02"),
            tf(5, b"\x00\x03no nul"), tf(5, b"\x00"),
            tf(6, b"blksize\x001468\0tsize\x00123\0"), tf(6), tf(6, b"\0\0"), tf(6, b"abc"),
            tf(0), tf(7, b"abc"), tf(0xffff), b"\x00", b""]
    recs = [udp4(40000, 69, m) for m in msgs]
    recs += [udp6(69, 40000, msgs[0]), udp4(69, 69, msgs[13])]
    write("tftp-basic.pcap", recs)
    recs = sweep(udp4(40000, 69, msgs[2]), 42)
    recs += sweep(udp4(40000, 69, msgs[17]), 42)
    recs += sweep(udp4(40000, 69, msgs[24]), 42)
    write("tftp-trunc.pcap", recs)


# ---- RADIUS ------------------------------------------------------------------

AUTH = bytes(range(0xa0, 0xb0))


def radius(code, attrs=b"", ident=0x2a, length=None):
    if length is None:
        length = 20 + len(attrs)
    return struct.pack("!BBH", code, ident, length) + AUTH + attrs


def attr(t, v):
    v = bytes(v)
    return bytes([t, len(v) + 2]) + v


def eap(code, ident=1, typ=None, data=b"", length=None):
    body = (bytes([typ]) if typ is not None else b"") + data
    return struct.pack("!BBH", code, ident, length if length is not None else 4 + len(body)) + body


def u32(v):
    return struct.pack("!I", v)


def radius_pcaps():
    ntpts = struct.pack("!II", 3908000000, 0x80000000)
    req = radius(1, attr(1, b"alice") + attr(2, bytes(16)) + attr(4, ip4("10.0.0.9")) +
                 attr(5, u32(7)) + attr(6, u32(2)) + attr(7, u32(1)) + attr(30, b"00-11-22") +
                 attr(31, b"aa-bb\x01\x80") + attr(61, u32(15)) + attr(80, bytes(16)) +
                 attr(79, eap(2, 5, 1, b"alice@example.org")) + attr(32, b"nas1"))
    acc = radius(2, attr(25, b"class\x00hidden") + attr(27, u32(3600)) + attr(28, u32(59)) +
                 attr(8, b"\xff\xff\xff\xff") + attr(8, b"\xff\xff\xff\xfe") +
                 attr(14, ip4("10.1.1.1")) + attr(9, ip4("255.255.255.0")) + attr(18, b"Welcome!") +
                 attr(85, u32(60)) + attr(41, u32(3599)) + attr(46, u32(90061)) +
                 attr(23, b"\xff\xff\xff\xfe") + attr(23, u32(5)) + attr(37, u32(0)) +
                 attr(37, u32(3)) + attr(38, u32(0)) + attr(38, u32(4)) + attr(55, u32(0)) +
                 attr(55, u32(1700000000)) + attr(55, u32(0xffffffff)) +
                 attr(64, b"\x01\x00\x00\x03") + attr(64, b"\x00\x00\x00\x0e") +
                 attr(65, b"\x1f\x00\x00\x01") + attr(83, b"\x02\x00\x00\x09") +
                 attr(83, b"\x00\x00\x01\x00") + attr(56, b"\x31\x00\x00\x64") +
                 attr(56, b"\x33\x00\x01\x00") + attr(58, b"\x32vlan10") + attr(58, b"xvlan") +
                 attr(69, b"\x01\x12\x34secret") + attr(69, b"\x20\x00\x01pw") + attr(69, b"\x00\x01") +
                 attr(66, b"\x01host") + attr(66, b"host") + attr(81, b"\x00grp") +
                 attr(90, b"\x1fid") + attr(82, b" x"))
    recs = [udp4(40000, 1812, req), udp4(1812, 40000, acc)]
    # Every attribute type with values of several sizes: each printer and its length checks.
    for v in (u32(2), b"hello", bytes(range(1, 17)), b"\x40" + bytes(range(16)),
              b"\x01\x02" + bytes(range(3, 15)), b"\x00\x00\x00\x00\x00\x00\x01\x00",
              b"\x00\x07\x01\x00" + ntpts + ntpts + b"gps", b"A", b"\x00\x10" + bytes(12) +
              b"\x30\x31"):
        recs.append(udp4(40000, 1813, radius(4, b"".join(attr(t, v) for t in range(0, 136)))))
    recs.append(udp4(40000, 1813, radius(4, b"".join(attr(t, b"") for t in range(0, 136)))))
    # Enumerated values in range and beyond.
    enums = {6: 21, 7: 9, 10: 5, 13: 5, 15: 10, 29: 3, 40: 17, 45: 6, 49: 25, 57: 4, 61: 45,
             72: 6, 76: 3}
    recs.append(udp4(1813, 40000, radius(5, b"".join(attr(t, u32(v)) for t, n in
                                                     sorted(enums.items())
                                                     for v in range(0, n + 1)))))
    recs.append(udp4(1813, 40000, radius(5, b"".join(attr(t, bytes([tag]) + struct.pack("!I", v)[1:])
                                                     for t in (64, 65) for tag in (0, 5)
                                                     for v in range(0, 18)))))
    # Vendor-Specific, Error-Cause, IPv6 prefixes, MIP6, location attributes, operator names.
    vsa = [attr(26, u32(9) + attr(1, b"cisco-avpair=x") + attr(2, b"\x00\x01")),
           attr(26, u32(311) + attr(16, bytes(4)) + b"\x01"), attr(26, u32(35632)),
           attr(26, u32(99999) + b"\x05\x01"), attr(26, u32(46098) + b"\x05\x09abc"),
           attr(26, b"\x00\x09"), attr(26, u32(10415) + attr(1, b"") + attr(2, b"x"))]
    misc = [attr(101, u32(c)) for c in (201, 202, 401, 404, 509, 600, 0)] + [
        attr(101, b"\x00\x01"), attr(97, b"\x00\x40\x20\x01\x0d\xb8\x00\x01\x00\x00\x00\x00"),
        attr(97, b"\x00\x00"), attr(97, b"\x00\x81" + bytes(16)), attr(97, b"\x00\x80" + bytes(17)),
        attr(97, b"\x00\x80\x20\x01"), attr(123, b"\x00\x38\x20\x01\x0d\xb8\xff\xff\xff"),
        attr(97, b"\x00\x60" + bytes(10) + b"\xff\xff\x0a\x00\x00\x01"),
        attr(124, struct.pack("!Q", 0x0003ff0000000003)), attr(124, struct.pack("!Q", 0)),
        attr(124, bytes(4)), attr(125, b"\x40" + bytes(16)), attr(125, b"\x81" + bytes(16)),
        attr(125, bytes(16)), attr(126, b"\x31example.org"), attr(126, b"\x39x\x01"),
        attr(126, b"\x30"), attr(127, b"\x00\x01\x00\x01" + ntpts + bytes(8) + b"GPS"),
        attr(127, b"\x00\x02\x05\x07" + bytes(16) + b"\x80"), attr(127, bytes(20)),
        attr(128, b"\x00\x05" + b"where am I? " * 2), attr(128, b"\x00\x01"),
        attr(129, b"\x80\x01" + ntpts + b"note"), attr(129, b"\x00\x00" + bytes(8)),
        attr(129, b"\x7f\xfe" + ntpts), attr(129, bytes(9)),
        attr(70, bytes(range(16))), attr(70, bytes(3)),
        attr(71, b"\x01\x06" + bytes(range(12))), attr(71, b"\x00\x06" + bytes(12)),
        attr(71, bytes(5)), attr(84, bytes(range(8))), attr(84, bytes(range(10))),
        attr(84, bytes(7)), attr(95, bytes(range(16))), attr(98, bytes(range(16))),
        attr(95, bytes(4)), attr(130, b"x"), attr(200, b"y"), attr(255, b"")]
    recs.append(udp4(40000, 1645, radius(1, b"".join(vsa))))
    recs.append(udp4(40000, 1646, radius(4, b"".join(misc))))
    # EAP inside EAP-Message.
    eaps = [eap(1, 1, 1), eap(2, 1, 1, b"bob"), eap(1, 2, 2, b"notice\x00hidden"), eap(1, 2, 2),
            eap(2, 3, 3, b"\x0d\x15\x19\x63"), eap(2, 3, 3), eap(1, 4, 4, b"\x10" + bytes(16)),
            eap(1, 5, 13, b"\x20"), eap(1, 5, 13, b"\xa0\x00\x00\x10\x00"),
            eap(1, 5, 13, b"\x80\x00"), eap(2, 6, 21, b"\xe1\x00\x00\x00\x40"), eap(2, 6, 21),
            eap(2, 6, 43, b"\x81"), eap(2, 6, 43, b"\x01\x02"), eap(1, 7, 23, b"\x01\x00\x00"),
            eap(1, 7, 18, b"\x0a"), eap(1, 7, 18, b"\x63"), eap(1, 7, 18), eap(3, 8), eap(4, 9),
            eap(9, 9), eap(1, 10), eap(1, 1, 254, b"abc"), eap(1, 1, 99),
            eap(1, 1, 1, b"x", length=50), eap(1, 1, length=3)[:3] + b"",
            struct.pack("!BBH", 1, 1, 3) + b"\x01\x02\x03"[:0]]
    recs.append(udp4(40000, 3799, radius(43, b"".join(attr(79, e) for e in eaps))))
    recs.append(udp4(40000, 1700, radius(40, attr(79, b"\x01\x01\x00\x03") +
                                            attr(79, b"\x01\x01\x00\x02"))))
    # Header and attribute framing.
    for code in (1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45, 255, 0, 99):
        recs.append(udp4(40000, 1812, radius(code, attr(18, b"m"))))
    recs += [udp4(40000, 1812, radius(1, attr(1, b"abc"), length=19)),
             udp4(40000, 1812, radius(1, attr(1, b"abc") + attr(1, b"ignored"), length=25)),
             udp4(40000, 1812, radius(1, attr(1, b"abc"), length=200)),
             udp4(40000, 1812, radius(1, b"\x01\x00" + attr(1, b"x"))),
             udp4(40000, 1812, radius(1, b"\x01\x01")),
             udp4(40000, 1812, radius(1, b"\x01\x09abc")),
             udp4(40000, 1812, radius(1, attr(1, b"a") + b"\x01")),
             udp4(40000, 1812, radius(1)[:19]), udp4(40000, 1812, b""),
             udp6(1812, 40000, req), udp4(1812, 1812, radius(3))]
    write("radius-basic.pcap", recs)
    rich = udp4(40000, 1812, radius(1, attr(1, b"al") + attr(26, u32(9) + attr(1, b"ab")) +
                                    attr(79, eap(2, 5, 21, b"\x80\x00\x00\x00\x10")) +
                                    attr(97, b"\x00\x40\x20\x01\x0d\xb8") +
                                    attr(125, b"\x40" + bytes(16)) + attr(6, u32(2)) +
                                    attr(127, b"\x00\x01\x00\x01" + ntpts + ntpts + b"m") +
                                    attr(128, b"\x00\x05ab") + attr(129, b"\x80\x01" + ntpts + b"n") +
                                    attr(126, b"\x31ex") + attr(101, u32(201)) +
                                    attr(55, u32(1)) + attr(124, bytes(8)) + attr(70, bytes(16))))
    write("radius-trunc.pcap", sweep(rich, 42))


# ---- DHCPv6 ------------------------------------------------------------------

def ip6(a):
    import socket
    return socket.inet_pton(socket.AF_INET6, a)


def o6(code, data=b""):
    data = bytes(data)
    return struct.pack("!HH", code, len(data)) + data


def d6(msgtype, opts=b"", xid=0x123456):
    return struct.pack("!I", msgtype << 24 | xid) + opts


def relay(msgtype, opts, hops=0, link="2001:db8::1", peer="fe80::2"):
    return bytes([msgtype, hops]) + ip6(link) + ip6(peer) + opts


def dname(*labels):
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def dhcp6_pcaps():
    duid_llt = struct.pack("!HHI", 1, 1, 0x2a3b4c5d) + CHADDR
    duid_en = struct.pack("!HI", 2, 9) + b"\x01\x02\x03\x04"
    duid_ll = struct.pack("!HH", 3, 1) + CHADDR
    iaaddr = o6(5, ip6("2001:db8::100") + struct.pack("!II", 3600, 7200))
    iaaddr_sub = o6(5, ip6("2001:db8::101") + struct.pack("!II", 1, 2) + o6(13, b"\x00\x00ok"))
    iapfx = o6(26, struct.pack("!IIB", 100, 200, 56) + ip6("2001:db8:ff00::"))
    sol = d6(1, o6(1, duid_llt) + o6(3, struct.pack("!III", 1, 0, 0)) + o6(8, b"\x00\x00") +
             o6(6, struct.pack("!7H", 23, 24, 31, 56, 64, 82, 999)) + o6(14) +
             o6(25, struct.pack("!III", 7, 100, 200) + iapfx) + o6(16, b"\x00\x00\x01\x37xx") +
             o6(39, b"\x01" + dname(b"host", b"example", b"org")))
    adv = d6(2, o6(1, duid_llt) + o6(2, duid_en) + o6(7, [255]) +
             o6(3, struct.pack("!III", 1, 1800, 2880) + iaaddr + iaaddr_sub) +
             o6(23, ip6("2001:db8::53") + ip6("2001:db8::54")) +
             o6(24, dname(b"example", b"org") + dname(b"corp", b"example")) +
             o6(21, dname(b"sip", b"example")) + o6(22, ip6("2001:db8::5060")) +
             o6(31, ip6("2001:db8::123")) + o6(27, ip6("::1")) + o6(28, ip6("::ffff:10.0.0.1")) +
             o6(34, ip6("ff05::1:3")) + o6(40, ip6("2001:db8::40")) + o6(48, ip6("2001:db8::48")) +
             o6(32, struct.pack("!I", 86400)) + o6(46, struct.pack("!I", 5)) +
             o6(12, ip6("2001:db8::1")) + o6(15, b"\x00\x03abc") + o6(17, b"\x00\x00\x00\x09\x00\x01\x00\x01x"),
             xid=0xffffff)
    msgs = [sol, adv,
            d6(3, o6(1, duid_ll) + o6(2, duid_en) + o6(4, struct.pack("!I", 9) + iaaddr)),
            d6(4, o6(1, struct.pack("!H", 4) + b"uuid")), d6(5, o6(1, b"\x00")),
            d6(6, o6(1, struct.pack("!HH", 1, 1))), d6(7, o6(13, b"\x00\x00")),
            d6(7, o6(13, b"\x00\x02no addrs") + o6(13, b"\x00\x0a") + o6(13, b"\x00\x63") +
               o6(13, b"\x01\x00") + o6(13, b"\x00")),
            d6(8), d6(9, o6(7, b"\x01\x02")), d6(10, o6(19, [5]) + o6(19, [11]) + o6(19, [7]) +
                                                 o6(19, b"\x05\x05") + o6(20)),
            d6(11, o6(8, b"\x12\x34") + o6(8, b"\x01") + o6(6, b"\x00\x17\x00") + o6(43, b"\x00\x01")),
            d6(14, o6(44, b"\x01" + ip6("2001:db8::9") + o6(1, duid_ll)) +
               o6(44, b"\x02" + ip6("::")) + o6(44, b"\x07" + ip6("::1")) + o6(44, b"\x01" + bytes(15))),
            d6(15, o6(45, o6(1, duid_ll) + iaaddr + o6(46, struct.pack("!I", 60))) + o6(45) +
               o6(47, ip6("2001:db8::47") + bytes(range(12))) + o6(47, ip6("::2")) + o6(47, bytes(5))),
            d6(16), d6(0), d6(255),
            d6(11, o6(11, b"\x02\x01\x00" + bytes(range(8)) + b"realm" + struct.pack("!I", 77) + bytes(range(16)))),
            d6(11, o6(11, b"\x02\x01\x00" + bytes(8))),
            d6(11, o6(11, b"\x02\x05\x01" + bytes(8) + bytes(19))),
            d6(11, o6(11, b"\x03\x01\x00" + bytes(8) + b"\x01" + bytes(range(16)))),
            d6(11, o6(11, b"\x03\x01\x00" + bytes(8) + b"\x02" + bytes(16))),
            d6(11, o6(11, b"\x03\x01\x00" + bytes(8) + b"\x09" + bytes(16))),
            d6(11, o6(11, b"\x03\x01\x00" + bytes(8) + b"\x01")),
            d6(11, o6(11, b"\x07\x01\x00" + bytes(8))), d6(11, o6(11, bytes(10))),
            d6(7, o6(18, b"eth0") + o6(18, bytes(range(20))) + o6(38, b"sub") + o6(37, struct.pack("!I", 9) + b"remote-id-long") +
               o6(37, b"\x00\x01")),
            d6(7, o6(56, o6(1, ip6("2001:db8::7b")) + o6(2, ip6("ff02::101")) + o6(3, dname(b"ntp", b"org")) +
                        o6(9, b"x") + o6(1, b"short")) + o6(56, b"\x00")),
            d6(7, o6(56, o6(3, b"\x03ntp\xc0\x00"))), d6(7, o6(56, o6(1, bytes(40)))),
            d6(7, o6(64, dname(b"aftr", b"example", b"net")) + o6(64, b"\x01") + o6(64, b"\x09ab\x00") +
               o6(64, b"\x03abc\x00\x00")),
            d6(7, o6(41, b"EST5EDT,M3.2.0/02:00:00,M11.1.0/02:00:00") + o6(42, b"Europe/Zurich") +
               o6(112, b"https://mud.example/x") + o6(41, b"UTC")),
            d6(7, o6(24, b"\x03abc") + o6(23, bytes(17))), d6(7, o6(24, b"\xc0\x05")),
            d6(7, o6(24, b"\x80")), d6(7, o6(24, b"\x41\x08\xff")),
            d6(7, o6(3, struct.pack("!III", 1, 2, 3) + b"\x00\x05\x00\x30")),
            d6(7, o6(3, b"\x00\x01") + o6(4) + o6(25, bytes(11)) + o6(26, bytes(24)) + o6(5, bytes(23)) +
               o6(26, struct.pack("!IIB", 1, 2, 129) + bytes(16) + o6(14))),
            d6(7, b"\x00\x01\x00"), d6(7, o6(1, duid_llt)[:-2]), d6(7, b"\x00\x0d\x00\x20\x00\x00"),
            relay(12, o6(18, b"ifid") + o6(9, sol) + o6(37, struct.pack("!I", 4) + b"r")),
            relay(13, o6(9, relay(13, o6(9, adv), 1)), 0, "::", "fe80::1"),
            relay(12, o6(9, d6(1, o6(1, duid_llt) + o6(3, bytes(40))))),
            relay(12, o6(9, b"\x01")), relay(12, b""), d6(1)[:3], b""]
    recs = [udp6(546, 547, m, src="fe80::1", dst="ff02::1:2") for m in msgs]
    recs += [udp4(546, 547, msgs[0]), udp6(40000, 547, msgs[1]), udp6(547, 546, msgs[1])]
    write("dhcp6-basic.pcap", recs)
    rich = udp6(547, 546, d6(7, o6(1, duid_llt) + o6(3, struct.pack("!III", 1, 2, 3) + iaaddr) +
                             o6(24, dname(b"ab", b"cd")) + o6(11, b"\x03\x01\x00" + bytes(8) + b"\x01" + bytes(16)) +
                             o6(56, o6(1, ip6("::1")) + o6(3, dname(b"n"))) + o6(64, dname(b"a", b"b")) +
                             o6(37, struct.pack("!I", 1) + b"xy") + o6(13, b"\x00\x01x")))
    recs = sweep(rich, 14 + 40 + 8)
    recs += sweep(udp6(547, 546, relay(13, o6(9, d6(7, o6(2, duid_en) + o6(23, ip6("::1")))) +
                                        o6(18, b"i"))), 14 + 40 + 8)
    write("dhcp6-trunc.pcap", recs)


# ---- SNMP --------------------------------------------------------------------

def ber_len(n, octets=None):
    if octets is None:
        if n < 0x80:
            return bytes([n])
        octets = (n.bit_length() + 7) // 8
    return bytes([0x80 | octets]) + n.to_bytes(octets, "big")


def tlv(tag, content, octets=None):
    content = bytes(content)
    return bytes([tag]) + ber_len(len(content), octets) + content


def bint(v, tag=0x02, size=None):
    if size is None:
        size = 1
        while not -(1 << (8 * size - 1)) <= v < (1 << (8 * size - 1)):
            size += 1
    return tlv(tag, (v & ((1 << (8 * size)) - 1)).to_bytes(size, "big"))


def buns(v, tag):
    size = max(1, (v.bit_length() + 7) // 8)
    return tlv(tag, v.to_bytes(size, "big"))


def boid(s):
    arcs = [int(x) for x in s.split(".")]
    out = []
    for a in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        enc = [a & 0x7f]
        a >>= 7
        while a:
            enc.insert(0, 0x80 | (a & 0x7f))
            a >>= 7
        out += enc
    return tlv(0x06, out)


def seq(*parts):
    return tlv(0x30, b"".join(parts))


NULL = b"\x05\x00"


def vb(oid, val=NULL):
    return seq(boid(oid) if isinstance(oid, str) else oid, val)


def pdu(tag, reqid, vbs, err=0, idx=0):
    return tlv(tag, bint(reqid) + bint(err) + bint(idx) + seq(*vbs))


def snmp1(p, version=0, community=b"public"):
    return seq(bint(version), tlv(0x04, community), p)


def snmp3(p, flags=b"\x04", model=3, user=b"admin", ctx=b"", engine=b"\x80\x00\x1f\x88\x04abc"):
    usm = seq(tlv(0x04, engine), bint(5), bint(123456), tlv(0x04, user), tlv(0x04, b""),
              tlv(0x04, b""))
    hdr = seq(bint(42), bint(65507), tlv(0x04, flags), bint(model))
    scoped = p if p[:1] == b"\x04" else seq(tlv(0x04, engine), tlv(0x04, ctx), p)
    return seq(bint(3), hdr, tlv(0x04, usm), scoped)


def snmp_pcaps():
    sys = "1.3.6.1.2.1.1"
    values = [bint(0), bint(-1), bint(127), bint(128), bint(-129), bint(2 ** 31 - 1),
              bint(-2 ** 31), bint(5, size=6), tlv(0x04, b"Linux host 6.1"),
              tlv(0x04, b"\x00\x01bin\xff"), tlv(0x04, b""), NULL, boid("1.3.6.1.4.1.8072.3.2.10"),
              boid("2.999.1"), tlv(0x40, b"\x0a\x00\x00\x01"), tlv(0x40, b"\x0a\x00\x00\x01\x05"),
              buns(4294967295, 0x41), buns(12345, 0x42), buns(8640000, 0x43), tlv(0x44, b"\x9f\x78\x04"),
              buns(2 ** 64 - 1, 0x46), tlv(0x46, b""), tlv(0x01, b"\xff"), tlv(0x03, b"\x00\x80"),
              tlv(0x80, b""), tlv(0x81, b""), tlv(0x82, b""), tlv(0x83, b""), tlv(0x45, b"x"),
              tlv(0xc0, b"p"), tlv(0x02, b""), tlv(0x31, NULL), tlv(0x61, b"\x02\x01\x01"),
              tlv(0xe0, b"z"), tlv(0x07, b"d"), tlv(0x1f, b""), tlv(0x14, b"")]
    resp = pdu(0xa2, 7, [vb(sys + ".%d.0" % i, v) for i, v in enumerate(values)])
    msgs = [snmp1(pdu(0xa0, 1, [vb(sys + ".1.0"), vb(sys + ".3.0")])),
            snmp1(pdu(0xa1, -5, [vb("1.3.6.1.2.1.2.2.1.10")]), community=b"private"),
            snmp1(resp), snmp1(resp, version=1, community=b"s\x01cret"),
            snmp1(pdu(0xa3, 9, [vb(sys + ".5.0", tlv(0x04, b"newname"))])),
            snmp1(pdu(0xa2, 8, [vb(sys + ".1.0")], err=2, idx=1)),
            snmp1(pdu(0xa2, 8, [], err=99, idx=3)), snmp1(pdu(0xa2, 8, [], err=5)),
            snmp1(pdu(0xa2, 8, [], idx=4)), snmp1(pdu(0xa2, 8, [], err=-1, idx=1)),
            snmp1(pdu(0xa0, 8, [vb(sys + ".1.0", bint(3))], err=1, idx=2)),
            snmp1(pdu(0xa3, 8, [], err=18, idx=1)),
            snmp1(pdu(0xa5, 10, [vb(sys)], err=0, idx=10), version=1),
            snmp1(pdu(0xa5, 10, [vb(sys)]), version=0),
            snmp1(pdu(0xa6, 11, [vb("1.3.6.1.6.3.1.1.4.1.0", boid("1.3.6.1.6.3.1.1.5.1"))]), version=1),
            snmp1(pdu(0xa7, 12, [vb("1.3.6.1.2.1.1.3.0", buns(100, 0x43)),
                                 vb("1.3.6.1.6.3.1.1.4.1.0", boid("1.3.6.1.6.3.1.1.5.3"))]), version=1),
            snmp1(pdu(0xa8, 13, [vb("1.3.6.1.6.3.15.1.1.4.0", buns(1, 0x41))], err=1), version=1),
            snmp1(pdu(0xa2, 14, [vb(sys + ".1.0", tlv(0x80, b"")), vb(sys + ".2.0", tlv(0x81, b"")),
                                 vb(sys + ".3.0", tlv(0x82, b""))]), version=1)]
    for g, sp in ((0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 17), (7, 0), (2, 9), (-1, 0)):
        msgs.append(snmp1(tlv(0xa4, boid("1.3.6.1.4.1.9") + tlv(0x40, ip4("10.0.0.1")) + bint(g) +
                              bint(sp) + buns(123456, 0x43) +
                              seq(vb("1.3.6.1.2.1.2.2.1.1.3", bint(3))))))
    msgs += [snmp1(tlv(0xa4, boid("1.3.6.1.4.1.9")), version=1),
             snmp1(tlv(0xa4, bint(1))), snmp1(tlv(0xa4, boid("1.3") + bint(1))),
             snmp1(tlv(0xa4, boid("1.3") + tlv(0x40, b"\x01\x02\x03\x04") + tlv(0x04, b""))),
             snmp1(tlv(0xa4, boid("1.3") + tlv(0x40, b"\x01\x02\x03\x04") + bint(0) + NULL)),
             snmp1(tlv(0xa4, boid("1.3") + tlv(0x40, b"\x01\x02\x03\x04") + bint(0) + bint(0) + bint(5))),
             # Malformed encodings.
             seq(bint(2), tlv(0x04, b"public"), pdu(0xa0, 1, [])), seq(bint(9)), seq(tlv(0x04, b"v")),
             bint(5), seq(bint(0), tlv(0x04, b"public"), pdu(0xa0, 1, [])) + b"junk",
             seq(bint(0), bint(1)), seq(bint(0), tlv(0x04, b"public"), bint(1)),
             seq(bint(0), tlv(0x04, b"public"), pdu(0xa0, 1, []) + b"\x05\x00"),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + bint(0) + bint(0) + NULL)),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + bint(0) + bint(0) + seq(NULL))),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + bint(0) + bint(0) + seq(seq(bint(1))))),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, tlv(0x04, b"x"))),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + NULL)),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + bint(0) + NULL)),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + bint(0) + bint(0) +
                                                  seq(vb(sys)) + b"\x00")),
             seq(bint(0), tlv(0x04, b"public"), tlv(0xa0, bint(1) + bint(0) + bint(0) +
                                                  seq(vb(sys)[:-2])[:-0] + b"")),
             tlv(0x30, bint(0) + tlv(0x04, b"public"), octets=2),
             tlv(0x30, bint(0) + tlv(0x04, b"public", octets=3), octets=1),
             b"\x30\x84\xff\xff\xff\xff\x02\x01\x00", b"\x30\x85\x00\x00", b"\x30\x83\x00",
             b"\x30", b"\x30\x05\x02", b"\x3f\x81\x01\x00", b"\x3f\x81", b"\x3f\x01\x00", b"\x1f\x85\x05\x00",
             b"\x30\x03\x02\x00\x00", b"\x02\x05\x00", b"", b"\x30\x02\xd5\x00", b"\x30\x02\x34\x00",
             b"\x30\x02\x12\x00",
             snmp1(pdu(0xa2, 1, [vb(b"\x06\x03\xff\x81\x01"), vb(b"\x06\x02\x2b\x86"),
                                 vb(b"\x06\x00"), vb(b"\x06\x06\x8f\xff\xff\xff\xff\x7f"),
                                 vb(b"\x06\x01\x78")])),
             # SNMPv3.
             snmp3(pdu(0xa0, 1, [vb(sys + ".1.0")])), snmp3(pdu(0xa2, 1, [vb(sys + ".1.0", bint(1))]), flags=b"\x03"),
             snmp3(pdu(0xa8, 2, [vb("1.3.6.1.6.3.15.1.1.4.0", buns(7, 0x41))]), flags=b"\x00",
                   user=b"", ctx=b"ctx\x01"),
             snmp3(tlv(0x04, b"\x12\x34\x56"), flags=b"\x07"), snmp3(pdu(0xa0, 1, []), flags=b"\x02"),
             snmp3(pdu(0xa0, 1, []), flags=b"\x01\x00"), snmp3(pdu(0xa0, 1, []), model=1),
             snmp3(pdu(0xa0, 1, []), flags=b"\x05", ctx=b"bridge1"),
             snmp3(tlv(0xa4, boid("1.3") + tlv(0x40, b"\x01\x02\x03\x04") + bint(0) + bint(0) + buns(1, 0x43) + seq())),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), bint(3), bint(9)), tlv(0x04, b"")),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), bint(3)), tlv(0x04, seq(bint(1))), seq()),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), bint(3)), bint(4)),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), bint(3)),
                 tlv(0x04, seq(tlv(0x04, b"e"), bint(1), bint(2), tlv(0x04, b"u"), tlv(0x04, b""), tlv(0x04, b""), bint(7))),
                 seq(tlv(0x04, b"e"), tlv(0x04, b""), bint(1))),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), bint(3)),
                 tlv(0x04, seq(tlv(0x04, b"e"), bint(1), bint(2), tlv(0x04, b"u"), tlv(0x04, b""), bint(7))),
                 seq(bint(1))),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), NULL)),
             seq(bint(3), seq(bint(1), bint(2), bint(3))), seq(bint(3), seq(bint(1), NULL)),
             seq(bint(3), seq(NULL)), seq(bint(3), NULL),
             seq(bint(3), seq(bint(1), bint(2), tlv(0x04, b"\x04"), bint(3)),
                 tlv(0x04, NULL), seq())]
    recs = [udp4(40000, 161, m) for m in msgs]
    recs += [udp4(161, 40000, msgs[2]), udp4(40000, 162, msgs[20]), udp6(40000, 161, msgs[0]),
             udp6(162, 162, msgs[-10])]
    write("snmp-basic.pcap", recs)
    recs = sweep(udp4(161, 40000, snmp1(pdu(0xa2, 7, [vb(sys + ".1.0", tlv(0x04, b"abc")),
                                                      vb(sys + ".2.0", boid("1.3.6.1.4.1.9")),
                                                      vb(sys + ".3.0", tlv(0x40, ip4("10.1.2.3"))),
                                                      vb(sys + ".4.0", tlv(0x04, b"\x01\x02"))]),
                                        community=b"c")), 42)
    recs += sweep(udp4(40000, 162, snmp1(tlv(0xa4, boid("1.3.6.1.4.1.9") + tlv(0x40, ip4("10.0.0.1")) +
                                             bint(6) + bint(1) + buns(5, 0x43) + seq()))), 42)
    recs += sweep(udp4(40000, 161, snmp3(pdu(0xa0, 1, [vb(sys + ".1.0")]), ctx=b"c")), 42)
    write("snmp-trunc.pcap", recs)


# ---- port precedence -----------------------------------------------------------

def ports_pcap():
    """Datagrams whose two ports name two protocols: tcpdump's order of ports picks one."""
    tf = struct.pack("!H", 4) + b"\x00\x07"
    bp = dhcp(1)
    sn = snmp1(pdu(0xa0, 1, [vb("1.3.6.1.2.1.1.1.0")]))
    nt = ntp(mode=3)
    d6 = struct.pack("!I", 1 << 24 | 0x123456)
    rd = radius(1, attr(1, b"alice"))
    sl = b"<13>hello"
    dq = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + dname(b"example", b"org") + b"\x00\x01\x00\x01"
    pairs = [(69, 67, tf), (67, 69, tf), (67, 161, bp), (161, 68, bp), (161, 123, sn), (123, 162, sn),
             (123, 546, nt), (547, 123, nt), (547, 1812, d6), (1645, 546, d6), (1813, 514, rd),
             (514, 3799, rd), (53, 67, dq), (68, 53, dq), (5353, 69, dq), (514, 40000, sl),
             (1700, 1646, rd), (1646, 1700, rd)]
    write("udp-ports.pcap", [udp4(a, b, m) for a, b, m in pairs])


# ---- mutations ---------------------------------------------------------------

def read_pcap(name):
    with open(os.path.join(OUT, name), "rb") as f:
        data = f.read()
    off, out = 24, []
    while off + 16 <= len(data):
        _, _, caplen, wirelen = struct.unpack("<IIII", data[off:off + 16])
        out.append((data[off + 16:off + 16 + caplen], wirelen))
        off += 16 + caplen
    return out


def mutate_pcaps(count=250):
    """Whole messages of the basic and bad pcaps with a few bytes after the UDP header changed
    (and some then cut): the paths no hand-made message thought of, fixed by the seed."""
    rnd = random.Random(12)
    for proto in ("dhcp", "ntp", "syslog", "tftp", "radius", "dhcp6", "snmp"):
        pkts = []
        for kind in ("basic", "bad"):
            if os.path.exists(os.path.join(OUT, "%s-%s.pcap" % (proto, kind))):
                pkts += [d for d, w in read_pcap("%s-%s.pcap" % (proto, kind)) if len(d) == w]
        recs = []
        while len(recs) < count:
            b = bytearray(rnd.choice(pkts))
            start = 14 + (20 if b[12:14] == b"\x08\x00" else 40) + 8
            if len(b) <= start:
                continue
            for _ in range(rnd.choice([1, 1, 2, 3, 5, 8])):
                i = rnd.randrange(start, len(b))
                r = rnd.random()
                if r < 0.5:
                    b[i] = rnd.randrange(256)
                elif r < 0.7:
                    b[i] ^= 1 << rnd.randrange(8)
                elif r < 0.85:
                    b[i] = rnd.choice([0, 1, 2, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff])
                else:
                    b[i] = (b[i] + rnd.choice([-1, 1])) & 0xff
            if rnd.random() < 0.3:
                recs.append(cut(bytes(b), rnd.randrange(start, len(b) + 1)))
            else:
                recs.append(bytes(b))
        write("%s-mut.pcap" % proto, recs)


if __name__ == "__main__":
    dhcp_pcaps()
    ntp_pcaps()
    syslog_pcaps()
    tftp_pcaps()
    radius_pcaps()
    dhcp6_pcaps()
    snmp_pcaps()
    ports_pcap()
    mutate_pcaps()
