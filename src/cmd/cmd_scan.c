/* sunset scan: read the sources, classify every resource, write the report, and turn
 * the result into an exit code. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "util/clock.h"
#include "util/fspolicy.h"
#include "util/msg.h"
#include "util/outfile.h"
#include "report/report.h"
#include "model/scan.h"
#include "aws/endpoint.h"
#include "aws/live.h"
#include "aws/org.h"
#include "aws/securityhub.h"
#include "iac/iac.h"
#include "history/scan_history.h"
#include "source/inventory.h"
#include "util/xalloc.h"

enum {
	OPT_INVENTORY = OPT_COMMON_END, OPT_FAIL_ON, OPT_SHOW_ALL, OPT_IGNORE_FILE, OPT_AWS, OPT_REGION, OPT_PROFILE,
	OPT_ENDPOINT_URL, OPT_ALLOW_HTTP, OPT_CONCURRENCY, OPT_RATE, OPT_LATEST_ONLY, OPT_ORG, OPT_ACCOUNTS, OPT_ROLE_NAME,
	OPT_EXTERNAL_ID, OPT_EXCLUDE, OPT_VAR_FILE, OPT_FIX, OPT_DRY_RUN, OPT_MAX_FILE_SIZE, OPT_SECURITY_HUB,
	OPT_BASELINE, OPT_FAIL_ON_NEW, OPT_DB, OPT_MAX_PARSE_MEMORY,
	OPT_OWNER_TAG, OPT_NO_TAGS, OPT_NO_USAGE,
};

#define DEFAULT_IGNORE_FILE ".sunset-ignore.yml"

/* One report to write: a format and a path (NULL = standard output). */
struct output {
	const struct report_writer *w; /* NULL: the --format writer */
	const char *path;
};

