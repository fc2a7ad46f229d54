#!/bin/bash
# index-ab.sh: the indexer alone, two builds side by side: adoption time and CPU on the same un-indexed ring, and the same indexes
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root, from the build directory): bench/index-ab.sh -B OTHER_PKTCAPD [-g GIB] [-f FRAME] [-n FILES] [-r RUNS]
#
# Writes GIB gibibytes (default 2) of a week of many-host traffic
# (bench/mksearch.c, FRAME-byte frames, default 64, as FILES files,
# default 20) without NAME.idx or NAME.aidx, then lets each daemon adopt
# it in turn, RUNS times each (default 3), alternating, the page cache
# dropped before each start and the indexes deleted after each run. Per
# run: the time from start-up to the indexer's last file, and the
# indexer thread's CPU time (from /proc). It also checks that both builds
# wrote byte-identical NAME.aidx and NAME.idx files (SHA-256 of them all),
# so a faster indexer cannot pass with different indexes. Nothing is
# captured (the daemon listens on lo for a port nobody sends to): this
# measures the indexer's own cost; bench/adopt.sh measures adoption under
# capture. Prints a table with medians; writes bench/results/index-ab-DATE.md.
# Drops the page cache (global).
set -euo pipefail

gib=2 frame=64 nfiles=20 runs=3 other=
while getopts B:g:f:n:r: o; do
	case $o in
	B) other=$OPTARG ;;
	g) gib=$OPTARG ;;
	f) frame=$OPTARG ;;
	n) nfiles=$OPTARG ;;
	r) runs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
src=$(cd "$(dirname "$0")/.." && pwd)
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
PKTCTL=${PKTCTL:-./ctl/pktctl}
if ! [ -x "$PKTCAPD" ] || ! [ -x "$PKTCTL" ] || [ -z "$other" ] || ! [ -x "$other" ]; then
	echo "run from a build directory (make first), with -B another build's daemon/pktcapd"
	exit 1
fi
PKTCAPD=$(realpath "$PKTCAPD") PKTCTL=$(realpath "$PKTCTL") other=$(realpath "$other")
data=${INDEX_AB_DATA:-/work/benchdata}
mkdir -p "$data"
work=$(mktemp -d "$data/index-ab.XXXXXX")
chmod 755 "$work"
pid=''
cleanup() {
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; } || true
	rm -rf "$work"
}
trap cleanup EXIT
cc -O2 -o "$work/mksearch" "$src/bench/mksearch.c" -ldeflate -lm

dir=$work/store/lo/all
mkdir -p "$dir"
gen=$("$work/mksearch" "$dir" lo-all $((gib * 1073741824)) "$nfiles" "$frame" plain 1795600000)
chown -R nobody:nogroup "$work/store"
cat > "$work/pktcapd.conf" <<EOF
user = nobody
group = nogroup
storage = "$work/store"
socket = "$work/sock"
log-level = info
profile all {
	filter = "udp port 9"
	rotate-size = 100M
	keep-files = 1000000
	keep-bytes = 1T
	keep-age = 3650d
}
interface lo {
	profiles = { all }
	promisc = false
}
EOF

left() { "$PKTCTL" -S "$work/sock" status --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])' 2>/dev/null || echo x; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# The indexer thread's user + system CPU in ms (clock ticks of /proc/PID/task/TID/stat).
indexer_cpu() {
	local t
	for t in /proc/"$1"/task/*; do
		if [ "$(cat "$t/comm")" = indexer ]; then
			awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) * 1000 / hz }' "$t/stat"
			return
		fi
	done
	echo x
}
one() {	# DAEMON TAG: adopt, record "ms cpu_ms" in $work/TAG, the indexes' digest in $work/TAG.sum
	local s ms cpu
	rm -f "$dir"/*.idx "$dir"/*.aidx "$work/store/pktcapd.totals"
	sync
	echo 3 > /proc/sys/vm/drop_caches
	: > "$work/log"
	s=$(date +%s%N)
	"$1" -n -f "$work/pktcapd.conf" 2>> "$work/log" &
	pid=$!
	until [ "$(left)" = 0 ]; do
		kill -0 "$pid" || { cat "$work/log"; exit 1; }
		sleep 0.1
	done
	ms=$((($(date +%s%N) - s) / 1000000))
	cpu=$(indexer_cpu "$pid")
	kill -TERM "$pid"
	wait "$pid" || true
	pid=
	echo "$ms $cpu" >> "$work/$2"
	(cd "$dir" && sha256sum ./*.idx ./*.aidx) | sha256sum | cut -c1-16 >> "$work/$2.sum"
	echo "$2: adopted in $ms ms, indexer CPU $cpu ms"
}
: > "$work/a"; : > "$work/b"; : > "$work/a.sum"; : > "$work/b.sum"
for _ in $(seq "$runs"); do
	one "$PKTCAPD" a
	one "$other" b
done
same=identical
[ "$(sort -u "$work/a.sum" "$work/b.sum" | wc -l)" = 1 ] || same="**DIFFERENT**"
out=$src/bench/results/index-ab-$(date -u +%Y%m%dT%H%M%SZ).md
mkdir -p "$src/bench/results"
{
	echo "# index-ab: $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1 /proc/loadavg)"
	echo
	echo "$gen"
	echo
	echo "\`bench/index-ab.sh -B $other -g $gib -f $frame -n $nfiles -r $runs\`, median of $runs, cold"
	echo
	echo "| build | adoption (ms) | indexer CPU (ms) | runs (ms) | indexes |"
	echo "|---|---:|---:|---|---|"
	for t in a b; do
		b=$PKTCAPD; [ $t = a ] || b=$other
		echo "| $b | $(cut -d' ' -f1 "$work/$t" | median) | $(cut -d' ' -f2 "$work/$t" | median) | $(cut -d' ' -f1 "$work/$t" | paste -sd' ') | $(sort -u "$work/$t.sum" | paste -sd' ') |"
	done
	echo
	echo "Indexes of the two builds: $same."
} | tee "$out"
