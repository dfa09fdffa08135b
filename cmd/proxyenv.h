/*
 * Which proxy a URL goes through, as curl 7.88 decides it
 * (lib/url.c create_conn_helper_init_proxy, detect_proxy, parse_proxy;
 * lib/noproxy.c): from -x/--proxy, --noproxy and the environment.
 *
 * 1. The no-proxy list is --noproxy when given (even ""), else
 *    no_proxy, else NO_PROXY.  A host on it goes direct, whatever -x
 *    says.
 * 2. Otherwise the proxy is -x when given ("" means none, the
 *    environment unread), else <scheme>_proxy in lower case, its upper
 *    case form except for http (HTTP_PROXY is never read: a CGI program
 *    gets it from a request's "Proxy:" header, "httpoxy"), else
 *    all_proxy, else ALL_PROXY.  An empty variable counts as unset, as
 *    in curl; the lower case one wins when both are set.
 * 3. The proxy is [http://][user[:password]@]host[:port][/...], port
 *    1080 by default, user and password percent-decoded.
 *
 * The no-proxy list: "*" alone matches every host; otherwise names
 * separated by commas (blanks separate too, which curl calls
 * deprecated).  A name matches the host and its subdomains, a leading
 * or trailing dot ignored, without case; an IPv4 or IPv6 address
 * matches that address, "address/bits" the CIDR range (IPv6 in
 * brackets or not).  The URL's port plays no part, and a name with a
 * port ("host:8080") matches nothing, as in curl.
 *
 * Where httpc differs from curl 7.88, on purpose:
 * - a proxy without a scheme is http://, whatever its name (curl
 *   guesses ftp:// for "ftp.example.com" and then refuses it);
 * - https:// and socks*:// proxies are not supported (exit 4);
 * - IPv6 hosts compare as addresses and CIDR ranges work for them
 *   (curl 7.88 compares IPv6 hosts as text), "/0" is the whole address
 *   family (curl: the exact address), bad prefix lengths match
 *   nothing (curl: "/abc" is the exact address);
 * - user and password may not decode to control characters (exit 5);
 * - error messages show "***" for a password.
 */
#ifndef PROXYENV_H
#define PROXYENV_H

#include <stddef.h>

#define PROXY_DEFAULT_PORT	1080	/* curl's CURL_DEFAULT_PROXY_PORT */

/* Results: name, curl's exit code, message (see proxy_message()). */
#define PROXY_ERRORS(X)							\
	X(OK,		0, "no error")					\
	X(NOMEM,	27, "out of memory")				\
	X(SYNTAX,	5, "Unsupported proxy syntax")			\
	X(SCHEME,	7, "Unsupported proxy scheme")			\
	X(UNSUPPORTED,	4, "Unsupported proxy")

enum proxy_err {
#define PROXY_ERR_ENUM(name, code, msg) PROXY_##name,
	PROXY_ERRORS(PROXY_ERR_ENUM)
#undef PROXY_ERR_ENUM
	PROXY_ERR_COUNT
};

/*
 * Looks up an environment variable: its value or NULL.  Empty values
 * are treated as unset by the caller of this function, not by it.
 */
typedef const char *proxy_getenv_fn(void *arg, const char *name);

/*
 * Gets each line curl prints with -v while deciding, without its "* "
 * prefix: "Uses proxy env variable no_proxy == 'localhost'",
 * "space-separated NOPROXY patterns are deprecated".
 */
typedef void	 proxy_note_fn(void *arg, const char *msg);

struct proxy_query {
	const char	*scheme;	/* the URL's, "http" or "https" */
	const char	*host;		/* the URL's; IPv6 with [] or not */
	const char	*proxy;		/* -x: NULL not given, "" none */
	const char	*noproxy;	/* --noproxy: NULL not given */
	proxy_getenv_fn	*getenv;	/* NULL: getenv(3) */
	void		*getenv_arg;
	proxy_note_fn	*note;		/* NULL: no notes */
	void		*note_arg;
};

/* A proxy to use; every string is owned by the struct. */
struct proxy {
	char		*spec;		/* as given, for messages */
	char		*host;		/* IPv6 without brackets */
	int		 ipv6;
	int		 port;
	char		*user;		/* decoded; NULL: none given */
	char		*password;	/* decoded; "" with user alone */
	const char	*from;		/* "-x" or the variable's name */
};

/*
 * Decides for one URL.  PROXY_OK with *proxyp NULL: connect directly;
 * with *proxyp set: through that proxy, the caller's to free with
 * proxy_free().  Errors (*proxyp NULL): a proxy string that does not
 * parse or names a scheme httpc lacks; proxy_message() says which.
 * *specp, if specp is not NULL, points at the proxy string that failed
 * (q->proxy or the variable's value; NULL on success).
 */
enum proxy_err	 proxy_select(const struct proxy_query *q,
		    struct proxy **proxyp, const char **specp);

/*
 * Parses one proxy string ("" is a syntax error here: proxy_select()
 * treats it as "no proxy" before).  *proxyp is the caller's on
 * PROXY_OK, NULL otherwise; from is left NULL.
 */
enum proxy_err	 proxy_parse(const char *spec, struct proxy **proxyp);

/*
 * 1 if host is on the no-proxy list (NULL or "" lists nothing).  If
 * spacesep is not NULL it is set when blanks, not commas, separated two
 * names.
 */
int		 proxy_noproxy_match(const char *host, const char *list,
		    int *spacesep);

/*
 * curl's message for an error about spec, the password replaced by
 * "***": "Unsupported proxy syntax in 'http://:8080'", "Unsupported
 * proxy scheme for 'foo://h'", "Unsupported proxy 'https://h', httpc is
 * built without the HTTPS-proxy support.".  Always NUL terminates buf
 * (size > 0); returns buf.
 */
const char	*proxy_message(enum proxy_err, const char *spec, char *buf,
		    size_t size);

/* curl's exit code for a result: 5, 7, 4, 27; 0 for PROXY_OK. */
int		 proxy_exitcode(enum proxy_err);

/* Wipes the credentials and frees; NULL is fine. */
void		 proxy_free(struct proxy *);

#endif /* PROXYENV_H */
