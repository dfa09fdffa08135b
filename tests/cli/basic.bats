#!/usr/bin/env bats
# basic.bats -- httpc against tests/server/httpd.py: the exact bytes of each
# request, the exact output, and curl's exit codes for broken servers.
#
# Scripts are in scripts/, the replies they send in fixtures/.  Each test
# first asserts what httpc must do, then (when curl is installed) runs curl
# against the same script and compares (curl_compare in common.bash).

load common

setup() {
	common_setup
}

teardown() {
	common_teardown
}

# req FORMAT-OF-REQUEST-LINE [EXTRA-HEADERS]: the request httpc sends by
# default, as a printf '%b' format: curl's three headers, in curl's order.
req() {
	printf '%s\\r\\nHost: 127.0.0.1:%s\\r\\nUser-Agent: %s\\r\\nAccept: */*\\r\\n%s\\r\\n' \
	    "$1" "$PORT" "$UA" "${2:-}"
}

# ------------------------------------------------------------ plain GET

@test "GET: the body on stdout, curl's request bytes" {
	start_server ok
	run_httpc "$URL/path/to?x=1&y=2"
	assert_success
	assert_stdout 'hello\n'
	assert_request 1 "$(req 'GET /path/to?x=1&y=2 HTTP/1.1')"
	assert_equal "$(server_requests)" 1
	curl_compare ok '{URL}/path/to?x=1&y=2'
}

@test "GET: a URL without a path asks for /" {
	start_server ok
	run_httpc "$URL"
	assert_success
	assert_stdout 'hello\n'
	assert_request 1 "$(req 'GET / HTTP/1.1')"
	curl_compare ok '{URL}'
}

@test "GET: a reply in 3-byte pieces" {
	start_server trickle
	run_httpc "$URL/slow"
	assert_success
	assert_stdout 'hello\n'
	curl_compare trickle '{URL}/slow'
}

@test "GET: a chunked body is decoded (extension, trailer)" {
	start_server chunked
	run_httpc "$URL/"
	assert_success
	assert_stdout 'hello, world\n'
	curl_compare chunked '{URL}/'
}

@test "GET: an HTTP/1.0 body ends when the server closes" {
	start_server http10-close
	run_httpc "$URL/"
	assert_success
	assert_stdout 'close-delimited body\nsecond line\n'
	curl_compare http10-close '{URL}/'
}

@test "GET: 10 MB with Content-Length, byte for byte" {
	start_server big
	run_httpc "$URL/big"
	assert_success
	httpd --generate 10000000 >"$BATS_TEST_TMPDIR/want"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$STDOUT_FILE"
}

@test "GET: 10 MB chunked, byte for byte" {
	start_server big-chunked
	run_httpc "$URL/big"
	assert_success
	httpd --generate 10000000 >"$BATS_TEST_TMPDIR/want"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$STDOUT_FILE"
	curl_compare big-chunked '{URL}/big'
}

@test "GET: a 404 without -f is a success, body shown" {
	start_server notfound
	run_httpc "$URL/missing"
	assert_success
	assert_stdout 'not found\n'
	curl_compare notfound '{URL}/missing'
}

# ------------------------------------------------------------ several URLs

@test "two URLs: one connection, bodies in order" {
	start_server ok-twice
	run_httpc "$URL/a" "$URL/b"
	assert_success
	assert_stdout 'hello\nsecond\n'
	assert_equal "$(server_conns)" 1
	assert_request 1 "$(req 'GET /a HTTP/1.1')"
	assert_request 2 "$(req 'GET /b HTTP/1.1')"
	curl_compare ok-twice '{URL}/a' '{URL}/b'
}

@test "three URLs: one connection" {
	start_server ok-three
	run_httpc "$URL/1" "$URL/2" "$URL/3"
	assert_success
	assert_stdout 'hello\nsecond\nhello\n'
	assert_equal "$(server_conns)" 1
	assert_equal "$(awk '{ print $2 }' "$SERVER_LOG/requests.log" | uniq)" 1
	curl_compare ok-three '{URL}/1' '{URL}/2' '{URL}/3'
}

@test "Connection: close: the next URL opens a new connection" {
	start_server conn-close-then-ok
	run_httpc "$URL/a" "$URL/b"
	assert_success
	assert_stdout 'first\nsecond\n'
	assert_equal "$(server_conns)" 2
	curl_compare conn-close-then-ok '{URL}/a' '{URL}/b'
}

@test "204 has no body: the connection is reused at once" {
	start_server nocontent-then-ok
	run_httpc "$URL/a" "$URL/b"
	assert_success
	assert_stdout 'hello\n'
	assert_equal "$(server_conns)" 1
	curl_compare nocontent-then-ok '{URL}/a' '{URL}/b'
}

