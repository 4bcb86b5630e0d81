#include "aws/creds.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include "util/msg.h"
#include "util/xalloc.h"
#include "util/strbuf.h"
#include "aws/ini.h"
#include "aws/sso.h"
#include "aws/sts.h"

#define PROCESS_MAX_OUTPUT (64 << 10)
#define PROCESS_TIMEOUT_S 60

void aws_creds_release(struct aws_creds *c)
{
	char **secrets[] = {&c->access_key, &c->secret_key, &c->session_token};
	for (size_t i = 0; i < 3; i++)
		if (*secrets[i]) {
			OPENSSL_cleanse(*secrets[i], strlen(*secrets[i]));
			FREE_AND_NULL(*secrets[i]);
		}
	c->expiration = 0;
	c->source[0] = '\0';
}

void aws_creds_copy(struct aws_creds *dst, const struct aws_creds *src)
{
	dst->access_key = xstrdup(src->access_key);
	dst->secret_key = xstrdup(src->secret_key);
	dst->session_token = xstrdup(src->session_token);
	dst->expiration = src->expiration;
	memcpy(dst->source, src->source, sizeof(dst->source));
}

long long aws_parse_time(const char *s)
{
	struct tm tm = {0};
	int off_h = 0, off_m = 0;
	char sign = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			 &tm.tm_sec) != 6)
		return -1;
	const char *p = s + 19;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p == 'Z' || *p == 'z')
		p++;
	else if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &off_h, &off_m) == 2)
		sign = *p, p += 6;
	else if (*p)
		return -1;
	if (*p)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	long long t = (long long)timegm(&tm);
	long long off = (off_h * 60 + off_m) * 60;
	return sign == '+' ? t - off : sign == '-' ? t + off : t;
}

static const char *home_file(const char *env, const char *name, char *buf, size_t n)
{
	const char *v = getenv(env), *home = getenv("HOME");
	if (v && *v)
		snprintf(buf, n, "%s", v);
	else
		snprintf(buf, n, "%s/.aws/%s", home && *home ? home : ".", name);
	return buf;
}

const char *aws_config_path(char *buf, size_t n) { return home_file("AWS_CONFIG_FILE", "config", buf, n); }
const char *aws_credentials_path(char *buf, size_t n)
{
	return home_file("AWS_SHARED_CREDENTIALS_FILE", "credentials", buf, n);
}

static void set(struct aws_creds *c, const char *ak, const char *sk, const char *tok, long long exp, const char *src)
{
	c->access_key = xstrdup(ak);
	c->secret_key = xstrdup(sk);
	c->session_token = tok && *tok ? xstrdup(tok) : NULL;
	c->expiration = exp;
	snprintf(c->source, sizeof(c->source), "%s", src);
}

int aws_process_timeout_s(void)
{
	const char *v = getenv("SUNSET_CREDENTIAL_PROCESS_TIMEOUT");
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : 0;
	if (!v || !*v || *end || n < 1 || n > 3600)
		return PROCESS_TIMEOUT_S;
	return (int)n;
}

/* spawn runs `sh -c cmd` in a process group of its own, its stdout on a pipe. */
static pid_t spawn(const char *cmd, int *out_fd)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid); /* also here: no race with the child's own call */
	close(fds[1]);
	*out_fd = fds[0];
	return pid;
}

/* read_process reads the child's output until EOF, PROCESS_MAX_OUTPUT + 1 bytes, or the
 * deadline. Returns 0, 1 on timeout, -1 on a read error. */
static int read_process(int fd, char *buf, size_t *len, int timeout_s)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		long long left = (long long)timeout_s * 1000 - ((long long)(t.tv_sec - t0.tv_sec) * 1000 +
								 (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0)
			return 1;
		struct pollfd pfd = {fd, POLLIN, 0};
		int r = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		ssize_t k = read(fd, buf + *len, PROCESS_MAX_OUTPUT + 1 - *len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			return 0;
		*len += (size_t)k;
		if (*len > PROCESS_MAX_OUTPUT)
			return 0;
	}
}

/* run_process runs a credential_process command (at most aws_process_timeout_s seconds;
 * then its whole process group is killed) and parses its JSON. Returns 0, -1 after an
 * error line (never quoting the output, which holds secrets). */
