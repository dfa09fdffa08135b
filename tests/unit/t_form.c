/*
 * Unit tests for cmd/form.c: bodies compared with what curl 7.88.1 sent
 * for the same -F arguments (captured from a listener, the boundary
 * replaced by "B"), errors and warnings as curl gives them, and the
 * streaming: files read while the body is produced, rewinds, pipes.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd/form.h"

/* The warnings a form gave, one per line. */
static char	 warnings[8192];

static void	 warn(void *, const char *);
static void	 put_file(const char *, const void *, size_t);
static void	 put_str(const char *, const char *);
static int	 contains(const char *, size_t, const char *);
static char	*read_body(struct form *, size_t, size_t *, enum form_err *);
static char	*normalize(const struct form *, const char *, size_t, size_t *);
static struct form *build(const char *const *, size_t);
static int	 body_is(const char *const *, size_t, const char *, size_t);
static int	 head_is(const char *, int, const char *);
static void	 test_boundary(void);
static void	 test_curl_bodies(void);
static void	 test_types(void);
static void	 test_errors(void);
static void	 test_warnings(void);
static void	 test_header_file(void);
static void	 test_streaming(void);
static void	 test_rewind(void);
static void	 test_pipe(void);
static void	 test_stdin(void);
static void	 test_empty(void);

static void
warn(void *arg, const char *msg)
{
	(void)arg;
	strlcat(warnings, msg, sizeof(warnings));
	strlcat(warnings, "\n", sizeof(warnings));
}

static void
put_file(const char *path, const void *data, size_t len)
{
	FILE	*fp;

	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
}

static void
put_str(const char *path, const char *s)
{
	put_file(path, s, strlen(s));
}

/* 1 if s is somewhere in body[0..len). */
static int
contains(const char *body, size_t len, const char *s)
{
	return body != NULL && memmem(body, len, s, strlen(s)) != NULL;
}

/* The whole body read step bytes at a time; NULL on error (*ep). */
static char *
read_body(struct form *f, size_t step, size_t *lenp, enum form_err *ep)
{
	char		*body = NULL, *nb;
	size_t		 len = 0, n;
	enum form_err	 e;

	for (;;) {
		if ((nb = realloc(body, len + step)) == NULL)
			abort();
		body = nb;
		if ((e = form_read(f, body + len, step, &n)) != FORM_OK) {
			free(body);
			if (ep != NULL)
				*ep = e;
			return NULL;
		}
		if (n == 0)
			break;
		len += n;
	}
	/* At the end it stays at the end. */
	CHECK(form_read(f, body, step, &n) == FORM_OK && n == 0);
	*lenp = len;
	if (ep != NULL)
		*ep = FORM_OK;
	return body;
}

