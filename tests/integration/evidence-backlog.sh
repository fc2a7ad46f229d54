#!/bin/bash
# evidence-backlog.sh: a preserve holds every packet stamped inside its window: those still in the kernel's buffer behind a slow writer, and those in a block the kernel has not handed over yet; a writer behind for good fails it cleanly
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd cc tcpdump python3
netns_setup
build_shim slowdisk

# A disk at 10 MiB/s (100 ms per MiB) behind a 1M write queue:
# capture pauses whenever the queue is full and the burst waits in a kernel
# buffer large enough to lose nothing.
write_conf <<EOF2
profile all {
	snaplen = 2048
	buffer-size = 64M
	write-queue = 1M
	rotate-size = 0
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
PKTCAP_SLOWDISK_MS=100 LD_PRELOAD=$TMP/slowdisk.so start_pktcapd
grep -q slowdisk.so "/proc/$PID/maps" || hard_error "the slow-disk shim is not loaded"

# 20 MB in about 1 s; the disk needs 2 s, so when the burst is over about
# half of it is still in the kernel's buffer, stamped inside the window.
since=$(date +%s.%N)
send_pkts -c 20000 -s 1000 -r 20000
until=$(date +%s.%N)
backlog=$(( 20000 - $(ring_field "$IF_CAP/all" packets_written) ))
log "$backlog packets not yet written when the window ends"
[ "$backlog" -gt 2000 ] || hard_error "only $backlog packets waited: the disk was not slow enough to test anything"
out=$(ctl preserve --since "@$since" --until "@$until" --case LAG-1) ||
	fail "preserve failed: $out"
log "$out"
lost=$(( $(ring_field "$IF_CAP/all" dropped_kernel) + $(ring_field "$IF_CAP/all" dropped_queue) ))
[ "$lost" = 0 ] || hard_error "the ring dropped $lost packets: the test needs them all"

# Every packet of the burst was stamped inside the window: all are held.
held=0
for f in "$TMP"/store/evidence/LAG-1/*.pcap; do
	held=$((held + $(count_file "$f")))
done
[ "$held" = 20000 ] || fail "the case holds $held of the window's 20000 packets"
# And so the same request again has nothing more to hold.
lines=$(wc -l < "$TMP/store/evidence/LAG-1/MANIFEST")
out=$(ctl preserve --since "@$since" --until "@$until" --case LAG-1) ||
	fail "the second preserve failed: $out"
[ "$(wc -l < "$TMP/store/evidence/LAG-1/MANIFEST")" = "$lines" ] ||
	fail "a repeated preserve added entries: $out"

# A window that ends now, in steady traffic: its last packets are in a
# block the kernel has not handed over yet (it does after up to two 100 ms
# block timeouts); the preserve waits for them.
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 3000 -s 200 -r 1000 > "$TMP/gen.out" 2>&1 &
gen=$!
sleep 1
since=$(date +%s.%N)
sleep 1
until=$(date +%s.%N)
out=$(ctl preserve --since "@$since" --until "@$until" --case NOW-1) || fail "preserve failed: $out"
wait "$gen" || fail "the generator failed: $(cat "$TMP/gen.out")"
wait_written "$IF_CAP/all" 23000
# in_window FILE...: the packets of the files stamped inside the window.
in_window() {
	for f in "$@"; do tcpdump -tt -nr "$f" 2>/dev/null; done |
		awk -v a="$since" -v b="$until" '$1 >= a && $1 <= b' | wc -l
}
want=$(in_window "$(ring_dir "$IF_CAP" all)"/*.pcap)
held=$(in_window "$TMP"/store/evidence/NOW-1/*.pcap)
[ "$want" -ge 900 ] || hard_error "only $want packets in the 1 s window at 1000 pps"
[ "$held" = "$want" ] || fail "a window that ended as the preserve began: $held of its $want packets held"

# A writer that stays behind: at 1.5 s per MiB the same kind of burst takes
# 14 s to write. The preserve gives up after its 5 s with "try again",
# holds nothing rather than half the window, and capture goes on.
stop_pktcapd
PKTCAP_SLOWDISK_MS=1500 LD_PRELOAD=$TMP/slowdisk.so start_pktcapd
since=$(date +%s.%N)
send_pkts -c 10000 -s 1000 -r 20000
until=$(date +%s.%N)
t0=$(date +%s%N)
out=$(ctl preserve --since "@$since" --until "@$until" --case LAG-2 2>&1) &&
	fail "a preserve of a window still in the kernel's buffer succeeded: $out"
ms=$((($(date +%s%N) - t0) / 1000000))
echo "$out" | grep -q "not all written and sealed within 5 s (the disk is behind); nothing was held, try again" ||
	fail "the preserve's error does not say why and to try again: $out"
[ "$ms" -ge 5000 ] && [ "$ms" -lt 9000 ] || fail "the preserve failed after $ms ms, not its 5 s limit: $out"
[ ! -e "$TMP/store/evidence/LAG-2" ] || fail "a failed preserve left a case: $(ls "$TMP/store/evidence/LAG-2")"
log "a writer behind for good: \"$out\" after $ms ms"
[ "$(ring_field "$IF_CAP/all" state)" = capturing ] || fail "the ring is $(ring_field "$IF_CAP/all" state)"
# Once the disk has caught up (15 s; 40 at most), the same request holds it all.
for _ in $(seq 400); do
	[ "$(ring_field "$IF_CAP/all" packets_written)" = 10000 ] && break
	sleep 0.1
done
out=$(ctl preserve --since "@$since" --until "@$until" --case LAG-2) || fail "the preserve, again: $out"
held=0
for f in "$TMP"/store/evidence/LAG-2/*.pcap; do
	held=$((held + $(count_file "$f")))
done
[ "$held" = 10000 ] || fail "the case holds $held of the window's 10000 packets, after the disk caught up"
pass
