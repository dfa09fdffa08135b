/*
 * httpc: fetch URLs over HTTP and HTTPS, with curl's flags and exit
 * codes, on libhttpc.  main() parses the command line, transfers each
 * URL in order over a kept connection, and exits with the status of the
 * last transfer (the first failure with --fail-early), as curl does.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpc.h"
#include "args.h"
#include "output.h"
#include "trace.h"
#include "transfer.h"

static void	 version(void);

static void
version(void)
{
	const char	*tls = httpc_tls_backend();

	printf("httpc %s (libhttpc %s) %s\n", HTTPC_VERSION, HTTPC_VERSION,
	    tls);
	printf("Protocols: http https\n");
	printf("Features: IPv6 Largefile SSL%s UnixSockets\n",
	    strstr(tls, "1.3") != NULL ? " TLSv1.3" : "");
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct session	 s;
	size_t		 i;
	int		 rc, frc, done, session = 0;

	/* A closed pipe or socket is an error code, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	if ((rc = args_parse(&cfg, argc, argv, &done)) != 0 || done) {
		/* args.c reports its other errors; this one is ours. */
		if (rc == EXIT_OUT_OF_MEMORY)
			(void)msg_nomem();
		if (done == 2)
			version();
		goto out;
	}
	msg_setup(cfg.silent, cfg.show_error);
	if (cfg.trace != NULL && (rc = trace_start(cfg.trace,
	    cfg.trace_ascii)) != 0)
		goto out;
	session = 1;
	if ((rc = session_init(&s, &cfg)) != 0)
		goto out;
	/* --trace shows everything, bodies too: libhttpc's level 2. */
	if (cfg.trace != NULL)
		s.pool.debuglevel = 2;
	for (i = 0; i < cfg.urls.n; i++) {
		rc = transfer(&s, cfg.urls.v[i], i < cfg.nouts ?
		    &cfg.outs[i] : NULL, i < cfg.uploads.n ?
		    cfg.uploads.v[i] : NULL);
		if (rc != 0 && cfg.fail_early)
			break;
	}
out:
	/* Saving the -c jar can fail too: the first error wins. */
	if (session && (frc = session_free(&s)) != 0 && rc == 0)
		rc = frc;
	if (cfg.trace != NULL)
		trace_stop();
	args_free(&cfg);
	return rc;
}
