/* test_format.c: pktctl's status table keeps a long ring state whole: a word in the column, the text below */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "format.h"
#include "tap.h"

/* format_status's output for one ring in state, read back from a temporary file. */
static char *status_text(const char *state)
{
	static char buf[8192];
	json_t *r = json_pack("{s:s, s:[{s:s, s:s, s:s}]}", "storage", "/x", "rings", "name",
			      "eth0/web", "state", state, "filter", "");
	FILE *f = tmpfile();
	int saved = dup(1);
	size_t n;

	fflush(stdout);
	dup2(fileno(f), 1);
	format_status(r);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	json_decref(r);
	return buf;
}

int main(void)
{
	const char *long_state = "error: The interface disappeared";
	char *out = status_text(long_state), *row = strstr(out, "eth0/web ");
	char col[64] = "";

	ok(row && sscanf(row, "eth0/web %63s", col) == 1, "the ring has a row");
	ok(!strcmp(col, "error"), "STATE column shows 'error', not a cut 'error: The' ('%s')", col);
	ok(strstr(out, "  state: error: The interface disappeared\n") != NULL,
	   "the whole state is on its own line");
	out = status_text("capturing");
	row = strstr(out, "eth0/web ");
	ok(row && sscanf(row, "eth0/web %63s", col) == 1 && !strcmp(col, "capturing"),
	   "a short state is shown as it is ('%s')", col);
	ok(!strstr(out, "  state:"), "and not repeated");
	return done_testing();
}
