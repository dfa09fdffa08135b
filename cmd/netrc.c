/*
 * .netrc lookup after curl 8's lib/netrc.c: the file is read whole into
 * memory (comment lines dropped, bounded), then tokens drive curl's
 * state machine: nothing -> machine seen -> our host (or default) ->
 * login/password values.  Every buffer that held the file is wiped.
 * The internal steps return NETRC_FOUND for "carry on".
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "netrc.h"

#define FOUND_LOGIN	0x01
#define FOUND_PASSWORD	0x02

enum netrc_state {
	ST_NOTHING,		/* outside any entry of ours */
	ST_HOSTFOUND,		/* after "machine": the name comes next */
	ST_HOSTVALID		/* in our machine's (or the default) entry */
};

enum netrc_keyword {
	KW_NONE,
	KW_LOGIN,		/* the next token is a login */
	KW_PASSWORD		/* the next token is a password */
};

struct netrc_parse {
	const char		*host;
	const char		*user;		/* NULL: take the entry's */
	char			*login;		/* the entry's, when !user */
	char			*password;
	enum netrc_state	 state;
	enum netrc_keyword	 keyword;
	int			 found;		/* FOUND_* of this entry */
	int			 our_login;
	int			 matched;	/* host or default seen */
	int			 done;
	int			 macdef;	/* skip a macro body next */
};

static const char *const netrc_results[] = {
#define NETRC_RESULT_MSG(name, msg) msg,
	NETRC_RESULTS(NETRC_RESULT_MSG)
#undef NETRC_RESULT_MSG
};

static enum netrc_result netrc_read(const char *, char **, size_t *);
static enum netrc_result netrc_keep_line(char *, size_t *, const char *,
			    size_t);
static enum netrc_result netrc_parse(struct netrc_parse *, const char *);
static enum netrc_result netrc_token(struct netrc_parse *, const char *);
static int		 netrc_usable(const struct netrc_parse *);
static void		 netrc_new_entry(struct netrc_parse *);
static const char	*netrc_skip_macdef(const char *);
static int		 netrc_sep(unsigned char);
static int		 netrc_blank_line(const char *);
static int		 login_eq(const char *, const char *);

const char *
netrc_strerror(enum netrc_result r)
{
	if ((size_t)r >= sizeof(netrc_results) / sizeof(netrc_results[0]))
		return "unknown netrc result";
	return netrc_results[r];
}

enum netrc_result
netrc_default_path(char **path)
{
	struct passwd	 pw, *res = NULL;
	const char	*env, *home;
	char		 pwbuf[1024];

	*path = NULL;
	if ((env = getenv("NETRC")) != NULL && *env != '\0') {
		if ((*path = strdup(env)) == NULL)
			return NETRC_NOMEM;
		return NETRC_FOUND;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		home = NULL;
		if (getpwuid_r(geteuid(), &pw, pwbuf, sizeof(pwbuf),
		    &res) == 0 && res != NULL)
			home = pw.pw_dir;
	}
	if (home == NULL)
		return NETRC_NO_FILE;
	if (asprintf(path, "%s/.netrc", home) == -1) {
		*path = NULL;
		return NETRC_NOMEM;
	}
	return NETRC_FOUND;
}

enum netrc_result
netrc_lookup(const char *path, const char *host, const char *user,
    char **loginp, char **passwordp)
{
	struct netrc_parse	 ps;
	enum netrc_result	 r;
	char			*defpath = NULL, *buf = NULL;
	size_t			 buflen = 0;

	*loginp = *passwordp = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.host = host;
	ps.user = user;
	if (path == NULL) {
		if ((r = netrc_default_path(&defpath)) != NETRC_FOUND)
			return r;
		path = defpath;
	}
	if ((r = netrc_read(path, &buf, &buflen)) != NETRC_FOUND)
		goto done;
	if ((r = netrc_parse(&ps, buf)) != NETRC_FOUND)
		goto done;

	r = NETRC_NOT_FOUND;
	if (!ps.matched)
		goto done;
	/* Another user's password is not ours to send (curl would). */
	if (user != NULL && (ps.found & FOUND_LOGIN) && !ps.our_login)
		goto done;
	if (ps.password == NULL && ps.our_login) {
		if ((ps.password = strdup("")) == NULL) {
			r = NETRC_NOMEM;
			goto done;
		}
	} else if (ps.password == NULL && ps.login == NULL)
		goto done;
	if (user != NULL)
		*loginp = strdup(user);
	else if (ps.login != NULL) {
		*loginp = ps.login;
		ps.login = NULL;
	} else
		*loginp = strdup("");
	if (*loginp == NULL) {
		r = NETRC_NOMEM;
		goto done;
	}
	*passwordp = ps.password;
	ps.password = NULL;
	r = NETRC_FOUND;
done:
	netrc_free(ps.login);
	netrc_free(ps.password);
	if (buf != NULL)
		freezero(buf, buflen + 1);
	free(defpath);
	return r;
}

