#!/bin/sh
# pki.sh DIR: make the test PKI the TLS tests use, with the openssl CLI.
#
# Nothing is checked in: keys and certificates are made fresh at test
# time (a few seconds), so none expires in the tree and no private key
# lives in git.  Everything lands in DIR:
#
#   root.pem         test root CA (RSA 2048), the --cacert of the tests
#   inter.pem        intermediate CA (ECDSA P-256) signed by the root
#   NAME.pem/.key    leaves signed by the intermediate (ECDSA unless noted):
#     valid          localhost, test.httpc.example, 127.0.0.1, ::1
#     rsa            RSA 2048: rsa.httpc.example, localhost
#     expired        expired.httpc.example, valid only in 2020
#     notyet         notyet.httpc.example, valid only in 2099
#     wrongname      other.httpc.example, another.httpc.example
#     wildcard       *.wild.httpc.example
#     tldwild        *.example (too wide: must never match)
#     ip             IP 127.0.0.1 only
#     ipdns          the text "127.0.0.1" as a DNS name (not an IP SAN)
#     cnonly         CN=cnonly.httpc.example and no subjectAltName
#     sha1           sha1.httpc.example, signed with SHA-1
#     rsa1024        RSA 1024: weak.httpc.example
#     eku            eku.httpc.example, extendedKeyUsage clientAuth only
#   selfsigned.pem   self-signed: localhost, self.httpc.example
#   unknown.pem      localhost, unknown.httpc.example, from another root
#   client.pem       client certificate (RSA 2048, clientAuth), with keys:
#     client.key       plain PKCS#8
#     client-trad.key  traditional PEM encrypted with AES-256-CBC
#     client-p8.key    PKCS#8 encrypted, openssl's default (PBES2, AES-256)
#     client-p8sha1.key PKCS#8 PBES2 with PBKDF2-HMAC-SHA1 and 3DES
#     client-p12.key   PKCS#8 with PKCS#12 PBE-SHA1-3DES
#   client-ec.pem/.key  ECDSA client certificate
#   other.key        a key that matches no certificate here
#   dh1024.pem, dh2048.pem  DH parameters for DHE-only servers
#   NAME-chain.pem   leaf then intermediate, for servers that send both
# The passphrase of every encrypted key is "secret".
set -eu

dir=${1:?usage: pki.sh DIR}
mkdir -p "$dir"
cd "$dir"

ossl() {
	openssl "$@" 2>>openssl.log || {
		echo "pki.sh: openssl $1 failed; see $dir/openssl.log" >&2
		exit 1
	}
}

cat >ca.cnf <<'EOF'
[ ca ]
default_ca = inter

