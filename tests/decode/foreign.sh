#!/bin/bash
# foreign.sh: pktctl dump against tcpdump on tcpdump's own test captures (not run by make check)
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage: tests/decode/foreign.sh TCPDUMP_SRC [PROTO...]
#
# TCPDUMP_SRC is a checkout (or `git archive`) of tcpdump's repository,
# ideally the tcpdump-4.99.3 tag; only its tests/ directory is read. Every
# TESTLIST line (NAME PCAP OUTPUT OPTIONS) whose capture's file name names
# one of the protocols below is run through the installed tcpdump 4.99.3
# and through pktctl dump -r with the same options (-# -n added, as
# tcpdump's TESTrun does; TZ=UTC). tcpdump's .out files are not used: they
# come from its own build, not Debian's. The captures nobody on the team
# wrote are what a user would try first, so this counts, per protocol and
# in total, how many print identically. PKTCTL overrides the pktctl used.
set -u
src=${1:?usage: foreign.sh TCPDUMP_SRC [PROTO...]}
shift
only=" $* "
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
PKTCTL=${PKTCTL:-$top_srcdir/ctl/pktctl}
TCPDUMP=${TCPDUMP:-tcpdump}
export TZ=UTC LC_ALL=C
tests=$src/tests
[ -r "$tests/TESTLIST" ] || { echo "foreign.sh: no $tests/TESTLIST" >&2; exit 99; }
"$TCPDUMP" --version 2>&1 | grep -q "tcpdump version 4.99.3" ||
	echo "foreign.sh: warning: $TCPDUMP is not tcpdump 4.99.3" >&2

# Protocol of a capture, from its file name (lower case); the first match
# wins, so the more specific patterns come first. "22" marks issue 22's
# protocols, "-" those of the earlier rounds. A capture named after none is
# not counted.
protocols='
22 lspping   lsp-ping* lspping*
22 bgp       bgp* mpbgp*
22 isis      isis* isoclns* esis*
22 pim       pim* hoobr_pimv1*
22 eigrp     eigrp*
22 babel     babel*
22 cdp       *cdp*
22 dvmrp     mrinfo* dvmrp*
22 pppoe     pppoe*
22 ppp       ppp* mlppp* *hdlc* chdlc* heapoverflow-ppp*
22 l2tp      l2tp*
22 pptp      pptp*
22 ldp       ldp* mpls-ldp*
22 stp       *spanning_tree* *rapid_stp* mstp* spb* rpvstp* stp*
22 lacp      lacp*
22 hsrp      hsrp*
22 bfd       bfd* hoobr_bfd*
22 rip       rip* hoobr_ripng*
22 isakmp    isakmp* ikev1* ikev2*
22 esp       *esp*
22 ptp       ptp*
22 ssh       ssh*
22 nfs       nfs* hoobr_nfs* unaligned-nfs*
22 resp      resp*
22 telnet    telnet*
22 mptcp     mptcp*
22 dccp      dccp*
-  mpls      mpls*
-  gre       gre*
-  dhcp6     dhcpv6* dhcp6*
-  dhcp      dhcp* bootp*
-  dns       dns* edns* dnssec*
-  ntp       ntp*
-  lldp      lldp* dcb_* evb*
-  vrrp      vrrp*
-  radius    radius*
-  snmp      snmp*
-  syslog    syslog*
-  vxlan     vxlan*
-  geneve    geneve*
-  otv       otv*
-  igmp      igmp* mtrace*
-  tftp      tftp*
-  rx        afs* rx_*
-  someip    someip*
-  rtp       rtp-*
-  ahcp      ahcp*
-  loopback  loopback*
-  ospf      ospf-* ospf_*
-  icmp      icmp-* icmp_* icmp6* icmpv6*
-  ipv6      ipv6* ip6*
-  tcp       tcp* tfo-*
-  arp       arp*
-  vlan      qinq*
'

proto_of() {
	local f=${1,,} round name pat
	while read -r round name pats; do
		[ -n "$round" ] || continue
		for pat in $pats; do
			# shellcheck disable=SC2254
			case "$f" in $pat) echo "$round $name"; return ;; esac
		done
	done <<< "$protocols"
	# ospf6/ospf3 (OSPFv3) and nsh over VXLAN-GPE are not ours: their
	# names fall through to nothing.
}

