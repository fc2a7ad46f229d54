/* test_evmanifest.c: the case manifest's encoding, hash chain, signed head and companions */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evidence/evmanifest.h"
#include "tap.h"

static char *slurp(int dfd, const char *name)
{
	static char buf[8192];
	int fd = openat(dfd, name, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static void rewrite(int dfd, const char *name, const char *text)
{
	int fd = openat(dfd, name, O_WRONLY | O_TRUNC);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror("write");
		close(fd);
	}
}

/* SHA256SUMS after a release: HEAD, MANIFEST, MANIFEST.sig as written, sorted; signed. */
static void check_sums(int dfd, const char *dir)
{
	char sums[8192], cmd[512];
	uint8_t sig[64];
	int fd;

	snprintf(sums, sizeof(sums), "%s", slurp(dfd, "SHA256SUMS"));
	/* Lines are 64 hex, two spaces, the name and a newline: 71, 75 and 79 bytes. */
	ok(strlen(sums) == 71 + 75 + 79 && !strncmp(sums + 66, "HEAD\n", 5) &&
	   !strncmp(sums + 71 + 66, "MANIFEST\n", 9) &&
	   !strncmp(sums + 71 + 75 + 66, "MANIFEST.sig\n", 13),
	   "nothing is held after a release: SHA256SUMS lists HEAD, MANIFEST, MANIFEST.sig in order");
	snprintf(cmd, sizeof(cmd), "cd '%s' && sha256sum --quiet --strict -c SHA256SUMS", dir);
	ok(system(cmd) == 0, "sha256sum -c accepts it");
	fd = openat(dfd, "SHA256SUMS.sig", O_RDONLY);
	ok(fd >= 0 && read(fd, sig, 64) == 64 && evm_check(sums, strlen(sums), sig, 64) == 1,
	   "SHA256SUMS.sig is the host key's signature of SHA256SUMS");
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char tmpl[] = "/tmp/test_evm.XXXXXX", head[65], *dir = mkdtemp(tmpl), text[8192], *nl;
	struct evm_line l[3] = { { 0 } };
	const char *types[3] = { "file", "file", "release" };
	struct evm m;
	int dfd;

	ok(dir && evm_key_init(dir, (uid_t)-1, (gid_t)-1) == 0, "a key is made in an empty state directory");
	ok(evm_pubkey_pem() && strstr(evm_pubkey_pem(), "BEGIN PUBLIC KEY"), "its public half is PEM");
	dfd = open(dir, O_RDONLY | O_DIRECTORY);

	evm_add(&l[0], "file", "a.pcap");
	evm_add(&l[0], "sha256", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
	evm_add(&l[0], "note", "host X, 100% \"odd\"\nline");
	evm_add(&l[1], "file", "b.pcap");
	evm_addtime(&l[1], "at", 1795670000123456789LL);
	evm_addu(&l[2], "files", 2);
	ok(evm_append(dfd, "C1", types, l, 2, head) == 0, "two entries appended");
	ok(evm_append(dfd, "C1", types + 2, l + 2, 1, head) == 0, "a third appended later");
	ok(evm_read(dfd, &m) == 0 && m.n == 3, "three entries read back");
	ok(!m.e[0].broken && !m.e[1].broken && !m.e[2].broken, "the chain holds");
	ok(!strcmp(evm_get(&m.e[0], "note"), "host X, 100% \"odd\"\nline"),
	   "a value with spaces, %%, quotes and a newline comes back whole");
	ok(strstr(slurp(dfd, "MANIFEST"), "note=host%20X,%20100%25%20%22odd%22%0Aline"),
	   "and is stored percent-encoded on one line");
	ok(!strcmp(evm_get(&m.e[1], "at"), "2026-11-26T05:13:20.123456789Z"), "times in UTC with ns");
	ok(!strcmp(m.e[2].type, "release") && m.e[2].n == 3, "type and number");
	evm_free(&m);
	check_sums(dfd, dir);

	/* The head is signed; the signature checks out and fails for other text. */
	snprintf(text, sizeof(text), "%s", slurp(dfd, "HEAD"));
	ok(!strncmp(text, "pktcap-manifest case=C1 entries=3 head=", 39) && strstr(text, head),
	   "HEAD names the case, the count and the head");
	{
		uint8_t sig[64];
		int fd = openat(dfd, "MANIFEST.sig", O_RDONLY);

		ok(fd >= 0 && read(fd, sig, 64) == 64, "a 64-byte signature");
		ok(evm_check(text, strlen(text), sig, 64) == 1, "it verifies");
		text[40] ^= 1;
		ok(evm_check(text, strlen(text), sig, 64) == 0, "not for a changed head");
		close(fd);
	}

	/* A line taken out breaks the chain at the line after it. */
	snprintf(text, sizeof(text), "%s", slurp(dfd, "MANIFEST"));
	nl = strchr(text, '\n');
	rewrite(dfd, "MANIFEST", nl + 1);
	ok(evm_read(dfd, &m) == 0 && m.n == 2 && m.e[0].broken &&
	   strstr(m.e[0].why, "chain broken"), "a removed first line: %s", m.n ? m.e[0].why : "");
	evm_free(&m);
	ok(evm_append(dfd, "C1", types, l, 1, head) < 0, "nothing is appended to a broken chain");
	for (int i = 0; i < 3; i++)
		evm_line_free(&l[i]);
	evm_key_free();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			perror("rm");
	}
	close(dfd);
	return done_testing();
}
