/*
 * The error table: messages, names, httplib's exception hierarchy kept
 * by httpc_err_isa(), and curl's exit codes.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "httpc.h"

static const char *const names[] = {
#define ERR_NAME(name, parent, exitcode, msg) #name,
	HTTPC_ERRORS(ERR_NAME)
#undef ERR_NAME
};

/* The counterparts of httplib's exceptions and of http.client's later
 * additions: every one of them is an HTTPException. */
static const enum httpc_err httplib_errors[] = {
	HTTPC_HTTP, HTTPC_NOT_CONNECTED, HTTPC_INVALID_URL,
	HTTPC_UNKNOWN_PROTOCOL, HTTPC_UNKNOWN_TRANSFER_ENCODING,
	HTTPC_UNIMPLEMENTED_FILE_MODE, HTTPC_INCOMPLETE_READ,
	HTTPC_IMPROPER_STATE, HTTPC_CANNOT_SEND_REQUEST,
	HTTPC_CANNOT_SEND_HEADER, HTTPC_RESPONSE_NOT_READY,
	HTTPC_BAD_STATUS_LINE, HTTPC_REMOTE_DISCONNECTED, HTTPC_LINE_TOO_LONG,
	HTTPC_INVALID_REQUEST, HTTPC_BAD_HEADER, HTTPC_BAD_LENGTH,
	HTTPC_BAD_CHUNK, HTTPC_TOO_MANY_INTERIM, HTTPC_TOO_MANY_HEADERS,
	HTTPC_HEADERS_TOO_LARGE
};

