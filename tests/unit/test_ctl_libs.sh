#!/bin/sh
# test_ctl_libs.sh: pktctl starts without libpcap, libsystemd and libcrypto, and still writes and filters pcap as libpcap does and verifies with libcrypto
# SPDX-License-Identifier: BSD-2-Clause
#
# pktctl is linked without libpcap (ctl/pcaplazy.c writes pcap itself and
# loads libpcap only to compile a filter) and without libsystemd: on Debian
# those two bring eight libraries to load at every start. The pcap it writes
# must be byte for byte what tcpdump writes from the same input, with and
# without a filter and at micro- and nanosecond precision. libcrypto is
# loaded (ctl/cryptolazy.c) only by the commands that hash or check a
# signature: verify must still tell a good directory from an altered one.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

PKTCTL=${PKTCTL:-$top_builddir/ctl/pktctl}
command -v readelf > /dev/null || skip "no readelf"
command -v tcpdump > /dev/null || skip "no tcpdump"

needed=$(readelf -d "$PKTCTL" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
case $needed in
*libpcap*|*libsystemd*|*libdbus*|*libcrypto*) fail "pktctl links $(echo "$needed" | tr "\n" " ")" ;;
esac

TMP=$(mktemp -d /tmp/pktcap-test.XXXXXX) || hard_error "mktemp"
trap 'rm -rf "$TMP"' EXIT
in=$top_srcdir/tests/decode/pcaps/base-tcp-udp.pcap
[ -f "$in" ] || hard_error "no $in"
loads() {	# PKTCTL-ARGS: the libraries the dynamic loader opened, dlopen included
	LD_DEBUG=libs "$PKTCTL" "$@" 2>&1 > /dev/null | grep -o 'lib[a-z0-9_-]*\.so[.0-9]*' | sort -u
}
# Start-up and the commonest commands must not load them either (nothing pulls them in indirectly).
for args in "--version" "-S $TMP/no.sock status" "dump -r $in -w $TMP/x.pcap"; do
	# shellcheck disable=SC2086
	maps=$(loads $args)
	case $maps in
	*libpcap*|*libsystemd*|*libdbus*|*libcrypto*) fail "pktctl $args loads: $(echo "$maps" | tr "\n" " ")" ;;
	esac
done
same() {	# NAME PKTCTL-ARGS -- TCPDUMP-ARGS: both write the same bytes
	name=$1
	shift
	a="" b=""
	while [ "$1" != -- ]; do a="$a $1"; shift; done
	shift
	b="$*"
	# shellcheck disable=SC2086
	"$PKTCTL" dump -r "$src" -w "$TMP/a.pcap" $a 2> "$TMP/err" || fail "$name: pktctl: $(cat "$TMP/err")"
	# shellcheck disable=SC2086
	tcpdump -r "$src" -w "$TMP/b.pcap" $b 2> /dev/null || hard_error "$name: tcpdump failed"
	cmp -s "$TMP/a.pcap" "$TMP/b.pcap" || fail "$name: pktctl's pcap differs from tcpdump's"
}
src=$in
same "plain copy" --
same "filter" tcp --  tcp
same "nanoseconds" --time-stamp-precision=nano -- --time-stamp-precision=nano
same "nanoseconds, filter" --time-stamp-precision=nano udp -- --time-stamp-precision=nano udp
# verify --dir (offline, common/evcheck.c) loads libcrypto and still checks
# hashes and the Ed25519 signature: a directory signed with openssl passes, an
# altered file or signature fails.
if command -v openssl > /dev/null && openssl genpkey -algorithm ed25519 -out "$TMP/key.pem" 2> /dev/null; then
	openssl pkey -in "$TMP/key.pem" -pubout -out "$TMP/host.pem" || hard_error "openssl pkey"
	d=$TMP/export
	mkdir "$d" || hard_error "mkdir"
	cp "$in" "$d/capture.pcap" || hard_error "cp"
	printf '{"format": "pktcap-export-2", "capture": {"file": "capture.pcap", "sha256": "%s", "size": %s, "packets": %s}}\n' \
		"$(sha256sum "$in" | cut -c1-64)" "$(wc -c < "$in")" "$(tcpdump -nr "$in" 2> /dev/null | wc -l)" > "$d/provenance.json"
	(cd "$d" && sha256sum capture.pcap provenance.json > SHA256SUMS &&
		openssl pkeyutl -sign -inkey "$TMP/key.pem" -rawin -in SHA256SUMS -out SHA256SUMS.sig) ||
		hard_error "signing"
	case $(loads verify --dir "$d" --key "$TMP/host.pem") in
	*libcrypto*) ;;
	*) fail "verify did not load libcrypto" ;;
	esac
	"$PKTCTL" verify --dir "$d" --key "$TMP/host.pem" > "$TMP/out" 2>&1 || fail "a good export does not verify: $(cat "$TMP/out")"
	grep -q "^OK" "$TMP/out" || fail "verify: $(cat "$TMP/out")"
	cp "$d/SHA256SUMS.sig" "$TMP/sig"
	# Byte 10 inverted, not set to a constant it may already hold (one run in 256).
	b=$(od -An -tu1 -j 10 -N1 "$d/SHA256SUMS.sig" | tr -d ' ')
	printf "\\$(printf %03o $((b ^ 255)))" | dd of="$d/SHA256SUMS.sig" bs=1 seek=10 conv=notrunc 2> /dev/null
	cmp -s "$d/SHA256SUMS.sig" "$TMP/sig" && fail "the signature was not changed"
	"$PKTCTL" verify --dir "$d" --key "$TMP/host.pem" > "$TMP/out" 2>&1 && fail "a bad signature verifies"
	grep -q "bad signature" "$TMP/out" || fail "bad signature not named: $(cat "$TMP/out")"
	cp "$TMP/sig" "$d/SHA256SUMS.sig"
	printf 'x' >> "$d/capture.pcap"
	"$PKTCTL" verify --dir "$d" --key "$TMP/host.pem" > "$TMP/out" 2>&1 && fail "an altered capture verifies"
	grep -q "capture.pcap: altered" "$TMP/out" || fail "altered file not named: $(cat "$TMP/out")"
fi
# An unwritable output names the file, as before.
"$PKTCTL" dump -r "$in" -w "$TMP/no/such" 2> "$TMP/err" && fail "writing into a missing directory succeeded"
grep -q "No such file or directory" "$TMP/err" || fail "no reason given: $(cat "$TMP/err")"
pass
