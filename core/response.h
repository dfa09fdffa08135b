/* Internal to libhttpc: the response side of a connection. */
#ifndef HC_RESPONSE_H
#define HC_RESPONSE_H

#include "httpc.h"
#include "reader.h"

/* How a request was sent, for the framing of its response. */
struct hc_request_info {
	int	 head;			/* HEAD: no body */
	int	 close;			/* we sent Connection: close */
	int	 expect;		/* return a 100 Continue too */
	int	 connect;		/* CONNECT to a proxy: a 2xx has no
					 * body (RFC 9110 section 9.3.6),
					 * and the reply is not the
					 * connection's to keep or drop */
};

/*
 * Reads the status line and the header section of the final response,
 * skipping interim 1xx ones (101 is final), and works out the framing.
 */
enum httpc_err	 hc_response_begin(struct httpc_conn *, struct hc_reader *,
		    const struct hc_request_info *, struct httpc_response **);
/* The connection is going away: reads fail from now on. */
void		 hc_response_detach(struct httpc_response *);
/*
 * Parses a status line without its line end: HTTP/1.x, a space, exactly
 * three digits (100-999), then a space and a reason or nothing.
 */
enum httpc_err	 hc_parse_status_line(const char *, size_t, int *version,
		    int *status, size_t *reason_off);

#endif
