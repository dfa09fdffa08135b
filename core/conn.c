/*
 * HTTPConnection: the request side and httplib's state machine.
 *
 *   idle --putrequest--> request started --endheaders--> request sent
 *     ^                   (putheader)                    (send)
 *     +-------------------------getresponse-----------------+
 *
 * A call out of order fails as httplib raises: putrequest outside idle
 * with CannotSendRequest, putheader and endheaders outside "request
 * started" with CannotSendHeader, getresponse outside "request sent" or
 * while the previous response is unread with ResponseNotReady.  The
 * connection is opened on demand (httplib's auto_open) and reused once a
 * response was read to its end.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "conn.h"
#include "debug.h"
#include "headers.h"
#include "proxy.h"
#include "reader.h"
#include "response.h"
#include "tcp.h"
#include "transport.h"

#define REQUEST_MAX	(1024 * 1024)	/* request line and headers */
#define SEND_CHUNK	(64 * 1024)

enum state {
	CS_IDLE,
	CS_REQ_STARTED,
	CS_REQ_SENT
};

struct httpc_conn {
	char			*host;		/* no brackets, no port */
	char			*hosthdr;	/* Host: value */
	int			 port;
	int			 default_port;
	struct httpc_opts	 opts;
	char			*strings[12];	/* copies behind opts */
	int			 debuglevel;
	int64_t			 deadline;

	const struct hc_layer_ops *layer;
	void			*layer_ctx;
	struct hc_proxy		 proxy;
	hc_dial_fn		*dial;		/* tests: instead of TCP */
	void			*dial_arg;

	struct hc_reader	*rd;		/* NULL when not connected */
	struct hc_tcp		*tcp;		/* under rd, NULL if attached */
	int			 attached;	/* caller's transport */
	int			 requests;	/* sent on this connection */

	enum state		 state;
	struct httpc_response	*resp;		/* open response, if any */
	struct httpc_response	*early;		/* final answer to Expect */
	struct hc_buf		 out;		/* request being built */
	struct hc_request_info	 req;
	int			 chunked;	/* request body chunked */
	int			 body_ended;
	off_t			 body_len;	/* Content-Length or -1 */
	off_t			 body_sent;

	struct httpc_conn_info	 info;
	httpc_interim_fn	*interim_fn;
	void			*interim_arg;
	char			 errmsg[512];
};

static enum httpc_err	 split_host(struct httpc_conn *, const char *, int);
static enum httpc_err	 ensure_connected(struct httpc_conn *);
static enum httpc_err	 write_all(struct httpc_conn *, const void *, size_t);
static void		 drop_connection(struct httpc_conn *);

void
httpc_opts_init(struct httpc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->http_version = 11;
}

enum httpc_err
hc_conn_seterr(struct httpc_conn *c, enum httpc_err e, const char *fmt, ...)
{
	va_list	 ap;

	if (c == NULL)
		return e;
	va_start(ap, fmt);
	vsnprintf(c->errmsg, sizeof(c->errmsg), fmt, ap);
	va_end(ap);
	return e;
}

const char *
httpc_conn_errmsg(const struct httpc_conn *c)
{
	return c->errmsg;
}

enum httpc_err
hc_split_host(struct httpc_conn *c, const char *host, int port,
    char **hostp, int *portp, int *v6p)
{
	const char	*end, *colon = NULL, *errstr;
	size_t		 n;
	int		 v6 = 0;
	char		 pbuf[8];
	long long	 p;

	*hostp = NULL;
	if (host[0] == '[') {
		if ((end = strchr(host, ']')) == NULL)
			return hc_conn_seterr(c, HTTPC_INVALID_URL,
			    "missing ']' in host '%s'", host);
		v6 = 1;
		n = (size_t)(end - host - 1);
		host++;
		if (end[1] == ':')
			colon = end + 1;
		else if (end[1] != '\0')
			return hc_conn_seterr(c, HTTPC_INVALID_URL,
			    "junk after ']' in host");
	} else {
		colon = strrchr(host, ':');
		/* Two colons and no brackets: a bare IPv6 address. */
		if (colon != NULL && strchr(host, ':') != colon) {
			colon = NULL;
			v6 = 1;
		}
		n = colon != NULL ? (size_t)(colon - host) : strlen(host);
	}
	if (n == 0)
		return hc_conn_seterr(c, HTTPC_INVALID_URL, "empty host name");
	if ((*hostp = strndup(host, n)) == NULL)
		return HTTPC_NOMEM;
	if (!hc_is_field_value(*hostp, n) || strpbrk(*hostp, " \t/") != NULL)
		return hc_conn_seterr(c, HTTPC_INVALID_URL,
		    "invalid character in host name");
	if (port == 0 && colon != NULL && colon[1] != '\0') {
		if (strlen(colon + 1) >= sizeof(pbuf) ||
		    strspn(colon + 1, "0123456789") != strlen(colon + 1))
			return hc_conn_seterr(c, HTTPC_INVALID_URL,
			    "nonnumeric port: '%s'", colon + 1);
		p = strtonum(colon + 1, 1, 65535, &errstr);
		if (errstr != NULL)
			return hc_conn_seterr(c, HTTPC_INVALID_URL,
			    "port number %s", errstr);
		port = (int)p;
	}
	if (port < 0 || port > 65535)
		return hc_conn_seterr(c, HTTPC_INVALID_URL, "bad port number");
	*portp = port;
	*v6p = v6;
	return HTTPC_OK;
}

