/* scan: where resources from every source meet the classifier and become findings.
 * Sources call scan_add for each resource and record failures in scan->errors. */
#ifndef SUNSET_SCAN_H
#define SUNSET_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "classify.h"
#include "errlist.h"
#include "fstore.h"
#include "resource.h"

struct scan {
	const struct catalog *cat;      /* borrowed */
	struct classifier *cl;          /* owned */
	struct fstore *store;           /* owned: findings (and supported ones with show_all) */
	struct errlist errors;
	date_t as_of;
	int warn_days;
	bool show_all;
	size_t resources;               /* resources scanned */
	size_t by_status[ST_COUNT];     /* every resource scanned, by status */
	size_t findings;                /* resources stored as findings */
	size_t inputs, inputs_failed, inputs_partial;
};

/* scan_init prepares *s; `cat` must outlive it. */
void scan_init(struct scan *s, const struct catalog *cat, date_t as_of, int warn_days, bool show_all);
void scan_release(struct scan *s);

/* scan_add classifies one resource and keeps it when it is a finding (or when show_all).
 * Returns 0, or -1 when the findings store failed (fatal for the run). */
int scan_add(struct scan *s, const struct resource *r);

/* is_finding: statuses that are findings without --show-all. */
bool status_is_finding(enum status st);

#endif
