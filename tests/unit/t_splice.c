/*
 * httpc_response_read_fd: splice(2) from a loopback TCP socket into a
 * pipe, a regular file and /dev/null, and the copy path over the
 * in-memory transport.  A forked child plays the server.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "httpc.h"
#include "memtransport.h"

/* One reply of the child server. */
struct reply {
	const char	*head;		/* status line and fields, CRLFCRLF */
	size_t		 first;		/* body bytes sent with the head */
	size_t		 len;		/* body bytes sent in all */
	int		 close;		/* close after it */
	int		 stall;		/* send the head, then nothing */
};

static char	*body;			/* the pattern every reply sends */
#define BODYMAX	(3 * 1024 * 1024)

static void
fill_body(void)
{
	size_t	 i;

	if ((body = malloc(BODYMAX)) == NULL)
		exit(1);
	for (i = 0; i < BODYMAX; i++)
		body[i] = (char)(i * 7 + i / 251);
}

static int
listener(int *port)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 ls;

	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(ls, 4) == -1 ||
	    getsockname(ls, (struct sockaddr *)&sin, &len) == -1) {
		close(ls);
		return -1;
	}
	*port = ntohs(sin.sin_port);
	return ls;
}

static int
send_all(int s, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(s, p, n)) <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
send_str(int s, const char *p)
{
	return send_all(s, p, strlen(p));
}

/* Reads one request head; -1 at end of stream. */
static int
read_request(int s)
{
	char	 buf[4096];
	size_t	 have = 0;
	ssize_t	 n;

	while (have < sizeof(buf) - 1) {
		if ((n = read(s, buf + have, sizeof(buf) - 1 - have)) <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, "\r\n\r\n") != NULL)
			return 0;
	}
	return -1;
}

/*
 * Forks a server answering the replies in order on one connection: the
 * head with the first body bytes, a pause (so that the rest arrives after
 * the client's reader has taken the head), then the rest.
 */
static pid_t
serve(int ls, const struct reply *rp, size_t nr)
{
	pid_t	 pid;
	size_t	 i;
	int	 s;

	if ((pid = fork()) != 0)
		return pid;
	signal(SIGPIPE, SIG_IGN);
	if ((s = accept(ls, NULL, NULL)) == -1)
		_exit(1);
	for (i = 0; i < nr; i++) {
		if (read_request(s) == -1)
			_exit(2);
		if (send_all(s, rp[i].head, strlen(rp[i].head)) == -1 ||
		    send_all(s, body, rp[i].first) == -1)
			_exit(3);
		usleep(50000);
		if (rp[i].stall) {
			sleep(2);
			_exit(0);
		}
		if (send_all(s, body + rp[i].first, rp[i].len - rp[i].first)
		    == -1)
			_exit(0);
		if (rp[i].close)
			break;
	}
	shutdown(s, SHUT_WR);
	/* Until the client has read it all and closed. */
	while (read(s, (char[64]){0}, 64) > 0)
		;
	_exit(0);
}

static void
reap(pid_t pid)
{
	int	 st;

	if (pid > 0)
		waitpid(pid, &st, 0);
}

static struct httpc_conn *
client(int port, int timeout_ms)
{
	struct httpc_conn	*c;
	struct httpc_opts	 o;

	httpc_opts_init(&o);
	o.connect_timeout_ms = 5000;
	o.timeout_ms = timeout_ms;
	if (httpc_conn_new(&c, "127.0.0.1", port, &o) != HTTPC_OK)
		return NULL;
	return c;
}

/* A GET of path on c and its response head in *r. */
static int
get(struct httpc_conn *c, const char *path, struct httpc_response **r)
{
	*r = NULL;
	return httpc_conn_request(c, "GET", path, NULL, 0, NULL, 0) ==
	    HTTPC_OK && httpc_conn_getresponse(c, r) == HTTPC_OK;
}

