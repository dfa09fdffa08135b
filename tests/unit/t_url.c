/*
 * URLs (core/url.c): parsing with and without a default scheme, user
 * info, IPv6 and zone ids, ports, dot segments (RFC 3986 section 5.2.4),
 * resolving references (every example of RFC 3986 sections 5.4.1 and
 * 5.4.2), and back to a string.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "httpc.h"

/* A string part: NULL and absent agree. */
static int
eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The URL with user info and fragment: everything it holds. */
static char *
full(const struct httpc_url *u)
{
	struct hc_buf	 b;
	char		*s;

	if (httpc_url_string(u, 1, &s) != HTTPC_OK)
		return NULL;
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, s);
	free(s);
	if (u->fragment != NULL)
		hc_buf_printf(&b, "#%s", u->fragment);
	return hc_buf_take(&b);
}

struct want {
	const char	*scheme, *user, *password, *host, *zone, *port;
	int		 portnum, ipv6;
	const char	*path, *query, *fragment, *target;
};

static int
parse_is(const char *s, int flags, const struct want *w)
{
	struct httpc_url	*u;
	const char		*why = NULL;
	enum httpc_err		 e;
	int			 ok;

	if ((e = httpc_url_parse(s, flags, &u, &why)) != HTTPC_OK) {
		printf("#   parse(\"%s\"): %s (%s)\n", s, httpc_err_name(e),
		    why ? why : "no reason");
		return 0;
	}
	ok = eq(u->scheme, w->scheme) && eq(u->user, w->user) &&
	    eq(u->password, w->password) && eq(u->host, w->host) &&
	    eq(u->zone, w->zone) && eq(u->port, w->port) &&
	    u->portnum == w->portnum && u->ipv6 == w->ipv6 &&
	    eq(u->path, w->path) && eq(u->query, w->query) &&
	    eq(u->fragment, w->fragment) && eq(u->target, w->target);
	if (!ok)
		printf("#   parse(\"%s\"): scheme=%s user=%s password=%s "
		    "host=%s zone=%s port=%s portnum=%d ipv6=%d path=%s "
		    "query=%s fragment=%s target=%s\n", s,
		    u->scheme ? u->scheme : "NULL", u->user ? u->user : "NULL",
		    u->password ? u->password : "NULL",
		    u->host ? u->host : "NULL", u->zone ? u->zone : "NULL",
		    u->port ? u->port : "NULL", u->portnum, u->ipv6,
		    u->path ? u->path : "NULL", u->query ? u->query : "NULL",
		    u->fragment ? u->fragment : "NULL",
		    u->target ? u->target : "NULL");
	httpc_url_free(u);
	return ok;
}

/* Only the path (and that it parses). */
static int
path_is(const char *s, int flags, const char *path)
{
	struct httpc_url	*u;
	int			 ok;

	if (httpc_url_parse(s, flags, &u, NULL) != HTTPC_OK) {
		printf("#   parse(\"%s\") failed\n", s);
		return 0;
	}
	ok = strcmp(u->path, path) == 0;
	if (!ok)
		printf("#   parse(\"%s\"): path \"%s\", want \"%s\"\n", s,
		    u->path, path);
	httpc_url_free(u);
	return ok;
}

/* Refused, with a reason that says something. */
static int
parse_bad(const char *s, int flags, const char *why_part)
{
	struct httpc_url	*u = (struct httpc_url *)1;
	const char		*why = NULL;
	enum httpc_err		 e;

	e = httpc_url_parse(s, flags, &u, &why);
	if (e == HTTPC_INVALID_URL && u == NULL && why != NULL &&
	    (why_part == NULL || strstr(why, why_part) != NULL))
		return 1;
	printf("#   parse_bad(\"%s\"): %s, why \"%s\"\n", s,
	    httpc_err_name(e), why ? why : "NULL");
	if (e == HTTPC_OK)
		httpc_url_free(u);
	return 0;
}

