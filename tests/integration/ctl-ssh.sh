#!/bin/bash
# ctl-ssh.sh: pktctl -H runs commands against a daemon over a real sshd on 127.0.0.1; several hosts merge by time
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 ssh ssh-keygen tshark
[ -x /usr/sbin/sshd ] || skip "needs openssh-server"
netns_setup
write_conf <<EOF2
profile all {
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 6 -p udp --dport 53 -r 100
wait_written "$IF_CAP/all" 6

# A throwaway sshd on loopback, with throwaway keys, for this test only.
ssh-keygen -q -t ed25519 -N '' -f "$TMP/hostkey" || hard_error "ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -f "$TMP/key" || hard_error "ssh-keygen"
cp "$TMP/key.pub" "$TMP/authorized_keys"
PORT=$((20000 + $$ % 20000))
made_run=
[ -d /run/sshd ] || { mkdir -p /run/sshd && made_run=1; }
cat > "$TMP/sshd_config" <<EOF2
Port $PORT
ListenAddress 127.0.0.1
HostKey $TMP/hostkey
PidFile $TMP/sshd.pid
AuthorizedKeysFile $TMP/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
LogLevel ERROR
EOF2
/usr/sbin/sshd -D -e -f "$TMP/sshd_config" 2>"$TMP/sshd.log" &
SSHD=$!
EXTRA_CLEANUP="kill $SSHD 2>/dev/null; [ -n \"$made_run\" ] && rmdir /run/sshd 2>/dev/null"
export PKTCTL_SSH="ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5 -i $TMP/key"
export PKTCTL_REMOTE=$PKTCTL
H1=root@127.0.0.1:$PORT
H2=[127.0.0.1]:$PORT
for _ in $(seq 50); do
	timeout 10 $PKTCTL_SSH -p "$PORT" -o BatchMode=yes root@127.0.0.1 true 2>/dev/null && break
	kill -0 "$SSHD" 2>/dev/null || fail "sshd did not start: $(cat "$TMP/sshd.log")"
	sleep 0.2
done
rctl() { timeout 60 "$PKTCTL" -S "$TMP/pktcapd.sock" "$@"; }

# One host: any command, through ssh and pktctl --bridge there.
pid=$(rctl -H "$H1" status --json | jget 'j["result"]["pid"]') || fail "status over ssh failed"
[ "$pid" = "$(ctl status --json | jget 'j["result"]["pid"]')" ] || fail "status over ssh came from pid $pid"
rctl -H "$H1" dump "$IF_CAP/all" > "$TMP/remote.txt" || fail "dump over ssh failed"
ctl dump "$IF_CAP/all" > "$TMP/local.txt"
cmp -s "$TMP/local.txt" "$TMP/remote.txt" || fail "dump over ssh differs: $(diff "$TMP/local.txt" "$TMP/remote.txt" | head -5)"
[ "$(wc -l < "$TMP/remote.txt")" = 6 ] || fail "dump over ssh printed $(wc -l < "$TMP/remote.txt") packets"
rctl -H "$H1" dump "$IF_CAP/all" -w "$TMP/remote.pcap" || fail "dump -w over ssh failed"
[ "$(tcpdump -nr "$TMP/remote.pcap" 2>/dev/null | wc -l)" = 6 ] || fail "dump -w over ssh"
log "one host over ssh: ok"

# Two hosts (here the same daemon under two names): merged by time, each packet naming its host.
rctl -H "$H1" -H "$H2" dump "$IF_CAP/all" > "$TMP/two.txt" || fail "dump of two hosts failed"
lines() { awk -v h="$1" '$1 == h' "$TMP/two.txt" | wc -l; }
[ "$(lines "$H1")" = 6 ] && [ "$(lines "$H2")" = 6 ] ||
	fail "two hosts' lines are not labelled: $(head -4 "$TMP/two.txt")"
sed "s/^[^ ]* //" "$TMP/two.txt" | awk '{ print $1 }' | sort -c || fail "two hosts are not merged by time"
rctl -H "$H1" -H "$H2" dump "$IF_CAP/all" -w - > "$TMP/two.pcapng" || fail "dump -w - of two hosts failed"
names=$(tshark -r "$TMP/two.pcapng" -T fields -e frame.interface_name 2>"$TMP/tshark.err" | sort | uniq -c |
	awk '{ print $2 "=" $1 }' | tr '\n' ' ')
[ "$names" = "$(printf '%s=6\n%s=6\n' "$H1" "$H2" | sort | tr '\n' ' ')" ] && ! grep -qi "error\|appears to be damaged" "$TMP/tshark.err" ||
	fail "pcapng of two hosts: interfaces '$names' $(cat "$TMP/tshark.err")"
log "two hosts merged, labelled, pcapng per host: ok"

rctl -H "$H1" -H "$H2" summary "$IF_CAP/all" --json > "$TMP/sum.json" || fail "summary of two hosts failed"
[ "$(jget "j['$H1']['packets']" < "$TMP/sum.json")" = 6 ] || fail "summary per host: $(cat "$TMP/sum.json" | head -20)"
[ "$(jget "j['all hosts']['packets']" < "$TMP/sum.json")" = 12 ] || fail "summary of all hosts"
out=$(rctl -H "$H1" -H "$H2" status) || fail "status of two hosts failed"
# One table: a HOST column, one row per host's ring, no block per host.
echo "$out" | grep -q "^HOST  *RING  *STATE" && ! echo "$out" | grep -q "^== " ||
	fail "status of two hosts is not one table with a HOST column: $out"
[ "$(echo "$out" | grep -cE "^($H1|\[127\.0\.0\.1\]:$PORT) +$IF_CAP/all ")" = 2 ] ||
	fail "status of two hosts: not a row per host: $out"
rctl -H "$H1" -H "$H2" status --json > "$TMP/st.json" || fail "status --json of two hosts failed"
[ "$(jget "len(j) == 2 and j['$H1']['ok'] and j['$H2']['result']['pid'] == $pid" < "$TMP/st.json")" = True ] ||
	fail "status --json of two hosts is not an object per host: $(head -c 300 "$TMP/st.json")"
log "summary and status per host: ok"

# What went wrong, said per host: ssh's exit status and its last error line.
BAD=root@127.0.0.1:1
out=$(rctl -H no-such-host.invalid status 2>&1) && fail "an unknown host succeeded"
echo "$out" | grep -q "no-such-host.invalid.*exit status 255.*Could not resolve hostname" ||
	fail "an unknown host: $out"
ssh-keygen -q -t ed25519 -N '' -f "$TMP/otherkey" || hard_error "ssh-keygen"
out=$(PKTCTL_SSH="${PKTCTL_SSH/$TMP\/key/$TMP/otherkey}" rctl -H "$H1" status 2>&1) &&
	fail "a refused key succeeded"
echo "$out" | grep -q "127.0.0.1.*exit status 255.*Permission denied (publickey" ||
	fail "a refused key: $out"
out=$(PKTCTL_REMOTE=/nonexistent/pktctl rctl -H "$H1" status 2>&1) && fail "a missing pktctl succeeded"
echo "$out" | grep -q "pktctl not found on 127.0.0.1: set PKTCTL_REMOTE" || fail "no remote pktctl: $out"
out=$(rctl -H "hhhhhhhhhh/$(printf 'p%.0s' $(seq 290))" status 2>&1)
[ $? = 1 ] && echo "$out" | grep -q "hhhhhhhhhh.*Could not resolve hostname" ||
	fail "a 300-character target: $out"
log "ssh's errors named per host: ok"

# One failing host hides none of the others: what they sent, the failure on stderr, exit 1.
for order in "-H $H1 -H $BAD" "-H $BAD -H $H1"; do
	# shellcheck disable=SC2086
	rctl $order dump "$IF_CAP/all" -c 2 > "$TMP/gb.txt" 2> "$TMP/gb.err" && fail "dump with a bad host succeeded"
	[ "$(grep -c "^$H1 " "$TMP/gb.txt")" = 2 ] && grep -q "$BAD" "$TMP/gb.err" ||
		fail "dump $order: $(cat "$TMP/gb.txt" "$TMP/gb.err")"
done
rctl -H "$H1" -H "$BAD" status > "$TMP/gb.txt" 2> "$TMP/gb.err" && fail "status with a bad host succeeded"
grep -q "^$H1 *$IF_CAP/all" "$TMP/gb.txt" && grep -q "$BAD.*Connection refused" "$TMP/gb.err" ||
	fail "status with a bad host: $(cat "$TMP/gb.txt" "$TMP/gb.err")"
rctl -H "$BAD" -H "$H1" list > "$TMP/gb.txt" 2> "$TMP/gb.err" && fail "list with a bad host succeeded"
grep -q "^$IF_CAP/all .*\.pcap" "$TMP/gb.txt" && grep -q "127.0.0.1.*Connection refused" "$TMP/gb.err" &&
	grep -qxF "== $H1" "$TMP/gb.txt" || fail "list with a bad host: $(cat "$TMP/gb.txt" "$TMP/gb.err")"
# A daemon's own error in text, over several hosts: each line on stderr names its host.
rctl -H "$H1" -H "$H2" list no/such > "$TMP/gb.txt" 2> "$TMP/gb.err" && fail "list of a missing ring succeeded"
for h in "$H1" "$H2"; do
	grep -qF "pktctl: $h: " "$TMP/gb.err" || fail "list of a missing ring: $h not named: $(cat "$TMP/gb.err")"
done
[ "$(wc -l < "$TMP/gb.err")" = 2 ] || fail "list of a missing ring: $(cat "$TMP/gb.err")"
rctl -H "$BAD" -H "$H1" summary "$IF_CAP/all" --json > "$TMP/gb.json" 2> "$TMP/gb.err" &&
	fail "summary with a bad host succeeded"
# The failing host is an error entry, not zero packets.
[ "$(jget "j['$H1']['packets'] == 6 and j['all hosts']['packets'] == 6 and
	list(j['$BAD']) == ['error'] and 'Connection refused' in j['$BAD']['error']" < "$TMP/gb.json")" = True ] &&
	grep -q "$BAD" "$TMP/gb.err" || fail "summary with a bad host: $(cat "$TMP/gb.json" "$TMP/gb.err")"
rctl -H "$BAD" -H "$H1" summary "$IF_CAP/all" > "$TMP/gb.txt" 2> /dev/null && fail "summary with a bad host succeeded"
sed -n "/^== $BAD\$/{n;p}" "$TMP/gb.txt" | grep -q "^no summary: .*Connection refused" ||
	fail "summary's text for a bad host: $(head -5 "$TMP/gb.txt")"
BAD2=root@127.0.0.1:2
rctl -H "$BAD" -H "$BAD2" summary "$IF_CAP/all" --json > "$TMP/gb.json" 2> /dev/null && fail "summary of no host succeeded"
[ "$(jget "'error' in j['$BAD'] and 'error' in j['$BAD2']" < "$TMP/gb.json")" = True ] ||
	fail "summary when every host failed: $(cat "$TMP/gb.json")"
rctl -H "$H1" -H "$BAD" metrics > "$TMP/gb.prom" 2> "$TMP/gb.err" && fail "metrics with a bad host succeeded"
grep -qxF "pktcap_up{host=\"$H1\"} 1" "$TMP/gb.prom" && grep -qxF "pktcap_up{host=\"$BAD\"} 0" "$TMP/gb.prom" &&
	grep -q "^pktcap_packets_written_total{host=\"$H1\",ring=\"$IF_CAP/all\"" "$TMP/gb.prom" &&
	[ "$(grep -c '^# TYPE pktcap_up ' "$TMP/gb.prom")" = 1 ] && grep -q "$BAD" "$TMP/gb.err" ||
	fail "metrics with a bad host: $(head -20 "$TMP/gb.prom") $(cat "$TMP/gb.err")"
if command -v promtool >/dev/null; then
	promtool check metrics < "$TMP/gb.prom" || fail "promtool: metrics of two hosts"
fi
log "one failing host hides no other: ok"

# --json over several hosts: one document, an object keyed by host; a failing host an error entry.
jhosts() {	# $1: the exit status wanted; $2: a Python test of the document j; the rest: pktctl's words
	local want=$1 test=$2 rc
	shift 2
	rctl "$@" > "$TMP/j.json" 2> "$TMP/j.err"
	rc=$?
	[ "$rc" = "$want" ] && [ "$(jget "$test" < "$TMP/j.json")" = True ] ||
		fail "pktctl $*: exit $rc, not one document keyed by host: $(head -c 400 "$TMP/j.json") $(cat "$TMP/j.err")"
}
bad="'error' in j['$BAD'] and not j['$BAD']['ok']"
jhosts 0 "sorted(j) == sorted(['$H1', '$H2']) and all(len(j[h]['result']['files']) > 0 for h in j)" \
	-H "$H1" -H "$H2" list --json
jhosts 1 "len(j) == 2 and len(j['$H1']['result']['files']) > 0 and $bad" -H "$H1" -H "$BAD" list --json
grep -q "$BAD.*Connection refused" "$TMP/j.err" || fail "list --json: the bad host is not named: $(cat "$TMP/j.err")"
jhosts 1 "all(not j[h]['ok'] and 'no ring' in j[h]['error'] for h in j)" -H "$H1" -H "$H2" list nosuch/ring --json
[ "$(grep -c "no ring" "$TMP/j.err")" = 2 ] || fail "list --json of no such ring: $(cat "$TMP/j.err")"
jhosts 1 "j['$H1']['result']['pid'] == $pid and $bad" -H "$BAD" -H "$H1" status --json
grep -q "$BAD" "$TMP/j.err" || fail "status --json: the bad host is not named: $(cat "$TMP/j.err")"
jhosts 1 "j['$H1']['ok'] and $bad" --json -H "$H1" -H "$BAD" interfaces
jhosts 1 "j['$H1']['ok'] and $bad" -H "$BAD" -H "$H1" cases --json
log "--json over several hosts is one document, failing hosts as error entries: ok"

# pktctl reaps its ssh children itself: SIGCHLD keeps its default for the whole process.
"$PKTCTL" -S "$TMP/pktcapd.sock" -H "$H1" dump "$IF_CAP/all" -f > /dev/null 2>&1 &
FOLLOW=$!
sleep 2
ign=$(awk '/^SigIgn/ { print $2 }' "/proc/$FOLLOW/status")
kill "$FOLLOW" 2>/dev/null
wait "$FOLLOW" 2>/dev/null
[ -n "$ign" ] && [ $((0x$ign & (1 << 16))) = 0 ] || fail "SIGCHLD is ignored process-wide (SigIgn $ign)"
log "SIGCHLD left alone: ok"
pass