void
netrc_free(char *s)
{
	if (s != NULL)
		freezero(s, strlen(s) + 1);
}

/*
 * The file into *bufp (NUL terminated, every line ending in '\n'), with
 * comment lines left out, as curl's file2memory() does.  read(2) into
 * our own buffers rather than stdio, whose buffer would be freed
 * unwiped.
 */
static enum netrc_result
netrc_read(const char *path, char **bufp, size_t *lenp)
{
	struct stat		 st;
	enum netrc_result	 r = NETRC_NOMEM;
	char			 chunk[4096];
	char			*buf = NULL, *line = NULL;
	size_t			 buflen = 0, linelen = 0;
	ssize_t			 n, i;
	int			 fd, saved;

	*bufp = NULL;
	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT || errno == ENOTDIR ? NETRC_NO_FILE :
		    NETRC_READ_ERROR;
	if (fstat(fd, &st) == -1) {
		r = NETRC_READ_ERROR;
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		r = NETRC_NO_FILE;
		goto done;
	}
	if ((buf = malloc(NETRC_MAX_FILE + 1)) == NULL ||
	    (line = malloc(NETRC_MAX_LINE + 1)) == NULL)
		goto done;
	buf[0] = '\0';
	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			r = NETRC_READ_ERROR;
			goto done;
		}
		for (i = 0; i < n; i++) {
			if (chunk[i] == '\0') {
				r = NETRC_SYNTAX;
				goto done;
			}
			if (chunk[i] == '\n') {
				if ((r = netrc_keep_line(buf, &buflen, line,
				    linelen)) != NETRC_FOUND)
					goto done;
				linelen = 0;
			} else if (linelen == NETRC_MAX_LINE) {
				r = NETRC_SYNTAX;
				goto done;
			} else
				line[linelen++] = chunk[i];
		}
		if (n == 0)
			break;
	}
	if (linelen > 0 &&
	    (r = netrc_keep_line(buf, &buflen, line, linelen)) != NETRC_FOUND)
		goto done;
	*bufp = buf;
	*lenp = buflen;
	buf = NULL;
	r = NETRC_FOUND;
done:
	saved = errno;
	explicit_bzero(chunk, sizeof(chunk));
	if (line != NULL)
		freezero(line, NETRC_MAX_LINE + 1);
	if (buf != NULL)
		freezero(buf, NETRC_MAX_FILE + 1);
	close(fd);
	errno = saved;
	return r;
}

/* Appends a line and its '\n' unless it is a comment. */
static enum netrc_result
netrc_keep_line(char *buf, size_t *buflen, const char *line, size_t len)
{
	size_t	 i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < len && line[i] == '#')
		return NETRC_FOUND;
	if (len + 1 > NETRC_MAX_FILE - *buflen)
		return NETRC_SYNTAX;
	memcpy(buf + *buflen, line, len);
	*buflen += len;
	buf[(*buflen)++] = '\n';
	buf[*buflen] = '\0';
	return NETRC_FOUND;
}

/* Splits buf into tokens and feeds them to the state machine. */
static enum netrc_result
netrc_parse(struct netrc_parse *ps, const char *p)
{
	enum netrc_result	 r = NETRC_FOUND;
	char			 tok[NETRC_MAX_TOKEN + 1];
	size_t			 len;
	char			 c;

	while (*p != '\0' && !ps->done) {
		if (*p == '\n' || netrc_sep((unsigned char)*p)) {
			p++;
			continue;
		}
		len = 0;
		if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\n' || *p == '\0') {
					r = NETRC_SYNTAX;
					goto done;
				}
				c = *p;
				if (c == '\\') {
					c = *++p;
					if (c == '\n' || c == '\0') {
						r = NETRC_SYNTAX;
						goto done;
					}
					if (c == 'n')
						c = '\n';
					else if (c == 'r')
						c = '\r';
					else if (c == 't')
						c = '\t';
				}
				if (len == NETRC_MAX_TOKEN) {
					r = NETRC_SYNTAX;
					goto done;
				}
				tok[len++] = c;
			}
			p++;
		} else {
			while (*p != '\0' && *p != '\n' &&
			    !netrc_sep((unsigned char)*p)) {
				if (len == NETRC_MAX_TOKEN) {
					r = NETRC_SYNTAX;
					goto done;
				}
				tok[len++] = *p++;
			}
		}
		tok[len] = '\0';
		if ((r = netrc_token(ps, tok)) != NETRC_FOUND)
			goto done;
		if (ps->macdef) {
			ps->macdef = 0;
			p = netrc_skip_macdef(p);
		}
	}
