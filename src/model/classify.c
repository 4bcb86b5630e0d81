#include "model/classify.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const status_names[ST_COUNT] = {
	[ST_NOT_APPLICABLE] = "not_applicable",
	[ST_SUPPORTED] = "supported",
	[ST_UNKNOWN] = "unknown",
	[ST_UPCOMING] = "upcoming",
	[ST_DEPRECATED] = "deprecated",
	[ST_CREATE_BLOCKED] = "create_blocked",
	[ST_UPDATE_BLOCKED] = "update_blocked",
};

static const enum severity status_sev[ST_COUNT] = {
	[ST_NOT_APPLICABLE] = SEV_NONE,
	[ST_SUPPORTED] = SEV_NONE,
	[ST_UNKNOWN] = SEV_INFO,
	[ST_UPCOMING] = SEV_LOW,
	[ST_DEPRECATED] = SEV_MODERATE,
	[ST_CREATE_BLOCKED] = SEV_MODERATE,
	[ST_UPDATE_BLOCKED] = SEV_HIGH,
};

const enum status status_report_order[ST_COUNT] = {
	ST_UPDATE_BLOCKED, ST_CREATE_BLOCKED, ST_DEPRECATED, ST_UPCOMING,
	ST_UNKNOWN, ST_SUPPORTED, ST_NOT_APPLICABLE,
};

const char *status_name(enum status s) { return s < ST_COUNT ? status_names[s] : "?"; }

int status_parse(const char *name)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (!strcmp(name, status_names[i]))
			return i;
	return -1;
}

enum severity status_severity(enum status s) { return s < ST_COUNT ? status_sev[s] : SEV_NONE; }

const char *severity_name(enum severity s)
{
	static const char *const names[] = {"none", "info", "low", "moderate", "high"};
	return names[s];
}

/* Compare digit runs numerically, then the rest byte by byte. */
int runtime_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		while (*a && (*a < '0' || *a > '9'))
			a++;
		while (*b && (*b < '0' || *b > '9'))
			b++;
		if (!*a || !*b)
			return (*a != 0) - (*b != 0);
		char *ea, *eb;
		unsigned long na = strtoul(a, &ea, 10), nb = strtoul(b, &eb, 10);
		if (na != nb)
			return na < nb ? -1 : 1;
		a = ea;
		b = eb;
	}
	return 0;
}

enum status classify_entry_status(const struct catalog_entry *e, date_t as_of, int warn_days)
{
	/* The latest phase reached wins, whatever order the dates were published in. */
	if (e->block_update != DATE_NONE && e->block_update <= as_of)
		return ST_UPDATE_BLOCKED;
	if (e->block_create != DATE_NONE && e->block_create <= as_of)
		return ST_CREATE_BLOCKED;
	if (e->deprecated != DATE_NONE && e->deprecated <= as_of)
		return ST_DEPRECATED;
	/* Early warning: the nearest published date within the window. */
	date_t next = DATE_NONE;
	const date_t dates[] = {e->deprecated, e->block_create, e->block_update};
	for (int i = 0; i < 3; i++)
		if (dates[i] != DATE_NONE && (next == DATE_NONE || dates[i] < next))
			next = dates[i];
	if (next != DATE_NONE && next - as_of <= warn_days)
		return ST_UPCOMING;
	return ST_SUPPORTED;
}

struct family_rec {
	const char *family;
	const struct catalog_entry *best;
};

struct classifier {
	const struct catalog *cat;
	date_t as_of;
	int warn_days;
	enum status *entry_status; /* parallel to catalog_at() order */
	struct family_rec *fam;
	size_t nfam, fam_alloc;
};

static bool better(const struct catalog_entry *a, const struct catalog_entry *b)
{
	int c = runtime_version_cmp(a->runtime, b->runtime);
	if (c)
		return c > 0;
	if (a->deprecated != b->deprecated)
		return a->deprecated > b->deprecated;
	return strcmp(a->runtime, b->runtime) > 0;
}

struct classifier *classifier_new(const struct catalog *cat, date_t as_of, int warn_days)
{
	struct classifier *cl = xcalloc(1, sizeof(*cl));
	size_t n = catalog_count(cat);
	cl->cat = cat;
	cl->as_of = as_of;
	cl->warn_days = warn_days;
	cl->entry_status = xcalloc(n, sizeof(*cl->entry_status));
	for (size_t i = 0; i < n; i++) {
		const struct catalog_entry *e = catalog_at(cat, i);
		cl->entry_status[i] = classify_entry_status(e, as_of, warn_days);
		size_t f;
		for (f = 0; f < cl->nfam; f++)
			if (!strcmp(cl->fam[f].family, e->family))
				break;
		if (f == cl->nfam) {
			ALLOC_GROW(cl->fam, cl->nfam + 1, cl->fam_alloc);
			cl->fam[cl->nfam++] = (struct family_rec){e->family, NULL};
		}
		/* Only a supported runtime with a published lifecycle that can be set as a
		 * function's Runtime is ever recommended. */
		if (cl->entry_status[i] == ST_SUPPORTED && e->deprecated != DATE_NONE && !e->image_only &&
		    (!cl->fam[f].best || better(e, cl->fam[f].best)))
			cl->fam[f].best = e;
	}
	return cl;
}

