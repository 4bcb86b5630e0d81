/* cfn: CloudFormation, SAM and CDK templates (YAML or JSON). Functions
 * (AWS::Lambda::Function, AWS::Serverless::Function with Globals and IgnoreGlobals) and
 * layers (CompatibleRuntimes) are found; their values are followed through Ref to a
 * Parameter (Default and every AllowedValues entry), Fn::If (both branches),
 * Fn::FindInMap over Mappings and Fn::Sub (its ${Name} variables resolved like Ref, or from
 * the variable map of the list form; every combination is a value). Anything else is
 * reported as unknown with the expression in the reason. cfn_scan_resources scans the
 * Resources of a block written elsewhere (a serverless.yml's resources). */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iac/iac.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_RESOLVE_DEPTH 8
#define MAX_VALUES 1000 /* values one resource may take (If x AllowedValues x aliases multiply) */
#define SAM_TRANSFORM "AWS::Serverless-2016-10-31"

/* One value an expression takes, gathered (not emitted) while Fn::Sub resolves a variable. */
struct cval {
	char *value; /* NULL when unresolved */
	char *via;
	char *reason;
};

struct collect {
	struct cval *v;
	size_t n, alloc;
};

struct cfn {
	struct iac_ctx *ctx;
	const struct iac_file *f;
	const struct doc_node *root, *params, *mappings;
	const char *source; /* "cloudformation", "sam" or "cdk" */
	bool generated;
	/* the resource being scanned */
	const char *logical_id;
	const char *kind;
	const char *package_type;
	struct {
		const struct doc_node *at;
		size_t start;
		char *value; /* values built by Fn::Sub share one place: told apart by text */
	} seen[MAX_VALUES]; /* the values emitted for this resource (by where they are written) */
	size_t nseen;
	bool capped;
	struct budget_file alt; /* findings from further values of a resource, this template */
	struct collect *collect; /* non-NULL: values are gathered here instead of emitted */
	const struct doc_node *resource_key, *runtime_key; /* for inline suppressions */
	const struct doc_node *resource;
	int rc;
};

static void seen_reset(struct cfn *c)
{
	for (size_t i = 0; i < c->nseen; i++)
		free(c->seen[i].value);
	c->nseen = 0;
	c->capped = false;
}

static bool has(const struct iac_file *f, const char *s)
{
	return memmem(f->buf, f->len, s, strlen(s)) != NULL;
}

static bool cdk_template(const struct iac_file *f)
{
	size_t l = strlen(f->name);
	return l > 14 && !strcmp(f->name + l - 14, ".template.json") &&
	       (strstr(f->rel, "cdk.out/") || strstr(f->path, "cdk.out/"));
}

int cfn_sniff(const struct iac_file *f)
{
	if (cdk_template(f))
		return 2;
	const char *dot = strrchr(f->name, '.');
	bool named = dot && (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml") || !strcasecmp(dot, ".json") ||
			     !strcasecmp(dot, ".template") || !strcasecmp(dot, ".cfn"));
	/* without a template's name (a script, a note, a Makefile), a file is a template only if
	 * it parses as one: no error otherwise */
	if ((has(f, "AWSTemplateFormatVersion") || has(f, SAM_TRANSFORM)))
		return named ? 2 : 1;
	if (!has(f, "Resources") || !has(f, "AWS::"))
		return 0;
	if (!named)
		return 1;
	/* a resource typed the way templates write it is strong evidence */
	return has(f, "Type: AWS::") || has(f, "Type: 'AWS::") || has(f, "Type: \"AWS::") || has(f, "\"Type\": \"AWS::") ||
		       has(f, "\"Type\":\"AWS::")
		       ? 2
		       : 1;
}

