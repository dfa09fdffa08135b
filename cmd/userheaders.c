/*
 * -H parsing.  A header is kept as the user wrote it, minus the blanks
 * after the colon; CR and LF are not filtered here: libhttpc refuses them
 * in putheader, before anything is sent.  A NUL can only come from an
 * @file, and would cut the C string short without a word: it is refused
 * here, before anything is sent too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "data.h"
#include "userheaders.h"
#include "output.h"

static int	 parse_one(struct headers *, const char *, size_t);

int
headers_add(struct headers *h, const char *name, size_t namelen,
    const char *value)
{
	struct header	*v;
	char		*n, *val = NULL;

	if ((n = strndup(name, namelen)) == NULL)
		return -1;
	if (value != NULL && (val = strdup(value)) == NULL) {
		free(n);
		return -1;
	}
	if ((v = reallocarray(h->v, h->n + 1, sizeof(*v))) == NULL) {
		free(n);
		free(val);
		return -1;
	}
	h->v = v;
	h->v[h->n].name = n;
	h->v[h->n].value = val;
	h->n++;
	return 0;
}

/*
 * One header as curl reads it (Curl_add_custom_headers): a ':' anywhere
 * makes "Name: value", the value from its first non-blank; a blank
 * value removes our header of that name.  With no ':', "Name;" is the
 * header sent empty, and "Name;" with anything after it (blanks too)
 * sends nothing but still removes ours, as curl's Curl_checkheaders()
 * matches it.  A line with neither, or with no name, is ignored.
 * Returns 0, -1 when out of memory, -2 for a NUL byte in the line.
 */
static int
parse_one(struct headers *h, const char *s, size_t len)
{
	const char	*colon, *semi, *v;
	char		*value;
	size_t		 nlen;
	int		 rc;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (memchr(s, '\0', len) != NULL)
		return -2;
	if ((colon = memchr(s, ':', len)) == NULL) {
		if ((semi = memchr(s, ';', len)) == NULL || semi == s)
			return 0;
		nlen = (size_t)(semi - s);
		return headers_add(h, s, nlen, semi + 1 == s + len ? "" : NULL);
	}
	if (colon == s)
		return 0;
	nlen = (size_t)(colon - s);
	for (v = colon + 1; v < s + len && (*v == ' ' || *v == '\t'); v++)
		;
	if (v == s + len)
		return headers_add(h, s, nlen, NULL);
	if ((value = strndup(v, (size_t)(s + len - v))) == NULL)
		return -1;
	rc = headers_add(h, s, nlen, value);
	free(value);
	return rc;
}

int
headers_parse(const struct strlist *args, struct headers *h)
{
	const char	*line, *end;
	char		*file;
	size_t		 i, len;
	int		 rc;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < args->n; i++) {
		if (args->v[i][0] != '@') {
			if (parse_one(h, args->v[i], strlen(args->v[i])) == -1)
				goto nomem;
			continue;
		}
		if (data_slurp(args->v[i] + 1, &file, &len) == -1) {
			if (errno == ENOMEM)
				goto nomem;
			msg_error(EXIT_READ_ERROR, "Failed to read headers "
			    "from %s: %s", args->v[i] + 1, strerror(errno));
			return EXIT_READ_ERROR;
		}
		for (line = file; line < file + len; line = end + 1) {
			if ((end = memchr(line, '\n',
			    (size_t)(file + len - line))) == NULL)
				end = file + len;
			if ((rc = parse_one(h, line, (size_t)(end - line))) ==
			    -2) {
				free(file);
				msg_error(EXIT_BAD_ARGUMENT, "a header in %s "
				    "holds a NUL byte", args->v[i] + 1);
				return EXIT_BAD_ARGUMENT;
			}
			if (rc == -1) {
				free(file);
				goto nomem;
			}
		}
		free(file);
	}
	return 0;
nomem:
	msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
	return EXIT_OUT_OF_MEMORY;
}

const struct header *
headers_find(const struct headers *h, const char *name)
{
	size_t	 i;

	for (i = h->n; i > 0; i--)
		if (strcasecmp(h->v[i - 1].name, name) == 0)
			return &h->v[i - 1];
	return NULL;
}

void
headers_free(struct headers *h)
{
	size_t	 i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].name);
		if (h->v[i].value != NULL)
			freezero(h->v[i].value, strlen(h->v[i].value));
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}
