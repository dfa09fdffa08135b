#!/bin/bash
# bench/run.sh: httpc against curl on this machine, side by side.
#
#	sh bench/run.sh [--quick] [--rounds N] [--httpc PATH] [--out FILE]
#	    [--mbedtls36 DIR] [--single] [--keep]
#
# Starts its own nginx on 127.0.0.1 (HTTP, HTTPS with an ECDSA P-256 and an
# RSA 2048 certificate, TLS 1.2 and 1.3), generates the data, runs every
# scenario of issue 7 with httpc and curl interleaved (A B A B ...), and
# writes a Markdown report (default bench/results/latest.md) that it also
# prints.  bench/README.md explains the scenarios and the targets.
#
# Needs nginx, curl, openssl, python3, a C compiler and the build of httpc
# (make); uses hyperfine and valgrind when they are installed.  Not part of
# "make check": nothing here asserts a time.

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -u
export LC_ALL=C

usage() {
	cat >&2 <<'EOF'
usage: sh bench/run.sh [--quick] [--rounds N] [--httpc PATH] [--out FILE]
                       [--mbedtls36 DIR] [--single] [--keep]
  --quick          2 rounds and shorter loops (about 4 minutes)
  --rounds N       rounds of A B (default 5; --quick: 2)
  --httpc PATH     the httpc to measure (default ./httpc)
  --out FILE       the Markdown report (default bench/results/latest.md)
  --mbedtls36 DIR  mbedTLS 3.6 prefix for the second build
                   (default /var/cache/httpc-ci/mbedtls-3.6)
  --single         no second build: measure the given httpc only
  --keep           keep the temporary directory (logs, callgrind files)
EOF
	exit 2
}

top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/bench
quick=0
rounds=
httpc=$top/httpc
out=$bench/results/latest.md
mbedtls36=/var/cache/httpc-ci/mbedtls-3.6
single=0
keep=0

while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--rounds) [ $# -ge 2 ] || usage; rounds=$2; shift ;;
	--httpc) [ $# -ge 2 ] || usage; httpc=$2; shift ;;
	--out) [ $# -ge 2 ] || usage; out=$2; shift ;;
	--mbedtls36) [ $# -ge 2 ] || usage; mbedtls36=$2; shift ;;
	--single) single=1 ;;
	--keep) keep=1 ;;
	-h|--help) usage ;;
	*) echo "run.sh: unknown argument: $1" >&2; usage ;;
	esac
	shift
done

if [ -z "$rounds" ]; then
	rounds=$([ $quick = 1 ] && echo 2 || echo 5)
