/*
 * Internal to libhttpc: the plain socket transport, TCP or a Unix domain
 * stream socket.
 */
#ifndef HC_TCP_H
#define HC_TCP_H

#include <stdint.h>

#include "httpc.h"

struct hc_tcp;

/* Where a connection goes. */
struct hc_tcp_dest {
	const char	*host;		/* the name debug output shows */
	const char	*name;		/* what is resolved: name or address */
	int		 port;
	const char	*unix_path;	/* a Unix socket instead, or NULL */
	int		 unix_abstract;	/* unix_path names an abstract one */
	int		 proxy;		/* errors say it is the proxy */
};

/*
 * Resolves dest->name, tries every address in order until one connects
 * (binding opts->local_port first when asked), or connects to the Unix
 * socket.  Gives up at deadline (ms on CLOCK_MONOTONIC, 0: never), which
 * is also the transport's deadline until hc_tcp_set_deadline; the "timed
 * out after N ms" messages count from t0.  Errors are described with
 * hc_conn_seterr on c.  Fills the connection info's addresses and times.
 */
enum httpc_err	 hc_tcp_connect(struct httpc_conn *c,
		    const struct hc_tcp_dest *, const struct httpc_opts *,
		    int64_t deadline, int64_t t0, struct httpc_conn_info *,
		    struct hc_tcp **);
struct httpc_transport *hc_tcp_transport(struct hc_tcp *);
void		 hc_tcp_set_deadline(struct hc_tcp *, int64_t);
/* HTTPC_OK once data can be read, HTTPC_TIMEOUT after timeout_ms. */
enum httpc_err	 hc_tcp_wait_readable(struct hc_tcp *, int timeout_ms);
/* 0 if the peer closed or sent something while we were idle. */
int		 hc_tcp_idle_ok(struct hc_tcp *);
/* The socket, for splice(2); it stays the transport's. */
int		 hc_tcp_fd(const struct hc_tcp *);
/*
 * Moves up to len bytes from the socket into the pipe pfd with splice(2),
 * waiting for the socket as a read does (the per-operation timeout and
 * the deadline) and for room in the pipe (the deadline only); *got == 0
 * at end of stream.  HTTPC_WRITE when the pipe has no reader left,
 * HTTPC_UNSUPPORTED (nothing moved, nothing recorded) when the kernel
 * cannot splice these two, HTTPC_RECV or HTTPC_TIMEOUT as tcp reads.
 */
enum httpc_err	 hc_tcp_splice(struct hc_tcp *, int pfd, size_t len,
		    size_t *got);

#endif
