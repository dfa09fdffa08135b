/*
 * multipart/form-data from -F and --form-string, byte for byte what
 * curl 7.88 sends: its field parser (src/tool_formparse.c), its part
 * headers and content type guesses (lib/mime.c, form strategy) and its
 * boundary shape, 24 dashes and 16 random hex digits.
 *
 * The body is a list of segments: for each part a head (delimiter line,
 * header lines, blank line) and its content, then the closing
 * delimiter.  Heads are built when the part is added; contents in
 * memory are copied, files are read as the body goes out.
 *
 * Not done (refused with FORM_UNSUPPORTED rather than sent otherwise
 * than curl would): ";encoder=", nested multiparts "name=(" and several
 * files in one field "name=@a,b".
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "form.h"

#define FORM_DASHES		24	/* curl's MIME_BOUNDARY_DASHES */
#define FORM_RANDOM_BYTES	8	/* 16 hex digits */
#define FORM_BOUNDARY_LEN	(FORM_DASHES + 2 * FORM_RANDOM_BYTES)
#define FORM_CT_PREFIX		"multipart/form-data; boundary="
#define FORM_TYPE_MAX		127	/* curl's sscanf("%127[^/ ]/...") */
#define FORM_HEADER_LINE	999	/* curl's header file line buffer */
#define FORM_OFF_MAX	((off_t)((UINTMAX_C(1) << (sizeof(off_t) * 8 - 1)) - 1))

/* Where a part came from: decides its filename and Content-Type. */
enum part_kind {
	KIND_DATA,		/* name=value, --form-string */
	KIND_FILE,		/* name=@file */
	KIND_FILEDATA,		/* name=<file */
	KIND_STDIN,		/* name=@- */
	KIND_STDINDATA		/* name=<- */
};

/* Where its bytes are when the body is sent. */
enum part_src {
	SRC_MEM,		/* a value, or standard input read at once */
	SRC_FILE,		/* a file, opened when its turn comes */
	SRC_STDIN		/* standard input that is a regular file */
};

struct form_part {
	char		*head;		/* delimiter, headers, blank line */
	size_t		 headlen;
	enum part_src	 src;
	char		*data;		/* SRC_MEM */
	size_t		 datalen;
	char		*path;		/* SRC_FILE */
	off_t		 origin;	/* SRC_STDIN: where stdin was */
	off_t		 size;		/* content bytes; -1: to end of file */
};

/* What one argument says, pointers into the caller's copy of it. */
struct form_spec {
	char		*data;		/* value, path or "-" */
	char		*type;		/* ;type= */
	char		*filename;	/* ;filename= */
	char		**headers;	/* ;headers=, owned */
	size_t		 nheaders;
};

struct form {
	struct form_part **parts;
	size_t		 nparts;
	char		 boundary[FORM_BOUNDARY_LEN + 1];
	char		 ctype[sizeof(FORM_CT_PREFIX) + FORM_BOUNDARY_LEN];
	char		 trailer[FORM_BOUNDARY_LEN + 9];
	size_t		 trailerlen;
	form_warn_fn	*warn;
	void		*warnarg;
	char		 errmsg[512];

	/* The pass over the body being sent. */
	int		 measured;	/* files stat'ed for this pass */
	off_t		 total;		/* -1: unknown */
	size_t		 cur;		/* part; nparts: the trailer */
	int		 incontent;	/* in the content, past the head */
	off_t		 off;		/* into the head, content or trailer */
	int		 fd;		/* the current part's file, or -1 */
	int		 piped;		/* read from a pipe: no rewind */
};

static enum form_err	 form_fail(struct form *, enum form_err,
			    const char *, ...)
			    __attribute__((format(printf, 3, 4)));
static void		 form_warn(struct form *, const char *, ...)
			    __attribute__((format(printf, 2, 3)));
static int		 form_isspace(int);
static int		 form_prefix(const char *, const char *);
static void		 form_strip(char *, char **);
static char		*param_word(struct form *, char **, char **, char);
static enum form_err	 param_type(struct form *, char **, char, char **,
			    int *);
static enum form_err	 param_part(struct form *, char, char **,
			    struct form_spec *, int *, int);
