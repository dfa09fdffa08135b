/*
 * Proxy selection after curl 7.88: the no-proxy list first (lib/
 * noproxy.c Curl_check_noproxy), then -x or the environment (lib/url.c
 * detect_proxy), then the proxy string (parse_proxy).  Nothing here
 * resolves or connects: a host on the list is compared as written.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pct.h"
#include "proxyenv.h"

/* Longest no-proxy entry that can be an address ("[v6]/128"). */
#define NOPROXY_ADDR_MAX	64
/* Longest host name in a proxy string (DNS allows 253). */
#define PROXY_HOST_MAX		255

enum host_type {
	HOST_NAME,
	HOST_IPV4,
	HOST_IPV6
};

enum scheme_kind {
	SCHEME_NONE,		/* no "scheme://" */
	SCHEME_HTTP,
	SCHEME_HTTPS,
	SCHEME_SOCKS,
	SCHEME_OTHER
};

static const struct {
	int		 exitcode;
	const char	*msg;
} proxy_errs[] = {
#define PROXY_ERR_ROW(name, code, msg) { code, msg },
	PROXY_ERRORS(PROXY_ERR_ROW)
#undef PROXY_ERR_ROW
};

static const char	*env_get(const struct proxy_query *, const char *);
static const char	*env_proxy(const struct proxy_query *, const char **);
static void		 note(const struct proxy_query *, const char *, ...)
			    __attribute__((format(printf, 2, 3)));
static enum host_type	 host_type(const char *, unsigned char *);
static int		 match_name(const char *, size_t, const char *,
			    size_t);
static int		 match_addr(enum host_type, const unsigned char *,
			    const char *, size_t);
static int		 prefix_eq(const unsigned char *,
			    const unsigned char *, unsigned);
static enum scheme_kind	 scheme_of(const char *, size_t *);
static enum proxy_err	 parse_userinfo(struct proxy *, const char *,
			    size_t);
static enum proxy_err	 parse_hostport(struct proxy *, const char *,
			    size_t);
static int		 name_ok(const char *, size_t);
static void		 mask_password(const char *, char *, size_t);

enum proxy_err
proxy_select(const struct proxy_query *q, struct proxy **proxyp,
    const char **specp)
{
	const char	*list, *spec, *from = NULL;
	struct proxy	*p;
	enum proxy_err	 e;
	int		 spacesep = 0, direct;

	*proxyp = NULL;
	if (specp != NULL)
		*specp = NULL;
	if ((list = q->noproxy) == NULL) {
		if ((list = env_get(q, "no_proxy")) != NULL)
			from = "no_proxy";
		else if ((list = env_get(q, "NO_PROXY")) != NULL)
			from = "NO_PROXY";
		if (list != NULL)
			note(q, "Uses proxy env variable %s == '%s'", from,
			    list);
	}
	direct = proxy_noproxy_match(q->host, list, &spacesep);
	spec = NULL;
	if (!direct) {
		if ((spec = q->proxy) != NULL)
			from = "-x";
		else
			spec = env_proxy(q, &from);
	}
	if (spacesep)
		note(q, "space-separated NOPROXY patterns are deprecated");
	if (spec == NULL || *spec == '\0')
		return PROXY_OK;
	if ((e = proxy_parse(spec, &p)) != PROXY_OK) {
		if (specp != NULL)
			*specp = spec;
		return e;
	}
	p->from = from;
	*proxyp = p;
	return PROXY_OK;
}

/* An empty variable is an unset one, as curl_getenv() has it. */
static const char *
env_get(const struct proxy_query *q, const char *name)
{
	const char	*v;

	v = q->getenv != NULL ? q->getenv(q->getenv_arg, name) :
	    getenv(name);
	return v != NULL && *v != '\0' ? v : NULL;
}

/*
 * <scheme>_proxy, then <SCHEME>_PROXY (never HTTP_PROXY), then
 * all_proxy, ALL_PROXY.  httpc speaks http and https only.
 */