static void
test_parse(void)
{
	struct want	 w;

	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "example.com";
	w.portnum = 80;
	w.path = w.target = "/";
	CHECK(parse_is("http://example.com", 0, &w));
	CHECK(parse_is("http://example.com/", 0, &w));
	CHECK(parse_is("HTTP://example.com/", 0, &w));
	CHECK(parse_is("hTtP://example.com", 0, &w));
	CHECK(parse_is("example.com", HTTPC_URL_DEFAULT_SCHEME, &w));
	CHECK(parse_is("example.com/", HTTPC_URL_DEFAULT_SCHEME, &w));
	CHECK(parse_is("//example.com", HTTPC_URL_DEFAULT_SCHEME, &w));
	CHECK(parse_is("http://example.com", HTTPC_URL_DEFAULT_SCHEME, &w));
	w.port = "";
	w.port = NULL;
	CHECK(parse_is("http://example.com:/", 0, &w));

	memset(&w, 0, sizeof(w));
	w.scheme = "https";
	w.host = "Example.COM";
	w.port = "8443";
	w.portnum = 8443;
	w.path = "/a/b";
	w.query = "x=1&y=2";
	w.fragment = "frag";
	w.target = "/a/b?x=1&y=2";
	CHECK(parse_is("HTTPS://Example.COM:8443/a/b?x=1&y=2#frag", 0, &w));
	w.port = NULL;
	w.portnum = 443;
	CHECK(parse_is("https://Example.COM/a/b?x=1&y=2#frag", 0, &w));
	w.port = "443";
	CHECK(parse_is("https://Example.COM:443/a/b?x=1&y=2#frag", 0, &w));

	/* Another scheme: no default port. */
	memset(&w, 0, sizeof(w));
	w.scheme = "ftp";
	w.host = "h";
	w.path = w.target = "/f";
	CHECK(parse_is("ftp://h/f", 0, &w));
	CHECK(parse_is("ftp://h/f", HTTPC_URL_DEFAULT_SCHEME, &w));
	w.scheme = "file";
	w.host = "";
	w.path = w.target = "/etc/hosts";
	CHECK(parse_is("file:///etc/hosts", 0, &w));
	w.scheme = "h2c+x.y-z";
	w.host = "h";
	w.path = w.target = "/";
	CHECK(parse_is("h2c+x.y-z://h", 0, &w));

	/* With the default scheme, a host and port alone. */
	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "localhost";
	w.port = "8080";
	w.portnum = 8080;
	w.path = "/x";
	w.target = "/x";
	CHECK(parse_is("localhost:8080/x", HTTPC_URL_DEFAULT_SCHEME, &w));
	w.host = "::1";
	w.ipv6 = 1;
	CHECK(parse_is("[::1]:8080/x", HTTPC_URL_DEFAULT_SCHEME, &w));

	/* No scheme without the flag; not a URL with it. */
	CHECK(parse_bad("example.com/x", 0, "scheme"));
	CHECK(parse_bad("//example.com/x", 0, "scheme"));
	CHECK(parse_bad("mailto:someone@example.com", 0, NULL));
	CHECK(parse_bad("http:/x", 0, NULL));
	CHECK(parse_bad("://h/", 0, NULL));
	CHECK(parse_bad("1http://h/", 0, NULL));
	CHECK(parse_bad("", 0, NULL));
	CHECK(parse_bad("", HTTPC_URL_DEFAULT_SCHEME, "host"));
	CHECK(parse_bad("http://", 0, "host"));
	CHECK(parse_bad("http:///x", 0, "host"));
	CHECK(parse_bad("http://:80/", 0, "host"));
	CHECK(parse_bad("https://u:p@/", 0, "host"));
	CHECK(parse_bad("/just/a/path", HTTPC_URL_DEFAULT_SCHEME, "host"));
}

static void
test_userinfo(void)
{
	struct want	 w;

	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "h";
	w.portnum = 80;
	w.path = w.target = "/";
	w.user = "user";
	w.password = "pa%3Ass";
	CHECK(parse_is("http://user:pa%3Ass@h/", 0, &w));
	w.password = "p:w:x";
	CHECK(parse_is("http://user:p:w:x@h/", 0, &w));
	w.password = NULL;
	CHECK(parse_is("http://user@h/", 0, &w));
	CHECK(parse_is("user@h", HTTPC_URL_DEFAULT_SCHEME, &w));
	w.password = "";
	CHECK(parse_is("http://user:@h/", 0, &w));
	w.user = "";
	w.password = "pw";
	CHECK(parse_is("http://:pw@h/", 0, &w));
	w.user = "";
	w.password = NULL;
	CHECK(parse_is("http://@h/", 0, &w));
	/* The last '@' ends the user info. */
	w.user = "a@b";
	CHECK(parse_is("http://a@b@h/", 0, &w));
	/* An '@' after the authority is the path's. */
	w.user = NULL;
	w.path = w.target = "/a@b";
	CHECK(parse_is("http://h/a@b", 0, &w));
	w.path = "/";
	w.query = "a@b";
	w.target = "/?a@b";
	CHECK(parse_is("http://h?a@b", 0, &w));
	/* With a port. */
	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.user = "u";
	w.password = "p";
	w.host = "h";
	w.port = "81";
	w.portnum = 81;
	w.path = w.target = "/";
	CHECK(parse_is("http://u:p@h:81", 0, &w));
}

