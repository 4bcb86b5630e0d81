/* text: a table per status, worst first, then errors and a summary line. Reads the
 * findings store once to size the columns and once per status group. Every scanned string
 * goes through escape_term: no control character reaches the terminal. On a terminal the
 * table fits its width: columns are dropped in a fixed order (fit_order), then the widest
 * text columns are shortened with an ellipsis; into a pipe or a file it is full width. */
#include <string.h>

#include "model/finding.h"
#include "report/escape.h"
#include "report/report.h"

#define COLW_MAX 48

enum col { C_RUNTIME, C_MOVE_TO, C_ACCOUNT, C_REGION, C_FILE, C_RESOURCE, C_VERSION, C_DEPRECATED,
	   C_BLOCK_CREATE, C_BLOCK_UPDATE, C_CHANGE, C_COUNT };

static const char *const col_title[C_COUNT] = {
	"RUNTIME", "MOVE TO", "ACCOUNT", "REGION", "FILE:LINE", "RESOURCE", "VERSION",
	"DEPRECATED", "BLOCK CREATE", "BLOCK UPDATE", "CHANGE",
};

/* Dropped first to last when the table is wider than the terminal: the dates a reader can
 * look up per runtime, then where, then which version; RUNTIME, MOVE TO, FILE and RESOURCE
 * stay (the last two are shortened instead). */
static const enum col fit_order[] = {C_BLOCK_CREATE, C_DEPRECATED, C_BLOCK_UPDATE, C_ACCOUNT, C_REGION, C_VERSION};
#define SHORT_MIN 12 /* FILE and RESOURCE are never shortened below this */

struct text_ctx {
	FILE *out;
	const struct scan *scan;
	bool color;
	bool limited; /* cells longer than their column are shortened (fitting a terminal) */
	size_t width[C_COUNT];
	bool used[C_COUNT];
	enum status group;
	bool suppressed_group; /* print the suppressed findings instead of a status */
};

/* cells fills the text of each column for a finding, escaped for a terminal, into cell[]
 * (the caller releases them with cells_release). */
static void cells(const struct finding *f, struct strbuf cell[C_COUNT], bool present[C_COUNT])
{
	char dates[3][11];
	const char *raw[C_COUNT];
	raw[C_RUNTIME] = f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "-";
	raw[C_MOVE_TO] = f->s[FS_RECOMMENDED] && (!f->s[FS_RUNTIME] || strcmp(f->s[FS_RECOMMENDED], f->s[FS_RUNTIME]))
				 ? f->s[FS_RECOMMENDED]
				 : "-";
	struct strbuf acct = STRBUF_INIT;
	if (f->s[FS_ACCOUNT_NAME])
		sb_addf(&acct, "%s (%s)", f->s[FS_ACCOUNT], f->s[FS_ACCOUNT_NAME]);
	raw[C_ACCOUNT] = acct.len ? acct.buf : f->s[FS_ACCOUNT];
	raw[C_REGION] = f->s[FS_REGION];
	raw[C_FILE] = f->s[FS_FILE];
	raw[C_RESOURCE] = f->s[FS_FILE] || !f->s[FS_FUNCTION] ? f->s[FS_RESOURCE] : f->s[FS_FUNCTION];
	raw[C_VERSION] = f->s[FS_VERSION];
	const date_t d[3] = {f->deprecated, f->block_create, f->block_update};
	for (int i = 0; i < 3; i++)
		raw[C_DEPRECATED + i] = d[i] == DATE_NONE ? "-" : date_format(d[i], dates[i]);
	raw[C_CHANGE] = f->s[FS_CHANGE]; /* --baseline, --db */
	for (int c = 0; c < C_COUNT; c++) {
		cell[c] = (struct strbuf)STRBUF_INIT;
		present[c] = raw[c] != NULL;
		escape_term_sb(&cell[c], raw[c] ? raw[c] : "-");
	}
	if (f->s[FS_FILE] && f->line > 0)
		sb_addf(&cell[C_FILE], ":%ld", f->line);
	sb_release(&acct);
}

static void cells_release(struct strbuf cell[C_COUNT])
{
	for (int c = 0; c < C_COUNT; c++)
		sb_release(&cell[c]);
}

