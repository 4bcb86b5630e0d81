/* json: the JSON report (docs/json-output.md). Findings are streamed from the store one
 * per line, so memory does not grow with their number. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/finding.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "report/report.h"

/* aliases_json turns "name=weight,..." (every alias, however many: no fixed buffer) into
 * [{"name": ..., "weight": ...}, ...]. */
static json_t *aliases_json(const char *s)
{
	json_t *j = json_array();
	while (*s) {
		size_t n = strcspn(s, ",");
		const char *eq = NULL;
		for (const char *p = s; p < s + n; p++)
			if (*p == '=')
				eq = p;
		if (n) {
			json_t *a = json_object();
			json_object_set_new_nocheck(a, "name", json_stringn(s, eq ? (size_t)(eq - s) : n));
			json_object_set_new_nocheck(a, "weight", eq ? json_real(strtod(eq + 1, NULL)) : json_null());
			json_array_append_new(j, a);
		}
		s += n + (s[n] == ',');
	}
	return j;
}

/* finding_fill sets every field of `o` (reused from one finding to the next, so each
 * finding costs no object allocation) from f. */
static void finding_fill(json_t *o, const struct finding *f)
{
	for (unsigned i = 0; i < finding_fields_count; i++) {
		struct field_value v;
		json_t *j;
		finding_fields[i].get(f, &v);
		if (v.null) {
			j = json_null();
		} else if (v.type == FT_INT) {
			j = json_integer(v.num);
		} else if (v.type == FT_BOOL) {
			j = json_boolean(v.num);
		} else if (v.type == FT_DATE) {
			j = json_string_nocheck(v.date);
		} else if (v.type == FT_OBJECT) {
			j = json_loads(v.str, 0, NULL);
			if (!j)
				j = json_null();
		} else if (v.type == FT_ALIASES) {
			j = aliases_json(v.str);
		} else if (v.type == FT_LIST) {
			j = json_array();
			const char *p = v.str;
			while (*p) {
				const char *comma = strchr(p, ',');
				size_t n = comma ? (size_t)(comma - p) : strlen(p);
				json_array_append_new(j, json_stringn_nocheck(p, n));
				p += n + (comma != NULL);
			}
		} else {
			j = json_string_nocheck(v.str);
		}
		json_object_set_new_nocheck(o, finding_fields[i].name, j);
	}
}

struct json_ctx {
	FILE *out;
	const struct scan *scan;
	json_t *obj; /* reused for every finding */
	char *buf;   /* one finding's text, written with one fwrite */
	size_t cap;
	size_t n;
};

static int dump_line(FILE *out, const char *indent, json_t *v, bool comma)
{
	fputs(indent, out);
	if (!v || json_dumpf(v, out, JSON_PRESERVE_ORDER) < 0)
		return errorf("json: cannot encode an entry of the report");
	fputs(comma ? ",\n" : "\n", out);
	return 0;
}

static int each_finding(void *ctx, const struct finding *f)
{
	struct json_ctx *jc = ctx;
	size_t len;
	if (!scan_listed(jc->scan, f))
		return 0;
	finding_fill(jc->obj, f);
	/* jansson's dumpf makes one stdio call per token; dump to memory, write once. */
	while ((len = json_dumpb(jc->obj, jc->buf + 6, jc->cap - 6, JSON_PRESERVE_ORDER)) > jc->cap - 6) {
		jc->cap = len + 64;
		jc->buf = xrealloc(jc->buf, jc->cap);
	}
	if (len == 0)
		return errorf("json: cannot encode the finding for %s",
			      f->s[FS_RESOURCE] ? f->s[FS_RESOURCE] : "a resource");
	memcpy(jc->buf, ",\n    ", 6);
	if (jc->n++)
		fwrite(jc->buf, 1, len + 6, jc->out);
	else
		fwrite(jc->buf + 2, 1, len + 4, jc->out);
	return 0;
}

