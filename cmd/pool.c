/*
 * Kept connections, one per scheme, host, port and route, at most
 * POOL_MAX; libhttpc reconnects by itself when the server ended one.
 * The route (proxy, tunnel and its credentials, --connect-to, Unix
 * socket, address family, local port) is part of the key, so that a
 * kept connection is only ever used for a request that would have made
 * the same one.  The TLS options are the same for every URL of a run,
 * so they are no part of the key.
 *
 * Unlike curl, a proxy without tunnel gets one connection per origin
 * server, not one for all: a libhttpc connection has one Host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "httpc.h"
#include "args.h"
#include "output.h"
#include "pool.h"

static void	 entry_drop(struct pool *, struct pool_entry *);
static int	 resolve_addr(const struct config *, const char *, int,
		    char *, size_t);
static char	*route_key(const struct config *, const struct route *);
static int	 header_add(char ***, size_t *, const char *, const char *);
static void	 headers_wipe(char **, size_t);
static int	 tunnel_headers(const struct pool *, const struct route *,
		    char ***, size_t *);
static int	 setup_proxy(struct pool *, struct httpc_conn *,
		    const struct route *);

void
pool_init(struct pool *p, const struct config *cfg, int debuglevel)
{
	memset(p, 0, sizeof(*p));
	p->cfg = cfg;
	p->debuglevel = debuglevel;
}

/*
 * --resolve HOST:PORT:ADDR[,ADDR...]: the first entry whose host ("*"
 * for any) and port match gives the address to connect to.  A leading
 * '+' is accepted and '-' (removal) ignored, as they only matter to
 * curl's DNS cache.  host and port are those connected to: the URL's,
 * --connect-to's or the proxy's.
 */
static int
resolve_addr(const struct config *cfg, const char *host, int portnum,
    char *addr, size_t size)
{
	const char	*s, *c1, *c2, *a, *errstr;
	char		 port[8];
	size_t		 i, n;
	long long	 pn;

	for (i = 0; i < cfg->resolve.n; i++) {
		s = cfg->resolve.v[i];
		if (*s == '-')
			continue;
		if (*s == '+')
			s++;
		if ((c1 = strchr(s, ':')) == NULL ||
		    (c2 = strchr(c1 + 1, ':')) == NULL)
			continue;
		n = (size_t)(c2 - c1 - 1);
		if (n == 0 || n >= sizeof(port))
			continue;
		memcpy(port, c1 + 1, n);
		port[n] = '\0';
		pn = strtonum(port, 1, 65535, &errstr);
		if (errstr != NULL || pn != portnum)
			continue;
		if (!((c1 - s == 1 && *s == '*') ||
		    (strlen(host) == (size_t)(c1 - s) &&
		    strncasecmp(s, host, (size_t)(c1 - s)) == 0)))
			continue;
		a = c2 + 1;
		n = strcspn(a, ",");
		if (n >= 2 && a[0] == '[' && a[n - 1] == ']') {
			a++;
			n -= 2;
		}
		if (n == 0 || n >= size)
			continue;
		memcpy(addr, a, n);
		addr[n] = '\0';
		return 1;
	}
	return 0;
}

/*
 * Everything but scheme, host and port that decides where a connection
 * goes and what it sent to open: two requests with the same key could
 * have made the same connection.  NULL when out of memory.
 */
static char *
route_key(const struct config *cfg, const struct route *r)
{
	char	*k;

	if (asprintf(&k, "proxy=%s:%d tunnel=%d auth=%s to=%s:%d unix=%s%s "
	    "family=%d local=%d-%d", r->proxy != NULL ? r->proxy->host : "",
	    r->proxy != NULL ? r->proxy->port : 0, r->tunnel,
	    r->tunnel && r->proxy_auth != NULL ? r->proxy_auth : "",
	    r->connect_host != NULL ? r->connect_host : "", r->connect_port,
	    cfg->unix_abstract ? "@" : "", cfg->unix_socket != NULL ?
	    cfg->unix_socket : "", cfg->family, cfg->local_port,
	    cfg->local_port_max) == -1)
		return NULL;
	return k;
}

/* Appends "name: value" to the list; 0 or -1 (no memory). */
static int
header_add(char ***vp, size_t *np, const char *name, const char *value)
{
	char	**v, *h;

	if (asprintf(&h, "%s: %s", name, value) == -1)
		return -1;
	if ((v = reallocarray(*vp, *np + 1, sizeof(*v))) == NULL) {
		freezero(h, strlen(h));
		return -1;
	}
	v[(*np)++] = h;
	*vp = v;
	return 0;
}

