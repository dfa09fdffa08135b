/*
 * -w/--write-out, interpreted as curl 7.88's src/tool_writeout.c does:
 * one pass over the format, %{name} variables looked up without regard
 * to case, %header{name}, %% and the \n \r \t escapes, anything
 * malformed printed as it stands.  %{json} lists the variables in
 * curl's (alphabetical) order with curl's key names, so scripts written
 * for curl read ours.
 *
 * Where curl 7.88 is plainly broken we follow the fixed curl instead:
 * its JSON strings turn control characters into "u0001" (no backslash)
 * and bytes above 0x7f into "uffffffc3"; its %{header_json} drops
 * fields after a repeated one.  We write valid JSON with UTF-8 passed
 * through, and every field.  %header{name} joins repeated fields with
 * ", " (httplib's getheader()) where curl 7.88 shows only the first.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "httpc.h"
#include "writeout.h"

/* curl's buffer for the name in %header{name}: longer names match nothing. */
#define WO_HEADER_NAME_MAX	256

enum wo_kind {
	WO_STR,			/* const char *; NULL is null */
	WO_STR_EMPTY,		/* const char *; NULL is "" */
	WO_INT,			/* int */
	WO_CODE,		/* int, printed %03d outside JSON */
	WO_I64,			/* int64_t */
	WO_TIME,		/* int64_t microseconds, printed as seconds */
	WO_SCHEME,		/* const char *, upper-cased */
	WO_VERSION,		/* int 10, 11, 20, 30 as "1", "1.1", ... */
	WO_ERRORMSG,		/* errormsg, only after a failure */
	WO_NUM_HEADERS,		/* nheaders */
	WO_CONST_EMPTY,		/* always "": certs (no certificate info) */
	WO_CONST_NULL,		/* always null: ftp_entry_path */
	WO_CONST_ZERO,		/* always 0: no HTTPS proxies, no certs */
	/* Controls: not values, never in %{json}. */
	WO_CTL_HEADER_JSON,
	WO_CTL_JSON,
	WO_CTL_ONERROR,
	WO_CTL_STDERR,
	WO_CTL_STDOUT
};

struct wo_var {
	const char	*name;
	enum wo_kind	 kind;
	size_t		 off;		/* into struct writeout_info */
};

#define F(field)	offsetof(struct writeout_info, field)

/* curl 7.88's variables, in its order: %{json} prints them so. */
static const struct wo_var wo_vars[] = {
	{ "certs",		WO_CONST_EMPTY,	0 },
	{ "content_type",	WO_STR,		F(content_type) },
	{ "errormsg",		WO_ERRORMSG,	F(errormsg) },
	{ "exitcode",		WO_INT,		F(exitcode) },
	{ "filename_effective",	WO_STR,		F(filename_effective) },
	{ "ftp_entry_path",	WO_CONST_NULL,	0 },
	{ "header_json",	WO_CTL_HEADER_JSON, 0 },
	{ "http_code",		WO_CODE,	F(http_code) },
	{ "http_connect",	WO_CODE,	F(http_connect) },
	{ "http_version",	WO_VERSION,	F(http_version) },
	{ "json",		WO_CTL_JSON,	0 },
	{ "local_ip",		WO_STR_EMPTY,	F(local_ip) },
	{ "local_port",		WO_INT,		F(local_port) },
	{ "method",		WO_STR,		F(method) },
	{ "num_certs",		WO_CONST_ZERO,	0 },
	{ "num_connects",	WO_INT,		F(num_connects) },
	{ "num_headers",	WO_NUM_HEADERS,	0 },
	{ "num_redirects",	WO_INT,		F(num_redirects) },
	{ "num_retries",	WO_INT,		F(num_retries) },
	{ "onerror",		WO_CTL_ONERROR,	0 },
	{ "proxy_ssl_verify_result", WO_CONST_ZERO, 0 },
	{ "redirect_url",	WO_STR,		F(redirect_url) },
	{ "referer",		WO_STR,		F(referer) },
	{ "remote_ip",		WO_STR_EMPTY,	F(remote_ip) },
	{ "remote_port",	WO_INT,		F(remote_port) },
	{ "response_code",	WO_CODE,	F(http_code) },
	{ "scheme",		WO_SCHEME,	F(scheme) },
	{ "size_download",	WO_I64,		F(size_download) },
	{ "size_header",	WO_I64,		F(size_header) },
	{ "size_request",	WO_I64,		F(size_request) },
	{ "size_upload",	WO_I64,		F(size_upload) },
	{ "speed_download",	WO_I64,		F(speed_download) },
	{ "speed_upload",	WO_I64,		F(speed_upload) },
	{ "ssl_verify_result",	WO_INT,		F(ssl_verify_result) },
	{ "stderr",		WO_CTL_STDERR,	0 },
	{ "stdout",		WO_CTL_STDOUT,	0 },
	{ "time_appconnect",	WO_TIME,	F(time_appconnect_us) },
	{ "time_connect",	WO_TIME,	F(time_connect_us) },
	{ "time_namelookup",	WO_TIME,	F(time_namelookup_us) },
	{ "time_pretransfer",	WO_TIME,	F(time_pretransfer_us) },
	{ "time_redirect",	WO_TIME,	F(time_redirect_us) },
	{ "time_starttransfer",	WO_TIME,	F(time_starttransfer_us) },
	{ "time_total",		WO_TIME,	F(time_total_us) },
	{ "url",		WO_STR,		F(url) },
	{ "url_effective",	WO_STR,		F(url_effective) },
	{ "urlnum",		WO_INT,		F(urlnum) },
};

