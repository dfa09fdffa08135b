/* HTTPConnection over the in-memory transport: requests, responses,
 * reuse and httplib's state machine. */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "conn.h"
#include "httpc.h"
#include "memtransport.h"

static struct httpc_conn *
conn_with(const char *in, size_t split, struct memt_log *log)
{
	struct httpc_conn	*c;
	struct memt		*m;

	if (httpc_conn_new(&c, "example.org", 0, NULL) != HTTPC_OK)
		return NULL;
	m = memt_new(in, strlen(in), split);
	m->log = log;
	if (httpc_conn_attach(c, &m->t) != HTTPC_OK) {
		httpc_conn_free(c);
		return NULL;
	}
	return c;
}

/* The body of a response, read to its end; "" on error. */
static int
body_is(struct httpc_response *r, const char *want)
{
	char	*body;
	size_t	 n;
	int	 ok;

	if (httpc_response_read_all(r, 1 << 20, &body, &n) != HTTPC_OK)
		return 0;
	ok = n == strlen(want) && strcmp(body, want) == 0;
	free(body);
	return ok;
}

static void
test_simple_get(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
	    "X-A: 1\r\nX-A: 2\r\n\r\nhello";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c = conn_with(in, 0, &log);
	struct httpc_response	*r;
	char			*body;
	size_t			 n;
	const char		*v;

	CHECK(c != NULL);
	CHECK(strcmp(httpc_conn_errmsg(c), "") == 0);
	CHECK(httpc_conn_request(c, "GET", "/x", NULL, 0, NULL, 0) == HTTPC_OK);
	CHECK(strcmp(log.out, "GET /x HTTP/1.1\r\nHost: example.org\r\n"
	    "Accept-Encoding: identity\r\n\r\n") == 0);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_status(r) == 200);
	CHECK(strcmp(httpc_response_reason(r), "OK") == 0);
	CHECK(httpc_response_version(r) == 11);
	CHECK(httpc_response_getheader(r, "x-a", NULL, &v) == HTTPC_OK);
	CHECK(v != NULL && strcmp(v, "1, 2") == 0);
	CHECK(httpc_response_read_all(r, 100, &body, &n) == HTTPC_OK);
	CHECK(n == 5 && strcmp(body, "hello") == 0);
	CHECK(httpc_response_isclosed(r));
	free(body);
	httpc_response_free(r);
	CHECK(!log.closed);
	httpc_conn_free(c);
	CHECK(log.closed);
	memt_log_free(&log);
	httpc_conn_free(NULL);
}

/* What request() and putrequest() write, exactly. */
static void
test_request_bytes(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
	    "\r\n";
	const char		*hdrs[] = { "X-One: 1", "X-Two:two",
	    "X-Three:   3  " };
	const char		*own[] = { "Host: other.example",
	    "Accept-Encoding: gzip", "Content-Length: 5" };
	const char		*vals[] = { "a", "b c", "" };
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;

	/* A body gets its Content-Length; the headers go as given. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "POST", "/p", "hello", 5, hdrs, 3) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "POST /p HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept-Encoding: identity\r\nX-One: 1\r\n"
	    "X-Two: two\r\nX-Three: 3  \r\nContent-Length: 5\r\n\r\nhello")
	    == 0);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* POST with no body: Content-Length: 0, as httplib does. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "POST", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strstr(log.out, "\r\nContent-Length: 0\r\n")
	    != NULL);
	httpc_conn_free(c);
	memt_log_free(&log);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "PUT", "/", "", 0, NULL, 0) == HTTPC_OK);
	CHECK(log.out != NULL && strstr(log.out, "Content-Length: 0") != NULL);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* GET with no body: none. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "GET", "", NULL, 0, NULL, 0) == HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "GET / HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept-Encoding: identity\r\n\r\n") == 0);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* The caller's Host, Accept-Encoding, Content-Length replace ours. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "POST", "/", "hello", 5, own, 3) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "POST / HTTP/1.1\r\n"
	    "Host: other.example\r\nAccept-Encoding: gzip\r\n"
	    "Content-Length: 5\r\n\r\nhello") == 0);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* putrequest's flags. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "GET", "/a?b=c", HTTPC_SKIP_HOST) ==
	    HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "GET /a?b=c HTTP/1.1\r\n"
	    "Accept-Encoding: identity\r\n\r\n") == 0);
	httpc_conn_free(c);
	memt_log_free(&log);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "GET", "/", HTTPC_SKIP_HOST |
	    HTTPC_SKIP_ACCEPT_ENCODING) == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "GET / HTTP/1.1\r\n\r\n")
	    == 0);
	httpc_conn_free(c);
	memt_log_free(&log);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "OPTIONS", "*",
	    HTTPC_SKIP_ACCEPT_ENCODING) == HTTPC_OK);
	/* putheaderv: several values joined with ", ". */
	CHECK(httpc_conn_putheaderv(c, "Accept", vals, 2) == HTTPC_OK);
	CHECK(httpc_conn_putheaderv(c, "X-Three", vals, 3) == HTTPC_OK);
	CHECK(httpc_conn_putheaderv(c, "X-None", vals, 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "X-Empty", "") == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "X-Tab", "a\tb") == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "X-Utf8", "\xc3\xa9t\xc3\xa9") ==
	    HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "OPTIONS * HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept: a, b c\r\nX-Three: a, b c, \r\n"
	    "X-None:\r\nX-Empty:\r\nX-Tab: a\tb\r\n"
	    "X-Utf8: \xc3\xa9t\xc3\xa9\r\n\r\n") == 0);
	httpc_conn_free(c);
	memt_log_free(&log);
}

static void
test_http10(void)
{
	const char		*in = "HTTP/1.0 200 OK\r\n\r\nold";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct httpc_opts	 o;
	struct memt		*m;

	httpc_opts_init(&o);
	CHECK(o.http_version == 11 && o.timeout_ms == 0 &&
	    o.connect_addr == NULL && o.insecure == 0);
	o.http_version = 10;
	CHECK(httpc_conn_new(&c, "example.org", 8080, &o) == HTTPC_OK);
	m = memt_new(in, strlen(in), 0);
	m->log = &log;
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "GET / HTTP/1.0\r\n"
	    "Host: example.org:8080\r\n\r\n") == 0);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_version(r) == 10);
	CHECK(body_is(r, "old"));
	CHECK(log.closed);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* Any other version means 1.1. */
	o.http_version = 20;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	CHECK(hc_conn_opts(c)->http_version == 11);
	httpc_conn_free(c);
}

/* The Host header a host string and port give. */
static int
host_is(const char *host, int port, const char *want)
{
	struct httpc_conn	*c;
	struct memt_log		 log = { 0 };
	struct memt		*m;
	char			 line[256];
	int			 ok;

	if (httpc_conn_new(&c, host, port, NULL) != HTTPC_OK)
		return 0;
	m = memt_new("", 0, 0);
	m->log = &log;
	httpc_conn_attach(c, &m->t);
	httpc_conn_putrequest(c, "GET", "/", HTTPC_SKIP_ACCEPT_ENCODING);
	httpc_conn_endheaders(c, NULL, 0);
	snprintf(line, sizeof(line), "GET / HTTP/1.1\r\nHost: %s\r\n\r\n",
	    want);
	ok = log.out != NULL && strcmp(log.out, line) == 0;
	if (!ok)
		printf("#   host \"%s\" port %d: %s", host, port,
		    log.out ? log.out : "(nothing)\n");
	httpc_conn_free(c);
	memt_log_free(&log);
	return ok;
}

static int
host_bad(const char *host, int port)
{
	struct httpc_conn	*c = (struct httpc_conn *)1;
	enum httpc_err		 e;

	e = httpc_conn_new(&c, host, port, NULL);
	if (e != HTTPC_INVALID_URL || c != NULL) {
		printf("#   host \"%s\" port %d: %s\n", host, port,
		    httpc_err_name(e));
		httpc_conn_free(c);
		return 0;
	}
	return 1;
}

