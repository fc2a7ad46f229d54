#!/bin/bash
# evidence-faults.sh: preserve and release with a link, write, fsync, rename or unlink failing at every step, on a full disk, and killed anywhere: all or nothing, nothing leaked
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd cc python3 fallocate
# bench/evidence-crash.sh runs only the kills, many more of them.
KILLS=${EVIDENCE_KILLS:-40}
FAULTS=${EVIDENCE_FAULTS:-1}
netns_setup
# A file system of its own, so that the test can fill it.
mount -t tmpfs -o size=24m,mode=755 pktcap-faults "$TMP/store" || skip "cannot mount tmpfs"
EXTRA_CLEANUP="umount -l '$TMP/store'"
chown nobody:nogroup "$TMP/store"
write_conf <<EOF2
profile all {
	rotate-packets = 100
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
src=${top_srcdir:-$(dirname "$0")/../..}
build_shim faultshim
# The daemon's user writes CTL.fired beside the control file.
mkdir -m 777 "$TMP/fault.d"
FAULT=$TMP/fault.d/ctl
EV=$TMP/store/evidence
start() {
	PKTCAP_FAULT_CTL=$FAULT LD_PRELOAD=$TMP/faultshim.so start_pktcapd
	grep -q faultshim.so "/proc/$PID/maps" || hard_error "the fault shim is not loaded"
}
arm() { rm -f "$FAULT.fired"; echo "$1 $2 $3 $TMP/store" > "$FAULT.new" && mv "$FAULT.new" "$FAULT"; }
disarm() { rm -f "$FAULT"; }
start
# Ten closed files and an open one whose packets are after every window below:
# no preserve here rotates, so every call the shim counts is the evidence's.
send_pkts -c 1050 -r 2000
wait_written "$IF_CAP/all" 1050
wait_indexer
ctl list --json > "$TMP/list.json"
# Files $1 to $2 and no neighbour, which a burst from pktgen may put microseconds away:
# 1 us inside the first and the last packet's (truncated) microseconds (see evidence-full.sh).
win() {
	python3 - "$TMP/list.json" "$1" "$2" <<'EOF2'
import calendar, json, sys, time
f = [x for x in json.load(open(sys.argv[1]))["result"]["files"] if not x["open"]]
def us(s):
    sec, frac = s.rstrip("Z").split(".")
    return calendar.timegm(time.strptime(sec, "%Y-%m-%dT%H:%M:%S")) * 10**6 + int(frac)
a, b = us(f[int(sys.argv[2])]["first"]) + 1, us(f[int(sys.argv[3])]["last"]) - 1
print("--since @%d.%06d --until @%d.%06d" % (a // 10**6, a % 10**6, b // 10**6, b % 10**6))
EOF2
}
W0=$(win 0 1) W1=$(win 2 3) W2=$(win 4 5)
entries() { [ -f "$EV/$1/MANIFEST" ] && wc -l < "$EV/$1/MANIFEST" || echo 0; }

# After anything: every invariant of tests/evcheck.py, and the case verifies or is not there.
check() {
	local out
	ctl status --json > "$TMP/status.json" && ctl list --json > "$TMP/list.json" ||
		fail "$2: the daemon does not answer"
	out=$(python3 "$src/tests/evcheck.py" "$TMP/store" "$TMP/status.json" "$TMP/list.json") ||
		fail "$2: $out"
	if [ -d "$EV/$1" ]; then
		out=$(ctl verify --case "$1") || fail "$2: case $1 does not verify: $out"
	elif ctl cases --json | grep -q "\"$1\""; then
		fail "$2: case $1 is listed but has no directory"
	fi
}

# op CASE: sets the case up unarmed, then runs the armed step; before= is the step's absence.
setup() {
	case $1 in
	into|release) ctl preserve $W0 --case "$2" > /dev/null || fail "cannot set up $2" ;;
	esac
	before=$(entries "$2")
}
step() {
	case $1 in
	new) ctl preserve $W1 --case "$2" ;;
	into) ctl preserve $W2 --case "$2" ;;
	release) ctl release --case "$2" ;;
	esac
}
# The step happened whole (rc 0) or not at all.
outcome() {
	local op=$1 c=$2 rc=$3 what=$4 now
	now=$(entries "$c")
	if [ "$rc" = 0 ]; then
		[ "$now" = $((before + 1)) ] || [ "$op" != release ] ||
			fail "$what: release said OK, the manifest went from $before to $now lines"
		[ "$now" -gt "$before" ] || fail "$what: $op said OK but the manifest did not grow"
	else
		[ "$now" = "$before" ] || fail "$what: $op failed but the manifest went from $before to $now lines"
		[ "$op" != new ] || [ ! -e "$EV/$c" ] || fail "$what: a failed new case left its directory"
	fi
}
# Cases left holding would share files with the next ones: let them go.
tidy() {
	ls "$EV/$1" 2>/dev/null | grep -q '\.pcap$' || return 0
	ctl release --case "$1" > /dev/null || fail "cannot release $1"
}

