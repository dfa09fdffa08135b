/*
 * The plain TCP transport: getaddrinfo, every address tried in order,
 * non-blocking sockets with poll(2) for the per-operation timeout and the
 * whole-transfer deadline.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conn.h"
#include "debug.h"
#include "tcp.h"

struct hc_tcp {
	struct httpc_transport	 t;
	struct httpc_conn	*c;
	int			 fd;
	int			 timeout_ms;
	int64_t			 deadline;
};

static enum httpc_err	 tcp_read(struct httpc_transport *, void *, size_t,
			    size_t *);
static enum httpc_err	 tcp_write(struct httpc_transport *, const void *,
			    size_t, size_t *);
static void		 tcp_close(struct httpc_transport *);
static int		 wait_ms(int timeout_ms, int64_t deadline);
static enum httpc_err	 tcp_wait(struct hc_tcp *, short, int, int64_t);
static void		 addr_string(const struct sockaddr *, char *, size_t,
			    int *);

static const struct httpc_transport_ops tcp_ops = {
	"tcp", tcp_read, tcp_write, tcp_close
};

int64_t
httpc_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The poll timeout: the smaller of timeout_ms and what is left until the
 * deadline; -1 for none, 0 if the deadline has passed. */
static int
wait_ms(int timeout_ms, int64_t deadline)
{
	int64_t	 left;
	int	 ms = timeout_ms > 0 ? timeout_ms : -1;

	if (deadline > 0) {
		left = deadline - httpc_now_ms();
		if (left < 0)
			left = 0;
		if (ms < 0 || left < ms)
			ms = left > 0x7fffffff ? 0x7fffffff : (int)left;
	}
	return ms;
}

static enum httpc_err
tcp_wait(struct hc_tcp *s, short events, int timeout_ms, int64_t deadline)
{
	struct pollfd	 pfd;
	int		 n;

	pfd.fd = s->fd;
	pfd.events = events;
	for (;;) {
		n = poll(&pfd, 1, wait_ms(timeout_ms, deadline));
		if (n > 0)
			return HTTPC_OK;
		if (n == 0)
			return HTTPC_TIMEOUT;
		if (errno != EINTR)
			return HTTPC_SYS;
	}
}

static void
addr_string(const struct sockaddr *sa, char *buf, size_t len, int *port)
{
	if (getnameinfo(sa, sa->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
	    buf, len, NULL, 0, NI_NUMERICHOST) != 0)
		strlcpy(buf, "?", len);
	if (sa->sa_family == AF_INET6)
		*port = ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	else
		*port = ntohs(((const struct sockaddr_in *)sa)->sin_port);
}

enum httpc_err
hc_tcp_connect(struct httpc_conn *c, const char *host, int port,
    const struct httpc_opts *o, int64_t deadline,
    struct httpc_conn_info *info, struct hc_tcp **out)
{
	struct addrinfo		 hints, *res = NULL, *ai;
	struct sockaddr_storage	 ss;
	socklen_t		 sslen;
	struct hc_tcp		*s = NULL;
	const char		*name = o->connect_addr ? o->connect_addr : host;
	char			 serv[16], ip[64];
	int			 rc, fd = -1, one = 1, soerr, ipport, cdeadline_set;
	int64_t			 t0 = now_us(), cdeadline = deadline;
	enum httpc_err		 e;
	const char		*why = "";

	if (o->connect_timeout_ms > 0) {
		int64_t d = httpc_now_ms() + o->connect_timeout_ms;
		if (cdeadline == 0 || d < cdeadline)
			cdeadline = d;
	}
	cdeadline_set = cdeadline > 0;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = o->family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(serv, sizeof(serv), "%d", port);
	if ((rc = getaddrinfo(name, serv, &hints, &res)) != 0) {
		if (rc == EAI_MEMORY)
			return HTTPC_NOMEM;
		return hc_conn_seterr(c, HTTPC_RESOLVE,
		    "could not resolve host: %s (%s)", name,
		    rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
	}
	info->t_namelookup_us = now_us() - t0;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		freeaddrinfo(res);
		return HTTPC_NOMEM;
	}
	s->t.ops = &tcp_ops;
	s->c = c;
	s->fd = -1;
	s->timeout_ms = o->timeout_ms;
	s->deadline = deadline;
	e = HTTPC_CONNECT;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		addr_string(ai->ai_addr, ip, sizeof(ip), &ipport);
		hc_debugf(c, "  Trying %s%s%s:%d...",
		    ai->ai_family == AF_INET6 ? "[" : "", ip,
		    ai->ai_family == AF_INET6 ? "]" : "", port);
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (fd == -1) {
			why = strerror(errno);
			continue;
		}
		s->fd = fd;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
			if (errno != EINPROGRESS) {
				why = strerror(errno);
				goto next;
			}
			e = tcp_wait(s, POLLOUT, 0, cdeadline_set ? cdeadline : 0);
			if (e == HTTPC_TIMEOUT) {
				why = "timed out";
				close(fd);
				s->fd = -1;
				break;
			}
			sslen = sizeof(soerr);
			if (e != HTTPC_OK || getsockopt(fd, SOL_SOCKET,
			    SO_ERROR, &soerr, &sslen) == -1) {
				why = strerror(errno);
				e = HTTPC_CONNECT;
				goto next;
			}
			if (soerr != 0) {
				why = strerror(soerr);
				e = HTTPC_CONNECT;
				goto next;
			}
		}
		e = HTTPC_OK;
		break;
