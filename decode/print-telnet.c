/* print-telnet.c: telnet (RFC 854) option negotiation on TCP port 23, as tcpdump shows it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define IAC 255
#define SB 250
#define SE 240
#define TELCMD_FIRST 236
#define TELOPT_AUTHENTICATION 37
#define TELOPT_ENCRYPT 38

#define NELEM(t) (sizeof(t) / sizeof((t)[0]))

static const char *const telcmds[] = {
	"EOF", "SUSP", "ABORT", "EOR", "SE", "NOP", "DMARK", "BRK", "IP", "AO",
	"AYT", "EC", "EL", "GA", "SB", "WILL", "WONT", "DO", "DONT", "IAC",
};

static const char *const telopts[] = {
	"BINARY", "ECHO", "RCP", "SUPPRESS GO AHEAD", "NAME", "STATUS", "TIMING MARK", "RCTE",
	"NAOL", "NAOP", "NAOCRD", "NAOHTS", "NAOHTD", "NAOFFD", "NAOVTS", "NAOVTD", "NAOLFD",
	"EXTEND ASCII", "LOGOUT", "BYTE MACRO", "DATA ENTRY TERMINAL", "SUPDUP", "SUPDUP OUTPUT",
	"SEND LOCATION", "TERMINAL TYPE", "END OF RECORD", "TACACS UID", "OUTPUT MARKING",
	"TTYLOC", "3270 REGIME", "X.3 PAD", "NAWS", "TSPEED", "LFLOW", "LINEMODE", "XDISPLOC",
	"OLD-ENVIRON", "AUTHENTICATION", "ENCRYPT", "NEW-ENVIRON",
};

static const char *const cmds[] = { "IS", "SEND", "INFO" };
static const char *const authcmd[] = { "IS", "SEND", "REPLY", "NAME" };
static const char *const authtype[] = {
	"NULL", "KERBEROS_V4", "KERBEROS_V5", "SPX", "MINK", "SRP", "RSA", "SSL", NULL, NULL,
	"LOKI", "SSA", "KEA_SJ", "KEA_SJ_INTEG", "DSS", "NTLM",
};
static const char *const enccmd[] = {
	"IS", "SUPPORT", "REPLY", "START", "END", "REQUEST-START", "REQUEST-END", "END_KEYID",
	"DEC_KEYID",
};
static const char *const enctype[] = {
	"NULL", "DES_CFB64", "DES_OFB64", "DES3_CFB64", "DES3_OFB64", NULL, "CAST5_40_CFB64",
	"CAST5_40_OFB64", "CAST128_CFB64", "CAST128_OFB64",
};

/* A parse position: sp and the bytes left, as tcpdump's FETCH moves them. */
struct tn {
	const uint8_t *sp;
	unsigned length;
	int print;
};

static int fetch(struct nd *nd, struct tn *t, unsigned *c)
{
	if (t->length < 1)
		return -1;
	*c = GET_U_1(t->sp);
	t->sp++;
	t->length--;
	return 0;
}

/* A name from a table, or the number as "%#x" prints it. */
static void print_name(struct nd *nd, const char *const *tab, size_t n, unsigned c)
{
	if (c < n && tab[c])
		nd_printf(nd, " %s", tab[c]);
	else
		nd_printf(nd, " %#x", c);
}

/* The one or two qualifier bytes after the option of a subnegotiation. */
static int print_qualifiers(struct nd *nd, struct tn *t, const uint8_t *p, unsigned x)
{
	const char *const *tab = cmds, *const *tab2 = NULL;
	size_t n = NELEM(cmds), n2 = 0;
	unsigned c;

	if (x == TELOPT_AUTHENTICATION) {
		tab = authcmd, n = NELEM(authcmd), tab2 = authtype, n2 = NELEM(authtype);
	} else if (x == TELOPT_ENCRYPT) {
		tab = enccmd, n = NELEM(enccmd), tab2 = enctype, n2 = NELEM(enctype);
	}
	if (p <= t->sp)
		return 0;
	if (fetch(nd, t, &c) < 0)
		return -1;
	if (t->print)
		print_name(nd, tab, n, c);
	if (!tab2 || p <= t->sp)
		return 0;
	if (fetch(nd, t, &c) < 0)
		return -1;
	if (t->print)
		print_name(nd, tab2, n2, c);
	return 0;
}

