#include "model/errlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/msg.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

const char *errlist_where(const struct scan_error *e, struct strbuf *sb)
{
	sb->len = 0;
	sb_adds(sb, "");
	if (e->file && e->line > 0)
		sb_addf(sb, "%s:%ld:%ld", e->file, e->line, e->column > 0 ? e->column : 1);
	else if (e->file)
		sb_adds(sb, e->file);
	else if (e->account && e->region)
		sb_addf(sb, "account %s region %s", e->account, e->region);
	else if (e->account)
		sb_addf(sb, "account %s", e->account);
	else if (e->region)
		sb_addf(sb, "region %s", e->region);
	else
		sb_adds(sb, "scan");
	return sb->buf;
}

static void print_error(const struct scan_error *e)
{
	struct strbuf where = STRBUF_INIT;
	errorf("%s: %s", errlist_where(e, &where), e->message);
	sb_release(&where);
}

void errlist_add(struct errlist *el, const char *source, const char *file, long line, long column,
		 const char *account, const char *region, const char *fmt, ...)
{
	struct scan_error e = {0};
	va_list ap, ap2;
	struct strbuf msg = STRBUF_INIT;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len > 0) {
		char *tmp = xmalloc((size_t)len + 1);
		vsnprintf(tmp, (size_t)len + 1, fmt, ap2);
		utf8_repair(&msg, tmp, (size_t)len);
		free(tmp);
	}
	va_end(ap2);
	/* valid UTF-8 from here on: the report writers can hold every error */
	e.source = utf8_dup(source);
	e.file = utf8_dup(file);
	e.line = line;
	e.column = column;
	e.account = utf8_dup(account);
	e.region = utf8_dup(region);
	e.message = sb_detach(&msg);

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
