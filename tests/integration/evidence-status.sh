#!/bin/bash
# evidence-status.sh: status counts held bytes from memory: it opens, stats and lists no case, however many there are
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd strace python3
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
send_pkts -c 450 -r 2000
wait_written "$IF_CAP/all" 450
wait_indexer
for k in $(seq 30); do
	ctl preserve --since -1h --until now --case "S$k" > /dev/null || fail "cannot preserve S$k"
done
want=$(du -b --apparent-size "$TMP"/store/evidence/S1/*.pcap | awk '{ n += $1 } END { print n * 30 }')
[ "$(ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]')" = "$want" ] ||
	fail "status holds $(ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]') bytes, the 30 cases $want"

# Every file system call the daemon makes while answering status three times.
strace -f -qq -p "$PID" -o "$TMP/strace.out" \
	-e trace=openat,open,newfstatat,fstatat64,statx,stat,lstat,getdents64,faccessat,faccessat2 &
tracer=$!
sleep 1
for _ in 1 2 3; do ctl status --json > /dev/null || fail "status failed under strace"; done
ctl status | grep -q "^evidence: " || fail "human status has no evidence line"
sleep 0.5
kill "$tracer"
wait "$tracer" 2>/dev/null
grep -q . "$TMP/strace.out" || skip "strace saw nothing (cannot trace the daemon here)"
per_case=$(grep -cE '"S[0-9]+"|\.pcap"' "$TMP/strace.out")
[ "$per_case" = 0 ] || fail "status made $per_case calls on cases or their files: $(grep -E '"S[0-9]+"|\.pcap"' "$TMP/strace.out" | head -3)"
lists=$(grep -c getdents64 "$TMP/strace.out")
[ "$lists" = 0 ] || fail "status listed $lists directories: $(grep getdents64 "$TMP/strace.out" | head -3)"

# A release moves the count with it, and a restart builds it again from the cases.
ctl release --case S1 > /dev/null || fail "release failed"
want=$((want / 30 * 29))
[ "$(ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]')" = "$want" ] ||
	fail "after a release status holds $(ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]'), want $want"
stop_pktcapd
start_pktcapd
[ "$(ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]')" = "$want" ] ||
	fail "after a restart status holds $(ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]'), want $want"
[ "$(ctl status --json | jget 'len(j["result"]["evidence"]["cases"])')" = 29 ] || fail "status does not list 29 cases"
pass
