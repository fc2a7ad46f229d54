/* print-bfd.c: BFD (RFC 5880, 5881, 5883, 7130) control and echo packets, with authentication */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define BFD_HDRLEN 24
#define BFD_FLAG_AUTH 0x04
#define BFD_CONTROL_PORT 3784
#define BFD_ECHO_PORT 3785
#define BFD_MULTIHOP_PORT 4784
#define BFD_LAG_PORT 6784

static const struct nd_tok bfd_auth_types[] = {
	{ 1, "Simple Password" }, { 2, "Keyed MD5" }, { 3, "Meticulous Keyed MD5" },
	{ 4, "Keyed SHA1" }, { 5, "Meticulous Keyed SHA1" }, { 0, NULL },
};

static const struct nd_tok bfd_diags[] = {
	{ 0, "No Diagnostic" }, { 1, "Control Detection Time Expired" },
	{ 2, "Echo Function Failed" }, { 3, "Neighbor Signaled Session Down" },
	{ 4, "Forwarding Plane Reset" }, { 5, "Path Down" }, { 6, "Concatenated Path Down" },
	{ 7, "Administratively Down" }, { 8, "Reverse Concatenated Path Down" }, { 0, NULL },
};

static const struct nd_tok bfd_ports[] = {
	{ BFD_CONTROL_PORT, "Control" }, { BFD_MULTIHOP_PORT, "Multihop" },
	{ BFD_LAG_PORT, "Lag" }, { 0, NULL },
};

static const struct nd_tok bfd_v0_flags[] = {
	{ 0x80, "I Hear You" }, { 0x40, "Demand" }, { 0x20, "Poll" }, { 0x10, "Final" },
	{ 0x08, "Control Plane Independent" }, { BFD_FLAG_AUTH, "Authentication Present" },
	{ 0x02, "Reserved" }, { 0x01, "Reserved" }, { 0, NULL },
};

static const struct nd_tok bfd_v1_flags[] = {
	{ 0x20, "Poll" }, { 0x10, "Final" }, { 0x08, "Control Plane Independent" },
	{ BFD_FLAG_AUTH, "Authentication Present" }, { 0x02, "Demand" }, { 0x01, "Multipoint" },
	{ 0, NULL },
};

static const struct nd_tok bfd_v1_states[] = {
	{ 0, "AdminDown" }, { 1, "Down" }, { 2, "Init" }, { 3, "Up" }, { 0, NULL },
};

/* The sequence number and digest of the MD5 (16 bytes) and SHA1 (20 bytes) forms. */
static void auth_digest(struct nd *nd, const uint8_t *p, unsigned len, unsigned want,
			const char *what)
{
	if (len != want) {
		nd_printf(nd, "[invalid length %u]", len);
		return;
	}
	nd_printf(nd, ", Sequence Number: 0x%08x", GET_BE_U_4(p + 4));
	ND_TCHECK_LEN(nd, p + 8, want - 8);
	nd_puts(nd, what);
	for (unsigned i = 8; i < want; i++)
		nd_putx(nd, GET_U_1(p + i), 2);
}

static void auth_print(struct nd *nd, const uint8_t *p)
{
	unsigned type, len;
	char buf[16];

	ND_TCHECK_LEN(nd, p, 4);
	type = GET_U_1(p);
	len = GET_U_1(p + 1);
	nd_printf(nd, "\n\tAuthentication: %s (%u), length: %u",
		  nd_tok2str(bfd_auth_types, "Unknown", type, buf, sizeof(buf)), type, len);
	nd_printf(nd, "\n\t  Auth Key ID: %u", GET_U_1(p + 2));
	switch (type) {
	case 1:
		if (len < 4 || len > 19) {
			nd_printf(nd, "[invalid length %u]", len);
			break;
		}
		nd_puts(nd, ", Password: ");
		for (unsigned i = 3; i < len; i++)
			nd_print_char(nd, GET_U_1(p + i));
		break;
	case 2:
	case 3:
		auth_digest(nd, p, len, 24, "\n\t  Digest: ");
		break;
	case 4:
	case 5:
		auth_digest(nd, p, len, 28, "\n\t  Hash: ");
		break;
	}
}