/* The whole body to fd; the error that ended it, *total what moved. */
static enum httpc_err
drain(struct httpc_response *r, int fd, size_t max, size_t *total)
{
	size_t		 n;
	enum httpc_err	 e;

	*total = 0;
	for (;;) {
		if ((e = httpc_response_read_fd(r, fd, max, &n)) != HTTPC_OK)
			return e;
		if (n == 0)
			return HTTPC_OK;
		*total += n;
	}
}

/* fd's contents from offset 0 are body[0..len). */
static int
file_is(int fd, size_t len)
{
	char	*got;
	size_t	 have = 0;
	ssize_t	 n;
	int	 ok;

	if ((got = malloc(len + 1)) == NULL)
		return 0;
	while (have <= len && (n = pread(fd, got + have, len + 1 - have,
	    (off_t)have)) > 0)
		have += (size_t)n;
	ok = have == len && memcmp(got, body, len) == 0;
	free(got);
	return ok;
}

/* A pipe's buffered contents are body[0..len). */
static int
pipe_is(int fd, size_t len)
{
	char	*got;
	size_t	 have = 0;
	ssize_t	 n;
	int	 ok;

	if ((got = malloc(len + 1)) == NULL)
		return 0;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (have <= len && (n = read(fd, got + have, len + 1 - have)) > 0)
		have += (size_t)n;
	ok = have == len && memcmp(got, body, len) == 0;
	free(got);
	return ok;
}

static int
tmpfd(void)
{
	char	 path[] = "/tmp/t_splice.XXXXXX";
	int	 fd;

	if ((fd = mkstemp(path)) != -1)
		unlink(path);
	return fd;
}

/*
 * Content-Length into a regular file, /dev/null and a pipe on one kept
 * alive connection, each with some body bytes buffered with the head.
 */
static void
test_length(void)
{
	static char		 h1[128], h2[128], h3[128];
	struct reply		 rp[3];
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_response	*r;
	size_t			 total, plen = 200000;
	int			 ls, port, fd, null, p[2];
	pid_t			 pid;

	if ((ls = listener(&port)) == -1) {
		printf("# no loopback: skipping\n");
		return;
	}
	CHECK(pipe(p) == 0);
	if (fcntl(p[1], F_SETPIPE_SZ, 1024 * 1024) == -1)
		plen = 60000;
	snprintf(h1, sizeof(h1), "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
	    "\r\n", BODYMAX);
	snprintf(h2, sizeof(h2), "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
	    "\r\n", 1000000);
	snprintf(h3, sizeof(h3), "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n"
	    "\r\n", plen);
	rp[0] = (struct reply){ h1, 1000, BODYMAX, 0, 0 };
	rp[1] = (struct reply){ h2, 0, 1000000, 0, 0 };
	rp[2] = (struct reply){ h3, 5, plen, 0, 0 };
	pid = serve(ls, rp, 3);
	c = client(port, 5000);
	CHECK(c != NULL);

	fd = tmpfd();
	CHECK(fd != -1);
	CHECK(get(c, "/1", &r));
	/* A small max first: the buffered bytes, at most that many. */
	CHECK(httpc_response_read_fd(r, fd, 10, &total) == HTTPC_OK &&
	    total == 10);
	CHECK(drain(r, fd, SIZE_MAX, &total) == HTTPC_OK);
	CHECK(total == BODYMAX - 10);
	CHECK(httpc_response_isclosed(r));
	CHECK(file_is(fd, BODYMAX));
	httpc_response_free(r);
	close(fd);

	null = open("/dev/null", O_WRONLY);
	CHECK(get(c, "/2", &r));
	CHECK(drain(r, null, 65536, &total) == HTTPC_OK && total == 1000000);
	httpc_response_free(r);
	close(null);

	CHECK(get(c, "/3", &r));
	CHECK(drain(r, p[1], SIZE_MAX, &total) == HTTPC_OK && total == plen);
	CHECK(pipe_is(p[0], plen));
	/* Read to the end: the same connection served all three. */
	httpc_conn_info(c, &info);
	CHECK(info.num_connects == 1 && info.reused == 1);
	httpc_response_free(r);
	httpc_conn_free(c);
	close(p[0]);
	close(p[1]);
	reap(pid);
	close(ls);
}

