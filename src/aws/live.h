/* live: the live AWS source. Lists every function and published version of each region
 * (ListFunctions, FunctionVersion=ALL, every NextMarker page), and for functions with a
 * flagged version only, the aliases that route traffic to it (ListAliases). Findings
 * carry source "aws". All regions progress at once on one event loop (http.c); with
 * several accounts, every AssumeRole is on that loop too (under STS's own rate), and an
 * account's regions start as soon as its credentials arrive. Each account-region ends as
 * one coverage entry in the scan (scanned, access_denied, failed, not_enabled). */
#ifndef SUNSET_AWS_LIVE_H
#define SUNSET_AWS_LIVE_H

#include <stdbool.h>

#include "model/scan.h"
#include "aws/http.h"

struct live_opts {
	const char *const *regions; /* NULL: EC2 DescribeRegions, else the regions every account has */
	size_t nregions;
	const char *profile;        /* NULL: AWS_PROFILE or default */
	const char *endpoint_url;   /* NULL: AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL, or AWS's */
	bool allow_http;            /* endpoint_url may be http:// to a host that is not loopback */
	bool latest_only;           /* $LATEST only, no published versions */
	bool org;                   /* every active account of the organization */
	const char *const *accounts; /* or these accounts */
	size_t naccounts;
	const char *role_name;      /* role assumed in each account (with org or accounts) */
	const char *external_id;
	double sts_rate;            /* AssumeRole calls per second, all accounts together */
	bool progress;              /* a progress line on stderr */
	bool no_tags;               /* no ListTags for flagged functions */
	bool no_usage;              /* no CloudWatch GetMetricData for flagged functions */
	struct http_options http;
};

#define LIVE_STS_RATE 50 /* default sts_rate: well under STS's quota (600 a second per account) */

/* live_scan scans into s and sets *nregions to the regions scanned and *partial to those
 * read only in part (an item that could not be read, or a failure after some pages: a
 * NextMarker that repeats or is not a string, a request that kept failing). Returns the
 * number of regions that could not be read at all (each also an entry in s->errors), or
 * -1 when nothing could start (no credentials: message printed). */
int live_scan(struct scan *s, const struct live_opts *o, size_t *nregions, size_t *partial);

/* The regions enabled in every account of the aws partition (no opt-in needed). */
extern const char *const live_default_regions[];
extern const size_t live_default_regions_count;

#endif
