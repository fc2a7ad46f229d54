#!/bin/bash
# index.sh: every file gets a sidecar index with its SHA-256; queries seek with it; damage and crashes are repaired
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 sha256sum gzip
netns_setup
write_conf <<EOF2
profile plain {
	rotate-size = 4M
	flush-interval = 200ms
}
profile packed {
	rotate-size = 4M
	compress = gzip
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { plain, packed }
}
EOF2
start_pktcapd
send_pkts -c 20000 -s 1000 -r 10000
wait_written "$IF_CAP/plain" 20000
wait_written "$IF_CAP/packed" 20000
stop_pktcapd

# Each closed file: an index, sealed, whose count and SHA-256 are the file's.
check_ring() {	# RING
	local dir=$(ring_dir "$IF_CAP" "$1") n=0
	for f in $(ring_files "$dir"); do
		[ -f "$dir/$f.idx" ] || fail "$f has no index"
		[ "$(stat -c %a "$dir/$f.idx")" = 440 ] || fail "$f.idx is not sealed"
		n=$((n + 1))
	done
	[ "$n" -ge 3 ] || fail "$1: expected several files, found $n"
}
check_ring plain
check_ring packed
start_pktcapd
ctl list --json > "$TMP/list.json"
python3 - "$TMP/list.json" "$TMP/store/$IF_CAP" <<'PY' || fail "list disagrees with the files"
import hashlib, json, subprocess, sys
files = json.load(open(sys.argv[1]))["result"]["files"]
for f in files:
    ring = f["ring"].split("/")[1]
    path = "%s/%s/%s" % (sys.argv[2], ring, f["name"])
    data = open(path, "rb").read()
    assert f["sha256"] == hashlib.sha256(data).hexdigest(), (f["name"], "sha256")
    cmd = "zcat %s | tcpdump -nr - 2>/dev/null | wc -l" if path.endswith(".gz") else "tcpdump -nr %s 2>/dev/null | wc -l"
    n = int(subprocess.check_output(cmd % path, shell=True))
    assert f["packets"] == n, (f["name"], f["packets"], n)
print("ok - %d files: packets and SHA-256 as in the index" % len(files))
PY

# A one-second window in the middle of a file is read from an index point, not from the start.
for ring in plain packed; do
	dir=$(ring_dir "$IF_CAP" $ring)
	second=$(ring_files "$dir" | sed -n 2p)
	case $second in
	*.gz) zcat "$dir/$second" | tcpdump -tt -nr - 2>/dev/null ;;
	*) tcpdump -tt -nr "$dir/$second" 2>/dev/null ;;
	esac | awk '{ print $1 }' > "$TMP/times"
	n=$(wc -l < "$TMP/times")
	since=$(sed -n "$((n * 3 / 4))p" "$TMP/times")
	until=$(awk "BEGIN { printf \"%.6f\", $since + 0.01 }")
	want=$(awk -v a="$since" -v b="$until" '$1 >= a && $1 < b' "$TMP/times" | wc -l)
	got=$(ctl dump "$IF_CAP/$ring" --since "@$since" --until "@$until" -w - | tcpdump -nr - 2>/dev/null | wc -l)
	[ "$got" = "$want" ] || fail "$ring: window gave $got packets, tcpdump says $want"
	grep -q "dump: $second: starting at byte [1-9]" "$TMP/pktcapd.log" ||
		fail "$ring: the query did not start at an index point of $second"
	log "$ring: window of $want packets read from an index point"
done

# Damage: a corrupt and a missing index are rebuilt by pktctl reindex.
dir=$(ring_dir "$IF_CAP" plain)
f1=$(ring_files "$dir" | sed -n 1p)
f2=$(ring_files "$dir" | sed -n 2p)
chmod 640 "$dir/$f1.idx"
printf 'garbage!' | dd of="$dir/$f1.idx" bs=1 seek=100 conv=notrunc 2>/dev/null
rm -f "$dir/$f2.idx"
ctl reindex "$IF_CAP/plain" > "$TMP/reindex.out" || fail "reindex failed"
grep -q "checking $f1" "$TMP/reindex.out" && grep -q "checking $f2" "$TMP/reindex.out" ||
	fail "reindex did not queue the files: $(cat "$TMP/reindex.out")"
