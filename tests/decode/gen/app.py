#!/usr/bin/python3
# app.py: writes the conformance pcaps of the UDP application printers (DHCP, NTP, ...; no network needed)
#
# Messages are built byte by byte with struct, so every field (lengths,
# option codes, bad values) is exactly what the test is about; the link,
# IP and UDP headers come from scapy. Times are fixed (1700000000.123456
# + i), and a record can claim a wire length longer than what was captured
# (a snaplen cut). Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/app.py
import os
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


if __name__ == "__main__":
    dhcp_pcaps()
