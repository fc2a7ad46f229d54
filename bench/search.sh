#!/bin/bash
# search.sh: host, port and net searches over a week-long ring, with the address index and without, plus pktctl start-up
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root, from the build directory): bench/search.sh [-g GIB] [-n RUNS] [-B BASE_PKTCAPD] [-V "VARIANTS"]
#
# For each variant FRAME:FILES:COMPRESSION (FILES at 20 GiB, scaled with GIB; default: "1500:200:plain
# 1500:200:gzip 1500:20000:plain 1500:20000:gzip 64:200:plain 64:200:gzip
# 64:20000:plain 64:20000:gzip"), writes GIB gibibytes (uncompressed;
# default 20, env SEARCH_GIB) of a week of many-host traffic as FILES
# closed, un-indexed files (bench/mksearch.c) under /work/benchdata (env
# SEARCH_DATA), lets pktcapd ($PKTCAPD) adopt and index them, then runs
# each query through `pktctl dump lo/all FILTER -w FILE` with the page cache
# dropped before every run: the rare host, the rare port, the rare /24, a
# host and the rare port, the most common host, and a cold one-second
# window. The same queries then run without the address index: by default
# on the same daemon as "(FILTER) or less 0", which matches the same packets
# but which no plan can bound (`less` is not in the planner's grammar, and
# "X or anything" may match wherever anything may), so every block is
# read and filtered in the daemon, each run right after the same query's
# run with the index (in turn, so drift falls on both); or on the daemon BASE_PKTCAPD (-B, e.g.
# a build of main before issue 19: today's behaviour, the client filters);
# or on $PKTCAPD started with the environment $SEARCH_NOINDEX_ENV (e.g.
# "PKTCAPD_NO_AIDX=1") if the daemon gets such a switch. Outputs are
# compared by SHA-256. Ratios are of medians of RUNS
# (default 3, env SEARCH_RUNS). One untimed read of the whole ring comes
# between adoption and the first query (why: at that line). Also: index size (NAME.aidx bytes against
# pcap bytes), adoption time, and pktctl start-up (`pktctl --version`, warm
# and after a cache drop). Writes bench/results/search-DATE.md.
#
# Dropping the page cache is global: on a shared machine, tell the others.
# Quick check at small scale: SEARCH_GIB=1 bench/search.sh -n 1 -V "1500:20:plain".
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
gib=${SEARCH_GIB:-20} runs=${SEARCH_RUNS:-3} base=${SEARCH_BASE:-}
variants=${SEARCH_VARIANTS:-"1500:200:plain 1500:200:gzip 1500:20000:plain 1500:20000:gzip 64:200:plain 64:200:gzip 64:20000:plain 64:20000:gzip"}
while getopts "g:n:B:V:" o; do
	case $o in g) gib=$OPTARG ;; n) runs=$OPTARG ;; B) base=$OPTARG ;; V) variants=$OPTARG ;; *) exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
