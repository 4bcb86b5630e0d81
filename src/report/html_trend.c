/* html_trend: with --db, the open findings by status over the scans of this scope (stacked
 * columns, inline SVG like the other charts) and the date the last would close at the
 * current fix rate, beside the next block date. */
#include <stdio.h>

#include "model/finding.h"

#include "report/report.h"

date_t report_projected_close(const struct report *r)
{
	const struct report_trend *t = r->trend;
	if (!t || t->n < 2)
		return DATE_NONE;
	size_t fixed = 0, open = 0;
	for (size_t i = 1; i < t->n; i++)
		fixed += t->v[i].fixed;
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			open += t->v[t->n - 1].open[st];
	long days = (long)(t->v[t->n - 1].as_of - t->v[0].as_of);
	if (!fixed || days <= 0)
		return DATE_NONE;
	double per_day = (double)fixed / (double)days;
	return t->v[t->n - 1].as_of + (date_t)((double)open / per_day + 0.999);
}

struct block_ctx {
	const struct report *r;
	date_t next;
};

static int next_block(void *ctx, const struct finding *f)
{
	struct block_ctx *bc = ctx;
	const date_t d[2] = {f->block_create, f->block_update};
	if (!scan_listed(bc->r->scan, f))
		return 0;
	for (int i = 0; i < 2; i++)
		if (d[i] != DATE_NONE && d[i] > bc->r->scan->as_of && (bc->next == DATE_NONE || d[i] < bc->next))
			bc->next = d[i];
	return 0;
}

void report_html_trend(FILE *out, const struct report *r)
{
	struct block_ctx bc = {r, DATE_NONE};
	const struct report_trend *t = r->trend;
	char d[11], d2[11];
	if (!t || !t->n)
		return;
	size_t max = 1;
	for (size_t i = 0; i < t->n; i++) {
		size_t sum = 0;
		for (int st = 0; st < ST_COUNT; st++)
			if (status_is_finding((enum status)st))
				sum += t->v[i].open[st];
		if (sum > max)
			max = sum;
	}
	size_t n = t->n;
	int colw = n > 0 ? (int)(360 / n) : 360;
	if (colw > 40)
		colw = 40;
	fprintf(out, "<figure id=\"trend\"><figcaption>Open findings by status over the %zu scan%s of this scope"
		     "</figcaption><svg role=\"img\" viewBox=\"0 0 400 200\" width=\"400\" height=\"200\" "
		     "xmlns=\"http://www.w3.org/2000/svg\"><line x1=\"30\" y1=\"170\" x2=\"395\" y2=\"170\" stroke=\"#555\"/>"
		     "<text x=\"0\" y=\"20\" font-size=\"11\">%zu</text>",
		n, n == 1 ? "" : "s", max);
	for (size_t i = 0; i < n; i++) {
		int x = 32 + (int)i * colw, y = 170;
		size_t total = 0;
		for (int k = 0; k < ST_COUNT; k++) {
			enum status st = status_report_order[ST_COUNT - 1 - k]; /* least severe at the bottom */
			size_t v = status_is_finding(st) ? t->v[i].open[st] : 0;
			if (!v)
				continue;
			int h = (int)(150.0 * (double)v / (double)max + 0.5);
			y -= h;
			total += v;
			fprintf(out, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s: %zu %s"
				     "</title></rect>",
				status_name(st), x, y, colw - 4, h, date_format(t->v[i].as_of, d), v, status_name(st));
		}
		fprintf(out, "<text class=\"trend-total\" x=\"%d\" y=\"%d\" font-size=\"10\">%zu</text>", x, y - 2, total);
		if (i == 0 || i + 1 == n)
			fprintf(out, "<text x=\"%d\" y=\"185\" font-size=\"10\">%s</text>", i ? x - 40 : x,
				date_format(t->v[i].as_of, d));
	}
	fputs("</svg></figure>\n", out);
	date_t close = report_projected_close(r);
	fstore_each(r->scan->store, next_block, &bc);
	date_t next_block = bc.next;
	fputs("<p id=\"projection\">", out);
	if (close == DATE_NONE)
		fputs("At the current fix rate the open findings do not close: nothing was fixed over these scans", out);
	else
		fprintf(out, "At the current fix rate the last open finding closes on <strong id=\"projected-close\">%s"
			     "</strong>", date_format(close, d));
	if (next_block != DATE_NONE)
		fprintf(out, "; the next block date is <strong>%s</strong>%s", date_format(next_block, d2),
			close != DATE_NONE && close > next_block ? " (<strong>not on course</strong>)"
			: close != DATE_NONE ? " (on course)" : "");
	fputs(".</p>\n", out);
}
