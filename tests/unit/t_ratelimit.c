/*
 * Unit tests for cmd/ratelimit.c: curl 7.88's waits for --limit-rate
 * (the time the bytes should have taken less the time they took), the
 * window that starts again every three seconds, and the read size.
 */
#include <stdint.h>
#include <stdio.h>

#include "cmd/ratelimit.h"
#include "check.h"

#define SEC	UINT64_C(1000000)

static void
test_wait(void)
{
	struct ratelimit	 rl;

	/* No limit: never a wait. */
	ratelimit_init(&rl, 0, 0, 0);
	CHECK(ratelimit_wait_us(&rl, 1, 1000000000) == 0);
	/* 1000 B/s: 500 bytes at once want half a second. */
	ratelimit_init(&rl, 1000, 10 * SEC, 0);
	CHECK(ratelimit_wait_us(&rl, 10 * SEC, 500) == SEC / 2);
	/* Slept it: 1000 bytes by 1 s is on time. */
	CHECK(ratelimit_wait_us(&rl, 11 * SEC, 1000) == 0);
	/* 3000 by 1.5 s: 1.5 s more. */
	CHECK(ratelimit_wait_us(&rl, 11 * SEC + SEC / 2, 3000) ==
	    SEC + SEC / 2);
	/* Nothing new: nothing to wait. */
	ratelimit_init(&rl, 1000, 0, 700);
	CHECK(ratelimit_wait_us(&rl, 5, 700) == 0);
	/* The count started at 700: 200 more want 0.2 s. */
	CHECK(ratelimit_wait_us(&rl, 0, 900) == SEC / 5);
	/* Huge counts do not overflow. */
	ratelimit_init(&rl, 1, 0, 0);
	CHECK(ratelimit_wait_us(&rl, 0, INT64_MAX) == UINT64_MAX);
}

static void
test_window(void)
{
	struct ratelimit	 rl;

	/* A pause of 10 s is not made up for by a burst after it. */
	ratelimit_init(&rl, 1000, 0, 0);
	CHECK(ratelimit_wait_us(&rl, 10 * SEC, 100) == 0);
	/* The window began again at 10 s with 100 counted. */
	CHECK(rl.start_us == 10 * SEC && rl.start_bytes == 100);
	CHECK(ratelimit_wait_us(&rl, 10 * SEC, 2100) == 2 * SEC);
	/* A window restarted with a debt starts after the sleep. */
	ratelimit_init(&rl, 1000, 0, 0);
	CHECK(ratelimit_wait_us(&rl, 3 * SEC, 5000) == 2 * SEC);
	CHECK(rl.start_us == 5 * SEC && rl.start_bytes == 5000);
	/* Within 3 s no restart. */
	ratelimit_init(&rl, 1000, 0, 0);
	(void)ratelimit_wait_us(&rl, 2 * SEC, 100);
	CHECK(rl.start_us == 0 && rl.start_bytes == 0);
}

static void
test_readsize(void)
{
	struct ratelimit	 rl;

	ratelimit_init(&rl, 0, 0, 0);
	CHECK(ratelimit_readsize(&rl, 131072) == 131072);
	ratelimit_init(&rl, 1000000, 0, 0);
	CHECK(ratelimit_readsize(&rl, 131072) == 131072);
	ratelimit_init(&rl, 20000, 0, 0);
	CHECK(ratelimit_readsize(&rl, 131072) == 20000);
	/* Never below curl's smallest buffer. */
	ratelimit_init(&rl, 10, 0, 0);
	CHECK(ratelimit_readsize(&rl, 131072) == 1024);
	CHECK(ratelimit_readsize(&rl, 512) == 512);
}

int
main(void)
{
	test_wait();
	test_window();
	test_readsize();
	return check_done("t_ratelimit");
}
