/* remediation: the one sentence that tells the owner of a finding what to change. */
#ifndef SUNSET_REMEDIATION_H
#define SUNSET_REMEDIATION_H

#include <stddef.h>

#include "model/classify.h"
#include "model/resource.h"
#include "util/strbuf.h"

/* remediation_write replaces the contents of sb with the sentence for (r, c), whole (no
 * fixed buffer), and returns sb->buf. Every argument of the command it quotes is
 * shell-quoted. `catalog_as_of` names the date of the catalog. */
const char *remediation_write(struct strbuf *sb, const struct resource *r, const struct classification *c,
			      date_t catalog_as_of);
/* remediation_reason replaces the contents of sb with why a resource is `unknown` (empty
 * string otherwise) and returns sb->buf. */
const char *remediation_reason(struct strbuf *sb, const struct resource *r, const struct classification *c,
			       date_t catalog_as_of);

#endif
