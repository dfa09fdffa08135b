#!/usr/bin/env bats
# cli_transfer.bats -- the transfer loop: -m, -Y/-y, --retry and its
# friends (and the resuming retry curl does not do), -C, --compressed,
# --max-filesize, --limit-rate, the progress meter and -# bar through a
# pseudo-terminal, and config files (-K, ~/.httpcrc, -q).
#
# Timing: only upper bounds for timeouts ("fires within its bound") and
# one lower bound for --limit-rate, which a slow machine cannot break.

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	common_teardown
}

# mkscript NAME: a server script from stdin, saved in the test's
# directory; prints its path (for start_server and curl_compare, which
# starts a server twice).
mkscript() {
	cat >"$BATS_TEST_TMPDIR/$1.script"
	echo "$BATS_TEST_TMPDIR/$1.script"
}

# elapsed CMD...: runs CMD (run_httpc ...), sets SECS to the seconds it
# took, rounded down.
elapsed() {
	local t0=$SECONDS
	"$@"
	SECS=$((SECONDS - t0))
}

# body N FILE: the first N bytes of the server's pattern (sendbig).
body() {
	httpd --generate "$1" >"$2"
}

# pyfile FILE CODE: FILE gets the bytes the python expression CODE makes
# (zlib and gzip imported), for compressed replies made at test time.
pyfile() {
	"$PYTHON" -c "import gzip, sys, zlib
sys.stdout.buffer.write($2)" >"$1"
}

# reply FILE HEADERS BODYFILE: an HTTP/1.1 200 reply with HEADERS (lines
# ending in \r\n) and Content-Length, in FILE.
reply() {
	{
		printf 'HTTP/1.1 200 OK\r\n%bContent-Length: %d\r\n\r\n' "$2" \
		    "$(wc -c <"$3")"
		cat "$3"
	} >"$1"
}

# run_pty ARGS...: httpc with stdin, stdout and stderr on a pseudo-
# terminal, as in a user's shell; the terminal's bytes go to
# $BATS_TEST_TMPDIR/pty, the exit code to $status.
run_pty() {
	status=0
	"$PYTHON" - "$BATS_TEST_TMPDIR/pty" "$HTTPC" -q "$@" <<'EOF' ||
import os, pty, select, subprocess, sys, time
m, s = pty.openpty()
p = subprocess.Popen(sys.argv[2:], stdin=s, stdout=s, stderr=s)
os.close(s)
data = b""
end = time.time() + 60
while time.time() < end:
    r, _, _ = select.select([m], [], [], 0.5)
    if r:
        try:
            d = os.read(m, 65536)
        except OSError:
            break
        if not d:
            break
        data += d
    elif p.poll() is not None:
        break
if p.poll() is None:
    p.kill()
rc = p.wait()
open(sys.argv[1], "wb").write(data)
sys.exit(rc)
EOF
	    status=$?
}

# ------------------------------------------------------------ -m

@test "-m: a server that never answers; exit 28 within its bound" {
	start_server - <<'EOF'
request
pause 20
EOF
	elapsed run_httpc -m 1 "$URL/"
	assert_exit 28
	[[ $stderr == "httpc: (28) Operation timed out after "*" milliseconds with 0 bytes received" ]]
	[ "$SECS" -lt 10 ]
	[ "$(server_requests)" = 1 ]
}

@test "-m: a body that stops; says how much came; curl agrees on 28" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234"
pause 20
EOF
	elapsed run_httpc -m 0.5 -o out "$URL/"
	assert_exit 28
	[[ $stderr == "httpc: (28) Operation timed out after "*" milliseconds with 5 out of 10 bytes received" ]]
	[ "$SECS" -lt 10 ]
	assert_file_bytes out '01234'
	have_curl || skip "curl not installed: no comparison"
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234"
pause 20
EOF
	run_curl -m 0.5 -o out2 "$URL/"
	assert_exit 28
}