next:
		close(fd);
		s->fd = -1;
	}
	if (e != HTTPC_OK) {
		freeaddrinfo(res);
		free(s);
		if (e == HTTPC_TIMEOUT)
			return hc_conn_seterr(c, HTTPC_TIMEOUT,
			    "connect to %s port %d timed out", name, port);
		return hc_conn_seterr(c, HTTPC_CONNECT,
		    "connect to %s port %d failed: %s", name, port, why);
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	info->t_connect_us = now_us() - t0;
	addr_string(ai->ai_addr, info->remote_ip, sizeof(info->remote_ip),
	    &info->remote_port);
	sslen = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0)
		addr_string((struct sockaddr *)&ss, info->local_ip,
		    sizeof(info->local_ip), &info->local_port);
	freeaddrinfo(res);
	hc_debugf(c, "Connected to %s (%s) port %d (#%d)", host,
	    info->remote_ip, info->remote_port, info->num_connects);
	*out = s;
	return HTTPC_OK;
}

struct httpc_transport *
hc_tcp_transport(struct hc_tcp *s)
{
	return &s->t;
}

void
hc_tcp_set_deadline(struct hc_tcp *s, int64_t deadline)
{
	s->deadline = deadline;
}

enum httpc_err
hc_tcp_wait_readable(struct hc_tcp *s, int timeout_ms)
{
	return tcp_wait(s, POLLIN, timeout_ms, s->deadline);
}

int
hc_tcp_idle_ok(struct hc_tcp *s)
{
	struct pollfd	 pfd;

	pfd.fd = s->fd;
	pfd.events = POLLIN;
	return poll(&pfd, 1, 0) == 0;
}

static enum httpc_err
tcp_read(struct httpc_transport *t, void *p, size_t n, size_t *got)
{
	struct hc_tcp	*s = (struct hc_tcp *)t;
	ssize_t		 r;
	enum httpc_err	 e;

	for (;;) {
		r = recv(s->fd, p, n, 0);
		if (r >= 0) {
			*got = (size_t)r;
			return HTTPC_OK;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return hc_conn_seterr(s->c, HTTPC_RECV,
			    "recv failure: %s", strerror(errno));
		if ((e = tcp_wait(s, POLLIN, s->timeout_ms, s->deadline)) ==
		    HTTPC_TIMEOUT)
			return hc_conn_seterr(s->c, HTTPC_TIMEOUT,
			    "timed out waiting for data from the server");
		if (e != HTTPC_OK)
			return hc_conn_seterr(s->c, HTTPC_RECV,
			    "poll failure: %s", strerror(errno));
	}
}

static enum httpc_err
tcp_write(struct httpc_transport *t, const void *p, size_t n, size_t *put)
{
	struct hc_tcp	*s = (struct hc_tcp *)t;
	ssize_t		 r;
	enum httpc_err	 e;

	for (;;) {
		r = send(s->fd, p, n, MSG_NOSIGNAL);
		if (r >= 0) {
			*put = (size_t)r;
			return HTTPC_OK;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return hc_conn_seterr(s->c, HTTPC_SEND,
			    "send failure: %s", strerror(errno));
		if ((e = tcp_wait(s, POLLOUT, s->timeout_ms, s->deadline)) ==
		    HTTPC_TIMEOUT)
			return hc_conn_seterr(s->c, HTTPC_TIMEOUT,
			    "timed out sending to the server");
		if (e != HTTPC_OK)
			return hc_conn_seterr(s->c, HTTPC_SEND,
			    "poll failure: %s", strerror(errno));
	}
}

static void
tcp_close(struct httpc_transport *t)
{
	struct hc_tcp	*s = (struct hc_tcp *)t;

	if (s->fd != -1)
		close(s->fd);
	free(s);
}
