/* A growable byte buffer with a hard maximum, after curl's dynbuf. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MIN_ALLOC	64

void
hc_buf_init(struct hc_buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void
hc_buf_free(struct hc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
hc_buf_reset(struct hc_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/*
 * Room for n more bytes plus the NUL.  The checks come before any
 * arithmetic that could wrap.
 */
enum httpc_err
hc_buf_reserve(struct hc_buf *b, size_t n)
{
	size_t	 need, cap;
	char	*p;

	/* The second test keeps len + n + 1 from wrapping when max is
	 * SIZE_MAX. */
	if (n > b->max - b->len || n > SIZE_MAX - 1 - b->len) {
		hc_buf_free(b);
		return HTTPC_NOMEM;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return HTTPC_OK;
	cap = b->cap ? b->cap : MIN_ALLOC;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (b->max < SIZE_MAX && cap > b->max + 1)
		cap = b->max + 1;
	if ((p = realloc(b->data, cap)) == NULL) {
		hc_buf_free(b);
		return HTTPC_NOMEM;
	}
	/* A first allocation is an empty string too (hc_buf_take). */
	p[b->len] = '\0';
	b->data = p;
	b->cap = cap;
	return HTTPC_OK;
}

enum httpc_err
hc_buf_add(struct hc_buf *b, const void *p, size_t n)
{
	enum httpc_err	 e;

	if ((e = hc_buf_reserve(b, n)) != HTTPC_OK)
		return e;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return HTTPC_OK;
}

enum httpc_err
hc_buf_addstr(struct hc_buf *b, const char *s)
{
	return hc_buf_add(b, s, strlen(s));
}

enum httpc_err
hc_buf_printf(struct hc_buf *b, const char *fmt, ...)
{
	va_list		 ap;
	int		 n;
	enum httpc_err	 e;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		hc_buf_free(b);
		return HTTPC_NOMEM;
	}
	if ((e = hc_buf_reserve(b, (size_t)n)) != HTTPC_OK)
		return e;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return HTTPC_OK;
}

void
hc_buf_consume(struct hc_buf *b, size_t n)
{
	if (n >= b->len) {
		hc_buf_reset(b);
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

char *
hc_buf_take(struct hc_buf *b)
{
	char	*p;

	if (b->data == NULL && hc_buf_reserve(b, 0) != HTTPC_OK)
		return NULL;
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
