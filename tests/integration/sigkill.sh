#!/bin/bash
# sigkill.sh: after kill -9 every file is readable and holds all but the last flush interval; a restart seals it
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

RATE=1000
COUNT=3000

netns_setup
sender=
# A failed check must not leave the background sender running.
EXTRA_CLEANUP='[ -n "$sender" ] && kill "$sender" 2>/dev/null'

# run_and_kill PROFILE COMPRESS: capture a steady stream, kill -9 the daemon
# 2.5 s into it, check what is on disk, then restart and stop the daemon.
run_and_kill() {
	profile=$1 compress=$2
	write_conf <<EOF2
profile $profile {
	flush-interval = 1s
	compress = $compress
}
interface $IF_CAP {
	profiles = { $profile }
}
EOF2
	dir=$(ring_dir "$IF_CAP" "$profile")
	start_pktcapd
	[ "$(cat "/proc/$PID/comm")" = pktcapd ] || hard_error "PID $PID is not pktcapd"
	ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -r $RATE -c $COUNT > "$TMP/pktgen.out" 2>&1 &
	sender=$!
	# A slow build (sanitizers on a busy machine) may take a while to write its first file.
	for _ in $(seq 100); do
		ls "$dir"/*.pcap* >/dev/null 2>&1 && break
		sleep 0.1
	done
	sleep 2.5
	t_kill=$(date +%s.%N)
	kill -KILL "$PID"
	wait "$PID" 2>/dev/null
	PID=
	wait "$sender" || fail "pktgen failed: $(cat "$TMP/pktgen.out")"
	sender=
	log "$(cat "$TMP/pktgen.out")"

	files=$(ls "$dir"/*.pcap "$dir"/*.pcap.gz 2>/dev/null)
	[ -n "$files" ] || fail "$compress: no file after kill -9"
	stored=0
	for f in $files; do
		stored=$((stored + $(count_file "$f")))
	done
	# pktgen paces to absolute slots: packet k leaves at start + k / RATE, and
	# the first stored packet's timestamp is that start.
	f1=$(echo "$files" | head -n 1)
	case "$f1" in
	*.gz) t0=$(zcat "$f1" 2>/dev/null | tcpdump -tt -nr - -c 1 2>/dev/null | cut -d' ' -f1) ;;
	*) t0=$(tcpdump -tt -nr "$f1" -c 1 2>/dev/null | cut -d' ' -f1) ;;
	esac
	[ -n "$t0" ] || fail "$compress: $f1 holds no packets"
	sent=$(awk -v a="$t0" -v b="$t_kill" -v r=$RATE -v c=$COUNT \
		'BEGIN { n = int((b - a) * r) + 1; print (n > c ? c : n) }')
	# What a kill -9 may lose: packets the capture thread holds until the next
	# flush point (at most flush-interval, 1 s), plus those still in a kernel
	# block (handed over after the 100 ms block timeout) and scheduling delay:
	# (1 s + 0.5 s) at RATE.
	min=$((sent - (1000 + 500) * RATE / 1000))
	log "$compress: $sent packets sent before kill -9, $stored stored, at least $min expected"
	[ "$stored" -ge "$min" ] ||
		fail "$compress: $stored packets stored of $sent sent before kill -9; expected at least $min"
	[ "$stored" -le "$sent" ] || fail "$compress: $stored packets stored but only $sent sent before the kill"

	# The file being written when the daemon died is the newest; it is still
	# writable, which is how a restart knows to repair it.
	last=$(echo "$files" | tail -n 1)
	mode=$(stat -c %a "$last")
	[ "$mode" = 640 ] || fail "$compress: the interrupted file has mode $mode before the restart, expected 640"

	start_pktcapd
	stop_pktcapd
	mode=$(stat -c %a "$last")
	[ "$mode" = 440 ] || fail "$compress: after a restart the interrupted file has mode $mode, expected 440"
	n=0
	for f in $files; do
		n=$((n + $(count_file "$f")))
	done
	[ "$n" = "$stored" ] || fail "$compress: after the restart the files hold $n packets, before $stored"
}

run_and_kill plain none
run_and_kill gz gzip
# Every gzip file, the interrupted one included, is a complete gzip file after the restart.
for f in "$(ring_dir "$IF_CAP" gz)"/*.pcap.gz; do
	gzip -t "$f" 2>/dev/null || fail "$f is not a complete gzip file after the restart"
done
pass
