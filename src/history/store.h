/* store: sunset's history schema on a db connection: created and migrated here, one
 * transaction per scan, the previous scan of a scope as a prior, the list of scans, and
 * one scan's resources back as a scan for the writers. */
#ifndef SUNSET_HISTORY_STORE_H
#define SUNSET_HISTORY_STORE_H

#include <stddef.h>

#include "catalog/catalog.h"
#include "model/prior.h"
#include "model/scan.h"
#include "history/db.h"

#define HSTORE_SCHEMA_VERSION 2

/* One row of the scans table. */
struct hstore_scan {
	long long id;
	char as_of[11];
	char *scope;          /* inputs, sorted, joined with ", " */
	char *recorded;       /* report time, ISO 8601 UTC */
	char *inputs_json;    /* JSON array of the inputs as given */
	char *catalog_as_of;
	const char *tool_version; /* borrowed; set by the caller of hstore_record */
	int warn_days;
	int show_all;
	size_t resources, findings, errors;
	size_t by_status[ST_COUNT];
	size_t changes[CH_COUNT];
};

void hstore_scan_release(struct hstore_scan *sc);

/* hstore_open connects and brings the schema to HSTORE_SCHEMA_VERSION (refusing a newer one). */
int hstore_open(struct hdb *db, const char *dsn);
/* hstore_load_prior loads the latest scan of `scope` as of `as_of` or earlier into *p
 * (PRIOR_HISTORY): its findings and its not-scanned ones. *prev is its id, 0 when none. */
int hstore_load_prior(struct hdb *db, const char *scope, date_t as_of, struct prior *p, long long *prev);
/* hstore_record writes the scan, its errors, every resource and the gone ones in one
 * transaction; sc gives scope, inputs, recorded and catalog_as_of. Sets sc->id. */
int hstore_record(struct hdb *db, struct hstore_scan *sc, struct scan *s);
/* hstore_each_scan calls fn for every scan (of `scope` when not NULL), oldest first. */
typedef int (*hstore_scan_fn)(void *ctx, const struct hstore_scan *sc);
int hstore_each_scan(struct hdb *db, const char *scope, hstore_scan_fn fn, void *ctx);
/* hstore_get_scan reads one scan's row; returns 1 when found, 0 when not, -1 on error. */
int hstore_get_scan(struct hdb *db, long long id, struct hstore_scan *out);
/* hstore_replay adds scan `id`'s resources and errors to s (scan_init'ed at its as_of) and
 * its gone ones to *gone, which becomes s->prior. */
int hstore_replay(struct hdb *db, long long id, struct scan *s, struct prior *gone);

#endif
