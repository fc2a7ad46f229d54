#!/bin/bash
# evidence-release.sh: readers list and verify cases but cannot preserve or release; release returns the files to retention
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv python3
netns_setup
write_conf <<EOF2
operator-group = users
profile all {
	rotate-packets = 100
	keep-files = 3
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
chmod 755 "$TMP"
gid=$(getent group nogroup | cut -d: -f3)
users=$(getent group users | cut -d: -f3)
reader() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$PKTCTL" -S "$TMP/pktcapd.sock" "$@"; }
operator() { setpriv --reuid=23457 --regid=23457 --groups="$gid,$users" "$PKTCTL" -S "$TMP/pktcapd.sock" "$@"; }
dir=$(ring_dir "$IF_CAP" all)

send_pkts -c 300 -r 1000
wait_written "$IF_CAP/all" 300
start=$(date +%s)
out=$(reader preserve --since -1h --until now --case R-1 2>&1) && fail "a reader preserved"
echo "$out" | grep -q "permission denied: preserve needs group users" || fail "reader preserve: $out"
out=$(operator preserve --since -1h --until now --case R-1 --note "by an operator") ||
	fail "an operator could not preserve: $out"
held=$(ls "$TMP/store/evidence/R-1" | grep -E '\.pcap$')
[ "$(echo "$held" | wc -l)" = 3 ] || fail "expected 3 held files: $held"
grep -q "uid=23457" "$TMP/store/evidence/R-1/MANIFEST" || fail "the manifest does not name the operator"
reader cases | grep -q "^R-1 .* by an operator" || fail "cases does not list R-1 for a reader: $(reader cases)"
[ "$(reader cases --json | jget 'j["result"]["cases"][0]["files"]')" = 3 ] || fail "cases --json"
reader verify --case R-1 | grep -q "^OK" || fail "a reader could not verify"
# Held files stay however much is captured; the three unheld places go round.
send_pkts -c 600 -r 1000
wait_written "$IF_CAP/all" 900
sleep 1
for f in $held; do [ -f "$dir/$f" ] || fail "$f was evicted while held"; done
# A restart finds the holds again: retention still passes them by.
stop_pktcapd
start_pktcapd
send_pkts -c 400 -r 1000
wait_written "$IF_CAP/all" 400
sleep 1
for f in $held; do [ -f "$dir/$f" ] || fail "$f was evicted after a restart while held"; done
out=$(reader release --case R-1 2>&1) && fail "a reader released"
echo "$out" | grep -q "permission denied: release needs group users" || fail "reader release: $out"
operator release --case R-1 >/dev/null || fail "an operator could not release"
grep -q " release .*uid=23457" "$TMP/store/evidence/R-1/MANIFEST" || fail "the release is not in the manifest"
[ -z "$(ls "$TMP/store/evidence/R-1" | grep -E '\.pcap$')" ] || fail "released files are still in the case"
ctl verify --case R-1 | grep -q "^OK" || fail "the released case's record does not verify"
grep -q "case R-1: released by uid 23457" "$TMP/pktcapd.log" || fail "the release is not logged"
reader cases | grep -q "^R-1 .*(released)" || fail "cases does not show R-1 released"
# Back in retention: the next files push them out.
send_pkts -c 400 -r 1000
wait_written "$IF_CAP/all" 800
sleep 1
for f in $held; do [ -f "$dir/$f" ] && fail "$f was not returned to retention"; done
[ "$(ring_files "$dir" | wc -l)" -le 4 ] || fail "retention keeps $(ring_files "$dir" | wc -l) files"
pass
