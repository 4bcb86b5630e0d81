#include "aws/tags.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "aws/sigv4.h"

struct tags_req {
	tags_done_fn done;
	void *ctx;
};

char *tags_parse(const char *body, size_t len)
{
	json_t *doc = json_loadb(body, len, 0, NULL);
	json_t *tags = json_object_get(doc, "Tags");
	char *out = NULL;
	if (json_is_object(tags)) {
		const char *k;
		json_t *v;
		bool ok = true;
		json_object_foreach(tags, k, v) ok &= json_is_string(v);
		if (ok)
			out = json_dumps(tags, JSON_COMPACT | JSON_SORT_KEYS);
	}
	json_decref(doc);
	return out;
}

static enum http_verdict on_tags(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct tags_req *rq = vctx;
	char why[300];
	if (status == 200) {
		char *tags = tags_parse(body, len);
		if (!tags && !final)
			return HTTP_RETRY; /* cut off or not JSON */
		rq->done(rq->ctx, tags, tags ? NULL : "the response is not a tag map");
		free(tags);
	} else {
		json_t *j = err ? NULL : json_loadb(body, len, 0, NULL);
		const char *type = json_string_value(json_object_get(j, "Type"));
		if (!type)
			type = json_string_value(json_object_get(j, "__type"));
		if (err)
			snprintf(why, sizeof(why), "%s", err);
		else
			snprintf(why, sizeof(why), "HTTP %ld%s%.100s", status, type ? " " : "", type ? type : "");
		json_decref(j);
		rq->done(rq->ctx, NULL, why);
	}
	free(rq);
	return HTTP_DONE;
}

void tags_submit(struct http_engine *http, const struct tags_target *t, tags_done_fn done, void *ctx)
{
	struct strbuf path = STRBUF_INIT;
	size_t n = strlen(t->function_arn) * 3 + 1;
	char *enc = xmalloc(n);
	struct tags_req *rq = xcalloc(1, sizeof(*rq));
	rq->done = done;
	rq->ctx = ctx;
	if (sigv4_encode(t->function_arn, strlen(t->function_arn), 0, enc, n) < 0)
		enc[0] = '\0';
	sb_addf(&path, "/2017-03-31/tags/%s", enc);
	free(enc);
	struct http_request r = {
		.bucket = t->bucket, .method = "GET", .endpoint = t->endpoint, .path = path.buf, .region = t->region,
		.service = "lambda", .done = on_tags, .ctx = rq, .creds = t->creds,
	};
	http_submit(http, &r);
	sb_release(&path);
}
