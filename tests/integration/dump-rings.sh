#!/bin/bash
# dump-rings.sh: dump of several rings (or an interface's rings) merges them by time, as -r does for files
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile udp {
	filter = "udp"
	flush-interval = 200ms
}
profile tcp {
	filter = "tcp"
	flush-interval = 200ms
	compress = gzip
}
interface $IF_CAP {
	profiles = { udp, tcp }
}
EOF2
start_pktcapd
# Interleaved in time: udp, tcp, udp, tcp, ...
for _ in $(seq 10); do
	send_pkts -c 1 -p udp -r 1000
	send_pkts -c 1 -p tcp -r 1000
done
wait_written "$IF_CAP/udp" 10
wait_written "$IF_CAP/tcp" 10
ctl rotate >/dev/null

# The reference: both rings' files, merged by time by tcpdump's reader through -r.
args=
for f in $(ring_dir "$IF_CAP" udp)/*.pcap $(ring_dir "$IF_CAP" tcp)/*.pcap.gz; do
	args="$args -r $f"
done
"$PKTCTL" dump $args > "$TMP/ref.txt" || fail "dump -r of the ring files failed"
[ "$(wc -l < "$TMP/ref.txt")" = 20 ] || fail "the files hold $(wc -l < "$TMP/ref.txt") packets, not 20"

ctl dump "$IF_CAP/udp" "$IF_CAP/tcp" > "$TMP/two.txt" || fail "dump of two rings failed"
cmp -s "$TMP/ref.txt" "$TMP/two.txt" || fail "two rings are not merged by time: $(diff "$TMP/ref.txt" "$TMP/two.txt" | head)"
# Time order holds across the two rings.
sort -c -k1,1 "$TMP/two.txt" || fail "the merged output is not in time order"
ctl dump "$IF_CAP" > "$TMP/iface.txt" || fail "dump of an interface failed"
cmp -s "$TMP/ref.txt" "$TMP/iface.txt" || fail "an interface's rings are not all merged"
# The filter applies to every ring; -w writes the merged stream.
ctl dump "$IF_CAP/udp" "$IF_CAP/tcp" -w "$TMP/m.pcap" tcp || fail "-w of two rings failed"
[ "$(tcpdump -nr "$TMP/m.pcap" 2>/dev/null | wc -l)" = 10 ] || fail "-w with a filter over two rings"
out=$(ctl dump -f "$IF_CAP/udp" "$IF_CAP/tcp" 2>&1) && fail "--follow took two rings"
echo "$out" | grep -q "follow takes one ring" || fail "--follow with two rings: $out"
log "several rings merged by time: ok"
pass
