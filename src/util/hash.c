#include "util/hash.h"

#include <openssl/evp.h>

int hash_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hexdig[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int mdlen = 0;
	if (!EVP_Digest(data ? data : "", data ? len : 0, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		return -1;
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hexdig[md[i] >> 4];
		out[2 * i + 1] = hexdig[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

int hash_sha1_hex(const void *data, size_t len, char out[41])
{
	static const char hexdig[] = "0123456789abcdef";
	unsigned char md[20];
	unsigned int mdlen = 0;
	if (!EVP_Digest(data ? data : "", data ? len : 0, md, &mdlen, EVP_sha1(), NULL) || mdlen != 20)
		return -1;
	for (int i = 0; i < 20; i++) {
		out[2 * i] = hexdig[md[i] >> 4];
		out[2 * i + 1] = hexdig[md[i] & 15];
	}
	out[40] = '\0';
	return 0;
}
