#!/bin/bash
# scale-adopt.sh: thousands of un-indexed files are adopted in seconds, newest first, a dump's file jumps the queue, list pages
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 tcpdump
netns_setup
N=5000
write_conf <<EOF2
profile all {
	rotate-size = 100M
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir=$(ring_dir "$IF_CAP" all)
mkdir -p "$dir"
# 5000 files of about 8 KiB, one every 10 s from 2026-11-25T00:00:00Z, no index.
python3 "$top_srcdir/bench/mkscale.py" "$dir" "$IF_CAP-all" $((N * 8192)) $N 1795564800 $((N * 10)) >/dev/null ||
	hard_error "mkscale.py"
chown -R nobody:nogroup "$TMP/store"
name_of() { ring_files "$dir" | grep -- "-$(printf %06d "$1")\.pcap$"; }
f10=$(name_of 10)

start=$(date +%s%N)
start_pktcapd
# At once, while the indexer works from the newest file down: a dump of file 10's time.
since=$(echo "$f10" | sed -E 's/.*-([0-9]{8})T([0-9]{2})([0-9]{2})([0-9]{2})Z-.*/\1 \2:\3:\4/')
since=$(date -u -d "$since" +%s)
ctl dump "$IF_CAP/all" --since "@$since" --until "@$((since + 2))" -w "$TMP/w.pcap" 2>/dev/null ||
	fail "dump of an un-indexed file failed"
n=$(tcpdump -nr "$TMP/w.pcap" 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || fail "the dump found no packets in file 10's first two seconds"
wait_indexer
took=$((($(date +%s%N) - start) / 1000000))
log "adopted and indexed $N files in $took ms"
# About 3 s in a release build (10 to 13 s while a file's port table cost
# 64 page faults), 12 to 16 s under ASan or TSan.
limit=10000
sanitizer_build && limit=40000
[ "$took" -lt "$limit" ] || fail "indexing $N small files took $took ms (limit $limit)"

# Every file has its index and its seal.
ctl list --json "$IF_CAP/all" > "$TMP/list.json"
python3 - "$TMP/list.json" "$dir" "$N" <<'PY' || fail "not every file is indexed and sealed"
import json, os, sys
j = json.load(open(sys.argv[1]))["result"]
files, d, n = j["files"], sys.argv[2], int(sys.argv[3])
assert len(files) == n, len(files)
assert [f["seq"] for f in files] == list(range(1, n + 1)), "not every file, or not in order"
for f in files:
    assert f["state"] == "sealed" and f["sha256"] and f["packets"], f
    assert os.path.exists(os.path.join(d, f["name"] + ".idx")), f["name"]
assert j["rings"][0]["files"] == n and j["rings"][0]["selected"] == n
print("ok - %d files listed (in pages of 1000), each sealed with an index" % n)
PY

# Newest first, and the dump's file went next: the order of the log's "indexed" lines.
grep -o "indexed $IF_CAP-all-[0-9TZ]*-[0-9]*\.pcap" "$TMP/pktcapd.log" | sed 's/.*-0*\([0-9]*\)\.pcap/\1/' > "$TMP/order"
[ "$(wc -l < "$TMP/order")" = "$N" ] || fail "expected $N 'indexed' lines, found $(wc -l < "$TMP/order")"
[ "$(head -1 "$TMP/order")" = "$N" ] || fail "the first file indexed is $(head -1 "$TMP/order"), not the newest"
grep -q "dump: $f10 waits for the indexer: it goes next" "$TMP/pktcapd.log" ||
	fail "the dump's file did not jump the queue (or was indexed before the dump came)"
pos=$(grep -n "^10$" "$TMP/order" | cut -d: -f1)
python3 - "$TMP/order" "$N" "$pos" <<'PY' || fail "the indexer's order is not newest first around the dump's file"
import sys
order = [int(x) for x in open(sys.argv[1])]
n, pos = int(sys.argv[2]), int(sys.argv[3])
# The dump opens file 9 too (its name's whole second may hide the window's start).
rest = [s for s in order if s not in (9, 10)]
assert rest == sorted(rest, reverse=True), "not newest first"
# Without the jump, file 10 would be the 4991st.
assert pos < n // 2, (pos, order[pos - 3:pos + 1])
print("ok - newest first; file 10 was indexed %dth, as soon as the dump asked" % pos)
PY

# Selection: --last, --since/--until, and the text summary with its hint.
ctl list "$IF_CAP/all" --last 3 > "$TMP/last"
grep -q "$(name_of $N)" "$TMP/last" && grep -q "$(name_of $((N - 2)))" "$TMP/last" &&
	! grep -q "$(name_of $((N - 3)))" "$TMP/last" || fail "--last 3 is not the newest three"
grep -q "^$IF_CAP/all: $N files" "$TMP/last" || fail "no ring summary line"
grep -q "^$((N - 3)) more; use --since/--until or --all" "$TMP/last" || fail "no hint for the files not shown"
t=$((1795564800 + 2000 * 10))
ctl list --json "$IF_CAP/all" --since "@$((t + 5))" --until "@$((t + 30))" > "$TMP/window.json"
python3 - "$TMP/list.json" "$TMP/window.json" $((t + 5)) $((t + 30)) <<'PY' || fail "--since/--until picked the wrong files"
import calendar, json, sys, time
def ns(s):
    return calendar.timegm(time.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")) * 10**9 + int(s[20:26]) * 1000
every = json.load(open(sys.argv[1]))["result"]["files"]
got = [f["seq"] for f in json.load(open(sys.argv[2]))["result"]["files"]]
since, until = int(sys.argv[3]) * 10**9, int(sys.argv[4]) * 10**9
# Every file holding a packet of the window, nothing that starts after it.
want = [f["seq"] for f in every if ns(f["last"]) >= since and ns(f["first"]) < until]
assert set(want) <= set(got), (want, got)
assert all(ns(f["first"]) < until for f in every if f["seq"] in got), got
assert len(got) <= len(want) + 1 and got == sorted(got), (want, got)
print("ok - --since/--until: files %s" % got)
PY

# A restart adopts every file from its index: quick, and nothing left for the indexer.
stop_pktcapd
start=$(date +%s%N)
start_pktcapd
took=$((($(date +%s%N) - start) / 1000000))
left=$(ctl status --json | jget 'j["result"]["indexer"]["files_left"]')
[ "$left" = 0 ] || fail "after a restart $left files wait for the indexer"
log "restart with $N indexed files: capturing after $took ms"
[ "$took" -lt 5000 ] || fail "a restart with $N indexed files took $took ms"
pass "$N files adopted in seconds, newest first, a dump's file first, listed in pages"
