#!/bin/bash
# capture.sh: measures loss, CPU and memory of pktcapd, tcpdump and dumpcap on the same veth load.
# SPDX-License-Identifier: BSD-2-Clause
#
# Each capturer runs alone in one network namespace pinned to CPU 0, while
# tests/pktgen floods the other end of a veth pair from a second namespace
# on CPU 1. Stored packets are counted in the files each tool wrote, so the
# loss figure includes everything from the kernel ring to the disk.
set -euo pipefail

usage()
{
	cat <<EOF
usage: $0 [options]          (as root; from any directory)
  -d SEC       generator run time per measurement, 1..600 (default 10)
  -n N         repetitions per tool and frame size, medians reported (default 3)
  -b MB        kernel capture buffer for every tool (default 256)
  -s "SIZES"   frame sizes in bytes (default "64 1500")
  -t "TOOLS"   any of pktcapd tcpdump dumpcap (default: all three)
  -T DIR       parent of the temporary storage; must be a real disk (default /var/tmp)
  -o DIR       where the markdown result goes (default bench/results)
  -z, --gzip   compress the rings: compress = gzip for pktcapd, -z gzip for tcpdump
  -r PPS       generator rate in packets per second (default 0: its top rate)
  -S, --search the lossless 1500-byte rate of each tool: the highest rate, in
               steps of 5 % of the disk's dd oflag=direct bandwidth, with no
               loss over -d seconds; then pktcapd's queue-size burst test
  -U, --burst  only the burst test of -S (with each tool in -t); with -d, a burst
               of that many seconds instead of 2
  -q SIZE      pktcapd's queue-size (default 0: the write-queue; -S's burst test: 4G)
  -R           pktcapd's queue-reserve = yes (with -q): runs start once the queue's
               memory is taken; the burst test adds a row with it either way
  -Q SEC       seconds to wait after the generator stops before stopping the
               capturer, 1..600 (default 1; -S's burst test: 8)
  -h           this text
Environment: PKTCAPD (default ./daemon/pktcapd), KEEP=1 keeps the temporary storage,
WAIT_QUIET=N waits at most N s (default 60) for the host to go quiet before a run.
EOF
}

die()
{
	echo "capture.sh: $*" >&2
	exit 1
}

note()
{
	echo "capture.sh: $*" >&2
}

DURATION=10
REPEAT=3
BUF_MB=256
SIZES="64 1500"
TOOLS="pktcapd tcpdump dumpcap"
TMPBASE=/var/tmp
OUTDIR=bench/results
GZIP=0
RATE=0
FILE_MB=100
SEARCH=0
QUEUE_SIZE=0
RESERVE=0
QUIET=1
BURST_SECS=2

opts=$(getopt -o d:n:b:s:t:T:o:r:q:Q:RSUzh -l gzip,search,burst,help -n capture.sh -- "$@") || { usage >&2; exit 2; }
eval set -- "$opts"
while true; do
	case "$1" in
	-d) DURATION=$2; BURST_SECS=$2; shift 2 ;;
	-n) REPEAT=$2; shift 2 ;;
	-b) BUF_MB=$2; shift 2 ;;
	-s) SIZES=$2; shift 2 ;;
	-t) TOOLS=$2; shift 2 ;;
	-T) TMPBASE=$2; shift 2 ;;
	-o) OUTDIR=$2; shift 2 ;;
	-z|--gzip) GZIP=1; shift ;;
	-r) RATE=$2; shift 2 ;;
	-q) QUEUE_SIZE=$2; shift 2 ;;
	-R) RESERVE=1; shift ;;
	-Q) QUIET=$2; shift 2 ;;
	-S|--search) SEARCH=1; shift ;;
	-U|--burst) SEARCH=burst; shift ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	*) usage >&2; exit 2 ;;
	esac
done
[ $# -eq 0 ] || { usage >&2; exit 2; }

in_range()		# value min max
{
	[[ $1 =~ ^[0-9]{1,9}$ ]] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}
in_range "$DURATION" 1 600 || die "-d wants 1..600"
in_range "$REPEAT" 1 50 || die "-n wants 1..50"
in_range "$BUF_MB" 1 4096 || die "-b wants 1..4096"
in_range "$QUIET" 1 600 || die "-Q wants 1..600"
[ "$SEARCH" = burst ] || BURST_SECS=2
for s in $SIZES; do
	in_range "$s" 60 1514 || die "frame size $s not in 60..1514"
done
for t in $TOOLS; do
	case "$t" in pktcapd|tcpdump|dumpcap) ;; *) die "unknown tool '$t'" ;; esac
done
[[ $QUEUE_SIZE =~ ^[0-9]+[KMGT]?$ ]] || die "-q wants a size such as 4G"
[ "$(id -u)" -eq 0 ] || die "must be run as root (namespaces, veth, raw sockets)"

# Paths given by the user are taken from where they ran us; the defaults
# from the top of the source tree, where the rest of the script works.
[ -z "${PKTCAPD:-}" ] || PKTCAPD=$(realpath -m -- "$PKTCAPD")
[ "$OUTDIR" = bench/results ] || OUTDIR=$(realpath -m -- "$OUTDIR")
TMPBASE=$(realpath -m -- "$TMPBASE")
cd "$(dirname "$0")/.."
PKTCAPD=${PKTCAPD:-./daemon/pktcapd}
# The generator of the same build as the daemon (in the tree or out of it),
# which also has the config.h it includes.
BUILD_DIR=$(dirname "$PKTCAPD")/..
PKTCTL=$BUILD_DIR/ctl/pktctl
PKTGEN=$BUILD_DIR/tests/pktgen
for c in ip taskset capinfos getopt zcat; do
	command -v "$c" >/dev/null || die "$c not found"
