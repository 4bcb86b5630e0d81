#include "aws/usage.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"
#include "aws/sigv4.h"

/* The whole request: every query, the sums, the calls still out. */
struct usage_run {
	struct usage_query *q;
	size_t n, calls;
	long *sums;
	bool *have;
	char *err;
	long long now;
	struct usage_target t;
	char *bucket, *endpoint, *region;
	usage_done_fn done;
	void *ctx;
	struct http_engine *http;
};

/* One call: a batch of the run's queries. */
struct usage_call {
	struct usage_run *run;
	size_t first, n;
};

static void add_param(struct strbuf *sb, const char *key, const char *value)
{
	size_t n = strlen(value) * 3 + 1;
	char *enc = xmalloc(n);
	if (sigv4_encode(value, strlen(value), 0, enc, n) < 0)
		enc[0] = '\0';
	sb_addf(sb, "&%s=%s", key, enc);
	free(enc);
}

static void iso(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void usage_body(struct strbuf *sb, const struct usage_query *q, size_t n, size_t first, long long now,
		const char *next_token)
{
	char start[32], end[32], key[128], id[32];
	long long period = USAGE_DAYS * 86400LL;
	long long e = (now / 60 + 1) * 60; /* whole minutes, the current one included */
	iso(e - period, start);
	iso(e, end);
	sb_adds(sb, "Action=GetMetricData&Version=2010-08-01");
	add_param(sb, "StartTime", start);
	add_param(sb, "EndTime", end);
	if (next_token)
		add_param(sb, "NextToken", next_token);
	for (size_t i = 0; i < n; i++) {
		const char *dn[3] = {"FunctionName", "Resource", "ExecutedVersion"};
		const char *dv[3] = {q[i].function, q[i].resource, q[i].executed_version};
		int d = 0;
		size_t m = i + 1;
		snprintf(id, sizeof(id), "m%zu", first + i);
		snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.Id", m);
		add_param(sb, key, id);
		snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.MetricStat.Metric.Namespace", m);
		add_param(sb, key, "AWS/Lambda");
		snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.MetricStat.Metric.MetricName", m);
		add_param(sb, key, "Invocations");
		for (int k = 0; k < 3; k++) {
			if (!dv[k])
				continue;
			d++;
			snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.MetricStat.Metric.Dimensions.member.%d.Name",
				 m, d);
			add_param(sb, key, dn[k]);
			snprintf(key, sizeof(key),
				 "MetricDataQueries.member.%zu.MetricStat.Metric.Dimensions.member.%d.Value", m, d);
			add_param(sb, key, dv[k]);
		}
		snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.MetricStat.Period", m);
		sb_addf(sb, "&%s=%lld", key, period);
		snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.MetricStat.Stat", m);
		add_param(sb, key, "Sum");
		snprintf(key, sizeof(key), "MetricDataQueries.member.%zu.ReturnData", m);
		add_param(sb, key, "true");
	}
}

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

int usage_parse(const char *xml, size_t len, size_t first, size_t n, long *sums, bool *have, char **next)
{
	*next = NULL;
	if (len > (size_t)1 << 30)
		return -1;
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "get-metric-data.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return -1;
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *res = root && !strcmp((const char *)root->name, "GetMetricDataResponse")
				     ? child(child(root, "GetMetricDataResult"), "MetricDataResults")
				     : NULL;
	if (!res) {
		xmlFreeDoc(doc);
		return -1;
	}
	for (const xmlNode *m = res->children; m; m = m->next) {
		if (m->type != XML_ELEMENT_NODE || strcmp((const char *)m->name, "member"))
			continue;
		const char *id = text(child(m, "Id"));
		char *end;
		if (!id || id[0] != 'm')
			continue;
		unsigned long long k = strtoull(id + 1, &end, 10);
		if (*end || end == id + 1 || k < first || k - first >= n)
			continue; /* not one of ours */
		size_t i = (size_t)(k - first);
		have[i] = true;
		for (const xmlNode *v = child(m, "Values") ? child(m, "Values")->children : NULL; v; v = v->next) {
			const char *t = v->type == XML_ELEMENT_NODE ? text(v) : NULL;
			double d = t ? strtod(t, &end) : 0;
			if (t && !*end && d > 0 && d < 9.2e18)
				sums[i] += (long)(d + 0.5);
		}
	}
	const char *tok = text(child(child(root, "GetMetricDataResult"), "NextToken"));
	if (tok && *tok)
		*next = xstrdup(tok);
	xmlFreeDoc(doc);
	return 0;
}