#undef F

#define NVARS	(sizeof(wo_vars) / sizeof(wo_vars[0]))

/* The output state: where we write now, and whether a write failed. */
struct wo_out {
	FILE	*cur;
	FILE	*out;
	FILE	*err;
	int	 failed;
};

static void	 wo_putc(struct wo_out *, int);
static void	 wo_write(struct wo_out *, const char *, size_t);
static void	 wo_puts(struct wo_out *, const char *);
static void	 wo_printf(struct wo_out *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static const struct wo_var *wo_lookup(const char *, size_t);
static const char *wo_str(const struct writeout_info *, size_t);
static int	 wo_int(const struct writeout_info *, size_t);
static int64_t	 wo_i64(const struct writeout_info *, size_t);
static const char *wo_version(int);
static void	 wo_time(struct wo_out *, int64_t);
static void	 wo_upper(struct wo_out *, const char *);
static int	 wo_value(struct wo_out *, const struct wo_var *,
		    const struct writeout_info *, int);
static void	 wo_json_string(struct wo_out *, const char *, int);
static void	 wo_json(struct wo_out *, const struct writeout_info *);
static void	 wo_header_json(struct wo_out *, const struct writeout_info *);
static void	 wo_header(struct wo_out *, const struct writeout_info *,
		    const char *, size_t);

static void
wo_putc(struct wo_out *o, int c)
{
	if (putc(c, o->cur) == EOF)
		o->failed = 1;
}

static void
wo_write(struct wo_out *o, const char *s, size_t n)
{
	if (n > 0 && fwrite(s, 1, n, o->cur) != n)
		o->failed = 1;
}

static void
wo_puts(struct wo_out *o, const char *s)
{
	wo_write(o, s, strlen(s));
}

static void
wo_printf(struct wo_out *o, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	if (vfprintf(o->cur, fmt, ap) < 0)
		o->failed = 1;
	va_end(ap);
}

/* The variable called name[0..len), any case, as curl_strnequal does. */
static const struct wo_var *
wo_lookup(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < NVARS; i++)
		if (strlen(wo_vars[i].name) == len &&
		    strncasecmp(wo_vars[i].name, name, len) == 0)
			return &wo_vars[i];
	return NULL;
}

static const char *
wo_str(const struct writeout_info *info, size_t off)
{
	const char	*s;

	memcpy(&s, (const char *)info + off, sizeof(s));
	return s;
}

static int
wo_int(const struct writeout_info *info, size_t off)
{
	int	 n;

	memcpy(&n, (const char *)info + off, sizeof(n));
	return n;
}

static int64_t
wo_i64(const struct writeout_info *info, size_t off)
{
	int64_t	 n;

	memcpy(&n, (const char *)info + off, sizeof(n));
	return n;
}

/* curl's names for HTTP versions; it says "0" before any response. */
static const char *
wo_version(int v)
{
	switch (v) {
	case 10:
		return "1";
	case 11:
		return "1.1";
	case 20:
		return "2";
	case 30:
		return "3";
	default:
		return "0";
	}
}

/* Microseconds as curl 7.88 prints them: seconds with six decimals. */
static void
wo_time(struct wo_out *o, int64_t us)
{
	if (us < 0)
		us = 0;
	wo_printf(o, "%" PRId64 ".%06" PRId64, us / 1000000, us % 1000000);
}

/*
 * CURLINFO_SCHEME is upper case in curl 7.88 ("HTTP"); ASCII only, so
 * that no locale changes what scripts compare against.
 */
