/*
 * Unit tests for cmd/data.c: the request body of -d, --data-ascii,
 * --data-binary, --data-raw, --data-urlencode (all five forms) and
 * --json as curl 7.88 builds it, and the URL of -G and --url-query.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/data.h"
#include "check.h"
#include "tmpfile.h"

static char	 tmpdir[] = "/tmp/t_data.XXXXXX";

static int	 body_is(const struct data_arg *, size_t, const char *,
		    size_t);
static int	 one(enum data_kind, const char *, const char *);
static int	 url_is(const char *, const char *const *, size_t, int,
		    const char *, const char *);
static void	 test_urlencode(void);
static void	 test_kinds(void);
static void	 test_join(void);
static void	 test_stdin(void);
static void	 test_url(void);
static void	 test_slurp(void);


/* The n pieces d make the body want (wantlen bytes). */
static int
body_is(const struct data_arg *d, size_t n, const char *want, size_t wantlen)
{
	struct config	 cfg;
	char		*body;
	size_t		 len;
	int		 ok;

	memset(&cfg, 0, sizeof(cfg));
	cfg.data = (struct data_arg *)d;
	cfg.ndata = n;
	if (data_build(&cfg, &body, &len) != 0)
		return 0;
	ok = body != NULL && len == wantlen && memcmp(body, want, len) == 0 &&
	    body[len] == '\0';
	if (!ok)
		printf("# body \"%.*s\" (%zu), want \"%s\"\n", (int)len,
		    body != NULL ? body : "", len, want);
	free(body);
	return ok;
}

/* One piece of kind with arg makes want. */
static int
one(enum data_kind kind, const char *arg, const char *want)
{
	struct data_arg	 d;

	d.kind = kind;
	d.arg = arg;
	return body_is(&d, 1, want, strlen(want));
}

static void
test_urlencode(void)
{
	char	*f, *arg;

	/* content: all of it encoded, a space as '+'. */
	CHECK(one(DATA_URLENCODE, "a b&c", "a+b%26c"));
	CHECK(one(DATA_URLENCODE, "hello world", "hello+world"));
	/* Only ALPHA DIGIT - . _ ~ stay as they are. */
	CHECK(one(DATA_URLENCODE, "AZaz09-._~", "AZaz09-._~"));
	CHECK(one(DATA_URLENCODE, "+/?#%\"'<>", "%2B%2F%3F%23%25%22%27%3C%3E"));
	CHECK(one(DATA_URLENCODE, "\xc3\xa9\t\r\n", "%C3%A9%09%0D%0A"));
	/* =content: the '=' goes, the rest is encoded, '=' included. */
	CHECK(one(DATA_URLENCODE, "=a b", "a+b"));
	CHECK(one(DATA_URLENCODE, "==x", "%3Dx"));
	CHECK(one(DATA_URLENCODE, "=", ""));
	/* name=content: the name as given (already encoded), the content
	 * encoded; the first '=' splits. */
	CHECK(one(DATA_URLENCODE, "name=a b", "name=a+b"));
	CHECK(one(DATA_URLENCODE, "n%20m=a=b", "n%20m=a%3Db"));
	CHECK(one(DATA_URLENCODE, "n m=x", "n m=x"));
	CHECK(one(DATA_URLENCODE, "a@b=c@d", "a@b=c%40d"));
	/* @file: the file's content encoded, newlines kept (as %0A). */
	f = tmp_file(tmpdir, "u.txt", "line 1\nline&2\r\n", 15);
	if (asprintf(&arg, "@%s", f) == -1)
		abort();
	CHECK(one(DATA_URLENCODE, arg, "line+1%0Aline%262%0D%0A"));
	free(arg);
	/* name@file: name=, then the file's content encoded. */
	if (asprintf(&arg, "msg@%s", f) == -1)
		abort();
	CHECK(one(DATA_URLENCODE, arg, "msg=line+1%0Aline%262%0D%0A"));
	free(arg);
	free(f);
	/* A file with a NUL: all its bytes. */
	f = tmp_file(tmpdir, "nul.bin", "a\0b", 3);
	if (asprintf(&arg, "n@%s", f) == -1)
		abort();
	CHECK(one(DATA_URLENCODE, arg, "n=a%00b"));
	free(arg);
	free(f);
	/* An empty file: the name and '=' only. */
	f = tmp_file(tmpdir, "empty.txt", "", 0);
	if (asprintf(&arg, "n@%s", f) == -1)
		abort();
	CHECK(one(DATA_URLENCODE, arg, "n="));
	free(arg);
	free(f);
	/* An empty piece. */
	CHECK(one(DATA_URLENCODE, "", ""));
}

static void
test_kinds(void)
{
	char	*f, *arg;

	/* -d: as given; @file read with CR, LF (and what follows a CR or
	 * NUL on its line) dropped. */
	CHECK(one(DATA_ASCII, "a=1 b", "a=1 b"));
	f = tmp_file(tmpdir, "d.txt", "one\r\ntwo\nthree\0gone\nfour", 24);
	if (asprintf(&arg, "@%s", f) == -1)
		abort();
	CHECK(one(DATA_ASCII, arg, "onetwothreefour"));
	/* --data-binary: the bytes as they are. */
	{
		struct data_arg	 d = { DATA_BINARY, arg };

		CHECK(body_is(&d, 1, "one\r\ntwo\nthree\0gone\nfour", 24));
	}
	/* --json: as --data-binary. */
	{
		struct data_arg	 d = { DATA_JSON, arg };

		CHECK(body_is(&d, 1, "one\r\ntwo\nthree\0gone\nfour", 24));
	}
	/* --data-raw: '@' means nothing. */
	CHECK(one(DATA_RAW, arg, arg));
	CHECK(one(DATA_RAW, "@x", "@x"));
	free(arg);
	free(f);
	/* A missing file: exit 26, as DESIGN.md says (curl 7.88 warns and
	 * sends nothing). */
	{
		struct config	 cfg;
		struct data_arg	 d = { DATA_ASCII, "@/nonexistent/t_data" };
		char		*body;
		size_t		 len;

		memset(&cfg, 0, sizeof(cfg));
		cfg.data = &d;
		cfg.ndata = 1;
		CHECK(data_build(&cfg, &body, &len) == 26 && body == NULL);
		d.kind = DATA_URLENCODE;
		d.arg = "n@/nonexistent/t_data";
		CHECK(data_build(&cfg, &body, &len) == 26 && body == NULL);
	}
	/* No data: no body. */
	{
		struct config	 cfg;
		char		*body = (char *)1;
		size_t		 len = 1;

		memset(&cfg, 0, sizeof(cfg));
		CHECK(data_build(&cfg, &body, &len) == 0 && body == NULL &&
		    len == 0);
	}
}

