/*
 * Unit tests for cmd/userheaders.c: -H parsed as curl 7.88 reads it
 * (Curl_add_custom_headers, Curl_checkheaders): "Name: value",
 * "Name:" (remove ours), "Name;" (send empty), "Name; more" (remove),
 * lines that are no header, CR LF endings, -H @file, and the lookup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/userheaders.h"
#include "check.h"

static int	 parse1(const char *, struct headers *);
static int	 is(const struct headers *, size_t, const char *,
		    const char *);
static void	 test_forms(void);
static void	 test_not_headers(void);
static void	 test_find(void);
static void	 test_file(void);

/* Parses the one -H argument arg. */
static int
parse1(const char *arg, struct headers *h)
{
	struct strlist	 l;
	char		*v[1];

	v[0] = (char *)arg;
	l.v = v;
	l.n = 1;
	return headers_parse(&l, h);
}

/* Header i is name with value (NULL: a removal). */
static int
is(const struct headers *h, size_t i, const char *name, const char *value)
{
	if (i >= h->n || strcmp(h->v[i].name, name) != 0)
		return 0;
	if (value == NULL)
		return h->v[i].value == NULL;
	return h->v[i].value != NULL && strcmp(h->v[i].value, value) == 0;
}

static void
test_forms(void)
{
	struct headers	 h;

	CHECK(parse1("X-A: 1", &h) == 0 && h.n == 1 && is(&h, 0, "X-A", "1"));
	headers_free(&h);
	/* Blanks after the colon go; the rest of the value is kept. */
	CHECK(parse1("X-A:\t  a b  ", &h) == 0 && is(&h, 0, "X-A", "a b  "));
	headers_free(&h);
	CHECK(parse1("X-A:no-blank", &h) == 0 &&
	    is(&h, 0, "X-A", "no-blank"));
	headers_free(&h);
	/* Only the first colon splits. */
	CHECK(parse1("X-Url: http://h:80/", &h) == 0 &&
	    is(&h, 0, "X-Url", "http://h:80/"));
	headers_free(&h);
	/* "Name:" and "Name:   ": remove ours. */
	CHECK(parse1("Accept:", &h) == 0 && h.n == 1 &&
	    is(&h, 0, "Accept", NULL));
	headers_free(&h);
	CHECK(parse1("Accept: \t ", &h) == 0 && is(&h, 0, "Accept", NULL));
	headers_free(&h);
	/* "Name;": sent with an empty value. */
	CHECK(parse1("X-Empty;", &h) == 0 && h.n == 1 &&
	    is(&h, 0, "X-Empty", ""));
	headers_free(&h);
	/* "Name; " and "Name; more": curl sends nothing, and its own
	 * header of that name is gone too (a removal). */
	CHECK(parse1("User-Agent; ", &h) == 0 && h.n == 1 &&
	    is(&h, 0, "User-Agent", NULL));
	headers_free(&h);
	CHECK(parse1("User-Agent; x", &h) == 0 &&
	    is(&h, 0, "User-Agent", NULL));
	headers_free(&h);
	/* A colon anywhere wins over a semicolon: the name is what comes
	 * before it (libhttpc refuses it if it is no token). */
	CHECK(parse1("X;a: b", &h) == 0 && is(&h, 0, "X;a", "b"));
	headers_free(&h);
	CHECK(parse1("X-A: a;b", &h) == 0 && is(&h, 0, "X-A", "a;b"));
	headers_free(&h);
	/* A CR LF or LF at the end (from a file) is no part of it. */
	CHECK(parse1("X-A: 1\r\n", &h) == 0 && is(&h, 0, "X-A", "1"));
	headers_free(&h);
	CHECK(parse1("X-Empty;\r\n", &h) == 0 && is(&h, 0, "X-Empty", ""));
	headers_free(&h);
	CHECK(parse1("Accept:\n", &h) == 0 && is(&h, 0, "Accept", NULL));
	headers_free(&h);
	/* CR, LF and NUL inside are left for libhttpc to refuse. */
	CHECK(parse1("X-A: a\r\nX-Injected: 1", &h) == 0 && h.n == 1 &&
	    is(&h, 0, "X-A", "a\r\nX-Injected: 1"));
	headers_free(&h);
}