/* No Content-Length: the body ends when the server closes. */
static void
test_until_close(void)
{
	struct reply		 rp = { "HTTP/1.1 200 OK\r\n\r\n", 300, 2000000,
				    1, 0 };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	size_t			 total;
	int			 ls, port, fd;
	pid_t			 pid;

	if ((ls = listener(&port)) == -1)
		return;
	pid = serve(ls, &rp, 1);
	c = client(port, 5000);
	fd = tmpfd();
	CHECK(get(c, "/", &r));
	CHECK(httpc_response_length(r) == -1);
	CHECK(drain(r, fd, SIZE_MAX, &total) == HTTPC_OK && total == 2000000);
	CHECK(httpc_response_isclosed(r));
	CHECK(file_is(fd, 2000000));
	/* At the end: 0 again, no error. */
	CHECK(httpc_response_read_fd(r, fd, 100, &total) == HTTPC_OK &&
	    total == 0);
	httpc_response_free(r);
	httpc_conn_free(c);
	close(fd);
	reap(pid);
	close(ls);
}

/* A body shorter than announced, and a server that stops sending. */
static void
test_short(void)
{
	struct reply		 rp = { "HTTP/1.1 200 OK\r\nContent-Length: "
				    "100000\r\n\r\n", 10, 50000, 1, 0 };
	struct reply		 st = { "HTTP/1.1 200 OK\r\nContent-Length: "
				    "100000\r\n\r\n", 0, 0, 0, 1 };
	struct httpc_conn	*c;
	struct httpc_response	*r;
	size_t			 total;
	off_t			 part, exp;
	int			 ls, port, null;
	pid_t			 pid;

	if ((ls = listener(&port)) == -1)
		return;
	null = open("/dev/null", O_WRONLY);
	pid = serve(ls, &rp, 1);
	c = client(port, 5000);
	CHECK(get(c, "/", &r));
	CHECK(drain(r, null, SIZE_MAX, &total) == HTTPC_INCOMPLETE_READ);
	CHECK(total == 50000);
	httpc_response_partial(r, &part, &exp);
	CHECK(part == 50000 && exp == 100000);
	CHECK(strstr(httpc_conn_errmsg(c), "50000 bytes remaining") != NULL);
	/* Sticky, as read's. */
	CHECK(httpc_response_read_fd(r, null, 10, &total) ==
	    HTTPC_INCOMPLETE_READ);
	httpc_response_free(r);
	httpc_conn_free(c);
	reap(pid);

	/* The per-operation timeout holds while splice waits. */
	pid = serve(ls, &st, 1);
	c = client(port, 300);
	CHECK(get(c, "/", &r));
	CHECK(drain(r, null, SIZE_MAX, &total) == HTTPC_TIMEOUT);
	httpc_response_free(r);
	httpc_conn_free(c);
	kill(pid, SIGTERM);
	reap(pid);
	close(null);
	close(ls);
}