# ------------------------------------------------------------ -v -i -I

@test "-v: the exchange on stderr, the body alone on stdout" {
	start_server ok
	run_httpc -v "$URL/x"
	assert_success
	assert_stdout 'hello\n'
	# curl's form: "> " request lines, "< " response lines (CRs kept, as
	# curl does, so they are dropped here), "* " for the rest
	run diff <(printf '%s\n' \
	    '> GET /x HTTP/1.1' \
	    "> Host: 127.0.0.1:$PORT" \
	    "> User-Agent: $UA" \
	    '> Accept: */*' \
	    '> ' \
	    '< HTTP/1.1 200 OK' \
	    '< Content-Type: text/plain' \
	    '< Content-Length: 6' \
	    '< ') <(grep -a '^[<>] ' "$STDERR_FILE" | tr -d '\r')
	assert_success
	grep -q '^\* ' "$STDERR_FILE" || fail "no '* ' line on stderr: $stderr"
	if grep -q hello "$STDERR_FILE"; then
		fail "-v wrote the body on stderr"
	fi
	curl_compare ok -v '{URL}/x'
}

@test "-i: the headers as received, then the body" {
	start_server ok
	run_httpc -i "$URL/"
	assert_success
	assert_same_file "$FIXTURES/ok.http" "$STDOUT_FILE"
	curl_compare ok -i '{URL}/'
}

@test "-i with -f and a 404: the headers, no body" {
	start_server notfound
	run_httpc -i -f "$URL/"
	assert_exit 22
	assert_stdout 'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n'
	curl_compare notfound -i -f '{URL}/'
}

@test "-I: HEAD, the headers on stdout, no wait for the announced body" {
	start_server head
	run_httpc -I "$URL/a" "$URL/b"
	assert_success
	cat "$FIXTURES/head.http" "$FIXTURES/head.http" >"$BATS_TEST_TMPDIR/want"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$STDOUT_FILE"
	assert_request 1 "$(req 'HEAD /a HTTP/1.1')"
	assert_request 2 "$(req 'HEAD /b HTTP/1.1')"
	assert_equal "$(server_conns)" 1
	curl_compare head -I '{URL}/a' '{URL}/b'
}

# ------------------------------------------------------------ -X -H

@test "-X: only the method on the request line changes" {
	start_server ok
	run_httpc -X DELETE "$URL/thing/1"
	assert_success
	assert_stdout 'hello\n'
	assert_request 1 "$(req 'DELETE /thing/1 HTTP/1.1')"
	curl_compare ok -X DELETE '{URL}/thing/1'
}

@test "-X PUT with -d: the data goes with the PUT" {
	start_server ok
	run_httpc -X PUT -d 'k=v' "$URL/r"
	assert_success
	assert_request 1 "$(req 'PUT /r HTTP/1.1' \
	    'Content-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n')k=v"
	curl_compare ok -X PUT -d 'k=v' '{URL}/r'
}

@test "-H: extra headers follow the default ones, in order" {
	start_server ok
	run_httpc -H 'X-Test: yes' -H 'X-Other: a b;c' "$URL/"
	assert_success
	assert_request 1 "$(req 'GET / HTTP/1.1' 'X-Test: yes\r\nX-Other: a b;c\r\n')"
	curl_compare ok -H 'X-Test: yes' -H 'X-Other: a b;c' '{URL}/'
}

@test "-H: a header named like a default one replaces it" {
	start_server ok
	run_httpc -H 'User-Agent: tester/1.0' -H 'Accept: text/plain' "$URL/"
	assert_success
	local r
	r=$(req_file 1)
	assert_equal "$(grep -ac '^User-Agent: ' "$r")" 1
	assert_equal "$(grep -ac '^Accept: ' "$r")" 1
	grep -aq $'^User-Agent: tester/1.0\r$' "$r" || fail "UA not replaced"
	grep -aq $'^Accept: text/plain\r$' "$r" || fail "Accept not replaced"
	grep -aq $'^Host: 127.0.0.1:'"$PORT"$'\r$' "$r" || fail "Host lost"
}

# ------------------------------------------------------------ -d --data-binary

@test "-d: a urlencoded POST, exactly curl's" {
	start_server ok
	run_httpc -d 'a=1&b=2' "$URL/form"
	assert_success
	assert_stdout 'hello\n'
	assert_request 1 "$(req 'POST /form HTTP/1.1' \
	    'Content-Length: 7\r\nContent-Type: application/x-www-form-urlencoded\r\n')a=1&b=2"
	curl_compare ok -d 'a=1&b=2' '{URL}/form'
}

