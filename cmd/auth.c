/*
 * Basic and Bearer credentials.  Passwords are wiped (freezero) once the
 * header value is built; the value itself is wiped by its owner.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readpassphrase.h>

#include "httpc.h"
#include "args.h"
#include "auth.h"
#include "buf.h"
#include "netrc.h"
#include "output.h"
#include "pct.h"

/* What a terminal prompt may return, as curl's 256 bytes. */
#define PASSWORD_MAX	256
/* Bytes set aside for "user:password" before the first add. */
#define CRED_ROOM	1024

static char	*basic(const char *, size_t);
static int	 add_cred(struct hc_buf *, const char *, const char *);
static int	 from_user(const char *, const char *, struct hc_buf *);
static int	 from_url(const struct httpc_url *, struct hc_buf *);
static int	 from_netrc(const struct config *, const struct httpc_url *,
		    struct hc_buf *, int *);

/* "Basic " and the base64 of user:password (RFC 7617). */
static char *
basic(const char *cred, size_t len)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*p = (const unsigned char *)cred;
	char			*out, *o;
	size_t			 i;
	unsigned int		 v;

	if (len > (SIZE_MAX - 8) / 4 * 3 - 3)
		return NULL;
	if ((out = malloc(6 + (len + 2) / 3 * 4 + 1)) == NULL)
		return NULL;
	memcpy(out, "Basic ", 6);
	o = out + 6;
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = b64[v >> 6 & 63];
		*o++ = b64[v & 63];
	}
	if (len - i == 1) {
		v = (unsigned)p[i] << 16;
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = '=';
		*o++ = '=';
	} else if (len - i == 2) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = b64[v >> 6 & 63];
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/* The Basic value of the user:password b holds (the caller wipes b). */
static int
basic_value(const struct hc_buf *b, char **value)
{
	*value = b->data != NULL ? basic(b->data, b->len) : NULL;
	return *value != NULL ? 0 : msg_nomem();
}

/* "user:password" (password NULL: "user:"); 0 or -1 (no memory). */
static int
add_cred(struct hc_buf *b, const char *user, const char *password)
{
	if (hc_buf_addstr(b, user) != HTTPC_OK ||
	    hc_buf_add(b, ":", 1) != HTTPC_OK ||
	    (password != NULL && hc_buf_addstr(b, password) != HTTPC_OK))
		return -1;
	return 0;
}

/*
 * -n, --netrc-optional, --netrc-file: the login and password for the
 * URL's host, unless -u or the URL gave both.  A login in the URL picks
 * that login's entry.  *found says whether b got "login:password".
 */
static int
from_netrc(const struct config *cfg, const struct httpc_url *u,
    struct hc_buf *b, int *found)
{
	enum netrc_result	 r;
	char			*user = NULL, *login = NULL, *password = NULL;
	int			 rc = 0;

	*found = 0;
	if (!cfg->netrc && !cfg->netrc_optional && cfg->netrc_file == NULL)
		return 0;
	if (u->user != NULL && (user = pct_decode(u->user, strlen(u->user),
	    NULL)) == NULL)
		return msg_nomem();
	r = netrc_lookup(cfg->netrc_file, u->host, user, &login, &password);
	switch (r) {
	case NETRC_FOUND:
		if (add_cred(b, login, password) == -1)
			rc = msg_nomem();
		else
			*found = 1;
		break;
	case NETRC_NOT_FOUND:
		break;
	case NETRC_NO_FILE:
		/* Only -n insists on the file; --netrc-optional does not. */
		if (cfg->netrc_optional)
			break;
		msg_error(EXIT_READ_ERROR, "no .netrc file found%s%s",
		    cfg->netrc_file != NULL ? ": " : "",
		    cfg->netrc_file != NULL ? cfg->netrc_file : "");
		rc = EXIT_READ_ERROR;
		break;
	case NETRC_NOMEM:
		rc = msg_nomem();
		break;
	default:
		msg_error(EXIT_READ_ERROR, ".netrc: %s", netrc_strerror(r));
		rc = EXIT_READ_ERROR;
		break;
	}
	netrc_free(login);
	netrc_free(password);
	if (user != NULL)
		freezero(user, strlen(user));
	return rc;
}

