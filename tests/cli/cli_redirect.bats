#!/usr/bin/env bats
# cli_redirect.bats -- -L and its rules: relative Locations, the redirect
# limit, which method and body each status keeps, bodies that cannot be
# sent twice, schemes that are refused, and credentials that never follow
# a redirect to another host, port or scheme.

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	common_teardown
}

# script NAME: a server script from stdin, saved in the test's directory;
# prints its path.
script() {
	cat >"$BATS_TEST_TMPDIR/$1.script"
	echo "$BATS_TEST_TMPDIR/$1.script"
}

# redirect_then_ok STATUS LOCATION: a redirect, then fixtures/ok.http.
redirect_then_ok() {
	script "r$1" <<EOF
request
send "HTTP/1.1 $1 Moved\\r\\nLocation: $2\\r\\nContent-Length: 5\\r\\n\\r\\nmove\\n"
request
send ../fixtures/ok.http
EOF
}

# req_line N: the request line of request N.
req_line() {
	head -n 1 "$(req_file "$1")" | tr -d '\r'
}

# has_header N NAME: request N carries header NAME.
has_header() {
	grep -qai "^$2:" "$(req_file "$1")"
}

# body_of N: the body of request N.
body_of() {
	"$PYTHON" -c 'import sys; d = open(sys.argv[1], "rb").read(); sys.stdout.buffer.write(d.split(b"\r\n\r\n", 1)[1])' "$(req_file "$1")"
}

# ------------------------------------------------------------ following

@test "-L: a relative Location on the same connection, the last body" {
	start_server "$(redirect_then_ok 302 /next?x=1)"
	run_httpc -L "$URL/start"
	assert_success
	assert_stdout 'hello\n'
	assert_equal "$(req_line 2)" 'GET /next?x=1 HTTP/1.1'
	assert_equal "$(server_conns)" 1
	curl_compare "$(redirect_then_ok 302 /next?x=1)" -L '{URL}/start'
}

@test "-L: a relative path resolves against the current directory" {
	start_server "$(redirect_then_ok 301 ../c/d)"
	run_httpc -L "$URL/a/b/x"
	assert_success
	assert_equal "$(req_line 2)" 'GET /a/c/d HTTP/1.1'
	curl_compare "$(redirect_then_ok 301 ../c/d)" -L '{URL}/a/b/x'
}

@test "without -L: the redirect's own body, exit 0" {
	start_server "$(redirect_then_ok 302 /next)"
	run_httpc "$URL/start"
	assert_success
	assert_stdout 'move\n'
	assert_equal "$(server_requests)" 1
}

@test "--max-redirs: exceeded is exit 47" {
	script loop >/dev/null <<'EOF'
request
send "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"
EOF
	start_server "$BATS_TEST_TMPDIR/loop.script"
	run_httpc -L --max-redirs 2 "$URL/"
	assert_exit 47
	assert_equal "$stderr" 'httpc: (47) Maximum (2) redirects followed'
	assert_equal "$(server_requests)" 3
	curl_compare "$BATS_TEST_TMPDIR/loop.script" -L --max-redirs 2 '{URL}/'
}

@test "-i -L: every hop's headers, then the last body" {
	start_server "$(redirect_then_ok 302 /b)"
	run_httpc -i -L "$URL/a"
	assert_success
	grep -qa '^HTTP/1.1 302 Moved' "$STDOUT_FILE" || fail "no 302 block"
	grep -qa '^HTTP/1.1 200 OK' "$STDOUT_FILE" || fail "no 200 block"
	curl_compare "$(redirect_then_ok 302 /b)" -i -L '{URL}/a'
}

@test "-v -L: curl's 'Issue another request' line" {
	start_server "$(redirect_then_ok 302 /b)"
	run_httpc -v -L "$URL/a"
	assert_success
	[[ $stderr == *"* Issue another request to this URL: 'http://127.0.0.1:$PORT/b'"* ]] ||
	    fail "stderr: $stderr"
}

@test "-e ';auto' -L: each hop sends the URL it came from" {
	start_server "$(redirect_then_ok 302 /b)"
	run_httpc -e ';auto' -L "$URL/a"
	assert_success
	! has_header 1 Referer || fail "first request has a Referer"
	grep -qa "^Referer: http://127.0.0.1:$PORT/a"$'\r' "$(req_file 2)" ||
	    fail "$(show_bytes "$(req_file 2)")"
	curl_compare "$(redirect_then_ok 302 /b)" -e ';auto' -L '{URL}/a'
}

