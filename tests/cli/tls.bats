#!/usr/bin/env bats
# shellcheck disable=SC2154 # stderr: set by run_client (common.bash)
# tls.bats -- HTTPS against real TLS peers on 127.0.0.1 (openssl s_server
# and nginx), with a PKI made at test time by pki.sh: verification and its
# messages, host names (RFC 6125), client certificates, TLS versions and
# floors, resumption, reuse and a 100 MB download.  The expected exit codes
# are curl's.  TLS 1.3 cases depend on the build: `httpc --version` says
# whether its mbedTLS (3.6) has TLS 1.3; on 2.28 they expect a clean 35/4.

load common
load tls_helpers

setup_file() {
	make_pki
}

setup() {
	common_setup
	make_pki
	CA=(--cacert "$PKI/root.pem")
	# The CA the tests mean, not the one a developer's shell names.
	unset CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR
}

teardown() {
	stop_tls_servers
	common_teardown
}

# s_server's -www page names the session: "New, TLSv1.2, ..." or "Reused, ..."
www_session() {
	grep -a -o '^\(New\|Reused\), TLSv1\.[0-9]' <<<"$1"
}

# ------------------------------------------------------------ verification

@test "tls: a valid chain verifies (leaf and intermediate sent)" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 0
	assert_output --partial "s_server"
}

@test "tls: -v shows version, cipher, ALPN, certificate and verify result" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -alpn http/1.1
	run_httpc -sS -v "${CA[@]}" -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
	[[ $stderr == *"* SSL connection using TLSv1."*" / "* ]] ||
	    fail "no version and cipher: $stderr"
	[[ $stderr == *"ALPN: server accepted http/1.1"* ]] || fail "$stderr"
	[[ $stderr == *"subject: CN=localhost"* ]] || fail "$stderr"
	[[ $stderr == *"issuer: CN=httpc Test Intermediate CA"* ]] ||
	    fail "$stderr"
	[[ $stderr == *"start date: "* && $stderr == *"expire date: "* ]] ||
	    fail "$stderr"
	[[ $stderr == *"DNS:localhost, DNS:test.httpc.example, IP:127.0.0.1"* ]] ||
	    fail "no SANs: $stderr"
	[[ $stderr == *"SSL certificate verify ok."* ]] || fail "$stderr"
}

@test "tls: expired certificate: 60, with its notAfter" {
	start_s_server expired -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name expired.httpc.example)" \
	    "https://expired.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"certificate has expired (notAfter 2020-12-31 23:59:59 UTC)"* ]] ||
	    fail "$stderr"
}

@test "tls: certificate not yet valid: 60, with its notBefore" {
	start_s_server notyet -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name notyet.httpc.example)" \
	    "https://notyet.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"not yet valid (notBefore 2099-01-01 00:00:00 UTC)"* ]] ||
	    fail "$stderr"
}

@test "tls: wrong host name: 60, naming what the certificate has" {
	start_s_server wrongname -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"no alternative certificate subject name matches target host name 'localhost' (certificate names: other.httpc.example, another.httpc.example)"* ]] ||
	    fail "$stderr"
}

@test "tls: self-signed certificate: 60" {
	start_s_server selfsigned
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"self-signed certificate"* ]] || fail "$stderr"
}

@test "tls: unknown CA: 60" {
	start_s_server unknown
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"unable to get local issuer certificate"* ]] ||
	    fail "$stderr"
	[[ $stderr == *"httpc Unknown Root CA"* ]] || fail "$stderr"
}

@test "tls: a server that omits the intermediate: 60, and says so" {
	start_s_server valid
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"unable to get local issuer certificate"* ]] ||
	    fail "$stderr"
	[[ $stderr == *"intermediate may be missing"* ]] || fail "$stderr"
	# with the intermediate among the trusted ones it verifies
	run_httpc -sS --cacert "$PKI/cas.pem" -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: wildcard matches one whole left-most label only" {
	start_s_server wildcard -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name a.wild.httpc.example)" -o /dev/null \
	    "https://a.wild.httpc.example:$TLS_PORT/"
	assert_exit 0
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name a.b.wild.httpc.example)" \
	    "https://a.b.wild.httpc.example:$TLS_PORT/"
	assert_exit 60
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name wild.httpc.example)" \
	    "https://wild.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"(certificate names: *.wild.httpc.example)"* ]] ||
	    fail "$stderr"
}

@test "tls: a wildcard over a single label (*.example) never matches" {
	start_s_server tldwild -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name host.example)" \
	    "https://host.example:$TLS_PORT/"
	assert_exit 60
}

