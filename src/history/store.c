#include "history/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Migrations: row N brings the schema from version N to N + 1. {PK} is the backend's
 * auto-numbered primary key type. */
static const char *const migrations[HSTORE_SCHEMA_VERSION] = {
	"CREATE TABLE scans (id {PK}, scope TEXT NOT NULL, as_of TEXT NOT NULL, recorded TEXT NOT NULL,"
	" tool_version TEXT NOT NULL, catalog_as_of TEXT, warn_days INTEGER NOT NULL, show_all INTEGER NOT NULL,"
	" inputs TEXT NOT NULL, resources INTEGER NOT NULL, findings INTEGER NOT NULL, errors INTEGER NOT NULL,"
	" by_status TEXT NOT NULL, changes TEXT NOT NULL);\n"
	"CREATE INDEX scans_scope ON scans (scope, as_of);\n"
	"CREATE TABLE scan_errors (scan_id BIGINT NOT NULL REFERENCES scans (id), seq INTEGER NOT NULL,"
	" source TEXT, file TEXT, line INTEGER, col INTEGER, account TEXT, region TEXT, message TEXT NOT NULL);\n"
	"CREATE INDEX scan_errors_scan ON scan_errors (scan_id);\n"
	"CREATE TABLE resources (scan_id BIGINT NOT NULL REFERENCES scans (id), seq INTEGER NOT NULL,"
	" id TEXT NOT NULL, status TEXT NOT NULL, runtime TEXT, source TEXT, kind TEXT, resource TEXT,"
	" function_name TEXT, version TEXT, account TEXT, region TEXT, aws_partition TEXT, file TEXT,"
	" line INTEGER, col INTEGER, via TEXT, reason TEXT, base TEXT, package_type TEXT, last_modified TEXT,"
	" architectures TEXT, aliases TEXT, suppressed INTEGER NOT NULL, suppression_reason TEXT, change TEXT,"
	" first_seen TEXT);\n"
	"CREATE INDEX resources_scan ON resources (scan_id, seq);\n"
	"CREATE TABLE gone (scan_id BIGINT NOT NULL REFERENCES scans (id), id TEXT NOT NULL, status TEXT,"
	" change TEXT NOT NULL, runtime TEXT, source TEXT, resource TEXT, function_name TEXT, account TEXT,"
	" region TEXT, file TEXT, first_seen TEXT);\n"
	"CREATE INDEX gone_scan ON gone (scan_id);\n",
	/* 2: what owners, usage and coverage add to a report, so --show prints it as it was */
	"ALTER TABLE resources ADD COLUMN owner TEXT;\n"
	"ALTER TABLE resources ADD COLUMN managed_by TEXT;\n"
	"ALTER TABLE resources ADD COLUMN stack TEXT;\n"
	"ALTER TABLE resources ADD COLUMN tags TEXT;\n"
	"ALTER TABLE resources ADD COLUMN invocations TEXT;\n"
	"ALTER TABLE resources ADD COLUMN latest_runtime TEXT;\n"
	"CREATE TABLE coverage (scan_id BIGINT NOT NULL REFERENCES scans (id), seq INTEGER NOT NULL,"
	" kind TEXT NOT NULL, account TEXT, account_name TEXT, region TEXT, input TEXT, status TEXT NOT NULL,"
	" functions INTEGER NOT NULL, versions INTEGER NOT NULL, error TEXT);\n"
	"CREATE INDEX coverage_scan ON coverage (scan_id);\n",
};

void hstore_scan_release(struct hstore_scan *sc)
{
	free(sc->scope);
	free(sc->recorded);
	free(sc->inputs_json);
	free(sc->catalog_as_of);
	memset(sc, 0, sizeof(*sc));
}


static int max_version(void *ctx, int n, const char *const *c)
{
	*(long *)ctx = n > 0 && c[0] ? strtol(c[0], NULL, 10) : 0;
	return 0;
}

static char *with_pk(const char *sql, const char *pk)
{
	struct strbuf sb = {0};
	const char *p;
	while ((p = strstr(sql, "{PK}")) != NULL) {
		sb_add(&sb, sql, (size_t)(p - sql));
		sb_adds(&sb, pk);
		sql = p + 4;
	}
	sb_adds(&sb, sql);
	return sb_detach(&sb);
}

