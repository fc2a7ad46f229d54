#!/usr/bin/python3
# hostile.py: read-group (and a few operator) clients that push pktcapd's control loop as hard as they can, timing status
# SPDX-License-Identifier: BSD-2-Clause
"""Usage: hostile.py SOCKET --seconds S --status-clients N --ring RING --case CASE
                    --late NS --window SINCE_NS UNTIL_NS [--pause MS] [--reload] [--json FILE]

For S seconds, every client in its own process (one Python process cannot
time a request fairly while 20 threads share its lock):
  - N clients send `status` in a loop, each call on a new connection, and
    record every call's time (connect, request, reply);
  - two clients export the case from a late `since` (dump with "case"),
    again and again, reading the stream as fast as it comes;
  - one client dumps the whole ring (what `pktctl dump RING host X` asks the
    daemon for: the filter runs in pktctl), again and again;
  - one client lists every file as `pktctl list --all` does (pages of 1000);
  - one client verifies the case and polls the job until it is done, again;
  - one client preserves the window into a new case, once, after 1 s;
  - with --reload, one client asks for a reload (the test wrote the config)
    after 2 s and waits for the answer.
Prints the status latency distribution (ms) and what each client achieved,
and with --json writes it all to FILE.
"""
import argparse
import json
import multiprocessing as mp
import os
import socket
import struct
import time

REPLY, END = 2, 4


def read_full(s, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = s.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError("the daemon closed the connection")
        buf += chunk
    return bytes(buf)


def call(path, req, timeout=300.0):
    """One request on a new connection: (seconds, reply object, stream bytes)."""
    payload = json.dumps(req).encode()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    t = time.perf_counter()
    try:
        s.connect(path)
        s.sendall(b"PK\x01\x01" + struct.pack(">I", len(payload)) + payload)
        data = 0
        while True:
            _, _, typ, length = struct.unpack(">2sBBI", read_full(s, 8))
            body = read_full(s, length)
            if typ in (REPLY, END):
                return time.perf_counter() - t, json.loads(body), data
            data += length
    finally:
        s.close()


def until(deadline):
    return time.monotonic() < deadline


def status_loop(path, deadline, pause, out):
    times, errors = [], 0
    while until(deadline):
        try:
            t, rep, _ = call(path, {"cmd": "status"}, 10.0)
            times.append(t)
            if not rep.get("ok"):
                errors += 1
        except (OSError, EOFError):
            errors += 1
        if pause:
            time.sleep(pause)
    out.put(("status", {"times": times, "errors": errors}))


def stream_loop(name, path, req, deadline, out):
    runs, data, errors, longest = 0, 0, [], 0.0
    while until(deadline):
        try:
            t, rep, n = call(path, req)
            longest = max(longest, t)
            data += n
            if rep.get("ok") is False:
                errors.append(rep.get("error"))
            runs += 1
        except (OSError, EOFError) as e:
            errors.append(str(e))
    out.put((name, {"runs": runs, "bytes": data, "errors": errors[:3],
                    "longest_s": round(longest, 3)}))


def list_loop(path, ring, deadline, out):
    runs, files, errors = 0, 0, []
    while until(deadline):
        req = {"cmd": "list", "ring": ring, "limit": 1000}
        try:
            while True:
                _, rep, _ = call(path, req)
                if not rep.get("ok"):
                    errors.append(rep.get("error"))
                    break
                res = rep["result"]
                files += len(res["files"])
                if "next" not in res:
                    break
                req = {"cmd": "list", "ring": ring, "limit": 1000,
                       "from_ring": res["next"]["ring"], "from": res["next"]["from"]}
            runs += 1
        except (OSError, EOFError) as e:
            errors.append(str(e))
    out.put(("list --all", {"runs": runs, "files": files, "errors": errors[:3]}))


def verify_loop(path, case, deadline, out):
    runs, findings, errors = 0, 0, []
    while until(deadline):
        try:
            _, rep, _ = call(path, {"cmd": "verify", "case": case})
            if not rep.get("ok"):
                errors.append(rep.get("error"))
                time.sleep(0.2)
                continue
            job = rep["result"]["job"]
            while True:
                time.sleep(0.1)
                _, rep, _ = call(path, {"cmd": "verify", "job": job})
                if not rep.get("ok") or rep["result"].get("done"):
                    break
            if rep.get("ok"):
                runs += 1
                findings += len(rep["result"].get("findings", []))
            else:
                errors.append(rep.get("error"))
        except (OSError, EOFError) as e:
            errors.append(str(e))
    out.put(("verify", {"runs": runs, "findings": findings, "errors": errors[:3]}))


def once(name, path, req, delay, out):
    time.sleep(delay)
    try:
        t, rep, _ = call(path, req)
        out.put((name, {"seconds": round(t, 3), "ok": rep.get("ok"),
                        "error": rep.get("error")}))
    except (OSError, EOFError) as e:
        out.put((name, {"ok": False, "error": str(e)}))


def pct(sorted_ms, p):
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, int(p / 100.0 * len(sorted_ms)))]


