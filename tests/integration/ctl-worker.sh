#!/bin/sh
# ctl-worker.sh: slow requests run on the ctl-worker: status answers meanwhile, replies keep their order
# SPDX-License-Identifier: BSD-2-Clause
#
# A preserve of a window of 4,000 old files (links, manifest lines and
# syncs) runs on the thread named ctl-worker: while it works, status
# answers on the same socket without waiting for it. A client that
# pipelines reload, status and cases gets the replies in that order; a
# client that hangs up while its request is on the worker leaves the daemon
# serving and the request done; SIGHUP's reload takes the same path.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

netns_setup
require_cmd python3
DAY=1795600000
ALL=$(ring_dir "$IF_CAP" all)
mkdir -p "$ALL"
python3 "$top_srcdir/bench/mkscale.py" "$ALL" "$IF_CAP-all" $((16 * 1048576)) 8000 "$DAY" >/dev/null ||
	hard_error "mkscale.py"
chown -R nobody:nogroup "$TMP/store"

conf() {
	write_conf <<EOF
profile all {
	filter = "$1"
	keep-files = 100000
	keep-bytes = 100G
	keep-age = 3650d
}
interface $IF_CAP {
	profiles = { all }
	promisc = false
}
EOF
}
terms() { printf 'udp'; i=0; while [ $i -lt "$1" ]; do printf ' or port 1'; i=$((i + 1)); done; }

conf udp
start_pktcapd
wait_indexer
grep -qx ctl-worker /proc/"$PID"/task/*/comm || fail "no thread named ctl-worker"

# 1. status during a slow request, on other connections: the first half of the day.
python3 - "$TMP/pktcapd.sock" "$IF_CAP/all" "$DAY" > "$TMP/during.out" 2>&1 <<'PY' || fail "status during a preserve: $(cat "$TMP/during.out")"
import json, socket, struct, sys, threading, time
path, ring, day = sys.argv[1], sys.argv[2], int(sys.argv[3])

def call(req):
    p = json.dumps(req).encode()
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(120)
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
def slow():
    t = time.monotonic()
    done["reply"] = call({"cmd": "preserve", "ring": ring, "case": "slow", "since": day * 10**9,
                          "until": (day + 43200) * 10**9, "note": "ctl-worker.sh"})
    done["s"] = time.monotonic() - t
th = threading.Thread(target=slow)
th.start()
time.sleep(0.05)
times = []
while th.is_alive():
    t = time.monotonic()
    r = call({"cmd": "status"})
    times.append(time.monotonic() - t)
    assert r["ok"], r
    time.sleep(0.02)
th.join()
times.sort()
print("preserve %.2f s, %d status calls meanwhile, median %.1f ms, slowest %.1f ms" % (
    done["s"], len(times), times[len(times) // 2] * 1000 if times else 0,
    times[-1] * 1000 if times else 0))
assert done["reply"]["ok"], done["reply"]
assert len(times) >= 3, "the preserve was too quick to show anything"
assert times[-1] < done["s"] / 2, "status waited for the preserve"
PY
log "$(cat "$TMP/during.out")"

# 2. Pipelined on one connection: the reload's reply first, then status's, then cases'.
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

# 3. A client that hangs up while its preserve runs: the daemon goes on serving, the case is made.
python3 - "$TMP/pktcapd.sock" "$IF_CAP/all" "$DAY" <<'PY'
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
day = int(sys.argv[3])
p = json.dumps({"cmd": "preserve", "ring": sys.argv[2], "case": "left", "note": "gone",
                "since": (day + 43200) * 10**9, "until": (day + 86400) * 10**9}).encode()
s.sendall(b"PK\x01\x01" + struct.pack(">I", len(p)) + p)
s.close()
PY
ctl status > /dev/null || fail "status after a client left during its preserve"
for _ in $(seq 300); do
	ctl cases 2>/dev/null | grep -q 'left' && break
	sleep 0.1
done
ctl cases | grep -q 'left' || fail "the abandoned preserve did not finish: $(ctl cases 2>&1)"

# 4. SIGHUP goes the same way and the filter changes.
conf "$(terms 100)"
kill -HUP "$PID"
ctl status > /dev/null || fail "status during a SIGHUP reload"
for _ in $(seq 100); do
	grep -q 'filter is now "udp or port 1' "$TMP/pktcapd.log" && break
	sleep 0.1
done
grep -q 'filter is now "udp or port 1' "$TMP/pktcapd.log" || fail "SIGHUP did not reload"
stop_pktcapd
pass "$(cat "$TMP/during.out")"