[ inter ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
certificate = ./inter.pem
private_key = ./inter.key
default_md = sha256
default_days = 3650
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no

[ policy_any ]
commonName = supplied

[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused

[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ v3_inter ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ server_ec ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ server_rsa ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ client ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

rm -rf newcerts index.txt index.txt.attr serial
mkdir newcerts
: >index.txt
echo 1000 >serial

# root(name, keyfile, certfile, CN)
root() {
	ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2"
	ossl req -config ca.cnf -new -x509 -key "$2" -out "$3" -days 3650 \
	    -sha256 -subj "/CN=$4" -extensions v3_root
}

root root root.key root.pem "httpc Test Root CA"

ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out inter.key
ossl req -config ca.cnf -new -key inter.key -subj "/CN=httpc Test Intermediate CA" \
    -out inter.csr
cat >ext-inter.cnf <<'EOF'
[ v3_inter ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
ossl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 2 \
    -days 3650 -sha256 -extfile ext-inter.cnf -extensions v3_inter -out inter.pem

# leaf NAME KEYTYPE PROFILE SAN [options for openssl ca ...]
# SAN is an openssl subjectAltName value, or "-" for none.
leaf() {
	name=$1 keytype=$2 profile=$3 san=$4
	shift 4
	case $keytype in
	ec)	ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		    -out "$name.key" ;;
	rsa*)	ossl genpkey -algorithm RSA \
		    -pkeyopt "rsa_keygen_bits:${keytype#rsa}" -out "$name.key" ;;
	esac
	cn=$(printf '%s' "$san" | sed -n 's/^DNS:\([^,]*\).*/\1/p')
	[ -n "$cn" ] || cn="$name.httpc.example"
	ossl req -config ca.cnf -new -key "$name.key" -subj "/CN=$cn" \
	    -out "$name.csr"
	{
		echo "[ ext ]"
		sed -n "/^\[ $profile \]/,/^\[/p" ca.cnf | sed '1d;/^\[/d'
		[ "$san" = - ] || echo "subjectAltName = $san"
	} >"ext-$name.cnf"
	ossl ca -batch -config ca.cnf -notext -in "$name.csr" -out "$name.pem" \
	    -extfile "ext-$name.cnf" -extensions ext "$@"
	cat "$name.pem" inter.pem >"$name-chain.pem"
}

leaf valid ec server_ec \
    "DNS:localhost,DNS:test.httpc.example,IP:127.0.0.1,IP:::1"
leaf rsa rsa2048 server_rsa "DNS:rsa.httpc.example,DNS:localhost"
leaf expired ec server_ec "DNS:expired.httpc.example" \
    -startdate 20200101000000Z -enddate 20201231235959Z
leaf notyet ec server_ec "DNS:notyet.httpc.example" \
    -startdate 20990101000000Z -enddate 20991231235959Z
leaf wrongname ec server_ec "DNS:other.httpc.example,DNS:another.httpc.example"
leaf wildcard ec server_ec "DNS:*.wild.httpc.example"
leaf tldwild ec server_ec "DNS:*.example"
leaf ip ec server_ec "IP:127.0.0.1"
leaf ipdns ec server_ec "DNS:127.0.0.1"
leaf cnonly ec server_ec - -subj "/CN=cnonly.httpc.example"
leaf sha1 ec server_ec "DNS:sha1.httpc.example" -md sha1
leaf rsa1024 rsa1024 server_rsa "DNS:weak.httpc.example"
leaf eku ec client "DNS:eku.httpc.example"
leaf client rsa2048 client - -subj "/CN=httpc test client"
leaf client-ec ec client - -subj "/CN=httpc test client (ECDSA)"

# The client key in the encrypted forms people have.
ossl pkey -in client.key -out client-trad.key -aes256 -traditional \
    -passout pass:secret
ossl pkcs8 -topk8 -in client.key -out client-p8.key -passout pass:secret
ossl pkcs8 -topk8 -in client.key -out client-p8sha1.key -v2 des3 \
    -v2prf hmacWithSHA1 -passout pass:secret
ossl pkcs8 -topk8 -in client.key -out client-p12.key -v1 PBE-SHA1-3DES \
    -passout pass:secret
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key

# Self-signed, and a chain from a root the client does not know.
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out selfsigned.key
ossl req -config ca.cnf -new -x509 -key selfsigned.key -out selfsigned.pem \
    -days 3650 -sha256 -subj "/CN=self.httpc.example" \
    -addext "basicConstraints=critical,CA:true" \
    -addext "keyUsage=critical,digitalSignature,keyCertSign" \
    -addext "extendedKeyUsage=serverAuth" \
    -addext "subjectAltName=DNS:localhost,DNS:self.httpc.example"

root other otherroot.key otherroot.pem "httpc Unknown Root CA"
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out unknown.key
ossl req -config ca.cnf -new -key unknown.key -subj "/CN=unknown.httpc.example" \
    -out unknown.csr
cat >ext-unknown.cnf <<'EOF'
[ ext ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,DNS:unknown.httpc.example
EOF
ossl x509 -req -in unknown.csr -CA otherroot.pem -CAkey otherroot.key \
    -set_serial 3 -days 3650 -sha256 -extfile ext-unknown.cnf -extensions ext \
    -out unknown.pem

# DH groups: 1024 bits (refused) and RFC 7919 ffdhe2048 (accepted).
ossl dhparam -out dh1024.pem 1024
ossl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out dh2048.pem

rm -f ./*.csr
echo "pki.sh: test PKI ready in $dir"
