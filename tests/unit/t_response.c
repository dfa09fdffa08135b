/*
 * HTTPResponse over the in-memory transport: status lines, header
 * fields, the framing of RFC 9112 section 6.3, keep-alive, limits.
 * Every response is also read with the input split at every byte
 * boundary (and in schedules of sizes, and in small read amounts): the
 * outcome must not depend on how the bytes arrive.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "httpc.h"
#include "memtransport.h"

/* Everything a caller can observe of one exchange. */
struct run {
	enum httpc_err	 ge;		/* getresponse */
	int		 status;
	int		 version;
	char		*reason;
	char		*fields;	/* "name: value\n" in wire order */
	char		*msg;
	size_t		 msglen;
	off_t		 length;
	int		 will_close;
	char		*body;
	size_t		 bodylen;
	enum httpc_err	 re;		/* the read that failed, or OK */
	off_t		 partial;
	off_t		 expected;
	int		 isclosed;
	int		 tclosed;	/* transport closed after the body */
};

/* Per-read checks that failed in run(), counted rather than CHECKed
 * (there are millions of reads). */
static int	run_anomalies;

static void
run_free(struct run *r)
{
	free(r->reason);
	free(r->fields);
	free(r->msg);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

static char *
dupn(const char *p, size_t n)
{
	char	*s;

	if ((s = malloc(n + 1)) == NULL)
		abort();
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/*
 * Sends GET (or HEAD) over a memory transport reading in[0..len) with
 * reads of at most split bytes (0: all) or the schedule sizes, reads the
 * body amt bytes at a time and records what happened.
 */
static void
run(const char *in, size_t len, int head, size_t split, const size_t *sizes,
    size_t nsizes, size_t amt, struct run *out)
{
	struct httpc_conn		*c;
	struct httpc_response		*r;
	struct memt			*m;
	struct memt_log			 log = { 0 };
	const struct httpc_header	*h;
	struct hc_buf			 b;
	const char			*p;
	char				*buf;
	size_t				 n, i;
	enum httpc_err			 e;

	memset(out, 0, sizeof(*out));
	if (httpc_conn_new(&c, "example.org", 0, NULL) != HTTPC_OK ||
	    (m = memt_new(in, len, split)) == NULL)
		abort();
	m->sizes = sizes;
	m->nsizes = nsizes;
	m->log = &log;
	if (httpc_conn_attach(c, &m->t) != HTTPC_OK ||
	    httpc_conn_putrequest(c, head ? "HEAD" : "GET", "/", 0) !=
	    HTTPC_OK || httpc_conn_endheaders(c, NULL, 0) != HTTPC_OK)
		abort();
	out->ge = httpc_conn_getresponse(c, &r);
	if (out->ge != HTTPC_OK) {
		if (r != NULL)
			run_anomalies++;
		out->tclosed = log.closed;
		httpc_conn_free(c);
		memt_log_free(&log);
		return;
	}
	out->status = httpc_response_status(r);
	out->version = httpc_response_version(r);
	p = httpc_response_reason(r);
	out->reason = dupn(p, strlen(p));
	httpc_response_getheaders(r, &h, &n);
	hc_buf_init(&b, SIZE_MAX);
	for (i = 0; i < n; i++)
		hc_buf_printf(&b, "%s: %s\n", h[i].name, h[i].value);
	out->fields = hc_buf_take(&b);
	httpc_response_msg(r, &p, &n);
	out->msg = dupn(p, n);
	out->msglen = n;
	out->length = httpc_response_length(r);
	out->will_close = httpc_response_will_close(r);

	if ((buf = malloc(amt)) == NULL)
		abort();
	hc_buf_init(&b, SIZE_MAX);
	for (;;) {
		e = httpc_response_read(r, buf, amt, &n);
		if (e != HTTPC_OK) {
			out->re = e;
			/* Sticky: the next read says the same. */
			if (httpc_response_read(r, buf, amt, &n) != e ||
			    n != 0)
				run_anomalies++;
			break;
		}
		if (n > amt)
			run_anomalies++;
		if (n == 0)
			break;
		hc_buf_add(&b, buf, n);
	}
	free(buf);
	out->bodylen = b.len;
	out->body = hc_buf_take(&b);
	httpc_response_partial(r, &out->partial, &out->expected);
	out->isclosed = httpc_response_isclosed(r);
	out->tclosed = log.closed;
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* The outcome as one string, to compare runs. */
static char *
fingerprint(const struct run *r)
{
	struct hc_buf	 b;

	hc_buf_init(&b, SIZE_MAX);
	hc_buf_printf(&b, "ge=%s", httpc_err_name(r->ge));
	if (r->ge == HTTPC_OK) {
		hc_buf_printf(&b, " st=%d v=%d reason=[%s] len=%lld wc=%d "
		    "re=%s partial=%lld exp=%lld done=%d tclosed=%d\n",
		    r->status, r->version, r->reason, (long long)r->length,
		    r->will_close, httpc_err_name(r->re),
		    (long long)r->partial, (long long)r->expected, r->isclosed,
		    r->tclosed);
		hc_buf_addstr(&b, r->fields);
		hc_buf_printf(&b, "msg %zu:", r->msglen);
		hc_buf_add(&b, r->msg, r->msglen);
		hc_buf_printf(&b, "body %zu:", r->bodylen);
		hc_buf_add(&b, r->body, r->bodylen);
	}
	return hc_buf_take(&b);
}

static const size_t sched1[] = { 1, 2, 3 };
static const size_t sched2[] = { 5, 1 };
static const size_t sched3[] = { 2, 7, 1, 13 };
static const size_t sched4[] = { 64, 1, 1 };
static const size_t sched5[] = { 17, 4096, 3 };
static const struct {
	const size_t	*s;
	size_t		 n;
} scheds[] = {
	{ sched1, 3 }, { sched2, 2 }, { sched3, 4 }, { sched4, 3 },
	{ sched5, 3 }
};

/*
 * Runs in whole and then in every way of splitting it (all split sizes
 * up to the length for short inputs, a selection for long ones), with
 * read amounts from 1 byte up; every run must give the same outcome.
 * The whole-input run goes to *r.
 */
static int
all_ways(const char *in, size_t len, int head, struct run *r)
{
	static const size_t	 some[] = { 1, 2, 3, 7, 100, 4096, 65535,
	    65536, 65537, 131072 };
	static const size_t	 amts[] = { 1, 2, 3, 5, 16384, 65536, 1000000 };
	struct run		 s;
	char			*want, *got;
	size_t			 split, i, k, bad = 0, runs = 0, amt;

	run(in, len, head, 0, NULL, 0, 16384, r);
	want = fingerprint(r);
	for (i = 0; ; i++) {
		if (len <= 1500) {
			if (i > len + 1)
				break;
			split = i + 1;
		} else {
			if (i >= sizeof(some) / sizeof(some[0]))
				break;
			split = some[i];
		}
		amt = len > 1500 && split < 10 ? 16384 : amts[i % 7];
		run(in, len, head, split, NULL, 0, amt, &s);
		got = fingerprint(&s);
		if (strcmp(want, got) != 0) {
			if (bad++ == 0)
				printf("#   split %zu amt %zu:\n#   want %s\n"
				    "#   got  %s\n", split, amt, want, got);
		}
		runs++;
		free(got);
		run_free(&s);
	}
	for (k = 0; k < sizeof(scheds) / sizeof(scheds[0]); k++) {
		for (i = 0; i < (len > 1500 ? 1 : 3); i++) {
			run(in, len, head, 0, scheds[k].s, scheds[k].n,
			    amts[(k + i) % 7], &s);
			got = fingerprint(&s);
			if (strcmp(want, got) != 0 && bad++ == 0)
				printf("#   schedule %zu:\n#   want %s\n"
				    "#   got  %s\n", k, want, got);
			runs++;
			free(got);
			run_free(&s);
		}
	}
	free(want);
	if (bad > 0)
		printf("#   %zu of %zu runs differ for \"%.50s\"\n", bad, runs,
		    in);
	return bad == 0;
}

/* A response that parses; the body reads to its end. */
static void
ok_resp(const char *in, int head, int status, int version,
    const char *reason, const char *body, int will_close)
{
	struct run	 r;

	CHECK(all_ways(in, strlen(in), head, &r));
	CHECK(r.ge == HTTPC_OK);
	CHECK(r.status == status);
	CHECK(r.version == version);
	CHECK(r.reason != NULL && strcmp(r.reason, reason) == 0);
	CHECK(r.re == HTTPC_OK);
	CHECK(r.body != NULL && strcmp(r.body, body) == 0);
	CHECK(r.will_close == will_close);
	CHECK(r.isclosed);
	/* The connection goes when, and only when, it must. */
	CHECK(r.tclosed == will_close);
	if (r.ge != HTTPC_OK || r.status != status || r.re != HTTPC_OK ||
	    r.will_close != will_close || r.body == NULL ||
	    strcmp(r.body, body) != 0 || strcmp(r.reason, reason) != 0)
		printf("#   ok_resp(\"%.60s\"): ge=%s st=%d re=%s wc=%d "
		    "reason=\"%s\" body=\"%.40s\"\n", in,
		    httpc_err_name(r.ge), r.status, httpc_err_name(r.re),
		    r.will_close, r.reason ? r.reason : "(null)",
		    r.body ? r.body : "(null)");
	run_free(&r);
}

/* getresponse fails with e, and the connection is closed. */
static void
bad_resp_n(const char *in, size_t len, int head, enum httpc_err e)
{
	struct run	 r;

	CHECK(all_ways(in, len, head, &r));
	CHECK(r.ge == e);
	CHECK(r.tclosed);
	if (r.ge != e)
		printf("#   bad_resp(\"%.60s\"): got %s, want %s\n", in,
		    httpc_err_name(r.ge), httpc_err_name(e));
	run_free(&r);
}

static void
bad_resp(const char *in, enum httpc_err e)
{
	bad_resp_n(in, strlen(in), 0, e);
}

/* getresponse works, reading the body fails with e after body. */
static void
bad_body(const char *in, enum httpc_err e, const char *body, off_t partial,
    off_t expected)
{
	struct run	 r;

	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK);
	CHECK(r.re == e);
	CHECK(r.body != NULL && strcmp(r.body, body) == 0);
	CHECK(r.partial == partial);
	CHECK(r.expected == expected);
	CHECK(!r.isclosed);
	CHECK(r.tclosed);
	if (r.re != e || r.partial != partial || r.expected != expected)
		printf("#   bad_body(\"%.60s\"): re=%s partial=%lld "
		    "expected=%lld body=\"%s\"\n", in, httpc_err_name(r.re),
		    (long long)r.partial, (long long)r.expected,
		    r.body ? r.body : "(null)");
	run_free(&r);
}

static void
test_status_lines(void)
{
	struct run	 r;

	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0, 200, 11,
	    "OK", "", 0);
	ok_resp("HTTP/1.1 404 Not Found Here\r\nContent-Length: 2\r\n\r\nno",
	    0, 404, 11, "Not Found Here", "no", 0);
	/* No reason, or an empty one. */
	ok_resp("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nhi", 0, 200, 11,
	    "", "hi", 0);
	ok_resp("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nhi", 0, 200, 11,
	    "", "hi", 0);
	/* Whatever the reason holds but controls. */
	ok_resp("HTTP/1.1 200  two  spaces \t\r\nContent-Length: 0\r\n\r\n",
	    0, 200, 11, " two  spaces \t", "", 0);
	ok_resp("HTTP/1.1 200 \xc3\xa7" "a va\r\nContent-Length: 0\r\n\r\n", 0,
	    200, 11, "\xc3\xa7" "a va", "", 0);
	/* Three digits, any of them. */
	ok_resp("HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n", 0, 999, 11,
	    "Odd", "", 0);
	ok_resp("HTTP/1.1 100 Continue\r\n\r\n"
	    "HTTP/1.1 599 X\r\nContent-Length: 0\r\n\r\n", 0, 599, 11, "X",
	    "", 0);
	/* HTTP/1.0, and a later 1.x read as 1.1. */
	ok_resp("HTTP/1.0 200 OK\r\n\r\nbody", 0, 200, 10, "OK", "body", 1);
	ok_resp("HTTP/1.2 200 OK\r\nContent-Length: 1\r\n\r\nx", 0, 200, 11,
	    "OK", "x", 0);

	bad_resp("", HTTPC_REMOTE_DISCONNECTED);
	CHECK(httpc_err_isa(HTTPC_REMOTE_DISCONNECTED, HTTPC_BAD_STATUS_LINE));
	/* No HTTP/ prefix, or another one. */
	bad_resp("ICY 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("http/1.1 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTPS/1.1 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp(" HTTP/1.1 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("\r\nHTTP/1.1 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	/* HTTP/0.9: a body with no head at all. */
	bad_resp("<html><body>hello</body></html>\n",
	    HTTPC_BAD_STATUS_LINE);
	bad_resp("<html><body>hello</body></html>", HTTPC_BAD_STATUS_LINE);
	bad_resp("hello", HTTPC_BAD_STATUS_LINE);
	bad_resp("\n", HTTPC_BAD_STATUS_LINE);
	/* The 3-digit rule. */
	bad_resp("HTTP/1.1 0 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 0\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 99 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 099 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 000 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 1000 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 2000\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200000000000000000 OK\r\n\r\n",
	    HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 20 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 2x0 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 -200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 +200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 \r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	/* One space, exactly, each side of the code. */
	bad_resp("HTTP/1.1  200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1\t200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200\tOK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	/* Controls, a bare CR, a NUL in the line. */
	bad_resp("HTTP/1.1 200 O\x01K\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200 O\x7fK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200 O\rK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200 OK\r\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp_n("HTTP/1.1 200 O\0K\r\n\r\n", 19, 0, HTTPC_BAD_STATUS_LINE);
	/* The version is a digit, a dot and a digit. */
	bad_resp("HTTP/1.x 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/11 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.10 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/10.1 200 OK\r\n\r\n", HTTPC_BAD_STATUS_LINE);
	/* Versions we do not speak. */
	bad_resp("HTTP/2 200\r\n\r\n", HTTPC_UNKNOWN_PROTOCOL);
	bad_resp("HTTP/2.0 200 OK\r\n\r\n", HTTPC_UNKNOWN_PROTOCOL);
	bad_resp("HTTP/3 200\r\n\r\n", HTTPC_UNKNOWN_PROTOCOL);
	bad_resp("HTTP/0.9 200 OK\r\n\r\n", HTTPC_UNKNOWN_PROTOCOL);
	bad_resp("HTTP/9.9 200 OK\r\n\r\n", HTTPC_UNKNOWN_PROTOCOL);
	/* The line never ends. */
	bad_resp("HTTP/1.1 200 OK", HTTPC_BAD_STATUS_LINE);
	bad_resp("HTTP/1.1 200 OK\r", HTTPC_BAD_STATUS_LINE);
	/* After an interim response, the stream ends. */
	bad_resp("HTTP/1.1 100 Continue\r\n\r\n", HTTPC_REMOTE_DISCONNECTED);
	bad_resp("HTTP/1.1 100 Continue\r\n\r\nHTTP/2 200\r\n\r\n",
	    HTTPC_UNKNOWN_PROTOCOL);

	/* The errors are the library's, with curl's exit codes. */
	run("ICY 200 OK\r\n\r\n", 14, 0, 0, NULL, 0, 10, &r);
	CHECK(httpc_err_exitcode(r.ge) == 8);
	run_free(&r);
	run("", 0, 0, 0, NULL, 0, 10, &r);
	CHECK(httpc_err_exitcode(r.ge) == 52);
	run_free(&r);
}

static void
test_fields(void)
{
	struct run	 r;
	const char	*in;

	/* No colon, whitespace before it, no name, a bad name. */
	bad_resp("HTTP/1.1 200 OK\r\nFoo\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo : bar\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo\t: bar\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\n: bar\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFo o: bar\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nF\x01o: bar\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nF(o): bar\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nF\xe9: bar\r\n\r\n", HTTPC_BAD_HEADER);
	/* Controls, NUL, a bare CR in a value. */
	bad_resp("HTTP/1.1 200 OK\r\nFoo: b\x01r\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo: b\x1br\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo: b\x7fr\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp_n("HTTP/1.1 200 OK\r\nFoo: b\0r\r\n\r\n", 29, 0,
	    HTTPC_BAD_HEADER);
	bad_resp_n("HTTP/1.1 200 OK\r\nFoo: bar\0\r\n\r\n", 30, 0,
	    HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo: b\rr\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo: bar\r\r\n\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nFoo: bar\r\n\r\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\n\rFoo: bar\r\n\r\n", HTTPC_BAD_HEADER);
	/* A fold with nothing to continue. */
	bad_resp("HTTP/1.1 200 OK\r\n folded\r\nA: b\r\n\r\n",
	    HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nA: b\r\n \x01\r\n\r\n", HTTPC_BAD_HEADER);
	/* The header section never ends. */
	bad_resp("HTTP/1.1 200 OK\r\nA: b\r\n", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\nA: b", HTTPC_BAD_HEADER);
	bad_resp("HTTP/1.1 200 OK\r\n", HTTPC_BAD_HEADER);

	/* Values: trimmed, empty, obs-text, HTAB inside. */
	in = "HTTP/1.1 200 OK\r\nA:   x  y \t\r\nB:\r\nC: \xe9t\xe9\r\n"
	    "D: a\tb\r\nE:z\r\n!#$%&'*+-.^_`|~09az: t\r\n"
	    "Content-Length: 0\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK);
	CHECK(r.fields != NULL && strcmp(r.fields, "A: x  y\nB: \n"
	    "C: \xe9t\xe9\nD: a\tb\nE: z\n!#$%&'*+-.^_`|~09az: t\n"
	    "Content-Length: 0\n") == 0);
	run_free(&r);

	/* obs-fold: unfolded into one space, in getheader and getheaders. */
	in = "HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\n\t  three  \r\n"
	    "X-B:\r\n  folded\r\nX-C: c\r\n   \r\nContent-Length: 0\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK);
	CHECK(r.fields != NULL && strcmp(r.fields, "X-A: one two three\n"
	    "X-B: folded\nX-C: c\nContent-Length: 0\n") == 0);
	run_free(&r);

	/* Bare LF line ends, alone and mixed with CR LF. */
	ok_resp("HTTP/1.1 200 OK\nContent-Length: 2\nX: y\n\nhi", 0, 200, 11,
	    "OK", "hi", 0);
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 2\nX: y\r\n\nhi", 0, 200,
	    11, "OK", "hi", 0);
	ok_resp("HTTP/1.1 200 OK\nA: b\n c\r\n\r\nxyz", 0, 200, 11, "OK",
	    "xyz", 1);
}

static void
test_getheader(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\n"
	    "Set-Cookie: a=1\r\nContent-Type: text/plain\r\n"
	    "set-cookie: b=2\r\nX-Empty:\r\nSET-COOKIE: c=3\r\n"
	    "Content-Length: 5\r\n\r\nhello";
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct memt		*m;
	const struct httpc_header *h;
	const char		*v, *v2, *msg;
	size_t			 n, mlen;
	char			 buf[3];

	httpc_conn_new(&c, "example.org", 0, NULL);
	m = memt_new(in, strlen(in), 0);
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	/* Repeated fields joined with ", ", names in any case. */
	CHECK(httpc_response_getheader(r, "set-cookie", NULL, &v) ==
	    HTTPC_OK);
	CHECK(v != NULL && strcmp(v, "a=1, b=2, c=3") == 0);
	CHECK(httpc_response_getheader(r, "SET-COOKIE", "d", &v2) ==
	    HTTPC_OK);
	CHECK(v2 != NULL && strcmp(v2, "a=1, b=2, c=3") == 0);
	CHECK(strcmp(v, "a=1, b=2, c=3") == 0);	/* still valid */
	CHECK(httpc_response_getheader(r, "content-type", NULL, &v) ==
	    HTTPC_OK);
	CHECK(v != NULL && strcmp(v, "text/plain") == 0);
	CHECK(httpc_response_getheader(r, "X-Empty", "def", &v) == HTTPC_OK);
	CHECK(v != NULL && strcmp(v, "") == 0);
	/* Absent: the default, NULL included. */
	CHECK(httpc_response_getheader(r, "X-None", "def", &v) == HTTPC_OK);
	CHECK(v != NULL && strcmp(v, "def") == 0);
	CHECK(httpc_response_getheader(r, "X-None", NULL, &v) == HTTPC_OK);
	CHECK(v == NULL);
	CHECK(httpc_response_getheader(r, "Set-Cookie:", NULL, &v) ==
	    HTTPC_OK && v == NULL);
	CHECK(httpc_response_getheader(r, "", NULL, &v) == HTTPC_OK &&
	    v == NULL);
	/* getheaders: wire order, names as sent. */
	httpc_response_getheaders(r, &h, &n);
	CHECK(n == 6);
	if (n == 6) {
		CHECK(strcmp(h[0].name, "Set-Cookie") == 0 &&
		    strcmp(h[0].value, "a=1") == 0);
		CHECK(strcmp(h[1].name, "Content-Type") == 0);
		CHECK(strcmp(h[2].name, "set-cookie") == 0 &&
		    strcmp(h[2].value, "b=2") == 0);
		CHECK(strcmp(h[3].name, "X-Empty") == 0 &&
		    strcmp(h[3].value, "") == 0);
		CHECK(strcmp(h[4].name, "SET-COOKIE") == 0);
		CHECK(strcmp(h[5].name, "Content-Length") == 0 &&
		    strcmp(h[5].value, "5") == 0);
	}
	/* msg: the head exactly as received. */
	httpc_response_msg(r, &msg, &mlen);
	CHECK(mlen == strlen(in) - 5 && memcmp(msg, in, mlen) == 0);
	CHECK(httpc_response_length(r) == 5);
	/* read(amt) in small amounts. */
	CHECK(httpc_response_read(r, buf, 2, &n) == HTTPC_OK && n == 2 &&
	    memcmp(buf, "he", 2) == 0);
	CHECK(httpc_response_read(r, buf, 0, &n) == HTTPC_OK && n == 0);
	CHECK(!httpc_response_isclosed(r));
	CHECK(httpc_response_read(r, buf, 1, &n) == HTTPC_OK && n == 1 &&
	    buf[0] == 'l');
	CHECK(httpc_response_read(r, buf, 3, &n) == HTTPC_OK && n == 2 &&
	    memcmp(buf, "lo", 2) == 0);
	CHECK(httpc_response_isclosed(r));
	CHECK(httpc_response_read(r, buf, 3, &n) == HTTPC_OK && n == 0);
	/* The headers outlive the body. */
	CHECK(httpc_response_getheader(r, "set-cookie", NULL, &v) ==
	    HTTPC_OK && v != NULL && strcmp(v, "a=1, b=2, c=3") == 0);
	httpc_response_free(r);
	httpc_conn_free(c);
	httpc_response_free(NULL);
}

static void
test_framing(void)
{
	struct run	 r;
	const char	*in;

	/* HEAD: no body whatever the fields say. */
	in = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 1, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == 0 && r.isclosed);
	CHECK(r.length == 10 && !r.will_close && !r.tclosed);
	run_free(&r);
	in = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 1, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == 0 && r.isclosed);
	CHECK(!r.tclosed);
	run_free(&r);
	in = "HTTP/1.1 200 OK\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 1, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == 0 && r.isclosed);
	CHECK(!r.tclosed);
	run_free(&r);

	/* 1xx: skipped, their fields too; 100, 102, 103 and unknown. */
	in = "HTTP/1.1 100 Continue\r\n\r\n"
	    "HTTP/1.1 102 Processing\r\nX-P: 1\r\n\r\n"
	    "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
	    "HTTP/1.1 199 Whatever\r\nContent-Length: 5\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK && r.status == 200);
	CHECK(strcmp(r.body, "hi") == 0);
	CHECK(strcmp(r.fields, "Content-Length: 2\n") == 0);
	CHECK(r.msglen == 38 && memcmp(r.msg, "HTTP/1.1 200 OK\r\n", 17) == 0);
	CHECK(!r.tclosed);
	run_free(&r);
	ok_resp("HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\n\nx", 0, 200, 11,
	    "OK", "x", 1);
	/* 101 is final: no body, and the connection is not HTTP anymore. */
	in = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\n\r\n\x81\x05hello";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK && r.status == 101 && r.bodylen == 0);
	CHECK(r.will_close && r.isclosed);
	run_free(&r);

	/* 204 and 304: no body, the next bytes are not theirs. */
	in = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK && r.status == 204 && r.bodylen == 0);
	CHECK(r.isclosed && !r.will_close && !r.tclosed);
	run_free(&r);
	in = "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n"
	    "ETag: \"x\"\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.ge == HTTPC_OK && r.status == 304 && r.bodylen == 0);
	CHECK(r.isclosed && !r.tclosed);
	run_free(&r);
	ok_resp("HTTP/1.0 304 Not Modified\r\n\r\n", 0, 304, 10,
	    "Not Modified", "", 1);
	ok_resp("HTTP/1.1 304 Not Modified\r\n\r\n", 0, 304, 11,
	    "Not Modified", "", 0);

	/* Content-Length. */
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 0, 200,
	    11, "OK", "hello", 0);
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA", 0,
	    200, 11, "OK", "hello", 0);
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 0005\r\n\r\nhello", 0, 200,
	    11, "OK", "hello", 0);
	ok_resp("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", 0, 200, 11,
	    "OK", "", 0);
	/* Blanks around a field value are not part of it. */
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length:  5 \r\n\r\nhello", 0, 200,
	    11, "OK", "hello", 0);
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length:\t5\t\r\n\r\nhello", 0,
	    200, 11, "OK", "hello", 0);
	/* The same length twice, in fields or in a list. */
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5"
	    "\r\n\r\nhello", 0, 200, 11, "OK", "hello", 0);
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello", 0,
	    200, 11, "OK", "hello", 0);
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 5,5 ,  5\r\n\r\nhello", 0,
	    200, 11, "OK", "hello", 0);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6"
	    "\r\n\r\nhello!", HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: -0\r\n\r\n",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 5 5\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 5.0\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 5a\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: \xd9\xa5\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n"
	    "\r\n", HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551621\r\n"
	    "\r\nhello", HTTPC_BAD_LENGTH);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: "
	    "100000000000000000000000000000000000005\r\n\r\nhello",
	    HTTPC_BAD_LENGTH);
	/* The largest length there is: read until the data ends. */
	bad_body("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n"
	    "\r\nabc", HTTPC_INCOMPLETE_READ, "abc", 3, LLONG_MAX);

	/* Chunked, with extensions and trailers. */
	ok_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5;ext=1\r\nhello\r\n6\r\n world\r\n0;x\r\nX-T: t\r\n\r\n", 0, 200,
	    11, "OK", "hello world", 0);
	ok_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
	    "0\r\n\r\n", 0, 200, 11, "OK", "", 0);
	ok_resp("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
	    "3\nabc\n0\n\nHTTP/1.1 200 OK", 0, 200, 11, "OK", "abc", 0);
	in = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\n0\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.length == -1 && r.expected == -1);
	run_free(&r);
	/* Until close. */
	ok_resp("HTTP/1.1 200 OK\r\n\r\nall of it\r\n\r\nuntil the end", 0,
	    200, 11, "OK", "all of it\r\n\r\nuntil the end", 1);
	ok_resp("HTTP/1.1 200 OK\r\nX: y\r\n\r\n", 0, 200, 11, "OK", "", 1);
	in = "HTTP/1.1 200 OK\r\n\r\nabc";
	CHECK(all_ways(in, strlen(in), 0, &r));
	CHECK(r.length == -1);
	run_free(&r);
	/* Transfer-Encoding and Content-Length: chunked wins, no reuse. */
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 0, 200,
	    11, "OK", "hello", 1);
	ok_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "Content-Length: 100\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 0, 200, 11,
	    "OK", "hello", 1);
	/* Chunked in HTTP/1.0 is not to be trusted for reuse either. */
	ok_resp("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "Connection: keep-alive\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 0, 200, 10,
	    "OK", "hello", 1);
	/* Transfer-codings we cannot undo. */
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
	    "0\r\n\r\n", HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"
	    "0\r\n\r\n", HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n"
	    "\r\n0\r\n\r\n", HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\nxx",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\n\r\nxx",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\nxx",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;a=b\r\n\r\nx",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	bad_resp("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
	    "Transfer-Encoding: gzip\r\n\r\nxx",
	    HTTPC_UNKNOWN_TRANSFER_ENCODING);
	in = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx";
	run(in, strlen(in), 0, 0, NULL, 0, 10, &r);
	CHECK(httpc_err_exitcode(r.ge) == 61);
	run_free(&r);
	/* Where there is no body, the coding does not matter. */
	ok_resp("HTTP/1.1 204 No Content\r\nTransfer-Encoding: gzip\r\n\r\n",
	    0, 204, 11, "No Content", "", 0);
	in = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n";
	CHECK(all_ways(in, strlen(in), 1, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == 0 && r.isclosed);
	run_free(&r);
}