done
for t in $TOOLS; do
	[ "$t" = pktcapd ] || command -v "$t" >/dev/null || die "$t not found"
done

if [ ! -x "$PKTGEN" ] || [ tests/pktgen.c -nt "$PKTGEN" ]; then
	command -v gcc >/dev/null || die "gcc is needed to build $PKTGEN"
	[ -r "$BUILD_DIR/config.h" ] || die "no config.h in $BUILD_DIR: configure first (or set PKTCAPD)"
	note "building $PKTGEN"
	gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I "$BUILD_DIR" -o "$PKTGEN" tests/pktgen.c
fi

# The ring must not wrap while a run is going, or counting the files would
# miss what the tool did store: size it for 1.5 GB/s, beyond what a veth
# pair carries on a small box, but never below the usual 20 files.
RING_FILES=$(( (DURATION * 1500 + FILE_MB - 1) / FILE_MB + 2 ))
[ "$RING_FILES" -ge 20 ] || RING_FILES=20

# Unicast to an address nobody has: the capture side's IP layer drops the
# frames at once (PACKET_OTHERHOST) instead of routing each broadcast, work
# that runs in the generator's softirq on its CPU (+25 % frames/s here).
DST_MAC=02:00:00:00:00:02

NS_CAP=pcb-cap-$$
NS_GEN=pcb-gen-$$
IF_CAP=veth-cap
IF_GEN=veth-gen
WORK=
CAP_PID=
HOLDER_PID=

cleanup()
{
	set +e
	[ -n "$CAP_PID" ] && kill -KILL "$CAP_PID" 2>/dev/null
	[ -n "$HOLDER_PID" ] && wait "$HOLDER_PID" 2>/dev/null
	ip netns del "$NS_CAP" 2>/dev/null
	ip netns del "$NS_GEN" 2>/dev/null
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "${KEEP:-0}" = 1 ]; then
			note "kept $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

WORK=$(mktemp -d "$TMPBASE/pktcap-bench.XXXXXX")
# pktcapd and tcpdump write as nobody and tcpdump; they must reach their directories.
chmod 755 "$WORK"
FSTYPE=$(findmnt -n -o FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK")
case "$FSTYPE" in
tmpfs|ramfs) die "$TMPBASE is $FSTYPE; the benchmark must write to a real disk (-T DIR)" ;;
esac
DISK_DEV=$(basename "$(df -P "$WORK" | awk 'NR == 2 { print $1 }')")
[ -r "/sys/class/block/$DISK_DEV/stat" ] || die "cannot find the device of $WORK ($DISK_DEV) in /sys/class/block"
need_mb=$(( RING_FILES * FILE_MB + 1024 ))
avail_mb=$(( $(df -Pk "$WORK" | awk 'NR == 2 { print $4 }') / 1024 ))
[ "$avail_mb" -ge "$need_mb" ] || die "$TMPBASE has $avail_mb MB free, a run may need $need_mb MB"

ip netns add "$NS_CAP"
ip netns add "$NS_GEN"
# No IPv6: its router and neighbour chatter would be counted as stored packets.
for ns in "$NS_CAP" "$NS_GEN"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
ip link add "$IF_CAP" netns "$NS_CAP" type veth peer name "$IF_GEN" netns "$NS_GEN"
ip -n "$NS_CAP" link set "$IF_CAP" up
ip -n "$NS_GEN" link set "$IF_GEN" up

if [[ " $TOOLS " == *" pktcapd "* ]] && [ ! -x "$PKTCAPD" ]; then
	SKIPPED="pktcapd skipped: $PKTCAPD not found or not executable"
	note "$SKIPPED"
	TOOLS=$(echo " $TOOLS " | sed 's/ pktcapd / /; s/^ *//; s/ *$//')
else
	SKIPPED=
fi
[ -n "$TOOLS" ] || die "no capture tool left to run"

# Run copies, so a rebuild in the tree during the benchmark cannot mix
# versions; the checksum in the result says which build was measured.
WRITEPATH=$WORK/writepath
if [ "$SEARCH" = 1 ]; then
	gcc -std=gnu11 -Wall -Wextra -Werror -O2 -o "$WRITEPATH" bench/writepath.c || die "cannot build bench/writepath.c"
fi
cp "$PKTGEN" "$WORK/pktgen"
PKTGEN=$WORK/pktgen
PKTCAPD_ID=
if [[ " $TOOLS " == *" pktcapd "* ]]; then
	PKTCAPD_ID="$PKTCAPD, sha256 $(sha256sum "$PKTCAPD" | cut -c 1-16)"
	if [ "$(head -c 4 "$PKTCAPD" | od -An -c | tr -d ' ')" = '177ELF' ]; then
		cp "$PKTCAPD" "$WORK/pktcapd"
		PKTCAPD=$WORK/pktcapd
		PKTCAPD_ID="$PKTCAPD_ID, run from a copy"
	fi
fi

TCPDUMP_USER=root
id tcpdump >/dev/null 2>&1 && TCPDUMP_USER=tcpdump

