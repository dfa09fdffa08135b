/*
 * A transfer: one URL on the command line, with its redirect hops.
 *
 * Each hop takes a connection from the pool (the kept one when scheme,
 * host and port match), sends the request (request.c), reads the status
 * and headers, and then either follows the Location (redirect.c) or
 * streams the body to the output as it arrives.  A request on a kept
 * connection that the server had already closed is sent once more on a
 * new one, as curl does: only when nothing of a response came back, and
 * only when its body can be sent again from its start (a pipe that was
 * read from cannot: exit 65).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "httpc.h"
#include "args.h"
#include "auth.h"
#include "cookie.h"
#include "data.h"
#include "download.h"
#include "form.h"
#include "userheaders.h"
#include "outname.h"
#include "output.h"
#include "pool.h"
#include "redirect.h"
#include "request.h"
#include "resume.h"
#include "retry.h"
#include "route.h"
#include "session.h"
#include "transfer.h"

/* A redirect's body is read and dropped up to this, else the
 * connection is closed: cheaper than reading a large page for nothing. */
#define DRAIN_MAX		(1024 * 1024)

/*
 * The state of a transfer across its redirect hops.
 */
struct hop {
	struct httpc_url	*first;		/* credentials' origin */
	struct httpc_url	*cur;		/* this hop's */
	enum req_kind		 kind;
	int			 drop_body;	/* 301-303 made it a GET */
	int			 body_used;	/* -T was read: rewind to resend */
	int			 redirects;
	char			*auth;		/* Authorization for first */
	char			*referer;
	char			*cookie;
	const char		*upload;	/* -T for this URL, or NULL */
	int			 fd;
	off_t			 fdlen;
	off_t			 fdorigin;	/* where the body starts */
	char			 range[48];	/* "bytes=N-" resuming, or "" */
	const char		*if_range;	/* a resuming retry's */
	struct route		 route;		/* this hop's: proxy, ... */
};

/*
 * A URL's attempts (--retry), and where its output stands: bytes are
 * counted from base, the output file's length when this URL began
 * (what -C kept of it); the first good of them continue the document
 * from init, the -C offset.
 */
struct tries {
	struct retry_opts	 opts;
	struct retry_state	 st;
	off_t			 init;		/* -C offset; 0: none */
	off_t			 base;		/* file length at the start */
	off_t			 written;	/* body bytes in it since */
	off_t			 good;		/* of which the document's */
	char			*validator;	/* ETag or Last-Modified */
	int			 encoded;	/* good bytes were decoded */
	off_t			 offset;	/* this attempt's Range start */
	int			 by_retry;	/* ... found by a retry */
	int			 status;	/* final status; 0: none */
};

static int64_t	 now_us(void);
static int	 conn_error(struct httpc_conn *, enum httpc_err);
static int	 prepare_url(struct session *, const char *, const char *,
		    struct httpc_url **);
static int	 upload_name(struct httpc_url **, const char *);
static int	 open_upload(struct hop *);
static int	 setup_output(struct session *, const struct outspec *,
		    const struct httpc_url *, struct output *);
static int	 write_head(struct session *, struct output *, const char *,
		    size_t);
static void	 on_interim(void *, int, const char *, size_t);
static int	 show_connect(struct session *);
static int	 show_headers(struct session *, struct output *,
		    struct httpc_response *);
static int	 remote_header_name(struct session *, struct output *,
		    struct httpc_response *);
static int	 attempt(struct session *, struct hop *, struct tries *,
		    struct output *, const struct outspec *,
		    struct httpc_conn **, struct httpc_response **);
static int	 final_body(struct session *, struct hop *, struct tries *,
		    struct output *, struct httpc_conn *,
		    struct httpc_response *);
static void	 note_validator(const struct config *, struct tries *,
		    struct httpc_response *, int);
static int	 retry_again(struct session *, struct hop *, struct tries *,
		    struct output *, int, struct httpc_response *, int *);
static int	 hop_restart(struct session *, struct hop *, enum req_kind);
static void	 resume_at(struct hop *, struct tries *);
static void	 sleep_ms(int64_t);
static void	 drain(struct session *, struct httpc_response *);
static int	 retryable(struct session *, struct httpc_conn *,
		    enum httpc_err);
static int	 body_rewind(struct session *, struct hop *,
		    struct request *);
static const char *kind_method(enum req_kind);
static int	 hop_request(struct session *, struct hop *, struct request *);
static int	 hop_send(struct session *, struct hop *, struct request *,
		    struct httpc_conn **, struct httpc_response **);
static int	 follow(struct session *, struct hop *, int, const char *);
static int	 note_final(struct session *, struct hop *,
		    struct httpc_response *, const char *);

