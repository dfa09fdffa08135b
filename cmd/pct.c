/*
 * One percent-decoder for the program: -u and URL credentials (auth.c)
 * and proxy credentials (proxyenv.c) decode the same way.
 */
#include <stdlib.h>

#include "pct.h"

int
pct_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
pct_decode(const char *s, size_t len, int *ctl)
{
	char	*out;
	size_t	 i, n = 0;
	int	 c;

	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '%' && len - i > 2 && pct_hexval(s[i + 1]) >= 0 &&
		    pct_hexval(s[i + 2]) >= 0) {
			c = pct_hexval(s[i + 1]) << 4 | pct_hexval(s[i + 2]);
			i += 2;
		}
		if (ctl != NULL && (c < 0x20 || c == 0x7f))
			*ctl = 1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return out;
}
