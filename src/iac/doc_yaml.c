/* doc_yaml: the YAML front end of doc, on libyaml's event parser. One explicit stack
 * instead of recursion, so nesting depth costs heap, and is capped at DOC_MAX_DEPTH. */
#include "iac/doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/xalloc.h"

#define MAX_ANCHORS 10000
#define MAX_MERGED 1000000 /* map entries copied in by merge keys, the whole file */

struct frame {
	struct doc_node *node;  /* the map or sequence being built (children not yet set) */
	struct doc_node **kids; /* map: key, value, key, value ...; sequence: items */
	size_t nkids, alloc;
	char *anchor;           /* owned */
	const char *intrinsic;  /* long-form name when tagged !Ref, !If ... */
};

struct anchor {
	char *name; /* owned */
	struct doc_node *node;
};

/* strmap: string -> index, open addressing (anchors by name; keys of a map being merged). */
struct strmap {
	const char **keys;
	size_t *vals;
	size_t size, n;
};

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* strmap_find is the slot of k, or of the empty slot it would take. */
static size_t strmap_find(const struct strmap *m, const char *k)
{
	size_t i = str_hash(k) & (m->size - 1);
	while (m->keys[i] && strcmp(m->keys[i], k))
		i = (i + 1) & (m->size - 1);
	return i;
}

