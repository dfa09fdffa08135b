/*
 * The body of a response to the output, with the clocks, limits, pacing
 * and meter of download.h.  The hot path is one read, one clock read,
 * a few compares and one write: the meter formats a line only when
 * progress.c says one is due (once a second, the bar five times), and
 * the decoder and the pacing are skipped unless asked for.  The clock
 * is clock_gettime(CLOCK_MONOTONIC) through the vDSO, about 40 ns here
 * against reads of up to 128 KiB: cheap enough to take on every read.
 *
 * A body that goes out unchanged (no decoder, no pacing, not to a
 * terminal) goes by httpc_response_read_fd after its first bytes: the
 * library splices it from the socket into the file or pipe where the
 * kernel can, so it is never copied through our buffer.  The first
 * bytes take the ordinary way, which opens the output (only once a
 * byte has come, as curl) and writes what the reader already holds.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "httpc.h"
#include "args.h"
#include "decode.h"
#include "download.h"
#include "lowspeed.h"
#include "output.h"
#include "progress.h"
#include "ratelimit.h"
#include "session.h"

/* Where decoded bytes go, and why writing them stopped. */
struct sink {
	struct output	*out;
	int		 rc;
};

static void	 arm(struct session *, struct httpc_conn *);
static int	 too_slow(struct session *);
static int	 pace(struct session *, struct httpc_conn *, uint64_t);
static int	 sink_write(void *, const void *, size_t);
static void	 meter_close(void *);
static int	 direct_ok(const struct session *, const struct output *,
		    const struct decoder *, int);

/* How much one read_fd call may move: splice's own pipe holds 1 MiB. */
#define DIRECT_MAX	(1024 * 1024)

void
dl_start(struct session *s, int meter)
{
	struct download	*d = &s->dl;

	memset(d, 0, sizeof(*d));
	d->start_us = (uint64_t)httpc_now_us();
	d->expected = -1;
	d->meter = meter;
}

void
dl_attempt(struct session *s, off_t resume)
{
	struct download	*d = &s->dl;
	int		 ms = s->cfg->max_time_ms;

	d->start_us = (uint64_t)httpc_now_us();
	s->pool.deadline = ms > 0 ? httpc_now_ms() + ms : 0;
	d->got = 0;
	d->expected = -1;
	d->upload = 0;
	if (!d->meter)
		return;
	if (d->shown) {
		progress_restart(&d->progress, d->start_us);
		return;
	}
	/* The first attempt, or a retry after a warning ended the last
	 * meter: a new one, headers and all, as curl shows. */
	progress_init(&d->progress, s->cfg->progress_bar ? PROGRESS_BAR :
	    PROGRESS_METER, progress_bar_width(getenv("COLUMNS"),
	    STDERR_FILENO), (int64_t)resume, d->start_us);
	d->shown = 1;
	/* An error or warning line ends the meter's line first, as curl
	 * ends its meter before the message. */
	msg_set_hook(meter_close, s);
	(void)progress_print(&d->progress, stderr, d->start_us, 0, 0);
}

void
dl_request_sent(struct session *s, struct httpc_conn *c, int64_t upload)
{
	struct download	*d = &s->dl;
	uint64_t	 now = (uint64_t)httpc_now_us();

	lowspeed_init(&d->lowspeed, s->cfg->speed_limit, s->cfg->speed_time,
	    now);
	d->got = 0;
	d->expected = -1;
	d->upload = upload;
	if (d->shown) {
		progress_set_size(&d->progress, -1, upload > 0 ? upload : -1);
		(void)progress_print(&d->progress, stderr, now, 0, upload);
	}
	arm(s, c);
}

void
dl_response(struct session *s, struct httpc_response *resp)
{
	struct download	*d = &s->dl;

	d->got = 0;
	d->expected = httpc_response_length(resp);
	if (d->shown)
		progress_set_size(&d->progress, d->expected,
		    d->upload > 0 ? d->upload : -1);
}

/*
 * The connection waits until -m's deadline, or the moment the low
 * speed check could next fail if that comes first.
 */
static void
arm(struct session *s, struct httpc_conn *c)
{
	uint64_t	 ls = lowspeed_deadline_us(&s->dl.lowspeed);
	int64_t		 deadline = s->pool.deadline, lsms;

	if (ls == 0)
		return;
	/* Rounded up: the wait must not end before the window does. */
	lsms = (int64_t)((ls + 999) / 1000) + 1;
	if (deadline == 0 || lsms < deadline)
		deadline = lsms;
	httpc_conn_set_deadline(c, deadline);
}