@test "-d twice: the pieces are joined with &" {
	start_server ok
	run_httpc -d a=1 -d b=2 "$URL/form"
	assert_success
	assert_request 1 "$(req 'POST /form HTTP/1.1' \
	    'Content-Length: 7\r\nContent-Type: application/x-www-form-urlencoded\r\n')a=1&b=2"
	curl_compare ok -d a=1 -d b=2 '{URL}/form'
}

@test "-d @file: CR and LF are stripped" {
	printf 'a=1\r\nb=2\n&c=3\n' >"$BATS_TEST_TMPDIR/form.txt"
	start_server ok
	run_httpc -d "@$BATS_TEST_TMPDIR/form.txt" "$URL/form"
	assert_success
	assert_request 1 "$(req 'POST /form HTTP/1.1' \
	    'Content-Length: 10\r\nContent-Type: application/x-www-form-urlencoded\r\n')a=1b=2&c=3"
	curl_compare ok -d "@$BATS_TEST_TMPDIR/form.txt" '{URL}/form'
}

@test "--data-binary @file: every byte as it is (CR, LF, NUL, 0xff)" {
	local f=$BATS_TEST_TMPDIR/data.bin
	printf 'a=1\r\nb=2\n\0\377end' >"$f"
	start_server ok
	run_httpc --data-binary "@$f" "$URL/bin"
	assert_success
	{
		printf '%b' "$(req 'POST /bin HTTP/1.1' \
		    'Content-Length: 14\r\nContent-Type: application/x-www-form-urlencoded\r\n')"
		cat "$f"
	} >"$BATS_TEST_TMPDIR/want"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$(req_file 1)"
	curl_compare ok --data-binary "@$f" '{URL}/bin'
}

@test "--data-binary STRING: sent as given" {
	start_server ok
	run_httpc --data-binary '{"k": [1, 2]}' "$URL/json"
	assert_success
	assert_request 1 "$(req 'POST /json HTTP/1.1' \
	    'Content-Length: 13\r\nContent-Type: application/x-www-form-urlencoded\r\n'){\"k\": [1, 2]}"
	curl_compare ok --data-binary '{"k": [1, 2]}' '{URL}/json'
}

@test "-d @file: a missing file is an error, nothing is sent" {
	start_server ok
	run_httpc -d "@$BATS_TEST_TMPDIR/no-such-file" "$URL/"
	# curl 7.88 warns and sends an empty body; httpc refuses: 26 (read error)
	if [ "${HTTPC##*/}" != curl ]; then
		assert_exit 26
		assert_equal "$(server_requests)" 0
	fi
}

# ------------------------------------------------------------ -o -s -S -f

@test "-o FILE: the body goes there, stdout stays empty" {
	start_server ok
	run_httpc -o "$BATS_TEST_TMPDIR/body.txt" "$URL/"
	assert_success
	assert_stdout ''
	assert_file_bytes "$BATS_TEST_TMPDIR/body.txt" 'hello\n'
	curl_compare ok -o '{DIR}/body.txt' '{URL}/'
}

@test "-o FILE: a 10 MB body, byte for byte" {
	start_server big
	run_httpc -o "$BATS_TEST_TMPDIR/big" "$URL/"
	assert_success
	assert_stdout ''
	httpd --generate 10000000 >"$BATS_TEST_TMPDIR/want"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/big"
}

@test "-s: the body, and nothing on stderr" {
	start_server ok
	run_httpc -s "$URL/"
	assert_success
	assert_stdout 'hello\n'
	assert_equal "$stderr" ''
	curl_compare ok -s '{URL}/'
}

@test "-s hides the error message, -S shows it again, exit code kept" {
	local port
	port=$(free_port)
	run_httpc "http://127.0.0.1:$port/"
	assert_exit 7
	[ -n "$stderr" ] || fail "no error message without -s"
	run_httpc -s "http://127.0.0.1:$port/"
	assert_exit 7
	assert_equal "$stderr" ''
	run_httpc -sS "http://127.0.0.1:$port/"
	assert_exit 7
	[ -n "$stderr" ] || fail "no error message with -sS"
	run_httpc -s -S "http://127.0.0.1:$port/"
	assert_exit 7
	[ -n "$stderr" ] || fail "no error message with -s -S"
	if have_curl; then
		run_curl -s "http://127.0.0.1:$port/"
		assert_exit 7
		assert_equal "$stderr" ''
		run_curl -sS "http://127.0.0.1:$port/"
		assert_exit 7
		[ -n "$stderr" ] || fail "curl -sS: no message?"
	fi
}

@test "-f: a 404 exits 22 and writes no body" {
	start_server notfound
	run_httpc -f "$URL/missing"
	assert_exit 22
	assert_stdout ''
	[ -n "$stderr" ] || fail "no error message for -f"
	curl_compare notfound -f '{URL}/missing'
}

