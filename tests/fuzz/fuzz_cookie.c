/*
 * libFuzzer target for cmd/cookie.c: Set-Cookie values from a chosen
 * request URL, cookie files (Netscape lines and Set-Cookie lines), the
 * cookie-date parser and -b literals.  Beyond "no crash, no leak" it
 * checks properties: a Cookie header never holds a control byte, and a
 * saved jar loads back into a jar that saves to as many lines and bytes.
 *
 * The first byte picks the mode and the request URL, the second the
 * clock; the rest is the input.  cookie.c lives in cmd/, which "make
 * fuzz" does not build for the fuzzer, so it is compiled in here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "httpc.h"
#include "cmd/cookie.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const fuzz_urls[][3] = {
	{ "http", "example.com", "/" },
	{ "https", "www.example.com", "/a/b/c" },
	{ "http", "a.b.example.co.uk", "/x" },
	{ "https", "127.0.0.1", "/p/q/" },
	{ "http", "::1", "/" },
	{ "https", "localhost", "/deep/er/path" },
	{ "http", "com", "/" },
	{ "https", "EXAMPLE.COM", "/A/" },
};
#define FUZZ_NURLS	(sizeof(fuzz_urls) / sizeof(fuzz_urls[0]))

static void	 fuzz_url(struct httpc_url *, size_t);
static void	 fuzz_headers(struct cookie_jar *, time_t);
static size_t	 fuzz_lines(const char *, size_t);
static void	 fuzz_roundtrip(struct cookie_jar *, time_t);

static void
fuzz_url(struct httpc_url *u, size_t i)
{
	memset(u, 0, sizeof(*u));
	u->scheme = (char *)fuzz_urls[i % FUZZ_NURLS][0];
	u->host = (char *)fuzz_urls[i % FUZZ_NURLS][1];
	u->path = (char *)fuzz_urls[i % FUZZ_NURLS][2];
	u->target = u->path;
}

/* The header for every URL, both ways: never a CTL in it. */
static void
fuzz_headers(struct cookie_jar *jar, time_t now)
{
	struct httpc_url	 u;
	char			*out;
	size_t			 i, k;

	for (i = 0; i < FUZZ_NURLS; i++) {
		fuzz_url(&u, i);
		if (cookie_jar_header(jar, &u, (int)(i & 1), now, &out) == -1)
			continue;
		if (out == NULL)
			continue;
		for (k = 0; out[k] != '\0'; k++)
			if (((unsigned char)out[k] < 0x20 && out[k] != '\t') ||
			    out[k] == 0x7f)
				abort();
		/* An empty header is never handed out. */
		if (k == 0)
			abort();
		free(out);
	}
}

static size_t
fuzz_lines(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			n++;
	return n;
}

/* save -> load -> save: the same number of lines and bytes. */
static void
fuzz_roundtrip(struct cookie_jar *jar, time_t now)
{
	struct cookie_jar	*jar2 = NULL;
	FILE			*fp;
	char			*a = NULL, *b = NULL;
	size_t			 alen = 0, blen = 0;

	if ((fp = open_memstream(&a, &alen)) == NULL)
		return;
	if (cookie_jar_write(jar, fp, now) == -1) {
		fclose(fp);
		goto done;
	}
	fclose(fp);
	if (cookie_jar_new(&jar2) == -1)
		goto done;
	if ((fp = fmemopen(a, alen, "r")) == NULL)
		goto done;
	if (cookie_jar_load_fp(jar2, fp, 0, now) == -1) {
		fclose(fp);
		goto done;
	}
	fclose(fp);
	if ((fp = open_memstream(&b, &blen)) == NULL)
		goto done;
	if (cookie_jar_write(jar2, fp, now) == -1) {
		fclose(fp);
		goto done;
	}
	fclose(fp);
	if (alen != blen || fuzz_lines(a, alen) != fuzz_lines(b, blen))
		abort();
done:
	cookie_jar_free(jar2);
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cookie_jar	*jar;
	struct httpc_url	 u;
	const char		*s, *end, *nl;
	char			*line;
	FILE			*fp;
	time_t			 now, t;
	int			 mode;

	if (size < 2)
		return 0;
	mode = data[0] & 3;
	fuzz_url(&u, data[0] >> 2);
	/* Around 2023, or near the epoch, or far out. */
	now = (time_t)1700000000 + (time_t)(data[1] & 0x3f) * 86400 * 30;
	if (data[1] & 0x40)
		now = (time_t)(data[1] & 0x3f);
	s = (const char *)data + 2;
	end = (const char *)data + size;
	if (cookie_jar_new(&jar) == -1)
		return 0;

	switch (mode) {
	case 0:
		/* One Set-Cookie value per line, against URLs in turn. */
		while (s < end) {
			if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
				nl = end;
			if ((line = strndup(s, (size_t)(nl - s))) == NULL)
				break;
			(void)cookie_result_str(cookie_jar_set_cookie(jar, &u,
			    line, now));
			free(line);
			fuzz_url(&u, (size_t)(nl - s) + (size_t)data[0]);
			now += 7;
			s = nl + 1;
		}
		break;
	case 1:
		/* A -b file, with or without -j. */
		if ((fp = fmemopen((void *)s, (size_t)(end - s), "r")) !=
		    NULL) {
			(void)cookie_jar_load_fp(jar, fp, data[1] >> 7, now);
			fclose(fp);
		}
		break;
	case 2:
		/* The date parser alone, bounded by len (no NUL). */
		if (cookie_parse_date(s, (size_t)(end - s), &t) == 0 &&
		    (t < (time_t)-11644473600LL || t > (time_t)253402300799LL))
			abort();
		break;
	case 3:
		/* -b literals, one per line. */
		while (s < end) {
			if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
				nl = end;
			if ((line = strndup(s, (size_t)(nl - s))) == NULL)
				break;
			(void)cookie_jar_add_literal(jar, line);
			free(line);
			s = nl + 1;
		}
		(void)cookie_jar_set_cookie(jar, &u, "a=b", now);
		break;
	}
	fuzz_headers(jar, now);
	fuzz_roundtrip(jar, now);
	cookie_jar_free(jar);
	return 0;
}
