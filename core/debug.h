/* Internal to libhttpc: the debug printer behind set_debuglevel. */
#ifndef HC_DEBUG_H
#define HC_DEBUG_H

#include "httpc.h"

/* "* text\n" when the connection's level is >= 1. */
void	hc_debugf(const struct httpc_conn *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* A header block to the sink one line at a time, at level >= 1. */
void	hc_debug_lines(const struct httpc_conn *, enum httpc_debug_type,
	    const char *, size_t);
/* Raw bytes of one kind to the sink when level >= min. */
void	hc_debug_data(const struct httpc_conn *, int min,
	    enum httpc_debug_type, const char *, size_t);

#endif
