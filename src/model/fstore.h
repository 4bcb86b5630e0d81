/* fstore: the findings of a scan, kept in a compact record format in memory and spilled
 * to an unlinked temporary file past a threshold, so memory does not grow with the
 * estate. Writers read them back, as many times as they need (see fstore_each for the order). */
#ifndef SUNSET_FSTORE_H
#define SUNSET_FSTORE_H

#include <stddef.h>

#include "model/finding.h"

struct fstore;

/* fstore_new returns an empty store; spills to disk once more than `mem_limit` bytes are
 * held (0 = a default of 8 MiB). */
struct fstore *fstore_new(size_t mem_limit);
void fstore_free(struct fstore *st);

/* fstore_add copies *f into the store. Returns 0, or -1 after printing an error (the
 * temporary file could not be written). */
int fstore_add(struct fstore *st, const struct finding *f);
size_t fstore_count(const struct fstore *st);

/* fstore_each calls fn for every finding in insertion order, or, once a finding carries
 * usage (has_invocations), busier first (without usage last), insertion order among equals; the finding and its strings
 * are valid only during the call. Stops early and returns fn's value when it is not 0;
 * returns -1 on a read error. */
typedef int (*fstore_fn)(void *ctx, const struct finding *f);
int fstore_each(struct fstore *st, fstore_fn fn, void *ctx);

#endif
