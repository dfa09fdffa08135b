#!/bin/sh
# tests/vg/run.sh [BATS-FILE...] -- the CLI tests with every httpc run
# under valgrind memcheck (tests/vg/httpc), by default basic.bats and
# hostile.bats.  Passes when every test passes and no valgrind log holds
# a report (an invalid access, an uninitialised value, a definite or
# indirect leak).  The logs stay in $VG_LOG_DIR (default: a temporary
# directory, removed when clean).  POSIX sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -gt 0 ] || set -- "$top/tests/cli/basic.bats" "$top/tests/cli/hostile.bats"
command -v valgrind >/dev/null || { echo "run.sh: no valgrind" >&2; exit 2; }
VG_LOG_DIR=${VG_LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/httpc-vg.XXXXXX")}
export VG_LOG_DIR
# Valgrind is slow: give each client more time, and hostile.bats's time
# bounds some slack (valgrind's start and leak check take seconds).
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-120} WITHIN_SLACK_MS=${WITHIN_SLACK_MS:-10000} \
    HTTPC=$top/tests/vg/httpc bats --tap "$@"
rc=$?
runs=$(find "$VG_LOG_DIR" -name 'vg.*.log' | wc -l)
bad=$(find "$VG_LOG_DIR" -name 'vg.*.log' -size +0 | wc -l)
for f in $(find "$VG_LOG_DIR" -name 'vg.*.log' -size +0 | head -n 5); do
	echo "--- $f"
	head -n 40 "$f"
done
echo "valgrind: $runs httpc runs, $bad with a report (logs in $VG_LOG_DIR)"
[ "$bad" -eq 0 ] && [ "$rc" -eq 0 ] && [ -z "${VG_KEEP:-}" ] &&
    rm -rf "$VG_LOG_DIR"
[ "$bad" -eq 0 ] && [ "$rc" -eq 0 ]
