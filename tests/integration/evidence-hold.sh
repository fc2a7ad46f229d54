#!/bin/bash
# evidence-hold.sh: a preserved window survives rotation every second and shrinking retention, and verifies
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 sha256sum openssl
netns_setup
conf() {
	write_conf <<EOF2
profile all {
	rotate-interval = 1s
	keep-files = $1
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
}
conf 30
start_pktcapd
[ "$(stat -c '%a %U' "$TMP/state/evidence-key.pem")" = "600 nobody" ] ||
	fail "the evidence key is $(stat -c '%a %U' "$TMP/state/evidence-key.pem"), expected 600 nobody"
dir=$(ring_dir "$IF_CAP" all)

# What a failure needs to tell a slow capture from traffic that never
# arrived: the ring's counters, both ends' kernel counters, the generator.
diag() {
	echo "the ring: $(ctl status --json "$IF_CAP/all" | jget '" ".join("%s=%s" % (k, v)
		for k, v in j["result"]["rings"][0].items() if k.startswith(("state", "packets", "dropped", "files")))' 2>&1)"
	echo "its files: $(ls "$dir" 2>&1 | tr '\n' ' ')"
	ip -n "$NS_CAP" -s link show "$IF_CAP" 2>&1
	ip -n "$NS_PEER" -s link show "$IF_PEER" 2>&1
	echo "the generator: $(cat "$TMP/gen.out" 2>&1)"
	echo "the daemon, without its clients:"
	grep -v "control client" "$TMP/pktcapd.log" | tail -n 20
}
written() { ring_field "$IF_CAP/all" packets_written; }

# Load for 20 s; the window is 3 s long and starts at least 3 s into it,
# once packets are stored (the start is logged: a slow one shows here).
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -c 0 -d 20 -r 500 > "$TMP/gen.out" 2>&1 &
gen=$!
t0=$(date +%s%N)
sleep 3
while [ "$(( ($(date +%s%N) - t0) / 1000000 ))" -lt 15000 ]; do [ "$(written)" -gt 0 ] && break; sleep 0.1; done
[ "$(written)" -gt 0 ] || fail "no packet stored 15 s after the load started; $(diag)"
log "packets stored $(( ($(date +%s%N) - t0) / 1000000 )) ms after the load started"
since=$(date +%s.%N)
sleep 3
until=$(date +%s.%N)
sleep 0.5
out=$(ctl preserve --since "@$since" --until "@$until" --case INC-1 --note "host X, 03:12") ||
	fail "preserve failed: $out; the window @$since to @$until; $(diag)"
log "$out"
held=$(ls "$TMP/store/evidence/INC-1" | grep -E '\.pcap$' | sort)
[ "$(echo "$held" | wc -l)" -ge 3 ] || fail "only $(echo "$held" | wc -l) files held: $held"
# Idempotent: the same request holds nothing new and adds no entry.
lines=$(wc -l < "$TMP/store/evidence/INC-1/MANIFEST")
ctl preserve --since "@$since" --until "@$until" --case INC-1 >/dev/null || fail "a second preserve failed"
[ "$(wc -l < "$TMP/store/evidence/INC-1/MANIFEST")" = "$lines" ] || fail "a repeated preserve added entries"
# Retention shrinks while capture rotates every second.
conf 2
ctl reload >/dev/null || fail "reload failed"
sleep 3
conf 1
ctl reload >/dev/null || fail "reload failed"
wait "$gen" || fail "the generator failed: $(cat "$TMP/gen.out")"
sleep 2
for f in $held; do
	[ -f "$dir/$f" ] || fail "$f left the ring directory although held"
	[ -f "$TMP/store/evidence/INC-1/$f" ] || fail "$f left the case"
done
unheld=$(ring_files "$dir" | while read -r f; do [ -e "$TMP/store/evidence/INC-1/$f" ] || echo "$f"; done | wc -l)
[ "$unheld" -le 2 ] || fail "retention kept $unheld unheld files with keep-files = 1 (held files must not count)"
# Every packet of the window is in a held file.
want=$(python3 -c "print(int(float('$since')*1e6), int(float('$until')*1e6))")
in_window=0
for f in "$TMP"/store/evidence/INC-1/*.pcap; do
	n=$(tcpdump -tt -nr "$f" 2>/dev/null | awk -v a="${want% *}" -v b="${want#* }" \
		'{ t = $1 * 1e6; if (t >= a && t <= b) n++ } END { print n + 0 }')
	in_window=$((in_window + n))
done
[ "$in_window" -ge 1000 ] || fail "only $in_window packets of the window are held (500 pps for 3 s)"
# The ring's status counts the case apart.
st=$(ctl status --json)
hb=$(echo "$st" | jget 'j["result"]["evidence"]["cases"]["INC-1"]')
sz=$(( $(for f in $held; do stat -c %s "$TMP/store/evidence/INC-1/$f"; done | paste -sd+) ))
[ "$hb" = "$sz" ] || fail "status holds $hb bytes for INC-1, the files are $sz"
ctl status | grep -q "^evidence: $sz bytes held in 1 case " || fail "human status: $(ctl status | tail -2)"
kept=$(echo "$st" | jget 'j["result"]["rings"][0]["bytes_kept"]')
[ "$kept" -lt "$sz" ] || fail "the ring counts held bytes as its own: bytes_kept $kept"
out=$(ctl verify --case INC-1) || fail "verify failed: $out"
echo "$out" | grep -q "^OK" || fail "verify did not say OK: $out"
# The receiver's check with stock tools (docs/evidence.md step 4): one signed
# statement covers every file of the case, and no file is extra or missing.
ctl key > "$TMP/host.pem" || fail "pktctl key failed"
(cd "$TMP/store/evidence/INC-1" &&
	openssl pkeyutl -verify -pubin -inkey "$TMP/host.pem" -rawin -in SHA256SUMS \
		-sigfile SHA256SUMS.sig > /dev/null &&
	sha256sum --quiet --strict -c SHA256SUMS &&
	diff <(ls -A | LC_ALL=C sort) \
		<({ cut -c67- SHA256SUMS; printf '%s\n' SHA256SUMS SHA256SUMS.sig; } | LC_ALL=C sort)) ||
	fail "the case fails the stock-tool check of SHA256SUMS and SHA256SUMS.sig"
for f in HEAD MANIFEST MANIFEST.sig; do
	grep -q "  $f\$" "$TMP/store/evidence/INC-1/SHA256SUMS" || fail "SHA256SUMS does not list $f"
done
out=$(ctl verify "$IF_CAP/all") || fail "ring verify failed: $out"
# The manifest has one entry per held file, each naming its seal and who asked.
grep -c " file " "$TMP/store/evidence/INC-1/MANIFEST" | grep -qx "$(echo "$held" | wc -l)" ||
	fail "the manifest does not have one entry per held file"
grep -q "user=root" "$TMP/store/evidence/INC-1/MANIFEST" || fail "the manifest does not name who asked"
grep -q "note=host%20X,%2003:12" "$TMP/store/evidence/INC-1/MANIFEST" || fail "the note is not in the manifest"
grep -q "MANIFEST_HEAD=$(python3 -c "
import hashlib; print(hashlib.sha256(open('$TMP/store/evidence/INC-1/MANIFEST','rb').read().splitlines(True)[-1]).hexdigest())")" \
	"$TMP/pktcapd.log" || fail "the manifest head is not logged"
# An empty window is an error that says so.
out=$(ctl preserve --since @1000000000 --until @1000000001 --case EMPTY 2>&1) && fail "an empty window was preserved"
echo "$out" | grep -q "no stored packets" || fail "an empty window: $out"
pass
