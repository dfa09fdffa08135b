/*
 * Internal to tls/: what the files of the mbedTLS transport share.  The
 * mbedTLS types are only named here (forward declarations), so this
 * header stays free of mbedTLS includes; the .c files include them.
 */
#ifndef HC_TLS_H
#define HC_TLS_H

#include <stddef.h>
#include <stdint.h>

#include "httpc.h"

struct mbedtls_x509_crt;
struct mbedtls_pk_context;

/* Room for one user-facing message ("SSL certificate problem: ..."). */
#define HC_TLS_MSGLEN		1024
/* Chain depths whose verification problems are remembered. */
#define HC_TLS_MAXDEPTH		10

/* hostname.c: RFC 6125 matching, no mbedTLS needed. */

/*
 * 1 if host (a DNS name, any case, a trailing dot allowed) matches the
 * subjectAltName dNSName pattern of plen bytes.  A wildcard is only the
 * whole left-most label, "*.", with at least two labels after it, and
 * stands for exactly one non-empty label.
 */
int	 hc_tls_match_dns(const char *pattern, size_t plen, const char *host);
/*
 * If host is an IPv4 or IPv6 literal (a zone "%eth0" is ignored), the
 * address goes to addr and its length (4 or 16) is returned; else 0.
 */
size_t	 hc_tls_ip_literal(const char *host, unsigned char addr[16]);
/*
 * The name for SNI and checks: host without one trailing dot, into buf.
 * Returns -1 if it does not fit or is empty.
 */
int	 hc_tls_host_name(const char *host, char *buf, size_t bufsz);

/* verify.c: the verify callback and what it learns. */

/* One certificate of the chain with a problem. */
struct hc_tls_badcert {
	uint32_t	 flags;		/* MBEDTLS_X509_BADCERT_* */
	int		 selfsigned;	/* issuer == subject */
	char		 subject[256];
	char		 issuer[256];
	char		 not_before[32];	/* "2020-01-01 00:00:00" */
	char		 not_after[32];
};

/* The state of one handshake's verification. */
struct hc_tls_verify {
	struct httpc_conn *conn;
	const char	*host;		/* the checked name, no trailing dot */
	int		 insecure;	/* -k: report, never fail */
	int		 seen;		/* a certificate arrived (not resumed) */
	int		 chainlen;	/* certificates in the verified chain */
	int		 peercount;	/* certificates the server sent */
	int		 name_ok;	/* the host name check passed */
	char		 namewhy[HC_TLS_MSGLEN];
	struct hc_tls_badcert bad[HC_TLS_MAXDEPTH];
};

void	 hc_tls_verify_init(struct hc_tls_verify *, struct httpc_conn *,
	    const char *host, int insecure);
/* For mbedtls_ssl_conf_verify: checks the name, records problems. */
int	 hc_tls_verify_cb(void *, struct mbedtls_x509_crt *, int depth,
	    uint32_t *flags);
/*
 * Why verification failed, in words, from the recorded problems and the
 * final flags (mbedtls_ssl_get_verify_result); "" if nothing failed.
 */
void	 hc_tls_verify_why(const struct hc_tls_verify *, uint32_t flags,
	    char *buf, size_t bufsz);
/* Debug level 1: subject, issuer, dates and names of the certificate. */
void	 hc_tls_debug_cert(const struct httpc_conn *,
	    const struct mbedtls_x509_crt *);
/* "2020-01-01 00:00:00" of a certificate's notBefore/notAfter. */
void	 hc_tls_cert_dates(const struct mbedtls_x509_crt *, char *from,
	    char *to, size_t sz);

/* ca.c: the trust anchors. */

/*
 * Loads the CA certificates: opts->cafile and opts->capath, else
 * SSL_CERT_FILE and SSL_CERT_DIR, else the system bundle.  On failure
 * why says what to do.  *none is set when nothing was found and the
 * caller may go on (insecure).
 */
enum httpc_err	 hc_tls_load_ca(struct httpc_conn *, const struct httpc_opts *,
		    struct mbedtls_x509_crt *, char *why, size_t whysz);

/* cert.c: the client certificate and key. */

typedef int	 hc_tls_rng_fn(void *, unsigned char *, size_t);
/*
 * Loads opts->cert_file and opts->key_file (the key may be in the cert
 * file) with opts->key_password, and checks they belong together.
 * HTTPC_OK with nothing loaded when no certificate was asked for.
 */
enum httpc_err	 hc_tls_load_client(const struct httpc_opts *,
		    struct mbedtls_x509_crt *, struct mbedtls_pk_context *,
		    hc_tls_rng_fn *, void *rng, char *why, size_t whysz);

/* ciphers.c: --ciphers. */

/*
 * The names in list (OpenSSL, IANA or mbedTLS spelling) as a 0-ended
 * array of suite ids in *out, for mbedtls_ssl_conf_ciphersuites; with
 * tls13, default TLS 1.3 suites are added when the list has none.
 */
enum httpc_err	 hc_tls_ciphers(const char *list, int tls13, int **out,
		    char *why, size_t whysz);

#endif
