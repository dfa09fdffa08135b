/*
 * Unit tests for cmd/progress.c: curl's number and time formats, the
 * meter and the bar against lines captured from curl 7.88.1 (run under
 * script(1) against a local server sending 64 KiB every 100 ms), with
 * the clock values that give curl's numbers.
 */
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/progress.h"
#include "check.h"

#define SEC	((uint64_t)1000000)

static const char header[] =
    "  % Total    % Received % Xferd  Average Speed   Time    Time     "
    "Time  Current\n"
    "                                 Dload  Upload   Total   Spent    "
    "Left  Speed\n";

static int	 size5_is(int64_t, const char *);
static int	 time8_is(int64_t, const char *);
static int	 update_is(struct progress *, uint64_t, int64_t, int64_t,
		    const char *);
static void	 test_size5(void);
static void	 test_time8(void);
static void	 test_meter(void);
static void	 test_meter_unknown(void);
static void	 test_meter_speeds(void);
static void	 test_meter_misc(void);
static void	 test_bar(void);
static void	 test_fly(void);
static void	 test_width(void);
static void	 test_print(void);

static int
size5_is(int64_t n, const char *want)
{
	char	 out[6];

	progress_size5(out, n);
	if (strcmp(out, want) != 0) {
		printf("size5(%lld) = '%s', want '%s'\n", (long long)n, out,
		    want);
		return 0;
	}
	return 1;
}

static int
time8_is(int64_t n, const char *want)
{
	char	 out[9];

	progress_time8(out, n);
	if (strcmp(out, want) != 0) {
		printf("time8(%lld) = '%s', want '%s'\n", (long long)n, out,
		    want);
		return 0;
	}
	return 1;
}

static int
update_is(struct progress *p, uint64_t now, int64_t dl, int64_t ul,
    const char *want)
{
	char	 buf[PROGRESS_BUFSIZE];
	size_t	 n;

	n = progress_update(p, now, dl, ul, buf, sizeof(buf));
	if (n != strlen(want) || strcmp(buf, want) != 0) {
		printf("got  '%s'\nwant '%s'\n", buf, want);
		return 0;
	}
	return 1;
}

static void
test_size5(void)
{
	const int64_t	 K = 1024, M = K * K, G = M * K, T = G * K;

	CHECK(size5_is(0, "    0"));
	CHECK(size5_is(7, "    7"));
	CHECK(size5_is(99999, "99999"));
	CHECK(size5_is(100000, "  97k"));
	CHECK(size5_is(720896, " 704k"));
	CHECK(size5_is(4000000, "3906k"));
	CHECK(size5_is(6000000, "5859k"));
	CHECK(size5_is(10000 * K - 1, "9999k"));
	CHECK(size5_is(10000 * K, " 9.7M"));
	CHECK(size5_is(50 * M + M / 2, "50.5M"));
	CHECK(size5_is(100 * M - 7, "99.9M"));
	/* curl's quirk: MB / 10 is rounded down, so the last bytes of a
	 * mebibyte show as ".10", cut at five columns. */
	CHECK(size5_is(100 * M - 1, "99.10"));
	CHECK(size5_is(20 * M - 1, "19.10"));
	CHECK(size5_is(100 * M, " 100M"));
	CHECK(size5_is(10000 * M - 1, "9999M"));
	CHECK(size5_is(10000 * M, " 9.7G"));
	CHECK(size5_is(100 * G - 11, "99.9G"));
	CHECK(size5_is(100 * G - 1, "99.10"));
	CHECK(size5_is(100 * G, " 100G"));
	CHECK(size5_is(10000 * G - 1, "9999G"));
	CHECK(size5_is(10000 * G, "   9T"));
	CHECK(size5_is(10000 * T - 1, "9999T"));
	CHECK(size5_is(10000 * T, "   9P"));
	CHECK(size5_is(INT64_MAX, "8191P"));
}

