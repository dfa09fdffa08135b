#!/usr/bin/env bats
# nginx.bats -- httpc against a real server: byte-identical downloads (100 MB
# included), keep-alive reuse seen in nginx's access log, HEAD, errors, -v,
# POST and PUT bodies as nginx stored them.  Skipped when nginx is missing.

load common

setup_file() {
	# the docroot with its 100 MB file is made once for the whole file
	if have_nginx; then
		export NGINX_ROOT=$BATS_FILE_TMPDIR/www
		make_docroot "$NGINX_ROOT"
	fi
}

setup() {
	common_setup
	start_nginx
}

teardown() {
	common_teardown
}

# without_date FILE: the headers minus Date, which differs between runs
without_date() {
	grep -av '^Date: ' "$1"
}

@test "nginx: a small file, byte-identical" {
	run_httpc "$NGINX_URL/small.txt"
	assert_success
	assert_same_file "$NGINX_ROOT/small.txt" "$STDOUT_FILE"
	wait_for_lines "$NGINX_LOG" 1
	run awk '{ print $3, $5, $6, $7, $8 }' "$NGINX_LOG"
	assert_output "200 \"GET /small.txt HTTP/1.1\" \"$UA\""
}

@test "nginx: the index for /" {
	run_httpc "$NGINX_URL/"
	assert_success
	assert_same_file "$NGINX_ROOT/index.html" "$STDOUT_FILE"
}

@test "nginx: an empty file" {
	run_httpc "$NGINX_URL/empty.txt"
	assert_success
	assert_stdout ''
}

@test "nginx: a binary file, byte-identical" {
	run_httpc "$NGINX_URL/binary.bin"
	assert_success
	assert_same_file "$NGINX_ROOT/binary.bin" "$STDOUT_FILE"
}

@test "nginx: 100 MB to stdout and with -o, byte-identical, same as curl" {
	run_httpc "$NGINX_URL/big.bin"
	assert_success
	assert_same_file "$NGINX_ROOT/big.bin" "$STDOUT_FILE"
	rm -f "$STDOUT_FILE"
	run_httpc -o "$BATS_TEST_TMPDIR/big.httpc" "$NGINX_URL/big.bin"
	assert_success
	assert_same_file "$NGINX_ROOT/big.bin" "$BATS_TEST_TMPDIR/big.httpc"
	rm -f "$BATS_TEST_TMPDIR/big.httpc"
	if have_curl; then
		run_curl -s "$NGINX_URL/big.bin"
		assert_success
		assert_same_file "$NGINX_ROOT/big.bin" "$STDOUT_FILE"
	fi
}

# The body goes by httpc_response_read_fd (splice(2)) once its first bytes
# are out: into a pipe, onto a file opened for appending (where splice
# cannot go: copied), after -i's headers, and resumed with -C -.
@test "nginx: 100 MB into a pipe, appended to a file, after -i, resumed: byte-identical" {
	local d=$BATS_TEST_TMPDIR
	"$HTTPC" -q -s "$NGINX_URL/big.bin" | cat >"$d/piped"
	[ "${PIPESTATUS[0]}" -eq 0 ] || fail "exit ${PIPESTATUS[0]} into a pipe"
	assert_same_file "$NGINX_ROOT/big.bin" "$d/piped"
	rm -f "$d/piped"

	printf 'before\n' >"$d/appended"
	"$HTTPC" -q -s "$NGINX_URL/big.bin" >>"$d/appended" ||
	    fail "exit $? appending"
	{ printf 'before\n'; cat "$NGINX_ROOT/big.bin"; } >"$d/want"
	assert_same_file "$d/want" "$d/appended"
	rm -f "$d/want" "$d/appended"

	run_httpc -i "$NGINX_URL/big.bin"
	assert_success
	sed -n '1,/^\r$/!p' "$STDOUT_FILE" | cmp - "$NGINX_ROOT/big.bin" >&2 ||
	    fail "the body after -i's headers differs"
	rm -f "$STDOUT_FILE"

	head -c 12345678 "$NGINX_ROOT/big.bin" >"$d/resumed"
	run_httpc -C - -o "$d/resumed" "$NGINX_URL/big.bin"
	assert_success
	assert_same_file "$NGINX_ROOT/big.bin" "$d/resumed"
}

@test "nginx: three URLs over one kept-alive connection" {
	run_httpc "$NGINX_URL/small.txt" "$NGINX_URL/index.html" \
	    "$NGINX_URL/sub/file.txt"
	assert_success
	cat "$NGINX_ROOT/small.txt" "$NGINX_ROOT/index.html" \
	    "$NGINX_ROOT/sub/file.txt" >"$BATS_TEST_TMPDIR/want"
	assert_same_file "$BATS_TEST_TMPDIR/want" "$STDOUT_FILE"
	wait_for_lines "$NGINX_LOG" 3
	assert_equal "$(nginx_conns)" 1
	# $connection_requests counts 1, 2, 3 on that connection
	assert_equal "$(awk '{ print $2 }' "$NGINX_LOG" | tr '\n' ' ')" '1 2 3 '
	if have_curl; then
		: >"$NGINX_LOG"
		run_curl -s "$NGINX_URL/small.txt" "$NGINX_URL/index.html" \
		    "$NGINX_URL/sub/file.txt"
		assert_same_file "$BATS_TEST_TMPDIR/want" "$STDOUT_FILE"
		wait_for_lines "$NGINX_LOG" 3
		assert_equal "$(nginx_conns)" 1
	fi
}