struct scan_opts {
	struct common_opts co;
	const char **inventories; /* --inventory files, then the PATHs: what the report names as inputs */
	size_t ninv, inv_alloc;
	char **paths;             /* PATH arguments (templates and folders) */
	size_t npaths;
	struct iac_options iac;
	size_t excl_alloc, varf_alloc;
	bool fix, dry_run;
	struct output *outs;
	size_t nout, out_alloc;
	int fail_on; /* a status; ST_COUNT = never */
	const char *ignore_file; /* NULL: DEFAULT_IGNORE_FILE when it exists */
	bool aws;                /* live scan (the default when no other source is given) */
	char **regions;          /* from --region, split on commas */
	size_t nregions, region_alloc;
	struct live_opts live;
	char **accounts;         /* from --accounts */
	size_t naccounts;
	long long now; /* report time; SOURCE_DATE_EPOCH when set, for reproducible reports */
	bool show_all;
	bool security_hub; /* send the ASFF findings with BatchImportFindings */
	struct scan_history hist; /* --baseline, --fail-on-new, --db */
	size_t parse_budget; /* --max-parse-memory; 0: BUDGET_PARSE_TOTAL */
	const char **owner_tags; /* --owner-tag, in order */
	size_t nowner_tags, owner_alloc;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sunset scan [PATH ...] [--aws] [--inventory FILE ...] [options]\n\n"
		"Sources:\n"
		"  PATH                 templates, or folders searched for them: CloudFormation and SAM\n"
		"                       (YAML, JSON), CDK cdk.out/*.template.json, serverless.yml,\n"
		"                       Terraform .tf (with tfvars) and plan JSON (terraform show -json)\n"
		"  --exclude GLOB       skip files and folders whose relative path or name matches;\n"
		"                       repeatable (.git, node_modules, .terraform, .serverless, .aws-sam\n"
		"                       and vendor are always skipped)\n"
		"  --var-file FILE      Terraform variables, after terraform.tfvars and *.auto.tfvars;\n"
		"                       repeatable\n"
		"  --max-file-size N    refuse files over N bytes (default 32 MiB)\n"
		"  --max-parse-memory N the template parsers hold at most N bytes at once (default\n"
		"                       1 GiB); a file that does not fit is an error, the rest is scanned\n"
		"  --fix                rewrite each runtime value at or above --fail-on to its\n"
		"                       recommended runtime, in place (only that value's bytes change)\n"
		"  --dry-run            with --fix: print the changes as a unified diff on stdout\n"
		"                       instead (reports then go only where -o says)\n"
		"  --inventory FILE     output of 'aws lambda list-functions --function-version ALL'\n"
		"                       (one page, pages one after another, or an array of pages;\n"
		"                       '-' reads standard input); repeatable\n"
		"  --aws                scan AWS live (the default when no source is given): every function\n"
		"                       and published version, and the aliases routing to flagged ones\n"
		"  --region R1,R2       regions to scan (default: those enabled for the account, from\n"
		"                       EC2 DescribeRegions; the 17 every account has if that fails)\n"
		"  --profile NAME       AWS profile (default: AWS_PROFILE, then default)\n"
		"  --endpoint-url URL   Lambda endpoint (also AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL)\n"
		"  --allow-http         let --endpoint-url be plain http:// to a host that is not\n"
		"                       loopback (signed requests and tokens then cross in clear)\n"
		"  --concurrency N      requests in flight, all regions together (default 64)\n"
		"  --rate N             requests per second per region (default 10; AWS allows 15)\n"
		"  --latest-only        only $LATEST, not the published versions\n"
		"  --org                every active account of the AWS Organization (ListAccounts)\n"
		"  --accounts ID,ID|@FILE  these accounts\n"
		"  --role-name NAME     role assumed in each account (arn:PARTITION:iam::ID:role/NAME)\n"
		"  --external-id ID     external id for that AssumeRole\n"
		"  --owner-tag KEY      the tag naming a finding's owner; repeatable, the first present\n"
		"                       wins (default owner, team, aws:cloudformation:stack-name)\n"
		"  --no-tags            skip ListTags (one call per function with a flagged version):\n"
		"                       no owner, managed_by or stack for live findings\n"
		"  --no-usage           skip CloudWatch GetMetricData (one call per 500 metrics a\n"
		"                       region): no invocations_30d or unused\n"
		"  --security-hub       send the findings to AWS Security Hub (BatchImportFindings, in\n"
		"                       each finding's region; AWS_ENDPOINT_URL_SECURITYHUB overrides)\n"
		"Options:\n"
		"  --as-of YYYY-MM-DD   classify as of this date (default: today, UTC)\n"
		"  --warn-days N        'upcoming' when a date is at most N days away (default 180)\n"
		"  --fail-on LEVEL      exit 1 on findings at or above LEVEL: upcoming, deprecated\n"
		"                       (default), create_blocked, update_blocked, or never\n"
		"  --show-all           also list supported and container-image resources\n"
		"  --baseline FILE      mark each finding new or known against an earlier JSON report\n"
		"  --fail-on-new        the exit code counts only new findings (with --baseline or --db)\n"
		"  --db PATH|URL        record the scan in a history database (SQLite file, or\n"
		"                       postgresql://...): findings get first_seen, days_open and change\n"
		"                       against the previous scan of the same inputs; see 'sunset history'\n"
		"  --ignore-file FILE   suppressions (YAML; default ./" DEFAULT_IGNORE_FILE " when present)\n"
		"  -f, --format FMT     %s (default text)\n"
		"  -o, --output FILE    write the report to FILE (atomically) instead of stdout\n"
		"  -o FORMAT=FILE       write one more report in FORMAT to FILE; repeatable\n"
		"                       (-o html=r.html -o json=r.json); FILE '-' is stdout\n"
		"  --runtimes FILE      use this runtime catalog instead of the built-in one\n"
		"  --no-color           no colour (also when NO_COLOR is set or not on a terminal)\n"
		"  -q, --quiet          no warnings\n"
		"  --debug              print each request and decision on stderr (secrets redacted)\n\n"
		"Exit: 0 clean, 1 findings at or above --fail-on, 2 usage error or nothing read,\n"
		"3 scan incomplete (an input failed; the rest was scanned and reported).\n",
		report_writer_names());
}

