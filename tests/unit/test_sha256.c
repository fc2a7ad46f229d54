/* test_sha256.c: the SHA-256 that seals capture files gives the FIPS 180-4 test vectors */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"
#include "tap.h"

static const char *hash(const void *data, size_t len, size_t step)
{
	static char hex[65];
	uint8_t d[32];
	struct sha256 s = { 0 };

	sha256_init(&s);
	for (size_t off = 0; off < len; off += step)
		sha256_update(&s, (const uint8_t *)data + off, len - off < step ? len - off : step);
	sha256_final(&s, d);
	sha256_free(&s);
	sha256_hex(d, hex);
	return hex;
}

int main(void)
{
	const char *abc = "abc";
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million = malloc(1000000);

	memset(million, 'a', 1000000);
	ok(!strcmp(hash("", 0, 1),
		   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "empty");
	ok(!strcmp(hash(abc, 3, 3),
		   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "abc");
	ok(!strcmp(hash(two, strlen(two), 7),
		   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
	   "448-bit message, fed 7 bytes at a time");
	ok(!strcmp(hash(million, 1000000, 4096),
		   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	   "one million 'a'");
	ok(!strcmp(hash(million, 1000000, 1000000), hash(million, 1000000, 1)),
	   "any split gives the same hash");
	{
		/* A file of two million 'a' read by sha256_fd: more than its 1 MiB buffer. */
		char path[] = "/tmp/test_sha256.XXXXXX", hex[65];
		int fd = mkstemp(path);
		uint8_t d[32];
		uint64_t size = 0;

		unlink(path);
		ok(fd >= 0 && write(fd, million, 1000000) == 1000000 &&
		   write(fd, million, 1000000) == 1000000 && lseek(fd, 0, SEEK_SET) == 0 &&
		   sha256_fd(fd, d, &size) == 0 && size == 2000000, "sha256_fd reads to the end");
		sha256_hex(d, hex);
		ok(!strcmp(hex, "bcf7f9d1b4311c3352e60502255ce09a6744df84e8f2c89f79c4b5d74933a95a"),
		   "two million 'a' hash as sha256sum says: %s", hex);
		if (fd >= 0)
			close(fd);
	}
	free(million);
	return done_testing();
}
