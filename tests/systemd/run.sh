#!/bin/bash
# run.sh: the shipped units under a real systemd: boot Debian 12 in systemd-nspawn and run pktcapd as users will
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (as root, from a checkout; autoreconf runs first if configure is missing):
#   tests/systemd/run.sh [WORKDIR]
# WORKDIR (default build-systemd/ at the top of the checkout) keeps the
# debootstrapped root between runs, keyed by its package list, and the
# --prefix=/usr build. Each run copies the cached root, installs pktcap into
# the copy with make install DESTDIR=, boots it inside a network namespace of
# its own (a veth pair whose other end is in a second namespace, so test
# traffic never reaches the host's network), and checks the service through
# systemctl and journalctl inside the container. Exit codes as automake's:
# 0 pass, 1 fail, 77 skip (not root, no nspawn or debootstrap, no archive,
# or a container that cannot boot here), 99 hard error.
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-$top_srcdir/build-systemd}
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
BUILD=$WORK/build
ROOT=$WORK/root
export top_srcdir top_builddir=$BUILD
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/systemd/container.sh"
TEST=systemd

CONF=/etc/pktcapd.conf
SOCK=/run/pktcapd/pktcapd.sock
STORE=/var/lib/pktcapd
T_START=$(date +%s)

require_root
require_cmd systemd-nspawn debootstrap nsenter python3 tcpdump ip

# pktcap built the way users build it, to be installed into the container.
build_pktcap() {
	[ -x "$top_srcdir/configure" ] || (cd "$top_srcdir" && autoreconf -fi >/dev/null 2>&1) ||
		hard_error "autoreconf failed"
	mkdir -p "$BUILD"
	if [ ! -f "$BUILD/config.status" ]; then
		(cd "$BUILD" && "$top_srcdir/configure" -q --prefix=/usr --sysconfdir=/etc) \
			> "$WORK/build.log" 2>&1 || { tail -n 20 "$WORK/build.log"; hard_error "configure failed"; }
	fi
	make -C "$BUILD" -j"$(nproc)" >> "$WORK/build.log" 2>&1 ||
		{ tail -n 20 "$WORK/build.log"; hard_error "make failed"; }
}

# Copies the cached root and installs pktcap into it.
install_pktcap() {
	rm -rf "$ROOT"
	cp -a "$CT_CACHE" "$ROOT" || hard_error "cannot copy $CT_CACHE"
	make -C "$BUILD" install DESTDIR="$ROOT" >> "$WORK/build.log" 2>&1 ||
		{ tail -n 20 "$WORK/build.log"; fail "make install DESTDIR=$ROOT failed"; }
	SYSUSERS=$(sed -n 's/^sysusersdir = //p' "$BUILD/Makefile")/pktcapd.conf
	TMPFILES=$(sed -n 's/^tmpfilesdir = //p' "$BUILD/Makefile")/pktcapd.conf
	UNITDIR=$(sed -n 's/^systemdsystemunitdir = //p' "$BUILD/Makefile")
	# The shipped configuration, capturing the test's interface instead of lo.
	sed -e "s/^interface lo {/interface $IF_CAP {/" "$ROOT$CONF" > "$ROOT/root/pktcapd.conf.good"
	grep -q "^interface $IF_CAP {" "$ROOT/root/pktcapd.conf.good" ||
		hard_error "the shipped $CONF has no 'interface lo {' to point at $IF_CAP"
	cp "$ROOT/root/pktcapd.conf.good" "$ROOT$CONF"
}

on_exit() {
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 77 ] && [ -n "$CT_PID" ]; then
		echo "--- journal of pktcapd.service and pktcapd.socket (last 40 lines)"
		ct journalctl -q --no-pager -n 40 -u pktcapd -u pktcapd.socket 2>&1
	fi
	ct_halt
	cleanup
}

# --- helpers over the container ---------------------------------------------

prop() { ct systemctl show -p "$1" --value pktcapd; }
main_pid() { prop MainPID; }

# wait_until SECONDS COMMAND...: polls COMMAND every 0.2 s; false after SECONDS.
wait_until() {
	local _polls=$(($1 * 5)); shift
	for _ in $(seq "$_polls"); do
		"$@" && return 0
		sleep 0.2
	done
	"$@"
}

