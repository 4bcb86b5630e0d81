/* ini: the AWS shared config and credentials files. Sections are "[name]" (credentials)
 * or "[profile name]" / "[default]" (config); "key = value" lines; '#' and ';' comments;
 * indented lines continue a nested block (such as s3 settings), which is skipped. */
#ifndef SUNSET_AWS_INI_H
#define SUNSET_AWS_INI_H

#include <stddef.h>

struct ini_entry {
	char *section, *key, *value;
	long line;
};

struct ini {
	char *path;
	struct ini_entry *v;
	size_t n, alloc;
};

/* ini_load reads `path`. A missing file is an empty ini (returns 0); an unreadable or
 * malformed one returns -1 after an error line naming the file and line. */
int ini_load(const char *path, struct ini *out);
void ini_release(struct ini *ini);
/* ini_get returns the value of key in section, or NULL. Borrowed. */
const char *ini_get(const struct ini *ini, const char *section, const char *key);
/* ini_has_section tells whether the section appears at all. */
int ini_has_section(const struct ini *ini, const char *section);

#endif