/* System errors: no HTTPException. */
static const enum httpc_err system_errors[] = {
	HTTPC_OK, HTTPC_NOMEM, HTTPC_SYS, HTTPC_RESOLVE, HTTPC_CONNECT,
	HTTPC_TIMEOUT, HTTPC_SEND, HTTPC_RECV, HTTPC_BODY_READ,
	HTTPC_BODY_SIZE, HTTPC_UNSUPPORTED, HTTPC_TLS, HTTPC_TLS_HANDSHAKE,
	HTTPC_TLS_PEER_VERIFY, HTTPC_TLS_LOCAL_CERT, HTTPC_TLS_CACERT
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_strerror(void)
{
	int		 e, f, same = 0, empty = 0;
	const char	*m;

	CHECK(strcmp(httpc_strerror(HTTPC_OK), "no error") == 0);
	CHECK(strcmp(httpc_strerror(HTTPC_NOMEM), "out of memory") == 0);
	CHECK(strcmp(httpc_strerror(HTTPC_BAD_STATUS_LINE),
	    "bad status line") == 0);
	CHECK(strcmp(httpc_strerror(HTTPC_INCOMPLETE_READ),
	    "body ended early") == 0);
	CHECK(strcmp(httpc_strerror(HTTPC_LINE_TOO_LONG),
	    "line too long") == 0);
	for (e = 0; e < HTTPC_ERR_COUNT; e++) {
		m = httpc_strerror((enum httpc_err)e);
		if (m == NULL || m[0] == '\0' || strchr(m, '\n') != NULL)
			empty++;
		/* Messages read as the tail of "httpc: ...": lower case. */
		else if (m[0] >= 'A' && m[0] <= 'Z' && strncmp(m, "HTTP", 4) &&
		    strncmp(m, "TLS", 3))
			empty++;
		for (f = e + 1; f < HTTPC_ERR_COUNT; f++)
			if (m != NULL && strcmp(m, httpc_strerror(
			    (enum httpc_err)f)) == 0)
				same++;
	}
	CHECK(empty == 0);
	CHECK(same == 0);
	/* Out of range: a message, never NULL or a crash. */
	CHECK(strcmp(httpc_strerror(HTTPC_ERR_COUNT), "unknown error") == 0);
	CHECK(strcmp(httpc_strerror((enum httpc_err)-1), "unknown error") == 0);
	CHECK(httpc_strerror((enum httpc_err)100000) != NULL);
}

static void
test_names(void)
{
	int	 e, bad = 0;

	CHECK(NELEM(names) == HTTPC_ERR_COUNT);
	for (e = 0; e < HTTPC_ERR_COUNT; e++)
		if (strcmp(httpc_err_name((enum httpc_err)e), names[e]) != 0)
			bad++;
	CHECK(bad == 0);
	CHECK(strcmp(httpc_err_name(HTTPC_OK), "OK") == 0);
	CHECK(strcmp(httpc_err_name(HTTPC_CANNOT_SEND_REQUEST),
	    "CANNOT_SEND_REQUEST") == 0);
	CHECK(strcmp(httpc_err_name(HTTPC_REMOTE_DISCONNECTED),
	    "REMOTE_DISCONNECTED") == 0);
	CHECK(strcmp(httpc_err_name(HTTPC_HEADERS_TOO_LARGE),
	    "HEADERS_TOO_LARGE") == 0);
	CHECK(strcmp(httpc_err_name(HTTPC_ERR_COUNT), "UNKNOWN") == 0);
	CHECK(strcmp(httpc_err_name((enum httpc_err)-5), "UNKNOWN") == 0);
}

static void
test_isa(void)
{
	int	 e, k, bad = 0;

	/* ImproperConnectionState and its three children. */
	CHECK(httpc_err_isa(HTTPC_CANNOT_SEND_REQUEST, HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(HTTPC_CANNOT_SEND_HEADER, HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(HTTPC_RESPONSE_NOT_READY, HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(HTTPC_IMPROPER_STATE, HTTPC_IMPROPER_STATE));
	CHECK(httpc_err_isa(HTTPC_IMPROPER_STATE, HTTPC_HTTP));
	CHECK(!httpc_err_isa(HTTPC_IMPROPER_STATE, HTTPC_CANNOT_SEND_REQUEST));
	CHECK(!httpc_err_isa(HTTPC_CANNOT_SEND_REQUEST,
	    HTTPC_CANNOT_SEND_HEADER));
	CHECK(!httpc_err_isa(HTTPC_RESPONSE_NOT_READY,
	    HTTPC_CANNOT_SEND_REQUEST));
	/* RemoteDisconnected is a BadStatusLine. */
	CHECK(httpc_err_isa(HTTPC_REMOTE_DISCONNECTED, HTTPC_BAD_STATUS_LINE));
	CHECK(httpc_err_isa(HTTPC_REMOTE_DISCONNECTED, HTTPC_HTTP));
	CHECK(!httpc_err_isa(HTTPC_BAD_STATUS_LINE, HTTPC_REMOTE_DISCONNECTED));
	CHECK(!httpc_err_isa(HTTPC_REMOTE_DISCONNECTED, HTTPC_IMPROPER_STATE));
	/* Siblings are not each other. */
	CHECK(!httpc_err_isa(HTTPC_BAD_STATUS_LINE, HTTPC_IMPROPER_STATE));
	CHECK(!httpc_err_isa(HTTPC_INCOMPLETE_READ, HTTPC_BAD_STATUS_LINE));
	CHECK(!httpc_err_isa(HTTPC_LINE_TOO_LONG, HTTPC_BAD_STATUS_LINE));
	/* The TLS family. */
	CHECK(httpc_err_isa(HTTPC_TLS_HANDSHAKE, HTTPC_TLS));
	CHECK(httpc_err_isa(HTTPC_TLS_PEER_VERIFY, HTTPC_TLS));
	CHECK(httpc_err_isa(HTTPC_TLS_LOCAL_CERT, HTTPC_TLS));
	CHECK(httpc_err_isa(HTTPC_TLS_CACERT, HTTPC_TLS));
	CHECK(!httpc_err_isa(HTTPC_TLS, HTTPC_HTTP));

	/* Everything of httplib's is an HTTPException, nothing else is. */
	for (e = 0; e < (int)NELEM(httplib_errors); e++)
		if (!httpc_err_isa(httplib_errors[e], HTTPC_HTTP))
			bad++;
	for (e = 0; e < (int)NELEM(system_errors); e++)
		if (httpc_err_isa(system_errors[e], HTTPC_HTTP))
			bad++;
	CHECK(bad == 0);
	/* Whatever is added later: a weird server reply (curl's 8) is an
	 * HTTPException, a TLS_ error a TLS one. */
	bad = 0;
	for (e = 0; e < HTTPC_ERR_COUNT; e++) {
		if (httpc_err_exitcode((enum httpc_err)e) == 8 &&
		    !httpc_err_isa((enum httpc_err)e, HTTPC_HTTP))
			bad++;
		if (strncmp(names[e], "TLS_", 4) == 0 &&
		    (!httpc_err_isa((enum httpc_err)e, HTTPC_TLS) ||
		    httpc_err_isa((enum httpc_err)e, HTTPC_HTTP)))
			bad++;
	}
	CHECK(bad == 0);

	/* isa is reflexive; OK is nothing else and nothing else is OK;
	 * out-of-range values are nothing. */
	bad = 0;
	for (e = 0; e < HTTPC_ERR_COUNT; e++) {
		if (!httpc_err_isa((enum httpc_err)e, (enum httpc_err)e))
			bad++;
		if (e != HTTPC_OK && (httpc_err_isa((enum httpc_err)e,
		    HTTPC_OK) || httpc_err_isa(HTTPC_OK, (enum httpc_err)e)))
			bad++;
		if (httpc_err_isa((enum httpc_err)e, HTTPC_ERR_COUNT) ||
		    httpc_err_isa(HTTPC_ERR_COUNT, (enum httpc_err)e) ||
		    httpc_err_isa((enum httpc_err)-1, (enum httpc_err)e))
			bad++;
		/* Antisymmetric: no two kinds are each other's parent. */
		for (k = 0; k < HTTPC_ERR_COUNT; k++)
			if (k != e && httpc_err_isa((enum httpc_err)e,
			    (enum httpc_err)k) && httpc_err_isa(
			    (enum httpc_err)k, (enum httpc_err)e))
				bad++;
	}
	CHECK(bad == 0);
}

static void
test_exitcodes(void)
{
	int	 e, bad = 0;

	CHECK(httpc_err_exitcode(HTTPC_OK) == 0);
	CHECK(httpc_err_exitcode(HTTPC_RESOLVE) == 6);
	CHECK(httpc_err_exitcode(HTTPC_CONNECT) == 7);
	CHECK(httpc_err_exitcode(HTTPC_NOT_CONNECTED) == 7);
	CHECK(httpc_err_exitcode(HTTPC_INVALID_URL) == 3);
	CHECK(httpc_err_exitcode(HTTPC_HTTP) == 8);
	CHECK(httpc_err_exitcode(HTTPC_BAD_STATUS_LINE) == 8);
	CHECK(httpc_err_exitcode(HTTPC_BAD_HEADER) == 8);
	CHECK(httpc_err_exitcode(HTTPC_BAD_LENGTH) == 8);
	CHECK(httpc_err_exitcode(HTTPC_BAD_CHUNK) == 8);
	CHECK(httpc_err_exitcode(HTTPC_UNKNOWN_PROTOCOL) == 8);
	CHECK(httpc_err_exitcode(HTTPC_TOO_MANY_INTERIM) == 8);
	CHECK(httpc_err_exitcode(HTTPC_INCOMPLETE_READ) == 18);
	CHECK(httpc_err_exitcode(HTTPC_NOMEM) == 27);
	CHECK(httpc_err_exitcode(HTTPC_TIMEOUT) == 28);
	CHECK(httpc_err_exitcode(HTTPC_REMOTE_DISCONNECTED) == 52);
	CHECK(httpc_err_exitcode(HTTPC_SEND) == 55);
	CHECK(httpc_err_exitcode(HTTPC_RECV) == 56);
	CHECK(httpc_err_exitcode(HTTPC_LINE_TOO_LONG) == 100);
	CHECK(httpc_err_exitcode(HTTPC_TOO_MANY_HEADERS) == 100);
	CHECK(httpc_err_exitcode(HTTPC_HEADERS_TOO_LARGE) == 100);
	CHECK(httpc_err_exitcode(HTTPC_UNKNOWN_TRANSFER_ENCODING) == 61);
	CHECK(httpc_err_exitcode(HTTPC_TLS_HANDSHAKE) == 35);
	CHECK(httpc_err_exitcode(HTTPC_TLS_PEER_VERIFY) == 60);
	CHECK(httpc_err_exitcode(HTTPC_TLS_LOCAL_CERT) == 58);
	CHECK(httpc_err_exitcode(HTTPC_TLS_CACERT) == 77);
	CHECK(httpc_err_exitcode(HTTPC_BODY_READ) == 26);
	CHECK(httpc_err_exitcode(HTTPC_UNSUPPORTED) == 4);
	/* Every failure is a failure; out of range is too. */
	for (e = 1; e < HTTPC_ERR_COUNT; e++)
		if (httpc_err_exitcode((enum httpc_err)e) <= 0 ||
		    httpc_err_exitcode((enum httpc_err)e) > 255)
			bad++;
	CHECK(bad == 0);
	CHECK(httpc_err_exitcode(HTTPC_ERR_COUNT) != 0);
	CHECK(httpc_err_exitcode((enum httpc_err)-1) != 0);
}

int
main(void)
{
	test_strerror();
	test_names();
	test_isa();
	test_exitcodes();
	return check_done("t_error");
}
