#include "live.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../clock.h"
#include "../msg.h"
#include "../source/function_item.h"
#include "../strbuf.h"
#include "../xalloc.h"
#include "creds.h"
#include "endpoint.h"
#include "org.h"
#include "regions.h"
#include "sts.h"
#include "markers.h"
#include "sigv4.h"
#include "tags.h"
#include "usage.h"

#define SRC "aws"

const char *const live_default_regions[] = {
	"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-central-1",
	"eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "ap-northeast-1", "ap-northeast-2",
	"ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "sa-east-1",
};
const size_t live_default_regions_count = sizeof(live_default_regions) / sizeof(live_default_regions[0]);
/* The other partitions' regions, for the same fallback when the home region is theirs. */
static const char *const live_cn_regions[] = {"cn-north-1", "cn-northwest-1"};
static const char *const live_gov_regions[] = {"us-gov-east-1", "us-gov-west-1"};

struct live;

/* One region of one account: its pages, then the aliases of its flagged functions. */
struct region_job {
	struct live *lv;
	char *region, *endpoint, bucket[96];
	const char *account;            /* NULL when the caller's own account could not be named */
	const struct aws_creds *creds;  /* this account's */
	json_t *held;     /* flagged function items waiting for their aliases */
	json_t *aliases;  /* function name -> array of alias objects */
	json_t *asked;    /* function name -> its unqualified ARN: the flagged functions, whose aliases
	                     (and tags) were requested */
	json_t *latest;   /* function name -> runtime of its $LATEST when that one is not a finding */
	json_t *tags;     /* function name -> its tags (compact JSON text) */
	long *inv;        /* per held item: invocations in 30 days, when inv_have */
	bool *inv_have;
	size_t enriching; /* ListTags and GetMetricData calls not finished */
	bool enriched;    /* they were asked for (or are off) */
	bool tags_warned, usage_warned;
	struct markers markers; /* NextMarker values followed in ListFunctions */
	size_t pending;   /* alias requests not finished */
	size_t pages;     /* ListFunctions pages read */
	bool listed;      /* the last page was read (or listing failed) */
	bool failed;      /* a request of this region failed: in errors */
	bool partial;     /* an item of this region could not be read: in errors */
};

/* One request's context: which job, and for ListAliases which function and the markers
 * its listing followed (handed from page to page). */
struct req_ctx {
	struct region_job *job;
	char *function; /* NULL for ListFunctions */
	struct markers *markers;
};

struct account;

struct live {
	struct scan *s;
	const struct live_opts *o;
	struct http_engine *http;
	struct aws_creds *base;     /* the caller's own credentials */
	struct account *accts;      /* accounts scanned (one with id NULL in single-account mode) */
	int nacct;
	const char *home;
	struct region_job *jobs;
	size_t njobs, regions_done, functions;
	bool fatal;
};

static void progress(struct live *lv)
{
	if (!lv->o->progress)
		return;
	fprintf(stderr, "\rsunset: regions %zu/%zu, function versions %zu, findings %zu ", lv->regions_done, lv->njobs,
		lv->functions, lv->s->findings);
	if (lv->regions_done == lv->njobs)
		fputc('\n', stderr);
}

/* region_error records the first failure of a region (the rest of it is still reported). */
static void region_error(struct region_job *job, const char *what, const char *detail)
{
	if (job->failed)
		return;
	job->failed = true;
	errlist_add(&job->lv->s->errors, SRC, NULL, 0, 0, job->account, job->region, "%s: %s", what, detail);
}

/* aws_error names the error in an AWS JSON error body ("AccessDeniedException: ..."). */
static void aws_error(long status, const char *body, size_t len, const char *err, char *out, size_t n)
{
	if (err) {
		snprintf(out, n, "%s", err);
		return;
	}
	json_t *j = json_loadb(body, len, 0, NULL);
	const char *type = json_string_value(json_object_get(j, "Type"));
	const char *msg = json_string_value(json_object_get(j, "message"));
	if (!type)
		type = json_string_value(json_object_get(j, "__type"));
	if (!msg)
		msg = json_string_value(json_object_get(j, "Message"));
	snprintf(out, n, "HTTP %ld%s%s%s%.200s", status, type ? " " : "", type ? type : "", msg ? ": " : "", msg ? msg : "");
	json_decref(j);
}

