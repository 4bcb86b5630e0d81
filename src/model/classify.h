/* classify: the lifecycle phase of a runtime on a date, its severity, and the runtime to
 * move to. A classifier precomputes every catalog entry once for (as_of, warn_days). */
#ifndef SUNSET_CLASSIFY_H
#define SUNSET_CLASSIFY_H

#include <stdbool.h>

#include "catalog/catalog.h"

/* Ordered by rank: a higher value is worse. */
enum status {
	ST_NOT_APPLICABLE,
	ST_SUPPORTED,
	ST_UNKNOWN,
	ST_UPCOMING,
	ST_DEPRECATED,
	ST_CREATE_BLOCKED,
	ST_UPDATE_BLOCKED,
	ST_COUNT
};

enum severity { SEV_NONE, SEV_INFO, SEV_LOW, SEV_MODERATE, SEV_HIGH };

const char *status_name(enum status s);
/* status_parse maps a name ("deprecated") to its status; -1 when unknown. */
int status_parse(const char *name);
enum severity status_severity(enum status s);
const char *severity_name(enum severity s);
/* Statuses in report order, worst first (ST_COUNT entries). */
extern const enum status status_report_order[ST_COUNT];

struct classification {
	enum status status;
	const struct catalog_entry *entry;       /* NULL when unknown or not applicable */
	const struct catalog_entry *recommended; /* NULL when nothing in the family qualifies */
	const char *family;                      /* catalog family, or guessed for unknown ids */
	long days_until_deprecation;             /* valid when has_days */
	bool has_days;
	/* unknown only: the identifier has the shape of its family's identifiers (python3.16,
	 * nodejs28.x) and a higher version than every one of them in the catalog */
	bool newer_than_data;
	const struct catalog_entry *family_newest; /* then: the newest of that shape */
	/* unknown only, and not newer_than_data: the catalog identifier it is probably a typo of
	 * ("provided.al2023023", "Python3.12", "pyhton3.9"), or NULL */
	const struct catalog_entry *near;
};

struct classifier;

/* classifier_new borrows `cat` (it must outlive the classifier). */
struct classifier *classifier_new(const struct catalog *cat, date_t as_of, int warn_days);
void classifier_free(struct classifier *cl);

/* classify fills *out for a resource whose runtime is `runtime` (NULL when absent) and
 * whose package type is an image when `is_image`. */
void classify(const struct classifier *cl, const char *runtime, bool is_image, struct classification *out);
/* classify_entry_status is the phase of a catalog entry on (as_of, warn_days). */
enum status classify_entry_status(const struct catalog_entry *e, date_t as_of, int warn_days);
/* classify_recommend is the runtime to move to for `family`, or NULL. */
const struct catalog_entry *classify_recommend(const struct classifier *cl, const char *family);
/* classify_entry_recommend is the runtime to move to from catalog entry `e`: the family's
 * recommendation, or NULL when that would be a downgrade (e is newer than every dated
 * runtime of its family). */
const struct catalog_entry *classify_entry_recommend(const struct classifier *cl, const struct catalog_entry *e);
/* runtime_version_cmp orders identifiers by their numeric parts ("python3.9" < "python3.14"). */
int runtime_version_cmp(const char *a, const char *b);

#endif
