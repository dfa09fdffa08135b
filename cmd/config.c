/*
 * curl 7.88's config file reader (src/tool_parsecfg.c parseconfig(),
 * unslashquote(), my_get_line()) producing tokens instead of setting
 * options, with nesting bounded and long lines refused as curl refuses
 * them.  Lines are read whole into a buffer bounded by CONFIG_MAX_LINE;
 * a NUL byte ends a line's text, as fgets() ends curl's.
 */
#include <sys/types.h>

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"

/* One file being read. */
struct cfile {
	FILE			*fp;
	const char		*name;		/* as given: messages */
	int			 depth;		/* 0: the file asked for */
	const struct config_ops	*ops;
	struct config_args	*args;
};

static enum config_err	 read_file(const char *, int,
			    const struct config_ops *, struct config_args *);
static enum config_err	 read_lines(struct cfile *);
static enum config_err	 read_line(FILE *, struct hc_buf *, int *);
static enum config_err	 do_line(struct cfile *, char *, int);
static char		*unquote(const char *);
static enum config_err	 nested(struct cfile *, const char *, const char *,
			    int);
static enum config_err	 add_token(struct config_args *, const char *);
static void		 say(const struct config_ops *, int, const char *, ...)
			    __attribute__((format(printf, 3, 4)));
static int		 is_space(int);
static int		 is_sep(int, int);
static enum config_err	 add_path(char ***, size_t *, const char *,
			    const char *);

enum config_err
config_read(const char *path, const struct config_ops *ops,
    struct config_args *args)
{
	return read_file(path, 0, ops, args);
}

enum config_err
config_read_fp(FILE *fp, const char *name, const struct config_ops *ops,
    struct config_args *args)
{
	struct cfile	 f;

	f.fp = fp;
	f.name = name;
	f.depth = 0;
	f.ops = ops;
	f.args = args;
	return read_lines(&f);
}

void
config_args_free(struct config_args *args)
{
	int	 i;

	for (i = 0; i < args->argc; i++)
		free(args->argv[i]);
	free(args->argv);
	args->argc = 0;
	args->argv = NULL;
}

static enum config_err
read_file(const char *path, int depth, const struct config_ops *ops,
    struct config_args *args)
{
	struct cfile	 f;
	enum config_err	 e;
	int		 saved;

	f.name = path;
	f.depth = depth;
	f.ops = ops;
	f.args = args;
	if (strcmp(path, "-") == 0)
		f.fp = stdin;
	else if ((f.fp = fopen(path, "r")) == NULL)
		return CONFIG_READ;
	e = read_lines(&f);
	if (f.fp != stdin) {
		saved = errno;
		fclose(f.fp);
		errno = saved;
	}
	return e;
}

static enum config_err
read_lines(struct cfile *f)
{
	struct hc_buf	 line;
	enum config_err	 e;
	int		 lineno = 0, eof = 0;

	hc_buf_init(&line, CONFIG_MAX_LINE);
	for (;;) {
		hc_buf_reset(&line);
		if ((e = read_line(f->fp, &line, &eof)) != CONFIG_OK)
			break;
		if (eof && line.len == 0)
			break;
		lineno++;
		if ((e = do_line(f, line.data, lineno)) != CONFIG_OK)
			break;
	}
	hc_buf_free(&line);
	return e;
}

/*
 * One line into b, without its newline (and a CR before it); *eof set
 * when the stream had nothing more.  A NUL ends the line's text (the
 * rest of the line is skipped).  A line over CONFIG_MAX_LINE is
 * CONFIG_READ, as curl gives up on the file there.
 */
