/*
 * Name resolution with a deadline.  getaddrinfo(3) blocks for as long as
 * the DNS servers take, past any connect timeout; getaddrinfo_a(3) runs
 * the same lookup on glibc's worker thread (in libc itself since glibc
 * 2.34) and gai_suspend(3) waits for it no longer than the time left.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "resolve.h"

/*
 * One lookup.  A lookup that timed out can only be cancelled while it is
 * still queued: once running, the worker goes on and writes the result
 * into the gaicb later.  So the job lives on the heap with two
 * references, the caller's and the completion notification's, and the
 * last one to let go frees it (and any result nobody took).
 */
struct job {
	struct gaicb	 cb;
	struct addrinfo	 hints;
	struct sigevent	 sev;
	int		 refs;
	char		 serv[8];
	char		 name[];
};

static void	 job_unref(struct job *);
static void	 job_done(union sigval);

static void
job_unref(struct job *j)
{
	if (__atomic_sub_fetch(&j->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (j->cb.ar_result != NULL)
		freeaddrinfo(j->cb.ar_result);
	free(j);
}

/* The completion notification, on a thread of glibc's. */
static void
job_done(union sigval v)
{
	job_unref(v.sival_ptr);
}

static const char *
gai_why(int rc)
{
	return rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc);
}

enum httpc_err
hc_resolve(const char *name, int port, int family, int64_t deadline,
    struct addrinfo **res, const char **why)
{
	struct addrinfo		 hints;
	struct gaicb		*list[1];
	struct timespec		 ts;
	struct job		*j;
	char			 serv[8];
	size_t			 len;
	int64_t			 left;
	int			 rc;

	*res = NULL;
	*why = "";
	snprintf(serv, sizeof(serv), "%d", port);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;

	/* An address literal, or no time limit: no thread needed. */
	hints.ai_flags |= AI_NUMERICHOST;
	rc = getaddrinfo(name, serv, &hints, res);
	hints.ai_flags &= ~AI_NUMERICHOST;
	if (rc == EAI_NONAME && deadline == 0)
		rc = getaddrinfo(name, serv, &hints, res);
	if (rc == 0)
		return HTTPC_OK;
	if (rc == EAI_MEMORY)
		return HTTPC_NOMEM;
	if (rc != EAI_NONAME || deadline == 0) {
		*why = gai_why(rc);
		return HTTPC_RESOLVE;
	}

	len = strlen(name);
	if ((j = calloc(1, sizeof(*j) + len + 1)) == NULL)
		return HTTPC_NOMEM;
	memcpy(j->name, name, len + 1);
	memcpy(j->serv, serv, sizeof(serv));
	j->hints = hints;
	j->cb.ar_name = j->name;
	j->cb.ar_service = j->serv;
	j->cb.ar_request = &j->hints;
	j->sev.sigev_notify = SIGEV_THREAD;
	j->sev.sigev_notify_function = job_done;
	j->sev.sigev_value.sival_ptr = j;
	j->refs = 2;
	list[0] = &j->cb;
	if ((rc = getaddrinfo_a(GAI_NOWAIT, list, 1, &j->sev)) != 0) {
		free(j);
		if (rc == EAI_MEMORY)
			return HTTPC_NOMEM;
		*why = gai_why(rc);
		return HTTPC_RESOLVE;
	}
	while ((rc = gai_error(&j->cb)) == EAI_INPROGRESS) {
		left = deadline - httpc_now_ms();
		if (left <= 0) {
			/* Cancelled while queued: no notification comes,
			 * both references are ours. */
			if (gai_cancel(&j->cb) == EAI_CANCELED)
				job_unref(j);
			job_unref(j);
			return HTTPC_TIMEOUT;
		}
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (left % 1000) * 1000000;
		/* Returns early on a signal or when done; the loop looks
		 * again either way. */
		(void)gai_suspend((const struct gaicb *const *)list, 1, &ts);
	}
	if (rc == 0) {
		*res = j->cb.ar_result;
		j->cb.ar_result = NULL;
	}
	job_unref(j);
	if (rc == 0)
		return HTTPC_OK;
	if (rc == EAI_MEMORY)
		return HTTPC_NOMEM;
	*why = gai_why(rc);
	return HTTPC_RESOLVE;
}
