/* creds: AWS credentials in the AWS CLI's order. Secrets live only in this struct and
 * in the headers signed for the wire: nothing here prints them. */
#ifndef SUNSET_AWS_CREDS_H
#define SUNSET_AWS_CREDS_H

#include <stddef.h>

struct aws_creds {
	char *access_key;
	char *secret_key;
	char *session_token; /* NULL for long-term keys */
	long long expiration; /* seconds since the epoch; 0 = does not expire */
	char source[96];      /* "environment", "profile dev (credentials file)", ... */
};

/* aws_creds_resolve finds credentials for `profile` (NULL: AWS_PROFILE, else "default";
 * an explicit profile skips the environment keys, as the AWS CLI does). On failure prints
 * one line naming every source tried and returns -1. */
int aws_creds_resolve(const char *profile, struct aws_creds *out);
/* aws_creds_copy makes dst an independent copy of src. */
void aws_creds_copy(struct aws_creds *dst, const struct aws_creds *src);
/* aws_creds_release wipes and frees the secrets. */
void aws_creds_release(struct aws_creds *c);
/* aws_parse_time reads an ISO 8601 UTC timestamp ("2026-11-28T17:00:00Z", fractional
 * seconds and +00:00 allowed); returns seconds since the epoch or -1. */
long long aws_parse_time(const char *s);
/* aws_process_timeout_s: how long a credential_process may run (60 s, or
 * SUNSET_CREDENTIAL_PROCESS_TIMEOUT seconds, 1 to 3600) before its process group is killed. */
int aws_process_timeout_s(void);
/* aws_imds_token_valid: an IMDSv2 session token goes into a request header, so it must be
 * 1 to 1024 printable characters without spaces (no CR LF to inject headers with). */
int aws_imds_token_valid(const char *tok, size_t len);
/* aws_imds_role_valid: an IAM role name (1 to 64 of A-Z a-z 0-9 + = , . @ _ -), which goes
 * into the next metadata URL. */
int aws_imds_role_valid(const char *role, size_t len);
/* aws_config_path / aws_credentials_path: the files the CLI reads (env overrides first). */
const char *aws_config_path(char *buf, size_t n);
const char *aws_credentials_path(char *buf, size_t n);

#endif
