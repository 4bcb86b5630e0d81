#include "history/db.h"

#include <stdlib.h>
#include <string.h>

#include "util/msg.h"

/* The backends, most specific first: the last row takes any path. */
static const struct hdb_backend *const backends[] = {&hdb_postgresql, &hdb_sqlite};

int hdb_open(struct hdb *db, const char *dsn)
{
	memset(db, 0, sizeof(*db));
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (backends[i]->accepts(dsn)) {
			db->be = backends[i];
			if (db->be->open(db, dsn) < 0) {
				hdb_close(db);
				return -1;
			}
			return 0;
		}
	return errorf("--db: \"%s\" is neither a file path nor a postgresql:// URL", dsn);
}

void hdb_close(struct hdb *db)
{
	if (db->be)
		db->be->close(db);
	free(db->label);
	memset(db, 0, sizeof(*db));
}

int hdb_exec(struct hdb *db, const char *sql, int n, const char *const *params)
{
	return db->be->exec(db, sql, n, params);
}

int hdb_query(struct hdb *db, const char *sql, int n, const char *const *params, hdb_row_fn fn, void *ctx)
{
	return db->be->query(db, sql, n, params, fn, ctx);
}

int hdb_prepare(struct hdb *db, int slot, const char *sql) { return db->be->prepare(db, slot, sql); }

int hdb_run(struct hdb *db, int slot, int n, const char *const *params)
{
	return db->be->run(db, slot, n, params);
}

int hdb_begin(struct hdb *db)
{
	for (const char *const *s = db->be->begin_write; *s; s++)
		if (hdb_exec(db, *s, 0, NULL) < 0) {
			if (s != db->be->begin_write)
				hdb_exec(db, "ROLLBACK", 0, NULL);
			return -1;
		}
	db->in_tx = true;
	return 0;
}

int hdb_commit(struct hdb *db)
{
	db->in_tx = false;
	if (hdb_exec(db, "COMMIT", 0, NULL) < 0) {
		hdb_exec(db, "ROLLBACK", 0, NULL);
		return -1;
	}
	return 0;
}

void hdb_rollback(struct hdb *db)
{
	if (db->in_tx)
		hdb_exec(db, "ROLLBACK", 0, NULL);
	db->in_tx = false;
}
