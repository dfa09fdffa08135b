/*
 * URLs after RFC 3986: split into parts, checked, dot segments removed
 * (unless asked not to), references resolved against a base.
 * Percent-encoding is left as the user wrote it; bytes from 0x80 up in
 * the path and the query are percent-encoded, as curl does, so that a
 * request line is ASCII and a Location from a server cannot put raw
 * 8-bit bytes (C1 controls among them) on the wire or into -v output.
 */
#include <sys/types.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "httpc.h"

#define URL_MAX		(1024 * 1024)

static enum httpc_err	 parse(const char *, int, struct httpc_url *,
			    const char **);
static enum httpc_err	 parse_rest(const char *, int, int,
			    struct httpc_url *);
static enum httpc_err	 opaque(const char *, size_t, struct httpc_url **,
			    const char **);
static enum httpc_err	 remove_dots(char **);
static enum httpc_err	 encode_high(char **);
static enum httpc_err	 make_target(struct httpc_url *);

static int
default_port(const char *scheme)
{
	if (strcmp(scheme, "http") == 0)
		return HTTPC_HTTP_PORT;
	if (strcmp(scheme, "https") == 0)
		return HTTPC_HTTPS_PORT;
	return 0;
}

/* Bytes no part of a URL may hold: controls, space, DEL. */
static int
bad_char(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

static int
has_bad_char(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (bad_char((unsigned char)s[i]))
			return 1;
	return 0;
}

/* reg-name, IPv4: unreserved, pct-encoded, sub-delims. */
static int
good_host(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) &&
		    strchr("-._~%!$&'()*+,;=", *s) == NULL &&
		    !((unsigned char)*s & 0x80))
			return 0;
	return 1;
}

void
httpc_url_free(struct httpc_url *u)
{
	if (u == NULL)
		return;
	free(u->scheme);
	free(u->user);
	if (u->password != NULL)
		freezero(u->password, strlen(u->password));
	free(u->host);
	free(u->zone);
	free(u->port);
	free(u->path);
	free(u->query);
	free(u->fragment);
	free(u->target);
	free(u);
}

static int
dup_part(char **dst, const char *s, size_t n)
{
	return (*dst = strndup(s, n)) == NULL ? -1 : 0;
}

static enum httpc_err
parse_authority(const char *a, size_t n, struct httpc_url *u,
    const char **why)
{
	const char	*at = NULL, *p, *hend, *colon, *errstr;
	size_t		 i;
	char		 addr[INET6_ADDRSTRLEN + 1];
	unsigned char	 bin[16];

	for (i = 0; i < n; i++)
		if (a[i] == '@')
			at = a + i;
	p = a;
	if (at != NULL) {
		colon = memchr(a, ':', (size_t)(at - a));
		if (colon != NULL) {
			if (dup_part(&u->user, a, (size_t)(colon - a)) == -1 ||
			    dup_part(&u->password, colon + 1,
			    (size_t)(at - colon - 1)) == -1)
				return HTTPC_NOMEM;
		} else if (dup_part(&u->user, a, (size_t)(at - a)) == -1)
			return HTTPC_NOMEM;
		p = at + 1;
	}
	n -= (size_t)(p - a);
	if (n > 0 && p[0] == '[') {
		if ((hend = memchr(p, ']', n)) == NULL) {
			*why = "missing ']' in IPv6 address";
			return HTTPC_INVALID_URL;
		}
		/* A zone id: %25eth0 as RFC 6874 writes it, or %eth0. */
		const char *pct = memchr(p + 1, '%', (size_t)(hend - p - 1));
		size_t alen = (size_t)((pct ? pct : hend) - p - 1);
		if (alen >= sizeof(addr)) {
			*why = "bad IPv6 address";
			return HTTPC_INVALID_URL;
		}
		memcpy(addr, p + 1, alen);
		addr[alen] = '\0';
		if (inet_pton(AF_INET6, addr, bin) != 1) {
			*why = "bad IPv6 address";
			return HTTPC_INVALID_URL;
		}
		if (pct != NULL) {
			const char *z = pct + 1;
			if (hend - z >= 2 && strncmp(z, "25", 2) == 0)
				z += 2;
			if (z == hend || dup_part(&u->zone, z,
			    (size_t)(hend - z)) == -1) {
				if (u->zone == NULL && z == hend) {
					*why = "empty IPv6 zone id";
					return HTTPC_INVALID_URL;
				}
				return HTTPC_NOMEM;
			}
			if (!good_host(u->zone) || strchr(u->zone, '%')) {
				*why = "bad IPv6 zone id";
				return HTTPC_INVALID_URL;
			}
		}
		if (dup_part(&u->host, addr, alen) == -1)
			return HTTPC_NOMEM;
		u->ipv6 = 1;
		hend++;
		colon = hend < p + n && *hend == ':' ? hend : NULL;
		if (hend < p + n && colon == NULL) {
			*why = "junk after IPv6 address";
			return HTTPC_INVALID_URL;
		}
	} else {
		colon = memchr(p, ':', n);
		hend = colon != NULL ? colon : p + n;
		if (dup_part(&u->host, p, (size_t)(hend - p)) == -1)
			return HTTPC_NOMEM;
		if (!good_host(u->host)) {
			*why = "bad character in host name";
			return HTTPC_INVALID_URL;
		}
	}
	/* file:///x has no host; for http and https it is an error. */
	if (u->host[0] == '\0' && default_port(u->scheme) != 0) {
		*why = "no host name";
		return HTTPC_INVALID_URL;
	}
	u->portnum = default_port(u->scheme);
	if (colon != NULL && colon + 1 < p + n) {
		size_t plen = (size_t)(p + n - colon - 1);
		if (dup_part(&u->port, colon + 1, plen) == -1)
			return HTTPC_NOMEM;
		if (plen > 5 || strspn(u->port, "0123456789") != plen) {
			*why = "bad port number";
			return HTTPC_INVALID_URL;
		}
		u->portnum = (int)strtonum(u->port, 1, 65535, &errstr);
		if (errstr != NULL) {
			*why = "port number out of range";
			return HTTPC_INVALID_URL;
		}
	}
	return HTTPC_OK;
}