/* alias_routes appends "name=weight,..." to out for every alias of `fn` that sends traffic to
 * `version` (all of them: no fixed buffer cuts the list). */
static void alias_routes(json_t *aliases, const char *version, struct strbuf *out)
{
	size_t i;
	json_t *a;
	json_array_foreach(aliases, i, a) {
		const char *name = json_string_value(json_object_get(a, "Name"));
		const char *primary = json_string_value(json_object_get(a, "FunctionVersion"));
		json_t *extra = json_object_get(json_object_get(a, "RoutingConfig"), "AdditionalVersionWeights");
		double others = 0, weight = 0;
		const char *v;
		json_t *w;
		json_object_foreach(extra, v, w) {
			others += json_number_value(w);
			if (!strcmp(v, version))
				weight = json_number_value(w);
		}
		if (primary && !strcmp(primary, version))
			weight = 1 - others;
		if (!name || weight <= 0 || strpbrk(name, ",="))
			continue; /* not an alias name (AWS allows [A-Za-z0-9_-]); it would break the list */
		sb_addf(out, "%s%s=%.4g", out->len ? "," : "", name, weight);
	}
}

/* emit hands one read item to the scan, with the aliases that route to it. */
static void emit(struct region_job *job, struct function_item *it, const char *aliases_csv)
{
	it->r.aliases = aliases_csv && *aliases_csv ? aliases_csv : NULL;
	if (scan_add(job->lv->s, &it->r) < 0)
		job->lv->fatal = true;
}

/* function_arn is the function's ARN without the version qualifier, for ListTags. */
static json_t *function_arn(const struct resource *r)
{
	const char *arn = r->resource;
	size_t n = arn ? strlen(arn) : 0, v = r->version ? strlen(r->version) : 0;
	if (!arn)
		return json_null();
	if (v && n > v + 1 && arn[n - v - 1] == ':' && !strcmp(arn + n - v, r->version))
		n -= v + 1;
	return json_stringn(arn, n);
}

static int enrich(struct region_job *job);

static void finish_region(struct region_job *job)
{
	size_t i;
	json_t *fn;
	char err[400];
	/* The one point where the flagged functions of a region are complete (listed, with their
	 * aliases): ask for their tags and usage, and come back here when they have answered. */
	if (!job->enriched) {
		job->enriched = true;
		if (enrich(job) > 0)
			return;
	}
	json_array_foreach(job->held, i, fn) {
		struct function_item it;
		struct strbuf routes = STRBUF_INIT;
		if (function_item_read(fn, SRC, &it, err, sizeof(err)) < 0)
			continue; /* cannot happen: it was read when it was held */
		json_t *al = json_object_get(job->aliases, it.r.function);
		if (al)
			alias_routes(al, it.r.version, &routes);
		it.r.tags = json_string_value(json_object_get(job->tags, it.r.function));
		if (it.r.version && strcmp(it.r.version, "$LATEST"))
			it.r.latest_runtime = json_string_value(json_object_get(job->latest, it.r.function));
		if (job->inv_have && job->inv_have[i]) {
			it.r.has_invocations = true;
			it.r.invocations = job->inv[i];
		}
		emit(job, &it, routes.buf);
		sb_release(&routes);
	}
	json_array_clear(job->held);
	job->lv->regions_done++;
	progress(job->lv);
}

/* --- tags and usage of the flagged functions (tags.c, usage.c) --- */

struct tags_ctx {
	struct region_job *job;
	char *function;
};

static void enrich_done(struct region_job *job)
{
	if (!--job->enriching)
		finish_region(job);
}

static void on_tags(void *vctx, const char *tags, const char *err)
{
	struct tags_ctx *c = vctx;
	struct region_job *job = c->job;
	if (tags) {
		json_object_set_new(job->tags, c->function, json_string(tags));
	} else if (!job->tags_warned) {
		job->tags_warned = true;
		warnf("%s%s%s: ListTags failed (%s): findings there have no owner or managed_by", job->account ? job->account : "",
		      job->account ? " " : "", job->region, err);
	}
	free(c->function);
	free(c);
	enrich_done(job);
}

