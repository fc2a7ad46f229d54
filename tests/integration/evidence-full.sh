#!/bin/bash
# evidence-full.sh: issue 17 items 3, 4 and 9: a full disk, a broken chain and release --delete change a case wholly or not at all
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 fallocate openssl sha256sum
netns_setup
mount -t tmpfs -o size=16m,mode=755 pktcap-full "$TMP/store" || skip "cannot mount tmpfs"
EXTRA_CLEANUP="umount -l '$TMP/store'"
chown nobody:nogroup "$TMP/store"
conf() {
	write_conf <<EOF2
profile all {
	rotate-packets = 100
	$1
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
}
conf ""
start_pktcapd
src=${top_srcdir:-$(dirname "$0")/../..}
EV=$TMP/store/evidence
dir=$(ring_dir "$IF_CAP" all)
send_pkts -c 1050 -r 2000
wait_written "$IF_CAP/all" 1050
wait_indexer
ctl list --json > "$TMP/list.json"
# Windows over closed files (no preserve below rotates): files $1 to $2 and no neighbour.
# pktgen catches up a late wake-up in a burst, so the next file's first packet may
# follow the last one within microseconds: the window starts 1 us after the first
# packet's (truncated) microsecond and ends 1 us before the last one's, in whole
# microseconds, never reaching a neighbour (a preserve takes any file it overlaps).
win() {
	python3 - "$TMP/list.json" "$1" "$2" <<'EOF2'
import calendar, json, sys, time
f = [x for x in json.load(open(sys.argv[1]))["result"]["files"] if not x["open"]]
def us(s):
    sec, frac = s.rstrip("Z").split(".")
    return calendar.timegm(time.strptime(sec, "%Y-%m-%dT%H:%M:%S")) * 10**6 + int(frac)
a, b = us(f[int(sys.argv[2])]["first"]) + 1, us(f[int(sys.argv[3])]["last"]) - 1
print("--since @%d.%06d --until @%d.%06d" % (a // 10**6, a % 10**6, b // 10**6, b % 10**6))
EOF2
}
name() { ring_files "$dir" | sed -n "$(($1 + 1))p"; }
check() {
	local out
	ctl status --json > "$TMP/status.json" && ctl list --json > "$TMP/list2.json" ||
		fail "$1: the daemon does not answer"
	out=$(python3 "$src/tests/evcheck.py" "$TMP/store" "$TMP/status.json" "$TMP/list2.json") ||
		fail "$1: $out"
}
verify() { out=$(ctl verify --case "$1") || fail "$2: case $1 does not verify: $out"; }
held() { ctl status --json | jget 'j["result"]["evidence"]["held_bytes"]'; }
preserved() { ctl list --json | jget "[f['preserved'] for f in j['result']['files'] if f['name'] == '$1'][0]"; }
fill() { avail=$(df --output=avail -B1 "$TMP/store" | tail -1); fallocate -l "$avail" "$TMP/store/filler"; }

# 4. A preserve into a case whose chain is broken fails and leaks nothing.
ctl preserve $(win 5 6) --case C > /dev/null || fail "cannot preserve C"
sed -i '1s/packets=/packets=1/' "$EV/C/MANIFEST"
held1=$(held)
out=$(ctl preserve $(win 7 7) --case C 2>&1) && fail "a preserve into a broken chain succeeded"
echo "$out" | grep -q "Bad message" || fail "a preserve into a broken chain: $out"
f7=$(jget "[x['name'] for x in j['result']['files'] if not x['open']][7]" < "$TMP/list.json")
[ ! -e "$EV/C/$f7" ] || fail "a failed preserve linked $f7 into C"
[ "$(stat -c %h "$dir/$f7")" = 1 ] || fail "a failed preserve left a link to $f7"
[ "$(preserved "$f7")" = False ] || fail "a failed preserve left $f7 held"
[ "$(held)" = "$held1" ] || fail "held bytes went from $held1 to $(held) after a failed preserve"

# 9. release --delete goes through the file list: no orphan index, no damaged record.
ctl preserve $(win 8 9) --case D > /dev/null || fail "cannot preserve D"
del=$(ls "$EV/D" | grep '\.pcap$')
ctl release --case D --delete > /dev/null || fail "release --delete failed"
for f in $del; do
	[ ! -e "$dir/$f" ] || fail "release --delete left $f"
	[ ! -e "$dir/$f.idx" ] || fail "release --delete left an orphan $f.idx"
	ctl list --json | grep -q "\"$f\"" && fail "the ring still lists $f after release --delete"
done
wait_indexer
[ "$(ctl status --json | jget 'j["result"]["indexer"]["files_damaged"]')" = 0 ] ||
	fail "release --delete left damaged files: $(ctl list | grep -i damag)"
verify D "after release --delete"
check "after release --delete"
ctl preserve $(win 0 1) --case A > /dev/null || fail "cannot preserve A"
ctl key > "$TMP/host.pem"
cp -a "$EV/A" "$TMP/A.before"
held0=$(held)

# 3. The storage file system full.
fill
log "$(df -h --output=avail "$TMP/store" | tail -1) free"
# Preserve into an existing case: fails, and the case is as it was (no link, no line, no flag).
out=$(ctl preserve $(win 2 3) --case A 2>&1) && fail "a preserve into A succeeded on a full disk"
echo "$out" | grep -q "free space" || fail "a preserve on a full disk: $out"
diff -r "$TMP/A.before" "$EV/A" > /dev/null || fail "a failed preserve changed case A: $(diff -r "$TMP/A.before" "$EV/A")"
for k in 2 3; do
	[ "$(stat -c %h "$dir/$(name $k)")" = 1 ] || fail "a failed preserve linked $(name $k)"
	[ "$(preserved "$(name $k)")" = False ] || fail "a failed preserve flagged $(name $k) held"
done
verify A "after a failed preserve into it"
# A new case: fails, and there is no case.
out=$(ctl preserve $(win 4 4) --case B 2>&1) && fail "a new case was made on a full disk"
[ ! -e "$EV/B" ] || fail "a failed new case left $(ls -A "$EV/B" | tr '\n' ' ')"
ctl cases --json | grep -q '"B"' && fail "cases lists the failed case B"
[ "$(held)" = "$held0" ] || fail "held bytes went from $held0 to $(held) after failed preserves"
# Release: fails, and nothing is released.
out=$(ctl release --case A 2>&1) && fail "a release succeeded on a full disk"
echo "$out" | grep -q "nothing was changed\|nothing was released" || fail "a failed release: $out"
diff -r "$TMP/A.before" "$EV/A" > /dev/null || fail "a failed release changed case A"
[ "$(preserved "$(name 0)")" = True ] || fail "a failed release cleared the held flag"
check "on a full disk"

# ... then retention: the files A holds stay.
rm -f "$TMP/store/filler"
conf "keep-files = 2"
ctl reload > /dev/null || fail "reload failed"
send_pkts -c 300 -r 2000
wait_written "$IF_CAP/all" 1350
sleep 1
for f in $(ls "$TMP/A.before" | grep '\.pcap$'); do
	[ -f "$dir/$f" ] || fail "retention deleted $f after a failed release"
done
verify A "after retention"
conf ""
ctl reload > /dev/null || fail "reload failed"

# Space returns: the next preserve signs its own lines only, and all of it verifies.
ctl list --json > "$TMP/list.json"
out=$(ctl preserve $(win -1 -1) --case A 2>&1) || fail "a preserve failed once space returned: $out"
echo "$out" | grep -q "^held" || fail "the preserve once space returned held nothing new: $out"
lines=$(wc -l < "$EV/A/MANIFEST")
grep -q " entries=$lines " "$EV/A/HEAD" || fail "HEAD does not sign every line: $(cat "$EV/A/HEAD") for $lines lines"
verify A "once space returned"
(cd "$EV/A" && openssl pkeyutl -verify -pubin -inkey "$TMP/host.pem" -rawin -in SHA256SUMS \
	-sigfile SHA256SUMS.sig > /dev/null && sha256sum --quiet --strict -c SHA256SUMS) ||
	fail "case A fails the stock-tool check once space returned"
check "once space returned"

pass
