/* print-ptp.c: PTP v2 (IEEE 1588) over UDP 319/320 and Ethernet 0x88f7 */
#include "config.h"

#include "print-app.h"

void nd_ptp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	(void)bp;
	nd_printf(nd, "UDP, length %u", length);
}
