/*
 * libhttpc: an HTTP/1.1 client library shaped like Python's httplib.
 *
 * HTTPConnection is struct httpc_conn, HTTPResponse is struct
 * httpc_response, the exceptions are enum httpc_err (with httplib's
 * hierarchy kept by httpc_err_isa()), responses[] is httpc_status_phrase().
 * Every function returns an enum httpc_err and hands results back through
 * out-parameters.  Objects are opaque and can be freed in any state.
 */
#ifndef HTTPC_H
#define HTTPC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define HTTPC_VERSION		"0.1.0"

#define HTTPC_HTTP_PORT		80
#define HTTPC_HTTPS_PORT	443
#define HTTPC_PROXY_PORT	1080		/* curl's default for -x */

/* Limits on what a server may send (today's curl's; see DESIGN.md). */
#define HTTPC_MAXLINE		65536		/* status, header, chunk line */
#define HTTPC_MAXHEADERS	5000		/* header fields per response */
#define HTTPC_MAXHEADERBYTES	(300 * 1024)	/* all header lines together */
#define HTTPC_MAXINTERIM	100		/* 1xx responses before a final */

/*
 * The error table: name, parent (httplib's exception hierarchy), the
 * exit code curl uses for the same failure, and a message.  One table
 * drives the enum, httpc_strerror(), httpc_err_isa() and
 * httpc_err_exitcode().
 */
#define HTTPC_ERRORS(X)							\
	X(OK,			NONE,		0,  "no error")		\
	X(NOMEM,		NONE,		27, "out of memory")	\
	X(SYS,			NONE,		2,  "system error")	\
	X(RESOLVE,		NONE,		6,  "could not resolve host") \
	X(RESOLVE_PROXY,	RESOLVE,	5,  "could not resolve proxy") \
	X(CONNECT,		NONE,		7,  "could not connect") \
	X(BIND,			CONNECT,	45, "could not bind the local port") \
	X(TIMEOUT,		NONE,		28, "operation timed out") \
	X(SEND,			NONE,		55, "failure sending data") \
	X(RECV,			NONE,		56, "failure receiving data") \
	X(PROXY_CONNECT,	NONE,		56, "proxy refused the CONNECT tunnel") \
	X(BODY_READ,		NONE,		26, "could not read the request body") \
	X(WRITE,		NONE,		23, "failure writing output") \
	X(BODY_SIZE,		NONE,		43, "request body size does not match its Content-Length") \
	X(UNSUPPORTED,		NONE,		4,  "feature not available in this build") \
	X(TLS,			NONE,		35, "TLS failure")	\
	X(TLS_HANDSHAKE,	TLS,		35, "TLS handshake failed") \
	X(TLS_PEER_VERIFY,	TLS,		60, "server certificate not verified") \
	X(TLS_LOCAL_CERT,	TLS,		58, "problem with the local certificate or key") \
	X(TLS_CACERT,		TLS,		77, "problem with the CA certificates") \
	X(TLS_CIPHER,		TLS,		59, "cipher list not usable") \
	X(HTTP,			NONE,		8,  "HTTP protocol error") \
	X(NOT_CONNECTED,	HTTP,		7,  "not connected")	\
	X(INVALID_URL,		HTTP,		3,  "invalid URL")	\
	X(INVALID_REQUEST,	HTTP,		43, "invalid character in request") \
	X(UNKNOWN_PROTOCOL,	HTTP,		8,  "unsupported HTTP version in reply") \
	X(UNKNOWN_TRANSFER_ENCODING, HTTP,	61, "unknown transfer-coding") \
	X(UNIMPLEMENTED_FILE_MODE, HTTP,	26, "file mode not supported") \
	X(INCOMPLETE_READ,	HTTP,		18, "body ended early")	\
	X(IMPROPER_STATE,	HTTP,		43, "call out of order") \
	X(CANNOT_SEND_REQUEST,	IMPROPER_STATE,	43, "a request is already in progress") \
	X(CANNOT_SEND_HEADER,	IMPROPER_STATE,	43, "headers cannot be sent now") \
	X(RESPONSE_NOT_READY,	IMPROPER_STATE,	43, "no response ready") \
	X(BAD_STATUS_LINE,	HTTP,		8,  "bad status line")	\
	X(REMOTE_DISCONNECTED,	BAD_STATUS_LINE, 52, "server closed the connection without a reply") \
	X(BAD_HEADER,		HTTP,		8,  "bad header line")	\
	X(BAD_LENGTH,		HTTP,		8,  "bad Content-Length") \
	X(BAD_CHUNK,		HTTP,		8,  "bad chunked encoding") \
	X(TOO_MANY_INTERIM,	HTTP,		8,  "too many 1xx responses") \
	X(LINE_TOO_LONG,	HTTP,		100, "line too long")	\
	X(TOO_MANY_HEADERS,	HTTP,		100, "too many header fields") \
	X(HEADERS_TOO_LARGE,	HTTP,		100, "header section too large")