static void
test_time8(void)
{
	CHECK(time8_is(0, "--:--:--"));
	CHECK(time8_is(-5, "--:--:--"));
	CHECK(time8_is(1, " 0:00:01"));
	CHECK(time8_is(61, " 0:01:01"));
	CHECK(time8_is(3599, " 0:59:59"));
	CHECK(time8_is(3600, " 1:00:00"));
	CHECK(time8_is(36000, "10:00:00"));
	CHECK(time8_is(99 * 3600 + 3599, "99:59:59"));
	CHECK(time8_is(100 * 3600, "  4d 04h"));
	CHECK(time8_is(999 * 86400 + 23 * 3600, "999d 23h"));
	CHECK(time8_is(1000 * (int64_t)86400, "   1000d"));
	CHECK(time8_is(9999999 * (int64_t)86400, "9999999d"));
	CHECK(time8_is(INT64_MAX, "10675199"));	/* cut at 8, as curl */
}

/*
 * "curl -o /dev/null http://127.0.0.1/slow/4000000/100/n": the header,
 * the zero line, then " 18 3906k   18  704k ..." after a second with
 * 720896 bytes in, averaging 698k.
 */
static void
test_meter(void)
{
	struct progress	 p;
	uint64_t	 t0 = 1000 * SEC + 990000;
	char		 want[512], buf[PROGRESS_BUFSIZE];

	progress_init(&p, PROGRESS_METER, 0, 0, t0);
	snprintf(want, sizeof(want), "%s\r  0     0    0     0    0     0    "
	    "  0      0 --:--:-- --:--:-- --:--:--     0", header);
	CHECK(update_is(&p, t0, 0, 0, want));
	/* Same second: nothing, however often. */
	CHECK(update_is(&p, t0 + 5000, 0, 0, ""));
	progress_set_size(&p, 4000000, -1);
	CHECK(update_is(&p, t0 + 9000, 65536, 0, ""));
	/* The next second of the clock: a line (1.0082 s spent). */
	CHECK(update_is(&p, t0 + 1008200, 720896, 0,
	    "\r 18 3906k   18  704k    0     0   698k      0  0:00:05  "
	    "0:00:01  0:00:04  698k"));
	CHECK(update_is(&p, t0 + 1008300, 4000000, 0, ""));
	/* The end: forced, then a newline; percentages reach 100. */
	CHECK(progress_done(&p, t0 + 1008400, buf, sizeof(buf)) ==
	    strlen(buf));
	CHECK(strcmp(buf, "\r100 3906k  100 3906k    0     0  3873k      0 "
	    " 0:00:01  0:00:01 --:--:-- 3875k\n") == 0);
}

/*
 * Chunked, size unknown: "100  256k    0  256k    0     0   842k      0
 * --:--:-- --:--:-- --:--:--  842k" 0.304 s in.
 */
static void
test_meter_unknown(void)
{
	struct progress	 p;
	uint64_t	 t0 = 5000 * SEC + 800000;
	char		 want[512];

	progress_init(&p, PROGRESS_METER, 0, 0, t0);
	snprintf(want, sizeof(want), "%s\r  0     0    0     0    0     0    "
	    "  0      0 --:--:-- --:--:-- --:--:--     0", header);
	CHECK(update_is(&p, t0, 0, 0, want));
	CHECK(update_is(&p, t0 + 304000, 262144, 0,
	    "\r100  256k    0  256k    0     0   842k      0 --:--:-- "
	    "--:--:-- --:--:--  842k"));
	/* Uploads count in Total and Xferd. */
	progress_set_size(&p, -1, 20000);
	CHECK(update_is(&p, t0 + SEC + 304000, 262144, 10000,
	    "\r 96  275k    0  256k   50 10000   196k   7668  0:00:02  "
	    "0:00:01  0:00:01  203k"));
}

