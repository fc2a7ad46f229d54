#!/bin/bash
# ctl-ergonomics.sh: pktctl's options before the command, dump -S explained, reload's socket note, an empty selection
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
start_pktcapd -S "$TMP/override.sock"
S=$TMP/override.sock
ctl() { "$PKTCTL" -S "$S" "$@"; }	# lib.sh's helpers, on the -S socket

# dump -S is tcpdump's; a socket path after it is explained, not asked for as a ring.
out=$("$PKTCTL" dump -S "$S" 2>&1) && fail "dump -S SOCKET succeeded"
echo "$out" | grep -qF "give the socket before the command: pktctl -S $S dump" ||
	fail "dump -S SOCKET not explained: $out"
out=$("$PKTCTL" status -S "$S" 2>&1) && fail "status -S SOCKET succeeded"
echo "$out" | grep -qF -- "-S is pktctl's option, not status's: put it before the command" ||
	fail "status -S SOCKET not explained: $out"
# and -S as tcpdump's flag still works in dump.
send_pkts -c 3 -p tcp -r 100
wait_written "$IF_CAP/all" 3
"$PKTCTL" -S "$S" dump "$IF_CAP/all" -S -c 1 >/dev/null || fail "dump RING -S (tcpdump's flag) failed"
log "-S before and after the command: ok"

# A reload of an unchanged file reports no socket change under -S.
out=$("$PKTCTL" -S "$S" reload) || fail "reload failed: $out"
echo "$out" | grep -q socket && fail "reload under -S reported a socket change: $out"
log "reload: no false socket note: ok"

# An empty time window prints nothing and succeeds, as tcpdump does on an empty file.
out=$("$PKTCTL" -S "$S" dump "$IF_CAP/all" --since @1000 --until @2000 2>&1) ||
	fail "an empty selection failed: $out"
[ -z "$out" ] || fail "an empty selection printed: $out"
"$PKTCTL" -S "$S" dump "$IF_CAP/all" --since @1000 --until @2000 -w "$TMP/empty.pcap" ||
	fail "-w of an empty selection failed"
[ "$(tcpdump -nr "$TMP/empty.pcap" 2>/dev/null | wc -l)" = 0 ] || fail "-w of an empty selection is not an empty pcap"
log "empty selection: ok"

# A quoted filter is a filter, whatever it holds: a slash, or a word that names no ring.
out=$(ctl dump "$IF_CAP/all" 'net 10.0.0.0/8 and port 80' 2>&1) || fail "a quoted filter with a slash: $out"
[ -z "$out" ] || fail "a quoted filter with a slash printed: $out"
[ "$(ctl dump "$IF_CAP/all" 'net 198.18.0.0/24 and tcp' | wc -l)" = 3 ] || fail "a quoted filter: wrong packets"
[ "$(ctl dump 'net 198.18.0.0/24' | wc -l)" = 3 ] || fail "a quoted filter without a ring"
[ "$(ctl dump "$IF_CAP" tcp | wc -l)" = 3 ] || fail "an interface word is no longer a ring"
log "filter or ring: ok"

# One of a thing is singular.
ctl list | grep -q "^$IF_CAP/all: 1 file, " || fail "list's ring line: $(ctl list | head -1)"
log "plurals: ok"

# A preserved file says which case holds it; provenance.json's numbers are numbers.
ctl preserve "$IF_CAP/all" --since @1000000 --until "@$(($(date +%s) + 1))" --case INC-7 >/dev/null ||
	fail "preserve failed"
ctl list | grep -q "\.pcap .*  preserved in INC-7$" || fail "list does not name the case: $(ctl list)"
[ "$(ctl list --json | jget '[f.get("cases") for f in j["result"]["files"] if f["preserved"]][0]')" = "['INC-7']" ] ||
	fail "list --json has no cases: $(ctl list --json)"
ctl export --case INC-7 -o "$TMP/exp" >/dev/null || fail "export failed"
jget 'all(type(s[k]) is int for s in j["sources"] for k in ("size", "packets")) and len(j["sources"]) > 0 and
	type(j["capture"]["size"]) is int' < "$TMP/exp/provenance.json" | grep -qx True ||
	fail "provenance.json's numbers: $(cat "$TMP/exp/provenance.json")"
log "list names the case, provenance numbers: ok"

# Refused by a closed directory: the advice names the directory's group, not always pktcap's.
mkdir "$TMP/closed"
python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$TMP/closed/x.sock"
chgrp users "$TMP/closed" && chmod 0750 "$TMP/closed" && chmod 0711 "$TMP" || hard_error "chmod"
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$PKTCTL" -S "$TMP/closed/x.sock" status 2>&1) &&
	fail "a closed directory let nobody in"
echo "$out" | grep -qF "add yourself to group users (usermod -aG users" || fail "group advice: $out"
log "group advice: ok"

pass