static enum form_err	 spec_header(struct form *, struct form_spec *,
			    const char *);
static enum form_err	 spec_header_file(struct form *, struct form_spec *,
			    const char *, FILE *);
static void		 spec_free(struct form_spec *);
static const char	*guess_type(const char *);
static int		 type_is(const char *, const char *);
static const char	*user_header(const struct form_spec *, const char *);
static enum httpc_err	 add_escaped(struct hc_buf *, const char *);
static enum form_err	 read_stdin(struct form *, struct form_part *);
static enum form_err	 add_part(struct form *, enum part_kind,
			    const char *, struct form_spec *);
static void		 part_free(struct form_part *);
static enum form_err	 form_measure(struct form *);
static void		 form_next(struct form *);
static size_t		 form_copy(struct form *, const char *, size_t,
			    char *, size_t);
static enum form_err	 form_content(struct form *, struct form_part *,
			    char *, size_t, size_t *, int *, int *);

/* Extensions curl 7.88 knows, first match wins (Curl_mime_contenttype). */
static const struct {
	const char	*ext;
	const char	*type;
} form_types[] = {
	{ ".gif",	"image/gif" },
	{ ".jpg",	"image/jpeg" },
	{ ".jpeg",	"image/jpeg" },
	{ ".png",	"image/png" },
	{ ".svg",	"image/svg+xml" },
	{ ".txt",	"text/plain" },
	{ ".htm",	"text/html" },
	{ ".html",	"text/html" },
	{ ".pdf",	"application/pdf" },
	{ ".xml",	"application/xml" },
};

static enum form_err
form_fail(struct form *f, enum form_err e, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	(void)vsnprintf(f->errmsg, sizeof(f->errmsg), fmt, ap);
	va_end(ap);
	return e;
}

static void
form_warn(struct form *f, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	if (f->warn == NULL)
		return;
	va_start(ap, fmt);
	/* A warning cut short still says what is wrong. */
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f->warn(f->warnarg, msg);
}

/* curl's ISSPACE: the C locale's, whatever locale the program runs in. */
static int
form_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* 1 if s starts with prefix, any case, as curl's checkprefix(). */
static int
form_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Moves *end back over the blanks that end the word starting at w. */
static void
form_strip(char *w, char **end)
{
	while (*end > w && form_isspace((unsigned char)(*end)[-1]))
		(*end)--;
}

/*
 * One word of a field (curl's get_param_word): a double-quoted string
 * with \" and \\ undone in place, or everything up to ';' or endchar.
 * *str is left on the ';', endchar or NUL after the word, *endpos where
 * the caller puts the word's NUL.  A quote without its end is text.
 */
static char *
param_word(struct form *f, char **str, char **endpos, char endchar)
{
	char	*p = *str, *begin = *str, *esc = NULL, *src, *dst;
	int	 trailing = 0;

	if (*p == '"') {
		for (p++; *p != '\0'; p++) {
			if (*p == '\\' && (p[1] == '\\' || p[1] == '"')) {
				if (esc == NULL)
					esc = p;
				p++;
				continue;
			}
			if (*p != '"')
				continue;
			*endpos = p;
			if (esc != NULL) {
				for (src = dst = esc; src < p; ) {
					if (*src == '\\' &&
					    (src[1] == '\\' || src[1] == '"'))
						src++;
					*dst++ = *src++;
				}
				*endpos = dst;
			}
			for (p++; *p != '\0' && *p != ';' && *p != endchar;
			    p++)
				if (!form_isspace((unsigned char)*p))
					trailing = 1;
			if (trailing)
				form_warn(f, "Trailing data after quoted "
				    "form parameter");
			*str = p;
			return begin + 1;
		}
		p = begin;
	}
	while (*p != '\0' && *p != ';' && *p != endchar)
		p++;
	*str = *endpos = p;
	return begin;
}

/*
 * ";type=major/minor": *str is just after "type=".  curl checks the
 * shape with sscanf("%127[^/ ]/%127[^;, \n]") and keeps everything to
 * the next ';' or endchar, less trailing blanks; *endct is where that
 * ends, *sep the character that stopped it.
 */