/* The usage queries of a region: which held item each one counts for, and the strings it
 * owns until CloudWatch has answered. */
struct usage_ctx {
	struct region_job *job;
	struct usage_query *q;
	size_t *item;
	size_t nq, alloc;
	char **own;
	size_t nown;
};

static const char *keep(struct usage_ctx *u, char *str)
{
	if (!str)
		return NULL;
	u->own = xrealloc(u->own, (u->nown + 1) * sizeof(*u->own));
	u->own[u->nown++] = str;
	return str;
}

/* add_query adds a metric counted for held item `item`; it takes `resource` (allocated) and
 * copies the other strings (the item's are borrowed from a function_item on the stack). */
static void add_query(struct usage_ctx *u, size_t item, const char *fn, char *resource, const char *executed)
{
	size_t a = u->alloc;
	ALLOC_GROW(u->q, u->nq + 1, u->alloc);
	if (a != u->alloc)
		u->item = xrealloc(u->item, u->alloc * sizeof(*u->item));
	u->q[u->nq] = (struct usage_query){keep(u, xstrdup(fn)), keep(u, resource),
					   executed ? keep(u, xstrdup(executed)) : NULL};
	u->item[u->nq++] = item;
}

static void on_usage(void *vctx, const long *sums, const bool *have, size_t n, const char *err)
{
	struct usage_ctx *u = vctx;
	struct region_job *job = u->job;
	size_t items = json_array_size(job->held);
	bool *missing = xcalloc(items ? items : 1, sizeof(*missing));
	for (size_t i = 0; i < n; i++) {
		if (have[i])
			job->inv[u->item[i]] += sums[i];
		else
			missing[u->item[i]] = true;
	}
	for (size_t i = 0; i < n; i++) /* an item is counted when every one of its metrics answered */
		job->inv_have[u->item[i]] = !missing[u->item[i]];
	if (err && !job->usage_warned) {
		job->usage_warned = true;
		warnf("%s%s%s: CloudWatch GetMetricData failed (%s): findings there have no invocations_30d",
		      job->account ? job->account : "", job->account ? " " : "", job->region, err);
	}
	free(missing);
	for (size_t i = 0; i < u->nown; i++)
		free(u->own[i]);
	free(u->own);
	free(u->q);
	free(u->item);
	free(u);
	enrich_done(job);
}

/* enrich asks for the tags of each flagged function (ListTags, on the region's Lambda
 * limit) and the 30-day invocations of each flagged version (GetMetricData: the function's
 * total for $LATEST; for a published version, calls by its number and, through each alias
 * that routes to it, what ran on it). Returns the calls started (finish_region is called
 * again when they are done), 0 when none. */
