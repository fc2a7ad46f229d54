#!/bin/bash
# export-overlap.sh: overlapping rings give each packet once (export, dump, summary), export selects rings, -w pcapng per ring, no forged statement
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv python3 sha256sum openssl capinfos
netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 200
}
profile udp {
	filter = "udp"
	rotate-packets = 100
}
interface $IF_CAP {
	profiles = { all, udp }
}
EOF2
start_pktcapd
chmod 755 "$TMP"
gid=$(getent group nogroup | cut -d: -f3)
reader() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$PKTCTL" -S "$TMP/pktcapd.sock" "$@"; }
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
send_pkts -c 250 -p udp --dport 7777 -r 1000
send_pkts -c 150 -p tcp --dport 80 -r 1000
wait_written "$IF_CAP/all" 400
wait_written "$IF_CAP/udp" 250
ctl rotate >/dev/null || fail "rotate failed"
sleep 1
ctl preserve "$IF_CAP" --since -1h --until now --case OV >/dev/null || fail "preserve of both rings failed"
case=$TMP/store/evidence/OV
all=$(for f in $(ls "$case" | grep -E -- "-all-.*\.pcap$"); do tcpdump -nn -r "$case/$f" 2>/dev/null; done | wc -l)
udp=$(for f in $(ls "$case" | grep -E -- "-all-.*\.pcap$"); do tcpdump -nn -r "$case/$f" udp 2>/dev/null; done | wc -l)
held_udp=$(for f in $(ls "$case" | grep -E -- "-udp-.*\.pcap$"); do tcpdump -nn -r "$case/$f" 2>/dev/null; done | wc -l)
[ "$udp" -ge 250 ] && [ "$held_udp" = "$udp" ] || fail "the rings do not overlap as planned: all $udp udp, udp ring $held_udp"
mkdir -m 777 "$TMP/out"

# 1. An export of the case holds every UDP packet once, and says how many copies it left out.
reader export --case OV -o "$TMP/out/u" udp >/dev/null || fail "export of the case failed"
n=$(count_file "$TMP/out/u/capture.pcap")
[ "$n" = "$udp" ] || fail "export of udp over both rings gives $n packets, not $udp"
# The packets' bytes, one hex line each, sorted: the export holds the all ring's UDP packets, each once.
bytes_of() { tcpdump -nn -xx -r - 2>/dev/null | awk '/^[^\t]/ { if (p != "") print p; p = "" } /^\t/ { p = p $0 } END { if (p != "") print p }' | sort; }
for f in $(ls "$case" | grep -E -- "-all-.*\.pcap$"); do tcpdump -w - -r "$case/$f" udp 2>/dev/null | bytes_of; done |
	sort > "$TMP/want.hex"
bytes_of < "$TMP/out/u/capture.pcap" | cmp -s - "$TMP/want.hex" ||
	fail "the export's packets are not the all ring's UDP packets, each once"
prov=$TMP/out/u/provenance.json
[ "$(jget 'j["duplicates_dropped"]' < "$prov")" = "$udp" ] ||
	fail "provenance counts $(jget 'j["duplicates_dropped"]' < "$prov") copies dropped, not $udp"
[ "$(jget 'j["capture"]["packets"]' < "$prov")" = "$udp" ] || fail "provenance's packet count"
stock_check "$TMP/out/u" || fail "the stock check fails on the export"

# 2. dump and summary of the interface count each packet once and report the drops.
ctl dump "$IF_CAP" -nn > "$TMP/dump.txt" 2> "$TMP/dump.err" || fail "dump of the interface failed"
[ "$(wc -l < "$TMP/dump.txt")" -ge "$all" ] || fail "dump of the interface lost packets"
[ "$(cut -d' ' -f2- "$TMP/dump.txt" | grep -c "\.7777: UDP")" = 250 ] ||
	fail "dump prints $(grep -c "\.7777: UDP" "$TMP/dump.txt") udp packets, not 250"
grep -q "^[0-9]* duplicate packets from overlapping rings dropped$" "$TMP/dump.err" ||
	fail "dump does not say how many copies it dropped: $(cat "$TMP/dump.err")"
ctl summary "$IF_CAP" --json > "$TMP/sum.json" || fail "summary failed"
d=$(jget 'j["duplicates_dropped"]' < "$TMP/sum.json")
p=$(jget 'j["packets"]' < "$TMP/sum.json")
[ "$d" -ge 250 ] || fail "summary dropped $d copies"
[ "$(ctl summary "$IF_CAP/all" --json | jget 'j["packets"]')" = "$p" ] ||
	fail "summary of the interface counts $p packets, the all ring alone another number"
