/* sunset upgrade: plan, preflight and (with --apply) carry out the move of one function to
 * a newer runtime through a published version and a weighted alias, with a journal to roll
 * back or resume from. The work is in upgrade/; this file reads the options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/classify.h"
#include "cmd/cli.h"
#include "util/msg.h"
#include "util/outfile.h"
#include "upgrade/upgrade.h"
#include "util/xalloc.h"

enum {
	OPT_ALIAS = OPT_COMMON_END, OPT_TO, OPT_REGION, OPT_PROFILE, OPT_ENDPOINT, OPT_TEST_EVENT, OPT_STEPS, OPT_BAKE,
	OPT_MAX_ERR, OPT_MIN_INV, OPT_INVOKE_TIMEOUT, OPT_JOURNAL, OPT_APPLY, OPT_FORCE, OPT_ALLOW_LATEST, OPT_ROLLBACK,
	OPT_RESUME, OPT_FROM_REPORT, OPT_KEEP_GOING, OPT_PC_TIMEOUT, OPT_PARALLEL,
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sunset upgrade FUNCTION --alias NAME [--to RUNTIME] [--region R] [--profile P]\n"
		"                      [--test-event FILE] [--steps 10,50,100] [--bake 10m] [--max-error-rate 1%%]\n"
		"                      [--min-invocations N] [--concurrency-timeout 15m] [--journal FILE] [--apply]\n"
		"                      [--format text|json]\n"
		"       sunset upgrade --from-report REPORT.json [--alias NAME] [--apply] [--parallel N] [--keep-going]\n"
		"       sunset upgrade --rollback JOURNAL | --resume JOURNAL\n\n"
		"Moves a Lambda function to a newer runtime safely. Without --apply it only reads and\n"
		"prints the plan: every preflight check (pass, warn or refuse, with the reason) and each\n"
		"step. With --apply it writes a journal, updates $LATEST (guarded by its RevisionId),\n"
		"publishes a version, invokes it directly, shifts the alias in steps while watching\n"
		"CloudWatch, and rolls back from the journal on any failure or Ctrl-C. Provisioned\n"
		"concurrency on the alias is allocated on the new version, READY, before traffic moves.\n\n"
		"options:\n"
		"  --alias NAME         the alias production calls (required)\n"
		"  --to RUNTIME         the target runtime (default: the recommended one)\n"
		"  --region R           the function's region (default: AWS_REGION, AWS_DEFAULT_REGION)\n"
		"  --profile P          AWS profile (default: AWS_PROFILE, else default)\n"
		"  --endpoint-url URL   Lambda endpoint (testing; AWS_ENDPOINT_URL_LAMBDA also works)\n"
		"  --test-event FILE    the event for the test invoke of the new version (default: {})\n"
		"  --steps LIST         traffic percentages for the new version, rising, ending at 100\n"
		"                       (default 10,50,100)\n"
		"  --bake TIME          how long to watch each step: 90s, 10m, 1h (default 10m; 0: no watch)\n"
		"  --max-error-rate P   roll back above this error rate, or this far above the old\n"
		"                       version's (default 1%%)\n"
		"  --min-invocations N  invocations needed to judge a step (default 100)\n"
		"  --invoke-timeout S   seconds the test invoke may take (default 60)\n"
		"  --concurrency-timeout TIME\n"
		"                       how long the new version's provisioned concurrency may take to be\n"
		"                       READY before the upgrade rolls back (default 15m)\n"
		"  --journal FILE       where the journal goes (default upgrade-FUNCTION-ALIAS.journal.json)\n"
		"  --apply              carry the plan out (without it nothing is changed)\n"
		"  --force              upgrade a function that a template manages\n"
		"  --allow-latest       upgrade although callers use $LATEST\n"
		"  --rollback JOURNAL   put back what an interrupted or failed upgrade changed\n"
		"  --resume JOURNAL     continue an interrupted upgrade after its last completed step\n"
		"  --from-report FILE   plan every flagged function of a sunset JSON report (each in its\n"
		"                       region; the alias from --alias or the report); with --apply one\n"
		"                       at a time, stopping at the first that does not finish\n"
		"  --parallel N         with --from-report --apply: up to N functions at once, never two in\n"
		"                       one region; each one's output is printed whole when it ends (default 1)\n"
		"  --keep-going         with --from-report --apply: go on after a rollback\n"
		"  --as-of DATE         the date the runtime phases are judged on (default: today)\n"
		"  --runtimes FILE      a lifecycle catalog instead of the built-in one\n"
		"  -f, --format F       text or json (the plan)\n"
		"  -o, --output FILE    write the plan there\n"
		"  -q, --quiet          no progress lines\n"
		"  --debug              every request (secrets redacted)\n"
		"  -h, --help           this help\n\n"
		"exit: 0 planned or upgraded, 1 refused or rolled back, 2 usage or unreadable function,\n"
		"3 a rollback that could not complete (what is left is printed).\n");
}

/* seconds: "90", "90s", "10m", "1h" */
static int parse_duration(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	double mul = !*end || !strcmp(end, "s") ? 1 : !strcmp(end, "m") ? 60 : !strcmp(end, "h") ? 3600 : -1;
	if (end == s || mul < 0 || v < 0 || v > 86400)
		return -1;
	*out = v * mul;
	return 0;
}

