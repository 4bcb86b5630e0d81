/* html: one self-contained HTML file (inline CSS, SVG and a little script; a Content
 * Security Policy forbids any fetch) for a security lead to forward: summary, charts,
 * findings grouped by account and region or by file, remediation and rollout. Every
 * scanned string goes through escape_xml. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/finding.h"
#include "util/xalloc.h"
#include "report/escape.h"
#include "report/html_text.h"
#include "report/report.h"

#define MAX_KEYS 200 /* groups, runtimes, timeline points shown; the rest are summed */

struct counter {
	char *key[MAX_KEYS];
	size_t n[MAX_KEYS], nkeys, other;
};

static void count(struct counter *c, const char *key)
{
	for (size_t i = 0; i < c->nkeys; i++)
		if (!strcmp(c->key[i], key)) {
			c->n[i]++;
			return;
		}
	if (c->nkeys == MAX_KEYS) {
		c->other++;
		return;
	}
	c->key[c->nkeys] = xstrdup(key);
	c->n[c->nkeys++] = 1;
}

static void counter_release(struct counter *c)
{
	for (size_t i = 0; i < c->nkeys; i++)
		free(c->key[i]);
}

/* sort_counter orders the entries largest count first, or by key when by_key (insertion
 * sort: at most MAX_KEYS). */
static void sort_counter(struct counter *c, bool by_key)
{
	for (size_t i = 1; i < c->nkeys; i++)
		for (size_t j = i; j > 0; j--) {
			bool swap = by_key ? strcmp(c->key[j], c->key[j - 1]) < 0 : c->n[j] > c->n[j - 1];
			if (!swap)
				break;
			size_t tn = c->n[j];
			char *tk = c->key[j];
			c->n[j] = c->n[j - 1];
			c->key[j] = c->key[j - 1];
			c->n[j - 1] = tn;
			c->key[j - 1] = tk;
		}
}

struct html_ctx {
	struct report *r;
	FILE *out;
	struct counter groups, runtimes, timeline, accounts, regions, families;
	const char *group; /* the group being printed */
	bool by_file;
};

/* count_scanned counts the distinct accounts and regions with a scanned account-region
 * (the entries are sorted by account). */
static void count_scanned(const struct scan *s, size_t *naccts, size_t *nregs)
{
	const char *last = NULL;
	struct counter regs = {0};
	*naccts = 0;
	for (size_t i = 0; i < s->cov.n; i++) {
		const struct cov_entry *e = &s->cov.v[i];
		if (e->input || e->status != COV_SCANNED)
			continue;
		const char *a = e->account ? e->account : "";
		if (!last || strcmp(last, a))
			(*naccts)++;
		last = a;
		if (e->region)
			count(&regs, e->region);
	}
	*nregs = regs.nkeys;
	counter_release(&regs);
}

/* coverage_tables: a table per account (its failed regions first), then the inputs. */
static void coverage_tables(FILE *out, struct scan *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *acct = NULL;
	bool open = false, any = false;
	report_coverage_line(s, &sb);
	if (!sb.len) {
		sb_release(&sb);
		return;
	}
	fputs("<h2 id=\"coverage\">Coverage</h2><p>", out);
	escape_xml(out, sb.buf);
	fputs(".</p>\n", out);
	for (size_t i = 0; i < s->cov.n; i++) {
		const struct cov_entry *e = &s->cov.v[i];
		const char *a = e->input ? "\x01inputs" : e->account ? e->account : "";
		if (!any || strcmp(acct, a)) {
			if (open)
				fputs("</tbody></table>\n", out);
			fputs("<h3>", out);
			if (e->input)
				fputs("Inputs", out);
			else
				escape_xml(out, report_account_label(&s->cov, e->account, &sb));
			fprintf(out, "</h3><table class=\"coverage\"><thead><tr><th>%s</th><th>Status</th><th>Functions</th>"
				     "<th>Versions</th><th>Error</th></tr></thead><tbody>",
				e->input ? "Input" : "Region");
			open = any = true;
			acct = a;
		}
		fprintf(out, "<tr class=\"cov-%s\"><td>", coverage_status_name(e->status));
		escape_xml(out, e->input ? e->input : e->region ? e->region : "(regions unknown)");
		fprintf(out, "</td><td>%s</td><td>%zu</td><td>%zu</td><td>", coverage_status_name(e->status), e->functions,
			e->versions);
		if (e->error)
			escape_xml(out, e->error);
		fputs("</td></tr>", out);
	}
	if (open)
		fputs("</tbody></table>\n", out);
	sb_release(&sb);
}