PKTCTL=${PKTCTL:-./ctl/pktctl}
noindex_env=${SEARCH_NOINDEX_ENV:-}
data=${SEARCH_DATA:-/work/benchdata}
mkdir -p "$data"
work=$(mktemp -d "$data/search.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
cc -O2 -o "$work/mksearch" "$src/bench/mksearch.c" -ldeflate -lm

ctl() { "$PKTCTL" -S "$work/sock" "$@"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cold() { sync; echo 3 > /proc/sys/vm/drop_caches; }
ms() {	# CMD...: wall milliseconds, to 0.1 ms (no fork around the command); FAIL if it fails
	local s e
	s=$EPOCHREALTIME
	"$@" > /dev/null 2> "$work/err" || { echo "failed: $* ($(cat "$work/err"))" >&2; echo FAIL; return; }
	e=$EPOCHREALTIME
	echo "$(((${e/./} - ${s/./}) / 100))" | sed 's/\(.\)$/.\1/; s/^\./0./'
}
# Packets in a pcap file (capinfos reads record headers only).
npk() { capinfos -c -M "$1" 2>/dev/null | awk -F: '/Number of packets/ { gsub(/ /, "", $2); print $2 }'; }
left() { ctl status --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])' 2>/dev/null || echo x; }
start() {	# DAEMON [ENV...]: start it and wait for capture; then for the indexer to finish
	local d=$1
	shift
	: > "$work/log"
	env "$@" "$d" -n -f "$work/pktcapd.conf" 2>> "$work/log" &
	pid=$!
	until grep -q "capturing [0-9]* rings\?" "$work/log"; do
		kill -0 "$pid" || { cat "$work/log"; exit 1; }
		sleep 0.05
	done
	until [ "$(left)" = 0 ]; do
		kill -0 "$pid" || { cat "$work/log"; exit 1; }
		sleep 0.5
	done
}
stop() { kill -TERM "$pid"; wait "$pid" || true; pid=; }

# The queries: NAME|FILTER (the hosts and ports are those bench/mksearch.c plants).
queries=(
	"rare host|host 203.0.113.7"
	"rare port|port 4444"
	"/24 net|net 198.51.100.0/24"
	"host and port|host 10.0.0.50 and port 4444"
	"common host|host 10.0.0.1"
)
result() {	# TIMES NAME: NAME.res gets the median time, the output's SHA-256 and packets
	! grep -q FAIL "$1" || exit 1
	echo "$(median < "$1") $(sha256sum < "$work/$2.pcap" | cut -c1-64) $(npk "$work/$2.pcap")" > "$work/$2.res"
	rm -f "$work/$2.pcap"
}
# Both on one daemon, run by run in turn (new, old, new, old...), each cold:
# whatever drifts during a round (the disk's own cache, other load) falls on
# both alike. (Run as two blocks, all "new" then all "old", the common host
# came out 10 % slower with the index at 20 GiB; the queries that read the
# whole ring are the ones such drift moves.)
run_pairs() {
	local q filter i tag
	for i in "${!queries[@]}" w; do
		if [ "$i" = w ]; then filter="--since @$w0 --until @$w1"; else q=${queries[$i]} filter=${q#*|}; fi
		: > "$work/t-new"; : > "$work/t-old"
		for _ in $(seq "$runs"); do
			for tag in new old; do
				cold
				# shellcheck disable=SC2086 # word by word, as typed
				if [ "$tag" = old ] && [ "$i" != w ]; then
					ms ctl dump lo/all -w "$work/$tag-$i.pcap" "(" $filter ")" or less 0 >> "$work/t-$tag"
				else
					ms ctl dump lo/all -w "$work/$tag-$i.pcap" $filter >> "$work/t-$tag"
				fi
			done
		done
		for tag in new old; do
			result "$work/t-$tag" "$tag-$i"
		done
	done
}
run_queries() {	# TAG [WRAP]: the queries and the window, RUNS times each, cold; WRAP: "(F) or less 0"
	local tag=$1 wrap=${2:-} q name filter i
	for i in "${!queries[@]}"; do
		q=${queries[$i]}
		name=${q%%|*} filter=${q#*|}
		[ -z "$wrap" ] || filter="( $filter ) or less 0"
		: > "$work/t"
		for _ in $(seq "$runs"); do
			cold
			# Word by word, as typed: pktctl takes a quoted "net A/B" for a ring name.
			# shellcheck disable=SC2086
			ms ctl dump lo/all -w "$work/$tag-$i.pcap" $filter >> "$work/t"
		done
		result "$work/t" "$tag-$i"
	done
	: > "$work/t"
	for _ in $(seq "$runs"); do
		cold
		ms ctl dump lo/all --since "@$w0" --until "@$w1" -w "$work/$tag-w.pcap" >> "$work/t"
	done
	result "$work/t" "$tag-w"
}

start_week=1795600000
# The window: one second in the week, away from file starts.
w0=$(python3 -c "print('%.6f' % ($start_week + 604800 * 0.6180339 + 0.5))")
w1=$(python3 -c "print('%.6f' % ($w0 + 1))")
table=$work/table sizes=$work/sizes
: > "$table"; : > "$sizes"
for v in $variants; do
	IFS=: read -r frame nfiles comp <<< "$v"
	# FILES is for 20 GiB: at another size the file size stays (100 MB or 1 MB).
	nfiles=$(((nfiles * gib + 19) / 20))
	store=$work/store dir=$work/store/lo/all
	rm -rf "$store"
	mkdir -p "$dir"
	echo "== $v: writing $gib GiB as $nfiles files"
	s=$(date +%s)
	gen=$("$work/mksearch" "$dir" lo-all $((gib * 1073741824)) "$nfiles" "$frame" "$comp" "$start_week")
	echo "$gen (written in $(($(date +%s) - s)) s)"
	chown -R nobody:nogroup "$store"
	cat > "$work/pktcapd.conf" <<EOF2
user = nobody
group = nogroup
storage = "$store"
socket = "$work/sock"
log-level = info
profile all {
	filter = "udp port 9"
	rotate-size = $([ "$nfiles" -ge 10000 ] && echo 1M || echo 100M)
	keep-files = 1000000
	keep-bytes = 1T
	keep-age = 3650d
	$([ "$comp" = gzip ] && echo "compress = gzip")
}
interface lo {
	profiles = { all }
	promisc = false
}
EOF2
	cold
	s=$(date +%s%N)
	start "$PKTCAPD"
	adopt=$((($(date +%s%N) - s) / 1000000))
	pbytes=$(find "$dir" -name '*.pcap*' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
	abytes=$(find "$dir" -name '*.aidx' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
	raw=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^bytes=/) print substr($i, 7) }' <<< "$gen")
	# One untimed read of the whole ring first: right after adoption the
	# first full read here took 1.5 to 2 times the CPU of every later one,
	# whichever query it was (with the index or without; seen at 4 and
	# 20 GiB), which charged the common host's query with the index alone.
	cold
	ctl dump lo/all -w /dev/null > /dev/null
	if [ -z "$base" ] && [ -z "$noindex_env" ]; then
		run_pairs
	else
		run_queries new
		stop
		# shellcheck disable=SC2086 # VAR=VALUE words for env
		if [ -n "$base" ]; then start "$base"; else start "$PKTCAPD" $noindex_env; fi
		run_queries old
	fi
	stop
	printf '| %s | %s | %s | %s MiB | %.2f %% | %.2f %% | %s s |\n' "$frame" "$nfiles" "$comp" \
		"$((pbytes / 1048576))" "$(awk -v a="$abytes" -v p="$pbytes" 'BEGIN { print 100 * a / p }')" \
		"$(awk -v a="$abytes" -v p="$raw" 'BEGIN { print 100 * a / p }')" \
		"$(awk -v m="$adopt" 'BEGIN { printf "%.1f", m / 1000 }')" >> "$sizes"
	for i in "${!queries[@]}" w; do
		if [ "$i" = w ]; then name="1 s window"; filter="--since @$w0 --until @$w1"; else
			name=${queries[$i]%%|*} filter=${queries[$i]#*|}; fi
		read -r tn hn pn < "$work/new-$i.res"
		read -r to ho po < "$work/old-$i.res"
		same=identical; [ "$hn" = "$ho" ] || same="**DIFFERENT** ($pn / $po packets)"
		# shellcheck disable=SC2016 # the backquotes are Markdown
		printf '| %s:%s:%s | %s | `%s` | %s | **%s ms** | %s ms | %sx | %s |\n' "$frame" "$nfiles" "$comp" \
			"$name" "$filter" "$pn" "$tn" "$to" \
			"$(awk -v a="$to" -v b="$tn" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')" "$same" | tee -a "$table"
	done
	rm -rf "$store"
done

# pktctl start-up: warm (after 5 runs, median of 50) and cold (median of 11).
for _ in 1 2 3 4 5; do "$PKTCTL" --version > /dev/null; done
warm=$(for _ in $(seq 50); do ms "$PKTCTL" --version; done | median)
coldv=$(for _ in $(seq 11); do cold; ms "$PKTCTL" --version; done | median)
libs=$(ldd "$PKTCTL" | grep -c '=>' || true)

mkdir -p "$src/bench/results"
f=$src/bench/results/search-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Search benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -n), $(nproc) CPUs"
	echo
	echo "$gib GiB (uncompressed) per ring: a week of TCP/UDP between 131,072 IPv4 and 4,096 IPv6"
	echo "hosts with Zipf popularity (bench/mksearch.c), FRAME-byte frames, as FILES closed files."
	echo "Page cache dropped before every run; medians of $runs runs; times are \`pktctl dump\`"
	echo "end to end from the shell. Without the index: $(if [ -n "$base" ]; then echo "the daemon $base"; elif [ -n "$noindex_env" ]; then echo "$PKTCAPD with $noindex_env"; else echo "the same daemon, the filter as \"(FILTER) or less 0\" (same packets, no plan)"; fi)."
	echo
	echo "| ring FRAME:FILES:COMPRESSION | query | filter | packets | with the index | without | speed-up | output |"
	echo "|---|---|---|---:|---:|---:|---:|---|"
	cat "$table"
	echo
	echo "| frame | files | compression | pcap on disk | NAME.aidx / pcap on disk | NAME.aidx / uncompressed | adopted and indexed (cold) |"
	echo "|---:|---:|---|---:|---:|---:|---:|"
	cat "$sizes"
	echo
	echo "pktctl start-up (\`$PKTCTL --version\`, $libs libraries): warm $warm ms (median of 50), cold $coldv ms (median of 11, caches dropped before each)."
	echo
	echo "Run as \`SEARCH_GIB=$gib bench/search.sh -n $runs$([ -n "$base" ] && echo " -B $base") -V \"$variants\"\`$([ -n "$noindex_env" ] && echo " with SEARCH_NOINDEX_ENV=\"$noindex_env\"")."
} > "$f"
cat "$f"
