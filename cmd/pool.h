/*
 * The connections kept between requests: several URLs (and redirect
 * hops) to the same scheme, host and port share one kept-alive
 * httpc_conn, one per origin.
 */
#ifndef POOL_H
#define POOL_H

#include <stdint.h>

#include "httpc.h"
#include "args.h"

/* Connections kept at once; the least recently used one goes first. */
#define POOL_MAX	8

struct pool_entry {
	struct httpc_conn	*conn;
	char			*scheme;
	char			*host;
	int			 port;
	uint64_t		 used;		/* LRU clock */
};

struct pool {
	const struct config	*cfg;
	struct pool_entry	 e[POOL_MAX];
	uint64_t		 clock;
	int			 debuglevel;
	int64_t			 deadline;	/* -m, this transfer's */
};

void	pool_init(struct pool *, const struct config *, int debuglevel);
/*
 * A connection for u's scheme, host and port: the kept one when there
 * is one, else a new one (closing the least recently used when the pool
 * is full).  Returns 0 or an exit code, the message printed.
 */
int	pool_get(struct pool *, const struct httpc_url *,
	    struct httpc_conn **);
void	pool_free(struct pool *);

#endif /* POOL_H */
