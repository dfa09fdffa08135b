/*
 * -F/--form and --form-string: curl's field syntax turned into a
 * multipart/form-data body that is produced as it is sent.  Files are
 * measured with stat(2) for the Content-Length and read in pieces while
 * the body goes out, never loaded whole; standard input ("@-", "<-") is
 * read into memory when the option is parsed, as curl does, unless it
 * is a regular file.
 */
#ifndef FORM_H
#define FORM_H

#include <sys/types.h>

#include <stddef.h>

struct form;

enum form_err {
	FORM_OK = 0,
	FORM_SYNTAX,		/* curl refuses the argument too */
	FORM_UNSUPPORTED,	/* curl syntax httpc does not implement */
	FORM_READ,		/* a file cannot be read, or changed size */
	FORM_NOREWIND,		/* a part from a pipe was already sent */
	FORM_NOMEM
};

/*
 * Gets each warning curl would print, without curl's "Warning: "
 * prefix and without a newline ("skip unknown form field: x").
 */
typedef void	 form_warn_fn(void *arg, const char *msg);

/*
 * An empty form with a new random boundary.  warn may be NULL.  The
 * caller frees the form with form_free().
 */
enum form_err	 form_new(struct form **, form_warn_fn *warn, void *arg);
/*
 * Adds the part one -F argument describes ("name=value", "name=@file",
 * "name=<file", with ";type=", ";filename=", ";headers=" and double
 * quotes as curl takes them), or with literal set, one --form-string
 * argument (everything after the first '=' is the value).  Standard
 * input is read now.  Files are not opened until form_size().
 */
enum form_err	 form_add(struct form *, const char *arg, int literal);
/*
 * "multipart/form-data; boundary=------------------------3f9a0c1d2e4b5a69":
 * the request's Content-Type.  Lives as long as the form.
 */
const char	*form_content_type(const struct form *);
/*
 * The body's length: measures every file (FORM_READ when one cannot be
 * read).  *len is -1 when a part comes from a pipe or device, whose end
 * is only known when it is read: send the body chunked then.  Measures
 * once per pass; form_rewind() starts a new pass.
 */
enum form_err	 form_size(struct form *, off_t *len);
/*
 * Copies up to len (> 0) next bytes of the body into buf and sets *n;
 * *n == 0 at the end.  A file shorter than form_size() found it is
 * FORM_READ; bytes beyond that length are not sent.
 */
enum form_err	 form_read(struct form *, void *buf, size_t len, size_t *n);
/*
 * Back to the start, to send the body again (a 307 or 308 redirect, an
 * authentication retry): files are measured afresh.  FORM_NOREWIND if a
 * pipe was already read from.
 */
enum form_err	 form_rewind(struct form *);
/* The last failure in words ("a.txt: No such file or directory"). */
const char	*form_error(const struct form *);
/*
 * curl's exit code for an error: 2 for FORM_SYNTAX ("option -F: is
 * badly used here"), 4, 26, 65, 27; 0 for FORM_OK.
 */
int		 form_exitcode(enum form_err);
/* NULL is fine.  Closes any open file. */
void		 form_free(struct form *);

#endif /* FORM_H */
