/* terraform: the .tf files of one directory (a Terraform module) scanned together:
 * aws_lambda_function runtime, aws_lambda_layer_version compatible_runtimes, and calls
 * of the terraform-aws-modules Lambda module (runtime; no function when create = false
 * or create_function = false; a layer's compatible_runtimes when create_layer = true).
 * var.x resolves through terraform.tfvars, *.auto.tfvars and --var-file (in that order,
 * the last wins) to the variable's default; local.x through locals; a conditional
 * yields both branches. Anything else is unknown with the expression in the reason. */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iac/hcl.h"
#include "iac/iac.h"
#include "iac/tf_eval.h"
#include "util/xalloc.h"

#define MAX_RESOLVE_DEPTH 8
#define MAX_MODULE_DEPTH 4 /* local module calls followed, nested */
#define TF_FOLDER_MAX_STEPS 5000000L /* evaluation steps per folder scanned: unknown beyond */

struct tf_src {
	struct tf_dir_file *file;
	struct hcl_file *hcl;
	struct doc *json;  /* a .tfvars.json file */
	void **owned;      /* expressions made from it, and their item arrays */
	size_t nowned, owned_alloc;
};

struct tf;

struct tf_binding {
	const char *name;
	const struct hcl_expr *expr;
	struct tf_dir_file *file;
	struct tf *scope; /* where names inside expr are looked up (a module call's caller) */
	char via[200];
};

struct tf {
	struct iac_ctx *ctx;
	struct tf_binding *vars, *locals;
	size_t nvars, nlocals, vars_alloc, locals_alloc;
	/* the resource being scanned */
	const char *address, *name, *kind, *package_type;
	struct tf_dir_file *file;
	long line, column; /* of the block, for findings with no value */
	const char *prefix; /* "module.NAME." inside a local module call, else "" */
	char fname[160];    /* a function_name evaluated from an expression */
	int depth;          /* local module calls followed */
	const char *dir;    /* this module's folder (real path), NULL when unknown */
	struct tf *caller;  /* the module whose call brought us here, NULL at the top */
	/* the instance being scanned: each.key/each.value under for_each, count.index */
	bool has_each, has_count;
	const struct tf_value *each_key, *each_value;
	double count_index;
	char inst[160];     /* the instance key as Terraform writes it: ["api"], [0], or "" */
	const char *note;   /* said in the via of the block's findings (too many instances) */
	struct tf_eval_env call_inst; /* a module: the instance of its call, seen by its inputs */
	long steps;         /* evaluation steps spent in this folder (counted at the top) */
	int rc;
};

