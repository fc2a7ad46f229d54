#!/bin/bash
# query.sh: one second out of a day-long multi-gigabyte ring: pktctl dump (indexed) against editcap/mergecap pipelines
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root): bench/query.sh [-g GB] [-n RUNS] [-k DIR]. Writes a plain and a gzip
# ring of GB gigabytes (uncompressed) of mixed traffic spread over 24 hours,
# as pktcapd stores them (bench/mkring.py), lets pktcapd adopt and index
# them, then answers "the packets of one second" three ways, each from a
# cold page cache. Writes bench/results/query-DATE.md. -k DIR keeps the rings
# in DIR (and reuses them when there) for measuring one build after another.
# Also times `pktctl --version` cold: the client's start-up within the window.
set -euo pipefail
cd "$(dirname "$0")/.."
gb=2 runs=5 keep=
while getopts "g:n:k:" o; do
	case $o in g) gb=$OPTARG ;; n) runs=$OPTARG ;; k) keep=$OPTARG ;; *) exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
PKTCTL=${PKTCTL:-./ctl/pktctl}
if [ -n "$keep" ]; then
	work=$keep
	mkdir -p "$work"
	rm -f "$work/sock"
else
	work=$(mktemp -d /var/tmp/pktcap-query.XXXXXX)
fi
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
for ring in plain packed; do
	[ -n "$keep" ] && [ -f "$work/$ring.complete" ] && continue
	rm -rf "$work/store/lo/$ring"
	mkdir -p "$work/store/lo/$ring"
	mode=plain; [ $ring = packed ] && mode=gzip
	echo "== writing the $ring ring ($gb GB uncompressed)"
	/usr/bin/python3 bench/mkring.py "$work/store/lo/$ring" "lo-$ring" $((${MB:-$((gb * 1024))} * 1024 * 1024)) $mode
	chmod 440 "$work/store/lo/$ring"/*
	[ -n "$keep" ] && touch "$work/$ring.complete"
done
chown -R nobody:nogroup "$work/store"
cat > "$work/pktcapd.conf" <<EOF2
user = nobody
group = nogroup
storage = "$work/store"
socket = "$work/sock"
log-level = info
profile plain {
	filter = "udp port 9"
	rotate-size = 256M
}
profile packed {
	filter = "udp port 9"
	rotate-size = 256M
	compress = gzip
}
interface lo {
	profiles = { plain, packed }
	promisc = false
}
EOF2
"$PKTCAPD" -n -f "$work/pktcapd.conf" 2> "$work/log" &
pid=$!
nfiles=$(ls "$work/store/lo/plain" "$work/store/lo/packed" | grep -c pcap)
echo "== pktcapd indexes the $nfiles files it adopted"
ctl() { "$PKTCTL" -S "$work/sock" "$@"; }
# The indexer's backlog, from status ("indexed NAME" is logged at debug level only).
left() { ctl status --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])' 2>/dev/null; }
sleep 1
for _ in $(seq 600); do
	[ "$(left)" = 0 ] && break
	sleep 1
done
[ "$(left)" = 0 ] || { echo "indexing did not finish"; exit 1; }
plain_bytes=$(du -sb --apparent-size "$work/store/lo/plain" | cut -f1)
packed_bytes=$(du -sb --apparent-size "$work/store/lo/packed" | cut -f1)
# The window: one second in the middle of the day, away from file starts.
t0=$(python3 -c 'print("%.6f" % (1795600000 + 86400 * 0.6180339 + 0.5))')
t1=$(python3 -c "print('%.6f' % ($t0 + 1))")

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cold() { sync; echo 3 > /proc/sys/vm/drop_caches; }
ms() {	# CMD...: wall milliseconds
	local s
	s=$(date +%s%N)
	"$@" > /dev/null 2>&1 || true
	echo $(( ($(date +%s%N) - s) / 1000000 ))
}
count() { tcpdump -nr "$1" 2>/dev/null | wc -l; }
# The files whose names say they may hold the window: what an operator without an index picks.
pick() {	# DIR
	python3 - "$1" "$t0" "$t1" <<'PY'
import os, sys, datetime
d, a, b = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
names = sorted(n for n in os.listdir(d) if n.endswith(".pcap") or n.endswith(".pcap.gz"))
def t(n):
    s = n.split("-")[-2]
    return datetime.datetime.strptime(s, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()
sel = [n for i, n in enumerate(names) if t(n) <= b and (i + 1 == len(names) or t(names[i + 1]) >= a - 1)]
print(" ".join(os.path.join(d, n) for n in sel))
PY
}
table=$work/table
: > "$table"
for ring in plain packed; do
	dir=$work/store/lo/$ring
	files=$(pick "$dir")
	all=$(ls "$dir"/*.pcap "$dir"/*.pcap.gz 2>/dev/null | tr "\n" " " || true)
	: > "$work/a"; : > "$work/b"
	for _ in $(seq "$runs"); do
		cold
		ms ctl dump "lo/$ring" --since "@$t0" --until "@$t1" -w "$work/q1.pcap" >> "$work/a"
		cold
		ms sh -c "editcap -A $t0 -B $t1 $files $work/q2.pcap" >> "$work/b"
	done
	cold
	mc=$(ms sh -c "mergecap -w - $all | editcap -A $t0 -B $t1 - $work/q3.pcap")
	n1=$(count "$work/q1.pcap"); n2=$(count "$work/q2.pcap"); n3=$(count "$work/q3.pcap")
	ma=$(median < "$work/a"); mb=$(median < "$work/b")
	printf '| %s | %s | **%s ms** | %s ms (%s packets) | %s ms (%s packets) | %sx / %sx |\n' \
		"$ring" "$n1" "$ma" "$mb" "$n2" "$mc" "$n3" \
		"$(awk -v a="$mb" -v b="$ma" 'BEGIN { printf "%.0f", a / (b ? b : 1) }')" \
		"$(awk -v a="$mc" -v b="$ma" 'BEGIN { printf "%.0f", a / (b ? b : 1) }')" | tee -a "$table"
	# What the daemon read for the window, from its own debug-free view: the index point used.
done
# The client alone: start, print, exit, from a cold page cache.
: > "$work/v"
for _ in $(seq "$runs"); do
	cold
	ms "$PKTCTL" --version >> "$work/v"
done
startup=$(median < "$work/v")
echo "pktctl --version, cold: $startup ms"
mkdir -p bench/results
f=bench/results/query-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Query benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "A day of mixed traffic (TCP, UDP/DNS, ICMP, IPv6, ARP), $gb GiB uncompressed, in 256 MiB files:"
	echo "plain ring $((plain_bytes / 1048576)) MiB on disk, gzip ring (256 KiB members) $((packed_bytes / 1048576)) MiB."
	echo "Window: [$t0, $t1), one second. Page cache dropped before every run; median of $runs runs"
	echo "(the whole-ring pipeline once). Speed-up: against the file-picking pipeline / the whole ring."
	echo
	echo "| ring | packets | pktctl dump | editcap on the file(s) named for the window | mergecap + editcap over the ring | speed-up |"
	echo "|---|---:|---:|---:|---:|---:|"
	cat "$table"
	echo
	echo "\`pktctl --version\` alone, cold (median of $runs): $startup ms; load average $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "Commands: \`pktctl dump lo/RING --since @T0 --until @T1 -w out.pcap\`;"
	echo "\`editcap -A T0 -B T1 FILES out.pcap\`; \`mergecap -w - RING/* | editcap -A T0 -B T1 - out.pcap\`."
	echo "Run as \`bench/query.sh -g $gb -n $runs\`."
} > "$f"
cat "$f"