static void
test_host(void)
{
	struct httpc_conn	*c;

	CHECK(host_is("example.org", 0, "example.org"));
	CHECK(host_is("example.org", 80, "example.org"));
	CHECK(host_is("example.org", 8080, "example.org:8080"));
	CHECK(host_is("example.org", 443, "example.org:443"));
	CHECK(host_is("h:8080", 0, "h:8080"));
	CHECK(host_is("h:80", 0, "h"));
	CHECK(host_is("h:", 0, "h"));
	CHECK(host_is("h:00080", 0, "h"));
	CHECK(host_is("h:65535", 0, "h:65535"));
	CHECK(host_is("h:1", 0, "h:1"));
	/* An explicit port wins over the one in the string. */
	CHECK(host_is("h:9090", 8080, "h:8080"));
	CHECK(host_is("h:9090", 80, "h"));
	CHECK(host_is("127.0.0.1:8080", 0, "127.0.0.1:8080"));
	/* IPv6: bracketed, zone id left out. */
	CHECK(host_is("[::1]:8080", 0, "[::1]:8080"));
	CHECK(host_is("[::1]", 0, "[::1]"));
	CHECK(host_is("[::1]:", 0, "[::1]"));
	CHECK(host_is("[::1]:80", 0, "[::1]"));
	CHECK(host_is("::1", 0, "[::1]"));
	CHECK(host_is("::1", 8080, "[::1]:8080"));
	CHECK(host_is("[::1]", 8080, "[::1]:8080"));
	CHECK(host_is("2001:db8::1", 0, "[2001:db8::1]"));
	CHECK(host_is("[fe80::1%eth0]:81", 0, "[fe80::1]:81"));
	CHECK(host_is("fe80::1%eth0", 0, "[fe80::1]"));

	CHECK(host_bad("h:abc", 0));
	CHECK(host_bad("h:0", 0));
	CHECK(host_bad("h:65536", 0));
	CHECK(host_bad("h:99999999999999999999", 0));
	CHECK(host_bad("h:-1", 0));
	CHECK(host_bad("h:+80", 0));
	CHECK(host_bad("h: 80", 0));
	CHECK(host_bad("h:80 ", 0));
	CHECK(host_bad("h:8o", 0));
	CHECK(host_bad("[::1", 0));
	CHECK(host_bad("[::1]x", 0));
	CHECK(host_bad("[::1]:x", 0));
	CHECK(host_bad("[::1]]", 0));
	CHECK(host_bad("[]", 0));
	CHECK(host_bad("[]:80", 0));
	CHECK(host_bad("", 0));
	CHECK(host_bad(":80", 0));
	CHECK(host_bad("h", -1));
	CHECK(host_bad("h", 65536));
	CHECK(host_bad("a b", 0));
	CHECK(host_bad("a\tb", 0));
	CHECK(host_bad("h/x", 0));
	CHECK(host_bad("h\r\nX: y", 0));
	CHECK(host_bad("h\n", 0));
	CHECK(host_bad("[::1\r\n]", 0));

	/* The HTTPS default port is 443. */
	CHECK(hc_conn_new(&c, "h", 0, HTTPC_HTTPS_PORT, NULL) == HTTPC_OK);
	CHECK(hc_conn_port(c) == 443 && strcmp(hc_conn_host(c), "h") == 0);
	httpc_conn_free(c);
	CHECK(hc_conn_new(&c, "[::1]:8443", 0, HTTPC_HTTPS_PORT, NULL) ==
	    HTTPC_OK);
	CHECK(hc_conn_port(c) == 8443 && strcmp(hc_conn_host(c), "::1") == 0);
	httpc_conn_free(c);
}

/* A CR, LF, NUL, control or space where they cannot be: refused, and
 * nothing is written. */
