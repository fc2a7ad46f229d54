#!/bin/bash
# metrics.sh: pktctl metrics read by Prometheus's own text parser; the timer's service writes it atomically
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# Debian's python3-prometheus-client is for the system python.
PY=/usr/bin/python3
"$PY" -c "import prometheus_client.parser" 2>/dev/null || skip "needs python3-prometheus-client"
netns_setup
write_conf <<EOF2
profile dns {
	filter = "udp port 53"
	flush-interval = 200ms
}
profile all {
	flush-interval = 200ms
	compress = gzip
}
interface $IF_CAP {
	profiles = { dns, all }
}
EOF2
start_pktcapd
send_pkts -c 20 -p udp --dport 53 -r 200
send_pkts -c 5 -p tcp -r 100
wait_written "$IF_CAP/dns" 20
wait_written "$IF_CAP/all" 25

# parse FILE: every sample as "name{labels} value", checked by prometheus_client's parser.
parse() {
	"$PY" - "$1" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
assert text.endswith("\n"), "no final newline"
for fam in text_string_to_metric_families(text):
	for s in fam.samples:
		labels = ",".join("%s=%s" % kv for kv in sorted(s.labels.items()))
		print("%s %s{%s} %r" % (fam.type, s.name, labels, s.value))
PY
}
ctl metrics > "$TMP/m.prom" || fail "pktctl metrics failed"
parse "$TMP/m.prom" > "$TMP/m.txt" || fail "Prometheus's parser rejects the output: $(head -20 "$TMP/m.prom")"
val() { awk -v k="$1" '$2 == k { print $3 }' "$TMP/m.txt"; }
L="interface=$IF_CAP,profile=dns,ring=$IF_CAP/dns"
A="interface=$IF_CAP,profile=all,ring=$IF_CAP/all"
[ "$(val "pktcap_up{}")" = 1.0 ] || fail "pktcap_up is not 1"
[ "$(val "pktcap_packets_written_total{$L}")" = 20.0 ] ||
	fail "dns written: $(val "pktcap_packets_written_total{$L}")"
[ "$(val "pktcap_packets_captured_total{$A}")" = 25.0 ] ||
	fail "all captured: $(val "pktcap_packets_captured_total{$A}")"
[ "$(val "pktcap_dropped_packets_total{interface=$IF_CAP,profile=dns,reason=kernel,ring=$IF_CAP/dns}")" = 0.0 ] || fail "no kernel drop sample"
[ "$(val "pktcap_capture_state{$L,state=capturing}")" = 1.0 ] || fail "dns is not shown capturing"
[ "$(val "pktcap_capture_state{$L,state=waiting}")" = 0.0 ] || fail "dns is shown waiting"
grep -q "^counter pktcap_packets_written_total{$L}" "$TMP/m.txt" || fail "written is not a counter"
grep -q "^gauge pktcap_filesystem_free_bytes{$L}" "$TMP/m.txt" || fail "no free disk gauge"
grep -q "^gauge pktcap_build_info{version=[0-9.]*}" "$TMP/m.txt" || fail "no version"
# The write queue's high water: a gauge with its HELP, the status's figure.
grep -q "^gauge pktcap_write_queue_high_water_bytes{$L}" "$TMP/m.txt" || fail "no write queue high water gauge"
grep -q "^# HELP pktcap_write_queue_high_water_bytes " "$TMP/m.prom" || fail "the write queue high water has no HELP"
hwb=$(ring_field "$IF_CAP/dns" queue_high_water_bytes)
[ "$(val "pktcap_write_queue_high_water_bytes{$L}")" = "$hwb.0" ] ||
	fail "write queue high water $(val "pktcap_write_queue_high_water_bytes{$L}"), status says $hwb"
age=$(val "pktcap_oldest_packet_age_seconds{$L}")
"$PY" -c "import sys; sys.exit(not (0 < $age < 60))" || fail "oldest packet age $age"
grep -qx "# HELP pktcap_captured_bytes_total Bytes captured, counted as uncompressed pcap (packet data with record and file headers) before any compression, since the ring was created." "$TMP/m.prom" ||
	fail "captured bytes' HELP: $(grep "HELP pktcap_captured_bytes" "$TMP/m.prom")"
# The oldest packet's time stamp: the status's oldest_packet, and age = now - it.
ts=$(val "pktcap_oldest_packet_timestamp_seconds{$L}")
grep -q "^gauge pktcap_oldest_packet_timestamp_seconds{$L}" "$TMP/m.txt" || fail "oldest time stamp is not a gauge"
oldest=$(ring_field "$IF_CAP/dns" oldest_packet)
"$PY" - "$ts" "$oldest" "$age" <<'PY' || fail "oldest packet time stamp $ts, status says $oldest (age $age)"
import sys, time, datetime
ts, oldest, age = float(sys.argv[1]), sys.argv[2], float(sys.argv[3])
want = datetime.datetime.strptime(oldest[:26], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()
assert abs(ts - want) < 1e-5, (ts, want)
assert abs(time.time() - ts - age) < 30, (ts, age)
PY
if command -v promtool >/dev/null; then
	promtool check metrics < "$TMP/m.prom" || fail "promtool check metrics"
fi
log "metrics parse, and match what was sent: ok"

# Counters go on across a restart (from pktcapd.totals), as Prometheus needs.
stop_pktcapd
start_pktcapd
send_pkts -c 4 -p udp --dport 53 -r 200
wait_written "$IF_CAP/dns" 4
ctl metrics > "$TMP/m.prom" && parse "$TMP/m.prom" > "$TMP/m.txt" || fail "metrics after a restart"
[ "$(val "pktcap_packets_written_total{$L}")" = 24.0 ] ||
	fail "after a restart dns written is $(val "pktcap_packets_written_total{$L}"), not 24"
log "counters survive a restart: ok"

# The timer's service, as systemd runs it ($$ is systemd's escape for $).
unit=$top_builddir/systemd/pktcapd-metrics.service
[ -f "$unit" ] || make -C "$top_builddir" systemd/pktcapd-metrics.service >/dev/null
cmd=$(sed -n "s/^ExecStart=\/bin\/sh -c '\(.*\)'$/\1/p" "$unit" | sed 's/\$\$/$/g' |
	sed "s|[^ ]*/pktctl |$PKTCTL |")
[ -n "$cmd" ] || fail "no ExecStart in $unit"
mkdir -p "$TMP/textfile"
TEXTFILE_DIR=$TMP/textfile PKTCTL_OPTS="-S $TMP/pktcapd.sock" sh -c "$cmd" || fail "the service's command failed"
[ "$(ls -A "$TMP/textfile")" = pktcap.prom ] || fail "the textfile directory holds: $(ls -A "$TMP/textfile")"
[ "$(stat -c %a "$TMP/textfile/pktcap.prom")" = 644 ] || fail "pktcap.prom is not world-readable"
parse "$TMP/textfile/pktcap.prom" | grep -q "pktcap_packets_written_total{$L} 24.0" ||
	fail "the written file is not the metrics"
stop_pktcapd
# Without a daemon it still writes a valid file that says so.
TEXTFILE_DIR=$TMP/textfile PKTCTL_OPTS="-S $TMP/pktcapd.sock" sh -c "$cmd" 2>/dev/null ||
	fail "the service's command failed without a daemon"
parse "$TMP/textfile/pktcap.prom" | grep -qx "gauge pktcap_up{} 0.0" || fail "no pktcap_up 0 without a daemon"
log "the service writes pktcap.prom atomically: ok"
pass
