/*
 * How one request reaches its origin server: directly or through a
 * proxy (absolute-form requests, or a CONNECT tunnel), and to which
 * host and port the connection goes (--connect-to).  Decided again for
 * every URL and every redirect hop, as curl does for each connection.
 */
#ifndef ROUTE_H
#define ROUTE_H

#include "httpc.h"
#include "args.h"
#include "proxyenv.h"

/*
 * proxy NULL is direct; tunnel: CONNECT through the proxy; proxy_auth
 * the Proxy-Authorization value or NULL; target the absolute-form
 * request-target for a proxy without tunnel (NULL: origin form);
 * connect_host (NULL) and connect_port (0) from --connect-to, or the
 * URL's.
 */
struct route {
	struct proxy	*proxy;
	int		 tunnel;
	char		*proxy_auth;
	char		*target;
	char		*connect_host;
	int		 connect_port;
};

/*
 * The route for u: --connect-to, then the proxy from -x, --noproxy and
 * the environment (proxyenv.c; none with --unix-socket, as curl), its
 * credentials (proxy_userpw: -U as "user:password", or NULL), and the
 * request-target.  *r is the caller's to free
 * with route_free, whatever is returned.  Returns 0 or an exit code,
 * the message printed.
 */
int	route_get(const struct config *, const char *proxy_userpw,
	    const struct httpc_url *u, struct route *r);
/* Frees what route_get made, the credentials wiped. */
void	route_free(struct route *);

/*
 * curl's --connect-to matching, for one entry: 1 when it applies to
 * host (as in the URL, without brackets; ipv6 set for an IPv6 address)
 * and port, with *to_host (NULL: keep; the caller frees) and *to_port
 * (-1: keep) set; 0 when it does not; -1 when it applies but its port is
 * not a number from 0 to 65535 (*to_host NULL, *badport pointing at the
 * port in entry), -2 when out of memory.
 */
int	route_connect_to(const char *entry, const char *host, int ipv6,
	    int port, char **to_host, int *to_port, const char **badport);

#endif /* ROUTE_H */
