#!/bin/bash
# evidence-export.sh: export writes exactly what tcpdump selects over the held files, with provenance and sums the daemon signed; the case is unchanged
# SPDX-License-Identifier: BSD-2-Clause
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
# The receiver's check with stock tools only (docs/evidence.md, step 4), inside DIR.
stock_check() {
	(cd "$1" &&
		openssl pkeyutl -verify -pubin -inkey "$TMP/key.pem" -rawin -in SHA256SUMS \
			-sigfile SHA256SUMS.sig >/dev/null 2>&1 &&
		sha256sum --strict -c SHA256SUMS >/dev/null 2>&1 &&
		diff <(ls -A | LC_ALL=C sort) \
			<({ cut -c67- SHA256SUMS; printf '%s\n' SHA256SUMS SHA256SUMS.sig; } | LC_ALL=C sort) \
			>/dev/null)
}
ctl key > "$TMP/key.pem"
send_pkts -c 300 -p udp --dport 5353 -r 500
send_pkts -c 300 -p udp --dport 7777 -r 500
wait_written "$IF_CAP/all" 600
case=$TMP/store/evidence/E-1
ctl preserve "$IF_CAP/all" --since -1h --until now --case E-1 >/dev/null || fail "preserve failed"
before=$(cd "$case" && sha256sum -- * | sort)

# A window inside the case, and a filter: compared with tcpdump over the held files.
# The window holds the end of the port 5353 burst and the start of the 7777
# one, wherever the second began: the time between the two senders is not
# fixed (under TSan it passed the 0.3 s a window from the first packet allowed).
mapfile -t files < <(ls "$case" | grep -E '\.pcap$' | sort)
held_times()		# filter: the times of the held packets it matches, in order
{
	for f in "${files[@]}"; do tcpdump -tt -nn -r "$case/$f" "$@" 2>/dev/null; done | cut -d' ' -f1
}
last53=$(held_times udp dst port 5353 | awk 'END { print }')
first77=$(held_times udp dst port 7777 | awk 'NR == 1')
[ -n "$last53" ] && [ -n "$first77" ] || fail "the case does not hold both bursts"
since=$(python3 -c "print('%.6f' % ($last53 - 0.3))")
until=$(python3 -c "print('%.6f' % ($first77 + 0.3))")
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
stock_check "$TMP/out/a" || fail "the stock receiver check fails on an untouched export"
[ "$(ls -A "$TMP/out/a" | LC_ALL=C sort | tr '\n' ' ')" = "SHA256SUMS SHA256SUMS.sig capture.pcap provenance.json " ] ||
	fail "the export directory holds $(ls -A "$TMP/out/a")"
n=$(wc -l < "$TMP/want.txt")
prov=$TMP/out/a/provenance.json
[ "$(jget 'j["format"]' < "$prov")" = pktcap-export-2 ] || fail "provenance is not pktcap-export-2"
[ "$(jget 'j["capture"]["packets"]' < "$prov")" = "$n" ] ||
	fail "provenance counts $(jget 'j["capture"]["packets"]' < "$prov"), not $n"
[ "$(jget 'j["capture"]["file"]' < "$prov")" = capture.pcap ] || fail "provenance names another capture file"
[ "$(jget 'j["capture"]["sha256"]' < "$prov")" = "$(sha256sum < "$TMP/out/a/capture.pcap" | cut -d' ' -f1)" ] ||
	fail "provenance's capture hash is not the capture's"
[ "$(jget 'j["capture"]["size"]' < "$prov")" = "$(stat -c %s "$TMP/out/a/capture.pcap")" ] ||
	fail "provenance's capture size is not the capture's"
[ "$(jget 'len(j["sources"])' < "$prov")" = "${#files[@]}" ] || fail "provenance does not list every source"
[ "$(jget 'j["sources"][0]["sha256"]' < "$prov")" = "$(sha256sum "$case/${files[0]}" | cut -d' ' -f1)" ] ||
	fail "provenance does not carry the sources' seals"
