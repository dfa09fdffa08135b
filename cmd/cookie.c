/*
 * The cookie jar: RFC 6265 section 5 for Set-Cookie, curl's Netscape
 * cookie file for -b FILE and -c FILE, curl's -b 'a=1; b=2' literals.
 *
 * A jar holds at most COOKIE_MAX_JAR cookies in an unordered array; every
 * lookup is a linear scan, which at that size costs less than keeping an
 * index right.  Order is only needed when a header or a file is written,
 * and is then made by sorting on the creation sequence.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "httpc.h"
#include "buf.h"
#include "cookie.h"

/* time_t is signed; its largest value without assuming its width. */
#define TIME_T_MAX \
	((time_t)(((uint64_t)1 << (sizeof(time_t) * CHAR_BIT - 1)) - 1))

/* curl's limit on all -b literals together (tool_operate.c). */
#define COOKIE_MAX_LITERAL	8200
/* curl counts "Cookie: " into its header limit; so do we. */
#define COOKIE_HEADER_PREFIX	8

struct cookie {
	char		*name;
	char		*value;
	char		*domain;	/* lower case; NULL: any host */
	char		*path;
	time_t		 expires;	/* 0: session cookie */
	uint64_t	 seq;		/* creation order, kept on replace */
	int		 host_only;
	int		 secure;
	int		 httponly;
};

struct cookie_jar {
	struct cookie	**v;
	size_t		  n;
	size_t		  cap;
	uint64_t	  seq;
	char		 *literal;	/* -b strings joined with ";" */
};

/* A Set-Cookie value split up (RFC 6265 section 5.2), not yet judged. */
struct setcookie {
	const char	*name;
	size_t		 namelen;
	const char	*value;
	size_t		 valuelen;
	const char	*domain;	/* without leading dot; NULL: none */
	size_t		 domainlen;
	const char	*path;		/* NULL: the default-path */
	size_t		 pathlen;
	time_t		 maxage;	/* delta seconds, <= 0: expired */
	time_t		 expires;
	int		 has_maxage;
	int		 has_expires;
	int		 secure;
	int		 httponly;
};

static const char *const cookie_results[] = {
#define COOKIE_RESULT_MSG(name, msg) msg,
	COOKIE_RESULTS(COOKIE_RESULT_MSG)
#undef COOKIE_RESULT_MSG
};

/*
 * Well-known public suffixes of more than one label.  Partial by design
 * (see cookie.h): the full list belongs to libpsl, which we do not use.
 */
static const char *const public_suffixes[] = {
	"ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk", "nhs.uk",
	"org.uk", "plc.uk", "police.uk", "sch.uk",
	"asn.au", "com.au", "edu.au", "gov.au", "id.au", "net.au", "org.au",
	"ac.jp", "ad.jp", "co.jp", "ed.jp", "go.jp", "gr.jp", "lg.jp",
	"ne.jp", "or.jp",
	"ac.nz", "co.nz", "geek.nz", "gen.nz", "govt.nz", "net.nz", "org.nz",
	"school.nz",
	"com.br", "gov.br", "net.br", "org.br",
	"com.cn", "edu.cn", "gov.cn", "net.cn", "org.cn",
	"ac.in", "co.in", "edu.in", "firm.in", "gen.in", "gov.in", "ind.in",
	"net.in", "org.in",
	"ac.za", "co.za", "gov.za", "net.za", "org.za",
	"co.kr", "or.kr", "co.il", "co.id", "co.th", "in.th",
	"com.ar", "com.eg", "com.hk", "com.mx", "com.my", "com.ph", "com.pl",
	"com.sa", "com.sg", "com.tr", "com.tw", "com.ua", "com.vn",
	"gob.mx", "org.mx",
	/* private registries: anyone can get a name right below these */
	"appspot.com", "azurewebsites.net", "blogspot.com", "cloudfront.net",
	"firebaseapp.com", "fly.dev", "github.io", "gitlab.io",
	"herokuapp.com", "netlify.app", "onrender.com", "pages.dev",
	"s3.amazonaws.com", "vercel.app", "web.app", "workers.dev",
};

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

static void		 cookie_free(struct cookie *);
static int		 has_ctl(const char *, size_t);
static int		 is_wsp(unsigned char);
static void		 trim(const char **, size_t *);
static int		 word_eq(const char *, size_t, const char *);
static char		*lower_dup(const char *, size_t);
static int		 is_ip(const char *);
static int		 domain_match(const char *, const char *);
static int		 valid_domain(const char *);
static int		 public_suffix(const char *);
static char		*default_path(const char *);
static int		 path_match(const char *, const char *);
static int		 parse_maxage(const char *, size_t, time_t *);
static time_t		 cap_expiry(time_t, time_t);
static enum cookie_result parse_setcookie(const char *, size_t,
			    struct setcookie *);
static void		 parse_attribute(struct setcookie *, const char *,
			    size_t, const char *, size_t);
static enum cookie_result set_cookie(struct cookie_jar *,
			    const struct httpc_url *, const char *, size_t,
			    time_t, int);
static int		 prefix_ok(const struct cookie *, int);
static int		 secure_overlay(const struct cookie_jar *,
			    const struct cookie *);