/* The current speed: over the last samples, one per second, six kept. */
static void
test_meter_speeds(void)
{
	struct progress	 p;
	char		 buf[PROGRESS_BUFSIZE];
	uint64_t	 t0 = 10 * SEC;
	int		 i;

	progress_init(&p, PROGRESS_METER, 0, 0, t0);
	for (i = 0; i <= 6; i++)
		progress_update(&p, t0 + i * SEC, i * 1000, 0, buf,
		    sizeof(buf));
	CHECK(p.cur_speed == 1000);
	CHECK(strcmp(buf + strlen(buf) - 5, " 1000") == 0);
	/* Stalled: the oldest sample kept is 2000 bytes at 12 s. */
	progress_update(&p, t0 + 7 * SEC, 6000, 0, buf, sizeof(buf));
	CHECK(p.cur_speed == 4000 * 1000 / 5000);
	/* Samples are per line shown, not per second gone. */
	progress_update(&p, t0 + 12 * SEC, 6000, 0, buf, sizeof(buf));
	CHECK(p.cur_speed == 3000 * 1000 / 9000);
	CHECK(strcmp(buf, "\r100  6000    0  6000    0     0    500      0 "
	    "--:--:--  0:00:12 --:--:--   333") == 0);
	/* Past 100 MB in the window: curl's floating point branch. */
	progress_init(&p, PROGRESS_METER, 0, 0, t0);
	progress_update(&p, t0, 0, 0, buf, sizeof(buf));
	progress_update(&p, t0 + 2 * SEC, (int64_t)3 << 30, 0, buf,
	    sizeof(buf));
	CHECK(p.cur_speed == ((int64_t)3 << 30) / 2);
	CHECK(strcmp(buf + strlen(buf) - 6, " 1536M") == 0);
}

static void
test_meter_misc(void)
{
	struct progress	 p;
	char		 buf[PROGRESS_BUFSIZE], small[16];
	size_t		 n;

	/* A resumed download says so above the header. */
	progress_init(&p, PROGRESS_METER, 0, 12345, 0);
	progress_update(&p, 0, 0, 0, buf, sizeof(buf));
	CHECK(strncmp(buf, "** Resuming transfer from byte position 12345\n"
	    "  % Total", 55) == 0);
	/* A restart keeps the header shown, counts start again. */
	progress_restart(&p, 3 * SEC);
	CHECK(update_is(&p, 3 * SEC, 0, 0, "\r  0     0    0     0    0     0 "
	    "     0      0 --:--:-- --:--:-- --:--:--     0"));
	/* A short transfer: the zero line, then done in the same second. */
	progress_init(&p, PROGRESS_METER, 0, 0, 7 * SEC);
	progress_update(&p, 7 * SEC, 0, 0, buf, sizeof(buf));
	progress_set_size(&p, 0, -1);
	n = progress_done(&p, 7 * SEC + 1000, buf, sizeof(buf));
	CHECK(n == strlen(buf) && strcmp(buf, "\r  0     0    0     0    0 "
	    "    0      0      0 --:--:-- --:--:-- --:--:--     0\n") == 0);
	/* A small buffer is cut and terminated. */
	progress_init(&p, PROGRESS_METER, 0, 0, 0);
	n = progress_update(&p, 0, 0, 0, small, sizeof(small));
	CHECK(n == sizeof(small) - 1 && strlen(small) == n &&
	    strncmp(small, header, n) == 0);
	CHECK(progress_update(&p, SEC, 0, 0, small, 0) == 0);
	CHECK(progress_update(&p, 2 * SEC, 0, 0, small, 1) == 0 &&
	    small[0] == '\0');
}

/*
 * COLUMNS=60 curl -# (1000000 bytes): "\r######" + blanks to 53 +
 * " 13.1%", ..., "\r" 53 '#' " 100.0%", "\n".
 */
