#!/bin/sh
# hostile.sh: capture loses nothing and status answers in under 50 ms while clients push the control plane hard
# SPDX-License-Identifier: BSD-2-Clause
#
# A small bench/hostile.sh: a ring of 2,000 old files and a held case of
# 48 MiB in 3 files, then for a few seconds pktgen sends at a fixed rate
# while 20 clients ask for status in a loop, two export the case from a
# late --since, one dumps the whole ring, one lists every file, one
# verifies the case, one preserves a window and one reloads with a filter
# of "udp" and 600 " or port 1" terms (applied, or refused by the
# configuration's bound on filters). Every packet sent must be written, and
# status's 99th percentile must stay under 50 ms.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

SECONDS_RUN=${HOSTILE_SECONDS:-4}
RATE=${HOSTILE_RATE:-5000}
TERMS=${HOSTILE_TERMS:-600}
# HOSTILE_ARGS=--status-only: the baseline, status clients alone (the checks of the others then fail).
# The clients run at nice 10: on a 2-CPU machine 27 busy clients would otherwise take the CPU the
# daemon needs to answer them, and the test would measure the scheduler (bench/hostile.sh does not).
P99_MS=50
# Under a sanitizer every instruction costs several times as much: the 50 ms promise is the
# release build's; there the bound only catches a loop that stalls (seconds, not tens of ms).
sanitizer_build && P99_MS=500

netns_setup
require_cmd python3
DAY=1795600000
ALL=$(ring_dir "$IF_CAP" all)
HELD=$(ring_dir "$IF_CAP" held)
mkdir -p "$ALL" "$HELD"
python3 "$top_srcdir/bench/mkscale.py" "$ALL" "$IF_CAP-all" $((20 * 1048576)) 2000 "$DAY" >/dev/null ||
	hard_error "mkscale.py"
python3 "$top_srcdir/bench/mkscale.py" "$HELD" "$IF_CAP-held" $((48 * 1048576)) 3 "$DAY" >/dev/null ||
	hard_error "mkscale.py"
chown -R nobody:nogroup "$TMP/store"

conf() {	# the filter of ring all
	write_conf <<EOF
profile all {
	filter = "$1"
	rotate-size = 1M
	keep-files = 100000
	keep-bytes = 100G
	keep-age = 3650d
}
profile held {
	filter = "udp port 9"
	keep-files = 100000
	keep-bytes = 100G
	keep-age = 3650d
}
interface $IF_CAP {
	profiles = { all, held }
	promisc = false
}
EOF
}
conf udp
start_pktcapd
wait_indexer
ctl preserve "$IF_CAP/held" --case hostile --since "@$DAY" --until "@$((DAY + 86400))" \
	> "$TMP/preserve.out" 2>&1 || fail "preserve: $(cat "$TMP/preserve.out")"
# Cold, as a case preserved days ago is.
python3 - "$TMP/store/evidence/hostile" <<'PY'
import os, sys
for n in os.listdir(sys.argv[1]):
    fd = os.open(os.path.join(sys.argv[1], n), os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
PY

# The reload reads this when the client asks for it, during the load.
conf "udp$(i=0; while [ $i -lt "$TERMS" ]; do printf ' or port 1'; i=$((i + 1)); done)"
written0=$(ring_field "$IF_CAP/all" packets_written)
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 0 -d "$SECONDS_RUN" -r "$RATE" \
	> "$TMP/pktgen.out" 2>&1 &
GEN=$!
python3 "$top_srcdir/bench/hostile.py" "$TMP/pktcapd.sock" --seconds "$SECONDS_RUN" \
	--ring "$IF_CAP/all" --case hostile --late $(((DAY + 80000) * 1000000000)) \
	--window $(((DAY + 3600) * 1000000000)) $(((DAY + 7200) * 1000000000)) --reload \
	--nice 10 --json "$TMP/hostile.json" ${HOSTILE_ARGS:-} > "$TMP/hostile.out" 2>&1 || fail "hostile.py: $(cat "$TMP/hostile.out")"
wait "$GEN" || fail "pktgen: $(cat "$TMP/pktgen.out")"
cat "$TMP/hostile.out" | sed 's/^/# /'
sent=$(awk '$1 == "sent" { print $2 }' "$TMP/pktgen.out")
log "$(cat "$TMP/pktgen.out")"

# Everything sent is written once the last flush is through.
for _ in $(seq 50); do
	written=$(ring_field "$IF_CAP/all" packets_written)
	[ $((written - written0)) -ge "$sent" ] && break
	sleep 0.1
done
ctl status --json "$IF_CAP/all" > "$TMP/status.json"
drops=$(jget 'j["result"]["rings"][0]["dropped_kernel"] + j["result"]["rings"][0]["dropped_queue"]' \
	< "$TMP/status.json")
log "sent $sent, written $((written - written0)), dropped (kernel + queue) $drops"

# The reload is answered: applied, or refused for a filter past the configuration's bounds.
if grep -q '^reload: .*"ok": true' "$TMP/hostile.out"; then
	grep -q "filter is now \"udp or port 1" "$TMP/pktcapd.log" || fail "the new filter is not in place"
else
	grep -q '^reload: .*"error": ".*filter' "$TMP/hostile.out" || fail "the reload got no answer"
fi
grep -q '^preserve: .*"ok": true' "$TMP/hostile.out" || fail "the preserve did not succeed"
grep -q "ctl-worker" /proc/"$PID"/task/*/comm || fail "no thread named ctl-worker"
[ "$drops" = 0 ] && [ $((written - written0)) = "$sent" ] ||
	fail "lost packets under hostile clients: sent $sent, written $((written - written0)), dropped $drops"
p99=$(jget 'j["status"]["p99"]' < "$TMP/hostile.json")
calls=$(jget 'j["status"]["calls"]' < "$TMP/hostile.json")
[ "$calls" -gt 0 ] || fail "no status call was answered"
python3 -c "import sys; sys.exit(0 if $p99 < $P99_MS else 1)" ||
	fail "status p99 is $p99 ms (at most $P99_MS ms)"
stop_pktcapd
pass "sent $sent, written all; status p99 $p99 ms over $calls calls"