static int enrich(struct region_job *job)
{
	const struct live_opts *o = job->lv->o;
	size_t items = json_array_size(job->held);
	if (!items || (o->no_tags && o->no_usage) || !job->lv->http)
		return 0;
	job->enriching = 1; /* held until everything is submitted */
	if (!o->no_tags) {
		const char *fn;
		json_t *arn;
		json_object_foreach(job->asked, fn, arn) {
			struct tags_ctx *c = xcalloc(1, sizeof(*c));
			struct tags_target t = {.bucket = job->bucket, .endpoint = job->endpoint, .region = job->region,
						.creds = job->creds, .function_arn = json_string_value(arn)};
			if (!t.function_arn) {
				free(c);
				continue;
			}
			c->job = job;
			c->function = xstrdup(fn);
			job->enriching++;
			tags_submit(job->lv->http, &t, on_tags, c);
		}
	}
	if (!o->no_usage) {
		struct usage_ctx *u = xcalloc(1, sizeof(*u));
		size_t i;
		json_t *item;
		char err[400], bucket[128];
		u->job = job;
		job->inv = xcalloc(items, sizeof(*job->inv));
		job->inv_have = xcalloc(items, sizeof(*job->inv_have));
		json_array_foreach(job->held, i, item) {
			struct function_item it;
			if (function_item_read(item, SRC, &it, err, sizeof(err)) < 0)
				continue;
			/* the strings of `item` live as long as held: until finish_region emits it */
			if (!it.r.version || !strcmp(it.r.version, "$LATEST")) {
				add_query(u, i, it.r.function, NULL, NULL);
				continue;
			}
			add_query(u, i, it.r.function, xasprintf("%s:%s", it.r.function, it.r.version), NULL);
			size_t k;
			json_t *a;
			json_array_foreach(json_object_get(job->aliases, it.r.function), k, a) {
				const char *name = json_string_value(json_object_get(a, "Name"));
				const char *primary = json_string_value(json_object_get(a, "FunctionVersion"));
				bool routes = primary && !strcmp(primary, it.r.version);
				routes |= json_object_get(json_object_get(json_object_get(a, "RoutingConfig"),
									 "AdditionalVersionWeights"),
							  it.r.version) != NULL;
				if (name && routes)
					add_query(u, i, it.r.function, xasprintf("%s:%s", it.r.function, name), it.r.version);
			}
		}
		char *cw = aws_endpoint(NULL, "AWS_ENDPOINT_URL_CLOUDWATCH", "monitoring", job->region);
		snprintf(bucket, sizeof(bucket), "%s/monitoring", job->bucket);
		struct usage_target t = {.bucket = bucket, .endpoint = cw, .region = job->region, .creds = job->creds,
					 .now = clock_wall()};
		job->enriching++;
		usage_submit(job->lv->http, &t, u->q, u->nq, on_usage, u);
		free(cw);
	}
	if (job->enriching == 1) {
		job->enriching = 0;
		return 0;
	}
	job->enriching--; /* the hold taken above */
	return 1;
}

static void submit_list(struct region_job *job, const char *marker);
static void submit_aliases(struct region_job *job, const char *function, const char *marker, struct markers *m);

static enum http_verdict on_aliases(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct req_ctx *ctx = vctx;
	struct region_job *job = ctx->job;
	char why[400];
	json_t *doc = NULL;
	enum http_verdict v = HTTP_DONE;

	if (status == 200) {
		doc = json_loadb(body, len, 0, NULL);
		json_t *list = json_object_get(doc, "Aliases");
		if (!json_is_array(list)) {
			if (!final) {
				json_decref(doc);
				return HTTP_RETRY; /* cut off or not JSON: try again */
			}
			region_error(job, "ListAliases", "the response is not a list of aliases");
		} else {
			json_t *have = json_object_get(job->aliases, ctx->function);
			if (!have) {
				have = json_array();
				json_object_set_new(job->aliases, ctx->function, have);
			}
			json_array_extend(have, list);
			const char *bad;
			json_t *next = json_object_get(doc, "NextMarker");
			int more = markers_next(ctx->markers, next, &bad);
			if (more > 0) {
				submit_aliases(job, ctx->function, json_string_value(next), ctx->markers);
				ctx->markers = NULL; /* the next page's now */
			} else if (more < 0) {
				region_error(job, "ListAliases", bad);
			}
		}
	} else {
		aws_error(status, body, len, err, why, sizeof(why));
		region_error(job, "ListAliases failed", why);
	}
	json_decref(doc);
	job->pending--;
	if (!job->pending && job->listed)
		finish_region(job);
	if (ctx->markers) {
		markers_release(ctx->markers);
		free(ctx->markers);
	}
	free(ctx->function);
	free(ctx);
	return v;
}

