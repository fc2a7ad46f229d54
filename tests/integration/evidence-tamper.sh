#!/bin/bash
# evidence-tamper.sh: verify names a flipped byte, a cut file, a missing or extra file, a removed or reordered manifest line and a swapped signature; openssl checks the signature
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 openssl
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
send_pkts -c 500 -r 1000
wait_written "$IF_CAP/all" 500
wait_indexer
case=$TMP/store/evidence/T-1
ctl preserve --since -1h --until now --case T-1 --note tamper >/dev/null || fail "preserve failed"
ctl verify --case T-1 | grep -q "^OK" || fail "a fresh case does not verify"

# The signature, with nothing but openssl and the public key.
ctl key > "$TMP/key.pem" || fail "pktctl key failed"
grep -q "BEGIN PUBLIC KEY" "$TMP/key.pem" || fail "pktctl key printed no PEM key"
out=$(openssl pkeyutl -verify -pubin -inkey "$TMP/key.pem" -rawin -in "$case/HEAD" \
	-sigfile "$case/MANIFEST.sig" 2>&1) || fail "openssl does not verify the signature: $out"
echo "$out" | grep -q "Signature Verified Successfully" || fail "openssl: $out"
grep -q "head=$(python3 -c "
import hashlib; print(hashlib.sha256(open('$case/MANIFEST','rb').read().splitlines(True)[-1]).hexdigest())")" \
	"$case/HEAD" || fail "HEAD does not name the hash of the manifest's last line"

mapfile -t files < <(ls "$case" | grep -E '\.pcap$' | sort)
[ "${#files[@]}" -ge 4 ] || fail "only ${#files[@]} files held"
expect() { # expect WHAT PATTERN: verify fails and its output matches
	out=$(ctl verify --case T-1 2>&1) && fail "$1: verify passed: $out"
	echo "$out" | grep -Eq "$2" || fail "$1: verify did not say so: $out"
	log "$1: $(echo "$out" | grep -E "$2" | head -1)"
}
cp -a "$case" "$TMP/orig"
restore() { rm -rf "$case"; cp -a "$TMP/orig" "$case"; ctl verify --case T-1 >/dev/null || fail "restored case does not verify"; }

# A byte flipped in the middle of a held file.
python3 - "$case/${files[0]}" <<'PY'
import sys
f = open(sys.argv[1], 'r+b'); f.seek(1000); b = f.read(1); f.seek(1000); f.write(bytes([b[0] ^ 1]))
PY
expect "flipped byte" "^${files[0]}: altered: same size"
restore
truncate -s -10 "$case/${files[1]}"
expect "truncated" "^${files[1]}: truncated: [0-9]+ bytes, sealed at [0-9]+"
restore
rm "$case/${files[2]}"
expect "missing" "^${files[2]}: missing file"
restore
echo x > "$case/planted.pcap"
expect "extra" "^planted.pcap: extra file"
restore
sed -i 2d "$case/MANIFEST"
expect "deleted line" "chain broken"
restore
sed -i '$d' "$case/MANIFEST"
expect "last line deleted" "HEAD: does not match"
restore
python3 - "$case/MANIFEST" <<'PY'
import sys
l = open(sys.argv[1], 'rb').read().splitlines(True); l[1], l[2] = l[2], l[1]
open(sys.argv[1], 'wb').write(b''.join(l))
PY
expect "reordered" "chain broken|reordered"
restore
head -c 64 /dev/urandom > "$case/MANIFEST.sig"
expect "swapped signature" "MANIFEST.sig: bad signature"
openssl pkeyutl -verify -pubin -inkey "$TMP/key.pem" -rawin -in "$case/HEAD" \
	-sigfile "$case/MANIFEST.sig" >/dev/null 2>&1 && fail "openssl verified a swapped signature"
restore
# A changed value with its chain forged below it is still caught: the signed HEAD no longer matches.
python3 - "$case/MANIFEST" <<'PY'
import hashlib, sys
l = open(sys.argv[1], 'rb').read().splitlines(True)
l[0] = l[0].replace(b'note=tamper', b'note=forged')
for i in range(1, len(l)):
    h = hashlib.sha256(l[i - 1]).hexdigest().encode()
    l[i] = l[i][:l[i].rindex(b'prev=') + 5] + h + b'\n'
open(sys.argv[1], 'wb').write(b''.join(l))
PY
expect "re-chained forgery" "HEAD: does not match"
restore
pass
