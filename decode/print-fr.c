/* print-fr.c: Frame Relay frames (DLT_FRELAY): the Q.922 address, UI control and NLPID */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"
#include "print-ip.h"
#include "print-isis.h"
#include "print-ppp.h"

#define FR_EA 0x01
#define FR_CR 0x02000000u
#define FR_DE 0x00020000u
#define FR_BECN 0x00040000u
#define FR_FECN 0x00080000u
#define FR_SDLC 0x00000002u
#define FR_UI 0x03

/* In tcpdump's order: the flags line lists them lowest value first. */
static const struct nd_tok fr_flags[] = {
	{ FR_CR, "C!" }, { FR_DE, "DE" }, { FR_BECN, "BECN" }, { FR_FECN, "FECN" },
	{ FR_SDLC, "sdlcore" }, { 0, NULL },
};

struct q922 {
	unsigned dlci, addr_len;
	uint32_t flags;
};

/* The 2, 3 or 4 byte address: 1 if valid, 0 if not, -1 if the frame ends in it. */
static int q922_parse(struct nd *nd, const uint8_t *p, unsigned length, struct q922 *q)
{
	if (!ND_TTEST_LEN(nd, p, 1) || length < 1)
		return -1;
	if (GET_U_1(p) & FR_EA)
		return 0;
	if (!ND_TTEST_LEN(nd, p + 1, 1) || length < 2)
		return -1;
	q->addr_len = 2;
	q->dlci = ((GET_U_1(p) & 0xfc) << 2) | ((GET_U_1(p + 1) & 0xf0) >> 4);
	q->flags = ((uint32_t)(GET_U_1(p) & 0x02) << 24) | ((uint32_t)(GET_U_1(p + 1) & 0x0e) << 16);
	if (GET_U_1(p + 1) & FR_EA)
		return 1;
	p += 2;
	length -= 2;
	if (!ND_TTEST_LEN(nd, p, 1) || length < 1)
		return -1;
	q->addr_len++;
	if (!(GET_U_1(p) & FR_EA)) {
		q->dlci = (q->dlci << 7) | (GET_U_1(p) >> 1);
		q->addr_len++;
		p++;
		length--;
	}
	if (!ND_TTEST_LEN(nd, p, 1) || length < 1)
		return -1;
	if (!(GET_U_1(p) & FR_EA))
		return 0;
	q->flags |= GET_U_1(p) & 0x02;
	q->dlci = (q->dlci << 6) | (GET_U_1(p) >> 2);
	return 1;
}

/* The -e line; a value above 0xff is the Cisco form's Ethernet type. */
static void hdr_print(struct nd *nd, unsigned length, unsigned addr_len, const struct q922 *q,
		      unsigned nlpid)
{
	char fb[64], nb[24];
	const char *name, *flags;

	if (nd->o.qflag) {
		nd_printf(nd, "Q.922, DLCI %u, length %u: ", q->dlci, length);
		return;
	}
	flags = nd_bittok2str(fr_flags, "none", q->flags, ", ", fb, sizeof(fb));
	if (nlpid <= 0xff) {
		nd_printf(nd, "Q.922, hdr-len %u, DLCI %u, Flags [%s], NLPID %s (0x%02x), length %u: ",
			  addr_len, q->dlci, flags, nd_tok2str(nd_nlpids, "unknown", nlpid, nb, sizeof(nb)),
			  nlpid, length);
		return;
	}
	name = nd_ethertype_name(nlpid);
	nd_printf(nd, "Q.922, hdr-len %u, DLCI %u, Flags [%s], cisco-ethertype %s (0x%04x), length %u: ",
		  addr_len, q->dlci, flags, name ? name : "unknown", nlpid, length);
}

/* Cisco's form: an Ethernet type instead of UI; 0 if it is not one tcpdump knows. */
static unsigned cisco_print(struct nd *nd, const uint8_t *p, unsigned length, const struct q922 *q)
{
	unsigned a = q->addr_len, et;

	if (!ND_TTEST_LEN(nd, p + a, 2) || length < a + 2) {
		nd_printf(nd, "UI %02x! ", GET_U_1(p + a));
		return 0;
	}
	et = GET_BE_U_2(p + a);
	if (nd->o.eflag)
		hdr_print(nd, length, a, q, et);
	if (nd_ethertype_print(nd, et, p + a + 2, length - a - 2,
			       (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p) - a - 2))
		return a + 2;
	nd_printf(nd, "UI %02x! ", GET_U_1(p + a));
	return 0;
}

