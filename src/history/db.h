/* db: the history store's connection, over one backend row per database kind (SQLite
 * file, PostgreSQL URL). SQL is shared: text parameters $1..$N, every value as text. */
#ifndef SUNSET_HISTORY_DB_H
#define SUNSET_HISTORY_DB_H

#include <stdbool.h>

#define HDB_STMTS 4 /* prepared statements kept per connection */

struct hdb;

/* A result row: ncols values as text, NULL for SQL NULL. Return non-zero to stop. */
typedef int (*hdb_row_fn)(void *ctx, int ncols, const char *const *cols);

struct hdb_backend {
	const char *name;      /* "sqlite", "postgresql" */
	bool (*accepts)(const char *dsn);
	int (*open)(struct hdb *db, const char *dsn);
	void (*close)(struct hdb *db);
	int (*exec)(struct hdb *db, const char *sql, int n, const char *const *params);
	int (*query)(struct hdb *db, const char *sql, int n, const char *const *params, hdb_row_fn fn, void *ctx);
	int (*prepare)(struct hdb *db, int slot, const char *sql);
	int (*run)(struct hdb *db, int slot, int n, const char *const *params);
	const char *const *begin_write; /* statements that open a write transaction, NULL-terminated */
	const char *serial_pk;          /* column type of an auto-numbered primary key */
	const char *schema_lock;        /* run first in the schema transaction, or NULL */
};

struct hdb {
	const struct hdb_backend *be;
	void *conn;
	void *stmts[HDB_STMTS];
	char *label; /* for messages: the file, or the URL without its password */
	bool in_tx;
};

/* hdb_open connects to `dsn` (a file path, or postgresql://...). Returns 0, or -1 after
 * an error line. */
int hdb_open(struct hdb *db, const char *dsn);
void hdb_close(struct hdb *db);
int hdb_exec(struct hdb *db, const char *sql, int n, const char *const *params);
int hdb_query(struct hdb *db, const char *sql, int n, const char *const *params, hdb_row_fn fn, void *ctx);
int hdb_prepare(struct hdb *db, int slot, const char *sql);
int hdb_run(struct hdb *db, int slot, int n, const char *const *params);
/* hdb_begin opens a write transaction (SQLite: BEGIN IMMEDIATE, waiting for the busy
 * timeout; PostgreSQL: BEGIN). hdb_commit / hdb_rollback end it. */
int hdb_begin(struct hdb *db);
int hdb_commit(struct hdb *db);
void hdb_rollback(struct hdb *db);

extern const struct hdb_backend hdb_sqlite, hdb_postgresql;

#endif
