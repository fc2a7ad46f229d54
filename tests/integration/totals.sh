#!/bin/bash
# totals.sh: status counts since the ring was created as well as since start, across a restart
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
R=$IF_CAP/all
total() { ctl status --json "$R" | jget "j['result']['rings'][0]['total']['$1']"; }
start_pktcapd
send_pkts -c 5 -p udp -r 100
wait_written "$R" 5
since=$(total since)
[ "$(total packets_written)" = 5 ] || fail "total written $(total packets_written), expected 5"
stop_pktcapd
[ -f "$(ring_dir "$IF_CAP" all)/pktcapd.totals" ] || fail "no pktcapd.totals in the ring directory"
grep -qx "packets_written 5" "$(ring_dir "$IF_CAP" all)/pktcapd.totals" ||
	fail "pktcapd.totals: $(cat "$(ring_dir "$IF_CAP" all)/pktcapd.totals")"

sleep 1.1	# a later start must not become the ring's creation time
start_pktcapd
send_pkts -c 3 -p udp -r 100
wait_written "$R" 3
[ "$(total packets_written)" = 8 ] || fail "total written after a restart $(total packets_written), expected 8"
[ "$(total packets_captured)" = 8 ] || fail "total captured after a restart $(total packets_captured), expected 8"
[ "$(total since)" = "$since" ] || fail "the ring's creation moved from $since to $(total since)"
[ "$(total files_closed)" -ge 1 ] || fail "the file closed at the stop is not counted"
out=$(ctl status "$R")
echo "$out" | grep -qF "  since $since (created): 8 captured, 8 written, 0 dropped" ||
	fail "status does not show the totals: $out"
log "totals across a restart: ok"
stop_pktcapd
pass