@test "tls: IP address SAN matches the IP literal, without SNI" {
	start_s_server ip -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" -o /dev/null "https://127.0.0.1:$TLS_PORT/"
	assert_exit 0
}

@test "tls: an IP literal never matches a DNS name that spells it" {
	start_s_server ipdns -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" "https://127.0.0.1:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"DNS:127.0.0.1"* ]] || fail "$stderr"
}

@test "tls: CN-only certificate (no subjectAltName): 60, no CN fallback" {
	start_s_server cnonly -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name cnonly.httpc.example)" \
	    "https://cnonly.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"no subjectAltName"* ]] || fail "$stderr"
}

@test "tls: a trailing dot in the host name is the same name" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name test.httpc.example.)" -o /dev/null \
	    "https://test.httpc.example.:$TLS_PORT/"
	assert_exit 0
}

@test "tls: SHA-1 signed, RSA 1024 and clientAuth-only certificates: 60" {
	start_s_server sha1 -cert_chain "$PKI/inter.pem" \
	    -cipher 'DEFAULT@SECLEVEL=0'
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name sha1.httpc.example)" \
	    "https://sha1.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"SHA-1"* ]] || fail "$stderr"
	stop_tls_servers
	start_s_server rsa1024 -cert_chain "$PKI/inter.pem" \
	    -cipher 'DEFAULT@SECLEVEL=0'
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name weak.httpc.example)" \
	    "https://weak.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"too weak"* ]] || fail "$stderr"
	stop_tls_servers
	start_s_server eku -cert_chain "$PKI/inter.pem"
	run_httpc -sS "${CA[@]}" --resolve "$(fake_name eku.httpc.example)" \
	    "https://eku.httpc.example:$TLS_PORT/"
	assert_exit 60
	[[ $stderr == *"serverAuth"* ]] || fail "$stderr"
}

@test "tls: -k accepts a bad certificate and -v says what is wrong" {
	start_s_server expired -cert_chain "$PKI/inter.pem"
	run_httpc -sS -k -v "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 0
	assert_output --partial "s_server"
	[[ $stderr == *"certificate has expired"*"continuing anyway"* ]] ||
	    fail "$stderr"
	stop_tls_servers
	start_s_server selfsigned
	run_httpc -sS -k -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: verification is on by default: the test CA is not trusted" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	run_httpc -sS -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 60
}

@test "tls: SSL_CERT_FILE, SSL_CERT_DIR, CURL_CA_BUNDLE and --capath" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	SSL_CERT_FILE=$PKI/root.pem run_httpc -sS -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	CURL_CA_BUNDLE=$PKI/root.pem run_httpc -sS -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	mkdir -p "$BATS_TEST_TMPDIR/cadir"
	cp "$PKI/root.pem" "$BATS_TEST_TMPDIR/cadir/"
	# OpenSSL (curl) wants hashed names in a CA directory; mbedTLS reads
	# every file.
	openssl rehash "$BATS_TEST_TMPDIR/cadir" 2>/dev/null || true
	SSL_CERT_DIR=$BATS_TEST_TMPDIR/cadir run_httpc -sS -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	run_httpc -sS --capath "$BATS_TEST_TMPDIR/cadir" -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: a CA file that cannot be read: 77" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	run_httpc -sS --cacert "$BATS_TEST_TMPDIR/none.pem" \
	    "https://localhost:$TLS_PORT/"
	assert_exit 77
	printf 'not a certificate\n' >"$BATS_TEST_TMPDIR/junk.pem"
	run_httpc -sS --cacert "$BATS_TEST_TMPDIR/junk.pem" \
	    "https://localhost:$TLS_PORT/"
	assert_exit 77
}

# ------------------------------------------------------------ client certificates

@test "tls: client certificate required, none given: 35" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_2 \
	    -Verify 2 -CAfile "$PKI/cas.pem"
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 35
}