static void
test_join(void)
{
	struct data_arg	 d[] = {
		{ DATA_ASCII, "a=1" },
		{ DATA_URLENCODE, "b=x y" },
		{ DATA_RAW, "@c" },
		{ DATA_BINARY, "" },
		{ DATA_ASCII, "d" },
	};
	struct data_arg	 j[] = {
		{ DATA_JSON, "{\"a\":" },
		{ DATA_JSON, "1}" },
		{ DATA_ASCII, "x" },
		{ DATA_JSON, "[]" },
	};

	/* '&' between pieces, an empty one too. */
	CHECK(body_is(d, 5, "a=1&b=x+y&@c&&d", 15));
	/* --json pieces next to each other: no separator. */
	CHECK(body_is(j, 2, "{\"a\":1}", 7));
	CHECK(body_is(j, 4, "{\"a\":1}&x&[]", 12));
}

static void
test_stdin(void)
{
	char	*f;
	int	 fd, save;

	/* "@-" and "name@-" read standard input. */
	f = tmp_file(tmpdir, "in.txt", "a b\n", 4);
	if ((save = dup(STDIN_FILENO)) == -1 ||
	    (fd = open(f, O_RDONLY)) == -1 || dup2(fd, STDIN_FILENO) == -1)
		abort();
	close(fd);
	CHECK(one(DATA_URLENCODE, "n@-", "n=a+b%0A"));
	if (dup2(save, STDIN_FILENO) == -1)
		abort();
	close(save);
	free(f);
}

/* The URL of u with queries (--url-query) and the body when get (-G). */
static int
url_is(const char *u, const char *const *queries, size_t nq, int get,
    const char *body, const char *want)
{
	struct config	 cfg;
	char		*out;
	int		 ok;

	memset(&cfg, 0, sizeof(cfg));
	cfg.url_queries.v = (char **)queries;
	cfg.url_queries.n = nq;
	cfg.get = get;
	if (data_url(&cfg, u, body, body != NULL ? strlen(body) : 0, &out) !=
	    0)
		return 0;
	ok = strcmp(out, want) == 0;
	if (!ok)
		printf("# url \"%s\", want \"%s\"\n", out, want);
	free(out);
	return ok;
}

static void
test_url(void)
{
	const char *const	 q[] = { "a=b c", "+x=y z", "=v" };

	CHECK(url_is("http://h/p", NULL, 0, 0, NULL, "http://h/p"));
	/* Without -G the body stays out of the URL. */
	CHECK(url_is("http://h/p", NULL, 0, 0, "a=1", "http://h/p"));
	CHECK(url_is("http://h/p", NULL, 0, 1, "a=1", "http://h/p?a=1"));
	CHECK(url_is("http://h/p?x", NULL, 0, 1, "a=1", "http://h/p?x&a=1"));
	/* Before any fragment. */
	CHECK(url_is("http://h/p#f", NULL, 0, 1, "a=1", "http://h/p?a=1#f"));
	CHECK(url_is("http://h/p?x#f?g", NULL, 0, 1, "a=1",
	    "http://h/p?x&a=1#f?g"));
	/* --url-query: --data-urlencode's forms, '+' for as it is. */
	CHECK(url_is("http://h/p", q, 1, 0, NULL, "http://h/p?a=b+c"));
	CHECK(url_is("http://h/p", q, 2, 0, NULL, "http://h/p?a=b+c&x=y z"));
	CHECK(url_is("http://h/p", q + 2, 1, 0, NULL, "http://h/p?v"));
	/* And with -G, the queries first. */
	CHECK(url_is("http://h/p", q, 1, 1, "d=1", "http://h/p?a=b+c&d=1"));
	/* An empty -G body adds nothing. */
	CHECK(url_is("http://h/p", NULL, 0, 1, "", "http://h/p"));
}

static void
test_slurp(void)
{
	char	*f, *data;
	size_t	 len;

	f = tmp_file(tmpdir, "s.bin", "x\0y\n", 4);
	CHECK(data_slurp(f, &data, &len) == 0 && len == 4 &&
	    memcmp(data, "x\0y\n", 5) == 0);
	free(data);
	free(f);
	f = tmp_file(tmpdir, "s0.bin", "", 0);
	CHECK(data_slurp(f, &data, &len) == 0 && len == 0 &&
	    data != NULL && data[0] == '\0');
	free(data);
	free(f);
	CHECK(data_slurp("/nonexistent/t_data", &data, &len) == -1);
}

int
main(void)
{
	char	 cmd[64];

	if (mkdtemp(tmpdir) == NULL)
		abort();
	test_urlencode();
	test_kinds();
	test_join();
	test_stdin();
	test_url();
	test_slurp();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return check_done("t_data");
}
