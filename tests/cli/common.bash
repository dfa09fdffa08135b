# tests/cli/common.bash -- helpers shared by httpc's bats tests.
#
# A test file starts with
#
#	load common
#	setup() { common_setup; }
#	teardown() { common_teardown; }
#
# common_setup fails the test if there is no binary, and sets UA to the
# User-Agent value the binary sends ("httpc/0.1.0", from --version);
# common_teardown stops, by PID, every server and nginx the test started.
#
# Running clients (all under timeout(1); see run_client):
#   run_httpc ARGS...     run $HTTPC; sets status, output, stderr, lines and
#                         STDOUT_FILE, STDERR_FILE (the exact bytes)
#   run_curl ARGS...      the same with curl
#   assert_exit CODE [CURL-CODE]   the exit status (CURL-CODE: see there)
#   assert_stdout FORMAT  stdout is exactly printf '%b' FORMAT
#   assert_file_bytes FILE FORMAT, assert_same_file WANT GOT
#
# The scripted server (tests/server/httpd.py, see its README):
#   start_server SCRIPT [HTTPD-OPTIONS...]
#   start_echo_server [HTTPD-OPTIONS...]
#                         exports PORT, URL (http://127.0.0.1:PORT),
#                         SERVER_PID, SERVER_LOG (its log directory)
#   stop_server [PID]     stop one, or all this test started
#   assert_request N FORMAT   request N was exactly printf '%b' FORMAT
#   req_file N, server_conns, server_requests
#   httpd ARGS...         run httpd.py in the foreground (--generate N)
#
# Comparing with curl (when curl is installed; the comparison is skipped,
# not the httpc assertions before it):
#   have_curl             true if curl can be run
#   curl_compare SCRIPT ARGS...
#                         run httpc, then curl, against fresh servers
#                         playing SCRIPT; compare exit status, stdout, files
#                         written, requests sent, connections used
#   normalize FILE        FILE with the port and User-Agent made neutral
#
# nginx:
#   make_docroot DIR      index.html, small.txt, empty.txt, sub/file.txt,
#                         binary.bin (64 KiB), big.bin (100 MB); call it
#                         from setup_file and export NGINX_ROOT=DIR
#   start_nginx           exports NGINX_PORT, NGINX_URL, NGINX_PID,
#                         NGINX_ROOT, NGINX_LOG (access log), NGINX_DIR,
#                         NGINX_DAV (1 if PUT works under /dav/)
#   stop_nginx, have_nginx, nginx_conns, nginx_body_file,
#   wait_for_lines FILE N, free_port
#
# Environment: HTTPC (the binary under test; default: httpc at the top of
# the tree), CURL (default: curl), NGINX (default: found in PATH or
# /usr/sbin), PYTHON (default: the interpreter python3 runs),
# CLIENT_TIMEOUT (seconds a client may run, default 60).
# HTTPC=/usr/bin/curl runs the suite against curl, which is how the tests
# themselves are checked.  Paths are found from this file, so a .bats file
# elsewhere may `load` it too.
#
# Only 127.0.0.1 is used.  Temporary files live in BATS_TEST_TMPDIR or
# BATS_FILE_TMPDIR, which bats removes.

# shellcheck disable=SC2034 # FIXTURES, UA, lines... are for the tests
bats_require_minimum_version 1.5.0

# Debian installs bats-support and bats-assert in /usr/lib/bats.
export BATS_LIB_PATH=${BATS_LIB_PATH:-/usr/lib/bats}
bats_load_library bats-support
bats_load_library bats-assert

CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TESTS_DIR=$(dirname "$CLI_DIR")
HTTPD=$TESTS_DIR/server/httpd.py
FIXTURES=$CLI_DIR/fixtures
SCRIPTS=$CLI_DIR/scripts
CURL=${CURL:-curl}
# python3 may be a slow wrapper (pyenv's shim costs 0.1 s a call): ask it
# once for the real interpreter.
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-60}

# httpd ARGS...: run tests/server/httpd.py.  It needs the standard library
# only, so -I -S skip site and the environment: a third faster start.
httpd() {
	"$PYTHON" -I -S "$HTTPD" "$@"
}

