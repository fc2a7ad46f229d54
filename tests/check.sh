#!/bin/bash
# check.sh: install what the tests need, build with warnings as errors, run the whole suite, then again under ASan/UBSan
# SPDX-License-Identifier: BSD-2-Clause
#
# This is the README's test command and what .ci/run calls. Run it as root
# from the top of a checkout: sudo tests/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

deps="build-essential autoconf automake pkg-config libpcap-dev libconfuse-dev libsystemd-dev
zlib1g-dev libjansson-dev libssl-dev libdeflate-dev wireshark-common tcpdump tshark iproute2 libcap2-bin util-linux procps gzip python3
clang libclang-rt-14-dev systemd libseccomp-dev gdb openssl"
deps="$deps systemd-container debootstrap"	# tests/systemd: a booted Debian 12 container
deps="$deps debhelper devscripts lintian fakeroot dpkg-dev"	# tests/package: the Debian package
deps="$deps python3-prometheus-client bash-completion"	# metrics.sh's parser; completion's directory
deps="$deps jq"	# doc-examples.sh: pktctl(1)'s list | jq | sha256sum example
deps="$deps openssh-server openssh-client"	# ctl-ssh.sh: pktctl -H against a throwaway sshd
deps="$deps libnss-extrausers nscd"	# nss-names.sh: a file-based and a socket-based name service (its own nscd)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	missing=
	for p in $deps; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
	done
	if [ -n "${missing// /}" ]; then
		echo "== installing:$missing"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
		# nss-names.sh runs an nscd of its own in a private namespace; the host needs none.
		case " $missing " in
		*" nscd "*) { systemctl disable --now nscd || service nscd stop; } >/dev/null 2>&1 || true ;;
		esac
	fi
fi

passed=0 failed=0 skipped=0
tally() {
	local log=$1
	for kind in PASS FAIL SKIP XFAIL XPASS ERROR; do
		n=$(grep -E "^# $kind: +[0-9]+" "$log" | awk '{ print $3 }' | tail -1)
		case $kind in
		PASS|XFAIL) passed=$((passed + ${n:-0})) ;;
		FAIL|XPASS|ERROR) failed=$((failed + ${n:-0})) ;;
		SKIP) skipped=$((skipped + ${n:-0})) ;;
		esac
	done
}

run_suite() {
	local name=$1 dir=$2; shift 2
	echo "== $name: configure $*"
	rm -rf "$dir"
	mkdir -p "$dir"
	# Called as "run_suite ... || status=1", so set -e does not stop this
	# function: a configure or build failure must be named here, or the
	# summary would show only the tests that could not run.
	if ! (cd "$dir" && "$top/configure" -q --enable-werror "$@"); then
		echo "FAIL: $name: configure"
		failed=$((failed + 1))
		return 1
	fi
	echo "== $name: build"
	if ! make -C "$dir" -j"$(nproc)" > "$dir/build.out" 2>&1; then
		echo "FAIL: $name: the build failed"
		grep -E "error:|Error [0-9]" "$dir/build.out" | head -n 40
		failed=$((failed + 1))
		return 1
	fi
	echo "== $name: make check"
	set +e
	make -C "$dir" -j1 check > "$dir/check.out" 2>&1
	rc=$?
	set -e
	grep -E "^(PASS|FAIL|SKIP|ERROR|XFAIL|XPASS):" "$dir/check.out" || true
	grep -E "^# (TOTAL|PASS|FAIL|SKIP|ERROR):" "$dir/check.out" || true
	tally "$dir/check.out"
	if [ $rc != 0 ]; then
		for f in $(find "$dir/tests" -name '*.log' ! -name 'test-suite.log'); do
			grep -qE "^:test-result: (FAIL|ERROR)" "${f%.log}.trs" 2>/dev/null || continue
			echo "--- $f"
			tail -n 40 "$f"
		done
	fi
	return $rc
}

# What git sees before the run, so that only what the run adds counts at the end.
git_before=
if [ -e .git ] && command -v git >/dev/null; then
	git_before=$(git status --porcelain --untracked-files=all)