static void
test_ipv6(void)
{
	struct want	 w;

	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "::1";
	w.ipv6 = 1;
	w.portnum = 80;
	w.path = w.target = "/";
	CHECK(parse_is("http://[::1]/", 0, &w));
	CHECK(parse_is("http://[::1]", 0, &w));
	CHECK(parse_is("http://[::1]:/", 0, &w));
	w.port = "8080";
	w.portnum = 8080;
	w.path = w.target = "/x";
	CHECK(parse_is("http://[::1]:8080/x", 0, &w));
	w.user = "u";
	CHECK(parse_is("http://u@[::1]:8080/x", 0, &w));
	w.user = NULL;
	w.port = NULL;
	w.portnum = 80;
	w.path = w.target = "/";
	w.host = "2001:db8::7:1";
	CHECK(parse_is("http://[2001:db8::7:1]/", 0, &w));
	w.host = "::ffff:1.2.3.4";
	CHECK(parse_is("http://[::ffff:1.2.3.4]/", 0, &w));
	/* Zone ids: %25 as RFC 6874 writes it, or a bare %. */
	w.host = "fe80::1";
	w.zone = "eth0";
	CHECK(parse_is("http://[fe80::1%25eth0]/", 0, &w));
	CHECK(parse_is("http://[fe80::1%eth0]/", 0, &w));
	w.port = "81";
	w.portnum = 81;
	CHECK(parse_is("http://[fe80::1%25eth0]:81/", 0, &w));
	CHECK(parse_is("http://[fe80::1%eth0]:81/", 0, &w));
	w.zone = "en-1.x_y~";
	CHECK(parse_is("http://[fe80::1%25en-1.x_y~]:81/", 0, &w));

	CHECK(parse_bad("http://[::1/", 0, "]"));
	CHECK(parse_bad("http://[::1", 0, "]"));
	CHECK(parse_bad("http://[::g]/", 0, "IPv6"));
	CHECK(parse_bad("http://[1.2.3.4]/", 0, "IPv6"));
	CHECK(parse_bad("http://[]/", 0, "IPv6"));
	CHECK(parse_bad("http://[v7.x]/", 0, "IPv6"));
	CHECK(parse_bad("http://[1:2:3:4:5:6:7:8:9]/", 0, "IPv6"));
	CHECK(parse_bad("http://[0000:0000:0000:0000:0000:0000:0000:0000:0]/",
	    0, "IPv6"));
	CHECK(parse_bad("http://[fe80::1%25]/", 0, "zone"));
	CHECK(parse_bad("http://[fe80::1%]/", 0, "zone"));
	CHECK(parse_bad("http://[fe80::1%25e%41]/", 0, "zone"));
	CHECK(parse_bad("http://[fe80::1%25e<]/", 0, "zone"));
	CHECK(parse_bad("http://[::1]x/", 0, NULL));
	CHECK(parse_bad("http://[::1]:80x/", 0, "port"));
	CHECK(parse_bad("http://[::1]]/", 0, NULL));
	CHECK(parse_bad("http://x[::1]/", 0, NULL));
	CHECK(parse_bad("http://::1/", 0, NULL));
}

