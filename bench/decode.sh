#!/bin/bash
# decode.sh: pktctl dump -r against tcpdump -r on the same million mixed packets: identical output, time ratio
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage: bench/decode.sh [-n RUNS] [-c PACKETS]. Writes bench/results/decode-DATE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 count=1000000
while getopts "n:c:" o; do
	case $o in n) runs=$OPTARG ;; c) count=$OPTARG ;; *) exit 2 ;; esac
done
PKTCTL=${PKTCTL:-./ctl/pktctl}
work=$(mktemp -d /var/tmp/pktcap-decode.XXXXXX)
trap 'rm -rf "$work"' EXIT
export TZ=UTC
echo "== generating $count mixed packets"
/usr/bin/python3 bench/mkmixed.py "$work/mixed.pcap" "$count"
ls -la "$work/mixed.pcap"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# Wall seconds and peak RSS (KB) of one command, output to a file.
measure() {	# OUT CMD...
	local out=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$out" 2>/dev/null || true
	cat "$work/time"
}

results=$work/results
: > "$results"
: > "$work/runs"
load=$(cut -d" " -f1-3 /proc/loadavg)
for opts in "-nn" "-nn -v" "-nn -X"; do
	# shellcheck disable=SC2086
	tcpdump -r "$work/mixed.pcap" $opts > "$work/want" 2>/dev/null
	# shellcheck disable=SC2086
	"$PKTCTL" dump -r "$work/mixed.pcap" $opts > "$work/got"
	if cmp -s "$work/want" "$work/got"; then same=identical; else
		same="DIFFERENT ($(diff "$work/want" "$work/got" | grep -c '^<') lines)"
	fi
	: > "$work/t.tcpdump"; : > "$work/t.pktctl"; : > "$work/m.tcpdump"; : > "$work/m.pktctl"
	: > "$work/ratio"
	# Alternating, so that load from others on a shared machine hits both alike; each
	# run's own ratio is kept, and their median is the figure least moved by that load.
	for _ in $(seq "$runs"); do
		# shellcheck disable=SC2086
		read -r s1 m < <(measure /dev/null tcpdump -r "$work/mixed.pcap" $opts)
		echo "$s1" >> "$work/t.tcpdump"; echo "$m" >> "$work/m.tcpdump"
		# shellcheck disable=SC2086
		read -r s2 m < <(measure /dev/null "$PKTCTL" dump -r "$work/mixed.pcap" $opts)
		echo "$s2" >> "$work/t.pktctl"; echo "$m" >> "$work/m.pktctl"
		awk -v a="$s1" -v b="$s2" 'BEGIN { printf "%.2f\n", (b > 0 ? a / b : 0) }' >> "$work/ratio"
	done
	tt=$(median < "$work/t.tcpdump"); tp=$(median < "$work/t.pktctl")
	mt=$(median < "$work/m.tcpdump"); mp=$(median < "$work/m.pktctl")
	ratio=$(awk -v a="$tt" -v b="$tp" 'BEGIN { printf "%.2f", a / b }')
	rr=$(median < "$work/ratio")
	rmin=$(sort -n "$work/ratio" | head -1)
	printf '| `%s` | %s | %s | %s | %sx | %sx (min %sx) | %s | %s |\n' "$opts" "$tt" "$tp" \
		"$same" "$ratio" "$rr" "$rmin" "$((mt / 1024))" "$((mp / 1024))" | tee -a "$results"
	echo "$opts: tcpdump $(paste -sd' ' "$work/t.tcpdump"); pktctl $(paste -sd' ' "$work/t.pktctl")" \
		>> "$work/runs"
done
mkdir -p bench/results
f=bench/results/decode-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Decode benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "$count mixed packets ($(du -h "$work/mixed.pcap" | cut -f1)), median of $runs runs, output to /dev/null."
	echo
	echo "| options | tcpdump s | pktctl dump s | output | speed-up (medians) | per-run speed-up, median | tcpdump peak MB | pktctl peak MB |"
	echo "|---|---:|---:|---|---:|---:|---:|---:|"
	cat "$results"
	echo
	echo "Every run, wall seconds, in the order run (tcpdump and pktctl alternate):"
	echo
	sed 's/^/    /' "$work/runs"
	echo
	echo "Command: \`bench/decode.sh -n $runs -c $count\` (PKTCTL=$PKTCTL, TZ=UTC); $(tcpdump --version 2>&1 | head -1); $(nproc) CPUs shared with other work; load average before: $load."
} > "$f"
cat "$f"
