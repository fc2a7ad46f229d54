#!/bin/bash
# sync-error.sh: a failed fdatasync is a write error: logged once, counted, the file not sealed, repaired at the next start
# SPDX-License-Identifier: BSD-2-Clause
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

require_cmd cc
# A sanitizer runtime must come first among the preloaded libraries: the shim cannot.
sanitizer_build && skip "the sync shim needs a build without sanitizers"
netns_setup
write_conf <<EOF2
profile all {
	rotate-packets = 100
	flush-interval = 200ms
}
interface $IF_CAP {
	profiles = { all }
}
EOF2

# fdatasync fails with EIO while the file $TMP/failsync exists: a disk that
# stops taking writes, without a disk.
cat > "$TMP/failsync.c" <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* stat(), not access(): the daemon's seccomp filter lets newfstatat through. */
int fdatasync(int fd)
{
	static int (*real)(int);
	const char *flag = getenv("PKTCAP_FAIL_SYNC");
	struct stat st;

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	if (flag && stat(flag, &st) == 0) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}
EOF2
cc -shared -fPIC -o "$TMP/failsync.so" "$TMP/failsync.c" -ldl || hard_error "cannot build the shim"
chmod 755 "$TMP/failsync.so"

dir=$(ring_dir "$IF_CAP" all)
PKTCAP_FAIL_SYNC=$TMP/failsync LD_PRELOAD=$TMP/failsync.so start_pktcapd
grep -q failsync.so "/proc/$PID/maps" || hard_error "the sync shim is not loaded"
send_pkts -c 50 -r 500
wait_written "$IF_CAP/all" 50
touch "$TMP/failsync"
# The rest of the first file, written and closed while no sync succeeds.
send_pkts -c 50 -r 500
wait_written "$IF_CAP/all" 100
sleep 1
rm -f "$TMP/failsync"
send_pkts -c 150 -r 500
wait_written "$IF_CAP/all" 250
sleep 1

first=$(ring_files "$dir" | sed -n 1p)
second=$(ring_files "$dir" | sed -n 2p)
n=$(grep -c "sync of $first failed: Input/output error; the file will not be sealed" "$TMP/pktcapd.log")
[ "$n" = 1 ] || fail "the failed syncs of $first were logged $n times, expected once"
errors=$(ring_field "" sync_errors)
[ "$errors" -ge 1 ] || fail "status counts $errors sync errors"
state=$(ctl list --json | jget "[f['state'] for f in j['result']['files'] if f['name'] == '$first'][0]")
[ "$state" = unsealed ] || fail "$first is $state after its syncs failed, expected unsealed"
[ "$(stat -c %a "$dir/$first")" = 640 ] || fail "$first was sealed read-only ($(stat -c %a "$dir/$first"))"
grep -q "sync of $second failed" "$TMP/pktcapd.log" && fail "$second failed too: the episode did not end"
state=$(ctl list --json | jget "[f['state'] for f in j['result']['files'] if f['name'] == '$second'][0]")
[ "$state" = sealed ] || fail "$second, written after the disk recovered, is $state"
stop_pktcapd

# The next start treats the unsealed file like one a crash left open: repaired, then sealed.
start_pktcapd
wait_indexer
state=$(ctl list --json | jget "[f['state'] for f in j['result']['files'] if f['name'] == '$first'][0]")
[ "$state" = sealed ] || fail "$first is $state after a restart, expected sealed"
[ "$(stat -c %a "$dir/$first")" = 440 ] || fail "$first was not sealed by the restart"
[ "$(count_file "$dir/$first")" = 100 ] || fail "$first holds $(count_file "$dir/$first") packets, expected 100"
stop_pktcapd
pass
