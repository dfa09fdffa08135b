/*
 * Unit tests for cmd/decode.c: Content-Encoding lists as curl reads
 * them, gzip, x-gzip, deflate (zlib and raw) and stacks of them, made
 * with zlib at test time; the body split at every byte; corrupt,
 * truncated and concatenated streams; the limit, and a gigabyte of
 * zeros (and a gzip of that) decoded in fixed memory.
 */
#include <sys/resource.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "cmd/decode.h"
#include "check.h"

#define GZIP_BITS	(MAX_WBITS + 16)
#define ZLIB_BITS	MAX_WBITS
#define RAW_BITS	(-MAX_WBITS)

/* What the write callback collected. */
struct sink {
	unsigned char	*data;
	size_t		 len;
	size_t		 cap;
	size_t		 calls;
	size_t		 biggest;	/* largest piece seen */
	uint64_t	 count;		/* bytes, when not kept */
	int		 keep;		/* 0: only count */
	int		 zeros_only;	/* 1 until a non-zero byte */
	size_t		 fail_after;	/* fail the call after this many */
};

static unsigned char	*zcompress(const void *, size_t, int, size_t *);
static unsigned char	*sample(size_t);
static int		 sink_write(void *, const void *, size_t);
static void		 sink_init(struct sink *, int);
static enum decode_err	 run(const char *, const void *, size_t, size_t,
			    uint64_t, struct sink *);
static int		 decodes_to(const char *, const void *, size_t,
			    const void *, size_t);
static long		 maxrss_kb(void);
static void		 test_accept(void);
static void		 test_list(void);
static void		 test_gzip(void);
static void		 test_deflate(void);
static void		 test_stack(void);
static void		 test_splits(void);
static void		 test_corrupt(void);
static void		 test_truncated(void);
static void		 test_trailing(void);
static void		 test_limit(void);
static void		 test_write_error(void);
static void		 test_bomb(void);

