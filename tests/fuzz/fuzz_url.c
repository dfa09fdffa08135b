/*
 * libFuzzer target for core/url.c: httpc_url_parse with the flags of the
 * first byte, httpc_url_resolve of a reference against that URL, and
 * httpc_url_string.  The input after the first byte is "url\0ref" (no
 * NUL: the whole rest is both).  Beyond "no crash, no leak" it checks
 * that a URL written out parses back to the same string, that what
 * comes out holds no control character or space, and that a
 * request-target is ASCII (8-bit bytes are percent-encoded).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "httpc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
clean(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* string(u) parses back to a URL that writes the same string. */
static void
round_trip(const struct httpc_url *u, int flags)
{
	struct httpc_url	*v;
	char			*s, *t;

	if (u->scheme == NULL || u->path == NULL || u->target == NULL)
		abort();
	if (httpc_url_string(u, 1, &s) != HTTPC_OK)
		abort();
	if (!clean(s))
		abort();
	/* Opaque URLs ("g:h") come from resolve only. */
	if (u->host == NULL) {
		free(s);
		return;
	}
	if (u->target[0] != '/')
		abort();
	for (t = u->target; *t != '\0'; t++)
		if ((unsigned char)*t >= 0x80)
			abort();
	if (httpc_url_parse(s, flags & HTTPC_URL_PATH_AS_IS, &v, NULL) !=
	    HTTPC_OK)
		abort();
	if (httpc_url_string(v, 1, &t) != HTTPC_OK)
		abort();
	if (strcmp(s, t) != 0 || v->portnum != u->portnum ||
	    v->ipv6 != u->ipv6)
		abort();
	free(s);
	free(t);
	httpc_url_string(v, 0, &t);
	free(t);
	httpc_url_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct httpc_url	*u, *r;
	const char		*why;
	char			*url, *ref;
	size_t			 n;
	int			 flags;

	if (size < 1)
		return 0;
	flags = data[0] & (HTTPC_URL_DEFAULT_SCHEME | HTTPC_URL_PATH_AS_IS);
	data++;
	size--;
	if ((url = malloc(size + 1)) == NULL)
		return 0;
	memcpy(url, data, size);
	url[size] = '\0';
	n = strlen(url);
	ref = n < size ? url + n + 1 : url;

	why = NULL;
	if (httpc_url_parse(url, flags, &u, &why) != HTTPC_OK) {
		if (u != NULL || why == NULL)
			abort();
		free(url);
		return 0;
	}
	round_trip(u, flags);
	why = NULL;
	if (httpc_url_resolve(u, ref, &r, &why) == HTTPC_OK) {
		round_trip(r, 0);
		httpc_url_free(r);
	} else if (r != NULL || why == NULL)
		abort();
	httpc_url_free(u);
	free(url);
	return 0;
}
