#!/bin/bash
# evidence-space.sh: when holds push free space under min-free, status and the log say so and capture goes on evicting unheld files
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
# A small file system of its own, so free space is the test's to control.
mount -t tmpfs -o size=12m,mode=755 pktcap-evid "$TMP/store" || skip "cannot mount tmpfs"
EXTRA_CLEANUP="umount -l '$TMP/store'"
chown nobody:nogroup "$TMP/store"
conf() {
	write_conf <<EOF2
profile all {
	rotate-packets = 500
	$1
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
}
conf ""
start_pktcapd
dir=$(ring_dir "$IF_CAP" all)
send_pkts -c 7000 -s 1000 -r 5000
wait_written "$IF_CAP/all" 7000
ctl preserve --since -1h --until now --case FULL >/dev/null || fail "preserve failed"
held=$(ls "$TMP/store/evidence/FULL" | grep -E '\.pcap$')
log "$(echo "$held" | wc -l) files held, $(df -h --output=avail "$TMP/store" | tail -1) free"
# Now ask for more free space than the holds leave.
conf "min-free = 6M"
ctl reload >/dev/null || fail "reload failed"
# Enough traffic to need space the holds took.
send_pkts -c 4000 -s 1000 -r 4000
wait_written "$IF_CAP/all" 11000
sleep 1
for f in $held; do [ -f "$TMP/store/evidence/FULL/$f" ] || fail "$f was evicted although held"; done
st=$(ctl status --json)
[ "$(echo "$st" | jget 'j["result"]["evidence"]["below_min_free"]')" = True ] ||
	fail "status does not say holds pushed free space under min-free: $(echo "$st" | jget 'j["result"]["evidence"]')"
unheld=$(ring_files "$dir" | while read -r f; do [ -e "$TMP/store/evidence/FULL/$f" ] || echo "$f"; done | wc -l)
[ "$unheld" -le 3 ] || fail "$unheld unheld files kept under min-free"
grep -q "deleted .* (retention)" "$TMP/pktcapd.log" || fail "no unheld file was evicted"
for _ in $(seq 70); do
	grep -q "evidence holds [0-9]* MiB: free space" "$TMP/pktcapd.log" && break
	sleep 0.1
done
grep -q "evidence holds [0-9]* MiB: free space .* under min-free" "$TMP/pktcapd.log" ||
	fail "the log does not say holds pushed free space under min-free"
# Release: the space comes back.
ctl release --case FULL --delete >/dev/null || fail "release failed"
send_pkts -c 500 -s 1000 -r 4000
wait_written "$IF_CAP/all" 11500
sleep 1
[ "$(ctl status --json | jget 'j["result"]["evidence"]["below_min_free"]')" = False ] ||
	fail "status still says holds push free space under min-free after the release"
pass