static void
test_ports(void)
{
	struct want	 w;

	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "h";
	w.path = w.target = "/";
	w.port = "1";
	w.portnum = 1;
	CHECK(parse_is("http://h:1/", 0, &w));
	w.port = "65535";
	w.portnum = 65535;
	CHECK(parse_is("http://h:65535/", 0, &w));
	w.port = "080";
	w.portnum = 80;
	CHECK(parse_is("http://h:080/", 0, &w));
	w.port = "80";
	CHECK(parse_is("http://h:80", 0, &w));
	w.port = NULL;
	CHECK(parse_is("http://h:", 0, &w));

	CHECK(parse_bad("http://h:0/", 0, "port"));
	CHECK(parse_bad("http://h:00000/", 0, "port"));
	CHECK(parse_bad("http://h:65536/", 0, "port"));
	CHECK(parse_bad("http://h:99999/", 0, "port"));
	CHECK(parse_bad("http://h:123456/", 0, "port"));
	CHECK(parse_bad("http://h:99999999999999999999/", 0, "port"));
	CHECK(parse_bad("http://h:8a/", 0, "port"));
	CHECK(parse_bad("http://h:a/", 0, "port"));
	CHECK(parse_bad("http://h:-1/", 0, "port"));
	CHECK(parse_bad("http://h:+80/", 0, "port"));
	CHECK(parse_bad("http://h:80:81/", 0, "port"));
	CHECK(parse_bad("http://h:0x50/", 0, "port"));
	CHECK(parse_bad("h:abc", HTTPC_URL_DEFAULT_SCHEME, "port"));
}

static void
test_hosts(void)
{
	struct want	 w;

	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.portnum = 80;
	w.path = w.target = "/";
	w.host = "a-b.c_d~e";
	CHECK(parse_is("http://a-b.c_d~e/", 0, &w));
	w.host = "xn--nxasmq6b.example";
	CHECK(parse_is("http://xn--nxasmq6b.example/", 0, &w));
	w.host = "%65xample.com";
	CHECK(parse_is("http://%65xample.com/", 0, &w));
	w.host = "\xc3\xa9t\xc3\xa9.fr";
	CHECK(parse_is("http://\xc3\xa9t\xc3\xa9.fr/", 0, &w));
	w.host = "127.0.0.1";
	CHECK(parse_is("http://127.0.0.1/", 0, &w));
	CHECK(parse_bad("http://a<b/", 0, "host"));
	CHECK(parse_bad("http://a\"b/", 0, "host"));
	CHECK(parse_bad("http://a{b}/", 0, "host"));
	CHECK(parse_bad("http://a|b/", 0, "host"));
	CHECK(parse_bad("http://a^b/", 0, "host"));
	CHECK(parse_bad("http://a\\b/", 0, "host"));
	CHECK(parse_bad("http://a[b]/", 0, "host"));
}

static void
test_paths(void)
{
	struct want	 w;

	/* Percent-encoding is kept as written, %2E included. */
	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "h";
	w.portnum = 80;
	w.path = "/a%20b/%2e%2E/c%2F";
	w.query = "q=%41+%20";
	w.fragment = "%42";
	w.target = "/a%20b/%2e%2E/c%2F?q=%41+%20";
	CHECK(parse_is("http://h/a%20b/%2e%2E/c%2F?q=%41+%20#%42", 0, &w));
	/* Query and fragment. */
	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "h";
	w.portnum = 80;
	w.path = "/";
	w.query = "q";
	w.target = "/?q";
	CHECK(parse_is("http://h?q", 0, &w));
	w.query = "";
	w.target = "/?";
	CHECK(parse_is("http://h/?", 0, &w));
	w.query = NULL;
	w.fragment = "";
	w.target = "/";
	CHECK(parse_is("http://h/#", 0, &w));
	w.fragment = "f";
	CHECK(parse_is("http://h#f", 0, &w));
	w.path = "/p";
	w.query = "a?b/c";
	w.fragment = "c#d?e";
	w.target = "/p?a?b/c";
	CHECK(parse_is("http://h/p?a?b/c#c#d?e", 0, &w));
	w.query = "";
	w.fragment = "";
	w.target = "/p?";
	CHECK(parse_is("http://h/p?#", 0, &w));
	w.query = NULL;
	w.fragment = "?x";
	w.target = "/p";
	CHECK(parse_is("http://h/p#?x", 0, &w));

	/* Dot segments, RFC 3986 section 5.2.4. */
	CHECK(path_is("http://h/a/b/c/./../../g", 0, "/a/g"));
	CHECK(path_is("http://h/mid/content=5/../6", 0, "/mid/6"));
	CHECK(path_is("http://h/./a", 0, "/a"));
	CHECK(path_is("http://h/../a", 0, "/a"));
	CHECK(path_is("http://h/../../../a", 0, "/a"));
	CHECK(path_is("http://h/a/..", 0, "/"));
	CHECK(path_is("http://h/a/../", 0, "/"));
	CHECK(path_is("http://h/a/.", 0, "/a/"));
	CHECK(path_is("http://h/a/./", 0, "/a/"));
	CHECK(path_is("http://h/a/b/..", 0, "/a/"));
	CHECK(path_is("http://h/.", 0, "/"));
	CHECK(path_is("http://h/..", 0, "/"));
	CHECK(path_is("http://h/a//../b", 0, "/a/b"));
	CHECK(path_is("http://h/a/b//..", 0, "/a/b/"));
	CHECK(path_is("http://h//a", 0, "//a"));
	CHECK(path_is("http://h/a/..b/c", 0, "/a/..b/c"));
	CHECK(path_is("http://h/a/b../c", 0, "/a/b../c"));
	CHECK(path_is("http://h/a/.b/.../c", 0, "/a/.b/.../c"));
	CHECK(path_is("http://h/a/%2e%2e/c", 0, "/a/%2e%2e/c"));
	CHECK(path_is("http://h/a/b/c/../../../../..", 0, "/"));
	CHECK(path_is("http://h/a/./b/./c/.", 0, "/a/b/c/"));
	/* Only in the path, not the query or fragment. */
	memset(&w, 0, sizeof(w));
	w.scheme = "http";
	w.host = "h";
	w.portnum = 80;
	w.path = "/b";
	w.query = "x=/../y";
	w.fragment = "/./z";
	w.target = "/b?x=/../y";
	CHECK(parse_is("http://h/a/../b?x=/../y#/./z", 0, &w));
	/* Kept as is on request. */
	CHECK(path_is("http://h/a/./b/../c", HTTPC_URL_PATH_AS_IS,
	    "/a/./b/../c"));
	CHECK(path_is("http://h/../x", HTTPC_URL_PATH_AS_IS, "/../x"));
	CHECK(path_is("h/./x", HTTPC_URL_DEFAULT_SCHEME |
	    HTTPC_URL_PATH_AS_IS, "/./x"));
	CHECK(path_is("h/./x", HTTPC_URL_DEFAULT_SCHEME, "/x"));
}

