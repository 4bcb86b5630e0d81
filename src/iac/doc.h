/* doc: the tree of one YAML or JSON file, with the position and byte range of every
 * scalar, so that templates can be read like JSON and a runtime value rewritten in
 * place. YAML short-form tags of CloudFormation (!Ref x, !GetAtt a.b, !If [...]) become
 * the long form ({"Ref": x}, {"Fn::GetAtt": ...}) so analyses see one shape. YAML
 * aliases share the anchored node (nothing is copied, so alias bombs cost nothing);
 * merge keys (<<) are applied. Every node lives in the doc's arena. */
#ifndef SUNSET_IAC_DOC_H
#define SUNSET_IAC_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "model/budget.h"

#define DOC_MAX_DEPTH BUDGET_MAX_DEPTH /* deeper nesting is an error, not a stack overflow */
#define DOC_MAX_NODES BUDGET_MAX_NODES /* a file with more nodes is refused */

enum doc_type { DOC_SCALAR, DOC_MAP, DOC_SEQ };

struct doc_node {
	enum doc_type type;
	long line, column;     /* 1-based, of the node's first character (a quote, a '{') */
	/* DOC_SCALAR: the value, NUL-terminated; `quoted` when written quoted (so "3.10" is a
	 * string), `null` for YAML null / ~ / empty and JSON null. */
	const char *str;
	size_t len;
	bool quoted, null;
	/* The bytes of the file that spell exactly `str` (between the quotes when quoted), so
	 * that replacing them changes this value and nothing else; in_place is false when the
	 * value is written with escapes, folded, or as a block scalar. */
	size_t vstart, vend;
	bool in_place;
	/* DOC_MAP: n keys (scalars) and values; DOC_SEQ: n items in vals. */
	size_t n;
	struct doc_node **keys;
	struct doc_node **vals;
};

struct doc_error {
	long line, column;
	char message[200];
};

struct doc; /* owns the nodes; the file text is borrowed */

/* doc_parse_yaml / doc_parse_json parse `len` bytes of `buf` (borrowed: it must outlive
 * the doc). Only the first YAML document is read. Return the doc, or NULL with *err
 * filled ("expected ',' or '}'", "found undefined alias", ...). */
struct doc *doc_parse_yaml(const char *buf, size_t len, struct doc_error *err);
struct doc *doc_parse_json(const char *buf, size_t len, struct doc_error *err);
/* The same, holding at most budget_parse_cap(len) bytes for the tree, charged to `budget`
 * (may be NULL) until doc_free; over either, an error at the position reached. */
struct doc *doc_parse_yaml_budget(const char *buf, size_t len, struct budget *budget, struct doc_error *err);
struct doc *doc_parse_json_budget(const char *buf, size_t len, struct budget *budget, struct doc_error *err);
void doc_free(struct doc *d);

/* doc_root is the top node, or NULL for an empty document. */
const struct doc_node *doc_root(const struct doc *d);

/* doc_get is the value of `key` in a map (NULL when absent or `map` is not a map). */
const struct doc_node *doc_get(const struct doc_node *map, const char *key);
/* doc_get_path follows dotted keys ("Globals.Function.Runtime"). */
const struct doc_node *doc_get_path(const struct doc_node *map, const char *path);
/* doc_str is the scalar's text, or NULL when `n` is not a non-null scalar. */
const char *doc_str(const struct doc_node *n);
/* doc_one_key: when `n` is a map with exactly one key, that key's text (for intrinsic
 * functions such as {"Ref": ...}); otherwise NULL. */
const char *doc_one_key(const struct doc_node *n);

#endif