/* Compresses with zlib: windowBits picks gzip, zlib or raw deflate. */
static unsigned char *
zcompress(const void *in, size_t len, int bits, size_t *outlen)
{
	z_stream	 z;
	unsigned char	*out;
	size_t		 cap;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		abort();
	cap = deflateBound(&z, len) + 64;
	if ((out = malloc(cap)) == NULL)
		abort();
	z.next_in = (unsigned char *)in;
	z.avail_in = len;
	z.next_out = out;
	z.avail_out = cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*outlen = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* Text-like bytes with some repetition: compressible, not trivially. */
static unsigned char *
sample(size_t len)
{
	unsigned char	*p;
	uint32_t	 x = 12345;
	size_t		 i;

	if ((p = malloc(len + 1)) == NULL)
		abort();
	for (i = 0; i < len; i++) {
		x = x * 1103515245 + 12345;
		p[i] = (i % 64 < 40) ? "the quick brown fox "[i % 20] :
		    (unsigned char)(x >> 16);
	}
	return p;
}

static void
sink_init(struct sink *s, int keep)
{
	memset(s, 0, sizeof(*s));
	s->keep = keep;
	s->zeros_only = 1;
	s->fail_after = SIZE_MAX;
}

static int
sink_write(void *arg, const void *buf, size_t len)
{
	struct sink		*s = arg;
	const unsigned char	*p = buf;
	size_t			 i;

	if (s->calls++ >= s->fail_after)
		return -1;
	if (len > s->biggest)
		s->biggest = len;
	if (len == 0)
		abort();		/* never called empty */
	s->count += len;
	if (s->zeros_only)
		for (i = 0; i < len; i++)
			if (p[i] != 0) {
				s->zeros_only = 0;
				break;
			}
	if (!s->keep)
		return 0;
	if (len > s->cap - s->len) {
		s->cap = (s->len + len) * 2;
		if ((s->data = realloc(s->data, s->cap)) == NULL)
			abort();
	}
	memcpy(s->data + s->len, buf, len);
	s->len += len;
	return 0;
}

/*
 * Decodes in pieces of step bytes (0: in one piece), then finishes.
 * The first error met is returned.
 */
static enum decode_err
run(const char *enc, const void *in, size_t len, size_t step,
    uint64_t limit, struct sink *s)
{
	struct decoder		*dec;
	const unsigned char	*p = in;
	enum decode_err		 e;
	size_t			 n;

	if ((e = decode_new(&dec, enc, limit)) != DECODE_OK)
		return e;
	if (step == 0)
		step = len;
	while (len > 0) {
		n = len < step ? len : step;
		if ((e = decode_feed(dec, p, n, sink_write, s)) != DECODE_OK)
			break;
		p += n;
		len -= n;
	}
	if (e == DECODE_OK)
		e = decode_finish(dec);
	if (decode_total(dec) != s->count)
		e = DECODE_ERR_COUNT;	/* the count must agree */
	decode_free(dec);
	return e;
}

static int
decodes_to(const char *enc, const void *in, size_t len, const void *want,
    size_t wantlen)
{
	struct sink	 s;
	int		 ok;

	sink_init(&s, 1);
	ok = run(enc, in, len, 0, 0, &s) == DECODE_OK && s.len == wantlen &&
	    (wantlen == 0 || memcmp(s.data, want, wantlen) == 0);
	free(s.data);
	return ok;
}

static long
maxrss_kb(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return 0;
	return ru.ru_maxrss;
}

static void
test_accept(void)
{
	CHECK(strcmp(decode_accept_encoding(), "deflate, gzip") == 0);
}

/* The Content-Encoding list, as curl 7.88 parses it. */
static void
test_list(void)
{
	struct decoder	*dec;
	char		 msg[256];
	size_t		 glen;
	unsigned char	*gz;

	gz = zcompress("hello", 5, GZIP_BITS, &glen);

	/* Nothing, identity, none: the body passes through. */
	CHECK(decodes_to(NULL, "abc", 3, "abc", 3));
	CHECK(decodes_to("", "abc", 3, "abc", 3));
	CHECK(decodes_to("identity", "abc", 3, "abc", 3));
	CHECK(decodes_to("IDENTITY, none", "abc", 3, "abc", 3));
	CHECK(decodes_to(" \t,, ", "abc", 3, "abc", 3));
	/* Case, blanks and empty members as curl takes them. */
	CHECK(decodes_to("gzip", gz, glen, "hello", 5));
	CHECK(decodes_to("  , GZip ,, identity", gz, glen, "hello", 5));
	CHECK(decodes_to("x-gzip", gz, glen, "hello", 5));
	CHECK(decodes_to("X-GZIP\t", gz, glen, "hello", 5));
	CHECK(decodes_to("gzip\r\n", gz, glen, "hello", 5));

	/* Five names are fine, six are refused at once, identity counts. */
	CHECK(decodes_to("identity,identity,identity,gzip,identity", gz, glen,
	    "hello", 5));
	CHECK(decode_new(&dec, "identity,identity,identity,identity,identity,"
	    "identity", 0) == DECODE_TOO_MANY_CODINGS);
	CHECK(dec == NULL);
	CHECK(decode_new(&dec, "gzip,gzip,gzip,gzip,gzip,gzip", 0) ==
	    DECODE_TOO_MANY_CODINGS);
	CHECK(decode_new(&dec, "foo,bar,baz,qux,quux,corge", 0) ==
	    DECODE_TOO_MANY_CODINGS);
	CHECK(decode_exitcode(DECODE_TOO_MANY_CODINGS) == 61);
	CHECK(strcmp(decode_message(NULL, DECODE_TOO_MANY_CODINGS, msg,
	    sizeof(msg)), "Reject response due to more than 5 content "
	    "encodings") == 0);

	/* Unknown: fine until a body byte comes (curl's deferred error). */
	CHECK(decode_new(&dec, "gzip, br", 0) == DECODE_OK);
	CHECK(decode_feed(dec, "", 0, sink_write, NULL) == DECODE_OK);
	CHECK(decode_finish(dec) == DECODE_OK);
	decode_free(dec);
	CHECK(decode_new(&dec, "foo", 0) == DECODE_OK);
	CHECK(decode_feed(dec, "x", 1, sink_write, NULL) ==
	    DECODE_UNKNOWN_CODING);
	CHECK(decode_feed(dec, "x", 1, sink_write, NULL) ==
	    DECODE_UNKNOWN_CODING);
	CHECK(decode_finish(dec) == DECODE_UNKNOWN_CODING);
	CHECK(decode_exitcode(DECODE_UNKNOWN_CODING) == 61);
	CHECK(strcmp(decode_message(dec, DECODE_UNKNOWN_CODING, msg,
	    sizeof(msg)), "Unrecognized content encoding type. httpc "
	    "understands deflate, gzip content encodings.") == 0);
	decode_free(dec);
	/* Not names curl knows either: chunked, inner blanks, prefixes. */
	CHECK(!decodes_to("chunked", "abc", 3, "abc", 3));
	CHECK(!decodes_to("gz ip", gz, glen, "hello", 5));
	CHECK(!decodes_to("gzipx", gz, glen, "hello", 5));
	CHECK(!decodes_to("gzip;q=1", gz, glen, "hello", 5));

	/* Messages and codes. */
	CHECK(decode_exitcode(DECODE_OK) == 0);
	CHECK(decode_exitcode(DECODE_BAD_DATA) == 61);
	CHECK(decode_exitcode(DECODE_TRUNCATED) == 61);
	CHECK(decode_exitcode(DECODE_TRAILING_DATA) == 23);
	CHECK(decode_exitcode(DECODE_TOO_LARGE) == 63);
	CHECK(decode_exitcode(DECODE_WRITE) == 23);
	CHECK(decode_exitcode(DECODE_NOMEM) == 27);
	CHECK(strcmp(decode_strerror(DECODE_TOO_LARGE),
	    "Maximum file size exceeded") == 0);
	CHECK(strcmp(decode_strerror(DECODE_ERR_COUNT),
	    "unknown decoding error") == 0);
	CHECK(strcmp(decode_message(NULL, DECODE_BAD_DATA, msg, sizeof(msg)),
	    "Error while processing content unencoding: Unknown failure "
	    "within decompression software.") == 0);
	/* A short buffer is cut, still terminated. */
	decode_message(NULL, DECODE_TOO_LARGE, msg, 8);
	CHECK(strcmp(msg, "Maximum") == 0);
	free(gz);
}

static void
test_gzip(void)
{
	unsigned char	*data, *gz, *zl;
	size_t		 glen, zlen;

	data = sample(100000);
	gz = zcompress(data, 100000, GZIP_BITS, &glen);
	CHECK(glen < 100000);
	CHECK(decodes_to("gzip", gz, glen, data, 100000));
	/* zlib's detection: a zlib stream under "gzip" decodes too. */
	zl = zcompress(data, 100000, ZLIB_BITS, &zlen);
	CHECK(decodes_to("gzip", zl, zlen, data, 100000));
	free(gz);
	free(zl);
	/* An empty member is an empty body. */
	gz = zcompress("", 0, GZIP_BITS, &glen);
	CHECK(decodes_to("gzip", gz, glen, "", 0));
	free(gz);
	/* No body at all: fine, as curl. */
	CHECK(decodes_to("gzip", "", 0, "", 0));
	CHECK(decodes_to("deflate", "", 0, "", 0));
	free(data);
}

static void
test_deflate(void)
{
	unsigned char	*data, *zl, *raw, *buf;
	size_t		 zlen, rlen;
	struct sink	 s;

	data = sample(50000);
	zl = zcompress(data, 50000, ZLIB_BITS, &zlen);
	raw = zcompress(data, 50000, RAW_BITS, &rlen);
	CHECK(decodes_to("deflate", zl, zlen, data, 50000));
	/* Raw deflate: curl's fallback. */
	CHECK(decodes_to("deflate", raw, rlen, data, 50000));
	/* A gzip stream is not deflate, with or without its header. */
	CHECK(!decodes_to("gzip", raw, rlen, data, 50000));

	/* Raw deflate may be followed by up to four stray bytes. */
	if ((buf = malloc(rlen + 5)) == NULL)
		abort();
	memcpy(buf, raw, rlen);
	memcpy(buf + rlen, "\1\2\3\4\5", 5);
	CHECK(decodes_to("deflate", buf, rlen + 4, data, 50000));
	sink_init(&s, 0);
	CHECK(run("deflate", buf, rlen + 5, 0, 0, &s) ==
	    DECODE_TRAILING_DATA);
	CHECK(s.count == 50000);
	/* Byte by byte, the stray bytes come one at a time. */
	sink_init(&s, 0);
	CHECK(run("deflate", buf, rlen + 4, 1, 0, &s) == DECODE_OK);
	sink_init(&s, 0);
	CHECK(run("deflate", buf, rlen + 5, 1, 0, &s) ==
	    DECODE_TRAILING_DATA);
	/* A zlib stream allows none. */
	free(buf);
	if ((buf = malloc(zlen + 1)) == NULL)
		abort();
	memcpy(buf, zl, zlen);
	buf[zlen] = 'x';
	sink_init(&s, 0);
	CHECK(run("deflate", buf, zlen + 1, 0, 0, &s) ==
	    DECODE_TRAILING_DATA);
	CHECK(s.count == 50000);
	free(buf);
	free(zl);
	free(raw);

	/* The empty zlib stream. */
	zl = zcompress("", 0, ZLIB_BITS, &zlen);
	CHECK(decodes_to("deflate", zl, zlen, "", 0));
	free(zl);
	/* A zlib header asking for a preset dictionary: an error. */
	CHECK(!decodes_to("deflate", "\x78\xbb\x00\x00\x00\x01", 6, "", 0));
	/* Raw deflate of a few bytes, split anywhere (the probe). */
	raw = zcompress("hi", 2, RAW_BITS, &rlen);
	CHECK(decodes_to("deflate", raw, rlen, "hi", 2));
	sink_init(&s, 1);
	CHECK(run("deflate", raw, rlen, 1, 0, &s) == DECODE_OK);
	CHECK(s.len == 2 && memcmp(s.data, "hi", 2) == 0);
	free(s.data);
	free(raw);
	free(data);
}

/* "deflate, gzip": deflated first, then gzipped; undone in reverse. */
static void
test_stack(void)
{
	unsigned char	*data, *zl, *both, *gg, *g1, *raw, *rg;
	size_t		 zlen, blen, glen, g1len, rlen, rglen;
	struct sink	 s;

	data = sample(30000);
	zl = zcompress(data, 30000, ZLIB_BITS, &zlen);
	both = zcompress(zl, zlen, GZIP_BITS, &blen);
	CHECK(decodes_to("deflate, gzip", both, blen, data, 30000));
	/* The other order does not fit this body. */
	CHECK(!decodes_to("gzip, deflate", both, blen, data, 30000));
	/* identity anywhere changes nothing. */
	CHECK(decodes_to("identity, deflate, identity, gzip", both, blen,
	    data, 30000));
	g1 = zcompress(data, 30000, GZIP_BITS, &g1len);
	gg = zcompress(g1, g1len, GZIP_BITS, &glen);
	CHECK(decodes_to("gzip, gzip", gg, glen, data, 30000));
	CHECK(!decodes_to("gzip", gg, glen, data, 30000));
	/* Raw deflate inside gzip: the fallback works inside a stack. */
	raw = zcompress(data, 30000, RAW_BITS, &rlen);
	rg = zcompress(raw, rlen, GZIP_BITS, &rglen);
	CHECK(decodes_to("deflate,gzip", rg, rglen, data, 30000));
	sink_init(&s, 1);
	CHECK(run("deflate,gzip", rg, rglen, 7, 0, &s) == DECODE_OK);
	CHECK(s.len == 30000 && memcmp(s.data, data, 30000) == 0);
	free(s.data);
	/* Unknown under a known one: refused. */
	CHECK(!decodes_to("foo, gzip", g1, g1len, data, 30000));
	free(raw);
	free(rg);
	free(g1);
	free(gg);
	free(zl);
	free(both);
	free(data);
}

/* Every way of cutting the body in two, and byte by byte. */
static void
test_splits(void)
{
	static const char *const encs[] = { "gzip", "deflate", "deflate",
	    "deflate, gzip" };
	unsigned char	*data, *in[4], *tmp;
	size_t		 inlen[4], tmplen, cut, n;
	struct decoder	*dec;
	struct sink	 s;
	int		 k, bad;

	data = sample(3000);
	in[0] = zcompress(data, 3000, GZIP_BITS, &inlen[0]);
	in[1] = zcompress(data, 3000, ZLIB_BITS, &inlen[1]);
	in[2] = zcompress(data, 3000, RAW_BITS, &inlen[2]);
	tmp = zcompress(data, 3000, ZLIB_BITS, &tmplen);
	in[3] = zcompress(tmp, tmplen, GZIP_BITS, &inlen[3]);
	free(tmp);
	for (k = 0; k < 4; k++) {
		bad = 0;
		for (cut = 0; cut <= inlen[k]; cut++) {
			sink_init(&s, 1);
			if (decode_new(&dec, encs[k], 0) != DECODE_OK)
				abort();
			if (decode_feed(dec, in[k], cut, sink_write, &s) !=
			    DECODE_OK ||
			    decode_feed(dec, in[k] + cut, inlen[k] - cut,
			    sink_write, &s) != DECODE_OK ||
			    decode_finish(dec) != DECODE_OK ||
			    s.len != 3000 || memcmp(s.data, data, 3000) != 0)
				bad++;
			decode_free(dec);
			free(s.data);
		}
		CHECK(bad == 0);
		/* Byte by byte, and in odd sizes. */
		for (n = 1; n <= 13; n += 3) {
			sink_init(&s, 1);
			CHECK(run(encs[k], in[k], inlen[k], n, 0, &s) ==
			    DECODE_OK);
			CHECK(s.len == 3000 && memcmp(s.data, data, 3000) == 0);
			free(s.data);
		}
		free(in[k]);
	}
	free(data);
}

static void
test_corrupt(void)
{
	unsigned char	*data, *gz;
	size_t		 glen, i;
	struct decoder	*dec;
	struct sink	 s;
	char		 msg[256];
	enum decode_err	 e;
	int		 bad;

	data = sample(20000);
	gz = zcompress(data, 20000, GZIP_BITS, &glen);

	/* A wrong CRC-32: zlib says so after all the data, which was
	 * written first (curl's output file has it too). */
	gz[glen - 6] ^= 0xff;
	sink_init(&s, 0);
	CHECK(decode_new(&dec, "gzip", 0) == DECODE_OK);
	e = decode_feed(dec, gz, glen, sink_write, &s);
	CHECK(e == DECODE_BAD_DATA);
	CHECK(s.count == 20000);
	CHECK(strcmp(decode_message(dec, e, msg, sizeof(msg)),
	    "Error while processing content unencoding: incorrect data "
	    "check") == 0);
	/* Sticky. */
	CHECK(decode_feed(dec, "x", 1, sink_write, &s) == DECODE_BAD_DATA);
	CHECK(decode_finish(dec) == DECODE_BAD_DATA);
	decode_free(dec);
	gz[glen - 6] ^= 0xff;

	/* A wrong length. */
	gz[glen - 2] ^= 0xff;
	CHECK(decode_new(&dec, "gzip", 0) == DECODE_OK);
	sink_init(&s, 0);
	e = decode_feed(dec, gz, glen, sink_write, &s);
	CHECK(e == DECODE_BAD_DATA);
	CHECK(strcmp(decode_message(dec, e, msg, sizeof(msg)),
	    "Error while processing content unencoding: incorrect length "
	    "check") == 0);
	decode_free(dec);
	gz[glen - 2] ^= 0xff;

	/* Not gzip at all. */
	CHECK(decode_new(&dec, "gzip", 0) == DECODE_OK);
	e = decode_feed(dec, "plain text, not compressed", 26, sink_write,
	    &s);
	CHECK(e == DECODE_BAD_DATA);
	CHECK(strcmp(decode_message(dec, e, msg, sizeof(msg)),
	    "Error while processing content unencoding: incorrect header "
	    "check") == 0);
	decode_free(dec);
	/* Neither zlib nor raw deflate: the fallback fails too. */
	CHECK(!decodes_to("deflate", "\xff\xff\xff\xff", 4, "", 0));

	/* Any single byte flipped: an error or, rarely, other bytes, but
	 * never a crash; the count always agrees (checked in run()). */
	bad = 0;
	for (i = 0; i < glen; i++) {
		gz[i] ^= 0x55;
		sink_init(&s, 0);
		e = run("gzip", gz, glen, 0, 0, &s);
		if (e == DECODE_ERR_COUNT)
			bad++;
		/* the CRC catches changed data in the deflate part */
		if (e == DECODE_OK && i >= 10 && i < glen - 8)
			bad++;
		gz[i] ^= 0x55;
	}
	CHECK(bad == 0);
	free(gz);
	free(data);
}

/* Every proper prefix of a stream is reported at the end. */
static void
test_truncated(void)
{
	static const int bits[] = { GZIP_BITS, ZLIB_BITS, RAW_BITS };
	static const char *const encs[] = { "gzip", "deflate", "deflate" };
	unsigned char	*data, *in;
	size_t		 inlen, cut;
	struct sink	 s;
	char		 msg[256];
	int		 k, bad;

	data = sample(5000);
	for (k = 0; k < 3; k++) {
		in = zcompress(data, 5000, bits[k], &inlen);
		bad = 0;
		for (cut = 1; cut < inlen; cut++) {
			sink_init(&s, 0);
			if (run(encs[k], in, cut, 0, 0, &s) !=
			    DECODE_TRUNCATED)
				bad++;
		}
		CHECK(bad == 0);
		sink_init(&s, 0);
		CHECK(run(encs[k], in, inlen, 0, 0, &s) == DECODE_OK);
		free(in);
	}
	CHECK(strcmp(decode_message(NULL, DECODE_TRUNCATED, msg,
	    sizeof(msg)), "Error while processing content unencoding: "
	    "compressed data ends early") == 0);
	free(data);
}

/*
 * Concatenated gzip members: curl 7.88 writes the first and fails
 * (exit 23), so does httpc; garbage after a member likewise.
 */
static void
test_trailing(void)
{
	unsigned char	*a, *b, *ab;
	size_t		 alen, blen, cut;
	struct sink	 s;
	int		 bad;

	a = zcompress("AAA\n", 4, GZIP_BITS, &alen);
	b = zcompress("BBB\n", 4, GZIP_BITS, &blen);
	if ((ab = malloc(alen + blen)) == NULL)
		abort();
	memcpy(ab, a, alen);
	memcpy(ab + alen, b, blen);
	bad = 0;
	for (cut = 0; cut <= alen + blen; cut++) {
		struct decoder	*dec;
		enum decode_err	 e;

		sink_init(&s, 1);
		if (decode_new(&dec, "gzip", 0) != DECODE_OK)
			abort();
		e = decode_feed(dec, ab, cut, sink_write, &s);
		if (e == DECODE_OK)
			e = decode_feed(dec, ab + cut, alen + blen - cut,
			    sink_write, &s);
		if (e != DECODE_TRAILING_DATA || s.len != 4 ||
		    memcmp(s.data, "AAA\n", 4) != 0)
			bad++;
		decode_free(dec);
		free(s.data);
	}
	CHECK(bad == 0);
	memcpy(ab + alen, "garbage", 7);
	sink_init(&s, 0);
	CHECK(run("gzip", ab, alen + 7, 0, 0, &s) == DECODE_TRAILING_DATA);
	CHECK(s.count == 4);
	free(a);
	free(b);
	free(ab);
}

static void
test_limit(void)
{
	unsigned char	*data, *gz;
	size_t		 glen;
	struct decoder	*dec;
	struct sink	 s;

	data = sample(100000);
	gz = zcompress(data, 100000, GZIP_BITS, &glen);
	/* Exactly the size: fine. */
	sink_init(&s, 1);
	CHECK(run("gzip", gz, glen, 0, 100000, &s) == DECODE_OK);
	CHECK(s.len == 100000);
	free(s.data);
	/* One less: the callback gets exactly the limit, then the error. */
	sink_init(&s, 1);
	CHECK(run("gzip", gz, glen, 0, 99999, &s) == DECODE_TOO_LARGE);
	CHECK(s.len == 99999 && memcmp(s.data, data, 99999) == 0);
	free(s.data);
	/* Small pieces, small limit. */
	sink_init(&s, 1);
	CHECK(run("gzip", gz, glen, 3, 1, &s) == DECODE_TOO_LARGE);
	CHECK(s.len == 1 && s.data[0] == data[0]);
	free(s.data);
	/* The limit holds for plain bodies too. */
	sink_init(&s, 1);
	CHECK(run(NULL, data, 100000, 4096, 5000, &s) == DECODE_TOO_LARGE);
	CHECK(s.len == 5000);
	free(s.data);
	sink_init(&s, 1);
	CHECK(run("identity", data, 100, 0, 100, &s) == DECODE_OK);
	CHECK(s.len == 100);
	free(s.data);
	/* Sticky, and decode_finish() repeats it. */
	CHECK(decode_new(&dec, NULL, 10) == DECODE_OK);
	sink_init(&s, 0);
	CHECK(decode_feed(dec, data, 11, sink_write, &s) == DECODE_TOO_LARGE);
	CHECK(decode_feed(dec, data, 1, sink_write, &s) == DECODE_TOO_LARGE);
	CHECK(decode_finish(dec) == DECODE_TOO_LARGE);
	CHECK(decode_total(dec) == 10 && s.count == 10);
	decode_free(dec);
	free(gz);
	free(data);
}

static void
test_write_error(void)
{
	unsigned char	*data, *gz;
	size_t		 glen;
	struct decoder	*dec;
	struct sink	 s;

	data = sample(100000);
	gz = zcompress(data, 100000, GZIP_BITS, &glen);
	sink_init(&s, 0);
	s.fail_after = 2;
	CHECK(decode_new(&dec, "gzip", 0) == DECODE_OK);
	CHECK(decode_feed(dec, gz, glen, sink_write, &s) == DECODE_WRITE);
	CHECK(s.calls == 3);
	CHECK(decode_total(dec) == s.count);
	CHECK(decode_feed(dec, gz, 1, sink_write, &s) == DECODE_WRITE);
	CHECK(s.calls == 3);		/* not called again */
	decode_free(dec);
	/* Plain bodies too. */
	sink_init(&s, 0);
	s.fail_after = 0;
	CHECK(run(NULL, "abc", 3, 0, 0, &s) == DECODE_WRITE);
	free(gz);
	free(data);
	decode_free(NULL);
}

/*
 * A gigabyte of zeros in gzip, built in memory from one deflated
 * mebibyte: a non-final deflate block flushed to a byte boundary
 * decodes the same after any run of zeros, so 1024 copies of it, an
 * empty final block and the gzip trailer make a valid stream of about
 * a megabyte without deflating a gigabyte.  Then the same gzipped again
 * (a few kilobytes).  Decoding never holds more than one piece: the
 * pieces are bounded, so is the growth of the process.
 */
static void
test_bomb(void)
{
	static const unsigned char head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0,
	    0, 0, 3 };
	const size_t	 block = 1 << 20, copies = 1024;
	const uint64_t	 size = (uint64_t)block * copies;
	unsigned char	*zeros, *blk, *gz, *gg, *p;
	size_t		 blklen, glen, gglen, i;
	uLong		 crc, c1;
	z_stream	 z;
	struct sink	 s;
	long		 before;

	if ((zeros = calloc(1, block)) == NULL ||
	    (blk = malloc(block)) == NULL)
		abort();
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, RAW_BITS, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = zeros;
	z.avail_in = block;
	z.next_out = blk;
	z.avail_out = block;
	if (deflate(&z, Z_SYNC_FLUSH) != Z_OK || z.avail_in != 0)
		abort();
	blklen = block - z.avail_out;
	deflateEnd(&z);
	c1 = crc32(0, zeros, block);
	crc = c1;
	for (i = 1; i < copies; i++)
		crc = crc32_combine(crc, c1, block);
	free(zeros);

	glen = sizeof(head) + copies * blklen + 2 + 8;
	if ((gz = malloc(glen)) == NULL)
		abort();
	memcpy(gz, head, sizeof(head));
	p = gz + sizeof(head);
	for (i = 0; i < copies; i++, p += blklen)
		memcpy(p, blk, blklen);
	*p++ = 0x03;			/* final fixed block, end of block */
	*p++ = 0x00;
	for (i = 0; i < 4; i++)
		*p++ = (unsigned char)(crc >> (8 * i));
	for (i = 0; i < 4; i++)
		*p++ = (unsigned char)(size >> (8 * i));
	free(blk);
	CHECK(glen < 2 << 20);

	before = maxrss_kb();
	/* With a limit: stops at exactly the limit, a piece at a time. */
	sink_init(&s, 0);
	CHECK(run("gzip", gz, glen, 65536, 10 << 20, &s) == DECODE_TOO_LARGE);
	CHECK(s.count == 10 << 20);
	CHECK(s.biggest <= DECODE_CHUNK);
	CHECK(s.zeros_only);
	/* Without: all of it, streamed, in bounded memory. */
	sink_init(&s, 0);
	CHECK(run("x-gzip", gz, glen, 0, 0, &s) == DECODE_OK);
	CHECK(s.count == size);
	CHECK(s.biggest <= DECODE_CHUNK);
	CHECK(s.zeros_only);
	CHECK(maxrss_kb() - before < 16 * 1024);

	/* Gzip of the gzip: a thousandfold more per input byte. */
	gg = zcompress(gz, glen, GZIP_BITS, &gglen);
	CHECK(gglen < 64 * 1024);
	sink_init(&s, 0);
	CHECK(run("gzip, gzip", gg, gglen, 0, 1 << 20, &s) ==
	    DECODE_TOO_LARGE);
	CHECK(s.count == 1 << 20 && s.biggest <= DECODE_CHUNK);
	/* Byte by byte it is the same. */
	sink_init(&s, 0);
	CHECK(run("gzip, gzip", gg, gglen, 1, 1 << 20, &s) ==
	    DECODE_TOO_LARGE);
	CHECK(s.count == 1 << 20);
	CHECK(maxrss_kb() - before < 16 * 1024);
	free(gg);
	free(gz);
}

int
main(void)
{
	test_accept();
	test_list();
	test_gzip();
	test_deflate();
	test_stack();
	test_splits();
	test_corrupt();
	test_truncated();
	test_trailing();
	test_limit();
	test_write_error();
	test_bomb();
	return check_done("t_decode");
}
