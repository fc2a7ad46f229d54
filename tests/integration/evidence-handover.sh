#!/bin/bash
# evidence-handover.sh: a copied case proves itself to another user with openssl, sha256sum and pktctl verify --dir, no daemon; every forgery fails both
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 openssl sha256sum setpriv
netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 100
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 400 -r 1000
wait_written "$IF_CAP/all" 400
wait_indexer
# The longest id there is: HEAD is then longer than any fixed buffer it was ever read into.
ID=HO-$(printf 'x%.0s' $(seq 61))
case=$TMP/store/evidence/$ID
ctl preserve --since -1h --until now --case "$ID" --note "hand-over" >/dev/null || fail "preserve failed"
out=$(ctl verify --case "$ID") || fail "a fresh case with a 64-character id does not verify: $out"
ctl key > "$TMP/host.pem" || fail "pktctl key failed"
[ -f "$case/SHA256SUMS" ] && [ -f "$case/SHA256SUMS.sig" ] || fail "the case has no SHA256SUMS(.sig)"

# On the host: SHA256SUMS edited, cut or deleted makes verify --case fail.
cp -a "$case" "$TMP/orig"
host_forged() { # WHAT PATTERN
	out=$(ctl verify --case "$ID" 2>&1) && fail "host, $1: verify --case passed: $out"
	echo "$out" | grep -Eq "$2" || fail "host, $1: verify --case did not say so: $out"
	log "host, $1: $out"
	rm -rf "$case" && cp -a "$TMP/orig" "$case"
}
sed -i '1s/^./0/; 1s/^0/1/' "$case/SHA256SUMS"
cmp -s "$case/SHA256SUMS" "$TMP/orig/SHA256SUMS" && sed -i '1s/^./2/' "$case/SHA256SUMS"
host_forged "SHA256SUMS edited" "^SHA256SUMS: does not match the manifest"
truncate -s -20 "$case/SHA256SUMS"
host_forged "SHA256SUMS cut" "^SHA256SUMS: does not match the manifest"
rm "$case/SHA256SUMS"
host_forged "SHA256SUMS deleted" "^SHA256SUMS: missing file"
ctl verify --case "$ID" >/dev/null || fail "the restored case does not verify"
# An export of the case, in the agreed format, is handed over the same way below.
ctl export --case "$ID" -o "$TMP/export" >/dev/null 2>&1
grep -q '"pktcap-export-2"' "$TMP/export/provenance.json" 2>/dev/null && have_export=1 ||
	log "export does not write the pktcap-export-2 format yet: its hand-over is not tested"
stop_pktcapd

# The receiver: another user, a directory of theirs, no daemon, no root.
RECV=$TMP/recv
mkdir -p "$RECV"
cp "$TMP/host.pem" "$RECV/host.pem"
cp "$PKTCTL" "$RECV/pktctl"
chown -R nobody:nogroup "$RECV"
as_recv() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
fresh() { # NAME: a copy of the case for the receiver
	rm -rf "${RECV:?}/$1"
	cp -r "$TMP/orig" "$RECV/$1"
	chmod -R u+w "$RECV/$1"
	chown -R nobody:nogroup "$RECV/$1"
	echo "$RECV/$1"
}
# docs/evidence.md, "Hand it over", step 4, word for word.
stock_check() {
	as_recv bash -c 'cd "$1" &&
		openssl pkeyutl -verify -pubin -inkey ../host.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig &&
		sha256sum --strict -c SHA256SUMS &&
		diff <(ls -A | LC_ALL=C sort) <({ cut -c67- SHA256SUMS; printf "%s\n" SHA256SUMS SHA256SUMS.sig; } | LC_ALL=C sort)' \
		_ "$1" >"$TMP/stock.out" 2>&1
}
pktctl_check() { as_recv "$RECV/pktctl" verify --dir "$1" --key "$RECV/host.pem" >"$TMP/verify.out" 2>&1; }

d=$(fresh good)
stock_check "$d" || fail "the stock-tool check fails on an untouched copy: $(cat "$TMP/stock.out")"
grep -q "Signature Verified Successfully" "$TMP/stock.out" || fail "openssl: $(cat "$TMP/stock.out")"
pktctl_check "$d" || fail "pktctl verify --dir fails on an untouched copy: $(cat "$TMP/verify.out")"
grep -q "^OK: " "$TMP/verify.out" || fail "pktctl verify --dir: $(cat "$TMP/verify.out")"
log "untouched copy: stock tools and pktctl verify --dir agree it is whole"
as_recv "$RECV/pktctl" verify --dir "$d" >/dev/null 2>&1
[ $? = 2 ] || fail "verify --dir without --key is not a usage error (exit 2)"

