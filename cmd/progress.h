/*
 * curl 7.88's progress output on stderr, byte for byte: the classic
 * meter (lib/progress.c) and the -#/--progress-bar bar (src/
 * tool_cb_prg.c), driven by a clock the caller passes in so that tests
 * are exact.  The functions format into a buffer; progress_print() and
 * progress_print_done() write that to a FILE and flush it.
 *
 * The meter: on the first update the two header lines, then a line
 * starting with '\r' each time the clock's whole second changes (once a
 * second at most, as curl), and from progress_done() a last line and a
 * newline:
 *
 *   "  % Total    % Received % Xferd  Average Speed   Time    Time     "
 *   "Time  Current\n"
 *   "                                 Dload  Upload   Total   Spent    "
 *   "Left  Speed\n"
 *   "\r 18 3906k   18  704k    0     0   698k      0  0:00:05  0:00:01  "
 *   "0:00:04  698k"
 *
 * The bar: "\r###...   45.6%" width columns wide when the size is known,
 * redrawn when the count moved, at most every PROGRESS_BAR_INTERVAL_US
 * (200 ms: "a few times a second"; curl 7.88 redraws at 10 Hz) except on
 * reaching 100%; when the size is unknown, curl's "-=O=-" moving between
 * bouncing '#' marks.  progress_done() ends the line.
 *
 * Updates cost a subtraction and a compare until a line is due: call
 * progress_update() as often as data arrives, and once at the start
 * (curl shows the zero line at once).
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROGRESS_BUFSIZE	1024		/* enough for any output */
#define PROGRESS_BAR_MAX	256		/* curl's MAX_BARLENGTH */
#define PROGRESS_BAR_DEFAULT	79		/* width with no terminal */
#define PROGRESS_BAR_INTERVAL_US 200000		/* bar refresh; curl: 100 ms */
#define PROGRESS_SPEEDS		6		/* curl's CURR_TIME: 5 s */

enum progress_mode {
	PROGRESS_METER,
	PROGRESS_BAR
};

/* The state; fill with progress_init().  Callers read, never write. */
struct progress {
	enum progress_mode	 mode;
	int			 width;		/* bar columns */
	int64_t			 resume;	/* bytes there before (-C) */
	uint64_t		 start_us;
	int64_t			 dl_now, dl_total;	/* total -1: unknown */
	int64_t			 ul_now, ul_total;
	/* meter */
	int			 header_done;
	int			 shown;		/* a line was shown */
	uint64_t		 last_sec;	/* the clock's second then */
	uint64_t		 spent_us;	/* at the last update */
	int64_t			 dl_speed, ul_speed, cur_speed;
	int64_t			 speeder[PROGRESS_SPEEDS];
	uint64_t		 speeder_us[PROGRESS_SPEEDS];
	unsigned		 speeder_c;
	/* bar */
	unsigned		 calls;
	int64_t			 prev;
	uint64_t		 prev_us;
	int			 tick, bar, barmove;
};

/*
 * Starts a transfer at now_us (microseconds of a monotonic clock, see
 * progress_now_us()).  width is for the bar (progress_bar_width()).
 * resume is the offset a resumed download starts at (-C), 0 if none:
 * the meter announces it, the bar counts it in.  Sizes start unknown.
 */
void		 progress_init(struct progress *, enum progress_mode,
		    int width, int64_t resume, uint64_t now_us);

/*
 * Starts the next transfer (a redirect, a retry) as curl's
 * Curl_pgrsStartNow(): counters and speeds start again, the meter's
 * header is not shown twice.
 */
void		 progress_restart(struct progress *, uint64_t now_us);

/* The expected sizes once known (Content-Length); -1: unknown. */
void		 progress_set_size(struct progress *, int64_t dl_total,
		    int64_t ul_total);

/*
 * The byte counts at now_us.  Writes into buf what curl would print now
 * (often nothing) and returns its length; buf is always terminated
 * (size > 0) and PROGRESS_BUFSIZE always suffices.
 */
size_t		 progress_update(struct progress *, uint64_t now_us,
		    int64_t dl_now, int64_t ul_now, char *buf, size_t size);

/* The end: the last line (forced) and the newline curl ends with. */
size_t		 progress_done(struct progress *, uint64_t now_us, char *buf,
		    size_t size);

/* progress_update() and progress_done() to fp, flushed; 0 or -1. */
int		 progress_print(struct progress *, FILE *, uint64_t now_us,
		    int64_t dl_now, int64_t ul_now);
int		 progress_print_done(struct progress *, FILE *,
		    uint64_t now_us);

/*
 * curl's max5data(): bytes in at most 5 columns, right aligned,
 * 1024-based ("99999", " 976k", "97.6M", " 976M", "9.5G"...).  out has
 * room for 6.  Returns out.
 */
char		*progress_size5(char *out, int64_t bytes);

/*
 * curl's time2str(): "--:--:--" for 0 or less, " 1:02:03", then
 * "  4d 03h", then "  12345d" (8 columns).  out has room for 9.
 */
char		*progress_time8(char *out, int64_t seconds);

/*
 * The bar's width as curl finds it: COLUMNS if it is a number from 21
 * to 9999, else the terminal on fd (TIOCGWINSZ; curl 7.88 asks
 * standard input) if wider than 20, else 79; at most 256.
 */
int		 progress_bar_width(const char *columns, int fd);

/* CLOCK_MONOTONIC in microseconds. */
uint64_t	 progress_now_us(void);

#endif /* PROGRESS_H */
