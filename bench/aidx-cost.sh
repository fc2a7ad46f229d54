#!/bin/bash
# aidx-cost.sh: what writing the address index costs capture: bench/capture.sh with this pktcapd and with the same tree built without NAME.aidx, alternately
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (root, from a configured build directory of this tree):
#   bench/aidx-cost.sh [-n ROUNDS] [-s "SIZES"] [-d SEC] [-r PPS]
#
# Builds a second pktcapd from this source tree with one change: the writer
# never opens NAME.aidx (aidx_open returns at once, so no packet reaches the
# address-index builder and no union is kept), in $TMPDIR. Then, ROUNDS
# times (default 3), runs `bench/capture.sh -t pktcapd -n 1` for each size
# (default 64) with this build's pktcapd and with that one, one after the
# other, and prints the CPU per stored packet and the loss of each run, and
# the medians: the address index's cost is their ratio. Writes
# bench/results/aidx-cost-DATE.md; capture.sh's own result files go to a
# temporary directory.
set -euo pipefail

rounds=3 sizes=64 secs=10 rate=0
while getopts n:s:d:r: o; do
	case $o in
	n) rounds=$OPTARG ;;
	s) sizes=$OPTARG ;;
	d) secs=$OPTARG ;;
	r) rate=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(pwd)
[ -x "$build/daemon/pktcapd" ] || { echo "run from a build directory of this tree (make first)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same tree without the address index: one line.
if [ -e "$src/.git" ]; then
	(cd "$src" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$work"
else
	cp -a "$src/." "$work/"
fi
grep -q '^static void aidx_open(struct ring \*r, const char \*name)$' "$work/daemon/storage/writer.c" ||
	{ echo "aidx_open not found in writer.c: update this script"; exit 1; }
sed -i '/^static void aidx_open(struct ring \*r, const char \*name)$/,/^{$/ s/^{$/{\n\tif (r) return;	\/* bench: no address index *\//' \
	"$work/daemon/storage/writer.c"
grep -q 'bench: no address index' "$work/daemon/storage/writer.c" || { echo "patch failed"; exit 1; }
(cd "$work" && autoreconf -fi > /dev/null 2>&1 && mkdir b && cd b && ../configure -q > /dev/null &&
	make -j"$(nproc)" daemon/pktcapd > /dev/null) || { echo "the build without the index failed"; exit 1; }
noidx=$work/b/daemon/pktcapd

runs=$work/runs
: > "$runs"
for r in $(seq "$rounds"); do
	for s in $sizes; do
		for b in with without; do
			d=$build/daemon/pktcapd
			[ "$b" = with ] || d=$noidx
			line=$(cd "$src" && PKTCAPD=$d bash bench/capture.sh -t pktcapd -n 1 -s "$s" -d "$secs" \
				-r "$rate" -o "$work/out" 2>&1 | grep "pktcapd ${s}B run 1" | tail -1)
			# "... sent N stored N cpu Nus ..."
			sent=$(sed -n 's/.* sent \([0-9]*\) .*/\1/p' <<< "$line")
			stored=$(sed -n 's/.* stored \([0-9]*\) .*/\1/p' <<< "$line")
			cpu=$(sed -n 's/.* cpu \([0-9]*\)us.*/\1/p' <<< "$line")
			if [ -z "$stored" ] || [ -z "$cpu" ]; then
				echo "round $r $b: no result: $line"
				continue
			fi
			echo "$r $s $b $sent $stored $cpu" | tee -a "$runs"
		done
	done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mkdir -p "$src/bench/results"
f=$src/bench/results/aidx-cost-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# Capture with and without the address index, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -n), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "bench/capture.sh -t pktcapd -n 1 -d $secs per run, this build (\"with\") and the same tree with aidx_open"
	echo "returning at once (\"without\"), alternately, $rounds rounds. CPU: user + system of the whole daemon per stored packet."
	echo
	echo "| round | frame | build | sent | stored | loss % | CPU µs/packet |"
	echo "|---:|---:|---|---:|---:|---:|---:|"
	awk '{ printf "| %s | %s | %s | %s | %s | %.3f | %.3f |\n", $1, $2, $3, $4, $5, ($4 > 0) ? 100 * ($4 - $5) / $4 : 0, $6 / $5 }' "$runs"
	echo
	for s in $sizes; do
		w=$(awk -v s="$s" '$2 == s && $3 == "with" { print $6 / $5 }' "$runs" | median)
		n=$(awk -v s="$s" '$2 == s && $3 == "without" { print $6 / $5 }' "$runs" | median)
		echo "- $s bytes: median CPU per packet $(printf '%.3f' "$w") µs with the index, $(printf '%.3f' "$n") µs without: $(awk -v a="$w" -v b="$n" 'BEGIN { printf "%+.1f %%", 100 * (a - b) / b }')"
	done
	echo
	echo "Run as \`bench/aidx-cost.sh -n $rounds -s \"$sizes\" -d $secs -r $rate\` from a build directory."
} | tee "$f"
