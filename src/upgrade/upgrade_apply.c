/* upgrade_apply: the table of apply phases. Each phase starts from what the journal says
 * and records its result there before the next one starts, so --resume can continue after
 * the last phase that completed and --rollback knows what to undo. */
#include "upgrade/upgrade_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "util/msg.h"
#include "util/xalloc.h"

volatile sig_atomic_t upgrade_interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	upgrade_interrupted = 1;
}

void upgrade_catch_sigint(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int upgrade_sleep(double s)
{
	while (s > 0 && !upgrade_interrupted) {
		double slice = s > 0.1 ? 0.1 : s;
		struct timespec ts = {(time_t)slice, (long)((slice - (double)(time_t)slice) * 1e9)};
		nanosleep(&ts, NULL);
		s -= slice;
	}
	return upgrade_interrupted ? -1 : 0;
}

static int fail(struct upgrade_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct upgrade_run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->failure, sizeof(r->failure), fmt, ap);
	va_end(ap);
	return -1;
}

static int interrupted(struct upgrade_run *r)
{
	return upgrade_interrupted ? fail(r, "interrupted (Ctrl-C)") : 0;
}

static char *fn_path(struct upgrade_run *r, const char *suffix)
{
	return xasprintf("/2015-03-31/functions/%s%s", uj_str(r, "function"), suffix);
}

int upgrade_wait_update(struct upgrade_run *r, char **rev)
{
	char *path = fn_path(r, "/configuration");
	int rc = -1;
	*rev = NULL;
	for (int tries = 0; tries < 600; tries++) {
		struct upgrade_resp resp;
		if (upgrade_lambda(r->a, UPGRADE_READ, "GET", path, NULL, NULL, &resp) < 0) {
			fail(r, "GetFunctionConfiguration failed: %s", resp.err);
			upgrade_resp_release(&resp);
			break;
		}
		const char *lus = json_string_value(json_object_get(resp.doc, "LastUpdateStatus"));
		if (!lus || !strcmp(lus, "Successful")) {
			*rev = xstrdup(json_string_value(json_object_get(resp.doc, "RevisionId")));
			upgrade_resp_release(&resp);
			rc = 0;
			break;
		}
		if (strcmp(lus, "InProgress")) {
			const char *why = json_string_value(json_object_get(resp.doc, "LastUpdateStatusReason"));
			fail(r, "the update ended with LastUpdateStatus %s%s%s", lus, why ? ": " : "", why ? why : "");
			upgrade_resp_release(&resp);
			break;
		}
		upgrade_resp_release(&resp);
		if (upgrade_sleep(0.5) < 0) {
			interrupted(r);
			break;
		}
	}
	free(path);
	return rc;
}

/* update $LATEST to the target runtime, guarded by the RevisionId read when planning */
static int ph_update(struct upgrade_run *r)
{
	char *path = fn_path(r, "/configuration"), *rev = NULL;
	struct upgrade_resp resp;
	int rc = -1;
	/* a resumed run may find its own change already made */
	if (upgrade_lambda(r->a, UPGRADE_READ, "GET", path, NULL, NULL, &resp) < 0) {
		fail(r, "GetFunctionConfiguration failed: %s", resp.err);
		goto out;
	}
	const char *now = json_string_value(json_object_get(resp.doc, "Runtime"));
	bool done = now && !strcmp(now, uj_str(r, "to_runtime"));
	upgrade_resp_release(&resp);
	if (!done) {
		json_t *body = json_pack("{s:s}", "Runtime", uj_str(r, "to_runtime"));
		if (uj_str(r, "revision_id"))
			json_object_set_new(body, "RevisionId", json_string(uj_str(r, "revision_id")));
		char *b = json_dumps(body, JSON_COMPACT);
		json_decref(body);
		notef("%s: updating $LATEST from %s to %s", uj_str(r, "function"), uj_str(r, "from_runtime"),
		      uj_str(r, "to_runtime"));
		int c = upgrade_lambda(r->a, UPGRADE_WRITE, "PUT", path, NULL, b, &resp);
		free(b);
		if (c < 0) {
			if (resp.status == 412)
				fail(r, "the function was changed by someone else since the plan (RevisionId %s no longer "
					"current): UpdateFunctionConfiguration refused",
				     uj_str(r, "revision_id"));
			else
				fail(r, "UpdateFunctionConfiguration failed: %s", resp.err);
			upgrade_resp_release(&resp);
			goto out;
		}
		upgrade_resp_release(&resp);
	}
	if (upgrade_wait_update(r, &rev) < 0)
		goto out;
	uj_set_str(r, "latest_revision_id", rev);
	rc = 0;
out:
	free(rev);
	free(path);
	return rc;
}

