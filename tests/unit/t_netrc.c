/*
 * Unit tests for cmd/netrc.c: curl 8's .netrc grammar and its state
 * machine (machine, default, login, password, macdef, quoting), the
 * places where we are stricter than curl, the default file, and hostile
 * files: NUL bytes, endless lines and tokens, oversized files.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/netrc.h"
#include "check.h"
#include "tmpfile.h"

static char	 tmpdir[] = "/tmp/t_netrc.XXXXXX";

static int	 finds(const char *, const char *, const char *,
		    const char *, const char *);
static enum netrc_result lookup(const char *, const char *, const char *);
static char	*repeat(char, size_t);
static void	 test_basic(void);
static void	 test_user(void);
static void	 test_default(void);
static void	 test_quoting(void);
static void	 test_macdef(void);
static void	 test_comments(void);
static void	 test_files(void);
static void	 test_hostile(void);
static void	 test_default_path(void);


/*
 * The file text gives login and password for host (and user); a NULL
 * want_login means "not found".
 */
static int
finds(const char *text, const char *host, const char *user,
    const char *want_login, const char *want_password)
{
	enum netrc_result	 r;
	char			*path, *login, *password;
	int			 ok;

	/* Garbage in, so that a result left unset shows. */
	login = password = (char *)1;

	path = tmp_file(tmpdir, "netrc", text, strlen(text));
	r = netrc_lookup(path, host, user, &login, &password);
	if (want_login == NULL)
		ok = r == NETRC_NOT_FOUND && login == NULL && password == NULL;
	else
		ok = r == NETRC_FOUND && login != NULL && password != NULL &&
		    strcmp(login, want_login) == 0 &&
		    strcmp(password, want_password) == 0;
	if (!ok)
		printf("# host %s user %s: %s, \"%s\" \"%s\"\n", host,
		    user ? user : "(none)", netrc_strerror(r),
		    r == NETRC_FOUND ? login : "", r == NETRC_FOUND ?
		    password : "");
	if (r == NETRC_FOUND) {
		netrc_free(login);
		netrc_free(password);
	}
	unlink(path);
	free(path);
	return ok;
}

/* Just the result, for the error cases; NULLs checked too. */
static enum netrc_result
lookup(const char *text, const char *host, const char *user)
{
	enum netrc_result	 r;
	char			*path, *login, *password;

	login = password = (char *)1;
	path = tmp_file(tmpdir, "netrc", text, strlen(text));
	r = netrc_lookup(path, host, user, &login, &password);
	if (r == NETRC_FOUND) {
		netrc_free(login);
		netrc_free(password);
	} else if (login != NULL || password != NULL)
		r = NETRC_RESULT_COUNT;		/* fails the caller's CHECK */
	unlink(path);
	free(path);
	return r;
}

