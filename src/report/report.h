/* report: the writers that turn a finished scan into an output format. Each format is
 * one file in src/report/ and one row in report.c's table. */
#ifndef SUNSET_REPORT_H
#define SUNSET_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/scan.h"
#include "util/strbuf.h"

#define CHECK_TITLE "Lambda Functions Running Deprecated Runtimes"
#define CHECK_RISK "Moderate"
#define CHECK_CWE "CWE-1357"

/* The scans of this scope in the history store, oldest first, for the HTML trend. */
struct report_trend_point {
	date_t as_of;
	long long id;
	size_t open[ST_COUNT]; /* findings by status */
	size_t fixed;          /* fixed since the scan before */
};

struct report_trend {
	struct report_trend_point *v;
	size_t n;
};

struct report {
	struct scan *scan;           /* findings, summary, errors */
	const struct catalog *cat;
	bool color;                  /* ANSI colour in text output */
	size_t columns;              /* text output: the terminal's width to fit; 0 = no limit */
	const char *tool_version;
	int fail_on;                 /* a status, ST_COUNT = never: what fails CI formats */
	long long now;               /* report time, seconds since the epoch (UTC) */
	const char *const *inputs;   /* the inputs scanned, for the report's scope */
	size_t ninputs;
	const struct report_trend *trend; /* --db: the scans of this scope up to this one, or NULL */
};

/* report_projected_close: the date the last open finding closes at the fix rate of the
 * trend (fixed per day from its first scan to its last); DATE_NONE when nothing was fixed. */
date_t report_projected_close(const struct report *r);
/* report_html_trend writes the trend chart and the projection (HTML). */
void report_html_trend(FILE *out, const struct report *r);

/* The nearest date after as_of on which listed findings reach a new phase. */
struct deadline {
	date_t date;        /* DATE_NONE when no listed finding has a future date */
	enum status phase;  /* the phase reached on that date */
	size_t count;       /* listed findings reaching it that day */
};

/* One owner's findings (listed, not suppressed), for the "by owner" tables. */
struct owner_row {
	char *owner;                /* NULL: findings without an owner */
	size_t by_status[ST_COUNT];
	size_t total;
	enum status worst;
	date_t next;                /* the owner's nearest date after as_of, or DATE_NONE */
	enum status next_phase;     /* what it reaches then */
};
struct owner_table {
	struct owner_row *v;        /* most urgent first, no owner last */
	size_t n, more;             /* rows; owners past the cap, not listed */
	bool any_owner;             /* a finding has an owner (else the table is not worth showing) */
};
/* report_owners fills *t from the store (owners.c). Returns 0 or -1. */
int report_owners(struct report *r, struct owner_table *t);
void report_owners_release(struct owner_table *t);

/* report_next_deadline scans the store for the nearest deadline. Returns 0 or -1. */
int report_next_deadline(struct report *r, struct deadline *out);
/* report_where writes where a finding is: "FILE[:LINE]" for templates, else
 * "ACCOUNT<sep>REGION". report_subject writes what it is: "FUNCTION:VERSION" or the
 * template resource. Both replace the contents of sb and return sb->buf (unescaped: escape
 * when writing markup). */
const char *report_where(const struct finding *f, const char *sep, struct strbuf *sb);
const char *report_subject(const struct finding *f, struct strbuf *sb);
/* report_changes writes "N new, N still open (N worse), N fixed, N not scanned" against
 * --db's previous scan, or "N new, N known" against --baseline; returns NULL (buf empty)
 * without either. */
const char *report_changes(const struct scan *s, char *buf, size_t n);
/* report_changes_title: "since the previous scan" or "against the baseline". */
const char *report_changes_title(const struct scan *s);

/* report_account_label writes "ID (NAME)" (or the ID alone) into sb and returns sb->buf. */
const char *report_account_label(struct coverage *c, const char *account, struct strbuf *sb);
/* report_coverage_line writes "N of M account-regions scanned; K of L inputs read" (the
 * parts there are; empty when there is no coverage) into sb. */
void report_coverage_line(const struct scan *s, struct strbuf *sb);
/* report_fails: whether a finding is at or above --fail-on. */
bool report_fails(const struct report *r, const struct finding *f);

struct report_writer {
	const char *name;
	const char *description;
	/* write the whole report to `out`; returns 0 or -1 after an error line. */
	int (*write)(FILE *out, struct report *r);
};

/* report_writer_find returns the writer named `name` or NULL. */
const struct report_writer *report_writer_find(const char *name);
/* report_writer_names is "text, json, csv" for usage messages. */
const char *report_writer_names(void);

int report_text(FILE *out, struct report *r);
int report_json(FILE *out, struct report *r);
int report_csv(FILE *out, struct report *r);
int report_markdown(FILE *out, struct report *r);
int report_junit(FILE *out, struct report *r);
int report_asff(FILE *out, struct report *r);
int report_html(FILE *out, struct report *r);
int report_sarif(FILE *out, struct report *r);

#endif
