#include "aws/sts.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/crypto.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "util/msg.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "aws/endpoint.h"
#include "aws/http.h"
#include "aws/sigv4.h"

#define TOKEN_MAX (64 << 10)

/* find the first element called `name` below n, depth first */
static xmlNode *find(xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
		xmlNode *c = find(n->children, name);
		if (c)
			return c;
	}
	return NULL;
}

static const char *text_of(xmlNode *root, const char *name)
{
	xmlNode *n = find(root, name);
	return n && n->children && n->children->type == XML_TEXT_NODE ? (const char *)n->children->content : NULL;
}

int sts_parse_credentials(const char *xml, size_t len, const char *source, struct aws_creds *out, char *err,
			  size_t errn)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "sts.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int rc = -1;
	memset(out, 0, sizeof(*out));
	if (!doc) {
		snprintf(err, errn, "the response is not XML");
		return -1;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *code = text_of(root, "Code");
	if (code) {
		const char *msg = text_of(root, "Message");
		snprintf(err, errn, "%.100s%s%.200s", code, msg ? ": " : "", msg ? msg : "");
		goto out;
	}
	xmlNode *cred = find(root, "Credentials");
	const char *ak = text_of(cred, "AccessKeyId"), *sk = text_of(cred, "SecretAccessKey");
	const char *tok = text_of(cred, "SessionToken"), *exp = text_of(cred, "Expiration");
	if (!cred || !ak || !sk || !tok) {
		snprintf(err, errn, "the response holds no credentials");
		goto out;
	}
	out->access_key = xstrdup(ak);
	out->secret_key = xstrdup(sk);
	out->session_token = xstrdup(tok);
	out->expiration = exp ? aws_parse_time(exp) : 0;
	if (out->expiration < 0)
		out->expiration = 0;
	snprintf(out->source, sizeof(out->source), "%s", source);
	OPENSSL_cleanse((void *)sk, strlen(sk));
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}

struct sts_ctx {
	struct strbuf body;
	long status;
	char err[300];
};

static enum http_verdict on_sts(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct sts_ctx *c = vctx;
	(void)final;
	c->status = status;
	sb_add(&c->body, body, len);
	if (err)
		snprintf(c->err, sizeof(c->err), "%s", err);
	return HTTP_DONE;
}

static void add_param(struct strbuf *sb, const char *name, const char *value)
{
	size_t n = strlen(value) * 3 + 1;
	char *enc = xmalloc(n);
	sigv4_encode(value, strlen(value), 0, enc, n);
	sb_addf(sb, "&%s=%s", name, enc);
	free(enc);
}

static int call(const struct aws_creds *signer, const struct sts_role *role, struct strbuf *form, const char *what,
		struct aws_creds *out)
{
	struct http_options o;
	struct sts_ctx c = {STRBUF_INIT, 0, ""};
	const char *region = role->region && *role->region ? role->region : "us-east-1";
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_STS", "sts", region), src[96], err[300];
	int rc = -1;

	http_options_default(&o);
	o.max_attempts = 4;
	struct http_engine *eng = http_engine_new(&o, signer);
	if (!eng)
		goto done;
	struct http_request rq = {
		.bucket = "sts", .method = "POST", .endpoint = endpoint, .path = "/", .body = form->buf,
		.body_len = form->len, .content_type = "application/x-www-form-urlencoded; charset=utf-8",
		.region = region, .service = "sts", .done = on_sts, .ctx = &c,
	};
	http_submit(eng, &rq);
	if (http_run(eng) < 0)
		goto done;
	snprintf(src, sizeof(src), "%s %.60s", what, role->role_arn);
	if (c.status == 200 && sts_parse_credentials(c.body.buf ? c.body.buf : "", c.body.len, src, out, err, sizeof(err)) == 0) {
		rc = 0;
	} else {
		if (c.status != 200 && c.body.len)
			sts_parse_credentials(c.body.buf, c.body.len, src, out, err, sizeof(err));
		else
			snprintf(err, sizeof(err), "%s", c.err[0] ? c.err : "no credentials in the response");
		aws_creds_release(out);
		errorf("STS %s for %s failed: %s", what, role->role_arn, err);
	}
done:
	http_engine_free(eng);
	if (c.body.buf)
		OPENSSL_cleanse(c.body.buf, c.body.len);
	sb_release(&c.body);
	free(endpoint);
	return rc;
}