@test "-m: bad values are refused; 0 means no limit" {
	run_httpc -m abc http://127.0.0.1:1/
	assert_exit 2
	run_httpc -m -1 http://127.0.0.1:1/
	assert_exit 2
	start_server ok
	run_httpc -m 0 "$URL/"
	assert_exit 0
}

@test "-m: each retry gets the whole time again, as curl" {
	start_server - <<'EOF'
request
pause 20
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
EOF
	run_httpc -m 1 --retry 1 --retry-delay 0.1 "$URL/"
	assert_exit 0
	assert_stdout 'ok\n'
	[[ $stderr == *"Warning: Problem : timeout. Will retry in 0 seconds. 1 retries left."* ]]
	[ "$(server_requests)" = 2 ]
}

# ------------------------------------------------------------ -Y / -y

@test "-Y/-y: a trickle under the limit; exit 28, curl's words" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
trickle 10 1 "0123456789012345678901234567890123456789"
EOF
	elapsed run_httpc -Y 1000 -y 2 -o out "$URL/"
	assert_exit 28
	assert_equal "$stderr" "httpc: (28) Operation too slow. Less than 1000 bytes/sec transferred the last 2 seconds"
	[ "$SECS" -lt 10 ]
	have_curl || skip "curl not installed: no comparison"
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
trickle 10 1 "0123456789012345678901234567890123456789"
EOF
	run_curl -Y 1000 -y 2 -o out "$URL/"
	assert_exit 28
	assert_equal "$stderr" "curl: (28) Operation too slow. Less than 1000 bytes/sec transferred the last 2 seconds"
}

@test "-Y/-y: a burst, then nothing at all; the stall trips it" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"
sendbig 300000
pause 30
EOF
	elapsed run_httpc -Y 1000 -y 1 -o out "$URL/"
	assert_exit 28
	[[ $stderr == *"Operation too slow. Less than 1000 bytes/sec transferred the last 1 seconds"* ]]
	[ "$SECS" -lt 10 ]
	[ "$(wc -c <out)" -eq 300000 ]
}

@test "-y alone: a server that never answers trips it (limit 1 B/s)" {
	start_server - <<'EOF'
request
pause 30
EOF
	elapsed run_httpc -y 1 "$URL/"
	assert_exit 28
	[[ $stderr == *"Less than 1 bytes/sec transferred the last 1 seconds"* ]]
	[ "$SECS" -lt 10 ]
}

@test "-Y/-y: a transfer fast enough is left alone; -m still counts" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n"
sendbig 2000000
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"
pause 20
EOF
	run_httpc -Y 1000 -y 1 -o out "$URL/"
	assert_exit 0
	body 2000000 want
	assert_same_file want out
	elapsed run_httpc -Y 1 -y 30 -m 1 "$URL/"
	assert_exit 28
	[[ $stderr == *"Operation timed out after"* ]]
	[ "$SECS" -lt 10 ]
}

@test "-Y/-y: bad values are refused" {
	run_httpc -Y 1.5 http://127.0.0.1:1/
	assert_exit 2
	run_httpc -y x http://127.0.0.1:1/
	assert_exit 2
	run_httpc --speed-time -3 http://127.0.0.1:1/
	assert_exit 2
}

# ------------------------------------------------------------ --retry

@test "--retry: two 503s then the file; three requests, curl's warnings" {
	start_server - <<'EOF'
request
send "HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy"
request
send "HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
EOF
	run_httpc --retry 3 --retry-delay 1 -o out "$URL/"
	assert_exit 0
	assert_file_bytes out 'ok\n'
	[ "$(server_requests)" = 3 ]
	assert_equal "$stderr" "Warning: Problem : HTTP error. Will retry in 1 seconds. 3 retries left.
Throwing away 4 bytes
Warning: Problem : HTTP error. Will retry in 1 seconds. 2 retries left.
Throwing away 4 bytes"
	mkscript cmp1 >/dev/null <<'EOF'
request
send "HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy"
request
send "HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp1.script" --retry 3 --retry-delay 1 -o '{DIR}/out' '{URL}/'
}

