/* regions: which regions to scan. EC2 DescribeRegions (query protocol, XML via libxml2)
 * lists the regions enabled for the account, opt-in ones included once opted in; live.c
 * sends it on the scan's event loop and, when it is denied or fails, uses the regions every
 * account has, with a warning. */
#ifndef SUNSET_AWS_REGIONS_H
#define SUNSET_AWS_REGIONS_H

#include <stddef.h>

#include "aws/creds.h"
#include "aws/http.h"

/* regions_parse_describe reads a DescribeRegions response and appends to *out the names of
 * regions whose optInStatus is opt-in-not-required or opted-in. Returns the count or -1
 * when the XML is not such a response. The caller frees each name and the array. */
int regions_parse_describe(const char *xml, size_t len, char ***out, size_t *n);

#endif
