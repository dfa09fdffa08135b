/* tmpfile.h's one helper. */
#include <stdio.h>
#include <stdlib.h>

#include "tmpfile.h"

char *
tmp_file(const char *dir, const char *name, const char *data, size_t len)
{
	char	*path;
	FILE	*fp;

	if (asprintf(&path, "%s/%s", dir, name) == -1)
		abort();
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	if (len > 0 && fwrite(data, 1, len, fp) != len)
		abort();
	if (fclose(fp) != 0)
		abort();
	return path;
}
