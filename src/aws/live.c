#include "aws/live.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/msg.h"
#include "source/function_item.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "aws/creds.h"
#include "aws/endpoint.h"
#include "aws/org.h"
#include "aws/regions.h"
#include "aws/sts.h"
#include "aws/markers.h"
#include "aws/sigv4.h"
#include "aws/tags.h"
#include "aws/usage.h"

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
	size_t index;     /* in lv->jobs, which holds NULL once the region is recorded and freed */
	struct account *acct;
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
	size_t functions, versions; /* items read: $LATEST ones, and all */
	char *error;      /* the first failure, for the coverage entry */
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
	struct region_job **jobs;   /* each allocated alone: requests point at them */
	size_t njobs, jobs_alloc, regions_done, functions;
	size_t sts_pending;         /* AssumeRole calls not answered yet */
	size_t unread;              /* accounts that could not be entered */
	size_t unread_regions, partial_regions; /* regions recorded so far: not read at all, read in part */
	int next_acct;              /* the next account to enter */
	size_t active;              /* accounts entered whose regions are not all recorded */
	size_t max_active;          /* how many accounts are in progress at once */
	const char *sts_endpoint, *ec2_endpoint;
	bool fatal;
};

static void progress(struct live *lv)
{
	if (!lv->o->progress)
		return;
	fprintf(stderr, "\rsunset: regions %zu/%zu, function versions %zu, findings %zu ", lv->regions_done, lv->njobs,
		lv->functions, lv->s->findings);
	if (lv->regions_done == lv->njobs && !lv->active)
		fputc('\n', stderr);
}

