/*
 * The grammar of HTTP fields and the list of fields of a response.
 * Strict where leniency has led to smuggling and response splitting
 * (RFC 9112 sections 5 and 11): no whitespace before the colon, no
 * control characters, no bare CR; an obs-fold is unfolded into a space.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "headers.h"

/* tchar of RFC 9110 section 5.6.2. */
static int
is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

int
hc_is_token(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_tchar((unsigned char)s[i]))
			return 0;
	return 1;
}

int
hc_is_field_value(const char *s, size_t n)
{
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

int
hc_name_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

int
hc_list_has(const char *v, const char *tok)
{
	size_t	 n = strlen(tok), len;

	while (*v != '\0') {
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		len = strcspn(v, ",");
		while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
			len--;
		if (len == n && strncasecmp(v, tok, n) == 0)
			return 1;
		v += strcspn(v, ",");
	}
	return 0;
}

void
hc_list_last(const char *v, char *buf, size_t len)
{
	const char	*p = strrchr(v, ',');
	size_t		 n;

	p = p != NULL ? p + 1 : v;
	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
}

void
hc_fields_init(struct hc_fields *f)
{
	hc_buf_init(&f->store, HTTPC_MAXHEADERBYTES * 2);
	f->offs = NULL;
	f->n = f->cap = 0;
	f->list = NULL;
}

void
hc_fields_free(struct hc_fields *f)
{
	hc_buf_free(&f->store);
	free(f->offs);
	free(f->list);
	hc_fields_init(f);
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

enum httpc_err
hc_fields_add_line(struct hc_fields *f, const char *line, size_t n)
{
	const char	*colon, *val;
	size_t		 vlen, *p;
	enum httpc_err	 e;

	if (n > 0 && (line[0] == ' ' || line[0] == '\t')) {
		/* obs-fold: the line continues the last value. */
		if (f->n == 0)
			return HTTPC_BAD_HEADER;
		val = line;
		vlen = n;
		trim(&val, &vlen);
		if (!hc_is_field_value(val, vlen))
			return HTTPC_BAD_HEADER;
		if (vlen == 0)
			return HTTPC_OK;
		f->store.len--;		/* the value's NUL */
		/* One space between the parts, none before the first. */
		if ((f->store.len > f->offs[2 * f->n - 1] &&
		    (e = hc_buf_add(&f->store, " ", 1)) != HTTPC_OK) ||
		    (e = hc_buf_add(&f->store, val, vlen)) != HTTPC_OK ||
		    (e = hc_buf_add(&f->store, "", 1)) != HTTPC_OK)
			return e;
		return HTTPC_OK;
	}
	if ((colon = memchr(line, ':', n)) == NULL)
		return HTTPC_BAD_HEADER;
	/* A name with whitespace before the colon is refused, not trimmed. */
	if (!hc_is_token(line, (size_t)(colon - line)))
		return HTTPC_BAD_HEADER;
	val = colon + 1;
	vlen = n - (size_t)(val - line);
	trim(&val, &vlen);
	if (!hc_is_field_value(val, vlen))
		return HTTPC_BAD_HEADER;
	if (f->n >= HTTPC_MAXHEADERS)
		return HTTPC_TOO_MANY_HEADERS;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		if ((p = reallocarray(f->offs, cap, 2 * sizeof(*p))) == NULL)
			return HTTPC_NOMEM;
		f->offs = p;
		f->cap = cap;
	}
	f->offs[2 * f->n] = f->store.len;
	if ((e = hc_buf_add(&f->store, line, (size_t)(colon - line))) !=
	    HTTPC_OK || (e = hc_buf_add(&f->store, "", 1)) != HTTPC_OK)
		return e;
	f->offs[2 * f->n + 1] = f->store.len;
	if ((e = hc_buf_add(&f->store, val, vlen)) != HTTPC_OK ||
	    (e = hc_buf_add(&f->store, "", 1)) != HTTPC_OK)
		return e;
	f->n++;
	return HTTPC_OK;
}

enum httpc_err
hc_fields_finish(struct hc_fields *f)
{
	size_t	 i;

	free(f->list);
	f->list = NULL;
	if (f->n == 0)
		return HTTPC_OK;
	if ((f->list = reallocarray(NULL, f->n, sizeof(*f->list))) == NULL)
		return HTTPC_NOMEM;
	for (i = 0; i < f->n; i++) {
		f->list[i].name = hc_fields_name(f, i);
		f->list[i].value = hc_fields_value(f, i);
	}
	return HTTPC_OK;
}

const char *
hc_fields_name(const struct hc_fields *f, size_t i)
{
	return f->store.data + f->offs[2 * i];
}

const char *
hc_fields_value(const struct hc_fields *f, size_t i)
{
	return f->store.data + f->offs[2 * i + 1];
}

long
hc_fields_find(const struct hc_fields *f, const char *name, size_t from)
{
	size_t	 i;

	for (i = from; i < f->n; i++)
		if (hc_name_eq(hc_fields_name(f, i), name))
			return (long)i;
	return -1;
}
