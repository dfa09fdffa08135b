/*
 * Unit tests for cmd/resume.c: what a response to a resuming request
 * does (curl 7.88's rules for -C, httpc's for a retry that resumes),
 * Content-Range as curl reads it, and the If-Range validator.
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "cmd/resume.h"
#include "check.h"

static enum resume_act
decide(off_t offset, int by_retry, int pending, int status, const char *cr,
    off_t len)
{
	struct resume_ask	 ra;

	ra.offset = offset;
	ra.by_retry = by_retry;
	ra.retry_pending = pending;
	return resume_decide(&ra, status, cr, len);
}

static void
test_curl_rules(void)
{
	/* Not resuming. */
	CHECK(decide(0, 0, 0, 200, NULL, 10) == RESUME_WRITE);
	/* A continuation, whatever the status. */
	CHECK(decide(5, 0, 0, 206, "bytes 5-9/10", 5) == RESUME_APPEND);
	CHECK(decide(5, 0, 0, 200, "bytes 5-9/10", 5) == RESUME_APPEND);
	/* Another start: exit 33. */
	CHECK(decide(5, 0, 0, 206, "bytes 4-9/10", 6) == RESUME_REFUSE);
	CHECK(decide(5, 0, 0, 200, NULL, 10) == RESUME_REFUSE);
	CHECK(decide(5, 0, 0, 404, NULL, 6) == RESUME_REFUSE);
	/* 416: the file was complete. */
	CHECK(decide(10, 0, 0, 416, "bytes */10", 5) == RESUME_SKIP);
	/* A length equal to the offset: "already downloaded". */
	CHECK(decide(10, 0, 0, 200, NULL, 10) == RESUME_SKIP);
	CHECK(decide(5, 0, 0, 404, NULL, 5) == RESUME_SKIP);
}

static void
test_retry_rules(void)
{
	CHECK(decide(5, 1, 1, 206, "bytes 5-9/10", 5) == RESUME_APPEND);
	/* If-Range failed: the whole new document. */
	CHECK(decide(5, 1, 1, 200, NULL, 10) == RESUME_RESTART);
	CHECK(decide(5, 1, 0, 200, NULL, 5) == RESUME_RESTART);
	/* A 206 of another range is no use. */
	CHECK(decide(5, 1, 1, 206, "bytes 0-4/10", 5) == RESUME_REFUSE);
	/* An error to be retried: after the good bytes, for now. */
	CHECK(decide(5, 1, 1, 503, NULL, 5) == RESUME_AFTER);
	/* The last word: the file holds it, as curl's would. */
	CHECK(decide(5, 1, 0, 503, NULL, 5) == RESUME_RESTART);
	CHECK(decide(5, 1, 1, 404, NULL, 5) == RESUME_AFTER);
	CHECK(decide(5, 1, 0, 416, NULL, 5) == RESUME_SKIP);
}

static void
test_range_first(void)
{
	off_t	 n;

	CHECK(resume_range_first("bytes 100-199/200", &n) == 0 && n == 100);
	CHECK(resume_range_first("bytes: 7-", &n) == 0 && n == 7);
	CHECK(resume_range_first("0-", &n) == 0 && n == 0);
	CHECK(resume_range_first("bytes */200", &n) == -1);
	CHECK(resume_range_first("bytes", &n) == -1);
	CHECK(resume_range_first("", &n) == -1);
	CHECK(resume_range_first("bytes 99999999999999999999-", &n) == -1);
}

static void
test_validator(void)
{
	const char	*lm = "Wed, 21 Oct 2015 07:28:00 GMT";

	CHECK(strcmp(resume_validator("\"abc\"", lm), "\"abc\"") == 0);
	/* Weak ETags cannot go in If-Range. */
	CHECK(resume_validator("W/\"abc\"", lm) == lm);
	CHECK(resume_validator("W/\"abc\"", NULL) == NULL);
	CHECK(resume_validator("\"", NULL) == NULL);
	CHECK(resume_validator(NULL, lm) == lm);
	CHECK(resume_validator(NULL, "") == NULL);
	CHECK(resume_validator(NULL, NULL) == NULL);
}

int
main(void)
{
	test_curl_rules();
	test_retry_rules();
	test_range_first();
	test_validator();
	return check_done("t_resume");
}
