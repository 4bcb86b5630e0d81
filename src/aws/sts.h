/* sts: temporary credentials from AWS STS (query protocol, XML responses via libxml2):
 * AssumeRole (signed with the source credentials) and AssumeRoleWithWebIdentity (unsigned,
 * with the OIDC token). Endpoint: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, or the regional
 * sts.REGION.amazonaws.com. */
#ifndef SUNSET_AWS_STS_H
#define SUNSET_AWS_STS_H

#include "util/strbuf.h"
#include "aws/creds.h"

struct sts_role {
	const char *role_arn;
	const char *session_name; /* NULL: "sunset-<time>" */
	const char *external_id;  /* AssumeRole only; NULL for none */
	int duration_seconds;     /* 0: 3600 */
	const char *region;       /* STS region; NULL: us-east-1 */
};

/* sts_assume_role: AssumeRole with `source`. Returns 0 and *out, or -1 after one error line
 * naming the role and AWS's error code (never a secret). */
int sts_assume_role(const struct aws_creds *source, const struct sts_role *role, struct aws_creds *out);
/* sts_assume_role_form writes the body of an AssumeRole request (for callers that send it
 * on their own engine, many at once, and read the answer with sts_parse_credentials). */
void sts_assume_role_form(const struct sts_role *role, struct strbuf *form);
/* sts_assume_role_web_identity: AssumeRoleWithWebIdentity with the token in token_file. */
int sts_assume_role_web_identity(const char *token_file, const struct sts_role *role, struct aws_creds *out);
/* sts_caller_account writes the 12-digit account of `creds` (STS GetCallerIdentity) into
 * buf. Returns 0, or -1 quietly (the scan goes on without it). */
int sts_caller_account(const struct aws_creds *creds, const char *region, char buf[13]);
/* sts_parse_credentials reads <Credentials> from an STS response (exposed for tests). */
int sts_parse_credentials(const char *xml, size_t len, const char *source, struct aws_creds *out, char *err,
			  size_t errn);

#endif