is_active() { [ "$(ct systemctl is-active "$1")" = active ]; }
restarted() { local p; p=$(main_pid); [ "$p" != 0 ] && [ "$p" != "$1" ] && is_active pktcapd; }

# The journal cursor now, and the whole journal after a cursor. No matches
# with --after-cursor: journalctl then skips the first matching entry.
jcursor() { ct journalctl -q -n 1 -o export | sed -n 's/^__CURSOR=//p'; }
jsince() { ct journalctl -q --no-pager --after-cursor="$1"; }
# jwait CURSOR REGEX: waits (at most 5 s, journald stores asynchronously)
# for a message matching REGEX after CURSOR.
jwait() { local _c=$1 _re=$2; wait_until 5 eval 'jsince "$_c" | grep -q -- "$_re"'; }

# Packets the ring has written, as the daemon reports them (0 when it does not answer).
written() {
	ct pktctl status --json "$RING" 2>/dev/null |
		jget 'j["result"]["rings"][0]["packets_written"]' 2>/dev/null || echo 0
}
written_is() { [ "$(written)" = "$1" ]; }

# Packets in the ring's files as tcpdump reads them inside the container,
# optionally only those matching a filter; fails on any read error.
count_packets() {
	local total=0 f n
	for f in $(ct sh -c "ls $RDIR/*.pcap 2>/dev/null"); do
		n=$(ct tcpdump -nr "$f" "$@" 2>"$TMP/tcpdump.err" | wc -l)
		if grep -qv "^reading from file" "$TMP/tcpdump.err"; then
			fail "tcpdump cannot read $f: $(cat "$TMP/tcpdump.err")"
		fi
		total=$((total + n))
	done
	echo "$total"
}

# The highest file number in the ring.
last_file_no() {
	ct sh -c "ls $RDIR" | sed -n 's/.*-\([0-9]\{6\}\)\.pcap$/\1/p' | sort | tail -1 | sed 's/^0*//'
}

# --- the checks, in the order a user meets them ------------------------------

# sysusers.d and tmpfiles.d, at boot: the user, group and directories exist
# before anything of ours has run (the service is not even enabled yet, and
# /run is a fresh tmpfs), so only systemd-sysusers and systemd-tmpfiles
# reading the installed entries can have made them. Fails if an entry is not
# installed where this systemd looks, or does not apply (a failed
# systemd-tmpfiles-setup leaves the system "degraded").
check_boot() {
	local state line ent
	state=$(ct systemctl is-system-running)
	[ "$state" = running ] ||
		fail "the container booted $state: $(ct systemctl --failed --no-legend --plain)"
	[ "$(ct systemctl is-active pktcapd pktcapd.socket | sort -u)" = inactive ] ||
		fail "pktcapd runs before anyone enabled it"
	while read -r line; do
		case $line in ''|'#'*) continue ;; esac
		eval "set -- $line"
		case $1 in
		u)
			ent=$(ct getent passwd "$2") || fail "sysusers did not create user $2"
			[ "${5:--}" = - ] || [ "$(echo "$ent" | cut -d: -f6)" = "$5" ] ||
				fail "user $2 has home $(echo "$ent" | cut -d: -f6), not $5"
			[ "${6:--}" = - ] || [ "$(echo "$ent" | cut -d: -f7)" = "$6" ] ||
				fail "user $2 has shell $(echo "$ent" | cut -d: -f7), not $6"
			case ${3:--} in *:*) ;; *) ct getent group "$2" >/dev/null ||
				fail "sysusers did not create group $2" ;; esac ;;
		g) ct getent group "$2" >/dev/null || fail "sysusers did not create group $2" ;;
		m) ct id -nG "$2" | tr ' ' '\n' | grep -qx "$3" || fail "user $2 is not in group $3" ;;
		esac
	done < "$ROOT$SYSUSERS"
	while read -r line; do
		case $line in ''|'#'*) continue ;; esac
		eval "set -- $line"
		case $1 in d|D) ;; *) continue ;; esac
		ent=$(ct stat -c '%a %U %G' "$2") || fail "tmpfiles did not create $2 at boot"
		[ "$ent" = "${3#0} $4 $5" ] || fail "$2 is $ent, tmpfiles.d says ${3#0} $4 $5"
	done < "$ROOT$TMPFILES"
	log "boot: sysusers and tmpfiles entries applied, system $state"
}