static json_t *summary_json(const struct scan *s)
{
	json_t *by = json_object();
	for (int i = 0; i < ST_COUNT; i++) {
		enum status st = status_report_order[i];
		json_object_set_new(by, status_name(st), json_integer((json_int_t)s->by_status[st]));
	}
	json_t *sev = json_object();
	size_t counts[SEV_HIGH + 1] = {0};
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			counts[status_severity((enum status)st)] += s->by_status[st];
	for (int v = SEV_HIGH; v >= SEV_INFO; v--)
		json_object_set_new(sev, severity_name((enum severity)v), json_integer((json_int_t)counts[v]));
	size_t findings = 0;
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			findings += s->by_status[st];
	json_t *changes = json_null();
	if (s->prior) { /* --baseline: new, known; --db: new, unchanged, worse, fixed, not_scanned */
		static const enum change base[] = {CH_NEW, CH_KNOWN};
		static const enum change hist[] = {CH_NEW, CH_UNCHANGED, CH_WORSE, CH_FIXED, CH_NOT_SCANNED};
		bool b = s->prior->mode == PRIOR_BASELINE;
		changes = json_object();
		for (size_t i = 0; i < (b ? 2u : 5u); i++) {
			enum change c = b ? base[i] : hist[i];
			json_object_set_new(changes, change_name(c), json_integer((json_int_t)s->changes[c]));
		}
	}
	json_t *sum = json_pack("{s:I, s:I, s:o, s:o, s:I, s:I, s:o}", "resources_scanned", (json_int_t)s->resources,
				"findings", (json_int_t)findings, "by_status", by, "by_severity", sev, "suppressed",
				(json_int_t)s->suppressed, "errors", (json_int_t)s->errors.total, "changes", changes);
	size_t ar, ar_ok;
	coverage_count(&s->cov, false, &ar, &ar_ok);
	if (sum) {
		json_object_set_new(sum, "account_regions", json_integer((json_int_t)ar));
		json_object_set_new(sum, "account_regions_scanned", json_integer((json_int_t)ar_ok));
	}
	if (sum && s->templates_scanned) {
		json_object_set_new(sum, "files_read", json_integer((json_int_t)s->files_read));
		json_object_set_new(sum, "templates", json_integer((json_int_t)s->templates));
	}
	return sum;
}

static json_t *error_json(const struct scan_error *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "source", e->source ? json_string(e->source) : json_null());
	json_object_set_new(o, "file", e->file ? json_string(e->file) : json_null());
	json_object_set_new(o, "line", e->line > 0 ? json_integer(e->line) : json_null());
	json_object_set_new(o, "column", e->column > 0 ? json_integer(e->column) : json_null());
	json_object_set_new(o, "account", e->account ? json_string(e->account) : json_null());
	json_object_set_new(o, "region", e->region ? json_string(e->region) : json_null());
	json_object_set_new(o, "message", json_string(e->message));
	return o;
}

static json_t *coverage_json(struct coverage *c, const struct cov_entry *e)
{
	json_t *o = json_object();
	if (e->input) {
		json_object_set_new(o, "input", json_string(e->input));
		json_object_set_new(o, "kind", json_string(e->kind));
	} else {
		const char *name = coverage_account_name(c, e->account);
		json_object_set_new(o, "account", e->account ? json_string(e->account) : json_null());
		json_object_set_new(o, "account_name", name ? json_string(name) : json_null());
		json_object_set_new(o, "region", e->region ? json_string(e->region) : json_null());
	}
	json_object_set_new(o, "status", json_string(coverage_status_name(e->status)));
	json_object_set_new(o, "functions", json_integer((json_int_t)e->functions));
	json_object_set_new(o, "versions", json_integer((json_int_t)e->versions));
	json_object_set_new(o, "error", e->error ? json_string(e->error) : json_null());
	return o;
}

/* dump_coverage writes the entries that are inputs (or account-regions) as one array. */
static int dump_coverage(FILE *out, struct coverage *c, bool inputs)
{
	size_t total = 0, done = 0, dummy;
	int rc = 0;
	coverage_count(c, inputs, &total, &dummy);
	for (size_t i = 0; i < c->n; i++) {
		if ((c->v[i].input != NULL) != inputs)
			continue;
		json_t *e = coverage_json(c, &c->v[i]);
		if (dump_line(out, "    ", e, ++done < total) < 0)
			rc = -1;
		json_decref(e);
	}
	return rc;
}

static json_t *suppression_json(const char *path, const struct suppression *e)
{
	char d[11];
	json_t *o = json_object();
	json_object_set_new(o, "file", json_string(path));
	json_object_set_new(o, "line", json_integer(e->line));
	for (int k = 0; k < SK_COUNT; k++)
		if (e->match[k])
			json_object_set_new(o, supp_key_names[k], json_string(e->match[k]));
	json_object_set_new(o, "reason", json_string(e->reason));
	json_object_set_new(o, "expires", e->expires == DATE_NONE ? json_null() : json_string(date_format(e->expires, d)));
	json_object_set_new(o, "expired", json_boolean(e->expired));
	json_object_set_new(o, "matched", json_integer((json_int_t)e->matched));
	return o;
}