/* Proxy-Authorization may be among them: wiped, not just freed. */
static void
headers_wipe(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		freezero(v[i], strlen(v[i]));
	free(v);
}

/*
 * The CONNECT request's headers as curl 7.88 writes them (lib/
 * cf-h1-proxy.c): Proxy-Authorization, User-Agent (-A's; -H goes to
 * the origin only), Proxy-Connection, then each --proxy-header in its
 * order.  A --proxy-header of one of the first three names takes its
 * place, "Name:" drops it.  libhttpc writes Host first unless there is
 * one here.  Unlike curl 7.88, -A '' sends no empty User-Agent.
 */
static int
tunnel_headers(const struct pool *p, const struct route *r, char ***vp,
    size_t *np)
{
	const struct config	*cfg = p->cfg;
	const struct headers	*ph = p->proxy_headers;
	const char		*ua = "httpc/" HTTPC_VERSION;
	size_t			 i;

	*vp = NULL;
	*np = 0;
	if (cfg->user_agent_set)
		ua = cfg->user_agent[0] != '\0' ? cfg->user_agent : NULL;
	if ((r->proxy_auth != NULL && (ph == NULL ||
	    headers_find(ph, "Proxy-Authorization") == NULL) &&
	    header_add(vp, np, "Proxy-Authorization", r->proxy_auth) == -1) ||
	    (ua != NULL && (ph == NULL || headers_find(ph, "User-Agent") ==
	    NULL) && header_add(vp, np, "User-Agent", ua) == -1) ||
	    ((ph == NULL || headers_find(ph, "Proxy-Connection") == NULL) &&
	    header_add(vp, np, "Proxy-Connection", "Keep-Alive") == -1))
		goto nomem;
	for (i = 0; ph != NULL && i < ph->n; i++)
		if (ph->v[i].value != NULL && header_add(vp, np,
		    ph->v[i].name, ph->v[i].value) == -1)
			goto nomem;
	return 0;
nomem:
	headers_wipe(*vp, *np);
	*vp = NULL;
	*np = 0;
	return msg_nomem();
}

/* A new connection goes through r's proxy, and its tunnel if any. */
static int
setup_proxy(struct pool *p, struct httpc_conn *c, const struct route *r)
{
	const struct proxy	*px = r->proxy;
	char			 addr[256], **hv = NULL;
	size_t			 hn = 0;
	enum httpc_err		 e;
	int			 rc;

	if (px == NULL)
		return 0;
	e = httpc_conn_set_proxy(c, resolve_addr(p->cfg, px->host, px->port,
	    addr, sizeof(addr)) ? addr : px->host, px->port);
	if (e == HTTPC_OK && r->tunnel) {
		if ((rc = tunnel_headers(p, r, &hv, &hn)) != 0)
			return rc;
		e = httpc_conn_set_tunnel(c, (const char *const *)hv, hn);
		headers_wipe(hv, hn);
	}
	if (e != HTTPC_OK) {
		msg_error(httpc_err_exitcode(e), "%s",
		    *httpc_conn_errmsg(c) != '\0' ? httpc_conn_errmsg(c) :
		    httpc_strerror(e));
		return httpc_err_exitcode(e);
	}
	return 0;
}

int
pool_get(struct pool *p, const struct httpc_url *u, const struct route *r,
    struct httpc_conn **cp)
{
	const struct config	*cfg = p->cfg;
	struct pool_entry	*pe = NULL;
	struct httpc_opts	 opts;
	char			 addr[256], hostport[512], *key;
	const char		*env;
	enum httpc_err		 e;
	size_t			 i;
	int			 https, rc;

