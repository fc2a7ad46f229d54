#!/bin/bash
# package/run.sh: build the Debian package from the release tarball, lint it, install it, check it, purge it
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage (as root): tests/package/run.sh BUILD-DIR WORK-DIR
# BUILD-DIR is a configured build tree (its "make dist" gives the sources);
# WORK-DIR receives the unpacked sources and the .deb. The machine is left
# as found: the package is purged, and the user, group and directories its
# maintainer scripts made are removed when they were not there before.
set -euo pipefail
build=$1 work=$2

fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
for c in dpkg-buildpackage lintian dpkg; do
	command -v "$c" >/dev/null || { echo "SKIP: $c is not installed"; exit 77; }
done
if dpkg-query -W -f='${Status}' pktcap 2>/dev/null | grep -q installed; then
	echo "SKIP: a pktcap package is already installed here; not touching it"
	exit 77
fi
had_user=0 had_group=0 had_state=0 had_run=0
getent passwd pktcap >/dev/null && had_user=1
getent group pktcap >/dev/null && had_group=1
[ -e /var/lib/pktcapd ] && had_state=1
[ -e /run/pktcapd ] && had_run=1

cleanup() {
	dpkg --purge pktcap >/dev/null 2>&1 || true
	[ $had_user = 1 ] || userdel pktcap 2>/dev/null || true
	[ $had_group = 1 ] || groupdel pktcap 2>/dev/null || true
	[ $had_state = 1 ] || rmdir /var/lib/pktcapd 2>/dev/null || true
	[ $had_run = 1 ] || rmdir /run/pktcapd 2>/dev/null || true
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work"

# 0. make install keeps an edited configuration and puts the new default beside it.
make -C "$build" install DESTDIR="$work/inst" >"$work/make-install.log" 2>&1 ||
	{ tail -n 20 "$work/make-install.log"; fail "make install DESTDIR="; }
conf=$(find "$work/inst" -name pktcapd.conf -path '*/etc/*' | head -1)
[ -n "$conf" ] || fail "make install installed no etc/pktcapd.conf"
echo "# edited" >> "$conf"
make -C "$build" install DESTDIR="$work/inst" >>"$work/make-install.log" 2>&1 || fail "make install again"
grep -q "^# edited" "$conf" || fail "make install overwrote the edited pktcapd.conf"
cmp -s "$conf.dist-new" "$(dirname "$0")/../../conf/pktcapd.conf" ||
	fail "make install did not put the new default in pktcapd.conf.dist-new"
echo "ok: make install keeps an edited pktcapd.conf and writes pktcapd.conf.dist-new"
rm -rf "$work/inst"

# 1. Sources as released (make dist checks that debian/ is in the tarball).
make -C "$build" dist >"$work/dist.log" 2>&1 || { tail -n 20 "$work/dist.log"; fail "make dist"; }
tar -C "$work" -xzf "$build"/pktcap-*.tar.gz
src=$(echo "$work"/pktcap-*/)
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
arch=$(dpkg --print-architecture)

# 2. The binary package, the way a Debian developer builds it.
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 ||
	{ tail -n 30 "$work/build.log"; fail "dpkg-buildpackage -us -uc -b"; }
deb=$work/pktcap_${version}_${arch}.deb
[ -f "$deb" ] || fail "no $deb"
echo "ok: dpkg-buildpackage built $(basename "$deb")"
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
for f in ./usr/sbin/pktcapd ./usr/bin/pktctl ./usr/share/man/man8/pktcapd.8.gz \
	./usr/share/man/man5/pktcapd.conf.5.gz ./usr/share/man/man1/pktctl.1.gz \
	./lib/systemd/system/pktcapd.service ./lib/systemd/system/pktcapd.socket \
	./lib/systemd/system/pktcapd-metrics.service ./lib/systemd/system/pktcapd-metrics.timer \
	./usr/lib/sysusers.d/pktcapd.conf ./usr/lib/tmpfiles.d/pktcapd.conf ./etc/pktcapd.conf \
	./usr/share/bash-completion/completions/pktctl ./usr/share/bash-completion/completions/pktcapd; do
	grep -qxF "$f" <<<"$contents" || fail "$f is not in the package"
done
[ "$(dpkg-deb -f "$deb" Package)" = pktcap ] || fail "the package is not called pktcap"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/pktcapd.conf ||
	fail "/etc/pktcapd.conf is not a conffile"
echo "ok: binaries, man pages, units, sysusers.d, tmpfiles.d, completion and the conffile are in it"

# 3. lintian: no errors (E:) on the package and the upload.
lintian --no-tag-display-limit "$work"/pktcap_"${version}"_"${arch}".changes >"$work/lintian.log" 2>&1 || true
if grep -q "^E:" "$work/lintian.log"; then
	cat "$work/lintian.log"
	fail "lintian reports errors"
fi
echo "ok: lintian: $(grep -c "^[WE]:" "$work/lintian.log" || true) errors and warnings"

# 4. Installed: the maintainer scripts made the user and the directories
# with systemd's tools, and the installed daemon accepts the installed
# configuration.
dpkg -i "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i"; }
getent passwd pktcap >/dev/null || fail "systemd-sysusers made no user pktcap"
[ -d /var/lib/pktcapd ] || fail "systemd-tmpfiles made no /var/lib/pktcapd"
[ "$(stat -c %U:%a /var/lib/pktcapd)" = pktcap:750 ] ||
	fail "/var/lib/pktcapd is $(stat -c %U:%a /var/lib/pktcapd), not pktcap:750"
out=$(/usr/sbin/pktcapd -t -f /etc/pktcapd.conf 2>&1) || { echo "$out"; fail "pktcapd -t on the installed /etc/pktcapd.conf"; }
echo "ok: dpkg -i; pktcapd -t: $out"
/usr/bin/pktctl --version | grep -qF "$version" || fail "the installed pktctl is not $version"

# 5. An edited configuration survives a reinstall (dpkg keeps a changed conffile).
echo "# edited by the package test" >> /etc/pktcapd.conf
dpkg -i --force-confold "$deb" >>"$work/install.log" 2>&1 || fail "dpkg -i again"
grep -q "edited by the package test" /etc/pktcapd.conf || fail "reinstalling overwrote the edited /etc/pktcapd.conf"
echo "ok: an edited /etc/pktcapd.conf survives a reinstall"

# 6. Purged: nothing of the package is left.
dpkg --purge pktcap >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge"; }
for f in /etc/pktcapd.conf /usr/sbin/pktcapd /usr/bin/pktctl /lib/systemd/system/pktcapd.service; do
	[ ! -e "$f" ] || fail "$f is still there after the purge"
done
echo "ok: dpkg --purge removes it"