static int		 same_key(const struct cookie *, const struct cookie *);
static void		 jar_remove(struct cookie_jar *, size_t);
static void		 jar_sweep(struct cookie_jar *, time_t);
static void		 jar_evict_oldest(struct cookie_jar *, const char *,
			    int);
static enum cookie_result jar_insert(struct cookie_jar *, struct cookie *,
			    time_t);
static int		 load_line(struct cookie_jar *, char *, size_t, int,
			    time_t);
static int		 load_netscape(struct cookie_jar *, char *, size_t,
			    int, time_t);
static int		 save_in_place(struct cookie_jar *, const char *,
			    time_t);
static int		 cmp_send(const void *, const void *);
static int		 cmp_save(const void *, const void *);
static int		 date_delim(unsigned char);
static int		 date_isdigit(unsigned char);
static size_t		 date_number(const char *, size_t, size_t, size_t,
			    int *);
static int		 date_time(const char *, size_t, int *, int *, int *);
static int		 days_in_month(int, int);
static int64_t		 days_from_civil(int64_t, int, int);

const char *
cookie_result_str(enum cookie_result r)
{
	if ((size_t)r >= sizeof(cookie_results) / sizeof(cookie_results[0]))
		return "unknown cookie result";
	return cookie_results[r];
}

int
cookie_jar_new(struct cookie_jar **jarp)
{
	if ((*jarp = calloc(1, sizeof(**jarp))) == NULL)
		return -1;
	return 0;
}

void
cookie_jar_free(struct cookie_jar *jar)
{
	size_t	 i;

	if (jar == NULL)
		return;
	for (i = 0; i < jar->n; i++)
		cookie_free(jar->v[i]);
	free(jar->v);
	if (jar->literal != NULL)
		freezero(jar->literal, strlen(jar->literal) + 1);
	free(jar);
}

size_t
cookie_jar_count(const struct cookie_jar *jar)
{
	return jar->n;
}

int
cookie_arg_is_literal(const char *arg)
{
	return strchr(arg, '=') != NULL;
}

int
cookie_jar_add_literal(struct cookie_jar *jar, const char *s)
{
	char	*joined;
	size_t	 old = 0, len = strlen(s), total;

	if (has_ctl(s, len)) {
		errno = EINVAL;
		return -1;
	}
	/* Nothing to send: no empty "Cookie:" and no stray ";". */
	if (len == 0)
		return 0;
	if (jar->literal != NULL)
		old = strlen(jar->literal) + 1;
	if (len > COOKIE_MAX_LITERAL || old > COOKIE_MAX_LITERAL - len) {
		errno = E2BIG;
		return -1;
	}
	total = old + len;
	if ((joined = malloc(total + 1)) == NULL)
		return -1;
	if (jar->literal != NULL) {
		memcpy(joined, jar->literal, old - 1);
		joined[old - 1] = ';';
		freezero(jar->literal, old);
	}
	memcpy(joined + old, s, len + 1);
	jar->literal = joined;
	return 0;
}

enum cookie_result
cookie_jar_set_cookie(struct cookie_jar *jar, const struct httpc_url *url,
    const char *value, time_t now)
{
	if (url == NULL || url->host == NULL || value == NULL)
		return COOKIE_BAD_SYNTAX;
	return set_cookie(jar, url, value, strlen(value), now, 0);
}

int
cookie_jar_load(struct cookie_jar *jar, const char *path, int junk_session,
    time_t now)
{
	struct stat	 st;
	FILE		*fp;
	int		 rc, saved;

	if (*path == '\0')
		return 0;
	if (strcmp(path, "-") == 0)
		return cookie_jar_load_fp(jar, stdin, junk_session, now);
	if ((fp = fopen(path, "re")) == NULL)
		return -1;
	if (fstat(fileno(fp), &st) == -1)
		rc = -1;
	else if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		rc = -1;
	} else
		rc = cookie_jar_load_fp(jar, fp, junk_session, now);
	saved = errno;
	fclose(fp);
	errno = saved;
	return rc;
}

/*
 * Lines are read byte by byte into a fixed buffer, so that a hostile
 * file with one endless line costs no memory: a line longer than
 * COOKIE_MAX_LINE, or holding a NUL, is read to its end and skipped.
 */
int
cookie_jar_load_fp(struct cookie_jar *jar, FILE *fp, int junk_session,
    time_t now)
{
	char	 line[COOKIE_MAX_LINE + 2];
	size_t	 len;
	int	 c, skip;

	for (;;) {
		len = 0;
		skip = 0;
		while ((c = getc(fp)) != EOF && c != '\n') {
			if (c == '\0')
				skip = 1;
			if (len < sizeof(line) - 1)
				line[len++] = (char)c;
			else
				skip = 1;
		}
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len > COOKIE_MAX_LINE)
			skip = 1;
		if (!skip && len > 0) {
			line[len] = '\0';
			if (load_line(jar, line, len, junk_session,
			    now) == -1) {
				explicit_bzero(line, sizeof(line));
				errno = ENOMEM;
				return -1;
			}
		}
		if (c == EOF)
			break;
	}
	explicit_bzero(line, sizeof(line));
	if (ferror(fp)) {
		errno = EIO;
		return -1;
	}
	jar_sweep(jar, now);
	return 0;
}

