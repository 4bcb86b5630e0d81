#include "testutil.h"

#include "classify.h"
#include "remediation.h"

static struct classifier *cl;
static struct strbuf sbuf = STRBUF_INIT; /* every sentence written here */

static int setup(void **state)
{
	(void)state;
	cat = builtin_catalog();
	cl = classifier_new(cat, D("2026-11-28"), 180);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	classifier_free(cl);
	catalog_free(cat);
	sb_release(&sbuf);
	return 0;
}

static const char *say(const char *runtime, const char *version, const char *file, const char *package)
{
	struct resource r = {.function = "orders", .resource = "Orders", .runtime = runtime, .version = version,
			     .region = "eu-west-1", .file = file, .line = 12, .package_type = package};
	struct classification c;
	classify(cl, runtime, package && !strcmp(package, "Image"), &c);
	return remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
}

static void test_latest(void **state)
{
	(void)state;
	const char *s = say("python3.8", "$LATEST", NULL, NULL);
	assert_non_null(strstr(s, "from python3.8 to python3.14"));
	assert_non_null(strstr(s, "aws lambda update-function-configuration --function-name orders --runtime python3.14 --region eu-west-1"));
	assert_non_null(strstr(s, "publish a version"));
	assert_null(strstr(s, "refuses"));
	s = say("nodejs12.x", NULL, NULL, NULL); /* update-blocked: say what to do if refused */
	assert_non_null(strstr(s, "to nodejs24.x"));
	assert_non_null(strstr(s, "refuses the update"));
}

static void test_published_version(void **state)
{
	(void)state;
	const char *s = say("nodejs18.x", "4", NULL, NULL);
	assert_non_null(strstr(s, "Version 4 of orders is immutable"));
	assert_non_null(strstr(s, "--runtime nodejs24.x"));
	assert_non_null(strstr(s, "shift the aliases that point at version 4"));
	assert_non_null(strstr(s, "delete version 4"));
}

static void test_special_cases(void **state)
{
	(void)state;
	assert_non_null(strstr(say("go1.x", "$LATEST", NULL, NULL), "Go binary as bootstrap with the lambda.norpc build tag"));
	assert_non_null(strstr(say("provided.al2", "$LATEST", NULL, NULL), "Amazon Linux 2023"));
	assert_non_null(strstr(say("ruby3.3", "$LATEST", NULL, NULL), "to ruby4.0"));
	const char *s = say("python3.9", NULL, "app/template.yaml", NULL);
	assert_non_null(strstr(s, "Change the runtime of Orders from python3.9 to python3.14 (app/template.yaml line 12)"));
	assert_non_null(strstr(s, "weighted alias"));
	{ /* a template value inherited from a Global names where it is written */
		struct resource r = {.resource = "GetOrder", .runtime = "python3.9", .file = "sam/template.yaml", .line = 5,
				     .via = "Globals.Function.Runtime", .kind = "function"};
		struct classification c;
		classify(cl, r.runtime, false, &c);
		s = remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
		assert_non_null(strstr(s, "(sam/template.yaml line 5, set by Globals.Function.Runtime)"));
		r.kind = "layer";
		r.resource = "Deps";
		s = remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
		assert_non_null(strstr(s, "Rebuild layer Deps for python3.14 and replace python3.9 with python3.14"));
		r.runtime = NULL;
		r.reason = "the runtime is !GetAtt X.Y, which sunset cannot resolve";
		classify(cl, NULL, false, &c);
		assert_string_equal(remediation_reason(&sbuf, &r, &c, catalog_as_of(cat)), r.reason);
	}
	s = say("pyhton3.9", "$LATEST", NULL, NULL);
	assert_non_null(strstr(s, "\"pyhton3.9\""));
	assert_non_null(strstr(s, "sunset runtimes --update"));
	s = say("python3.16", "$LATEST", NULL, NULL);
	assert_non_null(strstr(s, "Run 'sunset runtimes --update' and scan again: \"python3.16\""));
	assert_non_null(strstr(s, "newest python runtime is python3.15"));
	assert_null(strstr(s, "set it to"));
	s = say("nodejs9.x", "$LATEST", NULL, NULL);
	assert_non_null(strstr(s, "set it to nodejs24.x"));
	s = say(NULL, "$LATEST", NULL, "Image");
	assert_non_null(strstr(s, "Container-image"));
	s = say("python3.13", "$LATEST", NULL, NULL);
	assert_non_null(strstr(s, "Supported"));
}

