/* serverless: Serverless Framework service files (serverless.yml / .yaml / .json).
 * Functions take functions.NAME.runtime, else provider.runtime, else the framework's
 * default for the declared frameworkVersion; layers take layers.NAME.compatibleRuntimes.
 * Variables are resolved the way the framework does at package time, for the sources
 * that need no cloud access: ${self:path}, ${file(path):key} (relative to the service
 * file), and the default of ${opt:x, default} and ${env:X, default}. Raw CloudFormation
 * under resources (a block, a list of blocks, ${file()} includes) is scanned by cfn.c. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iac/iac.h"
#include "util/xalloc.h"

#define MAX_VAR_DEPTH 10
#define MAX_LOADED 16 /* ${file()} documents per service file */
#define MAX_STEPS 100000 /* references resolved per service file: unknown beyond (no blow-up) */
#define MAX_VALUE 4096   /* longest value built from references */

/* The default runtime of each framework major version, when it did not change within it. */
static const struct {
	int major;
	const char *runtime;
	const char *note;
} framework_defaults[] = {
	{2, "nodejs12.x", "Serverless Framework v2 default"},
	{3, "nodejs16.x", "Serverless Framework v3 default since mid-2023; nodejs14.x before"},
	{4, "nodejs20.x", "Serverless Framework v4 default"},
};

struct loaded {
	char *path, *rel, *buf;
	char why[200]; /* why it was not read, when it was not */
	struct iac_file f;
	struct doc *d;
};

struct sls {
	struct iac_ctx *ctx;
	const struct iac_file *f;
	const struct doc_node *root;
	struct loaded files[MAX_LOADED];
	size_t nfiles;
	const char *name; /* resource being scanned */
	const char *resource;
	const char *kind;
	const char *package_type;
	const struct iac_file *decl_in;               /* where the function or layer is declared */
	const struct doc_node *decl_key, *rt_key;     /* its name, its runtime key (for sunset:ignore) */
	long steps;
	int rc;
};

/* A resolved value: the string, where it is written, and how it got here. */
struct sval {
	char *value;              /* owned; NULL when unresolved */
	struct iac_origin origin;
	char via[300];
	char reason[300];
};

int sls_sniff(const struct iac_file *f)
{
	if (!strncmp(f->name, "serverless", 10) &&
	    (strstr(f->name, ".yml") || strstr(f->name, ".yaml") || strstr(f->name, ".json")))
		return 2;
	return memmem(f->buf, f->len, "provider", 8) && memmem(f->buf, f->len, "functions", 9) &&
		       memmem(f->buf, f->len, "service", 7)
		       ? 1
		       : 0;
}