# systemctl enable --now pktcapd: [Install] enables the service and, through
# Also=, the socket; Requires=pktcapd.socket starts the socket with it, so the
# listening socket is systemd's (PID 1 holds it) and passed to the daemon.
# Fails without Also= (socket not enabled) or without Requires= (the daemon
# binds the path itself and PID 1 holds nothing).
check_enable() {
	ct systemctl enable --now pktcapd > "$TMP/enable.out" 2>&1 ||
		fail "systemctl enable --now pktcapd: $(cat "$TMP/enable.out")"
	for u in pktcapd.service pktcapd.socket; do
		[ "$(ct systemctl is-enabled $u)" = enabled ] || fail "$u is not enabled"
		is_active $u || fail "$u is not active after enable --now"
	done
	ct ss -xlpn > "$TMP/ss.out"
	grep -E " $SOCK " "$TMP/ss.out" | grep -q '"systemd",pid=1,' ||
		fail "PID 1 does not hold $SOCK: $(grep -E " $SOCK " "$TMP/ss.out")"
	jwait "$CUR0" "pktcapd\[$(main_pid)\]: control socket from systemd" ||
		fail "the daemon did not take its socket from systemd"
}

# Type=notify and READY=1: systemd called the unit active only after the
# daemon had done its start-up work, since the main process sent journal
# entries (capture opened, socket taken, privileges dropped) before
# ActiveEnterTimestamp. With Type=simple or exec the unit is active at fork
# or exec, before the daemon logs anything; a daemon that never sent READY=1
# would never become active at all.
check_notify() {
	local pid active first
	pid=$(main_pid)
	ct systemctl status --no-pager pktcapd > "$TMP/status.out"
	grep -q "Active: active (running)" "$TMP/status.out" ||
		fail "not active (running): $(head -5 "$TMP/status.out")"
	active=$(ct systemctl show -p ActiveEnterTimestamp --value --timestamp=us+utc pktcapd)
	active=$(date -d "${active#* }" +%s%6N) || fail "cannot read ActiveEnterTimestamp"
	# The kernel's receive time of the datagram where journald has it: no
	# earlier than the send, so a time before the activation proves the send was.
	wait_until 5 eval '[ -n "$(ct journalctl -q -o cat _PID="$pid")" ]'
	first=$(ct journalctl -q -o json _PID="$pid" | head -1 |
		jget 'j.get("_SOURCE_REALTIME_TIMESTAMP", j["__REALTIME_TIMESTAMP"])')
	[ -n "$first" ] || fail "the daemon (pid $pid) logged nothing"
	[ "$first" -lt "$active" ] ||
		fail "the unit was active ($active) before the daemon logged anything ($first)"
	log "notify: the daemon logged $((active - first)) us before the unit became active"
}

