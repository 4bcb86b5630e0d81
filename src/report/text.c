/* text: a table per status, worst first, then errors and a summary line. Reads the
 * findings store once to size the columns and once per status group. */
#include <string.h>

#include "../finding.h"
#include "report.h"

#define COLW_MAX 48

enum col { C_RUNTIME, C_MOVE_TO, C_ACCOUNT, C_REGION, C_FILE, C_RESOURCE, C_VERSION, C_DEPRECATED,
	   C_BLOCK_CREATE, C_BLOCK_UPDATE, C_CHANGE, C_COUNT };

static const char *const col_title[C_COUNT] = {
	"RUNTIME", "MOVE TO", "ACCOUNT", "REGION", "FILE:LINE", "RESOURCE", "VERSION",
	"DEPRECATED", "BLOCK CREATE", "BLOCK UPDATE", "CHANGE",
};

struct text_ctx {
	FILE *out;
	const struct scan *scan;
	bool color;
	size_t width[C_COUNT];
	bool used[C_COUNT];
	enum status group;
	bool suppressed_group; /* print the suppressed findings instead of a status */
};

/* cells fills the text of each column for a finding; file:line goes into `loc`. */
static void cells(const struct finding *f, const char *cell[C_COUNT], char loc[600], char dates[3][11])
{
	cell[C_RUNTIME] = f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "-";
	cell[C_MOVE_TO] = f->s[FS_RECOMMENDED] && (!f->s[FS_RUNTIME] || strcmp(f->s[FS_RECOMMENDED], f->s[FS_RUNTIME]))
				  ? f->s[FS_RECOMMENDED]
				  : "-";
	cell[C_ACCOUNT] = f->s[FS_ACCOUNT];
	cell[C_REGION] = f->s[FS_REGION];
	cell[C_FILE] = NULL;
	if (f->s[FS_FILE]) {
		if (f->line > 0)
			snprintf(loc, 600, "%.500s:%ld", f->s[FS_FILE], f->line);
		else
			snprintf(loc, 600, "%.500s", f->s[FS_FILE]);
		cell[C_FILE] = loc;
	}
	cell[C_RESOURCE] = f->s[FS_FILE] || !f->s[FS_FUNCTION] ? f->s[FS_RESOURCE] : f->s[FS_FUNCTION];
	cell[C_VERSION] = f->s[FS_VERSION];
	const date_t d[3] = {f->deprecated, f->block_create, f->block_update};
	for (int i = 0; i < 3; i++)
		cell[C_DEPRECATED + i] = d[i] == DATE_NONE ? "-" : date_format(d[i], dates[i]);
	cell[C_CHANGE] = f->s[FS_CHANGE]; /* --baseline, --db */
}

static int measure(void *ctx, const struct finding *f)
{
	struct text_ctx *tc = ctx;
	const char *cell[C_COUNT];
	char loc[600], dates[3][11];
	if (!scan_listed(tc->scan, f))
		return 0;
	cells(f, cell, loc, dates);
	for (int c = 0; c < C_COUNT; c++) {
		if (!cell[c])
			continue;
		size_t w = strlen(cell[c]);
		tc->used[c] = true;
		if (w > tc->width[c])
			tc->width[c] = w > COLW_MAX ? COLW_MAX : w;
	}
	return 0;
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
		if (c == last)
			fputs(s, tc->out);
		else
			fprintf(tc->out, "%-*s  ", (int)tc->width[c], s);
	}
	fputc('\n', tc->out);
}

static int print_finding(void *ctx, const struct finding *f)
{
	struct text_ctx *tc = ctx;
	const char *cell[C_COUNT];
	char loc[600], dates[3][11];
	if (tc->suppressed_group ? !f->suppressed : (f->suppressed || f->status != tc->group))
		return 0;
	cells(f, cell, loc, dates);
	print_row(tc, cell);
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

static void summary_line(FILE *out, const struct scan *s)
{
	size_t findings = 0;
	for (int st = 0; st < ST_COUNT; st++)
		if (status_is_finding((enum status)st))
			findings += s->by_status[st];
	fprintf(out, "\n%zu resource%s scanned, %zu finding%s", s->resources, s->resources == 1 ? "" : "s", findings,
		findings == 1 ? "" : "s");
	const char *sep = ": ";
	for (int i = 0; i < ST_COUNT; i++) {
		enum status st = status_report_order[i];
		if (!s->by_status[st])
			continue;
		fprintf(out, "%s%zu %s", sep, s->by_status[st], status_name(st));
		sep = ", ";
	}
	if (s->suppressed)
		fprintf(out, "; %zu suppressed", s->suppressed);
	fprintf(out, "; %zu error%s\n", s->errors.total, s->errors.total == 1 ? "" : "s");
	char ch[256];
	if (report_changes(s, ch, sizeof(ch)))
		fprintf(out, "Changes %s: %s\n", report_changes_title(s), ch);
}

/* gone_list prints the previous scan's findings that are fixed or were not scanned. */
static void gone_list(FILE *out, const struct scan *s, int which, const char *title)
{
	if (!s->prior || !s->changes[which])
		return;
	fprintf(out, "\n%s %zu\n", title, s->changes[which]);
	for (size_t i = 0; i < s->prior->n; i++) {
		const struct prior_entry *e = &s->prior->v[i];
		if (e->gone == which)
			fprintf(out, "  %s  %s\n", e->runtime ? e->runtime : "-", e->id);
	}
}

int report_text(FILE *out, struct report *r)
{
	struct scan *s = r->scan;
	struct text_ctx tc = {.out = out, .scan = s, .color = r->color};
	char d1[11], d2[11];

	fprintf(out, "%s %s: as of %s (runtime catalog %s, warning window %d days)\n", FINDING_CHECK, CHECK_TITLE,
		date_format(s->as_of, d1), date_format(catalog_as_of(r->cat), d2), s->warn_days);
	for (int c = 0; c < C_COUNT; c++)
		tc.width[c] = strlen(col_title[c]);
	if (fstore_each(s->store, measure, &tc) < 0)
		return -1;
	tc.used[C_RUNTIME] = tc.used[C_MOVE_TO] = true;
	const char *titles[C_COUNT];
	memcpy(titles, col_title, sizeof(titles));
	if (!tc.used[C_FILE])
		titles[C_RESOURCE] = "FUNCTION";
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
				fprintf(out, "\nExpired ignore entry %s:%ld (expired %s, suppresses nothing): %s\n",
					s->supp->path, s->supp->v[i].line, date_format(s->supp->v[i].expires, d),
					s->supp->v[i].reason);
			}
	gone_list(out, s, CH_FIXED, "FIXED");
	gone_list(out, s, CH_NOT_SCANNED, "NOT SCANNED (their account, region or file failed this time)");
	if (s->findings == 0)
		fprintf(out, "\nNo findings.\n");
	if (s->errors.total) {
		fprintf(out, "\nERRORS %zu\n", s->errors.total);
		for (size_t i = 0; i < s->errors.n; i++) {
			char where[512];
			fprintf(out, "  %s: %s\n", errlist_where(&s->errors.v[i], where, sizeof(where)),
				s->errors.v[i].message);
		}
		if (s->errors.total > s->errors.n)
			fprintf(out, "  ... and %zu more\n", s->errors.total - s->errors.n);
	}
	summary_line(out, s);
	return 0;
}
