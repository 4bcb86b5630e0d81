#include "model/prior.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const change_names[CH_COUNT] = {"new", "known", "unchanged", "worse", "fixed", "not_scanned"};

const char *change_name(enum change c) { return c < CH_COUNT ? change_names[c] : "?"; }

int change_parse(const char *s)
{
	for (int i = 0; s && i < CH_COUNT; i++)
		if (!strcmp(s, change_names[i]))
			return i;
	return -1;
}

void prior_init(struct prior *p, enum prior_mode mode)
{
	memset(p, 0, sizeof(*p));
	p->mode = mode;
}

void prior_release(struct prior *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct prior_entry *e = &p->v[i];
		free(e->id);
		free(e->runtime);
		free(e->resource);
		free(e->function);
		free(e->account);
		free(e->region);
		free(e->file);
		free(e->source);
	}
	free(p->v);
	free(p->slots);
	free(p->label);
	memset(p, 0, sizeof(*p));
}

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static size_t *slot_of(const struct prior *p, const char *id)
{
	size_t mask = p->nslots - 1;
	for (size_t i = hash(id) & mask;; i = (i + 1) & mask)
		if (!p->slots[i] || !strcmp(p->v[p->slots[i] - 1].id, id))
			return &p->slots[i];
}

static void rehash(struct prior *p)
{
	free(p->slots);
	p->nslots = p->nslots ? p->nslots * 2 : 1024;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	for (size_t i = 0; i < p->n; i++)
		*slot_of(p, p->v[i].id) = i + 1;
}

struct prior_entry *prior_find(const struct prior *p, const char *id)
{
	if (!p->nslots || !id)
		return NULL;
	size_t k = *slot_of(p, id);
	return k ? &p->v[k - 1] : NULL;
}

struct prior_entry *prior_add(struct prior *p, const char *id)
{
	struct prior_entry *e = prior_find(p, id);
	if (e)
		return e;
	if ((p->n + 1) * 2 > p->nslots)
		rehash(p);
	ALLOC_GROW(p->v, p->n + 1, p->alloc);
	e = &p->v[p->n++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(id);
	e->status = -1;
	e->first_seen = DATE_NONE;
	e->gone = -1;
	*slot_of(p, id) = p->n;
	return e;
}