static enum httpc_err
parse(const char *s, int flags, struct httpc_url *u, const char **why)
{
	const char	*p, *end;
	size_t		 n;
	enum httpc_err	 e;

	n = strlen(s);
	if (n > URL_MAX) {
		*why = "URL too long";
		return HTTPC_INVALID_URL;
	}
	if (has_bad_char(s, n)) {
		*why = "URL contains control characters or spaces";
		return HTTPC_INVALID_URL;
	}
	p = s;
	if (isalpha((unsigned char)*p)) {
		p += strspn(p, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	}
	if (p > s && strncmp(p, "://", 3) == 0) {
		if (dup_part(&u->scheme, s, (size_t)(p - s)) == -1)
			return HTTPC_NOMEM;
		for (char *q = u->scheme; *q != '\0'; q++)
			*q = (char)tolower((unsigned char)*q);
		p += 3;
	} else if (flags & HTTPC_URL_DEFAULT_SCHEME) {
		if ((u->scheme = strdup("http")) == NULL)
			return HTTPC_NOMEM;
		p = s;
		if (strncmp(p, "//", 2) == 0)
			p += 2;
	} else {
		*why = "no scheme";
		return HTTPC_INVALID_URL;
	}
	end = p + strcspn(p, "/?#");
	if ((e = parse_authority(p, (size_t)(end - p), u, why)) != HTTPC_OK)
		return e;
	return parse_rest(end, flags, 0, u);
}

/*
 * Path, query and fragment.  With an authority the path is at least "/"
 * and its dot segments go (unless asked not to); without one (opaque)
 * only a path starting with "/" has dot segments to remove.
 */
static enum httpc_err
parse_rest(const char *p, int flags, int is_opaque, struct httpc_url *u)
{
	size_t		 n;
	enum httpc_err	 e;

	n = strcspn(p, "?#");
	if (n == 0 && !is_opaque) {
		if ((u->path = strdup("/")) == NULL)
			return HTTPC_NOMEM;
	} else if (dup_part(&u->path, p, n) == -1)
		return HTTPC_NOMEM;
	p += n;
	if (*p == '?') {
		n = strcspn(++p, "#");
		if (dup_part(&u->query, p, n) == -1)
			return HTTPC_NOMEM;
		p += n;
	}
	if (*p == '#' && (u->fragment = strdup(p + 1)) == NULL)
		return HTTPC_NOMEM;
	if ((e = encode_high(&u->path)) != HTTPC_OK ||
	    (u->query != NULL && (e = encode_high(&u->query)) != HTTPC_OK))
		return e;
	if (!(flags & HTTPC_URL_PATH_AS_IS) &&
	    (!is_opaque || u->path[0] == '/') &&
	    (e = remove_dots(&u->path)) != HTTPC_OK)
		return e;
	return make_target(u);
}

/*
 * "mailto:x", "g:h": a scheme and no authority.  Kept as it is, with no
 * host (host is NULL); a caller refuses the scheme.
 */
static enum httpc_err
opaque(const char *ref, size_t slen, struct httpc_url **up, const char **why)
{
	struct httpc_url	*u;
	char			*q;
	enum httpc_err		 e;

	*why = "out of memory";
	if ((u = calloc(1, sizeof(*u))) == NULL)
		return HTTPC_NOMEM;
	if (dup_part(&u->scheme, ref, slen) == -1) {
		httpc_url_free(u);
		return HTTPC_NOMEM;
	}
	for (q = u->scheme; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	if ((e = parse_rest(ref + slen + 1, 0, 1, u)) != HTTPC_OK) {
		httpc_url_free(u);
		return e;
	}
	*up = u;
	return HTTPC_OK;
}

/* Bytes from 0x80 up as %xx (lower case hex, as curl writes them). */
static enum httpc_err
encode_high(char **sp)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*in;
	char			*out, *o;
	size_t			 high = 0, len;

	for (in = (const unsigned char *)*sp; *in != '\0'; in++)
		high += *in >= 0x80;
	if (high == 0)
		return HTTPC_OK;
	/* URL_MAX bounds len: no overflow. */
	len = strlen(*sp);
	if ((out = malloc(len + 2 * high + 1)) == NULL)
		return HTTPC_NOMEM;
	for (in = (const unsigned char *)*sp, o = out; *in != '\0'; in++) {
		if (*in < 0x80) {
			*o++ = (char)*in;
			continue;
		}
		*o++ = '%';
		*o++ = hex[*in >> 4];
		*o++ = hex[*in & 0xf];
	}
	*o = '\0';
	free(*sp);
	*sp = out;
	return HTTPC_OK;
}

static enum httpc_err
make_target(struct httpc_url *u)
{
	free(u->target);
	if (asprintf(&u->target, "%s%s%s", u->path, u->query ? "?" : "",
	    u->query ? u->query : "") == -1) {
		u->target = NULL;
		return HTTPC_NOMEM;
	}
	return HTTPC_OK;
}

/* RFC 3986 section 5.2.4, in place (the output is never longer). */
static enum httpc_err
remove_dots(char **pathp)
{
	char	*in = *pathp, *out, *o, *seg;
	size_t	 n;

	if ((out = malloc(strlen(in) + 2)) == NULL)
		return HTTPC_NOMEM;
	o = out;
	while (*in != '\0') {
		if (strncmp(in, "../", 3) == 0)
			in += 3;
		else if (strncmp(in, "./", 2) == 0)
			in += 2;
		else if (strncmp(in, "/./", 3) == 0)
			in += 2;
		else if (strcmp(in, "/.") == 0)
			in[1] = '\0';
		else if (strncmp(in, "/../", 4) == 0 || strcmp(in, "/..") == 0) {
			if (in[3] == '\0')
				in[2] = '/', in += 2;
			else
				in += 3;
			/* Drop the last segment written so far. */
			while (o > out && *--o != '/')
				;
		} else if (strcmp(in, ".") == 0 || strcmp(in, "..") == 0)
			in += strlen(in);
		else {
			seg = in;
			n = 1 + strcspn(in + 1, "/");
			if (*seg != '/')
				n = strcspn(in, "/");
			memcpy(o, seg, n);
			o += n;
			in += n;
		}
	}
	*o = '\0';
	if (out[0] == '\0')
		strlcpy(out, "/", 2);
	free(*pathp);
	*pathp = out;
	return HTTPC_OK;
}

enum httpc_err
httpc_url_parse(const char *s, int flags, struct httpc_url **up,
    const char **why)
{
	struct httpc_url	*u;
	const char		*dummy;
	enum httpc_err		 e;

	*up = NULL;
	if (why == NULL)
		why = &dummy;
	*why = "out of memory";
	if ((u = calloc(1, sizeof(*u))) == NULL)
		return HTTPC_NOMEM;
	if ((e = parse(s, flags, u, why)) != HTTPC_OK) {
		httpc_url_free(u);
		return e;
	}
	*up = u;
	return HTTPC_OK;
}

/* RFC 3986 section 5.2.3: the base's directory, then the reference. */
static enum httpc_err
merge(const struct httpc_url *base, const char *ref, size_t n, char **out)
{
	const char	*slash = strrchr(base->path, '/');
	size_t		 dir = slash != NULL ? (size_t)(slash - base->path) + 1 : 0;

	if (asprintf(out, "%s%.*s%.*s", dir == 0 ? "/" : "", (int)dir,
	    base->path, (int)n, ref) == -1) {
		*out = NULL;
		return HTTPC_NOMEM;
	}
	return HTTPC_OK;
}

enum httpc_err
httpc_url_resolve(const struct httpc_url *base, const char *ref,
    struct httpc_url **up, const char **why)
{
	struct httpc_url	*u = NULL;
	char			*abs = NULL, *auth = NULL;
	const char		*p, *dummy;
	size_t			 n;
	enum httpc_err		 e;

	*up = NULL;
	if (why == NULL)
		why = &dummy;
	*why = "out of memory";
	if ((n = strlen(ref)) > URL_MAX) {
		*why = "URL too long";
		return HTTPC_INVALID_URL;
	}
	if (has_bad_char(ref, n)) {
		*why = "URL contains control characters or spaces";
		return HTTPC_INVALID_URL;
	}
	p = ref;
	if (isalpha((unsigned char)*p))
		p += strspn(p, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	if (p > ref && *p == ':' && strncmp(p, "://", 3) == 0)
		return httpc_url_parse(ref, 0, up, why);
	if (p > ref && *p == ':') {
		/* A scheme, no authority (RFC 3986 section 5.2.2): "http:g"
		 * against an http base is relative, the backward-compatible
		 * reading; http and https need a host; others stay opaque. */
		n = (size_t)(p - ref);
		if (strlen(base->scheme) == n &&
		    strncasecmp(ref, base->scheme, n) == 0)
			ref = p + 1;
		else if ((n == 4 && strncasecmp(ref, "http", 4) == 0) ||
		    (n == 5 && strncasecmp(ref, "https", 5) == 0)) {
			*why = "no host name";
			return HTTPC_INVALID_URL;
		} else
			return opaque(ref, n, up, why);
	}
	if (strncmp(ref, "//", 2) == 0) {
		if (asprintf(&abs, "%s:%s", base->scheme, ref) == -1)
			return HTTPC_NOMEM;
		e = httpc_url_parse(abs, 0, up, why);
		free(abs);
		return e;
	}
	/* Same authority as the base. */
	if (httpc_url_string(base, 1, &auth) != HTTPC_OK)
		return HTTPC_NOMEM;
	auth[strlen(auth) - strlen(base->target)] = '\0';
	if (ref[0] == '\0')
		e = asprintf(&abs, "%s%s", auth, base->target) == -1 ?
		    HTTPC_NOMEM : HTTPC_OK;
	else if (ref[0] == '#')
		e = asprintf(&abs, "%s%s%s", auth, base->target, ref) == -1 ?
		    HTTPC_NOMEM : HTTPC_OK;
	else if (ref[0] == '?')
		e = asprintf(&abs, "%s%s%s", auth, base->path, ref) == -1 ?
		    HTTPC_NOMEM : HTTPC_OK;
	else if (ref[0] == '/')
		e = asprintf(&abs, "%s%s", auth, ref) == -1 ?
		    HTTPC_NOMEM : HTTPC_OK;
	else {
		char *m;
		n = strlen(ref);
		if ((e = merge(base, ref, n, &m)) == HTTPC_OK) {
			e = asprintf(&abs, "%s%s", auth, m) == -1 ?
			    HTTPC_NOMEM : HTTPC_OK;
			free(m);
		}
	}
	free(auth);
	if (e != HTTPC_OK) {
		return HTTPC_NOMEM;
	}
	e = httpc_url_parse(abs, 0, &u, why);
	free(abs);
	*up = u;
	return e;
}

enum httpc_err
httpc_url_string(const struct httpc_url *u, int with_userinfo, char **out)
{
	struct hc_buf	 b;
	enum httpc_err	 e;

	hc_buf_init(&b, URL_MAX * 2);
	/* Opaque (no host): "scheme:path?query". */
	if (u->host == NULL) {
		if ((e = hc_buf_printf(&b, "%s:%s", u->scheme, u->target)) !=
		    HTTPC_OK)
			return e;
		goto done;
	}
	e = hc_buf_printf(&b, "%s://", u->scheme);
	if (e == HTTPC_OK && with_userinfo && u->user != NULL) {
		e = hc_buf_addstr(&b, u->user);
		if (e == HTTPC_OK && u->password != NULL)
			e = hc_buf_printf(&b, ":%s", u->password);
		if (e == HTTPC_OK)
			e = hc_buf_add(&b, "@", 1);
	}
	if (e == HTTPC_OK)
		e = u->ipv6 ? hc_buf_printf(&b, "[%s%s%s]", u->host,
		    u->zone ? "%25" : "", u->zone ? u->zone : "") :
		    hc_buf_addstr(&b, u->host);
	if (e == HTTPC_OK && u->port != NULL)
		e = hc_buf_printf(&b, ":%s", u->port);
	if (e == HTTPC_OK)
		e = hc_buf_addstr(&b, u->target);
	if (e != HTTPC_OK)
		return e;
done:
	if ((*out = hc_buf_take(&b)) == NULL)
		return HTTPC_NOMEM;
	return HTTPC_OK;
}
