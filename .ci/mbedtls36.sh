#!/bin/sh
# Build mbedTLS 3.6 LTS (TLS 1.3) from Debian's source package into PREFIX.
#
# Debian 12 ships mbedTLS 2.28 only; Debian 13 ("trixie") ships 3.6 LTS.
# We add a deb-src entry for trixie whose URI is read from this system's
# own apt sources (no archive host is named here), fetch the source with
# apt, and build static libraries with cmake:
#
#	sh .ci/mbedtls36.sh /opt/mbedtls-3.6
#	./configure --with-mbedtls=/opt/mbedtls-3.6
#
# Needs root (for the apt source entry), dpkg-dev, cmake, python3 and a
# C compiler.  Idempotent: an existing 3.6 install in PREFIX is kept.

set -eu

usage() {
	echo "usage: sh .ci/mbedtls36.sh PREFIX" >&2
	exit 2
}

msg() {
	echo "mbedtls36: $*"
}

die() {
	echo "mbedtls36: $*" >&2
	exit 1
}

[ $# -eq 1 ] || usage
prefix=$1
case $prefix in
/*) ;;
'') usage ;;
*) prefix=$(pwd)/$prefix ;;
esac

srcfile=/etc/apt/sources.list.d/httpc-trixie-src.sources

# Already built?  build_info.h carries the version string in 3.x.
installed_version() {
	[ -f "$prefix/include/mbedtls/version.h" ] || return 1
	[ -f "$prefix/include/mbedtls/build_info.h" ] || return 1
	for l in libmbedtls.a libmbedx509.a libmbedcrypto.a; do
		[ -f "$prefix/lib/$l" ] || return 1
	done
	sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' \
	    "$prefix/include/mbedtls/build_info.h"
}

v=$(installed_version || :)
case $v in
3.6.*)
	msg "mbedTLS $v already installed in $prefix"
	exit 0
	;;
esac

for t in apt-get dpkg-source cmake make python3; do
	command -v "$t" >/dev/null 2>&1 ||
	    die "$t not found (apt-get install dpkg-dev cmake make python3)"
done
command -v "${CC:-cc}" >/dev/null 2>&1 || die "no C compiler (${CC:-cc})"

# --- the trixie deb-src entry -------------------------------------------

# Print "URI KEYRING" for the system's bookworm entry.  deb822 first,
# then one-line sources.list entries.
find_source() {
	f=/etc/apt/sources.list.d/debian.sources
	if [ -r "$f" ]; then
		awk '
		function flush() {
			if (isdeb && isbook && uri != "")
				print uri, (key == "" ? "-" : key)
			isdeb = isbook = 0; uri = key = ""
		}
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		tolower($1) == "types:" {
			for (i = 2; i <= NF; i++) if ($i == "deb") isdeb = 1
		}
		tolower($1) == "suites:" {
			for (i = 2; i <= NF; i++) if ($i == "bookworm") isbook = 1
		}
		tolower($1) == "uris:" { uri = $2 }
		tolower($1) == "signed-by:" && $2 ~ /^\// { key = $2 }
		END { flush() }
		' "$f" | head -n 1
	fi
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk '
		$1 != "deb" { next }
		{
			key = "-"; i = 2
			if ($2 ~ /^\[/) {
				for (; i <= NF; i++) {
					if ($i ~ /^\[?signed-by=/) {
						key = $i
						sub(/^\[?signed-by=/, "", key)
						sub(/\]$/, "", key)
					}
					if ($i ~ /\]$/) { i++; break }
				}
			}
			if ($(i + 1) == "bookworm") print $i, key
		}
		' "$f"
	done | head -n 1
}

if [ ! -f "$srcfile" ]; then
	# shellcheck disable=SC2046 # two words wanted
	set -- $(find_source | head -n 1)
	[ $# -eq 2 ] ||
	    die "no bookworm 'deb' entry found in the system's apt sources"
	uri=$1 key=$2
	if [ "$key" = - ] || [ ! -r "$key" ]; then
		key=/usr/share/keyrings/debian-archive-keyring.gpg
	fi
	[ -r "$key" ] || die "keyring $key not found (apt-get install debian-archive-keyring)"
	[ "$(id -u)" -eq 0 ] || die "must be root to add $srcfile"
	msg "adding $srcfile (deb-src trixie from the system's own mirror)"
	cat > "$srcfile" <<EOT
# Added by httpc's .ci/mbedtls36.sh: source packages only, for mbedTLS 3.6.
Types: deb-src
URIs: $uri
Suites: trixie
Components: main
Signed-By: $key
EOT
fi

# Update only our entry (keeping the other lists), else everything.
msg "apt-get update (trixie deb-src)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q \
    -o Dir::Etc::sourcelist="$srcfile" \
    -o Dir::Etc::sourceparts=- \
    -o APT::Get::List-Cleanup=0 </dev/null ||
    apt-get update -q </dev/null ||
    die "apt-get update failed"

# --- fetch and unpack ----------------------------------------------------

work=$(mktemp -d /tmp/mbedtls36.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
# apt drops to user _apt for downloads; let it write here.
chmod 755 "$work"
if id _apt >/dev/null 2>&1; then
	chown _apt "$work" 2>/dev/null || :
fi
cd "$work"
msg "fetching the mbedtls source package from trixie into $work"
apt-get source -q --download-only mbedtls/trixie </dev/null ||
    die "apt-get source mbedtls/trixie failed"
dsc=
for f in mbedtls_*.dsc; do
	[ -f "$f" ] && dsc=$f
done
[ -n "$dsc" ] || die "no mbedtls .dsc downloaded"
# apt has checked the files against the signed Sources index; the
# uploader's own signature cannot be checked without debian-keyring.
dpkg-source --no-check -x "$dsc" src >/dev/null ||
    die "dpkg-source -x $dsc failed"
cd src

v=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' \
    include/mbedtls/build_info.h 2>/dev/null)
case $v in
3.6.*) msg "unpacked mbedTLS $v ($dsc)" ;;
*) die "expected mbedTLS 3.6.x, the source package has '${v:-unknown}'" ;;
esac

# --- configure -----------------------------------------------------------

# Debian's patches (applied above by dpkg-source) only fix the build;
# Debian's package configures in debian/rules instead (threading with
# pthreads, CMAC, DTLS-SRTP, deprecation warnings: as its 2.28 package
# does).  Apply the same "scripts/config.py set" lines, so that httpc
# sees the same library as from a Debian 13 package.
debian_opts=$(sed -n \
    's/^[[:space:]]*scripts\/config\.py set \(MBEDTLS_[A-Z0-9_]*\)[[:space:]]*$/\1/p' \
    debian/rules 2>/dev/null)
[ -n "$debian_opts" ] || debian_opts="MBEDTLS_DEPRECATED_WARNING
MBEDTLS_THREADING_C MBEDTLS_THREADING_PTHREAD MBEDTLS_CMAC_C
MBEDTLS_SSL_DTLS_SRTP"
# shellcheck disable=SC2086 # one line of names
msg "Debian's settings:" $debian_opts
for o in $debian_opts; do
	python3 scripts/config.py set "$o" ||
	    die "scripts/config.py set $o failed"
done

# Then make sure of what httpc wants: TLS 1.3, ALPN, tickets, and speed
# (AES-NI, assembly, the large GCM table).
for o in MBEDTLS_SSL_PROTO_TLS1_3 MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE \
    MBEDTLS_SSL_SESSION_TICKETS MBEDTLS_SSL_ALPN MBEDTLS_SSL_SERVER_NAME_INDICATION \
    MBEDTLS_AESNI_C MBEDTLS_AESCE_C MBEDTLS_HAVE_ASM MBEDTLS_GCM_LARGE_TABLE \
    MBEDTLS_PSA_CRYPTO_C MBEDTLS_CHACHAPOLY_C MBEDTLS_GCM_C; do
	if grep -Eq "^(//)?[[:space:]]*#define $o([[:space:]]|\$)" \
	    include/mbedtls/mbedtls_config.h; then
		python3 scripts/config.py set "$o" ||
		    die "scripts/config.py set $o failed"
	fi
done
python3 scripts/config.py unset MBEDTLS_AES_ROM_TABLES || :

# --- build ---------------------------------------------------------------

msg "building with cmake into $prefix"
mkdir build
cd build
cmake .. \
    -DCMAKE_BUILD_TYPE=Release \
    -DENABLE_TESTING=Off \
    -DENABLE_PROGRAMS=On \
    -DUSE_SHARED_MBEDTLS_LIBRARY=Off \
    -DUSE_STATIC_MBEDTLS_LIBRARY=On \
    -DMBEDTLS_FATAL_WARNINGS=Off \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_C_FLAGS='-O2 -maes -mpclmul -msse2' >/dev/null ||
    die "cmake failed"
make -j"$(nproc 2>/dev/null || echo 2)" >build.log 2>&1 || {
	tail -n 40 build.log >&2
	die "build failed"
}
make install >/dev/null || die "make install failed"

v=$(installed_version || :)
case $v in
3.6.*) msg "mbedTLS $v installed in $prefix" ;;
*) die "install check failed: '${v:-nothing}' in $prefix" ;;
esac
