#!/usr/bin/env bats
# cli_request.bats -- how httpc builds requests: -X, -H, -A, -e, the -d
# family, -G, --url-query, --json, -T, -r, -0, URL forms.  Each test checks
# the exact bytes the scripted server received, then (when curl is there)
# that curl sends the same for the same command line.

load common

setup() {
	common_setup
}

teardown() {
	common_teardown
}

# req LINE [HEADERS]: httpc's default request as a printf '%b' format.
req() {
	printf '%s\\r\\nHost: 127.0.0.1:%s\\r\\nUser-Agent: %s\\r\\nAccept: */*\\r\\n%s\\r\\n' \
	    "$1" "$PORT" "$UA" "${2:-}"
}

# post LINE BODY [TYPE]: a request with a body after the default headers.
post() {
	local len
	len=$(printf '%b' "$2" | wc -c)
	printf '%s\\r\\nHost: 127.0.0.1:%s\\r\\nUser-Agent: %s\\r\\nAccept: */*\\r\\nContent-Length: %s\\r\\nContent-Type: %s\\r\\n\\r\\n%s' \
	    "$1" "$PORT" "$UA" "$len" "${3:-application/x-www-form-urlencoded}" "$2"
}

# ------------------------------------------------------------ -X and -H

@test "-X: DELETE on the request line, nothing else changes" {
	start_server ok
	run_httpc -X DELETE "$URL/item/7"
	assert_success
	assert_request 1 "$(req 'DELETE /item/7 HTTP/1.1')"
	curl_compare ok -X DELETE '{URL}/item/7'
}

@test "-X with a CR LF in the method: exit 43, nothing sent" {
	start_server ok
	run_httpc -X $'GET /x HTTP/1.1\r\nX-Injected: 1\r\n' "$URL/"
	assert_exit 43 3
	assert_equal "$(server_requests)" 0
}

@test "-H 'Name:' removes a default header, 'Name;' sends one empty" {
	start_server ok
	run_httpc -H 'Accept:' -H 'X-Empty;' "$URL/"
	assert_success
	# "X-Empty:" with no blank after the colon, byte for byte as curl.
	assert_request 1 "GET / HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nX-Empty:\r\n\r\n"
	curl_compare ok -H 'Accept:' -H 'X-Empty;' '{URL}/'
}

@test "-H 'Name; more' and 'Name; ': ours removed, nothing sent, as curl" {
	start_server ok
	run_httpc -H 'User-Agent; x' -H 'X-B; ' -H 'Accept;' "$URL/"
	assert_success
	assert_request 1 "GET / HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nAccept:\r\n\r\n"
	curl_compare ok -H 'User-Agent; x' -H 'X-B; ' -H 'Accept;' '{URL}/'
}

@test "-H Host: replaces Host in its place, first" {
	start_server ok
	run_httpc -H 'X-A: 1' -H 'Host: example.test' "$URL/"
	assert_success
	assert_request 1 "GET / HTTP/1.1\r\nHost: example.test\r\nUser-Agent: $UA\r\nAccept: */*\r\nX-A: 1\r\n\r\n"
	curl_compare ok -H 'X-A: 1' -H 'Host: example.test' '{URL}/'
}

@test "-H 'Host:' sends no Host at all" {
	start_server ok
	run_httpc -H 'Host:' "$URL/"
	assert_success
	assert_request 1 "GET / HTTP/1.1\r\nUser-Agent: $UA\r\nAccept: */*\r\n\r\n"
	curl_compare ok -H 'Host:' '{URL}/'
}

@test "-H @file: one header per line, CRLF or LF" {
	printf 'X-One: 1\r\nX-Two: 2\n\nX-Three: 3' >"$BATS_TEST_TMPDIR/h.txt"
	start_server ok
	run_httpc -H "@$BATS_TEST_TMPDIR/h.txt" "$URL/"
	assert_success
	assert_request 1 "$(req 'GET / HTTP/1.1' 'X-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\n')"
	curl_compare ok -H "@$BATS_TEST_TMPDIR/h.txt" '{URL}/'
}

@test "-H with a CR LF inside a value: exit 43, nothing sent" {
	start_server ok
	run_httpc -H $'X-A: 1\r\nX-Injected: yes' "$URL/"
	assert_exit 43 0
	assert_equal "$(server_requests)" 0
}

