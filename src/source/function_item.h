/* function_item: one element of a list-functions "Functions" array (from a file or from
 * the API) turned into a resource: account, region and partition from the ARN, version
 * from its qualifier. */
#ifndef SUNSET_FUNCTION_ITEM_H
#define SUNSET_FUNCTION_ITEM_H

#include <jansson.h>
#include <stddef.h>

#include "../resource.h"

/* arn_split parses "arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]" into
 * `buf` (a copy of at most 2048 bytes) and points the parts into it. Returns 0 or -1. */
struct lambda_arn {
	const char *partition, *region, *account, *name, *qualifier; /* qualifier NULL if none */
	char buf[2048];
};
int arn_split(const char *arn, struct lambda_arn *out);

struct function_item {
	struct resource r; /* strings borrowed from the JSON object and from arn/arch below */
	struct lambda_arn arn;
	char arch[256];
};

/* function_item_read fills *it from `fn` (borrowed; it must outlive it). Returns 0, or -1
 * with a one-line reason in err. */
int function_item_read(json_t *fn, const char *source, struct function_item *it, char *err, size_t errn);
/* function_item_json_type names a JSON value's type for messages ("a number"). */
const char *function_item_json_type(const json_t *v);

#endif
