#!/bin/sh
# tests/run.sh -- httpc's test runner, what `make check` calls:
#
#	sh tests/run.sh tests/unit/t_a tests/unit/t_b ...
#
# Runs each unit test binary given, then the bats suites (tests/cli/*.bats,
# or the files in $BATS_FILES), prints a summary per suite and, as its very
# last line, "N passed, M failed" (", K skipped" added when K > 0; skipped
# tests are counted in N).  Exits 0 only when M is 0.
#
# A unit binary prints as its last stdout line "# t_NAME: P passed, F failed"
# and exits non-zero when F > 0.  One that prints no such line (a crash, a
# sanitizer abort, a hang stopped by the timeout) counts as one failure; so
# does one that reports no failure but exits non-zero (say, LeakSanitizer).
#
# Environment:
#	BATS_FILES	CLI suites to run instead of tests/cli/*.bats
#	BATS		the bats command (default: bats)
#	UNIT_TIMEOUT	seconds a unit binary may run (default 300)
#
# POSIX sh: dash runs it.

set -u

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/httpc-check.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
skipped=0

# ------------------------------------------------------------ unit tests

unit_p=0
unit_f=0
unit_n=0
if command -v timeout >/dev/null 2>&1; then
	limit="timeout ${UNIT_TIMEOUT:-300}"
else
	limit=
fi

for t; do
	unit_n=$((unit_n + 1))
	name=${t##*/}
	case $t in
	*/*) cmd=$t ;;
	*) cmd=./$t ;;
	esac
	rc=0
	if [ -x "$cmd" ]; then
		# stdout is kept to read the summary line; stderr (sanitizer
		# reports) goes straight through
		$limit "$cmd" >"$tmp/out" || rc=$?
	else
		echo "run.sh: $t: no such executable" >"$tmp/out"
		rc=127
	fi
	cat "$tmp/out"
	summary=$(tail -n 1 "$tmp/out" | sed -n \
	    's/^# [^:]*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p')
	if [ -n "$summary" ]; then
		p=${summary% *}
		f=${summary#* }
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "run.sh: $name: exit status $rc after reporting no failure"
			f=1
		fi
	else
		p=0
		f=1
		case $rc in
		0) why="exited 0" ;;
		124) why="timed out" ;;
		12[6-7]) why="could not be run" ;;
		*) if [ "$rc" -gt 128 ]; then
			why="killed by signal $((rc - 128))"
		   else
			why="exit status $rc"
		   fi ;;
		esac
		echo "run.sh: $name: $why without a summary line: 1 failure"
	fi
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name: $p passed, $f failed"
	fi
	unit_p=$((unit_p + p))
	unit_f=$((unit_f + f))
done

if [ "$unit_n" -gt 0 ]; then
	echo "== unit tests ($unit_n binaries): $unit_p passed, $unit_f failed"
fi
passed=$((passed + unit_p))
failed=$((failed + unit_f))

# ------------------------------------------------------------ bats

if [ -n "${BATS_FILES:-}" ]; then
	files=$BATS_FILES
else
	files=
	for f in "$top"/tests/cli/*.bats; do
		[ -e "$f" ] && files="$files $f"
	done
fi

if [ -n "$files" ]; then
	bats=${BATS:-bats}
	if command -v "$bats" >/dev/null 2>&1; then
		# tee shows progress as it comes; the status travels by file
		# since sh has no pipefail
		# shellcheck disable=SC2086 # $files is a list of paths
		{ "$bats" --tap $files 2>&1; echo $? >"$tmp/bats.rc"; } |
		    tee "$tmp/tap"
		brc=$(cat "$tmp/bats.rc")
		plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/tap" | head -n 1)
		ok=$(grep -c '^ok ' "$tmp/tap")
		skip=$(grep -c '^ok .* # skip' "$tmp/tap")
		notok=$(grep -c '^not ok ' "$tmp/tap")
		cli_f=$notok
		if [ -n "$plan" ] && [ $((ok + notok)) -lt "$plan" ]; then
			echo "run.sh: bats ran $((ok + notok)) of $plan tests:" \
			    "$((plan - ok - notok)) counted as failed"
			cli_f=$((cli_f + plan - ok - notok))
		elif [ "$brc" -ne 0 ] && [ "$notok" -eq 0 ]; then
			echo "run.sh: bats exited $brc with no failed test: 1 failure"
			cli_f=$((cli_f + 1))
		fi
		echo "== cli tests: $ok passed, $cli_f failed, $skip skipped"
		grep '^not ok ' "$tmp/tap" | sed 's/^/FAIL /'
		passed=$((passed + ok))
		failed=$((failed + cli_f))
		skipped=$((skipped + skip))
	else
		echo "run.sh: $bats not found: the CLI tests (bats-core, bats-support," \
		    "bats-assert) cannot run: 1 failure"
		failed=$((failed + 1))
	fi
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