/* Nobody reads the pipe: HTTPC_WRITE (23), not a network error. */
static void
test_write_error(void)
{
	struct reply		 rp[2] = {
		{ "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", 0,
		    100000, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", 0,
		    100000, 0, 0 },
	};
	struct httpc_conn	*c;
	struct httpc_response	*r;
	size_t			 total;
	int			 ls, port, p[2], fd;
	pid_t			 pid;

	if ((ls = listener(&port)) == -1)
		return;
	signal(SIGPIPE, SIG_IGN);
	CHECK(httpc_err_exitcode(HTTPC_WRITE) == 23);
	CHECK(strcmp(httpc_strerror(HTTPC_WRITE), "failure writing output")
	    == 0);
	pid = serve(ls, rp, 2);
	c = client(port, 5000);
	CHECK(pipe(p) == 0);
	close(p[0]);
	CHECK(get(c, "/", &r));
	CHECK(drain(r, p[1], SIZE_MAX, &total) == HTTPC_WRITE);
	CHECK(errno == EPIPE);
	CHECK(strstr(httpc_conn_errmsg(c), "failure writing output") != NULL);
	CHECK(httpc_response_read_fd(r, p[1], 10, &total) == HTTPC_WRITE);
	httpc_response_free(r);
	close(p[1]);
	httpc_conn_free(c);
	kill(pid, SIGTERM);
	reap(pid);
	/* A descriptor neither splice nor write(2) takes: HTTPC_WRITE. */
	pid = serve(ls, rp + 1, 1);
	c = client(port, 5000);
	fd = open("/dev/null", O_RDONLY);
	CHECK(get(c, "/", &r));
	CHECK(drain(r, fd, SIZE_MAX, &total) == HTTPC_WRITE);
	CHECK(errno == EBADF);
	httpc_response_free(r);
	httpc_conn_free(c);
	close(fd);
	kill(pid, SIGTERM);
	reap(pid);
	close(ls);
}

/* Not plain TCP: httpc_response_read and write(2), any framing. */
static void
test_copy_path(void)
{
	static const char	*in[] = {
		"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
		"HTTP/1.0 200 OK\r\n\r\nhello world",
	};
	struct httpc_conn	*c;
	struct httpc_response	*r;
	struct memt		*m;
	char			 got[64];
	size_t			 i, total;
	ssize_t			 n;
	int			 p[2];

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		CHECK(pipe(p) == 0);
		CHECK(httpc_conn_new(&c, "example.org", 0, NULL) == HTTPC_OK);
		m = memt_new(in[i], strlen(in[i]), 7);
		CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
		CHECK(get(c, "/", &r));
		CHECK(drain(r, p[1], 3, &total) == HTTPC_OK && total == 11);
		CHECK(httpc_response_isclosed(r));
		n = read(p[0], got, sizeof(got));
		CHECK(n == 11 && memcmp(got, "hello world", 11) == 0);
		httpc_response_free(r);
		httpc_conn_free(c);
		close(p[0]);
		close(p[1]);
	}
	/* A write error there too. */
	CHECK(pipe(p) == 0);
	close(p[0]);
	CHECK(httpc_conn_new(&c, "example.org", 0, NULL) == HTTPC_OK);
	m = memt_new(in[1], strlen(in[1]), 0);
	CHECK(httpc_conn_attach(c, &m->t) == HTTPC_OK);
	CHECK(get(c, "/", &r));
	CHECK(drain(r, p[1], 100, &total) == HTTPC_WRITE);
	CHECK(errno == EPIPE);
	httpc_response_free(r);
	httpc_conn_free(c);
	close(p[1]);
}

/* The chunk sizes test_chunked's server sends; 0 ends the body. */
static const size_t chunk_sizes[] = { 1, 300000, 65536, 7, 131072, 3, 1000000,
    16384, 0 };

/*
 * Forks a server sending body[] chunked, in chunk_sizes, each chunk's
 * data in two writes with a pause between (so that data is still in the
 * socket when the client reaches it), a trailer, then on the same
 * connection a small Content-Length reply.  cut: close in the middle of
 * the third chunk instead.
 */
