/* update/fields.c: the values a runtimes page writes in its cells. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "update/update.h"

static const char *const months[12][3] = {
	{"jan", "january", NULL},   {"feb", "february", NULL}, {"mar", "march", NULL},
	{"apr", "april", NULL},     {"may", NULL, NULL},       {"jun", "june", NULL},
	{"jul", "july", NULL},      {"aug", "august", NULL},   {"sep", "sept", "september"},
	{"oct", "october", NULL},   {"nov", "november", NULL}, {"dec", "december", NULL},
};

static const char *const none_words[] = {"", "not scheduled", "n/a"};

int update_parse_date(const char *s, date_t *out)
{
	for (size_t i = 0; i < sizeof(none_words) / sizeof(none_words[0]); i++)
		if (!strcasecmp(s, none_words[i])) {
			*out = DATE_NONE;
			return 1;
		}
	/* Month D, YYYY */
	size_t ml = 0;
	while (isalpha((unsigned char)s[ml]))
		ml++;
	int month = 0;
	for (int m = 0; m < 12 && !month; m++)
		for (int k = 0; k < 3 && months[m][k]; k++)
			if (strlen(months[m][k]) == ml && !strncasecmp(s, months[m][k], ml))
				month = m + 1;
	if (!month)
		return -1;
	const char *p = s + ml;
	if (*p == '.')
		p++;
	if (*p++ != ' ' || !isdigit((unsigned char)*p))
		return -1;
	int day = 0, year = 0, nd = 0, ny = 0;
	while (isdigit((unsigned char)*p) && nd < 3)
		day = day * 10 + (*p++ - '0'), nd++;
	if (nd > 2 || *p++ != ',' || *p++ != ' ')
		return -1;
	while (isdigit((unsigned char)*p) && ny < 5)
		year = year * 10 + (*p++ - '0'), ny++;
	if (ny != 4 || *p)
		return -1;
	char iso[40];
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", year, month, day);
	return date_parse(iso, out) == 0 ? 0 : -1;
}

/* Identifier prefixes and their family; longest first where one prefixes another. */
static const struct {
	const char *prefix, *family;
} family_patterns[] = {
	{"nodejs", "nodejs"}, {"python", "python"}, {"java", "java"},     {"dotnet", "dotnet"},
	{"ruby", "ruby"},     {"provided", "provided"}, {"go", "provided"}, /* go1.x ran as an OS-only runtime */
};

const char *update_family_of(const char *runtime)
{
	for (size_t i = 0; i < sizeof(family_patterns) / sizeof(family_patterns[0]); i++) {
		size_t pl = strlen(family_patterns[i].prefix);
		if (strncmp(runtime, family_patterns[i].prefix, pl))
			continue;
		const char *rest = runtime + pl;
		/* the prefix then a version or a suffix: "nodejs28.x", "provided.al2025", "dotnetcore3.1" */
		if (!*rest && strcmp(family_patterns[i].prefix, "go"))
			return family_patterns[i].family;
		if (isdigit((unsigned char)*rest) || *rest == '.' || (!strcmp(family_patterns[i].prefix, "dotnet") &&
								     !strncmp(rest, "core", 4)))
			return family_patterns[i].family;
	}
	return NULL;
}

void update_page_release(struct update_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].runtime);
		free(p->v[i].name);
		free(p->v[i].os);
	}
	free(p->v);
	free(p->tables);
	memset(p, 0, sizeof(*p));
}