/* The connection's host, its port (or the default) and Host header. */
static enum httpc_err
split_host(struct httpc_conn *c, const char *host, int port)
{
	size_t		 n;
	int		 v6;
	enum httpc_err	 e;

	if ((e = hc_split_host(c, host, port, &c->host, &port, &v6)) !=
	    HTTPC_OK)
		return e;
	c->port = port != 0 ? port : c->default_port;
	/* Host: the name, bracketed if IPv6 (zone id left out), and the
	 * port only when it is not the default one. */
	n = strcspn(c->host, "%");
	if (c->port == c->default_port) {
		if (asprintf(&c->hosthdr, v6 ? "[%.*s]" : "%.*s", (int)n,
		    c->host) == -1)
			c->hosthdr = NULL;
	} else if (asprintf(&c->hosthdr, v6 ? "[%.*s]:%d" : "%.*s:%d", (int)n,
	    c->host, c->port) == -1)
		c->hosthdr = NULL;
	if (c->hosthdr == NULL)
		return HTTPC_NOMEM;
	return HTTPC_OK;
}

static enum httpc_err
copy_opts(struct httpc_conn *c, const struct httpc_opts *o)
{
	const char	*h;
	const char	**src[] = { &c->opts.connect_addr, &c->opts.cafile,
	    &c->opts.capath, &c->opts.cert_file, &c->opts.key_file,
	    &c->opts.key_password, &c->opts.ciphers,
	    &c->opts.connect_to_host, &c->opts.unix_socket };
	size_t		 i;

	if (o != NULL)
		c->opts = *o;
	else
		httpc_opts_init(&c->opts);
	if (c->opts.http_version != 10)
		c->opts.http_version = 11;
	for (i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		if (*src[i] == NULL)
			continue;
		if ((c->strings[i] = strdup(*src[i])) == NULL)
			return HTTPC_NOMEM;
		*src[i] = c->strings[i];
	}
	/* The connect-to host goes into CONNECT's request line. */
	h = c->opts.connect_to_host;
	if (h != NULL && (h[0] == '\0' || !hc_is_field_value(h, strlen(h)) ||
	    strpbrk(h, " \t/[]") != NULL))
		return hc_conn_seterr(c, HTTPC_INVALID_URL,
		    "invalid connect-to host '%s'", h);
	if (c->opts.connect_to_port < 0 || c->opts.connect_to_port > 65535 ||
	    c->opts.local_port < 0 || c->opts.local_port > 65535 ||
	    c->opts.local_port_max < 0 || c->opts.local_port_max > 65535)
		return hc_conn_seterr(c, HTTPC_INVALID_URL,
		    "bad connect-to or local port number");
	return HTTPC_OK;
}

enum httpc_err
hc_conn_new(struct httpc_conn **cp, const char *host, int port,
    int default_port, const struct httpc_opts *o)
{
	struct httpc_conn	*c;
	enum httpc_err		 e;

	*cp = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return HTTPC_NOMEM;
	c->default_port = default_port;
	c->state = CS_IDLE;
	hc_buf_init(&c->out, REQUEST_MAX);
	if ((e = copy_opts(c, o)) != HTTPC_OK ||
	    (e = split_host(c, host, port)) != HTTPC_OK)
		goto fail;
	*cp = c;
	return HTTPC_OK;
fail:
	httpc_conn_free(c);
	return e;
}

enum httpc_err
httpc_conn_new(struct httpc_conn **cp, const char *host, int port,
    const struct httpc_opts *o)
{
	return hc_conn_new(cp, host, port, HTTPC_HTTP_PORT, o);
}

void
hc_conn_set_layer(struct httpc_conn *c, const struct hc_layer_ops *ops,
    void *ctx)
{
	if (c->layer != NULL && c->layer->free != NULL)
		c->layer->free(c->layer_ctx);
	c->layer = ops;
	c->layer_ctx = ctx;
}

const char *
hc_conn_host(const struct httpc_conn *c)
{
	return c->host;
}

int
hc_conn_port(const struct httpc_conn *c)
{
	return c->port;
}

const struct httpc_opts *
hc_conn_opts(const struct httpc_conn *c)
{
	return &c->opts;
}

int
hc_conn_debuglevel(const struct httpc_conn *c)
{
	return c->debuglevel;
}

struct hc_tcp *
hc_conn_tcp(const struct httpc_conn *c)
{
	if (c->tcp == NULL || c->rd == NULL || c->layer != NULL ||
	    c->rd->t != hc_tcp_transport(c->tcp))
		return NULL;
	return c->tcp;
}

void
httpc_conn_set_debuglevel(struct httpc_conn *c, int level)
{
	c->debuglevel = level;
}

void
httpc_conn_set_deadline(struct httpc_conn *c, int64_t deadline)
{
	c->deadline = deadline;
	if (c->tcp != NULL)
		hc_tcp_set_deadline(c->tcp, deadline);
}

