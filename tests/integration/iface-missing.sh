#!/bin/bash
# iface-missing.sh: a configured interface missing at start waits while the others capture, and is captured once it appears
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
IF_LATE="pkm$$"
PEER_LATE="pkn$$"
write_conf <<EOF2
profile all { }
profile udp {
	filter = "udp"
}
interface $IF_CAP {
	profiles = { all }
}
interface $IF_LATE {
	profiles = { all, udp }
}
EOF2
# A stand-in for systemd's notification socket: a missing interface must not hold back READY=1.
python3 - "$TMP/notify.sock" "$TMP/notify.log" <<'PY' &
import os, socket, sys, time
path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
s.settimeout(0.5)
end = time.time() + 30
with open(out, "w") as f:
    while time.time() < end:
        try:
            data = s.recv(4096)
        except socket.timeout:
            continue
        f.write(data.decode(errors="replace").replace("\n", "|") + "\n")
        f.flush()
        if b"STOPPING=1" in data:
            break
PY
LISTENER=$!
EXTRA_CLEANUP="kill $LISTENER 2>/dev/null"
for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.1; done
[ -S "$TMP/notify.sock" ] || fail "notify listener did not start"

state() { ring_field "$1" state; }

NOTIFY_SOCKET="$TMP/notify.sock" start_pktcapd
for _ in $(seq 50); do grep -q "^READY=1" "$TMP/notify.log" && break; sleep 0.1; done
grep -q "^READY=1" "$TMP/notify.log" || fail "no READY=1 with an interface missing"
[ "$(state "$IF_CAP/all")" = capturing ] || fail "$IF_CAP/all is $(state "$IF_CAP/all"), expected capturing"
for p in all udp; do
	s=$(state "$IF_LATE/$p")
	[ "$s" = waiting ] || fail "$IF_LATE/$p is '$s', expected waiting"
	n=$(grep -c "ring $IF_LATE/$p: $IF_LATE: no such interface; the ring waits for it" "$TMP/pktcapd.log")
	[ "$n" = 1 ] || fail "$IF_LATE/$p logged the missing interface $n times, expected once"
done
[ "$(ring_field "$IF_LATE/all" interface_index)" = None ] || fail "a missing interface has an index"
[ "$(ring_field "$IF_LATE/all" interface_last_seen)" = None ] || fail "a missing interface was seen"
[ "$(ring_field "$IF_LATE/all" waiting_since)" != None ] || fail "waiting_since is not set"
out=$(ctl status "$IF_LATE/all")
echo "$out" | grep -q "^$IF_LATE/all *waiting " || fail "pktctl status does not show waiting: $out"
echo "$out" | grep -q "waiting: for $IF_LATE to appear, since " || fail "no waiting line: $out"

# The other interface captures all along.
send_pkts -c 40 -r 2000
wait_written "$IF_CAP/all" 40

# Waiting does not spin: the daemon sleeps (well under 10% of a CPU).
t0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
sleep 2
t1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
[ $((t1 - t0)) -lt 20 ] || fail "the daemon used $((t1 - t0)) ticks in 2 s while waiting"

# The interface appears: a veth pair with its peer in the peer namespace.
ip -n "$NS_CAP" link add "$IF_LATE" type veth peer name "$PEER_LATE" netns "$NS_PEER" ||
	hard_error "ip link add veth $IF_LATE"
for ns in "$NS_CAP:$IF_LATE:1" "$NS_PEER:$PEER_LATE:2"; do
	n=${ns%%:*}; rest=${ns#*:}; i=${rest%%:*}; a=${rest#*:}
	ip netns exec "$n" sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1"
	ip -n "$n" addr add "198.19.0.$a/24" dev "$i"
	ip -n "$n" link set "$i" up
done
for _ in $(seq 50); do
	[ "$(state "$IF_LATE/udp")" = capturing ] && [ "$(state "$IF_LATE/all")" = capturing ] && break
	sleep 0.1
done
[ "$(state "$IF_LATE/all")" = capturing ] || fail "$IF_LATE/all still $(state "$IF_LATE/all") 5 s after it appeared"
[ "$(state "$IF_LATE/udp")" = capturing ] || fail "$IF_LATE/udp still $(state "$IF_LATE/udp") 5 s after it appeared"
want=$(ip -n "$NS_CAP" -o link show "$IF_LATE" | cut -d: -f1)
[ "$(ring_field "$IF_LATE/all" interface_index)" = "$want" ] || fail "interface_index is not $want"
ip netns exec "$NS_PEER" "$PKTGEN" -i "$PEER_LATE" -c 30 -p udp -r 2000 >/dev/null || fail "pktgen udp"
ip netns exec "$NS_PEER" "$PKTGEN" -i "$PEER_LATE" -c 20 -p tcp -r 2000 >/dev/null || fail "pktgen tcp"
wait_written "$IF_LATE/all" 50
wait_written "$IF_LATE/udp" 30
grep -Eq "ring $IF_LATE/all: (capturing|bound) on $IF_LATE \(ifindex $want, EN10MB\)" "$TMP/pktcapd.log" ||
	fail "no log line for the interface's arrival"
stop_pktcapd
wait "$LISTENER"

# The files hold exactly what was sent on each interface (no placeholder traffic), readable by tcpdump.
n=$(count_ring "$(ring_dir "$IF_CAP" all)")
[ "$n" = 40 ] || fail "$IF_CAP/all holds $n packets, expected 40"
n=$(count_ring "$(ring_dir "$IF_LATE" all)")
[ "$n" = 50 ] || fail "$IF_LATE/all holds $n packets, expected 50"
n=$(count_ring "$(ring_dir "$IF_LATE" udp)")
[ "$n" = 30 ] || fail "$IF_LATE/udp holds $n packets, expected 30"
n=$(count_ring_filter "$(ring_dir "$IF_LATE" udp)" udp)
[ "$n" = 30 ] || fail "$IF_LATE/udp holds $n udp packets, expected 30"
pass