static void
test_not_headers(void)
{
	struct headers	 h;

	CHECK(parse1("", &h) == 0 && h.n == 0);
	headers_free(&h);
	CHECK(parse1("no colon at all", &h) == 0 && h.n == 0);
	headers_free(&h);
	CHECK(parse1(": no name", &h) == 0 && h.n == 0);
	headers_free(&h);
	CHECK(parse1(":", &h) == 0 && h.n == 0);
	headers_free(&h);
	CHECK(parse1(";", &h) == 0 && h.n == 0);
	headers_free(&h);
	CHECK(parse1("; x", &h) == 0 && h.n == 0);
	headers_free(&h);
	CHECK(parse1("\r\n", &h) == 0 && h.n == 0);
	headers_free(&h);
}

static void
test_find(void)
{
	struct headers		 h;
	const struct header	*x;
	struct strlist		 l;
	char			*v[] = { "X-A: 1", "x-a: 2", "Accept:",
				    "X-B;" };

	l.v = v;
	l.n = 4;
	CHECK(headers_parse(&l, &h) == 0 && h.n == 4);
	/* The last of a name, whatever its case. */
	CHECK((x = headers_find(&h, "X-A")) != NULL &&
	    strcmp(x->value, "2") == 0 && strcmp(x->name, "x-a") == 0);
	CHECK((x = headers_find(&h, "ACCEPT")) != NULL && x->value == NULL);
	CHECK((x = headers_find(&h, "x-b")) != NULL &&
	    strcmp(x->value, "") == 0);
	CHECK(headers_find(&h, "X") == NULL);
	CHECK(headers_find(&h, "X-A-") == NULL);
	CHECK(headers_add(&h, "X-C: junk", 3, "v") == 0 && h.n == 5 &&
	    is(&h, 4, "X-C", "v"));
	CHECK(headers_add(&h, "X-D", 3, NULL) == 0 && is(&h, 5, "X-D", NULL));
	headers_free(&h);
	CHECK(h.n == 0 && h.v == NULL);
	/* Freeing twice, or an empty list, is fine. */
	headers_free(&h);
}

static void
test_file(void)
{
	char		 path[] = "/tmp/t_userheaders.XXXXXX", arg[64];
	const char	 text[] = "X-One: 1\r\nX-Two: 2\n\nnot a header\n"
			    "Accept:\r\nX-Empty;\nX-Last: 3";
	struct headers	 h;
	int		 fd;

	if ((fd = mkstemp(path)) == -1 ||
	    write(fd, text, sizeof(text) - 1) != (ssize_t)sizeof(text) - 1)
		abort();
	close(fd);
	snprintf(arg, sizeof(arg), "@%s", path);
	CHECK(parse1(arg, &h) == 0 && h.n == 5);
	CHECK(is(&h, 0, "X-One", "1"));
	CHECK(is(&h, 1, "X-Two", "2"));
	CHECK(is(&h, 2, "Accept", NULL));
	CHECK(is(&h, 3, "X-Empty", ""));
	CHECK(is(&h, 4, "X-Last", "3"));
	headers_free(&h);
	unlink(path);
	/* A missing file: exit 26, the message printed. */
	CHECK(parse1("@/nonexistent/t_userheaders", &h) == 26);
	headers_free(&h);
}

/*
 * A NUL in a line of an @file would cut the value short without a word
 * (what follows it never sent, the header sent truncated): refused, exit
 * 43, whatever line it is on (hostile.bats sends nothing then).
 */
static void
test_file_nul(void)
{
#define TEXT(s)	{ s, sizeof(s) - 1 }
	static const struct {
		const char	*s;
		size_t		 len;
	} texts[] = {
		TEXT("X-A: a\0Evil: 1\n"),
		TEXT("X-One: 1\nX-A\0: b\n"),
		TEXT("X-One: 1\n\0\n"),
		TEXT("X-A: a\r\n\0"),
	};
#undef TEXT
	char		 path[] = "/tmp/t_userheaders.XXXXXX", arg[64];
	struct headers	 h;
	size_t		 i;
	int		 fd;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if ((fd = mkstemp(path)) == -1 ||
		    write(fd, texts[i].s, texts[i].len) !=
		    (ssize_t)texts[i].len)
			abort();
		close(fd);
		snprintf(arg, sizeof(arg), "@%s", path);
		CHECK(parse1(arg, &h) == 43);
		headers_free(&h);
		unlink(path);
		strlcpy(path, "/tmp/t_userheaders.XXXXXX", sizeof(path));
	}
}

int
main(void)
{
	test_forms();
	test_not_headers();
	test_find();
	test_file();
	test_file_nul();
	return check_done("t_userheaders");
}