static enum form_err
param_type(struct form *f, char **str, char endchar, char **endct, int *sep)
{
	char	*type = *str, *p;
	size_t	 major, minor;

	major = strcspn(type, "/ ");
	minor = type[major] == '/' ? strcspn(type + major + 1, ";, \n") : 0;
	if (major == 0 || major > FORM_TYPE_MAX || type[major] != '/' ||
	    minor == 0)
		return form_fail(f, FORM_SYNTAX,
		    "Illegally formatted content-type field!");
	/* sscanf stopped after 127 characters, and so do we. */
	if (minor > FORM_TYPE_MAX)
		minor = FORM_TYPE_MAX;
	p = type + major + 1 + minor;
	for (*endct = p; *p != '\0' && *p != ';' && *p != endchar; p++)
		if (!form_isspace((unsigned char)*p))
			*endct = p + 1;
	*sep = (unsigned char)*p;
	*str = p;
	return FORM_OK;
}

/*
 * The value and ";attribute=" list of one argument (curl's
 * get_param_part), written over in place.  *sepp is the character that
 * ended it: NUL, or endchar (',' after "@file": more files follow).
 */
static enum form_err
param_part(struct form *f, char endchar, char **str, struct form_spec *s,
    int *sepp, int filename_ok)
{
	char		*p = *str, *endpos, *tp, *endct = NULL, *w;
	FILE		*fp;
	enum form_err	 e;
	int		 sep;

	while (form_isspace((unsigned char)*p))
		p++;
	tp = p;
	s->data = param_word(f, &p, &endpos, endchar);
	if (s->data == tp)
		form_strip(s->data, &endpos);
	sep = (unsigned char)*p;
	*endpos = '\0';

	while (sep == ';') {
		for (p++; form_isspace((unsigned char)*p); p++)
			;
		if (endct == NULL && form_prefix(p, "type=")) {
			for (p += 5; form_isspace((unsigned char)*p); p++)
				;
			s->type = p;
			if ((e = param_type(f, &p, endchar, &endct, &sep)) !=
			    FORM_OK)
				return e;
		} else if (form_prefix(p, "filename=")) {
			if (endct != NULL) {
				*endct = '\0';
				endct = NULL;
			}
			for (p += 9; form_isspace((unsigned char)*p); p++)
				;
			tp = p;
			s->filename = param_word(f, &p, &endpos, endchar);
			if (s->filename == tp)
				form_strip(s->filename, &endpos);
			sep = (unsigned char)*p;
			*endpos = '\0';
		} else if (form_prefix(p, "headers=")) {
			if (endct != NULL) {
				*endct = '\0';
				endct = NULL;
			}
			p += 8;
			if (*p == '@' || *p == '<') {
				do
					p++;
				while (form_isspace((unsigned char)*p));
				tp = p;
				w = param_word(f, &p, &endpos, endchar);
				if (w == tp)
					form_strip(w, &endpos);
				sep = (unsigned char)*p;
				*endpos = '\0';
				/* curl goes on without the headers. */
				if ((fp = fopen(w, "r")) == NULL) {
					form_warn(f, "Cannot read from %s: %s",
					    w, strerror(errno));
					continue;
				}
				e = spec_header_file(f, s, w, fp);
				fclose(fp);
				if (e != FORM_OK)
					return e;
			} else {
				while (form_isspace((unsigned char)*p))
					p++;
				tp = p;
				w = param_word(f, &p, &endpos, endchar);
				if (w == tp)
					form_strip(w, &endpos);
				sep = (unsigned char)*p;
				*endpos = '\0';
				if ((e = spec_header(f, s, w)) != FORM_OK)
					return e;
			}
		} else if (form_prefix(p, "encoder=")) {
			return form_fail(f, FORM_UNSUPPORTED,
			    "form field encoder= is not supported");
		} else if (endct != NULL) {
			/* ";charset=utf-8" and the like: part of the type. */
			for (endct = p; *p != '\0' && *p != ';' &&
			    *p != endchar; p++)
				if (!form_isspace((unsigned char)*p))
					endct = p + 1;
			sep = (unsigned char)*p;
		} else {
			w = param_word(f, &p, &endpos, endchar);
			sep = (unsigned char)*p;
			*endpos = '\0';
			if (*w != '\0')
				form_warn(f, "skip unknown form field: %s", w);
		}
	}
	if (endct != NULL)
		*endct = '\0';
	if (!filename_ok && s->filename != NULL) {
		form_warn(f, "Field file name not allowed here: %s",
		    s->filename);
		s->filename = NULL;
	}
	*str = p;
	*sepp = sep;
	return FORM_OK;
}

