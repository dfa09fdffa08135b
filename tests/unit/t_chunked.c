/*
 * The chunked decoder (core/chunked.c), fed every split of its input:
 * sizes, extensions, trailers, bare LF, overflow, garbage, limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "chunked.h"

/* What one decoding gave. */
struct result {
	enum httpc_err	 e;
	int		 done;
	size_t		 used;		/* input consumed */
	char		*data;		/* decoded, NUL terminated */
	size_t		 dlen;
	int		 maxbad;	/* a span longer than maxdata */
};

static void
result_free(struct result *r)
{
	free(r->data);
	r->data = NULL;
}

/*
 * Feeds in[0..len) in pieces ending at the offsets cuts[0..ncuts) (then
 * the rest), the way a reader hands over what it has: each piece is
 * stepped until it is used up, the body ends or an error.
 */
static void
decode_cuts(const char *in, size_t len, const size_t *cuts, size_t ncuts,
    size_t maxdata, struct result *r)
{
	struct hc_chunked	 ch;
	struct hc_buf		 out;
	const char		*data;
	size_t			 pos = 0, end, used, dlen, k;

	memset(r, 0, sizeof(*r));
	hc_chunked_init(&ch);
	hc_buf_init(&out, SIZE_MAX);
	for (k = 0; k <= ncuts && r->e == HTTPC_OK && !r->done; k++) {
		end = k < ncuts ? cuts[k] : len;
		while (pos < end) {
			r->e = hc_chunked_step(&ch, in + pos, end - pos,
			    maxdata, &used, &data, &dlen);
			if (used > end - pos || (dlen > 0 && (data < in + pos ||
			    data + dlen > in + pos + used)))
				r->maxbad = 1;	/* out of bounds */
			if (dlen > maxdata)
				r->maxbad = 1;
			if (dlen > 0)
				hc_buf_add(&out, data, dlen);
			pos += used;
			if (r->e != HTTPC_OK || hc_chunked_done(&ch))
				break;
			if (used == 0)
				break;
		}
		r->done = hc_chunked_done(&ch);
	}
	r->used = pos;
	r->dlen = out.len;
	r->data = hc_buf_take(&out);
}

static void
decode(const char *in, size_t len, struct result *r)
{
	decode_cuts(in, len, NULL, 0, SIZE_MAX, r);
}

static int
same(const struct result *a, const struct result *b)
{
	/* After an error what was consumed does not matter. */
	return a->e == b->e && a->done == b->done &&
	    (a->e != HTTPC_OK || a->used == b->used) && a->dlen == b->dlen &&
	    memcmp(a->data, b->data, a->dlen) == 0 && !a->maxbad && !b->maxbad;
}

/*
 * Decodes in whole, then split at every byte boundary, at every pair of
 * boundaries (short inputs), byte by byte, and with small maxdata: all
 * must agree.  The whole-input result goes to *r.
 */
static int
all_splits(const char *in, size_t len, struct result *r)
{
	struct result	 s;
	size_t		 i, j, cuts[2], bad = 0, *every;

	decode(in, len, r);
	for (i = 0; i <= len; i++) {
		cuts[0] = i;
		decode_cuts(in, len, cuts, 1, SIZE_MAX, &s);
		bad += !same(r, &s);
		result_free(&s);
		decode_cuts(in, len, cuts, 1, i + 1, &s);
		bad += !same(r, &s);
		result_free(&s);
	}
	if (len <= 200) {
		for (i = 0; i <= len; i++)
			for (j = i; j <= len; j++) {
				cuts[0] = i;
				cuts[1] = j;
				decode_cuts(in, len, cuts, 2, 3, &s);
				bad += !same(r, &s);
				result_free(&s);
			}
	}
	if ((every = calloc(len + 1, sizeof(*every))) != NULL) {
		for (i = 0; i < len; i++)
			every[i] = i + 1;
		decode_cuts(in, len, every, len, SIZE_MAX, &s);
		bad += !same(r, &s);
		result_free(&s);
		decode_cuts(in, len, every, len, 1, &s);
		bad += !same(r, &s);
		result_free(&s);
		free(every);
	}
	for (i = 1; i < 8; i++) {
		decode_cuts(in, len, NULL, 0, i, &s);
		bad += !same(r, &s);
		result_free(&s);
	}
	if (bad > 0)
		printf("#   %zu split(s) disagree for \"%.40s\"\n", bad, in);
	return bad == 0;
}

