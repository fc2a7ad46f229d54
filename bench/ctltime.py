#!/usr/bin/python3
# ctltime.py: the daemon's answer time for one control request, median of N, without a client process to start
# SPDX-License-Identifier: BSD-2-Clause
"""Usage: ctltime.py SOCKET REQUEST-JSON N [COLD-DIR]

Sends REQUEST-JSON N times, each on a new connection, reads frames until a
REPLY or END (a dump's DATA frames in between) and prints the median wall
time in microseconds. With COLD-DIR, the files there are dropped from the
page cache before each request.
"""
import json, os, socket, struct, sys, time

def cold(d):
    for n in os.listdir(d):
        fd = os.open(os.path.join(d, n), os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)

def read_full(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError("the daemon closed the connection")
        buf += chunk
    return buf

def ask(path, payload):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    t = time.perf_counter()
    s.connect(path)
    s.sendall(b"PK\x01\x01" + struct.pack(">I", len(payload)) + payload)
    while True:
        magic, ver, typ, length = struct.unpack(">2sBBI", read_full(s, 8))
        body = read_full(s, length)
        if typ in (2, 4):	# REPLY, END
            break
    t = time.perf_counter() - t
    s.close()
    if typ == 2 and not json.loads(body).get("ok"):
        raise SystemExit("error: " + body.decode())
    return t

path, req, n = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
times = []
for _ in range(n):
    if len(sys.argv) > 4:
        cold(sys.argv[4])
    times.append(ask(path, req))
times.sort()
print("%.0f" % (times[len(times) // 2] * 1e6))
