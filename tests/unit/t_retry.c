/*
 * Unit tests for cmd/retry.c: curl 7.88's transient outcomes, the
 * doubling and fixed waits, Retry-After, --retry-max-time, the warning
 * text (as curl 7.88.1 printed it against a local server answering 503,
 * 429 with Retry-After, 408, and a closed port), and the three
 * HTTP-date forms.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd/retry.h"
#include "check.h"

/* Sun, 06 Nov 1994 08:49:37 GMT */
#define T1994	((time_t)784111777)
/* Wed, 01 Jan 2025 00:00:00 GMT */
#define T2025	((time_t)1735689600)

static struct retry_result	 res(int, int, int, int64_t);
static int			 next(struct retry_state *,
				    const struct retry_opts *,
				    struct retry_result, int64_t, int64_t,
				    const char *);
static int			 stops(struct retry_state *,
				    const struct retry_opts *,
				    struct retry_result, int64_t,
				    const char *);
static void			 test_transient(void);
static void			 test_classify(void);
static void			 test_curl_lines(void);
static void			 test_backoff(void);
static void			 test_retry_after(void);
static void			 test_max_time(void);
static void			 test_after_parse(void);
static void			 test_dates(void);

static struct retry_result
res(int exitcode, int refused, int status, int64_t after)
{
	struct retry_result	 r;

	r.exitcode = exitcode;
	r.refused = refused;
	r.status = status;
	r.retry_after = after;
	return r;
}

/* Retries after want_wait ms with message want (NULL: not checked). */
static int
next(struct retry_state *st, const struct retry_opts *o,
    struct retry_result r, int64_t now, int64_t want_wait, const char *want)
{
	char	 msg[256];
	int64_t	 wait;

	if (retry_next(st, o, &r, now, &wait, msg, sizeof(msg)) != 1)
		return 0;
	if (wait != want_wait) {
		printf("wait %lld, want %lld\n", (long long)wait,
		    (long long)want_wait);
		return 0;
	}
	if (want != NULL && strcmp(msg, want) != 0) {
		printf("msg '%s'\nwant '%s'\n", msg, want);
		return 0;
	}
	return 1;
}

/* Does not retry; the message is want. */
static int
stops(struct retry_state *st, const struct retry_opts *o,
    struct retry_result r, int64_t now, const char *want)
{
	char	 msg[256];
	int64_t	 wait = -1;

	if (retry_next(st, o, &r, now, &wait, msg, sizeof(msg)) != 0)
		return 0;
	return wait == 0 && strcmp(msg, want) == 0;
}

static void
test_transient(void)
{
	static const int yes[] = { 408, 429, 500, 502, 503, 504, 522, 524 };
	static const int no[] = { 0, 200, 204, 301, 400, 401, 403, 404, 407,
	    409, 425, 501, 505, 507, 520, 521, 523, 525, 599, -1 };
	size_t	 i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(retry_http_transient(yes[i]));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!retry_http_transient(no[i]));
}

