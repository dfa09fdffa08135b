#!/usr/bin/env bats
# shellcheck disable=SC2154 # stderr, lines: set by run_client (common.bash)
# cli_conn.bats -- where and how httpc connects: --unix-socket and
# --abstract-unix-socket, --connect-to, --local-port, -4/-6, and
# --connect-timeout (resolve + connect + proxy CONNECT + TLS handshake,
# each phase named when it fires), against servers on 127.0.0.1 and Unix
# sockets; curl 7.88 on the same input where it behaves the same.

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR" || return 1
	unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY \
	    no_proxy NO_PROXY
}

teardown() {
	common_teardown
}

# same_as_curl ARGS...: httpc, then curl, with ARGS against the servers
# already running; their exit status and stdout (normalized: ports and
# User-Agent) must be the same.  Skips when there is no curl; call last.
same_as_curl() {
	local h=$BATS_TEST_TMPDIR/same.httpc c=$BATS_TEST_TMPDIR/same.curl
	have_curl || skip "curl not installed: no comparison"
	run_httpc "$@"
	cp "$STDOUT_FILE" "$h"
	local hs=$status
	run_curl "$@"
	cp "$STDOUT_FILE" "$c"
	[ "$hs" = "$status" ] || {
		fail "exit status: httpc $hs, curl $status"
		return 1
	}
	_cmp_normalized "$c" "$h" stdout
}

# start_silent [full]: a listener on 127.0.0.1 that never accepts, so a
# connection is made but nothing is ever answered; with "full", its
# accept queue is filled first, so that a connect hangs (the kernel
# drops the SYN), as tests/unit/t_conn.c does.  SILENT_PORT; stopped by
# PID in teardown.  It exits by itself after 60 s.
start_silent() {
	local f=$BATS_TEST_TMPDIR/silent.port i
	rm -f "$f"
	"$PYTHON" -I -S -c '
import os, socket, sys, time
full = sys.argv[2] == "full"
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(0 if full else 8)
port = ls.getsockname()[1]
fill = []
for _ in range(3 if full else 0):
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    fill.append(s)
time.sleep(0.1)
with open(sys.argv[1] + ".tmp", "w") as out:
    out.write("%d\n" % port)
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(60)
' "$f" "${1:-}" >/dev/null 2>&1 3>&- &
	_SERVER_PIDS+=("$!")
	for ((i = 0; i < 250; i++)); do
		[ -s "$f" ] && break
		sleep 0.02
	done
	[ -s "$f" ] || {
		fail "the silent listener did not start"
		return 1
	}
	SILENT_PORT=$(cat "$f")
}

# elapsed_ms COMMAND...: runs it, sets ELAPSED (milliseconds).
elapsed_ms() {
	local t0
	t0=$(date +%s%N)
	"$@"
	ELAPSED=$((($(date +%s%N) - t0) / 1000000))
}

# ------------------------------------------------------------ Unix sockets

@test "--unix-socket: HTTP over a Unix domain socket, Host from the URL" {
	sock=$BATS_TEST_TMPDIR/echo.sock
	start_echo_server --unix "$sock"
	run_httpc -sS --unix-socket "$sock" http://localhost/containers/json
	assert_success
	assert_output --partial "GET /containers/json HTTP/1.1"
	assert_output --partial "Host: localhost"
	same_as_curl -sS --unix-socket "$sock" http://localhost/containers/json
}

@test "--unix-socket: several URLs share the connection" {
	sock=$BATS_TEST_TMPDIR/echo.sock
	start_echo_server --unix "$sock"
	run_httpc -sS --unix-socket "$sock" http://x/1 http://x/2
	assert_success
	assert_equal "$(server_conns)" 1
	assert_equal "$(server_requests)" 2
}

