/*
 * HTTPResponse: the status line, the header section and the body framing
 * of RFC 9112 section 6.3, read through the connection's reader.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "chunked.h"
#include "conn.h"
#include "debug.h"
#include "headers.h"
#include "response.h"
#include "tcp.h"

/* A caller asking for this much gets chunk data without a copy. */
#define CHUNK_DIRECT		(HC_READER_SIZE / 4)
#define CHUNK_FRAMING_READ	64
/* read_fd: the copy path's buffer, and the splice path's pipe. */
#define COPY_SIZE		(256 * 1024)
#define PIPE_SIZE		(1024 * 1024)

enum framing {
	FRAME_NONE,		/* no body: HEAD, 1xx, 204, 304 */
	FRAME_LENGTH,		/* Content-Length */
	FRAME_CHUNKED,
	FRAME_CLOSE		/* until the server closes */
};

struct joined {
	struct joined	*next;
	char		 value[];
};

struct httpc_response {
	struct httpc_conn	*conn;		/* NULL once detached */
	struct hc_reader	*rd;
	int			 status;
	int			 version;
	char			*reason;
	struct hc_buf		 msg;		/* header section as received */
	struct hc_fields	 fields;
	struct joined		*joined;	/* getheader's joined values */
	enum framing		 framing;
	off_t			 length;	/* announced, or -1 */
	off_t			 left;		/* of Content-Length */
	off_t			 got;		/* body bytes read */
	struct hc_chunked	 ch;
	enum httpc_err		 cherr;		/* held until the data before
						 * it was handed over */
	int			 will_close;
	int			 tunnel;	/* a reply to CONNECT */
	int			 done;
	enum httpc_err		 err;		/* sticky */
	/* read_fd */
	char			*copybuf;
	int			 pipefd[2];	/* -1: none yet */
	int			 nosplice;	/* the kernel said no */
	int			 grown;		/* tried to grow fd's pipe */
	int			 framing_only;	/* read_chunked: stop before
						 * data not yet buffered */
};

static enum httpc_err	 read_head(struct httpc_response *);
static enum httpc_err	 framing(struct httpc_response *,
			    const struct hc_request_info *);
static enum httpc_err	 content_length(struct httpc_response *, int *);
static void		 finish(struct httpc_response *);
static enum httpc_err	 fail(struct httpc_response *, enum httpc_err,
			    const char *);
static enum httpc_err	 read_chunked(struct httpc_response *, char *,
			    size_t, size_t *);
static int		 write_all(int, const char *, size_t, size_t *);
static enum httpc_err	 write_failed(struct httpc_response *, int);
static void		 moved(struct httpc_response *, size_t);
static enum httpc_err	 drain_buffer(struct httpc_response *, int, size_t,
			    size_t *);
static enum httpc_err	 pipe_to_fd(struct httpc_response *, int, size_t);
static enum httpc_err	 read_splice(struct httpc_response *,
			    struct hc_tcp *, int, size_t, size_t *);
static enum httpc_err	 read_copy(struct httpc_response *, int, size_t,
			    size_t *);

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum httpc_err
hc_parse_status_line(const char *s, size_t n, int *version, int *status,
    size_t *reason_off)
{
	size_t		 i;
	unsigned char	 c;

	if (n < 5 || memcmp(s, "HTTP/", 5) != 0)
		return HTTPC_BAD_STATUS_LINE;
	/* HTTP/d.d or HTTP/d, then a space: a version we may not speak. */
	if (n >= 9 && is_digit(s[5]) && s[6] == '.' && is_digit(s[7]) &&
	    s[8] == ' ') {
		if (s[5] != '1')
			return HTTPC_UNKNOWN_PROTOCOL;
		*version = s[7] == '0' ? 10 : 11;
		i = 9;
	} else if (n >= 7 && is_digit(s[5]) && s[6] == ' ')
		return HTTPC_UNKNOWN_PROTOCOL;
	else
		return HTTPC_BAD_STATUS_LINE;
	if (n - i < 3 || !is_digit(s[i]) || !is_digit(s[i + 1]) ||
	    !is_digit(s[i + 2]) || s[i] == '0')
		return HTTPC_BAD_STATUS_LINE;
	*status = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	i += 3;
	if (i == n) {
		*reason_off = n;
		return HTTPC_OK;
	}
	if (s[i] != ' ')
		return HTTPC_BAD_STATUS_LINE;
	*reason_off = ++i;
	for (; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return HTTPC_BAD_STATUS_LINE;
	}
	return HTTPC_OK;
}

