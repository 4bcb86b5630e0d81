/* doc: the arena that owns a parsed document, and lookups over its nodes. */
#include "iac/doc_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "util/xalloc.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

#define CHUNK_SIZE (64 * 1024)

struct doc *doc_new(size_t len, struct budget *budget)
{
	struct doc *d = xcalloc(1, sizeof(struct doc));
	d->cap = budget_parse_cap(len);
	d->budget = budget;
	return d;
}

const char *doc_limit_message(const struct doc *d, char *buf, size_t n)
{
	if (d->over == 1)
		snprintf(buf, n, "the file needs more than %zu MiB to parse (%d bytes per byte of input and 1 MiB); not scanned",
			 d->cap >> 20, BUDGET_PARSE_PER_BYTE);
	else if (d->over == 2)
		snprintf(buf, n, "the scan's memory budget for parsing (%zu MiB held at once) is spent; not scanned",
			 d->budget->parse_total >> 20);
	else
		snprintf(buf, n, "more than %d values", DOC_MAX_NODES);
	return buf;
}

void *doc_alloc(struct doc *d, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	struct arena_chunk *c = d->chunks;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE, cost = sizeof(*c) + size;
		/* over the budget, this chunk is still made (the construct being built needs it;
		 * no node follows, so the overshoot is bounded) but not charged */
		if (!d->over && (cost > d->cap || d->charged > d->cap - cost))
			d->over = 1;
		else if (!d->over && budget_take(d->budget, cost) < 0)
			d->over = 2;
		else if (!d->over)
			d->charged += cost;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = d->chunks;
		d->chunks = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *doc_strndup(struct doc *d, const char *s, size_t n)
{
	char *p = doc_alloc(d, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

struct doc_node *doc_node_new(struct doc *d, enum doc_type t, long line, long column)
{
	if (d->nodes >= DOC_MAX_NODES || d->over)
		return NULL;
	d->nodes++;
	struct doc_node *n = doc_alloc(d, sizeof(*n));
	n->type = t;
	n->line = line;
	n->column = column;
	return n;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	budget_give(d->budget, d->charged);
	for (struct arena_chunk *c = d->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(d);
}

const struct doc_node *doc_root(const struct doc *d)
{
	return d ? d->root : NULL;
}

const struct doc_node *doc_get(const struct doc_node *map, const char *key)
{
	if (!map || map->type != DOC_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->type == DOC_SCALAR && !strcmp(map->keys[i]->str, key))
			return map->vals[i];
	return NULL;
}

const struct doc_node *doc_get_path(const struct doc_node *map, const char *path)
{
	char key[256];
	while (map && *path) {
		size_t l = strcspn(path, ".");
		if (l >= sizeof(key))
			return NULL;
		memcpy(key, path, l);
		key[l] = '\0';
		map = doc_get(map, key);
		path += l + (path[l] == '.');
	}
	return map;
}

const char *doc_str(const struct doc_node *n)
{
	return n && n->type == DOC_SCALAR && !n->null ? n->str : NULL;
}

const char *doc_one_key(const struct doc_node *n)
{
	return n && n->type == DOC_MAP && n->n == 1 ? doc_str(n->keys[0]) : NULL;
}

const char *doc_intrinsic_name(const char *tag)
{
	static const char *const fns[] = {
		"Fn::And",    "Fn::Base64", "Fn::Cidr",         "Fn::Equals",       "Fn::FindInMap", "Fn::ForEach",
		"Fn::GetAtt", "Fn::GetAZs", "Fn::If",           "Fn::ImportValue",  "Fn::Join",      "Fn::Length",
		"Fn::Not",    "Fn::Or",     "Fn::Select",       "Fn::Split",        "Fn::Sub",       "Fn::ToJsonString",
		"Fn::Transform",
	};
	if (!tag || tag[0] != '!' || tag[1] == '!')
		return NULL;
	if (!strcmp(tag, "!Ref"))
		return "Ref";
	if (!strcmp(tag, "!Condition"))
		return "Condition";
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (!strcmp(tag + 1, fns[i] + 4))
			return fns[i];
	return NULL;
}
