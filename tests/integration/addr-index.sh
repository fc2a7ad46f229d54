#!/bin/bash
# addr-index.sh: every sealed file gets an address index (NAME.aidx) that knows its hosts; missing, damaged, foreign and old ones are rebuilt
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

AIDXDUMP=${AIDXDUMP:-$top_builddir/tests/aidxdump}
require_cmd gzip
netns_setup
[ -x "$AIDXDUMP" ] || hard_error "$AIDXDUMP not built"
write_conf <<EOF2
profile plain {
	rotate-size = 1M
	flush-interval = 200ms
}
profile packed {
	rotate-size = 1M
	compress = gzip
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { plain, packed }
}
EOF2
RARE=203.0.113.7
start_pktcapd
send_pkts -c 3000 -s 1000 -r 20000 --payload random
send_pkts -c 20 -s 200 --dst-ip $RARE --dport 4444 -p tcp --payload random
send_pkts -c 3000 -s 1000 -r 20000 --payload random
wait_written "$IF_CAP/plain" 6020
wait_written "$IF_CAP/packed" 6020
stop_pktcapd

# The union of DIR/F's index (only if it is valid for F), one value a line.
union() {	# DIR F
	"$AIDXDUMP" "$1/$2.aidx" "$1/$2" | awk '/^file /{u=1; next} u'
}

# Each sealed file: a valid, sealed index whose union holds the rare host and port
# exactly when tcpdump finds them in the file.
check_ring() {	# RING
	local dir=$(ring_dir "$IF_CAP" "$1") n=0 hits=0 f read
	for f in $(ring_files "$dir"); do
		[ -f "$dir/$f.aidx" ] || fail "$1: $f has no address index"
		[ "$(stat -c %a "$dir/$f.aidx")" = 440 ] || fail "$1: $f.aidx is not sealed"
		"$AIDXDUMP" "$dir/$f.aidx" "$dir/$f" > "$TMP/dump" || fail "$1: $f.aidx does not load"
		head -1 "$TMP/dump" | grep -q "complete=1" || fail "$1: $f.aidx is not complete"
		case $f in
		*.gz) read="zcat $dir/$f | tcpdump -nr -" ;;
		*) read="tcpdump -nr $dir/$f" ;;
		esac
		want=$(eval "$read 'host $RARE and tcp port 4444'" 2>/dev/null | wc -l)
		has=$(union "$dir" "$f" | grep -cx "  ip4 $RARE\|  port 4444")
		if [ "$want" -gt 0 ]; then
			[ "$has" = 2 ] || fail "$1: $f holds $RARE:4444 ($want packets) but its index does not say so"
			hits=$((hits + 1))
		else
			[ "$has" = 0 ] || fail "$1: $f's index claims $RARE:4444 that the file does not hold"
		fi
		union "$dir" "$f" | grep -qx "  ip4 198.18.0.2" || fail "$1: $f's index lacks 198.18.0.2"
		n=$((n + 1))
	done
	[ "$n" -ge 3 ] || fail "$1: expected several files, found $n"
	[ "$hits" -ge 1 ] || fail "$1: no file holds the rare host"
	log "$1: $n files indexed, the rare host in $hits"
}
check_ring plain
check_ring packed
# The blocks follow the time index's points: more than one per file of 1 MB.
dir=$(ring_dir "$IF_CAP" plain)
f1=$(ring_files "$dir" | sed -n 1p)
[ "$("$AIDXDUMP" "$dir/$f1.aidx" | grep -c '^block ')" -ge 3 ] || fail "$f1.aidx has too few blocks"

# Missing, damaged (torn end, flipped byte in the end) and foreign (another file's) indexes.
for ring in plain packed; do
	dir=$(ring_dir "$IF_CAP" $ring)
	set -- $(ring_files "$dir")
	rm -f "$dir/$1.aidx"
	chmod 640 "$dir/$2.aidx" "$dir/$3.aidx"
	truncate -s -7 "$dir/$2.aidx"
	python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(-40, 2); b = f.read(1); f.seek(-40, 2); f.write(bytes([b[0] ^ 0x55]))' "$dir/$3.aidx"
	rm -f "$dir/$4.aidx"
	cp -p "$dir/$5.aidx" "$dir/$4.aidx"
	"$AIDXDUMP" "$dir/$4.aidx" "$dir/$4" > /dev/null 2>&1 && fail "a foreign index loaded"
done
start_pktcapd
wait_indexer
stop_pktcapd
check_ring plain
check_ring packed
log "missing, torn, altered and foreign indexes rebuilt at start-up"

# Files from before this feature: no .aidx at all; the next start builds them.
find "$TMP/store" -name '*.aidx' -delete
start_pktcapd
wait_indexer
grep -q "capturing" "$TMP/pktcapd.log" || fail "no capture"
stop_pktcapd
check_ring plain
check_ring packed
# Their time indexes are theirs and sealed: the address index alone, without hashing again.
for ring in plain packed; do
	dir=$(ring_dir "$IF_CAP" $ring)
	for f in $(ring_files "$dir"); do
		grep -q "indexed the addresses of $f (" "$TMP/pktcapd.log" ||
			fail "$f: not indexed as the address index alone"
		grep -q "indexed $f (" "$TMP/pktcapd.log" && fail "$f: read and hashed whole"
	done
done
log "files without address indexes adopted and indexed, their seals not read again"

# A crash: the file left open is repaired, and gets its index with the rest.
start_pktcapd
send_pkts -c 3000 -s 1000 -r 20000 --payload random
wait_written "$IF_CAP/plain" 3000
kill -KILL "$PID"
wait "$PID" 2>/dev/null
PID=
start_pktcapd
wait_indexer
stop_pktcapd
check_ring plain
check_ring packed

# A file whose address index is missing and whose middle no longer reads as
# its time index says (a record's length changed, its ends as they were) is
# checked whole against its seal, and is damaged.
dir=$(ring_dir "$IF_CAP" plain)
f=$(ring_files "$dir" | sed -n 2p)
chmod 640 "$dir/$f"
python3 - "$dir/$f" <<'PY' || fail "cannot alter $f"
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
offs, off = [], 24
while off + 16 <= len(data):
    offs.append(off)
    off += 16 + struct.unpack_from("<I", data, off + 8)[0]
mid = offs[len(offs) // 2]
assert 4096 < mid < len(data) - 4096 - 16, "the file is too small"
struct.pack_into("<I", data, mid + 8, 0xfffffff0)
open(sys.argv[1], "r+b").write(data)
PY
chmod 440 "$dir/$f"
rm -f "$dir/$f.aidx"
start_pktcapd
wait_indexer
stop_pktcapd
grep -q "$f reads otherwise than its time index says" "$TMP/pktcapd.log" ||
	fail "$f: the change was not noticed"
grep -q "$f no longer matches its seal" "$TMP/pktcapd.log" || fail "$f: not checked against its seal"
log "an altered file met by the address index alone is checked against its seal"
pass
