#!/bin/bash
# gzip.sh: compress = gzip writes .pcap.gz files that zcat | tcpdump and tshark read whole, smaller than plain pcap
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
require_cmd zcat gzip tshark
# The same traffic into a compressed and a plain ring, to compare sizes.
write_conf <<EOF2
profile gz {
	compress = gzip
}
profile plain {
	compress = none
}
interface $IF_CAP {
	profiles = { gz, plain }
}
EOF2
start_pktcapd
# Text payloads (pktgen's default) compress well.
send_pkts -c 500 -s 1000 -r 5000
stop_pktcapd

gz=$(ring_dir "$IF_CAP" gz)
plain=$(ring_dir "$IF_CAP" plain)
[ "$(ls "$gz"/*.pcap.gz | wc -l)" = 1 ] || fail "expected one file in the gzip ring: $(ls "$gz")"
f=$(ls "$gz"/*.pcap.gz)
case "$f" in
*.pcap.gz) ;;
*) fail "the gzip ring's file does not end in .pcap.gz: $(basename "$f")" ;;
esac
# A cleanly closed file has the gzip trailer, so the stream checks out whole.
gzip -t "$f" 2>"$TMP/gzip.err" || fail "gzip -t $f: $(cat "$TMP/gzip.err")"
n=$(count_file "$f")
[ "$n" = 500 ] || fail "zcat | tcpdump reads $n packets, expected 500"
# tshark warns on stderr when run as root; its exit status tells a read error.
tshark -n -r "$f" > "$TMP/tshark.out" 2>/dev/null || fail "tshark cannot read $f"
n=$(wc -l < "$TMP/tshark.out")
[ "$n" = 500 ] || fail "tshark reads $n packets, expected 500"
# The packets survive: the same bytes as the plain ring stored (each ring
# timestamps its own copy, so the times may differ slightly).
cmp -s <(zcat "$f" | tcpdump -t -nr - -x 2>/dev/null) <(tcpdump -t -nr "$plain"/*.pcap -x 2>/dev/null) ||
	fail "the gzip and plain rings hold different packets"

zsize=$(stat -c %s "$f")
psize=$(stat -c %s "$plain"/*.pcap)
log "gzip $zsize bytes, plain $psize bytes"
[ "$zsize" -lt "$psize" ] || fail "the gzip file ($zsize bytes) is not smaller than plain pcap ($psize bytes)"
pass
