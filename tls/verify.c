/*
 * Server certificate verification beyond what mbedTLS does by itself:
 * our own host name check (RFC 6125, see hostname.c), a record of what
 * was wrong with which certificate of the chain, and the words a user
 * reads when verification fails ("certificate has expired (notAfter
 * 2020-12-31 23:59:59 UTC)") rather than a flag number.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
/* libbsd: we use strvisx only; its strnvis ordering does not matter. */
#ifndef LIBBSD_OPENBSD_VIS
#define LIBBSD_OPENBSD_VIS
#endif
#include <vis.h>

#include <mbedtls/version.h>
#include <mbedtls/asn1.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509.h>
#include <mbedtls/x509_crt.h>

#include "conn.h"
#include "debug.h"
#include "tls.h"

/* subjectAltName GeneralName tags (RFC 5280 section 4.2.1.6). */
#define SAN_DNS		2
#define SAN_IP		7

/* The longest name shown from a certificate; the rest is cut. */
#define NAME_SHOWN	255

static int	check_name(struct hc_tls_verify *, const mbedtls_x509_crt *);
static void	san_text(const mbedtls_x509_buf *, char *, size_t);
static void	add_name(char *, size_t, const char *, int *);
static void	dn_text(const mbedtls_x509_name *, char *, size_t);
static void	time_text(const mbedtls_x509_time *, char *, size_t);
static int	is_selfsigned(const mbedtls_x509_crt *);
static void	describe(const struct hc_tls_verify *, int depth,
		    uint32_t flags, char *, size_t);
