/* --trace and --trace-ascii: libhttpc's debug stream dumped to a file. */
#ifndef TRACE_H
#define TRACE_H

/*
 * Installs the debug sink writing curl's trace format to path ("-" is
 * stdout, "%" stderr).  ascii: --trace-ascii.  Returns 0 or an exit code.
 */
int	trace_start(const char *path, int ascii);
void	trace_stop(void);

#endif /* TRACE_H */
