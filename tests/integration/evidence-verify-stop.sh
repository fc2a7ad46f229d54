#!/bin/bash
# evidence-verify-stop.sh: SIGTERM while a verify hashes a large case stops the daemon within 3 s, totals saved; the thread is named verify
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 100
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 300 -r 1000
wait_written "$IF_CAP/all" 300
wait_indexer
case=$TMP/store/evidence/BIG-1
ctl preserve --since -1h --until now --case BIG-1 >/dev/null || fail "preserve failed"
ctl verify --case BIG-1 | grep -q "^OK" || fail "a fresh case does not verify"

# A held file 64 GiB long (sparse: hashing it takes the verify thread most of a minute).
# With MANIFEST moved away the verifier checks the files against the signed SHA256SUMS,
# whose sizes it does not know, so it hashes every byte.
held=$(cd "$case" && ls | grep -E '\.pcap$' | head -1)
rm "$case/$held"
head -c 24 "$(ring_dir "$IF_CAP" all)/$held" > "$case/$held"
truncate -s 64G "$case/$held"
mv "$case/MANIFEST" "$case/MANIFEST.away"
ctl verify --case BIG-1 >"$TMP/verify.out" 2>&1 &
vpid=$!
for _ in $(seq 50); do
	grep -qx verify /proc/"$PID"/task/*/comm 2>/dev/null && break
	sleep 0.1
done
grep -qx verify /proc/"$PID"/task/*/comm || fail "no thread named verify while a verify runs"
sleep 1
kill -0 "$vpid" 2>/dev/null || fail "the verify ended before the stop: $(cat "$TMP/verify.out")"

totals=$(ring_dir "$IF_CAP" all)/pktcapd.totals
rm -f "$totals"
start=$(date +%s%N)
kill -TERM "$PID"
for _ in $(seq 30); do
	kill -0 "$PID" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$PID" 2>/dev/null && fail "pktcapd did not stop within 3 s of SIGTERM during a verify"
wait "$PID"
rc=$?
PID=
ms=$((($(date +%s%N) - start) / 1000000))
[ "$rc" = 0 ] || fail "pktcapd exited with $rc"
log "stopped in $ms ms during a verify"
[ -f "$totals" ] || fail "the totals were not saved at the stop"
grep -qx "packets_written 300" "$totals" || fail "saved totals: $(cat "$totals")"
wait "$vpid" 2>/dev/null
pass
