/*
 * The chunked transfer-coding decoder.  Byte by byte over the framing,
 * whole spans over the data, so it can be fed any split of the input.
 * Nothing the peer announces is used before it is bounded.
 */
#include "chunked.h"

enum {
	CH_SIZE,		/* hex digits */
	CH_SIZE_WS,		/* blanks after the digits, before ';' */
	CH_EXT,			/* ";ext" up to the line end */
	CH_SIZE_LF,		/* CR seen, LF must follow */
	CH_DATA,
	CH_DATA_END,		/* CR LF (or LF) after the data */
	CH_DATA_LF,
	CH_TRAILER,		/* start of a trailer line or the end */
	CH_TRAILER_LINE,
	CH_TRAILER_LF,
	CH_END_LF,		/* CR of the final empty line seen */
	CH_DONE,
	CH_ERROR
};

static int
hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Control characters other than HTAB have no place in framing lines. */
static int
is_ctl(unsigned char ch)
{
	return (ch < 0x20 && ch != '\t') || ch == 0x7f;
}

void
hc_chunked_init(struct hc_chunked *ch)
{
	ch->state = CH_SIZE;
	ch->left = 0;
	ch->digits = 0;
	ch->linelen = 0;
	ch->trailer_bytes = 0;
	ch->trailer_lines = 0;
}

int
hc_chunked_done(const struct hc_chunked *ch)
{
	return ch->state == CH_DONE;
}

uint64_t
hc_chunked_data_left(const struct hc_chunked *ch)
{
	return ch->state == CH_DATA ? ch->left : 0;
}

void
hc_chunked_skip(struct hc_chunked *ch, uint64_t n)
{
	if (ch->state != CH_DATA || n > ch->left)
		return;
	ch->left -= n;
	if (ch->left == 0)
		ch->state = CH_DATA_END;
}

static enum httpc_err
fail(struct hc_chunked *ch, enum httpc_err e)
{
	ch->state = CH_ERROR;
	return e;
}

/* The size line ended: data follows, or the trailer section. */
static void
size_line_done(struct hc_chunked *ch)
{
	ch->linelen = 0;
	ch->state = ch->left > 0 ? CH_DATA : CH_TRAILER;
}

enum httpc_err
hc_chunked_step(struct hc_chunked *ch, const char *in, size_t len,
    size_t maxdata, size_t *used, const char **data, size_t *dlen)
{
	size_t		 i = 0, n;
	unsigned char	 c;
	int		 v;

	*data = NULL;
	*dlen = 0;
	*used = 0;
	if (ch->state == CH_ERROR)
		return HTTPC_BAD_CHUNK;
	while (i < len && ch->state != CH_DONE) {
		if (ch->state == CH_DATA) {
			n = len - i;
			if (n > maxdata)
				n = maxdata;
			if (n == 0)
				break;
			if ((uint64_t)n > ch->left)
				n = (size_t)ch->left;
			*data = in + i;
			*dlen = n;
			ch->left -= n;
			if (ch->left == 0)
				ch->state = CH_DATA_END;
			*used = i + n;
			return HTTPC_OK;
		}
		c = (unsigned char)in[i++];
		if (ch->state == CH_SIZE || ch->state == CH_SIZE_WS ||
		    ch->state == CH_EXT || ch->state == CH_TRAILER_LINE) {
			if (++ch->linelen > HTTPC_MAXLINE)
				return fail(ch, HTTPC_LINE_TOO_LONG);
		}
		switch (ch->state) {
		case CH_SIZE:
			if ((v = hexval(c)) >= 0) {
				if (++ch->digits > HC_CHUNK_MAXDIGITS ||
				    ch->left > (UINT64_MAX >> 4))
					return fail(ch, HTTPC_BAD_CHUNK);
				ch->left = (ch->left << 4) | (uint64_t)v;
				break;
			}
			if (ch->digits == 0)
				return fail(ch, HTTPC_BAD_CHUNK);
			/* Sizes past what off_t holds are no real body. */
			if (ch->left > (uint64_t)INT64_MAX)
				return fail(ch, HTTPC_BAD_CHUNK);
			if (c == ' ' || c == '\t')
				ch->state = CH_SIZE_WS;
			else if (c == ';')
				ch->state = CH_EXT;
			else if (c == '\r')
				ch->state = CH_SIZE_LF;
			else if (c == '\n')
				size_line_done(ch);
			else
				return fail(ch, HTTPC_BAD_CHUNK);
			break;
		case CH_SIZE_WS:
			if (c == ' ' || c == '\t')
				break;
			if (c == ';')
				ch->state = CH_EXT;
			else if (c == '\r')
				ch->state = CH_SIZE_LF;
			else if (c == '\n')
				size_line_done(ch);
			else
				return fail(ch, HTTPC_BAD_CHUNK);
			break;
		case CH_EXT:
			/* Extensions are ignored, but stay well-formed. */
			if (c == '\r')
				ch->state = CH_SIZE_LF;
			else if (c == '\n')
				size_line_done(ch);
			else if (is_ctl(c))
				return fail(ch, HTTPC_BAD_CHUNK);
			break;
		case CH_SIZE_LF:
			if (c != '\n')
				return fail(ch, HTTPC_BAD_CHUNK);
			size_line_done(ch);
			break;
		case CH_DATA_END:
			if (c == '\r')
				ch->state = CH_DATA_LF;
			else if (c == '\n')
				goto next_chunk;
			else
				return fail(ch, HTTPC_BAD_CHUNK);
			break;
		case CH_DATA_LF:
			if (c != '\n')
				return fail(ch, HTTPC_BAD_CHUNK);
next_chunk:
			ch->state = CH_SIZE;
			ch->digits = 0;
			ch->left = 0;
			ch->linelen = 0;
			break;
		case CH_TRAILER:
			if (c == '\r') {
				ch->state = CH_END_LF;
				break;
			}
			if (c == '\n') {
				ch->state = CH_DONE;
				break;
			}
			if (++ch->trailer_lines > HTTPC_MAXHEADERS)
				return fail(ch, HTTPC_TOO_MANY_HEADERS);
			ch->state = CH_TRAILER_LINE;
			ch->linelen = 1;
			/* FALLTHROUGH */
		case CH_TRAILER_LINE:
			if (++ch->trailer_bytes > HTTPC_MAXHEADERBYTES)
				return fail(ch, HTTPC_HEADERS_TOO_LARGE);
			if (c == '\r')
				ch->state = CH_TRAILER_LF;
			else if (c == '\n')
				ch->state = CH_TRAILER;
			else if (is_ctl(c))
				return fail(ch, HTTPC_BAD_CHUNK);
			break;
		case CH_TRAILER_LF:
			if (c != '\n')
				return fail(ch, HTTPC_BAD_CHUNK);
			ch->state = CH_TRAILER;
			ch->linelen = 0;
			break;
		case CH_END_LF:
			if (c != '\n')
				return fail(ch, HTTPC_BAD_CHUNK);
			ch->state = CH_DONE;
			break;
		}
	}
	*used = i;
	return HTTPC_OK;
}
