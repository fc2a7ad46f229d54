#!/bin/bash
# capture-stall.sh: a control loop that is stuck does not stop capture: every packet is written
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# The control loop is made to block the way a reload on a hung file system
# would: the configuration becomes a FIFO nobody writes yet, and SIGHUP makes
# the control loop open it. No debug hook in the daemon: open() just waits.
netns_setup
require_cmd mkfifo timeout
write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 100 -s 200
wait_written "$IF_CAP/all" 100

cp "$TMP/pktcapd.conf" "$TMP/real.conf"
rm "$TMP/pktcapd.conf"
mkfifo -m 644 "$TMP/pktcapd.conf"
kill -HUP "$PID"
sleep 0.5
# The control loop is stuck: status gets no answer.
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

# Let the reload go on; the daemon answers again and counts every packet.
cat "$TMP/real.conf" > "$TMP/pktcapd.conf" &
feeder=$!
wait_written "$IF_CAP/all" 3100
dropped=$(ctl status --json | jget 'j["result"]["rings"][0]["dropped_kernel"] + j["result"]["rings"][0]["dropped_queue"]')
[ "$dropped" = 0 ] || fail "$dropped packets dropped"
wait "$feeder"
rm -f "$TMP/pktcapd.conf"
cp "$TMP/real.conf" "$TMP/pktcapd.conf"
stop_pktcapd
pass
