#!/bin/bash
# gzip-parallel.sh: a gzip ring that falls behind compresses the next member on its gz thread; the file is still one valid gzip file with every packet
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

[ "$(nproc)" -ge 2 ] || skip "one CPU: a second compressor thread has nothing to run on"
netns_setup
# Level 9 compresses text at a few tens of MB/s: 30 MB/s puts the writer behind.
write_conf <<EOF2
profile z {
	compress = gzip
	compress-level = 9
	rotate-size = 0
}
interface $IF_CAP {
	profiles = { z }
}
EOF2
dir=$(ring_dir "$IF_CAP" z)
start_pktcapd
send_pkts -c 60000 -s 1000 -r 30000
ls /proc/"$PID"/task/*/comm | xargs cat | grep -q "^gz:$IF_CAP/z" ||
	fail "no gz thread: the writer never compressed a member on a second thread"
wait_written "$IF_CAP/z" 60000
stop_pktcapd
f=$(ring_files "$dir" | head -n 1)
gzip -t "$dir/$f" || fail "$f is not a valid gzip file"
[ "$(count_file "$dir/$f")" = 60000 ] || fail "$f holds $(count_file "$dir/$f") packets, expected 60000"
pass