/* tcpdump's default print: what was captured, then the truncation marker if that was less. */
static void dump_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned avail = (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p);

	nd_default_print(nd, p, length < avail ? length : avail);
	if (length > avail)
		nd_trunc_longjmp(nd);
}

static void nlpid_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned hdr_len,
			const struct q922 *q, unsigned nlpid)
{
	switch (nlpid) {
	case 0xcc:
		nd_ip_print(nd, p, length);
		break;
	case 0x8e:
		nd_ip6_print(nd, p, length);
		break;
	case 0x81:
	case 0x82:
	case 0x83:
		/* the OSI printers read the NLPID again */
		nd_isoclns_print(nd, p - 1, length + 1);
		break;
	case 0x80:
		if (!nd_snap_print(nd, p, length, (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p))) {
			/* tcpdump passes the whole header's length as hdr-len here */
			if (!nd->o.eflag)
				hdr_print(nd, length + hdr_len, hdr_len, q, nlpid);
			if (nd_want_default_print(nd))
				dump_print(nd, p - hdr_len, length + hdr_len);
		}
		break;
	case 0xcf:
		nd_ppp_print(nd, p, length);
		break;
	default:
		if (!nd->o.eflag)
			hdr_print(nd, length + hdr_len, q->addr_len, q, nlpid);
		if (!nd->o.xflag)
			dump_print(nd, p, length);
		break;
	}
}

/* After the address and a UI byte: the optional pad, the NLPID and what follows. */
static unsigned ui_print(struct nd *nd, const uint8_t *p, unsigned length, const struct q922 *q)
{
	unsigned a = q->addr_len, hdr_len, nlpid;

	if (!ND_TTEST_LEN(nd, p + a + 1, 1) || length < a + 2)
		goto trunc;
	/* a pad byte belongs only after a 3-byte address */
	if (GET_U_1(p + a + 1) == 0) {
		if (a != 3)
			nd_puts(nd, "Pad! ");
		hdr_len = a + 3;
	} else {
		if (a == 3)
			nd_puts(nd, "No pad! ");
		hdr_len = a + 2;
	}
	if (!ND_TTEST_LEN(nd, p + hdr_len - 1, 1) || length < hdr_len)
		goto trunc;
	nlpid = GET_U_1(p + hdr_len - 1);
	if (nd->o.eflag)
		hdr_print(nd, length, a, q, nlpid);
	nlpid_print(nd, p + hdr_len, length - hdr_len, hdr_len, q, nlpid);
	return hdr_len;
trunc:
	nd_print_trunc(nd);
	return 0;
}

/* Returns the header length, 0 when the frame is cut short or its address is invalid. */
unsigned nd_fr_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	struct q922 q;
	unsigned hdr_len;
	int ret;

	nd->protocol = "fr";
	ret = q922_parse(nd, p, length, &q);
	if (ret == 0) {
		nd_puts(nd, "Q.922, invalid address");
		return 0;
	}
	if (ret == -1 || !ND_TTEST_LEN(nd, p + q.addr_len, 1) || length < q.addr_len + 1) {
		nd_print_trunc(nd);
		return 0;
	}
	/* DLCI 0 carries signalling: only other DLCIs may use Cisco's form */
	if (GET_U_1(p + q.addr_len) != FR_UI && q.dlci != 0) {
		hdr_len = cisco_print(nd, p, length, &q);
		if (hdr_len)
			return hdr_len;
	}
	return ui_print(nd, p, length, &q);
}

unsigned nd_fr_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	nd->protocol = "fr";
	/* tcpdump's minimum frame header */
	if (caplen < 4) {
		nd_print_trunc(nd);
		return caplen;
	}
	return nd_fr_print(nd, p, length);
}
