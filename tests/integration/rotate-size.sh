#!/bin/bash
# rotate-size.sh: files rotate at rotate-size, and keep-files / keep-bytes delete the oldest ones
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
# Two rings see the same traffic: one limited by file count, one by bytes.
write_conf <<EOF2
profile count {
	rotate-size = 64K
	keep-files = 5
}
profile bytes {
	rotate-size = 64K
	keep-bytes = 256K
}
interface $IF_CAP {
	profiles = { count, bytes }
}
EOF2
start_pktcapd
# Paced at about 60 files a second: every file takes a whole write buffer,
# so an unpaced burst into 64K files can drop packets (rotate-burst.sh).
send_pkts -c 2000 -s 1000 -r 4000
stop_pktcapd

for p in count bytes; do
	grep -q "ring $IF_CAP/$p: 2000 packets captured, 2000 written, 0 dropped by kernel" \
		"$TMP/pktcapd.log" || fail "ring $p did not capture and write all 2000 packets"
done

# A record is 16 + 1000 bytes and a file starts with a 24-byte header, so a
# 64K file holds (65536 - 24) / 1016 = 64 packets: 2000 packets make 32 files,
# the last with 2000 - 31 * 64 = 16 packets.
per_file=$(( (65536 - 24) / 1016 ))
nfiles=$(( (2000 + per_file - 1) / per_file ))
last_pkts=$(( 2000 - (nfiles - 1) * per_file ))

seqs() { ring_files "$1" | sed -n 's/.*-\([0-9]\{6\}\)\.pcap$/\1/p' | sed 's/^0*//' | sort -n; }

# check_ring DIR: every file <= 64K and readable, sequence numbers contiguous up
# to the last file of the run.
check_ring() {
	prev=
	for s in $(seqs "$1"); do
		[ -z "$prev" ] || [ "$s" = $((prev + 1)) ] ||
			fail "$1: sequence numbers not contiguous: $(seqs "$1" | tr '\n' ' ')"
		prev=$s
	done
	[ "$prev" = "$nfiles" ] || fail "$1: highest sequence $prev, expected $nfiles"
	for f in "$1"/*.pcap; do
		size=$(stat -c %s "$f")
		[ "$size" -le 65536 ] || fail "$f is $size bytes, more than rotate-size 64K"
		count_file "$f" >/dev/null
	done
}

dir=$(ring_dir "$IF_CAP" count)
check_ring "$dir"
n=$(ring_files "$dir" | wc -l)
[ "$n" = 5 ] || fail "keep-files = 5 left $n files: $(ring_files "$dir")"
[ "$(seqs "$dir" | head -n 1)" = $((nfiles - 4)) ] || fail "the 5 files kept are not the newest"
n=$(count_ring "$dir")
[ "$n" = $((4 * per_file + last_pkts)) ] || fail "the 5 files kept hold $n packets"
n=$(grep -c "ring $IF_CAP/count: deleted .* (retention)" "$TMP/pktcapd.log")
[ "$n" = $((nfiles - 5)) ] || fail "count ring logged $n deletions, expected $((nfiles - 5))"

# keep-bytes: at a clean stop the last file is closed before retention runs,
# so no file is exempt as "being written" and the total must be within the
# limit itself. It must also not be below the limit by a whole file or more:
# the deletion that took it under can have removed at most one 64K file.
dir=$(ring_dir "$IF_CAP" bytes)
check_ring "$dir"
total=$(cat "$dir"/*.pcap | wc -c)
[ "$total" -le 262144 ] || fail "keep-bytes = 256K but the ring holds $total bytes"
[ "$total" -gt $((262144 - 65536)) ] || fail "keep-bytes = 256K deleted too much: $total bytes left"
n=$(ring_files "$dir" | wc -l)
[ "$n" -lt "$nfiles" ] || fail "keep-bytes deleted nothing"
log "keep-bytes ring: $n files, $total bytes"
pass
