/*
 * Unit tests for cmd/route.c (--connect-to matching as curl 7.88 does it,
 * the proxy, tunnel and request-target of a URL) and for the pool's key
 * (cmd/pool.c): a kept connection is only reused by a request that
 * would have opened the same one.  Nothing connects: httpc_conn_new and
 * the proxy settings only record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpc.h"
#include "core/conn.h"
#include "cmd/args.h"
#include "cmd/pct.h"
#include "cmd/pool.h"
#include "cmd/route.h"
#include "check.h"

static int		 cto(const char *, const char *, int, int, int,
			    const char *, int);
static struct httpc_url	*url(const char *);
static void		 clear_env(void);
static void		 test_connect_to(void);
static void		 test_route(void);
static void		 test_pool_key(void);
static void		 test_pct(void);

/*
 * route_connect_to(entry) for host and port gives rc, and on a match
 * want_host (NULL: keep) and want_port (-1: keep).
 */
static int
cto(const char *entry, const char *host, int ipv6, int port, int rc,
    const char *want_host, int want_port)
{
	const char	*bad;
	char		*h;
	int		 p, got, ok;

	got = route_connect_to(entry, host, ipv6, port, &h, &p, &bad);
	ok = got == rc;
	if (ok && rc == 1)
		ok = (want_host == NULL ? h == NULL : h != NULL &&
		    strcmp(h, want_host) == 0) && p == want_port;
	if (ok && rc == -1)
		ok = h == NULL && bad != NULL;
	if (!ok)
		printf("# connect-to '%s' for %s:%d: rc %d, host %s, "
		    "port %d\n", entry, host, port, got, h != NULL ? h :
		    "(null)", p);
	free(h);
	return ok;
}

static void
test_connect_to(void)
{
	/* Both given, matching. */
	CHECK(cto("a.example:80:b.example:8080", "a.example", 0, 80, 1,
	    "b.example", 8080));
	CHECK(cto("A.Example:80:b:1", "a.example", 0, 80, 1, "b", 1));
	/* Another host, another port, a prefix of the host: no. */
	CHECK(cto("a.example:80:b:1", "c.example", 0, 80, 0, NULL, -1));
	CHECK(cto("a.example:80:b:1", "a.example", 0, 81, 0, NULL, -1));
	CHECK(cto("a:80:b:1", "a.example", 0, 80, 0, NULL, -1));
	CHECK(cto("a.example.org:80:b:1", "a.example", 0, 80, 0, NULL, -1));
	/* Empty HOST1 or PORT1 match any. */
	CHECK(cto("::b:1", "x", 0, 443, 1, "b", 1));
	CHECK(cto(":443:b:", "x", 0, 443, 1, "b", -1));
	CHECK(cto("x::b", "x", 0, 5, 1, "b", -1));
	/* Only a port, only nothing. */
	CHECK(cto("x:5::99", "x", 0, 5, 1, NULL, 99));
	CHECK(cto("x:5:", "x", 0, 5, 1, NULL, -1));
	/* IPv6: HOST1 in brackets, HOST2 without them afterwards. */
	CHECK(cto("[::1]:80:127.0.0.1:8", "::1", 1, 80, 1, "127.0.0.1", 8));
	/* Unbracketed, "::" is two empty fields: HOST2 "1", port "80:...". */
	CHECK(cto("::1:80:127.0.0.1:8", "::1", 1, 80, -1, NULL, -1));
	CHECK(cto("::[::2]:8", "x", 0, 80, 1, "::2", 8));
	CHECK(cto("::[fe80::1%25eth0]:8", "x", 0, 80, 1, "fe80::1%25eth0",
	    8));
	/* Not enough colons: no match, as curl (it is ignored). */
	CHECK(cto("bad", "bad", 0, 80, 0, NULL, -1));
	CHECK(cto("x:80", "x", 0, 80, 0, NULL, -1));
	/* A bad port: an error once the entry matches. */
	CHECK(cto("::b:99999", "x", 0, 80, -1, NULL, -1));
	CHECK(cto("::b:8x", "x", 0, 80, -1, NULL, -1));
	CHECK(cto("::b:-1", "x", 0, 80, -1, NULL, -1));
	CHECK(cto("y::b:99999", "x", 0, 80, 0, NULL, -1));
	/* PORT1 must be digits that fit. */
	CHECK(cto("x:8o:b:1", "x", 0, 80, 0, NULL, -1));
	CHECK(cto("x:123456789:b:1", "x", 0, 80, 0, NULL, -1));
}

