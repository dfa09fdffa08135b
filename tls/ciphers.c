/*
 * --ciphers: a list of cipher suite names turned into mbedTLS's ids.
 * Accepted, separated by ':', ',' or spaces, in any case:
 *   - mbedTLS names: TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256,
 *     TLS1-3-AES-128-GCM-SHA256 (mbedTLS 3.6);
 *   - IANA names: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
 *     TLS_AES_128_GCM_SHA256 (TLS 1.3, mbedTLS 3.6);
 *   - OpenSSL names of the suites mbedTLS has: ECDHE-RSA-AES128-GCM-SHA256,
 *     as curl documents for --ciphers.
 * Names this mbedTLS does not build are refused, never silently dropped.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mbedtls/version.h>
#include <mbedtls/ssl.h>

#include "tls.h"

/* OpenSSL's names for the IANA suites (openssl ciphers -stdname). */
static const struct {
	const char	*openssl;
	const char	*iana;
} ossl_names[] = {
	{ "ECDHE-ECDSA-AES128-GCM-SHA256",
	    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ "ECDHE-RSA-AES128-GCM-SHA256",
	    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ "ECDHE-ECDSA-AES256-GCM-SHA384",
	    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ "ECDHE-RSA-AES256-GCM-SHA384",
	    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ "ECDHE-ECDSA-CHACHA20-POLY1305",
	    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ "ECDHE-RSA-CHACHA20-POLY1305",
	    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ "DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ "DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ "DHE-RSA-CHACHA20-POLY1305",
	    "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ "ECDHE-ECDSA-AES128-SHA256",
	    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ "ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ "ECDHE-ECDSA-AES256-SHA384",
	    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ "ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
	{ "ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
	{ "ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
	{ "ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA" },
	{ "ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" },
	{ "DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ "DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256" },
	{ "DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA" },
	{ "DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
	{ "ECDHE-ECDSA-AES128-CCM", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
	{ "ECDHE-ECDSA-AES256-CCM", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM" },
	{ "ECDHE-ECDSA-AES128-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" },
	{ "ECDHE-ECDSA-AES256-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8" },
	{ "DHE-RSA-AES128-CCM", "TLS_DHE_RSA_WITH_AES_128_CCM" },
	{ "DHE-RSA-AES256-CCM", "TLS_DHE_RSA_WITH_AES_256_CCM" },
	{ "AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256" },
	{ "AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384" },
	{ "AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256" },
	{ "AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256" },
	{ "AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA" },
	{ "AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA" },
};

/* TLS 1.3 suites are 0x13xx (RFC 8446, appendix B.4). */
#define IS_TLS13(id)	(((id) & 0xff00) == 0x1300)

static int	lookup(const char *);
static int	lookup_mbedtls(const char *);

/*
 * Parses list into a 0-terminated array of suite ids in *out (the caller
 * frees it).  When tls13 is set and the list names no TLS 1.3 suite, the
 * default TLS 1.3 ones are appended: --ciphers, as in curl with OpenSSL,
 * is about TLS 1.2 and must not make TLS 1.3 impossible.
 */
enum httpc_err
hc_tls_ciphers(const char *list, int tls13, int **out, char *why,
    size_t whysz)
{
	static const char *const tls13_defaults[] = {
		"TLS1-3-AES-256-GCM-SHA384",
		"TLS1-3-CHACHA20-POLY1305-SHA256",
		"TLS1-3-AES-128-GCM-SHA256",
	};
	char		*copy = NULL, *p, *name;
	int		*ids = NULL;
	size_t		 n = 0, max, i;
	int		 id, have13 = 0;
	enum httpc_err	 e = HTTPC_TLS_CIPHER;

	*out = NULL;
	if ((copy = strdup(list)) == NULL)
		return HTTPC_NOMEM;
	/* Never more names than characters; three more for the defaults. */
	max = strlen(list) + 4;
	if ((ids = reallocarray(NULL, max, sizeof(*ids))) == NULL) {
		e = HTTPC_NOMEM;
		goto fail;
	}
	p = copy;
	while ((name = strsep(&p, ":, ")) != NULL) {
		if (*name == '\0')
			continue;
		if ((id = lookup(name)) == 0) {
			snprintf(why, whysz, "unknown cipher suite '%s' in "
			    "--ciphers, or not built into mbedTLS "
			    MBEDTLS_VERSION_STRING " (names are OpenSSL's, "
			    "like ECDHE-RSA-AES128-GCM-SHA256, or IANA's, like "
			    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)", name);
			goto fail;
		}
		if (IS_TLS13(id))
			have13 = 1;
		ids[n++] = id;
	}
	if (n == 0) {
		snprintf(why, whysz, "--ciphers names no cipher suite");
		goto fail;
	}
	if (tls13 && !have13)
		for (i = 0; i < sizeof(tls13_defaults) /
		    sizeof(*tls13_defaults); i++)
			if ((id = lookup_mbedtls(tls13_defaults[i])) != 0)
				ids[n++] = id;
	ids[n] = 0;
	free(copy);
	*out = ids;
	return HTTPC_OK;
fail:
	free(copy);
	free(ids);
	return e;
}

/* The id of a name in any of the accepted spellings; 0 if unknown. */
static int
lookup(const char *name)
{
	char	 buf[128];
	size_t	 i, len;

	for (i = 0; i < sizeof(ossl_names) / sizeof(*ossl_names); i++)
		if (strcasecmp(name, ossl_names[i].openssl) == 0) {
			name = ossl_names[i].iana;
			break;
		}
	if ((len = strlen(name)) >= sizeof(buf))
		return 0;
	/* IANA's and mbedTLS's names differ in '_' against '-'. */
	for (i = 0; i <= len; i++)
		buf[i] = name[i] == '_' ? '-' : toupper((unsigned char)name[i]);
	/* TLS 1.3: IANA TLS_AES_128_GCM_SHA256, mbedTLS TLS1-3-AES-... */
	if (strncmp(buf, "TLS-AES-", 8) == 0 ||
	    strncmp(buf, "TLS-CHACHA20-", 13) == 0) {
		if (len + 3 >= sizeof(buf))
			return 0;
		memmove(buf + 6, buf + 3, len - 3 + 1);
		memcpy(buf, "TLS1-3", 6);
	}
	return lookup_mbedtls(buf);
}

static int
lookup_mbedtls(const char *name)
{
	return mbedtls_ssl_get_ciphersuite_id(name);
}