# An absolute path, so that tests may cd.
_abs_cmd() {
	case $1 in
	*/*) echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;;
	*) command -v "$1" || echo "$1" ;;
	esac
}
HTTPC=$(_abs_cmd "${HTTPC:-$TESTS_DIR/../httpc}")

# ------------------------------------------------------------ setup/teardown

# common_setup: fail early and clearly when there is no binary to test, and
# set UA to the User-Agent value it sends by default: "NAME/VERSION" from
# the first line of --version ("httpc 1.2.3 ..."; curl's has the same shape).
common_setup() {
	_SERVER_PIDS=()
	NGINX_PID=
	[ -x "$HTTPC" ] || {
		fail "no httpc binary at $HTTPC: run ./configure && make (or set HTTPC)"
		return 1
	}
	UA=$("$HTTPC" --version 2>/dev/null | awk 'NR == 1 { print $1 "/" $2 }')
}

common_teardown() {
	stop_server
	stop_nginx
}

# ------------------------------------------------------------ running clients

# run_client CMD ARGS...: like bats' run, for byte-exact checks.  Runs CMD
# under timeout(1) (CLIENT_TIMEOUT; status 124 means it hung), stdout to
# $STDOUT_FILE and stderr to $STDERR_FILE; sets status, output (stdout as
# text, NULs dropped; only a note when over 1 MB), stderr (text) and lines.
# stdin is the caller's.  When CMD is curl, its progress meter is turned off:
# it would be mixed into the -v lines on stderr, and httpc shows none when
# stderr is not a terminal.  Both clients get -q first, so that neither
# reads a developer's own ~/.httpcrc or ~/.curlrc; a test of those files
# sets USE_RC=1.
run_client() {
	local cmd=$1
	shift
	case ${cmd##*/} in
	curl) set -- --no-progress-meter "$@" ;;
	esac
	[ -n "${USE_RC:-}" ] || set -- -q "$@"
	STDOUT_FILE=$BATS_TEST_TMPDIR/stdout
	STDERR_FILE=$BATS_TEST_TMPDIR/stderr
	status=0
	timeout -k 5 "$CLIENT_TIMEOUT" "$cmd" "$@" >"$STDOUT_FILE" \
	    2>"$STDERR_FILE" || status=$?
	if [ "$(wc -c <"$STDOUT_FILE")" -le 1048576 ]; then
		output=$(tr -d '\0' <"$STDOUT_FILE")
	else
		output="($(wc -c <"$STDOUT_FILE") bytes in $STDOUT_FILE)"
	fi
	stderr=$(head -c 1048576 "$STDERR_FILE" | tr -d '\0')
	lines=()
	[ -z "$output" ] || mapfile -t lines <<<"$output"
	if [ "$status" -eq 124 ]; then
		echo "# ${cmd##*/} timed out after ${CLIENT_TIMEOUT}s" >&3
	fi
	return 0
}

run_httpc() {
	run_client "$HTTPC" "$@"
}

run_curl() {
	run_client "$CURL" "$@"
}

have_curl() {
	command -v "$CURL" >/dev/null 2>&1
}

# assert_exit CODE [CURL-CODE]: the last run_client exited with CODE.  Where
# httpc chose a different code than curl 7.88 for the same failure (DESIGN.md
# says 8 for any bad status line, curl says 1), CURL-CODE is what to expect
# when the suite runs against curl to check itself (HTTPC=curl).
assert_exit() {
	local want=$1
	if [ -n "${2:-}" ] && [ "${HTTPC##*/}" = curl ]; then
		want=$2
	fi
	[ "$status" -eq "$want" ] || {
		fail "exit status $status, expected $want; stderr: $stderr"
		return 1
	}
}

# ------------------------------------------------------------ byte checks

# show_bytes FILE: print a file so that CRs, NULs and a missing final
# newline are visible in a failure message.
show_bytes() {
	LC_ALL=C od -An -c "$1" | sed 's/^/    /'
}

