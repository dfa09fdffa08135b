/*
 * Streaming Content-Encoding decoders on zlib, after curl 7.88's
 * lib/content_encoding.c: the same names, the same stack limit, the
 * same zlib modes (gzip: automatic header detection; deflate: a zlib
 * stream, or raw deflate when the zlib header is wrong) and the same
 * treatment of bytes after the end of a stream (an error, except up to
 * four stray bytes after raw deflate, where a broken server may have
 * put a checksum).
 *
 * The codings form a chain: the body enters the stage of the last
 * coding listed, each stage inflates into its own fixed buffer and
 * passes that on to the stage before it, the first stage's output goes
 * to the caller through the limit.  No stage ever holds more than
 * DECODE_CHUNK decoded bytes, so memory does not depend on the ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* next_in is const: zlib never writes through it. */
#define ZLIB_CONST
#include <zlib.h>

#include "buf.h"
#include "decode.h"

/*
 * Input kept while a deflate stage still may turn out to be raw: until
 * its first output, at most this much.  A zlib stream yields output
 * within a few hundred bytes (the header, then a block's code tables).
 */
#define DECODE_PROBE_MAX	4096
/* Stray bytes allowed after a raw deflate stream (curl's trailerlen). */
#define DECODE_RAW_TRAILER	4
/* zlib counts in uInt: longer input goes in slices. */
#define DECODE_SLICE		(1U << 30)

enum coding {
	CODING_GZIP,
	CODING_DEFLATE
};

enum stage_state {
	ST_START,		/* no input yet; zlib not set up */
	ST_PROBE,		/* deflate, no output yet: input kept */
	ST_INFLATE,		/* inside the compressed stream */
	ST_TRAILER,		/* raw deflate ended: stray bytes allowed */
	ST_DONE			/* the stream ended; nothing may follow */
};

struct stage {
	enum coding		 coding;
	enum stage_state	 state;
	int			 zinit;		/* inflateInit2() done */
	int			 raw;		/* deflate without zlib header */
	unsigned		 trailer;	/* stray bytes still allowed */
	z_stream		 z;
	struct hc_buf		 probe;		/* input while ST_PROBE */
	unsigned char		 out[DECODE_CHUNK];
};

struct decoder {
	/* In header order; the body enters stage[nstage - 1]. */
	struct stage		*stage[DECODE_MAX_CODINGS];
	int			 nstage;
	int			 unknown;	/* an unknown coding named */
	uint64_t		 limit;		/* 0: none */
	uint64_t		 total;		/* bytes given to write */
	enum decode_err		 err;		/* sticky */
	decode_write_fn		*write;		/* for this decode_feed() */
	void			*arg;
	char			 detail[128];	/* zlib's reason */
};

static const struct {
	int		 exitcode;
	const char	*msg;
} decode_errs[] = {
#define DECODE_ERR_ROW(name, code, msg) { code, msg },
	DECODE_ERRORS(DECODE_ERR_ROW)
#undef DECODE_ERR_ROW
};

static enum decode_err	 decode_parse(struct decoder *, const char *);
static enum decode_err	 decode_push(struct decoder *, int,
			    const unsigned char *, size_t);
static enum decode_err	 decode_deliver(struct decoder *,
			    const unsigned char *, size_t);
static enum decode_err	 stage_feed(struct decoder *, int,
			    const unsigned char *, size_t);
static enum decode_err	 stage_start(struct stage *);
static enum decode_err	 stage_inflate(struct decoder *, int,
			    const unsigned char *, size_t);
static enum decode_err	 stage_ended(struct stage *);
static enum decode_err	 stage_raw(struct decoder *, int,
			    const unsigned char *, size_t);
static enum decode_err	 stage_zerror(struct decoder *, struct stage *, int);
static void		 stage_free(struct stage *);

const char *
decode_accept_encoding(void)
{
	return "deflate, gzip";
}