static void	part(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

void
hc_tls_verify_init(struct hc_tls_verify *v, struct httpc_conn *conn,
    const char *host, int insecure)
{
	memset(v, 0, sizeof(*v));
	v->conn = conn;
	v->host = host;
	v->insecure = insecure;
}

/*
 * Called by mbedTLS for each certificate of the chain it built, from the
 * top down to the server's own (depth 0), with the problems it found.
 * Its CN/SAN verdict is replaced by ours; what is wrong is remembered
 * for hc_tls_verify_why().  Returning non-zero would abort the handshake
 * without a reason, so this always returns 0 and lets the flags speak.
 */
int
hc_tls_verify_cb(void *arg, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
	struct hc_tls_verify	*v = arg;
	struct hc_tls_badcert	*b;
	const mbedtls_x509_crt	*c;

	v->seen = 1;
	if (depth < 0)
		return 0;
	if (depth + 1 > v->chainlen)
		v->chainlen = depth + 1;
	if (depth == 0) {
		v->peercount = 0;
		for (c = crt; c != NULL && c->raw.p != NULL; c = c->next)
			v->peercount++;
		hc_tls_debug_cert(v->conn, crt);
		*flags &= ~MBEDTLS_X509_BADCERT_CN_MISMATCH;
		if (check_name(v, crt) != 0)
			*flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
	}
	if (depth >= HC_TLS_MAXDEPTH)
		return 0;
	b = &v->bad[depth];
	b->flags = *flags;
	b->selfsigned = is_selfsigned(crt);
	dn_text(&crt->subject, b->subject, sizeof(b->subject));
	dn_text(&crt->issuer, b->issuer, sizeof(b->issuer));
	hc_tls_cert_dates(crt, b->not_before, b->not_after,
	    sizeof(b->not_before));
	return 0;
}

/*
 * The host name against the subjectAltName entries: DNS names for a
 * name, IP addresses for an IP literal, and never the subject CN.
 * Returns 0 on a match; else namewhy says what the certificate has.
 */
static int
check_name(struct hc_tls_verify *v, const mbedtls_x509_crt *crt)
{
	const mbedtls_x509_sequence	*san;
	unsigned char	 ip[16];
	size_t		 iplen;
	char		 names[HC_TLS_MSGLEN / 2], one[NAME_SHOWN + 8];
	char		 cn[256];
	int		 type, count = 0, match = 0;

	names[0] = '\0';
	iplen = hc_tls_ip_literal(v->host, ip);
	for (san = &crt->subject_alt_names; san != NULL && san->buf.p != NULL;
	    san = san->next) {
		if ((san->buf.tag & MBEDTLS_ASN1_TAG_CLASS_MASK) !=
		    MBEDTLS_ASN1_CONTEXT_SPECIFIC)
			continue;
		type = san->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
		if (type != SAN_DNS && type != SAN_IP)
			continue;
		/* For an IP target say which entries are IPs: "DNS:1.2.3.4"
		 * looks like one and must not match. */
		if (iplen != 0) {
			strlcpy(one, type == SAN_IP ? "IP:" : "DNS:",
			    sizeof(one));
			san_text(&san->buf, one + strlen(one),
			    sizeof(one) - strlen(one));
		} else
			san_text(&san->buf, one, sizeof(one));
		add_name(names, sizeof(names), one, &count);
		if (match)
			continue;
		if (type == SAN_DNS && iplen == 0 &&
		    hc_tls_match_dns((const char *)san->buf.p, san->buf.len,
		    v->host))
			match = 1;
		else if (type == SAN_IP && iplen != 0 &&
		    san->buf.len == iplen && memcmp(san->buf.p, ip, iplen) == 0)
			match = 1;
		if (match)
			hc_debugf(v->conn, " subjectAltName: host \"%s\" "
			    "matched cert's \"%s\"", v->host, one);
	}
	if (match) {
		v->name_ok = 1;
		return 0;
	}
	if (count == 0) {
		dn_text(&crt->subject, cn, sizeof(cn));
		snprintf(v->namewhy, sizeof(v->namewhy), "the certificate has "
		    "no subjectAltName, so it names no host (its subject %s is "
		    "not used for host names); target host name '%s'",
		    cn, v->host);
	} else
		snprintf(v->namewhy, sizeof(v->namewhy), "no alternative "
		    "certificate subject name matches target host name '%s' "
		    "(certificate names: %s)%s", v->host, names, iplen == 0 ?
		    "" : "; an IP address only matches IP address entries");
	hc_debugf(v->conn, " subjectAltName does not match %s", v->host);
	return -1;
}

/* A SAN entry as text: DNS names made safe to print, IPs formatted. */
static void
san_text(const mbedtls_x509_buf *b, char *buf, size_t sz)
{
	char	 vis[NAME_SHOWN * 4 + 1];
	size_t	 len;

	if ((b->tag & MBEDTLS_ASN1_TAG_VALUE_MASK) == SAN_IP) {
		if (b->len == 4 && inet_ntop(AF_INET, b->p, buf, sz) != NULL)
			return;
		if (b->len == 16 && inet_ntop(AF_INET6, b->p, buf, sz) != NULL)
			return;
		snprintf(buf, sz, "(bad IP address)");
		return;
	}
	len = b->len > NAME_SHOWN ? NAME_SHOWN : b->len;
	strvisx(vis, (const char *)b->p, len, VIS_SAFE | VIS_OCTAL);
	strlcpy(buf, vis, sz);
}

/* Appends ", name" while room is left; then "..." once. */
static void
add_name(char *list, size_t sz, const char *name, int *count)
{
	size_t	 len = strlen(list);

	if (*count < 0)
		return;
	if (len + strlen(name) + 8 >= sz) {
		strlcat(list, ", ...", sz);
		*count = -1;
		return;
	}
	if (*count > 0)
		strlcat(list, ", ", sz);
	strlcat(list, name, sz);
	(*count)++;
}

static void
dn_text(const mbedtls_x509_name *dn, char *buf, size_t sz)
{
	/* mbedTLS escapes what is not printable in the values. */
	if (mbedtls_x509_dn_gets(buf, sz, dn) < 0)
		strlcpy(buf, "(name too long)", sz);
}

static void
time_text(const mbedtls_x509_time *t, char *buf, size_t sz)
{
	snprintf(buf, sz, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->mon,
	    t->day, t->hour, t->min, t->sec);
}

void
hc_tls_cert_dates(const mbedtls_x509_crt *crt, char *from, char *to,
    size_t sz)
{
	time_text(&crt->valid_from, from, sz);
	time_text(&crt->valid_to, to, sz);
}

static int
is_selfsigned(const mbedtls_x509_crt *crt)
{
	return crt->issuer_raw.len == crt->subject_raw.len &&
	    memcmp(crt->issuer_raw.p, crt->subject_raw.p,
	    crt->subject_raw.len) == 0;
}

void
hc_tls_verify_why(const struct hc_tls_verify *v, uint32_t flags, char *buf,
    size_t sz)
{
	uint32_t	 f;
	int		 d;

	buf[0] = '\0';
	/* Skipped on purpose (-k without CAs) is not a reason to show. */
	flags &= ~MBEDTLS_X509_BADCERT_SKIP_VERIFY;
	/*
	 * The server's own certificate first: its problems are the ones a
	 * user can do something about.  Key usage is checked by mbedTLS
	 * after the callback, so its bits only come with the final flags.
	 */
	for (d = 0; d < HC_TLS_MAXDEPTH && d < v->chainlen; d++) {
		f = v->bad[d].flags;
		if (d == 0)
			f |= flags & (MBEDTLS_X509_BADCERT_KEY_USAGE |
			    MBEDTLS_X509_BADCERT_EXT_KEY_USAGE |
			    MBEDTLS_X509_BADCERT_NS_CERT_TYPE);
		f &= ~MBEDTLS_X509_BADCERT_SKIP_VERIFY;
		if (f != 0) {
			describe(v, d, f, buf, sz);
			return;
		}
	}
	if (flags != 0)
		describe(v, -1, flags, buf, sz);
}

/* Each problem of the certificate at depth (-1: unknown) in words. */
static void
describe(const struct hc_tls_verify *v, int depth, uint32_t f, char *buf,
    size_t sz)
{
	const struct hc_tls_badcert *b = depth >= 0 ? &v->bad[depth] : NULL;
	char	 rest[512];

	if (b != NULL && depth > 0)
		part(buf, sz, "CA certificate '%s':", b->subject);
	if (f & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
		if (b != NULL && b->selfsigned)
			part(buf, sz, depth == 0 ? "self-signed certificate" :
			    "self-signed certificate in certificate chain");
		else if (b != NULL) {
			rest[0] = '\0';
			if (v->peercount == 1 && depth == 0)
				snprintf(rest, sizeof(rest), "; the server "
				    "sent only its own certificate, so an "
				    "intermediate may be missing");
			part(buf, sz, "unable to get local issuer certificate "
			    "(unknown CA: issuer '%s'%s)", b->issuer, rest);
		} else
			part(buf, sz, "unable to get local issuer certificate "
			    "(unknown CA)");
	}
	if (f & MBEDTLS_X509_BADCERT_EXPIRED)
		part(buf, sz, "certificate has expired (notAfter %s UTC)",
		    b != NULL ? b->not_after : "?");
	if (f & MBEDTLS_X509_BADCERT_FUTURE)
		part(buf, sz, "certificate is not yet valid (notBefore %s UTC)",
		    b != NULL ? b->not_before : "?");
	if (f & MBEDTLS_X509_BADCERT_CN_MISMATCH)
		part(buf, sz, "%s", v->namewhy[0] != '\0' ? v->namewhy :
		    "the certificate does not name the host");
	if (f & MBEDTLS_X509_BADCERT_REVOKED)
		part(buf, sz, "certificate has been revoked");
	if (f & MBEDTLS_X509_BADCERT_BAD_MD)
		part(buf, sz, "certificate is signed with a hash that is no "
		    "longer accepted (SHA-1 or weaker; SHA-256 or better is "
		    "needed)");
	if (f & MBEDTLS_X509_BADCERT_BAD_PK)
		part(buf, sz, "certificate is signed with a public key "
		    "algorithm that is not accepted");
	if (f & MBEDTLS_X509_BADCERT_BAD_KEY)
		part(buf, sz, "certificate key is too weak (RSA keys need "
		    "2048 bits or more; EC keys P-256, P-384 or P-521)");
	if (f & MBEDTLS_X509_BADCERT_KEY_USAGE)
		part(buf, sz, "certificate key usage does not allow it for "
		    "this TLS key exchange");
	if (f & MBEDTLS_X509_BADCERT_EXT_KEY_USAGE)
		part(buf, sz, "certificate is not meant for TLS servers (its "
		    "extended key usage lacks serverAuth)");
	if (f & MBEDTLS_X509_BADCERT_NS_CERT_TYPE)
		part(buf, sz, "certificate is not meant for TLS servers (its "
		    "Netscape certificate type)");
	if (f & MBEDTLS_X509_BADCERT_MISSING)
		part(buf, sz, "the server sent no certificate");
	if (f & MBEDTLS_X509_BADCERT_OTHER)
		part(buf, sz, "certificate rejected");
}

/* Appends one reason, "; " between reasons, ": " after a "CA ...:". */
static void
part(char *buf, size_t sz, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 len = strlen(buf);

	if (len > 0 && len + 2 < sz) {
		if (buf[len - 1] == ':')
			strlcat(buf, " ", sz);
		else
			strlcat(buf, "; ", sz);
		len = strlen(buf);
	}
	if (len >= sz)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, sz - len, fmt, ap);
	va_end(ap);
}

