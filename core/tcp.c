/*
 * The plain socket transport: the name resolved (resolve.c), every
 * address tried in order, or a Unix domain socket; non-blocking sockets
 * with poll(2) for the per-operation timeout and the deadline.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stddef.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conn.h"
#include "debug.h"
#include "resolve.h"
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
static int		 bind_local(struct httpc_conn *, int, int,
			    const struct httpc_opts *);
static enum httpc_err	 connect_fd(struct hc_tcp *, const struct sockaddr *,
			    socklen_t, int64_t, const char **);
static enum httpc_err	 connect_unix(struct httpc_conn *, struct hc_tcp *,
			    const struct hc_tcp_dest *, int64_t, int64_t,
			    struct httpc_conn_info *);
static enum httpc_err	 connect_inet(struct httpc_conn *, struct hc_tcp *,
			    const struct hc_tcp_dest *,
			    const struct httpc_opts *, int64_t, int64_t,
			    struct httpc_conn_info *);

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

int64_t
httpc_now_us(void)
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

/*
 * --local-port: binds fd to the first port of the range the kernel lets
 * us have, any address of the family.  0 when done or not asked, else
 * errno (the last port's).
 */
static int
bind_local(struct httpc_conn *c, int fd, int family,
    const struct httpc_opts *o)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 len;
	int			 port, last, err = 0;

	if (o->local_port <= 0)
		return 0;
	last = o->local_port_max > o->local_port ? o->local_port_max :
	    o->local_port;
	for (port = o->local_port; port <= last && port <= 65535; port++) {
		memset(&ss, 0, sizeof(ss));
		if (family == AF_INET6) {
			sin6->sin6_family = AF_INET6;
			sin6->sin6_addr = in6addr_any;
			sin6->sin6_port = htons((uint16_t)port);
			len = sizeof(*sin6);
		} else {
			sin->sin_family = AF_INET;
			sin->sin_addr.s_addr = htonl(INADDR_ANY);
			sin->sin_port = htons((uint16_t)port);
			len = sizeof(*sin);
		}
		if (bind(fd, (struct sockaddr *)&ss, len) == 0) {
			hc_debugf(c, "Local port: %d", port);
			return 0;
		}
		err = errno;
		/* Taken (or privileged): the range may have another. */
		if (err != EADDRINUSE && err != EACCES)
			break;
		if (port < last)
			hc_debugf(c, "Bind to local port %d failed, trying "
			    "next", port);
	}
	return err != 0 ? err : EADDRINUSE;
}

/*
 * One non-blocking connect on s->fd, waited for until deadline.
 * HTTPC_OK, HTTPC_TIMEOUT, or HTTPC_CONNECT with *why.
 */
static enum httpc_err
connect_fd(struct hc_tcp *s, const struct sockaddr *sa, socklen_t salen,
    int64_t deadline, const char **why)
{
	socklen_t	 len;
	int		 soerr;
	enum httpc_err	 e;

	if (connect(s->fd, sa, salen) == 0)
		return HTTPC_OK;
	if (errno != EINPROGRESS) {
		*why = strerror(errno);
		return HTTPC_CONNECT;
	}
	if ((e = tcp_wait(s, POLLOUT, 0, deadline)) == HTTPC_TIMEOUT)
		return HTTPC_TIMEOUT;
	len = sizeof(soerr);
	if (e != HTTPC_OK || getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &soerr,
	    &len) == -1) {
		*why = strerror(errno);
		return HTTPC_CONNECT;
	}
	if (soerr != 0) {
		*why = strerror(soerr);
		return HTTPC_CONNECT;
	}
	return HTTPC_OK;
}