const char *
decode_strerror(enum decode_err e)
{
	if ((unsigned)e >= DECODE_ERR_COUNT)
		return "unknown decoding error";
	return decode_errs[e].msg;
}

int
decode_exitcode(enum decode_err e)
{
	if ((unsigned)e >= DECODE_ERR_COUNT)
		return 61;
	return decode_errs[e].exitcode;
}

const char *
decode_message(const struct decoder *dec, enum decode_err e, char *buf,
    size_t size)
{
	if (size == 0)
		return buf;
	switch (e) {
	case DECODE_UNKNOWN_CODING:
		snprintf(buf, size, "%s. httpc understands %s content "
		    "encodings.", decode_strerror(e), decode_accept_encoding());
		break;
	case DECODE_BAD_DATA:
		snprintf(buf, size, "%s: %s", decode_strerror(e),
		    dec != NULL && dec->detail[0] != '\0' ? dec->detail :
		    "Unknown failure within decompression software.");
		break;
	default:
		strlcpy(buf, decode_strerror(e), size);
		break;
	}
	return buf;
}

enum decode_err
decode_new(struct decoder **decp, const char *encoding, uint64_t limit)
{
	struct decoder	*dec;
	enum decode_err	 e;

	*decp = NULL;
	if ((dec = calloc(1, sizeof(*dec))) == NULL)
		return DECODE_NOMEM;
	dec->limit = limit;
	if (encoding != NULL &&
	    (e = decode_parse(dec, encoding)) != DECODE_OK) {
		decode_free(dec);
		return e;
	}
	*decp = dec;
	return DECODE_OK;
}

/*
 * curl's list walk: skip blanks and commas, a name runs to the next
 * comma with trailing white space cut off.  Every name counts toward
 * the limit, identity too.
 */
static enum decode_err
decode_parse(struct decoder *dec, const char *s)
{
	struct stage	*st;
	const char	*name;
	size_t		 len;
	int		 count = 0;
	enum coding	 coding;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (*s == '\0')
			return DECODE_OK;
		name = s;
		for (len = 0; *s != '\0' && *s != ','; s++)
			if (*s != ' ' && *s != '\t' && *s != '\r' &&
			    *s != '\n' && *s != '\v' && *s != '\f')
				len = (size_t)(s - name) + 1;
		if (++count > DECODE_MAX_CODINGS)
			return DECODE_TOO_MANY_CODINGS;
		if ((len == 8 && strncasecmp(name, "identity", 8) == 0) ||
		    (len == 4 && strncasecmp(name, "none", 4) == 0))
			continue;
		if ((len == 4 && strncasecmp(name, "gzip", 4) == 0) ||
		    (len == 6 && strncasecmp(name, "x-gzip", 6) == 0))
			coding = CODING_GZIP;
		else if (len == 7 && strncasecmp(name, "deflate", 7) == 0)
			coding = CODING_DEFLATE;
		else {
			/* curl defers the error to the first body byte. */
			dec->unknown = 1;
			continue;
		}
		if ((st = calloc(1, sizeof(*st))) == NULL)
			return DECODE_NOMEM;
		st->coding = coding;
		st->state = ST_START;
		hc_buf_init(&st->probe, DECODE_PROBE_MAX);
		dec->stage[dec->nstage++] = st;
	}
}

enum decode_err
decode_feed(struct decoder *dec, const void *in, size_t len,
    decode_write_fn *write, void *arg)
{
	const unsigned char	*p = in;
	size_t			 n;

	if (dec->err != DECODE_OK || len == 0)
		return dec->err;
	if (dec->unknown)
		return dec->err = DECODE_UNKNOWN_CODING;
	dec->write = write;
	dec->arg = arg;
	while (len > 0 && dec->err == DECODE_OK) {
		n = len > DECODE_SLICE ? DECODE_SLICE : len;
		dec->err = decode_push(dec, dec->nstage - 1, p, n);
		p += n;
		len -= n;
	}
	dec->write = NULL;
	dec->arg = NULL;
	return dec->err;
}