int
cookie_jar_header(struct cookie_jar *jar, const struct httpc_url *url,
    int is_secure, time_t now, char **out)
{
	struct cookie	**sel = NULL;
	struct cookie	 *c;
	struct hc_buf	  b;
	const char	 *path;
	char		 *host = NULL;
	size_t		  i, n = 0, clen, add, count = 0;
	int		  capped = 0, rc = -1;

	*out = NULL;
	hc_buf_init(&b, SIZE_MAX);
	if (url->host == NULL) {
		errno = EINVAL;
		return -1;
	}
	path = url->path != NULL && url->path[0] == '/' ? url->path : "/";
	if ((host = lower_dup(url->host, strlen(url->host))) == NULL)
		goto done;
	jar_sweep(jar, now);
	if (jar->n > 0 &&
	    (sel = reallocarray(NULL, jar->n, sizeof(*sel))) == NULL)
		goto done;
	for (i = 0; i < jar->n; i++) {
		c = jar->v[i];
		if (c->secure && !is_secure)
			continue;
		if (c->domain != NULL && (c->host_only ?
		    strcmp(host, c->domain) != 0 :
		    !domain_match(host, c->domain)))
			continue;
		if (!path_match(path, c->path))
			continue;
		sel[n++] = c;
	}
	if (n > 0)
		qsort(sel, n, sizeof(*sel), cmp_send);

	/*
	 * curl's limits, counted as curl counts them (http.c): past the
	 * byte limit the rest and the -b literals are left out.
	 */
	clen = COOKIE_HEADER_PREFIX;
	for (i = 0; i < n && count < COOKIE_MAX_SEND; i++) {
		c = sel[i];
		add = strlen(c->name) + 1 + strlen(c->value);
		if (clen + add >= COOKIE_MAX_HEADER) {
			capped = 1;
			break;
		}
		if ((count > 0 && hc_buf_addstr(&b, "; ") != HTTPC_OK) ||
		    hc_buf_addstr(&b, c->name) != HTTPC_OK ||
		    hc_buf_addstr(&b, "=") != HTTPC_OK ||
		    hc_buf_addstr(&b, c->value) != HTTPC_OK)
			goto done;
		clen += add + (count > 0 ? 2 : 0);
		count++;
	}
	if (jar->literal != NULL && !capped) {
		if ((count > 0 && hc_buf_addstr(&b, "; ") != HTTPC_OK) ||
		    hc_buf_addstr(&b, jar->literal) != HTTPC_OK)
			goto done;
		count++;
	}
	if (count > 0 && (*out = hc_buf_take(&b)) == NULL)
		goto done;
	rc = 0;
done:
	if (rc == -1)
		errno = ENOMEM;
	hc_buf_free(&b);
	free(sel);
	free(host);
	return rc;
}

