#!/bin/bash
# rotate-time.sh: rotate-interval = 2s starts a file at every clock-aligned 2 s boundary, named after its first packet
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile timed {
	rotate-interval = 2s
}
interface $IF_CAP {
	profiles = { timed }
}
EOF2
start_pktcapd
# 5 s of steady traffic crosses at least two 2 s boundaries: 3 files or more.
send_pkts -c 250 -r 50
stop_pktcapd

dir=$(ring_dir "$IF_CAP" timed)
n=$(ls "$dir" | wc -l)
[ "$n" -ge 3 ] || fail "5 s at rotate-interval = 2s made $n files: $(ls "$dir")"
n=$(count_ring "$dir")
[ "$n" = 250 ] || fail "the ring holds $n packets, expected 250"

for f in "$dir"/*.pcap; do
	count_file "$f" >/dev/null
	first=$(tcpdump -tt -nr "$f" 2>/dev/null | head -n 1 | cut -d' ' -f1)
	last=$(tcpdump -tt -nr "$f" 2>/dev/null | tail -n 1 | cut -d' ' -f1)
	[ -n "$first" ] && [ -n "$last" ] || fail "$f holds no packets"
	w1=$(( ${first%.*} / 2 ))
	w2=$(( ${last%.*} / 2 ))
	[ "$w1" = "$w2" ] ||
		fail "$(basename "$f") spans two 2 s windows: first packet at $first, last at $last"
	# IFACE-PROFILE-YYYYMMDDTHHMMSSZ-NNNNNN.pcap: the time is the first packet's second.
	stamp=$(basename "$f" | sed -n 's/.*-\([0-9]\{8\}T[0-9]\{6\}Z\)-[0-9]\{6\}\.pcap$/\1/p')
	[ -n "$stamp" ] || fail "$(basename "$f"): no time in the name"
	named=$(date -u -d "${stamp:0:8} ${stamp:9:2}:${stamp:11:2}:${stamp:13:2}" +%s) ||
		hard_error "date cannot parse $stamp"
	[ "$named" = "${first%.*}" ] ||
		fail "$(basename "$f") is named for $named but its first packet is at $first"
done
pass
