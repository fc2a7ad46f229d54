#!/bin/bash
# adopt-hash.sh: adopted files are sealed with the SHA-256 of every byte and indexed whole; a stop half-way (adoption or repair) leaves no partial index and no warning
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 sha256sum
netns_setup
write_conf <<EOF2
profile big {
	filter = "udp port 9"
	rotate-size = 100M
}
profile small {
	filter = "udp port 9"
	rotate-size = 100M
}
profile torn {
	filter = "udp port 9"
	rotate-size = 100M
}
interface $IF_CAP {
	profiles = { big, small, torn }
}
EOF2
big=$(ring_dir "$IF_CAP" big) small=$(ring_dir "$IF_CAP" small) torn=$(ring_dir "$IF_CAP" torn)
mkdir -p "$big" "$small" "$torn"
# Three files of 64 MiB and four of 1 MiB, no index, no seal.
python3 "$top_srcdir/bench/mkscale.py" "$big" "$IF_CAP-big" $((3 * 64 * 1048576)) 3 >/dev/null ||
	hard_error "mkscale.py"
python3 "$top_srcdir/bench/mkscale.py" "$small" "$IF_CAP-small" $((4 * 1048576)) 4 >/dev/null ||
	hard_error "mkscale.py"
# One of each cut in the middle of a record: sealed as they are, damaged.
cut_big=$(ring_files "$big" | sed -n 2p) cut_small=$(ring_files "$small" | sed -n 2p)
truncate -s -100 "$big/$cut_big" "$small/$cut_small"
chown -R nobody:nogroup "$TMP/store"

# Whole records in a pcap file, and where they end (read here, not by pktcapd).
cat > "$TMP/records.py" <<'PY'
import struct
def records(b):
    off, k = 24, 0
    while off + 16 <= len(b):
        incl = struct.unpack_from("<I", b, off + 8)[0]
        if off + 16 + incl > len(b):
            break
        off += 16 + incl
        k += 1
    return k, off
PY
# What each file holds: its SHA-256, size and whole records.
truth() {
	PYTHONPATH=$TMP python3 - "$@" <<'PY'
import hashlib, os, sys
from records import records
for d in sys.argv[1:]:
    for n in sorted(os.listdir(d)):
        if not n.endswith(".pcap"):
            continue
        b = open(os.path.join(d, n), "rb").read()
        print(n, hashlib.sha256(b).hexdigest(), len(b), records(b)[0])
PY
}
truth "$big" "$small" > "$TMP/truth"
[ "$(wc -l < "$TMP/truth")" = 7 ] || hard_error "expected 7 files: $(cat "$TMP/truth")"
listed() {	# PROFILE...: name, seal, size, packets and state of each file
	for p in "$@"; do ctl list --json "$IF_CAP/$p"; done | python3 -c '
import json, sys
dec = json.JSONDecoder()
s = sys.stdin.read().strip()
while s:
    j, end = dec.raw_decode(s)
    s = s[end:].strip()
    for f in j["result"]["files"]:
        print(f["name"], f["sha256"], f["size"], f["packets"], f["state"])
' | sort
}

# The daemon in a CPU cgroup held, once it has started, to a tenth of a CPU,
# so a stop comes in the middle of a big file (at full speed a 64 MiB file
# takes some 50 ms here, less than the daemon takes to reach its indexer
# when it shuts down; a sanitizer's build shuts down slower still).
real=$PKTCAPD cg='' quota=10000
slow_start() {
	if mkdir "/sys/fs/cgroup/cpu/pktcap-adopt-hash.$$" 2>/dev/null; then
		cg=/sys/fs/cgroup/cpu/pktcap-adopt-hash.$$
		echo 100000 > "$cg/cpu.cfs_period_us" || hard_error "cannot set the cgroup's CPU period"
		# ip netns exec mounts another /sys: the cgroup's file goes in open, as fd 9.
		printf '#!/bin/sh\necho $$ >&9 || exit 1\nexec 9>&-\nexec %s "$@"\n' "$real" > "$TMP/slowd"
		chmod 755 "$TMP/slowd"
		PKTCAPD=$TMP/slowd
		exec 9> "$cg/cgroup.procs"
	else
		log "no cgroup v1 CPU controller: the stop may come between files"
	fi
	start_pktcapd
	if [ -n "$cg" ]; then
		exec 9>&-
		echo "$quota" > "$cg/cpu.cfs_quota_us" || hard_error "cannot set the cgroup's CPU quota"
	fi
}
# Stops the daemon as soon as its log has PATTERN; then it must have logged
# a stop half-way (when slowed down) and no warning about it.
stop_at() {
	python3 - "$TMP/pktcapd.log" "$1" <<'PY' || fail "the log never had: $1"
import sys, time
end = time.time() + 60
while time.time() < end:
    if sys.argv[2] in open(sys.argv[1]).read():
        sys.exit(0)
    time.sleep(0.001)
sys.exit(1)
PY
	stop_pktcapd
	PKTCAPD=$real
	[ -z "$cg" ] || rmdir "$cg"
	! grep -q "cannot index\|still unreadable" "$TMP/pktcapd.log" ||
		fail "a stop half-way logged: $(grep "cannot index\|still unreadable" "$TMP/pktcapd.log")"
	if grep -q "indexing stopped half-way" "$TMP/pktcapd.log"; then
		log "the stop came in the middle of a file"
	elif [ -n "$cg" ]; then
		fail "held to $((quota / 1000)) % of a CPU, the indexer still finished before the stop"
	fi
	cg=''
}

