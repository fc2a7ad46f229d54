#!/bin/bash
# queue-size.sh: a write queue allowed to grow (queue-size) absorbs a burst a slow disk cannot take, shows its high water, and gives the memory back (or, with queue-reserve, keeps it, and what it held is whole)
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd cc tcpdump
netns_setup

# A disk that writes capture files at 10 MiB/s (100 ms per MiB): the burst
# below comes at 20 MB/s.
build_shim slowdisk

# Three rings on one interface, alike but for queue-size and queue-reserve.
write_conf <<EOF2
profile fixed {
	snaplen = 2048
	buffer-size = 1M
	write-queue = 1M
	rotate-size = 0
}
profile burst {
	snaplen = 2048
	buffer-size = 1M
	write-queue = 1M
	queue-size = 64M
	rotate-size = 0
}
profile kept {
	snaplen = 2048
	buffer-size = 1M
	write-queue = 1M
	queue-size = 512M
	queue-reserve = yes
	rotate-size = 0
}
interface $IF_CAP {
	profiles = { fixed, burst, kept }
}
EOF2
LD_PRELOAD=$TMP/slowdisk.so start_pktcapd
grep -q slowdisk.so "/proc/$PID/maps" || hard_error "the slow-disk shim is not loaded"


log "kept ring: $(ring_field "$IF_CAP/kept" queue_reserved_bytes) bytes of its queue taken as the burst starts"
# 24 MB in about 1.2 s; the disk needs 2.4 s.
send_pkts -c 24000 -s 1000 -r 20000
# The burst rings write everything out after the burst; at 10 MB/s, 30 s at most.
for _ in $(seq 300); do
	[ "$(ring_field "$IF_CAP/burst" packets_written)" = 24000 ] &&
		[ "$(ring_field "$IF_CAP/kept" packets_written)" = 24000 ] && break
	sleep 0.1
done
written=$(ring_field "$IF_CAP/burst" packets_written)
lost=$(( $(ring_field "$IF_CAP/burst" dropped_kernel) + $(ring_field "$IF_CAP/burst" dropped_queue) ))
[ "$written" = 24000 ] || fail "the ring with queue-size = 64M wrote $written of 24000 packets ($lost dropped)"
hw=$(ring_field "$IF_CAP/burst" queue_high_water_bytes)
[ "$hw" -gt $((4 * 1024 * 1024)) ] || fail "the burst ring's queue high water is $hw bytes, not above its 4 MiB write-queue"
[ "$(ring_field "$IF_CAP/burst" queue_size)" = $((64 * 1024 * 1024)) ] || fail "status shows queue_size $(ring_field "$IF_CAP/burst" queue_size)"
flost=$(( $(ring_field "$IF_CAP/fixed" dropped_kernel) + $(ring_field "$IF_CAP/fixed" dropped_queue) ))
[ "$flost" -gt 0 ] || fail "the ring without queue-size lost nothing: the disk was not slow enough to test anything"
log "fixed queue: $flost packets dropped; queue-size 64M: none, high water $hw bytes"

# Once written out, the burst's buffers go back: the write-queue's four and
# the one capture may hold.
sleep 1
bufs=$(ring_field "$IF_CAP/burst" queue_buffers)
[ "$bufs" -le 5 ] || fail "the burst ring keeps $bufs buffers after the burst"
# And their memory: the burst ring's region (64M less the 4M write-queue) is
# down to at most the huge page of a buffer capture may still hold, and the
# kept ring's (512M less 4M) is all there.
vma_rss() { awk -v want="$1" '/^[0-9a-f]+-[0-9a-f]+ / { sz = "" } $1 == "Size:" { sz = $2 }
	$1 == "Rss:" && sz == want { print $2; exit }' "/proc/$PID/smaps"; }
rss=$(vma_rss $((60 * 1024)))
[ -n "$rss" ] || fail "no 60M mapping for the burst ring's queue in /proc/$PID/smaps"
[ "$rss" -le 2048 ] || fail "the burst ring's queue region still holds $rss kB after the burst"
krss=$(vma_rss $((508 * 1024)))
[ "$krss" = $((508 * 1024)) ] || fail "the kept ring's queue region holds ${krss:-no} kB, not 508M"
ctl status "$IF_CAP/burst" > "$TMP/st.txt"
grep -q "queue high water [0-9]* buffers\{0,1\} ([0-9.]*[KMG] of 64M; $bufs now)" "$TMP/st.txt" ||
	fail "pktctl status does not show the queue's high water in bytes: $(grep "high water" "$TMP/st.txt")"
ctl metrics "$IF_CAP/burst" | grep -q "^pktcap_write_queue_high_water_bytes{.*ring=\"$IF_CAP/burst\".*} $hw\$" ||
	fail "pktctl metrics does not show the queue's high water ($hw bytes): $(ctl metrics "$IF_CAP/burst" | grep high_water)"

# queue-reserve: the same burst, every packet, and the buffers stay.
written=$(ring_field "$IF_CAP/kept" packets_written)
[ "$written" = 24000 ] || fail "the ring with queue-reserve wrote $written of 24000 packets"
kbufs=$(ring_field "$IF_CAP/kept" queue_buffers)
khw=$(ring_field "$IF_CAP/kept" queue_high_water)
[ "$kbufs" -gt 5 ] && [ "$kbufs" -ge "$khw" ] ||
	fail "the ring with queue-reserve has $kbufs buffers after the burst (high water $khw): it gave them back"
reserved=$(ring_field "$IF_CAP/kept" queue_reserved_bytes)
[ "$reserved" = $((508 * 1024 * 1024)) ] || fail "queue_reserved_bytes is $reserved, not 508M (512M less the 4M write-queue)"
ring_field "$IF_CAP/burst" queue_reserved_bytes 2>/dev/null | grep -q '[0-9]' &&
	fail "a ring without queue-reserve shows queue_reserved_bytes"
# Every byte that went through the reserved region is what the other ring
# has (each ring's own socket stamps the packets, so times may differ).
for ring in burst kept; do
	ctl dump "$IF_CAP/$ring" -w - | tcpdump -r - -nn -t -x 2>/dev/null >"$TMP/$ring.txt"
	n=$(grep -c '^IP ' "$TMP/$ring.txt")
	[ "$n" = 24000 ] || fail "ring $ring's dump has $n of 24000 packets"
done
cmp -s "$TMP/burst.txt" "$TMP/kept.txt" ||
	fail "the packets the queue-reserve ring stored differ from the other ring's"
log "queue-reserve: 24000 packets, the same as the burst ring's; $kbufs buffers kept (high water $khw)"
stop_pktcapd
pass
