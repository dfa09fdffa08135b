/* The error table: messages, httplib's hierarchy, curl's exit codes. */
#include "httpc.h"

#define HTTPC_NONE	HTTPC_ERR_COUNT

static const struct {
	const char	*name;
	enum httpc_err	 parent;
	int		 exitcode;
	const char	*msg;
} errors[] = {
#define ERR_ROW(name, parent, exitcode, msg) \
	{ #name, HTTPC_##parent, exitcode, msg },
	HTTPC_ERRORS(ERR_ROW)
#undef ERR_ROW
};

const char *
httpc_strerror(enum httpc_err e)
{
	if ((unsigned)e >= HTTPC_ERR_COUNT)
		return "unknown error";
	return errors[e].msg;
}

const char *
httpc_err_name(enum httpc_err e)
{
	if ((unsigned)e >= HTTPC_ERR_COUNT)
		return "UNKNOWN";
	return errors[e].name;
}

/* Walks up the parent column; the table has no cycles. */
int
httpc_err_isa(enum httpc_err e, enum httpc_err kind)
{
	while ((unsigned)e < HTTPC_ERR_COUNT) {
		if (e == kind)
			return 1;
		e = errors[e].parent;
	}
	return 0;
}

int
httpc_err_exitcode(enum httpc_err e)
{
	if ((unsigned)e >= HTTPC_ERR_COUNT)
		return 2;
	return errors[e].exitcode;
}