static const char *
env_proxy(const struct proxy_query *q, const char **from)
{
	static const struct {
		const char	*scheme;
		const char	*lower;
		const char	*upper;		/* NULL: not read */
	} vars[] = {
		{ "http", "http_proxy", NULL },
		{ "https", "https_proxy", "HTTPS_PROXY" }
	};
	const char	*v = NULL;
	size_t		 i;

	*from = NULL;
	for (i = 0; q->scheme != NULL && i < sizeof(vars) / sizeof(vars[0]);
	    i++) {
		if (strcasecmp(q->scheme, vars[i].scheme) != 0)
			continue;
		if ((v = env_get(q, vars[i].lower)) != NULL)
			*from = vars[i].lower;
		else if (vars[i].upper != NULL &&
		    (v = env_get(q, vars[i].upper)) != NULL)
			*from = vars[i].upper;
		break;
	}
	if (v == NULL) {
		if ((v = env_get(q, "all_proxy")) != NULL)
			*from = "all_proxy";
		else if ((v = env_get(q, "ALL_PROXY")) != NULL)
			*from = "ALL_PROXY";
		else
			return NULL;
	}
	note(q, "Uses proxy env variable %s == '%s'", *from, v);
	return v;
}

static void
note(const struct proxy_query *q, const char *fmt, ...)
{
	char	 msg[1024];
	va_list	 ap;

	if (q->note == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	q->note(q->note_arg, msg);
}

int
proxy_noproxy_match(const char *host, const char *list, int *spacesep)
{
	unsigned char	 addr[16];
	enum host_type	 type;
	const char	*p, *tok;
	size_t		 namelen, toklen;
	int		 match;

	if (spacesep != NULL)
		*spacesep = 0;
	if (list == NULL || *list == '\0')
		return 0;
	if (strcmp(list, "*") == 0)
		return 1;
	if (host == NULL || *host == '\0')
		return 0;
	type = host_type(host, addr);
	namelen = strlen(host);
	/* A trailing dot in a host name is ignored. */
	if (type == HOST_NAME && host[namelen - 1] == '.')
		namelen--;
	p = list;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		tok = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',')
			p++;
		toklen = (size_t)(p - tok);
		if (toklen > 0) {
			if (type == HOST_NAME)
				match = match_name(host, namelen, tok, toklen);
			else
				match = match_addr(type, addr, tok, toklen);
			if (match)
				return 1;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '\0' && *p != ',') {
			if (spacesep != NULL)
				*spacesep = 1;
			continue;
		}
		while (*p == ',')
			p++;
	}
	return 0;
}

/* An address (IPv6 in brackets or not, zone id dropped) or a name. */
static enum host_type
host_type(const char *host, unsigned char *addr)
{
	char		 buf[NOPROXY_ADDR_MAX];
	const char	*s = host;
	size_t		 n;

	n = strlen(s);
	if (s[0] == '[') {
		s++;
		n = strcspn(s, "]");
	}
	n = strcspn(s, "%") < n ? strcspn(s, "%") : n;
	if (n >= sizeof(buf))
		return HOST_NAME;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, addr) == 1)
		return HOST_IPV4;
	if (inet_pton(AF_INET6, buf, addr) == 1)
		return HOST_IPV6;
	return HOST_NAME;
}

/* example.com matches example.com and www.example.com, not xexample.com. */
static int
match_name(const char *name, size_t namelen, const char *tok,
    size_t toklen)
{
	if (tok[toklen - 1] == '.')
		toklen--;
	if (toklen > 0 && tok[0] == '.') {
		tok++;
		toklen--;
	}
	if (toklen == 0 || toklen > namelen)
		return 0;
	if (toklen == namelen)
		return strncasecmp(tok, name, namelen) == 0;
	return name[namelen - toklen - 1] == '.' &&
	    strncasecmp(tok, name + namelen - toklen, toklen) == 0;
}

/* "addr" or "addr/bits" of the host's family; anything else: no. */
static int
match_addr(enum host_type type, const unsigned char *addr,
    const char *tok, size_t toklen)
{
	unsigned char	 net[16];
	char		 buf[NOPROXY_ADDR_MAX], *slash, *a;
	const char	*errstr;
	unsigned	 bits, maxbits = type == HOST_IPV4 ? 32 : 128;
	size_t		 n;

	if (toklen >= sizeof(buf))
		return 0;
	memcpy(buf, tok, toklen);
	buf[toklen] = '\0';
	bits = maxbits;
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash++ = '\0';
		if (*slash == '\0' || strspn(slash, "0123456789") !=
		    strlen(slash))
			return 0;
		bits = (unsigned)strtonum(slash, 0, maxbits, &errstr);
		if (errstr != NULL)
			return 0;
	}
	a = buf;
	n = strlen(a);
	if (type == HOST_IPV6 && n >= 2 && a[0] == '[' && a[n - 1] == ']') {
		a[n - 1] = '\0';
		a++;
	}
	if (inet_pton(type == HOST_IPV4 ? AF_INET : AF_INET6, a, net) != 1)
		return 0;
	return prefix_eq(addr, net, bits);
}

