/*
 * Unit tests for cmd/cookie.c: the RFC 6265 cookie-date parser, the
 * Set-Cookie storage rules (RFC 6265 section 5 and the 6265bis rules we
 * follow), the Cookie header, the -b literal and the Netscape cookie
 * file as curl reads and writes it, plus hostile input: control bytes,
 * oversized names, values and lines, NUL bytes, input at the end of a
 * guarded page.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "httpc.h"
#include "cmd/cookie.h"
#include "check.h"
#include "tmpfile.h"

/* A fixed "now": 2023-11-14 22:13:20 UTC. */
#define NOW	((time_t)1700000000)

static char	 tmpdir[] = "/tmp/t_cookie.XXXXXX";

static const struct httpc_url *url(const char *, const char *, const char *);
static const char *hdr(struct cookie_jar *, const char *, const char *,
		    const char *, int, time_t);
static enum cookie_result set(struct cookie_jar *, const char *,
		    const char *, const char *, const char *, time_t);
static int	 date_is(const char *, time_t);
static int	 date_fails(const char *);
static char	*slurp(const char *);
static char	*repeat(char, size_t);
static void	 test_dates(void);
static void	 test_basic(void);
static void	 test_domain(void);
static void	 test_public_suffix(void);
static void	 test_ip(void);
static void	 test_path(void);
static void	 test_secure(void);
static void	 test_expiry(void);
static void	 test_replace(void);
static void	 test_syntax(void);
static void	 test_hostile(void);
static void	 test_prefixes(void);
static void	 test_limits(void);
static void	 test_literal(void);
static void	 test_load(void);
static void	 test_load_hostile(void);
static void	 test_save(void);
static void	 test_guard_page(void);

/*
 * A URL as the parser would hand it over; a small ring of them so that
 * one call can use several.
 */
static const struct httpc_url *
url(const char *scheme, const char *host, const char *path)
{
	static struct httpc_url	 ring[8];
	static int		 next;
	struct httpc_url	*u = &ring[next++ % 8];

	memset(u, 0, sizeof(*u));
	u->scheme = (char *)scheme;
	u->host = (char *)host;
	u->path = (char *)path;
	u->target = (char *)path;
	u->portnum = strcmp(scheme, "https") == 0 ? 443 : 80;
	return u;
}

/* The Cookie header for a request, "" when there is none. */
static const char *
hdr(struct cookie_jar *jar, const char *scheme, const char *host,
    const char *path, int secure, time_t now)
{
	static char	 buf[4][16384];
	static int	 next;
	char		*b = buf[next++ % 4], *out = NULL;

	if (cookie_jar_header(jar, url(scheme, host, path), secure, now,
	    &out) == -1)
		return "(error)";
	if (out == NULL)
		b[0] = '\0';
	else {
		snprintf(b, sizeof(buf[0]), "%s", out);
		free(out);
	}
	return b;
}

static enum cookie_result
set(struct cookie_jar *jar, const char *scheme, const char *host,
    const char *path, const char *value, time_t now)
{
	return cookie_jar_set_cookie(jar, url(scheme, host, path), value, now);
}

static int
date_is(const char *s, time_t want)
{
	time_t	 t = -12345;

	if (cookie_parse_date(s, strlen(s), &t) != 0) {
		printf("# date \"%s\" did not parse\n", s);
		return 0;
	}
	if (t != want)
		printf("# date \"%s\": %lld, want %lld\n", s, (long long)t,
		    (long long)want);
	return t == want;
}

static int
date_fails(const char *s)
{
	time_t	 t;

	return cookie_parse_date(s, strlen(s), &t) == -1;
}


static char *
slurp(const char *path)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	if ((buf = malloc((size_t)n + 1)) == NULL)
		abort();
	buf[fread(buf, 1, (size_t)n, fp)] = '\0';
	fclose(fp);
	return buf;
}

