/*
 * Download pacing for --limit-rate, curl 7.88's arithmetic over a
 * caller's clock.
 */
#include <stddef.h>
#include <stdint.h>

#include "ratelimit.h"

void
ratelimit_init(struct ratelimit *rl, int64_t rate, uint64_t now_us,
    int64_t bytes)
{
	rl->rate = rate > 0 ? rate : 0;
	rl->start_us = now_us;
	rl->start_bytes = bytes;
}

uint64_t
ratelimit_wait_us(struct ratelimit *rl, uint64_t now_us, int64_t bytes)
{
	int64_t		 size;
	uint64_t	 minimum, actual, wait = 0;

	if (rl->rate == 0)
		return 0;
	size = bytes - rl->start_bytes;
	if (size > 0) {
		/* What size bytes should take at the rate, without
		 * overflowing for any size: whole seconds, then the rest. */
		if ((uint64_t)(size / rl->rate) >= UINT64_MAX / 1000000)
			minimum = UINT64_MAX;
		else
			minimum = (uint64_t)(size / rl->rate) * 1000000 +
			    (uint64_t)(size % rl->rate) * 1000000 /
			    (uint64_t)rl->rate;
		actual = now_us > rl->start_us ? now_us - rl->start_us : 0;
		if (actual < minimum)
			wait = minimum - actual;
	}
	if (now_us >= rl->start_us &&
	    now_us - rl->start_us >= RATELIMIT_PERIOD_US) {
		rl->start_us = now_us + wait;
		rl->start_bytes = bytes;
	}
	return wait;
}

size_t
ratelimit_readsize(const struct ratelimit *rl, size_t bufsize)
{
	if (rl->rate == 0 || (uint64_t)rl->rate >= bufsize)
		return bufsize;
	if (rl->rate < RATELIMIT_MIN_READ)
		return bufsize < RATELIMIT_MIN_READ ? bufsize :
		    RATELIMIT_MIN_READ;
	return (size_t)rl->rate;
}
