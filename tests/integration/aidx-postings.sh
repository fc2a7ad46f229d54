#!/bin/bash
# aidx-postings.sh: each sealed file's NAME.aidx gets its postings off the capture path (after seal, adoption, rebuild, restart); dumps read only them; damaged ones are refused
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

AIDXDUMP=${AIDXDUMP:-$top_builddir/tests/aidxdump}
require_cmd python3 tcpdump
netns_setup
[ -x "$AIDXDUMP" ] || hard_error "$AIDXDUMP not built"
write_conf <<EOF2
profile plain {
	rotate-size = 1M
	flush-interval = 200ms
}
profile adopt {
	filter = "udp port 9"
}
interface $IF_CAP {
	profiles = { plain, adopt }
}
EOF2
dir=$(ring_dir "$IF_CAP" plain)
adir=$(ring_dir "$IF_CAP" adopt)
python3 "$top_srcdir/tests/integration/query-mkring.py" "$adir" "$IF_CAP-adopt" 4 ||
	hard_error "query-mkring.py"
chown -R nobody:nogroup "$TMP/store"
RARE=203.0.113.7
start_pktcapd
send_pkts -c 3000 -s 1000 -r 20000 --payload random
send_pkts -c 20 -s 200 --dst-ip $RARE --dport 4444 -p tcp --payload random
send_pkts -c 3000 -s 1000 -r 20000 --payload random
wait_written "$IF_CAP/plain" 6020
wait_indexer

version() { od -An -tu1 -j4 -N1 "$1" | tr -d ' '; }
# A u64 of the version 2 end record (the last 116 bytes): 88 postings_off, 96 dir_off.
end_u64() { python3 -c 'import struct, sys; f = open(sys.argv[1], "rb"); f.seek(-116 + 12 + int(sys.argv[2]), 2); print(struct.unpack("<Q", f.read(8))[0])' "$1" "$2"; }
flip() { python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2])); b = f.read(1); f.seek(int(sys.argv[2])); f.write(bytes([b[0] ^ 0x55]))' "$1" "$2"; }
rare_count() { ctl dump "$IF_CAP/plain" -w - host $RARE | tcpdump -nr - 2>/dev/null | wc -l; }

set -- $(ring_files "$dir")
[ $# -ge 4 ] || fail "expected several files in the plain ring, found $#"
last=${!#}
for f in "$@"; do
	[ "$f" = "$last" ] && continue	# still being written
	[ "$(version "$dir/$f.aidx")" = 2 ] || fail "sealed $f.aidx has no postings (version $(version "$dir/$f.aidx"))"
	[ "$(stat -c %a "$dir/$f.aidx")" = 440 ] || fail "$f.aidx is not sealed after its postings"
	"$AIDXDUMP" "$dir/$f.aidx" "$dir/$f" | head -1 | grep -q "complete=1" || fail "$f.aidx does not load whole"
done
for f in $(ring_files "$adir"); do
	[ "$(version "$adir/$f.aidx")" = 2 ] || fail "adopted $f.aidx has no postings"
done
log "every sealed and adopted file's index has its postings"
[ "$(rare_count)" = 20 ] || fail "dump host $RARE: $(rare_count) packets, expected 20"

# The closed file holding the rare host: the dump's plan loads its index (its union says "may").
rf=
for f in "$@"; do
	[ "$f" != "$last" ] && [ "$(tcpdump -nr "$dir/$f" host $RARE 2>/dev/null | wc -l)" -gt 0 ] && rf=$f && break
done
[ -n "$rf" ] || fail "no closed file holds $RARE"
# Used: a byte flipped inside the union record, which the plan's load never reads:
# the dump answers without calling the index damaged (a whole load would, and rebuild it).
chmod 640 "$dir/$rf.aidx"
flip "$dir/$rf.aidx" 40
[ "$(rare_count)" = 20 ] || fail "dump host $RARE after a block record was damaged: $(rare_count) packets"
grep -q "$rf: its address index does not load" "$TMP/pktcapd.log" &&
	fail "the dump loaded $rf.aidx whole: its postings were not used"
log "a dump reads the postings, not the whole index"

# Refused: a byte flipped in the directory. The whole load refuses the index too, the
# dump reads the file, and the indexer rebuilds the index with its postings.
flip "$dir/$rf.aidx" $(( $(end_u64 "$dir/$rf.aidx" 96) + 13 ))
[ "$(rare_count)" = 20 ] || fail "dump host $RARE after the directory was damaged: $(rare_count) packets"
for _ in $(seq 50); do
	grep -q "$rf: its address index does not load; rebuilding it" "$TMP/pktcapd.log" && break
	sleep 0.1
done
grep -q "$rf: its address index does not load; rebuilding it" "$TMP/pktcapd.log" ||
	fail "damaged postings of $rf were not refused"
wait_indexer
[ "$(version "$dir/$rf.aidx")" = 2 ] || fail "the rebuilt $rf.aidx has no postings"
"$AIDXDUMP" "$dir/$rf.aidx" "$dir/$rf" | head -1 | grep -q "complete=1" || fail "the rebuilt $rf.aidx does not load"
log "damaged postings are refused, and rebuilt"

# An index from before postings (version 1, as earlier pktcapd wrote it) gets them after a restart.
stop_pktcapd
v1=$1
[ "$v1" = "$rf" ] && v1=$2
chmod 640 "$dir/$v1.aidx"
"$AIDXDUMP" -1 "$TMP/v1.aidx" "$dir/$v1.aidx" "$dir/$v1" > /dev/null || hard_error "cannot write a version 1 index"
mv -f "$TMP/v1.aidx" "$dir/$v1.aidx"
chown --reference="$dir/$v1" "$dir/$v1.aidx"
chmod 440 "$dir/$v1.aidx"
"$AIDXDUMP" "$dir/$v1.aidx" "$dir/$v1" | head -1 | grep -q "complete=1" || hard_error "the version 1 index does not load"
[ "$(version "$dir/$v1.aidx")" = 1 ] || hard_error "not version 1"
start_pktcapd
wait_indexer
for _ in $(seq 50); do
	[ "$(version "$dir/$v1.aidx")" = 2 ] && break
	sleep 0.1
done
[ "$(version "$dir/$v1.aidx")" = 2 ] || fail "a version 1 index did not get its postings after a restart"
[ "$(rare_count)" = 20 ] || fail "dump host $RARE after the restart: $(rare_count) packets"
log "a version 1 index gets its postings at start-up"
pass