def hostile_clients(a, deadline, export, out):
    procs = [mp.Process(name="export %d" % i, target=stream_loop,
                        args=("export --case --since late #%d" % i, a.socket, export, deadline,
                              out))
             for i in (1, 2)]
    procs.append(mp.Process(name="dump", target=stream_loop,
                            args=("dump whole ring", a.socket, {"cmd": "dump", "ring": a.ring},
                                  deadline, out)))
    procs.append(mp.Process(name="list", target=list_loop, args=(a.socket, a.ring, deadline, out)))
    procs.append(mp.Process(name="verify", target=verify_loop,
                            args=(a.socket, a.case, deadline, out)))
    procs.append(mp.Process(name="preserve", target=once,
                            args=("preserve", a.socket,
                                  {"cmd": "preserve", "ring": a.ring, "case": a.case + "-new",
                                   "since": a.window[0], "until": a.window[1],
                                   "note": "hostile.py"}, 1.0, out)))
    if a.reload:
        procs.append(mp.Process(name="reload", target=once,
                                args=("reload", a.socket, {"cmd": "reload"}, 2.0, out)))
    if a.only:
        procs = [p for p in procs if p.name.split()[0] in a.only]
    return procs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("socket")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--status-clients", type=int, default=20)
    ap.add_argument("--pause", type=float, default=0, help="ms between status calls")
    ap.add_argument("--ring", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--late", type=int, required=True, help="export since (ns)")
    ap.add_argument("--window", type=int, nargs=2, required=True, help="preserve since until (ns)")
    ap.add_argument("--reload", action="store_true")
    ap.add_argument("--status-only", action="store_true",
                    help="no other client: the baseline the hostile run is compared with")
    ap.add_argument("--only", action="append", default=[],
                    choices=["export", "dump", "list", "verify", "preserve", "reload"],
                    help="run only these of the other clients (repeatable): to find who costs")
    ap.add_argument("--json")
    ap.add_argument("--nice", type=int, default=0,
                    help="run every client at this nice value: on a small machine the clients"
                         " would otherwise take the CPU the daemon needs to answer them")
    a = ap.parse_args()

    deadline = time.monotonic() + a.seconds
    out = mp.Queue()
    procs = [mp.Process(target=status_loop, args=(a.socket, deadline, a.pause / 1000.0, out))
             for _ in range(a.status_clients)]
    export = {"cmd": "dump", "case": a.case, "since": a.late}
    if a.status_only:
        a.reload = False
        others = []
    else:
        others = hostile_clients(a, deadline, export, out)
    procs += others
    os.nice(a.nice)
    for p in procs:
        p.start()
    results = {}
    times = []
    status_errors = 0
    for _ in procs:
        name, r = out.get()
        if name == "status":
            times += r["times"]
            status_errors += r["errors"]
        else:
            results[name] = r
    for p in procs:
        p.join()
    ms = sorted(t * 1000.0 for t in times)
    dist = {"calls": len(ms), "errors": status_errors, "min": pct(ms, 0), "median": pct(ms, 50),
            "p99": pct(ms, 99), "max": ms[-1] if ms else float("nan")}
    print("status: %d calls from %d clients, %d errors; ms min %.2f median %.2f p99 %.2f max %.2f"
          % (dist["calls"], a.status_clients, status_errors, dist["min"], dist["median"],
             dist["p99"], dist["max"]))
    for name in sorted(results):
        print("%s: %s" % (name, json.dumps(results[name])))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"status": dist, "clients": results}, f)


if __name__ == "__main__":
    main()
