/*
 * Proxies: set_proxy's absolute-form requests and set_tunnel's CONNECT,
 * over the in-memory transport (a dialer hands one out per connect), and
 * once end to end through a proxy on the loopback.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "conn.h"
#include "httpc.h"
#include "memtransport.h"

/* The transports a dialer hands out, one per connect, and their logs. */
struct dialer {
	const char	*in[4];
	size_t		 split;
	const size_t	*sizes;
	size_t		 nsizes;
	int		 n;		/* connects so far */
	struct memt	*last;
	struct memt_log	 log[4];
};

static enum httpc_err
dial(void *arg, struct httpc_conn *c, struct httpc_transport **tp)
{
	struct dialer	*d = arg;
	struct memt	*m;

	(void)c;
	if (d->n >= 4 || d->in[d->n] == NULL)
		return hc_conn_seterr(c, HTTPC_CONNECT, "no more transports");
	if ((m = memt_new(d->in[d->n], strlen(d->in[d->n]), d->split)) ==
	    NULL)
		return HTTPC_NOMEM;
	m->sizes = d->sizes;
	m->nsizes = d->nsizes;
	m->log = &d->log[d->n];
	d->last = m;
	d->n++;
	*tp = &m->t;
	return HTTPC_OK;
}

static void
dialer_free(struct dialer *d)
{
	int	 i;

	for (i = 0; i < 4; i++)
		memt_log_free(&d->log[i]);
}

/* A connection to example.org through proxy.example:3128. */
static struct httpc_conn *
proxied(const char *host, struct dialer *d, int tunnel,
    const char *const *hdrs, size_t nhdrs)
{
	struct httpc_conn	*c;

	if (httpc_conn_new(&c, host, 0, NULL) != HTTPC_OK)
		return NULL;
	hc_conn_set_dialer(c, dial, d);
	if (httpc_conn_set_proxy(c, "proxy.example", 3128) != HTTPC_OK ||
	    (tunnel && httpc_conn_set_tunnel(c, hdrs, nhdrs) != HTTPC_OK)) {
		httpc_conn_free(c);
		return NULL;
	}
	return c;
}

static int
starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
body_is(struct httpc_response *r, const char *want)
{
	char	*body;
	size_t	 n;
	int	 ok;

	if (httpc_response_read_all(r, 1 << 20, &body, &n) != HTTPC_OK)
		return 0;
	ok = n == strlen(want) && strcmp(body, want) == 0;
	free(body);
	return ok;
}

/* GET path on c; 1 if it answered 200 with body want. */
static int
get_ok(struct httpc_conn *c, const char *path, const char *want)
{
	struct httpc_response	*r;
	int			 ok;

	if (httpc_conn_request(c, "GET", path, NULL, 0, NULL, 0) != HTTPC_OK ||
	    httpc_conn_getresponse(c, &r) != HTTPC_OK)
		return 0;
	ok = httpc_response_status(r) == 200 && body_is(r, want);
	httpc_response_free(r);
	return ok;
}

/* CONNECT's bytes exactly, then a request through the tunnel. */
static void
test_tunnel(void)
{
	static const char *const hdrs[] = { "Proxy-Authorization: Basic "
	    "dTpw", "User-Agent:   t/1" };
	static const char want[] = "CONNECT example.org:80 HTTP/1.1\r\n"
	    "Host: example.org:80\r\nProxy-Authorization: Basic dTpw\r\n"
	    "User-Agent: t/1\r\n\r\n"
	    "GET /x HTTP/1.1\r\nHost: example.org\r\n"
	    "Accept-Encoding: identity\r\n\r\n";
	/* The origin's reply comes in the same read as the proxy's. */
	static const char in[] = "HTTP/1.1 200 Connection established\r\n"
	    "Via: 1.1 p\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	static const size_t splits[] = { 0, 1, 7 };
	struct dialer		 d;
	struct httpc_conn	*c;
	const struct httpc_response *pr;
	const struct httpc_header *h;
	size_t			 i, n;

	for (i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		memset(&d, 0, sizeof(d));
		d.in[0] = in;
		d.split = splits[i];
		c = proxied("example.org", &d, 1, hdrs, 2);
		CHECK(c != NULL);
		CHECK(httpc_conn_proxy_response(c, &pr) ==
		    HTTPC_RESPONSE_NOT_READY && pr == NULL);
		CHECK(get_ok(c, "/x", "hi"));
		CHECK(d.n == 1);
		CHECK(d.log[0].out != NULL && strcmp(d.log[0].out, want) == 0);
		/* http.client's get_proxy_response_headers. */
		CHECK(httpc_conn_proxy_response(c, &pr) == HTTPC_OK);
		CHECK(pr != NULL && httpc_response_status(pr) == 200);
		CHECK(pr != NULL && strcmp(httpc_response_reason(pr),
		    "Connection established") == 0);
		httpc_response_getheaders(pr, &h, &n);
		CHECK(n == 1 && strcmp(h[0].name, "Via") == 0 &&
		    strcmp(h[0].value, "1.1 p") == 0);
		httpc_conn_free(c);
		CHECK(d.log[0].closed);
		dialer_free(&d);
	}
}