[ "$(jget 'j["filter"]' < "$prov")" = "udp port 7777" ] || fail "provenance does not carry the filter"
[ "$(jget 'j["requester"]["uid"]' < "$prov")" = 23456 ] ||
	fail "provenance does not name the requester as the kernel saw them"
[ "$(jget 'j["case"]' < "$prov")" = E-1 ] && jget 'j["case_head"]' < "$prov" | grep -q "^pktcap-manifest case=E-1 " ||
	fail "provenance does not carry the case and its signed head"

# The whole case, gzip, no filter: every held packet.
reader export --case E-1 -z -o "$TMP/out/b" >/dev/null || fail "export -z failed"
want=0
for f in "${files[@]}"; do want=$((want + $(count_file "$case/$f"))); done
[ "$(count_file "$TMP/out/b/capture.pcap.gz")" = "$want" ] || fail "export -z does not hold all $want packets"
stock_check "$TMP/out/b" || fail "the stock check fails on the gzip export"
[ "$(jget 'j["capture"]["file"]' < "$TMP/out/b/provenance.json")" = capture.pcap.gz ] ||
	fail "provenance of a gzip export does not name capture.pcap.gz"
# The daemon's gzip is deterministic: the same selection gives the same bytes.
reader export --case E-1 -z -o "$TMP/out/b2" >/dev/null || fail "export -z failed (again)"
cmp -s "$TMP/out/b/capture.pcap.gz" "$TMP/out/b2/capture.pcap.gz" || fail "two gzip exports of one selection differ"
# A ring window, no case.
reader export "$IF_CAP/all" --since "@$since" --until "@$until" -o "$TMP/out/c" udp port 7777 >/dev/null ||
	fail "export of a ring window failed"
tcpdump -tt -nn -r "$TMP/out/c/capture.pcap" 2>/dev/null | cmp -s - "$TMP/want.txt" ||
	fail "the ring export differs from tcpdump"
stock_check "$TMP/out/c" || fail "the stock check fails on a ring export"
[ "$(jget 'j["sources"][0]["ring"]' < "$TMP/out/c/provenance.json")" = "$IF_CAP/all" ] ||
	fail "a ring export's provenance does not list the ring's files"
# A case of two rings that overlap (all holds every mdns packet too): one stream,
# in time order, holding every packet once.
ctl preserve "$IF_CAP" --since -1h --until now --case E-2 >/dev/null || fail "preserve of two rings failed"
[ "$(ctl cases --json | jget '[c for c in j["result"]["cases"] if c["case"] == "E-2"][0]["held_files"].__len__()')" -gt "${#files[@]}" ] ||
	fail "E-2 does not hold the files of both rings"
reader export --case E-2 -o "$TMP/out/d" >/dev/null || fail "export of two rings failed"
tcpdump -tt -nn -r "$TMP/out/d/capture.pcap" 2>/dev/null > "$TMP/got2.txt"
sort -c -s -n -k1,1 "$TMP/got2.txt" || fail "the export of two rings is not in time order"
for f in $(ls "$TMP/store/evidence/E-2" | grep -E '^[^.]*-all-.*\.pcap$'); do
	tcpdump -tt -nn -r "$TMP/store/evidence/E-2/$f" 2>/dev/null
done | cut -d' ' -f2- | sort > "$TMP/want2.txt"
# Each ring's socket stamps its own copy (microseconds apart): the first copy in time is kept.
cut -d' ' -f2- "$TMP/got2.txt" | sort | cmp -s - "$TMP/want2.txt" ||
	fail "the export of two rings lacks or adds packets"
[ "$(wc -l < "$TMP/got2.txt")" = 600 ] || fail "expected 600 packets, each once, got $(wc -l < "$TMP/got2.txt")"
[ "$(jget 'j["duplicates_dropped"]' < "$TMP/out/d/provenance.json")" = 300 ] ||
	fail "provenance does not count the 300 copies the mdns ring held"
# Exporting never changes the case.
[ "$(cd "$case" && sha256sum -- * | sort)" = "$before" ] || fail "export changed the case"
ctl verify --case E-1 | grep -q "^OK" || fail "the case does not verify after export"
pass
