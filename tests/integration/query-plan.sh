#!/bin/bash
# query-plan.sh: the daemon runs dump's filter, and the address index skips files and blocks: output equals tcpdump's full scan
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd python3 tcpdump md5sum
netns_setup
write_conf <<EOF2
profile adopt {
	filter = "udp port 9"
}
profile adoptgz {
	filter = "udp port 9"
	compress = gzip
}
profile packed {
	rotate-packets = 1400
	compress = gzip
	flush-interval = 100ms
}
interface $IF_CAP {
	profiles = { adopt, adoptgz, packed }
}
EOF2
# Eight closed files from an earlier run, without any index: the indexer builds them.
mk=$top_srcdir/tests/integration/query-mkring.py
python3 "$mk" "$(ring_dir "$IF_CAP" adopt)" "$IF_CAP-adopt" 8 || hard_error "query-mkring.py"
python3 "$mk" "$(ring_dir "$IF_CAP" adoptgz)" "$IF_CAP-adoptgz" 8 gzip || hard_error "query-mkring.py"
chown -R nobody:nogroup "$TMP/store"
start_pktcapd
# Captured traffic from several hosts and ports, a burst each (the writer indexes it).
for h in 1 2 3 4; do
	send_pkts -c 300 -s 400 -p udp --src-ip "198.18.0.$((10 + h))" --dport "$((5000 + h))" -r 3000
	send_pkts -c 300 -s 400 -p tcp --src-ip 198.18.0.2 --dport "$((80 + h))" -r 3000
done
wait_written "$IF_CAP/packed" 2400
wait_indexer

dir=$(ring_dir "$IF_CAP" adopt)
dirgz=$(ring_dir "$IF_CAP" adoptgz)
dirpk=$(ring_dir "$IF_CAP" packed)
for d in "$dir" "$dirgz" "$dirpk"; do
	for f in $(ring_files "$d"); do
		[ -s "$d/$f" ] || continue
		[ -e "$d/$f.aidx" ] || fail "$f has no address index"
	done
done
log "every file has its address index"

# The reference: tcpdump over the ring's files in order (gzip ones unpacked).
plain_list() { local f; for f in $(ring_files "$1"); do echo "$1/$f"; done; }
ref() {	# ref DIR FILTER...: tcpdump -nn over every file, concatenated
	local d=$1 f; shift
	for f in $(ring_files "$d"); do
		case $f in
		*.gz) zcat "$d/$f" | tcpdump -nn -r - "$@" 2>/dev/null ;;
		*) tcpdump -nn -r "$d/$f" "$@" 2>/dev/null ;;
		esac
	done
}
# The same packets as pcap bytes: tcpdump -w over the file list (-Z root: it reads them all as root).
ref_w() {
	local d=$1; shift
	plain_list "$d" > "$TMP/files"
	tcpdump -Z root -V "$TMP/files" -w - "$@" 2>/dev/null
}
# The text a dump printed before the daemon filtered: pktctl filtering the files itself
# (its decoder, not tcpdump's: it prints SCTP and tagged frames its own way).
ref_r() {
	local d=$1 f args=(); shift
	for f in $(ring_files "$d"); do args+=(-r "$d/$f"); done
	ctl dump "${args[@]}" "$@" 2>/dev/null
}
same() {	# same RING DIR FILTER
	local ring=$1 d=$2 a b; shift 2
	ctl dump "$IF_CAP/$ring" "$@" > "$TMP/got.txt" 2>"$TMP/got.err" || fail "dump $ring $*: $(cat "$TMP/got.err")"
	case $ring in
	packed) ref "$d" "$@" > "$TMP/want.txt" ;;
	*) ref_r "$d" "$@" > "$TMP/want.txt" ;;
	esac
	cmp -s "$TMP/got.txt" "$TMP/want.txt" ||
		fail "dump $ring '$*' differs from tcpdump: $(wc -l < "$TMP/got.txt") vs $(wc -l < "$TMP/want.txt") lines: $(diff "$TMP/got.txt" "$TMP/want.txt" | head -4)"
	case $d in
	*adopt)
		a=$(ctl dump "$IF_CAP/$ring" -w - "$@" | md5sum)
		b=$(ref_w "$d" "$@" | md5sum)
		[ "$a" = "$b" ] || fail "dump $ring -w - '$*' differs from tcpdump -w -"
		;;
	esac
}
FILTERS=(
	"host 203.0.113.7"			# rare: one block of one file
	"net 203.0.113.0/24"
	"net 172.16.0.0/16"
	"port 4444"
	"tcp port 4444"
	"portrange 7000-7001"
	"host 203.0.113.7 and port 4444"
	"host 203.0.113.7 and port 80"		# nothing at all
	"host 10.9.9.9 or host 192.168.5.5"
	"src host 10.0.3.99 or dst port 9998"
	"icmp"
	"ip6"
	"ip6 and tcp port 443"
	"arp"
	"sctp"
	"vlan 10"
	"vlan 99"				# no such VLAN
	"vlan and host 172.16.2.1"
	"not host 10.0.0.1"
	"host 10.0.0.1 and not port 443"
	"(host 203.0.113.7 or net 198.51.100.0/24) and udp"
	"udp port 9999"
)
for f in "${FILTERS[@]}"; do
	same adopt "$dir" $f
	same adoptgz "$dirgz" $f
