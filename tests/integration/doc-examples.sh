#!/bin/bash
# doc-examples.sh: every command line of the man pages' examples and README's example blocks runs against a test daemon
# SPDX-License-Identifier: BSD-2-Clause
#
# Which lines: in pktctl(1) every example block (.EX ... .EE; its examples
# sit with each command, it has no EXAMPLES section), in pktcapd(8) and
# pktcapd.conf(5) the blocks of EXAMPLES, and README.md's ```sh blocks. A
# man page's line is a command when it starts with "$ " or "# " and a
# command's name; README's lines are all commands. A line ending in "\" or
# "|" goes on on the next one.
#
# What counts as working: exit status 0; for an example whose next line in
# the page is an error ("pktctl: ...", "pktcapd: ...", "ok":false), a
# non-zero status; for a follow (-f) example, still running after 3 s.
# Each block runs in a fresh working directory, $TMP/work, which holds the
# decoder suite's pcaps (dns-basic.pcap ...), old.pcap.gz, capture.pcap.gz,
# lo.conf and host.pem, so that the files the examples read exist. An
# example whose output shows a filter that does not compile runs after one
# is put into the test's configuration (BROKEN below).
#
# The mapping from the docs' world to this test's (applied in this order):
#   IFACE-PROFILE-YYYYMMDDTHHMMSSZ-NNNNNN.pcap[.gz]  the ring's first file of that kind
#   eth0                        this test's veth ($IF_CAP), with rings web, dns (gzip), all
#   lo                          stays: the namespace's loopback, ring lo/all
#   /var/lib/pktcapd, capture/  the test's storage, $TMP/store
#   /run/pktcapd/pktcapd.sock, ./pktcapd.sock  the test's socket (PKTCAPD_SOCKET is set too)
#   /media/usb/, /tmp/          $TMP/usb/ (a copy of each case), $TMP/
#   --since/--until CLOCK-OR-DATE   --since -1h / --until now (the test's traffic is minutes old)
#   pktcapd -t without -f       -f the test's configuration
#   sudo                        dropped (the test runs as root)
# Lines that cannot run here are skipped, each with its reason (SKIPS below).

. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 jq openssl sha256sum gzip timeout
netns_setup
write_conf <<EOF2
profile web {
	compress = gzip
	flush-interval = 100ms
}
profile dns {
	compress = gzip
	flush-interval = 100ms
}
profile all {
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { web, dns, all }
}
interface lo {
	profiles = { all }
}
EOF2
start_pktcapd
send_pkts -c 40 -p tcp --dport 443 -r 400
send_pkts -c 40 -p udp --dport 53 -r 400
# Echo requests (and their replies) for the icmp examples.
ip netns exec "$NS_PEER" python3 -c '
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
for seq in range(3):
    h = struct.pack("!BBHHH", 8, 0, 0, 7, seq)
    c = sum(struct.unpack("!4H", h))
    c = ~((c >> 16) + (c & 0xffff)) & 0xffff
    s.sendto(struct.pack("!BBHHH", 8, 0, c, 7, seq), ("198.18.0.1", 0))
' || fail "no echo request across the veth"
ip netns exec "$NS_CAP" "$PKTGEN" -i lo -c 20 -p udp --dst-ip 127.0.0.1 >/dev/null || fail "pktgen on lo"
# ARP and echo replies come too: wait for at least what was sent.
for _ in $(seq 50); do
	n=$(ctl status --json | jget '[r["packets_written"] for r in j["result"]["rings"]]' 2>/dev/null)
	[[ $n =~ ^\[([0-9]+),\ ([0-9]+),\ ([0-9]+),\ ([0-9]+)\]$ ]] &&
		[ "${BASH_REMATCH[1]}" -ge 83 ] && [ "${BASH_REMATCH[4]}" -ge 20 ] && break
	sleep 0.2
done
# Closed, sealed files for list's hashes and the case.
ctl rotate "$IF_CAP/web" >/dev/null || fail "rotate"	# not lo/all: the docs rotate it 3 times, the most in a row

