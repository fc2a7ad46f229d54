#!/bin/bash
# scale.sh: one ring's bytes as 100, 10,000 and 100,000 files: adoption, memory, status, list, a query and idle retention
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root, from the build directory): bench/scale.sh [-m MB] [-s "SIZES"] [-i SECONDS].
# For each size, writes MB megabytes (default 1024) of UDP traffic spread over
# a day as that many closed, un-indexed files (bench/mkscale.py), starts
# pktcapd on them (idle: a filter nothing matches) with retention limits that
# hold, and measures: the time to list them and to index them all; after a
# restart, the time to adopt them from their indexes and the daemon's RSS;
# the median latency of `status` and of a one-minute `list`; a one-second
# `dump` from a cold page cache; and the CPU the idle daemon (retention
# passes every second, flush timers) uses per hour. Writes
# bench/results/scale-DATE.md.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
mb=1024 sizes="100 10000 100000" idle=30
while getopts "m:s:i:" o; do
	case $o in m) mb=$OPTARG ;; s) sizes=$OPTARG ;; i) idle=$OPTARG ;; *) exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
PKTCTL=${PKTCTL:-./ctl/pktctl}
work=$(mktemp -d /var/tmp/pktcap-scale.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
ctl() { "$PKTCTL" -S "$work/sock" "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
us() {	# CMD...: wall microseconds
	local s=$(date +%s%N)
	"$@" > /dev/null 2>&1 || true
	echo $((($(date +%s%N) - s) / 1000))
}
# Cold for this ring only (the machine is shared): drop its files from the page cache.
cold() {
	python3 - "$1" <<'PY'
import os, sys
for n in os.listdir(sys.argv[1]):
    fd = os.open(os.path.join(sys.argv[1], n), os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
PY
}
start() {
	: > "$work/log"
	"$PKTCAPD" -n -f "$work/pktcapd.conf" 2>> "$work/log" &
	pid=$!
	until grep -q "capturing [0-9]* rings\?" "$work/log"; do
		kill -0 "$pid" || { cat "$work/log"; exit 1; }
		sleep 0.01
	done
}
stop() { kill -TERM "$pid"; wait "$pid" || true; pid=; }
left() { ctl status --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

table=$work/table
: > "$table"
# The windows: a minute and a second in the middle of the day, away from file starts.
day=1795600000
t0=$((day + 53400))
for n in $sizes; do
	# A directory per size, none deleted before the end: ext4 allocates inodes slowly
	# next to many just deleted, which would charge one size for the last.
	dir=$work/$n/store/lo/all
	mkdir -p "$dir"
	python3 "$src/bench/mkscale.py" "$dir" lo-all $((mb * 1048576)) "$n" "$day" >/dev/null
	chown -R nobody:nogroup "$work/$n/store"
	chmod 755 "$work/$n"
	cat > "$work/pktcapd.conf" <<EOF2
	user = nobody
	group = nogroup
	storage = "$work/$n/store"
	socket = "$work/sock"
	log-level = info
	profile all {
		filter = "udp port 9"
		rotate-size = 100M
		keep-files = 1000000
		keep-bytes = 1T
		keep-age = 365d
	}
	interface lo {
		profiles = { all }
		promisc = false
	}
EOF2
	cold "$dir"
	s=$(now_ms)
	start
	listed=$(($(now_ms) - s))
	while [ "$(left)" != 0 ]; do sleep 0.1; done
	indexed=$(($(now_ms) - s))
	stop
	cold "$dir"
	s=$(now_ms)
	start
	adopted=$(($(now_ms) - s))
	[ "$(left)" = 0 ] || { echo "files left to index after a restart"; exit 1; }
	sleep 2
	rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
	ns=000000000
	python3 "$src/bench/ctltime.py" "$work/sock" '{"cmd": "status"}' 21 > "$work/st"
	python3 "$src/bench/ctltime.py" "$work/sock" \
		"{\"cmd\": \"list\", \"since\": $t0$ns, \"until\": $((t0 + 60))$ns, \"limit\": 1000}" 21 > "$work/ls"
	python3 "$src/bench/ctltime.py" "$work/sock" \
		"{\"cmd\": \"list\", \"until\": $t0$ns, \"last\": 20, \"limit\": 1000}" 21 > "$work/l20"
	lsn=$(ctl list --json --since "@$t0" --until "@$((t0 + 60))" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["result"]["files"]))')
	python3 "$src/bench/ctltime.py" "$work/sock" \
		"{\"cmd\": \"dump\", \"since\": $((t0 + 17))$ns, \"until\": $((t0 + 18))$ns}" 5 "$dir" > "$work/q"
	: > "$work/qc"
	for _ in $(seq 5); do
		cold "$dir"
		us ctl dump lo/all --since "@$((t0 + 17))" --until "@$((t0 + 18))" -w - >> "$work/qc"
	done
	pkts=$(ctl dump lo/all --since "@$((t0 + 17))" --until "@$((t0 + 18))" -w - 2>/dev/null | tcpdump -nr - 2>/dev/null | wc -l)
	a=$(cpu_ticks "$pid")
	sleep "$idle"
	b=$(cpu_ticks "$pid")
	cpu_h=$(awk -v t=$((b - a)) -v hz="$(getconf CLK_TCK)" -v s="$idle" 'BEGIN { printf "%.1f", t / hz * 3600 / s }')
	stop
	printf '| %s | %s | %s ms | %s ms | %s ms | %s MiB | %s µs | %s µs | %s µs (%s files) | %s µs (%s packets) | %s ms | %s s |\n' \
		"$n" "$((mb * 1048576 / n / 1024)) KiB" "$listed" "$indexed" "$adopted" "$((rss / 1024))" \
		"$(cat "$work/st")" "$(cat "$work/l20")" "$(cat "$work/ls")" "$lsn" "$(cat "$work/q")" "$pkts" \
		"$(($(median < "$work/qc") / 1000))" "$cpu_h" | tee -a "$table"
done
mkdir -p "$src/bench/results"
f=$src/bench/results/scale-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Scale benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "$mb MiB of UDP traffic (512-byte frames) over one day, as N closed un-indexed files."
	echo "Listed: start until capturing (files listed, none read). Indexed: start until the indexer"
	echo "has nothing left. Adopted: a restart on the indexed files until capturing."
	echo "RSS after the restart. status, list (20 files up to the middle of the day: --until --last 20;"
	echo "and one minute: --since/--until, which holds more files the smaller they are) and dump (one second,"
	echo "the ring's files dropped from the page cache before each run): the daemon's answer time"
	echo "(bench/ctltime.py: connect, request, last frame), medians of 21, 21, 21 and 5 runs. The column"
	echo "'pktctl dump -w -' is the same query run by the client (its wall time, cold, median of 5)."
	echo "Idle CPU: utime + stime of the daemon over $idle s, scaled to an hour."
	echo
	echo "| files | file size | listed | indexed | adopted (indexed) | RSS | status | list 20 files | list 1 minute | cold 1 s query | pktctl dump -w - | idle CPU per hour |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	cat "$table"
	echo
	echo "Requests: \`{\"cmd\": \"status\"}\`; \`{\"cmd\": \"list\", \"until\": ${t0}$ns, \"last\": 20, \"limit\": 1000}\`"
	echo "(what \`pktctl list --json --until @$t0 --last 20\` sends); \`{\"cmd\": \"list\", \"since\": ${t0}$ns, \"until\": $((t0 + 60))$ns, \"limit\": 1000}\`"
	echo "(\`pktctl list --json --since @$t0 --until @$((t0 + 60))\`); \`{\"cmd\": \"dump\", ...}\` and"
	echo "\`pktctl dump lo/all --since @$((t0 + 17)) --until @$((t0 + 18)) -w -\` for the same second."
	echo "Run as \`bench/scale.sh -m $mb -s \"$sizes\" -i $idle\` from the build directory."
} > "$f"
cat "$f"
