/* sigv4: AWS Signature Version 4 (HMAC-SHA256 via OpenSSL libcrypto), written here
 * because Debian 12's curl neither sorts nor re-encodes the query and cannot sign paths
 * that hold an ARN. Checked against the official test suite (tests/unit/test_sigv4.c). */
#ifndef SUNSET_AWS_SIGV4_H
#define SUNSET_AWS_SIGV4_H

#include <stddef.h>

struct sigv4_header {
	const char *name;
	const char *value; /* a value may hold folded continuation lines ("a\n  b") */
};

struct sigv4_request {
	const char *method;
	const char *path;  /* exactly as sent on the wire (already percent-encoded once) */
	const char *query; /* as sent, without '?'; NULL or "" when none */
	const struct sigv4_header *headers; /* every header to sign; must include host and x-amz-date */
	size_t nheaders;
	const void *body;
	size_t body_len;
};

struct sigv4_key {
	const char *access_key;
	const char *secret_key;
	const char *region;
	const char *service;
	const char *amz_date; /* YYYYMMDD'T'HHMMSS'Z', the same as the x-amz-date header */
};

struct sigv4_result {
	char *canonical_request;
	char *string_to_sign;
	char signature[65];
	char *authorization; /* the Authorization header value */
};

/* sigv4_sign fills *out (release with sigv4_result_release). Returns 0, or -1 when the
 * request is malformed or over the size limits (no message: the caller knows the context). */
int sigv4_sign(const struct sigv4_request *rq, const struct sigv4_key *key, struct sigv4_result *out);
void sigv4_result_release(struct sigv4_result *r);

/* sigv4_encode appends s percent-encoded per RFC 3986 (unreserved characters kept; '/'
 * kept too when keep_slash) to buf of size n. Returns the length, or -1 when it does not fit. */
long sigv4_encode(const char *s, size_t len, int keep_slash, char *buf, size_t n);

/* sigv4_redact copies an Authorization value with the access key id and the signature
 * replaced by "REDACTED", for debug output. */
void sigv4_redact(const char *authorization, char *buf, size_t n);

/* sigv4_hex_sha256 writes the hex SHA-256 of data into out (65 bytes). */
void sigv4_hex_sha256(const void *data, size_t len, char out[65]);

#endif
