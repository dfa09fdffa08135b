/*
 * --retry and its friends, as curl 7.88 decides (src/tool_operate.c
 * post_per_transfer): which outcomes are worth another attempt, how
 * long to wait first, and the warning curl prints.  Pure functions over
 * a small state; the caller owns the clock (milliseconds from a
 * monotonic clock for the waits, time(3) for Retry-After dates), the
 * sleeping and the output file ("Throwing away N bytes" and the
 * truncation are the caller's, as in curl).
 *
 * Transient (each retried while retries are left):
 * - exit 28 (timeout), 6 and 5 (host or proxy not resolved): ": timeout";
 * - exit 7 when the connection was refused, with --retry-connrefused;
 * - a transfer that ended well (or with exit 22 under -f or
 *   --fail-with-body) with status 408, 429, 500, 502, 503, 504, 522 or
 *   524: ": HTTP error" (522 and 524 are not in curl 7.88's list);
 * - any other failure with --retry-all-errors.
 *
 * The wait: 1 s, doubled after each retry up to 10 minutes, or the
 * fixed --retry-delay; for an HTTP error a Retry-After header replaces
 * it.  --retry-max-time: no retry once that long has passed since the
 * first attempt (curl), nor when the wait would end past it (curl 7.88
 * only checks that for Retry-After, and then says so).
 */
#ifndef RETRY_H
#define RETRY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define RETRY_SLEEP_DEFAULT_MS	1000		/* curl's RETRY_SLEEP_DEFAULT */
#define RETRY_SLEEP_MAX_MS	600000		/* curl's RETRY_SLEEP_MAX */

/* What the options asked for. */
struct retry_opts {
	long		 retries;	/* --retry N; 0: never */
	int64_t		 delay_ms;	/* --retry-delay; 0: doubling */
	int64_t		 max_time_ms;	/* --retry-max-time; 0: no limit */
	int		 connrefused;	/* --retry-connrefused */
	int		 all_errors;	/* --retry-all-errors */
	int		 fail;		/* -f or --fail-with-body */
};

/* Between attempts; set by retry_init(), kept by retry_next(). */
struct retry_state {
	long		 left;		/* retries still allowed */
	long		 done;		/* retries decided so far */
	int64_t		 sleep_ms;	/* the next doubling wait */
	int64_t		 start_ms;	/* when the first attempt began */
};

/* How one attempt ended. */
struct retry_result {
	int		 exitcode;	/* curl's code for it: 0, 7, 22, 28 */
	int		 refused;	/* exit 7 came from ECONNREFUSED */
	int		 status;	/* the HTTP status; 0 if none came */
	int64_t		 retry_after;	/* retry_after_parse(); 0: none */
};

enum retry_kind {
	RETRY_NO,
	RETRY_ALL_ERRORS,
	RETRY_TIMEOUT,
	RETRY_CONNREFUSED,
	RETRY_HTTP
};

/* Before the first attempt; now_ms from a monotonic clock. */
void		 retry_init(struct retry_state *, const struct retry_opts *,
		    int64_t now_ms);

/* 1 for the statuses retried on: 408 429 500 502 503 504 522 524. */
int		 retry_http_transient(int status);

/* Which kind of transient failure r is (RETRY_NO: none), ignoring
 * whether retries are left. */
enum retry_kind	 retry_classify(const struct retry_opts *,
		    const struct retry_result *);

/*
 * After an attempt ended with r at now_ms.  Returns 1 to retry: wait
 * *wait_ms first; msg holds curl's warning ("Problem : HTTP error. Will
 * retry in 1 seconds. 2 retries left.") for the caller to print after
 * "Warning: ", wrapped as curl wraps (msg_warn()).  Returns 0 not to:
 * msg holds the warning to print, or "" for none (curl warns only when
 * a Retry-After would pass --retry-max-time).  msg may be NULL when
 * size is 0; it is always terminated otherwise.
 */
int		 retry_next(struct retry_state *, const struct retry_opts *,
		    const struct retry_result *, int64_t now_ms,
		    int64_t *wait_ms, char *msg, size_t size);

/*
 * A Retry-After value: delay-seconds or an HTTP-date.  Returns the
 * seconds to wait from now, 0 when the value is missing (NULL), not
 * valid or not in the future ("retry now": the usual wait applies, as
 * in curl).  Huge values are capped at RETRY_AFTER_MAX.
 */
#define RETRY_AFTER_MAX		((int64_t)1 << 40)
int64_t		 retry_after_parse(const char *value, time_t now);

/*
 * An HTTP-date in any of RFC 9110's three forms: IMF-fixdate ("Sun, 06
 * Nov 1994 08:49:37 GMT"), rfc850 ("Sunday, 06-Nov-94 08:49:37 GMT",
 * its two-digit year taken within 50 years of now) and asctime ("Sun
 * Nov  6 08:49:37 1994").  Names without case; blanks around allowed.
 * 0 and *t set, or -1.
 */
int		 retry_http_date(const char *s, time_t now, time_t *t);

#endif /* RETRY_H */