/* region_error records the first failure of a region (the rest of it is still reported). */
static void region_error(struct region_job *job, const char *what, const char *detail)
{
	if (job->failed)
		return;
	job->failed = true;
	struct strbuf e = STRBUF_INIT;
	sb_addf(&e, "%s: %s", what, detail);
	job->error = sb_detach(&e);
	errlist_add(&job->lv->s->errors, SRC, NULL, 0, 0, job->account, job->region, "%s", job->error);
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

static void region_done(struct region_job *job);

/* finish_region runs once per region, when its listing and every ListAliases are done:
 * the place for more per-region work on the flagged functions (job->held) before they are
 * emitted; region_done then records the region and frees it. */
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
	struct live *lv = job->lv;
	lv->regions_done++;
	region_done(job); /* frees job */
	progress(lv);
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
		job->versions++;
		if (function_item_read(fn, SRC, &it, e, sizeof(e)) < 0) {
			errlist_add(&lv->s->errors, SRC, NULL, 0, 0, job->account, job->region, "ListFunctions item: %s", e);
			job->partial = true;
			continue;
		}
		job->functions += !it.r.version || !strcmp(it.r.version, "$LATEST");
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
	struct live *lv;
	char *id;   /* NULL when the caller's own account could not be named */
	struct aws_creds creds;
	size_t regions_left; /* regions not recorded yet */
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

static void account_done(struct live *lv);

/* start_regions makes the account's region jobs and starts each one's listing at once. */
static void start_regions(struct live *lv, struct account *ac, const char *const *regions, size_t nreg)
{
	for (size_t i = 0; i < nreg; i++) {
		ALLOC_GROW(lv->jobs, lv->njobs + 1, lv->jobs_alloc);
		struct region_job *job = xcalloc(1, sizeof(*job));
		job->index = lv->njobs;
		lv->jobs[lv->njobs++] = job;
		job->lv = lv;
		job->acct = ac;
		ac->regions_left++;
		job->region = xstrdup(regions[i]);
		job->account = ac->id;
		job->creds = &ac->creds;
		job->endpoint = endpoint_for(lv->o, regions[i]);
		job->held = json_array();
		job->aliases = json_object();
		job->asked = json_object();
		job->latest = json_object();
		job->tags = json_object();
		snprintf(job->bucket, sizeof(job->bucket), "%s/%s", ac->id ? ac->id : "self", regions[i]);
		submit_list(job, NULL);
	}
	progress(lv);
	if (!ac->regions_left)
		account_done(lv);
}

static enum http_verdict on_regions(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct account *ac = vctx;
	struct live *lv = ac->lv;
	char **found = NULL, why[300];
	size_t nfound = 0;
	if (status == 200 && regions_parse_describe(body, len, &found, &nfound) > 0) {
		debugf("DescribeRegions%s%s: %zu regions enabled", ac->id ? " in " : "", ac->id ? ac->id : "", nfound);
		start_regions(lv, ac, (const char *const *)found, nfound);
		for (size_t i = 0; i < nfound; i++)
			free(found[i]);
		free(found);
		return HTTP_DONE;
	}
	for (size_t i = 0; i < nfound; i++)
		free(found[i]);
	free(found);
	if (status == 200 && !final)
		return HTTP_RETRY;
	if (err)
		snprintf(why, sizeof(why), "%s", err);
	else if (status == 200)
		snprintf(why, sizeof(why), "the response is not a DescribeRegions result");
	else if (status == 403)
		snprintf(why, sizeof(why), "access denied (HTTP 403)");
	else
		snprintf(why, sizeof(why), "HTTP %ld", status);
	warnf("cannot list the account's regions with EC2 DescribeRegions (%s); scanning the regions every "
	      "account has; give --region for opt-in regions",
	      why);
	if (!strncmp(lv->home, "cn-", 3))
		start_regions(lv, ac, live_cn_regions, 2);
	else if (!strncmp(lv->home, "us-gov-", 7))
		start_regions(lv, ac, live_gov_regions, 2);
	else
		start_regions(lv, ac, live_default_regions, live_default_regions_count);
	return HTTP_DONE;
}

/* start_account starts an account whose credentials are there: its regions at once, or
 * first EC2 DescribeRegions (on the same event loop) when no --region was given. */
static void start_account(struct live *lv, struct account *ac)
{
	static const char body[] = "Action=DescribeRegions&Version=2016-11-15";
	if (lv->o->regions) {
		start_regions(lv, ac, lv->o->regions, lv->o->nregions);
		return;
	}
	char bucket[64];
	snprintf(bucket, sizeof(bucket), "%s/ec2", ac->id ? ac->id : "self");
	struct http_request rq = {
		.bucket = bucket, .method = "POST", .endpoint = lv->ec2_endpoint, .path = "/", .body = body,
		.body_len = sizeof(body) - 1, .content_type = "application/x-www-form-urlencoded; charset=utf-8",
		.region = lv->home, .service = "ec2", .done = on_regions, .ctx = ac, .urgent = true, .creds = &ac->creds,
	};
	http_submit(lv->http, &rq);
}

/* account_unread records an account whose role could not be assumed: an error, and a
 * coverage entry for each region it would have had (one without a region when the
 * regions were to be discovered with its credentials). */
static void account_unread(struct live *lv, struct account *ac, const char *arn, const char *why)
{
	struct scan *s = lv->s;
	enum cov_status st = coverage_status_of(why);
	struct strbuf e = STRBUF_INIT;
	sb_addf(&e, "cannot assume role %s in this account: %s", arn, why);
	errlist_add(&s->errors, SRC, NULL, 0, 0, ac->id, NULL, "%s", e.buf);
	if (lv->o->regions)
		for (size_t i = 0; i < lv->o->nregions; i++)
			coverage_add(&s->cov, "account-region", ac->id, lv->o->regions[i], NULL, st, 0, 0, e.buf);
	else
		coverage_add(&s->cov, "account-region", ac->id, NULL, NULL, st, 0, 0, e.buf);
	sb_release(&e);
	lv->unread++;
	account_done(lv);
}

struct sts_req {
	struct account *ac;
	char arn[256];
};

static enum http_verdict on_assumed(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct sts_req *rq = vctx;
	struct account *ac = rq->ac;
	struct live *lv = ac->lv;
	char why[400], src[320];
	snprintf(src, sizeof(src), "AssumeRole %.200s", rq->arn);
	if (status == 200 && sts_parse_credentials(body, len, src, &ac->creds, why, sizeof(why)) == 0) {
		ac->ok = true;
		debugf("account %s: credentials from %s", ac->id, ac->creds.source);
	} else {
		if (status == 200 && !final)
			return HTTP_RETRY; /* cut off: ask again */
		struct aws_creds none;
		if (err)
			snprintf(why, sizeof(why), "%s", err);
		else if (!len || sts_parse_credentials(body, len, src, &none, why, sizeof(why)) == 0)
			snprintf(why, sizeof(why), "HTTP %ld", status);
		if (!err && len)
			aws_creds_release(&none);
		aws_creds_release(&ac->creds);
	}
	lv->sts_pending--;
	if (ac->ok)
		start_account(lv, ac);
	else
		account_unread(lv, ac, rq->arn, why);
	free(rq);
	return HTTP_DONE;
}

/* submit_assume asks STS for an account's credentials on the scan's engine: every
 * account's AssumeRole is in flight at once, under STS's own rate. */
static void submit_assume(struct live *lv, struct account *ac)
{
	struct sts_req *rq = xcalloc(1, sizeof(*rq));
	struct strbuf form = STRBUF_INIT;
	rq->ac = ac;
	role_arn_for(lv->o, lv->home, ac->id, rq->arn, sizeof(rq->arn));
	struct sts_role role = {.role_arn = rq->arn, .session_name = "sunset-scan", .external_id = lv->o->external_id,
				.region = lv->home};
	sts_assume_role_form(&role, &form);
	struct http_request hr = {
		.bucket = "sts", .rate = lv->o->sts_rate, .method = "POST", .endpoint = lv->sts_endpoint, .path = "/",
		.body = form.buf, .body_len = form.len,
		.content_type = "application/x-www-form-urlencoded; charset=utf-8", .region = lv->home, .service = "sts",
		.done = on_assumed, .ctx = rq, .urgent = true, .creds = lv->base,
	};
	lv->sts_pending++;
	http_submit(lv->http, &hr);
	sb_release(&form);
}

/* enter_next lets accounts in while fewer than max_active are in progress: their
 * AssumeRole is sent (or, for the caller's own account, its regions start). */
static void enter_next(struct live *lv)
{
	while (lv->active < lv->max_active && lv->next_acct < lv->nacct) {
		struct account *ac = &lv->accts[lv->next_acct++];
		lv->active++;
		if (lv->o->org || lv->o->naccounts)
			submit_assume(lv, ac);
		else
			start_account(lv, ac);
	}
}

/* account_done: an account's regions are all recorded (or it could not be entered). */
static void account_done(struct live *lv)
{
	lv->active--;
	enter_next(lv);
}

/* accounts_for fills the accounts to scan: the organization's (with their names), the list
 * given, or the caller's own (one entry with the base credentials, named by its IAM
 * alias). Returns the count, -1 on failure. */
static int accounts_for(struct live *lv, struct account **out)
{
	const struct live_opts *o = lv->o;
	char **ids = NULL, **names = NULL;
	size_t n = 0;
	if (o->org) {
		if (org_list_accounts(lv->base, &ids, &names, &n) < 0)
			return -1;
	} else if (o->naccounts) {
		ids = xcalloc(o->naccounts, sizeof(*ids));
		for (size_t i = 0; i < o->naccounts; i++)
			ids[n++] = xstrdup(o->accounts[i]);
	} else {
		struct account *a = *out = xcalloc(1, sizeof(**out));
		a->lv = lv;
		aws_creds_copy(&a->creds, lv->base); /* not the chain again: a process may run */
		a->ok = true;
		char acct[13];
		if (sts_caller_account(&a->creds, lv->home, acct) == 0) {
			char *alias = NULL;
			a->id = xstrdup(acct); /* so that errors name the account */
			a->self = true;
			if (org_account_alias(&a->creds, &alias) == 0 && alias)
				coverage_name(&lv->s->cov, acct, alias);
			debugf("scanning account %s%s%s", acct, alias ? " " : "", alias ? alias : "");
			free(alias);
		}
		return 1;
	}
	*out = xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		(*out)[i].lv = lv;
		(*out)[i].id = ids[i];
		if (names && names[i])
			coverage_name(&lv->s->cov, ids[i], names[i]);
		if (names)
			free(names[i]);
	}
	free(ids);
	free(names);
	return (int)n;
}

