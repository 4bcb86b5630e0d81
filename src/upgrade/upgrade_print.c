/* upgrade_print: the plan as text for people and as JSON for machines. */
#include "upgrade/upgrade.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/quote.h"
#include "util/xalloc.h"

static const char *cfg(const struct upgrade_plan *p, const char *key)
{
	return json_string_value(json_object_get(p->config, key));
}

static void fmt_duration(double s, char buf[32])
{
	if (s >= 60 && (long)s % 60 == 0)
		snprintf(buf, 32, "%ldm", (long)s / 60);
	else
		snprintf(buf, 32, "%gs", s);
}

/* steps: what --apply does, one line each (free the array's strings). */
static size_t steps(const struct upgrade_plan *p, char ***out)
{
	const struct upgrade_opts *o = p->o;
	char **v = xcalloc(8 + o->nsteps, sizeof(*v));
	size_t n = 0;
	char bake[32];
	const char *rev = cfg(p, "RevisionId");
	const char *old = json_string_value(json_object_get(p->alias, "FunctionVersion"));
	fmt_duration(o->bake_s, bake);
	if (o->bake_s <= 0)
		snprintf(bake, sizeof(bake), "no time (--bake 0)");
	v[n++] = xasprintf("write the journal %s (every original value, to roll back from)", o->journal);
	v[n++] = xasprintf("update $LATEST from %s to %s%s%s, wait for LastUpdateStatus Successful",
			   p->runtime ? p->runtime : "?", p->target ? p->target : "?", rev ? " guarded by RevisionId " : "",
			   rev ? rev : "");
	v[n++] = xasprintf("publish a version, checking CodeSha256 %s (the code is unchanged)", cfg(p, "CodeSha256"));
	v[n++] = xasprintf("invoke the new version directly (not through the alias)%s%s; a function error or "
			   "timeout rolls back", o->test_event ? " with " : "", o->test_event ? o->test_event : "");
	if (p->pc > 0) {
		char wait[32];
		fmt_duration(o->pc_timeout_s, wait);
		v[n++] = xasprintf("allocate %lld provisioned concurrency on the new version (as alias %s has) and wait up "
				   "to %s until it is READY; FAILED or not READY in time rolls back (removing it)",
				   p->pc, o->alias, wait);
	}
	for (size_t i = 0; i < o->nsteps; i++) {
		if (o->steps[i] < 100)
			v[n++] = xasprintf("alias %s: %d%% to the new version, %d%% on version %s; watch Errors, Throttles "
					   "and Invocations for %s (roll back over %g%% errors, at least %ld invocations)",
					   o->alias, o->steps[i], 100 - o->steps[i], old ? old : "?", bake,
					   o->max_error_rate * 100, o->min_invocations);
		else
			v[n++] = xasprintf("alias %s: 100%% to the new version, routing cleared; watch it for %s", o->alias,
					   bake);
	}
	v[n++] = xasprintf("finish: alias %s on the new version; version %s stays published for a manual rollback",
			   o->alias, old ? old : "?");
	*out = v;
	return n;
}

/* tline prints a line built by printf with its control characters made visible. */
static void tline(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tline(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_list ap2;
	struct strbuf sb = {0};
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *raw = n >= 0 ? xmalloc((size_t)n + 1) : NULL;
	if (raw)
		vsnprintf(raw, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	if (!raw)
		return;
	quote_term(&sb, raw, strlen(raw));
	fprintf(out, "%s\n", sb.buf ? sb.buf : "");
	sb_release(&sb);
	free(raw);
}

void upgrade_plan_text(FILE *out, const struct upgrade_plan *p)
{
	const struct upgrade_opts *o = p->o;
	const char *old = json_string_value(json_object_get(p->alias, "FunctionVersion"));
	char **v;
	size_t n = steps(p, &v);
	tline(out, "upgrade plan: %s in %s, alias %s", o->function, o->region ? o->region : "", o->alias);
	tline(out, "  runtime   %s -> %s%s", p->runtime ? p->runtime : "(none)", p->target ? p->target : "(none)",
	      o->to ? "" : " (recommended)");
	tline(out, "  alias     %s -> version %s", o->alias, old ? old : "?");
	tline(out, "  code      CodeSha256 %s", cfg(p, "CodeSha256") ? cfg(p, "CodeSha256") : "?");
	fprintf(out, "\npreflight:\n");
	for (size_t i = 0; i < p->nchecks; i++)
		tline(out, "  %-7s %-24s %s", upgrade_verdict_name(p->checks[i].verdict), p->checks[i].name,
		      p->checks[i].reason);
	if (!p->refusals)
		fprintf(out, "\nsteps%s:\n", o->apply ? "" : " (with --apply)");
	for (size_t i = 0; i < n; i++) {
		if (!p->refusals)
			tline(out, "  %zu. %s", i + 1, v[i]);
		free(v[i]);
	}
	free(v);
	if (p->refusals)
		fprintf(out, "\nrefused: %d check%s refused; nothing will be changed\n", p->refusals,
			p->refusals == 1 ? "" : "s");
	else
		fprintf(out, "\nready: %d warning%s%s\n", p->warnings, p->warnings == 1 ? "" : "s",
			o->apply ? "" : "; run again with --apply to carry it out");
}

json_t *upgrade_plan_json(const struct upgrade_plan *p)
{
	const struct upgrade_opts *o = p->o;
	json_t *checks = json_array(), *st = json_array(), *actions = json_array();
	char **v;
	size_t n = steps(p, &v);
	for (size_t i = 0; i < p->nchecks; i++)
		json_array_append_new(checks, json_pack("{s:s, s:s, s:s}", "check", p->checks[i].name, "verdict",
							upgrade_verdict_name(p->checks[i].verdict), "reason",
							p->checks[i].reason));
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(st, json_string(v[i]));
		free(v[i]);
	}
	free(v);
	for (size_t i = 0; upgrade_iam_actions[i]; i++)
		json_array_append_new(actions, json_string(upgrade_iam_actions[i]));
	json_t *steps_pct = json_array();
	for (size_t i = 0; i < o->nsteps; i++)
		json_array_append_new(steps_pct, json_integer(o->steps[i]));
	return json_pack("{s:s, s:s?, s:s, s:s?, s:s?, s:b, s:O?, s:s?, s:s?, s:I, s:o, s:o, s:o, s:o, s:s, s:i, s:i}",
			 "function", o->function, "region", o->region, "alias", o->alias, "runtime", p->runtime,
			 "target_runtime", p->target, "target_recommended", !o->to, "alias_version",
			 json_object_get(p->alias, "FunctionVersion"), "code_sha256", cfg(p, "CodeSha256"),
			 "revision_id", cfg(p, "RevisionId"), "provisioned_concurrency", (json_int_t)p->pc, "preflight", checks, "steps", st, "traffic_steps", steps_pct,
			 "iam_actions", actions, "verdict", p->refusals ? "refused" : "ready", "refusals", p->refusals,
			 "warnings", p->warnings);
}
