#!/usr/bin/python3
# snaplen.py: writes the pcaps whose records libpcap accepts though they break the file header's promises
# SPDX-License-Identifier: BSD-2-Clause
#
# Records longer than the header's snapshot length (libpcap returns the
# first snapshot-length bytes and skips the rest, so the printers see a
# packet cut short) and records capturing more than the packet's length
# (tcpdump prints "[Invalid header: ...]"). pktctl dump -r must read both
# as tcpdump does; pktcapd's reader counts them as damage. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/snaplen.py
import os
import struct

from scapy.all import IP, UDP, Ether, Raw
from scapy.layers.dns import DNS, DNSQR

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000


def write(name, snaplen, recs):
    """recs: (bytes, caplen, wirelen); caplen may exceed snaplen or wirelen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, 1))
        for i, (data, caplen, wire) in enumerate(recs):
            f.write(struct.pack("<IIII", T0 + i, 1000 + i, caplen, wire))
            f.write(data[:caplen].ljust(caplen, b"\0"))


def main():
    dns = bytes(Ether(src="00:11:22:33:44:55", dst="00:66:77:88:99:aa") /
                IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=3333, dport=53) /
                DNS(id=7, qd=DNSQR(qname="www.example.com")))
    udp = bytes(Ether() / IP(src="10.0.0.3", dst="10.0.0.4") / UDP(sport=1, dport=9) / Raw(b"x" * 40))
    recs = [(dns, len(dns), len(dns))]
    # Longer than the snapshot length (60): cut at 60, in the DNS question.
    recs.append((dns, len(dns), len(dns)))
    recs.append((udp, len(udp), len(udp) + 100))
    # caplen > len, len 0, caplen 0, and a normal record after them.
    recs.append((udp, 20, 10))
    recs.append((udp, 4, 0))
    recs.append((udp, 0, 60))
    recs.append((udp, 50, len(udp)))
    write("snaplen-short.pcap", 60, recs)


if __name__ == "__main__":
    main()
