/*
 * The TLS layer's pure parts: RFC 6125 host name matching, IP literals,
 * the SNI name, --ciphers names, and the backend string.  No network.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "httpc.h"
#include "tls.h"

static int
dns(const char *pattern, const char *host)
{
	return hc_tls_match_dns(pattern, strlen(pattern), host);
}

static void
test_dns(void)
{
	CHECK(dns("example.com", "example.com"));
	CHECK(dns("Example.COM", "example.com"));
	CHECK(dns("example.com", "EXAMPLE.com"));
	CHECK(dns("example.com.", "example.com"));
	CHECK(dns("example.com", "example.com."));
	CHECK(!dns("example.com", "www.example.com"));
	CHECK(!dns("www.example.com", "example.com"));
	CHECK(!dns("example.co", "example.com"));
	CHECK(!dns("", "example.com"));
	CHECK(!dns("example.com", ""));
	CHECK(!dns(".", "."));

	/* the whole left-most label, exactly one label */
	CHECK(dns("*.example.com", "www.example.com"));
	CHECK(dns("*.example.com", "WWW.Example.Com."));
	CHECK(!dns("*.example.com", "example.com"));
	CHECK(!dns("*.example.com", ".example.com"));
	CHECK(!dns("*.example.com", "a.b.example.com"));
	CHECK(!dns("*.example.com", "www.example.org"));
	/* at least two labels after the star */
	CHECK(!dns("*.com", "example.com"));
	CHECK(!dns("*.com.", "example.com"));
	CHECK(!dns("*", "example"));
	CHECK(!dns("*.", "example"));
	/* partial or inner wildcards are not honoured */
	CHECK(!dns("w*.example.com", "www.example.com"));
	CHECK(!dns("*w.example.com", "www.example.com"));
	CHECK(!dns("www.*.com", "www.example.com"));
	CHECK(!dns("*.*.example.com", "a.b.example.com"));
	CHECK(!dns("**.example.com", "www.example.com"));
	/* the star never stands for a literal star */
	CHECK(dns("*.example.com", "*.example.com"));
	CHECK(!dns("*.example.com", "www.example.net"));
}

static void
test_nul(void)
{
	static const char evil[] = "www.example.com\0.evil.test";

	/* a NUL in an IA5String never matches anything */
	CHECK(!hc_tls_match_dns(evil, sizeof(evil) - 1, "www.example.com"));
	CHECK(!hc_tls_match_dns(evil, sizeof(evil) - 1,
	    "www.example.com.evil.test"));
	/* the length given is what counts, not a NUL */
	CHECK(hc_tls_match_dns("example.comX", 11, "example.com"));
}

static void
test_ip(void)
{
	unsigned char	 a[16];

	CHECK(hc_tls_ip_literal("127.0.0.1", a) == 4);
	CHECK(a[0] == 127 && a[3] == 1);
	CHECK(hc_tls_ip_literal("::1", a) == 16);
	CHECK(a[15] == 1);
	CHECK(hc_tls_ip_literal("fe80::1%eth0", a) == 16);
	CHECK(a[0] == 0xfe && a[1] == 0x80);
	CHECK(hc_tls_ip_literal("example.com", a) == 0);
	CHECK(hc_tls_ip_literal("127.1", a) == 0);
	CHECK(hc_tls_ip_literal("1.2.3.4.example", a) == 0);
	CHECK(hc_tls_ip_literal("", a) == 0);
}

static void
test_host_name(void)
{
	char	 buf[16];

	CHECK(hc_tls_host_name("example.com", buf, sizeof(buf)) == 0);
	CHECK(strcmp(buf, "example.com") == 0);
	CHECK(hc_tls_host_name("example.com.", buf, sizeof(buf)) == 0);
	CHECK(strcmp(buf, "example.com") == 0);
	CHECK(hc_tls_host_name(".", buf, sizeof(buf)) == -1);
	CHECK(hc_tls_host_name("", buf, sizeof(buf)) == -1);
	CHECK(hc_tls_host_name("a-very-long-name.example", buf,
	    sizeof(buf)) == -1);
}

static int
count(const int *ids)
{
	int	 n = 0;

	while (ids[n] != 0)
		n++;
	return n;
}

static void
test_ciphers(void)
{
	char	 why[512];
	int	*ids, *ids2;

	/* OpenSSL, IANA and mbedTLS spellings of one suite */
	CHECK(hc_tls_ciphers("ECDHE-RSA-AES128-GCM-SHA256", 0, &ids, why,
	    sizeof(why)) == HTTPC_OK);
	CHECK(count(ids) == 1);
	CHECK(hc_tls_ciphers("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0,
	    &ids2, why, sizeof(why)) == HTTPC_OK);
	CHECK(ids2[0] == ids[0] && ids[0] == 0xC02F);
	free(ids2);
	CHECK(hc_tls_ciphers("tls-ecdhe-rsa-with-aes-128-gcm-sha256", 0,
	    &ids2, why, sizeof(why)) == HTTPC_OK);
	CHECK(ids2[0] == 0xC02F);
	free(ids2);
	free(ids);

	/* separators ':', ',' and blanks; order kept */
	CHECK(hc_tls_ciphers("ECDHE-ECDSA-AES256-GCM-SHA384:,"
	    " ECDHE-ECDSA-AES128-GCM-SHA256", 0, &ids, why, sizeof(why)) ==
	    HTTPC_OK);
	CHECK(count(ids) == 2);
	CHECK(ids[0] == 0xC02C && ids[1] == 0xC02B);
	free(ids);

	CHECK(hc_tls_ciphers("NO-SUCH-SUITE", 0, &ids, why, sizeof(why)) !=
	    HTTPC_OK);
	CHECK(ids == NULL);
	CHECK(strstr(why, "NO-SUCH-SUITE") != NULL);
	CHECK(hc_tls_ciphers(" : ", 0, &ids, why, sizeof(why)) != HTTPC_OK);

	/* with TLS 1.3 built, a 1.2-only list gets the 1.3 defaults added */
	if (strstr(httpc_tls_backend(), "TLS 1.3") != NULL) {
		CHECK(hc_tls_ciphers("ECDHE-RSA-AES128-GCM-SHA256", 1, &ids,
		    why, sizeof(why)) == HTTPC_OK);
		CHECK(count(ids) == 4);
		free(ids);
		CHECK(hc_tls_ciphers("TLS_AES_128_GCM_SHA256", 1, &ids, why,
		    sizeof(why)) == HTTPC_OK);
		CHECK(count(ids) == 1 && ids[0] == 0x1301);
		free(ids);
	}
}

static void
test_backend(void)
{
	const char	*b = httpc_tls_backend();

	CHECK(strncmp(b, "mbedTLS ", 8) == 0);
	CHECK(strstr(b, "TLS 1.2") != NULL);
}

int
main(void)
{
	test_dns();
	test_nul();
	test_ip();
	test_host_name();
	test_ciphers();
	test_backend();
	return check_done("t_tls");
}
