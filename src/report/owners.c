/* owners: the "by owner" table of the HTML and Markdown reports: findings per owner and
 * status, and each owner's next deadline. */
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "report/report.h"

#define OWNERS_MAX 500 /* owners listed; the rest are counted */

struct owners_ctx {
	struct report *r;
	struct owner_table *t;
	size_t alloc;
};

static int owner_one(void *ctx, const struct finding *f)
{
	struct owners_ctx *oc = ctx;
	struct owner_table *t = oc->t;
	if (!scan_listed(oc->r->scan, f) || !status_is_finding(f->status) || f->suppressed)
		return 0;
	const char *who = f->s[FS_OWNER];
	t->any_owner |= who != NULL;
	struct owner_row *row = NULL;
	for (size_t i = 0; i < t->n && !row; i++)
		if (who ? t->v[i].owner && !strcmp(t->v[i].owner, who) : !t->v[i].owner)
			row = &t->v[i];
	if (!row) {
		if (t->n >= OWNERS_MAX) {
			t->more++;
			return 0;
		}
		ALLOC_GROW(t->v, t->n + 1, oc->alloc);
		row = &t->v[t->n++];
		memset(row, 0, sizeof(*row));
		row->owner = who ? xstrdup(who) : NULL;
		row->next = DATE_NONE;
		row->worst = f->status;
	}
	row->by_status[f->status]++;
	row->total++;
	if (status_severity(f->status) > status_severity(row->worst) ||
	    (status_severity(f->status) == status_severity(row->worst) && f->status > row->worst))
		row->worst = f->status;
	const date_t dates[3] = {f->deprecated, f->block_create, f->block_update};
	const enum status phase[3] = {ST_DEPRECATED, ST_CREATE_BLOCKED, ST_UPDATE_BLOCKED};
	for (int i = 0; i < 3; i++)
		if (dates[i] != DATE_NONE && dates[i] > oc->r->scan->as_of &&
		    (row->next == DATE_NONE || dates[i] < row->next)) {
			row->next = dates[i];
			row->next_phase = phase[i];
		}
	return 0;
}

/* Most urgent first: the worst status, then the nearest deadline, then the most findings;
 * no owner last; by name among equals. */
static int row_cmp(const void *a, const void *b)
{
	const struct owner_row *x = a, *y = b;
	if (!x->owner != !y->owner)
		return x->owner ? -1 : 1;
	int sx = status_severity(x->worst), sy = status_severity(y->worst);
	if (sx != sy)
		return sy - sx;
	if (x->worst != y->worst)
		return (int)y->worst - (int)x->worst;
	if (x->next != y->next)
		return x->next == DATE_NONE ? 1 : y->next == DATE_NONE ? -1 : x->next < y->next ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->owner ? strcmp(x->owner, y->owner) : 0;
}

int report_owners(struct report *r, struct owner_table *t)
{
	struct owners_ctx oc = {r, t, 0};
	memset(t, 0, sizeof(*t));
	if (fstore_each(r->scan->store, owner_one, &oc) < 0)
		return -1;
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), row_cmp);
	return 0;
}

void report_owners_release(struct owner_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].owner);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
