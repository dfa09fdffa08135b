/*
 * Redirect rules, curl's (lib/transfer.c Curl_follow), kept in one
 * place because they decide where credentials and bodies end up.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httpc.h"
#include "args.h"
#include "output.h"
#include "redirect.h"

int
redirect_status(int status)
{
	return status == 301 || status == 302 || status == 303 ||
	    status == 307 || status == 308;
}

int
redirect_method(const struct config *cfg, int status, enum req_kind *kind)
{
	switch (status) {
	case 301:
	case 302:
		if (*kind == REQ_POST &&
		    !(status == 301 ? cfg->post301 : cfg->post302)) {
			*kind = REQ_GET;
			return 1;
		}
		return 0;
	case 303:
		if (*kind == REQ_HEAD || (*kind == REQ_POST && cfg->post303))
			return 0;
		*kind = REQ_GET;
		return 1;
	default:
		return 0;
	}
}

int
redirect_target(const struct config *cfg, const struct httpc_url *cur,
    const char *location, struct httpc_url **next)
{
	const char	*why = NULL;
	enum httpc_err	 e;

	(void)cfg;
	*next = NULL;
	if ((e = httpc_url_resolve(cur, location, next, &why)) != HTTPC_OK) {
		if (e == HTTPC_NOMEM) {
			msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
			return EXIT_OUT_OF_MEMORY;
		}
		msg_error(EXIT_URL_MALFORMAT, "Redirect location rejected: %s",
		    why != NULL ? why : httpc_strerror(e));
		return EXIT_URL_MALFORMAT;
	}
	if (strcmp((*next)->scheme, "http") != 0 &&
	    strcmp((*next)->scheme, "https") != 0) {
		msg_error(EXIT_UNSUPPORTED_PROTOCOL, "Protocol \"%s\" not "
		    "supported for redirects", (*next)->scheme);
		httpc_url_free(*next);
		*next = NULL;
		return EXIT_UNSUPPORTED_PROTOCOL;
	}
	return 0;
}

int
same_origin(const struct httpc_url *a, const struct httpc_url *b)
{
	return strcmp(a->scheme, b->scheme) == 0 &&
	    strcasecmp(a->host, b->host) == 0 && a->portnum == b->portnum;
}
