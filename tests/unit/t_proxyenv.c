/*
 * Unit tests for cmd/proxyenv.c: the environment as curl 7.88 reads it
 * (each case below was run against curl 7.88.1 with a proxy on
 * 127.0.0.1; the comments say where httpc differs), the no-proxy
 * list, and proxy strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/proxyenv.h"
#include "check.h"

/* A fake environment: "NAME=value" strings, NULL-terminated. */
struct fakeenv {
	const char	*const *vars;
};

struct notes {
	char	 text[2048];
};

static const char	*fake_getenv(void *, const char *);
static void		 take_note(void *, const char *);
static struct proxy	*pick(const char *, const char *, const char *,
			    const char *, const char *const *,
			    enum proxy_err *);
static int		 via(const char *, const char *, const char *,
			    const char *, const char *const *, const char *,
			    int);
static int		 direct(const char *, const char *, const char *,
			    const char *, const char *const *);
static int		 parses(const char *, const char *, int,
			    const char *, const char *);
static void		 test_env(void);
static void		 test_noproxy_env(void);
static void		 test_options(void);
static void		 test_notes(void);
static void		 test_match(void);
static void		 test_parse(void);
static void		 test_errors(void);

static const char *
fake_getenv(void *arg, const char *name)
{
	struct fakeenv		*env = arg;
	const char *const	*v;
	size_t			 n = strlen(name);

	for (v = env->vars; v != NULL && *v != NULL; v++)
		if (strncmp(*v, name, n) == 0 && (*v)[n] == '=')
			return *v + n + 1;
	return NULL;
}

static void
take_note(void *arg, const char *msg)
{
	struct notes	*n = arg;

	strlcat(n->text, msg, sizeof(n->text));
	strlcat(n->text, "\n", sizeof(n->text));
}

static struct proxy *
pick(const char *url_scheme, const char *host, const char *x,
    const char *noproxy, const char *const *vars, enum proxy_err *ep)
{
	struct proxy_query	 q;
	struct fakeenv		 env = { vars };
	struct proxy		*p;

	memset(&q, 0, sizeof(q));
	q.scheme = url_scheme;
	q.host = host;
	q.proxy = x;
	q.noproxy = noproxy;
	q.getenv = fake_getenv;
	q.getenv_arg = &env;
	*ep = proxy_select(&q, &p, NULL);
	return p;
}

/* Goes through host:port, the choice made by variable (or "-x"). */
static int
via(const char *scheme, const char *host, const char *x,
    const char *noproxy, const char *const *vars, const char *phost,
    int pport)
{
	struct proxy	*p;
	enum proxy_err	 e;
	int		 ok;

	p = pick(scheme, host, x, noproxy, vars, &e);
	ok = e == PROXY_OK && p != NULL && strcmp(p->host, phost) == 0 &&
	    p->port == pport;
	proxy_free(p);
	return ok;
}

static int
direct(const char *scheme, const char *host, const char *x,
    const char *noproxy, const char *const *vars)
{
	struct proxy	*p;
	enum proxy_err	 e;

	p = pick(scheme, host, x, noproxy, vars, &e);
	proxy_free(p);
	return e == PROXY_OK && p == NULL;
}

