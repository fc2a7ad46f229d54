#!/bin/bash
# index-identity.sh: an index copied from another file is dropped and rebuilt; changed ends stay damaged; version 1 is rebuilt
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 sha256sum tcpdump
netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 300
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 1200 -s 1000 -r 300
wait_written "$IF_CAP/all" 1200
stop_pktcapd
dir=$(ring_dir "$IF_CAP" all)
set -- $(ring_files "$dir")
[ $# = 4 ] || fail "expected 4 files, found $#: $*"
f1=$1 f2=$2 f3=$3 f4=$4
[ "$(stat -c %s "$dir/$f1")" = "$(stat -c %s "$dir/$f2")" ] || fail "the files differ in size"

# 1. f1's index over f2's: same size, other times, counts and seal.
cp -f "$dir/$f1.idx" "$dir/$f2.idx"
# 2. f3 changed in its last packet, same size: damaged, whatever its index says.
flip_byte "$dir/$f3" $(($(stat -c %s "$dir/$f3") - 10))
# 3. f4's index turned into version 1: the identity record dropped, the version byte 1.
python3 - "$dir/$f4.idx" <<'PY' || hard_error "cannot rewrite the index as version 1"
import struct, sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
recs = [d[i:i + 96] for i in range(64, len(d) - 95, 96)]
assert any(struct.unpack_from("<I", r)[0] == 3 for r in recs), "no identity record"
d[4] = 1
open(p, "wb").write(bytes(d[:64]) + b"".join(r for r in recs if struct.unpack_from("<I", r)[0] != 3))
PY
start_pktcapd
wait_indexer
grep -q "$f2.idx was written for another file" "$TMP/pktcapd.log" || fail "the copied index was not noticed"

ctl list --json "$IF_CAP/all" > "$TMP/list.json"
python3 - "$TMP/list.json" "$dir" "$f2" "$f3" "$f4" <<'PY' || fail "list is wrong"
import hashlib, json, struct, subprocess, sys
files = {f["name"]: f for f in json.load(open(sys.argv[1]))["result"]["files"]}
d, f2, f3, f4 = sys.argv[2:]
def times(name):
    out = subprocess.check_output("tcpdump -tt -nr %s/%s 2>/dev/null" % (d, name), shell=True)
    return [line.split()[0] for line in out.decode().splitlines()]
for name in (f2, f4):
    f, t = files[name], times(name)
    assert f["state"] == "sealed", (name, f["state"])
    assert f["packets"] == len(t), (name, f["packets"], len(t))
    assert f["sha256"] == hashlib.sha256(open("%s/%s" % (d, name), "rb").read()).hexdigest(), name
    assert f["first"].startswith(__import__("time").strftime("%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(float(t[0])))), (name, f["first"], t[0])
    idx = open("%s/%s.idx" % (d, name), "rb").read()
    assert idx[4] == 2, (name, "index version", idx[4])
assert files[f3]["state"] == "damaged", ("changed ends", files[f3]["state"])
print("ok - copied index rebuilt, version 1 rebuilt, changed file damaged")
PY

# A window inside f2 gives f2's packets.
tcpdump -tt -nr "$dir/$f2" 2>/dev/null | awk '{ print $1 }' > "$TMP/times"
since=$(sed -n 100p "$TMP/times") until=$(sed -n 200p "$TMP/times")
want=$(awk -v a="$since" -v b="$until" '$1 >= a && $1 < b' "$TMP/times" | wc -l)
got=$(ctl dump "$IF_CAP/all" --since "@$since" --until "@$until" -w - | tcpdump -nr - 2>/dev/null | wc -l)
[ "$want" -gt 0 ] && [ "$got" = "$want" ] || fail "a window in $f2 gave $got packets, tcpdump says $want"

# verify names f3 and nothing else.
ctl verify "$IF_CAP/all" > "$TMP/verify.out" 2>&1 && fail "verify found nothing: $(cat "$TMP/verify.out")"
grep -q "$f3" "$TMP/verify.out" || fail "verify does not name $f3: $(cat "$TMP/verify.out")"
[ "$(grep -c . "$TMP/verify.out")" = 1 ] || fail "verify has false findings: $(cat "$TMP/verify.out")"
stop_pktcapd
pass "copied index dropped and rebuilt; changed ends damaged; version 1 rebuilt"