	if ((key = route_key(cfg, r)) == NULL)
		return msg_nomem();
	for (i = 0; i < POOL_MAX; i++) {
		pe = &p->e[i];
		if (pe->conn != NULL && strcmp(pe->scheme, u->scheme) == 0 &&
		    strcasecmp(pe->host, u->host) == 0 &&
		    pe->port == u->portnum && strcmp(pe->route, key) == 0) {
			freezero(key, strlen(key));
			pe->used = ++p->clock;
			*cp = pe->conn;
			if (p->deadline > 0)
				httpc_conn_set_deadline(pe->conn, p->deadline);
			return 0;
		}
	}
	/* A free slot, or the least recently used one. */
	pe = &p->e[0];
	for (i = 0; i < POOL_MAX; i++) {
		if (p->e[i].conn == NULL) {
			pe = &p->e[i];
			break;
		}
		if (p->e[i].used < pe->used)
			pe = &p->e[i];
	}
	entry_drop(p, pe);
	pe->route = key;
	https = strcmp(u->scheme, "https") == 0;
	httpc_opts_init(&opts);
	opts.connect_timeout_ms = cfg->connect_timeout_ms > 0 ?
	    cfg->connect_timeout_ms : POOL_CONNECT_TIMEOUT_MS;
	if (cfg->http_version != 0)
		opts.http_version = cfg->http_version;
	if (cfg->family == 4)
		opts.family = AF_INET;
	else if (cfg->family == 6)
		opts.family = AF_INET6;
	if (resolve_addr(cfg, r->connect_host != NULL ? r->connect_host :
	    u->host, r->connect_port > 0 ? r->connect_port : u->portnum, addr,
	    sizeof(addr)))
		opts.connect_addr = addr;
	opts.connect_to_host = r->connect_host;
	opts.connect_to_port = r->connect_port;
	opts.unix_socket = cfg->unix_socket;
	opts.unix_abstract = cfg->unix_abstract;
	opts.local_port = cfg->local_port;
	opts.local_port_max = cfg->local_port_max;
	opts.cafile = cfg->cacert;
	if (opts.cafile == NULL && (env = getenv("CURL_CA_BUNDLE")) != NULL &&
	    *env != '\0')
		opts.cafile = env;
	opts.capath = cfg->capath;
	opts.cert_file = cfg->cert;
	opts.key_file = cfg->key;
	opts.key_password = cfg->pass != NULL ? cfg->pass : cfg->cert_pass;
	opts.insecure = cfg->insecure;
	opts.tls_min = cfg->tls_min;
	opts.tls_max = cfg->tls_max;
	opts.ciphers = cfg->ciphers;
	if (https && cfg->tls_max != 0 && cfg->tls_max < 12) {
		msg_error(EXIT_NOT_BUILT_IN, "TLS versions below 1.2 are not "
		    "supported");
		entry_drop(p, pe);
		return EXIT_NOT_BUILT_IN;
	}
	/* The host as httpc_conn_new takes it: brackets for IPv6. */
	if (u->ipv6 && u->zone != NULL)
		snprintf(hostport, sizeof(hostport), "[%s%%%s]", u->host,
		    u->zone);
	else
		snprintf(hostport, sizeof(hostport), u->ipv6 ? "[%s]" : "%s",
		    u->host);
	if (https)
		e = httpc_https_conn_new(&pe->conn, hostport, u->portnum,
		    &opts);
	else
		e = httpc_conn_new(&pe->conn, hostport, u->portnum, &opts);
	if (e != HTTPC_OK) {
		msg_error(httpc_err_exitcode(e), "%s", pe->conn != NULL &&
		    *httpc_conn_errmsg(pe->conn) != '\0' ?
		    httpc_conn_errmsg(pe->conn) : httpc_strerror(e));
		httpc_conn_free(pe->conn);
		pe->conn = NULL;
		entry_drop(p, pe);
		return httpc_err_exitcode(e);
	}
	if ((rc = setup_proxy(p, pe->conn, r)) != 0) {
		entry_drop(p, pe);
		return rc;
	}
	if ((pe->scheme = strdup(u->scheme)) == NULL ||
	    (pe->host = strdup(u->host)) == NULL) {
		entry_drop(p, pe);
		msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
		return EXIT_OUT_OF_MEMORY;
	}
	pe->port = u->portnum;
	pe->used = ++p->clock;
	httpc_conn_set_debuglevel(pe->conn, p->debuglevel);
	if (p->deadline > 0)
		httpc_conn_set_deadline(pe->conn, p->deadline);
	*cp = pe->conn;
	return 0;
}

static void
entry_drop(struct pool *p, struct pool_entry *pe)
{
	struct httpc_conn_info	 info;

	/* Its connections still count for %{num_connects}. */
	if (pe->conn != NULL) {
		httpc_conn_info(pe->conn, &info);
		p->connects_gone += info.num_connects;
	}
	httpc_conn_free(pe->conn);
	free(pe->scheme);
	free(pe->host);
	if (pe->route != NULL)
		freezero(pe->route, strlen(pe->route));
	memset(pe, 0, sizeof(*pe));
}

int
pool_connects(const struct pool *p)
{
	struct httpc_conn_info	 info;
	int			 n = p->connects_gone;
	size_t			 i;

	for (i = 0; i < POOL_MAX; i++) {
		if (p->e[i].conn == NULL)
			continue;
		httpc_conn_info(p->e[i].conn, &info);
		n += info.num_connects;
	}
	return n;
}

void
pool_free(struct pool *p)
{
	size_t	 i;

	for (i = 0; i < POOL_MAX; i++)
		entry_drop(p, &p->e[i]);
}