static int ph_publish(struct upgrade_run *r)
{
	char *path = fn_path(r, "/versions");
	json_t *body = json_pack("{s:s, s:s+}", "CodeSha256", uj_str(r, "code_sha256"), "Description",
				 "sunset upgrade to ", uj_str(r, "to_runtime"));
	if (!body) {
		free(path);
		return fail(r, "the PublishVersion request could not be built");
	}
	if (uj_str(r, "latest_revision_id"))
		json_object_set_new(body, "RevisionId", json_string(uj_str(r, "latest_revision_id")));
	char *b = json_dumps(body, JSON_COMPACT);
	struct upgrade_resp resp;
	int rc = -1;
	json_decref(body);
	if (upgrade_lambda(r->a, UPGRADE_WRITE, "POST", path, NULL, b, &resp) < 0) {
		if (resp.status == 412)
			fail(r, "$LATEST was changed by someone else after the update (RevisionId or CodeSha256 no longer "
				"the same): PublishVersion refused");
		else
			fail(r, "PublishVersion failed: %s", resp.err);
		goto out;
	}
	const char *v = json_string_value(json_object_get(resp.doc, "Version"));
	const char *rt = json_string_value(json_object_get(resp.doc, "Runtime"));
	const char *sha = json_string_value(json_object_get(resp.doc, "CodeSha256"));
	if (!v) {
		fail(r, "PublishVersion gave no version number");
		goto out;
	}
	uj_set_str(r, "new_version", v);
	if (!rt || strcmp(rt, uj_str(r, "to_runtime")) || !sha || strcmp(sha, uj_str(r, "code_sha256"))) {
		fail(r, "the published version %s is not the planned one (runtime %s, CodeSha256 %s)", v, rt ? rt : "?",
		     sha ? sha : "?");
		goto out;
	}
	notef("%s: published version %s on %s (CodeSha256 %s unchanged)", uj_str(r, "function"), v, rt, sha);
	rc = 0;
out:
	upgrade_resp_release(&resp);
	free(b);
	free(path);
	return rc;
}

static int ph_test(struct upgrade_run *r)
{
	const char *ev = uj_str(r, "test_event");
	struct strbuf payload = {0};
	if (ev) {
		FILE *f = fopen(ev, "rb");
		char buf[4096];
		size_t n;
		if (!f)
			return fail(r, "%s: the test event cannot be read: %s", ev, strerror(errno));
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			sb_add(&payload, buf, n);
		fclose(f);
	} else {
		sb_adds(&payload, "{}");
	}
	char *path = fn_path(r, "/invocations"), query[128];
	snprintf(query, sizeof(query), "Qualifier=%s", uj_str(r, "new_version"));
	struct upgrade_resp resp;
	int rc = -1;
	if (upgrade_lambda(r->a, UPGRADE_INVOKE, "POST", path, query, payload.buf, &resp) < 0) {
		if (!resp.status)
			fail(r, "the test invoke of version %s did not answer within %g s (%s)", uj_str(r, "new_version"),
			     r->a->invoke_timeout_s, resp.err);
		else
			fail(r, "the test invoke of version %s failed: %s", uj_str(r, "new_version"), resp.err);
	} else if (resp.fn_error.len) {
		const char *msg = json_string_value(json_object_get(resp.doc, "errorMessage"));
		fail(r, "the test invoke of version %s returned a function error (%s)%s%.200s", uj_str(r, "new_version"),
		     resp.fn_error.buf, msg ? ": " : "", msg ? msg : "");
	} else {
		notef("%s: test invoke of version %s%s%s succeeded", uj_str(r, "function"), uj_str(r, "new_version"),
		      ev ? " with " : "", ev ? ev : "");
		rc = 0;
	}
	upgrade_resp_release(&resp);
	sb_release(&payload);
	free(path);
	return rc;
}

