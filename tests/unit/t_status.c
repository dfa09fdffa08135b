/*
 * The status table: httplib's responses[code] and its constants, plus
 * the RFC 9110 (and friends) codes the seed's table lacks.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "httpc.h"

/* Every constant of the seed's table, by value. */
static const int seed_codes[] = {
	100, 101, 102,
	200, 201, 202, 203, 204, 205, 206, 207, 226,
	300, 301, 302, 303, 304, 305, 307,
	400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412,
	413, 414, 415, 416, 417, 422, 423, 424, 426,
	500, 501, 502, 503, 504, 505, 507, 510
};

/* What RFC 9110 and its neighbours (8297, 5842, 6585, 7725) add. */
static const int added_codes[] = {
	103, 208, 308, 421, 425, 428, 429, 431, 451, 506, 508, 511
};

static const int table_codes[] = {
#define STATUS_CODE(code, name, phrase) code,
	HTTPC_STATUSES(STATUS_CODE)
#undef STATUS_CODE
};

static int
in_table(int code)
{
	size_t	 i;

	for (i = 0; i < sizeof(table_codes) / sizeof(table_codes[0]); i++)
		if (table_codes[i] == code)
			return 1;
	return 0;
}

static void
test_constants(void)
{
	/* The seed's names keep their values. */
	CHECK(HTTPC_HTTP_PORT == 80);
	CHECK(HTTPC_HTTPS_PORT == 443);
	CHECK(HTTPC_STATUS_CONTINUE == 100);
	CHECK(HTTPC_STATUS_SWITCHING_PROTOCOLS == 101);
	CHECK(HTTPC_STATUS_PROCESSING == 102);
	CHECK(HTTPC_STATUS_OK == 200);
	CHECK(HTTPC_STATUS_CREATED == 201);
	CHECK(HTTPC_STATUS_ACCEPTED == 202);
	CHECK(HTTPC_STATUS_NON_AUTHORITATIVE_INFORMATION == 203);
	CHECK(HTTPC_STATUS_NO_CONTENT == 204);
	CHECK(HTTPC_STATUS_RESET_CONTENT == 205);
	CHECK(HTTPC_STATUS_PARTIAL_CONTENT == 206);
	CHECK(HTTPC_STATUS_MULTI_STATUS == 207);
	CHECK(HTTPC_STATUS_IM_USED == 226);
	CHECK(HTTPC_STATUS_MULTIPLE_CHOICES == 300);
	CHECK(HTTPC_STATUS_MOVED_PERMANENTLY == 301);
	CHECK(HTTPC_STATUS_FOUND == 302);
	CHECK(HTTPC_STATUS_SEE_OTHER == 303);
	CHECK(HTTPC_STATUS_NOT_MODIFIED == 304);
	CHECK(HTTPC_STATUS_USE_PROXY == 305);
	CHECK(HTTPC_STATUS_TEMPORARY_REDIRECT == 307);
	CHECK(HTTPC_STATUS_BAD_REQUEST == 400);
	CHECK(HTTPC_STATUS_UNAUTHORIZED == 401);
	CHECK(HTTPC_STATUS_PAYMENT_REQUIRED == 402);
	CHECK(HTTPC_STATUS_FORBIDDEN == 403);
	CHECK(HTTPC_STATUS_NOT_FOUND == 404);
	CHECK(HTTPC_STATUS_METHOD_NOT_ALLOWED == 405);
	CHECK(HTTPC_STATUS_NOT_ACCEPTABLE == 406);
	CHECK(HTTPC_STATUS_PROXY_AUTHENTICATION_REQUIRED == 407);
	CHECK(HTTPC_STATUS_REQUEST_TIMEOUT == 408);
	CHECK(HTTPC_STATUS_CONFLICT == 409);
	CHECK(HTTPC_STATUS_GONE == 410);
	CHECK(HTTPC_STATUS_LENGTH_REQUIRED == 411);
	CHECK(HTTPC_STATUS_PRECONDITION_FAILED == 412);
	CHECK(HTTPC_STATUS_REQUEST_ENTITY_TOO_LARGE == 413);
	CHECK(HTTPC_STATUS_REQUEST_URI_TOO_LONG == 414);
	CHECK(HTTPC_STATUS_UNSUPPORTED_MEDIA_TYPE == 415);
	CHECK(HTTPC_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE == 416);
	CHECK(HTTPC_STATUS_EXPECTATION_FAILED == 417);
	CHECK(HTTPC_STATUS_UNPROCESSABLE_ENTITY == 422);
	CHECK(HTTPC_STATUS_LOCKED == 423);
	CHECK(HTTPC_STATUS_FAILED_DEPENDENCY == 424);
	CHECK(HTTPC_STATUS_UPGRADE_REQUIRED == 426);
	CHECK(HTTPC_STATUS_INTERNAL_SERVER_ERROR == 500);
	CHECK(HTTPC_STATUS_NOT_IMPLEMENTED == 501);
	CHECK(HTTPC_STATUS_BAD_GATEWAY == 502);
	CHECK(HTTPC_STATUS_SERVICE_UNAVAILABLE == 503);
	CHECK(HTTPC_STATUS_GATEWAY_TIMEOUT == 504);
	CHECK(HTTPC_STATUS_HTTP_VERSION_NOT_SUPPORTED == 505);
	CHECK(HTTPC_STATUS_INSUFFICIENT_STORAGE == 507);
	CHECK(HTTPC_STATUS_NOT_EXTENDED == 510);
	/* And the additions. */
	CHECK(HTTPC_STATUS_EARLY_HINTS == 103);
	CHECK(HTTPC_STATUS_ALREADY_REPORTED == 208);
	CHECK(HTTPC_STATUS_PERMANENT_REDIRECT == 308);
	CHECK(HTTPC_STATUS_MISDIRECTED_REQUEST == 421);
	CHECK(HTTPC_STATUS_TOO_EARLY == 425);
	CHECK(HTTPC_STATUS_PRECONDITION_REQUIRED == 428);
	CHECK(HTTPC_STATUS_TOO_MANY_REQUESTS == 429);
	CHECK(HTTPC_STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE == 431);
	CHECK(HTTPC_STATUS_UNAVAILABLE_FOR_LEGAL_REASONS == 451);
	CHECK(HTTPC_STATUS_VARIANT_ALSO_NEGOTIATES == 506);
	CHECK(HTTPC_STATUS_LOOP_DETECTED == 508);
	CHECK(HTTPC_STATUS_NETWORK_AUTHENTICATION_REQUIRED == 511);
}