static void test_shell_quoting(void **state)
{
	(void)state;
	struct resource r = {.function = "<img src=x onerror=alert(1)>", .runtime = "nodejs16.x", .region = "us-east-1"};
	struct classification c;
	classify(cl, r.runtime, false, &c);
	remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
	assert_non_null(strstr(sbuf.buf, "--function-name '<img src=x onerror=alert(1)>' --runtime nodejs24.x"));
	r.function = "it's";
	remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
	assert_non_null(strstr(sbuf.buf, "--function-name 'it'\\''s' "));
	/* every argument is quoted: a region from a hostile ARN cannot run a command */
	r.function = "orders";
	r.region = "us-east-1;touch /tmp/pwn;";
	remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
	assert_non_null(strstr(sbuf.buf, "--function-name orders --runtime nodejs24.x --region 'us-east-1;touch /tmp/pwn;')"));
	r.region = "$(id)";
	remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
	assert_non_null(strstr(sbuf.buf, "--region '$(id)')"));
	/* no fixed buffer: a long name is kept whole */
	char longname[3000];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	r.function = longname;
	r.region = NULL;
	remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
	assert_non_null(strstr(sbuf.buf, longname));
	assert_non_null(strstr(sbuf.buf, "then publish a version"));
}

static void test_reason(void **state)
{
	(void)state;
	struct resource r = {.runtime = "pyhton3.9"};
	struct classification c;
	classify(cl, r.runtime, false, &c);
	assert_string_equal(remediation_reason(&sbuf, &r, &c, catalog_as_of(cat)),
			    "runtime \"pyhton3.9\" is not in the lifecycle catalog dated 2026-09-23; did you mean python3.9?");
	/* near misses: a case slip, a doubled suffix; nothing close enough */
	static const struct {
		const char *runtime, *reason;
	} near[] = {
		{"Python3.12", "runtime \"Python3.12\" is not in the lifecycle catalog dated 2026-09-23; did you mean python3.12?"},
		{"provided.al2023023",
		 "runtime \"provided.al2023023\" is not in the lifecycle catalog dated 2026-09-23; did you mean provided.al2023?"},
		{"nodejs22", "runtime \"nodejs22\" is not in the lifecycle catalog dated 2026-09-23; did you mean nodejs22.x?"},
		{"cobol", "runtime \"cobol\" is not in the lifecycle catalog dated 2026-09-23"},
		{"python3.", "runtime \"python3.\" is not in the lifecycle catalog dated 2026-09-23"}, /* ambiguous */
	};
	for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
		r.runtime = near[i].runtime;
		classify(cl, r.runtime, false, &c);
		assert_string_equal(remediation_reason(&sbuf, &r, &c, catalog_as_of(cat)), near[i].reason);
	}
	r.runtime = "nodejs28.x";
	classify(cl, r.runtime, false, &c);
	assert_string_equal(remediation_reason(&sbuf, &r, &c, catalog_as_of(cat)),
			    "runtime \"nodejs28.x\" looks newer than the lifecycle catalog dated 2026-09-23 (its newest "
			    "nodejs runtime is nodejs26.x); run 'sunset runtimes --update' for current data");
	r.runtime = "python3.8";
	classify(cl, r.runtime, false, &c);
	assert_string_equal(remediation_reason(&sbuf, &r, &c, catalog_as_of(cat)), "");
}

static void test_no_target(void **state)
{
	(void)state;
	struct classifier *late = classifier_new(cat, D("2031-01-01"), 180);
	struct resource r = {.function = "f", .runtime = "python3.14"};
	struct classification c;
	classify(late, r.runtime, false, &c);
	assert_int_equal(c.status, ST_UPDATE_BLOCKED);
	assert_null(c.recommended);
	assert_non_null(strstr(remediation_write(&sbuf, &r, &c, catalog_as_of(cat)),
			       "No supported python runtime is known"));
	classifier_free(late);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest),
		cmocka_unit_test(test_published_version),
		cmocka_unit_test(test_special_cases),
		cmocka_unit_test(test_shell_quoting),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_no_target),
	};
	return cmocka_run_group_tests_name("remediation", tests, setup, teardown);
}