/* -v: the fields after the first line, the same in versions 0 and 1. */
static void control_detail(struct nd *nd, const uint8_t *bp, unsigned flags)
{
	unsigned mult = GET_U_1(bp + 2), tx = GET_BE_U_4(bp + 12);

	nd_printf(nd, "\n\tDetection Timer Multiplier: %u (%u ms Detection time), BFD Length: %u",
		  mult, (uint32_t)(mult * tx) / 1000, GET_U_1(bp + 3));
	nd_printf(nd, "\n\tMy Discriminator: 0x%08x", GET_BE_U_4(bp + 4));
	nd_printf(nd, ", Your Discriminator: 0x%08x", GET_BE_U_4(bp + 8));
	nd_printf(nd, "\n\t  Desired min Tx Interval:    %4u ms", tx / 1000);
	nd_printf(nd, "\n\t  Required min Rx Interval:   %4u ms", GET_BE_U_4(bp + 16) / 1000);
	nd_printf(nd, "\n\t  Required min Echo Interval: %4u ms", GET_BE_U_4(bp + 20) / 1000);
	if (flags & BFD_FLAG_AUTH)
		auth_print(nd, bp + BFD_HDRLEN);
}

static void control_print(struct nd *nd, const uint8_t *bp, unsigned length, unsigned port)
{
	unsigned vd, version, diag, flags;
	char fbuf[160], pbuf[24], sbuf[24], dbuf[16];
	const char *fl, *diagname;

	ND_TCHECK_LEN(nd, bp, BFD_HDRLEN);
	vd = GET_U_1(bp);
	version = vd >> 5;
	diag = vd & 0x1f;
	flags = GET_U_1(bp + 1);
	diagname = nd_tok2str(bfd_diags, "unknown", diag, dbuf, sizeof(dbuf));
	if (version == 0) {
		fl = nd_bittok2str(bfd_v0_flags, "none", flags, ", ", fbuf, sizeof(fbuf));
		if (nd->o.vflag < 1) {
			nd_printf(nd, "BFDv0, Control, Flags: [%s], length: %u", fl, length);
			return;
		}
		nd_printf(nd, "BFDv0, length: %u\n\tControl, Flags: [%s], Diagnostic: %s (0x%02x)",
			  length, fl, diagname, diag);
	} else if (version == 1) {
		const char *pn = nd_tok2str(bfd_ports, "unknown (%u)", port, pbuf, sizeof(pbuf));
		const char *st = nd_tok2str(bfd_v1_states, "unknown (%u)", flags >> 6, sbuf,
					    sizeof(sbuf));

		fl = nd_bittok2str(bfd_v1_flags, "none", flags & 0x3f, ", ", fbuf, sizeof(fbuf));
		if (nd->o.vflag < 1) {
			nd_printf(nd, "BFDv1, %s, State %s, Flags: [%s], length: %u", pn, st, fl,
				  length);
			return;
		}
		nd_printf(nd, "BFDv1, length: %u\n\t%s, State %s, Flags: [%s], Diagnostic: %s (0x%02x)",
			  length, pn, st, fl, diagname, diag);
	} else {
		nd_printf(nd, "BFDv%u, Control, length: %u", version, length);
		if (nd->o.vflag >= 1)
			nd_print_unknown_data(nd, bp, "\n\t", length);
		return;
	}
	control_detail(nd, bp, flags);
}

void nd_bfd_print(struct nd *nd, const uint8_t *bp, unsigned length, unsigned port)
{
	nd->protocol = "bfd";
	if (port == BFD_CONTROL_PORT || port == BFD_MULTIHOP_PORT || port == BFD_LAG_PORT) {
		control_print(nd, bp, length, port);
		return;
	}
	if (port == BFD_ECHO_PORT)
		nd_printf(nd, "BFD, Echo, length: %u", length);
	else
		nd_printf(nd, "BFD, unknown (%u), length: %u", port, length);
	if (nd->o.vflag >= 1)
		nd_print_unknown_data(nd, bp, "\n\t", length);
}