void
httpc_conn_info(const struct httpc_conn *c, struct httpc_conn_info *info)
{
	*info = c->info;
}

/* Closes the transport; an open response can read no more. */
static void
drop_connection(struct httpc_conn *c)
{
	struct httpc_response	*early = c->early;

	/* Detached first: freeing an unread response drops its
	 * connection, which would come back here. */
	c->early = NULL;
	if (early != NULL) {
		hc_response_detach(early);
		httpc_response_free(early);
	}
	if (c->resp != NULL) {
		hc_response_detach(c->resp);
		c->resp = NULL;
	}
	if (c->rd != NULL)
		hc_debugf(c, "Closing connection %d", c->info.num_connects - 1);
	hc_reader_free(c->rd);
	c->rd = NULL;
	c->tcp = NULL;
	c->requests = 0;
}

void
httpc_conn_close(struct httpc_conn *c)
{
	drop_connection(c);
	c->state = CS_IDLE;
	hc_buf_reset(&c->out);
}

void
httpc_conn_free(struct httpc_conn *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	drop_connection(c);
	hc_conn_set_layer(c, NULL, NULL);
	hc_proxy_free(&c->proxy);
	hc_buf_free(&c->out);
	for (i = 0; i < sizeof(c->strings) / sizeof(c->strings[0]); i++) {
		if (c->strings[i] == NULL)
			continue;
		/* The key passphrase among them: wipe, not just free. */
		freezero(c->strings[i], strlen(c->strings[i]));
	}
	free(c->host);
	free(c->hosthdr);
	free(c);
}

enum httpc_err
httpc_conn_attach(struct httpc_conn *c, struct httpc_transport *t)
{
	enum httpc_err	 e;

	drop_connection(c);
	if ((e = hc_reader_new(&c->rd, t)) != HTTPC_OK)
		return e;
	c->attached = 1;
	c->info.num_connects++;
	return HTTPC_OK;
}

void
hc_conn_set_dialer(struct httpc_conn *c, hc_dial_fn *fn, void *arg)
{
	c->dial = fn;
	c->dial_arg = arg;
}

enum httpc_err
httpc_conn_set_proxy(struct httpc_conn *c, const char *host, int port)
{
	char		*name = NULL;
	int		 v6;
	enum httpc_err	 e;

	/* As httplib's set_tunnel: not under an open connection. */
	if (c->rd != NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "can't set up a proxy for an established connection");
	if (host == NULL) {
		hc_proxy_clear(&c->proxy);
		return HTTPC_OK;
	}
	if ((e = hc_split_host(c, host, port, &name, &port, &v6)) ==
	    HTTPC_OK)
		e = hc_proxy_set(&c->proxy, name, port != 0 ? port :
		    HTTPC_PROXY_PORT);
	free(name);
	return e;
}

enum httpc_err
httpc_conn_set_tunnel(struct httpc_conn *c, const char *const *headers,
    size_t n)
{
	if (c->rd != NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "can't set up tunnel for established connection");
	if (c->proxy.host == NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "a tunnel needs a proxy: httpc_conn_set_proxy first");
	return hc_proxy_set_tunnel(&c->proxy, c, headers, n);
}

enum httpc_err
httpc_conn_proxy_response(const struct httpc_conn *c,
    const struct httpc_response **rp)
{
	*rp = c->proxy.reply;
	return *rp != NULL ? HTTPC_OK : HTTPC_RESPONSE_NOT_READY;
}

/*
 * The end of the connect phase: the transfer deadline, or
 * connect_timeout_ms from t0 when that comes first; 0 for none.
 */
static int64_t
connect_deadline(const struct httpc_conn *c, int64_t t0)
{
	int64_t	 d = c->deadline;

	if (c->opts.connect_timeout_ms > 0 &&
	    (d == 0 || t0 + c->opts.connect_timeout_ms < d))
		d = t0 + c->opts.connect_timeout_ms;
	return d;
}

/*
 * The transport to the proxy, the --connect-to or --resolve target, or
 * the host: over TCP, a Unix socket, or the test dialer's.
 */
static enum httpc_err
dial(struct httpc_conn *c, int64_t deadline, int64_t t0,
    struct hc_tcp **tcpp, struct httpc_transport **tp)
{
	struct hc_tcp_dest	 d;
	enum httpc_err		 e;

	*tcpp = NULL;
	if (c->dial != NULL)
		return c->dial(c->dial_arg, c, tp);
	memset(&d, 0, sizeof(d));
	if (c->proxy.host != NULL) {
		d.host = d.name = c->proxy.host;
		d.port = c->proxy.port;
		d.proxy = 1;
	} else {
		d.host = d.name = c->host;
		d.port = c->port;
		if (c->opts.connect_to_host != NULL) {
			d.host = d.name = c->opts.connect_to_host;
			hc_debugf(c, "Connecting to hostname: %s", d.name);
		}
		if (c->opts.connect_to_port > 0) {
			d.port = c->opts.connect_to_port;
			hc_debugf(c, "Connecting to port: %d", d.port);
		}
		if (c->opts.connect_addr != NULL)
			d.name = c->opts.connect_addr;
	}
	d.unix_path = c->opts.unix_socket;
	d.unix_abstract = c->opts.unix_abstract;
	if ((e = hc_tcp_connect(c, &d, &c->opts, deadline, t0, &c->info,
	    tcpp)) != HTTPC_OK)
		return e;
	*tp = hc_tcp_transport(*tcpp);
	return HTTPC_OK;
}

