/*
 * The user's -H headers, parsed once: "Name: value" replaces an internal
 * header of that name, "Name:" removes it, "Name;" sends it empty
 * ("Name; more" removes it, as in curl), and "@file" reads one header
 * per line.
 */
#ifndef USERHEADERS_H
#define USERHEADERS_H

#include <stddef.h>

#include "args.h"

struct header {
	char	*name;
	char	*value;		/* NULL: "Name:", remove the internal one */
};

struct headers {
	struct header	*v;
	size_t		 n;
};

/* Parses the -H arguments.  Returns 0 or an exit code, message printed. */
int	headers_parse(const struct strlist *, struct headers *);
/* Appends a copy of name and value (value NULL: a removal). 0 or -1. */
int	headers_add(struct headers *, const char *name, size_t namelen,
	    const char *value);
/* The last header of that name (case-insensitive), or NULL. */
const struct header *headers_find(const struct headers *, const char *);
void	headers_free(struct headers *);

#endif /* USERHEADERS_H */
