/*
 * Server authentication: the Authorization value from -u, from the
 * URL's user information, or from --oauth2-bearer.
 */
#ifndef AUTH_H
#define AUTH_H

#include "httpc.h"
#include "args.h"

/*
 * The Authorization value for a transfer of url, or NULL in *value when
 * there is none.  -u wins over the URL; "-u user" asks for the password
 * on the terminal.  *value is the caller's (freezero it).  Returns 0 or
 * an exit code, the message printed.
 */
int	auth_value(const struct config *, const struct httpc_url *,
	    char **value);

#endif /* AUTH_H */