@test "nginx: -I sends HEAD and prints the headers" {
	run_httpc -I "$NGINX_URL/small.txt"
	assert_success
	local out=$STDOUT_FILE
	assert_line --index 0 $'HTTP/1.1 200 OK\r'
	assert_line $'Content-Length: 18\r'
	assert_line $'Content-Type: text/plain\r'
	[ "$(tail -c 4 "$out" | od -An -tx1 | tr -d ' \n')" = 0d0a0d0a ] ||
	    fail "the headers do not end with an empty line"
	wait_for_lines "$NGINX_LOG" 1
	run awk '{ print $3, $4, $5 }' "$NGINX_LOG"
	assert_output '200 0 "HEAD'
	if have_curl; then
		without_date "$out" >"$BATS_TEST_TMPDIR/httpc.head"
		run_curl -I "$NGINX_URL/small.txt"
		without_date "$STDOUT_FILE" >"$BATS_TEST_TMPDIR/curl.head"
		assert_same_file "$BATS_TEST_TMPDIR/curl.head" \
		    "$BATS_TEST_TMPDIR/httpc.head"
	fi
}

@test "nginx: -i prints the status line, the headers, then the body" {
	run_httpc -i "$NGINX_URL/small.txt"
	assert_success
	assert_line --index 0 $'HTTP/1.1 200 OK\r'
	assert_line $'Server: nginx/'"$("$NGINX" -v 2>&1 | sed 's,.*nginx/,,')"$'\r'
	# the body follows the empty line
	sed '1,/^\r$/d' "$STDOUT_FILE" >"$BATS_TEST_TMPDIR/body"
	assert_same_file "$NGINX_ROOT/small.txt" "$BATS_TEST_TMPDIR/body"
}

@test "nginx: a 404 without -f: exit 0, nginx's page" {
	run_httpc "$NGINX_URL/no-such-file"
	assert_success
	assert_output --partial '404 Not Found'
	wait_for_lines "$NGINX_LOG" 1
	assert_equal "$(awk '{ print $3 }' "$NGINX_LOG")" 404
}

@test "nginx: a 404 with -f: exit 22, no body" {
	run_httpc -f "$NGINX_URL/no-such-file"
	assert_exit 22
	assert_stdout ''
	if have_curl; then
		run_curl -f "$NGINX_URL/no-such-file"
		assert_exit 22
		assert_stdout ''
	fi
}

@test "nginx: -v shows a correct exchange" {
	run_httpc -v "$NGINX_URL/"
	assert_success
	assert_same_file "$NGINX_ROOT/index.html" "$STDOUT_FILE"
	local ex
	ex=$(grep -a '^[<>] ' "$STDERR_FILE" | tr -d '\r')
	[[ $ex == "> GET / HTTP/1.1"* ]] || fail "no request line first: $ex"
	grep -qx "> Host: 127.0.0.1:$NGINX_PORT" <<<"$ex" || fail "no Host: $ex"
	grep -qx '< HTTP/1.1 200 OK' <<<"$ex" || fail "no status line: $ex"
	grep -qx '< Server: nginx/.*' <<<"$ex" || fail "no Server: $ex"
	grep -qx '< Content-Length: 17' <<<"$ex" || fail "no length: $ex"
	grep -qx '< Connection: keep-alive' <<<"$ex" || fail "$ex"
}

@test "nginx: -d POST body as nginx stored it" {
	run_httpc -d 'name=httpc&x=1' "$NGINX_URL/post"
	assert_success
	assert_stdout 'saved\n'
	wait_for_lines "$NGINX_LOG" 1
	assert_file_bytes "$(nginx_body_file)" 'name=httpc&x=1'
}

@test "nginx: --data-binary @file POST, 1 MB binary, as nginx stored it" {
	httpd --generate 1000000 >"$BATS_TEST_TMPDIR/data"
	run_httpc --data-binary "@$BATS_TEST_TMPDIR/data" "$NGINX_URL/post"
	assert_success
	assert_stdout 'saved\n'
	wait_for_lines "$NGINX_LOG" 1
	assert_same_file "$BATS_TEST_TMPDIR/data" "$(nginx_body_file)"
}

@test "nginx: -X PUT --data-binary @file creates the file (WebDAV)" {
	[ -n "$NGINX_DAV" ] || skip "nginx built without the dav module"
	run_httpc -X PUT --data-binary "@$NGINX_ROOT/binary.bin" \
	    "$NGINX_URL/dav/new/file.bin"
	assert_success
	wait_for_lines "$NGINX_LOG" 1
	assert_equal "$(awk '{ print $3 }' "$NGINX_LOG")" 201
	assert_same_file "$NGINX_ROOT/binary.bin" "$NGINX_DIR/dav/new/file.bin"
}