static void strmap_put(struct strmap *m, const char *k, size_t v)
{
	if (2 * (m->n + 1) > m->size) {
		struct strmap g = {NULL, NULL, m->size ? m->size * 2 : 64, 0};
		g.keys = xcalloc(g.size, sizeof(*g.keys));
		g.vals = xcalloc(g.size, sizeof(*g.vals));
		for (size_t i = 0; i < m->size; i++)
			if (m->keys[i])
				strmap_put(&g, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	size_t i = strmap_find(m, k);
	if (!m->keys[i]) {
		m->keys[i] = k;
		m->n++;
	}
	m->vals[i] = v; /* a later anchor of the same name wins */
}

/* strmap_get returns true and *v when k is in m. */
static bool strmap_get(const struct strmap *m, const char *k, size_t *v)
{
	if (!m->size)
		return false;
	size_t i = strmap_find(m, k);
	if (!m->keys[i])
		return false;
	*v = m->vals[i];
	return true;
}

static void strmap_release(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

struct ybuild {
	struct doc *d;
	const char *buf;
	size_t len;
	bool ascii;            /* every byte < 0x80: libyaml's character index is the byte offset */
	size_t *lines;         /* byte offset of each line start (only when !ascii) */
	size_t nlines, lines_alloc;
	struct frame *stack;
	size_t depth, stack_alloc;
	struct anchor *anchors;
	size_t nanchors, anchors_alloc;
	struct strmap anchor_index; /* name -> index in anchors */
	size_t merged;
	struct doc_error *err;
};

static void set_error(struct ybuild *b, long line, long column, const char *msg)
{
	b->err->line = line;
	b->err->column = column;
	snprintf(b->err->message, sizeof(b->err->message), "%s", msg);
}

/* index_lines records where each line starts, with YAML's line breaks (LF, CR, CRLF,
 * NEL, LS, PS), for files that are not pure ASCII. */
static void index_lines(struct ybuild *b)
{
	const unsigned char *p = (const unsigned char *)b->buf;
	size_t i = 0;
	if (b->len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	ALLOC_GROW(b->lines, 1, b->lines_alloc);
	b->lines[b->nlines++] = i;
	while (i < b->len) {
		size_t brk = 0;
		if (p[i] == '\n')
			brk = 1;
		else if (p[i] == '\r')
			brk = i + 1 < b->len && p[i + 1] == '\n' ? 2 : 1;
		else if (p[i] == 0xC2 && i + 1 < b->len && p[i + 1] == 0x85)
			brk = 2;
		else if (p[i] == 0xE2 && i + 2 < b->len && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
			brk = 3;
		if (!brk) {
			i++;
			continue;
		}
		i += brk;
		ALLOC_GROW(b->lines, b->nlines + 1, b->lines_alloc);
		b->lines[b->nlines++] = i;
	}
}

/* byte_of turns a libyaml mark (characters) into a byte offset in the buffer. */
static size_t byte_of(const struct ybuild *b, yaml_mark_t m)
{
	if (b->ascii)
		return m.index <= b->len ? m.index : b->len;
	if (m.line >= b->nlines)
		return b->len;
	size_t i = b->lines[m.line];
	for (size_t c = 0; c < m.column && i < b->len; c++) {
		i++;
		while (i < b->len && ((unsigned char)b->buf[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

static bool is_null_plain(const char *s, size_t len)
{
	return len == 0 || (len == 1 && *s == '~') || (len == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
								     !memcmp(s, "NULL", 4)));
}

/* wrap_intrinsic turns `v` into the one-entry map {name: v} (a short-form tag). */
static struct doc_node *wrap_intrinsic(struct ybuild *b, const char *name, struct doc_node *v)
{
	struct doc_node *m = doc_node_new(b->d, DOC_MAP, v->line, v->column);
	struct doc_node *k = doc_node_new(b->d, DOC_SCALAR, v->line, v->column);
	if (!m || !k)
		return NULL;
	k->str = name;
	k->len = strlen(name);
	m->n = 1;
	m->keys = doc_alloc(b->d, sizeof(*m->keys));
	m->vals = doc_alloc(b->d, sizeof(*m->vals));
	m->keys[0] = k;
	m->vals[0] = v;
	return m;
}

static int add_anchor(struct ybuild *b, const char *name, struct doc_node *n)
{
	if (!name)
		return 0;
	if (b->nanchors >= MAX_ANCHORS) {
		set_error(b, n->line, n->column, "more than 10000 anchors");
		return -1;
	}
	ALLOC_GROW(b->anchors, b->nanchors + 1, b->anchors_alloc);
	b->anchors[b->nanchors].name = xstrdup(name);
	b->anchors[b->nanchors].node = n;
	strmap_put(&b->anchor_index, b->anchors[b->nanchors].name, b->nanchors);
	b->nanchors++;
	return 0;
}

static struct doc_node *find_anchor(const struct ybuild *b, const char *name)
{
	size_t i;
	return strmap_get(&b->anchor_index, name, &i) ? b->anchors[i].node : NULL;
}

/* attach adds a finished node to the collection on top of the stack, or makes it the root. */
static void attach(struct ybuild *b, struct doc_node *n)
{
	if (!b->depth) {
		if (!b->d->root)
			b->d->root = n;
		return;
	}
	struct frame *f = &b->stack[b->depth - 1];
	ALLOC_GROW(f->kids, f->nkids + 1, f->alloc);
	f->kids[f->nkids++] = n;
}

/* merge_from appends the entries of map `src` whose keys `f` does not have yet (`keys`
 * holds the scalar keys f has). */
static int merge_from(struct ybuild *b, struct frame *f, const struct doc_node *src, struct strmap *keys)
{
	if (src->type != DOC_MAP) {
		set_error(b, src->line, src->column, "a merge key (<<) needs a mapping or a list of mappings");
		return -1;
	}
	for (size_t i = 0; i < src->n; i++) {
		size_t dummy;
		if (src->keys[i]->type == DOC_SCALAR && strmap_get(keys, src->keys[i]->str, &dummy))
			continue;
		if (src->keys[i]->type == DOC_SCALAR)
			strmap_put(keys, src->keys[i]->str, 0);
		if (++b->merged > MAX_MERGED) {
			set_error(b, src->line, src->column, "merge keys copy more than 1000000 entries");
			return -1;
		}
		ALLOC_GROW(f->kids, f->nkids + 2, f->alloc);
		f->kids[f->nkids++] = src->keys[i];
		f->kids[f->nkids++] = src->vals[i];
	}
	return 0;
}

/* finish_map sets the map's entries, applying merge keys: explicit keys win, then the
 * merged maps in order. */
static int finish_map(struct ybuild *b, struct frame *f)
{
	struct doc_node **merges = NULL;
	size_t nmerges = 0, alloc = 0, w = 0;
	int rc = 0;
	for (size_t i = 0; i + 1 < f->nkids; i += 2) {
		struct doc_node *k = f->kids[i];
		if (k->type == DOC_SCALAR && !k->quoted && !strcmp(k->str, "<<")) {
			ALLOC_GROW(merges, nmerges + 1, alloc);
			merges[nmerges++] = f->kids[i + 1];
			continue;
		}
		f->kids[w++] = k;
		f->kids[w++] = f->kids[i + 1];
	}
	f->nkids = w;
	struct strmap keys = {0};
	for (size_t i = 0; nmerges && i + 1 < f->nkids; i += 2)
		if (f->kids[i]->type == DOC_SCALAR)
			strmap_put(&keys, f->kids[i]->str, 0);
	for (size_t m = 0; m < nmerges && !rc; m++) {
		if (merges[m]->type == DOC_SEQ) {
			for (size_t j = 0; j < merges[m]->n && !rc; j++)
				rc = merge_from(b, f, merges[m]->vals[j], &keys);
		} else {
			rc = merge_from(b, f, merges[m], &keys);
		}
	}
	strmap_release(&keys);
	free(merges);
	struct doc_node *n = f->node;
	n->n = f->nkids / 2;
	n->keys = doc_alloc(b->d, n->n * sizeof(*n->keys) + 1);
	n->vals = doc_alloc(b->d, n->n * sizeof(*n->vals) + 1);
	for (size_t i = 0; i < n->n; i++) {
		n->keys[i] = f->kids[2 * i];
		n->vals[i] = f->kids[2 * i + 1];
	}
	return rc;
}

static int on_scalar(struct ybuild *b, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct doc_node *n = doc_node_new(b->d, DOC_SCALAR, (long)ev->start_mark.line + 1,
					  (long)ev->start_mark.column + 1);
	if (!n) {
		char msg[200];
		set_error(b, (long)ev->start_mark.line + 1, (long)ev->start_mark.column + 1,
			  doc_limit_message(b->d, msg, sizeof(msg)));
		return -1;
	}
	yaml_scalar_style_t style = ev->data.scalar.style;
	n->str = doc_strndup(b->d, v, len);
	n->len = len;
	n->quoted = style != YAML_PLAIN_SCALAR_STYLE;
	n->null = style == YAML_PLAIN_SCALAR_STYLE && is_null_plain(v, len) && !ev->data.scalar.tag;
	size_t s = byte_of(b, ev->start_mark), e = byte_of(b, ev->end_mark);
	bool quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (quoted)
		e = e > s ? e - 1 : s; /* before the closing quote */
	long tag_line = n->line, tag_column = n->column; /* where the node starts, tag included */
	if (ev->data.scalar.tag || ev->data.scalar.anchor) {
		/* the start mark is at the node's properties (!Tag, &anchor): find the value
		 * back from its end, and say where it is */
		size_t vs = e >= len ? e - len : 0, from = s;
		s = vs - (quoted && vs > 0 ? 1 : 0);
		for (size_t i = from; i < s && i < b->len; i++) {
			if (b->buf[i] == '\n') {
				n->line++;
				n->column = 1;
			} else if (((unsigned char)b->buf[i] & 0xC0) != 0x80) {
				n->column++;
			}
		}
	}
	if (quoted)
		s++;
	if ((style == YAML_PLAIN_SCALAR_STYLE || style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	     style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
	    e >= s && e - s == len && e <= b->len && !memcmp(b->buf + s, v, len)) {
		n->vstart = s;
		n->vend = e;
		n->in_place = true;
	}
	const char *fn = doc_intrinsic_name((const char *)ev->data.scalar.tag);
	if (fn) { /* the intrinsic starts at its tag; its argument at the value */
		if (!(n = wrap_intrinsic(b, fn, n)))
			return -1;
		n->line = n->keys[0]->line = tag_line;
		n->column = n->keys[0]->column = tag_column;
	}
	if (add_anchor(b, (const char *)ev->data.scalar.anchor, n) < 0)
		return -1;
	attach(b, n);
	return 0;
}

static int on_start(struct ybuild *b, const yaml_event_t *ev, enum doc_type t, const yaml_char_t *anchor,
		    const yaml_char_t *tag)
{
	long line = (long)ev->start_mark.line + 1, col = (long)ev->start_mark.column + 1;
	if (b->depth >= DOC_MAX_DEPTH) {
		set_error(b, line, col, "nesting deeper than 200 levels");
		return -1;
	}
	struct doc_node *n = doc_node_new(b->d, t, line, col);
	if (!n) {
		char msg[200];
		set_error(b, line, col, doc_limit_message(b->d, msg, sizeof(msg)));
		return -1;
	}
	ALLOC_GROW(b->stack, b->depth + 1, b->stack_alloc);
	struct frame *f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	f->anchor = anchor ? xstrdup((const char *)anchor) : NULL;
	f->intrinsic = doc_intrinsic_name((const char *)tag);
	return 0;
}

static int on_end(struct ybuild *b)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct doc_node *n = f->node;
	int rc = 0;
	if (n->type == DOC_MAP) {
		rc = finish_map(b, f);
	} else {
		n->n = f->nkids;
		n->vals = doc_alloc(b->d, n->n * sizeof(*n->vals) + 1);
		if (n->n) /* an empty sequence ([]) has no kids array: memcpy from NULL is UB */
			memcpy(n->vals, f->kids, n->n * sizeof(*n->vals));
	}
	if (!rc && f->intrinsic && !(n = wrap_intrinsic(b, f->intrinsic, n)))
		rc = -1;
	if (!rc)
		rc = add_anchor(b, f->anchor, n);
	free(f->kids);
	free(f->anchor);
	b->depth--;
	if (!rc)
		attach(b, n);
	return rc;
}

static int on_alias(struct ybuild *b, const yaml_event_t *ev)
{
	struct doc_node *n = find_anchor(b, (const char *)ev->data.alias.anchor);
	if (!n) {
		char msg[160];
		snprintf(msg, sizeof(msg), "found undefined alias \"%.100s\"", (const char *)ev->data.alias.anchor);
		set_error(b, (long)ev->start_mark.line + 1, (long)ev->start_mark.column + 1, msg);
		return -1;
	}
	attach(b, n);
	return 0;
}

struct doc *doc_parse_yaml(const char *buf, size_t len, struct doc_error *err)
{
	return doc_parse_yaml_budget(buf, len, NULL, err);
}

struct doc *doc_parse_yaml_budget(const char *buf, size_t len, struct budget *budget, struct doc_error *err)
{
	struct ybuild b = {.d = doc_new(len, budget), .buf = buf, .len = len, .ascii = true, .err = err};
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0;
	bool done = false;

	memset(err, 0, sizeof(*err));
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] >= 0x80) {
			b.ascii = false;
			break;
		}
	if (!b.ascii)
		index_lines(&b);
	if (!yaml_parser_initialize(&p)) {
		set_error(&b, 1, 1, "out of memory");
		doc_free(b.d);
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done && !rc) {
		if (!yaml_parser_parse(&p, &ev)) {
			char msg[200];
			snprintf(msg, sizeof(msg), "%s%s%s", p.problem ? p.problem : "invalid YAML",
				 p.context ? " " : "", p.context ? p.context : "");
			set_error(&b, (long)p.problem_mark.line + 1, (long)p.problem_mark.column + 1, msg);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			rc = on_scalar(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = on_start(&b, &ev, DOC_SEQ, ev.data.sequence_start.anchor, ev.data.sequence_start.tag);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = on_start(&b, &ev, DOC_MAP, ev.data.mapping_start.anchor, ev.data.mapping_start.tag);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			rc = on_end(&b);
			break;
		case YAML_ALIAS_EVENT:
			rc = on_alias(&b, &ev);
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	while (b.depth) {
		struct frame *f = &b.stack[--b.depth];
		free(f->kids);
		free(f->anchor);
	}
	free(b.stack);
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	strmap_release(&b.anchor_index);
	free(b.lines);
	if (rc) {
		doc_free(b.d);
		return NULL;
	}
	return b.d;
}
