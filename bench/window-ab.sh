#!/bin/bash
# window-ab.sh: query.sh's cold one-second window, two builds interleaved run by run on copies of one ring
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root): bench/window-ab.sh -k DIR [-n RUNS] OLD_BUILD NEW_BUILD, after
# `bench/query.sh -k DIR` wrote and indexed the rings there. The machine's
# load moves a cold window by 10 ms between rounds, so the builds are
# compared within one round: each run drops the page cache, then times the
# window through OLD (client and daemon), NEW, and NEW's client against
# OLD's daemon (what the client alone saves). OLD's daemon reads a copy of
# the store (DIR.old), so the two daemons never share files.
set -euo pipefail
runs=11 keep=
while getopts "n:k:" o; do
	case $o in n) runs=$OPTARG ;; k) keep=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
if [ $# != 2 ] || [ -z "$keep" ] || [ ! -f "$keep/pktcapd.conf" ]; then
	echo "usage: $0 -k DIR [-n RUNS] OLD_BUILD NEW_BUILD"
	exit 2
fi
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
old=$1 new=$2 copy=$keep.old
[ -d "$copy/store" ] || { mkdir -p "$copy" && cp -a "$keep/store" "$copy/"; }
chmod 755 "$copy"
sed "s|$keep/|$copy/|g" "$keep/pktcapd.conf" > "$copy/pktcapd.conf"
rm -f "$keep/sock" "$copy/sock"
"$new/daemon/pktcapd" -n -f "$keep/pktcapd.conf" 2> "$keep/ab.log" & pn=$!
"$old/daemon/pktcapd" -n -f "$copy/pktcapd.conf" 2> "$copy/ab.log" & po=$!
trap 'kill $pn $po 2>/dev/null; wait' EXIT
# Both daemons done with their indexers (a copied file is checked again): nothing else reads the disk.
left() { "$1" -S "$2" status --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])' 2>/dev/null; }
sleep 1
for _ in $(seq 600); do
	[ "$(left "$new/ctl/pktctl" "$keep/sock")" = 0 ] && [ "$(left "$old/ctl/pktctl" "$copy/sock")" = 0 ] && break
	sleep 1
done
t0=$(python3 -c 'print("%.6f" % (1795600000 + 86400 * 0.6180339 + 0.5))')
t1=$(python3 -c "print('%.6f' % ($t0 + 1))")
tmp=$(mktemp -d)
one() {	# CTL SOCK RING TAG: one cold window, its wall microseconds appended to tmp/TAG
	local s
	sync
	echo 3 > /proc/sys/vm/drop_caches
	s=$(date +%s%N)
	"$1" -S "$2" dump "lo/$3" --since "@$t0" --until "@$t1" -w "$tmp/$4.pcap"
	echo $((($(date +%s%N) - s) / 1000)) >> "$tmp/$4"
}
med() { sort -n "$1" | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'; }
echo "| ring | old | new | new client, old daemon | load |"
echo "|---|---:|---:|---:|---|"
for ring in plain packed; do
	rm -f "$tmp"/[abc]
	for _ in $(seq "$runs"); do
		one "$old/ctl/pktctl" "$copy/sock" $ring a
		one "$new/ctl/pktctl" "$keep/sock" $ring b
		one "$new/ctl/pktctl" "$copy/sock" $ring c
	done
	if ! cmp -s "$tmp/a.pcap" "$tmp/b.pcap" || ! cmp -s "$tmp/a.pcap" "$tmp/c.pcap"; then
		echo "$ring: the outputs differ"
		exit 1
	fi
	echo "| $ring | $(med "$tmp/a") ms | **$(med "$tmp/b") ms** | $(med "$tmp/c") ms | $(cut -d' ' -f1-3 /proc/loadavg) |"
done
rm -rf "$tmp"
