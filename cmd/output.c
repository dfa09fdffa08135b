/*
 * Output.  Bytes for the user go out with write(2) as they come, never
 * held back, so a pipe sees a body while it streams (curl's -N is what we
 * always do).  A file is opened when the first byte is ready, or at the
 * end for an empty body, so -f leaves no file behind and -J can use a
 * name from the response headers.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vis.h>

#include "args.h"
#include "output.h"

/* curl looks for a NUL in the first 2000 bytes to call a body binary. */
#define BINARY_CHECK_BYTES	2000
/* curl's message width for wrapped warnings. */
#define MSG_WIDTH		79
/* --no-clobber tries name.1 to name.100, as curl. */
#define CLOBBER_TRIES		100

static int	 out_open(struct output *);
static int	 open_new(struct output *, const char *, int);
static int	 make_dirs(const char *);

static int	 show_errors = 1;
static int	 show_warnings = 1;
/* The last error's text, for -w's %{errormsg}, shown or not. */
static char	 last_error[512];
/* Runs before the next message shown (msg_set_hook). */
static void	(*msg_hook)(void *);
static void	*msg_hook_arg;

int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

void
msg_setup(int silent, int show_error)
{
	show_errors = !silent || show_error;
	show_warnings = !silent;
}

void
msg_set_hook(void (*fn)(void *), void *arg)
{
	msg_hook = fn;
	msg_hook_arg = arg;
}

static void
run_hook(void)
{
	void	(*fn)(void *) = msg_hook;

	msg_hook = NULL;
	if (fn != NULL)
		fn(msg_hook_arg);
}

void
msg_error(int code, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	(void)vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	if (show_errors) {
		run_hook();
		fprintf(stderr, "httpc: (%d) %s\n", code, last_error);
	}
}

void
msg_note(const char *fmt, ...)
{
	va_list	 ap;

	if (!show_warnings)
		return;
	run_hook();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
msg_nomem(void)
{
	msg_error(EXIT_OUT_OF_MEMORY, "out of memory");
	return EXIT_OUT_OF_MEMORY;
}

const char *
msg_last_error(void)
{
	return last_error;
}

void
msg_clear(void)
{
	last_error[0] = '\0';
}

/*
 * curl's voutf(): cut the text at the last space within the width, keep
 * the space at the end of the line, prefix every line.  Scripts and
 * users compare these lines with curl's, so the wrapping is the same.
 */
void
msg_warn(const char *fmt, ...)
{
	static const char	 prefix[] = "Warning: ";
	const size_t		 width = MSG_WIDTH - (sizeof(prefix) - 1);
	va_list			 ap;
	char			*text, *p;
	size_t			 len, cut;

	if (!show_warnings)
		return;
	run_hook();
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) == -1) {
		va_end(ap);
		return;
	}
	va_end(ap);
	p = text;
	/* curl's texts end in a newline, which counts against the width. */
	len = strlen(text) + 1;
	while (len > 0) {
		fputs(prefix, stderr);
		if (len > width) {
			cut = width - 1;
			while (cut > 0 && !isspace((unsigned char)p[cut]))
				cut--;
			if (cut == 0)
				cut = width - 1;
			fwrite(p, 1, cut + 1, stderr);
			fputc('\n', stderr);
			p += cut + 1;
			len -= cut + 1;
		} else {
			fwrite(p, 1, len - 1, stderr);
			fputc('\n', stderr);
			len = 0;
		}
	}
	free(text);
}

/*
 * -v's "* " lines.  What they say may come from a server (a Location,
 * its host name): every byte that is not printable ASCII, a space or a
 * tab is shown through vis(3), as libhttpc shows its debug lines, so
 * that no server drives the terminal.  A line is cut at 4 KiB.
 */