/* width is the number of characters of s (UTF-8), which is what a terminal advances. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static int measure(void *ctx, const struct finding *f)
{
	struct text_ctx *tc = ctx;
	struct strbuf cell[C_COUNT];
	bool present[C_COUNT];
	if (!scan_listed(tc->scan, f))
		return 0;
	cells(f, cell, present);
	for (int c = 0; c < C_COUNT; c++) {
		if (!present[c])
			continue;
		size_t w = width(cell[c].buf);
		tc->used[c] = true;
		if (w > tc->width[c])
			tc->width[c] = w > COLW_MAX ? COLW_MAX : w;
	}
	cells_release(cell);
	return 0;
}

/* put_cut writes s, shortened to `max` characters with a final "…" when it is longer. */
static size_t put_cut(FILE *out, const char *s, size_t max)
{
	size_t w = width(s);
	if (w <= max) {
		fputs(s, out);
		return w;
	}
	size_t chars = 0;
	const char *p = s;
	for (; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == max - 1)
			break;
	}
	fwrite(s, 1, (size_t)(p - s), out);
	fputs("\u2026", out);
	return max;
}

static size_t table_width(const struct text_ctx *tc)
{
	size_t total = 0;
	for (int c = 0; c < C_COUNT; c++)
		if (tc->used[c])
			total += tc->width[c] + 2;
	return total; /* the two leading blanks take the place of the last column's gap */
}

/* fit makes the table at most `columns` wide: drops columns in fit_order, then shortens
 * the widest of FILE and RESOURCE, one character at a time, down to SHORT_MIN. */
static void fit(struct text_ctx *tc, size_t columns)
{
	for (size_t i = 0; i < sizeof(fit_order) / sizeof(fit_order[0]) && table_width(tc) > columns; i++)
		tc->used[fit_order[i]] = false;
	while (table_width(tc) > columns) {
		enum col c = tc->used[C_FILE] && tc->width[C_FILE] >= tc->width[C_RESOURCE] ? C_FILE : C_RESOURCE;
		if (!tc->used[c] || tc->width[c] <= SHORT_MIN) {
			c = c == C_FILE ? C_RESOURCE : C_FILE;
			if (!tc->used[c] || tc->width[c] <= SHORT_MIN)
				break; /* as narrow as it gets: the terminal wraps the rest */
		}
		tc->width[c]--;
	}
	tc->limited = true;
}

static void print_row(struct text_ctx *tc, const char *const cell[C_COUNT])
{
	fputs("  ", tc->out);
	int last = C_COUNT - 1;
	while (last > 0 && !tc->used[last])
		last--;
	for (int c = 0; c < C_COUNT; c++) {
		if (!tc->used[c])
			continue;
		const char *s = cell[c] ? cell[c] : "-";
		size_t w;
		if (tc->limited)
			w = put_cut(tc->out, s, tc->width[c]);
		else {
			w = width(s);
			fputs(s, tc->out);
		}
		if (c != last)
			for (size_t pad = w < tc->width[c] ? tc->width[c] - w + 2 : 2; pad; pad--)
				fputc(' ', tc->out);
	}
	fputc('\n', tc->out);
}

static int print_finding(void *ctx, const struct finding *f)
{
	struct text_ctx *tc = ctx;
	struct strbuf cell[C_COUNT];
	bool present[C_COUNT];
	const char *text[C_COUNT];
	if (tc->suppressed_group ? !f->suppressed : (f->suppressed || f->status != tc->group))
		return 0;
	cells(f, cell, present);
	for (int c = 0; c < C_COUNT; c++)
		text[c] = cell[c].buf;
	print_row(tc, text);
	cells_release(cell);
	return 0;
}

static const char *status_color(enum status st)
{
	switch (status_severity(st)) {
	case SEV_HIGH: return "\033[1;31m";
	case SEV_MODERATE: return "\033[1;33m";
	case SEV_LOW: return "\033[1;36m";
	case SEV_INFO: return "\033[1;35m";
	default: return "\033[1;32m";
	}
}

