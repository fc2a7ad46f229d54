#!/usr/bin/python3
# sctp_vlan.py: writes the SCTP, VLAN (802.1Q, QinQ) and AFS RX conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# SCTP chunks are packed by hand with struct inside scapy's Ethernet and IP
# headers: every chunk type tcpdump names, DATA flags and payload
# identifiers, SACK gap blocks and duplicates, bad chunk lengths; VLAN
# frames carry one, two and three tags of each TPID over IPv4, IPv6, ARP,
# SCTP and unknown types. Each gets a basic pcap, a sweep (cut at every
# length) and a mutation pcap. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/sctp_vlan.py
import os
import struct
import sys

from scapy.all import IP, IPv6, UDP, ARP, Ether, Raw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import write, sweep, mutate, MAC1, MAC2  # noqa: E402


def emit(name, pkts, start, extra=(), end=None):
    write(name + "-basic.pcap", list(pkts) + list(extra))
    write(name + "-sweep.pcap", sweep(pkts, start))
    if end is None:
        write(name + "-mut.pcap", mutate(pkts, start, n=400))
    else:
        # Only the bytes before end change: the tags, not what they carry.
        # MACsec (0x88e5), which a change can make, is not decoded.
        recs = [(r[0], len(p)) if isinstance(r, tuple) else r + p[end:]
                                   for p, r in ((bytes(q), mutate([bytes(q)[:end]], start, n=1,
                                                                  seed=i)[0])
                                                for i, q in enumerate(pkts * 25))]
        write(name + "-mut.pcap", [r for r in recs
                                   if b"\x88\xe5" not in (r[0] if isinstance(r, tuple) else r)[:end]])


# ---- SCTP (IP protocol 132) ----

def chunk(typ, flags, body, length=None, pad=True):
    ln = 4 + len(body) if length is None else length
    c = struct.pack("!BBH", typ, flags, ln) + body
    if pad and len(c) % 4:
        c += b"\0" * (4 - len(c) % 4)
    return c


def data(flags, tsn, sid, sseq, ppid, payload=b"hello sctp"):
    return chunk(0, flags, struct.pack("!IHHI", tsn, sid, sseq, ppid) + payload)


def init(typ=1, params=b""):
    return chunk(typ, 0, struct.pack("!IIHHI", 0xdeadbeef, 106496, 10, 65535, 12345) + params)


def sack(cum, rwnd, gaps, dups, ngaps=None, ndups=None):
    body = struct.pack("!IIHH", cum, rwnd, len(gaps) if ngaps is None else ngaps,
                       len(dups) if ndups is None else ndups)
    body += b"".join(struct.pack("!HH", s, e) for s, e in gaps)
    body += b"".join(struct.pack("!I", d) for d in dups)
    return chunk(3, 0, body)


def sctp(chunks, sport=2905, dport=2905, v6=False, tag=0x01020304):
    payload = struct.pack("!HHII", sport, dport, tag, 0) + b"".join(chunks)
    if v6:
        return Ether(src=MAC1, dst=MAC2) / IPv6(src="2001:db8::1", dst="2001:db8::2", nh=132) / \
            Raw(payload)
    return Ether(src=MAC1, dst=MAC2) / IP(src="192.0.2.1", dst="192.0.2.2", id=1, proto=132) / \
        Raw(payload)


