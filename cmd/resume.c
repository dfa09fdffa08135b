/*
 * Whether a response continues a resumed download, and with what
 * validator a retry may resume.
 */
#include <sys/types.h>

#include <stdint.h>
#include <string.h>

#include "resume.h"

enum resume_act
resume_decide(const struct resume_ask *ra, int status,
    const char *content_range, off_t content_length)
{
	off_t	 first;

	if (ra->offset <= 0)
		return RESUME_WRITE;
	if (status == 416)
		return RESUME_SKIP;
	if (content_range != NULL &&
	    resume_range_first(content_range, &first) == 0 &&
	    first == ra->offset)
		return RESUME_APPEND;
	if (!ra->by_retry)
		return content_length == ra->offset ? RESUME_SKIP :
		    RESUME_REFUSE;
	if (status == 206)
		return RESUME_REFUSE;
	if (status >= 300 && ra->retry_pending)
		return RESUME_AFTER;
	return RESUME_RESTART;
}

int
resume_range_first(const char *v, off_t *first)
{
	int64_t	 n = 0;

	while (*v != '\0' && !(*v >= '0' && *v <= '9') && *v != '*')
		v++;
	if (!(*v >= '0' && *v <= '9'))
		return -1;
	for (; *v >= '0' && *v <= '9'; v++) {
		if (n > (INT64_MAX - (*v - '0')) / 10)
			return -1;
		n = n * 10 + (*v - '0');
	}
	*first = (off_t)n;
	return 0;
}

const char *
resume_validator(const char *etag, const char *last_modified)
{
	if (etag != NULL && etag[0] == '"' && strlen(etag) >= 2 &&
	    etag[strlen(etag) - 1] == '"')
		return etag;
	if (last_modified != NULL && last_modified[0] != '\0')
		return last_modified;
	return NULL;
}
