#!/usr/bin/python3
# ldp.py: writes the LDP conformance pcaps (every message type and TLV tcpdump decodes, over UDP and TCP)
# SPDX-License-Identifier: BSD-2-Clause
#
# LDP PDUs are packed by hand with struct and sent in scapy UDP datagrams
# and TCP segments on port 646: a basic pcap (malformed PDUs, messages and
# TLVs too), a sweep (some packets cut at every length) and a mutation pcap.
# Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/ldp.py
import ipaddress
import os
import struct
import sys

from scapy.all import IP, IPv6, TCP, UDP, Ether, Raw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import MAC1, MAC2, write, sweep, mutate  # noqa: E402


def a4(s):
    return bytes(int(x) for x in s.split("."))


def a6(s):
    return ipaddress.IPv6Address(s).packed


def tlv(t, v, u=0, f=0):
    return struct.pack(">HH", (u << 15) | (f << 14) | t, len(v)) + v


def message(t, tlvs, mid=1, u=0):
    return struct.pack(">HHI", (u << 15) | t, 4 + len(tlvs), mid) + tlvs


def pdu(msgs, lsr="10.0.0.1", space=0, version=1, length=None):
    body = b"".join(msgs)
    return struct.pack(">HH", version, 6 + len(body) if length is None else length) + \
        a4(lsr) + struct.pack(">H", space) + body


def udp(payload, v6=False, sport=646, dport=646):
    ip = IPv6(src="fe80::1", dst="ff02::2") if v6 else IP(src="10.0.0.1", dst="224.0.0.2", ttl=1, id=1)
    return Ether(src=MAC1, dst=MAC2) / ip / UDP(sport=sport, dport=dport) / Raw(payload)


def tcp(payload, seq=1000, sport=646, dport=40646):
    return Ether(src=MAC1, dst=MAC2) / IP(src="10.0.0.1", dst="10.0.0.2", id=1, ttl=255) / \
        TCP(sport=sport, dport=dport, seq=seq, ack=1, flags="PA", window=512) / Raw(payload)


