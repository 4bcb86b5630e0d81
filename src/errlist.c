#include "errlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"
#include "xalloc.h"

const char *errlist_where(const struct scan_error *e, char *buf, size_t n)
{
	if (e->file && e->line > 0)
		snprintf(buf, n, "%s:%ld:%ld", e->file, e->line, e->column > 0 ? e->column : 1);
	else if (e->file)
		snprintf(buf, n, "%s", e->file);
	else if (e->account && e->region)
		snprintf(buf, n, "account %s region %s", e->account, e->region);
	else if (e->account)
		snprintf(buf, n, "account %s", e->account);
	else if (e->region)
		snprintf(buf, n, "region %s", e->region);
	else
		snprintf(buf, n, "scan");
	return buf;
}

static void print_error(const struct scan_error *e)
{
	char where[512];
	errorf("%s: %s", errlist_where(e, where, sizeof(where)), e->message);
}

void errlist_add(struct errlist *el, const char *source, const char *file, long line, long column,
		 const char *account, const char *region, const char *fmt, ...)
{
	struct scan_error e = {0};
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e.source = xstrdup(source);
	e.file = xstrdup(file);
	e.line = line;
	e.column = column;
	e.account = xstrdup(account);
	e.region = xstrdup(region);
	e.message = xstrdup(msg);

	el->total++;
	if (el->printed < ERRLIST_PRINT) {
		print_error(&e);
		if (++el->printed == ERRLIST_PRINT)
			errorf("too many errors: further ones are counted in the report, not printed");
	}
	if (el->n < ERRLIST_KEEP) {
		ALLOC_GROW(el->v, el->n + 1, el->alloc);
		el->v[el->n++] = e;
		return;
	}
	free(e.source);
	free(e.file);
	free(e.account);
	free(e.region);
	free(e.message);
}

void errlist_release(struct errlist *el)
{
	for (size_t i = 0; i < el->n; i++) {
		free(el->v[i].source);
		free(el->v[i].file);
		free(el->v[i].account);
		free(el->v[i].region);
		free(el->v[i].message);
	}
	free(el->v);
	*el = (struct errlist){0};
}
