/*
 * The connections kept between requests: several URLs (and redirect
 * hops) to the same scheme, host and port, reached the same way (proxy,
 * tunnel, Unix socket, --connect-to, address family, local port), share
 * one kept-alive httpc_conn.
 */
#ifndef POOL_H
#define POOL_H

#include <stdint.h>

#include "httpc.h"
#include "args.h"
#include "route.h"
#include "userheaders.h"

/* Connections kept at once; the least recently used one goes first. */
#define POOL_MAX	8
/* The connect phase's limit without --connect-timeout (or with 0), as
 * curl's: a server that accepts and never answers the TLS handshake
 * does not hold httpc forever. */
#define POOL_CONNECT_TIMEOUT_MS	(300 * 1000)

struct pool_entry {
	struct httpc_conn	*conn;
	char			*scheme;
	char			*host;
	int			 port;
	char			*route;		/* the rest of the key */
	uint64_t		 used;		/* LRU clock */
};

struct pool {
	const struct config	*cfg;
	struct pool_entry	 e[POOL_MAX];
	uint64_t		 clock;
	int			 debuglevel;
	int64_t			 deadline;	/* -m, this transfer's */
	const struct headers	*proxy_headers;	/* --proxy-header */
	int			 connects_gone;	/* by connections dropped */
};

void	pool_init(struct pool *, const struct config *, int debuglevel);
/*
 * A connection for u's scheme, host and port by route r: the kept one
 * when there is one, else a new one (closing the least recently used
 * when the pool is full), with r's proxy or CONNECT tunnel set up.
 * Returns 0 or an exit code, the message printed.
 */
int	pool_get(struct pool *, const struct httpc_url *,
	    const struct route *r, struct httpc_conn **);
/* Connections opened so far, by every connection the pool has had. */
int	pool_connects(const struct pool *);
void	pool_free(struct pool *);

#endif /* POOL_H */
