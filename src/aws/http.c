#include "aws/http.h"

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/clock.h"
#include "util/msg.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "aws/endpoint.h"
#include "aws/sigv4.h"

#define MAX_BODY (32u << 20) /* a response larger than this is cut off and retried */

/* The rate limit holds in every one-second window: a bucket keeps the start times of its
 * last `cap` requests (retries included), and a request starts only when the oldest of
 * them is at least RATE_WINDOW_S old. RATE_WINDOW_S is a little over a second so that the
 * server, which sees the requests a few milliseconds later and not all equally late,
 * counts no more than `cap` in any second either. */
#define RATE_WINDOW_S 1.05

struct bucket {
	char *key;
	double *ring;     /* start times of the last `cap` requests, oldest at `head` */
	size_t cap, used, head;
};

struct call {
	struct http_request rq; /* strings owned (copied) */
	int attempts;
	double not_before;      /* monotonic seconds */
	struct strbuf resp;
	long retry_after_ms;    /* capped at max_delay_ms */
	long retry_after_asked; /* seconds the server asked for */
	long max_delay_ms;
	CURL *easy;
	struct curl_slist *hdrs;
	char errbuf[CURL_ERROR_SIZE];
	bool too_big;
	struct bucket *bucket;  /* its rate-limit bucket (buckets never move) */
	struct call *next;
};

struct http_engine {
	struct http_options o;
	const struct aws_creds *creds;
	CURLM *multi;
	/* Calls waiting to start, in two lanes walked in order: 0 for calls that continue the
	 * work of a bucket already started (next pages, aliases, retries: the long chains,
	 * whose rate slots must not wait behind other regions' first pages), 1 for the calls
	 * of buckets not started yet. Lane 0 in submission order with urgent calls at its
	 * front, lane 1 in submission order; tail pointers make appending O(1). */
	struct call *queue[2];
	struct call **tailp[2];
	size_t in_flight;
	struct bucket **buckets; /* open addressing on the key */
	size_t nbuckets, bucket_slots;
	struct http_stats st;
	unsigned rng;
	bool warned_retry_after;
	http_refresh_fn refresh;
	void *refresh_ctx;
};

#define REFRESH_MARGIN_S 300