static enum form_err
spec_header(struct form *f, struct form_spec *s, const char *h)
{
	char	**v, *copy;

	if ((copy = strdup(h)) == NULL)
		return form_fail(f, FORM_NOMEM, "out of memory");
	v = reallocarray(s->headers, s->nheaders + 1, sizeof(*v));
	if (v == NULL) {
		free(copy);
		return form_fail(f, FORM_NOMEM, "out of memory");
	}
	s->headers = v;
	s->headers[s->nheaders++] = copy;
	return FORM_OK;
}

/*
 * ";headers=@file" (curl's read_field_headers): a line that starts
 * with a blank continues no header but is one of its own; '#' lines
 * are comments; CRs are dropped, blanks at the end cut; a line is cut
 * at 998 characters.
 */
static enum form_err
spec_header_file(struct form *f, struct form_spec *s, const char *path,
    FILE *fp)
{
	char		 line[FORM_HEADER_LINE];
	size_t		 len = 0, pos = 0;
	int		 c, comment = 0, cut = 0, lineno = 1;
	enum form_err	 e;

	for (;;) {
		c = getc(fp);
		if (c == EOF || (pos == 0 && !form_isspace(c))) {
			while (len > 0 &&
			    form_isspace((unsigned char)line[len - 1]))
				len--;
			if (len > 0) {
				line[len] = '\0';
				if ((e = spec_header(f, s, line)) != FORM_OK)
					return e;
				len = 0;
			}
		}
		switch (c) {
		case EOF:
			/* curl: "option -F: is badly used here", exit 2. */
			if (ferror(fp))
				return form_fail(f, FORM_SYNTAX,
				    "Header file %s read error: %s", path,
				    strerror(errno));
			return FORM_OK;
		case '\r':
			continue;
		case '\n':
			pos = 0;
			comment = cut = 0;
			lineno++;
			continue;
		case '#':
			if (pos == 0)
				comment = 1;
			break;
		}
		pos++;
		if (comment)
			continue;
		if (len == sizeof(line) - 1) {
			if (!cut)
				form_warn(f, "File %s line %d: header too long "
				    "(truncated)", path, lineno);
			cut = 1;
			continue;
		}
		line[len++] = (char)c;
	}
}

static void
spec_free(struct form_spec *s)
{
	size_t	 i;

	for (i = 0; i < s->nheaders; i++)
		free(s->headers[i]);
	free(s->headers);
}

/* The type curl guesses from a file name's extension, or NULL. */
static const char *
guess_type(const char *name)
{
	size_t	 i, len, elen;

	if (name == NULL)
		return NULL;
	len = strlen(name);
	for (i = 0; i < sizeof(form_types) / sizeof(form_types[0]); i++) {
		elen = strlen(form_types[i].ext);
		if (len >= elen &&
		    strcasecmp(name + len - elen, form_types[i].ext) == 0)
			return form_types[i].type;
	}
	return NULL;
}

/* 1 if type is want, parameters aside (curl's content_type_match). */
static int
type_is(const char *type, const char *want)
{
	size_t	 len = strlen(want);

	if (strncasecmp(type, want, len) != 0)
		return 0;
	return type[len] == '\0' || type[len] == ';' ||
	    form_isspace((unsigned char)type[len]);
}

/* The value of the user's header called name ("Name:" exactly), or NULL. */
static const char *
user_header(const struct form_spec *s, const char *name)
{
	size_t		 i, len = strlen(name);
	const char	*v;

	for (i = 0; i < s->nheaders; i++) {
		if (strncasecmp(s->headers[i], name, len) != 0 ||
		    s->headers[i][len] != ':')
			continue;
		for (v = s->headers[i] + len + 1; *v == ' '; v++)
			;
		return v;
	}
	return NULL;
}

/*
 * A name or filename in Content-Disposition as curl 7.81 and later
 * write it, after the HTML standard: '"', CR and LF percent-encoded,
 * nothing else touched.
 */
