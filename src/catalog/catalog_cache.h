/* catalog_cache: the user's copy of the runtime catalog written by `sunset runtimes
 * --update`: $XDG_CACHE_HOME/sunset/lambda-runtimes.json, else
 * ~/.cache/sunset/lambda-runtimes.json. */
#ifndef SUNSET_CATALOG_CACHE_H
#define SUNSET_CATALOG_CACHE_H

#include <stddef.h>

#include "catalog/catalog.h"

/* catalog_cache_path returns the cache file's path (free it), or NULL when neither an
 * absolute XDG_CACHE_HOME nor HOME is set. */
char *catalog_cache_path(void);
/* catalog_cache_load loads the cached catalog, labelled "cache". Returns 1 and *out, 0 when
 * there is no cache, -1 when it is unreadable or invalid (after an error and a warning). */
int catalog_cache_load(struct catalog **out);
/* catalog_cache_write replaces the cache file atomically (temp file + rename, mode 0644),
 * creating its folders. Returns 0, or -1 after an error line naming the path. */
int catalog_cache_write(const char *path, const char *text, size_t len);

#endif
