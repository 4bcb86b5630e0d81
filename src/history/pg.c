/* pg: the team history store on PostgreSQL (libpq). The URL's password is never printed;
 * a write transaction takes an advisory lock for schema changes only. */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "util/msg.h"
#include "util/xalloc.h"
#include "history/db.h"

static bool pg_accepts(const char *dsn)
{
	return dsn && (!strncmp(dsn, "postgresql://", 13) || !strncmp(dsn, "postgres://", 11));
}

/* redact keeps scheme://host/path of a URL: no user name or password. */
static char *redact(const char *dsn)
{
	const char *p = strstr(dsn, "://"), *at;
	if (!p)
		return xstrdup("postgresql://...");
	p += 3;
	at = strchr(p, '@');
	const char *slash = strchr(p, '/');
	if (at && (!slash || at < slash))
		p = at + 1;
	const char *q = strchr(p, '?');
	return xasprintf("postgresql://%.*s", (int)(q ? (size_t)(q - p) : strlen(p)), p);
}

static void pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* "relation already exists, skipping" and the like */
}

static int pg_fail(struct hdb *db, const char *what, PGresult *res)
{
	const char *m = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", m && *m ? m : "unknown error");
	msg[strcspn(msg, "\n")] = '\0';
	if (res)
		PQclear(res);
	return errorf("--db %s: %s: %s", db->label, what, msg);
}

static int pg_open(struct hdb *db, const char *dsn)
{
	db->label = redact(dsn);
	db->conn = PQconnectdb(dsn);
	if (!db->conn)
		return errorf("--db %s: cannot connect (out of memory)", db->label);
	if (PQstatus(db->conn) != CONNECTION_OK)
		return pg_fail(db, "cannot connect", NULL);
	PQsetNoticeProcessor(db->conn, pg_notice, NULL);
	return 0;
}

static void pg_close(struct hdb *db)
{
	if (db->conn)
		PQfinish(db->conn);
}

static int rows_to(PGresult *res, hdb_row_fn fn, void *ctx)
{
	int nr = PQntuples(res), nc = PQnfields(res);
	const char *cols[64];
	if (nc > 64)
		nc = 64;
	for (int r = 0; fn && r < nr; r++) {
		for (int c = 0; c < nc; c++)
			cols[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
		if (fn(ctx, nc, cols))
			break;
	}
	PQclear(res);
	return 0;
}

static int pg_query(struct hdb *db, const char *sql, int n, const char *const *params, hdb_row_fn fn, void *ctx)
{
	PGresult *res = n ? PQexecParams(db->conn, sql, n, NULL, params, NULL, NULL, 0) : PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return pg_fail(db, "query", res);
	return rows_to(res, fn, ctx);
}

static int pg_exec(struct hdb *db, const char *sql, int n, const char *const *params)
{
	return pg_query(db, sql, n, params, NULL, NULL);
}

static int pg_prepare(struct hdb *db, int slot, const char *sql)
{
	char name[16];
	snprintf(name, sizeof(name), "sunset_%d", slot);
	PGresult *res = PQprepare(db->conn, name, sql, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return pg_fail(db, "prepare", res);
	PQclear(res);
	db->stmts[slot] = db; /* marks the slot prepared */
	return 0;
}

static int pg_run(struct hdb *db, int slot, int n, const char *const *params)
{
	char name[16];
	snprintf(name, sizeof(name), "sunset_%d", slot);
	PGresult *res = PQexecPrepared(db->conn, name, n, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return pg_fail(db, "insert", res);
	PQclear(res);
	return 0;
}

static const char *const pg_begin[] = {"BEGIN", NULL};

const struct hdb_backend hdb_postgresql = {
	.name = "postgresql",
	.accepts = pg_accepts,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.query = pg_query,
	.prepare = pg_prepare,
	.run = pg_run,
	.begin_write = pg_begin,
	.serial_pk = "BIGSERIAL PRIMARY KEY",
	/* two scanners creating the schema at once: the second waits, then finds it made */
	.schema_lock = "SELECT pg_advisory_xact_lock(715029)",
};
