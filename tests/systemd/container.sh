# container.sh: a Debian 12 root file system, cached per package list, booted with systemd as PID 1 by systemd-nspawn
# SPDX-License-Identifier: BSD-2-Clause
#
# Sourced by run.sh after tests/lib.sh. ct_rootfs builds (or reuses) the
# cached root, ct_boot copies it and boots the copy inside the capture
# namespace that netns_setup made, ct runs a command inside the booted
# container through nsenter (systemd-run -M needs machined, which a host
# without a system bus does not have), ct_halt shuts it down.

# What the container needs: systemd as init, and the run-time libraries of
# pktcapd and pktctl plus the tools the checks run inside it.
CT_SUITE=bookworm
CT_PACKAGES="systemd systemd-sysv dbus libpcap0.8 libconfuse2 libsystemd0 zlib1g libjansson4
libssl3 libdeflate0 tcpdump iproute2 procps"
CT_PID=	# the container's PID 1, as the host sees it
CT_NSPAWN=	# the systemd-nspawn process

# The Debian mirror apt uses here, from one-line or deb822 sources, so the
# test goes where the machine is allowed to go.
ct_mirror() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		# deb [OPTIONS] URI SUITE COMPONENTS...
		awk -v s="$CT_SUITE" '$1 == "deb" {
			i = 2
			if ($i ~ /^\[/) {
				while (i < NF && $i !~ /\]$/) i++
				i++
			}
			if ($(i + 1) == s) { print $i; exit }
		}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		# deb822: paragraphs separated by blank lines; keys are case-insensitive.
		awk -v s="$CT_SUITE" 'BEGIN { RS = "" }
		{
			types = uris = suites = ""; enabled = 1
			n = split($0, line, "\n")
			for (k = 1; k <= n; k++) {
				key = tolower(line[k]); val = line[k]
				sub(/^[^:]*:[ \t]*/, "", val)
				if (key ~ /^types:/) types = " " val " "
				if (key ~ /^uris:/) uris = val
				if (key ~ /^suites:/) suites = " " val " "
				if (key ~ /^enabled:[ \t]*no/) enabled = 0
			}
			if (enabled && types ~ / deb / && suites ~ (" " s " ")) {
				split(uris, u, " "); print u[1]; exit
			}
		}' "$f"
	done
}

# Sets CT_CACHE to a root file system with CT_PACKAGES, built by debootstrap
# on first use and kept under DIR, keyed by the suite and the package list.
ct_rootfs() {
	local dir=$1 key mirror t0
	key=$(printf '%s %s' "$CT_SUITE" "$(echo $CT_PACKAGES)" | sha256sum | cut -c1-12)
	CT_CACHE=$dir/rootfs-$key
	if [ -x "$CT_CACHE/lib/systemd/systemd" ]; then
		log "reusing the cached root $CT_CACHE"
		return 0
	fi
	mirror=$(ct_mirror | head -1)
	[ -n "$mirror" ] || skip "no $CT_SUITE mirror in apt's sources to debootstrap from"
	# Roots of an older package list are dead weight (about 260 MB each).
	rm -rf "$dir"/rootfs-* "$dir"/rootfs-*.tmp
	mkdir -p "$dir"
	log "debootstrap $CT_SUITE from $mirror into $CT_CACHE"
	t0=$(date +%s)
	if ! timeout 900 debootstrap --variant=minbase \
		--include="$(echo $CT_PACKAGES | tr ' ' ,)" "$CT_SUITE" "$CT_CACHE.tmp" "$mirror" \
		> "$dir/debootstrap.log" 2>&1; then
		tail -n 5 "$dir/debootstrap.log"
		rm -rf "$CT_CACHE.tmp"
		skip "debootstrap failed (see $dir/debootstrap.log)"
	fi
	# Renamed only when complete, so an interrupted run leaves no half root behind.
	mv "$CT_CACHE.tmp" "$CT_CACHE"
	log "debootstrap took $(($(date +%s) - t0)) s"
}

# ct COMMAND...: runs COMMAND as root inside the container, in a clean environment.
ct() {
	nsenter -t "$CT_PID" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
		SYSTEMD_COLORS=0 SYSTEMD_PAGER= TERM=dumb "$@"
}

# ct_boot ROOT NETNS: boots ROOT in the network namespace NETNS and waits (at
# most 60 s) until its systemd has finished start-up.
ct_boot() {
	local root=$1 netns=$2 state=
	systemd-nspawn -D "$root" -b --register=no --keep-unit --console=read-only \
		--machine="pktcap-$$" --network-namespace-path="/run/netns/$netns" \
		> "$TMP/boot.log" 2>&1 &
	CT_NSPAWN=$!
	for _ in $(seq 600); do
		if ! kill -0 "$CT_NSPAWN" 2>/dev/null; then
			# Where nspawn cannot boot a container at all, the leg cannot run here.
			tail -n 20 "$TMP/boot.log"
			CT_NSPAWN= CT_PID=
			skip "systemd-nspawn could not boot the container"
		fi
		[ -n "$CT_PID" ] || CT_PID=$(ct_init "$CT_NSPAWN")
		if [ -n "$CT_PID" ]; then
			state=$(ct systemctl is-system-running 2>/dev/null)
			case $state in running|degraded) return 0 ;; esac
		fi
		sleep 0.1
	done
	tail -n 20 "$TMP/boot.log"
	fail "the container did not finish booting within 60 s (state ${state:-none})"
}

# The child of nspawn that is PID 1 in its own PID namespace: nspawn forks
# a short-lived helper first, which must not be taken for the container.
ct_init() {
	local p
	for p in $(pgrep -P "$1"); do
		awk '$1 == "NSpid:" && NF == 3 && $3 == 1 { found = 1 } END { exit !found }' \
			"/proc/$p/status" 2>/dev/null && echo "$p" && return 0
	done
	return 0
}

# Shuts the container down with SIGTERM (systemd's clean halt), SIGKILL after 30 s.
ct_halt() {
	[ -n "$CT_NSPAWN" ] || return 0
	kill -TERM "$CT_NSPAWN" 2>/dev/null
	for _ in $(seq 300); do
		kill -0 "$CT_NSPAWN" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$CT_NSPAWN" 2>/dev/null; then
		echo "# the container did not halt within 30 s of SIGTERM: killing it"
		kill -KILL "$CT_NSPAWN" 2>/dev/null
	fi
	wait "$CT_NSPAWN" 2>/dev/null
	CT_NSPAWN= CT_PID=
}
