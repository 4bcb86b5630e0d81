/* markdown: a summary, a findings table (worst status first) and the remediation, for a
 * pull-request comment or a ticket. The remediation says each piece of advice once, with the
 * runtime moves it applies to. Kept under GitHub's 65,536-character comment limit: rows
 * past the budget are left out with a note saying how many. */
#include <stdlib.h>
#include <string.h>

#include "model/finding.h"
#include "util/xalloc.h"
#include "report/escape.h"
#include "report/report.h"

#define MD_LIMIT 65536
#define MD_RESERVE 6144 /* for the remediation section and the closing note */

struct md_ctx {
	struct report *r;
	FILE *out;
	size_t shown, left_out;
	enum status group;    /* the status whose rows this pass writes */
	bool suppressed_pass; /* this pass writes the suppressed rows */
	bool owners; /* an Owner column */
};

/* The report is built in memory (at most MD_LIMIT plus one row), so its size is known
 * whatever `out` is: ftell on a pipe or a terminal fails. */
static long used(FILE *out) { return ftell(out); }

static int md_row(void *ctx, const struct finding *f)
{
	struct md_ctx *mc = ctx;
	char d[3][11];
	if (!scan_listed(mc->r->scan, f) || f->suppressed != mc->suppressed_pass ||
	    (!mc->suppressed_pass && f->status != mc->group))
		return 0;
	if (used(mc->out) > MD_LIMIT - MD_RESERVE - 600) {
		mc->left_out++;
		return 0;
	}
	FILE *out = mc->out;
	fprintf(out, "| %s%s%s%s | `", status_name(f->status), f->suppressed ? " (suppressed)" : "",
		f->s[FS_CHANGE] ? ", " : "", f->s[FS_CHANGE] ? f->s[FS_CHANGE] : "");
	escape_md(out, f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "-");
	fputs("` | ", out);
	escape_md(out, f->s[FS_RECOMMENDED] ? f->s[FS_RECOMMENDED] : "-");
	fputs(" | ", out);
	struct strbuf buf = STRBUF_INIT;
	escape_md(out, report_where(f, " ", &buf));
	fputs(" | ", out);
	escape_md(out, report_subject(f, &buf));
	sb_release(&buf);
	if (mc->owners) {
		fputs(" | ", out);
		escape_md(out, f->s[FS_OWNER] ? f->s[FS_OWNER] : "-");
	}
	fprintf(out, " | %s | %s |\n", f->deprecated == DATE_NONE ? "-" : date_format(f->deprecated, d[0]),
		f->block_update == DATE_NONE ? "-" : date_format(f->block_update, d[2]));
	mc->shown++;
	return 0;
}

/* One remediation line per (runtime -> recommended) pair, with how many findings have it,
 * under the advice it shares with other pairs. */
struct pair {
	char *from, *to; /* owned */
	enum status status; /* the worst status among its findings */
	size_t n;
};

struct pair_ctx {
	struct report *r;
	struct pair *v;
	size_t n, alloc;
};

enum advice { ADV_MOVE, ADV_UNKNOWN, ADV_NO_TARGET, ADV_COUNT };

static const char *const advice_text[ADV_COUNT] = {
	[ADV_MOVE] = "Change the runtime, test it in a separate environment, publish a version and shift a "
		     "weighted alias to it gradually; roll back by moving the alias.",
	[ADV_UNKNOWN] = "Not in the runtime catalog: check the identifier, or run `sunset runtimes --update` if it "
			"is newer than the catalog.",
	[ADV_NO_TARGET] = "No supported runtime of this family is known on this date: move to a container image or "
			  "provided.al2023.",
};

static enum advice advice_of(const struct pair *p)
{
	if (p->to[0])
		return ADV_MOVE;
	return p->status == ST_UNKNOWN ? ADV_UNKNOWN : ADV_NO_TARGET;
}

/* worst status first, then the most findings, then by name: the same order every run */
static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->status != y->status)
		return x->status > y->status ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	int c = strcmp(x->from, y->from);
	return c ? c : strcmp(x->to, y->to);
}

