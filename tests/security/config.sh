#!/bin/bash
# config.sh: pktcapd -t refuses values that would overflow or fail only at start-up, and warns on root
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# Only parsing: no namespace, no capture, no root needed.
[ -x "$PKTCAPD" ] || hard_error "$PKTCAPD not built"
TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
trap cleanup EXIT
trap 'exit 1' INT TERM

# conf NAME TOP-EXTRA PROFILE-EXTRA: line 1 is TOP-EXTRA, line 5 PROFILE-EXTRA.
conf() {
	printf '%s\nuser = nobody\ngroup = nogroup\nprofile p {\n%s\n}\ninterface lo { profiles = { p } }\n' \
		"$2" "$3" > "$TMP/$1.conf"
	echo "$TMP/$1.conf"
}

# refused WHAT FILE LINE REGEX: non-zero exit, FILE:LINE: and REGEX on stderr.
refused() {
	local what=$1 f=$2 line=$3 re=$4
	if "$PKTCAPD" -t -f "$f" >"$TMP/out" 2>"$TMP/err"; then
		fail "$what: pktcapd -t accepted it: $(cat "$TMP/out")"
	fi
	grep -Eq "$f:$line: .*$re" "$TMP/err" || fail "$what: expected '$f:$line: ...$re', got: $(cat "$TMP/err")"
	log "$what: $(cat "$TMP/err")"
}

# The retention cast went negative and every closed file was deleted.
refused "keep-age overflow" "$(conf age "" " keep-age = 16000000000w")" 5 "keep-age = '16000000000w' is too long"
refused "rotate-interval overflow" "$(conf iv "" " rotate-interval = 9999999999999999999ms")" 5 "too long"
refused "size overflow" "$(conf size "" " keep-bytes = 8192P")" 5 "is too large"
refused "count overflow" "$(conf count "" " rotate-packets = 9223372036854775808")" 5 "out of range"
# Used to pass -t and end in a bare "out of memory" at start-up.
refused "write-queue 1T" "$(conf wq "" " write-queue = 1T")" 5 "write-queue must be at most 1G"
refused "buffer-size above int" "$(conf buf "" " buffer-size = 3G")" 5 "between 64K and 2047M"
refused "duplicate key" "$(conf dup "" " keep-files = 3
 keep-files = 30")" 6 "keep-files is set twice in the same section \(first on line 5\)"
refused "NUL escape in a filter" "$(conf nul "" ' filter = "tcp\x00 and garbage"')" 5 "NUL"
printf 'profile p {\n filter = "tcp\0port 80"\n}\ninterface lo { profiles = { p } }\n' > "$TMP/rawnul.conf"
refused "NUL byte in a filter" "$TMP/rawnul.conf" 2 "a NUL byte"
PKTCAP_TEST_STORE=$TMP/store refused "\${VAR}" "$(conf env 'storage = ${PKTCAP_TEST_STORE}' "")" 1 \
	"not expanded"

# user = root passes, with a warning naming the file.
f=$(conf root "" "")
sed -i 's/^user = nobody/user = root/; s/^group = nogroup/group = root/' "$f"
"$PKTCAPD" -t -f "$f" >"$TMP/out" 2>"$TMP/err" || fail "user = root refused: $(cat "$TMP/err")"
grep -q "configuration OK" "$TMP/out" || fail "no OK for user = root"
# Started by another user (a package build), pktcapd keeps that user's id
# and has no root to warn about.
[ "$(id -u)" != 0 ] || grep -q "$f: user = root: the daemon keeps running as root" "$TMP/err" ||
	fail "no warning for user = root: $(cat "$TMP/err")"
f=$(conf nobody "" "")
"$PKTCAPD" -t -f "$f" >"$TMP/out" 2>"$TMP/err" || fail "user = nobody refused: $(cat "$TMP/err")"
grep -q "running as root" "$TMP/err" && fail "warning for user = nobody"
pass
