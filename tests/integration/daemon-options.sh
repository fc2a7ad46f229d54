#!/bin/bash
# daemon-options.sh: pktcapd's long options, a stray argument named, syslog in the background, an unwritable storage explained
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 unshare
netns_setup
write_conf <<EOF2
profile all {
}
interface $IF_CAP {
	profiles = { all }
}
EOF2

# A stray argument is named, with the likely meaning.
out=$("$PKTCAPD" "$TMP/pktcapd.conf" 2>&1) && fail "a stray argument was accepted"
echo "$out" | grep -qF "unexpected argument '$TMP/pktcapd.conf'; a configuration file is given with -f" ||
	fail "the stray argument is not named: $out"
# Long options as pktctl has them.
"$PKTCAPD" --help | grep -q -- "--log-level LEVEL" || fail "--help lists no --log-level"
"$PKTCAPD" --version | grep -qx "pktcapd [0-9.]*" || fail "--version: $("$PKTCAPD" --version)"
"$PKTCAPD" --check --config "$TMP/pktcapd.conf" | grep -q "configuration OK (1 profile, 1 interface)" ||
	fail "--check --config did not check, or counts one profile and one interface in plural"
# The longest keep-age is what pktcapd.conf(5) says: 106751d, not a day more.
sed 's/^profile all {$/profile all {\n keep-age = 106751d/' "$TMP/pktcapd.conf" > "$TMP/age.conf"
"$PKTCAPD" -t -f "$TMP/age.conf" >/dev/null 2>&1 || fail "keep-age = 106751d was refused"
sed -i 's/106751d/106752d/' "$TMP/age.conf"
out=$("$PKTCAPD" -t -f "$TMP/age.conf" 2>&1) && fail "keep-age = 106752d was accepted"
echo "$out" | grep -qF "at most 106751d" || fail "keep-age's limit is not named as 106751d: $out"
log "options: ok"

# --foreground --storage --socket --user --log-level: the daemon runs on them.
mkdir -p "$TMP/other"
chown nobody:nogroup "$TMP/other"
start_pktcapd --storage "$TMP/other" --socket "$TMP/other.sock" --user nobody --log-level debug
"$PKTCTL" -S "$TMP/other.sock" status --json | jget 'j["result"]["storage"]' | grep -qx "$TMP/other" ||
	fail "--storage/--socket were not used"
stop_pktcapd
log "long options start the daemon: ok"

# A trial run with -w DIR (README "Try it") keeps everything under DIR when
# the configuration names no state directory or socket: the evidence key in
# DIR, the socket in DIR/run/. Nothing goes to /var/lib/pktcapd or /run/pktcapd.
cp "$TMP/pktcapd.conf" "$TMP/pktcapd.conf.full"
grep -vE '^(socket|state-directory) =' "$TMP/pktcapd.conf.full" > "$TMP/pktcapd.conf"
start_pktcapd -w "$TMP/trial" -Z nobody
[ -S "$TMP/trial/run/pktcapd.sock" ] || fail "-w: no socket in DIR/run/: $(ls -lR "$TMP/trial")"
"$PKTCTL" -S "$TMP/trial/run/pktcapd.sock" status --json | jget 'j["result"]["storage"]' |
	grep -qx "$TMP/trial" || fail "-w: the socket in DIR/run/ does not answer"
[ -f "$TMP/trial/evidence-key.pem" ] || fail "-w: the evidence key is not in DIR: $(ls -l "$TMP/trial")"
stop_pktcapd
# -S, and a configuration that names them, still win.
start_pktcapd -w "$TMP/trial2" -S "$TMP/trial2.sock"
[ -S "$TMP/trial2.sock" ] && [ ! -e "$TMP/trial2/run" ] || fail "-w took the socket from -S"
stop_pktcapd
cp "$TMP/pktcapd.conf.full" "$TMP/pktcapd.conf"
start_pktcapd -w "$TMP/trial3"
[ -S "$TMP/pktcapd.sock" ] && [ ! -e "$TMP/trial3/run" ] && [ ! -e "$TMP/trial3/evidence-key.pem" ] &&
	[ -f "$TMP/state/evidence-key.pem" ] || fail "-w overrode the configuration's socket or state-directory"
stop_pktcapd
log "-w keeps a trial run under DIR: ok"