static void
test_bad_chars(void)
{
	static const char *const bad[] = {
	    "http://h/a b", "http://h/a\tb", "http://h/\x01", "http://h/\x7f",
	    "http://h\r\n/", "http://h/\r\nX: y", "http://h/\n", "http://h/\r",
	    " http://h/", "http://h/ ", "http://h /", "http://u ser@h/",
	    "http://h/?a b", "http://h/#a b", "http://h/?\x1b[31m" };
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n += parse_bad(bad[i], 0, "control");
		n += parse_bad(bad[i], HTTPC_URL_DEFAULT_SCHEME, "control");
	}
	CHECK(n == (int)(2 * sizeof(bad) / sizeof(bad[0])));
}

static void
test_long(void)
{
	struct hc_buf		 b;
	struct httpc_url	*u, *v;
	const char		*why = NULL;
	size_t			 i;

	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "http://h/");
	for (i = b.len; i < 1024 * 1024; i++)
		hc_buf_add(&b, "a", 1);
	CHECK(httpc_url_parse(b.data, 0, &u, NULL) == HTTPC_OK);
	CHECK(u != NULL && strlen(u->path) == 1024 * 1024 - 8);
	httpc_url_free(u);
	hc_buf_add(&b, "a", 1);
	CHECK(parse_bad(b.data, 0, "long"));
	/* The same limit for references, opaque ones included. */
	CHECK(httpc_url_parse("http://a/", 0, &u, NULL) == HTTPC_OK);
	memcpy(b.data, "x:", 2);
	CHECK(httpc_url_resolve(u, b.data, &v, &why) == HTTPC_INVALID_URL);
	CHECK(v == NULL && strstr(why, "long") != NULL);
	memcpy(b.data, "//", 2);
	CHECK(httpc_url_resolve(u, b.data, &v, &why) == HTTPC_INVALID_URL);
	httpc_url_free(u);
	hc_buf_free(&b);
	/* A path of many dot segments. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "http://h");
	for (i = 0; i < 50000; i++)
		hc_buf_addstr(&b, "/a/./b/..");
	CHECK(httpc_url_parse(b.data, 0, &u, NULL) == HTTPC_OK);
	CHECK(u != NULL && strlen(u->path) == 2 * 50000 + 1);
	httpc_url_free(u);
	hc_buf_free(&b);
	httpc_url_free(NULL);
}

/*
 * Bytes from 0x80 up in the path and the query are percent-encoded, as
 * curl does: the request line stays ASCII, whatever a Location holds.
 * The host and the fragment are not touched; %-escapes already there
 * are not encoded twice.
 */
