#!/bin/bash
# idle-priority.sh: the indexer and verify threads run in the idle CPU class, at nice 19 and in the idle I/O class
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 ionice
netns_setup
write_conf <<EOF2
profile all {
	rotate-size = 1G
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir=$(ring_dir "$IF_CAP" all)
mkdir -p "$dir"
# 300 MB in three closed files without an index: seconds of work for the indexer, then for verify.
python3 "$top_srcdir/bench/mkscale.py" "$dir" "$IF_CAP-all" $((300 * 1024 * 1024)) 3 >/dev/null ||
	hard_error "mkscale.py"
chown -R nobody:nogroup "$TMP/store"

# The id of PID's thread named NAME, waiting up to 10 s for it; empty if none came.
thread_named() {	# NAME
	for _ in $(seq 1000); do
		for t in /proc/"$PID"/task/*; do
			[ "$(cat "$t/comm" 2>/dev/null)" = "$1" ] && { basename "$t"; return 0; }
		done
		sleep 0.01
	done
}

# Fails unless thread TID is SCHED_IDLE (policy 5), nice 19 and in the idle I/O class.
check_idle() {	# NAME TID
	local policy nice io
	policy=$(awk '$1 == "policy" { print $3 }' "/proc/$PID/task/$2/sched")
	# The nice value is field 19 of stat; the name (field 2) has no space here.
	nice=$(awk '{ print $19 }' "/proc/$PID/task/$2/stat")
	io=$(ionice -p "$2")
	log "$1 (thread $2): policy $policy, nice $nice, I/O $io"
	[ "$policy" = 5 ] || fail "$1 thread: scheduling policy $policy, not SCHED_IDLE (5)"
	[ "$nice" = 19 ] || fail "$1 thread: nice $nice, not 19"
	case $io in idle*) ;; *) fail "$1 thread: I/O class '$io', not idle" ;; esac
}

start_pktcapd
tid=$(thread_named indexer)
[ -n "$tid" ] || fail "no thread named indexer"
[ "$(ctl status --json | jget "j['result']['indexer']['files_left'] + j['result']['indexer']['files_done']")" -gt 0 ] ||
	fail "the indexer had no work"
check_idle indexer "$tid"
grep -q "no idle\|cannot lower" "$TMP/pktcapd.log" && fail "a thread could not lower its priority"
# At idle priority on a busy machine the indexer takes its time: up to 3 minutes.
for _ in $(seq 1800); do
	[ "$(ctl status --json | jget "j['result']['indexer']['files_left']")" = 0 ] && break
	sleep 0.1
done
wait_indexer

ctl verify "$IF_CAP/all" > "$TMP/verify.out" 2>&1 &
vpid=$!
tid=$(thread_named verify)
[ -n "$tid" ] || fail "no thread named verify while pktctl verify ran"
check_idle verify "$tid"
wait "$vpid" || fail "verify failed: $(cat "$TMP/verify.out")"
grep -q "no idle\|cannot lower" "$TMP/pktcapd.log" && fail "a thread could not lower its priority"
stop_pktcapd
pass "indexer and verify threads are idle (CPU class, nice and I/O class)"
