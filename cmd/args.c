/*
 * Command line parsing.  One table lists every option: its short and long
 * name, whether it takes an argument, where it lands in struct config (a
 * field for plain flags and strings, a handler for the rest) and its help
 * line.  Parsing follows curl: short options bundle ("-sSL"), a short
 * option's argument may be glued ("-ofile"), "--no-NAME" turns a boolean
 * off, "--" ends the options, and every other word is a URL.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "httpc.h"
#include "args.h"
#include "config.h"

enum arg_kind {
	A_FLAG,			/* int field set to 1 (0 with --no-) */
	A_STRING,		/* const char * field set to the argument */
	A_CALL,			/* handler, no argument */
	A_CALLARG		/* handler with the argument */
};

/* Help categories, as curl's "--help category". */
#define G_IMPORTANT	0x001
#define G_HTTP		0x002
#define G_OUTPUT	0x004
#define G_POST		0x008
#define G_UPLOAD	0x010
#define G_AUTH		0x020
#define G_TLS		0x040
#define G_CONNECTION	0x080
#define G_VERBOSE	0x100
#define G_MISC		0x200
#define G_PROXY		0x400

struct option {
	int		 shortname;		/* 0: long only */
	const char	*longname;
	enum arg_kind	 kind;
	size_t		 offset;		/* A_FLAG, A_STRING */
	int		(*handler)(struct config *, const char *, int);
	const char	*argname;		/* for help; NULL: none */
	int		 groups;
	const char	*help;
};

/* A config file's words, kept while cfg points into them. */
struct config_file {
	struct config_file	*next;
	struct config_args	 args;
};

struct category {
	const char	*name;
	int		 group;
	const char	*help;
};

static int	 opt_data(struct config *, enum data_kind, const char *);
static int	 opt_data_ascii(struct config *, const char *, int);
static int	 opt_data_binary(struct config *, const char *, int);
static int	 opt_data_raw(struct config *, const char *, int);
static int	 opt_data_urlencode(struct config *, const char *, int);
static int	 opt_json(struct config *, const char *, int);
static int	 opt_form(struct config *, const char *, int);
static int	 opt_form_string(struct config *, const char *, int);
static int	 form_arg_add(struct config *, const char *, int);
static int	 opt_header(struct config *, const char *, int);
static int	 opt_upload_file(struct config *, const char *, int);
static int	 opt_output(struct config *, const char *, int);
static int	 opt_remote_name(struct config *, const char *, int);
static int	 opt_user_agent(struct config *, const char *, int);
static int	 opt_referer(struct config *, const char *, int);
static int	 opt_url(struct config *, const char *, int);
static int	 opt_url_query(struct config *, const char *, int);
static int	 opt_http10(struct config *, const char *, int);
static int	 opt_http11(struct config *, const char *, int);
static int	 opt_max_redirs(struct config *, const char *, int);
static int	 opt_cert(struct config *, const char *, int);
static int	 opt_tlsv12(struct config *, const char *, int);
static int	 opt_tlsv13(struct config *, const char *, int);
static int	 opt_tls_max(struct config *, const char *, int);
static int	 opt_resolve(struct config *, const char *, int);
static int	 opt_ipv4(struct config *, const char *, int);
static int	 opt_ipv6(struct config *, const char *, int);
static int	 opt_max_time(struct config *, const char *, int);
static int	 opt_connect_to(struct config *, const char *, int);
static int	 opt_unix_socket(struct config *, const char *, int);
static int	 opt_abstract_unix_socket(struct config *, const char *, int);
static int	 opt_local_port(struct config *, const char *, int);
static int	 opt_proxy_header(struct config *, const char *, int);
static int	 opt_connect_timeout(struct config *, const char *, int);
static int	 opt_cookie(struct config *, const char *, int);
static int	 opt_trace(struct config *, const char *, int);
static int	 opt_trace_ascii(struct config *, const char *, int);
static int	 opt_ignored(struct config *, const char *, int);
static int	 opt_speed_limit(struct config *, const char *, int);
static int	 opt_speed_time(struct config *, const char *, int);
static int	 opt_retry(struct config *, const char *, int);
static int	 opt_retry_delay(struct config *, const char *, int);
static int	 opt_retry_max_time(struct config *, const char *, int);
static int	 opt_continue_at(struct config *, const char *, int);
static int	 opt_limit_rate(struct config *, const char *, int);
static int	 opt_max_filesize(struct config *, const char *, int);
static int	 parse_count(const char *, long long, long long *);
static int	 parse_size(const char *, long long *);
static int	 parse_words(struct config *, int, char *[], int, int *);
static int	 apply_word(struct config *, const struct option *,
		    const char *, int, int *);
static int	 config_takes_arg(void *, const char *);
static void	 config_msg(void *, int, const char *);
static int	 read_config(struct config *, const char *, int, int *);
static int	 read_default_config(struct config *, int, char *[], int *);
static int	 parse_seconds(const char *, int *);
static int	 outspec_add(struct config *, enum out_kind, const char *);
static const struct option *find_long(const char *, int *);
static const struct option *find_short(int);
static int	 apply(struct config *, const struct option *, const char *,
		    int);
static int	 check(struct config *);
static void	 help(const char *);
static void	 help_line(const struct option *);
static int	 usage_error(const char *, const char *);

#define F(field)	offsetof(struct config, field)