static struct httpc_url *
url(const char *s)
{
	struct httpc_url	*u = NULL;

	if (httpc_url_parse(s, HTTPC_URL_DEFAULT_SCHEME, &u, NULL) !=
	    HTTPC_OK)
		return NULL;
	return u;
}

static void
clear_env(void)
{
	static const char *const vars[] = { "http_proxy", "HTTP_PROXY",
	    "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
	    "no_proxy", "NO_PROXY" };
	size_t	 i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
}

static void
test_route(void)
{
	struct config		 cfg;
	struct route		 r;
	struct httpc_url	*h = url("http://u:p@Example.COM:8080/p?q#f");
	struct httpc_url	*s = url("https://example.com/");
	struct httpc_url	*d = url("http://example.com/x");
	struct httpc_url	*v6 = url("http://[::1]:81/");

	clear_env();
	memset(&cfg, 0, sizeof(cfg));
	CHECK(h != NULL && s != NULL && d != NULL && v6 != NULL);
	if (h == NULL || s == NULL || d == NULL || v6 == NULL)
		goto done;

	/* Direct: nothing set. */
	CHECK(route_get(&cfg, NULL, h, &r) == 0);
	CHECK(r.proxy == NULL && r.target == NULL && !r.tunnel &&
	    r.connect_host == NULL && r.connect_port == 0);
	route_free(&r);

	/* -x: absolute form for http://, the default port left out. */
	cfg.proxy = "127.0.0.1:3128";
	CHECK(route_get(&cfg, NULL, h, &r) == 0);
	CHECK(r.proxy != NULL && !r.tunnel && r.proxy_auth == NULL);
	CHECK(r.proxy != NULL && r.proxy->port == 3128 &&
	    strcmp(r.proxy->host, "127.0.0.1") == 0);
	CHECK(r.target != NULL &&
	    strcmp(r.target, "http://Example.COM:8080/p?q") == 0);
	route_free(&r);
	CHECK(route_get(&cfg, NULL, d, &r) == 0);
	CHECK(r.target != NULL && strcmp(r.target, "http://example.com/x") ==
	    0);
	route_free(&r);
	CHECK(route_get(&cfg, NULL, v6, &r) == 0);
	CHECK(r.target != NULL && strcmp(r.target, "http://[::1]:81/") == 0);
	route_free(&r);

	/* https:// always tunnels; -p makes http:// tunnel too. */
	CHECK(route_get(&cfg, NULL, s, &r) == 0);
	CHECK(r.proxy != NULL && r.tunnel && r.target == NULL);
	route_free(&r);
	cfg.proxytunnel = 1;
	CHECK(route_get(&cfg, NULL, h, &r) == 0);
	CHECK(r.proxy != NULL && r.tunnel && r.target == NULL);
	route_free(&r);
	cfg.proxytunnel = 0;

	/* -U: Basic; the proxy string's credentials win. */
	CHECK(route_get(&cfg, "pu:pw", h, &r) == 0);
	CHECK(r.proxy_auth != NULL &&
	    strcmp(r.proxy_auth, "Basic cHU6cHc=") == 0);
	route_free(&r);
	cfg.proxy = "http://a%40b:c@127.0.0.1:3128";
	CHECK(route_get(&cfg, "pu:pw", h, &r) == 0);
	CHECK(r.proxy_auth != NULL &&
	    strcmp(r.proxy_auth, "Basic YUBiOmM=") == 0);
	route_free(&r);
	cfg.proxy = "127.0.0.1:3128";

	/* --noproxy, and a Unix socket: direct. */
	cfg.noproxy = "example.com";
	CHECK(route_get(&cfg, NULL, h, &r) == 0 && r.proxy == NULL);
	route_free(&r);
	cfg.noproxy = NULL;
	cfg.unix_socket = "/run/x.sock";
	CHECK(route_get(&cfg, NULL, h, &r) == 0 && r.proxy == NULL &&
	    r.target == NULL);
	route_free(&r);
	cfg.unix_socket = NULL;

	/* The environment: http_proxy, never HTTP_PROXY. */
	cfg.proxy = NULL;
	setenv("HTTP_PROXY", "127.0.0.1:1", 1);
	CHECK(route_get(&cfg, NULL, d, &r) == 0 && r.proxy == NULL);
	route_free(&r);
	setenv("http_proxy", "127.0.0.1:2", 1);
	CHECK(route_get(&cfg, NULL, d, &r) == 0 && r.proxy != NULL &&
	    r.proxy->port == 2);
	route_free(&r);
	setenv("HTTPS_PROXY", "127.0.0.1:3", 1);
	CHECK(route_get(&cfg, NULL, s, &r) == 0 && r.proxy != NULL &&
	    r.proxy->port == 3 && r.tunnel);
	route_free(&r);
	setenv("NO_PROXY", "*", 1);
	CHECK(route_get(&cfg, NULL, s, &r) == 0 && r.proxy == NULL);
	route_free(&r);
	cfg.proxy = "";
	unsetenv("NO_PROXY");
	CHECK(route_get(&cfg, NULL, d, &r) == 0 && r.proxy == NULL);
	route_free(&r);
	clear_env();

	/* Bad proxy strings: curl's codes. */
	cfg.proxy = "http://:1";
	CHECK(route_get(&cfg, NULL, d, &r) == 5 && r.proxy == NULL);
	route_free(&r);
	cfg.proxy = "socks5://127.0.0.1";
	CHECK(route_get(&cfg, NULL, d, &r) == 4);
	route_free(&r);
	cfg.proxy = NULL;

	/* --connect-to: the first entry that names a target. */
	CHECK(strlist_add(&cfg.connect_to, "other::z:1") == 0);
	CHECK(strlist_add(&cfg.connect_to, "example.com:80:") == 0);
	CHECK(strlist_add(&cfg.connect_to, ":80::8080") == 0);
	CHECK(strlist_add(&cfg.connect_to, "::y:9") == 0);
	CHECK(route_get(&cfg, NULL, d, &r) == 0);
	CHECK(r.connect_host == NULL && r.connect_port == 8080);
	route_free(&r);
	CHECK(route_get(&cfg, NULL, h, &r) == 0);
	CHECK(r.connect_host != NULL && strcmp(r.connect_host, "y") == 0 &&
	    r.connect_port == 9);
	route_free(&r);
	cfg.connect_to.v[3] = "::y:x";
	CHECK(route_get(&cfg, NULL, h, &r) == EXIT_OPTION_SYNTAX);
	route_free(&r);
	free(cfg.connect_to.v);
done:
	httpc_url_free(h);
	httpc_url_free(s);
	httpc_url_free(d);
	httpc_url_free(v6);
}