/* The line without its CR LF or LF; a CR anywhere else is refused. */
static int
strip_eol(const char *line, size_t *n)
{
	if (*n == 0 || line[*n - 1] != '\n')
		return -1;
	(*n)--;
	if (*n > 0 && line[*n - 1] == '\r')
		(*n)--;
	if (memchr(line, '\r', *n) != NULL || memchr(line, '\0', *n) != NULL)
		return -1;
	return 0;
}

static enum httpc_err
fail(struct httpc_response *r, enum httpc_err e, const char *what)
{
	if (what != NULL)
		hc_conn_seterr(r->conn, e, "%s", what);
	r->err = e;
	/* A connection in an unknown state is never reused. */
	if (r->conn != NULL && !r->tunnel)
		hc_conn_response_done(r->conn, r, 0);
	r->conn = NULL;
	r->rd = NULL;
	return e;
}

/*
 * One response head: status line and fields, HTTPC_MAXHEADERBYTES at
 * most.
 */
static enum httpc_err
read_head(struct httpc_response *r)
{
	const char	*line;
	size_t		 n, raw, total, roff;
	enum httpc_err	 e;

	hc_buf_reset(&r->msg);
	hc_fields_free(&r->fields);
	e = hc_reader_line(r->rd, HTTPC_MAXLINE, &line, &n);
	if (e == HTTPC_LINE_TOO_LONG)
		return fail(r, e, "status line longer than 65536 bytes");
	if (e != HTTPC_OK)
		return fail(r, e, NULL);
	/* Nothing where a status line belongs, after an interim response
	 * too: curl's "empty reply" (52). */
	if (n == 0)
		return fail(r, HTTPC_REMOTE_DISCONNECTED,
		    "empty reply from server");
	raw = n;
	hc_debug_data(r->conn, 1, HTTPC_DEBUG_HEADER_IN, line, raw);
	if (strip_eol(line, &n) == -1)
		return fail(r, HTTPC_BAD_STATUS_LINE,
		    "malformed status line from server");
	e = hc_parse_status_line(line, n, &r->version, &r->status, &roff);
	if (e == HTTPC_UNKNOWN_PROTOCOL)
		return fail(r, e, "unsupported HTTP version in status line");
	if (e != HTTPC_OK)
		return fail(r, e, "malformed status line from server");
	free(r->reason);
	if ((r->reason = strndup(line + roff, n - roff)) == NULL ||
	    hc_buf_add(&r->msg, line, raw) != HTTPC_OK)
		return fail(r, HTTPC_NOMEM, NULL);
	total = raw;
	for (;;) {
		e = hc_reader_line(r->rd, HTTPC_MAXLINE, &line, &n);
		if (e == HTTPC_LINE_TOO_LONG)
			return fail(r, e, "header line longer than 65536 bytes");
		if (e != HTTPC_OK)
			return fail(r, e, NULL);
		if (n == 0)
			return fail(r, HTTPC_BAD_HEADER,
			    "connection closed in the header section");
		raw = n;
		if (raw > HTTPC_MAXHEADERBYTES - total)
			return fail(r, HTTPC_HEADERS_TOO_LARGE,
			    "header section larger than 300 KiB");
		total += raw;
		hc_debug_data(r->conn, 1, HTTPC_DEBUG_HEADER_IN, line, raw);
		if (hc_buf_add(&r->msg, line, raw) != HTTPC_OK)
			return fail(r, HTTPC_NOMEM, NULL);
		if (strip_eol(line, &n) == -1)
			return fail(r, HTTPC_BAD_HEADER,
			    "malformed header line from server");
		if (n == 0)
			break;
		e = hc_fields_add_line(&r->fields, line, n);
		if (e == HTTPC_TOO_MANY_HEADERS)
			return fail(r, e, "more than 5000 header fields");
		if (e == HTTPC_BAD_HEADER)
			return fail(r, e, "malformed header line from server");
		if (e != HTTPC_OK)
			return fail(r, e, NULL);
	}
	if ((e = hc_fields_finish(&r->fields)) != HTTPC_OK)
		return fail(r, e, NULL);
	return HTTPC_OK;
}

