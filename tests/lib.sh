# lib.sh: shared set-up for integration tests: a capture namespace, a peer namespace, a daemon
# SPDX-License-Identifier: BSD-2-Clause
#
# Each test sources this file, calls netns_setup, writes a config with
# write_conf, starts the daemon, sends traffic with send_pkts from the peer
# namespace, and checks the stored files with tcpdump. Exit codes follow
# automake: 0 pass, 1 fail, 77 skip, 99 hard error. Traffic never leaves the
# veth pair between the two namespaces the test creates.

set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
PKTCAPD=${PKTCAPD:-$top_builddir/daemon/pktcapd}
PKTGEN=${PKTGEN:-$top_builddir/tests/pktgen}
TEST=$(basename "$0" .sh)
NS_CAP="pktcap-$$-c"
NS_PEER="pktcap-$$-p"
IF_CAP="pkc$$"
IF_PEER="pkp$$"
PID=
TMP=

# python3 for the tests' own calls: the distribution's interpreter when there
# is one. A version manager's shim (pyenv's is a bash script) costs about
# 300 ms of CPU per call, so a loop polling with jget took a whole CPU from
# the daemon's idle-priority indexer. Debian's modules (python3-scapy,
# python3-prometheus-client) are only /usr/bin/python3's anyway. Bash's
# command hash, not a function: "python3 ... &" must still leave the
# interpreter's own pid in $! (capture-stall.sh stops it with SIGSTOP).
if [ -x /usr/bin/python3 ]; then
	hash -p /usr/bin/python3 python3
fi

log() { echo "# $*"; }
skip() { echo "SKIP: $TEST: $*"; exit 77; }
fail() {
	echo "FAIL: $TEST: $*"
	if [ -n "$TMP" ] && [ -f "$TMP/pktcapd.log" ]; then
		echo "--- pktcapd.log"
		tail -n 30 "$TMP/pktcapd.log"
	fi
	exit 1
}
hard_error() { echo "ERROR: $TEST: $*"; exit 99; }
pass() { echo "PASS: $TEST${1:+: $1}"; exit 0; }

require_root() {
	[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, capture)"
	# make distcheck checks the tarball builds and installs; the suite itself ran already.
	[ -z "${PKTCAP_SKIP_INTEGRATION:-}" ] || skip "PKTCAP_SKIP_INTEGRATION is set"
}

require_cmd() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "needs $c"
	done
}

cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill -KILL "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	ip netns del "$NS_CAP" 2>/dev/null
	ip netns del "$NS_PEER" 2>/dev/null
	[ -n "${EXTRA_CLEANUP:-}" ] && eval "$EXTRA_CLEANUP"
	[ -n "$TMP" ] && [ -z "${KEEP_TMP:-}" ] && rm -rf "$TMP"
	return 0
}

# A temporary directory the unprivileged daemon user can write into.
tmp_setup() {
	[ -z "${PKTCAP_SKIP_INTEGRATION:-}" ] || skip "PKTCAP_SKIP_INTEGRATION is set"
	TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
	chmod 755 "$TMP"
	mkdir -p "$TMP/store"
	chown nobody:nogroup "$TMP/store"
	trap cleanup EXIT
	trap 'exit 1' INT TERM
}

