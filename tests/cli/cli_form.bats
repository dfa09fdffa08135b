#!/usr/bin/env bats
# cli_form.bats -- -F/--form and --form-string on the wire: parts, file
# names, types, files streamed from disk, and 307 re-sends.  The boundary
# is random, so comparisons with curl replace it first.

load common

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	common_teardown
}

# boundary N: the boundary request N announced.
boundary() {
	grep -a '^Content-Type: multipart/form-data; boundary=' "$(req_file "$1")" |
	    tr -d '\r' | sed 's/.*boundary=//'
}

# unbound FILE: FILE with its boundary replaced by BOUNDARY.
unbound() {
	local b
	b=$(grep -a 'boundary=' "$1" | tr -d '\r' | sed 's/.*boundary=//')
	LC_ALL=C sed -e "s/$b/BOUNDARY/g" \
	    -e 's/127\.0\.0\.1:[0-9]*/127.0.0.1:PORT/' \
	    -e 's/^User-Agent: [^\r]*/User-Agent: UA/' "$1"
}

# form_compare ARGS...: httpc and curl send the same form, boundary aside.
form_compare() {
	have_curl || return 0
	start_server ok
	run_client "$CURL" "$@" "$URL/form"
	unbound "$(req_file 1)" >curl.req
	start_server ok
	run_client "$HTTPC" "$@" "$URL/form"
	unbound "$(req_file 1)" >httpc.req
	cmp curl.req httpc.req >&2 ||
	    fail "$(diff <(od -c curl.req) <(od -c httpc.req) | head -30)"
}

@test "-F name=value and a file part, curl's bytes" {
	printf 'file data\n' >a.txt
	start_server ok
	run_httpc -F 'name=value' -F 'up=@a.txt' "$URL/form"
	assert_success
	b=$(boundary 1)
	[ ${#b} -ge 30 ] || fail "boundary: $b"
	grep -qa 'Content-Disposition: form-data; name="up"; filename="a.txt"' "$(req_file 1)" ||
	    fail "$(cat "$(req_file 1)")"
	tail -c $((${#b} + 6)) "$(req_file 1)" | grep -qa -- "--$b--" || fail "no final boundary"
	form_compare -F 'name=value' -F 'up=@a.txt'
}

@test "-F with ;type= and ;filename=; name=<file is a text field" {
	printf 'text in a file' >t.txt
	printf '{"a":1}' >j.json
	form_compare -F 'doc=@j.json;type=application/json;filename=renamed.json' \
	    -F 'note=<t.txt' -F 'plain=a;b'
}

@test "--form-string: ; and @ have no meaning" {
	form_compare --form-string 'raw=@not;type=x' -F 'x=1'
}

@test "-F: a 1 MiB file is sent whole, with Expect: 100-continue" {
	head -c 1200000 /dev/urandom >big.bin
	start_server - <<'EOF'
request continue
send ../fixtures/ok.http
EOF
	run_httpc -F 'f=@big.bin' "$URL/form"
	assert_success
	grep -qa '^Expect: 100-continue' "$(req_file 1)" || fail "no Expect"
	"$PYTHON" -c '
import sys
req = open(sys.argv[1], "rb").read()
big = open(sys.argv[2], "rb").read()
sys.exit(0 if big in req else 1)' "$(req_file 1)" big.bin || fail "file bytes differ"
}

@test "-F with a missing file: exit 26, nothing sent" {
	start_server ok
	run_httpc -F 'f=@nope.bin' "$URL/form"
	assert_exit 26
	assert_equal "$(server_requests)" 0
}

@test "-F with -d: two methods, exit 2" {
	run_httpc -F a=1 -d b=2 http://127.0.0.1:9/
	assert_exit 2
}

@test "-F and a 307: the form is sent again, the same bytes" {
	printf 'again\n' >a.txt
	start_server - <<'EOF'
request
send "HTTP/1.1 307 Temporary Redirect\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n"
request
send ../fixtures/ok.http
EOF
	run_httpc -L -F 'f=@a.txt' "$URL/a"
	assert_success
	"$PYTHON" -c '
import sys
a = open(sys.argv[1], "rb").read().split(b"\r\n\r\n", 1)[1]
b = open(sys.argv[2], "rb").read().split(b"\r\n\r\n", 1)[1]
sys.exit(0 if a == b and b"again" in b else 1)' "$(req_file 1)" "$(req_file 2)" ||
	    fail "the second body differs"
}

@test "-F with several URLs: the same form goes to each" {
	printf 'each\n' >a.txt
	start_server ok-twice
	run_httpc -o /dev/null -o /dev/null -F 'f=@a.txt' -F x=1 "$URL/a" "$URL/b"
	assert_success
	assert_equal "$(server_conns)" 1
	# the boundary aside (curl draws a new one for each URL)
	unbound "$(req_file 1)" >1.req
	unbound "$(req_file 2)" >2.req
	"$PYTHON" -c '
import sys
a = open(sys.argv[1], "rb").read().split(b"\r\n\r\n", 1)[1]
b = open(sys.argv[2], "rb").read().split(b"\r\n\r\n", 1)[1]
sys.exit(0 if a == b and b"each" in b else 1)' 1.req 2.req ||
	    fail "the second body differs"
}