# The value of FIELD in the last /proc/PID/task/TID/status read.
st() { awk -v f="$1:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' "$TMP/task.status"; }

# After dropping privileges, seen by the kernel on every thread of the
# running service: not root, no capability in any set (the unit grants two
# and bounds the rest, the daemon empties them all, the bounding set
# included), no new privileges and a seccomp filter (Seccomp 2). Fails if the
# daemon's drop goes; NoNewPrivs 1 and Seccomp 2 go only when neither the
# unit (NoNewPrivileges=, SystemCallFilter=) nor the daemon sets them.
check_privileges() {
	local pid uid gid tasks=0 t v
	pid=$(main_pid)
	uid=$(ct id -u pktcap) gid=$(ct id -g pktcap)
	[ "$uid" != 0 ] || fail "user pktcap is root"
	for t in $(ct ls "/proc/$pid/task"); do
		ct cat "/proc/$pid/task/$t/status" > "$TMP/task.status" || fail "no thread $t"
		[ "$(st Uid)" = "$uid $uid $uid $uid" ] || fail "thread $t: Uid $(st Uid), expected $uid"
		[ "$(st Gid)" = "$gid $gid $gid $gid" ] || fail "thread $t: Gid $(st Gid), expected $gid"
		for v in CapEff CapPrm CapBnd CapAmb; do
			[ "$(st $v)" = 0000000000000000 ] || fail "thread $t: $v $(st $v)"
		done
		[ "$(st NoNewPrivs)" = 1 ] || fail "thread $t: NoNewPrivs $(st NoNewPrivs)"
		[ "$(st Seccomp)" = 2 ] || fail "thread $t: Seccomp $(st Seccomp)"
		tasks=$((tasks + 1))
	done
	# The writer thread starts after the drop: one thread alone would prove less.
	[ "$tasks" -ge 2 ] || fail "only $tasks threads in pktcapd"
	log "privileges: $tasks threads, uid $uid, no capabilities, NoNewPrivs, seccomp filter"
}

# The indexer thread under the unit's SystemCallFilter= and the daemon's own
# filter: SCHED_IDLE (policy 5), nice 19 and the idle I/O class. Fails if
# either filter refuses the calls or the thread passes another thread's id.
check_idle() {
	local pid t tid= policy nice io
	pid=$(main_pid)
	for t in $(ct ls "/proc/$pid/task"); do
		[ "$(ct cat "/proc/$pid/task/$t/comm")" = indexer ] && tid=$t
	done
	[ -n "$tid" ] || fail "no thread named indexer"
	policy=$(ct cat "/proc/$pid/task/$tid/sched" | awk '$1 == "policy" { print $3 }')
	nice=$(ct cat "/proc/$pid/task/$tid/stat" | awk '{ print $19 }')
	io=$(ct ionice -p "$tid")
	[ "$policy" = 5 ] && [ "$nice" = 19 ] && [ "${io%%:*}" = idle ] ||
		fail "indexer thread: policy $policy, nice $nice, I/O '$io'; expected 5, 19, idle"
	log "idle: indexer thread $tid is SCHED_IDLE, nice 19, I/O idle"
}

# systemd-analyze security, live (the manager's view of the loaded unit) and
# offline (the installed file): the same findings line for line, so no
# drop-in or default of the booted system weakens what the file declares;
# and the exposure stays at 2.0 or below.
check_security() {
	local level
	ct systemd-analyze security --no-pager pktcapd > "$TMP/sec.live" 2>&1 ||
		fail "systemd-analyze security pktcapd: $(tail -3 "$TMP/sec.live")"
	ct systemd-analyze security --no-pager --offline=true "$UNITDIR/pktcapd.service" \
		> "$TMP/sec.offline" 2>&1 || fail "offline analysis: $(tail -3 "$TMP/sec.offline")"
	diff "$TMP/sec.offline" "$TMP/sec.live" > "$TMP/sec.diff" ||
		fail "live and offline analyses differ: $(cat "$TMP/sec.diff")"
	level=$(sed -n 's/.*Overall exposure level for pktcapd.service: \([0-9.]*\).*/\1/p' \
		"$TMP/sec.live")
	[ -n "$level" ] || fail "no exposure level in: $(tail -3 "$TMP/sec.live")"
	awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }' || fail "exposure $level is above 2.0"
	log "security: exposure $level live and offline"
}

# STATUS=: the daemon's periodic status line (every 5 s) reaches systemd
# (NotifyAccess=main) and systemctl status shows it, with the packets just
# sent. Fails if the daemon stops sending STATUS= or the unit refuses it.
check_status() {
	local want="1 ring, 20 packets written, 0 dropped, 0 lost to write errors"
	send_pkts -c 20 -r 1000
	wait_until 12 eval '[ "$(prop StatusText)" = "$want" ]' ||
		fail "StatusText is '$(prop StatusText)', expected '$want'"
	ct systemctl status --no-pager pktcapd | grep -qF "Status: \"$want\"" ||
		fail "systemctl status does not show the STATUS= line"
}

# The journal's structured fields: journalctl RING=IFACE/PROFILE finds the
# ring's messages, each also carrying INTERFACE= and PROFILE= and coming from
# the unit, and a match on a ring that does not exist finds nothing. Fails if
# the daemon logs plain text instead of through sd_journal_send under systemd.
check_journal() {
	local n
	ct journalctl -q -o json RING="$RING" > "$TMP/ring.json"
	n=$(wc -l < "$TMP/ring.json")
	[ "$n" -ge 1 ] || fail "journalctl RING=$RING finds nothing"
	python3 - "$TMP/ring.json" "$IF_CAP" <<'PY' || fail "journal fields are wrong"
import json, sys
for line in open(sys.argv[1]):
    j = json.loads(line)
    want = {"INTERFACE": sys.argv[2], "PROFILE": "all", "_SYSTEMD_UNIT": "pktcapd.service"}
    for k, v in want.items():
        if j.get(k) != v:
            sys.exit(f"{k}={j.get(k)} in {j.get('MESSAGE')!r}, expected {v}")
PY
	[ -z "$(ct journalctl -q -o cat RING="$IF_CAP/nosuch")" ] ||
		fail "journalctl RING= does not filter"
	log "journal: $n entries for RING=$RING"
}

