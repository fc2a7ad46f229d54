#!/bin/bash
# untrusted-text.sh: a note, case id or ring name a client sent reaches pktctl's tables and the daemon's log escaped, JSON exact
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 grep
netns_setup
write_conf <<EOF2
profile all {
	rotate-interval = 1s
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 50 -r 100
sleep 1.5

# A note that would colour the terminal, return the cursor and forge a log line.
note=$'first\r\x1b[31mRED\x1b[0m\npktcapd: case FORGED: 99 files held by uid 0\x07'
out=$(ctl preserve --since -1h --until now --case TXT-1 --note "$note") || fail "preserve failed: $out"

# Any byte a terminal acts on: C0 controls but for the newline ending each line, DEL, C1 (as UTF-8).
raw_control() { LC_ALL=C grep -naP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1"; }

ctl cases > "$TMP/cases.out" 2>&1 || fail "pktctl cases failed"
cat "$TMP/cases.out"
raw_control "$TMP/cases.out" && fail "pktctl cases printed a raw control byte"
[ "$(wc -l < "$TMP/cases.out")" = 2 ] || fail "pktctl cases printed $(wc -l < "$TMP/cases.out") lines, not a head and one case"
grep -qF 'first\r\x1b[31mRED\x1b[0m\npktcapd: case FORGED: 99 files held by uid 0\x07' "$TMP/cases.out" ||
	fail "the note is not shown escaped"
ctl cases --json | NOTE="$note" jget 'j["result"]["cases"][0]["note"] == __import__("os").environ["NOTE"]' |
	grep -qx True || fail "JSON does not keep the note exact"

# A ring name with an escape sequence: the error on stderr and the log line are escaped too.
ctl status $'eth0/\x1b]0;owned\x07x' > "$TMP/status.out" 2>&1 && fail "status of a ring that does not exist succeeded"
raw_control "$TMP/status.out" && fail "pktctl status printed the ring name raw: $(cat -v "$TMP/status.out")"
grep -qF 'eth0/\x1b]0;owned\x07x' "$TMP/status.out" || fail "the error does not show the ring escaped: $(cat "$TMP/status.out")"

stop_pktcapd
raw_control "$TMP/pktcapd.log" && fail "the daemon's log has a raw control byte"
grep -q "^pktcapd: case FORGED" "$TMP/pktcapd.log" && fail "the note forged a log line"
grep -qF 'case TXT-1: ' "$TMP/pktcapd.log" && grep -qF '\x1b[31mRED' "$TMP/pktcapd.log" ||
	fail "the log does not show the note escaped"
pass "note, ring name: escaped in cases, errors and the log; exact in JSON"