/* The environment, with the proxy at 127.0.0.1:18083 as in the runs. */
static void
test_env(void)
{
	static const char *const lower[] = { "http_proxy=127.0.0.1:18083",
	    NULL };
	static const char *const upper[] = { "HTTP_PROXY=127.0.0.1:18083",
	    NULL };
	static const char *const all[] = { "http_proxy=",
	    "all_proxy=127.0.0.1:18083", NULL };
	static const char *const all_up[] = { "ALL_PROXY=127.0.0.1:18084",
	    NULL };
	static const char *const all_both[] = { "ALL_PROXY=127.0.0.1:18084",
	    "all_proxy=127.0.0.1:18083", NULL };
	static const char *const https_l[] = {
	    "https_proxy=127.0.0.1:1", NULL };
	static const char *const https_u[] = {
	    "HTTPS_PROXY=127.0.0.1:1", NULL };
	static const char *const https_both[] = {
	    "HTTPS_PROXY=127.0.0.1:1", "https_proxy=127.0.0.1:2", NULL };
	static const char *const https_empty[] = {
	    "https_proxy=", "HTTPS_PROXY=127.0.0.1:1", NULL };
	static const char *const http_only[] = {
	    "http_proxy=127.0.0.1:1", NULL };
	static const char *const none[] = { NULL };
	struct proxy	*p;
	enum proxy_err	 e;

	CHECK(via("http", "example.invalid", NULL, NULL, lower, "127.0.0.1",
	    18083));
	/* httpoxy: HTTP_PROXY is never read. */
	CHECK(direct("http", "example.invalid", NULL, NULL, upper));
	CHECK(direct("HTTP", "example.invalid", NULL, NULL, upper));
	/* An empty variable is unset: all_proxy is next. */
	CHECK(via("http", "example.invalid", NULL, NULL, all, "127.0.0.1",
	    18083));
	CHECK(via("http", "example.invalid", NULL, NULL, all_up, "127.0.0.1",
	    18084));
	CHECK(via("http", "example.invalid", NULL, NULL, all_both,
	    "127.0.0.1", 18083));
	/* https: either case, lower case first; http_proxy is not it. */
	CHECK(via("https", "127.0.0.2", NULL, NULL, https_l, "127.0.0.1", 1));
	CHECK(via("https", "127.0.0.2", NULL, NULL, https_u, "127.0.0.1", 1));
	CHECK(via("https", "127.0.0.2", NULL, NULL, https_both, "127.0.0.1",
	    2));
	CHECK(via("HTTPS", "127.0.0.2", NULL, NULL, https_empty, "127.0.0.1",
	    1));
	CHECK(direct("https", "127.0.0.2", NULL, NULL, http_only));
	CHECK(via("https", "127.0.0.2", NULL, NULL, all_up, "127.0.0.1",
	    18084));
	CHECK(direct("http", "example.invalid", NULL, NULL, none));
	CHECK(direct("http", "example.invalid", NULL, NULL, NULL));
	/* Where it came from, for -v. */
	p = pick("https", "h", NULL, NULL, https_u, &e);
	CHECK(p != NULL && strcmp(p->from, "HTTPS_PROXY") == 0);
	proxy_free(p);
	p = pick("http", "h", NULL, NULL, all, &e);
	CHECK(p != NULL && strcmp(p->from, "all_proxy") == 0);
	proxy_free(p);
	p = pick("http", "h", "127.0.0.1:9", NULL, all, &e);
	CHECK(p != NULL && strcmp(p->from, "-x") == 0 && p->port == 9);
	proxy_free(p);
	/* Another scheme has no variable of its own here. */
	CHECK(via("ftp", "h", NULL, NULL, all_up, "127.0.0.1", 18084));
	CHECK(direct("ftp", "h", NULL, NULL, http_only));
}

static void
test_noproxy_env(void)
{
	static const char *const np1[] = { "http_proxy=127.0.0.1:18083",
	    "no_proxy=invalid", NULL };
	static const char *const np2[] = { "http_proxy=127.0.0.1:18083",
	    "no_proxy=.invalid", NULL };
	static const char *const np3[] = { "http_proxy=127.0.0.1:18083",
	    "no_proxy=xample.invalid", NULL };
	static const char *const np4[] = { "http_proxy=127.0.0.1:18083",
	    "no_proxy=example.invalid:80", NULL };
	static const char *const np5[] = { "http_proxy=127.0.0.1:18083",
	    "no_proxy=example.invalid", NULL };
	static const char *const np6[] = { "http_proxy=127.0.0.1:18083",
	    "NO_PROXY=example.invalid", "no_proxy=", NULL };
	static const char *const np7[] = { "http_proxy=127.0.0.1:18083",
	    "NO_PROXY=example.invalid", "no_proxy=other", NULL };
	static const char *const np8[] = { "http_proxy=127.0.0.1:1",
	    "no_proxy=*", NULL };
	static const char *const np9[] = { "http_proxy=127.0.0.1:1",
	    "no_proxy=127.0.0.2", NULL };

	CHECK(direct("http", "example.invalid", NULL, NULL, np1));
	CHECK(direct("http", "example.invalid", NULL, NULL, np2));
	CHECK(via("http", "example.invalid", NULL, NULL, np3, "127.0.0.1",
	    18083));
	/* A port in the list: that entry matches nothing (curl 7.88). */
	CHECK(via("http", "example.invalid", NULL, NULL, np4, "127.0.0.1",
	    18083));
	/* The list applies to -x too. */
	CHECK(direct("http", "example.invalid", "127.0.0.1:18083", NULL,
	    np5));
	/* An empty no_proxy is unset: NO_PROXY counts. */
	CHECK(direct("http", "example.invalid", NULL, NULL, np6));
	/* Both set: lower case wins. */
	CHECK(via("http", "example.invalid", NULL, NULL, np7, "127.0.0.1",
	    18083));
	CHECK(direct("http", "127.0.0.2", NULL, NULL, np8));
	CHECK(direct("http", "127.0.0.2", NULL, NULL, np9));
	/* --noproxy replaces the variable, "" included. */
	CHECK(via("http", "127.0.0.2", NULL, "", np9, "127.0.0.1", 1));
	CHECK(via("http", "127.0.0.2", NULL, "x", np9, "127.0.0.1", 1));
	CHECK(direct("http", "127.0.0.3", NULL, "*", np9));
	/* -x "" means no proxy, the environment unread. */
	CHECK(direct("http", "127.0.0.3", "", NULL, np9));
	CHECK(direct("http", "127.0.0.3", "", NULL, np1));
}

