/* securityhub: send ASFF findings to AWS Security Hub with BatchImportFindings
 * (POST /findings/import, at most 100 findings a call, SigV4 service "securityhub", on
 * the signed http engine). Each finding goes to the region its ProductArn names (Security
 * Hub accepts a finding only in that region); findings the response lists in
 * FailedFindings are sent once more. */
#ifndef SUNSET_AWS_SECURITYHUB_H
#define SUNSET_AWS_SECURITYHUB_H

#include <jansson.h>
#include <stddef.h>

#include "aws/http.h"

#define SECURITYHUB_BATCH 100

struct securityhub_opts {
	const char *profile;      /* NULL: AWS_PROFILE or default */
	const char *endpoint_url; /* NULL: AWS_ENDPOINT_URL_SECURITYHUB, AWS_ENDPOINT_URL, or AWS's */
	const char *home;         /* region for a finding whose ProductArn names none */
	struct http_options http;
};

struct securityhub_result {
	size_t imported, failed;
};

/* securityhub_import sends every finding of the ASFF array `findings` (borrowed).
 * Returns 0 when every call completed (some findings may still have failed: see *res),
 * -1 when nothing could be sent (no credentials: message printed). */
int securityhub_import(json_t *findings, const struct securityhub_opts *o, struct securityhub_result *res);

/* securityhub_region_of returns the region in an ASFF ProductArn
 * ("arn:aws:securityhub:eu-west-1:...") into buf, or NULL. */
const char *securityhub_region_of(const char *product_arn, char *buf, size_t n);

#endif
