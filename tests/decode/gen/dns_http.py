#!/usr/bin/python3
# dns_http.py: writes the DNS (UDP, TCP, mDNS) and HTTP conformance pcaps (no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# DNS messages are assembled byte by byte here rather than with scapy's DNS
# layer, so that compression pointers, loops and broken lengths are exactly
# what the test means; scapy builds the Ethernet/IP/UDP/TCP around them with
# correct checksums. Times are fixed, and a record can claim a wire length
# longer than what was captured (a snaplen cut). Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/dns_http.py
import os
import struct

from scapy.all import IP, IPv6, TCP, UDP, Ether, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1 = "00:11:22:33:44:55"
MAC2 = "66:77:88:99:aa:bb"
CLI4, SRV4 = "192.0.2.1", "198.51.100.53"
CLI6, SRV6 = "2001:db8::1", "2001:db8::53"

# Record types and classes by number.
A, NS, CNAME, SOA, PTR, MX, TXT, AAAA, SRV, A6, OPT = 1, 2, 5, 6, 12, 15, 16, 28, 33, 38, 41
UNSPECA, TSIG, ANY, URI, CAA, HTTPS = 104, 250, 255, 256, 257, 65
IN = 1


def write(name, recs):
    """recs: packets, or (packet, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, r in enumerate(recs):
            if isinstance(r, tuple):
                data, wire = bytes(r[0]), r[1]
            else:
                data = bytes(r)
                wire = len(data)
            f.write(struct.pack("<IIII", T0 + i, 123456, len(data), wire))
            f.write(data)


def cut(pkt, n):
    b = bytes(pkt)
    return (b[:n], len(b))


# ---- DNS message assembly ----

def name(s, ptr=None):
    """Labels of s, ending in a pointer to offset ptr if given, else in the root."""
    out = b""
    for lab in [x for x in s.split(".") if x]:
        lab = lab.encode("latin-1")
        out += bytes([len(lab)]) + lab
    return out + (struct.pack(">H", 0xc000 | ptr) if ptr is not None else b"\0")


def ptr(off):
    return struct.pack(">H", 0xc000 | off)


def hdr(id_, flags, qd=1, an=0, ns=0, ar=0):
    return struct.pack(">HHHHHH", id_, flags, qd, an, ns, ar)


def q(n, t, c=IN):
    return (n if isinstance(n, bytes) else name(n)) + struct.pack(">HH", t, c)


def rr(n, t, rdata, c=IN, ttl=3600):
    return ((n if isinstance(n, bytes) else name(n)) + struct.pack(">HHIH", t, c, ttl, len(rdata)) +
            rdata)


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def ip6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def txt(*strings):
    return b"".join(bytes([len(s)]) + s for s in strings)


def opt(size=4096, ext_rcode=0, version=0, do=False, options=b""):
    ttl = ext_rcode << 24 | version << 16 | (0x8000 if do else 0)
    return b"\0" + struct.pack(">HHIH", OPT, size, ttl, len(options)) + options


def eo(code, data):
    return struct.pack(">HH", code, len(data)) + data


QRY, RSP = 0x0100, 0x8180     # RD; QR|RD|RA
QOFF = 12                     # where the first question's name starts


# ---- packet wrappers ----

def udp4(payload, sport=40000, dport=53, src=CLI4, dst=SRV4):
    return Ether(src=MAC1, dst=MAC2) / IP(src=src, dst=dst, id=1, flags="DF") / \
        UDP(sport=sport, dport=dport) / Raw(payload)


def udp6(payload, sport=40000, dport=53, src=CLI6, dst=SRV6):
    return Ether(src=MAC1, dst=MAC2) / IPv6(src=src, dst=dst, hlim=64) / \
        UDP(sport=sport, dport=dport) / Raw(payload)


def tcp4(payload, sport=40000, dport=53, seq=1000, ack=5000, flags="PA", src=CLI4, dst=SRV4):
    return Ether(src=MAC1, dst=MAC2) / IP(src=src, dst=dst, id=1, flags="DF") / \
        TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags, window=502) / Raw(payload)


def tcp6(payload, sport=40000, dport=53, seq=1000, ack=5000, flags="PA", src=CLI6, dst=SRV6):
    return Ether(src=MAC1, dst=MAC2) / IPv6(src=src, dst=dst, hlim=64) / \
        TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags, window=502) / Raw(payload)


def rev4(payload, **kw):
    return udp4(payload, sport=53, dport=40000, src=SRV4, dst=CLI4, **kw)


def rev6(payload, **kw):
    return udp6(payload, sport=53, dport=40000, src=SRV6, dst=CLI6, **kw)


# ---- the pcaps ----

def dns_basic():
    """Common queries and answers over IPv4 and IPv6."""
    ex = name("example.com")
    recs = [
        udp4(hdr(1234, QRY) + q("example.com", A)),
        rev4(hdr(1234, RSP, an=2) + q("example.com", A) +
             rr(ptr(QOFF), A, ip4("93.184.216.34")) + rr(ptr(QOFF), A, ip4("93.184.216.35"))),
        udp6(hdr(4321, QRY) + q("example.com", AAAA), sport=40001),
        rev6(hdr(4321, RSP, an=2) + q("example.com", AAAA) +
             rr(ptr(QOFF), AAAA, ip6("2606:2800:220:1:248:1893:25c8:1946"), ttl=59) +
             rr(ptr(QOFF), AAAA, ip6("::1"), ttl=86400 * 9 + 3661)),
        # CNAME chain with compression into the middle of an earlier name
        udp4(hdr(7, QRY) + q("www.example.com", A)),
        rev4(hdr(7, RSP, an=2) + q("www.example.com", A) +
             rr(ptr(QOFF), CNAME, ptr(QOFF + 4)) + rr(ptr(QOFF + 4), A, ip4("192.0.2.80"))),
        # NS, MX with authority and additional
        rev4(hdr(8, RSP, an=2, ns=1, ar=1) + q("example.com", NS) +
             rr(ptr(QOFF), NS, name("a.iana-servers.net")) +
             rr(ptr(QOFF), NS, name("b", 43)) +
             rr(ptr(QOFF), NS, name("c", 43)) +
             rr(ptr(41), A, ip4("199.43.135.53"))),
        rev4(hdr(9, RSP, an=2) + q("example.com", MX) +
             rr(ptr(QOFF), MX, struct.pack(">H", 10) + name("mail", QOFF)) +
             rr(ptr(QOFF), MX, struct.pack(">H", 20) + name("mx2.example.net"))),
        # TXT with several strings, quotes, control and high-bit bytes
        rev4(hdr(10, RSP, an=2) + q("example.com", TXT) +
             rr(ptr(QOFF), TXT, txt(b"v=spf1 -all")) +
             rr(ptr(QOFF), TXT, txt(b"a \"quoted\" one", b"", b"tab\there\x01\x7f\xe9"))),
        # NXDOMAIN with SOA in authority
        rev4(hdr(11, 0x8183, ns=1) + q("nope.example.com", A) +
             rr(ptr(QOFF + 5), SOA, name("ns.icann.org") + name("noc.dns.icann.org") +
                struct.pack(">IIIII", 2023080901, 7200, 3600, 1209600, 3600), ttl=3600)),
        # reverse lookup
        udp4(hdr(12, QRY) + q("34.216.184.93.in-addr.arpa", PTR)),
        rev4(hdr(12, RSP, an=1) + q("34.216.184.93.in-addr.arpa", PTR) +
             rr(ptr(QOFF), PTR, name("example.com"))),
        # SRV, CAA, HTTPS, an unknown type and the ANY query
        rev4(hdr(13, RSP, an=2) + q("_sip._tcp.example.com", SRV) +
             rr(ptr(QOFF), SRV, struct.pack(">HHH", 10, 60, 5060) + name("sip", QOFF + 10)) +
             rr(ptr(QOFF), SRV, struct.pack(">HHH", 20, 0, 5061) + b"\0")),
        rev4(hdr(14, RSP, an=1) + q("example.com", CAA) +
             rr(ptr(QOFF), CAA, b"\x00\x05issue" + b"letsencrypt.org")),
        udp4(hdr(15, QRY) + q("example.com", HTTPS)),
        rev4(hdr(15, RSP, an=1) + q("example.com", HTTPS) +
             rr(ptr(QOFF), HTTPS, b"\x00\x01\x00\x00\x01\x00\x03\x02h2")),
        udp4(hdr(16, QRY) + q("example.com", 65280)),
        udp4(hdr(17, QRY) + q("example.com", ANY)),
        # classes: CHAOS, HS, an odd one, in a question and in an answer
        udp4(hdr(18, QRY) + q("version.bind", TXT, 3)),
        rev4(hdr(18, 0x8580, an=1) + q("version.bind", TXT, 3) +
             rr(ptr(QOFF), TXT, txt(b"9.18.19"), c=3, ttl=0)),
        udp4(hdr(19, QRY) + q("example.com", A, 4)),
        udp4(hdr(20, QRY) + q("example.com", A, 42)),
        # rcodes
        rev4(hdr(21, 0x8182) + q("example.com", A)),
        rev4(hdr(22, 0x8185) + q("example.com", A)),
        rev4(hdr(23, 0x8181) + q("example.com", A)),
        rev4(hdr(24, 0x8184) + q("example.com", A)),
        rev4(hdr(25, 0x818f) + q("example.com", A)),
        rev4(hdr(26, 0x818b) + q("example.com", A)),
        # flags: AA, no RA, TC, AD; CD and no RD in a query; odd query bits
        rev4(hdr(27, 0x8400, an=1) + q("example.com", A) + rr(ptr(QOFF), A, ip4("192.0.2.1"))),
        rev4(hdr(28, 0x8300) + q("example.com", A)),
        rev4(hdr(29, 0x81a0, an=1) + q("example.com", A) + rr(ptr(QOFF), A, ip4("192.0.2.2"))),
        udp4(hdr(30, 0x0010) + q("example.com", A)),
        udp4(hdr(31, 0x0120) + q("example.com", A)),
        udp4(hdr(32, 0x05c3) + q("example.com", A)),
        # opcodes
        udp4(hdr(33, 0x2000) + q("example.com", SOA)),                  # notify
        rev4(hdr(33, 0xa400) + q("example.com", SOA)),
        udp4(hdr(34, 0x2800, ns=1) + q("example.com", SOA) +           # update
             rr(name("host", QOFF), A, ip4("192.0.2.9"))),
        rev4(hdr(34, 0xa880, qd=1) + q("example.com", SOA)),
        udp4(hdr(35, 0x0800, qd=0, an=1) + rr("example.com", A, ip4("192.0.2.3"))),   # iquery
        udp4(hdr(36, 0x1000, qd=0)),                                    # status
        udp4(hdr(37, 0x7800) + q("example.com", A)),                    # op 15
        # two questions; a response with none
        udp4(hdr(38, QRY, qd=2) + q("example.com", A) + q(ptr(QOFF), AAAA)),
        rev4(hdr(38, RSP, qd=2, an=1) + q("example.com", A) + q(ptr(QOFF), AAAA) +
             rr(ptr(QOFF), A, ip4("192.0.2.4"))),
        rev4(hdr(39, RSP, qd=0)),
        # root name, upper case and escapes in names
        udp4(hdr(40, QRY) + q("", NS)),
        udp4(hdr(41, QRY) + q("WWW.Example.COM", A)),
        udp4(hdr(42, QRY) + name("we\x01ird")[:-1] + b"\x03a.b\x02\xff\x7f\x00" +
             struct.pack(">HH", A, IN)),
        # answers over IPv6 with A, AAAA and CNAME records mixed
        rev6(hdr(43, RSP, an=3) + q("www.example.org", AAAA) +
             rr(ptr(QOFF), CNAME, name("cdn.example.net")) +
             rr(ptr(QOFF + 21), AAAA, ip6("2001:db8:0:1::80")) +
             rr(ptr(QOFF + 21), AAAA, ip6("fe80::1:2"))),
    ]
    write("dns-basic.pcap", recs)


def dns_records():
    """Less common record types, printed at -vv (where the additional section shows)."""
    tsig = (name("key.example.") + name("hmac-sha256") + b"\x00\x00\x65\x5f\x3a\x00" +
            struct.pack(">HH", 300, 4) + b"\xde\xad\xbe\xef" + struct.pack(">HHH", 99, 0, 0))
    recs = [
        rev4(hdr(50, 0x8580, an=1, ns=1, ar=1) + q("example.com", SOA) +
             rr(ptr(QOFF), SOA, name("ns1", QOFF) + name("hostmaster", QOFF) +
                struct.pack(">IIIII", 1, 2, 3, 4, 5)) +
             rr(ptr(QOFF), NS, name("ns1", QOFF)) +
             rr(ptr(QOFF), TSIG, tsig, c=255, ttl=0)),
        rev4(hdr(51, RSP, an=3) + q("example.com", ANY) +
             rr(ptr(QOFF), A6, b"\x40" + ip6("::1:2:3:4:5")[8:] + name("pfx", QOFF)) +
             rr(ptr(QOFF), A6, b"\x00" + ip6("2001:db8::7")) +
             rr(ptr(QOFF), A6, b"\x81")),
        rev4(hdr(52, RSP, an=2) + q("example.com", URI) +
             rr(ptr(QOFF), URI, struct.pack(">HH", 10, 1) + b"ftp://ftp.example.com/") +
             rr(ptr(QOFF), UNSPECA, b"hello\x07")),
        rev4(hdr(53, RSP, an=2) + q("example.com", 13) +
             rr(ptr(QOFF), 13, txt(b"PC", b"Linux")) +
             rr(ptr(QOFF), 99, txt(b"v=spf1 ~all"))),
        # an authority NS list and glue, several of each
        rev4(hdr(54, 0x8100, ns=2, ar=3) + q("www.example.com", A) +
             rr(ptr(QOFF + 4), NS, name("ns1", QOFF + 4)) +
             rr(ptr(QOFF + 4), NS, name("ns2", QOFF + 4)) +
             rr(name("ns1", QOFF + 4), A, ip4("192.0.2.53")) +
             rr(name("ns2", QOFF + 4), AAAA, ip6("2001:db8::35")) +
             opt(1232)),
        # a query carrying an answer and authority (only shown at -vv)
        udp4(hdr(55, QRY, an=1, ns=1) + q("example.com", A) +
             rr(ptr(QOFF), A, ip4("192.0.2.5")) + rr(ptr(QOFF), NS, name("ns", QOFF))),
    ]
    write("dns-records.pcap", recs)


def dns_edns():
    """EDNS: OPT in queries and responses, options, the DO bit, extended rcodes."""
    opts = (eo(3, b"") + eo(10, bytes(range(8))) + eo(8, b"\x00\x01\x18\x00\xc6\x33\x64") +
            eo(8, b"\x00\x02\x38\x00\x20\x01\x0d\xb8\x00\x01\x00\x00") +
            eo(9, struct.pack(">I", 600)) + eo(11, struct.pack(">H", 1234)) + eo(12, bytes(5)) +
            eo(14, struct.pack(">HH", 20326, 19036)) + eo(5, bytes([8, 13, 15, 99])) +
            eo(6, bytes([1, 2, 9])) + eo(7, bytes([1, 2])) + eo(13, name("example.com")) +
            eo(3, b"ns1") + eo(65001, b"\xab\xcd"))
    bad = (eo(10, bytes(9)) + eo(8, b"\x00\x03\x08\x00\x01") + eo(8, b"\x00\x01\x21\x00\x01") +
           eo(11, b"\x01") + eo(9, b"\x01") + eo(14, b"\x01") + eo(8, b"\x00"))
    recs = [
        udp4(hdr(60, QRY, ar=1) + q("example.com", A) + opt(4096)),
        udp4(hdr(61, QRY | 0x20, ar=1) + q("example.com", A) +
             opt(1232, do=True, options=eo(10, bytes(range(8))))),
        rev4(hdr(61, RSP | 0x20, an=1, ar=1) + q("example.com", A) +
             rr(ptr(QOFF), A, ip4("93.184.216.34")) +
             opt(1232, do=True, options=eo(10, bytes(range(24))))),
        udp6(hdr(62, QRY, ar=1) + q("example.com", AAAA) + opt(512, options=opts)),
        udp4(hdr(63, QRY, ar=1) + q("example.com", A) + opt(4096, options=bad)),
        # extended rcodes: BADVERS (16), BADCOOKIE (23), 17, 21, and a large one
        rev4(hdr(64, 0x8180, ar=1) + q("example.com", A) + opt(4096, ext_rcode=1)),
        rev4(hdr(65, 0x8187, ar=1) + q("example.com", A) + opt(4096, ext_rcode=1)),
        rev4(hdr(66, 0x8181, ar=1) + q("example.com", A) + opt(4096, ext_rcode=1)),
        rev4(hdr(67, 0x8185, ar=1) + q("example.com", A) + opt(4096, ext_rcode=1)),
        rev4(hdr(68, 0x818f, ar=1) + q("example.com", A) + opt(4096, ext_rcode=0xff)),
        # OPT after another additional record; OPT in a message with answers
        rev4(hdr(69, 0x8182, an=1, ar=2) + q("example.com", A) +
             rr(ptr(QOFF), A, ip4("192.0.2.6")) + rr(ptr(QOFF), A, ip4("192.0.2.7")) +
             opt(4096, ext_rcode=2)),
        # OPT whose option runs past its RDATA
        udp4(hdr(70, QRY, ar=1) + q("example.com", A) +
             b"\0" + struct.pack(">HHIH", OPT, 4096, 0, 6) + eo(10, bytes(8))[:6]),
    ]
    write("dns-edns.pcap", recs)


def dns_bad():
    """Malformed and truncated messages."""
    full = rev4(hdr(80, RSP, an=2) + q("example.com", A) +
                rr(ptr(QOFF), A, ip4("93.184.216.34")) + rr(ptr(QOFF), A, ip4("93.184.216.35")))
    flen = len(bytes(full))
    long_name = ".".join(["a" * 63] * 4) + ".toolong"
    recs = [
        # a pointer to itself, a forward pointer, a two-pointer loop
        udp4(hdr(81, QRY) + ptr(QOFF) + struct.pack(">HH", A, IN)),
        udp4(hdr(82, QRY) + name("x", 40) + struct.pack(">HH", A, IN) + bytes(30)),
        rev4(hdr(83, RSP, an=1) + q("example.com", A) + b"\x01a" + ptr(QOFF + 17 + 4) +
             struct.pack(">HHIH", CNAME, IN, 60, 2) + ptr(QOFF + 17)),
        rev4(hdr(84, RSP, an=1) + q("example.com", A) + rr(ptr(QOFF), CNAME, ptr(QOFF + 17))),
        # a pointer past the end
        rev4(hdr(85, RSP, an=1) + q("example.com", A) + rr(ptr(QOFF), CNAME, ptr(0x3fff))),
        # truncated captures: in an answer, in the question, in the header
        cut(full, flen - 3),
        cut(full, flen - 14),
        cut(full, 42 + 20),
        cut(full, 42 + 8),
        # counts larger than what the message holds
        rev4(hdr(86, RSP, an=3) + q("example.com", A) + rr(ptr(QOFF), A, ip4("192.0.2.8"))),
        udp4(hdr(87, QRY, qd=3) + q("example.com", A)),
        rev4(hdr(88, RSP, an=1) + q("example.com", A) + ptr(QOFF) + b"\x00\x01\x00"),
        # a record whose RDATA length runs past the message
        rev4(hdr(89, RSP, an=1) + q("example.com", A) +
             ptr(QOFF) + struct.pack(">HHIH", A, IN, 60, 40) + ip4("192.0.2.9")),
        rev4(hdr(90, RSP, an=1) + q("example.com", A) + rr(ptr(QOFF), A, b"\x01\x02")),
        # too short for a header; empty
        udp4(b"\x12\x34\x01\x00\x00"),
        udp4(b""),
        # label types: extended (bit string and unknown), reserved; a name too long
        udp4(hdr(91, QRY) + b"\x41\x10\xab\xcd\x41\x05\xf8\x41\x0c\xff\xf0\x00" +
             struct.pack(">HH", PTR, IN)),
        udp4(hdr(92, QRY) + b"\x03www\x42\x01\x00" + struct.pack(">HH", A, IN)),
        udp4(hdr(93, QRY) + b"\x03www\x81\x00" + struct.pack(">HH", A, IN)),
        udp4(hdr(94, QRY) + name(long_name) + struct.pack(">HH", A, IN)),
        # a name cut by the end of the message
        udp4(hdr(95, QRY) + b"\x07example\x03co"),
        # TXT string longer than the record
        rev4(hdr(96, RSP, an=1) + q("example.com", TXT) +
             ptr(QOFF) + struct.pack(">HHIH", TXT, IN, 60, 4) + b"\x09abc"),
    ]
    write("dns-bad.pcap", recs)


def dns_mdns():
    """Multicast DNS: QU/QM questions, cache-flush answers, over IPv4 and IPv6."""
    m4, m6 = "224.0.0.251", "ff02::fb"
    svc = "_http._tcp.local"
    inst = name("My Printer", QOFF)
    ans = (rr(ptr(QOFF), PTR, inst, ttl=4500) +
           rr(ptr(QOFF + 18 + 4 + 10 + 2), SRV, struct.pack(">HHH", 0, 0, 631) +
              name("host", QOFF + 6 + 5), c=0x8001, ttl=120) +
           rr(ptr(QOFF + 18 + 4 + 10 + 2), TXT, txt(b"txtvers=1", b"rp=ipp"), c=0x8001, ttl=4500))
    recs = [
        udp4(hdr(0, 0, qd=1) + q(svc, PTR), sport=5353, dport=5353, dst=m4),
        udp4(hdr(0, 0, qd=2) + q(svc, PTR, 0x8001) + q("host.local", A, 0x8001),
             sport=5353, dport=5353, dst=m4),
        udp4(hdr(0, 0x8400, qd=0, an=1) + rr("host.local", A, ip4("192.0.2.44"), c=0x8001, ttl=120),
             sport=5353, dport=5353, dst=m4),
        udp4(hdr(0, 0x8400, qd=1, an=3) + q(svc, PTR) + ans, sport=5353, dport=5353, dst=m4),
        udp6(hdr(0, 0x8400, qd=0, an=2) +
             rr("host.local", AAAA, ip6("fe80::211:22ff:fe33:4455"), c=0x8001, ttl=120) +
             rr(ptr(QOFF), A, ip4("192.0.2.44"), c=0x8001, ttl=120),
             sport=5353, dport=5353, dst=m6, src="fe80::211:22ff:fe33:4455"),
        # a legacy unicast query from another port, and a CHAOS class with QU
        udp4(hdr(7, 0, qd=1) + q("host.local", A, 0x8003), sport=40000, dport=5353, dst=m4),
        udp4(hdr(0, 0x8400, qd=0, an=1, ar=1) + rr("host.local", A, ip4("192.0.2.44"), c=0x8001) +
             opt(1440), sport=5353, dport=5353, dst=m4),
    ]
    write("dns-mdns.pcap", recs)


def lp(msg):
    return struct.pack(">H", len(msg)) + msg


def dns_tcp():
    """DNS over TCP: length-prefixed messages, whole, split, truncated, odd."""
    query = hdr(100, QRY, ar=1) + q("example.com", AXFR := 252) + opt(4096)
    resp = (hdr(100, 0x8480, an=3) + q("example.com", AXFR) +
            rr(ptr(QOFF), SOA, name("ns", QOFF) + name("admin", QOFF) +
               struct.pack(">IIIII", 7, 3600, 600, 86400, 60)) +
            rr(ptr(QOFF), A, ip4("93.184.216.34")) +
            rr(ptr(QOFF), SOA, name("ns", QOFF) + name("admin", QOFF) +
               struct.pack(">IIIII", 7, 3600, 600, 86400, 60)))
    r = lp(resp)
    q6 = lp(hdr(101, QRY) + q("example.com", AAAA))
    a6 = lp(hdr(101, RSP, an=1) + q("example.com", AAAA) + rr(ptr(QOFF), AAAA, ip6("2001:db8::1")))
    whole = tcp4(lp(query))
    recs = [
        tcp4(b"", flags="S", seq=999, ack=0),
        tcp4(b"", sport=53, dport=40000, src=SRV4, dst=CLI4, flags="SA", seq=4999, ack=1000),
        whole,
        tcp4(r, sport=53, dport=40000, src=SRV4, dst=CLI4, seq=5000, ack=1000 + len(lp(query))),
        # the response split over two segments: neither has a matching prefix
        tcp4(r[:30], sport=53, dport=40000, src=SRV4, dst=CLI4, seq=6000, ack=1100),
        tcp4(r[30:], sport=53, dport=40000, src=SRV4, dst=CLI4, seq=6030, ack=1100),
        # a single byte; two messages in one segment
        tcp4(b"\x00", seq=1200),
        tcp4(q6 + q6, seq=1300),
        # truncated capture of a whole message
        cut(whole, len(bytes(whole)) - 10),
        cut(whole, 14 + 20 + 20 + 1),
        tcp6(q6, seq=1400),
        tcp6(a6, sport=53, dport=40000, src=SRV6, dst=CLI6, seq=7000, ack=1400 + len(q6)),
        # a prefix with no message
        tcp4(lp(b""), seq=1500),
    ]
    write("dns-tcp.pcap", recs)


def dns_types():
    """One query asking for every type 0..260 and some more: tcpdump's type names."""
    types = list(range(0, 261)) + [32768, 32769, 65280, 65535]
    body = q("t.example", types[0]) + b"".join(q(ptr(QOFF), t) for t in types[1:])
    classes = [0, 1, 2, 3, 4, 5, 254, 255, 256, 0x8001]
    cbody = q("c.example", A, classes[0]) + b"".join(q(ptr(QOFF), A, c) for c in classes[1:])
    recs = [
        udp4(hdr(110, QRY, qd=len(types)) + body),
        udp4(hdr(111, QRY, qd=len(classes)) + cbody),
    ]
    write("dns-types.pcap", recs)


