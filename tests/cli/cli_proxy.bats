#!/usr/bin/env bats
# shellcheck disable=SC2154 # stderr, lines: set by run_client (common.bash)
# cli_proxy.bats -- proxies: -x/--proxy (absolute-form requests), CONNECT
# tunnels (https:// URLs, -p/--proxytunnel), -U/--proxy-user,
# --proxy-header, --noproxy and the environment (http_proxy, https_proxy,
# all_proxy, no_proxy and their upper-case forms but HTTP_PROXY), against
# httpd.py --mode proxy and, when Debian's tinyproxy is installed, a real
# proxy.  Where curl 7.88 behaves the same it runs on the same input and
# the two are compared: exit status, output, and the bytes the proxy and
# the origin server received.

load common
load tls_helpers

setup() {
	common_setup
	cd "$BATS_TEST_TMPDIR" || return 1
	unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy \
	    ALL_PROXY no_proxy NO_PROXY CURL_CA_BUNDLE SSL_CERT_FILE
	TP_PID=
}

teardown() {
	stop_tinyproxy
	stop_tls_servers
	common_teardown
}

# ------------------------------------------------------------ helpers

# start_origin [echo|SCRIPT]: the origin server (echo by default):
# ORIGIN (its base URL), ORIGIN_PORT, ORIGIN_LOG, ORIGIN_PID.
start_origin() {
	if [ "${1:-echo}" = echo ]; then
		start_echo_server || return 1
	else
		start_server "$1" || return 1
	fi
	ORIGIN=$URL ORIGIN_PORT=$PORT ORIGIN_LOG=$SERVER_LOG
	ORIGIN_PID=$SERVER_PID
}

# start_proxy [HTTPD-OPTIONS...]: httpd.py's forward proxy: PROXY
# (127.0.0.1:PORT), PROXY_LOG, PROXY_PID.
start_proxy() {
	_start_httpd --mode proxy "$@" || return 1
	PROXY=127.0.0.1:$PORT PROXY_LOG=$SERVER_LOG PROXY_PID=$SERVER_PID
}

# has_field FILE NAME: the request in FILE has a NAME field.
has_field() {
	grep -qai "^$2:" "$1"
}

# no_field FILE NAME: fails the test when the request in FILE has a NAME
# field.  (In bats "! has_field" would not fail it.)
no_field() {
	if grep -qai "^$2:" "$1"; then
		fail "$1 has it: $(grep -ai "^$2:" "$1")"
		return 1
	fi
}

# field FILE NAME: its value (the first one), CR dropped.
field() {
	grep -ai "^$2:" "$1" | head -n 1 | tr -d '\r' | sed 's/^[^:]*: //'
}

# reqs LOG-DIR: the request lines a server received, one a line.
reqs() {
	cut -d' ' -f3- "$1/requests.log" 2>/dev/null
}

