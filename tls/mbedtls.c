/*
 * HTTPSConnection: TLS over the connection's TCP transport, on mbedTLS
 * 2.28 (TLS 1.2) or 3.6 (TLS 1.2 and 1.3).  The differences between the
 * two stay in this directory, behind MBEDTLS_VERSION_NUMBER.
 *
 * A connection carries one struct tls_ctx, built at its first connect
 * (when its debug level is known and a failure can be told in words)
 * and kept for its reconnects: the CA chain is loaded once, and the last
 * session is offered again so that a reconnect is resumed.  Each connect
 * wraps the TCP transport in a struct tls_transport.
 *
 * Floors whatever mbedTLS's defaults are: TLS 1.2 at least (-k too),
 * DHE groups of 2048 bits, no SHA-1 and no RSA under 2048 bits in the
 * chain, no curves under 256 bits, key usage and extended key usage as
 * mbedTLS enforces them.  Verification is on unless opts->insecure.
 */
#include <sys/types.h>
#include <sys/random.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/version.h>
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <mbedtls/build_info.h>
#include <psa/crypto.h>
#else
#include <mbedtls/config.h>
#endif
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "conn.h"
#include "debug.h"
#include "tls.h"

#if MBEDTLS_VERSION_NUMBER < 0x021C0000
#error "mbedTLS 2.28 or newer is needed"
#endif

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define TLS_V3			1
/* Fields mbedTLS 3 made private that we read (the last alert). */
#define TLS_PRIV(f)		MBEDTLS_PRIVATE(f)
#define ERR_PROTOCOL_VERSION	MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION
#define ERR_BAD_CERT		MBEDTLS_ERR_SSL_BAD_CERTIFICATE
/* 3.6 says "illegal parameter" for a short DH prime, among others. */
#define ERR_KEY_EXCHANGE	MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER
#define KEY_EXCHANGE_HINT	"; mbedTLS 3.6.6 also refuses RSA-PSS " \
	"signatures in TLS 1.2, which --tls-max 1.2 avoids"

#else
#define TLS_PRIV(f)		f
#define ERR_PROTOCOL_VERSION	MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION
#define ERR_BAD_CERT		MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE
#define ERR_KEY_EXCHANGE	MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE
#define KEY_EXCHANGE_HINT	""
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
#define TLS_HAVE13		1
#define TLS_VERSIONS		"TLS 1.2, TLS 1.3"
#else
#define TLS_VERSIONS		"TLS 1.2"
#endif

/* Per connection, for all its (re)connects. */
struct tls_ctx {
	int			 ready;		/* built (or failed) */
	enum httpc_err		 err;		/* how building failed */
	char			 why[HC_TLS_MSGLEN];
	mbedtls_ssl_config	 conf;
	mbedtls_entropy_context	 entropy;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_x509_crt	 ca;
	mbedtls_x509_crt	 cert;
	mbedtls_pk_context	 key;
	int			*suites;	/* --ciphers, 0-ended */
	mbedtls_ssl_session	 session;	/* to offer on reconnect */
	int			 have_session;
	int			 insecure;
	int			 min13;		/* only TLS 1.3 allowed */
	int			 max12;		/* only TLS 1.2 allowed */
	char			 name[256];	/* host: SNI and checks */
	int			 ip;		/* name is an IP literal */
};

/* One TLS connection over an inner (TCP) transport. */
struct tls_transport {
	struct httpc_transport	 base;		/* first: what core holds */
	struct httpc_transport	*inner;
	struct httpc_conn	*conn;
	struct tls_ctx		*ctx;
	mbedtls_ssl_context	 ssl;
	struct hc_tls_verify	 verify;
	enum httpc_err		 ioerr;		/* inner's error, told as is */
	int			 eof;		/* the peer closed */
	int			 broken;	/* no close_notify at close */
	/* Read-ahead for bulk reads (see tls_read): ciphertext taken from
	 * the socket in large reads, handed to mbedTLS as it asks. */
	unsigned char		*rbuf;
	size_t			 rpos, rlen;
	int			 nonblock;	/* only from rbuf, no waiting */
	int			 held;		/* an mbedtls_ssl_read result */
	int			 has_held;	/* for the next call */
};

/*
 * A read of at least TLS_BULK bytes is a body's bulk: from then on the
 * connection reads TLS_RBUF_SIZE of ciphertext a time (four full
 * records, one recv instead of eight) and decrypts every whole record
 * already here into the caller's buffer (one write for them all).
 * Small reads (heads, small bodies) never allocate it.
 */
#define TLS_BULK	(64 * 1024)
#define TLS_RBUF_SIZE	(64 * 1024)

static enum httpc_err	tls_wrap(void *, struct httpc_conn *,
			    struct httpc_transport *,
			    struct httpc_transport **);