static const struct option options[] = {
	{ '0', "http1.0", A_CALL, 0, opt_http10, NULL, G_HTTP,
	    "Use HTTP 1.0" },
	{ 0, "http1.1", A_CALL, 0, opt_http11, NULL, G_HTTP,
	    "Use HTTP 1.1" },
	{ '4', "ipv4", A_CALL, 0, opt_ipv4, NULL, G_CONNECTION,
	    "Resolve names to IPv4 addresses" },
	{ '6', "ipv6", A_CALL, 0, opt_ipv6, NULL, G_CONNECTION,
	    "Resolve names to IPv6 addresses" },
	{ 0, "abstract-unix-socket", A_CALLARG, 0, opt_abstract_unix_socket,
	    "<path>", G_CONNECTION, "Connect via abstract Unix domain socket" },
	{ 'A', "user-agent", A_CALLARG, 0, opt_user_agent, "<name>",
	    G_IMPORTANT | G_HTTP, "Send User-Agent <name> to server" },
	{ 'b', "cookie", A_CALLARG, 0, opt_cookie, "<data|filename>",
	    G_HTTP, "Send cookies from string/file" },
	{ 'c', "cookie-jar", A_STRING, F(cookie_jar), NULL, "<filename>",
	    G_HTTP, "Write cookies to <filename> after operation" },
	{ 0, "cacert", A_STRING, F(cacert), NULL, "<file>", G_TLS,
	    "CA certificate to verify peer against" },
	{ 0, "capath", A_STRING, F(capath), NULL, "<dir>", G_TLS,
	    "CA directory to verify peer against" },
	{ 0, "ciphers", A_STRING, F(ciphers), NULL, "<list of ciphers>",
	    G_TLS, "TLS ciphers to use" },
	{ 0, "compressed", A_FLAG, F(compressed), NULL, NULL, G_HTTP,
	    "Request compressed response" },
	{ 'K', "config", A_CALLARG, 0, NULL, "<file>", G_MISC,
	    "Read config from a file" },
	{ 0, "connect-timeout", A_CALLARG, 0, opt_connect_timeout,
	    "<seconds>", G_CONNECTION, "Maximum time allowed for connection" },
	{ 0, "connect-to", A_CALLARG, 0, opt_connect_to,
	    "<HOST1:PORT1:HOST2:PORT2>", G_CONNECTION, "Connect to host" },
	{ 'C', "continue-at", A_CALLARG, 0, opt_continue_at, "<offset>",
	    G_CONNECTION, "Resumed transfer offset" },
	{ 0, "create-dirs", A_FLAG, F(create_dirs), NULL, NULL, G_OUTPUT,
	    "Create necessary local directory hierarchy" },
	{ 'd', "data", A_CALLARG, 0, opt_data_ascii, "<data>",
	    G_IMPORTANT | G_POST, "HTTP POST data" },
	{ 0, "data-ascii", A_CALLARG, 0, opt_data_ascii, "<data>", G_POST,
	    "HTTP POST ASCII data" },
	{ 0, "data-binary", A_CALLARG, 0, opt_data_binary, "<data>", G_POST,
	    "HTTP POST binary data" },
	{ 0, "data-raw", A_CALLARG, 0, opt_data_raw, "<data>", G_POST,
	    "HTTP POST data, '@' allowed" },
	{ 0, "data-urlencode", A_CALLARG, 0, opt_data_urlencode, "<data>",
	    G_POST, "HTTP POST data URL encoded" },
	{ 'D', "dump-header", A_STRING, F(dump_header), NULL, "<filename>",
	    G_OUTPUT | G_HTTP, "Write the received headers to <filename>" },
	{ 'E', "cert", A_CALLARG, 0, opt_cert, "<certificate[:password]>",
	    G_TLS, "Client certificate file and password" },
	{ 'e', "referer", A_CALLARG, 0, opt_referer, "<URL>", G_HTTP,
	    "Referrer URL" },
	{ 'F', "form", A_CALLARG, 0, opt_form, "<name=content>",
	    G_HTTP | G_POST | G_UPLOAD, "Specify multipart MIME data" },
	{ 0, "form-string", A_CALLARG, 0, opt_form_string, "<name=string>",
	    G_HTTP | G_POST | G_UPLOAD, "Specify multipart MIME data" },
	{ 'f', "fail", A_FLAG, F(fail), NULL, NULL, G_IMPORTANT | G_HTTP,
	    "Fail fast with no output on HTTP errors" },
	{ 0, "fail-early", A_FLAG, F(fail_early), NULL, NULL, G_MISC,
	    "Fail on first transfer error, do not continue" },
	{ 0, "fail-with-body", A_FLAG, F(fail_with_body), NULL, NULL, G_HTTP,
	    "Fail on HTTP errors but save the body" },
	{ 'G', "get", A_FLAG, F(get), NULL, NULL, G_HTTP | G_POST,
	    "Put the post data in the URL and use GET" },
	{ 'H', "header", A_CALLARG, 0, opt_header, "<header/@file>",
	    G_HTTP, "Pass custom header(s) to server" },
	{ 'h', "help", A_CALL, 0, NULL, "<category>", G_IMPORTANT,
	    "Get help for commands" },
	{ 'I', "head", A_FLAG, F(head), NULL, NULL, G_HTTP,
	    "Show document info only" },
	{ 'i', "include", A_FLAG, F(include), NULL, NULL,
	    G_IMPORTANT | G_OUTPUT,
	    "Include protocol response headers in the output" },
	{ 'J', "remote-header-name", A_FLAG, F(remote_header_name), NULL,
	    NULL, G_OUTPUT, "Use the header-provided filename" },
	{ 'j', "junk-session-cookies", A_FLAG, F(junk_session_cookies), NULL,
	    NULL, G_HTTP, "Ignore session cookies read from file" },
	{ 0, "json", A_CALLARG, 0, opt_json, "<data>", G_HTTP | G_POST,
	    "HTTP POST JSON" },
	{ 'k', "insecure", A_FLAG, F(insecure), NULL, NULL, G_TLS,
	    "Allow insecure server connections" },
	{ 0, "key", A_STRING, F(key), NULL, "<key>", G_TLS,
	    "Private key file name" },
	{ 0, "limit-rate", A_CALLARG, 0, opt_limit_rate, "<speed>",
	    G_CONNECTION, "Limit transfer speed to RATE" },
	{ 0, "local-port", A_CALLARG, 0, opt_local_port, "<num/range>",
	    G_CONNECTION, "Force use of RANGE for local port numbers" },
	{ 'L', "location", A_FLAG, F(location), NULL, NULL, G_HTTP,
	    "Follow redirects" },
	{ 0, "location-trusted", A_FLAG, F(location_trusted), NULL, NULL,
	    G_HTTP | G_AUTH, "Like --location, and send auth to other hosts" },
	{ 'm', "max-time", A_CALLARG, 0, opt_max_time, "<seconds>",
	    G_CONNECTION, "Maximum time allowed for transfer" },
	{ 0, "max-filesize", A_CALLARG, 0, opt_max_filesize, "<bytes>",
	    G_CONNECTION, "Maximum file size to download" },
	{ 0, "max-redirs", A_CALLARG, 0, opt_max_redirs, "<num>", G_HTTP,
	    "Maximum number of redirects allowed" },
	{ 'N', "no-buffer", A_FLAG, F(no_buffer), NULL, NULL, G_OUTPUT,
	    "Disable buffering of the output stream" },
	{ 'n', "netrc", A_FLAG, F(netrc), NULL, NULL, G_AUTH,
	    "Must read .netrc for user name and password" },
	{ 0, "netrc-file", A_STRING, F(netrc_file), NULL, "<filename>",
	    G_AUTH, "Specify FILE for netrc" },
	{ 0, "netrc-optional", A_FLAG, F(netrc_optional), NULL, NULL, G_AUTH,
	    "Use either .netrc or URL" },
	{ 0, "no-clobber", A_FLAG, F(no_clobber), NULL, NULL, G_OUTPUT,
	    "Do not overwrite files that already exist" },
	{ 0, "noproxy", A_STRING, F(noproxy), NULL, "<no-proxy-list>",
	    G_PROXY, "List of hosts which do not use proxy" },
	{ 0, "no-progress-meter", A_FLAG, F(no_progress_meter), NULL, NULL,
	    G_VERBOSE, "Do not show the progress meter" },
	{ 'O', "remote-name", A_CALL, 0, opt_remote_name, NULL,
	    G_IMPORTANT | G_OUTPUT,
	    "Write output to a file named as the remote file" },
	{ 'o', "output", A_CALLARG, 0, opt_output, "<file>",
	    G_IMPORTANT | G_OUTPUT, "Write to file instead of stdout" },
	{ 0, "output-dir", A_STRING, F(output_dir), NULL, "<dir>", G_OUTPUT,
	    "Directory to save files in" },
	{ 0, "oauth2-bearer", A_STRING, F(oauth2_bearer), NULL, "<token>",
	    G_AUTH, "OAuth 2 Bearer Token" },
	{ 0, "pass", A_STRING, F(pass), NULL, "<phrase>", G_TLS | G_AUTH,
	    "Pass phrase for the private key" },
	{ 0, "path-as-is", A_FLAG, F(path_as_is), NULL, NULL, G_MISC,
	    "Do not squash .. sequences in URL path" },
	{ 0, "post301", A_FLAG, F(post301), NULL, NULL, G_HTTP | G_POST,
	    "Do not switch to GET after following a 301" },
	{ 0, "post302", A_FLAG, F(post302), NULL, NULL, G_HTTP | G_POST,
	    "Do not switch to GET after following a 302" },
	{ 0, "post303", A_FLAG, F(post303), NULL, NULL, G_HTTP | G_POST,
	    "Do not switch to GET after following a 303" },
	{ '#', "progress-bar", A_FLAG, F(progress_bar), NULL, NULL,
	    G_VERBOSE, "Display transfer progress as a bar" },
	{ 'p', "proxytunnel", A_FLAG, F(proxytunnel), NULL, NULL, G_PROXY,
	    "Operate through an HTTP proxy tunnel (using CONNECT)" },
	{ 0, "proxy-header", A_CALLARG, 0, opt_proxy_header, "<header/@file>",
	    G_PROXY, "Pass custom header(s) to proxy" },
	{ 'U', "proxy-user", A_STRING, F(proxy_user), NULL, "<user:password>",
	    G_PROXY | G_AUTH, "Proxy user and password" },
	{ 'q', "disable", A_CALL, 0, opt_ignored, NULL, G_MISC,
	    "Disable .httpcrc (as the first argument)" },
	{ 'r', "range", A_STRING, F(range), NULL, "<range>", G_HTTP,
	    "Retrieve only the bytes within RANGE" },
	{ 0, "remote-name-all", A_FLAG, F(remote_name_all), NULL, NULL,
	    G_OUTPUT, "Use the remote file name for all URLs" },
	{ 0, "remove-on-error", A_FLAG, F(remove_on_error), NULL, NULL,
	    G_OUTPUT, "Remove output file on errors" },
	{ 0, "resolve", A_CALLARG, 0, opt_resolve, "<host:port:addr>",
	    G_CONNECTION, "Resolve the host+port to this address" },
	{ 0, "retry", A_CALLARG, 0, opt_retry, "<num>", G_MISC,
	    "Retry request if transient problems occur" },
	{ 0, "retry-all-errors", A_FLAG, F(retry_all_errors), NULL, NULL,
	    G_MISC, "Retry all errors (use with --retry)" },
	{ 0, "retry-connrefused", A_FLAG, F(retry_connrefused), NULL, NULL,
	    G_MISC, "Retry on connection refused (use with --retry)" },
	{ 0, "retry-delay", A_CALLARG, 0, opt_retry_delay, "<seconds>",
	    G_MISC, "Wait time between retries" },
	{ 0, "retry-max-time", A_CALLARG, 0, opt_retry_max_time,
	    "<seconds>", G_MISC, "Retry only within this period" },
	{ 'S', "show-error", A_FLAG, F(show_error), NULL, NULL, G_VERBOSE,
	    "Show error even when -s is used" },
	{ 's', "silent", A_FLAG, F(silent), NULL, NULL,
	    G_IMPORTANT | G_VERBOSE, "Silent mode" },
	{ 'Y', "speed-limit", A_CALLARG, 0, opt_speed_limit, "<speed>",
	    G_CONNECTION, "Stop transfers slower than this" },
	{ 'y', "speed-time", A_CALLARG, 0, opt_speed_time, "<seconds>",
	    G_CONNECTION, "Trigger 'speed-limit' abort after this time" },
	{ 'T', "upload-file", A_CALLARG, 0, opt_upload_file, "<file>",
	    G_IMPORTANT | G_UPLOAD, "Transfer local FILE to destination" },
	{ 0, "tls-max", A_CALLARG, 0, opt_tls_max, "<VERSION>", G_TLS,
	    "Set maximum allowed TLS version" },
	{ 0, "tlsv1.2", A_CALL, 0, opt_tlsv12, NULL, G_TLS,
	    "Use TLSv1.2 or greater" },
	{ 0, "tlsv1.3", A_CALL, 0, opt_tlsv13, NULL, G_TLS,
	    "Use TLSv1.3 or greater" },
	{ 0, "trace", A_CALLARG, 0, opt_trace, "<file>", G_VERBOSE,
	    "Write a debug trace to FILE" },
	{ 0, "trace-ascii", A_CALLARG, 0, opt_trace_ascii, "<file>",
	    G_VERBOSE, "Like --trace, but without hex output" },
	{ 0, "unix-socket", A_CALLARG, 0, opt_unix_socket, "<path>",
	    G_CONNECTION, "Connect through this Unix domain socket" },
	{ 'u', "user", A_STRING, F(user), NULL, "<user:password>",
	    G_IMPORTANT | G_AUTH, "Server user and password" },
	{ 0, "url", A_CALLARG, 0, opt_url, "<url>", G_MISC,
	    "URL to work with" },
	{ 0, "url-query", A_CALLARG, 0, opt_url_query, "<data>", G_HTTP,
	    "Add URL encoded query data" },
	{ 'V', "version", A_CALL, 0, NULL, NULL, G_IMPORTANT,
	    "Show version number and quit" },
	{ 'v', "verbose", A_FLAG, F(verbose), NULL, NULL,
	    G_IMPORTANT | G_VERBOSE, "Make the operation more talkative" },
	{ 'w', "write-out", A_STRING, F(writeout), NULL, "<format>",
	    G_VERBOSE, "Use output FORMAT after completion" },
	{ 'X', "request", A_STRING, F(method), NULL, "<method>", G_HTTP,
	    "Specify request method to use" },
	{ 'x', "proxy", A_STRING, F(proxy), NULL, "[protocol://]host[:port]",
	    G_PROXY, "Use this proxy" },
};