static void
wo_upper(struct wo_out *o, const char *s)
{
	for (; *s != '\0'; s++)
		wo_putc(o, *s >= 'a' && *s <= 'z' ? *s - ('a' - 'A') : *s);
}

/*
 * Prints one value, as a JSON member ("name":value) when json is set.
 * Returns 1 if it printed a member, for the comma between them.
 */
static int
wo_value(struct wo_out *o, const struct wo_var *v,
    const struct writeout_info *info, int json)
{
	const char	*s = NULL;
	int64_t		 n = 0;
	enum { V_NONE, V_STR, V_NUM, V_CODE, V_TIME, V_UPPER } t = V_NONE;

	switch (v->kind) {
	case WO_STR:
		if ((s = wo_str(info, v->off)) != NULL)
			t = V_STR;
		break;
	case WO_STR_EMPTY:
		if ((s = wo_str(info, v->off)) == NULL)
			s = "";
		t = V_STR;
		break;
	case WO_INT:
		n = wo_int(info, v->off);
		t = V_NUM;
		break;
	case WO_CODE:
		n = wo_int(info, v->off);
		t = V_CODE;
		break;
	case WO_I64:
		n = wo_i64(info, v->off);
		t = V_NUM;
		break;
	case WO_TIME:
		n = wo_i64(info, v->off);
		t = V_TIME;
		break;
	case WO_SCHEME:
		if ((s = wo_str(info, v->off)) != NULL)
			t = V_UPPER;
		break;
	case WO_VERSION:
		s = wo_version(wo_int(info, v->off));
		t = V_STR;
		break;
	case WO_ERRORMSG:
		if (info->exitcode != 0 &&
		    (s = wo_str(info, v->off)) != NULL)
			t = V_STR;
		break;
	case WO_NUM_HEADERS:
		n = (int64_t)info->nheaders;
		t = V_NUM;
		break;
	case WO_CONST_EMPTY:
		s = "";
		t = V_STR;
		break;
	case WO_CONST_NULL:
		break;
	case WO_CONST_ZERO:
		t = V_NUM;
		break;
	default:
		/* Controls are not values. */
		return 0;
	}

	if (json) {
		wo_printf(o, "\"%s\":", v->name);
		switch (t) {
		case V_NONE:
			wo_puts(o, "null");
			break;
		case V_STR:
			wo_json_string(o, s, 0);
			break;
		case V_UPPER:
			/* Upper case letters need no escaping. */
			wo_putc(o, '"');
			wo_upper(o, s);
			wo_putc(o, '"');
			break;
		case V_NUM:
		case V_CODE:
			wo_printf(o, "%" PRId64, n);
			break;
		case V_TIME:
			wo_time(o, n);
			break;
		}
		return 1;
	}
	switch (t) {
	case V_NONE:
		break;
	case V_STR:
		wo_puts(o, s);
		break;
	case V_UPPER:
		wo_upper(o, s);
		break;
	case V_NUM:
		wo_printf(o, "%" PRId64, n);
		break;
	case V_CODE:
		wo_printf(o, "%03" PRId64, n);
		break;
	case V_TIME:
		wo_time(o, n);
		break;
	}
	return 0;
}

/*
 * s as a JSON string (RFC 8259): quotes, backslashes and control
 * characters escaped, other bytes (UTF-8) as they are.  lower folds
 * ASCII letters, for header names.
 */
static void
wo_json_string(struct wo_out *o, const char *s, int lower)
{
	unsigned char	 c;

	wo_putc(o, '"');
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		switch (c) {
		case '"':
			wo_puts(o, "\\\"");
			break;
		case '\\':
			wo_puts(o, "\\\\");
			break;
		case '\b':
			wo_puts(o, "\\b");
			break;
		case '\f':
			wo_puts(o, "\\f");
			break;
		case '\n':
			wo_puts(o, "\\n");
			break;
		case '\r':
			wo_puts(o, "\\r");
			break;
		case '\t':
			wo_puts(o, "\\t");
			break;
		default:
			if (c < 0x20)
				wo_printf(o, "\\u%04x", c);
			else if (lower && c >= 'A' && c <= 'Z')
				wo_putc(o, c + ('a' - 'A'));
			else
				wo_putc(o, c);
			break;
		}
	}
	wo_putc(o, '"');
}

/* %{json}: every variable, then curl_version, as curl's object. */
static void
wo_json(struct wo_out *o, const struct writeout_info *info)
{
	size_t	 i;

	wo_putc(o, '{');
	for (i = 0; i < NVARS; i++)
		if (wo_value(o, &wo_vars[i], info, 1))
			wo_putc(o, ',');
	wo_puts(o, "\"curl_version\":");
	wo_json_string(o, info->version != NULL ? info->version :
	    "libhttpc/" HTTPC_VERSION, 0);
	wo_putc(o, '}');
}