# _pcapture NAME CLIENT ORIGIN PROXY-OPTIONS ARGS...: fresh origin and
# proxy servers, CLIENT run with ARGS in which {URL} is the origin's base
# URL and {PROXY} the proxy's host:port; results in $BATS_TEST_TMPDIR/
# pcmp.NAME (stdout, stderr, status, origin/ and proxy/ logs).
_pcapture() {
	local name=$1 client=$2 origin=$3 popts=$4 d a
	shift 4
	d=$BATS_TEST_TMPDIR/pcmp.$name
	rm -rf "$d"
	mkdir -p "$d"
	start_origin "$origin" || return 1
	# shellcheck disable=SC2086 # several options in one word
	start_proxy $popts || return 1
	local args=()
	for a; do
		a=${a//\{URL\}/$ORIGIN}
		args+=("${a//\{PROXY\}/$PROXY}")
	done
	run_client "$client" "${args[@]}"
	stop_server "$PROXY_PID"
	stop_server "$ORIGIN_PID"
	cp "$STDOUT_FILE" "$d/stdout"
	cp "$STDERR_FILE" "$d/stderr"
	echo "$status" >"$d/status"
	ln -s "$ORIGIN_LOG" "$d/origin"
	ln -s "$PROXY_LOG" "$d/proxy"
}

# proxy_compare ORIGIN PROXY-OPTIONS ARGS...
# Runs httpc, then curl, each against a fresh origin (echo, or a script
# name) and a fresh httpd.py proxy started with PROXY-OPTIONS (one word,
# split on blanks; "" for none).  Fails unless both exit alike, print the
# same stdout, and the proxy and the origin received the same requests on
# as many connections (normalized: ports, User-Agent).  With -v among
# ARGS, the "> " and "< " lines are compared too.  Call it last: it skips
# the test when curl is missing.
proxy_compare() {
	local origin=$1 popts=$2 h c f side n
	shift 2
	have_curl || skip "curl not installed: no comparison"
	_pcapture curl "$CURL" "$origin" "$popts" "$@" || return 1
	_pcapture httpc "$HTTPC" "$origin" "$popts" "$@" || return 1
	h=$BATS_TEST_TMPDIR/pcmp.httpc c=$BATS_TEST_TMPDIR/pcmp.curl
	[ "$(cat "$h/status")" = "$(cat "$c/status")" ] || {
		fail "exit status: httpc $(cat "$h/status"), curl $(cat "$c/status")"
		return 1
	}
	_cmp_normalized "$c/stdout" "$h/stdout" stdout || return 1
	for side in proxy origin; do
		n=$(server_requests "$c/$side")
		[ "$n" = "$(server_requests "$h/$side")" ] || {
			fail "$side requests: httpc $(server_requests "$h/$side"), curl $n"
			return 1
		}
		for f in "$c/$side"/req-*.bin; do
			[ -e "$f" ] || continue
			_cmp_normalized "$f" "$h/$side/${f##*/}" \
			    "$side's ${f##*/}" || return 1
		done
		n=$(server_conns "$c/$side")
		[ "$n" = "$(server_conns "$h/$side")" ] || {
			fail "$side connections: httpc $(server_conns "$h/$side"), curl $n"
			return 1
		}
	done
	case " $* " in
	*" -v "*)
		grep -a '^[<>] ' "$c/stderr" | tr -d '\r' >"$c/exchange"
		grep -a '^[<>] ' "$h/stderr" | tr -d '\r' >"$h/exchange"
		_cmp_normalized "$c/exchange" "$h/exchange" "-v exchange" ||
		    return 1
		;;
	esac
	cp "$h/stdout" "$BATS_TEST_TMPDIR/stdout"
	cp "$h/stderr" "$BATS_TEST_TMPDIR/stderr"
	status=$(cat "$h/status")
}

# start_tinyproxy [CONFIG-LINES...]: Debian's tinyproxy in the foreground
# on 127.0.0.1, config generated here; skips the test when it is not
# installed.  TINYPROXY (127.0.0.1:PORT), TP_PID.
start_tinyproxy() {
	local tp d port i
	tp=$(command -v tinyproxy || echo /usr/bin/tinyproxy)
	[ -x "$tp" ] || skip "tinyproxy not installed"
	d=$(mktemp -d "$BATS_TEST_TMPDIR/tinyproxy.XXXXXX")
	for ((i = 0; i < 3; i++)); do
		port=$(free_port)
		{
			echo "Port $port"
			echo "Listen 127.0.0.1"
			echo "Timeout 30"
			echo "MaxClients 16"
			echo "Allow 127.0.0.1"
			echo "LogFile \"$d/tinyproxy.log\""
			echo "LogLevel Info"
			echo "PidFile \"$d/tinyproxy.pid\""
			echo "DisableViaHeader Yes"
			printf '%s\n' "$@"
		} >"$d/tinyproxy.conf"
		"$tp" -d -c "$d/tinyproxy.conf" >"$d/stdout" 2>&1 3>&- &
		TP_PID=$!
		if _wait_port "$port" "$TP_PID"; then
			break
		fi
		_stop_pid "$TP_PID"
		TP_PID=
	done
	[ -n "$TP_PID" ] || {
		fail "tinyproxy did not start: $(cat "$d/stdout" "$d/tinyproxy.log" 2>/dev/null)"
		return 1
	}
	TINYPROXY=127.0.0.1:$port
}

