/* update/update.c: fetch a runtimes page, validate it against the built-in catalog, print
 * what changed against the catalog in use, and write the user's cache. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/http.h"
#include "catalog/catalog_cache.h"
#include "util/msg.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "update/update.h"

#define MAX_PAGE_BYTES (8u << 20)
#define MIN_RUNTIMES 40

/* ---- fetching ---- */

static bool is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

static int read_file(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errorf("%s: cannot open: %s", path, strerror(errno));
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + n > MAX_PAGE_BYTES) {
			rc = errorf("%s: larger than %u bytes", path, MAX_PAGE_BYTES);
			break;
		}
		sb_add(out, buf, n);
	}
	if (rc == 0 && ferror(f))
		rc = errorf("%s: cannot read: %s", path, strerror(errno));
	fclose(f);
	return rc;
}

static int fetch(const char *from, struct strbuf *out)
{
	if (is_url(from))
		return http_get(from, MAX_PAGE_BYTES, out);
	if (!strncmp(from, "file://", 7))
		from += 7;
	return read_file(from, out);
}

/* ---- the new catalog ---- */

struct entry {
	struct catalog_entry e; /* strings owned */
	const char *kept;       /* not on the page: why it is kept (static text), else NULL */
};

struct result {
	struct entry *v;
	size_t n, alloc;
	struct strbuf kept_names;
};

static void add_entry(struct result *r, const struct catalog_entry *src, const char *kept)
{
	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	struct entry *d = &r->v[r->n++];
	d->e = *src;
	d->e.runtime = xstrdup(src->runtime);
	d->e.family = xstrdup(src->family);
	d->e.os = xstrdup(src->os ? src->os : "");
	d->e.notes = xstrdup(src->notes ? src->notes : "");
	d->kept = kept;
}

static void result_release(struct result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].e.runtime);
		free(r->v[i].e.family);
		free(r->v[i].e.os);
		free(r->v[i].e.notes);
	}
	free(r->v);
	sb_release(&r->kept_names);
}

static const struct update_row *page_find(const struct update_page *p, const char *runtime)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].runtime, runtime))
			return &p->v[i];
	return NULL;
}

/* why_missing: the reason a catalog runtime may be absent from the page, or NULL. */
static const char *why_missing(const struct catalog_entry *e, date_t today)
{
	if (e->image_only)
		return "a container-image base only, never listed as a runtime";
	if (e->deprecated != DATE_NONE && e->deprecated <= today)
		return "deprecated and no longer listed on the page";
	return NULL;
}

