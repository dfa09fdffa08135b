#!/usr/bin/env bats
# server.bats -- the test harness tests itself: tests/server/httpd.py and the
# helpers in common.bash, driven by a raw Python client so that no result
# here depends on httpc (or curl).

load common

teardown() {
	common_teardown
}

# raw_client FORMAT [PIECE-DELAY]: connect to PORT, send printf '%b' FORMAT
# (in 7-byte pieces, PIECE-DELAY seconds apart, when given), shut down our
# side, print everything received until the server closes (at most 10 s).
raw_client() {
	printf '%b' "$1" >"$BATS_TEST_TMPDIR/send"
	"$PYTHON" -I -S - "$PORT" "$BATS_TEST_TMPDIR/send" "${2:-}" <<'EOF'
import socket, sys, time
port, path, delay = int(sys.argv[1]), sys.argv[2], sys.argv[3]
data = open(path, 'rb').read()
s = socket.create_connection(('127.0.0.1', port), timeout=10)
if delay:
    for i in range(0, len(data), 7):
        s.sendall(data[i:i + 7])
        time.sleep(float(delay))
else:
    s.sendall(data)
s.shutdown(socket.SHUT_WR)
while True:
    d = s.recv(65536)
    if not d:
        break
    sys.stdout.buffer.write(d)
EOF
}

@test "server: echo returns the request, sent in pieces, byte for byte" {
	start_echo_server
	run raw_client 'PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello' 0.01
	assert_success
	assert_output "$(printf 'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 52\r\n\r\nPUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello')"
	assert_request 1 'PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello'
}

@test "server: a chunked request body is read to its end and kept framed" {
	start_echo_server
	run raw_client 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n'
	assert_success
	assert_request 1 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n'
	assert_request 2 'GET /2 HTTP/1.1\r\n\r\n'
}

@test "server: requests are numbered across connections; conns and requests.log" {
	start_server - <<'EOF'
request
sendraw "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"
request
sendraw "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"
request
sendraw "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc"
close
EOF
	run raw_client 'GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n'
	assert_output "$(printf 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb')"
	run raw_client 'GET /3 HTTP/1.1\r\n\r\n'
	assert_output "$(printf 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc')"
	assert_equal "$(server_conns)" 2
	run cat "$SERVER_LOG/requests.log"
	assert_output "$(printf '1 1 GET /1 HTTP/1.1\n2 1 GET /2 HTTP/1.1\n3 2 GET /3 HTTP/1.1')"
	# a request beyond the script gets a 500 that says so
	run raw_client 'GET /4 HTTP/1.1\r\n\r\n'
	assert_output --partial 'no script step for request 4'
}

@test "server: request continue sends 100 only when asked" {
	start_server - <<'EOF'
request continue
sendraw "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
request continue
sendraw "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
EOF
	run raw_client 'POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx'
	assert_output "$(printf 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')"
	run raw_client 'POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx'
	assert_output "$(printf 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')"
}

@test "server: sendbig matches --generate, raw and chunked" {
	start_server - <<'EOF'
request
sendbig 200000
close
request
sendbig 200000 chunked 70000
EOF
	httpd --generate 200000 >"$BATS_TEST_TMPDIR/want"
	raw_client 'GET / HTTP/1.1\r\n\r\n' >"$BATS_TEST_TMPDIR/raw"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/raw"
	raw_client 'GET / HTTP/1.1\r\n\r\n' >"$BATS_TEST_TMPDIR/chunked"
	# undo the chunked framing: 70000 + 70000 + 60000, then the last chunk
	"$PYTHON" -c '
import sys
d = open(sys.argv[1], "rb").read()
out = b""
while True:
    line, _, d = d.partition(b"\r\n")
    n = int(line, 16)
    if n == 0:
        assert d == b"\r\n", d
        break
    out += d[:n]
    assert d[n:n + 2] == b"\r\n"
    d = d[n + 2:]
sys.stdout.buffer.write(out)' "$BATS_TEST_TMPDIR/chunked" >"$BATS_TEST_TMPDIR/got"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "server: early disconnects are logged, not shown, and serving goes on" {
	start_echo_server
	run raw_client 'GET / HTT'
	assert_output ''
	run raw_client 'GET /ok HTTP/1.1\r\n\r\n'
	assert_output --partial 'GET /ok HTTP/1.1'
	grep -q 'client gone: EOF while reading the request head' \
	    "$SERVER_LOG/server.log" || fail "$(cat "$SERVER_LOG/server.log")"
	assert_equal "$(cat "$SERVER_LOG/stderr")" ''
}

@test "server: --max-conns closes the door, then the server exits" {
	start_echo_server --max-conns 1
	local pid=$SERVER_PID i
	run raw_client 'GET / HTTP/1.1\r\n\r\n'
	assert_output --partial 'GET / HTTP/1.1'
	for ((i = 0; i < 250; i++)); do
		_alive "$pid" || break
		sleep 0.02
	done
	_alive "$pid" && fail "server still running after its last connection"
	if (exec 9<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		fail "port $PORT still accepts"
	fi
}

@test "server: --idle-timeout ends a forgotten server" {
	start_echo_server --idle-timeout 0.5
	local pid=$SERVER_PID i
	for ((i = 0; i < 250; i++)); do
		_alive "$pid" || break
		sleep 0.02
	done
	_alive "$pid" && fail "server still running"
	grep -q 'idle for 0.5s' "$SERVER_LOG/server.log"
}

@test "server: a bad script fails at start, with the line" {
	run start_server - <<'EOF'
request
sendraw "unterminated
EOF
	assert_failure
	assert_output --partial 'line 2: unterminated string'
}

@test "server: a missing fixture fails at start" {
	run start_server - <<'EOF'
request
send ../fixtures/no-such.http
EOF
	assert_failure
	assert_output --partial 'no-such.http'
}
