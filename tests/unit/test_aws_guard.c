/* What a hostile AWS endpoint cannot do to the live scan: loop on a NextMarker, stall it
 * with Retry-After, inject headers through an IMDS token, or have a password printed. */
#include "testutil.h"

#include <jansson.h>

#include "aws/creds.h"
#include "aws/endpoint.h"
#include "aws/http.h"
#include "aws/markers.h"

static void test_markers(void **state)
{
	(void)state;
	/* one listing's pages: each row is the NextMarker of a page and what it means */
	static const struct {
		const char *json; /* the page's NextMarker as JSON, or NULL when absent */
		int want;
		const char *why;  /* a word of the reason, for errors */
	} pages[] = {
		{"\"m1\"", 1, NULL},
		{"\"m2\"", 1, NULL},
		{"\"M1\"", 1, NULL},          /* markers are case-sensitive */
		{"\"m1\"", -1, "repeats"},    /* seen two pages ago: a loop */
		{"\"m2\"", -1, "repeats"},
		{"\"\"", 0, NULL},            /* empty: the last page */
		{"null", 0, NULL},
		{NULL, 0, NULL},
		{"5", -1, "not a string"},
		{"{\"a\": 1}", -1, "not a string"},
		{"[\"m3\"]", -1, "not a string"},
		{"true", -1, "not a string"},
		{"\"m3\"", 1, NULL},
	};
	struct markers m = {0};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		json_t *v = pages[i].json ? json_loads(pages[i].json, JSON_DECODE_ANY, NULL) : NULL;
		const char *why = "unset";
		int r = markers_next(&m, v, &why);
		if (r != pages[i].want)
			fail_msg("page %zu (%s): got %d, want %d", i, pages[i].json ? pages[i].json : "absent", r, pages[i].want);
		if (pages[i].why)
			assert_non_null(strstr(why, pages[i].why));
		else
			assert_null(why);
		json_decref(v);
	}
	markers_release(&m);
	/* a new listing (another region, another function) starts with nothing seen */
	json_t *v = json_string("m1");
	const char *why;
	assert_int_equal(markers_next(&m, v, &why), 1);
	json_decref(v);
	markers_release(&m);
}

static void test_retry_after(void **state)
{
	(void)state;
	const long long now = 1795000000; /* fixed: no test reads the clock */
	static const struct {
		const char *value;
		long cap_ms, want_ms, want_asked;
	} rows[] = {
		{" 1\r\n", 20000, 1000, 1},
		{"3599", 20000, 20000, 3599},          /* an hour per attempt: capped, and said */
		{" 20\r\n", 20000, 20000, 20},
		{"21", 20000, 20000, 21},
		{"999999999999999999999", 20000, 20000, 999999999}, /* no overflow */
		{"0", 20000, 0, 0},
		{"-5", 20000, 0, 0},
		{"soon", 20000, 0, 0},
		{"", 20000, 0, 0},
		{"3 ", 500, 500, 3},
		/* the HTTP-date form, against the fixed now (2026-11-18T11:06:40Z) */
		{"Wed, 18 Nov 2026 11:06:50 GMT", 20000, 10000, 10},
		{"Wed, 18 Nov 2026 12:06:40 GMT", 20000, 20000, 3600},
		{"Wed, 18 Nov 2026 10:50:00 GMT", 20000, 0, 0}, /* in the past */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		long asked = -1;
		long ms = http_retry_after_ms(rows[i].value, strlen(rows[i].value), now, rows[i].cap_ms, &asked);
		if (ms != rows[i].want_ms || asked != rows[i].want_asked)
			fail_msg("\"%s\": %ld ms (asked %ld s), want %ld ms (asked %ld s)", rows[i].value, ms, asked,
				 rows[i].want_ms, rows[i].want_asked);
	}
	/* the header value is not NUL-terminated: only len bytes are read */
	long asked;
	assert_int_equal(http_retry_after_ms("25999", 2, now, 20000, &asked), 20000);
	assert_int_equal(asked, 25);
}

