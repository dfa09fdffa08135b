/*
 * Unit tests for cmd/outname.c: the file names -O takes from a URL and
 * -J from a Content-Disposition value.  Whatever the server or the URL
 * says, a name never holds a directory part ('/', '\'), is never "." or
 * "..", never empty and never has a control byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpc.h"
#include "cmd/outname.h"
#include "check.h"

static int	 url_name(const char *, const char *);
static int	 path_name(const char *, const char *);
static int	 cd_name(const char *, const char *);
static int	 joined(const char *, const char *, const char *);
static void	 test_url(void);
static void	 test_disposition(void);
static void	 test_join(void);

/* -O on the URL u names the file want. */
static int
url_name(const char *u, const char *want)
{
	struct httpc_url	*url;
	char			*name;
	int			 ok;

	if (httpc_url_parse(u, HTTPC_URL_DEFAULT_SCHEME | HTTPC_URL_PATH_AS_IS,
	    &url, NULL) != HTTPC_OK)
		return 0;
	ok = outname_url(url, &name) == 0 && strcmp(name, want) == 0;
	if (!ok)
		printf("# -O %s: \"%s\", want \"%s\"\n", u, name, want);
	free(name);
	httpc_url_free(url);
	return ok;
}

/* The same for a path no URL parser would let through. */
static int
path_name(const char *path, const char *want)
{
	struct httpc_url	 url;
	char			*name;
	int			 ok;

	memset(&url, 0, sizeof(url));
	url.path = (char *)path;
	ok = outname_url(&url, &name) == 0 && strcmp(name, want) == 0;
	if (!ok)
		printf("# -O path %s: \"%s\", want \"%s\"\n", path, name,
		    want);
	free(name);
	return ok;
}

/* -J on the value v names the file want (NULL: no name). */
static int
cd_name(const char *v, const char *want)
{
	char	*name;
	int	 ok;

	if (outname_disposition(v, &name) == -1)
		return 0;
	ok = want == NULL ? name == NULL : name != NULL &&
	    strcmp(name, want) == 0;
	if (!ok)
		printf("# -J %s: \"%s\", want \"%s\"\n", v,
		    name != NULL ? name : "(none)", want != NULL ? want :
		    "(none)");
	free(name);
	return ok;
}

static int
joined(const char *dir, const char *name, const char *want)
{
	char	*path;
	int	 ok;

	if (outname_join(dir, name, &path) == -1)
		return 0;
	ok = strcmp(path, want) == 0;
	free(path);
	return ok;
}

static void
test_url(void)
{
	CHECK(url_name("http://h/a/b/report.pdf", "report.pdf"));
	CHECK(url_name("http://h/report.pdf?x=1#frag", "report.pdf"));
	/* Not decoded: %2F stays three characters, no directory. */
	CHECK(url_name("http://h/a/b%2Fc.txt", "b%2Fc.txt"));
	CHECK(url_name("http://h/a/%2E%2E", "%2E%2E"));
	CHECK(url_name("http://h/a%20b", "a%20b"));
	/* A trailing '/': the last directory's name. */
	CHECK(url_name("http://h/files/", "files"));
	CHECK(url_name("http://h/files//", "files"));
	/* Nothing usable: the default. */
	CHECK(url_name("http://h", "httpc_response"));
	CHECK(url_name("http://h/", "httpc_response"));
	CHECK(url_name("http://h/?q=1", "httpc_response"));
	/* --path-as-is keeps dot segments: still never "." or "..". */
	CHECK(url_name("http://h/a/..", "httpc_response"));
	CHECK(url_name("http://h/a/.", "httpc_response"));
	CHECK(url_name("http://h/a/../", "httpc_response"));
	CHECK(url_name("http://h/a/...", "..."));
	CHECK(url_name("http://h/.hidden", ".hidden"));
	/* Paths the URL parser keeps from us. */
	CHECK(path_name(NULL, "httpc_response"));
	CHECK(path_name("", "httpc_response"));
	CHECK(path_name("/dir\\evil.txt", "evil.txt"));
	CHECK(path_name("/a\\..\\b", "b"));
	CHECK(path_name("/a\\", "httpc_response"));
	CHECK(path_name("/a\\..", "httpc_response"));
	CHECK(path_name("/a/x\001y", "httpc_response"));
	CHECK(path_name("/a/x\177", "httpc_response"));
}

