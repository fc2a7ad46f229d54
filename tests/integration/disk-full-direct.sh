#!/bin/bash
# disk-full-direct.sh: a full ext4 disk under O_DIRECT: old files evicted, every file readable meanwhile, cut files repaired at restart
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd mkfs.ext4
require_cmd losetup
netns_setup
disk="$TMP/disk"
mkdir "$disk"
truncate -s 24M "$TMP/disk.img"
mkfs.ext4 -q -F -m 0 -O ^has_journal "$TMP/disk.img" || hard_error "mkfs.ext4"
mount -o loop "$TMP/disk.img" "$disk" || skip "cannot mount a loop device"
EXTRA_CLEANUP="umount '$disk'"
mkdir "$disk/store"
chown nobody:nogroup "$disk/store"
# About 3 MiB left: a few files of 1 MiB, and O_DIRECT chunks of 1 MiB meet the end.
avail=$(df --output=avail -k "$disk" | tail -n 1)
dd if=/dev/zero of="$disk/filler" bs=1K count=$((avail - 3072)) status=none || hard_error "dd"

write_conf <<EOF2
profile all {
	rotate-size = 1M
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir="$disk/store/$IF_CAP/all"
start_pktcapd -w "$disk/store"

# About 12 MB into 3 MiB of space: files are evicted and written again and again.
send_pkts -c 12000 -s 1000 -r 4000
sleep 1
kill -0 "$PID" 2>/dev/null || fail "pktcapd died when the disk filled"
grep -q "writing files with O_DIRECT" "$TMP/pktcapd.log" || fail "ext4 on a loop device is not written with O_DIRECT"
evictions=$(grep -c "ring $IF_CAP/all: deleted .* (disk full)" "$TMP/pktcapd.log")
[ "$evictions" -ge 1 ] || fail "the full disk evicted none of the ring's old files"
for f in "$dir"/*.pcap; do
	count_file "$f" >/dev/null
done

rm -f "$disk/filler"
send_pkts -c 100 -p udp --dport 7777 -r 5000
stop_pktcapd
log "$evictions files evicted; $(grep -c "No space left on device" "$TMP/pktcapd.log") ENOSPC lines"
[ "$(count_ring_filter "$dir" udp dst port 7777)" = 100 ] || fail "after space came back the ring lacks packets to port 7777"

# A file a failed write cut short is unsealed; the restart repairs and seals it.
start_pktcapd -w "$disk/store"
wait_indexer
stop_pktcapd
for f in "$dir"/*.pcap; do
	count_file "$f" >/dev/null
	[ "$(stat -c %a "$f")" = 440 ] || fail "$f is not sealed after the restart"
done

# One file and nothing to evict: the failed O_DIRECT write cuts the file back
# to its last visible record, leaves it unsealed, and the restart repairs it.
rm -rf "$dir"
avail=$(df --output=avail -k "$disk" | tail -n 1)
dd if=/dev/zero of="$disk/filler" bs=1K count=$((avail - 2048)) status=none || hard_error "dd"
write_conf <<EOF2
profile all {
	rotate-size = 0
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd -w "$disk/store"
send_pkts -c 6000 -s 1000 -r 4000
sleep 1
kill -0 "$PID" 2>/dev/null || fail "pktcapd died when its only file met a full disk"
grep -q "write to .* failed: No space left on device" "$TMP/pktcapd.log" || fail "the failed write was not logged"
lost=$(ring_field "" lost_write)
[ "$lost" -gt 0 ] || fail "no packet counted lost to the full disk"
first=$(ring_files "$dir" | head -n 1)
kept=$(count_file "$dir/$first")
[ "$(stat -c %a "$dir/$first")" = 640 ] || fail "$first was sealed though a write to it failed"
stop_pktcapd
start_pktcapd -w "$disk/store"
wait_indexer
stop_pktcapd
[ "$(stat -c %a "$dir/$first")" = 440 ] || fail "$first was not repaired and sealed at the restart"
[ "$(count_file "$dir/$first")" = "$kept" ] || fail "the repair changed $first's packets"
log "one file, no room: $lost packets lost, $kept kept in $first"
pass