static int md_pair(void *ctx, const struct finding *f)
{
	struct pair_ctx *pc = ctx;
	if (!status_is_finding(f->status) || f->suppressed || !f->s[FS_RUNTIME])
		return 0;
	const char *to = f->s[FS_RECOMMENDED] ? f->s[FS_RECOMMENDED] : "";
	for (size_t i = 0; i < pc->n; i++)
		if (!strcmp(pc->v[i].from, f->s[FS_RUNTIME]) && !strcmp(pc->v[i].to, to)) {
			pc->v[i].n++;
			if (f->status > pc->v[i].status)
				pc->v[i].status = f->status;
			return 0;
		}
	ALLOC_GROW(pc->v, pc->n + 1, pc->alloc);
	pc->v[pc->n].from = xstrdup(f->s[FS_RUNTIME]);
	pc->v[pc->n].to = xstrdup(to);
	pc->v[pc->n].status = f->status;
	pc->v[pc->n++].n = 1;
	return 0;
}

static int render(FILE *out, struct report *r);

int report_markdown(FILE *out, struct report *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return -1;
	int rc = render(mem, r);
	if (fclose(mem) != 0)
		rc = -1;
	if (rc == 0 && fwrite(text, 1, len, out) != len)
		rc = -1;
	free(text);
	return rc;
}

