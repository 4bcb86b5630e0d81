/* idset: a set of identities (any bytes), kept as 128-bit digests (SHA-256, truncated) in
 * an open-addressing table: 32 bytes per member at most, whatever the identity's length,
 * so a huge inventory costs little to deduplicate. */
#ifndef SUNSET_IDSET_H
#define SUNSET_IDSET_H

#include <stdbool.h>
#include <stddef.h>

struct idset {
	unsigned char (*slot)[16]; /* all zero: empty */
	size_t n, size;
};

/* idset_add adds the identity made of `nparts` strings (NULL counts as empty; the parts are
 * separated, so "ab","c" differs from "a","bc"). Returns true when it was new. */
bool idset_add(struct idset *set, const char *const *parts, size_t nparts);
void idset_release(struct idset *set);

#endif
