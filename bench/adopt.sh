#!/bin/bash
# adopt.sh: adoption of a ring without address indexes while the same daemon captures: how fast, and what capture loses
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root, from the build directory): bench/adopt.sh [-g GIB] [-f FRAME] [-n FILES] [-r PPS] [-s SIZE] [-t] [-u]
#
# Writes GIB gibibytes (default 20, env ADOPT_GIB) of a week of many-host
# traffic (bench/mksearch.c, FRAME-byte frames, FILES files) into a ring
# directory as an earlier pktcapd would have left it without NAME.aidx
# (and without NAME.idx; with -t, with the NAME.idx of a pktcapd from
# before the address index: a first, untimed start without load indexes
# the files, and their NAME.aidx are deleted), measures the disk's cold read speed on those
# files (`dd iflag=direct bs=1M`), then starts pktcapd on that ring,
# capturing a veth whose other end (in a second namespace) tests/pktgen
# floods with SIZE-byte frames at PPS frames/s (default 1500 bytes at
# 100,000/s, 150 MB/s) for as long as the indexer works. It prints the
# time from start-up to the indexer's last file (adoption), its read rate
# against dd's, and the frames sent, stored and lost meanwhile. The
# capturer and the generator are pinned to different CPUs as in
# bench/capture.sh (-u: only the generator is pinned, to CPU 1; the
# daemon's threads go where the scheduler puts them, as on a server with
# cores to spare); the indexer runs at idle priority (SCHED_IDLE and the
# idle I/O class), so capture should lose nothing while it works.
# Writes bench/results/adopt-DATE.md. Drops the page cache (global).
set -euo pipefail

gib=${ADOPT_GIB:-20} frame=1500 nfiles=200 pps=100000 size=1500 cpus=0 keepidx=0
while getopts g:f:n:r:s:tu o; do
	case $o in
	g) gib=$OPTARG ;;
	f) frame=$OPTARG ;;
	n) nfiles=$OPTARG ;;
	r) pps=$OPTARG ;;
	s) size=$OPTARG ;;
	t) keepidx=1 ;;
	u) cpus=0,1 ;;
	*) exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
src=$(cd "$(dirname "$0")/.." && pwd)
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
PKTCTL=${PKTCTL:-./ctl/pktctl}
PKTGEN=${PKTGEN:-./tests/pktgen}
if ! [ -x "$PKTCAPD" ] || ! [ -x "$PKTCTL" ] || ! [ -x "$PKTGEN" ]; then
	echo "run from a build directory (make first; tests/pktgen: make check TESTS=)"
	exit 1
fi
PKTCAPD=$(realpath "$PKTCAPD") PKTCTL=$(realpath "$PKTCTL") PKTGEN=$(realpath "$PKTGEN")
data=${ADOPT_DATA:-/work/benchdata}
mkdir -p "$data"
work=$(mktemp -d "$data/adopt.XXXXXX")
chmod 755 "$work"
ns_cap=adoptcap$$ ns_gen=adoptgen$$ pid='' gpid=''
cleanup() {
	[ -z "$gpid" ] || kill "$gpid" 2>/dev/null || true
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; } || true
	ip netns del "$ns_cap" 2>/dev/null || true
	ip netns del "$ns_gen" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
cc -O2 -o "$work/mksearch" "$src/bench/mksearch.c" -ldeflate -lm

ctl() { ip netns exec "$ns_cap" "$PKTCTL" -S "$work/sock" "$@"; }
cold() { sync; echo 3 > /proc/sys/vm/drop_caches; }
left() { ctl status --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])' 2>/dev/null || echo x; }
npk() {	# packets in the files named on stdin
	xargs -r capinfos -T -r -c -M 2>/dev/null | awk -F '\t' '$2 ~ /^[0-9]+$/ { n += $2 } END { print n + 0 }'
}

