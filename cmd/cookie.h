/*
 * The cookie engine of httpc (-b, -c, -j): what a server may set follows
 * RFC 6265 section 5 (with RFC 6265bis's CTL, size and Secure rules),
 * what is loaded and saved is curl's Netscape cookie file.
 *
 * Public suffixes: there is no libpsl.  A Domain attribute of one label
 * ("com", "localhost") and a short built-in list of well-known
 * multi-label suffixes (co.uk, com.au, github.io, ...) are refused.  The
 * list is partial: a suffix missing from it is treated as a registrable
 * domain.
 */
#ifndef COOKIE_H
#define COOKIE_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct httpc_url;
struct cookie_jar;

#define COOKIE_MAX_NAMEVALUE	4096	/* name and value bytes together */
#define COOKIE_MAX_LINE		5000	/* a Set-Cookie value, a file line */
#define COOKIE_MAX_ATTR		1024	/* an attribute value, else ignored */
#define COOKIE_MAX_PER_DOMAIN	180	/* beyond: the domain's oldest goes */
#define COOKIE_MAX_JAR		3000	/* beyond: the jar's oldest goes */
#define COOKIE_MAX_SEND		150	/* cookies in one Cookie header */
#define COOKIE_MAX_HEADER	8190	/* bytes of them in one Cookie header */
#define COOKIE_MAX_AGE		(400 * 24 * 3600) /* expiry cap: 400 days */

/*
 * What became of a Set-Cookie value: name, message (for -v).  Every
 * result from BAD_SYNTAX on means the cookie was not stored.
 */
#define COOKIE_RESULTS(X)						\
	X(STORED,	"added")					\
	X(REPLACED,	"replaced")					\
	X(DELETED,	"expired, removed")				\
	X(BAD_SYNTAX,	"no name=value pair")				\
	X(BAD_CHAR,	"control character in cookie")			\
	X(TOO_BIG,	"cookie too large")				\
	X(BAD_DOMAIN,	"domain does not match the host")		\
	X(PUBLIC_SUFFIX, "domain is a public suffix")			\
	X(NOT_SECURE,	"Secure cookie from a plain http URL")		\
	X(SECURE_OVERLAY, "would overlay a Secure cookie")		\
	X(BAD_PREFIX,	"__Secure- or __Host- prefix rules not met")	\
	X(NOMEM,	"out of memory")

enum cookie_result {
#define COOKIE_RESULT_ENUM(name, msg) COOKIE_##name,
	COOKIE_RESULTS(COOKIE_RESULT_ENUM)
#undef COOKIE_RESULT_ENUM
	COOKIE_RESULT_COUNT
};

/* The message of a result; never NULL. */
const char	*cookie_result_str(enum cookie_result);

/* A new empty jar in *jarp: 0, or -1 (ENOMEM). */
int		 cookie_jar_new(struct cookie_jar **jarp);
/* Frees the jar and its cookies (values wiped); NULL is fine. */
void		 cookie_jar_free(struct cookie_jar *);
/* Cookies in the jar, expired ones included until the next sweep. */
size_t		 cookie_jar_count(const struct cookie_jar *);

/*
 * -b ARG: curl reads ARG as cookies when it holds a '=', else as a file
 * name.  Returns 1 for cookies.
 */
int		 cookie_arg_is_literal(const char *arg);

/*
 * -b 'a=1; b=2': the string is sent as-is with every request, after the
 * jar's cookies (and not at all when those already fill the header);
 * several are joined with ";" as curl's tool joins them; an empty one is
 * ignored.  -1 with errno EINVAL if it holds a control character (CR,
 * LF, ...: header injection), E2BIG past curl's 8200 bytes for all of
 * them together, ENOMEM.
 */
int		 cookie_jar_add_literal(struct cookie_jar *, const char *);

/*
 * -b FILE: reads a Netscape cookie file (TAB-separated lines, "#HttpOnly_"
 * prefix, "#" comments) or lines "Set-Cookie: ..." as curl does; "-" is
 * standard input, "" reads nothing.  Bad, oversized and expired lines
 * are skipped.  junk_session (-j) drops cookies without an expiry.
 * Returns 0, or -1 with errno (ENOENT and the like from open(2): curl
 * only warns; ENOMEM; EIO for a read error).
 */
int		 cookie_jar_load(struct cookie_jar *, const char *path,
		    int junk_session, time_t now);
/* The same from an open stream, which stays open. */
int		 cookie_jar_load_fp(struct cookie_jar *, FILE *,
		    int junk_session, time_t now);

/*
 * Stores one Set-Cookie field value received for request_url per RFC
 * 6265 section 5.2-5.3: host-only unless a Domain attribute domain-
 * matches the host (never a public suffix, an IP address only as
 * itself); Path or the default-path; Max-Age wins over Expires; an
 * expiry in the past deletes; same name, domain and path replaces.
 * Secure only from https; a plain-http cookie never overlays a Secure
 * one.  Control characters (HTAB aside) refuse the whole value.
 */
enum cookie_result cookie_jar_set_cookie(struct cookie_jar *,
		    const struct httpc_url *request_url,
		    const char *set_cookie_value, time_t now);

/*
 * The Cookie header value for a request to url (RFC 6265 section 5.4):
 * unexpired cookies whose domain and path match, Secure ones only when
 * is_secure, longest path first then oldest, at most COOKIE_MAX_SEND
 * cookies and COOKIE_MAX_HEADER bytes, then the -b literals.  *out is
 * NULL when there is nothing to send, else the caller frees it.
 * Returns 0, or -1 (ENOMEM; EINVAL for a URL without host).
 */
int		 cookie_jar_header(struct cookie_jar *,
		    const struct httpc_url *url, int is_secure, time_t now,
		    char **out);

/*
 * -c FILE: writes the jar in curl's Netscape format, newest cookie
 * first, expired ones dropped; the header is written even when the jar
 * is empty.  "-" is standard output.  A regular file is replaced
 * atomically (a temporary file beside it, then rename(2)) keeping its
 * mode; a new one is created 0600, since cookies are credentials.
 * Returns 0, or -1 with errno.
 */
int		 cookie_jar_save(struct cookie_jar *, const char *path,
		    time_t now);
/* The same to an open stream: 0, or -1 on a write error. */
int		 cookie_jar_write(struct cookie_jar *, FILE *, time_t now);

/*
 * RFC 6265 section 5.1.1: the cookie-date algorithm on len bytes, strict
 * (no other date formats).  0 and *t (UTC), or -1.
 */
int		 cookie_parse_date(const char *, size_t len, time_t *t);

#endif /* COOKIE_H */