#undef F

static const struct category categories[] = {
	{ "auth", G_AUTH, "Different types of authentication methods" },
	{ "connection", G_CONNECTION, "Low level networking operations" },
	{ "http", G_HTTP, "HTTP and HTTPS protocol options" },
	{ "important", G_IMPORTANT, "The most important options" },
	{ "misc", G_MISC, "Options that do not fit into any other category" },
	{ "output", G_OUTPUT, "The output of httpc" },
	{ "post", G_POST, "HTTP POST specific options" },
	{ "proxy", G_PROXY, "All options related to proxies" },
	{ "tls", G_TLS, "All TLS/SSL related options" },
	{ "upload", G_UPLOAD, "All options for uploads" },
	{ "verbose", G_VERBOSE,
	    "Options related to any kind of command line output of httpc" },
};

int
strlist_add(struct strlist *l, char *s)
{
	char	**v;

	if ((v = reallocarray(l->v, l->n + 1, sizeof(*v))) == NULL)
		return -1;
	l->v = v;
	l->v[l->n++] = s;
	return 0;
}

static int
outspec_add(struct config *cfg, enum out_kind kind, const char *path)
{
	struct outspec	*o;

	if ((o = reallocarray(cfg->outs, cfg->nouts + 1, sizeof(*o))) == NULL)
		return EXIT_OUT_OF_MEMORY;
	cfg->outs = o;
	o[cfg->nouts].kind = kind;
	o[cfg->nouts].path = path;
	cfg->nouts++;
	return 0;
}