int hstore_open(struct hdb *db, const char *dsn)
{
	long v = 0;
	if (hdb_open(db, dsn) < 0)
		return -1;
	if (hdb_begin(db) < 0)
		goto fail;
	if (db->be->schema_lock && hdb_exec(db, db->be->schema_lock, 0, NULL) < 0)
		goto fail;
	if (hdb_exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", 0, NULL) < 0 ||
	    hdb_query(db, "SELECT max(version) FROM schema_version", 0, NULL, max_version, &v) < 0)
		goto fail;
	if (v > HSTORE_SCHEMA_VERSION) {
		errorf("--db %s: the database has schema version %ld, newer than this sunset knows (%d): "
		       "use a newer sunset with it", db->label, v, HSTORE_SCHEMA_VERSION);
		goto fail;
	}
	for (; v < HSTORE_SCHEMA_VERSION; v++) {
		char *sql = with_pk(migrations[v], db->be->serial_pk), ver[24];
		int rc = hdb_exec(db, sql, 0, NULL);
		free(sql);
		snprintf(ver, sizeof(ver), "%ld", v + 1);
		const char *p[] = {ver};
		if (rc < 0 || hdb_exec(db, "INSERT INTO schema_version (version) VALUES ($1)", 1, p) < 0)
			goto fail;
	}
	if (hdb_commit(db) < 0)
		goto fail;
	return 0;
fail:
	hdb_rollback(db);
	hdb_close(db);
	return -1;
}

/* ---- the previous scan as a prior ---- */

