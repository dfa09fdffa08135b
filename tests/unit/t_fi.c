/*
 * Failure injection through the library (make check's quick version of
 * tests/fi/run.sh): a full HTTP cycle over the in-memory transport (URL
 * parsing and resolving, a POST answered by a 103 and a chunked 200 with
 * folded and repeated fields and a trailer, then a GET on the kept
 * connection, headers joined, bodies read) is run with its n-th
 * allocation failing, for n = 1, 2, ... until a run no longer reaches n;
 * then with its n-th transport read, and write, failing.  Every run must
 * end with HTTPC_NOMEM (allocation), HTTPC_RECV or HTTPC_SEND (I/O) from
 * the call that met it, and give back all it allocated: the shim counts
 * the blocks our code allocates and frees, and as many are live after a
 * run as before (under the sanitizers of .ci/run, LeakSanitizer checks
 * the same at exit).
 *
 * The allocation functions our code calls are wrapped at link time
 * (Makefile: FI_WRAP, tests/fi/shim.c).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "httpc.h"
#include "memtransport.h"

void	 hc_fi_arm(long, long);
long	 hc_fi_allocs(void);
long	 hc_fi_live(void);
int	 hc_fi_fired(void);

static const char reply[] =
    "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain\r\n"
    "Set-Cookie: a=1\r\n"
    "Set-Cookie: b=2\r\n"
    "X-Folded: one\r\n two\r\n"
    "Transfer-Encoding: chunked\r\n"
    "\r\n"
    "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc";

static int	 interim_calls;

static void
on_interim(void *arg, int status, const char *msg, size_t len)
{
	(void)arg;
	(void)msg;
	(void)len;
	if (status == 103)
		interim_calls++;
}

/*
 * One cycle; the first error, or HTTPC_OK with *complete set when every
 * step ran and gave what it should.
 */
static enum httpc_err
cycle(int fail_read, int fail_write, size_t split, int *complete)
{
	static const char *const hdrs[] = { "X-One: 1", "Accept: */*" };
	static const char *const vals[] = { "a", "b", "c" };
	struct memt_log		 log = { 0 };
	struct httpc_url	*u = NULL, *v = NULL;
	struct httpc_conn	*c = NULL;
	struct httpc_response	*r = NULL;
	const struct httpc_header *list;
	struct httpc_opts	 o;
	struct memt		*m;
	const char		*val;
	char			*s = NULL, *body = NULL, buf[4];
	size_t			 len, n;
	enum httpc_err		 e;
	int			 ok = 1;

	*complete = 0;
	interim_calls = 0;
	if ((e = httpc_url_parse("http://user:pw@example.org:8080/a/./b/../c"
	    "?q=1#frag", 0, &u, NULL)) != HTTPC_OK ||
	    (e = httpc_url_resolve(u, "../d/e?x=y", &v, NULL)) != HTTPC_OK ||
	    (e = httpc_url_string(v, 1, &s)) != HTTPC_OK)
		goto done;
	ok &= strcmp(s, "http://user:pw@example.org:8080/d/e?x=y") == 0;
	httpc_opts_init(&o);
	o.connect_timeout_ms = 1000;
	if ((e = httpc_conn_new(&c, "example.org:8080", 0, &o)) != HTTPC_OK)
		goto done;
	httpc_conn_set_interim_cb(c, on_interim, NULL);
	if ((m = memt_new(reply, sizeof(reply) - 1, split)) == NULL) {
		e = HTTPC_NOMEM;
		goto done;
	}
	m->log = &log;
	m->fail_read = fail_read;
	m->fail_write = fail_write;
	if ((e = httpc_conn_attach(c, &m->t)) != HTTPC_OK)
		goto done;
	if ((e = httpc_conn_putrequest(c, "POST", v->target, 0)) != HTTPC_OK ||
	    (e = httpc_conn_putheader(c, "User-Agent", "t_fi")) != HTTPC_OK ||
	    (e = httpc_conn_putheaderv(c, "X-List", vals, 3)) != HTTPC_OK ||
	    (e = httpc_conn_putheader(c, "Content-Length", "4")) != HTTPC_OK ||
	    (e = httpc_conn_endheaders(c, "body", 4)) != HTTPC_OK ||
	    (e = httpc_conn_getresponse(c, &r)) != HTTPC_OK)
		goto done;
	ok &= httpc_response_status(r) == 200 && interim_calls == 1;
	if ((e = httpc_response_getheader(r, "Set-Cookie", NULL, &val)) !=
	    HTTPC_OK)
		goto done;
	ok &= strcmp(val, "a=1, b=2") == 0;
	if ((e = httpc_response_getheader(r, "X-Folded", NULL, &val)) !=
	    HTTPC_OK)
		goto done;
	ok &= strcmp(val, "one two") == 0;
	httpc_response_getheaders(r, &list, &n);
	ok &= n == 5;
	if ((e = httpc_response_read_all(r, 1024, &body, &len)) != HTTPC_OK)
		goto done;
	ok &= len == 12 && strcmp(body, "hello, world") == 0;
	httpc_response_free(r);
	r = NULL;
	if ((e = httpc_conn_request(c, "GET", "/next", NULL, 0, hdrs, 2)) !=
	    HTTPC_OK || (e = httpc_conn_getresponse(c, &r)) != HTTPC_OK)
		goto done;
	len = 0;
	do {
		if ((e = httpc_response_read(r, buf, sizeof(buf), &n)) !=
		    HTTPC_OK)
			goto done;
		len += n;
	} while (n > 0);
	ok &= len == 3 && httpc_response_isclosed(r);
	*complete = ok;
done:
	httpc_response_free(r);
	httpc_conn_free(c);
	httpc_url_free(u);
	httpc_url_free(v);
	free(s);
	free(body);
	memt_log_free(&log);
	return e;
}

