#include "regions.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../msg.h"
#include "../xalloc.h"
#include "endpoint.h"

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

struct discover {
	char ***out;
	size_t *n;
	bool ok;
	char why[300];
};

static enum http_verdict on_regions(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct discover *d = vctx;
	if (status == 200) {
		if (regions_parse_describe(body, len, d->out, d->n) > 0) {
			d->ok = true;
			return HTTP_DONE;
		}
		if (!final)
			return HTTP_RETRY;
		snprintf(d->why, sizeof(d->why), "the response is not a DescribeRegions result");
		return HTTP_DONE;
	}
	snprintf(d->why, sizeof(d->why), "%s", err ? err : status == 403 ? "access denied (HTTP 403)" : "HTTP error");
	if (!err && status != 403)
		snprintf(d->why, sizeof(d->why), "HTTP %ld", status);
	return HTTP_DONE;
}

int regions_discover(const struct http_options *o, const struct aws_creds *creds, const char *home, char ***out,
		     size_t *n)
{
	struct discover d = {.out = out, .n = n};
	static const char body[] = "Action=DescribeRegions&Version=2016-11-15";
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_EC2", "ec2", home);

	struct http_engine *eng = http_engine_new(o, creds);
	if (!eng) {
		free(endpoint);
		return -1;
	}
	struct http_request rq = {
		.bucket = "ec2", .method = "POST", .endpoint = endpoint, .path = "/", .body = body,
		.body_len = sizeof(body) - 1, .content_type = "application/x-www-form-urlencoded; charset=utf-8",
		.region = home, .service = "ec2", .done = on_regions, .ctx = &d,
	};
	http_submit(eng, &rq);
	int rc = http_run(eng);
	http_engine_free(eng);
	free(endpoint);
	if (rc < 0 || !d.ok) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		warnf("cannot list the account's regions with EC2 DescribeRegions (%s); scanning the regions every "
		      "account has; give --region for opt-in regions",
		      d.why[0] ? d.why : "no answer");
		return -1;
	}
	return 0;
}
