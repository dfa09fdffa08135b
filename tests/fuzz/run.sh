#!/bin/sh
# tests/fuzz/run.sh -- run libFuzzer targets over their seed corpora.
#
#	sh tests/fuzz/run.sh -t SECONDS tests/fuzz/fuzz_NAME...	(make fuzz-smoke)
#	sh tests/fuzz/run.sh -r RUNS tests/fuzz/fuzz_NAME...	(make fuzz-long)
#
# Target fuzz_NAME reads its seed corpus tests/fuzz/corpus/NAME and never
# writes it: the inputs it finds go to a directory of its own under
# $FUZZ_WORK (default: a temporary directory, removed at the end unless
# FUZZ_WORK is set; keep them with FUZZ_WORK=DIR to merge the useful ones
# into the corpus by hand: fuzz_NAME -merge=1 corpus/NAME DIR/NAME).  A
# crash, a leak, a sanitizer report, a timeout (10 s for one input) or an
# out-of-memory stops that target; its input is saved in
# $FUZZ_ARTIFACTS (default tests/fuzz/artifacts/) as crash-*, leak-*,
# timeout-* or oom-*: make it a unit test and a corpus file.
#
# One line per target, then a total:
#	fuzz_NAME: 1234567 runs in 20 s, 0 crashes
# Exits non-zero when any target failed.  POSIX sh.

set -u

usage() {
	echo "usage: $0 -t SECONDS | -r RUNS BINARY..." >&2
	exit 2
}

[ $# -ge 2 ] || usage
case $1 in
-t) limit="-max_total_time=$2" ;;
-r) limit="-runs=$2" ;;
*) usage ;;
esac
shift 2

top=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${FUZZ_ARTIFACTS:-$top/tests/fuzz/artifacts}
mkdir -p "$artifacts" || exit 2
if [ -n "${FUZZ_WORK:-}" ]; then
	work=$FUZZ_WORK
	mkdir -p "$work" || exit 2
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/httpc-fuzz.XXXXXX") || exit 2
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM

failed=0
total_runs=0
for bin; do
	name=${bin##*/}
	name=${name#fuzz_}
	corpus=$top/tests/fuzz/corpus/$name
	mkdir -p "$work/$name"
	[ -d "$corpus" ] || corpus=
	t0=$(date +%s)
	rc=0
	# shellcheck disable=SC2086 # $limit is one word, $corpus one or none
	"$bin" $limit -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$artifacts/$name-" "$work/$name" $corpus \
	    >"$work/$name.log" 2>&1 || rc=$?
	t=$(($(date +%s) - t0))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$work/$name.log" | tail -n 1)
	[ -n "$runs" ] || runs=0
	total_runs=$((total_runs + runs))
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$name: $runs runs in $t s, 0 crashes"
	else
		failed=$((failed + 1))
		echo "fuzz_$name: $runs runs in $t s, exit $rc: FAILED"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' \
		    "$work/$name.log" | head -n 5
		grep '^artifact_prefix=\|Test unit written to' \
		    "$work/$name.log" | sed 's/^/    /'
		tail -n 30 "$work/$name.log" | sed 's/^/    | /'
	fi
done
echo "fuzz: $# targets, $total_runs runs, $failed failed"
[ "$failed" -eq 0 ]