static json_t *str_or_null(const char *v) { return v ? json_string(v) : json_null(); }

/* gone_json: a finding of the previous scan that this one does not have (fixed or not scanned). */
static json_t *gone_json(const struct prior_entry *e)
{
	char d[11];
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "status", e->status >= 0 ? json_string(status_name((enum status)e->status)) : json_null());
	json_object_set_new(o, "runtime", str_or_null(e->runtime));
	json_object_set_new(o, "source", str_or_null(e->source));
	json_object_set_new(o, "resource", str_or_null(e->resource));
	json_object_set_new(o, "function", str_or_null(e->function));
	json_object_set_new(o, "account", str_or_null(e->account));
	json_object_set_new(o, "region", str_or_null(e->region));
	json_object_set_new(o, "file", str_or_null(e->file));
	json_object_set_new(o, "first_seen", e->first_seen != DATE_NONE ? json_string(date_format(e->first_seen, d))
									 : json_null());
	return o;
}

static int gone_array(FILE *out, const struct scan *s, int which)
{
	size_t left = s->prior ? s->changes[which] : 0;
	int rc = 0;
	for (size_t i = 0; left && i < s->prior->n; i++) {
		if (s->prior->v[i].gone != which)
			continue;
		json_t *e = gone_json(&s->prior->v[i]);
		if (dump_line(out, "    ", e, --left > 0) < 0)
			rc = -1;
		json_decref(e);
	}
	return rc;
}

int report_json(FILE *out, struct report *r)
{
	struct scan *s = r->scan;
	char d1[11], d2[11];
	struct json_ctx jc = {out, s, json_object(), xmalloc(4096), 4096, 0};
	int rc = 0;

	json_t *head = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", FINDING_CHECK, "title", CHECK_TITLE, "risk",
				 CHECK_RISK, "cwe", CHECK_CWE, "tool_version", r->tool_version);
	json_t *sum = summary_json(s);
	json_t *src = json_string(catalog_source(r->cat));
	fprintf(out, "{\n  \"as_of\": \"%s\",\n  \"catalog_as_of\": \"%s\",\n  \"catalog_source\": ",
		date_format(s->as_of, d1), date_format(catalog_as_of(r->cat), d2));
	json_dumpf(src, out, JSON_ENCODE_ANY);
	json_decref(src);
	fprintf(out, ",\n  \"warn_days\": %d,\n", s->warn_days);
	fputs("  \"check\": ", out);
	json_dumpf(head, out, JSON_PRESERVE_ORDER);
	fputs(",\n  \"summary\": ", out);
	json_dumpf(sum, out, JSON_PRESERVE_ORDER);
	fputs(",\n  \"findings\": [\n", out);
	json_decref(head);
	json_decref(sum);
	if (fstore_each(s->store, each_finding, &jc) < 0)
		rc = -1;
	json_decref(jc.obj);
	free(jc.buf);
	fputs(jc.n ? "\n  ],\n  \"errors\": [\n" : "  ],\n  \"errors\": [\n", out);
	for (size_t i = 0; i < s->errors.n; i++) {
		json_t *e = error_json(&s->errors.v[i]);
		if (dump_line(out, "    ", e, i + 1 < s->errors.n) < 0)
			rc = -1;
		json_decref(e);
	}
	fputs("  ],\n  \"suppressions\": [\n", out);
	size_t ns = s->supp ? s->supp->n : 0;
	for (size_t i = 0; i < ns; i++) {
		json_t *e = suppression_json(s->supp->path, &s->supp->v[i]);
		if (dump_line(out, "    ", e, i + 1 < ns) < 0)
			rc = -1;
		json_decref(e);
	}
	fputs("  ],\n  \"fixed\": [\n", out);
	if (gone_array(out, s, CH_FIXED) < 0)
		rc = -1;
	fputs("  ],\n  \"not_scanned\": [\n", out);
	if (gone_array(out, s, CH_NOT_SCANNED) < 0)
		rc = -1;
	fputs("  ],\n  \"coverage\": [\n", out);
	if (dump_coverage(out, &s->cov, false) < 0)
		rc = -1;
	fputs("  ],\n  \"inputs\": [\n", out);
	if (dump_coverage(out, &s->cov, true) < 0)
		rc = -1;
	fputs("  ]\n}\n", out);
	return rc;
}
