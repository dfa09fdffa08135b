/*
 * libFuzzer target for the whole response reader (core/response.c,
 * headers.c, chunked.c, reader.c, conn.c): a request over the in-memory
 * transport, the input being what the server sends, read in reads whose
 * sizes come from the input too.  Up to three requests go over the
 * connection while it stays alive, so keep-alive and leftover bytes are
 * exercised.
 *
 * Layout: byte 0 holds the flags (bits 0-1: GET, HEAD, PUT with "Expect:
 * 100-continue" and wait_continue, or POST with a chunked body; bits
 * 2-4: how many schedule bytes follow; bits 5-6: the read amount; bit 7:
 * HTTP/1.0), then the schedule (each byte a read size, 0 meaning 1),
 * then the response bytes.  Beyond "no crash, no leak" it checks what
 * the API promises: a read gives at most amt bytes, a Content-Length
 * body is never longer than announced, status and version are in range.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "httpc.h"
#include "memtransport.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const size_t amts[] = { 1, 7, 512, 65536 };
static char readbuf[65536];

static void
check_response(struct httpc_response *r, size_t amt)
{
	const struct httpc_header	*h;
	const char			*v, *msg;
	size_t				 n, i, mlen;
	off_t				 len, total = 0, partial, expected;
	enum httpc_err			 e;

	if (httpc_response_status(r) < 100 || httpc_response_status(r) > 999)
		abort();
	if (httpc_response_version(r) != 10 &&
	    httpc_response_version(r) != 11)
		abort();
	httpc_response_getheaders(r, &h, &n);
	for (i = 0; i < n; i++) {
		if (h[i].name[0] == '\0')
			abort();
		if (httpc_response_getheader(r, h[i].name, NULL, &v) !=
		    HTTPC_OK || v == NULL)
			abort();
	}
	httpc_response_getheader(r, "Content-Type", "def", &v);
	httpc_response_msg(r, &msg, &mlen);
	if (mlen > HTTPC_MAXHEADERBYTES)
		abort();
	len = httpc_response_length(r);
	for (;;) {
		e = httpc_response_read(r, readbuf, amt, &n);
		if (e != HTTPC_OK)
			break;
		if (n > amt)
			abort();
		if (n == 0)
			break;
		total += (off_t)n;
		if (len >= 0 && total > len)
			abort();
	}
	httpc_response_partial(r, &partial, &expected);
	if (partial != total || (len > 0 && expected != len))
		abort();
	(void)httpc_response_isclosed(r);
	(void)httpc_response_will_close(r);
	(void)httpc_response_reason(r);
}

static enum httpc_err
send_request(struct httpc_conn *c, int mode)
{
	static const char *const methods[] = { "GET", "HEAD", "PUT", "POST" };
	enum httpc_err		 e;
	int			 proceed;

	if (httpc_conn_putrequest(c, methods[mode], "/", 0) != HTTPC_OK)
		abort();
	if (mode == 2 && (httpc_conn_putheader(c, "Content-Length", "4") !=
	    HTTPC_OK || httpc_conn_putheader(c, "Expect", "100-continue") !=
	    HTTPC_OK))
		abort();
	if (mode == 3 && httpc_conn_putheader(c, "Transfer-Encoding",
	    "chunked") != HTTPC_OK)
		abort();
	if ((e = httpc_conn_endheaders(c, NULL, 0)) != HTTPC_OK)
		return e;
	if (mode == 2) {
		if ((e = httpc_conn_wait_continue(c, 0, &proceed)) !=
		    HTTPC_OK)
			return e;
		if (proceed && (e = httpc_conn_send(c, "body", 4)) !=
		    HTTPC_OK)
			return e;
	}
	if (mode == 3 && ((e = httpc_conn_send(c, "body", 4)) != HTTPC_OK ||
	    (e = httpc_conn_endbody(c)) != HTTPC_OK))
		return e;
	return HTTPC_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct httpc_opts	 o;
	struct memt		*m;
	size_t			 sched[8], nsched, amt, i;
	int			 flags, k;

	if (size < 1)
		return 0;
	flags = data[0];
	nsched = (size_t)(flags >> 2) & 7;
	amt = amts[(flags >> 5) & 3];
	data++;
	size--;
	if (size < nsched)
		return 0;
	for (i = 0; i < nsched; i++)
		sched[i] = data[i] == 0 ? 1 : data[i];
	data += nsched;
	size -= nsched;

	httpc_opts_init(&o);
	if (flags & 0x80)
		o.http_version = 10;
	if (httpc_conn_new(&c, "fuzz.example", 0, &o) != HTTPC_OK)
		abort();
	if ((m = memt_new((const char *)data, size, 0)) == NULL)
		abort();
	m->sizes = nsched > 0 ? sched : NULL;
	m->nsizes = nsched;
	if (httpc_conn_attach(c, &m->t) != HTTPC_OK)
		abort();
	for (k = 0; k < 3; k++) {
		if (send_request(c, flags & 3) != HTTPC_OK)
			break;		/* the transport is gone */
		if (httpc_conn_getresponse(c, &r) != HTTPC_OK) {
			if (r != NULL)
				abort();
			break;
		}
		check_response(r, amt);
		httpc_response_free(r);
	}
	httpc_conn_free(c);
	return 0;
}