/*
 * Every Content-Length field and list element must be digits only and
 * agree; *have is 0 if there is none.
 */
static enum httpc_err
content_length(struct httpc_response *r, int *have)
{
	const char	*v, *p;
	size_t		 len, i;
	long		 idx = -1;
	off_t		 val, prev = -1;
	const char	*errstr;
	char		 num[24];

	*have = 0;
	while ((idx = hc_fields_find(&r->fields, "Content-Length",
	    (size_t)(idx + 1))) >= 0) {
		v = hc_fields_value(&r->fields, (size_t)idx);
		do {
			p = v + strspn(v, " \t");
			len = strcspn(p, ",");
			v = p + len;
			while (len > 0 && (p[len - 1] == ' ' ||
			    p[len - 1] == '\t'))
				len--;
			if (len == 0 || len >= sizeof(num))
				return HTTPC_BAD_LENGTH;
			for (i = 0; i < len; i++)
				if (!is_digit(p[i]))
					return HTTPC_BAD_LENGTH;
			memcpy(num, p, len);
			num[len] = '\0';
			val = strtonum(num, 0, LLONG_MAX, &errstr);
			if (errstr != NULL)
				return HTTPC_BAD_LENGTH;
			if (prev != -1 && val != prev)
				return HTTPC_BAD_LENGTH;
			prev = val;
			*have = 1;
		} while (*v++ == ',');
	}
	r->length = *have ? prev : -1;
	return HTTPC_OK;
}

static enum httpc_err
framing(struct httpc_response *r, const struct hc_request_info *req)
{
	long		 i;
	int		 have_cl, chunked = 0, te = 0, tebad = 0, nobody;
	int		 close = 0, keepalive = 0;
	const char	*v;
	char		 last[32];
	enum httpc_err	 e;

	if ((e = content_length(r, &have_cl)) != HTTPC_OK)
		return fail(r, e, "bad Content-Length in reply");
	nobody = req->head || r->status < 200 || r->status == 204 ||
	    r->status == 304 || (req->connect && r->status / 100 == 2);
	for (i = -1; (i = hc_fields_find(&r->fields, "Transfer-Encoding",
	    (size_t)(i + 1))) >= 0; ) {
		v = hc_fields_value(&r->fields, (size_t)i);
		te = 1;
		/* Only chunked, once: other codings we cannot undo. */
		hc_list_last(v, last, sizeof(last));
		if (chunked || strcasecmp(last, "chunked") != 0 ||
		    strchr(v, ',') != NULL)
			tebad = 1;
		chunked = 1;
	}
	/* Where there is no body, its coding does not matter. */
	if (tebad && !nobody)
		return fail(r, HTTPC_UNKNOWN_TRANSFER_ENCODING,
		    "unsupported transfer-coding in reply");
	/* Every Connection field counts; close wins over keep-alive. */
	for (i = -1; (i = hc_fields_find(&r->fields, "Connection",
	    (size_t)(i + 1))) >= 0; ) {
		v = hc_fields_value(&r->fields, (size_t)i);
		close |= hc_list_has(v, "close");
		keepalive |= hc_list_has(v, "keep-alive");
	}
	r->will_close = close || (r->version == 10 && !keepalive);
	/* After a final answer to Expect the body stays unsent. */
	if (req->close || r->status == 101 ||
	    (req->expect && r->status != 100))
		r->will_close = 1;

	if (nobody) {
		r->framing = FRAME_NONE;
	} else if (te) {
		/* With Content-Length too this may be smuggling: no reuse. */
		if (have_cl || r->version == 10)
			r->will_close = 1;
		r->framing = FRAME_CHUNKED;
		r->length = -1;
		hc_chunked_init(&r->ch);
	} else if (have_cl) {
		r->framing = FRAME_LENGTH;
		r->left = r->length;
	} else {
		r->framing = FRAME_CLOSE;
		r->will_close = 1;
	}
	if (r->framing == FRAME_LENGTH && r->left == 0)
		r->framing = FRAME_NONE;
	return HTTPC_OK;
}