/* render writes a compact JSON-like form of an expression for a reason, cut at n. */
static void render(const struct doc_node *n, char *buf, size_t cap, int depth)
{
	size_t o = strlen(buf);
	if (o + 8 >= cap)
		return;
	if (!n || depth > 6) {
		snprintf(buf + o, cap - o, "...");
		return;
	}
	if (n->type == DOC_SCALAR) {
		snprintf(buf + o, cap - o, n->quoted ? "\"%s\"" : "%s", n->null ? "null" : n->str);
		return;
	}
	bool map = n->type == DOC_MAP;
	snprintf(buf + o, cap - o, map ? "{" : "[");
	for (size_t i = 0; i < n->n && strlen(buf) + 8 < cap; i++) {
		if (i)
			strncat(buf, ", ", cap - strlen(buf) - 1);
		if (map) {
			render(n->keys[i], buf, cap, depth + 1);
			strncat(buf, ": ", cap - strlen(buf) - 1);
		}
		render(n->vals[i], buf, cap, depth + 1);
	}
	strncat(buf, map ? "}" : "]", cap - strlen(buf) - 1);
}

static void join_via(char *out, size_t n, const char *a, const char *b)
{
	if (a && *a && b && *b)
		snprintf(out, n, "%s, %s", a, b);
	else
		snprintf(out, n, "%s", a && *a ? a : b ? b : "");
}

/* key_of is the key node of `name` in a map, or NULL. */
static const struct doc_node *key_of(const struct doc_node *map, const char *name)
{
	for (size_t i = 0; map && map->type == DOC_MAP && i < map->n; i++)
		if (doc_str(map->keys[i]) && !strcmp(map->keys[i]->str, name))
			return map->keys[i];
	return NULL;
}

/* suppressed is the reason of an inline suppression of the current resource: its
 * Metadata.sunset.ignore, or a sunset:ignore comment before the resource, its runtime
 * key, or the value. */
static const char *suppressed(struct cfn *c, const struct doc_node *at, char *out, size_t n)
{
	const struct doc_node *md = doc_get_path(c->resource, "Metadata.sunset");
	if (md) {
		const struct doc_node *ig = doc_get(md, "ignore");
		const struct doc_node *where = ig ? ig : md;
		return iac_ignore_check(c->ctx, c->f->rel, where->line, where->column, doc_str(doc_get(ig, "reason")),
					doc_str(doc_get(ig, "expires")), out, n);
	}
	long lines[3] = {c->resource_key ? c->resource_key->line : 0, c->runtime_key ? c->runtime_key->line : 0,
			 at ? at->line : 0};
	for (int i = 0; i < 3; i++) {
		if (!lines[i] || (i && lines[i] == lines[i - 1]) || (i == 2 && lines[2] == lines[0]))
			continue;
		const char *r = iac_ignore_comment(c->ctx, c->f->rel, c->f->buf, c->f->len, lines[i], out, n);
		if (r)
			return r;
	}
	return NULL;
}

