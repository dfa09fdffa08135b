/* The status table: httplib's responses[code]. */
#include "httpc.h"

const char *
httpc_status_phrase(int code)
{
	switch (code) {
#define STATUS_CASE(code, name, phrase) case code: return phrase;
	HTTPC_STATUSES(STATUS_CASE)
#undef STATUS_CASE
	default:
		return NULL;
	}
}
