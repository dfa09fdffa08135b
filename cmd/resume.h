/*
 * Resumed downloads: -C (curl's rules) and httpc's own resuming of a
 * retried download (--retry), as pure decisions over a response's
 * status and headers; transfer.c does the I/O.
 *
 * A request that resumes at offset N > 0 asks "Range: bytes=N-" (GET
 * and HEAD only, as curl).  Its response, at the first body byte (a
 * response without a body is always fine):
 * - 416 Range Not Satisfiable: the body is dropped, success (curl: the
 *   file is complete);
 * - a Content-Range starting at N, whatever the status: the bytes
 *   continue the file;
 * - for -C (curl 7.88 lib/http.c): a Content-Length equal to N means
 *   "The entire document is already downloaded", success with nothing
 *   written; anything else is exit 33;
 * - for a retry that resumed by itself (sending If-Range with the
 *   first response's validator, so that a changed document comes back
 *   whole as a 200): a 2xx starts the file over; an error status that
 *   will be retried again is written after the good bytes, to be
 *   thrown away before the next try (curl writes error bodies, and
 *   throws them away on a retry); a 206 for another range is exit 33;
 *   any other starts the file over, so that it ends up holding what
 *   curl's would.
 */
#ifndef RESUME_H
#define RESUME_H

#include <sys/types.h>

enum resume_act {
	RESUME_WRITE,		/* not resuming: write as usual */
	RESUME_APPEND,		/* continues at the offset: append */
	RESUME_SKIP,		/* drop the body; success */
	RESUME_REFUSE,		/* exit 33 */
	RESUME_RESTART,		/* truncate to where this URL began, write */
	RESUME_AFTER		/* write after the good bytes, for now */
};

/* What was asked for, and how the answer is judged. */
struct resume_ask {
	off_t		 offset;	/* N; 0: not resuming */
	int		 by_retry;	/* resumed by --retry, not -C */
	int		 retry_pending;	/* an error status here is retried */
};

/*
 * The action for a response to a request that asked ra: its status,
 * its Content-Range and Content-Length values (NULL and -1 when
 * absent).
 */
enum resume_act	 resume_decide(const struct resume_ask *ra, int status,
		    const char *content_range, off_t content_length);

/*
 * The first byte position of a Content-Range value, read as curl 7.88
 * reads it ("bytes 100-199/200", "bytes: 100-", "100-"): skip to the
 * first digit.  0 and *first set, or -1 (an unsatisfied range's
 * "bytes *" form, or garbage).
 */
int		 resume_range_first(const char *value, off_t *first);

/*
 * The validator to send in If-Range for a retry that resumes: a strong
 * ETag (RFC 9110 section 13.1.5 refuses weak ones there), else the
 * Last-Modified date, else NULL (the retry starts over).  Points into
 * the arguments.
 */
const char	*resume_validator(const char *etag, const char *last_modified);

#endif /* RESUME_H */
