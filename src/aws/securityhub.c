#include "aws/securityhub.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xalloc.h"
#include "aws/creds.h"
#include "aws/endpoint.h"

/* One region's findings and where they go. */
struct region_batch {
	char region[64];
	char *endpoint;
	json_t *findings; /* array */
};

struct import {
	struct http_engine *http;
	struct securityhub_result *res;
	struct region_batch *regions;
	size_t nregions;
};

/* One BatchImportFindings call: up to 100 findings of one region. */
struct call {
	struct import *im;
	struct region_batch *rb;
	json_t *findings; /* the findings sent, to resend the failed ones */
	char *body;
	int attempt;      /* 1, or 2 for the resend of FailedFindings */
};

const char *securityhub_region_of(const char *arn, char *buf, size_t n)
{
	/* arn:PARTITION:securityhub:REGION:... */
	const char *p = arn;
	for (int field = 0; field < 3 && p; field++) {
		p = strchr(p, ':');
		if (p)
			p++;
	}
	if (!p)
		return NULL;
	size_t len = strcspn(p, ":");
	if (!len || len >= n || p[len] != ':' || strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-") < len)
		return NULL;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

static void submit(struct import *im, struct region_batch *rb, json_t *findings, int attempt);

static enum http_verdict on_import(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct call *c = vctx;
	size_t n = json_array_size(c->findings);
	json_t *doc = status == 200 ? json_loadb(body, len, 0, NULL) : NULL;
	json_t *failed = json_object_get(doc, "FailedFindings");

	if (status == 200 && !json_is_array(failed) && !final) {
		json_decref(doc);
		return HTTP_RETRY; /* cut off or not JSON */
	}
	if (!json_is_array(failed)) {
		char why[200];
		if (err)
			snprintf(why, sizeof(why), "%s", err);
		else
			snprintf(why, sizeof(why), "HTTP %ld: %.*s", status, (int)(len > 150 ? 150 : len), body ? body : "");
		errorf("Security Hub BatchImportFindings in %s failed for %zu finding%s: %s", c->rb->region, n,
		       n == 1 ? "" : "s", why);
		c->im->res->failed += n;
		goto out;
	}
	size_t nfailed = json_array_size(failed);
	c->im->res->imported += n > nfailed ? n - nfailed : 0;
	if (!nfailed)
		goto out;
	if (c->attempt > 1) {
		size_t i;
		json_t *ff;
		c->im->res->failed += nfailed;
		json_array_foreach(failed, i, ff) {
			if (i == 3) {
				errorf("Security Hub: ... and %zu more failed findings", nfailed - 3);
				break;
			}
			errorf("Security Hub rejected finding %s: %s: %s", json_string_value(json_object_get(ff, "Id")),
			       json_string_value(json_object_get(ff, "ErrorCode")),
			       json_string_value(json_object_get(ff, "ErrorMessage")));
		}
		goto out;
	}
	/* send the findings it lists once more */
	json_t *again = json_array(), *f;
	size_t i;
	json_array_foreach(c->findings, i, f) {
		const char *id = json_string_value(json_object_get(f, "Id"));
		size_t j;
		json_t *ff;
		json_array_foreach(failed, j, ff) {
			const char *fid = json_string_value(json_object_get(ff, "Id"));
			if (id && fid && !strcmp(id, fid)) {
				json_array_append(again, f);
				break;
			}
		}
	}
	/* failed ids that match nothing sent count as failed (none can be resent) */
	if (json_array_size(again) < nfailed)
		c->im->res->failed += nfailed - json_array_size(again);
	debugf("Security Hub %s: %zu of %zu findings failed, sending them once more", c->rb->region, nfailed, n);
	if (json_array_size(again))
		submit(c->im, c->rb, again, 2);
	json_decref(again);
out:
	json_decref(doc);
	json_decref(c->findings);
	free(c->body);
	free(c);
	return HTTP_DONE;
}

static void submit(struct import *im, struct region_batch *rb, json_t *findings, int attempt)
{
	struct call *c = xmalloc(sizeof(*c));
	json_t *doc = json_pack("{s:O}", "Findings", findings);
	c->im = im;
	c->rb = rb;
	c->findings = json_incref(findings);
	c->attempt = attempt;
	c->body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (!c->body) {
		im->res->failed += json_array_size(findings);
		json_decref(c->findings);
		free(c);
		return;
	}
	char bucket[80];
	snprintf(bucket, sizeof(bucket), "securityhub/%s", rb->region);
	struct http_request rq = {
		.bucket = bucket, .method = "POST", .endpoint = rb->endpoint, .path = "/findings/import",
		.body = c->body, .body_len = strlen(c->body), .content_type = "application/json",
		.region = rb->region, .service = "securityhub", .done = on_import, .ctx = c,
	};
	debugf("Security Hub BatchImportFindings in %s: %zu findings%s", rb->region, json_array_size(findings),
	       attempt > 1 ? " (resent)" : "");
	http_submit(im->http, &rq);
}

static struct region_batch *region_for(struct import *im, const char *region, const struct securityhub_opts *o,
				       size_t *alloc)
{
	for (size_t i = 0; i < im->nregions; i++)
		if (!strcmp(im->regions[i].region, region))
			return &im->regions[i];
	ALLOC_GROW(im->regions, im->nregions + 1, *alloc);
	struct region_batch *rb = &im->regions[im->nregions++];
	snprintf(rb->region, sizeof(rb->region), "%s", region);
	rb->endpoint = aws_endpoint(o->endpoint_url, "AWS_ENDPOINT_URL_SECURITYHUB", "securityhub", region);
	rb->findings = json_array();
	return rb;
}

int securityhub_import(json_t *findings, const struct securityhub_opts *o, struct securityhub_result *res)
{
	struct aws_creds creds;
	struct import im = {.res = res};
	size_t alloc = 0, i;
	json_t *f;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (!json_array_size(findings))
		return 0;
	if (aws_creds_resolve(o->profile, &creds) < 0)
		return -1;
	im.http = http_engine_new(&o->http, &creds);
	if (!im.http)
		goto out;
	json_array_foreach(findings, i, f) {
		char buf[64];
		const char *region = securityhub_region_of(json_string_value(json_object_get(f, "ProductArn")) ?
								   json_string_value(json_object_get(f, "ProductArn")) : "",
							   buf, sizeof(buf));
		json_array_append(region_for(&im, region ? region : o->home, o, &alloc)->findings, f);
	}
	/* the regions are final now: pointers into im.regions stay valid */
	for (size_t r = 0; r < im.nregions; r++) {
		json_t *all = im.regions[r].findings;
		for (size_t at = 0; at < json_array_size(all); at += SECURITYHUB_BATCH) {
			json_t *batch = json_array();
			for (size_t k = at; k < at + SECURITYHUB_BATCH && k < json_array_size(all); k++)
				json_array_append(batch, json_array_get(all, k));
			submit(&im, &im.regions[r], batch, 1);
			json_decref(batch);
		}
	}
	rc = http_run(im.http) < 0 ? -1 : 0;
out:
	http_engine_free(im.http);
	for (size_t r = 0; r < im.nregions; r++) {
		free(im.regions[r].endpoint);
		json_decref(im.regions[r].findings);
	}
	free(im.regions);
	aws_creds_release(&creds);
	return rc;
}
