/* upgrade_report: --from-report: plan every flagged live or inventory function of a
 * `sunset scan -f json` report; with --apply carry out the ready ones in order, one at a
 * time or (--parallel N) up to N at once in child processes with their own journals, never
 * two in one region, stopping at the first that does not finish unless --keep-going. */
#include "upgrade/upgrade.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/msg.h"
#include "util/xalloc.h"

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

/* One function of the report on its way through plan and apply. */
struct job {
	struct upgrade_opts o;
	char *journal;
	struct upgrade_aws a;
	struct upgrade_plan p;
	bool opened, planned, ready;
	enum { J_PENDING, J_RUNNING, J_DONE } state;
	pid_t pid;
	FILE *out, *err; /* a child's output, printed whole when it ends */
	int rc;          /* upgrade_apply's */
};

/* copy a child's buffered output to the stream it was meant for */
static void dump(FILE *from, FILE *to)
{
	char buf[4096];
	size_t n;
	if (!from)
		return;
	fflush(from);
	rewind(from);
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, to);
	fclose(from);
	fflush(to);
}

/* start_child: upgrade one function in a child process whose stdout and stderr go to
 * temporary files. -1 after an error line (the job is then not started). */
static int start_child(struct job *j)
{
	j->out = tmpfile();
	j->err = tmpfile();
	if (!j->out || !j->err) {
		if (j->out)
			fclose(j->out);
		if (j->err)
			fclose(j->err);
		j->out = j->err = NULL;
		return errorf("%s: no temporary file for its output: %s", j->o.function, strerror(errno));
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fclose(j->out);
		fclose(j->err);
		j->out = j->err = NULL;
		return errorf("%s: fork: %s", j->o.function, strerror(errno));
	}
	if (pid == 0) {
		if (dup2(fileno(j->out), STDOUT_FILENO) < 0 || dup2(fileno(j->err), STDERR_FILENO) < 0)
			_exit(3);
		int rc = upgrade_apply(&j->a, &j->p);
		fflush(NULL);
		_exit(rc == 0 ? 0 : rc == 1 ? 1 : 3);
	}
	j->pid = pid;
	return 0;
}

static bool region_busy(const struct job *jobs, size_t n, const char *region)
{
	for (size_t i = 0; i < n; i++)
		if (jobs[i].state == J_RUNNING && !strcmp(jobs[i].o.region, region))
			return true;
	return false;
}

/* apply_all: the ready jobs, up to `parallel` at once and never two in one region, in
 * report order; after a rollback none starts unless keep_going. With parallel 1 each runs
 * in this process (its progress printed as it goes). Returns true when it stopped early. */
