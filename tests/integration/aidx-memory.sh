#!/bin/bash
# aidx-memory.sh: sealed files' address-index unions are kept in memory, so list/dump FILTER rule files out without reading their .aidx; a damaged one is rebuilt
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

AIDXDUMP=${AIDXDUMP:-$top_builddir/tests/aidxdump}
netns_setup
[ -x "$AIDXDUMP" ] || hard_error "$AIDXDUMP not built"
write_conf <<EOF2
profile plain {
	rotate-size = 1M
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { plain }
}
EOF2
RARE=203.0.113.7
start_pktcapd
send_pkts -c 3000 -s 1000 -r 20000 --payload random
send_pkts -c 20 -s 200 --dst-ip $RARE --dport 4444 -p tcp --payload random
send_pkts -c 3000 -s 1000 -r 20000 --payload random
wait_written "$IF_CAP/plain" 6020
ctl rotate > /dev/null || fail "rotate failed"
dir=$(ring_dir "$IF_CAP" plain)
sealed=$(for f in $(ring_files "$dir"); do [ -f "$dir/$f.aidx" ] && echo "$f"; done)
n=$(echo "$sealed" | wc -l)
[ "$n" -ge 4 ] || fail "expected several sealed files, found $n"

# The sealed files holding the rare host, as tcpdump finds them.
want=$(for f in $sealed; do
	[ "$(tcpdump -nn -c 1 -r "$dir/$f" host $RARE 2>/dev/null | wc -l)" = 0 ] || echo "$f"
done)
[ -n "$want" ] || fail "no file holds the rare host"
# The files list FILTER names with "match": M.
listed() {	# MATCH FILTER...
	ctl list --json "$IF_CAP/plain" "${@:2}" |
		jget "'\n'.join(f['name'] for f in j['result']['files'] if f.get('match') == '$1')" | sed '/^$/d'
}

# Every sealed file's index goes away: what list and dump rule out now comes from memory alone.
for f in $sealed; do rm -f "$dir/$f.aidx"; done
got=$(listed index host $RARE)
[ "$got" = "$want" ] || fail "list from memory gave [$got], files with the rare host: [$want]"
unknown=$(listed unknown host $RARE | grep -Fx "$sealed")
[ -z "$unknown" ] || fail "sealed files listed as unknown (their index was read from disk): $unknown"
log "list FILTER: $(echo "$want" | wc -l) of $n sealed files, decided without their .aidx"

ctl dump "$IF_CAP/plain" -w - host $RARE > "$TMP/dump.pcap" || fail "dump failed"
[ "$(tcpdump -nn -r "$TMP/dump.pcap" 2>/dev/null | wc -l)" = 20 ] || fail "dump FILTER did not give the 20 packets"
spared=$(grep -o "dump: the address index spared [0-9]* files" "$TMP/pktcapd.log" | tail -1 | awk '{print $6}')
[ "${spared:-0}" -ge $((n - $(echo "$want" | wc -l))) ] ||
	fail "dump spared ${spared:-0} files, expected every sealed file without the host"
log "dump FILTER: 20 packets, $spared files spared without their .aidx"

# A restart rebuilds the missing indexes; the new unions are kept when the indexer writes them.
stop_pktcapd
start_pktcapd
wait_indexer
for f in $sealed; do "$AIDXDUMP" "$dir/$f.aidx" "$dir/$f" > /dev/null || fail "$f.aidx not rebuilt"; done

# Adoption keeps each union (read with the index's end): list FILTER answers from memory.
stop_pktcapd
start_pktcapd
for f in $sealed; do chmod 640 "$dir/$f.aidx"; mv "$dir/$f.aidx" "$TMP/"; done
got=$(listed index host $RARE)
[ "$got" = "$want" ] || fail "list after a restart gave [$got] without the .aidx files, want [$want]"
for f in $sealed; do mv "$TMP/$f.aidx" "$dir/"; done
log "the unions read at adoption answer list FILTER"

# Damage in the middle of a block is seen only by a whole load (a dump's, list -v's):
# the query that meets it has the index rebuilt, and its answer stays right.
stop_pktcapd
f=$(echo "$want" | sed -n 1p)
chmod 640 "$dir/$f.aidx"
python3 -c 'import os, sys; p = sys.argv[1]; n = os.path.getsize(p) // 3; f = open(p, "r+b"); f.seek(n); b = f.read(1); f.seek(n); f.write(bytes([b[0] ^ 0x55]))' "$dir/$f.aidx"
"$AIDXDUMP" "$dir/$f.aidx" "$dir/$f" > /dev/null 2>&1 && hard_error "the flipped byte left $f.aidx loadable"
start_pktcapd
got=$(ctl list -v "$IF_CAP/plain" host $RARE)
for w in $want; do echo "$got" | grep -qF "$w" || fail "list -v with a damaged index left out $w: $got"; done
for _ in $(seq 100); do
	"$AIDXDUMP" "$dir/$f.aidx" "$dir/$f" > /dev/null 2>&1 && break
	sleep 0.2
done
"$AIDXDUMP" "$dir/$f.aidx" "$dir/$f" > /dev/null 2>&1 || fail "$f.aidx damaged inside a block was not rebuilt"
grep -q "$f: its address index does not load; rebuilding it" "$TMP/pktcapd.log" || fail "no rebuild logged"
got=$(listed index host $RARE)
[ "$got" = "$want" ] || fail "list after the rebuild gave [$got], want [$want]"

# A case's export asks the ring's index of each held file (the same inode): files
# that cannot match are not read, and the export still holds every match.
ctl preserve "$IF_CAP/plain" --since -1h --until now --case C-1 > /dev/null || fail "preserve failed"
out=$(ctl export --case C-1 --since -1h --until now -o "$TMP/exp" host $RARE 2>&1) ||
	fail "export failed: $out"
n=$(tcpdump -nn -r "$TMP/exp/capture.pcap" host $RARE 2>/dev/null | wc -l)
[ "$n" = 20 ] || fail "the case export holds $n packets of the rare host, not 20"
[ "$(tcpdump -nn -r "$TMP/exp/capture.pcap" 2>/dev/null | wc -l)" = 20 ] || fail "the case export holds other packets"
grep -q "export of case C-1: the address index spared [1-9][0-9]* held files" "$TMP/pktcapd.log" ||
	fail "the case export read every held file"
log "case export: $(grep -o "spared [0-9]* held files" "$TMP/pktcapd.log" | tail -1) by the ring's indexes"
stop_pktcapd
pass "list and dump FILTER decide from memory; an index damaged inside a block is rebuilt; case exports skip held files"
