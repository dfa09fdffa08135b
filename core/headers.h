/*
 * Internal to libhttpc: the grammar of HTTP fields (RFC 9110 section 5)
 * and the list of fields of a response.
 */
#ifndef HC_HEADERS_H
#define HC_HEADERS_H

#include <stddef.h>

#include "buf.h"
#include "httpc.h"

/* 1 if s[0..n) is a non-empty token (method, field name). */
int		 hc_is_token(const char *, size_t);
/* 1 if s[0..n) may be a field value: no CTL but HTAB; obs-text allowed. */
int		 hc_is_field_value(const char *, size_t);
/* Case-insensitive comparison of a field name. */
int		 hc_name_eq(const char *, const char *);
/* 1 if the comma-separated list value has token tok (any case). */
int		 hc_list_has(const char *value, const char *tok);
/* The last element of a comma-separated list, trimmed, into buf. */
void		 hc_list_last(const char *value, char *buf, size_t len);

/*
 * Fields of one response: names and values are kept NUL terminated in
 * one buffer, in wire order; an obs-fold continues the last value.
 */
struct hc_fields {
	struct hc_buf		 store;
	size_t			*offs;		/* name, value offset pairs */
	size_t			 n;
	size_t			 cap;
	struct httpc_header	*list;		/* built by hc_fields_finish */
};

void		 hc_fields_init(struct hc_fields *);
void		 hc_fields_free(struct hc_fields *);
/*
 * Parses one field line (its line end removed) and adds it.  Returns
 * HTTPC_BAD_HEADER for a malformed line, HTTPC_TOO_MANY_HEADERS past
 * HTTPC_MAXHEADERS.
 */
enum httpc_err	 hc_fields_add_line(struct hc_fields *, const char *, size_t);
/* Builds the httpc_header array once all lines are in. */
enum httpc_err	 hc_fields_finish(struct hc_fields *);
/* The index of the next field named name from index i, or -1. */
long		 hc_fields_find(const struct hc_fields *, const char *name,
		    size_t from);
const char	*hc_fields_name(const struct hc_fields *, size_t);
const char	*hc_fields_value(const struct hc_fields *, size_t);

#endif
