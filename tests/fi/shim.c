/*
 * Failure injection for tests/fi/httpc-fi: the same objects as httpc,
 * linked with -Wl,--wrap=NAME for each function below, so that every
 * call our code (core/, tls/, cmd/) makes to NAME comes here first.
 * Calls made inside the shared libraries (libc's own, mbedTLS's and
 * zlib's allocations, getaddrinfo's, stdio's buffers) are not wrapped:
 * only our code's failure paths are under test.
 *
 * Allocations (each call counts once):
 *	malloc calloc realloc reallocarray strdup strndup asprintf vasprintf
 * I/O (each call counts once):
 *	recv send		the sockets (under TLS too: mbedTLS's I/O
 *				goes through core/tcp.c)
 *	read write		files and pipes: -T and -d @ input, stdout
 *				and -o/-D output
 *	splice			the zero-copy path from the socket to the
 *				output (httpc_response_read_fd)
 * Counted only: free and freezero, so that a test program can compare
 * the allocations still live before and after a piece of work
 * (hc_fi_live()), where mallinfo(3) is thrown off by the tcache.
 * Not wrapped, on purpose: fopen and fdopen (their failure is reported
 * as the file's error, whatever the cause), poll (a failure there is
 * reported like a recv failure), getaddrinfo (libc allocates inside),
 * and stdio output to stderr (messages are best effort everywhere).
 *
 * Environment:
 *	HTTPC_FI_ALLOC=N	the N-th allocation fails (NULL, ENOMEM)
 *	HTTPC_FI_IO=N		the N-th I/O call fails (-1: ECONNRESET
 *				for recv and send, EIO for read and
 *				splice, ENOSPC for write)
 *	HTTPC_FI_REPORT=FILE	at exit, "allocs N ios M fired F" is
 *				written there (F is 1 once the failure was
 *				injected): tests/fi/run.sh stops at the
 *				first N that did not fire
 *	HTTPC_FI_TRACE=1	print the stack of the failing call on stderr
 *				(AddressSanitizer's symbolizer)
 * Counting starts at the first call, argument parsing included, and the
 * count is per process.
 *
 * A test program linked with the shim (tests/unit/t_fi.c) drives it
 * with hc_fi_arm() instead, and reads the counts back.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void	*__real_malloc(size_t);
void	 __real_free(void *);
void	 __real_freezero(void *, size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__real_reallocarray(void *, size_t, size_t);
char	*__real_strdup(const char *);
char	*__real_strndup(const char *, size_t);
int	 __real_vasprintf(char **, const char *, va_list);
ssize_t	 __real_recv(int, void *, size_t, int);
ssize_t	 __real_send(int, const void *, size_t, int);
ssize_t	 __real_read(int, void *, size_t);
ssize_t	 __real_write(int, const void *, size_t);
ssize_t	 __real_splice(int, loff_t *, int, loff_t *, size_t, unsigned int);

void	*__wrap_malloc(size_t);
void	 __wrap_free(void *);
void	 __wrap_freezero(void *, size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);
void	*__wrap_reallocarray(void *, size_t, size_t);
char	*__wrap_strdup(const char *);
char	*__wrap_strndup(const char *, size_t);
int	 __wrap_asprintf(char **, const char *, ...);
int	 __wrap_vasprintf(char **, const char *, va_list);
ssize_t	 __wrap_recv(int, void *, size_t, int);
ssize_t	 __wrap_send(int, const void *, size_t, int);
ssize_t	 __wrap_read(int, void *, size_t);
ssize_t	 __wrap_write(int, const void *, size_t);
ssize_t	 __wrap_splice(int, loff_t *, int, loff_t *, size_t, unsigned int);

/* For test programs: the environment is not read then. */
void	 hc_fi_arm(long, long);
long	 hc_fi_allocs(void);
long	 hc_fi_ios(void);
long	 hc_fi_live(void);
int	 hc_fi_fired(void);

/* AddressSanitizer's, when it is linked in. */
void	 __sanitizer_print_stack_trace(void) __attribute__((weak));

static long	 alloc_at = -1, io_at = -1;	/* -1: not read yet */
static long	 allocs, ios;
static long	 live;			/* allocated, not yet freed */
static int	 fired, trace;
static const char *report;

static long
env_num(const char *name)
{
	const char	*s = getenv(name);
	char		*end;
	long		 n;

	if (s == NULL || *s == '\0')
		return 0;
	n = strtol(s, &end, 10);
	return *end == '\0' && n > 0 ? n : 0;
}

static void
setup(void)
{
	const char	*t;

	if (alloc_at != -1)
		return;
	alloc_at = env_num("HTTPC_FI_ALLOC");
	io_at = env_num("HTTPC_FI_IO");
	report = getenv("HTTPC_FI_REPORT");
	t = getenv("HTTPC_FI_TRACE");
	trace = t != NULL && *t != '\0' && *t != '0';
}

