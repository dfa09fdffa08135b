/*
 * The internal growable buffer (core/buf.c): limits, the overflow checks
 * before any arithmetic, NUL termination, consume, take.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"

/* The invariant every operation keeps. */
static int
sane(const struct hc_buf *b)
{
	if (b->data == NULL)
		return b->len == 0 && b->cap == 0;
	return b->len < b->cap && b->data[b->len] == '\0';
}

static void
test_init(void)
{
	struct hc_buf	 b;

	hc_buf_init(&b, 100);
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0 && b.max == 100);
	CHECK(sane(&b));
	hc_buf_reset(&b);		/* nothing allocated: still fine */
	CHECK(b.data == NULL);
	hc_buf_consume(&b, 10);
	CHECK(b.data == NULL && b.len == 0);
	hc_buf_free(&b);
	hc_buf_free(&b);		/* twice is fine */
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
}

static void
test_add(void)
{
	struct hc_buf	 b;
	int		 i, bad = 0;

	hc_buf_init(&b, 1000);
	CHECK(hc_buf_add(&b, "", 0) == HTTPC_OK);
	CHECK(b.data != NULL && b.len == 0 && sane(&b));
	CHECK(hc_buf_add(&b, "abc", 3) == HTTPC_OK);
	CHECK(b.len == 3 && strcmp(b.data, "abc") == 0 && sane(&b));
	CHECK(hc_buf_addstr(&b, "def") == HTTPC_OK);
	CHECK(b.len == 6 && strcmp(b.data, "abcdef") == 0 && sane(&b));
	/* Binary data, NULs included. */
	CHECK(hc_buf_add(&b, "x\0y", 3) == HTTPC_OK);
	CHECK(b.len == 9 && memcmp(b.data, "abcdefx\0y", 10) == 0);
	CHECK(hc_buf_printf(&b, "<%d:%s>", 42, "z") == HTTPC_OK);
	CHECK(b.len == 15 && memcmp(b.data + 9, "<42:z>", 7) == 0);
	CHECK(sane(&b));
	hc_buf_free(&b);

	/* Many small adds grow it; every step keeps the invariant. */
	hc_buf_init(&b, 100000);
	for (i = 0; i < 100000; i++) {
		if (hc_buf_add(&b, &"0123456789"[i % 10], 1) != HTTPC_OK ||
		    !sane(&b) || b.len != (size_t)i + 1 ||
		    b.data[i] != '0' + i % 10)
			bad++;
	}
	CHECK(bad == 0);
	CHECK(b.len == 100000);
	CHECK(b.cap <= 100001);		/* never more than max + NUL */
	/* Full: one more byte fails and frees everything. */
	CHECK(hc_buf_add(&b, "x", 1) == HTTPC_NOMEM);
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0 && sane(&b));
	/* And it can be used again. */
	CHECK(hc_buf_addstr(&b, "again") == HTTPC_OK);
	CHECK(strcmp(b.data, "again") == 0);
	hc_buf_free(&b);
}

static void
test_limits(void)
{
	struct hc_buf	 b;
	char		 big[200];

	memset(big, 'a', sizeof(big));
	/* Exactly max is fine, max + 1 is not. */
	hc_buf_init(&b, 10);
	CHECK(hc_buf_add(&b, big, 10) == HTTPC_OK && b.len == 10);
	CHECK(b.cap <= 11);
	CHECK(hc_buf_add(&b, "", 0) == HTTPC_OK && b.len == 10);
	CHECK(hc_buf_add(&b, big, 1) == HTTPC_NOMEM);
	CHECK(b.data == NULL && b.len == 0);
	CHECK(hc_buf_add(&b, big, 11) == HTTPC_NOMEM);
	CHECK(b.data == NULL);
	CHECK(hc_buf_add(&b, big, 7) == HTTPC_OK);
	CHECK(hc_buf_add(&b, big, 4) == HTTPC_NOMEM);
	CHECK(b.data == NULL && b.len == 0);
	hc_buf_free(&b);

	/* max 0: only empty adds. */
	hc_buf_init(&b, 0);
	CHECK(hc_buf_add(&b, "", 0) == HTTPC_OK && sane(&b));
	CHECK(hc_buf_add(&b, "a", 1) == HTTPC_NOMEM && sane(&b));
	hc_buf_free(&b);

	/* printf at the limit. */
	hc_buf_init(&b, 5);
	CHECK(hc_buf_printf(&b, "%s", "12345") == HTTPC_OK);
	CHECK(b.len == 5 && strcmp(b.data, "12345") == 0);
	CHECK(hc_buf_printf(&b, "%c", 'x') == HTTPC_NOMEM);
	CHECK(b.data == NULL && b.len == 0);
	CHECK(hc_buf_printf(&b, "%s", "123456") == HTTPC_NOMEM);
	CHECK(b.data == NULL);
	CHECK(hc_buf_printf(&b, "%s", "") == HTTPC_OK && sane(&b));
	hc_buf_free(&b);

	/* A large printf grows past the first allocation. */
	hc_buf_init(&b, 1 << 20);
	CHECK(hc_buf_printf(&b, "%0*d", 100000, 7) == HTTPC_OK);
	CHECK(b.len == 100000 && b.data[99999] == '7' && sane(&b));
	hc_buf_free(&b);

	/* reserve makes room without adding. */
	hc_buf_init(&b, 1000);
	CHECK(hc_buf_reserve(&b, 500) == HTTPC_OK);
	CHECK(b.len == 0 && b.cap >= 501 && sane(&b));
	CHECK(hc_buf_reserve(&b, 1000) == HTTPC_OK && b.cap <= 1001);
	CHECK(hc_buf_reserve(&b, 1001) == HTTPC_NOMEM && b.data == NULL);
	hc_buf_free(&b);
}