# As the brief for this benchmark gives it, plus a private control socket so
# a daemon already running on the host is left alone.
write_pktcapd_conf()	# storage-dir conf-file
{
	local GZIP_LINE='' RESERVE_LINE=''

	[ "$GZIP" = 0 ] || GZIP_LINE=$'    compress = gzip\n'
	[ "$RESERVE" = 0 ] || RESERVE_LINE=$'    queue-reserve = yes\n'
	cat >"$2" <<EOF
user = nobody
group = nogroup
storage = "$1"
socket = "$WORK/pktcapd.sock"
log-level = warning
profile all {
    snaplen = 262144
    buffer-size = ${BUF_MB}M
    rotate-size = ${FILE_MB}M
    keep-files = $RING_FILES
    queue-size = $QUEUE_SIZE
$RESERVE_LINE$GZIP_LINE}
interface $IF_CAP {
    profiles = { all }
}
EOF
}

# Sets CMD (the capturer's argv), SIG, OUT (where its files land) and
# READY_SOCK for tool $1.
capture_cmd()
{
	local tool=$1 run=$2

	READY_SOCK=

	case "$tool" in
	tcpdump)
		OUT=$run/tcpdump
		mkdir -p "$OUT"
		# tcpdump opens the later ring files after dropping to its own user.
		chown "$TCPDUMP_USER" "$OUT"
		CMD=(tcpdump -i "$IF_CAP" -w "$OUT/cap.pcap" -C "$FILE_MB" -W "$RING_FILES"
		     -B $((BUF_MB * 1024)) -s 262144)
		[ "$GZIP" = 1 ] && CMD+=(-z gzip)
		SIG=INT
		;;
	dumpcap)
		OUT=$run/dumpcap
		mkdir -p "$OUT"
		CMD=(dumpcap -i "$IF_CAP" -b filesize:$((FILE_MB * 1024)) -b files:"$RING_FILES"
		     -B "$BUF_MB" -w "$OUT/cap.pcapng" -q)
		SIG=INT
		;;
	pktcapd)
		mkdir -p "$run/pktcapd"
		chown nobody:nogroup "$run/pktcapd"
		write_pktcapd_conf "$run/pktcapd" "$WORK/pktcapd.conf"
		OUT=$run/pktcapd/$IF_CAP/all
		CMD=("$PKTCAPD" -n -f "$WORK/pktcapd.conf")
		READY_SOCK=$WORK/pktcapd.sock
		SIG=TERM
		;;
	esac
}

capture_files()		# dir: the ring files, one per line
{
	find "$1" -type f \( -name '*.pcap' -o -name '*.pcap.gz' -o -name '*.pcapng' \
		-o -name '*.pcapng.gz' -o -name 'cap.pcap[0-9]*' \) 2>/dev/null | sort
}

# Records in the files, torn last records excluded; capinfos skips the
# payload bytes, so this takes well under a second per GB.
count_stored()
{
	local files

	mapfile -t files < <(capture_files "$1")
	[ "${#files[@]}" -gt 0 ] || { echo 0; return; }
	{ capinfos -T -r -c -M "${files[@]}" 2>/dev/null || true; } |
		awk -F '\t' '$2 ~ /^[0-9]+$/ { n += $2 } END { print n + 0 }'
}

# Uncompressed bytes over bytes on disk of the gzip files a run left.
gzip_ratio()		# dir
{
	local files raw disk

	mapfile -t files < <(capture_files "$1" | grep '\.gz$')
	[ "${#files[@]}" -gt 0 ] || { echo -; return; }
	raw=$(cat "${files[@]}" | zcat 2>/dev/null | wc -c)
	disk=$(cat "${files[@]}" | wc -c)
	awk -v r="$raw" -v d="$disk" 'BEGIN { printf "%.2f", (d > 0 ? r / d : 0) }'
}

netns_stat()		# ns iface counter
{
	ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"
}

proc_field()		# pid field-name: value in kB from /proc/PID/status, 0 if gone
{
	awk -v f="$2:" '$1 == f { print $2; found = 1 } END { if (!found) print 0 }' \
		"/proc/$1/status" 2>/dev/null || echo 0
}

# Converts bash "times" output (e.g. 1m2.345s) to microseconds.
times_to_us()
{
	awk '{ for (i = 1; i <= NF; i++) { split($i, a, /[ms]/); us += (a[1] * 60 + a[2]) * 1e6 } }
	     END { printf "%.0f\n", us }'
}

