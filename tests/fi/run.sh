#!/bin/sh
# tests/fi/run.sh -- failure injection over whole runs of the program.
#
#	sh tests/fi/run.sh [-q] [-v] [-s SCENARIO]... tests/fi/httpc-fi
#
# httpc-fi is httpc built with sanitizers and the shim of tests/fi/shim.c
# ("make tests/fi/httpc-fi").  For each scenario below and each kind of
# failure (alloc: the n-th allocation fails; io: the n-th recv, send,
# read or write fails) it runs the scenario with n = 1, 2, ... until a
# run finishes without reaching n, and checks every run that did:
#   - no sanitizer report (AddressSanitizer, LeakSanitizer, UBSan), no
#     signal, no hang (20 s);
#   - alloc: exit 27 and an "out of memory" message (27 without it
#     fails too);
#   - io: exit 18, 23, 26, 35, 55 or 56 (what failed decides: partial
#     body, write, read, TLS handshake, send, receive);
#   - or exit 0, when the failure did not matter (a kept connection that
#     fails is tried again on a new one, as curl does; a close_notify
#     that cannot be sent), but then stdout and every file written (the
#     -c jar, its expiry times aside) must be those of a run without
#     failure: a failure ignored that loses anything is caught here.
# Scenarios (against tests/fi/server.py, on 127.0.0.1):
#   http    -L over a 302 with a cookie, -c/-b, -u, -H, -d, -D, -w, two
#           URLs on one connection: a chunked body with a trailer and a
#           103 before a 200
#   upload  -T FILE (the read(2) of the upload), -w
#   https   the http scenario over TLS, verified with --cacert
#   form    -F fields and a file part, cookies from a -b file, --netrc-file,
#           -A, -e, -H @file, -w @file, -i
#   proxy   an HTTP proxy (tests/server/httpd.py --mode proxy): -x with
#           a proxy user, then a CONNECT tunnel (-p) to the TLS server
#   gzip    --compressed (only when the binary knows the option)
# -q runs http with allocation failures only (a minute); -v also shows
# where the runs that exited 0 met their failure.  A failure is shown
# with the stack of the failing call (HTTPC_FI_TRACE=1).  The last
# line is "fi: N runs, M failed"; exit status 0 only when M is 0.
# POSIX sh.

set -u

quick=
verbose=
only=
while [ $# -gt 1 ]; do
	case $1 in
	-q) quick=1 ;;
	-v) verbose=1 ;;
	-s) only="$only $2"; shift ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || { echo "usage: $0 [-q] [-s SCENARIO]... BINARY" >&2; exit 2; }
