#!/bin/bash
# odirect.sh: ring files are written with O_DIRECT on a disk, through the page cache on tmpfs; readers see every flush point; kill -9 leaves a repairable file
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"


netns_setup
O_DIRECT_FLAG=$(python3 -c 'import os; print(oct(os.O_DIRECT)[2:])')
case "$(findmnt -n -o FSTYPE -T "$TMP")" in
tmpfs|ramfs|overlay) skip "$TMP is not on a disk file system" ;;
esac
sender=
EXTRA_CLEANUP='[ -n "$sender" ] && kill "$sender" 2>/dev/null; umount "$TMP/mem" 2>/dev/null'

write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2

# direct_fds PID: how many of the daemon's descriptors of .pcap files have O_DIRECT.
direct_fds() {
	n=0
	for fd in /proc/$1/fd/*; do
		case "$(readlink "$fd")" in *.pcap | *.pcap.gz) ;; *) continue ;; esac
		flags=$(awk '$1 == "flags:" { print $2 }' "/proc/$1/fdinfo/${fd##*/}")
		[ $((0$flags & 0$O_DIRECT_FLAG)) -ne 0 ] && n=$((n + 1))
	done
	echo "$n"
}

dir=$(ring_dir "$IF_CAP" all)
start_pktcapd
# A follower started before any packet must get them all without a rotation.
ctl dump "$IF_CAP/all" -f -c 30 -w "$TMP/follow.pcap" &
follower=$!
sleep 0.5
send_pkts -c 30 -s 100 -r 300
wait_written "$IF_CAP/all" 30
[ "$(direct_fds "$PID")" -ge 1 ] || fail "no descriptor of the current file has O_DIRECT on $(findmnt -n -o FSTYPE -T "$TMP")"
grep -q "writing files with O_DIRECT" "$TMP/pktcapd.log" || fail "the log does not say O_DIRECT is used"
for _ in $(seq 50); do kill -0 "$follower" 2>/dev/null || break; sleep 0.1; done
kill -0 "$follower" 2>/dev/null && { kill "$follower"; fail "pktctl dump -f did not see 30 packets of an open file"; }
wait "$follower" || fail "pktctl dump -f failed"
[ "$(count_file "$TMP/follow.pcap")" = 30 ] || fail "the follower wrote $(count_file "$TMP/follow.pcap") packets, expected 30"
# tcpdump reads the open file to its last record: the tail block is visible, with no padding.
cur=$(ring_files "$dir" | tail -n 1)
[ "$(count_file "$dir/$cur")" = 30 ] || fail "tcpdump reads $(count_file "$dir/$cur") packets of the open file, expected 30"

# Files closed by rotation in the middle of a stream: each one's seal is the
# SHA-256 of exactly its bytes, tail included (reindex compares them).
write_conf <<EOF2
profile all {
	flush-interval = 200ms
	rotate-size = 3M
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
stop_pktcapd
start_pktcapd
send_pkts -c 20000 -s 777 -r 20000
sleep 0.5
ctl rotate "$IF_CAP/all" >/dev/null
ctl reindex "$IF_CAP/all" >/dev/null || fail "reindex failed"
wait_indexer
grep -q "no longer matches its seal" "$TMP/pktcapd.log" && fail "a file written with O_DIRECT does not match its seal"
states=$(ctl list --json "$IF_CAP/all" | jget "' '.join(sorted(set(f['state'] for f in j['result']['files'] if not f['open'])))")
[ "$states" = sealed ] || fail "files after rotation and reindex: $states, expected all sealed"
[ "$(count_ring "$dir")" -ge 20030 ] || fail "the ring holds $(count_ring "$dir") packets, expected 20030"

# kill -9 in the middle of a file written in whole blocks: what is on disk is
# records and nothing else, and the restart's repair leaves tcpdump a clean file.
write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
stop_pktcapd
start_pktcapd
ip netns exec "$NS_PEER" "$PKTGEN" -i "$IF_PEER" -s 1000 -r 20000 -c 60000 >"$TMP/pktgen.out" 2>&1 &
sender=$!
sleep 1.5
kill -KILL "$PID"
wait "$PID" 2>/dev/null
PID=
wait "$sender"
sender=
cur=$(ring_files "$dir" | tail -n 1)
size=$(stat -c %s "$dir/$cur")
[ "$size" -gt $((1024 * 1024)) ] || fail "only $size bytes reached $cur before kill -9: no whole block was written"
before=$(tcpdump -nr "$dir/$cur" 2>/dev/null | wc -l)
start_pktcapd
wait_indexer
stop_pktcapd
[ "$(stat -c %a "$dir/$cur")" = 440 ] || fail "$cur was not repaired and sealed after kill -9"
after=$(count_file "$dir/$cur")
[ "$after" = "$before" ] || fail "$cur holds $after packets after the repair, $before before"
log "kill -9 at $size bytes: $after packets kept"

# tmpfs: the page is the storage, O_DIRECT would only add copies; logged once.
mkdir "$TMP/mem"
mount -t tmpfs -o size=64M,mode=755 pktcap-test "$TMP/mem" || hard_error "cannot mount a tmpfs"
mkdir "$TMP/mem/store"
chown nobody:nogroup "$TMP/mem/store"
start_pktcapd -w "$TMP/mem/store"
send_pkts -c 20 -s 100 -r 200
for _ in $(seq 50); do [ -n "$(ls "$TMP/mem/store/$IF_CAP/all"/*.pcap 2>/dev/null)" ] && break; sleep 0.1; done
[ "$(direct_fds "$PID")" = 0 ] || fail "a file on tmpfs is open with O_DIRECT"
n=$(grep -c "writing files through the page cache: the file system is in memory" "$TMP/pktcapd.log")
[ "$n" = 1 ] || fail "the page-cache fallback was logged $n times, expected once"
ctl rotate "$IF_CAP/all" >/dev/null
send_pkts -c 20 -s 100 -r 200
sleep 0.5
n=$(grep -c "writing files through the page cache" "$TMP/pktcapd.log")
[ "$n" = 1 ] || fail "the fallback was logged $n times after a second file, expected once"
[ "$(count_ring "$TMP/mem/store/$IF_CAP/all")" = 40 ] || fail "the tmpfs ring holds $(count_ring "$TMP/mem/store/$IF_CAP/all") packets, expected 40"
stop_pktcapd
pass