/* emit hands one resolved value (or an unresolved one, value NULL and a reason) to the scan. */
static void emit(struct cfn *c, const char *value, const struct doc_node *at, size_t sub_start, size_t sub_len,
		 const char *via, const char *reason)
{
	if (c->collect) {
		if (c->collect->n >= MAX_VALUES)
			return;
		ALLOC_GROW(c->collect->v, c->collect->n + 1, c->collect->alloc);
		struct cval *cv = &c->collect->v[c->collect->n++];
		cv->value = value ? xstrdup(value) : NULL;
		cv->via = xstrdup(via ? via : "");
		cv->reason = reason ? xstrdup(reason) : NULL;
		return;
	}
	/* YAML aliases and nested Fn::If over long AllowedValues can reach one written value
	 * many times, or very many values: say each once (by the first path to it), and stop
	 * at MAX_VALUES */
	if (c->capped || (c->nseen && c->alt.spent))
		return;
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i].at == at && c->seen[i].start == sub_start &&
		    !strcmp(c->seen[i].value ? c->seen[i].value : "", value ? value : ""))
			return;
	/* a second and further value of one resource (AllowedValues, both branches of Fn::If,
	 * mappings) counts against the budget for the file and the scan: past it, each
	 * resource keeps its first value and the file gets one error */
	if (c->nseen) {
		struct budget *b = &c->ctx->scan->budget;
		enum budget_alt ba = budget_alt(b, &c->alt);
		if (ba == BUDGET_ALT_FILE_SPENT)
			iac_error(c->ctx, c->f->rel, at ? at->line : 0, at ? at->column : 0,
				  "more than %zu findings from alternative values (AllowedValues, Fn::If, mappings) in "
				  "this file; the rest are not reported, each resource keeps its first value",
				  b->alt_per_file);
		else if (ba == BUDGET_ALT_SCAN_SPENT)
			iac_error(c->ctx, c->f->rel, at ? at->line : 0, at ? at->column : 0,
				  "more than %zu findings from alternative values (AllowedValues, Fn::If, mappings) in "
				  "this scan; from here on, each resource keeps its first value",
				  b->alt_per_scan);
		if (ba != BUDGET_ALT_OK)
			return;
	}
	if (c->nseen == MAX_VALUES) {
		c->capped = true;
		value = NULL;
		reason = "the runtime takes more than 1000 values; the rest are not listed";
	} else {
		c->seen[c->nseen].at = at;
		c->seen[c->nseen].value = value ? xstrdup(value) : NULL;
		c->seen[c->nseen++].start = sub_start;
	}
	struct iac_origin o;
	iac_origin_of(&o, c->f, at);
	o.generated = c->generated || c->f->template_source;
	char why_text[300];
	if (value && (strstr(value, "{{") || strstr(value, "{%"))) { /* template text left as written */
		snprintf(why_text, sizeof(why_text),
			 "the runtime is the template text \"%.200s\", filled in when the project is generated", value);
		value = NULL;
		reason = why_text;
	}
	long column = at ? at->column : 0;
	if (sub_len) { /* one item of a comma-separated default: point at the item */
		o.start += sub_start;
		o.end = o.start + sub_len;
		column += (long)sub_start + (at->quoted ? 1 : 0);
	}
	if (!iac_once(c->ctx, &o, c->logical_id, value))
		return;
	char why_suppressed[300];
	const char *suppress = suppressed(c, at, why_suppressed, sizeof(why_suppressed));
	struct resource r = {
		.source = c->source,
		.kind = c->kind,
		.resource = c->logical_id,
		.function = c->logical_id,
		.file = c->f->rel,
		.line = at ? at->line : 0,
		.column = column,
		.runtime = value,
		.package_type = c->package_type,
		.via = via && *via ? via : NULL,
		.reason = reason,
		.suppress = suppress,
	};
	if (iac_emit(c->ctx, &r, &o) < 0)
		c->rc = -1;
}

static void unresolved(struct cfn *c, const struct doc_node *n, const char *via, const char *why)
{
	char expr[160] = "", reason[400];
	render(n, expr, sizeof(expr), 0);
	snprintf(reason, sizeof(reason), "%s%s%s", why ? why : "the runtime is the expression ", why ? "" : expr,
		 why ? "" : ", which sunset cannot resolve");
	emit(c, NULL, n, 0, 0, via, reason);
}

/* emit_list emits each comma-separated item of a list parameter's default. */
static void emit_list(struct cfn *c, const struct doc_node *def, const char *via)
{
	const char *s = def->str;
	while (*s) {
		size_t l = strcspn(s, ",");
		size_t a = 0, b = l;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (b > a) {
			char *item = xstrndup(s + a, b - a);
			emit(c, item, def, (size_t)(s - def->str) + a, def->in_place ? b - a : 0, via, NULL);
			free(item);
		}
		s += l + (s[l] == ',');
	}
}

static void resolve(struct cfn *c, const struct doc_node *n, const char *via, int depth, bool list);

