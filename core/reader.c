/* Buffered input from a transport. */
#include <stdlib.h>
#include <string.h>

#include "reader.h"

enum httpc_err
hc_reader_new(struct hc_reader **rp, struct httpc_transport *t)
{
	struct hc_reader	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->buf = malloc(HC_READER_SIZE)) == NULL) {
		free(r);
		t->ops->close(t);
		return HTTPC_NOMEM;
	}
	r->t = t;
	*rp = r;
	return HTTPC_OK;
}

void
hc_reader_free(struct hc_reader *r)
{
	if (r == NULL)
		return;
	if (r->t != NULL)
		r->t->ops->close(r->t);
	free(r->buf);
	free(r);
}

struct httpc_transport *
hc_reader_release(struct hc_reader *r)
{
	struct httpc_transport	*t = r->t;

	if (r->pos != r->len)
		return NULL;
	r->t = NULL;
	hc_reader_free(r);
	return t;
}

size_t
hc_reader_pending(const struct hc_reader *r)
{
	return r->len - r->pos;
}

/* Reads at most max more bytes into the free space at the end,
 * compacting first. */
static enum httpc_err
reader_more_max(struct hc_reader *r, size_t max)
{
	enum httpc_err	 e;
	size_t		 got;

	if (r->eof)
		return HTTPC_OK;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == HC_READER_SIZE)
		return HTTPC_OK;
	if (max > HC_READER_SIZE - r->len)
		max = HC_READER_SIZE - r->len;
	e = r->t->ops->read(r->t, r->buf + r->len, max, &got);
	if (e != HTTPC_OK)
		return e;
	if (got == 0)
		r->eof = 1;
	r->len += got;
	return HTTPC_OK;
}

static enum httpc_err
reader_more(struct hc_reader *r)
{
	return reader_more_max(r, HC_READER_SIZE);
}

enum httpc_err
hc_reader_fill(struct hc_reader *r)
{
	return hc_reader_fill_max(r, HC_READER_SIZE);
}

enum httpc_err
hc_reader_fill_max(struct hc_reader *r, size_t max)
{
	if (r->pos < r->len)
		return HTTPC_OK;
	r->pos = r->len = 0;
	return reader_more_max(r, max);
}

enum httpc_err
hc_reader_line(struct hc_reader *r, size_t max, const char **line,
    size_t *len)
{
	enum httpc_err	 e;
	const char	*nl;
	size_t		 scanned = 0, avail;

	if (max > HC_READER_SIZE)
		max = HC_READER_SIZE;
	for (;;) {
		avail = r->len - r->pos;
		nl = memchr(r->buf + r->pos + scanned, '\n', avail - scanned);
		if (nl != NULL) {
			*line = r->buf + r->pos;
			*len = (size_t)(nl - *line) + 1;
			if (*len > max)
				return HTTPC_LINE_TOO_LONG;
			r->pos += *len;
			return HTTPC_OK;
		}
		if (avail >= max)
			return HTTPC_LINE_TOO_LONG;
		if (r->eof) {
			*line = r->buf + r->pos;
			*len = avail;
			r->pos = r->len;
			return HTTPC_OK;
		}
		scanned = avail;
		if ((e = reader_more(r)) != HTTPC_OK)
			return e;
	}
}

enum httpc_err
hc_reader_read(struct hc_reader *r, void *p, size_t n, size_t *got)
{
	enum httpc_err	 e;
	size_t		 avail;

	*got = 0;
	if (n == 0)
		return HTTPC_OK;
	if (r->pos == r->len && !r->eof) {
		r->pos = r->len = 0;
		/* Nothing buffered: a big read goes straight to the caller. */
		if (n >= HC_READER_SIZE / 4) {
			e = r->t->ops->read(r->t, p, n, got);
			if (e == HTTPC_OK && *got == 0)
				r->eof = 1;
			return e;
		}
		if ((e = reader_more(r)) != HTTPC_OK)
			return e;
	}
	avail = r->len - r->pos;
	*got = avail < n ? avail : n;
	if (*got > 0)
		memcpy(p, r->buf + r->pos, *got);
	r->pos += *got;
	return HTTPC_OK;
}