fi

autoreconf -fi >/dev/null 2>&1
status=0
run_suite "release build" "$top/build-ci" || status=1
# Sanitizers: every test again, the daemon included. LeakSanitizer cannot
# stop a process that dropped root (it is no longer dumpable), so leaks are
# checked in the unit tests only, where nothing drops privileges.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
# The daemon runs under its own seccomp filter, which kills a process that
# execs: a sanitizer must not start its symbolizer from inside it.
export PKTCAP_DAEMON_ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:symbolize=0
run_suite "asan+ubsan build" "$top/build-asan" \
	CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	LDFLAGS="-fsanitize=address,undefined" || status=1

# ThreadSanitizer: the unit and integration tests again, with every thread
# of the daemon watched. Any report fails the leg (the daemon's reports go to
# files, since its stderr belongs to each test's log).
tsan_dir=$top/build-tsan-reports
rm -rf "$tsan_dir"
mkdir -p "$tsan_dir"
chmod 1777 "$tsan_dir"	# the daemon writes here after dropping root
# symbolize=0: the daemon's seccomp filter kills a process that execs, so
# reports are symbolized here afterwards.
export TSAN_OPTIONS="log_path=$tsan_dir/tsan halt_on_error=0 second_deadlock_stack=1 symbolize=0"
unset ASAN_OPTIONS PKTCAP_DAEMON_ASAN_OPTIONS
run_suite "tsan build" "$top/build-tsan" CC=clang \
	CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
	|| status=1
if ls "$tsan_dir"/tsan.* >/dev/null 2>&1; then
	failed=$((failed + 1))
	status=1
	echo "FAIL: ThreadSanitizer: $(cat "$tsan_dir"/tsan.* | grep -c '^WARNING: ThreadSanitizer') reports"
	# "(BINARY+0x1234)" frames, resolved to function and line of the build.
	# cat dies of SIGPIPE when head has its 120 lines: with pipefail and
	# set -e that would end the whole run here, before the legs below.
	{ cat "$tsan_dir"/tsan.* || true; } | head -n 120 | while IFS= read -r line; do
		case $line in
		*"+0x"*")"*)
			obj=${line##*(}; obj=${obj%%+*}; off=${line##*+}; off=${off%%)*}
			case $obj in
			pktcapd) obj=$top/build-tsan/daemon/pktcapd ;;
			pktctl) obj=$top/build-tsan/ctl/pktctl ;;
			esac
			echo "$line  $(addr2line -f -e "$obj" "$off" 2>/dev/null | paste -sd ' ')" ;;
		*) echo "$line" ;;
		esac
	done
else
	passed=$((passed + 1))
	echo "PASS: ThreadSanitizer: no report"
fi
unset TSAN_OPTIONS

# The release tarball builds, installs and passes the unit and decoder tests.
echo "== make distcheck"
if PKTCAP_SKIP_INTEGRATION=1 make -C "$top/build-ci" distcheck > "$top/build-ci/distcheck.out" 2>&1; then
	passed=$((passed + 1))
	echo "PASS: make distcheck"
else
	failed=$((failed + 1))
	status=1
	echo "FAIL: make distcheck"
	tail -n 40 "$top/build-ci/distcheck.out"
fi

# The Debian package builds, passes lintian, installs, checks and purges.
echo "== Debian package"
set +e
tests/package/run.sh "$top/build-ci" "$top/build-deb" > "$top/build-ci/package.out" 2>&1
rc=$?
set -e
grep -E "^(ok|FAIL|SKIP):" "$top/build-ci/package.out" || true
case $rc in
0) passed=$((passed + 1)); echo "PASS: Debian package" ;;
77) skipped=$((skipped + 1)); echo "SKIP: Debian package" ;;
*) failed=$((failed + 1)); status=1; echo "FAIL: Debian package"; tail -n 40 "$top/build-ci/package.out" ;;
esac