enum httpc_err
hc_response_begin(struct httpc_conn *c, struct hc_reader *rd,
    const struct hc_request_info *req, struct httpc_response **out)
{
	struct httpc_response	*r;
	int			 interim = 0;
	enum httpc_err		 e;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return HTTPC_NOMEM;
	r->conn = c;
	r->rd = rd;
	r->tunnel = req->connect;
	r->length = -1;
	r->pipefd[0] = r->pipefd[1] = -1;
	hc_buf_init(&r->msg, HTTPC_MAXHEADERBYTES);
	hc_fields_init(&r->fields);
	for (;;) {
		if ((e = read_head(r)) != HTTPC_OK)
			goto fail;
		if (r->status >= 200 || r->status == 101 ||
		    (req->expect && r->status == 100))
			break;
		/* The caller's callback is for the origin's replies. */
		if (!req->connect)
			hc_conn_interim(c, r->status, r->msg.data, r->msg.len);
		if (++interim > HTTPC_MAXINTERIM) {
			e = fail(r, HTTPC_TOO_MANY_INTERIM,
			    "more than 100 interim 1xx responses");
			goto fail;
		}
	}
	if ((e = framing(r, req)) != HTTPC_OK)
		goto fail;
	if (r->framing == FRAME_NONE)
		finish(r);
	*out = r;
	return HTTPC_OK;
fail:
	httpc_response_free(r);
	return e;
}

/* The body is complete: the connection may serve the next request. */
static void
finish(struct httpc_response *r)
{
	r->done = 1;
	if (r->conn != NULL && !r->tunnel)
		hc_conn_response_done(r->conn, r, !r->will_close);
}

void
hc_response_detach(struct httpc_response *r)
{
	r->conn = NULL;
	r->rd = NULL;
}

static enum httpc_err
read_chunked(struct httpc_response *r, char *buf, size_t amt, size_t *n)
{
	const char	*data;
	size_t		 used, dlen, avail, got;
	uint64_t	 left;
	enum httpc_err	 e;

	if (r->cherr != HTTPC_OK)
		return r->cherr;
	while (*n < amt && !hc_chunked_done(&r->ch)) {
		left = hc_chunked_data_left(&r->ch);
		if (left > 0 && hc_reader_pending(r->rd) == 0) {
			/* read_fd splices what comes next. */
			if (r->framing_only)
				break;
			/* Inside a chunk with nothing buffered: read the
			 * data straight into the caller's buffer. */
			got = amt - *n;
			if ((uint64_t)got > left)
				got = (size_t)left;
			if ((e = hc_reader_read(r->rd, buf + *n, got, &got)) !=
			    HTTPC_OK)
				return e;
			if (got == 0)
				return HTTPC_INCOMPLETE_READ;
			e = hc_chunked_step(&r->ch, buf + *n, got, got, &used,
			    &data, &dlen);
			*n += dlen;
			if (e != HTTPC_OK)
				return e;
			if (*n > 0 && hc_reader_pending(r->rd) == 0)
				break;
			continue;
		}
		/*
		 * Between chunks with nothing buffered, read just enough for
		 * the framing line: the data of a big chunk then goes
		 * straight to the caller instead of through the buffer.
		 */
		if ((e = hc_reader_fill_max(r->rd, left == 0 &&
		    amt - *n >= CHUNK_DIRECT ? CHUNK_FRAMING_READ :
		    HC_READER_SIZE)) != HTTPC_OK)
			return e;
		avail = hc_reader_pending(r->rd);
		if (avail == 0)
			return HTTPC_INCOMPLETE_READ;
		e = hc_chunked_step(&r->ch, r->rd->buf + r->rd->pos, avail,
		    amt - *n, &used, &data, &dlen);
		if (e != HTTPC_OK && *n > 0) {
			/* The data before the bad framing goes out first,
			 * however the bytes were split. */
			r->cherr = e;
			return HTTPC_OK;
		}
		if (e != HTTPC_OK)
			return e;
		if (dlen > 0)
			memcpy(buf + *n, data, dlen);
		*n += dlen;
		r->rd->pos += used;
		/* Hand back what we have rather than block for more. */
		if (*n > 0 && hc_reader_pending(r->rd) == 0)
			break;
	}
	return HTTPC_OK;
}

