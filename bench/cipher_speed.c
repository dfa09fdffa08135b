/*
 * cipher_speed: how fast this mbedTLS decrypts with the AEADs httpc uses,
 * the ceiling for HTTPS bulk downloads.  bench/run.sh compiles it against
 * the same mbedTLS as the httpc under test (2.28 or 3.6) and runs
 *
 *	cipher_speed [SECONDS [NAME [BYTES]]]
 *
 * (SECONDS a measurement, default 0.5; NAME and BYTES pick one of them)
 * which prints one line per measurement, tab-separated:
 *	NAME	BUFFER-BYTES	MB/s (10^6 bytes a second)
 * for AES-128-GCM and ChaCha20-Poly1305 (mbedtls_gcm_auth_decrypt,
 * mbedtls_chachapoly_auth_decrypt: the calls TLS 1.2 records go through),
 * on 16 KiB (one full TLS record) and 1 MiB buffers, and on mbedTLS 3.x
 * also PSA's psa_aead_decrypt on 16 KiB (the path TLS 1.3 records take).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/version.h>
#include <mbedtls/gcm.h>
#include <mbedtls/chachapoly.h>
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <psa/crypto.h>
#endif

enum aead { GCM, CHACHA, PSA_GCM };

static double	now(void);
static double	run(enum aead, size_t, double);

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Decrypts len-byte buffers with aead for at least secs seconds and
 * returns MB/s, or -1 when the AEAD fails.
 */
static double
run(enum aead a, size_t len, double secs)
{
	unsigned char key[32], iv[12], aad[13], tag[16];
	unsigned char *in, *out;
	mbedtls_gcm_context gcm;
	mbedtls_chachapoly_context cp;
	double t0, t = 1;
	size_t n = 0;
	int rc = 0;
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
	psa_key_id_t kid = 0;
	unsigned char *ct = NULL;
	size_t olen;
#endif

	memset(key, 0x42, sizeof(key));
	memset(iv, 0x24, sizeof(iv));
	memset(aad, 0x17, sizeof(aad));
	if ((in = calloc(1, len + 16)) == NULL ||
	    (out = calloc(1, len + 16)) == NULL) {
		perror("calloc");
		exit(1);
	}
	mbedtls_gcm_init(&gcm);
	mbedtls_chachapoly_init(&cp);
	switch (a) {
	case GCM:
		rc = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 128);
		if (rc == 0)
			rc = mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT,
			    len, iv, sizeof(iv), aad, sizeof(aad), out, in,
			    sizeof(tag), tag);
		break;
	case CHACHA:
		rc = mbedtls_chachapoly_setkey(&cp, key);
		if (rc == 0)
			rc = mbedtls_chachapoly_encrypt_and_tag(&cp, len, iv,
			    aad, sizeof(aad), out, in, tag);
		break;
	case PSA_GCM:
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
		if (psa_crypto_init() != PSA_SUCCESS)
			return -1;
		psa_set_key_usage_flags(&attr,
		    PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
		psa_set_key_algorithm(&attr, PSA_ALG_GCM);
		psa_set_key_type(&attr, PSA_KEY_TYPE_AES);
		psa_set_key_bits(&attr, 128);
		if (psa_import_key(&attr, key, 16, &kid) != PSA_SUCCESS)
			return -1;
		ct = in;
		if (psa_aead_encrypt(kid, PSA_ALG_GCM, iv, sizeof(iv), aad,
		    sizeof(aad), out, len, ct, len + 16, &olen) != PSA_SUCCESS)
			return -1;
#else
		return -1;
#endif
		break;
	}
	if (rc != 0)
		return -1;

	t0 = now();
	do {
		for (int i = 0; i < 16 && rc == 0; i++, n += len) {
			switch (a) {
			case GCM:
				rc = mbedtls_gcm_auth_decrypt(&gcm, len, iv,
				    sizeof(iv), aad, sizeof(aad), tag,
				    sizeof(tag), in, out);
				break;
			case CHACHA:
				rc = mbedtls_chachapoly_auth_decrypt(&cp, len,
				    iv, aad, sizeof(aad), tag, in, out);
				break;
			case PSA_GCM:
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
				rc = psa_aead_decrypt(kid, PSA_ALG_GCM, iv,
				    sizeof(iv), aad, sizeof(aad), ct, len + 16,
				    out, len, &olen) != PSA_SUCCESS;
#endif
				break;
			}
		}
	} while (rc == 0 && (t = now() - t0) < secs);

	mbedtls_gcm_free(&gcm);
	mbedtls_chachapoly_free(&cp);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	if (kid != 0)
		psa_destroy_key(kid);
#endif
	free(in);
	free(out);
	return rc != 0 ? -1 : n / t / 1e6;
}

int
main(int argc, char *argv[])
{
	double secs = argc > 1 ? atof(argv[1]) : 0.5;
	static const struct {
		const char	*name;
		enum aead	 a;
		size_t		 len;
	} m[] = {
		{ "aes-128-gcm", GCM, 16384 },
		{ "aes-128-gcm", GCM, 1 << 20 },
		{ "chacha20-poly1305", CHACHA, 16384 },
		{ "chacha20-poly1305", CHACHA, 1 << 20 },
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
		{ "psa-aes-128-gcm", PSA_GCM, 16384 },
#endif
	};

	if (secs <= 0)
		secs = 0.5;
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		double r;

		if (argc > 2 && strcmp(argv[2], m[i].name) != 0)
			continue;
		if (argc > 3 && strtoul(argv[3], NULL, 10) != m[i].len)
			continue;
		r = run(m[i].a, m[i].len, secs);

		if (r < 0) {
			fprintf(stderr, "cipher_speed: %s failed\n", m[i].name);
			return 1;
		}
		printf("%s\t%zu\t%.0f\n", m[i].name, m[i].len, r);
	}
	return 0;
}