stop_tinyproxy() {
	[ -z "${TP_PID:-}" ] || _stop_pid "$TP_PID"
	TP_PID=
}

# ------------------------------------------------------------ -x: absolute form

@test "-x: absolute-form request, Host stays the origin's, as curl" {
	start_origin
	start_proxy
	run_httpc -sS -x "$PROXY" "$ORIGIN/a?q=1"
	assert_success
	assert_equal "$(reqs "$PROXY_LOG")" "GET $ORIGIN/a?q=1 HTTP/1.1"
	assert_equal "$(field "$(req_file 1)" Host)" "127.0.0.1:$ORIGIN_PORT"
	assert_equal "$(field "$(req_file 1)" Proxy-Connection)" "Keep-Alive"
	assert_equal "$(reqs "$ORIGIN_LOG")" "GET /a?q=1 HTTP/1.1"
	proxy_compare echo "" -v -x '{PROXY}' '{URL}/a?q=1'
}

@test "-x http://host:port with user information in the URL and a fragment" {
	start_origin
	start_proxy
	run_httpc -sS -x "http://$PROXY" "http://u:p@127.0.0.1:$ORIGIN_PORT/f#frag"
	assert_success
	assert_equal "$(reqs "$PROXY_LOG")" "GET $ORIGIN/f HTTP/1.1"
	proxy_compare echo "" -x 'http://{PROXY}' '{URL}/f#frag'
}

@test "-U: Basic to the proxy, never to the origin" {
	start_origin
	start_proxy --proxy-auth 'pu:pw'
	run_httpc -sS -x "$PROXY" -U pu:pw "$ORIGIN/u"
	assert_success
	assert_equal "$(field "$SERVER_LOG/req-1.bin" Proxy-Authorization)" \
	    "Basic $(printf 'pu:pw' | base64)"
	has_field "$ORIGIN_LOG/req-1.bin" Host
	no_field "$ORIGIN_LOG/req-1.bin" Proxy-Authorization
	proxy_compare echo "--proxy-auth pu:pw" -v -x '{PROXY}' -U pu:pw '{URL}/u'
}

@test "credentials in the proxy string win over -U, percent-decoded" {
	start_origin
	start_proxy --proxy-auth 'a@b:p:w'
	run_httpc -sS -x "http://a%40b:p%3Aw@$PROXY" -U x:y "$ORIGIN/c"
	assert_success
	assert_equal "$(field "$PROXY_LOG/req-1.bin" Proxy-Authorization)" \
	    "Basic $(printf 'a@b:p:w' | base64)"
	proxy_compare echo "--proxy-auth a@b:p:w" -x 'http://a%40b:p%3Aw@{PROXY}' \
	    -U x:y '{URL}/c'
}

@test "a wrong -U: the proxy's 407 is the response, exit 0 (as curl)" {
	start_origin
	start_proxy --proxy-auth 'pu:pw'
	run_httpc -sS -x "$PROXY" -U pu:nope -w '%{http_code}' "$ORIGIN/"
	assert_success
	assert_output --partial 407
	assert_equal "$(server_requests "$ORIGIN_LOG")" 0
	proxy_compare echo "--proxy-auth pu:pw" -x '{PROXY}' -U pu:nope '{URL}/'
}

@test "--proxy-header: after -H, to the proxy only; it can drop Proxy-Connection" {
	start_origin
	start_proxy
	run_httpc -sS -x "$PROXY" -H 'X-H: 1' --proxy-header 'X-P: 2' \
	    --proxy-header 'Proxy-Connection:' -e ref -b c=1 "$ORIGIN/h"
	assert_success
	grep -a '^X-' "$PROXY_LOG/req-1.bin" | tr -d '\r' >got
	printf 'X-H: 1\nX-P: 2\n' >want
	assert_same_file want got
	no_field "$PROXY_LOG/req-1.bin" Proxy-Connection
	proxy_compare echo "" -v -x '{PROXY}' -U a:b -H 'X-H: 1' \
	    --proxy-header 'X-P: 2' --proxy-header 'Proxy-Connection:' \
	    -e ref -b c=1 '{URL}/h'
}