static void
test_bar(void)
{
	struct progress	 p;
	char		 want[128], buf[PROGRESS_BUFSIZE];
	uint64_t	 t0 = 77 * SEC;

	progress_init(&p, PROGRESS_BAR, 60, 0, t0);
	/* The first call draws nothing while nothing came. */
	CHECK(update_is(&p, t0, 0, 0, ""));
	progress_set_size(&p, 1000000, -1);
	/* Too soon after the last drawing. */
	CHECK(update_is(&p, t0 + 50000, 65536, 0, ""));
	snprintf(want, sizeof(want), "\r%-53s  13.1%%", "######");
	CHECK(update_is(&p, t0 + PROGRESS_BAR_INTERVAL_US, 131072, 0, want));
	/* No progress, no drawing, however late. */
	CHECK(update_is(&p, t0 + 10 * SEC, 131072, 0, ""));
	snprintf(want, sizeof(want), "\r%-53s  19.7%%", "##########");
	CHECK(update_is(&p, t0 + 11 * SEC, 196608, 0, want));
	/* 100% is drawn at once. */
	snprintf(want, sizeof(want), "\r%s 100.0%%",
	    "#####################################################");
	CHECK(update_is(&p, t0 + 11 * SEC + 1, 1000000, 0, want));
	/* Then done adds only the newline. */
	CHECK(progress_done(&p, t0 + 11 * SEC + 2, buf, sizeof(buf)) == 1);
	CHECK(strcmp(buf, "\n") == 0);

	/* Done draws a last bar if it changed. */
	progress_init(&p, PROGRESS_BAR, 20, 0, 0);
	progress_set_size(&p, 100, -1);
	snprintf(want, sizeof(want), "\r%-13s  50.0%%", "######");
	CHECK(update_is(&p, 0, 50, 0, want));
	CHECK(update_is(&p, 1, 100, 0, "\r############# 100.0%"));
	CHECK(progress_done(&p, 2, buf, sizeof(buf)) == 1);
	/* The end is rate limited like any update below 100%, as curl's
	 * last callback is: too soon, only the newline; later, the bar. */
	progress_init(&p, PROGRESS_BAR, 20, 0, 0);
	progress_set_size(&p, 100, -1);
	CHECK(update_is(&p, 0, 50, 0, want));
	CHECK(update_is(&p, 1, 60, 0, ""));
	CHECK(progress_done(&p, 2, buf, sizeof(buf)) == 1);
	progress_init(&p, PROGRESS_BAR, 20, 0, 0);
	progress_set_size(&p, 100, -1);
	CHECK(update_is(&p, 0, 50, 0, want));
	CHECK(update_is(&p, 1, 60, 0, ""));
	CHECK(progress_done(&p, SEC, buf, sizeof(buf)) == 22);
	snprintf(want, sizeof(want), "\r%-13s  60.0%%\n", "#######");
	CHECK(strcmp(buf, want) == 0);
	/* A body-less transfer: only the newline (curl: "\n"). */
	progress_init(&p, PROGRESS_BAR, 79, 0, 0);
	progress_set_size(&p, 0, -1);
	CHECK(progress_done(&p, 0, buf, sizeof(buf)) == 1 &&
	    strcmp(buf, "\n") == 0);
	/* Resumed: the offset counts in. */
	progress_init(&p, PROGRESS_BAR, 27, 500, 0);
	progress_set_size(&p, 500, -1);
	snprintf(want, sizeof(want), "\r%-20s  50.0%%", "##########");
	CHECK(update_is(&p, 0, 0, 0, want));
	snprintf(want, sizeof(want), "\r%-20s  75.0%%", "###############");
	CHECK(update_is(&p, SEC, 250, 0, want));
	/* More than announced: 100%, not more. */
	progress_init(&p, PROGRESS_BAR, 27, 0, 0);
	progress_set_size(&p, 10, -1);
	CHECK(update_is(&p, 0, 20, 0, "\r#################### 100.0%"));
}