enum httpc_err {
#define HTTPC_ERR_ENUM(name, parent, exitcode, msg) HTTPC_##name,
	HTTPC_ERRORS(HTTPC_ERR_ENUM)
#undef HTTPC_ERR_ENUM
	HTTPC_ERR_COUNT
};

/* The message of an error; never NULL. */
const char	*httpc_strerror(enum httpc_err);
/* The enum name without prefix ("CANNOT_SEND_REQUEST"); never NULL. */
const char	*httpc_err_name(enum httpc_err);
/* 1 if e is kind or one of its descendants, like Python's except. */
int		 httpc_err_isa(enum httpc_err e, enum httpc_err kind);
/* curl's exit code for the same failure (0 for HTTPC_OK). */
int		 httpc_err_exitcode(enum httpc_err);

/*
 * Status codes (HTTPC_STATUS_OK = 200, ...): the seed's table plus the
 * RFC 9110 (and friends) codes it lacks.  Code, name, reason phrase.
 */
#define HTTPC_STATUSES(X)						\
	X(100, CONTINUE,			"Continue")		\
	X(101, SWITCHING_PROTOCOLS,		"Switching Protocols")	\
	X(102, PROCESSING,			"Processing")		\
	X(103, EARLY_HINTS,			"Early Hints")		\
	X(200, OK,				"OK")			\
	X(201, CREATED,				"Created")		\
	X(202, ACCEPTED,			"Accepted")		\
	X(203, NON_AUTHORITATIVE_INFORMATION,	"Non-Authoritative Information") \
	X(204, NO_CONTENT,			"No Content")		\
	X(205, RESET_CONTENT,			"Reset Content")	\
	X(206, PARTIAL_CONTENT,			"Partial Content")	\
	X(207, MULTI_STATUS,			"Multi-Status")		\
	X(208, ALREADY_REPORTED,		"Already Reported")	\
	X(226, IM_USED,				"IM Used")		\
	X(300, MULTIPLE_CHOICES,		"Multiple Choices")	\
	X(301, MOVED_PERMANENTLY,		"Moved Permanently")	\
	X(302, FOUND,				"Found")		\
	X(303, SEE_OTHER,			"See Other")		\
	X(304, NOT_MODIFIED,			"Not Modified")		\
	X(305, USE_PROXY,			"Use Proxy")		\
	X(307, TEMPORARY_REDIRECT,		"Temporary Redirect")	\
	X(308, PERMANENT_REDIRECT,		"Permanent Redirect")	\
	X(400, BAD_REQUEST,			"Bad Request")		\
	X(401, UNAUTHORIZED,			"Unauthorized")		\
	X(402, PAYMENT_REQUIRED,		"Payment Required")	\
	X(403, FORBIDDEN,			"Forbidden")		\
	X(404, NOT_FOUND,			"Not Found")		\
	X(405, METHOD_NOT_ALLOWED,		"Method Not Allowed")	\
	X(406, NOT_ACCEPTABLE,			"Not Acceptable")	\
	X(407, PROXY_AUTHENTICATION_REQUIRED,	"Proxy Authentication Required") \
	X(408, REQUEST_TIMEOUT,			"Request Timeout")	\
	X(409, CONFLICT,			"Conflict")		\
	X(410, GONE,				"Gone")			\
	X(411, LENGTH_REQUIRED,			"Length Required")	\
	X(412, PRECONDITION_FAILED,		"Precondition Failed")	\
	X(413, REQUEST_ENTITY_TOO_LARGE,	"Content Too Large")	\
	X(414, REQUEST_URI_TOO_LONG,		"URI Too Long")		\
	X(415, UNSUPPORTED_MEDIA_TYPE,		"Unsupported Media Type") \
	X(416, REQUESTED_RANGE_NOT_SATISFIABLE,	"Range Not Satisfiable") \
	X(417, EXPECTATION_FAILED,		"Expectation Failed")	\
	X(418, IM_A_TEAPOT,			"I'm a Teapot")		\
	X(421, MISDIRECTED_REQUEST,		"Misdirected Request")	\
	X(422, UNPROCESSABLE_ENTITY,		"Unprocessable Content") \
	X(423, LOCKED,				"Locked")		\
	X(424, FAILED_DEPENDENCY,		"Failed Dependency")	\
	X(425, TOO_EARLY,			"Too Early")		\
	X(426, UPGRADE_REQUIRED,		"Upgrade Required")	\
	X(428, PRECONDITION_REQUIRED,		"Precondition Required") \
	X(429, TOO_MANY_REQUESTS,		"Too Many Requests")	\
	X(431, REQUEST_HEADER_FIELDS_TOO_LARGE,	"Request Header Fields Too Large") \
	X(451, UNAVAILABLE_FOR_LEGAL_REASONS,	"Unavailable For Legal Reasons") \
	X(500, INTERNAL_SERVER_ERROR,		"Internal Server Error") \
	X(501, NOT_IMPLEMENTED,			"Not Implemented")	\
	X(502, BAD_GATEWAY,			"Bad Gateway")		\
	X(503, SERVICE_UNAVAILABLE,		"Service Unavailable")	\
	X(504, GATEWAY_TIMEOUT,			"Gateway Timeout")	\
	X(505, HTTP_VERSION_NOT_SUPPORTED,	"HTTP Version Not Supported") \
	X(506, VARIANT_ALSO_NEGOTIATES,		"Variant Also Negotiates") \
	X(507, INSUFFICIENT_STORAGE,		"Insufficient Storage")	\
	X(508, LOOP_DETECTED,			"Loop Detected")	\
	X(510, NOT_EXTENDED,			"Not Extended")		\
	X(511, NETWORK_AUTHENTICATION_REQUIRED,	"Network Authentication Required")

