/*
 * Percent-decoding (RFC 3986 section 2.1) of the user information of
 * URLs and proxy strings, for the Authorization and Proxy-Authorization
 * headers that carry it raw.
 */
#ifndef PCT_H
#define PCT_H

#include <stddef.h>

/*
 * The len bytes of s with each "%XX" turned into its byte, as curl's
 * Curl_urldecode does; a '%' without two hex digits after it stays as
 * it is.  If ctl is not NULL it is set to 1 when the result holds a
 * control byte (below 0x20, or 0x7f: a NUL included), else left alone.
 * Returns a NUL-terminated string the caller frees (freezero for a
 * password), or NULL when out of memory.
 */
char	*pct_decode(const char *s, size_t len, int *ctl);

/* The value of a hex digit, or -1. */
int	 pct_hexval(int c);

#endif /* PCT_H */
