/*
 * -w/--write-out: curl's format language ("%{http_code}\n") printed
 * after a transfer from what the caller measured.  The caller reads
 * "@file" and "@-" and passes the text; this file only interprets it.
 */
#ifndef WRITEOUT_H
#define WRITEOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "httpc.h"

/*
 * What one transfer did.  Zero it, then fill in what is known; a NULL
 * string prints nothing (and null in %{json}), as curl prints a value it
 * does not have.  Nothing is copied or freed: the strings and the header
 * array must stay valid for the writeout() call.
 */
struct writeout_info {
	int		 http_code;	/* final status; 0: no response */
	int		 http_connect;	/* proxy's CONNECT reply; 0: none */
	int		 http_version;	/* 10, 11 (response_version); 0 */
	int		 exitcode;	/* of the transfer; 0: success */
	const char	*errormsg;	/* shown only when exitcode != 0 */

	int64_t		 size_download;	/* body bytes received */
	int64_t		 size_upload;	/* body bytes sent */
	int64_t		 size_header;	/* header bytes received, all hops */
	int64_t		 size_request;	/* request bytes sent, all hops */
	int64_t		 speed_download; /* bytes per second */
	int64_t		 speed_upload;

	/* Microseconds since the transfer started. */
	int64_t		 time_namelookup_us;
	int64_t		 time_connect_us;
	int64_t		 time_appconnect_us;	/* 0 without TLS */
	int64_t		 time_pretransfer_us;
	int64_t		 time_starttransfer_us;
	int64_t		 time_redirect_us;	/* hops before the last */
	int64_t		 time_total_us;

	const char	*url;		/* as given on the command line */
	const char	*url_effective;	/* the last one asked for */
	const char	*redirect_url;	/* a Location not followed */
	const char	*referer;
	const char	*method;	/* of the last request */
	const char	*scheme;	/* "http": printed "HTTP" (curl 7.88) */
	const char	*content_type;	/* of the final response */
	const char	*filename_effective; /* -o/-O file; NULL: stdout */
	const char	*remote_ip;	/* NULL prints "" as curl */
	int		 remote_port;
	const char	*local_ip;	/* NULL prints "" as curl */
	int		 local_port;
	int		 num_connects;
	int		 num_redirects;
	int		 num_retries;
	int		 ssl_verify_result; /* 0: verified or no TLS */
	int		 urlnum;	/* 0-based index of the URL */

	/*
	 * The final response's header fields in wire order, as
	 * httpc_response_getheaders() gives them, for %header{name},
	 * %{header_json} and %{num_headers}.
	 */
	const struct httpc_header *headers;
	size_t		 nheaders;

	/* %{json}'s last member, "curl_version"; NULL: "libhttpc/VERSION". */
	const char	*version;
};

/*
 * Interprets format as curl 7.88's --write-out does and prints the
 * result to out, switching to err after %{stderr} and back after
 * %{stdout}.  An unknown variable gets a warning on err ("httpc: unknown
 * --write-out variable: 'x'") and prints nothing; malformed sequences
 * are printed as they are.  Returns 0, or -1 if a write failed.
 */
int	writeout(FILE *out, FILE *err, const char *format,
	    const struct writeout_info *info);

#endif /* WRITEOUT_H */