/* curl's frames for an unknown size, COLUMNS=60, captured. */
static void
test_fly(void)
{
	static const char *const frames[] = {
		"##O#-",
		"#-#O#-",
		"##-#O#-",
		"# #-#O#-",
		" ## -#O#-",
		" # # -#O=#",
	};
	struct progress	 p;
	char		 want[128], buf[PROGRESS_BUFSIZE];
	uint64_t	 t = 0;
	size_t		 i;
	int		 bad = 0, bounced = 0;

	progress_init(&p, PROGRESS_BAR, 60, 0, t);
	CHECK(update_is(&p, t, 0, 0, ""));
	for (i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
		t += PROGRESS_BAR_INTERVAL_US;
		snprintf(want, sizeof(want), "%-59s\r", frames[i]);
		if (!update_is(&p, t, (int64_t)(i + 1) * 65536, 0, want))
			bad++;
	}
	CHECK(bad == 0);
	/* Not sooner than the interval. */
	CHECK(update_is(&p, t + 1, 1 << 30, 0, ""));
	/* Standing still: the ship does not move, the marks do. */
	t += PROGRESS_BAR_INTERVAL_US;
	progress_update(&p, t, 1 << 30, 0, buf, sizeof(buf));
	CHECK(strlen(buf) == 60 && buf[59] == '\r' && p.bar == 7);
	t += PROGRESS_BAR_INTERVAL_US;
	progress_update(&p, t, 1 << 30, 0, buf, sizeof(buf));
	CHECK(p.bar == 7 && strlen(buf) == 60);
	/* It bounces between the edges; every frame keeps its width. */
	for (i = 0; i < 400; i++) {
		t += PROGRESS_BAR_INTERVAL_US;
		progress_update(&p, t, (int64_t)i + 2, 0, buf, sizeof(buf));
		if (strlen(buf) != 60 || buf[59] != '\r' ||
		    p.bar < 0 || p.bar > 54)
			bad++;
		if (p.bar == 54)
			bounced |= 1;
		if (bounced && p.bar == 0)
			bounced |= 2;
	}
	CHECK(bad == 0 && bounced == 3);
	CHECK(progress_done(&p, t, buf, sizeof(buf)) == 1 &&
	    strcmp(buf, "\n") == 0);
	/* The widest bar: curl's 256-byte buffer drops the '\r'. */
	progress_init(&p, PROGRESS_BAR, 256, 0, 0);
	progress_update(&p, 0, 0, 0, buf, sizeof(buf));
	progress_update(&p, SEC, 1, 0, buf, sizeof(buf));
	CHECK(strlen(buf) == 255 && strchr(buf, '\r') == NULL);
}

static void
test_width(void)
{
	int	 fds[2];

	CHECK(progress_bar_width("60", -1) == 60);
	CHECK(progress_bar_width("21", -1) == 21);
	CHECK(progress_bar_width("20", -1) == 79);
	CHECK(progress_bar_width("9999", -1) == 256);
	CHECK(progress_bar_width("10000", -1) == 79);
	CHECK(progress_bar_width("60x", -1) == 79);
	CHECK(progress_bar_width("", -1) == 79);
	CHECK(progress_bar_width("-80", -1) == 79);
	CHECK(progress_bar_width(NULL, -1) == 79);
	/* A pipe is no terminal. */
	if (pipe(fds) == -1)
		abort();
	CHECK(progress_bar_width(NULL, fds[0]) == 79);
	close(fds[0]);
	close(fds[1]);
	/* Out of range widths given to init. */
	{
		struct progress	 p;

		progress_init(&p, PROGRESS_BAR, 0, 0, 0);
		CHECK(p.width == 79);
		progress_init(&p, PROGRESS_BAR, 1000, 0, 0);
		CHECK(p.width == 256);
	}
}

static void
test_print(void)
{
	struct progress	 p;
	char		*mem = NULL;
	size_t		 len = 0;
	FILE		*fp;
	uint64_t	 a, b;

	if ((fp = open_memstream(&mem, &len)) == NULL)
		abort();
	progress_init(&p, PROGRESS_METER, 0, 0, SEC);
	CHECK(progress_print(&p, fp, SEC, 0, 0) == 0);
	CHECK(progress_print(&p, fp, SEC + 1, 5, 0) == 0);
	CHECK(progress_print_done(&p, fp, SEC + 2) == 0);
	fclose(fp);
	CHECK(len > sizeof(header) && strncmp(mem, header,
	    sizeof(header) - 1) == 0 && mem[len - 1] == '\n');
	CHECK(strchr(mem + sizeof(header) - 1, '\n') == mem + len - 1);
	free(mem);
	a = progress_now_us();
	b = progress_now_us();
	CHECK(a > 0 && b >= a);
}

int
main(void)
{
	test_size5();
	test_time8();
	test_meter();
	test_meter_unknown();
	test_meter_speeds();
	test_meter_misc();
	test_bar();
	test_fly();
	test_width();
	test_print();
	return check_done("t_progress");
}