static void
test_classify(void)
{
	struct retry_opts	 o;
	struct retry_result	 r;

	memset(&o, 0, sizeof(o));
	r = res(28, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_TIMEOUT);
	r = res(6, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_TIMEOUT);
	r = res(5, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_TIMEOUT);
	/* Refused: only with --retry-connrefused, only ECONNREFUSED. */
	r = res(7, 1, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	o.connrefused = 1;
	CHECK(retry_classify(&o, &r) == RETRY_CONNREFUSED);
	r = res(7, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	/* HTTP statuses, on a transfer that ended well. */
	r = res(0, 0, 503, 0);
	CHECK(retry_classify(&o, &r) == RETRY_HTTP);
	r = res(0, 0, 524, 0);
	CHECK(retry_classify(&o, &r) == RETRY_HTTP);
	r = res(0, 0, 404, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	r = res(0, 0, 200, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	r = res(0, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	/* ... or under -f / --fail-with-body. */
	r = res(22, 0, 503, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	o.fail = 1;
	CHECK(retry_classify(&o, &r) == RETRY_HTTP);
	r = res(22, 0, 404, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	/* --retry-all-errors: any failure, never a success. */
	o.all_errors = 1;
	CHECK(retry_classify(&o, &r) == RETRY_ALL_ERRORS);
	r = res(56, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_ALL_ERRORS);
	r = res(7, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_ALL_ERRORS);
	r = res(0, 0, 404, 0);
	CHECK(retry_classify(&o, &r) == RETRY_NO);
	r = res(0, 0, 503, 0);
	CHECK(retry_classify(&o, &r) == RETRY_HTTP);
	r = res(28, 0, 0, 0);
	CHECK(retry_classify(&o, &r) == RETRY_TIMEOUT);
}

/* The lines curl 7.88.1 printed (after "Warning: "). */
static void
test_curl_lines(void)
{
	struct retry_opts	 o;
	struct retry_state	 st;

	/* curl --retry 2 http://.../status/503 */
	memset(&o, 0, sizeof(o));
	o.retries = 2;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 503, 0), 10, 1000,
	    "Problem : HTTP error. Will retry in 1 seconds. 2 retries left."));
	CHECK(next(&st, &o, res(0, 0, 503, 0), 1020, 2000,
	    "Problem : HTTP error. Will retry in 2 seconds. 1 retries left."));
	CHECK(stops(&st, &o, res(0, 0, 503, 0), 3030, ""));
	CHECK(st.left == 0 && st.done == 2);

	/* curl --retry 1 (429, Retry-After: 3) */
	o.retries = 1;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 429, 3), 10, 3000,
	    "Problem : HTTP error. Will retry in 3 seconds. 1 retries left."));
	/* curl --retry 1 --retry-delay 1 (429, Retry-After: 2) */
	o.delay_ms = 1000;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 429, 2), 10, 2000,
	    "Problem : HTTP error. Will retry in 2 seconds. 1 retries left."));

	/* curl --retry 2 --retry-connrefused http://127.0.0.1:1/ */
	memset(&o, 0, sizeof(o));
	o.retries = 2;
	o.connrefused = 1;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(7, 1, 0, 0), 1, 1000,
	    "Problem : connection refused. Will retry in 1 seconds. 2 "
	    "retries left."));
	CHECK(next(&st, &o, res(7, 1, 0, 0), 1002, 2000,
	    "Problem : connection refused. Will retry in 2 seconds. 1 "
	    "retries left."));
	CHECK(stops(&st, &o, res(7, 1, 0, 0), 3003, ""));
	/* Without the flag curl does not retry. */
	o.connrefused = 0;
	retry_init(&st, &o, 0);
	CHECK(stops(&st, &o, res(7, 1, 0, 0), 1, ""));

	/* Timeouts and --retry-all-errors. */
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(28, 0, 0, 0), 1, 1000,
	    "Problem : timeout. Will retry in 1 seconds. 2 retries left."));
	o.all_errors = 1;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(56, 0, 0, 0), 1, 1000,
	    "Problem (retrying all errors). Will retry in 1 seconds. 2 "
	    "retries left."));
	/* Success is final. */
	retry_init(&st, &o, 0);
	CHECK(stops(&st, &o, res(0, 0, 200, 0), 1, ""));
	CHECK(st.left == 2 && st.done == 0);
}

