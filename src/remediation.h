/* remediation: the one sentence that tells the owner of a finding what to change. */
#ifndef SUNSET_REMEDIATION_H
#define SUNSET_REMEDIATION_H

#include <stddef.h>

#include "classify.h"
#include "resource.h"

/* remediation_write writes the sentence for (r, c) into buf (truncated to n bytes) and
 * returns buf. `as_of` names the date of the classification. */
char *remediation_write(char *buf, size_t n, const struct resource *r, const struct classification *c,
			date_t catalog_as_of);
/* remediation_reason writes why a resource is `unknown` (empty string otherwise). */
char *remediation_reason(char *buf, size_t n, const struct resource *r, const struct classification *c,
			 date_t catalog_as_of);

#endif
