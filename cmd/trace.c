/*
 * curl's --trace format (src/tool_cb_dbg.c dump()): "== Info: " lines,
 * then for each block of bytes "=> Send header, N bytes (0xN)" and rows
 * of 16 bytes in hex and text, or, for --trace-ascii, rows of 64 bytes
 * of text where a CR LF ends the row.  The file holds what went over the
 * wire, credentials included: the manual says so.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "httpc.h"
#include "args.h"
#include "output.h"
#include "trace.h"

struct trace {
	FILE	*f;
	int	 ascii;
};

static void	 sink(void *, enum httpc_debug_type, const char *, size_t);
static void	 dump(struct trace *, const char *, const unsigned char *,
		    size_t);

static struct trace	 trace;

static void
dump(struct trace *t, const char *text, const unsigned char *p, size_t size)
{
	size_t	 i, c, width = t->ascii ? 0x40 : 0x10;

	fprintf(t->f, "%s, %zu bytes (0x%zx)\n", text, size, size);
	for (i = 0; i < size; i += width) {
		fprintf(t->f, "%04zx: ", i);
		if (!t->ascii) {
			for (c = 0; c < width; c++) {
				if (i + c < size)
					fprintf(t->f, "%02x ", p[i + c]);
				else
					fputs("   ", t->f);
			}
		}
		for (c = 0; c < width && i + c < size; c++) {
			if (t->ascii && i + c + 1 < size && p[i + c] == '\r' &&
			    p[i + c + 1] == '\n') {
				i += c + 2 - width;
				break;
			}
			fputc(p[i + c] >= 0x20 && p[i + c] < 0x80 ?
			    p[i + c] : '.', t->f);
			if (t->ascii && i + c + 2 < size &&
			    p[i + c + 1] == '\r' && p[i + c + 2] == '\n') {
				i += c + 3 - width;
				break;
			}
		}
		fputc('\n', t->f);
	}
}

static void
sink(void *arg, enum httpc_debug_type type, const char *p, size_t n)
{
	struct trace	*t = arg;

	switch (type) {
	case HTTPC_DEBUG_TEXT:
		fputs("== Info: ", t->f);
		fwrite(p, 1, n, t->f);
		if (n == 0 || p[n - 1] != '\n')
			fputc('\n', t->f);
		break;
	case HTTPC_DEBUG_HEADER_OUT:
		dump(t, "=> Send header", (const unsigned char *)p, n);
		break;
	case HTTPC_DEBUG_HEADER_IN:
		dump(t, "<= Recv header", (const unsigned char *)p, n);
		break;
	case HTTPC_DEBUG_DATA_OUT:
		dump(t, "=> Send data", (const unsigned char *)p, n);
		break;
	case HTTPC_DEBUG_DATA_IN:
		dump(t, "<= Recv data", (const unsigned char *)p, n);
		break;
	}
	fflush(t->f);
}

int
trace_start(const char *path, int ascii)
{
	if (strcmp(path, "-") == 0)
		trace.f = stdout;
	else if (strcmp(path, "%") == 0)
		trace.f = stderr;
	else if ((trace.f = fopen(path, "we")) == NULL) {
		msg_error(EXIT_WRITE_ERROR, "Failed to create/open output "
		    "%s: %s", path, strerror(errno));
		return EXIT_WRITE_ERROR;
	}
	trace.ascii = ascii;
	httpc_set_debug_sink(sink, &trace);
	return 0;
}

void
trace_stop(void)
{
	httpc_set_debug_sink(NULL, NULL);
	if (trace.f != NULL && trace.f != stdout && trace.f != stderr)
		fclose(trace.f);
	trace.f = NULL;
}