/* CONNECT host:port, bracketed for IPv6 (no zone), for the tunnel. */
static enum httpc_err
tunnel_authority(const struct httpc_conn *c, char **out)
{
	const char	*h = c->host;
	int		 port = c->port;

	if (c->opts.connect_to_host != NULL)
		h = c->opts.connect_to_host;
	if (c->opts.connect_to_port > 0)
		port = c->opts.connect_to_port;
	if (asprintf(out, strchr(h, ':') != NULL ? "[%.*s]:%d" : "%.*s:%d",
	    (int)strcspn(h, "%"), h, port) == -1) {
		*out = NULL;
		return HTTPC_NOMEM;
	}
	return HTTPC_OK;
}

/*
 * The proxy's tunnel over t.  With a layer to come, the transport is
 * taken back from the reader: that needs the reader to hold nothing,
 * since TLS reads the transport itself (a proxy sending before the
 * ClientHello is broken).  Without one the reader stays, bytes after
 * the reply included.
 */
static enum httpc_err
open_tunnel(struct httpc_conn *c, struct httpc_transport **tp,
    struct hc_reader **rdp)
{
	struct hc_reader	*rd;
	char			*authority;
	size_t			 extra;
	enum httpc_err		 e;

	*rdp = NULL;
	if ((e = tunnel_authority(c, &authority)) != HTTPC_OK) {
		(*tp)->ops->close(*tp);
		*tp = NULL;
		return e;
	}
	e = hc_proxy_tunnel(&c->proxy, c, authority, *tp, &rd);
	free(authority);
	*tp = NULL;
	if (e != HTTPC_OK)
		return e;
	if (c->layer == NULL) {
		*rdp = rd;
		return HTTPC_OK;
	}
	extra = hc_reader_pending(rd);
	if ((*tp = hc_reader_release(rd)) == NULL) {
		hc_reader_free(rd);
		return hc_conn_seterr(c, HTTPC_PROXY_CONNECT, "the proxy sent "
		    "%zu bytes after its CONNECT reply, before the TLS "
		    "handshake", extra);
	}
	return HTTPC_OK;
}

enum httpc_err
httpc_conn_connect(struct httpc_conn *c)
{
	struct hc_tcp		*tcp = NULL;
	struct httpc_transport	*t = NULL, *outer;
	struct hc_reader	*rd = NULL;
	int64_t			 t0, t1, deadline;
	enum httpc_err		 e;

	drop_connection(c);
	c->attached = 0;
	c->errmsg[0] = '\0';
	c->info.t_appconnect_us = 0;
	/* Resolving, connecting, the proxy's CONNECT and the TLS handshake
	 * all count against connect_timeout_ms. */
	t0 = httpc_now_ms();
	deadline = connect_deadline(c, t0);
	if ((e = dial(c, deadline, t0, &tcp, &t)) != HTTPC_OK)
		return e;
	c->info.num_connects++;
	if (c->proxy.host != NULL && c->proxy.tunnel &&
	    (e = open_tunnel(c, &t, &rd)) != HTTPC_OK) {
		if (e == HTTPC_TIMEOUT)
			hc_conn_seterr(c, e, "proxy CONNECT timed out after "
			    "%lld ms", (long long)(httpc_now_ms() - t0));
		return e;
	}
	if (c->layer != NULL) {
		t1 = httpc_now_ms();
		if ((e = c->layer->wrap(c->layer_ctx, c, t, &outer)) !=
		    HTTPC_OK) {
			t->ops->close(t);
			if (e == HTTPC_TIMEOUT)
				hc_conn_seterr(c, e, "TLS handshake timed out "
				    "after %lld ms",
				    (long long)(httpc_now_ms() - t0));
			return e;
		}
		c->info.t_appconnect_us = c->info.t_connect_us +
		    (httpc_now_ms() - t1) * 1000;
		t = outer;
	}
	if (rd == NULL && (e = hc_reader_new(&rd, t)) != HTTPC_OK)
		return e;
	/* Connected: from now on the transfer's deadline, not ours. */
	if (tcp != NULL)
		hc_tcp_set_deadline(tcp, c->deadline);
	c->rd = rd;
	c->tcp = tcp;
	return HTTPC_OK;
}

/*
 * Before a request: connect, or make sure the kept-alive connection was
 * not closed by the server while idle (then open a new one).
 */
