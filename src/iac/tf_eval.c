/* tf_eval: Terraform's expression language as `terraform console` evaluates it on a
 * folder's variables and locals: values, references, index and attribute steps, for
 * expressions, operators and a table of functions. Unknown spreads; an error (what
 * Terraform would reject) is an unknown that try() and can() catch. Every evaluation is
 * bounded by steps, values built and depth, so hostile input ends as unknown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "iac/tf_eval.h"
#include "util/xalloc.h"

#define MAX_EVAL_DEPTH 48
#define MAX_STR (64 * 1024) /* a string built longer than this is unknown */

/* a name bound by a for expression */
struct frame {
	const char *name;
	const struct tf_value *v;
	const struct frame *up;
};

struct ev {
	struct tf_eval_env *env;
	const void *scope;
	const char *buf;
	const void *file;
	const struct frame *fr;
	int depth;
	const struct tf_eval_env *inst; /* where each.* and count.index come from */
};

static void eval(const struct ev *c, const struct hcl_expr *e, struct tf_value *out);

/* ---- values ---- */

void tf_value_free(struct tf_value *v)
{
	if (!v)
		return;
	free(v->str);
	for (size_t i = 0; i < v->count; i++) {
		if (v->items)
			tf_value_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	memset(v, 0, sizeof(*v));
}

static void set_error(struct tf_value *v)
{
	tf_value_free(v);
	v->error = true;
}

static void set_unknown(struct tf_value *v) { tf_value_free(v); }

static bool budget(const struct ev *c, size_t n)
{
	c->env->cells += (long)n;
	return c->env->cells <= TF_EVAL_MAX_CELLS;
}

static void set_str_n(struct tf_value *v, const char *s, size_t n)
{
	tf_value_free(v);
	if (n > MAX_STR)
		return;
	v->type = TV_STR;
	v->str = xmalloc(n + 1);
	memcpy(v->str, s, n);
	v->str[n] = '\0';
}

static void set_str(struct tf_value *v, const char *s) { set_str_n(v, s, strlen(s)); }

static void set_num(struct tf_value *v, double d)
{
	tf_value_free(v);
	v->type = TV_NUM;
	v->num = d;
}

static void set_bool(struct tf_value *v, bool b)
{
	tf_value_free(v);
	v->type = TV_BOOL;
	v->b = b;
}

static void copy(struct tf_value *dst, const struct tf_value *src)
{
	*dst = *src;
	dst->str = src->str ? xstrdup(src->str) : NULL;
	dst->items = NULL;
	dst->keys = NULL;
	if (src->count) {
		dst->items = xcalloc(src->count, sizeof(*dst->items));
		for (size_t i = 0; i < src->count; i++)
			copy(&dst->items[i], &src->items[i]);
		if (src->keys) {
			dst->keys = xcalloc(src->count, sizeof(*dst->keys));
			for (size_t i = 0; i < src->count; i++)
				dst->keys[i] = xstrdup(src->keys[i]);
		}
	}
}

/* cells counts the values in v, itself included. */
static size_t cells(const struct tf_value *v)
{
	size_t n = 1;
	for (size_t i = 0; i < v->count; i++)
		n += cells(&v->items[i]);
	return n;
}

/* copy_counted copies src into dst within the env's budget of values (unknown beyond). */
static void copy_counted(const struct ev *c, struct tf_value *dst, const struct tf_value *src)
{
	if (!budget(c, cells(src))) {
		memset(dst, 0, sizeof(*dst));
		return;
	}
	copy(dst, src);
}

static bool has_unknown(const struct tf_value *v)
{
	if (v->type == TV_UNKNOWN)
		return true;
	for (size_t i = 0; i < v->count; i++)
		if (has_unknown(&v->items[i]))
			return true;
	return false;
}

static bool has_error(const struct tf_value *v)
{
	if (v->type == TV_UNKNOWN)
		return v->error;
	for (size_t i = 0; i < v->count; i++)
		if (has_error(&v->items[i]))
			return true;
	return false;
}

/* a collection under construction */
struct coll {
	struct tf_value *items;
	char **keys;
	size_t n, alloc;
};

/* push moves *v (and key, copied, for maps) into the collection. */
static void push(struct coll *cl, const char *key, struct tf_value *v)
{
	ALLOC_GROW(cl->items, cl->n + 1, cl->alloc);
	if (key) {
		cl->keys = xrealloc(cl->keys, cl->alloc * sizeof(*cl->keys));
		cl->keys[cl->n] = xstrdup(key);
	}
	cl->items[cl->n++] = *v;
	memset(v, 0, sizeof(*v));
}

static void coll_free(struct coll *cl)
{
	for (size_t i = 0; i < cl->n; i++) {
		tf_value_free(&cl->items[i]);
		if (cl->keys)
			free(cl->keys[i]);
	}
	free(cl->items);
	free(cl->keys);
	memset(cl, 0, sizeof(*cl));
}

static int cmp_value(const struct tf_value *a, const struct tf_value *b);

struct pair {
	char *key;
	struct tf_value v;
	size_t at;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	int r = strcmp(a->key, b->key);
	return r ? r : (a->at < b->at ? -1 : 1);
}

/* finish_map sorts by key; of equal keys the last pushed wins (merge) or, when `dup` is
 * set, the map is an error (an object written with one key twice). */
static void finish_map(struct coll *cl, struct tf_value *out, bool dup)
{
	struct pair *p = xcalloc(cl->n ? cl->n : 1, sizeof(*p));
	for (size_t i = 0; i < cl->n; i++)
		p[i] = (struct pair){cl->keys[i], cl->items[i], i};
	qsort(p, cl->n, sizeof(*p), cmp_pair);
	tf_value_free(out);
	out->type = TV_MAP;
	out->items = xcalloc(cl->n ? cl->n : 1, sizeof(*out->items));
	out->keys = xcalloc(cl->n ? cl->n : 1, sizeof(*out->keys));
	bool bad = false;
	for (size_t i = 0; i < cl->n; i++) {
		if (i + 1 < cl->n && !strcmp(p[i].key, p[i + 1].key)) {
			bad |= dup;
			free(p[i].key);
			tf_value_free(&p[i].v);
			continue;
		}
		out->keys[out->count] = p[i].key;
		out->items[out->count++] = p[i].v;
	}
	free(p);
	free(cl->items);
	free(cl->keys);
	memset(cl, 0, sizeof(*cl));
	if (bad)
		set_error(out);
}

static void finish_list(struct coll *cl, struct tf_value *out, enum tf_value_type type)
{
	tf_value_free(out);
	out->type = type;
	out->items = cl->items;
	out->count = cl->n;
	for (size_t i = 0; cl->keys && i < cl->n; i++)
		free(cl->keys[i]);
	free(cl->keys);
	memset(cl, 0, sizeof(*cl));
}

/* fmt_num writes d as Terraform prints a number: integers in full, others shortest. */
static void fmt_num(double d, char *out, size_t n)
{
	if (d == floor(d) && fabs(d) < 1e15) {
		snprintf(out, n, "%.0f", d == 0 ? 0.0 : d);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			return;
	}
}

/* to_str converts a primitive to its string form into *s (malloc'd); false otherwise. */
static bool to_str(const struct tf_value *v, char **s)
{
	char t[64];
	switch (v->type) {
	case TV_STR: *s = xstrdup(v->str); return true;
	case TV_NUM: fmt_num(v->num, t, sizeof(t)); *s = xstrdup(t); return true;
	case TV_BOOL: *s = xstrdup(v->b ? "true" : "false"); return true;
	default: return false;
	}
}

static bool to_num(const struct tf_value *v, double *d)
{
	if (v->type == TV_NUM) {
		*d = v->num;
		return true;
	}
	if (v->type == TV_STR && v->str[0]) {
		char *end;
		*d = strtod(v->str, &end);
		return !*end && !isnan(*d);
	}
	return false;
}

static int type_rank(enum tf_value_type t) { return t == TV_BOOL ? 0 : t == TV_NUM ? 1 : t == TV_STR ? 2 : 3; }

/* cmp_value orders primitives the way Terraform orders a set's elements. */
static int cmp_value(const struct tf_value *a, const struct tf_value *b)
{
	if (a->type != b->type)
		return type_rank(a->type) - type_rank(b->type);
	switch (a->type) {
	case TV_STR: return strcmp(a->str, b->str);
	case TV_NUM: return a->num < b->num ? -1 : a->num > b->num;
	case TV_BOOL: return (int)a->b - (int)b->b;
	default: return 0;
	}
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
	case TV_LIST:
	case TV_SET:
	case TV_MAP:
		if (a->count != b->count)
			return false;
		for (size_t i = 0; i < a->count; i++)
			if ((a->keys && strcmp(a->keys[i], b->keys[i])) || !equal(&a->items[i], &b->items[i]))
				return false;
		return true;
	default: return false;
	}
}

