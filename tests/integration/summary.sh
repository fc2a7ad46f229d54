#!/bin/bash
# summary.sh: pktctl summary's figures against what was sent and what capinfos reads in the ring's files
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 capinfos
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
# 30 DNS queries from .1 to .2, 12 UDP to port 9999 from .7, 8 TCP to port 443 (with a burst).
send_pkts -c 30 -p udp --dport 53 -s 100 -r 100
send_pkts -c 12 -p udp --dport 9999 --src-ip 198.18.0.7 -s 200 -r 100
send_pkts -c 8 -p tcp --dport 443 -s 80 -r 0
wait_written "$IF_CAP/udp" 42
wait_written "$IF_CAP/tcp" 8
ctl rotate >/dev/null

ctl summary "$IF_CAP/udp" --json > "$TMP/s.json" || fail "summary --json failed"
g() { jget "$1" < "$TMP/s.json"; }
[ "$(g 'j["packets"]')" = 42 ] || fail "packets $(g 'j["packets"]'), expected 42"
[ "$(g 'j["bytes"]')" = $((30 * 100 + 12 * 200)) ] || fail "bytes $(g 'j["bytes"]')"
[ "$(g '[p["packets"] for p in j["protocols"] if p["name"] == "IPv4/UDP"][0]')" = 42 ] ||
	fail "protocols: $(g 'j["protocols"]')"
[ "$(g 'j["link_types"][0]["name"]')" = EN10MB ] || fail "link types: $(g 'j["link_types"]')"
[ "$(g 'j["top_ports_by_packets"][0]["name"]')" = udp/12345 ] ||
	fail "top port by packets: $(g 'j["top_ports_by_packets"]')"
[ "$(g '[p["packets"] for p in j["top_ports_by_packets"] if p["name"] == "udp/53"][0]')" = 30 ] ||
	fail "udp/53: $(g 'j["top_ports_by_packets"]')"
[ "$(g 'j["top_hosts_by_packets"][0]["name"]')" = 198.18.0.2 ] ||
	fail "top host: $(g 'j["top_hosts_by_packets"]')"
# .7 sends fewer packets than .1, but more bytes.
[ "$(g 'j["top_conversations_by_bytes"][0]["name"]')" = "198.18.0.1 <-> 198.18.0.2" ] ||
	fail "top conversation by bytes: $(g 'j["top_conversations_by_bytes"]')"
[ "$(g '[p["bytes"] for p in j["top_hosts_by_bytes"] if p["name"] == "198.18.0.7"][0]')" = 2400 ] ||
	fail "bytes of 198.18.0.7: $(g 'j["top_hosts_by_bytes"]')"
[ "$(g 'j["drops"][0]["ring"]')" = "$IF_CAP/udp" ] || fail "drops: $(g 'j["drops"]')"
[ "$(g 'j["drops"][0]["since_start"]')" = 0 ] || fail "drops since start: $(g 'j["drops"]')"
log "summary of a ring: ok"

# Packets, bytes and duration as capinfos reads the ring's files.
"$PKTCTL" summary --json $(for f in "$(ring_dir "$IF_CAP" udp)"/*.pcap; do echo "-r $f"; done) > "$TMP/r.json" ||
	fail "summary -r failed"
python3 - "$TMP/s.json" "$TMP/r.json" <<'PY' || fail "summary -r and summary of the ring differ"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for k in ("packets", "bytes", "first_packet", "last_packet", "protocols", "top_hosts_by_packets"):
	assert a[k] == b[k], (k, a[k], b[k])
PY
capinfos -c -d -M "$(ring_dir "$IF_CAP" udp)"/*.pcap > "$TMP/capinfos.txt" 2>/dev/null
cap_pkts=$(awk -F: '/Number of packets/ { gsub(/ /, "", $2); s += $2 } END { print s }' "$TMP/capinfos.txt")
cap_bytes=$(awk -F: '/Data size/ { gsub(/[ a-z]/, "", $2); s += $2 } END { print s }' "$TMP/capinfos.txt")
[ "$cap_pkts" = 42 ] && [ "$cap_bytes" = 5400 ] || fail "capinfos reads $cap_pkts packets, $cap_bytes bytes"
log "summary matches capinfos: ok"

# Several rings, merged: both rings' packets; a filter applies.
ctl summary "$IF_CAP" --json > "$TMP/s.json" || fail "summary of an interface failed"
[ "$(g 'j["packets"]')" = 50 ] || fail "an interface's rings: $(g 'j["packets"]') packets, expected 50"
[ "$(g '[p["packets"] for p in j["protocols"] if p["name"] == "IPv4/TCP"][0]')" = 8 ] ||
	fail "tcp in the merged summary: $(g 'j["protocols"]')"
[ "$(g 'len(j["drops"])')" = 2 ] || fail "drops of two rings: $(g 'j["drops"]')"
ctl summary "$IF_CAP/udp" "$IF_CAP/tcp" --json port 443 > "$TMP/s.json" || fail "summary with a filter failed"
[ "$(g 'j["packets"]')" = 8 ] || fail "filter port 443: $(g 'j["packets"]') packets"
# The burst is the peak second.
[ "$(g 'j["peak_packets_per_second"]["value"]')" -ge 8 ] || fail "peak: $(g 'j["peak_packets_per_second"]')"
out=$(ctl summary "$IF_CAP/udp")
for line in "Packets:       42" "Bytes:         5400 on the wire" "Top ports by packets:" "Drops:         $IF_CAP/udp: 0 since pktcapd started"; do
	echo "$out" | grep -qF "$line" || fail "the text summary lacks '$line': $out"
done
log "summary of several rings, text: ok"
pass
