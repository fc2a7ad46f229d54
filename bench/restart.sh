#!/bin/bash
# restart.sh: loss while pktcapd starts on a store of un-indexed old files under load (indexing beside capture)
# SPDX-License-Identifier: BSD-2-Clause
#
# The case the indexer exists for: after a crash the daemon restarts on a
# store that holds a large file it never closed (torn tail, no seal) and
# closed files without an index, and traffic is already flowing. Each run
# builds that store anew, drops the page cache so the old files come from
# the disk, starts pktcapd pinned to CPU 0 and at once floods the veth from
# CPU 1 with tests/pktgen. Loss is what pktgen sent less what the new files
# hold. The same runs without old files are the control; -B runs an older
# build side by side (e.g. one that indexed on the writer thread).
set -euo pipefail

usage()
{
	cat <<EOF
usage: $0 [options]          (as root, from the top of a build tree)
  -d SEC       generator run time per measurement (default 10)
  -n N         repetitions per case, medians reported (default 3)
  -G GB        size of the old, un-indexed files (default 1)
  -F N         how many old files (default 2: one left open by a crash, one closed
               without an index; more: all closed without an index, e.g. 20000)
  -r PPS       generator rate (default 177000: half the top rate of 1500-byte frames here)
  -s BYTES     frame size (default 1500)
  -B PKTCAPD   also measure this (older) pktcapd binary, side by side
  -T DIR       parent of the temporary storage; a real disk (default /var/tmp)
  -o DIR       where the markdown result goes (default bench/results)
Environment: PKTCAPD (default ./daemon/pktcapd), PKTCTL (default ./ctl/pktctl).
EOF
}

die() { echo "restart.sh: $*" >&2; exit 1; }
note() { echo "restart.sh: $*" >&2; }

DURATION=10 REPEAT=3 OLD_GB=1 OLD_FILES=2 RATE=177000 SIZE=1500 BASELINE= TMPBASE=/var/tmp
OUTDIR=bench/results
opts=$(getopt -o d:n:G:F:r:s:B:T:o:h -n restart.sh -- "$@") || { usage >&2; exit 2; }
eval set -- "$opts"
while true; do
	case "$1" in
	-d) DURATION=$2; shift 2 ;;
	-n) REPEAT=$2; shift 2 ;;
	-G) OLD_GB=$2; shift 2 ;;
	-F) OLD_FILES=$2; shift 2 ;;
	-r) RATE=$2; shift 2 ;;
	-s) SIZE=$2; shift 2 ;;
	-B) BASELINE=$(realpath -- "$2"); shift 2 ;;
	-T) TMPBASE=$2; shift 2 ;;
	-o) OUTDIR=$2; shift 2 ;;
	-h) usage; exit 0 ;;
	--) shift; break ;;
	esac
done
[ "$(id -u)" = 0 ] || die "needs root (network namespaces, capture)"
PKTCAPD=$(realpath -- "${PKTCAPD:-./daemon/pktcapd}")
PKTCTL=$(realpath -- "${PKTCTL:-./ctl/pktctl}")
PKTGEN=$(realpath -- tests/pktgen)
for c in ip taskset capinfos python3; do command -v $c >/dev/null || die "needs $c"; done