static void
test_refused(void)
{
	static const char *const methods[] = { "GET\r\n", "GET\n", "G ET",
	    "", "GET\r\nX: y", "G\x01T", "G:T", "G/T", "\xc3\xa9" };
	static const char *const urls[] = { "/a b", "/a\r\nX: y", "/\r",
	    "/\n", "/\x7f", "/\x01", "/\t", " /", "/ HTTP/1.1\r\n" };
	static const char *const names[] = { "X\r\nY", "X:", "", "X Y",
	    "X\n", "X\r", "X\x01", ":", "X\x7f" };
	static const char *const values[] = { "a\r\nb", "a\nb", "a\rb",
	    "\x01", "a\x7f", "\r\n", "x\r\n\r\nGET / HTTP/1.1" };
	const char		*hv[2];
	const char		*hdr[1];
	char			 hbuf[64];
	struct memt_log		 log = { 0 }, log2 = { 0 };
	struct httpc_conn	*c, *c2;
	struct httpc_response	*r;
	size_t			 i;
	int			 bad = 0;

	c = conn_with("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0,
	    &log);
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (httpc_conn_putrequest(c, methods[i], "/", 0) !=
		    HTTPC_INVALID_REQUEST)
			bad++;
		if (httpc_conn_request(c, methods[i], "/", NULL, 0, NULL, 0)
		    != HTTPC_INVALID_REQUEST)
			bad++;
	}
	CHECK(bad == 0);
	for (i = 0, bad = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		if (httpc_conn_putrequest(c, "GET", urls[i], 0) !=
		    HTTPC_INVALID_URL)
			bad++;
		if (httpc_conn_request(c, "GET", urls[i], NULL, 0, NULL, 0)
		    != HTTPC_INVALID_URL)
			bad++;
	}
	CHECK(bad == 0);
	for (i = 0, bad = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		c2 = conn_with("", 0, &log2);
		if (httpc_conn_putrequest(c2, "GET", "/", 0) != HTTPC_OK ||
		    httpc_conn_putheader(c2, names[i], "v") !=
		    HTTPC_INVALID_REQUEST)
			bad++;
		/* The request can go on without it. */
		if (httpc_conn_endheaders(c2, NULL, 0) != HTTPC_OK ||
		    log2.out == NULL || strchr(log2.out, 'v') != NULL)
			bad++;
		httpc_conn_free(c2);
		memt_log_free(&log2);
		/* request() splits "Name: value" at the first colon. */
		if (strchr(names[i], ':') != NULL)
			continue;
		snprintf(hbuf, sizeof(hbuf), "%s: v", names[i]);
		hdr[0] = hbuf;
		if (httpc_conn_request(c, "GET", "/", NULL, 0, hdr, 1) !=
		    HTTPC_INVALID_REQUEST)
			bad++;
	}
	CHECK(bad == 0);
	for (i = 0, bad = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		c2 = conn_with("", 0, &log2);
		if (httpc_conn_putrequest(c2, "GET", "/", 0) != HTTPC_OK ||
		    httpc_conn_putheader(c2, "X", values[i]) !=
		    HTTPC_INVALID_REQUEST)
			bad++;
		hv[0] = "ok";
		hv[1] = values[i];
		if (httpc_conn_putheaderv(c2, "X", hv, 2) !=
		    HTTPC_INVALID_REQUEST)
			bad++;
		if (log2.out != NULL)
			bad++;
		httpc_conn_free(c2);
		memt_log_free(&log2);
		snprintf(hbuf, sizeof(hbuf), "X: %s", values[i]);
		hdr[0] = hbuf;
		if (httpc_conn_request(c, "GET", "/", NULL, 0, hdr, 1) !=
		    HTTPC_INVALID_REQUEST)
			bad++;
	}
	CHECK(bad == 0);
	/* Headers for request() need a colon and a good name. */
	hdr[0] = "NoColon";
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, hdr, 1) ==
	    HTTPC_INVALID_REQUEST);
	hdr[0] = "Bad Name: v";
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, hdr, 1) ==
	    HTTPC_INVALID_REQUEST);
	/* Content-Length we send is digits. */
	c2 = conn_with("", 0, &log2);
	CHECK(httpc_conn_putrequest(c2, "POST", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c2, "Content-Length", "+5") ==
	    HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_putheader(c2, "Content-Length", " 5") ==
	    HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_putheader(c2, "Content-Length", "-1") ==
	    HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_putheader(c2, "Content-Length", "5x") ==
	    HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_putheader(c2, "Content-Length", "") ==
	    HTTPC_INVALID_REQUEST);
	CHECK(httpc_conn_putheader(c2, "Content-Length",
	    "99999999999999999999") == HTTPC_INVALID_REQUEST);
	CHECK(log2.out == NULL);
	httpc_conn_free(c2);
	memt_log_free(&log2);
	/* Nothing went out, the transport is still there. */
	CHECK(log.out == NULL && log.outlen == 0 && !log.closed);
	/* And the connection still works. */
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(r != NULL && httpc_response_status(r) == 200);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* httplib's state machine: every call out of order. */
static void
test_state_machine(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
	    "\r\nhiHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c = conn_with(in, 0, &log);
	struct httpc_response	*r, *r2;

	/* Idle. */
	CHECK(httpc_conn_putheader(c, "A", "b") == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_putheaderv(c, "A", NULL, 0) ==
	    HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	CHECK(r == NULL);
	CHECK(httpc_err_isa(httpc_conn_send(c, "x", 1),
	    HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(httpc_conn_endbody(c), HTTPC_IMPROPER_STATE));
	CHECK(strlen(httpc_conn_errmsg(c)) > 0);
	/* Request started. */
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) ==
	    HTTPC_CANNOT_SEND_REQUEST);
	CHECK(strcmp(httpc_conn_errmsg(c), "a request is already in progress")
	    == 0);
	/* request() in the middle leaves the started request alone. */
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_CANNOT_SEND_REQUEST);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	CHECK(httpc_err_isa(httpc_conn_send(c, "x", 1),
	    HTTPC_IMPROPER_STATE));
	CHECK(httpc_conn_putheader(c, "A", "b") == HTTPC_OK);
	CHECK(log.out == NULL);
	/* Request sent. */
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_putheader(c, "A", "b") == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) ==
	    HTTPC_CANNOT_SEND_REQUEST);
	CHECK(log.out != NULL && strcmp(log.out, "GET / HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept-Encoding: identity\r\nA: b\r\n\r\n")
	    == 0);
	/* Response open. */
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_RESPONSE_NOT_READY);
	CHECK(r2 == NULL);
	CHECK(httpc_conn_putheader(c, "A", "b") == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_CANNOT_SEND_HEADER);
	CHECK(body_is(r, "hi"));
	/* Idle again: the response is no reason to get another. */
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_RESPONSE_NOT_READY);
	httpc_response_free(r);
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_RESPONSE_NOT_READY);
	CHECK(httpc_conn_request(c, "GET", "/2", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_OK);
	CHECK(httpc_response_isclosed(r2));
	httpc_response_free(r2);
	CHECK(!log.closed);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* The hierarchy the errors keep. */
	CHECK(httpc_err_isa(HTTPC_CANNOT_SEND_REQUEST, HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(HTTPC_REMOTE_DISCONNECTED, HTTPC_BAD_STATUS_LINE));
	CHECK(!httpc_err_isa(HTTPC_BAD_STATUS_LINE, HTTPC_IMPROPER_STATE));

	/* No response at all. */
	c = conn_with("", 0, &log);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_REMOTE_DISCONNECTED);
	CHECK(r == NULL && log.closed);
	CHECK(strcmp(httpc_conn_errmsg(c), "empty reply from server") == 0);
	/* The connection is gone, and stays gone: no network is tried. */
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_NOT_CONNECTED);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* A kept-alive connection carries the next request. */
static void
test_reuse(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
	    "\r\none"
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "3\r\ntwo\r\n0\r\n\r\n"
	    "HTTP/1.1 204 No Content\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n"
	    "\r\nfive!";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c = conn_with(in, 0, &log);
	struct httpc_conn_info	 info;
	struct httpc_response	*r;
	size_t			 len;

	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1 && info.reused == 0);
	CHECK(httpc_conn_request(c, "GET", "/1", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "one"));
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1 && info.reused == 0);
	httpc_response_free(r);
	CHECK(httpc_conn_request(c, "GET", "/2", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1 && info.reused == 1);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "two"));
	httpc_response_free(r);
	CHECK(httpc_conn_request(c, "GET", "/3", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_status(r) == 204 && httpc_response_isclosed(r));
	httpc_response_free(r);
	/* HEAD: the Content-Length is not followed by a body. */
	CHECK(httpc_conn_request(c, "HEAD", "/4", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_length(r) == 4 && httpc_response_isclosed(r));
	CHECK(body_is(r, ""));
	httpc_response_free(r);
	CHECK(!log.closed);
	/* Connection: close ends it once the body is read. */
	CHECK(httpc_conn_request(c, "GET", "/5", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_will_close(r));
	CHECK(!log.closed);
	CHECK(body_is(r, "five!"));
	CHECK(log.closed);
	httpc_response_free(r);
	/* Every request went over the one transport, attached once. */
	len = strlen("GET /1 HTTP/1.1\r\nHost: example.org\r\n"
	    "Accept-Encoding: identity\r\n\r\n");
	CHECK(log.outlen == 5 * len + 1);	/* HEAD is one longer */
	CHECK(log.out != NULL && strncmp(log.out + len, "GET /2 ", 7) == 0);
	CHECK(log.out != NULL && strncmp(log.out + 3 * len, "HEAD /4 ", 8) ==
	    0);
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1);
	/* The attached transport is gone: no new connection is made. */
	CHECK(httpc_conn_request(c, "GET", "/6", NULL, 0, NULL, 0) ==
	    HTTPC_NOT_CONNECTED);
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* putrequest while a response is unread: allowed; getresponse waits. */
static void
test_pipelining(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
	    "\r\none"
	    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"
	    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n"
	    "\r\nthree";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c = conn_with(in, 1, &log);
	struct httpc_response	*r1, *r2, *r3;

	CHECK(httpc_conn_request(c, "GET", "/1", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r1) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/2", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strstr(log.out, "GET /2 ") != NULL);
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_RESPONSE_NOT_READY);
	CHECK(r2 == NULL);
	CHECK(body_is(r1, "one"));
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_OK);
	/* Behind it, a third: its response says close. */
	CHECK(httpc_conn_request(c, "GET", "/3", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(body_is(r2, "two"));
	CHECK(httpc_conn_getresponse(c, &r3) == HTTPC_OK);
	/* Nothing may queue behind a response that ends the connection. */
	CHECK(httpc_conn_putrequest(c, "GET", "/4", 0) ==
	    HTTPC_CANNOT_SEND_REQUEST);
	CHECK(body_is(r3, "three"));
	CHECK(log.closed);
	httpc_response_free(r1);
	httpc_response_free(r2);
	httpc_response_free(r3);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* Freeing the unread first response loses the pipelined one. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "GET", "/1", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r1) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/2", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	httpc_response_free(r1);
	CHECK(log.closed);
	CHECK(httpc_conn_getresponse(c, &r2) == HTTPC_NOT_CONNECTED);
	CHECK(r2 == NULL);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* Unread responses and freed connections. */
static void
test_lifetimes(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\n"
	    "Content-Length: 10\r\nX: y\r\n\r\n0123456789";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	const char		*v;
	char			 buf[4];
	size_t			 n;

	/* Freeing an unread response closes the connection. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_read(r, buf, 4, &n) == HTTPC_OK && n == 4);
	CHECK(!log.closed);
	httpc_response_free(r);
	CHECK(log.closed);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_NOT_CONNECTED);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* Freeing the connection first: the response can still be asked
	 * about, but reads fail. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(httpc_response_read(r, buf, 4, &n) == HTTPC_OK && n == 4);
	httpc_conn_free(c);
	CHECK(log.closed);
	CHECK(httpc_response_read(r, buf, 4, &n) == HTTPC_NOT_CONNECTED);
	CHECK(n == 0);
	CHECK(httpc_response_read(r, buf, 4, &n) == HTTPC_NOT_CONNECTED);
	CHECK(httpc_response_status(r) == 200);
	CHECK(httpc_response_getheader(r, "X", NULL, &v) == HTTPC_OK &&
	    v != NULL && strcmp(v, "y") == 0);
	CHECK(!httpc_response_isclosed(r));
	httpc_response_free(r);
	memt_log_free(&log);

	/* The same with close(). */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	httpc_conn_close(c);
	CHECK(log.closed);
	CHECK(httpc_response_read(r, buf, 4, &n) == HTTPC_NOT_CONNECTED);
	httpc_response_free(r);
	httpc_conn_close(c);		/* twice is fine */
	httpc_conn_free(c);
	memt_log_free(&log);

	/* A response read to its end outlives its connection. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "0123456789"));
	httpc_conn_free(c);
	CHECK(httpc_response_read(r, buf, 4, &n) == HTTPC_OK && n == 0);
	CHECK(httpc_response_isclosed(r));
	httpc_response_free(r);
	memt_log_free(&log);

	/* A connection freed in every state it can reach. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) == HTTPC_OK);
	httpc_conn_free(c);
	memt_log_free(&log);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "POST", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "Content-Length", "10") == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, "abc", 3) == HTTPC_OK);
	httpc_conn_free(c);
	memt_log_free(&log);
	CHECK(httpc_conn_new(&c, "example.org", 0, NULL) == HTTPC_OK);
	httpc_conn_close(c);
	httpc_conn_free(c);
}

/* Request bodies: chunked, from descriptors, sizes that do not match. */
static void
test_bodies(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
	    "\r\n";
	const char		*te[] = { "Transfer-Encoding: chunked" };
	const char		*cl3[] = { "Content-Length: 3" };
	const char		*cl10[] = { "Content-Length: 10" };
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct httpc_opts	 o;
	struct memt		*m;
	char			 path[] = "/tmp/t_conn.XXXXXX";
	int			 p[2], fd;

	/* Chunked: each send is one chunk, endbody the last one. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "POST", "/c", HTTPC_SKIP_HOST |
	    HTTPC_SKIP_ACCEPT_ENCODING) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "Transfer-Encoding", "chunked") ==
	    HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, "first", 5) == HTTPC_OK);
	CHECK(httpc_conn_send(c, "hello", 5) == HTTPC_OK);
	CHECK(httpc_conn_send(c, "", 0) == HTTPC_OK);
	CHECK(httpc_conn_send(c, " world, this is a longer one", 28) ==
	    HTTPC_OK);
	CHECK(httpc_conn_endbody(c) == HTTPC_OK);
	CHECK(httpc_conn_endbody(c) == HTTPC_OK);
	CHECK(httpc_err_isa(httpc_conn_send(c, "late", 4),
	    HTTPC_IMPROPER_STATE));
	CHECK(log.out != NULL && strcmp(log.out, "POST /c HTTP/1.1\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n5\r\nhello\r\n"
	    "1c\r\n world, this is a longer one\r\n0\r\n\r\n") == 0);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* getresponse ends a chunked body itself. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "PUT", "/", NULL, 0, te, 1) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "PUT / HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept-Encoding: identity\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 0);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* A pipe: chunked. */
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], "pipe data", 9) == 9);
	close(p[1]);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "POST", "/", p[0], -1, NULL, 0) ==
	    HTTPC_OK);
	close(p[0]);
	CHECK(log.out != NULL && strcmp(log.out, "POST / HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept-Encoding: identity\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n9\r\npipe data\r\n0\r\n\r\n")
	    == 0);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* A pipe with a length: that many bytes, Content-Length. */
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], "pipe data", 9) == 9);
	close(p[1]);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "POST", "/", p[0], 4, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strstr(log.out, "Content-Length: 4\r\n\r\n"
	    "pipe") != NULL && strstr(log.out, "data") == NULL);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* ... and shorter than it said. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "POST", "/", p[0], 10, NULL, 0) ==
	    HTTPC_BODY_READ);
	close(p[0]);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* A pipe on HTTP/1.0: no way to frame it. */
	CHECK(pipe(p) == 0);
	close(p[1]);
	httpc_opts_init(&o);
	o.http_version = 10;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	m = memt_new(in, strlen(in), 0);
	m->log = &log;
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(httpc_conn_request_fd(c, "POST", "/", p[0], -1, NULL, 0) ==
	    HTTPC_INVALID_REQUEST);
	CHECK(log.out == NULL);
	/* And the connection is idle again. */
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	close(p[0]);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* A regular file: Content-Length, from where its offset is. */
	CHECK((fd = mkstemp(path)) != -1);
	unlink(path);
	CHECK(write(fd, "0123456789", 10) == 10);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "PUT", "/f", fd, -1, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "PUT /f HTTP/1.1\r\n"
	    "Host: example.org\r\nAccept-Encoding: identity\r\n"
	    "Content-Length: 10\r\n\r\n0123456789") == 0);
	httpc_conn_free(c);
	memt_log_free(&log);
	CHECK(lseek(fd, 4, SEEK_SET) == 4);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "PUT", "/f", fd, -1, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strstr(log.out, "Content-Length: 6\r\n\r\n"
	    "456789") != NULL);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* An empty file. */
	CHECK(ftruncate(fd, 0) == 0);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "PUT", "/f", fd, -1, NULL, 0) ==
	    HTTPC_OK);
	CHECK(log.out != NULL && strstr(log.out, "Content-Length: 0\r\n\r\n")
	    != NULL);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
	close(fd);
	/* A descriptor that is not open. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request_fd(c, "PUT", "/f", -1, -1, NULL, 0) ==
	    HTTPC_BODY_READ);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* Content-Length that the body does not match: refused before
	 * anything is sent when the body is known up front. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_request(c, "POST", "/", "hello", 5, cl3, 1) ==
	    HTTPC_BODY_SIZE);
	CHECK(httpc_conn_request(c, "POST", "/", "hello", 5, cl10, 1) ==
	    HTTPC_BODY_SIZE);
	CHECK(log.out == NULL && !log.closed);
	CHECK(httpc_conn_putrequest(c, "POST", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "Content-Length", "3") == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, "hello", 5) == HTTPC_BODY_SIZE);
	CHECK(log.out == NULL && !log.closed);
	httpc_conn_close(c);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* Sent piece by piece: too much is refused, too little ends the
	 * connection (the server waits for bytes that never come). */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "POST", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "Content-Length", "5") == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(httpc_conn_send(c, "hel", 3) == HTTPC_OK);
	CHECK(httpc_conn_send(c, "lo!", 3) == HTTPC_BODY_SIZE);
	CHECK(!log.closed);
	CHECK(httpc_conn_endbody(c) == HTTPC_BODY_SIZE);
	CHECK(log.closed);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	httpc_conn_free(c);
	memt_log_free(&log);
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "POST", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "Content-Length", "5") == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, "he", 2) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_BODY_SIZE);
	CHECK(r == NULL && log.closed);
	httpc_conn_free(c);
	memt_log_free(&log);
	/* Exactly right, in pieces. */
	c = conn_with(in, 0, &log);
	CHECK(httpc_conn_putrequest(c, "POST", "/", HTTPC_SKIP_HOST |
	    HTTPC_SKIP_ACCEPT_ENCODING) == HTTPC_OK);
	CHECK(httpc_conn_putheader(c, "Content-Length", "5") == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, "he", 2) == HTTPC_OK);
	CHECK(httpc_conn_send(c, "llo", 3) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(log.out != NULL && strcmp(log.out, "POST / HTTP/1.1\r\n"
	    "Content-Length: 5\r\n\r\nhello") == 0);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* A big body from memory goes out whole, past the one-write size. */
static void
test_big_body(void)
{
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;
	struct hc_buf		 b;
	size_t			 i, head;

	hc_buf_init(&b, SIZE_MAX);
	for (i = 0; i < 100000; i++)
		hc_buf_add(&b, &"0123456789abcdef"[i % 16], 1);
	c = conn_with("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0,
	    &log);
	CHECK(httpc_conn_request(c, "POST", "/", b.data, b.len, NULL, 0) ==
	    HTTPC_OK);
	head = strlen("POST / HTTP/1.1\r\nHost: example.org\r\n"
	    "Accept-Encoding: identity\r\nContent-Length: 100000\r\n\r\n");
	CHECK(log.outlen == head + b.len);
	CHECK(log.out != NULL && memcmp(log.out + head, b.data, b.len) == 0);
	httpc_conn_free(c);
	memt_log_free(&log);
	hc_buf_free(&b);
}

/*
 * One full cycle: a POST with a body, its response read, a chunked PUT
 * on the same connection, its chunked response read.  Returns the first
 * error.
 */
static enum httpc_err
cycle(int fail_read, int fail_write, size_t split, int *reached_end)
{
	const char		*in = "HTTP/1.1 100 Continue\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: a\r\n\r\nhello"
	    "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "3\r\nabc\r\n4;x\r\ndefg\r\n0\r\nT: t\r\n\r\n";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;
	struct httpc_response	*r = NULL;
	struct memt		*m;
	enum httpc_err		 e;
	char			 buf[3];
	size_t			 n;
	const char		*v;

	*reached_end = 0;
	if (httpc_conn_new(&c, "example.org", 0, NULL) != HTTPC_OK)
		return HTTPC_NOMEM;
	m = memt_new(in, strlen(in), split);
	m->log = &log;
	m->fail_read = fail_read;
	m->fail_write = fail_write;
	if ((e = httpc_conn_attach(c, &m->t)) != HTTPC_OK)
		goto done;
	if ((e = httpc_conn_request(c, "POST", "/a", "body", 4, NULL, 0)) !=
	    HTTPC_OK || (e = httpc_conn_getresponse(c, &r)) != HTTPC_OK ||
	    (e = httpc_response_getheader(r, "X", NULL, &v)) != HTTPC_OK)
		goto done;
	do {
		if ((e = httpc_response_read(r, buf, sizeof(buf), &n)) !=
		    HTTPC_OK)
			goto done;
	} while (n > 0);
	httpc_response_free(r);
	r = NULL;
	if ((e = httpc_conn_putrequest(c, "PUT", "/b", 0)) != HTTPC_OK ||
	    (e = httpc_conn_putheader(c, "Transfer-Encoding", "chunked")) !=
	    HTTPC_OK || (e = httpc_conn_endheaders(c, NULL, 0)) != HTTPC_OK ||
	    (e = httpc_conn_send(c, "xyz", 3)) != HTTPC_OK ||
	    (e = httpc_conn_send(c, "uvw", 3)) != HTTPC_OK ||
	    (e = httpc_conn_endbody(c)) != HTTPC_OK ||
	    (e = httpc_conn_getresponse(c, &r)) != HTTPC_OK)
		goto done;
	do {
		if ((e = httpc_response_read(r, buf, sizeof(buf), &n)) !=
		    HTTPC_OK)
			goto done;
	} while (n > 0);
	*reached_end = 1;
done:
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);
	return e;
}