/* unify converts the primitive elements of a collection to one type as Terraform's
 * tolist/toset/tomap do: mixed strings, numbers and bools become strings. False when an
 * element cannot be converted (a collection among primitives). */
static bool unify(struct tf_value *v)
{
	bool str = false, mixed = false;
	enum tf_value_type first = TV_UNKNOWN;
	for (size_t i = 0; i < v->count; i++) {
		enum tf_value_type t = v->items[i].type;
		if (t == TV_NULL || t == TV_UNKNOWN)
			continue;
		if (first == TV_UNKNOWN)
			first = t;
		else if (t != first)
			mixed = true;
		str |= t == TV_STR;
	}
	if (!mixed)
		return true;
	for (size_t i = 0; i < v->count; i++) {
		struct tf_value *it = &v->items[i];
		char *s;
		if (it->type == TV_NULL || it->type == TV_UNKNOWN)
			continue;
		if (!str || !to_str(it, &s))
			return false;
		set_str(it, s);
		free(s);
	}
	return true;
}

static int cmp_items(const void *x, const void *y) { return cmp_value(x, y); }

/* make_set sorts and dedupes the elements of a list into a set. */
static void make_set(struct tf_value *v)
{
	v->type = TV_SET;
	if (!v->count || has_unknown(v))
		return;
	qsort(v->items, v->count, sizeof(*v->items), cmp_items);
	size_t k = 0;
	for (size_t i = 0; i < v->count; i++) {
		if (k && equal(&v->items[k - 1], &v->items[i])) {
			tf_value_free(&v->items[i]);
			continue;
		}
		v->items[k++] = v->items[i];
	}
	v->count = k;
}