case $1 in
/*) fi=$1 ;;
*) fi=$(pwd)/$1 ;;
esac
[ -x "$fi" ] || { echo "run.sh: no $fi: make tests/fi/httpc-fi" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/httpc-fi.XXXXXX") || exit 2
pids=
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sanitizer reports go to stderr with a distinct exit status; leaks are
# a failure like any other report.
export ASAN_OPTIONS=detect_leaks=1:exitcode=99:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99

# start_server NAME [--cert C --key K]: sets port_NAME.
port_http=
port_https=
start_server() {
	name=$1
	shift
	"$PYTHON" "$here/server.py" --port-file "$tmp/$name.port" "$@" \
	    >"$tmp/$name.server.log" 2>&1 &
	pids="$pids $!"
	i=0
	while [ ! -s "$tmp/$name.port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ -s "$tmp/$name.port" ] || {
		echo "run.sh: server $name did not start:" >&2
		cat "$tmp/$name.server.log" >&2
		exit 2
	}
	eval "port_$name=\$(cat \"\$tmp/\$name.port\")"
}

start_server http
http=http://127.0.0.1:$port_http
# The proxy: tests/server/httpd.py, forwarding to 127.0.0.1 only.
"$PYTHON" -I -S "$here/../server/httpd.py" --mode proxy \
    --port-file "$tmp/proxy.port" --log-dir "$tmp/proxy.log.d" \
    --proxy-auth pu:pp --idle-timeout 600 >"$tmp/proxy.server.log" 2>&1 &
pids="$pids $!"
i=0
while [ ! -s "$tmp/proxy.port" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
proxy=127.0.0.1:$(cat "$tmp/proxy.port" 2>/dev/null)
if [ -z "$quick" ]; then
	# A self-signed certificate for 127.0.0.1, its own CA.
	if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
	    -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
	    -subj /CN=fi.httpc.example \
	    -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
	    >"$tmp/openssl.log" 2>&1; then
		echo "run.sh: openssl req failed:" >&2
		cat "$tmp/openssl.log" >&2
		exit 2
	fi
	start_server https --cert "$tmp/cert.pem" --key "$tmp/key.pem"
	https=https://127.0.0.1:$port_https
fi
head -c 100000 /dev/zero | tr '\0' u >"$tmp/upload.bin"
printf 'machine 127.0.0.1 login nu password np\n' >"$tmp/netrc"
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tfromfile\t1\n' >"$tmp/cookies"
printf 'X-From-File: 1\nX-Second: 2\n' >"$tmp/headers"
printf '%%{http_code} %%{size_upload}\n' >"$tmp/wfmt"

# scenario NAME: the arguments of the scenario, one per line.
scenario() {
	out=$tmp/out
	case $1 in
	http | https)
		u=$http
		[ "$1" = http ] || u=$https
		printf '%s\n' -sS --fail-early -L -c "$out/jar" -b pre=1 \
		    -u user:pw \
		    -H 'X-FI: 1' -d a=1 -D "$out/heads" \
		    -w '%{http_code} %{num_redirects} %{url_effective} %{filename_effective}\n' \
		    -o "$out/one" "$u/redirect" -o "$out/two" "$u/interim"
		[ "$1" = http ] || printf '%s\n' --cacert "$tmp/cert.pem"
		;;
	upload)
		printf '%s\n' -sS -T "$tmp/upload.bin" -w '%{size_upload}\n' \
		    -o "$out/one" "$http/upload"
		;;
	form)
		printf '%s\n' -sS -i -F name=value -F "file=@$tmp/upload.bin" \
		    -F 'typed=x;type=text/plain' -b "$tmp/cookies" \
		    --netrc-file "$tmp/netrc" -A fi-agent -e "$http/from" \
		    -H "@$tmp/headers" -w "@$tmp/wfmt" -o "$out/one" \
		    "$http/upload"
		;;
	proxy)
		printf '%s\n' -sS --fail-early -x "$proxy" -U pu:pp \
		    -o "$out/one" "$http/final"
		[ -z "$quick" ] && printf '%s\n' -p --cacert "$tmp/cert.pem" \
		    -o "$out/two" "$https/final"
		;;
	gzip)
		printf '%s\n' -sS --compressed -o "$out/one" "$http/gzip"
		;;
	esac
}

# run_one SCENARIO ENV...: one run; sets rc, and leaves stderr in
# $tmp/stderr and the shim's report in $tmp/report.
run_one() {
	s=$1
	shift
	rm -rf "$tmp/out" "$tmp/report"
	mkdir -p "$tmp/out"
	scenario "$s" >"$tmp/args"
	rc=0
	# One argument per line: no argument here holds a newline.
	# shellcheck disable=SC2086 # $envs: NAME=VALUE words
	(
		set --
		while IFS= read -r a; do
			set -- "$@" "$a"
		done <"$tmp/args"
		cd "$tmp/out" &&
		    exec env "HTTPC_FI_REPORT=$tmp/report" $envs \
		    timeout -k 5 20 "$fi" "$@"
	) >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || rc=$?
}

runs=0
failed=0
known=0

# same_as_base: stdout and the files of this run are the reference's.
same_as_base() {
	cmp -s "$tmp/stdout" "$tmp/base/stdout" || return 1
	(cd "$tmp/out" && find . -type f | sort) >"$tmp/files"
	(cd "$tmp/base/out" && find . -type f | sort) | cmp -s - "$tmp/files" ||
	    return 1
	while IFS= read -r f; do
		case $f in
		*/jar)
			# The expiry (field 5) depends on the clock.
			awk -F '\t' 'NF >= 7 { $5 = "" } { print }' \
			    "$tmp/out/$f" >"$tmp/jar.a"
			awk -F '\t' 'NF >= 7 { $5 = "" } { print }' \
			    "$tmp/base/out/$f" >"$tmp/jar.b"
			cmp -s "$tmp/jar.a" "$tmp/jar.b" || return 1
			;;
		*)
			cmp -s "$tmp/out/$f" "$tmp/base/out/$f" || return 1
			;;
		esac
	done <"$tmp/files"
}

# stack_of SCENARIO KIND N: run again with the trace on; sets chain to
# the failing call's stack as one line, "callee<caller<...<main".
stack_of() {
	if [ "$2" = alloc ]; then
		envs="HTTPC_FI_ALLOC=$3 HTTPC_FI_TRACE=1"
	else
		envs="HTTPC_FI_IO=$3 HTTPC_FI_TRACE=1"
	fi
	run_one "$1"
	chain=$(sed -n '/^httpc-fi:/,$p' "$tmp/stderr" |
	    sed -n 's/^ *#[0-9][0-9]* 0x[0-9a-f]* in \([^ ]*\) .*/\1/p' |
	    grep -v '^__sanitizer\|^fire$\|_fails$\|^__wrap_\|^__libc_start\|^_start$' |
	    tr '\n' '<')
}