# Options pktctl dump has: -c N, -T TYPE and the flag letters below.
# Prints the options to pass, or fails for one pktctl lacks.
pktctl_opts() {
	local out=() o
	while [ $# -gt 0 ]; do
		o=$1
		shift
		case "$o" in
		-c|-T) out+=("$o" "${1:-}"); shift ;;
		-c[0-9]*|-T?*) out+=("$o") ;;
		--time-stamp-precision=micro|--time-stamp-precision=nano) out+=("$o") ;;
		-*) [[ ${o:1} =~ ^[nvxXAeqtS#]+$ ]] || return 1; out+=("$o") ;;
		*) return 1 ;;
		esac
	done
	printf "%s " "${out[@]}"	# not echo: it would take -e and -n
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A n_same n_diff n_ref n_skip n_crash rounds
difflist=() crashlist=() skiplist=() reflist=()

bump() { # ARRAY PROTO
	local -n a=$1
	a[$2]=$(( ${a[$2]:-0} + 1 ))
}

while read -r name pcap _out opts; do
	case "$name" in ''|'#'*) continue ;; esac
	read -r round proto <<< "$(proto_of "$pcap")"
	[ -n "${proto:-}" ] || continue
	[ "$only" = "  " ] || [[ $only == *" $proto "* ]] || continue
	rounds[$proto]=$round
	# shellcheck disable=SC2086
	if ! popts=$(pktctl_opts $opts); then
		bump n_skip "$proto"; skiplist+=("$name ($pcap $opts): option")
		continue
	fi
	file=$tests/$pcap
	if [ "$(head -c4 "$file" | od -An -tx1 | tr -d ' ')" = 0a0d0d0a ]; then
		# pcapng: pktctl dump reads pcap; both read the same converted copy.
		if ! editcap -F pcap "$file" "$tmp/in.pcap" > /dev/null 2>&1; then
			bump n_skip "$proto"; skiplist+=("$name ($pcap): pcapng with several link types")
			continue
		fi
		file=$tmp/in.pcap
	fi
	# shellcheck disable=SC2086
	timeout 10 "$TCPDUMP" -# -n -r "$file" $opts > "$tmp/want" 2> /dev/null
	trc=$?
	# shellcheck disable=SC2086
	timeout 10 "$PKTCTL" dump -r "$file" -# -n $popts > "$tmp/got" 2> "$tmp/err"
	prc=$?
	if [ $prc -ge 124 ]; then
		bump n_crash "$proto"; crashlist+=("$name ($pcap $opts): status $prc")
	elif grep -q '^ *1  .*\[unsupported link type' "$tmp/got"; then
		bump n_skip "$proto"; skiplist+=("$name ($pcap): link type")
	elif cmp -s "$tmp/want" "$tmp/got" && { [ $trc = 0 ] || [ $prc != 0 ]; }; then
		bump n_same "$proto"
	elif [ $prc != 0 ] && [ $trc = 0 ]; then
		bump n_ref "$proto"; reflist+=("$name ($pcap): $(head -1 "$tmp/err")")
	else
		bump n_diff "$proto"; difflist+=("$name ($pcap $opts)")
	fi
done < "$tests/TESTLIST"

row() { printf '%-8s %-3s %5s %5s %5s %5s %5s %5s\n' "$@"; }
row proto rnd tests same diff refus skip crash
declare -A tot
for p in $(printf '%s\n' "${!rounds[@]}" | sort); do
	s=${n_same[$p]:-0} d=${n_diff[$p]:-0} r=${n_ref[$p]:-0} k=${n_skip[$p]:-0} c=${n_crash[$p]:-0}
	row "$p" "${rounds[$p]}" $((s + d + r + k + c)) "$s" "$d" "$r" "$k" "$c"
	for g in all "${rounds[$p]}"; do
		for f in s d r k c; do
			tot[$g$f]=$(( ${tot[$g$f]:-0} + ${!f} ))
		done
	done
done
for g in 22 all; do
	s=${tot[${g}s]:-0} d=${tot[${g}d]:-0} r=${tot[${g}r]:-0} k=${tot[${g}k]:-0} c=${tot[${g}c]:-0}
	run=$((s + d + r + c))
	label=$([ $g = 22 ] && echo "issue 22" || echo "all")
	row "$label" "" $((run + k)) "$s" "$d" "$r" "$k" "$c"
	[ $run -gt 0 ] && echo "  $label: $s of $run run identical ($((s * 1000 / run / 10)).$((s * 1000 / run % 10)) %), $k skipped"
done
echo
for l in "differ:difflist" "refused:reflist" "skipped:skiplist" "crashed or timed out:crashlist"; do
	local_name=${l#*:}
	declare -n lst=$local_name
	[ ${#lst[@]} = 0 ] && continue
	echo "${l%%:*}:"
	printf '  %s\n' "${lst[@]}"
done
[ "${tot[allc]:-0}" = 0 ]
