#!/bin/bash
# query-reads.sh: a planned dump reads only the blocks its address index keeps, and a host in every block loads no more indexes
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 tcpdump md5sum
netns_setup
write_conf <<EOF2
profile plain {
	filter = "udp port 9"
}
profile gz {
	filter = "udp port 9"
	compress = gzip
}
interface $IF_CAP {
	profiles = { plain, gz }
}
EOF2
# Closed files from an earlier run, 8,000 frames of 1,000 bytes each (32 blocks of 256 KiB):
# 10.0.0.1 in every frame, 203.0.113.7 only in frames 4,000 to 4,002 of the second file.
# The gzip files are members of about 64 KiB of records, as pktcapd writes them.
mkfiles() {	# DIR PREFIX NFILES [gzip]
	python3 - "$@" <<'PY'
import gzip, os, struct, sys, time
out, prefix, nfiles = sys.argv[1], sys.argv[2], int(sys.argv[3])
gz = len(sys.argv) > 4
t = 1795600000.0
def frame(src, i):
    udp = struct.pack("!HHHH", 5000 + i % 7, 53, 8 + 958, 0) + bytes([i & 0xff]) * 958
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0,
                     bytes(src), bytes([10, 0, 0, 1]))
    return bytes.fromhex("020000000001020000000002") + b"\x08\x00" + ip + udp
os.makedirs(out, exist_ok=True)
for f in range(1, nfiles + 1):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(t)))
    path = "%s/%s-%s-%06d.pcap%s" % (out, prefix, stamp, f, ".gz" if gz else "")
    recs = []
    for i in range(8000):
        src = [203, 0, 113, 7] if f == 2 and 4000 <= i < 4003 else [10, 0, (i >> 8) & 3, i & 0xff]
        fr = frame(src, i)
        recs.append(struct.pack("<IIII", int(t), int((t - int(t)) * 1e6), len(fr), len(fr)) + fr)
        t += 0.01
    hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)
    with open(path, "wb") as fp:
        if not gz:
            fp.write(hdr + b"".join(recs))
        else:
            fp.write(gzip.compress(hdr + b"".join(recs[:64]), 1, mtime=0))
            for k in range(64, len(recs), 64):
                fp.write(gzip.compress(b"".join(recs[k:k + 64]), 1, mtime=0))
    os.chmod(path, 0o440)
    t += 5
PY
}
dir=$(ring_dir "$IF_CAP" plain)
dirgz=$(ring_dir "$IF_CAP" gz)
mkfiles "$dir" "$IF_CAP-plain" 4 || hard_error "writing the plain files"
mkfiles "$dirgz" "$IF_CAP-gz" 2 gzip || hard_error "writing the gzip files"
chown -R nobody:nogroup "$TMP/store"
start_pktcapd
wait_indexer

ref_w() {	# DIR FILTER...: tcpdump -w - over the ring's files in order
	local d=$1 f; shift
	for f in $(ring_files "$d"); do echo "$d/$f"; done > "$TMP/files"
	tcpdump -Z root -V "$TMP/files" -w - "$@" 2>/dev/null
}
ref_gz() {	# DIR FILTER...: the same for gzip files, unpacked (as pcap text: one stream per file)
	local d=$1 f; shift
	for f in $(ring_files "$d"); do zcat "$d/$f" | tcpdump -nn -r - "$@" 2>/dev/null; done
}
rchar() { awk '$1 == "rchar:" { print $2 }' "/proc/$PID/io"; }
same() {	# RING FILTER...: the dump equals tcpdump's full scan
	local ring=$1 a b; shift
	if [ "$ring" = plain ]; then
		a=$(ctl dump "$IF_CAP/plain" -w - "$@" | md5sum)
		b=$(ref_w "$dir" "$@" | md5sum)
	else
		a=$(ctl dump "$IF_CAP/gz" -w - "$@" | tcpdump -nn -r - 2>/dev/null | md5sum)
		b=$(ref_gz "$dirgz" "$@" | md5sum)
	fi
	[ "$a" = "$b" ] || fail "dump $ring '$*' differs from tcpdump's full scan"
}

# The rare host: only the second file's union says "may"; of it, its index and the one
# block holding the host are read (the header by 24 bytes, the block by its length), not
# the megabyte the reader used to start each file with, nor read-ahead past the block.
f2=$(ring_files "$dir" | sed -n 2p)
aidx=$(stat -c %s "$dir/$f2.aidx")
before=$(rchar)
ctl dump "$IF_CAP/plain" -w "$TMP/rare.pcap" host 203.0.113.7 > /dev/null 2> "$TMP/err" ||
	fail "rare dump: $(cat "$TMP/err")"
read_bytes=$(($(rchar) - before))
[ "$(tcpdump -r "$TMP/rare.pcap" 2>/dev/null | wc -l)" = 3 ] || fail "the rare host's 3 packets were not found"
[ "$(md5sum < "$TMP/rare.pcap")" = "$(ref_w "$dir" host 203.0.113.7 | md5sum)" ] ||
	fail "the rare dump differs from tcpdump's"
limit=$((aidx + 2 * 262144 + 65536))
log "rare host: the daemon read $read_bytes bytes (index $aidx; at most $limit allowed)"
[ "$read_bytes" -le "$limit" ] || fail "the rare host's dump read $read_bytes bytes, more than its index and two blocks ($limit)"
grep -q "/plain: dump: the address index spared 3 files and 3[0-9] blocks" "$TMP/pktcapd.log" ||
	fail "the rare dump did not pass over 3 files and the blocks without the host: $(grep spared "$TMP/pktcapd.log")"

# The host in every block: after two files whose index kept all of them, the next ones are
# read whole without loading their index (one in eight still is); the output is the same.
same plain host 10.0.0.1
grep -q "/plain: dump: .* 1 files read whole without loading theirs" "$TMP/pktcapd.log" ||
	fail "the common host's dump loaded every file's index: $(grep spared "$TMP/pktcapd.log" | tail -1)"
log "common host: the fourth file was read without loading its index"

for f in "host 203.0.113.7" "host 10.0.0.1" "host 10.0.0.1 and host 203.0.113.7" "net 203.0.113.0/24 or port 9"; do
	same plain $f
	same gz $f
done
# A window and a plan together: the reader starts at the time index's point, then jumps.
t0=$(tcpdump -tt -nn -r "$dir/$f2" -c 1 2>/dev/null | cut -d' ' -f1)
since=$(python3 -c "print('%.6f' % ($t0 + 10))")
a=$(ctl dump "$IF_CAP/plain" --since "@$since" -w - host 203.0.113.7 | tcpdump -nn -r - 2>/dev/null | wc -l)
[ "$a" = 3 ] || fail "--since with the rare host found $a packets, not 3"
log "plain and gzip rings: planned dumps equal tcpdump's full scan"
stop_pktcapd
pass