static void enter_next(struct live *lv);

/* job_free releases a region's state. */
static void job_free(struct region_job *job)
{
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
	free(job->error);
	free(job);
}

/* region_done records a finished region (its coverage entry, whether it was read) and
 * frees it: memory holds only the regions in progress. The last region of an account
 * lets the next account in. */
static void region_done(struct region_job *job)
{
	struct live *lv = job->lv;
	enum cov_status st = COV_SCANNED;
	const char *err = job->error;
	if (job->failed)
		st = job->pages ? COV_FAILED : coverage_status_of(job->error);
	else if (job->partial)
		err = "some items could not be read (see errors)";
	coverage_add(&lv->s->cov, "account-region", job->account, job->region, NULL, st, job->functions, job->versions,
		     err);
	/* a region that failed after reading pages is incomplete, not unread */
	if (job->failed && !job->pages)
		lv->unread_regions++;
	else if (job->failed || job->partial)
		lv->partial_regions++;
	struct account *ac = job->acct;
	lv->jobs[job->index] = NULL;
	job_free(job);
	if (--ac->regions_left == 0)
		account_done(lv);
}

int live_scan(struct scan *s, const struct live_opts *o, size_t *nregions, size_t *partial)
{
	struct aws_creds base;
	struct live lv = {.s = s, .o = o};
	struct account *accts = NULL;
	int failed = 0, nacct;
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
	lv.base = &base;
	lv.home = home;
	nacct = accounts_for(&lv, &accts);
	if (nacct < 0) {
		aws_creds_release(&base);
		return -1;
	}
	lv.accts = accts;
	lv.nacct = nacct;
	/* accounts in progress at once: enough regions to keep every connection busy, few
	 * enough that memory does not grow with the number of accounts */
	lv.max_active = (size_t)(o->http.concurrency > 16 ? o->http.concurrency : 16);
	lv.http = http_engine_new(&o->http, NULL);
	char *sts = aws_endpoint(NULL, "AWS_ENDPOINT_URL_STS", "sts", home);
	char *ec2 = o->regions ? NULL : aws_endpoint(NULL, "AWS_ENDPOINT_URL_EC2", "ec2", home);
	lv.sts_endpoint = sts;
	lv.ec2_endpoint = ec2;
	if (lv.http) {
		http_set_refresh(lv.http, refresh, &lv);
		enter_next(&lv);
	}
	if (!lv.http || http_run(lv.http) < 0)
		failed = -1;
	*nregions = lv.njobs + lv.unread;
	if (failed >= 0)
		failed += (int)(lv.unread + lv.unread_regions);
	*partial = lv.partial_regions;
	for (size_t i = 0; i < lv.njobs; i++) {
		struct region_job *job = lv.jobs[i];
		if (!job)
			continue;
		/* only after a fatal error: a region still in progress */
		job_free(job);
	}
	free(sts);
	free(ec2);
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