/* group_key: findings are grouped by file (templates) or by account and region. */
static const char *group_key(const struct finding *f, struct strbuf *sb)
{
	if (f->s[FS_FILE]) {
		sb->len = 0;
		sb_adds(sb, f->s[FS_FILE]);
		return sb->buf;
	}
	struct strbuf where = STRBUF_INIT;
	report_where(f, ", ", &where);
	sb->len = 0;
	sb_addf(sb, "account %s", where.buf);
	sb_release(&where);
	return sb->buf;
}

static int collect(void *ctx, const struct finding *f)
{
	struct html_ctx *hc = ctx;
	char key[64], d[11];
	struct strbuf group = STRBUF_INIT;
	if (f->s[FS_ACCOUNT])
		count(&hc->accounts, f->s[FS_ACCOUNT]);
	if (f->s[FS_REGION])
		count(&hc->regions, f->s[FS_REGION]);
	if (!scan_listed(hc->r->scan, f))
		return 0;
	count(&hc->groups, group_key(f, &group));
	sb_release(&group);
	hc->by_file |= f->s[FS_FILE] != NULL;
	if (!status_is_finding(f->status))
		return 0;
	count(&hc->runtimes, f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "(none)");
	const struct catalog_entry *e = catalog_find(hc->r->cat, f->s[FS_RUNTIME]);
	if (e)
		count(&hc->families, e->family);
	if (f->suppressed)
		return 0;
	const date_t dates[3] = {f->deprecated, f->block_create, f->block_update};
	const char *what[3] = {"deprecated", "create_blocked", "update_blocked"};
	for (int i = 0; i < 3; i++)
		if (dates[i] != DATE_NONE && dates[i] > hc->r->scan->as_of) {
			snprintf(key, sizeof(key), "%s %s", date_format(dates[i], d), what[i]);
			count(&hc->timeline, key);
		}
	return 0;
}

static int row(void *ctx, const struct finding *f)
{
	struct html_ctx *hc = ctx;
	FILE *out = hc->out;
	char d[3][11];
	struct strbuf key = STRBUF_INIT;
	if (!scan_listed(hc->r->scan, f))
		return 0;
	bool other = strcmp(group_key(f, &key), hc->group) != 0;
	sb_release(&key);
	if (other)
		return 0;
	fprintf(out, "<tr%s data-status=\"%s\"><td><span class=\"badge %s\">%s</span>%s%s%s</td><td>",
		f->suppressed ? " class=\"suppressed\"" : "", status_name(f->status), status_name(f->status),
		status_name(f->status), f->suppressed ? " <em>suppressed</em>" : "", f->s[FS_CHANGE] ? " <em>" : "",
		f->s[FS_CHANGE] ? f->s[FS_CHANGE] : "");
	if (f->s[FS_CHANGE])
		fputs("</em>", out);
	escape_xml(out, f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "container image");
	fputs("</td><td>", out);
	escape_xml(out, f->s[FS_RECOMMENDED] ? f->s[FS_RECOMMENDED] : "-");
	fputs("</td><td class=\"name\">", out);
	escape_xml(out, f->s[FS_FILE] ? f->s[FS_RESOURCE] : f->s[FS_FUNCTION]);
	if (f->s[FS_OWNER]) { /* so that the filter reads the table owner by owner */
		fputs("<br><small class=\"owner\">owner: ", out);
		escape_xml(out, f->s[FS_OWNER]);
		fputs("</small>", out);
	}
	fputs("</td><td>", out);
	if (f->s[FS_FILE] && f->line > 0)
		fprintf(out, "line %ld", f->line);
	else
		escape_xml(out, f->s[FS_VERSION]);
	fprintf(out, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"fix\">",
		f->deprecated == DATE_NONE ? "-" : date_format(f->deprecated, d[0]),
		f->block_create == DATE_NONE ? "-" : date_format(f->block_create, d[1]),
		f->block_update == DATE_NONE ? "-" : date_format(f->block_update, d[2]));
	escape_xml(out, f->s[FS_REMEDIATION]);
	if (f->suppressed) {
		fputs("<br><em>Suppressed: ", out);
		escape_xml(out, f->s[FS_SUPPRESSION_REASON]);
		fputs("</em>", out);
	}
	fputs("</td></tr>\n", out);
	return 0;
}

