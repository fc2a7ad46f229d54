#!/bin/bash
# nanosecond.sh: timestamp-precision = nano writes nanosecond pcap files (magic a1b23c4d, 9 fractional digits)
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
require_cmd od
write_conf <<EOF2
profile nano {
	timestamp-precision = nano
}
interface $IF_CAP {
	profiles = { nano }
}
EOF2
start_pktcapd
send_pkts -c 200 -r 5000
stop_pktcapd

dir=$(ring_dir "$IF_CAP" nano)
f=$(ls "$dir"/*.pcap)
[ "$(echo "$f" | wc -l)" = 1 ] || fail "expected one file: $(ls "$dir")"
# The magic as written in host byte order, read back as a host-order word.
magic=$(od -An -tx4 -N4 "$f" | tr -d ' ')
[ "$magic" = a1b23c4d ] || fail "file magic is $magic, expected a1b23c4d (nanosecond pcap)"
n=$(count_file "$f")
[ "$n" = 200 ] || fail "the file holds $n packets, expected 200"
tcpdump --time-stamp-precision=nano -tt -nr "$f" 2>/dev/null | cut -d' ' -f1 > "$TMP/ts"
n=$(grep -Ec '^[0-9]+\.[0-9]{9}$' "$TMP/ts")
[ "$n" = 200 ] || fail "$n of 200 timestamps have 9 fractional digits: $(head -n 3 "$TMP/ts")"
# Real nanoseconds, not microseconds times 1000: some must not end in 000.
n=$(grep -vc '000$' "$TMP/ts")
[ "$n" -gt 0 ] || fail "every timestamp ends in 000: microseconds stored as nanoseconds"
pass