/*
 * A 2xx to CONNECT has no body whatever its fields say (RFC 9110
 * section 9.3.6); 1xx before it are skipped; HTTP/1.0 proxies are fine.
 */
static void
test_tunnel_framing(void)
{
	static const char *const in[] = {
	    "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
	    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
	    "HTTP/1.0 204 Tunnel\r\nConnection: close\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
	};
	struct dialer		 d;
	struct httpc_conn	*c;
	size_t			 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		memset(&d, 0, sizeof(d));
		d.in[0] = in[i];
		c = proxied("example.org", &d, 1, NULL, 0);
		CHECK(get_ok(c, "/", "hi"));
		httpc_conn_free(c);
		dialer_free(&d);
	}
}

/* Refusals: HTTPC_PROXY_CONNECT, curl's words, the reply kept. */
static void
test_refused(void)
{
	static const char in407[] = "HTTP/1.1 407 Proxy Authentication "
	    "Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n"
	    "Content-Length: 5\r\n\r\nnope!";
	static const char in403[] = "HTTP/1.1 403 Forbidden\r\n"
	    "Content-Type: text/html\r\n\r\n<html>no</html>";
	struct dialer		 d;
	struct httpc_conn	*c;
	const struct httpc_response *pr;
	const char		*v;
	char			*big;
	size_t			 len;
	int			 hlen;

	memset(&d, 0, sizeof(d));
	d.in[0] = in407;
	c = proxied("example.org", &d, 1, NULL, 0);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_PROXY_CONNECT);
	CHECK(strcmp(httpc_conn_errmsg(c), "CONNECT tunnel failed, "
	    "response 407") == 0);
	CHECK(httpc_err_exitcode(HTTPC_PROXY_CONNECT) == 56);
	/* The body was read (and dropped), the connection closed, and
	 * nothing but CONNECT went out. */
	CHECK(d.last != NULL);
	CHECK(d.log[0].closed);
	CHECK(d.log[0].out != NULL && strncmp(d.log[0].out, "CONNECT ", 8)
	    == 0 && strstr(d.log[0].out, "GET") == NULL);
	CHECK(httpc_conn_proxy_response(c, &pr) == HTTPC_OK);
	CHECK(pr != NULL && httpc_response_status(pr) == 407);
	CHECK(pr != NULL && httpc_response_isclosed(pr));
	v = NULL;
	/* getheader needs a non-const response: the list does it. */
	if (pr != NULL) {
		const struct httpc_header	*h;
		size_t				 n, i;

		httpc_response_getheaders(pr, &h, &n);
		for (i = 0; i < n; i++)
			if (strcasecmp(h[i].name, "Proxy-Authenticate") == 0)
				v = h[i].value;
	}
	CHECK(v != NULL && strcmp(v, "Basic realm=\"p\"") == 0);
	/* The next request tries again: a new connection, a new CONNECT. */
	d.in[1] = "HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n"
	    "Content-Length: 2\r\n\r\nok";
	CHECK(get_ok(c, "/", "ok"));
	CHECK(d.n == 2);
	CHECK(httpc_conn_proxy_response(c, &pr) == HTTPC_OK &&
	    httpc_response_status(pr) == 200);
	httpc_conn_free(c);
	dialer_free(&d);

	/* A body until close. */
	memset(&d, 0, sizeof(d));
	d.in[0] = in403;
	c = proxied("example.org", &d, 1, NULL, 0);
	CHECK(httpc_conn_connect(c) == HTTPC_PROXY_CONNECT);
	CHECK(strcmp(httpc_conn_errmsg(c), "CONNECT tunnel failed, "
	    "response 403") == 0);
	httpc_conn_free(c);
	dialer_free(&d);

	/* A body too large to drain is left after 1 MiB. */
	len = 3 * 1024 * 1024;
	big = malloc(len + 128);
	CHECK(big != NULL);
	if (big == NULL)
		return;
	hlen = snprintf(big, 128, "HTTP/1.1 407 No\r\nContent-Length: %zu"
	    "\r\n\r\n", len);
	memset(big + hlen, 'x', len);
	big[hlen + len] = '\0';
	memset(&d, 0, sizeof(d));
	d.in[0] = big;
	c = proxied("example.org", &d, 1, NULL, 0);
	CHECK(httpc_conn_connect(c) == HTTPC_PROXY_CONNECT);
	CHECK(d.log[0].closed);
	httpc_conn_free(c);
	dialer_free(&d);
	free(big);
}

