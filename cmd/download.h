/*
 * The response side of a transfer: the clocks that may end it (-m,
 * -Y/-y), the body streamed to the output through the Content-Encoding
 * decoder (--compressed) and the size limit (--max-filesize), paced
 * (--limit-rate) and shown (the progress meter and -# bar).
 *
 * What each clock covers:
 * - -m: one attempt (a --retry starts it again), from before the
 *   connection is looked for to the last body byte: connecting, the
 *   request, every redirect, the wait for each response and its body,
 *   --limit-rate's sleeps.  It is libhttpc's connection deadline.
 * - -Y/-y: from each request sent to the end of its response: the wait
 *   for the head and the body (lowspeed.h), not connecting or sending.
 *   The connection's deadline is brought forward to the next moment the
 *   check could fail, so that a server that stops dead trips it too.
 */
#ifndef DOWNLOAD_H
#define DOWNLOAD_H

#include <sys/types.h>

#include <stdint.h>

#include "httpc.h"
#include "lowspeed.h"
#include "output.h"
#include "progress.h"
#include "ratelimit.h"

struct session;

/* Lives in struct session; dl_start() fills it for each URL. */
struct download {
	uint64_t		 start_us;	/* this attempt's start */
	struct lowspeed		 lowspeed;	/* this request's */
	struct ratelimit	 ratelimit;
	struct progress		 progress;
	int			 meter;		/* meter or bar shown */
	int			 shown;		/* progress began */
	int64_t			 upload;	/* bytes sent, for the meter */
	off_t			 got;		/* this response's body bytes */
	off_t			 expected;	/* its Content-Length, or -1 */
};

/* A URL's transfer begins; meter: the meter or bar is to be shown. */
void	dl_start(struct session *, int meter);
/*
 * An attempt (the first, or a retry) begins at offset resume (-C, or a
 * retry that resumes): -m's clock starts, and the meter.
 */
void	dl_attempt(struct session *, off_t resume);
/*
 * The request went on c, upload body bytes with it: -Y/-y's windows
 * start, the connection waits no longer than they allow.
 */
void	dl_request_sent(struct session *, struct httpc_conn *c,
	    int64_t upload);
/* A new response head: its announced body length for messages. */
void	dl_response(struct session *, struct httpc_response *);
/* The connection's deadline back to -m's alone. */
void	dl_disarm(struct session *, struct httpc_conn *c);
/*
 * A libhttpc call failed with HTTPC_TIMEOUT after the request was sent:
 * prints which clock fired, curl's words.  Returns exit code 28.
 */
int	dl_timeout(struct session *, struct httpc_conn *c);
/*
 * Streams the body of resp to out.  refuse: the body must be empty
 * (resume.h RESUME_REFUSE): a byte of it is exit 33.  Returns 0 or the
 * exit code, the message printed.
 */
int	dl_body(struct session *, struct httpc_conn *,
	    struct httpc_response *, struct output *, int refuse);
/* The transfer of the URL is over: the meter's last line. */
void	dl_end(struct session *);

#endif /* DOWNLOAD_H */
