/* sqlite: the embedded history store (Debian's libsqlite3). WAL, a busy timeout, and
 * BEGIN IMMEDIATE so two scans writing at once queue instead of failing. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "util/msg.h"
#include "util/xalloc.h"
#include "history/db.h"

#define BUSY_TIMEOUT_MS 60000

static bool sq_accepts(const char *dsn) { return dsn && *dsn && !strstr(dsn, "://"); }

static int sq_error(struct hdb *db, const char *what)
{
	return errorf("--db %s: %s: %s", db->label, what, sqlite3_errmsg(db->conn));
}

static int sq_open(struct hdb *db, const char *dsn)
{
	sqlite3 *h = NULL;
	db->label = xstrdup(dsn);
	int rc = sqlite3_open_v2(dsn, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	db->conn = h;
	if (rc != SQLITE_OK)
		return h ? sq_error(db, "cannot open") : errorf("--db %s: cannot open (out of memory)", dsn);
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(h, 1);
	char *err = NULL;
	/* WAL: readers do not block the writer; NORMAL sync keeps every commit atomic. */
	if (sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", NULL,
			 NULL, &err) != SQLITE_OK) {
		errorf("--db %s: %s", dsn, err ? err : "cannot set WAL mode");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static void sq_close(struct hdb *db)
{
	for (int i = 0; i < HDB_STMTS; i++)
		if (db->stmts[i])
			sqlite3_finalize(db->stmts[i]);
	if (db->conn)
		sqlite3_close(db->conn);
}

/* bind_all binds $1..$N; `positional` when parameter i is known to be $i (checked once
 * when the statement was prepared), else by name. */
static int bind_all(struct hdb *db, sqlite3_stmt *st, int n, const char *const *params, bool positional)
{
	for (int i = 0; i < n && positional; i++) {
		int rc = params[i] ? sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC) : sqlite3_bind_null(st, i + 1);
		if (rc != SQLITE_OK)
			return sq_error(db, "bind");
	}
	for (int i = 0; i < n && !positional; i++) {
		char name[16];
		snprintf(name, sizeof(name), "$%d", i + 1);
		/* $N is usually parameter N (each used once, in order): a lookup by index, not by name */
		const char *at = sqlite3_bind_parameter_name(st, i + 1);
		int idx = at && !strcmp(at, name) ? i + 1 : sqlite3_bind_parameter_index(st, name);
		if (!idx)
			continue;
		int rc = params[i] ? sqlite3_bind_text(st, idx, params[i], -1, SQLITE_STATIC) : sqlite3_bind_null(st, idx);
		if (rc != SQLITE_OK)
			return sq_error(db, "bind");
	}
	return 0;
}

/* step_all runs a bound statement to the end, handing rows to fn. */
static int step_all(struct hdb *db, sqlite3_stmt *st, hdb_row_fn fn, void *ctx)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!fn)
			continue;
		int nc = sqlite3_column_count(st);
		const char *cols[64];
		if (nc > 64)
			nc = 64;
		for (int i = 0; i < nc; i++)
			cols[i] = (const char *)sqlite3_column_text(st, i);
		if (fn(ctx, nc, cols))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(db, "query");
	return 0;
}

static int sq_query(struct hdb *db, const char *sql, int n, const char *const *params, hdb_row_fn fn, void *ctx)
{
	sqlite3_stmt *st = NULL;
	const char *tail = sql;
	int rc = 0;
	/* several statements (schema scripts) run one after another */
	while (rc == 0 && tail && *tail) {
		if (sqlite3_prepare_v2(db->conn, tail, -1, &st, &tail) != SQLITE_OK)
			return sq_error(db, "prepare");
		if (!st)
			break;
		rc = bind_all(db, st, n, params, false);
		if (rc == 0)
			rc = step_all(db, st, fn, ctx);
		sqlite3_finalize(st);
	}
	return rc;
}

static int sq_exec(struct hdb *db, const char *sql, int n, const char *const *params)
{
	return sq_query(db, sql, n, params, NULL, NULL);
}

static int sq_prepare(struct hdb *db, int slot, const char *sql)
{
	if (db->stmts[slot])
		sqlite3_finalize(db->stmts[slot]);
	db->stmts[slot] = NULL;
	if (sqlite3_prepare_v2(db->conn, sql, -1, (sqlite3_stmt **)&db->stmts[slot], NULL) != SQLITE_OK)
		return sq_error(db, "prepare");
	/* statements kept for repeated runs write $1..$N once each, in order: bound by position */
	for (int i = 1; i <= sqlite3_bind_parameter_count(db->stmts[slot]); i++) {
		char name[16];
		const char *at = sqlite3_bind_parameter_name(db->stmts[slot], i);
		snprintf(name, sizeof(name), "$%d", i);
		if (!at || strcmp(at, name))
			return errorf("--db %s: internal error: parameter %d of a prepared statement is not %s", db->label, i,
				      name);
	}
	return 0;
}

static int sq_run(struct hdb *db, int slot, int n, const char *const *params)
{
	sqlite3_stmt *st = db->stmts[slot];
	sqlite3_reset(st);
	if (bind_all(db, st, n, params, true) < 0)
		return -1;
	return step_all(db, st, NULL, NULL);
}

static const char *const sq_begin[] = {"BEGIN IMMEDIATE", NULL};

const struct hdb_backend hdb_sqlite = {
	.name = "sqlite",
	.accepts = sq_accepts,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.query = sq_query,
	.prepare = sq_prepare,
	.run = sq_run,
	.begin_write = sq_begin,
	.serial_pk = "INTEGER PRIMARY KEY",
};