@test "--abstract-unix-socket: Linux's abstract namespace" {
	name=httpc-test-$$-$RANDOM
	start_echo_server --unix "@$name"
	run_httpc -sS --abstract-unix-socket "$name" http://x/abstract
	assert_success
	assert_output --partial "GET /abstract HTTP/1.1"
	same_as_curl -sS --abstract-unix-socket "$name" http://x/abstract
}

@test "--unix-socket: no socket there is exit 7" {
	run_httpc -sS --unix-socket "$BATS_TEST_TMPDIR/none.sock" http://x/
	assert_exit 7
	[[ $stderr == *"(7) "*"none.sock"* ]] || fail "stderr: $stderr"
	same_as_curl -sS --unix-socket "$BATS_TEST_TMPDIR/none.sock" http://x/
}

# ------------------------------------------------------------ --connect-to

@test "--connect-to: another host and port, Host unchanged" {
	start_echo_server
	run_httpc -sS --connect-to "example.invalid:80:127.0.0.1:$PORT" \
	    http://example.invalid/ct
	assert_success
	assert_output --partial "Host: example.invalid"
	same_as_curl -sS --connect-to "example.invalid:80:127.0.0.1:$PORT" \
	    http://example.invalid/ct
}

@test "--connect-to: empty fields match any; the first entry that names a target wins" {
	start_echo_server
	run_httpc -sS --connect-to "::127.0.0.1:$PORT" http://a.invalid:81/1
	assert_success
	# Not this host, not this port, then one that names nothing: skipped.
	run_httpc -sS --connect-to "b.invalid::127.0.0.1:1" \
	    --connect-to "a.invalid:82:127.0.0.1:1" \
	    --connect-to "a.invalid:81:" \
	    --connect-to ":81:127.0.0.1:$PORT" \
	    --connect-to "::127.0.0.1:1" http://a.invalid:81/2
	assert_success
	assert_output --partial "GET /2 HTTP/1.1"
	# Only a port: the URL's host (127.0.0.1) with another port.
	run_httpc -sS --connect-to "127.0.0.1:1::$PORT" http://127.0.0.1:1/3
	assert_success
	assert_output --partial "Host: 127.0.0.1:1"
	same_as_curl -sS --connect-to "b.invalid::127.0.0.1:1" \
	    --connect-to "a.invalid:81:" --connect-to ":81:127.0.0.1:$PORT" \
	    http://a.invalid:81/2
}

@test "--connect-to: an IPv6 URL host is matched in brackets" {
	start_echo_server
	run_httpc -sS --connect-to "[::1]:80:127.0.0.1:$PORT" 'http://[::1]/v6'
	assert_success
	assert_output --partial "Host: [::1]"
	same_as_curl -sS --connect-to "[::1]:80:127.0.0.1:$PORT" 'http://[::1]/v6'
}

@test "--connect-to: a bad port is exit 49, as curl" {
	run_httpc -sS --connect-to ":80:127.0.0.1:99999" http://a.invalid/
	assert_exit 49
	[[ $stderr == *"No valid port number in connect to host string (99999)"* ]] ||
	    fail "stderr: $stderr"
	same_as_curl -sS --connect-to ":80:127.0.0.1:x" http://a.invalid/
}

@test "--connect-to with -p: the tunnel goes to the new target" {
	start_echo_server
	origin=$PORT
	origin_log=$SERVER_LOG
	_start_httpd --mode proxy
	run_httpc -sS -p -x "127.0.0.1:$PORT" \
	    --connect-to "example.invalid:80:127.0.0.1:$origin" \
	    http://example.invalid/tunnel
	assert_success
	assert_equal "$(cut -d' ' -f3- "$SERVER_LOG/requests.log")" \
	    "CONNECT 127.0.0.1:$origin HTTP/1.1"
	assert_output --partial "Host: example.invalid"
	assert_equal "$(server_requests "$origin_log")" 1
}

# ------------------------------------------------------------ --local-port