/* For n = 1, 2, ...: the n-th read (write) fails.  A clean error every
 * time, until n is past the cycle's reads (writes). */
static void
test_failures(void)
{
	enum httpc_err	 e;
	int		 n, end, bad, runs;
	size_t		 splits[] = { 0, 1, 7 }, k;

	for (k = 0; k < sizeof(splits) / sizeof(splits[0]); k++) {
		CHECK(cycle(0, 0, splits[k], &end) == HTTPC_OK && end);
		for (n = 1, bad = 0, runs = 0; n < 10000; n++, runs++) {
			e = cycle(n, 0, splits[k], &end);
			if (end) {
				if (e != HTTPC_OK)
					bad++;
				break;
			}
			if (e != HTTPC_RECV) {
				printf("#   read %d fails: %s\n", n,
				    httpc_err_name(e));
				bad++;
			}
		}
		CHECK(bad == 0 && n < 10000 && runs >= 1);
		if (splits[k] == 1)
			CHECK(runs > 100);
		for (n = 1, bad = 0, runs = 0; n < 10000; n++, runs++) {
			e = cycle(0, n, splits[k], &end);
			if (end) {
				if (e != HTTPC_OK)
					bad++;
				break;
			}
			if (e != HTTPC_SEND) {
				printf("#   write %d fails: %s\n", n,
				    httpc_err_name(e));
				bad++;
			}
		}
		CHECK(bad == 0 && n < 10000 && runs >= 8);
	}
}

