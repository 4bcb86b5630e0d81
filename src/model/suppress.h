/* suppress: the ignore file (.sunset-ignore.yml). Each entry names criteria (globs over
 * resource, function, account, region, runtime, file; all given must match), a required
 * reason and an optional expiry date. A suppressed finding stays in the reports, marked,
 * and does not count for the exit code; an expired entry suppresses nothing. */
#ifndef SUNSET_SUPPRESS_H
#define SUNSET_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"
#include "model/resource.h"

enum supp_key { SK_RESOURCE, SK_FUNCTION, SK_ACCOUNT, SK_REGION, SK_RUNTIME, SK_FILE, SK_COUNT };

struct suppression {
	char *match[SK_COUNT]; /* glob, or NULL when not given */
	char *reason;
	date_t expires;        /* DATE_NONE when none */
	bool expired;          /* expires is before the as-of date */
	long line, column;     /* where the entry starts in the file */
	size_t matched;        /* findings it suppressed */
};

struct suppressions {
	char *path; /* NULL when no ignore file is in use */
	struct suppression *v;
	size_t n, alloc;
};

extern const char *const supp_key_names[SK_COUNT];

/* suppressions_load reads the YAML ignore file at `path`, marking entries expired as of
 * `as_of`. Returns 0, or -1 after one error line naming the file and position. */
int suppressions_load(const char *path, date_t as_of, struct suppressions *out);
void suppressions_release(struct suppressions *sp);
/* suppressions_match returns the first active entry matching r (and counts it), or NULL. */
struct suppression *suppressions_match(struct suppressions *sp, const struct resource *r);

#endif
