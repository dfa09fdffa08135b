/*
 * libFuzzer target for the -w format interpreter (cmd/writeout.c): any
 * bytes as a format, against a transfer with every field set, output
 * thrown away.  The Makefile links fuzz targets with core only, so the
 * module is compiled in here.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpc.h"
#include "cmd/writeout.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct httpc_header fuzz_headers[] = {
	{ "Content-Type", "text/html; charset=utf-8" },
	{ "Set-Cookie", "a=1" },
	{ "set-cookie", "b=\"2\"\\\x01\xff" },
	{ "X-Empty", "" },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE		*null;
	struct writeout_info	 info;
	char			*fmt;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	/* The format is a C string: a NUL ends it, as in argv. */
	if ((fmt = malloc(size + 1)) == NULL)
		return 0;
	memcpy(fmt, data, size);
	fmt[size] = '\0';

	memset(&info, 0, sizeof(info));
	info.http_code = 404;
	info.http_version = 11;
	info.exitcode = size % 2 ? 22 : 0;
	info.errormsg = "The requested URL returned error: 404";
	info.size_download = INT64_MAX;
	info.time_total_us = INT64_MAX;
	info.time_connect_us = -1;
	info.url = info.url_effective = "http://example.invalid/\"\\";
	info.method = "GET";
	info.scheme = "http";
	info.content_type = "text/html; charset=utf-8";
	info.remote_ip = "::1";
	info.headers = fuzz_headers;
	info.nheaders = sizeof(fuzz_headers) / sizeof(fuzz_headers[0]);
	(void)writeout(null, null, fmt, &info);

	free(fmt);
	return 0;
}
