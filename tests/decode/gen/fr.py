#!/usr/bin/python3
# fr.py: writes the Frame Relay (DLT_FRELAY, link type 107) conformance pcaps
# SPDX-License-Identifier: BSD-2-Clause
#
# The Q.922 address, control and NLPID bytes are packed by hand so that
# every address form (2, 3 and 4 bytes, pad or none), every flag bit, bad
# control bytes and invalid addresses are as easy to write as good ones;
# scapy builds the IP, IPv6 and IS-IS payloads. One frame per form is also
# cut at every length to reach each truncation exit. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/fr.py
import os
import struct

from scapy.all import ICMP, IP, UDP, IPv6, Raw
from scapy.contrib.isis import ISIS_CommonHdr, ISIS_P2P_Hello, ISIS_AreaTlv, ISIS_AreaEntry

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000
LINKTYPE_FRELAY = 107


def write(name, recs):
    """recs: bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, LINKTYPE_FRELAY))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456 + i, len(data), wire))
            f.write(data)


def addr2(dlci, cr=0, fecn=0, becn=0, de=0):
    """The 2-byte Q.922 address: 10-bit DLCI."""
    b0 = ((dlci >> 4) & 0x3f) << 2 | (cr << 1)
    b1 = (dlci & 0x0f) << 4 | fecn << 3 | becn << 2 | de << 1 | 1
    return bytes([b0, b1])


def addr3(dlci, sdlc=0, flags=0):
    """3 bytes: 16-bit DLCI (6 + 4 + 6 bits), the last byte with EA set."""
    b0 = ((dlci >> 10) & 0x3f) << 2
    b1 = ((dlci >> 6) & 0x0f) << 4 | flags
    b2 = (dlci & 0x3f) << 2 | sdlc << 1 | 1
    return bytes([b0, b1, b2])


def addr4(dlci, sdlc=0, flags=0):
    """4 bytes: 23-bit DLCI (6 + 4 + 7 + 6 bits)."""
    b0 = ((dlci >> 17) & 0x3f) << 2
    b1 = ((dlci >> 13) & 0x0f) << 4 | flags
    b2 = ((dlci >> 6) & 0x7f) << 1
    b3 = (dlci & 0x3f) << 2 | sdlc << 1 | 1
    return bytes([b0, b1, b2, b3])


def ping(i=1):
    return bytes(IP(src="10.9.0.1", dst="10.9.0.2", id=i) / ICMP(type=8, id=7, seq=i) / Raw(b"abcdefgh"))


def ping6():
    return bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1000, dport=2000) / Raw(b"hello"))


def isis():
    """Begins with its NLPID (0x83), as the OSI printers expect."""
    return bytes(ISIS_CommonHdr() / ISIS_P2P_Hello(circuittype="L1", sourceid="1720.1600.1001",
                                                   localcircuitid=1,
                                                   tlvs=[ISIS_AreaTlv(areas=[ISIS_AreaEntry(areaid="49.0001")])]))


def esis():
    """An ES-IS ES hello (ISO 9542) with one NET."""
    net = bytes.fromhex("490001aabbccddeeff00")
    body = bytes([1, len(net)]) + net
    return bytes([0x82, 9 + len(body), 1, 0, 2]) + struct.pack("!HH", 30, 0) + body


def clnp():
    """A CLNP data PDU without options or payload."""
    dst = bytes.fromhex("490001aabbccddeeff01")
    src = bytes.fromhex("490001aabbccddeeff02")
    addrs = bytes([len(dst)]) + dst + bytes([len(src)]) + src
    li = 9 + len(addrs)
    return bytes([0x81, li, 1, 30, 0x1c]) + struct.pack("!HH", li, 0) + addrs


A = addr2(100)
UI = b"\x03"
frames = [
    A + UI + b"\xcc" + ping(),
    addr2(100, cr=1, fecn=1, becn=1, de=1) + UI + b"\xcc" + ping(2),
    addr2(1023, fecn=1) + UI + b"\xcc" + ping(3),
    addr2(17, de=1, becn=1) + UI + b"\x8e" + ping6(),
    A + UI + isis(),
    A + UI + esis(),
    A + UI + clnp(),
    A + UI + b"\x00" + isis(),                     # pad after a 2-byte address
    addr3(40000) + UI + b"\x00\xcc" + ping(4),         # 3-byte address, pad
    addr3(40000, sdlc=1, flags=0x0e) + UI + b"\xcc" + ping(5),  # no pad
    addr4(5000000) + UI + b"\xcc" + ping(6),
    addr4(5000000, sdlc=1, flags=0x08) + UI + isis(),
    A + UI + b"\x80" + bytes.fromhex("0000000800") + ping(7),      # SNAP, ethertype IPv4
    A + UI + b"\x80" + bytes.fromhex("00000c1234") + b"snapdata",  # SNAP nobody decodes
    A + UI + b"\xcf" + bytes.fromhex("c021") + bytes.fromhex("09010008deadbeef"),  # PPP LCP
    A + UI + b"\x22" + b"unknown nlpid payload",
    A + UI + b"\x00\x00" + b"NULL nlpid",
    A + bytes.fromhex("0800") + ping(8),               # Cisco form: an Ethernet type
    A + bytes.fromhex("86dd") + ping6(),
    A + bytes.fromhex("2200") + b"\xcc" + ping(9),     # not a type: UI 22!, then a pad
    A + bytes.fromhex("22cc") + ping(10),              # UI 22!, then the NLPID
    A + bytes.fromhex("2200") + isis(),
    addr2(0) + bytes.fromhex("2282") + esis()[1:],     # DLCI 0 skips the Cisco check
    bytes([0x19, 0x41]) + UI + b"\xcc" + ping(),       # EA in the first byte: invalid
    bytes([0x18, 0x40, 0x02, 0x04, 0x06]) + UI + b"\xcc",  # five address bytes: invalid
]
write("fr-basic.pcap", frames)

cuts = []
for f in (A + UI + b"\xcc" + ping(), addr3(40000) + UI + b"\x00" + isis(),
          addr4(5000000) + UI + b"\x22" + b"xyz", A + bytes.fromhex("0800") + ping(),
          A + bytes.fromhex("2200") + b"\x8e" + ping6()[:20], A + UI + b"\x80" + bytes.fromhex("0000000800") + ping()):
    cuts += [(f[:n], len(f)) for n in range(1, len(f))]
write("fr-sweep.pcap", cuts)

# Short frames whose length says so too (not only the snaplen).
short = [A, A + UI, addr3(40000) + UI, addr3(40000) + UI + b"\x00", addr4(5000000) + b"\x22",
         A + b"\x22", A + UI + b"\x22"]
write("fr-short.pcap", short)