/* --unix-socket: the path instead of an address; port is only shown. */
static enum httpc_err
connect_unix(struct httpc_conn *c, struct hc_tcp *s,
    const struct hc_tcp_dest *d, int64_t deadline, int64_t t0,
    struct httpc_conn_info *info)
{
	struct sockaddr_un	 sun;
	socklen_t		 len;
	size_t			 n = strlen(d->unix_path);
	const char		*why = "";
	enum httpc_err		 e;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	/* An abstract name starts with a NUL and is not NUL terminated. */
	if (n == 0 || n + (d->unix_abstract ? 1 : 0) >= sizeof(sun.sun_path))
		return hc_conn_seterr(c, HTTPC_CONNECT,
		    "unix socket path '%s' empty or too long", d->unix_path);
	memcpy(sun.sun_path + (d->unix_abstract ? 1 : 0), d->unix_path, n);
	/* The path and its NUL, or the NUL and the abstract name. */
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	hc_debugf(c, "  Trying %s%s:0...", d->unix_abstract ? "@" : "",
	    d->unix_path);
	if ((s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1)
		return hc_conn_seterr(c, HTTPC_CONNECT, "socket: %s",
		    strerror(errno));
	info->t_namelookup_us = 0;
	e = connect_fd(s, (struct sockaddr *)&sun, len, deadline, &why);
	if (e == HTTPC_TIMEOUT)
		return hc_conn_seterr(c, e, "connect to %s%s timed out after "
		    "%lld ms", d->unix_abstract ? "@" : "", d->unix_path,
		    (long long)(httpc_now_ms() - t0));
	if (e != HTTPC_OK)
		return hc_conn_seterr(c, e, "connect to %s%s failed: %s",
		    d->unix_abstract ? "@" : "", d->unix_path, why);
	/* curl shows the path where the address would be, port 0. */
	snprintf(info->remote_ip, sizeof(info->remote_ip), "%s%s",
	    d->unix_abstract ? "@" : "", d->unix_path);
	info->remote_port = 0;
	info->local_ip[0] = '\0';
	info->local_port = 0;
	hc_debugf(c, "Connected to %s (%s) port %d (#%d)", d->host,
	    info->remote_ip, d->port, info->num_connects);
	return HTTPC_OK;
}

/* Every address of the name in order, until one connects. */
static enum httpc_err
connect_inet(struct httpc_conn *c, struct hc_tcp *s,
    const struct hc_tcp_dest *d, const struct httpc_opts *o,
    int64_t deadline, int64_t t0, struct httpc_conn_info *info)
{
	struct addrinfo		*res = NULL, *ai;
	struct sockaddr_storage	 ss;
	socklen_t		 sslen;
	const char		*why = "", *kind = d->proxy ? "proxy " : "";
	char			 ip[64];
	int			 one = 1, ipport, err;
	int64_t			 us0 = httpc_now_us();
	enum httpc_err		 e;

	e = hc_resolve(d->name, d->port, o->family, deadline, &res, &why);
	if (e == HTTPC_TIMEOUT)
		return hc_conn_seterr(c, e, "resolving timed out after %lld ms "
		    "(%s%s)", (long long)(httpc_now_ms() - t0), kind, d->name);
	/* -6 with 127.0.0.1 (or -4 with ::1): nothing to resolve, and
	 * nothing this family can connect to, as curl says (exit 7). */
	if (e == HTTPC_RESOLVE && o->family != AF_UNSPEC &&
	    inet_pton(o->family == AF_INET ? AF_INET6 : AF_INET, d->name,
	    &ip) == 1)
		return hc_conn_seterr(c, HTTPC_CONNECT, "connect to %s%s port "
		    "%d failed: an IPv%c address, and only IPv%c was asked for",
		    kind, d->name, d->port, o->family == AF_INET ? '6' : '4',
		    o->family == AF_INET ? '4' : '6');
	if (e == HTTPC_RESOLVE && d->proxy)
		return hc_conn_seterr(c, HTTPC_RESOLVE_PROXY,
		    "could not resolve proxy: %s (%s)", d->name, why);
	if (e == HTTPC_RESOLVE)
		return hc_conn_seterr(c, e, "could not resolve host: %s (%s)",
		    d->name, why);
	if (e != HTTPC_OK)
		return e;
	info->t_namelookup_us = httpc_now_us() - us0;
	e = HTTPC_CONNECT;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		addr_string(ai->ai_addr, ip, sizeof(ip), &ipport);
		hc_debugf(c, "  Trying %s%s%s:%d...",
		    ai->ai_family == AF_INET6 ? "[" : "", ip,
		    ai->ai_family == AF_INET6 ? "]" : "", d->port);
		s->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (s->fd == -1) {
			why = strerror(errno);
			continue;
		}
		if ((err = bind_local(c, s->fd, ai->ai_family, o)) != 0) {
			why = strerror(err);
			e = HTTPC_BIND;
		} else if ((e = connect_fd(s, ai->ai_addr, ai->ai_addrlen,
		    deadline, &why)) == HTTPC_OK || e == HTTPC_TIMEOUT)
			break;
		close(s->fd);
		s->fd = -1;
	}
	if (e != HTTPC_OK) {
		freeaddrinfo(res);
		if (s->fd != -1) {
			close(s->fd);
			s->fd = -1;
		}
		if (e == HTTPC_TIMEOUT)
			return hc_conn_seterr(c, e, "connect to %s%s port %d "
			    "timed out after %lld ms", kind, d->name, d->port,
			    (long long)(httpc_now_ms() - t0));
		if (e == HTTPC_BIND)
			return hc_conn_seterr(c, e, "bind to local port %d%s "
			    "failed: %s", o->local_port, o->local_port_max >
			    o->local_port ? " and the range after it" : "",
			    why);
		return hc_conn_seterr(c, e, "connect to %s%s port %d failed: "
		    "%s", kind, d->name, d->port, why);
	}
	setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	info->t_connect_us = httpc_now_us() - us0;
	addr_string(ai->ai_addr, info->remote_ip, sizeof(info->remote_ip),
	    &info->remote_port);
	sslen = sizeof(ss);
	if (getsockname(s->fd, (struct sockaddr *)&ss, &sslen) == 0)
		addr_string((struct sockaddr *)&ss, info->local_ip,
		    sizeof(info->local_ip), &info->local_port);
	freeaddrinfo(res);
	hc_debugf(c, "Connected to %s (%s) port %d (#%d)", d->host,
	    info->remote_ip, info->remote_port, info->num_connects);
	return HTTPC_OK;
}