static int build(const struct update_opts *o, const char *origin, const struct update_page *p,
		 const struct catalog *builtin, struct result *r)
{
	int errors = 0;
	if (p->n < MIN_RUNTIMES) {
		errorf("%s: only %zu runtimes in the tables (%s), fewer than %d: the page looks cut off or is not "
		       "the Lambda runtimes page",
		       origin, p->n, p->tables, MIN_RUNTIMES);
		errors++;
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct update_row *row = &p->v[i];
		const struct update_row *first = page_find(p, row->runtime);
		if (first != row) {
			if (first->deprecated != row->deprecated || first->block_create != row->block_create ||
			    first->block_update != row->block_update) {
				errorf("%s:%ld: %s is listed again (line %ld) with other dates", origin, row->line,
				       row->runtime, first->line);
				errors++;
			}
			continue;
		}
		const struct catalog_entry *known = catalog_find(builtin, row->runtime);
		if (!known)
			known = catalog_find(o->in_use, row->runtime);
		struct catalog_entry e = {0};
		e.runtime = row->runtime;
		e.family = (char *)(known ? known->family : update_family_of(row->runtime));
		if (!e.family) {
			errorf("%s:%ld: new runtime \"%s\" belongs to no known family (nodejs, python, java, dotnet, "
			       "ruby, provided)",
			       origin, row->line, row->runtime);
			errors++;
			continue;
		}
		e.os = *row->os ? row->os : (known ? known->os : "");
		e.deprecated = row->deprecated;
		e.block_create = row->block_create;
		e.block_update = row->block_update;
		e.image_only = known ? known->image_only : strstr(row->name, "container") != NULL;
		char *notes = known ? NULL : xasprintf("listed on the Lambda runtimes page as \"%s\"", row->name);
		e.notes = known ? known->notes : notes;
		add_entry(r, &e, NULL);
		free(notes);
	}
	/* every runtime the built-in catalog knows is on the page or explained */
	for (int pass = 0; pass < 2; pass++) {
		const struct catalog *c = pass == 0 ? builtin : o->in_use;
		for (size_t i = 0; i < catalog_count(c); i++) {
			const struct catalog_entry *e = catalog_at(c, i);
			if (page_find(p, e->runtime))
				continue;
			bool done = false;
			for (size_t k = 0; k < r->n && !done; k++)
				done = !strcmp(r->v[k].e.runtime, e->runtime);
			if (done)
				continue;
			const char *why = why_missing(e, o->today);
			if (why) {
				add_entry(r, e, why);
				if (r->kept_names.len)
					sb_adds(&r->kept_names, ", ");
				sb_adds(&r->kept_names, e->runtime);
			} else if (pass == 0) {
				errorf("%s: %s (in the built-in catalog, %s) is not on the page, and it is neither "
				       "deprecated nor a container-image base: the page looks incomplete",
				       origin, e->runtime,
				       e->deprecated == DATE_NONE ? "no deprecation date" : "deprecation in the future");
				errors++;
			}
			/* a runtime only the cache had, missing now and unexplained: removed */
		}
	}
	return errors ? -1 : 0;
}

static int cmp_entry(const void *a, const void *b)
{
	return catalog_cmp_listing(&((const struct entry *)a)->e, &((const struct entry *)b)->e);
}

static json_t *date_json(date_t d)
{
	char buf[11];
	return d == DATE_NONE ? json_null() : json_string(date_format(d, buf));
}

static char *catalog_text(const struct update_opts *o, const char *origin, const struct result *r)
{
	char d[11];
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct catalog_entry *e = &r->v[i].e;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:s}", "runtime", e->runtime,
						     "family", e->family, "os", e->os, "deprecation_date",
						     date_json(e->deprecated), "block_create_date",
						     date_json(e->block_create), "block_update_date",
						     date_json(e->block_update), "image_only", e->image_only, "notes",
						     e->notes));
	}
	char *src = xasprintf("AWS Lambda runtimes page (%s), fetched %s by 'sunset runtimes --update'%s%s", origin,
			      date_format(o->today, d), r->kept_names.len ? "; kept from the catalogs in use, not on the page: " : "",
			      r->kept_names.len ? r->kept_names.buf : "");
	json_t *doc = json_pack("{s:i, s:s, s:s, s:o}", "schema", 1, "catalog_as_of", date_format(o->today, d), "source",
				src, "runtimes", arr);
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	free(src);
	char *out = xasprintf("%s\n", text);
	free(text);
	return out;
}

/* ---- what changed ---- */

static const char *const date_field[3] = {"deprecation_date", "block_create_date", "block_update_date"};
static const char *const date_label[3] = {"deprecation", "block create", "block update"};

static date_t date_at(const struct catalog_entry *e, int k)
{
	return k == 0 ? e->deprecated : k == 1 ? e->block_create : e->block_update;
}

static const char *dstr(date_t d, char buf[11])
{
	return d == DATE_NONE ? "-" : date_format(d, buf);
}