static void resolve_ref(struct cfn *c, const struct doc_node *n, const char *name, const char *via, bool list)
{
	const struct doc_node *p = doc_get(c->params, name);
	char v[400], why[400];
	if (!p) {
		snprintf(why, sizeof(why), "the runtime is Ref %s, %s", name,
			 !strncmp(name, "AWS::", 5) ? "a pseudo parameter" : "which is not a parameter of this template");
		unresolved(c, n, via, why);
		return;
	}
	const char *type = doc_str(doc_get(p, "Type"));
	bool is_list = list && type && (!strcmp(type, "CommaDelimitedList") || !strncmp(type, "List<", 5));
	const struct doc_node *def = doc_get(p, "Default"), *allowed = doc_get(p, "AllowedValues");
	bool any = false;
	if (doc_str(def)) {
		char self[300];
		snprintf(self, sizeof(self), "parameter %s default", name);
		join_via(v, sizeof(v), via, self);
		if (is_list)
			emit_list(c, def, v);
		else
			emit(c, def->str, def, 0, 0, v, NULL);
		any = true;
	}
	if (allowed && allowed->type == DOC_SEQ) {
		char self[300];
		snprintf(self, sizeof(self), "parameter %s allowed value", name);
		join_via(v, sizeof(v), via, self);
		for (size_t i = 0; i < allowed->n; i++)
			if (doc_str(allowed->vals[i])) {
				emit(c, allowed->vals[i]->str, allowed->vals[i], 0, 0, v, NULL);
				any = true;
			}
	}
	if (!any) {
		snprintf(why, sizeof(why),
			 "the runtime is Ref %s, a parameter with no Default or AllowedValues: it is chosen at deploy time",
			 name);
		unresolved(c, n, via, why);
	}
}

/* each_key calls back for the keys of `map` that `key` selects: the literal one, or all
 * when `key` is an expression (Ref AWS::Region, ...). */
static void find_in_map(struct cfn *c, const struct doc_node *n, const struct doc_node *args, const char *via)
{
	const char *mname = doc_str(args->n >= 3 ? args->vals[0] : NULL);
	const struct doc_node *m = doc_get(c->mappings, mname ? mname : "");
	if (!m || m->type != DOC_MAP) {
		unresolved(c, n, via, NULL);
		return;
	}
	const char *k1 = doc_str(args->vals[1]), *k2 = doc_str(args->vals[2]);
	bool found = false;
	for (size_t i = 0; i < m->n; i++) {
		if (k1 && strcmp(doc_str(m->keys[i]) ? m->keys[i]->str : "", k1))
			continue;
		const struct doc_node *inner = m->vals[i];
		if (!inner || inner->type != DOC_MAP)
			continue;
		for (size_t j = 0; j < inner->n; j++) {
			if (k2 && strcmp(doc_str(inner->keys[j]) ? inner->keys[j]->str : "", k2))
				continue;
			if (!doc_str(inner->vals[j]))
				continue;
			char self[300], v[400];
			snprintf(self, sizeof(self), "mapping %.90s.%.90s.%.90s", mname,
				 doc_str(m->keys[i]) ? m->keys[i]->str : "?", doc_str(inner->keys[j]) ? inner->keys[j]->str : "?");
			join_via(v, sizeof(v), via, self);
			emit(c, inner->vals[j]->str, inner->vals[j], 0, 0, v, NULL);
			found = true;
		}
	}
	if (!found)
		unresolved(c, n, via, NULL);
}

/* join_literal is the value of Fn::Join [delimiter, [parts]] when every part is a
 * constant (the caller frees it), else NULL. */
static char *join_literal(const struct doc_node *arg)
{
	if (!arg || arg->type != DOC_SEQ || arg->n != 2 || !doc_str(arg->vals[0]) || arg->vals[1]->type != DOC_SEQ)
		return NULL;
	const struct doc_node *parts = arg->vals[1];
	size_t len = 1;
	for (size_t i = 0; i < parts->n; i++) {
		if (!doc_str(parts->vals[i]))
			return NULL;
		len += parts->vals[i]->len + arg->vals[0]->len;
	}
	if (len > 256)
		return NULL;
	char *out = xmalloc(len);
	out[0] = '\0';
	for (size_t i = 0; i < parts->n; i++) {
		if (i)
			strcat(out, arg->vals[0]->str);
		strcat(out, parts->vals[i]->str);
	}
	return out;
}

