/*
 * .netrc lookup for -n, --netrc-optional and --netrc-file, after curl 8's
 * parser (lib/netrc.c): tokens machine, default, login, password, macdef
 * (its body is skipped to the next blank line), anything else ignored;
 * tokens are separated by blanks and newlines; "quoted strings" may hold
 * blanks and the escapes \n \r \t (a backslash before anything else
 * stands for that character); a line whose first non-blank is '#' is a
 * comment.  Host names compare without case, logins with it.
 *
 * Where curl is loose, this parser is strict or safe, on purpose:
 * - a NUL byte, an unterminated quote (one that reaches the end of its
 *   line), a token over NETRC_MAX_TOKEN, a line over NETRC_MAX_LINE or
 *   non-comment lines over NETRC_MAX_FILE in all are a syntax error;
 * - CR and other control bytes separate tokens like blanks;
 * - macdef is honoured inside a machine's entry too (curl reads the
 *   macro body as tokens there);
 * - an entry of ours with a password ends at "default" as it ends at
 *   "machine" (curl lets the default's credentials replace it);
 * - with a user given, an entry for the host whose login is another user
 *   yields nothing (curl would hand out that user's password); an entry
 *   without login still gives its password to the given user, as curl.
 */
#ifndef NETRC_H
#define NETRC_H

#define NETRC_MAX_TOKEN		4096
#define NETRC_MAX_LINE		16384
#define NETRC_MAX_FILE		(128 * 1024)

/* Outcome of a lookup: name, message. */
#define NETRC_RESULTS(X)						\
	X(FOUND,	"credentials found")				\
	X(NOT_FOUND,	"no entry for the host")			\
	X(NO_FILE,	"no such file")					\
	X(SYNTAX,	"syntax error")					\
	X(READ_ERROR,	"read error")					\
	X(NOMEM,	"out of memory")

enum netrc_result {
#define NETRC_RESULT_ENUM(name, msg) NETRC_##name,
	NETRC_RESULTS(NETRC_RESULT_ENUM)
#undef NETRC_RESULT_ENUM
	NETRC_RESULT_COUNT
};

/* The message of a result; never NULL. */
const char		*netrc_strerror(enum netrc_result);

/*
 * The file to read when none is given: $NETRC, else $HOME/.netrc, else
 * the password database's home directory + "/.netrc" (empty variables
 * count as unset, as in curl).  *path is the caller's to free.
 * NETRC_FOUND, NETRC_NO_FILE (no home directory) or NETRC_NOMEM.
 */
enum netrc_result	 netrc_default_path(char **path);

/*
 * Looks up host in the netrc file at path (NULL: netrc_default_path()).
 * user is the login the caller already has (from -u or the URL) or
 * NULL.  On NETRC_FOUND, *login (user's copy when user was given, else
 * the entry's login, "" when it has none) and *password ("" when the
 * entry has none) are the caller's, to release with netrc_free();
 * otherwise both are NULL.  The file is read into memory that is wiped
 * before it is freed.
 *
 * NETRC_NO_FILE: the file does not exist or is a directory (curl: an
 * error for -n, fine for --netrc-optional); NETRC_NOT_FOUND: nothing for
 * this host (curl carries on without); NETRC_SYNTAX, NETRC_READ_ERROR
 * (errno kept), NETRC_NOMEM: errors (curl: exit 26, 27).
 */
enum netrc_result	 netrc_lookup(const char *path, const char *host,
			    const char *user, char **login, char **password);

/* Wipes (freezero) and frees a string from netrc_lookup; NULL is fine. */
void			 netrc_free(char *);

#endif /* NETRC_H */
