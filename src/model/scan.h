/* scan: where resources from every source meet the classifier and become findings.
 * Sources call scan_add for each resource and record failures in scan->errors. */
#ifndef SUNSET_SCAN_H
#define SUNSET_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/budget.h"
#include "model/classify.h"
#include "model/coverage.h"
#include "model/errlist.h"
#include "model/fstore.h"
#include "model/idset.h"
#include "model/prior.h"
#include "model/resource.h"
#include "util/strbuf.h"
#include "model/suppress.h"

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
	/* Changes against an earlier scan (--baseline, --db); prior NULL without one. */
	struct prior *prior;            /* borrowed */
	const struct scan_replay *replay; /* sunset history --show: the next scan_add's stored change */
	size_t changes[CH_COUNT];       /* findings by change; fixed and not_scanned after scan_changes_finish */
	size_t new_by_status[ST_COUNT]; /* new findings not suppressed, for --fail-on-new */
	struct budget budget;           /* what the parsers may hold and the sources may emit */
	struct idset seen;              /* resources with an ARN already added (kind, ARN, version) */
	size_t duplicates;              /* resources given again (same ARN and version), not added */
	bool templates_scanned;         /* template PATHs were given: the summary names the next two */
	size_t files_read;              /* files the template walk read */
	size_t templates;               /* of those, files a template format took */
	size_t functions;               /* resources that are a function's $LATEST (or unversioned) */
	struct coverage cov;            /* what was covered: account-regions and inputs */
	const char *const *owner_keys;  /* --owner-tag keys, first present wins; NULL: owner_default_keys */
	size_t nowner_keys;
};

/* What the history store kept of one finding, replayed onto scan_add's finding. */
struct scan_replay {
	const char *change, *first_seen; /* NULL when none */
	bool suppressed;
	const char *suppression_reason;
};

/* scan_init prepares *s; `cat` must outlive it. */
void scan_init(struct scan *s, const struct catalog *cat, date_t as_of, int warn_days, bool show_all);
void scan_release(struct scan *s);

/* scan_add classifies one resource and keeps it in the store (reports pick what they list).
 * A resource with an ARN is one resource however many inputs name it: the same kind, ARN
 * and version again is counted in `duplicates` and not added. Returns 0, or -1 when the
 * findings store failed (fatal for the run). */
int scan_add(struct scan *s, const struct resource *r);
/* scan_add_classified is scan_add that also hands back the classification (for --fix). */
int scan_add_classified(struct scan *s, const struct resource *r, struct classification *out);

/* scan_resource_id replaces the contents of sb with a resource's stable identity (see
 * docs/json-output.md: PARTITION:ACCOUNT:REGION:FUNCTION:VERSION for functions, $LATEST for
 * an unqualified ARN; FILE#ADDRESS for templates). Returns sb->buf. */
const char *scan_resource_id(const struct resource *r, struct strbuf *sb);
/* scan_changes_finish names the prior scan's findings this scan did not have as findings:
 * fixed, or not_scanned when an error was recorded for their account/region or file. */
void scan_changes_finish(struct scan *s);

/* status_is_finding: statuses that are findings (listed without --show-all). */
bool status_is_finding(enum status st);
/* scan_listed: whether reports list this resource (a finding, or anything with show_all). */
bool scan_listed(const struct scan *s, const struct finding *f);

#endif