done
log "${#FILTERS[@]} filters: dump equals the files read without the daemon, and tcpdump -w, over the plain and gzip rings"
grep -q "/adopt: dump: the address index spared [1-9][0-9]* files" "$TMP/pktcapd.log" ||
	fail "no dump skipped a file by its address index"
grep -q "/adopt: dump: the address index spared [0-9]* files and [1-9][0-9]* blocks" "$TMP/pktcapd.log" ||
	fail "no dump skipped a block by its address index"

# list FILTER: exactly the files with matches, for filters the index answers.
files_with() {	# files_with DIR FILTER: names of files tcpdump finds a match in
	local d=$1 f n; shift
	for f in $(ring_files "$d"); do
		case $f in
		*.gz) n=$(zcat "$d/$f" | tcpdump -nn -c 1 -r - "$@" 2>/dev/null | wc -l) ;;
		*) n=$(tcpdump -nn -c 1 -r "$d/$f" "$@" 2>/dev/null | wc -l) ;;
		esac
		[ "$n" = 0 ] || echo "$f"
	done
}
listed() { ctl list --json "$IF_CAP/$1" "${@:2}" | jget '"\n".join(f["name"] for f in j["result"]["files"])' | sed '/^$/d'; }
# (Not "net 172.16.0.0/16": those hosts are inside VLAN tags, where only "vlan" makes BPF look;
# the index records them anyway, so it lists more files, as it may.)
EXACT=("host 203.0.113.7" "port 4444" "host 10.9.9.9 or host 192.168.5.5"
	"ip6" "arp" "sctp" "vlan 10" "vlan 99" "host 203.0.113.7 and port 9998" "portrange 2900-2910")
for ring in adopt adoptgz; do
	d=$(ring_dir "$IF_CAP" $ring)
	for f in "${EXACT[@]}"; do
		want=$(files_with "$d" $f)
		got=$(listed $ring $f)
		[ "$got" = "$want" ] || fail "list $ring '$f' gave [$got], files with matches: [$want]"
	done
done
# Every filter: never a file with matches left out.
for f in "${FILTERS[@]}"; do
	want=$(files_with "$dir" $f)
	got=$(listed adopt $f)
	missing=$(comm -23 <(echo "$want" | sort) <(echo "$got" | sort) | sed '/^$/d')
	[ -z "$missing" ] || fail "list adopt '$f' left out files with matches: $missing"
done
out=$(ctl list -v "$IF_CAP/adopt" host 203.0.113.7)
echo "$out" | grep -q "may match from .* until " || fail "list -v shows no block: $out"
[ "$(echo "$out" | grep -c "may match from")" = 1 ] || fail "list -v: one block holds the rare host: $out"
echo "$out" | grep -q "7 files without matches left out" || fail "list: $out"
# A quoted filter with a slash is a filter, as tcpdump users write it, for list as for dump.
want=$(files_with "$dir" net 203.0.113.0/24)
got=$(ctl list --json 'net 203.0.113.0/24' | jget '"\n".join(f["name"] for f in j["result"]["files"] if f["ring"].endswith("/adopt"))' | sed '/^$/d') ||
	fail "list 'net 203.0.113.0/24' (a filter first, no ring) failed"
[ "$got" = "$want" ] || fail "list 'net 203.0.113.0/24' gave [$got] for adopt, files with matches: [$want]"
log "list FILTER names exactly the files with matches; -v their blocks"

# preserve FILTER holds only the files that can hold a match, and says which filter chose them.
out=$(ctl preserve "$IF_CAP/adopt" --since @1795600000 --until @1795603600 --case Q-1 host 203.0.113.7) ||
	fail "preserve with a filter failed: $out"
held=$(ls "$TMP/store/evidence/Q-1" | grep -E '\.pcap$')
[ "$held" = "$(files_with "$dir" host 203.0.113.7)" ] || fail "preserve with a filter held [$held]"
grep -q "query=host%20203.0.113.7" "$TMP/store/evidence/Q-1/MANIFEST" ||
	fail "the manifest does not name the filter: $(head -c 300 "$TMP/store/evidence/Q-1/MANIFEST")"
out=$(ctl verify --case Q-1) || fail "verify of a case preserved with a filter failed: $out"
out=$(ctl preserve "$IF_CAP/adopt" --since @1795600000 --until @1795603600 --case Q-2 "tcp port" 2>&1) &&
	fail "preserve took a filter that does not compile"
echo "$out" | grep -q 'filter "tcp port"' || fail "preserve's bad filter message: $out"
log "preserve FILTER holds the one file that can match"

# The property: random filters from the planner's grammar, daemon-filtered dump == tcpdump's full scan.
python3 - 200 > "$TMP/random-filters" <<'PY'
import random, sys
r = random.Random(1919)
hosts = ["203.0.113.7", "10.0.0.1", "10.0.0.5", "10.0.1.1", "10.9.9.9", "192.168.5.5", "172.16.1.2",
         "198.51.100.9", "10.0.3.99", "10.0.2.44", "1.2.3.4", "2001:db8::1", "2001:db8::2", "2001:db8::9"]