static int run_process(const char *cmd, const char *profile, struct aws_creds *c)
{
	char *buf = xmalloc(PROCESS_MAX_OUTPUT + 1);
	size_t len = 0;
	int rc = -1, fd = -1, status = 0, timeout = aws_process_timeout_s();
	json_t *doc = NULL;
	fflush(NULL);
	pid_t pid = spawn(cmd, &fd);
	if (pid < 0) {
		free(buf);
		return errorf("profile %s: cannot run credential_process: %s", profile, strerror(errno));
	}
	int r = read_process(fd, buf, &len, timeout);
	close(fd);
	if (r != 0 || len > PROCESS_MAX_OUTPUT)
		kill(-pid, SIGKILL); /* the shell and whatever it started */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (r > 0) {
		errorf("profile %s: credential_process did not finish within %d seconds and was stopped "
		       "(SUNSET_CREDENTIAL_PROCESS_TIMEOUT sets the limit)",
		       profile, timeout);
		goto out;
	}
	if (r < 0) {
		errorf("profile %s: cannot read the output of credential_process: %s", profile, strerror(errno));
		goto out;
	}
	if (len > PROCESS_MAX_OUTPUT) {
		errorf("profile %s: credential_process printed more than %d bytes", profile, PROCESS_MAX_OUTPUT);
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errorf("profile %s: credential_process failed (exit status %d)", profile,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		goto out;
	}
	json_error_t e;
	doc = json_loadb(buf, len, 0, &e);
	json_t *v = json_object_get(doc, "Version");
	const char *ak = json_string_value(json_object_get(doc, "AccessKeyId"));
	const char *sk = json_string_value(json_object_get(doc, "SecretAccessKey"));
	const char *tok = json_string_value(json_object_get(doc, "SessionToken"));
	const char *exp = json_string_value(json_object_get(doc, "Expiration"));
	if (!doc || json_integer_value(v) != 1 || !ak || !sk) {
		errorf("profile %s: credential_process must print {\"Version\": 1, \"AccessKeyId\", \"SecretAccessKey\", ...}",
		       profile);
		goto out;
	}
	long long t = exp ? aws_parse_time(exp) : 0;
	if (t < 0) {
		errorf("profile %s: credential_process gave an Expiration that is not an ISO 8601 time", profile);
		goto out;
	}
	char src[96];
	snprintf(src, sizeof(src), "profile %.40s (credential_process)", profile);
	set(c, ak, sk, tok, t, src);
	rc = 0;
out:
	if (doc) {
		/* wipe the decoded secrets before jansson frees them */
		json_t *s = json_object_get(doc, "SecretAccessKey");
		if (json_is_string(s))
			OPENSSL_cleanse((void *)json_string_value(s), json_string_length(s));
	}
	json_decref(doc);
	OPENSSL_cleanse(buf, len < PROCESS_MAX_OUTPUT ? len : PROCESS_MAX_OUTPUT);
	free(buf);
	return rc;
}

#define META_MAX (64 << 10)

static size_t meta_body(char *data, size_t size, size_t n, void *ud)
{
	struct strbuf *sb = ud;
	if (sb->len + size * n > META_MAX)
		return 0;
	sb_add(sb, data, size * n);
	return size * n;
}

/* meta_call makes one unsigned request to a credentials endpoint (container or IMDS):
 * short timeouts, no proxy. Returns the HTTP status (0 on a transfer error). */
static long meta_call(const char *method, const char *url, const char *header, struct strbuf *out)
{
	CURL *ez = curl_easy_init();
	struct curl_slist *h = NULL;
	long status = 0;
	if (!ez)
		return 0;
	if (header)
		h = curl_slist_append(h, header);
	curl_easy_setopt(ez, CURLOPT_URL, url);
	curl_easy_setopt(ez, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(ez, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(ez, CURLOPT_WRITEFUNCTION, meta_body);
	curl_easy_setopt(ez, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(ez, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
	curl_easy_setopt(ez, CURLOPT_TIMEOUT_MS, 2000L);
	curl_easy_setopt(ez, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(ez, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(ez, CURLOPT_PROTOCOLS_STR, "http,https");
	if (!strcmp(method, "PUT"))
		curl_easy_setopt(ez, CURLOPT_POSTFIELDSIZE, 0L);
	if (curl_easy_perform(ez) == CURLE_OK)
		curl_easy_getinfo(ez, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(ez);
	return status;
}

/* creds_from_json reads {AccessKeyId, SecretAccessKey, Token, Expiration} (container and
 * IMDS). Returns 0 or -1; never quotes the body. */
static int creds_from_json(const struct strbuf *body, const char *src, struct aws_creds *c)
{
	json_t *doc = json_loadb(body->buf ? body->buf : "", body->len, 0, NULL);
	const char *ak = json_string_value(json_object_get(doc, "AccessKeyId"));
	const char *sk = json_string_value(json_object_get(doc, "SecretAccessKey"));
	const char *tok = json_string_value(json_object_get(doc, "Token"));
	const char *exp = json_string_value(json_object_get(doc, "Expiration"));
	int rc = -1;
	if (ak && sk) {
		long long t = exp ? aws_parse_time(exp) : 0;
		set(c, ak, sk, tok, t > 0 ? t : 0, src);
		rc = 0;
	}
	json_t *s = json_object_get(doc, "SecretAccessKey");
	if (json_is_string(s))
		OPENSSL_cleanse((void *)json_string_value(s), json_string_length(s));
	json_decref(doc);
	return rc;
}

/* full_uri_allowed: plain http only to loopback or the ECS/EKS agent addresses. */
static bool full_uri_allowed(const char *uri)
{
	static const char *const ok[] = {"http://127.", "http://localhost", "http://[::1]", "http://169.254.170.2",
					 "http://169.254.170.23", "https://"};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strncmp(uri, ok[i], strlen(ok[i])))
			return true;
	return false;
}

/* container_creds: ECS/EKS. 1 found, 0 not configured, -1 configured but failed. */
static int container_creds(struct aws_creds *c)
{
	const char *rel = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	char url[2048], auth[4200] = "";
	struct strbuf body = STRBUF_INIT;
	if (rel && *rel)
		snprintf(url, sizeof(url), "http://169.254.170.2%s", rel);
	else if (full && *full) {
		if (!full_uri_allowed(full))
			return errorf("AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or http to a loopback or "
				      "the container agent's address");
		snprintf(url, sizeof(url), "%s", full);
	} else {
		return 0;
	}
	const char *tok = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	const char *tokfile = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	if (tokfile && *tokfile) {
		FILE *f = fopen(tokfile, "r");
		char t[4096] = "";
		if (!f || !fgets(t, sizeof(t), f)) {
			if (f)
				fclose(f);
			return errorf("%s: cannot read the container authorization token", tokfile);
		}
		fclose(f);
		t[strcspn(t, "\r\n")] = '\0';
		snprintf(auth, sizeof(auth), "Authorization: %s", t);
		OPENSSL_cleanse(t, sizeof(t));
	} else if (tok && *tok) {
		snprintf(auth, sizeof(auth), "Authorization: %s", tok);
	}
	long st = meta_call("GET", url, auth[0] ? auth : NULL, &body);
	OPENSSL_cleanse(auth, sizeof(auth));
	int rc = st == 200 && creds_from_json(&body, "container credentials", c) == 0 ? 1 : -1;
	if (rc < 0)
		errorf("container credentials endpoint answered %ld without credentials", st);
	if (body.buf)
		OPENSSL_cleanse(body.buf, body.len);
	sb_release(&body);
	return rc;
}

int aws_imds_token_valid(const char *tok, size_t len)
{
	if (!tok || !len || len > 1024)
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)tok[i] <= 0x20 || (unsigned char)tok[i] >= 0x7f)
			return 0;
	return 1;
}

int aws_imds_role_valid(const char *role, size_t len)
{
	if (!role || !len || len > 64)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)role[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr("+=,.@_-", ch)))
			return 0;
	}
	return 1;
}

/* imds_creds: EC2 instance metadata with the IMDSv2 token. 1 found; 0 none (`note` says
 * why: no answer, no role); -1 the service answered something else (error printed). */
static int imds_creds(struct aws_creds *c, char *note, size_t n)
{
	const char *dis = getenv("AWS_EC2_METADATA_DISABLED");
	const char *base = getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
	char *url = NULL, *hdr = NULL, role[65];
	struct strbuf tok = STRBUF_INIT, body = STRBUF_INIT;
	int rc = 0;
	long st;
	snprintf(note, n, "no answer");
	if (dis && !strcasecmp(dis, "true")) {
		snprintf(note, n, "disabled by AWS_EC2_METADATA_DISABLED");
		return 0;
	}
	if (!base || !*base)
		base = "http://169.254.169.254";
	size_t bl = strlen(base);
	while (bl && base[bl - 1] == '/')
		bl--;
	url = xasprintf("%.*s/latest/api/token", (int)bl, base);
	st = meta_call("PUT", url, "x-aws-ec2-metadata-token-ttl-seconds: 21600", &tok);
	if (st != 200) {
		if (st)
			snprintf(note, n, "the token request was answered HTTP %ld", st);
		goto out;
	}
	if (!aws_imds_token_valid(tok.buf, tok.len)) {
		rc = errorf("instance metadata: the IMDSv2 token it gave is not a token (%zu bytes; expected 1 to 1024 "
			    "printable characters without spaces or line breaks)",
			    tok.len);
		goto out;
	}
	hdr = xasprintf("x-aws-ec2-metadata-token: %.*s", (int)tok.len, tok.buf);
	free(url);
	url = xasprintf("%.*s/latest/meta-data/iam/security-credentials/", (int)bl, base);
	st = meta_call("GET", url, hdr, &body);
	if (st == 404) {
		snprintf(note, n, "no IAM role attached to the instance");
		goto out;
	}
	size_t rl = body.len ? strcspn(body.buf, "\r\n") : 0;
	if (st != 200 || !aws_imds_role_valid(body.buf, rl)) {
		rc = st != 200 ? errorf("instance metadata: the role request was answered HTTP %ld", st)
			       : errorf("instance metadata: the role name it gave is not an IAM role name (%zu bytes)", rl);
		goto out;
	}
	snprintf(role, sizeof(role), "%.*s", (int)rl, body.buf);
	sb_release(&body);
	free(url);
	url = xasprintf("%.*s/latest/meta-data/iam/security-credentials/%s", (int)bl, base, role);
	st = meta_call("GET", url, hdr, &body);
	if (st != 200)
		rc = errorf("instance metadata: the credentials request for role %s was answered HTTP %ld", role, st);
	else if (creds_from_json(&body, "instance metadata (IMDSv2)", c) < 0)
		rc = errorf("instance metadata: the answer for role %s is not credentials (JSON with AccessKeyId and "
			    "SecretAccessKey)",
			    role);
	else
		rc = 1;
out:
	if (tok.buf)
		OPENSSL_cleanse(tok.buf, tok.len);
	if (body.buf)
		OPENSSL_cleanse(body.buf, body.len);
	if (hdr)
		OPENSSL_cleanse(hdr, strlen(hdr));
	free(hdr);
	free(url);
	sb_release(&tok);
	sb_release(&body);
	return rc;
}

#define MAX_ROLE_DEPTH 5

static int resolve(const char *profile, bool explicit_profile, int depth, struct aws_creds *out);

static const char *sts_region(const struct ini *cfg, const char *section)
{
	const char *r = getenv("AWS_REGION");
	if (!r || !*r)
		r = getenv("AWS_DEFAULT_REGION");
	if (!r || !*r)
		r = ini_get(cfg, section, "region");
	return r && *r ? r : "us-east-1";
}

/* role_profile follows a profile with role_arn: the source credentials (source_profile or
 * credential_source) or a web identity token, then STS. */
static int role_profile(const struct ini *cfg, const char *section, const char *profile, int depth,
			struct aws_creds *out)
{
	struct sts_role role = {0};
	struct aws_creds src = {0};
	const char *dur = ini_get(cfg, section, "duration_seconds");
	int rc = -1;

	role.role_arn = ini_get(cfg, section, "role_arn");
	role.session_name = ini_get(cfg, section, "role_session_name");
	role.external_id = ini_get(cfg, section, "external_id");
	role.duration_seconds = dur ? atoi(dur) : 0;
	role.region = sts_region(cfg, section);
	const char *wif = ini_get(cfg, section, "web_identity_token_file");
	const char *sp = ini_get(cfg, section, "source_profile");
	const char *cs = ini_get(cfg, section, "credential_source");
	if (wif)
		return sts_assume_role_web_identity(wif, &role, out);
	if (depth >= MAX_ROLE_DEPTH)
		return errorf("profile %s: role chain longer than %d profiles (a source_profile loop?)", profile,
			      MAX_ROLE_DEPTH);
	if (sp) {
		if (resolve(sp, true, depth + 1, &src) < 0)
			return -1; /* the source profile said why */
	} else if (cs && !strcmp(cs, "Environment")) {
		const char *ak = getenv("AWS_ACCESS_KEY_ID"), *sk = getenv("AWS_SECRET_ACCESS_KEY");
		if (!ak || !*ak || !sk || !*sk)
			return errorf("profile %s: credential_source Environment but AWS_ACCESS_KEY_ID is not set", profile);
		set(&src, ak, sk, getenv("AWS_SESSION_TOKEN"), 0, "environment");
	} else if (cs && !strcmp(cs, "EcsContainer")) {
		if (container_creds(&src) <= 0)
			return errorf("profile %s: credential_source EcsContainer but no container credentials", profile);
	} else if (cs && !strcmp(cs, "Ec2InstanceMetadata")) {
		char note[128];
		int r = imds_creds(&src, note, sizeof(note));
		if (r < 0)
			return -1;
		if (r == 0)
			return errorf("profile %s: credential_source Ec2InstanceMetadata but instance metadata: %s", profile,
				      note);
	} else {
		return errorf("profile %s: role_arn needs source_profile, credential_source (Environment, "
			      "Ec2InstanceMetadata, EcsContainer) or web_identity_token_file",
			      profile);
	}
	rc = sts_assume_role(&src, &role, out);
	aws_creds_release(&src);
	return rc;
}

/* static_keys takes aws_access_key_id / aws_secret_access_key (and a session token) from
 * one section of a shared file. */
static bool static_keys(const struct ini *ini, const char *section, const char *profile, const char *file,
			struct aws_creds *out)
{
	const char *ak = ini_get(ini, section, "aws_access_key_id");
	const char *sk = ini_get(ini, section, "aws_secret_access_key");
	char src[96];
	if (!ak || !sk)
		return false;
	snprintf(src, sizeof(src), "profile %.40s (%s)", profile, file);
	set(out, ak, sk, ini_get(ini, section, "aws_session_token"), 0, src);
	return true;
}

int aws_creds_resolve(const char *profile, struct aws_creds *out)
{
	return resolve(profile, profile != NULL, 0, out);
}

static int resolve(const char *profile, bool explicit_profile, int depth, struct aws_creds *out)
{
	char cfg_path[1024], cred_path[1024], section[300], tried[4096] = "";
	struct ini cfg = {0}, cred = {0};
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!profile)
		profile = getenv("AWS_PROFILE") && *getenv("AWS_PROFILE") ? getenv("AWS_PROFILE") : "default";

	/* 1. environment */
	const char *ak = getenv("AWS_ACCESS_KEY_ID"), *sk = getenv("AWS_SECRET_ACCESS_KEY");
	if (!explicit_profile) {
		if (ak && *ak && sk && *sk) {
			set(out, ak, sk, getenv("AWS_SESSION_TOKEN"), 0, "environment");
			return 0;
		}
		strcat(tried, "environment (AWS_ACCESS_KEY_ID)");
	}
	if (ini_load(aws_config_path(cfg_path, sizeof(cfg_path)), &cfg) < 0 ||
	    ini_load(aws_credentials_path(cred_path, sizeof(cred_path)), &cred) < 0)
		goto out;
	if (!strcmp(profile, "default"))
		snprintf(section, sizeof(section), "default");
	else
		snprintf(section, sizeof(section), "profile %s", profile);

	/* 2. an IAM Identity Center (SSO) profile: the token `aws sso login` cached */
	if (sso_profile(&cfg, section)) {
		rc = sso_creds(&cfg, section, profile, out);
		goto out;
	}
	/* 3. an assume-role profile */
	if (ini_get(&cfg, section, "role_arn")) {
		rc = role_profile(&cfg, section, profile, depth, out);
		goto out;
	}
	/* 4. web identity from the environment (EKS IRSA and the like) */
	const char *wif = getenv("AWS_WEB_IDENTITY_TOKEN_FILE"), *warn = getenv("AWS_ROLE_ARN");
	if (!explicit_profile && wif && *wif && warn && *warn) {
		struct sts_role role = {.role_arn = warn, .session_name = getenv("AWS_ROLE_SESSION_NAME"),
					.region = sts_region(&cfg, section)};
		rc = sts_assume_role_web_identity(wif, &role, out);
		goto out;
	}
	if (!explicit_profile)
		snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), "%sweb identity (AWS_WEB_IDENTITY_TOKEN_FILE)",
			 *tried ? ", " : "");

	/* 3. shared credentials file */
	if (static_keys(&cred, profile, profile, "credentials file", out)) {
		rc = 0;
		goto out;
	}
	snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), "%sprofile %.200s in %.1024s", *tried ? ", " : "", profile,
		 cred_path);

	/* 4. credential_process */
	const char *proc = ini_get(&cfg, section, "credential_process");
	if (!proc)
		proc = ini_get(&cred, profile, "credential_process");
	if (proc) {
		rc = run_process(proc, profile, out);
		goto out;
	}

	/* 5. static keys in the config file */
	if (static_keys(&cfg, section, profile, "config file", out)) {
		rc = 0;
		goto out;
	}
	snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), ", [%.300s] in %.1024s", section, cfg_path);

	/* 6. container credentials, 7. instance metadata */
	int r = container_creds(out);
	if (r != 0) {
		rc = r > 0 ? 0 : -1;
		goto out;
	}
	strcat(tried, ", container credentials (not configured)");
	char note[128];
	r = imds_creds(out, note, sizeof(note));
	if (r != 0) {
		rc = r > 0 ? 0 : -1;
		goto out;
	}
	snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), ", instance metadata (%s)", note);
	errorf("no AWS credentials found; tried: %s", tried);
out:
	ini_release(&cfg);
	ini_release(&cred);
	return rc;
}