static const char *const css =
	"*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
	"margin:0;color:#1d2330;background:#f6f7f9}main{max-width:1200px;margin:auto;padding:16px}"
	"h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:2px solid #dde1e7}"
	"header{background:#1d2330;color:#fff;padding:16px}header main{padding:0 16px}.meta{opacity:.8;font-size:.9em}"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}"
	".card{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 2px #0002}"
	".card b{display:block;font-size:1.8em}.deadline{background:#fff4e5;border-left:4px solid #e8870e;padding:10px}"
	".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px}"
	".charts figure{background:#fff;margin:0;padding:10px;border-radius:8px}svg{max-width:100%;height:auto}"
	"table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em}"
	"th,td{padding:6px 8px;border-bottom:1px solid #e5e8ec;text-align:left;vertical-align:top}"
	"th{background:#eef1f5;cursor:pointer;position:sticky;top:0}tbody th{background:#dfe5ee;cursor:default}"
	".fix{font-size:.85em;max-width:420px}.name{word-break:break-all}td:nth-child(n+6):not(.fix){white-space:nowrap}"
	".badge{display:inline-block;border-radius:4px;padding:1px 6px;color:#fff;font-size:.8em;white-space:nowrap}"
	".update_blocked{background:#b3261e;fill:#b3261e}.create_blocked{background:#d9480f;fill:#d9480f}"
	".deprecated{background:#e8870e;fill:#e8870e}.upcoming{background:#1c7ed6;fill:#1c7ed6}"
	".unknown{background:#7048e8;fill:#7048e8}.supported{background:#2b8a3e;fill:#2b8a3e}"
	".not_applicable{background:#868e96;fill:#868e96}.bar{fill:#495a75}tr.suppressed td{opacity:.55}tr td:first-child{white-space:nowrap}"
	".controls{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap}.controls input,.controls select{padding:6px;"
	"font:inherit}.tablewrap{overflow-x:auto}code{background:#eef1f5;padding:0 3px;border-radius:3px}"
	"@media (max-width:700px){.fix{display:none}th:last-child{display:none}}"
	"@media print{body{background:#fff}header{color:#000;background:#fff;border-bottom:2px solid #000}"
	".controls{display:none}.card,.charts figure{box-shadow:none;border:1px solid #ccc}"
	"#findings,#remediation{break-before:page}tr{break-inside:avoid}th{position:static}"
	".badge{color:#000;border:1px solid #000;background:#fff!important}}";

