/*
 * The client certificate and its key (httplib's cert_file and key_file,
 * curl's --cert and --key).  Everything is checked before the handshake,
 * so that a wrong passphrase or a key of another certificate is told as
 * such, not as a handshake failure.  The key file and the passphrase
 * never stay in memory longer than the parse.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/version.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "tls.h"

/* No key file is this big; the bound keeps a wrong path from hurting. */
#define KEY_MAX		(1024 * 1024)

/* What this mbedTLS can decrypt, for the message when it cannot. */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define KEY_FORMATS	"unencrypted keys; traditional PEM encryption " \
	"(openssl pkey -aes256 -traditional); PKCS#8 with PBES2 (openssl " \
	"pkcs8 -topk8, its default) or PKCS#12 PBE-SHA1-3DES"
#else
#define KEY_FORMATS	"unencrypted keys; traditional PEM encryption " \
	"(openssl pkey -in KEY -aes256 -traditional); PKCS#8 with PBES2 " \
	"using PBKDF2-HMAC-SHA1 and 3DES or DES (openssl pkcs8 -topk8 -v2 " \
	"des3 -v2prf hmacWithSHA1) or with PKCS#12 PBE-SHA1-3DES (openssl " \
	"pkcs8 -topk8 -v1 PBE-SHA1-3DES)"
#endif

static enum httpc_err	read_key(const char *, unsigned char **, size_t *,
			    char *, size_t);

enum httpc_err
hc_tls_load_client(const struct httpc_opts *o, mbedtls_x509_crt *crt,
    mbedtls_pk_context *key, hc_tls_rng_fn *rng, void *prng, char *why,
    size_t whysz)
{
	const char	*keyfile, *pw = o->key_password;
	unsigned char	*buf = NULL;
	size_t		 len = 0;
	char		 err[128];
	int		 r, encrypted;
	enum httpc_err	 e;

	if (o->cert_file == NULL) {
		if (o->key_file == NULL)
			return HTTPC_OK;
		snprintf(why, whysz, "client key '%s' given without its "
		    "certificate (--cert)", o->key_file);
		return HTTPC_TLS_LOCAL_CERT;
	}
	if (access(o->cert_file, R_OK) != 0) {
		snprintf(why, whysz, "cannot read client certificate '%s': %s",
		    o->cert_file, strerror(errno));
		return HTTPC_TLS_LOCAL_CERT;
	}
	/* The file may hold the certificate, its chain and the key. */
	if ((r = mbedtls_x509_crt_parse_file(crt, o->cert_file)) < 0 ||
	    crt->raw.p == NULL) {
		mbedtls_strerror(r, err, sizeof(err));
		snprintf(why, whysz, "no certificate in '%s': PEM or DER "
		    "expected (%s)", o->cert_file, err);
		return HTTPC_TLS_LOCAL_CERT;
	}

	keyfile = o->key_file != NULL ? o->key_file : o->cert_file;
	if ((e = read_key(keyfile, &buf, &len, why, whysz)) != HTTPC_OK)
		return e;
	encrypted = strstr((char *)buf, "ENCRYPTED") != NULL;
	/* PEM wants its terminating NUL counted; DER ignores it. */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	r = mbedtls_pk_parse_key(key, buf, len + 1, (const unsigned char *)pw,
	    pw != NULL ? strlen(pw) : 0, rng, prng);
#else
	(void)rng;
	(void)prng;
	r = mbedtls_pk_parse_key(key, buf, len + 1, (const unsigned char *)pw,
	    pw != NULL ? strlen(pw) : 0);
#endif
	explicit_bzero(buf, len);
	free(buf);

	if (r == MBEDTLS_ERR_PK_PASSWORD_REQUIRED) {
		snprintf(why, whysz, "client key '%s' is encrypted: give its "
		    "passphrase with --pass or --cert FILE:PASSPHRASE",
		    keyfile);
		return HTTPC_TLS_LOCAL_CERT;
	}
	if (r == MBEDTLS_ERR_PK_PASSWORD_MISMATCH) {
		snprintf(why, whysz, "wrong passphrase for client key '%s'",
		    keyfile);
		return HTTPC_TLS_LOCAL_CERT;
	}
	if (r != 0) {
		mbedtls_strerror(r, err, sizeof(err));
		if (encrypted)
			snprintf(why, whysz, "cannot decrypt client key '%s': "
			    "mbedTLS " MBEDTLS_VERSION_STRING " does not "
			    "support its encryption (%s).  Formats that work: "
			    KEY_FORMATS, keyfile, err);
		else
			snprintf(why, whysz, "no usable private key in '%s': "
			    "PEM or DER (PKCS#1, SEC1 or PKCS#8) expected (%s)",
			    keyfile, err);
		return HTTPC_TLS_LOCAL_CERT;
	}

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	r = mbedtls_pk_check_pair(&crt->pk, key, rng, prng);
#else
	r = mbedtls_pk_check_pair(&crt->pk, key);
#endif
	if (r != 0) {
		snprintf(why, whysz, "client key '%s' does not belong to the "
		    "certificate in '%s'", keyfile, o->cert_file);
		return HTTPC_TLS_LOCAL_CERT;
	}
	return HTTPC_OK;
}

/*
 * The whole key file, NUL terminated, in *bufp (len without the NUL).
 * Read by us rather than by mbedtls_pk_parse_keyfile() to look for
 * "ENCRYPTED" and to wipe it ourselves.
 */
static enum httpc_err
read_key(const char *path, unsigned char **bufp, size_t *lenp, char *why,
    size_t whysz)
{
	struct stat	 st;
	unsigned char	*buf = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(why, whysz, "cannot read client key '%s': %s", path,
		    strerror(errno));
		return HTTPC_TLS_LOCAL_CERT;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > KEY_MAX) {
		snprintf(why, whysz, "client key '%s' is not a key file", path);
		goto fail;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		snprintf(why, whysz, "out of memory reading '%s'", path);
		goto fail;
	}
	while (len < (size_t)st.st_size) {
		n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, whysz, "cannot read client key '%s': %s",
			    path, n == 0 ? "file shrank" : strerror(errno));
			goto fail;
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return HTTPC_OK;
fail:
	if (buf != NULL) {
		explicit_bzero(buf, len);
		free(buf);
	}
	close(fd);
	return HTTPC_TLS_LOCAL_CERT;
}