@test "tls: client certificate with a plain key, and an ECDSA one" {
	start_s_server valid -cert_chain "$PKI/inter.pem" \
	    -Verify 2 -CAfile "$PKI/cas.pem"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" --key "$PKI/client.key" \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	assert_output --partial "s_server"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client-ec.pem" \
	    --key "$PKI/client-ec.key" -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
	# certificate and key in one file, no --key
	cat "$PKI/client.pem" "$PKI/client.key" >"$BATS_TEST_TMPDIR/both.pem"
	run_httpc -sS "${CA[@]}" --cert "$BATS_TEST_TMPDIR/both.pem" \
	    -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: encrypted client key with --pass and with --cert FILE:PASS" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_2 \
	    -Verify 2 -CAfile "$PKI/cas.pem"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" \
	    --key "$PKI/client-trad.key" --pass secret -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem:secret" \
	    --key "$PKI/client-p8sha1.key" -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" \
	    --key "$PKI/client-p12.key" --pass secret -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: encrypted key without or with a wrong passphrase: 58" {
	start_s_server valid -cert_chain "$PKI/inter.pem" \
	    -Verify 2 -CAfile "$PKI/cas.pem"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" \
	    --key "$PKI/client-trad.key" "https://localhost:$TLS_PORT/"
	assert_exit 58 58
	[[ $stderr == *"encrypted"* ]] || fail "$stderr"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" \
	    --key "$PKI/client-trad.key" --pass wrong \
	    "https://localhost:$TLS_PORT/"
	assert_exit 58
	[[ $stderr == *"wrong passphrase"* ]] || fail "$stderr"
}

@test "tls: a key that is not the certificate's: 58" {
	start_s_server valid -cert_chain "$PKI/inter.pem" \
	    -Verify 2 -CAfile "$PKI/cas.pem"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" --key "$PKI/other.key" \
	    "https://localhost:$TLS_PORT/"
	assert_exit 58
	[[ $stderr == *"does not belong"* ]] || fail "$stderr"
	run_httpc -sS "${CA[@]}" --cert "$BATS_TEST_TMPDIR/none.pem" \
	    "https://localhost:$TLS_PORT/"
	assert_exit 58
}

@test "tls: OpenSSL 3's default encrypted PKCS#8: works on 3.6, 58 naming the formats on 2.28" {
	start_s_server valid -cert_chain "$PKI/inter.pem" \
	    -Verify 2 -CAfile "$PKI/cas.pem"
	run_httpc -sS "${CA[@]}" --cert "$PKI/client.pem" \
	    --key "$PKI/client-p8.key" --pass secret -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	if "$HTTPC" --version | grep -q 'mbedTLS 2\.'; then
		assert_exit 58
		[[ $stderr == *"Formats that work"*"-traditional"* ]] ||
		    fail "$stderr"
	else
		assert_exit 0
	fi
}

@test "tls: nginx asks for a client certificate (ssl_verify_client)" {
	export NGINX_ROOT=$BATS_TEST_TMPDIR/www
	mkdir -p "$NGINX_ROOT"
	printf 'hello over TLS\n' >"$NGINX_ROOT/index.html"
	chmod -R a+rX "$NGINX_ROOT"
	start_nginx_tls valid "ssl_client_certificate $PKI/cas.pem;" \
	    "ssl_verify_client on;" "ssl_verify_depth 2;"
	run_httpc -sS -f "${CA[@]}" "https://localhost:$NGINX_PORT/"
	assert_exit 22
	run_httpc -sS -f "${CA[@]}" --cert "$PKI/client.pem" \
	    --key "$PKI/client.key" "https://localhost:$NGINX_PORT/"
	assert_exit 0
	assert_output "hello over TLS"
	wait_for_lines "$NGINX_LOG" 2
	grep -q 'CN=httpc test client' "$NGINX_LOG" ||
	    fail "nginx saw no client certificate: $(cat "$NGINX_LOG")"
}

# ------------------------------------------------------------ versions and floors

@test "tls: TLS 1.3-only server: works with TLS 1.3, a clean 35 without" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_3
	run_httpc -sS -v "${CA[@]}" -o /dev/null "https://localhost:$TLS_PORT/"
	if tls13_build; then
		assert_exit 0
		[[ $stderr == *"TLSv1.3"* ]] || fail "$stderr"
	else
		assert_exit 35
		[[ $stderr == *"TLS 1.3"* ]] || fail "$stderr"
	fi
}

@test "tls: TLS 1.0-only and 1.1-only servers are refused (35), -k too" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1 \
	    -cipher 'DEFAULT@SECLEVEL=0'
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 35
	run_httpc -sS -k "https://localhost:$TLS_PORT/"
	assert_exit 35
	stop_tls_servers
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_1 \
	    -cipher 'DEFAULT@SECLEVEL=0'
	run_httpc -sS -k "https://localhost:$TLS_PORT/"
	assert_exit 35
}

@test "tls: --tlsv1.3: 4 on a build without it, else TLS 1.3 is required" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_2
	run_httpc -sS --tlsv1.3 "${CA[@]}" "https://localhost:$TLS_PORT/"
	if tls13_build; then
		assert_exit 35
	else
		assert_exit 4
		[[ $stderr == *"not available in this build"* ]] || fail "$stderr"
	fi
}