@test "-A sets the User-Agent, -A '' removes it" {
	start_server ok-twice
	run_httpc -A 'probe/2' "$URL/a" -A '' "$URL/b"
	assert_success
	assert_request 1 "GET /a HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nAccept: */*\r\n\r\n"
	start_server ok
	run_httpc -A 'probe/2' "$URL/a"
	assert_request 1 "GET /a HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: probe/2\r\nAccept: */*\r\n\r\n"
	curl_compare ok -A '' '{URL}/a'
}

@test "-e: Referer after User-Agent" {
	start_server ok
	run_httpc -e http://from.test/page "$URL/"
	assert_success
	assert_request 1 "GET / HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nReferer: http://from.test/page\r\n\r\n"
	curl_compare ok -e http://from.test/page '{URL}/'
}

@test "-u: Authorization right after Host, as curl" {
	start_server ok
	run_httpc -u 'alice:s3cret' "$URL/"
	assert_success
	assert_request 1 "GET / HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nAuthorization: Basic YWxpY2U6czNjcmV0\r\nUser-Agent: $UA\r\nAccept: */*\r\n\r\n"
	curl_compare ok -u 'alice:s3cret' '{URL}/'
}

# ------------------------------------------------------------ the -d family

@test "--data-raw: a leading @ is data" {
	start_server ok
	run_httpc --data-raw '@notafile' "$URL/p"
	assert_success
	assert_request 1 "$(post 'POST /p HTTP/1.1' '@notafile')"
	curl_compare ok --data-raw '@notafile' '{URL}/p'
}

@test "--data-urlencode: all five forms" {
	printf 'a b\n&c' >"$BATS_TEST_TMPDIR/v.txt"
	start_server ok
	run_httpc --data-urlencode 'x y' --data-urlencode '=a&b' \
	    --data-urlencode 'n m=v w/~' --data-urlencode "@$BATS_TEST_TMPDIR/v.txt" \
	    --data-urlencode "f@$BATS_TEST_TMPDIR/v.txt" "$URL/p"
	assert_success
	assert_request 1 "$(post 'POST /p HTTP/1.1' 'x+y&a%26b&n m=v+w%2F~&a+b%0A%26c&f=a+b%0A%26c')"
	curl_compare ok --data-urlencode 'x y' --data-urlencode '=a&b' \
	    --data-urlencode 'n m=v w/~' --data-urlencode "@$BATS_TEST_TMPDIR/v.txt" \
	    --data-urlencode "f@$BATS_TEST_TMPDIR/v.txt" '{URL}/p'
}

@test "-d @-: the body from stdin, CR and LF dropped" {
	start_server ok
	run_httpc -d @- "$URL/p" < <(printf 'a=1\r\nb=2\n')
	assert_success
	assert_request 1 "$(post 'POST /p HTTP/1.1' 'a=1b=2')"
}

@test "-d and --data-binary mixed: joined with &" {
	start_server ok
	run_httpc -d a=1 --data-binary 'b=2' --data-ascii c=3 "$URL/p"
	assert_success
	assert_request 1 "$(post 'POST /p HTTP/1.1' 'a=1&b=2&c=3')"
	curl_compare ok -d a=1 --data-binary 'b=2' --data-ascii c=3 '{URL}/p'
}

@test "-d with -H Content-Type: the user's type replaces the default" {
	start_server ok
	run_httpc -d '<x/>' -H 'Content-Type: text/xml' "$URL/p"
	assert_success
	assert_request 1 "POST /p HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nContent-Type: text/xml\r\nContent-Length: 4\r\n\r\n<x/>"
	curl_compare ok -d '<x/>' -H 'Content-Type: text/xml' '{URL}/p'
}

@test "-d with -I: two methods, exit 2, nothing sent" {
	start_server ok
	run_httpc -d a=1 -I "$URL/"
	assert_exit 2
	assert_equal "$(server_requests)" 0
}

@test "-G: the data goes into the query string of a GET" {
	start_server ok
	run_httpc -G -d a=1 --data-urlencode 'b=x y' "$URL/s?q=0"
	assert_success
	assert_request 1 "$(req 'GET /s?q=0&a=1&b=x+y HTTP/1.1')"
	curl_compare ok -G -d a=1 --data-urlencode 'b=x y' '{URL}/s?q=0'
}

@test "-G -I: a HEAD with the query" {
	start_server head
	run_httpc -G -I -d a=1 "$URL/s"
	assert_success
	assert_request 1 "$(req 'HEAD /s?a=1 HTTP/1.1')"
	curl_compare head -G -I -d a=1 '{URL}/s'
}

@test "--url-query: encoded, '+' keeps it as is" {
	start_server ok
	run_httpc --url-query 'a=b c' --url-query '+x=%20' "$URL/s"
	assert_success
	assert_request 1 "$(req 'GET /s?a=b+c&x=%20 HTTP/1.1')"
	curl_compare ok --url-query 'a=b c' --url-query '+x=%20' '{URL}/s'
}