static enum httpc_err
add_escaped(struct hc_buf *b, const char *s)
{
	enum httpc_err	 e = HTTPC_OK;

	for (; *s != '\0' && e == HTTPC_OK; s++) {
		switch (*s) {
		case '"':
			e = hc_buf_addstr(b, "%22");
			break;
		case '\r':
			e = hc_buf_addstr(b, "%0D");
			break;
		case '\n':
			e = hc_buf_addstr(b, "%0A");
			break;
		default:
			e = hc_buf_add(b, s, 1);
			break;
		}
	}
	return e;
}

/*
 * Standard input for "@-" and "<-": a regular file is read when sent,
 * from where it stands now; anything else is read into memory now, as
 * curl does, so that it can be sent again.
 */
static enum form_err
read_stdin(struct form *f, struct form_part *part)
{
	struct stat	 st;
	struct hc_buf	 b;
	char		 buf[16384];
	ssize_t		 r;
	off_t		 origin;

	if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) &&
	    (origin = lseek(STDIN_FILENO, 0, SEEK_CUR)) >= 0) {
		part->src = SRC_STDIN;
		part->origin = origin;
		part->size = st.st_size > origin ? st.st_size - origin : 0;
		return FORM_OK;
	}
	hc_buf_init(&b, SIZE_MAX - 1);
	for (;;) {
		if ((r = read(STDIN_FILENO, buf, sizeof(buf))) == -1) {
			if (errno == EINTR)
				continue;
			hc_buf_free(&b);
			return form_fail(f, FORM_READ,
			    "error while reading standard input: %s",
			    strerror(errno));
		}
		if (r == 0)
			break;
		if (hc_buf_add(&b, buf, (size_t)r) != HTTPC_OK)
			return form_fail(f, FORM_NOMEM, "out of memory");
	}
	part->datalen = b.len;
	if ((part->data = hc_buf_take(&b)) == NULL)
		return form_fail(f, FORM_NOMEM, "out of memory");
	part->src = SRC_MEM;
	part->size = (off_t)part->datalen;
	return FORM_OK;
}

/*
 * Appends a part: its head as lib/mime.c writes it for a form
 * (Content-Disposition unless the user gave one, Content-Type when one
 * was given or guessed, then the user's headers but Content-Type), and
 * where its content comes from.
 */
static enum form_err
add_part(struct form *f, enum part_kind kind, const char *name,
    struct form_spec *s)
{
	struct form_part	 *part, **v;
	struct hc_buf		  b;
	const char		 *filename = s->filename, *ct;
	char			 *copy = NULL;
	enum form_err		  e = FORM_NOMEM;
	size_t			  i;

	if ((part = calloc(1, sizeof(*part))) == NULL)
		return form_fail(f, FORM_NOMEM, "out of memory");
	hc_buf_init(&b, SIZE_MAX - 1);

	switch (kind) {
	case KIND_DATA:
		part->src = SRC_MEM;
		if ((part->data = strdup(s->data)) == NULL)
			goto fail;
		part->datalen = strlen(part->data);
		part->size = (off_t)part->datalen;
		break;
	case KIND_FILE:
	case KIND_FILEDATA:
		part->src = SRC_FILE;
		part->size = -1;
		if ((part->path = strdup(s->data)) == NULL)
			goto fail;
		/* "@dir/a.txt" is sent as "a.txt"; "<file" has no name. */
		if (kind == KIND_FILE && filename == NULL) {
			if ((copy = strdup(s->data)) == NULL)
				goto fail;
			/* POSIX basename(), from libgen.h: it may write. */
			filename = basename(copy);
		}
		break;
	case KIND_STDIN:
	case KIND_STDINDATA:
		if ((e = read_stdin(f, part)) != FORM_OK)
			goto fail;
		e = FORM_NOMEM;
		if (kind == KIND_STDIN && filename == NULL)
			filename = "-";
		break;
	}