static int one_id(void *ctx, int n, const char *const *c)
{
	*(long long *)ctx = n > 0 && c[0] ? strtoll(c[0], NULL, 10) : 0;
	return 1;
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* prior row: id, status, first_seen, runtime, resource, function, account, region, file, source */
static int prior_row(void *ctx, int n, const char *const *c)
{
	struct prior *p = ctx;
	int st = c[1] ? status_parse(c[1]) : -1;
	if (n < 10 || !c[0] || (st >= 0 && !status_is_finding((enum status)st)))
		return 0;
	struct prior_entry *e = prior_add(p, c[0]);
	e->status = st;
	if (!c[2] || date_parse(c[2], &e->first_seen) < 0)
		e->first_seen = DATE_NONE;
	char **dst[] = {&e->runtime, &e->resource, &e->function, &e->account, &e->region, &e->file, &e->source};
	for (int i = 0; i < 7; i++) {
		free(*dst[i]);
		*dst[i] = dup_or_null(c[3 + i]);
	}
	return 0;
}

int hstore_load_prior(struct hdb *db, const char *scope, date_t as_of, struct prior *p, long long *prev)
{
	char d[11], idbuf[24];
	const char *q[] = {scope, date_format(as_of, d)};
	prior_init(p, PRIOR_HISTORY);
	*prev = 0;
	if (hdb_query(db, "SELECT id FROM scans WHERE scope = $1 AND as_of <= $2 ORDER BY as_of DESC, id DESC LIMIT 1",
		      2, q, one_id, prev) < 0)
		return -1;
	if (!*prev)
		return 0;
	snprintf(idbuf, sizeof(idbuf), "%lld", *prev);
	p->label = xasprintf("scan %lld", *prev);
	const char *r[] = {idbuf};
	if (hdb_query(db,
		      "SELECT id, status, first_seen, runtime, resource, function_name, account, region, file, source"
		      " FROM resources WHERE scan_id = $1 ORDER BY seq",
		      1, r, prior_row, p) < 0 ||
	    hdb_query(db,
		      "SELECT id, status, first_seen, runtime, resource, function_name, account, region, file, source"
		      " FROM gone WHERE scan_id = $1 AND change = 'not_scanned'",
		      1, r, prior_row, p) < 0)
		return -1;
	return 0;
}

/* ---- recording a scan ---- */

static json_t *counts_json(const size_t *v, int n, const char *(*name)(int))
{
	json_t *o = json_object();
	for (int i = 0; i < n; i++)
		json_object_set_new(o, name(i), json_integer((json_int_t)v[i]));
	return o;
}

static int status_parse_or_none(const char *s) { return s ? status_parse(s) : -1; }
static const char *status_name_i(int i) { return status_name((enum status)i); }
static const char *change_name_i(int i) { return change_name((enum change)i); }

static char *dumps(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return s;
}

struct rec_ctx {
	struct hdb *db;
	const char *scan_id;
	long seq;
};

static const char *num(char *buf, long v, bool present)
{
	if (!present)
		return NULL;
	snprintf(buf, 24, "%ld", v);
	return buf;
}

static int record_resource(void *ctx, const struct finding *f)
{
	struct rec_ctx *rc = ctx;
	char seq[24], line[24], col[24], inv[24];
	const char *p[] = {
		rc->scan_id, num(seq, rc->seq++, true), f->s[FS_ID], status_name(f->status), f->s[FS_RUNTIME],
		f->s[FS_SOURCE], f->s[FS_KIND], f->s[FS_RESOURCE], f->s[FS_FUNCTION], f->s[FS_VERSION],
		f->s[FS_ACCOUNT], f->s[FS_REGION], f->s[FS_PARTITION], f->s[FS_FILE], num(line, f->line, f->line > 0),
		num(col, f->column, f->column > 0), f->s[FS_VIA], f->s[FS_REASON], f->s[FS_BASE], f->s[FS_PACKAGE_TYPE],
		f->s[FS_LAST_MODIFIED], f->s[FS_ARCHITECTURES], f->s[FS_ALIASES], f->suppressed ? "1" : "0",
		f->s[FS_SUPPRESSION_REASON], f->s[FS_CHANGE], f->s[FS_FIRST_SEEN], f->s[FS_OWNER], f->s[FS_MANAGED_BY],
		f->s[FS_STACK], f->s[FS_TAGS], num(inv, f->invocations, f->has_invocations), f->s[FS_LATEST_RUNTIME],
	};
	return hdb_run(rc->db, 0, (int)(sizeof(p) / sizeof(p[0])), p) < 0 ? -1 : 0;
}

int hstore_record(struct hdb *db, struct hstore_scan *sc, struct scan *s)
{
	char as_of[11], warn[24], show[24], res[24], fnd[24], errs[24], idbuf[24] = "";
	size_t findings = 0;
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			findings += s->by_status[st];
	char *by = dumps(counts_json(s->by_status, ST_COUNT, status_name_i));
	char *ch = dumps(counts_json(s->changes, CH_COUNT, change_name_i));
	const char *p[] = {sc->scope, date_format(s->as_of, as_of), sc->recorded, sc->tool_version,
			   sc->catalog_as_of, num(warn, s->warn_days, true), num(show, s->show_all, true),
			   sc->inputs_json, num(res, (long)s->resources, true), num(fnd, (long)findings, true),
			   num(errs, (long)s->errors.total, true), by, ch};
	int rc = -1;
	if (hdb_begin(db) < 0)
		goto out;
	if (hdb_query(db,
		      "INSERT INTO scans (scope, as_of, recorded, tool_version, catalog_as_of, warn_days, show_all, inputs,"
		      " resources, findings, errors, by_status, changes)"
		      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
		      13, p, one_id, &sc->id) < 0 || !sc->id)
		goto fail;
	snprintf(idbuf, sizeof(idbuf), "%lld", sc->id);
	struct rec_ctx ctx = {db, idbuf, 0};
	if (hdb_prepare(db, 0,
			"INSERT INTO resources (scan_id, seq, id, status, runtime, source, kind, resource, function_name,"
			" version, account, region, aws_partition, file, line, col, via, reason, base, package_type,"
			" last_modified, architectures, aliases, suppressed, suppression_reason, change, first_seen,"
			" owner, managed_by, stack, tags, invocations, latest_runtime)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,"
			" $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)") < 0 ||
	    fstore_each(s->store, record_resource, &ctx) != 0)
		goto fail;
	for (size_t i = 0; i < s->cov.n; i++) {
		const struct cov_entry *e = &s->cov.v[i];
		char seq[24], fn[24], vs[24];
		const char *q[] = {idbuf, num(seq, (long)i, true), e->kind, e->account,
				   e->account ? coverage_account_name(&s->cov, e->account) : NULL, e->region, e->input,
				   coverage_status_name(e->status), num(fn, (long)e->functions, true),
				   num(vs, (long)e->versions, true), e->error};
		if (hdb_exec(db,
			     "INSERT INTO coverage (scan_id, seq, kind, account, account_name, region, input, status,"
			     " functions, versions, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
			     11, q) < 0)
			goto fail;
	}
	for (size_t i = 0; i < s->errors.n; i++) {
		const struct scan_error *e = &s->errors.v[i];
		char seq[24], line[24], col[24];
		const char *q[] = {idbuf, num(seq, (long)i, true), e->source, e->file, num(line, e->line, e->line > 0),
				   num(col, e->column, e->column > 0), e->account, e->region, e->message};
		if (hdb_exec(db,
			     "INSERT INTO scan_errors (scan_id, seq, source, file, line, col, account, region, message)"
			     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
			     9, q) < 0)
			goto fail;
	}
	for (size_t i = 0; s->prior && i < s->prior->n; i++) {
		const struct prior_entry *e = &s->prior->v[i];
		char d[11];
		if (e->gone < 0)
			continue;
		const char *q[] = {idbuf, e->id, e->status >= 0 ? status_name((enum status)e->status) : NULL,
				   change_name((enum change)e->gone), e->runtime, e->source, e->resource, e->function,
				   e->account, e->region, e->file,
				   e->first_seen != DATE_NONE ? date_format(e->first_seen, d) : NULL};
		if (hdb_exec(db,
			     "INSERT INTO gone (scan_id, id, status, change, runtime, source, resource, function_name,"
			     " account, region, file, first_seen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
			     12, q) < 0)
			goto fail;
	}
	if (hdb_commit(db) < 0)
		goto out;
	rc = 0;
	goto out;
fail:
	hdb_rollback(db);
out:
	free(by);
	free(ch);
	return rc;
}

/* ---- listing ---- */

#define SCAN_COLS "id, as_of, scope, recorded, inputs, catalog_as_of, warn_days, show_all, resources, findings," \
		  " errors, by_status, changes"

static void counts_from(const char *text, size_t *v, int n, int (*parse)(const char *))
{
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	const char *k;
	json_t *val;
	json_object_foreach(o, k, val) {
		int i = parse(k);
		if (i >= 0 && i < n)
			v[i] = (size_t)json_integer_value(val);
	}
	json_decref(o);
}

static void scan_from_row(struct hstore_scan *sc, const char *const *c)
{
	memset(sc, 0, sizeof(*sc));
	sc->id = strtoll(c[0], NULL, 10);
	snprintf(sc->as_of, sizeof(sc->as_of), "%s", c[1] ? c[1] : "");
	sc->scope = dup_or_null(c[2]);
	sc->recorded = dup_or_null(c[3]);
	sc->inputs_json = dup_or_null(c[4]);
	sc->catalog_as_of = dup_or_null(c[5]);
	sc->warn_days = c[6] ? atoi(c[6]) : 0;
	sc->show_all = c[7] ? atoi(c[7]) : 0;
	sc->resources = c[8] ? strtoul(c[8], NULL, 10) : 0;
	sc->findings = c[9] ? strtoul(c[9], NULL, 10) : 0;
	sc->errors = c[10] ? strtoul(c[10], NULL, 10) : 0;
	counts_from(c[11], sc->by_status, ST_COUNT, status_parse_or_none);
	counts_from(c[12], sc->changes, CH_COUNT, change_parse);
}

struct each_ctx {
	hstore_scan_fn fn;
	void *ctx;
	int rc;
};

static int each_row(void *ctx, int n, const char *const *c)
{
	struct each_ctx *ec = ctx;
	struct hstore_scan sc;
	if (n < 13)
		return 1;
	scan_from_row(&sc, c);
	ec->rc = ec->fn(ec->ctx, &sc);
	hstore_scan_release(&sc);
	return ec->rc;
}

int hstore_each_scan(struct hdb *db, const char *scope, hstore_scan_fn fn, void *ctx)
{
	struct each_ctx ec = {fn, ctx, 0};
	const char *p[] = {scope};
	if (hdb_query(db,
		      scope ? "SELECT " SCAN_COLS " FROM scans WHERE scope = $1 ORDER BY as_of, id"
			    : "SELECT " SCAN_COLS " FROM scans ORDER BY as_of, id",
		      scope ? 1 : 0, p, each_row, &ec) < 0)
		return -1;
	return ec.rc < 0 ? -1 : 0;
}

static int get_row(void *ctx, int n, const char *const *c)
{
	if (n >= 13)
		scan_from_row(ctx, c);
	return 1;
}

int hstore_get_scan(struct hdb *db, long long id, struct hstore_scan *out)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[] = {idbuf};
	memset(out, 0, sizeof(*out));
	if (hdb_query(db, "SELECT " SCAN_COLS " FROM scans WHERE id = $1", 1, p, get_row, out) < 0)
		return -1;
	return out->id ? 1 : 0;
}