static enum config_err
read_line(FILE *fp, struct hc_buf *b, int *eof)
{
	char	 chunk[512];
	size_t	 n = 0;
	int	 c, any = 0, nul = 0;

	while ((c = getc(fp)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (nul || (nul = c == '\0'))
			continue;
		chunk[n++] = (char)c;
		if (n < sizeof(chunk))
			continue;
		if (n > CONFIG_MAX_LINE - b->len) {
			errno = EFBIG;
			return CONFIG_READ;
		}
		if (hc_buf_add(b, chunk, n) != HTTPC_OK)
			return CONFIG_NOMEM;
		n = 0;
	}
	if (c == EOF && ferror(fp))
		return CONFIG_READ;
	if (n > CONFIG_MAX_LINE - b->len) {
		errno = EFBIG;
		return CONFIG_READ;
	}
	if (hc_buf_add(b, chunk, n) != HTTPC_OK)
		return CONFIG_NOMEM;
	if (!any)
		*eof = 1;
	if (b->len > 0 && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return CONFIG_OK;
}

/* One line, as parseconfig() takes it apart. */
static enum config_err
do_line(struct cfile *f, char *line, int lineno)
{
	const char	*stdname;
	char		*option, *param, *alloc = NULL, *tok = NULL;
	enum config_err	 e = CONFIG_OK;
	int		 dashed, takes;

	stdname = strcmp(f->name, "-") == 0 ? "<stdin>" : f->name;
	while (is_space((unsigned char)*line))
		line++;
	switch (*line) {
	case '#':
	case '/':
	case '*':
	case '\0':
		return CONFIG_OK;
	}
	option = line;
	dashed = option[0] == '-';
	while (*line != '\0' && !is_space((unsigned char)*line) &&
	    !is_sep(*line, dashed))
		line++;
	if (*line != '\0')
		*line++ = '\0';
	while (*line != '\0' && (is_space((unsigned char)*line) ||
	    is_sep(*line, dashed)))
		line++;
	if (*line == '"') {
		if ((alloc = unquote(line + 1)) == NULL)
			return CONFIG_NOMEM;
		param = alloc;
	} else {
		param = line;
		while (*line != '\0' && !is_space((unsigned char)*line))
			line++;
		if (*line != '\0') {
			*line++ = '\0';
			while (is_space((unsigned char)*line))
				line++;
			if (*line != '\0' && *line != '#')
				say(f->ops, 0, "%s:%d: warning: '%s' uses "
				    "unquoted whitespace in the line that may "
				    "cause side-effects!", f->name, lineno,
				    option);
		}
		if (*param == '\0')
			param = NULL;
	}

	/* "url" is "--url"; dashed words go as they are. */
	if (dashed)
		tok = strdup(option);
	else if (asprintf(&tok, "--%s", option) == -1)
		tok = NULL;
	if (tok == NULL) {
		e = CONFIG_NOMEM;
		goto done;
	}
	if (strcmp(tok, "--config") == 0 || strcmp(tok, "-K") == 0) {
		if (param == NULL)
			say(f->ops, 0, "%s:%d: warning: '%s' requires "
			    "parameter", stdname, lineno, option);
		else
			e = nested(f, param, option, lineno);
		goto done;
	}
	takes = f->ops->takes_arg(f->ops->arg, tok);
	if (takes < 0) {
		say(f->ops, 0, "%s:%d: warning: '%s' is unknown", stdname,
		    lineno, option);
		goto done;
	}
	if (takes > 0 && param == NULL) {
		say(f->ops, 0, "%s:%d: warning: '%s' requires parameter",
		    stdname, lineno, option);
		goto done;
	}
	if ((e = add_token(f->args, tok)) != CONFIG_OK)
		goto done;
	if (takes > 0)
		e = add_token(f->args, param);
	else if (param != NULL && *param != '\0')
		say(f->ops, 0, "%s:%d: warning: '%s' had unsupported trailing "
		    "garbage", stdname, lineno, option);
done:
	free(tok);
	if (alloc != NULL)
		freezero(alloc, strlen(alloc));
	return e;
}

/*
 * curl's unslashquote(): up to the closing quote or the end, \t \n \r
 * \v for those, \X for X; a backslash at the very end is dropped.
 */
static char *
unquote(const char *s)
{
	char	*out, *o;

	if ((out = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	for (o = out; *s != '\0' && *s != '"'; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		switch (*++s) {
		case '\0':
			s--;		/* the loop ends on the NUL */
			continue;
		case 't':
			*o++ = '\t';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'v':
			*o++ = '\v';
			break;
		default:
			*o++ = *s;
			break;
		}
	}
	*o = '\0';
	return out;
}

/*
 * A config line inside a config file: read it here.  A failure is two
 * messages and no more, as curl's -K inside parseconfig().
 */
static enum config_err
nested(struct cfile *f, const char *path, const char *option, int lineno)
{
	enum config_err	 e;

	if (f->depth + 1 >= CONFIG_MAX_DEPTH)
		e = CONFIG_READ;
	else
		e = read_file(path, f->depth + 1, f->ops, f->args);
	if (e != CONFIG_READ)
		return e;
	say(f->ops, 1, "cannot read config from '%s'", path);
	say(f->ops, 0, "%s:%d: warning: '%s' error encountered when reading "
	    "a file", strcmp(f->name, "-") == 0 ? "<stdin>" : f->name, lineno,
	    option);
	return CONFIG_OK;
}

static enum config_err
add_token(struct config_args *args, const char *s)
{
	char	**v;

	if (args->argc >= CONFIG_MAX_ARGS)
		return CONFIG_READ;
	if ((v = reallocarray(args->argv, (size_t)args->argc + 2,
	    sizeof(*v))) == NULL)
		return CONFIG_NOMEM;
	args->argv = v;
	if ((v[args->argc] = strdup(s)) == NULL) {
		v[args->argc] = NULL;
		return CONFIG_NOMEM;
	}
	v[++args->argc] = NULL;
	return CONFIG_OK;
}

static void
say(const struct config_ops *ops, int error, const char *fmt, ...)
{
	char	*msg;
	va_list	 ap;

	if (ops->msg == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1) {
		va_end(ap);
		return;
	}
	va_end(ap);
	ops->msg(ops->arg, error, msg);
	free(msg);
}

/* curl's ISSPACE: blank, tab, newlines, vertical tab, form feed. */
static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/* curl's ISSEP: '=' and ':' separate only after an undashed option. */
static int
is_sep(int c, int dashed)
{
	return !dashed && (c == '=' || c == ':');
}

enum config_err
config_default_paths(config_getenv_fn *get, void *arg, char ***pathsp)
{
	struct passwd	*pw;
	const char	*xdg, *home;
	char		**paths = NULL;
	size_t		 n = 0;
	enum config_err	 e = CONFIG_OK;

	*pathsp = NULL;
	xdg = get != NULL ? get(arg, "XDG_CONFIG_HOME") :
	    getenv("XDG_CONFIG_HOME");
	home = get != NULL ? get(arg, "HOME") : getenv("HOME");
	if (xdg != NULL && *xdg == '\0')
		xdg = NULL;
	if (home == NULL || *home == '\0') {
		pw = getpwuid(geteuid());
		home = pw != NULL && pw->pw_dir != NULL &&
		    pw->pw_dir[0] != '\0' ? pw->pw_dir : NULL;
	}
	if (xdg != NULL)
		e = add_path(&paths, &n, xdg, "/httpcrc");
	if (e == CONFIG_OK && home != NULL)
		e = add_path(&paths, &n, home, "/.httpcrc");
	if (e == CONFIG_OK && home != NULL && xdg == NULL)
		e = add_path(&paths, &n, home, "/.config/httpcrc");
	if (e == CONFIG_OK && paths == NULL &&
	    (paths = calloc(1, sizeof(*paths))) == NULL)
		e = CONFIG_NOMEM;
	if (e != CONFIG_OK) {
		config_paths_free(paths);
		return e;
	}
	*pathsp = paths;
	return CONFIG_OK;
}

static enum config_err
add_path(char ***pathsp, size_t *n, const char *dir, const char *file)
{
	char	**v;

	if ((v = reallocarray(*pathsp, *n + 2, sizeof(*v))) == NULL)
		return CONFIG_NOMEM;
	*pathsp = v;
	if (asprintf(&v[*n], "%s%s", dir, file) == -1) {
		v[*n] = NULL;
		return CONFIG_NOMEM;
	}
	v[++*n] = NULL;
	return CONFIG_OK;
}

void
config_paths_free(char **paths)
{
	size_t	 i;

	if (paths == NULL)
		return;
	for (i = 0; paths[i] != NULL; i++)
		free(paths[i]);
	free(paths);
}

int
config_skip_default(int argc, char *const argv[])
{
	if (argc < 2 || argv[1] == NULL)
		return 0;
	return strncmp(argv[1], "-q", 2) == 0 ||
	    strcasecmp(argv[1], "--disable") == 0;
}