/* A broken reply is told as the proxy's, with the parser's error. */
static void
test_bad_reply(void)
{
	static const struct {
		const char	*in;
		enum httpc_err	 e;
	} cases[] = {
		{ "", HTTPC_REMOTE_DISCONNECTED },
		{ "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n", HTTPC_BAD_HEADER },
		{ "SSH-2.0-OpenSSH\r\n", HTTPC_BAD_STATUS_LINE },
		{ "HTTP/1.1 200 OK\r\nX: y\r\n", HTTPC_BAD_HEADER },
		{ "HTTP/2 200\r\n\r\n", HTTPC_UNKNOWN_PROTOCOL },
	};
	struct dialer		 d;
	struct httpc_conn	*c;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&d, 0, sizeof(d));
		d.in[0] = cases[i].in;
		c = proxied("example.org", &d, 1, NULL, 0);
		if (httpc_conn_connect(c) != cases[i].e ||
		    !starts(httpc_conn_errmsg(c), "reply to CONNECT from the "
		    "proxy: ") || !d.log[0].closed) {
			printf("# case %zu: %s\n", i, httpc_conn_errmsg(c));
			bad++;
		}
		httpc_conn_free(c);
		dialer_free(&d);
	}
	CHECK(bad == 0);
}

/* The tunnel goes to --connect-to's host when there is one; IPv6 is
 * bracketed, its zone left out. */
static void
test_authority(void)
{
	static const char in[] = "HTTP/1.1 200 OK\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	struct dialer		 d;
	struct httpc_conn	*c;
	struct httpc_opts	 o;

	memset(&d, 0, sizeof(d));
	d.in[0] = in;
	c = proxied("[fe80::1%eth0]:8443", &d, 1, NULL, 0);
	CHECK(get_ok(c, "/", "hi"));
	CHECK(starts(d.log[0].out, "CONNECT [fe80::1]:8443 HTTP/1.1\r\n"
	    "Host: [fe80::1]:8443\r\n\r\nGET / HTTP/1.1\r\n"));
	httpc_conn_free(c);
	dialer_free(&d);

	memset(&d, 0, sizeof(d));
	d.in[0] = in;
	httpc_opts_init(&o);
	o.connect_to_host = "backend.example";
	o.connect_to_port = 81;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	hc_conn_set_dialer(c, dial, &d);
	CHECK(httpc_conn_set_proxy(c, "[::1]:3128", 0) == HTTPC_OK);
	CHECK(httpc_conn_set_tunnel(c, NULL, 0) == HTTPC_OK);
	CHECK(get_ok(c, "/", "hi"));
	/* CONNECT to the other host; Host: of the request is unchanged. */
	CHECK(d.log[0].out != NULL && strcmp(d.log[0].out,
	    "CONNECT backend.example:81 HTTP/1.1\r\nHost: backend.example:81"
	    "\r\n\r\nGET / HTTP/1.1\r\nHost: example.org\r\n"
	    "Accept-Encoding: identity\r\n\r\n") == 0);
	httpc_conn_free(c);
	dialer_free(&d);
}

