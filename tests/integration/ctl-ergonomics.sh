#!/bin/bash
# ctl-ergonomics.sh: pktctl's options before the command, dump -S explained, reload's socket note, an empty selection
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

pass