# Fuzzing, bounded: each target gets FUZZ_SECONDS under ASan/UBSan. A crash
# fails the run; its input (crash-*) belongs in tests/fuzz/corpus/ for good.
fuzz() {
	local name=$1; shift
	local dir=$top/build-fuzz
	mkdir -p "$dir/corpus-$name"
	echo "== fuzz $name for ${FUZZ_SECONDS:-60} s"
	if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-I"$top/build-ci" -I"$top/common" "$@" $(pkg-config --cflags --libs jansson) \
		-o "$dir/fuzz_$name"; then
		failed=$((failed + 1))
		echo "FAIL: fuzz $name: the target does not build"
		status=1
		return 0
	fi
	if (cd "$dir" && ./"fuzz_$name" -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 \
		-print_final_stats=0 "corpus-$name" "$top/tests/fuzz/corpus/$name" >"fuzz-$name.out" 2>"fuzz-$name.log"); then
		passed=$((passed + 1))
		echo "PASS: fuzz $name ($(grep -c . "$dir/fuzz-$name.log" 2>/dev/null || true) log lines)"
	else
		failed=$((failed + 1))
		echo "FAIL: fuzz $name"
		tail -n 40 "$dir/fuzz-$name.log"
		status=1
	fi
}
if command -v clang >/dev/null; then
	fuzz request "$top/tests/fuzz/fuzz_request.c" "$top/common/proto.c"
	fuzz decode "$top/tests/fuzz/fuzz_decode.c" -I"$top/decode" "$top"/decode/*.c -lpcap
	fuzz conf "$top/tests/fuzz/fuzz_conf.c" "$top/daemon/conf.c" "$top/common/units.c" "$top/common/proto.c" \
		"$top/common/log.c" "$top/common/escape.c" -I"$top/daemon" -DSYSCONFDIR='"/etc"' \
		$(pkg-config --cflags --libs libconfuse libsystemd libpcap)
	fuzz target "$top/tests/fuzz/fuzz_target.c" "$top/ctl/target.c" -I"$top/ctl"
	fuzz pcapidx "$top/tests/fuzz/fuzz_pcapidx.c" "$top/common/pcapidx.c" "$top/common/sha256.c" \
		"$top/common/bytes.c" $(pkg-config --cflags --libs zlib libcrypto)
	fuzz addridx "$top/tests/fuzz/fuzz_addridx.c" "$top/common/addridx.c" "$top/common/addrset.c" \
		"$top/common/pcapidx.c" "$top/common/sha256.c" "$top/common/bytes.c" "$top/common/bpfplan.c" \
		$(pkg-config --cflags --libs zlib libcrypto)
fi

# The units under a real systemd: a Debian 12 container booted with systemd
# as PID 1 runs pktcapd as installed (tests/systemd/run.sh). Its root is
# cached in build-systemd/ across runs.
echo "== systemd: pktcapd in a booted Debian 12 container"
mkdir -p "$top/build-systemd"
set +e
tests/systemd/run.sh "$top/build-systemd" > "$top/build-systemd/run.out" 2>&1
rc=$?
set -e
grep -E "^(ok|PASS|FAIL|SKIP|ERROR):" "$top/build-systemd/run.out" || true
case $rc in
0) passed=$((passed + 1)) ;;
77) skipped=$((skipped + 1)) ;;
*) failed=$((failed + 1)); status=1; tail -n 40 "$top/build-systemd/run.out" ;;
esac

# Everything above builds and tests in directories .gitignore names: a file
# the run leaves behind that git would see (a new build product, a package
# leftover) is a failure, so the tree stays clean for the next commit. CI
# starts from a fresh clone, where this means git status is empty.
if [ -e .git ] && command -v git >/dev/null; then
	dirty=$(git status --porcelain --untracked-files=all | grep -vxF -e "$git_before" || true)
	if [ -z "$dirty" ]; then
		passed=$((passed + 1))
		echo "PASS: git status is clean after the run"
	else
		failed=$((failed + 1))
		status=1
		echo "FAIL: the run left files git sees (build products belong in .gitignore):"
		echo "$dirty" | sed 's/^/  /'
	fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