	/* The type: given, else guessed as lib/mime.c does for each kind. */
	if ((ct = s->type) == NULL)
		ct = user_header(s, "Content-Type");
	if (ct == NULL) {
		if (kind == KIND_FILE || kind == KIND_FILEDATA) {
			if ((ct = guess_type(filename)) == NULL)
				ct = guess_type(s->data);
			if (ct == NULL && filename != NULL)
				ct = "application/octet-stream";
		} else
			ct = guess_type(filename);
		/* text/plain is the default: curl leaves it out. */
		if (ct != NULL && filename == NULL && type_is(ct, "text/plain"))
			ct = NULL;
	}

	/* A failed add frees the buffer: each one is checked. */
	if ((f->nparts > 0 && hc_buf_addstr(&b, "\r\n") != HTTPC_OK) ||
	    hc_buf_printf(&b, "--%s\r\n", f->boundary) != HTTPC_OK)
		goto fail;
	if (user_header(s, "Content-Disposition") == NULL) {
		if (hc_buf_addstr(&b, "Content-Disposition: form-data") !=
		    HTTPC_OK)
			goto fail;
		if (name != NULL && (hc_buf_addstr(&b, "; name=\"") !=
		    HTTPC_OK || add_escaped(&b, name) != HTTPC_OK ||
		    hc_buf_addstr(&b, "\"") != HTTPC_OK))
			goto fail;
		if (filename != NULL && (hc_buf_addstr(&b, "; filename=\"") !=
		    HTTPC_OK || add_escaped(&b, filename) != HTTPC_OK ||
		    hc_buf_addstr(&b, "\"") != HTTPC_OK))
			goto fail;
		if (hc_buf_addstr(&b, "\r\n") != HTTPC_OK)
			goto fail;
	}
	if (ct != NULL && hc_buf_printf(&b, "Content-Type: %s\r\n", ct) !=
	    HTTPC_OK)
		goto fail;
	for (i = 0; i < s->nheaders; i++) {
		/* The user's Content-Type is already the part's type. */
		if (strncasecmp(s->headers[i], "Content-Type:", 13) == 0)
			continue;
		if (hc_buf_printf(&b, "%s\r\n", s->headers[i]) != HTTPC_OK)
			goto fail;
	}
	if (hc_buf_addstr(&b, "\r\n") != HTTPC_OK)
		goto fail;
	part->headlen = b.len;
	if ((part->head = hc_buf_take(&b)) == NULL)
		goto fail;

	v = reallocarray(f->parts, f->nparts + 1, sizeof(*v));
	if (v == NULL)
		goto fail;
	f->parts = v;
	f->parts[f->nparts++] = part;
	free(copy);
	return FORM_OK;
fail:
	hc_buf_free(&b);
	free(copy);
	part_free(part);
	if (e == FORM_NOMEM)
		return form_fail(f, FORM_NOMEM, "out of memory");
	return e;
}

static void
part_free(struct form_part *part)
{
	if (part == NULL)
		return;
	free(part->head);
	free(part->data);
	free(part->path);
	free(part);
}

enum form_err
form_new(struct form **fp, form_warn_fn *warn, void *arg)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 rnd[FORM_RANDOM_BYTES];
	struct form		*f;
	size_t			 i;

	*fp = NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return FORM_NOMEM;
	f->fd = -1;
	f->warn = warn;
	f->warnarg = arg;

	memset(f->boundary, '-', FORM_DASHES);
	arc4random_buf(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd); i++) {
		f->boundary[FORM_DASHES + 2 * i] = hex[rnd[i] >> 4];
		f->boundary[FORM_DASHES + 2 * i + 1] = hex[rnd[i] & 0xf];
	}
	f->boundary[FORM_BOUNDARY_LEN] = '\0';
	(void)snprintf(f->ctype, sizeof(f->ctype), "%s%s", FORM_CT_PREFIX,
	    f->boundary);
	*fp = f;
	return FORM_OK;
}