static void		tls_free(void *);
static enum httpc_err	tls_read(struct httpc_transport *, void *, size_t,
			    size_t *);
static enum httpc_err	tls_write(struct httpc_transport *, const void *,
			    size_t, size_t *);
static void		tls_close(struct httpc_transport *);

static enum httpc_err	ctx_build(struct tls_ctx *, struct httpc_conn *);
static enum httpc_err	ctx_versions(struct tls_ctx *,
			    const struct httpc_opts *);
static void		ctx_floors(struct tls_ctx *);
static int		os_entropy(void *, unsigned char *, size_t, size_t *);
static int		bio_send(void *, const unsigned char *, size_t);
static int		bio_recv(void *, unsigned char *, size_t);
static size_t		tls_pending(struct httpc_transport *);
static void		read_more(struct tls_transport *, unsigned char *,
			    size_t, size_t *);
static enum httpc_err	handshake_failed(struct tls_transport *, int);
static void		handshake_done(struct tls_transport *);
static const char	*alert_text(struct tls_transport *, int *);
static void		save_session(struct tls_transport *);
static void		err_text(int, char *, size_t);

static const struct hc_layer_ops tls_layer_ops = {
	"tls",
	tls_wrap,
	tls_free,
	tls_pending
};

static const struct httpc_transport_ops tls_transport_ops = {
	"tls",
	tls_read,
	tls_write,
	tls_close
};

static const char *tls_alpn[] = { "http/1.1", NULL };

/*
 * The chain's floor, the same on every mbedTLS: SHA-256 or better, RSA
 * keys of 2048 bits or more, EC keys on curves of 256 bits or more.
 */
static const mbedtls_x509_crt_profile tls_profile = {
	MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA384) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA512),
	0xFFFFFFF,				/* any key type */
	MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP256R1) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP384R1) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP521R1) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP256R1) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP384R1) |
	    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP512R1),
	2048,
};

#if !defined(TLS_V3)
/*
 * mbedTLS 2.28 offers every curve it was built with (secp192r1 too) and
 * may accept SHA-1 handshake signatures; 3.6's defaults are already these.
 */
static const mbedtls_ecp_group_id tls_curves[] = {
#if defined(MBEDTLS_ECP_DP_CURVE25519_ENABLED)
	MBEDTLS_ECP_DP_CURVE25519,
#endif
	MBEDTLS_ECP_DP_SECP256R1,
	MBEDTLS_ECP_DP_SECP384R1,
#if defined(MBEDTLS_ECP_DP_CURVE448_ENABLED)
	MBEDTLS_ECP_DP_CURVE448,
#endif
	MBEDTLS_ECP_DP_SECP521R1,
#if defined(MBEDTLS_ECP_DP_BP256R1_ENABLED)
	MBEDTLS_ECP_DP_BP256R1,
#endif
#if defined(MBEDTLS_ECP_DP_BP384R1_ENABLED)
	MBEDTLS_ECP_DP_BP384R1,
#endif
#if defined(MBEDTLS_ECP_DP_BP512R1_ENABLED)
	MBEDTLS_ECP_DP_BP512R1,
#endif
	MBEDTLS_ECP_DP_NONE
};

static const int tls_sig_hashes[] = {
	MBEDTLS_MD_SHA512,
	MBEDTLS_MD_SHA384,
	MBEDTLS_MD_SHA256,
	MBEDTLS_MD_NONE
};
#else
/*
 * 3.6's default handshake signature list minus SHA-1, with RSA PKCS#1
 * before RSA-PSS: a TLS 1.2 server takes the client's order, and 3.6.6
 * refuses the rsa_pss_rsae signatures it offered itself in a TLS 1.2
 * ServerKeyExchange (Mbed-TLS/mbedtls#10668).  TLS 1.3 servers skip the
 * PKCS#1 entries, which TLS 1.3 does not allow for handshakes.
 */
static const uint16_t tls_sig_algs[] = {
	MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
	MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
	MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512,
	MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
	MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
	MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
	MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
	MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,
	MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
	MBEDTLS_TLS1_3_SIG_NONE
};
/* The same for TLS 1.2 alone: no RSA-PSS at all, so no server picks it. */
static const uint16_t tls12_sig_algs[] = {
	MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
	MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
	MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512,
	MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
	MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
	MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
	MBEDTLS_TLS1_3_SIG_NONE
};
#endif

/*
 * HTTPSConnection(host, port, key_file, cert_file, ...): a connection
 * whose transport is TLS.  Nothing is loaded yet: certificates, keys
 * and CAs are read at the first connect, where a problem with them
 * fails httpc_conn_connect() with its reason in httpc_conn_errmsg().
 */