/* ---- steps ---- */

/* get_index applies v[key] in place. */
static void get_index(struct tf_value *v, const struct tf_value *key)
{
	if (v->type == TV_UNKNOWN && !v->error)
		return;
	if (key->type == TV_UNKNOWN) {
		if (key->error)
			set_error(v);
		else
			set_unknown(v);
		return;
	}
	struct tf_value r = {TV_UNKNOWN};
	if (v->type == TV_LIST) {
		double d;
		if (!to_num(key, &d) || d != floor(d) || d < 0 || d >= (double)v->count) {
			set_error(v);
			return;
		}
		r = v->items[(size_t)d];
		memset(&v->items[(size_t)d], 0, sizeof(r));
	} else if (v->type == TV_MAP) {
		char *k;
		size_t i;
		if (!to_str(key, &k)) {
			set_error(v);
			return;
		}
		for (i = 0; i < v->count && strcmp(v->keys[i], k); i++)
			;
		free(k);
		if (i == v->count) {
			set_error(v);
			return;
		}
		r = v->items[i];
		memset(&v->items[i], 0, sizeof(r));
	} else {
		set_error(v);
		return;
	}
	tf_value_free(v);
	*v = r;
}

static void get_attr(struct tf_value *v, const char *name)
{
	struct tf_value k = {TV_STR};
	k.str = (char *)name;
	if (v->type == TV_LIST) {
		set_error(v); /* a list has no attributes */
		return;
	}
	get_index(v, &k);
}

/* ---- functions ---- */

typedef void (*tf_fn)(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out);

static bool is_coll(const struct tf_value *v) { return v->type == TV_LIST || v->type == TV_SET || v->type == TV_MAP; }

static void fn_length(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	if (is_coll(&a[0])) {
		set_num(out, (double)a[0].count);
	} else if (a[0].type == TV_STR) {
		size_t chars = 0;
		for (const unsigned char *p = (const unsigned char *)a[0].str; *p; p++)
			chars += (*p & 0xC0) != 0x80;
		set_num(out, (double)chars);
	} else {
		set_error(out);
	}
}

static void fn_lookup(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	if (a[0].type != TV_MAP) {
		set_error(out);
		return;
	}
	struct tf_value v;
	copy(&v, &a[0]);
	get_index(&v, &a[1]);
	if (v.type == TV_UNKNOWN && v.error && n == 3) {
		tf_value_free(&v);
		copy(&v, &a[2]);
	}
	*out = v;
}

static void fn_coalesce(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	for (size_t i = 0; i < n; i++) {
		if (a[i].type == TV_NULL || (a[i].type == TV_STR && !a[i].str[0]))
			continue;
		copy(out, &a[i]);
		return;
	}
	set_error(out); /* no non-null, non-empty argument */
}

static void fn_merge(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	struct coll cl = {0};
	for (size_t i = 0; i < n; i++) {
		if (a[i].type == TV_NULL)
			continue;
		if (a[i].type != TV_MAP) {
			coll_free(&cl);
			set_error(out);
			return;
		}
		for (size_t k = 0; k < a[i].count; k++) {
			struct tf_value v;
			copy(&v, &a[i].items[k]);
			push(&cl, a[i].keys[k], &v);
		}
	}
	if (!cl.keys)
		cl.keys = xcalloc(1, sizeof(*cl.keys));
	finish_map(&cl, out, false);
}

static void fn_concat(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	struct coll cl = {0};
	for (size_t i = 0; i < n; i++) {
		if (a[i].type != TV_LIST && a[i].type != TV_SET) {
			coll_free(&cl);
			set_error(out);
			return;
		}
		for (size_t k = 0; k < a[i].count; k++) {
			struct tf_value v;
			copy(&v, &a[i].items[k]);
			push(&cl, NULL, &v);
		}
	}
	finish_list(&cl, out, TV_LIST);
}

static void fn_element(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	double d;
	if (a[0].type != TV_LIST || !to_num(&a[1], &d) || d < 0 || d != floor(d) || !a[0].count) {
		set_error(out);
		return;
	}
	copy(out, &a[0].items[(size_t)fmod(d, (double)a[0].count)]);
}

static void fn_join(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	struct strbuf sb = {0};
	for (size_t i = 1; i < n; i++) {
		if (a[i].type != TV_LIST && a[i].type != TV_SET)
			goto bad;
		for (size_t k = 0; k < a[i].count; k++) {
			char *s;
			if (!to_str(&a[i].items[k], &s))
				goto bad;
			if (sb.len)
				sb_adds(&sb, a[0].str);
			sb_adds(&sb, s);
			free(s);
		}
	}
	if (a[0].type != TV_STR)
		goto bad;
	set_str_n(out, sb.buf ? sb.buf : "", sb.len);
	sb_release(&sb);
	return;
bad:
	sb_release(&sb);
	set_error(out);
}

