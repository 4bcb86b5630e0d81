/* Shared helpers for the cmocka unit tests. */
#ifndef SUNSET_TESTUTIL_H
#define SUNSET_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "catalog/catalog.h"
#include "util/date.h"

static inline date_t D(const char *s)
{
	date_t d = DATE_NONE;
	if (date_parse(s, &d) < 0) {
		fprintf(stderr, "bad test date %s\n", s);
		abort();
	}
	return d;
}

static inline struct catalog *builtin_catalog(void)
{
	struct catalog *c = NULL;
	if (catalog_load_builtin(&c) < 0)
		abort();
	return c;
}

/* write_temp writes `text` to a new temporary file and returns its path (static buffer). */
static inline const char *write_temp(const char *text, size_t len)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/sunset-unit-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	FILE *f = fdopen(fd, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	return path;
}

/* The built-in catalog, for tests that share it through setup/teardown. */
static struct catalog *cat;

static inline int catalog_setup(void **state)
{
	(void)state;
	cat = builtin_catalog();
	return 0;
}

static inline int catalog_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

#endif
