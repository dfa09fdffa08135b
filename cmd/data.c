/*
 * Request data.  Each piece of -d and its relatives is turned into bytes
 * with curl's rules, then the pieces are joined:
 *   -d, --data-ascii  "@file" reads the file and drops CR and LF (each
 *                     line ends at its first CR or NUL, as curl's line
 *                     reader does); "@-" is stdin
 *   --data-binary     "@file" as is
 *   --data-raw        no '@' meaning at all
 *   --data-urlencode  content, =content, name=content, @file, name@file;
 *                     the content is percent-encoded, a space as '+'
 *   --json            like --data-binary; pieces are concatenated
 * Everything else is joined with '&'.
 */
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "buf.h"
#include "data.h"

/* Request bodies from the command line are held in memory, as curl does. */
#define DATA_MAX	((size_t)1 << 40)

static int	 add_piece(struct hc_buf *, const struct data_arg *);
static int	 add_urlencoded(struct hc_buf *, const char *, int);
static enum httpc_err encode(struct hc_buf *, const char *, size_t);
static int	 read_error(const char *);
static int	 nomem(void);

int
data_slurp(const char *path, char **data, size_t *len)
{
	struct hc_buf	 b;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd, save;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	hc_buf_init(&b, DATA_MAX);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (hc_buf_add(&b, chunk, (size_t)n) != HTTPC_OK) {
			errno = ENOMEM;
			n = -1;
			break;
		}
	}
	save = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	if (n == -1) {
		hc_buf_free(&b);
		errno = save;
		return -1;
	}
	*len = b.len;
	if ((*data = hc_buf_take(&b)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

static int
read_error(const char *path)
{
	fprintf(stderr, "httpc: (%d) Failed to read data from %s: %s\n",
	    EXIT_READ_ERROR, strcmp(path, "-") == 0 ? "stdin" : path,
	    strerror(errno));
	return errno == ENOMEM ? EXIT_OUT_OF_MEMORY : EXIT_READ_ERROR;
}

static int
nomem(void)
{
	fprintf(stderr, "httpc: (%d) out of memory\n", EXIT_OUT_OF_MEMORY);
	return EXIT_OUT_OF_MEMORY;
}

/* curl_easy_escape, with a space as '+' as --data-urlencode sends it. */
static enum httpc_err
encode(struct hc_buf *b, const char *p, size_t n)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;
	char			 esc[3];
	size_t			 i;
	enum httpc_err		 e = HTTPC_OK;

	for (i = 0; i < n && e == HTTPC_OK; i++) {
		c = (unsigned char)p[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			e = hc_buf_add(b, p + i, 1);
		} else if (c == ' ') {
			e = hc_buf_add(b, "+", 1);
		} else {
			esc[0] = '%';
			esc[1] = hex[c >> 4];
			esc[2] = hex[c & 0xf];
			e = hc_buf_add(b, esc, 3);
		}
	}
	return e;
}

/*
 * The --data-urlencode forms.  As curl, the first '=' splits name and
 * content; failing that the first '@' splits name and file.  plus: a
 * leading '+' means "already encoded" (--url-query only).
 */
static int
add_urlencoded(struct hc_buf *b, const char *arg, int plus)
{
	const char	*p, *content;
	char		*file = NULL;
	size_t		 nlen = 0, clen;
	int		 sep = 0, rc = 0;

	if (plus && arg[0] == '+')
		return hc_buf_addstr(b, arg + 1) != HTTPC_OK ? nomem() : 0;
	if ((p = strchr(arg, '=')) == NULL)
		p = strchr(arg, '@');
	if (p != NULL) {
		nlen = (size_t)(p - arg);
		sep = *p;
		content = p + 1;
	} else
		content = arg;
	clen = strlen(content);
	if (sep == '@') {
		if (data_slurp(content, &file, &clen) == -1)
			return read_error(content);
		content = file;
	}
	if ((nlen > 0 && (hc_buf_add(b, arg, nlen) != HTTPC_OK ||
	    hc_buf_add(b, "=", 1) != HTTPC_OK)) ||
	    encode(b, content, clen) != HTTPC_OK)
		rc = nomem();
	free(file);
	return rc;
}

static int
add_piece(struct hc_buf *b, const struct data_arg *d)
{
	const char	*line, *end, *stop;
	char		*file;
	size_t		 len, n;
	enum httpc_err	 e = HTTPC_OK;

	switch (d->kind) {
	case DATA_URLENCODE:
		return add_urlencoded(b, d->arg, 0);
	case DATA_RAW:
		return hc_buf_addstr(b, d->arg) != HTTPC_OK ? nomem() : 0;
	case DATA_ASCII:
	case DATA_BINARY:
	case DATA_JSON:
		break;
	}
	if (d->arg[0] != '@')
		return hc_buf_addstr(b, d->arg) != HTTPC_OK ? nomem() : 0;
	if (data_slurp(d->arg + 1, &file, &len) == -1)
		return read_error(d->arg + 1);
	if (d->kind != DATA_ASCII) {
		e = hc_buf_add(b, file, len);
		free(file);
		return e != HTTPC_OK ? nomem() : 0;
	}
	for (line = file; line < file + len && e == HTTPC_OK; line = end + 1) {
		if ((end = memchr(line, '\n', (size_t)(file + len - line))) ==
		    NULL)
			end = file + len;
		for (stop = line, n = 0; stop < end && *stop != '\r' &&
		    *stop != '\0'; stop++)
			n++;
		e = hc_buf_add(b, line, n);
	}
	free(file);
	return e != HTTPC_OK ? nomem() : 0;
}

int
data_build(const struct config *cfg, char **body, size_t *len)
{
	struct hc_buf	 b;
	size_t		 i;
	int		 rc;

	*body = NULL;
	*len = 0;
	if (cfg->ndata == 0)
		return 0;
	hc_buf_init(&b, DATA_MAX);
	for (i = 0; i < cfg->ndata; i++) {
		if (i > 0 && !(cfg->data[i].kind == DATA_JSON &&
		    cfg->data[i - 1].kind == DATA_JSON) &&
		    hc_buf_add(&b, "&", 1) != HTTPC_OK)
			return nomem();
		if ((rc = add_piece(&b, &cfg->data[i])) != 0) {
			hc_buf_free(&b);
			return rc;
		}
	}
	*len = b.len;
	if ((*body = hc_buf_take(&b)) == NULL) {
		*len = 0;
		return nomem();
	}
	return 0;
}

int
data_url(const struct config *cfg, const char *url, const char *body,
    size_t bodylen, char **out)
{
	struct hc_buf	 b, q;
	const char	*hash;
	size_t		 i, ulen;
	int		 rc, have;

	*out = NULL;
	hc_buf_init(&q, DATA_MAX);
	hc_buf_init(&b, DATA_MAX);
	for (i = 0; i < cfg->url_queries.n; i++) {
		if (i > 0 && hc_buf_add(&q, "&", 1) != HTTPC_OK)
			goto nomem;
		if ((rc = add_urlencoded(&q, cfg->url_queries.v[i], 1)) != 0) {
			hc_buf_free(&q);
			return rc;
		}
	}
	if (cfg->get && body != NULL && bodylen > 0 &&
	    ((q.len > 0 && hc_buf_add(&q, "&", 1) != HTTPC_OK) ||
	    hc_buf_add(&q, body, bodylen) != HTTPC_OK))
		goto nomem;
	hash = strchr(url, '#');
	ulen = hash != NULL ? (size_t)(hash - url) : strlen(url);
	have = memchr(url, '?', ulen) != NULL;
	if (hc_buf_add(&b, url, ulen) != HTTPC_OK ||
	    (q.len > 0 && (hc_buf_add(&b, have ? "&" : "?", 1) != HTTPC_OK ||
	    hc_buf_add(&b, q.data, q.len) != HTTPC_OK)) ||
	    (hash != NULL && hc_buf_addstr(&b, hash) != HTTPC_OK) ||
	    (*out = hc_buf_take(&b)) == NULL)
		goto nomem;
	hc_buf_free(&q);
	return 0;
nomem:
	hc_buf_free(&q);
	hc_buf_free(&b);
	return nomem();
}
