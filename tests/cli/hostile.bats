#!/usr/bin/env bats
# hostile.bats -- servers that attack the client, and input that tries
# to smuggle bytes onto the wire.  The scripted server (tests/server/
# httpd.py) plays each attack; every test states the safe outcome and
# its exit code, and bounds the time an endless attack may take (-m, and
# the server's --max-send for endless output).  The limits themselves are
# those of core/httpc.h: HTTPC_MAXLINE (64 KiB lines), HTTPC_MAXHEADERS
# (5000 fields), HTTPC_MAXHEADERBYTES (300 KiB of headers),
# HTTPC_MAXINTERIM (100 1xx responses), 16 hex digits of chunk size.

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR"
	MOUNTED=
	TLS_LOGGER_PID=
}

teardown() {
	common_teardown
	[ -z "$TLS_LOGGER_PID" ] || _stop_pid "$TLS_LOGGER_PID"
	[ -z "$MOUNTED" ] || umount "$MOUNTED" 2>/dev/null || true
}

# reply DATA: a server answering one request with DATA (a quoted script
# string: \r \n \0 \xHH escapes), then FIN.
reply() {
	start_server - <<EOF
request
send "$1"
close
EOF
}

# serve_replies DATA...: one server whose i-th request gets the i-th DATA
# (a quoted script string), then FIN: one server for a list of cases.
serve_replies() {
	local d
	for d; do
		printf 'request\nsend "%s"\nclose\n' "$d"
	done >"$BATS_TEST_TMPDIR/replies.script"
	start_server "$BATS_TEST_TMPDIR/replies.script"
}

# now_ms: a clock for bounds on how long a client ran.
now_ms() {
	date +%s%3N
}

# within MS: the last run took less than MS milliseconds (from T0), plus
# WITHIN_SLACK_MS for slow runs (tests/vg/run.sh: valgrind).
within() {
	local took=$(($(now_ms) - T0)) max=$(($1 + ${WITHIN_SLACK_MS:-0}))
	[ "$took" -lt "$max" ] || fail "took $took ms, more than $max"
}

# no_request: the server saw no request and no connection.
no_request() {
	assert_equal "$(server_requests)" 0
	assert_equal "$(server_conns)" 0
}

# has_header N NAME: request N to the last server carries header NAME.
has_header() {
	grep -qai "^$2:" "$(req_file "$1")"
}

# have_option OPT: the binary under test knows OPT.
have_option() {
	"$HTTPC" --help all 2>/dev/null | grep -q -- " $1"
}

# ------------------------------------------------------------ interim 1xx

@test "hostile: endless 100 Continue responses stop after 100: exit 8" {
	start_server - --max-send 50000000 <<'EOF'
request
repeat endless "HTTP/1.1 100 Continue\r\n\r\n"
EOF
	T0=$(now_ms)
	run_httpc -m 20 "$URL/"
	assert_exit 8
	within 10000
	[[ $stderr == *"1xx"* ]] || fail "stderr: $stderr"
	assert_output ''
}

@test "hostile: endless 103 Early Hints with fields: exit 8, bounded" {
	start_server - --max-send 50000000 <<'EOF'
request
repeat endless "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nLink: </b.js>; rel=preload\r\n\r\n"
EOF
	T0=$(now_ms)
	run_httpc -m 20 -i "$URL/"
	assert_exit 8
	within 10000
}

# ------------------------------------------------------------ header limits

@test "hostile: a 10 MB header line: exit 100, nothing written" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nX-Big: "
repeat 10240 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
send "\r\nContent-Length: 2\r\n\r\nhi"
EOF
	run_httpc -o out "$URL/"
	assert_exit 100 27
	[[ $stderr == *"longer than"* ]] || fail "stderr: $stderr"
	[ ! -e out ] || fail "a file was written"
}

@test "hostile: a 10 MB status line: exit 100" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 "
repeat 1048576 "OKOKOKOKOK"
send "\r\nContent-Length: 2\r\n\r\nhi"
EOF
	run_httpc "$URL/"
	assert_exit 100 8
	assert_output ''
}

@test "hostile: 100 000 header fields: exit 100 at 5000" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\n"
repeat 100000 "X-Flood: 1\r\n"
send "Content-Length: 2\r\n\r\nhi"
EOF
	run_httpc "$URL/"
	assert_exit 100 27
	[[ $stderr == *"5000 header fields"* ]] || fail "stderr: $stderr"
	assert_output ''
}

@test "hostile: 4000 fields of 100 bytes (400 KB): exit 100 at 300 KiB" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\n"
repeat 4000 "X-Flood: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
send "Content-Length: 2\r\n\r\nhi"
EOF
	run_httpc "$URL/"
	assert_exit 100 27
	[[ $stderr == *"300 KiB"* ]] || fail "stderr: $stderr"
}

