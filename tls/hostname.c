/*
 * Host names against certificate names, as RFC 6125 and today's browsers
 * do it: subjectAltName dNSName entries only, a wildcard only as the
 * whole left-most label with at least two labels after it, IP literals
 * only against iPAddress entries (elsewhere).  No mbedTLS here: mbedTLS
 * 2.28 falls back to the CN and matches IP literals against DNS names,
 * so we do not use its check.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "tls.h"

static size_t	label_len(const char *, size_t);

int
hc_tls_host_name(const char *host, char *buf, size_t bufsz)
{
	size_t	 len;

	if (host == NULL || (len = strlen(host)) == 0)
		return -1;
	/* "example.com." is the same name; SNI and SANs never have it. */
	if (host[len - 1] == '.')
		len--;
	if (len == 0 || len >= bufsz)
		return -1;
	memcpy(buf, host, len);
	buf[len] = '\0';
	return 0;
}

size_t
hc_tls_ip_literal(const char *host, unsigned char addr[16])
{
	char	 buf[INET6_ADDRSTRLEN + 1];
	size_t	 len;

	if (inet_pton(AF_INET, host, addr) == 1)
		return 4;
	/* A zone ("fe80::1%eth0") is local routing, not part of the name. */
	len = strcspn(host, "%");
	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, host, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET6, buf, addr) == 1)
		return 16;
	return 0;
}

/* Length of the first label of s (up to a dot or the end). */
static size_t
label_len(const char *s, size_t len)
{
	const char	*dot;

	if ((dot = memchr(s, '.', len)) == NULL)
		return len;
	return (size_t)(dot - s);
}

int
hc_tls_match_dns(const char *pattern, size_t plen, const char *host)
{
	size_t	 hlen, first;

	if (pattern == NULL || host == NULL)
		return 0;
	/* A NUL inside an IA5String is an attack, never a name. */
	if (memchr(pattern, '\0', plen) != NULL)
		return 0;
	hlen = strlen(host);
	if (hlen > 0 && host[hlen - 1] == '.')
		hlen--;
	if (plen > 0 && pattern[plen - 1] == '.')
		plen--;
	if (hlen == 0 || plen == 0)
		return 0;

	if (memchr(pattern, '*', plen) == NULL)
		return plen == hlen && strncasecmp(pattern, host, hlen) == 0;

	/*
	 * Only "*.rest": the star alone in the left-most label, nothing
	 * else starred, and rest of two labels at least, so that "*.com"
	 * or "*" never match and "f*.example.com" is not honoured.
	 */
	if (plen < 2 || pattern[0] != '*' || pattern[1] != '.')
		return 0;
	pattern += 2;
	plen -= 2;
	if (memchr(pattern, '*', plen) != NULL)
		return 0;
	if (label_len(pattern, plen) == 0 ||
	    label_len(pattern, plen) == plen ||
	    pattern[plen - 1] == '.')
		return 0;
	/* The star is exactly one non-empty label of host. */
	first = label_len(host, hlen);
	if (first == 0 || first == hlen)
		return 0;
	if (hlen - first - 1 != plen)
		return 0;
	return strncasecmp(host + first + 1, pattern, plen) == 0;
}
