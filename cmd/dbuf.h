/*
 * A growable byte buffer for the program, after curl's dynbuf: always
 * NUL terminated, a maximum size, and everything freed on failure so a
 * caller checks once at the end of a run of additions.
 */
#ifndef DBUF_H
#define DBUF_H

#include <stddef.h>

struct dbuf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
	int	 failed;
};

/* Cannot fail; max bounds len. */
void	dbuf_init(struct dbuf *, size_t max);
/* Append n bytes; -1 (buffer freed, failed set) when over max or OOM. */
int	dbuf_add(struct dbuf *, const void *, size_t);
int	dbuf_adds(struct dbuf *, const char *);
int	dbuf_addf(struct dbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Gives the bytes away (NUL terminated, "" when empty); NULL if failed. */
char	*dbuf_take(struct dbuf *, size_t *len);
void	dbuf_free(struct dbuf *);

#endif /* DBUF_H */
