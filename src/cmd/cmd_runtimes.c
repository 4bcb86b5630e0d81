/* sunset runtimes: the catalog with each runtime's status and recommended runtime. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "model/classify.h"
#include "cmd/cli.h"
#include "util/clock.h"
#include "util/msg.h"
#include "util/outfile.h"
#include "update/update.h"

enum { OPT_UPDATE = OPT_COMMON_END, OPT_FROM, OPT_DRY_RUN };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sunset runtimes [--as-of YYYY-MM-DD] [--warn-days N] [--format text|json]\n"
		"                       [--runtimes FILE] [-o FILE]\n"
		"       sunset runtimes --update [--from URL|FILE] [--dry-run] [--format text|json] [-o FILE]\n\n"
		"Prints every runtime in the lifecycle catalog with its phase on the as-of date\n"
		"(default: today, UTC) and the runtime to move to.\n\n"
		"--update reads AWS's Lambda runtimes page (or --from a copy), checks it, prints what\n"
		"changed against the catalog in use and writes it to $XDG_CACHE_HOME/sunset/\n"
		"lambda-runtimes.json (else ~/.cache/sunset/); later runs use the newer of that and the\n"
		"built-in catalog. --dry-run only prints the changes.\n");
}

static int cmp_listing(const void *a, const void *b)
{
	return catalog_cmp_listing(*(const struct catalog_entry *const *)a, *(const struct catalog_entry *const *)b);
}

/* sorted: the entries by family, then version, newest first (free the array). */
static const struct catalog_entry **sorted(const struct catalog *cat)
{
	const struct catalog_entry **v = calloc(catalog_count(cat), sizeof(*v));
	if (!v)
		abort();
	for (size_t i = 0; i < catalog_count(cat); i++)
		v[i] = catalog_at(cat, i);
	qsort(v, catalog_count(cat), sizeof(*v), cmp_listing);
	return v;
}

static json_t *date_json(date_t d)
{
	char buf[11];
	return d == DATE_NONE ? json_null() : json_string(date_format(d, buf));
}

static int write_json(FILE *out, const struct catalog *cat, const struct classifier *cl, const struct common_opts *co)
{
	char d1[11], d2[11];
	json_t *arr = json_array();
	const struct catalog_entry **v = sorted(cat);
	for (size_t i = 0; i < catalog_count(cat); i++) {
		const struct catalog_entry *e = v[i];
		const struct catalog_entry *rec = classify_entry_recommend(cl, e);
		json_array_append_new(
			arr, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:b, s:s}", "runtime", e->runtime,
				       "family", e->family, "os", e->os, "deprecation_date", date_json(e->deprecated),
				       "block_create_date", date_json(e->block_create), "block_update_date",
				       date_json(e->block_update), "status",
				       status_name(classify_entry_status(e, co->as_of, co->warn_days)),
				       "recommended_runtime", rec ? json_string(rec->runtime) : json_null(),
				       "image_only", e->image_only, "notes", e->notes));
	}
	free(v);
	json_t *doc = json_pack("{s:s, s:s, s:s, s:i, s:o}", "as_of", date_format(co->as_of, d1), "catalog_as_of",
				date_format(catalog_as_of(cat), d2), "catalog_source", catalog_source(cat), "warn_days",
				co->warn_days, "runtimes", arr);
	int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(doc);
	return rc;
}

static int write_text(FILE *out, const struct catalog *cat, const struct classifier *cl, const struct common_opts *co)
{
	char d1[11], d2[11], d3[11];
	fprintf(out, "Lambda runtimes as of %s (catalog %s from %s, warning window %d days)\n\n",
		date_format(co->as_of, d1), date_format(catalog_as_of(cat), d2), catalog_source(cat), co->warn_days);
	fprintf(out, "%-16s %-9s %-18s %-11s %-12s %-12s %-15s %s\n", "RUNTIME", "FAMILY", "OS", "DEPRECATED",
		"BLOCK CREATE", "BLOCK UPDATE", "STATUS", "MOVE TO");
	const struct catalog_entry **v = sorted(cat);
	for (size_t i = 0; i < catalog_count(cat); i++) {
		const struct catalog_entry *e = v[i];
		const struct catalog_entry *rec = classify_entry_recommend(cl, e);
		enum status st = classify_entry_status(e, co->as_of, co->warn_days);
		fprintf(out, "%-16s %-9s %-18s %-11s %-12s %-12s %-15s %s%s\n", e->runtime, e->family, e->os,
			e->deprecated == DATE_NONE ? "-" : date_format(e->deprecated, d1),
			e->block_create == DATE_NONE ? "-" : date_format(e->block_create, d2),
			e->block_update == DATE_NONE ? "-" : date_format(e->block_update, d3), status_name(st),
			rec && rec != e ? rec->runtime : "-", e->image_only ? "  (container image only)" : "");
	}
	free(v);
	return 0;
}

int cmd_runtimes(int argc, char **argv)
{
	static const struct option longopts[] = {COMMON_LONG_OPTIONS,
						 {"update", no_argument, NULL, OPT_UPDATE},
						 {"from", required_argument, NULL, OPT_FROM},
						 {"dry-run", no_argument, NULL, OPT_DRY_RUN},
						 {0}};
	struct update_opts uo = {0};
	bool update = false;
	struct common_opts co;
	struct catalog *cat = NULL;
	struct classifier *cl = NULL;
	struct outfile of;
	int opt, rc = EXIT_USAGE;

	common_init(&co);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
		if (opt == '?') {
			common_bad_option("runtimes", argv, longopts, COMMON_SHORT_OPTIONS);
			return EXIT_USAGE;
		}
		if (opt == OPT_HELP || opt == 'h') {
			usage(stdout);
			return EXIT_CLEAN;
		}
		if (opt == OPT_UPDATE || opt == OPT_FROM || opt == OPT_DRY_RUN) {
			update |= opt == OPT_UPDATE;
			uo.dry_run |= opt == OPT_DRY_RUN;
			if (opt == OPT_FROM)
				uo.from = optarg;
			continue;
		}
		int r = common_option(&co, opt, optarg);
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0) {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		errorf("runtimes: unexpected argument \"%s\"", argv[optind]);
		return EXIT_USAGE;
	}
	const char *fmt = co.format ? co.format : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "json")) {
		errorf("runtimes: --format must be text or json, got \"%s\"", fmt);
		return EXIT_USAGE;
	}
	if ((uo.from || uo.dry_run) && !update) {
		errorf("runtimes: --from and --dry-run go with --update");
		return EXIT_USAGE;
	}
	if (common_load_catalog(&co, &cat) < 0)
		return EXIT_USAGE;
	if (update) {
		uo.json = !strcmp(fmt, "json");
		uo.output = co.output;
		uo.in_use = cat;
		uo.today = clock_today(); /* the fetch day; SUNSET_TODAY pins it for tests */
		rc = update_run(&uo) == 0 ? EXIT_CLEAN : EXIT_USAGE;
		catalog_free(cat);
		return rc;
	}
	cl = classifier_new(cat, co.as_of, co.warn_days);
	if (outfile_open(&of, co.output) == 0) {
		int w = !strcmp(fmt, "json") ? write_json(of.fp, cat, cl, &co) : write_text(of.fp, cat, cl, &co);
		if (w < 0)
			outfile_abort(&of);
		else if (outfile_commit(&of) == 0)
			rc = EXIT_CLEAN;
	}
	classifier_free(cl);
	catalog_free(cat);
	return rc;
}