static void
test_phrases(void)
{
	size_t		 i;
	const char	*p;

	for (i = 0; i < sizeof(seed_codes) / sizeof(seed_codes[0]); i++) {
		p = httpc_status_phrase(seed_codes[i]);
		CHECK(p != NULL && p[0] != '\0');
		if (p == NULL)
			printf("#   no phrase for %d\n", seed_codes[i]);
	}
	for (i = 0; i < sizeof(added_codes) / sizeof(added_codes[0]); i++) {
		p = httpc_status_phrase(added_codes[i]);
		CHECK(p != NULL && p[0] != '\0');
		if (p == NULL)
			printf("#   no phrase for %d\n", added_codes[i]);
	}
	/* The phrases of RFC 9110 section 15 and its neighbours. */
	CHECK(strcmp(httpc_status_phrase(100), "Continue") == 0);
	CHECK(strcmp(httpc_status_phrase(101), "Switching Protocols") == 0);
	CHECK(strcmp(httpc_status_phrase(103), "Early Hints") == 0);
	CHECK(strcmp(httpc_status_phrase(200), "OK") == 0);
	CHECK(strcmp(httpc_status_phrase(203),
	    "Non-Authoritative Information") == 0);
	CHECK(strcmp(httpc_status_phrase(204), "No Content") == 0);
	CHECK(strcmp(httpc_status_phrase(206), "Partial Content") == 0);
	CHECK(strcmp(httpc_status_phrase(208), "Already Reported") == 0);
	CHECK(strcmp(httpc_status_phrase(226), "IM Used") == 0);
	CHECK(strcmp(httpc_status_phrase(301), "Moved Permanently") == 0);
	CHECK(strcmp(httpc_status_phrase(302), "Found") == 0);
	CHECK(strcmp(httpc_status_phrase(304), "Not Modified") == 0);
	CHECK(strcmp(httpc_status_phrase(307), "Temporary Redirect") == 0);
	CHECK(strcmp(httpc_status_phrase(308), "Permanent Redirect") == 0);
	CHECK(strcmp(httpc_status_phrase(400), "Bad Request") == 0);
	CHECK(strcmp(httpc_status_phrase(404), "Not Found") == 0);
	CHECK(strcmp(httpc_status_phrase(407),
	    "Proxy Authentication Required") == 0);
	CHECK(strcmp(httpc_status_phrase(413), "Content Too Large") == 0);
	CHECK(strcmp(httpc_status_phrase(414), "URI Too Long") == 0);
	CHECK(strcmp(httpc_status_phrase(416), "Range Not Satisfiable") == 0);
	CHECK(strcmp(httpc_status_phrase(421), "Misdirected Request") == 0);
	CHECK(strcmp(httpc_status_phrase(422), "Unprocessable Content") == 0);
	CHECK(strcmp(httpc_status_phrase(425), "Too Early") == 0);
	CHECK(strcmp(httpc_status_phrase(428), "Precondition Required") == 0);
	CHECK(strcmp(httpc_status_phrase(429), "Too Many Requests") == 0);
	CHECK(strcmp(httpc_status_phrase(431),
	    "Request Header Fields Too Large") == 0);
	CHECK(strcmp(httpc_status_phrase(451),
	    "Unavailable For Legal Reasons") == 0);
	CHECK(strcmp(httpc_status_phrase(500), "Internal Server Error") == 0);
	CHECK(strcmp(httpc_status_phrase(505),
	    "HTTP Version Not Supported") == 0);
	CHECK(strcmp(httpc_status_phrase(506),
	    "Variant Also Negotiates") == 0);
	CHECK(strcmp(httpc_status_phrase(508), "Loop Detected") == 0);
	CHECK(strcmp(httpc_status_phrase(511),
	    "Network Authentication Required") == 0);
}