SOCK=$TMP/pktcapd.sock
export PKTCAPD_SOCKET=$SOCK
export PATH="$top_builddir/ctl:$top_builddir/daemon:$PATH"
export IF_CAP TMP top_srcdir SOCK
mkdir -p "$TMP/usb"
setup_work() {
	rm -rf "$TMP/work"
	mkdir -p "$TMP/work"
	cp "$top_srcdir"/tests/decode/pcaps/*.pcap "$TMP/work/"
	gzip -c "$top_srcdir/tests/decode/pcaps/dns-basic.pcap" > "$TMP/work/old.pcap.gz"
	gzip -c "$top_srcdir/tests/decode/pcaps/icmp-quoted.pcap" > "$TMP/work/capture.pcap.gz"
	cp "$TMP/pktcapd.conf" "$TMP/work/lo.conf"
	ctl key > "$TMP/work/host.pem"	# the key as a receiver got it, for verify --dir
}

# extract: one line per example: SOURCE<TAB>KIND<TAB>COMMAND, KIND being
# run, fail (an error is what the page shows), follow or skip (COMMAND is
# then the reason).
extract() {
	python3 - "$top_srcdir" <<'PY'
import os, re, sys
top = sys.argv[1]
env = os.environ
SKIPS = [
    (r'\bsystemctl\b|\bjournalctl\b', 'needs systemd as PID 1 (tests/systemd/run.sh runs the units)'),
    (r'\busermod\b', "changes the host's groups"),
    (r'apt-get|dpkg-buildpackage|tests/check\.sh|tests/systemd/run\.sh',
     'builds or installs (CI runs these itself)'),
    (r'\bwireshark\b', 'needs a display'),
    (r'(^|\s)-H\s', 'needs ssh hosts (ctl-ssh.sh tests -H)'),
    (r'\bpktcapd\b.*\s-n\b', "starts a daemon: the test's own plays its part"),
]
COMMANDS = ('pktctl', 'pktcapd', 'sudo', 'tcpdump', 'cat', 'mkdir', 'cd', 'zcat', 'openssl',
            'sha256sum', 'for', 'systemctl', 'journalctl', 'usermod')

def unroff(s):
    for a, b in (('\\-', '-'), ('\\(aq', "'"), ('\\(dq', '"'), ('\\(lq', '"'), ('\\(rq', '"'),
                 ('\\&', ''), ('\\e', '\\')):
        s = s.replace(a, b)
    return s

def ring_file(m):
    iface, prof, ext = m.group(1), m.group(2), m.group(3)
    iface = env['IF_CAP'] if iface == 'eth0' else iface
    return '$(cd "$TMP/store/%s/%s" && ls *%s | head -1)' % (iface, prof, ext)

def mapped(cmd):
    cmd = re.sub(r'^sudo\s+', '', cmd)
    cmd = re.sub(r'\b(eth0|lo)-([a-z]+)-\d{8}T\d{6}Z-\d{6}(\.pcap(?:\.gz)?)', ring_file, cmd)
    cmd = re.sub(r'\beth0\b', env['IF_CAP'], cmd)
    cmd = cmd.replace('/var/lib/pktcapd', '$TMP/store')
    cmd = re.sub(r'(^|[\s"])capture/', r'\1$TMP/store/', cmd)
    cmd = cmd.replace('/run/pktcapd/pktcapd.sock', '$SOCK').replace('./pktcapd.sock', '$SOCK')
    cmd = cmd.replace('/media/usb/', '$TMP/usb/').replace('/tmp/', '$TMP/')
    when = r'(\d{4}-\d\d-\d\dT[\d:]+Z?|\d\d?:\d\d(:\d\d(\.\d+)?)?)'
    cmd = re.sub(r'--since ' + when, '--since -1h', cmd)
    cmd = re.sub(r'--until ' + when, '--until now', cmd)
    if re.match(r'pktcapd\s+-t\b', cmd) and ' -f ' not in cmd:
        cmd = cmd.replace('pktcapd -t', 'pktcapd -t -f "$TMP/pktcapd.conf"', 1)
    return cmd

def emit(src, lines, i):
    """The command starting at lines[i], joined; returns (command, next index)."""
    cmd = lines[i]
    while (cmd.endswith('\\') or cmd.endswith('|')) and i + 1 < len(lines):
        cmd = (cmd[:-1] if cmd.endswith('\\') else cmd) + ' ' + lines[i + 1].strip()
        i += 1
    return cmd, i + 1

# An example whose output shows a changed configuration gets that change
# first (and the test's configuration back after it).
BROKEN = ('cp "$TMP/pktcapd.conf" "$TMP/conf.good" && '
          'sed -i "s/^profile all {\\$/profile all {\\n filter = \\"udp and tcp port\\"/" "$TMP/pktcapd.conf"; ')
UNBREAK = '; rc=$?; cp "$TMP/conf.good" "$TMP/pktcapd.conf"; pktctl reload >/dev/null; exit $rc'

def kind(cmd, after):
    for rx, why in SKIPS:
        if re.search(rx, cmd):
            return 'skip', why
    if 'does not compile' in after:
        return 'fail', BROKEN + cmd + UNBREAK
    if after.startswith(('pktctl:', 'pktcapd:')) or re.search(r'"ok": ?false', after):
        return 'fail', cmd
    if re.search(r'\bdump\b.*\s-f(\s|$)', cmd):
        return 'follow', cmd
    return 'run', cmd

def man(path, examples_only):
    text = open(os.path.join(top, path)).read().split('\n')
    section, block, blockno = '', None, 0
    for n, line in enumerate(text, 1):
        if line.startswith('.SH '):
            section = line[4:].strip('"')
        elif line.startswith('.EX'):
            block, start = [], n
        elif line.startswith('.EE') and block is not None:
            if not examples_only or section.startswith('EXAMPLE'):
                blockno += 1
                yield '%s:%d' % (path, start), block
            block = None
        elif block is not None:
            block.append(unroff(line))

def blocks():
    yield from man('docs/pktctl.1', False)
    yield from man('docs/pktcapd.8', True)
    yield from man('docs/pktcapd.conf.5', True)
    text = open(os.path.join(top, 'README.md')).read().split('\n')
    block = None
    for n, line in enumerate(text, 1):
        if line.startswith('```sh'):
            block, start = [], n
        elif line.startswith('```') and block is not None:
            yield 'README.md:%d' % start, ['$ ' + l for l in block if l.strip()]
            block = None
        elif block is not None:
            block.append(line)

for src, lines in blocks():
    i, first = 0, True
    while i < len(lines):
        m = re.match(r'^[$#] (\S+)', lines[i])
        if not m or m.group(1) not in COMMANDS and not lines[i].startswith('$ '):
            i += 1
            continue
        cmd, j = emit(src, [l if k != i else l[2:] for k, l in enumerate(lines)], i)
        # What the page shows the command print: the lines up to the next command.
        out = []
        for l in lines[j:]:
            if l.startswith('$ ') or re.match(r'^# (\S+)', l) and l.split()[1] in COMMANDS:
                break
            out.append(l)
        after = '\n'.join(out)
        k, what = kind(cmd, after)
        print('%s\t%s\t%s\t%s' % (src, 'new' if first else 'same', k,
                                  what if k == 'skip' else mapped(what)))
        first = False
        i = j
PY
}

extract > "$TMP/examples.tsv" || hard_error "cannot read the examples"
total=$(wc -l < "$TMP/examples.tsv")
[ "$total" -ge 50 ] || fail "only $total examples found: the extraction broke"
ran=0 skipped=0 bad=0
while IFS=$'\t' read -r src block kind cmd; do
	if [ "$block" = new ]; then
		setup_work
		cwd=$TMP/work
	fi
	if [ "$kind" = skip ]; then
		log "skip $src: $cmd"
		skipped=$((skipped + 1))
		continue
	fi
	# cd changes the directory of the block's later lines, as in a shell.
	if [[ $cmd == cd\ * ]]; then
		cwd=$(cd "$cwd" && eval "$cmd" && pwd) || { echo "FAILED $src: $cmd"; bad=$((bad + 1)); }
		ran=$((ran + 1))
		continue
	fi
	limit=30
	[ "$kind" = follow ] && limit=3
	(cd "$cwd" && timeout "$limit" bash -c "set -o pipefail; $cmd") > "$TMP/out" 2>&1 </dev/null
	rc=$?
	ok=0
	case $kind in
	run) [ $rc = 0 ] && ok=1 ;;
	fail) [ $rc != 0 ] && [ $rc != 124 ] && ok=1 ;;
	follow) [ $rc = 124 ] && ok=1 ;;
	esac
	ran=$((ran + 1))
	if [ $ok = 1 ]; then
		log "ok $src: $cmd"
	else
		bad=$((bad + 1))
		echo "FAILED $src ($kind, exit $rc): $cmd"
		head -n 5 "$TMP/out" | sed 's/^/    /'
	fi
	# A case the docs go on to verify from a copy ("/media/usb/INC-42").
	for c in "$TMP"/store/evidence/*/; do
		[ -d "$c" ] && [ ! -e "$TMP/usb/$(basename "$c")" ] && cp -a "$c" "$TMP/usb/"
	done
done < "$TMP/examples.tsv"
log "$ran examples ran, $skipped skipped, $bad failed"
[ "$bad" = 0 ] || fail "$bad doc examples do not work as documented"
pass "$ran examples work, $skipped skipped"