fi
case $rounds in
''|*[!0-9]*|0) echo "run.sh: --rounds wants a number > 0" >&2; exit 2 ;;
esac
latruns=$([ $quick = 1 ] && echo 15 || echo 30)
ciphersecs=$([ $quick = 1 ] && echo 0.2 || echo 0.5)
case $httpc in /*) ;; *) httpc=$(pwd)/$httpc ;; esac
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

msg() {
	printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
	echo "run.sh: $*" >&2
	exit 1
}

for t in nginx curl openssl python3 cc; do
	command -v $t >/dev/null 2>&1 ||
	    die "$t not found (apt-get install nginx-light curl openssl python3 gcc)"
done
[ -x "$httpc" ] || die "$httpc not found: run make first (or --httpc PATH)"
have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
have_valgrind=0
command -v valgrind >/dev/null 2>&1 && have_valgrind=1
[ -x /usr/bin/time ] ||
    msg "no /usr/bin/time (apt-get install time): RSS figures are upper bounds"

start=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/httpc-bench.XXXXXX") || die "mktemp failed"
# nginx's worker runs as nobody when we are root: let it read the files.
chmod 755 "$tmp"
nginx_pid=

cleanup() {
	if [ -n "$nginx_pid" ]; then
		kill -TERM "$nginx_pid" 2>/dev/null
		wait "$nginx_pid" 2>/dev/null
		nginx_pid=
	fi
	if [ $keep = 1 ]; then
		rm -f "$tmp"/www/* "$tmp/out.bin"
		msg "kept $tmp (without the data files)"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

res=$tmp/results
mkdir -p "$res" "$tmp/www" "$tmp/logs" "$tmp/cg"
: >"$res/runs.tsv"
: >"$res/scenarios.tsv"
: >"$res/icount.tsv"
: >"$res/ceilings.tsv"
: >"$res/cipher.tsv"
: >"$res/notes.txt"
: >"$res/builds.tsv"

note() {
	printf '%s\n' "$*" >>"$res/notes.txt"
	msg "$*"
}

# --- machine ----------------------------------------------------------------

{
	echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "mode	$([ $quick = 1 ] && echo quick || echo full), $rounds rounds"
	echo "nproc	$(nproc)"
	echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "aes-ni	$(grep -qw aes /proc/cpuinfo && echo yes || echo no)"
	echo "kernel	$(uname -sr)"
	echo "memory	$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "load at start	$(cut -d' ' -f1-3 /proc/loadavg)"
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		echo "source	commit $(git -C "$top" rev-parse --short HEAD)$(git -C "$top" diff --quiet HEAD -- 2>/dev/null || echo ' with uncommitted changes')"
	fi
	echo "curl	$(curl --version | head -n 1)"
	echo "nginx	$(nginx -v 2>&1 | sed 's/^nginx version: //')"
	echo "hyperfine	$([ $have_hyperfine = 1 ] && hyperfine --version || echo 'not installed: a timed loop instead')"
	echo "valgrind	$([ $have_valgrind = 1 ] && valgrind --version || echo 'not installed: no instruction counts')"
} >"$res/machine.tsv"

# --- the builds of httpc ------------------------------------------------------

# Prints the mbedTLS version an httpc binary says it was built with.
mbedtls_of() {
	"$1" --version 2>/dev/null | sed -n 's/.*mbedTLS \([0-9][0-9.]*\).*/\1/p' |
	    head -n 1
}

# Prints a variable of a config.mk.
mkvar() {
	sed -n "s/^$2 = //p" "$1" | head -n 1
}

# The builds measured: label, binary, its config.mk (may be missing).
labels=()
declare -A bin cfg ver

add_build() {
	local v=$2 l
	l=$(echo "$v" | cut -d. -f1-2)
	[ -n "$l" ] || l=unknown
	labels+=("$l")
	bin[$l]=$1
	cfg[$l]=$3
	ver[$l]=$v
}

v1=$(mbedtls_of "$httpc")
[ -n "$v1" ] || die "$httpc --version names no mbedTLS version"
add_build "$httpc" "$v1" "$(dirname "$httpc")/config.mk"
if [ -f "${cfg[${labels[0]}]}" ] &&
    [ "$(mkvar "${cfg[${labels[0]}]}" SANITIZE)" = yes ]; then
	note "warning: $httpc is a sanitizer build; its figures are not httpc's"
fi

# A copy of this source tree, configured with $1 (configure arguments), built
# in $2; prints nothing, returns non-zero on failure.  The work tree as it is
# (tracked and new files), else the last commit.
build_copy() {
	local dir=$1
	shift
	mkdir -p "$dir"
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		    tar --null -T - -cf -) | tar -xf - -C "$dir" 2>/dev/null
	else
		(cd "$top" && tar --exclude=./bench/results -cf - .) |
		    tar -xf - -C "$dir"
	fi
	(cd "$dir" && make distclean >/dev/null 2>&1
	    ./configure "$@" && make -j"$(nproc)" httpc) \
	    >"$dir.log" 2>&1 && return 0
	note "$(basename "$dir"): the work tree did not build, building the last commit"
	# The work tree may be mid-edit: try the last commit.
	git -C "$top" rev-parse --git-dir >/dev/null 2>&1 || return 1
	rm -rf "$dir" && mkdir -p "$dir"
	git -C "$top" archive HEAD | tar -xf - -C "$dir" &&
	    (cd "$dir" && ./configure "$@" && make -j"$(nproc)" httpc) \
	    >>"$dir.log" 2>&1
}

