/* iac: the table of template formats, and what every format shares: emitting a value
 * (and its --fix edit), recording an error, reading a file within limits. */
#include "iac/iac.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/msg.h"
#include "util/textenc.h"
#include "util/xalloc.h"

/* Offered in order; the first whose scan takes the file wins. */
const struct iac_format iac_formats[] = {
	{"terraform-plan", tfplan_sniff, tfplan_scan},
	{"terraform-json", tfjson_sniff, tfjson_scan},
	{"serverless", sls_sniff, sls_scan},
	{"cloudformation", cfn_sniff, cfn_scan},
};
const size_t iac_nformats = sizeof(iac_formats) / sizeof(iac_formats[0]);

void iac_origin_of(struct iac_origin *o, const struct iac_file *f, const struct doc_node *n)
{
	memset(o, 0, sizeof(*o));
	o->path = f->path;
	o->rel = f->rel;
	if (!n)
		return;
	o->line = n->line;
	o->column = n->column;
	o->start = n->vstart;
	o->end = n->vend;
	o->in_place = n->in_place;
}

static bool fixable(const struct iac_ctx *ctx, const struct classification *c, const struct resource *r,
		    const struct iac_origin *o)
{
	return ctx->opts->fix_at < ST_COUNT && (int)c->status >= ctx->opts->fix_at && c->status >= ST_UPCOMING &&
	       c->recommended && r->runtime && o && o->in_place && !o->generated && o->end > o->start &&
	       strcmp(c->recommended->runtime, r->runtime);
}

