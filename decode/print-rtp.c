/* print-rtp.c: the audio/video printers tcpdump applies with -T vat, rtp and rtcp (RFC 3550 and its drafts) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

void nd_vat_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned ts;
	uint32_t i0, i1;

	nd->protocol = "vat";
	if (length < 2) {
		nd_printf(nd, "udp/va/vat, length %u < 2", length);
		return;
	}
	ts = GET_BE_U_2(bp);
	if ((ts & 0xf060) != 0) {	/* probably vt */
		nd_printf(nd, "udp/vt %u %u / %u", length, ts & 0x3ff, ts >> 10);
		return;
	}
	if (length < 8) {
		nd_printf(nd, "udp/vat, length %u < 8", length);
		return;
	}
	i0 = GET_BE_U_4(bp);
	i1 = GET_BE_U_4(bp + 4);
	nd_printf(nd, "udp/vat %u c%u %u%s", length - 8, i0 & 0xffff, i1,
		  (i0 & 0x800000) ? "*" : "");
	if (i0 & 0x1f0000)
		nd_printf(nd, " f%u", (i0 >> 16) & 0x1f);
	if (i0 & 0x3f000000)
		nd_printf(nd, " s%u", (i0 >> 24) & 0x3f);
}

/*
 * -v: the time stamp, then past the v1 options and the v2 extension to an
 * H.261 header. p and words count 32-bit words from the header's start.
 */
static void rtp_detail(struct nd *nd, const uint8_t *bp, unsigned p, unsigned words, int hasopt,
		       int hasext, unsigned contype)
{
	nd_printf(nd, " %u", GET_BE_U_4(bp + 8));
	if (hasopt) {
		uint32_t i2;

		do {
			unsigned optlen;

			i2 = GET_BE_U_4(bp + 4 * p);
			optlen = (i2 >> 16) & 0xff;
			if (optlen == 0 || optlen > words) {
				nd_puts(nd, " !opt");
				return;
			}
			p += optlen;
			words -= optlen;
		} while (!(i2 & 0x80000000u));
	}
	if (hasext) {
		unsigned extlen = (GET_BE_U_4(bp + 4 * p) & 0xffff) + 1;

		if (extlen > words) {
			nd_puts(nd, " !ext");
			return;
		}
		p += extlen;
	}
	if (contype == 0x1f)	/* H.261 */
		nd_printf(nd, " 0x%04x", GET_BE_U_4(bp + 4 * p) >> 16);
}

void nd_rtp_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned dlen, words, p = 2, contype, hasopt = 0, hasext = 0, hasmarker;
	uint32_t i0, i1;
	const char *ptype;

	nd->protocol = "rtp";
	if (len < 8) {
		nd_printf(nd, "udp/rtp, length %u < 8", len);
		return;
	}
	i0 = GET_BE_U_4(bp);
	i1 = GET_BE_U_4(bp + 4);
	dlen = len - 8;
	words = (len >> 2) - 2;
	if ((i0 >> 30) == 1) {	/* draft-ietf-avt-rtp-04 */
		hasopt = i0 & 0x800000;
		contype = (i0 >> 16) & 0x3f;
		hasmarker = i0 & 0x400000;
		ptype = "rtpv1";
	} else {
		if (dlen < 4) {
			nd_printf(nd, "udp/rtp, length %u < 12", dlen + 8);
			return;
		}
		hasext = i0 & 0x10000000;
		contype = (i0 >> 16) & 0x7f;
		hasmarker = i0 & 0x800000;
		dlen -= 4;
		ptype = "rtp";
		p++;
		words--;
	}
	nd_printf(nd, "udp/%s %u c%u %s%s %u %u", ptype, dlen, contype,
		  (hasopt || hasext) ? "+" : "", hasmarker ? "*" : "", i0 & 0xffff, i1);
	if (nd->o.vflag)
		rtp_detail(nd, bp, p, words, hasopt != 0, hasext != 0, contype);
}

/*
 * Report blocks: -1 if the capture ends first. tcpdump 4.99.3 never moves
 * on from the first block: it prints that one cnt times, and so do we.
 */
static int rtcp_blocks(struct nd *nd, const uint8_t *rr, unsigned cnt)
{
	if (cnt > 1)
		nd_printf(nd, " c%u", cnt);
	for (; cnt != 0; cnt--) {
		double ts, dts;

		if (ND_BYTES_AVAILABLE_AFTER(nd, rr) < 24)
			return -1;
		if (nd->o.vflag)
			nd_printf(nd, " %u", GET_BE_U_4(rr));
		ts = GET_BE_U_4(rr + 16) / 65536.;
		dts = GET_BE_U_4(rr + 20) / 65536.;
		nd_printf(nd, " %ul %us %uj @%.2f+%.2f", GET_BE_U_4(rr + 4) & 0x00ffffff,
			  GET_BE_U_4(rr + 8), GET_BE_U_4(rr + 12), ts, dts);
	}
	return 0;
}

/* One RTCP packet; its length, or 0 if the capture ended inside it. */
static unsigned rtcp_one(struct nd *nd, const uint8_t *hdr)
{
	unsigned len, flags, cnt;

	if (ND_BYTES_AVAILABLE_AFTER(nd, hdr) < 8)
		return 0;
	len = (GET_BE_U_2(hdr + 2) + 1) * 4;
	flags = GET_BE_U_2(hdr);
	cnt = (flags >> 8) & 0x1f;
	switch (flags & 0xff) {
	case 200:
		nd_puts(nd, " sr");
		if (len != cnt * 24 + 20 + 8)
			nd_printf(nd, " [%u]", len);
		if (nd->o.vflag)
			nd_printf(nd, " %u", GET_BE_U_4(hdr + 4));
		if (ND_BYTES_AVAILABLE_AFTER(nd, hdr + 8) < 20)
			return 0;
		nd_printf(nd, " @%.2f %u %up %ub",
			  GET_BE_U_4(hdr + 8) + GET_BE_U_4(hdr + 12) / 4294967296.0,
			  GET_BE_U_4(hdr + 16), GET_BE_U_4(hdr + 20), GET_BE_U_4(hdr + 24));
		return rtcp_blocks(nd, hdr + 28, cnt) < 0 ? 0 : len;
	case 201:
		nd_puts(nd, " rr");
		if (len != cnt * 24 + 8)
			nd_printf(nd, " [%u]", len);
		if (nd->o.vflag)
			nd_printf(nd, " %u", GET_BE_U_4(hdr + 4));
		return rtcp_blocks(nd, hdr + 8, cnt) < 0 ? 0 : len;
	case 202:
	case 203:
		nd_printf(nd, (flags & 0xff) == 202 ? " sdes %u" : " bye %u", len);
		if (nd->o.vflag)
			nd_printf(nd, " %u", GET_BE_U_4(hdr + 4));
		return len;
	default:
		nd_printf(nd, " type-0x%x %u", flags & 0xff, len);
		return len;
	}
}

/* Every RTCP packet of the datagram, up to the end of the capture as tcpdump reads them. */
void nd_rtcp_print(struct nd *nd, const uint8_t *bp)
{
	nd->protocol = "rtcp";
	while (bp < nd->snapend) {
		unsigned len = rtcp_one(nd, bp);

		if (len == 0) {
			nd_print_trunc(nd);
			return;
		}
		if (len >= ND_BYTES_AVAILABLE_AFTER(nd, bp))
			return;
		bp += len;
	}
}