static void scan_opts_release(struct scan_opts *so)
{
	free(so->inventories);
	free(so->iac.excludes);
	free(so->iac.var_files);
	free(so->outs);
	for (size_t i = 0; i < so->nregions; i++)
		free(so->regions[i]);
	free(so->regions);
	for (size_t i = 0; i < so->naccounts; i++)
		free(so->accounts[i]);
	free(so->accounts);
	free(so->owner_tags);
}

static int parse_fail_on(const char *arg, int *out)
{
	static const struct {
		const char *name;
		int status;
	} levels[] = {
		{"upcoming", ST_UPCOMING},
		{"deprecated", ST_DEPRECATED},
		{"create_blocked", ST_CREATE_BLOCKED},
		{"update_blocked", ST_UPDATE_BLOCKED},
		{"never", ST_COUNT},
	};
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcmp(arg, levels[i].name)) {
			*out = levels[i].status;
			return 0;
		}
	return errorf("--fail-on: expected upcoming, deprecated, create_blocked, update_blocked or never, got \"%s\"",
		      arg);
}

/* add_output records "-o FORMAT=FILE" or a bare "-o FILE" (at most one, in --format). */
static int add_output(struct scan_opts *so, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct output o = {NULL, arg};
	if (eq) {
		/* "NAME=..." where NAME could be a format's name is meant as one: an unknown one is
		 * an error, not a file called "pdf=r.pdf" ("-o text=a=b.txt" writes a=b.txt; a path
		 * with a folder or an extension before the "=" is a plain file name). */
		size_t n = (size_t)(eq - arg);
		bool word = n > 0 && n < 32 && strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") >= n;
		char fmt[32];
		snprintf(fmt, sizeof(fmt), "%.*s", (int)(n < 31 ? n : 31), arg);
		if ((o.w = report_writer_find(fmt)) != NULL)
			o.path = eq + 1;
		else if (word)
			return errorf("-o: unknown format \"%s\" in \"%s\"; the formats are %s (a file name with \"=\" "
				      "is written as -o FORMAT=NAME)", fmt, arg, report_writer_names());
	}
	if (!*o.path)
		return errorf("-o: missing file name in \"%s\"", arg);
	if (!strcmp(o.path, "-"))
		o.path = NULL;
	for (size_t i = 0; i < so->nout; i++) {
		if (!o.w && !so->outs[i].w)
			return errorf("-o: give one plain -o FILE (with --format), or -o FORMAT=FILE for each report");
		if ((!o.path && !so->outs[i].path) || (o.path && so->outs[i].path && !strcmp(o.path, so->outs[i].path)))
			return errorf("-o: \"%s\" is the target of two reports", o.path ? o.path : "-");
	}
	ALLOC_GROW(so->outs, so->nout + 1, so->out_alloc);
	so->outs[so->nout++] = o;
	return 0;
}

static int parse_positive(const char *arg, int lo, int hi, const char *opt, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < lo || v > hi)
		return errorf("%s: expected a number from %d to %d, got \"%s\"", opt, lo, hi, arg);
	*out = (int)v;
	return 0;
}

/* add_regions splits "us-east-1,eu-west-1" and checks each looks like a region name. */
static int add_regions(struct scan_opts *so, const char *arg)
{
	char *copy = xstrdup(arg), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		size_t l = strlen(t);
		if (l < 4 || l > 32 || strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789-") != l) {
			errorf("--region: \"%s\" is not a region name (such as eu-west-1)", t);
			free(copy);
			return -1;
		}
		ALLOC_GROW(so->regions, so->nregions + 1, so->region_alloc);
		so->regions[so->nregions++] = xstrdup(t);
	}
	free(copy);
	return 0;
}

