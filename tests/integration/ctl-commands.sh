#!/bin/bash
# ctl-commands.sh: every pktctl command against a running daemon, checked against what is on disk
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3
netns_setup
write_conf <<EOF2
profile dns {
	filter = "udp port 5353"
	flush-interval = 200ms
}
profile web {
	filter = "tcp"
}
interface $IF_CAP {
	profiles = { dns, web }
}
EOF2
start_pktcapd
send_pkts -c 1000 -p udp --dport 5353 -r 20000
send_pkts -c 10 -p tcp -r 1000
wait_written "$IF_CAP/dns" 1000

# status: the figures match what was sent.
st=$(ctl status --json) || fail "status failed"
echo "$st" | jget 'j["ok"]' | grep -q True || fail "status not ok"
[ "$(echo "$st" | jget 'len(j["result"]["rings"])')" = 2 ] || fail "status does not list 2 rings"
dns=$(echo "$st" | jget '[r for r in j["result"]["rings"] if r["profile"] == "dns"][0]')
get() { echo "$st" | jget "[r for r in j['result']['rings'] if r['profile'] == 'dns'][0]['$1']"; }
[ "$(get packets_captured)" = 1000 ] || fail "captured $(get packets_captured), expected 1000"
[ "$(get packets_written)" = 1000 ] || fail "written $(get packets_written), expected 1000"
[ "$(get dropped_kernel)" = 0 ] || fail "kernel drops: $(get dropped_kernel)"
[ "$(get filter)" = "udp port 5353" ] || fail "filter shown as $(get filter)"
[ "$(get state)" = capturing ] || fail "state $(get state)"
[ "$(get files)" = 1 ] || fail "files $(get files)"
cur=$(get current_file)
[ -f "$(ring_dir "$IF_CAP" dns)/$cur" ] || fail "current file $cur is not in the ring directory"
[ "$(get oldest_packet)" != None ] || fail "no oldest packet"
for f in version uptime config storage; do
	echo "$st" | jget "j['result']['$f']" >/dev/null || fail "status lacks $f"
done
ctl status | grep -Eq "^$IF_CAP/dns +capturing +1\.0k +0 +1\.0k " || fail "human status: $(ctl status)"

# rotate: the open file closes, the next packets go to a new one.
ctl rotate "$IF_CAP/dns" | grep -q "rotated $IF_CAP/dns" || fail "rotate did not report the ring"
send_pkts -c 50 -p udp --dport 5353 -r 5000
wait_written "$IF_CAP/dns" 1050
ls=$(ctl list --json "$IF_CAP/dns")
[ "$(echo "$ls" | jget 'len(j["result"]["files"])')" = 2 ] || fail "list after rotate: $ls"
[ "$(echo "$ls" | jget 'j["result"]["files"][0]["open"]')" = False ] || fail "first file still open"
[ "$(echo "$ls" | jget 'j["result"]["files"][0]["packets"]')" = 1000 ] || fail "first file packets"
[ "$(echo "$ls" | jget 'j["result"]["files"][1]["open"]')" = True ] || fail "second file not open"
first=$(echo "$ls" | jget 'j["result"]["files"][0]["name"]')
[ "$(count_file "$(ring_dir "$IF_CAP" dns)/$first")" = 1000 ] || fail "tcpdump disagrees on $first"
[ "$(stat -c %a "$(ring_dir "$IF_CAP" dns)/$first")" = 440 ] || fail "rotated file not sealed"
ctl list | grep -q "$first" || fail "human list lacks $first"

# interfaces: what tcpdump -D prints, plus the rings.
diff <(ctl interfaces | sed 's/ rings:.*//') <(ip netns exec "$NS_CAP" tcpdump -D) ||
	fail "pktctl interfaces differs from tcpdump -D"
ctl interfaces | grep -q "^[0-9]*\.$IF_CAP .* rings: $IF_CAP/dns $IF_CAP/web$" ||
	fail "interfaces does not show the rings: $(ctl interfaces)"

# reload: a new filter applies in place.
sed -i 's/filter = "udp port 5353"/filter = "udp port 5354"/' "$TMP/pktcapd.conf"
ctl reload | grep -q "configuration reloaded" || fail "reload failed"
send_pkts -c 30 -p udp --dport 5353 -r 5000
send_pkts -c 20 -p udp --dport 5354 -r 5000
wait_written "$IF_CAP/dns" 1070
[ "$(ring_field "$IF_CAP/dns" filter)" = "udp port 5354" ] ||
	fail "status shows the old filter"

# reload: an invalid file keeps the old configuration and says where it is wrong.
cp "$TMP/pktcapd.conf" "$TMP/good.conf"
printf 'profile broken {\n\trotate-size = lots\n}\n' >> "$TMP/pktcapd.conf"
out=$(ctl reload 2>&1) && fail "reload of a broken config succeeded"
echo "$out" | grep -q "$TMP/pktcapd.conf:[0-9]*: profile 'broken': rotate-size = 'lots'" ||
	fail "reload error lacks file:line: $out"
ctl reload --json | jget 'j["ok"]' | grep -q False || fail "--json reload error is not ok:false JSON"
send_pkts -c 5 -p udp --dport 5354 -r 5000
wait_written "$IF_CAP/dns" 1075

# reload: a new interface needs privileges the daemon gave up.
cp "$TMP/good.conf" "$TMP/pktcapd.conf"
printf 'interface lo {\n\tprofiles = { web }\n}\n' >> "$TMP/pktcapd.conf"
out=$(ctl reload) || fail "reload with a new interface failed: $out"
echo "$out" | grep -q "lo/web is new.*restart" || fail "new ring not reported as needing a restart: $out"
# A change that waits for a restart is reported on every reload until then.
sed -i 's/^user = nobody/user = daemon/' "$TMP/pktcapd.conf"
for i in 1 2; do
	out=$(ctl reload) || fail "reload $i with another user failed: $out"
	echo "$out" | grep -q "user and group change at restart" || fail "reload $i: user change not reported: $out"
done

# errors: unknown ring, bad word, ambiguous prefix; JSON on every path.
ctl status nosuch/ring 2>&1 | grep -q 'no ring "nosuch/ring"' || fail "unknown ring not reported"
ctl --json status nosuch/ring | jget 'j["ok"]' | grep -q False || fail "--json unknown ring"
out=$(ctl r 2>&1); [ $? = 2 ] && echo "$out" | grep -q "ambiguous" || fail "'r' is not ambiguous: $out"
ctl st >/dev/null || fail "unique prefix 'st' not accepted"
ctl --json bogus | jget 'j["ok"]' | grep -q False || fail "--json usage error is not JSON"
out=$("$PKTCTL" -S "$TMP/none.sock" status 2>&1) && fail "status without a daemon succeeded"
echo "$out" | grep -q "is pktcapd running" || fail "no advice when the daemon is missing: $out"
"$PKTCTL" -S "$TMP/none.sock" --json status | jget 'j["error"]' | grep -q "is pktcapd running" ||
	fail "--json connection error is not JSON"
ctl help | grep -q "^  rotate" || fail "help lacks rotate"
ctl help status | grep -q "Example" || fail "help status lacks an example"
stop_pktcapd
pass