static int
opt_data(struct config *cfg, enum data_kind kind, const char *arg)
{
	struct data_arg	*d;

	if ((d = reallocarray(cfg->data, cfg->ndata + 1, sizeof(*d))) == NULL)
		return EXIT_OUT_OF_MEMORY;
	cfg->data = d;
	d[cfg->ndata].kind = kind;
	d[cfg->ndata].arg = arg;
	cfg->ndata++;
	return 0;
}

static int
opt_data_ascii(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return opt_data(cfg, DATA_ASCII, arg);
}

static int
opt_data_binary(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return opt_data(cfg, DATA_BINARY, arg);
}

static int
opt_data_raw(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return opt_data(cfg, DATA_RAW, arg);
}

static int
opt_data_urlencode(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return opt_data(cfg, DATA_URLENCODE, arg);
}

static int
opt_json(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->json = 1;
	return opt_data(cfg, DATA_JSON, arg);
}

static int
form_arg_add(struct config *cfg, const char *arg, int literal)
{
	struct form_arg	*f;

	if ((f = reallocarray(cfg->forms, cfg->nforms + 1, sizeof(*f))) ==
	    NULL)
		return EXIT_OUT_OF_MEMORY;
	cfg->forms = f;
	f[cfg->nforms].arg = arg;
	f[cfg->nforms].literal = literal;
	cfg->nforms++;
	return 0;
}

static int
opt_form(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return form_arg_add(cfg, arg, 0);
}

static int
opt_form_string(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return form_arg_add(cfg, arg, 1);
}

