/* libFuzzer target for the HCL parser: `make fuzz` builds and runs it. Any input must end in
 * a parsed file or a syntax error, never a crash, a read past the input, a leak or a stack
 * overflow; every node of a parsed file is visited and its strings read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iac/hcl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* sink accumulates string bytes so that reading them cannot be optimised away. */
static volatile size_t sink;

/* touch reads every byte of s. */
static void touch(const char *s)
{
	if (s)
		sink += strlen(s);
}

/* walk_expr visits e and everything below it, checking the ranges against size. */
static void walk_expr(const struct hcl_expr *e, size_t size)
{
	if (!e || e->start > e->end || e->end > size || e->line < 1 || e->column < 1)
		abort();
	if (e->kind == HCL_STRING && (e->str_start > e->str_end || e->str_end > size))
		abort();
	touch(e->str);
	for (size_t i = 0; i < e->n; i++) {
		if (e->keys)
			walk_expr(e->keys[i], size);
		walk_expr(e->items[i], size);
	}
}

/* walk_body visits every attribute and block of body. */
static void walk_body(const struct hcl_body *body, size_t size)
{
	for (size_t i = 0; i < body->nattrs; i++) {
		touch(body->attrs[i].name);
		walk_expr(body->attrs[i].expr, size);
		if (hcl_body_attr(body, body->attrs[i].name) == NULL)
			abort();
	}
	for (size_t i = 0; i < body->nblocks; i++) {
		const struct hcl_block *b = &body->blocks[i];
		touch(b->type);
		for (size_t j = 0; j < b->nlabels; j++)
			touch(b->labels[j]);
		walk_body(b->body, size);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so that reading past the end is caught */
	char *buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	struct hcl_file *f;
	struct hcl_error err;
	if (hcl_parse(buf, size, &f, &err) == 0) {
		walk_body(hcl_file_body(f), size);
		hcl_file_free(f);
	} else if (f || err.line < 1 || err.column < 1 || !err.message[0] || !memchr(err.message, 0, sizeof(err.message))) {
		abort();
	}
	free(buf);
	return 0;
}
