/*
 * What the transfers of one run share: the parsed -H headers, the -d
 * body, the -F form, the cookie engine, the -w format and the kept
 * connections; and the glue between a transfer and the cookie, form and
 * write-out modules.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "httpc.h"
#include "args.h"
#include "auth.h"
#include "cookie.h"
#include "data.h"
#include "form.h"
#include "output.h"
#include "pool.h"
#include "session.h"
#include "userheaders.h"
#include "writeout.h"

static int	 cookies_init(struct session *);
static int	 form_init(struct session *);
static void	 form_warn(void *, const char *);

void
session_reset(struct xfer_result *r)
{
	free(r->url_effective);
	free(r->redirect_url);
	free(r->content_type);
	free(r->scheme);
	free(r->outfile);
	memset(r, 0, sizeof(*r));
}

int
session_init(struct session *s, const struct config *cfg)
{
	size_t	 len;
	int	 rc;

	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	pool_init(&s->pool, cfg, cfg->verbose ? 1 : 0);
	dump_init(&s->dump, cfg->dump_header);
	if ((rc = headers_parse(&cfg->headers, &s->custom)) != 0)
		return rc;
	if ((rc = headers_parse(&cfg->proxy_headers, &s->proxy_headers)) != 0)
		return rc;
	s->pool.proxy_headers = &s->proxy_headers;
	if (cfg->proxy_user != NULL &&
	    (rc = auth_proxy_user(cfg->proxy_user, &s->proxy_userpw)) != 0)
		return rc;
	if ((rc = data_build(cfg, &s->data, &s->datalen)) != 0)
		return rc;
	if ((rc = cookies_init(s)) != 0)
		return rc;
	if ((rc = form_init(s)) != 0)
		return rc;
	s->writeout = cfg->writeout;
	if (cfg->writeout != NULL && cfg->writeout[0] == '@') {
		if (data_slurp(cfg->writeout + 1, &s->writeout_file, &len) ==
		    -1) {
			if (errno == ENOMEM)
				return msg_nomem();
			msg_error(EXIT_READ_ERROR, "Failed to read the "
			    "--write-out format from %s: %s", cfg->writeout + 1,
			    strerror(errno));
			return EXIT_READ_ERROR;
		}
		s->writeout = s->writeout_file;
	}
	if ((s->buf = malloc(SESSION_BUFSIZE)) == NULL) {
		msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
		return EXIT_OUT_OF_MEMORY;
	}
	return 0;
}

int
session_free(struct session *s)
{
	int	 rc = 0;

	pool_free(&s->pool);
	dump_close(&s->dump);
	headers_free(&s->custom);
	headers_free(&s->proxy_headers);
	if (s->proxy_userpw != NULL)
		freezero(s->proxy_userpw, strlen(s->proxy_userpw));
	free(s->data);
	free(s->buf);
	session_reset(&s->last);
	free(s->writeout_file);
	/* As curl, a jar that cannot be written is a warning; but out of
	 * memory is the error it is everywhere else. */
	if (s->jar != NULL && s->cfg->cookie_jar != NULL &&
	    cookie_jar_save(s->jar, s->cfg->cookie_jar, time(NULL)) == -1) {
		if (errno == ENOMEM)
			rc = msg_nomem();
		else
			msg_warn("Failed to save cookies in %s: %s",
			    s->cfg->cookie_jar, strerror(errno));
	}
	cookie_jar_free(s->jar);
	cookie_jar_free(s->literals);
	form_free(s->form);
	return rc;
}

static void
form_warn(void *arg, const char *msg)
{
	(void)arg;
	msg_warn("%s", msg);
}

/* -F and --form-string become one multipart body, made as it is sent. */
static int
form_init(struct session *s)
{
	const struct config	*cfg = s->cfg;
	enum form_err		 fe;
	size_t			 i = 0;

	if (cfg->nforms == 0)
		return 0;
	if ((fe = form_new(&s->form, form_warn, NULL)) != FORM_OK)
		goto fail;
	for (i = 0; i < cfg->nforms; i++)
		if ((fe = form_add(s->form, cfg->forms[i].arg,
		    cfg->forms[i].literal)) != FORM_OK)
			goto fail;
	return 0;
fail:
	if (fe == FORM_SYNTAX) {
		fprintf(stderr, "httpc: option %s: is badly used here\n",
		    cfg->forms[i].literal ? "--form-string" : "-F");
		fprintf(stderr, "httpc: try 'httpc --help' for more "
		    "information\n");
	} else
		msg_error(form_exitcode(fe), "%s", s->form != NULL ?
		    form_error(s->form) : "out of memory");
	return form_exitcode(fe);
}

enum httpc_err
session_form_read(void *arg, void *buf, size_t len, size_t *n)
{
	switch (form_read(arg, buf, len, n)) {
	case FORM_OK:
		return HTTPC_OK;
	case FORM_NOMEM:
		return HTTPC_NOMEM;
	default:
		return HTTPC_BODY_READ;
	}
}

/*
 * Starts a pass over the form body (again after a 307, 308 or a retry:
 * a part from a pipe cannot be read twice) and measures it.
 */
int
session_form_pass(struct session *s, int again, off_t *len)
{
	enum form_err	 fe = FORM_OK;

	if (again)
		fe = form_rewind(s->form);
	if (fe == FORM_OK)
		fe = form_size(s->form, len);
	if (fe == FORM_OK)
		return 0;
	msg_error(form_exitcode(fe), "%s", fe == FORM_NOREWIND ?
	    "necessary data rewind was not possible" : form_error(s->form));
	return form_exitcode(fe);
}

/*
 * -b: a string with '=' is sent as it is; anything else is a cookie
 * file, which (like -c) starts the engine.  A missing file is no error,
 * as in curl: the same name is often the -c jar of the first run.
 */