static bool apply_all(struct job *jobs, size_t n, int parallel, bool keep_going, FILE *out)
{
	int running = 0;
	bool stop = false, forwarded = false;
	for (;;) {
		if (upgrade_interrupted)
			stop = true;
		for (size_t i = 0; i < n && !stop && running < parallel; i++) {
			struct job *j = &jobs[i];
			if (!j->ready || j->state != J_PENDING || region_busy(jobs, n, j->o.region))
				continue;
			fflush(out);
			if (parallel == 1) {
				j->rc = upgrade_apply(&j->a, &j->p);
				j->state = J_DONE;
				stop = (j->rc != 0 && !keep_going) || upgrade_interrupted;
				continue;
			}
			if (start_child(j) < 0) {
				j->rc = -1;
				j->state = J_DONE;
				stop = true;
				continue;
			}
			notef("%s in %s: started (%d at once at most, one per region)", j->o.function, j->o.region, parallel);
			j->state = J_RUNNING;
			running++;
		}
		if (!running)
			return stop;
		if (upgrade_interrupted && !forwarded) {
			/* a Ctrl-C sent to this process alone: each running upgrade rolls back */
			for (size_t i = 0; i < n; i++)
				if (jobs[i].state == J_RUNNING)
					kill(jobs[i].pid, SIGINT);
			forwarded = true;
		}
		int status;
		pid_t w = waitpid(-1, &status, 0);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			errorf("waitpid: %s", strerror(errno));
			return true;
		}
		for (size_t i = 0; i < n; i++) {
			struct job *j = &jobs[i];
			if (j->state != J_RUNNING || j->pid != w)
				continue;
			dump(j->out, stdout);
			dump(j->err, stderr);
			j->out = j->err = NULL;
			int code = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
			j->rc = code == 0 ? 0 : code == 1 ? 1 : -1;
			if (!WIFEXITED(status))
				errorf("%s: its upgrade ended by signal %d: see the journal %s (--resume or --rollback it)",
				       j->o.function, WIFSIGNALED(status) ? WTERMSIG(status) : 0, j->o.journal);
			j->state = J_DONE;
			running--;
			if (j->rc != 0 && !keep_going)
				stop = true;
		}
	}
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
	struct job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	json_t *plans = json_array(), *apart = json_array();
	int ready = 0, refused = 0, failed = 0, done = 0, rolled = 0, unstarted = 0;
	bool stop = false, broken = false;
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		struct upgrade_opts *o = &j->o;
		*o = *base;
		o->function = t[i].function;
		o->region = t[i].region;
		o->alias = t[i].alias;
		if (!o->alias) {
			json_array_append_new(apart, json_pack("{s:s, s:s, s:s}", "function", o->function, "region", o->region,
							       "reason", "no alias routes to it: create one, or name it with --alias"));
			refused++;
			continue;
		}
		if (!base->journal || n > 1)
			o->journal = j->journal = xasprintf("upgrade-%s-%s-%s.journal.json", o->region, o->function, o->alias);
		if (upgrade_aws_open(&j->a, o->profile, o->region, o->endpoint_url, o->invoke_timeout_s) < 0) {
			failed++;
			broken = true;
			break;
		}
		j->opened = true;
		if (upgrade_plan_make(&j->a, o, cl, cat, &j->p) < 0) {
			json_array_append_new(apart, json_pack("{s:s, s:s, s:s}", "function", o->function, "region", o->region,
							       "reason", "it could not be read"));
			failed++;
			continue;
		}
		j->planned = true;
		if (o->json) {
			json_array_append_new(plans, upgrade_plan_json(&j->p));
		} else {
			upgrade_plan_text(out, &j->p);
			fputc('\n', out);
		}
		if (j->p.refusals) {
			struct strbuf why = {0};
			for (size_t c = 0; c < j->p.nchecks; c++)
				if (j->p.checks[c].verdict == UV_REFUSE)
					sb_addf(&why, "%s%s: %s", why.len ? "; " : "", j->p.checks[c].name, j->p.checks[c].reason);
			json_array_append_new(apart, json_pack("{s:s, s:s, s:s}", "function", o->function, "region", o->region,
							       "reason", why.buf ? why.buf : ""));
			sb_release(&why);
			refused++;
		} else {
			ready++;
			j->ready = true;
		}
	}
	if (base->apply && !broken)
		stop = apply_all(jobs, n, base->parallel > 0 ? base->parallel : 1, keep_going, out);
	for (size_t i = 0; i < n; i++) {
		done += jobs[i].state == J_DONE && jobs[i].rc == 0;
		rolled += jobs[i].state == J_DONE && jobs[i].rc == 1;
		failed += jobs[i].state == J_DONE && jobs[i].rc < 0;
		unstarted += jobs[i].ready && jobs[i].state == J_PENDING;
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
	if (base->apply) {
		fprintf(out, "applied: %d upgraded, %d rolled back or stopped%s\n", done, rolled,
			stop && (rolled || upgrade_interrupted) ? " (stopped at the first; --keep-going goes on)" : "");
		for (size_t i = 0; i < n; i++)
			if (jobs[i].ready && jobs[i].state == J_PENDING)
				fprintf(out, "  not started: %s (%s)\n", jobs[i].o.function, jobs[i].o.region);
	}
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].planned)
			upgrade_plan_release(&jobs[i].p);
		if (jobs[i].opened)
			upgrade_aws_close(&jobs[i].a);
		free(jobs[i].journal);
		free(t[i].function);
		free(t[i].region);
		free(t[i].alias);
	}
	free(jobs);
	free(t);
	json_decref(doc);
	if (failed)
		return -1;
	if (rolled || unstarted)
		return 1;
	return refused ? 1 : 0;
}