enum httpc_err
httpc_response_read(struct httpc_response *r, void *p, size_t amt, size_t *n)
{
	enum httpc_err	 e = HTTPC_OK;
	size_t		 got = 0;

	*n = 0;
	if (r->err != HTTPC_OK)
		return r->err;
	if (r->done || amt == 0)
		return HTTPC_OK;
	if (r->rd == NULL)
		return fail(r, HTTPC_NOT_CONNECTED, "connection was closed");
	switch (r->framing) {
	case FRAME_NONE:
		break;
	case FRAME_LENGTH:
		/* Compared unsigned: a huge amt is no negative off_t. */
		if ((uint64_t)amt > (uint64_t)r->left)
			amt = (size_t)r->left;
		if ((e = hc_reader_read(r->rd, p, amt, &got)) != HTTPC_OK)
			return fail(r, e, NULL);
		if (got == 0) {
			hc_conn_seterr(r->conn, HTTPC_INCOMPLETE_READ,
			    "transfer closed with %lld bytes remaining to read",
			    (long long)r->left);
			return fail(r, HTTPC_INCOMPLETE_READ, NULL);
		}
		r->left -= got;
		break;
	case FRAME_CLOSE:
		if ((e = hc_reader_read(r->rd, p, amt, &got)) != HTTPC_OK)
			return fail(r, e, NULL);
		break;
	case FRAME_CHUNKED:
		e = read_chunked(r, p, amt, &got);
		if (e == HTTPC_INCOMPLETE_READ) {
			r->got += got;
			hc_conn_seterr(r->conn, e, "transfer closed with "
			    "outstanding read data remaining");
			return fail(r, e, NULL);
		}
		if (e == HTTPC_LINE_TOO_LONG || e == HTTPC_TOO_MANY_HEADERS ||
		    e == HTTPC_HEADERS_TOO_LARGE || e == HTTPC_BAD_CHUNK) {
			r->got += got;
			return fail(r, e, e == HTTPC_BAD_CHUNK ?
			    "bad chunked encoding in reply" :
			    "chunked trailer section too large");
		}
		if (e != HTTPC_OK)
			return fail(r, e, NULL);
		break;
	}
	r->got += got;
	*n = got;
	if (got > 0)
		hc_debug_data(r->conn, 2, HTTPC_DEBUG_DATA_IN, p, got);
	if ((r->framing == FRAME_LENGTH && r->left == 0) ||
	    (r->framing == FRAME_CLOSE && got == 0) ||
	    (r->framing == FRAME_CHUNKED && hc_chunked_done(&r->ch)) ||
	    r->framing == FRAME_NONE)
		finish(r);
	return HTTPC_OK;
}

enum httpc_err
httpc_response_read_all(struct httpc_response *r, size_t max, char **data,
    size_t *len)
{
	struct hc_buf	 b;
	char		 tmp[16384];
	size_t		 n;
	enum httpc_err	 e;

	hc_buf_init(&b, max);
	*data = NULL;
	*len = 0;
	do {
		if ((e = httpc_response_read(r, tmp, sizeof(tmp), &n)) !=
		    HTTPC_OK || (e = hc_buf_add(&b, tmp, n)) != HTTPC_OK) {
			hc_buf_free(&b);
			return e;
		}
	} while (n > 0);
	*len = b.len;
	if ((*data = hc_buf_take(&b)) == NULL)
		return HTTPC_NOMEM;
	return HTTPC_OK;
}

/*
 * Writes all n bytes of p to fd, through short writes, EINTR and a
 * non-blocking fd; -1 with errno set on failure, *put what went out.
 */
static int
write_all(int fd, const char *p, size_t n, size_t *put)
{
	struct pollfd	 pfd;
	ssize_t		 w;

	*put = 0;
	while (*put < n) {
		w = write(fd, p + *put, n - *put);
		if (w > 0) {
			*put += (size_t)w;
			continue;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, -1) == -1 && errno != EINTR)
			return -1;
	}
	return 0;
}

/*
 * Writing to the caller's fd failed with err: HTTPC_WRITE from now on.
 * Body bytes were taken off the connection and not delivered, so an
 * unfinished body also closes it; errno is err again for the caller.
 */