/* Expect: 100-continue, over a transport of our own (no waiting). */
static struct httpc_conn *
expect_start(const char *in, struct memt_log *log)
{
	struct httpc_conn	*c = conn_with(in, 0, log);

	if (httpc_conn_putrequest(c, "PUT", "/up", HTTPC_SKIP_HOST |
	    HTTPC_SKIP_ACCEPT_ENCODING) != HTTPC_OK ||
	    httpc_conn_putheader(c, "Content-Length", "5") != HTTPC_OK ||
	    httpc_conn_putheader(c, "Expect", "100-continue") != HTTPC_OK ||
	    httpc_conn_endheaders(c, NULL, 0) != HTTPC_OK)
		CHECK(0);
	return c;
}

static void
test_expect(void)
{
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	int			 proceed;

	/* 100 Continue: the body follows, the final response comes. */
	c = expect_start("HTTP/1.1 100 Continue\r\n\r\n"
	    "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", &log);
	CHECK(httpc_conn_wait_continue(c, 1000, &proceed) == HTTPC_OK);
	CHECK(proceed == 1);
	CHECK(httpc_conn_send(c, "hello", 5) == HTTPC_OK);
	CHECK(httpc_conn_wait_continue(c, 1000, &proceed) ==
	    HTTPC_IMPROPER_STATE);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(r != NULL && httpc_response_status(r) == 201 && body_is(r, "ok"));
	CHECK(log.out != NULL && strcmp(log.out, "PUT /up HTTP/1.1\r\n"
	    "Content-Length: 5\r\nExpect: 100-continue\r\n\r\nhello") == 0);
	CHECK(!log.closed);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* A final answer first, with a body: the body is not sent, the
	 * answer is the response, the connection ends with it. */
	c = expect_start("HTTP/1.1 401 Unauthorized\r\nContent-Length: 4\r\n"
	    "\r\nnope", &log);
	CHECK(httpc_conn_wait_continue(c, 1000, &proceed) == HTTPC_OK);
	CHECK(proceed == 0);
	CHECK(httpc_err_isa(httpc_conn_send(c, "hello", 5),
	    HTTPC_IMPROPER_STATE));
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(r != NULL && httpc_response_status(r) == 401);
	CHECK(r != NULL && httpc_response_will_close(r));
	CHECK(r != NULL && body_is(r, "nope"));
	CHECK(log.closed);
	CHECK(log.out != NULL && strstr(log.out, "hello") == NULL);
	httpc_response_free(r);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* ... and without a body. */
	c = expect_start("HTTP/1.1 417 Expectation Failed\r\n"
	    "Content-Length: 0\r\n\r\n", &log);
	CHECK(httpc_conn_wait_continue(c, 1000, &proceed) == HTTPC_OK);
	CHECK(proceed == 0);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(r != NULL && httpc_response_status(r) == 417);
	CHECK(r != NULL && httpc_response_isclosed(r));
	CHECK(log.closed);
	httpc_response_free(r);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* An early answer never fetched is freed with the connection. */
	c = expect_start("HTTP/1.1 413 Too Big\r\nContent-Length: 3\r\n\r\nbig",
	    &log);
	CHECK(httpc_conn_wait_continue(c, 1000, &proceed) == HTTPC_OK);
	CHECK(proceed == 0);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* Garbage instead: an error, the connection gone. */
	c = expect_start("ICY 200 OK\r\n\r\n", &log);
	CHECK(httpc_conn_wait_continue(c, 1000, &proceed) ==
	    HTTPC_BAD_STATUS_LINE);
	CHECK(log.closed);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	httpc_conn_free(c);
	memt_log_free(&log);

	/* Out of order. */
	c = conn_with("", 0, &log);
	CHECK(httpc_conn_wait_continue(c, 0, &proceed) ==
	    HTTPC_IMPROPER_STATE);
	CHECK(httpc_conn_putrequest(c, "PUT", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_wait_continue(c, 0, &proceed) ==
	    HTTPC_IMPROPER_STATE);
	CHECK(httpc_conn_putheader(c, "Content-Length", "2") == HTTPC_OK);
	CHECK(httpc_conn_endheaders(c, "hi", 2) == HTTPC_OK);
	CHECK(httpc_conn_wait_continue(c, 0, &proceed) ==
	    HTTPC_IMPROPER_STATE);
	httpc_conn_free(c);
	memt_log_free(&log);
}

/* What set_debuglevel shows, through a sink of our own. */
static struct hc_buf	debug_out;

static void
sink(void *arg, enum httpc_debug_type t, const char *p, size_t n)
{
	static const char *const tag[] = { "*", ">", "<", "}", "{" };

	(void)arg;
	hc_buf_printf(&debug_out, "%s%.*s|", tag[t], (int)n, p);
}

static void
test_debug(void)
{
	const char		*in = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
	    "\r\nhiHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nho"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhu";
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c = conn_with(in, 0, &log);
	struct httpc_response	*r;

	hc_buf_init(&debug_out, SIZE_MAX);
	httpc_set_debug_sink(sink, NULL);
	/* Level 0: nothing. */
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "hi"));
	httpc_response_free(r);
	CHECK(debug_out.len == 0);
	/* Level 1: the heads, line by line. */
	httpc_conn_set_debuglevel(c, 1);
	CHECK(hc_conn_debuglevel(c) == 1);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "ho"));
	httpc_response_free(r);
	CHECK(debug_out.data != NULL && strstr(debug_out.data,
	    ">GET / HTTP/1.1\r\n|>Host: example.org\r\n|"
	    ">Accept-Encoding: identity\r\n|>\r\n|") != NULL);
	CHECK(debug_out.data != NULL && strstr(debug_out.data,
	    "<HTTP/1.1 200 OK\r\n|<Content-Length: 2\r\n|<\r\n|") != NULL);
	CHECK(debug_out.data != NULL && strstr(debug_out.data, "{") == NULL);
	CHECK(debug_out.data != NULL && strstr(debug_out.data, "*Re-using")
	    != NULL);
	hc_buf_reset(&debug_out);
	/* Level 2: the body bytes too. */
	httpc_conn_set_debuglevel(c, 2);
	CHECK(httpc_conn_request(c, "POST", "/", "sent", 4, NULL, 0) ==
	    HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "hu"));
	httpc_response_free(r);
	CHECK(debug_out.data != NULL && strstr(debug_out.data, "}sent|") !=
	    NULL);
	CHECK(debug_out.data != NULL && strstr(debug_out.data, "{hu|") !=
	    NULL);
	httpc_conn_free(c);
	httpc_set_debug_sink(NULL, NULL);
	memt_log_free(&log);
	hc_buf_free(&debug_out);
}

/* Options are copied: the caller's strings may go right away. */
static void
test_opts(void)
{
	struct httpc_conn	*c;
	struct httpc_opts	 o;
	char			*s, *pw;
	int64_t			 t0, t1;

	httpc_opts_init(&o);
	s = strdup("10.0.0.1");
	pw = strdup("secret");
	o.connect_addr = s;
	o.key_password = pw;
	o.timeout_ms = 1234;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	free(s);
	free(pw);
	CHECK(strcmp(hc_conn_opts(c)->connect_addr, "10.0.0.1") == 0);
	CHECK(strcmp(hc_conn_opts(c)->key_password, "secret") == 0);
	CHECK(hc_conn_opts(c)->timeout_ms == 1234);
	CHECK(hc_conn_opts(c)->cafile == NULL);
	t0 = httpc_now_ms();
	httpc_conn_set_deadline(c, t0 + 1000);
	httpc_conn_set_deadline(c, 0);
	t1 = httpc_now_ms();
	CHECK(t0 > 0 && t1 >= t0);
	httpc_conn_free(c);
	/* NULL options: the defaults. */
	CHECK(httpc_conn_new(&c, "example.org", 0, NULL) == HTTPC_OK);
	CHECK(hc_conn_opts(c)->http_version == 11);
	httpc_conn_free(c);
}

