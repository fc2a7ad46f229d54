#!/bin/bash
# capture-profiles.sh: two profiles on one interface each store exactly the packets their filter selects
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile dns {
	filter = "udp port 5353"
}
profile web {
	filter = "tcp"
}
interface $IF_CAP {
	profiles = { dns, web }
}
EOF2
start_pktcapd
send_pkts -c 300 -p udp --dport 5353 -r 5000
send_pkts -c 200 -p tcp --dport 80 -r 5000
send_pkts -c 100 -p udp --dport 9999 -r 5000
stop_pktcapd

dns=$(ring_dir "$IF_CAP" dns)
web=$(ring_dir "$IF_CAP" web)
n=$(count_ring "$dns")
[ "$n" = 300 ] || fail "dns ring holds $n packets, expected 300"
n=$(count_ring_filter "$dns" udp port 5353)
[ "$n" = 300 ] || fail "dns ring holds $n udp/5353 packets, expected 300"
n=$(count_ring "$web")
[ "$n" = 200 ] || fail "web ring holds $n packets, expected 200"
n=$(count_ring_filter "$web" tcp dst port 80)
[ "$n" = 200 ] || fail "web ring holds $n tcp/80 packets, expected 200"
grep -q "ring $IF_CAP/dns: 300 packets captured, 300 written, 0 dropped by kernel" "$TMP/pktcapd.log" ||
	fail "shutdown report for dns is wrong"
ls "$dns"/*.pcap | grep -Eq "/$IF_CAP-dns-[0-9]{8}T[0-9]{6}Z-000001\.pcap$" ||
	fail "file name does not follow IFACE-PROFILE-TIME-SEQ.pcap: $(ls "$dns")"
pass