/* the alias's provisioned concurrency, allocated on the new version before traffic moves;
 * the journal names the version first, so a rollback after a crash removes it too */
static int ph_warm(struct upgrade_run *r)
{
	json_int_t n = json_integer_value(json_object_get(r->j, "provisioned_concurrency"));
	json_t *to = json_object_get(r->j, "pc_timeout_s");
	double timeout = json_is_number(to) ? json_number_value(to) : 900;
	if (n <= 0)
		return 0;
	const char *fn = uj_str(r, "function"), *v = uj_str(r, "new_version");
	char *path = xasprintf("/2019-09-30/functions/%s/provisioned-concurrency", fn), query[128];
	char *b = xasprintf("{\"ProvisionedConcurrentExecutions\":%lld}", (long long)n);
	struct upgrade_resp resp;
	int rc = -1;
	snprintf(query, sizeof(query), "Qualifier=%s", v);
	uj_set_str(r, "pc_version", v);
	if (upgrade_journal_save(r) < 0) {
		fail(r, "the journal could not be written");
		goto out_free;
	}
	notef("%s: allocating %lld provisioned concurrency on version %s", fn, (long long)n, v);
	if (upgrade_lambda(r->a, UPGRADE_WRITE, "PUT", path, query, b, &resp) < 0) {
		fail(r, "PutProvisionedConcurrencyConfig on version %s failed: %s", v, resp.err);
		goto out;
	}
	double poll = timeout / 30 < 0.2 ? 0.2 : timeout / 30 > 10 ? 10 : timeout / 30, waited = 0;
	for (;;) {
		upgrade_resp_release(&resp);
		if (upgrade_lambda(r->a, UPGRADE_READ, "GET", path, query, NULL, &resp) < 0) {
			fail(r, "GetProvisionedConcurrencyConfig of version %s failed: %s", v, resp.err);
			break;
		}
		const char *st = json_string_value(json_object_get(resp.doc, "Status"));
		const char *why = json_string_value(json_object_get(resp.doc, "StatusReason"));
		json_int_t got = json_integer_value(json_object_get(resp.doc, "AllocatedProvisionedConcurrentExecutions"));
		if (st && !strcmp(st, "READY")) {
			notef("%s: version %s has %lld provisioned concurrency READY", fn, v, (long long)n);
			rc = 0;
			break;
		}
		if (st && !strcmp(st, "FAILED")) {
			fail(r, "the provisioned concurrency of version %s FAILED%s%s: traffic was not moved", v,
			     why ? ": " : "", why ? why : "");
			break;
		}
		if (waited >= timeout) {
			fail(r, "the provisioned concurrency of version %s was not READY within %g s (status %s, %lld of %lld "
				"allocated): traffic was not moved; --concurrency-timeout waits longer",
			     v, timeout, st ? st : "?", (long long)got, (long long)n);
			break;
		}
		if (upgrade_sleep(poll) < 0) {
			interrupted(r);
			break;
		}
		waited += poll;
	}
out:
	upgrade_resp_release(&resp);
out_free:
	free(b);
	free(path);
	return rc;
}

