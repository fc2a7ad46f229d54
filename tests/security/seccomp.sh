#!/bin/bash
# seccomp.sh: every thread of pktcapd runs under its seccomp filter: sockets refused, exec kills
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# gdb attaches to the running daemon and makes each thread call socket() and,
# last, execve(): nothing in the daemon itself is a way to trigger a test.
require_cmd gdb
netns_setup
write_conf <<EOF2
profile all { }
profile udp {
	filter = "udp"
}
interface $IF_CAP {
	profiles = { all, udp }
}
EOF2
start_pktcapd
grep -q "seccomp filter installed on every thread" "$TMP/pktcapd.log" || fail "no seccomp line in the log"

tasks=$(ls "/proc/$PID/task" | wc -l)
[ "$tasks" -ge 3 ] || fail "expected the main thread and two writer threads, found $tasks"
for t in /proc/$PID/task/*; do
	mode=$(awk '$1 == "Seccomp:" { print $2 }' "$t/status")
	[ "$mode" = 2 ] || fail "thread $(basename "$t"): Seccomp is '$mode', expected 2 (filter)"
done
log "$tasks threads, each with Seccomp: 2"

# gdb_calls THREAD EXPR...: prints what each 'call EXPR' returns in gdb's thread THREAD.
gdb_calls() {
	local thread=$1; shift
	local args=(-batch -nx -p "$PID" -ex "set confirm off" -ex "thread $thread")
	for e in "$@"; do args+=(-ex "call $e"); done
	timeout 60 gdb "${args[@]}" -ex detach 2>/dev/null | sed -n 's/^\$[0-9]* = //p'
}
SOCKET='((int (*)(int, int, int))socket)'
ERRNO='*((int *(*)(void))__errno_location)()'
# AF_INET (2) stream, AF_PACKET (17) raw, AF_UNIX (1) stream: each refused, with its errno.
for n in $(seq "$tasks"); do
	got=$(gdb_calls "$n" "$SOCKET(2, 1, 0)" "$ERRNO" "$SOCKET(17, 3, 0)" "$ERRNO" \
		"$SOCKET(1, 1, 0)" "$ERRNO" | tr '\n' ' ')
	[ "$got" = "-1 97 -1 97 -1 1 " ] ||
		fail "thread $n: socket() results and errnos are '$got', expected '-1 97 -1 97 -1 1' (EAFNOSUPPORT, EPERM)"
	log "thread $n: socket(AF_INET), socket(AF_PACKET) -> EAFNOSUPPORT, socket(AF_UNIX, STREAM) -> EPERM"
done

# The refused calls changed nothing: the daemon still captures.
kill -0 "$PID" 2>/dev/null || fail "pktcapd died after refused socket() calls"
send_pkts -c 40 -p udp -r 5000
wait_written "$IF_CAP/udp" 40

# execve from a writer thread ends the process with SIGSYS.
gdb_calls "$tasks" '((int (*)(const char *, char **, char **))execve)("/bin/sh", 0, 0)' >/dev/null
for _ in $(seq 100); do
	kill -0 "$PID" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$PID" 2>/dev/null && fail "pktcapd survived an execve()"
wait "$PID"
rc=$?
PID=
[ "$rc" = $((128 + 31)) ] || fail "pktcapd ended with status $rc after execve(), expected SIGSYS (159)"
log "execve() killed the daemon with SIGSYS"
pass
