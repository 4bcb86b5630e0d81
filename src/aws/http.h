/* http: signed AWS requests on libcurl's multi interface. One event loop: many requests in
 * flight (keep-alive), a cap on requests in flight, a request-rate limit per bucket (an
 * account and region: never more than the rate, retries included, in any one-second window), and retries with capped exponential backoff and full jitter on
 * connection errors, timeouts, 429 (honouring Retry-After up to the backoff's cap, with
 * one warning when a server asks for longer), 5xx and bodies the caller could not parse. */
#ifndef SUNSET_AWS_HTTP_H
#define SUNSET_AWS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"
#include "aws/creds.h"

struct http_engine;
struct http_call;

/* What a completion callback tells the engine. */
enum http_verdict { HTTP_DONE, HTTP_RETRY };

/* done is called once per attempt that reached a final state: status is the HTTP status
 * (0 when the transfer failed: err says why). Return HTTP_RETRY to have the engine retry
 * (for a body that is cut off or unparsable); the engine gives up after max attempts and
 * calls done once more with `final` set. The body is valid during the call only. */
typedef enum http_verdict (*http_done_fn)(void *ctx, long status, const char *body, size_t len, const char *err,
					  bool final);

struct http_request {
	const char *bucket;   /* rate-limit key, e.g. "111122223333/us-east-1" */
	double rate;          /* the bucket's requests per second (0: the engine's rate); the
			       * first request of a bucket sets it */
	const char *method;   /* "GET", "POST" */
	const char *endpoint; /* "https://lambda.us-east-1.amazonaws.com" (no trailing slash) */
	const char *path;     /* wire form, percent-encoded */
	const char *query;    /* wire form without '?', or NULL */
	const char *body;     /* or NULL */
	size_t body_len;
	const char *content_type; /* with a body */
	const char *target;       /* X-Amz-Target (JSON 1.1 protocols), or NULL */
	const char *region, *service; /* for signing */
	http_done_fn done;
	void *ctx;
	bool urgent; /* on the critical path (the next page): starts before queued requests */
	const struct aws_creds *creds; /* borrowed; NULL: the engine's (one account each) */
	/* capture_header: a response header's name ("X-Amz-Function-Error"); its value (of the
	 * last attempt) is appended to *captured, which must outlive the request. Or NULL. */
	const char *capture_header;
	struct strbuf *captured;
	const char *bearer; /* unsigned requests only: sent as x-amz-sso_bearer_token (IAM Identity
			     * Center's portal); a secret: never printed, wiped when freed */
};

struct http_options {
	int concurrency;       /* requests in flight, all buckets together */
	double rate;           /* requests per second per bucket */
	int max_attempts;      /* per request, retries included */
	long connect_timeout_ms, timeout_ms;
	long base_delay_ms, max_delay_ms; /* backoff */
};

void http_options_default(struct http_options *o);
/* http_engine_new borrows creds (they must outlive the engine; NULL sends unsigned
 * requests, for STS AssumeRoleWithWebIdentity). NULL after an error line. */
struct http_engine *http_engine_new(const struct http_options *o, const struct aws_creds *creds);
void http_engine_free(struct http_engine *e);
/* A refresh hook: called before signing with credentials that expire within 5 minutes;
 * it replaces *creds in place and returns 0, or -1 (the old ones are used while valid). */
typedef int (*http_refresh_fn)(void *ctx, struct aws_creds *creds);
void http_set_refresh(struct http_engine *e, http_refresh_fn fn, void *ctx);

/* http_submit queues a request (copied). Safe to call from a done callback. */
void http_submit(struct http_engine *e, const struct http_request *rq);
/* http_run runs until no request is queued or in flight. Returns 0, -1 on a fatal error. */
int http_run(struct http_engine *e);

/* http_retry_after_ms reads a Retry-After value (seconds, or an HTTP-date against `now`,
 * seconds since the epoch) and returns the wait in ms, at most cap_ms (0 when the value
 * is absent, past or unreadable); *asked_s is what the server asked for, in seconds. */
long http_retry_after_ms(const char *value, size_t len, long long now, long cap_ms, long *asked_s);

struct http_stats {
	size_t requests, retries, throttled, failed;
};
void http_stats(const struct http_engine *e, struct http_stats *out);

/* http_get fetches `url` with a plain GET: no credentials, the same TLS, proxy and timeout
 * settings as the signed requests, redirects only to the same scheme, one retry on a
 * transfer error, 429 or 5xx. The body (at most max_body bytes) is appended to *body.
 * Returns 0 on HTTP 200, else -1 after an error line naming the URL. */
int http_get(const char *url, size_t max_body, struct strbuf *body);

#endif
