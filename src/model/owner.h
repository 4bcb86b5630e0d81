/* owner: who owns a function and what deploys it, from its tags (ListTags). */
#ifndef SUNSET_OWNER_H
#define SUNSET_OWNER_H

#include <stddef.h>

#include "util/strbuf.h"

/* The tag keys tried when --owner-tag is not given, in order. */
extern const char *const owner_default_keys[];
extern const size_t owner_default_keys_count;

/* owner_from_tags replaces the contents of `out` with the value of the first of `keys`
 * present (non-empty) in `tags` (a JSON object's text) and returns 0, or -1 when none is. */
int owner_from_tags(const char *tags, const char *const *keys, size_t nkeys, struct strbuf *out);

/* owner_managed_by says what deploys a function, from its tags: "sam" or "cloudformation"
 * (the stack's name in `stack`, replaced), "terraform", or "unknown". */
const char *owner_managed_by(const char *tags, struct strbuf *stack);

#endif