static enum httpc_err
write_failed(struct httpc_response *r, int err)
{
	hc_conn_seterr(r->conn, HTTPC_WRITE, "failure writing output: %s",
	    strerror(err));
	if (r->done) {
		r->err = HTTPC_WRITE;
		r->conn = NULL;
		r->rd = NULL;
	} else
		fail(r, HTTPC_WRITE, NULL);
	errno = err;
	return HTTPC_WRITE;
}

/* n body bytes went to the caller by read_fd's own paths. */
static void
moved(struct httpc_response *r, size_t n)
{
	r->got += n;
	if (r->framing == FRAME_LENGTH) {
		r->left -= n;
		if (r->left == 0)
			finish(r);
	}
	if (r->framing == FRAME_CHUNKED)
		hc_chunked_skip(&r->ch, n);
}

/* Bytes the reader holds already go out first, from its buffer. */
static enum httpc_err
drain_buffer(struct httpc_response *r, int fd, size_t max, size_t *n)
{
	const char	*p = r->rd->buf + r->rd->pos;
	size_t		 avail = hc_reader_pending(r->rd), put;
	int		 rc;

	if (avail > max)
		avail = max;
	if (r->framing == FRAME_LENGTH && (uint64_t)avail > (uint64_t)r->left)
		avail = (size_t)r->left;
	hc_debug_data(r->conn, 2, HTTPC_DEBUG_DATA_IN, p, avail);
	rc = write_all(fd, p, avail, &put);
	r->rd->pos += put;
	moved(r, put);
	if (rc == -1)
		return write_failed(r, errno);
	*n = put;
	return HTTPC_OK;
}

/*
 * Empties the response's pipe, holding len body bytes, into fd.  Where
 * the kernel cannot splice into fd the bytes are read back and written.
 */
static enum httpc_err
pipe_to_fd(struct httpc_response *r, int fd, size_t len)
{
	struct pollfd	 pfd;
	ssize_t		 w;
	size_t		 put;

	while (len > 0) {
		if (!r->nosplice) {
			w = splice(r->pipefd[0], NULL, fd, NULL, len,
			    SPLICE_F_MOVE);
			if (w > 0) {
				len -= (size_t)w;
				continue;
			}
			if (w == 0)
				return write_failed(r, EIO);
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				pfd.fd = fd;
				pfd.events = POLLOUT;
				if (poll(&pfd, 1, -1) == -1 && errno != EINTR)
					return write_failed(r, errno);
				continue;
			}
			if (errno != EINVAL && errno != ENOSYS)
				return write_failed(r, errno);
			r->nosplice = 1;
		}
		if (r->copybuf == NULL &&
		    (r->copybuf = malloc(COPY_SIZE)) == NULL)
			return fail(r, HTTPC_NOMEM, NULL);
		w = read(r->pipefd[0], r->copybuf,
		    len < COPY_SIZE ? len : COPY_SIZE);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(r, HTTPC_SYS, NULL);
		if (write_all(fd, r->copybuf, (size_t)w, &put) == -1)
			return write_failed(r, errno);
		len -= (size_t)w;
	}
	return HTTPC_OK;
}

/*
 * The fast path: socket to fd with splice(2), directly into a pipe, else
 * through the response's own pipe.  HTTPC_UNSUPPORTED, nothing moved,
 * when fd is of a kind or mode this cannot serve.
 */
