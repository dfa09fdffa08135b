/*
 * Internal to libhttpc: the chunked transfer-coding decoder (RFC 9112
 * section 7.1).  No I/O: it is fed bytes and hands back spans of data.
 */
#ifndef HC_CHUNKED_H
#define HC_CHUNKED_H

#include <stddef.h>
#include <stdint.h>

#include "httpc.h"

/* At most 16 hex digits: sizes fit in 64 bits, bounded before use. */
#define HC_CHUNK_MAXDIGITS	16

struct hc_chunked {
	int		 state;
	uint64_t	 left;		/* data bytes left in this chunk */
	int		 digits;
	size_t		 linelen;	/* bytes of the current line */
	size_t		 trailer_bytes;
	size_t		 trailer_lines;
};

void		 hc_chunked_init(struct hc_chunked *);
/*
 * Consumes framing bytes of in[0..len) until a data span, the end of the
 * input or the end of the body; a span is at most maxdata bytes.  *used is what was consumed (the span
 * included); *data and *dlen give the span (*dlen == 0 if none).
 * HTTPC_BAD_CHUNK, HTTPC_LINE_TOO_LONG or HTTPC_HEADERS_TOO_LARGE on bad
 * input; the decoder is then stuck in its error.
 */
enum httpc_err	 hc_chunked_step(struct hc_chunked *, const char *in,
		    size_t len, size_t maxdata, size_t *used, const char **data,
		    size_t *dlen);
/* 1 once the last chunk and the trailer section were consumed. */
int		 hc_chunked_done(const struct hc_chunked *);
/* Data bytes left in the current chunk (0 outside chunk data). */
uint64_t	 hc_chunked_data_left(const struct hc_chunked *);
/*
 * n data bytes of the current chunk (at most hc_chunked_data_left) went
 * by without passing through the decoder: spliced by read_fd.
 */
void		 hc_chunked_skip(struct hc_chunked *, uint64_t n);

#endif
