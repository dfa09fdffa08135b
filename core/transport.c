/* Helpers over any transport. */
#include "transport.h"

enum httpc_err
hc_write_all(struct httpc_transport *t, const void *p, size_t n)
{
	const char	*s = p;
	size_t		 put;
	enum httpc_err	 e;

	while (n > 0) {
		if ((e = t->ops->write(t, s, n, &put)) != HTTPC_OK)
			return e;
		if (put == 0)
			return HTTPC_SEND;
		s += put;
		n -= put;
	}
	return HTTPC_OK;
}