#define MAX_SUB_VARS 8

static void collect_free(struct collect *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].value);
		free(k->v[i].via);
		free(k->v[i].reason);
	}
	free(k->v);
}

/* sub_values gathers the values of variable `name` of an Fn::Sub: from the list form's
 * variable map, else a parameter (Default and AllowedValues, as Ref). */
static void sub_values(struct cfn *c, const struct doc_node *n, const char *name, const struct doc_node *vars,
		       int depth, struct collect *out)
{
	struct collect *saved = c->collect;
	const struct doc_node *v = doc_get(vars, name);
	c->collect = out;
	if (v) {
		char self[160];
		snprintf(self, sizeof(self), "variable %.100s", name);
		resolve(c, v, self, depth + 1, false);
	} else if (doc_get(c->params, name)) {
		resolve_ref(c, n, name, NULL, false);
	} else {
		char why[300];
		snprintf(why, sizeof(why), "${%.100s} is %s", name,
			 strchr(name, '.')    ? "an attribute known only after deployment"
			 : !strncmp(name, "AWS::", 5) ? "a pseudo parameter"
						      : "neither a variable of the Fn::Sub nor a parameter of this template");
		emit(c, NULL, n, 0, 0, NULL, why);
	}
	c->collect = saved;
}

/* resolve_sub resolves Fn::Sub "text ${Var} text" or ["text ${v}", {v: ...}]: every
 * combination of its variables' values is a value, built (so not rewritable in place). */
