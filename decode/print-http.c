/* print-http.c: the first line of HTTP requests and responses (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_http_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	nd->protocol = "http";
}