static char *
repeat(char c, size_t n)
{
	char	*s;

	if ((s = malloc(n + 1)) == NULL)
		abort();
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_basic(void)
{
	const char	*multi =
	    "machine a.test login alice password apw\n"
	    "machine b.test\n"
	    "\tlogin bob\n"
	    "\tpassword bpw\n"
	    "machine c.test login carol password cpw account acct\n";

	CHECK(finds("machine example.com login u password p", "example.com",
	    NULL, "u", "p"));
	CHECK(finds("machine example.com login u password p\n",
	    "example.com", NULL, "u", "p"));
	CHECK(finds(multi, "a.test", NULL, "alice", "apw"));
	CHECK(finds(multi, "b.test", NULL, "bob", "bpw"));
	CHECK(finds(multi, "c.test", NULL, "carol", "cpw"));
	CHECK(finds(multi, "d.test", NULL, NULL, NULL));
	/* Password before login; every token on its own line. */
	CHECK(finds("machine\nh\npassword\np\nlogin\nu\n", "h", NULL, "u",
	    "p"));
	/* Keywords and host names compare without case, values with. */
	CHECK(finds("MACHINE Example.COM LOGIN User PASSWORD PassWord",
	    "example.com", NULL, "User", "PassWord"));
	/* The first matching machine wins. */
	CHECK(finds("machine h login a password 1\nmachine h login b "
	    "password 2\n", "h", NULL, "a", "1"));
	/* No partial or suffix host match. */
	CHECK(finds("machine example.com login u password p",
	    "www.example.com", NULL, NULL, NULL));
	CHECK(finds("machine example.com login u password p", "example",
	    NULL, NULL, NULL));
	/* A login without password: an empty password, as curl. */
	CHECK(finds("machine h login u", "h", NULL, "u", ""));
	CHECK(finds("machine h login u password", "h", NULL, "u", ""));
	/* A password without login: an empty login. */
	CHECK(finds("machine h password p", "h", NULL, "", "p"));
	/* Neither: nothing. */
	CHECK(finds("machine h", "h", NULL, NULL, NULL));
	CHECK(finds("machine h account x", "h", NULL, NULL, NULL));
	CHECK(finds("machine", "h", NULL, NULL, NULL));
	/* Keywords as values where a value is due. */
	CHECK(finds("machine h login machine password default", "h", NULL,
	    "machine", "default"));
	CHECK(finds("machine h login password password login", "h", NULL,
	    "password", "login"));
	/* A later value of the same entry overrides. */
	CHECK(finds("machine h password 1 password 2 login u", "h", NULL,
	    "u", "2"));
	/* Tokens of other entries are skipped, not read as ours. */
	CHECK(finds("machine x login h password bad\nmachine h login u "
	    "password p\n", "h", NULL, "u", "p"));
	/* An entry with login only yields to a later full one (curl). */
	CHECK(finds("machine h login first\nmachine h login u password p\n",
	    "h", NULL, "u", "p"));
	/* IPv6 literal and port-less matching as given. */
	CHECK(finds("machine ::1 login six password p6", "::1", NULL, "six",
	    "p6"));
	/* Blank lines, tabs, CRLF. */
	CHECK(finds("\r\n\n  \t\nmachine h\r\nlogin u\r\npassword p\r\n", "h",
	    NULL, "u", "p"));
	CHECK(finds("machine h login u password p \r\n", "h", NULL, "u",
	    "p"));
	/* Other control bytes separate tokens too. */
	/* DEL is no control byte here: "password\x7fp" is one token. */
	CHECK(finds("machine\x01h\x0blogin\x0cu\x1fpassword\x7fp", "h", NULL,
	    "u", ""));
	CHECK(finds("machine\x01h\x0blogin\x0cu\x1fpassword p", "h", NULL,
	    "u", "p"));
	/* High bytes belong to tokens. */
	CHECK(finds("machine h login \xc3\xa9 password \xff\xfe", "h", NULL,
	    "\xc3\xa9", "\xff\xfe"));
	CHECK(strcmp(netrc_strerror(NETRC_SYNTAX), "syntax error") == 0);
	CHECK(strcmp(netrc_strerror(NETRC_RESULT_COUNT),
	    "unknown netrc result") == 0);
	netrc_free(NULL);
}

static void
test_user(void)
{
	const char	*two =
	    "machine h login alice password apw\n"
	    "machine h login bob password bpw\n";

	/* The user we already have picks the entry. */
	CHECK(finds(two, "h", "alice", "alice", "apw"));
	CHECK(finds(two, "h", "bob", "bob", "bpw"));
	CHECK(finds(two, "h", "carol", NULL, NULL));
	/* Logins compare with case. */
	CHECK(finds(two, "h", "Alice", NULL, NULL));
	CHECK(finds(two, "h", "ali", NULL, NULL));
	CHECK(finds(two, "h", "alicex", NULL, NULL));
	/* An entry without login gives its password to our user (curl's
	 * test 685). */
	CHECK(finds("machine h password secret", "h", "user", "user",
	    "secret"));
	CHECK(finds("machine h password secret\nmachine x login y "
	    "password z\n", "h", "user", "user", "secret"));
	/* Another user's password is not handed out (curl would). */
	CHECK(finds("machine h login other password theirs", "h", "me", NULL,
	    NULL));
	CHECK(finds("machine h password theirs login other", "h", "me", NULL,
	    NULL));
	/* Our login without password: empty password. */
	CHECK(finds("machine h login me", "h", "me", "me", ""));
	/* The first entry for our login, across others. */
	CHECK(finds("machine h login x password 1\nmachine h login me "
	    "password 2\nmachine h login me password 3\n", "h", "me", "me",
	    "2"));
	/* The default only when it has our login or none. */
	CHECK(finds("machine h login x password 1\ndefault login me password "
	    "d\n", "h", "me", "me", "d"));
	CHECK(finds("default login x password d\n", "h", "me", NULL, NULL));
	CHECK(finds("default password d\n", "h", "me", "me", "d"));
}

static void
test_default(void)
{
	const char	*f =
	    "machine a login alice password apw\n"
	    "default login anon password guest\n";

	CHECK(finds(f, "a", NULL, "alice", "apw"));
	CHECK(finds(f, "zzz", NULL, "anon", "guest"));
	/* A default before a machine applies to everyone (curl reads the
	 * file in order and stops at the first complete entry). */
	CHECK(finds("default login d password dp\nmachine h login u "
	    "password p\n", "h", NULL, "d", "dp"));
	/* A default without credentials is nothing. */
	CHECK(finds("default\n", "h", NULL, NULL, NULL));
	CHECK(finds("default\nmachine x login a password b\n", "h", NULL,
	    NULL, NULL));
	/* A machine of ours with a password ends at "default". */
	CHECK(finds("machine h password hp\ndefault login d password dp\n",
	    "h", NULL, "", "hp"));
	/* A machine of ours with only a login does not (curl drops it). */
	CHECK(finds("machine h login hl\ndefault login d password dp\n", "h",
	    NULL, "d", "dp"));
}

static void
test_quoting(void)
{
	/* Blanks, quotes and backslashes in quoted strings. */
	CHECK(finds("machine h login \"a user\" password \"p w\"", "h", NULL,
	    "a user", "p w"));
	CHECK(finds("machine h login u password \"q\\\"uote\"", "h", NULL,
	    "u", "q\"uote"));
	CHECK(finds("machine h login u password \"back\\\\slash\"", "h",
	    NULL, "u", "back\\slash"));
	CHECK(finds("machine h login u password \"\\n\\r\\t\\x\\\\\"", "h",
	    NULL, "u", "\n\r\tx\\"));
	CHECK(finds("machine \"h\" \"login\" u \"password\" \"\"", "h", NULL,
	    "u", ""));
	CHECK(finds("machine h login u password \"\"", "h", NULL, "u", ""));
	/* A quote inside an unquoted token is a character. */
	CHECK(finds("machine h login u password a\"b", "h", NULL, "u",
	    "a\"b"));
	/* '#' after the start of a line is a character too. */
	CHECK(finds("machine h login u password p#ss # not a comment", "h",
	    NULL, "u", "p#ss"));
	/* A quoted token may touch the next one. */
	CHECK(finds("machine h login \"u\"password p", "h", NULL, "u", "p"));
	/* Unterminated: a syntax error, even across lines. */
	CHECK(lookup("machine h login u password \"abc", "h", NULL) ==
	    NETRC_SYNTAX);
	CHECK(lookup("machine h login u password \"abc\ndef\"", "h", NULL) ==
	    NETRC_SYNTAX);
	CHECK(lookup("machine h login u password \"abc\\", "h", NULL) ==
	    NETRC_SYNTAX);
	CHECK(lookup("machine h login u password \"abc\\\n\"", "h", NULL) ==
	    NETRC_SYNTAX);
	/* Even in an entry that is not ours: the file is broken. */
	CHECK(lookup("machine x password \"open\nmachine h login u password "
	    "p\n", "h", NULL) == NETRC_SYNTAX);
	/* But a complete entry before the break is found first. */
	CHECK(finds("machine h login u password p\nmachine x password "
	    "\"open\n", "h", NULL, "u", "p"));
}

static void
test_macdef(void)
{
	/* A macro body, up to a blank line, holds no tokens. */
	CHECK(finds("macdef init\nmachine h login evil password evil\n\n"
	    "machine h login u password p\n", "h", NULL, "u", "p"));
	CHECK(finds("macdef init\ncd /pub\nput x\n \t \nmachine h login u "
	    "password p\n", "h", NULL, "u", "p"));
	CHECK(finds("macdef init\ncd /pub\r\n\r\nmachine h login u password "
	    "p\n", "h", NULL, "u", "p"));
	/* Inside a machine's entry, too (curl reads the body as tokens). */
	CHECK(finds("machine h login u\nmacdef m\npassword evil\n\n"
	    "password p\n", "h", NULL, "u", "p"));
	/* An empty body; "macdef" as the line's last token. */
	CHECK(finds("macdef\n\nmachine h login u password p", "h", NULL, "u",
	    "p"));
	/* No blank line: the rest of the file is the macro. */
	CHECK(finds("macdef init\nmachine h login u password p", "h", NULL,
	    NULL, NULL));
	/* "macdef" as a value is a value. */
	CHECK(finds("machine h login macdef password p", "h", NULL, "macdef",
	    "p"));
	/* Quotes in a macro body do not count. */
	CHECK(finds("macdef m\necho \"unterminated\n\nmachine h login u "
	    "password p", "h", NULL, "u", "p"));
}

static void
test_comments(void)
{
	CHECK(finds("# machine h login x password y\nmachine h login u "
	    "password p\n", "h", NULL, "u", "p"));
	CHECK(finds("   \t# indented comment machine h\nmachine h login u "
	    "password p\n", "h", NULL, "u", "p"));
	/* A comment line between an entry's tokens. */
	CHECK(finds("machine h login u\n# password wrong\npassword p\n", "h",
	    NULL, "u", "p"));
	/* A comment line does not end a macro. */
	CHECK(finds("macdef m\n# c\nmachine h login evil password evil\n\n"
	    "machine h login u password p\n", "h", NULL, "u", "p"));
	/* Only comments. */
	CHECK(finds("# one\n#two\n", "h", NULL, NULL, NULL));
	CHECK(finds("", "h", NULL, NULL, NULL));
	CHECK(finds("\n\n\n", "h", NULL, NULL, NULL));
}

static void
test_files(void)
{
	char		*login = (char *)1, *password = (char *)1, *path;
	const char	*text;

	/* A missing file and a directory: NO_FILE, distinct from the rest. */
	CHECK(netrc_lookup("/nonexistent/netrc", "h", NULL, &login,
	    &password) == NETRC_NO_FILE);
	CHECK(login == NULL && password == NULL);
	CHECK(netrc_lookup("/etc/passwd/netrc", "h", NULL, &login,
	    &password) == NETRC_NO_FILE);
	CHECK(netrc_lookup(tmpdir, "h", NULL, &login, &password) ==
	    NETRC_NO_FILE);
	/* A file we may not read (as root everything is readable). */
	text = "machine h login u password p\n";
	path = tmp_file(tmpdir, "private", text, strlen(text));
	CHECK(chmod(path, 0) == 0);
	if (geteuid() != 0) {
		errno = 0;
		CHECK(netrc_lookup(path, "h", NULL, &login, &password) ==
		    NETRC_READ_ERROR && errno == EACCES);
	}
	unlink(path);
	free(path);
	/* /dev/null is an empty file. */
	CHECK(netrc_lookup("/dev/null", "h", NULL, &login, &password) ==
	    NETRC_NOT_FOUND);
}

static void
test_hostile(void)
{
	char		*big, *text, *path, *login, *password;
	size_t		 n, i;
	static const char	 nul[] =
	    "machine h login u password p\0ssword\n";
	static const char	 nul2[] =
	    "machine x login a password b\n\0\nmachine h login u password p\n";

	/* A NUL byte anywhere: syntax error, never a truncated password. */
	path = tmp_file(tmpdir, "nul", nul, sizeof(nul) - 1);
	CHECK(netrc_lookup(path, "h", NULL, &login, &password) ==
	    NETRC_SYNTAX);
	CHECK(login == NULL && password == NULL);
	unlink(path);
	free(path);
	path = tmp_file(tmpdir, "nul2", nul2, sizeof(nul2) - 1);
	CHECK(netrc_lookup(path, "h", NULL, &login, &password) ==
	    NETRC_SYNTAX);
	unlink(path);
	free(path);

	/* Tokens: NETRC_MAX_TOKEN bytes are fine, one more is not. */
	big = repeat('t', NETRC_MAX_TOKEN);
	if (asprintf(&text, "machine h login u password %s\n", big) == -1)
		abort();
	CHECK(finds(text, "h", NULL, "u", big));
	free(text);
	if (asprintf(&text, "machine h login u password \"%s\"\n", big) == -1)
		abort();
	CHECK(finds(text, "h", NULL, "u", big));
	free(text);
	if (asprintf(&text, "machine h login u password %sx\n", big) == -1)
		abort();
	CHECK(lookup(text, "h", NULL) == NETRC_SYNTAX);
	free(text);
	if (asprintf(&text, "machine h login u password \"%sx\"\n", big) ==
	    -1)
		abort();
	CHECK(lookup(text, "h", NULL) == NETRC_SYNTAX);
	free(text);
	/* Escapes count once. */
	free(big);
	big = repeat('t', NETRC_MAX_TOKEN - 1);
	if (asprintf(&text, "machine h login u password \"%s\\n\"\n", big) ==
	    -1)
		abort();
	CHECK(lookup(text, "h", NULL) == NETRC_FOUND);
	free(text);
	free(big);

	/* Lines: NETRC_MAX_LINE bytes are fine, one more is not. */
	n = NETRC_MAX_LINE - strlen("machine h login u password ");
	big = repeat(' ', n);
	big[n - 1] = 'p';
	if (asprintf(&text, "machine h login u password %s\n", big) == -1)
		abort();
	CHECK(strlen(text) == NETRC_MAX_LINE + 1);
	CHECK(finds(text, "h", NULL, "u", "p"));
	free(text);
	if (asprintf(&text, "machine h login u password %s \n", big) == -1)
		abort();
	CHECK(lookup(text, "h", NULL) == NETRC_SYNTAX);
	free(text);
	free(big);
	/* A long comment line is still a long line (curl too). */
	big = repeat('#', NETRC_MAX_LINE + 1);
	if (asprintf(&text, "%s\nmachine h login u password p\n", big) == -1)
		abort();
	CHECK(lookup(text, "h", NULL) == NETRC_SYNTAX);
	free(text);
	big[NETRC_MAX_LINE] = '\0';
	if (asprintf(&text, "%s\nmachine h login u password p\n", big) == -1)
		abort();
	CHECK(finds(text, "h", NULL, "u", "p"));
	free(text);
	free(big);

	/* 16 MiB with no newline: refused at the line limit, fast. */
	n = 16 << 20;
	big = repeat('a', n);
	path = tmp_file(tmpdir, "huge", big, n);
	CHECK(netrc_lookup(path, "h", NULL, &login, &password) ==
	    NETRC_SYNTAX);
	unlink(path);
	free(path);
	free(big);

	/* The file: NETRC_MAX_FILE bytes of entries, one more is not. */
	n = NETRC_MAX_FILE / 64;
	if ((big = malloc(NETRC_MAX_FILE + 64)) == NULL)
		abort();
	text = big;
	for (i = 0; i < n - 1; i++)
		text += sprintf(text, "machine host%05zu login u password "
		    "p%024zu\n", i, i);
	text += sprintf(text, "machine h login u password p");
	memset(text, ' ', NETRC_MAX_FILE - 1 - (size_t)(text - big));
	big[NETRC_MAX_FILE - 1] = '\n';
	big[NETRC_MAX_FILE] = '\0';
	CHECK(strlen(big) == NETRC_MAX_FILE);
	CHECK(lookup(big, "h", NULL) == NETRC_FOUND);
	CHECK(lookup(big, "host00007", NULL) == NETRC_FOUND);
	big[NETRC_MAX_FILE] = 'x';
	big[NETRC_MAX_FILE + 1] = '\0';
	CHECK(lookup(big, "host00007", NULL) == NETRC_SYNTAX);
	/* Comment lines do not count toward the limit. */
	free(big);
	n = 3 * NETRC_MAX_FILE;
	if ((big = malloc(n + 64)) == NULL)
		abort();
	for (i = 0; i + 100 < n; i += 100) {
		memset(big + i, 'c', 99);
		big[i] = '#';
		big[i + 99] = '\n';
	}
	strcpy(big + i, "machine h login u password p\n");
	CHECK(finds(big, "h", NULL, "u", "p"));
	free(big);
}

static void
test_default_path(void)
{
	char	*path, *login, *password, *file;
	char	*home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char	*netrc = getenv("NETRC") ? strdup(getenv("NETRC")) : NULL;

	setenv("NETRC", "/some/where/netrc", 1);
	CHECK(netrc_default_path(&path) == NETRC_FOUND &&
	    strcmp(path, "/some/where/netrc") == 0);
	free(path);
	/* An empty NETRC counts as unset, as in curl. */
	setenv("NETRC", "", 1);
	setenv("HOME", "/home/someone", 1);
	CHECK(netrc_default_path(&path) == NETRC_FOUND &&
	    strcmp(path, "/home/someone/.netrc") == 0);
	free(path);
	unsetenv("NETRC");
	CHECK(netrc_default_path(&path) == NETRC_FOUND &&
	    strcmp(path, "/home/someone/.netrc") == 0);
	free(path);
	/* No HOME: the password database's home. */
	unsetenv("HOME");
	CHECK(netrc_default_path(&path) == NETRC_FOUND && path != NULL &&
	    strstr(path, "/.netrc") != NULL);
	free(path);
	setenv("HOME", "", 1);
	CHECK(netrc_default_path(&path) == NETRC_FOUND && path != NULL &&
	    strcmp(path, "/.netrc") != 0);
	free(path);

	/* netrc_lookup(NULL, ...) reads it. */
	file = tmp_file(tmpdir, "default", "machine h login u password p\n",
	    strlen("machine h login u password p\n"));
	setenv("NETRC", file, 1);
	CHECK(netrc_lookup(NULL, "h", NULL, &login, &password) ==
	    NETRC_FOUND && strcmp(login, "u") == 0 &&
	    strcmp(password, "p") == 0);
	netrc_free(login);
	netrc_free(password);
	setenv("NETRC", tmpdir, 1);
	setenv("HOME", tmpdir, 1);
	CHECK(netrc_lookup(NULL, "h", NULL, &login, &password) ==
	    NETRC_NO_FILE);
	unsetenv("NETRC");
	/* $HOME/.netrc */
	unlink(file);
	free(file);
	file = tmp_file(tmpdir, ".netrc", "default login anon password x\n",
	    strlen("default login anon password x\n"));
	CHECK(netrc_lookup(NULL, "h", NULL, &login, &password) ==
	    NETRC_FOUND && strcmp(login, "anon") == 0);
	netrc_free(login);
	netrc_free(password);
	unlink(file);
	free(file);
	CHECK(netrc_lookup(NULL, "h", NULL, &login, &password) ==
	    NETRC_NO_FILE);

	if (home != NULL)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	if (netrc != NULL)
		setenv("NETRC", netrc, 1);
	free(home);
	free(netrc);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_basic();
	test_user();
	test_default();
	test_quoting();
	test_macdef();
	test_comments();
	test_files();
	test_hostile();
	test_default_path();
	if (rmdir(tmpdir) == -1)
		printf("# could not remove %s\n", tmpdir);
	return check_done("t_netrc");
}