void
hc_tls_debug_cert(const struct httpc_conn *conn, const mbedtls_x509_crt *crt)
{
	const mbedtls_x509_sequence	*san;
	char	 text[512], names[HC_TLS_MSGLEN], one[NAME_SHOWN + 8];
	char	 from[32], to[32];
	int	 count = 0, type;

	if (hc_conn_debuglevel(conn) < 1 || crt == NULL)
		return;
	hc_debugf(conn, "Server certificate:");
	dn_text(&crt->subject, text, sizeof(text));
	hc_debugf(conn, " subject: %s", text);
	hc_tls_cert_dates(crt, from, to, sizeof(from));
	hc_debugf(conn, " start date: %s UTC", from);
	hc_debugf(conn, " expire date: %s UTC", to);
	names[0] = '\0';
	for (san = &crt->subject_alt_names; san != NULL && san->buf.p != NULL;
	    san = san->next) {
		type = san->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
		if ((san->buf.tag & MBEDTLS_ASN1_TAG_CLASS_MASK) !=
		    MBEDTLS_ASN1_CONTEXT_SPECIFIC ||
		    (type != SAN_DNS && type != SAN_IP))
			continue;
		san_text(&san->buf, one + 4, sizeof(one) - 4);
		memcpy(one, type == SAN_DNS ? "DNS:" : "IP: ", 4);
		if (type == SAN_IP)
			memmove(one + 3, one + 4, strlen(one + 4) + 1);
		add_name(names, sizeof(names), one, &count);
	}
	hc_debugf(conn, " subjectAltName: %s", names[0] != '\0' ? names :
	    "(none)");
	dn_text(&crt->issuer, text, sizeof(text));
	hc_debugf(conn, " issuer: %s", text);
	hc_debugf(conn, " public key: %s, %zu bits",
	    mbedtls_pk_get_name(&crt->pk), mbedtls_pk_get_bitlen(&crt->pk));
}
