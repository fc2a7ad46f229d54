#!/bin/bash
# run-replay.sh: make check's replay of every saved fuzz input (and crash case) through each target
# SPDX-License-Identifier: BSD-2-Clause
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
rc=0
"$top_builddir/tests/fuzz/replay_request" "$top_srcdir"/tests/fuzz/corpus/request/* || rc=1
"$top_builddir/tests/fuzz/replay_decode" "$top_srcdir"/tests/fuzz/corpus/decode/* || rc=1
"$top_builddir/tests/fuzz/replay_conf" "$top_srcdir"/tests/fuzz/corpus/conf/* || rc=1
"$top_builddir/tests/fuzz/replay_pcapidx" "$top_srcdir"/tests/fuzz/corpus/pcapidx/* || rc=1
"$top_builddir/tests/fuzz/replay_addridx" "$top_srcdir"/tests/fuzz/corpus/addridx/* || rc=1
"$top_builddir/tests/fuzz/replay_target" "$top_srcdir"/tests/fuzz/corpus/target/* || rc=1
exit $rc
