/* Internal to libhttpc: what every user of a transport needs. */
#ifndef HC_TRANSPORT_H
#define HC_TRANSPORT_H

#include "httpc.h"

/* Writes all n bytes; a write that takes none is HTTPC_SEND. */
enum httpc_err	 hc_write_all(struct httpc_transport *, const void *, size_t);

#endif
