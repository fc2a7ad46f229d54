#!/bin/sh
# test_docs.sh: what the docs say about rights, status and fuzzing matches the code they describe
# SPDX-License-Identifier: BSD-2-Clause
#
# Each check reads the number or list from the code (dispatch.c's command
# table, check.sh's fuzz time) and fails when a page says otherwise.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

fail=0
bad() { echo "FAIL: $*"; fail=1; }
cd "$top_srcdir"

# The rights: every command of dispatch.c in security.md's and protocol.md's
# row for its right (security.md's operator row starts with the read ones).
sec_read=$(grep '^| members of the \*\*read group' docs/security.md)
sec_op=$(grep '^| members of the \*\*operator group' docs/security.md)
proto_read=$(grep '^| read |' docs/protocol.md)
proto_op=$(grep '^| operate |' docs/protocol.md)
sed -n 's/^[[:space:]]*{ CMD_\([A-Z]*\), CTL_RIGHT_\([A-Z]*\),.*/\1 \2/p' daemon/control/dispatch.c |
while read -r cmd right; do
	name=$(echo "$cmd" | tr 'A-Z' 'a-z')
	case $right in
	READ) s=$sec_read p=$proto_read ;;
	*) s=$sec_op p=$proto_op ;;
	esac
	echo "$s" | grep -qF "\`$name\`" || { echo "docs/security.md: $name missing from the $right row"; echo x; }
	echo "$p" | grep -qF "\`$name\`" || { echo "docs/protocol.md: $name missing from the $right row"; echo x; }
done > "${TMPDIR:-/tmp}/test_docs.$$"
if grep -qx x "${TMPDIR:-/tmp}/test_docs.$$"; then
	grep -vx x "${TMPDIR:-/tmp}/test_docs.$$"
	bad "a command's right is not documented"
fi
rm -f "${TMPDIR:-/tmp}/test_docs.$$"
[ -n "$(sed -n '/^| read |/,$p' docs/protocol.md | head -1)" ] || bad "protocol.md has no rights table"

# Each member of status's result is described once.
dups=$(grep -o '^| `[a-z_]*` | [a-z]' docs/protocol.md | sed -n '/^| `version`/,/^| `rings`/p' | sort | uniq -d)
[ -z "$dups" ] || bad "protocol.md describes a status member twice: $dups"
[ "$(grep -c '^| `indexer` | object |' docs/protocol.md)" = 1 ] || bad "protocol.md lists indexer more than once"

# The fuzz time decoding.md states is check.sh's default.
secs=$(sed -n 's/.*FUZZ_SECONDS:-\([0-9]*\)}.*/\1/p' tests/check.sh | head -1)
grep -qF "\`FUZZ_SECONDS\` ($secs by default)" docs/decoding.md ||
	bad "decoding.md does not say FUZZ_SECONDS is $secs by default"

# security.md no longer promises groups that "are being added".
grep -q "are being added" docs/security.md && bad "security.md says the groups are being added"

[ $fail = 0 ] && echo "PASS: docs match dispatch.c and check.sh"
exit $fail