# assert_file_bytes FILE FORMAT: FILE holds exactly what printf '%b' FORMAT
# prints (so "\r\n" in FORMAT are real CR LF; % needs no doubling).
assert_file_bytes() {
	local want=$BATS_TEST_TMPDIR/want.$$
	printf '%b' "$2" >"$want"
	if ! cmp -s "$1" "$want"; then
		{
			echo "-- bytes differ: $1 --"
			echo "expected:"
			show_bytes "$want"
			echo "actual:"
			show_bytes "$1"
			echo "--"
		} | fail
	fi
}

# assert_stdout FORMAT: stdout of the last run_client, byte for byte.
assert_stdout() {
	assert_file_bytes "$STDOUT_FILE" "$1"
}

# assert_same_file EXPECTED ACTUAL: cmp, with a readable failure.
assert_same_file() {
	cmp "$1" "$2" >&2 || { fail "$2 differs from $1"; return 1; }
}

# ------------------------------------------------------------ httpd.py

# _start_httpd ARGS...: start tests/server/httpd.py; wait (at most 5 s) for
# its port file.
_start_httpd() {
	local dir i
	dir=$(mktemp -d "$BATS_TEST_TMPDIR/server.XXXXXX")
	# 3>&-: bats waits for fd 3 to close; a background child must not hold it.
	# not through the httpd function: $! must be python's own PID
	"$PYTHON" -I -S "$HTTPD" --port-file "$dir/port" --log-dir "$dir" \
	    --idle-timeout 120 "$@" >"$dir/stdout" 2>"$dir/stderr" 3>&- &
	SERVER_PID=$!
	_SERVER_PIDS+=("$SERVER_PID")
	for ((i = 0; i < 250; i++)); do
		[ -s "$dir/port" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.02
	done
	[ -s "$dir/port" ] || {
		fail "httpd.py did not start: $(cat "$dir/stderr")"
		return 1
	}
	PORT=$(cat "$dir/port")
	SERVER_LOG=$dir
	URL=http://127.0.0.1:$PORT
	export PORT URL SERVER_PID SERVER_LOG
}

# start_server SCRIPT [HTTPD-OPTIONS...]
# SCRIPT is a name in tests/cli/scripts/ (".script" may be left off), a
# path, or "-" to read the script from stdin (a heredoc); file names in a
# script are relative to tests/cli/scripts/ in every case, so a fixture is
# "../fixtures/NAME.http".  Extra options go to httpd.py (--max-conns 1...).
start_server() {
	local script=$1
	shift
	case $script in
	-)
		script=$BATS_TEST_TMPDIR/inline.$RANDOM.script
		cat >"$script"
		;;
	*/*) ;;
	*)
		[ -f "$SCRIPTS/$script" ] || script=$script.script
		script=$SCRIPTS/$script
		;;
	esac
	_start_httpd --script "$script" --base "$SCRIPTS" "$@"
}

start_echo_server() {
	_start_httpd --mode echo "$@"
}

# req_file N: the raw bytes of request N received by the last server.
req_file() {
	echo "$SERVER_LOG/req-$1.bin"
}

# assert_request N FORMAT: request N was exactly printf '%b' FORMAT.
assert_request() {
	[ -f "$(req_file "$1")" ] || {
		fail "the server received no request $1"
		return 1
	}
	assert_file_bytes "$(req_file "$1")" "$2"
}

# server_conns [LOG-DIR]: connections the last server (or the one that
# wrote LOG-DIR) accepted.
server_conns() {
	cat "${1:-$SERVER_LOG}/conns" 2>/dev/null || echo 0
}

# server_requests [LOG-DIR]: requests it received.
server_requests() {
	local f=${1:-$SERVER_LOG}/requests.log
	if [ -f "$f" ]; then
		wc -l <"$f"
	else
		echo 0
	fi
}

_alive() {
	local st
	kill -0 "$1" 2>/dev/null || return 1
	# a zombie (exited, not yet reaped) answers kill -0 too
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ "$st" != Z ]
}

# _stop_pid PID: TERM, wait at most 5 s, then KILL; reap it.
_stop_pid() {
	local i
	kill -TERM "$1" 2>/dev/null || return 0
	for ((i = 0; i < 250; i++)); do
		_alive "$1" || break
		sleep 0.02
	done
	! _alive "$1" || kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# stop_server [PID]: stop that server, or every one this test started.
stop_server() {
	local pid keep=()
	for pid in "${_SERVER_PIDS[@]}"; do
		if [ -z "${1:-}" ] || [ "$pid" = "$1" ]; then
			_stop_pid "$pid"
		else
			keep+=("$pid")
		fi
	done
	_SERVER_PIDS=("${keep[@]}")
}

# ------------------------------------------------------------ comparing with curl

# normalize FILE: print FILE with what legitimately differs between two runs
# of two clients replaced: the port of 127.0.0.1 and the User-Agent value.
normalize() {
	LC_ALL=C sed -e 's/127\.0\.0\.1:[0-9][0-9]*/127.0.0.1:PORT/g' \
	    -e 's/^\([<>] \)\{0,1\}\([Uu]ser-[Aa]gent:\) [^\r]*/\1\2 UA/' "$1"
}