ctl summary "$IF_CAP" | grep -q "^Duplicates: .* copies from overlapping rings dropped" ||
	fail "summary's text does not report the drops"

# 3. export --case C RING exports that ring alone.
reader export --case OV "$IF_CAP/udp" -o "$TMP/out/r" >/dev/null || fail "export of one ring of the case failed"
[ "$(count_file "$TMP/out/r/capture.pcap")" = "$held_udp" ] || fail "export of the udp ring holds other packets"
[ "$(jget 'j["rings"]' < "$TMP/out/r/provenance.json")" = "['$IF_CAP/udp']" ] ||
	fail "provenance does not name the ring asked for"
[ "$(jget 'set(s["ring"] for s in j["sources"]) == {"'"$IF_CAP/udp"'"}' < "$TMP/out/r/provenance.json")" = True ] ||
	fail "provenance lists sources of other rings"
[ "$(jget 'j["filter"]' < "$TMP/out/r/provenance.json")" = "" ] || fail "the ring word was taken as a filter"
out=$(reader export --case OV "$IF_CAP/nope" -o "$TMP/out/x" 2>&1) && fail "a ring the case lacks was taken as a filter"
# A filter the daemon cannot compile fails the export and leaves nothing that could pass for one.
out=$(reader export --case OV -o "$TMP/out/bad" tcp port 2>&1) && fail "a bad filter was accepted"
echo "$out" | grep -q "filter" || fail "a bad filter's message: $out"
[ -z "$(ls -A "$TMP/out/bad")" ] || fail "a failed export left $(ls -A "$TMP/out/bad")"
reader export --case OV -o "$TMP/out/u" >/dev/null 2>&1 && fail "an export into a directory with files in it"

# 4. -w over two rings is pcapng with one interface per ring; one ring is plain pcap.
ctl dump "$IF_CAP/all" "$IF_CAP/udp" -w "$TMP/two.pcapng" 2>/dev/null || fail "-w over two rings failed"
capinfos -t -I "$TMP/two.pcapng" > "$TMP/capinfos.txt" 2>&1
grep -q "pcapng" "$TMP/capinfos.txt" || fail "-w over two rings is not pcapng: $(head -3 "$TMP/capinfos.txt")"
[ "$(grep -c "Interface #[0-9]* info:" "$TMP/capinfos.txt")" = 2 ] || fail "pcapng without one IDB per ring"
names=$(tshark -r "$TMP/two.pcapng" -T fields -e frame.interface_name 2>/dev/null | sort -u | tr '\n' ' ')
[ "$names" = "$IF_CAP/all $IF_CAP/udp " ] || fail "pcapng interfaces are named '$names'"
ctl dump "$IF_CAP/all" -w "$TMP/one.pcap" || fail "-w of one ring failed"
capinfos -t "$TMP/one.pcap" | grep -q "pcap$" || fail "one ring is not plain pcap: $(capinfos -t "$TMP/one.pcap")"

# 5. Nobody can have the host sign a statement of their own.
python3 - "$TMP/pktcapd.sock" > "$TMP/sign.txt" <<'PY'
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
body = json.dumps({"cmd": "sign", "sums": "0" * 64 + "  capture.pcap\n"}).encode()
s.sendall(b"PK\x01\x01" + struct.pack(">I", len(body)) + body)
hdr = s.recv(8)
print(s.recv(struct.unpack(">I", hdr[4:])[0]).decode())
PY
grep -q '"ok": *false' "$TMP/sign.txt" && grep -q 'unknown command' "$TMP/sign.txt" ||
	fail "the sign request is not refused: $(cat "$TMP/sign.txt")"
cp -a "$TMP/out/u" "$TMP/forged"
flip_byte "$TMP/forged/capture.pcap" 60
stock_check "$TMP/forged" && fail "an edited capture.pcap passes the stock check"
(cd "$TMP/forged" && sha256sum capture.pcap provenance.json > SHA256SUMS)
stock_check "$TMP/forged" && fail "an edited capture.pcap with sums made again passes the stock check"
# pktctl verify --dir (the evv lane's) agrees, where this pktctl has it.
if "$PKTCTL" verify --help 2>&1 | grep -q -- "--dir"; then
	"$PKTCTL" verify --dir "$TMP/out/u" --key "$TMP/key.pem" >/dev/null ||
		fail "pktctl verify --dir refuses an untouched export"
	"$PKTCTL" verify --dir "$TMP/forged" --key "$TMP/key.pem" >/dev/null 2>&1 &&
		fail "pktctl verify --dir accepts a forged export"
fi
pass
