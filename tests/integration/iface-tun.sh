#!/bin/bash
# iface-tun.sh: a tun interface missing at start is captured as raw IP once it appears, though its ring was made on lo
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
state() { ctl status --json "$1" | jget 'j["result"]["rings"][0]["state"]'; }

start_pktcapd
[ "$(state "$IF_TUN/all")" = waiting ] || fail "$IF_TUN/all is $(state "$IF_TUN/all"), expected waiting"

# A tun device lives while its file is open: a small process in the capture
# namespace makes it, waits for "go", writes IPv4/UDP packets into it (the
# kernel receives them on the interface), and holds it until "stop".
ip netns exec "$NS_CAP" python3 - "$IF_TUN" "$TMP" <<'PY' &
import fcntl, os, struct, sys, time
name, tmp = sys.argv[1], sys.argv[2]
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN | IFF_NO_PI
open(tmp + "/tun.ready", "w").close()

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
while not os.path.exists(tmp + "/tun.go") and time.time() < end:
    time.sleep(0.05)
for i in range(20):
    os.write(fd, packet(i, 5353 if i < 12 else 9999))
while not os.path.exists(tmp + "/tun.stop") and time.time() < end:
    time.sleep(0.05)
PY
TUNGEN=$!
EXTRA_CLEANUP="touch $TMP/tun.stop; kill $TUNGEN 2>/dev/null"
for _ in $(seq 50); do [ -e "$TMP/tun.ready" ] && break; sleep 0.1; done
[ -e "$TMP/tun.ready" ] || hard_error "the tun device was not made"
ip netns exec "$NS_CAP" sysctl -qw "net.ipv6.conf.$IF_TUN.disable_ipv6=1"
ip -n "$NS_CAP" link set "$IF_TUN" up
for _ in $(seq 50); do
	[ "$(state "$IF_TUN/all")" = capturing ] && [ "$(state "$IF_TUN/udp")" = capturing ] && break
	sleep 0.1
done
[ "$(state "$IF_TUN/all")" = capturing ] || fail "$IF_TUN/all is $(state "$IF_TUN/all") 5 s after it appeared"
[ "$(state "$IF_TUN/udp")" = capturing ] || fail "$IF_TUN/udp is $(state "$IF_TUN/udp") 5 s after it appeared"
touch "$TMP/tun.go"
wait_written "$IF_TUN/all" 20
wait_written "$IF_TUN/udp" 12
grep -q "ring $IF_TUN/all: $IF_TUN carries RAW" "$TMP/pktcapd.log" || fail "no log of the link type taken"
stop_pktcapd
touch "$TMP/tun.stop"
wait "$TUNGEN"

# The files say raw IP, so tcpdump decodes the packets as IPv4 from their first byte.
for p in all udp; do
	f=$(ring_dir "$IF_TUN" $p)/$(ring_files "$(ring_dir "$IF_TUN" $p)" | head -1)
	tcpdump -nr "$f" 2>&1 >/dev/null | grep -q "link-type RAW" ||
		fail "$p: file is not raw IP: $(tcpdump -nr "$f" 2>&1 >/dev/null)"
done
n=$(count_ring_filter "$(ring_dir "$IF_TUN" all)" src host 198.20.0.2 and udp)
[ "$n" = 20 ] || fail "$IF_TUN/all holds $n IPv4/UDP packets from the tun, expected 20"
n=$(count_ring "$(ring_dir "$IF_TUN" udp)")
[ "$n" = 12 ] || fail "$IF_TUN/udp holds $n packets, expected the 12 to port 5353"
n=$(count_ring_filter "$(ring_dir "$IF_TUN" udp)" udp dst port 5353)
[ "$n" = 12 ] || fail "$IF_TUN/udp holds $n packets to port 5353, expected 12"
pass
