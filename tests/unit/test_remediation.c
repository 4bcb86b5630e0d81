#include "testutil.h"

#include "model/classify.h"
#include "model/remediation.h"

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
	assert_non_null(strstr(s, "move the aliases that point at version 4 to it"));
	assert_non_null(strstr(s, "delete version 4"));
	/* test first, then change production */
	assert_true(strstr(s, "test orders on nodejs24.x first") < strstr(s, "then move $LATEST"));
}

/* A live function in every situation item 4 of issue 12 and item 6 of issue 11 name: the
 * sentence that is written (rewritten, not appended to), what it must say and not say. */
static void test_managed_and_usage(void **state)
{
	(void)state;
	static const struct {
		const char *runtime, *version, *managed_by, *stack, *latest_runtime, *aliases;
		long invocations; /* -1: usage not read */
		const char *want[4], *not[3];
	} cases[] = {
		/* plain $LATEST: test first, then change $LATEST, publish, move the alias */
		{"python3.8", "$LATEST", NULL, NULL, NULL, NULL, -1,
		 {"Test orders on python3.14 first, on a copy of the function or in a separate stage; then move $LATEST "
		  "from python3.8 to python3.14 (aws lambda update-function-configuration --function-name orders "
		  "--runtime python3.14 --region eu-west-1), publish a version and move the alias to it."},
		 {"refuses", "delete"}},
		/* tags say unknown: the same */
		{"python3.8", "$LATEST", "unknown", NULL, NULL, NULL, 12, {"Test orders on python3.14 first"}, {"template"}},
		/* update-blocked $LATEST keeps its fallback */
		{"nodejs12.x", "$LATEST", NULL, NULL, NULL, NULL, -1,
		 {"Test orders on nodejs24.x first", "; if Lambda refuses the update, deploy a new function on nodejs24.x "
		  "and move traffic to it."}},
		/* CloudFormation: change the template and name the stack; no command on the function */
		{"python3.8", "$LATEST", "cloudformation", "orders-prod", NULL, NULL, 5,
		 {"Change the runtime of orders from python3.8 to python3.14 in the template of CloudFormation stack "
		  "orders-prod, not on the function (the stack's next deploy would revert it)",
		  "deploy the change to a separate stage and test it there first, then deploy stack orders-prod."},
		 {"update-function-configuration", "SAM"}},
		/* SAM where lambda:createdBy says so */
		{"python3.8", "$LATEST", "sam", "orders-api", NULL, NULL, -1,
		 {"in the SAM template of CloudFormation stack orders-api"}, {"update-function-configuration"}},
		/* Terraform by tag */
		{"python3.8", "$LATEST", "terraform", NULL, NULL, NULL, -1,
		 {"in its Terraform configuration", "the next apply would revert it", "separate workspace"},
		 {"update-function-configuration", "stack"}},
		/* a stack-managed published version */
		{"python3.8", "3", "cloudformation", "orders-prod", NULL, "live=1", -1,
		 {"template of CloudFormation stack orders-prod", "once the aliases that route to version 3 (live=1) "
		  "point at the version it publishes, delete version 3."}},
		/* published version, $LATEST already moved on (issue 11 item 6) */
		{"python3.8", "4", NULL, NULL, "python3.13", "live=0.9", -1,
		 {"Version 4 of orders is on python3.8 but $LATEST is already on python3.13: publish a version from "
		  "$LATEST if none is, point the aliases that route to this version (live=0.9) at it, then delete "
		  "version 4."},
		 {"move $LATEST", "update-function-configuration"}},
		{"python3.8", "4", NULL, NULL, "python3.13", NULL, -1,
		 {"no alias routes to version 4; delete it (aws lambda delete-function --function-name orders "
		  "--qualifier 4 --region eu-west-1) once no caller invokes it by its number."},
		 {"move $LATEST"}},
		/* unused: deletion first, the rest of the advice to keep it */
		{"python3.8", "$LATEST", NULL, NULL, NULL, NULL, 0,
		 {"No invocations in the last 30 days: the simplest fix is to delete orders (aws lambda delete-function "
		  "--function-name orders --region eu-west-1); to keep it, test orders on python3.14 first"}},
		{"python3.8", "2", NULL, NULL, NULL, NULL, 0,
		 {"the simplest fix is to delete version 2 of orders (aws lambda delete-function --function-name orders "
		  "--qualifier 2 --region eu-west-1); to keep it, version 2 of orders is immutable: test"}},
		{"python3.8", "$LATEST", "cloudformation", "orders-prod", NULL, NULL, 0,
		 {"the simplest fix is to remove orders from the template of stack orders-prod; to keep it, change the "
		  "runtime"},
		 {"delete-function"}},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct resource r = {.function = "orders", .resource = "arn", .runtime = cases[i].runtime,
				     .version = cases[i].version, .region = "eu-west-1", .managed_by = cases[i].managed_by,
				     .stack = cases[i].stack, .latest_runtime = cases[i].latest_runtime,
				     .aliases = cases[i].aliases, .invocations = cases[i].invocations,
				     .has_invocations = cases[i].invocations >= 0};
		struct classification c;
		classify(cl, r.runtime, false, &c);
		const char *s = remediation_write(&sbuf, &r, &c, catalog_as_of(cat));
		for (int k = 0; k < 4 && cases[i].want[k]; k++)
			if (!strstr(s, cases[i].want[k]))
				fail_msg("case %zu: \"%s\" lacks \"%s\"", i, s, cases[i].want[k]);
		for (int k = 0; k < 3 && cases[i].not[k]; k++)
			if (strstr(s, cases[i].not[k]))
				fail_msg("case %zu: \"%s\" has \"%s\"", i, s, cases[i].not[k]);
		/* one sentence, not a sentence with another appended */
		assert_int_equal(s[strlen(s) - 1], '.');
		assert_null(strstr(s, ". "));
	}
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
	assert_non_null(strstr(sbuf.buf, "publish a version"));
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
		cmocka_unit_test(test_managed_and_usage),
		cmocka_unit_test(test_special_cases),
		cmocka_unit_test(test_shell_quoting),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_no_target),
	};
	return cmocka_run_group_tests_name("remediation", tests, setup, teardown);
}
