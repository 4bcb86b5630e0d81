#include "model/suppress.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "model/budget.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define SUPP_MAX_BYTES BUDGET_IGNORE_MAX_BYTES
#define SUPP_MAX_ENTRIES 10000
#define SUPP_MAX_NODES (SUPP_MAX_ENTRIES * 20) /* an entry is a mapping of at most 8 pairs */

const char *const supp_key_names[SK_COUNT] = {"resource", "function", "account", "region", "runtime", "file"};

struct loader {
	const char *path;
	yaml_document_t doc;
	date_t as_of;
};

static int fail_at(const struct loader *ld, const yaml_node_t *n, const char *what)
{
	return errorf("%s:%zu:%zu: %s", ld->path, n->start_mark.line + 1, n->start_mark.column + 1, what);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int load_entry(struct loader *ld, yaml_node_t *node, struct suppression *e)
{
	yaml_node_pair_t *pair;
	bool any = false;
	if (node->type != YAML_MAPPING_NODE)
		return fail_at(ld, node, "each ignore entry must be a mapping (function: ..., reason: ...)");
	e->line = (long)node->start_mark.line + 1;
	e->column = (long)node->start_mark.column + 1;
	e->expires = DATE_NONE;
	for (pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&ld->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&ld->doc, pair->value);
		const char *key = scalar(k), *val = scalar(v);
		char msg[256];
		if (!key)
			return fail_at(ld, k, "keys of an ignore entry must be plain words");
		if (!val || !*val) {
			snprintf(msg, sizeof(msg), "\"%s\" must be a non-empty text value", key);
			return fail_at(ld, v ? v : k, msg);
		}
		if (!strcmp(key, "reason")) {
			free(e->reason);
			e->reason = xstrdup(val);
			continue;
		}
		if (!strcmp(key, "expires")) {
			if (date_parse(val, &e->expires) < 0)
				return fail_at(ld, v, "\"expires\" must be a date YYYY-MM-DD");
			e->expired = e->expires < ld->as_of;
			continue;
		}
		int sk;
		for (sk = 0; sk < SK_COUNT; sk++)
			if (!strcmp(key, supp_key_names[sk]))
				break;
		if (sk == SK_COUNT) {
			snprintf(msg, sizeof(msg),
				 "unknown key \"%.64s\" (use resource, function, account, region, runtime, file, reason, "
				 "expires)",
				 key);
			return fail_at(ld, k, msg);
		}
		free(e->match[sk]);
		e->match[sk] = xstrdup(val);
		any = true;
	}
	if (!e->reason)
		return fail_at(ld, node, "ignore entry needs a \"reason\" (why it is accepted, e.g. a ticket)");
	if (!any)
		return fail_at(ld, node, "ignore entry matches everything: give at least one of resource, function, "
					 "account, region, runtime, file");
	return 0;
}

static void entry_release(struct suppression *e)
{
	for (int k = 0; k < SK_COUNT; k++)
		free(e->match[k]);
	free(e->reason);
}

void suppressions_release(struct suppressions *sp)
{
	for (size_t i = 0; i < sp->n; i++)
		entry_release(&sp->v[i]);
	free(sp->v);
	free(sp->path);
	memset(sp, 0, sizeof(*sp));
}

/* check_shape reads the file's events once, before libyaml's loader builds the document:
 * nesting deeper than BUDGET_MAX_DEPTH or more nodes than any ignore file needs is an
 * error at that position. Stopping there keeps hostile input linear (libyaml's scanner
 * is quadratic in the depth of flow collections, and its loader recursive). */
static int check_shape(const char *path, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t depth = 0, nodes = 0;
	int rc = 0;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev))
			break; /* the loader reports syntax errors with their position */
		yaml_event_type_t t = ev.type;
		size_t line = ev.start_mark.line + 1, col = ev.start_mark.column + 1;
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT)
			break;
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT || t == YAML_SCALAR_EVENT ||
		    t == YAML_ALIAS_EVENT)
			nodes++;
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
			if (++depth > BUDGET_MAX_DEPTH) {
				rc = errorf("%s:%zu:%zu: nesting deeper than %d levels", path, line, col, BUDGET_MAX_DEPTH);
				break;
			}
		} else if ((t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) && depth) {
			depth--;
		}
		if (nodes > SUPP_MAX_NODES) {
			rc = errorf("%s:%zu:%zu: more than %d values: not an ignore file", path, line, col, SUPP_MAX_NODES);
			break;
		}
	}
	yaml_parser_delete(&parser);
	return rc;
}