static char *
repeat(char c, size_t n)
{
	char	*s;

	if ((s = malloc(n + 1)) == NULL)
		abort();
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_dates(void)
{
	char	 buf[64];
	time_t	 t;
	int	 c, bad;

	/* The three formats of RFC 9110 section 5.6.7. */
	CHECK(date_is("Sun, 06 Nov 1994 08:49:37 GMT", 784111777));
	CHECK(date_is("Sunday, 06-Nov-94 08:49:37 GMT", 784111777));
	CHECK(date_is("Sun Nov  6 08:49:37 1994", 784111777));
	/* Any token order, no weekday, no zone, one-digit fields. */
	CHECK(date_is("06 Nov 1994 08:49:37", 784111777));
	CHECK(date_is("Nov 6 1994 8:49:37", 784111777));
	CHECK(date_is("1994 Nov 06 08:49:37", 784111777));
	CHECK(date_is("08:49:37 06 Nov 1994", 784111777));
	CHECK(date_is("6 nOvEmBeR 1994 08:49:37", 784111777));
	/* A non-digit ends a number and anything may follow it. */
	CHECK(date_is("06th Nov 1994 08:49:37xyz", 784111777));
	CHECK(date_is("Wed, 09 Jun 2021 10:18:14 GMT", 1623233894));
	CHECK(date_is("Thu, 01 Jan 1970 00:00:00 GMT", 0));
	CHECK(date_is("Fri, 31 Dec 9999 23:59:59 GMT", 253402300799LL));
	CHECK(date_is("Mon, 01 Jan 1601 00:00:00 GMT", -11644473600LL));
	/* Two-digit years: 70-99 are 19xx, 00-69 are 20xx. */
	CHECK(date_is("01 Jan 70 00:00:00", 0));
	CHECK(date_is("01 Jan 69 00:00:00", 3124224000LL));
	CHECK(date_is("01 Jan 0070 00:00:00", 0));
	/* Leap years. */
	CHECK(date_is("29 Feb 2000 00:00:00", 951782400));
	CHECK(date_is("29 Feb 2024 12:00:00", 1709208000));
	CHECK(date_fails("29 Feb 1900 00:00:00"));
	CHECK(date_fails("29 Feb 2023 00:00:00"));
	CHECK(date_fails("30 Feb 2000 00:00:00"));
	CHECK(date_fails("31 Apr 2000 00:00:00"));
	/* Ranges. */
	CHECK(date_fails("31 Dec 1600 23:59:59"));
	CHECK(date_fails("00 Jan 2000 00:00:00"));
	CHECK(date_fails("32 Jan 2000 00:00:00"));
	CHECK(date_fails("01 Jan 2000 24:00:00"));
	CHECK(date_fails("01 Jan 2000 00:60:00"));
	CHECK(date_fails("01 Jan 2000 00:00:60"));
	/* Missing parts. */
	CHECK(date_fails(""));
	CHECK(date_fails("   ,,, ;; "));
	CHECK(date_fails("01 Jan 2000"));
	CHECK(date_fails("Jan 2000 00:00:00"));
	CHECK(date_fails("01 2000 00:00:00"));
	CHECK(date_fails("01 Jan 00:00:00"));
	CHECK(date_fails("garbage"));
	/* Three digits are neither a day nor a valid year. */
	CHECK(date_fails("123 Nov 1994 08:49:37"));
	/* A five-digit year is no year. */
	CHECK(date_fails("06 Nov 19940 08:49:37"));
	/* hms needs 1-2 digits per field. */
	CHECK(date_fails("06 Nov 1994 008:49:37"));
	/* A second time token is then tried as the day: no day left. */
	CHECK(date_is("08:49:37 06 Nov 1994 09:00:00", 784111777));
	/* Bytes past len are never read. */
	CHECK(cookie_parse_date("06 Nov 1994 08:49:37 XXXX", 20, &t) == 0 &&
	    t == 784111777);
	CHECK(cookie_parse_date("06 Nov 1994 08:49:37", 10, &t) == -1);
	/*
	 * Every byte: the delimiters of RFC 6265 section 5.1.1 split the
	 * date into tokens, anything else glues "06", "Nov", ... into one.
	 */
	for (c = 1, bad = 0; c < 256; c++) {
		int	 delim = c == 0x09 || (c >= 0x20 && c <= 0x2f) ||
		    (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
		    (c >= 0x7b && c <= 0x7e);

		snprintf(buf, sizeof(buf), "06%cNov%c1994%c08:49:37", c, c, c);
		if ((cookie_parse_date(buf, strlen(buf), &t) == 0 &&
		    t == 784111777) != delim) {
			printf("# date delimiter 0x%02x wrong\n", c);
			bad++;
		}
	}
	CHECK(bad == 0);
	/* High bytes and control bytes are non-delimiters: no crash. */
	CHECK(date_fails("\xff\xfe\x01\x80"));
	CHECK(date_is("\x80 06 Nov 1994 08:49:37", 784111777));
}

static void
test_basic(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_count(jar) == 0);
	CHECK(strcmp(hdr(jar, "http", "example.com", "/", 0, NOW), "") == 0);
	CHECK(set(jar, "http", "example.com", "/", "a=1", NOW) ==
	    COOKIE_STORED);
	CHECK(cookie_jar_count(jar) == 1);
	CHECK(strcmp(hdr(jar, "http", "example.com", "/", 0, NOW), "a=1") ==
	    0);
	CHECK(strcmp(hdr(jar, "https", "example.com", "/x/y", 1, NOW),
	    "a=1") == 0);
	/* Host-only: not to subdomains, not to others. */
	CHECK(strcmp(hdr(jar, "http", "www.example.com", "/", 0, NOW), "") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "other.com", "/", 0, NOW), "") == 0);
	CHECK(strcmp(hdr(jar, "http", "com", "/", 0, NOW), "") == 0);
	/* Host names compare without case. */
	CHECK(strcmp(hdr(jar, "http", "EXAMPLE.com", "/", 0, NOW), "a=1") ==
	    0);
	/* Whitespace around names, values and attributes goes. */
	CHECK(set(jar, "http", "example.com", "/", "  b \t=  2 x  ; Path = /p ",
	    NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "example.com", "/p", 0, NOW),
	    "b=2 x; a=1") == 0);
	/* Quotes belong to the value. */
	CHECK(set(jar, "http", "example.com", "/", "q=\"x y\"", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "example.com", "/", 0, NOW),
	    "a=1; q=\"x y\"") == 0);
	/* An empty value is a value. */
	CHECK(set(jar, "http", "example.com", "/", "e=", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "example.com", "/", 0, NOW),
	    "a=1; q=\"x y\"; e=") == 0);
	/* '=' inside the value. */
	CHECK(set(jar, "http", "example.com", "/", "t=a=b==", NOW) ==
	    COOKIE_STORED);
	CHECK(strstr(hdr(jar, "http", "example.com", "/", 0, NOW),
	    "t=a=b==") != NULL);
	/* Unknown attributes and SameSite are ignored. */
	CHECK(set(jar, "http", "example.com", "/", "u=1; SameSite=Strict; "
	    "Foo; Bar=baz; Version=1; Comment=x", NOW) == COOKIE_STORED);
	CHECK(strstr(hdr(jar, "http", "example.com", "/", 0, NOW), "u=1") !=
	    NULL);
	CHECK(strcmp(cookie_result_str(COOKIE_PUBLIC_SUFFIX),
	    "domain is a public suffix") == 0);
	CHECK(strcmp(cookie_result_str(COOKIE_RESULT_COUNT),
	    "unknown cookie result") == 0);
	CHECK(cookie_arg_is_literal("a=1"));
	CHECK(cookie_arg_is_literal("="));
	CHECK(!cookie_arg_is_literal("cookies.txt"));
	CHECK(!cookie_arg_is_literal("-"));
	cookie_jar_free(jar);
	cookie_jar_free(NULL);
}

static void
test_domain(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "a=1; Domain=example.com", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "example.com", "/", 0, NOW), "a=1") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "www.example.com", "/", 0, NOW),
	    "a=1") == 0);
	CHECK(strcmp(hdr(jar, "http", "a.b.example.com", "/", 0, NOW),
	    "a=1") == 0);
	CHECK(strcmp(hdr(jar, "http", "notexample.com", "/", 0, NOW), "") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "example.com.evil", "/", 0, NOW), "") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "com", "/", 0, NOW), "") == 0);
	/* A leading dot is dropped; case is folded. */
	CHECK(set(jar, "http", "WWW.Example.COM", "/",
	    "b=2; domain=.EXAMPLE.com", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "x.example.com", "/", 0, NOW),
	    "a=1; b=2") == 0);
	/* Another site, a sibling, a longer name: refused. */
	CHECK(set(jar, "http", "example.com", "/", "c=3; Domain=other.com",
	    NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=api.example.com", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "example.com", "/",
	    "c=3; Domain=www.example.com", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "badexample.com", "/",
	    "c=3; Domain=example.com", NOW) == COOKIE_BAD_DOMAIN);
	/* Bytes no host name holds, empty labels: refused. */
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=exa mple.com", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=example..com", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=..example.com", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=example.com.", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=ex\tample.com", NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "www.example.com", "/",
	    "c=3; Domain=\xc3\xa9xample.com", NOW) == COOKIE_BAD_DOMAIN);
	/* An empty Domain is ignored: host-only, not refused. */
	CHECK(set(jar, "http", "www.example.com", "/", "d=4; Domain=", NOW) ==
	    COOKIE_STORED);
	CHECK(strstr(hdr(jar, "http", "x.www.example.com", "/", 0, NOW),
	    "d=4") == NULL);
	CHECK(strstr(hdr(jar, "http", "www.example.com", "/", 0, NOW),
	    "d=4") != NULL);
	/* Domain=. leaves an empty domain: host-only too (RFC 6265 5.3). */
	CHECK(set(jar, "http", "www.example.com", "/", "e=5; Domain=.", NOW) ==
	    COOKIE_STORED);
	CHECK(strstr(hdr(jar, "http", "example.com", "/", 0, NOW), "e=5") ==
	    NULL);
	/* The last Domain wins, an empty one does not count. */
	CHECK(set(jar, "http", "a.example.com", "/",
	    "f=6; Domain=other.com; Domain=example.com; Domain=", NOW) ==
	    COOKIE_STORED);
	CHECK(strstr(hdr(jar, "http", "example.com", "/", 0, NOW), "f=6") !=
	    NULL);
	cookie_jar_free(jar);
}

