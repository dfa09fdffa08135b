/* Internal to libhttpc: name resolution that honours a deadline. */
#ifndef HC_RESOLVE_H
#define HC_RESOLVE_H

#include <stdint.h>

#include "httpc.h"

struct addrinfo;

/*
 * Resolves name (a host name or an address literal) for a stream socket
 * to port, in family (AF_UNSPEC for both), giving up at deadline (ms on
 * CLOCK_MONOTONIC; 0: never).  HTTPC_OK with *res for freeaddrinfo(3);
 * HTTPC_TIMEOUT; HTTPC_NOMEM; HTTPC_RESOLVE with the resolver's words in
 * *why (a static string).
 */
enum httpc_err	 hc_resolve(const char *name, int port, int family,
		    int64_t deadline, struct addrinfo **res,
		    const char **why);

#endif