@test "--json: body, Content-Type and Accept; pieces concatenated" {
	start_server ok
	run_httpc --json '{"a":' --json '1}' "$URL/api"
	assert_success
	assert_request 1 "POST /api HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
	curl_compare ok --json '{"a":' --json '1}' '{URL}/api'
}

@test "--json with -H Accept: the user's Accept wins" {
	start_server ok
	run_httpc --json '[]' -H 'Accept: text/plain' "$URL/api"
	assert_success
	assert_request 1 "POST /api HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: text/plain\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"
	curl_compare ok --json '[]' -H 'Accept: text/plain' '{URL}/api'
}

# ------------------------------------------------------------ -T, -r, -0

@test "-T FILE: a PUT with Content-Length, the file's name added to a /" {
	printf 'file body\n' >"$BATS_TEST_TMPDIR/up.txt"
	start_server ok
	run_httpc -T "$BATS_TEST_TMPDIR/up.txt" "$URL/dir/"
	assert_success
	assert_request 1 "PUT /dir/up.txt HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\nfile body\n"
	curl_compare ok -T "$BATS_TEST_TMPDIR/up.txt" '{URL}/dir/'
}

@test "-T -: stdin goes chunked" {
	start_server ok
	run_httpc -T - "$URL/up" < <(printf 'abc')
	assert_success
	assert_request 1 "PUT /up HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
}

@test "-T with -H 'Expect:': no Expect, the body at once" {
	printf 'x' >"$BATS_TEST_TMPDIR/up.txt"
	start_server ok
	run_httpc -H 'Expect:' -T "$BATS_TEST_TMPDIR/up.txt" "$URL/up"
	assert_success
	assert_request 1 "PUT /up HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nContent-Length: 1\r\n\r\nx"
	curl_compare ok -H 'Expect:' -T "$BATS_TEST_TMPDIR/up.txt" '{URL}/up'
}

@test "-d over 1 MiB: Expect: 100-continue, the body after 100 Continue" {
	head -c 1100000 /dev/zero | tr '\0' a >"$BATS_TEST_TMPDIR/big"
	start_server - <<'EOF'
request continue
send ../fixtures/ok.http
EOF
	run_httpc -d "@$BATS_TEST_TMPDIR/big" "$URL/p"
	assert_success
	head -c 200 "$(req_file 1)" | grep -qa 'Expect: 100-continue' ||
	    fail "no Expect"
	assert_equal "$("$PYTHON" -c 'import sys
print(len(open(sys.argv[1], "rb").read().split(b"\r\n\r\n", 1)[1]))' "$(req_file 1)")" 1100000
}

@test "Expect: an early final answer: the body is not sent" {
	printf 'never sent' >"$BATS_TEST_TMPDIR/up.txt"
	start_server - <<'EOF'
request headers
send "HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nnope\n"
close
EOF
	run_httpc -T "$BATS_TEST_TMPDIR/up.txt" "$URL/up"
	assert_success
	assert_stdout 'nope\n'
	! grep -qa 'never sent' "$(req_file 1)" || fail "the body was sent"
}

@test "-T: a missing file is exit 26, nothing sent" {
	start_server ok
	run_httpc -T "$BATS_TEST_TMPDIR/nope" "$URL/up"
	assert_exit 26
	assert_equal "$(server_requests)" 0
}

@test "-T per URL, in order, as -o: a URL without one is a GET" {
	printf 'file body\n' >"$BATS_TEST_TMPDIR/up.txt"
	start_server ok-twice
	run_httpc -o /dev/null -o /dev/null -T "$BATS_TEST_TMPDIR/up.txt" \
	    "$URL/a" "$URL/b"
	assert_success
	assert_request 1 "PUT /a HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\nfile body\n"
	assert_request 2 "$(req 'GET /b HTTP/1.1')"
	curl_compare ok-twice -o /dev/null -o /dev/null \
	    -T "$BATS_TEST_TMPDIR/up.txt" '{URL}/a' '{URL}/b'
}

@test "-T '' leaves its URL without an upload; the next -T is the next URL's" {
	printf 'file body\n' >"$BATS_TEST_TMPDIR/up.txt"
	start_server ok-twice
	run_httpc -o /dev/null -o /dev/null -T '' "$URL/a" \
	    -T "$BATS_TEST_TMPDIR/up.txt" "$URL/b"
	assert_success
	assert_request 1 "$(req 'GET /a HTTP/1.1')"
	assert_request 2 "PUT /b HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\nfile body\n"
	curl_compare ok-twice -o /dev/null -o /dev/null -T '' '{URL}/a' \
	    -T "$BATS_TEST_TMPDIR/up.txt" '{URL}/b'
}