@test "--retry: the wait doubles from 1 s; retries run out: the last answer" {
	start_server - <<'EOF'
request
send "HTTP/1.1 500 Oops\r\nContent-Length: 5\r\n\r\noops1"
request
send "HTTP/1.1 502 Bad\r\nContent-Length: 5\r\n\r\noops2"
request
send "HTTP/1.1 504 Late\r\nContent-Length: 5\r\n\r\noops3"
EOF
	run_httpc -f --retry 2 "$URL/"
	assert_exit 22
	[ "$(server_requests)" = 3 ]
	[[ $stderr == *"Will retry in 1 seconds. 2 retries left."*"Will retry in 2 seconds. 1 retries left."*"returned error: 504" ]]
}

@test "--retry: Retry-After is honoured; 404 is not retried" {
	start_server - <<'EOF'
request
send "HTTP/1.1 429 Slow down\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
EOF
	run_httpc --retry 5 --retry-delay 3 -w '%{num_retries} %{http_code}' "$URL/"
	assert_exit 0
	[ "$(server_requests)" = 2 ]
	assert_equal "$stderr" "Warning: Problem : HTTP error. Will retry in 1 seconds. 5 retries left."
	assert_output "1 404"
}

@test "--retry-max-time: a Retry-After past it ends the retries" {
	start_server - <<'EOF'
request
send "HTTP/1.1 503 Busy\r\nRetry-After: 100\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
EOF
	elapsed run_httpc --retry 3 --retry-max-time 5 "$URL/"
	assert_exit 0
	[ "$(server_requests)" = 1 ]
	[[ $stderr == *"The Retry-After: time would make this command line"* ]]
	[ "$SECS" -lt 10 ]
}

@test "--retry-connrefused: a closed port is retried; without it, not" {
	local port
	port=$(free_port)
	run_httpc --retry 1 --retry-delay 0.1 "http://127.0.0.1:$port/"
	assert_exit 7
	[[ $stderr != *Warning* ]]
	run_httpc --retry 1 --retry-connrefused --retry-delay 0.1 \
	    "http://127.0.0.1:$port/"
	assert_exit 7
	# curl's wrapping: its text ends in a newline that counts
	[[ $stderr == *"Warning: Problem : connection refused. Will retry in 0 seconds. 1 retries "$'\n'"Warning: left."* ]]
}

@test "--retry-all-errors: a cut download to stdout starts over, as curl" {
	mkscript cmp2 >/dev/null <<'EOF'
request
send "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 10\r\n\r\n01234"
close
request
send "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 10\r\n\r\n0123456789"
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp2.script" --retry 1 --retry-all-errors --retry-delay 1 '{URL}/'
	assert_exit 0
	assert_stdout '012340123456789'
}

@test "--retry: bad values are refused" {
	run_httpc --retry x http://127.0.0.1:1/
	assert_exit 2
	run_httpc --retry-delay 1x http://127.0.0.1:1/
	assert_exit 2
	run_httpc --retry-max-time abc http://127.0.0.1:1/
	assert_exit 2
}

# ------------------------------------------------------------ resuming retries

@test "retry resume: cut half-way, then a 206; bytes identical, If-Range sent" {
	# 131042 is twice the pattern's block: the second half is sendbig too
	body 262084 want
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nETag: \"abc\"\r\nContent-Length: 262084\r\n\r\n"
sendbig 131042
close
request
send "HTTP/1.1 206 Partial Content\r\nETag: \"abc\"\r\nContent-Range: bytes 131042-262083/262084\r\nContent-Length: 131042\r\n\r\n"
sendbig 131042
EOF
	run_httpc --retry 2 --retry-all-errors --retry-delay 0.1 -o out "$URL/"
	assert_exit 0
	assert_same_file want out
	[ "$(server_requests)" = 2 ]
	grep -q $'^Range: bytes=131042-\r$' "$(req_file 2)"
	grep -q $'^If-Range: "abc"\r$' "$(req_file 2)"
	[[ $stderr != *"Throwing away"* ]]
}