static int
opt_header(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->headers, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

/*
 * -T: one for each URL, in order, as -o; "" leaves its URL without an
 * upload (curl's GETOUT_NOUPLOAD).  upload_file is the first real one,
 * for the checks on conflicting methods.
 */
static int
opt_upload_file(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->uploads, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	if (cfg->upload_file == NULL && arg[0] != '\0')
		cfg->upload_file = arg;
	return 0;
}

static int
opt_output(struct config *cfg, const char *arg, int on)
{
	(void)on;
	return outspec_add(cfg, OUT_FILE, arg);
}

static int
opt_remote_name(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	return outspec_add(cfg, OUT_REMOTE_NAME, NULL);
}

static int
opt_user_agent(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->user_agent = arg;
	cfg->user_agent_set = 1;
	return 0;
}

/* -e URL, -e "URL;auto" or -e ";auto": ";auto" adds Referer on -L hops. */
static int
opt_referer(struct config *cfg, const char *arg, int on)
{
	const char	*semi;
	char		*s;

	(void)on;
	if ((semi = strstr(arg, ";auto")) != NULL && semi[5] == '\0') {
		cfg->autoreferer = 1;
		if (semi == arg) {
			cfg->referer = NULL;
			return 0;
		}
		if ((s = strndup(arg, (size_t)(semi - arg))) == NULL)
			return EXIT_OUT_OF_MEMORY;
		/* Lives for the whole run, like argv. */
		cfg->referer = s;
		return 0;
	}
	cfg->autoreferer = 0;
	cfg->referer = arg;
	return 0;
}

static int
opt_url(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->urls, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

static int
opt_url_query(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->url_queries, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

static int
opt_http10(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	cfg->http_version = 10;
	return 0;
}

static int
opt_http11(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	cfg->http_version = 11;
	return 0;
}

static int
opt_max_redirs(struct config *cfg, const char *arg, int on)
{
	const char	*errstr;
	long long	 n;

	(void)on;
	n = strtonum(arg, -1, INT_MAX, &errstr);
	if (errstr != NULL)
		return usage_error("--max-redirs",
		    "expected a proper numerical parameter");
	cfg->max_redirs = n;
	return 0;
}

/*
 * -E FILE[:PASSWORD].  As curl does, a ':' in the file name is written
 * "\:", and "\\" is a backslash; the first unescaped ':' starts the
 * password.
 */
static int
opt_cert(struct config *cfg, const char *arg, int on)
{
	char		*file;
	const char	*p;
	size_t		 n;

	(void)on;
	free(cfg->cert);
	free(cfg->cert_pass);
	cfg->cert = cfg->cert_pass = NULL;
	if ((file = malloc(strlen(arg) + 1)) == NULL)
		return EXIT_OUT_OF_MEMORY;
	for (p = arg, n = 0; *p != '\0'; p++) {
		if (*p == '\\' && (p[1] == ':' || p[1] == '\\')) {
			file[n++] = *++p;
			continue;
		}
		if (*p == ':') {
			if ((cfg->cert_pass = strdup(p + 1)) == NULL) {
				free(file);
				return EXIT_OUT_OF_MEMORY;
			}
			break;
		}
		file[n++] = *p;
	}
	file[n] = '\0';
	cfg->cert = file;
	return 0;
}

static int
opt_tlsv12(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	cfg->tls_min = 12;
	return 0;
}

static int
opt_tlsv13(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	cfg->tls_min = 13;
	return 0;
}

/* curl takes 1.0, 1.1, 1.2, 1.3 and "default"; we build 1.2 and up. */
static int
opt_tls_max(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strcmp(arg, "default") == 0)
		cfg->tls_max = 0;
	else if (strcmp(arg, "1.2") == 0)
		cfg->tls_max = 12;
	else if (strcmp(arg, "1.3") == 0)
		cfg->tls_max = 13;
	else if (strcmp(arg, "1.0") == 0 || strcmp(arg, "1.1") == 0)
		/* Below our TLS 1.2 floor: nothing could ever be negotiated. */
		cfg->tls_max = 11;
	else
		return usage_error("--tls-max", "expected 1.2, 1.3 or default");
	return 0;
}

static int
opt_resolve(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->resolve, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

static int
opt_ipv4(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	cfg->family = 4;
	return 0;
}

static int
opt_ipv6(struct config *cfg, const char *arg, int on)
{
	(void)arg;
	(void)on;
	cfg->family = 6;
	return 0;
}

/*
 * Seconds with an optional fraction ("2", "0.5") to milliseconds.
 * strtonum takes the integer part; the fraction is at most three digits
 * worth, the rest only checked to be digits.
 */
static int
parse_seconds(const char *s, int *ms)
{
	char		 whole[16];
	const char	*dot, *errstr, *p;
	long long	 sec;
	int		 frac = 0, scale = 100;
	size_t		 n;

	dot = strchr(s, '.');
	n = dot != NULL ? (size_t)(dot - s) : strlen(s);
	if (n >= sizeof(whole) || (n == 0 && dot == NULL))
		return -1;
	memcpy(whole, s, n);
	whole[n] = '\0';
	for (p = whole; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return -1;
	sec = n > 0 ? strtonum(whole, 0, INT_MAX / 1000 - 1, &errstr) : 0;
	if (n > 0 && errstr != NULL)
		return -1;
	if (dot != NULL) {
		for (p = dot + 1; *p != '\0'; p++) {
			if (*p < '0' || *p > '9')
				return -1;
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	}
	*ms = (int)sec * 1000 + frac;
	return 0;
}

static int
opt_max_time(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_seconds(arg, &cfg->max_time_ms) == -1)
		return usage_error("-m, --max-time",
		    "expected a proper numerical parameter");
	return 0;
}

static int
opt_connect_timeout(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_seconds(arg, &cfg->connect_timeout_ms) == -1)
		return usage_error("--connect-timeout",
		    "expected a proper numerical parameter");
	return 0;
}

/*
 * --connect-to HOST1:PORT1:HOST2:PORT2, several in order: the first
 * that matches a URL decides (route.c), as curl reads them.
 */
static int
opt_connect_to(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->connect_to, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

static int
opt_unix_socket(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->unix_socket = arg;
	cfg->unix_abstract = 0;
	return 0;
}

/* Linux's abstract namespace: the name without the leading NUL. */
static int
opt_abstract_unix_socket(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->unix_socket = arg;
	cfg->unix_abstract = 1;
	return 0;
}

/*
 * --local-port N or N-M (blanks allowed around the '-'), as curl
 * takes it: 0 to 65535, M not below N; 0 is any port.
 */
static int
opt_local_port(struct config *cfg, const char *arg, int on)
{
	char		 first[8], last[8];
	const char	*p, *errstr;
	size_t		 n;
	long long	 lo, hi;

	(void)on;
	n = strspn(arg, "0123456789");
	if (n == 0 || n >= sizeof(first))
		goto bad;
	memcpy(first, arg, n);
	first[n] = '\0';
	lo = strtonum(first, 0, 65535, &errstr);
	if (errstr != NULL)
		goto bad;
	hi = lo;
	p = arg + n;
	if (*p != '\0') {
		p += strspn(p, " \t");
		if (*p++ != '-')
			goto bad;
		p += strspn(p, " \t");
		n = strspn(p, "0123456789");
		if (n == 0 || n >= sizeof(last) || p[n] != '\0')
			goto bad;
		memcpy(last, p, n);
		last[n] = '\0';
		hi = strtonum(last, lo, 65535, &errstr);
		if (errstr != NULL)
			goto bad;
	}
	cfg->local_port = (int)lo;
	cfg->local_port_max = (int)hi;
	return 0;
bad:
	return usage_error("--local-port", "is badly used here");
}

static int
opt_proxy_header(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->proxy_headers, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

static int
opt_cookie(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (strlist_add(&cfg->cookies, (char *)arg) == -1)
		return EXIT_OUT_OF_MEMORY;
	return 0;
}

static int
opt_trace(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->trace = arg;
	cfg->trace_ascii = 0;
	return 0;
}

static int
opt_trace_ascii(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->trace = arg;
	cfg->trace_ascii = 1;
	return 0;
}

static int
opt_ignored(struct config *cfg, const char *arg, int on)
{
	(void)cfg;
	(void)arg;
	(void)on;
	return 0;
}

/* A non-negative integer up to max, curl's str2unum. */
static int
parse_count(const char *s, long long max, long long *n)
{
	const char	*errstr;

	if (s[0] < '0' || s[0] > '9' || s[strspn(s, "0123456789")] != '\0')
		return -1;
	*n = strtonum(s, 0, max, &errstr);
	return errstr != NULL ? -1 : 0;
}

/*
 * A size as curl 7.88 reads --limit-rate and --max-filesize: digits and
 * at most one unit letter, G, M or K (1024-based) or B.
 */
static int
parse_size(const char *s, long long *n)
{
	char		 digits[24];
	size_t		 len = strspn(s, "0123456789");
	long long	 v, mult = 1;

	if (len == 0 || len >= sizeof(digits) || strlen(s + len) > 1)
		return -1;
	switch (s[len]) {
	case 'G': case 'g':
		mult = 1024LL * 1024 * 1024;
		break;
	case 'M': case 'm':
		mult = 1024LL * 1024;
		break;
	case 'K': case 'k':
		mult = 1024;
		break;
	case 'B': case 'b': case '\0':
		break;
	default:
		return -1;
	}
	memcpy(digits, s, len);
	digits[len] = '\0';
	if (parse_count(digits, LLONG_MAX / mult, &v) == -1)
		return -1;
	*n = v * mult;
	return 0;
}

/* -Y: with no -y, the period is curl's 30 seconds. */
static int
opt_speed_limit(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_count(arg, LLONG_MAX, &cfg->speed_limit) == -1)
		return usage_error("-Y, --speed-limit",
		    "expected a proper numerical parameter");
	if (cfg->speed_time == 0)
		cfg->speed_time = 30;
	return 0;
}

/* -y: with no -Y, the limit is curl's 1 byte a second. */
static int
opt_speed_time(struct config *cfg, const char *arg, int on)
{
	long long	 n;

	(void)on;
	if (parse_count(arg, INT_MAX / 1000, &n) == -1)
		return usage_error("-y, --speed-time",
		    "expected a proper numerical parameter");
	cfg->speed_time = (int)n;
	if (cfg->speed_limit == 0)
		cfg->speed_limit = 1;
	return 0;
}

static int
opt_retry(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_count(arg, LONG_MAX, &cfg->retry) == -1)
		return usage_error("--retry",
		    "expected a proper numerical parameter");
	return 0;
}

static int
opt_retry_delay(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_seconds(arg, &cfg->retry_delay_ms) == -1)
		return usage_error("--retry-delay",
		    "expected a proper numerical parameter");
	return 0;
}

static int
opt_retry_max_time(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_seconds(arg, &cfg->retry_max_time_ms) == -1)
		return usage_error("--retry-max-time",
		    "expected a proper numerical parameter");
	return 0;
}

/* -C OFFSET, or "-C -": from the output file's size. */
static int
opt_continue_at(struct config *cfg, const char *arg, int on)
{
	(void)on;
	cfg->resume = 1;
	if (strcmp(arg, "-") == 0) {
		cfg->resume_from = -1;
		return 0;
	}
	if (parse_count(arg, LLONG_MAX, &cfg->resume_from) == -1)
		return usage_error("-C, --continue-at",
		    "expected a proper numerical parameter");
	return 0;
}

static int
opt_limit_rate(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_size(arg, &cfg->limit_rate) == -1)
		return usage_error("--limit-rate", "is badly used here");
	return 0;
}