@test "tls: --tls-max 1.2 and --tlsv1.2" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	run_httpc -sS -v --tls-max 1.2 "${CA[@]}" -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
	[[ $stderr == *"SSL connection using TLSv1.2"* ]] || fail "$stderr"
	run_httpc -sS --tlsv1.2 "${CA[@]}" -o /dev/null \
	    "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: a 1024-bit DHE group is refused (35), 2048 bits works" {
	start_s_server rsa -cert_chain "$PKI/inter.pem" -tls1_2 \
	    -dhparam "$PKI/dh1024.pem" \
	    -cipher 'DHE-RSA-AES128-GCM-SHA256@SECLEVEL=0'
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/"
	assert_exit 35
	stop_tls_servers
	start_s_server rsa -cert_chain "$PKI/inter.pem" -tls1_2 \
	    -dhparam "$PKI/dh2048.pem" -cipher 'DHE-RSA-AES128-GCM-SHA256'
	run_httpc -sS "${CA[@]}" -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: an RSA server certificate, TLS 1.2 only" {
	start_s_server rsa -cert_chain "$PKI/inter.pem" -tls1_2
	run_httpc -sS "${CA[@]}" -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
}

@test "tls: --ciphers takes OpenSSL and IANA names, refuses unknown ones" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_2
	run_httpc -sS -v "${CA[@]}" --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 \
	    -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
	[[ $stderr == *"AES-128-GCM"* || $stderr == *"AES128-GCM"* ]] ||
	    fail "$stderr"
	run_httpc -sS -v "${CA[@]}" \
	    --ciphers TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 \
	    -o /dev/null "https://localhost:$TLS_PORT/"
	assert_exit 0
	[[ $stderr == *"AES-256-GCM"* || $stderr == *"AES256-GCM"* ]] ||
	    fail "$stderr"
	run_httpc -sS "${CA[@]}" --ciphers NO-SUCH-CIPHER \
	    "https://localhost:$TLS_PORT/"
	assert_exit 59
	[[ $stderr == *"unknown cipher suite 'NO-SUCH-CIPHER'"* ]] ||
	    fail "$stderr"
}

@test "tls: a plain HTTP server on an https URL: 35" {
	start_server - <<'EOF'
request
send "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
close
EOF
	run_httpc -sS "${CA[@]}" "https://127.0.0.1:$PORT/"
	assert_exit 35
}

@test "tls: a server that never answers the handshake: 28 under -m" {
	local port_file=$BATS_TEST_TMPDIR/silent.port
	"$PYTHON" -I -S -c 'import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
c, _ = s.accept()
time.sleep(20)' "$port_file" 3>&- &
	_TLS_PIDS+=("$!")
	for ((i = 0; i < 100; i++)); do
		[ -s "$port_file" ] && break
		sleep 0.05
	done
	run_httpc -sS -m 1 "${CA[@]}" "https://127.0.0.1:$(cat "$port_file")/"
	assert_exit 28
}

# ------------------------------------------------------------ sessions and bodies

@test "tls: a new connection to the same host resumes the session" {
	start_s_server valid -cert_chain "$PKI/inter.pem"
	# -www answers HTTP/1.0 and closes: the second URL needs a new
	# connection, and s_server's page says whether it was resumed.
	run_httpc -sS -v "${CA[@]}" "https://localhost:$TLS_PORT/a" \
	    "https://localhost:$TLS_PORT/b"
	assert_exit 0
	[ "$(www_session "$output" | head -1 | cut -d, -f1)" = New ] ||
	    fail "first: $(www_session "$output")"
	[ "$(www_session "$output" | sed -n 2p | cut -d, -f1)" = Reused ] ||
	    fail "not resumed: $(www_session "$output")"
	[[ $stderr == *"SSL session resumed"* ]] || fail "$stderr"
}

@test "tls: resumption with TLS 1.2 session tickets too" {
	start_s_server valid -cert_chain "$PKI/inter.pem" -tls1_2
	run_httpc -sS "${CA[@]}" "https://localhost:$TLS_PORT/a" \
	    "https://localhost:$TLS_PORT/b"
	assert_exit 0
	[ "$(www_session "$output" | sed -n 2p)" = "Reused, TLSv1.2" ] ||
	    fail "not resumed: $(www_session "$output")"
}

