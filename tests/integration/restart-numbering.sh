#!/bin/bash
# restart-numbering.sh: a restarted daemon numbers its files on from the last run and leaves old files untouched
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile all {
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir=$(ring_dir "$IF_CAP" all)

start_pktcapd
send_pkts -c 100 -r 5000
stop_pktcapd
ring_files "$dir" | grep -Eq "^$IF_CAP-all-[0-9]{8}T[0-9]{6}Z-000001\.pcap$" ||
	fail "first run did not write file 000001: $(ring_files "$dir")"
[ "$(ring_files "$dir" | wc -l)" = 1 ] || fail "first run wrote more than one file: $(ring_files "$dir")"
first=$(ls "$dir"/*.pcap)
sum=$(sha256sum < "$first")

start_pktcapd
send_pkts -c 150 -r 5000 --dport 7777
stop_pktcapd

grep -q "ring $IF_CAP/all: found 1 file from earlier runs; numbering goes on at 2" \
	"$TMP/pktcapd.log" || fail "second run does not say it found the first run's file"
[ "$(sha256sum < "$first")" = "$sum" ] || fail "the first run's file changed in the second run"
second=$(ls "$dir"/*-000002.pcap 2>/dev/null) || fail "second run did not write file 000002: $(ring_files "$dir")"
[ "$(ring_files "$dir" | wc -l)" = 2 ] || fail "expected 2 files after two runs: $(ring_files "$dir")"
n=$(count_file "$first")
[ "$n" = 100 ] || fail "the first file holds $n packets, expected 100"
n=$(count_file "$second")
[ "$n" = 150 ] || fail "the second file holds $n packets, expected 150"
n=$(tcpdump -nr "$second" udp dst port 7777 2>/dev/null | wc -l)
[ "$n" = 150 ] || fail "the second file holds $n packets of the second run, expected 150"
pass