static void
test_disposition(void)
{
	CHECK(cd_name("attachment; filename=\"report.pdf\"", "report.pdf"));
	CHECK(cd_name("attachment; filename=report.pdf", "report.pdf"));
	CHECK(cd_name("attachment; filename=report.pdf; size=3",
	    "report.pdf"));
	CHECK(cd_name("attachment; filename=report.pdf  \r\n", "report.pdf"));
	CHECK(cd_name("attachment;filename=a.txt", "a.txt"));
	CHECK(cd_name("attachment; FileName=a.txt", "a.txt"));
	CHECK(cd_name("filename=a.txt", "a.txt"));
	/* curl also reads a name in single quotes. */
	CHECK(cd_name("attachment; filename='a b.txt'", "a b.txt"));
	CHECK(cd_name("attachment; filename=\"a;b.txt\"", "a;b.txt"));
	/* Not a parameter of its own. */
	CHECK(cd_name("attachment; xfilename=a.txt", NULL));
	CHECK(cd_name("attachment; name=a.txt", NULL));
	CHECK(cd_name("attachment", NULL));
	CHECK(cd_name("", NULL));
	/* An unterminated quote: nothing. */
	CHECK(cd_name("attachment; filename=\"a.txt", NULL));
	/* Only the last part of a path, '/' or '\'. */
	CHECK(cd_name("attachment; filename=\"../../etc/passwd\"", "passwd"));
	CHECK(cd_name("attachment; filename=\"/etc/passwd\"", "passwd"));
	CHECK(cd_name("attachment; filename=\"..\\\\..\\\\boot.ini\"",
	    "boot.ini"));
	CHECK(cd_name("attachment; filename=\"C:\\\\x\\\\y.txt\"", "y.txt"));
	CHECK(cd_name("attachment; filename=\"a/b\\\\c/d.txt\"", "d.txt"));
	/* %2F is not decoded: it is no directory. */
	CHECK(cd_name("attachment; filename=\"..%2F..%2Fx\"", "..%2F..%2Fx"));
	/* Unusable names: none. */
	CHECK(cd_name("attachment; filename=\"\"", NULL));
	CHECK(cd_name("attachment; filename=", NULL));
	CHECK(cd_name("attachment; filename=\"..\"", NULL));
	CHECK(cd_name("attachment; filename=\".\"", NULL));
	CHECK(cd_name("attachment; filename=\"dir/\"", NULL));
	CHECK(cd_name("attachment; filename=\"dir/..\"", NULL));
	CHECK(cd_name("attachment; filename=\"a\\\\\"", NULL));
	CHECK(cd_name("attachment; filename=\"a\tb\"", NULL));
	CHECK(cd_name("attachment; filename=\"a\033[31mb\"", NULL));
	CHECK(cd_name("attachment; filename=\"a\177\"", NULL));
	/* The first filename= counts. */
	CHECK(cd_name("attachment; filename=a.txt; filename=b.txt",
	    "a.txt"));
}

static void
test_join(void)
{
	CHECK(joined(NULL, "a.txt", "a.txt"));
	CHECK(joined("out", "a.txt", "out/a.txt"));
	CHECK(joined("out/", "a.txt", "out/a.txt"));
	CHECK(joined("/", "a.txt", "/a.txt"));
	CHECK(joined("", "a.txt", "a.txt"));
}

int
main(void)
{
	test_url();
	test_disposition();
	test_join();
	return check_done("t_outname");
}