poll()			# tenths-of-a-second command...: 0 once it succeeds, 1 at the timeout
{
	local n=$1

	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

gone() { ! kill -0 "$1" 2>/dev/null; }
# The page cache (kB) and the bytes the storage's device has written: a
# capturer that writes through the cache grows the one and evicts what
# others read; the other is what actually reaches the disk.
page_cache_kb() { awk '$1 == "Cached:" { print $2 }' /proc/meminfo; }
disk_written() { awk '{ print $7 * 512 }' "/sys/class/block/$DISK_DEV/stat"; }
no_gzip() { ! pgrep -f "^gzip $1/" >/dev/null; }
# Ready once the first file (or pktcapd's control socket, made after its
# captures are open) exists; a capturer that died is done waiting too.
started()
{
	gone "$1" && return 0
	[ -n "$(capture_files "$2")" ] && return 0
	[ -n "$READY_SOCK" ] && [ -S "$READY_SOCK" ]
}

# The -q and -R options of this run, for its result's command line.
queue_opts()
{
	[ "$QUEUE_SIZE" = 0 ] || printf ' -q %s' "$QUEUE_SIZE"
	[ "$RESERVE" = 0 ] || printf ' -R'
}

# queue-reserve: the queue's memory is taken (status queue_reserved_bytes is
# the queue-size less the write-queue, give or take a huge page).
reserved()
{
	local want got

	want=$(numfmt --from=iec "$QUEUE_SIZE")
	got=$("$PKTCTL" -S "$WORK/pktcapd.sock" status --json 2>/dev/null |
		sed -n 's/.*"queue_reserved_bytes": *\([0-9]*\).*/\1/p' | head -n 1)
	[ -n "$got" ] && [ "$got" -ge $((want - 32 * 1024 * 1024)) ]
}

# CPU ticks of every process outside this script's tree and outside the
# kernel's threads (writeback and softirq work belong to the load), keyed by
# pid and start time. A child that ends in between shows up in its parent.
others_cpu()
{
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v me=$$ '
	{
		pid = $1
		rest = substr($0, match($0, /\) [^)]*$/) + 2)
		split(rest, f, " ")
		ppid[pid] = f[2]
		ticks[pid] = f[12] + f[13] + f[14] + f[15]
		start[pid] = f[20]
	}
	END {
		for (p in ticks) {
			q = p + 0
			for (i = 0; i < 64 && q > 1; i++) {
				if (q == me || q == 2)
					break
				q = ppid[q]
			}
			if (q != me && q != 2)
				print p "-" start[p], ticks[p]
		}
	}'
}

others_seconds()	# before-file after-file
{
	awk -v hz="$(getconf CLK_TCK)" '
	NR == FNR { before[$1] = $2; next }
	{ used += $2 - ($1 in before ? before[$1] : 0) }
	END { printf "%.2f\n", used / hz }' "$1" "$2"
}

# Other work on this 2-CPU box takes time from the capturer or the generator,
# so a run during which others used more than 5% of a CPU is repeated.
busy()			# seconds-used window-seconds
{
	awk -v u="$1" -v w="$2" 'BEGIN { exit !(u > 0.05 * w) }'
}

# Up to a minute for the rest of the host to go quiet for a whole second.
wait_quiet()
{
	local n

	for n in $(seq "${WAIT_QUIET:-60}"); do
		others_cpu >"$WORK/quiet.0"
		sleep 1
		others_cpu >"$WORK/quiet.1"
		busy "$(others_seconds "$WORK/quiet.0" "$WORK/quiet.1")" 1 || return 0
	done
	note "the host stayed busy for a minute (after $n tries); going on anyway"
}

RUNS=$WORK/runs.tsv
: >"$RUNS"
COMMANDS=$WORK/commands.txt
: >"$COMMANDS"

