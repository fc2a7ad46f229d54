#!/bin/bash
# add-spdx.sh: adds the SPDX licence line to every source file that lacks one, or with --check lists them
# SPDX-License-Identifier: BSD-2-Clause
#
# The convention (docs/design.md, "Licence"): a file keeps its one-line
# purpose comment first (after a "#!" line, if it has one); the SPDX line is
# the next line, a comment in the file's own syntax:
#   C, headers        /* SPDX-License-Identifier: BSD-2-Clause */
#   shell, Python, Makefile.am, debian/rules, bash completion
#                     # SPDX-License-Identifier: BSD-2-Clause
#   configure.ac      dnl SPDX-License-Identifier: BSD-2-Clause
#   man pages         .\" SPDX-License-Identifier: BSD-2-Clause
# A file whose first (or, after "#!", second) line is not a comment gets the
# line on top of it (after "#!"). A file that already has the identifier in its
# first five lines is left alone, so running this twice changes nothing.
#
# Usage: tools/add-spdx.sh [--check] [SRCDIR]
#   SRCDIR defaults to the checkout this script is in. Files are what git
#   tracks there, or, outside a git tree (a release tarball), what is found.
set -euo pipefail

ID="SPDX-License-Identifier: BSD-2-Clause"
check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"

# Which files carry the line: sources, scripts and build files we wrote;
# not data (fuzz corpora, decoder goldens, benchmark results).
list_files() {
	if [ -e .git ] && command -v git >/dev/null; then
		git ls-files
	else
		find . -type f ! -path './.git/*' | sed 's|^\./||'
	fi | grep -E '(\.(c|h|sh|py|am|ac|bash|[158])$|^\.ci/run$|^debian/rules$)' |
		grep -vE '^(tests/fuzz/corpus|tests/decode/(pcaps|out)|bench/results|build[^/]*|_build|_inst|m4|autom4te\.cache|debian/(pktcap|tmp|\.debhelper))/|^config\.h$' |
		LC_ALL=C sort
}

comment_for() {
	case $1 in
	*.c|*.h) printf '/* %s */' "$ID" ;;
	*.ac) printf 'dnl %s' "$ID" ;;
	*.[158]) printf '.\\" %s' "$ID" ;;
	*) printf '# %s' "$ID" ;;
	esac
}

# Is LINE a comment in FILE's syntax (the purpose comment to keep first)?
is_comment() {
	local file=$1 line=$2
	case $file in
	*.c|*.h) [[ $line == /\** ]] ;;
	*.ac) [[ $line == dnl* || $line == \#* ]] ;;
	*.[158]) [[ $line == .\\\"* ]] ;;
	*) [[ $line == \#* && $line != \#!* ]] ;;
	esac
}

has_id() {
	head -n 5 "$1" | grep -qF "$ID"
}

# Line number after which the SPDX line goes.
insert_after() {
	local file=$1 n=0 line total
	total=$(wc -l < "$file")
	line=$(sed -n 1p "$file")
	if [[ $line == \#!* ]]; then
		n=1
		line=$(sed -n 2p "$file")
	fi
	# A C purpose comment that spans lines keeps them all.
	if is_comment "$file" "$line"; then
		n=$((n + 1))
		case $file in
		*.c|*.h)
			while [[ $line != *\*/* ]] && [ "$n" -lt "$total" ]; do
				n=$((n + 1))
				line=$(sed -n "${n}p" "$file")
			done ;;
		esac
	fi
	echo "$n"
}

add_id() {
	local file=$1 n tmp
	n=$(insert_after "$file")
	tmp=$(mktemp "$file.XXXXXX")
	{
		[ "$n" -gt 0 ] && head -n "$n" "$file"
		comment_for "$file"
		echo
		tail -n +"$((n + 1))" "$file"
	} > "$tmp"
	chmod --reference="$file" "$tmp"
	mv "$tmp" "$file"
}

missing=0
while IFS= read -r f; do
	has_id "$f" && continue
	if [ $check = 1 ]; then
		echo "$f: no '$ID' line in its first five lines (tools/add-spdx.sh adds it)"
		missing=$((missing + 1))
	else
		add_id "$f"
		echo "added: $f"
	fi
done < <(list_files)
[ $missing = 0 ]