/* set the alias: pct < 100 keeps the old version with the new one weighted */
static int set_alias(struct upgrade_run *r, int pct)
{
	char *path = fn_path(r, "/aliases/"), *full = xasprintf("%s%s", path, uj_str(r, "alias"));
	json_t *weights = json_object();
	if (pct < 100)
		json_object_set_new(weights, uj_str(r, "new_version"), json_real(pct / 100.0));
	json_t *body = json_pack("{s:s, s:{s:o}}", "FunctionVersion",
				 pct < 100 ? uj_str(r, "old_version") : uj_str(r, "new_version"), "RoutingConfig",
				 "AdditionalVersionWeights", weights);
	if (uj_str(r, "alias_revision_id"))
		json_object_set_new(body, "RevisionId", json_string(uj_str(r, "alias_revision_id")));
	char *b = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(4));
	struct upgrade_resp resp;
	int rc = 0;
	json_decref(body);
	if (upgrade_lambda(r->a, UPGRADE_WRITE, "PUT", full, NULL, b, &resp) < 0) {
		if (resp.status == 412)
			rc = fail(r, "alias %s was changed by someone else (RevisionId %s no longer current): UpdateAlias "
				  "refused at %d%%", uj_str(r, "alias"), uj_str(r, "alias_revision_id"), pct);
		else
			rc = fail(r, "UpdateAlias to %d%% failed: %s", pct, resp.err);
	} else {
		uj_set_str(r, "alias_revision_id", json_string_value(json_object_get(resp.doc, "RevisionId")));
		notef("%s: alias %s: %d%% to version %s", uj_str(r, "function"), uj_str(r, "alias"), pct,
		      uj_str(r, "new_version"));
	}
	upgrade_resp_release(&resp);
	free(b);
	free(full);
	free(path);
	return rc;
}

static int ph_shift(struct upgrade_run *r)
{
	json_t *steps = json_object_get(r->j, "steps");
	json_int_t done = json_integer_value(json_object_get(r->j, "step_done"));
	for (size_t i = (size_t)(done + 1); i < json_array_size(steps); i++) {
		int pct = (int)json_integer_value(json_array_get(steps, i));
		/* traffic_pct: the alias carries this share now; step_done: the step baked healthy
		 * (a resumed run sets the alias of the step after it again and bakes it anew) */
		if (interrupted(r) < 0 || set_alias(r, pct) < 0)
			return -1;
		json_object_set_new(r->j, "traffic_pct", json_integer(pct));
		if (upgrade_journal_save(r) < 0)
			return fail(r, "the journal could not be written");
		if (upgrade_bake(r, pct) < 0)
			return -1;
		json_object_set_new(r->j, "step_done", json_integer((json_int_t)i));
		if (upgrade_journal_save(r) < 0)
			return fail(r, "the journal could not be written");
	}
	return 0;
}

static const struct {
	const char *done; /* the journal's phase once it completed */
	int (*run)(struct upgrade_run *r);
} phases[] = {
	{"updated", ph_update}, {"published", ph_publish}, {"tested", ph_test}, {"warmed", ph_warm},
	{"shifted", ph_shift},
};

/* run_from: the phases after `phase`; rolls back on failure. 0, 1 or -1 as upgrade_apply. */
static int run_from(struct upgrade_run *r)
{
	const char *phase = uj_str(r, "phase");
	size_t start = 0;
	for (size_t i = 0; i < sizeof(phases) / sizeof(phases[0]); i++)
		if (!strcmp(phase, phases[i].done))
			start = i + 1;
	for (size_t i = start; i < sizeof(phases) / sizeof(phases[0]); i++) {
		if (interrupted(r) < 0 || phases[i].run(r) < 0) {
			upgrade_journal_save(r);
			errorf("%s: %s; rolling back", uj_str(r, "function"), r->failure);
			return upgrade_rollback(r);
		}
		uj_set_str(r, "phase", phases[i].done);
		if (upgrade_journal_save(r) < 0) {
			snprintf(r->failure, sizeof(r->failure), "the journal could not be written");
			return upgrade_rollback(r);
		}
	}
	uj_set_str(r, "phase", "done");
	json_object_set_new(r->j, "end_time", json_real(clock_wall_precise()));
	upgrade_journal_save(r);
	printf("upgraded %s in %s: $LATEST %s -> %s, version %s published, alias %s now on version %s (was %s); "
	       "journal %s\n",
	       uj_str(r, "function"), uj_str(r, "region"), uj_str(r, "from_runtime"), uj_str(r, "to_runtime"),
	       uj_str(r, "new_version"), uj_str(r, "alias"), uj_str(r, "new_version"), uj_str(r, "old_version"), r->path);
	if (uj_str(r, "pc_version"))
		notef("%s: version %s keeps the provisioned concurrency allocated on it; alias %s's own now follows "
		      "version %s as well: once that is READY, remove the version's with aws lambda "
		      "delete-provisioned-concurrency-config --function-name %s --qualifier %s",
		      uj_str(r, "function"), uj_str(r, "pc_version"), uj_str(r, "alias"), uj_str(r, "pc_version"),
		      uj_str(r, "function"), uj_str(r, "pc_version"));
	return 0;
}

