/*
 * Internal to libhttpc: a growable byte buffer with a hard maximum, after
 * curl's dynbuf.  The data is always NUL terminated.
 */
#ifndef HC_BUF_H
#define HC_BUF_H

#include <stddef.h>

#include "httpc.h"

struct hc_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
};

/* Cannot fail; nothing is allocated until the first add. */
void		 hc_buf_init(struct hc_buf *, size_t max);
/* Appends n bytes; beyond max or out of memory frees all and fails. */
enum httpc_err	 hc_buf_add(struct hc_buf *, const void *, size_t n);
enum httpc_err	 hc_buf_addstr(struct hc_buf *, const char *);
enum httpc_err	 hc_buf_printf(struct hc_buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Makes room for n more bytes without adding them. */
enum httpc_err	 hc_buf_reserve(struct hc_buf *, size_t n);
/* Drops the first n bytes. */
void		 hc_buf_consume(struct hc_buf *, size_t n);
void		 hc_buf_reset(struct hc_buf *);
void		 hc_buf_free(struct hc_buf *);
/* Gives the bytes away (NUL terminated, never NULL); the buffer is empty
 * afterwards.  NULL on out of memory. */
char		*hc_buf_take(struct hc_buf *);

#endif
