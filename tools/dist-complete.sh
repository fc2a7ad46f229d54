#!/bin/sh
# dist-complete.sh: fails when a file git tracks is missing from the release tarball's directory
# SPDX-License-Identifier: BSD-2-Clause
#
# Called by make dist's dist-hook (Makefile.am) as: dist-complete.sh SRCDIR DISTDIR.
# Outside a git checkout (building from a tarball) there is nothing to compare.
# The files left out on purpose are listed here, each with its reason.
set -eu
srcdir=$1
distdir=$2

if ! [ -e "$srcdir/.git" ] || ! command -v git >/dev/null 2>&1; then
	exit 0
fi
missing=$(git -C "$srcdir" ls-files | while IFS= read -r f; do
	case $f in
	.gitignore) continue ;;		# git's own, meaningless in a tarball
	m4/.keep) continue ;;		# keeps the empty m4/ in git; aclocal fills it
	esac
	[ -e "$distdir/$f" ] || echo "$f"
done)
if [ -n "$missing" ]; then
	echo "dist-complete.sh: tracked files missing from $distdir (add them to EXTRA_DIST in Makefile.am, or to the exclusions in tools/dist-complete.sh):" >&2
	echo "$missing" | sed 's/^/  /' >&2
	exit 1
fi