@test "hostile: 4000 short fields are fine" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\n"
repeat 4000 "X-Ok: 1\r\n"
send "Content-Length: 2\r\n\r\nhi"
EOF
	run_httpc "$URL/"
	assert_success
	assert_output 'hi'
}

# ------------------------------------------------------------ chunked

# chunk_replies SIZE-LINE...: a server answering each request with a
# chunked body whose first size line is the next SIZE-LINE.
chunk_replies() {
	local c r=()
	for c; do
		r+=("HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n$c\\r\\nabcde\\r\\n0\\r\\n\\r\\n")
	done
	serve_replies "${r[@]}"
}

@test "hostile: chunk sizes that overflow 64 bits: exit 8" {
	local s sizes=(10000000000000000 FFFFFFFFFFFFFFFFF 8000000000000000
	    00000000000000000005 FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF)
	chunk_replies "${sizes[@]}"
	for s in "${sizes[@]}"; do
		run_httpc "$URL/"
		assert_exit 8 56
		assert_output ''
	done
}

@test "hostile: negative and garbage chunk sizes: exit 8" {
	local s sizes=(-1 -5 +5 0x5 zz '5 5' ' 5' '' '5\\x00' ';5')
	chunk_replies "${sizes[@]}"
	for s in "${sizes[@]}"; do
		run_httpc "$URL/"
		assert_exit 8 56
		assert_output ''
	done
}

@test "hostile: the largest chunk size is no allocation: exit 18 at FIN" {
	chunk_replies 7FFFFFFFFFFFFFFF
	run_httpc "$URL/"
	assert_exit 18
}

@test "hostile: a chunk-size line of endless extensions: exit 100" {
	start_server - --max-send 50000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5"
repeat endless ";ext=aaaaaaaaaaaaaaaa"
EOF
	T0=$(now_ms)
	run_httpc -m 20 "$URL/"
	assert_exit 100 28
	within 10000
}

@test "hostile: an endless trailer section: exit 100" {
	start_server - --max-send 50000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
repeat endless "X-Trailer: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
EOF
	T0=$(now_ms)
	run_httpc -m 20 "$URL/"
	assert_exit 100 28
	within 10000
}

@test "hostile: an endless chunked body under -m 1: exit 28 in time" {
	start_server - --max-send 20000000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig endless chunked 4096
EOF
	T0=$(now_ms)
	run_httpc -m 1 -o out "$URL/"
	assert_exit 28
	within 5000
}

@test "hostile: an endless chunked body under --max-filesize: exit 63" {
	have_option --max-filesize || skip "no --max-filesize yet (issue 5)"
	start_server - --max-send 20000000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig endless chunked 4096
EOF
	T0=$(now_ms)
	run_httpc -m 30 --max-filesize 100000 -o out "$URL/"
	assert_exit 63
	within 10000
	[ "$(wc -c <out)" -le 100000 ] || fail "wrote $(wc -c <out) bytes"
}

@test "hostile: an endless body until close under --max-filesize: exit 63" {
	have_option --max-filesize || skip "no --max-filesize yet (issue 5)"
	start_server - --max-send 20000000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\n\r\n"
sendbig endless
EOF
	run_httpc -m 30 --max-filesize 100000 -o out "$URL/"
	assert_exit 63
	[ "$(wc -c <out)" -le 100000 ] || fail "wrote $(wc -c <out) bytes"
}

@test "hostile: a gzip bomb under --compressed --max-filesize: exit 63" {
	have_option --compressed || skip "no --compressed yet (issue 5)"
	have_option --max-filesize || skip "no --max-filesize yet (issue 5)"
	# 100 MB of zeros in about 100 KB.
	"$PYTHON" -c 'import gzip, sys
d = gzip.compress(b"\0" * (100 << 20), 9)
sys.stdout.buffer.write(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
    b"Content-Length: %d\r\n\r\n" % len(d) + d)' >bomb.http
	start_server - <<EOF
request
send $BATS_TEST_TMPDIR/bomb.http
EOF
	T0=$(now_ms)
	run_httpc --compressed --max-filesize 1000000 -o out "$URL/"
	assert_exit 63
	within 10000
	[ "$(wc -c <out)" -le 1000000 ] || fail "wrote $(wc -c <out) bytes"
	# --remove-on-error leaves nothing of it.
	stop_server
	start_server - <<EOF
request
send $BATS_TEST_TMPDIR/bomb.http
EOF
	run_httpc --compressed --max-filesize 1000000 --remove-on-error \
	    -o out2 "$URL/"
	assert_exit 63
	[ ! -e out2 ] || fail "out2 was left"
}

# ------------------------------------------------------------ Content-Length

@test "hostile: Content-Length -1, +5, 0x5, empty, huge: exit 8" {
	local v vals=(-1 +5 0x5 '' 99999999999999999999 9223372036854775808
	    '5 5' 5a) r=()
	for v in "${vals[@]}"; do
		r+=("HTTP/1.1 200 OK\\r\\nContent-Length: $v\\r\\n\\r\\nhello")
	done
	serve_replies "${r[@]}"
	for v in "${vals[@]}"; do
		run_httpc "$URL/"
		assert_exit 8
		assert_output ''
	done
}

