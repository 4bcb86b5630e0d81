/* tf_eval: the little of Terraform's expression language that decides whether a resource
 * exists and which branch of a conditional holds: literals, var. and local. references,
 * templates, !, -, && and || (short-circuit on known values), comparisons, arithmetic,
 * conditionals, tuples and length(). Anything else is unknown, and unknown spreads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tf_eval.h"

#define MAX_EVAL_DEPTH 16

static void set_str(struct tf_value *v, const char *s)
{
	v->type = TV_STR;
	snprintf(v->str, sizeof(v->str), "%s", s);
}

/* op_between returns the operator written between two operands (skipping white space and
 * parentheses' neighbours), or NULL when the gap is not one binary operator. */
static const char *op_between(const char *buf, size_t a, size_t b, char *op, size_t n)
{
	size_t k = 0;
	for (size_t i = a; i < b; i++) {
		char c = buf[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (!strchr("|&=!<>+-*/%", c) || k + 1 >= n)
			return NULL;
		op[k++] = c;
	}
	op[k] = '\0';
	static const char *const ops[] = {"||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(op, ops[i]))
			return op;
	return NULL;
}

static bool equal(const struct tf_value *a, const struct tf_value *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case TV_NULL: return true;
	case TV_BOOL: return a->b == b->b;
	case TV_NUM: return a->num == b->num;
	case TV_STR: return !strcmp(a->str, b->str);
	case TV_LIST: return a->count == 0 && b->count == 0;
	default: return false;
	}
}

/* binary applies `op` to a and b (both known) into *out; unknown on a type mismatch. */
/* as_number converts a numeric string the way Terraform does ("0" is 0). */
static void as_number(struct tf_value *v)
{
	char *end;
	if (v->type != TV_STR || !v->str[0])
		return;
	double d = strtod(v->str, &end);
	if (!*end) {
		v->type = TV_NUM;
		v->num = d;
	}
}

static void binary(const char *op, const struct tf_value *a0, const struct tf_value *b0, struct tf_value *out)
{
	struct tf_value r = {TV_UNKNOWN}, ca = *a0, cb = *b0;
	const struct tf_value *a = &ca, *b = &cb;
	if (strcmp(op, "==") && strcmp(op, "!=")) {
		as_number(&ca);
		as_number(&cb);
	}
	if (!strcmp(op, "==") || !strcmp(op, "!=")) {
		r.type = TV_BOOL;
		r.b = equal(a, b) == !strcmp(op, "==");
	} else if (a->type == TV_NUM && b->type == TV_NUM) {
		double x = a->num, y = b->num;
		if (!strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") || !strcmp(op, ">=")) {
			r.type = TV_BOOL;
			r.b = op[0] == '<' ? (op[1] ? x <= y : x < y) : (op[1] ? x >= y : x > y);
		} else if (strchr("+-*/%", op[0]) && !(y == 0 && strchr("/%", op[0]))) {
			r.type = TV_NUM;
			r.num = op[0] == '+' ? x + y : op[0] == '-' ? x - y : op[0] == '*' ? x * y
			      : op[0] == '/' ? x / y : fmod(x, y);
		}
	}
	*out = r;
}

void tf_eval(struct tf_eval_env *env, const void *scope, const char *buf, const struct hcl_expr *e,
	     struct tf_value *out, int depth)
{
	memset(out, 0, sizeof(*out));
	if (!e || depth > MAX_EVAL_DEPTH || env->steps >= TF_EVAL_MAX_STEPS)
		return;
	env->steps++;
	switch (e->kind) {
	case HCL_STRING:
		set_str(out, e->str);
		return;
	case HCL_NUMBER:
		out->type = TV_NUM;
		out->num = strtod(e->str, NULL);
		return;
	case HCL_BOOL:
		out->type = TV_BOOL;
		out->b = !strcmp(e->str, "true");
		return;
	case HCL_NULL:
		out->type = TV_NULL;
		return;
	case HCL_TUPLE:
		out->type = TV_LIST;
		out->count = e->n;
		return;
	case HCL_OBJECT:
		out->type = TV_LIST; /* for length() and empty-or-not */
		out->count = e->n;
		return;
	case HCL_TEMPLATE: {
		char acc[sizeof(out->str)] = "";
		for (size_t i = 0; i < e->n; i++) {
			struct tf_value part;
			tf_eval(env, scope, buf, e->items[i], &part, depth + 1);
			if (part.type == TV_STR || part.type == TV_NUM || part.type == TV_BOOL) {
				char t[64];
				const char *s = part.type == TV_STR ? part.str : t;
				if (part.type == TV_NUM)
					snprintf(t, sizeof(t), "%g", part.num);
				else if (part.type == TV_BOOL)
					snprintf(t, sizeof(t), "%s", part.b ? "true" : "false");
				if (strlen(acc) + strlen(s) >= sizeof(acc))
					return;
				strcat(acc, s);
			} else {
				return;
			}
		}
		set_str(out, acc);
		return;
	}
	case HCL_TRAVERSAL: {
		const void *bscope;
		const char *bbuf;
		const struct hcl_expr *be = env->lookup(env->ctx, scope, e->str, &bscope, &bbuf);
		if (be)
			tf_eval(env, bscope, bbuf, be, out, depth + 1);
		return;
	}
	case HCL_CONDITIONAL: {
		struct tf_value c;
		if (e->n != 3)
			return;
		tf_eval(env, scope, buf, e->items[0], &c, depth + 1);
		if (c.type == TV_BOOL)
			tf_eval(env, scope, buf, e->items[c.b ? 1 : 2], out, depth + 1);
		return;
	}
	case HCL_CALL:
		if (!strcmp(e->str, "length") && e->n == 1) {
			struct tf_value a;
			tf_eval(env, scope, buf, e->items[0], &a, depth + 1);
			if (a.type == TV_LIST || a.type == TV_STR) {
				out->type = TV_NUM;
				out->num = a.type == TV_LIST ? (double)a.count : (double)strlen(a.str);
			}
		}
		return;
	case HCL_OTHER:
		break;
	}
	/* unary: "!x", "-x" */
	if (e->n == 1 && e->items[0]->start > e->start) {
		struct tf_value a;
		for (size_t i = e->start; i < e->items[0]->start; i++)
			if (!strchr("!- \t", buf[i]))
				return;
		tf_eval(env, scope, buf, e->items[0], &a, depth + 1);
		for (size_t i = e->items[0]->start; i-- > e->start;) {
			if (buf[i] == '!' && a.type == TV_BOOL)
				a.b = !a.b;
			else if (buf[i] == '-' && a.type == TV_NUM)
				a.num = -a.num;
			else if (buf[i] == '!' || buf[i] == '-')
				return;
		}
		*out = a;
		return;
	}
	/* a chain of binary operators of one precedence level, left to right */
	if (e->n < 2)
		return;
	char op[4];
	struct tf_value acc;
	tf_eval(env, scope, buf, e->items[0], &acc, depth + 1);
	for (size_t i = 1; i < e->n; i++) {
		struct tf_value b;
		if (!op_between(buf, e->items[i - 1]->end, e->items[i]->start, op, sizeof(op)))
			return;
		if ((!strcmp(op, "&&") || !strcmp(op, "||")) && acc.type == TV_BOOL && acc.b == (op[0] == '|'))
			continue; /* decided: false && x, true || x */
		tf_eval(env, scope, buf, e->items[i], &b, depth + 1);
		if (!strcmp(op, "&&") || !strcmp(op, "||")) {
			if (b.type == TV_BOOL && b.b == (op[0] == '|')) {
				acc = b; /* x && false, x || true */
				continue;
			}
			if (acc.type != TV_BOOL || b.type != TV_BOOL) {
				acc.type = TV_UNKNOWN;
				continue;
			}
			acc.b = op[0] == '|' ? acc.b || b.b : acc.b && b.b;
			continue;
		}
		if (acc.type == TV_UNKNOWN || b.type == TV_UNKNOWN)
			return;
		binary(op, &acc, &b, &acc);
	}
	*out = acc;
}
