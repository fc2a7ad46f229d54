#!/bin/sh
# test_ctl_libs.sh: pktctl starts without libpcap and libsystemd, and still writes and filters pcap as libpcap does
# SPDX-License-Identifier: BSD-2-Clause
#
# pktctl is linked without libpcap (ctl/pcaplazy.c writes pcap itself and
# loads libpcap only to compile a filter) and without libsystemd: on Debian
# those two bring eight libraries to load at every start. The pcap it writes
# must be byte for byte what tcpdump writes from the same input, with and
# without a filter and at micro- and nanosecond precision.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

PKTCTL=${PKTCTL:-$top_builddir/ctl/pktctl}
command -v readelf > /dev/null || skip "no readelf"
command -v tcpdump > /dev/null || skip "no tcpdump"

needed=$(readelf -d "$PKTCTL" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
case $needed in
*libpcap*|*libsystemd*|*libdbus*) fail "pktctl links $(echo "$needed" | tr "\n" " ")" ;;
esac
# Start-up alone must not load them either (nothing pulls them in indirectly).
maps=$(LD_DEBUG=libs "$PKTCTL" --version 2>&1 | grep -o 'lib[a-z0-9_-]*\.so[.0-9]*' | sort -u)
case $maps in
*libpcap*|*libsystemd*|*libdbus*) fail "pktctl --version loads: $(echo "$maps" | tr "\n" " ")" ;;
esac

TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
trap 'rm -rf "$TMP"' EXIT
in=$top_srcdir/tests/decode/pcaps/base-tcp-udp.pcap
[ -f "$in" ] || hard_error "no $in"
same() {	# NAME PKTCTL-ARGS -- TCPDUMP-ARGS: both write the same bytes
	name=$1
	shift
	a="" b=""
	while [ "$1" != -- ]; do a="$a $1"; shift; done
	shift
	b="$*"
	# shellcheck disable=SC2086
	"$PKTCTL" dump -r "$src" -w "$TMP/a.pcap" $a 2> "$TMP/err" || fail "$name: pktctl: $(cat "$TMP/err")"
	# shellcheck disable=SC2086
	tcpdump -r "$src" -w "$TMP/b.pcap" $b 2> /dev/null || hard_error "$name: tcpdump failed"
	cmp -s "$TMP/a.pcap" "$TMP/b.pcap" || fail "$name: pktctl's pcap differs from tcpdump's"
}
src=$in
same "plain copy" --
same "filter" tcp --  tcp
same "nanoseconds" --time-stamp-precision=nano -- --time-stamp-precision=nano
same "nanoseconds, filter" --time-stamp-precision=nano udp -- --time-stamp-precision=nano udp
# An unwritable output names the file, as before.
"$PKTCTL" dump -r "$in" -w "$TMP/no/such" 2> "$TMP/err" && fail "writing into a missing directory succeeded"
grep -q "No such file or directory" "$TMP/err" || fail "no reason given: $(cat "$TMP/err")"
pass
