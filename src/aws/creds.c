#include "creds.h"

#include <errno.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "../msg.h"
#include "../xalloc.h"
#include "ini.h"

#define PROCESS_MAX_OUTPUT (64 << 10)

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

/* run_process runs a credential_process command and parses its JSON. Returns 0, -1 after
 * an error line (never quoting the output, which holds secrets). */
static int run_process(const char *cmd, const char *profile, struct aws_creds *c)
{
	char *buf = xmalloc(PROCESS_MAX_OUTPUT + 1);
	size_t len = 0, r;
	int rc = -1;
	json_t *doc = NULL;
	FILE *p = popen(cmd, "r");
	if (!p) {
		free(buf);
		return errorf("profile %s: cannot run credential_process: %s", profile, strerror(errno));
	}
	while ((r = fread(buf + len, 1, PROCESS_MAX_OUTPUT + 1 - len, p)) > 0 && len <= PROCESS_MAX_OUTPUT)
		len += r;
	int status = pclose(p);
	if (len > PROCESS_MAX_OUTPUT) {
		errorf("profile %s: credential_process printed more than %d bytes", profile, PROCESS_MAX_OUTPUT);
		goto out;
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
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

/* Settings that need STS or a metadata endpoint: refused clearly until those exist. */
static const char *const unsupported_keys[] = {"role_arn", "web_identity_token_file", "sso_session", "sso_start_url"};

int aws_creds_resolve(const char *profile, struct aws_creds *out)
{
	char cfg_path[1024], cred_path[1024], section[300], tried[4096] = "";
	struct ini cfg = {0}, cred = {0};
	bool explicit_profile = profile != NULL;
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

	/* 2. settings this build cannot follow yet: say so rather than fall through */
	for (size_t i = 0; i < sizeof(unsupported_keys) / sizeof(unsupported_keys[0]); i++)
		if (ini_get(&cfg, section, unsupported_keys[i]) ||
		    (!strcmp(unsupported_keys[i], "role_arn") && ini_get(&cred, profile, "role_arn"))) {
			errorf("profile %s uses %s, which this build of sunset cannot follow yet; export temporary "
			       "credentials (aws configure export-credentials --profile %s --format env) and retry",
			       profile, unsupported_keys[i], profile);
			goto out;
		}

	/* 3. shared credentials file */
	ak = ini_get(&cred, profile, "aws_access_key_id");
	sk = ini_get(&cred, profile, "aws_secret_access_key");
	if (ak && sk) {
		char src[96];
		snprintf(src, sizeof(src), "profile %.40s (credentials file)", profile);
		set(out, ak, sk, ini_get(&cred, profile, "aws_session_token"), 0, src);
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
	ak = ini_get(&cfg, section, "aws_access_key_id");
	sk = ini_get(&cfg, section, "aws_secret_access_key");
	if (ak && sk) {
		char src[96];
		snprintf(src, sizeof(src), "profile %.40s (config file)", profile);
		set(out, ak, sk, ini_get(&cfg, section, "aws_session_token"), 0, src);
		rc = 0;
		goto out;
	}
	snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), ", [%.300s] in %.1024s", section, cfg_path);
	errorf("no AWS credentials found; tried: %s (web identity, container and instance-metadata credentials "
	       "are not supported by this build yet)",
	       tried);
out:
	ini_release(&cfg);
	ini_release(&cred);
	return rc;
}
