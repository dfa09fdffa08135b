/*
 * File names chosen for the user: -O from the URL, -J from the
 * server's Content-Disposition.  Neither ever holds a directory part.
 */
#ifndef OUTNAME_H
#define OUTNAME_H

#include "httpc.h"

/*
 * -O: the last segment of the URL path as written (no %-decoding), a
 * backslash ending a segment as '/' does (curl); for a path ending in
 * '/' the last directory name; "httpc_response" when the path has none
 * or it is "." or "..".  *name is the caller's.  0 or -1 (no memory).
 */
int	outname_url(const struct httpc_url *, char **name);
/*
 * -J: the filename parameter of a Content-Disposition value, without any
 * directory part a server put in it.  *name is NULL when there is none
 * or it is unusable (empty, ".", "..", control characters).  0 or -1.
 */
int	outname_disposition(const char *value, char **name);
/* dir "/" name for --output-dir (dir NULL or "": a copy of name). 0 or
 * -1. */
int	outname_join(const char *dir, const char *name, char **path);

#endif /* OUTNAME_H */
