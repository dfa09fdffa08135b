/* HTTPConnection over the in-memory transport: requests, responses,
 * reuse and httplib's state machine. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
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
}

static void
test_state_machine(void)
{
	struct memt_log		 log = { 0 };
	struct httpc_conn	*c = conn_with("", 0, &log);
	struct httpc_response	*r;

	CHECK(httpc_conn_putheader(c, "A", "b") == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_CANNOT_SEND_HEADER);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) == HTTPC_OK);
	CHECK(httpc_conn_putrequest(c, "GET", "/", 0) ==
	    HTTPC_CANNOT_SEND_REQUEST);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_RESPONSE_NOT_READY);
	CHECK(httpc_err_isa(HTTPC_CANNOT_SEND_REQUEST, HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(HTTPC_REMOTE_DISCONNECTED, HTTPC_BAD_STATUS_LINE));
	CHECK(!httpc_err_isa(HTTPC_BAD_STATUS_LINE, HTTPC_IMPROPER_STATE));
	CHECK(httpc_conn_endheaders(c, NULL, 0) == HTTPC_OK);
	CHECK(httpc_conn_getresponse(c, &r) == HTTPC_REMOTE_DISCONNECTED);
	httpc_conn_free(c);
	memt_log_free(&log);
}

int
main(void)
{
	test_simple_get();
	test_state_machine();
	return check_done("t_conn");
}
