/*
 * One URL: connection reuse, the request, redirects, and the response
 * written out.
 */
#ifndef TRANSFER_H
#define TRANSFER_H

#include "args.h"
#include "session.h"

/*
 * Transfers url, the body going where spec says (NULL: stdout, or the
 * remote name under --remote-name-all), uploading the file upload (-T;
 * NULL or "": none).  Returns the exit code; the details are in
 * s->last.
 */
int	transfer(struct session *, const char *url, const struct outspec *,
	    const char *upload);

#endif /* TRANSFER_H */
