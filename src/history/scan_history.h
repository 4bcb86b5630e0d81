/* scan_history: what `sunset scan` does with --baseline, --fail-on-new and --db: load the
 * prior scan before the sources run, and after them name what is gone and record the scan. */
#ifndef SUNSET_SCAN_HISTORY_H
#define SUNSET_SCAN_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "model/prior.h"
#include "model/scan.h"
#include "history/db.h"

struct live_opts;
struct report_trend;

struct scan_history {
	const char *baseline; /* --baseline FILE */
	const char *db_dsn;   /* --db */
	bool fail_on_new;
	long long now;        /* report time, for the scan's `recorded` */
	/* state */
	struct prior prior;
	bool have_prior;
	struct hdb db;
	bool open;
	char *scope;
	char *inputs_json;
	long long recorded_id; /* the scan's id once recorded */
	struct report_trend *trend; /* for the HTML report, once recorded */
};

int scan_history_check_args(const struct scan_history *h);
/* scan_history_begin loads the baseline or opens the database and the previous scan of this
 * scope, and hands it to s. `inputs` are the files and paths; `live` NULL without --aws. */
int scan_history_begin(struct scan_history *h, struct scan *s, const char *const *inputs, size_t ninputs,
		       const struct live_opts *live, const char *const *regions, size_t nregions,
		       const char *const *accounts, size_t naccounts);
/* scan_history_end names what is gone and records the scan (--db). Returns 0, or -1 when the
 * scan could not be recorded (message printed; the database is as it was). */
int scan_history_end(struct scan_history *h, struct scan *s, const struct catalog *cat, const char *tool_version);
/* scan_history_trend fills *t with the scans of `scope` up to scan `id` (as of `as_of`),
 * oldest first. */
int scan_history_trend(struct hdb *db, const char *scope, long long id, date_t as_of, struct report_trend *t);
void scan_history_trend_release(struct report_trend *t);
void scan_history_release(struct scan_history *h);

#endif
