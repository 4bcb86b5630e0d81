#include "model/coverage.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const cov_names[COV_STATUS_COUNT] = {"scanned", "access_denied", "failed", "not_enabled"};

const char *coverage_status_name(enum cov_status st) { return cov_names[st]; }

static char *dup_valid(const char *s)
{
	if (!s)
		return NULL;
	return utf8_valid(s, strlen(s)) ? xstrdup(s) : utf8_dup(s);
}

void coverage_release(struct coverage *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].account);
		free(c->v[i].region);
		free(c->v[i].input);
		free(c->v[i].error);
	}
	free(c->v);
	for (size_t i = 0; i < c->nnames; i++) {
		free(c->names[i].account);
		free(c->names[i].name);
	}
	free(c->names);
	memset(c, 0, sizeof(*c));
}

void coverage_add(struct coverage *c, const char *kind, const char *account, const char *region, const char *input,
		  enum cov_status st, size_t functions, size_t versions, const char *error)
{
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	c->v[c->n++] = (struct cov_entry){dup_valid(account), dup_valid(region), dup_valid(input), kind, st,
					  functions, versions, dup_valid(error)};
	c->sorted = false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_name *)a)->account, ((const struct cov_name *)b)->account);
}

void coverage_name(struct coverage *c, const char *account, const char *name)
{
	if (!account || !name || !*name)
		return;
	if (coverage_account_name(c, account))
		return; /* kept sorted, so this is a binary search */
	ALLOC_GROW(c->names, c->nnames + 1, c->names_alloc);
	c->names[c->nnames++] = (struct cov_name){xstrdup(account), dup_valid(name)};
	qsort(c->names, c->nnames, sizeof(*c->names), name_cmp);
}

const char *coverage_account_name(struct coverage *c, const char *account)
{
	if (!account || !c->nnames)
		return NULL;
	struct cov_name key = {(char *)account, NULL};
	struct cov_name *n = bsearch(&key, c->names, c->nnames, sizeof(*c->names), name_cmp);
	return n ? n->name : NULL;
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct cov_entry *a = pa, *b = pb;
	bool ia = a->input != NULL, ib = b->input != NULL;
	if (ia != ib)
		return ia - ib;
	if (ia)
		return 0; /* inputs: qsort is not stable, so they are compared by position below */
	int r = strcmp(a->account ? a->account : "", b->account ? b->account : "");
	if (r)
		return r;
	bool fa = a->status != COV_SCANNED, fb = b->status != COV_SCANNED;
	if (fa != fb)
		return fb - fa;
	return strcmp(a->region ? a->region : "", b->region ? b->region : "");
}

void coverage_sort(struct coverage *c)
{
	/* account-regions first, sorted; inputs after them in the order given */
	size_t k = 0;
	struct cov_entry *tmp = xcalloc(c->n ? c->n : 1, sizeof(*tmp));
	for (size_t i = 0; i < c->n; i++)
		if (!c->v[i].input)
			tmp[k++] = c->v[i];
	qsort(tmp, k, sizeof(*tmp), entry_cmp);
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].input)
			tmp[k++] = c->v[i];
	memcpy(c->v, tmp, c->n * sizeof(*tmp));
	free(tmp);
	c->sorted = true;
}

void coverage_count(const struct coverage *c, bool inputs, size_t *total, size_t *scanned)
{
	*total = *scanned = 0;
	for (size_t i = 0; i < c->n; i++) {
		if ((c->v[i].input != NULL) != inputs)
			continue;
		(*total)++;
		*scanned += c->v[i].status == COV_SCANNED;
	}
}

enum cov_status coverage_status_of(const char *error)
{
	if (!error)
		return COV_FAILED;
	if (strstr(error, "AccessDenied") || strstr(error, "HTTP 403") || strstr(error, "not authorized"))
		return COV_ACCESS_DENIED;
	if (strstr(error, "UnrecognizedClientException") || strstr(error, "OptInRequired") ||
	    strstr(error, "InvalidClientTokenId"))
		return COV_NOT_ENABLED;
	return COV_FAILED;
}