static enum httpc_err
read_splice(struct httpc_response *r, struct hc_tcp *tcp, int fd,
    size_t max, size_t *n)
{
	struct stat	 st;
	size_t		 got;
	int		 fl, direct;
	enum httpc_err	 e;

	if (fstat(fd, &st) == -1 || (fl = fcntl(fd, F_GETFL)) == -1)
		return HTTPC_UNSUPPORTED;
	direct = S_ISFIFO(st.st_mode);
	/* Splicing into a file opened for appending is EINVAL. */
	if (!direct && !(S_ISREG(st.st_mode) && !(fl & O_APPEND)) &&
	    !S_ISCHR(st.st_mode))
		return HTTPC_UNSUPPORTED;
	if (r->framing == FRAME_LENGTH && (uint64_t)max > (uint64_t)r->left)
		max = (size_t)r->left;
	if (r->framing == FRAME_CHUNKED &&
	    (uint64_t)max > hc_chunked_data_left(&r->ch))
		max = (size_t)hc_chunked_data_left(&r->ch);
	if (direct) {
		/* A larger pipe, when we may, takes more per call and lets
		 * the reader take more per read.  Only ever grown. */
		if (!r->grown) {
			r->grown = 1;
			if (fcntl(fd, F_GETPIPE_SZ) < PIPE_SIZE)
				(void)fcntl(fd, F_SETPIPE_SZ, PIPE_SIZE);
		}
		e = hc_tcp_splice(tcp, fd, max, &got);
	} else {
		if (r->pipefd[0] == -1) {
			if (pipe2(r->pipefd, O_CLOEXEC) == -1) {
				r->pipefd[0] = r->pipefd[1] = -1;
				return HTTPC_UNSUPPORTED;
			}
			/* Not allowed beyond /proc/sys/fs/pipe-max-size:
			 * then the default size. */
			(void)fcntl(r->pipefd[1], F_SETPIPE_SZ, PIPE_SIZE);
		}
		if (max > PIPE_SIZE)
			max = PIPE_SIZE;
		e = hc_tcp_splice(tcp, r->pipefd[1], max, &got);
		if (e == HTTPC_OK && got > 0 &&
		    (e = pipe_to_fd(r, fd, got)) != HTTPC_OK) {
			r->got += got;
			return e;
		}
	}
	if (e == HTTPC_UNSUPPORTED)
		return e;
	if (e != HTTPC_OK) {
		fl = errno;		/* for HTTPC_WRITE's caller */
		fail(r, e, NULL);
		errno = fl;
		return e;
	}
	if (got == 0) {
		r->rd->eof = 1;
		if (r->framing == FRAME_LENGTH) {
			hc_conn_seterr(r->conn, HTTPC_INCOMPLETE_READ,
			    "transfer closed with %lld bytes remaining to read",
			    (long long)r->left);
			return fail(r, HTTPC_INCOMPLETE_READ, NULL);
		}
		if (r->framing == FRAME_CHUNKED) {
			hc_conn_seterr(r->conn, HTTPC_INCOMPLETE_READ,
			    "transfer closed with outstanding read data "
			    "remaining");
			return fail(r, HTTPC_INCOMPLETE_READ, NULL);
		}
		finish(r);
		return HTTPC_OK;
	}
	moved(r, got);
	*n = got;
	return HTTPC_OK;
}

/* Elsewhere: httpc_response_read into a large buffer, then write(2). */
static enum httpc_err
read_copy(struct httpc_response *r, int fd, size_t max, size_t *n)
{
	size_t		 got, put;
	enum httpc_err	 e;

	if (r->copybuf == NULL && (r->copybuf = malloc(COPY_SIZE)) == NULL)
		return HTTPC_NOMEM;
	if ((e = httpc_response_read(r, r->copybuf,
	    max < COPY_SIZE ? max : COPY_SIZE, &got)) != HTTPC_OK)
		return e;
	if (got > 0 && write_all(fd, r->copybuf, got, &put) == -1)
		return write_failed(r, errno);
	*n = got;
	return HTTPC_OK;
}

enum httpc_err
httpc_response_read_fd(struct httpc_response *r, int fd, size_t max,
    size_t *n)
{
	struct hc_tcp	*tcp = NULL;
	enum httpc_err	 e;
	int		 can_splice;

	*n = 0;
	if (r->err != HTTPC_OK)
		return r->err;
	if (r->done || max == 0)
		return HTTPC_OK;
	if (r->rd == NULL)
		return fail(r, HTTPC_NOT_CONNECTED, "connection was closed");
	can_splice = !r->nosplice && r->conn != NULL &&
	    hc_conn_debuglevel(r->conn) < 2 &&
	    (tcp = hc_conn_tcp(r->conn)) != NULL;
	if (r->framing == FRAME_CHUNKED && can_splice) {
		/*
		 * The framing, and data the reader holds, by the copy path,
		 * stopping where the chunk's data is still in the socket:
		 * that is spliced, up to the chunk's end.
		 */
		if (hc_chunked_data_left(&r->ch) == 0 ||
		    hc_reader_pending(r->rd) > 0) {
			r->framing_only = 1;
			e = read_copy(r, fd, max, n);
			r->framing_only = 0;
			if (e != HTTPC_OK || *n > 0 || r->done)
				return e;
		}
		if (hc_chunked_data_left(&r->ch) == 0 ||
		    hc_reader_pending(r->rd) > 0 || r->rd->eof)
			return read_copy(r, fd, max, n);
		if ((e = read_splice(r, tcp, fd, max, n)) != HTTPC_UNSUPPORTED)
			return e;
		r->nosplice = 1;
	}
	if (r->framing == FRAME_LENGTH || r->framing == FRAME_CLOSE) {
		if (hc_reader_pending(r->rd) > 0)
			return drain_buffer(r, fd, max, n);
		if (can_splice && !r->rd->eof) {
			e = read_splice(r, tcp, fd, max, n);
			if (e != HTTPC_UNSUPPORTED)
				return e;
			r->nosplice = 1;
		}
	}
	return read_copy(r, fd, max, n);
}

