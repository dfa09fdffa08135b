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
#include "form.h"
#include "userheaders.h"
#include "outname.h"
#include "output.h"
#include "pool.h"
#include "redirect.h"
#include "request.h"
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
static int	 show_headers(struct session *, struct output *,
		    struct httpc_response *);
static int	 remote_header_name(struct session *, struct output *,
		    struct httpc_response *);
static int	 read_body(struct session *, struct httpc_conn *,
		    struct httpc_response *, struct output *, int);
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
	if (s->interim_rc == 0 && s->out != NULL)
		s->interim_rc = write_head(s, s->out, msg, len);
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

static int
read_body(struct session *s, struct httpc_conn *c,
    struct httpc_response *resp, struct output *out, int first)
{
	enum httpc_err	 e;
	off_t		 partial, expected;
	size_t		 n;
	int		 rc;

	for (;;) {
		e = httpc_response_read(resp, s->buf, SESSION_BUFSIZE, &n);
		if (first && (e != HTTPC_OK || n > 0)) {
			s->last.t_starttransfer_us = now_us() -
			    s->last.t_start_us;
			first = 0;
		}
		if (e == HTTPC_INCOMPLETE_READ) {
			httpc_response_partial(resp, &partial, &expected);
			if (expected >= 0 && expected > partial)
				msg_error(httpc_err_exitcode(e), "transfer "
				    "closed with %lld bytes remaining to read",
				    (long long)(expected - partial));
			else
				msg_error(httpc_err_exitcode(e), "transfer "
				    "closed with outstanding read data "
				    "remaining");
			return httpc_err_exitcode(e);
		}
		if (e != HTTPC_OK)
			return conn_error(c, e);
		if (n == 0)
			return 0;
		if ((rc = out_body(out, s->buf, n)) != 0)
			return rc;
		s->last.size_download += (off_t)n;
	}
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
	int64_t			 before;
	enum httpc_err		 e;
	int			 rc, tries;

	for (tries = 0;; tries++) {
		if ((rc = pool_get(&s->pool, h->cur, connp)) != 0)
			return rc;
		conn = *connp;
		if ((rc = body_rewind(s, h, req)) != 0)
			return rc;
		s->interim_seen = 0;
		s->interim_rc = 0;
		httpc_conn_set_interim_cb(conn, on_interim, s);
		httpc_conn_info(conn, &info);
		before = info.header_bytes_sent;
		e = request_send(conn, s->cfg, &s->custom, req, &sent);
		if (sent.body_started && req->body_read != NULL)
			s->form_used = 1;
		else if (sent.body_started)
			h->body_used = 1;
		/* curl's request size: the heads of every hop and try. */
		httpc_conn_info(conn, &info);
		s->last.size_request += (off_t)(info.header_bytes_sent -
		    before) + sent.inline_body;
		s->last.t_pretransfer_us = now_us() - s->last.t_start_us;
		if (e == HTTPC_OK)
			e = httpc_conn_getresponse(conn, respp);
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
	if (e != HTTPC_OK)
		return conn_error(conn, e);
	if (req->has_body)
		s->last.size_upload += req->body_read != NULL ?
		    (req->readlen > 0 ? req->readlen : 0) : req->fd == -1 ?
		    (off_t)req->bodylen : (req->fdlen > 0 ? req->fdlen : 0);
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

int
transfer(struct session *s, const char *raw, const struct outspec *spec,
    const char *upload)
{
	const struct config	*cfg = s->cfg;
	struct hop		 h;
	struct httpc_response	*resp = NULL;
	struct httpc_conn	*conn = NULL;
	struct output		 out;
	struct request		 req;
	const char		*loc;
	int			 rc, status, out_ready = 0;

	memset(&h, 0, sizeof(h));
	h.fd = -1;
	h.fdlen = -1;
	h.kind = REQ_GET;
	h.upload = upload != NULL && upload[0] != '\0' ? upload : NULL;
	session_reset(&s->last);
	msg_clear();
	s->last.t_start_us = now_us();
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
	if (h.kind == REQ_PUT && (rc = open_upload(&h)) != 0)
		goto done;
	if ((rc = auth_value(cfg, h.first, &h.auth)) != 0)
		goto done;
	if (cfg->referer != NULL &&
	    (h.referer = strdup(cfg->referer)) == NULL) {
		rc = msg_nomem();
		goto done;
	}

	for (;;) {
		if ((rc = hop_request(s, &h, &req)) != 0)
			goto done;
		free(s->last.url_effective);
		if (httpc_url_string(h.cur, 0, &s->last.url_effective) !=
		    HTTPC_OK)
			s->last.url_effective = NULL;
		if ((rc = hop_send(s, &h, &req, &conn, &resp)) != 0)
			goto done;
		session_set_cookies(s, h.cur, resp);
		status = httpc_response_status(resp);
		s->last.http_code = status;
		s->last.http_version = httpc_response_version(resp);
		if ((rc = show_headers(s, &out, resp)) != 0)
			goto done;
		loc = NULL;
		if (redirect_status(status))
			(void)httpc_response_getheader(resp, "Location", NULL,
			    &loc);
		if (!cfg->location || loc == NULL)
			break;
		if ((rc = follow(s, &h, status, loc)) != 0)
			goto done;
		drain(s, resp);
		httpc_response_free(resp);
		resp = NULL;
	}

	if ((rc = note_final(s, &h, resp, loc)) != 0)
		goto done;
	if (status >= 400 && (cfg->fail || cfg->fail_with_body)) {
		if (cfg->fail_with_body &&
		    (rc = read_body(s, conn, resp, &out, 1)) != 0)
			goto done;
		msg_error(EXIT_HTTP_RETURNED_ERROR, "The requested URL "
		    "returned error: %d", status);
		rc = EXIT_HTTP_RETURNED_ERROR;
		goto done;
	}
	if (cfg->remote_header_name && !out.is_stdout &&
	    (spec == NULL || spec->kind == OUT_REMOTE_NAME) &&
	    (rc = remote_header_name(s, &out, resp)) != 0)
		goto done;
	rc = read_body(s, conn, resp, &out, 1);
done:
	s->out = NULL;
	if (conn != NULL)
		httpc_conn_info(conn, &s->last.conn);
	if (out_ready) {
		if (out.path != NULL)
			s->last.outfile = strdup(out.path);
		if (out_close(&out, rc == 0, rc != 0 &&
		    cfg->remove_on_error) != 0 && rc == 0)
			rc = EXIT_WRITE_ERROR;
	}
	if (h.cur != NULL && (s->last.scheme = strdup(h.cur->scheme)) == NULL)
		rc = rc != 0 ? rc : EXIT_OUT_OF_MEMORY;
	if (h.cur != h.first)
		httpc_url_free(h.cur);
	httpc_url_free(h.first);
	if (h.auth != NULL)
		freezero(h.auth, strlen(h.auth));
	if (h.cookie != NULL)
		freezero(h.cookie, strlen(h.cookie));
	free(h.referer);
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
