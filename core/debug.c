/*
 * set_debuglevel's printer.  The sink is the library's only global state:
 * by default curl -v's lines on stderr, "* " for what the client does,
 * "> " for header lines sent, "< " for header lines received.  Bytes from
 * the server are shown through vis(3), so a hostile header cannot drive
 * the terminal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <vis.h>

#include "conn.h"
#include "debug.h"

static void	 default_sink(void *, enum httpc_debug_type, const char *,
		    size_t);
static void	 print_escaped(FILE *, const char *, const char *, size_t,
		    int);

static httpc_debug_fn	*sink = default_sink;
static void		*sink_arg;

void
httpc_set_debug_sink(httpc_debug_fn *fn, void *arg)
{
	sink = fn != NULL ? fn : default_sink;
	sink_arg = fn != NULL ? arg : NULL;
}

void
hc_debugf(const struct httpc_conn *c, const char *fmt, ...)
{
	char	 line[1024];
	va_list	 ap;
	int	 n;

	if (c == NULL || hc_conn_debuglevel(c) < 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	line[n] = '\0';
	sink(sink_arg, HTTPC_DEBUG_TEXT, line, (size_t)n);
}

void
hc_debug_data(const struct httpc_conn *c, int min, enum httpc_debug_type t,
    const char *p, size_t n)
{
	if (c == NULL || hc_conn_debuglevel(c) < min)
		return;
	sink(sink_arg, t, p, n);
}

void
hc_debug_lines(const struct httpc_conn *c, enum httpc_debug_type t,
    const char *p, size_t len)
{
	const char	*end = p + len, *nl;

	if (c == NULL || hc_conn_debuglevel(c) < 1)
		return;
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		sink(sink_arg, t, p, (size_t)(nl - p) + 1);
		p = nl + 1;
	}
}

/*
 * Writes prefix and the bytes, escaping every byte that is not a
 * printable ASCII character, space or tab (and newline when keep_nl):
 * VIS_SAFE is not enough, it lets BS, BEL and a bare CR through, with
 * which a server could rewrite the line shown above its own.  The
 * program runs in the C locale, so bytes from 0x80 up (C1 controls such
 * as 0x9b, a CSI on some terminals) are escaped too.  A line's CR LF is
 * the caller's to print, as curl keeps it: people grep for it.
 */
static void
print_escaped(FILE *f, const char *prefix, const char *p, size_t n,
    int keep_nl)
{
	char	 out[4 * 256 + 1];
	size_t	 chunk, start;
	int	 flags = VIS_OCTAL | VIS_CSTYLE;

	if (!keep_nl)
		flags |= VIS_NL;
	fputs(prefix, f);
	for (start = 0; start < n; start += chunk) {
		chunk = n - start > 256 ? 256 : n - start;
		strvisx(out, p + start, chunk, flags);
		fputs(out, f);
	}
}

static void
default_sink(void *arg, enum httpc_debug_type t, const char *p, size_t n)
{
	size_t	 body;

	(void)arg;
	switch (t) {
	case HTTPC_DEBUG_TEXT:
		/* Host names and messages may come from a server too (a
		 * Location's host): escaped like header lines. */
		body = n;
		if (body > 0 && p[body - 1] == '\n')
			body--;
		print_escaped(stderr, "* ", p, body, 0);
		fputc('\n', stderr);
		break;
	case HTTPC_DEBUG_HEADER_OUT:
	case HTTPC_DEBUG_HEADER_IN:
		/* One header line, its CR LF (or bare LF) included. */
		body = n;
		if (body > 0 && p[body - 1] == '\n')
			body--;
		if (body > 0 && p[body - 1] == '\r')
			body--;
		print_escaped(stderr, t == HTTPC_DEBUG_HEADER_OUT ? "> " : "< ",
		    p, body, 0);
		fwrite(p + body, 1, n - body, stderr);
		if (body == n)
			fputc('\n', stderr);
		break;
	case HTTPC_DEBUG_DATA_OUT:
	case HTTPC_DEBUG_DATA_IN:
		fprintf(stderr, "%c [%zu bytes data]\n",
		    t == HTTPC_DEBUG_DATA_OUT ? '}' : '{', n);
		print_escaped(stderr, "", p, n, 1);
		fputc('\n', stderr);
		break;
	}
	fflush(stderr);
}
