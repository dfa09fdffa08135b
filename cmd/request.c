/*
 * Request headers, in the order curl sends them, so traces of both diff
 * cleanly:
 *   Host, Proxy-Authorization, Authorization, Range (and If-Range for
 *   a resuming retry), User-Agent, Accept, Accept-Encoding (with
 *   --compressed), Referer, Proxy-Connection, Cookie, the -H headers
 *   in their order
 *   (then --json's two), --proxy-header's, Content-Length or
 *   Transfer-Encoding, Content-Type.
 * The proxy's headers go only in requests to a proxy without a tunnel
 * (with a tunnel they are in CONNECT: pool.c).  As curl, --proxy-header
 * replaces no internal header but Proxy-Authorization and
 * Proxy-Connection; a -H Proxy-Authorization replaces -U's too (curl
 * sends both).
 * A -H header of the same name replaces an internal one (Host keeps its
 * place at the top, the others move to the -H position); "Name:" drops
 * it.  Credentials in -H (Authorization, Cookie) follow the same
 * origin rule as -u: see redirect.c.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "httpc.h"
#include "args.h"
#include "output.h"
#include "decode.h"
#include "userheaders.h"
#include "request.h"

/* curl's EXPECT_100_THRESHOLD and --expect100-timeout default. */
#define EXPECT_THRESHOLD	(1024 * 1024)
#define EXPECT_TIMEOUT_MS	1000
/* curl's MAX_INITIAL_POST_SIZE: a smaller body from memory goes out
 * with the head, and %{size_request} counts it. */
#define INITIAL_POST_MAX	(64 * 1024)
#define SEND_BUFSIZE		(64 * 1024)

static int		 custom_has(const struct headers *, const char *);
static int		 is_credential(const char *);
static int		 want_expect(const struct config *,
			    const struct headers *, const struct request *);
static enum httpc_err	 send_reader(struct httpc_conn *,
			    const struct request *);
static enum httpc_err	 put(struct httpc_conn *, const struct headers *,
			    const char *, const char *);
static off_t		 inline_body(const struct request *, int, int);

/*
 * curl 7.88 asks "Expect: 100-continue" for every upload (-T) and for
 * other bodies over 1 MiB or of unknown size, on HTTP/1.1, and waits a
 * second for the answer; -H 'Expect:' turns it off, and a -H Expect of
 * the user's own is waited for the same way.
 */
static int
want_expect(const struct config *cfg, const struct headers *h,
    const struct request *r)
{
	const struct header	*x;

	if ((x = headers_find(h, "Expect")) != NULL)
		return x->value != NULL &&
		    strcasecmp(x->value, "100-continue") == 0;
	if (cfg->http_version == 10)
		return 0;
	if (r->fd != -1)
		return 1;
	if (r->body_read != NULL)
		return r->readlen < 0 || r->readlen > EXPECT_THRESHOLD;
	/* In memory the size is known, even when sent chunked. */
	return r->bodylen > EXPECT_THRESHOLD;
}

/* A body made as it goes (-F), sent in pieces of SEND_BUFSIZE. */
static enum httpc_err
send_reader(struct httpc_conn *c, const struct request *r)
{
	enum httpc_err	 e;
	char		*buf;
	size_t		 n;

	if ((buf = malloc(SEND_BUFSIZE)) == NULL)
		return HTTPC_NOMEM;
	for (;;) {
		if ((e = r->body_read(r->body_arg, buf, SEND_BUFSIZE, &n)) !=
		    HTTPC_OK || n == 0)
			break;
		if ((e = httpc_conn_send(c, buf, n)) != HTTPC_OK)
			break;
	}
	free(buf);
	return e;
}

/*
 * The body bytes curl sends in one buffer with the head, and counts in
 * its request size: a body from memory, under 64 KiB, not held back for
 * a 100 Continue; chunked, with its framing and last chunk.
 */
