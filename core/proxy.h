/*
 * Internal to libhttpc: a forward proxy, and the CONNECT tunnel through
 * it that set_tunnel asks for (RFC 9110 section 9.3.6).
 */
#ifndef HC_PROXY_H
#define HC_PROXY_H

#include <stddef.h>

#include "httpc.h"
#include "reader.h"

struct hc_proxy {
	char			*host;		/* NULL: none; no brackets */
	int			 port;
	int			 tunnel;	/* CONNECT on every connect */
	char			**headers;	/* "Name: value" for CONNECT */
	size_t			 nheaders;
	struct httpc_response	*reply;		/* to the last CONNECT */
};

/* Clears p, to no proxy at all.  The reply is kept. */
void		 hc_proxy_clear(struct hc_proxy *);
/* Frees everything, the reply too. */
void		 hc_proxy_free(struct hc_proxy *);
/* host as a name or an address without brackets (copied); the tunnel
 * settings stay. */
enum httpc_err	 hc_proxy_set(struct hc_proxy *, const char *host, int port);
/*
 * Checks and copies the "Name: value" headers for CONNECT; failures are
 * described on c.
 */
enum httpc_err	 hc_proxy_set_tunnel(struct hc_proxy *, struct httpc_conn *c,
		    const char *const *headers, size_t n);
/*
 * Over t (the connection to the proxy, which it takes): sends CONNECT
 * authority with the tunnel's headers and reads the reply with the
 * response parser.  On a 2xx, *rdp reads from t and holds whatever came
 * after the reply, the first bytes of the tunnel.  Otherwise the body of
 * the reply is read and dropped (bounded), t is closed and the error is
 * HTTPC_PROXY_CONNECT.  The reply is kept in p->reply either way.
 */
enum httpc_err	 hc_proxy_tunnel(struct hc_proxy *, struct httpc_conn *c,
		    const char *authority, struct httpc_transport *t,
		    struct hc_reader **rdp);

#endif