@test "-f: a 500 exits 22; -sf is silent" {
	start_server error500
	run_httpc -sf "$URL/"
	assert_exit 22
	assert_stdout ''
	assert_equal "$stderr" ''
	curl_compare error500 -sf '{URL}/'
}

@test "-f -o FILE: a 404 creates no file" {
	start_server notfound
	run_httpc -f -o "$BATS_TEST_TMPDIR/body.txt" "$URL/"
	assert_exit 22
	[ ! -e "$BATS_TEST_TMPDIR/body.txt" ] || fail "-f -o created the file"
	curl_compare notfound -f -o '{DIR}/body.txt' '{URL}/'
}

@test "-f: a 200 is still a success" {
	start_server ok
	run_httpc -f "$URL/"
	assert_success
	assert_stdout 'hello\n'
}

# ------------------------------------------------------------ --help --version

@test "--help: usage on stdout, exit 0" {
	run_httpc --help
	assert_success
	assert_output --regexp '^[Uu]sage: [^ ]*(httpc|curl)'
}

@test "--version: NAME VERSION first, exit 0" {
	run_httpc --version
	assert_success
	assert_line --index 0 --regexp "^${HTTPC##*/} [0-9]+\.[0-9]+"
	[[ $UA =~ ^${HTTPC##*/}/[0-9] ]] || fail "User-Agent would be '$UA'"
}

@test "an unknown option: exit 2, nothing sent" {
	start_server ok
	run_httpc --no-such-option "$URL/"
	assert_exit 2
	[ -n "$stderr" ] || fail "no message for an unknown option"
	assert_equal "$(server_conns)" 0
}

@test "no URL: exit 2" {
	run_httpc
	assert_exit 2
	[ -n "$stderr" ] || fail "no message without a URL"
}

# ------------------------------------------------------------ exit codes

@test "exit 3: malformed URLs" {
	local u
	for u in 'http://127.0.0.1:99999/' 'http://127.0.0.1:x/' 'http://[::1/' \
	    'http://'; do
		run_httpc "$u"
		[ "$status" -eq 3 ] || fail "$u: exit $status, expected 3"
	done
}

@test "exit 1: an unsupported scheme" {
	run_httpc 'foo://127.0.0.1/'
	assert_exit 1
}

@test "exit 6: a host that does not resolve" {
	run_httpc 'http://nonexistent.invalid/'
	assert_exit 6
}

@test "exit 7: connection refused" {
	run_httpc "http://127.0.0.1:$(free_port)/"
	assert_exit 7
	assert_stdout ''
}

@test "exit 52: the server closes without a reply" {
	start_server empty-reply
	run_httpc "$URL/"
	assert_exit 52
	assert_stdout ''
	assert_equal "$(server_requests)" 1
	curl_compare empty-reply '{URL}/'
}

@test "exit 56: the server resets instead of replying" {
	start_server reset
	run_httpc "$URL/"
	assert_exit 56
	assert_stdout ''
	curl_compare reset '{URL}/'
}

@test "exit 56: the server resets in the middle of the body" {
	start_server reset-mid-body
	run_httpc "$URL/"
	assert_exit 56
	assert_stdout '0123456789'
	curl_compare reset-mid-body '{URL}/'
}

@test "exit 18: Content-Length 100, 19 bytes, FIN" {
	start_server short-body
	run_httpc "$URL/"
	assert_exit 18
	assert_stdout 'only 20 bytes here\n'
	curl_compare short-body '{URL}/'
}

@test "exit 18: a chunked body cut after its first chunk" {
	start_server short-chunked
	run_httpc "$URL/"
	assert_exit 18
	assert_stdout 'hello'
	curl_compare short-chunked '{URL}/'
}

@test "exit 8: a reply that is not HTTP" {
	start_server garbage-status
	run_httpc "$URL/"
	# curl 7.88: 1, "Received HTTP/0.9 when not allowed"
	assert_exit 8 1
	assert_stdout ''
}

@test "exit 8: a status code that is not a number" {
	start_server bad-status-code
	run_httpc "$URL/"
	# curl 7.88: 1, "Unsupported HTTP version in response"
	assert_exit 8 1
	assert_stdout ''
}

@test "exit 8: a header line without a colon" {
	start_server bad-header
	run_httpc "$URL/"
	assert_exit 8
	curl_compare bad-header '{URL}/'
}

@test "exit 8: Content-Length that is not a number" {
	start_server bad-content-length
	run_httpc "$URL/"
	assert_exit 8
	curl_compare bad-content-length '{URL}/'
}

@test "exit 8: a chunk size that is not hex" {
	start_server bad-chunk
	run_httpc "$URL/"
	# curl 7.88: 56, "Illegal or missing hexadecimal sequence"
	assert_exit 8 56
	assert_stdout ''
}