static void
test_public_suffix(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	/* A TLD. */
	CHECK(set(jar, "http", "example.com", "/", "a=1; Domain=com", NOW) ==
	    COOKIE_PUBLIC_SUFFIX);
	CHECK(set(jar, "http", "example.com", "/", "a=1; Domain=.com", NOW) ==
	    COOKIE_PUBLIC_SUFFIX);
	CHECK(set(jar, "http", "example.COM", "/", "a=1; Domain=COM", NOW) ==
	    COOKIE_PUBLIC_SUFFIX);
	/* Listed multi-label suffixes. */
	CHECK(set(jar, "http", "foo.co.uk", "/", "a=1; Domain=co.uk", NOW) ==
	    COOKIE_PUBLIC_SUFFIX);
	CHECK(set(jar, "http", "shop.com.au", "/", "a=1; Domain=com.au",
	    NOW) == COOKIE_PUBLIC_SUFFIX);
	CHECK(set(jar, "http", "me.github.io", "/", "a=1; Domain=github.io",
	    NOW) == COOKIE_PUBLIC_SUFFIX);
	CHECK(cookie_jar_count(jar) == 0);
	/* Right below a suffix is a site. */
	CHECK(set(jar, "http", "www.foo.co.uk", "/", "b=2; Domain=foo.co.uk",
	    NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "foo.co.uk", "/", 0, NOW), "b=2") == 0);
	CHECK(strcmp(hdr(jar, "http", "bar.co.uk", "/", 0, NOW), "") == 0);
	/* The suffix as the host itself: a host-only cookie. */
	CHECK(set(jar, "http", "localhost", "/", "c=3; Domain=localhost",
	    NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "localhost", "/", 0, NOW), "c=3") == 0);
	CHECK(strcmp(hdr(jar, "http", "x.localhost", "/", 0, NOW), "") == 0);
	CHECK(set(jar, "http", "co.uk", "/", "d=4; Domain=co.uk", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "foo.co.uk", "/", 0, NOW), "b=2") == 0);
	/* Without Domain a single-label host sets a host-only cookie. */
	CHECK(set(jar, "http", "intranet", "/", "e=5", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "intranet", "/", 0, NOW), "e=5") == 0);
	cookie_jar_free(jar);
}

static void
test_ip(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "127.0.0.1", "/", "a=1", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "127.0.0.1", "/", 0, NOW), "a=1") == 0);
	CHECK(strcmp(hdr(jar, "http", "127.0.0.2", "/", 0, NOW), "") == 0);
	/* Domain= the address itself is fine, and stays exact. */
	CHECK(set(jar, "http", "127.0.0.1", "/", "b=2; Domain=127.0.0.1",
	    NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "127.0.0.1", "/", 0, NOW), "a=1; b=2") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "x.127.0.0.1", "/", 0, NOW), "") == 0);
	/* A suffix of an address is no domain of it. */
	CHECK(set(jar, "http", "127.0.0.1", "/", "c=3; Domain=0.0.1", NOW) ==
	    COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "127.0.0.1", "/", "c=3; Domain=1", NOW) ==
	    COOKIE_PUBLIC_SUFFIX);
	CHECK(set(jar, "http", "127.0.0.1", "/", "c=3; Domain=127.0.0.2",
	    NOW) == COOKIE_BAD_DOMAIN);
	CHECK(set(jar, "http", "10.0.0.1", "/", "c=3; Domain=0.1", NOW) ==
	    COOKIE_BAD_DOMAIN);
	/* IPv6, unbracketed as httpc_url keeps it. */
	CHECK(set(jar, "http", "::1", "/", "d=4", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "::1", "/", "e=5; Domain=::1", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "::1", "/", "f=6; Domain=1", NOW) ==
	    COOKIE_PUBLIC_SUFFIX);
	CHECK(strcmp(hdr(jar, "http", "::1", "/", 0, NOW), "d=4; e=5") == 0);
	CHECK(strcmp(hdr(jar, "http", "::2", "/", 0, NOW), "") == 0);
	cookie_jar_free(jar);
}

static void
test_path(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	/* default-path: up to, not including, the right-most '/'. */
	CHECK(set(jar, "http", "h.test", "/a/b/c", "a=1", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/a/b", 0, NOW), "a=1") == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/a/b/", 0, NOW), "a=1") == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/a/b/x/y", 0, NOW), "a=1") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/a/bc", 0, NOW), "") == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/a", 0, NOW), "") == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/", 0, NOW), "") == 0);
	/* Paths compare with case. */
	CHECK(strcmp(hdr(jar, "http", "h.test", "/A/b", 0, NOW), "") == 0);
	/* One slash only: "/". */
	CHECK(set(jar, "http", "i.test", "/x", "b=2", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "i.test", "/", 0, NOW), "b=2") == 0);
	CHECK(strcmp(hdr(jar, "http", "i.test", "/y/z", 0, NOW), "b=2") == 0);
	/* A path that is not absolute, or none at all. */
	CHECK(set(jar, "http", "j.test", "", "c=3", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "k.test", NULL, "c=3", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "k.test", NULL, 0, NOW), "c=3") == 0);
	CHECK(strcmp(hdr(jar, "http", "j.test", "/deep/er", 0, NOW), "c=3") ==
	    0);
	/* Path attribute; relative or empty ones mean default-path. */
	CHECK(set(jar, "http", "l.test", "/a/b/c", "d=4; Path=/q", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "l.test", "/q", 0, NOW), "d=4") == 0);
	CHECK(strcmp(hdr(jar, "http", "l.test", "/q/r", 0, NOW), "d=4") == 0);
	CHECK(strcmp(hdr(jar, "http", "l.test", "/qr", 0, NOW), "") == 0);
	CHECK(set(jar, "http", "l.test", "/a/b/c", "e=5; Path=rel", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "l.test", "/a/b/c", "f=6; Path=", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "l.test", "/a/b/z", 0, NOW),
	    "e=5; f=6") == 0);
	/* A trailing '/' in the cookie path matches what is below it. */
	CHECK(set(jar, "http", "m.test", "/", "g=7; Path=/d/", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "m.test", "/d/x", 0, NOW), "g=7") == 0);
	CHECK(strcmp(hdr(jar, "http", "m.test", "/d/", 0, NOW), "g=7") == 0);
	CHECK(strcmp(hdr(jar, "http", "m.test", "/d", 0, NOW), "") == 0);
	/* Longest path first, then oldest first. */
	CHECK(set(jar, "http", "n.test", "/", "x=1; Path=/", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "n.test", "/", "y=2; Path=/a/b", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "n.test", "/", "z=3; Path=/a", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "n.test", "/", "w=4; Path=/", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "n.test", "/", "x=5; Path=/a/b", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "n.test", "/a/b/c", 0, NOW),
	    "y=2; x=5; z=3; x=1; w=4") == 0);
	cookie_jar_free(jar);
}

