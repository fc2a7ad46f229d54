#!/bin/bash
# filecaps.sh: unprivileged pktcapd captures with only CAP_NET_RAW as a file capability, and says why when it has none
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_root
require_cmd setcap setpriv
netns_setup
write_conf <<EOF2
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2
# A copy of the binary: setcap must not change the build tree's file.
# The daemon's sanitizer options, as start_pktcapd gives them: leak checks cannot stop
# a process that dropped its privileges and runs under its seccomp filter.
export ASAN_OPTIONS=${PKTCAP_DAEMON_ASAN_OPTIONS:-${ASAN_OPTIONS:-}}
cp "$PKTCAPD" "$TMP/pktcapd-nocap"
cp "$PKTCAPD" "$TMP/pktcapd-netraw"
chmod 755 "$TMP"/pktcapd-*
setcap cap_net_raw+ep "$TMP/pktcapd-netraw" || skip "setcap does not work on $TMP"
uid=$(id -u nobody)
gid=$(getent group nogroup | cut -d: -f3)
as_nobody() { ip netns exec "$NS_CAP" setpriv --reuid="$uid" --regid="$gid" --clear-groups "$@"; }

out=$(as_nobody "$TMP/pktcapd-nocap" -n -f "$TMP/pktcapd.conf" 2>&1)
rc=$?
[ "$rc" != 0 ] || fail "started without any right to capture"
echo "$out" | grep -q "no permission to capture" || fail "unclear message without CAP_NET_RAW: $out"
echo "$out" | grep -q "cap_net_raw" || fail "the message does not say how to fix it: $out"

: > "$TMP/pktcapd.log"
# Unprivileged, it can only make its control socket where it may write.
ip netns exec "$NS_CAP" setpriv --reuid="$uid" --regid="$gid" --clear-groups \
	"$TMP/pktcapd-netraw" -n -f "$TMP/pktcapd.conf" -S "$TMP/store/ctl.sock" >> "$TMP/pktcapd.log" 2>&1 &
PID=$!
for _ in $(seq 100); do
	grep -q "capturing [0-9]* rings\?" "$TMP/pktcapd.log" && break
	kill -0 "$PID" 2>/dev/null || fail "pktcapd with CAP_NET_RAW exited at start-up"
	sleep 0.1
done
grep -q "capturing [0-9]* rings\?" "$TMP/pktcapd.log" || fail "pktcapd with CAP_NET_RAW did not start"
[ "$(awk '$1 == "Uid:" { print $2 }' "/proc/$PID/status")" = "$uid" ] || fail "not running as nobody"
for cap in CapPrm CapEff; do
	v=$(awk -v f="$cap:" '$1 == f { print $2 }' "/proc/$PID/status")
	[ "$v" = "0000000000000000" ] || fail "$cap is $v after start-up, expected zero"
done
send_pkts -c 40 -p udp -r 5000
stop_pktcapd
n=$(count_ring "$(ring_dir "$IF_CAP" all)")
[ "$n" = 40 ] || fail "ring holds $n packets, expected 40"
pass
