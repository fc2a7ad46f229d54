#!/bin/bash
# completion.sh: bash completion of pktctl and pktcapd, with ring names from a running daemon
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

SCRIPT=$top_srcdir/completion/pktcap.bash
bash -n "$SCRIPT" || fail "bash -n $SCRIPT"
netns_setup
write_conf <<EOF2
profile dns {
	filter = "udp port 53"
}
profile web {
	filter = "tcp"
}
interface $IF_CAP {
	profiles = { dns, web }
}
EOF2
start_pktcapd

# complete WORD...: what Tab offers for the last word, sorted, one a line,
# in a bash without bash-completion (the script must not need it).
complete_line() {
	bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		fn=$(complete -p "$(basename "$1")" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
		"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$SCRIPT" "$@"
}
S=$TMP/pktcapd.sock

# Ring names come from the daemon this line talks to (-S).
got=$(complete_line "$PKTCTL" -S "$S" dump "$IF_CAP/")
[ "$got" = "$(printf '%s\n' "$IF_CAP/dns" "$IF_CAP/web")" ] ||
	fail "dump $IF_CAP/<Tab> offered '$got'"
got=$(complete_line "$PKTCTL" -S "$S" status "")
echo "$got" | grep -qx "$IF_CAP" || fail "status <Tab> does not offer the interface $IF_CAP: '$got'"
echo "$got" | grep -qx "$IF_CAP/web" || fail "status <Tab> does not offer $IF_CAP/web: '$got'"
# A unique prefix of a command is the command, as pktctl takes it.
got=$(complete_line "$PKTCTL" -S "$S" stat "$IF_CAP/w")
[ "$got" = "$IF_CAP/web" ] || fail "stat $IF_CAP/w<Tab> offered '$got'"
# Without -S the default socket has no daemon: no names, and no error text.
got=$(complete_line "$PKTCTL" -S "$TMP/none.sock" dump "")
[ -z "$got" ] || fail "a socket without a daemon still offered '$got'"
log "ring names from the daemon: ok"

# Commands from pktctl's own table, options from its help.
got=$(complete_line "$PKTCTL" re)
[ "$(echo "$got" | sort)" = "$(printf '%s\n' reindex release reload)" ] || fail "re<Tab> offered '$got'"
got=$(complete_line "$PKTCTL" -S "$S" dump --s)
echo "$got" | grep -qx -- --since || fail "dump --s<Tab> does not offer --since: '$got'"
got=$(complete_line "$PKTCTL" --j)
[ "$got" = --json ] || fail "--j<Tab> offered '$got'"
got=$(complete_line "$PKTCTL" help sta)
[ "$got" = status ] || fail "help sta<Tab> offered '$got'"
log "commands and options: ok"

got=$(complete_line "$PKTCAPD" -l w)
[ "$got" = warning ] || fail "pktcapd -l w<Tab> offered '$got'"
got=$(complete_line "$PKTCAPD" -)
echo "$got" | grep -qx -- -t || fail "pktcapd -<Tab> does not offer -t: '$got'"
log "pktcapd: ok"
stop_pktcapd
pass