@test "retry resume: a stall caught by -y is a timeout, retried and resumed" {
	body 262084 want
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nLast-Modified: Wed, 21 Oct 2015 07:28:00 GMT\r\nContent-Length: 262084\r\n\r\n"
sendbig 131042
pause 30
request
send "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 131042-262083/262084\r\nContent-Length: 131042\r\n\r\n"
sendbig 131042
EOF
	elapsed run_httpc -y 1 -Y 1000 --retry 1 --retry-delay 0.1 -o out "$URL/"
	assert_exit 0
	assert_same_file want out
	grep -q $'^If-Range: Wed, 21 Oct 2015 07:28:00 GMT\r$' "$(req_file 2)"
	[ "$SECS" -lt 15 ]
}

@test "retry resume: a 503 in between is thrown away, then the 206" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 10\r\n\r\n01234"
close
request
send "HTTP/1.1 503 Busy\r\nContent-Length: 5\r\n\r\nbusy!"
request
send "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 5-9/10\r\nContent-Length: 5\r\n\r\n56789"
EOF
	run_httpc --retry 3 --retry-all-errors --retry-delay 0.1 -o out "$URL/"
	assert_exit 0
	assert_file_bytes out '0123456789'
	[ "$(server_requests)" = 3 ]
	grep -q $'^Range: bytes=5-\r$' "$(req_file 3)"
	[[ $stderr == *"Throwing away 5 bytes"* ]]
}

@test "retry resume: the document changed (If-Range gets a 200): starts over" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 10\r\n\r\n01234"
close
request
send "HTTP/1.1 200 OK\r\nETag: \"v2\"\r\nContent-Length: 8\r\n\r\nabcdefgh"
EOF
	run_httpc --retry 1 --retry-all-errors --retry-delay 0.1 -o out "$URL/"
	assert_exit 0
	assert_file_bytes out 'abcdefgh'
	grep -q $'^If-Range: "v1"\r$' "$(req_file 2)"
}

@test "retry resume: no validator, or a weak one: starts over as curl" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nETag: W/\"weak\"\r\nContent-Length: 10\r\n\r\n01234"
close
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
EOF
	run_httpc --retry 1 --retry-all-errors --retry-delay 0.1 -o out "$URL/"
	assert_exit 0
	assert_file_bytes out '0123456789'
	! grep -qi '^Range:' "$(req_file 2)"
	[[ $stderr == *"Throwing away 5 bytes"* ]]
}

# ------------------------------------------------------------ -C

@test "-C -: resumes from the file's size; a 206 is appended, as curl" {
	local c
	for c in "$HTTPC" curl; do
		[ "$c" = curl ] && { have_curl || break; }
		start_server - <<'EOF'
request
send "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 5-9/10\r\nContent-Length: 5\r\n\r\n56789"
EOF
		printf 01234 >out
		run_client "$c" -C - -o out "$URL/"
		assert_exit 0
		assert_file_bytes out '0123456789'
		grep -q $'^Range: bytes=5-\r$' "$(req_file 1)"
		stop_server
	done
}

@test "-C N to stdout: the Range is sent, the rest written" {
	mkscript cmp3 >/dev/null <<'EOF'
request
send "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 3-5/6\r\nContent-Length: 3\r\n\r\ndef"
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp3.script" -C 3 '{URL}/'
	assert_exit 0
	assert_stdout 'def'
}