static off_t
inline_body(const struct request *r, int chunked, int expect)
{
	char	 head[32];
	off_t	 n;

	if (!r->has_body || r->fd != -1 || r->body_read != NULL || expect ||
	    r->bodylen >= INITIAL_POST_MAX)
		return 0;
	if (!chunked)
		return (off_t)r->bodylen;
	n = 5;					/* "0\r\n\r\n" */
	if (r->bodylen > 0)
		n += snprintf(head, sizeof(head), "%zx\r\n", r->bodylen) +
		    (off_t)r->bodylen + 2;
	return n;
}

/* The user named this header in -H: ours is replaced or removed. */
static int
custom_has(const struct headers *h, const char *name)
{
	return headers_find(h, name) != NULL;
}

static int
is_credential(const char *name)
{
	return strcasecmp(name, "Authorization") == 0 ||
	    strcasecmp(name, "Cookie") == 0;
}

/* An internal header, unless the user's -H takes its place. */
static enum httpc_err
put(struct httpc_conn *c, const struct headers *h, const char *name,
    const char *value)
{
	if (value == NULL || custom_has(h, name))
		return HTTPC_OK;
	return httpc_conn_putheader(c, name, value);
}

enum httpc_err
request_send(struct httpc_conn *c, const struct config *cfg,
    const struct headers *h, const struct request *r,
    struct request_sent *sent)
{
	const struct header	*host, *te;
	char			 len[32], *range = NULL;
	const char		*ua;
	enum httpc_err		 e;
	size_t			 i;
	int			 flags = HTTPC_SKIP_ACCEPT_ENCODING;
	int			 chunked = 0, expect = 0, proceed;