/* parse_args fills *so; returns -1 on a usage error, 1 after --help, 0 to go on. */
static int parse_args(struct scan_opts *so, int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONG_OPTIONS,
		{"inventory", required_argument, NULL, OPT_INVENTORY},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"show-all", no_argument, NULL, OPT_SHOW_ALL},
		{"ignore-file", required_argument, NULL, OPT_IGNORE_FILE},
		{"aws", no_argument, NULL, OPT_AWS},
		{"region", required_argument, NULL, OPT_REGION},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"endpoint-url", required_argument, NULL, OPT_ENDPOINT_URL},
		{"allow-http", no_argument, NULL, OPT_ALLOW_HTTP},
		{"concurrency", required_argument, NULL, OPT_CONCURRENCY},
		{"rate", required_argument, NULL, OPT_RATE},
		{"latest-only", no_argument, NULL, OPT_LATEST_ONLY},
		{"org", no_argument, NULL, OPT_ORG},
		{"accounts", required_argument, NULL, OPT_ACCOUNTS},
		{"role-name", required_argument, NULL, OPT_ROLE_NAME},
		{"external-id", required_argument, NULL, OPT_EXTERNAL_ID},
		{"exclude", required_argument, NULL, OPT_EXCLUDE},
		{"var-file", required_argument, NULL, OPT_VAR_FILE},
		{"fix", no_argument, NULL, OPT_FIX},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
		{"security-hub", no_argument, NULL, OPT_SECURITY_HUB},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"fail-on-new", no_argument, NULL, OPT_FAIL_ON_NEW},
		{"db", required_argument, NULL, OPT_DB},
		{"max-parse-memory", required_argument, NULL, OPT_MAX_PARSE_MEMORY},
		{"owner-tag", required_argument, NULL, OPT_OWNER_TAG},
		{"no-tags", no_argument, NULL, OPT_NO_TAGS},
		{"no-usage", no_argument, NULL, OPT_NO_USAGE},
		{0},
	};
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
		if (opt == '?')
			return common_bad_option("scan", argv, longopts, COMMON_SHORT_OPTIONS);
		if (opt == 'o') {
			if (add_output(so, optarg) < 0)
				return -1;
			continue;
		}
		int r = common_option(&so->co, opt, optarg);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		switch (opt) {
		case OPT_HELP:
		case 'h':
			usage(stdout);
			return 1;
		case OPT_INVENTORY:
			ALLOC_GROW(so->inventories, so->ninv + 1, so->inv_alloc);
			so->inventories[so->ninv++] = optarg;
			break;
		case OPT_FAIL_ON:
			if (parse_fail_on(optarg, &so->fail_on) < 0)
				return -1;
			break;
		case OPT_SHOW_ALL:
			so->show_all = true;
			break;
		case OPT_IGNORE_FILE:
			so->ignore_file = optarg;
			break;
		case OPT_AWS:
			so->aws = true;
			break;
		case OPT_REGION:
			if (add_regions(so, optarg) < 0)
				return -1;
			break;
		case OPT_PROFILE:
			so->live.profile = optarg;
			break;
		case OPT_ENDPOINT_URL:
			so->live.endpoint_url = optarg;
			break;
		case OPT_ALLOW_HTTP:
			so->live.allow_http = true;
			break;
		case OPT_CONCURRENCY:
			if (parse_positive(optarg, 1, 1024, "--concurrency", &so->live.http.concurrency) < 0)
				return -1;
			break;
		case OPT_RATE: {
			int rate;
			if (parse_positive(optarg, 1, 1000, "--rate", &rate) < 0)
				return -1;
			so->live.http.rate = rate;
			break;
		}
		case OPT_LATEST_ONLY:
			so->live.latest_only = true;
			break;
		case OPT_ORG:
			so->live.org = true;
			break;
		case OPT_ACCOUNTS:
			if (so->accounts)
				return errorf("--accounts: give it once (ID,ID or @FILE)");
			if (org_parse_accounts(optarg, &so->accounts, &so->naccounts) < 0)
				return -1;
			break;
		case OPT_ROLE_NAME:
			so->live.role_name = optarg;
			break;
		case OPT_EXTERNAL_ID:
			so->live.external_id = optarg;
			break;
		case OPT_EXCLUDE:
			ALLOC_GROW(so->iac.excludes, so->iac.nexcludes + 1, so->excl_alloc);
			so->iac.excludes[so->iac.nexcludes++] = optarg;
			break;
		case OPT_VAR_FILE:
			ALLOC_GROW(so->iac.var_files, so->iac.nvar_files + 1, so->varf_alloc);
			so->iac.var_files[so->iac.nvar_files++] = optarg;
			break;
		case OPT_FIX:
			so->fix = true;
			break;
		case OPT_DRY_RUN:
			so->dry_run = true;
			break;
		case OPT_OWNER_TAG:
			if (!*optarg || strlen(optarg) > 128)
				return errorf("--owner-tag: a tag key is 1 to 128 characters");
			ALLOC_GROW(so->owner_tags, so->nowner_tags + 1, so->owner_alloc);
			so->owner_tags[so->nowner_tags++] = optarg;
			break;
		case OPT_NO_TAGS:
			so->live.no_tags = true;
			break;
		case OPT_NO_USAGE:
			so->live.no_usage = true;
			break;
		case OPT_SECURITY_HUB:
			so->security_hub = true;
			break;
		case OPT_MAX_FILE_SIZE: {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (!*optarg || *end || v < 1 || v > (1LL << 34))
				return errorf("--max-file-size: expected a number of bytes from 1 to 17179869184, got \"%s\"",
					      optarg);
			so->iac.max_file = (long)v;
			break;
		}
		case OPT_BASELINE:
			so->hist.baseline = optarg;
			break;
		case OPT_FAIL_ON_NEW:
			so->hist.fail_on_new = true;
			break;
		case OPT_DB:
			so->hist.db_dsn = optarg;
			break;
		case OPT_MAX_PARSE_MEMORY: {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (!*optarg || *end || v < (1LL << 20) || v > (1LL << 40))
				return errorf("--max-parse-memory: expected a number of bytes from 1048576 to 1099511627776, "
					      "got \"%s\"",
					      optarg);
			so->parse_budget = (size_t)v;
			break;
		}
		default:
			usage(stderr);
			return -1;
		}
	}
	so->paths = argv + optind;
	so->npaths = (size_t)(argc - optind);
	for (size_t i = 0; i < so->npaths; i++) {
		ALLOC_GROW(so->inventories, so->ninv + i + 1, so->inv_alloc);
		so->inventories[so->ninv + i] = so->paths[i];
	}
	if (!so->ninv && !so->npaths)
		so->aws = true; /* the default source */
	if (!so->npaths && (so->iac.nexcludes || so->iac.nvar_files || so->fix || so->iac.max_file ||
				  so->parse_budget))
		return errorf("scan: --exclude, --var-file, --max-file-size, --max-parse-memory and --fix apply to PATH "
			      "arguments");
	if (scan_history_check_args(&so->hist) < 0)
		return -1;
	if (so->dry_run && !so->fix)
		return errorf("scan: --dry-run goes with --fix");
	if (so->fix && so->fail_on == ST_COUNT)
		return errorf("scan: --fix changes what is at or above --fail-on, and --fail-on is never");
	bool multi = so->live.org || so->naccounts;
	if (!so->aws && (so->nregions || so->live.profile || so->live.endpoint_url || so->live.latest_only || multi))
		return errorf("scan: --region, --profile, --endpoint-url, --latest-only, --org and --accounts apply to --aws");
	if (so->live.endpoint_url && aws_url_cleartext(so->live.endpoint_url) && !so->live.allow_http) {
		char *red = aws_url_redact(so->live.endpoint_url);
		errorf("scan: --endpoint-url %s is plain http:// to a host that is not loopback: credentials would cross "
		       "the network unencrypted; use https://, or confirm with --allow-http",
		       red);
		free(red);
		return -1;
	}
	if (so->live.allow_http && !so->live.endpoint_url)
		return errorf("scan: --allow-http goes with --endpoint-url");
	if (so->live.org && so->naccounts)
		return errorf("scan: give --org or --accounts, not both");
	if (multi && !so->live.role_name)
		return errorf("scan: --org and --accounts need --role-name (the role to assume in each account)");
	if (!multi && (so->live.role_name || so->live.external_id))
		return errorf("scan: --role-name and --external-id go with --org or --accounts");
	return 0;
}

