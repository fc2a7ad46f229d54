#!/bin/bash
# reload-filter.sh: a filter past the bound is refused at once by reload and by -t; capture goes on
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# filter_of N: "udp" and N times " or port 1"; libpcap's optimizer needs
# minutes and GBs for 3,000 of them.
filter_of() {
	f=udp
	for _ in $(seq "$1"); do f="$f or port 1"; done
	echo "$f"
}

conf_with() {
	write_conf <<EOF2
profile all {
	filter = "$1"
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
}

netns_setup
conf_with udp
start_pktcapd
send_pkts -c 100
wait_written "$IF_CAP/all" 100

# Refused in a moment by reload, with the reason, and the old filter stays.
conf_with "$(filter_of 3000)"
start=$(date +%s%N)
out=$(timeout 20 "$PKTCTL" -S "$TMP/pktcapd.sock" reload 2>&1) && fail "reload accepted a 3,001-term filter"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
log "reload refused in $ms ms: $out"
[ "$ms" -lt 3000 ] || fail "reload took $ms ms to refuse the filter"
echo "$out" | grep -q "terms" || fail "reload's error does not say why: $out"
filter=$(ring_field "" filter)
[ "$filter" = udp ] || fail "the filter is now '$filter'"

# pktcapd -t refuses exactly the same file, as quickly.
start=$(date +%s%N)
timeout 20 "$PKTCAPD" -t -f "$TMP/pktcapd.conf" > "$TMP/check.out" 2>&1 &&
	fail "pktcapd -t accepted the 3,001-term filter"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 3000 ] || fail "pktcapd -t took $ms ms to refuse the filter"
grep -q "terms" "$TMP/check.out" || fail "pktcapd -t does not say why: $(cat "$TMP/check.out")"

# Capture went on, on the old filter.
send_pkts -c 100
wait_written "$IF_CAP/all" 200

# A filter of 200 terms is fine for both.
conf_with "$(filter_of 199)"
"$PKTCAPD" -t -f "$TMP/pktcapd.conf" >/dev/null 2>&1 || fail "pktcapd -t refused a 200-term filter"
ctl reload >/dev/null || fail "reload refused a 200-term filter"
filter=$(ring_field "" filter)
[ "$filter" = "$(filter_of 199)" ] || fail "the 200-term filter is not in use: '${filter:0:40}...'"
send_pkts -c 100
wait_written "$IF_CAP/all" 300
stop_pktcapd
pass
