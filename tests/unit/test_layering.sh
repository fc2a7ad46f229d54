#!/bin/sh
# test_layering.sh: daemon/ reads by plane: each plane includes only the planes below it, no cycle
# SPDX-License-Identifier: BSD-2-Clause
#
# The allowed directions (docs/design.md, "Planes and includes"):
#   storage  -> storage
#   evidence -> evidence, capture, storage   (preserve asks capture to rotate)
#   capture  -> capture, storage          (capture/pktcapd.c, main, wires every plane)
#   control  -> control, capture, storage, evidence
#   daemon/*.[ch] (conf, daemon.h, ring.h) -> storage
#   common/, ctl/, decode/ -> no plane of the daemon
# An include names its plane ("storage/filelist.h"); "../" is refused.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# Prints each include of a plane that FILE (relative to ROOT) may not use.
bad_includes() {
	root=$1 file=$2
	case $file in
	daemon/capture/pktcapd.c) allowed="capture storage control evidence" ;;
	daemon/storage/*) allowed="storage" ;;
	daemon/evidence/*) allowed="evidence capture storage" ;;
	daemon/capture/*) allowed="capture storage" ;;
	daemon/control/*) allowed="control capture storage evidence" ;;
	daemon/*) allowed="storage" ;;
	*) allowed="" ;;
	esac
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$root/$file" |
	while read -r inc; do
		case $inc in
		../*|*/../*) echo "$file: $inc (an include names its plane, not a relative path)"; continue ;;
		*/*) plane=${inc%%/*} ;;
		*) continue ;;
		esac
		case $plane in
		capture|storage|control|evidence) ;;
		*) continue ;;
		esac
		case " $allowed " in
		*" $plane "*) ;;
		*) echo "$file: $inc ($plane may not be included here)" ;;
		esac
	done
}

# Every C file of ROOT's daemon/, common/, ctl/ and decode/; prints the violations.
check_tree() {
	(cd "$1" && find daemon common ctl decode -name '*.[ch]' 2>/dev/null | sort) |
	while read -r f; do
		bad_includes "$1" "$f"
	done
}

out=$(check_tree "$top_srcdir")
[ -z "$out" ] || fail "cross-plane includes:
$out"

# The check itself must catch what it is for: an evidence file that includes the control plane.
TMP=$(mktemp -d /tmp/pktcap-layering.XXXXXX) || hard_error "mktemp"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/daemon/evidence" "$TMP/daemon/storage" "$TMP/daemon/capture"
printf '#include "control/control.h"\n' > "$TMP/daemon/evidence/x.c"
printf '#include "evidence/evidence.h"\n' > "$TMP/daemon/storage/y.c"
printf '#include "../control/dispatch.h"\n#include "storage/filelist.h"\n' > "$TMP/daemon/capture/z.c"
out=$(check_tree "$TMP")
[ "$(printf '%s\n' "$out" | grep -c .)" = 3 ] || fail "the check missed a planted include:
$out"
pass "no cross-plane include"
