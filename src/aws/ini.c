#include "aws/ini.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xalloc.h"

#define INI_MAX_LINE 8192
#define INI_MAX_ENTRIES 100000

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

void ini_release(struct ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		free(ini->v[i].section);
		free(ini->v[i].key);
		free(ini->v[i].value);
	}
	free(ini->v);
	free(ini->path);
	memset(ini, 0, sizeof(*ini));
}

int ini_load(const char *path, struct ini *out)
{
	char line[INI_MAX_LINE + 2];
	char *section = NULL;
	long lineno = 0;
	int rc = -1;
	FILE *f;

	memset(out, 0, sizeof(*out));
	out->path = xstrdup(path);
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		errorf("%s: cannot read: %s", path, strerror(errno));
		ini_release(out);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		size_t len = strlen(line);
		if (len > INI_MAX_LINE) {
			errorf("%s:%ld: line longer than %d bytes", path, lineno, INI_MAX_LINE);
			goto out;
		}
		bool indented = line[0] == ' ' || line[0] == '\t';
		char *s = trim(line);
		if (!*s || *s == '#' || *s == ';' || indented)
			continue; /* blank, comment, or a nested block's line */
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end) {
				errorf("%s:%ld: section header without ']'", path, lineno);
				goto out;
			}
			*end = '\0';
			free(section);
			section = xstrdup(trim(s + 1));
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			errorf("%s:%ld: expected \"key = value\" or \"[section]\"", path, lineno);
			goto out;
		}
		if (!section) {
			errorf("%s:%ld: \"key = value\" before any [section]", path, lineno);
			goto out;
		}
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		if (out->n >= INI_MAX_ENTRIES) {
			errorf("%s: more than %d settings", path, INI_MAX_ENTRIES);
			goto out;
		}
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = (struct ini_entry){xstrdup(section), xstrdup(key), xstrdup(value), lineno};
	}
	if (ferror(f)) {
		errorf("%s: read error", path);
		goto out;
	}
	rc = 0;
out:
	free(section);
	fclose(f);
	if (rc < 0)
		ini_release(out);
	return rc;
}

const char *ini_get(const struct ini *ini, const char *section, const char *key)
{
	/* The last setting wins, as in the AWS CLI. */
	for (size_t i = ini->n; i-- > 0;)
		if (!strcmp(ini->v[i].section, section) && !strcmp(ini->v[i].key, key))
			return ini->v[i].value;
	return NULL;
}

int ini_has_section(const struct ini *ini, const char *section)
{
	for (size_t i = 0; i < ini->n; i++)
		if (!strcmp(ini->v[i].section, section))
			return 1;
	return 0;
}