@test "hostile: Content-Length 2^63-1 and a FIN: exit 18, no allocation" {
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\nhello'
	run_httpc "$URL/"
	assert_exit 18
	assert_output 'hello'
}

@test "hostile: a huge Content-Length under --max-filesize: exit 63 at once" {
	have_option --max-filesize || skip "no --max-filesize yet (issue 5)"
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\nhello'
	run_httpc --max-filesize 1000 -o out "$URL/"
	assert_exit 63
}

@test "hostile: Content-Length repeated with the same value: fine" {
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello'
	run_httpc "$URL/"
	assert_success
	assert_output 'hello'
	stop_server
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello'
	run_httpc "$URL/"
	assert_success
	assert_output 'hello'
}

@test "hostile: conflicting Content-Lengths: exit 8, nothing written" {
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!'
	run_httpc "$URL/"
	assert_exit 8
	assert_output ''
	stop_server
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 6, 5\r\n\r\nhello!'
	run_httpc "$URL/"
	assert_exit 8
	assert_output ''
}

@test "hostile: Transfer-Encoding with Content-Length: chunked wins, no reuse" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
EOF
	run_httpc "$URL/a" "$URL/b"
	assert_success
	assert_output 'helloabc'
	# The second request went on a new connection.
	assert_equal "$(server_conns)" 2
}

@test "hostile: a transfer-coding other than chunked: exit 61" {
	reply 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'
	run_httpc "$URL/"
	assert_exit 61 0
}

# ------------------------------------------------------------ bytes in heads

@test "hostile: NUL, bare CR, bare LF inside header lines: exit 8" {
	local h heads=('X-A: a\0b' 'X-A\0: b' 'X-A: a\rb' 'X-A: a\rContent-Length: 1'
	    'X-A: a\nb' 'X A: b' ' X-A: b' 'X-A : b' ': b') r=()
	for h in "${heads[@]}"; do
		r+=("HTTP/1.1 200 OK\\r\\n$h\\r\\nContent-Length: 2\\r\\n\\r\\nhi")
	done
	serve_replies "${r[@]}"
	for h in "${heads[@]}"; do
		run_httpc -i "$URL/"
		assert_exit 8
		assert_output ''
	done
}

@test "hostile: NUL and CR in the status line: exit 8" {
	local l lines=('HTTP/1.1 200 O\0K' 'HTTP/1.1 200 O\rK' 'HTTP/1.1\0200 OK'
	    'HTTP/1.1 200\rOK') r=()
	for l in "${lines[@]}"; do
		r+=("$l\\r\\nContent-Length: 2\\r\\n\\r\\nhi")
	done
	serve_replies "${r[@]}"
	for l in "${lines[@]}"; do
		run_httpc "$URL/"
		assert_exit 8 1
		assert_output ''
	done
}

@test "hostile: LF alone as the line end is read (as curl does)" {
	reply 'HTTP/1.1 200 OK\nContent-Length: 2\nX-A: b\n\nhi'
	run_httpc "$URL/"
	assert_success
	assert_output 'hi'
}

@test "hostile: status codes 0, 99, 1000, 18 digits and others: exit 8" {
	local s codes=(0 99 1000 123456789012345678 000 099 20 2000 -200 +20 2x0
	    ' 200') r=()
	for s in "${codes[@]}"; do
		r+=("HTTP/1.1 $s OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi")
	done
	serve_replies "${r[@]}"
	for s in "${codes[@]}"; do
		run_httpc "$URL/"
		assert_exit 8 1
		assert_output ''
	done
}

# ------------------------------------------------------------ redirects

# redirect_to LOCATION: a 302 to LOCATION, then ok.http for the next.
redirect_to() {
	start_server - "${@:2}" <<EOF
request
send "HTTP/1.1 302 Found\\r\\nLocation: $1\\r\\nContent-Length: 0\\r\\n\\r\\n"
request
send ../fixtures/ok.http
EOF
}

@test "hostile: a Location to file:// is refused: exit 1, nothing read" {
	local l i=0 locs=(file:///etc/passwd file:/etc/passwd FILE:///etc/passwd
	    'file://localhost/etc/passwd') r=()
	for l in "${locs[@]}"; do
		r+=("HTTP/1.1 302 Found\\r\\nLocation: $l\\r\\nContent-Length: 0\\r\\n\\r\\n")
	done
	serve_replies "${r[@]}"
	for l in "${locs[@]}"; do
		run_httpc -L -o out "$URL/"
		assert_exit 1
		i=$((i + 1))
		assert_equal "$(server_requests)" "$i"
		[ ! -s out ] || fail "out holds $(cat out)"
		rm -f out
	done
}

