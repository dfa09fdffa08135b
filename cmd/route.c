/*
 * The route of a request, as curl 7.88 sets up a connection
 * (lib/url.c create_conn): --connect-to first (parse_connect_to_slist),
 * then the proxy (proxyenv.c).  A Unix socket takes no proxy (curl
 * drops it: lib/url.c, "do not mix proxy and unix domain sockets").
 * With a proxy, https:// URLs and -p go through a CONNECT tunnel; the
 * others are sent to the proxy in absolute form, their Host header
 * still the origin's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httpc.h"
#include "args.h"
#include "auth.h"
#include "output.h"
#include "proxyenv.h"
#include "route.h"

static void	 note(void *, const char *);
static int	 connect_to(const struct config *, const struct httpc_url *,
		    struct route *);
static int	 absolute_target(const struct httpc_url *, char **);

/* proxyenv's -v lines (arg: the config). */
static void
note(void *arg, const char *msg)
{
	const struct config	*cfg = arg;

	msg_verbose(cfg->verbose, "%s", msg);
}

int
route_connect_to(const char *entry, const char *host, int ipv6, int port,
    char **to_host, int *to_port, const char **badport)
{
	const char	*p = entry, *colon, *h, *hend, *ps;
	const char	*errstr;
	char		 num[8];
	size_t		 hlen, n;
	long long	 v;

	*to_host = NULL;
	*to_port = -1;
	*badport = NULL;
	/* HOST1: empty matches any host; an IPv6 one is in brackets. */
	if (*p == ':')
		p++;
	else {
		hlen = strlen(host);
		if (ipv6) {
			if (*p != '[' || strncasecmp(p + 1, host, hlen) != 0 ||
			    p[hlen + 1] != ']')
				return 0;
			p += hlen + 2;
		} else {
			if (strncasecmp(p, host, hlen) != 0)
				return 0;
			p += hlen;
		}
		if (*p++ != ':')
			return 0;
	}
	/* PORT1: empty matches any port. */
	if (*p == ':')
		p++;
	else {
		if ((colon = strchr(p, ':')) == NULL)
			return 0;
		n = (size_t)(colon - p);
		if (n == 0 || n >= sizeof(num) || strspn(p, "0123456789") != n)
			return 0;
		memcpy(num, p, n);
		num[n] = '\0';
		if (strtonum(num, 0, 65535, &errstr) != port || errstr != NULL)
			return 0;
		p = colon + 1;
	}
	/* HOST2[:PORT2], either part empty to keep the URL's. */
	h = p;
	if (*h == '[') {
		h++;
		hend = h + strspn(h, "0123456789abcdefABCDEF:.");
		if (*hend == '%')
			hend += 1 + strspn(hend + 1,
			    "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~");
		ps = *hend == ']' ? hend + 1 : hend;
		if ((colon = strchr(ps, ':')) != NULL && *hend != ']')
			hend = colon;
	} else {
		colon = strchr(h, ':');
		hend = colon != NULL ? colon : h + strlen(h);
	}
	if (colon != NULL && colon[1] != '\0') {
		*badport = colon + 1;
		n = strlen(colon + 1);
		if (n >= sizeof(num) || strspn(colon + 1, "0123456789") != n)
			return -1;
		v = strtonum(colon + 1, 0, 65535, &errstr);
		if (errstr != NULL)
			return -1;
		*badport = NULL;
		*to_port = (int)v;
	}
	if (hend > h && (*to_host = strndup(h, (size_t)(hend - h))) == NULL)
		return -2;
	return 1;
}

/* The first --connect-to entry that names a host or a port wins. */
static int
connect_to(const struct config *cfg, const struct httpc_url *u,
    struct route *r)
{
	const char	*bad;
	size_t		 i;
	int		 m, port;

	for (i = 0; i < cfg->connect_to.n; i++) {
		m = route_connect_to(cfg->connect_to.v[i], u->host, u->ipv6,
		    u->portnum, &r->connect_host, &port, &bad);
		if (m == -2)
			return msg_nomem();
		if (m == -1) {
			msg_error(EXIT_OPTION_SYNTAX, "No valid port number in "
			    "connect to host string (%s)", bad);
			return EXIT_OPTION_SYNTAX;
		}
		if (m == 1 && (r->connect_host != NULL || port >= 0)) {
			r->connect_port = port > 0 ? port : 0;
			return 0;
		}
	}
	return 0;
}

/*
 * The request-target a proxy gets (RFC 9112 section 3.2.2): the URL
 * without user information or fragment, the port only when it is not
 * the scheme's default, as curl sends it.
 */
static int
absolute_target(const struct httpc_url *u, char **out)
{
	char	 port[16] = "";
	int	 dflt;

	dflt = strcmp(u->scheme, "https") == 0 ? HTTPC_HTTPS_PORT :
	    HTTPC_HTTP_PORT;
	if (u->portnum != dflt)
		snprintf(port, sizeof(port), ":%d", u->portnum);
	if (asprintf(out, "%s://%s%s%s%s%s%s%s", u->scheme, u->ipv6 ? "[" : "",
	    u->host, u->zone != NULL ? "%25" : "", u->zone != NULL ? u->zone :
	    "", u->ipv6 ? "]" : "", port, u->target) == -1) {
		*out = NULL;
		return msg_nomem();
	}
	return 0;
}

int
route_get(const struct config *cfg, const char *proxy_userpw,
    const struct httpc_url *u, struct route *r)
{
	struct proxy_query	 q;
	const char		*spec = NULL, *user;
	char			 msg[1200];
	enum proxy_err		 pe;
	int			 rc;

	memset(r, 0, sizeof(*r));
	if ((rc = connect_to(cfg, u, r)) != 0)
		return rc;
	if (cfg->unix_socket != NULL)
		return 0;
	memset(&q, 0, sizeof(q));
	q.scheme = u->scheme;
	q.host = u->host;
	q.proxy = cfg->proxy;
	q.noproxy = cfg->noproxy;
	q.note = note;
	q.note_arg = (void *)cfg;
	if ((pe = proxy_select(&q, &r->proxy, &spec)) != PROXY_OK) {
		msg_error(proxy_exitcode(pe), "%s", proxy_message(pe, spec, msg,
		    sizeof(msg)));
		return proxy_exitcode(pe);
	}
	if (r->proxy == NULL)
		return 0;
	r->tunnel = cfg->proxytunnel || strcmp(u->scheme, "https") == 0;
	if ((rc = auth_proxy_value(proxy_userpw, r->proxy,
	    &r->proxy_auth)) != 0)
		return rc;
	if (r->proxy_auth != NULL) {
		user = r->proxy->user != NULL ? r->proxy->user : proxy_userpw;
		msg_verbose(cfg->verbose, "Proxy auth using Basic with user "
		    "'%.*s'", (int)strcspn(user, r->proxy->user != NULL ? "" :
		    ":"), user);
	}
	if (!r->tunnel)
		return absolute_target(u, &r->target);
	return 0;
}

void
route_free(struct route *r)
{
	proxy_free(r->proxy);
	if (r->proxy_auth != NULL)
		freezero(r->proxy_auth, strlen(r->proxy_auth));
	free(r->target);
	free(r->connect_host);
	memset(r, 0, sizeof(*r));
}
