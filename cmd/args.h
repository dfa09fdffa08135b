/*
 * The httpc command line: one option table, parsed into one plain
 * struct config.  Strings point into argv (or into memory the parser
 * allocated for the whole run); nothing here does I/O on the network.
 */
#ifndef ARGS_H
#define ARGS_H

#include <stddef.h>

/* Exit codes of our own, curl's numbers. */
#define EXIT_UNSUPPORTED_PROTOCOL	1
#define EXIT_INIT			2
#define EXIT_URL_MALFORMAT		3
#define EXIT_NOT_BUILT_IN		4
#define EXIT_HTTP_RETURNED_ERROR	22
#define EXIT_WRITE_ERROR		23
#define EXIT_READ_ERROR			26
#define EXIT_OUT_OF_MEMORY		27
#define EXIT_OPERATION_TIMEDOUT		28
#define EXIT_RANGE_ERROR		33
#define EXIT_BAD_ARGUMENT		43
#define EXIT_TOO_MANY_REDIRECTS		47
#define EXIT_OPTION_SYNTAX		49	/* a bad --connect-to */
#define EXIT_FILESIZE_EXCEEDED		63
#define EXIT_SEND_FAIL_REWIND		65

struct strlist {
	char		**v;
	size_t		  n;
};

/* The tokens of a config file read (-K, ~/.httpcrc), kept for the run:
 * options point into them. */
struct config_file;

/* Where one URL's body goes: -o FILE or -O; none means stdout. */
enum out_kind {
	OUT_FILE,
	OUT_REMOTE_NAME
};

struct outspec {
	enum out_kind	 kind;
	const char	*path;			/* OUT_FILE */
};

/* How each piece of -d and friends is joined and encoded. */
enum data_kind {
	DATA_ASCII,				/* -d, --data-ascii */
	DATA_BINARY,				/* --data-binary */
	DATA_RAW,				/* --data-raw */
	DATA_URLENCODE,				/* --data-urlencode */
	DATA_JSON				/* --json */
};

struct data_arg {
	enum data_kind	 kind;
	const char	*arg;
};

/* -F and --form-string, in order. */
struct form_arg {
	const char	*arg;
	int		 literal;		/* --form-string */
};

struct config {
	struct strlist	 urls;
	struct outspec	*outs;			/* -o/-O, in order */
	size_t		 nouts;
	int		 remote_name_all;
	const char	*output_dir;
	int		 create_dirs;
	int		 remote_header_name;	/* -J */
	int		 no_clobber;
	int		 remove_on_error;

	/* request */
	const char	*method;		/* -X */
	struct strlist	 headers;		/* -H, as given */
	const char	*user_agent;		/* -A; NULL: default */
	int		 user_agent_set;
	const char	*referer;		/* -e, without ";auto" */
	int		 autoreferer;
	struct data_arg	*data;			/* -d and friends, in order */
	size_t		 ndata;
	int		 json;
	struct form_arg	*forms;			/* -F, --form-string */
	size_t		 nforms;
	int		 get;			/* -G */
	struct strlist	 url_queries;		/* --url-query */
	struct strlist	 uploads;		/* -T, one per URL */
	const char	*upload_file;		/* the first -T but "" */
	int		 head;			/* -I */
	const char	*range;			/* -r */
	int		 http_version;		/* 10 or 11 */
	const char	*user;			/* -u user[:password] */
	const char	*oauth2_bearer;
	int		 netrc;			/* -n */
	int		 netrc_optional;
	const char	*netrc_file;
	int		 path_as_is;
	const char	*cookie_jar;		/* -c */
	struct strlist	 cookies;		/* -b */
	int		 junk_session_cookies;	/* -j */

	/* output */
	int		 include;		/* -i */
	const char	*dump_header;		/* -D */
	int		 silent;		/* -s */
	int		 show_error;		/* -S */
	int		 fail;			/* -f */
	int		 fail_with_body;
	int		 fail_early;
	int		 no_buffer;		/* -N */
	const char	*writeout;		/* -w */
	int		 verbose;		/* -v */
	const char	*trace;			/* --trace, --trace-ascii */
	int		 trace_ascii;

	/* redirects */
	int		 location;		/* -L */
	int		 location_trusted;
	long long	 max_redirs;		/* -1: unlimited */
	int		 post301;
	int		 post302;
	int		 post303;

	/* connection and TLS */
	int		 insecure;		/* -k */
	const char	*cacert;
	const char	*capath;
	char		*cert;			/* -E, its ":PASS" cut off */
	char		*cert_pass;
	const char	*key;
	const char	*pass;
	int		 tls_min;		/* 12 or 13 */
	int		 tls_max;
	const char	*ciphers;
	struct strlist	 resolve;		/* HOST:PORT:ADDR */
	int		 family;		/* -4, -6 */
	int		 connect_timeout_ms;
	struct strlist	 connect_to;		/* H1:P1:H2:P2, in order */
	const char	*unix_socket;		/* --(abstract-)unix-socket */
	int		 unix_abstract;
	int		 local_port;		/* --local-port N[-M]; 0 any */
	int		 local_port_max;

	/* proxies */
	const char	*proxy;			/* -x; "" none */
	const char	*noproxy;		/* --noproxy */
	const char	*proxy_user;		/* -U user[:password] */
	int		 proxytunnel;		/* -p */
	struct strlist	 proxy_headers;		/* --proxy-header */
	int		 max_time_ms;		/* -m */

	/* the transfer loop: timeouts, retries, resume, decoding, pace */
	long long	 speed_limit;		/* -Y bytes/s; 0: no check */
	int		 speed_time;		/* -y seconds */
	long long	 retry;			/* --retry N */
	int		 retry_delay_ms;	/* 0: 1 s, doubling */
	int		 retry_max_time_ms;	/* 0: no limit */
	int		 retry_connrefused;
	int		 retry_all_errors;
	int		 resume;		/* -C given */
	long long	 resume_from;		/* -C N; -1: "-C -" */
	int		 compressed;		/* --compressed */
	long long	 limit_rate;		/* bytes/s; 0: none */
	long long	 max_filesize;		/* bytes; 0: none */
	int		 progress_bar;		/* -# */
	int		 no_progress_meter;
	struct config_file *config_files;	/* -K and default, tokens */
};

/*
 * Fills cfg from argv.  Returns 0 to go on, or an exit code: 0 with
 * *done set after --help or --version.  Prints its own messages.
 */
int	args_parse(struct config *cfg, int argc, char *argv[], int *done);
/* Frees what args_parse allocated. */
void	args_free(struct config *cfg);
/* Appends s to l; 0 or -1 when out of memory. */
int	strlist_add(struct strlist *l, char *s);

#endif /* ARGS_H */
