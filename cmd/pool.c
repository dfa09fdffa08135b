/*
 * Kept connections, one per scheme, host and port, at most POOL_MAX;
 * libhttpc reconnects by itself when the server ended one.  The TLS
 * options are the same for every URL of a run, so they are no part of
 * the key.
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

static void	 entry_drop(struct pool_entry *);
static int	 resolve_addr(const struct config *, const struct httpc_url *,
		    char *, size_t);

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
 * curl's DNS cache.
 */
static int
resolve_addr(const struct config *cfg, const struct httpc_url *u, char *addr,
    size_t size)
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
		if (errstr != NULL || pn != u->portnum)
			continue;
		if (!((c1 - s == 1 && *s == '*') ||
		    (strlen(u->host) == (size_t)(c1 - s) &&
		    strncasecmp(s, u->host, (size_t)(c1 - s)) == 0)))
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

int
pool_get(struct pool *p, const struct httpc_url *u, struct httpc_conn **cp)
{
	const struct config	*cfg = p->cfg;
	struct pool_entry	*pe = NULL;
	struct httpc_opts	 opts;
	char			 addr[256], hostport[512];
	const char		*env;
	enum httpc_err		 e;
	size_t			 i;
	int			 https;

	for (i = 0; i < POOL_MAX; i++) {
		pe = &p->e[i];
		if (pe->conn != NULL && strcmp(pe->scheme, u->scheme) == 0 &&
		    strcasecmp(pe->host, u->host) == 0 &&
		    pe->port == u->portnum) {
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
	entry_drop(pe);
	https = strcmp(u->scheme, "https") == 0;
	httpc_opts_init(&opts);
	opts.connect_timeout_ms = cfg->connect_timeout_ms;
	if (cfg->http_version != 0)
		opts.http_version = cfg->http_version;
	if (cfg->family == 4)
		opts.family = AF_INET;
	else if (cfg->family == 6)
		opts.family = AF_INET6;
	if (resolve_addr(cfg, u, addr, sizeof(addr)))
		opts.connect_addr = addr;
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
		return httpc_err_exitcode(e);
	}
	if ((pe->scheme = strdup(u->scheme)) == NULL ||
	    (pe->host = strdup(u->host)) == NULL) {
		entry_drop(pe);
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
entry_drop(struct pool_entry *pe)
{
	httpc_conn_free(pe->conn);
	free(pe->scheme);
	free(pe->host);
	memset(pe, 0, sizeof(*pe));
}

void
pool_free(struct pool *p)
{
	size_t	 i;

	for (i = 0; i < POOL_MAX; i++)
		entry_drop(&p->e[i]);
}