/* One conn per route: the same route reuses, any difference does not. */
static void
test_pool_key(void)
{
	struct config		 cfg;
	struct pool		 p;
	struct headers		 none = { NULL, 0 };
	struct route		 direct, proxied, tunnel, other, to;
	struct httpc_conn	*c1, *c2, *c3, *c4, *c5, *c6;
	struct httpc_url	*u = url("http://example.com/");

	clear_env();
	memset(&cfg, 0, sizeof(cfg));
	CHECK(u != NULL);
	if (u == NULL)
		return;
	pool_init(&p, &cfg, 0);
	p.proxy_headers = &none;
	CHECK(route_get(&cfg, NULL, u, &direct) == 0);
	cfg.proxy = "127.0.0.1:3128";
	CHECK(route_get(&cfg, NULL, u, &proxied) == 0);
	cfg.proxytunnel = 1;
	CHECK(route_get(&cfg, NULL, u, &tunnel) == 0);
	cfg.proxytunnel = 0;
	cfg.proxy = "127.0.0.1:3129";
	CHECK(route_get(&cfg, NULL, u, &other) == 0);
	cfg.proxy = NULL;
	memset(&to, 0, sizeof(to));
	to.connect_host = "127.0.0.2";

	c1 = c2 = c3 = c4 = c5 = c6 = NULL;
	CHECK(pool_get(&p, u, &direct, &c1) == 0 && c1 != NULL);
	CHECK(pool_get(&p, u, &proxied, &c2) == 0 && c2 != NULL);
	CHECK(pool_get(&p, u, &tunnel, &c3) == 0 && c3 != NULL);
	CHECK(pool_get(&p, u, &other, &c4) == 0 && c4 != NULL);
	CHECK(pool_get(&p, u, &to, &c5) == 0 && c5 != NULL);
	CHECK(c1 != c2 && c1 != c3 && c2 != c3 && c2 != c4 && c1 != c5 &&
	    c3 != c4);
	/* No --connect-timeout: curl's 300 s, not forever. */
	CHECK(hc_conn_opts(c1)->connect_timeout_ms == POOL_CONNECT_TIMEOUT_MS);
	/* The same routes again: the kept ones. */
	CHECK(pool_get(&p, u, &proxied, &c6) == 0 && c6 == c2);
	CHECK(pool_get(&p, u, &direct, &c6) == 0 && c6 == c1);
	CHECK(pool_get(&p, u, &tunnel, &c6) == 0 && c6 == c3);
	/* The family and the Unix socket are part of the key too. */
	cfg.family = 4;
	CHECK(pool_get(&p, u, &direct, &c6) == 0 && c6 != c1);
	cfg.family = 0;
	cfg.unix_socket = "/run/x.sock";
	CHECK(pool_get(&p, u, &direct, &c6) == 0 && c6 != c1);
	cfg.unix_socket = NULL;
	CHECK(pool_get(&p, u, &direct, &c6) == 0 && c6 == c1);
	pool_free(&p);
	to.connect_host = NULL;
	route_free(&direct);
	route_free(&proxied);
	route_free(&tunnel);
	route_free(&other);
	httpc_url_free(u);
}