static void
test_high_bytes(void)
{
	struct httpc_url	*u, *v;
	size_t			 i;

	CHECK(path_is("http://h/\xc3\xa9t\xc3\xa9", 0, "/%c3%a9t%c3%a9"));
	CHECK(path_is("http://h/a%c3%a9/\xff", 0, "/a%c3%a9/%ff"));
	CHECK(path_is("h/\x80/../\x9b", HTTPC_URL_DEFAULT_SCHEME, "/%9b"));
	CHECK(path_is("http://h/\x9b/../x", HTTPC_URL_PATH_AS_IS,
	    "/%9b/../x"));
	CHECK(httpc_url_parse("http://\xc3\xa9.fr/?q=\xe2\x80\xae#\xff", 0, &u,
	    NULL) == HTTPC_OK);
	CHECK(u != NULL && strcmp(u->host, "\xc3\xa9.fr") == 0 &&
	    strcmp(u->query, "q=%e2%80%ae") == 0 &&
	    strcmp(u->target, "/?q=%e2%80%ae") == 0 &&
	    strcmp(u->fragment, "\xff") == 0);
	/* A redirect to 8-bit bytes (C1 controls, a CSI): all encoded. */
	CHECK(httpc_url_resolve(u, "/a\xc2\x9b" "31m\x9b?\x9b", &v, NULL) ==
	    HTTPC_OK);
	CHECK(v != NULL && strcmp(v->target, "/a%c2%9b31m%9b?%9b") == 0);
	for (i = 0; v != NULL && v->target[i] != '\0'; i++)
		CHECK((unsigned char)v->target[i] < 0x80);
	httpc_url_free(u);
	httpc_url_free(v);
}

/* RFC 3986 section 5.4: ref against "http://a/b/c/d;p?q" is want. */
static int
resolves(const char *ref, const char *want)
{
	static struct httpc_url	*base;
	struct httpc_url	*u;
	const char		*why = NULL;
	char			*s;
	enum httpc_err		 e;
	int			 ok;

	if (base == NULL && httpc_url_parse("http://a/b/c/d;p?q", 0, &base,
	    NULL) != HTTPC_OK)
		abort();
	if (ref == NULL) {
		httpc_url_free(base);
		base = NULL;
		return 1;
	}
	if ((e = httpc_url_resolve(base, ref, &u, &why)) != HTTPC_OK) {
		printf("#   resolve(\"%s\"): %s (%s)\n", ref,
		    httpc_err_name(e), why ? why : "no reason");
		return 0;
	}
	s = full(u);
	ok = s != NULL && strcmp(s, want) == 0;
	if (!ok)
		printf("#   resolve(\"%s\"): \"%s\", want \"%s\"\n", ref,
		    s ? s : "NULL", want);
	free(s);
	httpc_url_free(u);
	return ok;
}