/* ---- replay ---- */

static int replay_row(void *ctx, int n, const char *const *c)
{
	struct scan *s = ctx;
	if (n < 31)
		return 1;
	struct resource r = {
		.source = c[2], .kind = c[3], .resource = c[4], .function = c[5], .version = c[6], .account = c[7],
		.region = c[8], .partition = c[9], .file = c[10], .line = c[11] ? atol(c[11]) : 0,
		.column = c[12] ? atol(c[12]) : 0, .runtime = c[1], .via = c[13], .base = c[15],
		.package_type = c[16], .last_modified = c[17], .architectures = c[18], .aliases = c[19],
	};
	r.reason = r.runtime ? NULL : c[14];
	r.owner = c[25];
	r.managed_by = c[26];
	r.stack = c[27];
	r.tags = c[28];
	r.has_invocations = c[29] != NULL;
	r.invocations = c[29] ? atol(c[29]) : 0;
	r.latest_runtime = c[30];
	struct scan_replay rp = {.suppressed = c[20] && atoi(c[20]), .suppression_reason = c[21], .change = c[22],
				 .first_seen = c[23]};
	s->replay = &rp;
	int rc = scan_add(s, &r);
	s->replay = NULL;
	return rc < 0 ? -1 : 0;
}

static int replay_coverage(void *ctx, int n, const char *const *c)
{
	struct coverage *cov = ctx;
	if (n < 9)
		return 1;
	enum cov_status st = COV_SCANNED;
	for (int i = 0; i < COV_STATUS_COUNT; i++)
		if (c[5] && !strcmp(c[5], coverage_status_name((enum cov_status)i)))
			st = (enum cov_status)i;
	/* the kind is one of coverage's own names; keep its static string */
	static const char *const kinds[] = {"account-region", "inventory", "templates"};
	const char *kind = kinds[0];
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (c[0] && !strcmp(c[0], kinds[i]))
			kind = kinds[i];
	if (c[1] && c[2])
		coverage_name(cov, c[1], c[2]);
	coverage_add(cov, kind, c[1], c[3], c[4], st, c[6] ? strtoul(c[6], NULL, 10) : 0,
		     c[7] ? strtoul(c[7], NULL, 10) : 0, c[8]);
	return 0;
}

