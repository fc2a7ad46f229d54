#!/bin/bash
# decode-live.sh: real traffic between two namespaces (HTTP, DNS, ping, IPv6 neighbour discovery) decodes as tcpdump prints it
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 curl
netns_setup
# This test wants the kernel's own IPv6 traffic (neighbour discovery): turn IPv6 back on.
for x in "$NS_CAP:$IF_CAP:1" "$NS_PEER:$IF_PEER:2"; do
	n=${x%%:*}; rest=${x#*:}; i=${rest%%:*}; a=${rest#*:}
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=0
	ip netns exec "$n" sysctl -qw "net.ipv6.conf.$i.disable_ipv6=0"
	ip netns exec "$n" sysctl -qw "net.ipv6.conf.$i.accept_dad=0"
	ip -n "$n" addr add "fd00:198:18::$a/64" dev "$i" nodad
done
write_conf <<EOF2
profile all {
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd

# Servers in the capture namespace: HTTP and a small DNS responder.
mkdir -p "$TMP/www" && echo "hello from pktcap" > "$TMP/www/index.html"
ip netns exec "$NS_CAP" python3 -m http.server 8080 --bind 198.18.0.1 --directory "$TMP/www" \
	> "$TMP/http.log" 2>&1 &
HTTPD=$!
ip netns exec "$NS_CAP" python3 - > "$TMP/dns.log" 2>&1 <<'PY' &
import socket, struct, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.18.0.1", 53))
s.settimeout(0.5)
end = time.time() + 20
while time.time() < end:
    try:
        q, peer = s.recvfrom(512)
    except socket.timeout:
        continue
    qid, = struct.unpack("!H", q[:2])
    i, labels = 12, []
    while q[i]:
        labels.append(q[i + 1:i + 1 + q[i]]); i += 1 + q[i]
    qtype, = struct.unpack("!H", q[i + 1:i + 3])
    question = q[12:i + 5]
    if b".".join(labels) == b"nowhere.test":
        s.sendto(struct.pack("!HHHHHH", qid, 0x8183, 1, 0, 0, 0) + question, peer)
        continue
    rr = b"\xc0\x0c" + struct.pack("!HHIH", qtype, 1, 300, 4 if qtype == 1 else 16)
    rr += bytes([198, 18, 0, 1]) if qtype == 1 else bytes(15) + b"\x01"
    s.sendto(struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + question + rr, peer)
PY
DNSD=$!
EXTRA_CLEANUP="kill $HTTPD $DNSD 2>/dev/null"
sleep 1

# Clients in the peer namespace.
ip netns exec "$NS_PEER" curl -s -o /dev/null "http://198.18.0.1:8080/index.html" || fail "HTTP GET failed"
ip netns exec "$NS_PEER" curl -s -o /dev/null "http://198.18.0.1:8080/missing" || true
ip netns exec "$NS_PEER" python3 - <<'PY' || fail "DNS or ping failed"
import socket, struct, os
def query(name, qtype, qid):
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    q += struct.pack("!HH", qtype, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.sendto(q, ("198.18.0.1", 53))
    return s.recv(512)
query("www.example.test", 1, 4660)
query("www.example.test", 28, 4661)
query("nowhere.test", 1, 4662)
# ICMP echo with a raw socket: what ping sends.
for seq in range(3):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(2)
    payload = bytes(range(56))
    hdr = struct.pack("!BBHHH", 8, 0, 0, 0x1234, seq)
    c = sum(struct.unpack("!%dH" % ((len(hdr + payload)) // 2), hdr + payload))
    c = (c >> 16) + (c & 0xffff); c = ~(c + (c >> 16)) & 0xffff
    s.sendto(struct.pack("!BBHHH", 8, 0, c, 0x1234, seq) + payload, ("198.18.0.1", 0))
    s.recv(1024)
# IPv6: a UDP datagram makes the kernel resolve the neighbour first.
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.sendto(b"over ipv6", ("fd00:198:18::1", 9999))
PY
sleep 0.5
stop_pktcapd

# Every stored file, decoded both ways, must match byte for byte.
dir=$(ring_dir "$IF_CAP" all)
export TZ=UTC
n=0
for f in "$dir"/*.pcap; do
	for opts in "" "-v" "-vv" "-e" "-q" "-X" "-A" "-tttt -v"; do
		# shellcheck disable=SC2086
		tcpdump -n -r "$f" $opts > "$TMP/want" 2>/dev/null
		# shellcheck disable=SC2086
		"$PKTCTL" dump -r "$f" $opts > "$TMP/got" || fail "pktctl dump -r $f $opts failed"
		diff -u "$TMP/want" "$TMP/got" > "$TMP/diff" || fail "differs from tcpdump with '$opts': $(head -20 "$TMP/diff")"
		n=$((n + 1))
	done
done
# And the traffic asked for is there.
for f in "$dir"/*.pcap; do tcpdump -n -r "$f" 2>/dev/null; done > "$TMP/all"
for what in "HTTP: GET /index.html HTTP/1.1" "HTTP/1.0 200 OK" "HTTP/1.0 404" "4660+ A? www.example.test." \
	"4661+ AAAA? www.example.test." "NXDomain" "ICMP echo request" "ICMP echo reply" \
	"neighbor solicitation" "neighbor advertisement"; do
	grep -q "$what" "$TMP/all" || fail "no '$what' in the capture"
done
pass "$n comparisons over $(wc -l < "$TMP/all") packets"
