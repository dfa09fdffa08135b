/*
 * Files for unit tests that read files: written into the test's own
 * temporary directory, aborting on any failure (a test without its file
 * would test nothing).
 */
#ifndef TMPFILE_H
#define TMPFILE_H

#include <stddef.h>

/* Writes len bytes of data to dir/name; returns the path (to free). */
char	*tmp_file(const char *dir, const char *name, const char *data,
	    size_t len);

#endif
