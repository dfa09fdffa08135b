/*
 * The state of one run of httpc shared by its transfers, and what each
 * transfer leaves behind for -w and the exit status.
 */
#ifndef SESSION_H
#define SESSION_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "httpc.h"
#include "args.h"
#include "cookie.h"
#include "download.h"
#include "form.h"
#include "output.h"
#include "pool.h"
#include "userheaders.h"

/* Bytes per httpc_response_read: big reads, few system calls. */
#define SESSION_BUFSIZE		(128 * 1024)

/* What a finished transfer looked like (-w, exit status). */
struct xfer_result {
	int		 exitcode;
	int		 http_code;		/* last response, 0: none */
	int		 http_connect;		/* last CONNECT reply, 0: none */
	int		 http_version;		/* 10 or 11 */
	int		 num_redirects;
	int		 num_retries;		/* --retry: attempts again */
	char		*url_effective;		/* last URL asked for */
	char		*redirect_url;		/* Location not followed */
	char		*content_type;
	char		*scheme;
	off_t		 size_download;		/* body bytes */
	off_t		 size_upload;
	off_t		 size_header;		/* heads received, 1xx too */
	off_t		 size_request;		/* as curl counts it */
	int64_t		 t_start_us;		/* CLOCK_MONOTONIC */
	int64_t		 t_pretransfer_us;	/* from t_start */
	int64_t		 t_starttransfer_us;
	int64_t		 t_redirect_us;
	int64_t		 t_total_us;
	struct httpc_conn_info conn;
	int		 connects_start;	/* pool_connects() at start */
	int		 num_connects;		/* new connections it made */
	char		*outfile;		/* where the body went */
};

struct session {
	const struct config	*cfg;
	struct headers		 custom;	/* -H, parsed */
	struct headers		 proxy_headers;	/* --proxy-header, parsed */
	char			*proxy_userpw;	/* -U "user:password" */
	struct pool		 pool;
	struct dumper		 dump;		/* -D */
	char			*data;		/* -d and friends, joined */
	size_t			 datalen;
	char			*buf;		/* read buffer */
	struct xfer_result	 last;
	struct form		*form;		/* -F */
	struct cookie_jar	*jar;		/* -b FILE, -c: the engine */
	struct cookie_jar	*literals;	/* -b 'a=1; b=2' */
	const char		*writeout;	/* -w, @file read */
	char			*writeout_file;
	int			 urlnum;	/* index of the URL, for -w */
	/* Interim 1xx heads go where the final one goes (-i, -D). */
	struct output		*out;		/* this transfer's, or NULL */
	int			 interim_seen;	/* this request got a 1xx */
	int			 interim_rc;	/* writing one failed */
	int			 form_used;	/* -F read: rewind to resend */
	struct download		 dl;		/* clocks, pace, meter */
	/* A CONNECT reply goes before the origin's heads (-i, -D). */
	struct httpc_conn	*tunnel_conn;	/* the hop's, while it may open */
	int			 tunnel_connects; /* its num_connects before */
};

/* Returns 0 or an exit code, the message printed. */
int	session_init(struct session *, const struct config *);
/* Frees s and writes the -c jar: 0, or 27 when out of memory (the
 * message printed; other write failures are curl's warning). */
int	session_free(struct session *);
/* Clears r for the next transfer. */
void	session_reset(struct xfer_result *r);
/*
 * The Cookie value for a request to u: the engine's cookies for it, and
 * the -b strings when send_creds.  *out NULL: none.  0 or -1 (memory).
 */
int	session_cookie(struct session *, const struct httpc_url *u,
	    int send_creds, char **out);
/* Stores the Set-Cookie fields of a response to u in the engine: 0, or
 * 27 (out of memory, the message printed). */
int	session_set_cookies(struct session *, const struct httpc_url *u,
	    struct httpc_response *);
/*
 * A pass over the -F body: again after a 307/308 or a retry.  *len is
 * its length or -1.  Returns 0 or an exit code, the message printed.
 */
int	session_form_pass(struct session *, int again, off_t *len);
/* struct request's body_read for the -F body (arg: the form). */
enum httpc_err session_form_read(void *arg, void *, size_t, size_t *);
/* -w for the transfer of url that just ended; resp may be NULL. */
void	session_write_out(struct session *, const char *url,
	    const char *method, struct httpc_response *resp);

#endif /* SESSION_H */