void
httpc_response_partial(const struct httpc_response *r, off_t *partial,
    off_t *expected)
{
	*partial = r->got;
	*expected = r->length;
}

int
httpc_response_status(const struct httpc_response *r)
{
	return r->status;
}

const char *
httpc_response_reason(const struct httpc_response *r)
{
	return r->reason != NULL ? r->reason : "";
}

int
httpc_response_version(const struct httpc_response *r)
{
	return r->version;
}

enum httpc_err
httpc_response_getheader(struct httpc_response *r, const char *name,
    const char *def, const char **value)
{
	long		 i, first;
	struct hc_buf	 b;
	struct joined	*j;
	enum httpc_err	 e;

	*value = def;
	if ((first = hc_fields_find(&r->fields, name, 0)) < 0)
		return HTTPC_OK;
	*value = hc_fields_value(&r->fields, (size_t)first);
	if (hc_fields_find(&r->fields, name, (size_t)first + 1) < 0)
		return HTTPC_OK;
	/* Repeated: joined with ", " and kept until the response goes. */
	hc_buf_init(&b, HTTPC_MAXHEADERBYTES * 2);
	if ((e = hc_buf_reserve(&b, sizeof(*j))) != HTTPC_OK)
		return e;
	b.len = sizeof(*j);
	for (i = first; i >= 0; i = hc_fields_find(&r->fields, name,
	    (size_t)i + 1)) {
		if ((i != first && (e = hc_buf_add(&b, ", ", 2)) != HTTPC_OK) ||
		    (e = hc_buf_addstr(&b, hc_fields_value(&r->fields,
		    (size_t)i))) != HTTPC_OK)
			return e;
	}
	j = (struct joined *)(void *)hc_buf_take(&b);
	if (j == NULL)
		return HTTPC_NOMEM;
	j->next = r->joined;
	r->joined = j;
	*value = j->value;
	return HTTPC_OK;
}

void
httpc_response_getheaders(const struct httpc_response *r,
    const struct httpc_header **list, size_t *n)
{
	*list = r->fields.list;
	*n = r->fields.n;
}

void
httpc_response_msg(const struct httpc_response *r, const char **p, size_t *n)
{
	*p = r->msg.data != NULL ? r->msg.data : "";
	*n = r->msg.len;
}

off_t
httpc_response_length(const struct httpc_response *r)
{
	return r->framing == FRAME_LENGTH || r->framing == FRAME_NONE ?
	    (r->length >= 0 ? r->length : 0) : -1;
}

int
httpc_response_isclosed(const struct httpc_response *r)
{
	return r->done;
}

int
httpc_response_will_close(const struct httpc_response *r)
{
	return r->will_close;
}

void
httpc_response_free(struct httpc_response *r)
{
	struct joined	*j;

	if (r == NULL)
		return;
	if (r->conn != NULL && !r->done && !r->tunnel)
		hc_conn_response_done(r->conn, r, 0);
	while ((j = r->joined) != NULL) {
		r->joined = j->next;
		free(j);
	}
	free(r->reason);
	hc_buf_free(&r->msg);
	hc_fields_free(&r->fields);
	free(r->copybuf);
	if (r->pipefd[0] != -1) {
		close(r->pipefd[0]);
		close(r->pipefd[1]);
	}
	free(r);
}
