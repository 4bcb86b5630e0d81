/* upgrade_aws: the upgrade's Lambda and CloudWatch calls, one at a time, on the signed
 * http engine. Reads retry (the engine's defaults); writes and invokes are sent once: a
 * write retried after a lost answer would fail its RevisionId guard, and an invoke must
 * not run the function twice. */
#include "upgrade/upgrade.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/endpoint.h"
#include "util/msg.h"
#include "util/xalloc.h"

int upgrade_aws_open(struct upgrade_aws *a, const char *profile, const char *region, const char *endpoint_url,
		     double invoke_timeout_s)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->region, sizeof(a->region), "%s", region);
	if (aws_creds_resolve(profile, &a->creds) < 0)
		return -1;
	a->lambda = aws_endpoint(endpoint_url, "AWS_ENDPOINT_URL_LAMBDA", "lambda", region);
	a->monitoring = aws_endpoint(NULL, "AWS_ENDPOINT_URL_CLOUDWATCH", "monitoring", region);
	a->invoke_timeout_s = invoke_timeout_s;
	return 0;
}

void upgrade_aws_close(struct upgrade_aws *a)
{
	aws_creds_release(&a->creds);
	free(a->lambda);
	free(a->monitoring);
	a->lambda = a->monitoring = NULL;
}

void upgrade_resp_release(struct upgrade_resp *r)
{
	json_decref(r->doc);
	r->doc = NULL;
	sb_release(&r->body);
	sb_release(&r->fn_error);
}

static enum http_verdict on_done(void *ctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct upgrade_resp *r = ctx;
	(void)final;
	r->status = status;
	r->body.len = 0;
	sb_add(&r->body, body, len);
	if (err)
		snprintf(r->err, sizeof(r->err), "%s", err);
	return HTTP_DONE;
}

/* call runs one request to completion on an engine of its own. */
static int call(struct upgrade_aws *a, enum upgrade_kind kind, struct http_request *rq, struct upgrade_resp *r)
{
	struct http_options ho;
	http_options_default(&ho);
	if (kind != UPGRADE_READ)
		ho.max_attempts = 1;
	if (kind == UPGRADE_INVOKE)
		ho.timeout_ms = (long)(a->invoke_timeout_s * 1000);
	memset(r, 0, sizeof(*r));
	sb_add(&r->body, "", 0);
	struct http_engine *e = http_engine_new(&ho, &a->creds);
	if (!e) {
		snprintf(r->err, sizeof(r->err), "no HTTP engine");
		return -1;
	}
	char bucket[96];
	snprintf(bucket, sizeof(bucket), "upgrade/%s", a->region);
	rq->bucket = bucket;
	rq->region = a->region;
	rq->done = on_done;
	rq->ctx = r;
	if (kind == UPGRADE_INVOKE) {
		rq->capture_header = "X-Amz-Function-Error";
		rq->captured = &r->fn_error;
	}
	http_submit(e, rq);
	int rc = http_run(e);
	http_engine_free(e);
	if (rc < 0 && !r->err[0])
		snprintf(r->err, sizeof(r->err), "the request could not be sent");
	return rc;
}

int upgrade_lambda(struct upgrade_aws *a, enum upgrade_kind kind, const char *method, const char *path,
		   const char *query, const char *body, struct upgrade_resp *r)
{
	if (!body && strcmp(method, "GET") && strcmp(method, "DELETE")) {
		/* a write whose body could not be built is never sent without it (nor its guard) */
		memset(r, 0, sizeof(*r));
		snprintf(r->err, sizeof(r->err), "the request body could not be built");
		return -1;
	}
	struct http_request rq = {
		.method = method, .endpoint = a->lambda, .path = path, .query = query, .body = body,
		.body_len = body ? strlen(body) : 0, .content_type = body ? "application/json" : NULL,
		.service = "lambda",
	};
	if (call(a, kind, &rq, r) < 0)
		return -1;
	if (r->body.len)
		r->doc = json_loadb(r->body.buf, r->body.len, 0, NULL);
	if (r->status >= 200 && r->status < 300)
		return 0;
	if (r->status) {
		const char *type = json_string_value(json_object_get(r->doc, "Type"));
		const char *msg = json_string_value(json_object_get(r->doc, "Message"));
		if (!msg)
			msg = json_string_value(json_object_get(r->doc, "message"));
		const char *code = json_string_value(json_object_get(r->doc, "__type"));
		snprintf(r->err, sizeof(r->err), "HTTP %ld%s%s%s%s", r->status, code || type ? " " : "",
			 code ? code : type ? type : "", msg ? ": " : "", msg ? msg : "");
	}
	return -1;
}