static void
test_backoff(void)
{
	struct retry_opts	 o;
	struct retry_state	 st;
	int64_t			 want = 1000, now = 0;
	int			 i, bad = 0;

	/* 1, 2, 4, ... 512 s, then 600 s (10 minutes) for good. */
	memset(&o, 0, sizeof(o));
	o.retries = 20;
	retry_init(&st, &o, 0);
	for (i = 0; i < 20; i++) {
		if (!next(&st, &o, res(28, 0, 0, 0), now, want, NULL))
			bad++;
		now += want;
		want = want * 2 > RETRY_SLEEP_MAX_MS ? RETRY_SLEEP_MAX_MS :
		    want * 2;
	}
	CHECK(bad == 0);
	CHECK(st.left == 0 && st.done == 20);
	CHECK(stops(&st, &o, res(28, 0, 0, 0), now, ""));

	/* --retry-delay: the same wait every time. */
	o.retries = 3;
	o.delay_ms = 2500;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(28, 0, 0, 0), 0, 2500,
	    "Problem : timeout. Will retry in 2 seconds. 3 retries left."));
	CHECK(next(&st, &o, res(28, 0, 0, 0), 0, 2500, NULL));
	CHECK(next(&st, &o, res(28, 0, 0, 0), 0, 2500, NULL));
	CHECK(stops(&st, &o, res(28, 0, 0, 0), 0, ""));

	/* No --retry: never. */
	memset(&o, 0, sizeof(o));
	retry_init(&st, &o, 0);
	CHECK(stops(&st, &o, res(28, 0, 0, 0), 0, ""));
	o.retries = -1;
	retry_init(&st, &o, 0);
	CHECK(st.left == 0);
	CHECK(stops(&st, &o, res(28, 0, 0, 0), 0, ""));
	/* No message buffer. */
	o.retries = 1;
	retry_init(&st, &o, 0);
	{
		struct retry_result	 r = res(28, 0, 0, 0);
		int64_t			 wait;

		CHECK(retry_next(&st, &o, &r, 0, &wait, NULL, 0) == 1);
		CHECK(wait == 1000);
	}
}

/* Retry-After replaces the wait (curl 7.88), for HTTP errors only. */
static void
test_retry_after(void)
{
	struct retry_opts	 o;
	struct retry_state	 st;

	memset(&o, 0, sizeof(o));
	o.retries = 5;
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 503, 0), 0, 1000, NULL));
	CHECK(next(&st, &o, res(0, 0, 503, 0), 0, 2000, NULL));
	/* Shorter than the doubling wait: still what the server said. */
	CHECK(next(&st, &o, res(0, 0, 503, 1), 0, 1000,
	    "Problem : HTTP error. Will retry in 1 seconds. 3 retries left."));
	/* The doubling went on underneath. */
	CHECK(next(&st, &o, res(0, 0, 503, 0), 0, 8000, NULL));
	/* Not for a timeout. */
	CHECK(next(&st, &o, res(28, 0, 503, 60), 0, 16000, NULL));
	/* Huge: no overflow. */
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 503, RETRY_AFTER_MAX), 0,
	    RETRY_AFTER_MAX * 1000, NULL));
	CHECK(next(&st, &o, res(0, 0, 503, INT64_MAX), 0, INT64_MAX, NULL));
}

static void
test_max_time(void)
{
	static const char toolong[] = "The Retry-After: time would make "
	    "this command line exceed the maximum allowed time for retries.";
	struct retry_opts	 o;
	struct retry_state	 st;

	memset(&o, 0, sizeof(o));
	o.retries = 10;
	o.max_time_ms = 10000;
	retry_init(&st, &o, 5000);
	/* Waits 1, 2, 4 s fit; at 7 s gone, 8 s more would not. */
	CHECK(next(&st, &o, res(28, 0, 0, 0), 5000, 1000, NULL));
	CHECK(next(&st, &o, res(28, 0, 0, 0), 6000, 2000, NULL));
	CHECK(next(&st, &o, res(28, 0, 0, 0), 8000, 4000, NULL));
	CHECK(stops(&st, &o, res(28, 0, 0, 0), 12000, ""));
	CHECK(st.done == 3);
	/* Time up: no retry, no message. */
	retry_init(&st, &o, 0);
	CHECK(stops(&st, &o, res(28, 0, 0, 0), 10000, ""));
	CHECK(stops(&st, &o, res(0, 0, 503, 1), 10000, ""));
	CHECK(next(&st, &o, res(28, 0, 0, 0), 8999, 1000, NULL));
	/* Whole seconds gone: 8.999 s counts as 8, as in curl. */
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 503, 2), 7999, 2000, NULL));
	retry_init(&st, &o, 0);
	CHECK(next(&st, &o, res(0, 0, 503, 2), 8999, 2000, NULL));
	retry_init(&st, &o, 0);
	CHECK(stops(&st, &o, res(0, 0, 503, 3), 8000, toolong));
	retry_init(&st, &o, 0);
	CHECK(stops(&st, &o, res(0, 0, 503, INT64_MAX), 0, toolong));
	CHECK(st.left == 10 && st.done == 0);
	/* A clock that went backwards counts as no time. */
	retry_init(&st, &o, 5000);
	CHECK(next(&st, &o, res(28, 0, 0, 0), 0, 1000, NULL));
}