static void fn_replace(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	char *s[3];
	int k;
	for (k = 0; k < 3 && to_str(&a[k], &s[k]); k++)
		;
	if (k < 3) {
		while (k-- > 0)
			free(s[k]);
		set_error(out);
		return;
	}
	size_t ls = strlen(s[1]);
	if (!ls || (ls > 1 && s[1][0] == '/' && s[1][ls - 1] == '/')) {
		set_unknown(out); /* a regular expression, or an empty search: not modelled */
	} else {
		struct strbuf sb = {0};
		const char *p = s[0], *q;
		while ((q = strstr(p, s[1]))) {
			sb_add(&sb, p, (size_t)(q - p));
			sb_adds(&sb, s[2]);
			p = q + ls;
		}
		sb_adds(&sb, p);
		set_str_n(out, sb.buf ? sb.buf : "", sb.len);
		sb_release(&sb);
	}
	for (k = 0; k < 3; k++)
		free(s[k]);
}

static void change_case(struct tf_value *a, struct tf_value *out, bool up)
{
	char *s;
	if (!to_str(a, &s)) {
		set_error(out);
		return;
	}
	for (char *p = s; *p; p++)
		if (up && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		else if (!up && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	set_str(out, s);
	free(s);
}

static void fn_lower(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	change_case(a, out, false);
}

static void fn_upper(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	change_case(a, out, true);
}

static void fn_tomap(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	if (a[0].type == TV_NULL) {
		set_unknown(out);
		out->type = TV_NULL;
		return;
	}
	if (a[0].type != TV_MAP) {
		set_error(out);
		return;
	}
	copy(out, &a[0]);
	if (!unify(out))
		set_error(out);
}

static void fn_tolist(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	if (a[0].type == TV_NULL) {
		set_unknown(out);
		out->type = TV_NULL;
		return;
	}
	if (a[0].type != TV_LIST && a[0].type != TV_SET) {
		set_error(out);
		return;
	}
	copy(out, &a[0]);
	out->type = TV_LIST;
	if (!unify(out))
		set_error(out);
}

static void fn_toset(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	fn_tolist(c, a, n, out);
	if (out->type == TV_LIST)
		make_set(out);
}

static void fn_contains(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	if (a[0].type != TV_LIST && a[0].type != TV_SET) {
		set_error(out);
		return;
	}
	bool unknown = false;
	for (size_t i = 0; i < a[0].count; i++) {
		if (equal(&a[0].items[i], &a[1])) {
			set_bool(out, true);
			return;
		}
		unknown |= a[0].items[i].type == TV_UNKNOWN;
	}
	if (unknown)
		set_unknown(out);
	else
		set_bool(out, false);
}

static void fn_keys(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	if (a[0].type != TV_MAP) {
		set_error(out);
		return;
	}
	struct coll cl = {0};
	for (size_t i = 0; i < a[0].count; i++) {
		struct tf_value k = {TV_UNKNOWN};
		set_str(&k, a[0].keys[i]);
		push(&cl, NULL, &k);
	}
	finish_list(&cl, out, TV_LIST);
}

static void fn_values(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	if (a[0].type != TV_MAP) {
		set_error(out);
		return;
	}
	copy(out, &a[0]);
	for (size_t i = 0; i < out->count; i++)
		free(out->keys[i]);
	free(out->keys);
	out->keys = NULL;
	out->type = TV_LIST;
}

static void fn_tostring(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	char *s;
	if (a[0].type == TV_NULL) {
		set_unknown(out);
		out->type = TV_NULL;
	} else if (to_str(&a[0], &s)) {
		set_str(out, s);
		free(s);
	} else {
		set_error(out);
	}
}

static void fn_tonumber(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	double d;
	if (a[0].type == TV_NULL) {
		set_unknown(out);
		out->type = TV_NULL;
	} else if (to_num(&a[0], &d)) {
		set_num(out, d);
	} else {
		set_error(out);
	}
}

static void fn_jsonencode(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	(void)n;
	char *s = tf_value_json(&a[0]);
	if (s)
		set_str(out, s);
	else
		set_unknown(out);
	free(s);
}

/* fn_format supports the verbs %s %d %v %q %t %f and %% with flags, width and precision.
 * The C format it hands to snprintf is built from those characters only. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void fn_format(const struct ev *c, struct tf_value *a, size_t n, struct tf_value *out)
{
	(void)c;
	struct strbuf sb = {0};
	size_t arg = 1;
	if (a[0].type != TV_STR)
		goto bad;
	for (const char *p = a[0].str; *p; p++) {
		if (*p != '%') {
			sb_add(&sb, p, 1);
			continue;
		}
		if (p[1] == '%') {
			sb_add(&sb, "%", 1);
			p++;
			continue;
		}
		char spec[32] = "%", t[400];
		size_t k = 1;
		p++;
		while (*p && strchr("-+ 0#.123456789", *p) && k < 20)
			spec[k++] = *p++;
		if (!*p || !strchr("sdvqtf", *p) || arg >= n)
			goto bad;
		const struct tf_value *v = &a[arg++];
		char *s = NULL;
		double d;
		if (*p == 'd' || *p == 'f') {
			if (!to_num(v, &d) || (*p == 'd' && d != floor(d)))
				goto bad;
			if (*p == 'd') {
				spec[k++] = '.';
				spec[k++] = '0';
				spec[k++] = 'f';
			} else {
				spec[k++] = 'f';
			}
			snprintf(t, sizeof(t), spec, d);
			sb_adds(&sb, t);
			continue;
		}
		if (*p == 't' && v->type != TV_BOOL)
			goto bad;
		if (!to_str(v, &s))
			goto bad;
		if (*p == 'q') {
			struct tf_value q = {TV_STR};
			q.str = s;
			char *j = tf_value_json(&q);
			free(s);
			s = j;
		}
		spec[k++] = 's';
		if (strlen(s) < 300) {
			snprintf(t, sizeof(t), spec, s);
			sb_adds(&sb, t);
		} else {
			sb_adds(&sb, s);
		}
		free(s);
		if (sb.len > MAX_STR)
			goto bad;
	}
	set_str_n(out, sb.buf ? sb.buf : "", sb.len);
	sb_release(&sb);
	return;
bad:
	sb_release(&sb);
	set_error(out);
}
#pragma GCC diagnostic pop

static const struct {
	const char *name;
	size_t min, max;
	tf_fn fn;
} fns[] = {
	{"length", 1, 1, fn_length},       {"lookup", 2, 3, fn_lookup},   {"coalesce", 1, 64, fn_coalesce},
	{"merge", 0, 64, fn_merge},        {"concat", 0, 64, fn_concat},  {"element", 2, 2, fn_element},
	{"format", 1, 64, fn_format},      {"join", 2, 64, fn_join},      {"replace", 3, 3, fn_replace},
	{"lower", 1, 1, fn_lower},         {"upper", 1, 1, fn_upper},     {"tomap", 1, 1, fn_tomap},
	{"tolist", 1, 1, fn_tolist},       {"toset", 1, 1, fn_toset},     {"contains", 2, 2, fn_contains},
	{"keys", 1, 1, fn_keys},           {"values", 1, 1, fn_values},   {"tostring", 1, 1, fn_tostring},
	{"tonumber", 1, 1, fn_tonumber},   {"jsonencode", 1, 1, fn_jsonencode},
};

static void call(const struct ev *c, const struct hcl_expr *e, struct tf_value *out)
{
	const char *name = e->str;
	if (!strncmp(name, "core::", 6))
		name += 6;
	if (!strcmp(name, "try") || !strcmp(name, "can")) {
		bool can = name[0] == 'c';
		for (size_t i = 0; i < e->n; i++) {
			eval(c, e->items[i], out);
			if (has_error(out))
				continue;
			if (can) {
				if (has_unknown(out))
					set_unknown(out);
				else
					set_bool(out, true);
			}
			return;
		}
		if (can && e->n == 1)
			set_bool(out, false);
		else
			set_error(out);
		return;
	}
	for (size_t f = 0; f < sizeof(fns) / sizeof(fns[0]); f++) {
		if (strcmp(fns[f].name, name))
			continue;
		if (e->n < fns[f].min || e->n > fns[f].max)
			return;
		struct tf_value *a = xcalloc(e->n ? e->n : 1, sizeof(*a));
		bool unknown = false, error = false;
		for (size_t i = 0; i < e->n; i++) {
			eval(c, e->items[i], &a[i]);
			error |= a[i].type == TV_UNKNOWN && a[i].error;
			unknown |= a[i].type == TV_UNKNOWN;
		}
		/* a function sees the whole of its arguments, except where unknowns inside a
		 * collection do not matter (length, keys, lookup of a known key, contains) */
		bool deep = strcmp(name, "length") && strcmp(name, "keys") && strcmp(name, "lookup") &&
			    strcmp(name, "contains") && strcmp(name, "element") && strcmp(name, "merge") &&
			    strcmp(name, "concat") && strcmp(name, "values") && strcmp(name, "coalesce");
		for (size_t i = 0; deep && i < e->n; i++)
			unknown |= has_unknown(&a[i]);
		if (error)
			set_error(out);
		else if (!unknown)
			fns[f].fn(c, a, e->n, out);
		for (size_t i = 0; i < e->n; i++)
			tf_value_free(&a[i]);
		free(a);
		if (out->type == TV_STR || is_coll(out))
			if (!budget(c, out->count + 1))
				set_unknown(out);
		return;
	}
}

