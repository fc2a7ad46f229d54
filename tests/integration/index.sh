#!/bin/bash
# index.sh: every file gets a sidecar index with its SHA-256; queries seek with it; damage and crashes are repaired
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
grep -q "reindexing $f1" "$TMP/reindex.out" && grep -q "reindexing $f2" "$TMP/reindex.out" ||
	fail "reindex did not queue the damaged files: $(cat "$TMP/reindex.out")"
for _ in $(seq 100); do
	grep -q "indexed $f2" "$TMP/pktcapd.log" && grep -q "indexed $f1" "$TMP/pktcapd.log" && break
	sleep 0.1
done
grep -q "indexed $f2" "$TMP/pktcapd.log" || fail "missing index of $f2 not rebuilt"
grep -q "indexed $f1" "$TMP/pktcapd.log" || fail "damaged index of $f1 not rebuilt"
[ "$(ctl reindex "$IF_CAP/plain")" = "every index is sound" ] || fail "indexes still unsound after rebuilding"

# A rebuilt gzip index points at member starts too: a window is still read from the middle.
dir=$(ring_dir "$IF_CAP" packed)
g2=$(ring_files "$dir" | sed -n 2p)
rm -f "$dir/$g2.idx"
ctl reindex "$IF_CAP/packed" | grep -q "reindexing $g2" || fail "reindex did not queue $g2"
for _ in $(seq 100); do grep -q "indexed $g2" "$TMP/pktcapd.log" && break; sleep 0.1; done
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