/* IAC SB option ... IAC SE, after the option byte. */
static int parse_sb(struct nd *nd, struct tn *t, unsigned x)
{
	const uint8_t *p = t->sp;
	unsigned c;

	while (t->length > (unsigned)(p + 1 - t->sp)) {
		if (GET_U_1(p) == IAC && GET_U_1(p + 1) == SE)
			break;
		p++;
	}
	if (GET_U_1(p) != IAC)
		return -1;
	if (print_qualifiers(nd, t, p, x) < 0)
		return -1;
	while (p > t->sp) {
		if (fetch(nd, t, &c) < 0)
			return -1;
		if (t->print)
			nd_printf(nd, " %#x", c);
	}
	if (t->print)
		nd_puts(nd, " SE");
	/* As in tcpdump, the IAC SE is stepped over without counting it off the length. */
	t->sp += 2;
	return 0;
}

/* One command at sp: its length, or -1 if it does not parse. */
static int telnet_parse(struct nd *nd, const uint8_t *sp, unsigned length, int print)
{
	struct tn t = { sp, length, print };
	unsigned c, x;

	if (fetch(nd, &t, &c) < 0 || c != IAC || fetch(nd, &t, &c) < 0)
		return -1;
	if (c == IAC) {
		if (print)
			nd_puts(nd, "IAC IAC");
		return (int)(t.sp - sp);
	}
	if (c < TELCMD_FIRST)
		return -1;
	if (c < 250) {
		if (print)
			nd_puts(nd, telcmds[c - TELCMD_FIRST]);
		return (int)(t.sp - sp);
	}
	if (fetch(nd, &t, &x) < 0)
		return -1;
	if (print) {
		if (x < NELEM(telopts))
			nd_printf(nd, "%s %s", telcmds[c - TELCMD_FIRST], telopts[x]);
		else
			nd_printf(nd, "%s %#x", telcmds[c - TELCMD_FIRST], x);
	}
	if (c == SB && parse_sb(nd, &t, x) < 0)
		return -1;
	return (int)(t.sp - sp);
}

/* tcpdump's hex_print_with_offset: 16 bytes a line, numbered from oset. */
static void hex_with_offset(struct nd *nd, const uint8_t *cp, unsigned length, unsigned oset)
{
	unsigned avail = (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, cp), i = 0;
	int truncated = length > avail;

	if (truncated)
		length = avail;
	for (unsigned n = length / 2; n != 0; n--, cp += 2) {
		if ((i++ % 8) == 0) {
			nd_printf(nd, "\n0x%04x: ", oset);
			oset += 16;
		}
		nd_printf(nd, " %02x%02x", GET_U_1(cp), GET_U_1(cp + 1));
	}
	if (length & 1) {
		if ((i % 8) == 0)
			nd_printf(nd, "\n0x%04x: ", oset);
		nd_printf(nd, " %02x", GET_U_1(cp));
	}
	if (truncated)
		nd_trunc_longjmp(nd);
}

void nd_telnet_print(struct nd *nd, const uint8_t *sp, unsigned length)
{
	const uint8_t *osp = sp;
	int first = 1, l;
	int hex = nd->o.Xflag && nd->o.vflag > 2;

	nd->protocol = "telnet";
	while (length > 0 && GET_U_1(sp) == IAC) {
		l = telnet_parse(nd, sp, length, 0);
		if (l < 0)
			break;
		if (hex) {
			if (first)
				nd_puts(nd, "\nTelnet:");
			hex_with_offset(nd, sp, (unsigned)l, (unsigned)(sp - osp));
			if (l > 8)
				nd_puts(nd, "\n\t\t\t\t");
			else
				nd_printf(nd, "%*s\t", (8 - l) * 3, "");
		} else {
			nd_puts(nd, first ? " [telnet " : ", ");
		}
		(void)telnet_parse(nd, sp, length, 1);
		first = 0;
		sp += l;
		length -= (unsigned)l;
	}
	if (!first)
		nd_puts(nd, hex ? "\n" : "]");
}