enum httpc_err
httpc_https_conn_new(struct httpc_conn **connp, const char *host, int port,
    const struct httpc_opts *opts)
{
	struct httpc_conn	*conn = NULL;
	struct tls_ctx		*ctx;
	enum httpc_err		 e;

	if ((e = hc_conn_new(&conn, host, port, HTTPC_HTTPS_PORT, opts)) !=
	    HTTPC_OK)
		return e;
	if ((ctx = calloc(1, sizeof(*ctx))) == NULL) {
		httpc_conn_free(conn);
		return HTTPC_NOMEM;
	}
	mbedtls_ssl_config_init(&ctx->conf);
	mbedtls_entropy_init(&ctx->entropy);
	mbedtls_ctr_drbg_init(&ctx->drbg);
	mbedtls_x509_crt_init(&ctx->ca);
	mbedtls_x509_crt_init(&ctx->cert);
	mbedtls_pk_init(&ctx->key);
	mbedtls_ssl_session_init(&ctx->session);
	hc_conn_set_layer(conn, &tls_layer_ops, ctx);
	*connp = conn;
	return HTTPC_OK;
}

/* The TLS library and versions this build has, for --version. */
const char *
httpc_tls_backend(void)
{
	return "mbedTLS " MBEDTLS_VERSION_STRING " (" TLS_VERSIONS ")";
}

static void
tls_free(void *arg)
{
	struct tls_ctx	*ctx = arg;

	if (ctx == NULL)
		return;
	mbedtls_ssl_session_free(&ctx->session);
	mbedtls_ssl_config_free(&ctx->conf);
	/* mbedtls_pk_free wipes the key. */
	mbedtls_pk_free(&ctx->key);
	mbedtls_x509_crt_free(&ctx->cert);
	mbedtls_x509_crt_free(&ctx->ca);
	mbedtls_ctr_drbg_free(&ctx->drbg);
	mbedtls_entropy_free(&ctx->entropy);
	free(ctx->suites);
	freezero(ctx, sizeof(*ctx));
}

/*
 * The configuration, once per connection.  A failure is kept in ctx and
 * told again on every connect: the user's files do not change under us.
 */