static int
cookies_init(struct session *s)
{
	const struct config	*cfg = s->cfg;
	size_t			 i;
	int			 literal;

	for (i = 0; i < cfg->cookies.n; i++) {
		literal = cookie_arg_is_literal(cfg->cookies.v[i]);
		if (literal && s->literals == NULL &&
		    cookie_jar_new(&s->literals) == -1)
			goto nomem;
		if (!literal && s->jar == NULL && cookie_jar_new(&s->jar) == -1)
			goto nomem;
		if (literal) {
			if (cookie_jar_add_literal(s->literals,
			    cfg->cookies.v[i]) == -1) {
				if (errno == ENOMEM)
					goto nomem;
				msg_error(EXIT_BAD_ARGUMENT, "-b: control "
				    "character in cookie");
				return EXIT_BAD_ARGUMENT;
			}
			continue;
		}
		if (cookie_jar_load(s->jar, cfg->cookies.v[i],
		    cfg->junk_session_cookies, time(NULL)) == -1) {
			if (errno == ENOMEM)
				goto nomem;
			if (errno != ENOENT)
				msg_warn("Failed to read cookies from %s: %s",
				    cfg->cookies.v[i], strerror(errno));
		}
	}
	if (cfg->cookie_jar != NULL && s->jar == NULL &&
	    cookie_jar_new(&s->jar) == -1)
		goto nomem;
	return 0;
nomem:
	msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
	return EXIT_OUT_OF_MEMORY;
}

/*
 * The Cookie value for a hop: the engine's cookies for this URL (they
 * carry their own domain), then the -b strings, which, having no domain,
 * are credentials of the first origin like -u.
 */
int
session_cookie(struct session *s, const struct httpc_url *u, int send_creds,
    char **out)
{
	char	*a = NULL, *b = NULL;
	int	 https = strcmp(u->scheme, "https") == 0, rc = 0;

	*out = NULL;
	if (s->jar != NULL &&
	    cookie_jar_header(s->jar, u, https, time(NULL), &a) == -1)
		return -1;
	if (send_creds && s->literals != NULL &&
	    cookie_jar_header(s->literals, u, https, time(NULL), &b) == -1) {
		free(a);
		return -1;
	}
	if (a != NULL && b != NULL) {
		if (asprintf(out, "%s; %s", a, b) == -1) {
			*out = NULL;
			rc = -1;
		}
	} else if (a != NULL) {
		*out = a;
		a = NULL;
	} else {
		*out = b;
		b = NULL;
	}
	if (a != NULL)
		freezero(a, strlen(a));
	if (b != NULL)
		freezero(b, strlen(b));
	return rc;
}

int
session_set_cookies(struct session *s, const struct httpc_url *u,
    struct httpc_response *resp)
{
	const struct httpc_header	*h;
	enum cookie_result		 r;
	size_t				 i, n;

	if (s->jar == NULL)
		return 0;
	httpc_response_getheaders(resp, &h, &n);
	for (i = 0; i < n; i++) {
		if (strcasecmp(h[i].name, "Set-Cookie") != 0)
			continue;
		r = cookie_jar_set_cookie(s->jar, u, h[i].value, time(NULL));
		/* A cookie lost would change what later requests send. */
		if (r == COOKIE_NOMEM)
			return msg_nomem();
		msg_verbose(s->cfg->verbose, "Cookie from %s: %s", u->host,
		    cookie_result_str(r));
	}
	return 0;
}

/* -w, once per URL, whatever happened: curl prints 000 codes too. */
void
session_write_out(struct session *s, const char *url, const char *method,
    struct httpc_response *resp)
{
	struct writeout_info	 w;
	struct xfer_result	*r = &s->last;

	if (s->writeout == NULL)
		return;
	memset(&w, 0, sizeof(w));
	w.http_code = r->http_code;
	w.http_connect = r->http_connect;
	w.http_version = r->http_version;
	w.exitcode = r->exitcode;
	w.errormsg = msg_last_error();
	w.size_download = r->size_download;
	w.size_upload = r->size_upload;
	w.size_header = r->size_header;
	w.size_request = r->size_request;
	if (r->t_total_us > 0) {
		w.speed_download = r->size_download * 1000000 / r->t_total_us;
		w.speed_upload = r->size_upload * 1000000 / r->t_total_us;
	}
	w.time_namelookup_us = r->conn.t_namelookup_us;
	w.time_connect_us = r->conn.t_connect_us;
	w.time_appconnect_us = r->conn.t_appconnect_us;
	w.time_pretransfer_us = r->t_pretransfer_us;
	w.time_starttransfer_us = r->t_starttransfer_us;
	w.time_redirect_us = r->t_redirect_us;
	w.time_total_us = r->t_total_us;
	w.url = url;
	w.url_effective = r->url_effective;
	w.redirect_url = r->redirect_url;
	w.referer = s->cfg->referer;
	w.method = method;
	w.scheme = r->scheme;
	w.content_type = r->content_type;
	w.filename_effective = r->outfile;
	if (r->conn.remote_ip[0] != '\0') {
		w.remote_ip = r->conn.remote_ip;
		w.remote_port = r->conn.remote_port;
		w.local_ip = r->conn.local_ip;
		w.local_port = r->conn.local_port;
	}
	w.num_connects = r->num_connects;
	w.num_redirects = r->num_redirects;
	w.num_retries = r->num_retries;
	w.urlnum = s->urlnum;
	if (resp != NULL)
		httpc_response_getheaders(resp, &w.headers, &w.nheaders);
	(void)writeout(stdout, stderr, s->writeout, &w);
	fflush(stdout);
	fflush(stderr);
}
