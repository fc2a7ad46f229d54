#!/bin/bash
# ctl-robust.sh: malformed, truncated, oversized and stuck clients get errors and never cost a packet
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd

# Capture runs at a steady rate while clients misbehave and 50 behave.
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 20000 -r 4000 -d 20 > "$TMP/gen.out" &
GEN=$!

python3 - "$TMP/pktcapd.sock" <<'PY' || fail "a malformed request was not answered with an error"
import json, socket, struct, sys, time
path = sys.argv[1]

def conn():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(path)
    return s

def frame(payload, ver=1, typ=1, magic=b"PK", length=None):
    n = len(payload) if length is None else length
    return magic + bytes([ver, typ]) + struct.pack(">I", n) + payload

def reply(s):
    hdr = b""
    while len(hdr) < 8:
        chunk = s.recv(8 - len(hdr))
        if not chunk:
            return None
        hdr += chunk
    n = struct.unpack(">I", hdr[4:])[0]
    body = b""
    while len(body) < n:
        body += s.recv(n - len(body))
    return json.loads(body)

def expect_error(data, what, closes):
    s = conn()
    s.sendall(data)
    r = reply(s)
    assert r is not None and r["ok"] is False and r["error"], (what, r)
    if closes:
        s.settimeout(2)
        assert s.recv(1) == b"", what + ": connection not closed"
    print("ok -", what, "->", r["error"])
    s.close()

expect_error(frame(b"not json"), "invalid JSON", False)
expect_error(frame(b"[1,2]"), "JSON array", False)
expect_error(frame(b'{"cmd": 5}'), "cmd not a string", False)
expect_error(frame(b'{"cmd": "explode"}'), "unknown command", False)
expect_error(frame(b'{"cmd": "status", "extra": 1}'), "unknown argument", False)
expect_error(frame(b'{"cmd": "status", "cmd": "list"}'), "duplicate key", False)
expect_error(frame(b'{"cmd": "status", "ring": "' + b'x' * 300 + b'"}'), "ring too long", False)
expect_error(frame(b"{}", magic=b"XX"), "bad magic", True)
expect_error(frame(b"{}", ver=9), "bad version", True)
expect_error(frame(b"{}", typ=7), "bad type", True)
expect_error(frame(b"{}", typ=2), "reply frame from a client", True)
expect_error(frame(b"", length=100 * 1024 * 1024), "oversized length", True)

# The error leaves the connection usable for a good request.
s = conn()
s.sendall(frame(b"nope") + frame(b'{"cmd": "status"}'))
assert reply(s)["ok"] is False and reply(s)["ok"] is True
print("ok - good request after a bad one on the same connection")
s.close()

# An error quoting a multibyte name is cut on a character boundary, and still sent.
s = conn()
s.sendall(frame(('{"cmd": "x' + "\u00e9" * 40 + '"}').encode()) + frame(b'{"cmd": "status"}'))
r = reply(s)
assert r is not None and r["ok"] is False and "unknown command" in r["error"], r
assert reply(s)["ok"] is True
print("ok - a multibyte command's error is sent, and the next request answered")
s.close()

# Truncated: half a header, then silence; and a header promising more than comes.
stuck = [conn(), conn()]
stuck[0].sendall(b"PK\x01")
stuck[1].sendall(frame(b'{"cmd": "sta', length=100))
# A client that never reads: pipeline many requests and do not read the replies.
hog = conn()
for _ in range(2000):
    try:
        hog.sendall(frame(b'{"cmd": "status"}'))
    except (BlockingIOError, socket.timeout, BrokenPipeError, ConnectionResetError):
        break
# Meanwhile others are served promptly.
t = time.time()
s = conn()
s.sendall(frame(b'{"cmd": "status"}'))
assert reply(s)["ok"] is True
assert time.time() - t < 2, "a stuck client delayed others"
print("ok - served while three clients are stuck")
PY

# 50 clients at once, each asking 10 times.
pids=
for i in $(seq 50); do
	( for _ in $(seq 10); do ctl status >/dev/null || exit 1; done ) &
	pids="$pids $!"
done
bad=0
for p in $pids; do wait "$p" || bad=$((bad + 1)); done
[ "$bad" = 0 ] || fail "$bad of 50 concurrent clients failed"

wait "$GEN"
sent=$(sed -n 's/^sent \([0-9]*\) packets.*/\1/p' "$TMP/gen.out")
log "$(cat "$TMP/gen.out")"
stop_pktcapd
n=$(count_ring "$(ring_dir "$IF_CAP" all)")
[ "$n" = "$sent" ] || fail "stored $n of $sent packets while clients misbehaved"
kill -0 "$PID" 2>/dev/null && fail "daemon still running"
pass "$n packets, none lost"
