/*
 * The low speed check of -Y/-y: back to back windows, each needing its
 * quota of bytes.
 */
#include <stdint.h>

#include "lowspeed.h"

void
lowspeed_init(struct lowspeed *ls, int64_t limit, int seconds,
    uint64_t now_us)
{
	ls->quota = 0;
	ls->period_us = 0;
	ls->start_us = now_us;
	ls->bytes = 0;
	if (limit <= 0 || seconds <= 0)
		return;
	ls->quota = limit > INT64_MAX / seconds ? INT64_MAX : limit * seconds;
	ls->period_us = (uint64_t)seconds * 1000000;
}

int
lowspeed_update(struct lowspeed *ls, uint64_t now_us, int64_t n)
{
	if (ls->quota == 0)
		return 0;
	/* Every window that ended before now: at most two turns, as an
	 * empty window always fails (the quota is at least 1). */
	while (now_us >= ls->start_us + ls->period_us) {
		if (ls->bytes < ls->quota)
			return 1;
		ls->start_us += ls->period_us;
		ls->bytes = 0;
	}
	if (n > INT64_MAX - ls->bytes)
		ls->bytes = INT64_MAX;
	else
		ls->bytes += n;
	return 0;
}

uint64_t
lowspeed_deadline_us(const struct lowspeed *ls)
{
	if (ls->quota == 0)
		return 0;
	/* This window fails unless its quota is met; once it is, the next
	 * one fails if nothing comes. */
	if (ls->bytes < ls->quota)
		return ls->start_us + ls->period_us;
	return ls->start_us + 2 * ls->period_us;
}