if [ $single = 0 ]; then
	case $v1 in
	2.*)
		if [ -f "$mbedtls36/include/mbedtls/build_info.h" ]; then
			msg "building httpc against mbedTLS 3.6 in $mbedtls36"
			if build_copy "$tmp/httpc-36" --with-mbedtls="$mbedtls36"; then
				v2=$(mbedtls_of "$tmp/httpc-36/httpc")
				add_build "$tmp/httpc-36/httpc" "$v2" \
				    "$tmp/httpc-36/config.mk"
			else
				note "the mbedTLS 3.6 build of httpc failed (see --keep, $tmp/httpc-36.log)"
			fi
		else
			note "no mbedTLS 3.6 in $mbedtls36 (sh .ci/mbedtls36.sh $mbedtls36): TLS 1.3 not measured"
		fi
		;;
	3.*)
		if [ -f /usr/include/mbedtls/version.h ]; then
			msg "building httpc against the system's mbedTLS"
			if build_copy "$tmp/httpc-sys"; then
				v2=$(mbedtls_of "$tmp/httpc-sys/httpc")
				add_build "$tmp/httpc-sys/httpc" "$v2" \
				    "$tmp/httpc-sys/config.mk"
			else
				note "the system-mbedTLS build of httpc failed"
			fi
		fi
		;;
	esac
fi
primary=${labels[0]}
for l in "${labels[@]}"; do
	printf '%s\t%s\t%s\n' "$l" "${ver[$l]}" \
	    "$("${bin[$l]}" --version | head -n 1)" >>"$res/builds.tsv"
done

# cipher_speed against each build's mbedTLS, with the build's own flags.
# It runs three times (here, before the HTTPS scenarios and after them);
# the report takes the median.
ciphers=()
for l in "${labels[@]}"; do
	c=${cfg[$l]}
	if [ -f "$c" ]; then
		cc_=$(mkvar "$c" CC)
		flags="$(mkvar "$c" CFLAGS) $(mkvar "$c" CPPFLAGS)"
		libs="$(mkvar "$c" LDFLAGS) $(mkvar "$c" LDLIBS)"
	else
		cc_=cc
		flags="-O2 -std=c11 -D_GNU_SOURCE"
		libs="-lmbedcrypto"
	fi
	# shellcheck disable=SC2086
	if ${cc_:-cc} $flags -o "$tmp/cipher_speed-$l" "$bench/cipher_speed.c" \
	    $libs >"$tmp/logs/cipher_speed-$l.log" 2>&1; then
		ciphers+=("$l")
	else
		note "cipher_speed did not build against mbedTLS $l"
	fi
done

cipher_speed() {
	local l
	for l in "${ciphers[@]}"; do
		msg "mbedTLS $l cipher speed"
		"$tmp/cipher_speed-$l" "$ciphersecs" |
		    sed "s/^/$l	/" >>"$res/cipher.tsv"
	done
}
cipher_speed

# --- data, certificates, nginx --------------------------------------------------

msg "generating the data (1 GiB, 64 MiB, 16 KiB, 100 bytes)"
python3 "$bench/gendata.py" "$tmp/www" || die "gendata.py failed"

msg "generating the certificates"
for k in ecdsa rsa; do
	case $k in
	ecdsa) kopt="-newkey ec -pkeyopt ec_paramgen_curve:P-256" ;;
	rsa) kopt="-newkey rsa:2048" ;;
	esac
	# shellcheck disable=SC2086
	openssl req -x509 $kopt -nodes -days 2 -subj "/CN=httpc bench $k" \
	    -keyout "$tmp/$k.key" -out "$tmp/$k.crt" \
	    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
	    -addext "basicConstraints=critical,CA:TRUE" \
	    >"$tmp/logs/openssl-$k.log" 2>&1 ||
	    die "openssl req ($k) failed: $(cat "$tmp/logs/openssl-$k.log")"
