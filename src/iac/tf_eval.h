/* tf_eval: evaluate Terraform expressions from what the files say alone, the way
 * `terraform console` does: literals, var./local. references, each.key/each.value,
 * count.index, maps, objects, lists, tuples and sets with index and attribute access,
 * templates, operators, conditionals, for expressions and the functions people write
 * around runtimes. What cannot be known is TV_UNKNOWN; `error` marks what Terraform would
 * reject (a missing key, an index out of range), which try() and can() catch. */
#ifndef SUNSET_IAC_TF_EVAL_H
#define SUNSET_IAC_TF_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "iac/hcl.h"

/* Lists and tuples are both TV_LIST, maps and objects both TV_MAP (keys sorted, as
 * Terraform keeps them); a TV_SET holds distinct elements in Terraform's order. */
enum tf_value_type { TV_UNKNOWN, TV_NULL, TV_BOOL, TV_NUM, TV_STR, TV_LIST, TV_SET, TV_MAP };

struct tf_value {
	enum tf_value_type type;
	bool b;
	bool error;           /* TV_UNKNOWN: Terraform would report an error here */
	double num;
	char *str;            /* TV_STR (owned) */
	size_t count;         /* collections: elements */
	struct tf_value *items;
	char **keys;          /* TV_MAP (owned, sorted) */
	/* the expression a value was read from verbatim (a string literal), and the file
	 * text and file it is written in (the lookup's `file`), for positions and --fix */
	const struct hcl_expr *origin;
	const void *origin_file;
};

#define TF_EVAL_MAX_STEPS 200000 /* evaluation steps per env: unknown beyond (no blow-up) */
#define TF_EVAL_MAX_CELLS 100000 /* values built per env: unknown beyond */

/* What a name is bound to: the expression (written in `buf`, part of `file`) and the
 * scope its own names are looked up in. */
struct tf_ref {
	const struct hcl_expr *expr;
	const void *scope;
	const char *buf;
	const void *file;
	/* the instance (each, count) names in expr see, when not the one being evaluated: a
	 * module call's input is evaluated with the call's instance; NULL: unchanged */
	const struct tf_eval_env *inst;
};

struct tf_eval_env {
	void *ctx;
	long steps;  /* used so far; set to 0 before a fresh evaluation */
	long cells;
	/* lookup binds "var.x" / "local.y" in `scope`: 0, or -1 when the name is not bound */
	int (*lookup)(void *ctx, const void *scope, const char *name, struct tf_ref *out);
	/* the resource instance being evaluated: each.key / each.value (when has_each),
	 * count.index (when has_count) */
	bool has_each, has_count;
	const struct tf_value *each_key, *each_value;
	double count_index;
};

/* tf_eval evaluates e (written in `buf`, part of `file`) in `scope` into *out, which the
 * caller releases with tf_value_free; TV_UNKNOWN when it cannot. */
void tf_eval(struct tf_eval_env *env, const void *scope, const char *buf, const void *file,
	     const struct hcl_expr *e, struct tf_value *out);
void tf_value_free(struct tf_value *v);

/* tf_value_json writes v as Terraform's jsonencode() would into a new string (NULL when
 * v is or holds an unknown). */
char *tf_value_json(const struct tf_value *v);

#endif
