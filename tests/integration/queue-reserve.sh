#!/bin/bash
# queue-reserve.sh: queue-reserve takes the memory of queue-size after start-up in the background, shows how far it got, keeps it, and a ring without it takes none
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

netns_setup
write_conf <<EOF2
profile kept {
	snaplen = 2048
	buffer-size = 8M
	write-queue = 1M
	queue-size = 96M
	queue-reserve = yes
}
profile lent {
	snaplen = 2048
	buffer-size = 8M
	write-queue = 1M
	queue-size = 96M
}
interface $IF_CAP {
	profiles = { kept, lent }
}
EOF2
start_pktcapd

# The region beyond the 4 MiB write-queue, rounded up to a huge page: 92M.
want=$((92 * 1024 * 1024))
for _ in $(seq 300); do
	[ "$(ring_field "$IF_CAP/kept" queue_reserved_bytes)" = "$want" ] && break
	sleep 0.1
done
got=$(ring_field "$IF_CAP/kept" queue_reserved_bytes)
[ "$got" = "$want" ] || fail "queue_reserved_bytes is $got after 30 s, not $want"
grep -q "kept.*queue-reserve: 92 MiB taken for the write queue in [0-9.]* s" "$TMP/pktcapd.log" ||
	fail "no log line for the reserve: $(grep -i reserve "$TMP/pktcapd.log")"
ctl status "$IF_CAP/kept" | grep -q "^  queue reserve: 92M taken$" ||
	fail "pktctl status does not show the reserve: $(ctl status "$IF_CAP/kept" | grep -i reserve)"
ctl status "$IF_CAP/lent" | grep -q "queue reserve" && fail "a ring without queue-reserve shows one"
ctl status --json "$IF_CAP/lent" | grep -q queue_reserved_bytes &&
	fail "a ring without queue-reserve has queue_reserved_bytes"

# The memory is the daemon's now: its anonymous memory holds the 92M (the
# sanitizers' own memory would hide it either way).
if ! sanitizer_build; then
	anon=$(proc_status "$PID" RssAnon | awk '{ print int($1 / 1024) }')
	[ "$anon" -ge 92 ] || fail "RssAnon is $anon MiB: the reserve is not in memory"
	log "RssAnon $anon MiB"
fi

# The thread that took it has ended.
for _ in $(seq 50); do
	grep -q '^mem:' /proc/"$PID"/task/*/comm || break
	sleep 0.1
done
grep -q '^mem:' /proc/"$PID"/task/*/comm && fail "the mem: thread still runs after the reserve"

# Capture goes on through both rings.
send_pkts -c 2000 -s 1000 -r 2000
for _ in $(seq 100); do
	[ "$(ring_field "$IF_CAP/kept" packets_written)" = 2000 ] &&
		[ "$(ring_field "$IF_CAP/lent" packets_written)" = 2000 ] && break
	sleep 0.1
done
for ring in kept lent; do
	n=$(ring_field "$IF_CAP/$ring" packets_written)
	[ "$n" = 2000 ] || fail "ring $ring wrote $n of 2000 packets"
done
stop_pktcapd

# Capture does not wait for the reserve. With every CPU busy, the mem:
# thread (SCHED_IDLE) gets almost no time, so a 1G reserve is still being
# taken while the ring captures and writes all it is sent; it completes
# once the CPUs are free.
write_conf <<EOF2
profile big {
	snaplen = 2048
	buffer-size = 8M
	write-queue = 1M
	queue-size = 1G
	queue-reserve = yes
}
interface $IF_CAP {
	profiles = { big }
}
EOF2
burners=
for _ in $(seq "$(nproc)"); do
	timeout 120 bash -c 'while :; do :; done' &
	burners="$burners $!"
done
EXTRA_CLEANUP="kill $burners 2>/dev/null"
start_pktcapd
send_pkts -c 2000 -s 1000 -r 2000
wait_written "$IF_CAP/big" 2000
want=$((1020 * 1024 * 1024))
got=$(ring_field "$IF_CAP/big" queue_reserved_bytes)
log "1G reserve with the CPUs busy: $got bytes taken when 2000 packets were written"
[ "$got" -lt "$want" ] || fail "the 1G reserve was complete before capture wrote: nothing tested"
# shellcheck disable=SC2086
kill $burners 2>/dev/null
for _ in $(seq 600); do
	[ "$(ring_field "$IF_CAP/big" queue_reserved_bytes)" = "$want" ] && break
	sleep 0.1
done
got=$(ring_field "$IF_CAP/big" queue_reserved_bytes)
[ "$got" = "$want" ] || fail "queue_reserved_bytes is $got 60 s after the CPUs were free, not $want"
stop_pktcapd
pass
