/* sunset history: the scans recorded in a history database (--db), and one scan's report
 * as it was (--show ID) through the ordinary writers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "history/scan_history.h"
#include "history/store.h"
#include "util/msg.h"
#include "util/outfile.h"
#include "report/report.h"
#include "util/xalloc.h"

enum { OPT_DB = OPT_COMMON_END, OPT_SHOW, OPT_SCOPE };

struct history_opts {
	struct common_opts co;
	const char *db;
	const char *scope;
	long long show; /* 0: list */
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sunset history --db PATH|URL [--scope SCOPE] [-f text|json]\n"
		"       sunset history --db PATH|URL --show ID [-f FORMAT] [-o FILE]\n\n"
		"  --db PATH|URL       the history database of 'sunset scan --db' (SQLite file or postgresql://...)\n"
		"  --scope SCOPE       only the scans of this scope (as listed)\n"
		"  --show ID           print scan ID's report as it was recorded, in any report format\n"
		"  -f, --format FMT    the list: text (default) or json; with --show: %s\n"
		"  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
		"  --runtimes FILE     the catalog for --show (default the built-in one)\n",
		report_writer_names());
}

static int parse_args(struct history_opts *ho, int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONG_OPTIONS,
		{"db", required_argument, NULL, OPT_DB},
		{"show", required_argument, NULL, OPT_SHOW},
		{"scope", required_argument, NULL, OPT_SCOPE},
		{0},
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, longopts, NULL)) != -1) {
		int r = common_option(&ho->co, opt, optarg);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		switch (opt) {
		case OPT_HELP:
		case 'h':
			usage(stdout);
			return 1;
		case OPT_DB:
			ho->db = optarg;
			break;
		case OPT_SCOPE:
			ho->scope = optarg;
			break;
		case OPT_SHOW: {
			char *end;
			ho->show = strtoll(optarg, &end, 10);
			if (!*optarg || *end || ho->show < 1)
				return errorf("--show: expected a scan id (a positive number), got \"%s\"", optarg);
			break;
		}
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc)
		return errorf("history: unexpected argument \"%s\"", argv[optind]);
	if (!ho->db)
		return errorf("history: --db PATH|URL is required");
	return 0;
}

/* ---- the list ---- */

struct list_ctx {
	FILE *out;
	json_t *arr; /* json, else text */
};

static size_t open_count(const struct hstore_scan *sc)
{
	size_t n = 0;
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			n += sc->by_status[st];
	return n;
}

static int list_row(void *ctx, const struct hstore_scan *sc)
{
	struct list_ctx *lc = ctx;
	if (lc->arr) {
		json_t *by = json_object(), *ch = json_object();
		for (int i = 0; i < ST_COUNT; i++) {
			enum status st = status_report_order[i];
			json_object_set_new(by, status_name(st), json_integer((json_int_t)sc->by_status[st]));
		}
		for (int c = 0; c < CH_COUNT; c++)
			if (c != CH_KNOWN)
				json_object_set_new(ch, change_name((enum change)c), json_integer((json_int_t)sc->changes[c]));
		json_t *inputs = sc->inputs_json ? json_loads(sc->inputs_json, 0, NULL) : NULL;
		json_array_append_new(
			lc->arr, json_pack("{s:I, s:s, s:s?, s:s, s:o, s:I, s:I, s:o, s:o, s:I}", "id", (json_int_t)sc->id,
					   "as_of", sc->as_of, "recorded", sc->recorded, "scope", sc->scope ? sc->scope : "",
					   "inputs", inputs ? inputs : json_array(), "resources_scanned",
					   (json_int_t)sc->resources, "findings", (json_int_t)open_count(sc), "by_status", by,
					   "changes", ch, "errors", (json_int_t)sc->errors));
		return 0;
	}
	fprintf(lc->out, "%-5lld %-10s %8zu %8zu %8zu %8zu %8zu %8zu %5zu %5zu %5zu %7zu  %s\n", sc->id, sc->as_of,
		open_count(sc), sc->by_status[ST_UPDATE_BLOCKED], sc->by_status[ST_CREATE_BLOCKED],
		sc->by_status[ST_DEPRECATED], sc->by_status[ST_UPCOMING], sc->by_status[ST_UNKNOWN], sc->changes[CH_NEW],
		sc->changes[CH_WORSE], sc->changes[CH_FIXED], sc->changes[CH_NOT_SCANNED], sc->scope ? sc->scope : "");
	return 0;
}

