/*
 * Forward proxies.  Without a tunnel the proxy gets the caller's
 * absolute-form requests and nothing here is needed but its address.
 * With one, every connect first asks the proxy for a tunnel to the
 * origin (CONNECT host:port), and the connection then speaks to the
 * origin, TLS included, through the bytes the proxy relays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "conn.h"
#include "debug.h"
#include "headers.h"
#include "proxy.h"
#include "transport.h"
#include "reader.h"
#include "response.h"

#define CONNECT_MAX	(64 * 1024)	/* the CONNECT request head */
#define DISCARD_MAX	(1024 * 1024)	/* body of a refusal, read to drop */

static void		 discard_body(struct httpc_conn *,
			    struct httpc_response *);

static void
free_headers(struct hc_proxy *p)
{
	size_t	 i;

	/* Proxy-Authorization among them: wipe, not just free. */
	for (i = 0; i < p->nheaders; i++)
		freezero(p->headers[i], strlen(p->headers[i]));
	free(p->headers);
	p->headers = NULL;
	p->nheaders = 0;
}

void
hc_proxy_clear(struct hc_proxy *p)
{
	free(p->host);
	p->host = NULL;
	p->port = 0;
	p->tunnel = 0;
	free_headers(p);
}

void
hc_proxy_free(struct hc_proxy *p)
{
	hc_proxy_clear(p);
	httpc_response_free(p->reply);
	p->reply = NULL;
}

enum httpc_err
hc_proxy_set(struct hc_proxy *p, const char *host, int port)
{
	char	*h;

	if ((h = strdup(host)) == NULL)
		return HTTPC_NOMEM;
	/* Another proxy: a tunnel asked for stays asked for. */
	free(p->host);
	p->host = h;
	p->port = port;
	return HTTPC_OK;
}

enum httpc_err
hc_proxy_set_tunnel(struct hc_proxy *p, struct httpc_conn *c,
    const char *const *headers, size_t n)
{
	const char	*colon, *v;
	char		**list;
	size_t		 i, namelen;

	if (n > HTTPC_MAXHEADERS)
		return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
		    "too many headers for CONNECT");
	/* All checked before anything changes. */
	for (i = 0; i < n; i++) {
		if ((colon = strchr(headers[i], ':')) == NULL)
			return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
			    "header without a colon: '%s'", headers[i]);
		namelen = (size_t)(colon - headers[i]);
		v = colon + 1 + strspn(colon + 1, " \t");
		if (!hc_is_token(headers[i], namelen) ||
		    !hc_is_field_value(v, strlen(v)))
			return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
			    "invalid character in CONNECT header %.*s",
			    (int)namelen, headers[i]);
	}
	if ((list = calloc(n + 1, sizeof(*list))) == NULL)
		return HTTPC_NOMEM;
	for (i = 0; i < n; i++) {
		colon = strchr(headers[i], ':');
		v = colon + 1 + strspn(colon + 1, " \t");
		if (asprintf(&list[i], "%.*s: %s",
		    (int)(colon - headers[i]), headers[i], v) == -1) {
			while (i-- > 0)
				freezero(list[i], strlen(list[i]));
			free(list);
			return HTTPC_NOMEM;
		}
	}
	free_headers(p);
	p->headers = list;
	p->nheaders = n;
	p->tunnel = 1;
	return HTTPC_OK;
}

/* "> " lines of the request head, as for any request. */
/*
 * A refusal's body (a 407 page) is read to its end when it is small, as
 * curl does: the reply is then whole for the caller.  Errors do not
 * matter, the connection goes anyway.
 */
static void
discard_body(struct httpc_conn *c, struct httpc_response *r)
{
	char	 buf[16384];
	size_t	 n, total = 0;

	while (total < DISCARD_MAX && httpc_response_read(r, buf,
	    sizeof(buf), &n) == HTTPC_OK && n > 0)
		total += n;
	if (total > 0)
		hc_debugf(c, "Ignore %zu bytes of response-body", total);
}

enum httpc_err
hc_proxy_tunnel(struct hc_proxy *p, struct httpc_conn *c,
    const char *authority, struct httpc_transport *t,
    struct hc_reader **rdp)
{
	struct hc_request_info	 req;
	struct hc_reader	*rd = NULL;
	struct httpc_response	*r = NULL;
	struct hc_buf		 b;
	char			 why[512];
	size_t			 i, len;
	int			 status, own_host = 0;
	enum httpc_err		 e;

	*rdp = NULL;
	httpc_response_free(p->reply);
	p->reply = NULL;
	hc_buf_init(&b, CONNECT_MAX + 1);
	if ((e = hc_reader_new(&rd, t)) != HTTPC_OK)
		return e;
	/* The size first: one allocation, so that no realloc leaves a
	 * copy of the credentials behind. */
	len = 2 * strlen(authority) + 32;
	for (i = 0; i < p->nheaders; i++) {
		if (strncasecmp(p->headers[i], "Host:", 5) == 0)
			own_host = 1;
		len += strlen(p->headers[i]) + 2;
	}
	if (len > CONNECT_MAX) {
		e = hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
		    "CONNECT request head larger than %d bytes", CONNECT_MAX);
		goto fail;
	}
	if ((e = hc_buf_reserve(&b, len)) != HTTPC_OK ||
	    (e = hc_buf_printf(&b, "CONNECT %s HTTP/1.1\r\n", authority)) !=
	    HTTPC_OK || (!own_host && (e = hc_buf_printf(&b, "Host: %s\r\n",
	    authority)) != HTTPC_OK))
		goto fail;
	for (i = 0; i < p->nheaders; i++)
		if ((e = hc_buf_printf(&b, "%s\r\n", p->headers[i])) !=
		    HTTPC_OK)
			goto fail;
	if ((e = hc_buf_add(&b, "\r\n", 2)) != HTTPC_OK)
		goto fail;
	hc_debugf(c, "Establish HTTP proxy tunnel to %s", authority);
	hc_debug_lines(c, HTTPC_DEBUG_HEADER_OUT, b.data, b.len);
	e = hc_write_all(rd->t, b.data, b.len);
	/* The proxy's credentials leave no copy behind. */
	explicit_bzero(b.data, b.len);
	hc_buf_free(&b);
	if (e != HTTPC_OK) {
		if (*httpc_conn_errmsg(c) == '\0')
			hc_conn_seterr(c, e, "send failure to the proxy");
		goto fail;
	}
	memset(&req, 0, sizeof(req));
	req.connect = 1;
	if ((e = hc_response_begin(c, rd, &req, &r)) != HTTPC_OK) {
		strlcpy(why, httpc_conn_errmsg(c), sizeof(why));
		hc_conn_seterr(c, e, "reply to CONNECT from the proxy: %s",
		    why[0] != '\0' ? why : httpc_strerror(e));
		goto fail;
	}
	status = httpc_response_status(r);
	if (status / 100 != 2) {
		discard_body(c, r);
		hc_debugf(c, "CONNECT tunnel failed, response %d", status);
		e = hc_conn_seterr(c, HTTPC_PROXY_CONNECT,
		    "CONNECT tunnel failed, response %d", status);
		goto fail;
	}
	hc_debugf(c, "CONNECT tunnel established, response %d", status);
	hc_response_detach(r);
	p->reply = r;
	*rdp = rd;
	return HTTPC_OK;
fail:
	if (r != NULL) {
		hc_response_detach(r);
		p->reply = r;
	}
	if (b.data != NULL)
		explicit_bzero(b.data, b.len);
	hc_buf_free(&b);
	hc_reader_free(rd);
	return e;
}