def sctp_pcaps():
    hb = struct.pack("!HH", 1, 12) + b"\x01\x02\x03\x04\x05\x06\x07\x08"
    cause = struct.pack("!HHH", 1, 8, 7) + b"\0\0"
    p = [
        sctp([init(1, struct.pack("!HHI", 5, 8, 0xc0000201))]),
        sctp([init(2, struct.pack("!HH", 7, 12) + b"cookie!!")]),
        sctp([chunk(10, 0, b"cookie!!")]),
        sctp([chunk(11, 0, b"")]),
        sctp([data(3, 1, 0, 0, 0)]),
        sctp([data(3, 2, 1, 1, 3, b"m3ua-ish payload")]),
        sctp([data(7, 3, 2, 2, 18), data(2, 4, 2, 3, 27, b"x" * 40), data(0, 5, 2, 4, 99),
              data(1, 6, 2, 5, 46, b"end")]),
        sctp([data(4, 7, 0, 0, 0x1234, b"unordered, middle")]),
        sctp([sack(100, 65536, [], [])]),
        sctp([sack(100, 65536, [(2, 4), (6, 9)], [97, 98])]),
        sctp([sack(100, 65536, [(2, 4)], [], ngaps=5)]),
        sctp([sack(100, 65536, [], [], ngaps=2, ndups=1)]),
        sctp([chunk(4, 0, hb)]),
        sctp([chunk(5, 0, hb)]),
        sctp([chunk(6, 1, cause)]),
        sctp([chunk(7, 0, struct.pack("!I", 1000))]),
        sctp([chunk(8, 0, b"")]),
        sctp([chunk(14, 1, b"")]),
        sctp([chunk(9, 0, cause)]),
        sctp([chunk(12, 0, struct.pack("!I", 50))]),
        sctp([chunk(13, 0, struct.pack("!I", 50))]),
        sctp([chunk(0xc0, 0, struct.pack("!IHH", 77, 1, 2))]),
        sctp([chunk(0xc1, 0, b"abcd"), chunk(0xc2, 0, b"")]),
        sctp([chunk(0x80, 0, b"unknown"), chunk(0x3f, 0, b"")]),
        sctp([data(3, 9, 0, 0, 0, b"\x00\x01\x02"), sack(8, 1000, [], []), chunk(0x0b, 0, b"")]),
        sctp([data(3, 10, 0, 0, 0)], v6=True),
        sctp([init(1), chunk(4, 0, hb)], v6=True, sport=5000, dport=36412),
        sctp([]),
        sctp([b"\x00\x03"]),
        sctp([chunk(0, 3, b"", length=2, pad=False)]),
        sctp([chunk(0, 3, struct.pack("!IHHI", 1, 0, 0, 0))]),
        sctp([chunk(0, 3, b"short", pad=False)]),
        sctp([chunk(1, 0, b"tiny")]),
        sctp([chunk(3, 0, b"tiny")]),
        sctp([chunk(0, 3, struct.pack("!IHHI", 1, 0, 0, 0) + b"p", pad=False)]),
        sctp([chunk(4, 0, b"ab", length=400, pad=False)]),
        sctp([chunk(4, 0, b"abc", pad=False)]),
    ]
    extra = [
        Ether(src=MAC1, dst=MAC2) / IP(src="192.0.2.1", dst="192.0.2.2", id=1, proto=132) /
        Raw(b"\x0b\x59\x0b"),
        Ether(src=MAC1, dst=MAC2) / IP(src="192.0.2.1", dst="192.0.2.2", id=2, proto=132, flags=1) /
        Raw(bytes(sctp([data(3, 1, 0, 0, 0, b"z" * 40)]))[34:][:32]),
        Ether(src=MAC1, dst=MAC2) / IP(src="192.0.2.1", dst="192.0.2.2", id=2, proto=132, frag=4) /
        Raw(b"z" * 24),
    ]
    emit("sctp", p, 14 + 20, extra)
    # Ethernet padding after a short packet: the IP length, not the frame, bounds the chunks.
    pad = [bytes(sctp([data(3, 1, 0, 0, 0, b"")])) + b"\0" * 20,
           bytes(sctp([chunk(11, 0, b"", length=60, pad=False)])) + b"\0" * 60]
    write("sctp-pad.pcap", pad)


def m3ua(cls, typ, prms, ver=1, length=None):
    body = b"".join(prms)
    return struct.pack("!BBBBI", ver, 0, cls, typ, 8 + len(body) if length is None else length) + body


def prm(tag, val, pad=True):
    b = struct.pack("!HH", tag, 4 + len(val)) + val
    return b + b"\0" * ((4 - len(b) % 4) % 4 if pad else 0)


def m3ua_pcaps():
    msgs = [
        m3ua(1, 1, [prm(0x0200, b"\0\0\0\x07"), prm(0x0006, b"\0\0\0\x01"),
                    prm(0x0210, b"\x00\x00\x00\x01\x00\x00\x00\x02\x03\x02\x00\x05" + b"sccp")]),
        m3ua(0, 0, [prm(0x000c, b"\0\0\0\x01"), prm(0x0007, b"diag")]),
        m3ua(0, 1, [prm(0x000d, b"\0\x01\0\x02"), prm(0x0011, b"\0\0\0\x09"),
                    prm(0x0004, b"info")]),
        m3ua(2, 1, [prm(0x0012, b"\0\0\x01\x02"), prm(0x0013, b"\0\0\0\x05")]),
        m3ua(2, 4, [prm(0x0205, b"\0\0\0\x02"), prm(0x0206, b"\0\0\x03\x04")]),
        m3ua(2, 9, []),
        m3ua(3, 1, [prm(0x0011, b"\0\0\0\x01")]), m3ua(3, 3, [prm(0x0009, b"beat")]),
        m3ua(3, 6, []), m3ua(4, 1, [prm(0x000b, b"\0\0\0\x02")]), m3ua(4, 4, []),
        m3ua(9, 1, [prm(0x0207, b"\0\0\0\x01" * 2)]), m3ua(9, 4, [prm(0x0209, b"")]),
        m3ua(5, 1, []), m3ua(7, 7, [prm(0x9999, b"xyz")]),
        m3ua(1, 1, [prm(0x0200, b"ab")]), m3ua(1, 1, [prm(0x0006, b"")]),
        m3ua(1, 1, [], length=99), m3ua(1, 1, [b"\0\x06\0\x02"]), m3ua(1, 1, [b"\0\x06"]),
        m3ua(1, 1, [prm(0x0200, b"\0\0\0\x07", pad=False) + b"\0\x06\0\x08\0\0\0\x01"]),
        m3ua(2, 1, [], ver=2), b"\x01\x00\x01", b"\x01\x00\x01\x01\x00\x00",
    ]
    p = [sctp([data(3, i, 0, i, 3, m)]) for i, m in enumerate(msgs)]
    p.append(sctp([data(3, 99, 0, 0, 3, msgs[0]), data(3, 100, 0, 1, 3, msgs[6])]))
    emit("m3ua", p, 14 + 20 + 12 + 16)