static int parse_steps(const char *s, struct upgrade_opts *o)
{
	o->nsteps = 0;
	int prev = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v <= prev || v > 100 || o->nsteps == UPGRADE_MAX_STEPS || (*end && *end != ','))
			return -1;
		o->steps[o->nsteps++] = (int)v;
		prev = (int)v;
		s = *end ? end + 1 : end;
	}
	return prev == 100 ? 0 : -1;
}

static int parse_rate(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || (*end && strcmp(end, "%")) || v < 0 || v > 100)
		return -1;
	*out = v / 100;
	return 0;
}

static int journal_exit(int rc)
{
	return rc == 0 ? EXIT_CLEAN : rc == 1 ? EXIT_FINDINGS : rc == -2 ? EXIT_USAGE : EXIT_INCOMPLETE;
}

static int upgrade_report_cmd(const char *path, struct upgrade_opts *o, const struct common_opts *co,
			      bool keep_going)
{
	struct catalog *cat = NULL;
	struct outfile of = {0};
	int rc = EXIT_USAGE;
	if (co->format && strcmp(co->format, "text") && strcmp(co->format, "json")) {
		errorf("upgrade: --format takes text or json, not \"%s\"", co->format);
		return EXIT_USAGE;
	}
	o->json = co->format && !strcmp(co->format, "json");
	o->as_of = co->as_of;
	if (common_load_catalog(co, &cat) < 0)
		return EXIT_USAGE;
	struct classifier *cl = classifier_new(cat, co->as_of, co->warn_days);
	if (outfile_open(&of, co->output) == 0) {
		if (o->apply)
			upgrade_catch_sigint();
		rc = journal_exit(upgrade_from_report(path, o, cl, cat, of.fp, keep_going));
		if (outfile_commit(&of) < 0 && rc == EXIT_CLEAN)
			rc = EXIT_INCOMPLETE;
	}
	classifier_free(cl);
	catalog_free(cat);
	return rc;
}