void
msg_verbose(int verbose, const char *fmt, ...)
{
	char	 line[4096], out[4 * 256 + 1];
	va_list	 ap;
	size_t	 n, i, chunk;
	int	 len;

	if (!verbose)
		return;
	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	n = (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1;
	fputs("* ", stderr);
	for (i = 0; i < n; i += chunk) {
		chunk = n - i > 256 ? 256 : n - i;
		strvisx(out, line + i, chunk, VIS_OCTAL | VIS_CSTYLE | VIS_NL);
		fputs(out, stderr);
	}
	fputc('\n', stderr);
}

void
out_init(struct output *o, const struct config *cfg, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->no_clobber = cfg->no_clobber;
	o->create_dirs = cfg->create_dirs;
	if (path != NULL && strcmp(path, "-") == 0) {
		/* -o - : the user asked for the terminal, binary or not. */
		o->binary_ok = 1;
		path = NULL;
	}
	if (path == NULL) {
		o->is_stdout = 1;
		o->tty = isatty(STDOUT_FILENO);
	}
	/* out_set_path copies; a failure surfaces when the file opens. */
	if (path != NULL && (o->path = strdup(path)) == NULL)
		o->fd = -2;
}

int
out_set_path(struct output *o, const char *path)
{
	char	*p;

	if ((p = strdup(path)) == NULL)
		return -1;
	free(o->path);
	o->path = p;
	o->is_stdout = 0;
	o->tty = 0;
	return 0;
}

/* mkdir -p for the directories above path, mode 0750 as curl. */
static int
make_dirs(const char *path)
{
	char	 dir[PATH_MAX];
	char	*p;

	if (strlcpy(dir, path, sizeof(dir)) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0750) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

static int
open_new(struct output *o, const char *path, int excl)
{
	int	 flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;

	if (excl)
		flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
	else if (o->append)
		/* curl's "ab": a resumed download adds to the file. */
		flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
	if ((o->fd = open(path, flags, 0666)) == -1)
		return -1;
	o->created = !o->append;
	return 0;
}

static int
out_open(struct output *o)
{
	char	 alt[PATH_MAX];
	int	 i;

	if (o->fd >= 0)
		return 0;
	/* out_init could not copy the path: out of memory, as curl says. */
	if (o->fd == -2)
		return msg_nomem();
	if (o->is_stdout) {
		o->fd = STDOUT_FILENO;
		return 0;
	}
	if (o->create_dirs && make_dirs(o->path) == -1) {
		msg_error(EXIT_WRITE_ERROR, "Failed to create the directory "
		    "for %s: %s", o->path, strerror(errno));
		return EXIT_WRITE_ERROR;
	}
	if (open_new(o, o->path, o->exclusive || o->no_clobber) == 0)
		return 0;
	if (errno == EEXIST && o->no_clobber) {
		for (i = 1; i <= CLOBBER_TRIES; i++) {
			if (snprintf(alt, sizeof(alt), "%s.%d", o->path, i) >=
			    (int)sizeof(alt))
				break;
			if (open_new(o, alt, 1) == 0) {
				if (out_set_path(o, alt) == -1) {
					close(o->fd);
					o->fd = -1;
					(void)unlink(alt);
					break;
				}
				return 0;
			}
			if (errno != EEXIST)
				break;
		}
	}
	if (errno == EEXIST && o->exclusive)
		msg_error(EXIT_WRITE_ERROR, "Refusing to overwrite %s: %s",
		    o->path, strerror(errno));
	else
		msg_error(EXIT_WRITE_ERROR, "Failed to open the file %s: %s",
		    o->path, strerror(errno));
	o->fd = -1;
	return EXIT_WRITE_ERROR;
}

int
out_headers(struct output *o, const void *p, size_t n)
{
	int	 rc;

	if ((rc = out_open(o)) != 0)
		return rc;
	if (write_all(o->fd, p, n) == -1) {
		msg_error(EXIT_WRITE_ERROR, "Failure writing output to "
		    "destination: %s", strerror(errno));
		return EXIT_WRITE_ERROR;
	}
	return 0;
}

int
out_body(struct output *o, const void *p, size_t n)
{
	int	 rc;

	if (n == 0)
		return 0;
	if (o->tty && !o->binary_ok && o->bytes < BINARY_CHECK_BYTES &&
	    memchr(p, '\0', n) != NULL) {
		msg_warn("Binary output can mess up your terminal. Use "
		    "\"--output -\" to tell httpc to output it to your "
		    "terminal anyway, or consider \"--output <FILE>\" to save "
		    "to a file.");
		return EXIT_WRITE_ERROR;
	}
	if ((rc = out_open(o)) != 0)
		return rc;
	if (write_all(o->fd, p, n) == -1) {
		msg_error(EXIT_WRITE_ERROR, "Failure writing output to "
		    "destination: %s", strerror(errno));
		return EXIT_WRITE_ERROR;
	}
	o->bytes += (off_t)n;
	return 0;
}

int
out_regular(const struct output *o)
{
	struct stat	 st;

	if (o->is_stdout || o->path == NULL)
		return 0;
	if (o->fd >= 0)
		return fstat(o->fd, &st) == 0 && S_ISREG(st.st_mode);
	return stat(o->path, &st) == 0 && S_ISREG(st.st_mode);
}

int
out_truncate(struct output *o, off_t len)
{
	if (o->fd < 0 || o->is_stdout || !out_regular(o))
		return 0;
	if (ftruncate(o->fd, len) == -1 ||
	    lseek(o->fd, len, SEEK_SET) == -1) {
		msg_error(EXIT_WRITE_ERROR, "Failed to truncate file %s: %s",
		    o->path, strerror(errno));
		return EXIT_WRITE_ERROR;
	}
	return 0;
}

int
out_close(struct output *o, int ok, int remove)
{
	int	 rc = 0;

	if (ok && o->fd == -1 && !o->is_stdout && o->path != NULL)
		rc = out_open(o);
	if (o->fd >= 0 && !o->is_stdout && close(o->fd) == -1 && rc == 0) {
		msg_error(EXIT_WRITE_ERROR, "Failure writing output to "
		    "destination: %s", strerror(errno));
		rc = EXIT_WRITE_ERROR;
	}
	if (remove && o->created && o->path != NULL)
		(void)unlink(o->path);
	free(o->path);
	o->path = NULL;
	o->fd = -1;
	return rc;
}

void
dump_init(struct dumper *d, const char *path)
{
	d->path = path;
	d->fd = -1;
}

int
dump_write(struct dumper *d, const void *p, size_t n)
{
	if (d->path == NULL)
		return 0;
	if (d->fd == -1) {
		if (strcmp(d->path, "-") == 0)
			d->fd = STDOUT_FILENO;
		else if (strcmp(d->path, "%") == 0)
			d->fd = STDERR_FILENO;
		else if ((d->fd = open(d->path, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0666)) == -1) {
			msg_error(EXIT_WRITE_ERROR, "Failed to open %s: %s",
			    d->path, strerror(errno));
			d->path = NULL;
			return EXIT_WRITE_ERROR;
		}
	}
	if (write_all(d->fd, p, n) == -1) {
		msg_error(EXIT_WRITE_ERROR, "Failure writing headers to %s: %s",
		    d->path, strerror(errno));
		return EXIT_WRITE_ERROR;
	}
	return 0;
}

void
dump_close(struct dumper *d)
{
	/* curl creates the -D file even when no header came. */
	if (d->path != NULL && d->fd == -1)
		(void)dump_write(d, "", 0);
	if (d->fd > STDERR_FILENO)
		close(d->fd);
	d->fd = -1;
}
