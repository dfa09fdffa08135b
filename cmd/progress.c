/*
 * The progress meter and bar of curl 7.88: lib/progress.c
 * (progress_calc(), progress_meter(), max5data(), time2str()) and
 * src/tool_cb_prg.c (tool_progress_cb(), fly(), progressbarinit()),
 * over a clock passed in.  The arithmetic is curl's, integer division
 * and all, so the same numbers give the same characters.
 */
#include <sys/ioctl.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress.h"

#define KB	((int64_t)1024)
#define MB	(KB * 1024)
#define GB	(MB * 1024)
#define TB	(GB * 1024)
#define PB	(TB * 1024)

/* curl's table: sin(i/200 * 2 * 3.1415) * 500000 + 500000, i = 1..200. */
static const unsigned sinus[] = {
	515704, 531394, 547052, 562664, 578214, 593687, 609068, 624341,
	639491, 654504, 669364, 684057, 698568, 712883, 726989, 740870,
	754513, 767906, 781034, 793885, 806445, 818704, 830647, 842265,
	853545, 864476, 875047, 885248, 895069, 904500, 913532, 922156,
	930363, 938145, 945495, 952406, 958870, 964881, 970434, 975522,
	980141, 984286, 987954, 991139, 993840, 996054, 997778, 999011,
	999752, 999999, 999754, 999014, 997783, 996060, 993848, 991148,
	987964, 984298, 980154, 975536, 970449, 964898, 958888, 952426,
	945516, 938168, 930386, 922180, 913558, 904527, 895097, 885277,
	875077, 864507, 853577, 842299, 830682, 818739, 806482, 793922,
	781072, 767945, 754553, 740910, 727030, 712925, 698610, 684100,
	669407, 654548, 639536, 624386, 609113, 593733, 578260, 562710,
	547098, 531440, 515751, 500046, 484341, 468651, 452993, 437381,
	421830, 406357, 390976, 375703, 360552, 345539, 330679, 315985,
	301474, 287158, 273052, 259170, 245525, 232132, 219003, 206152,
	193590, 181331, 169386, 157768, 146487, 135555, 124983, 114781,
	104959, 95526, 86493, 77868, 69660, 61876, 54525, 47613, 41147,
	35135, 29581, 24491, 19871, 15724, 12056, 8868, 6166, 3951, 2225,
	990, 248, 0, 244, 982, 2212, 3933, 6144, 8842, 12025, 15690, 19832,
	24448, 29534, 35084, 41092, 47554, 54462, 61809, 69589, 77794,
	86415, 95445, 104873, 114692, 124891, 135460, 146389, 157667,
	169282, 181224, 193480, 206039, 218888, 232015, 245406, 259048,
	272928, 287032, 301346, 315856, 330548, 345407, 360419, 375568,
	390841, 406221, 421693, 437243, 452854, 468513, 484202, 499907
};

/* Output being built: like snprintf, never past size. */
struct out {
	char	*buf;
	size_t	 size;
	size_t	 len;
};