/* import_security_hub renders the ASFF report in memory (what -o asff=FILE would hold) and
 * sends its findings. Returns 0, or -1 when the import failed in part or in whole. */
static int import_security_hub(struct scan_opts *so, struct scan *s, const struct catalog *cat)
{
	char *buf = NULL, home[64];
	size_t len = 0;
	struct report rep = {.scan = s, .cat = cat, .tool_version = SUNSET_VERSION, .fail_on = so->fail_on,
			     .now = so->now, .inputs = so->inventories, .ninputs = so->ninv + so->npaths};
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return errorf("Security Hub: out of memory");
	int wr = report_asff(mem, &rep);
	if (fclose(mem) != 0 || wr < 0) {
		free(buf);
		return errorf("Security Hub: cannot render the ASFF findings");
	}
	json_error_t jerr;
	json_t *arr = json_loadb(buf, len, 0, &jerr);
	free(buf);
	if (!json_is_array(arr)) {
		json_decref(arr);
		return errorf("Security Hub: the ASFF findings are not a JSON array: %s", jerr.text);
	}
	if (!json_array_size(arr)) {
		json_decref(arr);
		fprintf(stderr, "Security Hub: nothing to import (findings need an account and a region: "
				"live scans and inventories have them, templates do not)\n");
		return 0;
	}
	const char *r = getenv("AWS_REGION");
	if (!r || !*r)
		r = getenv("AWS_DEFAULT_REGION");
	snprintf(home, sizeof(home), "%s", r && *r ? r : so->nregions ? so->regions[0] : "us-east-1");
	struct securityhub_opts o = {.profile = so->live.profile, .home = home, .http = so->live.http};
	struct securityhub_result res;
	int rc = securityhub_import(arr, &o, &res);
	json_decref(arr);
	if (rc < 0)
		return -1;
	fprintf(stderr, "Security Hub: %zu imported, %zu failed\n", res.imported, res.failed);
	return res.failed ? -1 : 0;
}