/* form-encode one value (RFC 3986 unreserved kept). */
static void form_add(struct strbuf *sb, const char *key, const char *val)
{
	sb_addf(sb, "%s%s=", sb->len ? "&" : "", key);
	for (const unsigned char *p = (const unsigned char *)val; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-_.~", *p))
			sb_addc(sb, (char)*p);
		else
			sb_addf(sb, "%%%02X", *p);
	}
}

static void iso8601(long long t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *const metric_names[3] = {"Invocations", "Errors", "Throttles"};

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

static xmlNode *find(xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
		xmlNode *f = find(n->children, name);
		if (f)
			return f;
	}
	return NULL;
}

int upgrade_metrics(struct upgrade_aws *a, const char *function, const char *alias, const char *version,
		    long long start, long long end, double out[3])
{
	struct strbuf form = {0};
	char key[128], t0[32], t1[32], resource[512]; /* a function ARN (140) : an alias (128) */
	snprintf(resource, sizeof(resource), "%s:%s", function, alias);
	form_add(&form, "Action", "GetMetricData");
	form_add(&form, "Version", "2010-08-01");
	for (int m = 0; m < 3; m++) {
		char id[16];
		snprintf(id, sizeof(id), "m%d", m);
#define K(suffix) (snprintf(key, sizeof(key), "MetricDataQueries.member.%d.%s", m + 1, suffix), key)
		form_add(&form, K("Id"), id);
		form_add(&form, K("MetricStat.Metric.Namespace"), "AWS/Lambda");
		form_add(&form, K("MetricStat.Metric.MetricName"), metric_names[m]);
		form_add(&form, K("MetricStat.Metric.Dimensions.member.1.Name"), "FunctionName");
		form_add(&form, K("MetricStat.Metric.Dimensions.member.1.Value"), function);
		form_add(&form, K("MetricStat.Metric.Dimensions.member.2.Name"), "Resource");
		form_add(&form, K("MetricStat.Metric.Dimensions.member.2.Value"), resource);
		form_add(&form, K("MetricStat.Metric.Dimensions.member.3.Name"), "ExecutedVersion");
		form_add(&form, K("MetricStat.Metric.Dimensions.member.3.Value"), version);
		form_add(&form, K("MetricStat.Period"), "60");
		form_add(&form, K("MetricStat.Stat"), "Sum");
#undef K
	}
	iso8601(start, t0);
	iso8601(end, t1);
	form_add(&form, "StartTime", t0);
	form_add(&form, "EndTime", t1);
	struct http_request rq = {
		.method = "POST", .endpoint = a->monitoring, .path = "/", .body = form.buf, .body_len = form.len,
		.content_type = "application/x-www-form-urlencoded; charset=utf-8", .service = "monitoring",
	};
	struct upgrade_resp r;
	int rc = call(a, UPGRADE_READ, &rq, &r);
	sb_release(&form);
	if (rc < 0 || r.status != 200) {
		errorf("CloudWatch GetMetricData for %s version %s failed: %s", resource, version,
		       r.err[0] ? r.err : "HTTP error");
		upgrade_resp_release(&r);
		return -1;
	}
	xmlDoc *doc = xmlReadMemory(r.body.buf, (int)r.body.len, "GetMetricData.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	upgrade_resp_release(&r);
	xmlNode *results = doc ? find(xmlDocGetRootElement(doc), "MetricDataResults") : NULL;
	if (!results) {
		xmlFreeDoc(doc);
		return errorf("CloudWatch GetMetricData for %s: the answer holds no MetricDataResults", resource);
	}
	out[0] = out[1] = out[2] = 0;
	for (xmlNode *m = results->children; m; m = m->next) {
		if (m->type != XML_ELEMENT_NODE)
			continue;
		xmlNode *id = child(m, "Id"), *vals = child(m, "Values");
		xmlChar *idt = id ? xmlNodeGetContent(id) : NULL;
		int which = idt && idt[0] == 'm' && idt[1] >= '0' && idt[1] <= '2' && !idt[2] ? idt[1] - '0' : -1;
		xmlFree(idt);
		if (which < 0 || !vals)
			continue;
		for (xmlNode *v = vals->children; v; v = v->next) {
			if (v->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *t = xmlNodeGetContent(v);
			out[which] += t ? strtod((const char *)t, NULL) : 0;
			xmlFree(t);
		}
	}
	xmlFreeDoc(doc);
	return 0;
}