static enum httpc_err
ensure_connected(struct httpc_conn *c)
{
	if (c->rd != NULL && c->tcp != NULL && c->requests > 0 &&
	    c->resp == NULL && (hc_reader_pending(c->rd) > 0 ||
	    (c->layer != NULL && c->layer->pending != NULL &&
	    c->layer->pending(c->rd->t) > 0) || !hc_tcp_idle_ok(c->tcp))) {
		hc_debugf(c, "Connection %d seems to be dead",
		    c->info.num_connects - 1);
		drop_connection(c);
	}
	if (c->rd != NULL) {
		if (c->requests > 0) {
			c->info.reused = 1;
			if (c->proxy.host != NULL && !c->proxy.tunnel)
				hc_debugf(c, "Re-using existing connection #%d "
				    "with proxy %s", c->info.num_connects - 1,
				    c->proxy.host);
			else
				hc_debugf(c, "Re-using existing connection #%d "
				    "with host %s", c->info.num_connects - 1,
				    c->host);
		}
		return HTTPC_OK;
	}
	if (c->attached)
		return hc_conn_seterr(c, HTTPC_NOT_CONNECTED,
		    "the attached transport was closed");
	c->info.reused = 0;
	return httpc_conn_connect(c);
}

static enum httpc_err
write_all(struct httpc_conn *c, const void *p, size_t n)
{
	enum httpc_err	 e;

	if ((e = hc_write_all(c->rd->t, p, n)) == HTTPC_SEND &&
	    c->errmsg[0] == '\0')
		hc_conn_seterr(c, e, "send failure: the transport took no bytes");
	return e;
}

enum httpc_err
httpc_conn_putrequest(struct httpc_conn *c, const char *method,
    const char *url, int flags)
{
	size_t	 i;

	if (c->resp != NULL && httpc_response_isclosed(c->resp))
		c->resp = NULL;
	/* Pipelining behind an unread response that ends the connection
	 * would lose the request. */
	if (c->state != CS_IDLE || (c->resp != NULL &&
	    httpc_response_will_close(c->resp)))
		return hc_conn_seterr(c, HTTPC_CANNOT_SEND_REQUEST,
		    "a request is already in progress");
	if (!hc_is_token(method, strlen(method)))
		return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
		    "invalid character in method '%s'", method);
	if (url[0] == '\0')
		url = "/";
	for (i = 0; url[i] != '\0'; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return hc_conn_seterr(c, HTTPC_INVALID_URL,
			    "URL can't contain control characters or spaces");
	c->errmsg[0] = '\0';
	hc_buf_reset(&c->out);
	memset(&c->req, 0, sizeof(c->req));
	c->req.head = strcmp(method, "HEAD") == 0;
	c->chunked = 0;
	c->body_ended = 0;
	c->body_len = -1;
	c->body_sent = 0;
	if (hc_buf_printf(&c->out, "%s %s HTTP/1.%d\r\n", method, url,
	    c->opts.http_version == 10 ? 0 : 1) != HTTPC_OK)
		return HTTPC_NOMEM;
	c->state = CS_REQ_STARTED;
	if (!(flags & HTTPC_SKIP_HOST) &&
	    httpc_conn_putheader(c, "Host", c->hosthdr) != HTTPC_OK)
		return HTTPC_NOMEM;	/* putheader went back to idle */
	if (!(flags & HTTPC_SKIP_ACCEPT_ENCODING) &&
	    c->opts.http_version == 11 &&
	    httpc_conn_putheader(c, "Accept-Encoding", "identity") != HTTPC_OK)
		return HTTPC_NOMEM;
	return HTTPC_OK;
}

enum httpc_err
httpc_conn_putheaderv(struct httpc_conn *c, const char *name,
    const char *const *values, size_t nvalues)
{
	const char	*errstr;
	size_t		 i, n;
	char		 last[32];

	if (c->state != CS_REQ_STARTED)
		return hc_conn_seterr(c, HTTPC_CANNOT_SEND_HEADER,
		    "headers cannot be sent now");
	if (!hc_is_token(name, strlen(name)))
		return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
		    "invalid header name '%s'", name);
	/* The proxy's credentials are for the proxy: through its tunnel
	 * they would reach the origin server. */
	if (c->proxy.tunnel && hc_name_eq(name, "Proxy-Authorization"))
		return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
		    "Proxy-Authorization goes to the proxy in CONNECT "
		    "(httpc_conn_set_tunnel), never through the tunnel");
	for (i = 0; i < nvalues; i++)
		if (!hc_is_field_value(values[i], strlen(values[i])))
			return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
			    "invalid character in the value of header %s",
			    name);
	n = c->out.len;
	if (hc_buf_addstr(&c->out, name) != HTTPC_OK ||
	    hc_buf_add(&c->out, ":", 1) != HTTPC_OK)
		goto nomem;
	for (i = 0; i < nvalues; i++) {
		/* An empty value is sent as "Name:", as curl does. */
		if (i == 0 && nvalues == 1 && values[0][0] == '\0')
			break;
		if (hc_buf_addstr(&c->out, i == 0 ? " " : ", ") != HTTPC_OK ||
		    hc_buf_addstr(&c->out, values[i]) != HTTPC_OK)
			goto nomem;
	}
	if (hc_buf_add(&c->out, "\r\n", 2) != HTTPC_OK)
		goto nomem;
	/* What the framing of the request and its response depend on. */
	for (i = 0; i < nvalues; i++) {
		if (hc_name_eq(name, "Content-Length")) {
			/* Digits only: strtonum takes a sign and blanks. */
			errstr = values[i][0] == '\0' ||
			    strspn(values[i], "0123456789") !=
			    strlen(values[i]) ? "not a number" : NULL;
			if (errstr == NULL)
				c->body_len = strtonum(values[i], 0,
				    LLONG_MAX, &errstr);
			if (errstr != NULL) {
				c->out.len = n;
				return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
				    "bad Content-Length '%s'", values[i]);
			}
		} else if (hc_name_eq(name, "Transfer-Encoding")) {
			hc_list_last(values[i], last, sizeof(last));
			c->chunked = strcasecmp(last, "chunked") == 0;
		} else if (hc_name_eq(name, "Connection") &&
		    hc_list_has(values[i], "close"))
			c->req.close = 1;
	}
	return HTTPC_OK;
