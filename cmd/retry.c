/*
 * The retry policy of curl 7.88's post_per_transfer(), as pure
 * functions, and a strict parser for Retry-After (RFC 9110 sections
 * 10.2.3 and 5.6.7) where curl uses its lenient date parser.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "retry.h"

/* "Problem %s." for each kind, curl's words (index: enum retry_kind). */
static const char *const retry_words[] = {
	"",
	"(retrying all errors)",
	": timeout",
	": connection refused",
	": HTTP error"
};

static const char *const day_short[] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const day_long[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};
static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

static int	 date_imf(const char *, struct tm *);
static int	 date_rfc850(const char *, time_t, struct tm *);
static int	 date_asctime(const char *, struct tm *);
static int	 word(const char **, const char *const *, size_t, int *);
static int	 num(const char **, int, int *);
static int	 lit(const char **, const char *);
static int	 clock_of(const char **, struct tm *);
static int	 tm_valid(const struct tm *);

void
retry_init(struct retry_state *st, const struct retry_opts *o,
    int64_t now_ms)
{
	st->left = o->retries > 0 ? o->retries : 0;
	st->done = 0;
	st->sleep_ms = o->delay_ms > 0 ? o->delay_ms : RETRY_SLEEP_DEFAULT_MS;
	st->start_ms = now_ms;
}

int
retry_http_transient(int status)
{
	switch (status) {
	case 408:		/* Request Timeout */
	case 429:		/* Too Many Requests */
	case 500:		/* Internal Server Error */
	case 502:		/* Bad Gateway */
	case 503:		/* Service Unavailable */
	case 504:		/* Gateway Timeout */
	case 522:		/* Connection Timed Out (Cloudflare) */
	case 524:		/* A Timeout Occurred (Cloudflare) */
		return 1;
	default:
		return 0;
	}
}

enum retry_kind
retry_classify(const struct retry_opts *o, const struct retry_result *r)
{
	switch (r->exitcode) {
	case 5:			/* proxy not resolved */
	case 6:			/* host not resolved */
	case 28:		/* timeout */
		return RETRY_TIMEOUT;
	case 7:
		if (o->connrefused && r->refused)
			return RETRY_CONNREFUSED;
		break;
	case 0:
		if (retry_http_transient(r->status))
			return RETRY_HTTP;
		return RETRY_NO;
	case 22:
		if (o->fail && retry_http_transient(r->status))
			return RETRY_HTTP;
		break;
	default:
		break;
	}
	return o->all_errors ? RETRY_ALL_ERRORS : RETRY_NO;
}

int
retry_next(struct retry_state *st, const struct retry_opts *o,
    const struct retry_result *r, int64_t now_ms, int64_t *wait_ms,
    char *msg, size_t size)
{
	enum retry_kind	 kind;
	int64_t		 elapsed, wait, base;
	int		 from_header = 0;

	if (size > 0)
		msg[0] = '\0';
	*wait_ms = 0;
	if (st->left <= 0)
		return 0;
	elapsed = now_ms > st->start_ms ? now_ms - st->start_ms : 0;
	if (o->max_time_ms > 0 && elapsed >= o->max_time_ms)
		return 0;
	if ((kind = retry_classify(o, r)) == RETRY_NO)
		return 0;
	wait = st->sleep_ms;
	if (kind == RETRY_HTTP && r->retry_after > 0) {
		wait = r->retry_after > INT64_MAX / 1000 ? INT64_MAX :
		    r->retry_after * 1000;
		from_header = 1;
	}
	if (o->max_time_ms > 0) {
		/* Whole seconds gone, as curl counts them. */
		base = elapsed / 1000 * 1000;
		if (wait > o->max_time_ms - base) {
			if (from_header && size > 0)
				strlcpy(msg, "The Retry-After: time would make "
				    "this command line exceed the maximum "
				    "allowed time for retries.", size);
			return 0;
		}
	}
	if (size > 0)
		snprintf(msg, size, "Problem %s. Will retry in %lld seconds. "
		    "%ld retries left.", retry_words[kind],
		    (long long)(wait / 1000), st->left);
	st->left--;
	st->done++;
	if (o->delay_ms <= 0) {
		if (st->sleep_ms > RETRY_SLEEP_MAX_MS / 2)
			st->sleep_ms = RETRY_SLEEP_MAX_MS;
		else
			st->sleep_ms *= 2;
	}
	*wait_ms = wait;
	return 1;
}

int64_t
retry_after_parse(const char *v, time_t now)
{
	const char	*p;
	int64_t		 n = 0;
	time_t		 t;

	if (v == NULL)
		return 0;
	p = v + strspn(v, " \t");
	if (*p >= '0' && *p <= '9') {
		/* delay-seconds = 1*DIGIT */
		for (; *p >= '0' && *p <= '9'; p++)
			if (n < RETRY_AFTER_MAX)
				n = n * 10 + (*p - '0');
		if (p[strspn(p, " \t")] != '\0')
			return 0;
		return n < RETRY_AFTER_MAX ? n : RETRY_AFTER_MAX;
	}
	if (retry_http_date(p, now, &t) == -1 || t <= now)
		return 0;
	if ((int64_t)t - (int64_t)now > RETRY_AFTER_MAX)
		return RETRY_AFTER_MAX;
	return (int64_t)t - (int64_t)now;
}