enum form_err
form_add(struct form *f, const char *arg, int literal)
{
	struct form_spec	 s;
	enum part_kind		 kind;
	enum form_err		 e;
	char			*copy, *name = NULL, *p;
	int			 sep = 0;

	memset(&s, 0, sizeof(s));
	if ((copy = strdup(arg)) == NULL)
		return form_fail(f, FORM_NOMEM, "out of memory");
	if ((p = strchr(copy, '=')) == NULL) {
		e = form_fail(f, FORM_SYNTAX,
		    "Illegally formatted input field!");
		goto done;
	}
	if (p > copy)
		name = copy;
	*p++ = '\0';

	if (literal) {
		s.data = p;
		kind = KIND_DATA;
	} else if (*p == '(') {
		e = form_fail(f, FORM_UNSUPPORTED,
		    "nested multipart (name=(...)) is not supported");
		goto done;
	} else if (name == NULL && strcmp(p, ")") == 0) {
		e = form_fail(f, FORM_SYNTAX, "no multipart to terminate!");
		goto done;
	} else if (*p == '@') {
		p++;
		if ((e = param_part(f, ',', &p, &s, &sep, 1)) != FORM_OK)
			goto done;
		if (sep == ',') {
			e = form_fail(f, FORM_UNSUPPORTED, "several files in "
			    "one field (name=@a,b) are not supported");
			goto done;
		}
		kind = strcmp(s.data, "-") == 0 ? KIND_STDIN : KIND_FILE;
	} else if (*p == '<') {
		p++;
		if ((e = param_part(f, '\0', &p, &s, &sep, 0)) != FORM_OK)
			goto done;
		kind = strcmp(s.data, "-") == 0 ? KIND_STDINDATA :
		    KIND_FILEDATA;
	} else {
		if ((e = param_part(f, '\0', &p, &s, &sep, 1)) != FORM_OK)
			goto done;
		kind = KIND_DATA;
	}
	e = add_part(f, kind, name, &s);
done:
	spec_free(&s);
	free(copy);
	return e;
}

const char *
form_content_type(const struct form *f)
{
	return f->ctype;
}

/*
 * Measures the files for this pass and the whole body: the heads, the
 * contents and the closing delimiter, "\r\n--BOUNDARY--\r\n" (without
 * the leading CRLF when there are no parts).
 */
static enum form_err
form_measure(struct form *f)
{
	struct form_part	*part;
	struct stat		 st;
	off_t			 total, n;
	size_t			 i;
	int			 unknown = 0;

	f->trailerlen = (size_t)snprintf(f->trailer, sizeof(f->trailer),
	    "%s--%s--\r\n", f->nparts > 0 ? "\r\n" : "", f->boundary);
	total = (off_t)f->trailerlen;
	for (i = 0; i < f->nparts; i++) {
		part = f->parts[i];
		if (part->src == SRC_FILE) {
			/* As curl: stat and access, open only when sent. */
			if (stat(part->path, &st) == -1 ||
			    access(part->path, R_OK) == -1)
				return form_fail(f, FORM_READ, "%s: %s",
				    part->path, strerror(errno));
			if (S_ISDIR(st.st_mode))
				return form_fail(f, FORM_READ, "%s: %s",
				    part->path, strerror(EISDIR));
			part->size = S_ISREG(st.st_mode) ? st.st_size : -1;
		}
		n = (off_t)part->headlen;
		if (part->size < 0)
			unknown = 1;
		else if (part->size > FORM_OFF_MAX - n)
			return form_fail(f, FORM_READ, "form too large");
		else
			n += part->size;
		if (n > FORM_OFF_MAX - total)
			return form_fail(f, FORM_READ, "form too large");
		total += n;
	}
	f->total = unknown ? -1 : total;
	f->measured = 1;
	return FORM_OK;
}

enum form_err
form_size(struct form *f, off_t *len)
{
	enum form_err	 e;

	*len = -1;
	if (!f->measured && (e = form_measure(f)) != FORM_OK)
		return e;
	*len = f->total;
	return FORM_OK;
}

/* On to the next part's head (or the trailer). */
static void
form_next(struct form *f)
{
	if (f->fd != -1) {
		close(f->fd);
		f->fd = -1;
	}
	f->cur++;
	f->incontent = 0;
	f->off = 0;
}

/* Copies from the segment seg[0..len) at f->off; returns how much. */
static size_t
form_copy(struct form *f, const char *seg, size_t len, char *dst,
    size_t room)
{
	size_t	 n = len - (size_t)f->off;

	if (n > room)
		n = room;
	memcpy(dst, seg + f->off, n);
	f->off += (off_t)n;
	return n;
}