static int64_t	 trspeed(int64_t, uint64_t);
static int	 calc(struct progress *, uint64_t, int);
static void	 meter_line(struct progress *, struct out *);
static void	 bar_update(struct progress *, uint64_t, struct out *);
static void	 fly(struct progress *, int, struct out *);
static void	 put(struct out *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

void
progress_init(struct progress *p, enum progress_mode mode, int width,
    int64_t resume, uint64_t now_us)
{
	memset(p, 0, sizeof(*p));
	p->mode = mode;
	if (width <= 0)
		width = PROGRESS_BAR_DEFAULT;
	p->width = width > PROGRESS_BAR_MAX ? PROGRESS_BAR_MAX : width;
	p->resume = resume;
	p->tick = 150;
	p->barmove = 1;
	progress_restart(p, now_us);
}

void
progress_restart(struct progress *p, uint64_t now_us)
{
	p->start_us = now_us;
	p->dl_now = p->ul_now = 0;
	p->dl_total = p->ul_total = -1;
	p->dl_speed = p->ul_speed = p->cur_speed = 0;
	p->speeder_c = 0;
	p->spent_us = 0;
}

void
progress_set_size(struct progress *p, int64_t dl_total, int64_t ul_total)
{
	p->dl_total = dl_total >= 0 ? dl_total : -1;
	p->ul_total = ul_total >= 0 ? ul_total : -1;
}

size_t
progress_update(struct progress *p, uint64_t now_us, int64_t dl_now,
    int64_t ul_now, char *buf, size_t size)
{
	struct out	 o = { buf, size, 0 };

	if (size > 0)
		buf[0] = '\0';
	p->dl_now = dl_now;
	p->ul_now = ul_now;
	if (p->mode == PROGRESS_BAR) {
		bar_update(p, now_us, &o);
		return o.len;
	}
	if (calc(p, now_us, 0))
		meter_line(p, &o);
	return o.len;
}

size_t
progress_done(struct progress *p, uint64_t now_us, char *buf, size_t size)
{
	struct out	 o = { buf, size, 0 };

	if (size > 0)
		buf[0] = '\0';
	if (p->mode == PROGRESS_BAR) {
		bar_update(p, now_us, &o);
		if (p->calls > 0)
			put(&o, "\n");
	} else {
		calc(p, now_us, 1);
		meter_line(p, &o);
		put(&o, "\n");
	}
	return o.len;
}

int
progress_print(struct progress *p, FILE *fp, uint64_t now_us,
    int64_t dl_now, int64_t ul_now)
{
	char	 buf[PROGRESS_BUFSIZE];
	size_t	 n;

	if ((n = progress_update(p, now_us, dl_now, ul_now, buf,
	    sizeof(buf))) == 0)
		return 0;
	if (fwrite(buf, 1, n, fp) != n || fflush(fp) == EOF)
		return -1;
	return 0;
}

int
progress_print_done(struct progress *p, FILE *fp, uint64_t now_us)
{
	char	 buf[PROGRESS_BUFSIZE];
	size_t	 n;

	n = progress_done(p, now_us, buf, sizeof(buf));
	if (n > 0 && (fwrite(buf, 1, n, fp) != n || fflush(fp) == EOF))
		return -1;
	return 0;
}

/* Bytes per second over us microseconds, curl's trspeed(). */
static int64_t
trspeed(int64_t size, uint64_t us)
{
	if (us < 1)
		return size < INT64_MAX / 1000000 ? size * 1000000 : INT64_MAX;
	if (size < INT64_MAX / 1000000)
		return (int64_t)((size * 1000000) / (int64_t)us);
	if (us >= 1000000)
		return size / (int64_t)(us / 1000000);
	return INT64_MAX;
}

/*
 * curl's progress_calc(): average speeds on every call; once per new
 * second of the clock (or when forced) a sample for the current speed
 * over the last five seconds, and 1 for "show a line now".
 */
static int
calc(struct progress *p, uint64_t now_us, int force)
{
	uint64_t	 sec = now_us / 1000000;
	int64_t		 amount, span_ms;
	unsigned	 nowi, checki, count;

	p->spent_us = now_us > p->start_us ? now_us - p->start_us : 0;
	p->dl_speed = trspeed(p->dl_now, p->spent_us);
	p->ul_speed = trspeed(p->ul_now, p->spent_us);
	if (p->shown && sec == p->last_sec && !force)
		return 0;
	p->shown = 1;
	p->last_sec = sec;
	nowi = p->speeder_c % PROGRESS_SPEEDS;
	p->speeder[nowi] = p->dl_now + p->ul_now;
	p->speeder_us[nowi] = now_us;
	p->speeder_c++;
	count = (p->speeder_c >= PROGRESS_SPEEDS ? PROGRESS_SPEEDS :
	    p->speeder_c) - 1;
	if (count == 0) {
		/* The first second: the average. */
		p->cur_speed = p->ul_speed + p->dl_speed;
		return 1;
	}
	checki = p->speeder_c >= PROGRESS_SPEEDS ?
	    p->speeder_c % PROGRESS_SPEEDS : 0;
	span_ms = now_us > p->speeder_us[checki] ?
	    (int64_t)((now_us - p->speeder_us[checki]) / 1000) : 0;
	if (span_ms == 0)
		span_ms = 1;
	amount = p->speeder[nowi] - p->speeder[checki];
	if (amount > 4294967)
		p->cur_speed = (int64_t)((double)amount /
		    ((double)span_ms / 1000.0));
	else
		p->cur_speed = amount * 1000 / span_ms;
	return 1;
}

/* curl's progress_meter(): the header once, then a line after '\r'. */
static void
meter_line(struct progress *p, struct out *o)
{
	char		 s[6][6], tleft[9], ttotal[9], tspent[9];
	int64_t		 dlpct = 0, ulpct = 0, pct = 0, dlest = 0, ulest = 0;
	int64_t		 est, expected, done, spent;

	spent = (int64_t)(p->spent_us / 1000000);
	if (!p->header_done) {
		if (p->resume > 0)
			put(o, "** Resuming transfer from byte position %lld\n",
			    (long long)p->resume);
		put(o, "  %% Total    %% Received %% Xferd  Average Speed   "
		    "Time    Time     Time  Current\n"
		    "                                 Dload  Upload   "
		    "Total   Spent    Left  Speed\n");
		p->header_done = 1;
	}
	if (p->ul_total >= 0 && p->ul_speed > 0) {
		ulest = p->ul_total / p->ul_speed;
		if (p->ul_total > 10000)
			ulpct = p->ul_now / (p->ul_total / 100);
		else if (p->ul_total > 0)
			ulpct = p->ul_now * 100 / p->ul_total;
	}
	if (p->dl_total >= 0 && p->dl_speed > 0) {
		dlest = p->dl_total / p->dl_speed;
		if (p->dl_total > 10000)
			dlpct = p->dl_now / (p->dl_total / 100);
		else if (p->dl_total > 0)
			dlpct = p->dl_now * 100 / p->dl_total;
	}
	est = ulest > dlest ? ulest : dlest;
	progress_time8(tleft, est > 0 ? est - spent : 0);
	progress_time8(ttotal, est);
	progress_time8(tspent, spent);
	expected = (p->ul_total >= 0 ? p->ul_total : p->ul_now) +
	    (p->dl_total >= 0 ? p->dl_total : p->dl_now);
	done = p->dl_now + p->ul_now;
	if (expected > 10000)
		pct = done / (expected / 100);
	else if (expected > 0)
		pct = done * 100 / expected;
	put(o, "\r%3lld %s  %3lld %s  %3lld %s  %s  %s %s %s %s %s",
	    (long long)pct, progress_size5(s[2], expected),
	    (long long)dlpct, progress_size5(s[0], p->dl_now),
	    (long long)ulpct, progress_size5(s[1], p->ul_now),
	    progress_size5(s[3], p->dl_speed),
	    progress_size5(s[4], p->ul_speed),
	    ttotal, tspent, tleft, progress_size5(s[5], p->cur_speed));
}

/* curl's tool_progress_cb(), resume as its initial_size. */
static void
bar_update(struct progress *p, uint64_t now_us, struct out *o)
{
	char		 line[PROGRESS_BAR_MAX + 1];
	int64_t		 dltotal, ultotal, total, point, sum;
	double		 frac;
	int		 barwidth, num;

	dltotal = p->dl_total > 0 ? p->dl_total : 0;
	ultotal = p->ul_total > 0 ? p->ul_total : 0;
	sum = dltotal + ultotal;
	if (p->resume < 0) {
		total = sum != 0 ? sum : INT64_MAX;
		point = sum != 0 ? p->dl_now + p->ul_now : INT64_MAX;
	} else {
		total = INT64_MAX - p->resume < sum ? INT64_MAX :
		    sum + p->resume;
		point = INT64_MAX - p->resume < p->dl_now + p->ul_now ?
		    INT64_MAX : p->dl_now + p->ul_now + p->resume;
	}
	if (p->calls > 0) {
		if (total != 0) {
			if (p->prev == point)
				return;
			if (now_us - p->prev_us < PROGRESS_BAR_INTERVAL_US &&
			    point < total)
				return;
		} else {
			if (now_us - p->prev_us < PROGRESS_BAR_INTERVAL_US)
				return;
			fly(p, point != p->prev, o);
		}
	}
	p->calls++;
	if (total > 0 && point != p->prev) {
		if (point > total)
			total = point;
		frac = (double)point / (double)total;
		barwidth = p->width - 7;
		num = (int)((double)barwidth * frac);
		if (num > PROGRESS_BAR_MAX)
			num = PROGRESS_BAR_MAX;
		if (num < 0)
			num = 0;
		memset(line, '#', (size_t)num);
		line[num] = '\0';
		put(o, "\r%-*s %5.1f%%", barwidth, line, frac * 100.0);
	}
	p->prev = point;
	p->prev_us = now_us;
}

/* curl's fly(): the "-=O=-" and four '#' on a sine, one frame. */
static void
fly(struct progress *p, int moved, struct out *o)
{
	char	 buf[256];
	int	 check = p->width - 2, pos, i;

	snprintf(buf, sizeof(buf), "%*s\r", p->width - 1, " ");
	memcpy(&buf[p->bar], "-=O=-", 5);
	for (i = 0; i < 20; i += 5) {
		pos = (int)(sinus[(p->tick + i) % 200] / (1000000 / check));
		buf[pos] = '#';
	}
	put(o, "%s", buf);
	p->tick += 2;
	if (p->tick >= 200)
		p->tick -= 200;
	p->bar += moved ? p->barmove : 0;
	if (p->bar >= p->width - 6) {
		p->barmove = -1;
		p->bar = p->width - 6;
	} else if (p->bar < 0) {
		p->barmove = 1;
		p->bar = 0;
	}
}

static void
put(struct out *o, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (o->size == 0 || o->len >= o->size - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->len += (size_t)n < o->size - o->len ? (size_t)n :
	    o->size - o->len - 1;
}

char *
progress_size5(char *out, int64_t bytes)
{
	char	 tmp[32];

	/* Each range fits 5 columns; curl cuts anything else at 5. */
	if (bytes < 100000)
		snprintf(tmp, sizeof(tmp), "%5lld", (long long)bytes);
	else if (bytes < 10000 * KB)
		snprintf(tmp, sizeof(tmp), "%4lldk", (long long)(bytes / KB));
	else if (bytes < 100 * MB)
		snprintf(tmp, sizeof(tmp), "%2lld.%0lldM",
		    (long long)(bytes / MB),
		    (long long)((bytes % MB) / (MB / 10)));
	else if (bytes < 10000 * MB)
		snprintf(tmp, sizeof(tmp), "%4lldM", (long long)(bytes / MB));
	else if (bytes < 100 * GB)
		snprintf(tmp, sizeof(tmp), "%2lld.%0lldG",
		    (long long)(bytes / GB),
		    (long long)((bytes % GB) / (GB / 10)));
	else if (bytes < 10000 * GB)
		snprintf(tmp, sizeof(tmp), "%4lldG", (long long)(bytes / GB));
	else if (bytes < 10000 * TB)
		snprintf(tmp, sizeof(tmp), "%4lldT", (long long)(bytes / TB));
	else
		snprintf(tmp, sizeof(tmp), "%4lldP", (long long)(bytes / PB));
	strlcpy(out, tmp, 6);
	return out;
}

char *
progress_time8(char *out, int64_t seconds)
{
	char	 tmp[64];
	int64_t	 h, m, s, d;

	if (seconds <= 0) {
		strlcpy(out, "--:--:--", 9);
		return out;
	}
	h = seconds / 3600;
	if (h <= 99) {
		m = (seconds - h * 3600) / 60;
		s = seconds - h * 3600 - m * 60;
		snprintf(tmp, sizeof(tmp), "%2lld:%02lld:%02lld",
		    (long long)h, (long long)m, (long long)s);
	} else {
		d = seconds / 86400;
		h = (seconds - d * 86400) / 3600;
		if (d <= 999)
			snprintf(tmp, sizeof(tmp), "%3lldd %02lldh",
			    (long long)d, (long long)h);
		else
			snprintf(tmp, sizeof(tmp), "%7lldd", (long long)d);
	}
	/* 8 columns; curl cuts longer day counts there. */
	strlcpy(out, tmp, 9);
	return out;
}

int
progress_bar_width(const char *columns, int fd)
{
	struct winsize	 ws;
	char		*end;
	long		 n;
	int		 width = 0;

	if (columns != NULL) {
		n = strtol(columns, &end, 10);
		if (end != columns && *end == '\0' && n > 20 && n < 10000)
			width = (int)n;
	}
	if (width == 0 && fd >= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 20)
		width = ws.ws_col;
	if (width == 0)
		width = PROGRESS_BAR_DEFAULT;
	return width > PROGRESS_BAR_MAX ? PROGRESS_BAR_MAX : width;
}

uint64_t
progress_now_us(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}