# One measurement; index 0 is a warm-up whose figures are thrown away.
# Leaves the result in ROW (a line for $RUNS) and OTHERS (CPU seconds the
# rest of the host used while the load ran).
run_one()		# tool size index seconds
{
	local tool=$1 size=$2 idx=$3 secs=$4 run=$WORK/run
	local sent gen_line hwm_kb anon_kb cpu_us stored files drops tooldrop rc status=ok

	ROW=
	OTHERS=0
	rm -rf "$run" "$WORK"/cap.* "$WORK/pktcapd.sock"
	mkdir -p "$run"
	chmod 755 "$run"
	capture_cmd "$tool" "$run"
	local full=(ip netns exec "$NS_CAP" taskset -c 0 "${CMD[@]}")
	local gen=(ip netns exec "$NS_GEN" taskset -c 1 "$PKTGEN" -i "$IF_GEN" -c 0
		   -d "$secs" -s "$size" -r "$RATE" --dst-mac "$DST_MAC")
	if [ "$idx" != 0 ] && ! grep -qxF "# $tool, $size-byte frames" "$COMMANDS"; then
		{
			echo "# $tool, $size-byte frames"
			echo "${full[*]}"
			echo "${gen[*]}"
			echo
		} >>"$COMMANDS"
	fi

	local drop0 gdrop0
	drop0=$(netns_stat "$NS_CAP" "$IF_CAP" rx_dropped)
	gdrop0=$(netns_stat "$NS_GEN" "$IF_GEN" tx_dropped)

	# The holder subshell reaps the capturer and reports its CPU time with
	# "times", which covers the whole life including the drain after the stop
	# signal and any helper it waited for (tcpdump -z gzip).
	(
		"${full[@]}" >"$WORK/cap.out" 2>"$WORK/cap.err" &
		echo $! >"$WORK/cap.pid"
		rc=0
		wait $! || rc=$?
		echo "$rc" >"$WORK/cap.rc"
		# Not in a pipeline: a forked "times" would see no children.
		times >"$WORK/cap.times"
	) &
	HOLDER_PID=$!
	poll 50 test -s "$WORK/cap.pid" || die "$tool did not start"
	CAP_PID=$(cat "$WORK/cap.pid")

	# Up to 10 s for the first file, then a short settle.
	poll 100 started "$CAP_PID" "$run" || true
	sleep 1
	if gone "$CAP_PID"; then
		poll 100 gone "$HOLDER_PID" || kill -KILL "$CAP_PID" 2>/dev/null || true
		wait "$HOLDER_PID" || true
		HOLDER_PID=
		CAP_PID=
		note "$tool exited before the load started:"
		sed 's/^/    /' "$WORK/cap.err" >&2
		ROW=$(printf '%s\t%s\t%s\tfailed' "$tool" "$size" "$idx")
		return 0
	fi
	started "$CAP_PID" "$run" || note "$tool: not ready after 10 s, starting anyway"
	if [ "$tool" = pktcapd ] && [ "$RESERVE" = 1 ] && [ "$QUEUE_SIZE" != 0 ]; then
		poll 1200 reserved || note "pktcapd: the queue's memory not taken after 120 s, starting anyway"
	fi

	others_cpu >"$WORK/others.0"
	local cache0 cache1 disk0 disk1 t0 t1
	cache0=$(page_cache_kb)
	disk0=$(disk_written)
	t0=$(date +%s.%N)
	gen_line=$(timeout $((secs + 30)) "${gen[@]}")
	sent=$(echo "$gen_line" | awk '$1 == "sent" { print $2 }')
	sleep "$QUIET"
	disk1=$(disk_written)
	t1=$(date +%s.%N)
	cache1=$(page_cache_kb)
	others_cpu >"$WORK/others.1"
	OTHERS=$(others_seconds "$WORK/others.0" "$WORK/others.1")

	hwm_kb=$(proc_field "$CAP_PID" VmHWM)
	anon_kb=$(proc_field "$CAP_PID" RssAnon)
	kill -"$SIG" "$CAP_PID" 2>/dev/null || true
	if ! poll 600 gone "$HOLDER_PID"; then
		note "$tool did not stop within 60 s of SIG$SIG, killing it"
		kill -KILL "$CAP_PID" 2>/dev/null || true
		status=killed
	fi
	wait "$HOLDER_PID" || true
	HOLDER_PID=
	CAP_PID=
	rc=$(cat "$WORK/cap.rc" 2>/dev/null || echo '?')
	[ "$rc" = 0 ] || [ "$status" != ok ] || status="exit $rc"
	cpu_us=$(tail -n 1 "$WORK/cap.times" | times_to_us)

	# tcpdump -z leaves gzip running on the last rotated files.
	if [ "$GZIP" = 1 ]; then
		poll 600 no_gzip "$run" || note "gzip still running after 60 s"
	fi

	stored=$(count_stored "$run")
	files=$(capture_files "$run" | wc -l)
	[ "$files" -lt "$RING_FILES" ] || status="ring full, stored is a lower bound"
	drops=$(( $(netns_stat "$NS_CAP" "$IF_CAP" rx_dropped) - drop0 +
		  $(netns_stat "$NS_GEN" "$IF_GEN" tx_dropped) - gdrop0 ))
	if [ "$idx" = 0 ]; then
		note "warm-up with $tool done"
		rm -rf "$run"
		sync
		return 0
	fi
	# What the tool itself says the kernel dropped, where it says so.
	tooldrop=$(sed -n -e 's/^\([0-9]*\) packets dropped by kernel$/\1/p' \
		       -e "s|^Packets received/dropped on interface '[^']*': [0-9]*/\([0-9]*\).*|\1|p" \
		       "$WORK/cap.err" | head -n 1)
	local ratio=-
	[ "$GZIP" = 0 ] || ratio=$(gzip_ratio "$run")
	ROW=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' \
		"$tool" "$size" "$idx" "$sent" "$stored" "$cpu_us" "$hwm_kb" "$drops" "${tooldrop:--}" \
		"$files" "$status" "$anon_kb" "$OTHERS" \
		"$(awk -v a="$disk0" -v b="$disk1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.0f", (b - a) / (e - s) / 1e6 }')" \
		"$((cache0 / 1024))" "$((cache1 / 1024))" "$RATE" "$ratio")
	note "$tool ${size}B run $idx$([ "$RATE" = 0 ] || echo " at $RATE pps"): sent $sent stored $stored cpu ${cpu_us}us" \
	     "hwm ${hwm_kb}kB veth-drops $drops tool-drops ${tooldrop:--} files $files" \
	     "others ${OTHERS}s$([ "$ratio" = - ] || echo " gzip ratio $ratio") ($status)"

	rm -rf "$run"
	sync
}

tool_version()
{
	case "$1" in
	tcpdump) tcpdump --version 2>&1 | head -n 2 | paste -sd ' ' ;;
	dumpcap) dumpcap --version 2>&1 | head -n 1 ;;
	pktcapd) echo "$(timeout 5 "$PKTCAPD" -V 2>&1 | head -n 1) ($PKTCAPD_ID)" ;;
	esac
}

# The disk's own bandwidth on the same file system, in bytes/s: what the
# lossless rate is measured against.
dd_bandwidth()
{
	local out

	sync
	out=$(dd if=/dev/zero of="$WORK/dd.test" bs=1M count=4096 oflag=direct 2>&1 | tail -n 1)
	rm -f "$WORK/dd.test"
	awk '{ printf "%.0f\n", $1 / $(NF - 3) }' <<<"$out"
}

