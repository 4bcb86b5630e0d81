#include "aws/regions.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xalloc.h"
#include "aws/endpoint.h"

#define MAX_REGIONS 256

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

static const char *text(const xmlNode *n)
{
	return n && n->children && n->children->type == XML_TEXT_NODE ? (const char *)n->children->content : NULL;
}

int regions_parse_describe(const char *xml, size_t len, char ***out, size_t *n)
{
	/* XML_PARSE_NONET: no fetching; no entity expansion (XML_PARSE_NOENT is not set). */
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "describe-regions.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
									      XML_PARSE_NOWARNING);
	size_t alloc = 0;
	int count = 0;
	*out = NULL;
	*n = 0;
	if (!doc)
		return -1;
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *info = root && !strcmp((const char *)root->name, "DescribeRegionsResponse")
				      ? child(root, "regionInfo")
				      : NULL;
	if (!info) {
		xmlFreeDoc(doc);
		return -1;
	}
	for (const xmlNode *it = info->children; it; it = it->next) {
		if (it->type != XML_ELEMENT_NODE || strcmp((const char *)it->name, "item"))
			continue;
		const char *name = text(child(it, "regionName"));
		const char *opt = text(child(it, "optInStatus"));
		if (!name || strlen(name) > 32 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(name))
			continue;
		if (opt && strcmp(opt, "opt-in-not-required") && strcmp(opt, "opted-in"))
			continue; /* not-opted-in: the account cannot use it */
		if (*n >= MAX_REGIONS)
			break;
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = xstrdup(name);
		count++;
	}
	xmlFreeDoc(doc);
	return count;
}