/* accept(2) and read(2) that give up after 5 seconds, not hang. */
static int
accept_within(int ls)
{
	struct pollfd	 pfd = { ls, POLLIN, 0 };

	if (poll(&pfd, 1, 5000) != 1)
		return -1;
	return accept(ls, NULL, NULL);
}

static ssize_t
read_within(int s, char *buf, size_t len)
{
	struct pollfd	 pfd = { s, POLLIN, 0 };
	ssize_t		 n;

	if (poll(&pfd, 1, 5000) != 1)
		return -1;
	if ((n = read(s, buf, len - 1)) >= 0)
		buf[n] = '\0';
	return n;
}

/* The plain TCP transport against a listener on the loopback. */
static void
test_tcp(void)
{
	struct sockaddr_in	 sin;
	socklen_t		 slen = sizeof(sin);
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_response	*r;
	struct httpc_opts	 o;
	const char		*resp = "HTTP/1.1 200 OK\r\nContent-Length: 4"
	    "\r\n\r\ntcp!";
	char			 buf[1024];
	int			 ls, s, port;
	ssize_t			 n;

	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		printf("# no socket: skipping the TCP tests\n");
		return;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(ls, 4) == -1 ||
	    getsockname(ls, (struct sockaddr *)&sin, &slen) == -1) {
		printf("# no loopback: skipping the TCP tests\n");
		close(ls);
		return;
	}
	port = ntohs(sin.sin_port);
	httpc_opts_init(&o);
	o.connect_timeout_ms = 5000;
	o.timeout_ms = 5000;
	CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
	/* Connected on demand by the first request. */
	CHECK(httpc_conn_request(c, "GET", "/t", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	if ((s = accept_within(ls)) == -1) {
		CHECK(s != -1);
		httpc_conn_free(c);
		close(ls);
		return;
	}
	n = read_within(s, buf, sizeof(buf));
	CHECK(n > 0);
	CHECK(strncmp(buf, "GET /t HTTP/1.1\r\nHost: 127.0.0.1:", 33) == 0);
	CHECK(write(s, resp, strlen(resp)) == (ssize_t)strlen(resp));
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "tcp!"));
	httpc_response_free(r);
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1 && info.remote_port == port);
	CHECK(strcmp(info.remote_ip, "127.0.0.1") == 0);
	/* Kept alive: the second request on the same socket. */
	CHECK(httpc_conn_request(c, "GET", "/u", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	n = read_within(s, buf, sizeof(buf));
	CHECK(n > 0 && strncmp(buf, "GET /u ", 7) == 0);
	CHECK(write(s, resp, strlen(resp)) == (ssize_t)strlen(resp));
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	CHECK(body_is(r, "tcp!"));
	httpc_response_free(r);
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1 && info.reused == 1);
	/* The server closes while idle: the next request reconnects. */
	close(s);
	usleep(10000);
	CHECK(httpc_conn_request(c, "GET", "/v", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	s = accept_within(ls);
	CHECK(s != -1);
	n = s != -1 ? read_within(s, buf, sizeof(buf)) : -1;
	CHECK(n > 0 && strncmp(buf, "GET /v ", 7) == 0);
	if (s != -1)
		close(s);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_REMOTE_DISCONNECTED);
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 2);
	httpc_conn_free(c);
	/* Nobody listens: a connect error that names the address. */
	close(ls);
	CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
	CHECK(httpc_conn_connect(c) == HTTPC_CONNECT);
	CHECK(strstr(httpc_conn_errmsg(c), "127.0.0.1") != NULL);
	CHECK(httpc_err_exitcode(HTTPC_CONNECT) == 7);
	httpc_conn_free(c);
}

/*
 * A server that keeps the socket readable never makes recv wait in poll,
 * where the deadline used to be looked at: the deadline holds anyway.
 * The server has written far more than the reader buffers; once the
 * deadline is past, what the reader holds may still be read, then
 * HTTPC_TIMEOUT, though the socket has data.  With use_fd, through
 * httpc_response_read_fd into a file (splice(2) where the kernel can).
 */
static void
test_deadline_flood(int use_fd)
{
	struct sockaddr_in	 sin;
	socklen_t		 slen = sizeof(sin);
	struct httpc_conn	*c;
	struct httpc_response	*r;
	static char		 big[512 * 1024];
	char			 head[128], buf[65536];
	size_t			 sent = 0, got = 0, n;
	ssize_t			 w;
	enum httpc_err		 e = HTTPC_OK;
	char			 path[] = "/tmp/t_conn.flood.XXXXXX";
	int			 ls, s, hl, fd = -1;

	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(ls, 4) == -1 ||
	    getsockname(ls, (struct sockaddr *)&sin, &slen) == -1) {
		close(ls);
		return;
	}
	CHECK(httpc_conn_new(&c, "127.0.0.1", ntohs(sin.sin_port), NULL) ==
	    HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	if ((s = accept_within(ls)) == -1) {
		CHECK(s != -1);
		httpc_conn_free(c);
		close(ls);
		return;
	}
	(void)read_within(s, buf, sizeof(buf));
	hl = snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\n"
	    "Content-Length: %zu\r\n\r\n", sizeof(big));
	CHECK(write(s, head, (size_t)hl) == hl);
	/* As much as the socket takes without blocking. */
	(void)fcntl(s, F_SETFL, O_NONBLOCK);
	memset(big, 'x', sizeof(big));
	while (sent < sizeof(big) &&
	    (w = write(s, big + sent, sizeof(big) - sent)) > 0)
		sent += (size_t)w;
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
	if (use_fd && (fd = mkstemp(path)) != -1)
		unlink(path);
	if (use_fd && fd == -1)
		printf("# no temporary file: the read_fd flood test is not "
		    "run\n");
	else if (sent > 2 * 128 * 1024) {
		httpc_conn_set_deadline(c, httpc_now_ms() - 1);
		while ((e = use_fd ?
		    httpc_response_read_fd(r, fd, sizeof(buf), &n) :
		    httpc_response_read(r, buf, sizeof(buf), &n)) ==
		    HTTPC_OK && n > 0)
			got += n;
		CHECK(e == HTTPC_TIMEOUT);
		/* Only what the reader held before the deadline. */
		CHECK(got <= 128 * 1024);
	} else
		printf("# only %zu bytes in the socket: the deadline flood "
		    "test is not run\n", sent);
	httpc_response_free(r);
	httpc_conn_free(c);
	close(s);
	close(ls);
	if (fd != -1)
		close(fd);
}

/*
 * A listener on the loopback (127.0.0.1 or ::1) with the given backlog;
 * -1 if the system has none.
 */
static int
loopback(int family, int backlog, int *port)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 len;
	int			 ls;

	if ((ls = socket(family, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET6) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = in6addr_loopback;
		len = sizeof(*sin6);
	} else {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*sin);
	}
	if (bind(ls, (struct sockaddr *)&ss, len) == -1 ||
	    listen(ls, backlog) == -1 ||
	    getsockname(ls, (struct sockaddr *)&ss, &len) == -1) {
		close(ls);
		return -1;
	}
	*port = ntohs(family == AF_INET6 ? sin6->sin6_port : sin->sin_port);
	return ls;
}

/*
 * One exchange on a listener: request path on c, the server reads it
 * into buf and answers.  1 if the body came back.
 */
static int
exchange(struct httpc_conn *c, int ls, const char *path, char *buf,
    size_t len, int *peer_port)
{
	static const char	 resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 2"
	    "\r\n\r\nok";
	struct sockaddr_storage	 ss;
	socklen_t		 slen = sizeof(ss);
	struct httpc_response	*r;
	int			 s, ok, port;

	buf[0] = '\0';
	if (httpc_conn_request(c, "GET", path, NULL, 0, NULL, 0) != HTTPC_OK)
		return 0;
	if ((s = accept_within(ls)) == -1)
		return 0;
	if (peer_port != NULL && getpeername(s, (struct sockaddr *)&ss,
	    &slen) == 0) {
		port = ss.ss_family == AF_INET6 ?
		    ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) :
		    ntohs(((struct sockaddr_in *)&ss)->sin_port);
		*peer_port = port;
	}
	ok = read_within(s, buf, len) > 0 &&
	    write(s, resp, strlen(resp)) == (ssize_t)strlen(resp) &&
	    httpc_conn_getresponse(c, &r) == HTTPC_OK;
	if (ok) {
		ok = body_is(r, "ok");
		httpc_response_free(r);
	}
	close(s);
	return ok;
}

