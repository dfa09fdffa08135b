/*
 * libFuzzer target for the status line and field parsers alone
 * (core/response.c hc_parse_status_line, core/headers.c), with no I/O:
 * the first line of the input is a status line, every other line (LF
 * ended, a CR before the LF dropped as read_head() does) a field line.
 * Beyond "no crash, no leak" it checks what the rest of the library
 * relies on: a status is 100-999 with a version of 10 or 11 and a
 * reason that holds no control byte but HTAB; every stored name is a
 * token, every value a field value with no blank at either end; lookups
 * by name agree with the list; never more than HTTPC_MAXHEADERS fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "headers.h"
#include "response.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_status(const char *s, size_t n)
{
	size_t		 roff = (size_t)-1, i;
	int		 version = 0, status = 0;
	unsigned char	 c;

	if (hc_parse_status_line(s, n, &version, &status, &roff) != HTTPC_OK)
		return;
	if (status < 100 || status > 999 || (version != 10 && version != 11))
		abort();
	if (roff > n || (roff < n && roff < 13))
		abort();
	for (i = roff; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			abort();
	}
}

static void
check_fields(const struct hc_fields *f)
{
	const char	*name, *value;
	size_t		 i, vlen;
	long		 j;

	if (f->n > HTTPC_MAXHEADERS)
		abort();
	for (i = 0; i < f->n; i++) {
		name = hc_fields_name(f, i);
		value = hc_fields_value(f, i);
		if (!hc_is_token(name, strlen(name)))
			abort();
		vlen = strlen(value);
		if (!hc_is_field_value(value, vlen))
			abort();
		if (vlen > 0 && (value[0] == ' ' || value[0] == '\t' ||
		    value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))
			abort();
		if (f->list != NULL && (f->list[i].name != name ||
		    f->list[i].value != value))
			abort();
		/* The first field of this name comes no later than i. */
		j = hc_fields_find(f, name, 0);
		if (j < 0 || (size_t)j > i)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*p = (const char *)data, *end = p + size, *nl;
	struct hc_fields	 f;
	size_t			 n;
	int			 first = 1;
	enum httpc_err		 e = HTTPC_OK;

	hc_fields_init(&f);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (first) {
			check_status(p, n);
			first = 0;
		} else if (n == 0)
			break;		/* the end of the section */
		else if ((e = hc_fields_add_line(&f, p, n)) != HTTPC_OK &&
		    e != HTTPC_BAD_HEADER)
			break;
		p = nl != NULL ? nl + 1 : end;
	}
	/* Out of memory (past the store's cap) leaves nothing to check. */
	if (e != HTTPC_NOMEM) {
		if (hc_fields_finish(&f) != HTTPC_OK)
			abort();
		check_fields(&f);
	}
	hc_fields_free(&f);
	return 0;
}