i=0
for op in new into release; do
	[ "$FAULTS" = 1 ] || break
	for call in link write fsync rename unlink; do
		for err in ENOSPC EIO; do
			n=1
			while [ $n -lt 60 ]; do
				i=$((i + 1))
				c=F$i
				setup $op $c
				arm $call $n $err
				out=$(step $op $c 2>&1)
				rc=$?
				disarm
				what="$op with the $call #$n failing ($err)"
				outcome $op $c $rc "$what"
				check $c "$what"
				tidy $c
				[ -s "$FAULT.fired" ] || break
				[ $rc = 0 ] || echo "$out" | grep -q "case $c" || fail "$what: $out"
				n=$((n + 1))
			done
			[ $n -gt 1 ] || [ "$op $call" = "release link" ] ||
				fail "$op makes no $call call under the storage"
		done
	done
done
log "$i faulted runs"

# A full file system: left with 0 to 1 MiB, each step fails whole or succeeds whole.
for free in 0 4096 65536 300000 1000000; do
	[ "$FAULTS" = 1 ] || break
	for op in new into release; do
		i=$((i + 1))
		c=D$i
		setup $op $c
		avail=$(df --output=avail -B1 "$TMP/store" | tail -1)
		[ "$avail" -gt "$free" ] && fallocate -l $((avail - free)) "$TMP/store/filler"
		out=$(step $op $c 2>&1)
		rc=$?
		rm -f "$TMP/store/filler"
		outcome $op $c $rc "$op with $free bytes free"
		[ "$free" != 0 ] || [ "$rc" != 0 ] || fail "$op succeeded on a full disk"
		check $c "$op with $free bytes free"
		tidy $c
	done
done

# The daemon, killed, is a zombie of this shell until waited for.
dead() {
	for _ in $(seq 20); do
		st=$(awk '{ print $3 }' "/proc/$PID/stat" 2>/dev/null)
		[ -z "$st" ] || [ "$st" = Z ] && return 0
		sleep 0.05
	done
	return 1
}

# kill -9 at call N of the step (kill_at K N); the start after it finishes or rolls back.
killed=0 back=0 done=0
kill_at() {
	local k=$1 n=$2
	i=$((i + 1))
	c=K$i
	op=$(echo new into release | tr ' ' '\n' | shuf -n1)
	setup $op $c
	arm any "$n" KILL
	step $op $c > /dev/null 2>&1
	rc=$?
	disarm
	if [ $rc != 0 ] && dead; then
		wait "$PID" 2>/dev/null
		killed=$((killed + 1))
		start
		rec=$(grep -E "case $c: (preserve|release) of [0-9]+ files (completed|rolled back)" "$TMP/pktcapd.log")
		now=$(entries "$c")
		echo "$rec" | grep -q completed && done=$((done + 1))
		echo "$rec" | grep -q "rolled back" && back=$((back + 1))
		if [ -n "$rec" ]; then
			echo "$rec" | grep -q completed && [ "$now" -le "$before" ] &&
				fail "kill #$k ($op): the start says completed, the manifest has $now lines, had $before"
			echo "$rec" | grep -q "rolled back" && [ "$now" != "$before" ] &&
				fail "kill #$k ($op): the start says rolled back, the manifest has $now lines, had $before"
		fi
	fi
	check $c "kill #$k during $op"
	tidy $c
}
for k in $(seq "$KILLS"); do
	kill_at "$k" $((RANDOM % 40 + 1))
done
[ "$killed" -ge $((KILLS / 2)) ] || fail "only $killed of $KILLS steps were killed"
# On a busy machine the random kills can all land on one side of the commit
# point: then sweep the calls in order, from the first (rolled back) or from
# the 8th (completed), at most 16 more kills.
for n in $(seq 16); do
	[ "$back" -ge 1 ] && [ "$done" -ge 1 ] && break
	if [ "$back" = 0 ]; then
		kill_at "$((KILLS + n))" "$n"
	else
		kill_at "$((KILLS + n))" "$((n + 7))"
	fi
done
[ "$back" -ge 1 ] && [ "$done" -ge 1 ] ||
	fail "of $killed kills, $back changes were rolled back and $done completed: the kills missed the transactions"
log "$i runs in all, $killed killed and restarted: $back rolled back, $done completed"
pass