# Binary search over rates of K * 5 % of REF packets/s, K = 1..20, for the
# highest K whose run stored every packet sent; sets LOSSLESS_K (0: none).
search_rate()		# tool ref-pps
{
	local tool=$1 ref=$2 lo=0 hi=21 k attempt

	while [ $((hi - lo)) -gt 1 ]; do
		k=$(( (lo + hi) / 2 ))
		RATE=$(( ref * k / 20 ))
		for attempt in 1 2 3; do
			wait_quiet
			run_one "$tool" 1500 "$k" "$DURATION"
			busy "$OTHERS" "$DURATION" || break
			note "other processes used ${OTHERS} CPU s during that run (try $attempt of 3)"
		done
		echo "$ROW" >>"$RUNS"
		if awk -F '\t' '{ exit !($4 != "failed" && $4 > 0 && $5 >= $4) }' <<<"$ROW"; then
			lo=$k
		else
			hi=$k
		fi
	done
	LOSSLESS_K=$lo
}

probe_table()
{
	echo "| tool | % of dd | asked pps | sent | stored | loss % | sent MB/s | disk MB/s written | page cache MB before | after | status |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	awk -F '\t' '$4 != "failed" {
		printf "| %s | %d | %s | %s | %s | %.2f | %.0f | %s | %s | %s | %s |\n", $1, $3 * 5,
			$17, $4, $5, ($4 > 0 ? 100 * (1 - $5 / $4) : 0), $4 * 1500 / dur / 1e6,
			$14, $15, $16, $11
	}' dur="$DURATION" "$1"
}

# The burst test: BURST_SECS (2, or -U's -d) at the generator's top rate,
# then burst_quiet seconds before the stop. pktcapd at the -b kernel buffer
# with its default write queue, with the queue-size given (4G if none), and
# with that queue and queue-reserve; then pktcapd with that queue and every
# peer with the largest kernel buffer pktcapd takes (2047M), the kernel's
# ring being the other place a burst can wait.

# Time for the writers to drain what the burst left queued.
burst_quiet()
{
	echo $((BURST_SECS < 2 ? 8 : BURST_SECS * 4))
}

burst_test()
{
	local q_saved=$QUIET b_saved=$BUF_MB s_saved=$QUEUE_SIZE r_saved=$RESERVE q_given=$QUEUE_SIZE
	local tool q b res

	: >"$WORK/burst.tsv"
	[ "$q_given" != 0 ] || q_given=4G
	for conf in "pktcapd 0 $BUF_MB 0" "pktcapd $q_given $BUF_MB 0" "pktcapd $q_given $BUF_MB 1" \
		    "pktcapd $q_given 2047 0" "tcpdump - 2047 0" "dumpcap - 2047 0"; do
		read -r tool q b res <<<"$conf"
		[[ " $TOOLS " == *" $tool "* ]] || continue
		QUEUE_SIZE=${q/-/0} BUF_MB=$b RESERVE=$res RATE=0 QUIET=$(burst_quiet)
		wait_quiet
		run_one "$tool" 1500 1 "$BURST_SECS"
		[ "$res" = 0 ] || q="$q reserved"
		printf '%s\t%s\t%s\n' "$q" "$b" "$ROW" >>"$WORK/burst.tsv"
	done
	RATE=0 QUIET=$q_saved BUF_MB=$b_saved QUEUE_SIZE=$s_saved RESERVE=$r_saved
}

burst_table()
{
	[ -s "$WORK/burst.tsv" ] || return 0
	echo
	echo "Burst: $BURST_SECS s at the generator's top rate, then $(burst_quiet) s quiet before the stop:"
	echo
	echo "| tool | queue-size | kernel buffer | sent | stored | loss % | sent MB/s | veth drops | peak RSS MB | status |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
	awk -F '\t' '{ printf "| %s | %s | %sM | %s | %s | %.2f | %.0f | %s | %.0f | %s |\n", $3,
		($1 == "0" ? "0 (16M write-queue)" : $1), $2, $6, $7, ($6 > 0 ? 100 * (1 - $7 / $6) : 0),
		$6 * 1500 / secs / 1e6, $10, $9 / 1024, $13 }' secs="$BURST_SECS" "$WORK/burst.tsv"
}

# The result's Setup section up to its opening code fence.
setup_section()		# what the storage line adds
{
	echo
	echo "## Setup"
	echo
	echo "- kernel $(uname -r), $(nproc) CPUs ($(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))"
	echo "- storage: $FSTYPE on /dev/$DISK_DEV under $TMPBASE; $1"
	echo "- load average before $LOAD_BEFORE, after $(cut -d ' ' -f 1-3 /proc/loadavg)"
	for t in $TOOLS; do
		echo "- $t: $(tool_version "$t")"
	done
	echo
	echo '```'
}

if [ "$SEARCH" = burst ]; then
	LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
	run_one "$(echo $TOOLS | cut -d ' ' -f 1)" 64 0 1
	burst_test
	STAMP=$(date -u +%Y%m%dT%H%M%SZ)
	mkdir -p "$OUTDIR"
	RESULT=$OUTDIR/capture-burst-$STAMP.md
	{
		echo "# Capture bursts, $STAMP"
		burst_table
		setup_section "files of $FILE_MB MB"
		echo "$0 -U -d $BURST_SECS -b $BUF_MB -t \"$TOOLS\"$(queue_opts)"
		echo
		cat "$COMMANDS"
		echo '```'
	} >"$RESULT"
	cat "$RESULT"
	note "written to $RESULT"
	exit 0
fi