	memset(sent, 0, sizeof(*sent));
	host = headers_find(h, "Host");
	if (host != NULL)
		flags |= HTTPC_SKIP_HOST;
	if ((e = httpc_conn_putrequest(c, r->method, r->target != NULL ?
	    r->target : r->url->target, flags)) != HTTPC_OK)
		goto done;
	if (host != NULL && host->value != NULL &&
	    (e = httpc_conn_putheader(c, "Host", host->value)) != HTTPC_OK)
		goto done;
	if (r->proxy_headers != NULL && !custom_has(r->proxy_headers,
	    "Proxy-Authorization") && (e = put(c, h, "Proxy-Authorization",
	    r->proxy_auth)) != HTTPC_OK)
		goto done;
	if (r->send_creds && (e = put(c, h, "Authorization", r->auth)) !=
	    HTTPC_OK)
		goto done;
	if (r->range != NULL) {
		/* A resumed download (-C, a retry): If-Range keeps it to the
		 * same document. */
		if ((e = put(c, h, "Range", r->range)) != HTTPC_OK ||
		    (e = put(c, h, "If-Range", r->if_range)) != HTTPC_OK)
			goto done;
	} else if (cfg->range != NULL) {
		if (asprintf(&range, "bytes=%s", cfg->range) == -1) {
			range = NULL;
			e = HTTPC_NOMEM;
			goto done;
		}
		if ((e = put(c, h, "Range", range)) != HTTPC_OK)
			goto done;
	}
	ua = "httpc/" HTTPC_VERSION;
	if (cfg->user_agent_set)
		ua = cfg->user_agent[0] != '\0' ? cfg->user_agent : NULL;
	if ((e = put(c, h, "User-Agent", ua)) != HTTPC_OK)
		goto done;
	if (!cfg->json && (e = put(c, h, "Accept", "*/*")) != HTTPC_OK)
		goto done;
	if (cfg->compressed && (e = put(c, h, "Accept-Encoding",
	    decode_accept_encoding())) != HTTPC_OK)
		goto done;
	if ((e = put(c, h, "Referer", r->referer)) != HTTPC_OK)
		goto done;
	if (r->proxy_headers != NULL && !custom_has(r->proxy_headers,
	    "Proxy-Connection") && (e = put(c, h, "Proxy-Connection",
	    "Keep-Alive")) != HTTPC_OK)
		goto done;
	/* Engine cookies carry their domain; cookie_value() decides. */
	if ((e = put(c, h, "Cookie", r->cookie)) != HTTPC_OK)
		goto done;
	for (i = 0; i < h->n; i++) {
		if (h->v[i].value == NULL ||
		    strcasecmp(h->v[i].name, "Host") == 0)
			continue;
		if (!r->send_creds && is_credential(h->v[i].name))
			continue;
		/* curl sends it to the origin through the tunnel; the
		 * proxy's credentials are not for the origin. */
		if (r->tunnel && strcasecmp(h->v[i].name,
		    "Proxy-Authorization") == 0) {
			msg_verbose(cfg->verbose, "Not sending the -H "
			    "Proxy-Authorization through the tunnel to the "
			    "server: use -U or --proxy-header");
			continue;
		}
		if ((e = httpc_conn_putheader(c, h->v[i].name,
		    h->v[i].value)) != HTTPC_OK)
			goto done;
	}
	if (cfg->json && r->has_body) {
		if ((e = put(c, h, "Content-Type", "application/json")) !=
		    HTTPC_OK)
			goto done;
	}
	if (cfg->json && (e = put(c, h, "Accept", "application/json")) !=
	    HTTPC_OK)
		goto done;
	for (i = 0; r->proxy_headers != NULL && i < r->proxy_headers->n;
	    i++)
		if (r->proxy_headers->v[i].value != NULL &&
		    (e = httpc_conn_putheader(c, r->proxy_headers->v[i].name,
		    r->proxy_headers->v[i].value)) != HTTPC_OK)
			goto done;
	if (r->has_body) {
		te = headers_find(h, "Transfer-Encoding");
		chunked = (r->fd != -1 && r->fdlen < 0) ||
		    (r->body_read != NULL && r->readlen < 0) || (te != NULL &&
		    te->value != NULL &&
		    strcasestr(te->value, "chunked") != NULL);
		if (!chunked) {
			snprintf(len, sizeof(len), "%lld",
			    r->body_read != NULL ? (long long)r->readlen :
			    r->fd != -1 ? (long long)r->fdlen :
			    (long long)r->bodylen);
			e = put(c, h, "Content-Length", len);
		} else
			e = put(c, h, "Transfer-Encoding", "chunked");
		if (e != HTTPC_OK)
			goto done;
		if (!cfg->json && (e = put(c, h, "Content-Type",
		    r->content_type)) != HTTPC_OK)
			goto done;
		expect = want_expect(cfg, h, r);
		if (expect && (e = put(c, h, "Expect", "100-continue")) !=
		    HTTPC_OK)
			goto done;
	}
	if (!r->has_body || (r->fd == -1 && r->body_read == NULL &&
	    !chunked && !expect)) {
		e = httpc_conn_endheaders(c, r->has_body ? r->body : NULL,
		    r->has_body ? r->bodylen : 0);
		goto done;
	}
	if ((e = httpc_conn_endheaders(c, NULL, 0)) != HTTPC_OK)
		goto done;
	if (expect) {
		/* An early final answer: getresponse() returns it. */
		if ((e = httpc_conn_wait_continue(c, EXPECT_TIMEOUT_MS,
		    &proceed)) != HTTPC_OK || !proceed)
			goto done;
	}
	sent->body_started = 1;
	if (r->body_read != NULL)
		e = send_reader(c, r);
	else if (r->fd != -1)
		e = httpc_conn_send_fd(c, r->fd, r->fdlen);
	else if (r->bodylen > 0)
		e = httpc_conn_send(c, r->body, r->bodylen);
	if (e == HTTPC_OK && chunked)
		e = httpc_conn_endbody(c);
done:
	if (e == HTTPC_OK)
		sent->inline_body = inline_body(r, chunked, expect);
	free(range);
	return e;
}