/* A good body: decodes to want, ends at the end of the input. */
static void
good(const char *in, const char *want)
{
	struct result	 r;
	size_t		 len = strlen(in);

	CHECK(all_splits(in, len, &r));
	CHECK(r.e == HTTPC_OK);
	CHECK(r.done);
	CHECK(r.used == len);
	CHECK(r.dlen == strlen(want) && strcmp(r.data, want) == 0);
	if (r.e != HTTPC_OK || !r.done || strcmp(r.data, want) != 0)
		printf("#   good(\"%s\"): e=%s done=%d data=\"%s\"\n", in,
		    httpc_err_name(r.e), r.done, r.data);
	result_free(&r);
}

/* A bad body: error e, whatever the split. */
static void
bad_n(const char *in, size_t len, enum httpc_err e)
{
	struct result	 r;

	CHECK(all_splits(in, len, &r));
	CHECK(r.e == e);
	CHECK(!r.done);
	if (r.e != e)
		printf("#   bad(\"%.60s\"): got %s, want %s\n", in,
		    httpc_err_name(r.e), httpc_err_name(e));
	result_free(&r);
}

static void
bad(const char *in, enum httpc_err e)
{
	bad_n(in, strlen(in), e);
}

/* Input that ends before the body does: no error, not done. */
static void
unfinished(const char *in, const char *want)
{
	struct result	 r;

	CHECK(all_splits(in, strlen(in), &r));
	CHECK(r.e == HTTPC_OK);
	CHECK(!r.done);
	CHECK(r.used == strlen(in));
	CHECK(strcmp(r.data, want) == 0);
	result_free(&r);
}

static void
test_good(void)
{
	good("0\r\n\r\n", "");
	good("5\r\nhello\r\n0\r\n\r\n", "hello");
	good("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world");
	good("1\r\na\r\n1\r\nb\r\n1\r\nc\r\n0\r\n\r\n", "abc");
	/* Hex digits in both cases, leading zeros. */
	good("a\r\n0123456789\r\nA\r\nabcdefghij\r\n0\r\n\r\n",
	    "0123456789abcdefghij");
	good("0005\r\nhello\r\n000\r\n\r\n", "hello");
	good("0000000000000005\r\nhello\r\n0\r\n\r\n", "hello");
	good("1F\r\n0123456789012345678901234567890\r\n0\r\n\r\n",
	    "0123456789012345678901234567890");
	/* Data holding what looks like framing. */
	good("7\r\n0\r\n\r\n\r\n\r\n0\r\n\r\n", "0\r\n\r\n\r\n");
}

static void
test_nul_data(void)
{
	const char	 in[] = "3\r\n\0\n\0\r\n0\r\n\r\n";
	struct result	 r;

	CHECK(all_splits(in, sizeof(in) - 1, &r));
	CHECK(r.e == HTTPC_OK && r.done && r.dlen == 3);
	CHECK(memcmp(r.data, "\0\n\0", 3) == 0);
	result_free(&r);
}

