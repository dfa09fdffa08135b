/* The in-memory transport of the unit tests. */
#include <stdlib.h>
#include <string.h>

#include "memtransport.h"

static enum httpc_err
mem_read(struct httpc_transport *t, void *p, size_t n, size_t *got)
{
	struct memt	*m = (struct memt *)t;
	size_t		 max = m->inlen - m->inpos;

	m->nreads++;
	if (m->fail_read > 0 && (int)m->nreads == m->fail_read)
		return HTTPC_RECV;
	if (m->nsizes > 0 && m->sizes[(m->nreads - 1) % m->nsizes] < max)
		max = m->sizes[(m->nreads - 1) % m->nsizes];
	if (m->split > 0 && max > m->split)
		max = m->split;
	if (max > n)
		max = n;
	memcpy(p, m->in + m->inpos, max);
	m->inpos += max;
	*got = max;
	return HTTPC_OK;
}

static enum httpc_err
mem_write(struct httpc_transport *t, const void *p, size_t n, size_t *put)
{
	struct memt	*m = (struct memt *)t;
	char		*o;

	if (m->fail_write > 0 && ++m->nwrites == m->fail_write)
		return HTTPC_SEND;
	*put = n;
	if (m->log == NULL)
		return HTTPC_OK;
	if ((o = realloc(m->log->out, m->log->outlen + n + 1)) == NULL)
		return HTTPC_NOMEM;
	m->log->out = o;
	memcpy(o + m->log->outlen, p, n);
	m->log->outlen += n;
	o[m->log->outlen] = '\0';
	return HTTPC_OK;
}

static void
mem_close(struct httpc_transport *t)
{
	struct memt	*m = (struct memt *)t;

	if (m->log != NULL)
		m->log->closed = 1;
	memt_free(m);
}

static const struct httpc_transport_ops mem_ops = {
	"memory", mem_read, mem_write, mem_close
};

struct memt *
memt_new(const char *in, size_t len, size_t split)
{
	struct memt	*m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	m->t.ops = &mem_ops;
	m->in = in;
	m->inlen = len;
	m->split = split;
	return m;
}

void
memt_free(struct memt *m)
{
	free(m);
}

void
memt_log_free(struct memt_log *l)
{
	free(l->out);
	l->out = NULL;
	l->outlen = 0;
	l->closed = 0;
}
