/* Internal to libhttpc: the plain TCP transport. */
#ifndef HC_TCP_H
#define HC_TCP_H

#include "httpc.h"

struct hc_tcp;

/*
 * Resolves host (or opts->connect_addr), tries every address in order
 * until one connects, within opts->connect_timeout_ms and the deadline.
 * Errors are described with hc_conn_seterr on c.  Fills the connection
 * info's addresses and times.
 */
enum httpc_err	 hc_tcp_connect(struct httpc_conn *c, const char *host,
		    int port, const struct httpc_opts *, int64_t deadline,
		    struct httpc_conn_info *, struct hc_tcp **);
struct httpc_transport *hc_tcp_transport(struct hc_tcp *);
void		 hc_tcp_set_deadline(struct hc_tcp *, int64_t);
/* HTTPC_OK once data can be read, HTTPC_TIMEOUT after timeout_ms. */
enum httpc_err	 hc_tcp_wait_readable(struct hc_tcp *, int timeout_ms);
/* 0 if the peer closed or sent something while we were idle. */
int		 hc_tcp_idle_ok(struct hc_tcp *);

#endif