nomem:
	/* The request head is lost: start over from idle. */
	hc_buf_reset(&c->out);
	c->state = CS_IDLE;
	return HTTPC_NOMEM;
}

enum httpc_err
httpc_conn_putheader(struct httpc_conn *c, const char *name,
    const char *value)
{
	return httpc_conn_putheaderv(c, name, &value, 1);
}

enum httpc_err
httpc_conn_endheaders(struct httpc_conn *c, const void *body, size_t len)
{
	enum httpc_err	 e;

	if (c->state != CS_REQ_STARTED)
		return hc_conn_seterr(c, HTTPC_CANNOT_SEND_HEADER,
		    "headers cannot be sent now");
	/* Too long a body is refused before anything is sent. */
	if (len > 0 && !c->chunked && c->body_len >= 0 &&
	    (uint64_t)len > (uint64_t)c->body_len)
		return hc_conn_seterr(c, HTTPC_BODY_SIZE,
		    "request body larger than its Content-Length");
	if (hc_buf_add(&c->out, "\r\n", 2) != HTTPC_OK) {
		c->state = CS_IDLE;
		return HTTPC_NOMEM;
	}
	if ((e = ensure_connected(c)) != HTTPC_OK)
		goto fail;
	hc_debug_lines(c, HTTPC_DEBUG_HEADER_OUT, c->out.data, c->out.len);
	c->state = CS_REQ_SENT;
	c->requests++;
	/* Headers and a small body leave in one write. */
	if (len > 0 && !c->chunked && len <= 16384 &&
	    (c->body_len < 0 || (off_t)len <= c->body_len)) {
		if (hc_buf_add(&c->out, body, len) != HTTPC_OK) {
			e = HTTPC_NOMEM;
			goto fail;
		}
		c->body_sent = (off_t)len;
		hc_debug_data(c, 2, HTTPC_DEBUG_DATA_OUT, body, len);
		len = 0;
	}
	c->info.header_bytes_sent += (int64_t)c->out.len - c->body_sent;
	e = write_all(c, c->out.data, c->out.len);
	hc_buf_reset(&c->out);
	if (e != HTTPC_OK)
		goto fail;
	if (len > 0)
		return httpc_conn_send(c, body, len);
	return HTTPC_OK;
fail:
	drop_connection(c);
	c->state = CS_IDLE;
	return e;
}

enum httpc_err
httpc_conn_send(struct httpc_conn *c, const void *p, size_t len)
{
	char		 head[32];
	enum httpc_err	 e;
	int		 n;

	if (c->state != CS_REQ_SENT || c->body_ended || c->rd == NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "body data can only follow endheaders");
	if (len == 0)
		return HTTPC_OK;
	if (!c->chunked && c->body_len >= 0 &&
	    (off_t)len > c->body_len - c->body_sent)
		return hc_conn_seterr(c, HTTPC_BODY_SIZE,
		    "request body larger than its Content-Length");
	hc_debug_data(c, 2, HTTPC_DEBUG_DATA_OUT, p, len);
	if (c->chunked) {
		n = snprintf(head, sizeof(head), "%zx\r\n", len);
		if ((e = write_all(c, head, (size_t)n)) != HTTPC_OK ||
		    (e = write_all(c, p, len)) != HTTPC_OK ||
		    (e = write_all(c, "\r\n", 2)) != HTTPC_OK)
			goto fail;
	} else if ((e = write_all(c, p, len)) != HTTPC_OK)
		goto fail;
	c->body_sent += (off_t)len;
	return HTTPC_OK;
fail:
	drop_connection(c);
	c->state = CS_IDLE;
	return e;
}

enum httpc_err
httpc_conn_send_fd(struct httpc_conn *c, int fd, off_t len)
{
	char		*buf;
	size_t		 want;
	ssize_t		 n;
	enum httpc_err	 e = HTTPC_OK;

	if (c->state != CS_REQ_SENT || c->body_ended || c->rd == NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "body data can only follow endheaders");
	if ((buf = malloc(SEND_CHUNK)) == NULL)
		return HTTPC_NOMEM;
	while (len != 0) {
		want = SEND_CHUNK;
		if (len > 0 && (off_t)want > len)
			want = (size_t)len;
		n = read(fd, buf, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			e = hc_conn_seterr(c, HTTPC_BODY_READ,
			    "read error in the request body: %s",
			    strerror(errno));
			break;
		}
		if (n == 0) {
			if (len > 0)
				e = hc_conn_seterr(c, HTTPC_BODY_READ,
				    "request body ended %lld bytes early",
				    (long long)len);
			break;
		}
		if ((e = httpc_conn_send(c, buf, (size_t)n)) != HTTPC_OK)
			break;
		if (len > 0)
			len -= n;
	}
	free(buf);
	return e;
}