# The ring an earlier run left: files only, no NAME.idx, no NAME.aidx.
store=$work/store dir=$work/store/vcap0/all
mkdir -p "$dir"
echo "== writing $gib GiB of $frame-byte frames as $nfiles files"
gen=$("$work/mksearch" "$dir" vcap0-all $((gib * 1073741824)) "$nfiles" "$frame" plain 1795600000)
echo "$gen"
find "$dir" -name '*.pcap' | sort > "$work/old"
old=$(wc -l < "$work/old")
oldbytes=$(find "$dir" -name '*.pcap' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
chown -R nobody:nogroup "$store"

# The disk's cold read speed on the same files.
cold
s=$EPOCHREALTIME
find "$dir" -name '*.pcap' -print0 | sort -z | xargs -0 cat > /dev/null
e=$EPOCHREALTIME
catrate=$(awk -v b="$oldbytes" -v s="$s" -v e="$e" 'BEGIN { printf "%.0f", b / (e - s) / 1e6 }')
cold
big=$(find "$dir" -name '*.pcap' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)
ddrate=$(dd if="$big" of=/dev/null iflag=direct bs=1M 2>&1 | awk '/copied/ { v = $(NF - 1); u = $NF;
	if (u == "GB/s") v *= 1000; if (u == "kB/s") v /= 1000; printf "%.0f", v }')
echo "disk: dd iflag=direct ${ddrate} MB/s on one file, cat of all ${catrate} MB/s (cold)"

ip netns add "$ns_cap"
ip netns add "$ns_gen"
ip link add vcap0 netns "$ns_cap" type veth peer name vgen0 netns "$ns_gen"
ip -n "$ns_cap" link set vcap0 up
ip -n "$ns_gen" link set vgen0 up
ip -n "$ns_cap" link set lo up

cat > "$work/pktcapd.conf" <<EOF
user = nobody
group = nogroup
storage = "$store"
socket = "$work/sock"
log-level = info
profile all {
	filter = "udp port 5353"
	rotate-size = $(($(stat -c %s "$big") / 1048576))M
	keep-files = 1000000
	keep-bytes = 1T
	keep-age = 3650d
	buffer-size = 256M
}
interface vcap0 {
	profiles = { all }
	promisc = false
}
EOF
start_daemon() {
	: > "$work/log"
	ip netns exec "$ns_cap" taskset -c "$cpus" "$PKTCAPD" -n -f "$work/pktcapd.conf" 2>> "$work/log" &
	pid=$!
	until grep -q "capturing [0-9]* rings\?" "$work/log"; do
		kill -0 "$pid" || { cat "$work/log"; exit 1; }
		sleep 0.02
	done
}
if [ "$keepidx" = 1 ]; then
	echo "== -t: indexing the ring once without load, then deleting its NAME.aidx"
	start_daemon
	until [ "$(left)" = 0 ]; do
		kill -0 "$pid" || { cat "$work/log"; exit 1; }
		sleep 0.2
	done
	kill -TERM "$pid"
	wait "$pid" || true
	pid=
	while read -r p; do
		[ -s "$p.idx" ] || { echo "$p has no NAME.idx"; exit 1; }
		rm -f "$p.aidx"
	done < "$work/old"
fi
cold
s=$EPOCHREALTIME
start_daemon
# The load starts as soon as capture does and runs until the indexer is done.
ip netns exec "$ns_gen" taskset -c 1 "$PKTGEN" -i vgen0 -c 0 -d 600 -s "$size" -r "$pps" > "$work/gen.out" &
gpid=$!
until [ "$(left)" = 0 ]; do
	kill -0 "$pid" || { cat "$work/log"; exit 1; }
	sleep 0.2
done
e=$EPOCHREALTIME
adopt=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }')
kill -INT "$gpid"
wait "$gpid" || true
gpid=
sent=$(awk '$1 == "sent" { print $2 }' "$work/gen.out")
genline=$(cat "$work/gen.out")
sleep 2
kill -TERM "$pid"
wait "$pid" || true
pid=
stored=$(find "$dir" -name '*.pcap' -newer "$work/pktcapd.conf" | npk)
aidx=$(while read -r p; do [ ! -s "$p.aidx" ] || echo; done < "$work/old" | wc -l)
rate=$(awk -v b="$oldbytes" -v t="$adopt" 'BEGIN { printf "%.0f", b / t / 1e6 }')
loss=$(awk -v a="$sent" -v b="$stored" 'BEGIN { printf "%.3f", (a > 0) ? 100 * (a - b) / a : 0 }')

mkdir -p "$src/bench/results"
f=$src/bench/results/adopt-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Adoption under capture, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -n), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "A ring of $old files ($((oldbytes / 1048576)) MiB, $frame-byte frames, $([ "$keepidx" = 1 ] && echo "NAME.idx but no NAME.aidx" || echo "no NAME.idx or NAME.aidx")),"
	echo "adopted by pktcapd while it captures ${size}-byte frames at $pps/s on a veth (generator on CPU 1,"
	echo "pktcapd on CPU $([ "$cpus" = 0 ] && echo 0 || echo "0 and 1, unpinned")). Page cache dropped before the start."
	echo
	echo "| adoption (start to the indexer's last file) | read rate | dd iflag=direct | cat, cold | indexes built | frames sent | stored | loss |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
	echo "| $adopt s | $rate MB/s | $ddrate MB/s | $catrate MB/s | $aidx of $old | $sent | $stored | $loss % |"
	echo
	echo "Generator: $genline"
	echo
	echo "Run as \`ADOPT_GIB=$gib bench/adopt.sh -f $frame -n $nfiles -r $pps -s $size$([ "$keepidx" = 0 ] || echo " -t")$([ "$cpus" = 0 ] || echo " -u")\`."
} | tee "$f"
echo "wrote $f"