/* Every new connection asks for its own tunnel. */
static void
test_reconnect(void)
{
	static const char in[] = "HTTP/1.1 200 OK\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n"
	    "\r\nhi";
	static const char *const hdrs[] = { "Proxy-Authorization: Basic x" };
	struct dialer		 d;
	struct httpc_conn	*c;

	memset(&d, 0, sizeof(d));
	d.in[0] = d.in[1] = in;
	c = proxied("example.org", &d, 1, hdrs, 1);
	CHECK(get_ok(c, "/a", "hi"));
	CHECK(get_ok(c, "/b", "hi"));
	CHECK(d.n == 2);
	CHECK(starts(d.log[1].out, "CONNECT example.org:80 HTTP/1.1\r\n"
	    "Host: example.org:80\r\nProxy-Authorization: Basic x\r\n\r\n"
	    "GET /b "));
	httpc_conn_free(c);
	dialer_free(&d);
}

/*
 * Proxy-Authorization goes to the proxy only: refused through a tunnel,
 * sent on a plain proxied connection (absolute-form, no CONNECT).
 */
static void
test_credentials(void)
{
	static const char in[] = "HTTP/1.1 200 OK\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	static const char *const pa[] = { "Proxy-Authorization: Basic x" };
	struct dialer		 d;
	struct httpc_conn	*c;
	struct httpc_response	*r;
	const struct httpc_response *pr;

	memset(&d, 0, sizeof(d));
	d.in[0] = in;
	c = proxied("example.org", &d, 1, NULL, 0);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "proxy-authorization", "Basic x") ==
	    HTTPC_INVALID_REQUEST);
	CHECK(strstr(httpc_conn_errmsg(c), "never through the tunnel") !=
	    NULL);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "hi"));
	httpc_response_free(r);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, pa, 1) ==
	    HTTPC_INVALID_REQUEST);
	CHECK(d.log[0].out != NULL && strstr(d.log[0].out, "Basic") == NULL);
	httpc_conn_free(c);
	dialer_free(&d);

	/* Plain proxy: the caller's absolute URL, its credentials, the
	 * origin's Host. */
	memset(&d, 0, sizeof(d));
	d.in[0] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	c = proxied("example.org:8080", &d, 0, NULL, 0);
	CHECK(httpc_conn_request(c, "GET", "http://example.org:8080/p?q",
	    NULL, 0, pa, 1) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "hi"));
	httpc_response_free(r);
	CHECK(d.log[0].out != NULL && strcmp(d.log[0].out,
	    "GET http://example.org:8080/p?q HTTP/1.1\r\n"
	    "Host: example.org:8080\r\nAccept-Encoding: identity\r\n"
	    "Proxy-Authorization: Basic x\r\n\r\n") == 0);
	CHECK(httpc_conn_proxy_response(c, &pr) == HTTPC_RESPONSE_NOT_READY);
	httpc_conn_free(c);
	dialer_free(&d);
}

/*
 * A layer (TLS) comes after the tunnel, over the proxy's transport, for
 * the origin's name; bytes buffered past the reply would be lost to it,
 * so they are an error.
 */
static char	 layer_host[64];
static int	 layer_wraps;

static enum httpc_err
pass_wrap(void *ctx, struct httpc_conn *c, struct httpc_transport *inner,
    struct httpc_transport **outer)
{
	(void)ctx;
	strlcpy(layer_host, hc_conn_host(c), sizeof(layer_host));
	layer_wraps++;
	*outer = inner;
	return HTTPC_OK;
}

static const struct hc_layer_ops pass_layer = { "pass", pass_wrap, NULL,
    NULL };

