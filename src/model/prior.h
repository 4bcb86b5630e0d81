/* prior: what an earlier scan had, by resource id (a --baseline report, or the previous
 * scan of the same scope in the history store). scan_add marks each finding against it,
 * and scan_changes_finish names what is gone: fixed, or not scanned this time. */
#ifndef SUNSET_PRIOR_H
#define SUNSET_PRIOR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"

enum change { CH_NEW, CH_KNOWN, CH_UNCHANGED, CH_WORSE, CH_FIXED, CH_NOT_SCANNED, CH_COUNT };

/* change_name: "new", "known", "unchanged", "worse", "fixed", "not_scanned". */
const char *change_name(enum change c);
/* change_parse returns the change named `s`, or -1. */
int change_parse(const char *s);

enum prior_mode {
	PRIOR_BASELINE, /* findings are new or known */
	PRIOR_HISTORY,  /* new, unchanged or worse, with first_seen and days_open */
};

/* One resource of the earlier scan. Strings are owned. */
struct prior_entry {
	char *id;
	int status;         /* enum status, or -1 when not known (a baseline without one) */
	date_t first_seen;  /* DATE_NONE when not known */
	char *runtime, *resource, *function, *account, *region, *file, *source;
	bool seen;          /* this scan has it (as a finding or not) */
	bool still_finding; /* ... as a finding */
	int gone;           /* after scan_changes_finish: CH_FIXED, CH_NOT_SCANNED, or -1 */
};

struct prior {
	enum prior_mode mode;
	struct prior_entry *v;
	size_t n, alloc;
	size_t *slots; /* open addressing: index + 1 into v, 0 = empty */
	size_t nslots;
	char *label;   /* what it was read from, for messages (a file, "scan 12") */
};

void prior_init(struct prior *p, enum prior_mode mode);
void prior_release(struct prior *p);
/* prior_add returns the entry for `id`, adding an empty one (status -1) when new. */
struct prior_entry *prior_add(struct prior *p, const char *id);
struct prior_entry *prior_find(const struct prior *p, const char *id);

#endif
