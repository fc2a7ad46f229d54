#!/bin/bash
# disk-full-held.sh: a full disk evicts the ring's unheld old files although some are held as evidence; held files stay whole
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd sha256sum
netns_setup
disk="$TMP/disk"
mkdir "$disk"
mount -t tmpfs -o size=4M,mode=755 pktcap-test "$disk" || hard_error "cannot mount a tmpfs on $disk"
EXTRA_CLEANUP="umount '$disk'"
mkdir "$disk/store"
chown nobody:nogroup "$disk/store"
write_conf <<EOF2
profile all {
	rotate-size = 64K
	flush-interval = 50ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir="$disk/store/$IF_CAP/all"
start_pktcapd -w "$disk/store"

# Three files or so, all held by a case: the oldest files of the ring.
send_pkts -c 400 -s 500 -r 2000
wait_written "$IF_CAP/all" 400
ctl rotate "$IF_CAP/all" >/dev/null || fail "rotate failed"
out=$(ctl preserve --since -1h --until now --case HOLD) || fail "preserve failed: $out"
held=$(ls "$disk/store/evidence/HOLD" | grep -E '\.pcap$')
[ "$(echo "$held" | wc -l)" -ge 2 ] || fail "expected several held files, got: $held"
(cd "$dir" && sha256sum $held) > "$TMP/held.sha" || fail "a held file is not in the ring"

# About 200K left, then 1.5 MB more: only evicting the unheld files makes room.
avail=$(df --output=avail -k "$disk" | tail -n 1)
dd if=/dev/zero of="$disk/filler" bs=1K count=$((avail - 200)) status=none || hard_error "dd"
send_pkts -c 3000 -s 500 -r 2000
sleep 1
kill -0 "$PID" 2>/dev/null || fail "pktcapd died when the disk filled"
written=$(ring_field "$IF_CAP/all" packets_written)
stop_pktcapd

evictions=$(grep -c "ring $IF_CAP/all: deleted .* (disk full)" "$TMP/pktcapd.log")
log "$evictions files evicted; $written of 3400 packets written"
[ "$evictions" -ge 3 ] || fail "the full disk evicted $evictions files: held files stopped the eviction"
[ "$written" -ge 2400 ] || fail "capture did not go on: $written of 3400 packets written"
(cd "$dir" && sha256sum --quiet -c "$TMP/held.sha") || fail "a held file changed or went"
for f in $held; do
	grep -q "deleted $f " "$TMP/pktcapd.log" && fail "held file $f was deleted"
	[ "$dir/$f" -ef "$disk/store/evidence/HOLD/$f" ] || fail "$f is no longer the case's file"
done
pass "$evictions unheld files evicted, held files intact, $written packets written"
