#!/bin/bash
# leaks.sh: pktctl and pktcapd -t free everything on their early error paths (LeakSanitizer)
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# Needs a build with -fsanitize=address (tests/check.sh's second suite); no root, no network.
[ -x "$PKTCAPD" ] && [ -x "$PKTCTL" ] || hard_error "pktcapd or pktctl not built"
ldd "$PKTCTL" | grep -q libasan || skip "not an AddressSanitizer build"
TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
trap cleanup EXIT
trap 'exit 1' INT TERM
export ASAN_OPTIONS=detect_leaks=1:exitcode=23
pcap=$top_srcdir/tests/decode/pcaps/base-tcp-udp.pcap

# no_leak WHAT CMD...: CMD may fail, but LeakSanitizer must find nothing.
no_leak() {
	local what=$1; shift
	"$@" >/dev/null 2>"$TMP/err"
	grep -q "LeakSanitizer" "$TMP/err" &&
		fail "$what leaks: $(grep -E "SUMMARY|Direct leak" "$TMP/err" | head -3)"
	grep -q "ERROR: AddressSanitizer" "$TMP/err" && fail "$what: $(grep ERROR "$TMP/err")"
	log "$what: no leak"
}

# pktctl dump's output buffer (256 KiB) was lost on every early option error.
no_leak "pktctl dump -c 0" "$PKTCTL" dump -c 0 -r "$pcap"
no_leak "pktctl dump --since junk" "$PKTCTL" dump --since junk -r "$pcap"
no_leak "pktctl dump --since out of range" "$PKTCTL" dump --since @99999999999 -r "$pcap"
no_leak "pktctl dump --time-stamp-precision pico" "$PKTCTL" dump --time-stamp-precision pico -r "$pcap"
no_leak "pktctl dump --bogus" "$PKTCTL" dump --bogus
no_leak "pktctl dump -h" "$PKTCTL" dump -h
no_leak "pktctl dump --until before --since" "$PKTCTL" dump --since @20 --until @10 -r "$pcap"
no_leak "pktctl dump bad filter" "$PKTCTL" dump -r "$pcap" tcp port
no_leak "pktctl dump missing file" "$PKTCTL" dump -r "$TMP/nonexistent.pcap"

# pktcapd -t lost its resolved config path (4 KiB) on every configuration error.
printf 'profile p {\n bogus = 1\n}\n' > "$TMP/bad.conf"
no_leak "pktcapd -t unknown key" "$PKTCAPD" -t -f "$TMP/bad.conf"
printf 'profile p {\n keep-age = 16000000000w\n}\ninterface lo { profiles = { p } }\n' > "$TMP/age.conf"
no_leak "pktcapd -t overflow" "$PKTCAPD" -t -f "$TMP/age.conf"
printf 'profile p {\n' > "$TMP/eof.conf"
no_leak "pktcapd -t parse error" "$PKTCAPD" -t -f "$TMP/eof.conf"
no_leak "pktcapd -t missing file" "$PKTCAPD" -t -f "$TMP/nonexistent.conf"
printf 'user = nosuchuser\nprofile p { }\ninterface lo { profiles = { p } }\n' > "$TMP/user.conf"
no_leak "pktcapd -t unknown user" "$PKTCAPD" -t -f "$TMP/user.conf"
pass