/* --unix-socket: the path instead of an address, Host unchanged. */
static void
test_unix_socket(void)
{
	struct sockaddr_un	 sun;
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_opts	 o;
	char			 dir[] = "/tmp/t_conn.XXXXXX", path[128];
	char			 want[512], buf[1024], name[64];
	int			 ls;

	if (mkdtemp(dir) == NULL)
		return;
	snprintf(path, sizeof(path), "%s/s", dir);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
	if ((ls = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(ls, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(ls, 4) == -1) {
		printf("# no unix sockets: skipping\n");
		if (ls != -1)
			close(ls);
		rmdir(dir);
		return;
	}
	httpc_opts_init(&o);
	o.unix_socket = path;
	o.connect_timeout_ms = 5000;
	o.timeout_ms = 5000;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	hc_buf_init(&debug_out, SIZE_MAX);
	httpc_set_debug_sink(sink, NULL);
	httpc_conn_set_debuglevel(c, 1);
	CHECK(exchange(c, ls, "/u", buf, sizeof(buf), NULL));
	CHECK(strncmp(buf, "GET /u HTTP/1.1\r\nHost: example.org\r\n", 36) ==
	    0);
	/* curl's lines: the path where the address would be. */
	snprintf(want, sizeof(want), "*  Trying %s:0...\n|*Connected to "
	    "example.org (%s) port 80 (#0)\n|", path, path);
	CHECK(debug_out.data != NULL && strstr(debug_out.data, want) != NULL);
	httpc_conn_info(c, &info);
	CHECK(strcmp(info.remote_ip, path) == 0 && info.remote_port == 0);
	httpc_conn_free(c);
	httpc_set_debug_sink(NULL, NULL);
	hc_buf_free(&debug_out);
	close(ls);
	unlink(path);

	/* Nobody there. */
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	CHECK(httpc_conn_connect(c) == HTTPC_CONNECT);
	snprintf(want, sizeof(want), "connect to %s failed: ", path);
	CHECK(strncmp(httpc_conn_errmsg(c), want, strlen(want)) == 0);
	httpc_conn_free(c);
	rmdir(dir);

	/* Linux's abstract namespace: no file at all. */
	snprintf(name, sizeof(name), "httpc-t_conn-%d", (int)getpid());
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path + 1, name, strlen(name));
	if ((ls = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(ls, (struct sockaddr *)&sun, (socklen_t)(offsetof(struct
	    sockaddr_un, sun_path) + 1 + strlen(name))) == -1 ||
	    listen(ls, 4) == -1) {
		printf("# no abstract unix sockets: skipping\n");
		if (ls != -1)
			close(ls);
		return;
	}
	o.unix_socket = name;
	o.unix_abstract = 1;
	CHECK(httpc_conn_new(&c, "example.org", 8080, &o) == HTTPC_OK);
	CHECK(exchange(c, ls, "/a", buf, sizeof(buf), NULL));
	CHECK(strncmp(buf, "GET /a HTTP/1.1\r\nHost: example.org:8080\r\n",
	    41) == 0);
	httpc_conn_free(c);
	close(ls);
}

/* --connect-to and --resolve: another address, the same Host. */
static void
test_connect_to(void)
{
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_opts	 o;
	char			 buf[1024], want[128];
	int			 ls, port;

	if ((ls = loopback(AF_INET, 4, &port)) == -1)
		return;
	httpc_opts_init(&o);
	o.connect_timeout_ms = 5000;
	o.timeout_ms = 5000;
	o.connect_to_host = "127.0.0.1";
	o.connect_to_port = port;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	hc_buf_init(&debug_out, SIZE_MAX);
	httpc_set_debug_sink(sink, NULL);
	httpc_conn_set_debuglevel(c, 1);
	CHECK(exchange(c, ls, "/c", buf, sizeof(buf), NULL));
	CHECK(strncmp(buf, "GET /c HTTP/1.1\r\nHost: example.org\r\n", 36) ==
	    0);
	snprintf(want, sizeof(want), "*Connecting to hostname: 127.0.0.1\n|"
	    "*Connecting to port: %d\n|", port);
	CHECK(debug_out.data != NULL && strstr(debug_out.data, want) != NULL);
	httpc_conn_info(c, &info);
	CHECK(info.remote_port == port);
	httpc_conn_free(c);
	httpc_set_debug_sink(NULL, NULL);
	hc_buf_free(&debug_out);

	/* --resolve's address beats the connect-to name (never looked up). */
	o.connect_to_host = "backend.invalid";
	o.connect_addr = "127.0.0.1";
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	CHECK(exchange(c, ls, "/d", buf, sizeof(buf), NULL));
	httpc_conn_free(c);
	close(ls);
}

/* The connect-to host ends up in CONNECT's request line: only a plain
 * name or address, no brackets; ports in range. */
static void
test_connect_to_checks(void)
{
	static const char *const bad[] = { "", "a\r\nX: y", "a b", "[::1]",
	    "a/b", "a\x01" };
	struct httpc_conn	*c;
	struct httpc_opts	 o;
	size_t			 i;
	int			 nbad = 0;

	httpc_opts_init(&o);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.connect_to_host = bad[i];
		if (httpc_conn_new(&c, "example.org", 0, &o) !=
		    HTTPC_INVALID_URL)
			nbad++;
	}
	CHECK(nbad == 0);
	o.connect_to_host = "::1";
	o.connect_to_port = 70000;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_INVALID_URL);
	o.connect_to_port = 0;
	o.local_port = -1;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_INVALID_URL);
	o.local_port = 0;
	CHECK(httpc_conn_new(&c, "example.org", 0, &o) == HTTPC_OK);
	httpc_conn_free(c);
}

/* -4 and -6. */
static void
test_family(void)
{
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_opts	 o;
	char			 buf[1024];
	int			 ls, port;

	if ((ls = loopback(AF_INET, 4, &port)) == -1)
		return;
	httpc_opts_init(&o);
	o.connect_timeout_ms = 5000;
	o.timeout_ms = 5000;
	/* An IPv4 address with IPv6 only: nothing to connect to (curl's
	 * exit 7), not a name that failed to resolve. */
	o.family = AF_INET6;
	CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
	CHECK(httpc_conn_connect(c) == HTTPC_CONNECT);
	CHECK(strstr(httpc_conn_errmsg(c), "127.0.0.1") != NULL &&
	    strstr(httpc_conn_errmsg(c), "only IPv6") != NULL);
	httpc_conn_free(c);
	/* A name from /etc/hosts, IPv4 only, through the lookup thread. */
	o.family = AF_INET;
	CHECK(httpc_conn_new(&c, "localhost", port, &o) == HTTPC_OK);
	CHECK(exchange(c, ls, "/4", buf, sizeof(buf), NULL));
	CHECK(strncmp(buf, "GET /4 HTTP/1.1\r\nHost: localhost:", 33) == 0);
	httpc_conn_info(c, &info);
	CHECK(strcmp(info.remote_ip, "127.0.0.1") == 0);
	httpc_conn_free(c);
	close(ls);

	if ((ls = loopback(AF_INET6, 4, &port)) == -1) {
		printf("# no IPv6 loopback: skipping -6\n");
		return;
	}
	o.family = AF_INET6;
	CHECK(httpc_conn_new(&c, "::1", port, &o) == HTTPC_OK);
	CHECK(exchange(c, ls, "/6", buf, sizeof(buf), NULL));
	CHECK(strncmp(buf, "GET /6 HTTP/1.1\r\nHost: [::1]:", 29) == 0);
	httpc_conn_info(c, &info);
	CHECK(strcmp(info.remote_ip, "::1") == 0);
	httpc_conn_free(c);
	o.family = AF_INET;
	CHECK(httpc_conn_new(&c, "::1", port, &o) == HTTPC_OK);
	CHECK(httpc_conn_connect(c) == HTTPC_CONNECT);
	httpc_conn_free(c);
	close(ls);
}

/* A port nobody uses right now, from the kernel, or 0. */
static int
free_port(int keep_bound, int *fdp)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 fd, port;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return 0;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1) {
		close(fd);
		return 0;
	}
	port = ntohs(sin.sin_port);
	if (keep_bound)
		*fdp = fd;
	else
		close(fd);
	return port;
}