@test "-C: a 200 where 206 was asked is exit 33; the file is kept" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
EOF
	printf 01234 >out
	run_httpc -C - -o out "$URL/"
	assert_exit 33
	assert_equal "$stderr" "httpc: (33) HTTP server doesn't seem to support byte ranges. Cannot resume."
	assert_file_bytes out '01234'
	mkscript cmp4 >/dev/null <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp4.script" -C 5 '{URL}/'
}

@test "-C: 416 at the end of a complete file is success; -f makes it 22" {
	start_server - <<'EOF'
request
send "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */10\r\nContent-Length: 5\r\n\r\nnope!"
request
send "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */10\r\nContent-Length: 5\r\n\r\nnope!"
EOF
	printf 0123456789 >out
	run_httpc -C - -o out "$URL/"
	assert_exit 0
	assert_file_bytes out '0123456789'
	run_httpc -f -C - -o out "$URL/"
	assert_exit 22
	assert_file_bytes out '0123456789'
	mkscript cmp5 >/dev/null <<'EOF'
request
send "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */10\r\nContent-Length: 5\r\n\r\nnope!"
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp5.script" -C 10 '{URL}/'
}

@test "-C: a length equal to the offset means already downloaded" {
	mkscript cmp6 >/dev/null <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp6.script" -C 10 '{URL}/'
	assert_exit 0
	assert_stdout ''
}

@test "-C -: no file yet, or stdout: a plain request" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
EOF
	run_httpc -C - -o new "$URL/"
	assert_exit 0
	assert_file_bytes new 'abc'
	run_httpc -C - "$URL/"
	assert_exit 0
	assert_stdout 'abc'
	! grep -qi '^Range:' "$(req_file 1)" "$(req_file 2)"
}

@test "-C with -r, --remove-on-error or --no-clobber is refused (curl 8)" {
	run_httpc -C 5 -r 0-3 http://127.0.0.1:1/
	assert_exit 2
	[[ $stderr == "httpc: --continue-at is mutually exclusive with --range"* ]]
	run_httpc -C - --remove-on-error -o x http://127.0.0.1:1/
	assert_exit 2
	[[ $stderr == *"mutually exclusive with --remove-on-error"* ]]
	run_httpc -C - --no-clobber -o x http://127.0.0.1:1/
	assert_exit 2
	run_httpc -C -5 http://127.0.0.1:1/
	assert_exit 2
	# uploads are not resumed
	run_httpc -C 5 -T /dev/null http://127.0.0.1:1/
	assert_exit 2
	[[ $stderr == *"resumes downloads only"* ]]
	run_httpc -C 5 -d a=1 http://127.0.0.1:1/
	assert_exit 2
}

# ------------------------------------------------------------ --compressed

@test "--compressed: Accept-Encoding as curl's list for this build" {
	start_echo_server
	run_httpc --compressed "$URL/"
	assert_exit 0
	assert_output --partial $'Accept: */*\r\nAccept-Encoding: deflate, gzip\r\n'
}

@test "--compressed: gzip and deflate replies (zlib, raw) are decoded" {
	local want=$BATS_TEST_TMPDIR/plain
	pyfile "$want" 'b"".join(b"line %d of the text\n" % i for i in range(5000))'
	pyfile gz "gzip.compress(open('$want', 'rb').read())"
	pyfile zl "zlib.compress(open('$want', 'rb').read())"
	pyfile raw "(lambda c: c.compress(open('$want', 'rb').read()) + c.flush())(zlib.compressobj(6, zlib.DEFLATED, -15))"
	reply gz.http 'Content-Encoding: gzip\r\n' gz
	reply zl.http 'Content-Encoding: deflate\r\n' zl
	reply raw.http 'Content-Encoding: deflate\r\n' raw
	start_server - <<EOF
request
send $BATS_TEST_TMPDIR/gz.http
request
send $BATS_TEST_TMPDIR/zl.http
request
send $BATS_TEST_TMPDIR/raw.http
request
send $BATS_TEST_TMPDIR/gz.http
EOF
	run_httpc --compressed -o out1 "$URL/"
	assert_exit 0
	assert_same_file "$want" out1
	run_httpc --compressed -o out2 "$URL/"
	assert_exit 0
	assert_same_file "$want" out2
	run_httpc --compressed -o out3 "$URL/"
	assert_exit 0
	assert_same_file "$want" out3
	# -i shows the head as received: Content-Encoding stays
	run_httpc --compressed -i "$URL/"
	assert_exit 0
	assert_output --partial $'Content-Encoding: gzip\r\n'
	assert_output --partial "line 4999 of the text"
}