enum httpc_err
httpc_conn_endbody(struct httpc_conn *c)
{
	enum httpc_err	 e;

	if (c->state != CS_REQ_SENT || c->rd == NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "no request body to end");
	if (c->body_ended)
		return HTTPC_OK;
	c->body_ended = 1;
	if (c->chunked) {
		hc_debug_data(c, 2, HTTPC_DEBUG_DATA_OUT, "0\r\n\r\n", 5);
		if ((e = write_all(c, "0\r\n\r\n", 5)) != HTTPC_OK) {
			drop_connection(c);
			c->state = CS_IDLE;
			return e;
		}
	} else if (c->body_len >= 0 && c->body_sent != c->body_len) {
		/* The server waits for bytes that will never come. */
		drop_connection(c);
		c->state = CS_IDLE;
		return hc_conn_seterr(c, HTTPC_BODY_SIZE,
		    "request body of %lld bytes, Content-Length %lld",
		    (long long)c->body_sent, (long long)c->body_len);
	}
	return HTTPC_OK;
}

enum httpc_err
httpc_conn_getresponse(struct httpc_conn *c, struct httpc_response **rp)
{
	struct httpc_response	*r;
	enum httpc_err		 e;

	*rp = NULL;
	if (c->resp != NULL && httpc_response_isclosed(c->resp))
		c->resp = NULL;
	if (c->state != CS_REQ_SENT || c->resp != NULL)
		return hc_conn_seterr(c, HTTPC_RESPONSE_NOT_READY,
		    "no response ready");
	if (c->early != NULL) {
		/* The server answered before the body: that is the reply. */
		r = c->early;
		c->early = NULL;
		c->state = CS_IDLE;
		if (!httpc_response_isclosed(r))
			c->resp = r;
		*rp = r;
		return HTTPC_OK;
	}
	if (c->rd == NULL)
		return hc_conn_seterr(c, HTTPC_NOT_CONNECTED,
		    "not connected");
	if (!c->body_ended && (e = httpc_conn_endbody(c)) != HTTPC_OK)
		return e;
	c->state = CS_IDLE;
	if ((e = hc_response_begin(c, c->rd, &c->req, &r)) != HTTPC_OK) {
		drop_connection(c);
		return e;
	}
	if (!httpc_response_isclosed(r))
		c->resp = r;
	*rp = r;
	return HTTPC_OK;
}

enum httpc_err
httpc_conn_wait_continue(struct httpc_conn *c, int timeout_ms, int *proceed)
{
	struct httpc_response	*r;
	const char		*msg;
	size_t			 len;
	enum httpc_err		 e;

	*proceed = 1;
	if (c->state != CS_REQ_SENT || c->rd == NULL || c->body_sent > 0 ||
	    c->early != NULL)
		return hc_conn_seterr(c, HTTPC_IMPROPER_STATE,
		    "wait_continue belongs between endheaders and the body");
	if (c->tcp != NULL && hc_reader_pending(c->rd) == 0) {
		e = hc_tcp_wait_readable(c->tcp, timeout_ms);
		if (e == HTTPC_TIMEOUT) {
			hc_debugf(c, "Done waiting for 100-continue");
			return HTTPC_OK;
		}
		if (e != HTTPC_OK)
			return hc_conn_seterr(c, HTTPC_RECV,
			    "poll failure: %s", strerror(errno));
	}
	c->req.expect = 1;
	e = hc_response_begin(c, c->rd, &c->req, &r);
	c->req.expect = 0;
	if (e != HTTPC_OK) {
		drop_connection(c);
		c->state = CS_IDLE;
		return e;
	}
	if (httpc_response_status(r) == 100) {
		httpc_response_msg(r, &msg, &len);
		hc_conn_interim(c, 100, msg, len);
		httpc_response_free(r);
		return HTTPC_OK;
	}
	/* A final answer: the body stays unsent, so the connection cannot
	 * carry another request (framing() already made it will_close). */
	c->early = r;
	c->body_ended = 1;
	*proceed = 0;
	return HTTPC_OK;
}

void
httpc_conn_set_interim_cb(struct httpc_conn *c, httpc_interim_fn *fn,
    void *arg)
{
	c->interim_fn = fn;
	c->interim_arg = arg;
}

void
hc_conn_interim(struct httpc_conn *c, int status, const char *msg,
    size_t len)
{
	if (c != NULL && c->interim_fn != NULL)
		c->interim_fn(c->interim_arg, status, msg, len);
}

void
hc_conn_response_done(struct httpc_conn *c, struct httpc_response *r,
    int keep)
{
	if (c->resp == r)
		c->resp = NULL;
	if (!keep)
		drop_connection(c);
}