/* -x with and without the environment. */
static void
test_options(void)
{
	static const char *const env[] = { "http_proxy=127.0.0.1:1", NULL };
	struct proxy	*p;
	enum proxy_err	 e;

	CHECK(via("http", "h", "proxy.example:3128", NULL, env,
	    "proxy.example", 3128));
	CHECK(via("http", "h", "http://proxy.example", NULL, NULL,
	    "proxy.example", 1080));
	/* A bad -x is an error, even with a good variable. */
	p = pick("http", "h", "http://:1", NULL, env, &e);
	CHECK(p == NULL && e == PROXY_SYNTAX);
	/* A bad variable too. */
	{
		static const char *const bad[] = {
		    "http_proxy=foo://127.0.0.1:18083", NULL };
		struct proxy_query	 q;
		struct fakeenv		 fe = { bad };
		const char		*spec;

		memset(&q, 0, sizeof(q));
		q.scheme = "http";
		q.host = "h";
		q.getenv = fake_getenv;
		q.getenv_arg = &fe;
		CHECK(proxy_select(&q, &p, &spec) == PROXY_SCHEME);
		CHECK(p == NULL && spec != NULL &&
		    strcmp(spec, "foo://127.0.0.1:18083") == 0);
		/* The no-proxy list is read before the proxy string. */
		q.noproxy = "h";
		CHECK(proxy_select(&q, &p, &spec) == PROXY_OK);
		CHECK(p == NULL && spec == NULL);
	}
}

/* The lines curl prints under -v. */
static void
test_notes(void)
{
	static const char *const env[] = { "http_proxy=127.0.0.1:1",
	    "NO_PROXY=foo bar", NULL };
	struct proxy_query	 q;
	struct fakeenv		 fe = { env };
	struct notes		 n;
	struct proxy		*p;

	memset(&q, 0, sizeof(q));
	memset(&n, 0, sizeof(n));
	q.scheme = "http";
	q.host = "example.com";
	q.getenv = fake_getenv;
	q.getenv_arg = &fe;
	q.note = take_note;
	q.note_arg = &n;
	CHECK(proxy_select(&q, &p, NULL) == PROXY_OK && p != NULL);
	CHECK(strcmp(n.text,
	    "Uses proxy env variable NO_PROXY == 'foo bar'\n"
	    "Uses proxy env variable http_proxy == '127.0.0.1:1'\n"
	    "space-separated NOPROXY patterns are deprecated\n") == 0);
	proxy_free(p);
	/* A match: the proxy variable is not read. */
	memset(&n, 0, sizeof(n));
	q.host = "bar";
	CHECK(proxy_select(&q, &p, NULL) == PROXY_OK && p == NULL);
	CHECK(strcmp(n.text,
	    "Uses proxy env variable NO_PROXY == 'foo bar'\n"
	    "space-separated NOPROXY patterns are deprecated\n") == 0);
	/* --noproxy given: no variable named. */
	memset(&n, 0, sizeof(n));
	q.noproxy = "";
	CHECK(proxy_select(&q, &p, NULL) == PROXY_OK && p != NULL);
	CHECK(strcmp(n.text,
	    "Uses proxy env variable http_proxy == '127.0.0.1:1'\n") == 0);
	proxy_free(p);
}

