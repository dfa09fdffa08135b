/*
 * Growable buffer.  Sizes are checked before they are added up; on any
 * failure the bytes are dropped and every later call fails, so a run of
 * additions needs one check.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbuf.h"

void
dbuf_init(struct dbuf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

int
dbuf_add(struct dbuf *b, const void *p, size_t n)
{
	size_t	 ncap;
	char	*d;

	if (b->failed)
		return -1;
	if (n > b->max - b->len)
		goto fail;
	if (b->len + n + 1 > b->cap) {
		ncap = b->cap < 256 ? 256 : b->cap;
		while (ncap < b->len + n + 1) {
			if (ncap > SIZE_MAX / 2) {
				ncap = b->len + n + 1;
				break;
			}
			ncap *= 2;
		}
		if ((d = realloc(b->data, ncap)) == NULL)
			goto fail;
		b->data = d;
		b->cap = ncap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
fail:
	dbuf_free(b);
	b->failed = 1;
	return -1;
}

int
dbuf_adds(struct dbuf *b, const char *s)
{
	return dbuf_add(b, s, strlen(s));
}

int
dbuf_addf(struct dbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n, rc;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		dbuf_free(b);
		b->failed = 1;
		return -1;
	}
	rc = dbuf_add(b, s, (size_t)n);
	free(s);
	return rc;
}

char *
dbuf_take(struct dbuf *b, size_t *len)
{
	char	*d;

	if (b->failed)
		return NULL;
	if (b->data == NULL && dbuf_add(b, "", 0) == -1)
		return NULL;
	d = b->data;
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return d;
}

void
dbuf_free(struct dbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
