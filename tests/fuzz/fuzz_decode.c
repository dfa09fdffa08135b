/*
 * libFuzzer target for the --compressed path (cmd/decode.c over zlib):
 * a body under a Content-Encoding, fed whole and then again in pieces.
 *
 * Layout: byte 0 picks the Content-Encoding (bits 0-2), the limit
 * (bits 3-4: none, 1, 100, 65536 bytes) and the piece size (bits 5-7);
 * byte 1, when not 0, makes the n-th call of the write callback fail;
 * the rest is the body.  Beyond "no crash, no leak" it checks what
 * transfer code relies on: every piece written is 1 to DECODE_CHUNK
 * bytes, the total never passes the limit and is decode_total(), an
 * error sticks, a write failure is DECODE_WRITE, and a body decoded
 * without error gives the same bytes however it was split.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/decode.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const encodings[] = {
	"gzip", "deflate", "x-gzip", "gzip, gzip", "deflate, gzip",
	"identity, deflate", "gzip,deflate,gzip,deflate,gzip", "br",
};
static const uint64_t limits[] = { 0, 1, 100, 65536 };
static const size_t pieces[] = { 1, 2, 7, 64, 511, 4096, 65536, 1 << 20 };

struct sink {
	uint64_t	 total;
	uint64_t	 hash;
	unsigned	 calls;
	unsigned	 fail_at;
	int		 failed;
};

static int
sink_write(void *arg, const void *buf, size_t len)
{
	struct sink		*s = arg;
	const unsigned char	*p = buf;
	size_t			 i;

	if (len == 0 || len > DECODE_CHUNK)
		abort();
	if (++s->calls == s->fail_at) {
		s->failed = 1;
		return -1;
	}
	for (i = 0; i < len; i++)
		s->hash = (s->hash ^ p[i]) * 1099511628211ULL;
	s->total += len;
	return 0;
}

static enum decode_err
run(const char *enc, uint64_t limit, const uint8_t *in, size_t len,
    size_t piece, unsigned fail_at, struct sink *s)
{
	struct decoder	*dec;
	enum decode_err	 e = DECODE_OK;
	size_t		 off, n;
	char		 msg[256];

	memset(s, 0, sizeof(*s));
	s->hash = 14695981039346656037ULL;
	s->fail_at = fail_at;
	if ((e = decode_new(&dec, enc, limit)) != DECODE_OK) {
		if (dec != NULL)
			abort();
		return e;
	}
	for (off = 0; off < len && e == DECODE_OK; off += n) {
		n = len - off < piece ? len - off : piece;
		e = decode_feed(dec, in + off, n, sink_write, s);
	}
	if (e == DECODE_OK)
		e = decode_finish(dec);
	if (e != DECODE_OK) {
		/* Sticky, whatever comes next. */
		if (decode_feed(dec, "x", 1, sink_write, s) != e ||
		    decode_finish(dec) != e)
			abort();
		(void)decode_message(dec, e, msg, sizeof(msg));
		if (decode_exitcode(e) == 0)
			abort();
	}
	if (s->failed != (e == DECODE_WRITE))
		abort();
	if (limit != 0 && s->total > limit)
		abort();
	if (e == DECODE_TOO_LARGE && s->total != limit)
		abort();
	if (!s->failed && decode_total(dec) != s->total)
		abort();
	decode_free(dec);
	return e;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sink	 whole, split;
	enum decode_err	 ew, es;
	const char	*enc;
	uint64_t	 limit;
	size_t		 piece;
	unsigned	 fail_at;

	if (size < 2)
		return 0;
	enc = encodings[data[0] & 7];
	limit = limits[(data[0] >> 3) & 3];
	piece = pieces[(data[0] >> 5) & 7];
	fail_at = data[1];
	data += 2;
	size -= 2;

	ew = run(enc, limit, data, size, size > 0 ? size : 1, fail_at,
	    &whole);
	es = run(enc, limit, data, size, piece, fail_at, &split);
	/* A clean decoding does not depend on where the body was cut. */
	if (ew == DECODE_OK && es == DECODE_OK &&
	    (whole.total != split.total || whole.hash != split.hash))
		abort();
	if ((ew == DECODE_OK) != (es == DECODE_OK) && fail_at == 0 &&
	    limit == 0)
		abort();
	return 0;
}