# A storage on a read-only mount (what ProtectSystem=strict makes of any
# path outside ReadWritePaths=): refused at start with the drop-in to add.
mkdir -p "$TMP/ro/store"
out=$(INVOCATION_ID=test ip netns exec "$NS_CAP" unshare -m sh -c '
	mount --make-rprivate / && mount --bind -o ro "$1/ro" "$1/ro" &&
	mount -o remount,bind,ro "$1/ro" && exec "$2" -n -f "$1/pktcapd.conf" -w "$1/ro/store/new"' \
	_ "$TMP" "$PKTCAPD" 2>&1) && fail "a read-only storage was accepted"
echo "$out" | grep -qF "systemctl edit pktcapd\": [Service] ReadWritePaths=$TMP/ro/store/new" ||
	fail "no drop-in named for the read-only storage: $out"
# The same when the directories are already there.
mkdir -p "$TMP/ro/store/old/$IF_CAP/all"
out=$(INVOCATION_ID=test ip netns exec "$NS_CAP" unshare -m sh -c '
	mount --make-rprivate / && mount --bind -o ro "$1/ro" "$1/ro" &&
	mount -o remount,bind,ro "$1/ro" && exec "$2" -n -f "$1/pktcapd.conf" -w "$1/ro/store/old"' \
	_ "$TMP" "$PKTCAPD" 2>&1) && fail "an existing read-only storage was accepted"
echo "$out" | grep -qF "ReadWritePaths=$TMP/ro/store/old" ||
	fail "no drop-in named for the existing read-only storage: $out"
log "read-only storage explained: ok"

# In the background, outside systemd: syslog. The daemon gets a /dev of its
# own (a tmpfs with the real null, zero and random) whose log is a socket a
# small receiver reads; the real /dev is untouched.
mkdir -p "$TMP/dev" "$TMP/realdev"
python3 - "$TMP/dev/log" "$TMP/syslog.txt" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(0.5)
end = time.time() + 20
with open(sys.argv[2], "w") as out:
	while time.time() < end:
		try:
			out.write(s.recv(4096).decode(errors="replace") + "\n")
			out.flush()
		except socket.timeout:
			pass
PY
RECV=$!
EXTRA_CLEANUP="kill $RECV 2>/dev/null; [ -n \"\${BGPID:-}\" ] && kill -KILL \$BGPID 2>/dev/null"
for _ in $(seq 50); do [ -S "$TMP/dev/log" ] && break; sleep 0.1; done
chmod 666 "$TMP/dev/log"	# as /dev/log is: the daemon writes as nobody
env -u NOTIFY_SOCKET -u JOURNAL_STREAM -u INVOCATION_ID ip netns exec "$NS_CAP" unshare -m sh -c '
	mount --make-rprivate / && mount --bind /dev "$1/realdev" && mount -t tmpfs tmpfs /dev || exit 1
	for n in null zero urandom random log; do
		touch "/dev/$n" || exit 1
		[ $n = log ] && src="$1/dev/log" || src="$1/realdev/$n"
		mount --bind "$src" "/dev/$n" || exit 1
	done
	exec "$2" -f "$1/pktcapd.conf"' _ "$TMP" "$PKTCAPD" \
	> "$TMP/bg.out" 2>&1 || fail "pktcapd did not go to the background: $(cat "$TMP/bg.out")"
for _ in $(seq 100); do
	BGPID=$(ctl status --json 2>/dev/null | jget 'j["result"]["pid"]' 2>/dev/null) && break
	sleep 0.1
done
[ -n "${BGPID:-}" ] || fail "the background daemon does not answer"
for _ in $(seq 100); do
	grep -q "pktcapd\[$BGPID\]: pktcapd .* capturing 1 ring\b" "$TMP/syslog.txt" && break
	sleep 0.1
done
grep -q "^<29>.*pktcapd\[$BGPID\]: pktcapd .* capturing 1 ring\b" "$TMP/syslog.txt" ||
	fail "the start-up line did not reach syslog (facility daemon, notice): $(cat "$TMP/syslog.txt")"
ctl rotate >/dev/null
kill -TERM "$BGPID"
for _ in $(seq 100); do kill -0 "$BGPID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$BGPID" 2>/dev/null && fail "the background daemon did not stop"
BGPID=
grep -q "pktcapd\[[0-9]*\]: Terminated: shutting down" "$TMP/syslog.txt" ||
	fail "the shutdown did not reach syslog: $(cat "$TMP/syslog.txt")"
log "syslog in the background: ok"
pass