int upgrade_apply(struct upgrade_aws *a, const struct upgrade_plan *p)
{
	const struct upgrade_opts *o = p->o;
	struct upgrade_run r = {.a = a, .path = o->journal};
	json_t *steps = json_array();
	for (size_t i = 0; i < o->nsteps; i++)
		json_array_append_new(steps, json_integer(o->steps[i]));
	r.j = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:O, s:s, s:O?, s:O?, s:n, s:n, s:o, s:i, s:f, s:f, s:I, s:f, "
			"s:s?, s:s, s:I, s:f, s:I, s:f}",
			"sunset_upgrade_journal", 1, "function", o->function, "region", a->region, "alias", o->alias,
			"from_runtime", p->runtime, "to_runtime", p->target, "old_version",
			json_object_get(p->alias, "FunctionVersion"), "code_sha256",
			json_string_value(json_object_get(p->config, "CodeSha256")), "revision_id",
			json_object_get(p->config, "RevisionId"), "alias_revision_id",
			json_object_get(p->alias, "RevisionId"), "latest_revision_id", "new_version", "steps", steps,
			"step_done", -1, "bake_s", o->bake_s, "max_error_rate", o->max_error_rate, "min_invocations",
			(json_int_t)o->min_invocations, "invoke_timeout_s", o->invoke_timeout_s, "test_event",
			o->test_event, "phase", "journal", "started", (json_int_t)clock_wall(), "start_time", clock_wall_precise(), "provisioned_concurrency",
			(json_int_t)p->pc, "pc_timeout_s", o->pc_timeout_s);
	if (!r.j)
		return errorf("%s: the journal could not be built", o->function);
	if (upgrade_journal_save(&r) < 0) {
		json_decref(r.j);
		return -1;
	}
	notef("%s: journal %s", o->function, r.path);
	int rc = run_from(&r);
	json_decref(r.j);
	return rc;
}

static int from_journal(const char *path, const char *profile, const char *endpoint_url, bool resume)
{
	struct upgrade_aws a;
	struct upgrade_run r = {.a = &a, .path = path};
	r.j = upgrade_journal_load(path);
	if (!r.j)
		return -2;
	const char *phase = uj_str(&r, "phase");
	/* a finished upgrade can still be rolled back; a rolled-back one has nothing left */
	if ((resume && !strcmp(phase, "done")) || !strcmp(phase, "rolled-back")) {
		printf("%s: the upgrade of %s is %s: nothing to do\n", path, uj_str(&r, "function"),
		       !strcmp(phase, "done") ? "finished" : "rolled back");
		json_decref(r.j);
		return 0;
	}
	json_t *to = json_object_get(r.j, "invoke_timeout_s");
	if (upgrade_aws_open(&a, profile, uj_str(&r, "region"), endpoint_url, json_is_number(to) ? json_number_value(to) : 60) <
	    0) {
		json_decref(r.j);
		return -2;
	}
	int rc;
	if (resume) {
		notef("%s: resuming after phase %s", uj_str(&r, "function"), phase);
		rc = run_from(&r);
	} else {
		snprintf(r.failure, sizeof(r.failure), "--rollback");
		rc = upgrade_rollback(&r);
	}
	upgrade_aws_close(&a);
	json_decref(r.j);
	return rc;
}

int upgrade_rollback_journal(const char *path, const char *profile, const char *endpoint_url)
{
	return from_journal(path, profile, endpoint_url, false);
}

int upgrade_resume_journal(const char *path, const char *profile, const char *endpoint_url)
{
	return from_journal(path, profile, endpoint_url, true);
}