void
dl_disarm(struct session *s, struct httpc_conn *c)
{
	if (c != NULL && s->dl.lowspeed.quota > 0)
		httpc_conn_set_deadline(c, s->pool.deadline);
}

int
dl_timeout(struct session *s, struct httpc_conn *c)
{
	struct download	*d = &s->dl;
	const char	*m;
	long long	 ms;

	ms = (long long)(((uint64_t)httpc_now_us() - d->start_us) / 1000);
	if (s->pool.deadline > 0 && httpc_now_ms() >= s->pool.deadline) {
		if (d->expected >= 0)
			msg_error(EXIT_OPERATION_TIMEDOUT, "Operation timed "
			    "out after %lld milliseconds with %lld out of %lld "
			    "bytes received", ms, (long long)d->got,
			    (long long)d->expected);
		else
			msg_error(EXIT_OPERATION_TIMEDOUT, "Operation timed "
			    "out after %lld milliseconds with %lld bytes "
			    "received", ms, (long long)d->got);
		return EXIT_OPERATION_TIMEDOUT;
	}
	if (d->lowspeed.quota > 0)
		return too_slow(s);
	m = c != NULL ? httpc_conn_errmsg(c) : "";
	msg_error(EXIT_OPERATION_TIMEDOUT, "%s", *m != '\0' ? m :
	    httpc_strerror(HTTPC_TIMEOUT));
	return EXIT_OPERATION_TIMEDOUT;
}

static int
too_slow(struct session *s)
{
	msg_error(EXIT_OPERATION_TIMEDOUT, "Operation too slow. Less than "
	    "%lld bytes/sec transferred the last %d seconds",
	    s->cfg->speed_limit, s->cfg->speed_time);
	return EXIT_OPERATION_TIMEDOUT;
}

/*
 * --limit-rate's sleep, cut short by -m: then the transfer has timed
 * out.  Never a busy wait: nanosleep, again after a signal.
 */
static int
pace(struct session *s, struct httpc_conn *c, uint64_t wait_us)
{
	struct timespec	 ts;
	int64_t		 left;
	int		 late = 0;

	if (s->pool.deadline > 0) {
		left = (s->pool.deadline - httpc_now_ms()) * 1000;
		if (left <= 0 || (uint64_t)left <= wait_us) {
			wait_us = left > 0 ? (uint64_t)left : 0;
			late = 1;
		}
	}
	ts.tv_sec = (time_t)(wait_us / 1000000);
	ts.tv_nsec = (long)(wait_us % 1000000) * 1000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	return late ? dl_timeout(s, c) : 0;
}

/* The decoder's callback: decoded bytes to the output. */
static int
sink_write(void *arg, const void *buf, size_t len)
{
	struct sink	*sk = arg;

	return sk->rc = out_body(sk->out, buf, len);
}

int
dl_body(struct session *s, struct httpc_conn *c, struct httpc_response *resp,
    struct output *out, int refuse)
{
	const struct config	*cfg = s->cfg;
	struct download		*d = &s->dl;
	struct decoder		*dec = NULL;
	struct sink		 sk = { out, 0 };
	const char		*ce = NULL;
	enum httpc_err		 e;
	enum decode_err		 de = DECODE_OK;
	off_t			 partial, expected;
	uint64_t		 now, wait;
	size_t			 n, want;
	char			 msg[256];
	int			 rc = 0, first = 1, direct, werr;

