#!/bin/bash
# filter-dns.sh: a dump filter naming a host whose lookup hangs is compiled off the control loop: other clients are answered meanwhile
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# ThreadSanitizer must come first among the preloaded libraries: the shim cannot. AddressSanitizer
# is told not to insist (verify_asan_link_order=0): the shim only forwards getaddrinfo.
netns_setup
build_shim slowdns
write_conf <<EOF2
profile default {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { default }
}
EOF2
PKTCAP_SLOWDNS_SEC=4 LD_PRELOAD=$TMP/slowdns.so start_pktcapd
grep -q slowdns.so "/proc/$PID/maps" || hard_error "the shim is not loaded"
send_pkts -c 50 -s 200 --payload random
send_pkts -c 7 -s 200 --dst-ip 203.0.113.7 -p udp --payload random
wait_written "$IF_CAP/default" 57

# WHAT: status, three times, each in under 1 s while WHAT waits for its host name.
status_answers() {
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		ctl status > /dev/null || fail "status failed while $1 waited for its host name"
		ms=$((($(date +%s%N) - t0) / 1000000))
		[ "$ms" -lt 1000 ] || fail "status took $ms ms while $1 waited for its host name"
		sleep 0.3
	done
}

# WHAT PCAP ERR: the client $slow (started at $start) is still waiting for its
# lookup, then ends well, after 3.5 s or more, with the 7 packets in PCAP.
slow_done() {
	kill -0 "$slow" 2>/dev/null || fail "$1 naming the slow host ended before its lookup did"
	wait "$slow" || fail "$1 naming the slow host failed: $(cat "$3")"
	took=$((($(date +%s%N) - start) / 1000000))
	[ "$took" -ge 3500 ] || fail "$1: the lookup did not wait ($took ms): the shim is not in the way"
	n=$(tcpdump -nn -r "$2" 2>/dev/null | wc -l)
	[ "$n" = 7 ] || fail "$1 naming the host (once resolved) gave $n packets, not 7: $(cat "$3")"
}

# One client's filter names a host the resolver takes 4 s to answer.
start=$(date +%s%N)
ctl dump "$IF_CAP/default" -w - host 203-0-113-7.slow.invalid > "$TMP/slow.pcap" 2> "$TMP/slow.err" &
slow=$!
sleep 0.5
# Meanwhile another client's status, and a dump without names, answer at once.
status_answers "another client's filter"
t0=$(date +%s%N)
n=$(ctl dump "$IF_CAP/default" -w - host 203.0.113.7 | tcpdump -nn -r - 2>/dev/null | wc -l)
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$n" = 7 ] || fail "a dump without names gave $n packets, not 7"
[ "$ms" -lt 1000 ] || fail "a dump without names took $ms ms while another client's filter waited for its host name"
log "status and a numeric dump answered in under 1 s while a host name was looked up"
slow_done "the dump" "$TMP/slow.pcap" "$TMP/slow.err"

# A case's export with such a filter: compiled off the loop too, for each header it may start with.
ctl preserve "$IF_CAP/default" --since -1h --until now --case DNS-1 > /dev/null || fail "preserve failed"
start=$(date +%s%N)
ctl export --case DNS-1 -o "$TMP/exp" host 203-0-113-7.slow.invalid > "$TMP/exp.out" 2>&1 &
slow=$!
sleep 0.5
status_answers "a case export's filter"
slow_done "the export" "$TMP/exp/capture.pcap" "$TMP/exp.out"
log "status answered in under 1 s while a case export's host name was looked up"
stop_pktcapd
pass "a filter's host lookup runs on the ctl-worker; status answers meanwhile"
