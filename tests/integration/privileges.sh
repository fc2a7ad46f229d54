#!/bin/bash
# privileges.sh: once capturing, pktcapd runs as the configured user with no capability left, in every thread
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile all { }
profile udp {
	filter = "udp"
}
interface $IF_CAP {
	profiles = { all, udp }
}
EOF2
start_pktcapd
uid=$(id -u nobody)
gid=$(getent group nogroup | cut -d: -f3)
tasks=$(ls "/proc/$PID/task" | wc -l)
[ "$tasks" -ge 3 ] || fail "expected the main thread and two writer threads, found $tasks"
for t in /proc/$PID/task/*; do
	tid=$(basename "$t")
	st=$t/status
	u=$(awk '$1 == "Uid:" { print $2, $3, $4, $5 }' "$st")
	g=$(awk '$1 == "Gid:" { print $2, $3, $4, $5 }' "$st")
	[ "$u" = "$uid $uid $uid $uid" ] || fail "thread $tid: Uid is '$u', expected $uid everywhere"
	[ "$g" = "$gid $gid $gid $gid" ] || fail "thread $tid: Gid is '$g', expected $gid everywhere"
	groups=$(awk '$1 == "Groups:" { $1 = ""; print }' "$st" | tr -d ' ')
	[ -z "$groups" ] || fail "thread $tid: supplementary groups remain: $groups"
	for cap in CapInh CapPrm CapEff CapBnd CapAmb; do
		v=$(awk -v f="$cap:" '$1 == f { print $2 }' "$st")
		[ "$v" = "0000000000000000" ] || fail "thread $tid: $cap is $v, expected zero"
	done
	nnp=$(awk '$1 == "NoNewPrivs:" { print $2 }' "$st")
	[ "$nnp" = 1 ] || fail "thread $tid: NoNewPrivs is $nnp"
done
grep -q "running as uid $uid gid $gid with no capabilities" "$TMP/pktcapd.log" ||
	fail "the daemon did not report the drop"

# Still captures after the drop: the handles were opened before it.
send_pkts -c 50 -p udp -r 5000
stop_pktcapd
n=$(count_ring "$(ring_dir "$IF_CAP" udp)")
[ "$n" = 50 ] || fail "udp ring holds $n packets, expected 50"
owner=$(stat -c %U "$(ring_dir "$IF_CAP" udp)"/*.pcap)
[ "$owner" = nobody ] || fail "files belong to $owner, expected nobody"
pass