/* The n-th allocation fails, for every n the cycle reaches. */
static void
test_alloc(size_t split)
{
	enum httpc_err	 e;
	long		 n, total, before;
	int		 complete, bad = 0, leaks = 0;

	hc_fi_arm(0, 0);
	e = cycle(0, 0, split, &complete);
	CHECK(e == HTTPC_OK && complete);
	total = hc_fi_allocs();
	CHECK(total > 20);
	printf("# %ld allocations in a cycle, split %zu\n",
	    total, split);
	for (n = 1;; n++) {
		before = hc_fi_live();
		hc_fi_arm(n, 0);
		e = cycle(0, 0, split, &complete);
		if (!hc_fi_fired())
			break;
		hc_fi_arm(0, 0);
		if (e != HTTPC_NOMEM) {
			if (bad++ < 5)
				printf("alloc #%ld (split %zu): %s, not "
				    "NOMEM\n", n, split, httpc_err_name(e));
		}
		if (hc_fi_live() != before && leaks++ < 5)
			printf("alloc #%ld (split %zu): %ld blocks live "
			    "before, %ld after\n", n, split, before,
			    hc_fi_live());
	}
	hc_fi_arm(0, 0);
	CHECK(bad == 0);
	CHECK(leaks == 0);
	/* Every allocation of the cycle was made to fail once. */
	CHECK(n - 1 == total);
}

/* The n-th read (write) of the transport fails. */
static void
test_io(size_t split)
{
	enum httpc_err	 e;
	long		 before;
	int		 n, w, complete, bad = 0, leaks = 0;

	for (w = 0; w < 2; w++) {
		for (n = 1; n < 1000; n++) {
			before = hc_fi_live();
			e = cycle(w ? 0 : n, w ? n : 0, split, &complete);
			if (e == HTTPC_OK) {
				CHECK(complete);
				break;
			}
			if (e != (w ? HTTPC_SEND : HTTPC_RECV) && bad++ < 5)
				printf("%s #%d (split %zu): %s\n", w ? "write" :
				    "read", n, split, httpc_err_name(e));
			if (hc_fi_live() != before && leaks++ < 5)
				printf("%s #%d (split %zu): a leak\n", w ?
				    "write" : "read", n, split);
		}
		CHECK(n < 1000);
		printf("# %d %s in a cycle, split %zu\n",
		    n - 1, w ? "writes" : "reads", split);
	}
	CHECK(bad == 0);
	CHECK(leaks == 0);
}

int
main(void)
{
	int	 complete;

	/* Warm up: one-time allocations (stdio buffers) happen now. */
	hc_fi_arm(0, 0);
	CHECK(cycle(0, 0, 0, &complete) == HTTPC_OK && complete);
	test_alloc(0);
	test_alloc(3);
	test_io(0);
	test_io(5);
	return check_done("t_fi");
}