int cmd_upgrade(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONG_OPTIONS,
		{"alias", required_argument, NULL, OPT_ALIAS},
		{"to", required_argument, NULL, OPT_TO},
		{"region", required_argument, NULL, OPT_REGION},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"endpoint-url", required_argument, NULL, OPT_ENDPOINT},
		{"test-event", required_argument, NULL, OPT_TEST_EVENT},
		{"steps", required_argument, NULL, OPT_STEPS},
		{"bake", required_argument, NULL, OPT_BAKE},
		{"max-error-rate", required_argument, NULL, OPT_MAX_ERR},
		{"min-invocations", required_argument, NULL, OPT_MIN_INV},
		{"invoke-timeout", required_argument, NULL, OPT_INVOKE_TIMEOUT},
		{"journal", required_argument, NULL, OPT_JOURNAL},
		{"apply", no_argument, NULL, OPT_APPLY},
		{"force", no_argument, NULL, OPT_FORCE},
		{"allow-latest", no_argument, NULL, OPT_ALLOW_LATEST},
		{"rollback", required_argument, NULL, OPT_ROLLBACK},
		{"resume", required_argument, NULL, OPT_RESUME},
		{"from-report", required_argument, NULL, OPT_FROM_REPORT},
		{"keep-going", no_argument, NULL, OPT_KEEP_GOING},
		{"concurrency-timeout", required_argument, NULL, OPT_PC_TIMEOUT},
		{"parallel", required_argument, NULL, OPT_PARALLEL},
		{NULL, 0, NULL, 0},
	};
	struct common_opts co;
	struct upgrade_opts o = {.bake_s = 600, .max_error_rate = 0.01, .min_invocations = 100, .invoke_timeout_s = 60,
				 .pc_timeout_s = 900, .parallel = 1, .steps = {10, 50, 100}, .nsteps = 3};
	const char *rollback = NULL, *resume = NULL, *from_report = NULL;
	bool keep_going = false;
	char *journal_default = NULL;
	int opt;
	common_init(&co);
	optind = 1;
	while ((opt = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
		char *end;
		switch (opt) {
		case OPT_HELP:
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case OPT_ALIAS: o.alias = optarg; continue;
		case OPT_TO: o.to = optarg; continue;
		case OPT_REGION: o.region = optarg; continue;
		case OPT_PROFILE: o.profile = optarg; continue;
		case OPT_ENDPOINT: o.endpoint_url = optarg; continue;
		case OPT_TEST_EVENT: o.test_event = optarg; continue;
		case OPT_JOURNAL: o.journal = optarg; continue;
		case OPT_APPLY: o.apply = true; continue;
		case OPT_FORCE: o.force = true; continue;
		case OPT_ALLOW_LATEST: o.allow_latest = true; continue;
		case OPT_ROLLBACK: rollback = optarg; continue;
		case OPT_RESUME: resume = optarg; continue;
		case OPT_FROM_REPORT: from_report = optarg; continue;
		case OPT_KEEP_GOING: keep_going = true; continue;
		case OPT_STEPS:
			if (parse_steps(optarg, &o) < 0) {
				errorf("--steps: expected rising percentages ending at 100, such as 10,50,100; got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			continue;
		case OPT_BAKE:
			if (parse_duration(optarg, &o.bake_s) < 0) {
				errorf("--bake: expected a time such as 90s, 10m or 1h (at most 24h); got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			continue;
		case OPT_INVOKE_TIMEOUT:
			if (parse_duration(optarg, &o.invoke_timeout_s) < 0 || o.invoke_timeout_s < 1 || o.invoke_timeout_s > 900) {
				errorf("--invoke-timeout: expected 1 to 900 seconds; got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			continue;
		case OPT_PC_TIMEOUT:
			if (parse_duration(optarg, &o.pc_timeout_s) < 0) {
				errorf("--concurrency-timeout: expected a time such as 90s, 15m or 1h (at most 24h); got \"%s\"",
				       optarg);
				return EXIT_USAGE;
			}
			continue;
		case OPT_PARALLEL:
			o.parallel = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || o.parallel < 1 || o.parallel > 64) {
				errorf("--parallel: expected 1 to 64 functions at once; got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			continue;
		case OPT_MAX_ERR:
			if (parse_rate(optarg, &o.max_error_rate) < 0) {
				errorf("--max-error-rate: expected a percentage such as 1%% or 0.5; got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			continue;
		case OPT_MIN_INV:
			o.min_invocations = strtol(optarg, &end, 10);
			if (end == optarg || *end || o.min_invocations < 0 || o.min_invocations > 100000000) {
				errorf("--min-invocations: expected a number; got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			continue;
		case '?':
			usage(stderr);
			return EXIT_USAGE;
		}
		int r = common_option(&co, opt, optarg);
		if (r < 0)
			return EXIT_USAGE;
	}
	if (rollback || resume) {
		if ((rollback && resume) || optind < argc) {
			errorf("--rollback and --resume take a journal and nothing else");
			return EXIT_USAGE;
		}
		upgrade_catch_sigint();
		return journal_exit(rollback ? upgrade_rollback_journal(rollback, o.profile, o.endpoint_url) :
					       upgrade_resume_journal(resume, o.profile, o.endpoint_url));
	}
	if (from_report) {
		if (optind < argc) {
			errorf("upgrade: --from-report takes the functions from the report: name none");
			return EXIT_USAGE;
		}
		return upgrade_report_cmd(from_report, &o, &co, keep_going);
	}
	if (o.parallel != 1 || keep_going) {
		errorf("upgrade: --parallel and --keep-going go with --from-report");
		return EXIT_USAGE;
	}
	if (optind + 1 != argc || !o.alias) {
		errorf(optind >= argc ? "upgrade: name a FUNCTION" : !o.alias ? "upgrade: --alias NAME is required (the alias "
										  "production calls)" :
										"upgrade: one FUNCTION at a time");
		usage(stderr);
		return EXIT_USAGE;
	}
	o.function = argv[optind];
	if (!*o.function || strspn(o.function, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
				    strlen(o.function) || strlen(o.function) > 64) {
		errorf("upgrade: \"%s\" is not a function name (letters, digits, - and _; not an ARN)", o.function);
		return EXIT_USAGE;
	}
	if (strspn(o.alias, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(o.alias) ||
	    !*o.alias || strlen(o.alias) > 128) {
		errorf("upgrade: \"%s\" is not an alias name", o.alias);
		return EXIT_USAGE;
	}
	if (co.format && strcmp(co.format, "text") && strcmp(co.format, "json")) {
		errorf("upgrade: --format takes text or json, not \"%s\"", co.format);
		return EXIT_USAGE;
	}
	o.json = co.format && !strcmp(co.format, "json");
	o.as_of = co.as_of;
	if (!o.region)
		o.region = getenv("AWS_REGION") && *getenv("AWS_REGION") ? getenv("AWS_REGION") : getenv("AWS_DEFAULT_REGION");
	if (!o.region || !*o.region) {
		errorf("upgrade: name the function's region with --region (or AWS_REGION)");
		return EXIT_USAGE;
	}
	if (!o.journal)
		o.journal = journal_default = xasprintf("upgrade-%s-%s.journal.json", o.function, o.alias);

	struct catalog *cat = NULL;
	struct classifier *cl = NULL;
	struct upgrade_aws a;
	struct upgrade_plan p;
	struct outfile of = {0};
	int rc = EXIT_USAGE;
	if (common_load_catalog(&co, &cat) < 0)
		goto out_free;
	cl = classifier_new(cat, co.as_of, co.warn_days);
	if (upgrade_aws_open(&a, o.profile, o.region, o.endpoint_url, o.invoke_timeout_s) < 0)
		goto out_free;
	if (upgrade_plan_make(&a, &o, cl, cat, &p) < 0)
		goto out_aws;
	if (outfile_open(&of, co.output) < 0)
		goto out_plan;
	if (o.json) {
		json_t *j = upgrade_plan_json(&p);
		json_dumpf(j, of.fp, JSON_INDENT(2));
		fputc('\n', of.fp);
		json_decref(j);
	} else {
		upgrade_plan_text(of.fp, &p);
	}
	if (outfile_commit(&of) < 0)
		goto out_plan;
	rc = p.refusals ? EXIT_FINDINGS : EXIT_CLEAN;
	if (o.apply && !p.refusals) {
		fflush(stdout);
		upgrade_catch_sigint();
		rc = journal_exit(upgrade_apply(&a, &p));
	} else if (o.apply) {
		errorf("%s: not upgraded: %d preflight check%s refused", o.function, p.refusals, p.refusals == 1 ? "" : "s");
	}
out_plan:
	upgrade_plan_release(&p);
out_aws:
	upgrade_aws_close(&a);
out_free:
	classifier_free(cl);
	catalog_free(cat);
	free(journal_default);
	return rc;
}