enum httpc_status {
#define HTTPC_STATUS_ENUM(code, name, phrase) HTTPC_STATUS_##name = code,
	HTTPC_STATUSES(HTTPC_STATUS_ENUM)
#undef HTTPC_STATUS_ENUM
};

/* httplib's responses[code]: the reason phrase, or NULL if unknown. */
const char	*httpc_status_phrase(int code);

/*
 * Transports.  core has plain TCP; tls/ wraps a transport in TLS; unit
 * tests and fuzzers use an in-memory one.  read sets *n to 0 at end of
 * stream.  close releases everything, the struct included.
 */
struct httpc_transport;
struct httpc_transport_ops {
	const char	*name;
	enum httpc_err	(*read)(struct httpc_transport *, void *, size_t,
			    size_t *);
	enum httpc_err	(*write)(struct httpc_transport *, const void *,
			    size_t, size_t *);
	void		(*close)(struct httpc_transport *);
};
struct httpc_transport {
	const struct httpc_transport_ops *ops;
};

/*
 * Connection options.  Zero (or httpc_opts_init()) means the defaults.
 * The strings are copied by httpc_conn_new().
 */
struct httpc_opts {
	int		 connect_timeout_ms;	/* resolve + connect + CONNECT +
						 * TLS handshake; 0: none */
	int		 timeout_ms;		/* each read and write; 0: none */
	int		 http_version;		/* 10 or 11 (default) */
	int		 family;		/* AF_UNSPEC, AF_INET, AF_INET6 */
	const char	*connect_addr;		/* --resolve: connect here */
	/* --connect-to: connect to this host and port instead (NULL, 0:
	 * the connection's own); Host, SNI and checks stay on the host. */
	const char	*connect_to_host;
	int		 connect_to_port;
	/* --unix-socket: connect to this path instead of resolving. */
	const char	*unix_socket;
	int		 unix_abstract;		/* Linux abstract namespace */
	/* --local-port N[-M]: bind to the first free port of the range
	 * before connecting; 0: any. */
	int		 local_port;
	int		 local_port_max;	/* 0: local_port only */
	/* TLS (HTTPSConnection); ignored by plain connections. */
	const char	*cafile;
	const char	*capath;
	const char	*cert_file;		/* httplib's cert_file */
	const char	*key_file;		/* httplib's key_file */
	const char	*key_password;
	int		 insecure;		/* skip verification */
	int		 tls_min;		/* 12 or 13; 0: 1.2 */
	int		 tls_max;		/* 12 or 13; 0: highest built */
	const char	*ciphers;
};

