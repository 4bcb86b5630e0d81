/* libFuzzer target for the YAML and JSON front ends: every input is parsed by both; each
 * parses or fails with a position, never crashes, leaks or recurses without bound. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iac/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const struct doc_node *n, int depth)
{
	size_t sum = 0;
	if (!n || depth > DOC_MAX_DEPTH + 2)
		return 0;
	if (n->type == DOC_SCALAR)
		return strlen(n->str) + (n->in_place ? n->vend - n->vstart : 0);
	for (size_t i = 0; i < n->n && i < 64; i++) /* aliases share nodes: bound the walk */
		sum += walk(n->vals[i], depth + 1) + (n->type == DOC_MAP ? walk(n->keys[i], depth + 1) : 0);
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *(*parsers[])(const char *, size_t, struct doc_error *) = {doc_parse_yaml, doc_parse_json};
	char *buf = malloc(size ? size : 1); /* exact size: ASan sees any read past the end */
	memcpy(buf, data, size);
	for (size_t p = 0; p < 2; p++) {
		struct doc_error err;
		struct doc *d = parsers[p](buf, size, &err);
		if (d) {
			volatile size_t n = walk(doc_root(d), 0);
			(void)n;
			doc_free(d);
		} else if (err.line < 1 || err.column < 1) {
			abort(); /* every error has a position */
		}
	}
	free(buf);
	return 0;
}
