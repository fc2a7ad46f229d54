#!/bin/bash
# ctl-limits.sh: clients that do not read, trickle or stall are bounded in memory and time, and root still gets in
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 setpriv
[ -x /usr/bin/python3 ] || skip "needs /usr/bin/python3"
netns_setup
write_conf <<EOF2
operator-group = users
profile all {
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
sock=$TMP/pktcapd.sock
chmod 755 "$TMP"
gid=$(getent group nogroup | cut -d: -f3)
users=$(getent group users | cut -d: -f3)
reader() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$@"; }
operator() { setpriv --reuid=23457 --regid=23457 --groups="$gid,$users" "$@"; }
# 40 MB stored: every dump below has far more to send than a socket holds.
send_pkts -c 28000 -s 1500 -r 20000
wait_written "$IF_CAP/all" 28000
rss() { proc_status "$PID" VmRSS | awk '{ print int($1 / 1024) }'; }

# The helpers every client script below uses.
cat > "$TMP/cl.py" <<'PY'
import json, socket, struct, sys, time
path = sys.argv[1]

def conn():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)		# blocking: waits for room in the listen backlog
    s.settimeout(5)
    return s

def frame(obj):
    p = json.dumps(obj).encode()
    return b"PK\x01\x01" + struct.pack(">I", len(p)) + p

def reply(s):
    """The first REPLY or END frame's JSON (DATA frames skipped); None on EOF."""
    while True:
        hdr = b""
        while len(hdr) < 8:
            c = s.recv(8 - len(hdr))
            if not c:
                return None
            hdr += c
        n = struct.unpack(">I", hdr[4:])[0]
        body = b""
        while len(body) < n:
            c = s.recv(n - len(body))
            if not c:
                return None
            body += c
        if hdr[3] != 3:
            return json.loads(body)

def first(s):
    """The first frame: a DATA frame means the dump runs."""
    hdr = s.recv(8, socket.MSG_WAITALL)
    if len(hdr) < 8:
        return None
    if hdr[3] == 3:
        return {"ok": True}
    n = struct.unpack(">I", hdr[4:])[0]
    return json.loads(s.recv(n, socket.MSG_WAITALL))
PY

# A dump whose reader takes nothing: closed after 60 s (started now, checked at the end).
# Read late, its stream must then stop short of the END frame.
python3 - "$sock" > "$TMP/stall.out" 2>&1 <<'PY' &
import os, socket, struct, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))
from cl import conn, frame
s = conn()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.sendall(frame({"cmd": "dump"}))
time.sleep(68)
s.settimeout(10)
end = False
while True:
    hdr = s.recv(8, socket.MSG_WAITALL)
    if len(hdr) < 8:
        break
    n = struct.unpack(">I", hdr[4:])[0]
    s.recv(n, socket.MSG_WAITALL)
    end = end or hdr[3] == 4
print("finished: the daemon kept it" if end else "closed by the daemon")
PY
STALL=$!

# 250 clients start a dump and read nothing, twice over: memory stays bounded and is given back.
timeout 60 "$PKTCTL" -S "$sock" dump -w - > /dev/null || fail "a first dump failed"
sleep 0.5
base=$(rss)
# Sanitizers add shadow memory and keep freed blocks: the memory figures are a release build's.
asan=
sanitizer_build && asan=1
for round in 1 2; do
	timeout 60 python3 - "$sock" > "$TMP/hogs.out" <<'PY' &
import os, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))
from cl import conn, frame, first
socks = []
for i in range(250):
    s = conn()
    s.sendall(frame({"cmd": "dump"}))
    socks.append(s)
time.sleep(3)
busy = 0
for s in socks:
    s.settimeout(0.2)
    try:
        r = first(s)
        busy += r is not None and not r.get("ok", True) and "dumps are running" in r["error"]
    except OSError:
        pass
print("busy", busy)
time.sleep(1)
for s in socks:
    s.close()
PY
	hogs=$!
	sleep 2.5
	held=$(rss)
	wait "$hogs" || fail "the non-reading clients failed"
	busy=$(awk '/^busy/ { print $2 }' "$TMP/hogs.out")
	sleep 1
	after=$(rss)
	log "round $round: RSS $base MiB at rest, $held MiB with 250 non-reading dumps ($busy told busy), $after MiB after"
	[ "$busy" -ge 200 ] || fail "only $busy of 250 dumps were refused: the number of dumps is not bounded"
	[ -n "$asan" ] || [ "$held" -le $((base + 128)) ] ||
		fail "250 non-reading dumps took $((held - base)) MiB (bound: 128)"
	if [ -z "$asan" ]; then
		[ "$after" -le $((base + 16)) ] || fail "RSS stayed at $after MiB after the clients left (baseline $base)"
	fi
done

# 256 readers trickle a byte a second: at most 240 get in, and each is closed 10 s after connecting.
# (The system's python: a user's pyenv shim is not for uid 23456.)
reader /usr/bin/python3 - "$sock" > "$TMP/loris.out" 2>&1 <<'PY' &
import os, socket, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))
from cl import conn
socks = [conn() for i in range(256)]
for s in socks:
    s.setblocking(False)
start, alive, data = time.time(), set(range(256)), b'PK\x01\x01\x00\x00\x00\x10{"cmd": "status"}'
for tick in range(16):
    for i in list(alive):
        try:
            socks[i].send(data[tick:tick + 1])
        except BlockingIOError:
            pass
        except OSError:
            alive.discard(i)
            continue
        try:
            if socks[i].recv(4096) == b"":
                alive.discard(i)
        except BlockingIOError:
            pass
        except OSError:
            alive.discard(i)
    print("tick", tick, "alive", len(alive), flush=True)
    time.sleep(1)
PY
LORIS=$!
sleep 4
grep -q "tick 3" "$TMP/loris.out" || fail "the trickling clients did not start: $(cat "$TMP/loris.out")"
out=$(reader "$PKTCTL" -S "$sock" status 2>&1) && fail "a reader got a slot while 256 trickled: $out"
echo "$out" | grep -q "busy" || fail "a reader was not told busy: $out"
ctl status > /dev/null || fail "root was locked out by trickling clients"
operator "$PKTCTL" -S "$sock" status > /dev/null || fail "an operator was locked out by trickling clients"
wait "$LORIS"
log "$(grep "tick 3 " "$TMP/loris.out"); $(tail -1 "$TMP/loris.out")"
[ "$(awk '/tick 3 / { print $4 }' "$TMP/loris.out")" -le 240 ] ||
	fail "more than 240 readers held slots: $(grep "tick 3 " "$TMP/loris.out")"
[ "$(awk '/tick 15 / { print $4 }' "$TMP/loris.out")" = 0 ] ||
	fail "trickling clients outlived the 10 s request deadline: $(tail -1 "$TMP/loris.out")"
grep -q "no whole request within 10 s: closed" "$TMP/pktcapd.log" || fail "the deadline was not logged"
reader "$PKTCTL" -S "$sock" status > /dev/null || fail "a reader was refused after the trickle ended"

wait "$STALL"
log "stalled dump: $(cat "$TMP/stall.out")"
grep -q "closed by the daemon" "$TMP/stall.out" || fail "a dump nobody reads was not closed: $(cat "$TMP/stall.out")"
grep -q "not reading: closed" "$TMP/pktcapd.log" || fail "closing the stalled dump was not logged"
stop_pktcapd
pass
