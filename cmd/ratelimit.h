/*
 * --limit-rate: keep a download's average at or under a rate, as curl
 * 7.88 does (lib/progress.c Curl_pgrsLimitWaitTime() and
 * Curl_ratelimit()): after each read, the time the bytes received since
 * the window began should have taken at the rate, less the time they
 * did take, is slept; the window starts again every RATELIMIT_PERIOD_US
 * so that a slow patch (a server pause) is not made up for later by a
 * burst at full speed.  The caller reads at most ratelimit_readsize()
 * bytes at a time, as curl shrinks its buffer, so that the sleeps stay
 * short and even.  The clock is the caller's (microseconds of a
 * monotonic clock): tests are exact, and the caller does the sleeping
 * (it must not sleep past -m).
 */
#ifndef RATELIMIT_H
#define RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

/* curl's MIN_RATE_LIMIT_PERIOD */
#define RATELIMIT_PERIOD_US	3000000
#define RATELIMIT_MIN_READ	1024		/* curl's READBUFFER_MIN */

struct ratelimit {
	int64_t		 rate;		/* bytes a second; 0: no limit */
	uint64_t	 start_us;	/* this window's start */
	int64_t		 start_bytes;	/* the count then */
};

/* Starts pacing at now_us with bytes already counted; rate 0: none. */
void		 ratelimit_init(struct ratelimit *, int64_t rate,
		    uint64_t now_us, int64_t bytes);

/*
 * bytes (a running total) have come by now_us: the microseconds to
 * sleep before reading more, 0 for none.  Starts a new window when the
 * current one is RATELIMIT_PERIOD_US old, from the end of that sleep.
 */
uint64_t	 ratelimit_wait_us(struct ratelimit *, uint64_t now_us,
		    int64_t bytes);

/* The most to read at once under the limit: bufsize, or less. */
size_t		 ratelimit_readsize(const struct ratelimit *, size_t bufsize);

#endif /* RATELIMIT_H */