static void
test_layer(void)
{
	static const char reply[] = "HTTP/1.1 200 Connection established"
	    "\r\n\r\n";
	static const char in[] = "HTTP/1.1 200 Connection established\r\n"
	    "\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	/* The first read gives exactly the proxy's reply. */
	static const size_t sizes[] = { sizeof(reply) - 1, 1000 };
	struct dialer		 d;
	struct httpc_conn	*c;
	char			 want[64];

	memset(&d, 0, sizeof(d));
	d.in[0] = in;
	d.sizes = sizes;
	d.nsizes = 2;
	c = proxied("origin.example", &d, 1, NULL, 0);
	hc_conn_set_layer(c, &pass_layer, NULL);
	layer_wraps = 0;
	CHECK(get_ok(c, "/", "hi"));
	CHECK(layer_wraps == 1);
	CHECK(strcmp(layer_host, "origin.example") == 0);
	httpc_conn_free(c);
	dialer_free(&d);

	/* All in one read: the origin's bytes sit in the reader. */
	memset(&d, 0, sizeof(d));
	d.in[0] = in;
	c = proxied("origin.example", &d, 1, NULL, 0);
	hc_conn_set_layer(c, &pass_layer, NULL);
	layer_wraps = 0;
	CHECK(httpc_conn_connect(c) == HTTPC_PROXY_CONNECT);
	snprintf(want, sizeof(want), "sent %zu bytes after its CONNECT reply",
	    strlen(in) - strlen(reply));
	CHECK(strstr(httpc_conn_errmsg(c), want) != NULL);
	CHECK(layer_wraps == 0 && d.log[0].closed);
	httpc_conn_free(c);
	dialer_free(&d);
}

/* What -v shows: curl's lines. */
static struct hc_buf	 debug_out;

static void
sink(void *arg, enum httpc_debug_type t, const char *p, size_t n)
{
	static const char *const tag[] = { "*", ">", "<", "}", "{" };

	(void)arg;
	hc_buf_printf(&debug_out, "%s%.*s|", tag[t], (int)n, p);
}

static void
test_debug(void)
{
	static const char *const hdrs[] = { "User-Agent: t" };
	struct dialer		 d;
	struct httpc_conn	*c;

	hc_buf_init(&debug_out, SIZE_MAX);
	httpc_set_debug_sink(sink, NULL);
	memset(&d, 0, sizeof(d));
	d.in[0] = "HTTP/1.1 200 Connection established\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	d.in[1] = "HTTP/1.1 407 Proxy Authentication Required\r\n"
	    "Content-Length: 0\r\n\r\n";
	c = proxied("example.org", &d, 1, hdrs, 1);
	httpc_conn_set_debuglevel(c, 1);
	CHECK(get_ok(c, "/", "hi"));
	CHECK(debug_out.data != NULL && strstr(debug_out.data,
	    "*Establish HTTP proxy tunnel to example.org:80\n|"
	    ">CONNECT example.org:80 HTTP/1.1\r\n|"
	    ">Host: example.org:80\r\n|>User-Agent: t\r\n|>\r\n|"
	    "<HTTP/1.1 200 Connection established\r\n|<\r\n|"
	    "*CONNECT tunnel established, response 200\n|"
	    ">GET / HTTP/1.1\r\n|") != NULL);
	hc_buf_reset(&debug_out);
	httpc_conn_close(c);
	CHECK(httpc_conn_connect(c) == HTTPC_PROXY_CONNECT);
	CHECK(debug_out.data != NULL && strstr(debug_out.data,
	    "<HTTP/1.1 407 Proxy Authentication Required\r\n|"
	    "<Content-Length: 0\r\n|<\r\n|"
	    "*CONNECT tunnel failed, response 407\n|") != NULL);
	httpc_conn_free(c);
	dialer_free(&d);
	httpc_set_debug_sink(NULL, NULL);
	hc_buf_free(&debug_out);
}