@test "--compressed: without it a gzip body is written as it came, as curl" {
	pyfile gz 'gzip.compress(b"hello\n", mtime=0)'
	reply gz.http 'Content-Encoding: gzip\r\n' gz
	mkscript cmp7 >/dev/null <<EOF
request
send $BATS_TEST_TMPDIR/gz.http
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp7.script" '{URL}/'
	assert_exit 0
	assert_same_file gz "$BATS_TEST_TMPDIR/stdout"
}

@test "--compressed: an unknown coding is exit 61, as curl" {
	mkscript cmp8 >/dev/null <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Encoding: zorg\r\nContent-Length: 4\r\n\r\nabcd"
EOF
	start_server "$BATS_TEST_TMPDIR/cmp8.script"
	run_httpc --compressed "$URL/"
	assert_exit 61
	assert_equal "$stderr" "httpc: (61) Unrecognized content encoding type. httpc understands deflate, gzip content encodings."
	# curl asks for br and zstd too: only its exit code compares
	have_curl || skip "curl not installed: no comparison"
	start_server "$BATS_TEST_TMPDIR/cmp8.script"
	run_curl --compressed "$URL/"
	assert_exit 61
}

@test "--compressed: truncated or corrupt gzip is exit 61" {
	pyfile gz 'gzip.compress(b"x" * 100000 + bytes(range(256)) * 100)'
	head -c 200 gz >short
	reply short.http 'Content-Encoding: gzip\r\n' short
	pyfile bad "(lambda g: g[:20] + bytes(b ^ 0x5a for b in g[20:60]) + g[60:])(open('gz', 'rb').read())"
	reply bad.http 'Content-Encoding: gzip\r\n' bad
	start_server - <<EOF
request
send $BATS_TEST_TMPDIR/short.http
request
send $BATS_TEST_TMPDIR/bad.http
EOF
	run_httpc --compressed -o out "$URL/"
	assert_exit 61
	assert_equal "$stderr" "httpc: (61) Error while processing content unencoding: compressed data ends early"
	run_httpc --compressed -o out "$URL/"
	assert_exit 61
	[[ $stderr == "httpc: (61) Error while processing content unencoding"* ]]
}

@test "--compressed --max-filesize: a gzip bomb stops at the limit, exit 63" {
	# 100 MB of zeros in about 100 KB
	pyfile bomb "(lambda c: b''.join(c.compress(bytes(1 << 20)) for _ in range(100)) + c.flush())(zlib.compressobj(9, zlib.DEFLATED, 31))"
	[ "$(wc -c <bomb)" -lt 1000000 ]
	reply bomb.http 'Content-Encoding: gzip\r\n' bomb
	start_server - <<EOF
request
send $BATS_TEST_TMPDIR/bomb.http
EOF
	run_httpc --compressed --max-filesize 1M -o out "$URL/"
	assert_exit 63
	assert_equal "$stderr" "httpc: (63) Maximum file size exceeded"
	[ "$(wc -c <out)" -le 1048576 ]
}