void		 httpc_opts_init(struct httpc_opts *);

struct httpc_conn;			/* HTTPConnection */
struct httpc_response;			/* HTTPResponse */

/* putrequest flags */
#define HTTPC_SKIP_HOST			0x01
#define HTTPC_SKIP_ACCEPT_ENCODING	0x02

/*
 * HTTPConnection(host, port, timeout).  host may be "name", "name:port",
 * "[v6addr]" or "[v6addr]:port"; port 0 takes the port from host, else
 * HTTPC_HTTP_PORT.  Nothing is connected yet.
 */
enum httpc_err	 httpc_conn_new(struct httpc_conn **, const char *host, int port,
		    const struct httpc_opts *);
/* HTTPSConnection: as httpc_conn_new, TLS on top, default port 443. */
enum httpc_err	 httpc_https_conn_new(struct httpc_conn **, const char *host,
		    int port, const struct httpc_opts *);
/* "mbedTLS 2.28.3 (TLS 1.2)": the TLS library and versions built in. */
const char	*httpc_tls_backend(void);
/* Closes and frees; NULL is fine.  A response still open is detached. */
void		 httpc_conn_free(struct httpc_conn *);

/*
 * Use an already open transport instead of connecting (tests, fuzzers,
 * callers with their own sockets).  The connection owns it afterwards.
 */
enum httpc_err	 httpc_conn_attach(struct httpc_conn *, struct httpc_transport *);

/*
 * What the last failure on this connection was, in words for a user
 * ("connect to 127.0.0.1 port 9 failed: Connection refused"); "" if none.
 */
const char	*httpc_conn_errmsg(const struct httpc_conn *);

void		 httpc_conn_set_debuglevel(struct httpc_conn *, int);
enum httpc_err	 httpc_conn_connect(struct httpc_conn *);
void		 httpc_conn_close(struct httpc_conn *);
/*
 * A forward proxy: the connection goes to proxy_host (a name, an IPv4
 * address, an IPv6 address with or without brackets) port proxy_port (0:
 * HTTPC_PROXY_PORT) instead of its host.  Without a tunnel requests go to
 * the proxy as the caller writes them: pass the absolute URL to
 * putrequest.  The Host header stays the connection's host.  NULL clears
 * the proxy and the tunnel.  Only before the connection is open
 * (HTTPC_IMPROPER_STATE after); takes effect at the next connect.
 */
enum httpc_err	 httpc_conn_set_proxy(struct httpc_conn *,
		    const char *proxy_host, int proxy_port);
/*
 * set_tunnel: with a proxy set, every (re)connect first sends CONNECT
 * host:port (the connection's host, or opts.connect_to_*) to the proxy
 * with these "Name: value" headers (Proxy-Authorization, User-Agent,
 * ...; copied), then talks to the host through the tunnel: Host, SNI and
 * certificate checks stay on the host.  A non-2xx reply fails the connect
 * with HTTPC_PROXY_CONNECT.  Proxy-Authorization is refused in requests
 * through the tunnel, so proxy credentials never reach the host.
 */
enum httpc_err	 httpc_conn_set_tunnel(struct httpc_conn *,
		    const char *const *headers, size_t nheaders);
/*
 * get_proxy_response_headers: the proxy's reply to the last CONNECT,
 * successful or not, for the const accessors (status, reason, version,
 * getheaders, msg); NULL and HTTPC_RESPONSE_NOT_READY if none was read.
 * It belongs to the connection and lives until the next connect or
 * httpc_conn_free: never read its body or free it.
 */
enum httpc_err	 httpc_conn_proxy_response(const struct httpc_conn *,
		    const struct httpc_response **);
/* Absolute deadline on CLOCK_MONOTONIC in ms for all I/O; 0 clears it. */
void		 httpc_conn_set_deadline(struct httpc_conn *, int64_t);
/* Milliseconds on CLOCK_MONOTONIC, the clock deadlines use. */
int64_t		 httpc_now_ms(void);
int64_t		 httpc_now_us(void);