static void
test_secure(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	/* Only https sets Secure. */
	CHECK(set(jar, "http", "s.test", "/", "a=1; Secure", NOW) ==
	    COOKIE_NOT_SECURE);
	CHECK(set(jar, "http", "s.test", "/", "a=1; secure=yes", NOW) ==
	    COOKIE_NOT_SECURE);
	CHECK(set(jar, "https", "s.test", "/", "a=1; Secure", NOW) ==
	    COOKIE_STORED);
	/* and it only goes over a secure channel. */
	CHECK(strcmp(hdr(jar, "http", "s.test", "/", 0, NOW), "") == 0);
	CHECK(strcmp(hdr(jar, "https", "s.test", "/", 1, NOW), "a=1") == 0);
	/* A plain-http cookie may not shadow it ... */
	CHECK(set(jar, "http", "s.test", "/", "a=2", NOW) ==
	    COOKIE_SECURE_OVERLAY);
	CHECK(set(jar, "http", "s.test", "/", "a=2; Path=/deeper", NOW) ==
	    COOKIE_SECURE_OVERLAY);
	CHECK(set(jar, "http", "www.s.test", "/", "a=2", NOW) ==
	    COOKIE_SECURE_OVERLAY);
	/* ... nor delete it. */
	CHECK(set(jar, "http", "s.test", "/", "a=; Max-Age=0", NOW) ==
	    COOKIE_SECURE_OVERLAY);
	CHECK(strcmp(hdr(jar, "https", "s.test", "/", 1, NOW), "a=1") == 0);
	/* Other names, other sites, https itself: fine. */
	CHECK(set(jar, "http", "s.test", "/", "b=2", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "t.test", "/", "a=3", NOW) == COOKIE_STORED);
	CHECK(set(jar, "https", "s.test", "/", "a=4", NOW) ==
	    COOKIE_REPLACED);
	CHECK(strcmp(hdr(jar, "http", "s.test", "/", 0, NOW), "a=4; b=2") ==
	    0);
	/* HttpOnly is stored (the jar file shows it), sent as any other. */
	CHECK(set(jar, "http", "h.test", "/", "h=1; HttpOnly", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/", 0, NOW), "h=1") == 0);
	cookie_jar_free(jar);
}

static void
test_expiry(void)
{
	struct cookie_jar	*jar;
	char			*path, *text;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "e.test", "/", "a=1; Max-Age=60", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW + 59), "a=1") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW + 60), "") == 0);
	CHECK(cookie_jar_count(jar) == 0);

	/* Expires in the future; in the past deletes. */
	CHECK(set(jar, "http", "e.test", "/",
	    "b=1; Expires=Wed, 15 Nov 2023 00:00:00 GMT", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW), "b=1") == 0);
	CHECK(set(jar, "http", "e.test", "/",
	    "b=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW) ==
	    COOKIE_DELETED);
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW), "") == 0);
	/* Deleting needs the same domain and path. */
	CHECK(set(jar, "http", "e.test", "/p/x", "c=1", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/", "c=; Max-Age=0", NOW) ==
	    COOKIE_DELETED);
	CHECK(cookie_jar_count(jar) == 1);
	CHECK(set(jar, "http", "e.test", "/", "c=; Max-Age=-1; Path=/p",
	    NOW) == COOKIE_DELETED);
	CHECK(cookie_jar_count(jar) == 0);
	CHECK(set(jar, "http", "e.test", "/", "c=; Max-Age=-0", NOW) ==
	    COOKIE_DELETED);

	/* Max-Age wins over Expires, whatever the order. */
	CHECK(set(jar, "http", "e.test", "/",
	    "d=1; Max-Age=100; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/",
	    "e=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/",
	    "f=1; Expires=Wed, 01 Jan 2025 00:00:00 GMT; Max-Age=0", NOW) ==
	    COOKIE_DELETED);
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW + 99),
	    "d=1; e=1") == 0);
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW + 100), "") == 0);
	/* A bad Max-Age is ignored: Expires or session then. */
	CHECK(set(jar, "http", "e.test", "/",
	    "g=1; Max-Age=abc; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW) ==
	    COOKIE_DELETED);
	CHECK(set(jar, "http", "e.test", "/", "g=1; Max-Age=1e3", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/", "h=1; Max-Age=", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/", "i=1; Max-Age=-", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/", "j=1; Max-Age=+5", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "e.test", "/", "k=1; Max-Age= 5 0", NOW) ==
	    COOKIE_STORED);
	/* Session cookies live on. */
	CHECK(strcmp(hdr(jar, "http", "e.test", "/", 0, NOW + 1000000000),
	    "g=1; h=1; i=1; j=1; k=1") == 0);
	/* A bad Expires is ignored: a session cookie. */
	CHECK(set(jar, "http", "e.test", "/",
	    "l=1; Expires=tomorrow", NOW) == COOKIE_STORED);
	/* The last valid Expires counts. */
	CHECK(set(jar, "http", "e.test", "/", "m=1; "
	    "Expires=Thu, 01 Jan 1970 00:00:00 GMT; Expires=bad", NOW) ==
	    COOKIE_DELETED);
	cookie_jar_free(jar);

	/* Expiry is capped at 400 days, rounded to the minute as curl. */
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "c.test", "/", "a=1; Max-Age=999999999999",
	    NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "c.test", "/", "b=1; "
	    "Expires=Fri, 31 Dec 9999 23:59:59 GMT", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "c.test", "/",
	    "c=1; Max-Age=99999999999999999999999999999999999999", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "c.test", "/", "d=1; Max-Age=3600", NOW) ==
	    COOKIE_STORED);
	path = tmp_file(tmpdir, "cap.txt", "", 0);
	CHECK(cookie_jar_save(jar, path, NOW) == 0);
	text = slurp(path);
	/* (NOW + 400 days + 30) / 60 * 60 */
	CHECK(text != NULL && strstr(text,
	    "c.test\tFALSE\t/\tFALSE\t1734559980\ta\t1\n") != NULL);
	CHECK(text != NULL && strstr(text,
	    "c.test\tFALSE\t/\tFALSE\t1734559980\tb\t1\n") != NULL);
	CHECK(text != NULL && strstr(text,
	    "c.test\tFALSE\t/\tFALSE\t1734559980\tc\t1\n") != NULL);
	CHECK(text != NULL && strstr(text,
	    "c.test\tFALSE\t/\tFALSE\t1700003600\td\t1\n") != NULL);
	free(text);
	free(path);
	cookie_jar_free(jar);
}

static void
test_replace(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "r.test", "/", "a=1", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "r.test", "/", "b=2", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "r.test", "/", "a=3", NOW) == COOKIE_REPLACED);
	CHECK(cookie_jar_count(jar) == 2);
	/* The replacement keeps the creation order: still first. */
	CHECK(strcmp(hdr(jar, "http", "r.test", "/", 0, NOW), "a=3; b=2") ==
	    0);
	/* Names compare with case; other paths and domains are others. */
	CHECK(set(jar, "http", "r.test", "/", "A=4", NOW) == COOKIE_STORED);
	CHECK(set(jar, "http", "r.test", "/", "a=5; Path=/x", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "www.r.test", "/", "a=6", NOW) ==
	    COOKIE_STORED);
	CHECK(cookie_jar_count(jar) == 5);
	/*
	 * Host-only and domain cookies of one domain share the key (RFC
	 * 6265 section 5.3 step 11 has no host-only flag in it).
	 */
	CHECK(set(jar, "http", "www.r.test", "/", "a=7; Domain=r.test", NOW) ==
	    COOKIE_REPLACED);
	CHECK(cookie_jar_count(jar) == 5);
	CHECK(strcmp(hdr(jar, "http", "r.test", "/x", 0, NOW),
	    "a=5; a=7; b=2; A=4") == 0);
	CHECK(strcmp(hdr(jar, "http", "www.r.test", "/", 0, NOW),
	    "a=7; a=6") == 0);
	cookie_jar_free(jar);
}

static void
test_syntax(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "x.test", "/", "", NOW) == COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", "abc", NOW) ==
	    COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", "abc; a=b", NOW) ==
	    COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", "=v", NOW) == COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", "  =v", NOW) ==
	    COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", ";a=b", NOW) ==
	    COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", ";", NOW) == COOKIE_BAD_SYNTAX);
	CHECK(set(jar, "http", "x.test", "/", "=", NOW) == COOKIE_BAD_SYNTAX);
	/* Empty attributes and stray semicolons are harmless. */
	CHECK(set(jar, "http", "x.test", "/", "a=b;;; ;=;==", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "x.test", "/", "c=d;", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "x.test", "/", 0, NOW), "a=b; c=d") ==
	    0);
	/* Arguments that make no request. */
	CHECK(cookie_jar_set_cookie(jar, NULL, "a=b", NOW) ==
	    COOKIE_BAD_SYNTAX);
	CHECK(cookie_jar_set_cookie(jar, url("http", "x.test", "/"), NULL,
	    NOW) == COOKIE_BAD_SYNTAX);
	CHECK(cookie_jar_set_cookie(jar, url("http", NULL, "/"), "a=b", NOW) ==
	    COOKIE_BAD_SYNTAX);
	cookie_jar_free(jar);
}