static void resolve_sub(struct cfn *c, const struct doc_node *n, const struct doc_node *arg, const char *via,
			int depth)
{
	const struct doc_node *tmpl = arg, *vars = NULL;
	if (arg && arg->type == DOC_SEQ && arg->n == 2 && doc_str(arg->vals[0]) && arg->vals[1] &&
	    arg->vals[1]->type == DOC_MAP) {
		tmpl = arg->vals[0];
		vars = arg->vals[1];
	}
	if (!doc_str(tmpl)) {
		unresolved(c, n, via, NULL);
		return;
	}
	/* split into literal text and variables: lit[0] var[0] lit[1] ... var[nv-1] lit[nv] */
	struct strbuf lit[MAX_SUB_VARS + 1];
	char *var[MAX_SUB_VARS];
	struct collect vals[MAX_SUB_VARS];
	size_t nv = 0;
	char v[400];
	for (size_t i = 0; i <= MAX_SUB_VARS; i++)
		lit[i] = (struct strbuf)STRBUF_INIT;
	memset(vals, 0, sizeof(vals));
	const char *p = tmpl->str;
	bool too_many = false;
	while (*p) {
		const char *close = p[0] == '$' && p[1] == '{' ? strchr(p + 2, '}') : NULL;
		if (!close) {
			sb_add(&lit[nv], p, 1);
			p++;
			continue;
		}
		if (p[2] == '!') { /* ${!Literal} is the text ${Literal} */
			sb_adds(&lit[nv], "${");
			sb_add(&lit[nv], p + 3, (size_t)(close - p - 3));
			sb_adds(&lit[nv], "}");
		} else if (nv == MAX_SUB_VARS) {
			too_many = true;
			break;
		} else {
			size_t a = 2, b = (size_t)(close - p);
			while (a < b && p[a] == ' ')
				a++;
			while (b > a && p[b - 1] == ' ')
				b--;
			var[nv++] = xstrndup(p + a, b - a);
		}
		p = close + 1;
	}
	if (too_many) {
		unresolved(c, n, via, "the runtime is an Fn::Sub with more variables than sunset combines");
	} else if (nv == 1 && !lit[0].len && !lit[1].len && !c->collect &&
		   (doc_get(vars, var[0]) || doc_get(c->params, var[0]))) {
		/* "${Var}" alone is the variable itself: located where its value is written */
		join_via(v, sizeof(v), via, "Fn::Sub");
		if (doc_get(vars, var[0]))
			resolve(c, doc_get(vars, var[0]), v, depth + 1, false);
		else
			resolve_ref(c, n, var[0], v, false);
	} else {
		size_t idx[MAX_SUB_VARS] = {0};
		bool none = false;
		for (size_t k = 0; k < nv; k++) {
			sub_values(c, n, var[k], vars, depth, &vals[k]);
			none |= !vals[k].n;
		}
		struct doc_node at = *tmpl; /* built: located at the template text, not rewritable */
		at.in_place = false;
		for (size_t count = 0; !none && count < MAX_VALUES + 1; count++) {
			struct strbuf val = STRBUF_INIT, vv = STRBUF_INIT;
			const char *why = NULL;
			sb_adds(&val, lit[0].len ? lit[0].buf : "");
			for (size_t k = 0; k < nv; k++) {
				const struct cval *cv = &vals[k].v[idx[k]];
				if (!cv->value && !why)
					why = cv->reason;
				sb_adds(&val, cv->value ? cv->value : "");
				sb_adds(&val, lit[k + 1].len ? lit[k + 1].buf : "");
				if (*cv->via) {
					sb_adds(&vv, vv.len ? ", " : "");
					sb_adds(&vv, cv->via);
				}
			}
			char self[300], reason[500];
			snprintf(self, sizeof(self), "Fn::Sub%s%.280s", vv.len ? ", " : "", vv.len ? vv.buf : "");
			join_via(v, sizeof(v), via, self);
			if (why) {
				snprintf(reason, sizeof(reason), "the runtime is Fn::Sub \"%.150s\", and %.300s", tmpl->str,
					 why);
				emit(c, NULL, &at, 0, 0, v, reason);
			} else {
				emit(c, val.buf, &at, 0, 0, v, NULL);
			}
			sb_release(&val);
			sb_release(&vv);
			size_t k = 0; /* next combination */
			while (k < nv && ++idx[k] == vals[k].n)
				idx[k++] = 0;
			if (k == nv)
				break;
		}
	}
	for (size_t k = 0; k < nv; k++) {
		free(var[k]);
		collect_free(&vals[k]);
	}
	for (size_t i = 0; i <= MAX_SUB_VARS; i++)
		sb_release(&lit[i]);
}