wait_indexer
grep -q "indexed $f2" "$TMP/pktcapd.log" || fail "missing index of $f2 not rebuilt"
grep -q "indexed $f1" "$TMP/pktcapd.log" || fail "damaged index of $f1 not rebuilt"
[ -f "$dir/$f2.idx" ] || fail "no index file for $f2"
ctl list --json "$IF_CAP/plain" | jget "[f['name'] for f in j['result']['files'] if f['state'] != 'sealed' and not f['open']]" > "$TMP/unsealed"
[ "$(cat "$TMP/unsealed")" = "[]" ] || fail "files not sealed after rebuilding: $(cat "$TMP/unsealed")"

# A sealed file cut short while the daemon runs: reindex finds it damaged, it
# keeps its seal (never recomputed into place), and a restart still says so.
f3=$(ring_files "$dir" | sed -n 3p)
seal3=$(ctl list --json "$IF_CAP/plain" | jget "[f['sha256'] for f in j['result']['files'] if f['name'] == '$f3'][0]")
size3=$(stat -c %s "$dir/$f3")
chmod 640 "$dir/$f3"
truncate -s $((size3 - 40)) "$dir/$f3"
chmod 440 "$dir/$f3"
ctl reindex "$IF_CAP/plain" > /dev/null || fail "reindex failed"
wait_indexer
grep -q "$f3 no longer matches its seal" "$TMP/pktcapd.log" || fail "reindex did not find $f3 damaged"
state=$(ctl list --json "$IF_CAP/plain" | jget "[(f['state'], f['sha256']) for f in j['result']['files'] if f['name'] == '$f3'][0]")
[ "$state" = "('damaged', '$seal3')" ] || fail "$f3 after reindex: $state (sealed $seal3)"
if ctl dump "$IF_CAP/plain" -w "$TMP/d3.pcap" 2> "$TMP/d3.err"; then
	fail "a dump over a damaged file exited 0"
fi
grep -q "$f3: damaged at byte" "$TMP/d3.err" || fail "the dump did not name the damage: $(cat "$TMP/d3.err")"
tcpdump -nr "$TMP/d3.pcap" > /dev/null 2> "$TMP/d3.tcpdump" || fail "-w wrote a damaged record: $(cat "$TMP/d3.tcpdump")"
stop_pktcapd
start_pktcapd
grep -q "$f3 was found damaged earlier and keeps its seal" "$TMP/pktcapd.log" || fail "the restart re-blessed $f3"
state=$(ctl list --json "$IF_CAP/plain" | jget "[(f['state'], f['sha256']) for f in j['result']['files'] if f['name'] == '$f3'][0]")
[ "$state" = "('damaged', '$seal3')" ] || fail "$f3 after a restart: $state (sealed $seal3)"

# One flipped byte inside a sealed gzip file: the dump prints what is intact
# and exits non-zero, names the damage, and never writes a damaged record.
gdir=$(ring_dir "$IF_CAP" packed)
g3=$(ring_files "$gdir" | sed -n 3p)
total=0
for g in $(ring_files "$gdir"); do
	total=$((total + $(zcat "$gdir/$g" | tcpdump -nr - 2>/dev/null | wc -l)))
done
chmod 640 "$gdir/$g3"
gsize=$(stat -c %s "$gdir/$g3")
flip_byte "$gdir/$g3" $((gsize / 2))
chmod 440 "$gdir/$g3"
gzip -t "$gdir/$g3" 2>/dev/null && fail "the flipped byte did not damage $g3"
if ctl dump "$IF_CAP/packed" -w "$TMP/g3.pcap" 2> "$TMP/g3.err"; then
	fail "a dump over a damaged gzip file exited 0"
