/* report: the writers that turn a finished scan into an output format. Each format is
 * one file in src/report/ and one row in report.c's table. */
#ifndef SUNSET_REPORT_H
#define SUNSET_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "../scan.h"
#include "../strbuf.h"

#define CHECK_TITLE "Lambda Functions Running Deprecated Runtimes"
#define CHECK_RISK "Moderate"
#define CHECK_CWE "CWE-1357"

struct report {
	struct scan *scan;           /* findings, summary, errors */
	const struct catalog *cat;
	bool color;                  /* ANSI colour in text output */
	const char *tool_version;
	int fail_on;                 /* a status, ST_COUNT = never: what fails CI formats */
	long long now;               /* report time, seconds since the epoch (UTC) */
	const char *const *inputs;   /* the inputs scanned, for the report's scope */
	size_t ninputs;
};

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
