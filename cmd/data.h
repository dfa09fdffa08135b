/*
 * Request data from -d, --data-ascii, --data-binary, --data-raw,
 * --data-urlencode, --json and --url-query, assembled as curl does.
 */
#ifndef DATA_H
#define DATA_H

#include <stddef.h>

#include "args.h"

/*
 * The body of all -d style pieces joined with '&' (--json pieces are
 * concatenated).  *body is the caller's (NULL with *len 0 when there is
 * no data).  Returns 0 or an exit code, the message printed.
 */
int	data_build(const struct config *, char **body, size_t *len);
/*
 * url with --url-query pieces, and the body when -G is given, added to
 * its query with '&' (or '?' when it has none), before any fragment.
 * *out is the caller's.  Returns 0 or an exit code.
 */
int	data_url(const struct config *, const char *url, const char *body,
	    size_t bodylen, char **out);
/*
 * Reads all of a file ("-" is stdin) into *data (NUL terminated, caller
 * frees).  Returns 0 or -1 with errno set.
 */
int	data_slurp(const char *path, char **data, size_t *len);

#endif /* DATA_H */
