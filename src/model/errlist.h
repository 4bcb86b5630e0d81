/* errlist: the inputs, records, accounts or regions a scan could not read. Each error is
 * printed on stderr as one line when it is added and kept for the report. */
#ifndef SUNSET_ERRLIST_H
#define SUNSET_ERRLIST_H

#include <stddef.h>

#include "util/strbuf.h"

struct scan_error {
	char *source;  /* "inventory", "aws", ... */
	char *file;    /* NULL when not about a file */
	long line, column; /* 0 when unknown */
	char *account, *region; /* NULL when not about one */
	char *message;
};

struct errlist {
	struct scan_error *v;
	size_t n, alloc;
	size_t total;   /* errors seen, including those not kept */
	size_t printed; /* lines written to stderr */
};

#define ERRLIST_KEEP 1000  /* errors kept for the report */
#define ERRLIST_PRINT 100  /* error lines printed on stderr */

/* errlist_add copies the strings it is given. */
void errlist_add(struct errlist *el, const char *source, const char *file, long line, long column,
		 const char *account, const char *region, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
void errlist_release(struct errlist *el);
/* errlist_where names where an error is: "FILE:LINE:COL", "FILE", "account A region R",
 * "region R", ... into sb (replacing its contents). Returns sb->buf. */
const char *errlist_where(const struct scan_error *e, struct strbuf *sb);

#endif
