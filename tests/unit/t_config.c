/*
 * Unit tests for cmd/config.c: curl 7.88's config file syntax (the
 * first case is the file that was fed to curl 7.88.1, with the
 * warnings it printed), quoting, separators, comments, nesting and its
 * bound, long lines, NUL bytes, the default file list and -q.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/config.h"
#include "check.h"
#include "tmpfile.h"

static char	 tmpdir[] = "/tmp/t_config.XXXXXX";

struct msgs {
	char	 text[4096];
};

static int	 takes(void *, const char *);
static void	 collect(void *, int, const char *);
static enum config_err parse(const char *, const char *, struct msgs *,
		    struct config_args *);
static int	 tokens_are(const struct config_args *, ...);
static const char *fake_getenv(void *, const char *);
static void	 test_curl_file(void);
static void	 test_forms(void);
static void	 test_quotes(void);
static void	 test_lines(void);
static void	 test_nested(void);
static void	 test_files(void);
static void	 test_defaults(void);
static void	 test_skip(void);

/* A small option table: which take a value. */
static int
takes(void *arg, const char *opt)
{
	static const char *const with[] = { "--url", "--user-agent",
	    "--header", "--referer", "--output", "--data", "-x", "-H", "-o",
	    "-d", "-A", NULL };
	static const char *const without[] = { "--silent", "--head",
	    "--show-error", "--verbose", "--no-silent", "-s", "-S", "-v",
	    "-sS", "-I", NULL };
	const char *const	*p;

	(void)arg;
	for (p = with; *p != NULL; p++)
		if (strcmp(opt, *p) == 0)
			return 1;
	for (p = without; *p != NULL; p++)
		if (strcmp(opt, *p) == 0)
			return 0;
	return -1;
}

static void
collect(void *arg, int error, const char *msg)
{
	struct msgs	*m = arg;

	strlcat(m->text, error ? "E: " : "W: ", sizeof(m->text));
	strlcat(m->text, msg, sizeof(m->text));
	strlcat(m->text, "\n", sizeof(m->text));
}


/* Parses text as a file called name. */
static enum config_err
parse(const char *name, const char *text, struct msgs *m,
    struct config_args *args)
{
	struct config_ops	 ops = { takes, collect, m };
	enum config_err		 e;
	FILE			*fp;

	memset(m, 0, sizeof(*m));
	if ((fp = fmemopen((void *)text, strlen(text), "r")) == NULL)
		abort();
	e = config_read_fp(fp, name, &ops, args);
	fclose(fp);
	return e;
}

/* The tokens are exactly the NULL-terminated list given. */
static int
tokens_are(const struct config_args *args, ...)
{
	va_list		 ap;
	const char	*want;
	int		 i = 0, ok = 1;

	va_start(ap, args);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (i >= args->argc || strcmp(args->argv[i], want) != 0) {
			printf("token %d: '%s', want '%s'\n", i,
			    i < args->argc ? args->argv[i] : "(none)", want);
			ok = 0;
		}
		i++;
	}
	va_end(ap);
	if (i != args->argc) {
		printf("%d tokens, want %d\n", args->argc, i);
		ok = 0;
	}
	return ok && args->argv[args->argc] == NULL;
}

/* The file curl 7.88.1 was given, and what it said about it. */
static void
test_curl_file(void)
{
	static const char file[] =
	    "show-error\n"
	    "bogus-option\n"
	    "user-agent = \"a \\\"b\\\" \\\\c\\t|\"\n"
	    "head yes\n"
	    "referer\n"
	    "-H  x:1   # comment\n"
	    "header: y: 2 z\n"
	    "# comment\n"
	    "/ slash comment\n"
	    "* star comment\n"
	    "  \t\n"
	    "--url http://127.0.0.1:18083/1\n"
	    "url=\"http://127.0.0.1:18083/2\"\n";
	struct config_args	 a = { 0, NULL };
	struct msgs		 m;

	CHECK(parse("c1", file, &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--show-error", "--user-agent", "a \"b\" \\c\t|",
	    "--head", "-H", "x:1", "--header", "y:", "--url",
	    "http://127.0.0.1:18083/1", "--url", "http://127.0.0.1:18083/2",
	    NULL));
	CHECK(strcmp(m.text,
	    "W: c1:2: warning: 'bogus-option' is unknown\n"
	    "W: c1:4: warning: 'head' had unsupported trailing garbage\n"
	    "W: c1:5: warning: 'referer' requires parameter\n"
	    "W: c1:7: warning: 'header' uses unquoted whitespace in the line "
	    "that may cause side-effects!\n") == 0);
	config_args_free(&a);
	CHECK(a.argc == 0 && a.argv == NULL);
}