static void
test_unknown(void)
{
	int	 code, bad = 0;

	CHECK(httpc_status_phrase(0) == NULL);
	CHECK(httpc_status_phrase(-1) == NULL);
	CHECK(httpc_status_phrase(-200) == NULL);
	CHECK(httpc_status_phrase(99) == NULL);
	CHECK(httpc_status_phrase(199) == NULL);
	CHECK(httpc_status_phrase(306) == NULL);	/* unused */
	CHECK(httpc_status_phrase(420) == NULL);
	CHECK(httpc_status_phrase(509) == NULL);
	CHECK(httpc_status_phrase(599) == NULL);
	CHECK(httpc_status_phrase(600) == NULL);
	CHECK(httpc_status_phrase(999) == NULL);
	CHECK(httpc_status_phrase(1000) == NULL);
	CHECK(httpc_status_phrase(20000) == NULL);
	/* The function and the table agree everywhere. */
	for (code = -1000; code <= 2000; code++)
		if ((httpc_status_phrase(code) != NULL) != in_table(code))
			bad++;
	CHECK(bad == 0);
}

static void
test_table(void)
{
	size_t	 i, j, n = sizeof(table_codes) / sizeof(table_codes[0]);
	int	 dup = 0, order = 0, range = 0;

	for (i = 0; i < n; i++) {
		if (table_codes[i] < 100 || table_codes[i] > 599)
			range++;
		if (i > 0 && table_codes[i] <= table_codes[i - 1])
			order++;
		for (j = i + 1; j < n; j++)
			if (table_codes[i] == table_codes[j])
				dup++;
	}
	CHECK(dup == 0);
	CHECK(order == 0);
	CHECK(range == 0);
	/* The seed's table and the additions are all in it. */
	for (i = 0; i < sizeof(seed_codes) / sizeof(seed_codes[0]); i++)
		CHECK(in_table(seed_codes[i]));
	for (i = 0; i < sizeof(added_codes) / sizeof(added_codes[0]); i++)
		CHECK(in_table(added_codes[i]));
}

int
main(void)
{
	test_constants();
	test_phrases();
	test_unknown();
	test_table();
	return check_done("t_status");
}