# ------------------------------------------------------------ methods and bodies

@test "POST then 301, 302, 303: GET without the body" {
	local s
	for s in 301 302 303; do
		start_server "$(redirect_then_ok $s /b)"
		run_httpc -L -d a=1 "$URL/a"
		assert_success
		assert_equal "$(req_line 2)" 'GET /b HTTP/1.1'
		! has_header 2 Content-Length || fail "$s: Content-Length on the GET"
		curl_compare "$(redirect_then_ok $s /b)" -L -d a=1 '{URL}/a'
	done
}

@test "--post301, --post302, --post303: the POST and its body go on" {
	local s
	for s in 301 302 303; do
		start_server "$(redirect_then_ok $s /b)"
		run_httpc -L --post$s -d a=1 "$URL/a"
		assert_success
		assert_equal "$(req_line 2)" 'POST /b HTTP/1.1'
		assert_equal "$(body_of 2)" 'a=1'
		curl_compare "$(redirect_then_ok $s /b)" -L --post$s -d a=1 '{URL}/a'
	done
}

@test "307 and 308 keep the method and the body" {
	local s
	for s in 307 308; do
		start_server "$(redirect_then_ok $s /b)"
		run_httpc -L -d a=1 "$URL/a"
		assert_success
		assert_equal "$(req_line 2)" 'POST /b HTTP/1.1'
		assert_equal "$(body_of 2)" 'a=1'
		curl_compare "$(redirect_then_ok $s /b)" -L -d a=1 '{URL}/a'
	done
}

@test "HEAD stays HEAD after a 303" {
	script r303head >/dev/null <<'EOF'
request
send "HTTP/1.1 303 See Other\r\nLocation: /b\r\nContent-Length: 5\r\n\r\n"
request
send ../fixtures/head.http
EOF
	start_server "$BATS_TEST_TMPDIR/r303head.script"
	run_httpc -I -L "$URL/a"
	assert_success
	assert_equal "$(req_line 2)" 'HEAD /b HTTP/1.1'
	curl_compare "$BATS_TEST_TMPDIR/r303head.script" -I -L '{URL}/a'
}

@test "-T FILE and a 307: the file is sent again from its start" {
	printf 'upload\n' >up.txt
	start_server "$(redirect_then_ok 307 /b)"
	run_httpc -L -T up.txt "$URL/a"
	assert_success
	assert_equal "$(req_line 2)" 'PUT /b HTTP/1.1'
	assert_equal "$(body_of 2)" 'upload'
}

@test "-T - (a pipe) and a 307: exit 65, the body cannot be sent again" {
	start_server "$(redirect_then_ok 307 /b)"
	run_httpc -L -T - "$URL/a" < <(printf 'from a pipe')
	assert_exit 65
	assert_equal "$(server_requests)" 1
}

# ------------------------------------------------------------ refused targets

@test "a Location to another scheme is refused: exit 1, nothing sent" {
	local s
	for s in ftp://127.0.0.1/x file:///etc/passwd 'gopher://127.0.0.1/'; do
		start_server "$(redirect_then_ok 302 "$s")"
		run_httpc -L "$URL/a"
		assert_exit 1
		assert_equal "$(server_requests)" 1
		assert_output ''
	done
}

# ------------------------------------------------------------ credentials

# A redirect to the same server under another name (--resolve maps it to
# 127.0.0.1): a different host for the origin rule.
other_host_setup() {
	P=$(free_port)
	redirect_then_ok 302 "http://other.test:$P/b" >/dev/null
}

@test "-u is not sent to another host after a redirect" {
	other_host_setup
	start_server "$BATS_TEST_TMPDIR/r302.script" --port "$P"
	run_httpc -L -u alice:secret --resolve "other.test:$P:127.0.0.1" "$URL/a"
	assert_success
	has_header 1 Authorization || fail "first request lacks Authorization"
	! has_header 2 Authorization || fail "Authorization sent to other.test"
	grep -qa "^Host: other.test:$P" "$(req_file 2)" || fail "not other.test"
}