static void
test_after_parse(void)
{
	char	 date[64];
	struct tm tm;
	time_t	 later = T2025 + 90;

	CHECK(retry_after_parse("120", T2025) == 120);
	CHECK(retry_after_parse(" \t120 \t", T2025) == 120);
	CHECK(retry_after_parse("0", T2025) == 0);
	CHECK(retry_after_parse("007", T2025) == 7);
	CHECK(retry_after_parse(NULL, T2025) == 0);
	CHECK(retry_after_parse("", T2025) == 0);
	CHECK(retry_after_parse("  ", T2025) == 0);
	CHECK(retry_after_parse("-5", T2025) == 0);
	CHECK(retry_after_parse("+5", T2025) == 0);
	CHECK(retry_after_parse("12a", T2025) == 0);
	CHECK(retry_after_parse("1.5", T2025) == 0);
	CHECK(retry_after_parse("1 2", T2025) == 0);
	CHECK(retry_after_parse("99999999999999999999999999999", T2025) ==
	    RETRY_AFTER_MAX);
	/* Dates: seconds from now; the past and now are "no wait". */
	gmtime_r(&later, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	CHECK(retry_after_parse(date, T2025) == 90);
	CHECK(retry_after_parse(date, later) == 0);
	CHECK(retry_after_parse(date, later + 1) == 0);
	CHECK(retry_after_parse("Wed, 01 Jan 2025 00:01:00 GMT", T2025) ==
	    60);
	CHECK(retry_after_parse("Wednesday, 01-Jan-25 00:01:00 GMT",
	    T2025) == 60);
	CHECK(retry_after_parse("Wed Jan  1 00:01:00 2025", T2025) == 60);
	CHECK(retry_after_parse("Sun, 06 Nov 1994 08:49:37 GMT", T2025) == 0);
	CHECK(retry_after_parse("Fri, 31 Dec 9999 23:59:59 GMT", T2025) ==
	    (int64_t)253402300799 - T2025);
	CHECK(retry_after_parse("soon", T2025) == 0);
}

static void
test_dates(void)
{
	static const char *const bad[] = {
		"", "GMT", "Sun, 06 Nov 1994 08:49:37",
		"Sun, 06 Nov 1994 08:49:37 UTC",
		"Sun, 06 Nov 1994 08:49:37 GMTx",
		"Sun, 6 Nov 1994 08:49:37 GMT",
		"Sun, 06 Nov 94 08:49:37 GMT",
		"Sun,06 Nov 1994 08:49:37 GMT",
		"Sun, 06  Nov 1994 08:49:37 GMT",
		"Sun, 06 November 1994 08:49:37 GMT",
		"Sun, 06 Nov 1994 8:49:37 GMT",
		"Sun, 06 Nov 1994 08:49 GMT",
		"Sun, 06 Nov 1994 24:00:00 GMT",
		"Sun, 06 Nov 1994 08:60:00 GMT",
		"Sun, 06 Nov 1994 08:49:61 GMT",
		"Sun, 00 Nov 1994 08:49:37 GMT",
		"Sun, 31 Nov 1994 08:49:37 GMT",
		"Sun, 29 Feb 2023 08:49:37 GMT",
		"Sun, 29 Feb 1900 08:49:37 GMT",
		"Xyz, 06 Nov 1994 08:49:37 GMT",
		"Sunday, 06 Nov 1994 08:49:37 GMT",
		"Sun, 06-Nov-94 08:49:37 GMT",
		"Sunday, 06-Nov-1994 08:49:37 GMT",
		"Sunday, 6-Nov-94 08:49:37 GMT",
		"Sundae, 06-Nov-94 08:49:37 GMT",
		"Sun Nov 6 08:49:37 1994",
		"Sun Nov  6 08:49:37 94",
		"Sun Nov 06 08:49:37 1994 GMT",
		"Sun Nov  6 08:49:37 1994x",
		"Sunday Nov  6 08:49:37 1994",
		"Sun, 06 Nov 1994 08:49:37 GMT, x",
		"06 Nov 1994 08:49:37 GMT",
	};
	time_t	 t;
	size_t	 i;
	int	 nbad = 0;

	/* The three forms of RFC 9110's example, one instant. */
	CHECK(retry_http_date("Sun, 06 Nov 1994 08:49:37 GMT", T2025, &t) ==
	    0 && t == T1994);
	CHECK(retry_http_date("Sunday, 06-Nov-94 08:49:37 GMT", T2025, &t) ==
	    0 && t == T1994);
	CHECK(retry_http_date("Sun Nov  6 08:49:37 1994", T2025, &t) == 0 &&
	    t == T1994);
	CHECK(retry_http_date("Sun Nov 06 08:49:37 1994", T2025, &t) == 0 &&
	    t == T1994);
	/* Blanks around, names in any case. */
	CHECK(retry_http_date("  sun, 06 nov 1994 08:49:37 gmt \t", T2025,
	    &t) == 0 && t == T1994);
	CHECK(retry_http_date("SUNDAY, 06-NOV-94 08:49:37 GMT", T2025, &t) ==
	    0 && t == T1994);
	/* The day name is not checked against the date. */
	CHECK(retry_http_date("Mon, 06 Nov 1994 08:49:37 GMT", T2025, &t) ==
	    0 && t == T1994);
	/* Leap years, a leap second. */
	CHECK(retry_http_date("Thu, 29 Feb 2024 00:00:00 GMT", T2025, &t) ==
	    0 && t == (time_t)1709164800);
	CHECK(retry_http_date("Tue, 29 Feb 2000 00:00:00 GMT", T2025, &t) ==
	    0 && t == (time_t)951782400);
	CHECK(retry_http_date("Sat, 31 Dec 2016 23:59:60 GMT", T2025, &t) ==
	    0 && t == (time_t)1483228800);
	CHECK(retry_http_date("Thu, 01 Jan 1970 00:00:00 GMT", T2025, &t) ==
	    0 && t == 0);
	/* rfc850's two-digit year: not more than 50 years ahead. */
	CHECK(retry_http_date("Monday, 01-Jan-75 00:00:00 GMT", T2025, &t) ==
	    0 && t == (time_t)3313526400);
	CHECK(retry_http_date("Monday, 01-Jan-76 00:00:00 GMT", T2025, &t) ==
	    0 && t == (time_t)189302400);
	CHECK(retry_http_date("Monday, 01-Jan-30 00:00:00 GMT", T2025, &t) ==
	    0 && t == (time_t)1893456000);
	CHECK(retry_http_date("Monday, 01-Jan-00 00:00:00 GMT", T2025, &t) ==
	    0 && t == (time_t)946684800);
	/* Seen from 1994, "30" is 2030 too, "50" 1950. */
	CHECK(retry_http_date("Monday, 01-Jan-30 00:00:00 GMT", T1994, &t) ==
	    0 && t == (time_t)1893456000);
	CHECK(retry_http_date("Monday, 01-Jan-50 00:00:00 GMT", T1994, &t) ==
	    0 && t == (time_t)-631152000);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (retry_http_date(bad[i], T2025, &t) != -1) {
			printf("accepted: '%s'\n", bad[i]);
			nbad++;
		}
	CHECK(nbad == 0);
}

int
main(void)
{
	test_transient();
	test_classify();
	test_curl_lines();
	test_backoff();
	test_retry_after();
	test_max_time();
	test_after_parse();
	test_dates();
	return check_done("t_retry");
}