static void
test_forms(void)
{
	struct config_args	 a = { 0, NULL };
	struct msgs		 m;

	/* Every separator curl allows after an undashed option. */
	CHECK(parse("f", "url = x\nurl=x\nurl:x\nurl :=: x\nurl\tx\n"
	    "url \"x\"\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--url", "x", "--url", "x", "--url", "x",
	    "--url", "x", "--url", "x", "--url", "x", NULL));
	CHECK(m.text[0] == '\0');
	config_args_free(&a);
	/* After a dash '=' and ':' belong to the option or the value. */
	CHECK(parse("f", "--url=x\n-H: x\n-H x:=y\n--url :x\n", &m, &a) ==
	    CONFIG_OK);
	CHECK(tokens_are(&a, "-H", "x:=y", "--url", ":x", NULL));
	CHECK(strcmp(m.text, "W: f:1: warning: '--url=x' is unknown\n"
	    "W: f:2: warning: '-H:' is unknown\n") == 0);
	config_args_free(&a);
	/* A value after '=' keeps later '=' and ':'. */
	CHECK(parse("f", "header = a:b=c\ndata=a=b\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--header", "a:b=c", "--data", "a=b", NULL));
	config_args_free(&a);
	/* Short options and clusters go to the parser as written. */
	CHECK(parse("f", "-sS\n-o out\n-v\n-I\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "-sS", "-o", "out", "-v", "-I", NULL));
	config_args_free(&a);
	/* Options without values; "no-" forms are the parser's. */
	CHECK(parse("f", "silent\nno-silent\nverbose\n", &m, &a) ==
	    CONFIG_OK);
	CHECK(tokens_are(&a, "--silent", "--no-silent", "--verbose", NULL));
	CHECK(m.text[0] == '\0');
	config_args_free(&a);
	/* A comment where the value would be is the value (curl 7.88.1
	 * says both of these). */
	CHECK(parse("c5", "verbose # loud\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--verbose", NULL));
	CHECK(strcmp(m.text, "W: c5:1: warning: 'verbose' uses unquoted "
	    "whitespace in the line that may cause side-effects!\n"
	    "W: c5:1: warning: 'verbose' had unsupported trailing garbage\n")
	    == 0);
	config_args_free(&a);
	/* An empty quoted value is a value; an empty unquoted one is not. */
	CHECK(parse("f", "user-agent \"\"\nuser-agent =\nsilent \"\"\n", &m,
	    &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--user-agent", "", "--silent", NULL));
	CHECK(strcmp(m.text,
	    "W: f:2: warning: 'user-agent' requires parameter\n") == 0);
	config_args_free(&a);
	/* A value starting with '-' is still the value. */
	CHECK(parse("f", "header -x\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--header", "-x", NULL));
	config_args_free(&a);
	/* Appends to what is there. */
	CHECK(parse("f", "silent\n", &m, &a) == CONFIG_OK);
	CHECK(parse("f", "-v\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--silent", "-v", NULL));
	config_args_free(&a);
}

static void
test_quotes(void)
{
	struct config_args	 a = { 0, NULL };
	struct msgs		 m;

	CHECK(parse("q", "header \"a\\tb\\nc\\rd\\ve\"\n"
	    "header \"\\\\ \\\" \\q \\# end\"\n"
	    "header \"with # hash\" trailing words ignored\n"
	    "header \"unterminated value  \n"
	    "header \"back\\\n"
	    "header \"\"\"x\"\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--header", "a\tb\nc\rd\ve",
	    "--header", "\\ \" q # end",
	    "--header", "with # hash",
	    "--header", "unterminated value  ",
	    "--header", "back",
	    "--header", "", NULL));
	CHECK(m.text[0] == '\0');
	config_args_free(&a);
	/* Unquoted: the value ends at the first blank; '#' inside stays. */
	CHECK(parse("q", "url http://h/#frag\nurl http://h/ #c\n"
	    "url http://h/ x\n", &m, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--url", "http://h/#frag", "--url", "http://h/",
	    "--url", "http://h/", NULL));
	CHECK(strcmp(m.text, "W: q:3: warning: 'url' uses unquoted "
	    "whitespace in the line that may cause side-effects!\n") == 0);
	config_args_free(&a);
}

static void
test_lines(void)
{
	struct config_args	 a = { 0, NULL };
	struct msgs		 m;
	char			*big, *path;
	struct config_ops	 ops = { takes, collect, &m };
	size_t			 n;

	/* CRLF, no newline at the end, blank and comment lines counted. */
	CHECK(parse("l", "\r\n  # c\r\n\t\r\nbogus\r\nurl x\r\nurl y", &m,
	    &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--url", "x", "--url", "y", NULL));
	CHECK(strcmp(m.text, "W: l:4: warning: 'bogus' is unknown\n") == 0);
	config_args_free(&a);
	/* Empty file, only comments. */
	CHECK(parse("l", "", &m, &a) == CONFIG_OK && a.argc == 0);
	CHECK(parse("l", "#x\n\n", &m, &a) == CONFIG_OK && a.argc == 0);
	/* Standard input is "<stdin>" in option warnings, as curl. */
	CHECK(parse("-", "bogus\nhead x\nurl a b\n", &m, &a) == CONFIG_OK);
	CHECK(strcmp(m.text, "W: <stdin>:1: warning: 'bogus' is unknown\n"
	    "W: <stdin>:2: warning: 'head' had unsupported trailing garbage\n"
	    "W: -:3: warning: 'url' uses unquoted whitespace in the line "
	    "that may cause side-effects!\n") == 0);
	config_args_free(&a);

	/* A NUL ends the line's text; the next line is separate. */
	path = tmp_file(tmpdir, "nul", "url a\0b c\nurl d\n", 16);
	memset(&m, 0, sizeof(m));
	CHECK(config_read(path, &ops, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--url", "a", "--url", "d", NULL));
	CHECK(m.text[0] == '\0');
	config_args_free(&a);
	free(path);

	/* The longest line allowed, and one more byte. */
	n = CONFIG_MAX_LINE;
	if ((big = malloc(n + 3)) == NULL)
		abort();
	memcpy(big, "url ", 4);
	memset(big + 4, 'x', n - 4);
	memcpy(big + n, "\n", 2);
	path = tmp_file(tmpdir, "long", big, n + 1);
	CHECK(config_read(path, &ops, &a) == CONFIG_OK);
	CHECK(a.argc == 2 && strlen(a.argv[1]) == n - 4);
	config_args_free(&a);
	free(path);
	big[n] = 'x';
	memcpy(big + n + 1, "\n", 2);
	path = tmp_file(tmpdir, "toolong", big, n + 2);
	errno = 0;
	CHECK(config_read(path, &ops, &a) == CONFIG_READ);
	CHECK(errno == EFBIG && a.argc == 0);
	free(path);
	/* Lines before it stay. */
	free(big);
	if ((big = malloc(n + 20)) == NULL)
		abort();
	memcpy(big, "silent\nurl ", 11);
	memset(big + 11, 'y', n);
	big[n + 11] = '\n';
	path = tmp_file(tmpdir, "toolong2", big, n + 12);
	CHECK(config_read(path, &ops, &a) == CONFIG_READ);
	CHECK(tokens_are(&a, "--silent", NULL));
	config_args_free(&a);
	free(path);
	free(big);
}

static void
test_nested(void)
{
	struct config_args	 a = { 0, NULL };
	struct config_ops	 ops = { takes, collect, NULL };
	struct msgs		 m;
	char			*inner, *outer, *self, *text, *want;

	inner = tmp_file(tmpdir, "inner", "-v\nurl \"in\"\n", 12);
	if (asprintf(&text, "url first\nconfig = \"%s\"\n-K %s\n"
	    "--config %s\nurl last\n", inner, inner, inner) == -1)
		abort();
	outer = tmp_file(tmpdir, "outer", text, strlen(text));
	free(text);
	ops.arg = &m;
	memset(&m, 0, sizeof(m));
	CHECK(config_read(outer, &ops, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--url", "first", "-v", "--url", "in", "-v",
	    "--url", "in", "-v", "--url", "in", "--url", "last", NULL));
	CHECK(m.text[0] == '\0');
	config_args_free(&a);

	/* A missing one: curl's two messages, then on with the file. */
	CHECK(parse("c2", "config = \"nope\"\nurl \"n\"\nconfig\n", &m, &a) ==
	    CONFIG_OK);
	CHECK(tokens_are(&a, "--url", "n", NULL));
	CHECK(strcmp(m.text, "E: cannot read config from 'nope'\n"
	    "W: c2:1: warning: 'config' error encountered when reading a "
	    "file\n"
	    "W: c2:3: warning: 'config' requires parameter\n") == 0);
	config_args_free(&a);

	/* A file that reads itself stops at the depth limit. */
	if (asprintf(&text, "%s/self", tmpdir) == -1)
		abort();
	free(text);
	if (asprintf(&text, "-v\nconfig %s/self\n", tmpdir) == -1)
		abort();
	self = tmp_file(tmpdir, "self", text, strlen(text));
	free(text);
	memset(&m, 0, sizeof(m));
	CHECK(config_read(self, &ops, &a) == CONFIG_OK);
	CHECK(a.argc == CONFIG_MAX_DEPTH);
	if (asprintf(&want, "E: cannot read config from '%s'\n"
	    "W: %s:2: warning: 'config' error encountered when reading a "
	    "file\n", self, self) == -1)
		abort();
	CHECK(strcmp(m.text, want) == 0);
	free(want);
	config_args_free(&a);
	free(self);
	free(inner);
	free(outer);
}

static void
test_files(void)
{
	struct config_args	 a = { 0, NULL };
	struct config_ops	 ops = { takes, collect, NULL };
	struct msgs		 m;
	char			*path;

	/* The file asked for: nothing printed, CONFIG_READ, errno kept. */
	memset(&m, 0, sizeof(m));
	ops.arg = &m;
	if (asprintf(&path, "%s/missing", tmpdir) == -1)
		abort();
	errno = 0;
	CHECK(config_read(path, &ops, &a) == CONFIG_READ && errno == ENOENT);
	CHECK(m.text[0] == '\0' && a.argc == 0);
	free(path);
	/* A directory cannot be read. */
	CHECK(config_read(tmpdir, &ops, &a) == CONFIG_READ);
	/* No message callback: silent. */
	ops.msg = NULL;
	CHECK(parse("s", "bogus\n", &m, &a) == CONFIG_OK);
	path = tmp_file(tmpdir, "quiet", "bogus\nsilent\n", 13);
	CHECK(config_read(path, &ops, &a) == CONFIG_OK);
	CHECK(tokens_are(&a, "--silent", NULL));
	config_args_free(&a);
	free(path);
}

static const char *
fake_getenv(void *arg, const char *name)
{
	const char *const	*v;
	size_t			 n = strlen(name);

	for (v = arg; *v != NULL; v++)
		if (strncmp(*v, name, n) == 0 && (*v)[n] == '=')
			return *v + n + 1;
	return NULL;
}

static void
test_defaults(void)
{
	static const char *const both[] = { "XDG_CONFIG_HOME=/x/cfg",
	    "HOME=/home/u", NULL };
	static const char *const home[] = { "HOME=/home/u", NULL };
	static const char *const empty_xdg[] = { "XDG_CONFIG_HOME=",
	    "HOME=/home/u", NULL };
	static const char *const nohome[] = { "XDG_CONFIG_HOME=/x", NULL };
	char	**p;

	CHECK(config_default_paths(fake_getenv, (void *)both, &p) ==
	    CONFIG_OK);
	CHECK(p[0] != NULL && strcmp(p[0], "/x/cfg/httpcrc") == 0 &&
	    p[1] != NULL && strcmp(p[1], "/home/u/.httpcrc") == 0 &&
	    p[2] == NULL);
	config_paths_free(p);
	CHECK(config_default_paths(fake_getenv, (void *)home, &p) ==
	    CONFIG_OK);
	CHECK(p[0] != NULL && strcmp(p[0], "/home/u/.httpcrc") == 0 &&
	    p[1] != NULL && strcmp(p[1], "/home/u/.config/httpcrc") == 0 &&
	    p[2] == NULL);
	config_paths_free(p);
	CHECK(config_default_paths(fake_getenv, (void *)empty_xdg, &p) ==
	    CONFIG_OK);
	CHECK(p[0] != NULL && strcmp(p[0], "/home/u/.httpcrc") == 0 &&
	    p[1] != NULL && p[2] == NULL);
	config_paths_free(p);
	/* No HOME: the password database's home directory. */
	CHECK(config_default_paths(fake_getenv, (void *)nohome, &p) ==
	    CONFIG_OK);
	CHECK(p[0] != NULL && strcmp(p[0], "/x/httpcrc") == 0);
	CHECK(p[1] == NULL || strstr(p[1], "/.httpcrc") != NULL);
	config_paths_free(p);
	config_paths_free(NULL);
}

static void
test_skip(void)
{
	char	*a1[] = { "httpc", NULL };
	char	*a2[] = { "httpc", "-q", "url", NULL };
	char	*a3[] = { "httpc", "-qv", NULL };
	char	*a4[] = { "httpc", "--disable", NULL };
	char	*a5[] = { "httpc", "--DISABLE", NULL };
	char	*a6[] = { "httpc", "-v", "-q", NULL };
	char	*a7[] = { "httpc", "--disabled", NULL };
	char	*a8[] = { "httpc", "q", NULL };

	CHECK(!config_skip_default(1, a1));
	CHECK(config_skip_default(3, a2));
	CHECK(config_skip_default(2, a3));
	CHECK(config_skip_default(2, a4));
	CHECK(config_skip_default(2, a5));
	CHECK(!config_skip_default(3, a6));
	CHECK(!config_skip_default(2, a7));
	CHECK(!config_skip_default(2, a8));
	CHECK(!config_skip_default(0, NULL));
}

int
main(void)
{
	char	 cmd[64];

	if (mkdtemp(tmpdir) == NULL)
		return 2;
	test_curl_file();
	test_forms();
	test_quotes();
	test_lines();
	test_nested();
	test_files();
	test_defaults();
	test_skip();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		CHECK(0);
	return check_done("t_config");
}