fi
grep -q "$g3: damaged at byte" "$TMP/g3.err" || fail "the gzip damage was not named: $(cat "$TMP/g3.err")"
got=$(tcpdump -nr "$TMP/g3.pcap" 2> "$TMP/g3.tcpdump" | wc -l)
[ -s "$TMP/g3.tcpdump" ] && grep -qi "truncated\|bogus\|error" "$TMP/g3.tcpdump" && fail "-w wrote damaged data: $(cat "$TMP/g3.tcpdump")"
[ "$got" -lt "$total" ] && [ "$got" -gt 0 ] || fail "damaged gzip ring: $got of $total packets"
tcpdump -nr "$TMP/g3.pcap" 2>/dev/null | grep -q "ip-proto-\|unknown" && fail "garbage came out as packets"
log "flipped byte in $g3: $got of $total packets, then: $(head -c 200 "$TMP/g3.err")"
wait_indexer
state=$(ctl list --json "$IF_CAP/packed" | jget "[f['state'] for f in j['result']['files'] if f['name'] == '$g3'][0]")
[ "$state" = "damaged" ] || fail "$g3 not marked damaged after the dump found it: $state"

# A rebuilt gzip index points at member starts too: a window is still read from the middle.
dir=$(ring_dir "$IF_CAP" packed)
g2=$(ring_files "$dir" | sed -n 2p)
rm -f "$dir/$g2.idx"
ctl reindex "$IF_CAP/packed" | grep -q "checking $g2" || fail "reindex did not queue $g2"
wait_indexer
grep -q "indexed $g2" "$TMP/pktcapd.log" || fail "gzip index of $g2 not rebuilt"
zcat "$dir/$g2" | tcpdump -tt -nr - 2>/dev/null | awk '{ print $1 }' > "$TMP/times"
n=$(wc -l < "$TMP/times")
since=$(sed -n "$((n * 3 / 4))p" "$TMP/times")
until=$(awk "BEGIN { printf \"%.6f\", $since + 0.01 }")
want=$(awk -v a="$since" -v b="$until" '$1 >= a && $1 < b' "$TMP/times" | wc -l)
before=$(grep -c "dump: $g2: starting at byte [1-9]" "$TMP/pktcapd.log")
got=$(ctl dump "$IF_CAP/packed" --since "@$since" --until "@$until" -w - | tcpdump -nr - 2>/dev/null | wc -l)
[ "$got" = "$want" ] || fail "rebuilt gzip index: window gave $got packets, tcpdump says $want"
[ "$(grep -c "dump: $g2: starting at byte [1-9]" "$TMP/pktcapd.log")" -gt "$before" ] ||
	fail "the rebuilt gzip index has no point inside $g2"
stop_pktcapd

# A crash in the middle of a gzip file: every complete member is readable at
# once; a member torn by the crash (made here by appending half of one) is cut
# off by the restart, which leaves a complete gzip file with an index.
start_pktcapd
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 3000 -r 1000 -d 10 > "$TMP/gen.out" &
gen=$!
sleep 1.5
kill -KILL "$PID"
wait "$PID" 2>/dev/null
PID=
wait "$gen"
dir=$(ring_dir "$IF_CAP" packed)
last=$(ring_files "$dir" | tail -n 1)
n_before=$(zcat "$dir/$last" 2>/dev/null | tcpdump -nr - 2>/dev/null | wc -l)
[ "$n_before" -gt 0 ] || fail "nothing readable in the interrupted file"
head -c 5000 /dev/urandom | gzip -1 | head -c 2000 >> "$dir/$last"
gzip -t "$dir/$last" 2>/dev/null && fail "the torn member did not tear the file"
start_pktcapd
for _ in $(seq 100); do grep -q "indexed $last" "$TMP/pktcapd.log" && break; sleep 0.1; done
grep -q "$last was not closed cleanly: cut after its last complete gzip member (2000 bytes dropped)" \
	"$TMP/pktcapd.log" || fail "the restart did not cut the torn member off $last"
gzip -t "$dir/$last" || fail "$last is still not a complete gzip file"
n_after=$(zcat "$dir/$last" | tcpdump -nr - 2>/dev/null | wc -l)
[ "$n_after" = "$n_before" ] || fail "finishing changed the packets: $n_before before, $n_after after"
grep -q "indexed $last" "$TMP/pktcapd.log" || fail "no index built for $last"
n_idx=$(ctl list --json "$IF_CAP/packed" | jget "[f['packets'] for f in j['result']['files'] if f['name'] == '$last'][0]")
[ "$n_idx" = "$n_after" ] || fail "index says $n_idx packets, the file has $n_after"
stop_pktcapd
pass