/*
 * request(method, url, body, headers): putrequest, the headers, and
 * Content-Length for the body when the caller gave none.  headers is an
 * array of nheaders "Name: value" strings.
 */
enum httpc_err	 httpc_conn_request(struct httpc_conn *, const char *method,
		    const char *url, const void *body, size_t bodylen,
		    const char *const *headers, size_t nheaders);
/*
 * The same with the body read from fd: len bytes, or until end of file
 * with chunked transfer-coding when len is -1.  Streamed, never loaded.
 */
enum httpc_err	 httpc_conn_request_fd(struct httpc_conn *, const char *method,
		    const char *url, int fd, off_t len,
		    const char *const *headers, size_t nheaders);

enum httpc_err	 httpc_conn_putrequest(struct httpc_conn *, const char *method,
		    const char *url, int flags);
enum httpc_err	 httpc_conn_putheader(struct httpc_conn *, const char *name,
		    const char *value);
/* putheader(header, arg, ...): the values are joined with ", ". */
enum httpc_err	 httpc_conn_putheaderv(struct httpc_conn *, const char *name,
		    const char *const *values, size_t nvalues);
/* Sends the header block, and body if bodylen > 0, in one write. */
enum httpc_err	 httpc_conn_endheaders(struct httpc_conn *, const void *body,
		    size_t bodylen);
/*
 * send(data): body bytes after endheaders.  When the request announced
 * Transfer-Encoding: chunked, each call is sent as one chunk and
 * httpc_conn_endbody() sends the last chunk.
 */
enum httpc_err	 httpc_conn_send(struct httpc_conn *, const void *, size_t);
/* Streams len bytes (or to end of file when len is -1) from fd. */
enum httpc_err	 httpc_conn_send_fd(struct httpc_conn *, int fd, off_t len);
enum httpc_err	 httpc_conn_endbody(struct httpc_conn *);

/*
 * After endheaders of a request sent with "Expect: 100-continue" and
 * before its body: waits up to timeout_ms for the server.  *proceed is 1
 * when the body should follow (100 Continue came, or nothing in time), 0
 * when the server gave its final answer already: getresponse returns it,
 * the body is not sent and the connection ends with that response.
 */
enum httpc_err	 httpc_conn_wait_continue(struct httpc_conn *, int timeout_ms,
		    int *proceed);

/*
 * getresponse(): reads the status line and headers, skipping interim 1xx
 * responses (101 is returned).  The response belongs to the caller, who
 * frees it; the connection is reused once the body was read to the end.
 */
enum httpc_err	 httpc_conn_getresponse(struct httpc_conn *,
		    struct httpc_response **);

/*
 * Interim 1xx responses are skipped by getresponse; this callback sees
 * each one's head as received (for curl's -i and -D, which show them).
 */
typedef void	 httpc_interim_fn(void *arg, int status, const char *msg,
		    size_t len);
void		 httpc_conn_set_interim_cb(struct httpc_conn *,
		    httpc_interim_fn *, void *arg);

/* How the connection went, for -w and -v. */
struct httpc_conn_info {
	int		 num_connects;		/* connections opened so far */
	int		 reused;		/* last request reused it */
	char		 remote_ip[64];
	int		 remote_port;
	char		 local_ip[64];
	int		 local_port;
	int64_t		 t_namelookup_us;	/* of the last connect */
	int64_t		 t_connect_us;
	int64_t		 t_appconnect_us;	/* TLS done; 0 for plain */
	int64_t		 header_bytes_sent;	/* request heads, all requests */
};
void		 httpc_conn_info(const struct httpc_conn *,
		    struct httpc_conn_info *);

/*
 * read(amt): up to amt body bytes; *n == 0 at the end of the body.
 * A body shorter than announced is HTTPC_INCOMPLETE_READ, see
 * httpc_response_partial().
 */
enum httpc_err	 httpc_response_read(struct httpc_response *, void *, size_t amt,
		    size_t *n);
/*
 * read(amt) into a file descriptor: moves up to max body bytes to fd,
 * *n == 0 at the end of the body; the same framing, errors and reuse as
 * httpc_response_read.  Over plain TCP with a Content-Length or
 * until-close body, no debug data and fd a pipe, regular file or
 * character device, the bytes go with splice(2) and never reach user
 * space.  A failed write to fd is HTTPC_WRITE (errno says why); SIGPIPE
 * is the caller's to ignore or handle.
 */