static enum http_verdict on_list(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct req_ctx *ctx = vctx;
	struct region_job *job = ctx->job;
	struct live *lv = job->lv;
	char why[400];

	if (status != 200) {
		aws_error(status, body, len, err, why, sizeof(why));
		region_error(job, "ListFunctions failed", why);
		job->listed = true;
		if (!job->pending)
			finish_region(job); /* what earlier pages found is still reported */
		free(ctx);
		return HTTP_DONE;
	}
	json_t *doc = json_loadb(body, len, 0, NULL);
	json_t *fns = json_object_get(doc, "Functions");
	if (!json_is_array(fns)) {
		json_decref(doc);
		if (!final)
			return HTTP_RETRY;
		region_error(job, "ListFunctions", "the response is not a list of functions");
		job->listed = true;
		if (!job->pending)
			finish_region(job);
		free(ctx);
		return HTTP_DONE;
	}
	size_t i;
	json_t *fn;
	job->pages++;
	json_array_foreach(fns, i, fn) {
		struct function_item it;
		struct classification c;
		char e[400];
		lv->functions++;
		if (function_item_read(fn, SRC, &it, e, sizeof(e)) < 0) {
			errlist_add(&lv->s->errors, SRC, NULL, 0, 0, job->account, job->region, "ListFunctions item: %s", e);
			job->partial = true;
			continue;
		}
		classify(lv->s->cl, it.r.runtime, it.r.package_type && !strcmp(it.r.package_type, "Image"), &c);
		if (!status_is_finding(c.status) && it.r.runtime && it.r.version && !strcmp(it.r.version, "$LATEST"))
			json_object_set_new(job->latest, it.r.function, json_string(it.r.runtime));
		bool hold = status_is_finding(c.status) && (!lv->o->latest_only || !lv->o->no_tags || !lv->o->no_usage);
		if (hold) {
			json_array_append(job->held, fn); /* wait for its aliases (and tags, usage), asked for at once */
			if (!json_object_get(job->asked, it.r.function)) {
				json_object_set_new(job->asked, it.r.function, function_arn(&it.r));
				if (!lv->o->latest_only)
					submit_aliases(job, it.r.function, NULL, NULL);
			}
		} else {
			emit(job, &it, NULL);
		}
	}
	const char *bad;
	json_t *next = json_object_get(doc, "NextMarker");
	int more = markers_next(&job->markers, next, &bad);
	if (more > 0) {
		submit_list(job, json_string_value(next));
	} else {
		if (more < 0)
			region_error(job, "ListFunctions", bad); /* what was read is still reported */
		job->listed = true;
		if (!job->pending)
			finish_region(job);
	}
	progress(lv);
	json_decref(doc);
	free(ctx);
	return HTTP_DONE;
}

static void submit(struct region_job *job, const char *path, const char *query, http_done_fn done, struct req_ctx *ctx,
		   bool urgent)
{
	struct http_request rq = {
		.bucket = job->bucket, .method = "GET", .endpoint = job->endpoint, .path = path, .query = query,
		.region = job->region, .service = "lambda", .done = done, .ctx = ctx, .urgent = urgent,
		.creds = job->creds,
	};
	http_submit(job->lv->http, &rq);
}

static void add_marker(struct strbuf *q, const char *marker)
{
	if (!marker)
		return;
	size_t n = strlen(marker) * 3 + 1;
	char *enc = xmalloc(n);
	if (sigv4_encode(marker, strlen(marker), 0, enc, n) >= 0)
		sb_addf(q, "&Marker=%s", enc);
	free(enc);
}

static void submit_list(struct region_job *job, const char *marker)
{
	struct strbuf q = STRBUF_INIT;
	struct req_ctx *ctx = xcalloc(1, sizeof(*ctx));
	ctx->job = job;
	sb_adds(&q, job->lv->o->latest_only ? "MaxItems=50" : "FunctionVersion=ALL&MaxItems=50");
	add_marker(&q, marker);
	submit(job, "/2015-03-31/functions/", q.buf, on_list, ctx, true);
	sb_release(&q);
}

/* submit_aliases asks for one page of a function's aliases; it takes `m`, the markers its
 * listing followed so far (NULL: a new listing), and hands them to the request. */
static void submit_aliases(struct region_job *job, const char *function, const char *marker, struct markers *m)
{
	struct strbuf q = STRBUF_INIT, path = STRBUF_INIT;
	struct req_ctx *ctx = xcalloc(1, sizeof(*ctx));
	size_t n = strlen(function) * 3 + 1;
	char *enc = xmalloc(n);
	ctx->job = job;
	ctx->function = xstrdup(function);
	ctx->markers = m ? m : xcalloc(1, sizeof(*m));
	if (sigv4_encode(function, strlen(function), 0, enc, n) < 0)
		snprintf(enc, n, "%s", "");
	sb_addf(&path, "/2015-03-31/functions/%s/aliases", enc);
	free(enc);
	sb_adds(&q, "MaxItems=50");
	add_marker(&q, marker);
	job->pending++;
	submit(job, path.buf, q.buf, on_aliases, ctx, false);
	sb_release(&q);
	sb_release(&path);
}

