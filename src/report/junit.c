/* junit: JUnit XML for CI dashboards. One test case per scanned resource: a failure at or
 * above --fail-on, skipped for container images and suppressed findings, and one error
 * case per input that could not be read. */
#include <time.h>

#include "model/finding.h"
#include "report/escape.h"
#include "report/report.h"

struct junit_ctx {
	struct report *r;
	FILE *out;
	size_t tests, failures, skipped;
	bool counting;
};

static int junit_case(void *ctx, const struct finding *f)
{
	struct junit_ctx *jc = ctx;
	FILE *out = jc->out;
	bool fails = report_fails(jc->r, f);
	bool skip = f->status == ST_NOT_APPLICABLE || f->suppressed;
	char d[11];

	if (jc->counting) {
		jc->tests++;
		jc->failures += fails;
		jc->skipped += skip && !fails;
		return 0;
	}
	struct strbuf buf = STRBUF_INIT;
	fputs("    <testcase classname=\"", out);
	escape_xml(out, f->s[FS_FILE] ? f->s[FS_FILE] : report_where(f, ".", &buf));
	fputs("\" name=\"", out);
	escape_xml(out, report_subject(f, &buf));
	sb_release(&buf);
	fputs(" (", out);
	escape_xml(out, f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "container image");
	fputs(")\">\n", out);
	if (f->s[FS_OWNER]) { /* who to hand it to: the owner from tags or CODEOWNERS */
		fputs("      <properties><property name=\"owner\" value=\"", out);
		escape_xml(out, f->s[FS_OWNER]);
		fputs("\"/></properties>\n", out);
	}
	if (fails) {
		fprintf(out, "      <failure type=\"%s\" message=\"", status_name(f->status));
		escape_xml(out, f->s[FS_RUNTIME]);
		fprintf(out, ": %s", status_name(f->status));
		if (f->deprecated != DATE_NONE)
			fprintf(out, ", deprecation date %s", date_format(f->deprecated, d));
		if (f->s[FS_RECOMMENDED]) {
			fputs("; move to ", out);
			escape_xml(out, f->s[FS_RECOMMENDED]);
		}
		fputs("\">", out);
		escape_xml(out, f->s[FS_REMEDIATION]);
		fputs("</failure>\n", out);
	} else if (skip) {
		fputs("      <skipped message=\"", out);
		if (f->suppressed) {
			fputs("suppressed: ", out);
			escape_xml(out, f->s[FS_SUPPRESSION_REASON]);
		} else {
			fputs("container image: no managed runtime", out);
		}
		fputs("\"/>\n", out);
	} else if (status_is_finding(f->status)) {
		fputs("      <system-out>", out);
		escape_xml(out, f->s[FS_REMEDIATION]);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
	return 0;
}

int report_junit(FILE *out, struct report *r)
{
	struct scan *s = r->scan;
	struct junit_ctx jc = {r, out, 0, 0, 0, true};
	char ts[32];
	time_t now = (time_t)r->now;
	struct tm tm;

	if (fstore_each(s->store, junit_case, &jc) < 0)
		return -1;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"sunset\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
		jc.tests + s->errors.n, jc.failures, s->errors.n, jc.skipped);
	fprintf(out, "  <testsuite name=\"%s %s\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
		     "timestamp=\"%s\">\n",
		FINDING_CHECK, CHECK_TITLE, jc.tests + s->errors.n, jc.failures, s->errors.n, jc.skipped, ts);
	jc.counting = false;
	if (fstore_each(s->store, junit_case, &jc) < 0)
		return -1;
	for (size_t i = 0; i < s->errors.n; i++) {
		const struct scan_error *e = &s->errors.v[i];
		struct strbuf where = STRBUF_INIT;
		fputs("    <testcase classname=\"input\" name=\"", out);
		escape_xml(out, e->file ? e->file : errlist_where(e, &where));
		sb_release(&where);
		fputs("\">\n      <error type=\"input\" message=\"", out);
		if (e->line > 0)
			fprintf(out, "line %ld column %ld: ", e->line, e->column);
		escape_xml(out, e->message);
		fputs("\"/>\n    </testcase>\n", out);
	}
	fputs("  </testsuite>\n</testsuites>\n", out);
	return 0;
}