int
retry_http_date(const char *s, time_t now, time_t *t)
{
	struct tm	 tm;
	size_t		 n;
	int		 r;

	s += strspn(s, " \t");
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	memset(&tm, 0, sizeof(tm));
	if (n == 3 && s[n] == ',')
		r = date_imf(s, &tm);
	else if (n > 3 && s[n] == ',')
		r = date_rfc850(s, now, &tm);
	else if (n == 3 && s[n] == ' ')
		r = date_asctime(s, &tm);
	else
		r = -1;
	if (r == -1 || !tm_valid(&tm))
		return -1;
	if ((*t = timegm(&tm)) == (time_t)-1)
		return -1;
	return 0;
}

/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
static int
date_imf(const char *p, struct tm *tm)
{
	int	 i;

	if (word(&p, day_short, 7, &i) == -1 || lit(&p, ", ") == -1 ||
	    num(&p, 2, &tm->tm_mday) == -1 || lit(&p, " ") == -1 ||
	    word(&p, month_names, 12, &tm->tm_mon) == -1 ||
	    lit(&p, " ") == -1 || num(&p, 4, &tm->tm_year) == -1 ||
	    lit(&p, " ") == -1 || clock_of(&p, tm) == -1 ||
	    lit(&p, " GMT") == -1)
		return -1;
	tm->tm_year -= 1900;
	return p[strspn(p, " \t")] == '\0' ? 0 : -1;
}

/*
 * rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"; a year more than 50
 * years ahead of now is the century before (RFC 9110 section 5.6.7).
 */
static int
date_rfc850(const char *p, time_t now, struct tm *tm)
{
	struct tm	 cur;
	int		 i, yy, year, thisyear;

	if (word(&p, day_long, 7, &i) == -1 || lit(&p, ", ") == -1 ||
	    num(&p, 2, &tm->tm_mday) == -1 || lit(&p, "-") == -1 ||
	    word(&p, month_names, 12, &tm->tm_mon) == -1 ||
	    lit(&p, "-") == -1 || num(&p, 2, &yy) == -1 ||
	    lit(&p, " ") == -1 || clock_of(&p, tm) == -1 ||
	    lit(&p, " GMT") == -1 || p[strspn(p, " \t")] != '\0')
		return -1;
	if (gmtime_r(&now, &cur) == NULL)
		return -1;
	thisyear = cur.tm_year + 1900;
	/* The latest year ending in yy not more than 50 years ahead. */
	year = thisyear - thisyear % 100 + yy;
	if (year > thisyear + 50)
		year -= 100;
	else if (year + 100 <= thisyear + 50)
		year += 100;
	tm->tm_year = year - 1900;
	return 0;
}

/* asctime-date: "Sun Nov  6 08:49:37 1994" (day: two digits or SP digit) */
static int
date_asctime(const char *p, struct tm *tm)
{
	int	 i;

	if (word(&p, day_short, 7, &i) == -1 || lit(&p, " ") == -1 ||
	    word(&p, month_names, 12, &tm->tm_mon) == -1 ||
	    lit(&p, " ") == -1)
		return -1;
	if (*p == ' ') {
		p++;
		if (num(&p, 1, &tm->tm_mday) == -1)
			return -1;
	} else if (num(&p, 2, &tm->tm_mday) == -1)
		return -1;
	if (lit(&p, " ") == -1 || clock_of(&p, tm) == -1 ||
	    lit(&p, " ") == -1 || num(&p, 4, &tm->tm_year) == -1)
		return -1;
	tm->tm_year -= 1900;
	return p[strspn(p, " \t")] == '\0' ? 0 : -1;
}

/* One of names, whole, without case: its index in *idx. */
static int
word(const char **p, const char *const *names, size_t count, int *idx)
{
	size_t	 i, n;

	for (i = 0; i < count; i++) {
		n = strlen(names[i]);
		if (strncasecmp(*p, names[i], n) == 0 &&
		    !((*p)[n] >= 'a' && (*p)[n] <= 'z') &&
		    !((*p)[n] >= 'A' && (*p)[n] <= 'Z')) {
			*p += n;
			*idx = (int)i;
			return 0;
		}
	}
	return -1;
}

/* Exactly n digits. */
static int
num(const char **p, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* s exactly, letters without case ("GMT"). */
static int
lit(const char **p, const char *s)
{
	size_t	 n = strlen(s);

	if (strncasecmp(*p, s, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/* time-of-day = hour ":" minute ":" second, two digits each */
static int
clock_of(const char **p, struct tm *tm)
{
	if (num(p, 2, &tm->tm_hour) == -1 || lit(p, ":") == -1 ||
	    num(p, 2, &tm->tm_min) == -1 || lit(p, ":") == -1 ||
	    num(p, 2, &tm->tm_sec) == -1)
		return -1;
	return 0;
}

/* Ranges, the day against its month; second 60 for a leap second. */
static int
tm_valid(const struct tm *tm)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 year = tm->tm_year + 1900, max;

	if (tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_hour > 23 ||
	    tm->tm_min > 59 || tm->tm_sec > 60 || tm->tm_mday < 1)
		return 0;
	max = days[tm->tm_mon];
	if (tm->tm_mon == 1 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		max = 29;
	return tm->tm_mday <= max;
}
