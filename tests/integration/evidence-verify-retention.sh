#!/bin/bash
# evidence-verify-retention.sh: verify RING while retention deletes files under it reports no file as missing
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
# Files of 50 packets, four kept: at 20,000 pps retention deletes one every 2.5 ms,
# so files go while each verify reads the ring's list as it was when it started.
write_conf <<EOF2
profile all {
	rotate-packets = 50
	keep-files = 4
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 0 -d 6 -s 1000 -r 20000 >/dev/null &
gen=$!
EXTRA_CLEANUP="kill $gen 2>/dev/null"
sleep 1
runs=0
while kill -0 "$gen" 2>/dev/null && [ "$runs" -lt 60 ]; do
	out=$(ctl verify "$IF_CAP/all" 2>&1)
	echo "$out" | grep -q "missing file" && fail "a file retention deleted is reported missing: $out"
	echo "$out" | grep -Eq "^OK: [0-9]+ files?" || fail "verify RING: $out"
	runs=$((runs + 1))
done
wait "$gen"
[ "$runs" -ge 10 ] || fail "only $runs verifies ran while retention deleted files"
log "$runs ring verifies while retention deleted files: none called a file missing"
pass
