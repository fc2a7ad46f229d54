#!/bin/bash
# regen.sh: make out/NAME.out for TESTLIST lines with tcpdump 4.99 (the oracle); only missing ones unless -f
# SPDX-License-Identifier: BSD-2-Clause
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC
force=0
[ "${1:-}" = -f ] && force=1
tcpdump --version 2>&1 | grep -q "tcpdump version 4.99" || { echo "needs tcpdump 4.99"; exit 1; }
for list in "$dir"/TESTLIST.*; do
	while read -r name pcap opts; do
		case "$name" in ''|'#'*) continue ;; esac
		[ $force = 0 ] && [ -e "$dir/out/$name.out" ] && continue
		# shellcheck disable=SC2086
		tcpdump -n -r "$dir/pcaps/$pcap" $opts > "$dir/out/$name.out" 2>/dev/null || true
		echo "made out/$name.out"
	done < "$list"
done