static int list_scans(struct history_opts *ho, struct hdb *db, FILE *out)
{
	struct list_ctx lc = {out, NULL};
	bool json = ho->co.format && !strcmp(ho->co.format, "json");
	if (ho->co.format && !json && strcmp(ho->co.format, "text"))
		return errorf("history: the list is text or json, not \"%s\" (other formats with --show)", ho->co.format);
	if (json)
		lc.arr = json_array();
	else
		fprintf(out, "%-5s %-10s %8s %8s %8s %8s %8s %8s %5s %5s %5s %7s  %s\n", "ID", "AS OF", "FINDINGS",
			"UPD_BLK", "CRT_BLK", "DEPREC", "UPCOMING", "UNKNOWN", "NEW", "WORSE", "FIXED", "NOT_SCN",
			"SCOPE");
	int rc = hstore_each_scan(db, ho->scope, list_row, &lc);
	if (json) {
		json_t *doc = json_pack("{s:o}", "scans", lc.arr);
		if (rc == 0 && (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0 || fputc('\n', out) < 0))
			rc = -1;
		json_decref(doc);
	}
	return rc;
}

/* ---- one scan, as it was ---- */

static int show_scan(struct history_opts *ho, struct hdb *db, FILE *out)
{
	const struct report_writer *w = report_writer_find(ho->co.format ? ho->co.format : "text");
	struct hstore_scan sc;
	struct catalog *cat = NULL;
	struct scan s;
	struct prior gone;
	struct report_trend trend = {0};
	int rc = -1;
	if (!w)
		return errorf("history: unknown --format \"%s\" (one of %s)", ho->co.format, report_writer_names());
	int found = hstore_get_scan(db, ho->show, &sc);
	if (found <= 0)
		return found < 0 ? -1 : errorf("history: --db %s has no scan %lld", db->label, ho->show);
	date_t as_of;
	if (date_parse(sc.as_of, &as_of) < 0) {
		hstore_scan_release(&sc);
		return errorf("history: scan %lld has a bad as_of \"%s\"", ho->show, sc.as_of);
	}
	if (common_load_catalog(&ho->co, &cat) < 0) {
		hstore_scan_release(&sc);
		return -1;
	}
	scan_init(&s, cat, as_of, sc.warn_days, sc.show_all != 0);
	json_t *inputs = sc.inputs_json ? json_loads(sc.inputs_json, 0, NULL) : NULL;
	size_t nin = json_array_size(inputs);
	const char **in = xcalloc(nin + 1, sizeof(*in));
	for (size_t i = 0; i < nin; i++)
		in[i] = json_string_value(json_array_get(inputs, i));
	if (hstore_replay(db, ho->show, &s, &gone) < 0)
		goto done;
	s.errors.total = sc.errors > s.errors.total ? sc.errors : s.errors.total;
	if (scan_history_trend(db, sc.scope, sc.id, as_of, &trend) < 0)
		goto done;
	struct report rep = {.scan = &s, .cat = cat, .tool_version = SUNSET_VERSION, .fail_on = ST_DEPRECATED,
			     .now = 0, .inputs = in, .ninputs = nin, .trend = &trend};
	char day[11];
	int hh, mm, ss;
	date_t rd;
	if (sc.recorded && sscanf(sc.recorded, "%10[0-9-]T%d:%d:%dZ", day, &hh, &mm, &ss) == 4 &&
	    date_parse(day, &rd) == 0)
		rep.now = (long long)rd * 86400 + hh * 3600 + mm * 60 + ss; /* the report time it had */
	rep.color = !strcmp(w->name, "text") && common_use_color(&ho->co);
	rc = w->write(out, &rep);
done:
	scan_history_trend_release(&trend);
	json_decref(inputs);
	free(in);
	scan_release(&s);
	prior_release(&gone);
	catalog_free(cat);
	hstore_scan_release(&sc);
	return rc;
}

int cmd_history(int argc, char **argv)
{
	struct history_opts ho = {0};
	struct hdb db;
	struct outfile of;
	common_init(&ho.co);
	int pr = parse_args(&ho, argc, argv);
	if (pr != 0)
		return pr > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (hstore_open(&db, ho.db) < 0)
		return EXIT_USAGE;
	int rc = -1;
	if (outfile_open(&of, ho.co.output) == 0) {
		rc = ho.show ? show_scan(&ho, &db, of.fp) : list_scans(&ho, &db, of.fp);
		if (rc < 0)
			outfile_abort(&of);
		else
			rc = outfile_commit(&of);
	}
	hdb_close(&db);
	return rc < 0 ? EXIT_USAGE : EXIT_CLEAN;
}