static int render(FILE *out, struct report *r)
{
	struct scan *s = r->scan;
	struct md_ctx mc = {r, out, 0, 0, false};
	struct pair_ctx *pc = NULL;
	struct deadline dl;
	char d1[11], d2[11];
	int rc = -1;

	fprintf(out, "## %s: %s\n\n", FINDING_CHECK, CHECK_TITLE);
	fprintf(out, "Risk **%s** · %s · as of %s · runtime catalog %s · sunset %s\n\n", CHECK_RISK, CHECK_CWE,
		date_format(s->as_of, d1), date_format(catalog_as_of(r->cat), d2), r->tool_version);
	fprintf(out, "**%zu finding%s** in %zu resources scanned", s->findings, s->findings == 1 ? "" : "s",
		s->resources);
	const char *sep = ": ";
	for (int i = 0; i < ST_COUNT; i++) {
		enum status st = status_report_order[i];
		if (!status_is_finding(st) || !s->by_status[st])
			continue;
		fprintf(out, "%s%zu %s", sep, s->by_status[st], status_name(st));
		sep = ", ";
	}
	fprintf(out, "%s\n", s->errors.total ? "" : ".");
	if (s->errors.total)
		fprintf(out, "; **%zu input error%s**: the scan is incomplete.\n", s->errors.total,
			s->errors.total == 1 ? "" : "s");
	char changes[256];
	if (report_changes(s, changes, sizeof(changes)))
		fprintf(out, "\nChanges %s: **%s**.\n", report_changes_title(s), changes);
	{
		struct strbuf cl = STRBUF_INIT;
		report_coverage_line(s, &cl);
		if (cl.len) {
			fprintf(out, "\nCoverage: %s.\n", cl.buf);
			for (size_t i = 0, shown = 0; i < s->cov.n; i++) {
				const struct cov_entry *e = &s->cov.v[i];
				if (e->status == COV_SCANNED)
					continue;
				if (++shown > 20) {
					fputs("- _more in the JSON or HTML report_\n", out);
					break;
				}
				fputs(shown == 1 ? "\n- " : "- ", out);
				if (e->input) {
					escape_md(out, e->input);
				} else {
					escape_md(out, report_account_label(&s->cov, e->account, &cl));
					fputs(" ", out);
					escape_md(out, e->region ? e->region : "(regions unknown)");
				}
				fprintf(out, ": **%s**", coverage_status_name(e->status));
				if (e->error) {
					fputs(" (", out);
					escape_md(out, e->error);
					fputs(")", out);
				}
				fputs("\n", out);
			}
		}
		sb_release(&cl);
	}
	if (report_next_deadline(r, &dl) < 0)
		goto out;
	if (dl.date != DATE_NONE)
		fprintf(out, "\n> Next deadline: %zu function version%s become%s %s on %s.\n", dl.count,
			dl.count == 1 ? "" : "s", dl.count == 1 ? "s" : "", status_name(dl.phase),
			date_format(dl.date, d1));
	if (s->findings) {
		struct owner_table ot;
		if (report_owners(r, &ot) < 0)
			goto out;
		if (ot.any_owner) {
			fputs("\n### By owner\n\n| Owner | Findings |", out);
			for (int i = 0; i < ST_COUNT; i++)
				if (status_is_finding(status_report_order[i]))
					fprintf(out, " %s |", status_name(status_report_order[i]));
			fputs(" Next deadline |\n|---|---|", out);
			for (int i = 0; i < ST_COUNT; i++)
				if (status_is_finding(status_report_order[i]))
					fputs("---|", out);
			fputs("---|\n", out);
			for (size_t i = 0; i < ot.n && used(out) < MD_LIMIT / 4; i++) {
				const struct owner_row *o = &ot.v[i];
				fputs("| ", out);
				if (o->owner)
					escape_md(out, o->owner);
				else
					fputs("_no owner_", out);
				fprintf(out, " | %zu |", o->total);
				for (int k = 0; k < ST_COUNT; k++)
					if (status_is_finding(status_report_order[k]))
						fprintf(out, " %zu |", o->by_status[status_report_order[k]]);
				if (o->next == DATE_NONE)
					fputs(" - |\n", out);
				else
					fprintf(out, " %s %s |\n", date_format(o->next, d1), status_name(o->next_phase));
			}
			if (ot.more)
				fprintf(out, "\n_%zu more owners are in the JSON report._\n", ot.more);
		}
		mc.owners = ot.any_owner;
		report_owners_release(&ot);
		if (mc.owners)
			fputs("\n| Status | Runtime | Move to | Where | Function | Owner | Deprecated | Update blocked |\n"
			      "|---|---|---|---|---|---|---|---|\n", out);
		else
			fputs("\n| Status | Runtime | Move to | Where | Function | Deprecated | Update blocked |\n"
			      "|---|---|---|---|---|---|---|\n", out);
		for (int i = 0; i < ST_COUNT; i++) {
			mc.group = status_report_order[i];
			if (fstore_each(s->store, md_row, &mc) < 0)
				goto out;
		}
		mc.suppressed_pass = true;
		if (s->suppressed && fstore_each(s->store, md_row, &mc) < 0)
			goto out;
		if (mc.left_out)
			fprintf(out, "\n_%zu more finding%s not shown to stay under GitHub's comment limit: see the JSON "
				     "or HTML report._\n", mc.left_out, mc.left_out == 1 ? " is" : "s are");
		pc = calloc(1, sizeof(*pc));
		if (!pc || fstore_each(s->store, md_pair, pc) < 0)
			goto out;
		fputs("\n### Remediation\n", out);
		if (pc->n)
			qsort(pc->v, pc->n, sizeof(pc->v[0]), pair_cmp);
		size_t cut = 0;
		for (int a = 0; a < ADV_COUNT; a++) {
			bool said = false;
			for (size_t i = 0; i < pc->n; i++) {
				if (advice_of(&pc->v[i]) != (enum advice)a)
					continue;
				if (used(out) >= MD_LIMIT - 1200) {
					cut++;
					continue;
				}
				if (!said)
					fprintf(out, "\n%s\n\n", advice_text[a]);
				said = true;
				fprintf(out, "- %zu × `", pc->v[i].n);
				escape_md(out, pc->v[i].from);
				if (pc->v[i].to[0]) {
					fputs("` → `", out);
					escape_md(out, pc->v[i].to);
				}
				fprintf(out, "` (%s)\n", status_name(pc->v[i].status));
			}
		}
		if (cut)
			fprintf(out, "\n_%zu more runtime move%s not shown._\n", cut, cut == 1 ? " is" : "s are");
		fputs("\nPublished versions are immutable: fix `$LATEST`, publish, move the aliases, then delete the "
		      "old versions.\n", out);
	} else {
		fputs("\nNo findings.\n", out);
	}
	rc = 0;
out:
	for (size_t i = 0; pc && i < pc->n; i++) {
		free(pc->v[i].from);
		free(pc->v[i].to);
	}
	if (pc)
		free(pc->v);
	free(pc);
	return rc;
}