/* ---- expressions ---- */

/* op_between returns the operator written between two operands, or NULL. */
static const char *op_between(const char *buf, size_t a, size_t b, char *op, size_t n)
{
	size_t k = 0;
	for (size_t i = a; i < b; i++) {
		char ch = buf[i];
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			continue;
		if (!strchr("|&=!<>+-*/%", ch) || k + 1 >= n)
			return NULL;
		op[k++] = ch;
	}
	op[k] = '\0';
	static const char *const ops[] = {"||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(op, ops[i]))
			return op;
	return NULL;
}

static void binary(const char *op, const struct tf_value *a, const struct tf_value *b, struct tf_value *out)
{
	struct tf_value r = {TV_UNKNOWN};
	double x, y;
	if (!strcmp(op, "==") || !strcmp(op, "!=")) {
		if (has_unknown(a) || has_unknown(b)) {
			r.error = has_error(a) || has_error(b);
		} else {
			r.type = TV_BOOL;
			r.b = equal(a, b) == !strcmp(op, "==");
		}
	} else if (to_num(a, &x) && to_num(b, &y)) {
		if (!strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") || !strcmp(op, ">=")) {
			r.type = TV_BOOL;
			r.b = op[0] == '<' ? (op[1] ? x <= y : x < y) : (op[1] ? x >= y : x > y);
		} else if (!(y == 0 && strchr("/%", op[0]))) {
			r.type = TV_NUM;
			r.num = op[0] == '+' ? x + y : op[0] == '-' ? x - y : op[0] == '*' ? x * y
			      : op[0] == '/' ? x / y : fmod(x, y);
		} else {
			r.error = true;
		}
	} else {
		r.error = (a->type != TV_UNKNOWN || a->error) && (b->type != TV_UNKNOWN || b->error);
	}
	*out = r;
}

static bool as_bool(const struct tf_value *v, bool *b)
{
	if (v->type == TV_BOOL) {
		*b = v->b;
		return true;
	}
	if (v->type == TV_STR && (!strcmp(v->str, "true") || !strcmp(v->str, "false"))) {
		*b = v->str[0] == 't';
		return true;
	}
	return false;
}

static void operators(const struct ev *c, const struct hcl_expr *e, struct tf_value *out)
{
	const char *buf = c->buf;
	/* unary: "!x", "-x" */
	if (e->n == 1 && e->items[0]->start > e->start) {
		for (size_t i = e->start; i < e->items[0]->start; i++)
			if (!strchr("!- \t", buf[i]))
				return;
		struct tf_value a = {TV_UNKNOWN};
		eval(c, e->items[0], &a);
		for (size_t i = e->items[0]->start; i-- > e->start;) {
			bool b;
			double d;
			if (a.type == TV_UNKNOWN)
				break;
			if (buf[i] == '!' && as_bool(&a, &b))
				set_bool(&a, !b);
			else if (buf[i] == '-' && to_num(&a, &d))
				set_num(&a, -d);
			else if (buf[i] == '!' || buf[i] == '-')
				set_error(&a);
		}
		*out = a;
		return;
	}
	if (e->n < 2)
		return;
	char op[4];
	struct tf_value acc = {TV_UNKNOWN};
	eval(c, e->items[0], &acc);
	for (size_t i = 1; i < e->n; i++) {
		struct tf_value b = {TV_UNKNOWN};
		bool x, y;
		if (!op_between(buf, e->items[i - 1]->end, e->items[i]->start, op, sizeof(op))) {
			tf_value_free(&acc);
			return;
		}
		bool logic = !strcmp(op, "&&") || !strcmp(op, "||");
		if (logic && as_bool(&acc, &x) && x == (op[0] == '|'))
			continue; /* decided: false && x, true || x */
		eval(c, e->items[i], &b);
		if (logic) {
			if (as_bool(&b, &y) && y == (op[0] == '|')) {
				set_bool(&acc, y); /* x && false, x || true */
			} else if (as_bool(&acc, &x) && as_bool(&b, &y)) {
				set_bool(&acc, op[0] == '|' ? x || y : x && y);
			} else {
				bool err = (acc.type != TV_UNKNOWN || acc.error) && (b.type != TV_UNKNOWN || b.error);
				set_unknown(&acc);
				acc.error = err;
			}
			tf_value_free(&b);
			continue;
		}
		struct tf_value r;
		binary(op, &acc, &b, &r);
		tf_value_free(&acc);
		tf_value_free(&b);
		acc = r;
	}
	*out = acc;
}

/* traversal evaluates var.x.y, local.x, each.key, count.index or a for's name. */
static void traversal(const struct ev *c, const struct hcl_expr *e, struct tf_value *out)
{
	const char *s = e->str, *dot = strchr(s, '.'), *rest = NULL;
	char root[256];
	size_t rl = dot ? (size_t)(dot - s) : strlen(s);
	if (rl >= sizeof(root))
		return;
	memcpy(root, s, rl);
	root[rl] = '\0';
	for (const struct frame *f = c->fr; f; f = f->up) {
		if (!strcmp(f->name, root)) {
			copy_counted(c, out, f->v);
			rest = dot;
			goto steps;
		}
	}
	if (!dot)
		return;
	const char *dot2 = strchr(dot + 1, '.');
	size_t nl = dot2 ? (size_t)(dot2 - s) : strlen(s);
	char name[300];
	if (nl >= sizeof(name))
		return;
	memcpy(name, s, nl);
	name[nl] = '\0';
	rest = dot2;
	if (!strcmp(name, "each.key") || !strcmp(name, "each.value")) {
		if (!c->inst->has_each)
			return;
		copy_counted(c, out, name[5] == 'k' ? c->inst->each_key : c->inst->each_value);
	} else if (!strcmp(name, "count.index")) {
		if (!c->inst->has_count)
			return;
		set_num(out, c->inst->count_index);
	} else if (!strcmp(root, "var") || !strcmp(root, "local")) {
		struct tf_ref ref;
		if (c->env->lookup(c->env->ctx, c->scope, name, &ref) < 0 || !ref.expr)
			return;
		struct ev sub = {c->env, ref.scope, ref.buf, ref.file, NULL, c->depth + 1, ref.inst ? ref.inst : c->inst};
		eval(&sub, ref.expr, out);
	} else {
		return;
	}
steps:
	while (rest && out->type != TV_UNKNOWN) {
		const char *next = strchr(rest + 1, '.');
		char attr[256];
		size_t al = next ? (size_t)(next - rest - 1) : strlen(rest + 1);
		if (al >= sizeof(attr)) {
			set_unknown(out);
			return;
		}
		memcpy(attr, rest + 1, al);
		attr[al] = '\0';
		get_attr(out, attr);
		rest = next;
	}
}

static void index_chain(const struct ev *c, const struct hcl_expr *e, struct tf_value *out)
{
	if (!e->n)
		return;
	eval(c, e->items[0], out);
	for (size_t i = 1; i < e->n && !(out->type == TV_UNKNOWN && !out->error); i++) {
		struct tf_value k = {TV_UNKNOWN};
		eval(c, e->items[i], &k);
		if (e->items[i]->kind == HCL_STRING && e->items[i]->start > 0 && c->buf[e->items[i]->start - 1] != '[' &&
		    c->buf[e->items[i]->start - 1] != '"' && out->type == TV_LIST)
			set_error(out); /* .name on a list */
		else
			get_index(out, &k);
		tf_value_free(&k);
	}
}

/* for_expr evaluates [for k, v in coll : x if cond] and {for ... : k => v}. */
static void for_expr(const struct ev *c, const struct hcl_expr *e, struct tf_value *out)
{
	size_t need = 2 + e->for_object + e->for_cond;
	if (e->n != need)
		return;
	struct tf_value coll = {TV_UNKNOWN};
	eval(c, e->items[0], &coll);
	if (coll.type == TV_UNKNOWN || !is_coll(&coll)) {
		if (coll.type != TV_UNKNOWN)
			coll.error = true, coll.type = TV_UNKNOWN;
		*out = coll;
		out->type = TV_UNKNOWN;
		return;
	}
	struct coll cl = {0}, groups = {0};
	bool unknown = false, error = false;
	for (size_t i = 0; i < coll.count && !unknown && !error; i++) {
		struct tf_value key = {TV_UNKNOWN};
		if (coll.type == TV_LIST)
			set_num(&key, (double)i);
		else if (coll.type == TV_MAP)
			set_str(&key, coll.keys[i]);
		else
			copy(&key, &coll.items[i]);
		struct frame fk = {e->for_key, &key, c->fr}, fv = {e->for_value, &coll.items[i], e->for_key ? &fk : c->fr};
		struct ev sub = *c;
		sub.fr = &fv;
		sub.depth = c->depth + 1;
		if (e->for_cond) {
			struct tf_value cv = {TV_UNKNOWN};
			bool b;
			eval(&sub, e->items[e->n - 1], &cv);
			if (!as_bool(&cv, &b)) {
				unknown = true;
				error = cv.type != TV_UNKNOWN || cv.error;
			}
			tf_value_free(&cv);
			if (unknown || !b) {
				tf_value_free(&key);
				continue;
			}
		}
		struct tf_value v = {TV_UNKNOWN};
		eval(&sub, e->items[e->for_object ? 2 : 1], &v);
		if (e->for_object) {
			struct tf_value k = {TV_UNKNOWN};
			char *ks;
			eval(&sub, e->items[1], &k);
			if (!to_str(&k, &ks)) {
				unknown = true;
				error = k.type != TV_UNKNOWN || k.error;
				tf_value_free(&v);
			} else {
				if (e->for_group) {
					size_t g;
					for (g = 0; g < groups.n && strcmp(groups.keys[g], ks); g++)
						;
					if (g == groups.n) {
						struct tf_value l = {TV_LIST};
						push(&groups, ks, &l);
					}
					struct tf_value *l = &groups.items[g];
					l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
					l->items[l->count++] = v;
				} else {
					push(&cl, ks, &v);
				}
				free(ks);
			}
			tf_value_free(&k);
		} else {
			push(&cl, NULL, &v);
		}
		tf_value_free(&key);
		if (!budget(c, 1))
			unknown = true;
	}
	tf_value_free(&coll);
	if (unknown || error) {
		coll_free(&cl);
		coll_free(&groups);
		set_unknown(out);
		out->error = error;
		return;
	}
	if (e->for_object) {
		struct coll *m = e->for_group ? &groups : &cl;
		if (!m->keys)
			m->keys = xcalloc(1, sizeof(*m->keys));
		finish_map(m, out, !e->for_group);
		coll_free(e->for_group ? &cl : &groups);
	} else {
		finish_list(&cl, out, TV_LIST);
	}
}

static void eval(const struct ev *c, const struct hcl_expr *e, struct tf_value *out)
{
	struct tf_eval_env *env = c->env;
	memset(out, 0, sizeof(*out));
	if (!e || c->depth > MAX_EVAL_DEPTH || env->steps >= TF_EVAL_MAX_STEPS || env->cells > TF_EVAL_MAX_CELLS)
		return;
	env->steps++;
	struct ev sub = *c;
	sub.depth = c->depth + 1;
	switch (e->kind) {
	case HCL_STRING:
		set_str(out, e->str);
		out->origin = e;
		out->origin_file = c->file;
		return;
	case HCL_NUMBER:
		set_num(out, strtod(e->str, NULL));
		return;
	case HCL_BOOL:
		set_bool(out, !strcmp(e->str, "true"));
		return;
	case HCL_NULL:
		out->type = TV_NULL;
		return;
	case HCL_TUPLE: {
		struct coll cl = {0};
		for (size_t i = 0; i < e->n; i++) {
			struct tf_value v;
			eval(&sub, e->items[i], &v);
			push(&cl, NULL, &v);
		}
		finish_list(&cl, out, TV_LIST);
		if (!budget(c, e->n + 1))
			set_unknown(out);
		return;
	}
	case HCL_OBJECT: {
		struct coll cl = {0};
		bool unknown = false;
		for (size_t i = 0; i < e->n && !unknown; i++) {
			struct tf_value k, v;
			char *ks;
			eval(&sub, e->keys[i], &k);
			if (!to_str(&k, &ks)) {
				unknown = true;
				tf_value_free(&k);
				break;
			}
			eval(&sub, e->items[i], &v);
			push(&cl, ks, &v);
			free(ks);
			tf_value_free(&k);
		}
		if (unknown) {
			coll_free(&cl);
			return;
		}
		if (!cl.keys)
			cl.keys = xcalloc(1, sizeof(*cl.keys));
		finish_map(&cl, out, true);
		if (!budget(c, e->n + 1))
			set_unknown(out);
		return;
	}
	case HCL_TEMPLATE: {
		struct strbuf sb = {0};
		for (size_t i = 0; i < e->n; i++) {
			struct tf_value part;
			char *s;
			eval(&sub, e->items[i], &part);
			bool ok = to_str(&part, &s);
			if (!ok) {
				bool err = part.type != TV_UNKNOWN || part.error;
				tf_value_free(&part);
				sb_release(&sb);
				out->error = err;
				return;
			}
			sb_adds(&sb, s);
			free(s);
			tf_value_free(&part);
			if (sb.len > MAX_STR) {
				sb_release(&sb);
				return;
			}
		}
		set_str_n(out, sb.buf ? sb.buf : "", sb.len);
		sb_release(&sb);
		return;
	}
	case HCL_TRAVERSAL:
		traversal(&sub, e, out);
		return;
	case HCL_INDEX:
		index_chain(&sub, e, out);
		return;
	case HCL_FOR:
		for_expr(&sub, e, out);
		return;
	case HCL_CONDITIONAL: {
		struct tf_value cv;
		bool b;
		if (e->n != 3)
			return;
		eval(&sub, e->items[0], &cv);
		if (as_bool(&cv, &b))
			eval(&sub, e->items[b ? 1 : 2], out);
		else
			out->error = cv.type != TV_UNKNOWN || cv.error;
		tf_value_free(&cv);
		return;
	}
	case HCL_CALL:
		call(&sub, e, out);
		return;
	case HCL_OTHER:
		operators(&sub, e, out);
		return;
	}
}

void tf_eval(struct tf_eval_env *env, const void *scope, const char *buf, const void *file,
	     const struct hcl_expr *e, struct tf_value *out)
{
	struct ev c = {env, scope, buf, file, NULL, 0, env};
	eval(&c, e, out);
}

/* ---- jsonencode ---- */

static bool json_add(struct strbuf *sb, const struct tf_value *v)
{
	char t[64];
	switch (v->type) {
	case TV_NULL: sb_adds(sb, "null"); return true;
	case TV_BOOL: sb_adds(sb, v->b ? "true" : "false"); return true;
	case TV_NUM: fmt_num(v->num, t, sizeof(t)); sb_adds(sb, t); return true;
	case TV_STR:
		sb_add(sb, "\"", 1);
		for (const unsigned char *p = (const unsigned char *)v->str; *p; p++) {
			if (*p == '"' || *p == '\\') {
				sb_add(sb, "\\", 1);
				sb_add(sb, (const char *)p, 1);
			} else if (*p == '\n') {
				sb_adds(sb, "\\n");
			} else if (*p == '\r') {
				sb_adds(sb, "\\r");
			} else if (*p == '\t') {
				sb_adds(sb, "\\t");
			} else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
				snprintf(t, sizeof(t), "\\u%04x", *p);
				sb_adds(sb, t);
			} else if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				sb_adds(sb, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
				p += 2;
			} else {
				sb_add(sb, (const char *)p, 1);
			}
		}
		sb_add(sb, "\"", 1);
		return true;
	case TV_LIST:
	case TV_SET:
	case TV_MAP:
		sb_add(sb, v->type == TV_MAP ? "{" : "[", 1);
		for (size_t i = 0; i < v->count; i++) {
			if (i)
				sb_add(sb, ",", 1);
			if (v->type == TV_MAP) {
				struct tf_value k = {TV_STR};
				k.str = v->keys[i];
				json_add(sb, &k);
				sb_add(sb, ":", 1);
			}
			if (!json_add(sb, &v->items[i]))
				return false;
		}
		sb_add(sb, v->type == TV_MAP ? "}" : "]", 1);
		return sb->len <= MAX_STR;
	default: return false;
	}
}

char *tf_value_json(const struct tf_value *v)
{
	struct strbuf sb = {0};
	if (!json_add(&sb, v)) {
		sb_release(&sb);
		return NULL;
	}
	if (!sb.buf)
		return xstrdup("");
	return sb_detach(&sb);
}