@test "-r: Range: bytes=" {
	start_server ok
	run_httpc -r 0-99 "$URL/"
	assert_success
	assert_request 1 "GET / HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nRange: bytes=0-99\r\nUser-Agent: $UA\r\nAccept: */*\r\n\r\n"
	curl_compare ok -r 0-99 '{URL}/'
}

@test "-0: an HTTP/1.0 request line" {
	start_server ok
	run_httpc -0 "$URL/"
	assert_success
	assert_request 1 "$(req 'GET / HTTP/1.0')"
	curl_compare ok -0 '{URL}/'
}

# ------------------------------------------------------------ URL forms

@test "a URL without a scheme is http://" {
	start_server ok
	run_httpc "127.0.0.1:$PORT/noscheme"
	assert_success
	assert_request 1 "$(req 'GET /noscheme HTTP/1.1')"
}

@test "percent-encoding is left as given; dot segments removed" {
	start_server ok
	run_httpc "$URL/a/./b/../c%2Fd%20e"
	assert_success
	assert_request 1 "$(req 'GET /a/c%2Fd%20e HTTP/1.1')"
	curl_compare ok '{URL}/a/./b/../c%2Fd%20e'
}

@test "--path-as-is: dot segments sent as they are" {
	start_server ok
	run_httpc --path-as-is "$URL/a/./b/../c"
	assert_success
	assert_request 1 "$(req 'GET /a/./b/../c HTTP/1.1')"
	curl_compare ok --path-as-is '{URL}/a/./b/../c'
}

@test "the fragment is not sent" {
	start_server ok
	run_httpc "$URL/p?q=1#frag"
	assert_success
	assert_request 1 "$(req 'GET /p?q=1 HTTP/1.1')"
	curl_compare ok '{URL}/p?q=1#frag'
}

@test "a bad port is exit 3 with the reason" {
	run_httpc 'http://127.0.0.1:99999/'
	assert_exit 3
	assert_output ''
	[[ $stderr == "httpc: (3) "* ]] || fail "stderr: $stderr"
}

@test "-H and -d arguments of several URLs: the same for each" {
	start_server ok-twice
	run_httpc -d a=1 -H 'X-A: 1' "$URL/1" "$URL/2"
	assert_success
	assert_request 1 "POST /1 HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nX-A: 1\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1"
	assert_request 2 "POST /2 HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nX-A: 1\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1"
	assert_equal "$(server_conns)" 1
	curl_compare ok-twice -d a=1 -H 'X-A: 1' '{URL}/1' '{URL}/2'
}

@test "URLs to two servers, interleaved: one connection kept for each" {
	start_server ok
	local bport=$PORT blog=$SERVER_LOG
	start_server ok-twice
	run_httpc -o /dev/null "$URL/1" -o /dev/null "http://127.0.0.1:$bport/x" "$URL/2"
	assert_success
	assert_equal "$(server_conns)" 1
	assert_equal "$(server_requests)" 2
	assert_equal "$(cat "$blog/conns")" 1
}

@test "-H 'Transfer-Encoding: chunked' with -d: the body goes chunked" {
	start_server ok
	run_httpc -H 'Transfer-Encoding: chunked' -d abc "$URL/p"
	assert_success
	assert_request 1 "POST /p HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	curl_compare ok -H 'Transfer-Encoding: chunked' -d abc '{URL}/p'
}

@test "several URLs: the exit status is the last one's; --fail-early stops" {
	start_server ok
	run_httpc -s http://127.0.0.1:9/ "$URL/"
	assert_success
	assert_output hello
	start_server ok
	run_httpc -s "$URL/" http://127.0.0.1:9/
	assert_exit 7
	start_server ok
	run_httpc -s --fail-early http://127.0.0.1:9/ "$URL/"
	assert_exit 7
	assert_equal "$(server_requests)" 0
}

# ------------------------------------------------------------ dead kept connections

# kept_dies [DELAY]: a server script whose first reply ("one") is followed,
# after DELAY seconds (none: at once), by the end of the connection; the
# second request gets "two".  With a delay the client has sent its next
# request on the kept connection by then: it fails before any reply.
kept_dies() {
	local f=$BATS_TEST_TMPDIR/kept-dies.script
	{
		echo 'request'
		echo 'send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"'
		[ -z "${1:-}" ] || echo "pause $1"
		echo 'close'
		echo 'request'
		echo 'send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"'
	} >"$f"
	echo "$f"
}

