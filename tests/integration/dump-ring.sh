#!/bin/bash
# dump-ring.sh: pktctl dump reads a ring through the daemon: time windows, filters, counts, -w, follow, gzip
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile plain {
	rotate-packets = 100
	flush-interval = 100ms
}
profile packed {
	rotate-packets = 150
	compress = gzip
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { plain, packed }
}
EOF2
start_pktcapd
send_pkts -c 350 -p udp --dport 5353 -r 1000
sleep 1.2
send_pkts -c 350 -p udp --dport 7777 -r 1000
wait_written "$IF_CAP/plain" 700
wait_written "$IF_CAP/packed" 700

# Everything, as a pcap stream that tcpdump reads.
for ring in plain packed; do
	n=$(ctl dump "$IF_CAP/$ring" -w - | tcpdump -nr - 2>/dev/null | wc -l)
	[ "$n" = 700 ] || fail "dump of $ring gave $n packets, expected 700"
done
n=$(ctl dump "$IF_CAP/plain" | wc -l)
[ "$n" = 700 ] || fail "text dump gave $n lines"
[ "$(ring_files "$(ring_dir "$IF_CAP" plain)" | wc -l)" -ge 7 ] || fail "expected several files in the plain ring"

# The reference: every stored packet's time, from tcpdump over all files of each
# ring (each ring has its own socket, so the same packet's time differs slightly).
for f in "$(ring_dir "$IF_CAP" plain)"/*.pcap; do tcpdump -tt -nr "$f" 2>/dev/null; done |
	awk '{ print $1 }' > "$TMP/times"
for f in "$(ring_dir "$IF_CAP" packed)"/*.pcap.gz; do zcat "$f" | tcpdump -tt -nr - 2>/dev/null; done |
	awk '{ print $1 }' > "$TMP/times.packed"
[ "$(wc -l < "$TMP/times")" = 700 ] || fail "reference has $(wc -l < "$TMP/times") times"
[ "$(wc -l < "$TMP/times.packed")" = 700 ] || fail "gzip reference has $(wc -l < "$TMP/times.packed")"
ref_count() { awk -v a="$1" -v b="$2" '$1 >= a && $1 < b' "$3" | wc -l; }
window() {	# window SINCE UNTIL: both as epoch seconds with microseconds
	for ring in plain packed; do
		ref=$TMP/times
		[ $ring = packed ] && ref=$TMP/times.packed
		got=$(ctl dump "$IF_CAP/$ring" --since "@$1" --until "@$2" -w - | tcpdump -nr - 2>/dev/null | wc -l)
		want=$(ref_count "$1" "$2" "$ref")
		[ "$got" = "$want" ] || fail "$ring window [$1, $2): $got packets, tcpdump says $want"
	done
	log "window [$1, $2): $want packets"
}
t() { sed -n "${1}p" "$TMP/times"; }
window "$(t 150)" "$(t 500)"				# across files and bursts
window "$(t 101)" "$(t 201)"				# exactly one file of the plain ring
window "$(t 1)" "$(t 2)"				# the very first packet
window "$(t 700)" "$(awk "BEGIN { printf \"%.6f\", $(t 700) + 1 }")"	# the last
gap=$(awk "BEGIN { printf \"%.6f\", $(t 350) + 0.3 }")
window "$gap" "$(awk "BEGIN { printf \"%.6f\", $gap + 0.5 }")"	# between the bursts: empty
# An empty selection is still a valid (empty) pcap stream and a success.
ctl dump "$IF_CAP/plain" --since "@$gap" --until "@$(awk "BEGIN { printf \"%.6f\", $gap + 0.5 }")" \
	-w "$TMP/empty.pcap" || fail "an empty window is an error"
[ "$(stat -c %s "$TMP/empty.pcap")" = 24 ] || fail "an empty window did not give a bare pcap header"
# A bare interface name is taken as the ring word, not as a filter: all its rings, merged.
out=$(ctl dump "$IF_CAP" -c 2 2>&1) || fail "an interface with two rings: $out"
[ "$(echo "$out" | grep -vc "duplicate packets\? from overlapping rings")" = 2 ] || fail "bare interface name: $out"
window "1000000000" "$(awk "BEGIN { printf \"%.6f\", $(t 1) - 10 }")"	# before the oldest
[ "$(ref_count "$gap" "$(awk "BEGIN { printf \"%.6f\", $gap + 0.5 }")" "$TMP/times")" = 0 ] ||
	fail "gap is not empty"

# Relative times, counts and filters.
n=$(ctl dump "$IF_CAP/plain" --since "-1h" | wc -l)
[ "$n" = 700 ] || fail "--since -1h gave $n"
n=$(ctl dump "$IF_CAP/plain" --since "1h ago" | wc -l)
[ "$n" = 700 ] || fail "--since '1h ago' gave $n"
n=$(ctl dump "$IF_CAP/plain" -c 5 | wc -l)
[ "$n" = 5 ] || fail "-c 5 gave $n lines"
n=$(ctl dump "$IF_CAP/packed" udp port 7777 -w - | tcpdump -nr - 2>/dev/null | wc -l)
[ "$n" = 350 ] || fail "filter udp port 7777 gave $n"
out=$(ctl dump "$IF_CAP/plain" "tcp port" 2>&1) && fail "a bad filter was accepted"
echo "$out" | grep -q "filter" || fail "bad filter message: $out"
out=$(ctl dump 2>&1) && fail "dump without a ring succeeded with two rings"
echo "$out" | grep -q "2 rings match" || fail "no advice to name a ring: $out"
out=$(ctl dump "$IF_CAP/none" 2>&1) && fail "dump of a missing ring succeeded"
echo "$out" | grep -q 'no ring' || fail "missing ring message: $out"

# Follow: new packets arrive as they are captured, until -c is reached.
ctl dump "$IF_CAP/plain" -f -c 20 -w "$TMP/follow.pcap" udp port 6666 &
follower=$!
sleep 0.5
send_pkts -c 20 -p udp --dport 6666 -r 200
for _ in $(seq 100); do kill -0 "$follower" 2>/dev/null || break; sleep 0.1; done
kill -0 "$follower" 2>/dev/null && { kill "$follower"; fail "follow did not end after 20 packets"; }
wait "$follower" || fail "follow exited with an error"
n=$(tcpdump -nr "$TMP/follow.pcap" udp port 6666 2>/dev/null | wc -l)
[ "$n" = 20 ] || fail "follow wrote $n packets, expected 20"

# Follow starts at the present, like tcpdump -i: stored packets (port 7777
# above) are not replayed, only the ones sent after it started (port 6667).
ctl dump "$IF_CAP/plain" -f -c 2 -w "$TMP/follow2.pcap" &
follower=$!
sleep 0.5
send_pkts -c 5 -p udp --dport 6667 -r 100
for _ in $(seq 100); do kill -0 "$follower" 2>/dev/null || break; sleep 0.1; done
kill -0 "$follower" 2>/dev/null && { kill "$follower"; fail "follow -c 2 did not end"; }
wait "$follower" || fail "follow -c 2 exited with an error"
n=$(tcpdump -nr "$TMP/follow2.pcap" 2>/dev/null | wc -l)
new=$(tcpdump -nr "$TMP/follow2.pcap" udp port 6667 2>/dev/null | wc -l)
[ "$n" = 2 ] && [ "$new" = 2 ] || fail "follow replayed stored packets: $n packets, $new of them new"
# With --since it replays from then, then follows.
since=$(tcpdump -tt -nr "$TMP/follow2.pcap" 2>/dev/null | head -1 | awk '{ print $1 }')
n=$(ctl dump "$IF_CAP/plain" -f --since "@$since" -c 3 -w - udp port 6667 | tcpdump -nr - 2>/dev/null | wc -l)
[ "$n" = 3 ] || fail "follow --since gave $n stored packets, expected 3"

# No root needed: the daemon's group is enough.
gid=$(getent group nogroup | cut -d: -f3)
chmod 755 "$TMP"
n=$(setpriv --reuid=23456 --regid=23456 --groups="$gid" "$PKTCTL" -S "$TMP/pktcapd.sock" \
	dump "$IF_CAP/plain" -c 3 | wc -l)
[ "$n" = 3 ] || fail "an unprivileged member of the group read $n packets"
stop_pktcapd
pass
