/* doc_int: what the YAML and JSON front ends share to build a doc (not for analyses). */
#ifndef SUNSET_IAC_DOC_INT_H
#define SUNSET_IAC_DOC_INT_H

#include "iac/doc.h"

struct doc {
	struct arena_chunk *chunks;
	struct doc_node *root;
	size_t nodes;
	/* memory: what the file may hold (budget_parse_cap of its size), what its chunks hold,
	 * charged to `budget` too when there is one; `over` once a chunk did not fit (1: the
	 * file's cap, 2: the scan's budget), after which no node is made */
	size_t cap, charged;
	struct budget *budget;
	int over;
};

/* doc_new starts a doc for a file of len bytes, charging `budget` (may be NULL). */
struct doc *doc_new(size_t len, struct budget *budget);
/* doc_limit_message says why doc_node_new returned NULL. */
const char *doc_limit_message(const struct doc *d, char *buf, size_t n);
/* doc_alloc returns zeroed memory owned by d. */
void *doc_alloc(struct doc *d, size_t n);
char *doc_strndup(struct doc *d, const char *s, size_t n);
/* doc_node_new counts nodes against DOC_MAX_NODES and the memory budget: NULL when over. */
struct doc_node *doc_node_new(struct doc *d, enum doc_type t, long line, long column);
/* doc_intrinsic_name maps a CloudFormation short-form tag ("!GetAtt") to the long form
 * key ("Fn::GetAtt"), or NULL when `tag` is not one. */
const char *doc_intrinsic_name(const char *tag);

#endif