if [ "$SEARCH" = 1 ]; then
	LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
	note "measuring the disk: dd oflag=direct bs=1M, 4 GiB into $WORK"
	DD0=$(dd_bandwidth)
	# A 1500-byte frame is 1516 bytes in a pcap file.
	REF=$(( DD0 / 1516 ))
	note "dd: $((DD0 / 1000000)) MB/s, so 100 % is $REF packets/s of 1500 bytes"
	run_one "$(echo $TOOLS | cut -d ' ' -f 1)" 64 0 1
	declare -A BEST
	for tool in $TOOLS; do
		search_rate "$tool" "$REF"
		BEST[$tool]=$LOSSLESS_K
		note "$tool: lossless up to $((LOSSLESS_K * 5)) % of dd ($((REF * LOSSLESS_K / 20)) pps)"
	done
	burst_test
	DD1=$(dd_bandwidth)
	# The ways to append a file, 4 GiB each, on the same file system (bench/writepath.c).
	: >"$WORK/writepath.txt"
	for m in cached direct dontcache dsync; do
		"$WRITEPATH" "$m" "$WORK/wp.test" 4096 1024 >>"$WORK/writepath.txt" 2>&1 || true
	done
	STAMP=$(date -u +%Y%m%dT%H%M%SZ)
	mkdir -p "$OUTDIR"
	RESULT=$OUTDIR/capture-search-$STAMP.md
	{
		echo "# Lossless 1500-byte rate, $STAMP"
		echo
		echo "dd oflag=direct bs=1M on the same file system: $((DD0 / 1000000)) MB/s before the search," \
		     "$((DD1 / 1000000)) MB/s after; 100 % = $REF frames/s of 1500 bytes (1516 bytes each on disk)."
		echo "A rate is lossless when the files hold every packet sent in $DURATION s. \"generator short\":"
		echo "the generator sent less than 95 % of the rate asked, so that rate was not really tried."
		echo
		echo "| tool | lossless rate | asked frames/s | sent frames/s | MB/s of frames sent | x tcpdump | x dumpcap |"
		echo "|---|---:|---:|---:|---:|---:|---:|"
		declare -A GOT
		for tool in $TOOLS; do
			# What the generator managed at that rate: on a busy host it falls short.
			GOT[$tool]=$(awk -F '\t' -v t="$tool" -v k="${BEST[$tool]}" -v d="$DURATION" \
				'$1 == t && $3 == k && $4 != "failed" { v = $4 / d } END { printf "%.0f", v }' "$RUNS")
		done
		for tool in $TOOLS; do
			k=${BEST[$tool]}
			got=${GOT[$tool]}
			short=
			[ $((got * 100)) -ge $((REF * k / 20 * 95)) ] || short=" (generator short)"
			printf '| %s | %d %% of dd%s | %d | %d | %d | %s | %s |\n' "$tool" $((k * 5)) "$short" \
				$((REF * k / 20)) "$got" $((got * 1500 / 1000000)) \
				"$(awk -v a="$got" -v b="${GOT[tcpdump]:-}" 'BEGIN { if (b == "") print "-"; else if (b == 0) print "inf"; else printf "%.2f", a / b }')" \
				"$(awk -v a="$got" -v b="${GOT[dumpcap]:-}" 'BEGIN { if (b == "") print "-"; else if (b == 0) print "inf"; else printf "%.2f", a / b }')"
		done
		echo
		echo "Appending 4 GiB in 1 MiB writes, then fdatasync (bench/writepath.c):"
		echo
		sed 's/^/    /' "$WORK/writepath.txt"
		echo
		echo "Every probe (binary search over the 5 % steps):"
		echo
		probe_table "$RUNS"
		burst_table
		setup_section "kernel buffer $BUF_MB MB; files of $FILE_MB MB"
		echo "$0 -S -d $DURATION -b $BUF_MB -t \"$TOOLS\"$(queue_opts)"
		echo "dd if=/dev/zero of=$WORK/dd.test bs=1M count=4096 oflag=direct"
		echo
		cat "$COMMANDS"
		echo '```'
	} >"$RESULT"
	cat "$RESULT"
	note "written to $RESULT"
	exit 0
fi

note "storage $WORK ($FSTYPE), ring $RING_FILES x $FILE_MB MB, buffer $BUF_MB MB," \
     "$DURATION s x $REPEAT, sizes $SIZES, tools $TOOLS$([ "$GZIP" = 1 ] && echo ', gzip')"
LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
# The first capture in fresh namespaces was measured at several times the
# system time of later ones, so one short run goes first and is not counted.
# Tools take turns within each repetition, so any drift in the machine's
# state (page cache, other load) spreads over all of them alike.
read -r first_tool _ <<<"$TOOLS"
run_one "$first_tool" 64 0 1
for idx in $(seq "$REPEAT"); do
	for size in $SIZES; do
		for tool in $TOOLS; do
			for attempt in 1 2 3; do
				wait_quiet
				run_one "$tool" "$size" "$idx" "$DURATION"
				busy "$OTHERS" "$DURATION" || break
				note "other processes used ${OTHERS} CPU s during that run" \
				     "(try $attempt of 3)"
			done
			if busy "$OTHERS" "$DURATION"; then
				ROW=$(awk -F '\t' -v OFS='\t' \
					'{ $11 = ($11 == "ok" ? "" : $11 "; ") "busy host"; print }' \
					<<<"$ROW")
			fi
			echo "$ROW" >>"$RUNS"
		done
	done
done

