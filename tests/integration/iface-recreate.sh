#!/bin/bash
# iface-recreate.sh: an interface deleted and re-created under its name is captured again, same process, no privileges regained
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2

state() { ring_field "$1" state; }
ifindex() { ip -n "$NS_CAP" -o link show "$IF_CAP" | cut -d: -f1; }
# wait_state RING STATE: at most 5 s.
wait_state() {
	for _ in $(seq 50); do
		[ "$(state "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	fail "$1 is $(state "$1") after 5 s, expected $2"
}
open_files() { ctl list --json "$1" | jget 'sum(1 for f in j["result"]["files"] if f["open"])'; }

start_pktcapd
pid=$PID
send_pkts -c 20 -r 2000
wait_written "$IF_CAP/all" 20
old=$(ifindex)
[ "$(ring_field "$IF_CAP/all" interface_index)" = "$old" ] || fail "interface_index is not $old"

# The veth pair goes away: the ring waits, and the file it was writing is closed.
ip -n "$NS_CAP" link del "$IF_CAP" || hard_error "ip link del"
wait_state "$IF_CAP/all" waiting
[ "$(ring_field "$IF_CAP/all" interface_lost)" = 1 ] || fail "interface_lost is not 1"
[ "$(ring_field "$IF_CAP/all" interface_index)" = None ] || fail "a vanished interface keeps its index"
for _ in $(seq 50); do [ "$(open_files "$IF_CAP/all")" = 0 ] && break; sleep 0.1; done
[ "$(open_files "$IF_CAP/all")" = 0 ] || fail "the file is still open 5 s after the interface went away"
out=$(ctl status "$IF_CAP/all")
echo "$out" | grep -q "waiting: for $IF_CAP to appear, since .*; last seen 20" ||
	fail "pktctl status does not say what the ring waits for: $out"
# Waiting does not spin: the daemon sleeps (well under 10% of a CPU).
t0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
sleep 1.5
t1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
[ $((t1 - t0)) -lt 15 ] || fail "the daemon used $((t1 - t0)) ticks in 1.5 s while waiting"

# The same names again, with a new ifindex.
ip -n "$NS_CAP" link add "$IF_CAP" type veth peer name "$IF_PEER" netns "$NS_PEER" ||
	hard_error "ip link add veth"
for ns in "$NS_CAP:$IF_CAP:1" "$NS_PEER:$IF_PEER:2"; do
	n=${ns%%:*}; rest=${ns#*:}; i=${rest%%:*}; a=${rest#*:}
	ip netns exec "$n" sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1"
	ip -n "$n" addr add "198.18.0.$a/24" dev "$i"
	ip -n "$n" link set "$i" up
done
new=$(ifindex)
[ "$new" != "$old" ] || hard_error "the re-created interface kept ifindex $old"
wait_state "$IF_CAP/all" capturing
send_pkts -c 30 -r 2000
wait_written "$IF_CAP/all" 50

# Same process, never restarted, and still without any privilege in every thread.
[ "$PID" = "$pid" ] && kill -0 "$pid" || fail "pktcapd is not the same process"
[ "$(grep -c "capturing [0-9]* rings\?" "$TMP/pktcapd.log")" = 1 ] || fail "pktcapd started twice"
for t in /proc/$pid/task/*; do
	for cap in CapInh CapPrm CapEff CapBnd CapAmb; do
		v=$(awk -v f="$cap:" '$1 == f { print $2 }' "$t/status")
		[ "$v" = "0000000000000000" ] || fail "thread $(basename "$t"): $cap is $v after re-binding"
	done
	u=$(awk '$1 == "Uid:" { print $2 $3 $4 $5 }' "$t/status")
	[ "$u" = "$(id -u nobody)$(id -u nobody)$(id -u nobody)$(id -u nobody)" ] ||
		fail "thread $(basename "$t"): Uid is $u"
	[ "$(awk '$1 == "NoNewPrivs:" { print $2 }' "$t/status")" = 1 ] ||
		fail "thread $(basename "$t"): NoNewPrivs is not set"
done

# The gap is counted.
[ "$(ring_field "$IF_CAP/all" interface_index)" = "$new" ] || fail "interface_index is not $new"
[ "$(ring_field "$IF_CAP/all" interface_lost)" = 1 ] || fail "interface_lost is not 1"
[ "$(ring_field "$IF_CAP/all" waiting_since)" = None ] || fail "waiting_since is set while capturing"
gap=$(ring_field "$IF_CAP/all" seconds_without_capture)
python3 -c "import sys; sys.exit(not 1.5 <= $gap < 10)" || fail "seconds_without_capture is $gap"
out=$(ctl status "$IF_CAP/all")
echo "$out" | grep -q "interface: went away 1 time; " || fail "pktctl status does not count the gap: $out"

# Down and up again is a gap, not a loss.
ip -n "$NS_CAP" link set "$IF_CAP" down
wait_state "$IF_CAP/all" waiting
ip -n "$NS_CAP" link set "$IF_CAP" up
wait_state "$IF_CAP/all" capturing
[ "$(ring_field "$IF_CAP/all" interface_lost)" = 1 ] || fail "down and up counted as a loss"
send_pkts -c 10 -r 2000
wait_written "$IF_CAP/all" 60
stop_pktcapd

# Before and after are in separate files, numbered on, each readable by tcpdump.
dir=$(ring_dir "$IF_CAP" all)
files=$(ring_files "$dir")
[ "$(echo "$files" | wc -l)" = 2 ] || fail "expected two files, found: $files"
f1=$(echo "$files" | grep -- "-000001\.pcap$") || fail "no first file: $files"
f2=$(echo "$files" | grep -- "-000002\.pcap$") || fail "no second file: $files"
[ "$(count_file "$dir/$f1")" = 20 ] || fail "$f1 does not hold the 20 packets before the gap"
[ "$(count_file "$dir/$f2")" = 40 ] || fail "$f2 does not hold the 40 packets after the gap"
pass