static void
test_match(void)
{
	static const struct {
		const char	*host;
		const char	*list;
		int		 want;
	} t[] = {
		/* names: exact, suffix on a dot, dots ignored, no case */
		{ "example.com", "example.com", 1 },
		{ "www.example.com", "example.com", 1 },
		{ "www.example.com", ".example.com", 1 },
		{ "example.com", ".example.com", 1 },
		{ "example.com", "example.com.", 1 },
		{ "example.com.", "example.com", 1 },
		{ "LOCALHOST", "localhost.", 1 },
		{ "nonexample.com", "example.com", 0 },
		{ "example.com", "www.example.com", 0 },
		{ "example.co", "example.com", 0 },
		{ "a.b.c", "c", 1 },
		{ "a.b.c", "b.c", 1 },
		{ "a.b.c", ".", 0 },
		{ "h", "", 0 },
		{ "h", NULL, 0 },
		{ "", "h", 0 },
		/* lists: commas, blanks, empties */
		{ "b.com", "a.com,b.com", 1 },
		{ "b.com", "a.com, b.com", 1 },
		{ "b.com", " a.com ,, b.com ,", 1 },
		{ "b.com", "a.com b.com", 1 },
		{ "b.com", "a.com\tb.com", 1 },
		{ "c.com", "a.com,b.com", 0 },
		{ "b.com", ",,,", 0 },
		/* "*" only alone */
		{ "anything", "*", 1 },
		{ "127.0.0.1", "*", 1 },
		{ "anything", "foo,*", 0 },
		{ "anything", " *", 0 },
		/* ports never match (curl 7.88) */
		{ "example.com", "example.com:80", 0 },
		{ "127.0.0.1", "127.0.0.1:80", 0 },
		/* IPv4: exact, CIDR */
		{ "127.0.0.2", "127.0.0.2", 1 },
		{ "127.0.0.2", "127.0.0.3", 0 },
		{ "127.0.0.2", "127.0.0.0/8", 1 },
		{ "128.0.0.2", "127.0.0.0/8", 0 },
		{ "127.0.0.2", "127.0.0.2/32", 1 },
		{ "127.0.0.3", "127.0.0.2/31", 1 },
		{ "127.0.0.4", "127.0.0.2/31", 0 },
		{ "10.1.2.3", "10.0.0.0/12", 1 },
		{ "10.16.2.3", "10.0.0.0/12", 0 },
		{ "1.2.3.4", "0.0.0.0/0", 1 },
		{ "127.0.0.2", "127.0.0.2/33", 0 },
		{ "127.0.0.2", "127.0.0.2/abc", 0 },
		{ "127.0.0.2", "127.0.0.2/", 0 },
		{ "127.0.0.2", "127.0.0.2/-1", 0 },
		{ "127.0.0.2", "127.0.0.2/+8", 0 },
		/* an address is not a name, nor a name an address */
		{ "127.0.0.1", "localhost", 0 },
		{ "127.0.0.1", "0.1", 0 },
		{ "localhost", "127.0.0.1", 0 },
		{ "127.0.0.1", "::ffff:127.0.0.1", 0 },
		/* IPv6: as addresses, with or without brackets */
		{ "::1", "::1", 1 },
		{ "[::1]", "::1", 1 },
		{ "::1", "[::1]", 1 },
		{ "[::1]", "0:0::1", 1 },
		{ "::1", "::2", 0 },
		{ "::1", "::/0", 1 },
		{ "2001:db8::5", "2001:db8::/32", 1 },
		{ "2001:db9::5", "2001:db8::/32", 0 },
		{ "2001:db8::5", "[2001:db8::]/32", 1 },
		{ "2001:db8:8000::", "2001:db8::/33", 0 },
		{ "2001:db8:7fff::", "2001:db8::/33", 1 },
		{ "fe80::1%eth0", "fe80::/10", 1 },
		{ "[fe80::1%25eth0]", "fe80::1", 1 },
		{ "::1", "::1/129", 0 },
		{ "::1", "127.0.0.1", 0 },
		{ "::1", "localhost", 0 },
	};
	size_t	 i;
	int	 sp;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (proxy_noproxy_match(t[i].host, t[i].list, NULL) !=
		    t[i].want) {
			printf("noproxy: host '%s' list '%s' want %d\n",
			    t[i].host, t[i].list ? t[i].list : "(null)",
			    t[i].want);
			CHECK(0);
		} else
			CHECK(1);
	}
	/* Blank separation is noted; commas with blanks are not. */
	CHECK(proxy_noproxy_match("z", "a b", &sp) == 0 && sp == 1);
	CHECK(proxy_noproxy_match("z", "a , b", &sp) == 0 && sp == 0);
	CHECK(proxy_noproxy_match("z", "a,b ", &sp) == 0 && sp == 0);
	CHECK(proxy_noproxy_match("a", "a b", &sp) == 1 && sp == 0);
	/* Long entries are not addresses; no overflow. */
	{
		char	 big[300];

		memset(big, '1', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK(proxy_noproxy_match("127.0.0.1", big, NULL) == 0);
		CHECK(proxy_noproxy_match(big, "1", NULL) == 0);
		CHECK(proxy_noproxy_match(big, big, NULL) == 1);
	}
}

