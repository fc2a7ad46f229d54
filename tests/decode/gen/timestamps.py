#!/usr/bin/python3
# timestamps.py: writes the pcaps of odd record times (bit 31 set, fractions of a second or more)
# SPDX-License-Identifier: BSD-2-Clause
#
# tcpdump prints "[Error converting time]" for seconds with bit 31 set, prints
# a fraction field of a million microseconds or more digit for digit, and
# computes -ttt/-ttttt deltas in seconds and fractions with one borrow. Plain
# struct, no scapy: the packet is a fixed ARP request. Run from anywhere:
#   /usr/bin/python3 tests/decode/gen/timestamps.py
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

ARP = bytes.fromhex("ffffffffffff001122334455" "0806" "0001080006040001"
                    "001122334455" "c0000201" "000000000000" "c6336407")


def write(name, magic, times):
    """times: (seconds, fraction) as the record stores them, both unsigned 32-bit."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", magic, 2, 4, 0, 0, 262144, 1))
        for sec, frac in times:
            f.write(struct.pack("<IIII", sec, frac, len(ARP), len(ARP)))
            f.write(ARP)


# Microsecond file: a borrow across a second, ts_sec = 0xffffffff (the issue's
# 1970-01-01 00:00:00.551615), fractions of 1.5 s and 0xffffffff, the first
# second with bit 31 set (2038), time going backwards, a 0.0 record (tcpdump
# then restarts its delta reference), and a 5 s fraction that wraps in 32 bits.
write("ts-odd-micro.pcap", 0xa1b2c3d4, [
    (T0, 999999), (T0 + 1, 1), (0xffffffff, 551615), (T0, 1500000), (T0, 0xffffffff),
    (0x80000000, 0), (T0 - 1, 999999), (0, 0), (T0 + 2, 5000000), (5, 7)])
# Nanosecond file: the same kinds of fields in nanoseconds.
write("ts-odd-nano.pcap", 0xa1b23c4d, [
    (T0, 999999999), (T0 + 1, 1), (0xffffffff, 1), (T0, 1500000000), (T0, 0xffffffff),
    (T0 - 1, 5), (0x7fffffff, 999999999)])
# A first record at 0.0: -ttttt keeps taking each packet as its reference until one is not 0.0.
write("ts-zero-first.pcap", 0xa1b2c3d4, [(0, 0), (0, 0), (T0, 250000), (T0 + 3, 100)])