static void test_imds_token(void **state)
{
	(void)state;
	char big[1100];
	memset(big, 'A', sizeof(big));
	static const struct {
		const char *tok;
		int ok;
	} rows[] = {
		{"AQAEAGhzXZ5yR3ZiVv-example_token==", 1},
		{"imds-session-token-123", 1},
		{"tok\r\nX-Injected: 1", 0}, /* header injection */
		{"tok\n", 0},
		{"two words", 0},
		{"tab\there", 0},
		{"caf\xc3\xa9", 0},
		{"<html>\x1b[2J</html>", 0},
		{"", 0},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (aws_imds_token_valid(rows[i].tok, strlen(rows[i].tok)) != rows[i].ok)
			fail_msg("token row %zu: want %d", i, rows[i].ok);
	assert_int_equal(aws_imds_token_valid(big, 1024), 1);
	assert_int_equal(aws_imds_token_valid(big, 1025), 0);
	assert_int_equal(aws_imds_token_valid("ab\0cd", 5), 0); /* a NUL inside */

	static const struct {
		const char *role;
		int ok;
	} roles[] = {
		{"audit-role", 1}, {"a+b=c,d.e@f_g-h", 1}, {"../../latest/user-data", 0}, {"role\r\nX: 1", 0},
		{"role?x=1", 0},   {"role name", 0},         {"", 0},
	};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (aws_imds_role_valid(roles[i].role, strlen(roles[i].role)) != roles[i].ok)
			fail_msg("role \"%s\": want %d", roles[i].role, roles[i].ok);
	memset(big, 'r', 65);
	assert_int_equal(aws_imds_role_valid(big, 64), 1);
	assert_int_equal(aws_imds_role_valid(big, 65), 0);
}

static void test_urls(void **state)
{
	(void)state;
	static const struct {
		const char *url, *redacted, *host;
		bool cleartext;
	} rows[] = {
		{"https://lambda.us-east-1.amazonaws.com", "https://lambda.us-east-1.amazonaws.com",
		 "lambda.us-east-1.amazonaws.com", false},
		{"http://user:hunter2@proxy.example:8080/base", "http://REDACTED@proxy.example:8080/base",
		 "proxy.example:8080", true},
		{"https://user:p@ss@host/x?a=b@c", "https://REDACTED@host/x?a=b@c", "host", false}, /* '@' in the password */
		{"http://127.0.0.1:4566", "http://127.0.0.1:4566", "127.0.0.1:4566", false},
		{"http://127.1.2.3", "http://127.1.2.3", "127.1.2.3", false},
		{"HTTP://LOCALHOST:9000", "HTTP://LOCALHOST:9000", "LOCALHOST:9000", false},
		{"http://[::1]:8080/", "http://[::1]:8080/", "[::1]:8080", false},
		{"http://u:pw@127.0.0.1:1", "http://REDACTED@127.0.0.1:1", "127.0.0.1:1", false},
		{"http://127.0.0.1.evil.example", "http://127.0.0.1.evil.example", "127.0.0.1.evil.example", true},
		{"http://localhost.evil.example", "http://localhost.evil.example", "localhost.evil.example", true},
		{"http://[::2]", "http://[::2]", "[::2]", true},
		{"http://10.0.0.1", "http://10.0.0.1", "10.0.0.1", true},
		{"http://example.invalid", "http://example.invalid", "example.invalid", true},
		{"https://a@b", "https://REDACTED@b", "b", false},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *r = aws_url_redact(rows[i].url), *h = aws_url_host(rows[i].url);
		assert_string_equal(r, rows[i].redacted);
		assert_string_equal(h, rows[i].host);
		assert_null(strstr(r, "hunter2"));
		if (aws_url_cleartext(rows[i].url) != rows[i].cleartext)
			fail_msg("%s: cleartext should be %d", rows[i].url, rows[i].cleartext);
		free(r);
		free(h);
	}
}

static void test_process_timeout(void **state)
{
	(void)state;
	static const struct {
		const char *env;
		int want;
	} rows[] = {{NULL, 60}, {"5", 5}, {"0", 60}, {"-1", 60}, {"abc", 60}, {"3601", 60}, {"3600", 3600}, {"2s", 60}};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].env)
			setenv("SUNSET_CREDENTIAL_PROCESS_TIMEOUT", rows[i].env, 1);
		else
			unsetenv("SUNSET_CREDENTIAL_PROCESS_TIMEOUT");
		assert_int_equal(aws_process_timeout_s(), rows[i].want);
	}
	unsetenv("SUNSET_CREDENTIAL_PROCESS_TIMEOUT");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_imds_token),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_process_timeout),
	};
	return cmocka_run_group_tests_name("aws_guard", tests, NULL, NULL);
}
