/* catalog: the runtime lifecycle data (identifier, family, OS, dates) and lookups. */
#ifndef SUNSET_CATALOG_H
#define SUNSET_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"

struct catalog_entry {
	char *runtime;
	char *family;
	char *os;
	char *notes;
	date_t deprecated;   /* DATE_NONE when not published */
	date_t block_create; /* DATE_NONE when not published */
	date_t block_update; /* DATE_NONE when not published */
	bool image_only;     /* a container base image, never a Runtime value */
};

struct catalog;

/* catalog_load_buffer parses and validates catalog JSON text; `name` names the source in
 * messages. Returns 0 and a new catalog in *out (free with catalog_free), or -1 after
 * printing one error line. */
int catalog_load_buffer(const char *buf, size_t len, const char *name, struct catalog **out);
/* catalog_load_file reads and validates the catalog file at `path`. */
int catalog_load_file(const char *path, struct catalog **out);
/* catalog_load_builtin loads the catalog compiled into the binary. */
int catalog_load_builtin(struct catalog **out);
void catalog_free(struct catalog *c);

date_t catalog_as_of(const struct catalog *c);
/* catalog_source names where the data came from, as reports print it: "builtin", "cache",
 * or the path given to --runtimes (catalog_load_file sets the path; callers may relabel). */
const char *catalog_source(const struct catalog *c);
void catalog_set_source(struct catalog *c, const char *label);
size_t catalog_count(const struct catalog *c);
/* Entries in file order; borrowed, valid until catalog_free. */
const struct catalog_entry *catalog_at(const struct catalog *c, size_t i);
/* catalog_find returns the entry for `runtime` (exact identifier) or NULL. */
const struct catalog_entry *catalog_find(const struct catalog *c, const char *runtime);
/* catalog_family_of guesses the family of an identifier not in the catalog from its
 * leading letters ("nodejs28.x" -> "nodejs", "go1.x" -> "provided"); NULL when none fits. */
const char *catalog_family_of(const struct catalog *c, const char *runtime);

/* catalog_cmp_listing orders entries as `sunset runtimes` lists them: by family, then by
 * version, newest first (numbers compare as numbers: python3.14 before python3.9;
 * provided.al2023, provided.al2, provided; java17.al2023 before java17; dotnet5.0 before
 * dotnetcore3.1; an identifier without its family's prefix, such as go1.x, last). */
int catalog_cmp_listing(const struct catalog_entry *a, const struct catalog_entry *b);

#endif