enum httpc_err	 httpc_response_read_fd(struct httpc_response *, int fd,
		    size_t max, size_t *n);
/* read(): the whole body, at most max bytes (HTTPC_NOMEM beyond), NUL
 * terminated; the caller frees *data. */
enum httpc_err	 httpc_response_read_all(struct httpc_response *, size_t max,
		    char **data, size_t *len);
/* IncompleteRead's partial and expected (-1 if unknown). */
void		 httpc_response_partial(const struct httpc_response *,
		    off_t *partial, off_t *expected);

int		 httpc_response_status(const struct httpc_response *);
const char	*httpc_response_reason(const struct httpc_response *);
int		 httpc_response_version(const struct httpc_response *);
/*
 * getheader(name, default): the value, repeated fields joined with ", ",
 * or def.  The string lives as long as the response.
 */
enum httpc_err	 httpc_response_getheader(struct httpc_response *,
		    const char *name, const char *def, const char **value);

struct httpc_header {
	const char	*name;
	const char	*value;
};
/* getheaders(): the fields in wire order (obs-folds unfolded). */
void		 httpc_response_getheaders(const struct httpc_response *,
		    const struct httpc_header **, size_t *n);
/* msg: the header section exactly as received, status line included. */
void		 httpc_response_msg(const struct httpc_response *,
		    const char **, size_t *);
/* Content-Length announced, or -1 (chunked, until close, unknown). */
off_t		 httpc_response_length(const struct httpc_response *);
/* 1 once the body was read to its end. */
int		 httpc_response_isclosed(const struct httpc_response *);
/* 1 if the connection ends with this response. */
int		 httpc_response_will_close(const struct httpc_response *);
/* Frees; NULL is fine.  An unfinished body closes the connection. */
void		 httpc_response_free(struct httpc_response *);

/*
 * URLs (RFC 3986).  All strings are owned by the struct; absent parts are
 * NULL.  host has no brackets; zone is an IPv6 zone id.  target is the
 * request-target: path (at least "/") and "?query".
 */
struct httpc_url {
	char		*scheme;		/* lower case */
	char		*user;
	char		*password;
	char		*host;			/* NULL: opaque (mailto:x) */
	char		*zone;
	char		*port;			/* as written, or NULL */
	int		 portnum;		/* port or the scheme's default */
	int		 ipv6;
	char		*path;
	char		*query;			/* without '?' */
	char		*fragment;
	char		*target;		/* path[?query] */
};
/* Flags for httpc_url_parse. */
#define HTTPC_URL_DEFAULT_SCHEME	0x01	/* no scheme: http:// */
#define HTTPC_URL_PATH_AS_IS		0x02	/* keep /./ and /../ */
/* On failure *why (if not NULL) says what is wrong ("bad port"). */
enum httpc_err	 httpc_url_parse(const char *, int flags, struct httpc_url **,
		    const char **why);
/* A reference resolved against base (RFC 3986 section 5). */
enum httpc_err	 httpc_url_resolve(const struct httpc_url *base,
		    const char *ref, struct httpc_url **, const char **why);
/* scheme://[user[:password]@]host[:port]target — caller frees. */
enum httpc_err	 httpc_url_string(const struct httpc_url *, int with_userinfo,
		    char **);
void		 httpc_url_free(struct httpc_url *);

/*
 * Debug output: set_debuglevel(1) describes the exchange ("* " info,
 * "> " header out, "< " header in), level 2 adds the body bytes.  The
 * sink is the only global state; the default writes curl -v lines to
 * stderr.  data is not NUL terminated.
 */
enum httpc_debug_type {
	HTTPC_DEBUG_TEXT,
	HTTPC_DEBUG_HEADER_OUT,
	HTTPC_DEBUG_HEADER_IN,
	HTTPC_DEBUG_DATA_OUT,
	HTTPC_DEBUG_DATA_IN
};
typedef void	 httpc_debug_fn(void *arg, enum httpc_debug_type,
		    const char *data, size_t len);
void		 httpc_set_debug_sink(httpc_debug_fn *, void *arg);

#endif /* HTTPC_H */
