#!/bin/bash
# dump-files.sh: pktctl dump -r reads plain and gzip files, merges them by time, and survives damaged ones
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 tcpdump
tmp_setup
PKTCTL=$top_builddir/ctl/pktctl
python3 - "$TMP" <<'PY'
import struct, sys
d = sys.argv[1]
def rec(t, data):
    return struct.pack("<IIII", int(t), int(round((t % 1) * 1e6)), len(data), len(data)) + data
def pkt(i, port):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + 4, i, 0, 64, 17, 0, bytes([198, 18, 0, 1]), bytes([198, 18, 0, 2]))
    return b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + ip + struct.pack("!HHHH", 1000, port, 12, 0) + struct.pack("!I", i)
hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
odd = b"".join(rec(1700000000 + 2 * i + 1, pkt(i, 1111)) for i in range(10))
even = b"".join(rec(1700000000 + 2 * i, pkt(i, 2222)) for i in range(10))
open(d + "/odd.pcap", "wb").write(hdr + odd)
open(d + "/even.pcap", "wb").write(hdr + even)
open(d + "/badmagic.pcap", "wb").write(b"\x00\x01\x02\x03" + hdr[4:] + even)
open(d + "/shorthdr.pcap", "wb").write(hdr[:10])
open(d + "/empty.pcap", "wb").write(b"")
good3 = b"".join(rec(1700000000 + i, pkt(i, 3333)) for i in range(3))
open(d + "/cutrecord.pcap", "wb").write(hdr + good3 + rec(1700000010, pkt(9, 3333))[:30])
huge = struct.pack("<IIII", 1700000020, 0, 0x7fffffff, 0x7fffffff)
open(d + "/absurd.pcap", "wb").write(hdr + good3 + huge + b"x" * 40)
import random
random.seed(7)
big = b"".join(rec(1700000100 + i, pkt(i, 4444) + bytes(random.getrandbits(8) for _ in range(200))) for i in range(100))
open(d + "/big.pcap", "wb").write(hdr + big)
PY
gzip -c "$TMP/odd.pcap" > "$TMP/odd.pcap.gz"
gzip -c "$TMP/big.pcap" > "$TMP/big.pcap.gz"
head -c $(($(stat -c %s "$TMP/big.pcap.gz") / 2)) "$TMP/big.pcap.gz" > "$TMP/cut.pcap.gz"

# Merged by time: 20 packets alternating between the two files.
out=$("$PKTCTL" dump -r "$TMP/odd.pcap.gz" -r "$TMP/even.pcap" -tt -q)
[ "$(echo "$out" | wc -l)" = 20 ] || fail "merge gave $(echo "$out" | wc -l) packets"
sorted=$(echo "$out" | awk '{ print $1 }' | sort -n)
[ "$(echo "$out" | awk '{ print $1 }')" = "$sorted" ] || fail "merged output is not in time order"
# Same bytes as tcpdump reading the plain file.
"$PKTCTL" dump -r "$TMP/odd.pcap.gz" -w "$TMP/again.pcap" || fail "-w from a gzip file failed"
cmp -s "$TMP/again.pcap" "$TMP/odd.pcap" || fail "-w did not reproduce the file byte for byte"
n=$(cat "$TMP/odd.pcap.gz" | "$PKTCTL" dump -r - | wc -l)
[ "$n" = 10 ] || fail "gzip from a pipe gave $n packets"
n=$("$PKTCTL" dump -r "$TMP/even.pcap" -r "$TMP/odd.pcap" udp port 2222 | wc -l)
[ "$n" = 10 ] || fail "filter over merged files gave $n"

# Damage: a clear error, the packets before the damage, never a crash.
check_bad() {	# FILE EXPECTED-PACKETS MESSAGE-PATTERN
	out=$("$PKTCTL" dump -r "$TMP/$1" 2>"$TMP/err")
	rc=$?
	n=$(printf '%s' "$out" | grep -c .)
	[ "$rc" = 1 ] || fail "$1: exit $rc, expected 1 ($(cat "$TMP/err"))"
	[ "$n" = "$2" ] || fail "$1: $n packets printed, expected $2"
	grep -q "$3" "$TMP/err" || fail "$1: message '$(cat "$TMP/err")' lacks '$3'"
	log "$1: $(cat "$TMP/err")"
}
check_bad badmagic.pcap 0 "badmagic.pcap: .*"
check_bad shorthdr.pcap 0 "shorthdr.pcap: .*"
check_bad empty.pcap 0 "empty.pcap: .*"
check_bad cutrecord.pcap 3 "truncated"
check_bad absurd.pcap 3 "cutrecord\|absurd.pcap: .*"
out=$("$PKTCTL" dump -r "$TMP/cut.pcap.gz" 2>"$TMP/err")
n=$(printf '%s' "$out" | grep -c .)
[ "$n" -ge 10 ] && [ "$n" -lt 100 ] || fail "cut gzip printed $n packets"
log "cut.pcap.gz: $n packets, then: $(cat "$TMP/err")"
out=$("$PKTCTL" dump -r "$TMP/nonexistent.pcap" 2>&1) && fail "a missing file succeeded"
echo "$out" | grep -q "No such file" || fail "missing file message: $out"
pass