static size_t edit_hash(const char *path, size_t start)
{
	size_t h = 1469598103934665603ULL ^ start;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

/* edit_slot is where (path, start) is in the set, or the empty slot it would take. */
static size_t *edit_slot(struct iac_ctx *ctx, const char *path, size_t start)
{
	size_t mask = ctx->index_size - 1, i = edit_hash(path, start) & mask;
	while (ctx->edit_index[i]) {
		const struct iac_edit *e = &ctx->edits[ctx->edit_index[i] - 1];
		if (e->start == start && !strcmp(e->path, path))
			break;
		i = (i + 1) & mask;
	}
	return &ctx->edit_index[i];
}

static void edit_index_grow(struct iac_ctx *ctx)
{
	free(ctx->edit_index);
	ctx->index_size = ctx->index_size ? ctx->index_size * 2 : 256;
	ctx->edit_index = xcalloc(ctx->index_size, sizeof(*ctx->edit_index));
	for (size_t i = 0; i < ctx->nedits; i++)
		*edit_slot(ctx, ctx->edits[i].path, ctx->edits[i].start) = i + 1;
}

/* real_path is the file an edit must change: symbolic links resolved, one spelling per
 * file ("./a.yaml" and "a.yaml" are one), cached for runs of values in one file. */
static const char *real_path(struct iac_ctx *ctx, const char *path)
{
	char buf[PATH_MAX];
	if (ctx->last_path && !strcmp(ctx->last_path, path))
		return ctx->last_real;
	free(ctx->last_path);
	free(ctx->last_real);
	ctx->last_path = xstrdup(path);
	if (realpath(path, buf)) {
		ctx->last_real = xstrdup(buf);
	} else {
		ctx->last_real = xstrdup(path);
		iac_path_clean(ctx->last_real);
	}
	return ctx->last_real;
}

int iac_emit(struct iac_ctx *ctx, const struct resource *r, const struct iac_origin *o)
{
	struct classification c;
	struct resource rb = *r;
	rb.base = ctx->base;
	if (!rb.owner && rb.file) { /* the owners GitHub's CODEOWNERS gives the file */
		char *full = ctx->base ? xasprintf("%s/%s", ctx->base, rb.file) : NULL;
		rb.owner = codeowners_for(&ctx->owners, full ? full : rb.file);
		free(full);
	}
	if (scan_add_classified(ctx->scan, &rb, &c) < 0)
		return -1;
	if (!fixable(ctx, &c, r, o))
		return 0;
	if (2 * (ctx->nedits + 1) > ctx->index_size)
		edit_index_grow(ctx);
	const char *path = real_path(ctx, o->path);
	size_t *slot = edit_slot(ctx, path, o->start);
	if (*slot) /* a Global or default shared by many: changed once */
		return 0;
	*slot = ctx->nedits + 1;
	ALLOC_GROW(ctx->edits, ctx->nedits + 1, ctx->edits_alloc);
	struct iac_edit *e = &ctx->edits[ctx->nedits++];
	e->path = xstrdup(path);
	e->rel = xstrdup(o->rel);
	e->base = ctx->base;
	e->start = o->start;
	e->end = o->end;
	e->line = o->line;
	e->column = o->column;
	e->old = xstrdup(r->runtime);
	e->new = xstrdup(c.recommended->runtime);
	return 0;
}

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

bool iac_once(struct iac_ctx *ctx, const struct iac_origin *o, const char *resource, const char *value)
{
	/* by the path's spelling, tidied: a symbolic link inside the tree is a file of its own */
	char *key = xasprintf("%s\n%ld:%ld\n%s\n%s", o->path, o->line, o->column, resource ? resource : "",
			      value ? value : "");
	iac_path_clean(key);
	if (2 * (ctx->nonce + 1) > ctx->once_size) {
		size_t old = ctx->once_size;
		char **v = ctx->once;
		ctx->once_size = old ? old * 2 : 256;
		ctx->once = xcalloc(ctx->once_size, sizeof(*ctx->once));
		for (size_t i = 0; i < old; i++)
			if (v[i]) {
				size_t j = str_hash(v[i]) & (ctx->once_size - 1);
				while (ctx->once[j])
					j = (j + 1) & (ctx->once_size - 1);
				ctx->once[j] = v[i];
			}
		free(v);
	}
	size_t j = str_hash(key) & (ctx->once_size - 1);
	for (; ctx->once[j]; j = (j + 1) & (ctx->once_size - 1))
		if (!strcmp(ctx->once[j], key)) {
			free(key);
			return false;
		}
	ctx->once[j] = key;
	ctx->nonce++;
	return true;
}

void iac_warn_miscased(struct iac_ctx *ctx, const struct iac_file *f, const struct doc_node *map,
			const char *const *keys)
{
	for (size_t i = 0; map && map->type == DOC_MAP && i < map->n; i++) {
		const char *k = doc_str(map->keys[i]);
		for (size_t j = 0; k && keys[j]; j++) {
			if (strcasecmp(k, keys[j]) || !strcmp(k, keys[j]) || doc_get(map, keys[j]))
				continue;
			struct iac_origin o;
			iac_origin_of(&o, f, map->keys[i]);
			if (iac_once(ctx, &o, "miscased key", k))
				warnf("%s:%ld:%ld: key \"%s\" differs only in case from \"%s\", which sunset reads; it is "
				      "not read",
				      f->rel, map->keys[i]->line, map->keys[i]->column, k, keys[j]);
		}
	}
}

void iac_error(struct iac_ctx *ctx, const char *file, long line, long column, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	errlist_add(&ctx->scan->errors, "iac", file, line, column, NULL, NULL, "%s", msg);
}

int iac_read_raw(const struct fsp *policy, const char *path, long max, char **buf, size_t *len, char *msg,
		 size_t msgn)
{
	struct stat st;
	int fd = fsp_open(policy, path, msg, msgn);
	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		snprintf(msg, msgn, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (st.st_size > max) {
		snprintf(msg, msgn, "file is %lld bytes, over the limit of %ld bytes (--max-file-size); not scanned",
			 (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	size_t cap = (size_t)st.st_size, n = 0;
	char *b = xmalloc(cap + 1);
	while (n < cap) {
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(msg, msgn, "cannot read: %s", strerror(errno));
			free(b);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int iac_read_file(const struct fsp *policy, const char *path, long max, char **buf, size_t *len, char *msg,
		  size_t msgn)
{
	if (iac_read_raw(policy, path, max, buf, len, msg, msgn) < 0)
		return -1;
	textenc_decode(buf, len);
	return 0;
}

void iac_ctx_release(struct iac_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nedits; i++) {
		free(ctx->edits[i].path);
		free(ctx->edits[i].rel);
		free(ctx->edits[i].old);
		free(ctx->edits[i].new);
	}
	free(ctx->edits);
	free(ctx->edit_index);
	for (size_t i = 0; i < ctx->once_size; i++)
		free(ctx->once[i]);
	free(ctx->once);
	iac_ignore_release(ctx);
	ctx->once = NULL;
	ctx->once_size = ctx->nonce = 0;
	free(ctx->last_path);
	free(ctx->last_real);
	fsp_release(&ctx->fsp);
	codeowners_cache_release(&ctx->owners);
	ctx->last_path = ctx->last_real = NULL;
	ctx->edits = NULL;
	ctx->edit_index = NULL;
	ctx->nedits = ctx->edits_alloc = ctx->index_size = 0;
}

struct doc *iac_parse_doc(const char *buf, size_t len, struct budget *budget, struct doc_error *err)
{
	size_t i = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < len && buf[i] == '{')
		return doc_parse_json_budget(buf, len, budget, err);
	return doc_parse_yaml_budget(buf, len, budget, err);
}

char *iac_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	return xstrndup(path, slash ? (size_t)(slash - path) + 1 : 0);
}

void iac_path_clean(char *path)
{
	bool abs = path[0] == '/';
	char *copy = xstrdup(path), *save = NULL;
	char **segs = NULL;
	size_t n = 0, alloc = 0, lead = 0; /* lead: ".." kept at the start of a relative path */
	if (!*path) {
		free(copy);
		return;
	}
	for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..")) {
			if (n > lead)
				n--;
			else if (!abs)
				lead++;
			else
				continue;
			if (n < lead) {
				ALLOC_GROW(segs, n + 1, alloc);
				segs[n++] = t;
			}
			continue;
		}
		ALLOC_GROW(segs, n + 1, alloc);
		segs[n++] = t;
	}
	char *o = path;
	if (abs)
		*o++ = '/';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(segs[i]);
		if (i)
			*o++ = '/';
		memmove(o, segs[i], l);
		o += l;
	}
	if (o == path)
		*o++ = '.';
	*o = '\0';
	free(segs);
	free(copy);
}

struct doc *iac_load_doc(struct iac_ctx *ctx, const struct iac_file *f, bool report)
{
	struct doc_error err;
	struct doc *d = iac_parse_doc(f->buf, f->len, &ctx->scan->budget, &err);
	if (!d && report)
		iac_error(ctx, f->rel, err.line, err.column, "%s", err.message);
	return d;
}
