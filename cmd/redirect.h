/*
 * -L: where a redirect goes, which method and body the next hop sends,
 * and whether credentials may go along.
 */
#ifndef REDIRECT_H
#define REDIRECT_H

#include "httpc.h"
#include "args.h"

/* The request as curl sees it, whatever word -X puts on the line. */
enum req_kind {
	REQ_GET,
	REQ_HEAD,
	REQ_POST,
	REQ_PUT
};

/* 1 for the statuses -L follows: 301, 302, 303, 307, 308. */
int	redirect_status(int status);
/*
 * After a redirect with status: POST becomes GET on 301 and 302 (unless
 * --post301/--post302), anything but HEAD becomes GET on 303 (POST kept
 * with --post303), 307 and 308 keep method and body.  *kind changes;
 * returns 1 when the body is dropped.
 */
int	redirect_method(const struct config *, int status, enum req_kind *);
/*
 * Resolves location against cur (RFC 3986) into *next.  Only http and
 * https are followed.  Returns 0 or an exit code, the message printed.
 */
int	redirect_target(const struct config *, const struct httpc_url *cur,
	    const char *location, struct httpc_url **next);
/* Same scheme, host and port: the origin credentials are bound to. */
int	same_origin(const struct httpc_url *, const struct httpc_url *);

#endif /* REDIRECT_H */
