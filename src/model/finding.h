/* finding: one classified resource, and the table of its output fields that every
 * writer (json, csv, ...) walks, so a new field is one row. */
#ifndef SUNSET_FINDING_H
#define SUNSET_FINDING_H

#include <stdbool.h>

#include "model/classify.h"
#include "util/date.h"

#define FINDING_CHECK "A-LAM-3"

enum finding_str {
	FS_RUNTIME,
	FS_SOURCE,
	FS_KIND,
	FS_RESOURCE,
	FS_FUNCTION,
	FS_VERSION,
	FS_ACCOUNT,
	FS_ACCOUNT_NAME,
	FS_REGION,
	FS_PARTITION,
	FS_FILE,
	FS_PACKAGE_TYPE,
	FS_LAST_MODIFIED,
	FS_ARCHITECTURES,
	FS_RECOMMENDED,
	FS_REMEDIATION,
	FS_REASON,
	FS_SUPPRESSION_REASON,
	FS_ALIASES,
	FS_VIA,
	FS_ID,         /* the stable identity (scan_resource_id) */
	FS_CHANGE,     /* new, known, unchanged, worse (--baseline, --db), or NULL */
	FS_FIRST_SEEN, /* --db: YYYY-MM-DD of the first scan of this scope that had it */
	FS_DAYS_OPEN,  /* --db: as_of - first_seen, in decimal */
	FS_OWNER,
	FS_MANAGED_BY,
	FS_STACK,
	FS_TAGS, /* compact JSON object */
	FS_BASE, /* not an output field: the scanned folder, for SARIF's repository-relative URIs */
	FS_RAW_FILE, /* not output fields: the file and folder names' bytes as scanned, set only */
	FS_RAW_BASE, /* when one was not valid UTF-8 (SARIF percent-encodes them; FS_FILE is repaired) */
	FS_LATEST_RUNTIME, /* not an output field: a published version's $LATEST runtime (kept by --db) */
	FS_COUNT
};

/* A finding's strings are borrowed: from the resource while it is being classified, from
 * the store's read buffer while a writer iterates. */
struct finding {
	enum status status;
	const char *s[FS_COUNT]; /* NULL = absent (null in JSON, empty in CSV) */
	long line, column;       /* 0 = absent */
	date_t deprecated, block_create, block_update; /* DATE_NONE = absent */
	long days_until_deprecation;
	bool has_days;
	bool suppressed; /* matched an active entry of the ignore file */
	long invocations; /* in the last 30 days, when has_invocations */
	bool has_invocations;
};

enum field_type { FT_STR, FT_INT, FT_DATE, FT_LIST, FT_BOOL, FT_ALIASES, FT_OBJECT /* compact JSON object text */ };

struct field_value {
	enum field_type type;
	bool null;
	const char *str; /* FT_STR, FT_LIST (comma-separated), FT_ALIASES ("name=weight,...") */
	long num;        /* FT_INT; FT_BOOL 0 or 1 */
	char date[11];   /* FT_DATE */
};

struct field_def {
	const char *name;
	void (*get)(const struct finding *f, struct field_value *v);
	bool not_csv; /* JSON only (an object has no cell) */
};

/* The output fields in order; finding_fields_count entries. */
extern const struct field_def finding_fields[];
extern const unsigned finding_fields_count;

#endif