static void
test_hostile(void)
{
	struct cookie_jar	*jar;
	char			 buf[64];
	int			 c, refused = 0;

	CHECK(cookie_jar_new(&jar) == 0);
	/* Header injection through a value, a name, an attribute. */
	CHECK(set(jar, "http", "x.test", "/", "a=b\r\nX-Evil: 1", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a=b\nc=d", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a=b\r", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a\r\n=b", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a=b; Path=/\r\nX: y", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a=b; Domain=x.test\n", NOW) ==
	    COOKIE_BAD_CHAR);
	/* Every control byte but HTAB refuses the cookie. */
	for (c = 1; c < 0x20; c++) {
		if (c == '\t')
			continue;
		snprintf(buf, sizeof(buf), "a=x%cy", c);
		refused += set(jar, "http", "x.test", "/", buf, NOW) ==
		    COOKIE_BAD_CHAR;
	}
	CHECK(refused == 30);
	CHECK(set(jar, "http", "x.test", "/", "a=\x7f", NOW) ==
	    COOKIE_BAD_CHAR);
	/* A TAB would split the cookie file: inside name or value, no. */
	CHECK(set(jar, "http", "x.test", "/", "a=b\tc", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a\tb=c", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(set(jar, "http", "x.test", "/", "a=b; Path=/a\tb", NOW) ==
	    COOKIE_BAD_CHAR);
	CHECK(cookie_jar_count(jar) == 0);
	/* Around them it is whitespace. */
	CHECK(set(jar, "http", "x.test", "/", "\ta\t=\tb\t;\tPath=/\t", NOW) ==
	    COOKIE_STORED);
	/* High bytes are allowed in values (browsers do). */
	CHECK(set(jar, "http", "x.test", "/", "u=\xc3\xa9t\xc3\xa9", NOW) ==
	    COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "x.test", "/", 0, NOW),
	    "a=b; u=\xc3\xa9t\xc3\xa9") == 0);
	cookie_jar_free(jar);
}

static void
test_prefixes(void)
{
	struct cookie_jar	*jar;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "https", "p.test", "/", "__Secure-a=1", NOW) ==
	    COOKIE_BAD_PREFIX);
	CHECK(set(jar, "https", "p.test", "/", "__secure-a=1", NOW) ==
	    COOKIE_BAD_PREFIX);
	CHECK(set(jar, "https", "p.test", "/", "__Secure-a=1; Secure", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "https", "www.p.test", "/",
	    "__Secure-b=1; Secure; Domain=p.test", NOW) == COOKIE_STORED);
	CHECK(set(jar, "https", "p.test", "/", "__Host-a=1; Secure", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "https", "p.test", "/x/y", "__Host-b=1; Secure", NOW) ==
	    COOKIE_BAD_PREFIX);
	CHECK(set(jar, "https", "p.test", "/", "__Host-c=1", NOW) ==
	    COOKIE_BAD_PREFIX);
	CHECK(set(jar, "https", "p.test", "/",
	    "__Host-d=1; Secure; Domain=p.test", NOW) == COOKIE_BAD_PREFIX);
	CHECK(set(jar, "https", "p.test", "/", "__Host-e=1; Secure; Path=/x",
	    NOW) == COOKIE_BAD_PREFIX);
	CHECK(set(jar, "https", "p.test", "/x/y",
	    "__Host-f=1; Secure; Path=/", NOW) == COOKIE_STORED);
	CHECK(cookie_jar_count(jar) == 4);
	cookie_jar_free(jar);
}

static void
test_limits(void)
{
	struct cookie_jar	*jar;
	char			*big, *line, host[64], buf[9000];
	const char		*h;
	size_t			 i;
	int			 ok;

	CHECK(cookie_jar_new(&jar) == 0);
	/* name + value: 4096 bytes are fine, 4097 not. */
	big = repeat('v', 4095);
	snprintf(buf, sizeof(buf), "a=%s", big);
	CHECK(set(jar, "http", "l.test", "/", buf, NOW) == COOKIE_STORED);
	snprintf(buf, sizeof(buf), "ab=%s", big);
	CHECK(set(jar, "http", "l.test", "/", buf, NOW) == COOKIE_TOO_BIG);
	snprintf(buf, sizeof(buf), "%s=a", big);
	CHECK(set(jar, "http", "l.test", "/", buf, NOW) == COOKIE_STORED);
	snprintf(buf, sizeof(buf), "%s=ab", big);
	CHECK(set(jar, "http", "l.test", "/", buf, NOW) == COOKIE_TOO_BIG);
	free(big);
	/* A whole Set-Cookie value over COOKIE_MAX_LINE. */
	big = repeat('x', 5000);
	snprintf(buf, sizeof(buf), "a=1; Comment=%s", big);
	CHECK(set(jar, "http", "l.test", "/", buf, NOW) == COOKIE_TOO_BIG);
	free(big);
	/* An attribute value over 1024 bytes is ignored, not the cookie. */
	big = repeat('p', 1100);
	snprintf(buf, sizeof(buf), "pp=1; Path=/%s", big);
	CHECK(set(jar, "http", "l.test", "/q/r", buf, NOW) == COOKIE_STORED);
	CHECK(strstr(hdr(jar, "http", "l.test", "/q", 0, NOW), "pp=1") !=
	    NULL);
	free(big);
	cookie_jar_free(jar);

	/* One domain holds COOKIE_MAX_PER_DOMAIN; the oldest goes. */
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "other.test", "/", "keep=1", NOW) ==
	    COOKIE_STORED);
	ok = 1;
	for (i = 0; i < COOKIE_MAX_PER_DOMAIN + 20; i++) {
		snprintf(buf, sizeof(buf), "c%zu=%zu", i, i);
		ok &= set(jar, "http", "d.test", "/", buf, NOW) ==
		    COOKIE_STORED;
	}
	CHECK(ok);
	CHECK(cookie_jar_count(jar) == COOKIE_MAX_PER_DOMAIN + 1);
	h = hdr(jar, "http", "d.test", "/", 0, NOW);
	CHECK(strncmp(h, "c20=20; c21=21;", 15) == 0);
	CHECK(strstr(h, "c19=") == NULL);
	CHECK(strcmp(hdr(jar, "http", "other.test", "/", 0, NOW), "keep=1") ==
	    0);
	cookie_jar_free(jar);

	/* The jar holds COOKIE_MAX_JAR; expired ones go first. */
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "http", "first.test", "/", "old=1", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "short.test", "/", "s=1; Max-Age=5", NOW) ==
	    COOKIE_STORED);
	ok = 1;
	for (i = 0; i < COOKIE_MAX_JAR - 2; i++) {
		snprintf(host, sizeof(host), "h%zu.test", i);
		ok &= set(jar, "http", host, "/", "a=1", NOW) == COOKIE_STORED;
	}
	CHECK(ok);
	CHECK(cookie_jar_count(jar) == COOKIE_MAX_JAR);
	CHECK(set(jar, "http", "new.test", "/", "n=1", NOW + 10) ==
	    COOKIE_STORED);
	CHECK(cookie_jar_count(jar) == COOKIE_MAX_JAR);
	CHECK(strcmp(hdr(jar, "http", "first.test", "/", 0, NOW + 10),
	    "old=1") == 0);
	CHECK(set(jar, "http", "newer.test", "/", "n=1", NOW + 10) ==
	    COOKIE_STORED);
	CHECK(cookie_jar_count(jar) == COOKIE_MAX_JAR);
	CHECK(strcmp(hdr(jar, "http", "first.test", "/", 0, NOW + 10), "") ==
	    0);
	CHECK(strcmp(hdr(jar, "http", "newer.test", "/", 0, NOW + 10),
	    "n=1") == 0);
	cookie_jar_free(jar);

	/* At most COOKIE_MAX_SEND cookies in one header. */
	CHECK(cookie_jar_new(&jar) == 0);
	for (i = 0, ok = 1; i < COOKIE_MAX_SEND + 10; i++) {
		snprintf(buf, sizeof(buf), "n%zu=1", i);
		ok &= set(jar, "http", "s.test", "/", buf, NOW) ==
		    COOKIE_STORED;
	}
	CHECK(ok);
	h = hdr(jar, "http", "s.test", "/", 0, NOW);
	CHECK(strncmp(h, "n0=1; n1=1; ", 12) == 0);
	for (i = 0; *h != '\0'; h++)
		if (*h == '=')
			i++;
	CHECK(i == COOKIE_MAX_SEND);
	cookie_jar_free(jar);

	/* At most COOKIE_MAX_HEADER bytes; the -b literal is dropped then,
	 * as curl drops it. */
	CHECK(cookie_jar_new(&jar) == 0);
	big = repeat('z', 4000);
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "b%zu=%s", i, big);
		CHECK(set(jar, "http", "b.test", "/", buf, NOW) ==
		    COOKIE_STORED);
	}
	CHECK(cookie_jar_add_literal(jar, "lit=1") == 0);
	h = hdr(jar, "http", "b.test", "/", 0, NOW);
	CHECK(strlen(h) == 2 * (3 + 4000) + 2);
	CHECK(strstr(h, "b2=") == NULL && strstr(h, "lit=1") == NULL);
	CHECK(strcmp(hdr(jar, "http", "other.test", "/", 0, NOW), "lit=1") ==
	    0);
	free(big);
	cookie_jar_free(jar);

	/* A line far over every limit, many attributes. */
	CHECK(cookie_jar_new(&jar) == 0);
	line = repeat(';', 1 << 20);
	memcpy(line, "a=b", 3);
	CHECK(set(jar, "http", "x.test", "/", line, NOW) == COOKIE_TOO_BIG);
	memset(line, ';', 1 << 20);
	line[4999] = '\0';
	memcpy(line, "a=b", 3);
	CHECK(set(jar, "http", "x.test", "/", line, NOW) == COOKIE_STORED);
	free(line);
	cookie_jar_free(jar);
}

