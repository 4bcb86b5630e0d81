/* tags: Lambda ListTags for one function (GET /2017-03-31/tags/ARN), for the functions with
 * a flagged version only, under the region's Lambda rate limit (the bucket the caller gives). */
#ifndef SUNSET_AWS_TAGS_H
#define SUNSET_AWS_TAGS_H

#include <stddef.h>

#include "aws/http.h"

/* done gets the tags as a compact JSON object's text with sorted keys ("{}" when none), or
 * NULL and why they could not be read. */
typedef void (*tags_done_fn)(void *ctx, const char *tags, const char *err);

struct tags_target {
	const char *bucket, *endpoint, *region; /* the Lambda endpoint and rate bucket of the region */
	const struct aws_creds *creds;
	const char *function_arn;               /* unqualified */
};

void tags_submit(struct http_engine *http, const struct tags_target *t, tags_done_fn done, void *ctx);

/* tags_parse reads a ListTags response; returns a new compact JSON text, or NULL. */
char *tags_parse(const char *body, size_t len);

#endif