enum decode_err
decode_finish(struct decoder *dec)
{
	int	 i;

	if (dec->err != DECODE_OK)
		return dec->err;
	/* A stage never fed is fine: no body, or nothing came out above. */
	for (i = 0; i < dec->nstage; i++)
		if (dec->stage[i]->state == ST_PROBE ||
		    dec->stage[i]->state == ST_INFLATE)
			return dec->err = DECODE_TRUNCATED;
	return DECODE_OK;
}

uint64_t
decode_total(const struct decoder *dec)
{
	return dec->total;
}

void
decode_free(struct decoder *dec)
{
	int	 i;

	if (dec == NULL)
		return;
	for (i = 0; i < dec->nstage; i++)
		stage_free(dec->stage[i]);
	free(dec);
}

/* Bytes for stage i, or for the caller when i < 0. */
static enum decode_err
decode_push(struct decoder *dec, int i, const unsigned char *p, size_t len)
{
	if (i < 0)
		return decode_deliver(dec, p, len);
	return stage_feed(dec, i, p, len);
}

/* The limit cuts a piece at exactly limit bytes in all, then fails. */
static enum decode_err
decode_deliver(struct decoder *dec, const unsigned char *p, size_t len)
{
	uint64_t	 room;
	int		 over = 0;

	if (len == 0)
		return DECODE_OK;
	if (dec->limit != 0) {
		room = dec->limit - dec->total;
		if (len > room) {
			len = (size_t)room;
			over = 1;
		}
	}
	if (len > 0) {
		if (dec->write != NULL && dec->write(dec->arg, p, len) != 0)
			return DECODE_WRITE;
		dec->total += len;
	}
	return over ? DECODE_TOO_LARGE : DECODE_OK;
}

static enum decode_err
stage_feed(struct decoder *dec, int i, const unsigned char *p, size_t len)
{
	struct stage	*st = dec->stage[i];
	enum decode_err	 e;

	if (len == 0)
		return DECODE_OK;
	switch (st->state) {
	case ST_DONE:
		return DECODE_TRAILING_DATA;
	case ST_TRAILER:
		if (len > st->trailer)
			return DECODE_TRAILING_DATA;
		st->trailer -= (unsigned)len;
		return DECODE_OK;
	case ST_START:
		if ((e = stage_start(st)) != DECODE_OK)
			return e;
		break;
	default:
		break;
	}
	return stage_inflate(dec, i, p, len);
}

/*
 * gzip: windowBits 15 + 32, zlib's own gzip-or-zlib detection, as curl.
 * deflate: a zlib stream first; stage_raw() switches if that fails.
 */
static enum decode_err
stage_start(struct stage *st)
{
	int	 r;

	if (st->coding == CODING_GZIP) {
		r = inflateInit2(&st->z, MAX_WBITS + 32);
		st->state = ST_INFLATE;
	} else {
		r = inflateInit2(&st->z, MAX_WBITS);
		st->state = ST_PROBE;
	}
	if (r != Z_OK)
		return r == Z_MEM_ERROR ? DECODE_NOMEM : DECODE_BAD_DATA;
	st->zinit = 1;
	return DECODE_OK;
}

/*
 * Inflates p into the stage's buffer and pushes each buffer full to the
 * stage before.  Z_BLOCK stops zlib at each deflate block's end, as in
 * curl, so what decoded before a bad block (or a bad checksum) is
 * written before the error; the output of the zlib call that fails is
 * dropped, as curl does.
 * While a deflate stage probes, input that gave no output is kept for
 * stage_raw().
 */
