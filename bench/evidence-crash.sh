#!/bin/bash
# evidence-crash.sh: kill -9 pktcapd at random calls of preserve and release, N times, and check every case after each restart
# SPDX-License-Identifier: BSD-2-Clause
#
# The kill loop of tests/integration/evidence-faults.sh, many more times
# (the test runs 40 in CI): each kill lands at a random link, write, fsync,
# rename or unlink of a preserve (new case or into one) or a release, the
# daemon restarts, and the start must complete or roll back the change;
# then no record, temporary file or orphan link is left, held bytes and
# flags match the cases, and the case verifies or is absent.
set -euo pipefail

usage()
{
	cat <<EOF2
usage: $0 [-n N]          (as root, from the top of a build tree)
  -n N    kills (default 500)
EOF2
	exit 2
}

n=500
while getopts n:h opt; do
	case $opt in
	n) n=$OPTARG ;;
	*) usage ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "$0: needs root (namespaces, tmpfs)" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
export top_srcdir=${top_srcdir:-$here} top_builddir=${top_builddir:-$PWD}
start=$(date +%s)
EVIDENCE_FAULTS=0 EVIDENCE_KILLS=$n "$top_srcdir/tests/integration/evidence-faults.sh" 2>&1 |
	grep -v "Killed" | tail -3
echo "# $n kills in $(($(date +%s) - start)) s"