# _capture NAME CLIENT SCRIPT ARGS...: start a server playing SCRIPT, run
# CLIENT with ARGS in which {URL} becomes the server's base URL and {DIR} a
# directory of its own (for -o), and keep everything in
# $BATS_TEST_TMPDIR/cmp.NAME: stdout, stderr, status, out/ and the server's
# log dir (server -> SERVER_LOG).
_capture() {
	local name=$1 client=$2 script=$3 d a
	shift 3
	d=$BATS_TEST_TMPDIR/cmp.$name
	rm -rf "$d"
	mkdir -p "$d/out"
	start_server "$script" || return 1
	local args=()
	for a; do
		a=${a//\{URL\}/$URL}
		args+=("${a//\{DIR\}/$d/out}")
	done
	run_client "$client" "${args[@]}"
	stop_server "$SERVER_PID"
	cp "$STDOUT_FILE" "$d/stdout"
	cp "$STDERR_FILE" "$d/stderr"
	echo "$status" >"$d/status"
	ln -s "$SERVER_LOG" "$d/server"
}

# curl_compare SCRIPT ARGS...
# Runs httpc, then curl, each against a fresh server playing SCRIPT, with
# ARGS ({URL} and {DIR} as in _capture).  Fails unless both exit with the
# same status, write the same stdout and the same files under {DIR}, and
# send the same requests (compared after `normalize`).  With -v among ARGS,
# the "> " and "< " lines of stderr are compared too (CRs dropped).  Skips
# the test when curl is missing; call it last in a test, after the httpc-only
# assertions.  Leaves status/output of the httpc run.
curl_compare() {
	local script=$1 f base n
	shift
	have_curl || skip "curl not installed: no comparison"
	_capture curl "$CURL" "$script" "$@" || return 1
	_capture httpc "$HTTPC" "$script" "$@" || return 1
	local h=$BATS_TEST_TMPDIR/cmp.httpc c=$BATS_TEST_TMPDIR/cmp.curl
	[ "$(cat "$h/status")" = "$(cat "$c/status")" ] || {
		fail "exit status: httpc $(cat "$h/status"), curl $(cat "$c/status")"
		return 1
	}
	_cmp_normalized "$c/stdout" "$h/stdout" stdout || return 1
	(cd "$c/out" && find . -type f | sort) >"$BATS_TEST_TMPDIR/files.curl"
	(cd "$h/out" && find . -type f | sort) >"$BATS_TEST_TMPDIR/files.httpc"
	diff "$BATS_TEST_TMPDIR/files.curl" "$BATS_TEST_TMPDIR/files.httpc" >&2 || {
		fail "httpc and curl wrote different files"
		return 1
	}
	while read -r f; do
		_cmp_normalized "$c/out/$f" "$h/out/$f" "file $f" || return 1
	done <"$BATS_TEST_TMPDIR/files.curl"
	n=$(server_requests "$c/server")
	[ "$n" = "$(server_requests "$h/server")" ] || {
		fail "requests: httpc sent $(server_requests "$h/server"), curl $n"
		return 1
	}
	for f in "$c"/server/req-*.bin; do
		[ -e "$f" ] || continue
		base=${f##*/}
		_cmp_normalized "$f" "$h/server/$base" "request ${base%.bin}" ||
		    return 1
	done
	n=$(server_conns "$c/server")
	[ "$n" = "$(server_conns "$h/server")" ] || {
		fail "connections: httpc $(server_conns "$h/server"), curl $n"
		return 1
	}
	case " $* " in
	*" -v "*)
		grep -a '^[<>] ' "$c/stderr" | tr -d '\r' >"$c/exchange"
		grep -a '^[<>] ' "$h/stderr" | tr -d '\r' >"$h/exchange"
		_cmp_normalized "$c/exchange" "$h/exchange" "-v exchange" ||
		    return 1
		;;
	esac
	# leave the httpc run where run_client puts it
	cp "$h/stdout" "$BATS_TEST_TMPDIR/stdout"
	cp "$h/stderr" "$BATS_TEST_TMPDIR/stderr"
	status=$(cat "$h/status")
}

_cmp_normalized() {
	normalize "$1" >"$1.norm"
	normalize "$2" >"$2.norm"
	if ! cmp -s "$1.norm" "$2.norm"; then
		{
			echo "-- $3 differs between curl and httpc (normalized) --"
			diff <(LC_ALL=C od -An -c "$1.norm") \
			    <(LC_ALL=C od -An -c "$2.norm") | head -40
		} | fail
	fi
}

# ------------------------------------------------------------ nginx

# have_nginx: sets NGINX to the nginx binary; false if there is none.
# /usr/sbin is not in a normal user's PATH on Debian.
have_nginx() {
	local n
	for n in "${NGINX:-}" "$(command -v nginx)" /usr/sbin/nginx \
	    /usr/local/sbin/nginx; do
		if [ -n "$n" ] && [ -x "$n" ]; then
			NGINX=$n
			return 0
		fi
	done
	return 1
}

# free_port: a port on 127.0.0.1 that was free a moment ago.
free_port() {
	"$PYTHON" -I -S -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# make_docroot DIR: the files nginx serves.  Deterministic, so a test can
# regenerate any of them: big.bin is `httpd.py --generate 100000000`.
# Call it once per file from setup_file (big.bin takes a moment).
make_docroot() {
	local d=$1
	mkdir -p "$d/sub"
	printf 'hello from nginx\n' >"$d/index.html"
	printf 'line one\nline two\n' >"$d/small.txt"
	: >"$d/empty.txt"
	printf 'in a subdirectory\n' >"$d/sub/file.txt"
	httpd --generate 65536 >"$d/binary.bin"
	httpd --generate 100000000 >"$d/big.bin"
	# readable by nginx's worker whoever runs it
	chmod -R a+rX "$d"
}

# start_nginx: nginx on 127.0.0.1 serving NGINX_ROOT (made with make_docroot
# in BATS_TEST_TMPDIR if unset), with its config, logs and temporary
# directories in a directory of its own (NGINX_DIR).  Locations:
#   /            static files from NGINX_ROOT
#   /post        accepts a POST; the body stays in a file whose path is the
#                last field of its access log line (see nginx_body_file)
#   /dav/        PUT and DELETE into NGINX_DIR/dav (if built with dav)
#   /gz/         the files of /, gzipped when Accept-Encoding allows
# The access log (NGINX_LOG) has one line per request:
#   CONNECTION REQUESTS-ON-IT STATUS BODY-BYTES "REQUEST-LINE" "USER-AGENT" BODY-FILE
start_nginx() {
	local d i port dav=
	have_nginx || skip "nginx not installed"
	if [ -z "${NGINX_ROOT:-}" ]; then
		NGINX_ROOT=$BATS_TEST_TMPDIR/www
		make_docroot "$NGINX_ROOT"
	fi
	d=$(mktemp -d "$BATS_TEST_TMPDIR/nginx.XXXXXX")
	mkdir -p "$d/dav"
	"$NGINX" -V 2>&1 | grep -q http_dav_module && dav=1
	for ((i = 0; i < 3; i++)); do
		port=$(free_port)
		_nginx_conf "$d" "$port" "$dav" >"$d/nginx.conf"
		: >"$d/error.log"
		"$NGINX" -p "$d" -c "$d/nginx.conf" -e "$d/error.log" \
		    >"$d/stdout" 2>&1 3>&- &
		NGINX_PID=$!
		if _wait_port "$port" "$NGINX_PID"; then
			break
		fi
		_stop_pid "$NGINX_PID"
		NGINX_PID=
		# someone took the port between free_port and bind: try another
		grep -q 'Address already in use' "$d/error.log" || break
	done
	[ -n "$NGINX_PID" ] || {
		fail "nginx did not start: $(cat "$d/error.log" "$d/stdout")"
		return 1
	}
	NGINX_PORT=$port
	NGINX_URL=http://127.0.0.1:$port
	NGINX_DIR=$d
	NGINX_LOG=$d/access.log
	NGINX_DAV=$dav
	export NGINX_PORT NGINX_URL NGINX_PID NGINX_ROOT NGINX_LOG NGINX_DIR NGINX_DAV
}

_nginx_conf() {
	local d=$1 port=$2 dav=$3
	cat <<EOF
daemon off;
master_process on;
worker_processes 1;
$([ "$(id -u)" = 0 ] && echo 'user root;  # files in a 0700 temp dir')
pid $d/nginx.pid;
lock_file $d/nginx.lock;
error_log $d/error.log info;
events { worker_connections 64; }
http {
    types {
        text/html html;
        text/plain txt;
        application/octet-stream bin;
    }
    default_type application/octet-stream;
    log_format httpc '\$connection \$connection_requests \$status '
        '\$body_bytes_sent "\$request" "\$http_user_agent" '
        '\$request_body_file';
    access_log $d/access.log httpc;
    client_body_temp_path $d/body;
    proxy_temp_path $d/proxy;
    fastcgi_temp_path $d/fastcgi;
    uwsgi_temp_path $d/uwsgi;
    scgi_temp_path $d/scgi;
    keepalive_timeout 30;
    sendfile on;
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root $NGINX_ROOT;
        location / { }
        # nginx-light has no echo module.  A mirror subrequest that wants
        # the body makes nginx read it into a file that
        # client_body_in_file_only keeps; the 404/405 of the static
        # handler is then turned into a 200.
        location = /post {
            client_body_in_file_only on;
            client_max_body_size 200m;
            mirror /mirror-sink;
            mirror_request_body on;
            error_page 404 405 =200 @saved;
        }
        location = /mirror-sink { internal; return 204; }
        location @saved { return 200 "saved\n"; }
        # the same files, gzipped on the fly when the client asks
        location /gz/ {
            alias $NGINX_ROOT/;
            gzip on;
            gzip_types *;
            gzip_min_length 0;
        }
$([ -n "$dav" ] && cat <<EOD
        location /dav/ {
            root $d;
            dav_methods PUT DELETE;
            create_full_put_path on;
            client_max_body_size 200m;
        }
EOD
)
    }
}
EOF
}

# _wait_port PORT PID: wait (at most 5 s) until PORT accepts a connection,
# giving up early if PID dies.
_wait_port() {
	local i
	for ((i = 0; i < 50; i++)); do
		_alive "$2" || return 1
		if (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

stop_nginx() {
	[ -z "${NGINX_PID:-}" ] || _stop_pid "$NGINX_PID"
	NGINX_PID=
}

# wait_for_lines FILE N: wait (at most 5 s) until FILE has N lines.  nginx
# logs a request after sending the reply, so the client may finish first.
wait_for_lines() {
	local i
	for ((i = 0; i < 50; i++)); do
		[ "$(wc -l <"$1" 2>/dev/null || echo 0)" -ge "$2" ] && return 0
		sleep 0.1
	done
	fail "$1 has fewer than $2 lines: $(cat "$1" 2>/dev/null)"
}

# nginx_conns: distinct connections of the requests in the access log.
nginx_conns() {
	awk '{ print $1 }' "$NGINX_LOG" | sort -u | wc -l
}

# nginx_body_file: the file holding the body of the last logged request.
nginx_body_file() {
	tail -n 1 "$NGINX_LOG" | awk '{ print $NF }'
}