	d->expected = httpc_response_length(resp);
	/* curl refuses at once what announces more than --max-filesize. */
	if (cfg->max_filesize > 0 && d->expected > cfg->max_filesize) {
		msg_error(EXIT_FILESIZE_EXCEEDED, "Maximum file size exceeded");
		return EXIT_FILESIZE_EXCEEDED;
	}
	if (cfg->compressed)
		(void)httpc_response_getheader(resp, "Content-Encoding", NULL,
		    &ce);
	if (cfg->compressed || cfg->max_filesize > 0) {
		if ((de = decode_new(&dec, ce, cfg->max_filesize > 0 ?
		    (uint64_t)cfg->max_filesize : 0)) != DECODE_OK)
			goto decode_fail;
	}
	ratelimit_init(&d->ratelimit, cfg->limit_rate,
	    (uint64_t)httpc_now_us(), 0);
	want = ratelimit_readsize(&d->ratelimit, SESSION_BUFSIZE);
	direct = 0;
	for (;;) {
		arm(s, c);
		if (!direct && out->fd >= 0 && direct_ok(s, out, dec, refuse)) {
			/* Body bytes are written by the library from here
			 * on: what stdio holds goes first. */
			if (out->is_stdout)
				(void)fflush(stdout);
			direct = 1;
		}
		werr = 0;
		if (direct) {
			e = httpc_response_read_fd(resp, out->fd, DIRECT_MAX,
			    &n);
			werr = errno;
		} else
			e = httpc_response_read(resp, s->buf, want, &n);
		now = (uint64_t)httpc_now_us();
		if (first && (e != HTTPC_OK || n > 0)) {
			s->last.t_starttransfer_us = (int64_t)now -
			    s->last.t_start_us;
			first = 0;
		}
		if (e == HTTPC_TIMEOUT) {
			rc = dl_timeout(s, c);
			goto done;
		}
		if (e == HTTPC_INCOMPLETE_READ) {
			httpc_response_partial(resp, &partial, &expected);
			rc = httpc_err_exitcode(e);
			if (expected >= 0 && expected > partial)
				msg_error(rc, "transfer closed with %lld bytes "
				    "remaining to read",
				    (long long)(expected - partial));
			else
				msg_error(rc, "transfer closed with "
				    "outstanding read data remaining");
			goto done;
		}
		if (e == HTTPC_WRITE && direct) {
			msg_error(EXIT_WRITE_ERROR, "Failure writing output to "
			    "destination: %s", strerror(werr));
			rc = EXIT_WRITE_ERROR;
			goto done;
		}
		if (e != HTTPC_OK) {
			rc = httpc_err_exitcode(e);
			msg_error(rc, "%s", *httpc_conn_errmsg(c) != '\0' ?
			    httpc_conn_errmsg(c) : httpc_strerror(e));
			goto done;
		}
		if (lowspeed_update(&d->lowspeed, now, (int64_t)n)) {
			rc = too_slow(s);
			goto done;
		}
		d->got += (off_t)n;
		if (d->shown)
			(void)progress_print(&d->progress, stderr, now,
			    (int64_t)d->got, d->upload);
		if (n == 0)
			break;
		if (refuse) {
			msg_error(EXIT_RANGE_ERROR, "HTTP server doesn't seem "
			    "to support byte ranges. Cannot resume.");
			rc = EXIT_RANGE_ERROR;
			goto done;
		}
		s->last.size_download += (off_t)n;
		if (direct)
			out->bytes += (off_t)n;
		else if (dec != NULL) {
			if ((de = decode_feed(dec, s->buf, n, sink_write,
			    &sk)) != DECODE_OK)
				goto decode_fail;
		} else if ((rc = out_body(out, s->buf, n)) != 0)
			goto done;
		if (d->ratelimit.rate > 0 && (wait = ratelimit_wait_us(
		    &d->ratelimit, (uint64_t)httpc_now_us(),
		    (int64_t)d->got)) > 0 && (rc = pace(s, c, wait)) != 0)
			goto done;
	}
	if (dec != NULL && (de = decode_finish(dec)) != DECODE_OK)
		goto decode_fail;
	goto done;
decode_fail:
	if (de == DECODE_WRITE && sk.rc != 0)
		rc = sk.rc;
	else {
		rc = decode_exitcode(de);
		msg_error(rc, "%s", decode_message(dec, de, msg, sizeof(msg)));
	}
done:
	decode_free(dec);
	dl_disarm(s, c);
	return rc;
}

/*
 * Whether the body may go by read_fd: bytes unchanged (no decoder, no
 * --max-filesize count), no pacing, nothing to refuse, and not to a
 * terminal, where each write is checked for binary data.
 */
static int
direct_ok(const struct session *s, const struct output *out,
    const struct decoder *dec, int refuse)
{
	return dec == NULL && s->dl.ratelimit.rate == 0 && !refuse &&
	    !out->tty;
}

/* msg_set_hook's: the meter's last line, before a message. */
static void
meter_close(void *arg)
{
	struct session	*s = arg;

	dl_end(s);
}

void
dl_end(struct session *s)
{
	struct download	*d = &s->dl;

	if (!d->shown)
		return;
	d->shown = 0;
	msg_set_hook(NULL, NULL);
	(void)progress_print_done(&d->progress, stderr,
	    (uint64_t)httpc_now_us());
}