static int replay_error(void *ctx, int n, const char *const *c)
{
	struct scan *s = ctx;
	if (n < 7)
		return 1;
	errlist_add(&s->errors, c[0], c[1], c[2] ? atol(c[2]) : 0, c[3] ? atol(c[3]) : 0, c[4], c[5], "%s",
		    c[6] ? c[6] : "");
	return 0;
}

static int replay_gone(void *ctx, int n, const char *const *c)
{
	struct scan *s = ctx;
	int ch = n >= 11 ? change_parse(c[2]) : -1;
	if (ch < 0)
		return 0;
	prior_row(s->prior, 10, (const char *const[]){c[0], c[1], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10]});
	struct prior_entry *e = prior_find(s->prior, c[0]);
	if (!e)
		return 0;
	e->gone = ch;
	s->changes[ch]++;
	return 0;
}

int hstore_replay(struct hdb *db, long long id, struct scan *s, struct prior *gone)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[] = {idbuf};
	prior_init(gone, PRIOR_HISTORY);
	s->prior = gone;
	/* coverage first: the account names it holds name the findings' accounts */
	if (hdb_query(db,
		      "SELECT kind, account, account_name, region, input, status, functions, versions, error FROM coverage"
		      " WHERE scan_id = $1 ORDER BY seq",
		      1, p, replay_coverage, &s->cov) < 0)
		return -1;
	if (hdb_query(db,
		      "SELECT id, runtime, source, kind, resource, function_name, version, account, region, aws_partition,"
		      " file, line, col, via, reason, base, package_type, last_modified, architectures, aliases,"
		      " suppressed, suppression_reason, change, first_seen, status, owner, managed_by, stack, tags,"
		      " invocations, latest_runtime FROM resources WHERE scan_id = $1 ORDER BY seq",
		      1, p, replay_row, s) < 0)
		return -1;
	size_t printed = s->errors.printed;
	s->errors.printed = ERRLIST_PRINT + 1; /* kept for the report, not printed again */
	int rc = hdb_query(db,
			   "SELECT source, file, line, col, account, region, message FROM scan_errors WHERE scan_id = $1"
			   " ORDER BY seq",
			   1, p, replay_error, s);
	s->errors.printed = printed;
	if (rc < 0)
		return -1;
	return hdb_query(db,
			 "SELECT id, status, change, first_seen, runtime, resource, function_name, account, region, file,"
			 " source FROM gone WHERE scan_id = $1",
			 1, p, replay_gone, s);
}
