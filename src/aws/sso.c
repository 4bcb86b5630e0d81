#include "aws/sso.h"

#include <fcntl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/hash.h"
#include "util/msg.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "aws/endpoint.h"
#include "aws/http.h"
#include "aws/sigv4.h"

#define EXPIRY_MARGIN_S 60 /* a token this close to its end is treated as expired */

int sso_profile(const struct ini *cfg, const char *section)
{
	return ini_get(cfg, section, "sso_session") || ini_get(cfg, section, "sso_start_url");
}

struct reply {
	long status;
	struct strbuf body;
	char err[256];
};

static enum http_verdict on_reply(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct reply *r = vctx;
	(void)final;
	r->status = status;
	r->body.len = 0;
	sb_add(&r->body, body, len);
	if (err)
		snprintf(r->err, sizeof(r->err), "%s", err);
	return HTTP_DONE;
}

/* one_call sends one unsigned request and waits for its answer in *r (the caller wipes
 * and releases r->body: it may hold credentials). */
static int one_call(const struct http_request *rq, struct reply *r)
{
	struct http_options o;
	http_options_default(&o);
	o.max_attempts = 3;
	struct http_engine *eng = http_engine_new(&o, NULL);
	if (!eng)
		return -1;
	struct http_request q = *rq;
	q.done = on_reply;
	q.ctx = r;
	http_submit(eng, &q);
	int rc = http_run(eng);
	http_engine_free(eng);
	return rc;
}

static void wipe_reply(struct reply *r)
{
	if (r->body.buf)
		OPENSSL_cleanse(r->body.buf, r->body.len);
	sb_release(&r->body);
}

static const char *cache_dir(char *buf, size_t n)
{
	const char *home = getenv("HOME");
	snprintf(buf, n, "%s/.aws/sso/cache", home && *home ? home : ".");
	return buf;
}

/* read_time reads the cache's timestamps: "2026-11-28T17:00:00Z", also "...UTC". */
static long long read_time(const char *s)
{
	char t[64];
	if (!s)
		return -1;
	snprintf(t, sizeof(t), "%s", s);
	size_t l = strlen(t);
	if (l > 3 && !strcmp(t + l - 3, "UTC"))
		snprintf(t + l - 3, 4, "Z");
	return aws_parse_time(t);
}

/* save_cache writes the refreshed token back where `aws sso login` keeps it (temp file in
 * the same folder, mode 0600, then rename). */