static void
test_literal(void)
{
	struct cookie_jar	*jar;
	char			*big;

	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_add_literal(jar, "a=1; b=2") == 0);
	/* Sent as-is to every host, path and scheme. */
	CHECK(strcmp(hdr(jar, "http", "x.test", "/", 0, NOW), "a=1; b=2") ==
	    0);
	CHECK(strcmp(hdr(jar, "https", "y.test", "/z", 1, NOW), "a=1; b=2") ==
	    0);
	/* After the jar's cookies. */
	CHECK(set(jar, "http", "x.test", "/", "c=3", NOW) == COOKIE_STORED);
	CHECK(strcmp(hdr(jar, "http", "x.test", "/", 0, NOW),
	    "c=3; a=1; b=2") == 0);
	/* Several -b strings: joined with ";" as curl joins them. */
	CHECK(cookie_jar_add_literal(jar, "d=4") == 0);
	CHECK(strcmp(hdr(jar, "http", "y.test", "/", 0, NOW),
	    "a=1; b=2;d=4") == 0);
	/* Control bytes: refused before anything is sent. */
	errno = 0;
	CHECK(cookie_jar_add_literal(jar, "e=5\r\nX-Evil: 1") == -1 &&
	    errno == EINVAL);
	CHECK(cookie_jar_add_literal(jar, "e=5\n") == -1);
	CHECK(cookie_jar_add_literal(jar, "e=\x01") == -1);
	CHECK(cookie_jar_add_literal(jar, "e=\tx") == 0);
	CHECK(cookie_jar_add_literal(jar, "") == 0);
	CHECK(strcmp(hdr(jar, "http", "y.test", "/", 0, NOW),
	    "a=1; b=2;d=4;e=\tx") == 0);
	cookie_jar_free(jar);

	/* curl's 8200-byte limit on them together. */
	CHECK(cookie_jar_new(&jar) == 0);
	big = repeat('l', 8200);
	big[0] = 'a';
	big[1] = '=';
	CHECK(cookie_jar_add_literal(jar, big) == 0);
	errno = 0;
	CHECK(cookie_jar_add_literal(jar, "b") == -1 && errno == E2BIG);
	free(big);
	big = repeat('l', 8201);
	cookie_jar_free(jar);
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_add_literal(jar, big) == -1 && errno == E2BIG);
	CHECK(cookie_jar_add_literal(jar, "") == 0);
	CHECK(strcmp(hdr(jar, "http", "y.test", "/", 0, NOW), "") == 0);
	free(big);
	cookie_jar_free(jar);
}

