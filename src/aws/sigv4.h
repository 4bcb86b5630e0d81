/* sigv4: AWS Signature Version 4 request signing (HMAC-SHA256 and SHA-256 from OpenSSL 3
 * libcrypto), written here because Debian 12's curl neither sorts nor re-encodes the query
 * and cannot sign paths that hold an ARN. Checked byte for byte against the official test
 * suite by tests/unit/test_sigv4.c. The module prints nothing. */
#ifndef SUNSET_AWS_SIGV4_H
#define SUNSET_AWS_SIGV4_H

#include <stddef.h>

/* Limits: anything larger is refused with -1. */
#define SIGV4_MAX_PART (32 << 10)   /* path, query, one header value */
#define SIGV4_MAX_HEADERS 64        /* headers given by the caller */
#define SIGV4_MAX_HEADER_BYTES (64 << 10) /* all header names and values together */

struct sigv4_header {
	const char *name;  /* any case; duplicates are joined with ',' in the order given */
	const char *value; /* trimmed and whitespace-collapsed; may hold folded lines ("a\n  b") */
};

/* Flags for sigv4_request.flags. */
enum {
	SIGV4_CONTENT_SHA256 = 1 << 0, /* sign and send x-amz-content-sha256 (S3 style; not for Lambda/STS) */
	SIGV4_TOKEN_UNSIGNED = 1 << 1, /* send x-amz-security-token but leave it out of the signature */
};

/* One request, all fields borrowed. Zero-initialise the fields you do not use. */
struct sigv4_request {
	const char *method; /* "GET", "POST", ... */
	const char *path;   /* exactly as sent on the wire, starting with '/'. It is normalised
			     * (".", ".." and empty segments dropped) and every byte that is not
			     * unreserved is encoded once more, so an ARN sent as "arn:aws:..."
			     * signs as arn%3Aaws%3A... and one sent as arn%3Aaws signs as
			     * arn%253Aaws (AWS's double encoding for every service but S3) */
	const char *query;  /* as sent, without '?', in any order, encoded or not; NULL or "" for none */
	const struct sigv4_header *headers; /* the caller's headers to sign; must include host */
	size_t nheaders;
	const void *body; /* hashed with SHA-256 unless payload_hash is set; NULL for none */
	size_t body_len;
	const char *payload_hash; /* optional: 64 lowercase hex digits or a literal such as
				   * "UNSIGNED-PAYLOAD", used instead of hashing body */
	unsigned flags;           /* SIGV4_* */
};

/* The signing inputs, all borrowed. The secret key and the session token never appear in
 * the result except in the headers meant for the wire (and the token, when signed, in the
 * canonical request: keep that out of logs). */
struct sigv4_key {
	const char *access_key;
	const char *secret_key;
	const char *region;
	const char *service;
	const char *amz_date;      /* YYYYMMDD'T'HHMMSS'Z', passed in so signing is deterministic */
	const char *session_token; /* optional */
};

/* A header the caller must add to the request (name static, value owned by the result). */
struct sigv4_send {
	const char *name;
	char *value;
};

#define SIGV4_MAX_SEND 4

/* The output of sigv4_sign, owned by the caller: release it with sigv4_result_release. */
struct sigv4_result {
	char *canonical_request;
	char *string_to_sign;
	char signature[65];  /* lowercase hex */
	char *authorization; /* the Authorization header value */
	char *signed_headers; /* "host;x-amz-date" */
	char payload_hash[65];
	/* What to add to the request beyond the caller's own headers, in this order:
	 * X-Amz-Date, X-Amz-Security-Token (when a token is given), X-Amz-Content-Sha256 (when
	 * asked for), Authorization. A header the caller already passed (with the same value)
	 * is not repeated here. */
	struct sigv4_send send[SIGV4_MAX_SEND];
	size_t nsend;
	const char *error; /* after -1: a static description that names no secret */
};

/* sigv4_sign signs rq with key and fills *out, which the caller releases with
 * sigv4_result_release (also safe after a failure). Returns 0, or -1 with out->error set
 * when an input is missing, malformed or over the SIGV4_MAX_* limits, or when a header in
 * rq contradicts one the signer adds (x-amz-date, x-amz-security-token,
 * x-amz-content-sha256). */
int sigv4_sign(const struct sigv4_request *rq, const struct sigv4_key *key, struct sigv4_result *out);

/* sigv4_result_release frees what sigv4_sign allocated and zeroes *r. */
void sigv4_result_release(struct sigv4_result *r);

/* sigv4_encode writes s[0..len) percent-encoded per RFC 3986 (A-Z a-z 0-9 - _ . ~ kept,
 * '/' kept too when keep_slash, every other byte %XX uppercase) and a NUL into buf of size
 * n. Returns the length written, or -1 when it does not fit. */
long sigv4_encode(const char *s, size_t len, int keep_slash, char *buf, size_t n);

/* sigv4_redact copies an Authorization value into buf (size n) with the access key id after
 * every "Credential=" and the hex after every "Signature=" replaced by "REDACTED"; a value
 * without "Credential=" becomes just "REDACTED". For debug output. Returns 0, or -1 when
 * buf is too small (the truncated copy is still redacted) or n is 0. */
int sigv4_redact(const char *authorization, char *buf, size_t n);

#endif