static void
test_extensions(void)
{
	good("5;name=value\r\nhello\r\n0\r\n\r\n", "hello");
	good("5;a;b=c;d=\"quoted; \\\" str\"\r\nhello\r\n0;last\r\n\r\n",
	    "hello");
	good("5 ;ext\r\nhello\r\n0\t;ext\r\n\r\n", "hello");
	good("5  \t \r\nhello\r\n0 \r\n\r\n", "hello");
	good("5;\r\nhello\r\n0\r\n\r\n", "hello");
	good("5;ext=\x80\xff\r\nhello\r\n0\r\n\r\n", "hello");
	good("5;a=\tb\r\nhello\r\n0\r\n\r\n", "hello");
	/* Control characters in an extension are not. */
	bad("5;a\x01\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5;a\x7f\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad_n("5;a\0b\r\nhello\r\n0\r\n\r\n", 19, HTTPC_BAD_CHUNK);
	bad("5;a\rb\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	/* Blanks then something that is not an extension. */
	bad("5 x\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5 5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
}

static void
test_trailers(void)
{
	good("0\r\nX-T: 1\r\n\r\n", "");
	good("5\r\nhello\r\n0\r\nX-T: 1\r\nX-U: two words\r\n\r\n", "hello");
	good("5\r\nhello\r\n0\r\nX-T: \x80\xff\t\r\n\r\n", "hello");
	good("0\r\nExpires: Wed, 21 Oct 2015 07:28:00 GMT\r\n\r\n", "");
	/* Bare LF in trailers and at the end. */
	good("5\r\nhello\r\n0\r\nX-T: 1\nX-U: 2\n\n", "hello");
	bad("0\r\nX-T: \x01\r\n\r\n", HTTPC_BAD_CHUNK);
	bad_n("0\r\nX-T: \0\r\n\r\n", 13, HTTPC_BAD_CHUNK);
	bad("0\r\nX-T: a\rb\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("0\r\n\rX", HTTPC_BAD_CHUNK);
	bad("0\r\nX-T: 1\r\n\rX", HTTPC_BAD_CHUNK);
	unfinished("5\r\nhello\r\n0\r\nX-T: 1\r\n", "hello");
	unfinished("5\r\nhello\r\n0\r\nX-T: 1", "hello");
	unfinished("5\r\nhello\r\n0\r\n\r", "hello");
}

static void
test_bare_lf(void)
{
	good("5\nhello\n0\n\n", "hello");
	good("5\nhello\r\n0\r\n\n", "hello");
	good("5;ext\nhello\n6\r\n world\n0\n\n", "hello world");
	good("5 \nhello\n0\n\n", "hello");
}

/* Bytes after the body are left alone for the next response. */
static void
test_after(void)
{
	const char	*in = "5\r\nhello\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n";
	struct result	 r;

	CHECK(all_splits(in, strlen(in), &r));
	CHECK(r.e == HTTPC_OK && r.done && r.used == 15);
	CHECK(strcmp(r.data, "hello") == 0);
	result_free(&r);
	in = "0\nX: y\n\nnext";
	CHECK(all_splits(in, strlen(in), &r));
	CHECK(r.e == HTTPC_OK && r.done && r.used == 8);
	result_free(&r);
}

static void
test_sizes(void)
{
	struct hc_chunked	 ch;
	const char		*data;
	size_t			 used, dlen;

	/* 16 digits is the most, whatever they are. */
	unfinished("7FFFFFFFFFFFFFFF\r\nabc", "abc");
	unfinished("0000000000000001\r\na", "a");
	bad("00000000000000001\r\na\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("10000000000000000\r\n", HTTPC_BAD_CHUNK);
	bad("FFFFFFFFFFFFFFFFF\r\n", HTTPC_BAD_CHUNK);
	bad("123456789abcdef01234\r\n", HTTPC_BAD_CHUNK);
	/* 64 bits but more than off_t holds. */
	bad("8000000000000000\r\n", HTTPC_BAD_CHUNK);
	bad("FFFFFFFFFFFFFFFF\r\n", HTTPC_BAD_CHUNK);
	/* Signs, prefixes, blanks, garbage. */
	bad("-5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("-0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("+5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("0x5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad(" 5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("\t5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("\r\n", HTTPC_BAD_CHUNK);
	bad("\n", HTTPC_BAD_CHUNK);
	bad(";ext\r\n", HTTPC_BAD_CHUNK);
	bad("g\r\n", HTTPC_BAD_CHUNK);
	bad("5g\r\nhello\r\n", HTTPC_BAD_CHUNK);
	bad("zz\r\n", HTTPC_BAD_CHUNK);
	bad("HTTP/1.1 200 OK\r\n", HTTPC_BAD_CHUNK);
	bad("<html>\r\n", HTTPC_BAD_CHUNK);
	bad("5,5\r\nhello\r\n", HTTPC_BAD_CHUNK);
	bad("5\rX", HTTPC_BAD_CHUNK);
	bad("5\r\rhello", HTTPC_BAD_CHUNK);
	bad_n("5\0\r\nhello\r\n0\r\n\r\n", 16, HTTPC_BAD_CHUNK);

	/* The size of the chunk being read. */
	hc_chunked_init(&ch);
	CHECK(hc_chunked_data_left(&ch) == 0);
	CHECK(hc_chunked_step(&ch, "7FFFFFFFFFFFFFFF\r\n", 18, 10, &used,
	    &data, &dlen) == HTTPC_OK);
	CHECK(used == 18 && dlen == 0);
	CHECK(hc_chunked_data_left(&ch) == INT64_MAX);
	CHECK(hc_chunked_step(&ch, "abc", 3, 10, &used, &data, &dlen) ==
	    HTTPC_OK);
	CHECK(used == 3 && dlen == 3);
	CHECK(hc_chunked_data_left(&ch) == (uint64_t)INT64_MAX - 3);
	CHECK(!hc_chunked_done(&ch));

	hc_chunked_init(&ch);
	CHECK(hc_chunked_step(&ch, "a\r\n0123456789\r\n", 15, 4, &used,
	    &data, &dlen) == HTTPC_OK);
	CHECK(used == 7 && dlen == 4 && memcmp(data, "0123", 4) == 0);
	CHECK(hc_chunked_data_left(&ch) == 6);
	CHECK(hc_chunked_step(&ch, "456789\r\n", 8, 100, &used, &data,
	    &dlen) == HTTPC_OK);
	CHECK(used == 6 && dlen == 6);
	CHECK(hc_chunked_data_left(&ch) == 0);	/* at the CRLF */
}

static void
test_missing_crlf(void)
{
	bad("5\r\nhelloX\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5\r\nhello\rX\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5\r\nhello0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5\r\nhello world\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5\r\nhel\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);	/* too short */
	bad("5\r\nhello\r\r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	bad("5\r\nhello \r\n0\r\n\r\n", HTTPC_BAD_CHUNK);
	unfinished("5\r\nhello", "hello");
	unfinished("5\r\nhello\r", "hello");
	unfinished("5\r\nhel", "hel");
	unfinished("5", "");
	unfinished("", "");
}

static void
test_limits(void)
{
	struct hc_buf	 b;
	size_t		 i, n;
	struct result	 r;

	/* A size line of 64 KiB is too long, a long extension too. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "5;");
	for (i = 0; i < 70000; i++)
		hc_buf_add(&b, "a", 1);
	hc_buf_addstr(&b, "\r\nhello\r\n0\r\n\r\n");
	decode(b.data, b.len, &r);
	CHECK(r.e == HTTPC_LINE_TOO_LONG && !r.done);
	result_free(&r);
	hc_buf_free(&b);

	/* A long but bounded extension is fine. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "5;");
	for (i = 0; i < 60000; i++)
		hc_buf_add(&b, "a", 1);
	hc_buf_addstr(&b, "\r\nhello\r\n0\r\n\r\n");
	decode(b.data, b.len, &r);
	CHECK(r.e == HTTPC_OK && r.done && strcmp(r.data, "hello") == 0);
	result_free(&r);
	hc_buf_free(&b);

	/* Many leading zeros are a long size line, then too many digits. */
	hc_buf_init(&b, SIZE_MAX);
	for (i = 0; i < 70000; i++)
		hc_buf_add(&b, "0", 1);
	decode(b.data, b.len, &r);
	CHECK(r.e == HTTPC_BAD_CHUNK);
	result_free(&r);
	hc_buf_free(&b);

	/* One trailer line over 64 KiB. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "0\r\nX: ");
	for (i = 0; i < 70000; i++)
		hc_buf_add(&b, "v", 1);
	hc_buf_addstr(&b, "\r\n\r\n");
	decode(b.data, b.len, &r);
	CHECK(r.e == HTTPC_LINE_TOO_LONG && !r.done);
	result_free(&r);
	hc_buf_free(&b);

	/* 5000 trailer lines are fine, 5001 are too many. */
	for (n = 5000; n <= 5001; n++) {
		hc_buf_init(&b, SIZE_MAX);
		hc_buf_addstr(&b, "1\r\nz\r\n0\r\n");
		for (i = 0; i < n; i++)
			hc_buf_addstr(&b, "T: 1\r\n");
		hc_buf_addstr(&b, "\r\n");
		decode(b.data, b.len, &r);
		if (n == 5000)
			CHECK(r.e == HTTPC_OK && r.done && r.used == b.len);
		else
			CHECK(r.e == HTTPC_TOO_MANY_HEADERS && !r.done);
		result_free(&r);
		hc_buf_free(&b);
	}

	/* 300 KiB of trailers in lines under the line limit. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "0\r\n");
	for (n = 0; n < 6; n++) {
		hc_buf_addstr(&b, "X: ");
		for (i = 0; i < 60000; i++)
			hc_buf_add(&b, "v", 1);
		hc_buf_addstr(&b, "\r\n");
	}
	hc_buf_addstr(&b, "\r\n");
	decode(b.data, b.len, &r);
	CHECK(r.e == HTTPC_HEADERS_TOO_LARGE && !r.done);
	result_free(&r);
	hc_buf_free(&b);

	/* A long body in many chunks is not limited. */
	hc_buf_init(&b, SIZE_MAX);
	for (i = 0; i < 20000; i++)
		hc_buf_addstr(&b, "3\r\nabc\r\n");
	hc_buf_addstr(&b, "0\r\n\r\n");
	decode(b.data, b.len, &r);
	CHECK(r.e == HTTPC_OK && r.done && r.dlen == 60000);
	result_free(&r);
	hc_buf_free(&b);
}

/* An error sticks; the decoder gives no more data. */
static void
test_sticky(void)
{
	struct hc_chunked	 ch;
	const char		*data;
	size_t			 used, dlen;

	hc_chunked_init(&ch);
	CHECK(hc_chunked_step(&ch, "zz\r\n", 4, 100, &used, &data, &dlen) ==
	    HTTPC_BAD_CHUNK);
	CHECK(hc_chunked_step(&ch, "5\r\nhello\r\n0\r\n\r\n", 15, 100, &used,
	    &data, &dlen) == HTTPC_BAD_CHUNK);
	CHECK(used == 0 && dlen == 0 && data == NULL);
	CHECK(!hc_chunked_done(&ch));

	/* Done stays done and consumes nothing more. */
	hc_chunked_init(&ch);
	CHECK(hc_chunked_step(&ch, "0\r\n\r\n", 5, 100, &used, &data,
	    &dlen) == HTTPC_OK);
	CHECK(used == 5 && hc_chunked_done(&ch));
	CHECK(hc_chunked_step(&ch, "5\r\nhello", 8, 100, &used, &data,
	    &dlen) == HTTPC_OK);
	CHECK(used == 0 && dlen == 0 && hc_chunked_done(&ch));

	/* Empty input and maxdata 0 do nothing. */
	hc_chunked_init(&ch);
	CHECK(hc_chunked_step(&ch, "", 0, 100, &used, &data, &dlen) ==
	    HTTPC_OK);
	CHECK(used == 0 && dlen == 0);
	CHECK(hc_chunked_step(&ch, "3\r\nabc", 6, 0, &used, &data, &dlen) ==
	    HTTPC_OK);
	CHECK(used == 3 && dlen == 0);
	CHECK(hc_chunked_data_left(&ch) == 3);
}

int
main(void)
{
	test_good();
	test_nul_data();
	test_extensions();
	test_trailers();
	test_bare_lf();
	test_after();
	test_sizes();
	test_missing_crlf();
	test_limits();
	test_sticky();
	return check_done("t_chunked");
}