static pid_t
serve_chunked(int ls, int cut)
{
	char	 line[64];
	size_t	 i, off = 0, half;
	pid_t	 pid;
	int	 s;

	if ((pid = fork()) != 0)
		return pid;
	signal(SIGPIPE, SIG_IGN);
	if ((s = accept(ls, NULL, NULL)) == -1 || read_request(s) == -1)
		_exit(1);
	if (send_str(s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "\r\n") == -1)
		_exit(2);
	for (i = 0; chunk_sizes[i] != 0; i++) {
		snprintf(line, sizeof(line), "%s%zx%s\r\n", i > 0 ? "\r\n" : "",
		    chunk_sizes[i], i == 3 ? ";name=value" : "");
		half = chunk_sizes[i] / 2;
		if (send_str(s, line) == -1 ||
		    send_all(s, body + off, half) == -1)
			_exit(3);
		usleep(20000);
		if (cut && i == 2)
			_exit(0);
		if (send_all(s, body + off + half, chunk_sizes[i] - half) == -1)
			_exit(3);
		off += chunk_sizes[i];
	}
	if (send_str(s, "\r\n0\r\nX-Sum: 1\r\n\r\n") == -1 ||
	    read_request(s) == -1 ||
	    send_str(s, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
	    "hello") == -1)
		_exit(4);
	shutdown(s, SHUT_WR);
	while (read(s, (char[64]){0}, 64) > 0)
		;
	_exit(0);
}

/*
 * A chunked body to a file, a pipe and /dev/null: the chunk data is
 * spliced, the framing read; the connection stays usable after it.
 */
static void
test_chunked(void)
{
	struct httpc_conn	*c;
	struct httpc_conn_info	 info;
	struct httpc_response	*r;
	size_t			 total, want = 0, i, n;
	char			 five[8];
	int			 ls, port, fd, kind, p[2];
	pid_t			 pid;

	for (i = 0; chunk_sizes[i] != 0; i++)
		want += chunk_sizes[i];
	if ((ls = listener(&port)) == -1)
		return;
	for (kind = 0; kind < 3; kind++) {
		p[0] = p[1] = -1;
		if (kind == 0)
			fd = tmpfd();
		else if (kind == 1) {
			CHECK(pipe(p) == 0);
			if (fcntl(p[1], F_SETPIPE_SZ, 4 * 1024 * 1024) == -1)
				continue;	/* too small to hold it all */
			fd = p[1];
		} else
			fd = open("/dev/null", O_WRONLY);
		CHECK(fd != -1);
		pid = serve_chunked(ls, 0);
		c = client(port, 5000);
		CHECK(get(c, "/", &r));
		CHECK(drain(r, fd, SIZE_MAX, &total) == HTTPC_OK);
		CHECK(total == want);
		CHECK(httpc_response_isclosed(r));
		if (kind == 0)
			CHECK(file_is(fd, want));
		if (kind == 1)
			CHECK(pipe_is(p[0], want));
		httpc_response_free(r);
		/* The framing was followed to its end: the next reply. */
		CHECK(get(c, "/2", &r));
		CHECK(httpc_response_read(r, five, sizeof(five), &n) ==
		    HTTPC_OK && n == 5 && memcmp(five, "hello", 5) == 0);
		httpc_conn_info(c, &info);
		CHECK(info.num_connects == 1 && info.reused == 1);
		httpc_response_free(r);
		httpc_conn_free(c);
		if (kind == 1) {
			close(p[0]);
			close(p[1]);
		} else
			close(fd);
		reap(pid);
	}

	/* Cut in the middle of a chunk's data: IncompleteRead. */
	fd = tmpfd();
	pid = serve_chunked(ls, 1);
	c = client(port, 5000);
	CHECK(get(c, "/", &r));
	CHECK(drain(r, fd, SIZE_MAX, &total) == HTTPC_INCOMPLETE_READ);
	CHECK(total == chunk_sizes[0] + chunk_sizes[1] + chunk_sizes[2] / 2);
	CHECK(file_is(fd, total));
	httpc_response_free(r);
	httpc_conn_free(c);
	close(fd);
	reap(pid);
	close(ls);
}

int
main(void)
{
	fill_body();
	test_length();
	test_until_close();
	test_chunked();
	test_short();
	test_write_error();
	test_copy_path();
	free(body);
	return check_done("t_splice");
}
