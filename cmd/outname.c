/*
 * Output file names.  The server picks the name with -J, so what comes
 * from it is cut down to a plain file name here, in one place: no '/',
 * no '\', no "..", no control bytes.  It can still only create a file in
 * the output directory, and -J never replaces an existing file (see
 * output.c, O_EXCL).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httpc.h"
#include "outname.h"

#define DEFAULT_NAME	"httpc_response"

static int	 usable(const char *);

static int
usable(const char *s)
{
	const unsigned char	*p;

	if (*s == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return 0;
	return 1;
}

int
outname_url(const struct httpc_url *u, char **name)
{
	const char	*path = u->path != NULL ? u->path : "/";
	const char	*end, *start;

	end = path + strlen(path);
	/* A trailing '/' names the directory: take the segment before it. */
	while (end > path && end[-1] == '/')
		end--;
	/* As curl, a backslash ends a directory part too. */
	for (start = end; start > path && start[-1] != '/' &&
	    start[-1] != '\\'; start--)
		;
	if (start == end)
		*name = strdup(DEFAULT_NAME);
	else
		*name = strndup(start, (size_t)(end - start));
	if (*name == NULL)
		return -1;
	if (!usable(*name)) {
		free(*name);
		if ((*name = strdup(DEFAULT_NAME)) == NULL)
			return -1;
	}
	return 0;
}

int
outname_disposition(const char *value, char **name)
{
	const char	*p, *start, *end;
	char		*s, *base;

	*name = NULL;
	for (p = value; (p = strcasestr(p, "filename=")) != NULL; p += 9) {
		/* Only a parameter of its own, not "xfilename=". */
		if (p == value || p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t')
			break;
	}
	if (p == NULL)
		return 0;
	start = p + 9;
	/* Quoted with " or ' as curl reads it: up to the same quote. */
	if (*start == '"' || *start == '\'') {
		start++;
		if ((end = strchr(start, start[-1])) == NULL)
			return 0;
	} else {
		end = start + strcspn(start, ";");
		while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r' || end[-1] == '\n'))
			end--;
	}
	if ((s = strndup(start, (size_t)(end - start))) == NULL)
		return -1;
	/* Whatever directory the server named, only the last part counts. */
	base = s;
	for (p = s; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = (char *)p + 1;
	if (usable(base) && (*name = strdup(base)) == NULL) {
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

int
outname_join(const char *dir, const char *name, char **path)
{
	int	 n;

	/* --output-dir "" is the current directory, not the root. */
	if (dir == NULL || dir[0] == '\0') {
		*path = strdup(name);
		return *path == NULL ? -1 : 0;
	}
	n = asprintf(path, "%s%s%s", dir,
	    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	if (n == -1) {
		*path = NULL;
		return -1;
	}
	return 0;
}