def http(payload, sport=40080, dport=80, seq=1, ack=1, v6=False, **kw):
    f = tcp6 if v6 else tcp4
    return f(payload, sport=sport, dport=dport, seq=seq, ack=ack, **kw)


def hrev(payload, sport=80, dport=40080, v6=False, **kw):
    if v6:
        return tcp6(payload, sport=sport, dport=dport, src=SRV6, dst=CLI6, **kw)
    return tcp4(payload, sport=sport, dport=dport, src=SRV4, dst=CLI4, **kw)


def http_basic():
    """Requests and responses with headers, over IPv4 and IPv6."""
    get = (b"GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/7.88.1\r\n"
           b"Accept: */*\r\n\r\n")
    ok = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
          b"Content-Length: 13\r\nServer:\tnginx\r\n\r\n<html></html>")
    recs = [
        http(b"", flags="S", seq=0, ack=0),
        hrev(b"", flags="SA", seq=0, ack=1),
        http(b"", flags="A"),
        http(get),
        hrev(ok, seq=1, ack=1 + len(get)),
        http(b"POST /api/v1/items?x=1 HTTP/1.1\r\nHost: example.com\r\n"
             b"Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\": 1}\n",
             seq=1000),
        http(b"HEAD /index.html HTTP/1.0\r\n\r\n", seq=2000),
        hrev(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", seq=3000),
        http(b"GET /v6 HTTP/1.1\nHost: [2001:db8::53]\n\n", v6=True, seq=4000),
        hrev(b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.com/\r\n\r\n",
             v6=True, seq=5000),
        http(b"get /lower HTTP/1.1\r\n\r\n", dport=8080, seq=6000),
        http(b"PROPFIND /dav/ HTTP/1.1\r\nDepth: 1\r\n\r\n", seq=7000),
        http(b"OPTIONS * HTTP/1.1\r\n\r\n", seq=7100),
        http(b"DELETE /x HTTP/1.1\r\n\r\n", seq=7200),
        http(b"CONNECT example.com:443 HTTP/1.1\r\n\r\n", seq=7300),
        http(b"PUT /f HTTP/1.1\r\n\r\n", seq=7400),
        hrev(b"HTTP/1.1 100 Continue\r\n\r\n", seq=7500),
    ]
    write("http-basic.pcap", recs)


def http_odd():
    """Port-80 payloads that are not (or not only) HTTP request or response lines."""
    big = b"GET /" + b"a" * 200 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    get = http(b"GET /cut HTTP/1.1\r\nHost: example.com\r\n\r\n", seq=3300)
    recs = [
        http(bytes(range(256)), seq=1000),
        http(b"hello world\r\nthis is not http\r\n", seq=1300),
        hrev(b"<html><body>continuation of a body</body></html>\r\n", seq=1400),
        http(b"GET /no-end HTTP/1.1", seq=1500),
        http(b"GET /cr HTTP/1.1\rX\r\n", seq=1600),
        http(b"GET /binary HTTP/1.1\r\nX: \x01\x02\r\n\r\n", seq=1700),
        http(b"GET\t/tab HTTP/1.1\r\n\r\n", seq=1800),
        http(b"  GET / HTTP/1.1\r\n\r\n", seq=1900),
        http(b"GETX / HTTP/1.1\r\n\r\n", seq=2000),
        hrev(b"HTTP/1.1 2000 Odd\r\n\r\n", seq=2100),
        hrev(b"HTTP/1.1 20 Odd\r\n\r\n", seq=2200),
        hrev(b"ICY 200 OK\r\n\r\n", seq=2300),
        http(big, seq=2400),
        http(b"GET / HTTP/1.1\r\nA: b\r\n\xe9\r\n", seq=2700),
        http(b"GET / HTTP/1.1\r", seq=2800),
        http(b"GET / HTTP/1.1\r\n\r\nGET /pipelined HTTP/1.1\r\n\r\n", seq=2900),
        cut(get, 54 + 10),
        cut(get, 54 + 25),
        cut(get, 54 + 2),
        http(b"\r\n", seq=3000),
        http(b"GET", seq=3100),
        hrev(b"HTTP/1.1 200", seq=3200),
    ]
    write("http-odd.pcap", recs)


def main():
    os.makedirs(OUT, exist_ok=True)
    dns_basic()
    dns_records()
    dns_edns()
    dns_bad()
    dns_mdns()
    dns_tcp()
    dns_types()
    http_basic()
    http_odd()


if __name__ == "__main__":
    main()
