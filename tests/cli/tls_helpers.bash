# tests/cli/tls_helpers.bash -- TLS peers for tls.bats, on top of common.bash.
#
#   make_pki               the test PKI (pki.sh) in $BATS_FILE_TMPDIR/pki,
#                          once per file; exports PKI
#   start_s_server NAME [S_SERVER-OPTIONS...]
#                          openssl s_server -www on 127.0.0.1 with the leaf
#                          $PKI/NAME.pem; exports TLS_PORT, TLS_PID
#   start_nginx_tls NAME [SERVER-DIRECTIVES...]
#                          nginx with ssl on 127.0.0.1, the leaf NAME and
#                          the intermediate, serving NGINX_ROOT; exports
#                          NGINX_PORT, NGINX_PID, NGINX_LOG, NGINX_DIR
#   stop_tls_servers       stops them all (by PID); call from teardown
#   tls13_build            true when the httpc under test has TLS 1.3
#   fake_name NAME         NAME:$TLS_PORT:127.0.0.1, for --resolve with a
#                          name of the test PKI
#
# Every server listens on 127.0.0.1 only and is stopped by its PID.

_TLS_PIDS=()

make_pki() {
	PKI=$BATS_FILE_TMPDIR/pki
	if [ ! -f "$PKI/root.pem" ]; then
		sh "$CLI_DIR/pki.sh" "$PKI" >/dev/null ||
		    fail "pki.sh failed: $(tail -5 "$PKI/openssl.log")"
		cat "$PKI/root.pem" "$PKI/inter.pem" >"$PKI/cas.pem"
	fi
	export PKI
}

# start_s_server NAME [OPTIONS...]: the certificate alone unless OPTIONS
# add -cert_chain "$PKI/inter.pem".
start_s_server() {
	local name=$1 i port
	shift
	command -v openssl >/dev/null || skip "openssl not installed"
	for ((i = 0; i < 3; i++)); do
		port=$(free_port)
		TLS_LOG=$BATS_TEST_TMPDIR/s_server.$port.log
		# s_server prints its accepts on stdout; stdin is not a console.
		openssl s_server -accept "127.0.0.1:$port" \
		    -cert "$PKI/$name.pem" -key "$PKI/$name.key" -www -quiet \
		    "$@" </dev/null >"$TLS_LOG" 2>&1 3>&- &
		TLS_PID=$!
		if _wait_port "$port" "$TLS_PID"; then
			break
		fi
		_stop_pid "$TLS_PID"
		TLS_PID=
		grep -q 'Address already in use' "$TLS_LOG" || break
	done
	[ -n "$TLS_PID" ] || fail "s_server did not start: $(cat "$TLS_LOG")"
	_TLS_PIDS+=("$TLS_PID")
	TLS_PORT=$port
	export TLS_PORT TLS_PID TLS_LOG
}

# start_nginx_tls NAME [DIRECTIVES...]: each directive a line inside the
# server block ("ssl_verify_client on;").
start_nginx_tls() {
	local name=$1 d i port
	shift
	command -v nginx >/dev/null || skip "nginx not installed"
	[ -n "${NGINX_ROOT:-}" ] || fail "start_nginx_tls: NGINX_ROOT unset"
	d=$(mktemp -d "$BATS_TEST_TMPDIR/nginx.XXXXXX")
	for ((i = 0; i < 3; i++)); do
		port=$(free_port)
		_nginx_tls_conf "$d" "$port" "$name" "$@" >"$d/nginx.conf"
		: >"$d/error.log"
		nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" \
		    >"$d/stdout" 2>&1 3>&- &
		NGINX_PID=$!
		if _wait_port "$port" "$NGINX_PID"; then
			break
		fi
		_stop_pid "$NGINX_PID"
		NGINX_PID=
		grep -q 'Address already in use' "$d/error.log" || break
	done
	[ -n "$NGINX_PID" ] ||
	    fail "nginx did not start: $(cat "$d/error.log" "$d/stdout")"
	_TLS_PIDS+=("$NGINX_PID")
	NGINX_PORT=$port
	NGINX_DIR=$d
	NGINX_LOG=$d/access.log
	export NGINX_PORT NGINX_PID NGINX_DIR NGINX_LOG
}

_nginx_tls_conf() {
	local d=$1 port=$2 name=$3 line
	shift 3
	cat <<EOF
daemon off;
master_process on;
worker_processes 1;
$([ "$(id -u)" = 0 ] && echo 'user root;  # files in a 0700 temp dir')
pid $d/nginx.pid;
lock_file $d/nginx.lock;
error_log $d/error.log info;
events { worker_connections 64; }
http {
    default_type application/octet-stream;
    log_format httpc '\$connection \$connection_requests \$status '
        '\$body_bytes_sent "\$request" \$ssl_protocol \$ssl_session_reused '
        '"\$ssl_client_s_dn"';
    access_log $d/access.log httpc;
    client_body_temp_path $d/body;
    proxy_temp_path $d/proxy;
    fastcgi_temp_path $d/fastcgi;
    uwsgi_temp_path $d/uwsgi;
    scgi_temp_path $d/scgi;
    keepalive_timeout 30;
    server {
        listen 127.0.0.1:$port ssl;
        server_name localhost;
        ssl_certificate $PKI/$name-chain.pem;
        ssl_certificate_key $PKI/$name.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root $NGINX_ROOT;
        location / { }
$(for line; do echo "        $line"; done)
    }
}
EOF
}

stop_tls_servers() {
	local pid
	for pid in "${_TLS_PIDS[@]}"; do
		_stop_pid "$pid"
	done
	_TLS_PIDS=()
}

tls13_build() {
	"$HTTPC" --version 2>/dev/null | grep -qi 'TLS *1\.3\|TLSv1\.3'
}

fake_name() {
	echo "$1:$TLS_PORT:127.0.0.1"
}
