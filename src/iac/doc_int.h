/* doc_int: what the YAML and JSON front ends share to build a doc (not for analyses). */
#ifndef SUNSET_IAC_DOC_INT_H
#define SUNSET_IAC_DOC_INT_H

#include "doc.h"

struct doc {
	struct arena_chunk *chunks;
	struct doc_node *root;
	size_t nodes;
};

struct doc *doc_new(void);
/* doc_alloc returns zeroed memory owned by d. */
void *doc_alloc(struct doc *d, size_t n);
char *doc_strndup(struct doc *d, const char *s, size_t n);
/* doc_node_new counts nodes against DOC_MAX_NODES: NULL when over. */
struct doc_node *doc_node_new(struct doc *d, enum doc_type t, long line, long column);
/* doc_intrinsic_name maps a CloudFormation short-form tag ("!GetAtt") to the long form
 * key ("Fn::GetAtt"), or NULL when `tag` is not one. */
const char *doc_intrinsic_name(const char *tag);

#endif