# Medians per tool and size over the runs that completed; an even count
# takes the mean of the middle two.
summary()
{
	awk -F '\t' '
	function median(list,    v, n, i, j, t) {
		n = split(list, v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	{
		k = $1 "\t" $2
		if (!(k in seen)) { seen[k] = 1; order[++n] = k }
		if ($4 == "failed")
			next
		sent[k] = sent[k] " " $4
		stored[k] = stored[k] " " $5
		loss[k] = loss[k] " " ($4 > 0 ? 100 * (1 - $5 / $4) : 0)
		cpu[k] = cpu[k] " " ($5 > 0 ? $6 / $5 : 0)
		rss[k] = rss[k] " " $7 / 1024
	}
	END {
		print "| tool | frame | sent | stored | loss % | CPU us/pkt | peak RSS MB |"
		print "|---|---:|---:|---:|---:|---:|---:|"
		for (i = 1; i <= n; i++) {
			k = order[i]
			split(k, t, "\t")
			if (!(k in sent)) {
				printf "| %s | %s | failed | | | | |\n", t[1], t[2]
				continue
			}
			printf "| %s | %s | %.0f | %.0f | %.2f | %.3f | %.1f |\n", t[1], t[2],
				median(sent[k]), median(stored[k]), median(loss[k]),
				median(cpu[k]), median(rss[k])
		}
	}' "$RUNS"
}

per_run()
{
	echo "| tool | frame | run | sent | stored | loss % | CPU us/pkt | peak RSS MB |" \
	     "anon RSS MB | veth drops | tool's kernel drops | files | others CPU s |" \
	     "disk MB/s written | page cache MB before | after | gzip ratio | status |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	awk -F '\t' '
	$4 == "failed" {
		printf "| %s | %s | %s | | | | | | | | | | | | | | | failed to start |\n", $1, $2, $3
		next
	}
	{
		printf "| %s | %s | %s | %s | %s | %.2f | %.3f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			$1, $2, $3, $4, $5, ($4 > 0 ? 100 * (1 - $5 / $4) : 0),
			($5 > 0 ? $6 / $5 : 0), $7 / 1024, $12 / 1024, $8, $9, $10, $13, $14, $15, $16, $18, $11
	}' "$RUNS"
}

LOAD_AFTER=$(cut -d ' ' -f 1-3 /proc/loadavg)
CPU_MODEL=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
DEVICE=$(df -P "$WORK" | awk 'NR == 2 { print $1 }')
GZIP_STATE=off
GZIP_OPT=
[ "$GZIP" = 0 ] || { GZIP_STATE=on; GZIP_OPT=" --gzip"; }
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUTDIR"
RESULT=$OUTDIR/capture-$STAMP.md
{
	echo "# Capture benchmark, $STAMP"
	echo
	if [ "$RATE" = 0 ]; then
		echo "Medians of $REPEAT runs of $DURATION s at the generator's top rate (-r 0)."
	else
		echo "Medians of $REPEAT runs of $DURATION s at $RATE packets/s (-r $RATE)."
	fi
	echo "Loss = 1 - stored/sent; CPU is user+system time of the capture process over its"
	echo "whole life (children it reaped included) per stored packet; peak RSS is VmHWM"
	echo "just before the stop signal. Each column is its own median, so a row's stored/sent"
	echo "need not match its loss column; every run is listed further down."
	echo
	summary
	echo
	[ -z "$SKIPPED" ] || { echo "Note: $SKIPPED."; echo; }
	if [ "$GZIP" = 1 ] && [[ " $TOOLS " == *" dumpcap "* ]]; then
		echo "Note: dumpcap has no compressed ring; its rows are uncompressed."
		echo
	fi
	echo "## Setup"
	echo
	echo "- kernel $(uname -r), $(nproc) CPUs ($CPU_MODEL), $MEM RAM"
	echo "- storage: $FSTYPE on $DEVICE under $TMPBASE; ring $RING_FILES files of $FILE_MB MB" \
	     "(sized so it cannot wrap in one run); kernel buffer $BUF_MB MB; gzip $GZIP_STATE"
	echo "- veth pair between two namespaces, IPv6 off; capturer pinned to CPU 0," \
	     "generator to CPU 1; UDP, text payload, unicast to $DST_MAC"
	echo "- load average before $LOAD_BEFORE, after $LOAD_AFTER" \
	     "(anything else running skews the figures)"
	for t in $TOOLS; do
		echo "- $t: $(tool_version "$t")"
	done
	echo
	echo "## Every run"
	echo
	echo "anon RSS: the process's own memory (RssAnon) before the stop; peak RSS also counts"
	echo "the kernel ring each tool maps. veth drops: frames the veth pair itself dropped,"
	echo "never seen by any capture. tool's kernel drops: what the tool reported on exit."
	echo "others CPU s: CPU time the rest of the host used while the load ran; a run"
	echo "above 5% of a CPU is repeated up to three times, then kept as \"busy host\"."
	echo
	per_run
	echo
	echo "## Commands"
	echo
	echo '```'
	echo "$0 -d $DURATION -n $REPEAT -b $BUF_MB -s \"$SIZES\" -t \"$TOOLS\"$GZIP_OPT$(queue_opts)"
	echo
	cat "$COMMANDS"
	echo '```'
	if [[ " $TOOLS " == *" pktcapd "* ]]; then
		echo
		echo "pktcapd.conf:"
		echo
		echo '```'
		cat "$WORK/pktcapd.conf"
		echo '```'
	fi
} >"$RESULT"
cat "$RESULT"
note "written to $RESULT"