static void report_text(FILE *out, const struct update_opts *o, const char *origin, const struct update_page *p,
			const struct result *r)
{
	char d1[11], d2[11], d3[11];
	const struct catalog *cur = o->in_use;
	size_t nadd = 0, nchg = 0, nrem = 0, nkept = 0, same = 0;
	fprintf(out, "Lambda runtimes page %s: %zu runtimes (tables: %s)\n", origin, p->n, p->tables);
	fprintf(out, "Compared with the catalog in use: %s, catalog_as_of %s\n", catalog_source(cur),
		date_format(catalog_as_of(cur), d1));
	for (size_t i = 0; i < r->n; i++) {
		const struct catalog_entry *e = &r->v[i].e;
		if (catalog_find(cur, e->runtime))
			continue;
		if (!nadd++)
			fputs("\nNew runtimes:\n", out);
		fprintf(out, "  + %-16s %-9s %-18s deprecation %s, block create %s, block update %s\n", e->runtime,
			e->family, e->os, dstr(e->deprecated, d1), dstr(e->block_create, d2), dstr(e->block_update, d3));
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct catalog_entry *e = &r->v[i].e, *old = catalog_find(cur, e->runtime);
		if (!old)
			continue;
		bool any = false;
		for (int k = 0; k < 3; k++) {
			if (date_at(old, k) == date_at(e, k))
				continue;
			if (!nchg && !any)
				fputs("\nChanged:\n", out);
			fprintf(out, "  ~ %-16s %-13s %s -> %s\n", any ? "" : e->runtime, date_label[k],
				dstr(date_at(old, k), d1), dstr(date_at(e, k), d2));
			any = true;
		}
		if (strcmp(old->os, e->os)) {
			if (!nchg && !any)
				fputs("\nChanged:\n", out);
			fprintf(out, "  ~ %-16s %-13s %s -> %s\n", any ? "" : e->runtime, "os", old->os, e->os);
			any = true;
		}
		if (any)
			nchg++;
		else if (!r->v[i].kept)
			same++;
	}
	for (size_t i = 0; i < catalog_count(cur); i++) {
		const struct catalog_entry *e = catalog_at(cur, i);
		bool there = false;
		for (size_t k = 0; k < r->n && !there; k++)
			there = !strcmp(r->v[k].e.runtime, e->runtime);
		if (there)
			continue;
		if (!nrem++)
			fputs("\nRemoved (no longer on the page, not deprecated in the catalog in use):\n", out);
		fprintf(out, "  - %s\n", e->runtime);
	}
	for (size_t i = 0; i < r->n; i++) {
		if (!r->v[i].kept)
			continue;
		if (!nkept++)
			fputs("\nNot on the page, kept as they are:\n", out);
		fprintf(out, "    %-16s %s\n", r->v[i].e.runtime, r->v[i].kept);
	}
	fprintf(out, "\n%zu new, %zu changed, %zu removed, %zu kept, %zu unchanged\n", nadd, nchg, nrem, nkept, same);
}

static json_t *entry_json(const struct catalog_entry *e)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "runtime", e->runtime, "family", e->family, "os", e->os,
			 "deprecation_date", date_json(e->deprecated), "block_create_date", date_json(e->block_create),
			 "block_update_date", date_json(e->block_update));
}