done
cat "$tmp/ecdsa.crt" "$tmp/rsa.crt" >"$tmp/ca.pem"
chmod 644 "$tmp"/*.key

# Three free ports (the kernel picks them; a race with another program is
# caught below and retried).
free_ports() {
	python3 -c '
import socket
ss = [socket.socket() for _ in range(3)]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))'
}

tries=0
while :; do
	tries=$((tries + 1))
	read -r port_http port_ecdsa port_rsa <<<"$(free_ports)"
	sed -e "s|@DIR@|$tmp|g" -e "s|@PORT_HTTP@|$port_http|g" \
	    -e "s|@PORT_ECDSA@|$port_ecdsa|g" -e "s|@PORT_RSA@|$port_rsa|g" \
	    "$bench/nginx.conf.in" >"$tmp/nginx.conf"
	nginx -c "$tmp/nginx.conf" -p "$tmp" >"$tmp/logs/nginx.out" 2>&1 &
	nginx_pid=$!
	up=0
	for _ in $(seq 50); do
		kill -0 "$nginx_pid" 2>/dev/null || break
		if curl -q -sf -o /dev/null "http://127.0.0.1:$port_http/100" &&
		    curl -q -sf -o /dev/null --cacert "$tmp/ca.pem" \
		    "https://127.0.0.1:$port_rsa/100"; then
			up=1
			break
		fi
		sleep 0.1
	done
	[ $up = 1 ] && break
	kill -TERM "$nginx_pid" 2>/dev/null
	wait "$nginx_pid" 2>/dev/null
	nginx_pid=
	[ $tries -lt 3 ] ||
	    die "nginx did not start: $(cat "$tmp/logs/nginx.out" "$tmp/nginx-error.log" 2>/dev/null | tail -n 5)"
done
msg "nginx $nginx_pid on 127.0.0.1: http $port_http, https ecdsa $port_ecdsa, rsa $port_rsa"
H=http://127.0.0.1:$port_http
E=https://127.0.0.1:$port_ecdsa
R=https://127.0.0.1:$port_rsa
CA=(--cacert "$tmp/ca.pem")

# Read the 1 GiB file once so that every run finds it in the page cache.
cat "$tmp/www/1g" >/dev/null

# --- ceilings -------------------------------------------------------------------

msg "ceilings: loopback TCP, nginx to a raw reader"
ceiling() {
	local name=$1 r
	shift
	r=$(python3 "$bench/tcpceil.py" "$@" 2>>"$tmp/logs/tcpceil.log") &&
	    printf '%s\t%s\n' "$name" "$(echo "$r" | cut -d' ' -f3)" \
	    >>"$res/ceilings.tsv"
}
tcpmib=$([ $quick = 1 ] && echo 2048 || echo 4096)
ceilruns=$([ $quick = 1 ] && echo 2 || echo 3)
for _ in $(seq $ceilruns); do
	ceiling "raw loopback TCP (Python, 1 MiB send/recv)" tcp $tcpmib
done
for _ in $(seq $ceilruns); do
	ceiling "nginx /1g (sendfile) to a raw reader" http 127.0.0.1 \
	    "$port_http" /1g
	ceiling "nginx /chunked/1g (64 KiB chunks) to a raw reader" http \
	    127.0.0.1 "$port_http" /chunked/1g
done

# --- the scenarios ------------------------------------------------------------

# Runs of one scenario go to runs.tsv:
#	ID BUILD CLIENT ROUND SECONDS RSS-KIB STATUS
# and its description to scenarios.tsv:
#	ID BUILD KIND AMOUNT TARGET TITLE
# KIND is bytes (AMOUNT bytes; throughput), reqs (AMOUNT requests;
# requests a second) or latency (seconds a run).  TARGET: see report.py.

declare -a A B

record() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$res/runs.tsv"
}

# One measured run: ID BUILD CLIENT ROUND MODE ARGV...
# MODE: null (stdout to /dev/null), pipe (| cat >/dev/null), file.
measure_one() {
	local id=$1 build=$2 client=$3 round=$4 mode=$5 r
	shift 5
	case $mode in
	pipe) r=$(python3 "$bench/measure.py" run --pipe-cat \
	    --stderr "$tmp/logs/$id.err" -- "$@") ;;
	file) r=$(python3 "$bench/measure.py" run --rm "$tmp/out.bin" \
	    --stderr "$tmp/logs/$id.err" -- "$@") ;;
	*) r=$(python3 "$bench/measure.py" run \
	    --stderr "$tmp/logs/$id.err" -- "$@") ;;
	esac
	set -- $r
	record "$id" "$build" "$client" "$round" "${1:-0}" "${2:-0}" "${3:-255}"
}

# pair ID BUILD KIND AMOUNT TARGET MODE TITLE: rounds of A (httpc) then
# B (curl), from the arrays A and B.  With a TARGET cipher>=F:AEAD, each
# round then times BUILD's mbedTLS AEAD on 16 KiB records (cipher_speed),
# recorded as client "cipher" with the time it would take for AMOUNT bytes,
# so that the report compares httpc with the cipher round by round.
pair() {
	local id=$1 build=$2 kind=$3 amount=$4 target=$5 mode=$6 title=$7 i
	local aead='' r
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$build" "$kind" "$amount" \
	    "$target" "$title" >>"$res/scenarios.tsv"
	case $target in
	cipher\>=*:*) aead=${target#*:} ;;
	esac
	msg "$title [$build]"
	for i in $(seq "$rounds"); do
		measure_one "$id" "$build" httpc "$i" "$mode" "${A[@]}"
		measure_one "$id" "$build" curl "$i" "$mode" "${B[@]}"
		if [ -n "$aead" ] && [ -x "$tmp/cipher_speed-$build" ]; then
			r=$("$tmp/cipher_speed-$build" 0.3 "$aead" 16384 |
			    cut -f3)
			[ -n "$r" ] && record "$id" "$build" cipher "$i" \
			    "$(awk -v a="$amount" -v r="$r" \
			    'BEGIN { printf "%.6f", a / (r * 1e6) }')" 0 0
		fi
	done
}

# Latency of one small GET: hyperfine (or a loop) per round and client, then
# one run for the peak RSS.
latency() {
	local id=$1 build=$2 target=$3 title=$4 i c r rss st
	printf '%s\t%s\tlatency\t1\t%s\t%s\n' "$id" "$build" "$target" \
	    "$title" >>"$res/scenarios.tsv"
	msg "$title [$build]"
	for i in $(seq "$rounds"); do
		for c in httpc curl; do
			local -n argv=A
			[ $c = httpc ] || local -n argv=B
			if [ $have_hyperfine = 1 ]; then
				if hyperfine -N --style none --warmup 3 \
				    --runs "$latruns" \
				    --export-json "$tmp/hf.json" \
				    -- "${argv[*]}" >>"$tmp/logs/$id.err" 2>&1
				then
					r=$(python3 "$bench/measure.py" \
					    hyperfine "$tmp/hf.json")
				else
					r="0 1"
				fi
			else
				r=$(python3 "$bench/measure.py" loop \
				    --runs "$latruns" -- "${argv[@]}")
			fi
			rss=$(python3 "$bench/measure.py" run -- "${argv[@]}")
			set -- $r
			st=${2:-255}
			r=${1:-0}
			set -- $rss
			[ "$st" = 0 ] && st=${3:-255}
			record "$id" "$build" "$c" "$i" "$r" "${2:-0}" "$st"
			unset -n argv
		done
	done
}

# Connections nginx accepted so far (one more is this query's own).
accepts() {
	curl -q -s "$H/nginx_status" | awk 'NR == 3 { print $1 }'
}

# Checks, untimed, that A and B each use one connection for their URLs.
check_conns() {
	local id=$1 build=$2 c n0 n1
	for c in httpc curl; do
		local -n argv=A
		[ $c = httpc ] || local -n argv=B
		n0=$(accepts)
		"${argv[@]}" >/dev/null 2>>"$tmp/logs/$id.err" ||
		    note "$id [$build]: $c exited $? on the check run"
		n1=$(accepts)
		printf '%s\t%s\t%s\t%s\n' "$id" "$build" "$c" \
		    "$((n1 - n0 - 1))" >>"$res/conns.tsv"
		unset -n argv
	done
}

# The same URL N times, each with "-o /dev/null" (both clients take several
# URLs and one -o per URL, and keep the connection between them).
many() {
	local url=$1 n=$2 i
	M=()
	for ((i = 0; i < n; i++)); do
		M+=(-o /dev/null "$url")
	done
}

GIB=1073741824
: >"$res/conns.tsv"

# Bulk HTTP.
A=("$httpc" -s -o /dev/null "$H/1g")
B=(curl -q -s -o /dev/null "$H/1g")
pair http-null "$primary" bytes $GIB 'thr>=1.5' null \
    "bulk HTTP 1 GiB to /dev/null"
A=("$httpc" -s "$H/1g")
B=(curl -q -s "$H/1g")
pair http-pipe "$primary" bytes $GIB 'thr>=1.15' pipe \
    "bulk HTTP 1 GiB into a pipe (to cat >/dev/null)"
A=("$httpc" -s -o "$tmp/out.bin" "$H/1g")
B=(curl -q -s -o "$tmp/out.bin" "$H/1g")
pair http-file "$primary" bytes $GIB 'thr>=1.5' file \
    "bulk HTTP 1 GiB to a file"
A=("$httpc" -s -o /dev/null "$H/chunked/1g")
B=(curl -q -s -o /dev/null "$H/chunked/1g")
pair http-chunked "$primary" bytes $GIB 'thr>=1.5' null \
    "chunked HTTP 1 GiB to /dev/null"

# Bulk HTTPS, for each build.
cipher_speed
for l in "${labels[@]}"; do
	h=${bin[$l]}
	A=("$h" -s "${CA[@]}" --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 -o /dev/null "$E/1g")
	B=(curl -q -s "${CA[@]}" --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 -o /dev/null "$E/1g")
	pair https-aes12 "$l" bytes $GIB 'cipher>=0.9:aes-128-gcm' null \
	    "bulk HTTPS 1 GiB, TLS 1.2 ECDHE-ECDSA-AES128-GCM"
	A=("$h" -s "${CA[@]}" --tls-max 1.2 --ciphers ECDHE-ECDSA-CHACHA20-POLY1305 -o /dev/null "$E/1g")
	B=(curl -q -s "${CA[@]}" --tls-max 1.2 --ciphers ECDHE-ECDSA-CHACHA20-POLY1305 -o /dev/null "$E/1g")
	pair https-chacha12 "$l" bytes $GIB 'cipher>=0.9:chacha20-poly1305' null \
	    "bulk HTTPS 1 GiB, TLS 1.2 ECDHE-ECDSA-CHACHA20-POLY1305"
	case ${ver[$l]} in
	2.*)
		note "TLS 1.3 bulk: not measured for mbedTLS ${ver[$l]} (TLS 1.2 only)"
		;;
	*)
		A=("$h" -s "${CA[@]}" --tlsv1.3 --ciphers TLS_AES_128_GCM_SHA256 -o /dev/null "$E/1g")
		B=(curl -q -s "${CA[@]}" --tlsv1.3 --tls13-ciphers TLS_AES_128_GCM_SHA256 -o /dev/null "$E/1g")
		# TLS 1.3 records go through PSA (psa_aead_decrypt) on
		# mbedTLS 3.6, whatever MBEDTLS_USE_PSA_CRYPTO says.
		pair https-aes13 "$l" bytes $GIB 'cipher>=0.9:psa-aes-128-gcm' null \
		    "bulk HTTPS 1 GiB, TLS 1.3 AES-128-GCM"
		;;
	esac
done

cipher_speed

# Many small requests on one connection.
many "$H/100" 1000
A=("$httpc" -s "${M[@]}")
B=(curl -q -s "${M[@]}")
check_conns small-http "$primary"
pair small-http "$primary" reqs 1000 'reqs>=1.5' null \
    "1000 GETs of 100 bytes, one connection, HTTP"
many "$H/16k" 1000
A=("$httpc" -s "${M[@]}")
B=(curl -q -s "${M[@]}")
check_conns small16k-http "$primary"
pair small16k-http "$primary" reqs 1000 'reqs>=1.5' null \
    "1000 GETs of 16 KiB, one connection, HTTP"
many "$E/100" 1000
for l in "${labels[@]}"; do
	A=("${bin[$l]}" -s "${CA[@]}" "${M[@]}")
	B=(curl -q -s "${CA[@]}" "${M[@]}")
	check_conns small-https "$l"
	pair small-https "$l" reqs 1000 'reqs>=1.5' null \
	    "1000 GETs of 100 bytes, one connection, HTTPS (ECDSA)"
done

# Latency: one small GET, the whole process.
for l in "${labels[@]}"; do
	A=("${bin[$l]}" -s -o /dev/null "$H/100")
	B=(curl -q -s -o /dev/null "$H/100")
	latency lat-http "$l" 'time<=0.3' "one small GET, HTTP"
	A=("${bin[$l]}" -s "${CA[@]}" -o /dev/null "$E/100")
	B=(curl -q -s "${CA[@]}" -o /dev/null "$E/100")
	latency lat-ecdsa "$l" 'time<=0.6' \
	    "one small GET, HTTPS, ECDSA P-256 certificate"
	A=("${bin[$l]}" -s "${CA[@]}" -o /dev/null "$R/100")
	B=(curl -q -s "${CA[@]}" -o /dev/null "$R/100")
	latency lat-rsa "$l" 'time<=0.6' \
	    "one small GET, HTTPS, RSA 2048 certificate"
done

# --- instruction counts -------------------------------------------------------

# icount ID BUILD TARGET TITLE: one run of A and of B under callgrind.
# httpc's profile is kept for report.py (callgrind_annotate).
icount() {
	local id=$1 build=$2 target=$3 title=$4 a b
	msg "instructions: $title [$build]"
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg/$id-$build.out" \
	    "${A[@]}" >/dev/null 2>"$tmp/logs/cg-$id-$build-httpc.err"
	a=$(python3 "$bench/measure.py" callgrind \
	    "$tmp/logs/cg-$id-$build-httpc.err")
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "${B[@]}" >/dev/null 2>"$tmp/logs/cg-$id-$build-curl.err"
	b=$(python3 "$bench/measure.py" callgrind \
	    "$tmp/logs/cg-$id-$build-curl.err")
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$build" "$a" "$b" "$target" \
	    "$title" >>"$res/icount.tsv"
	if [ -f "$tmp/cg/$id-$build.out" ] &&
	    command -v callgrind_annotate >/dev/null 2>&1; then
		callgrind_annotate "$tmp/cg/$id-$build.out" \
		    >"$res/profile-$id-$build.txt" 2>/dev/null
	fi
}

if [ $have_valgrind = 1 ]; then
	for l in "${labels[@]}"; do
		A=("${bin[$l]}" -s -o /dev/null "$H/100")
		B=(curl -q -s -o /dev/null "$H/100")
		icount ic-small-http "$l" 'ir<=0.1' "one small GET, HTTP"
	done
	A=("$httpc" -s -o /dev/null "$H/64m")
	B=(curl -q -s -o /dev/null "$H/64m")
	icount ic-64m-http "$primary" - "64 MiB download, HTTP"
	for l in "${labels[@]}"; do
		A=("${bin[$l]}" -s "${CA[@]}" -o /dev/null "$E/100")
		B=(curl -q -s "${CA[@]}" -o /dev/null "$E/100")
		icount ic-small-https "$l" 'ir<=0.1' \
		    "one small GET, HTTPS (ECDSA), handshake included"
		A=("${bin[$l]}" -s "${CA[@]}" --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 -o /dev/null "$E/64m")
		B=(curl -q -s "${CA[@]}" --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 -o /dev/null "$E/64m")
		icount ic-64m-https "$l" - \
		    "64 MiB download, HTTPS TLS 1.2 AES128-GCM"
	done
fi

# --- the report -----------------------------------------------------------------

end=$(date +%s)
{
	echo "load at end	$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "duration	$((end - start)) s"
	echo "GNU time floor	$(/usr/bin/time -f %M true 2>&1 >/dev/null) KiB (the peak RSS that /usr/bin/time reports for true(1))"
} >>"$res/machine.tsv"

mkdir -p "$(dirname "$out")"
python3 "$bench/report.py" "$res" >"$out.tmp" || die "report.py failed"
mv "$out.tmp" "$out"
cat "$out"
msg "report written to $out ($((end - start)) s)"