forged() { # WHAT PATTERN: both checks fail on $d, pktctl naming it
	stock_check "$d" && fail "$1: the stock-tool check passed: $(cat "$TMP/stock.out")"
	pktctl_check "$d"
	rc=$?
	[ "$rc" = 1 ] || fail "$1: pktctl verify --dir exited $rc: $(cat "$TMP/verify.out")"
	grep -Eq "$2" "$TMP/verify.out" || fail "$1: pktctl verify --dir did not say so: $(cat "$TMP/verify.out")"
	log "$1: $(tr '\n' ' ' < "$TMP/verify.out")"
}
mapfile -t pcaps < <(cd "$TMP/orig" && ls | grep -E '\.pcap$' | LC_ALL=C sort)
[ "${#pcaps[@]}" -ge 3 ] || fail "only ${#pcaps[@]} files held"

# Issue 17 item 1: four bytes of a held pcap changed, SHA256SUMS regenerated with sha256sum.
d=$(fresh four-bytes)
printf 'EVIL' | dd of="$d/${pcaps[1]}" bs=1 seek=200 conv=notrunc status=none
(cd "$d" && cut -c67- SHA256SUMS | xargs sha256sum > S.new && mv S.new SHA256SUMS)
forged "4 bytes changed, SHA256SUMS regenerated" "^${pcaps[1]}: altered"
grep -q "^SHA256SUMS: " "$TMP/verify.out" || fail "the regenerated SHA256SUMS is not named"

d=$(fresh sums-edited)
python3 - "$d/SHA256SUMS" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read()); b[5] = ord('0') if b[5] != ord('0') else ord('1')
open(sys.argv[1], 'wb').write(b)
PY
forged "SHA256SUMS edited" "^SHA256SUMS: does not match the manifest"
d=$(fresh sums-cut)
truncate -s -67 "$d/SHA256SUMS"
forged "SHA256SUMS cut" "^SHA256SUMS: does not match the manifest"
d=$(fresh sums-deleted)
rm "$d/SHA256SUMS"
forged "SHA256SUMS deleted" "^SHA256SUMS: missing file"
d=$(fresh added)
echo planted > "$d/planted.pcap"
forged "a file added" "^planted.pcap: extra file"
d=$(fresh removed)
rm "$d/${pcaps[0]}"
forged "a file removed" "^${pcaps[0]}: missing file"
d=$(fresh head)
sed -i 's/entries=\([0-9]*\)/entries=1\1/' "$d/HEAD"
forged "HEAD edited" "^HEAD: altered"
d=$(fresh sig)
python3 - "$d/MANIFEST.sig" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read()); b[10] ^= 0x40
open(sys.argv[1], 'wb').write(b)
PY
forged "MANIFEST.sig edited" "^MANIFEST.sig: bad signature"
d=$(fresh last-line)
python3 - "$d/MANIFEST" <<'PY'
import sys
l = open(sys.argv[1], 'rb').read().splitlines(True)
l[-1] = l[-1].replace(b'note=hand-over', b'note=hand-ovEr')
open(sys.argv[1], 'wb').write(b''.join(l))
PY
cmp -s "$d/MANIFEST" "$TMP/orig/MANIFEST" && hard_error "the last line was not changed"
forged "last MANIFEST line edited" "^HEAD: does not match the manifest"
grep -q "bad signature" "$TMP/verify.out" && fail "a changed last line is called a bad signature"

if [ -n "${have_export:-}" ]; then
	rm -rf "$TMP/orig" && cp -a "$TMP/export" "$TMP/orig"
	cap=$(cd "$TMP/orig" && ls | grep -E '^capture\.pcap')
	d=$(fresh export)
	stock_check "$d" || fail "export: the stock-tool check fails: $(cat "$TMP/stock.out")"
	pktctl_check "$d" || fail "export: pktctl verify --dir fails: $(cat "$TMP/verify.out")"
	log "export: the stock tools and pktctl verify --dir agree it is whole"
	d=$(fresh export-flip)
	printf 'EVIL' | dd of="$d/$cap" bs=1 seek=100 conv=notrunc status=none
	forged "export: 4 bytes of the capture changed" "^$cap: altered"
	(cd "$d" && cut -c67- SHA256SUMS | xargs sha256sum > S.new && mv S.new SHA256SUMS)
	forged "export: and SHA256SUMS regenerated" "^SHA256SUMS.sig: bad signature"
	d=$(fresh export-prov)
	sed -i 's/"pktcap-export-2"/"pktcap-export-3"/' "$d/provenance.json"
	forged "export: provenance.json edited" "^provenance.json: altered"
	d=$(fresh export-extra)
	echo more > "$d/notes.txt"
	forged "export: a file added" "^notes.txt: extra file"
	d=$(fresh export-removed)
	rm "$d/provenance.json"
	forged "export: provenance.json removed" "^provenance.json: missing file"
fi
pass