# The second hop goes to other.test, mapped to the same server by
# --resolve: another host for the credentials rule.
@test "hostile: redirect to another host: -u, -H Authorization, -H Cookie, -b dropped" {
	local p
	p=$(free_port)
	redirect_to "http://other.test:$p/b" --port "$p"
	run_httpc -L -u alice:secret -H 'Authorization: Bearer t0k' \
	    -H 'Cookie: s=1' -b 'c=2' -H 'X-Keep: 1' \
	    --resolve "other.test:$p:127.0.0.1" "http://127.0.0.1:$p/a"
	assert_success
	has_header 1 Authorization || fail "hop 1 lacks Authorization"
	has_header 1 Cookie || fail "hop 1 lacks Cookie"
	grep -qa "^Host: other.test:$p" "$(req_file 2)" || fail "not other.test"
	! has_header 2 Authorization || fail "Authorization sent to other.test"
	! has_header 2 Cookie || fail "Cookie sent to other.test"
	has_header 2 X-Keep || fail "X-Keep dropped"
	! grep -qa 'secret\|t0k\|s=1\|c=2' "$(req_file 2)" ||
	    fail "a credential reached other.test"
}

@test "hostile: redirect to another host: netrc credentials dropped" {
	local p
	p=$(free_port)
	printf 'machine 127.0.0.1 login alice password secret\n' >netrc
	redirect_to "http://other.test:$p/b" --port "$p"
	run_httpc -L --netrc-file netrc \
	    --resolve "other.test:$p:127.0.0.1" "http://127.0.0.1:$p/a"
	assert_success
	has_header 1 Authorization || fail "netrc not used on hop 1"
	! has_header 2 Authorization || fail "netrc credentials sent to other.test"
}

@test "hostile: redirect to another port of the same host: credentials dropped" {
	start_server ok
	local bport=$PORT blog=$SERVER_LOG
	redirect_to "http://127.0.0.1:$bport/b"
	printf 'machine 127.0.0.1 login alice password secret\n' >netrc
	run_httpc -L -u alice:secret -H 'Authorization: Bearer t0k' \
	    -H 'Cookie: s=1' -b 'c=2' "$URL/a"
	assert_success
	has_header 1 Authorization || fail "hop 1 lacks Authorization"
	SERVER_LOG=$blog
	! has_header 1 Authorization || fail "Authorization sent to port $bport"
	! has_header 1 Cookie || fail "Cookie sent to port $bport"
}

# start_tls_logger REPLY: a TLS server on 127.0.0.1 (self-signed, -k)
# that logs each request head to tls.log and answers REPLY (printf %b).
start_tls_logger() {
	command -v openssl >/dev/null || skip "openssl not installed"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout tls.key -out tls.pem -days 2 -subj /CN=127.0.0.1 \
	    -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 ||
	    skip "openssl cannot make a certificate"
	printf '%b' "$1" >tls.reply
	cat >tls_logger.py <<'PY'
import os, socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain("tls.pem", "tls.key")
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(8)
ls.settimeout(60)
with open("tls.port.tmp", "w") as f:
    f.write(str(ls.getsockname()[1]))
os.rename("tls.port.tmp", "tls.port")
reply = open("tls.reply", "rb").read()
while True:
    c, _ = ls.accept()
    try:
        s = ctx.wrap_socket(c, server_side=True)
        data = b""
        while b"\r\n\r\n" not in data:
            d = s.recv(65536)
            if not d:
                break
            data += d
        with open("tls.log", "ab") as f:
            f.write(data)
        s.sendall(reply)
        s.close()
    except (OSError, ssl.SSLError):
        c.close()
PY
	"$PYTHON" tls_logger.py >tls_logger.out 2>&1 3>&- &
	TLS_LOGGER_PID=$!
	local i
	for ((i = 0; i < 100; i++)); do
		[ -s tls.port ] && break
		sleep 0.05
	done
	[ -s tls.port ] || fail "the TLS server did not start"
	TLS_PORT=$(cat tls.port)
}

@test "hostile: redirect from http to https on the same host: credentials dropped" {
	start_tls_logger 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n'
	redirect_to "https://127.0.0.1:$TLS_PORT/b"
	printf 'machine 127.0.0.1 login alice password secret\n' >netrc
	run_httpc -k -L -u alice:secret -H 'Authorization: Bearer t0k' \
	    -H 'Cookie: s=1' -b 'c=2' "$URL/a"
	assert_success
	assert_output 'ok'
	has_header 1 Authorization || fail "hop 1 lacks Authorization"
	grep -qa '^GET /b ' tls.log || fail "no request over TLS: $(cat tls.log)"
	! grep -qai '^Authorization:\|^Cookie:' tls.log ||
	    fail "credentials went to https: $(cat tls.log)"
	stop_server
	redirect_to "https://127.0.0.1:$TLS_PORT/b"
	run_httpc -k -L --netrc-file netrc "$URL/a"
	assert_success
	has_header 1 Authorization || fail "netrc not used on hop 1"
	! grep -qai '^Authorization:' tls.log || fail "netrc went to https"
}