/* Sorting and filtering; without script the table is complete and readable. */
static const char *const script =
	"(function(){var t=document.getElementById('ftable');if(!t)return;"
	"var q=document.getElementById('q'),s=document.getElementById('st');"
	"document.querySelector('.controls').hidden=false;"
	"function f(){var v=q.value.toLowerCase(),w=s.value;"
	"t.querySelectorAll('tbody tr[data-status]').forEach(function(r){"
	"r.hidden=!((!w||r.dataset.status===w)&&r.textContent.toLowerCase().indexOf(v)>=0);});}"
	"q.addEventListener('input',f);s.addEventListener('change',f);"
	"t.querySelectorAll('thead th').forEach(function(h,i){var asc=true;h.addEventListener('click',function(){"
	"t.querySelectorAll('tbody').forEach(function(b){var rows=[].slice.call(b.querySelectorAll('tr[data-status]'));"
	"rows.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent;"
	"return (asc?1:-1)*a.localeCompare(c,undefined,{numeric:true});});rows.forEach(function(r){b.appendChild(r);});});"
	"asc=!asc;});});document.querySelectorAll('a[data-owner]').forEach(function(a){"
	"a.addEventListener('click',function(){q.value=a.dataset.owner;s.value='';f();});});})();";

static void bar_chart(FILE *out, const char *title, const char *const *labels, const size_t *values,
		      const char *const *classes, size_t n)
{
	size_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	int h = 24 * (int)n + 10;
	fprintf(out, "<figure><figcaption>%s</figcaption><svg role=\"img\" viewBox=\"0 0 400 %d\" width=\"400\" "
		     "height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">",
		title, h, h);
	for (size_t i = 0; i < n; i++) {
		int w = (int)(250.0 * (double)values[i] / (double)max);
		fprintf(out, "<text x=\"0\" y=\"%zu\" font-size=\"12\">", 24 * i + 17);
		escape_xml(out, labels[i]);
		fprintf(out, "</text><rect class=\"%s\" x=\"110\" y=\"%zu\" width=\"%d\" height=\"16\" rx=\"2\"/>"
			     "<text x=\"%d\" y=\"%zu\" font-size=\"12\">%zu</text>",
			classes ? classes[i] : "bar", 24 * i + 5, w > 1 ? w : 1, 116 + w, 24 * i + 17, values[i]);
	}
	fputs("</svg></figure>\n", out);
}

/* timeline_chart: one mark per (date, phase) the listed findings reach after as_of. The
 * keys are "YYYY-MM-DD phase", so sorting them sorts by date. */
static void timeline_chart(FILE *out, struct html_ctx *hc)
{
	struct counter *tl = &hc->timeline;
	date_t as_of = hc->r->scan->as_of, end = as_of + 30, t;
	char d[11];
	sort_counter(tl, true);
	for (size_t i = 0; i < tl->nkeys; i++) {
		snprintf(d, sizeof(d), "%.10s", tl->key[i]);
		if (date_parse(d, &t) == 0 && t > end)
			end = t;
	}
	int h = 60 + 22 * (int)tl->nkeys;
	fprintf(out, "<figure><figcaption>Upcoming dates for the findings (from %s)</figcaption>"
		     "<svg role=\"img\" viewBox=\"0 0 400 %d\" width=\"400\" height=\"%d\" "
		     "xmlns=\"http://www.w3.org/2000/svg\"><line x1=\"10\" y1=\"30\" x2=\"390\" y2=\"30\" stroke=\"#555\"/>"
		     "<text x=\"10\" y=\"20\" font-size=\"11\">%s</text>",
		date_format(as_of, d), h, h, d);
	fprintf(out, "<text x=\"390\" y=\"20\" font-size=\"11\" text-anchor=\"end\">%s</text>", date_format(end, d));
	if (!tl->nkeys)
		fputs("<text x=\"10\" y=\"55\" font-size=\"12\">No upcoming dates.</text>", out);
	for (size_t i = 0; i < tl->nkeys; i++) {
		const char *phase = tl->key[i] + 11;
		snprintf(d, sizeof(d), "%.10s", tl->key[i]);
		if (date_parse(d, &t) < 0)
			continue;
		int x = 10 + (int)(380.0 * (double)(t - as_of) / (double)(end - as_of));
		fprintf(out, "<circle class=\"%s\" cx=\"%d\" cy=\"30\" r=\"5\"/><line x1=\"%d\" y1=\"35\" x2=\"%d\" "
			     "y2=\"%zu\" stroke=\"#bbb\"/><text x=\"%d\" y=\"%zu\" font-size=\"11\" text-anchor=\"%s\">"
			     "%s: %zu %s</text>",
			phase, x, x, x, 44 + 22 * i, x, 48 + 22 * i, x > 200 ? "end" : "start", d, tl->n[i], phase);
	}
	fputs("</svg></figure>\n", out);
}

