/* usage: invocations in the last 30 days from CloudWatch (GetMetricData, AWS/Lambda
 * Invocations, Sum over one 30-day period), up to 500 queries a call, each call under the
 * region's CloudWatch rate limit (its own bucket). */
#ifndef SUNSET_AWS_USAGE_H
#define SUNSET_AWS_USAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "aws/http.h"

#define USAGE_BATCH 500        /* GetMetricData's limit of queries per call */
#define USAGE_DAYS 30

/* One metric: the function's total (resource NULL), an alias or version's
 * (resource "fn:alias" or "fn:3"), or what an alias sent to one version (executed_version). */
struct usage_query {
	const char *function, *resource, *executed_version;
};

/* done gets a sum per query (n of them) and whether the call answered for it; err is set
 * when a call failed (the queries of that call then have have[i] false). */
typedef void (*usage_done_fn)(void *ctx, const long *sums, const bool *have, size_t n, const char *err);

struct usage_target {
	const char *bucket, *endpoint, *region; /* CloudWatch's endpoint and rate bucket of the region */
	const struct aws_creds *creds;
	long long now;                          /* seconds since the epoch: the window ends here */
};

/* usage_submit asks for every query (copied) in calls of at most USAGE_BATCH and calls done
 * once when all have answered. n 0: done is called at once. */
void usage_submit(struct http_engine *http, const struct usage_target *t, const struct usage_query *q, size_t n,
		  usage_done_fn done, void *ctx);

/* usage_body appends the form body of one GetMetricData call for q[0..n) (ids m<first+i>). */
void usage_body(struct strbuf *sb, const struct usage_query *q, size_t n, size_t first, long long now,
		const char *next_token);

/* usage_parse adds the values of a GetMetricData response to sums[id] (have[id] set for every
 * id answered), ids m<first>..m<first+n-1>; *next is a new copy of NextToken or NULL.
 * Returns 0, -1 when the body is not a GetMetricData response. */
int usage_parse(const char *xml, size_t len, size_t first, size_t n, long *sums, bool *have, char **next);

#endif