static int64_t
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Prints a libhttpc failure the way the user sees them all. */
static int
conn_error(struct httpc_conn *c, enum httpc_err e)
{
	const char	*m = c != NULL ? httpc_conn_errmsg(c) : "";

	msg_error(httpc_err_exitcode(e), "%s", *m != '\0' ? m :
	    httpc_strerror(e));
	return httpc_err_exitcode(e);
}

static const char *
kind_method(enum req_kind k)
{
	switch (k) {
	case REQ_HEAD:
		return "HEAD";
	case REQ_POST:
		return "POST";
	case REQ_PUT:
		return "PUT";
	case REQ_GET:
		break;
	}
	return "GET";
}

/*
 * -T FILE to a URL whose path ends in '/': the file's base name is
 * added, as curl does.
 */
static int
upload_name(struct httpc_url **up, const char *file)
{
	struct httpc_url	*u = *up, *nu;
	const char		*base, *why;
	char			*s, *n;
	size_t			 plen;
	int			 rc;

	if (u->path[strlen(u->path) - 1] != '/')
		return 0;
	base = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
	if (*base == '\0')
		return 0;
	if (httpc_url_string(u, 1, &s) != HTTPC_OK)
		goto nomem;
	plen = strlen(s) - strlen(u->target);
	rc = asprintf(&n, "%.*s%s%s%s%s", (int)plen, s, u->path, base,
	    u->query != NULL ? "?" : "", u->query != NULL ? u->query : "");
	free(s);
	if (rc == -1)
		goto nomem;
	if (httpc_url_parse(n, 0, &nu, &why) != HTTPC_OK) {
		msg_error(EXIT_URL_MALFORMAT, "URL rejected: %s", n);
		free(n);
		return EXIT_URL_MALFORMAT;
	}
	free(n);
	httpc_url_free(u);
	*up = nu;
	return 0;
nomem:
	msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
	return EXIT_OUT_OF_MEMORY;
}

static int
prepare_url(struct session *s, const char *raw, const char *upload,
    struct httpc_url **up)
{
	const struct config	*cfg = s->cfg;
	const char		*why = NULL;
	char			*str;
	enum httpc_err		 e;
	int			 rc, flags = HTTPC_URL_DEFAULT_SCHEME;

	*up = NULL;
	if ((rc = data_url(cfg, raw, s->data, s->datalen, &str)) != 0)
		return rc;
	if (cfg->path_as_is)
		flags |= HTTPC_URL_PATH_AS_IS;
	e = httpc_url_parse(str, flags, up, &why);
	free(str);
	if (e != HTTPC_OK) {
		if (e == HTTPC_NOMEM) {
			msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
			return EXIT_OUT_OF_MEMORY;
		}
		msg_error(EXIT_URL_MALFORMAT, "URL rejected: %s",
		    why != NULL ? why : httpc_strerror(e));
		return EXIT_URL_MALFORMAT;
	}
	if (strcmp((*up)->scheme, "http") != 0 &&
	    strcmp((*up)->scheme, "https") != 0) {
		msg_error(EXIT_UNSUPPORTED_PROTOCOL, "Protocol \"%s\" not "
		    "supported", (*up)->scheme);
		httpc_url_free(*up);
		*up = NULL;
		return EXIT_UNSUPPORTED_PROTOCOL;
	}
	if (upload != NULL && strcmp(upload, "-") != 0 &&
	    strcmp(upload, ".") != 0 && (rc = upload_name(up, upload)) != 0) {
		httpc_url_free(*up);
		*up = NULL;
		return rc;
	}
	return 0;
}

/*
 * -T: a regular file goes with Content-Length, anything else chunked.
 * Standard input may be a file read from where it stands: a resend
 * starts there again.
 */