/* Parses spec into host, port, user, password (NULL: none). */
static int
parses(const char *spec, const char *host, int port, const char *user,
    const char *password)
{
	struct proxy	*p;
	int		 ok;

	if (proxy_parse(spec, &p) != PROXY_OK)
		return 0;
	ok = strcmp(p->host, host) == 0 && p->port == port &&
	    strcmp(p->spec, spec) == 0 &&
	    (user == NULL ? p->user == NULL :
	    p->user != NULL && strcmp(p->user, user) == 0) &&
	    (password == NULL ? p->password == NULL :
	    p->password != NULL && strcmp(p->password, password) == 0);
	proxy_free(p);
	return ok;
}

static void
test_parse(void)
{
	struct proxy	*p;

	CHECK(parses("127.0.0.1:18083", "127.0.0.1", 18083, NULL, NULL));
	CHECK(parses("127.0.0.1", "127.0.0.1", 1080, NULL, NULL));
	CHECK(parses("http://proxy:3128/", "proxy", 3128, NULL, NULL));
	CHECK(parses("HTTP://proxy:3128/ignored?x#y", "proxy", 3128, NULL,
	    NULL));
	CHECK(parses("proxy:", "proxy", 1080, NULL, NULL));
	CHECK(parses("proxy:0", "proxy", 0, NULL, NULL));
	CHECK(parses("proxy:65535", "proxy", 65535, NULL, NULL));
	CHECK(parses("proxy:00080", "proxy", 80, NULL, NULL));
	/* curl would guess ftp:// here and refuse it. */
	CHECK(parses("ftp.foo:18083", "ftp.foo", 18083, NULL, NULL));
	/* Credentials, percent-decoded (curl sends us:er / p@ss). */
	CHECK(parses("http://us%3Aer:p%40ss@127.0.0.1:18083/path",
	    "127.0.0.1", 18083, "us:er", "p@ss"));
	CHECK(parses("http://user@127.0.0.1:18083", "127.0.0.1", 18083,
	    "user", ""));
	CHECK(parses("u:@h", "h", 1080, "u", ""));
	CHECK(parses(":p@h", "h", 1080, "", "p"));
	CHECK(parses("u:a:b@h", "h", 1080, "u", "a:b"));
	CHECK(parses("u:p@ss@h:1", "h", 1, "u", "p@ss"));
	CHECK(parses("u%zz%4:p%2@h", "h", 1080, "u%zz%4", "p%2"));
	CHECK(parses("%e2%82%ac:%41@h", "h", 1080, "\xe2\x82\xac", "A"));
	/* IPv6. */
	CHECK(parses("[::1]:3128", "::1", 3128, NULL, NULL));
	CHECK(parses("http://u:p@[2001:db8::1]", "2001:db8::1", 1080, "u",
	    "p"));
	CHECK(proxy_parse("[::1]", &p) == PROXY_OK && p->ipv6);
	proxy_free(p);
	CHECK(proxy_parse("127.0.0.1", &p) == PROXY_OK && !p->ipv6 &&
	    p->from == NULL);
	proxy_free(p);

	/* Syntax errors: exit 5 in curl. */
	CHECK(proxy_parse("127.0.0.1:99999", &p) == PROXY_SYNTAX && !p);
	CHECK(proxy_parse("127.0.0.1:65536", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("127.0.0.1:123456", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("http://:18083", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("http://", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("u:p@", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("h:8o", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("h:-1", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("h:1:2", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("pro xy:1", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("proxy:1 ", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("pro\rxy", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("h\x7f", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("a,b", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("[::1", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("[::1]x", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("[]:1", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("[127.0.0.1]", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("[fe80::1%25eth0]", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("::1", &p) == PROXY_SYNTAX);
	/* Credentials that decode to control bytes. */
	CHECK(proxy_parse("u%0d%0aX:p@h", &p) == PROXY_SYNTAX);
	CHECK(proxy_parse("u:p%00@h", &p) == PROXY_SYNTAX);
	/* Schemes: curl exit 7 for unknown ones, 4 for what is not built. */
	CHECK(proxy_parse("foo://127.0.0.1:18083", &p) == PROXY_SCHEME);
	CHECK(proxy_parse("ftp://h", &p) == PROXY_SCHEME);
	CHECK(proxy_parse("https://h", &p) == PROXY_UNSUPPORTED);
	CHECK(proxy_parse("HTTPS://h", &p) == PROXY_UNSUPPORTED);
	CHECK(proxy_parse("socks5://127.0.0.1:18083", &p) ==
	    PROXY_UNSUPPORTED);
	CHECK(proxy_parse("socks5h://h", &p) == PROXY_UNSUPPORTED);
	CHECK(proxy_parse("socks4a://h", &p) == PROXY_UNSUPPORTED);
	CHECK(proxy_parse("socks://h", &p) == PROXY_UNSUPPORTED);
	/* curl takes this for a scheme too. */
	CHECK(proxy_parse("1x://h", &p) == PROXY_SCHEME);
}

static void
test_errors(void)
{
	char	 buf[256];

	CHECK(proxy_exitcode(PROXY_OK) == 0);
	CHECK(proxy_exitcode(PROXY_SYNTAX) == 5);
	CHECK(proxy_exitcode(PROXY_SCHEME) == 7);
	CHECK(proxy_exitcode(PROXY_UNSUPPORTED) == 4);
	CHECK(proxy_exitcode(PROXY_NOMEM) == 27);
	CHECK(strcmp(proxy_message(PROXY_SYNTAX, "127.0.0.1:99999", buf,
	    sizeof(buf)), "Unsupported proxy syntax in '127.0.0.1:99999'") ==
	    0);
	CHECK(strcmp(proxy_message(PROXY_SCHEME, "foo://127.0.0.1:18083", buf,
	    sizeof(buf)), "Unsupported proxy scheme for "
	    "'foo://127.0.0.1:18083'") == 0);
	CHECK(strcmp(proxy_message(PROXY_UNSUPPORTED, "https://h:1", buf,
	    sizeof(buf)), "Unsupported proxy 'https://h:1', httpc is built "
	    "without the HTTPS-proxy support.") == 0);
	CHECK(strcmp(proxy_message(PROXY_UNSUPPORTED, "socks5://h", buf,
	    sizeof(buf)), "Unsupported proxy 'socks5://h', httpc is built "
	    "without the SOCKS proxy support.") == 0);
	/* Passwords are not shown. */
	CHECK(strcmp(proxy_message(PROXY_SCHEME, "foo://u:secret@h/x", buf,
	    sizeof(buf)), "Unsupported proxy scheme for "
	    "'foo://u:***@h/x'") == 0);
	CHECK(strcmp(proxy_message(PROXY_SYNTAX, "u:p@ss@h:99999", buf,
	    sizeof(buf)), "Unsupported proxy syntax in 'u:***@h:99999'") == 0);
	CHECK(strcmp(proxy_message(PROXY_SYNTAX, "user@h:x", buf,
	    sizeof(buf)), "Unsupported proxy syntax in 'user@h:x'") == 0);
	CHECK(strcmp(proxy_message(PROXY_NOMEM, NULL, buf, sizeof(buf)),
	    "out of memory") == 0);
	proxy_message(PROXY_SYNTAX, "h", buf, 5);
	CHECK(strcmp(buf, "Unsu") == 0);
	proxy_free(NULL);
}

int
main(void)
{
	test_env();
	test_noproxy_env();
	test_options();
	test_notes();
	test_match();
	test_parse();
	test_errors();
	return check_done("t_proxyenv");
}