static void
test_incomplete(void)
{
	bad_body("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
	    HTTPC_INCOMPLETE_READ, "hello", 5, 10);
	bad_body("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
	    HTTPC_INCOMPLETE_READ, "", 0, 10);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhel", HTTPC_INCOMPLETE_READ, "hel", 3, -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\n", HTTPC_INCOMPLETE_READ, "hello", 5, -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\n0\r\n", HTTPC_INCOMPLETE_READ, "hello", 5, -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
	    HTTPC_INCOMPLETE_READ, "", 0, -1);
	/* Bad framing inside the body: the data before it still arrives. */
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhelloXX\r\n0\r\n\r\n", HTTPC_BAD_CHUNK, "hello", 5, -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\nzz\r\n", HTTPC_BAD_CHUNK, "hello", 5, -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "3\r\nabc\r\n10000000000000000\r\n", HTTPC_BAD_CHUNK, "abc", 3,
	    -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "-5\r\nhello\r\n0\r\n\r\n", HTTPC_BAD_CHUNK, "", 0, -1);
	bad_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "3\r\nabc\r\n0\r\nX: \x01\r\n\r\n", HTTPC_BAD_CHUNK, "abc", 3, -1);
	CHECK(httpc_err_exitcode(HTTPC_INCOMPLETE_READ) == 18);
}

