/* baseline: an earlier JSON report (--baseline OLD.json) as the prior scan: only each
 * finding's `id` and `status` are read. */
#ifndef SUNSET_BASELINE_H
#define SUNSET_BASELINE_H

#include "model/prior.h"

/* baseline_load fills *p (PRIOR_BASELINE) from the report at `path`. Returns 0, or -1
 * after an error line naming the file (and the position for a syntax error). */
int baseline_load(const char *path, struct prior *p);

#endif
