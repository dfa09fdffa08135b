/*
 * The unit tests' one macro, after curl's fail_unless: print where and
 * what failed, count, go on.  check_done() prints the line tests/run.sh
 * reads and gives the exit status.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int	check_passed, check_failed;

#define CHECK(expr) do {						\
	if (expr)							\
		check_passed++;						\
	else {								\
		check_failed++;						\
		printf("%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__,	\
		    #expr);						\
	}								\
} while (0)

static inline int
check_done(const char *name)
{
	printf("# %s: %d passed, %d failed\n", name, check_passed,
	    check_failed);
	return check_failed != 0;
}

#endif
