/* budget: what one scan may allocate and emit. The caps for hostile input live here, in
 * one place: nesting depth and size of the YAML/JSON files sunset parses (templates and
 * the ignore file), the memory the template parsers may hold (per byte of a file, and in
 * total for the scan), and the findings derived from alternative values of one resource
 * (AllowedValues, both branches of Fn::If) per file and per scan. The parsers and the
 * template formats consult the scan's budget; the caller names the file in the message
 * when a cap is reached. */
#ifndef SUNSET_BUDGET_H
#define SUNSET_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#define BUDGET_MAX_DEPTH 200               /* YAML/JSON nesting: deeper is an error */
#define BUDGET_MAX_NODES 4000000           /* YAML/JSON nodes of one file */
#define BUDGET_IGNORE_MAX_BYTES (1L << 20) /* the ignore file */
#define BUDGET_PARSE_PER_BYTE 16           /* parser memory per byte of a file ... */
#define BUDGET_PARSE_BASE (1L << 20)       /* ... plus this, whatever the file's size */
#define BUDGET_PARSE_TOTAL (1024L << 20)   /* parser memory held at once, the whole scan */
#define BUDGET_ALT_PER_FILE 5000           /* findings from alternative values, one file */
#define BUDGET_ALT_PER_SCAN 50000          /* ... and the whole scan */

struct budget {
	size_t parse_total; /* cap on parser memory held at once (0: BUDGET_PARSE_TOTAL) */
	size_t parse_used;
	size_t parse_peak;
	size_t alt_per_file, alt_per_scan;
	size_t alt_used;
	bool alt_scan_spent; /* the per-scan cap was reached (reported once) */
};

/* budget_init sets the default caps; parse_total 0 keeps BUDGET_PARSE_TOTAL. */
void budget_init(struct budget *b, size_t parse_total);

/* budget_parse_cap is what a parser may hold for a file of len bytes. */
size_t budget_parse_cap(size_t len);

/* budget_take charges n bytes of parser memory; -1 (nothing charged) when that would
 * spend the scan's total. b may be NULL (no total). */
int budget_take(struct budget *b, size_t n);
/* budget_give returns n bytes charged by budget_take. */
void budget_give(struct budget *b, size_t n);

/* One file's count of findings from alternative values. */
struct budget_file {
	size_t alt;
	bool spent; /* a cap was reached in this file (reported once) */
};

enum budget_alt {
	BUDGET_ALT_OK,         /* emit it */
	BUDGET_ALT_FILE_SPENT, /* the file's cap is reached now: say so once, emit no more */
	BUDGET_ALT_SCAN_SPENT, /* the scan's cap is reached now: say so once, emit no more */
	BUDGET_ALT_SPENT,      /* already said: emit no more */
};
/* budget_alt counts one finding derived from an alternative value in file bf. */
enum budget_alt budget_alt(struct budget *b, struct budget_file *bf);

#endif