@test "-x: several URLs to one origin share the connection to the proxy" {
	start_origin
	start_proxy
	run_httpc -sS -x "$PROXY" "$ORIGIN/1" "$ORIGIN/2"
	assert_success
	assert_equal "$(server_conns "$PROXY_LOG")" 1
	proxy_compare echo "" -x '{PROXY}' '{URL}/1' '{URL}/2'
}

@test "-x: --resolve applies to the proxy's name too, as curl" {
	start_origin
	start_proxy
	pp=${PROXY#*:}
	run_httpc -sS -x "myproxy.invalid:$pp" \
	    --resolve "myproxy.invalid:$pp:127.0.0.1" "$ORIGIN/r"
	assert_success
	assert_equal "$(reqs "$PROXY_LOG")" "GET $ORIGIN/r HTTP/1.1"
	have_curl || skip "curl not installed: no comparison"
	run_curl -sS -x "myproxy.invalid:$pp" \
	    --resolve "myproxy.invalid:$pp:127.0.0.1" "$ORIGIN/r"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 2
}

@test "-x: a proxy that cannot be resolved is exit 5" {
	# An empty label: the resolver refuses it without asking DNS.
	start_origin
	run_httpc -sS -x a..b:3128 "$ORIGIN/"
	assert_exit 5
	assert_output ""
	[[ $stderr == *"(5) "*"a..b"* ]] || fail "stderr: $stderr"
	assert_equal "$(server_requests "$ORIGIN_LOG")" 0
}

@test "-x: a proxy that refuses the connection is exit 7" {
	start_origin
	port=$(free_port)
	run_httpc -sS -x "127.0.0.1:$port" "$ORIGIN/"
	assert_exit 7
	[[ $stderr == *"(7) "*"127.0.0.1 port $port"* ]] ||
	    fail "stderr: $stderr"
}

@test "-x: bad proxy strings and schemes, with curl's codes" {
	run_httpc -sS -x 'http://:8080' "http://127.0.0.1:9/"
	assert_exit 5
	[[ $stderr == *"Unsupported proxy syntax in 'http://:8080'"* ]] ||
	    fail "stderr: $stderr"
	run_httpc -sS -x 'foo://127.0.0.1:8080' "http://127.0.0.1:9/"
	assert_exit 7
	# Not built in (curl has SOCKS: it tries, and finds nobody there).
	run_httpc -sS -x "socks5://127.0.0.1:$(free_port)" "http://127.0.0.1:9/"
	assert_exit 4 7
	run_httpc -sS -x 'http://u:secret@:1' "http://127.0.0.1:9/"
	assert_exit 5
	[[ $stderr != *secret* ]] || fail "the password was shown: $stderr"
}

# ------------------------------------------------------------ tunnels

@test "-p: CONNECT as curl writes it, -U in it only, the request through" {
	start_origin
	start_proxy
	run_httpc -sS -p -x "$PROXY" -U pu:pw -A agent "$ORIGIN/t"
	assert_success
	assert_equal "$(reqs "$PROXY_LOG")" "CONNECT 127.0.0.1:$ORIGIN_PORT HTTP/1.1"
	assert_file_bytes "$PROXY_LOG/req-1.bin" "CONNECT 127.0.0.1:$ORIGIN_PORT HTTP/1.1\r\nHost: 127.0.0.1:$ORIGIN_PORT\r\nProxy-Authorization: Basic $(printf pu:pw | base64)\r\nUser-Agent: agent\r\nProxy-Connection: Keep-Alive\r\n\r\n"
	assert_equal "$(reqs "$ORIGIN_LOG")" "GET /t HTTP/1.1"
	no_field "$ORIGIN_LOG/req-1.bin" Proxy-Authorization
	no_field "$ORIGIN_LOG/req-1.bin" Proxy-Connection
	proxy_compare echo "" -v -p -x '{PROXY}' -U pu:pw '{URL}/t'
}

@test "-p: --proxy-header goes in CONNECT only, -H to the origin only" {
	start_origin
	start_proxy
	run_httpc -sS -p -x "$PROXY" -H 'X-H: 1' --proxy-header 'X-P: 2' \
	    --proxy-header 'User-Agent: pua' "$ORIGIN/t"
	assert_success
	assert_equal "$(field "$PROXY_LOG/req-1.bin" X-P)" 2
	assert_equal "$(field "$PROXY_LOG/req-1.bin" User-Agent)" pua
	no_field "$PROXY_LOG/req-1.bin" X-H
	assert_equal "$(field "$ORIGIN_LOG/req-1.bin" X-H)" 1
	no_field "$ORIGIN_LOG/req-1.bin" X-P
	proxy_compare echo "" -v -p -x '{PROXY}' -H 'X-H: 1' \
	    --proxy-header 'X-P: 2' --proxy-header 'User-Agent: pua' '{URL}/t'
}

@test "-p with -H Proxy-Authorization: not in CONNECT, and not leaked to the origin" {
	# curl 7.88 sends it through the tunnel to the origin; httpc drops
	# it and says so under -v.
	start_origin
	start_proxy
	run_httpc -sS -v -p -x "$PROXY" -H 'Proxy-Authorization: Basic c2VjcmV0' \
	    "$ORIGIN/t"
	assert_success
	no_field "$PROXY_LOG/req-1.bin" Proxy-Authorization
	no_field "$ORIGIN_LOG/req-1.bin" Proxy-Authorization
	[[ $stderr == *"Not sending the -H Proxy-Authorization through the tunnel"* ]] ||
	    fail "no -v note: $stderr"
}

@test "-p -i and -D: the CONNECT reply head comes before the origin's" {
	start_origin
	start_proxy
	run_httpc -sS -i -p -x "$PROXY" -D dump -w '%{http_connect}\n' \
	    "$ORIGIN/i"
	assert_success
	[ "${lines[0]}" = $'HTTP/1.1 200 Connection established\r' ] ||
	    fail "first line: ${lines[0]}"
	[ "${lines[1]}" = $'\r' ] || fail "second line: ${lines[1]}"
	[ "${lines[2]}" = $'HTTP/1.1 200 OK\r' ] || fail "third line: ${lines[2]}"
	assert_equal "$(head -n 1 dump | tr -d '\r')" \
	    "HTTP/1.1 200 Connection established"
	assert_equal "${lines[${#lines[@]} - 1]}" 200
	proxy_compare echo "" -v -i -p -x '{PROXY}' -w '%{http_connect}\n' \
	    '{URL}/i' '{URL}/again'
}

@test "CONNECT refused (403): exit 56 with the status, nothing to the origin" {
	start_origin
	start_proxy --connect-status 403
	run_httpc -sS -p -x "$PROXY" "$ORIGIN/"
	assert_exit 56
	assert_output ""
	[[ $stderr == *"(56) CONNECT tunnel failed, response 403"* ]] ||
	    fail "stderr: $stderr"
	assert_equal "$(server_requests "$ORIGIN_LOG")" 0
	proxy_compare echo "--connect-status 403" -p -x '{PROXY}' '{URL}/'
}

@test "CONNECT refused (407): -i shows the proxy's head, %{http_connect} its code" {
	printf 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="p"\r\nContent-Length: 5\r\n\r\nnope!' >reply407
	start_origin
	start_proxy --connect-reply "$BATS_TEST_TMPDIR/reply407"
	run_httpc -sS -i -p -x "$PROXY" -w '%{http_connect} %{http_code}\n' \
	    "$ORIGIN/"
	assert_exit 56
	assert_stdout 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="p"\r\nContent-Length: 5\r\n\r\n407 000\n'
	[[ $stderr == *"response 407"* ]] || fail "stderr: $stderr"
	proxy_compare echo "--connect-reply $BATS_TEST_TMPDIR/reply407" -v -i \
	    -p -x '{PROXY}' -w '%{http_connect} %{http_code}\n' '{URL}/'
}

@test "https:// through a proxy: always a tunnel, TLS to the origin verified" {
	make_pki
	start_s_server valid -cert_chain "$PKI/inter.pem"
	start_proxy
	run_httpc -sS -x "$PROXY" -U pu:pw --cacert "$PKI/root.pem" \
	    "https://localhost:$TLS_PORT/"
	assert_success
	assert_output --partial "s_server"
	assert_equal "$(reqs "$PROXY_LOG")" "CONNECT localhost:$TLS_PORT HTTP/1.1"
	assert_equal "$(field "$PROXY_LOG/req-1.bin" Proxy-Authorization)" \
	    "Basic $(printf pu:pw | base64)"
	# Without the CA the origin's certificate is refused, tunnel or not.
	run_httpc -sS -x "$PROXY" "https://localhost:$TLS_PORT/"
	assert_exit 60
}

# ------------------------------------------------------------ environment

@test "http_proxy is read, HTTP_PROXY never (httpoxy)" {
	start_origin
	start_proxy
	http_proxy=http://$PROXY run_httpc -sS -v "$ORIGIN/env"
	assert_success
	[[ $stderr == *"Uses proxy env variable http_proxy == 'http://$PROXY'"* ]] ||
	    fail "no -v note: $stderr"
	assert_equal "$(server_requests "$PROXY_LOG")" 1
	HTTP_PROXY=http://$PROXY run_httpc -sS "$ORIGIN/env"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 1
	assert_equal "$(server_requests "$ORIGIN_LOG")" 2
}

@test "all_proxy, then ALL_PROXY, when no scheme variable is set" {
	start_origin
	start_proxy
	ALL_PROXY=http://$PROXY run_httpc -sS "$ORIGIN/all"
	assert_success
	assert_equal "$(reqs "$PROXY_LOG")" "GET $ORIGIN/all HTTP/1.1"
	all_proxy=http://$PROXY ALL_PROXY=http://127.0.0.1:9 \
	    run_httpc -sS "$ORIGIN/all"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 2
}

@test "https_proxy and HTTPS_PROXY for https:// URLs, not for http://" {
	start_origin
	start_proxy
	# The origin speaks no TLS: the CONNECT in the proxy's log is the
	# point; -m ends the handshake that waits on it.
	HTTPS_PROXY=http://$PROXY run_httpc -sS -m 2 "https://127.0.0.1:$ORIGIN_PORT/"
	assert_equal "$(reqs "$PROXY_LOG")" "CONNECT 127.0.0.1:$ORIGIN_PORT HTTP/1.1"
	https_proxy=http://$PROXY run_httpc -sS "$ORIGIN/plain"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 1
}

@test "no_proxy: '*', names and suffixes, IPs and CIDR ranges" {
	start_origin
	start_proxy
	export http_proxy=http://$PROXY
	n=0
	for np in '*' 127.0.0.1 127.0.0.0/8 '10.0.0.1, 127.0.0.1' \
	    '::1 127.0.0.1/32'; do
		no_proxy=$np run_httpc -sS "$ORIGIN/direct"
		assert_success
	done
	no_proxy=localhost run_httpc -sS "http://localhost:$ORIGIN_PORT/x"
	assert_success
	NO_PROXY=example.com run_httpc -sS \
	    --resolve "www.example.com:$ORIGIN_PORT:127.0.0.1" \
	    "http://www.example.com:$ORIGIN_PORT/suffix"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 0
	assert_equal "$(server_requests "$ORIGIN_LOG")" 7
	for np in 10.0.0.0/8 127.0.0.2 example.com xample.com:80; do
		no_proxy=$np run_httpc -sS "$ORIGIN/proxied"
		assert_success
		n=$((n + 1))
	done
	# Not an address: the proxy refuses it (403), so it got the request.
	NO_PROXY=xample.com run_httpc -sS "http://www.example.com:$ORIGIN_PORT/"
	assert_equal "$(server_requests "$PROXY_LOG")" $((n + 1))
	no_proxy=127.0.0.0/8 proxy_compare echo "" -v \
	    -x '{PROXY}' '{URL}/cidr'
}

@test "--noproxy beats no_proxy, and beats -x; -x '' ignores the environment" {
	start_origin
	start_proxy
	no_proxy='*' run_httpc -sS -x "$PROXY" --noproxy '' "$ORIGIN/1"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 1
	run_httpc -sS -x "$PROXY" --noproxy 127.0.0.1 "$ORIGIN/2"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 1
	http_proxy=http://$PROXY run_httpc -sS -x '' "$ORIGIN/3"
	assert_success
	assert_equal "$(server_requests "$PROXY_LOG")" 1
	assert_equal "$(server_requests "$ORIGIN_LOG")" 3
	no_proxy='*' proxy_compare echo "" -x '{PROXY}' --noproxy '' '{URL}/1'
}

@test "-L: the proxy is chosen again for each hop" {
	start_echo_server
	other=$PORT
	start_origin - <<EOF
request
sendraw "HTTP/1.1 302 Found\r\nLocation: http://localhost:$other/next\r\nContent-Length: 0\r\n\r\n"
EOF
	start_proxy
	run_httpc -sS -L -x "$PROXY" --noproxy localhost "$ORIGIN/first"
	assert_success
	assert_output --partial "GET /next HTTP/1.1"
	assert_equal "$(reqs "$PROXY_LOG")" "GET $ORIGIN/first HTTP/1.1"
	assert_equal "$(server_requests "$ORIGIN_LOG")" 1
}

@test "--unix-socket: no proxy, as curl" {
	sock=$BATS_TEST_TMPDIR/s.sock
	_start_httpd --mode echo --unix "$sock"
	start_proxy
	run_httpc -sS -x "$PROXY" --unix-socket "$sock" http://x/u
	assert_success
	assert_output --partial "GET /u HTTP/1.1"
	assert_equal "$(server_requests "$PROXY_LOG")" 0
}

# ------------------------------------------------------------ tinyproxy

@test "tinyproxy: -x with -U (BasicAuth), nothing of it reaches the origin" {
	start_origin
	start_tinyproxy "BasicAuth pu pw"
	run_httpc -sS -x "$TINYPROXY" -U pu:pw "$ORIGIN/tiny"
	assert_success
	assert_output --partial "GET /tiny HTTP/1.1"
	no_field "$ORIGIN_LOG/req-1.bin" Proxy-Authorization
	run_httpc -sS -x "$TINYPROXY" -U pu:bad -w '%{http_code}' "$ORIGIN/tiny"
	assert_success
	assert_output --partial 401
	assert_equal "$(server_requests "$ORIGIN_LOG")" 1
}

@test "tinyproxy: -p tunnel, and a refused CONNECT is exit 56" {
	start_origin
	start_tinyproxy "BasicAuth pu pw"
	run_httpc -sS -i -p -x "$TINYPROXY" -U pu:pw "$ORIGIN/tunnel"
	assert_success
	[[ ${lines[0]} == "HTTP/1.0 200 Connection established"* ]] ||
	    fail "first line: ${lines[0]}"
	assert_output --partial "GET /tunnel HTTP/1.1"
	no_field "$ORIGIN_LOG/req-1.bin" Proxy-Authorization
	run_httpc -sS -p -x "$TINYPROXY" -U pu:bad "$ORIGIN/tunnel"
	assert_exit 56
	[[ $stderr == *"CONNECT tunnel failed, response 40"* ]] ||
	    fail "stderr: $stderr"
	assert_equal "$(server_requests "$ORIGIN_LOG")" 1
}

@test "tinyproxy: https:// through its tunnel, verified" {
	make_pki
	start_s_server valid -cert_chain "$PKI/inter.pem"
	start_tinyproxy
	run_httpc -sS -x "$TINYPROXY" --cacert "$PKI/root.pem" \
	    "https://localhost:$TLS_PORT/"
	assert_success
	assert_output --partial "s_server"
}
