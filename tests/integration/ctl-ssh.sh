#!/bin/bash
# ctl-ssh.sh: pktctl -H runs commands against a daemon over a real sshd on 127.0.0.1; several hosts merge by time
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
[ "$(echo "$out" | grep -c "^== ")" = 2 ] && echo "$out" | grep -qxF "== $H2" ||
	fail "status of two hosts is not tabulated per host: $out"
log "summary and status per host: ok"

# A host that cannot be reached is an error, bounded in time.
out=$(PKTCTL_SSH="$PKTCTL_SSH -o ConnectTimeout=3" timeout 30 "$PKTCTL" -H root@127.0.0.1:1 status 2>&1) &&
	fail "an unreachable host succeeded"
log "unreachable host: $(echo "$out" | tail -1)"
pass
