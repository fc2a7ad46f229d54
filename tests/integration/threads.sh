#!/bin/bash
# threads.sh: the daemon's threads are exactly those docs/design.md lists, each with its name
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_root
DESIGN="$top_srcdir/docs/design.md"
[ -f "$DESIGN" ] || hard_error "$DESIGN not found"

# The documented names: "- **`name`**" items of the "Processes and threads" section.
# Those marked "(while a job runs)" may be missing from an idle daemon.
section=$(awk '/^## Processes and threads/ { on = 1; next } /^## / { on = 0 } on' "$DESIGN")
always=$(printf '%s\n' "$section" | grep -E '^- \*\*`[^`]+`\*\*' | grep -v '(while a job runs)' |
	sed -E 's/^- \*\*`([^`]+)`\*\*.*/\1/')
sometimes=$(printf '%s\n' "$section" | grep -E '^- \*\*`[^`]+`\*\*.*\(while a job runs\)' |
	sed -E 's/^- \*\*`([^`]+)`\*\*.*/\1/')
[ -n "$always" ] || hard_error "no thread list in $DESIGN"
log "documented: $(echo $always) / while a job runs: $(echo $sometimes)"

netns_setup
write_conf <<EOF2
profile web {
	filter = "tcp"
}
profile all {
}
interface $IF_CAP {
	profiles = { web, all }
}
EOF2
start_pktcapd
sleep 0.5

names=$(cat /proc/"$PID"/task/*/comm)
log "running: $(echo $names)"
# ThreadSanitizer's runtime adds a thread of its own, which keeps the program's name.
if grep -qa ThreadSanitizer "$PKTCAPD"; then
	names=$(printf '%s\n' $names | awk '$0 == "pktcapd" && !seen++ { next } { print }')
	log "less ThreadSanitizer's: $(echo $names)"
fi

# matches NAME PATTERN: a documented name may end in "*" (one thread per ring).
matches() { case "$1" in $2) return 0 ;; esac; return 1; }

# Every running thread is documented.
for n in $names; do
	found=
	for d in $always $sometimes; do
		matches "$n" "$d" && found=1
	done
	[ -n "$found" ] || fail "thread '$n' is not listed in docs/design.md"
done
# Every documented thread runs: one per ring for a pattern, one otherwise.
for d in $always; do
	k=0
	for n in $names; do
		matches "$n" "$d" && k=$((k + 1))
	done
	case "$d" in
	*\**) want=2 ;;
	*) want=1 ;;
	esac
	[ "$k" = "$want" ] || fail "$k threads named '$d' run, docs/design.md implies $want"
done
# The main thread keeps the program's name, so pidof and pkill still find it.
[ "$(cat /proc/"$PID"/comm)" = pktcapd ] || fail "main thread is not named pktcapd"
ctl status >/dev/null || fail "status"
stop_pktcapd
pass