# Two namespaces joined by a veth pair, IPv6 off so the kernel adds no traffic of its own.
netns_setup() {
	require_root
	require_cmd ip tcpdump
	[ -x "$PKTCAPD" ] || hard_error "$PKTCAPD not built"
	[ -x "$PKTGEN" ] || hard_error "$PKTGEN not built"
	tmp_setup
	ip netns add "$NS_CAP" || hard_error "ip netns add"
	ip netns add "$NS_PEER" || hard_error "ip netns add"
	ip link add "$IF_CAP" type veth peer name "$IF_PEER" || hard_error "ip link add veth"
	ip link set "$IF_CAP" netns "$NS_CAP"
	ip link set "$IF_PEER" netns "$NS_PEER"
	for ns in "$NS_CAP:$IF_CAP:1" "$NS_PEER:$IF_PEER:2"; do
		n=${ns%%:*}; rest=${ns#*:}; i=${rest%%:*}; a=${rest#*:}
		ip netns exec "$n" sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1"
		ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
		ip -n "$n" addr add "198.18.0.$a/24" dev "$i"
		ip -n "$n" link set "$i" up
		ip -n "$n" link set lo up
	done
}

# write_conf [GLOBAL-LINES] -- PROFILE-AND-INTERFACE-TEXT: a config in $TMP/pktcapd.conf.
write_conf() {
	{
		echo "user = nobody"
		echo "group = nogroup"
		echo "storage = $TMP/store"
		echo "log-level = debug"
		echo "socket = $TMP/pktcapd.sock"
		echo "state-directory = $TMP/state"
		cat
	} > "$TMP/pktcapd.conf"
}

# Starts pktcapd in the capture namespace and waits until it captures.
start_pktcapd() {
	: > "$TMP/pktcapd.log"
	ASAN_OPTIONS=${PKTCAP_DAEMON_ASAN_OPTIONS:-${ASAN_OPTIONS:-}} \
		ip netns exec "$NS_CAP" "$PKTCAPD" -n -f "$TMP/pktcapd.conf" "$@" >> "$TMP/pktcapd.log" 2>&1 &
	PID=$!
	for _ in $(seq 100); do
		grep -q "capturing [0-9]* rings\?" "$TMP/pktcapd.log" && return 0
		kill -0 "$PID" 2>/dev/null || fail "pktcapd exited at start-up"
		sleep 0.1
	done
	fail "pktcapd did not start within 10 s"
}

# build_shim NAME: tests/NAME.c as $TMP/NAME.so, for LD_PRELOAD into the
# daemon (which runs as nobody: the directory and the library are opened).
# ThreadSanitizer's runtime does not take a preloaded library (the test
# skips); AddressSanitizer's is told not to insist on coming first.
build_shim() {
	sanitizer_build tsan && skip "the $1 shim needs a build without ThreadSanitizer"
	sanitizer_build asan &&
		PKTCAP_DAEMON_ASAN_OPTIONS="${PKTCAP_DAEMON_ASAN_OPTIONS:-detect_leaks=0}:verify_asan_link_order=0"
	require_cmd cc
	cc -shared -fPIC -I"$top_builddir" -o "$TMP/$1.so" "$top_srcdir/tests/$1.c" -ldl ||
		hard_error "cannot build the $1 shim"
	chmod 755 "$TMP" "$TMP/$1.so"
}

# Stops pktcapd with SIGTERM and waits (at most 10 s) for a clean exit.
stop_pktcapd() {
	kill -TERM "$PID" 2>/dev/null || fail "pktcapd is not running"
	for _ in $(seq 100); do
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$PID" 2>/dev/null && fail "pktcapd did not stop within 10 s of SIGTERM"
	wait "$PID"
	rc=$?
	PID=
	[ "$rc" = 0 ] || fail "pktcapd exited with $rc"
}

# send_pkts PKTGEN-ARGS...: frames from the peer namespace to the capture side.
send_pkts() {
	out=$(ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" "$@") || fail "pktgen $*"
	log "$out"
}

# Packets in one pcap or pcap.gz file, as tcpdump reads it; fails on any read error.
count_file() {
	case "$1" in
	*.gz) n=$(zcat "$1" | tcpdump -nr - 2>"$TMP/tcpdump.err" | wc -l) ;;
	*) n=$(tcpdump -nr "$1" 2>"$TMP/tcpdump.err" | wc -l) ;;
	esac
	if grep -qiv "^reading from file" "$TMP/tcpdump.err"; then
		fail "tcpdump cannot read $1: $(cat "$TMP/tcpdump.err")"
	fi
	echo "$n"
}

# Packets in every file of a ring directory.
count_ring() {
	total=0
	for f in "$1"/*.pcap "$1"/*.pcap.gz; do
		[ -e "$f" ] || continue
		total=$((total + $(count_file "$f")))
	done
	echo "$total"
}

ring_dir() { echo "$TMP/store/$1/$2"; }

# Runs tcpdump with a filter over all files of a ring and counts the matches.
count_ring_filter() {
	dir=$1; shift
	total=0
	for f in "$dir"/*.pcap; do
		[ -e "$f" ] || continue
		total=$((total + $(tcpdump -nr "$f" "$@" 2>/dev/null | wc -l)))
	done
	echo "$total"
}

# The value of FIELD in /proc/PID/status.
proc_status() { awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' "/proc/$1/status"; }

PKTCTL=${PKTCTL:-$top_builddir/ctl/pktctl}

# pktctl against this test's daemon.
ctl() { "$PKTCTL" -S "$TMP/pktcapd.sock" "$@"; }

# jget EXPR: evaluates a Python expression on the JSON read from stdin (bound to j).
jget() { python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"; }

# ring_field RING KEY: one field of a ring's status (RING "": the first ring).
ring_field() { ctl status --json ${1:+"$1"} | jget "j['result']['rings'][0]['$2']"; }

# sanitizer_build [asan|tsan]: whether $PKTCAPD was built with that sanitizer (default: either).
sanitizer_build() {
	local pat
	case "${1:-any}" in
	asan) pat='libasan\|__asan_init' ;;
	tsan) pat='__tsan_init' ;;
	*) pat='libasan\|__asan_init\|__tsan_init' ;;
	esac
	grep -q "$pat" "$PKTCAPD" 2>/dev/null
}

# Waits (at most 10 s) until ring RING has written N packets.
wait_written() {
	for _ in $(seq 100); do
		n=$(ring_field "$1" packets_written 2>/dev/null)
		[ "$n" = "$2" ] && return 0
		sleep 0.1
	done
	fail "ring $1 wrote ${n:-?} packets, expected $2"
}

# The capture files of a ring directory (not their .idx sidecars), one per line.
# Waits (at most 30 s) until the daemon's indexer has nothing left to do.
wait_indexer() {
	for _ in $(seq 300); do
		[ "$(ctl status --json | jget "j['result']['indexer']['files_left']")" = 0 ] && return 0
		sleep 0.1
	done
	fail "the indexer did not finish within 30 s"
}

ring_files() { ls "$1" | grep -E '\.pcap(\.gz)?$'; }

# FILE OFFSET: inverts the byte at OFFSET. Flipped, not overwritten with a
# constant: a byte that already held the constant (one run in 256) would
# leave the file whole and the test's check would fail by chance.
flip_byte() {
	local b
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	[ -n "$b" ] || hard_error "flip_byte: $1 has no byte at $2"
	printf "\\x$(printf %02x $((b ^ 0xff)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
