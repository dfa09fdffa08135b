/*
 * Unit tests for cmd/lowspeed.c: windows of speed-time seconds that
 * each need speed-limit x speed-time bytes, and the deadline a read may
 * wait until (at which nothing more coming is always a failure).
 */
#include <stdint.h>
#include <stdio.h>

#include "cmd/lowspeed.h"
#include "check.h"

#define SEC	UINT64_C(1000000)

static void
test_off(void)
{
	struct lowspeed	 ls;

	lowspeed_init(&ls, 0, 30, 0);
	CHECK(lowspeed_deadline_us(&ls) == 0);
	CHECK(lowspeed_update(&ls, 1000 * SEC, 0) == 0);
	lowspeed_init(&ls, 100, 0, 0);
	CHECK(lowspeed_deadline_us(&ls) == 0);
	CHECK(lowspeed_update(&ls, 1000 * SEC, 0) == 0);
}

static void
test_windows(void)
{
	struct lowspeed	 ls;

	/* 1000 B/s over 2 s: each window needs 2000 bytes. */
	lowspeed_init(&ls, 1000, 2, 5 * SEC);
	CHECK(lowspeed_deadline_us(&ls) == 7 * SEC);
	CHECK(lowspeed_update(&ls, 6 * SEC, 1500) == 0);
	CHECK(lowspeed_deadline_us(&ls) == 7 * SEC);
	CHECK(lowspeed_update(&ls, 6 * SEC, 500) == 0);
	/* Quota met: the next window fails if nothing comes. */
	CHECK(lowspeed_deadline_us(&ls) == 9 * SEC);
	/* Data in the next window: the first passed, counting starts over. */
	CHECK(lowspeed_update(&ls, 8 * SEC, 10) == 0);
	CHECK(ls.start_us == 7 * SEC && ls.bytes == 10);
	CHECK(lowspeed_deadline_us(&ls) == 9 * SEC);
	/* That window ends short: too slow. */
	CHECK(lowspeed_update(&ls, 9 * SEC, 0) == 1);
}

static void
test_stall(void)
{
	struct lowspeed	 ls;

	/* Nothing at all: fails at the first window's end. */
	lowspeed_init(&ls, 1, 30, 0);
	CHECK(lowspeed_update(&ls, 30 * SEC - 1, 0) == 0);
	CHECK(lowspeed_update(&ls, 30 * SEC, 0) == 1);
	/* A burst, then silence: fails one window later at most. */
	lowspeed_init(&ls, 1000, 2, 0);
	CHECK(lowspeed_update(&ls, SEC / 10, 1000000) == 0);
	CHECK(lowspeed_update(&ls, 4 * SEC, 0) == 1);
	/* A trickle under the limit fails when its window ends. */
	lowspeed_init(&ls, 1000, 2, 0);
	CHECK(lowspeed_update(&ls, SEC, 900) == 0);
	CHECK(lowspeed_update(&ls, 2 * SEC, 900) == 1);
	/* A huge limit does not overflow the quota. */
	lowspeed_init(&ls, INT64_MAX, 1000, 0);
	CHECK(ls.quota == INT64_MAX);
}

int
main(void)
{
	test_off();
	test_windows();
	test_stall();
	return check_done("t_lowspeed");
}