/* set_proxy and set_tunnel: their arguments and when they may come. */
static void
test_api(void)
{
	static const char *const bad[] = { "X-A: 1\r\nX-B: 2" };
	static const char *const nocolon[] = { "X-A 1" };
	static const char *const badname[] = { "X A: 1" };
	struct dialer		 d;
	struct httpc_conn	*c;
	struct memt		*m;

	CHECK(httpc_conn_new(&c, "example.org", 0, NULL) == HTTPC_OK);
	/* A tunnel needs a proxy. */
	CHECK(httpc_conn_set_tunnel(c, NULL, 0) == HTTPC_IMPROPER_STATE);
	CHECK(httpc_conn_set_proxy(c, "", 0) == HTTPC_INVALID_URL);
	CHECK(httpc_conn_set_proxy(c, "a b", 0) == HTTPC_INVALID_URL);
	CHECK(httpc_conn_set_proxy(c, "p:x", 0) == HTTPC_INVALID_URL);
	CHECK(httpc_conn_set_proxy(c, "p", 70000) == HTTPC_INVALID_URL);
	CHECK(httpc_conn_set_proxy(c, "p", 0) == HTTPC_OK);
	CHECK(httpc_conn_set_tunnel(c, bad, 1) == HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_set_tunnel(c, nocolon, 1) == HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_set_tunnel(c, badname, 1) == HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_set_tunnel(c, NULL, 0) == HTTPC_OK);
	/* NULL: no proxy, no tunnel. */
	CHECK(httpc_conn_set_proxy(c, NULL, 0) == HTTPC_OK);
	CHECK(httpc_conn_set_tunnel(c, NULL, 0) == HTTPC_IMPROPER_STATE);
	/* Not under an open connection, as httplib's set_tunnel. */
	m = memt_new("", 0, 0);
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "p", 1) == HTTPC_IMPROPER_STATE);
	httpc_conn_close(c);
	CHECK(httpc_conn_set_proxy(c, "p", 1) == HTTPC_OK);
	httpc_conn_free(c);

	/* Another proxy keeps the tunnel asked for. */
	memset(&d, 0, sizeof(d));
	d.in[0] = "HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n"
	    "Content-Length: 2\r\n\r\nhi";
	c = proxied("example.org", &d, 1, NULL, 0);
	CHECK(httpc_conn_set_proxy(c, "other.proxy", 8080) == HTTPC_OK);
	CHECK(get_ok(c, "/", "hi"));
	CHECK(starts(d.log[0].out, "CONNECT example.org:80 "));
	httpc_conn_free(c);
	dialer_free(&d);

	/* The proxy's port: given, in the string, or 1080. */
	memset(&d, 0, sizeof(d));
	CHECK(httpc_conn_new(&c, "example.org", 0, NULL) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "[::1]:8080", 0) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "p:8080", 9) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "p", 0) == HTTPC_OK);
	httpc_conn_free(c);
	CHECK(HTTPC_PROXY_PORT == 1080);
	/* The hierarchy. */
	CHECK(httpc_err_isa(HTTPC_RESOLVE_PROXY, HTTPC_RESOLVE));
	CHECK(httpc_err_exitcode(HTTPC_RESOLVE_PROXY) == 5);
	CHECK(!httpc_err_isa(HTTPC_PROXY_CONNECT, HTTPC_HTTP));
}

/* accept(2), recv(2) that give up after 5 seconds rather than hang. */
static int
wait_in(int fd)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, 5000) == 1 ? 0 : -1;
}

/* Reads one request head (to the empty line) into buf. */
static ssize_t
read_head(int s, char *buf, size_t len)
{
	size_t	 got = 0;
	ssize_t	 n;

	while (got < len - 1) {
		if (wait_in(s) == -1 || (n = recv(s, buf + got,
		    len - 1 - got, 0)) <= 0)
			return -1;
		got += (size_t)n;
		buf[got] = '\0';
		if (strstr(buf, "\r\n\r\n") != NULL)
			return (ssize_t)got;
	}
	return -1;
}

/*
 * A proxy on the loopback, in a child: accepts one connection, checks
 * the CONNECT, answers 200 and the origin's request itself (a tunnel to
 * itself), then exits.  Exits 0 only if what came was right.
 */
static void
send_str(int s, const char *str)
{
	if (write(s, str, strlen(str)) != (ssize_t)strlen(str))
		_exit(3);
}