# systemctl reload: ExecReload= sends SIGHUP and checks the file, and the running daemon
# (same PID) puts a new filter in the kernel; a broken file makes the reload
# fail with the error in the journal, and the daemon keeps its previous
# configuration. Fails without ExecReload= (systemd refuses the reload) or if
# the daemon does not re-read the file, or applies a broken one.
check_reload() {
	local pid before c
	pid=$(main_pid)
	ct sed -i 's/^\tfilter = ""/\tfilter = "udp dst port 7777"/' "$CONF"
	ct grep -q 'filter = "udp dst port 7777"' "$CONF" || hard_error "cannot edit $CONF"
	c=$(jcursor)
	ct systemctl reload pktcapd || fail "systemctl reload pktcapd failed"
	[ "$(main_pid)" = "$pid" ] || fail "reload replaced the daemon"
	jwait "$c" "ring $RING: filter is now \"udp dst port 7777\"" ||
		fail "the reload did not apply the new filter: $(jsince "$c")"
	reload_filter_holds "after the reload"

	ct sh -c "echo 'no-such-option = 1' >> $CONF"
	c=$(jcursor)
	ct systemctl reload pktcapd 2>/dev/null && fail "reloading a broken file succeeded"
	jwait "$c" "pktcapd\[$pid\]: reload: .*no-such-option.*; still running on the previous configuration" ||
		fail "the broken file is not reported: $(jsince "$c")"
	is_active pktcapd || fail "a broken file stopped the service"
	[ "$(main_pid)" = "$pid" ] || fail "a broken file replaced the daemon"
	reload_filter_holds "after a broken reload"

	ct cp /root/pktcapd.conf.good "$CONF"
	ct systemctl reload pktcapd || fail "reloading the original configuration failed"
}

# 10 packets to port 5353 and 10 to port 7777: only the latter get written.
reload_filter_holds() {
	local before
	before=$(written)
	send_pkts -c 10 -r 1000
	send_pkts -c 10 -r 1000 --dport 7777
	wait_until 5 eval '[ "$(written)" -ge $((before + 10)) ]' ||
		fail "$1: the ring wrote $(($(written) - before)) packets, expected 10"
	sleep 1.5	# the flush interval: anything more would be on its way
	[ "$(written)" = $((before + 10)) ] ||
		fail "$1: the ring wrote $(($(written) - before)) packets, expected 10 (filter not applied)"
}

# systemctl stop: SIGTERM, a clean exit within TimeoutStopSec (Result
# success, not timeout or signal), every file readable by tcpdump, and the
# packets of the last second before the stop in them (the flush interval is
# 1 s: without the drain and close on stop they would be lost or cut).
check_stop() {
	local n
	send_pkts -c 30 -r 1000 --dport 6001
	# (systemctl warns that the socket can start the service again: it is meant to.)
	ct systemctl stop pktcapd 2>"$TMP/stop.err" || fail "systemctl stop pktcapd: $(cat "$TMP/stop.err")"
	[ "$(prop Result)" = success ] || fail "the stop ended with result $(prop Result)"
	[ "$(prop ExecMainStatus)" = 0 ] || fail "pktcapd exited with $(prop ExecMainStatus)"
	is_active pktcapd.socket || fail "stopping the service stopped the socket"
	n=$(count_packets udp dst port 6001) || exit 1
	[ "$n" = 30 ] || fail "the files hold $n of the 30 packets sent just before the stop"
	log "stop: all files read cleanly, $(count_packets) packets in the ring"
}

