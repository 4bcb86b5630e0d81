/* upgrade_report: --from-report: plan every flagged live or inventory function of a
 * `sunset scan -f json` report, one at a time; with --apply carry out the ready ones in
 * order, stopping at the first that does not finish unless --keep-going. */
#include "upgrade.h"

#include <stdlib.h>
#include <string.h>

#include "../msg.h"
#include "../xalloc.h"

struct target {
	char *function, *region, *alias;
};

static int flagged(json_t *f)
{
	const char *st = json_string_value(json_object_get(f, "status"));
	const char *src = json_string_value(json_object_get(f, "source"));
	return st && src && (!strcmp(src, "aws") || !strcmp(src, "inventory")) && strcmp(st, "supported") &&
	       strcmp(st, "not_applicable") && !json_is_true(json_object_get(f, "suppressed")) &&
	       json_string_value(json_object_get(f, "function")) && json_string_value(json_object_get(f, "region"));
}

/* targets: one per (region, function), in report order; the alias is --alias or the one
 * alias the report shows routing to a flagged version of the function */
static size_t targets(json_t *doc, const char *alias, struct target **out, size_t *templates)
{
	struct target *t = NULL;
	size_t n = 0, alloc = 0, i;
	json_t *f;
	*templates = 0;
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		if (!flagged(f)) {
			const char *src = json_string_value(json_object_get(f, "source"));
			if (src && strcmp(src, "aws") && strcmp(src, "inventory") &&
			    !json_is_true(json_object_get(f, "suppressed")))
				(*templates)++;
			continue;
		}
		const char *fn = json_string_value(json_object_get(f, "function"));
		const char *rg = json_string_value(json_object_get(f, "region"));
		const char *al = json_string_value(json_object_get(json_array_get(json_object_get(f, "aliases"), 0), "name"));
		size_t k;
		for (k = 0; k < n; k++)
			if (!strcmp(t[k].function, fn) && !strcmp(t[k].region, rg))
				break;
		if (k == n) {
			ALLOC_GROW(t, n + 1, alloc);
			t[n++] = (struct target){xstrdup(fn), xstrdup(rg), xstrdup(alias)};
		}
		if (!t[k].alias && al)
			t[k].alias = xstrdup(al);
	}
	*out = t;
	return n;
}

int upgrade_from_report(const char *path, const struct upgrade_opts *base, const struct classifier *cl,
			const struct catalog *cat, FILE *out, bool keep_going)
{
	json_error_t e;
	json_t *doc = json_load_file(path, 0, &e);
	if (!doc || !json_is_array(json_object_get(doc, "findings"))) {
		if (doc)
			errorf("%s: not a sunset JSON report (no \"findings\" array)", path);
		else
			errorf("%s:%d:%d: not a sunset JSON report: %s", path, e.line, e.column, e.text);
		json_decref(doc);
		return -2;
	}
	struct target *t;
	size_t ntemplates, n = targets(doc, base->alias, &t, &ntemplates);
	json_t *plans = json_array(), *apart = json_array();
	int ready = 0, refused = 0, failed = 0, done = 0, rolled = 0;
	bool stop = false;
	for (size_t i = 0; i < n; i++) {
		struct upgrade_opts o = *base;
		char *journal = NULL;
		o.function = t[i].function;
		o.region = t[i].region;
		o.alias = t[i].alias;
		if (!o.alias) {
			json_array_append_new(apart, json_pack("{s:s, s:s, s:s}", "function", o.function, "region", o.region,
							       "reason", "no alias routes to it: create one, or name it with --alias"));
			refused++;
			continue;
		}
		if (!base->journal || n > 1)
			o.journal = journal = xasprintf("upgrade-%s-%s-%s.journal.json", o.region, o.function, o.alias);
		struct upgrade_aws a;
		struct upgrade_plan p;
		if (upgrade_aws_open(&a, o.profile, o.region, o.endpoint_url, o.invoke_timeout_s) < 0) {
			free(journal);
			failed++;
			break;
		}
		if (upgrade_plan_make(&a, &o, cl, cat, &p) < 0) {
			json_array_append_new(apart, json_pack("{s:s, s:s, s:s}", "function", o.function, "region", o.region,
							       "reason", "it could not be read"));
			failed++;
		} else {
			if (o.json) {
				json_array_append_new(plans, upgrade_plan_json(&p));
			} else {
				upgrade_plan_text(out, &p);
				fputc('\n', out);
			}
			if (p.refusals) {
				struct strbuf why = {0};
				for (size_t c = 0; c < p.nchecks; c++)
					if (p.checks[c].verdict == UV_REFUSE)
						sb_addf(&why, "%s%s: %s", why.len ? "; " : "", p.checks[c].name, p.checks[c].reason);
				json_array_append_new(apart, json_pack("{s:s, s:s, s:s}", "function", o.function, "region",
								       o.region, "reason", why.buf ? why.buf : ""));
				sb_release(&why);
				refused++;
			} else {
				ready++;
				if (o.apply && !stop) {
					fflush(out);
					int rc = upgrade_apply(&a, &p);
					done += rc == 0;
					rolled += rc != 0;
					if (rc != 0 && !keep_going)
						stop = true;
				}
			}
			upgrade_plan_release(&p);
		}
		upgrade_aws_close(&a);
		free(journal);
		if (upgrade_interrupted)
			stop = true;
	}
	if (base->json) {
		json_t *j = json_pack("{s:s, s:o, s:o, s:i, s:i}", "report", path, "plans", plans, "apart", apart, "ready",
				      ready, "template_findings", (int)ntemplates);
		json_dumpf(j, out, JSON_INDENT(2));
		fputc('\n', out);
		json_decref(j);
	} else {
		json_t *x;
		size_t k;
		fprintf(out, "from %s: %zu function%s flagged, %d ready to upgrade in place, %zu listed apart\n", path, n,
			n == 1 ? "" : "s", ready, json_array_size(apart));
		json_array_foreach(apart, k, x)
			fprintf(out, "  apart: %s (%s): %s\n", json_string_value(json_object_get(x, "function")),
				json_string_value(json_object_get(x, "region")), json_string_value(json_object_get(x, "reason")));
		if (ntemplates)
			fprintf(out, "  %zu template finding%s: change the templates (sunset scan --fix)\n", ntemplates,
				ntemplates == 1 ? "" : "s");
		json_decref(plans);
		json_decref(apart);
	}
	if (base->apply)
		fprintf(out, "applied: %d upgraded, %d rolled back or stopped%s\n", done, rolled,
			stop && rolled ? " (stopped at the first; --keep-going goes on)" : "");
	for (size_t i = 0; i < n; i++) {
		free(t[i].function);
		free(t[i].region);
		free(t[i].alias);
	}
	free(t);
	json_decref(doc);
	if (failed)
		return -1;
	if (rolled)
		return 1;
	return refused ? 1 : 0;
}