static void
proxy_child(int ls)
{
	char	 buf[4096];
	int	 s, ok;

	alarm(10);
	if (wait_in(ls) == -1 || (s = accept(ls, NULL, NULL)) == -1)
		_exit(1);
	if (read_head(s, buf, sizeof(buf)) == -1)
		_exit(2);
	ok = strcmp(buf, "CONNECT origin.example:443 HTTP/1.1\r\n"
	    "Host: origin.example:443\r\nProxy-Authorization: Basic eDp5\r\n"
	    "\r\n") == 0;
	send_str(s, "HTTP/1.1 200 Connection established\r\n\r\n");
	if (read_head(s, buf, sizeof(buf)) == -1)
		_exit(4);
	ok = ok && strcmp(buf, "GET /t HTTP/1.1\r\nHost: origin.example:443"
	    "\r\nAccept-Encoding: identity\r\n\r\n") == 0;
	send_str(s, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nyes");
	/* Until the client closes. */
	(void)wait_in(s);
	_exit(ok ? 0 : 6);
}

static void
test_loopback(void)
{
	static const char *const hdrs[] = { "Proxy-Authorization: Basic eDp5" };
	struct sockaddr_in	 sin;
	socklen_t		 slen = sizeof(sin);
	struct httpc_conn	*c;
	struct httpc_opts	 o;
	struct httpc_conn_info	 info;
	pid_t			 pid;
	int			 ls, status = -1;

	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(ls, 4) == -1 ||
	    getsockname(ls, (struct sockaddr *)&sin, &slen) == -1) {
		printf("# no loopback: skipping the proxy socket test\n");
		close(ls);
		return;
	}
	if ((pid = fork()) == -1) {
		close(ls);
		return;
	}
	if (pid == 0)
		proxy_child(ls);
	close(ls);
	httpc_opts_init(&o);
	o.connect_timeout_ms = 5000;
	o.timeout_ms = 5000;
	/* "origin.example" is never resolved: only the proxy is. */
	CHECK(httpc_conn_new(&c, "origin.example", 443, &o) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "127.0.0.1", ntohs(sin.sin_port)) ==
	    HTTPC_OK);
	CHECK(httpc_conn_set_tunnel(c, hdrs, 1) == HTTPC_OK);
	CHECK(get_ok(c, "/t", "yes"));
	httpc_conn_info(c, &info);
	CHECK(info.remote_port == ntohs(sin.sin_port));
	httpc_conn_free(c);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Nobody listens there now: the error names the proxy. */
	CHECK(httpc_conn_new(&c, "origin.example", 443, &o) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "127.0.0.1", ntohs(sin.sin_port)) ==
	    HTTPC_OK);
	CHECK(httpc_conn_connect(c) == HTTPC_CONNECT);
	CHECK(starts(httpc_conn_errmsg(c), "connect to proxy 127.0.0.1 "
	    "port "));
	httpc_conn_free(c);
	/* Without a port, curl's 1080 (unless someone listens there). */
	CHECK(httpc_conn_new(&c, "origin.example", 443, &o) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "127.0.0.1", 0) == HTTPC_OK);
	if (httpc_conn_connect(c) == HTTPC_CONNECT)
		CHECK(starts(httpc_conn_errmsg(c), "connect to proxy 127.0.0.1 "
		    "port 1080 failed"));
	httpc_conn_free(c);
	/* A proxy that does not resolve: exit 5.  (A name with an empty
	 * label fails in the resolver without asking any DNS server.) */
	CHECK(httpc_conn_new(&c, "origin.example", 443, &o) == HTTPC_OK);
	CHECK(httpc_conn_set_proxy(c, "a..b", 0) == HTTPC_OK);
	CHECK(httpc_conn_connect(c) == HTTPC_RESOLVE_PROXY);
	CHECK(starts(httpc_conn_errmsg(c), "could not resolve proxy: a..b"));
	httpc_conn_free(c);
}

int
main(void)
{
	test_tunnel();
	test_tunnel_framing();
	test_refused();
	test_bad_reply();
	test_authority();
	test_reconnect();
	test_credentials();
	test_layer();
	test_debug();
	test_api();
	test_loopback();
	return check_done("t_proxy");
}
