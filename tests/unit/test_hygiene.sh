#!/bin/sh
# test_hygiene.sh: every source file names its licence (SPDX) and includes config.h before anything else
# SPDX-License-Identifier: BSD-2-Clause
#
# The licence line's place and syntax: tools/add-spdx.sh and docs/design.md
# ("Licence"). config.h first: AC_SYS_LARGEFILE and AC_USE_SYSTEM_EXTENSIONS
# only take effect in a file that includes it before any system header (a
# 32-bit build would otherwise see a 4-byte off_t in some files and an 8-byte
# one in others).

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

fail=0
if ! "$top_srcdir/tools/add-spdx.sh" --check "$top_srcdir"; then
	echo "FAIL: source files without an SPDX licence line (run tools/add-spdx.sh)"
	fail=1
fi

# Files built by make (so with configure's config.h); faultshim.c is an
# LD_PRELOAD shim that a test compiles alone.
cd "$top_srcdir"
for f in $(find common ctl daemon decode tests -name '*.c' ! -name faultshim.c | LC_ALL=C sort); do
	first=$(grep -m1 '^[[:space:]]*#[[:space:]]*include' "$f" || true)
	case $first in
	*'"config.h"'*) ;;
	*) echo "$f: its first include is '$first', not \"config.h\""; fail=1 ;;
	esac
done
[ $fail = 0 ] && echo "PASS: SPDX lines present, config.h included first"
exit $fail