# ---- VLAN tags ----

def vl(tags, et, payload):
    b = bytes(Ether(src=MAC1, dst=MAC2))[:12]
    for tpid, tci in tags:
        b += struct.pack("!HH", tpid, tci)
    return b + struct.pack("!H", et) + bytes(payload)


def vlan_pcaps():
    ip4 = IP(src="192.0.2.1", dst="192.0.2.2", id=1) / UDP(sport=1000, dport=2000) / Raw(b"vlan")
    ip6 = IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1000, dport=2000) / Raw(b"v6")
    arp = ARP(psrc="192.0.2.1", pdst="192.0.2.2", hwsrc=MAC1)
    sc = bytes(sctp([data(3, 1, 0, 0, 0)]))[14:]
    p = [
        vl([(0x8100, 10)], 0x0800, ip4),
        vl([(0x8100, 0xe000 | 4094)], 0x0800, ip4),
        vl([(0x8100, 0x1000 | 5)], 0x86dd, ip6),
        vl([(0x8100, 0)], 0x0806, arp),
        vl([(0x88a8, 100), (0x8100, 20)], 0x0800, ip4),
        vl([(0x88a8, 0x3000 | 100), (0x8100, 0x5000 | 20)], 0x86dd, ip6),
        vl([(0x9100, 7), (0x8100, 8)], 0x0800, ip4),
        vl([(0x9200, 7)], 0x0806, arp),
        vl([(0x88a8, 1), (0x88a8, 2), (0x8100, 3)], 0x0800, ip4),
        vl([(0x8100, 30)], 0x0800, sc),
        vl([(0x88a8, 31), (0x8100, 32)], 0x0800, sc),
        vl([(0x8100, 40)], 0x88b5, b"local experimental ethertype"),
        vl([(0x8100, 41)], 0x0030, b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + bytes(ip4)[:40]),
        vl([(0x8100, 42)], 0x0008, b"\x42\x42\x03\x00\x00\x00\x00\x00"),
        vl([(0x8100, 43)], 0x88cc, b"\x02\x07\x04\x00\x11\x22\x33\x44\x55\x00\x00"),
        vl([(0x8100, 44)], 0x8100, struct.pack("!HH", 45, 0x0800) + bytes(ip4)),
    ]
    emit("vlan", p, 12, end=26)


# ---- AFS RX (UDP 7000-7009): headers and acks; not the service calls ----

def rx(typ, flags, seq=5, body=b"", sport=7001, dport=7000):
    h = struct.pack("!IIIIIBBBBHH", 0x5a5a5a5a, 0x01020304, 42, seq, 77, typ, flags, 0, 2, 0, 3)
    return Ether(src=MAC1, dst=MAC2) / IP(src="192.0.2.1", dst="192.0.2.2", id=1) / \
        UDP(sport=sport, dport=dport) / Raw(h + body)


def rxack(first, reason, acks, trailer=4):
    b = struct.pack("!HHIIIBB", 8, 2, first, 0, 99, reason, len(acks)) + bytes(acks) + b"\0" * 3
    return b + b"".join(struct.pack("!I", 1400 + i) for i in range(trailer))


def rx_pcaps():
    p = [rx(t, f) for t, f in ((1, 0x01 | 0x20), (1, 0x3f), (3, 0), (4, 2), (5, 4), (6, 8),
                               (7, 16), (8, 0), (9, 0), (13, 0), (99, 0x1f), (1, 0x21))]
    p += [rx(1, 0x01, seq=1, dport=7009), rx(1, 0, seq=1, sport=7000, dport=7000),
          rx(4, 0x02, seq=1, sport=7000, dport=7000)]
    p += [rx(2, 0x20, body=rxack(10, r, a, k))
          for r, a, k in ((1, [1, 1, 1, 0, 0, 1, 0, 1, 1], 4), (2, [0, 1, 0, 1], 3), (6, [], 2),
                          (12, [1], 0), (7, [0, 0, 0, 1, 1], 1), (9, [2, 1, 1, 0], 4))]
    p += [rx(2, 0, body=b"\0" * 10), rx(2, 0, body=rxack(1, 1, [1] * 8)[:20])]
    extra = [(bytes(rx(1, 0))[:14 + 20 + 8 + 20], len(bytes(rx(1, 0))))]
    emit("rx", p, 14 + 20 + 8, extra)


if __name__ == "__main__":
    sctp_pcaps()
    vlan_pcaps()
    rx_pcaps()
    m3ua_pcaps()
