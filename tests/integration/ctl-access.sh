#!/bin/bash
# ctl-access.sh: root, the daemon's user and its group read; the operator group also rotates; others get advice
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv python3
netns_setup
write_conf <<EOF2
operator-group = users
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
sock=$TMP/pktcapd.sock
[ "$(stat -c '%a %U %G' "$sock")" = "660 nobody nogroup" ] ||
	fail "socket is $(stat -c '%a %U %G' "$sock"), expected 660 nobody nogroup"
gid=$(getent group nogroup | cut -d: -f3)
chmod 755 "$TMP"
# A stranger: uid/gid 23456, in no group of ours.
stranger() { setpriv --reuid=23456 --regid=23456 --clear-groups "$@"; }
member() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$@"; }

out=$(stranger "$PKTCTL" -S "$sock" status 2>&1) && fail "a stranger got status"
echo "$out" | grep -q "permission denied: add yourself to group nogroup" ||
	fail "no advice for the stranger: $out"
member "$PKTCTL" -S "$sock" status >/dev/null || fail "a member of group nogroup was refused"

# The read group reads; rotate, reload and reindex need the operator group.
users=$(getent group users | cut -d: -f3)
operator() { setpriv --reuid=23457 --regid=23457 --groups="$gid,$users" "$@"; }
send_pkts -c 20 -r 1000
wait_written "$IF_CAP/all" 20
for cmd in "status" "list" "interfaces" "dump -c 1"; do
	member "$PKTCTL" -S "$sock" $cmd >/dev/null 2>&1 || fail "a reader was refused $cmd"
done
for cmd in rotate reload reindex; do
	out=$(member "$PKTCTL" -S "$sock" $cmd 2>&1) && fail "a reader could $cmd"
	echo "$out" | grep -q "permission denied: $cmd needs group users" ||
		fail "the refusal of $cmd does not name the group: $out"
done
out=$(member "$PKTCTL" -S "$sock" --json rotate) && fail "--json rotate by a reader succeeded"
echo "$out" | jget 'j["ok"]' | grep -q False || fail "--json refusal is not JSON: $out"
[ "$(ring_files "$(ring_dir "$IF_CAP" all)" | wc -l)" = 1 ] || fail "a refused rotate rotated"
operator "$PKTCTL" -S "$sock" reindex >/dev/null || fail "an operator could not reindex"
operator "$PKTCTL" -S "$sock" rotate >/dev/null || fail "an operator could not rotate"

# 120 rotate requests in a few seconds while packets arrive: only a few rotate.
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 3000 -r 1000 > /dev/null &
gen=$!
sleep 0.5
start=$(date +%s)
for _ in $(seq 120); do
	ctl --json rotate
	echo
done > "$TMP/rot.json" 2>/dev/null
took=$(($(date +%s) - start))
wait "$gen"
refused=$(python3 -c '
import json, sys
text, at, n, dec = open(sys.argv[1]).read(), 0, 0, json.JSONDecoder()
while text[at:].strip():
    j, at = dec.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
    if not j["ok"]:
        assert isinstance(j["retry_after"], int) and 0 < j["retry_after"] <= 10, j
        n += 1
print(n)' "$TMP/rot.json") || fail "a rationed rotate does not say when to retry: $(tail -1 "$TMP/rot.json")"
rotated=$(grep -c "rotated on request" "$TMP/pktcapd.log")
log "120 rotate requests in ${took}s: $rotated rotations in all, $refused refused"
# 3 in a row, then one per 10 s: at most 3 + took/10 (+1 for the operator's above).
[ "$rotated" -le $((4 + took / 10 + 1)) ] || fail "$rotated rotations from 120 requests in ${took}s"
[ "$refused" -ge 100 ] || fail "only $refused of 120 rotate requests were rationed"
[ "$rotated" -ge 2 ] || fail "the rotations the ration allows did not happen ($rotated)"
ctl rotate 2>&1 | grep -q "try again in [0-9]* s" || fail "pktctl does not say when to retry"

# A reload takes the operator group away; one that does not exist is refused, also by -t.
sed -i 's/^operator-group = users$/operator-group = ""/' "$TMP/pktcapd.conf"
ctl reload > /dev/null || fail "reload failed"
out=$(operator "$PKTCTL" -S "$sock" reindex 2>&1) && fail "reload did not take the operator group away"
echo "$out" | grep -q "needs root or the daemon's user (no operator-group" || fail "refusal: $out"
sed -i 's/^operator-group = ""$/operator-group = no-such-group-here/' "$TMP/pktcapd.conf"
out=$("$PKTCAPD" -t -f "$TMP/pktcapd.conf" 2>&1) && fail "pktcapd -t accepted a missing operator-group"
echo "$out" | grep -q "operator-group 'no-such-group-here' does not exist" || fail "-t said: $out"

# With the file mode opened up, the daemon's own SO_PEERCRED check still refuses.
chmod 666 "$sock"
out=$(stranger "$PKTCTL" -S "$sock" status 2>&1) && fail "a stranger got status through a 0666 socket"
echo "$out" | grep -q "permission denied: add yourself to group nogroup" ||
	fail "the daemon's refusal has no advice: $out"
grep -q "refused pid [0-9]* uid 23456" "$TMP/pktcapd.log" || fail "the refusal was not logged"
out=$(stranger "$PKTCTL" -S "$sock" --json status) && fail "--json stranger succeeded"
echo "$out" | jget 'j["ok"]' | grep -q False || fail "--json refusal is not JSON: $out"
stop_pktcapd
pass
