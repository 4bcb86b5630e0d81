#include "report/report.h"

#include <stdio.h>
#include <string.h>

static const struct report_writer writers[] = {
	{"text", "a table grouped by status, with a summary line", report_text},
	{"json", "one JSON document (docs/json-output.md)", report_json},
	{"csv", "one row per finding, RFC 4180", report_csv},
	{"markdown", "summary and table for pull requests and tickets (under 64 KiB)", report_markdown},
	{"junit", "JUnit XML, one test case per resource, failures at or above --fail-on", report_junit},
	{"asff", "AWS Security Hub findings (BatchImportFindings)", report_asff},
	{"html", "a self-contained assessment report to read, forward or print", report_html},
	{"sarif", "SARIF 2.1.0 for code scanning (GitHub and others)", report_sarif},
};

#define NWRITERS (sizeof(writers) / sizeof(writers[0]))

const struct report_writer *report_writer_find(const char *name)
{
	for (size_t i = 0; i < NWRITERS; i++)
		if (!strcmp(writers[i].name, name))
			return &writers[i];
	return NULL;
}

const char *report_writer_names(void)
{
	static char names[256];
	if (!names[0])
		for (size_t i = 0; i < NWRITERS; i++) {
			size_t n = strlen(names);
			snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "", writers[i].name);
		}
	return names;
}

const char *report_where(const struct finding *f, const char *sep, struct strbuf *sb)
{
	sb->len = 0;
	sb_adds(sb, "");
	if (f->s[FS_FILE] && f->line > 0)
		sb_addf(sb, "%s:%ld", f->s[FS_FILE], f->line);
	else if (f->s[FS_FILE])
		sb_adds(sb, f->s[FS_FILE]);
	else
		sb_addf(sb, "%s%s%s%s%s%s", f->s[FS_ACCOUNT] ? f->s[FS_ACCOUNT] : "?",
			f->s[FS_ACCOUNT_NAME] ? " (" : "", f->s[FS_ACCOUNT_NAME] ? f->s[FS_ACCOUNT_NAME] : "",
			f->s[FS_ACCOUNT_NAME] ? ")" : "", sep, f->s[FS_REGION] ? f->s[FS_REGION] : "?");
	return sb->buf;
}

const char *report_subject(const struct finding *f, struct strbuf *sb)
{
	sb->len = 0;
	sb_adds(sb, "");
	if (f->s[FS_FILE] || !f->s[FS_FUNCTION])
		sb_adds(sb, f->s[FS_RESOURCE] ? f->s[FS_RESOURCE] : "?");
	else if (f->s[FS_VERSION])
		sb_addf(sb, "%s:%s", f->s[FS_FUNCTION], f->s[FS_VERSION]);
	else
		sb_adds(sb, f->s[FS_FUNCTION]);
	return sb->buf;
}

bool report_fails(const struct report *r, const struct finding *f)
{
	return !f->suppressed && (int)f->status >= r->fail_on && f->status != ST_COUNT;
}

struct deadline_ctx {
	struct report *r;
	struct deadline *d;
};

static int deadline_one(void *ctx, const struct finding *f)
{
	struct deadline_ctx *dc = ctx;
	const date_t dates[3] = {f->deprecated, f->block_create, f->block_update};
	const enum status phase[3] = {ST_DEPRECATED, ST_CREATE_BLOCKED, ST_UPDATE_BLOCKED};
	date_t as_of = dc->r->scan->as_of;
	if (!scan_listed(dc->r->scan, f) || f->suppressed)
		return 0;
	for (int i = 0; i < 3; i++) {
		if (dates[i] == DATE_NONE || dates[i] <= as_of)
			continue;
		if (dc->d->date == DATE_NONE || dates[i] < dc->d->date ||
		    (dates[i] == dc->d->date && phase[i] > dc->d->phase)) {
			dc->d->date = dates[i];
			dc->d->phase = phase[i];
			dc->d->count = 1;
		} else if (dates[i] == dc->d->date && phase[i] == dc->d->phase) {
			dc->d->count++;
		}
	}
	return 0;
}

int report_next_deadline(struct report *r, struct deadline *out)
{
	struct deadline_ctx dc = {r, out};
	*out = (struct deadline){DATE_NONE, ST_SUPPORTED, 0};
	return fstore_each(r->scan->store, deadline_one, &dc) < 0 ? -1 : 0;
}

const char *report_changes(const struct scan *s, char *buf, size_t n)
{
	const size_t *c = s->changes;
	buf[0] = '\0';
	if (!s->prior)
		return NULL;
	if (s->prior->mode == PRIOR_BASELINE)
		snprintf(buf, n, "%zu new, %zu known", c[CH_NEW], c[CH_KNOWN]);
	else
		snprintf(buf, n, "%zu new, %zu still open (%zu worse), %zu fixed, %zu not scanned", c[CH_NEW],
			 c[CH_UNCHANGED] + c[CH_WORSE], c[CH_WORSE], c[CH_FIXED], c[CH_NOT_SCANNED]);
	return buf;
}

const char *report_changes_title(const struct scan *s)
{
	return s->prior && s->prior->mode == PRIOR_BASELINE ? "against the baseline" : "since the previous scan";
}

const char *report_account_label(struct coverage *c, const char *account, struct strbuf *sb)
{
	const char *name = coverage_account_name(c, account);
	sb->len = 0;
	sb_addf(sb, "%s%s%s%s", account ? account : "this account", name ? " (" : "", name ? name : "", name ? ")" : "");
	return sb->buf;
}

void report_coverage_line(const struct scan *s, struct strbuf *sb)
{
	size_t total, ok, itotal, iok;
	coverage_count(&s->cov, false, &total, &ok);
	coverage_count(&s->cov, true, &itotal, &iok);
	sb->len = 0;
	sb_adds(sb, "");
	if (total)
		sb_addf(sb, "%zu of %zu account-region%s scanned", ok, total, total == 1 ? "" : "s");
	if (itotal)
		sb_addf(sb, "%s%zu of %zu input%s read", total ? "; " : "", iok, itotal, itotal == 1 ? "" : "s");
}