NS_CAP="pktcap-rs$$-c" NS_GEN="pktcap-rs$$-g" IF_CAP="rsc$$" IF_GEN="rsg$$" WORK= PID=
cleanup()
{
	[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
	ip netns del "$NS_CAP" 2>/dev/null
	ip netns del "$NS_GEN" 2>/dev/null
	[ -n "$WORK" ] && rm -rf "$WORK"
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

WORK=$(mktemp -d "$TMPBASE/pktcap-restart.XXXXXX")
chmod 755 "$WORK"
ip netns add "$NS_CAP"
ip netns add "$NS_GEN"
for ns in "$NS_CAP" "$NS_GEN"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
ip link add "$IF_CAP" netns "$NS_CAP" type veth peer name "$IF_GEN" netns "$NS_GEN"
ip -n "$NS_CAP" link set "$IF_CAP" up
ip -n "$NS_GEN" link set "$IF_GEN" up

cat > "$WORK/pktcapd.conf" <<EOF
user = nobody
group = nogroup
storage = "$WORK/store"
socket = "$WORK/pktcapd.sock"
log-level = notice
profile all {
    snaplen = 262144
    buffer-size = 256M
    rotate-size = 100M
}
interface $IF_CAP {
    profiles = { all }
}
EOF

# Old files named as pktcapd names them: the first closed without an index,
# the second left open by a crash (writable, its last record torn).
make_old_files()	# DIR
{
	python3 - "$1" "$IF_CAP-all" "$OLD_GB" "$OLD_FILES" <<'EOF'
import os, struct, sys, time
d, prefix, gb, nfiles = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
frame = (bytes(range(256)) * 6)[:1500]
rec = 16 + len(frame)
each = int(gb * 1e9 / nfiles)
t0 = 1761955200
for n in range(1, nfiles + 1):
    torn = nfiles == 2 and n == 2
    t = t0 + n * 60
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))
    path = os.path.join(d, "%s-%s-%06d.pcap" % (prefix, stamp, n))
    chunk = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)]
    for i in range(max(1, each // rec)):
        chunk.append(struct.pack("<IIII", t + i // 100000, (i % 100000) * 10, len(frame), len(frame)))
        chunk.append(frame)
    if torn:
        chunk.append(struct.pack("<IIII", t + 99, 0, 1500, 1500) + frame[:700])
    with open(path, "wb") as f:
        f.write(b"".join(chunk))
    os.chmod(path, 0o640 if torn else 0o440)
EOF
	chown -R nobody:nogroup "$1"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR ? a[int((NR + 1) / 2)] : "-") }'; }

# One run: prints "sent stored loss kernel_drops indexed_at_end_MB index_done_s"
run_once()	# BINARY with_old(0|1)
{
	local bin=$1 old=$2 dir sent stored=0 drops indexed=- done_s=- t0
	rm -rf "$WORK/store"
	dir=$WORK/store/$IF_CAP/all
	mkdir -p "$dir"
	chown -R nobody:nogroup "$WORK/store"
	[ "$old" = 1 ] && make_old_files "$dir"
	sync
	echo 3 > /proc/sys/vm/drop_caches
	: > "$WORK/pktcapd.log"
	ip netns exec "$NS_CAP" taskset -c 0 "$bin" -n -f "$WORK/pktcapd.conf" >> "$WORK/pktcapd.log" 2>&1 &
	PID=$!
	for _ in $(seq 200); do
		grep -q "capturing [0-9]* rings\?" "$WORK/pktcapd.log" && break
		sleep 0.05
	done
	t0=$(date +%s.%N)
	sent=$(ip netns exec "$NS_GEN" taskset -c 1 "$PKTGEN" -i "$IF_GEN" -s "$SIZE" -r "$RATE" \
		-c 0 -d "$DURATION" | awk '{ print $2 }')
	sleep 2
	if "$PKTCTL" -S "$WORK/pktcapd.sock" status --json > "$WORK/status.json" 2>/dev/null; then
		drops=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1]))["result"]; print(sum(r["dropped_kernel"] + r["dropped_queue"] for r in j["rings"]))' "$WORK/status.json")
		indexed=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1]))["result"]; i=j.get("indexer"); print(round(i["bytes_done"] / 1e6) if i else "-")' "$WORK/status.json")
		if [ "$old" = 1 ] && [ "$indexed" != - ]; then
			for _ in $(seq 600); do
				[ "$("$PKTCTL" -S "$WORK/pktcapd.sock" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["indexer"]["files_left"])')" = 0 ] && break
				sleep 0.1
			done
			done_s=$(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 1))" "$(date +%s.%N)" "$t0")
		fi
	else
		drops=-
	fi
	kill -TERM "$PID"
	wait "$PID" 2>/dev/null || true
	PID=
	# New files only: numbering goes on after the old ones (1 to OLD_FILES).
	for f in "$dir"/*.pcap; do
		[ "$old" = 1 ] && [ "$((10#$(basename "$f" .pcap | sed 's/.*-//')))" -le "$OLD_FILES" ] && continue
		stored=$((stored + $(capinfos -c -M "$f" 2>/dev/null | awk '/Number of packets/ { print $NF }')))
	done
	echo "$sent $stored $((sent - stored)) $drops $indexed $done_s"
}

mkdir -p "$OUTDIR"
out=$OUTDIR/restart-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Restart under load on ${OLD_GB} GB of un-indexed old files ($OLD_FILES files)"
	echo
	echo "Command: \`bench/restart.sh -d $DURATION -n $REPEAT -G $OLD_GB -F $OLD_FILES -r $RATE -s $SIZE${BASELINE:+ -B $BASELINE}\`"
	echo "Date: $(date -u +%Y-%m-%dT%H:%M:%SZ); host: $(nproc) CPUs, $(uname -r)"
	echo "pktcapd: $PKTCAPD (sha256 $(sha256sum "$PKTCAPD" | cut -c 1-16))"
	[ -z "$BASELINE" ] || echo "baseline: $BASELINE (sha256 $(sha256sum "$BASELINE" | cut -c 1-16))"
	echo
	echo "| binary | old files | runs | sent (median) | lost (median) | lost (max) | kernel+queue drops (median) | old MB indexed during the run | all indexed after (s) |"
	echo "|---|---|---|---|---|---|---|---|---|"
} > "$out"
for bin in "$PKTCAPD" ${BASELINE:+"$BASELINE"}; do
	for old in 0 1; do
		: > "$WORK/runs"
		for n in $(seq "$REPEAT"); do
			r=$(run_once "$bin" "$old")
			note "$(basename "$bin") old=$old run $n: sent stored lost drops indexed_MB done_s = $r"
			echo "$r" >> "$WORK/runs"
		done
		label=new
		[ "$bin" = "$PKTCAPD" ] || label=baseline
		printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
			"$([ "$old" = 1 ] && echo "${OLD_GB} GB" || echo none)" "$REPEAT" \
			"$(awk '{ print $1 }' "$WORK/runs" | median)" \
			"$(awk '{ print $3 }' "$WORK/runs" | median)" \
			"$(awk '{ print $3 }' "$WORK/runs" | sort -n | tail -1)" \
			"$(awk '{ print $4 }' "$WORK/runs" | median)" \
			"$(awk '{ print $5 }' "$WORK/runs" | median)" \
			"$(awk '{ print $6 }' "$WORK/runs" | median)" >> "$out"
	done
done
cat "$out"
