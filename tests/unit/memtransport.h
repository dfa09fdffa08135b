/*
 * An in-memory transport for unit tests and fuzzers: reads come from a
 * byte string, at most `split` bytes per read (or a schedule of sizes),
 * writes are captured.  Failure injection: the n-th read or write fails.
 */
#ifndef MEMTRANSPORT_H
#define MEMTRANSPORT_H

#include <stddef.h>

#include "httpc.h"

/* Outlives the transport: what the client wrote, and whether it closed. */
struct memt_log {
	char			*out;
	size_t			 outlen;
	int			 closed;
};

struct memt {
	struct httpc_transport	 t;
	const char		*in;
	size_t			 inlen;
	size_t			 inpos;
	size_t			 split;		/* max bytes per read, 0: all */
	const size_t		*sizes;		/* per-read sizes, cycled */
	size_t			 nsizes;
	size_t			 nreads;
	struct memt_log		*log;		/* may be NULL */
	int			 fail_read;	/* n-th read fails (1-based) */
	int			 fail_write;
	int			 nwrites;
};

/* The transport reads in[0..len) (not copied: keep it alive). */
struct memt	*memt_new(const char *in, size_t len, size_t split);
/* Frees what memt_new allocated if the connection never took it. */
void		 memt_free(struct memt *);
void		 memt_log_free(struct memt_log *);

#endif