static void
test_resolve(void)
{
	struct httpc_url	*base, *u;
	const char		*why;
	char			*s;

	/* 5.4.1 Normal Examples. */
	CHECK(resolves("g:h", "g:h"));
	CHECK(resolves("g", "http://a/b/c/g"));
	CHECK(resolves("./g", "http://a/b/c/g"));
	CHECK(resolves("g/", "http://a/b/c/g/"));
	CHECK(resolves("/g", "http://a/g"));
	/* "http://g": an empty path is "/" for http (RFC 9110 4.2.3). */
	CHECK(resolves("//g", "http://g/"));
	CHECK(resolves("?y", "http://a/b/c/d;p?y"));
	CHECK(resolves("g?y", "http://a/b/c/g?y"));
	CHECK(resolves("#s", "http://a/b/c/d;p?q#s"));
	CHECK(resolves("g#s", "http://a/b/c/g#s"));
	CHECK(resolves("g?y#s", "http://a/b/c/g?y#s"));
	CHECK(resolves(";x", "http://a/b/c/;x"));
	CHECK(resolves("g;x", "http://a/b/c/g;x"));
	CHECK(resolves("g;x?y#s", "http://a/b/c/g;x?y#s"));
	CHECK(resolves("", "http://a/b/c/d;p?q"));
	CHECK(resolves(".", "http://a/b/c/"));
	CHECK(resolves("./", "http://a/b/c/"));
	CHECK(resolves("..", "http://a/b/"));
	CHECK(resolves("../", "http://a/b/"));
	CHECK(resolves("../g", "http://a/b/g"));
	CHECK(resolves("../..", "http://a/"));
	CHECK(resolves("../../", "http://a/"));
	CHECK(resolves("../../g", "http://a/g"));

	/* 5.4.2 Abnormal Examples. */
	CHECK(resolves("../../../g", "http://a/g"));
	CHECK(resolves("../../../../g", "http://a/g"));
	CHECK(resolves("/./g", "http://a/g"));
	CHECK(resolves("/../g", "http://a/g"));
	CHECK(resolves("g.", "http://a/b/c/g."));
	CHECK(resolves(".g", "http://a/b/c/.g"));
	CHECK(resolves("g..", "http://a/b/c/g.."));
	CHECK(resolves("..g", "http://a/b/c/..g"));
	CHECK(resolves("./../g", "http://a/b/g"));
	CHECK(resolves("./g/.", "http://a/b/c/g/"));
	CHECK(resolves("g/./h", "http://a/b/c/g/h"));
	CHECK(resolves("g/../h", "http://a/b/c/h"));
	CHECK(resolves("g;x=1/./y", "http://a/b/c/g;x=1/y"));
	CHECK(resolves("g;x=1/../y", "http://a/b/c/y"));
	CHECK(resolves("g?y/./x", "http://a/b/c/g?y/./x"));
	CHECK(resolves("g?y/../x", "http://a/b/c/g?y/../x"));
	CHECK(resolves("g#s/./x", "http://a/b/c/g#s/./x"));
	CHECK(resolves("g#s/../x", "http://a/b/c/g#s/../x"));
	/* "http:g": the backward-compatible reading of 5.2.2. */
	CHECK(resolves("http:g", "http://a/b/c/g"));
	CHECK(resolves("HTTP:g", "http://a/b/c/g"));

	/* More: absolute references, other authorities, queries. */
	CHECK(resolves("https://x.example:8443/p?q#f",
	    "https://x.example:8443/p?q#f"));
	CHECK(resolves("HTTP://A/./b/../c", "http://A/c"));
	CHECK(resolves("//u:p@g:81/x/../y?z", "http://u:p@g:81/y?z"));
	CHECK(resolves("//[::1]:8080", "http://[::1]:8080/"));
	CHECK(resolves("?", "http://a/b/c/d;p?"));
	CHECK(resolves("#", "http://a/b/c/d;p?q#"));
	CHECK(resolves("mailto:x@y", "mailto:x@y"));
	CHECK(resolves("g:h?i#j", "g:h?i#j"));
	CHECK(resolves("G:/x/../y", "g:/y"));
	CHECK(resolves("urn:", "urn:"));
	CHECK(resolves("http:", "http://a/b/c/d;p?q"));
	CHECK(resolves("http:/g", "http://a/g"));
	resolves(NULL, NULL);

	/* Bad references are refused with a reason. */
	CHECK(httpc_url_parse("http://a/b/c/d;p?q", 0, &base, NULL) ==
	    HTTPC_OK);
	why = NULL;
	u = (struct httpc_url *)1;
	CHECK(httpc_url_resolve(base, "g h", &u, &why) == HTTPC_INVALID_URL);
	CHECK(u == NULL && why != NULL && strstr(why, "control") != NULL);
	CHECK(httpc_url_resolve(base, "/\r\nX: y", &u, &why) ==
	    HTTPC_INVALID_URL);
	CHECK(httpc_url_resolve(base, "http://[::1/", &u, &why) ==
	    HTTPC_INVALID_URL && u == NULL);
	CHECK(httpc_url_resolve(base, "//h:99999/", &u, &why) ==
	    HTTPC_INVALID_URL && u == NULL);
	CHECK(httpc_url_resolve(base, "https:g", &u, NULL) ==
	    HTTPC_INVALID_URL && u == NULL);
	httpc_url_free(base);

	/* The base's user info and port carry over; its fragment not. */
	CHECK(httpc_url_parse("http://u:p@[fe80::1%25eth0]:81/d/e#frag", 0,
	    &base, NULL) == HTTPC_OK);
	CHECK(httpc_url_resolve(base, "f?g", &u, NULL) == HTTPC_OK);
	s = u != NULL ? full(u) : NULL;
	CHECK(s != NULL && strcmp(s, "http://u:p@[fe80::1%25eth0]:81/d/f?g")
	    == 0);
	CHECK(u != NULL && eq(u->zone, "eth0") && u->portnum == 81 &&
	    eq(u->password, "p"));
	free(s);
	httpc_url_free(u);
	CHECK(httpc_url_resolve(base, "", &u, NULL) == HTTPC_OK);
	CHECK(u != NULL && u->fragment == NULL);
	httpc_url_free(u);
	httpc_url_free(base);

	/* An opaque URL has no host; nothing resolves against it, and it
	 * does not crash trying. */
	CHECK(httpc_url_parse("http://a/", 0, &base, NULL) == HTTPC_OK);
	CHECK(httpc_url_resolve(base, "mailto:x@y", &u, NULL) == HTTPC_OK);
	httpc_url_free(base);
	base = u;
	CHECK(base != NULL && base->host == NULL && eq(base->path, "x@y"));
	CHECK(httpc_url_resolve(base, "z", &u, NULL) != HTTPC_OK && u == NULL);
	CHECK(httpc_url_resolve(base, "#f", &u, NULL) != HTTPC_OK);
	CHECK(httpc_url_resolve(base, "//h/p", &u, NULL) == HTTPC_OK);
	CHECK(u != NULL && eq(u->scheme, "mailto") && eq(u->host, "h"));
	httpc_url_free(u);
	CHECK(httpc_url_resolve(base, "http://h/", &u, NULL) == HTTPC_OK);
	httpc_url_free(u);
	httpc_url_free(base);
}

