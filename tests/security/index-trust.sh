#!/bin/bash
# index-trust.sh: seek points that cannot be true (past the end, inside a record, a bad header) are not followed: dumps scan and the index is rebuilt
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile plain {
	rotate-size = 4M
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { plain }
}
EOF2
start_pktcapd
send_pkts -c 10000 -s 1000 -r 10000
wait_written "$IF_CAP/plain" 10000
stop_pktcapd
dir=$(ring_dir "$IF_CAP" plain)
f=$(ring_files "$dir" | sed -n 1p)

# forge KIND: rewrites the seek point a dump of the window starts at (or the
# index's header), with a valid CRC.
forge() {
	chmod 640 "$dir/$f.idx"
	python3 - "$dir/$f.idx" "$1" "$(stat -c %s "$dir/$f")" "$since" <<'PY'
import struct, sys, zlib
path, kind, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
since = int(round(float(sys.argv[4]) * 1e6)) * 1000
d = bytearray(open(path, "rb").read())
if kind == "magic":
    d[0:4] = b"XXXX"
else:
    rec = None
    for r in range(64, len(d) - 95, 96):
        if struct.unpack_from("<I", d, r)[0] == 1 and struct.unpack_from("<q", d, r + 8)[0] <= since:
            rec = r
    assert rec and rec > 64, "no point inside the file before the window"
    off = struct.unpack_from("<Q", d, rec + 16)[0]
    new = {"past-eof": size + 4096, "in-record": off + 7, "one": 1}[kind]
    struct.pack_into("<QQ", d, rec + 16, new, new)
    struct.pack_into("<I", d, rec + 4, zlib.crc32(bytes(d[rec + 8:rec + 96])))
open(path, "wb").write(d)
PY
}

# The window: 10 ms from three quarters into the file, counted by tcpdump.
tcpdump -tt -nr "$dir/$f" 2>/dev/null | awk '{ print $1 }' > "$TMP/times"
n=$(wc -l < "$TMP/times")
since=$(sed -n "$((n * 3 / 4))p" "$TMP/times")
until=$(awk "BEGIN { printf \"%.6f\", $since + 0.01 }")
want=$(awk -v a="$since" -v b="$until" '$1 >= a && $1 < b' "$TMP/times" | wc -l)
[ "$want" -gt 10 ] || hard_error "window too small ($want packets)"
cp "$dir/$f.idx" "$TMP/good.idx"

for kind in past-eof in-record one magic; do
	cp "$TMP/good.idx" "$dir/$f.idx"
	forge "$kind"
	start_pktcapd
	got=$(timeout 20 "$PKTCTL" -S "$TMP/pktcapd.sock" dump "$IF_CAP/plain" --since "@$since" --until "@$until" -w - |
		tcpdump -nr - 2>/dev/null | wc -l)
	[ "$got" = "$want" ] || fail "$kind: the window gave $got packets, tcpdump says $want"
	wait_indexer
	# Whatever was forged, the file is read whole again and gets a sound index with its seal.
	state=$(ctl list --json "$IF_CAP/plain" | jget "[f['state'] for f in j['result']['files'] if f['name'] == '$f'][0]")
	[ "$state" = sealed ] || fail "$kind: $f is $state after the forged index"
	cmp -s "$dir/$f.idx" "$TMP/good.idx" && [ "$kind" != magic ] && [ "$kind" != one ] &&
		! grep -q "cannot be true\|no record starts" "$TMP/pktcapd.log" &&
		fail "$kind: the forged point was neither refused nor the index rebuilt"
	log "$kind: $got packets as tcpdump; $(grep -o "its index [a-z ]*" "$TMP/pktcapd.log" | head -1)"
	stop_pktcapd
done
pass