static struct tf_binding *find(struct tf_binding *v, size_t n, const char *name)
{
	for (size_t i = n; i-- > 0;) /* the last binding wins */
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

/* lookup binds "var.x" / "local.y" for tf_eval. */
static int lookup(void *ctx, const void *scope, const char *name, struct tf_ref *out)
{
	struct tf *sc = (struct tf *)scope;
	struct tf_binding *b = NULL;
	(void)ctx;
	if (!strncmp(name, "var.", 4))
		b = find(sc->vars, sc->nvars, name + 4);
	else if (!strncmp(name, "local.", 6))
		b = find(sc->locals, sc->nlocals, name + 6);
	if (!b || !b->expr)
		return -1;
	*out = (struct tf_ref){b->expr, b->scope, b->file->buf, b->file, sc->caller ? &sc->call_inst : NULL};
	return 0;
}

/* eval evaluates e, written in file f, with names looked up in sc and the instance of
 * the resource t being scanned; the caller frees *out. */
static void eval_in(struct tf *t, struct tf *sc, struct tf_dir_file *f, const struct hcl_expr *e,
		    struct tf_value *out)
{
	struct tf_eval_env env = {.lookup = lookup};
	env.has_each = t->has_each;
	env.each_key = t->each_key;
	env.each_value = t->each_value;
	env.has_count = t->has_count;
	env.count_index = t->count_index;
	/* written in a caller of t's module (a module call's input): that call's instance */
	for (struct tf *m = t; sc != t && m->caller; m = m->caller)
		if (m->caller == sc) {
			env.has_each = m->call_inst.has_each;
			env.each_key = m->call_inst.each_key;
			env.each_value = m->call_inst.each_value;
			env.has_count = m->call_inst.has_count;
			env.count_index = m->call_inst.count_index;
			break;
		}
	struct tf *top = t;
	while (top->caller)
		top = top->caller;
	if (top->steps > TF_FOLDER_MAX_STEPS)
		env.steps = TF_EVAL_MAX_STEPS; /* the folder spent its budget: unknown from here on */
	tf_eval(&env, sc, f->buf, f, e, out);
	top->steps += env.steps;
}

static void eval(struct tf *sc, struct tf_dir_file *f, const struct hcl_expr *e, struct tf_value *out)
{
	eval_in(sc, sc, f, e, out);
}

static void expr_text(const struct tf_dir_file *f, const struct hcl_expr *e, char *buf, size_t n)
{
	size_t l = e->end > e->start ? e->end - e->start : 0;
	if (l > 120)
		snprintf(buf, n, "%.117s...", f->buf + e->start);
	else
		snprintf(buf, n, "%.*s", (int)l, f->buf + e->start);
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

static void join_via(char *out, size_t n, const char *a, const char *b)
{
	if (a && *a)
		snprintf(out, n, "%.90s, %.100s", a, b);
	else
		snprintf(out, n, "%.190s", b);
}

static void emit(struct tf *t, const char *value, struct tf_dir_file *f, const struct hcl_expr *e, const char *via,
		 const char *reason)
{
	struct iac_origin o = {.path = f->path, .rel = f->rel, .line = t->line, .column = t->column};
	if (e) {
		o.line = e->line;
		o.column = e->column;
		if (e->kind == HCL_STRING && e->in_place) {
			o.start = e->str_start;
			o.end = e->str_end;
			o.in_place = true;
		}
	}
	/* a sunset:ignore comment before the block or before the value */
	char why_suppressed[300];
	const char *suppress = t->file ? iac_ignore_comment(t->ctx, t->file->rel, t->file->buf, t->file->len, t->line,
							    why_suppressed, sizeof(why_suppressed))
				       : NULL;
	if (!suppress && e)
		suppress = iac_ignore_comment(t->ctx, f->rel, f->buf, f->len, e->line, why_suppressed,
					      sizeof(why_suppressed));
	struct resource r = {
		.source = "terraform",
		.kind = t->kind,
		.resource = t->address,
		.function = t->name,
		.file = f->rel,
		.line = o.line,
		.column = o.column,
		.runtime = value,
		.package_type = t->package_type,
		.via = via && *via ? via : NULL,
		.reason = reason,
		.suppress = suppress,
	};
	char with_note[300];
	if (t->note) {
		join_via(with_note, sizeof(with_note), via, t->note);
		r.via = with_note;
	}
	if (iac_emit(t->ctx, &r, &o) < 0)
		t->rc = -1;
}

static void unresolved(struct tf *t, struct tf_dir_file *f, const struct hcl_expr *e, const char *via,
		       const char *why)
{
	char text[130], reason[400];
	expr_text(f, e, text, sizeof(text));
	if (why)
		snprintf(reason, sizeof(reason), "%s", why);
	else
		snprintf(reason, sizeof(reason), "the runtime is the expression `%s`, which sunset cannot resolve", text);
	emit(t, NULL, f, e, via, reason);
}

/* literal resolves an expression to one string without emitting (templates, bools). */
static bool literal(struct tf *t, const struct hcl_expr *e, char *out, size_t n, int depth)
{
	if (!e || depth > MAX_RESOLVE_DEPTH)
		return false;
	switch (e->kind) {
	case HCL_STRING:
	case HCL_NUMBER:
	case HCL_BOOL:
		snprintf(out, n, "%s", e->str);
		return true;
	case HCL_TEMPLATE: {
		char acc[256] = "", part[256];
		for (size_t i = 0; i < e->n; i++) {
			if (!literal(t, e->items[i], part, sizeof(part), depth + 1))
				return false;
			if (strlen(acc) + strlen(part) >= sizeof(acc))
				return false;
			strcat(acc, part);
		}
		snprintf(out, n, "%s", acc);
		return true;
	}
	case HCL_TRAVERSAL: {
		struct tf_binding *b = NULL;
		if (!strncmp(e->str, "var.", 4))
			b = find(t->vars, t->nvars, e->str + 4);
		else if (!strncmp(e->str, "local.", 6))
			b = find(t->locals, t->nlocals, e->str + 6);
		return b && b->expr && literal(b->scope, b->expr, out, n, depth + 1);
	}
	default:
		return false;
	}
}

/* emit_value emits one evaluated string: at the literal it was read from when there is
 * one (so --fix can change it), else at the expression e. */
static void emit_value(struct tf *t, const struct tf_value *v, struct tf_dir_file *f, const struct hcl_expr *e,
		       const char *via)
{
	if (v->origin && v->origin_file && v->origin->kind == HCL_STRING && !strcmp(v->origin->str, v->str)) {
		emit(t, v->str, (struct tf_dir_file *)v->origin_file, v->origin, via, NULL);
		return;
	}
	struct hcl_expr copy = *e;
	copy.kind = HCL_OTHER; /* the value is built from parts: not rewritable in place */
	emit(t, v->str, f, &copy, via, NULL);
}

/* eval_emit evaluates e as Terraform would and emits the string it comes to (each
 * string of a list when `list`), or unknown with the expression. */
static void eval_emit(struct tf *t, struct tf *sc, struct tf_dir_file *f, const struct hcl_expr *e, const char *via,
		      bool list)
{
	struct tf_value v;
	char text[130], reason[400], v2[200];
	/* name the variable or local the value comes through, as resolve does */
	const struct hcl_expr *base = e->kind == HCL_INDEX && e->n ? e->items[0] : e;
	if (base->kind == HCL_TRAVERSAL) {
		char root[120];
		const char *dot = strchr(base->str, '.'), *dot2 = dot ? strchr(dot + 1, '.') : NULL;
		size_t rl = dot2 ? (size_t)(dot2 - base->str) : strlen(base->str);
		snprintf(root, sizeof(root), "%.*s", (int)(rl < 119 ? rl : 119), base->str);
		struct tf_binding *b = !strncmp(root, "var.", 4)     ? find(sc->vars, sc->nvars, root + 4)
				       : !strncmp(root, "local.", 6) ? find(sc->locals, sc->nlocals, root + 6)
								     : NULL;
		if (b) {
			join_via(v2, sizeof(v2), via, b->via[0] ? b->via : root);
			via = v2;
		}
	}
	eval_in(t, sc, f, e, &v);
	if (v.type == TV_STR) {
		emit_value(t, &v, f, e, via);
	} else if (v.type == TV_NULL) {
		unresolved(t, f, e, via, "the runtime is null");
	} else if (list && (v.type == TV_LIST || v.type == TV_SET)) {
		for (size_t i = 0; i < v.count; i++) {
			if (v.items[i].type == TV_STR) {
				emit_value(t, &v.items[i], f, e, via);
			} else {
				expr_text(f, e, text, sizeof(text));
				snprintf(reason, sizeof(reason),
					 "element %zu of `%s` is not a string sunset can resolve", i, text);
				unresolved(t, f, e, via, reason);
			}
		}
	} else if (v.type == TV_UNKNOWN && v.error) {
		expr_text(f, e, text, sizeof(text));
		snprintf(reason, sizeof(reason),
			 "the runtime is the expression `%s`, which Terraform would reject (a missing key or "
			 "attribute, an index out of range or a wrong type)",
			 text);
		unresolved(t, f, e, via, reason);
	} else {
		unresolved(t, f, e, via, NULL);
	}
	tf_value_free(&v);
}

/* resolve emits the value(s) of `e`, written in file f, looking names up in `sc`. */
static void resolve(struct tf *t, struct tf *sc, struct tf_dir_file *f, const struct hcl_expr *e, const char *via,
		    int depth, bool list)
{
	char v[200], text[256];
	if (!e)
		return;
	if (depth > MAX_RESOLVE_DEPTH) {
		unresolved(t, f, e, via, "the runtime refers to itself, or nests too deeply to resolve");
		return;
	}
	switch (e->kind) {
	case HCL_STRING:
		emit(t, e->str, f, e, via, NULL);
		return;
	case HCL_NULL:
		unresolved(t, f, e, via, "the runtime is null");
		return;
	case HCL_CONDITIONAL: {
		struct tf_value c;
		if (e->n != 3)
			break;
		eval_in(t, sc, f, e->items[0], &c);
		if (c.type == TV_BOOL) { /* the files decide the condition: only that branch */
			resolve(t, sc, f, e->items[c.b ? 1 : 2], via, depth + 1, list);
			return;
		}
		tf_value_free(&c);
		for (int b = 1; b <= 2; b++) {
			if (e->items[b]->kind == HCL_NULL)
				continue; /* that branch leaves the runtime unset */
			join_via(v, sizeof(v), via, b == 1 ? "condition true" : "condition false");
			resolve(t, sc, f, e->items[b], v, depth + 1, list);
		}
		return;
	}
	case HCL_TUPLE:
		if (list) {
			for (size_t i = 0; i < e->n; i++)
				resolve(t, sc, f, e->items[i], via, depth + 1, false);
			return;
		}
		break;
	case HCL_TRAVERSAL:
		if (!strncmp(e->str, "var.", 4) && !strchr(e->str + 4, '.')) {
			struct tf_binding *b = find(sc->vars, sc->nvars, e->str + 4);
			if (!b) {
				snprintf(text, sizeof(text), "the runtime is %.100s, a variable not declared in this folder",
					 e->str);
				unresolved(t, f, e, via, text);
			} else if (!b->expr) {
				snprintf(text, sizeof(text),
					 "the runtime is %.100s, a variable with no default or tfvars value: it is set "
					 "when the module is called or planned",
					 e->str);
				unresolved(t, f, e, via, text);
			} else {
				join_via(v, sizeof(v), via, b->via);
				resolve(t, b->scope, b->file, b->expr, v, depth + 1, list);
			}
			return;
		}
		if (!strncmp(e->str, "local.", 6) && !strchr(e->str + 6, '.')) {
			struct tf_binding *b = find(sc->locals, sc->nlocals, e->str + 6);
			if (b) {
				join_via(v, sizeof(v), via, e->str);
				resolve(t, b->scope, b->file, b->expr, v, depth + 1, list);
				return;
			}
			snprintf(text, sizeof(text), "the runtime is %.100s, a local value not defined in this folder",
				 e->str);
			unresolved(t, f, e, via, text);
			return;
		}
		break;
	default:
		break;
	}
	eval_emit(t, sc, f, e, via, list);
}

static void add_binding(struct tf_binding **v, size_t *n, size_t *alloc, const char *name,
			const struct hcl_expr *e, struct tf_dir_file *f, struct tf *scope, const char *via)
{
	ALLOC_GROW(*v, *n + 1, *alloc);
	struct tf_binding *b = &(*v)[(*n)++];
	b->name = name;
	b->expr = e;
	b->file = f;
	b->scope = scope;
	snprintf(b->via, sizeof(b->via), "%.190s", via);
}

static bool is_lambda_module(const char *source)
{
	return source && (!strncmp(source, "terraform-aws-modules/lambda/aws", 32) ||
			  strstr(source, "registry.terraform.io/terraform-aws-modules/lambda/aws") ||
			  strstr(source, "github.com/terraform-aws-modules/terraform-aws-lambda"));
}

static bool is_false(struct tf *t, struct tf_dir_file *f, const struct hcl_expr *e)
{
	struct tf_value v;
	eval(t, f, e, &v);
	bool r = v.type == TV_BOOL && !v.b;
	tf_value_free(&v);
	return r;
}

static bool is_true(struct tf *t, struct tf_dir_file *f, const struct hcl_expr *e)
{
	struct tf_value v;
	eval(t, f, e, &v);
	bool r = v.type == TV_BOOL && v.b;
	tf_value_free(&v);
	return r;
}

/* not_created: the block's count is 0 (or false), or its for_each is empty, as far as
 * the files tell. */
static bool not_created(struct tf *t, struct tf_dir_file *f, const struct hcl_body *body)
{
	struct tf_value v;
	bool r = false;
	const struct hcl_attr *a = hcl_body_attr(body, "count");
	if (a) {
		eval(t, f, a->expr, &v);
		if (v.type == TV_STR && !strcmp(v.str, "0"))
			r = true; /* Terraform converts the string */
		if ((v.type == TV_NUM && v.num == 0) || (v.type == TV_BOOL && !v.b))
			r = true;
		tf_value_free(&v);
	}
	a = hcl_body_attr(body, "for_each");
	if (a && !r) {
		eval(t, f, a->expr, &v);
		if (((v.type == TV_LIST || v.type == TV_SET || v.type == TV_MAP) && v.count == 0) || v.type == TV_NULL)
			r = true;
		tf_value_free(&v);
	}
	return r;
}

/* scan_function emits the runtime of a function resource or Lambda module call. */
static void scan_function(struct tf *t, struct tf_dir_file *f, const struct hcl_body *body, const char *no_runtime)
{
	char pt[32];
	const struct hcl_attr *a = hcl_body_attr(body, "package_type");
	t->kind = "function";
	t->package_type = a && literal(t, a->expr, pt, sizeof(pt), 0) && !strcmp(pt, "Image") ? "Image" : NULL;
	if ((a = hcl_body_attr(body, "runtime")))
		resolve(t, t, f, a->expr, NULL, 0, false);
	else
		emit(t, NULL, f, NULL, NULL, t->package_type ? NULL : no_runtime);
}

/* name_of sets the function's name from its function_name when that evaluates to a string. */
static void name_of(struct tf *t, struct tf_dir_file *f, const struct hcl_expr *e)
{
	struct tf_value v;
	eval(t, f, e, &v);
	if (v.type == TV_STR) {
		snprintf(t->fname, sizeof(t->fname), "%s", v.str);
		t->name = t->fname;
	}
	tf_value_free(&v);
}

static void scan_block(struct tf *t, struct tf_dir_file *f, const struct hcl_block *b)
{
	char address[520];
	const struct hcl_attr *a;
	t->file = f;
	t->line = b->line;
	t->column = b->column;
	if (!strcmp(b->type, "resource") && b->nlabels == 2) {
		if (not_created(t, f, b->body))
			return;
		snprintf(address, sizeof(address), "%.100s%.100s.%.90s%s", t->prefix, b->labels[0], b->labels[1],
			 t->inst);
		t->address = address;
		t->name = b->labels[1];
		const struct hcl_attr *fn = hcl_body_attr(b->body, "function_name");
		if (fn)
			name_of(t, f, fn->expr);
		if (!strcmp(b->labels[0], "aws_lambda_function")) {
			scan_function(t, f, b->body, "the function sets no runtime and is not package_type Image");
		} else if (!strcmp(b->labels[0], "aws_lambda_layer_version")) {
			t->kind = "layer";
			t->package_type = NULL;
			const struct hcl_attr *ln = hcl_body_attr(b->body, "layer_name");
			if (ln)
				name_of(t, f, ln->expr);
			if ((a = hcl_body_attr(b->body, "compatible_runtimes")))
				resolve(t, t, f, a->expr, NULL, 0, true);
		}
		return;
	}
	if (!strcmp(b->type, "module") && b->nlabels == 1) {
		const struct hcl_attr *src = hcl_body_attr(b->body, "source");
		if (!src || src->expr->kind != HCL_STRING || !is_lambda_module(src->expr->str))
			return;
		snprintf(address, sizeof(address), "%.100smodule.%.130s%s", t->prefix, b->labels[0], t->inst);
		t->address = address;
		t->name = b->labels[0];
		const struct hcl_attr *fn = hcl_body_attr(b->body, "function_name");
		if (fn)
			name_of(t, f, fn->expr);
		const struct hcl_attr *create = hcl_body_attr(b->body, "create");
		if (create && is_false(t, f, create->expr))
			return;
		const struct hcl_attr *cf = hcl_body_attr(b->body, "create_function");
		const struct hcl_attr *cl = hcl_body_attr(b->body, "create_layer");
		bool layer = cl && is_true(t, f, cl->expr);
		/* the module creates its function only when create_layer is false */
		if (!(cf && is_false(t, f, cf->expr)) && !layer)
			scan_function(t, f, b->body, "the module call sets no runtime input");
		if (layer && (a = hcl_body_attr(b->body, "compatible_runtimes"))) {
			t->kind = "layer";
			t->package_type = NULL;
			resolve(t, t, f, a->expr, NULL, 0, true);
		}
	}
}

/* set_key writes an instance key as Terraform addresses it: ["key"] with " and \ escaped. */
static void set_key(struct tf *t, const char *key)
{
	size_t k = 0;
	t->inst[k++] = '[';
	t->inst[k++] = '"';
	for (const char *p = key; *p && k + 6 < sizeof(t->inst); p++) {
		if (*p == '"' || *p == '\\')
			t->inst[k++] = '\\';
		t->inst[k++] = *p;
	}
	t->inst[k++] = '"';
	t->inst[k++] = ']';
	t->inst[k] = '\0';
}

#define MAX_INSTANCES 1000 /* instances reported one by one; beyond, one finding with a note */

/* scan_instances scans a resource or Lambda module call once per instance, as `terraform
 * state list` lists them: for_each a known map or set (each.key, each.value; addressed
 * x["key"]), count a known number (count.index; x[0], x[1], ...); else once; a local
 * module call the same way (module.x["key"].RESOURCE, its inputs seeing each.*). Over
 * MAX_INSTANCES, once, the via saying how many instances it stands for. */
static void call_local_module(struct tf *t, struct tf_dir_file *f, const struct hcl_block *b, const char *source);

/* scan_one scans one instance: a resource or module block, or the module a local module
 * call (`local`, its source) calls. */
static void scan_one(struct tf *t, struct tf_dir_file *f, const struct hcl_block *b, const char *local)
{
	if (local) {
		if (!not_created(t, f, b->body))
			call_local_module(t, f, b, local);
	}
	else
		scan_block(t, f, b);
}

static void scan_instances(struct tf *t, struct tf_dir_file *f, const struct hcl_block *b, const char *local)
{
	const struct hcl_attr *fe = hcl_body_attr(b->body, "for_each"), *cnt = hcl_body_attr(b->body, "count");
	struct tf_value v = {TV_UNKNOWN};
	char note[80];
	if (fe && !not_created(t, f, b->body)) {
		eval(t, f, fe->expr, &v);
		if ((v.type == TV_MAP || v.type == TV_SET) && v.count > MAX_INSTANCES) {
			snprintf(note, sizeof(note), "for_each: %zu instances, reported once", v.count);
			t->note = note;
		} else if (v.type == TV_MAP || v.type == TV_SET) {
			bool ok = true;
			for (size_t i = 0; v.type == TV_SET && i < v.count; i++)
				ok &= v.items[i].type == TV_STR;
			for (size_t i = 0; ok && i < v.count && !t->rc; i++) {
				struct tf_value key = {TV_STR};
				key.str = v.type == TV_MAP ? v.keys[i] : v.items[i].str;
				t->has_each = true;
				t->each_key = &key;
				t->each_value = &v.items[i];
				set_key(t, key.str);
				scan_one(t, f, b, local);
			}
			t->has_each = false;
			t->inst[0] = '\0';
			if (ok) {
				tf_value_free(&v);
				return;
			}
		}
		tf_value_free(&v);
	} else if (cnt && !not_created(t, f, b->body)) {
		eval(t, f, cnt->expr, &v);
		double n = v.type == TV_NUM ? v.num : v.type == TV_BOOL ? v.b : -1;
		tf_value_free(&v);
		if (n >= 1 && n <= MAX_INSTANCES && n == (double)(long)n) {
			for (long i = 0; i < (long)n && !t->rc; i++) {
				t->has_count = true;
				t->count_index = (double)i;
				snprintf(t->inst, sizeof(t->inst), "[%ld]", i);
				scan_one(t, f, b, local);
			}
			t->has_count = false;
			t->inst[0] = '\0';
			return;
		}
		if (n > MAX_INSTANCES && n < 1e15 && n == (double)(long long)n) {
			snprintf(note, sizeof(note), "count = %lld instances, reported once", (long long)n);
			t->note = note;
		}
	}
	scan_one(t, f, b, local);
	t->note = NULL;
}

/* load_tfvars applies a variables file: each top-level attribute sets that variable. */
static void *own(struct tf_src *s, void *p)
{
	ALLOC_GROW(s->owned, s->nowned + 1, s->owned_alloc);
	s->owned[s->nowned++] = p;
	return p;
}

/* from_json makes the expression a .tfvars.json value stands for (strings keep their
 * byte range, so --fix can change them in place). */
static struct hcl_expr *from_json(struct tf_src *s, const struct doc_node *n, int depth)
{
	struct hcl_expr *e = own(s, xcalloc(1, sizeof(*e)));
	e->line = n->line;
	e->column = n->column;
	if (n->type == DOC_SCALAR) {
		e->str = n->str;
		e->kind = n->null ? HCL_NULL : n->quoted ? HCL_STRING
			: (!strcmp(n->str, "true") || !strcmp(n->str, "false")) ? HCL_BOOL : HCL_NUMBER;
		if (n->in_place) {
			e->str_start = n->vstart;
			e->str_end = n->vend;
			e->in_place = n->quoted;
			e->start = n->vstart - (n->quoted ? 1 : 0);
			e->end = n->vend + (n->quoted ? 1 : 0);
		}
	} else if (n->type == DOC_SEQ && depth < 16) {
		e->kind = HCL_TUPLE;
		e->n = n->n;
		e->items = own(s, xcalloc(n->n + 1, sizeof(*e->items)));
		for (size_t i = 0; i < n->n; i++)
			e->items[i] = from_json(s, n->vals[i], depth + 1);
	} else if (n->type == DOC_MAP && depth < 16) {
		e->kind = HCL_OBJECT;
		e->n = n->n;
		e->items = own(s, xcalloc(n->n + 1, sizeof(*e->items)));
		e->keys = own(s, xcalloc(n->n + 1, sizeof(*e->keys)));
		for (size_t i = 0; i < n->n; i++) {
			struct hcl_expr *k = own(s, xcalloc(1, sizeof(*k)));
			k->kind = HCL_STRING;
			k->str = doc_str(n->keys[i]) ? doc_str(n->keys[i]) : "";
			k->line = n->keys[i]->line;
			k->column = n->keys[i]->column;
			e->keys[i] = k;
			e->items[i] = from_json(s, n->vals[i], depth + 1);
		}
	} else {
		e->kind = HCL_OTHER;
	}
	return e;
}

static void load_tfvars(struct tf *t, struct tf_src *s, const char *label)
{
	char via[200];
	if (s->json) {
		const struct doc_node *root = doc_root(s->json);
		for (size_t i = 0; root && root->type == DOC_MAP && i < root->n; i++) {
			const char *name = doc_str(root->keys[i]);
			if (!name || !find(t->vars, t->nvars, name))
				continue;
			snprintf(via, sizeof(via), "var.%.80s from %.100s", name, label);
			add_binding(&t->vars, &t->nvars, &t->vars_alloc, name, from_json(s, root->vals[i], 0), s->file, t,
				    via);
		}
		return;
	}
	const struct hcl_body *body = hcl_file_body(s->hcl);
	for (size_t i = 0; i < body->nattrs; i++) {
		if (!find(t->vars, t->nvars, body->attrs[i].name))
			continue; /* only declared variables */
		snprintf(via, sizeof(via), "var.%.80s from %.100s", body->attrs[i].name, label);
		add_binding(&t->vars, &t->nvars, &t->vars_alloc, body->attrs[i].name, body->attrs[i].expr, s->file, t, via);
	}
}

static bool is_terraform_tfvars(const char *rel)
{
	const char *slash = strrchr(rel, '/'), *name = slash ? slash + 1 : rel;
	return !strcmp(name, "terraform.tfvars") || !strcmp(name, "terraform.tfvars.json");
}

static bool is_json(const char *rel)
{
	size_t l = strlen(rel);
	return l > 5 && !strcmp(rel + l - 5, ".json");
}

static int parse(struct iac_ctx *ctx, struct tf_dir_file *f, struct hcl_file **out, bool quiet)
{
	struct hcl_error err;
	if (hcl_parse_budget(f->buf, f->len, &ctx->scan->budget, out, &err) < 0) {
		if (!quiet)
			iac_error(ctx, f->rel, err.line, err.column, "%s", err.message);
		return -1;
	}
	const struct hcl_error *dup = hcl_file_redefined(*out);
	if (dup && !quiet) /* Terraform refuses the file; what it holds is still reported */
		iac_error(ctx, f->rel, dup->line, dup->column, "%s", dup->message);
	return 0;
}

/* declare records the variables (a module call's inputs first, else their defaults) and
 * locals of a module's files. */
static void declare(struct tf *t, struct tf_src *src, size_t n, const struct hcl_body *call, struct tf *caller,
		    struct tf_dir_file *call_file, const char *call_name)
{
	char via[200];
	for (size_t i = 0; i < n; i++) {
		if (!src[i].hcl || src[i].file->tfvars)
			continue;
		const struct hcl_body *body = hcl_file_body(src[i].hcl);
		for (size_t j = 0; j < body->nblocks; j++) {
			const struct hcl_block *b = &body->blocks[j];
			if (!strcmp(b->type, "variable") && b->nlabels == 1) {
				const struct hcl_attr *in = call ? hcl_body_attr(call, b->labels[0]) : NULL;
				const struct hcl_attr *def = hcl_body_attr(b->body, "default");
				if (in) {
					snprintf(via, sizeof(via), "module.%.80s input %.90s", call_name, b->labels[0]);
					add_binding(&t->vars, &t->nvars, &t->vars_alloc, b->labels[0], in->expr, call_file,
						    caller, via);
				} else {
					snprintf(via, sizeof(via), "var.%.150s default", b->labels[0]);
					add_binding(&t->vars, &t->nvars, &t->vars_alloc, b->labels[0],
						    def ? def->expr : NULL, src[i].file, t, via);
				}
			} else if (!strcmp(b->type, "locals")) {
				for (size_t k = 0; k < b->body->nattrs; k++)
					add_binding(&t->locals, &t->nlocals, &t->locals_alloc, b->body->attrs[k].name,
						    b->body->attrs[k].expr, src[i].file, t, "");
			}
		}
	}
}

static void scan_module(struct tf *t, struct tf_src *src, size_t n);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* module_not_read reports a local module call whose folder (file NULL) or one of whose
 * files was not read, with the reason: an unknown finding at the call's source. */
static void module_not_read(struct tf *t, struct tf_dir_file *f, const struct hcl_block *b, const char *source,
			    const char *file, const char *why)
{
	char address[300], reason[500];
	const struct hcl_attr *src = hcl_body_attr(b->body, "source");
	snprintf(address, sizeof(address), "%.100smodule.%.110s%.80s", t->prefix, b->labels[0], t->inst);
	t->file = f;
	t->line = b->line;
	t->column = b->column;
	t->address = address;
	t->name = b->labels[0];
	t->kind = "function";
	t->package_type = NULL;
	if (file)
		snprintf(reason, sizeof(reason), "the module \"%.150s\" was not fully read: %.100s: %.200s", source,
			 file, why);
	else
		snprintf(reason, sizeof(reason), "the module \"%.150s\" was not read: %.200s", source, why);
	emit(t, NULL, f, src ? src->expr : NULL, NULL, reason);
}

/* call_local_module scans the module a `module` block with a local source calls
 * ("./modules/fn"), with the call's inputs as its variables and "module.NAME." before
 * its addresses. The walker scans a folder called so only through its callers. */
static void call_local_module(struct tf *t, struct tf_dir_file *f, const struct hcl_block *b, const char *source)
{
	struct iac_ctx *ctx = t->ctx;
	char *dir = iac_dirname(f->path), *rdir = iac_dirname(f->rel);
	char *mdir = xasprintf("%s%s", dir, source), *mrel = xasprintf("%s%s", rdir, source);
	iac_path_clean(mdir);
	iac_path_clean(mrel);
	char **names = NULL, why[200], real[PATH_MAX];
	if (realpath(mdir, real) && !fsp_may_use(&ctx->fsp, mdir, why, sizeof(why))) {
		module_not_read(t, f, b, source, NULL, why);
		goto out;
	}
	size_t nn = 0, alloc = 0;
	DIR *dp = opendir(mdir);
	struct dirent *de;
	while (dp && (de = readdir(dp))) {
		size_t l = strlen(de->d_name);
		if (l > 3 && !strcmp(de->d_name + l - 3, ".tf")) {
			ALLOC_GROW(names, nn + 1, alloc);
			names[nn++] = xstrdup(de->d_name);
		}
	}
	if (dp)
		closedir(dp);
	if (nn)
		qsort(names, nn, sizeof(*names), cmp_str);
	struct tf_dir_file *files = xcalloc(nn ? nn : 1, sizeof(*files));
	struct tf_src *src = xcalloc(nn ? nn : 1, sizeof(*src));
	size_t nf = 0;
	for (size_t i = 0; i < nn; i++) {
		char msg[256];
		struct tf_dir_file *mf = &files[nf];
		mf->path = xasprintf("%s/%s", mdir, names[i]);
		mf->rel = strcmp(mrel, ".") ? xasprintf("%s/%s", mrel, names[i]) : xstrdup(names[i]);
		if (iac_read_file(&ctx->fsp, mf->path, ctx->opts->max_file, &mf->buf, &mf->len, msg, sizeof(msg)) < 0) {
			module_not_read(t, f, b, source, names[i], msg);
			free(mf->path);
			free(mf->rel);
			continue;
		}
		struct hcl_error err;
		src[nf].file = mf;
		if (hcl_parse_budget(mf->buf, mf->len, &ctx->scan->budget, &src[nf].hcl, &err) < 0)
			src[nf].hcl = NULL;
		nf++;
	}
	char prefix[300];
	snprintf(prefix, sizeof(prefix), "%smodule.%.200s%.80s.", t->prefix, b->labels[0], t->inst);
	struct tf child = {.ctx = ctx, .prefix = prefix, .depth = t->depth + 1, .caller = t,
			   .dir = realpath(mdir, real) ? real : NULL};
	child.call_inst.has_each = t->has_each;
	child.call_inst.each_key = t->each_key;
	child.call_inst.each_value = t->each_value;
	child.call_inst.has_count = t->has_count;
	child.call_inst.count_index = t->count_index;
	bool cycle = false; /* a module that calls itself, directly or not: Terraform refuses it */
	for (struct tf *a = t; a && child.dir; a = a->caller)
		cycle |= a->dir && !strcmp(a->dir, child.dir);
	if (!cycle) {
		declare(&child, src, nf, b->body, t, f, b->labels[0]);
		scan_module(&child, src, nf);
	}
	if (child.rc)
		t->rc = child.rc;
	for (size_t i = 0; i < nf; i++) {
		hcl_file_free(src[i].hcl);
		free(files[i].path);
		free(files[i].rel);
		free(files[i].buf);
	}
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(files);
	free(src);
	free(child.vars);
	free(child.locals);
out:
	free(mdir);
	free(mrel);
	free(dir);
	free(rdir);
}

/* scan_module scans the resources and module calls of a module's parsed files. */
static void scan_module(struct tf *t, struct tf_src *src, size_t n)
{
	for (size_t i = 0; i < n && !t->rc; i++) {
		if (!src[i].hcl || src[i].file->tfvars)
			continue;
		const struct hcl_body *body = hcl_file_body(src[i].hcl);
		for (size_t j = 0; j < body->nblocks && !t->rc; j++) {
			const struct hcl_block *b = &body->blocks[j];
			const struct hcl_attr *source = hcl_body_attr(b->body, "source");
			if (!strcmp(b->type, "module") && b->nlabels == 1 && source && source->expr->kind == HCL_STRING &&
			    (!strncmp(source->expr->str, "./", 2) || !strncmp(source->expr->str, "../", 3))) {
				if (t->depth < MAX_MODULE_DEPTH)
					scan_instances(t, src[i].file, b, source->expr->str);
				continue;
			}
			scan_instances(t, src[i].file, b, NULL);
		}
	}
}

/* parse_src parses a .tf or .tfvars file as HCL, a .tfvars.json file as JSON. */
static int parse_src(struct iac_ctx *ctx, struct tf_src *s, bool quiet)
{
	struct doc_error err;
	if (!(s->file->tfvars && is_json(s->file->rel)))
		return parse(ctx, s->file, &s->hcl, quiet);
	if (!(s->json = doc_parse_json_budget(s->file->buf, s->file->len, &ctx->scan->budget, &err))) {
		if (!quiet)
			iac_error(ctx, s->file->rel, err.line, err.column, "%s", err.message);
		return -1;
	}
	return 0;
}

static void release_src(struct tf_src *s)
{
	hcl_file_free(s->hcl);
	doc_free(s->json);
	for (size_t k = 0; k < s->nowned; k++)
		free(s->owned[k]);
	free(s->owned);
}

void tf_scan_dir(struct iac_ctx *ctx, struct tf_dir_file *files, size_t n)
{
	char real[PATH_MAX], *dir = n ? iac_dirname(files[0].path) : NULL;
	struct tf t = {.ctx = ctx, .prefix = ""};
	size_t nextra = ctx->opts->nvar_files;
	if (dir && realpath(*dir ? dir : ".", real))
		t.dir = real;
	free(dir);
	struct tf_src *src = xcalloc(n ? n : 1, sizeof(*src));
	struct tf_dir_file *extra = xcalloc(nextra + 1, sizeof(*extra));
	struct tf_src *extra_src = xcalloc(nextra + 1, sizeof(*extra_src));

	for (size_t i = 0; i < n; i++) {
		src[i].file = &files[i];
		if (parse_src(ctx, &src[i], false) == 0)
			ctx->iac_files++;
	}
	declare(&t, src, n, NULL, NULL, NULL, NULL);
	/* values: terraform.tfvars(.json), then *.auto.tfvars(.json) by name, then --var-file in order */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if ((src[i].hcl || src[i].json) && files[i].tfvars &&
			    is_terraform_tfvars(files[i].rel) == (pass == 0))
				load_tfvars(&t, &src[i], files[i].rel);
	for (size_t i = 0; i < nextra; i++) {
		char msg[256];
		const char *p = ctx->opts->var_files[i];
		extra[i] = (struct tf_dir_file){(char *)p, (char *)p, NULL, 0, true};
		extra_src[i].file = &extra[i];
		if (iac_read_file(NULL, p, ctx->opts->max_file, &extra[i].buf, &extra[i].len, msg, sizeof(msg)) < 0) {
			if (!ctx->var_files_read)
				iac_error(ctx, p, 0, 0, "%s", msg);
		} else if (parse_src(ctx, &extra_src[i], ctx->var_files_read) == 0) {
			load_tfvars(&t, &extra_src[i], p);
		}
	}
	ctx->var_files_read = true; /* a bad --var-file is one error, not one per folder */
	scan_module(&t, src, n);
	for (size_t i = 0; i < nextra; i++) {
		release_src(&extra_src[i]);
		free(extra[i].buf);
	}
	for (size_t i = 0; i < n; i++)
		release_src(&src[i]);
	free(extra);
	free(extra_src);
	free(src);
	free(t.vars);
	free(t.locals);
}

size_t tf_local_sources(const char *buf, size_t len, char ***out)
{
	struct hcl_file *f;
	size_t n = 0, alloc = 0;
	*out = NULL;
	if (!memmem(buf, len, "\"./", 3) && !memmem(buf, len, "\"../", 4))
		return 0; /* no local source: skip the parse */
	if (hcl_parse(buf, len, &f, NULL) < 0)
		return 0;
	const struct hcl_body *body = hcl_file_body(f);
	for (size_t j = 0; j < body->nblocks; j++) {
		const struct hcl_block *b = &body->blocks[j];
		const struct hcl_attr *src = hcl_body_attr(b->body, "source");
		if (strcmp(b->type, "module") || b->nlabels != 1 || !src || src->expr->kind != HCL_STRING ||
		    (strncmp(src->expr->str, "./", 2) && strncmp(src->expr->str, "../", 3)))
			continue;
		ALLOC_GROW(*out, n + 1, alloc);
		(*out)[n++] = xstrdup(src->expr->str);
	}
	hcl_file_free(f);
	return n;
}
