/*
 * Internal to libhttpc: what tls/ needs from a connection.  A layer wraps
 * the connected plain transport (TLS over TCP); it is applied on every
 * (re)connect, after any proxy tunnel is up.
 */
#ifndef HC_CONN_H
#define HC_CONN_H

#include "httpc.h"

struct hc_layer_ops {
	const char	*name;
	/* Wrap inner (the connection's TCP transport) into *outer.  On
	 * failure inner is still the caller's.  On success outer owns
	 * inner and closes it. */
	enum httpc_err	(*wrap)(void *ctx, struct httpc_conn *,
			    struct httpc_transport *inner,
			    struct httpc_transport **outer);
	void		(*free)(void *ctx);
	/* Bytes outer read from the network and holds undelivered: after
	 * a response, data the server should not have sent (NULL: none). */
	size_t		(*pending)(struct httpc_transport *outer);
};

/*
 * "name", "name:port", "[v6]", "[v6]:port", or a bare IPv6 address: the
 * name without brackets in *host (the caller frees it, on failure too),
 * the port (0 if none: an explicit port wins over the string's, as in
 * httplib), and whether it was IPv6.  Errors are described on c.
 */
enum httpc_err	 hc_split_host(struct httpc_conn *, const char *, int port,
		    char **host, int *portp, int *v6);
/*
 * Unit tests and fuzzers: on every connect, fn hands over the transport
 * to the server (or proxy) instead of a TCP connection; the tunnel and
 * the layer still apply.  NULL goes back to TCP.
 */
typedef enum httpc_err hc_dial_fn(void *arg, struct httpc_conn *,
		    struct httpc_transport **);
void		 hc_conn_set_dialer(struct httpc_conn *, hc_dial_fn *,
		    void *arg);

/* httpc_conn_new with a default port (80 or 443). */
enum httpc_err	 hc_conn_new(struct httpc_conn **, const char *host, int port,
		    int default_port, const struct httpc_opts *);
/* The connection owns ctx afterwards and frees it with ops->free. */
void		 hc_conn_set_layer(struct httpc_conn *,
		    const struct hc_layer_ops *, void *ctx);
/* The host name as given (no brackets, no port): for SNI and checks. */
const char	*hc_conn_host(const struct httpc_conn *);
int		 hc_conn_port(const struct httpc_conn *);
const struct httpc_opts *hc_conn_opts(const struct httpc_conn *);
int		 hc_conn_debuglevel(const struct httpc_conn *);
/*
 * The plain TCP transport under the connection's reader, or NULL when
 * the reader reads something else (TLS, an attached or dialled
 * transport): what splice(2) may bypass.
 */
struct hc_tcp;
struct hc_tcp	*hc_conn_tcp(const struct httpc_conn *);
/* Records the user-facing text of a failure; returns e.  c may be NULL. */
enum httpc_err	 hc_conn_seterr(struct httpc_conn *, enum httpc_err e,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * The response r is done with the connection: keep it open for the next
 * request, or close it (body unfinished, an error, Connection: close).
 */
void		 hc_conn_response_done(struct httpc_conn *,
		    struct httpc_response *r, int keep);

/* Hands an interim 1xx response head to the caller's callback. */
void		 hc_conn_interim(struct httpc_conn *, int status,
		    const char *msg, size_t len);

#endif
