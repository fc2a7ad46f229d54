#!/bin/bash
# rotate-packets.sh: rotate-packets = 100 starts a new file after every 100 packets
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile counted {
	rotate-packets = 100
}
interface $IF_CAP {
	profiles = { counted }
}
EOF2
start_pktcapd
send_pkts -c 350 -r 5000
stop_pktcapd

dir=$(ring_dir "$IF_CAP" counted)
counts=
for f in "$dir"/*.pcap; do
	[ -e "$f" ] || continue
	counts="$counts $(count_file "$f")"
done
# ls sorts by name; names differ only in the time and the sequence, both ascending.
[ "$counts" = " 100 100 100 50" ] ||
	fail "350 packets at rotate-packets = 100 made files of$counts packets, expected 100 100 100 50"
ls "$dir" | grep -q -- "-000004\.pcap$" || fail "the fourth file is not numbered 000004: $(ls "$dir")"
pass