static void submit_call(struct usage_run *run, size_t first, size_t n, const char *next_token);

static void call_done(struct usage_run *run)
{
	if (--run->calls)
		return;
	run->done(run->ctx, run->sums, run->have, run->n, run->err);
	free(run->q);
	free(run->sums);
	free(run->have);
	free(run->err);
	free(run->bucket);
	free(run->endpoint);
	free(run->region);
	free(run);
}

static enum http_verdict on_data(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct usage_call *c = vctx;
	struct usage_run *run = c->run;
	char why[300];
	why[0] = '\0';
	if (status == 200) {
		char *next = NULL;
		/* parse into scratch first: a retried body must not count twice */
		long *sums = xcalloc(c->n, sizeof(*sums));
		bool *have = xcalloc(c->n, sizeof(*have));
		if (usage_parse(body, len, c->first, c->n, sums, have, &next) < 0) {
			free(sums);
			free(have);
			if (!final)
				return HTTP_RETRY;
			snprintf(why, sizeof(why), "the response is not a GetMetricData answer");
		} else {
			for (size_t i = 0; i < c->n; i++) {
				run->sums[c->first + i] += sums[i];
				run->have[c->first + i] |= have[i];
			}
			free(sums);
			free(have);
			if (next) {
				run->calls++; /* the next page of the same queries */
				submit_call(run, c->first, c->n, next);
				free(next);
			}
		}
	} else if (err) {
		snprintf(why, sizeof(why), "%s", err);
	} else {
		const char *code = NULL;
		xmlDoc *doc = len < (size_t)1 << 20 ? xmlReadMemory(body, (int)len, "error.xml", NULL,
								  XML_PARSE_NONET | XML_PARSE_NOERROR |
									  XML_PARSE_NOWARNING)
						   : NULL;
		const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
		code = text(child(child(root, "Error"), "Code"));
		snprintf(why, sizeof(why), "HTTP %ld%s%.100s", status, code ? " " : "", code ? code : "");
		xmlFreeDoc(doc);
	}
	if (why[0]) {
		for (size_t i = 0; i < c->n; i++)
			run->have[c->first + i] = false;
		if (!run->err)
			run->err = xstrdup(why);
	}
	free(c);
	call_done(run);
	return HTTP_DONE;
}

static void submit_call(struct usage_run *run, size_t first, size_t n, const char *next_token)
{
	struct strbuf body = STRBUF_INIT;
	struct usage_call *c = xcalloc(1, sizeof(*c));
	c->run = run;
	c->first = first;
	c->n = n;
	usage_body(&body, run->q + first, n, first, run->now, next_token);
	struct http_request rq = {
		.bucket = run->bucket, .method = "POST", .endpoint = run->endpoint, .path = "/", .body = body.buf,
		.body_len = body.len, .content_type = "application/x-www-form-urlencoded; charset=utf-8",
		.region = run->region, .service = "monitoring", .done = on_data, .ctx = c, .creds = run->t.creds,
	};
	http_submit(run->http, &rq);
	sb_release(&body);
}

void usage_submit(struct http_engine *http, const struct usage_target *t, const struct usage_query *q, size_t n,
		  usage_done_fn done, void *ctx)
{
	if (!n) {
		done(ctx, NULL, NULL, 0, NULL);
		return;
	}
	struct usage_run *run = xcalloc(1, sizeof(*run));
	run->q = xcalloc(n, sizeof(*q));
	memcpy(run->q, q, n * sizeof(*q)); /* the strings stay the caller's until done */
	run->n = n;
	run->sums = xcalloc(n, sizeof(*run->sums));
	run->have = xcalloc(n, sizeof(*run->have));
	run->now = t->now;
	run->t = *t;
	run->bucket = xstrdup(t->bucket);
	run->endpoint = xstrdup(t->endpoint);
	run->region = xstrdup(t->region);
	run->done = done;
	run->ctx = ctx;
	run->http = http;
	run->calls = (n + USAGE_BATCH - 1) / USAGE_BATCH;
	for (size_t first = 0; first < n; first += USAGE_BATCH)
		submit_call(run, first, n - first < USAGE_BATCH ? n - first : USAGE_BATCH, NULL);
}