static int save_cache(const char *path, json_t *doc)
{
	char *tmp = xasprintf("%s.sunset-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	int rc = -1;
	if (fd >= 0) {
		char *text = json_dumps(doc, JSON_INDENT(2));
		size_t len = text ? strlen(text) : 0;
		if (text && write(fd, text, len) == (ssize_t)len && close(fd) == 0 && rename(tmp, path) == 0)
			rc = 0;
		else
			unlink(tmp);
		if (text) {
			OPENSSL_cleanse(text, len);
			free(text);
		}
		if (rc < 0)
			close(fd);
	}
	if (rc < 0)
		warnf("%s: cannot rewrite the SSO token cache (the refreshed token is used for this run only)", path);
	free(tmp);
	return rc;
}

/* refresh renews the cached access token with its refresh token (SSO OIDC CreateToken).
 * Returns 0 with doc updated (and saved), or -1 quietly. */
static int refresh(json_t *doc, const char *region, const char *path)
{
	const char *rt = json_string_value(json_object_get(doc, "refreshToken"));
	const char *id = json_string_value(json_object_get(doc, "clientId"));
	const char *secret = json_string_value(json_object_get(doc, "clientSecret"));
	long long reg_end = read_time(json_string_value(json_object_get(doc, "registrationExpiresAt")));
	if (!rt || !id || !secret || (reg_end > 0 && reg_end <= clock_wall()))
		return -1;
	json_t *req = json_pack("{s:s, s:s, s:s, s:s}", "grantType", "refresh_token", "clientId", id, "clientSecret",
				secret, "refreshToken", rt);
	char *body = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_SSO_OIDC", "oidc", region);
	struct reply r = {0, STRBUF_INIT, ""};
	struct http_request rq = {.bucket = "sso-oidc", .method = "POST", .endpoint = endpoint, .path = "/token",
				  .body = body, .body_len = strlen(body), .content_type = "application/json",
				  .region = region, .service = "sso-oauth"};
	int rc = -1;
	if (one_call(&rq, &r) == 0 && r.status == 200) {
		json_t *ans = json_loadb(r.body.buf ? r.body.buf : "", r.body.len, 0, NULL);
		const char *tok = json_string_value(json_object_get(ans, "accessToken"));
		json_int_t in = json_integer_value(json_object_get(ans, "expiresIn"));
		const char *nrt = json_string_value(json_object_get(ans, "refreshToken"));
		if (tok && *tok && in > 0) {
			char when[32];
			time_t end = (time_t)(clock_wall() + in);
			struct tm tm;
			gmtime_r(&end, &tm);
			strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
			json_object_set_new(doc, "accessToken", json_string(tok));
			json_object_set_new(doc, "expiresAt", json_string(when));
			if (nrt && *nrt)
				json_object_set_new(doc, "refreshToken", json_string(nrt));
			save_cache(path, doc);
			debugf("SSO access token refreshed (cache %s)", path);
			rc = 0;
		}
		json_decref(ans);
	} else {
		debugf("SSO OIDC CreateToken: HTTP %ld %s", r.status, r.err);
	}
	wipe_reply(&r);
	OPENSSL_cleanse(body, strlen(body));
	free(body);
	free(endpoint);
	return rc;
}

static int expired(const char *profile)
{
	return errorf("profile %s: the IAM Identity Center (SSO) session has expired or is not logged in; run: aws "
		      "sso login --profile %s",
		      profile, profile);
}

int sso_creds(const struct ini *cfg, const char *section, const char *profile, struct aws_creds *out)
{
	const char *session = ini_get(cfg, section, "sso_session");
	const char *start_url, *region;
	char ssec[300], dir[1024], key[41];
	memset(out, 0, sizeof(*out));
	if (session) {
		snprintf(ssec, sizeof(ssec), "sso-session %s", session);
		if (!ini_has_section(cfg, ssec))
			return errorf("profile %s: sso_session %s has no [sso-session %s] section in the config", profile,
				      session, session);
		start_url = ini_get(cfg, ssec, "sso_start_url");
		region = ini_get(cfg, ssec, "sso_region");
	} else {
		start_url = ini_get(cfg, section, "sso_start_url");
		region = ini_get(cfg, section, "sso_region");
	}
	const char *account = ini_get(cfg, section, "sso_account_id");
	const char *role = ini_get(cfg, section, "sso_role_name");
	if (!start_url || !region || !account || !role)
		return errorf("profile %s: an SSO profile needs sso_start_url, sso_region (in the profile or its "
			      "sso-session), sso_account_id and sso_role_name",
			      profile);
	const char *k = session ? session : start_url;
	if (hash_sha1_hex(k, strlen(k), key) < 0)
		return errorf("profile %s: cannot name the SSO token cache file", profile);
	char *path = xasprintf("%s/%s.json", cache_dir(dir, sizeof(dir)), key);
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	int rc = -1;
	if (!doc) {
		if (access(path, F_OK) == 0)
			errorf("%s:%d:%d: the SSO token cache is not JSON: %s", path, jerr.line, jerr.column, jerr.text);
		else
			expired(profile);
		goto out;
	}
	const char *tok = json_string_value(json_object_get(doc, "accessToken"));
	long long end = read_time(json_string_value(json_object_get(doc, "expiresAt")));
	if (!tok || end <= clock_wall() + EXPIRY_MARGIN_S) {
		if (refresh(doc, region, path) < 0) {
			expired(profile);
			goto out;
		}
		tok = json_string_value(json_object_get(doc, "accessToken"));
	}
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_SSO", "portal.sso", region);
	struct strbuf q = STRBUF_INIT;
	size_t n = (strlen(account) + strlen(role)) * 3 + 1;
	char *ea = xmalloc(n), *er = xmalloc(n);
	sigv4_encode(account, strlen(account), 0, ea, n);
	sigv4_encode(role, strlen(role), 0, er, n);
	sb_addf(&q, "account_id=%s&role_name=%s", ea, er);
	free(ea);
	free(er);
	struct reply r = {0, STRBUF_INIT, ""};
	struct http_request rq = {.bucket = "sso", .method = "GET", .endpoint = endpoint,
				  .path = "/federation/credentials", .query = q.buf, .region = region,
				  .service = "sso", .bearer = tok};
	if (one_call(&rq, &r) == 0 && r.status == 200) {
		json_t *ans = json_loadb(r.body.buf ? r.body.buf : "", r.body.len, 0, NULL);
		json_t *rc_ = json_object_get(ans, "roleCredentials");
		const char *ak = json_string_value(json_object_get(rc_, "accessKeyId"));
		const char *sk = json_string_value(json_object_get(rc_, "secretAccessKey"));
		const char *st = json_string_value(json_object_get(rc_, "sessionToken"));
		json_int_t exp_ms = json_integer_value(json_object_get(rc_, "expiration"));
		if (ak && sk && st) {
			out->access_key = xstrdup(ak);
			out->secret_key = xstrdup(sk);
			out->session_token = xstrdup(st);
			out->expiration = exp_ms > 0 ? (long long)(exp_ms / 1000) : 0;
			snprintf(out->source, sizeof(out->source), "SSO profile %.32s (%.12s/%.30s)", profile, account, role);
			rc = 0;
		} else {
			errorf("profile %s: SSO GetRoleCredentials answered without credentials", profile);
		}
		json_decref(ans);
	} else if (r.status == 401 || r.status == 403) {
		if (strstr(r.body.buf ? r.body.buf : "", "ForbiddenException"))
			errorf("profile %s: IAM Identity Center does not let this user use role %s in account %s", profile,
			       role, account);
		else
			expired(profile);
	} else {
		char why[300];
		if (r.err[0])
			snprintf(why, sizeof(why), "%s", r.err);
		else
			snprintf(why, sizeof(why), "HTTP %ld", r.status);
		errorf("profile %s: SSO GetRoleCredentials failed: %s", profile, why);
	}
	wipe_reply(&r);
	sb_release(&q);
	free(endpoint);
out:
	json_decref(doc);
	free(path);
	return rc;
}