static void
test_keepalive(void)
{
	ok_resp("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 0, 200, 11,
	    "OK", "x", 0);
	ok_resp("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1"
	    "\r\n\r\nx", 0, 200, 11, "OK", "x", 1);
	ok_resp("HTTP/1.1 200 OK\r\nConnection: CLOSE\r\nContent-Length: 1"
	    "\r\n\r\nx", 0, 200, 11, "OK", "x", 1);
	ok_resp("HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 11, "OK", "x", 1);
	ok_resp("HTTP/1.1 200 OK\r\nConnection: foo\r\nConnection: close\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 11, "OK", "x", 1);
	ok_resp("HTTP/1.1 200 OK\r\nConnection: closed\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 11, "OK", "x", 0);
	ok_resp("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 11, "OK", "x", 0);
	/* HTTP/1.0: close unless keep-alive, and then only if framed. */
	ok_resp("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 0, 200, 10,
	    "OK", "x", 1);
	ok_resp("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 10, "OK", "x", 0);
	ok_resp("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 10, "OK", "x", 0);
	ok_resp("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nxyz", 0,
	    200, 10, "OK", "xyz", 1);
	ok_resp("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\n"
	    "Content-Length: 1\r\n\r\nx", 0, 200, 10, "OK", "x", 1);
	ok_resp("HTTP/1.0 204 No Content\r\nConnection: keep-alive\r\n\r\n",
	    0, 204, 10, "No Content", "", 0);
}

/* A line of exactly n bytes, CR LF included: "X: vvvv...\r\n". */
static void
add_line(struct hc_buf *b, const char *name, size_t n)
{
	size_t	 i;

	hc_buf_printf(b, "%s: ", name);
	for (i = strlen(name) + 2; i < n - 2; i++)
		hc_buf_add(b, "v", 1);
	hc_buf_addstr(b, "\r\n");
}

static void
test_limits(void)
{
	struct hc_buf	 b;
	struct run	 r;
	size_t		 i, n;
	char		 name[16];

	/* A header line of 65536 bytes is fine, 65537 is too long. */
	for (n = 65536; n <= 65537; n++) {
		hc_buf_init(&b, SIZE_MAX);
		hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\n");
		add_line(&b, "X-Long", n);
		hc_buf_addstr(&b, "Content-Length: 2\r\n\r\nhi");
		CHECK(all_ways(b.data, b.len, 0, &r));
		if (n == 65536)
			CHECK(r.ge == HTTPC_OK && strcmp(r.body, "hi") == 0);
		else
			CHECK(r.ge == HTTPC_LINE_TOO_LONG);
		run_free(&r);
		hc_buf_free(&b);
	}
	/* The same for the status line. */
	for (n = 65536; n <= 65537; n++) {
		hc_buf_init(&b, SIZE_MAX);
		hc_buf_addstr(&b, "HTTP/1.1 200 ");
		for (i = 13; i < n - 2; i++)
			hc_buf_add(&b, "r", 1);
		hc_buf_addstr(&b, "\r\nContent-Length: 0\r\n\r\n");
		run(b.data, b.len, 0, 0, NULL, 0, 100, &r);
		if (n == 65536)
			CHECK(r.ge == HTTPC_OK && strlen(r.reason) == n - 15);
		else
			CHECK(r.ge == HTTPC_LINE_TOO_LONG);
		run_free(&r);
		run(b.data, b.len, 0, 1000, NULL, 0, 100, &r);
		CHECK(r.ge == (n == 65536 ? HTTPC_OK : HTTPC_LINE_TOO_LONG));
		run_free(&r);
		hc_buf_free(&b);
	}
	/* A line that never ends. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\nX: ");
	for (i = 0; i < 200000; i++)
		hc_buf_add(&b, "v", 1);
	run(b.data, b.len, 0, 0, NULL, 0, 100, &r);
	CHECK(r.ge == HTTPC_LINE_TOO_LONG);
	run_free(&r);
	run(b.data, b.len, 0, 7, NULL, 0, 100, &r);
	CHECK(r.ge == HTTPC_LINE_TOO_LONG);
	run_free(&r);
	hc_buf_free(&b);
	CHECK(httpc_err_exitcode(HTTPC_LINE_TOO_LONG) == 100);

	/* 5000 fields are fine, 5001 are too many. */
	for (n = 5000; n <= 5001; n++) {
		hc_buf_init(&b, SIZE_MAX);
		hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\n");
		for (i = 0; i < n - 1; i++)
			hc_buf_addstr(&b, "Set-Cookie: a=b\r\n");
		hc_buf_addstr(&b, "Content-Length: 0\r\n\r\n");
		CHECK(all_ways(b.data, b.len, 0, &r));
		if (n == 5000)
			CHECK(r.ge == HTTPC_OK);
		else
			CHECK(r.ge == HTTPC_TOO_MANY_HEADERS);
		run_free(&r);
		hc_buf_free(&b);
	}
	/* Folded lines are not fields. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\nX: a\r\n");
	for (i = 0; i < 6000; i++)
		hc_buf_addstr(&b, " b\r\n");
	hc_buf_addstr(&b, "Content-Length: 0\r\n\r\n");
	run(b.data, b.len, 0, 0, NULL, 0, 100, &r);
	CHECK(r.ge == HTTPC_OK);
	run_free(&r);
	hc_buf_free(&b);

	/* 300 KiB of head in all: exactly is fine, a byte more is not. */
	for (n = 300 * 1024; n <= 300 * 1024 + 1; n++) {
		hc_buf_init(&b, SIZE_MAX);
		hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\n"
		    "Content-Length: 2\r\n");
		for (i = 0; b.len + 2 + 60000 < n; i++) {
			snprintf(name, sizeof(name), "X-%zu", i);
			add_line(&b, name, 60000);
		}
		add_line(&b, "X-Last", n - b.len - 2);
		hc_buf_addstr(&b, "\r\n");
		CHECK(b.len == n);
		hc_buf_addstr(&b, "hi");
		CHECK(all_ways(b.data, b.len, 0, &r));
		if (n == 300 * 1024)
			CHECK(r.ge == HTTPC_OK && r.msglen == n &&
			    strcmp(r.body, "hi") == 0);
		else
			CHECK(r.ge == HTTPC_HEADERS_TOO_LARGE);
		run_free(&r);
		hc_buf_free(&b);
	}
	CHECK(httpc_err_exitcode(HTTPC_HEADERS_TOO_LARGE) == 100);
	CHECK(httpc_err_exitcode(HTTPC_TOO_MANY_HEADERS) == 100);

	/* At most HTTPC_MAXINTERIM interim responses. */
	for (n = HTTPC_MAXINTERIM; n <= HTTPC_MAXINTERIM + 1; n++) {
		hc_buf_init(&b, SIZE_MAX);
		for (i = 0; i < n; i++)
			hc_buf_addstr(&b, i % 2 ?
			    "HTTP/1.1 100 Continue\r\n\r\n" :
			    "HTTP/1.1 103 Early Hints\r\nLink: <a>\r\n\r\n");
		hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
		    "\r\nhi");
		run(b.data, b.len, 0, 0, NULL, 0, 100, &r);
		if (n == HTTPC_MAXINTERIM)
			CHECK(r.ge == HTTPC_OK && r.status == 200);
		else
			CHECK(r.ge == HTTPC_TOO_MANY_INTERIM);
		run_free(&r);
		run(b.data, b.len, 0, 3, NULL, 0, 100, &r);
		CHECK(r.ge == (n == HTTPC_MAXINTERIM ? HTTPC_OK :
		    HTTPC_TOO_MANY_INTERIM));
		run_free(&r);
		hc_buf_free(&b);
	}
}

/* Larger bodies, in every framing, read in odd amounts. */
static void
test_big_bodies(void)
{
	struct hc_buf	 b, want;
	struct run	 r;
	size_t		 i, k;
	char		 line[32];

	hc_buf_init(&want, SIZE_MAX);
	for (i = 0; i < 300000; i++)
		hc_buf_add(&want, &"abcdefghijklmnopqrstuvwxyz0123456789"
		    [i % 36], 1);
	/* Content-Length. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_printf(&b, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
	    want.len);
	hc_buf_add(&b, want.data, want.len);
	CHECK(all_ways(b.data, b.len, 0, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == want.len &&
	    memcmp(r.body, want.data, want.len) == 0);
	run_free(&r);
	hc_buf_free(&b);
	/* Chunked, in chunks of growing sizes. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "\r\n");
	for (i = 0, k = 1; i < want.len; i += k, k = k * 3 + 1) {
		if (k > want.len - i)
			k = want.len - i;
		snprintf(line, sizeof(line), "%zx\r\n", k);
		hc_buf_addstr(&b, line);
		hc_buf_add(&b, want.data + i, k);
		hc_buf_addstr(&b, "\r\n");
	}
	hc_buf_addstr(&b, "0\r\n\r\n");
	CHECK(all_ways(b.data, b.len, 0, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == want.len &&
	    memcmp(r.body, want.data, want.len) == 0);
	run_free(&r);
	hc_buf_free(&b);
	/* Until close. */
	hc_buf_init(&b, SIZE_MAX);
	hc_buf_addstr(&b, "HTTP/1.0 200 OK\r\n\r\n");
	hc_buf_add(&b, want.data, want.len);
	CHECK(all_ways(b.data, b.len, 0, &r));
	CHECK(r.ge == HTTPC_OK && r.bodylen == want.len &&
	    memcmp(r.body, want.data, want.len) == 0);
	run_free(&r);
	hc_buf_free(&b);
	hc_buf_free(&want);
}

/* read() with an amount past what off_t holds stays in the body. */
static void
test_huge_amt(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
	    "\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct memt		*m;
	char			 buf[256];
	size_t			 n;

	httpc_conn_new(&c, "example.org", 0, NULL);
	m = memt_new(in, strlen(in), 0);
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	/* The buffer is small, but only 5 bytes can come. */
	CHECK(httpc_response_read(r, buf, SIZE_MAX, &n) == HTTPC_OK);
	CHECK(n == 5 && memcmp(buf, "hello", 5) == 0);
	CHECK(httpc_response_isclosed(r));
	httpc_response_free(r);
	/* The next response is intact. */
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(r != NULL && httpc_response_status(r) == 200);
	httpc_response_free(r);
	httpc_conn_free(c);
}

/* read_all: the whole body, bounded. */
static void
test_read_all(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
	    "\r\nhello";
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct memt		*m;
	char			*data;
	size_t			 len;

	httpc_conn_new(&c, "example.org", 0, NULL);
	m = memt_new(in, strlen(in), 2);
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_read_all(r, 4, &data, &len) == HTTPC_NOMEM);
	CHECK(data == NULL && len == 0);
	httpc_response_free(r);
	httpc_conn_free(c);

	httpc_conn_new(&c, "example.org", 0, NULL);
	m = memt_new(in, strlen(in), 2);
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_read_all(r, 5, &data, &len) == HTTPC_OK);
	CHECK(len == 5 && strcmp(data, "hello") == 0);
	free(data);
	/* Read to the end already: an empty string. */
	CHECK(httpc_response_read_all(r, 5, &data, &len) == HTTPC_OK);
	CHECK(len == 0 && data != NULL && data[0] == '\0');
	free(data);
	httpc_response_free(r);
	httpc_conn_free(c);
}

int
main(void)
{
	test_status_lines();
	test_fields();
	test_getheader();
	test_framing();
	test_incomplete();
	test_keepalive();
	test_limits();
	test_big_bodies();
	test_huge_amt();
	test_read_all();
	CHECK(run_anomalies == 0);
	return check_done("t_response");
}