@test "a kept connection closed right after its reply: the next URL opens another" {
	start_server "$(kept_dies)"
	run_httpc "$URL/a" "$URL/b"
	assert_success
	assert_output onetwo
	assert_equal "$(server_conns)" 2
	assert_equal "$(server_requests)" 2
	curl_compare "$(kept_dies)" '{URL}/a' '{URL}/b'
}

@test "a kept connection that dies under a request: sent again on a new one" {
	start_server "$(kept_dies 0.5)"
	run_httpc -d x=1 "$URL/a" "$URL/b"
	assert_success
	assert_output onetwo
	assert_equal "$(server_conns)" 2
	assert_equal "$(server_requests)" 2
	assert_equal "$(awk '{ print $2, $3, $4 }' "$SERVER_LOG/requests.log" | tail -n 1)" \
	    "2 POST /b"
	curl_compare "$(kept_dies 0.5)" -d x=1 '{URL}/a' '{URL}/b'
}

@test "a dead kept connection and -T FILE: the file is sent again from its start" {
	printf 'file body\n' >"$BATS_TEST_TMPDIR/up.txt"
	start_server "$(kept_dies 0.5)"
	run_httpc -H 'Expect:' -T "$BATS_TEST_TMPDIR/up.txt" "$URL/a" \
	    -T "$BATS_TEST_TMPDIR/up.txt" "$URL/b"
	assert_success
	assert_output onetwo
	assert_request 2 "PUT /b HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nContent-Length: 10\r\n\r\nfile body\n"
	curl_compare "$(kept_dies 0.5)" -H 'Expect:' \
	    -T "$BATS_TEST_TMPDIR/up.txt" '{URL}/a' \
	    -T "$BATS_TEST_TMPDIR/up.txt" '{URL}/b'
}

# piped_dies CLIENT: -T FILE to /a, then -T - from a pipe to /b on the
# kept connection, which the server ends after the request was sent.
piped_dies() {
	start_server "$(kept_dies 0.5)"
	printf 'file body\n' >"$BATS_TEST_TMPDIR/up.txt"
	run_client "$1" -H 'Expect:' -T "$BATS_TEST_TMPDIR/up.txt" "$URL/a" \
	    -T - "$URL/b" < <(printf 'piped body')
}

@test "a dead kept connection and a pipe body already sent: not resent, exit 65" {
	piped_dies "$HTTPC"
	assert_exit 65
	assert_output one
	assert_equal "$(server_requests)" 1
	[[ $stderr == *"(65) "* ]] || fail "stderr: $stderr"
	# curl gives up the same way (it opens the new connection first)
	have_curl || skip "curl not installed: no comparison"
	piped_dies "$CURL"
	assert_exit 65
	assert_output one
	assert_equal "$(server_requests)" 1
}

@test "a dead kept connection and a pipe not read yet (Expect): sent on a new one" {
	start_server "$(kept_dies 0.5)"
	printf 'file body\n' >"$BATS_TEST_TMPDIR/up.txt"
	run_httpc -T "$BATS_TEST_TMPDIR/up.txt" "$URL/a" -T - "$URL/b" \
	    < <(printf 'piped body')
	assert_success
	assert_output onetwo
	assert_request 2 "PUT /b HTTP/1.1\r\nHost: 127.0.0.1:$PORT\r\nUser-Agent: $UA\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\na\r\npiped body\r\n0\r\n\r\n"
	assert_equal "$(server_conns)" 2
	cp "$(req_file 2)" "$BATS_TEST_TMPDIR/httpc-req-2"
	have_curl || skip "curl not installed: no comparison"
	start_server "$(kept_dies 0.5)"
	run_curl -T "$BATS_TEST_TMPDIR/up.txt" "$URL/a" -T - "$URL/b" \
	    < <(printf 'piped body')
	assert_success
	assert_output onetwo
	assert_equal "$(server_conns)" 2
	diff <(normalize "$(req_file 2)") \
	    <(normalize "$BATS_TEST_TMPDIR/httpc-req-2") >&2 ||
	    fail "request 2 differs from curl's"
}

@test "a 1xx, then the connection ends: no second try" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"
request
send "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
close
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"
EOF
	run_httpc "$URL/a" "$URL/b"
	# An empty reply (52) as curl says, after the interim response too
	assert_exit 52
	assert_output one
	assert_equal "$(server_requests)" 2
	assert_equal "$(server_conns)" 1
}
