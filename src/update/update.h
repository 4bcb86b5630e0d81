/* update: `sunset runtimes --update` brings the runtime catalog up to date from a page
 * that lists Lambda runtimes and their dates. A catalog source is one row of
 * update_sources[] (row 1: the AWS "Lambda runtimes" documentation page): it turns the
 * fetched bytes into rows; update.c validates them against the built-in catalog, prints
 * what changed against the catalog in use, and writes the user's cache. */
#ifndef SUNSET_UPDATE_H
#define SUNSET_UPDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "util/date.h"

#define UPDATE_DEFAULT_URL "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"

/* One runtime as a page lists it. */
struct update_row {
	char *runtime, *name, *os;
	date_t deprecated, block_create, block_update; /* DATE_NONE: none published */
	long line;                                     /* in the page, for messages */
};

struct update_page {
	struct update_row *v;
	size_t n, alloc;
	char *tables; /* the headings of the tables read, for the summary line */
};

struct update_source {
	const char *name;
	/* sniff: whether the bytes look like this source's format at all */
	bool (*sniff)(const char *buf, size_t len);
	/* parse: rows into *page; -1 after error lines naming `origin` and the position */
	int (*parse)(const char *buf, size_t len, const char *origin, struct update_page *page);
};

extern const struct update_source update_sources[];

struct update_opts {
	const char *from;   /* URL or file; NULL: UPDATE_DEFAULT_URL */
	bool dry_run, json;
	const char *output; /* the change report; NULL or "-": stdout */
	const struct catalog *in_use;
	date_t today;       /* catalog_as_of of what is written (clock_today()) */
};

/* update_run fetches, validates, reports and (unless dry_run) writes the cache. Returns 0,
 * or -1 after error lines; the cache is then untouched. */
int update_run(const struct update_opts *o);

/* update_parse_date reads a page date such as "Jan 9, 2024" or "Sept 30, 2025". Returns 0
 * and a date, 1 and DATE_NONE for "Not scheduled", "N/A" or an empty cell, -1 otherwise. */
int update_parse_date(const char *s, date_t *out);
/* update_family_of derives the family of an identifier from its pattern (nodejs*,
 * python*, java*, dotnet*, ruby*, provided*, go* -> provided); NULL when none fits. */
const char *update_family_of(const char *runtime);

void update_page_release(struct update_page *p);

#endif