static enum decode_err
stage_inflate(struct decoder *dec, int i, const unsigned char *p,
    size_t len)
{
	struct stage	*st = dec->stage[i];
	z_stream	*z = &st->z;
	enum decode_err	 e;
	size_t		 have;
	int		 r;

	z->next_in = p;
	z->avail_in = (uInt)len;
	for (;;) {
		z->next_out = st->out;
		z->avail_out = sizeof(st->out);
		r = inflate(z, Z_BLOCK);
		have = sizeof(st->out) - z->avail_out;
		if (r != Z_OK && r != Z_STREAM_END && r != Z_BUF_ERROR) {
			if (r == Z_DATA_ERROR && st->state == ST_PROBE)
				return stage_raw(dec, i, p, len);
			return stage_zerror(dec, st, r);
		}
		if (have > 0) {
			if (st->state == ST_PROBE) {
				hc_buf_free(&st->probe);
				st->state = ST_INFLATE;
			}
			if ((e = decode_push(dec, i - 1, st->out, have)) !=
			    DECODE_OK)
				return e;
		}
		if (r == Z_STREAM_END)
			return stage_ended(st);
		/*
		 * Z_OK: call again, zlib may hold output or a state change
		 * (a raw stream ends one call after its last block).
		 * Z_BUF_ERROR: no progress possible without more input.
		 */
		if (r == Z_BUF_ERROR)
			break;
	}
	if (st->state == ST_PROBE) {
		/* Too long without output to be a bad header: stay zlib. */
		if (len > DECODE_PROBE_MAX - st->probe.len) {
			hc_buf_free(&st->probe);
			st->state = ST_INFLATE;
		} else if (hc_buf_add(&st->probe, p, len) != HTTPC_OK)
			return DECODE_NOMEM;
	}
	return DECODE_OK;
}

/*
 * The compressed stream is complete.  What is left of this input is
 * data after its end: an error, except raw deflate's stray bytes.
 */
static enum decode_err
stage_ended(struct stage *st)
{
	uInt	 left = st->z.avail_in;

	inflateEnd(&st->z);
	st->zinit = 0;
	hc_buf_free(&st->probe);
	if (st->raw) {
		st->state = ST_TRAILER;
		if (left > st->trailer)
			return DECODE_TRAILING_DATA;
		st->trailer -= left;
		return DECODE_OK;
	}
	st->state = ST_DONE;
	return left > 0 ? DECODE_TRAILING_DATA : DECODE_OK;
}

/*
 * "deflate" that is not a zlib stream: start again as raw deflate with
 * every byte this stage has been given (those kept from earlier calls,
 * then this call's p), as curl retries with -MAX_WBITS.  Nothing was
 * output yet, so nothing is repeated.
 */
static enum decode_err
stage_raw(struct decoder *dec, int i, const unsigned char *p, size_t len)
{
	struct stage	*st = dec->stage[i];
	struct hc_buf	 kept = st->probe;
	enum decode_err	 e = DECODE_OK;

	hc_buf_init(&st->probe, 0);
	if (inflateReset2(&st->z, -MAX_WBITS) != Z_OK) {
		hc_buf_free(&kept);
		return stage_zerror(dec, st, Z_STREAM_ERROR);
	}
	st->state = ST_INFLATE;
	st->raw = 1;
	st->trailer = DECODE_RAW_TRAILER;
	if (kept.len > 0)
		e = stage_inflate(dec, i, (const unsigned char *)kept.data,
		    kept.len);
	hc_buf_free(&kept);
	/* The kept bytes may already have ended the stream. */
	if (e == DECODE_OK)
		e = stage_feed(dec, i, p, len);
	return e;
}

static enum decode_err
stage_zerror(struct decoder *dec, struct stage *st, int r)
{
	if (r == Z_MEM_ERROR)
		return DECODE_NOMEM;
	if (st->z.msg != NULL)
		strlcpy(dec->detail, st->z.msg, sizeof(dec->detail));
	else
		dec->detail[0] = '\0';
	return DECODE_BAD_DATA;
}

static void
stage_free(struct stage *st)
{
	if (st == NULL)
		return;
	if (st->zinit)
		inflateEnd(&st->z);
	hc_buf_free(&st->probe);
	free(st);
}