def fec_prefix(af, plen, addr):
    return struct.pack(">BHB", 2, af, plen) + addr[:(plen + 7) // 8]


def martini(pw, vcid, params, cw=True, group=7, vlen=None):
    info = struct.pack(">I", vcid) + params
    return struct.pack(">BHB", 0x80, (0x8000 if cw else 0) | pw, len(info) if vlen is None else vlen) + \
        struct.pack(">I", group) + info


HELLO = message(0x100, tlv(0x400, struct.pack(">HH", 15, 0)) + tlv(0x401, a4("10.0.0.1")) +
                tlv(0x402, struct.pack(">I", 1)))
HELLO_T = message(0x100, tlv(0x400, struct.pack(">HH", 45, 0xc000)) + tlv(0x403, a6("2001:db8::1")))
INIT = message(0x200, tlv(0x500, struct.pack(">HHBBHIH", 1, 30, 0, 0, 0xc000, 0, 0) + a4("10.0.0.2") +
                          b"\x00\x00") +
               tlv(0x503, struct.pack(">HHII", 0x800f, 0, 120000, 0)) +
               tlv(0x503, struct.pack(">HHII", 0x0000, 0, 0, 5000)) +
               tlv(0x501, b"\x01\x02\x03\x04", u=1, f=1) + tlv(0x3e01, b"\xaa\xbb", u=1))
KEEP = message(0x201, b"")
ADDR = message(0x300, tlv(0x101, struct.pack(">H", 1) + a4("10.0.0.1") + a4("10.1.1.1") + a4("192.0.2.1")))
ADDR6 = message(0x300, tlv(0x101, struct.pack(">H", 2) + a6("2001:db8::1") + a6("fe80::2")))
ADDRX = message(0x301, tlv(0x101, struct.pack(">H", 25) + b"\x01\x02\x03\x04") +
                tlv(0x101, struct.pack(">H", 99) + b"\x01") + tlv(0x101, struct.pack(">H", 1) + b"\x0a\x00"))
MAP = message(0x400, tlv(0x100, fec_prefix(1, 24, a4("10.2.3.0"))) + tlv(0x200, struct.pack(">I", 16)) +
              tlv(0x601, struct.pack(">H", 1500)) + tlv(0x103, b"\x01") + tlv(0x104, a4("10.0.0.9")))
MAP6 = message(0x400, tlv(0x100, fec_prefix(2, 64, a6("2001:db8:1:2::"))) + tlv(0x200, struct.pack(">I", 0x100003)))
MAPS = [
    message(0x400, tlv(0x100, b"\x01")),
    message(0x400, tlv(0x100, b"\x03\x00\x01\x04\x0a\x00\x00\x01")),
    message(0x400, tlv(0x100, b"\x07\x01")),
    message(0x400, tlv(0x100, fec_prefix(1, 40, a4("10.0.0.0") + b"\x00"))),
    message(0x400, tlv(0x100, fec_prefix(2, 129, b"\x00" * 17))),
    message(0x400, tlv(0x100, fec_prefix(25, 8, b"\x0a"))),
    message(0x400, tlv(0x100, b"\x02\x00")),
    message(0x400, tlv(0x100, b"")),
    message(0x400, tlv(0x100, martini(5, 100, b"\x01\x04\x05\xdc" + b"\x03\x06eth0" +
                                      b"\x0c\x04\x03\x06" + b"\x09\x04\xab\xcd")) +
            tlv(0x200, struct.pack(">I", 299776))),
    message(0x400, tlv(0x100, martini(4, 200, b"\x0c\x04\x00\x00", cw=False))),
    message(0x400, tlv(0x100, martini(0x63, 0, b"", vlen=0))),
    message(0x400, tlv(0x100, martini(5, 300, b"", vlen=2))),
    message(0x400, tlv(0x100, martini(5, 300, b"\x01\x04", vlen=12))),
    message(0x400, tlv(0x100, martini(5, 300, b"\x01\x01\x00\x00"))),
    message(0x400, tlv(0x100, b"\x80\x00\x05\x04\x00")),
    message(0x400, tlv(0x100, b"\x80\x00\x05\x04\x00\x00\x00\x07\x00")),
    message(0x400, tlv(0x100, martini(5, 300, b"\x03\x05a\x01\xff"))),
]
NOTIF = message(0x001, tlv(0x300, struct.pack(">II", 0xc0000005, 0x42) + b"\x01\x00"), u=1)
NOTIF2 = message(0x001, tlv(0x300, struct.pack(">II", 0x00000013, 0)) + tlv(0x301, b"\x00\x00\x00\x01"))
SHORTS = message(0x100, tlv(0x400, b"\x00") + tlv(0x401, b"") + tlv(0x403, b"\x00" * 4) +
                 tlv(0x402, b"\x01") + tlv(0x500, b"\x00" * 6) + tlv(0x200, b"\x00") +
                 tlv(0x300, b"\x00" * 7) + tlv(0x503, b"\x00" * 8) + tlv(0x601, b"\x05") + tlv(0x101, b"\x01"))
OTHERS = [message(0x401, tlv(0x100, fec_prefix(1, 32, a4("10.9.9.9")))),
          message(0x403, tlv(0x200, struct.pack(">I", 17))),
          message(0x404, b"\x01\x02\x03\x04\x05\x06"),
          message(0x402, tlv(0x100, b"\x01")),
          message(0x3f00, b"\x00\x01\x02")]


def pdus():
    out = [udp(pdu([HELLO])), udp(pdu([HELLO_T]), v6=True), udp(pdu([HELLO]), sport=50000),
           tcp(pdu([INIT])), tcp(pdu([KEEP])), tcp(pdu([KEEP, KEEP])), tcp(pdu([ADDR, ADDR6])),
           tcp(pdu([ADDRX])), tcp(pdu([MAP, MAP6])), tcp(pdu([NOTIF, NOTIF2])), tcp(pdu([SHORTS]))]
    out += [tcp(pdu([m])) for m in MAPS + OTHERS]
    out += [
        tcp(pdu([INIT]) + pdu([KEEP]) + pdu([ADDR])),
        tcp(pdu([KEEP]) + pdu([KEEP], version=2)),
        tcp(pdu([KEEP], version=0)),
        tcp(pdu([KEEP], length=4)),
        tcp(pdu([KEEP], length=30)),
        tcp(pdu([KEEP], length=400) + b"\x00" * 10),
        tcp(pdu([struct.pack(">HHI", 0x201, 2, 9)])),
        tcp(pdu([message(0x100, tlv(0x400, b"\x00\x0f\x00\x00", u=1, f=1))[:8] + b"\x04\x00\x00\x08\x00\x0f"])),
        tcp(pdu([message(0x100, tlv(0x400, struct.pack(">HH", 15, 0)))], length=12)),
        tcp(pdu([KEEP])[:16]),
        tcp(pdu([KEEP])[:18] + b"\x00"),
        udp(pdu([KEEP])[:18]),
        tcp(b"\x00\x01\x00"),
    ]
    return out


def main():
    pkts = pdus()
    write("ldp-basic.pcap", pkts)
    cut = [pkts[0], pkts[1], pkts[3], pkts[8], pkts[9], pkts[11 + 8]]
    write("ldp-sweep.pcap", sweep(cut, 42))
    write("ldp-mutate.pcap", mutate(pkts, 42, n=400))


if __name__ == "__main__":
    main()