nets = ["10.0.0.0/24", "10.0.2.0/23", "203.0.113.0/24", "198.51.100.0/24", "172.16.0.0/12", "192.168.0.0/16",
        "10.9", "203.0.113", "2001:db8::/32", "10.0.0.0 mask 255.255.254.0"]
ports = [22, 53, 80, 443, 4444, 6001, 7000, 8080, 9998, 9999, 2905, 30050, 1, 65535]
def prim():
    k = r.randrange(14)
    if k == 0: return r.choice(["", "src ", "dst ", "src or dst ", "src and dst "]) + "host " + r.choice(hosts)
    if k == 1: return r.choice(["", "src ", "dst "]) + "net " + r.choice(nets)
    if k == 2: return r.choice(["", "tcp ", "udp ", "src ", "dst ", "tcp dst "]) + "port %d" % r.choice(ports)
    if k == 3:
        a = r.choice(ports); return r.choice(["", "udp ", "tcp "]) + "portrange %d-%d" % (a, a + r.choice([0, 1, 5, 100]))
    if k == 4: return r.choice(["tcp", "udp", "sctp", "icmp", "icmp6", "ip", "ip6", "arp"])
    if k == 5: return r.choice(["proto 6", "ip proto 17", "ip6 proto 6", "proto \\tcp", "ip proto udp", "proto 132"])
    if k == 6: return r.choice(["vlan", "vlan 10", "vlan 20", "vlan 100", "vlan 99"])
    if k == 7: return "host %s or %s" % (r.choice(hosts[:10]), r.choice(hosts[:10]))
    if k == 8: return "port %d or %d" % (r.choice(ports), r.choice(ports))
    if k == 9: return "tcp dst port %d or %d" % (r.choice(ports), r.choice(ports))
    if k == 10: return r.choice(["ip host ", "ip6 host "]) + r.choice(hosts)
    if k == 11: return "less 100"
    return "host " + r.choice(hosts)
def expr(d):
    if d <= 0 or r.random() < 0.3: return prim()
    k = r.randrange(4)
    if k == 0: return "not " + ("(%s)" % expr(d - 1))
    op = r.choice(["and", "or", "&&", "||"])
    return "(%s) %s (%s)" % (expr(d - 1), op, expr(d - 1)) if k == 1 else "%s %s %s" % (prim(), op, prim())
for _ in range(int(sys.argv[1])):
    print(expr(3))
PY
plain_list "$dir" > "$TMP/files"
start=$(date +%s)
n=0
while read -r flt; do
	if ! b=$(tcpdump -Z root -V "$TMP/files" -w - "$flt" 2>/dev/null | md5sum; exit "${PIPESTATUS[0]}"); then
		ctl dump "$IF_CAP/adopt" -w - $flt >/dev/null 2>&1 && fail "'$flt': tcpdump refused it, the daemon did not"
		continue
	fi
	a=$(ctl dump "$IF_CAP/adopt" -w - $flt 2>"$TMP/err" | md5sum)
	[ "$a" = "$b" ] || fail "'$flt': the daemon's dump differs from tcpdump's full scan ($(cat "$TMP/err"))"
	n=$((n + 1))
done < "$TMP/random-filters"
took=$(($(date +%s) - start))
[ "$n" -ge 150 ] || fail "only $n of 200 random filters compiled"
[ "$took" -lt 60 ] || fail "200 random filters took $took s"
log "$n random filters: the planned dump equals tcpdump's full scan ($took s)"

# Without indexes (deleted, or damaged) the answers stay the same: everything is read.
rm -f "$dir"/*.aidx
for a in "$dirgz"/*.aidx; do
	printf 'XXXX' | dd of="$a" bs=1 seek=40 conv=notrunc 2>/dev/null
done
for f in "${FILTERS[@]}"; do
	same adopt "$dir" $f
	same adoptgz "$dirgz" $f
done
# list still answers from the unions the daemon keeps in memory: no file with matches left out.
for f in "host 203.0.113.7" "vlan 99"; do
	missing=$(comm -23 <(files_with "$dir" $f | sort) <(listed adopt $f | sort) | sed '/^$/d')
	[ -z "$missing" ] || fail "list without indexes left out files with matches: $missing"
done
log "without (or with damaged) indexes every answer is the same"

# The captured gzip ring (indexed by the writer as it wrote).
for f in "host 198.18.0.13" "udp port 5002" "tcp port 84" "src host 198.18.0.2 and port 81" "not udp"; do
	same packed "$dirpk" $f
done
# Its files span several gzip members (blocks); the last one is still open.
grep -q "/packed: dump: the address index spared [0-9]* files and [1-9][0-9]* blocks" "$TMP/pktcapd.log" ||
	fail "no block of the captured gzip ring was skipped"
log "captured gzip ring, its open file included: dump equals tcpdump, blocks skipped"
pass