static int
opt_max_filesize(struct config *cfg, const char *arg, int on)
{
	(void)on;
	if (parse_size(arg, &cfg->max_filesize) == -1)
		return usage_error("--max-filesize", "is badly used here");
	return 0;
}

/* "name" exactly, or "no-name" for a flag (*on set to 0). */
static const struct option *
find_long(const char *name, int *on)
{
	size_t	 i;

	*on = 1;
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (strcmp(options[i].longname, name) == 0)
			return &options[i];
	if (strncmp(name, "no-", 3) != 0)
		return NULL;
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (options[i].kind == A_FLAG &&
		    strcmp(options[i].longname, name + 3) == 0) {
			*on = 0;
			return &options[i];
		}
	return NULL;
}

static const struct option *
find_short(int c)
{
	size_t	 i;

	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (options[i].shortname == c)
			return &options[i];
	return NULL;
}

static int
apply(struct config *cfg, const struct option *o, const char *arg, int on)
{
	char	*base = (char *)cfg;

	switch (o->kind) {
	case A_FLAG:
		*(int *)(void *)(base + o->offset) = on;
		return 0;
	case A_STRING:
		*(const char **)(void *)(base + o->offset) = arg;
		return 0;
	case A_CALL:
	case A_CALLARG:
		return o->handler(cfg, arg, on);
	}
	return EXIT_INIT;
}