@test "--local-port N-M: the connection comes from a port of the range" {
	start_echo_server
	lp=$(free_port)
	hi=$((lp + 20 > 65535 ? 65535 : lp + 20))
	run_httpc -sS --local-port "$lp-$hi" -w '\n%{local_port}' "$URL/lp"
	assert_success
	got=${lines[${#lines[@]} - 1]}
	[ "$got" -ge "$lp" ] && [ "$got" -le "$hi" ] ||
	    fail "local port $got not in $lp-$hi"
	grep -q "accepted from 127.0.0.1:$got\$" "$SERVER_LOG/server.log" ||
	    fail "the server saw another port: $(cat "$SERVER_LOG/server.log")"
}

@test "--local-port: a port in use is exit 45; bad ranges are exit 2" {
	start_echo_server
	# The server's own port: taken on 127.0.0.1.
	run_httpc -sS --local-port "$PORT" "$URL/"
	assert_exit 45
	[[ $stderr == *"(45) bind to local port $PORT failed"* ]] ||
	    fail "stderr: $stderr"
	for bad in 5-3 abc 70000 1-70000 '-1' '1-'; do
		run_httpc -sS --local-port "$bad" "$URL/"
		assert_exit 2
	done
	same_as_curl -sS --local-port 5-3 "$URL/"
}

# ------------------------------------------------------------ -4 and -6

@test "-4: localhost as IPv4; -6 with an IPv4 address is exit 7, as curl" {
	start_echo_server
	run_httpc -sS -4 -w '\n%{remote_ip}' "http://localhost:$PORT/4"
	assert_success
	assert_equal "${lines[${#lines[@]} - 1]}" 127.0.0.1
	run_httpc -sS -6 "$URL/6"
	assert_exit 7
	[[ $stderr == *"only IPv6 was asked for"* ]] || fail "stderr: $stderr"
	same_as_curl -sS -6 "$URL/6"
}

# ------------------------------------------------------------ --connect-timeout

@test "--connect-timeout: a connect that hangs fails within its bound (exit 28)" {
	start_silent full
	elapsed_ms run_httpc -sS --connect-timeout 0.5 \
	    "http://127.0.0.1:$SILENT_PORT/"
	assert_exit 28
	[[ $stderr == *"(28) connect to 127.0.0.1 port $SILENT_PORT timed out after"* ]] ||
	    fail "stderr: $stderr"
	[ "$ELAPSED" -lt 5000 ] || fail "took $ELAPSED ms"
}

@test "--connect-timeout covers a proxy's CONNECT that is never answered" {
	start_silent
	elapsed_ms run_httpc -sS --connect-timeout 0.5 -p \
	    -x "127.0.0.1:$SILENT_PORT" http://127.0.0.1:9/
	assert_exit 28
	[[ $stderr == *"(28) proxy CONNECT timed out after"* ]] ||
	    fail "stderr: $stderr"
	[ "$ELAPSED" -lt 5000 ] || fail "took $ELAPSED ms"
}

@test "--connect-timeout covers the TLS handshake" {
	start_silent
	elapsed_ms run_httpc -sS --connect-timeout 0.5 \
	    "https://127.0.0.1:$SILENT_PORT/"
	assert_exit 28
	[[ $stderr == *"(28) TLS handshake timed out after"* ]] ||
	    fail "stderr: $stderr"
	[ "$ELAPSED" -lt 5000 ] || fail "took $ELAPSED ms"
}

@test "--connect-timeout ends with the connection: a slow reply is fine" {
	start_server - <<'EOF'
request
pause 1
send ../fixtures/ok.http
EOF
	run_httpc -sS --connect-timeout 0.3 "$URL/"
	assert_success
	assert_output hello
}

@test "--connect-timeout: not a number is exit 2" {
	run_httpc -sS --connect-timeout abc http://127.0.0.1:9/
	assert_exit 2
	same_as_curl -sS --connect-timeout abc http://127.0.0.1:9/
}