/* --local-port N[-M]. */
static void
test_local_port(void)
{
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_opts	 o;
	enum httpc_err		 e;
	char			 buf[1024], want[64];
	int			 ls, port, lp, busy = -1, peer = 0;

	if ((ls = loopback(AF_INET, 4, &port)) == -1)
		return;
	httpc_opts_init(&o);
	o.connect_timeout_ms = 5000;
	o.timeout_ms = 5000;
	if ((lp = free_port(0, NULL)) != 0 && lp < 65000) {
		o.local_port = lp;
		o.local_port_max = lp + 3;
		CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
		CHECK(exchange(c, ls, "/l", buf, sizeof(buf), &peer));
		httpc_conn_info(c, &info);
		CHECK(info.local_port >= lp && info.local_port <= lp + 3);
		CHECK(peer == info.local_port);
		httpc_conn_free(c);
	}
	/* The only port asked for is taken: curl's exit 45. */
	if ((lp = free_port(1, &busy)) != 0 && lp < 65000) {
		o.local_port = lp;
		o.local_port_max = 0;
		CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
		CHECK(httpc_conn_connect(c) == HTTPC_BIND);
		snprintf(want, sizeof(want), "bind to local port %d failed: ",
		    lp);
		CHECK(strncmp(httpc_conn_errmsg(c), want, strlen(want)) == 0);
		CHECK(httpc_err_exitcode(HTTPC_BIND) == 45);
		CHECK(httpc_err_isa(HTTPC_BIND, HTTPC_CONNECT));
		httpc_conn_free(c);
		/* With a range the next one does (unless taken as well). */
		o.local_port_max = lp + 1;
		CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
		e = httpc_conn_connect(c);
		httpc_conn_info(c, &info);
		CHECK(e == HTTPC_OK ? info.local_port == lp + 1 :
		    e == HTTPC_BIND);
		httpc_conn_free(c);
		close(busy);
	}
	close(ls);
}

/* Milliseconds since t0, for the bounds of the timeout tests. */
static int64_t
since(int64_t t0)
{
	return httpc_now_ms() - t0;
}

/*
 * --connect-timeout covers every phase, and says which one fired:
 * resolving, connecting, the proxy's CONNECT, the TLS handshake.  Each
 * against a loopback peer that never answers, bounded.
 */
static void
test_connect_timeout(void)
{
	static const char *const phase[] = { "TLS handshake timed out after ",
	    "proxy CONNECT timed out after " };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct httpc_opts	 o;
	struct sockaddr_in	 sin;
	char			 dir[] = "/tmp/t_conn.XXXXXX", fifo[128];
	char			 want[128], buf[1024];
	int64_t			 t0, ms;
	enum httpc_err		 e;
	int			 ls, port, fill[3], i, s;

	httpc_opts_init(&o);
	o.connect_timeout_ms = 300;

	/*
	 * Connecting: a listener whose accept queue is full drops the SYN,
	 * so the connect hangs (backlog 0 holds one connection).
	 */
	if ((ls = loopback(AF_INET, 0, &port)) != -1) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sin.sin_port = htons((uint16_t)port);
		for (i = 0; i < 3; i++) {
			fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK,
			    0);
			if (fill[i] != -1)
				(void)connect(fill[i], (struct sockaddr *)&sin,
				    sizeof(sin));
		}
		usleep(50000);
		CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
		t0 = httpc_now_ms();
		e = httpc_conn_connect(c);
		ms = since(t0);
		if (e == HTTPC_OK)
			printf("# the loopback does not drop SYNs: skipping "
			    "the connect timeout\n");
		else {
			CHECK(e == HTTPC_TIMEOUT);
			snprintf(want, sizeof(want), "connect to 127.0.0.1 "
			    "port %d timed out after ", port);
			CHECK(strncmp(httpc_conn_errmsg(c), want, strlen(want))
			    == 0);
			CHECK(ms >= 250 && ms < 3000);
		}
		httpc_conn_free(c);
		/* The transfer's deadline, when sooner, ends it too. */
		o.connect_timeout_ms = 5000;
		CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
		httpc_conn_set_deadline(c, httpc_now_ms() + 200);
		t0 = httpc_now_ms();
		e = httpc_conn_connect(c);
		CHECK(e == HTTPC_OK ||
		    (e == HTTPC_TIMEOUT && since(t0) < 3000));
		httpc_conn_free(c);
		o.connect_timeout_ms = 300;
		for (i = 0; i < 3; i++)
			if (fill[i] != -1)
				close(fill[i]);
		close(ls);
	}

	/*
	 * Resolving: glibc reads HOSTALIASES (for a name without a dot,
	 * before asking any DNS server); a FIFO nobody writes holds the
	 * lookup in open(2), for ever and without any packet sent.
	 */
	if (mkdtemp(dir) != NULL) {
		snprintf(fifo, sizeof(fifo), "%s/aliases", dir);
		if (mkfifo(fifo, 0600) == 0 &&
		    setenv("HOSTALIASES", fifo, 1) == 0) {
			CHECK(httpc_conn_new(&c, "httpc-slow-test", 80, &o) ==
			    HTTPC_OK);
			t0 = httpc_now_ms();
			e = httpc_conn_connect(c);
			ms = since(t0);
			if (e == HTTPC_RESOLVE)
				printf("# this resolver does not read "
				    "HOSTALIASES: skipping\n");
			else {
				CHECK(e == HTTPC_TIMEOUT);
				CHECK(strncmp(httpc_conn_errmsg(c), "resolving "
				    "timed out after ", 26) == 0);
				CHECK(strstr(httpc_conn_errmsg(c),
				    "(httpc-slow-test)") != NULL);
				CHECK(ms >= 250 && ms < 3000);
			}
			httpc_conn_free(c);
			/* A proxy's name is told as such. */
			CHECK(httpc_conn_new(&c, "example.org", 80, &o) ==
			    HTTPC_OK);
			CHECK(httpc_conn_set_proxy(c, "httpc-slow-test", 0) ==
			    HTTPC_OK);
			e = httpc_conn_connect(c);
			CHECK(e == HTTPC_RESOLVE_PROXY || (e == HTTPC_TIMEOUT &&
			    strstr(httpc_conn_errmsg(c),
			    "(proxy httpc-slow-test)") != NULL));
			httpc_conn_free(c);
			unsetenv("HOSTALIASES");
		}
		unlink(fifo);
		rmdir(dir);
	}

	/*
	 * The TLS handshake, and the proxy's CONNECT: the kernel accepts,
	 * nobody answers.
	 */
	for (i = 0; i < 2; i++) {
		if ((ls = loopback(AF_INET, 4, &port)) == -1)
			break;
		o.insecure = 1;
		if (i == 0)
			CHECK(httpc_https_conn_new(&c, "127.0.0.1", port, &o) ==
			    HTTPC_OK);
		else {
			CHECK(httpc_conn_new(&c, "example.org", 0, &o) ==
			    HTTPC_OK);
			CHECK(httpc_conn_set_proxy(c, "127.0.0.1", port) ==
			    HTTPC_OK);
			CHECK(httpc_conn_set_tunnel(c, NULL, 0) == HTTPC_OK);
		}
		t0 = httpc_now_ms();
		CHECK(httpc_conn_connect(c) == HTTPC_TIMEOUT);
		ms = since(t0);
		CHECK(strncmp(httpc_conn_errmsg(c), phase[i],
		    strlen(phase[i])) == 0);
		CHECK(ms >= 250 && ms < 3000);
		httpc_conn_free(c);
		close(ls);
	}
	CHECK(httpc_err_exitcode(HTTPC_TIMEOUT) == 28);

	/* Once connected the connect timeout is over: a reply slower
	 * than it still arrives. */
	if ((ls = loopback(AF_INET, 4, &port)) == -1)
		return;
	o.connect_timeout_ms = 100;
	o.insecure = 0;
	CHECK(httpc_conn_new(&c, "127.0.0.1", port, &o) == HTTPC_OK);
	CHECK(httpc_conn_request(c, "GET", "/", NULL, 0, NULL, 0) ==
	    HTTPC_OK);
	usleep(300000);
	if ((s = accept_within(ls)) != -1) {
		CHECK(read_within(s, buf, sizeof(buf)) > 0);
		CHECK(write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
		    40) == 40);
		CHECK(httpc_conn_getresponse(c, &r) == HTTPC_OK);
		CHECK(body_is(r, "ok"));
		httpc_response_free(r);
		close(s);
	}
	httpc_conn_free(c);
	close(ls);
}

int
main(void)
{
	test_simple_get();
	test_request_bytes();
	test_http10();
	test_host();
	test_refused();
	test_state_machine();
	test_reuse();
	test_pipelining();
	test_lifetimes();
	test_bodies();
	test_big_body();
	test_failures();
	test_expect();
	test_debug();
	test_opts();
	test_tcp();
	test_deadline_flood(0);
	test_deadline_flood(1);
	test_unix_socket();
	test_connect_to();
	test_connect_to_checks();
	test_family();
	test_local_port();
	test_connect_timeout();
	return check_done("t_conn");
}
