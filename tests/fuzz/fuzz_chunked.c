/*
 * libFuzzer target for the chunked decoder (core/chunked.c), with no
 * I/O: the input is decoded whole, then again in pieces whose sizes and
 * whose maxdata come from the first two bytes.  The two decodings must
 * agree (data, end, error), every span must lie inside what was fed and
 * be at most maxdata long, and nothing is consumed past the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunked.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct outcome {
	enum httpc_err	 e;
	int		 done;
	size_t		 used;
	size_t		 dlen;
	uint64_t	 sum;		/* of the data, position-weighted */
};

static void
decode(const char *in, size_t len, size_t piece, size_t maxdata,
    struct outcome *o)
{
	struct hc_chunked	 ch;
	const char		*data;
	size_t			 pos = 0, end, used, dlen, i;

	memset(o, 0, sizeof(*o));
	hc_chunked_init(&ch);
	while (pos < len && o->e == HTTPC_OK && !hc_chunked_done(&ch)) {
		end = piece == 0 || len - pos < piece ? len : pos + piece;
		while (pos < end) {
			o->e = hc_chunked_step(&ch, in + pos, end - pos,
			    maxdata, &used, &data, &dlen);
			if (used > end - pos || dlen > maxdata)
				abort();
			if (dlen > 0 && (data < in + pos ||
			    data + dlen > in + pos + used))
				abort();
			for (i = 0; i < dlen; i++)
				o->sum = o->sum * 31 + (unsigned char)data[i];
			o->dlen += dlen;
			pos += used;
			if (o->e != HTTPC_OK || hc_chunked_done(&ch))
				break;
			if (used == 0)
				abort();	/* no progress, no reason */
		}
	}
	o->done = hc_chunked_done(&ch);
	o->used = pos;
	/* An error sticks. */
	if (o->e != HTTPC_OK && hc_chunked_step(&ch, "0\r\n\r\n", 5, 10,
	    &used, &data, &dlen) == HTTPC_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 maxes[] = { 1, 2, 3, 7, 100, 4096, SIZE_MAX,
	    SIZE_MAX };
	struct outcome		 whole, split;
	const char		*in;
	size_t			 piece, maxdata;

	if (size < 2)
		return 0;
	piece = data[0] == 0 ? 1 : data[0];
	maxdata = maxes[data[1] & 7];
	in = (const char *)data + 2;
	size -= 2;
	decode(in, size, 0, SIZE_MAX, &whole);
	decode(in, size, piece, maxdata, &split);
	if (whole.e != split.e || whole.done != split.done ||
	    whole.dlen != split.dlen || whole.sum != split.sum)
		abort();
	if (whole.e == HTTPC_OK && whole.used != split.used)
		abort();
	if (whole.done && whole.used > size)
		abort();
	if (whole.e != HTTPC_OK && whole.e != HTTPC_BAD_CHUNK &&
	    whole.e != HTTPC_LINE_TOO_LONG &&
	    whole.e != HTTPC_TOO_MANY_HEADERS &&
	    whole.e != HTTPC_HEADERS_TOO_LARGE)
		abort();
	return 0;
}
