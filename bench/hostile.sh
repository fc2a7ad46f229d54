#!/bin/bash
# hostile.sh: capture loss and status latency while read-group clients push the control plane as hard as they can
# SPDX-License-Identifier: BSD-2-Clause
#
# Two runs of the same load, each DURATION seconds at RATE packets/s from
# tests/pktgen in one namespace into pktcapd in another: first with only the
# status clients (the baseline), then with every hostile client of issue 18
# (bench/hostile.py): N clients asking `status` in a loop, two case exports
# from a late --since over a cold case of CASE_MB in 4 files, a dump of the
# whole ring (RING_MB in FILES files, made by bench/mkscale.py), `list --all`
# over it, `verify` of the case, a `preserve` of a new window and a `reload`
# with a filter of `udp` and TERMS ` or port 1`. Loss must equal the
# baseline's (0), and status's 99th percentile must stay under 50 ms.
# Prints both runs and writes bench/results/hostile-DATE.md.
set -euo pipefail

usage()
{
	cat <<EOF
usage: $0 [options]          (as root, from the build directory)
  -r PPS     generator rate (default 284000: 80 % of the 355,000 packets/s of
             1500-byte frames that bench/capture.sh stored without loss, docs/benchmarks.md)
  -s BYTES   frame size (default 1500)
  -d SEC     each run's length (default 10)
  -R MB      the ring's old data, made before the daemon starts (default 2048)
  -F N       ... in this many files (default 20000)
  -C MB      the held case, in 4 files (default 1024)
  -t N       " or port 1" terms in the reload's filter (default 3000)
  -c N       status clients (default 20)
  -n NICE    run the clients at this nice value (default 0: as hard as they can; on a
             machine with few CPUs they then take the CPU the daemon needs to answer)
  -T DIR     parent of the temporary storage, a real disk (default /var/tmp)
  -o DIR     where the result goes (default bench/results under the source tree)
EOF
}

RATE=284000 SIZE=1500 DURATION=10 RING_MB=2048 FILES=20000 CASE_MB=1024 TERMS=3000
CLIENTS=20 TMPBASE=/var/tmp OUTDIR= NICE=0
while getopts "r:s:d:R:F:C:t:c:n:T:o:h" o; do
	case $o in
	r) RATE=$OPTARG ;; s) SIZE=$OPTARG ;; d) DURATION=$OPTARG ;; R) RING_MB=$OPTARG ;;
	F) FILES=$OPTARG ;; C) CASE_MB=$OPTARG ;; t) TERMS=$OPTARG ;; c) CLIENTS=$OPTARG ;;
	n) NICE=$OPTARG ;;
	T) TMPBASE=$OPTARG ;; o) OUTDIR=$OPTARG ;; h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "hostile.sh: needs root (namespaces, capture)" >&2; exit 1; }
src=$(cd "$(dirname "$0")/.." && pwd)
OUTDIR=${OUTDIR:-$src/bench/results}
PKTCAPD=$(realpath "${PKTCAPD:-./daemon/pktcapd}")
PKTCTL=$(realpath "${PKTCTL:-./ctl/pktctl}")
PKTGEN=$(realpath "${PKTGEN:-./tests/pktgen}")
for f in "$PKTCAPD" "$PKTCTL" "$PKTGEN"; do
	[ -x "$f" ] || { echo "hostile.sh: $f not built (run from the build directory)" >&2; exit 1; }
done

