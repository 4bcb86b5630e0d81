/* hcl: a lexer and parser for HCL native syntax (Terraform .tf and .tfvars files).
 * It builds the whole body tree (attributes, blocks, expressions) of one file held in
 * memory, with 1-based line/column and byte ranges, so that callers can resolve
 * values and rewrite a string literal in place. Every construct of the language is
 * parsed (templates with interpolation and directives, heredocs, for expressions,
 * splats, index, operators, conditionals, function calls); expressions the analysis
 * does not model are kept as HCL_OTHER with their source range. Nesting is limited to
 * HCL_MAX_DEPTH so hostile input cannot overflow the stack; the resulting tree is shallow
 * too (a chain of one binary operator precedence, a run of unary operators or a chain of
 * index/splat steps is one node), so callers may walk it recursively.
 *
 * Positions: lines and columns are 1-based; a column counts bytes (a tab or each byte of a
 * UTF-8 character is one column); a UTF-8 byte order mark at the start is skipped and not
 * counted. CRLF line endings are accepted. */
#ifndef SUNSET_IAC_HCL_H
#define SUNSET_IAC_HCL_H

#include <stdbool.h>
#include <stddef.h>

#define HCL_MAX_DEPTH 128

enum hcl_kind {
	HCL_STRING,    /* a quoted or heredoc template with no interpolation: `str` is its value */
	HCL_NUMBER,    /* `str` is the source text; a '-' just before a number literal is
	                  folded in ("-1") */
	HCL_BOOL,      /* `str` is "true" or "false" */
	HCL_NULL,
	HCL_TEMPLATE,  /* a template with interpolations: `items` alternate literal parts
	                  (HCL_STRING) and interpolated expressions, in order; empty literal
	                  parts are left out, so two interpolations can be adjacent */
	HCL_TRAVERSAL, /* var.x, local.y.z, aws_lambda_function.f.arn: `str` is the dotted
	                  text with attribute steps only ("var.x"); an index step makes the
	                  whole expression HCL_INDEX, a splat step HCL_OTHER */
	HCL_TUPLE,     /* [a, b]: `items` */
	HCL_OBJECT,    /* {k = v}: `keys` and `items` (values), `n` pairs; a key written as
	                  a bare identifier or a string becomes HCL_STRING */
	HCL_CONDITIONAL, /* c ? a : b: items[0] = c, items[1] = a, items[2] = b */
	HCL_CALL,      /* f(args): `str` is the function name, `items` the arguments */
	HCL_INDEX,     /* a[k].b.0 (any index step after the base): items[0] is the base,
	                  then one item per step in order: the key expression of [k], an
	                  HCL_STRING holding the name of .b, an HCL_NUMBER for .0 */
	HCL_FOR,       /* [for k, v in c : x if cond] or {for k, v in c : key => x... if cond}:
	                  items are the collection, the key (object form only), the value and
	                  the condition (when for_cond); see the for_ fields */
	HCL_OTHER,     /* anything else (operators, splat, template directives); `items` hold
	                  its sub-expressions in source order (operands; the base, index keys
	                  and attribute names of a splat chain; literal parts, conditions and
	                  collections of a template with directives), for walkers only */
};

struct hcl_expr {
	enum hcl_kind kind;
	bool in_place;       /* see str_start (next to kind: no padding) */
	long line, column;   /* first character of the expression */
	size_t start, end;   /* byte range of the whole expression in the buffer; a
	                        parenthesised expression is its inner node, with the range
	                        widened to the parentheses */
	const char *str;     /* see kind; NUL-terminated; NULL otherwise */
	/* HCL_STRING from a quoted literal: the byte range of the text between the quotes,
	 * and whether those bytes are exactly `str` (no escape sequences), so that replacing
	 * them changes the value and nothing else. False for heredocs and escaped text.
	 * For a heredoc the range is its content lines; for an object key written as a bare
	 * word, the word (in_place false); for a literal part of a template, that part; for
	 * an HCL_TEMPLATE, the text between its quotes or its heredoc content. */
	size_t str_start, str_end;
	/* HCL_FOR: the names bound (for_key NULL when one name is given), the object form,
	 * its grouping mode (`...`) and whether an `if` clause is the last item */
	const char *for_key, *for_value;
	bool for_object, for_group, for_cond;
	size_t n;
	struct hcl_expr **items;
	struct hcl_expr **keys;
};
/* HCL_CALL: `str` is the name as written without spaces ("provider::aws::arn_parse");
 * expansion of the last argument (f(xs...)) is accepted and not recorded. */

struct hcl_attr {
	const char *name;
	long line, column;   /* of the name */
	struct hcl_expr *expr;
};

struct hcl_body;

struct hcl_block {
	const char *type;    /* "resource", "module", "variable", "locals", ... */
	const char **labels; /* decoded label strings ("aws_lambda_function", "f") */
	size_t nlabels;
	long line, column;   /* of the type keyword */
	struct hcl_body *body;
};

struct hcl_body {
	struct hcl_attr *attrs;
	size_t nattrs;
	struct hcl_block *blocks;
	size_t nblocks;
};

struct hcl_error {
	long line, column;   /* 1-based position of the problem */
	char message[160];   /* "expected '=' or '{' after \"runtime\"", lowercase, no full stop */
};

struct hcl_file; /* owns every node and string of one parsed file */

/* hcl_parse parses `len` bytes of `buf` (borrowed; it must outlive the result, which
 * points into it only through byte offsets; it need not be NUL-terminated) and returns
 * the file in *out, which the caller frees with hcl_file_free. Returns 0, or -1 with *err
 * filled (err may be NULL) and *out NULL. */
int hcl_parse(const char *buf, size_t len, struct hcl_file **out, struct hcl_error *err);
/* hcl_parse_budget is hcl_parse holding at most budget_parse_cap(len) bytes for the tree,
 * charged to `budget` (may be NULL) until hcl_file_free; over either, an error at the
 * position reached. */
struct budget;
int hcl_parse_budget(const char *buf, size_t len, struct budget *budget, struct hcl_file **out,
		     struct hcl_error *err);
const struct hcl_body *hcl_file_body(const struct hcl_file *f);
void hcl_file_free(struct hcl_file *f);

/* hcl_file_redefined is the first attribute set twice in one body, which Terraform
 * rejects ("attribute \"x\" is set twice: first at 2:3, again at 4:3", at the second), or
 * NULL. The parse goes on past it, so that the rest of the file can still be read. */
const struct hcl_error *hcl_file_redefined(const struct hcl_file *f);

/* hcl_body_attr is the attribute `name` of `body` (the first one when it is set twice),
 * or NULL. */
const struct hcl_attr *hcl_body_attr(const struct hcl_body *body, const char *name);

#endif
