#!/bin/bash
# query.sh: a 1-second window out of a multi-gigabyte ring: pktctl dump (indexed) against editcap/mergecap pipelines
#
# Usage (root): bench/query.sh [-g GB] [-n RUNS]. Builds a plain and a gzip
# ring of at least GB gigabytes of uncompressed traffic by capturing real
# frames on a veth pair, then times the same question answered three ways.
# Writes bench/results/query-DATE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
gb=2 runs=5
while getopts "g:n:" o; do
	case $o in g) gb=$OPTARG ;; n) runs=$OPTARG ;; *) exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
PKTCTL=${PKTCTL:-./ctl/pktctl}
PKTGEN=${PKTGEN:-./tests/pktgen}
ns_c=pq-$$-c ns_p=pq-$$-p if_c=pqc$$ if_p=pqp$$
work=$(mktemp -d /var/tmp/pktcap-query.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns_c" 2>/dev/null; ip netns del "$ns_p" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns_c"; ip netns add "$ns_p"
ip link add "$if_c" type veth peer name "$if_p"
ip link set "$if_c" netns "$ns_c"; ip link set "$if_p" netns "$ns_p"
for x in "$ns_c:$if_c" "$ns_p:$if_p"; do
	ip netns exec "${x%%:*}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip -n "${x%%:*}" link set "${x#*:}" up
done
mkdir -p "$work/store"; chown nobody:nogroup "$work/store"
cat > "$work/pktcapd.conf" <<EOF2
user = nobody
group = nogroup
storage = "$work/store"
socket = "$work/sock"
log-level = warning
profile plain {
	buffer-size = 256M
	rotate-size = 256M
	write-queue = 64M
}
profile packed {
	buffer-size = 256M
	rotate-size = 256M
	write-queue = 64M
	compress = gzip
}
interface $if_c {
	profiles = { plain, packed }
}
EOF2
ip netns exec "$ns_c" "$PKTCAPD" -n -f "$work/pktcapd.conf" 2> "$work/log" &
pid=$!
sleep 1
# Mixed traffic: UDP and TCP, large and small frames, text payloads that compress like real ones.
target=$((gb * 1024 * 1024 * 1024))
phase=0
while :; do
	have=$(du -sb --apparent-size "$work/store/$if_c/plain" 2>/dev/null | cut -f1)
	have=${have:-0}
	[ "$have" -ge "$target" ] && break
	case $((phase % 3)) in
	0) a="-p udp -s 1400" ;; 1) a="-p tcp -s 600" ;; 2) a="-p udp -s 200 --dport 53" ;;
	esac
	# shellcheck disable=SC2086
	ip netns exec "$ns_p" "$PKTGEN" -i "$if_p" $a -r 100000 -c 300000 -d 20 >/dev/null
	phase=$((phase + 1))
	[ $phase -lt 200 ] || break
done
sleep 2
kill "$pid"; wait "$pid" || true; pid=
ip netns exec "$ns_c" "$PKTCAPD" -n -f "$work/pktcapd.conf" 2>> "$work/log" &
pid=$!
sleep 1
ctl() { "$PKTCTL" -S "$work/sock" "$@"; }
ctl status
plain_bytes=$(du -sb "$work/store/$if_c/plain" | cut -f1)
packed_bytes=$(du -sb "$work/store/$if_c/packed" | cut -f1)

# The window: one second in the middle of the ring's time span.
read -r t0 t1 < <(ctl list --json "$if_c/plain" | python3 -c '
import json, sys, datetime
f = json.load(sys.stdin)["result"]["files"]
ts = lambda s: datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
a, b = ts(f[0]["first"]), ts(f[-1]["last"])
print("%.6f %.6f" % ((a + b) / 2, (a + b) / 2 + 1))')

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
timeit() {	# OUT CMD...: wall milliseconds
	local out=$1; shift
	local s=$(date +%s%N)
	"$@" > /dev/null 2>&1 || true
	echo $(( ($(date +%s%N) - s) / 1000000 ))
}
count() { tcpdump -nr "$1" 2>/dev/null | wc -l; }
# The files whose names say they may hold the window: what an operator without an index would pick.
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
	dir=$work/store/$if_c/$ring
	files=$(pick "$dir")
	: > "$work/a"; : > "$work/b"; : > "$work/c"
	for _ in $(seq "$runs"); do
		sync; echo 3 > /proc/sys/vm/drop_caches
		timeit x ctl dump "$if_c/$ring" --since "@$t0" --until "@$t1" -w "$work/q1.pcap" >> "$work/a"
		sync; echo 3 > /proc/sys/vm/drop_caches
		# shellcheck disable=SC2086
		timeit x sh -c "mergecap -w - $files | editcap -A $t0 -B $t1 - $work/q2.pcap" >> "$work/b"
	done
	sync; echo 3 > /proc/sys/vm/drop_caches
	timeit x sh -c "mergecap -w - $dir/*.pcap* | editcap -A $t0 -B $t1 - $work/q3.pcap" >> "$work/c"
	n1=$(count "$work/q1.pcap"); n2=$(count "$work/q2.pcap"); n3=$(count "$work/q3.pcap")
	ma=$(median < "$work/a"); mb=$(median < "$work/b"); mc=$(median < "$work/c")
	printf '| %s | %s | %s ms | %s ms (%s packets) | %s ms (%s packets) | %sx / %sx |\n' \
		"$ring" "$n1" "$ma" "$mb" "$n2" "$mc" "$n3" \
		"$(awk -v a="$mb" -v b="$ma" 'BEGIN { printf "%.0f", a / (b ? b : 1) }')" \
		"$(awk -v a="$mc" -v b="$ma" 'BEGIN { printf "%.0f", a / (b ? b : 1) }')" | tee -a "$table"
done
mkdir -p bench/results
f=bench/results/query-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Query benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "Ring: plain $((plain_bytes / 1048576)) MiB on disk, gzip $((packed_bytes / 1048576)) MiB on disk"
	echo "(same $gb GiB+ of captured UDP/TCP frames of 200-1400 bytes); window [$t0, $t1)."
	echo "Cold page cache before every run (drop_caches); median of $runs runs (the full-scan pipeline once)."
	echo
	echo "| ring | packets | pktctl dump | mergecap+editcap on the files named for the window | mergecap+editcap over the whole ring | speed-up |"
	echo "|---|---:|---:|---:|---:|---:|"
	cat "$table"
	echo
	echo "Commands: \`pktctl dump RING --since @T0 --until @T1 -w out.pcap\`;"
	echo "\`mergecap -w - FILES | editcap -A T0 -B T1 - out.pcap\`. Run as \`bench/query.sh -g $gb -n $runs\`."
} > "$f"
cat "$f"