static void
test_pct(void)
{
	char	*s;
	int	 ctl = 0;

	s = pct_decode("a%40b%3a%3Ac%", 13, &ctl);
	CHECK(s != NULL && strcmp(s, "a@b::c%") == 0 && ctl == 0);
	free(s);
	s = pct_decode("%4x%4", 5, &ctl);
	CHECK(s != NULL && strcmp(s, "%4x%4") == 0 && ctl == 0);
	free(s);
	/* Only len bytes: "%41" cut to "%4" stays. */
	s = pct_decode("x%41", 3, &ctl);
	CHECK(s != NULL && strcmp(s, "x%4") == 0);
	free(s);
	s = pct_decode("a%0Ab", 5, &ctl);
	CHECK(s != NULL && strcmp(s, "a\nb") == 0 && ctl == 1);
	free(s);
	ctl = 0;
	s = pct_decode("%00", 3, &ctl);
	CHECK(s != NULL && s[0] == '\0' && ctl == 1);
	free(s);
	CHECK(pct_hexval('f') == 15 && pct_hexval('F') == 15 &&
	    pct_hexval('9') == 9 && pct_hexval('g') == -1);
}

int
main(void)
{
	test_connect_to();
	test_route();
	test_pool_key();
	test_pct();
	return check_done("t_route");
}
