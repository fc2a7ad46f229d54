#!/bin/bash
# disk-full.sh: on a full disk the daemon keeps running, logs ENOSPC once per episode, keeps files readable, and recovers
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
disk="$TMP/disk"
mkdir "$disk"
mount -t tmpfs -o size=4M,mode=755 pktcap-test "$disk" || hard_error "cannot mount a tmpfs on $disk"
EXTRA_CLEANUP="umount '$disk'"
mkdir "$disk/store"
chown nobody:nogroup "$disk/store"
# Leaves about 96K, less than one file, for captures; root's file is nothing
# the daemon may delete, so the ring can only evict its own closed files.
avail=$(df --output=avail -k "$disk" | tail -n 1)
dd if=/dev/zero of="$disk/filler" bs=1K count=$((avail - 96)) status=none || hard_error "dd"

write_conf <<EOF2
profile all {
	rotate-size = 256K
	flush-interval = 50ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir="$disk/store/$IF_CAP/all"
start_pktcapd -w "$disk/store"

# About 650K into 96K of free space, written 20K at a time: a flush point
# every 50 ms, so each file meets the full disk in several writes in a row.
send_pkts -c 3000 -s 200 -r 2000
# The writer is done when the log stops growing for 0.25 s (five flush
# points, more than the 100 ms block timeout plus one flush); at most 5 s.
prev=-1
for _ in $(seq 20); do
	cur=$(wc -l < "$TMP/pktcapd.log")
	[ "$cur" = "$prev" ] && grep -q "No space left on device" "$TMP/pktcapd.log" && break
	prev=$cur
	sleep 0.25
done
kill -0 "$PID" 2>/dev/null || fail "pktcapd died when the disk filled"
log "$(df -k "$disk" | tail -n 1)"
grep -q "No space left on device" "$TMP/pktcapd.log" ||
	fail "no 'No space left on device' in the log after filling the disk"
for f in "$dir"/*.pcap; do
	count_file "$f" >/dev/null
done

rm -f "$disk/filler"
send_pkts -c 100 -p udp --dport 7777 -r 5000
stop_pktcapd

# Once per episode, not per write or per packet: an episode starts with the
# failed write that logs the error and ends with the first write that works
# again ("writing ... again": after an eviction, a write small enough for the
# space left, or once the filler is gone). So between two error lines there
# must be a "writing again" line. Each episode here spans several failed
# writes of about 100 packets (a flush point every 50 ms at 2000 pps).
errors=$(grep -c "No space left on device" "$TMP/pktcapd.log")
evictions=$(grep -c "ring $IF_CAP/all: deleted .* (disk full)" "$TMP/pktcapd.log")
lost=$(sed -n "s/.*ring $IF_CAP\/all: .* \([0-9]*\) lost to write errors$/\1/p" "$TMP/pktcapd.log")
log "'No space left on device' logged $errors times, $evictions files evicted, $lost packets lost"
[ -n "$lost" ] && [ "$lost" -gt 0 ] || fail "no packets lost to write errors: the disk was never full"
[ "$evictions" -ge 1 ] || fail "the full disk evicted none of the ring's old files"
grep -E "No space left on device|ring $IF_CAP/all: writing .* again" "$TMP/pktcapd.log" |
	sed 's/.*No space left on device.*/error/; s/.* again$/again/' | uniq -c |
	awk '$1 > 1 && $2 == "error" { exit 1 }' ||
	fail "'No space left on device' logged twice in one episode (no write worked in between)"
[ $((errors * 20)) -lt "$lost" ] ||
	fail "'No space left on device' logged $errors times for $lost lost packets"
for f in "$dir"/*.pcap; do
	count_file "$f" >/dev/null
done
n=$(count_ring_filter "$dir" udp dst port 7777)
[ "$n" = 100 ] || fail "after space came back the ring holds $n of the 100 packets to port 7777"
pass