@test "hostile: redirect from https to http on the same host: credentials dropped" {
	start_server ok
	start_tls_logger "HTTP/1.1 302 Found\\r\\nLocation: http://127.0.0.1:$PORT/b\\r\\nContent-Length: 0\\r\\n\\r\\n"
	run_httpc -k -L -u alice:secret -H 'Cookie: s=1' "https://127.0.0.1:$TLS_PORT/a"
	assert_success
	grep -qai '^Authorization:' tls.log || fail "no Authorization over TLS"
	! has_header 1 Authorization || fail "Authorization sent over plain http"
	! has_header 1 Cookie || fail "Cookie sent over plain http"
}

@test "hostile: a Location with 8-bit bytes: sent percent-encoded, shown as ASCII" {
	redirect_to '/a\xc2\x9b31m\x9bb?\xe2\x80\xae'
	run_httpc -v -L "$URL/"
	assert_success
	assert_equal "$(head -n 1 "$(req_file 2)" | tr -d '\r')" \
	    'GET /a%c2%9b31m%9bb?%e2%80%ae HTTP/1.1'
	# -v showed the Location escaped and the URL it followed encoded.
	! LC_ALL=C grep -q $'[\x80-\xff]' "$STDERR_FILE" ||
	    fail "a raw 8-bit byte in -v: $(grep -a Issue "$STDERR_FILE" | od -c)"
	# A host name with C1 controls: shown escaped wherever -v names it.
	stop_server
	redirect_to 'http://a\xc2\x9b31mb.example:1/'
	run_httpc -v -L --resolve $'a\xc2\x9b31mb.example:1:127.0.0.1' "$URL/"
	assert_exit 7
	grep -qa 'a\\302\\23331mb.example' "$STDERR_FILE" ||
	    fail "the host is not named escaped: $(cat -v "$STDERR_FILE")"
	! LC_ALL=C grep -q $'[\x80-\xff]' "$STDERR_FILE" ||
	    fail "a raw 8-bit byte in -v: $(cat -v "$STDERR_FILE")"
}

@test "hostile: a redirect loop: exit 47 after --max-redirs (default 50)" {
	local i
	for ((i = 0; i < 60; i++)); do
		printf 'request\nsend "HTTP/1.1 302 Found\\r\\nLocation: /loop\\r\\nContent-Length: 0\\r\\n\\r\\n"\n'
	done >loop.script
	start_server "$BATS_TEST_TMPDIR/loop.script"
	T0=$(now_ms)
	run_httpc -L "$URL/"
	assert_exit 47
	assert_equal "$(server_requests)" 51
	within 10000
	stop_server
	start_server "$BATS_TEST_TMPDIR/loop.script"
	run_httpc -L --max-redirs 3 "$URL/"
	assert_exit 47
	assert_equal "$(server_requests)" 4
}

# ------------------------------------------------------------ cookies

@test "hostile: Set-Cookie for another domain or a public suffix: not kept, not sent" {
	local p
	p=$(free_port)
	start_server - --port "$p" <<'EOF'
request
send "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Domain=evil.example\r\nSet-Cookie: b=2; Domain=co.uk\r\nSet-Cookie: c=3; Domain=.co.uk\r\nSet-Cookie: d=4; Domain=uk\r\nSet-Cookie: e=5; Domain=github.io\r\nSet-Cookie: f=6; Domain=www.shop.co.uk\r\nSet-Cookie: g=7; Domain=127.0.0.2\r\nSet-Cookie: ok=1\r\nContent-Length: 2\r\n\r\nhi"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
EOF
	run_httpc -c jar --resolve "shop.co.uk:$p:127.0.0.1" \
	    "http://shop.co.uk:$p/a" "http://shop.co.uk:$p/b"
	assert_success
	grep -qa $'\tok\t1$' jar || fail "ok=1 not kept: $(cat jar)"
	! grep -qa $'\t[a-g]\t[0-9]$' jar || fail "a hostile cookie was kept: $(cat jar)"
	grep -qa '^Cookie: ok=1' "$(req_file 2)" || fail "ok=1 not sent"
	! grep -qa '^Cookie:.*[a-g]=' "$(req_file 2)" ||
	    fail "a hostile cookie was sent: $(grep -a Cookie "$(req_file 2)")"
	# A second run reading the jar sends nothing hostile either.
	stop_server
	start_server ok --port "$p"
	run_httpc -b jar --resolve "shop.co.uk:$p:127.0.0.1" "http://shop.co.uk:$p/c"
	assert_success
	grep -qa '^Cookie: ok=1' "$(req_file 1)" || fail "ok=1 not sent from the jar"
}