static void
test_string(void)
{
	static const char *const round[] = {
	    "http://h/", "https://u:p@h:8443/a/b?c=d", "http://[::1]:8080/x",
	    "http://[fe80::1%25eth0]/", "http://u@h/?", "ftp://h/f",
	    "http://h/a%20b?%41", "file:///etc/hosts" };
	struct httpc_url	*u, *v;
	char			*s, *t;
	size_t			 i;

	CHECK(httpc_url_parse("HTTP://u:p@Host:81/a/../b?c#d", 0, &u, NULL) ==
	    HTTPC_OK);
	CHECK(httpc_url_string(u, 1, &s) == HTTPC_OK);
	CHECK(strcmp(s, "http://u:p@Host:81/b?c") == 0);
	free(s);
	CHECK(httpc_url_string(u, 0, &s) == HTTPC_OK);
	CHECK(strcmp(s, "http://Host:81/b?c") == 0);
	free(s);
	httpc_url_free(u);
	CHECK(httpc_url_parse("http://u@h", 0, &u, NULL) == HTTPC_OK);
	CHECK(httpc_url_string(u, 1, &s) == HTTPC_OK);
	CHECK(strcmp(s, "http://u@h/") == 0);
	free(s);
	httpc_url_free(u);
	CHECK(httpc_url_parse("http://[fe80::1%eth0]:81", 0, &u, NULL) ==
	    HTTPC_OK);
	CHECK(httpc_url_string(u, 0, &s) == HTTPC_OK);
	CHECK(strcmp(s, "http://[fe80::1%25eth0]:81/") == 0);
	free(s);
	httpc_url_free(u);
	CHECK(httpc_url_parse("h:80", HTTPC_URL_DEFAULT_SCHEME, &u, NULL) ==
	    HTTPC_OK);
	CHECK(httpc_url_string(u, 0, &s) == HTTPC_OK);
	CHECK(strcmp(s, "http://h:80/") == 0);
	free(s);
	httpc_url_free(u);

	/* string(parse(s)) == s for normal forms, and again. */
	for (i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
		CHECK(httpc_url_parse(round[i], 0, &u, NULL) == HTTPC_OK);
		CHECK(httpc_url_string(u, 1, &s) == HTTPC_OK);
		CHECK(strcmp(s, round[i]) == 0);
		if (strcmp(s, round[i]) != 0)
			printf("#   \"%s\" -> \"%s\"\n", round[i], s);
		CHECK(httpc_url_parse(s, 0, &v, NULL) == HTTPC_OK);
		CHECK(httpc_url_string(v, 1, &t) == HTTPC_OK);
		CHECK(strcmp(s, t) == 0);
		free(s);
		free(t);
		httpc_url_free(u);
		httpc_url_free(v);
	}
}

int
main(void)
{
	test_parse();
	test_userinfo();
	test_ipv6();
	test_ports();
	test_hosts();
	test_paths();
	test_bad_chars();
	test_long();
	test_resolve();
	test_high_bytes();
	test_string();
	return check_done("t_url");
}
