#include "util/hash.h"

#include <openssl/evp.h>

/* hex_digest writes the lowercase hex digest of data (NULL = empty) by `md` into out,
 * which holds 2 * size + 1 bytes. */
static int hex_digest(const EVP_MD *md, unsigned size, const void *data, size_t len, char *out)
{
	static const char hexdig[] = "0123456789abcdef";
	unsigned char v[EVP_MAX_MD_SIZE];
	unsigned int vlen = 0;
	if (!EVP_Digest(data ? data : "", data ? len : 0, v, &vlen, md, NULL) || vlen != size)
		return -1;
	for (unsigned i = 0; i < size; i++) {
		out[2 * i] = hexdig[v[i] >> 4];
		out[2 * i + 1] = hexdig[v[i] & 15];
	}
	out[2 * size] = '\0';
	return 0;
}

int hash_sha256_hex(const void *data, size_t len, char out[65])
{
	return hex_digest(EVP_sha256(), 32, data, len, out);
}

int hash_sha1_hex(const void *data, size_t len, char out[41])
{
	return hex_digest(EVP_sha1(), 20, data, len, out);
}