# Stopped while it indexes (as soon as the log says it started the second
# big file, at a tenth of a CPU some 0.5 s from its end): no index of a file
# it had not finished, and no warning. (Stopped at the first big file's
# "indexed", the stop, now prompt, could come before the next began.)
slow_start
stop_at "indexing $cut_big ("
n_idx=$(find "$big" "$small" -name '*.pcap.idx' | wc -l)
log "stopped with $n_idx of 7 files indexed"
cp "$TMP/pktcapd.log" "$TMP/first.log"
# What it indexed before the stop, it indexed whole (an earlier build wrote
# the part it had read at the stop as the file's index).
python3 - "$TMP/truth" "$TMP/first.log" <<'PY' || fail "an index written at the stop is not the whole file's"
import re, sys
truth = {l.split()[0]: int(l.split()[3]) for l in open(sys.argv[1])}
for m in re.finditer(r"indexed (\S+) \((\d+) packets\)", open(sys.argv[2]).read()):
    assert int(m.group(2)) == truth[m.group(1)], "%s indexed with %s packets of %d" % (m.group(1), m.group(2), truth[m.group(1)])
PY

# Started again: every file indexed once, sealed with the hash of every byte it holds.
start_pktcapd
wait_indexer
listed big small > "$TMP/listed"
python3 - "$TMP/truth" "$TMP/listed" "$cut_big" "$cut_small" <<'PY' || fail "an adopted file's seal or count is wrong"
import sys
truth = {l.split()[0]: l.split()[1:] for l in open(sys.argv[1])}
listed = {l.split()[0]: l.split()[1:] for l in open(sys.argv[2])}
assert sorted(truth) == sorted(listed), (sorted(truth), sorted(listed))
for n, (sha, size, packets) in truth.items():
    got_sha, got_size, got_packets, state = listed[n]
    assert got_sha == sha, "%s sealed as %s, its bytes hash to %s" % (n, got_sha, sha)
    assert got_size == size, "%s: size %s, file %s" % (n, got_size, size)
    assert got_packets == packets, "%s: %s packets indexed, %s whole records" % (n, got_packets, packets)
    want = "damaged" if n in sys.argv[3:] else "sealed"
    assert state == want, "%s is %s, not %s" % (n, state, want)
print("ok - 7 adopted files: the seals are the files' SHA-256, the counts their whole records, the cut ones damaged")
PY
# A dump reads every whole record of every file (and names the cut one: status 1).
ctl dump "$IF_CAP/big" -w "$TMP/all.pcap" 2> "$TMP/dump.err"
grep -q "1 damaged file" "$TMP/dump.err" || fail "the dump did not name the cut file: $(cat "$TMP/dump.err")"
n=$(PYTHONPATH=$TMP python3 -c 'import sys; from records import records; print(records(open(sys.argv[1], "rb").read())[0])' "$TMP/all.pcap")
want=$(grep -- "-big-" "$TMP/truth" | awk '{ s += $4 } END { print s }')
[ "$n" = "$want" ] || fail "the dump has $n packets, the files $want"
stop_pktcapd

# A file a crash left open (writable, torn mid-record): the repair cuts it
# and reads it again; stopped during that second read, it logs no warning,
# and the next start repairs and seals it whole. 256 MiB: the repair starts
# before the throttle does, and at full speed it read a 64 MiB file twice
# in the up to 100 ms start_pktcapd takes to see the start (CI on d9dacbd).
python3 "$top_srcdir/bench/mkscale.py" "$torn" "$IF_CAP-torn" $((256 * 1048576)) 1 >/dev/null ||
	hard_error "mkscale.py"
tf=$(ring_files "$torn")
truncate -s -100 "$torn/$tf"
chmod 640 "$torn/$tf"
chown -R nobody:nogroup "$torn"
read -r want_packets want_len < <(PYTHONPATH=$TMP python3 -c '
import sys; from records import records; print(*records(open(sys.argv[1], "rb").read()))' "$torn/$tf")
slow_start
stop_at "$tf was not closed cleanly: cut after"
start_pktcapd
wait_indexer
read -r name sha size packets state < <(listed torn)
[ "$name $size $packets $state" = "$tf $want_len $want_packets sealed" ] ||
	fail "the torn file after its repair: $name $size $packets $state (want $want_len bytes, $want_packets packets, sealed)"
[ "$sha" = "$(sha256sum < "$torn/$tf" | cut -c1-64)" ] || fail "the repaired file's seal is not its SHA-256"
stop_pktcapd
pass "adopted files sealed as sha256sum sees them, indexed whole; a stop half-way (adoption or repair) wrote no partial index and no warning"
