#!/bin/bash
# adopt-hash.sh: adopted files are sealed with the SHA-256 of every byte and indexed whole; a stop half-way leaves no partial index and no warning
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
interface $IF_CAP {
	profiles = { big, small }
}
EOF2
big=$(ring_dir "$IF_CAP" big) small=$(ring_dir "$IF_CAP" small)
mkdir -p "$big" "$small"
# Three files of 64 MiB and four of 1 MiB, no index, no seal.
python3 "$top_srcdir/bench/mkscale.py" "$big" "$IF_CAP-big" $((3 * 64 * 1048576)) 3 >/dev/null ||
	hard_error "mkscale.py"
python3 "$top_srcdir/bench/mkscale.py" "$small" "$IF_CAP-small" $((4 * 1048576)) 4 >/dev/null ||
	hard_error "mkscale.py"
# One of each cut in the middle of a record: sealed as they are, damaged.
cut_big=$(ring_files "$big" | sed -n 2p) cut_small=$(ring_files "$small" | sed -n 2p)
truncate -s -100 "$big/$cut_big" "$small/$cut_small"
chown -R nobody:nogroup "$TMP/store"

# What each file holds: its SHA-256, size and whole records (read here, not by pktcapd).
truth() {
	python3 - "$@" <<'PY'
import hashlib, os, struct, sys
for d in sys.argv[1:]:
    for n in sorted(os.listdir(d)):
        if not n.endswith(".pcap"):
            continue
        b = open(os.path.join(d, n), "rb").read()
        off, k = 24, 0
        while off + 16 <= len(b):
            incl = struct.unpack_from("<I", b, off + 8)[0]
            if off + 16 + incl > len(b):
                break
            off += 16 + incl
            k += 1
        print(n, hashlib.sha256(b).hexdigest(), len(b), k)
PY
}
truth "$big" "$small" > "$TMP/truth"
[ "$(wc -l < "$TMP/truth")" = 7 ] || hard_error "expected 9 files: $(cat "$TMP/truth")"
listed() {
	for p in big small; do ctl list --json "$IF_CAP/$p"; done | python3 -c '
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

# Stopped while it indexes (as soon as the log says it finished a first big
# file): no index of a file it had not finished, and no warning. The daemon
# runs in a CPU cgroup held to a tenth of a CPU (a sanitizer's build: half
# of one), so the stop comes in the
# middle of a big file (at full speed a 64 MiB file takes some 50 ms here).
real=$PKTCAPD cg=
if mkdir "/sys/fs/cgroup/cpu/pktcap-adopt-hash.$$" 2>/dev/null; then
	cg=/sys/fs/cgroup/cpu/pktcap-adopt-hash.$$
	# A sanitizer's build is some ten times slower already: half a CPU.
	quota=10000
	grep -q "__asan_init\|__tsan_init" "$PKTCAPD" 2>/dev/null && quota=50000
	echo 100000 > "$cg/cpu.cfs_period_us" && echo "$quota" > "$cg/cpu.cfs_quota_us" ||
		hard_error "cannot set the cgroup's CPU quota"
	# ip netns exec mounts another /sys: the cgroup's file goes in open, as fd 9.
	printf '#!/bin/sh\necho $$ >&9 || exit 1\nexec 9>&-\nexec %s "$@"\n' "$real" > "$TMP/slowd"
	chmod 755 "$TMP/slowd"
	PKTCAPD=$TMP/slowd
else
	log "no cgroup v1 CPU controller: the stop may come between files"
fi
[ -z "$cg" ] || exec 9> "$cg/cgroup.procs"
start_pktcapd
[ -z "$cg" ] || exec 9>&-
python3 - "$TMP/pktcapd.log" "indexed $IF_CAP-big-" <<'PY' || fail "the indexer did not finish a first big file"
import sys, time
end = time.time() + 60
while time.time() < end:
    if sys.argv[2] in open(sys.argv[1]).read():
        sys.exit(0)
    time.sleep(0.001)
sys.exit(1)
PY
stop_pktcapd
! grep -q "cannot index" "$TMP/pktcapd.log" || fail "a stop half-way logged: $(grep "cannot index" "$TMP/pktcapd.log")"
n_idx=$(ls "$big" "$small" | grep -c '\.pcap\.idx$' || true)
log "stopped with $n_idx of 7 files indexed"
if grep -q "indexing stopped half-way" "$TMP/pktcapd.log"; then
	log "the stop came in the middle of a file"
elif [ -n "$cg" ]; then
	fail "held to $((quota / 1000)) % of a CPU, the indexer still finished before the stop"
fi
cp "$TMP/pktcapd.log" "$TMP/first.log"
# What it indexed before the stop, it indexed whole (an earlier build wrote
# the part it had read at the stop as the file's index).
python3 - "$TMP/truth" "$TMP/first.log" <<'PY' || fail "an index written at the stop is not the whole file's"
import re, sys
truth = {l.split()[0]: int(l.split()[3]) for l in open(sys.argv[1])}
for m in re.finditer(r"indexed (\S+) \((\d+) packets\)", open(sys.argv[2]).read()):
    assert int(m.group(2)) == truth[m.group(1)], "%s indexed with %s packets of %d" % (m.group(1), m.group(2), truth[m.group(1)])
PY
PKTCAPD=$real
[ -z "$cg" ] || rmdir "$cg"

# Started again: every file indexed once, sealed with the hash of every byte it holds.
start_pktcapd
wait_indexer
listed > "$TMP/listed"
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
n=$(python3 -c '
import struct, sys
b = open(sys.argv[1], "rb").read(); off, k = 24, 0
while off + 16 <= len(b):
    off += 16 + struct.unpack_from("<I", b, off + 8)[0]; k += 1
print(k)' "$TMP/all.pcap")
want=$(grep -- "-big-" "$TMP/truth" | awk '{ s += $4 } END { print s }')
[ "$n" = "$want" ] || fail "the dump has $n packets, the files $want"
stop_pktcapd
pass "adopted files sealed as sha256sum sees them, indexed whole; a stop half-way wrote no partial index"
