/* function_item: one element of a list-functions "Functions" array (from a file or from
 * the API) turned into a resource: account, region and partition from the ARN, version
 * from its qualifier. */
#ifndef SUNSET_FUNCTION_ITEM_H
#define SUNSET_FUNCTION_ITEM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/resource.h"
#include "util/strbuf.h"

/* arn_split parses "arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]" into
 * `buf` (a copy of at most 2048 bytes) and points the parts into it. The partition, region
 * and account must have AWS's formats (arn_*_ok). Returns 0, or -1 with `bad` naming the
 * part out of format ("region") and `bad_value` its text, or `bad` NULL when the ARN's
 * shape is wrong. */
struct lambda_arn {
	const char *partition, *region, *account, *name, *qualifier; /* qualifier NULL if none */
	const char *bad, *bad_value;
	char buf[2048];
};
int arn_split(const char *arn, struct lambda_arn *out);
/* The formats: partition "aws" or "aws-" lowercase words joined by '-'; region two letters,
 * '-', words, '-', one or two digits; account twelve digits. */
bool arn_partition_ok(const char *partition);
bool arn_region_ok(const char *region);
bool arn_account_ok(const char *account);

struct function_item {
	struct resource r; /* strings borrowed from the JSON object and from arn/arch below */
	struct lambda_arn arn;
	char arch[256];
	char arn_full[2048]; /* the ARN with the region filled in (the _in readers) */
};

/* function_item_read fills *it from `fn` (borrowed; it must outlive it). Returns 0, or -1
 * with a one-line reason in err. */
int function_item_read(json_t *fn, const char *source, struct function_item *it, char *err, size_t errn);
/* function_item_text is the fast path for one record's JSON text [p, p+len): the members
 * read straight from the text (strings copied into `scratch`, which the resource then
 * borrows) without building jansson values. Returns 0, -1 with a reason in err (the same
 * as function_item_read's), or FI_USE_JSON when the text is anything but plain valid JSON:
 * then decode it with jansson and call function_item_read, which words every error. */
#define FI_NKEYS 6
#define FI_USE_JSON (-2)
int function_item_text(const char *p, size_t len, const char *source, struct function_item *it,
		       struct strbuf *scratch, char *err, size_t errn);
/* The _in forms take the region a cache listed the record under (NULL: none): an ARN
 * without a region ("arn:aws:lambda::ACCOUNT:function:NAME") gets it. */
int function_item_read_in(json_t *fn, const char *source, const char *region, struct function_item *it, char *err,
			  size_t errn);
int function_item_text_in(const char *p, size_t len, const char *source, const char *region,
			  struct function_item *it, struct strbuf *scratch, char *err, size_t errn);
/* function_item_json_type names a JSON value's type for messages ("a number"). */
const char *function_item_json_type(const json_t *v);

#endif