@test "--compressed: nginx with gzip on; the body as the file" {
	NGINX_ROOT=$BATS_TEST_TMPDIR/www
	mkdir -p "$NGINX_ROOT"
	printf 'hello from nginx\n' >"$NGINX_ROOT/index.html"
	printf 'line one\nline two\n' >"$NGINX_ROOT/small.txt"
	httpd --generate 65536 >"$NGINX_ROOT/binary.bin"
	chmod -R a+rX "$NGINX_ROOT"
	start_nginx
	run_httpc --compressed -D head "$NGINX_URL/gz/index.html"
	assert_exit 0
	assert_stdout 'hello from nginx\n'
	grep -qi '^Content-Encoding: gzip' head
	run_httpc --compressed -o big "$NGINX_URL/gz/binary.bin"
	assert_exit 0
	assert_same_file "$NGINX_ROOT/binary.bin" big
	if have_curl; then
		run_curl --compressed "$NGINX_URL/gz/small.txt"
		cp "$STDOUT_FILE" curl.out
		run_httpc --compressed "$NGINX_URL/gz/small.txt"
		assert_same_file curl.out "$STDOUT_FILE"
	fi
}

# ------------------------------------------------------------ --max-filesize

@test "--max-filesize: a larger Content-Length is refused at once, as curl" {
	mkscript cmp9 >/dev/null <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n"
sendbig 2000
EOF
	curl_compare "$BATS_TEST_TMPDIR/cmp9.script" --max-filesize 1000 -o '{DIR}/out' '{URL}/'
	assert_exit 63
	assert_equal "$stderr" "httpc: (63) Maximum file size exceeded"
}

@test "--max-filesize: a chunked body is stopped at the limit" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig 5000 chunked 500
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig 1000 chunked 500
EOF
	run_httpc --max-filesize 1k -o out "$URL/"
	assert_exit 63
	[ "$(wc -c <out)" -eq 1024 ]
	run_httpc --max-filesize 1k -o out "$URL/"
	assert_exit 0
	[ "$(wc -c <out)" -eq 1000 ]
	run_httpc --max-filesize 1.5k http://127.0.0.1:1/
	assert_exit 2
}

# ------------------------------------------------------------ --limit-rate

@test "--limit-rate: the average stays under the rate" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n"
sendbig 300000
EOF
	elapsed run_httpc --limit-rate 100K -o out "$URL/"
	assert_exit 0
	body 300000 want
	assert_same_file want out
	# 300000 bytes at 102400 a second: 2.9 s at least
	[ "$SECS" -ge 2 ]
	run_httpc --limit-rate 1.5k http://127.0.0.1:1/
	assert_exit 2
	run_httpc --limit-rate 10x http://127.0.0.1:1/
	assert_exit 2
}

@test "--limit-rate: -m cuts a paced transfer short, exit 28" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n"
sendbig 300000
EOF
	elapsed run_httpc --limit-rate 50K -m 1 -o out "$URL/"
	assert_exit 28
	[[ $stderr == *"Operation timed out after "*" out of 300000 bytes received" ]]
	[ "$SECS" -lt 10 ]
}

# ------------------------------------------------------------ progress

@test "progress: the meter on a terminal while the body goes to a file" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3000000\r\n\r\n"
sendbig 1000000
pause 1.1
sendbig 2000000
EOF
	run_pty -o out "$URL/"
	assert_exit 0
	[ "$(wc -c <out)" -eq 3000000 ]
	grep -aq '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current' pty
	grep -aq 'Dload  Upload   Total   Spent    Left  Speed' pty
	# the last line: 100% of 2929k
	tr '\r' '\n' <pty | grep -aq '^100 2929k  100 2929k    0     0 '
}

@test "progress: -# draws the bar, COLUMNS wide, to 100%" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n"
sendbig 200000
EOF
	COLUMNS=50 run_pty -# -o out "$URL/"
	assert_exit 0
	# 50 columns: 43 '#' then " 100.0%"
	tr '\r' '\n' <pty | grep -aqx "$(printf '#%.0s' {1..43}) 100.0%"
}

@test "progress: unknown size: the meter still ends at the byte count" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
sendbig 100000 chunked 10000
EOF
	run_pty -o out "$URL/"
	assert_exit 0
	tr '\r' '\n' <pty | grep -aq '^100   97k    0   97k    0     0 '
}