int sts_caller_account(const struct aws_creds *creds, const char *region, char buf[13])
{
	struct http_options o;
	struct sts_ctx c = {STRBUF_INIT, 0, ""};
	static const char form[] = "Action=GetCallerIdentity&Version=2011-06-15";
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_STS", "sts", region);
	int rc = -1;
	http_options_default(&o);
	o.max_attempts = 2;
	struct http_engine *eng = http_engine_new(&o, creds);
	if (eng) {
		struct http_request rq = {
			.bucket = "sts", .method = "POST", .endpoint = endpoint, .path = "/", .body = form,
			.body_len = sizeof(form) - 1, .content_type = "application/x-www-form-urlencoded; charset=utf-8",
			.region = region, .service = "sts", .done = on_sts, .ctx = &c,
		};
		http_submit(eng, &rq);
		if (http_run(eng) == 0 && c.status == 200) {
			xmlDoc *doc = xmlReadMemory(c.body.buf ? c.body.buf : "", (int)c.body.len, "sts.xml", NULL,
						    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
			const char *acct = doc ? text_of(xmlDocGetRootElement(doc), "Account") : NULL;
			if (acct && strlen(acct) == 12 && strspn(acct, "0123456789") == 12) {
				memcpy(buf, acct, 13);
				rc = 0;
			}
			xmlFreeDoc(doc);
		}
		http_engine_free(eng);
	}
	sb_release(&c.body);
	free(endpoint);
	return rc;
}

static void common_params(struct strbuf *form, const struct sts_role *role)
{
	char session[80];
	if (role->session_name && *role->session_name)
		snprintf(session, sizeof(session), "%.64s", role->session_name);
	else
		snprintf(session, sizeof(session), "sunset-%lld", clock_wall());
	add_param(form, "RoleArn", role->role_arn);
	add_param(form, "RoleSessionName", session);
	sb_addf(form, "&DurationSeconds=%d", role->duration_seconds > 0 ? role->duration_seconds : 3600);
}

void sts_assume_role_form(const struct sts_role *role, struct strbuf *form)
{
	sb_adds(form, "Action=AssumeRole&Version=2011-06-15");
	common_params(form, role);
	if (role->external_id && *role->external_id)
		add_param(form, "ExternalId", role->external_id);
}

int sts_assume_role(const struct aws_creds *source, const struct sts_role *role, struct aws_creds *out)
{
	struct strbuf form = STRBUF_INIT;
	sts_assume_role_form(role, &form);
	int rc = call(source, role, &form, "AssumeRole", out);
	sb_release(&form);
	return rc;
}

int sts_assume_role_web_identity(const char *token_file, const struct sts_role *role, struct aws_creds *out)
{
	struct strbuf form = STRBUF_INIT;
	char *tok = xmalloc(TOKEN_MAX + 1);
	FILE *f = fopen(token_file, "r");
	size_t n = f ? fread(tok, 1, TOKEN_MAX + 1, f) : 0;
	if (f)
		fclose(f);
	if (!f || n == 0 || n > TOKEN_MAX) {
		free(tok);
		memset(out, 0, sizeof(*out));
		return errorf("%s: cannot read the web identity token", token_file);
	}
	while (n && (tok[n - 1] == '\n' || tok[n - 1] == '\r'))
		n--;
	tok[n] = '\0';
	sb_adds(&form, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15");
	common_params(&form, role);
	add_param(&form, "WebIdentityToken", tok);
	OPENSSL_cleanse(tok, n);
	free(tok);
	int rc = call(NULL, role, &form, "AssumeRoleWithWebIdentity", out);
	OPENSSL_cleanse(form.buf, form.len);
	sb_release(&form);
	return rc;
}
