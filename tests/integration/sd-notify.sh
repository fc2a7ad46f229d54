#!/bin/bash
# sd-notify.sh: pktcapd tells systemd READY=1, STATUS=, RELOADING=1, WATCHDOG=1 and STOPPING=1
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2
# A stand-in for systemd's notification socket: records every datagram.
python3 - "$TMP/notify.sock" "$TMP/notify.log" <<'PY' &
import os, socket, sys, time
path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
s.settimeout(0.5)
end = time.time() + 25
with open(out, "w") as f:
    while time.time() < end:
        try:
            data = s.recv(4096)
        except socket.timeout:
            continue
        f.write(data.decode(errors="replace").replace("\n", "|") + "\n")
        f.flush()
        if b"STOPPING=1" in data:
            break
PY
LISTENER=$!
EXTRA_CLEANUP="kill $LISTENER 2>/dev/null"
for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.1; done
[ -S "$TMP/notify.sock" ] || fail "notify listener did not start"

NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=1000000 start_pktcapd
send_pkts -c 20 -r 1000
sleep 6	# the status timer runs every 5 s
kill -HUP "$PID"
sleep 1
stop_pktcapd
wait "$LISTENER"

grep -q "^READY=1|STATUS=capturing 1 ring\b" "$TMP/notify.log" || fail "no READY=1 with STATUS at start: $(head -3 "$TMP/notify.log")"
grep -q "^STATUS=1 ring, 20 packets written, 0 dropped" "$TMP/notify.log" ||
	fail "no periodic STATUS with the packet count: $(grep STATUS "$TMP/notify.log")"
n=$(grep -c "^WATCHDOG=1" "$TMP/notify.log")
[ "$n" -ge 6 ] || fail "only $n WATCHDOG=1 in ~8 s with WatchdogSec=1s"
grep -A1 "^RELOADING=1" "$TMP/notify.log" | grep -q "^READY=1" || fail "no READY=1 after RELOADING=1"
grep -q "STOPPING=1" "$TMP/notify.log" || fail "no STOPPING=1"
order=$(grep -nE "^(READY=1|RELOADING=1|STOPPING=1)" "$TMP/notify.log" | cut -d: -f2 | cut -d'|' -f1 | tr '\n' ' ')
[ "$order" = "READY=1 RELOADING=1 READY=1 STOPPING=1 " ] || fail "wrong order: $order"
pass