static int
prefix_eq(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned	 bytes = bits / 8, rest = bits % 8;
	unsigned char	 mask;

	if (memcmp(a, b, bytes) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char)(0xff << (8 - rest));
	return ((a[bytes] ^ b[bytes]) & mask) == 0;
}

enum proxy_err
proxy_parse(const char *spec, struct proxy **proxyp)
{
	struct proxy	*p;
	const char	*s, *at, *end;
	enum proxy_err	 e;
	size_t		 skip, i;

	*proxyp = NULL;
	/* Blanks and control bytes: curl's URL parser refuses them too. */
	for (i = 0; spec[i] != '\0'; i++)
		if ((unsigned char)spec[i] <= ' ' || spec[i] == 0x7f)
			return PROXY_SYNTAX;
	switch (scheme_of(spec, &skip)) {
	case SCHEME_NONE:
	case SCHEME_HTTP:
		break;
	case SCHEME_HTTPS:
	case SCHEME_SOCKS:
		return PROXY_UNSUPPORTED;
	default:
		return PROXY_SCHEME;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return PROXY_NOMEM;
	if ((p->spec = strdup(spec)) == NULL) {
		e = PROXY_NOMEM;
		goto fail;
	}
	/* The authority ends at the path, query or fragment. */
	s = spec + skip;
	end = s + strcspn(s, "/?#");
	/* The last '@': a password with a raw '@' still works. */
	for (at = end; at > s && at[-1] != '@'; at--)
		continue;
	if (at > s) {
		if ((e = parse_userinfo(p, s, (size_t)(at - 1 - s))) !=
		    PROXY_OK)
			goto fail;
		s = at;
	}
	if ((e = parse_hostport(p, s, (size_t)(end - s))) != PROXY_OK)
		goto fail;
	*proxyp = p;
	return PROXY_OK;
fail:
	proxy_free(p);
	return e;
}

/* "scheme://" at the start: which kind; *skip is its length (or 0). */
static enum scheme_kind
scheme_of(const char *spec, size_t *skip)
{
	static const char *const socks[] = { "socks", "socks4", "socks4a",
	    "socks5", "socks5h" };
	size_t		 n, i;

	*skip = 0;
	n = strspn(spec, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	/* curl takes "1x://" for a scheme too (and refuses it). */
	if (n == 0 || strncmp(spec + n, "://", 3) != 0)
		return SCHEME_NONE;
	*skip = n + 3;
	if (n == 4 && strncasecmp(spec, "http", 4) == 0)
		return SCHEME_HTTP;
	if (n == 5 && strncasecmp(spec, "https", 5) == 0)
		return SCHEME_HTTPS;
	for (i = 0; i < sizeof(socks) / sizeof(socks[0]); i++)
		if (n == strlen(socks[i]) &&
		    strncasecmp(spec, socks[i], n) == 0)
			return SCHEME_SOCKS;
	return SCHEME_OTHER;
}

/* user[:password], percent-decoded; "user@" gives an empty password. */
static enum proxy_err
parse_userinfo(struct proxy *p, const char *s, size_t len)
{
	const char	*colon;
	int		 bad = 0;

	colon = memchr(s, ':', len);
	if (colon == NULL) {
		p->user = pct_decode(s, len, &bad);
		p->password = pct_decode("", 0, &bad);
	} else {
		p->user = pct_decode(s, (size_t)(colon - s), &bad);
		p->password = pct_decode(colon + 1,
		    len - (size_t)(colon + 1 - s), &bad);
	}
	if (p->user == NULL || p->password == NULL)
		return PROXY_NOMEM;
	return bad ? PROXY_SYNTAX : PROXY_OK;
}

/* host, [v6] or host:port, [v6]:port; an empty port is the default. */
static enum proxy_err
parse_hostport(struct proxy *p, const char *s, size_t len)
{
	unsigned char	 addr[16];
	char		 buf[NOPROXY_ADDR_MAX];
	const char	*port, *close;
	size_t		 hlen, plen, i;

	if (len > 0 && s[0] == '[') {
		if ((close = memchr(s, ']', len)) == NULL)
			return PROXY_SYNTAX;
		hlen = (size_t)(close - s - 1);
		if (hlen == 0 || hlen >= sizeof(buf))
			return PROXY_SYNTAX;
		memcpy(buf, s + 1, hlen);
		buf[hlen] = '\0';
		/* No zone ids: nothing could use one on a proxy. */
		if (inet_pton(AF_INET6, buf, addr) != 1)
			return PROXY_SYNTAX;
		port = close + 1;
		if (port < s + len && *port != ':')
			return PROXY_SYNTAX;
		p->ipv6 = 1;
		p->host = strdup(buf);
	} else {
		port = memchr(s, ':', len);
		hlen = port != NULL ? (size_t)(port - s) : len;
		if (!name_ok(s, hlen))
			return PROXY_SYNTAX;
		p->host = strndup(s, hlen);
		if (port == NULL)
			port = s + len;
	}
	if (p->host == NULL)
		return PROXY_NOMEM;
	p->port = PROXY_DEFAULT_PORT;
	if (port < s + len) {
		port++;				/* the ':' */
		plen = len - (size_t)(port - s);
		if (plen > 5)
			return PROXY_SYNTAX;
		if (plen > 0) {
			p->port = 0;
			for (i = 0; i < plen; i++) {
				if (port[i] < '0' || port[i] > '9')
					return PROXY_SYNTAX;
				p->port = p->port * 10 + (port[i] - '0');
			}
			if (p->port > 65535)
				return PROXY_SYNTAX;
		}
	}
	return PROXY_OK;
}

/*
 * Letters, digits, '-', '.', '_', '~' and non-ASCII bytes (an IDN for
 * the resolver to refuse): what a host name in a URL may hold unencoded
 * and curl's host name check lets through.
 */
static int
name_ok(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > PROXY_HOST_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~' || c >= 0x80))
			return 0;
	}
	return 1;
}

const char *
proxy_message(enum proxy_err e, const char *spec, char *buf, size_t size)
{
	char		 shown[1024];
	size_t		 skip;

	if (size == 0)
		return buf;
	mask_password(spec != NULL ? spec : "", shown, sizeof(shown));
	switch (e) {
	case PROXY_SYNTAX:
		snprintf(buf, size, "Unsupported proxy syntax in '%s'", shown);
		break;
	case PROXY_SCHEME:
		snprintf(buf, size, "Unsupported proxy scheme for '%s'", shown);
		break;
	case PROXY_UNSUPPORTED:
		snprintf(buf, size, "Unsupported proxy '%s', httpc is built "
		    "without the %s support.", shown,
		    spec != NULL && scheme_of(spec, &skip) == SCHEME_HTTPS ?
		    "HTTPS-proxy" : "SOCKS proxy");
		break;
	default:
		strlcpy(buf, (unsigned)e < PROXY_ERR_COUNT ?
		    proxy_errs[e].msg : "unknown proxy error", size);
		break;
	}
	return buf;
}

/* spec with the password of its userinfo shown as "***". */
static void
mask_password(const char *spec, char *out, size_t size)
{
	const char	*s, *end, *at, *colon;
	size_t		 skip;

	scheme_of(spec, &skip);
	s = spec + skip;
	end = s + strcspn(s, "/?#");
	for (at = end; at > s && at[-1] != '@'; at--)
		continue;
	if (at == s || (colon = memchr(s, ':', (size_t)(at - s))) == NULL) {
		strlcpy(out, spec, size);
		return;
	}
	snprintf(out, size, "%.*s***%s", (int)(colon + 1 - spec), spec,
	    at - 1);
}

int
proxy_exitcode(enum proxy_err e)
{
	if ((unsigned)e >= PROXY_ERR_COUNT)
		return 5;
	return proxy_errs[e].exitcode;
}

void
proxy_free(struct proxy *p)
{
	if (p == NULL)
		return;
	if (p->spec != NULL)
		freezero(p->spec, strlen(p->spec));
	free(p->host);
	if (p->user != NULL)
		freezero(p->user, strlen(p->user));
	if (p->password != NULL)
		freezero(p->password, strlen(p->password));
	free(p);
}
