#!/bin/bash
# dump-big.sh: a dump of a large ring through the daemon always finishes, byte for byte, fast or slow reader
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# Sizes in MiB: the whole ring into a fast reader, and into a slow one (a
# part of it under a sanitizer build, which is several times slower).
BIG_MB=${PKTCAP_DUMP_BIG_MB:-1024}
if sanitizer_build; then
	SLOW_MB=${PKTCAP_DUMP_SLOW_MB:-256}
else
	SLOW_MB=${PKTCAP_DUMP_SLOW_MB:-1024}
fi
RUNS=3

require_cmd python3 sha256sum timeout
netns_setup
# Nothing is captured: the ring holds exactly the files written here.
write_conf <<EOF2
profile plain {
	filter = "udp port 1"
}
profile packed {
	filter = "udp port 1"
	compress = gzip
}
interface $IF_CAP {
	profiles = { plain, packed }
}
EOF2
# Ring files as pktcapd names them: UDP frames of many sizes, a day's worth of timestamps
# from @1795600000, 64 MiB per file, gzip as one member per MiB as pktcapd writes them.
mkring() {	# mkring DIR PREFIX BYTES none|gzip
	python3 - "$@" <<'PY'
import struct, sys, time, zlib
out, prefix, total, gz = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "gzip"
tpl = []
for i in range(64):
    n = 18 + (i * 379) % 1440
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 28 + n, i, 0, 64, 17, 0,
                     bytes([198, 18, 0, 2]), bytes([198, 18, 0, 1]))
    udp = struct.pack(">HHHH", 40000 + i, 7777, 8 + n, 0)
    tpl.append(b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip + udp + bytes((i + k) & 255 for k in range(n)))
avg = sum(len(p) + 16 for p in tpl) / len(tpl)
npkts = int(total / avg)
step_us = 86400 * 1000000 // npkts
hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)
f, seq, raw, buf, us = None, 0, 0, [], 1795600000 * 1000000
def flush():
    global buf
    chunk = b"".join(buf)
    buf = []
    if gz:
        c = zlib.compressobj(1, zlib.DEFLATED, 31)
        chunk = c.compress(chunk) + c.flush()
    f.write(chunk)
for i in range(npkts):
    if f is None:
        seq += 1
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(us // 1000000))
        f = open("%s/%s-%s-%06d.pcap%s" % (out, prefix, stamp, seq, ".gz" if gz else ""), "wb")
        buf, raw = [hdr], 24
    p = tpl[i % 64]
    buf.append(struct.pack("<IIII", us // 1000000, us % 1000000, len(p), len(p)) + p)
    raw += 16 + len(p)
    if len(buf) >= 1024:
        flush()
    if raw >= 64 << 20:
        flush()
        f.close()
        f = None
    us += step_us
if f:
    flush()
    f.close()
PY
}
for ring in plain packed; do
	dir=$(ring_dir "$IF_CAP" $ring)
	mkdir -p "$dir"
	z=none
	[ $ring = packed ] && z=gzip
	mkring "$dir" "$IF_CAP-$ring" $((BIG_MB << 20)) $z || hard_error "writing the $ring ring"
	chmod 444 "$dir"/*.pcap*
done
chown -R nobody:nogroup "$TMP/store"
start_pktcapd

# The reference: the same files read directly, whole and up to the slow reader's cut.
# SLOW_MB of the ring ends here.
cut=$((1795600000 + 86400 * SLOW_MB / BIG_MB))
for ring in plain packed; do
	files=$(for f in $(ring_files "$(ring_dir "$IF_CAP" $ring)"); do echo "-r $(ring_dir "$IF_CAP" $ring)/$f"; done)
	# shellcheck disable=SC2086
	timeout 120 "$PKTCTL" dump $files -w - | sha256sum > "$TMP/ref.$ring" ||
		fail "reading the $ring files directly failed"
	# shellcheck disable=SC2086
	timeout 120 "$PKTCTL" dump $files --until "@$cut" -w - | sha256sum > "$TMP/ref-cut.$ring" ||
		fail "reading the $ring files directly up to @$cut failed"
done

# A reader that takes 8 KiB at a time and pauses: the daemon meets a full socket again and again.
slow_reader() {
	python3 -c '
import hashlib, sys, time
h, n, i = hashlib.sha256(), 0, 0
while True:
    b = sys.stdin.buffer.read1(8192)
    if not b:
        break
    h.update(b)
    n += len(b)
    i += 1
    if i % 16 == 0:
        time.sleep(0.001)
print(h.hexdigest() + "  -")
'
}

for ring in plain packed; do
	for run in $(seq $RUNS); do
		start=$(date +%s.%N)
		timeout 60 "$PKTCTL" -S "$TMP/pktcapd.sock" dump "$IF_CAP/$ring" -w - | sha256sum > "$TMP/got"
		rc=${PIPESTATUS[0]}
		[ "$rc" = 124 ] && fail "$ring run $run: a ${BIG_MB} MiB dump into a fast reader hung (60 s)"
		[ "$rc" = 0 ] || fail "$ring run $run: pktctl dump exited with $rc"
		cmp -s "$TMP/got" "$TMP/ref.$ring" || fail "$ring run $run: the dump differs from the files"
		log "$ring run $run: ${BIG_MB} MiB fast, $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"

		start=$(date +%s.%N)
		timeout 60 "$PKTCTL" -S "$TMP/pktcapd.sock" dump "$IF_CAP/$ring" --until "@$cut" -w - |
			slow_reader > "$TMP/got"
		rc=${PIPESTATUS[0]}
		[ "$rc" = 124 ] && fail "$ring run $run: a ${SLOW_MB} MiB dump into a slow reader hung (60 s)"
		[ "$rc" = 0 ] || fail "$ring run $run: pktctl dump into the slow reader exited with $rc"
		cmp -s "$TMP/got" "$TMP/ref-cut.$ring" ||
			fail "$ring run $run: the slow reader's dump differs from the files"
		log "$ring run $run: ${SLOW_MB} MiB slow, $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"
	done
done
stop_pktcapd
pass "$RUNS runs each: ${BIG_MB} MiB fast and ${SLOW_MB} MiB slow, plain and gzip"
