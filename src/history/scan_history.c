#include "history/scan_history.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/live.h"
#include "util/msg.h"
#include "report/report.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "history/baseline.h"
#include "history/store.h"

int scan_history_check_args(const struct scan_history *h)
{
	if (h->baseline && h->db_dsn)
		return errorf("scan: give --baseline or --db, not both");
	if (h->fail_on_new && !h->baseline && !h->db_dsn)
		return errorf("scan: --fail-on-new needs --baseline FILE or --db (what is new is against them)");
	if (h->db_dsn && !*h->db_dsn)
		return errorf("--db: empty path");
	return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* make_scope: the sorted set of inputs: files and paths as given, and for a live scan its
 * profile, accounts (or the organization) and regions (or "default regions"). */
static char *make_scope(const char *const *inputs, size_t ninputs, const struct live_opts *live,
			const char *const *regions, size_t nregions, const char *const *accounts, size_t naccounts)
{
	size_t n = 0, cap = ninputs + nregions + naccounts + 4;
	char **v = xcalloc(cap, sizeof(*v));
	for (size_t i = 0; i < ninputs; i++)
		v[n++] = xstrdup(inputs[i]);
	if (live) {
		for (size_t i = 0; i < nregions; i++)
			v[n++] = xasprintf("aws region %s", regions[i]);
		if (!nregions)
			v[n++] = xstrdup("aws default regions");
		for (size_t i = 0; i < naccounts; i++)
			v[n++] = xasprintf("aws account %s", accounts[i]);
		if (live->org)
			v[n++] = xstrdup("aws organization");
		if (live->profile)
			v[n++] = xasprintf("aws profile %s", live->profile);
	}
	qsort(v, n, sizeof(*v), cmp_str);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(v[i], v[i - 1]))
			continue;
		if (sb.len)
			sb_adds(&sb, ", ");
		sb_adds(&sb, v[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return sb_detach(&sb);
}

int scan_history_begin(struct scan_history *h, struct scan *s, const char *const *inputs, size_t ninputs,
		       const struct live_opts *live, const char *const *regions, size_t nregions,
		       const char *const *accounts, size_t naccounts)
{
	if (h->baseline) {
		if (baseline_load(h->baseline, &h->prior) < 0) {
			prior_release(&h->prior);
			return -1;
		}
		h->have_prior = true;
		s->prior = &h->prior;
		return 0;
	}
	if (!h->db_dsn)
		return 0;
	if (hstore_open(&h->db, h->db_dsn) < 0)
		return -1;
	h->open = true;
	h->scope = make_scope(inputs, ninputs, live, regions, nregions, accounts, naccounts);
	json_t *in = json_array();
	for (size_t i = 0; i < ninputs; i++)
		json_array_append_new(in, json_string(inputs[i]));
	h->inputs_json = json_dumps(in, JSON_COMPACT);
	json_decref(in);
	long long prev = 0;
	h->have_prior = true;
	if (hstore_load_prior(&h->db, h->scope, s->as_of, &h->prior, &prev) < 0)
		return -1;
	s->prior = &h->prior;
	return 0;
}

int scan_history_end(struct scan_history *h, struct scan *s, const struct catalog *cat, const char *tool_version)
{
	char cas[11], rec[32];
	scan_changes_finish(s);
	if (!h->open)
		return 0;
	time_t t = (time_t)h->now;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(rec, sizeof(rec), "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct hstore_scan sc = {.scope = h->scope, .recorded = rec, .inputs_json = h->inputs_json,
				 .catalog_as_of = date_format(catalog_as_of(cat), cas), .tool_version = tool_version};
	if (hstore_record(&h->db, &sc, s) < 0)
		return errorf("--db %s: the scan was not recorded (the database is as it was)", h->db.label);
	h->recorded_id = sc.id;
	h->trend = xcalloc(1, sizeof(*h->trend));
	if (scan_history_trend(&h->db, h->scope, sc.id, s->as_of, h->trend) < 0)
		warnf("--db %s: the trend of this scope could not be read", h->db.label);
	return 0;
}

struct trend_ctx {
	struct report_trend *t;
	size_t alloc;
	long long id;
	char as_of[11];
};

static int trend_row(void *ctx, const struct hstore_scan *sc)
{
	struct trend_ctx *tc = ctx;
	int c = strcmp(sc->as_of, tc->as_of);
	if (c > 0 || (c == 0 && sc->id > tc->id))
		return 0;
	ALLOC_GROW(tc->t->v, tc->t->n + 1, tc->alloc);
	struct report_trend_point *p = &tc->t->v[tc->t->n++];
	memset(p, 0, sizeof(*p));
	if (date_parse(sc->as_of, &p->as_of) < 0)
		p->as_of = DATE_NONE;
	p->id = sc->id;
	memcpy(p->open, sc->by_status, sizeof(p->open));
	p->fixed = sc->changes[CH_FIXED];
	return 0;
}

int scan_history_trend(struct hdb *db, const char *scope, long long id, date_t as_of, struct report_trend *t)
{
	struct trend_ctx tc = {t, 0, id, ""};
	date_format(as_of, tc.as_of);
	return hstore_each_scan(db, scope, trend_row, &tc);
}

void scan_history_trend_release(struct report_trend *t)
{
	if (!t)
		return;
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

void scan_history_release(struct scan_history *h)
{
	if (h->have_prior)
		prior_release(&h->prior);
	if (h->open)
		hdb_close(&h->db);
	scan_history_trend_release(h->trend);
	free(h->trend);
	h->trend = NULL;
	free(h->scope);
	free(h->inputs_json);
	h->have_prior = h->open = false;
	h->scope = h->inputs_json = NULL;
}
