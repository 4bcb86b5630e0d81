/* csv: one row per finding with the JSON field names as the header (RFC 4180). Text that
 * a spreadsheet would run as a formula (leading = + - @) is prefixed with a quote; control
 * characters in scanned text are made visible (\x1b, \n), so a value never forges a row or
 * reaches a terminal raw. */
#include <string.h>

#include "model/finding.h"
#include "report/escape.h"
#include "report/report.h"

static void cell(FILE *out, const char *raw, bool guard, bool list)
{
	struct strbuf vis = STRBUF_INIT;
	escape_term_sb(&vis, raw);
	if (list) /* lists: ';' between the items, as ',' separates cells */
		for (char *p = vis.buf; p && *p; p++)
			if (*p == ',')
				*p = ';';
	const char *s = vis.buf ? vis.buf : "";
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = guard && strchr("=+-@\t\r", s[0]) && s[0];
	if (!quote && !formula) {
		fputs(s, out);
		sb_release(&vis);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
	sb_release(&vis);
}

struct csv_ctx {
	FILE *out;
	const struct scan *scan;
};

static int row(void *ctx, const struct finding *f)
{
	const struct csv_ctx *cc = ctx;
	FILE *out = cc->out;
	if (!scan_listed(cc->scan, f))
		return 0;
	for (unsigned i = 0, n = 0; i < finding_fields_count; i++) {
		struct field_value v;
		if (finding_fields[i].not_csv)
			continue;
		if (n++)
			fputc(',', out);
		finding_fields[i].get(f, &v);
		if (v.null)
			continue;
		if (v.type == FT_INT)
			fprintf(out, "%ld", v.num);
		else if (v.type == FT_BOOL)
			fputs(v.num ? "true" : "false", out);
		else if (v.type == FT_DATE)
			fputs(v.date, out);
		else
			cell(out, v.str, true, v.type == FT_LIST || v.type == FT_ALIASES);
	}
	fputs("\r\n", out);
	return 0;
}

int report_csv(FILE *out, struct report *r)
{
	for (unsigned i = 0, n = 0; i < finding_fields_count; i++) {
		if (finding_fields[i].not_csv)
			continue;
		if (n++)
			fputc(',', out);
		fputs(finding_fields[i].name, out);
	}
	fputs("\r\n", out);
	struct csv_ctx cc = {out, r->scan};
	return fstore_each(r->scan->store, row, &cc) < 0 ? -1 : 0;
}