static void resolve(struct cfn *c, const struct doc_node *n, const char *via, int depth, bool list)
{
	const char *fn = doc_one_key(n);
	if (!n)
		return;
	if (depth > MAX_RESOLVE_DEPTH) {
		unresolved(c, n, via, "the runtime expression nests too deeply to resolve");
		return;
	}
	if (n->type == DOC_SCALAR) {
		if (n->null)
			unresolved(c, n, via, "the runtime is null");
		else
			emit(c, n->str, n, 0, 0, via, NULL);
		return;
	}
	if (list && n->type == DOC_SEQ) {
		for (size_t i = 0; i < n->n; i++)
			resolve(c, n->vals[i], via, depth + 1, false);
		return;
	}
	const struct doc_node *arg = fn ? n->vals[0] : NULL;
	char *joined = fn && !strcmp(fn, "Fn::Join") ? join_literal(arg) : NULL;
	if (fn && !strcmp(fn, "Ref") && doc_str(arg)) {
		if (!strcmp(arg->str, "AWS::NoValue"))
			return;
		resolve_ref(c, n, arg->str, via, list);
	} else if (fn && !strcmp(fn, "Fn::If") && arg->type == DOC_SEQ && arg->n == 3) {
		char v[400], self[200];
		const char *cond = doc_str(arg->vals[0]) ? arg->vals[0]->str : "?";
		for (int b = 1; b <= 2; b++) {
			snprintf(self, sizeof(self), "Fn::If %s %s", cond, b == 1 ? "true" : "false");
			join_via(v, sizeof(v), via, self);
			resolve(c, arg->vals[b], v, depth + 1, list);
		}
	} else if (fn && !strcmp(fn, "Fn::FindInMap") && arg->type == DOC_SEQ && arg->n >= 3) {
		find_in_map(c, n, arg, via);
	} else if (fn && !strcmp(fn, "Fn::Sub") && doc_str(arg) && !strstr(arg->str, "${")) {
		emit(c, arg->str, arg, 0, 0, via, NULL);
	} else if (fn && !strcmp(fn, "Fn::Sub")) {
		resolve_sub(c, n, arg, via, depth);
	} else if (fn && !strcmp(fn, "Fn::Select") && arg->type == DOC_SEQ && arg->n == 2 && doc_str(arg->vals[0]) &&
		   arg->vals[1]->type == DOC_SEQ && strspn(arg->vals[0]->str, "0123456789") == arg->vals[0]->len &&
		   arg->vals[0]->len && arg->vals[0]->len < 6 && (size_t)atoi(arg->vals[0]->str) < arg->vals[1]->n) {
		resolve(c, arg->vals[1]->vals[atoi(arg->vals[0]->str)], via, depth + 1, list);
	} else if (joined) {
		struct doc_node at = *n; /* built from parts: located at the expression, not rewritable */
		at.in_place = false;
		emit(c, joined, &at, 0, 0, via, NULL);
	} else {
		unresolved(c, n, via, NULL);
	}
	free(joined);
}

static bool listed(const struct doc_node *n, const char *what)
{
	const char *s = doc_str(n);
	if (s)
		return !strcmp(s, "*") || !strcmp(s, what);
	if (n && n->type == DOC_SEQ)
		for (size_t i = 0; i < n->n; i++)
			if (doc_str(n->vals[i]) && (!strcmp(n->vals[i]->str, "*") || !strcmp(n->vals[i]->str, what)))
				return true;
	return false;
}

static bool is_image(const struct doc_node *props)
{
	const char *pt = doc_str(doc_get(props, "PackageType"));
	return (pt && !strcmp(pt, "Image")) || doc_get(props, "ImageUri") || doc_get_path(props, "Code.ImageUri");
}

static void scan_function(struct cfn *c, const struct doc_node *key, const struct doc_node *resource, bool sam)
{
	const struct doc_node *globals = sam ? doc_get_path(c->root, "Globals.Function") : NULL;
	const struct doc_node *props = doc_get(resource, "Properties");
	const struct doc_node *rt = doc_get(props, "Runtime");
	/* IgnoreGlobals is a resource attribute beside Type (also accepted under Properties) */
	bool ignore = listed(doc_get(resource, "IgnoreGlobals"), "Runtime") ||
		      listed(doc_get(props, "IgnoreGlobals"), "Runtime");
	static const char *const prop_keys[] = {"Runtime", "PackageType", "ImageUri", "Code", NULL};
	static const char *const res_keys[] = {"Type", "Properties", "Metadata", "IgnoreGlobals", NULL};
	iac_warn_miscased(c->ctx, c->f, props, prop_keys);
	iac_warn_miscased(c->ctx, c->f, resource, res_keys);
	if (globals)
		iac_warn_miscased(c->ctx, c->f, globals, prop_keys);
	c->kind = "function";
	c->runtime_key = rt ? key_of(props, "Runtime") : key_of(globals, "Runtime");
	c->package_type = is_image(props) || (!ignore && !doc_get(props, "PackageType") && is_image(globals)) ? "Image"
														       : NULL;
	if (rt) {
		resolve(c, rt, NULL, 0, false);
	} else if (globals && !ignore && doc_get(globals, "Runtime")) {
		resolve(c, doc_get(globals, "Runtime"), "Globals.Function.Runtime", 0, false);
	} else if (c->package_type) {
		emit(c, NULL, key, 0, 0, NULL, NULL);
	} else {
		unresolved(c, key, NULL,
			   ignore ? "the function sets no Runtime and ignores Globals" : "the function sets no Runtime");
	}
}