done:
	explicit_bzero(tok, sizeof(tok));
	return r;
}

/* One token through curl's state machine. */
static enum netrc_result
netrc_token(struct netrc_parse *ps, const char *tok)
{
	char	**dst;

	switch (ps->state) {
	case ST_NOTHING:
		if (strcasecmp(tok, "macdef") == 0)
			ps->macdef = 1;
		else if (strcasecmp(tok, "machine") == 0) {
			ps->state = ST_HOSTFOUND;
			netrc_new_entry(ps);
		} else if (strcasecmp(tok, "default") == 0) {
			ps->state = ST_HOSTVALID;
			ps->matched = 1;
			netrc_new_entry(ps);
		}
		break;
	case ST_HOSTFOUND:
		if (strcasecmp(tok, ps->host) == 0) {
			ps->state = ST_HOSTVALID;
			ps->matched = 1;
		} else
			ps->state = ST_NOTHING;
		break;
	case ST_HOSTVALID:
		if (ps->keyword == KW_LOGIN && ps->user != NULL) {
			ps->our_login = login_eq(ps->user, tok);
			ps->found |= FOUND_LOGIN;
			ps->keyword = KW_NONE;
		} else if (ps->keyword != KW_NONE) {
			if (ps->keyword == KW_LOGIN) {
				dst = &ps->login;
				ps->our_login = 1;
				ps->found |= FOUND_LOGIN;
			} else {
				dst = &ps->password;
				ps->found |= FOUND_PASSWORD;
			}
			netrc_free(*dst);
			if ((*dst = strdup(tok)) == NULL)
				return NETRC_NOMEM;
			ps->keyword = KW_NONE;
		} else if (strcasecmp(tok, "login") == 0)
			ps->keyword = KW_LOGIN;
		else if (strcasecmp(tok, "password") == 0)
			ps->keyword = KW_PASSWORD;
		else if (strcasecmp(tok, "macdef") == 0)
			ps->macdef = 1;
		else if (strcasecmp(tok, "machine") == 0 ||
		    strcasecmp(tok, "default") == 0) {
			/* The entry ends; curl stops at a usable one. */
			if (netrc_usable(ps)) {
				ps->done = 1;
				break;
			}
			if (strcasecmp(tok, "machine") == 0)
				ps->state = ST_HOSTFOUND;
			else
				ps->matched = 1;
			netrc_new_entry(ps);
		}
		if (ps->found == (FOUND_LOGIN | FOUND_PASSWORD) &&
		    ps->our_login)
			ps->done = 1;
		break;
	}
	return NETRC_FOUND;
}

/*
 * curl's test when an entry of ours ends: a password, and either no
 * user asked for, this user's login, or no login at all.
 */
static int
netrc_usable(const struct netrc_parse *ps)
{
	return (ps->found & FOUND_PASSWORD) && (ps->user == NULL ||
	    ps->our_login || !(ps->found & FOUND_LOGIN));
}

static void
netrc_new_entry(struct netrc_parse *ps)
{
	ps->keyword = KW_NONE;
	ps->found = 0;
	ps->our_login = 0;
	netrc_free(ps->password);
	ps->password = NULL;
	netrc_free(ps->login);
	ps->login = NULL;
}

/*
 * A macro body: the rest of the macdef line, then every line up to and
 * including the first blank one (only blanks, or CR, before its end).
 */
static const char *
netrc_skip_macdef(const char *p)
{
	const char	*nl;

	for (;;) {
		if ((nl = strchr(p, '\n')) == NULL)
			return p + strlen(p);
		p = nl + 1;
		if (*p == '\0' || netrc_blank_line(p))
			break;
	}
	if ((nl = strchr(p, '\n')) == NULL)
		return p + strlen(p);
	return nl + 1;
}

/* Token separators: blanks, CR and the other control bytes but '\n'. */
static int
netrc_sep(unsigned char c)
{
	return c <= ' ' && c != '\n' && c != '\0';
}

/* After blanks, the line ends (curl also takes a CR as its end). */
static int
netrc_blank_line(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\n' || *p == '\r' || *p == '\0';
}

/*
 * Logins compare in constant time, as curl's Curl_timestrcmp(); libbsd
 * has no timingsafe_bcmp(), hence the loop.
 */
static int
login_eq(const char *a, const char *b)
{
	size_t			 la = strlen(a), lb = strlen(b), i;
	volatile unsigned char	 diff = 0;

	if (la != lb)
		return 0;
	for (i = 0; i < la; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return diff == 0;
}