static void
test_load(void)
{
	struct cookie_jar	*jar;
	char			*path;
	const char		*file =
	    "# Netscape HTTP Cookie File\n"
	    "# a comment\n"
	    "\n"
	    "host.test\tFALSE\t/\tFALSE\t0\tsess\tv1\n"
	    ".dom.test\tTRUE\t/p\tFALSE\t1800000000\tpersist\tv2\n"
	    "#HttpOnly_host.test\tFALSE\t/\tFALSE\t0\thttponly\tv3\n"
	    "host.test\tFALSE\t/\tTRUE\t0\tsec\tv4\r\n"
	    "host.test\tFALSE\t/\tFALSE\t1000\texpired\tv5\n"
	    "host.test\tFALSE\t/\tFALSE\t0\tnoval\n"
	    "host.test\tFALSE\tFALSE\t0\tnopath\tv6\n"
	    "Host.TEST\tfalse\t/\tfalse\t0\tupper\tv7\n"
	    "host.test\tFALSE\t/\tFALSE\t0\n"
	    "host.test\tFALSE\t/\tFALSE\t0\ttoo\tmany\tfields\n"
	    "host.test\tFALSE\t/\tFALSE\t12x\tbadexp\tv\n"
	    "host.test\tFALSE\t/\tFALSE\t-1\tnegexp\tv\n"
	    "host.test\tFALSE\t/\tFALSE\t99999999999999999999999\tbig\tv\n"
	    "host.test\tFALSE\t/\tFALSE\t\tempty\tv\n"
	    "bad host\tFALSE\t/\tFALSE\t0\tbaddom\tv\n"
	    "\tFALSE\t/\tFALSE\t0\tnodom\tv\n"
	    "host.test\tFALSE\t/\tFALSE\t0\t\tnoname\n"
	    "host.test\tFALSE\t/\tFALSE\t0\tctl\tv\x01\n"
	    "host.test\tFALSE\t/\tFALSE\t0\t__Secure-x\tv\n"
	    "host.test\tFALSE\trel\tFALSE\t0\trelpath\tv8\n"
	    "set-cookie: fromhdr=v9; Domain=dom.test; Path=/\n"
	    "Set-Cookie:   anyhost=v10\n"
	    "Set-Cookie: tld=v; Domain=test\n"
	    "Set-Cookie: sechdr=v11; Secure; Max-Age=3600\n"
	    "Set-Cookie: oldhdr=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT\n"
	    "garbage line without tabs\n"
	    "host.test\tFALSE\t/\tFALSE\t0\tlast\tnonewline";

	path = tmp_file(tmpdir, "load.txt", file, strlen(file));
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_load(jar, path, 0, NOW) == 0);
	CHECK(cookie_jar_count(jar) == 12);
	CHECK(strcmp(hdr(jar, "http", "host.test", "/", 0, NOW),
	    "sess=v1; httponly=v3; noval=; nopath=v6; upper=v7; relpath=v8; "
	    "anyhost=v10; last=nonewline") == 0);
	CHECK(strcmp(hdr(jar, "https", "host.test", "/", 1, NOW),
	    "sess=v1; httponly=v3; sec=v4; noval=; nopath=v6; upper=v7; "
	    "relpath=v8; anyhost=v10; sechdr=v11; last=nonewline") == 0);
	CHECK(strcmp(hdr(jar, "http", "www.dom.test", "/p/q", 0, NOW),
	    "persist=v2; fromhdr=v9; anyhost=v10") == 0);
	CHECK(strcmp(hdr(jar, "http", "elsewhere.test", "/", 0, NOW),
	    "anyhost=v10") == 0);
	cookie_jar_free(jar);

	/* -j: no session cookies from the file. */
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_load(jar, path, 1, NOW) == 0);
	CHECK(cookie_jar_count(jar) == 2);
	CHECK(strcmp(hdr(jar, "https", "www.dom.test", "/p", 1, NOW),
	    "persist=v2; sechdr=v11") == 0);
	CHECK(strcmp(hdr(jar, "https", "host.test", "/", 1, NOW),
	    "sechdr=v11") == 0);
	/* Later Set-Cookie replaces a loaded one; loading twice replaces. */
	CHECK(set(jar, "http", "www.dom.test", "/", "persist=new; "
	    "Domain=dom.test; Path=/p", NOW) == COOKIE_REPLACED);
	CHECK(cookie_jar_load(jar, path, 1, NOW) == 0);
	CHECK(cookie_jar_count(jar) == 2);
	CHECK(strcmp(hdr(jar, "https", "www.dom.test", "/p", 1, NOW),
	    "persist=v2; sechdr=v11") == 0);
	/* Files that are not there, not files, or nothing. */
	errno = 0;
	CHECK(cookie_jar_load(jar, "/nonexistent/cookies", 0, NOW) == -1 &&
	    errno == ENOENT);
	errno = 0;
	CHECK(cookie_jar_load(jar, tmpdir, 0, NOW) == -1 && errno == EISDIR);
	CHECK(cookie_jar_load(jar, "", 0, NOW) == 0);
	CHECK(cookie_jar_count(jar) == 2);
	cookie_jar_free(jar);
	unlink(path);
	free(path);

	/* An empty file and a file of comments. */
	path = tmp_file(tmpdir, "empty.txt", "", 0);
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_load(jar, path, 0, NOW) == 0);
	CHECK(cookie_jar_count(jar) == 0);
	unlink(path);
	free(path);
	path = tmp_file(tmpdir, "comments.txt", "#\n# x\n\n\r\n", 9);
	CHECK(cookie_jar_load(jar, path, 0, NOW) == 0);
	CHECK(cookie_jar_count(jar) == 0);
	cookie_jar_free(jar);
	unlink(path);
	free(path);
}

static void
test_load_hostile(void)
{
	struct cookie_jar	*jar;
	char			*data, *path;
	size_t			 len, i;
	FILE			*fp;

	/* A NUL inside a line: that line goes, the others stay. */
	{
		static const char nul[] =
		    "h.test\tFALSE\t/\tFALSE\t0\ta\tx\0y\n"
		    "h.test\tFALSE\t/\tFALSE\t0\tb\tok\n"
		    "Set-Cookie: c=x\0\r\nInjected: 1\n"
		    "\0\n";

		path = tmp_file(tmpdir, "nul.txt", nul, sizeof(nul) - 1);
	}
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_load(jar, path, 0, NOW) == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/", 0, NOW), "b=ok") == 0);
	cookie_jar_free(jar);
	unlink(path);
	free(path);

	/* An 8 MiB line with no newline, then more: skipped, bounded. */
	len = 8 << 20;
	if ((data = malloc(len + 64)) == NULL)
		abort();
	memset(data, 'A', len);
	memcpy(data + len, "\nh.test\tFALSE\t/\tFALSE\t0\tafter\t1\n", 32);
	path = tmp_file(tmpdir, "huge.txt", data, len + 32);
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_load(jar, path, 0, NOW) == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/", 0, NOW), "after=1") ==
	    0);
	cookie_jar_free(jar);
	unlink(path);
	free(path);
	free(data);

	/*
	 * Lines of exactly COOKIE_MAX_LINE bytes load (with LF or CRLF),
	 * one byte more is skipped; the long X attribute is ignored.
	 */
	len = 0;
	if ((data = malloc(4 * (COOKIE_MAX_LINE + 2))) == NULL)
		abort();
	for (i = 0; i < 4; i++) {
		const char	*names[] = { "n", "m", "o", "p" };
		size_t		 want = COOKIE_MAX_LINE + (i >= 2);
		size_t		 head;

		head = (size_t)sprintf(data + len,
		    "Set-Cookie: %s=1; Domain=h.test; X=", names[i]);
		memset(data + len + head, 'x', want - head);
		len += want;
		if (i % 2 == 1)
			data[len++] = '\r';
		data[len++] = '\n';
	}
	path = tmp_file(tmpdir, "maxline.txt", data, len);
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_load(jar, path, 0, NOW) == 0);
	CHECK(strcmp(hdr(jar, "http", "h.test", "/", 0, NOW), "n=1; m=1") ==
	    0);
	cookie_jar_free(jar);
	unlink(path);
	free(path);
	free(data);

	/* From a stream; a read error is reported. */
	CHECK(cookie_jar_new(&jar) == 0);
	data = "h.test\tFALSE\t/\tFALSE\t0\ts\t1\n";
	CHECK((fp = fmemopen(data, strlen(data), "r")) != NULL);
	CHECK(cookie_jar_load_fp(jar, fp, 0, NOW) == 0);
	fclose(fp);
	CHECK(cookie_jar_count(jar) == 1);
	CHECK((fp = fopen(tmpdir, "r")) != NULL);
	errno = 0;
	CHECK(cookie_jar_load_fp(jar, fp, 0, NOW) == -1 && errno == EIO);
	fclose(fp);
	cookie_jar_free(jar);
}