enum httpc_err
hc_tcp_connect(struct httpc_conn *c, const struct hc_tcp_dest *d,
    const struct httpc_opts *o, int64_t deadline, int64_t t0,
    struct httpc_conn_info *info, struct hc_tcp **out)
{
	struct hc_tcp	*s;
	int64_t		 us0 = httpc_now_us();
	enum httpc_err	 e;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return HTTPC_NOMEM;
	s->t.ops = &tcp_ops;
	s->c = c;
	s->fd = -1;
	s->timeout_ms = o->timeout_ms;
	s->deadline = deadline;
	if (d->unix_path != NULL)
		e = connect_unix(c, s, d, deadline, t0, info);
	else
		e = connect_inet(c, s, d, o, deadline, t0, info);
	if (e != HTTPC_OK) {
		if (s->fd != -1)
			close(s->fd);
		free(s);
		return e;
	}
	if (d->unix_path != NULL)
		info->t_connect_us = httpc_now_us() - us0;
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

int
hc_tcp_fd(const struct hc_tcp *s)
{
	return s->fd;
}

/*
 * Before each read: a peer that keeps the socket readable never makes
 * the read wait in poll, where the deadline is otherwise checked.
 */
static enum httpc_err
read_deadline(struct hc_tcp *s)
{
	if (s->deadline > 0 && httpc_now_ms() >= s->deadline)
		return hc_conn_seterr(s->c, HTTPC_TIMEOUT,
		    "timed out waiting for data from the server");
	return HTTPC_OK;
}

/* Until the socket has data, within the timeout and the deadline. */
static enum httpc_err
wait_data(struct hc_tcp *s)
{
	enum httpc_err	 e;

	if ((e = tcp_wait(s, POLLIN, s->timeout_ms, s->deadline)) ==
	    HTTPC_TIMEOUT)
		return hc_conn_seterr(s->c, HTTPC_TIMEOUT,
		    "timed out waiting for data from the server");
	if (e != HTTPC_OK)
		return hc_conn_seterr(s->c, HTTPC_RECV,
		    "poll failure: %s", strerror(errno));
	return HTTPC_OK;
}

enum httpc_err
hc_tcp_splice(struct hc_tcp *s, int pfd, size_t len, size_t *got)
{
	struct pollfd	 p;
	ssize_t		 r;
	int		 n;
	enum httpc_err	 e;

	*got = 0;
	for (;;) {
		if ((e = read_deadline(s)) != HTTPC_OK)
			return e;
		r = splice(s->fd, NULL, pfd, NULL, len,
		    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
		if (r >= 0) {
			*got = (size_t)r;
			return HTTPC_OK;
		}
		if (errno == EINTR)
			continue;
		if (errno == EPIPE)
			return hc_conn_seterr(s->c, HTTPC_WRITE,
			    "failure writing output: %s", strerror(errno));
		if (errno == EINVAL || errno == ENOSYS || errno == EBADF)
			return HTTPC_UNSUPPORTED;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return hc_conn_seterr(s->c, HTTPC_RECV,
			    "recv failure: %s", strerror(errno));
		/* Nothing to read, or the pipe is full: wait for room
		 * first (a slow reader is no network timeout), then for
		 * data. */
		p.fd = pfd;
		p.events = POLLOUT;
		while ((n = poll(&p, 1, wait_ms(0, s->deadline))) == -1 &&
		    errno == EINTR)
			;
		if (n == 0)
			return hc_conn_seterr(s->c, HTTPC_TIMEOUT,
			    "timed out writing output");
		if (n == -1)
			return hc_conn_seterr(s->c, HTTPC_WRITE,
			    "poll failure: %s", strerror(errno));
		if (p.revents & POLLERR)
			continue;		/* splice says EPIPE */
		if ((e = wait_data(s)) != HTTPC_OK)
			return e;
	}
}

static enum httpc_err
tcp_read(struct httpc_transport *t, void *p, size_t n, size_t *got)
{
	struct hc_tcp	*s = (struct hc_tcp *)t;
	ssize_t		 r;
	enum httpc_err	 e;

	for (;;) {
		if ((e = read_deadline(s)) != HTTPC_OK)
			return e;
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
		if ((e = wait_data(s)) != HTTPC_OK)
			return e;
	}
}

static enum httpc_err
tcp_write(struct httpc_transport *t, const void *p, size_t n, size_t *put)
{
	struct hc_tcp	*s = (struct hc_tcp *)t;
	ssize_t		 r;
	enum httpc_err	 e;

	for (;;) {
		if (s->deadline > 0 && httpc_now_ms() >= s->deadline)
			return hc_conn_seterr(s->c, HTTPC_TIMEOUT,
			    "timed out sending to the server");
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