static void add_via(struct sval *v, const char *step)
{
	char tmp[sizeof(v->via)];
	if (!v->via[0]) {
		snprintf(v->via, sizeof(v->via), "%.250s", step);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.120s, %.170s", step, v->via);
	memcpy(v->via, tmp, sizeof(tmp));
}

static void unresolved(struct sval *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void unresolved(struct sval *v, const char *fmt, ...)
{
	va_list ap;
	free(v->value);
	v->value = NULL;
	va_start(ap, fmt);
	vsnprintf(v->reason, sizeof(v->reason), fmt, ap);
	va_end(ap);
}

/* ref_end finds the '}' closing the "${" at s (nested references allowed). */
static const char *ref_end(const char *s)
{
	int depth = 0;
	char q = 0;
	for (const char *p = s; *p; p++) {
		if (q) { /* inside a quoted default: braces do not count */
			if (*p == q)
				q = 0;
		} else if (depth > 0 && (*p == '\'' || *p == '"')) {
			q = *p;
		} else if (p[0] == '$' && p[1] == '{') {
			depth++;
			p++;
		} else if (*p == '}' && --depth == 0) {
			return p;
		}
	}
	return NULL;
}

/* split_default splits "source, default" at the first top-level comma. */
static const char *split_default(char *body)
{
	int depth = 0;
	char q = 0;
	for (char *p = body; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (p[0] == '$' && p[1] == '{') {
			depth++;
		} else if (*p == '}') {
			depth--;
		} else if (*p == ',' && depth == 0) {
			*p = '\0';
			p++;
			while (*p == ' ')
				p++;
			return p;
		}
	}
	return NULL;
}

static void trim(char *s)
{
	size_t l = strlen(s);
	while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
		s[--l] = '\0';
	size_t a = strspn(s, " \t");
	memmove(s, s + a, l - a + 1);
}

static void resolve_node(struct sls *s, const struct iac_file *f, const struct doc_node *n, int depth,
			 struct sval *out);
static void resolve_text(struct sls *s, const struct iac_file *f, const struct doc_node *at, const char *text,
			 size_t text_off, int depth, struct sval *out);

/* load_file parses a ${file()} target (cached per service file). NULL when it cannot be
 * used: outside the scanned folder, not a regular file, unreadable or broken; the reason
 * (if any beyond a syntax error, which is reported) is copied to why. */
static struct loaded *load_file(struct sls *s, const struct iac_file *from, const char *path, char *why,
				size_t whyn)
{
	char *dir = iac_dirname(from->path), *rdir = iac_dirname(from->rel);
	if (!strncmp(path, "./", 2))
		path += 2;
	char *full = path[0] == '/' ? xstrdup(path) : xasprintf("%s%s", dir, path);
	char *rel = path[0] == '/' ? xstrdup(path) : xasprintf("%s%s", rdir, path);
	iac_path_clean(full);
	iac_path_clean(rel);
	free(dir);
	free(rdir);
	for (size_t i = 0; i < s->nfiles; i++)
		if (!strcmp(s->files[i].path, full)) {
			free(full);
			free(rel);
			snprintf(why, whyn, "%s", s->files[i].why);
			return s->files[i].d ? &s->files[i] : NULL;
		}
	if (s->nfiles == MAX_LOADED) {
		free(full);
		free(rel);
		return NULL;
	}
	struct loaded *l = &s->files[s->nfiles++];
	char msg[256];
	size_t len = 0;
	memset(l, 0, sizeof(*l));
	l->path = full;
	l->rel = rel;
	if (iac_read_file(&s->ctx->fsp, full, s->ctx->opts->max_file, &l->buf, &len, msg, sizeof(msg)) < 0) {
		snprintf(l->why, sizeof(l->why), "%.190s", msg);
		snprintf(why, whyn, "%s", l->why);
		return NULL;
	}
	struct doc_error err;
	l->d = iac_parse_doc(l->buf, len, &s->ctx->scan->budget, &err);
	if (!l->d) {
		iac_error(s->ctx, rel, err.line, err.column, "%s", err.message);
		return NULL;
	}
	const char *name = strrchr(full, '/');
	l->f = (struct iac_file){l->path, l->rel, name ? name + 1 : full, l->buf, len};
	return l;
}

/* resolve_ref resolves the body of one ${...} (without the braces). `def_off` is the byte
 * offset of the body within the scalar, for a default written there. */
static void resolve_ref(struct sls *s, const struct iac_file *f, const struct doc_node *at, const char *body_in,
			size_t body_off, int depth, struct sval *out)
{
	memset(out, 0, sizeof(*out));
	char *copy = xstrdup(body_in), *body = copy; /* def points into copy */
	const char *def = split_default(copy);
	size_t def_off = def ? (size_t)(def - copy) : 0;
	char src[200];
	snprintf(src, sizeof(src), "${%.150s}", body_in);
	trim(body);
	if (strstr(body, "${")) { /* a reference inside the source: ${self:custom.rt.${opt:stage, 'dev'}} */
		struct sval inner;
		resolve_text(s, f, at, body, (size_t)-1, depth + 1, &inner);
		if (inner.value) {
			body = inner.value;
		} else if (!def) {
			*out = inner;
			goto out;
		}
	}
	if (!strncmp(body, "self:", 5)) {
		const struct doc_node *n = body[5] ? doc_get_path(s->root, body + 5) : s->root;
		if (n) {
			resolve_node(s, f, n, depth + 1, out);
			char step[300];
			snprintf(step, sizeof(step), "%.250s", body);
			add_via(out, step);
			goto out;
		}
		if (!def) {
			unresolved(out, "the runtime is %s, and that path is not in the file", src);
			goto out;
		}
	} else if (!strncmp(body, "file(", 5)) {
		char why[200] = "";
		char *close = strchr(body, ')');
		if (close) {
			*close = '\0';
			const char *key = close[1] == ':' ? close + 2 : "";
			why[0] = '\0';
			struct loaded *l = load_file(s, f, body + 5, why, sizeof(why));
			const struct doc_node *n = l ? (*key ? doc_get_path(doc_root(l->d), key) : doc_root(l->d)) : NULL;
			if (n) {
				/* ${self:...} inside that file still means the service file */
				resolve_node(s, &l->f, n, depth + 1, out);
				char step[300];
				snprintf(step, sizeof(step), "file(%.120s):%.120s", body + 5, key);
				add_via(out, step);
				goto out;
			}
		}
		if (!def && *why) {
			unresolved(out, "the runtime is %s, and that file was not read: %.160s", src, why);
			goto out;
		}
		if (!def) {
			unresolved(out, "the runtime is %s, and that file or key could not be read", src);
			goto out;
		}
	} else if (!strncmp(body, "opt:", 4) || !strncmp(body, "env:", 4)) {
		if (!def) {
			unresolved(out,
				   !strncmp(body, "opt:", 4) ? "the runtime is %s, set by a command-line option at deploy time"
							      : "the runtime is %s, set by an environment variable at deploy time",
				   src);
			goto out;
		}
	} else if (!def) {
		unresolved(out, "the runtime is %s, resolved by the framework at deploy time", src);
		goto out;
	}
	/* the default: plain or quoted text, or another reference */
	{
		size_t off = body_off == (size_t)-1 ? (size_t)-1 : body_off + def_off;
		char *d = xstrdup(def);
		trim(d);
		size_t dl = strlen(d);
		if (!strncmp(d, "self:", 5) || !strncmp(d, "opt:", 4) || !strncmp(d, "env:", 4) ||
		    !strncmp(d, "file(", 5)) {
			resolve_ref(s, f, at, d, (size_t)-1, depth + 1, out);
			char step[300];
			snprintf(step, sizeof(step), "default of %.200s", src);
			add_via(out, step);
			free(d);
			goto out;
		}
		if (dl >= 2 && (d[0] == '\'' || d[0] == '"') && d[dl - 1] == d[0]) {
			d[dl - 1] = '\0';
			memmove(d, d + 1, dl - 1);
			if (off != (size_t)-1)
				off++;
		}
		resolve_text(s, f, at, d, off, depth + 1, out);
		char step[300];
		snprintf(step, sizeof(step), "default of %.200s", src);
		add_via(out, step);
		free(d);
	}
out:
	if (body != copy)
		free(body);
	free(copy);
}

/* resolve_text resolves a string that may hold ${...} references. `text_off` is where
 * `text` starts within the scalar `at` (SIZE_MAX when it is not written there verbatim). */
static void resolve_text(struct sls *s, const struct iac_file *f, const struct doc_node *at, const char *text,
			 size_t text_off, int depth, struct sval *out)
{
	memset(out, 0, sizeof(*out));
	if (depth > MAX_VAR_DEPTH) {
		unresolved(out, "variables nest too deeply to resolve (a cycle?)");
		return;
	}
	if (++s->steps > MAX_STEPS) {
		unresolved(out, "variables take too many steps to resolve");
		return;
	}
	const char *open = strstr(text, "${");
	if (!open) {
		out->value = xstrdup(text);
		iac_origin_of(&out->origin, f, at);
		if (text_off != (size_t)-1 && at && at->in_place) {
			out->origin.start = at->vstart + text_off;
			out->origin.end = out->origin.start + strlen(text);
			if (!memchr(f->buf + at->vstart, '\n', at->vend - at->vstart)) /* point at the default itself */
				out->origin.column += (long)text_off + (at->quoted ? 1 : 0);
		} else {
			out->origin.in_place = false;
		}
		return;
	}
	const char *close = ref_end(open);
	if (!close) {
		unresolved(out, "the runtime \"%.200s\" has an unclosed ${", text);
		return;
	}
	if (open == text && close[1] == '\0') { /* the whole value is one reference */
		char *body = xstrndup(open + 2, (size_t)(close - open - 2));
		resolve_ref(s, f, at, body, text_off == (size_t)-1 ? (size_t)-1 : text_off + 2, depth, out);
		free(body);
		return;
	}
	/* text around references: substitute each; the result is not written anywhere as is */
	char *acc = xstrndup(text, (size_t)(open - text));
	while (open) {
		struct sval part;
		char *body = xstrndup(open + 2, (size_t)(close - open - 2));
		resolve_ref(s, f, at, body, (size_t)-1, depth, &part);
		free(body);
		if (!part.value) {
			free(acc);
			*out = part;
			out->origin.in_place = false;
			return;
		}
		if (strlen(acc) + strlen(part.value) > MAX_VALUE) {
			free(acc);
			free(part.value);
			unresolved(out, "the runtime built from variables is longer than %d bytes", MAX_VALUE);
			return;
		}
		char *next = xasprintf("%s%s", acc, part.value);
		free(acc);
		free(part.value);
		acc = next;
		const char *rest = close + 1;
		open = strstr(rest, "${");
		if (open && !(close = ref_end(open))) {
			free(acc);
			unresolved(out, "the runtime \"%.200s\" has an unclosed ${", text);
			return;
		}
		char *n2 = xasprintf("%s%.*s", acc, (int)(open ? (size_t)(open - rest) : strlen(rest)), rest);
		free(acc);
		acc = n2;
	}
	out->value = acc;
	iac_origin_of(&out->origin, f, at);
	out->origin.in_place = false;
	snprintf(out->via, sizeof(out->via), "variables in \"%.200s\"", text);
}

static void resolve_node(struct sls *s, const struct iac_file *f, const struct doc_node *n, int depth,
			 struct sval *out)
{
	memset(out, 0, sizeof(*out));
	if (!n || n->type != DOC_SCALAR || n->null) {
		iac_origin_of(&out->origin, f, n);
		unresolved(out, "%s", n && n->type != DOC_SCALAR ? "the runtime is not a string" : "the runtime is empty");
		return;
	}
	resolve_text(s, f, n, n->str, 0, depth, out);
	if (!out->origin.path) { /* unresolved: point at the value that could not be */
		iac_origin_of(&out->origin, f, n);
		out->origin.in_place = false;
	}
}

/* file_of is the file (the service file or a loaded one) opened as `path`. */
static const struct iac_file *file_of(const struct sls *s, const char *path)
{
	if (!path || !strcmp(path, s->f->path))
		return s->f;
	for (size_t i = 0; i < s->nfiles; i++)
		if (s->files[i].d && !strcmp(s->files[i].f.path, path))
			return &s->files[i].f;
	return NULL;
}

/* suppressed: a sunset:ignore comment before the function, its runtime key or the value. */
static const char *suppressed(struct sls *s, const struct iac_origin *o, char *out, size_t n)
{
	const struct iac_file *in = s->decl_in ? s->decl_in : s->f, *vf = file_of(s, o->path);
	struct {
		const struct iac_file *f;
		long line;
	} at[3] = {{in, s->decl_key ? s->decl_key->line : 0}, {in, s->rt_key ? s->rt_key->line : 0}, {vf, o->line}};
	for (int i = 0; i < 3; i++) {
		if (!at[i].f || !at[i].line)
			continue;
		const char *r = iac_ignore_comment(s->ctx, at[i].f->rel, at[i].f->buf, at[i].f->len, at[i].line, out, n);
		if (r)
			return r;
	}
	return NULL;
}

/* emit hands one value to the scan; a value with no origin is located at `fallback_at` in
 * file `in`. */
static void emit(struct sls *s, struct sval *v, const char *extra_via, const struct iac_file *in,
		 const struct doc_node *fallback_at)
{
	if (extra_via)
		add_via(v, extra_via);
	if (!v->origin.path)
		iac_origin_of(&v->origin, in, fallback_at);
	char why_suppressed[300];
	const char *suppress = suppressed(s, &v->origin, why_suppressed, sizeof(why_suppressed));
	if (s->f->template_source)
		v->origin.generated = true;
	if (v->value && (strstr(v->value, "{{") || strstr(v->value, "{%"))) { /* template text left as written */
		char *text = v->value;
		v->value = NULL;
		unresolved(v, "the runtime is the template text \"%.200s\", filled in when the project is generated", text);
		free(text);
	}
	struct resource r = {
		.source = "serverless",
		.kind = s->kind,
		.resource = s->resource,
		.function = s->name,
		.file = v->origin.rel,
		.line = v->origin.line,
		.column = v->origin.column,
		.runtime = v->value,
		.package_type = s->package_type,
		.via = v->via[0] ? v->via : NULL,
		.reason = v->value ? NULL : v->reason,
		.suppress = suppress,
	};
	if (iac_emit(s->ctx, &r, &v->origin) < 0)
		s->rc = -1;
	free(v->value);
	v->value = NULL;
}

/* framework_major reads the major version frameworkVersion pins ("3", "^3.38.0",
 * ">=2.0.0 <4.0.0" when both bounds agree); 0 when it is absent or spans majors. */
static int framework_major(const struct doc_node *fv)
{
	const char *s = doc_str(fv);
	int major = 0;
	if (!s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || (p > s && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.')))
			continue;
		int m = atoi(p);
		bool upper = false;
		for (const char *q = p; q > s && strchr(" =", q[-1]); q--)
			if (q[-1] == '=' && q - 1 > s && q[-2] == '<')
				upper = true;
		if (p > s && p[-1] == '<')
			upper = true;
		if (upper) {
			if (major && m != major + 1 && m != major)
				return 0;
			continue;
		}
		if (major && m != major)
			return 0;
		major = m;
	}
	return major;
}

/* scan_function scans one function, written in file `in` (the service file, or one that
 * functions: ${file(...)} loads). */
static void scan_function(struct sls *s, const struct iac_file *in, const char *name, const struct doc_node *key,
			  const struct doc_node *fn, const struct doc_node *provider_rt, int major)
{
	char resource[300];
	struct sval v;
	snprintf(resource, sizeof(resource), "functions.%s", name);
	s->name = name;
	s->resource = resource;
	s->kind = "function";
	s->package_type = doc_get(fn, "image") ? "Image" : NULL;
	const struct doc_node *rt = doc_get(fn, "runtime");
	static const char *const fn_keys[] = {"runtime", "image", "handler", NULL};
	iac_warn_miscased(s->ctx, in, fn, fn_keys);
	s->decl_in = in;
	s->decl_key = key;
	s->rt_key = NULL;
	for (size_t i = 0; i < fn->n; i++)
		if (doc_str(fn->keys[i]) && !strcmp(fn->keys[i]->str, "runtime"))
			s->rt_key = fn->keys[i];
	if (rt) {
		resolve_node(s, in, rt, 0, &v);
		emit(s, &v, NULL, in, key);
	} else if (s->package_type) {
		memset(&v, 0, sizeof(v));
		emit(s, &v, NULL, in, key);
	} else if (provider_rt) {
		resolve_node(s, s->f, provider_rt, 0, &v);
		emit(s, &v, "provider.runtime", in, key);
	} else {
		memset(&v, 0, sizeof(v));
		for (size_t i = 0; i < sizeof(framework_defaults) / sizeof(framework_defaults[0]); i++)
			if (framework_defaults[i].major == major) {
				v.value = xstrdup(framework_defaults[i].runtime);
				snprintf(v.via, sizeof(v.via), "framework default (%s)", framework_defaults[i].note);
			}
		if (!v.value)
			snprintf(v.reason, sizeof(v.reason), "%s",
				 "no runtime is set on the function or the provider, so the framework's default applies, "
				 "and frameworkVersion does not pin a major version whose default is known");
		iac_origin_of(&v.origin, in, key);
		v.origin.in_place = false;
		emit(s, &v, NULL, in, key);
	}
}

static void scan_layers(struct sls *s, const struct doc_node *layers)
{
	for (size_t i = 0; layers && layers->type == DOC_MAP && i < layers->n && !s->rc; i++) {
		const char *name = doc_str(layers->keys[i]);
		const struct doc_node *rts = doc_get(layers->vals[i], "compatibleRuntimes");
		static const char *const layer_keys[] = {"compatibleRuntimes", NULL};
		iac_warn_miscased(s->ctx, s->f, layers->vals[i], layer_keys);
		char resource[300];
		if (!name || !rts || rts->type != DOC_SEQ)
			continue;
		snprintf(resource, sizeof(resource), "layers.%s", name);
		s->name = name;
		s->resource = resource;
		s->kind = "layer";
		s->package_type = NULL;
		s->decl_in = s->f;
		s->decl_key = layers->keys[i];
		s->rt_key = NULL;
		for (size_t j = 0; j < rts->n; j++) {
			struct sval v;
			resolve_node(s, s->f, rts->vals[j], 0, &v);
			emit(s, &v, NULL, s->f, rts->vals[j]);
		}
	}
}

/* each_function walks `functions`: a map, or a list of maps (also through ${file()}). */
static void each_function(struct sls *s, const struct iac_file *in, const struct doc_node *fns,
			  const struct doc_node *provider_rt, int major, int depth)
{
	if (!fns || depth > 3)
		return;
	if (fns->type == DOC_SEQ) {
		for (size_t i = 0; i < fns->n; i++)
			each_function(s, in, fns->vals[i], provider_rt, major, depth + 1);
		return;
	}
	if (fns->type == DOC_SCALAR && doc_str(fns) && !strncmp(fns->str, "${file(", 7)) {
		char *body = xstrdup(fns->str + 7), *close = strchr(body, ')');
		if (close) {
			*close = '\0';
			char why[200] = "";
			struct loaded *l = load_file(s, in, body, why, sizeof(why));
			const char *key = close[1] == ':' ? close + 2 : "";
			if (!l && *why)
				iac_error(s->ctx, in->rel, fns->line, fns->column, "functions from ${file(%.150s)} not read: %s",
					  body, why);
			if (l) {
				char *k = xstrndup(key, strcspn(key, "}"));
				each_function(s, &l->f, *k ? doc_get_path(doc_root(l->d), k) : doc_root(l->d), provider_rt,
					      major, depth + 1);
				free(k);
			}
		}
		free(body);
		return;
	}
	for (size_t i = 0; fns->type == DOC_MAP && i < fns->n && !s->rc; i++)
		if (doc_str(fns->keys[i]) && fns->vals[i] && fns->vals[i]->type == DOC_MAP)
			scan_function(s, in, fns->keys[i]->str, fns->keys[i], fns->vals[i], provider_rt, major);
}

/* scan_resources scans `resources`: raw CloudFormation (a map with Resources), a list of
 * such blocks, or ${file(...)} includes of them, each located in the file it is written in. */
static void scan_resources(struct sls *s, const struct iac_file *in, const struct doc_node *res, int depth)
{
	if (!res || depth > 3 || s->rc)
		return;
	if (res->type == DOC_SEQ) {
		for (size_t i = 0; i < res->n; i++)
			scan_resources(s, in, res->vals[i], depth + 1);
		return;
	}
	if (res->type == DOC_MAP) {
		if (cfn_scan_resources(s->ctx, in, res, "serverless") < 0)
			s->rc = -1;
		return;
	}
	const char *text = doc_str(res);
	if (!text || strncmp(text, "${file(", 7))
		return;
	char *body = xstrdup(text + 7), *close = strchr(body, ')');
	if (close) {
		*close = '\0';
		char why[200] = "";
		struct loaded *l = load_file(s, in, body, why, sizeof(why));
		const char *key = close[1] == ':' ? close + 2 : "";
		if (!l && *why)
			iac_error(s->ctx, in->rel, res->line, res->column, "resources from ${file(%.150s)} not read: %s", body,
				  why);
		if (l) {
			char *k = xstrndup(key, strcspn(key, "}"));
			scan_resources(s, &l->f, *k ? doc_get_path(doc_root(l->d), k) : doc_root(l->d), depth + 1);
			free(k);
		}
	}
	free(body);
}

int sls_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure)
{
	struct doc *d = iac_load_doc(ctx, f, sure); /* not sure: YAML that mentions provider, silently */
	if (!d)
		return sure ? -1 : 0;
	const struct doc_node *root = doc_root(d), *provider = doc_get(root, "provider");
	const char *pname = doc_str(provider) ? provider->str : doc_str(doc_get(provider, "name"));
	if (!root || root->type != DOC_MAP || !provider || !pname || strcmp(pname, "aws") ||
	    (!doc_get(root, "service") && !doc_get(root, "functions"))) {
		doc_free(d);
		return 0;
	}
	struct sls s = {.ctx = ctx, .f = f, .root = root};
	static const char *const root_keys[] = {"service", "provider", "functions", "layers", "resources",
						"frameworkVersion", NULL};
	static const char *const provider_keys[] = {"runtime", "name", NULL};
	iac_warn_miscased(ctx, f, root, root_keys);
	iac_warn_miscased(ctx, f, provider, provider_keys);
	int major = framework_major(doc_get(root, "frameworkVersion"));
	each_function(&s, f, doc_get(root, "functions"), doc_get(provider, "runtime"), major, 0);
	scan_layers(&s, doc_get(root, "layers"));
	scan_resources(&s, f, doc_get(root, "resources"), 0);
	for (size_t i = 0; i < s.nfiles; i++) {
		free(s.files[i].path);
		free(s.files[i].rel);
		free(s.files[i].buf);
		doc_free(s.files[i].d);
	}
	doc_free(d);
	return s.rc < 0 ? -1 : 1;
}
