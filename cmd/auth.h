/*
 * Server authentication: the Authorization value from -u, from the
 * URL's user information, or from --oauth2-bearer.
 */
#ifndef AUTH_H
#define AUTH_H

#include "httpc.h"
#include "args.h"
#include "proxyenv.h"

/*
 * The Authorization value for a transfer of url, or NULL in *value when
 * there is none.  -u wins over the URL; "-u user" asks for the password
 * on the terminal.  *value is the caller's (freezero it).  Returns 0 or
 * an exit code, the message printed.
 */
int	auth_value(const struct config *, const struct httpc_url *,
	    char **value);

/*
 * -U user[:password] as "user:password", the password asked on the
 * terminal when left out (once, as curl does at start).  *userpw is the
 * caller's (freezero it).  Returns 0 or an exit code, the message
 * printed.
 */
int	auth_proxy_user(const char *arg, char **userpw);
/*
 * The Proxy-Authorization value (Basic) for proxy p: the credentials in
 * the proxy string, else userpw (-U, from auth_proxy_user; may be
 * NULL); NULL in *value when there are none.  *value is the caller's
 * (freezero it).  Returns 0 or an exit code, the message printed.
 */
int	auth_proxy_value(const char *userpw, const struct proxy *p,
	    char **value);

#endif /* AUTH_H */
