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
#include "suppress.h"

struct scan {
	const struct catalog *cat;      /* borrowed */
	struct classifier *cl;          /* owned */
	struct fstore *store;           /* owned: every resource scanned, classified */
	struct errlist errors;
	date_t as_of;
	int warn_days;
	bool show_all;                  /* reports list supported and image resources too */
	size_t resources;               /* resources scanned */
	size_t by_status[ST_COUNT];     /* every resource scanned, by status */
	size_t findings;                /* resources whose status is a finding */
	struct suppressions *supp;      /* borrowed; NULL when no ignore file */
	size_t suppressed_by_status[ST_COUNT]; /* findings an ignore entry suppressed */
	size_t suppressed;
	size_t inputs;                  /* files read and regions scanned, for "nothing could be read" */
	const char *const *owner_keys;  /* --owner-tag keys, first present wins; NULL: owner_default_keys */
	size_t nowner_keys;
};

/* scan_init prepares *s; `cat` must outlive it. */
void scan_init(struct scan *s, const struct catalog *cat, date_t as_of, int warn_days, bool show_all);
void scan_release(struct scan *s);

/* scan_add classifies one resource and keeps it in the store (reports pick what they list).
 * Returns 0, or -1 when the findings store failed (fatal for the run). */
int scan_add(struct scan *s, const struct resource *r);
/* scan_add_classified is scan_add that also hands back the classification (for --fix). */
int scan_add_classified(struct scan *s, const struct resource *r, struct classification *out);

/* status_is_finding: statuses that are findings (listed without --show-all). */
bool status_is_finding(enum status st);
/* scan_listed: whether reports list this resource (a finding, or anything with show_all). */
bool scan_listed(const struct scan *s, const struct finding *f);

#endif
