#!/bin/bash
# systemd-units.sh: the shipped units pass systemd-analyze verify and the service's exposure is 2.0 or lower
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd systemd-analyze
tmp_setup
# The unit as make builds it, pointing at this build's binaries so verify finds them.
sed -e "s|@sbindir@|$top_builddir/daemon|g" -e "s|@bindir@|$top_builddir/ctl|g" \
	-e "s|@sysconfdir@|$top_srcdir/conf|g" \
	"$top_srcdir/systemd/pktcapd.service.in" > "$TMP/pktcapd.service"
cp "$top_srcdir/systemd/pktcapd.socket" "$TMP/pktcapd.socket"
grep -qE "@[a-z]+@" "$TMP/pktcapd.service" && fail "unsubstituted @...@ left in the unit"

out=$(systemd-analyze verify --man=no "$TMP/pktcapd.service" "$TMP/pktcapd.socket" 2>&1)
# Only a missing host unit (no systemd as PID 1 in a container) is not our unit's fault.
bad=$(echo "$out" | grep -v "sysinit.target not found" | grep -v "^$" || true)
[ -z "$bad" ] || fail "systemd-analyze verify: $bad"

out=$(systemd-analyze security --offline=true "$TMP/pktcapd.service" 2>&1)
level=$(echo "$out" | sed -n 's/.*Overall exposure level for pktcapd.service: \([0-9.]*\).*/\1/p')
[ -n "$level" ] || fail "no exposure level in: $out"
log "exposure level $level"
awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }' || fail "exposure $level is above 2.0"

for key in Type=notify WatchdogSec= ExecReload= NoNewPrivileges=yes ProtectSystem=strict \
	"RestrictAddressFamilies=AF_UNIX AF_PACKET AF_NETLINK" MemoryDenyWriteExecute=yes; do
	grep -q "^$key" "$TMP/pktcapd.service" || fail "the service lacks $key"
done
grep -q "^u pktcap " "$top_srcdir/systemd/sysusers.conf" || fail "sysusers does not create pktcap"
grep -q "^d /var/lib/pktcapd 0750 pktcap pktcap" "$top_srcdir/systemd/tmpfiles.conf" ||
	fail "tmpfiles does not create the storage"
# /run/pktcapd, one answer everywhere (pktctl(1) PERMISSIONS): root's, group
# pktcap, 0750, as pktcapd started as root makes it (ctlsrv.c open_parent).
grep -q "^d /run/pktcapd 0750 root pktcap" "$top_srcdir/systemd/tmpfiles.conf" ||
	fail "tmpfiles does not make /run/pktcapd root:pktcap 0750"
grep -q "^DirectoryMode=0750" "$top_srcdir/systemd/pktcapd.socket" ||
	fail "pktcapd.socket makes /run/pktcapd with another mode"
! grep -q "^RuntimeDirectory" "$TMP/pktcapd.service" ||
	fail "RuntimeDirectory= gives /run/pktcapd to the daemon user"
grep -q "mkdir(dir, 0750)" "$top_srcdir/daemon/control/ctlsrv.c" ||
	fail "ctlsrv.c no longer makes the socket's directory 0750"
# The metrics service and its timer (issue 11).
sed -e "s|@bindir@|$top_builddir/ctl|g" "$top_srcdir/systemd/pktcapd-metrics.service.in" \
	> "$TMP/pktcapd-metrics.service"
cp "$top_srcdir/systemd/pktcapd-metrics.timer" "$TMP/pktcapd-metrics.timer"
out=$(systemd-analyze verify --man=no "$TMP/pktcapd-metrics.service" "$TMP/pktcapd-metrics.timer" 2>&1)
bad=$(echo "$out" | grep -v "sysinit.target not found" | grep -v "^$" || true)
[ -z "$bad" ] || fail "systemd-analyze verify (metrics units): $bad"
pass "exposure $level"
