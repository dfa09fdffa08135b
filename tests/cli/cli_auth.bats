#!/usr/bin/env bats
# cli_auth.bats -- credentials and cookies: -u (with the password prompt),
# user information in the URL, --oauth2-bearer, .netrc (-n, --netrc-file,
# --netrc-optional), and the cookie engine (-b, -c, -j).

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR"
	export HOME=$BATS_TEST_TMPDIR
	unset NETRC
}

teardown() {
	common_teardown
}

script() {
	cat >"$BATS_TEST_TMPDIR/$1.script"
	echo "$BATS_TEST_TMPDIR/$1.script"
}

# auth_of N: the Authorization value of request N, or nothing.
auth_of() {
	grep -a '^Authorization: ' "$(req_file "$1")" | tr -d '\r' |
	    sed 's/^Authorization: //'
}

cookie_of() {
	grep -a '^Cookie: ' "$(req_file "$1")" | tr -d '\r' | sed 's/^Cookie: //'
}

# ------------------------------------------------------------ -u and the URL

@test "-u user:password: Basic, split at the first colon" {
	start_server ok
	run_httpc -u 'alice:pa:ss' "$URL/"
	assert_success
	assert_equal "$(auth_of 1)" "Basic $(printf 'alice:pa:ss' | base64)"
	curl_compare ok -u 'alice:pa:ss' '{URL}/'
}

@test "user information in the URL: percent-decoded into Basic" {
	start_server ok
	run_httpc "http://al%40ice:p%3Ass@127.0.0.1:$PORT/"
	assert_success
	assert_equal "$(auth_of 1)" "Basic $(printf 'al@ice:p:ss' | base64)"
}

@test "-u wins over the URL's user information" {
	start_server ok
	run_httpc -u bob:x "http://alice:y@127.0.0.1:$PORT/"
	assert_success
	assert_equal "$(auth_of 1)" "Basic $(printf 'bob:x' | base64)"
}

@test "-u user: the password is asked for on the terminal" {
	start_server ok
	status=0
	"$PYTHON" -c '
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
sent = False
while True:
    try:
        d = os.read(fd, 1024)
    except OSError:
        break
    if not d:
        break
    out += d
    if not sent and b"password" in out:
        os.write(fd, b"s3cret\n")
        sent = True
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
' "$HTTPC" -s -u alice "$URL/" >tty.out || status=$?
	grep -q "Enter host password for user 'alice':" tty.out || fail "$(cat tty.out)"
	! grep -q s3cret tty.out || fail "the password was echoed"
	assert_equal "$(auth_of 1)" "Basic $(printf 'alice:s3cret' | base64)"
}

@test "--oauth2-bearer: Authorization: Bearer" {
	start_server ok
	run_httpc --oauth2-bearer 'abc.def' "$URL/"
	assert_success
	assert_equal "$(auth_of 1)" 'Bearer abc.def'
	curl_compare ok --oauth2-bearer 'abc.def' '{URL}/'
}

# ------------------------------------------------------------ .netrc

@test "-n: the login from ~/.netrc for the host" {
	printf 'machine 127.0.0.1 login nina password n3t\n' >.netrc
	start_server ok
	run_httpc -n "$URL/"
	assert_success
	assert_equal "$(auth_of 1)" "Basic $(printf 'nina:n3t' | base64)"
	curl_compare ok -n '{URL}/'
}

@test "--netrc-file: another file; no entry for the host: no credentials" {
	printf 'machine other.test login x password y\n' >my.netrc
	start_server ok
	run_httpc --netrc-file my.netrc "$URL/"
	assert_success
	assert_equal "$(auth_of 1)" ''
	printf 'default login d password e\n' >my.netrc
	start_server ok
	run_httpc --netrc-file my.netrc "$URL/"
	assert_equal "$(auth_of 1)" "Basic $(printf 'd:e' | base64)"
	curl_compare ok --netrc-file "$BATS_TEST_TMPDIR/my.netrc" '{URL}/'
}

@test "-u wins over .netrc" {
	printf 'machine 127.0.0.1 login nina password n3t\n' >.netrc
	start_server ok
	run_httpc -n -u ursula:pw "$URL/"
	assert_success
	assert_equal "$(auth_of 1)" "Basic $(printf 'ursula:pw' | base64)"
}

@test "--netrc-optional without a file: fine; -n without one: exit 26" {
	start_server ok
	run_httpc --netrc-optional "$URL/"
	assert_success
	assert_equal "$(auth_of 1)" ''
	curl_compare ok --netrc-optional '{URL}/'
	start_server ok
	run_httpc -n "$URL/"
	assert_exit 26
	assert_equal "$(server_requests)" 0
}

# ------------------------------------------------------------ cookies

set_cookie_script() {
	script setcookie <<'EOF'
request
send "HTTP/1.1 200 OK\r\nSet-Cookie: sid=42; Path=/\r\nSet-Cookie: theme=dark; Max-Age=3600\r\nSet-Cookie: evil=1; Domain=example.com\r\nContent-Length: 3\r\n\r\none"
request
send ../fixtures/ok.http
EOF
}

@test "-b 'a=1; b=2': sent as it is" {
	start_server ok
	run_httpc -b 'a=1; b=2' "$URL/"
	assert_success
	assert_equal "$(cookie_of 1)" 'a=1; b=2'
	curl_compare ok -b 'a=1; b=2' '{URL}/'
}

@test "-c: Set-Cookie is kept, sent to the next URL, and saved" {
	start_server "$(set_cookie_script)"
	run_httpc -c jar.txt "$URL/a" "$URL/b"
	assert_success
	assert_equal "$(cookie_of 1)" ''
	[[ $(cookie_of 2) == *sid=42* ]] || fail "cookie 2: $(cookie_of 2)"
	[[ $(cookie_of 2) == *theme=dark* ]] || fail "cookie 2: $(cookie_of 2)"
	[[ $(cookie_of 2) != *evil* ]] || fail "a cookie for another domain was kept"
	grep -q '	sid	42$' jar.txt || fail "$(cat jar.txt)"
	! grep -q evil jar.txt || fail "evil saved"
}

@test "-c: the jar is written even with no cookies" {
	start_server ok
	run_httpc -c empty.jar "$URL/"
	assert_success
	[ -f empty.jar ] || fail "no jar"
	grep -q '^# Netscape HTTP Cookie File' empty.jar || fail "$(cat empty.jar)"
}

@test "-b FILE: cookies from a Netscape file for the matching host" {
	printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tfromfile\tyes\nother.test\tFALSE\t/\tFALSE\t0\tnot\tme\n' >in.jar
	start_server ok
	run_httpc -b in.jar "$URL/"
	assert_success
	assert_equal "$(cookie_of 1)" 'fromfile=yes'
	curl_compare ok -b "$BATS_TEST_TMPDIR/in.jar" '{URL}/'
}

@test "-j: session cookies from the file are dropped" {
	printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\t1\n127.0.0.1\tFALSE\t/\tFALSE\t4102444800\tkept\t2\n' >in.jar
	start_server ok
	run_httpc -j -b in.jar "$URL/"
	assert_success
	assert_equal "$(cookie_of 1)" 'kept=2'
	curl_compare ok -j -b "$BATS_TEST_TMPDIR/in.jar" '{URL}/'
}

@test "-b FILE that does not exist: no error, the engine runs" {
	start_server "$(set_cookie_script)"
	run_httpc -b missing.jar "$URL/a" "$URL/b"
	assert_success
	[[ $(cookie_of 2) == *sid=42* ]] || fail "cookie 2: $(cookie_of 2)"
}