static void
test_save(void)
{
	struct cookie_jar	*jar, *jar2;
	struct stat		 st;
	char			*path, *path2, *text, *text2;
	const char		*empty =
	    "# Netscape HTTP Cookie File\n"
	    "# httpc cookie jar: see -b and -c in httpc(1) for the format.\n"
	    "# This file was generated by httpc! Edit at your own risk.\n\n";

	if (asprintf(&path, "%s/jar.txt", tmpdir) == -1 ||
	    asprintf(&path2, "%s/jar2.txt", tmpdir) == -1)
		abort();
	/* Empty: the header only, still written. */
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(cookie_jar_save(jar, path, NOW) == 0);
	text = slurp(path);
	CHECK(text != NULL && strcmp(text, empty) == 0);
	free(text);
	/* A new file is private. */
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);

	CHECK(set(jar, "http", "host.test", "/a/b", "first=1", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "https", "www.dom.test", "/", "second=2; "
	    "Domain=dom.test; Secure; HttpOnly; Max-Age=100", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "host.test", "/", "gone=1; Max-Age=10", NOW) ==
	    COOKIE_STORED);
	CHECK(set(jar, "http", "host.test", "/", "third=", NOW) ==
	    COOKIE_STORED);
	/* A cookie for any host (from a -b file) has no line. */
	text = "Set-Cookie: anyhost=1\n";
	text2 = tmp_file(tmpdir, "anyhost.txt", text, strlen(text));
	CHECK(cookie_jar_load(jar, text2, 0, NOW) == 0);
	free(text2);
	CHECK(cookie_jar_count(jar) == 5);
	/* An existing file keeps its mode; expired cookies are dropped. */
	CHECK(chmod(path, 0644) == 0);
	CHECK(cookie_jar_save(jar, path, NOW + 20) == 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	text = slurp(path);
	CHECK(text != NULL && strncmp(text, empty, strlen(empty)) == 0);
	/* Exactly curl's lines, newest first. */
	CHECK(text != NULL && strcmp(text + strlen(empty),
	    "host.test\tFALSE\t/\tFALSE\t0\tthird\t\n"
	    "#HttpOnly_.dom.test\tTRUE\t/\tTRUE\t1700000100\tsecond\t2\n"
	    "host.test\tFALSE\t/a\tFALSE\t0\tfirst\t1\n") == 0);

	/*
	 * Round trip: load what was saved, save again: the same lines (in
	 * the other order, since loading makes the last line the newest).
	 */
	CHECK(cookie_jar_new(&jar2) == 0);
	CHECK(cookie_jar_load(jar2, path, 0, NOW + 20) == 0);
	CHECK(cookie_jar_count(jar2) == 3);
	CHECK(strcmp(hdr(jar2, "https", "x.dom.test", "/", 1, NOW + 20),
	    "second=2") == 0);
	CHECK(strcmp(hdr(jar2, "http", "host.test", "/a/z", 0, NOW + 20),
	    "first=1; third=") == 0);
	CHECK(cookie_jar_save(jar2, path2, NOW + 20) == 0);
	text2 = slurp(path2);
	CHECK(text2 != NULL && strlen(text2) == strlen(text));
	CHECK(text2 != NULL && strstr(text2,
	    "host.test\tFALSE\t/\tFALSE\t0\tthird\t\n") != NULL);
	CHECK(text2 != NULL && strstr(text2,
	    "#HttpOnly_.dom.test\tTRUE\t/\tTRUE\t1700000100\tsecond\t2\n") !=
	    NULL);
	free(text2);
	cookie_jar_free(jar2);
	free(text);

	/* The same file given to -b and -c. */
	CHECK(cookie_jar_new(&jar2) == 0);
	CHECK(cookie_jar_load(jar2, path, 0, NOW + 20) == 0);
	CHECK(set(jar2, "http", "host.test", "/", "fourth=4", NOW + 20) ==
	    COOKIE_STORED);
	CHECK(cookie_jar_save(jar2, path, NOW + 20) == 0);
	cookie_jar_free(jar2);
	CHECK(cookie_jar_new(&jar2) == 0);
	CHECK(cookie_jar_load(jar2, path, 0, NOW + 20) == 0);
	CHECK(cookie_jar_count(jar2) == 4);
	cookie_jar_free(jar2);

	/* No temporary file is left behind. */
	text = NULL;
	if (asprintf(&text, "ls %s | grep -c 'jar.txt\\.' >/dev/null",
	    tmpdir) == -1)
		abort();
	CHECK(system(text) != 0);
	free(text);

	/* Nowhere to write: an error with errno. */
	errno = 0;
	CHECK(cookie_jar_save(jar, "/nonexistent/dir/jar.txt", NOW) == -1 &&
	    errno == ENOENT);
	/* A symbolic link is written through, and stays a link. */
	if (asprintf(&text, "%s/link.txt", tmpdir) == -1)
		abort();
	CHECK(symlink(path2, text) == 0);
	CHECK(cookie_jar_save(jar, text, NOW + 20) == 0);
	CHECK(lstat(text, &st) == 0 && S_ISLNK(st.st_mode));
	text2 = slurp(path2);
	CHECK(text2 != NULL && strstr(text2, "\tthird\t") != NULL);
	free(text2);
	unlink(text);
	free(text);
	/* A device: /dev/null takes it. */
	CHECK(cookie_jar_save(jar, "/dev/null", NOW) == 0);
	cookie_jar_free(jar);
	unlink(path);
	unlink(path2);
	free(path);
	free(path2);
}

/*
 * A Set-Cookie value that ends exactly where a PROT_NONE page begins:
 * any read past its NUL (or, for the date parser, past len) faults.
 */
static void
test_guard_page(void)
{
	struct cookie_jar	*jar;
	const char		*sc =
	    "a=b; Expires=Sun, 06 Nov 2044 08:49:37 GMT; Max-Age=5000; "
	    "Domain=g.test; Path=/p; Secure; HttpOnly; x";
	const char		*date = "Sun, 06 Nov 1994 08:49:37";
	long			 pagesz = sysconf(_SC_PAGESIZE);
	char			*map, *s;
	time_t			 t;

	map = mmap(NULL, (size_t)pagesz * 2, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		CHECK(!"mmap");
		return;
	}
	CHECK(mprotect(map + pagesz, (size_t)pagesz, PROT_NONE) == 0);
	s = map + pagesz - strlen(sc) - 1;
	memcpy(s, sc, strlen(sc) + 1);
	CHECK(cookie_jar_new(&jar) == 0);
	CHECK(set(jar, "https", "www.g.test", "/", s, NOW) == COOKIE_STORED);
	/* The last attribute cut at any point. */
	s = map + pagesz - 2;
	memcpy(s, "a", 2);
	CHECK(set(jar, "https", "www.g.test", "/", s, NOW) ==
	    COOKIE_BAD_SYNTAX);
	s = map + pagesz - 3;
	memcpy(s, "a=", 3);
	CHECK(set(jar, "https", "www.g.test", "/", s, NOW) == COOKIE_STORED);
	cookie_jar_free(jar);
	/* The date with no NUL at all after it. */
	s = map + pagesz - strlen(date);
	memcpy(s, date, strlen(date));
	CHECK(cookie_parse_date(s, strlen(date), &t) == 0 && t == 784111777);
	s = map + pagesz - 2;
	memcpy(s, "12", 2);
	CHECK(cookie_parse_date(s, 2, &t) == -1);
	s = map + pagesz - 8;
	memcpy(s, "12:34:56", 8);
	CHECK(cookie_parse_date(s, 8, &t) == -1);
	munmap(map, (size_t)pagesz * 2);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_dates();
	test_basic();
	test_domain();
	test_public_suffix();
	test_ip();
	test_path();
	test_secure();
	test_expiry();
	test_replace();
	test_syntax();
	test_hostile();
	test_prefixes();
	test_limits();
	test_literal();
	test_load();
	test_load_hostile();
	test_save();
	test_guard_page();
	if (asprintf(&cmd, "rm -rf %s", tmpdir) != -1) {
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
		free(cmd);
	}
	return check_done("t_cookie");
}