# note SCENARIO KIND N WHAT: with -v, where a run that passed met n.
# Allocations only: how many recv calls a run makes depends on how the
# bytes arrive, so the n-th I/O call of another run may be another one.
note() {
	[ -n "$verbose" ] && [ "$2" = alloc ] || return 0
	stack_of "$1" "$2" "$3"
	echo "    note fi $1 $2 n=$3 ($4): $chain"
}

# fail SCENARIO KIND N WHY: report, with the failing call's stack.  A
# failure whose stack matches a line of tests/fi/known-bugs (a bug
# reported to the owner of that code) is shown as KNOWN and not counted.
fail() {
	fs=$1 fk=$2 fn=$3 why=$4
	cp "$tmp/stderr" "$tmp/stderr.first"
	stack_of "$fs" "$fk" "$fn"
	k=$(grep -v '^#\|^$' "$here/known-bugs" 2>/dev/null |
	    while read -r pat rest; do
		case $pat in
		^*) case "<$chain" in "<${pat#^}"*) echo "$pat $rest"; break ;; esac ;;
		*) case "<$chain" in *"<$pat"*) echo "$pat $rest"; break ;; esac ;;
		esac
	    done)
	if [ -n "$k" ]; then
		known=$((known + 1))
		echo "KNOWN fi $fs $fk n=$fn: $why: $k"
		return
	fi
	failed=$((failed + 1))
	echo "FAIL fi $fs $fk n=$fn: $why"
	sed 's/^/    | /' "$tmp/stderr.first" | head -n 40
	echo "    stack: $chain"
	grep -A12 '^httpc-fi:' "$tmp/stderr" | grep -v '__wrap_\|fire\|_fails' |
	    sed 's/^/    + /' | head -n 14
}

# sweep SCENARIO KIND: n = 1, 2, ... until the failure is not reached.
sweep() {
	s=$1 kind=$2 n=0 ok=0 tolerated=
	while :; do
		n=$((n + 1))
		if [ "$kind" = alloc ]; then
			envs="HTTPC_FI_ALLOC=$n"
		else
			envs="HTTPC_FI_IO=$n"
		fi
		run_one "$s"
		runs=$((runs + 1))
		fired=$(sed -n 's/.* fired \([01]\)$/\1/p' "$tmp/report" \
		    2>/dev/null)
		if grep -q 'Sanitizer\|runtime error:' "$tmp/stderr"; then
			fail "$s" "$kind" "$n" "sanitizer report (exit $rc)"
		elif [ "$rc" -ge 124 ] || [ -z "$fired" ]; then
			fail "$s" "$kind" "$n" "exit $rc, a crash or a hang"
		elif [ "$fired" = 0 ]; then
			break
		elif [ "$rc" -eq 0 ]; then
			if same_as_base; then
				ok=$((ok + 1))
				tolerated="$tolerated $n"
				note "$s" "$kind" "$n" "exit 0"
			else
				fail "$s" "$kind" "$n" "exit 0, but the output differs from a run without failure"
			fi
		elif [ "$kind" = alloc ]; then
			if [ "$rc" -eq 27 ] && grep -q 'out of memory' "$tmp/stderr"
			then
				ok=$((ok + 1))
			elif [ "$rc" -eq 27 ]; then
				# Every error has its line on stderr.
				fail "$s" "$kind" "$n" "exit 27 without the out of memory message"
			else
				fail "$s" "$kind" "$n" "exit $rc, not 27 (out of memory)"
			fi
		else
			case $rc in
			18 | 23 | 26 | 35 | 55 | 56) ok=$((ok + 1)) ;;
			*) fail "$s" "$kind" "$n" "exit $rc after an I/O failure" ;;
			esac
		fi
	done
	echo "fi $s $kind: $((n - 1)) failure points, $ok clean errors"
	[ -z "$tolerated" ] ||
	    echo "fi $s $kind: exit 0, same output at n =$tolerated"
}

if [ -n "$quick" ]; then
	scenarios=http
	kinds=alloc
else
	scenarios="http upload https form proxy"
	"$fi" --compressed --version >/dev/null 2>&1 &&
	    scenarios="$scenarios gzip"
	kinds="alloc io"
fi
[ -z "$only" ] || scenarios=$only

for s in $scenarios; do
	# Without injection the scenario must work.
	envs=
	run_one "$s"
	runs=$((runs + 1))
	if [ "$rc" -ne 0 ]; then
		fail "$s" none 0 "exit $rc without any failure injected"
		continue
	fi
	rm -rf "$tmp/base"
	mkdir "$tmp/base"
	cp -R "$tmp/out" "$tmp/base/out"
	cp "$tmp/stdout" "$tmp/base/stdout"
	for k in $kinds; do
		sweep "$s" "$k"
	done
done
echo "fi: $runs runs, $failed failed, $known known bugs (tests/fi/known-bugs)"
[ "$failed" -eq 0 ]