int report_html(FILE *out, struct report *r)
{
	struct scan *s = r->scan;
	struct html_ctx *hc = xcalloc(1, sizeof(*hc));
	struct deadline dl;
	char d1[11], d2[11], ts[32];
	time_t now = (time_t)r->now;
	struct tm tm;
	int rc = -1;

	hc->r = r;
	hc->out = out;
	if (fstore_each(s->store, collect, hc) < 0 || report_next_deadline(r, &dl) < 0)
		goto out;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M UTC", &tm);

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	      "script-src 'unsafe-inline'; img-src data:\">",
	      out);
	fprintf(out, "<title>%s %s</title><style>%s</style></head><body>\n", FINDING_CHECK, CHECK_TITLE, css);
	fprintf(out, "<header><main><h1>%s &ldquo;%s&rdquo;</h1><div class=\"meta\">Risk <strong>%s</strong> &middot; "
		     "%s &middot; as of <span id=\"as-of\">%s</span> &middot; runtime catalog <span id=\"catalog-as-of\">%s</span> "
		     "(<span id=\"catalog-source\">",
		FINDING_CHECK, CHECK_TITLE, CHECK_RISK, CHECK_CWE, date_format(s->as_of, d1),
		date_format(catalog_as_of(r->cat), d2));
	escape_xml(out, catalog_source(r->cat));
	fprintf(out, "</span>) &middot; sunset %s &middot; generated %s</div></main></header><main>\n", r->tool_version, ts);
	fputs(html_cwe, out);

	/* scope: what was actually covered (the coverage entries) when there are any */
	fputs("<p class=\"scope\"><strong>Scope:</strong> ", out);
	size_t cov_total, cov_ok;
	coverage_count(&s->cov, false, &cov_total, &cov_ok);
	if (cov_total) {
		size_t naccts = 0, nregs = 0;
		count_scanned(s, &naccts, &nregs);
		fprintf(out, "<span id=\"coverage-line\">%zu of %zu account-regions scanned</span> (%zu account%s, %zu region%s)",
			cov_ok, cov_total, naccts, naccts == 1 ? "" : "s", nregs, nregs == 1 ? "" : "s");
	} else {
		fprintf(out, "%zu account%s (", hc->accounts.nkeys, hc->accounts.nkeys == 1 ? "" : "s");
		for (size_t i = 0; i < hc->accounts.nkeys; i++) {
			fputs(i ? ", " : "", out);
			escape_xml(out, hc->accounts.key[i]);
		}
		fprintf(out, "), %zu region%s (", hc->regions.nkeys, hc->regions.nkeys == 1 ? "" : "s");
		for (size_t i = 0; i < hc->regions.nkeys; i++) {
			fputs(i ? ", " : "", out);
			escape_xml(out, hc->regions.key[i]);
		}
		fputs(")", out);
	}
	if (r->ninputs) {
		fputs("; inputs: ", out);
		for (size_t i = 0; i < r->ninputs; i++) {
			fputs(i ? ", " : "", out);
			fputs("<code>", out);
			escape_xml(out, r->inputs[i]);
			fputs("</code>", out);
		}
	}
	fputs(".</p>\n", out);

	/* executive summary */
	fputs("<h2 id=\"summary\">Summary</h2><div class=\"cards\">", out);
	fprintf(out, "<div class=\"card\"><b id=\"total-findings\">%zu</b>findings</div>", s->findings);
	fprintf(out, "<div class=\"card\"><b id=\"resources-scanned\">%zu</b>function versions scanned</div>",
		s->resources);
	for (int i = 0; i < ST_COUNT; i++) {
		enum status st = status_report_order[i];
		if (!status_is_finding(st))
			continue;
		fprintf(out, "<div class=\"card\"><b id=\"count-%s\">%zu</b><span class=\"badge %s\">%s</span> %s</div>",
			status_name(st), s->by_status[st], status_name(st), status_name(st),
			severity_name(status_severity(st)));
	}
	fprintf(out, "<div class=\"card\"><b id=\"count-suppressed\">%zu</b>suppressed</div>", s->suppressed);
	fprintf(out, "<div class=\"card\"><b id=\"count-errors\">%zu</b>input errors</div></div>\n", s->errors.total);
	{
		char changes[256];
		if (report_changes(s, changes, sizeof(changes)))
			fprintf(out, "<p id=\"changes\">Changes %s: <strong>%s</strong>.</p>\n", report_changes_title(s),
				changes);
	}
	{
		size_t sev[SEV_HIGH + 1] = {0};
		for (int st = 0; st < ST_COUNT; st++)
			if (status_is_finding((enum status)st))
				sev[status_severity((enum status)st)] += s->by_status[st];
		fprintf(out, "<p id=\"by-severity\">By severity: <strong>%zu high</strong>, %zu moderate, %zu low, %zu "
			     "informational.</p>\n",
			sev[SEV_HIGH], sev[SEV_MODERATE], sev[SEV_LOW], sev[SEV_INFO]);
	}
	if (dl.date != DATE_NONE)
		fprintf(out, "<p class=\"deadline\" id=\"deadline\">Next deadline: <strong>%zu function version%s "
			     "become%s %s on %s</strong> (in %ld days).</p>\n",
			dl.count, dl.count == 1 ? "" : "s", dl.count == 1 ? "s" : "", status_name(dl.phase),
			date_format(dl.date, d1), (long)(dl.date - s->as_of));

	/* by owner */
	{
		struct owner_table ot;
		if (report_owners(r, &ot) < 0)
			goto out;
		if (ot.any_owner) {
			fputs("<h2 id=\"owners\">By owner</h2><div class=\"tablewrap\"><table id=\"otable\"><thead><tr>"
			      "<th>Owner</th><th>Findings</th>",
			      out);
			for (int i = 0; i < ST_COUNT; i++)
				if (status_is_finding(status_report_order[i]))
					fprintf(out, "<th><span class=\"badge %s\">%s</span></th>", status_name(status_report_order[i]),
						status_name(status_report_order[i]));
			fputs("<th>Next deadline</th></tr></thead><tbody>\n", out);
			for (size_t i = 0; i < ot.n; i++) {
				const struct owner_row *o = &ot.v[i];
				fputs("<tr><td>", out);
				if (o->owner) {
					fputs("<a href=\"#findings\" data-owner=\"", out);
					escape_xml(out, o->owner);
					fputs("\">", out);
					escape_xml(out, o->owner);
					fputs("</a>", out);
				} else {
					fputs("<em>no owner</em>", out);
				}
				fprintf(out, "</td><td>%zu</td>", o->total);
				for (int k = 0; k < ST_COUNT; k++)
					if (status_is_finding(status_report_order[k]))
						fprintf(out, "<td>%zu</td>", o->by_status[status_report_order[k]]);
				if (o->next == DATE_NONE)
					fputs("<td>-</td></tr>\n", out);
				else
					fprintf(out, "<td>%s %s</td></tr>\n", date_format(o->next, d1), status_name(o->next_phase));
			}
			fputs("</tbody></table></div>\n", out);
			if (ot.more)
				fprintf(out, "<p>%zu more owners are in the JSON report.</p>\n", ot.more);
			fputs("<p>Choose an owner to read the findings table owner by owner.</p>\n", out);
		}
		report_owners_release(&ot);
	}

	/* charts */
	fputs("<div class=\"charts\">", out);
	{
		const char *labels[ST_COUNT], *classes[ST_COUNT];
		size_t values[ST_COUNT], n = 0;
		for (int i = 0; i < ST_COUNT; i++) {
			enum status st = status_report_order[i];
			if (!status_is_finding(st))
				continue;
			labels[n] = classes[n] = status_name(st);
			values[n++] = s->by_status[st];
		}
		bar_chart(out, "Findings by status", labels, values, classes, n);
		sort_counter(&hc->runtimes, false);
		size_t nr = hc->runtimes.nkeys < 15 ? hc->runtimes.nkeys : 15;
		bar_chart(out, "Findings by runtime", (const char *const *)hc->runtimes.key, hc->runtimes.n, NULL, nr);
	}
	timeline_chart(out, hc);
	report_html_trend(out, r); /* --db */
	fputs("</div>\n", out);

	/* findings */
	fputs("<h2 id=\"findings\">Findings</h2>\n", out);
	if (!hc->groups.nkeys) {
		fputs("<p>No findings.</p>\n", out);
	} else {
		fputs("<div class=\"controls\" hidden><input id=\"q\" type=\"search\" placeholder=\"Filter: function, "
		      "runtime, account...\" aria-label=\"Filter\"><select id=\"st\" aria-label=\"Status\">"
		      "<option value=\"\">all statuses</option>",
		      out);
		for (int i = 0; i < ST_COUNT; i++)
			fprintf(out, "<option>%s</option>", status_name(status_report_order[i]));
		fprintf(out, "</select></div><div class=\"tablewrap\"><table id=\"ftable\"><thead><tr><th>Status</th>"
			     "<th>Runtime</th><th>Move to</th><th>%s</th><th>%s</th><th>Deprecated</th><th>Block "
			     "create</th><th>Block update</th><th>What to do</th></tr></thead>\n",
			hc->by_file ? "Resource" : "Function", hc->by_file ? "Line" : "Version");
		for (size_t g = 0; g < hc->groups.nkeys; g++) {
			hc->group = hc->groups.key[g];
			fputs("<tbody><tr><th colspan=\"9\">", out);
			escape_xml(out, hc->group);
			fprintf(out, " &middot; %zu</th></tr>\n", hc->groups.n[g]);
			if (fstore_each(s->store, row, hc) < 0)
				goto out;
			fputs("</tbody>\n", out);
		}
		fputs("</table></div>\n", out);
		if (hc->groups.other)
			fprintf(out, "<p>%zu more findings in further groups are in the JSON report.</p>\n",
				hc->groups.other);
	}
	coverage_tables(out, s);
	if (s->errors.total) {
		fprintf(out, "<h2 id=\"errors\">Inputs that could not be read (%zu)</h2><ul>", s->errors.total);
		for (size_t i = 0; i < s->errors.n; i++) {
			struct strbuf where = STRBUF_INIT;
			fputs("<li><code>", out);
			escape_xml(out, errlist_where(&s->errors.v[i], &where));
			sb_release(&where);
			fputs("</code>: ", out);
			escape_xml(out, s->errors.v[i].message);
			fputs("</li>", out);
		}
		fputs("</ul>\n", out);
	}

	/* remediation */
	fputs("<h2 id=\"remediation\">Remediation</h2><p>The table gives the exact change for each function "
	      "version. What changes between runtime versions, for the families found here:</p>\n",
	      out);
	for (unsigned i = 0; i < html_family_advice_count; i++) {
		bool present = false;
		for (size_t k = 0; k < hc->families.nkeys; k++)
			present |= !strcmp(hc->families.key[k], html_family_advice[i].family);
		if (present)
			fprintf(out, "<h3>%s</h3>%s\n", html_family_advice[i].title, html_family_advice[i].html);
	}
	fprintf(out, "<h2 id=\"rollout\">Rolling the change out safely</h2>%s\n", html_rollout);
	fprintf(out, "<script>%s</script></main></body></html>\n", script);
	rc = 0;
out:
	counter_release(&hc->groups);
	counter_release(&hc->runtimes);
	counter_release(&hc->timeline);
	counter_release(&hc->accounts);
	counter_release(&hc->regions);
	counter_release(&hc->families);
	free(hc);
	return rc;
}