static int
usage_error(const char *opt, const char *why)
{
	fprintf(stderr, "httpc: option %s: %s\n", opt, why);
	fprintf(stderr, "httpc: try 'httpc --help' for more information\n");
	return EXIT_INIT;
}

/* Combinations curl refuses, with its words. */
static int
check(struct config *cfg)
{
	const char	*a = NULL, *b = NULL;

	/* curl: "like --location", with credentials for every host. */
	if (cfg->location_trusted)
		cfg->location = 1;
	if (cfg->nforms > 0 && cfg->ndata > 0) {
		a = "POST (-d, --data)";
		b = "MULTIPART formpost (-F, --form)";
	} else if (cfg->nforms > 0 && (cfg->head || cfg->upload_file != NULL)) {
		a = cfg->head ? "HEAD (-I, --head)" : "PUT (-T, --upload-file)";
		b = "MULTIPART formpost (-F, --form)";
	} else if (cfg->head && cfg->ndata > 0 && !cfg->get) {
		a = "POST (-d, --data)";
		b = "HEAD (-I, --head)";
	} else if (cfg->head && cfg->upload_file != NULL) {
		a = "PUT (-T, --upload-file)";
		b = "HEAD (-I, --head)";
	} else if (cfg->upload_file != NULL && cfg->ndata > 0 && !cfg->get) {
		a = "POST (-d, --data)";
		b = "PUT (-T, --upload-file)";
	}
	if (a != NULL) {
		fprintf(stderr, "Warning: You can only select one HTTP request "
		    "method! You asked for both %s and %s.\n", a, b);
		return EXIT_INIT;
	}
	/* curl 8 refuses what 7.88 let -C quietly win over. */
	if (cfg->resume && (cfg->range != NULL || cfg->remove_on_error ||
	    cfg->no_clobber)) {
		fprintf(stderr, "httpc: --continue-at is mutually exclusive "
		    "with %s\n", cfg->range != NULL ? "--range" :
		    cfg->remove_on_error ? "--remove-on-error" :
		    "--no-clobber");
		return usage_error("-C", "is badly used here");
	}
	/* curl resumes uploads with Content-Range; httpc downloads only. */
	if (cfg->resume && (cfg->upload_file != NULL || cfg->nforms > 0 ||
	    (cfg->ndata > 0 && !cfg->get))) {
		fprintf(stderr, "httpc: --continue-at resumes downloads only, "
		    "not uploads (-T, -d, -F)\n");
		return usage_error("-C", "is badly used here");
	}
	if (cfg->urls.n == 0) {
		fprintf(stderr, "httpc: no URL specified\n");
		fprintf(stderr,
		    "httpc: try 'httpc --help' for more information\n");
		return EXIT_INIT;
	}
	return 0;
}

/*
 * The words of argv from first on: options and URLs.  -K reads a config
 * file and parses its words here, in place of its own.  Returns 0 or an
 * exit code; *done set after --help or --version.
 */
static int
parse_words(struct config *cfg, int argc, char *argv[], int first, int *done)
{
	const struct option	*o;
	const char		*arg;
	char			 name[3];
	int			 i, on, rc, endopts = 0;
	size_t			 j;

	for (i = first; i < argc; i++) {
		if (endopts || argv[i][0] != '-' || argv[i][1] == '\0') {
			if (strlist_add(&cfg->urls, argv[i]) == -1)
				return EXIT_OUT_OF_MEMORY;
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			endopts = 1;
			continue;
		}
		if (argv[i][1] == '-') {
			if ((o = find_long(argv[i] + 2, &on)) == NULL)
				return usage_error(argv[i], "is unknown");
			arg = NULL;
			if (o->kind == A_STRING || o->kind == A_CALLARG) {
				if (i + 1 >= argc)
					return usage_error(argv[i],
					    "requires parameter");
				arg = argv[++i];
			}
			if (o->shortname == 'h') {
				help(i + 1 < argc ? argv[i + 1] : NULL);
				*done = 1;
				return 0;
			}
			if (o->shortname == 'V') {
				*done = 2;
				return 0;
			}
			if ((rc = apply_word(cfg, o, arg, on, done)) != 0 ||
			    *done)
				return rc;
			continue;
		}
		/* A bundle of short options; one taking an argument ends it. */
		for (j = 1; argv[i][j] != '\0'; j++) {
			name[0] = '-';
			name[1] = argv[i][j];
			name[2] = '\0';
			if ((o = find_short(argv[i][j])) == NULL)
				return usage_error(name, "is unknown");
			if (o->shortname == 'h') {
				help(i + 1 < argc ? argv[i + 1] : NULL);
				*done = 1;
				return 0;
			}
			if (o->shortname == 'V') {
				*done = 2;
				return 0;
			}
			arg = NULL;
			if (o->kind == A_STRING || o->kind == A_CALLARG) {
				if (argv[i][j + 1] != '\0')
					arg = &argv[i][j + 1];
				else if (i + 1 < argc)
					arg = argv[++i];
				else
					return usage_error(name,
					    "requires parameter");
				if ((rc = apply_word(cfg, o, arg, 1, done)) !=
				    0 || *done)
					return rc;
				break;
			}
			if ((rc = apply(cfg, o, NULL, 1)) != 0)
				return rc;
		}
	}
	return 0;
}

