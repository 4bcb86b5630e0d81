/* regions: which regions to scan. EC2 DescribeRegions (query protocol, XML via libxml2)
 * lists the regions enabled for the account, opt-in ones included once opted in; when the
 * call is denied or fails, the regions every account has are used, with a warning. */
#ifndef SUNSET_AWS_REGIONS_H
#define SUNSET_AWS_REGIONS_H

#include <stddef.h>

#include "creds.h"
#include "http.h"

/* regions_parse_describe reads a DescribeRegions response and appends to *out the names of
 * regions whose optInStatus is opt-in-not-required or opted-in. Returns the count or -1
 * when the XML is not such a response. The caller frees each name and the array. */
int regions_parse_describe(const char *xml, size_t len, char ***out, size_t *n);

/* regions_discover asks EC2 DescribeRegions in `home` (endpoint from
 * AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, or ec2.HOME.amazonaws.com). Returns 0 with the
 * list, or -1 (message printed) when it could not be read. */
int regions_discover(const struct http_options *o, const struct aws_creds *creds, const char *home, char ***out,
		     size_t *n);

#endif
