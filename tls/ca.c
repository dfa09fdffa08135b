/*
 * The trust anchors: which CA certificates verify servers.  What the
 * user named wins (--cacert, --capath; CURL_CA_BUNDLE arrives as the
 * cafile from cmd/), then OpenSSL's SSL_CERT_FILE and SSL_CERT_DIR, then
 * the first system bundle found in the places the common systems keep it.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/version.h>
#include <mbedtls/error.h>
#include <mbedtls/x509_crt.h>

#include "conn.h"
#include "debug.h"
#include "tls.h"

/* Bundles, most common first; the first readable one with certificates. */
static const char *const ca_bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",	/* Debian, Ubuntu, Arch */
	"/etc/pki/tls/certs/ca-bundle.crt",	/* Fedora, RHEL, CentOS */
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", /* Fedora */
	"/etc/ssl/ca-bundle.pem",		/* openSUSE */
	"/etc/ssl/cert.pem",			/* Alpine, macOS, OpenBSD */
	"/usr/local/share/certs/ca-root-nss.crt", /* FreeBSD */
	"/usr/local/etc/openssl/cert.pem",	/* macOS with Homebrew */
	NULL
};

/* Hashed directories, when no bundle file exists. */
static const char *const ca_dirs[] = {
	"/etc/ssl/certs",
	"/etc/pki/tls/certs",
	NULL
};

static enum httpc_err	load_file(struct httpc_conn *, mbedtls_x509_crt *,
			    const char *, const char *, char *, size_t);
static enum httpc_err	load_dir(struct httpc_conn *, mbedtls_x509_crt *,
			    const char *, const char *, char *, size_t);
static int		count(const mbedtls_x509_crt *);
static const char	*env(const char *);

enum httpc_err
hc_tls_load_ca(struct httpc_conn *conn, const struct httpc_opts *o,
    mbedtls_x509_crt *ca, char *why, size_t whysz)
{
	const char	*file = o->cafile, *dir = o->capath;
	const char	*fsrc = "--cacert", *dsrc = "--capath";
	enum httpc_err	 e;
	int		 i;

	if (file == NULL && dir == NULL) {
		file = env("SSL_CERT_FILE");
		dir = env("SSL_CERT_DIR");
		fsrc = "SSL_CERT_FILE";
		dsrc = "SSL_CERT_DIR";
	}
	/* Named ones must work: a typo must not silently mean "system". */
	if (file != NULL || dir != NULL) {
		if (file != NULL && (e = load_file(conn, ca, file, fsrc, why,
		    whysz)) != HTTPC_OK)
			return e;
		if (dir != NULL &&
		    (e = load_dir(conn, ca, dir, dsrc, why, whysz)) != HTTPC_OK)
			return e;
		return HTTPC_OK;
	}

	for (i = 0; ca_bundles[i] != NULL; i++) {
		if (access(ca_bundles[i], R_OK) != 0)
			continue;
		if (load_file(conn, ca, ca_bundles[i], "system CA bundle", why,
		    whysz) == HTTPC_OK)
			return HTTPC_OK;
	}
	for (i = 0; ca_dirs[i] != NULL; i++) {
		if (access(ca_dirs[i], R_OK | X_OK) != 0)
			continue;
		if (load_dir(conn, ca, ca_dirs[i], "system CA directory", why,
		    whysz) == HTTPC_OK)
			return HTTPC_OK;
	}
	snprintf(why, whysz, "no CA certificates found to verify the server "
	    "with (looked for %s and others): give them with --cacert FILE or "
	    "--capath DIR, or set SSL_CERT_FILE", ca_bundles[0]);
	return HTTPC_TLS_CACERT;
}

/* A variable that is set and not empty, ignored when setuid. */
static const char *
env(const char *name)
{
	const char	*v;

	if ((v = secure_getenv(name)) == NULL || *v == '\0')
		return NULL;
	return v;
}

static int
count(const mbedtls_x509_crt *c)
{
	int	 n = 0;

	for (; c != NULL && c->raw.p != NULL; c = c->next)
		n++;
	return n;
}

static enum httpc_err
load_file(struct httpc_conn *conn, mbedtls_x509_crt *ca, const char *path,
    const char *src, char *why, size_t whysz)
{
	struct stat	 st;
	char		 err[128];
	int		 r, before = count(ca);

	/* mbedTLS only says "file I/O error"; errno says which. */
	if (stat(path, &st) != 0 || access(path, R_OK) != 0) {
		snprintf(why, whysz, "cannot read CA file '%s' (%s): %s",
		    path, src, strerror(errno));
		return HTTPC_TLS_CACERT;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whysz, "CA file '%s' (%s) is not a file%s", path,
		    src, S_ISDIR(st.st_mode) ?
		    "; use --capath for a directory" : "");
		return HTTPC_TLS_CACERT;
	}
	r = mbedtls_x509_crt_parse_file(ca, path);
	if (r < 0 || count(ca) == before) {
		mbedtls_strerror(r, err, sizeof(err));
		snprintf(why, whysz, "no usable CA certificate in '%s' (%s): "
		    "PEM or DER certificates expected (%s)", path, src, err);
		return HTTPC_TLS_CACERT;
	}
	hc_debugf(conn, " CAfile: %s", path);
	if (r > 0)
		hc_debugf(conn, " CAfile: %d certificates skipped (not "
		    "understood by mbedTLS)", r);
	return HTTPC_OK;
}

static enum httpc_err
load_dir(struct httpc_conn *conn, mbedtls_x509_crt *ca, const char *path,
    const char *src, char *why, size_t whysz)
{
	struct stat	 st;
	char		 err[128];
	int		 r, before = count(ca);

	if (stat(path, &st) != 0) {
		snprintf(why, whysz, "cannot read CA directory '%s' (%s): %s",
		    path, src, strerror(errno));
		return HTTPC_TLS_CACERT;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, whysz, "CA directory '%s' (%s) is not a "
		    "directory; use --cacert for a file", path, src);
		return HTTPC_TLS_CACERT;
	}
	/* Every file is tried; ones that are not certificates are skipped. */
	r = mbedtls_x509_crt_parse_path(ca, path);
	if (r < 0 || count(ca) == before) {
		if (r < 0) {
			mbedtls_strerror(r, err, sizeof(err));
			snprintf(why, whysz, "cannot read CA directory '%s' "
			    "(%s): %s", path, src, err);
		} else
			snprintf(why, whysz, "no CA certificates in directory "
			    "'%s' (%s)", path, src);
		return HTTPC_TLS_CACERT;
	}
	hc_debugf(conn, " CApath: %s", path);
	return HTTPC_OK;
}
