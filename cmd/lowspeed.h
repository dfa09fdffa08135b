/*
 * -Y/--speed-limit with -y/--speed-time: give up a transfer whose
 * average speed over a speed-time period stays under speed-limit.
 *
 * Time after the request went is cut into back to back windows of
 * speed-time seconds; the bytes of the response body are counted in the
 * window in which the read returning them ended; a window that ends
 * with fewer than speed-limit x speed-time bytes fails the transfer.
 * (curl 7.88 compares a five-second moving average each time data comes
 * or a second passes; the windows give the same answer for a steady
 * trickle, and fail a transfer that stops dead after a burst sooner.)
 *
 * A server that sends nothing at all must fail too, so the reader never
 * waits past lowspeed_deadline_us(): the end of the first window that
 * fails if nothing more comes.  A read that times out at that deadline
 * is always a failure: lowspeed_update() with no bytes says so.
 */
#ifndef LOWSPEED_H
#define LOWSPEED_H

#include <stdint.h>

struct lowspeed {
	int64_t		 quota;		/* bytes a window needs; 0: off */
	uint64_t	 period_us;	/* speed-time */
	uint64_t	 start_us;	/* this window's start */
	int64_t		 bytes;		/* counted in it so far */
};

/*
 * Starts the first window at now_us; limit (bytes a second) or seconds
 * 0 turns the check off.
 */
void		 lowspeed_init(struct lowspeed *, int64_t limit, int seconds,
		    uint64_t now_us);

/*
 * n more bytes by now_us (0 after a wait that ended with nothing).
 * Returns 1 when a window ended short: the transfer is too slow.
 */
int		 lowspeed_update(struct lowspeed *, uint64_t now_us,
		    int64_t n);

/* The latest a read may wait for data; 0 when the check is off. */
uint64_t	 lowspeed_deadline_us(const struct lowspeed *);

#endif /* LOWSPEED_H */