int suppressions_load(const char *path, date_t as_of, struct suppressions *out)
{
	struct loader ld = {.path = path, .as_of = as_of};
	yaml_parser_t parser;
	char *buf = NULL;
	size_t len;
	int rc = -1;
	bool have_doc = false;
	FILE *f;

	memset(out, 0, sizeof(*out));
	if (!(f = fopen(path, "rb")))
		return errorf("%s: cannot open ignore file: %s", path, strerror(errno));
	buf = xmalloc(SUPP_MAX_BYTES + 1);
	len = fread(buf, 1, SUPP_MAX_BYTES + 1, f);
	fclose(f);
	if (len > SUPP_MAX_BYTES) {
		free(buf);
		return errorf("%s: ignore file is larger than %ld bytes", path, SUPP_MAX_BYTES);
	}
	if (check_shape(path, buf, len) < 0) {
		free(buf);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &ld.doc)) {
		errorf("%s:%zu:%zu: malformed YAML: %s", path, parser.problem_mark.line + 1,
		       parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
		goto out;
	}
	have_doc = true;
	yaml_node_t *root = yaml_document_get_root_node(&ld.doc);
	if (!root) {
		errorf("%s: empty ignore file: expected \"ignore:\" with a list of entries", path);
		goto out;
	}
	yaml_node_t *list = NULL;
	if (root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&ld.doc, p->key);
			const char *key = scalar(k);
			if (key && !strcmp(key, "ignore")) {
				list = yaml_document_get_node(&ld.doc, p->value);
			} else {
				fail_at(&ld, k, "unknown top-level key (the file holds \"ignore:\" and a list of entries)");
				goto out;
			}
		}
	}
	if (!list || (list->type != YAML_SEQUENCE_NODE &&
		      !(list->type == YAML_SCALAR_NODE && !*scalar(list)))) {
		fail_at(&ld, list ? list : root, "expected \"ignore:\" followed by a list of entries");
		goto out;
	}
	if (list->type == YAML_SEQUENCE_NODE)
		for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
			if (out->n >= SUPP_MAX_ENTRIES) {
				errorf("%s: more than %d ignore entries", path, SUPP_MAX_ENTRIES);
				goto out;
			}
			ALLOC_GROW(out->v, out->n + 1, out->alloc);
			memset(&out->v[out->n], 0, sizeof(out->v[0]));
			if (load_entry(&ld, yaml_document_get_node(&ld.doc, *it), &out->v[out->n++]) < 0)
				goto out;
		}
	out->path = xstrdup(path);
	rc = 0;
out:
	if (have_doc)
		yaml_document_delete(&ld.doc);
	yaml_parser_delete(&parser);
	free(buf);
	if (rc < 0)
		suppressions_release(out);
	return rc;
}

static bool glob_ok(const char *pattern, const char *value)
{
	return !pattern || (value && fnmatch(pattern, value, 0) == 0);
}

struct suppression *suppressions_match(struct suppressions *sp, const struct resource *r)
{
	const char *val[SK_COUNT] = {r->resource, r->function, r->account, r->region, r->runtime, r->file};
	char joined[1024] = ""; /* a template's path from where sunset ran: the scanned folder and the file */
	if (r->file && r->base && strcmp(r->base, ".")) {
		const char *b = !strncmp(r->base, "./", 2) ? r->base + 2 : r->base;
		snprintf(joined, sizeof(joined), "%s%s%s", b, *b && b[strlen(b) - 1] != '/' ? "/" : "", r->file);
	}
	for (size_t i = 0; i < sp->n; i++) {
		struct suppression *e = &sp->v[i];
		int k;
		if (e->expired)
			continue;
		for (k = 0; k < SK_COUNT; k++)
			if (!glob_ok(e->match[k], val[k]) && !(k == SK_FILE && joined[0] && glob_ok(e->match[k], joined)))
				break;
		if (k == SK_COUNT) {
			e->matched++;
			return e;
		}
	}
	return NULL;
}