static enum httpc_err
ctx_build(struct tls_ctx *ctx, struct httpc_conn *conn)
{
	static const unsigned char pers[] = "httpc tls";
	const struct httpc_opts	*o = hc_conn_opts(conn);
	unsigned char	 addr[16];
	enum httpc_err	 e;
	int		 r;

	ctx->insecure = o->insecure;
	if (hc_tls_host_name(hc_conn_host(conn), ctx->name,
	    sizeof(ctx->name)) != 0) {
		snprintf(ctx->why, sizeof(ctx->why), "host name too long or "
		    "empty for TLS");
		return HTTPC_TLS_HANDSHAKE;
	}
	ctx->ip = hc_tls_ip_literal(ctx->name, addr) != 0;

	if ((r = mbedtls_ssl_config_defaults(&ctx->conf, MBEDTLS_SSL_IS_CLIENT,
	    MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
		err_text(r, ctx->why, sizeof(ctx->why));
		return HTTPC_TLS;
	}
	if ((e = ctx_versions(ctx, o)) != HTTPC_OK)
		return e;

	/* Our own getrandom(2) source: the OS, whatever mbedTLS's build. */
	if ((r = mbedtls_entropy_add_source(&ctx->entropy, os_entropy, NULL,
	    32, MBEDTLS_ENTROPY_SOURCE_STRONG)) != 0 ||
	    (r = mbedtls_ctr_drbg_seed(&ctx->drbg, mbedtls_entropy_func,
	    &ctx->entropy, pers, sizeof(pers) - 1)) != 0) {
		snprintf(ctx->why, sizeof(ctx->why), "cannot seed the random "
		    "number generator from the system");
		return HTTPC_SYS;
	}
	mbedtls_ssl_conf_rng(&ctx->conf, mbedtls_ctr_drbg_random, &ctx->drbg);
#if defined(TLS_V3)
	/* TLS 1.3 in mbedTLS 3 runs on PSA; it is idempotent. */
	if (psa_crypto_init() != PSA_SUCCESS) {
		snprintf(ctx->why, sizeof(ctx->why), "cannot start mbedTLS's "
		    "PSA crypto");
		return HTTPC_SYS;
	}
#endif

	e = hc_tls_load_ca(conn, o, &ctx->ca, ctx->why, sizeof(ctx->why));
	if (e != HTTPC_OK && !ctx->insecure)
		return e;
	if (e != HTTPC_OK)
		hc_debugf(conn, "%s; not needed with --insecure", ctx->why);
	ctx->why[0] = '\0';
	if (ctx->ca.raw.p != NULL)
		mbedtls_ssl_conf_ca_chain(&ctx->conf, &ctx->ca, NULL);
	/*
	 * -k still verifies (OPTIONAL) so that -v can say what is wrong;
	 * with no CA at all there is nothing to verify against.
	 */
	mbedtls_ssl_conf_authmode(&ctx->conf, !ctx->insecure ?
	    MBEDTLS_SSL_VERIFY_REQUIRED : ctx->ca.raw.p != NULL ?
	    MBEDTLS_SSL_VERIFY_OPTIONAL : MBEDTLS_SSL_VERIFY_NONE);
	mbedtls_ssl_conf_cert_profile(&ctx->conf, &tls_profile);

	if ((e = hc_tls_load_client(o, &ctx->cert, &ctx->key,
	    mbedtls_ctr_drbg_random, &ctx->drbg, ctx->why,
	    sizeof(ctx->why))) != HTTPC_OK)
		return e;
	if (ctx->cert.raw.p != NULL &&
	    (r = mbedtls_ssl_conf_own_cert(&ctx->conf, &ctx->cert,
	    &ctx->key)) != 0) {
		err_text(r, ctx->why, sizeof(ctx->why));
		return HTTPC_TLS_LOCAL_CERT;
	}

	if (o->ciphers != NULL) {
#if defined(TLS_HAVE13)
		int tls13 = 1;
#else
		int tls13 = 0;
#endif
		if ((e = hc_tls_ciphers(o->ciphers, tls13, &ctx->suites,
		    ctx->why, sizeof(ctx->why))) != HTTPC_OK)
			return e;
		mbedtls_ssl_conf_ciphersuites(&ctx->conf, ctx->suites);
	}
	if ((r = mbedtls_ssl_conf_alpn_protocols(&ctx->conf, tls_alpn)) != 0) {
		err_text(r, ctx->why, sizeof(ctx->why));
		return HTTPC_TLS;
	}
	ctx_floors(ctx);
	return HTTPC_OK;
}

/*
 * tls_min and tls_max are 12 or 13 (0: defaults).  TLS 1.2 is the floor
 * whatever is asked (so 10 and 11 as a minimum mean 1.2); a maximum
 * below 1.2, or 1.3 as a minimum on a build without it, cannot be had.
 */
static enum httpc_err
ctx_versions(struct tls_ctx *ctx, const struct httpc_opts *o)
{
	int	 min = o->tls_min, max = o->tls_max;

#if defined(TLS_HAVE13)
	const int top = 13;
#else
	const int top = 12;
#endif

	if (min < 12)
		min = 12;
	if (max == 0)
		max = top;
	if (min > 13 || max > 13) {
		snprintf(ctx->why, sizeof(ctx->why), "unknown TLS version "
		    "1.%d", (min > 13 ? min : max) - 10);
		return HTTPC_UNSUPPORTED;
	}
	if (max < 12) {
		snprintf(ctx->why, sizeof(ctx->why), "TLS 1.%d is not "
		    "supported: httpc needs TLS 1.2 or newer", max - 10);
		return HTTPC_UNSUPPORTED;
	}
	if (min > top) {
		snprintf(ctx->why, sizeof(ctx->why), "TLS 1.3 is not available "
		    "in this build: mbedTLS " MBEDTLS_VERSION_STRING " has "
		    TLS_VERSIONS " only (build with mbedTLS 3.6 for TLS 1.3)");
		return HTTPC_UNSUPPORTED;
	}
	if (max > top)
		max = top;
	if (min > max) {
		snprintf(ctx->why, sizeof(ctx->why), "the minimum TLS version "
		    "1.%d is above the maximum 1.%d", min - 10, max - 10);
		return HTTPC_TLS_HANDSHAKE;
	}
	ctx->min13 = min == 13;
	ctx->max12 = max == 12;
#if defined(TLS_V3)
	mbedtls_ssl_conf_min_tls_version(&ctx->conf, min == 13 ?
	    MBEDTLS_SSL_VERSION_TLS1_3 : MBEDTLS_SSL_VERSION_TLS1_2);
	mbedtls_ssl_conf_max_tls_version(&ctx->conf, max == 13 ?
	    MBEDTLS_SSL_VERSION_TLS1_3 : MBEDTLS_SSL_VERSION_TLS1_2);
#else
	mbedtls_ssl_conf_min_version(&ctx->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
	    MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(&ctx->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
	    MBEDTLS_SSL_MINOR_VERSION_3);
#endif
	return HTTPC_OK;
}

/* Key exchange floors and session resumption. */
static void
ctx_floors(struct tls_ctx *ctx)
{
#if defined(MBEDTLS_DHM_C) && defined(MBEDTLS_SSL_CLI_C)
	/* 2.28 takes 1024-bit groups by default (Logjam territory). */
	mbedtls_ssl_conf_dhm_min_bitlen(&ctx->conf, 2048);
#endif
#if !defined(TLS_V3)
	mbedtls_ssl_conf_curves(&ctx->conf, tls_curves);
	mbedtls_ssl_conf_sig_hashes(&ctx->conf, tls_sig_hashes);
#else
	mbedtls_ssl_conf_sig_algs(&ctx->conf, ctx->max12 ? tls12_sig_algs :
	    tls_sig_algs);
#endif
#if defined(MBEDTLS_SSL_RENEGOTIATION)
	mbedtls_ssl_conf_renegotiation(&ctx->conf,
	    MBEDTLS_SSL_RENEGOTIATION_DISABLED);
#endif
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
	mbedtls_ssl_conf_session_tickets(&ctx->conf,
	    MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#if defined(TLS_HAVE13) && MBEDTLS_VERSION_NUMBER >= 0x03060100
	/* Else 3.6.1 and later drop TLS 1.3 tickets: nothing to resume. */
	mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(&ctx->conf,
	    MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
#endif
}

static int
os_entropy(void *arg, unsigned char *out, size_t len, size_t *olen)
{
	ssize_t	 n;

	(void)arg;
	*olen = 0;
	while (*olen < len) {
		n = getrandom(out + *olen, len - *olen, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
		*olen += (size_t)n;
	}
	return 0;
}

/*
 * The handshake over inner.  On failure inner stays the caller's and the
 * reason is in the connection's error message.
 */
static enum httpc_err
tls_wrap(void *arg, struct httpc_conn *conn, struct httpc_transport *inner,
    struct httpc_transport **outer)
{
	struct tls_ctx		*ctx = arg;
	struct tls_transport	*t;
	char			 msg[128];
	enum httpc_err		 e;
	int			 r;

	if (!ctx->ready) {
		ctx->ready = 1;
		ctx->err = ctx_build(ctx, conn);
	}
	if (ctx->err != HTTPC_OK)
		return hc_conn_seterr(conn, ctx->err, "%s", ctx->why);

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return hc_conn_seterr(conn, HTTPC_NOMEM, "out of memory");
	t->base.ops = &tls_transport_ops;
	t->inner = inner;
	t->conn = conn;
	t->ctx = ctx;
	mbedtls_ssl_init(&t->ssl);
	hc_tls_verify_init(&t->verify, conn, ctx->name, ctx->insecure);

	/*
	 * SNI, never for an IP literal (RFC 6066).  NULL is said explicitly
	 * so that 2.28.10 and 3.6.3 on, which refuse to verify without a
	 * name, verify: the name check is ours, in the verify callback.
	 */
	if ((r = mbedtls_ssl_setup(&t->ssl, &ctx->conf)) != 0 ||
	    (r = mbedtls_ssl_set_hostname(&t->ssl, ctx->ip ? NULL :
	    ctx->name)) != 0) {
		err_text(r, msg, sizeof(msg));
		e = hc_conn_seterr(conn, r == MBEDTLS_ERR_SSL_ALLOC_FAILED ?
		    HTTPC_NOMEM : HTTPC_TLS, "TLS setup failed: %s", msg);
		goto fail;
	}
	mbedtls_ssl_set_verify(&t->ssl, hc_tls_verify_cb, &t->verify);
	mbedtls_ssl_set_bio(&t->ssl, t, bio_send, bio_recv, NULL);
	if (ctx->have_session && mbedtls_ssl_set_session(&t->ssl,
	    &ctx->session) == 0)
		hc_debugf(conn, "SSL trying to resume the previous session");

	hc_debugf(conn, "ALPN: offers %s", tls_alpn[0]);
	while ((r = mbedtls_ssl_handshake(&t->ssl)) != 0) {
		if (r == MBEDTLS_ERR_SSL_WANT_READ ||
		    r == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
		if (r == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
			save_session(t);
			continue;
		}
#endif
		e = handshake_failed(t, r);
		goto fail;
	}
	handshake_done(t);
	*outer = &t->base;
	return HTTPC_OK;
fail:
	/* inner stays the caller's, who closes it. */
	mbedtls_ssl_free(&t->ssl);
	free(t);
	return e;
}

/* mbedTLS's send: one write on the inner transport. */
static int
bio_send(void *arg, const unsigned char *buf, size_t len)
{
	struct tls_transport	*t = arg;
	size_t			 n = 0;
	enum httpc_err		 e;

	if (len > INT_MAX)
		len = INT_MAX;
	if ((e = t->inner->ops->write(t->inner, buf, len, &n)) != HTTPC_OK) {
		t->ioerr = e;
		return MBEDTLS_ERR_NET_SEND_FAILED;
	}
	return (int)n;
}

/*
 * mbedTLS's receive: from the read-ahead buffer while it has bytes, else
 * one read on the inner transport (into the buffer, once there is one),
 * 0 at its end.  In nonblock mode only the buffer: WANT_READ when empty.
 */
static int
bio_recv(void *arg, unsigned char *buf, size_t len)
{
	struct tls_transport	*t = arg;
	size_t			 n = 0;
	enum httpc_err		 e;

	if (len > INT_MAX)
		len = INT_MAX;
	if (t->rpos == t->rlen && t->nonblock)
		return MBEDTLS_ERR_SSL_WANT_READ;
	if (t->rpos == t->rlen && t->rbuf != NULL) {
		if ((e = t->inner->ops->read(t->inner, t->rbuf, TLS_RBUF_SIZE,
		    &n)) != HTTPC_OK) {
			t->ioerr = e;
			return MBEDTLS_ERR_NET_RECV_FAILED;
		}
		t->rpos = 0;
		t->rlen = n;
	}
	if (t->rpos < t->rlen) {
		n = t->rlen - t->rpos < len ? t->rlen - t->rpos : len;
		memcpy(buf, t->rbuf + t->rpos, n);
		t->rpos += n;
		return (int)n;
	}
	if (t->rbuf == NULL &&
	    (e = t->inner->ops->read(t->inner, buf, len, &n)) != HTTPC_OK) {
		t->ioerr = e;
		return MBEDTLS_ERR_NET_RECV_FAILED;
	}
	if (n == 0)
		t->eof = 1;
	return (int)n;
}

static size_t
tls_pending(struct httpc_transport *tp)
{
	struct tls_transport	*t = (struct tls_transport *)tp;

	return t->rlen - t->rpos + mbedtls_ssl_get_bytes_avail(&t->ssl) +
	    (size_t)t->has_held;
}

/*
 * Why the handshake failed, in words; the error says whether it was the
 * server's certificate (60), ours (58), a timeout or I/O error of the
 * inner transport (told by it), or the handshake itself (35).
 */
static enum httpc_err
handshake_failed(struct tls_transport *t, int r)
{
	struct httpc_conn	*conn = t->conn;
	char			 why[HC_TLS_MSGLEN], err[128];
	const char		*alert;
	uint32_t		 flags;
	int			 code;

	if (t->ioerr != HTTPC_OK)
		return t->ioerr;
	err_text(r, err, sizeof(err));

	flags = t->verify.seen ? mbedtls_ssl_get_verify_result(&t->ssl) : 0;
	if (flags == (uint32_t)-1)
		flags = 0;
	hc_tls_verify_why(&t->verify, flags, why, sizeof(why));
	if (why[0] != '\0' && (r == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED ||
	    r == ERR_BAD_CERT ||
	    r == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE || flags != 0)) {
		hc_debugf(conn, "SSL certificate verify result: %s", why);
		return hc_conn_seterr(conn, HTTPC_TLS_PEER_VERIFY,
		    "SSL certificate problem: %s", why);
	}
	alert = r == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE ?
	    alert_text(t, &code) : NULL;
	if (r == ERR_PROTOCOL_VERSION)
		return hc_conn_seterr(conn, HTTPC_TLS_HANDSHAKE,
		    "TLS handshake with %s failed: the server chose a TLS "
		    "version older than 1.2, which is refused", t->ctx->name);
	if (alert != NULL && code == 70)
		return hc_conn_seterr(conn, HTTPC_TLS_HANDSHAKE,
		    "TLS handshake with %s failed: the server does not speak "
		    "the TLS versions allowed (%s)%s", t->ctx->name,
		    t->ctx->min13 ? "TLS 1.3" : t->ctx->max12 ? "TLS 1.2" :
		    "TLS 1.2 and 1.3",
#if defined(TLS_HAVE13)
		    ""
#else
		    "; if it wants TLS 1.3, build httpc with mbedTLS 3.6"
#endif
		    );
	if (alert != NULL)
		return hc_conn_seterr(conn, HTTPC_TLS_HANDSHAKE,
		    "TLS handshake with %s failed: the server sent alert %s",
		    t->ctx->name, alert);
	if (t->eof || r == MBEDTLS_ERR_SSL_CONN_EOF)
		return hc_conn_seterr(conn, HTTPC_TLS_HANDSHAKE,
		    "TLS handshake with %s failed: the server closed the "
		    "connection%s", t->ctx->name, t->ctx->cert.raw.p == NULL ?
		    " (does it want a client certificate, --cert?)" : "");
	if (r == ERR_KEY_EXCHANGE)
		return hc_conn_seterr(conn, HTTPC_TLS_HANDSHAKE,
		    "TLS handshake with %s failed: the server's key exchange "
		    "was refused (a Diffie-Hellman group under 2048 bits, a "
		    "weak curve or signature hash" KEY_EXCHANGE_HINT ") (%s)",
		    t->ctx->name, err);
	return hc_conn_seterr(conn, HTTPC_TLS_HANDSHAKE,
	    "TLS handshake with %s failed: %s", t->ctx->name, err);
}

/*
 * The last alert received, in words with a hint, or NULL.  mbedTLS keeps
 * it only in the record it was read from (in_msg: level, description).
 */
static const char *
alert_text(struct tls_transport *t, int *code)
{
	static const struct {
		int		 code;
		const char	*text;
	} alerts[] = {
		{ 40, "handshake_failure: no cipher suite, group or signature "
		    "algorithm in common, or a client certificate is needed" },
		{ 42, "bad_certificate: our client certificate was refused" },
		{ 43, "unsupported_certificate: our client certificate was "
		    "refused" },
		{ 44, "certificate_revoked: our client certificate was "
		    "refused" },
		{ 45, "certificate_expired: our client certificate has "
		    "expired" },
		{ 46, "certificate_unknown: our client certificate was "
		    "refused" },
		{ 47, "illegal_parameter" },
		{ 48, "unknown_ca: the server does not trust our client "
		    "certificate's issuer" },
		{ 49, "access_denied" },
		{ 50, "decode_error" },
		{ 51, "decrypt_error" },
		{ 70, "protocol_version" },
		{ 71, "insufficient_security: the server wants stronger "
		    "ciphers" },
		{ 80, "internal_error" },
		{ 86, "inappropriate_fallback" },
		{ 109, "missing_extension" },
		{ 112, "unrecognized_name: the server does not serve this host "
		    "name" },
		{ 116, "certificate_required: the server wants a client "
		    "certificate (--cert)" },
		{ 120, "no_application_protocol: the server does not speak "
		    "HTTP/1.1" },
	};
	const unsigned char	*msg = t->ssl.TLS_PRIV(in_msg);
	size_t			 i;

	if (msg == NULL || t->ssl.TLS_PRIV(in_msgtype) !=
	    MBEDTLS_SSL_MSG_ALERT)
		return NULL;
	*code = msg[1];
	for (i = 0; i < sizeof(alerts) / sizeof(*alerts); i++)
		if (alerts[i].code == *code)
			return alerts[i].text;
	return "(unknown alert)";
}

/* -v lines after a handshake, as curl -v shows them; session kept. */
static void
handshake_done(struct tls_transport *t)
{
	struct httpc_conn	*conn = t->conn;
	const char		*alpn;
	char			 why[HC_TLS_MSGLEN];
	uint32_t		 flags;
	int			 resumed;

	resumed = !t->verify.seen && t->ctx->have_session;
	hc_debugf(conn, "SSL connection using %s / %s",
	    mbedtls_ssl_get_version(&t->ssl),
	    mbedtls_ssl_get_ciphersuite(&t->ssl));
	if ((alpn = mbedtls_ssl_get_alpn_protocol(&t->ssl)) != NULL)
		hc_debugf(conn, "ALPN: server accepted %s", alpn);
	else
		hc_debugf(conn, "ALPN: server did not agree on a protocol. "
		    "Uses default.");
	if (resumed) {
		hc_debugf(conn, "SSL session resumed");
		hc_tls_debug_cert(conn, mbedtls_ssl_get_peer_cert(&t->ssl));
	}
	flags = mbedtls_ssl_get_verify_result(&t->ssl);
	if (t->ctx->insecure && flags != 0) {
		hc_tls_verify_why(&t->verify, flags, why, sizeof(why));
		hc_debugf(conn, "SSL certificate verify result: %s, continuing "
		    "anyway.", why[0] != '\0' ? why : "not verified");
	} else if (!t->ctx->insecure)
		hc_debugf(conn, " SSL certificate verify ok.");
	else
		hc_debugf(conn, " SSL certificate verify ok (--insecure).");
#if defined(TLS_V3)
	/* TLS 1.3 sessions come later, as tickets (see tls_read). */
	if (mbedtls_ssl_get_version_number(&t->ssl) ==
	    MBEDTLS_SSL_VERSION_TLS1_3)
		return;
#endif
	save_session(t);
}

/* Keeps the session for the next connect of this connection. */
static void
save_session(struct tls_transport *t)
{
	struct tls_ctx		*ctx = t->ctx;
	mbedtls_ssl_session	 s;

	mbedtls_ssl_session_init(&s);
	if (mbedtls_ssl_get_session(&t->ssl, &s) != 0) {
		mbedtls_ssl_session_free(&s);
		return;
	}
	mbedtls_ssl_session_free(&ctx->session);
	/* The struct moves: its allocations now belong to ctx. */
	ctx->session = s;
	ctx->have_session = 1;
}

static enum httpc_err
tls_read(struct httpc_transport *tp, void *buf, size_t len, size_t *got)
{
	struct tls_transport	*t = (struct tls_transport *)tp;
	char			 err[128];
	const char		*alert;
	int			 r, code;

	*got = 0;
	if (len > INT_MAX)
		len = INT_MAX;
	t->ioerr = HTTPC_OK;
	/* Out of memory here only means no read-ahead. */
	if (len >= TLS_BULK && t->rbuf == NULL)
		t->rbuf = malloc(TLS_RBUF_SIZE);
	for (;;) {
		if (t->has_held) {
			r = t->held;
			t->has_held = 0;
		} else
			r = mbedtls_ssl_read(&t->ssl, buf, len);
		if (r > 0) {
			*got = (size_t)r;
			if (len >= TLS_BULK)
				read_more(t, buf, len, got);
			return HTTPC_OK;
		}
		/* Its close_notify said all; ours may meet a closed socket. */
		if (r == 0 || r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
			t->eof = 1;
			return HTTPC_OK;
		}
		if (r == MBEDTLS_ERR_SSL_WANT_READ ||
		    r == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
		if (r == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
			save_session(t);
			continue;
		}
#endif
		t->broken = 1;
		if (t->ioerr != HTTPC_OK)
			return t->ioerr;
		/*
		 * A close without close_notify is how many servers end a
		 * response; framing (Content-Length, chunked) is what tells
		 * a cut body, and core checks it.
		 */
		if (r == MBEDTLS_ERR_SSL_CONN_EOF) {
			hc_debugf(t->conn, "TLS: server closed the connection "
			    "without close_notify");
			return HTTPC_OK;
		}
		if (r == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE &&
		    (alert = alert_text(t, &code)) != NULL)
			return hc_conn_seterr(t->conn, HTTPC_RECV,
			    "TLS receive failure: the server sent alert %s",
			    alert);
		err_text(r, err, sizeof(err));
		return hc_conn_seterr(t->conn, HTTPC_RECV,
		    "TLS receive failure: %s", err);
	}
}

/*
 * After a record's data: the records whose ciphertext is already in the
 * read-ahead buffer, without waiting for more.  What ends it other than
 * an empty buffer (close_notify, an error, a ticket) is held for the
 * next tls_read, which handles it as if it came first.
 */
static void
read_more(struct tls_transport *t, unsigned char *buf, size_t len,
    size_t *got)
{
	int	 r;

	while (*got < len && t->rpos < t->rlen) {
		t->nonblock = 1;
		r = mbedtls_ssl_read(&t->ssl, buf + *got, len - *got);
		t->nonblock = 0;
		if (r > 0) {
			*got += (size_t)r;
			continue;
		}
		if (r != MBEDTLS_ERR_SSL_WANT_READ &&
		    r != MBEDTLS_ERR_SSL_WANT_WRITE) {
			t->held = r;
			t->has_held = 1;
		}
		break;
	}
}

/* All of buf, record by record. */
static enum httpc_err
tls_write(struct httpc_transport *tp, const void *buf, size_t len,
    size_t *put)
{
	struct tls_transport	*t = (struct tls_transport *)tp;
	const unsigned char	*p = buf;
	char			 err[128];
	size_t			 off = 0, chunk;
	int			 r;

	*put = 0;
	t->ioerr = HTTPC_OK;
	while (off < len) {
		chunk = len - off > INT_MAX ? INT_MAX : len - off;
		r = mbedtls_ssl_write(&t->ssl, p + off, chunk);
		if (r > 0) {
			off += (size_t)r;
			continue;
		}
		if (r == MBEDTLS_ERR_SSL_WANT_READ ||
		    r == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
		if (r == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
			save_session(t);
			continue;
		}
#endif
		t->broken = 1;
		*put = off;
		if (t->ioerr != HTTPC_OK)
			return t->ioerr;
		err_text(r, err, sizeof(err));
		return hc_conn_seterr(t->conn, HTTPC_SEND,
		    "TLS send failure: %s", err);
	}
	*put = off;
	return HTTPC_OK;
}

/* close_notify when the connection is still sound, then the inner close. */
static void
tls_close(struct httpc_transport *tp)
{
	struct tls_transport	*t = (struct tls_transport *)tp;

	if (t == NULL)
		return;
	if (!t->broken && !t->eof)
		(void)mbedtls_ssl_close_notify(&t->ssl);
	mbedtls_ssl_free(&t->ssl);
	t->inner->ops->close(t->inner);
	free(t->rbuf);
	free(t);
}

/* mbedTLS's words for r, never the bare number alone. */
static void
err_text(int r, char *buf, size_t sz)
{
	char	 text[100];

	mbedtls_strerror(r, text, sizeof(text));
	snprintf(buf, sz, "%s (mbedTLS -0x%04x)", text, (unsigned int)-r);
}