static char *endpoint_for(const struct live_opts *o, const char *region)
{
	return aws_endpoint(o->endpoint_url, "AWS_ENDPOINT_URL_LAMBDA", "lambda", region);
}

/* One account to scan: its id (NULL in single-account mode) and credentials. */
struct account {
	char *id;   /* NULL when the caller's own account could not be named */
	struct aws_creds creds;
	bool ok;
	bool self;  /* the caller's own credentials, not an assumed role */
};

static void role_arn_for(const struct live_opts *o, const char *home, const char *account, char *buf, size_t n);

/* refresh renews credentials that are about to expire: the caller's own through the
 * credential chain again, an account's by assuming its role again. */
static int refresh(void *vctx, struct aws_creds *cr)
{
	struct live *lv = vctx;
	struct aws_creds fresh;
	for (int i = 0; i < lv->nacct; i++) {
		struct account *a = &lv->accts[i];
		if (&a->creds != cr)
			continue;
		if (!a->id || a->self) {
			if (aws_creds_resolve(lv->o->profile, &fresh) < 0)
				return -1;
		} else {
			char arn[256];
			if (lv->base->expiration && lv->base->expiration - clock_wall() < 300) {
				struct aws_creds nb;
				if (aws_creds_resolve(lv->o->profile, &nb) == 0) {
					aws_creds_release(lv->base);
					*lv->base = nb;
				}
			}
			role_arn_for(lv->o, lv->home, a->id, arn, sizeof(arn));
			struct sts_role role = {.role_arn = arn, .session_name = "sunset-scan",
						.external_id = lv->o->external_id, .region = lv->home};
			if (sts_assume_role(lv->base, &role, &fresh) < 0)
				return -1;
		}
		aws_creds_release(cr);
		*cr = fresh;
		return 0;
	}
	return -1;
}

static void role_arn_for(const struct live_opts *o, const char *home, const char *account, char *buf, size_t n)
{
	snprintf(buf, n, "arn:%s:iam::%s:role/%s",
		 !strncmp(home, "cn-", 3) ? "aws-cn" : !strncmp(home, "us-gov-", 7) ? "aws-us-gov" : "aws", account,
		 o->role_name);
}


/* accounts_for fills the accounts to scan: the organization's, the list given, or the
 * caller's own (one entry with the base credentials). Returns the count, -1 on failure. */
static int accounts_for(const struct live_opts *o, struct aws_creds *base, const char *home, struct scan *s,
			struct account **out)
{
	char **ids = NULL;
	size_t n = 0;
	if (o->org) {
		if (org_list_accounts(base, &ids, &n) < 0)
			return -1;
	} else if (o->naccounts) {
		ids = xcalloc(o->naccounts, sizeof(*ids));
		for (size_t i = 0; i < o->naccounts; i++)
			ids[n++] = xstrdup(o->accounts[i]);
	} else {
		*out = xcalloc(1, sizeof(**out));
		aws_creds_copy(&(*out)[0].creds, base); /* not the chain again: a process may run */
		(*out)[0].ok = true;
		char acct[13];
		if (sts_caller_account(&(*out)[0].creds, home, acct) == 0) {
			(*out)[0].id = xstrdup(acct); /* so that errors name the account */
			(*out)[0].self = true;
			debugf("scanning account %s", acct);
		}
		return 1;
	}
	*out = xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		char arn[256];
		struct account *a = &(*out)[i];
		a->id = ids[i];
		role_arn_for(o, home, a->id, arn, sizeof(arn));
		struct sts_role role = {.role_arn = arn, .session_name = "sunset-scan", .external_id = o->external_id,
					.region = home};
		a->ok = sts_assume_role(base, &role, &a->creds) == 0;
		if (a->ok)
			debugf("account %s: credentials from %s", a->id, a->creds.source);
		else
			errlist_add(&s->errors, SRC, NULL, 0, 0, a->id, NULL, "cannot assume role %s in this account", arn);
	}
	free(ids);
	return (int)n;
}