/*
 * Up to room bytes of part's content at f->off.  *done is set at its
 * end, *partial when a file gave less than asked: form_read() returns
 * then, so that a slow pipe does not hold back what is there.
 */
static enum form_err
form_content(struct form *f, struct form_part *part, char *dst,
    size_t room, size_t *n, int *done, int *partial)
{
	size_t	 want = room;
	ssize_t	 r;

	*n = 0;
	*done = *partial = 0;
	if (part->size >= 0) {
		if (f->off >= part->size) {
			*done = 1;
			return FORM_OK;
		}
		if ((uintmax_t)(part->size - f->off) < want)
			want = (size_t)(part->size - f->off);
	}
	switch (part->src) {
	case SRC_MEM:
		*n = form_copy(f, part->data, part->datalen, dst, want);
		return FORM_OK;
	case SRC_STDIN:
		r = pread(STDIN_FILENO, dst, want, part->origin + f->off);
		break;
	case SRC_FILE:
		if (f->fd == -1) {
			if ((f->fd = open(part->path, O_RDONLY | O_CLOEXEC)) ==
			    -1)
				return form_fail(f, FORM_READ, "%s: %s",
				    part->path, strerror(errno));
			if (part->size < 0)
				f->piped = 1;
		}
		r = read(f->fd, dst, want);
		break;
	default:
		return form_fail(f, FORM_READ, "bad part");
	}
	if (r == -1) {
		if (errno == EINTR)
			return FORM_OK;
		return form_fail(f, FORM_READ, "%s: %s", part->src ==
		    SRC_FILE ? part->path : "standard input", strerror(errno));
	}
	if (r == 0) {
		if (part->size >= 0)
			return form_fail(f, FORM_READ,
			    "%s: file shrank while it was sent",
			    part->src == SRC_FILE ? part->path :
			    "standard input");
		*done = 1;
		return FORM_OK;
	}
	f->off += r;
	*n = (size_t)r;
	*partial = (size_t)r < want;
	return FORM_OK;
}

enum form_err
form_read(struct form *f, void *buf, size_t len, size_t *n)
{
	struct form_part	*part;
	char			*dst = buf;
	size_t			 got = 0, k;
	enum form_err		 e;
	int			 done, partial;

	*n = 0;
	if (!f->measured && (e = form_measure(f)) != FORM_OK)
		return e;
	while (got < len && f->cur <= f->nparts) {
		if (f->cur == f->nparts) {
			got += form_copy(f, f->trailer, f->trailerlen,
			    dst + got, len - got);
			if ((size_t)f->off == f->trailerlen)
				form_next(f);
			continue;
		}
		part = f->parts[f->cur];
		if (!f->incontent) {
			got += form_copy(f, part->head, part->headlen,
			    dst + got, len - got);
			if ((size_t)f->off == part->headlen) {
				f->incontent = 1;
				f->off = 0;
			}
			continue;
		}
		if ((e = form_content(f, part, dst + got, len - got, &k,
		    &done, &partial)) != FORM_OK)
			return e;
		got += k;
		if (done)
			form_next(f);
		else if (partial)
			break;
	}
	*n = got;
	return FORM_OK;
}

enum form_err
form_rewind(struct form *f)
{
	if (f->piped)
		return form_fail(f, FORM_NOREWIND,
		    "cannot send the form again: a part came from a pipe");
	if (f->fd != -1) {
		close(f->fd);
		f->fd = -1;
	}
	f->cur = 0;
	f->incontent = 0;
	f->off = 0;
	f->measured = 0;
	return FORM_OK;
}

const char *
form_error(const struct form *f)
{
	return f->errmsg;
}

int
form_exitcode(enum form_err e)
{
	switch (e) {
	case FORM_OK:
		return 0;
	case FORM_SYNTAX:
		return 2;
	case FORM_UNSUPPORTED:
		return 4;
	case FORM_READ:
		return 26;
	case FORM_NOREWIND:
		return 65;
	case FORM_NOMEM:
		return 27;
	}
	return 2;
}

void
form_free(struct form *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	if (f->fd != -1)
		close(f->fd);
	for (i = 0; i < f->nparts; i++)
		part_free(f->parts[i]);
	free(f->parts);
	free(f);
}