static int
open_upload(struct hop *h)
{
	struct stat	 st;

	if (strcmp(h->upload, "-") == 0 || strcmp(h->upload, ".") == 0)
		h->fd = STDIN_FILENO;
	else if ((h->fd = open(h->upload, O_RDONLY | O_CLOEXEC)) == -1) {
		msg_error(EXIT_READ_ERROR, "Failed to open %s: %s",
		    h->upload, strerror(errno));
		return EXIT_READ_ERROR;
	}
	h->fdorigin = 0;
	h->fdlen = -1;
	if (fstat(h->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (h->fdorigin = lseek(h->fd, 0, SEEK_CUR)) != -1)
		h->fdlen = st.st_size > h->fdorigin ?
		    st.st_size - h->fdorigin : 0;
	return 0;
}

static int
setup_output(struct session *s, const struct outspec *spec,
    const struct httpc_url *u, struct output *out)
{
	const struct config	*cfg = s->cfg;
	char			*name = NULL, *path = NULL;
	int			 remote;

	remote = spec != NULL ? spec->kind == OUT_REMOTE_NAME :
	    cfg->remote_name_all;
	if (spec == NULL && !remote) {
		out_init(out, cfg, NULL);
		return 0;
	}
	if (!remote && strcmp(spec->path, "-") == 0) {
		out_init(out, cfg, "-");
		return 0;
	}
	if (remote && outname_url(u, &name) == -1)
		goto nomem;
	if (outname_join(cfg->output_dir, remote ? name : spec->path,
	    &path) == -1)
		goto nomem;
	out_init(out, cfg, path);
	free(name);
	free(path);
	return 0;
nomem:
	free(name);
	msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
	return EXIT_OUT_OF_MEMORY;
}

/*
 * A response head as received: -D gets every one, interim 1xx and
 * redirect hops included; -i and -I put them in the output, as curl.
 * With both, curl hands over one line at a time to each (-i -D - shows
 * every line twice), so that is done here too.
 */
static int
write_head(struct session *s, struct output *out, const char *msg,
    size_t len)
{
	const char	*nl;
	size_t		 n;
	int		 rc, include = s->cfg->include || s->cfg->head;

	s->last.size_header += (off_t)len;
	if (!include)
		return dump_write(&s->dump, msg, len);
	if (s->dump.path == NULL)
		return out_headers(out, msg, len);
	while (len > 0) {
		n = (nl = memchr(msg, '\n', len)) != NULL ?
		    (size_t)(nl - msg) + 1 : len;
		if ((rc = out_headers(out, msg, n)) != 0 ||
		    (rc = dump_write(&s->dump, msg, n)) != 0)
			return rc;
		msg += n;
		len -= n;
	}
	return 0;
}

/* libhttpc's interim callback (arg: the session): a 1xx head. */
static void
on_interim(void *arg, int status, const char *msg, size_t len)
{
	struct session	*s = arg;

	(void)status;
	s->interim_seen = 1;
	if (s->interim_rc == 0)
		s->interim_rc = show_connect(s);
	if (s->interim_rc == 0 && s->out != NULL)
		s->interim_rc = write_head(s, s->out, msg, len);
}

/*
 * When the request opened a tunnel (its connection connected again),
 * the proxy's reply to CONNECT goes to -i and -D before the origin's
 * heads, a refusal's too, as curl shows it; %{http_connect} is its
 * status.  Once per connect: s->tunnel_conn is cleared.
 */
static int
show_connect(struct session *s)
{
	const struct httpc_response	*pr;
	struct httpc_conn_info		 info;
	const char			*msg;
	size_t				 len;

	if (s->tunnel_conn == NULL)
		return 0;
	httpc_conn_info(s->tunnel_conn, &info);
	if (info.num_connects == s->tunnel_connects ||
	    httpc_conn_proxy_response(s->tunnel_conn, &pr) != HTTPC_OK)
		return 0;
	s->tunnel_conn = NULL;
	s->last.http_connect = httpc_response_status(pr);
	httpc_response_msg(pr, &msg, &len);
	return s->out != NULL ? write_head(s, s->out, msg, len) : 0;
}

static int
show_headers(struct session *s, struct output *out,
    struct httpc_response *resp)
{
	const char	*msg;
	size_t		 len;

	httpc_response_msg(resp, &msg, &len);
	return write_head(s, out, msg, len);
}

/*
 * -J: the name from Content-Disposition replaces the URL's, never with a
 * directory from the server, and never over an existing file.
 */
static int
remote_header_name(struct session *s, struct output *out,
    struct httpc_response *resp)
{
	const char	*cd = NULL;
	char		*name = NULL, *path = NULL;

	if (httpc_response_getheader(resp, "Content-Disposition", NULL,
	    &cd) != HTTPC_OK || cd == NULL)
		return 0;
	if (outname_disposition(cd, &name) == -1)
		goto nomem;
	if (name == NULL) {
		msg_verbose(s->cfg->verbose, "Content-Disposition has no "
		    "usable file name, keeping %s", out->path);
		return 0;
	}
	if (outname_join(s->cfg->output_dir, name, &path) == -1 ||
	    out_set_path(out, path) == -1)
		goto nomem;
	out->exclusive = 1;
	free(name);
	free(path);
	return 0;
nomem:
	free(name);
	free(path);
	msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
	return EXIT_OUT_OF_MEMORY;
}

/* A redirect's body: read to keep the connection, unless it is big. */
static void
drain(struct session *s, struct httpc_response *resp)
{
	size_t	 n, total = 0;

	while (total < DRAIN_MAX && httpc_response_read(resp, s->buf,
	    SESSION_BUFSIZE, &n) == HTTPC_OK && n > 0)
		total += n;
}

/*
 * A kept connection the server closed while idle fails the next request
 * before any reply: that is worth one more try on a new connection.
 * curl's rule (Curl_retry_request): the connection was reused and not a
 * byte of a response came back, a 1xx head included.  The failures
 * counted are those of sending, and of reading before the status line.
 */
static int
retryable(struct session *s, struct httpc_conn *c, enum httpc_err e)
{
	struct httpc_conn_info	 info;

	if (s->interim_seen)
		return 0;
	if (e != HTTPC_REMOTE_DISCONNECTED && e != HTTPC_SEND &&
	    e != HTTPC_RECV && e != HTTPC_NOT_CONNECTED)
		return 0;
	httpc_conn_info(c, &info);
	return info.reused;
}

/*
 * Before a request goes (again, after a 307 or 308 or on a retry): its
 * body back at its start when it was read from.  The -F form is shared
 * by all URLs; a file is sought back, a pipe cannot be (exit 65, as
 * curl: the bytes read are gone).
 */
static int
body_rewind(struct session *s, struct hop *h, struct request *req)
{
	int	 rc;

	if (req->body_read != NULL) {
		if ((rc = session_form_pass(s, s->form_used,
		    &req->readlen)) != 0)
			return rc;
		s->form_used = 0;
		return 0;
	}
	if (!h->body_used || req->fd == -1)
		return 0;
	if (lseek(req->fd, h->fdorigin, SEEK_SET) == -1) {
		msg_error(EXIT_SEND_FAIL_REWIND, "necessary data rewind was "
		    "not possible");
		return EXIT_SEND_FAIL_REWIND;
	}
	h->body_used = 0;
	return 0;
}

/* The request of this hop: method, credentials, cookies and body. */
static int
hop_request(struct session *s, struct hop *h, struct request *req)
{
	const struct config	*cfg = s->cfg;

	memset(req, 0, sizeof(*req));
	req->method = cfg->method != NULL ? cfg->method : kind_method(h->kind);
	req->url = h->cur;
	req->target = h->route.target;
	req->proxy_auth = h->route.proxy_auth;
	if (h->route.proxy != NULL && !h->route.tunnel)
		req->proxy_headers = &s->proxy_headers;
	req->tunnel = h->route.tunnel;
	if (h->range[0] != '\0' && (h->kind == REQ_GET ||
	    h->kind == REQ_HEAD)) {
		req->range = h->range;
		req->if_range = h->if_range;
	}
	req->auth = h->auth;
	req->send_creds = cfg->location_trusted || same_origin(h->first,
	    h->cur);
	req->referer = h->referer;
	req->fd = -1;
	if (h->cookie != NULL)
		freezero(h->cookie, strlen(h->cookie));
	if (session_cookie(s, h->cur, req->send_creds, &h->cookie) == -1) {
		h->cookie = NULL;
		return msg_nomem();
	}
	req->cookie = h->cookie;
	if (h->drop_body)
		return 0;
	if (h->kind == REQ_POST && s->form != NULL) {
		req->has_body = 1;
		req->body_read = session_form_read;
		req->body_arg = s->form;
		req->content_type = form_content_type(s->form);
	} else if (h->kind == REQ_POST) {
		req->has_body = 1;
		req->body = s->data;
		req->bodylen = s->datalen;
		req->content_type = "application/x-www-form-urlencoded";
	} else if (h->kind == REQ_PUT) {
		req->has_body = 1;
		req->fd = h->fd;
		req->fdlen = h->fdlen;
	}
	return 0;
}

/*
 * Sends the request and reads the response head, once more on a new
 * connection when a kept one turns out to be dead (see retryable()).
 */
static int
hop_send(struct session *s, struct hop *h, struct request *req,
    struct httpc_conn **connp, struct httpc_response **respp)
{
	struct httpc_conn	*conn;
	struct httpc_conn_info	 info;
	struct request_sent	 sent;
	int64_t			 before, up;
	enum httpc_err		 e;
	int			 rc, tries, waited = 0;

	up = !req->has_body ? 0 : req->body_read != NULL ?
	    (req->readlen > 0 ? req->readlen : 0) : req->fd == -1 ?
	    (off_t)req->bodylen : (req->fdlen > 0 ? req->fdlen : 0);
	for (tries = 0;; tries++) {
		if ((rc = pool_get(&s->pool, h->cur, &h->route, connp)) != 0)
			return rc;
		conn = *connp;
		if ((rc = body_rewind(s, h, req)) != 0)
			return rc;
		s->interim_seen = 0;
		s->interim_rc = 0;
		httpc_conn_set_interim_cb(conn, on_interim, s);
		httpc_conn_info(conn, &info);
		before = info.header_bytes_sent;
		s->tunnel_conn = h->route.tunnel ? conn : NULL;
		s->tunnel_connects = info.num_connects;
		e = request_send(conn, s->cfg, &s->custom, req, &sent);
		if ((rc = show_connect(s)) != 0)
			return rc;
		if (sent.body_started && req->body_read != NULL)
			s->form_used = 1;
		else if (sent.body_started)
			h->body_used = 1;
		/* curl's request size: the heads of every hop and try. */
		httpc_conn_info(conn, &info);
		s->last.size_request += (off_t)(info.header_bytes_sent -
		    before) + sent.inline_body;
		s->last.t_pretransfer_us = now_us() - s->last.t_start_us;
		if (e == HTTPC_OK) {
			/* -Y/-y watch the wait for the answer too. */
			dl_request_sent(s, conn, up);
			waited = 1;
			e = httpc_conn_getresponse(conn, respp);
			dl_disarm(s, conn);
		}
		if (s->interim_rc != 0)
			return s->interim_rc;
		if (e == HTTPC_OK || tries > 0 || !retryable(s, conn, e))
			break;
		msg_verbose(s->cfg->verbose, "Connection died, retrying a "
		    "fresh connect");
		httpc_conn_close(conn);
	}
	if (e == HTTPC_BODY_READ && req->body_read != NULL) {
		msg_error(httpc_err_exitcode(e), "%s", form_error(s->form));
		return httpc_err_exitcode(e);
	}
	if (e == HTTPC_TIMEOUT && waited)
		return dl_timeout(s, conn);
	if (e != HTTPC_OK)
		return conn_error(conn, e);
	s->last.size_upload += up;
	dl_response(s, *respp);
	return 0;
}

/*
 * Moves h to the Location of a redirect with status, within --max-redirs,
 * with the method and body the status allows (redirect.c).  Returns 0 or
 * an exit code, the message printed.
 */
static int
follow(struct session *s, struct hop *h, int status, const char *loc)
{
	const struct config	*cfg = s->cfg;
	struct httpc_url	*next;
	char			*str;
	int			 rc;

	if (cfg->max_redirs >= 0 && h->redirects >= cfg->max_redirs) {
		msg_error(EXIT_TOO_MANY_REDIRECTS, "Maximum (%lld) redirects "
		    "followed", cfg->max_redirs);
		return EXIT_TOO_MANY_REDIRECTS;
	}
	if ((rc = redirect_target(cfg, h->cur, loc, &next)) != 0)
		return rc;
	if (httpc_url_string(next, 0, &str) == HTTPC_OK) {
		msg_verbose(cfg->verbose, "Issue another request to this URL: "
		    "'%s'", str);
		free(str);
	}
	if (redirect_method(cfg, status, &h->kind))
		h->drop_body = 1;
	if (!cfg->location_trusted && !same_origin(h->first, next) &&
	    (h->auth != NULL || s->literals != NULL ||
	    headers_find(&s->custom, "Authorization") != NULL ||
	    headers_find(&s->custom, "Cookie") != NULL))
		msg_verbose(cfg->verbose, "Not sending credentials to %s: "
		    "they were given for another host, port or scheme",
		    next->host);
	if (cfg->autoreferer) {
		free(h->referer);
		if (httpc_url_string(h->cur, 0, &h->referer) != HTTPC_OK)
			h->referer = NULL;
	}
	if (h->cur != h->first)
		httpc_url_free(h->cur);
	h->cur = next;
	h->redirects++;
	s->last.num_redirects = h->redirects;
	s->last.t_redirect_us = now_us() - s->last.t_start_us;
	return 0;
}

/*
 * What is known after the last hop for -w: where an unfollowed Location
 * pointed, and the Content-Type.
 */
static int
note_final(struct session *s, struct hop *h, struct httpc_response *resp,
    const char *loc)
{
	struct httpc_url	*next;
	const char		*ct = NULL;

	if (loc != NULL && httpc_url_resolve(h->cur, loc, &next, NULL) ==
	    HTTPC_OK) {
		if (httpc_url_string(next, 0, &s->last.redirect_url) !=
		    HTTPC_OK)
			s->last.redirect_url = NULL;
		httpc_url_free(next);
	}
	if (httpc_response_getheader(resp, "Content-Type", NULL, &ct) ==
	    HTTPC_OK && ct != NULL && (s->last.content_type = strdup(ct)) ==
	    NULL)
		return msg_nomem();
	return 0;
}

/*
 * The request of an attempt resumes at t->offset (-C, or a retry that
 * found where to continue): its Range and If-Range.
 */
static void
resume_at(struct hop *h, struct tries *t)
{
	h->range[0] = '\0';
	h->if_range = NULL;
	if (t->offset <= 0)
		return;
	snprintf(h->range, sizeof(h->range), "bytes=%lld-",
	    (long long)t->offset);
	if (t->by_retry)
		h->if_range = t->validator;
}

/* Back to the first URL and method for another attempt. */
static int
hop_restart(struct session *s, struct hop *h, enum req_kind kind)
{
	if (h->cur != h->first)
		httpc_url_free(h->cur);
	h->cur = h->first;
	h->kind = kind;
	h->drop_body = 0;
	h->redirects = 0;
	free(h->referer);
	h->referer = NULL;
	if (s->cfg->referer != NULL &&
	    (h->referer = strdup(s->cfg->referer)) == NULL)
		return msg_nomem();
	return 0;
}

/*
 * One attempt at the URL: its hops, then the last response's body.
 * *connp and *respp are the last hop's for the caller, who frees the
 * response.
 */
static int
attempt(struct session *s, struct hop *h, struct tries *t,
    struct output *out, const struct outspec *spec,
    struct httpc_conn **connp, struct httpc_response **respp)
{
	const struct config	*cfg = s->cfg;
	struct request		 req;
	const char		*loc;
	int			 rc, status;

	if (t->offset > 0)
		msg_verbose(cfg->verbose, "Resuming transfer from byte "
		    "position %lld", (long long)t->offset);
	for (;;) {
		route_free(&h->route);
		if ((rc = route_get(cfg, s->proxy_userpw, h->cur,
		    &h->route)) != 0)
			return rc;
		if ((rc = hop_request(s, h, &req)) != 0)
			return rc;
		free(s->last.url_effective);
		if (httpc_url_string(h->cur, 0, &s->last.url_effective) !=
		    HTTPC_OK) {
			s->last.url_effective = NULL;
			return msg_nomem();
		}
		if ((rc = hop_send(s, h, &req, connp, respp)) != 0)
			return rc;
		if ((rc = session_set_cookies(s, h->cur, *respp)) != 0)
			return rc;
		status = httpc_response_status(*respp);
		s->last.http_code = status;
		s->last.http_version = httpc_response_version(*respp);
		if ((rc = show_headers(s, out, *respp)) != 0)
			return rc;
		loc = NULL;
		if (redirect_status(status))
			(void)httpc_response_getheader(*respp, "Location",
			    NULL, &loc);
		if (!cfg->location || loc == NULL)
			break;
		if ((rc = follow(s, h, status, loc)) != 0)
			return rc;
		drain(s, *respp);
		httpc_response_free(*respp);
		*respp = NULL;
	}
	t->status = status;
	if ((rc = note_final(s, h, *respp, loc)) != 0)
		return rc;
	if (status >= 400 && (cfg->fail || cfg->fail_with_body)) {
		if (cfg->fail_with_body &&
		    (rc = dl_body(s, *connp, *respp, out, 0)) != 0)
			return rc;
		msg_error(EXIT_HTTP_RETURNED_ERROR, "The requested URL "
		    "returned error: %d", status);
		return EXIT_HTTP_RETURNED_ERROR;
	}
	if (cfg->remote_header_name && !out->is_stdout &&
	    (spec == NULL || spec->kind == OUT_REMOTE_NAME) &&
	    (rc = remote_header_name(s, out, *respp)) != 0)
		return rc;
	return final_body(s, h, t, out, *connp, *respp);
}

/*
 * The last response's body, where resume.h says it goes when the
 * request resumed; counts the bytes written and which are the
 * document's.
 */
static int
final_body(struct session *s, struct hop *h, struct tries *t,
    struct output *out, struct httpc_conn *c, struct httpc_response *resp)
{
	const struct config	*cfg = s->cfg;
	struct resume_ask	 ra;
	enum resume_act		 act = RESUME_WRITE;
	const char		*cr = NULL;
	off_t			 before;
	int			 rc, good;

	if (h->range[0] != '\0') {
		ra.offset = t->offset;
		ra.by_retry = t->by_retry;
		ra.retry_pending = t->st.left > 0 &&
		    retry_http_transient(t->status);
		(void)httpc_response_getheader(resp, "Content-Range", NULL,
		    &cr);
		act = resume_decide(&ra, t->status, cr,
		    httpc_response_length(resp));
		/* After -C the file must go on where it was. */
		if (act == RESUME_RESTART && t->init > 0)
			act = RESUME_REFUSE;
	}
	switch (act) {
	case RESUME_SKIP:
		if (t->status != 416)
			msg_verbose(cfg->verbose, "The entire document is "
			    "already downloaded");
		drain(s, resp);
		return 0;
	case RESUME_RESTART:
		msg_verbose(cfg->verbose, "The document is not the one "
		    "resumed: starting over");
		if ((rc = out_truncate(out, t->base)) != 0)
			return rc;
		t->written = t->good = 0;
		break;
	default:
		break;
	}
	good = act == RESUME_APPEND || ((act == RESUME_WRITE ||
	    act == RESUME_RESTART) && t->status >= 200 && t->status < 300 &&
	    t->status != 206);
	before = out->bytes;
	rc = dl_body(s, c, resp, out, act == RESUME_REFUSE);
	t->written += out->bytes - before;
	if (good) {
		t->good = t->written;
		note_validator(cfg, t, resp, act == RESUME_APPEND);
	}
	return rc;
}

/*
 * What a retry may resume with: the validator of the response whose
 * bytes are kept (a continuing 206 without one keeps the first's).
 */
static void
note_validator(const struct config *cfg, struct tries *t,
    struct httpc_response *resp, int continued)
{
	const char	*etag = NULL, *lm = NULL, *ce = NULL, *v;

	(void)httpc_response_getheader(resp, "ETag", NULL, &etag);
	(void)httpc_response_getheader(resp, "Last-Modified", NULL, &lm);
	(void)httpc_response_getheader(resp, "Content-Encoding", NULL, &ce);
	if (cfg->compressed && ce != NULL && strcasecmp(ce, "identity") != 0)
		t->encoded = 1;
	v = resume_validator(etag, lm);
	if (continued && v == NULL)
		return;
	free(t->validator);
	t->validator = v != NULL ? strdup(v) : NULL;
}

/* A wait between attempts, whole, whatever signals come. */
static void
sleep_ms(int64_t ms)
{
	struct timespec	 ts;

	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/*
 * After an attempt that ended with rc: 1 to try again (the warning
 * shown, the output cut back, the wait over), 0 not to.  *rcp becomes
 * an error of the output if cutting it back fails.  A retry resumes
 * where the document's bytes end when they went to a regular file and
 * came with a validator, else it starts over as curl does.
 */
static int
retry_again(struct session *s, struct hop *h, struct tries *t,
    struct output *out, int rc, struct httpc_response *resp, int *rcp)
{
	const struct config	*cfg = s->cfg;
	struct retry_result	 r;
	const char		*ra = NULL;
	char			 msg[256];
	int64_t			 wait;
	off_t			 keep;
	int			 resumable;

	memset(&r, 0, sizeof(r));
	r.exitcode = rc;
	r.status = t->status;
	r.refused = rc == 7 && strstr(msg_last_error(),
	    strerror(ECONNREFUSED)) != NULL;
	if (resp != NULL && retry_http_transient(t->status) &&
	    httpc_response_getheader(resp, "Retry-After", NULL, &ra) ==
	    HTTPC_OK)
		r.retry_after = retry_after_parse(ra, time(NULL));
	if (!retry_next(&t->st, &t->opts, &r, httpc_now_ms(), &wait, msg,
	    sizeof(msg))) {
		if (msg[0] != '\0')
			msg_warn("%s", msg);
		return 0;
	}
	msg_warn("%s", msg);
	resumable = t->validator != NULL && t->good > 0 && !t->encoded &&
	    (h->kind == REQ_GET || h->kind == REQ_HEAD) &&
	    cfg->range == NULL && !cfg->include && out_regular(out);
	keep = resumable ? t->good : 0;
	if (t->written > keep) {
		/* curl says so for a file only: a pipe cannot be cut. */
		if (!out->is_stdout)
			msg_note("Throwing away %lld bytes",
			    (long long)(t->written - keep));
		if ((*rcp = out_truncate(out, t->base + keep)) != 0)
			return 0;
	}
	t->written = t->good = keep;
	t->offset = t->init + keep;
	t->by_retry = resumable;
	if (resumable)
		msg_verbose(cfg->verbose, "Will resume at byte %lld, If-Range: "
		    "%s", (long long)t->offset, t->validator);
	sleep_ms(wait);
	return 1;
}

int
transfer(struct session *s, const char *raw, const struct outspec *spec,
    const char *upload)
{
	const struct config	*cfg = s->cfg;
	struct hop		 h;
	struct tries		 t;
	struct httpc_response	*resp = NULL;
	struct httpc_conn	*conn = NULL;
	struct output		 out;
	struct stat		 st;
	enum req_kind		 kind;
	int			 rc, out_ready = 0;

	memset(&h, 0, sizeof(h));
	memset(&t, 0, sizeof(t));
	h.fd = -1;
	h.fdlen = -1;
	h.kind = REQ_GET;
	h.upload = upload != NULL && upload[0] != '\0' ? upload : NULL;
	session_reset(&s->last);
	msg_clear();
	s->last.t_start_us = now_us();
	s->last.connects_start = pool_connects(&s->pool);
	dl_start(s, 0);
	s->pool.deadline = cfg->max_time_ms > 0 ?
	    httpc_now_ms() + cfg->max_time_ms : 0;
	if ((rc = prepare_url(s, raw, h.upload, &h.first)) != 0)
		goto done;
	h.cur = h.first;
	if ((rc = setup_output(s, spec, h.first, &out)) != 0)
		goto done;
	out_ready = 1;
	s->out = &out;
	if (cfg->head)
		h.kind = REQ_HEAD;
	else if (h.upload != NULL)
		h.kind = REQ_PUT;
	else if ((cfg->ndata > 0 && !cfg->get) || cfg->nforms > 0)
		h.kind = REQ_POST;
	kind = h.kind;
	if (h.kind == REQ_PUT && (rc = open_upload(&h)) != 0)
		goto done;
	if ((rc = auth_value(cfg, h.first, &h.auth)) != 0)
		goto done;
	if (cfg->referer != NULL &&
	    (h.referer = strdup(cfg->referer)) == NULL) {
		rc = msg_nomem();
		goto done;
	}
	/* -C N, or -C -: the output file's size; a file resumed is
	 * added to. */
	if (cfg->resume) {
		t.init = cfg->resume_from;
		if (t.init < 0)
			t.init = !out.is_stdout && out.path != NULL &&
			    stat(out.path, &st) == 0 ? st.st_size : 0;
		if (t.init > 0 && !out.is_stdout) {
			out.append = 1;
			if (out.path != NULL && stat(out.path, &st) == 0)
				t.base = st.st_size;
		}
	}
	t.offset = t.init;
	t.opts.retries = (long)cfg->retry;
	t.opts.delay_ms = cfg->retry_delay_ms;
	t.opts.max_time_ms = cfg->retry_max_time_ms;
	t.opts.connrefused = cfg->retry_connrefused;
	t.opts.all_errors = cfg->retry_all_errors;
	t.opts.fail = cfg->fail || cfg->fail_with_body;
	retry_init(&t.st, &t.opts, httpc_now_ms());
	/* The meter only on a terminal, and not when the body goes to
	 * the terminal too (curl shows it on any stderr). */
	s->dl.meter = !cfg->silent && !cfg->no_progress_meter &&
	    isatty(STDERR_FILENO) && !(out.is_stdout && out.tty);

	for (;;) {
		resume_at(&h, &t);
		dl_attempt(s, t.offset);
		t.status = 0;
		rc = attempt(s, &h, &t, &out, spec, &conn, &resp);
		if (rc == 0 && !retry_http_transient(t.status))
			break;
		if (!retry_again(s, &h, &t, &out, rc, resp, &rc))
			break;
		httpc_response_free(resp);
		resp = NULL;
		conn = NULL;
		session_reset(&s->last);
		msg_clear();
		s->last.t_start_us = now_us();
		s->last.connects_start = pool_connects(&s->pool);
		if ((rc = hop_restart(s, &h, kind)) != 0)
			break;
	}
done:
	dl_end(s);
	s->out = NULL;
	s->tunnel_conn = NULL;
	route_free(&h.route);
	if (conn != NULL)
		httpc_conn_info(conn, &s->last.conn);
	s->last.num_connects = pool_connects(&s->pool) -
	    s->last.connects_start;
	s->last.num_retries = (int)t.st.done;
	if (out_ready) {
		if (out.path != NULL &&
		    (s->last.outfile = strdup(out.path)) == NULL && rc == 0)
			rc = msg_nomem();
		if (out_close(&out, rc == 0, rc != 0 &&
		    cfg->remove_on_error) != 0 && rc == 0)
			rc = EXIT_WRITE_ERROR;
	}
	if (h.cur != NULL && (s->last.scheme = strdup(h.cur->scheme)) ==
	    NULL && rc == 0)
		rc = msg_nomem();
	if (h.cur != h.first)
		httpc_url_free(h.cur);
	httpc_url_free(h.first);
	if (h.auth != NULL)
		freezero(h.auth, strlen(h.auth));
	if (h.cookie != NULL)
		freezero(h.cookie, strlen(h.cookie));
	free(h.referer);
	free(t.validator);
	if (h.fd > STDIN_FILENO)
		close(h.fd);
	s->last.t_total_us = now_us() - s->last.t_start_us;
	s->last.exitcode = rc;
	session_write_out(s, raw, cfg->method != NULL ? cfg->method :
	    kind_method(h.kind), resp);
	httpc_response_free(resp);
	s->urlnum++;
	return rc;
}