static void heading(struct text_ctx *tc, enum status st, size_t n)
{
	char title[32];
	size_t i;
	for (i = 0; status_name(st)[i] && i + 1 < sizeof(title); i++) {
		char c = status_name(st)[i];
		title[i] = c == '_' ? ' ' : (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
	}
	title[i] = '\0';
	fprintf(tc->out, "\n%s%s%s (%s) %zu\n", tc->color ? status_color(st) : "", title, tc->color ? "\033[0m" : "",
		severity_name(status_severity(st)), n);
}

#define TEXT_COVERAGE_LIST 100 /* more account-regions than this: only those not scanned */

/* coverage: what was scanned, account-regions (failed ones first in each account) and
 * inputs; a scan of many accounts lists only the account-regions not scanned. */
static void put_wrapped(FILE *out, const char *s, size_t columns);

static void coverage(FILE *out, struct scan *s, size_t columns)
{
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	size_t total, ok;
	report_coverage_line(s, &sb);
	if (!sb.len) {
		sb_release(&sb);
		return;
	}
	line.len = 0;
	sb_addf(&line, "COVERAGE: %s", sb.buf);
	fputc('\n', out);
	put_wrapped(out, line.buf, columns);
	coverage_count(&s->cov, false, &total, &ok);
	for (size_t i = 0; i < s->cov.n; i++) {
		const struct cov_entry *e = &s->cov.v[i];
		if (!e->input && e->status == COV_SCANNED && total > TEXT_COVERAGE_LIST)
			continue;
		line.len = 0;
		sb_adds(&line, "");
		if (e->input) {
			sb_addf(&line, "%s ", e->kind);
			escape_term_sb(&line, e->input);
		} else {
			escape_term_sb(&line, report_account_label(&s->cov, e->account, &sb));
			sb_adds(&line, " ");
			escape_term_sb(&line, e->region ? e->region : "(regions unknown)");
		}
		sb_addf(&line, ": %s, %zu function%s, %zu version%s", coverage_status_name(e->status), e->functions,
			e->functions == 1 ? "" : "s", e->versions, e->versions == 1 ? "" : "s");
		if (e->error) {
			sb_adds(&line, " (");
			escape_term_sb(&line, e->error);
			sb_adds(&line, ")");
		}
		fputs("  ", out);
		put_wrapped(out, line.buf, columns > 2 ? columns - 2 : columns);
	}
	if (total > TEXT_COVERAGE_LIST && ok)
		fprintf(out, "  ... and %zu account-regions scanned (every one in the JSON and HTML reports)\n", ok);
	sb_release(&sb);
	sb_release(&line);
}

/* put_wrapped writes a line of prose (no control characters), broken at blanks so that no
 * line is wider than `columns` (0 = one line). */
static void put_wrapped(FILE *out, const char *s, size_t columns)
{
	size_t col = 0;
	while (*s) {
		size_t word = strcspn(s, " "), w = 0;
		for (size_t i = 0; i < word; i++)
			w += ((unsigned char)s[i] & 0xC0) != 0x80;
		if (columns && col && col + 1 + w > columns) {
			fputc('\n', out);
			col = 0;
		} else if (col) {
			fputc(' ', out);
			col++;
		}
		fwrite(s, 1, word, out);
		col += w;
		s += word;
		s += strspn(s, " ");
	}
	fputc('\n', out);
}

static void summary_line(FILE *out, const struct scan *s, size_t columns)
{
	struct strbuf sb = STRBUF_INIT;
	size_t findings = 0;
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			findings += s->by_status[st];
	sb_addf(&sb, "%zu resource%s scanned, %zu finding%s", s->resources, s->resources == 1 ? "" : "s", findings,
		findings == 1 ? "" : "s");
	const char *sep = ": ";
	for (int i = 0; i < ST_COUNT; i++) {
		enum status st = status_report_order[i];
		if (!s->by_status[st])
			continue;
		sb_addf(&sb, "%s%zu %s", sep, s->by_status[st], status_name(st));
		sep = ", ";
	}
	if (s->suppressed)
		sb_addf(&sb, "; %zu suppressed", s->suppressed);
	if (s->templates_scanned)
		sb_addf(&sb, "; %zu file%s read, %zu template%s", s->files_read, s->files_read == 1 ? "" : "s",
			s->templates, s->templates == 1 ? "" : "s");
	sb_addf(&sb, "; %zu error%s", s->errors.total, s->errors.total == 1 ? "" : "s");
	fputc('\n', out);
	put_wrapped(out, sb.buf, columns);
	sb_release(&sb);
	char ch[256];
	if (report_changes(s, ch, sizeof(ch))) {
		struct strbuf cl = STRBUF_INIT;
		sb_addf(&cl, "Changes %s: %s", report_changes_title(s), ch);
		put_wrapped(out, cl.buf, columns);
		sb_release(&cl);
	}
}

/* gone_list prints the previous scan's findings that are fixed or were not scanned. */
static void gone_list(FILE *out, const struct scan *s, int which, const char *title)
{
	if (!s->prior || !s->changes[which])
		return;
	fprintf(out, "\n%s %zu\n", title, s->changes[which]);
	for (size_t i = 0; i < s->prior->n; i++) {
		const struct prior_entry *e = &s->prior->v[i];
		if (e->gone != which)
			continue;
		fputs("  ", out);
		escape_term(out, e->runtime ? e->runtime : "-");
		fputs("  ", out);
		escape_term(out, e->id);
		fputc('\n', out);
	}
}

int report_text(FILE *out, struct report *r)
{
	struct scan *s = r->scan;
	struct text_ctx tc = {.out = out, .scan = s, .color = r->color};
	char d1[11], d2[11];

	struct strbuf head = STRBUF_INIT;
	sb_addf(&head, "%s %s: as of %s (runtime catalog %s, warning window %d days)", FINDING_CHECK, CHECK_TITLE,
		date_format(s->as_of, d1), date_format(catalog_as_of(r->cat), d2), s->warn_days);
	put_wrapped(out, head.buf, r->columns);
	sb_release(&head);
	for (int c = 0; c < C_COUNT; c++)
		tc.width[c] = strlen(col_title[c]);
	if (fstore_each(s->store, measure, &tc) < 0)
		return -1;
	tc.used[C_RUNTIME] = tc.used[C_MOVE_TO] = true;
	const char *titles[C_COUNT];
	memcpy(titles, col_title, sizeof(titles));
	if (!tc.used[C_FILE])
		titles[C_RESOURCE] = "FUNCTION";
	if (r->columns)
		fit(&tc, r->columns);
	for (int i = 0; i < ST_COUNT; i++) {
		enum status st = status_report_order[i];
		size_t n = 0;
		n = s->by_status[st] - s->suppressed_by_status[st];
		if (!n || (!s->show_all && !status_is_finding(st)))
			continue;
		heading(&tc, st, n);
		print_row(&tc, titles);
		tc.group = st;
		if (fstore_each(s->store, print_finding, &tc) < 0)
			return -1;
	}
	if (s->suppressed) {
		fprintf(out, "\n%sSUPPRESSED%s %zu (listed, not counted for the exit code)\n",
			tc.color ? "\033[2m" : "", tc.color ? "\033[0m" : "", s->suppressed);
		print_row(&tc, titles);
		tc.suppressed_group = true;
		if (fstore_each(s->store, print_finding, &tc) < 0)
			return -1;
	}
	if (s->supp)
		for (size_t i = 0; i < s->supp->n; i++)
			if (s->supp->v[i].expired) {
				char d[11];
				fputs("\nExpired ignore entry ", out);
				escape_term(out, s->supp->path);
				fprintf(out, ":%ld (expired %s, suppresses nothing): ", s->supp->v[i].line,
					date_format(s->supp->v[i].expires, d));
				escape_term(out, s->supp->v[i].reason);
				fputc('\n', out);
			}
	gone_list(out, s, CH_FIXED, "FIXED");
	gone_list(out, s, CH_NOT_SCANNED, "NOT SCANNED (their account, region or file failed this time)");
	if (s->findings == 0)
		fprintf(out, "\nNo findings.\n");
	if (s->errors.total) {
		fprintf(out, "\nERRORS %zu\n", s->errors.total);
		for (size_t i = 0; i < s->errors.n; i++) {
			struct strbuf where = STRBUF_INIT;
			fputs("  ", out);
			escape_term(out, errlist_where(&s->errors.v[i], &where));
			fputs(": ", out);
			escape_term(out, s->errors.v[i].message);
			fputc('\n', out);
			sb_release(&where);
		}
		if (s->errors.total > s->errors.n)
			fprintf(out, "  ... and %zu more\n", s->errors.total - s->errors.n);
	}
	coverage(out, s, r->columns);
	summary_line(out, s, r->columns);
	return 0;
}