@test "tls: nginx: one connection for several URLs, ALPN http/1.1" {
	export NGINX_ROOT=$BATS_TEST_TMPDIR/www
	mkdir -p "$NGINX_ROOT"
	printf 'one\n' >"$NGINX_ROOT/1.txt"
	printf 'two\n' >"$NGINX_ROOT/2.txt"
	printf 'three\n' >"$NGINX_ROOT/3.txt"
	chmod -R a+rX "$NGINX_ROOT"
	start_nginx_tls valid
	run_httpc -sS -v "${CA[@]}" "https://localhost:$NGINX_PORT/1.txt" \
	    "https://localhost:$NGINX_PORT/2.txt" \
	    "https://localhost:$NGINX_PORT/3.txt"
	assert_exit 0
	assert_output "$(printf 'one\ntwo\nthree')"
	[[ $stderr == *"ALPN: server accepted http/1.1"* ]] || fail "$stderr"
	wait_for_lines "$NGINX_LOG" 3
	[ "$(awk '{ print $1 }' "$NGINX_LOG" | sort -u | wc -l)" -eq 1 ] ||
	    fail "more than one connection: $(cat "$NGINX_LOG")"
}

@test "tls: nginx: 100 MB over HTTPS, byte-identical" {
	export NGINX_ROOT=$BATS_FILE_TMPDIR/www
	if [ ! -f "$NGINX_ROOT/big.bin" ]; then
		mkdir -p "$NGINX_ROOT"
		httpd --generate 100000000 >"$NGINX_ROOT/big.bin"
		chmod -R a+rX "$NGINX_ROOT"
	fi
	start_nginx_tls valid
	run_httpc -sS "${CA[@]}" -o "$BATS_TEST_TMPDIR/big.bin" \
	    "https://localhost:$NGINX_PORT/big.bin"
	assert_exit 0
	assert_same_file "$NGINX_ROOT/big.bin" "$BATS_TEST_TMPDIR/big.bin"
}

# Bulk reads take the ciphertext in large reads and decrypt every whole
# record already read (tls/mbedtls.c, tls_read): the connection must stay
# in step for the next request, and a body that ends at the close must be
# read to its last record.
@test "tls: nginx: 100 MB twice and a small file on one connection" {
	export NGINX_ROOT=$BATS_FILE_TMPDIR/www
	if [ ! -f "$NGINX_ROOT/big.bin" ]; then
		mkdir -p "$NGINX_ROOT"
		httpd --generate 100000000 >"$NGINX_ROOT/big.bin"
	fi
	printf 'small\n' >"$NGINX_ROOT/small.txt"
	chmod -R a+rX "$NGINX_ROOT"
	start_nginx_tls valid
	run_httpc -sS "${CA[@]}" -o "$BATS_TEST_TMPDIR/1.bin" \
	    "https://localhost:$NGINX_PORT/big.bin" \
	    -o "$BATS_TEST_TMPDIR/2.bin" \
	    "https://localhost:$NGINX_PORT/big.bin" \
	    "https://localhost:$NGINX_PORT/small.txt"
	assert_exit 0
	assert_output small
	assert_same_file "$NGINX_ROOT/big.bin" "$BATS_TEST_TMPDIR/1.bin"
	assert_same_file "$NGINX_ROOT/big.bin" "$BATS_TEST_TMPDIR/2.bin"
	wait_for_lines "$NGINX_LOG" 3
	[ "$(awk '{ print $1 }' "$NGINX_LOG" | sort -u | wc -l)" -eq 1 ] ||
	    fail "more than one connection: $(cat "$NGINX_LOG")"
}

@test "tls: a 5 MB body that ends when the server closes, into a pipe" {
	mkdir -p "$BATS_TEST_TMPDIR/docs"
	httpd --generate 5000000 >"$BATS_TEST_TMPDIR/docs/5m.bin"
	cd "$BATS_TEST_TMPDIR/docs"
	# -WWW: an HTTP/1.0 reply without a length, the file, then the close.
	start_s_server valid -cert_chain "$PKI/inter.pem" -WWW
	cd - >/dev/null
	"$HTTPC" -q -sS "${CA[@]}" "https://localhost:$TLS_PORT/5m.bin" \
	    --resolve "localhost:$TLS_PORT:127.0.0.1" 2>"$BATS_TEST_TMPDIR/err" |
	    cat >"$BATS_TEST_TMPDIR/5m.out"
	[ "${PIPESTATUS[0]}" -eq 0 ] ||
	    fail "exit ${PIPESTATUS[0]}: $(cat "$BATS_TEST_TMPDIR/err")"
	assert_same_file "$BATS_TEST_TMPDIR/docs/5m.bin" "$BATS_TEST_TMPDIR/5m.out"
}