@test "hostile: a cookie for the server's own domain does not follow a redirect elsewhere" {
	local p
	p=$(free_port)
	sed "s/PORT/$p/" >cross.script <<'EOF'
request
send "HTTP/1.1 302 Found\r\nSet-Cookie: sid=s3cret; Domain=a.example\r\nLocation: http://b.example:PORT/b\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
EOF
	start_server "$BATS_TEST_TMPDIR/cross.script" --port "$p"
	run_httpc -L -c jar --resolve "a.example:$p:127.0.0.1" \
	    --resolve "b.example:$p:127.0.0.1" "http://a.example:$p/a"
	assert_success
	grep -qa 's3cret' jar || fail "a.example's own cookie was not kept"
	! has_header 2 Cookie || fail "a.example's cookie went to b.example"
}

@test "hostile: a flood of Set-Cookie: at most 180 kept for the host, none too big" {
	local i
	{
		printf 'request\nsend "HTTP/1.1 200 OK\\r\\n"\n'
		for ((i = 0; i < 4000; i++)); do
			printf 'send "Set-Cookie: c%d=v\\r\\n"\n' "$i"
		done
		printf 'send "Set-Cookie: big=%05000d\\r\\n"\n' 0
		printf 'send "Content-Length: 2\\r\\n\\r\\nhi"\n'
		printf 'request\nsend "HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi"\n'
	} >flood.script
	start_server "$BATS_TEST_TMPDIR/flood.script"
	run_httpc -c jar "$URL/a" "$URL/b"
	assert_success
	[ "$(grep -c $'\tc[0-9]*\tv$' jar)" -le 180 ] ||
	    fail "$(grep -c $'\tc[0-9]' jar) cookies kept"
	! grep -q $'\tbig\t' jar || fail "a 5000-byte cookie was kept"
	# What goes back is bounded too (curl: 150 cookies, 8190 bytes).
	[ "$(grep -a '^Cookie:' "$(req_file 2)" | wc -c)" -le 8200 ] ||
	    fail "a Cookie header of $(grep -a '^Cookie:' "$(req_file 2)" | wc -c) bytes"
}

# ------------------------------------------------------------ slow and broken

@test "hostile: a server trickling a byte every 0.3 s (slowloris) under -m 1: exit 28" {
	start_server - <<'EOF'
request
trickle 1 0.3 "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
EOF
	T0=$(now_ms)
	run_httpc -m 1 "$URL/"
	assert_exit 28
	within 4000
}

@test "hostile: a body trickling forever under -m 1: exit 28" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"
trickle 10 0.2 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
EOF
	T0=$(now_ms)
	run_httpc -m 1 -o out "$URL/"
	assert_exit 28
	within 4000
}

@test "hostile: a server that never answers the TLS handshake, under -m 1: exit 28" {
	# Accepts, reads, never writes: the ClientHello goes unanswered.
	cat >silent.py <<'PY'
import os, socket, time
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(4)
with open("silent.port.tmp", "w") as f:
    f.write(str(ls.getsockname()[1]))
os.rename("silent.port.tmp", "silent.port")
conns = []
ls.settimeout(30)
while True:
    c, _ = ls.accept()
    conns.append(c)
PY
	"$PYTHON" silent.py >/dev/null 2>&1 3>&- &
	TLS_LOGGER_PID=$!
	local i
	for ((i = 0; i < 100; i++)); do
		[ -s silent.port ] && break
		sleep 0.05
	done
	T0=$(now_ms)
	run_httpc -k -m 1 "https://127.0.0.1:$(cat silent.port)/"
	assert_exit 28
	within 4000
	T0=$(now_ms)
	run_httpc -k --connect-timeout 1 "https://127.0.0.1:$(cat silent.port)/"
	assert_exit 28
	within 4000
}

@test "hostile: a reset in the middle of the body: exit 56, --remove-on-error removes the file" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial data"
pause 0.2
reset
EOF
	run_httpc -o out "$URL/"
	assert_exit 56
	assert_file_bytes out 'partial data'
	stop_server
	rm -f out
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial data"
pause 0.2
reset
EOF
	run_httpc --remove-on-error -o out "$URL/"
	assert_exit 56
	[ ! -e out ] || fail "the partial file was left"
}

@test "hostile: a FIN in the middle of the body: exit 18, --remove-on-error removes the file" {
	reply 'HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial data'
	run_httpc --remove-on-error -o out "$URL/"
	assert_exit 18
	[ ! -e out ] || fail "the partial file was left"
}

@test "hostile: a huge Retry-After is bounded by --retry-max-time, not slept" {
	reply 'HTTP/1.1 503 Busy\r\nRetry-After: 99999999999999999999\r\nContent-Length: 0\r\n\r\n'
	T0=$(now_ms)
	run_httpc --retry 1 --retry-max-time 5 "$URL/"
	assert_success
	within 4000
	[[ $stderr == *"exceed the maximum"* ]] || fail "stderr: $stderr"
}

