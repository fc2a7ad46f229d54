#!/bin/bash
# config-check.sh: pktcapd -t accepts valid configs and rejects broken ones with FILE:LINE: message
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# No namespaces, no capture: -t only parses, so this runs without root too.
[ -x "$PKTCAPD" ] || hard_error "$PKTCAPD not built"
TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
trap cleanup EXIT
trap 'exit 1' INT TERM

# conf NAME PROFILE-EXTRA [PROFILES] [TRAILER]: a config whose line 7 is PROFILE-EXTRA,
# so every error below has a known line number.
conf() {
	cat > "$TMP/$1.conf" <<EOF
user = nobody
group = nogroup
storage = $TMP/store
profile web {
	compress = none
	rotate-size = 1M
$2
}
interface lo {
	profiles = { ${3:-web} }
}
${4:-}
EOF
	echo "$TMP/$1.conf"
}

# expect_ok FILE [ARGS...]: exit 0 and "configuration OK" on stdout.
expect_ok() {
	f=$1; shift
	out=$("$PKTCAPD" -t -f "$f" "$@" 2>"$TMP/err")
	rc=$?
	[ "$rc" = 0 ] || fail "pktcapd -t -f $f $* exited $rc: $(cat "$TMP/err")"
	# The daemon names the file by its absolute path (reload must find it again).
	echo "$out" | grep -q "^$(realpath "$f"): configuration OK" || fail "no OK from pktcapd -t -f $f: $out"
}

# expect_error WHAT FILE LINE REGEX: non-zero exit, and stderr names FILE:LINE: and matches REGEX.
expect_error() {
	what=$1 f=$2 line=$3 re=$4
	"$PKTCAPD" -t -f "$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" != 0 ] || fail "$what: pktcapd -t exited 0"
	grep -q "configuration OK" "$TMP/out" && fail "$what: pktcapd -t said OK"
	grep -q "$f:$line: " "$TMP/err" || fail "$what: no '$f:$line: ' on stderr: $(cat "$TMP/err")"
	grep -Eq "$f:$line: .*$re" "$TMP/err" || fail "$what: message does not match '$re': $(cat "$TMP/err")"
	log "$what: $(cat "$TMP/err")"
}

expect_ok "$(conf valid "	keep-files = 3")"
expect_ok "$top_srcdir/conf/pktcapd.conf" -Z nobody

expect_error "unknown key" "$(conf unknown "	rotate-sise = 1M")" 7 "no such option 'rotate-sise'"
expect_error "bad size unit" "$(conf size "	keep-bytes = 10Q")" 7 \
	"profile 'web': keep-bytes = '10Q' is not a size"
expect_error "bad duration" "$(conf duration "	rotate-interval = 5x")" 7 \
	"profile 'web': rotate-interval = '5x' is not a duration"
expect_error "bad filter" "$(conf filter "	filter = \"tcp port\"")" 7 \
	"profile 'web': filter \"tcp port\" does not compile"
expect_error "missing profile" "$(conf missing "" "web, nosuch")" 10 \
	"interface 'lo': profile 'nosuch' does not exist"
# The second "profile web {" opens on line 12.
expect_error "duplicate profile" "$(conf duplicate "" web "profile web {
}")" 12 "duplicate .*'web'"
expect_error "keep-files = 0" "$(conf keepzero "	keep-files = 0")" 7 \
	"profile 'web': keep-files = 0 would keep no file"
pass
