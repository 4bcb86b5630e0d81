/* iac: scanning infrastructure-as-code trees. The walker (walk.c) finds files, reads
 * each one once (with size and binary checks) and offers it to the formats in
 * iac_formats[] (iac.c): CloudFormation/SAM/CDK, Serverless Framework, Terraform plan
 * JSON. Terraform .tf files are handed over a directory at a time, because a module's
 * variables and locals span its files. Every value found goes through iac_emit, which
 * adds the resource to the scan and, for --fix, records the edit that would change it. */
#ifndef SUNSET_IAC_IAC_H
#define SUNSET_IAC_IAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "iac/codeowners.h"
#include "iac/doc.h"
#include "util/fspolicy.h"
#include "model/scan.h"

#define IAC_DEFAULT_MAX_FILE (32L * 1024 * 1024)

struct iac_options {
	const char **excludes;   /* --exclude globs, matched on the relative path and the name */
	size_t nexcludes;
	const char **var_files;  /* --var-file: Terraform variable files, applied after the auto ones */
	size_t nvar_files;
	long max_file;           /* bytes; larger files are refused with an error entry */
	int fix_at;              /* a status: --fix changes findings at or above it; ST_COUNT = no fix */
};

/* One file offered to the formats; every field is borrowed. */
struct iac_file {
	const char *path;   /* as opened */
	const char *rel;    /* relative to the scanned path: what findings report */
	const char *name;   /* last path component */
	const char *buf;    /* the whole file */
	size_t len;
	bool template_source; /* a cookiecutter/Jinja source: buf is filled in (jinja.c), never rewritten */
};

/* One in-place change: replace bytes [start, end) of `path` (which spell `old`) by `new`. */
struct iac_edit {
	char *path, *rel;
	const char *base; /* the scanned PATH that rel is relative to (borrowed), NULL for a file */
	size_t start, end;
	long line, column;
	char *old, *new;
};

#define IAC_LINE_CACHE 4
struct iac_lines { /* where the lines of one file start, for inline suppressions */
	const char *buf;
	size_t len, sample;
	bool marked; /* the file holds "sunset:ignore" at all */
	size_t *start, n;
};

struct iac_ctx {
	struct scan *scan;
	const struct iac_options *opts;
	struct iac_edit *edits;
	size_t nedits, edits_alloc;
	size_t *edit_index;  /* open-addressing set over edits by (path, start): 1 + index, 0 empty */
	size_t index_size;
	char *last_path, *last_real; /* the last path canonicalised for an edit, and its real path */
	struct fsp fsp;    /* the scanned PATHs: what templates may name, what --fix may change */
	const char *base;  /* the folder being walked, as given; NULL for a file given by name */
	bool var_files_read; /* --var-file problems were reported (once, not per folder) */
	char **once;       /* open-addressing set of values iac_once has seen */
	size_t once_size, nonce;
	struct iac_lines lines[IAC_LINE_CACHE];
	size_t lines_next;
	size_t files;      /* files read */
	size_t iac_files;  /* files a format took */
	struct codeowners_cache owners; /* CODEOWNERS of the repository a finding's file is in */
};

/* A value source: where a runtime string sits, so that --fix can change it. */
struct iac_origin {
	const char *path, *rel; /* the file holding the value (a serverless ${file()} may differ) */
	long line, column;
	size_t start, end;      /* byte range of the value */
	bool in_place;          /* the range spells exactly the value */
	bool generated;         /* cdk.out, plan JSON: never rewritten */
};

/* iac_emit adds `r` to the scan; when it is a finding at or above --fix's level with a
 * recommended runtime and `o` can be rewritten, records the edit. Returns 0 or -1 (the
 * store failed). */
int iac_emit(struct iac_ctx *ctx, const struct resource *r, const struct iac_origin *o);

/* iac_once: true the first time a value of `resource` at o's place is offered, false after
 * (a CloudFormation file that is also a serverless.yml's ${file()} resources include). */
bool iac_once(struct iac_ctx *ctx, const struct iac_origin *o, const char *resource, const char *value);

/* Inline suppressions (ignore.c). iac_ignore_comment reads the comment
 * `# sunset:ignore reason="..." expires=YYYY-MM-DD` (or `//`) on the line before `line` of
 * buf; iac_ignore_check applies the rules to a reason and expiry found elsewhere
 * (CloudFormation Metadata). Both return the reason (copied into out) when the entry is
 * valid and active, else NULL: a missing reason or a bad date is an error, an expired entry
 * a warning, each reported once. */
const char *iac_ignore_comment(struct iac_ctx *ctx, const char *rel, const char *buf, size_t len, long line,
			       char *out, size_t n);
const char *iac_ignore_check(struct iac_ctx *ctx, const char *rel, long line, long column, const char *reason,
			     const char *expires, char *out, size_t n);
void iac_ignore_release(struct iac_ctx *ctx);

/* iac_warn_miscased warns (once each) about keys of `map` that differ only in case from
 * one of `keys` (NULL-terminated), the keys sunset reads there: `Runtime:` under a
 * Serverless provider is not the framework's `runtime` and falls back to its default. */
