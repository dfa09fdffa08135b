/*
 * Internal to libhttpc: buffered input from a transport.  Lines for the
 * header section, bytes for bodies; large reads bypass the buffer.
 */
#ifndef HC_READER_H
#define HC_READER_H

#include <stddef.h>

#include "httpc.h"

#define HC_READER_SIZE	(HTTPC_MAXLINE * 2)

struct hc_reader {
	struct httpc_transport	*t;
	char			*buf;
	size_t			 pos;		/* first unread byte */
	size_t			 len;		/* end of buffered bytes */
	int			 eof;
};

/* Takes ownership of t; fails only on out of memory (t is closed). */
enum httpc_err	 hc_reader_new(struct hc_reader **, struct httpc_transport *);
/* Closes the transport and frees; NULL is fine. */
void		 hc_reader_free(struct hc_reader *);
/*
 * Frees the reader and hands its transport back, open, so that another
 * layer (TLS after a proxy's CONNECT reply) can read from it: only when
 * no byte is buffered, since those would be lost.  NULL, the reader
 * untouched, when some are.
 */
struct httpc_transport *hc_reader_release(struct hc_reader *);
/*
 * The next line, up to and including its LF, at most max bytes
 * (HTTPC_LINE_TOO_LONG beyond).  *line points into the buffer until the
 * next call.  At end of stream with nothing buffered: *len == 0.  At end
 * of stream in the middle of a line: the partial line, no LF.
 */
enum httpc_err	 hc_reader_line(struct hc_reader *, size_t max,
		    const char **line, size_t *len);
/* Up to n bytes; *got == 0 only at end of stream. */
enum httpc_err	 hc_reader_read(struct hc_reader *, void *, size_t n,
		    size_t *got);
/* Buffered bytes not yet consumed. */
size_t		 hc_reader_pending(const struct hc_reader *);
/* Makes sure at least one byte is buffered (or end of stream). */
enum httpc_err	 hc_reader_fill(struct hc_reader *);
/* The same, reading at most max bytes when the buffer is empty. */
enum httpc_err	 hc_reader_fill_max(struct hc_reader *, size_t max);

#endif