void http_set_refresh(struct http_engine *e, http_refresh_fn fn, void *ctx)
{
	e->refresh = fn;
	e->refresh_ctx = ctx;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void http_options_default(struct http_options *o)
{
	o->concurrency = 64;
	o->rate = 10;
	o->max_attempts = 6;
	o->connect_timeout_ms = 5000;
	o->timeout_ms = 30000;
	o->base_delay_ms = 200;
	o->max_delay_ms = 20000;
}

static int global_init(void)
{
	static bool done;
	if (!done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return errorf("cannot initialise libcurl");
		done = true;
	}
	return 0;
}

/* easy_common: what every transfer shares, signed or not: timeouts, http(s) only, TLS
 * verified against AWS_CA_BUNDLE or the system CAs, the proxy variables (curl reads
 * http_proxy, https_proxy and no_proxy itself). */
static void easy_common(CURL *ez, long connect_timeout_ms, long timeout_ms, char *errbuf)
{
	curl_easy_setopt(ez, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(ez, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
	curl_easy_setopt(ez, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(ez, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(ez, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(ez, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(ez, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(ez, CURLOPT_USERAGENT, "sunset/0.1 (A-LAM-3)");
	const char *ca = getenv("AWS_CA_BUNDLE");
	if (ca && *ca)
		curl_easy_setopt(ez, CURLOPT_CAINFO, ca);
}

struct http_engine *http_engine_new(const struct http_options *o, const struct aws_creds *creds)
{
	if (global_init() < 0)
		return NULL;
	struct http_engine *e = xcalloc(1, sizeof(*e));
	e->o = *o;
	e->creds = creds;
	e->multi = curl_multi_init();
	e->tailp[0] = &e->queue[0];
	e->tailp[1] = &e->queue[1];
	e->rng = (unsigned)time(NULL) ^ (unsigned)(size_t)e;
	curl_multi_setopt(e->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o->concurrency);
	return e;
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static void call_free(struct call *c)
{
	free((char *)c->rq.bucket);
	free((char *)c->rq.method);
	free((char *)c->rq.endpoint);
	free((char *)c->rq.path);
	free((char *)c->rq.query);
	free((char *)c->rq.body);
	free((char *)c->rq.content_type);
	free((char *)c->rq.target);
	free((char *)c->rq.region);
	free((char *)c->rq.service);
	free((char *)c->rq.capture_header);
	if (c->rq.bearer) {
		OPENSSL_cleanse((char *)c->rq.bearer, strlen(c->rq.bearer));
		free((char *)c->rq.bearer);
	}
	sb_release(&c->resp);
	if (c->hdrs)
		curl_slist_free_all(c->hdrs);
	if (c->easy)
		curl_easy_cleanup(c->easy);
	free(c);
}

void http_engine_free(struct http_engine *e)
{
	if (!e)
		return;
	for (int l = 0; l < 2; l++)
		while (e->queue[l]) {
			struct call *c = e->queue[l];
			e->queue[l] = c->next;
			call_free(c);
		}
	for (size_t i = 0; i < e->bucket_slots; i++)
		if (e->buckets[i]) {
			free(e->buckets[i]->key);
			free(e->buckets[i]->ring);
			free(e->buckets[i]);
		}
	free(e->buckets);
	curl_multi_cleanup(e->multi);
	free(e);
}

void http_stats(const struct http_engine *e, struct http_stats *out) { *out = e->st; }

static void enqueue(struct http_engine *e, struct call *c, int lane)
{
	c->next = NULL;
	*e->tailp[lane] = c;
	e->tailp[lane] = &c->next;
}

static struct bucket *bucket_for(struct http_engine *e, const char *key, double rate);

void http_submit(struct http_engine *e, const struct http_request *rq)
{
	struct call *c = xcalloc(1, sizeof(*c));
	c->rq = *rq;
	c->rq.bucket = dup_or_null(rq->bucket);
	c->rq.method = dup_or_null(rq->method);
	c->rq.endpoint = dup_or_null(rq->endpoint);
	c->rq.path = dup_or_null(rq->path);
	c->rq.query = dup_or_null(rq->query);
	c->rq.body = rq->body ? xstrndup(rq->body, rq->body_len) : NULL;
	c->rq.content_type = dup_or_null(rq->content_type);
	c->rq.target = dup_or_null(rq->target);
	c->rq.region = dup_or_null(rq->region);
	c->rq.service = dup_or_null(rq->service);
	c->rq.capture_header = dup_or_null(rq->capture_header);
	c->rq.bearer = dup_or_null(rq->bearer);
	c->max_delay_ms = e->o.max_delay_ms;
	c->bucket = bucket_for(e, c->rq.bucket ? c->rq.bucket : "", rq->rate);
	int lane = c->bucket->used == 0; /* nothing of its bucket started yet: a first call */
	if (rq->urgent && !lane) { /* first calls stay in submission order: who was ready first */
		c->next = e->queue[lane];
		if (!e->queue[lane])
			e->tailp[lane] = &c->next;
		e->queue[lane] = c;
	} else {
		enqueue(e, c, lane);
	}
}

static size_t key_hash(const char *k)
{
	size_t h = 1469598103934665603ull;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ull;
	return h;
}

/* bucket_for finds or makes the bucket of `key`: `rate` requests per window (the engine's
 * rate when 0), fixed by the first request of the bucket. */
static struct bucket *bucket_for(struct http_engine *e, const char *key, double rate)
{
	if (2 * (e->nbuckets + 1) > e->bucket_slots) {
		size_t n = e->bucket_slots ? e->bucket_slots * 2 : 64;
		struct bucket **t = xcalloc(n, sizeof(*t));
		for (size_t i = 0; i < e->bucket_slots; i++) {
			struct bucket *b = e->buckets[i];
			if (!b)
				continue;
			size_t j = key_hash(b->key) & (n - 1);
			while (t[j])
				j = (j + 1) & (n - 1);
			t[j] = b;
		}
		free(e->buckets);
		e->buckets = t;
		e->bucket_slots = n;
	}
	size_t j = key_hash(key) & (e->bucket_slots - 1);
	for (; e->buckets[j]; j = (j + 1) & (e->bucket_slots - 1))
		if (!strcmp(e->buckets[j]->key, key))
			return e->buckets[j];
	struct bucket *b = xcalloc(1, sizeof(*b));
	if (rate <= 0)
		rate = e->o.rate;
	b->key = xstrdup(key);
	b->cap = rate >= 1 ? (size_t)rate : 1;
	b->ring = xcalloc(b->cap, sizeof(*b->ring));
	e->buckets[j] = b;
	e->nbuckets++;
	return b;
}

/* take_slot: 0 when a request may start now at time t (and records it), else the
 * seconds to wait. */
static double take_slot(struct bucket *b, double t)
{
	if (b->used < b->cap) {
		b->ring[(b->head + b->used++) % b->cap] = t;
		return 0;
	}
	double oldest = b->ring[b->head];
	if (t - oldest < RATE_WINDOW_S)
		return oldest + RATE_WINDOW_S - t;
	b->ring[b->head] = t;
	b->head = (b->head + 1) % b->cap;
	return 0;
}

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	struct call *c = ud;
	if (c->resp.len + size * n > MAX_BODY) {
		c->too_big = true;
		return 0; /* abort the transfer */
	}
	sb_add(&c->resp, data, size * n);
	return size * n;
}

long http_retry_after_ms(const char *value, size_t len, long long now, long cap_ms, long *asked_s)
{
	char v[64];
	long long secs;
	*asked_s = 0;
	while (len && (*value == ' ' || *value == '\t'))
		value++, len--;
	while (len && (value[len - 1] == '\r' || value[len - 1] == '\n' || value[len - 1] == ' ' || value[len - 1] == '\t'))
		len--;
	if (!len || len >= sizeof(v))
		return 0;
	memcpy(v, value, len);
	v[len] = '\0';
	if (strspn(v, "0123456789") == len) {
		if (len > 12)
			secs = 999999999999LL; /* absurd, but a request to wait: capped below */
		else
			secs = strtoll(v, NULL, 10);
	} else {
		time_t at = curl_getdate(v, NULL); /* the HTTP-date form */
		if (at == (time_t)-1)
			return 0;
		secs = (long long)at - now;
	}
	if (secs <= 0)
		return 0;
	*asked_s = secs > 999999999LL ? 999999999L : (long)secs;
	if (secs * 1000 > cap_ms)
		return cap_ms;
	return (long)secs * 1000;
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
	struct call *c = ud;
	size_t len = size * n;
	if (len > 12 && !strncasecmp(data, "retry-after:", 12))
		c->retry_after_ms =
			http_retry_after_ms(data + 12, len - 12, (long long)clock_wall(), c->max_delay_ms, &c->retry_after_asked);
	size_t hn = c->rq.capture_header ? strlen(c->rq.capture_header) : 0;
	if (hn && c->rq.captured && len > hn && data[hn] == ':' && !strncasecmp(data, c->rq.capture_header, hn)) {
		const char *v = data + hn + 1;
		size_t vn = len - hn - 1;
		while (vn && (*v == ' ' || *v == '\t'))
			v++, vn--;
		while (vn && (v[vn - 1] == '\r' || v[vn - 1] == '\n' || v[vn - 1] == ' '))
			vn--;
		c->rq.captured->len = 0;
		if (c->rq.captured->buf)
			c->rq.captured->buf[0] = '\0';
		sb_add(c->rq.captured, v, vn);
	}
	return len;
}

/* start signs the call as of now and hands it to curl. No buffer here has a fixed size:
 * the signature covers the whole URL and every header, so none may be cut. */
static int start(struct http_engine *e, struct call *c)
{
	char amz_date[17];
	time_t t = (time_t)clock_wall();
	struct tm tm;
	struct sigv4_result sig;

	gmtime_r(&t, &tm);
	strftime(amz_date, sizeof(amz_date), "%Y%m%dT%H%M%SZ", &tm);
	char *host = aws_url_host(c->rq.endpoint);
	char *url = xasprintf("%s%s%s%s", c->rq.endpoint, c->rq.path, c->rq.query && *c->rq.query ? "?" : "",
			      c->rq.query ? c->rq.query : "");

	struct sigv4_header sh[6];
	size_t nh = 0;
	const struct aws_creds *cr = c->rq.creds ? c->rq.creds : e->creds;
	if (cr && cr->expiration && cr->expiration - (long long)t < REFRESH_MARGIN_S && e->refresh) {
		/* temporary credentials about to expire in a long scan: renew before signing */
		if (e->refresh(e->refresh_ctx, (struct aws_creds *)cr) == 0)
			debugf("credentials renewed (%s)", cr->source);
	}
	bool anonymous = !cr; /* STS AssumeRoleWithWebIdentity is not signed */
	sh[nh++] = (struct sigv4_header){"host", host};
	sh[nh++] = (struct sigv4_header){"x-amz-date", amz_date};
	if (!anonymous && cr->session_token)
		sh[nh++] = (struct sigv4_header){"x-amz-security-token", cr->session_token};
	if (c->rq.content_type)
		sh[nh++] = (struct sigv4_header){"content-type", c->rq.content_type};
	if (c->rq.target)
		sh[nh++] = (struct sigv4_header){"x-amz-target", c->rq.target};
	struct sigv4_request srq = {c->rq.method, c->rq.path, c->rq.query, sh, nh, c->rq.body, c->rq.body_len};
	struct sigv4_key key = {anonymous ? "anonymous" : cr->access_key, anonymous ? "-" : cr->secret_key,
				c->rq.region, c->rq.service, amz_date};
	if (sigv4_sign(&srq, &key, &sig) < 0) {
		errorf("cannot sign a request to %s: %s", host, sig.error ? sig.error : "invalid input");
		sigv4_result_release(&sig);
		free(host);
		free(url);
		return -1;
	}

	if (c->hdrs)
		curl_slist_free_all(c->hdrs);
	c->hdrs = NULL;
	for (size_t i = 1; i < nh; i++) { /* curl sends Host itself */
		char *hdr = xasprintf("%s: %s", sh[i].name, sh[i].value);
		c->hdrs = curl_slist_append(c->hdrs, hdr);
		OPENSSL_cleanse(hdr, strlen(hdr)); /* may hold the session token */
		free(hdr);
	}
	if (!anonymous) {
		char *hdr = xasprintf("Authorization: %s", sig.authorization);
		c->hdrs = curl_slist_append(c->hdrs, hdr);
		free(hdr);
	} else if (c->rq.bearer) {
		char *hdr = xasprintf("x-amz-sso_bearer_token: %s", c->rq.bearer);
		c->hdrs = curl_slist_append(c->hdrs, hdr);
		OPENSSL_cleanse(hdr, strlen(hdr));
		free(hdr);
	}
	c->hdrs = curl_slist_append(c->hdrs, "Expect:");
	if (msg_debug_enabled()) {
		size_t rn = strlen(sig.authorization ? sig.authorization : "") + 32;
		char *red = xmalloc(rn), *shown = aws_url_redact(url);
		sigv4_redact(sig.authorization, red, rn);
		debugf("%s %s (attempt %d) Authorization: %s", c->rq.method, shown, c->attempts + 1, red);
		free(red);
		free(shown);
	}
	sigv4_result_release(&sig);
	free(host);

	if (!c->easy)
		c->easy = curl_easy_init();
	else
		curl_easy_reset(c->easy);
	sb_release(&c->resp);
	c->too_big = false;
	c->retry_after_ms = 0;
	c->retry_after_asked = 0;
	c->errbuf[0] = '\0';
	CURL *ez = c->easy;
	curl_easy_setopt(ez, CURLOPT_URL, url); /* curl copies it */
	free(url);
	curl_easy_setopt(ez, CURLOPT_CUSTOMREQUEST, c->rq.method);
	curl_easy_setopt(ez, CURLOPT_HTTPHEADER, c->hdrs);
	curl_easy_setopt(ez, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(ez, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(ez, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(ez, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(ez, CURLOPT_PRIVATE, c);
	easy_common(ez, e->o.connect_timeout_ms, e->o.timeout_ms, c->errbuf);
	if (c->rq.body) {
		curl_easy_setopt(ez, CURLOPT_POSTFIELDS, c->rq.body);
		curl_easy_setopt(ez, CURLOPT_POSTFIELDSIZE, (long)c->rq.body_len);
	}
	curl_multi_add_handle(e->multi, ez);
	e->in_flight++;
	e->st.requests++;
	return 0;
}

static long backoff_ms(struct http_engine *e, int attempt)
{
	long cap = e->o.base_delay_ms << (attempt < 16 ? attempt : 16);
	if (cap > e->o.max_delay_ms || cap <= 0)
		cap = e->o.max_delay_ms;
	e->rng = e->rng * 1103515245u + 12345u;
	return (long)((double)((e->rng >> 8) & 0xffff) / 65536.0 * (double)cap); /* full jitter */
}

/* finish handles a completed transfer: callback, retry or free. */
static void finish(struct http_engine *e, struct call *c, CURLcode res)
{
	long status = 0;
	char err[CURL_ERROR_SIZE + 64] = "";
	curl_multi_remove_handle(e->multi, c->easy);
	e->in_flight--;
	c->attempts++;
	if (res == CURLE_OK)
		curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
	else if (c->too_big)
		snprintf(err, sizeof(err), "response larger than %u bytes", MAX_BODY);
	else
		snprintf(err, sizeof(err), "%s", c->errbuf[0] ? c->errbuf : curl_easy_strerror(res));

	bool retryable = res != CURLE_OK || status == 429 || status >= 500;
	bool last = c->attempts >= e->o.max_attempts;
	if (status == 429)
		e->st.throttled++;
	if (!retryable || last) {
		enum http_verdict v = c->rq.done(c->rq.ctx, status, c->resp.buf ? c->resp.buf : "", c->resp.len,
						 err[0] ? err : NULL, last);
		if (v == HTTP_RETRY && !last)
			retryable = true;
		else {
			if (retryable)
				e->st.failed++;
			call_free(c);
			return;
		}
	}
	e->st.retries++;
	long wait = backoff_ms(e, c->attempts);
	if (c->retry_after_ms > wait)
		wait = c->retry_after_ms;
	if (c->retry_after_asked * 1000 > e->o.max_delay_ms && !e->warned_retry_after) {
		char *host = aws_url_host(c->rq.endpoint);
		warnf("%s asked to wait %ld s before retrying (Retry-After); waiting at most %ld s", host,
		      c->retry_after_asked, e->o.max_delay_ms / 1000);
		free(host);
		e->warned_retry_after = true;
	}
	c->not_before = now_s() + (double)wait / 1000.0;
	if (err[0])
		debugf("retrying %s %s in %ld ms (%s)", c->rq.method, c->rq.path, wait, err);
	else
		debugf("retrying %s %s in %ld ms (HTTP %ld)", c->rq.method, c->rq.path, wait, status);
	enqueue(e, c, 0);
}

int http_run(struct http_engine *e)
{
	while (e->queue[0] || e->queue[1] || e->in_flight) {
		double t = now_s(), wait = 1.0;
		/* start what may start: lane by lane, in order, skipping calls whose bucket or
		 * backoff says wait */
		for (int l = 0; l < 2; l++)
		for (struct call **p = &e->queue[l]; *p && (int)e->in_flight < e->o.concurrency;) {
			struct call *c = *p;
			double w = c->not_before > t ? c->not_before - t : 0;
			if (w == 0)
				w = take_slot(c->bucket, t);
			if (w > 0) {
				if (w < wait)
					wait = w;
				p = &c->next;
				continue;
			}
			*p = c->next;
			if (!*p)
				e->tailp[l] = p;
			if (start(e, c) < 0) {
				c->rq.done(c->rq.ctx, 0, "", 0, "cannot sign the request", true);
				e->st.failed++;
				call_free(c);
			}
		}
		int running = 0, numfds;
		curl_multi_perform(e->multi, &running);
		CURLMsg *m;
		int left;
		bool completed = false;
		while ((m = curl_multi_info_read(e->multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			struct call *c = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&c);
			finish(e, c, m->data.result);
			completed = true;
		}
		if (!e->in_flight && !e->queue[0] && !e->queue[1])
			break;
		if (completed)
			continue; /* callbacks may have queued the next page: start it before waiting */
		int ms = (int)(wait * 1000) + 1;
		if (e->in_flight && ms > 100)
			ms = 100;
		if (curl_multi_poll(e->multi, NULL, 0, ms, &numfds) != CURLM_OK)
			return errorf("network event loop failed");
	}
	return 0;
}

/* A plain GET (no credentials, nothing signed): the body up to a cap. */
struct get_ctx {
	struct strbuf *body;
	size_t max;
	bool too_big;
};

static size_t on_get_body(char *data, size_t size, size_t n, void *ud)
{
	struct get_ctx *g = ud;
	if (g->body->len + size * n > g->max) {
		g->too_big = true;
		return 0;
	}
	sb_add(g->body, data, size * n);
	return size * n;
}

int http_get(const char *url, size_t max_body, struct strbuf *body)
{
	char errbuf[CURL_ERROR_SIZE];
	struct http_options o;
	int rc = -1;

	if (global_init() < 0)
		return -1;
	http_options_default(&o);
	/* redirects only to the same scheme: an https page never continues over http */
	const char *scheme = !strncasecmp(url, "https://", 8) ? "https" : "http";
	CURL *ez = curl_easy_init();
	if (!ez)
		return errorf("cannot initialise libcurl");
	for (int attempt = 1; attempt <= 2; attempt++) {
		struct get_ctx g = {body, max_body, false};
		long status = 0;
		sb_release(body);
		errbuf[0] = '\0';
		curl_easy_reset(ez);
		easy_common(ez, o.connect_timeout_ms, o.timeout_ms, errbuf);
		curl_easy_setopt(ez, CURLOPT_URL, url);
		curl_easy_setopt(ez, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(ez, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(ez, CURLOPT_MAXREDIRS, 5L);
		curl_easy_setopt(ez, CURLOPT_REDIR_PROTOCOLS_STR, scheme);
		curl_easy_setopt(ez, CURLOPT_ACCEPT_ENCODING, "");
		curl_easy_setopt(ez, CURLOPT_WRITEFUNCTION, on_get_body);
		curl_easy_setopt(ez, CURLOPT_WRITEDATA, &g);
		debugf("GET %s (attempt %d)", url, attempt);
		CURLcode res = curl_easy_perform(ez);
		if (res == CURLE_OK)
			curl_easy_getinfo(ez, CURLINFO_RESPONSE_CODE, &status);
		if (g.too_big) {
			errorf("%s: the response is larger than %zu bytes", url, max_body);
			break;
		}
		bool retryable = res != CURLE_OK || status == 429 || status >= 500;
		if (!retryable && status == 200) {
			rc = 0;
			break;
		}
		if (!retryable || attempt == 2) {
			if (res != CURLE_OK)
				errorf("%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(res));
			else
				errorf("%s: HTTP status %ld", url, status);
			break;
		}
		debugf("retrying %s in 1 s (%s%ld)", url, res != CURLE_OK ? "transfer error " : "HTTP ", (long)status);
		struct timespec ts = {1, 0};
		nanosleep(&ts, NULL);
	}
	curl_easy_cleanup(ez);
	if (rc < 0)
		sb_release(body);
	return rc;
}