NS_CAP=pch-cap-$$ NS_GEN=pch-gen-$$ IF=veth-cap PID=
work=$(mktemp -d "$TMPBASE/pktcap-hostile.XXXXXX")
cleanup()
{
	set +e
	[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	ip netns del "$NS_CAP" 2>/dev/null
	ip netns del "$NS_GEN" 2>/dev/null
	[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
note() { echo "hostile.sh: $*" >&2; }
need_mb=$((RING_MB + CASE_MB + 2 * DURATION * RATE * (SIZE + 16) / 1048576 + 1024))
avail_mb=$(($(df -Pk "$work" | awk 'NR == 2 { print $4 }') / 1024))
[ "$avail_mb" -ge "$need_mb" ] || { note "$TMPBASE has $avail_mb MB free, needs $need_mb"; exit 1; }

ip netns add "$NS_CAP"
ip netns add "$NS_GEN"
for ns in "$NS_CAP" "$NS_GEN"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
ip link add "$IF" netns "$NS_CAP" type veth peer name veth-gen netns "$NS_GEN"
ip -n "$NS_CAP" link set "$IF" up
ip -n "$NS_GEN" link set veth-gen up

# The ring's history and the case's files, from a day long past.
DAY=1795600000
mkdir -p "$work/store/$IF/all" "$work/store/$IF/held"
note "making $RING_MB MB in $FILES files and a $CASE_MB MB case"
python3 "$src/bench/mkscale.py" "$work/store/$IF/all" "$IF-all" $((RING_MB * 1048576)) "$FILES" "$DAY" >/dev/null
python3 "$src/bench/mkscale.py" "$work/store/$IF/held" "$IF-held" $((CASE_MB * 1048576)) 4 "$DAY" >/dev/null
chown -R nobody:nogroup "$work/store"

conf()	# filter of ring all
{
	cat > "$work/pktcapd.conf" <<EOF
user = nobody
group = nogroup
storage = "$work/store"
socket = "$work/sock"
state-directory = "$work/state"
log-level = info
profile all {
	filter = "$1"
	buffer-size = 256M
	rotate-size = 100M
	keep-files = 1000000
	keep-bytes = 1T
	keep-age = 3650d
}
profile held {
	filter = "udp port 9"
	keep-files = 1000000
	keep-bytes = 1T
	keep-age = 3650d
}
interface $IF {
	profiles = { all, held }
	promisc = false
}
EOF
}
ctl() { "$PKTCTL" -S "$work/sock" "$@"; }
jget() { python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"; }
written() { ctl status --json "$IF/all" | jget 'j["result"]["rings"][0]["packets_written"]'; }
dropped()
{
	ctl status --json "$IF/all" |
		jget 'sum(j["result"]["rings"][0][k] for k in ("dropped_kernel", "dropped_interface", "dropped_queue", "lost_write"))'
}
cold()
{
	python3 - "$1" <<'PY'
import os, sys
for n in os.listdir(sys.argv[1]):
    fd = os.open(os.path.join(sys.argv[1], n), os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
PY
}

conf udp
: > "$work/log"
ip netns exec "$NS_CAP" "$PKTCAPD" -n -f "$work/pktcapd.conf" 2>> "$work/log" &
PID=$!
until grep -q "capturing [0-9]* rings\?" "$work/log"; do
	kill -0 "$PID" || { cat "$work/log"; exit 1; }
	sleep 0.1
done
note "indexing the old files"
until [ "$(ctl status --json | jget 'j["result"]["indexer"]["files_left"]')" = 0 ]; do sleep 1; done
ctl preserve "$IF/held" --case hostile --since "@$DAY" --until "@$((DAY + 86400))" > /dev/null

# run NAME [hostile.py options]: one load; leaves its figures in $work/NAME.*
run()
{
	local name=$1 w0 d0 sent

	shift
	cold "$work/store/evidence/hostile"
	cold "$work/store/$IF/all"
	w0=$(written) d0=$(dropped)
	ip netns exec "$NS_GEN" "$PKTGEN" -i veth-gen -c 0 -d "$DURATION" -s "$SIZE" -r "$RATE" \
		> "$work/$name.gen" &
	python3 "$src/bench/hostile.py" "$work/sock" --seconds "$DURATION" \
		--status-clients "$CLIENTS" --ring "$IF/all" --case hostile \
		--late $(((DAY + 86400 - 600) * 1000000000)) \
		--window $(((DAY + 3600) * 1000000000)) $(((DAY + 7200) * 1000000000)) \
		--nice "$NICE" --json "$work/$name.json" "$@" > "$work/$name.out"
	wait $!
	sent=$(awk '$1 == "sent" { print $2 }' "$work/$name.gen")
	# The last flush is at most a second behind.
	sleep 2
	echo "$sent $(($(written) - w0)) $(($(dropped) - d0))" > "$work/$name.count"
	note "$name: sent, written, dropped: $(cat "$work/$name.count")"
	cat "$work/$name.out" >&2
}

run baseline --status-only
conf "udp$(for _ in $(seq "$TERMS"); do printf ' or port 1'; done)"
run hostile --reload
kill -TERM "$PID"
wait "$PID" || true
PID=

row()	# name
{
	read -r sent wrote drop < "$work/$1.count"
	python3 - "$work/$1.json" "$1" "$sent" "$wrote" "$drop" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["status"]
name, sent, wrote, drop = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print("| %s | %d | %d | %d | %.3f %% | %d | %.2f | %.2f | %.2f | %.2f |" % (
    name, sent, wrote, drop, 100.0 * (sent - wrote) / sent if sent else 0, j["calls"],
    j["min"], j["median"], j["p99"], j["max"]))
PY
}
mkdir -p "$OUTDIR"
out=$OUTDIR/hostile-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Hostile clients benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "$DURATION s at $RATE packets/s of $SIZE bytes into a ring holding $RING_MB MB in $FILES old files,"
	echo "with a held case of $CASE_MB MB in 4 files; $CLIENTS status clients in both runs, the other"
	echo "clients (bench/hostile.py) in the second, at nice $NICE. Status times: connect, request,"
	echo "reply, in ms."
	echo
	echo "| run | sent | written | dropped | loss | status calls | min | median | p99 | max |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	row baseline
	row hostile
	echo
	echo "The other clients, in the hostile run:"
	echo
	echo '```'
	grep -v '^status:' "$work/hostile.out"
	echo '```'
	echo
	echo "Run as \`bench/hostile.sh -r $RATE -s $SIZE -d $DURATION -R $RING_MB -F $FILES -C $CASE_MB -t $TERMS -c $CLIENTS -n $NICE\`"
	echo "from the build directory; $(uname -r), $(nproc) CPUs, load before the end $(cut -d ' ' -f 1-3 /proc/loadavg)."
} > "$out"
cat "$out"
note "written to $out"