void iac_warn_miscased(struct iac_ctx *ctx, const struct iac_file *f, const struct doc_node *map,
		       const char *const *keys);

/* jinja.c: iac_jinja_source tells a cookiecutter/Jinja template source ({%, {{ cookiecutter.X
 * }}); iac_jinja_fill returns its text filled in for reading (the caller frees it): the
 * nearest cookiecutter.json's defaults, statements blanked, lines kept. */
bool iac_jinja_source(const char *buf, size_t len);
char *iac_jinja_fill(struct iac_ctx *ctx, const char *path, const char *buf, size_t len, size_t *out_len,
		     bool *have_context);

/* iac_origin_of fills *o from a doc scalar in file f. */
void iac_origin_of(struct iac_origin *o, const struct iac_file *f, const struct doc_node *n);

/* iac_error records a problem with file f at (line, column) in the scan's error list. */
void iac_error(struct iac_ctx *ctx, const char *file, long line, long column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* A format: `sniff` says from the name and a cheap look at the text whether the file
 * may be one (0 no, 1 maybe, 2 surely: a parse error is then reported); `scan` parses and
 * emits, returning 1 when the file was this format, 0 when it was not after all, -1
 * after recording an error. */
struct iac_format {
	const char *name;
	int (*sniff)(const struct iac_file *f);
	int (*scan)(struct iac_ctx *ctx, const struct iac_file *f, int sure);
};

extern const struct iac_format iac_formats[];
extern const size_t iac_nformats;

int cfn_sniff(const struct iac_file *f);
int cfn_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure);
/* cfn_scan_resources scans the Resources (with Parameters, Mappings, Globals) of `block`,
 * a CloudFormation fragment written in file f (a serverless.yml's resources), reporting
 * its values with `source`. Returns 0 or -1. */
int cfn_scan_resources(struct iac_ctx *ctx, const struct iac_file *f, const struct doc_node *block,
		       const char *source);
int sls_sniff(const struct iac_file *f);
int sls_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure);
int tfjson_sniff(const struct iac_file *f);
int tfjson_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure);
int tfplan_sniff(const struct iac_file *f);
int tfplan_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure);

/* Terraform: the .tf files of one directory (and its tfvars), scanned together. */
struct tf_dir_file {
	char *path, *rel, *buf;
	size_t len;
	bool tfvars; /* terraform.tfvars or *.auto.tfvars (applied in name order) */
};
void tf_scan_dir(struct iac_ctx *ctx, struct tf_dir_file *files, size_t n);
/* tf_local_sources sets *out to the sources of the local module calls ("./x", "../y")
 * of one .tf file (each string and the array owned by the caller) and returns how many;
 * 0 when there are none or the file does not parse. */
size_t tf_local_sources(const char *buf, size_t len, char ***out);

/* iac_scan_paths walks every path (file or directory) and scans what it finds. Returns
 * the number of paths that could not be read at all. */
size_t iac_scan_paths(struct iac_ctx *ctx, char *const *paths, size_t n);

/* iac_fix_apply writes the recorded edits (dry_run: prints a unified diff on `out`
 * instead). Returns the number of files that could not be changed. */
size_t iac_fix_apply(struct iac_ctx *ctx, bool dry_run, FILE *out);
void iac_ctx_release(struct iac_ctx *ctx);

/* iac_dirname returns the folder part of `path` with its final '/' ("a/b/" for "a/b/c",
 * "" for "c"); the caller frees it. */
char *iac_dirname(const char *path);

/* iac_path_clean tidies a relative or absolute path in place, without touching the file
 * system: "a/b/../c//./d/" becomes "a/c/d"; leading ".." that cannot be resolved stay. */
void iac_path_clean(char *path);

/* iac_parse_doc parses a file as JSON when its first character (after a byte order mark
 * and white space) is '{', else as YAML, within the scan's budget. */
struct doc *iac_parse_doc(const char *buf, size_t len, struct budget *budget, struct doc_error *err);

/* iac_load_doc parses file f (JSON or YAML, as iac_parse_doc). On a syntax error it
 * records FILE:LINE:COL in the scan's errors when `report` (a file that is surely a
 * template), and returns NULL. */
struct doc *iac_load_doc(struct iac_ctx *ctx, const struct iac_file *f, bool report);

/* iac_read_file reads a whole regular file of at most `max` bytes into *buf (owned by
 * the caller), opened through fsp_open: `policy` is the scan's roots for a path a
 * template names, NULL for one the user typed. Returns 0, or -1 with a reason in msg.
 * A UTF-16 file (byte order mark) comes back as UTF-8 (textenc.c), lines unchanged. */
int iac_read_file(const struct fsp *policy, const char *path, long max, char **buf, size_t *len, char *msg,
		  size_t msgn);
/* iac_read_raw is iac_read_file without decoding: the bytes --fix rewrites. */
int iac_read_raw(const struct fsp *policy, const char *path, long max, char **buf, size_t *len, char *msg,
		 size_t msgn);

#endif