# Stopping during a verify, under the unit: the verify thread runs at idle
# CPU and I/O priority (the unit's and the daemon's filters allow it for the
# thread itself), and systemctl stop ends the service at once, cleanly, with
# the totals saved, instead of waiting for TimeoutStopSec and SIGKILL. A
# held file made 64 GiB long (sparse) and MANIFEST moved away keep the
# verify hashing for most of a minute. Fails if the verify thread is not
# idle or if the stop hangs on it.
check_verify_stop() {
	local case=$STORE/evidence/BIG-1 held pid vpid t tid= policy io start ms i
	ct systemctl start pktcapd || fail "systemctl start pktcapd"
	send_pkts -c 30 -r 1000
	wait_until 10 eval '[ "$(written)" -ge 30 ]' || fail "no packets written before the preserve"
	ct pktctl preserve "$RING" --since -1h --until now --case BIG-1 >/dev/null ||
		fail "pktctl preserve failed"
	held=$(ct sh -c "ls $case" | grep -E '\.pcap$' | head -1)
	[ -n "$held" ] || fail "the case holds no pcap"
	ct sh -c "rm $case/$held && head -c 24 $RDIR/$held > $case/$held && truncate -s 64G $case/$held && mv $case/MANIFEST $case/MANIFEST.away" ||
		fail "cannot make the held file large"
	ct pktctl verify --case BIG-1 >/dev/null 2>&1 &
	vpid=$!
	pid=$(main_pid)
	for i in $(seq 50); do
		for t in $(ct ls "/proc/$pid/task"); do
			[ "$(ct cat "/proc/$pid/task/$t/comm" 2>/dev/null)" = verify ] && tid=$t
		done
		[ -n "$tid" ] && break
		sleep 0.1
	done
	[ -n "$tid" ] || fail "no thread named verify while a verify runs"
	policy=$(ct cat "/proc/$pid/task/$tid/sched" | awk '$1 == "policy" { print $3 }')
	io=$(ct ionice -p "$tid")
	[ "$policy" = 5 ] && [ "${io%%:*}" = idle ] ||
		fail "verify thread: policy $policy, I/O '$io'; expected 5 and idle"
	ct rm -f "$RDIR/pktcapd.totals"
	start=$(date +%s%N)
	ct systemctl stop pktcapd 2>/dev/null || fail "systemctl stop pktcapd during a verify"
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$(prop Result)" = success ] || fail "the stop during a verify ended with result $(prop Result)"
	[ "$ms" -lt 5000 ] || fail "the stop during a verify took $ms ms"
	ct test -f "$RDIR/pktcapd.totals" || fail "the totals were not saved at the stop"
	wait "$vpid"
	# The forged case would only be noise for the checks after this one. pktctl's
	# last poll may have started the service again through the socket: leave it
	# stopped, with only the socket listening, as check_stop does.
	ct rm -rf "$case"
	ct systemctl stop pktcapd 2>/dev/null || fail "systemctl stop pktcapd after the verify"
	log "verify and stop: verify thread $tid idle, stopped in $ms ms, totals saved"
}

# Socket activation and the socket's permissions: with only the socket
# active, pktctl status from a member of the socket's group answers and
# starts the service; a user outside the group is refused before the daemon
# starts. Fails without the socket unit, with a wrong SocketGroup= or
# SocketMode=, or a daemon that ignores the passed socket.
check_activation() {
	local group out
	is_active pktcapd && fail "the service runs before the test connects"
	group=$(ct stat -c %G "$SOCK") || fail "no $SOCK while the socket unit is active"
	ct useradd -M -N -G "$group" pktread || hard_error "useradd pktread"
	ct useradd -M -N pktout || hard_error "useradd pktout"
	out=$(ct runuser -u pktout -- pktctl status 2>&1) && fail "a user outside $group got status"
	is_active pktcapd && fail "a refused connection started the service"
	out=$(ct runuser -u pktread -- pktctl status 2>&1) ||
		fail "a member of $group got no status: $out"
	echo "$out" | grep -q "^$RING " || fail "status does not list $RING: $out"
	is_active pktcapd || fail "the connection did not start the service"
	log "activation: a member of group $group started the service with pktctl status"
}