/* body with the form's boundary replaced by "B". */
static char *
normalize(const struct form *f, const char *body, size_t len, size_t *outlen)
{
	const char	*b = strchr(form_content_type(f), '=') + 1;
	size_t		 blen = strlen(b), i, o = 0;
	char		*out;

	if ((out = malloc(len + 1)) == NULL)
		abort();
	for (i = 0; i < len; ) {
		if (len - i >= blen && memcmp(body + i, b, blen) == 0) {
			out[o++] = 'B';
			i += blen;
		} else
			out[o++] = body[i++];
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* A form from argv-like pairs: "-F" or "--form-string", then the arg. */
static struct form *
build(const char *const *args, size_t nargs)
{
	struct form	*f;
	size_t		 i;

	if (form_new(&f, warn, NULL) != FORM_OK)
		abort();
	for (i = 0; i + 1 < nargs; i += 2)
		if (form_add(f, args[i + 1],
		    strcmp(args[i], "--form-string") == 0) != FORM_OK) {
			printf("# form_add(%s): %s\n", args[i + 1],
			    form_error(f));
			form_free(f);
			return NULL;
		}
	return f;
}

/*
 * 1 if the form gives want (boundary as "B") whatever the read size,
 * and form_size() announced its length.
 */
static int
body_is(const char *const *args, size_t nargs, const char *want,
    size_t wantlen)
{
	static const size_t	 steps[] = { 1, 2, 3, 7, 64, 4096, 100000 };
	struct form		*f;
	char			*body, *norm;
	size_t			 i, len, nlen;
	off_t			 size;
	int			 ok = 1;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && ok; i++) {
		if ((f = build(args, nargs)) == NULL)
			return 0;
		if (form_size(f, &size) != FORM_OK ||
		    (body = read_body(f, steps[i], &len, NULL)) == NULL) {
			printf("# %s\n", form_error(f));
			form_free(f);
			return 0;
		}
		norm = normalize(f, body, len, &nlen);
		ok = nlen == wantlen && memcmp(norm, want, nlen) == 0 &&
		    size == (off_t)len;
		if (!ok)
			printf("# step %zu: got %zu bytes (size %lld):\n%s\n",
			    steps[i], nlen, (long long)size, norm);
		free(norm);
		free(body);
		form_free(f);
	}
	return ok;
}

static void
test_boundary(void)
{
	struct form	*f, *g;
	const char	*ct, *b;
	size_t		 i;

	CHECK(form_new(&f, NULL, NULL) == FORM_OK);
	CHECK(form_new(&g, NULL, NULL) == FORM_OK);
	ct = form_content_type(f);
	CHECK(strncmp(ct, "multipart/form-data; boundary=", 30) == 0);
	b = ct + 30;
	/* curl 7.88: 24 dashes and 16 random lower-case hex digits. */
	CHECK(strlen(b) == 40);
	CHECK(strspn(b, "-") == 24);
	CHECK(strspn(b + 24, "0123456789abcdef") == 16);
	CHECK(strcmp(ct, form_content_type(g)) != 0);
	for (i = 0; i < 40; i++)
		if (b[i] == '\0')
			break;
	CHECK(i == 40);
	form_free(f);
	form_free(g);
	form_free(NULL);
}

/* Each expected body is what curl 7.88.1 sent for the same arguments. */
static void
test_curl_bodies(void)
{
	static const char *const a[] = {
		"-F", "a=1", "-F", "b=@a.txt", "-F", "c=<b.html",
		"-F", "d=@c.bin", "-F", "e=@noext", "-F", "g=<noext",
	};
	static const char want_a[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "1\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"b\"; filename=\"a.txt\"\r\n"
	    "Content-Type: text/plain\r\n"
	    "\r\n"
	    "hello\n"
	    "\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"c\"\r\n"
	    "Content-Type: text/html\r\n"
	    "\r\n"
	    "<p>x</p>\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"d\"; filename=\"c.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\000\001bin\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"e\"; filename=\"noext\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "noext\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"g\"\r\n"
	    "\r\n"
	    "noext\r\n"
	    "--B--\r\n";
	static const char *const b[] = {
		"-F", "a=@\"we\\\"ird;na,me.TXT\"", "-F", "q\"x=y",
		"-F", "n\r\nl=1", "-F", "=noname",
	};
	static const char want_b[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"a\"; "
	    "filename=\"we%22ird;na,me.TXT\"\r\n"
	    "Content-Type: text/plain\r\n"
	    "\r\n"
	    "hello\n"
	    "\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"q%22x\"\r\n"
	    "\r\n"
	    "y\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"n%0D%0Al\"\r\n"
	    "\r\n"
	    "1\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data\r\n"
	    "\r\n"
	    "noname\r\n"
	    "--B--\r\n";
	static const char *const c[] = {
		"-F", "a=v ;type=text/x-foo ; charset=utf-8;"
		    "filename= \"n a m e.html\" ",
		"-F", "b=@a.txt;type=image/png;headers=\"X-H: 1\";"
		    "headers=@hdrs",
		"-F", "c= \" quoted \\\" val \" x;type=a/b",
		"-F", "d=<a.txt;filename=zz.txt;type=q/r",
		"-F", "e=x;headers=Content-Type: my/type",
		"-F", "f=x;headers=Content-Disposition: inline",
		"-F", "g=x;bogus=1",
		"-F", "h=x;filename=y.txt",
	};
	static const char want_c[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"a\"; "
	    "filename=\"n a m e.html\"\r\n"
	    "Content-Type: text/x-foo ; charset=utf-8\r\n"
	    "\r\n"
	    "v\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"b\"; filename=\"a.txt\"\r\n"
	    "Content-Type: image/png\r\n"
	    "X-H: 1\r\n"
	    "X-One: 1\r\n"
	    "  folded\r\n"
	    "X-Two: 2\r\n"
	    "\r\n"
	    "hello\n"
	    "\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"c\"\r\n"
	    "Content-Type: a/b\r\n"
	    "\r\n"
	    " quoted \" val \r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"d\"\r\n"
	    "Content-Type: q/r\r\n"
	    "\r\n"
	    "hello\n"
	    "\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"e\"\r\n"
	    "Content-Type: my/type\r\n"
	    "\r\n"
	    "x\r\n"
	    "--B\r\n"
	    "Content-Disposition: inline\r\n"
	    "\r\n"
	    "x\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"g\"\r\n"
	    "\r\n"
	    "x\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"h\"; filename=\"y.txt\"\r\n"
	    "Content-Type: text/plain\r\n"
	    "\r\n"
	    "x\r\n"
	    "--B--\r\n";
	static const char *const d[] = {
		"--form-string", "a=@a.txt;type=x/y",
		"--form-string", "=)",
	};
	static const char want_d[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "@a.txt;type=x/y\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data\r\n"
	    "\r\n"
	    ")\r\n"
	    "--B--\r\n";
	static const char *const e[] = {
		"-F", "a=x;type=a/b;type=c/d",
		"-F", "b=x;TYPE=a/b;FileName=X.PDF",
		"-F", "c=  value  ",
		"-F", "d=\" value \"",
		"-F", "e=",
		"-F", "f=\"unterminated",
		"-F", "g=\"a\\b\\\\c\\\"d\"",
	};
	static const char want_e[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Type: a/b;type=c/d\r\n"
	    "\r\n"
	    "x\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"b\"; filename=\"X.PDF\"\r\n"
	    "Content-Type: a/b\r\n"
	    "\r\n"
	    "x\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"c\"\r\n"
	    "\r\n"
	    "value\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"d\"\r\n"
	    "\r\n"
	    " value \r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"e\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"f\"\r\n"
	    "\r\n"
	    "\"unterminated\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"g\"\r\n"
	    "\r\n"
	    "a\\b\\c\"d\r\n"
	    "--B--\r\n";

#define BODY_IS(args, want) \
	body_is(args, sizeof(args) / sizeof(args[0]), want, sizeof(want) - 1)
	CHECK(BODY_IS(a, want_a));
	CHECK(BODY_IS(b, want_b));
	CHECK(BODY_IS(c, want_c));
	CHECK(BODY_IS(d, want_d));
	CHECK(BODY_IS(e, want_e));
#undef BODY_IS
}

/* The head of the only part of a one-field form, boundary line cut. */
static int
head_is(const char *arg, int literal, const char *want)
{
	struct form	*f;
	char		*body, *norm, *end;
	size_t		 len, nlen;
	int		 ok = 0;

	if (form_new(&f, warn, NULL) != FORM_OK)
		return 0;
	if (form_add(f, arg, literal) != FORM_OK) {
		printf("# %s: %s\n", arg, form_error(f));
		form_free(f);
		return 0;
	}
	if ((body = read_body(f, 512, &len, NULL)) != NULL) {
		norm = normalize(f, body, len, &nlen);
		if ((end = strstr(norm, "\r\n\r\n")) != NULL) {
			end[2] = '\0';
			ok = strcmp(norm + 5, want) == 0;
			if (!ok)
				printf("# %s: head\n%s\n", arg, norm + 5);
		}
		free(norm);
		free(body);
	}
	form_free(f);
	return ok;
}

#define CD(x)	"Content-Disposition: form-data; " x "\r\n"
#define CT(x)	"Content-Type: " x "\r\n"

static void
test_types(void)
{
	/* The extensions curl knows, any case; the file's name first. */
	CHECK(head_is("f=@x.gif", 0, CD("name=\"f\"; filename=\"x.gif\"")
	    CT("image/gif")));
	CHECK(head_is("f=@x.JPG", 0, CD("name=\"f\"; filename=\"x.JPG\"")
	    CT("image/jpeg")));
	CHECK(head_is("f=@x.jpeg", 0, CD("name=\"f\"; filename=\"x.jpeg\"")
	    CT("image/jpeg")));
	CHECK(head_is("f=@x.png", 0, CD("name=\"f\"; filename=\"x.png\"")
	    CT("image/png")));
	CHECK(head_is("f=@x.svg", 0, CD("name=\"f\"; filename=\"x.svg\"")
	    CT("image/svg+xml")));
	CHECK(head_is("f=@x.htm", 0, CD("name=\"f\"; filename=\"x.htm\"")
	    CT("text/html")));
	CHECK(head_is("f=@x.pdf", 0, CD("name=\"f\"; filename=\"x.pdf\"")
	    CT("application/pdf")));
	CHECK(head_is("f=@x.xml", 0, CD("name=\"f\"; filename=\"x.xml\"")
	    CT("application/xml")));
	/* The sent name decides before the path does. */
	CHECK(head_is("f=@x.gif;filename=y.png", 0,
	    CD("name=\"f\"; filename=\"y.png\"") CT("image/png")));
	CHECK(head_is("f=@x.gif;filename=y", 0,
	    CD("name=\"f\"; filename=\"y\"") CT("image/gif")));
	CHECK(head_is("f=@noext;filename=y", 0,
	    CD("name=\"f\"; filename=\"y\"") CT("application/octet-stream")));
	/* A path keeps only its last component. */
	CHECK(head_is("f=@sub/deep.txt", 0,
	    CD("name=\"f\"; filename=\"deep.txt\"") CT("text/plain")));
	CHECK(head_is("f=@./sub/deep.txt", 0,
	    CD("name=\"f\"; filename=\"deep.txt\"") CT("text/plain")));
	/* "<file": no filename, a guess from the path, text/plain left out. */
	CHECK(head_is("f=<x.pdf", 0, CD("name=\"f\"") CT("application/pdf")));
	CHECK(head_is("f=<a.txt", 0, CD("name=\"f\"")));
	CHECK(head_is("f=<noext", 0, CD("name=\"f\"")));
	CHECK(head_is("f=<a.txt;type=text/plain", 0,
	    CD("name=\"f\"") CT("text/plain")));
	/* Values: a type only from ;filename= or ;type=. */
	CHECK(head_is("f=v;filename=a.txt", 0,
	    CD("name=\"f\"; filename=\"a.txt\"") CT("text/plain")));
	CHECK(head_is("f=v;filename=a", 0, CD("name=\"f\"; filename=\"a\"")));
	CHECK(head_is("f=v;type=text/plain", 0,
	    CD("name=\"f\"") CT("text/plain")));
	CHECK(head_is("f=v;filename=", 0, CD("name=\"f\"; filename=\"\"")));
	/* Quoted names are escaped the HTML way, nothing else touched. */
	CHECK(head_is("f=v;filename=\"a\rb\nc\\\"d%22e\"", 0,
	    CD("name=\"f\"; filename=\"a%0Db%0Ac%22d%22e\"")));
	CHECK(head_is("\xc3\xb1=v;filename=\xc3\xbc.txt", 0,
	    CD("name=\"\xc3\xb1\"; filename=\"\xc3\xbc.txt\"")
	    CT("text/plain")));
	/* The user's Content-Type header is the part's type. */
	CHECK(head_is("f=v;headers=\"content-type:lower/case\"", 0,
	    CD("name=\"f\"") CT("lower/case")));
	/* ... but only as "Content-Type:" exactly. */
	CHECK(head_is("f=v;headers=\"Content-Type : s/t\"", 0,
	    CD("name=\"f\"") "Content-Type : s/t\r\n"));
	CHECK(head_is("f=@a.txt;headers=\"Content-Type: zz/top\";type=a/b", 0,
	    CD("name=\"f\"; filename=\"a.txt\"") CT("a/b")));
	/* Blanks after ';' and '=' go; inside the type they stay. */
	CHECK(head_is("a=x; type=a/b ; filename= c ; headers= X: y ", 0,
	    CD("name=\"a\"; filename=\"c\"") CT("a/b") "X: y\r\n"));
	/* Before '=' they make an unknown attribute, as in curl. */
	warnings[0] = '\0';
	CHECK(head_is("a=x; type = a/b ;filename =c", 0, CD("name=\"a\"")));
	CHECK(strcmp(warnings, "skip unknown form field: type = a/b \n"
	    "skip unknown form field: filename =c\n") == 0);
	CHECK(head_is("a=x;type=a/b c d;charset=1;filename=z", 0,
	    CD("name=\"a\"; filename=\"z\"") CT("a/b c d;charset=1")));
	CHECK(head_is("a=x;type=a;b/c", 0, CD("name=\"a\"") CT("a;b/c")));
	CHECK(head_is("a=x;type=\"a/b\"", 0, CD("name=\"a\"") CT("\"a/b\"")));
	CHECK(head_is("a==b=c", 0, CD("name=\"a\"")));
	CHECK(head_is("a=x;;;", 0, CD("name=\"a\"")));
	/* --form-string: all literal. */
	CHECK(head_is("a=<x;type=a/b", 1, CD("name=\"a\"")));
}

static void
test_errors(void)
{
	struct form	*f;
	off_t		 len;
	size_t		 n;
	char		 buf[64];

	CHECK(form_new(&f, warn, NULL) == FORM_OK);
	/* curl: "option -F: is badly used here", exit 2. */
	CHECK(form_add(f, "noequals", 0) == FORM_SYNTAX);
	CHECK(strcmp(form_error(f), "Illegally formatted input field!") == 0);
	CHECK(form_add(f, "noequals", 1) == FORM_SYNTAX);
	CHECK(form_add(f, "a=x;type=bad", 0) == FORM_SYNTAX);
	CHECK(strcmp(form_error(f),
	    "Illegally formatted content-type field!") == 0);
	CHECK(form_add(f, "a=x;type=/b", 0) == FORM_SYNTAX);
	CHECK(form_add(f, "a=x;type=a/", 0) == FORM_SYNTAX);
	CHECK(form_add(f, "a=x;type=", 0) == FORM_SYNTAX);
	CHECK(form_add(f, "a=x;type=a b/c", 0) == FORM_SYNTAX);
	CHECK(form_add(f, "a=@x;type=a/,b", 0) == FORM_SYNTAX);
	CHECK(form_add(f, "=)", 0) == FORM_SYNTAX);
	CHECK(form_add(f, "a=x;headers=@.", 0) == FORM_SYNTAX);
	CHECK(strstr(form_error(f), "read error") != NULL);
	/* Limits of the type's shape: 127 characters before the '/'. */
	{
		char	 arg[300];

		memset(arg, 0, sizeof(arg));
		strlcpy(arg, "a=x;type=", sizeof(arg));
		memset(arg + 9, 'm', 128);
		strlcat(arg, "/x", sizeof(arg));
		CHECK(form_add(f, arg, 0) == FORM_SYNTAX);
		arg[9 + 127] = '\0';
		strlcat(arg, "/x", sizeof(arg));
		CHECK(form_add(f, arg, 0) == FORM_OK);
	}
	/* What httpc does not do, rather than doing it otherwise. */
	CHECK(form_add(f, "a=x;encoder=base64", 0) == FORM_UNSUPPORTED);
	CHECK(form_add(f, "a=(;type=multipart/mixed", 0) == FORM_UNSUPPORTED);
	CHECK(form_add(f, "a=@a.txt,b.html", 0) == FORM_UNSUPPORTED);
	CHECK(form_add(f, "a=@a.txt;type=text/plain,b.html", 0) ==
	    FORM_UNSUPPORTED);
	/* ... which --form-string takes as it is. */
	CHECK(form_add(f, "a=(", 1) == FORM_OK);
	CHECK(form_add(f, "a=@a.txt,b.html", 1) == FORM_OK);
	form_free(f);

	/* Missing files fail when measured (curl: exit 26 at transfer). */
	CHECK(form_new(&f, warn, NULL) == FORM_OK);
	CHECK(form_add(f, "a=@nope", 0) == FORM_OK);
	CHECK(form_size(f, &len) == FORM_READ);
	CHECK(strcmp(form_error(f), "nope: No such file or directory") == 0);
	CHECK(form_read(f, buf, sizeof(buf), &n) == FORM_READ);
	form_free(f);
	CHECK(form_new(&f, warn, NULL) == FORM_OK);
	CHECK(form_add(f, "a=<nope", 0) == FORM_OK);
	CHECK(form_read(f, buf, sizeof(buf), &n) == FORM_READ);
	form_free(f);
	CHECK(form_new(&f, warn, NULL) == FORM_OK);
	CHECK(form_add(f, "a=@sub", 0) == FORM_OK);
	CHECK(form_size(f, &len) == FORM_READ);
	CHECK(strcmp(form_error(f), "sub: Is a directory") == 0);
	form_free(f);
	if (geteuid() != 0) {
		CHECK(form_new(&f, warn, NULL) == FORM_OK);
		CHECK(form_add(f, "a=@unreadable", 0) == FORM_OK);
		CHECK(form_size(f, &len) == FORM_READ);
		form_free(f);
	}

	CHECK(form_exitcode(FORM_OK) == 0);
	CHECK(form_exitcode(FORM_SYNTAX) == 2);
	CHECK(form_exitcode(FORM_UNSUPPORTED) == 4);
	CHECK(form_exitcode(FORM_READ) == 26);
	CHECK(form_exitcode(FORM_NOREWIND) == 65);
	CHECK(form_exitcode(FORM_NOMEM) == 27);
}

static void
test_warnings(void)
{
	struct form	*f;

	CHECK(form_new(&f, warn, NULL) == FORM_OK);
	warnings[0] = '\0';
	CHECK(form_add(f, "a=x;bogus=1", 0) == FORM_OK);
	CHECK(strcmp(warnings, "skip unknown form field: bogus=1\n") == 0);
	warnings[0] = '\0';
	CHECK(form_add(f, "a=\"q\" junk", 0) == FORM_OK);
	CHECK(strcmp(warnings,
	    "Trailing data after quoted form parameter\n") == 0);
	warnings[0] = '\0';
	CHECK(form_add(f, "a=\"q\"  ;filename=\"x\"  ", 0) == FORM_OK);
	CHECK(warnings[0] == '\0');
	CHECK(form_add(f, "a=<a.txt;filename=x", 0) == FORM_OK);
	CHECK(strcmp(warnings, "Field file name not allowed here: x\n") == 0);
	warnings[0] = '\0';
	CHECK(form_add(f, "a=x;headers=@nope", 0) == FORM_OK);
	CHECK(strcmp(warnings,
	    "Cannot read from nope: No such file or directory\n") == 0);
	warnings[0] = '\0';
	CHECK(form_add(f, "a=x; ;filename=q;headers=", 0) == FORM_OK);
	CHECK(warnings[0] == '\0');
	form_free(f);

	/* No callback: warnings are dropped, the part is still added. */
	CHECK(form_new(&f, NULL, NULL) == FORM_OK);
	CHECK(form_add(f, "a=x;bogus=1", 0) == FORM_OK);
	form_free(f);
}

static void
test_header_file(void)
{
	char	 content[3000], want[1200];
	size_t	 n;

	/* Comments, CRs, blank lines, a line starting with a blank. */
	put_str("h1", "X-One: 1\r\n# comment\n  folded\nX-Two: 2  \n\n\n"
	    "X-Three:3");
	CHECK(head_is("a=x;headers=@h1", 0, CD("name=\"a\"")
	    "X-One: 1\r\n  folded\r\nX-Two: 2\r\nX-Three:3\r\n"));
	CHECK(head_is("a=x;headers=< h1", 0, CD("name=\"a\"")
	    "X-One: 1\r\n  folded\r\nX-Two: 2\r\nX-Three:3\r\n"));

	/* Lines are cut at 998 characters, with one warning each. */
	n = (size_t)snprintf(content, sizeof(content), "X-Long: ");
	memset(content + n, 'y', 1200);
	n += 1200;
	n += (size_t)snprintf(content + n, sizeof(content) - n,
	    "\nX-After: 1\n");
	put_file("h2", content, n);
	snprintf(want, sizeof(want), "%s", CD("name=\"a\"") "X-Long: ");
	n = strlen(want);
	memset(want + n, 'y', 998 - 8);
	want[n + 990] = '\0';
	strlcat(want, "\r\nX-After: 1\r\n", sizeof(want));
	warnings[0] = '\0';
	CHECK(head_is("a=x;headers=@h2", 0, want));
	CHECK(strcmp(warnings, "File h2 line 1: header too long "
	    "(truncated)\n") == 0);
}

static void
test_streaming(void)
{
	static const char *const args[] = { "-F", "f=@big" };
	struct form	*f;
	char		*data, *body;
	size_t		 i, len, n, bodylen;
	off_t		 size;
	enum form_err	 e;
	char		 buf[100];

	len = 3 * 1024 * 1024 + 7;
	if ((data = malloc(len)) == NULL)
		abort();
	for (i = 0; i < len; i++)
		data[i] = (char)(i * 7 + i / 251);
	put_file("big", data, len);

	/* The file goes out whole and in order, in whatever pieces. */
	f = build(args, 2);
	CHECK(form_size(f, &size) == FORM_OK);
	body = read_body(f, 65536, &bodylen, NULL);
	CHECK(body != NULL && (off_t)bodylen == size);
	CHECK(body != NULL && bodylen > len &&
	    memmem(body, bodylen, data, len) != NULL);
	free(body);
	form_free(f);

	/* It is read when sent, not when measured or added. */
	f = build(args, 2);
	CHECK(form_size(f, &size) == FORM_OK);
	memset(data, 'Z', len);
	put_file("big", data, len);
	body = read_body(f, 8192, &bodylen, NULL);
	CHECK(body != NULL && memmem(body, bodylen, data, len) != NULL);
	free(body);
	form_free(f);

	/* Shorter than measured: an error, not a short body. */
	f = build(args, 2);
	CHECK(form_size(f, &size) == FORM_OK);
	CHECK(form_read(f, buf, sizeof(buf), &n) == FORM_OK && n > 0);
	CHECK(truncate("big", 10) == 0);
	CHECK(read_body(f, 4096, &bodylen, &e) == NULL && e == FORM_READ);
	CHECK(strcmp(form_error(f), "big: file shrank while it was sent") ==
	    0);
	form_free(f);

	/* Longer: the measured length only, so the framing holds. */
	f = build(args, 2);
	CHECK(form_size(f, &size) == FORM_OK);
	put_file("big", data, len);
	body = read_body(f, 4096, &bodylen, NULL);
	CHECK(body != NULL && (off_t)bodylen == size);
	CHECK(contains(body, bodylen, "ZZZZZZZZZZ\r\n--"));
	free(body);
	form_free(f);
	free(data);
}

static void
test_rewind(void)
{
	static const char *const args[] = {
		"-F", "a=1", "-F", "f=@r.txt", "-F", "g=<r.txt",
	};
	struct form	*f;
	char		*b1, *b2, buf[10];
	size_t		 l1, l2, n;
	off_t		 s1, s2;

	put_file("r.txt", "first", 5);
	f = build(args, 6);
	CHECK(form_size(f, &s1) == FORM_OK);
	b1 = read_body(f, 100, &l1, NULL);
	CHECK(form_rewind(f) == FORM_OK);
	CHECK(form_size(f, &s2) == FORM_OK && s1 == s2);
	b2 = read_body(f, 3, &l2, NULL);
	CHECK(b1 != NULL && b2 != NULL && l1 == l2 && memcmp(b1, b2, l1) == 0);
	free(b2);

	/* Rewound mid-way, from the start again. */
	CHECK(form_rewind(f) == FORM_OK);
	CHECK(form_read(f, buf, sizeof(buf), &n) == FORM_OK && n == 10);
	CHECK(form_rewind(f) == FORM_OK);
	b2 = read_body(f, 7, &l2, NULL);
	CHECK(b2 != NULL && l1 == l2 && memcmp(b1, b2, l1) == 0);
	free(b2);

	/* A rewind measures again: the new length is announced. */
	put_file("r.txt", "second!", 7);
	CHECK(form_rewind(f) == FORM_OK);
	CHECK(form_size(f, &s2) == FORM_OK && s2 == s1 + 4);
	b2 = read_body(f, 5, &l2, NULL);
	CHECK(b2 != NULL && (off_t)l2 == s2 && contains(b2, l2, "second!"));
	free(b1);
	free(b2);
	form_free(f);
}

static void
test_pipe(void)
{
	static const char *const args[] = { "-F", "p=@fifo", "-F", "x=1" };
	struct form	*f;
	char		*body, *norm;
	size_t		 len, nlen;
	off_t		 size;
	pid_t		 pid;
	int		 fd, status;
	static const char want[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"p\"; filename=\"fifo\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "through a pipe\n"
	    "\r\n"
	    "--B\r\n"
	    "Content-Disposition: form-data; name=\"x\"\r\n"
	    "\r\n"
	    "1\r\n"
	    "--B--\r\n";

	if (mkfifo("fifo", 0600) == -1) {
		printf("# mkfifo: %s: pipe test skipped\n", strerror(errno));
		return;
	}
	f = build(args, 4);
	/* The length of a pipe is known at its end: send it chunked. */
	CHECK(form_size(f, &size) == FORM_OK && size == -1);
	/* Nothing read yet: it can still start over. */
	CHECK(form_rewind(f) == FORM_OK);
	if ((pid = fork()) == 0) {
		if ((fd = open("fifo", O_WRONLY)) == -1 ||
		    write(fd, "through a pipe\n", 15) != 15)
			_exit(1);
		_exit(0);
	}
	body = read_body(f, 4, &len, NULL);
	CHECK(waitpid(pid, &status, 0) == pid && status == 0);
	CHECK(body != NULL);
	if (body != NULL) {
		norm = normalize(f, body, len, &nlen);
		CHECK(nlen == sizeof(want) - 1 &&
		    memcmp(norm, want, nlen) == 0);
		free(norm);
	}
	free(body);
	/* A pipe cannot be read twice: curl's exit 65. */
	CHECK(form_rewind(f) == FORM_NOREWIND);
	form_free(f);
}

static void
test_stdin(void)
{
	static const char *const args[] = {
		"-F", "a=@-", "-F", "b=<-;type=x/y",
		"-F", "c=@-;filename=s.txt",
	};
	struct form	*f;
	char		*body;
	size_t		 len;
	off_t		 size;
	int		 saved, p[2], fd;

	if ((saved = dup(STDIN_FILENO)) == -1)
		abort();

	/* A pipe: read into memory when added, the first part takes it. */
	if (pipe(p) == -1 || write(p[1], "piped\n", 6) != 6)
		abort();
	close(p[1]);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	f = build(args, 6);
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK(form_size(f, &size) == FORM_OK && size > 0);
		body = read_body(f, 10, &len, NULL);
		CHECK(body != NULL && (off_t)len == size);
		CHECK(contains(body, len, "Content-Disposition: form-data; "
		    "name=\"a\"; filename=\"-\"\r\n\r\npiped\n\r\n"));
		CHECK(contains(body, len, "name=\"b\"\r\n"
		    "Content-Type: x/y\r\n\r\n\r\n"));
		CHECK(contains(body, len, "filename=\"s.txt\"\r\n"
		    "Content-Type: text/plain\r\n\r\n\r\n"));
		free(body);
		/* In memory: it can be sent again. */
		CHECK(form_rewind(f) == FORM_OK);
		form_free(f);
	}

	/* A regular file: read when sent, from where stdin stood. */
	put_file("in.txt", "skipREGULAR", 11);
	if ((fd = open("in.txt", O_RDONLY)) == -1)
		abort();
	dup2(fd, STDIN_FILENO);
	close(fd);
	lseek(STDIN_FILENO, 4, SEEK_SET);
	f = build(args, 2);
	CHECK(f != NULL);
	if (f != NULL) {
		put_file("in.txt", "skipregular", 11);
		body = read_body(f, 3, &len, NULL);
		CHECK(contains(body, len, "\r\n\r\nregular\r\n"));
		free(body);
		form_free(f);
	}

	dup2(saved, STDIN_FILENO);
	close(saved);
}

static void
test_empty(void)
{
	struct form	*f;
	char		*body;
	size_t		 len;
	off_t		 size;

	/* No part at all: only the closing delimiter, as curl would. */
	CHECK(form_new(&f, NULL, NULL) == FORM_OK);
	CHECK(form_size(f, &size) == FORM_OK && size == 46);
	body = read_body(f, 5, &len, NULL);
	CHECK(body != NULL && len == 46 && memcmp(body, "--", 2) == 0 &&
	    memcmp(body + 42, "--\r\n", 4) == 0);
	free(body);
	form_free(f);
}

int
main(void)
{
	char	 dir[] = "/tmp/t_form.XXXXXX";
	char	 cmd[64];

	/* A test that hangs (a pipe nobody opens) fails instead. */
	alarm(120);
	if (mkdtemp(dir) == NULL || chdir(dir) == -1) {
		perror(dir);
		return 2;
	}
	put_file("a.txt", "hello\n", 6);
	put_file("b.html", "<p>x</p>", 8);
	put_file("c.bin", "\000\001bin", 5);
	put_file("noext", "noext", 5);
	put_file("we\"ird;na,me.TXT", "hello\n", 6);
	put_str("hdrs", "X-One: 1\r\n# comment\n  folded\nX-Two: 2  \n");
	put_file("unreadable", "x", 1);
	chmod("unreadable", 0);
	mkdir("sub", 0700);
	put_file("sub/deep.txt", "d", 1);
	put_file("x.gif", "", 0);
	put_file("x.JPG", "", 0);
	put_file("x.jpeg", "", 0);
	put_file("x.png", "", 0);
	put_file("x.svg", "", 0);
	put_file("x.htm", "", 0);
	put_file("x.pdf", "", 0);
	put_file("x.xml", "", 0);

	test_boundary();
	test_curl_bodies();
	test_types();
	test_errors();
	test_warnings();
	test_header_file();
	test_streaming();
	test_rewind();
	test_pipe();
	test_stdin();
	test_empty();

	/* The directory holds only what this test made. */
	if (chdir("/") == 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return check_done("t_form");
}