/* httplib's request(): the headers are "Name: value" strings. */
static enum httpc_err
put_headers(struct httpc_conn *c, const char *method, const char *url,
    const char *const *headers, size_t nheaders, int *have_length,
    int *started)
{
	const char	*colon, *v;
	char		*name;
	size_t		 i;
	int		 flags = 0;
	enum httpc_err	 e;

	*have_length = 0;
	*started = 0;
	for (i = 0; i < nheaders; i++) {
		if (strncasecmp(headers[i], "Host:", 5) == 0)
			flags |= HTTPC_SKIP_HOST;
		if (strncasecmp(headers[i], "Accept-Encoding:", 16) == 0)
			flags |= HTTPC_SKIP_ACCEPT_ENCODING;
		if (strncasecmp(headers[i], "Content-Length:", 15) == 0 ||
		    strncasecmp(headers[i], "Transfer-Encoding:", 18) == 0)
			*have_length = 1;
	}
	if ((e = httpc_conn_putrequest(c, method, url, flags)) != HTTPC_OK)
		return e;
	*started = 1;
	for (i = 0; i < nheaders; i++) {
		if ((colon = strchr(headers[i], ':')) == NULL)
			return hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
			    "header without a colon: '%s'", headers[i]);
		if ((name = strndup(headers[i],
		    (size_t)(colon - headers[i]))) == NULL)
			return HTTPC_NOMEM;
		v = colon + 1 + strspn(colon + 1, " \t");
		e = httpc_conn_putheader(c, name, v);
		free(name);
		if (e != HTTPC_OK)
			return e;
	}
	return HTTPC_OK;
}

/* Methods whose body is expected: httplib sends Content-Length: 0. */
static int
expects_body(const char *method)
{
	return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
	    strcmp(method, "PATCH") == 0;
}

/* Back to idle, unless the request failing was not ours to drop: a
 * request() while the caller had one started leaves that one alone. */
static enum httpc_err
fail_request(struct httpc_conn *c, int started, enum httpc_err e)
{
	if (started && c->state == CS_REQ_STARTED)
		c->state = CS_IDLE;
	return e;
}

enum httpc_err
httpc_conn_request(struct httpc_conn *c, const char *method, const char *url,
    const void *body, size_t len, const char *const *headers,
    size_t nheaders)
{
	char		 num[32];
	int		 have_length, started;
	enum httpc_err	 e;

	if ((e = put_headers(c, method, url, headers, nheaders,
	    &have_length, &started)) != HTTPC_OK)
		return fail_request(c, started, e);
	if (!have_length && (len > 0 || expects_body(method))) {
		snprintf(num, sizeof(num), "%zu", len);
		if ((e = httpc_conn_putheader(c, "Content-Length", num)) !=
		    HTTPC_OK)
			return fail_request(c, started, e);
	}
	/* The body is all here: a Content-Length it does not match is
	 * refused before anything is sent. */
	if (!c->chunked && c->body_len >= 0 &&
	    (uint64_t)len != (uint64_t)c->body_len)
		return fail_request(c, started, hc_conn_seterr(c,
		    HTTPC_BODY_SIZE, "request body of %zu bytes, "
		    "Content-Length %lld", len, (long long)c->body_len));
	if ((e = httpc_conn_endheaders(c, body, len)) != HTTPC_OK)
		return e;
	return httpc_conn_endbody(c);
}

enum httpc_err
httpc_conn_request_fd(struct httpc_conn *c, const char *method,
    const char *url, int fd, off_t len, const char *const *headers,
    size_t nheaders)
{
	struct stat	 st;
	char		 num[32];
	int		 have_length, started;
	enum httpc_err	 e;

	/* A regular file announces its size; a pipe goes chunked. */
	if (len < 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		len = st.st_size - lseek(fd, 0, SEEK_CUR);
		if (len < 0)
			len = 0;
	}
	if ((e = put_headers(c, method, url, headers, nheaders,
	    &have_length, &started)) != HTTPC_OK)
		return fail_request(c, started, e);
	if (!have_length) {
		if (len >= 0) {
			snprintf(num, sizeof(num), "%lld", (long long)len);
			e = httpc_conn_putheader(c, "Content-Length", num);
		} else if (c->opts.http_version == 10)
			e = hc_conn_seterr(c, HTTPC_INVALID_REQUEST,
			    "a body of unknown size needs HTTP/1.1");
		else
			e = httpc_conn_putheader(c, "Transfer-Encoding",
			    "chunked");
		if (e != HTTPC_OK)
			return fail_request(c, started, e);
	}
	if (!c->chunked && c->body_len >= 0 && len >= 0 &&
	    len != c->body_len)
		return fail_request(c, started, hc_conn_seterr(c,
		    HTTPC_BODY_SIZE, "request body of %lld bytes, "
		    "Content-Length %lld", (long long)len,
		    (long long)c->body_len));
	if ((e = httpc_conn_endheaders(c, NULL, 0)) != HTTPC_OK ||
	    (e = httpc_conn_send_fd(c, fd, len)) != HTTPC_OK)
		return e;
	return httpc_conn_endbody(c);
}