int
cookie_jar_write(struct cookie_jar *jar, FILE *fp, time_t now)
{
	struct cookie	**sorted = NULL;
	struct cookie	 *c;
	size_t		  i, n = 0;

	jar_sweep(jar, now);
	errno = 0;
	fputs("# Netscape HTTP Cookie File\n"
	    "# httpc cookie jar: see -b and -c in httpc(1) for the format.\n"
	    "# This file was generated by httpc! Edit at your own risk.\n\n",
	    fp);
	if (jar->n > 0) {
		if ((sorted = reallocarray(NULL, jar->n,
		    sizeof(*sorted))) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		/*
		 * Cookies for any host (Set-Cookie lines of a -b file
		 * without Domain) have no line in this format; curl skips
		 * them too.
		 */
		for (i = 0; i < jar->n; i++)
			if (jar->v[i]->domain != NULL)
				sorted[n++] = jar->v[i];
		qsort(sorted, n, sizeof(*sorted), cmp_save);
	}
	for (i = 0; i < n; i++) {
		c = sorted[i];
		fprintf(fp, "%s%s%s\t%s\t%s\t%s\t%lld\t%s\t%s\n",
		    c->httponly ? "#HttpOnly_" : "",
		    c->host_only ? "" : ".", c->domain,
		    c->host_only ? "FALSE" : "TRUE",
		    c->path,
		    c->secure ? "TRUE" : "FALSE",
		    (long long)c->expires, c->name, c->value);
	}
	free(sorted);
	if (fflush(fp) == EOF || ferror(fp)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

/*
 * A regular file is replaced through a temporary file and rename(2), so
 * a crash or a full disk never leaves half a jar.  A symbolic link, a
 * device or a FIFO (-c /dev/stdout) is written in place, as curl does,
 * and so is a jar in a directory where no temporary file can be made.
 */
int
cookie_jar_save(struct cookie_jar *jar, const char *path, time_t now)
{
	struct stat	 st;
	FILE		*fp = NULL;
	char		*tmp = NULL;
	mode_t		 mode = 0600;
	int		 fd = -1, rc = -1, saved;

	if (strcmp(path, "-") == 0)
		return cookie_jar_write(jar, stdout, now);
	if (lstat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return save_in_place(jar, path, now);
		mode = st.st_mode & 07777;
	} else if (errno != ENOENT)
		return -1;
	if (asprintf(&tmp, "%s.XXXXXX", path) == -1) {
		errno = ENOMEM;
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return save_in_place(jar, path, now);
	}
	if (fchmod(fd, mode) == -1 || (fp = fdopen(fd, "w")) == NULL)
		goto done;
	fd = -1;
	if (cookie_jar_write(jar, fp, now) == -1)
		goto done;
	rc = fclose(fp);
	fp = NULL;
	if (rc == EOF || rename(tmp, path) == -1) {
		rc = -1;
		goto done;
	}
	rc = 0;
done:
	if (rc == -1) {
		saved = errno;
		if (fp != NULL)
			fclose(fp);
		if (fd != -1)
			close(fd);
		unlink(tmp);
		errno = saved;
	}
	free(tmp);
	return rc;
}

/*
 * RFC 6265 section 5.1.1, step by step: split into date-tokens at the
 * delimiters, try each token as time, day-of-month, month, year (each
 * only until found), then range checks.  Nothing else is accepted.
 */
int
cookie_parse_date(const char *s, size_t len, time_t *t)
{
	const char	*tok;
	size_t		 i = 0, tl, n, m;
	int		 found_time = 0, found_day = 0, found_month = 0;
	int		 found_year = 0;
	int		 hour = 0, min = 0, sec = 0;
	int		 day = 0, month = 0, year = 0;
	int		 v;
	int64_t		 secs;

	while (i < len) {
		while (i < len && date_delim((unsigned char)s[i]))
			i++;
		tok = s + i;
		while (i < len && !date_delim((unsigned char)s[i]))
			i++;
		if ((tl = (size_t)(s + i - tok)) == 0)
			continue;
		if (!found_time && date_time(tok, tl, &hour, &min, &sec)) {
			found_time = 1;
			continue;
		}
		if (!found_day && (n = date_number(tok, tl, 1, 2, &v)) > 0) {
			found_day = 1;
			day = v;
			continue;
		}
		if (!found_month && tl >= 3) {
			for (m = 0; m < 12; m++)
				if (strncasecmp(tok, months[m], 3) == 0)
					break;
			if (m < 12) {
				found_month = 1;
				month = (int)m + 1;
				continue;
			}
		}
		if (!found_year && (n = date_number(tok, tl, 2, 4, &v)) > 0) {
			found_year = 1;
			year = v;
		}
	}
	if (found_year && year >= 70 && year <= 99)
		year += 1900;
	else if (found_year && year >= 0 && year <= 69)
		year += 2000;
	if (!found_time || !found_day || !found_month || !found_year)
		return -1;
	if (day < 1 || day > 31 || year < 1601 || hour > 23 || min > 59 ||
	    sec > 59)
		return -1;
	if (day > days_in_month(year, month))
		return -1;
	secs = days_from_civil(year, month, day) * 86400 +
	    hour * 3600 + min * 60 + sec;
	/* Years up to 9999 fit a 64-bit time_t; a 32-bit one saturates. */
	if (sizeof(time_t) < sizeof(int64_t)) {
		if (secs > (int64_t)TIME_T_MAX)
			secs = (int64_t)TIME_T_MAX;
		else if (secs < -(int64_t)TIME_T_MAX)
			secs = -(int64_t)TIME_T_MAX;
	}
	*t = (time_t)secs;
	return 0;
}

static void
cookie_free(struct cookie *c)
{
	if (c == NULL)
		return;
	free(c->name);
	/* Values are session keys more often than not. */
	if (c->value != NULL)
		freezero(c->value, strlen(c->value) + 1);
	free(c->domain);
	free(c->path);
	free(c);
}

/* RFC 6265bis: CTLs but HTAB refuse a cookie (CR and LF: injection). */
static int
has_ctl(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return 1;
	return 0;
}

static int
is_wsp(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_wsp((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_wsp((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* len bytes at s are word, ignoring ASCII case. */
static int
word_eq(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && strncasecmp(s, word, len) == 0;
}

static char *
lower_dup(const char *s, size_t len)
{
	char	*d;
	size_t	 i;

	if ((d = strndup(s, len)) == NULL)
		return NULL;
	for (i = 0; d[i] != '\0'; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] += 'a' - 'A';
	return d;
}

static int
is_ip(const char *host)
{
	struct in6_addr	 a6;
	struct in_addr	 a4;

	return inet_pton(AF_INET, host, &a4) == 1 ||
	    inet_pton(AF_INET6, host, &a6) == 1;
}

/*
 * RFC 6265 section 5.1.3: host is domain, or ends with "." domain and is
 * a host name, not an IP address.  Both are lower case.
 */
static int
domain_match(const char *host, const char *domain)
{
	size_t	 hl = strlen(host), dl = strlen(domain);

	if (hl == dl)
		return strcmp(host, domain) == 0;
	if (hl < dl || dl == 0)
		return 0;
	return host[hl - dl - 1] == '.' &&
	    strcmp(host + hl - dl, domain) == 0 && !is_ip(host);
}

/*
 * What a Domain attribute or a cookie-file domain may hold: the bytes of
 * host names, no empty label, or an IP address.  Anything else (a TAB
 * would break the cookie file) refuses the cookie.
 */
static int
valid_domain(const char *d)
{
	size_t	 i;

	if (d[0] == '\0' || d[0] == '.')
		return 0;
	if (strchr(d, ':') != NULL)
		return is_ip(d);
	for (i = 0; d[i] != '\0'; i++) {
		if (d[i] == '.' && (d[i + 1] == '.' || d[i + 1] == '\0'))
			return 0;
		if (!((d[i] >= 'a' && d[i] <= 'z') ||
		    (d[i] >= '0' && d[i] <= '9') ||
		    d[i] == '-' || d[i] == '_' || d[i] == '.'))
			return 0;
	}
	return 1;
}

/* A single label (a TLD, "localhost", an IPv6 address) or a listed one. */
static int
public_suffix(const char *d)
{
	size_t	 i;

	if (strchr(d, '.') == NULL)
		return 1;
	for (i = 0; i < sizeof(public_suffixes) / sizeof(public_suffixes[0]);
	    i++)
		if (strcmp(d, public_suffixes[i]) == 0)
			return 1;
	return 0;
}

/* RFC 6265 section 5.1.4: up to, not including, the right-most '/'. */
static char *
default_path(const char *p)
{
	const char	*last;

	if (p == NULL || p[0] != '/' || (last = strrchr(p, '/')) == p)
		return strdup("/");
	return strndup(p, (size_t)(last - p));
}

/* RFC 6265 section 5.1.4 path-match; case matters. */
static int
path_match(const char *reqpath, const char *cpath)
{
	size_t	 n = strlen(cpath);

	if (strncmp(reqpath, cpath, n) != 0)
		return 0;
	return reqpath[n] == '\0' || reqpath[n] == '/' ||
	    (n > 0 && cpath[n - 1] == '/');
}

/*
 * RFC 6265 section 5.2.2: a DIGIT or "-" first, then DIGITs only, else
 * the attribute is ignored (-1).  Huge values saturate: they are capped
 * to COOKIE_MAX_AGE later anyway.
 */
static int
parse_maxage(const char *s, size_t len, time_t *delta)
{
	size_t	 i = 0;
	time_t	 d = 0;
	int	 neg = 0;

	if (len > 0 && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (d <= (TIME_T_MAX - 9) / 10)
			d = d * 10 + (s[i] - '0');
		else
			d = TIME_T_MAX;
	}
	*delta = neg ? 0 : d;
	return 0;
}

/*
 * No cookie lives more than 400 days (RFC 6265bis).  The cap is rounded
 * to a minute as curl rounds it, so that jars compare equal in tests.
 */
static time_t
cap_expiry(time_t now, time_t t)
{
	time_t	 cap;

	if (now < 0 || now > TIME_T_MAX - COOKIE_MAX_AGE - 60)
		return t;
	cap = now + COOKIE_MAX_AGE;
	if (t > cap)
		t = (cap + 30) / 60 * 60;
	return t;
}

/*
 * RFC 6265 section 5.2: the name-value-pair before the first ';' must
 * hold a '=' and a non-empty name; the attributes after it are split at
 * ';' and '='.  The whole value is refused for a CTL (RFC 6265bis), for
 * a size over the limits, or for a TAB inside the name or value, which
 * the TAB-separated cookie file could not hold (curl refuses it too).
 */
static enum cookie_result
parse_setcookie(const char *s, size_t len, struct setcookie *sc)
{
	const char	*end = s + len, *semi, *eq, *p, *an, *av;
	size_t		 anl, avl;

	memset(sc, 0, sizeof(*sc));
	if (len > COOKIE_MAX_LINE)
		return COOKIE_TOO_BIG;
	if (has_ctl(s, len))
		return COOKIE_BAD_CHAR;
	if ((semi = memchr(s, ';', len)) == NULL)
		semi = end;
	if ((eq = memchr(s, '=', (size_t)(semi - s))) == NULL)
		return COOKIE_BAD_SYNTAX;
	sc->name = s;
	sc->namelen = (size_t)(eq - s);
	trim(&sc->name, &sc->namelen);
	sc->value = eq + 1;
	sc->valuelen = (size_t)(semi - sc->value);
	trim(&sc->value, &sc->valuelen);
	if (sc->namelen == 0)
		return COOKIE_BAD_SYNTAX;
	if (sc->namelen + sc->valuelen > COOKIE_MAX_NAMEVALUE)
		return COOKIE_TOO_BIG;
	if (memchr(sc->name, '\t', sc->namelen) != NULL ||
	    memchr(sc->value, '\t', sc->valuelen) != NULL)
		return COOKIE_BAD_CHAR;

	for (p = semi; p < end; p = semi) {
		p++;
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		an = p;
		if ((eq = memchr(p, '=', (size_t)(semi - p))) != NULL) {
			anl = (size_t)(eq - p);
			av = eq + 1;
			avl = (size_t)(semi - av);
		} else {
			anl = (size_t)(semi - p);
			av = semi;
			avl = 0;
		}
		trim(&an, &anl);
		trim(&av, &avl);
		/* RFC 6265bis: an over-long attribute value is ignored. */
		if (avl > COOKIE_MAX_ATTR)
			continue;
		parse_attribute(sc, an, anl, av, avl);
	}
	return COOKIE_STORED;
}

/* One cookie-av (RFC 6265 sections 5.2.1-5.2.6); the last one wins. */
static void
parse_attribute(struct setcookie *sc, const char *an, size_t anl,
    const char *av, size_t avl)
{
	time_t	 t;

	if (word_eq(an, anl, "expires")) {
		if (cookie_parse_date(av, avl, &t) == 0) {
			sc->has_expires = 1;
			sc->expires = t;
		}
	} else if (word_eq(an, anl, "max-age")) {
		if (parse_maxage(av, avl, &t) == 0) {
			sc->has_maxage = 1;
			sc->maxage = t;
		}
	} else if (word_eq(an, anl, "domain")) {
		/* An empty value is ignored, not taken as "no domain". */
		if (avl == 0)
			return;
		if (av[0] == '.') {
			av++;
			avl--;
		}
		sc->domain = av;
		sc->domainlen = avl;
	} else if (word_eq(an, anl, "path")) {
		if (avl == 0 || av[0] != '/') {
			sc->path = NULL;
			sc->pathlen = 0;
		} else {
			sc->path = av;
			sc->pathlen = avl;
		}
	} else if (word_eq(an, anl, "secure"))
		sc->secure = 1;
	else if (word_eq(an, anl, "httponly"))
		sc->httponly = 1;
}

/*
 * RFC 6265 section 5.3 storage.  url is NULL for the Set-Cookie lines of
 * a -b file: the user's own file, so no host to match a Domain against
 * (public suffixes are still refused), and a cookie without Domain goes
 * to every host, as in curl.
 */
static enum cookie_result
set_cookie(struct cookie_jar *jar, const struct httpc_url *url,
    const char *s, size_t len, time_t now, int junk_session)
{
	struct setcookie	 sc;
	struct cookie		*c = NULL;
	enum cookie_result	 r;
	char			*host = NULL, *dom = NULL;
	size_t			 i;
	int			 secure_origin, expired = 0;

	if ((r = parse_setcookie(s, len, &sc)) != COOKIE_STORED)
		return r;
	secure_origin = url == NULL ||
	    (url->scheme != NULL && strcmp(url->scheme, "https") == 0);
	/* RFC 6265bis: only a secure origin sets Secure. */
	if (sc.secure && !secure_origin)
		return COOKIE_NOT_SECURE;

	r = COOKIE_NOMEM;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		goto fail;
	if ((c->name = strndup(sc.name, sc.namelen)) == NULL ||
	    (c->value = strndup(sc.value, sc.valuelen)) == NULL)
		goto fail;
	c->secure = sc.secure;
	c->httponly = sc.httponly;

	if (sc.has_maxage) {
		if (sc.maxage <= 0)
			expired = 1;
		else if (sc.maxage > COOKIE_MAX_AGE ||
		    now > TIME_T_MAX - sc.maxage)
			c->expires = cap_expiry(now, TIME_T_MAX);
		else
			c->expires = cap_expiry(now, now + sc.maxage);
	} else if (sc.has_expires) {
		if (sc.expires <= now)
			expired = 1;
		else
			c->expires = cap_expiry(now, sc.expires);
	}

	if (url != NULL &&
	    (host = lower_dup(url->host, strlen(url->host))) == NULL)
		goto fail;
	if (sc.domain != NULL && sc.domainlen > 0) {
		if ((dom = lower_dup(sc.domain, sc.domainlen)) == NULL)
			goto fail;
		if (!valid_domain(dom)) {
			r = COOKIE_BAD_DOMAIN;
			goto fail;
		}
		if (public_suffix(dom)) {
			/* Allowed only as the host itself, then host-only. */
			if (host == NULL || strcmp(dom, host) != 0) {
				r = COOKIE_PUBLIC_SUFFIX;
				goto fail;
			}
			c->host_only = 1;
		} else if (host != NULL && !domain_match(host, dom)) {
			r = COOKIE_BAD_DOMAIN;
			goto fail;
		}
		/* An address has no subdomains: exact, as curl keeps it. */
		if (is_ip(dom))
			c->host_only = 1;
		c->domain = dom;
		dom = NULL;
	} else if (host != NULL) {
		c->host_only = 1;
		c->domain = host;
		host = NULL;
	}

	if (sc.path != NULL)
		c->path = strndup(sc.path, sc.pathlen);
	else
		c->path = default_path(url != NULL ? url->path : NULL);
	if (c->path == NULL)
		goto fail;
	if (strchr(c->path, '\t') != NULL) {
		r = COOKIE_BAD_CHAR;
		goto fail;
	}
	if (!prefix_ok(c, sc.domain != NULL && sc.domainlen > 0)) {
		r = COOKIE_BAD_PREFIX;
		goto fail;
	}
	if (!secure_origin && secure_overlay(jar, c)) {
		r = COOKIE_SECURE_OVERLAY;
		goto fail;
	}

	if (expired) {
		for (i = 0; i < jar->n; i++)
			if (same_key(jar->v[i], c)) {
				jar_remove(jar, i);
				break;
			}
		r = COOKIE_DELETED;
		goto fail;
	}
	if (junk_session && c->expires == 0) {
		r = COOKIE_DELETED;
		goto fail;
	}
	free(host);
	return jar_insert(jar, c, now);
fail:
	cookie_free(c);
	free(host);
	free(dom);
	return r;
}

/*
 * Cookie name prefixes (RFC 6265bis section 4.1.3): "__Secure-" needs
 * Secure; "__Host-" needs Secure, no Domain attribute and Path "/".
 */
static int
prefix_ok(const struct cookie *c, int had_domain)
{
	if (strncasecmp(c->name, "__Secure-", 9) == 0 && !c->secure)
		return 0;
	if (strncasecmp(c->name, "__Host-", 7) == 0 &&
	    (!c->secure || had_domain || strcmp(c->path, "/") != 0))
		return 0;
	return 1;
}

/*
 * RFC 6265bis section 5.7 step 16: from plain http, no cookie may shadow
 * a Secure one of the same name whose domain matches either way and
 * whose path the new path falls under.  Deleting it is shadowing too.
 */
static int
secure_overlay(const struct cookie_jar *jar, const struct cookie *c)
{
	const struct cookie	*o;
	size_t			 i;

	for (i = 0; i < jar->n; i++) {
		o = jar->v[i];
		if (!o->secure || strcmp(o->name, c->name) != 0)
			continue;
		if (o->domain != NULL && c->domain != NULL &&
		    !domain_match(o->domain, c->domain) &&
		    !domain_match(c->domain, o->domain))
			continue;
		if (path_match(c->path, o->path))
			return 1;
	}
	return 0;
}

/* RFC 6265 section 5.3 step 11: the same name, domain and path. */
static int
same_key(const struct cookie *a, const struct cookie *b)
{
	if (strcmp(a->name, b->name) != 0 || strcmp(a->path, b->path) != 0)
		return 0;
	if (a->domain == NULL || b->domain == NULL)
		return a->domain == b->domain;
	return strcmp(a->domain, b->domain) == 0;
}

/* Order does not matter in the array: the last one fills the hole. */
static void
jar_remove(struct cookie_jar *jar, size_t i)
{
	cookie_free(jar->v[i]);
	jar->v[i] = jar->v[--jar->n];
}

static void
jar_sweep(struct cookie_jar *jar, time_t now)
{
	size_t	 i = 0;

	while (i < jar->n) {
		if (jar->v[i]->expires != 0 && jar->v[i]->expires <= now)
			jar_remove(jar, i);
		else
			i++;
	}
}

/* Drops the oldest cookie, of one domain when by_domain is set. */
static void
jar_evict_oldest(struct cookie_jar *jar, const char *domain, int by_domain)
{
	const struct cookie	*c;
	size_t			 i, oldest = jar->n;

	for (i = 0; i < jar->n; i++) {
		c = jar->v[i];
		if (by_domain && (c->domain == NULL || domain == NULL ?
		    c->domain != domain : strcmp(c->domain, domain) != 0))
			continue;
		if (oldest == jar->n || c->seq < jar->v[oldest]->seq)
			oldest = i;
	}
	if (oldest < jar->n)
		jar_remove(jar, oldest);
}

/*
 * Replaces the cookie of the same key (keeping its creation order) or
 * adds a new one.  At the limits, expired cookies go first, then the
 * domain's oldest (a server can only push out its own cookies), then
 * the jar's oldest (RFC 6265 section 5.3, last paragraphs).
 */
static enum cookie_result
jar_insert(struct cookie_jar *jar, struct cookie *c, time_t now)
{
	struct cookie	**v;
	size_t		  i, same = 0;

	for (i = 0; i < jar->n; i++) {
		if (same_key(jar->v[i], c)) {
			c->seq = jar->v[i]->seq;
			cookie_free(jar->v[i]);
			jar->v[i] = c;
			return COOKIE_REPLACED;
		}
	}
	for (i = 0; i < jar->n; i++)
		if (jar->v[i]->domain == NULL || c->domain == NULL ?
		    jar->v[i]->domain == c->domain :
		    strcmp(jar->v[i]->domain, c->domain) == 0)
			same++;
	if (same >= COOKIE_MAX_PER_DOMAIN || jar->n >= COOKIE_MAX_JAR)
		jar_sweep(jar, now);
	if (same >= COOKIE_MAX_PER_DOMAIN)
		jar_evict_oldest(jar, c->domain, 1);
	if (jar->n >= COOKIE_MAX_JAR)
		jar_evict_oldest(jar, NULL, 0);
	if (jar->n == jar->cap) {
		if ((v = reallocarray(jar->v, jar->cap ? jar->cap * 2 : 16,
		    sizeof(*v))) == NULL) {
			cookie_free(c);
			return COOKIE_NOMEM;
		}
		jar->v = v;
		jar->cap = jar->cap ? jar->cap * 2 : 16;
	}
	c->seq = ++jar->seq;
	jar->v[jar->n++] = c;
	return COOKIE_STORED;
}

/* One line of a -b file, as curl reads it.  -1 only when out of memory. */
static int
load_line(struct cookie_jar *jar, char *line, size_t len, int junk_session,
    time_t now)
{
	char	*p = line;

	if (len >= 11 && strncasecmp(p, "Set-Cookie:", 11) == 0) {
		p += 11;
		while (is_wsp((unsigned char)*p))
			p++;
		if (set_cookie(jar, NULL, p, len - (size_t)(p - line), now,
		    junk_session) == COOKIE_NOMEM)
			return -1;
		return 0;
	}
	return load_netscape(jar, line, len, junk_session, now);
}

/*
 * domain, include-subdomains flag, path, secure, expires, name, value,
 * TAB-separated; "#HttpOnly_" before the domain; a value may be missing;
 * as in curl, a flag where the path should be means the path was left
 * out and is "/".  Other "#" lines are comments.  A bad line is skipped.
 */
static int
load_netscape(struct cookie_jar *jar, char *line, size_t len,
    int junk_session, time_t now)
{
	struct cookie	*c;
	const char	*f[8], *errstr;
	char		*p = line, *tab;
	long long	 expires;
	size_t		 n = 0, i;
	int		 httponly = 0;

	if (strncmp(p, "#HttpOnly_", 10) == 0) {
		httponly = 1;
		p += 10;
	}
	if (*p == '#' || *p == '\0' || has_ctl(line, len))
		return 0;
	for (;;) {
		if (n == 7)
			return 0;	/* too many fields */
		f[n++] = p;
		if ((tab = strchr(p, '\t')) == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	if (n >= 3 && (strcmp(f[2], "TRUE") == 0 ||
	    strcmp(f[2], "FALSE") == 0)) {
		for (i = n; i > 2; i--)
			f[i] = f[i - 1];
		f[2] = "/";
		n++;
	}
	if (n == 6)
		f[n++] = "";
	if (n != 7)
		return 0;
	if (f[0][0] == '.')
		f[0]++;
	if (f[4][0] == '\0' || strspn(f[4], "0123456789") != strlen(f[4]))
		return 0;
	expires = strtonum(f[4], 0, LLONG_MAX, &errstr);
	if (errstr != NULL || (uint64_t)expires > (uint64_t)TIME_T_MAX)
		return 0;
	if (f[5][0] == '\0' ||
	    strlen(f[5]) + strlen(f[6]) > COOKIE_MAX_NAMEVALUE)
		return 0;
	if ((expires != 0 && (time_t)expires <= now) ||
	    (junk_session && expires == 0))
		return 0;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	if ((c->domain = lower_dup(f[0], strlen(f[0]))) == NULL ||
	    (c->path = strdup(f[2][0] == '/' ? f[2] : "/")) == NULL ||
	    (c->name = strdup(f[5])) == NULL ||
	    (c->value = strdup(f[6])) == NULL) {
		cookie_free(c);
		return -1;
	}
	c->host_only = strcasecmp(f[1], "TRUE") != 0;
	c->secure = strcasecmp(f[3], "TRUE") == 0;
	c->httponly = httponly;
	c->expires = (time_t)expires;
	if (!valid_domain(c->domain) || !prefix_ok(c, !c->host_only)) {
		cookie_free(c);
		return 0;
	}
	if (jar_insert(jar, c, now) == COOKIE_NOMEM)
		return -1;
	return 0;
}

/* Writes through path itself; a new file gets mode 0600 (credentials). */
static int
save_in_place(struct cookie_jar *jar, const char *path, time_t now)
{
	FILE	*fp;
	int	 fd, rc, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		return -1;
	if ((fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	rc = cookie_jar_write(jar, fp, now);
	saved = errno;
	if (fclose(fp) == EOF && rc == 0) {
		saved = errno;
		rc = -1;
	}
	errno = saved;
	return rc;
}

/* RFC 6265 section 5.4 step 2: longer paths first, then older first. */
static int
cmp_send(const void *a, const void *b)
{
	const struct cookie	*x = *(const struct cookie *const *)a;
	const struct cookie	*y = *(const struct cookie *const *)b;
	size_t			 lx = strlen(x->path), ly = strlen(y->path);

	if (lx != ly)
		return lx > ly ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* curl writes its jar newest first. */
static int
cmp_save(const void *a, const void *b)
{
	const struct cookie	*x = *(const struct cookie *const *)a;
	const struct cookie	*y = *(const struct cookie *const *)b;

	return x->seq > y->seq ? -1 : x->seq < y->seq;
}

/* RFC 6265 section 5.1.1 delimiter. */
static int
date_delim(unsigned char c)
{
	return c == 0x09 || (c >= 0x20 && c <= 0x2f) ||
	    (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
	    (c >= 0x7b && c <= 0x7e);
}

static int
date_isdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * min*max DIGIT, then the end of the token or a non-digit (after which
 * anything may follow).  The number of digits, or 0 for no match.
 */
static size_t
date_number(const char *s, size_t len, size_t min, size_t max, int *val)
{
	size_t	 i;
	int	 v = 0;

	for (i = 0; i < len && i < max && date_isdigit((unsigned char)s[i]);
	    i++)
		v = v * 10 + (s[i] - '0');
	if (i < min || (i < len && date_isdigit((unsigned char)s[i])))
		return 0;
	*val = v;
	return i;
}

/* time = hms-time ( non-digit *OCTET ); hms-time = 1*2DIGIT ":" ... */
static int
date_time(const char *s, size_t len, int *h, int *m, int *sec)
{
	int	*field[3];
	size_t	 i = 0, k, start;
	int	 v;

	field[0] = h;
	field[1] = m;
	field[2] = sec;
	for (k = 0; k < 3; k++) {
		if (k > 0) {
			if (i >= len || s[i] != ':')
				return 0;
			i++;
		}
		start = i;
		v = 0;
		while (i < len && i - start < 2 &&
		    date_isdigit((unsigned char)s[i]))
			v = v * 10 + (s[i++] - '0');
		if (i == start)
			return 0;
		*field[k] = v;
	}
	return i == len || !date_isdigit((unsigned char)s[i]);
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}
