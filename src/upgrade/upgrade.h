/* upgrade: `sunset upgrade`, the remediation carried out: read the function, run the
 * preflight checks (a table of rows, each pass / warn / refuse with a reason), print the
 * plan, and with --apply walk the table of apply phases, each guarded by the RevisionId
 * read at planning time and recorded in a journal that --rollback and --resume read. */
#ifndef SUNSET_UPGRADE_H
#define SUNSET_UPGRADE_H

#include <jansson.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "aws/creds.h"
#include "aws/http.h"
#include "model/classify.h"
#include "util/strbuf.h"

#define UPGRADE_MAX_STEPS 16

struct upgrade_opts {
	const char *function, *alias, *to, *region, *profile, *endpoint_url;
	const char *test_event; /* a file, or NULL */
	const char *journal;    /* where to write it (NULL: upgrade-FUNCTION-ALIAS.journal.json) */
	int steps[UPGRADE_MAX_STEPS];
	size_t nsteps;
	double bake_s, max_error_rate; /* rate as a fraction: 0.01 */
	long min_invocations;
	double invoke_timeout_s;
	double pc_timeout_s; /* how long the new version's provisioned concurrency may take to be READY */
	int parallel;        /* --from-report --apply: functions at once (never two in one region) */
	date_t as_of;
	bool apply, force, allow_latest, json;
};

/* A connection to one region's Lambda and CloudWatch. */
struct upgrade_aws {
	struct aws_creds creds;
	char region[64];
	char *lambda, *monitoring; /* endpoints */
	double invoke_timeout_s;
};

struct upgrade_resp {
	long status;           /* HTTP status; 0: the request did not complete (err says why) */
	json_t *doc;           /* the JSON body, or NULL */
	struct strbuf body;    /* the raw body */
	struct strbuf fn_error; /* X-Amz-Function-Error of an invoke */
	char err[256];         /* a one-line reason for a failure: the service's message */
};

enum upgrade_kind { UPGRADE_READ, UPGRADE_WRITE, UPGRADE_INVOKE };

int upgrade_aws_open(struct upgrade_aws *a, const char *profile, const char *region, const char *endpoint_url,
		     double invoke_timeout_s);
void upgrade_aws_close(struct upgrade_aws *a);
/* upgrade_lambda makes one Lambda call and waits for it. Returns 0 on a 2xx answer, else -1
 * with r->err set (no message printed: the caller knows what the call was for). */
int upgrade_lambda(struct upgrade_aws *a, enum upgrade_kind kind, const char *method, const char *path,
		   const char *query, const char *body, struct upgrade_resp *r);
void upgrade_resp_release(struct upgrade_resp *r);
/* upgrade_metrics sums Invocations, Errors and Throttles (out[0..2]) of `version` behind
 * FUNCTION:ALIAS (the ExecutedVersion dimension) from `start` to `end` (epoch seconds). */
int upgrade_metrics(struct upgrade_aws *a, const char *function, const char *alias, const char *version,
		    long long start, long long end, double out[3]);

/* What planning read and decided. */
enum upgrade_verdict { UV_PASS, UV_WARN, UV_REFUSE };
struct upgrade_check {
	const char *name;
	enum upgrade_verdict verdict;
	char *reason;
};

struct upgrade_plan {
	const struct upgrade_opts *o;
	json_t *config;   /* GetFunction's Configuration */
	json_t *tags;     /* GetFunction's Tags (object) */
	json_t *alias;    /* GetAlias */
	const char *runtime, *target, *family_note;
	long long pc; /* provisioned concurrency on the alias (0: none): allocated on the new version too */
	struct upgrade_check checks[16];
	size_t nchecks;
	int refusals, warnings;
};

extern const char *const upgrade_iam_actions[];
const char *upgrade_verdict_name(enum upgrade_verdict v);
/* upgrade_plan_make reads the function and runs every preflight row. Returns 0 (the plan
 * may still hold refusals), -1 when the function or its alias could not be read. */
int upgrade_plan_make(struct upgrade_aws *a, const struct upgrade_opts *o, const struct classifier *cl,
		      const struct catalog *cat, struct upgrade_plan *p);
void upgrade_plan_release(struct upgrade_plan *p);
void upgrade_plan_text(FILE *out, const struct upgrade_plan *p);
json_t *upgrade_plan_json(const struct upgrade_plan *p);

/* Ctrl-C: the handler sets the flag; apply checks it between calls and rolls back. */
extern volatile sig_atomic_t upgrade_interrupted;
void upgrade_catch_sigint(void);

/* upgrade_apply carries out a plan without refusals. 0: done; 1: rolled back; -1: a
 * rollback that could not complete (what is left was printed). */
int upgrade_apply(struct upgrade_aws *a, const struct upgrade_plan *p);
/* --rollback JOURNAL / --resume JOURNAL. Same results. */
int upgrade_rollback_journal(const char *path, const char *profile, const char *endpoint_url);
int upgrade_resume_journal(const char *path, const char *profile, const char *endpoint_url);

/* --from-report FILE: every flagged live or inventory function of a sunset JSON report.
 * 0: all ready (or upgraded); 1: some refused or rolled back; -1: one could not be read or a
 * rollback did not complete; -2: the report cannot be read. */
int upgrade_from_report(const char *path, const struct upgrade_opts *base, const struct classifier *cl,
			const struct catalog *cat, FILE *out, bool keep_going);

#endif
