/* tf_eval: evaluate the Terraform expressions that decide whether a resource exists
 * (count) and which branch of a conditional is taken, from what the files say alone. */
#ifndef SUNSET_IAC_TF_EVAL_H
#define SUNSET_IAC_TF_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "hcl.h"

enum tf_value_type { TV_UNKNOWN, TV_NULL, TV_BOOL, TV_NUM, TV_STR, TV_LIST };

struct tf_value {
	enum tf_value_type type;
	bool b;
	double num;
	size_t count; /* TV_LIST: elements (objects count their attributes) */
	char str[256];
};

/* How names are looked up: `lookup` returns the expression bound to "var.x" or "local.y"
 * in `scope`, with the scope and file text it is to be evaluated in, or NULL. */
#define TF_EVAL_MAX_STEPS 20000 /* evaluation steps per env: unknown beyond (no blow-up) */

struct tf_eval_env {
	void *ctx;
	long steps; /* used so far; set to 0 before a fresh evaluation */
	const struct hcl_expr *(*lookup)(void *ctx, const void *scope, const char *name, const void **out_scope,
					 const char **out_buf);
};

/* tf_eval evaluates e (written in `buf`) in `scope` into *out; TV_UNKNOWN when it cannot. */
void tf_eval(struct tf_eval_env *env, const void *scope, const char *buf, const struct hcl_expr *e,
	     struct tf_value *out, int depth);

#endif
