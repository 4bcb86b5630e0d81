/* hash: message digests for the modules that need one (SigV4 payload hashes, SARIF
 * fingerprints, the SSO token cache's file names), on libcrypto. */
#ifndef SUNSET_HASH_H
#define SUNSET_HASH_H

#include <stddef.h>

/* hash_sha256_hex writes the lowercase hex SHA-256 of data (NULL = empty) and a NUL into
 * out. Returns 0, or -1 when libcrypto fails. */
int hash_sha256_hex(const void *data, size_t len, char out[65]);
/* hash_sha1_hex: the same with SHA-1 (the AWS CLI names its SSO token cache files so). */
int hash_sha1_hex(const void *data, size_t len, char out[41]);

#endif