/* An option with its value; -K's file is read and parsed here. */
static int
apply_word(struct config *cfg, const struct option *o, const char *arg,
    int on, int *done)
{
	if (o->shortname == 'K')
		return read_config(cfg, arg, 0, done);
	return apply(cfg, o, arg, on);
}

/* config.c's question: does this option word take the next word? */
static int
config_takes_arg(void *arg, const char *word)
{
	const struct option	*o;
	size_t			 j;
	int			 on;

	(void)arg;
	if (word[0] != '-' || word[1] == '\0')
		return -1;
	if (word[1] == '-') {
		if ((o = find_long(word + 2, &on)) == NULL)
			return -1;
		return o->kind == A_STRING || o->kind == A_CALLARG;
	}
	for (j = 1; word[j] != '\0'; j++) {
		if ((o = find_short(word[j])) == NULL)
			return -1;
		if (o->kind == A_STRING || o->kind == A_CALLARG)
			return word[j + 1] == '\0';
	}
	return 0;
}

/* config.c's messages, in curl's shape. */
static void
config_msg(void *arg, int error, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s%s\n", error ? "httpc: " : "Warning: ", msg);
}

/*
 * Reads a config file (-K FILE, "-" for standard input, or the default
 * one: quiet) and parses its words.  The words stay with cfg for the
 * run, as options point into them.
 */
static int
read_config(struct config *cfg, const char *path, int quiet, int *done)
{
	const struct config_ops	 ops = { config_takes_arg,
				    quiet ? NULL : config_msg, NULL };
	struct config_file	*f;
	enum config_err		 e;
	FILE			*fp = NULL;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return EXIT_OUT_OF_MEMORY;
	f->next = cfg->config_files;
	cfg->config_files = f;
	if (quiet) {
		/* The default file: the first one that opens, silently. */
		if ((fp = fopen(path, "r")) == NULL)
			return 0;
		e = config_read_fp(fp, path, &ops, &f->args);
		fclose(fp);
	} else
		e = config_read(path, &ops, &f->args);
	if (e == CONFIG_NOMEM)
		return EXIT_OUT_OF_MEMORY;
	if (e != CONFIG_OK && !quiet) {
		fprintf(stderr, "httpc: cannot read config from '%s'\n", path);
		fprintf(stderr, "httpc: option -K: error encountered when "
		    "reading a file\n");
		fprintf(stderr,
		    "httpc: try 'httpc --help' for more information\n");
		return EXIT_READ_ERROR;
	}
	return parse_words(cfg, f->args.argc, f->args.argv, 0, done);
}

/*
 * The default config file, unless -q comes first: the first of
 * $XDG_CONFIG_HOME/httpcrc, ~/.httpcrc, ~/.config/httpcrc that opens.
 */
static int
read_default_config(struct config *cfg, int argc, char *argv[], int *done)
{
	char	**paths, **p;
	int	  rc = 0;

	if (config_skip_default(argc, argv))
		return 0;
	if (config_default_paths(NULL, NULL, &paths) != CONFIG_OK)
		return EXIT_OUT_OF_MEMORY;
	for (p = paths; *p != NULL; p++) {
		if (access(*p, R_OK) != 0)
			continue;
		rc = read_config(cfg, *p, 1, done);
		break;
	}
	config_paths_free(paths);
	return rc;
}

int
args_parse(struct config *cfg, int argc, char *argv[], int *done)
{
	int	 rc;

	*done = 0;
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_redirs = 50;
	if ((rc = read_default_config(cfg, argc, argv, done)) != 0 || *done)
		return rc;
	if ((rc = parse_words(cfg, argc, argv, 1, done)) != 0 || *done)
		return rc;
	return check(cfg);
}

void
args_free(struct config *cfg)
{
	struct config_file	*cf;

	free(cfg->urls.v);
	free(cfg->outs);
	free(cfg->headers.v);
	free(cfg->data);
	free(cfg->forms);
	free(cfg->url_queries.v);
	free(cfg->uploads.v);
	free(cfg->cookies.v);
	free(cfg->resolve.v);
	free(cfg->connect_to.v);
	free(cfg->proxy_headers.v);
	free(cfg->cert);
	while (cfg->config_files != NULL) {
		cf = cfg->config_files;
		cfg->config_files = cf->next;
		config_args_free(&cf->args);
		free(cf);
	}
	if (cfg->cert_pass != NULL)
		freezero(cfg->cert_pass, strlen(cfg->cert_pass));
	memset(cfg, 0, sizeof(*cfg));
}

static void
help_line(const struct option *o)
{
	char	 left[64];

	if (o->shortname != 0)
		snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname,
		    o->longname, o->argname != NULL ? " " : "",
		    o->argname != NULL ? o->argname : "");
	else
		snprintf(left, sizeof(left), "    --%s%s%s", o->longname,
		    o->argname != NULL ? " " : "",
		    o->argname != NULL ? o->argname : "");
	printf(" %-26s %s\n", left, o->help);
}

/*
 * curl's help: the important options by default, "all" for every one,
 * "category" for the list of categories, or one category's options.
 */
static void
help(const char *what)
{
	size_t	 i;
	int	 group = G_IMPORTANT;

	if (what != NULL && strcmp(what, "category") == 0) {
		for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
			printf(" %-11s %s\n", categories[i].name,
			    categories[i].help);
		return;
	}
	if (what != NULL && strcmp(what, "all") == 0)
		group = -1;
	else if (what != NULL) {
		for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
			if (strcmp(what, categories[i].name) == 0)
				group = categories[i].group;
		if (group == G_IMPORTANT && strcmp(what, "important") != 0) {
			printf("Unknown category provided, here is a list of "
			    "all categories:\n\n");
			help("category");
			return;
		}
	}
	printf("Usage: httpc [options...] <url>\n");
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (options[i].groups & group)
			help_line(&options[i]);
	if (group == G_IMPORTANT)
		printf("\nThis is not the full help, this menu is stripped "
		    "into categories.\nUse \"--help category\" to get an "
		    "overview of all categories.\nFor all options use the "
		    "manual or \"--help all\".\n");
}
