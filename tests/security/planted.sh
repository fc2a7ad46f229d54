#!/bin/bash
# planted.sh: FIFOs, links and a world-writable directory planted in a ring never freeze or fool the daemon
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 200
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
dir=$(ring_dir "$IF_CAP" all)
start_pktcapd
send_pkts -c 1000 -r 2000
wait_written "$IF_CAP/all" 1000
stop_pktcapd
files=$(ring_files "$dir")
[ "$(echo "$files" | wc -l)" -ge 4 ] || fail "expected several files, got: $files"
f1=$(echo "$files" | sed -n 1p)
last=$(echo "$files" | tail -n 1)

# Plant: a FIFO for one file's index, a FIFO and a link named as capture
# files of the ring, and a directory anyone may write to.
rm -f "$dir/$f1.idx"
mkfifo -m 0666 "$dir/$f1.idx"
next=$(echo "$last" | sed -E 's/-([0-9]{6})\.pcap$//')-000090.pcap
mkfifo -m 0666 "$dir/$next"
ln -s /etc/passwd "$dir/$(echo "$last" | sed -E 's/-([0-9]{6})\.pcap$//')-000091.pcap"
chmod 0777 "$dir"

# Each step is bounded: a daemon stuck in an open() of a FIFO fails here.
start_pktcapd
timeout 5 "$PKTCTL" -S "$TMP/pktcapd.sock" status > /dev/null || fail "status did not answer with FIFOs in the ring"
grep -q "writable by others (mode 0777): made 0750" "$TMP/pktcapd.log" ||
	fail "the world-writable ring directory was not reported and fixed"
[ "$(stat -c %a "$dir")" = 750 ] || fail "the ring directory is still $(stat -c %a "$dir")"
grep -q "$next is not a regular file: ignored" "$TMP/pktcapd.log" || fail "the planted FIFO was not refused"
send_pkts -c 300 -r 2000
wait_written "$IF_CAP/all" 300
n=$(timeout 20 "$PKTCTL" -S "$TMP/pktcapd.sock" dump "$IF_CAP/all" -w - | tcpdump -nr - 2>/dev/null | wc -l)
[ "$n" = 1300 ] || fail "a dump over the planted ring gave $n packets, expected 1300"
timeout 5 "$PKTCTL" -S "$TMP/pktcapd.sock" reindex "$IF_CAP/all" > /dev/null || fail "reindex did not answer"
wait_indexer
[ -f "$dir/$f1.idx" ] && [ ! -p "$dir/$f1.idx" ] || fail "the FIFO in place of $f1.idx was not replaced by an index"
ctl list --json "$IF_CAP/all" | jget "[f['name'] for f in j['result']['files']]" | grep -q "000090\|000091" &&
	fail "a planted FIFO or link is listed as a capture file"
stop_pktcapd
pass