void classifier_free(struct classifier *cl)
{
	if (!cl)
		return;
	free(cl->entry_status);
	free(cl->fam);
	free(cl);
}

const struct catalog_entry *classify_recommend(const struct classifier *cl, const char *family)
{
	if (!family)
		return NULL;
	for (size_t f = 0; f < cl->nfam; f++)
		if (!strcmp(cl->fam[f].family, family))
			return cl->fam[f].best;
	return NULL;
}

const struct catalog_entry *classify_entry_recommend(const struct classifier *cl, const struct catalog_entry *e)
{
	const struct catalog_entry *rec = classify_recommend(cl, e->family);
	/* A runtime newer than every dated one of its family (a preview such as nodejs26.x)
	 * has nothing to move to: the newest dated runtime would be a downgrade. */
	if (rec && runtime_version_cmp(rec->runtime, e->runtime) < 0)
		return NULL;
	return rec;
}

/* same_shape: equal once every run of digits counts as one digit ("python3.16" and
 * "python3.9" share a shape; "python3.16-beta" does not). */
static bool same_shape(const char *a, const char *b)
{
	for (;;) {
		bool da = *a >= '0' && *a <= '9', db = *b >= '0' && *b <= '9';
		if (da != db)
			return false;
		if (da) {
			while (*a >= '0' && *a <= '9')
				a++;
			while (*b >= '0' && *b <= '9')
				b++;
			continue;
		}
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

/* newest_of_shape is the family's catalog entry of the same shape as `runtime` with the
 * highest version, or NULL when none has that shape. */
static const struct catalog_entry *newest_of_shape(const struct catalog *cat, const char *family,
						   const char *runtime)
{
	const struct catalog_entry *best = NULL;
	for (size_t i = 0; i < catalog_count(cat); i++) {
		const struct catalog_entry *e = catalog_at(cat, i);
		if (!strcmp(e->family, family) && same_shape(e->runtime, runtime) &&
		    (!best || runtime_version_cmp(e->runtime, best->runtime) > 0))
			best = e;
	}
	return best;
}

#define NEAR_MAX_LEN 64

/* distance is the edit distance (insert, delete, substitute, swap of neighbours) between a
 * and b ignoring case, or SIZE_MAX when either is longer than NEAR_MAX_LEN. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[NEAR_MAX_LEN + 1][NEAR_MAX_LEN + 1];
	if (la > NEAR_MAX_LEN || lb > NEAR_MAX_LEN)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			size_t v = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && tolower((unsigned char)a[n]) == tolower((unsigned char)b[n]))
		n++;
	return n;
}

/* near_miss is the catalog identifier closest to `runtime` within a fifth of its length
 * (at least 2 edits; ties go to the longer common prefix), or NULL when that is not one. */
static const struct catalog_entry *near_miss(const struct catalog *cat, const char *runtime)
{
	const struct catalog_entry *best = NULL;
	size_t bestd = SIZE_MAX, bestp = 0;
	bool tied = false; /* "python3." is as near python3.6 as python3.9: no suggestion */
	for (size_t i = 0; i < catalog_count(cat); i++) {
		const struct catalog_entry *e = catalog_at(cat, i);
		size_t l = strlen(e->runtime), limit = l / 5 > 2 ? l / 5 : 2;
		size_t dd = distance(runtime, e->runtime), pre = common_prefix(runtime, e->runtime);
		if (dd > limit || dd > bestd || (dd == bestd && pre < bestp))
			continue;
		tied = dd == bestd && pre == bestp;
		best = e;
		bestd = dd;
		bestp = pre;
	}
	return tied ? NULL : best;
}

static size_t digits(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

void classify(const struct classifier *cl, const char *runtime, bool is_image, struct classification *out)
{
	memset(out, 0, sizeof(*out));
	if (!runtime || !*runtime) {
		out->status = is_image ? ST_NOT_APPLICABLE : ST_UNKNOWN;
		return;
	}
	const struct catalog_entry *e = catalog_find(cl->cat, runtime);
	if (!e) {
		out->status = ST_UNKNOWN;
		out->family = catalog_family_of(cl->cat, runtime);
		out->recommended = classify_recommend(cl, out->family);
		/* Never suggest moving "down" from an identifier newer than the data. */
		if (out->recommended && runtime_version_cmp(out->recommended->runtime, runtime) <= 0)
			out->recommended = NULL;
		if (out->family) {
			const struct catalog_entry *n = newest_of_shape(cl->cat, out->family, runtime);
			if (n && runtime_version_cmp(runtime, n->runtime) > 0) {
				out->newer_than_data = true;
				out->family_newest = n;
			}
		}
		/* a typo, unless it reads as a newer version (python3.15); a version with two more
		 * digits than any known one (provided.al2023023) is a typo */
		const struct catalog_entry *near = near_miss(cl->cat, runtime);
		if (near && (!out->newer_than_data || digits(runtime) >= digits(out->family_newest->runtime) + 2)) {
			out->near = near;
			out->newer_than_data = false;
			out->family_newest = NULL;
		}
		return;
	}
	out->entry = e;
	out->family = e->family;
	out->status = cl->entry_status[e - catalog_at(cl->cat, 0)];
	out->recommended = classify_entry_recommend(cl, e);
	if (e->deprecated != DATE_NONE) {
		out->has_days = true;
		out->days_until_deprecation = e->deprecated - cl->as_of;
	}
}