@test "progress: none with -s, --no-progress-meter, or the body on the terminal" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab\n"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab\n"
request
send "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab\n"
EOF
	run_pty -s -o out "$URL/"
	assert_exit 0
	[ ! -s pty ]
	run_pty --no-progress-meter -o out "$URL/"
	assert_exit 0
	[ ! -s pty ]
	run_pty "$URL/"
	assert_exit 0
	assert_file_bytes pty 'ab\r\n'
}

@test "progress: no meter when stderr is not a terminal" {
	start_server ok
	run_httpc -o out "$URL/"
	assert_exit 0
	assert_equal "$stderr" ""
}

@test "progress: an error ends the meter's line first" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234"
close
EOF
	run_pty -o out "$URL/"
	assert_exit 18
	tr '\r' '\n' <pty | grep -aqx 'httpc: (18) transfer closed with 5 bytes remaining to read'
}

# ------------------------------------------------------------ config files

@test "-K: options and URLs from a file, curl's syntax" {
	start_echo_server
	cat >cfg <<EOF
# a comment
user-agent = "from \\"cfg\\""
--header "X-One: 1"
-H "X-Two: 2"
url = "$URL/k"
silent
EOF
	run_httpc -K cfg
	assert_exit 0
	assert_output --partial $'GET /k HTTP/1.1\r\n'
	assert_output --partial $'User-Agent: from "cfg"\r\n'
	assert_output --partial $'X-One: 1\r\nX-Two: 2\r\n'
}

@test "-K -: from standard input; a missing file is exit 26, as curl" {
	start_echo_server
	run_httpc -K - "$URL/s" <<<'header = "X-Stdin: yes"'
	assert_exit 0
	assert_output --partial $'X-Stdin: yes\r\n'
	run_httpc -K "$BATS_TEST_TMPDIR/none" "$URL/"
	assert_exit 26
	[[ $stderr == "httpc: cannot read config from '$BATS_TEST_TMPDIR/none'"* ]]
	have_curl || skip "curl not installed: no comparison"
	run_curl -K "$BATS_TEST_TMPDIR/none" "$URL/"
	assert_exit 26
}

@test "-K: an unknown option is warned about and skipped" {
	start_echo_server
	printf 'bogus\nheader = "X-Ok: 1"\n' >cfg
	run_httpc -K cfg "$URL/"
	assert_exit 0
	assert_equal "$stderr" "Warning: cfg:1: warning: 'bogus' is unknown"
	assert_output --partial $'X-Ok: 1\r\n'
}

@test "~/.httpcrc and \$XDG_CONFIG_HOME/httpcrc are read; -q first skips them" {
	start_echo_server
	mkdir -p home xdg
	printf 'header = "X-Home: 1"\n' >home/.httpcrc
	printf 'header = "X-Xdg: 1"\n' >xdg/httpcrc
	USE_RC=1 HOME=$PWD/home XDG_CONFIG_HOME= run_httpc "$URL/"
	assert_exit 0
	assert_output --partial $'X-Home: 1\r\n'
	USE_RC=1 HOME=$PWD/home XDG_CONFIG_HOME=$PWD/xdg run_httpc "$URL/"
	assert_output --partial $'X-Xdg: 1\r\n'
	refute_output --partial 'X-Home'
	USE_RC=1 HOME=$PWD/home XDG_CONFIG_HOME= run_httpc -q "$URL/"
	refute_output --partial 'X-Home'
	# -q elsewhere does not count, as curl
	USE_RC=1 HOME=$PWD/home XDG_CONFIG_HOME= run_httpc "$URL/" -q
	assert_output --partial $'X-Home: 1\r\n'
	# and the suite itself never reads one
	HOME=$PWD/home XDG_CONFIG_HOME= run_httpc "$URL/"
	refute_output --partial 'X-Home'
}
