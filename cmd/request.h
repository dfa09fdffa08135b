/*
 * One HTTP request on a connection: the request line and headers in
 * curl's order, then the body, through libhttpc's putrequest, putheader,
 * endheaders and send.
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <sys/types.h>

#include <stddef.h>

#include "httpc.h"
#include "args.h"
#include "userheaders.h"

struct request {
	const char		*method;	/* request line word */
	const struct httpc_url	*url;
	/* Through a proxy (route.c): the absolute-form request-target and
	 * --proxy-header for one without tunnel, or the tunnel. */
	const char		*target;	/* NULL: url->target */
	const char		*proxy_auth;	/* Proxy-Authorization */
	const struct headers	*proxy_headers;	/* NULL: no plain proxy */
	int			 tunnel;
	const char		*range;		/* "bytes=N-": resuming; NULL:
						 * -r's, if any */
	const char		*if_range;	/* with range, or NULL */
	const char		*auth;		/* Authorization value */
	int			 send_creds;	/* auth, -H credentials */
	const char		*referer;
	const char		*cookie;	/* Cookie value, or NULL */
	/* The body: in memory, or from fd (len -1: chunked to EOF). */
	int			 has_body;
	const char		*body;
	size_t			 bodylen;
	int			 fd;
	off_t			 fdlen;
	const char		*content_type;	/* unless -H sets one */
	/* Or from a reader (-F): bodylen bytes, or chunked when -1. */
	enum httpc_err		(*body_read)(void *, void *, size_t, size_t *);
	void			*body_arg;
	off_t			 readlen;
};

/* What request_send did with the body, for -w and for a resend. */
struct request_sent {
	/* Body bytes curl 7.88 counts in %{size_request}: a body from
	 * memory under 64 KiB and without Expect leaves with the head
	 * (chunk framing included), anything else is not counted. */
	off_t			 inline_body;
	/* The body's source was read from: it must be rewound before the
	 * request can be sent again. */
	int			 body_started;
};

/*
 * Sends req on conn; *sent says how far the body got.  Returns
 * libhttpc's error; the connection's httpc_conn_errmsg() says more.
 */
enum httpc_err	request_send(struct httpc_conn *, const struct config *,
		    const struct headers *custom, const struct request *,
		    struct request_sent *sent);

#endif /* REQUEST_H */
