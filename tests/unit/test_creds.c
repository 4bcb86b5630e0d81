#include "testutil.h"

#include "aws/creds.h"
#include "aws/ini.h"

static char dir[64];
static char cfg[128], cred[128];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/sunset-creds-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cfg, sizeof(cfg), "%s/config", dir);
	snprintf(cred, sizeof(cred), "%s/credentials", dir);
	setenv("AWS_CONFIG_FILE", cfg, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", cred, 1);
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SECRET_ACCESS_KEY");
	unsetenv("AWS_SESSION_TOKEN");
	unsetenv("AWS_PROFILE");
	/* never probe the real metadata addresses from a test */
	setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
	/* any STS call a bug might make goes to a closed loopback port, never to AWS */
	setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9", 1);
	unsetenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	unsetenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	write_file(cred, "# comment\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = secret-default\n"
			 "\n[dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=secret-dev\naws_session_token=tok-dev\n"
			 "s3 =\n    max_concurrent_requests = 20\n");
	write_file(cfg, "[default]\nregion = us-east-1\n"
			"[profile cfgkeys]\naws_access_key_id = AKIDCFG\naws_secret_access_key = secret-cfg\n"
			"[profile proc]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "
			"\"SecretAccessKey\": \"secret-proc\", \"SessionToken\": \"tok-proc\", \"Expiration\": "
			"\"2026-11-28T17:00:00Z\"}'\n"
			"[profile procfail]\ncredential_process = sh -c 'exit 3'\n"
			"[profile procbad]\ncredential_process = echo not-json\n"
			"[profile role]\nrole_arn = arn:aws:iam::111122223333:role/audit\n"
			"[profile loop-a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = loop-b\n"
			"[profile loop-b]\nrole_arn = arn:aws:iam::111122223333:role/b\nsource_profile = loop-a\n"
			"[profile sso]\nsso_session = corp\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(cfg);
	unlink(cred);
	rmdir(dir);
	return 0;
}

static void test_environment_first(void **state)
{
	(void)state;
	struct aws_creds c;
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "secret-env", 1);
	setenv("AWS_SESSION_TOKEN", "tok-env", 1);
	assert_int_equal(aws_creds_resolve(NULL, &c), 0);
	assert_string_equal(c.access_key, "AKIDENV");
	assert_string_equal(c.session_token, "tok-env");
	assert_string_equal(c.source, "environment");
	aws_creds_release(&c);
	assert_null(c.secret_key);
	/* an explicit --profile wins over the environment */
	assert_int_equal(aws_creds_resolve("dev", &c), 0);
	assert_string_equal(c.access_key, "AKIDDEV");
	aws_creds_release(&c);
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SECRET_ACCESS_KEY");
	unsetenv("AWS_SESSION_TOKEN");
}

static void test_profiles(void **state)
{
	(void)state;
	struct aws_creds c;
	assert_int_equal(aws_creds_resolve(NULL, &c), 0);
	assert_string_equal(c.access_key, "AKIDDEFAULT");
	assert_null(c.session_token);
	aws_creds_release(&c);
	setenv("AWS_PROFILE", "dev", 1);
	assert_int_equal(aws_creds_resolve(NULL, &c), 0);
	assert_string_equal(c.secret_key, "secret-dev");
	assert_string_equal(c.session_token, "tok-dev");
	assert_string_equal(c.source, "profile dev (credentials file)");
	aws_creds_release(&c);
	unsetenv("AWS_PROFILE");
	assert_int_equal(aws_creds_resolve("cfgkeys", &c), 0);
	assert_string_equal(c.access_key, "AKIDCFG");
	assert_string_equal(c.source, "profile cfgkeys (config file)");
	aws_creds_release(&c);
}

static void test_credential_process(void **state)
{
	(void)state;
	struct aws_creds c;
	assert_int_equal(aws_creds_resolve("proc", &c), 0);
	assert_string_equal(c.access_key, "AKIDPROC");
	assert_string_equal(c.session_token, "tok-proc");
	assert_int_equal(c.expiration, 1795885200LL);
	aws_creds_release(&c);
	assert_int_equal(aws_creds_resolve("procfail", &c), -1);
	assert_int_equal(aws_creds_resolve("procbad", &c), -1);
	assert_null(c.access_key);
}

static void test_refusals(void **state)
{
	(void)state;
	struct aws_creds c;
	assert_int_equal(aws_creds_resolve("role", &c), -1);     /* role_arn without a source */
	assert_int_equal(aws_creds_resolve("loop-a", &c), -1);   /* source_profile loop: stops, no request */
	assert_int_equal(aws_creds_resolve("sso", &c), -1);
	assert_int_equal(aws_creds_resolve("nobody", &c), -1);
	assert_null(c.access_key);
}

static void test_times(void **state)
{
	(void)state;
	assert_int_equal(aws_parse_time("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(aws_parse_time("2026-11-28T17:00:00Z"), 1795885200LL);
	assert_int_equal(aws_parse_time("2026-11-28T17:00:00.123Z"), 1795885200LL);
	assert_int_equal(aws_parse_time("2026-11-28T18:00:00+01:00"), 1795885200LL);
	assert_int_equal(aws_parse_time("2026-11-28T16:00:00-01:00"), 1795885200LL);
	assert_int_equal(aws_parse_time("2026-11-28 17:00"), -1);
	assert_int_equal(aws_parse_time("2026-11-28T17:00:00Zjunk"), -1);
	assert_int_equal(aws_parse_time(NULL), -1);
}

static void test_ini_errors(void **state)
{
	(void)state;
	struct ini ini;
	char path[128];
	snprintf(path, sizeof(path), "%s/bad", dir);
	write_file(path, "[default\nkey = v\n");
	assert_int_equal(ini_load(path, &ini), -1);
	write_file(path, "key = v\n");
	assert_int_equal(ini_load(path, &ini), -1);
	write_file(path, "[a]\njust words\n");
	assert_int_equal(ini_load(path, &ini), -1);
	write_file(path, "[a]\nk = 1\nk = 2\n; c\n");
	assert_int_equal(ini_load(path, &ini), 0);
	assert_string_equal(ini_get(&ini, "a", "k"), "2");
	assert_null(ini_get(&ini, "b", "k"));
	ini_release(&ini);
	unlink(path);
	assert_int_equal(ini_load("/nonexistent/config", &ini), 0);
	assert_int_equal(ini.n, 0);
	ini_release(&ini);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_environment_first),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_credential_process),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_ini_errors),
	};
	return cmocka_run_group_tests_name("creds", tests, setup, teardown);
}