int live_scan(struct scan *s, const struct live_opts *o, size_t *nregions, size_t *partial)
{
	struct aws_creds base;
	struct live lv = {.s = s, .o = o};
	struct account *accts = NULL;
	int failed = 0, nacct;
	size_t alloc = 0;
	const char *home = getenv("AWS_REGION");

	*nregions = 0;
	*partial = 0;
	if (!home || !*home)
		home = getenv("AWS_DEFAULT_REGION");
	if (!home || !*home)
		home = o->nregions ? o->regions[0] : "us-east-1";
	if (aws_creds_resolve(o->profile, &base) < 0)
		return -1;
	debugf("credentials from %s", base.source);
	nacct = accounts_for(o, &base, home, s, &accts);
	if (nacct < 0) {
		aws_creds_release(&base);
		return -1;
	}
	lv.base = &base;
	lv.accts = accts;
	lv.nacct = nacct;
	lv.home = home;
	lv.http = http_engine_new(&o->http, NULL);
	if (lv.http)
		http_set_refresh(lv.http, refresh, &lv);
	for (int a = 0; a < nacct && lv.http; a++) {
		struct account *ac = &accts[a];
		const char *const *regions = o->regions;
		char **found = NULL;
		size_t nreg = o->nregions, nfound = 0;
		if (!ac->ok) {
			failed++;
			(*nregions)++;
			continue;
		}
		if (!regions) {
			if (regions_discover(&o->http, &ac->creds, home, &found, &nfound) == 0) {
				regions = (const char *const *)found;
				nreg = nfound;
				debugf("DescribeRegions%s%s: %zu regions enabled", ac->id ? " in " : "", ac->id ? ac->id : "",
				       nfound);
			} else if (!strncmp(home, "cn-", 3)) {
				regions = live_cn_regions;
				nreg = 2;
			} else if (!strncmp(home, "us-gov-", 7)) {
				regions = live_gov_regions;
				nreg = 2;
			} else {
				regions = live_default_regions;
				nreg = live_default_regions_count;
			}
		}
		for (size_t i = 0; i < nreg; i++) {
			ALLOC_GROW(lv.jobs, lv.njobs + 1, alloc);
			struct region_job *job = &lv.jobs[lv.njobs++];
			memset(job, 0, sizeof(*job));
			job->region = xstrdup(regions[i]);
			job->account = ac->id;
			job->creds = &ac->creds;
			job->endpoint = endpoint_for(o, regions[i]);
			snprintf(job->bucket, sizeof(job->bucket), "%s/%s", ac->id ? ac->id : "self", regions[i]);
		}
		for (size_t i = 0; i < nfound; i++)
			free(found[i]);
		free(found);
	}
	/* jobs is final now: hand out pointers and start every region at once */
	for (size_t i = 0; i < lv.njobs && lv.http; i++) {
		struct region_job *job = &lv.jobs[i];
		job->lv = &lv;
		job->held = json_array();
		job->aliases = json_object();
		job->asked = json_object();
		job->latest = json_object();
		job->tags = json_object();
		submit_list(job, NULL);
	}
	*nregions += lv.njobs;
	progress(&lv);
	if (!lv.http || http_run(lv.http) < 0)
		failed = -1;
	for (size_t i = 0; i < lv.njobs; i++) {
		struct region_job *job = &lv.jobs[i];
		/* a region that failed after reading pages is incomplete, not unread */
		if (failed >= 0 && job->failed && !job->pages)
			failed++;
		else if (job->failed || job->partial)
			(*partial)++;
		markers_release(&job->markers);
		json_decref(job->held);
		json_decref(job->aliases);
		json_decref(job->asked);
		json_decref(job->latest);
		json_decref(job->tags);
		free(job->inv);
		free(job->inv_have);
		free(job->region);
		free(job->endpoint);
	}
	free(lv.jobs);
	http_engine_free(lv.http);
	for (int a = 0; a < nacct; a++) {
		aws_creds_release(&accts[a].creds);
		free(accts[a].id);
	}
	free(accts);
	aws_creds_release(&base);
	return lv.fatal ? -1 : failed;
}
