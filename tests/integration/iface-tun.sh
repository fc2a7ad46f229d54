#!/bin/bash
# iface-tun.sh: a tun interface missing at start is captured as raw IP once it appears (its ring was made on lo), and again after a restart
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
[ -c /dev/net/tun ] || skip "needs /dev/net/tun"
netns_setup
IF_TUN="pkt$$"
write_conf <<EOF2
profile all { }
profile udp {
	filter = "udp port 5353"
}
interface $IF_TUN {
	profiles = { all, udp }
}
EOF2
state() { ring_field "$1" state; }

start_pktcapd
[ "$(state "$IF_TUN/all")" = waiting ] || fail "$IF_TUN/all is $(state "$IF_TUN/all"), expected waiting"

# A tun device lives while its file is open: a small process in the capture
# namespace makes it, waits for "go", writes IPv4/UDP packets into it (the
# kernel receives them on the interface), and holds it until "stop".
cat > "$TMP/tun.py" <<'PY'
import fcntl, os, struct, sys, time
name, tag = sys.argv[1], sys.argv[2]
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN | IFF_NO_PI
open(tag + ".ready", "w").close()

def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff

def packet(i, dport):
    udp = struct.pack("!HHHH", 40000 + i, dport, 8 + 4, 0) + struct.pack("!I", i)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                     bytes([198, 20, 0, 2]), bytes([198, 20, 0, 1]))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + udp

end = time.time() + 30
while not os.path.exists(tag + ".go") and time.time() < end:
    time.sleep(0.05)
for i in range(20):
    os.write(fd, packet(i, 5353 if i < 12 else 9999))
while not os.path.exists(tag + ".stop") and time.time() < end:
    time.sleep(0.05)
PY
# tun_up TAG: makes the tun device and waits until both rings capture on it.
tun_up() {
	ip netns exec "$NS_CAP" python3 "$TMP/tun.py" "$IF_TUN" "$TMP/$1" &
	TUNGEN=$!
	EXTRA_CLEANUP="touch $TMP/$1.stop; kill $TUNGEN 2>/dev/null"
	for _ in $(seq 50); do [ -e "$TMP/$1.ready" ] && break; sleep 0.1; done
	[ -e "$TMP/$1.ready" ] || hard_error "the tun device was not made"
	ip netns exec "$NS_CAP" sysctl -qw "net.ipv6.conf.$IF_TUN.disable_ipv6=1"
	ip -n "$NS_CAP" link set "$IF_TUN" up
	for _ in $(seq 50); do
		[ "$(state "$IF_TUN/all")" = capturing ] && [ "$(state "$IF_TUN/udp")" = capturing ] && break
		sleep 0.1
	done
	for p in all udp; do
		[ "$(state "$IF_TUN/$p")" = capturing ] ||
			fail "$IF_TUN/$p is $(state "$IF_TUN/$p") 5 s after the tun appeared"
	done
}
# tun_down TAG: closes the tun device, so it goes away.
tun_down() {
	touch "$TMP/$1.stop"
	wait "$TUNGEN"
}

tun_up first
touch "$TMP/first.go"
wait_written "$IF_TUN/all" 20
wait_written "$IF_TUN/udp" 12
grep -q "ring $IF_TUN/all: $IF_TUN carries RAW" "$TMP/pktcapd.log" || fail "no log of the link type taken"

# The tun's owner restarts: the device goes away and a new one takes the name.
tun_down first
for _ in $(seq 50); do [ "$(state "$IF_TUN/all")" = waiting ] && break; sleep 0.1; done
[ "$(state "$IF_TUN/all")" = waiting ] || fail "$IF_TUN/all is $(state "$IF_TUN/all") after the tun went away"
tun_up second
touch "$TMP/second.go"
wait_written "$IF_TUN/all" 40
wait_written "$IF_TUN/udp" 24
stop_pktcapd
tun_down second

# The files say raw IP, so tcpdump decodes the packets as IPv4 from their first byte.
for p in all udp; do
	dir=$(ring_dir "$IF_TUN" $p)
	[ "$(ring_files "$dir" | wc -l)" = 2 ] || fail "$p: expected a file per tun, found $(ring_files "$dir")"
	for f in $(ring_files "$dir"); do
		tcpdump -nr "$dir/$f" 2>&1 >/dev/null | grep -q "link-type RAW" ||
			fail "$p: $f is not raw IP: $(tcpdump -nr "$dir/$f" 2>&1 >/dev/null)"
	done
done
n=$(count_ring_filter "$(ring_dir "$IF_TUN" all)" src host 198.20.0.2 and udp)
[ "$n" = 40 ] || fail "$IF_TUN/all holds $n IPv4/UDP packets from the tun, expected 40"
n=$(count_ring "$(ring_dir "$IF_TUN" udp)")
[ "$n" = 24 ] || fail "$IF_TUN/udp holds $n packets, expected the 24 to port 5353"
n=$(count_ring_filter "$(ring_dir "$IF_TUN" udp)" udp dst port 5353)
[ "$n" = 24 ] || fail "$IF_TUN/udp holds $n packets to port 5353, expected 24"
pass