/*
 * %{header_json}: each field name once, lower case, in the order names
 * first appear, with all its values in an array; members separated by
 * ",\n" and the object closed on a line of its own, as curl does.
 */
static void
wo_header_json(struct wo_out *o, const struct writeout_info *info)
{
	const struct httpc_header	*h = info->headers;
	size_t				 i, j;
	int				 first = 1, seen;

	wo_putc(o, '{');
	for (i = 0; i < info->nheaders; i++) {
		seen = 0;
		for (j = 0; j < i && !seen; j++)
			seen = strcasecmp(h[j].name, h[i].name) == 0;
		if (seen)
			continue;
		if (!first)
			wo_puts(o, ",\n");
		first = 0;
		wo_json_string(o, h[i].name, 1);
		wo_puts(o, ":[");
		wo_json_string(o, h[i].value, 0);
		for (j = i + 1; j < info->nheaders; j++) {
			if (strcasecmp(h[j].name, h[i].name) != 0)
				continue;
			wo_putc(o, ',');
			wo_json_string(o, h[j].value, 0);
		}
		wo_putc(o, ']');
	}
	wo_puts(o, "\n}");
}

/* %header{name}: the field's values joined with ", ", or nothing. */
static void
wo_header(struct wo_out *o, const struct writeout_info *info,
    const char *name, size_t len)
{
	char	 hname[WO_HEADER_NAME_MAX];
	size_t	 i;
	int	 found = 0;

	/* curl's limit: a longer name cannot be a field it kept. */
	if (len >= sizeof(hname))
		return;
	memcpy(hname, name, len);
	hname[len] = '\0';
	for (i = 0; i < info->nheaders; i++) {
		if (strcasecmp(info->headers[i].name, hname) != 0)
			continue;
		if (found)
			wo_puts(o, ", ");
		wo_puts(o, info->headers[i].value);
		found = 1;
	}
}

int
writeout(FILE *out, FILE *err, const char *format,
    const struct writeout_info *info)
{
	struct wo_out		 o;
	const struct wo_var	*v;
	const char		*p = format, *end;
	size_t			 len;
	int			 done = 0;

	o.cur = o.out = out;
	o.err = err;
	o.failed = 0;

	while (*p != '\0' && !done) {
		if (p[0] == '\\' && p[1] != '\0') {
			switch (p[1]) {
			case 'n':
				wo_putc(&o, '\n');
				break;
			case 'r':
				wo_putc(&o, '\r');
				break;
			case 't':
				wo_putc(&o, '\t');
				break;
			default:
				/* Unknown escapes print as written. */
				wo_write(&o, p, 2);
				break;
			}
			p += 2;
			continue;
		}
		if (p[0] != '%' || p[1] == '\0') {
			wo_putc(&o, *p++);
			continue;
		}
		if (p[1] == '%') {
			wo_putc(&o, '%');
			p += 2;
		} else if (p[1] == '{') {
			p += 2;
			if ((end = strchr(p, '}')) == NULL) {
				/* No name: print "%{", go on after it. */
				wo_puts(&o, "%{");
				continue;
			}
			len = (size_t)(end - p);
			if ((v = wo_lookup(p, len)) == NULL) {
				if (fprintf(o.err,
				    "httpc: unknown --write-out variable: "
				    "'%.*s'\n", len > INT_MAX ? INT_MAX :
				    (int)len, p) < 0)
					o.failed = 1;
			} else {
				switch (v->kind) {
				case WO_CTL_ONERROR:
					/* The rest is for failures only. */
					done = info->exitcode == 0;
					break;
				case WO_CTL_STDERR:
					o.cur = o.err;
					break;
				case WO_CTL_STDOUT:
					o.cur = o.out;
					break;
				case WO_CTL_JSON:
					wo_json(&o, info);
					break;
				case WO_CTL_HEADER_JSON:
					wo_header_json(&o, info);
					break;
				default:
					(void)wo_value(&o, v, info, 0);
					break;
				}
			}
			p = end + 1;
		} else if (strncmp(p + 1, "header{", 7) == 0) {
			p += 8;
			if ((end = strchr(p, '}')) == NULL) {
				wo_puts(&o, "%header{");
				continue;
			}
			wo_header(&o, info, p, (size_t)(end - p));
			p = end + 1;
		} else {
			/* Not a variable: both characters as they are. */
			wo_write(&o, p, 2);
			p += 2;
		}
	}
	return o.failed ? -1 : 0;
}
