#!/usr/bin/env python3
# evcheck.py: the evidence invariants after any failure: no leftover, no orphan link, held bytes and flags as the cases hold
# SPDX-License-Identifier: BSD-2-Clause
import json, os, sys

store, status_file, list_file = sys.argv[1:4]
ev = os.path.join(store, "evidence")
own = {"MANIFEST", "HEAD", "MANIFEST.sig", "SHA256SUMS", "SHA256SUMS.sig"}
errors, holders, total = [], {}, 0
status = json.load(open(status_file))["result"]
files = json.load(open(list_file))["result"]["files"]

for c in sorted(os.listdir(ev)):
    p = os.path.join(ev, c)
    if c.startswith("."):
        errors.append(f"leftover {c} in the evidence directory")
        continue
    names = set(os.listdir(p))
    for n in sorted(names - own):
        if n.endswith(".tmp"):
            errors.append(f"{c}/{n}: leftover temporary file")
            continue
        total += os.stat(os.path.join(p, n)).st_size
        holders.setdefault(n, []).append(c)
    if not os.path.exists(os.path.join(p, "MANIFEST")) or not os.path.getsize(os.path.join(p, "MANIFEST")):
        errors.append(f"{c}: a case directory with no manifest")
        continue
    listed = {l[66:] for l in open(os.path.join(p, "SHA256SUMS")).read().splitlines()}
    if listed | {"SHA256SUMS", "SHA256SUMS.sig"} != names:
        errors.append(f"{c}: SHA256SUMS lists {sorted(listed)}, the directory has {sorted(names)}")
    head = open(os.path.join(p, "HEAD")).read()
    lines = open(os.path.join(p, "MANIFEST"), "rb").read().count(b"\n")
    if f" entries={lines} " not in head:
        errors.append(f"{c}: HEAD says {head.strip()}, MANIFEST has {lines} lines (unsigned lines)")

held = status.get("evidence", {}).get("held_bytes", 0)
if held != total:
    errors.append(f"status holds {held} bytes, the cases hold {total}")
for f in files:
    path = os.path.join(store, *f["ring"].split("/"), f["name"])
    if not os.path.exists(path):
        continue
    want = 1 + len(holders.get(f["name"], []))
    if os.stat(path).st_nlink != want:
        errors.append(f"{f['name']}: {os.stat(path).st_nlink} links, {want - 1} cases hold it (orphan link)")
    if f["preserved"] != (f["name"] in holders):
        errors.append(f"{f['name']}: preserved={f['preserved']} but {len(holders.get(f['name'], []))} cases hold it")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
