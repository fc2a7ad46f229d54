#!/bin/bash
# ctl-socket.sh: the control socket's directory stays root's and no link is followed, so the daemon user cannot redirect root's chown
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv
netns_setup
write_conf <<EOF2
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2
gid=$(getent group nogroup | cut -d: -f3)
as_daemon() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
member() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$@"; }

# check_dir DIR: root's, entered by the socket's group, the socket 0660 in it, usable by a member.
check_dir() {
	[ "$(stat -c '%U %G %a' "$1")" = "root nogroup 750" ] ||
		fail "$1 is $(stat -c '%U %G %a' "$1"), expected root nogroup 750"
	[ "$(stat -c '%F %U %G %a' "$1/pktcapd.sock")" = "socket nobody nogroup 660" ] ||
		fail "the socket is $(stat -c '%F %U %G %a' "$1/pktcapd.sock")"
	member "$PKTCTL" -S "$1/pktcapd.sock" status >/dev/null ||
		fail "a member of the socket's group cannot reach $1/pktcapd.sock"
	# The daemon's user can neither plant a link nor remove the socket there.
	as_daemon ln -s /etc/shadow "$1/planted" 2>/dev/null && fail "the daemon user wrote into $1"
	as_daemon rm -f "$1/pktcapd.sock" 2>/dev/null
	[ -S "$1/pktcapd.sock" ] || fail "the daemon user removed the socket from $1"
}

# A directory pktcapd creates.
chmod 755 "$TMP"
start_pktcapd -S "$TMP/run/pktcapd.sock"
check_dir "$TMP/run"
stop_pktcapd

# One an older pktcapd (or tmpfiles.d) gave to the daemon user: root takes it back.
mkdir "$TMP/old"
chown nobody:nogroup "$TMP/old"
start_pktcapd -S "$TMP/old/pktcapd.sock"
check_dir "$TMP/old"
grep -q "$TMP/old: now owned by root" "$TMP/pktcapd.log" || fail "taking the directory back was not logged"
# A restart finds its stale socket there and replaces it.
stop_pktcapd
start_pktcapd -S "$TMP/old/pktcapd.sock"
check_dir "$TMP/old"
stop_pktcapd

# The socket's directory is a link the daemon user planted: not followed.
mkdir "$TMP/elsewhere"
chown nobody:nogroup "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$TMP/link"
: > "$TMP/pktcapd.log"
ip netns exec "$NS_CAP" "$PKTCAPD" -n -f "$TMP/pktcapd.conf" -S "$TMP/link/pktcapd.sock" \
	>> "$TMP/pktcapd.log" 2>&1 &
PID=$!
for _ in $(seq 50); do
	kill -0 "$PID" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$PID" 2>/dev/null && fail "pktcapd started with its socket behind a link"
wait "$PID"
PID=
[ -e "$TMP/elsewhere/pktcapd.sock" ] && fail "a socket was created through the link"
[ "$(stat -c %U "$TMP/elsewhere")" = nobody ] || fail "the link's target changed owner"
grep -q "a link is not followed" "$TMP/pktcapd.log" || fail "no reason given: $(tail -3 "$TMP/pktcapd.log")"
pass
