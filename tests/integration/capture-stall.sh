#!/bin/bash
# capture-stall.sh: a control loop that is stuck does not stop capture: every packet is written
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# The control loop is made to block the way a stuck log reader (a full pipe,
# a journald that does not read) would block it: the daemon's output goes
# through a one-page pipe whose reader the test stops, and a few requests
# fill it with the loop's own debug lines. No debug hook in the daemon: its
# write() just waits. Capture and the writer log nothing meanwhile (no
# rotation), so only the control loop is stuck.
netns_setup
require_cmd mkfifo timeout python3
write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
: > "$TMP/pktcapd.log"
mkfifo "$TMP/log.fifo"
python3 - "$TMP/log.fifo" "$TMP/pktcapd.log" <<'PY' &
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.fcntl(fd, 1031, 4096)	# F_SETPIPE_SZ: one page, quick to fill
out = os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND)
while True:
    b = os.read(fd, 65536)
    if not b:
        break
    os.write(out, b)
PY
reader=$!
EXTRA_CLEANUP='kill -CONT $reader 2>/dev/null; kill $reader 2>/dev/null'
# As start_pktcapd does, but into the pipe (and with the sanitizer options it sets).
ASAN_OPTIONS=${PKTCAP_DAEMON_ASAN_OPTIONS:-${ASAN_OPTIONS:-}} \
	ip netns exec "$NS_CAP" "$PKTCAPD" -n -f "$TMP/pktcapd.conf" > "$TMP/log.fifo" 2>&1 &
PID=$!
for _ in $(seq 100); do
	grep -q "capturing [0-9]* rings\?" "$TMP/pktcapd.log" && break
	sleep 0.1
done
grep -q "capturing [0-9]* rings\?" "$TMP/pktcapd.log" || fail "pktcapd did not start"
send_pkts -c 100 -s 200
wait_written "$IF_CAP/all" 100

kill -STOP "$reader"
# Each request logs a few debug lines on the control loop; the pipe fills and the loop stops.
blocked=
for _ in $(seq 400); do
	if ! timeout 1 "$PKTCTL" -S "$TMP/pktcapd.sock" status >/dev/null 2>&1; then
		blocked=1
		break
	fi
done
[ -n "$blocked" ] || fail "status kept answering: the control loop never blocked, the test proves nothing"
timeout 2 "$PKTCTL" -S "$TMP/pktcapd.sock" status >/dev/null 2>&1 &&
	fail "status answered: the control loop is not blocked, the test proves nothing"

send_pkts -c 3000 -s 200 -r 2000
# Written to the ring's files while the control loop is still stuck.
got=0
for _ in $(seq 50); do
	got=$(count_ring "$(ring_dir "$IF_CAP" all)")
	[ "$got" = 3100 ] && break
	sleep 0.1
done
[ "$got" = 3100 ] || fail "with the control loop stuck, the files hold $got packets, not 3100"
timeout 2 "$PKTCTL" -S "$TMP/pktcapd.sock" status >/dev/null 2>&1 &&
	fail "status answered: the control loop was not blocked throughout"

# The reader goes on; the daemon answers again and counts every packet.
kill -CONT "$reader"
wait_written "$IF_CAP/all" 3100
dropped=$(ctl status --json | jget 'j["result"]["rings"][0]["dropped_kernel"] + j["result"]["rings"][0]["dropped_queue"]')
[ "$dropped" = 0 ] || fail "$dropped packets dropped"
stop_pktcapd
wait "$reader"
pass