static void
fire(const char *what, long n)
{
	char	 line[96];
	int	 len;

	fired = 1;
	if (!trace)
		return;
	/* No stdio: write(2) through the real one, not counted. */
	len = snprintf(line, sizeof(line), "httpc-fi: %s #%ld fails\n", what,
	    n);
	if (len > 0)
		(void)__real_write(STDERR_FILENO, line, (size_t)len);
	if (__sanitizer_print_stack_trace != NULL)
		__sanitizer_print_stack_trace();
}

/*
 * Counts start again from 0: the alloc_at-th allocation and the
 * io_at-th I/O call from now on fail (0: none).
 */
void
hc_fi_arm(long alloc_n, long io_n)
{
	/* No longer -1: setup() leaves the environment alone from now on. */
	alloc_at = alloc_n > 0 ? alloc_n : 0;
	io_at = io_n > 0 ? io_n : 0;
	report = NULL;
	trace = 0;
	allocs = ios = 0;
	fired = 0;
}

long
hc_fi_allocs(void)
{
	return allocs;
}

long
hc_fi_live(void)
{
	return live;
}

long
hc_fi_ios(void)
{
	return ios;
}

int
hc_fi_fired(void)
{
	return fired;
}

/* 1 if this allocation is the one to fail. */
static int
alloc_fails(const char *what)
{
	setup();
	if (++allocs != alloc_at)
		return 0;
	fire(what, allocs);
	errno = ENOMEM;
	return 1;
}

static int
io_fails(const char *what, int err)
{
	setup();
	if (++ios != io_at)
		return 0;
	fire(what, ios);
	errno = err;
	return 1;
}

__attribute__((destructor)) static void
fi_report(void)
{
	char	 line[128];
	int	 fd, len;

	setup();
	if (report == NULL)
		return;
	len = snprintf(line, sizeof(line), "allocs %ld ios %ld fired %d\n",
	    allocs, ios, fired);
	if ((fd = open(report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		return;
	if (len > 0)
		(void)__real_write(fd, line, (size_t)len);
	close(fd);
}

/* A pointer from an allocation that worked is one more live block. */
static void *
got(void *p)
{
	if (p != NULL)
		live++;
	return p;
}

void *
__wrap_malloc(size_t n)
{
	return alloc_fails("malloc") ? NULL : got(__real_malloc(n));
}

void *
__wrap_calloc(size_t n, size_t size)
{
	return alloc_fails("calloc") ? NULL : got(__real_calloc(n, size));
}

void *
__wrap_realloc(void *p, size_t n)
{
	if (alloc_fails("realloc"))
		return NULL;
	return p == NULL ? got(__real_realloc(p, n)) : __real_realloc(p, n);
}

void *
__wrap_reallocarray(void *p, size_t n, size_t size)
{
	if (alloc_fails("reallocarray"))
		return NULL;
	return p == NULL ? got(__real_reallocarray(p, n, size)) :
	    __real_reallocarray(p, n, size);
}

char *
__wrap_strdup(const char *s)
{
	return alloc_fails("strdup") ? NULL : got(__real_strdup(s));
}

char *
__wrap_strndup(const char *s, size_t n)
{
	return alloc_fails("strndup") ? NULL : got(__real_strndup(s, n));
}

int
__wrap_vasprintf(char **p, const char *fmt, va_list ap)
{
	int	 r;

	if (alloc_fails("vasprintf")) {
		*p = NULL;
		return -1;
	}
	if ((r = __real_vasprintf(p, fmt, ap)) != -1)
		live++;
	return r;
}

int
__wrap_asprintf(char **p, const char *fmt, ...)
{
	va_list	 ap;
	int	 r;

	if (alloc_fails("asprintf")) {
		*p = NULL;
		return -1;
	}
	va_start(ap, fmt);
	r = __real_vasprintf(p, fmt, ap);
	va_end(ap);
	if (r != -1)
		live++;
	return r;
}

void
__wrap_free(void *p)
{
	if (p != NULL)
		live--;
	__real_free(p);
}

void
__wrap_freezero(void *p, size_t n)
{
	if (p != NULL)
		live--;
	__real_freezero(p, n);
}

ssize_t
__wrap_recv(int fd, void *p, size_t n, int flags)
{
	return io_fails("recv", ECONNRESET) ? -1 :
	    __real_recv(fd, p, n, flags);
}

ssize_t
__wrap_send(int fd, const void *p, size_t n, int flags)
{
	return io_fails("send", ECONNRESET) ? -1 :
	    __real_send(fd, p, n, flags);
}

ssize_t
__wrap_read(int fd, void *p, size_t n)
{
	return io_fails("read", EIO) ? -1 : __real_read(fd, p, n);
}

ssize_t
__wrap_write(int fd, const void *p, size_t n)
{
	return io_fails("write", ENOSPC) ? -1 : __real_write(fd, p, n);
}

ssize_t
__wrap_splice(int in, loff_t *inoff, int out, loff_t *outoff, size_t n,
    unsigned int flags)
{
	return io_fails("splice", EIO) ? -1 :
	    __real_splice(in, inoff, out, outoff, n, flags);
}
