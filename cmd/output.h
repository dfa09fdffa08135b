/*
 * Where bytes for the user go: the body (stdout or a file, opened when
 * the first byte comes so -f and -J can decide first), -D header dumps,
 * and the error and warning lines on stderr in curl's shape.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>

#include "args.h"

struct output {
	char		*path;		/* NULL: stdout */
	int		 fd;		/* -1 until opened */
	int		 is_stdout;
	int		 created;	/* we made it: --remove-on-error */
	int		 exclusive;	/* -J: never replace a file */
	int		 no_clobber;	/* --no-clobber: name.1 ... name.100 */
	int		 create_dirs;
	int		 binary_ok;	/* -o -: binary to a terminal allowed */
	int		 tty;		/* stdout is a terminal */
	int		 append;	/* resuming: keep what the file has */
	off_t		 bytes;		/* body bytes written */
};

/* stdout (path NULL) or a file; nothing is opened yet. */
void	out_init(struct output *, const struct config *, const char *path);
/* Sets the file name (-O, -J decide late); takes a copy. -1: no memory. */
int	out_set_path(struct output *, const char *path);
/* Header bytes (-i): never checked for binary. */
int	out_headers(struct output *, const void *, size_t);
/*
 * Body bytes.  Returns 0 or exit code 23: a write failed (the message
 * printed), or binary data was about to reach a terminal (curl's warning
 * printed).
 */
int	out_body(struct output *, const void *, size_t);
/*
 * Cuts an output file back to len bytes, to write on from there (a
 * retry throwing away what it wrote).  Nothing to do for standard
 * output, a file not opened yet or one that is not a regular file
 * (curl cannot take back what went to a pipe either).  Returns 0 or
 * exit code 23, the message printed.
 */
int	out_truncate(struct output *, off_t len);
/* 1 if the output is a regular file (open, or existing if not yet). */
int	out_regular(const struct output *);
/*
 * Ends the output: creates an empty file when nothing came and ok is
 * set, removes a file we created when remove is set.  Returns 0 or 23.
 */
int	out_close(struct output *, int ok, int remove);

/* The -D writer: "-" is stdout, "%" stderr, else a file (truncated once). */
struct dumper {
	const char	*path;
	int		 fd;
};
void	dump_init(struct dumper *, const char *path);
int	dump_write(struct dumper *, const void *, size_t);
void	dump_close(struct dumper *);

/* Sets whether errors and warnings are shown (-s, -S). */
void	msg_setup(int silent, int show_error);
/* "httpc: (CODE) message" on stderr unless silenced. */
void	msg_error(int code, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* "out of memory" as msg_error does; returns exit code 27. */
int	msg_nomem(void);
/* The text of the last msg_error ("" after msg_clear). */
const char *msg_last_error(void);
void	msg_clear(void);
/* A line on stderr as it is ("Throwing away 5 bytes"), unless -s. */
void	msg_note(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * fn(arg) runs once before the next error, warning or note is shown,
 * then is forgotten (the progress meter ends its line).  NULL clears.
 */
void	msg_set_hook(void (*fn)(void *), void *arg);
/* curl's "Warning: " lines, wrapped at 79 columns as curl wraps them. */
void	msg_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
/* "* text" on stderr for -v, beside the library's own lines. */
void	msg_verbose(int verbose, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* write(2) all of it, retrying on EINTR; 0 or -1. */
int	write_all(int fd, const void *, size_t);

#endif /* OUTPUT_H */
