#!/bin/bash
# run-replay.sh: make check's replay of every saved fuzz input through the request decoder
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
exec "$top_builddir/tests/fuzz/replay_request" "$top_srcdir"/tests/fuzz/corpus/request/*