/*
 * -u or -U user[:password]: without a password, asked on the terminal
 * (what is "host" or "proxy", for the prompt).
 */
static int
from_user(const char *user, const char *what, struct hc_buf *b)
{
	char	 pw[PASSWORD_MAX], prompt[512];
	int	 rc;

	if (strchr(user, ':') != NULL)
		return hc_buf_addstr(b, user) != HTTPC_OK ? msg_nomem() : 0;
	snprintf(prompt, sizeof(prompt), "Enter %s password for user '%s':",
	    what, user);
	if (readpassphrase(prompt, pw, sizeof(pw), RPP_REQUIRE_TTY) == NULL)
		pw[0] = '\0';
	rc = add_cred(b, user, pw) == -1 ? msg_nomem() : 0;
	explicit_bzero(pw, sizeof(pw));
	return rc;
}

/* The URL's user information, percent-decoded. */
static int
from_url(const struct httpc_url *u, struct hc_buf *b)
{
	char	*user, *pass = NULL;
	int	 rc;

	if ((user = pct_decode(u->user, strlen(u->user), NULL)) == NULL)
		return msg_nomem();
	if (u->password != NULL && (pass = pct_decode(u->password,
	    strlen(u->password), NULL)) == NULL) {
		freezero(user, strlen(user));
		return msg_nomem();
	}
	rc = add_cred(b, user, pass) == -1 ? msg_nomem() : 0;
	freezero(user, strlen(user));
	if (pass != NULL)
		freezero(pass, strlen(pass));
	return rc;
}

int
auth_value(const struct config *cfg, const struct httpc_url *u, char **value)
{
	struct hc_buf	 b;
	int		 rc = 0, found = 0;

	*value = NULL;
	hc_buf_init(&b, SIZE_MAX / 2);
	/* Room for usual credentials at once: no realloc leaves a copy of
	 * a password behind in freed memory. */
	if (hc_buf_reserve(&b, CRED_ROOM) != HTTPC_OK)
		return msg_nomem();
	if (cfg->user == NULL && (u->user == NULL || u->password == NULL) &&
	    (rc = from_netrc(cfg, u, &b, &found)) != 0)
		goto done;
	if (!found && cfg->user != NULL)
		rc = from_user(cfg->user, "host", &b);
	else if (!found && u->user != NULL)
		rc = from_url(u, &b);
	else if (!found) {
		if (cfg->oauth2_bearer != NULL && asprintf(value, "Bearer %s",
		    cfg->oauth2_bearer) == -1) {
			*value = NULL;
			rc = msg_nomem();
		}
		goto done;
	}
	if (rc != 0)
		goto done;
	rc = basic_value(&b, value);
done:
	/* What is left holds a password: wiped, not just freed. */
	if (b.data != NULL)
		freezero(b.data, b.cap);
	return rc;
}

int
auth_proxy_user(const char *arg, char **userpw)
{
	struct hc_buf	 b;
	int		 rc;

	*userpw = NULL;
	hc_buf_init(&b, SIZE_MAX / 2);
	if (hc_buf_reserve(&b, CRED_ROOM) != HTTPC_OK)
		return msg_nomem();
	if ((rc = from_user(arg, "proxy", &b)) == 0 &&
	    (*userpw = hc_buf_take(&b)) == NULL)
		rc = msg_nomem();
	if (b.data != NULL)
		freezero(b.data, b.cap);
	return rc;
}

int
auth_proxy_value(const char *userpw, const struct proxy *p, char **value)
{
	struct hc_buf	 b;
	int		 rc = 0;

	*value = NULL;
	if (p->user == NULL && userpw == NULL)
		return 0;
	hc_buf_init(&b, SIZE_MAX / 2);
	if (hc_buf_reserve(&b, CRED_ROOM) != HTTPC_OK)
		return msg_nomem();
	/* As curl: the proxy string's credentials win over -U. */
	if (p->user != NULL)
		rc = add_cred(&b, p->user, p->password);
	else
		rc = hc_buf_addstr(&b, userpw) == HTTPC_OK ? 0 : -1;
	if (rc == -1) {
		rc = msg_nomem();
		goto done;
	}
	rc = basic_value(&b, value);
done:
	if (b.data != NULL)
		freezero(b.data, b.cap);
	return rc;
}