/* input_coverage records an inventory file or template PATH as a coverage entry: scanned
 * (with the first error it caused, if any) or failed. */
static void input_coverage(struct scan *s, const char *kind, const char *path, bool failed, size_t functions,
			   size_t versions, size_t errors_before)
{
	const char *err = NULL;
	if (s->errors.total > errors_before && errors_before < s->errors.n)
		err = s->errors.v[errors_before].message;
	else if (s->errors.total > errors_before)
		err = "errors while reading (see errors)";
	coverage_add(&s->cov, kind, NULL, NULL, path, failed ? COV_FAILED : COV_SCANNED, functions, versions, err);
}

static int exit_code(const struct scan *s, int fail_on, size_t failed, size_t partial, bool only_new)
{
	if (failed == s->inputs)
		return EXIT_USAGE;
	if (failed || partial)
		return EXIT_INCOMPLETE;
	for (int st = fail_on; st < ST_COUNT; st++)
		if (only_new ? s->new_by_status[st] > 0 : s->by_status[st] > s->suppressed_by_status[st])
			return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

/* load_ignore_file loads --ignore-file, or the default file when it exists, and warns
 * about expired entries. Returns 0 (also when there is none) or -1. */
static int load_ignore_file(const struct scan_opts *so, struct suppressions *supp)
{
	const char *path = so->ignore_file;
	char d[11];
	if (!path) {
		if (access(DEFAULT_IGNORE_FILE, F_OK) != 0)
			return 0;
		path = DEFAULT_IGNORE_FILE;
	}
	if (suppressions_load(path, so->co.as_of, supp) < 0)
		return -1;
	for (size_t i = 0; i < supp->n; i++)
		if (supp->v[i].expired)
			warnf("%s:%ld:%ld: ignore entry expired on %s and no longer suppresses (%s)", path,
			      supp->v[i].line, supp->v[i].column, date_format(supp->v[i].expires, d), supp->v[i].reason);
	return 0;
}

/* open_reports opens every requested report file (a temporary file beside each) before
 * anything is scanned or changed, so that a bad -o stops the run before --fix rewrites a
 * template. All are attempted. Returns the number opened into ofs (so->nout, or 1 for
 * standard output, 0 for --dry-run without -o), or -1 after an error line per failure
 * (none is left open then). */
static int open_reports(struct scan_opts *so, struct outfile *ofs)
{
	size_t n = so->nout ? so->nout : so->dry_run ? 0 : 1; /* --dry-run: stdout has the diff */
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		if (outfile_open(&ofs[i], so->nout ? so->outs[i].path : NULL) < 0)
			bad = 1;
	if (!bad)
		return (int)n;
	for (size_t i = 0; i < n; i++)
		outfile_abort(&ofs[i]);
	return -1;
}

/* write_reports writes every report opened by open_reports; all are attempted even when
 * one fails. Returns 0, or -1 when any could not be written. */
static int write_reports(struct scan_opts *so, struct scan *s, const struct catalog *cat,
			 const struct report_writer *default_w, struct outfile *ofs, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const struct report_writer *w = so->nout && so->outs[i].w ? so->outs[i].w : default_w;
		struct outfile *of = &ofs[i];
		struct report rep = {.scan = s, .cat = cat, .tool_version = SUNSET_VERSION, .fail_on = so->fail_on,
				     .now = so->now, .inputs = so->inventories, .ninputs = so->ninv + so->npaths,
				     .trend = so->hist.trend};
		so->co.output = so->nout ? so->outs[i].path : NULL;
		rep.color = !strcmp(w->name, "text") && common_use_color(&so->co);
		rep.columns = !strcmp(w->name, "text") ? common_terminal_columns(&so->co) : 0;
		if (w->write(of->fp, &rep) < 0) {
			outfile_abort(of);
			rc = -1;
			continue;
		}
		if (outfile_commit(of) < 0)
			rc = -1;
	}
	return rc;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_opts so = {.fail_on = ST_DEPRECATED};
	struct catalog *cat = NULL;
	struct scan s;
	struct suppressions supp = {0};
	size_t failed = 0, partial = 0;
	int rc = EXIT_USAGE, pr, nofs = 0;
	bool scanned = false;
	struct outfile *ofs = NULL;

	common_init(&so.co);
	http_options_default(&so.live.http);
	so.live.sts_rate = LIVE_STS_RATE;
	so.now = clock_report_time();
	pr = parse_args(&so, argc, argv);
	if (pr != 0) {
		scan_opts_release(&so);
		return pr > 0 ? EXIT_CLEAN : EXIT_USAGE;
	}
	const struct report_writer *w = report_writer_find(so.co.format ? so.co.format : "text");
	if (!w) {
		errorf("scan: unknown --format \"%s\" (one of %s)", so.co.format, report_writer_names());
		goto out;
	}
	if (common_load_catalog(&so.co, &cat) < 0)
		goto out;
	if (load_ignore_file(&so, &supp) < 0)
		goto out;
	ofs = xcalloc(so.nout ? so.nout : 1, sizeof(*ofs));
	if ((nofs = open_reports(&so, ofs)) < 0)
		goto out;
	scan_init(&s, cat, so.co.as_of, so.co.warn_days, so.show_all);
	budget_init(&s.budget, so.parse_budget);
	scanned = true;
	if (so.nowner_tags) {
		s.owner_keys = so.owner_tags;
		s.nowner_keys = so.nowner_tags;
	}
	if (supp.path)
		s.supp = &supp;
	if (scan_history_begin(&so.hist, &s, so.inventories, so.ninv + so.npaths, so.aws ? &so.live : NULL,
			       (const char *const *)so.regions, so.nregions, (const char *const *)so.accounts,
			       so.naccounts) < 0)
		goto out;
	for (size_t i = 0; i < so.ninv; i++) {
		size_t fn0 = s.functions, v0 = s.resources, e0 = s.errors.total;
		s.inputs++;
		enum inventory_result r = inventory_scan_path(&s, so.inventories[i]);
		if (r == INV_FATAL)
			goto out;
		failed += r == INV_FAILED;
		partial += r == INV_PARTIAL;
		input_coverage(&s, "inventory", so.inventories[i], r == INV_FAILED, s.functions - fn0, s.resources - v0, e0);
	}
	if (so.npaths) {
		struct iac_ctx ictx = {.scan = &s, .opts = &so.iac};
		size_t before = s.errors.total;
		if (!so.iac.max_file)
			so.iac.max_file = IAC_DEFAULT_MAX_FILE;
		so.iac.fix_at = so.fix ? so.fail_on : ST_COUNT;
		size_t pf = 0;
		for (size_t i = 0; i < so.npaths; i++)
			fsp_add_root(&ictx.fsp, so.paths[i]); /* every PATH is a root while any is scanned */
		for (size_t i = 0; i < so.npaths; i++) { /* one at a time: each is a coverage entry */
			size_t fn0 = s.functions, v0 = s.resources, e0 = s.errors.total;
			size_t f1 = iac_scan_paths(&ictx, &so.paths[i], 1);
			input_coverage(&s, "templates", so.paths[i], f1 > 0, s.functions - fn0, s.resources - v0, e0);
			pf += f1;
		}
		s.templates_scanned = true;
		s.files_read = ictx.files;
		s.templates = ictx.iac_files;
		if (!ictx.iac_files && pf < so.npaths)
			warnf("scan: no CloudFormation, SAM, CDK, Serverless or Terraform file found in the %zu path%s given "
			      "(%zu file%s read)",
			      so.npaths, so.npaths == 1 ? "" : "s", ictx.files, ictx.files == 1 ? "" : "s");
		failed += pf;
		partial += s.errors.total - before > pf;
		if (so.fix && iac_fix_apply(&ictx, so.dry_run, stdout) > 0)
			partial++;
		iac_ctx_release(&ictx);
	}
	if (so.aws) {
		so.live.regions = (const char *const *)so.regions;
		so.live.accounts = (const char *const *)so.accounts;
		so.live.naccounts = so.naccounts;
		so.live.nregions = so.nregions;
		so.live.progress = !so.co.quiet && isatty(STDERR_FILENO);
		size_t nreg = 0, lpart = 0;
		int lf = live_scan(&s, &so.live, &nreg, &lpart);
		if (lf < 0)
			goto out;
		s.inputs += nreg;
		failed += (size_t)lf;
		partial += lpart;
	}
	coverage_sort(&s.cov);
	if (s.duplicates)
		warnf("scan: %zu function version%s given more than once (same ARN and version) %s counted once",
		      s.duplicates, s.duplicates == 1 ? "" : "s", s.duplicates == 1 ? "is" : "are");
	so.hist.now = so.now;
	int hrc = scan_history_end(&so.hist, &s, cat, SUNSET_VERSION);
	int wr = write_reports(&so, &s, cat, w, ofs, (size_t)nofs);
	nofs = 0; /* committed or aborted */
	if (wr < 0)
		goto out;
	rc = exit_code(&s, so.fail_on, failed, partial || hrc < 0, so.hist.fail_on_new);
	if (so.security_hub && import_security_hub(&so, &s, cat) < 0 && rc < EXIT_USAGE)
		rc = EXIT_INCOMPLETE;
	if (rc == EXIT_USAGE)
		errorf("scan: nothing could be read from the %zu input%s given", s.inputs, s.inputs == 1 ? "" : "s");
out:
	for (int i = 0; i < nofs; i++)
		outfile_abort(&ofs[i]);
	free(ofs);
	if (scanned)
		scan_release(&s);
	catalog_free(cat);
	suppressions_release(&supp);
	scan_history_release(&so.hist);
	scan_opts_release(&so);
	return rc;
}
