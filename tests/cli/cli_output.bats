#!/usr/bin/env bats
# cli_output.bats -- where httpc writes: -o, -O, --remote-name-all,
# --output-dir, --create-dirs, -J (and its safety rules), --no-clobber,
# --remove-on-error, -D, -i, --fail-with-body, -w, --trace, the binary
# guard for terminals, and write errors.

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	common_teardown
}

# script NAME: a server script from stdin, saved as NAME.script in the
# test's directory; prints its path (for start_server and curl_compare).
script() {
	cat >"$BATS_TEST_TMPDIR/$1.script"
	echo "$BATS_TEST_TMPDIR/$1.script"
}

# reply_cd DISPOSITION: one request answered with "evil\n" and that
# Content-Disposition value.
reply_cd() {
	local v
	# the value goes inside a quoted DATA: escape \ and "
	v=$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')
	script cd <<EOF
request
send "HTTP/1.1 200 OK\\r\\nContent-Disposition: $v\\r\\nContent-Length: 5\\r\\n\\r\\nevil\\n"
EOF
}

# run_tty CMD ARGS...: CMD with its stdout on a pseudo-terminal; what the
# terminal got is in $BATS_TEST_TMPDIR/tty, stderr in $stderr, the exit
# code in $status.
run_tty() {
	status=0
	stderr=$("$PYTHON" -c '
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.Popen(sys.argv[2:], stdout=s, stderr=subprocess.PIPE)
os.close(s)
data = b""
while True:
    try:
        d = os.read(m, 65536)
    except OSError:
        break
    if not d:
        break
    data += d
err = p.stderr.read()
rc = p.wait()
open(sys.argv[1], "wb").write(data)
sys.stderr.buffer.write(err)
sys.exit(rc)
' "$BATS_TEST_TMPDIR/tty" "$@" 2>&1 >/dev/null) || status=$?
}

binary_script() {
	script binary <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 6\r\n\r\nab\0cd\n"
EOF
}

# ------------------------------------------------------------ -o and -O

@test "-o FILE per URL, in order; the rest to stdout" {
	start_server ok-twice
	run_httpc -o one.txt "$URL/a" "$URL/b"
	assert_success
	assert_file_bytes one.txt 'hello\n'
	assert_equal "$(server_conns)" 1
	curl_compare ok-twice -o '{DIR}/one.txt' '{URL}/a' '{URL}/b'
}

@test "-O: the last path segment, not decoded" {
	start_server ok
	run_httpc -O "$URL/dir/file%20name.txt?x=1"
	assert_success
	assert_file_bytes 'file%20name.txt' 'hello\n'
	assert_output ''
	curl_compare ok --output-dir '{DIR}' -O '{URL}/dir/file%20name.txt?x=1'
}

@test "-O on a URL ending in /: the directory's name" {
	start_server ok
	run_httpc -O "$URL/dir/sub/"
	assert_success
	assert_file_bytes sub 'hello\n'
}

@test "-O on a bare host: httpc_response" {
	start_server ok
	run_httpc -O "$URL"
	assert_success
	assert_file_bytes httpc_response 'hello\n'
}

@test "--remote-name-all with --output-dir and --create-dirs" {
	start_server ok-twice
	run_httpc --remote-name-all --output-dir out/deep --create-dirs \
	    "$URL/a.txt" "$URL/b.txt"
	assert_success
	assert_file_bytes out/deep/a.txt 'hello\n'
	[ -f out/deep/b.txt ] || fail "no b.txt"
	[ "$(stat -c %a out/deep)" = 750 ] || fail "mode $(stat -c %a out/deep)"
	curl_compare ok-twice --remote-name-all --output-dir '{DIR}/out/deep' \
	    --create-dirs '{URL}/a.txt' '{URL}/b.txt'
}

@test "-O: a backslash ends a path segment, as in curl" {
	start_server ok
	run_httpc -O "$URL/dir\\evil.txt"
	assert_success
	assert_file_bytes evil.txt 'hello\n'
	curl_compare ok --output-dir '{DIR}' -O '{URL}/dir\evil.txt'
}

@test "--output-dir '': the current directory, not the root" {
	local name=httpc-outdir-test.$$
	start_server ok
	run_httpc --output-dir '' -O "$URL/$name"
	assert_success
	if [ -e "/$name" ]; then
		rm -f "/$name"
		fail "written to /$name"
	fi
	assert_file_bytes "$name" 'hello\n'
}

@test "-o into a missing directory without --create-dirs: exit 23" {
	start_server ok
	run_httpc -o nodir/x.txt "$URL/"
	assert_exit 23
	[ ! -e nodir ] || fail "created nodir"
	curl_compare ok -o '{DIR}/nodir/x.txt' '{URL}/'
}

@test "--no-clobber: an existing file stays, the body goes to name.1" {
	echo keep >page.txt
	start_server ok
	run_httpc --no-clobber -o page.txt "$URL/"
	assert_success
	assert_file_bytes page.txt 'keep\n'
	assert_file_bytes page.txt.1 'hello\n'
}

@test "--remove-on-error: a short body leaves no file" {
	start_server short-body
	run_httpc --remove-on-error -o part.bin "$URL/"
	assert_exit 18
	[ ! -e part.bin ] || fail "part.bin kept"
	start_server short-body
	run_httpc -o part.bin "$URL/"
	assert_exit 18
	[ -s part.bin ] || fail "without --remove-on-error the part is kept"
	curl_compare short-body --remove-on-error -o '{DIR}/part.bin' '{URL}/'
}

@test "-f: no body and no file; --fail-with-body: the body, exit 22" {
	start_server notfound
	run_httpc --fail-with-body "$URL/"
	assert_exit 22
	tail -c 10 "$FIXTURES/notfound.http" >want
	assert_same_file want "$STDOUT_FILE"
	assert_equal "$stderr" 'httpc: (22) The requested URL returned error: 404'
	curl_compare notfound --fail-with-body '{URL}/'
}

# ------------------------------------------------------------ -J

@test "-J: the Content-Disposition name" {
	start_server "$(reply_cd 'attachment; filename="report.txt"')"
	run_httpc -OJ "$URL/dl"
	assert_success
	assert_file_bytes report.txt 'evil\n'
	[ ! -e dl ] || fail "wrote the URL name too"
	curl_compare "$(reply_cd 'attachment; filename="report.txt"')" \
	    --output-dir '{DIR}' -OJ '{URL}/dl'
}

@test "-J: a path from the server is cut to its last part" {
	mkdir -p a/b
	start_server "$(reply_cd 'attachment; filename="../../evil.txt"')"
	(cd a/b && run_httpc -OJ "$URL/dl" && echo "$status" >../../st)
	assert_equal "$(cat st)" 0
	assert_file_bytes a/b/evil.txt 'evil\n'
	[ ! -e evil.txt ] || fail "escaped the directory"
	curl_compare "$(reply_cd 'attachment; filename="../../evil.txt"')" \
	    --output-dir '{DIR}' -OJ '{URL}/dl'
}

@test "-J: an absolute path from the server stays in the directory" {
	start_server "$(reply_cd 'attachment; filename=/tmp/httpc-abs-evil')"
	rm -f /tmp/httpc-abs-evil
	run_httpc -OJ "$URL/dl"
	assert_success
	assert_file_bytes httpc-abs-evil 'evil\n'
	[ ! -e /tmp/httpc-abs-evil ] || fail "wrote to /tmp"
}

@test "-J: a backslash path and '..' are refused, the URL name is used" {
	start_server "$(reply_cd 'attachment; filename="..\\..\\x"')"
	run_httpc -OJ "$URL/dl"
	assert_success
	assert_file_bytes x 'evil\n'
	start_server "$(reply_cd 'attachment; filename=".."')"
	run_httpc -OJ "$URL/fallback"
	assert_success
	assert_file_bytes fallback 'evil\n'
}

@test "-J never replaces an existing file: exit 23" {
	echo mine >report.txt
	start_server "$(reply_cd 'attachment; filename="report.txt"')"
	run_httpc -OJ "$URL/dl"
	assert_exit 23
	assert_file_bytes report.txt 'mine\n'
	[[ $stderr == *"Refusing to overwrite"* ]] || fail "stderr: $stderr"
}

@test "-J with --output-dir: the name goes under it" {
	mkdir out
	start_server "$(reply_cd 'attachment; filename="../report.txt"')"
	run_httpc -OJ --output-dir out "$URL/dl"
	assert_success
	assert_file_bytes out/report.txt 'evil\n'
}

# ------------------------------------------------------------ headers

@test "-D FILE: the headers as received; -D - to stdout before the body" {
	start_server ok
	run_httpc -D h.txt "$URL/"
	assert_success
	head -c 64 "$FIXTURES/ok.http" >want
	assert_same_file want h.txt
	start_server ok
	run_httpc -D - "$URL/"
	assert_same_file "$FIXTURES/ok.http" "$STDOUT_FILE"
	curl_compare ok -D '{DIR}/h.txt' '{URL}/'
}

@test "-D: created empty when no reply came" {
	start_server empty-reply
	run_httpc -D h.txt "$URL/"
	assert_exit 52
	[ -f h.txt ] && [ ! -s h.txt ] || fail "h.txt missing or not empty"
}

@test "-D with two URLs: both header blocks, in order" {
	start_server ok-twice
	run_httpc -D h.txt -o /dev/null "$URL/a" -o /dev/null "$URL/b"
	assert_success
	assert_equal "$(grep -c '^HTTP/1.1 200' h.txt)" 2
}

@test "-i: an interim 103 head before the final one, as curl shows it" {
	local sc
	sc=$(script early-hints <<'EOF'
request
send "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
EOF
)
	start_server "$sc"
	run_httpc -i "$URL/"
	assert_success
	assert_stdout 'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'
	curl_compare "$sc" -i '{URL}/'
}

@test "-D: interim heads too, the 100 Continue of an Expect included" {
	local sc
	sc=$(script continue <<'EOF'
request continue
send "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
EOF
)
	start_server "$sc"
	run_httpc -D h.txt -H 'Expect: 100-continue' -d x=1 "$URL/"
	assert_success
	assert_stdout 'hi'
	assert_file_bytes h.txt 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n'
	curl_compare "$sc" -D '{DIR}/h.txt' -H 'Expect: 100-continue' -d x=1 \
	    '{URL}/'
}

@test "-i -D - with a 1xx: each header line twice, as curl" {
	local sc
	sc=$(script early-hints <<'EOF'
request
send "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
EOF
)
	start_server "$sc"
	run_httpc -i -D - "$URL/"
	assert_success
	# curl hands each line to -i and to -D in turn
	assert_stdout 'HTTP/1.1 103 Early Hints\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\nLink: </a>\r\n\r\n\r\nHTTP/1.1 200 OK\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n\r\nhi'
	curl_compare "$sc" -i -D - '{URL}/'
}

# ------------------------------------------------------------ binary guard

@test "binary to a terminal: refused with curl's warning, exit 23" {
	start_server "$(binary_script)"
	run_tty "$HTTPC" "$URL/"
	assert_equal "$status" 23
	assert_equal "$stderr" 'Warning: Binary output can mess up your terminal. Use "--output -" to tell 
Warning: httpc to output it to your terminal anyway, or consider "--output 
Warning: <FILE>" to save to a file.'
	[ ! -s "$BATS_TEST_TMPDIR/tty" ] || fail "wrote to the terminal"
}

@test "binary to a terminal with -o -: written" {
	start_server "$(binary_script)"
	run_tty "$HTTPC" -o - "$URL/"
	assert_equal "$status" 0
	grep -qa 'cd' "$BATS_TEST_TMPDIR/tty" || fail "body missing"
}

@test "binary to a terminal with -s: refused silently" {
	start_server "$(binary_script)"
	run_tty "$HTTPC" -s "$URL/"
	assert_equal "$status" 23
	assert_equal "$stderr" ''
}

@test "text to a terminal: written" {
	start_server ok
	run_tty "$HTTPC" "$URL/"
	assert_equal "$status" 0
	grep -qa hello "$BATS_TEST_TMPDIR/tty" || fail "body missing"
}

@test "binary into a pipe: written as it is" {
	start_server "$(binary_script)"
	run_httpc "$URL/"
	assert_success
	assert_stdout 'ab\0cd\n'
	curl_compare "$(binary_script)" '{URL}/'
}

@test "a reader that goes away: exit 23" {
	start_server big
	status=0
	timeout 30 bash -c '"$1" "$2" | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}' \
	    _ "$HTTPC" "$URL/big" 2>"$BATS_TEST_TMPDIR/err" || status=$?
	assert_equal "$status" 23
}

# ------------------------------------------------------------ -w, --trace

@test "-w: after each body; as in curl the last -w is for every URL" {
	start_server ok-twice
	printf '%%{http_code} %%{num_redirects}\\n' >fmt
	run_httpc -w '[%{http_code}]' "$URL/a" -w @fmt "$URL/b"
	assert_success
	assert_stdout 'hello\n200 0\nsecond\n200 0\n'
	curl_compare ok-twice -w '[%{http_code}]' '{URL}/a' \
	    -w "@$BATS_TEST_TMPDIR/fmt" '{URL}/b'
}

@test "-w on a failure: 000 and the exit code" {
	run_httpc -s -w '%{http_code} %{exitcode}' http://127.0.0.1:9/
	assert_exit 7
	assert_output '000 7'
}

# size FILE: its length in bytes.
size() {
	wc -c <"$1" | tr -d ' '
}

# head_size FILE: the bytes of its head, up to the empty line.
head_size() {
	"$PYTHON" -c 'import sys
d = open(sys.argv[1], "rb").read()
print(d.index(b"\r\n\r\n") + 4)' "$1"
}

@test "-w %{size_request}: the request head; a small -d body is counted" {
	start_server ok
	run_httpc -w '%{size_request} %{size_header}' -o /dev/null "$URL/"
	assert_success
	assert_output "$(size "$(req_file 1)") 64"
	start_server ok
	run_httpc -w '%{size_request}' -o /dev/null -d 'a=1&b=2' "$URL/"
	assert_output "$(size "$(req_file 1)")"
	curl_compare ok -w '%{size_request} %{size_header}' -o /dev/null \
	    '{URL}/'
	curl_compare ok -w '%{size_request}' -o /dev/null -d 'a=1&b=2' '{URL}/'
}

@test "-w %{size_request}: a body sent after the head is not counted" {
	printf 'upload\n' >up.txt
	head -c 70000 /dev/zero | tr '\0' a >big.txt
	start_server ok
	run_httpc -w '%{size_request}' -o /dev/null -T up.txt "$URL/"
	assert_success
	assert_output "$(($(size "$(req_file 1)") - 7))"
	curl_compare ok -w '%{size_request}' -o /dev/null -T up.txt '{URL}/'
	# 64 KiB or more from memory: curl sends it apart from the head
	curl_compare ok -w '%{size_request}' -o /dev/null \
	    --data-binary @big.txt '{URL}/'
	# -F: the head only (curl's boundary is random: no comparison)
	start_server ok
	run_httpc -w '%{size_request}' -o /dev/null -F a=1 "$URL/"
	assert_output "$(head_size "$(req_file 1)")"
	# a small body sent chunked: counted with its framing
	curl_compare ok -w '%{size_request}' -o /dev/null \
	    -H 'Transfer-Encoding: chunked' -d hello '{URL}/'
}

@test "-w %{size_request} %{size_header}: every hop, 1xx heads included" {
	local sc
	sc=$(script hops <<'EOF'
request
send "HTTP/1.1 307 Temporary Redirect\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n"
request
send "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
EOF
)
	start_server "$sc"
	run_httpc -w '%{size_request} %{size_header}' -o /dev/null -L -d x=1 \
	    "$URL/a"
	assert_success
	assert_output "$(($(size "$(req_file 1)") + $(size "$(req_file 2)"))) 131"
	curl_compare "$sc" -w '%{size_request} %{size_header}' -o /dev/null \
	    -L -d x=1 '{URL}/a'
}

@test "--trace-ascii: the request and the body in curl's format" {
	start_server ok
	run_httpc --trace-ascii tr.txt "$URL/"
	assert_success
	assert_output hello
	grep -q '^=> Send header, ' tr.txt || fail "$(cat tr.txt)"
	grep -q '^0000: GET / HTTP/1.1$' tr.txt || fail "$(cat tr.txt)"
	grep -q '^<= Recv data, 6 bytes (0x6)$' tr.txt || fail "$(cat tr.txt)"
}

@test "--trace: hex and text" {
	start_server ok
	run_httpc --trace tr.txt "$URL/"
	assert_success
	grep -q '^0000: 47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a GET / HTTP/1.1..$' tr.txt ||
	    fail "$(cat tr.txt)"
}

@test "-i with -N: headers then body, unbuffered" {
	start_server ok
	run_httpc -iN "$URL/"
	assert_success
	assert_same_file "$FIXTURES/ok.http" "$STDOUT_FILE"
	curl_compare ok -iN '{URL}/'
}

@test "-w %{num_connects}: 1 for a new connection, 0 for a kept one" {
	start_echo_server
	run_httpc -s -o /dev/null -o /dev/null -w '%{num_connects}\n' \
	    "$URL/a" "$URL/b"
	assert_exit 0
	assert_output "$(printf '1\n0')"
	if have_curl; then
		local mine=$output
		run_curl -s -o /dev/null -o /dev/null -w '%{num_connects}\n' \
		    "$URL/a" "$URL/b"
		assert_equal "$output" "$mine"
	fi
}
