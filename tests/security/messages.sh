#!/bin/bash
# messages.sh: a long filter that does not compile still shows libpcap's reason (pktcapd -t, pktctl dump)
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

[ -x "$PKTCAPD" ] && [ -x "$PKTCTL" ] || hard_error "pktcapd or pktctl not built"
TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
trap cleanup EXIT
trap 'exit 1' INT TERM

# About 1.5 KB of "tcp port N or ", then a dangling "and": more than any message buffer.
long=$(for i in $(seq 100); do printf 'tcp port %d or ' $((1000 + i)); done)"udp and"
reason="can't parse filter expression: syntax error"

cat > "$TMP/long.conf" <<EOF2
user = nobody
group = nogroup
profile p {
	filter = "$long"
}
interface lo { profiles = { p } }
EOF2
"$PKTCAPD" -t -f "$TMP/long.conf" >/dev/null 2>"$TMP/err" && fail "pktcapd -t accepted a broken filter"
grep -q "$TMP/long.conf:4: profile 'p': filter \"tcp port 1001 or .*\.\.\.\" does not compile: $reason" "$TMP/err" ||
	fail "pktcapd -t: reason cut off: $(cut -c1-80 "$TMP/err")...$(tail -c 80 "$TMP/err")"
log "pktcapd -t: $(cat "$TMP/err")"

# shellcheck disable=SC2086
"$PKTCTL" dump -r "$top_srcdir/tests/decode/pcaps/base-tcp-udp.pcap" $long >/dev/null 2>"$TMP/err" &&
	fail "pktctl dump accepted a broken filter"
grep -q "filter \"tcp port 1001 or .*\.\.\.\": $reason" "$TMP/err" ||
	fail "pktctl dump: reason cut off: $(cut -c1-80 "$TMP/err")...$(tail -c 80 "$TMP/err")"
log "pktctl dump: $(cat "$TMP/err")"
pass