# ------------------------------------------------------------ smuggling

@test "hostile: CR or LF in -H (name or value): exit 43, nothing sent" {
	local h
	start_server ok
	for h in $'X-A: a\r\nEvil: 1' $'X-A: a\nEvil: 1' $'X-A: a\rEvil: 1' \
	    $'X-A\r\nEvil: 1: v' $'X-A: a\r\n\r\nGET /smuggled HTTP/1.1'; do
		run_httpc -H "$h" "$URL/"
		assert_exit 43
		no_request
	done
}

@test "hostile: a NUL in a header read from -H @file: exit 43, nothing sent" {
	start_server ok
	printf 'X-A: a\0Evil: 1\n' >headers
	run_httpc -H @headers "$URL/"
	assert_exit 43 0
	no_request
}

@test "hostile: CR or LF in -A, -e, --oauth2-bearer, -r: exit 43, nothing sent" {
	local opt
	start_server ok
	for opt in -A -e --oauth2-bearer -r; do
		run_httpc "$opt" $'v\r\nEvil: 1' "$URL/"
		assert_exit 43
		no_request
		run_httpc "$opt" $'v\nEvil: 1' "$URL/"
		assert_exit 43
		no_request
	done
}

@test "hostile: CR, LF or a space in the URL: exit 3, nothing sent" {
	local u
	start_server ok
	for u in $'/a\r\nEvil: 1' $'/a\nEvil: 1' $'/a HTTP/1.1\r\nX: y' \
	    '/a b' $'/a\tb'; do
		run_httpc "$URL$u"
		assert_exit 3
		no_request
	done
	run_httpc $'http://127.0.0.1\r\nEvil: 1/'
	assert_exit 3
}

@test "hostile: CR and LF percent-encoded in the URL go as they are" {
	start_server ok
	run_httpc "$URL/a%0d%0aEvil:%201"
	assert_success
	assert_equal "$(head -n 1 "$(req_file 1)" | tr -d '\r')" \
	    'GET /a%0d%0aEvil:%201 HTTP/1.1'
	! has_header 1 Evil || fail "a header was smuggled"
}

@test "hostile: CR, LF or a space in the method (-X): exit 43, nothing sent" {
	local m
	start_server ok
	for m in $'GET / HTTP/1.1\r\nEvil: 1\r\n\r\nGET' $'GET\r\n' $'G\nET' \
	    'GET /x' 'GE:T'; do
		run_httpc -X "$m" "$URL/"
		assert_exit 43
		no_request
	done
}

@test "hostile: CR or LF in a -b cookie: exit 43, nothing sent" {
	local c
	start_server ok
	for c in $'a=b\r\nEvil: 1' $'a=b\nEvil: 1' $'a=b\r'; do
		run_httpc -b "$c" "$URL/"
		assert_exit 43
		no_request
	done
}

# ------------------------------------------------------------ -J

# reply_cd VALUE...: a server answering each request with the next
# Content-Disposition VALUE (escaped here for the quoted string).
reply_cd() {
	local v r=()
	for v; do
		v=$(printf '%s' "$v" | sed 's/\\/\\\\/g; s/"/\\"/g')
		r+=("HTTP/1.1 200 OK\\r\\nContent-Disposition: $v\\r\\nContent-Length: 5\\r\\n\\r\\nevil\\n")
	done
	serve_replies "${r[@]}"
}

@test "hostile: -J with ../ and absolute paths never writes outside the directory" {
	local cd cds=('attachment; filename="../../evil.txt"'
	    'attachment; filename=../../evil.txt'
	    "attachment; filename=\"$BATS_TEST_TMPDIR/top/evil.txt\""
	    'attachment; filename="..\..\evil.txt"'
	    'attachment; filename="/etc/../../evil.txt"'
	    "attachment; filename='../evil.txt'")
	mkdir -p top/mid/dl
	reply_cd "${cds[@]}"
	for cd in "${cds[@]}"; do
		(cd top/mid/dl && run_httpc -OJ "$URL/name.bin" &&
		    echo "$status" >../../../st)
		assert_equal "$(cat st)" 0
		[ ! -e top/evil.txt ] && [ ! -e top/mid/evil.txt ] &&
		    [ ! -e evil.txt ] || fail "wrote outside dl for: $cd"
		[ -f top/mid/dl/evil.txt ] || fail "no dl/evil.txt for: $cd"
		rm -f top/mid/dl/evil.txt
	done
}

@test "hostile: -J with '..', '.', '/', empty or a backslash: the URL's name" {
	local cd cds=('attachment; filename=".."' 'attachment; filename="."'
	    'attachment; filename="/"' 'attachment; filename=""'
	    'attachment; filename="a/"' 'attachment; filename="\\"')
	mkdir dl
	reply_cd "${cds[@]}"
	for cd in "${cds[@]}"; do
		(cd dl && run_httpc -OJ "$URL/name.bin" && echo "$status" >../st)
		assert_equal "$(cat st)" 0
		assert_equal "$(ls -A dl)" name.bin
		rm -f dl/name.bin
	done
}

