#!/bin/bash
# run.sh: the decoder conformance suite: pktctl dump must print what tcpdump 4.99 prints, byte for byte
# SPDX-License-Identifier: BSD-2-Clause
#
# Every TESTLIST.* line is "NAME PCAP OPTIONS...": pktctl dump -r pcaps/PCAP
# OPTIONS must equal out/NAME.out, which regen.sh made with tcpdump -n and
# the same options. When tcpdump is installed the goldens are checked
# against it too, so a hand-edited golden cannot hide a difference.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
dir=$top_srcdir/tests/decode
PKTCTL=${PKTCTL:-$top_builddir/ctl/pktctl}
export TZ=UTC
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
have_tcpdump=0
tcpdump --version 2>&1 | grep -q "tcpdump version 4.99" && have_tcpdump=1

for list in "$dir"/TESTLIST.*; do
	[ -e "$list" ] || continue
	while read -r name pcap opts; do
		case "$name" in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2086
		"$PKTCTL" dump -r "$dir/pcaps/$pcap" $opts > "$tmp/got" 2> "$tmp/err"
		if ! cmp -s "$tmp/got" "$dir/out/$name.out"; then
			echo "FAIL: $name ($pcap $opts)"
			diff "$dir/out/$name.out" "$tmp/got" | head -10
			fail=$((fail + 1))
			continue
		fi
		if [ $have_tcpdump = 1 ]; then
			# shellcheck disable=SC2086
			tcpdump -n -r "$dir/pcaps/$pcap" $opts > "$tmp/want" 2>/dev/null
			if ! cmp -s "$tmp/want" "$dir/out/$name.out"; then
				echo "FAIL: $name: out/$name.out is not what tcpdump prints"
				fail=$((fail + 1))
				continue
			fi
		fi
		pass=$((pass + 1))
	done < "$list"
done
# -T with a type tcpdump 4.99.3 does not know: its usage error, with pktctl's name, and status 1.
for type in foo syslog quic; do
	"$PKTCTL" dump -r "$dir/pcaps/base-tcp-udp.pcap" -T "$type" > "$tmp/got" 2> "$tmp/err"
	rc=$?
	want="pktctl: unknown packet type \`$type'"
	if [ $rc != 1 ] || [ -s "$tmp/got" ] || [ "$(cat "$tmp/err")" != "$want" ]; then
		echo "FAIL: -T $type: status $rc, stderr $(cat "$tmp/err"), want 1 and $want"
		fail=$((fail + 1))
	elif [ $have_tcpdump = 1 ] &&
		[ "$(tcpdump -n -r "$dir/pcaps/base-tcp-udp.pcap" -T "$type" 2>&1)" != "${want/pktctl/tcpdump}" ]; then
		echo "FAIL: -T $type: tcpdump no longer says ${want/pktctl/tcpdump}"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "decode conformance: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
