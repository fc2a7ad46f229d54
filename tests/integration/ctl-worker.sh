#!/bin/sh
# ctl-worker.sh: slow requests run on the ctl-worker: status answers meanwhile, replies keep their order
#
# A reload whose filter takes libpcap a second or more to compile (udp and
# 1,000 " or port 1" terms) runs on the thread named ctl-worker: while it
# compiles, status answers at once on the same socket; a client that
# pipelines reload and status gets the two replies in that order; a client
# that hangs up while it waits leaves the daemon serving; SIGHUP's reload
# takes the same path and systemd-style READY follows.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

netns_setup
require_cmd python3

conf() {
	write_conf <<EOF
profile all {
	filter = "$1"
}
interface $IF_CAP {
	profiles = { all }
	promisc = false
}
EOF
}
big() { printf 'udp'; i=0; while [ $i -lt "$1" ]; do printf ' or port 1'; i=$((i + 1)); done; }

conf udp
start_pktcapd
grep -qx ctl-worker /proc/"$PID"/task/*/comm || fail "no thread named ctl-worker"

# 1. status during a slow reload, on other connections.
conf "$(big 1000)"
python3 - "$TMP/pktcapd.sock" > "$TMP/during.out" 2>&1 <<'PY' || fail "status during a reload: $(cat "$TMP/during.out")"
import json, socket, struct, sys, threading, time
path = sys.argv[1]

def call(req):
    p = json.dumps(req).encode()
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(60)
    s.connect(path)
    s.sendall(b"PK\x01\x01" + struct.pack(">I", len(p)) + p)
    hdr = b""
    while len(hdr) < 8:
        hdr += s.recv(8 - len(hdr))
    n = struct.unpack(">I", hdr[4:])[0]
    body = b""
    while len(body) < n:
        body += s.recv(n - len(body))
    s.close()
    return json.loads(body)

done = {}
def reload():
    t = time.monotonic()
    done["reply"] = call({"cmd": "reload"})
    done["s"] = time.monotonic() - t
th = threading.Thread(target=reload)
th.start()
time.sleep(0.2)
worst, n = 0.0, 0
while th.is_alive():
    t = time.monotonic()
    r = call({"cmd": "status"})
    worst = max(worst, time.monotonic() - t)
    n += 1
    assert r["ok"], r
    time.sleep(0.02)
th.join()
print("reload %.2f s, %d status calls meanwhile, slowest %.1f ms" % (done["s"], n, worst * 1000))
assert done["reply"]["ok"], done["reply"]
assert n >= 3, "the reload was too quick to show anything"
assert worst < 0.5, "status waited for the reload"
PY
log "$(cat "$TMP/during.out")"
grep -q 'filter is now "udp or port 1' "$TMP/pktcapd.log" || fail "the new filter is not in place"

# 2. Pipelined on one connection: the reload's reply first, then status's.
conf udp
python3 - "$TMP/pktcapd.sock" > "$TMP/order.out" 2>&1 <<'PY' || fail "pipelined replies: $(cat "$TMP/order.out")"
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(60)
s.connect(sys.argv[1])
frames = b""
for req in ({"cmd": "reload"}, {"cmd": "status"}, {"cmd": "cases"}):
    p = json.dumps(req).encode()
    frames += b"PK\x01\x01" + struct.pack(">I", len(p)) + p
s.sendall(frames)
def read(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        assert c, "closed"
        b += c
    return b
got = []
for _ in range(3):
    n = struct.unpack(">I", read(8)[4:])[0]
    got.append(json.loads(read(n)))
assert all(r["ok"] for r in got), got
assert "restart_needed" in got[0]["result"], got[0]
assert "rings" in got[1]["result"], got[1]
assert "cases" in got[2]["result"], got[2]
print("three replies in order")
PY
grep -q 'filter is now "udp"' "$TMP/pktcapd.log" || fail "the pipelined reload did not apply"

# 3. A client that hangs up while its reload runs: the daemon goes on serving.
conf "$(big 1000)"
python3 - "$TMP/pktcapd.sock" <<'PY'
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
p = json.dumps({"cmd": "reload"}).encode()
s.sendall(b"PK\x01\x01" + struct.pack(">I", len(p)) + p)
s.close()
PY
ctl status > /dev/null || fail "status after a client left during its reload"
for _ in $(seq 100); do
	[ "$(grep -c '^pktcapd: reloaded' "$TMP/pktcapd.log")" -ge 3 ] && break
	sleep 0.1
done
[ "$(grep -c '^pktcapd: reloaded' "$TMP/pktcapd.log")" -ge 3 ] ||
	fail "the abandoned reload did not finish"

# 4. SIGHUP goes the same way: status answers while it compiles.
conf "$(big 1000)"
n0=$(grep -c '^pktcapd: reloaded' "$TMP/pktcapd.log")
kill -HUP "$PID"
ctl status > /dev/null || fail "status during a SIGHUP reload"
for _ in $(seq 150); do
	[ "$(grep -c '^pktcapd: reloaded' "$TMP/pktcapd.log")" -gt "$n0" ] && break
	sleep 0.1
done
[ "$(grep -c '^pktcapd: reloaded' "$TMP/pktcapd.log")" -gt "$n0" ] || fail "SIGHUP did not reload"
stop_pktcapd
pass "$(cat "$TMP/during.out")"