@test "hostile: -J never replaces an existing file" {
	mkdir dl
	printf 'mine\n' >dl/precious.txt
	reply_cd 'attachment; filename="precious.txt"'
	(cd dl && run_httpc -OJ "$URL/name.bin" && echo "$status" >../st)
	assert_equal "$(cat st)" 23
	assert_file_bytes dl/precious.txt 'mine\n'
}

# ------------------------------------------------------------ terminals

# on_tty ARGS...: run $HTTPC ARGS with stdout and stderr on a terminal
# (script(1) makes a pty); everything it wrote goes to tty.out.
on_tty() {
	command -v script >/dev/null || skip "script(1) not installed"
	{
		printf 'exec'
		printf ' %q' "$HTTPC" "$@"
		printf '\n'
	} >tty.sh
	status=0
	timeout 30 script -qfec "bash $BATS_TEST_TMPDIR/tty.sh" /dev/null \
	    >tty.out 2>&1 </dev/null || status=$?
}

@test "hostile: escape sequences in headers are shown escaped under -v on a terminal" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nX-Title: \x1b]0;owned\x07\r\nX-Clear: \x1b[2J\x1b[H\r\nX-Back: abc\x08\x08\x08xyz\r\nX-C1: \xc2\x9b31m\x9b32m\r\nX-Bidi: \xe2\x80\xaetxt.exe\r\nContent-Length: 2\r\n\r\nhi"
EOF
	on_tty -v "$URL/"
	# ESC, BEL and BS are control bytes: the reply is refused (exit 8),
	# after -v has shown the line, escaped.
	assert_equal "$status" 8
	! LC_ALL=C grep -q $'[\x1b\x07\x08\x9b]' tty.out ||
	    fail "a raw control byte reached the terminal: $(od -c tty.out | head -20)"
	grep -q '\\033\]0;owned\\a' tty.out || fail "not shown escaped: $(cat -v tty.out)"
}

@test "hostile: 8-bit bytes in header values (obs-text) are shown escaped under -v" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nX-C1: \xc2\x9b31m\x9b32m\r\nX-Bidi: \xe2\x80\xaetxt.exe\r\nContent-Length: 2\r\n\r\nhi"
EOF
	on_tty -v "$URL/"
	assert_equal "$status" 0
	! LC_ALL=C grep -q $'[\x80-\xff]' tty.out ||
	    fail "a raw 8-bit byte reached the terminal: $(od -c tty.out | head -20)"
	grep -q 'X-C1: \\302\\23331m\\23332m' tty.out ||
	    fail "not shown escaped: $(cat -v tty.out)"
}

@test "hostile: a bare CR in a header cannot rewrite the line above under -v" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nX-Evil: fake\rLocation: https://good.example/\r\nContent-Length: 2\r\n\r\nhi"
EOF
	run_httpc -v "$URL/"
	assert_exit 8
	grep -qa '^< X-Evil: fake\\rLocation' "$STDERR_FILE" ||
	    fail "the CR was not escaped: $(od -c "$STDERR_FILE" | tail -20)"
}

# ------------------------------------------------------------ writing

@test "hostile: a full disk: exit 23, no crash; --remove-on-error cleans up" {
	[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root"
	mkdir full
	mount -t tmpfs -o size=1m tmpfs full 2>/dev/null ||
	    skip "cannot mount a tmpfs here"
	MOUNTED=$BATS_TEST_TMPDIR/full
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n"
sendbig 5000000
request
send "HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n"
sendbig 5000000
EOF
	run_httpc -o full/out "$URL/"
	assert_exit 23
	[[ $stderr == *"No space left"* ]] || fail "stderr: $stderr"
	rm -f full/out
	run_httpc --remove-on-error -o full/out "$URL/"
	assert_exit 23
	[ ! -e full/out ] || fail "the partial file was left"
}

@test "hostile: a closed pipe: exit 23 as curl, no crash" {
	start_server - --max-send 100000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig endless chunked 8192
EOF
	run bash -c "'$HTTPC' -m 20 '$URL/' 2>'$BATS_TEST_TMPDIR/err' | head -c 10 >/dev/null; echo \${PIPESTATUS[0]}"
	assert_output 23
	grep -q '(23)' err || fail "no message: $(cat err)"
	stop_server
	start_server - --max-send 100000000 <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig endless chunked 8192
EOF
	# -s: quiet, the status stays.
	run bash -c "'$HTTPC' -s -m 20 '$URL/' 2>'$BATS_TEST_TMPDIR/err' | head -c 10 >/dev/null; echo \${PIPESTATUS[0]}"
	assert_output 23
	[ ! -s err ] || fail "-s printed: $(cat err)"
}
