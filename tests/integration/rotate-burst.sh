#!/bin/bash
# rotate-burst.sh: a 2M burst into 64K files fits the default 16M write-queue and loses no packet
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile small {
	rotate-size = 64K
	write-queue = 16M
}
interface $IF_CAP {
	profiles = { small }
}
EOF2
start_pktcapd
# 2000 frames of 1000 bytes as fast as pktgen goes: 2M of pcap in 32 files,
# an eighth of what the writer queue is configured to absorb.
send_pkts -c 2000 -s 1000 -r 0
stop_pktcapd

grep "ring $IF_CAP/small: .* packets captured" "$TMP/pktcapd.log" | sed 's/^/# /'
grep -q "ring $IF_CAP/small: 2000 packets captured, 2000 written, 0 dropped by kernel, 0 dropped by interface, 0 dropped by writer queue" \
	"$TMP/pktcapd.log" || fail "a 2M burst into 64K files lost packets with a 16M write-queue"
n=$(count_ring "$(ring_dir "$IF_CAP" small)")
[ "$n" = 2000 ] || fail "the ring holds $n packets, expected 2000"
pass
