#!/bin/bash
# nss-names.sh: names from a non-default NSS module (extrausers) work; one only a socket service knows (nscd) applies at start, and reload says so
# SPDX-License-Identifier: BSD-2-Clause
#
# Runs in a mount namespace of its own: nsswitch.conf, /var/lib/extrausers
# and nscd's socket directory are bind-mounted there, so the host's files
# and any host nscd are never touched or asked.
if [ -z "${PKTCAP_NSS_PRIVATE:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
	PKTCAP_NSS_PRIVATE=1 exec unshare -m --propagation private "$0" "$@"
fi
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd setpriv python3 getent
[ -n "${PKTCAP_NSS_PRIVATE:-}" ] || skip "needs unshare (a private mount namespace)"
[ -d /var/lib/extrausers ] || skip "needs libnss-extrausers"
netns_setup

# extrausers: a user and three groups the files module does not know.
mkdir -p "$TMP/xu" "$TMP/etc"
cat > "$TMP/xu/passwd" <<EOF2
pktx-user:x:41001:41001:pktcap NSS test:/nonexistent:/usr/sbin/nologin
EOF2
cat > "$TMP/xu/group" <<EOF2
pktx-op:x:41001:
pktx-op2:x:41002:
pktx-sock:x:41003:
EOF2
chmod 644 "$TMP/xu/passwd" "$TMP/xu/group"
mount --bind "$TMP/xu" /var/lib/extrausers || hard_error "cannot bind-mount /var/lib/extrausers"
sed -E 's/^(passwd|group):.*/\1: files extrausers/' /etc/nsswitch.conf > "$TMP/etc/nsswitch.conf"
mount --bind "$TMP/etc/nsswitch.conf" /etc/nsswitch.conf || hard_error "cannot bind-mount nsswitch.conf"
[ "$(getent group pktx-op | cut -d: -f3)" = 41001 ] || skip "libnss-extrausers is not installed"

conf() {
	write_conf <<EOF2
operator-group = $1
profile all { }
interface $IF_CAP {
	profiles = { all }
}
EOF2
}
sock=$TMP/pktcapd.sock
nogroup=$(getent group nogroup | cut -d: -f3)
chmod 755 "$TMP"
as() { local g=$1; shift; setpriv --reuid=41001 --regid="$g" --groups="$nogroup,$g" "$@"; }
operates() { as "$1" "$PKTCTL" -S "$sock" reindex >/dev/null 2>&1; }

# 1. Through extrausers (file-based): at start-up, and again on reload once confined.
conf pktx-op
start_pktcapd
operates 41001 || fail "operator-group pktx-op (from extrausers) was not applied at start-up"
send_pkts -c 20 -r 100
sleep 1
conf pktx-op2
ctl reload >/dev/null || fail "reload failed"
operates 41002 || fail "reload did not apply operator-group pktx-op2 (from extrausers)"
operates 41001 && fail "reload left pktx-op its operator right"
out=$(as 41002 "$PKTCTL" -S "$sock" preserve --since -1h --until now --case NSS-1) || fail "preserve failed: $out"
grep -q "user=pktx-user" "$TMP/store/evidence/NSS-1/MANIFEST" ||
	fail "the manifest does not name the extrausers user: $(head -c 300 "$TMP/store/evidence/NSS-1/MANIFEST")"
log "extrausers: operator group at start-up and on reload, user name in the manifest"

# 2. A group only nscd knows (a socket service, as sssd and LDAP are).
if ! command -v nscd >/dev/null; then
	stop_pktcapd
	pass "extrausers lookups work at start-up and on reload (nscd not installed: socket case not run)"
fi
mkdir -p "$TMP/nscd"
mount --bind "$TMP/nscd" /run/nscd 2>/dev/null || { mkdir -p /run/nscd && mount --bind "$TMP/nscd" /run/nscd; } ||
	hard_error "cannot bind-mount /run/nscd"
cat > "$TMP/nscd.conf" <<EOF2
enable-cache group yes
positive-time-to-live group 3600
negative-time-to-live group 1
check-files group no
persistent group no
shared group no
enable-cache passwd no
enable-cache hosts no
enable-cache services no
enable-cache netgroup no
EOF2
nscd -f "$TMP/nscd.conf" || hard_error "cannot start a private nscd"
EXTRA_CLEANUP='[ -f "$TMP/nscd/nscd.pid" ] && kill "$(cat "$TMP/nscd/nscd.pid")"'
getent group pktx-sock >/dev/null || hard_error "nscd does not know pktx-sock"
# Gone from the file: from now on only nscd, through its socket, knows the group.
sed -i '/^pktx-sock:/d' "$TMP/xu/group"
[ "$(getent group pktx-sock | cut -d: -f3)" = 41003 ] || skip "nscd does not answer for the group"
[ -z "$(getent -s extrausers group pktx-sock)" ] || hard_error "pktx-sock is still in the file"

conf pktx-sock
ctl reload >/dev/null || fail "reload failed"
grep -q "needs a restart: .*operator-group 'pktx-sock' not found.*applies at restart" "$TMP/pktcapd.log" ||
	fail "reload did not say the group applies at restart"
operates 41002 || fail "a failed lookup on reload took the operators away"
operates 41003 && fail "the confined daemon resolved a group through nscd's socket"
stop_pktcapd
start_pktcapd
operates 41003 || fail "at start-up, before confinement, the group from nscd was not applied"
stop_pktcapd
pass "extrausers at start-up and on reload; nscd's group applies at start-up, reload says restart"
