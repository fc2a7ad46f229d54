#!/bin/bash
# gzip-parallel.sh: a gzip ring that falls behind compresses the next member on its gz thread; the file is still one valid gzip file with every packet
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

[ "$(nproc)" -ge 2 ] || skip "one CPU: a second compressor thread has nothing to run on"
netns_setup
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
# The thread starts as the backlog passes an eighth of the queue, at whatever
# speed level 9 runs here: 100 MB/s for 2 s is above it on any machine we know.
send_pkts -c 200000 -s 1000 -r 100000
ls /proc/"$PID"/task/*/comm | xargs cat | grep -q "^gz:$IF_CAP/z" ||
	fail "no gz thread: the writer never compressed a member on a second thread"
wait_written "$IF_CAP/z" 200000
stop_pktcapd
f=$(ring_files "$dir" | head -n 1)
gzip -t "$dir/$f" || fail "$f is not a valid gzip file"
[ "$(count_file "$dir/$f")" = 200000 ] || fail "$f holds $(count_file "$dir/$f") packets, expected 200000"
pass