static void scan_layer(struct cfn *c, const struct doc_node *props)
{
	const struct doc_node *rts = doc_get(props, "CompatibleRuntimes");
	static const char *const layer_keys[] = {"CompatibleRuntimes", NULL};
	iac_warn_miscased(c->ctx, c->f, props, layer_keys);
	c->kind = "layer";
	c->runtime_key = key_of(props, "CompatibleRuntimes");
	c->package_type = NULL;
	if (rts)
		resolve(c, rts, NULL, 0, true);
}

static bool transform_is_sam(const struct doc_node *t)
{
	if (doc_str(t))
		return !strcmp(t->str, SAM_TRANSFORM);
	if (t && t->type == DOC_SEQ)
		for (size_t i = 0; i < t->n; i++)
			if (doc_str(t->vals[i]) && !strcmp(t->vals[i]->str, SAM_TRANSFORM))
				return true;
	return false;
}

/* is_template: a map with a Resources map of typed resources, or a format version. */
static bool is_template(const struct doc_node *root)
{
	const struct doc_node *res = doc_get(root, "Resources");
	if (!root || root->type != DOC_MAP)
		return false;
	if (doc_get(root, "AWSTemplateFormatVersion"))
		return true;
	if (!res || res->type != DOC_MAP)
		return false;
	for (size_t i = 0; i < res->n; i++) {
		const char *t = doc_str(doc_get(res->vals[i], "Type"));
		if (t && strstr(t, "::"))
			return true;
	}
	return false;
}

/* scan_doc scans the Resources of a parsed template (source NULL: told by the file). */
static int scan_doc(struct iac_ctx *ctx, const struct iac_file *f, const struct doc_node *root, const char *source)
{
	struct cfn c = {.ctx = ctx, .f = f, .root = root};
	bool sam = transform_is_sam(doc_get(root, "Transform"));
	c.params = doc_get(root, "Parameters");
	c.mappings = doc_get(root, "Mappings");
	c.generated = cdk_template(f);
	c.source = source ? source : c.generated ? "cdk" : sam ? "sam" : "cloudformation";
	const struct doc_node *res = doc_get(root, "Resources");
	for (size_t i = 0; res && res->type == DOC_MAP && i < res->n && !c.rc; i++) {
		const char *type = doc_str(doc_get(res->vals[i], "Type"));
		const struct doc_node *props = doc_get(res->vals[i], "Properties");
		c.logical_id = doc_str(res->keys[i]) ? res->keys[i]->str : "?";
		c.resource_key = res->keys[i];
		c.resource = res->vals[i];
		c.runtime_key = NULL;
		seen_reset(&c);
		if (!type)
			continue;
		if (!strcmp(type, "AWS::Lambda::Function"))
			scan_function(&c, res->keys[i], res->vals[i], false);
		else if (!strcmp(type, "AWS::Serverless::Function"))
			scan_function(&c, res->keys[i], res->vals[i], true);
		else if (!strcmp(type, "AWS::Lambda::LayerVersion") || !strcmp(type, "AWS::Serverless::LayerVersion"))
			scan_layer(&c, props);
	}
	seen_reset(&c);
	return c.rc;
}

int cfn_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure)
{
	struct doc *d = iac_load_doc(ctx, f, sure); /* not sure: prose or other YAML, silently */
	if (!d)
		return sure ? -1 : 0;
	int rc = 0;
	if (is_template(doc_root(d)))
		rc = scan_doc(ctx, f, doc_root(d), NULL) < 0 ? -1 : 1;
	doc_free(d);
	return rc;
}

int cfn_scan_resources(struct iac_ctx *ctx, const struct iac_file *f, const struct doc_node *block, const char *source)
{
	if (!block || block->type != DOC_MAP)
		return 0;
	return scan_doc(ctx, f, block, source);
}
