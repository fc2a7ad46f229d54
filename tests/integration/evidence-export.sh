#!/bin/bash
# evidence-export.sh: export writes exactly what tcpdump selects over the held files, with provenance and signed sums; the case is unchanged
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv python3 sha256sum openssl
netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 150
}
profile mdns {
	filter = "udp port 5353"
	rotate-packets = 100
}
interface $IF_CAP {
	profiles = { all, mdns }
}
EOF2
start_pktcapd
chmod 755 "$TMP"
gid=$(getent group nogroup | cut -d: -f3)
reader() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$PKTCTL" -S "$TMP/pktcapd.sock" "$@"; }
send_pkts -c 300 -p udp --dport 5353 -r 500
send_pkts -c 300 -p udp --dport 7777 -r 500
wait_written "$IF_CAP/all" 600
case=$TMP/store/evidence/E-1
ctl preserve "$IF_CAP/all" --since -1h --until now --case E-1 >/dev/null || fail "preserve failed"
before=$(cd "$case" && sha256sum -- * | sort)

# A window inside the case, and a filter: compared with tcpdump over the held files.
mapfile -t files < <(ls "$case" | grep -E '\.pcap$' | sort)
t0=$(tcpdump -tt -nr "$case/${files[0]}" 2>/dev/null | head -1 | cut -d' ' -f1)
since=$(python3 -c "print('%.6f' % ($t0 + 0.2))")
until=$(python3 -c "print('%.6f' % ($t0 + 0.9))")
mkdir -m 777 "$TMP/out"
out=$(reader export --case E-1 --since "@$since" --until "@$until" -o "$TMP/out/a" udp port 7777 2>&1) ||
	fail "a reader could not export: $out"
log "$out"
for f in "${files[@]}"; do tcpdump -tt -nn -r "$case/$f" udp port 7777 2>/dev/null; done |
	awk -v a="$since" -v b="$until" '$1 >= a && $1 < b' > "$TMP/want.txt"
tcpdump -tt -nn -r "$TMP/out/a/capture.pcap" 2>/dev/null > "$TMP/got.txt"
[ -s "$TMP/want.txt" ] || fail "the test selects no packets"
cmp -s "$TMP/want.txt" "$TMP/got.txt" ||
	fail "export differs from tcpdump: $(diff "$TMP/want.txt" "$TMP/got.txt" | head -5)"
(cd "$TMP/out/a" && sha256sum -c SHA256SUMS >/dev/null) || fail "sha256sum -c failed on the export"
ctl key > "$TMP/key.pem"
tail -n +2 "$TMP/out/a/SHA256SUMS.signed" | cmp -s - "$TMP/out/a/SHA256SUMS" ||
	fail "SHA256SUMS.signed does not carry SHA256SUMS"
openssl pkeyutl -verify -pubin -inkey "$TMP/key.pem" -rawin -in "$TMP/out/a/SHA256SUMS.signed" \
	-sigfile "$TMP/out/a/SHA256SUMS.sig" | grep -q "Signature Verified Successfully" ||
	fail "openssl does not verify the export's signature"
head -1 "$TMP/out/a/SHA256SUMS.signed" | grep -q "^pktcap-export uid=23456 " ||
	fail "the signed sums do not name who exported: $(head -1 "$TMP/out/a/SHA256SUMS.signed")"
n=$(wc -l < "$TMP/want.txt")
prov=$TMP/out/a/provenance.json
[ "$(jget 'j["packets"]' < "$prov")" = "$n" ] || fail "provenance counts $(jget 'j["packets"]' < "$prov"), not $n"
[ "$(jget 'len(j["sources"])' < "$prov")" = "${#files[@]}" ] || fail "provenance does not list every source"
[ "$(jget 'j["sources"][0]["sha256"]' < "$prov")" = "$(sha256sum "$case/${files[0]}" | cut -d' ' -f1)" ] ||
	fail "provenance does not carry the sources' seals"
[ "$(jget 'j["filter"]' < "$prov")" = "udp port 7777" ] || fail "provenance does not carry the filter"

# The whole case, gzip, no filter: every held packet.
reader export --case E-1 -z -o "$TMP/out/b" >/dev/null || fail "export -z failed"
want=0
for f in "${files[@]}"; do want=$((want + $(count_file "$case/$f"))); done
[ "$(count_file "$TMP/out/b/capture.pcap.gz")" = "$want" ] || fail "export -z does not hold all $want packets"
(cd "$TMP/out/b" && sha256sum -c SHA256SUMS >/dev/null) || fail "sha256sum -c failed on the gzip export"
# A ring window, no case.
reader export "$IF_CAP/all" --since "@$since" --until "@$until" -o "$TMP/out/c" udp port 7777 >/dev/null ||
	fail "export of a ring window failed"
tcpdump -tt -nn -r "$TMP/out/c/capture.pcap" 2>/dev/null | cmp -s - "$TMP/want.txt" ||
	fail "the ring export differs from tcpdump"
# A case of two rings: one stream, in time order, holding every packet of both.
ctl preserve "$IF_CAP" --since -1h --until now --case E-2 >/dev/null || fail "preserve of two rings failed"
[ "$(ctl cases --json | jget '[c for c in j["result"]["cases"] if c["case"] == "E-2"][0]["held_files"].__len__()')" -gt "${#files[@]}" ] ||
	fail "E-2 does not hold the files of both rings"
reader export --case E-2 -o "$TMP/out/d" >/dev/null || fail "export of two rings failed"
tcpdump -tt -nn -r "$TMP/out/d/capture.pcap" 2>/dev/null > "$TMP/got2.txt"
sort -c -s -n -k1,1 "$TMP/got2.txt" || fail "the export of two rings is not in time order"
for f in $(ls "$TMP/store/evidence/E-2" | grep -E '\.pcap$'); do
	tcpdump -tt -nn -r "$TMP/store/evidence/E-2/$f" 2>/dev/null
done | sort > "$TMP/want2.txt"
sort "$TMP/got2.txt" | cmp -s - "$TMP/want2.txt" || fail "the export of two rings lacks or adds packets"
[ "$(wc -l < "$TMP/got2.txt")" = 900 ] || fail "expected 600 + 300 packets from the two rings, got $(wc -l < "$TMP/got2.txt")"
# Exporting never changes the case.
[ "$(cd "$case" && sha256sum -- * | sort)" = "$before" ] || fail "export changed the case"
ctl verify --case E-1 | grep -q "^OK" || fail "the case does not verify after export"
pass