@test "-H Authorization and -H Cookie are not sent to another host; others are" {
	other_host_setup
	start_server "$BATS_TEST_TMPDIR/r302.script" --port "$P"
	run_httpc -L -H 'Authorization: Bearer t0k' -H 'Cookie: s=1' -H 'X-Keep: 1' \
	    --resolve "other.test:$P:127.0.0.1" "$URL/a"
	assert_success
	has_header 1 Authorization || fail "first request lacks Authorization"
	has_header 1 Cookie || fail "first request lacks Cookie"
	! has_header 2 Authorization || fail "Authorization sent to other.test"
	! has_header 2 Cookie || fail "Cookie sent to other.test"
	has_header 2 X-Keep || fail "X-Keep dropped"
}

@test "-b cookies, --oauth2-bearer and URL credentials stay with their host" {
	other_host_setup
	start_server "$BATS_TEST_TMPDIR/r302.script" --port "$P"
	run_httpc -L -b 'sid=abc' "http://bob:pw@127.0.0.1:$P/a" \
	    --resolve "other.test:$P:127.0.0.1"
	assert_success
	has_header 1 Authorization || fail "no URL credentials on the first hop"
	has_header 1 Cookie || fail "no cookie on the first hop"
	! has_header 2 Authorization || fail "URL credentials sent to other.test"
	! has_header 2 Cookie || fail "-b cookie sent to other.test"
	stop_server
	start_server "$BATS_TEST_TMPDIR/r302.script" --port "$P"
	run_httpc -L --oauth2-bearer tok "$URL/a" --resolve "other.test:$P:127.0.0.1"
	assert_success
	grep -qa '^Authorization: Bearer tok' "$(req_file 1)" || fail "no bearer"
	! has_header 2 Authorization || fail "bearer sent to other.test"
}

@test "credentials stay on a redirect to the same origin" {
	start_server "$(redirect_then_ok 302 /b)"
	run_httpc -L -u alice:secret -H 'Cookie: s=1' "$URL/a"
	assert_success
	has_header 2 Authorization || fail "Authorization dropped on the same host"
	has_header 2 Cookie || fail "Cookie dropped on the same host"
}

@test "credentials are not sent to another port of the same host" {
	start_server ok
	local bport=$PORT blog=$SERVER_LOG
	start_server "$(redirect_then_ok 302 "http://127.0.0.1:$bport/b")"
	run_httpc -L -u alice:secret -H 'Cookie: s=1' "$URL/a"
	assert_success
	has_header 1 Authorization || fail "first request lacks Authorization"
	SERVER_LOG=$blog
	! has_header 1 Authorization || fail "Authorization sent to port $bport"
	! has_header 1 Cookie || fail "Cookie sent to port $bport"
	true
}

@test "credentials are not sent after a change of scheme" {
	start_server "$(redirect_then_ok 302 "https://127.0.0.1:9/b")"
	run_httpc -v -L -u alice:secret "$URL/a"
	[[ $stderr == *"Not sending credentials to 127.0.0.1"* ]] ||
	    fail "stderr: $stderr"
}

@test "--location-trusted: credentials follow to another host" {
	other_host_setup
	start_server "$BATS_TEST_TMPDIR/r302.script" --port "$P"
	run_httpc --location-trusted -u alice:secret -H 'Cookie: s=1' \
	    --resolve "other.test:$P:127.0.0.1" "$URL/a"
	assert_success
	has_header 2 Authorization || fail "Authorization not sent"
	has_header 2 Cookie || fail "Cookie not sent"
}

@test "credentials come back when a redirect returns to their origin" {
	P=$(free_port)
	script back >/dev/null <<EOF
request
send "HTTP/1.1 302 Found\\r\\nLocation: http://other.test:$P/b\\r\\nContent-Length: 0\\r\\n\\r\\n"
request
send "HTTP/1.1 302 Found\\r\\nLocation: http://127.0.0.1:$P/c\\r\\nContent-Length: 0\\r\\n\\r\\n"
request
send ../fixtures/ok.http
EOF
	start_server "$BATS_TEST_TMPDIR/back.script" --port "$P"
	run_httpc -L -u a:b --resolve "other.test:$P:127.0.0.1" "$URL/a"
	assert_success
	! has_header 2 Authorization || fail "sent to other.test"
	has_header 3 Authorization || fail "not sent back at the origin"
	true
}

@test "-X POST -d -L and a 302: curl's method, the body dropped" {
	start_server "$(redirect_then_ok 302 /b)"
	run_httpc -X POST -d a=1 -L "$URL/a"
	assert_success
	assert_equal "$(req_line 2)" 'POST /b HTTP/1.1'
	curl_compare "$(redirect_then_ok 302 /b)" -X POST -d a=1 -L '{URL}/a'
}
