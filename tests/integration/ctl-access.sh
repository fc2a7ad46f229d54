#!/bin/bash
# ctl-access.sh: only root, the daemon's user and its group may use the control socket; others get advice
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv python3
netns_setup
write_conf <<EOF2
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
sock=$TMP/pktcapd.sock
[ "$(stat -c '%a %U %G' "$sock")" = "660 nobody nogroup" ] ||
	fail "socket is $(stat -c '%a %U %G' "$sock"), expected 660 nobody nogroup"
gid=$(getent group nogroup | cut -d: -f3)
chmod 755 "$TMP"
# A stranger: uid/gid 23456, in no group of ours.
stranger() { setpriv --reuid=23456 --regid=23456 --clear-groups "$@"; }
member() { setpriv --reuid=23456 --regid=23456 --groups="$gid" "$@"; }

out=$(stranger "$PKTCTL" -S "$sock" status 2>&1) && fail "a stranger got status"
echo "$out" | grep -q "permission denied: add yourself to group nogroup" ||
	fail "no advice for the stranger: $out"
member "$PKTCTL" -S "$sock" status >/dev/null || fail "a member of group nogroup was refused"

# With the file mode opened up, the daemon's own SO_PEERCRED check still refuses.
chmod 666 "$sock"
out=$(stranger "$PKTCTL" -S "$sock" status 2>&1) && fail "a stranger got status through a 0666 socket"
echo "$out" | grep -q "permission denied: add yourself to group nogroup" ||
	fail "the daemon's refusal has no advice: $out"
grep -q "refused pid [0-9]* uid 23456" "$TMP/pktcapd.log" || fail "the refusal was not logged"
out=$(stranger "$PKTCTL" -S "$sock" --json status) && fail "--json stranger succeeded"
echo "$out" | jget 'j["ok"]' | grep -q False || fail "--json refusal is not JSON: $out"
stop_pktcapd
pass