static json_t *report_json(const struct update_opts *o, const char *origin, const struct update_page *p,
			   const struct result *r, const char *written)
{
	char d1[11], d2[11];
	const struct catalog *cur = o->in_use;
	json_t *added = json_array(), *changed = json_array(), *removed = json_array(), *kept = json_array();
	size_t same = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct catalog_entry *e = &r->v[i].e, *old = catalog_find(cur, e->runtime);
		if (r->v[i].kept)
			json_array_append_new(kept, json_pack("{s:s, s:s}", "runtime", e->runtime, "reason", r->v[i].kept));
		if (!old) {
			json_array_append_new(added, entry_json(e));
			continue;
		}
		json_t *ch = json_array();
		for (int k = 0; k < 3; k++)
			if (date_at(old, k) != date_at(e, k))
				json_array_append_new(ch, json_pack("{s:s, s:o, s:o}", "field", date_field[k], "old",
								    date_json(date_at(old, k)), "new",
								    date_json(date_at(e, k))));
		if (strcmp(old->os, e->os))
			json_array_append_new(ch, json_pack("{s:s, s:s, s:s}", "field", "os", "old", old->os, "new", e->os));
		if (json_array_size(ch))
			json_array_append_new(changed, json_pack("{s:s, s:o}", "runtime", e->runtime, "changes", ch));
		else {
			json_decref(ch);
			same += !r->v[i].kept;
		}
	}
	for (size_t i = 0; i < catalog_count(cur); i++) {
		const struct catalog_entry *e = catalog_at(cur, i);
		bool there = false;
		for (size_t k = 0; k < r->n && !there; k++)
			there = !strcmp(r->v[k].e.runtime, e->runtime);
		if (!there)
			json_array_append_new(removed, json_pack("{s:s}", "runtime", e->runtime));
	}
	return json_pack("{s:s, s:s, s:i, s:{s:s, s:s}, s:o, s:o, s:o, s:o, s:i, s:o}", "from", origin, "catalog_as_of",
			 date_format(o->today, d1), "page_runtimes", (json_int_t)p->n, "compared_with",
			 "catalog_source", catalog_source(cur), "catalog_as_of", date_format(catalog_as_of(cur), d2),
			 "added", added, "changed", changed, "removed", removed, "kept", kept, "unchanged",
			 (json_int_t)same, "written", written ? json_string(written) : json_null());
}

/* ---- the run ---- */

int update_run(const struct update_opts *o)
{
	const char *origin = o->from ? o->from : UPDATE_DEFAULT_URL;
	struct strbuf body = {0};
	struct update_page page = {0};
	struct result r = {0};
	struct catalog *builtin = NULL, *check = NULL;
	char *text = NULL, *path = NULL;
	int rc = -1;

	if (catalog_load_builtin(&builtin) < 0)
		return -1;
	if (fetch(origin, &body) < 0)
		goto out;
	if (body.len == 0) {
		errorf("%s: the page is empty", origin);
		goto out;
	}
	const struct update_source *src = update_sources;
	while (src->name && !src->sniff(body.buf, body.len))
		src++;
	if (!src->name) {
		errorf("%s: not a page sunset can read runtimes from", origin);
		goto out;
	}
	debugf("%s: read as %s (%zu bytes)", origin, src->name, body.len);
	if (src->parse(body.buf, body.len, origin, &page) < 0 || build(o, origin, &page, builtin, &r) < 0)
		goto out;
	qsort(r.v, r.n, sizeof(*r.v), cmp_entry);
	text = catalog_text(o, origin, &r);
	/* what is written must load: the same checks as every later run */
	if (catalog_load_buffer(text, strlen(text), origin, &check) < 0)
		goto out;
	if (!o->dry_run) {
		path = catalog_cache_path();
		if (!path) {
			errorf("cannot find the cache folder: set XDG_CACHE_HOME or HOME");
			goto out;
		}
		if (catalog_cache_write(path, text, strlen(text)) < 0)
			goto out;
	}
	struct outfile of;
	if (outfile_open(&of, o->output) < 0)
		goto out;
	if (o->json) {
		json_t *doc = report_json(o, origin, &page, &r, path);
		json_dumpf(doc, of.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', of.fp);
		json_decref(doc);
	} else {
		report_text(of.fp, o, origin, &page, &r);
	}
	if (outfile_commit(&of) < 0)
		goto out;
	char d[11];
	if (path)
		notef("wrote %s (catalog_as_of %s); later runs use it while it is the newest catalog", path,
		      date_format(o->today, d));
	else
		notef("dry run: nothing written");
	rc = 0;
out:
	if (rc < 0)
		errorf("%s: the runtime catalog was not updated; the catalog in use is unchanged", origin);
	catalog_free(check);
	catalog_free(builtin);
	result_release(&r);
	update_page_release(&page);
	sb_release(&body);
	free(text);
	free(path);
	return rc;
}