# The watchdog: a daemon frozen with SIGSTOP stops sending WATCHDOG=1, so
# systemd aborts it within WatchdogSec (30 s) and restarts it, and the new
# daemon numbers its files on from the last one. Fails without WatchdogSec=
# (nothing notices) or a daemon that does not ping (restarted unprompted).
check_watchdog() {
	local pid c t0 last
	# Packets written by this daemon: its file is open, and is the ring's last.
	send_pkts -c 5 -r 1000
	wait_until 5 written_is 5 || fail "the daemon wrote $(written) of 5 packets"
	last=$(last_file_no)
	pid=$(main_pid)
	c=$(jcursor)
	t0=$(date +%s)
	ct kill -STOP "$pid"
	wait_until 45 restarted "$pid" || fail "a frozen daemon was not restarted within 45 s"
	jwait "$c" "pktcapd.service: Watchdog timeout" ||
		fail "the restart was not the watchdog's: $(jsince "$c")"
	send_pkts -c 5 -r 1000
	wait_until 5 eval '[ "$(last_file_no)" = $((last + 1)) ]' ||
		fail "after the restart the ring's last file is $(last_file_no), expected $((last + 1))"
	log "watchdog: restarted $(($(date +%s) - t0)) s after SIGSTOP, file numbering went on at $((last + 1))"
}

# Restart=on-failure: a daemon killed with SIGKILL comes back within
# RestartSec (2 s) and a little. Fails with Restart=no.
check_sigkill() {
	local pid n
	pid=$(main_pid) n=$(prop NRestarts)
	ct kill -KILL "$pid"
	wait_until 15 restarted "$pid" || fail "a daemon killed with SIGKILL did not come back"
	[ "$(prop NRestarts)" = $((n + 1)) ] || fail "NRestarts is $(prop NRestarts), expected $((n + 1))"
}

# StartLimitIntervalSec=/StartLimitBurst=: a configuration that passes
# pktcapd -t but can never start (a storage directory that cannot be made;
# a missing interface would not do: its ring waits for it) is tried
# a few times, then the unit stays failed. Fails with systemd's default
# limit, which RestartSec=2s never reaches: the service restarts for ever.
check_start_limit() {
	local c n tries
	ct systemctl reset-failed pktcapd	# starts from here count, not the earlier ones
	ct sed -i 's|^storage = .*|storage = /proc/pktcapd-cannot-exist|' "$CONF"
	ct grep -q "^storage = /proc/pktcapd-cannot-exist" "$CONF" || hard_error "no storage line to change in $CONF"
	ct pktcapd -t -f "$CONF" >/dev/null || hard_error "the never-starting config fails pktcapd -t"
	c=$(jcursor)
	ct systemctl restart --no-block pktcapd
	wait_until 60 eval '[ "$(prop ActiveState)" = failed ]' ||
		fail "a service that cannot start is still $(prop ActiveState) after 60 s, $(prop NRestarts) restarts"
	jwait "$c" "pktcapd.service: Start request repeated too quickly" ||
		fail "the service failed, but not on its start limit: $(jsince "$c" | tail -5)"
	n=$(prop NRestarts)
	sleep 5	# two more RestartSec: a restart loop would show
	[ "$(prop ActiveState)" = failed ] && [ "$(prop NRestarts)" = "$n" ] ||
		fail "the service restarts after hitting its start limit"
	tries=$(jsince "$c" | grep -c "pktcapd.service: Main process exited, code=exited, status=1/FAILURE")
	log "start limit: gave up after $tries tries"

	ct cp /root/pktcapd.conf.good "$CONF"
	ct systemctl reset-failed pktcapd pktcapd.socket
	ct systemctl start pktcapd || fail "the service does not start again with a good configuration"
}

# --- the run ---------------------------------------------------------------

t=$(date +%s)
build_pktcap
T_BUILD=$(($(date +%s) - t))
t=$(date +%s)
ct_rootfs "$WORK"
T_ROOTFS=$(($(date +%s) - t))
netns_setup
trap on_exit EXIT
RING=$IF_CAP/all
RDIR=$STORE/$IF_CAP/all
install_pktcap
t=$(date +%s)
ct_boot "$ROOT" "$NS_CAP"
log "booted in $(($(date +%s) - t)) s"
CUR0=$(jcursor)

for c in boot enable notify privileges idle security status journal reload stop verify_stop \
	activation \
	watchdog sigkill start_limit; do
	"check_$c"
	echo "ok: $c"
done

# A clean halt of the whole system stops the service too: files still whole.
ct_halt
for f in "$ROOT$RDIR"/*.pcap; do
	tcpdump -nr "$f" >/dev/null 2>"$TMP/tcpdump.err"
	grep -qv "^reading from file" "$TMP/tcpdump.err" && fail "after halt, $f: $(cat "$TMP/tcpdump.err")"
done
pass "build ${T_BUILD} s, root ${T_ROOTFS} s, total $(($(date +%s) - T_START)) s"