/* The size checks come before arithmetic that could wrap. */
static void
test_overflow(void)
{
	struct hc_buf	 b;

	hc_buf_init(&b, SIZE_MAX);
	CHECK(hc_buf_reserve(&b, SIZE_MAX) == HTTPC_NOMEM);
	CHECK(sane(&b));
	CHECK(hc_buf_addstr(&b, "hello") == HTTPC_OK);
	/* len + n + 1 would wrap to 0: must fail, not "fit". */
	CHECK(hc_buf_reserve(&b, SIZE_MAX - 5) == HTTPC_NOMEM);
	CHECK(sane(&b));
	CHECK(hc_buf_addstr(&b, "hello") == HTTPC_OK);
	CHECK(hc_buf_reserve(&b, SIZE_MAX - 4) == HTTPC_NOMEM);
	CHECK(hc_buf_addstr(&b, "hello") == HTTPC_OK);
	CHECK(hc_buf_add(&b, "x", SIZE_MAX - 5) == HTTPC_NOMEM);
	CHECK(b.data == NULL && b.len == 0);
	hc_buf_free(&b);

	/* A bounded buffer: max - len is the room, whatever n is. */
	hc_buf_init(&b, 100);
	CHECK(hc_buf_addstr(&b, "abc") == HTTPC_OK);
	CHECK(hc_buf_reserve(&b, SIZE_MAX) == HTTPC_NOMEM);
	CHECK(hc_buf_addstr(&b, "abc") == HTTPC_OK);
	CHECK(hc_buf_add(&b, "x", SIZE_MAX - 2) == HTTPC_NOMEM);
	CHECK(b.data == NULL);
	hc_buf_free(&b);
}

static void
test_consume(void)
{
	struct hc_buf	 b;
	size_t		 cap;

	hc_buf_init(&b, 100);
	CHECK(hc_buf_addstr(&b, "hello world") == HTTPC_OK);
	hc_buf_consume(&b, 0);
	CHECK(b.len == 11 && strcmp(b.data, "hello world") == 0);
	hc_buf_consume(&b, 6);
	CHECK(b.len == 5 && strcmp(b.data, "world") == 0 && sane(&b));
	hc_buf_consume(&b, 4);
	CHECK(b.len == 1 && strcmp(b.data, "d") == 0 && sane(&b));
	hc_buf_consume(&b, 1);
	CHECK(b.len == 0 && b.data != NULL && b.data[0] == '\0');
	CHECK(hc_buf_addstr(&b, "abc") == HTTPC_OK);
	hc_buf_consume(&b, 1000);
	CHECK(b.len == 0 && sane(&b));
	/* reset keeps the allocation. */
	CHECK(hc_buf_addstr(&b, "abc") == HTTPC_OK);
	cap = b.cap;
	hc_buf_reset(&b);
	CHECK(b.len == 0 && b.cap == cap && b.data[0] == '\0');
	hc_buf_free(&b);
}

static void
test_take(void)
{
	struct hc_buf	 b;
	char		*p;

	hc_buf_init(&b, 100);
	CHECK(hc_buf_add(&b, "a\0c", 3) == HTTPC_OK);
	p = hc_buf_take(&b);
	CHECK(p != NULL && memcmp(p, "a\0c", 4) == 0);
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
	free(p);
	/* Never used: an empty string, not NULL. */
	p = hc_buf_take(&b);
	CHECK(p != NULL && p[0] == '\0');
	free(p);
	/* The buffer is usable after take. */
	CHECK(hc_buf_addstr(&b, "next") == HTTPC_OK);
	CHECK(strcmp(b.data, "next") == 0);
	p = hc_buf_take(&b);
	CHECK(p != NULL && strcmp(p, "next") == 0);
	free(p);
	hc_buf_free(&b);

	/* max 0: take still gives "". */
	hc_buf_init(&b, 0);
	p = hc_buf_take(&b);
	CHECK(p != NULL && p[0] == '\0');
	free(p);
	hc_buf_free(&b);
}

int
main(void)
{
	test_init();
	test_add();
	test_limits();
	test_overflow();
	test_consume();
	test_take();
	return check_done("t_buf");
}
