/* The stable id of a resource, and a finding's change against a prior scan. */
#include "testutil.h"

#include "model/prior.h"
#include "model/scan.h"

static void test_resource_id(void **state)
{
	(void)state;
	static const struct {
		struct resource r;
		const char *want;
	} cases[] = {
		/* $LATEST: unqualified ARN (version from the record) and ...:$LATEST are one identity */
		{{.resource = "arn:aws:lambda:eu-west-1:111122223333:function:f", .function = "f", .version = "$LATEST",
		  .account = "111122223333", .region = "eu-west-1", .partition = "aws"},
		 "aws:111122223333:eu-west-1:f:$LATEST"},
		{{.resource = "arn:aws:lambda:eu-west-1:111122223333:function:f:$LATEST", .function = "f",
		  .version = "$LATEST", .account = "111122223333", .region = "eu-west-1", .partition = "aws"},
		 "aws:111122223333:eu-west-1:f:$LATEST"},
		{{.function = "f", .account = "111122223333", .region = "eu-west-1", .partition = "aws"},
		 "aws:111122223333:eu-west-1:f:$LATEST"},
		{{.function = "f", .version = "7", .account = "1", .region = "cn-north-1", .partition = "aws-cn"},
		 "aws-cn:1:cn-north-1:f:7"},
		/* templates: the file relative to the scanned path and the address, never the line */
		{{.resource = "Api", .function = "Api", .file = "stack/t.yaml", .line = 12}, "stack/t.yaml#Api"},
		{{.resource = "Api", .function = "Api", .file = "stack/t.yaml", .line = 99}, "stack/t.yaml#Api"},
		{{.resource = "module.x.aws_lambda_function.y", .function = "fn", .file = "main.tf"},
		 "main.tf#module.x.aws_lambda_function.y"},
		{{.resource = "functions.hello", .function = "hello", .file = "serverless.yml"},
		 "serverless.yml#functions.hello"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		assert_string_equal(scan_resource_id(&cases[i].r, &sb), cases[i].want);
		sb_release(&sb);
	}
}

/* One scan as of 2027-02-15 against a prior holding three findings. */
static void test_changes(void **state)
{
	(void)state;
	struct catalog *catl = builtin_catalog();
	struct scan s;
	struct prior p;
	prior_init(&p, PRIOR_HISTORY);
	struct prior_entry *e = prior_add(&p, "aws:1:eu-west-1:same:$LATEST");
	e->status = ST_CREATE_BLOCKED;
	e->first_seen = D("2026-11-28");
	e = prior_add(&p, "aws:1:eu-west-1:worse:$LATEST");
	e->status = ST_DEPRECATED;
	e->first_seen = D("2027-01-01");
	e = prior_add(&p, "aws:1:eu-west-1:gone:$LATEST");
	e->status = ST_DEPRECATED;
	e->region = strdup("eu-west-1");
	e = prior_add(&p, "aws:1:us-east-1:unreached:$LATEST");
	e->status = ST_DEPRECATED;
	e->region = strdup("us-east-1");
	e = prior_add(&p, "aws:1:eu-west-1:upgraded:$LATEST");
	e->status = ST_DEPRECATED;
	assert_ptr_equal(prior_add(&p, "aws:1:eu-west-1:same:$LATEST"), prior_find(&p, "aws:1:eu-west-1:same:$LATEST"));

	scan_init(&s, catl, D("2027-02-15"), 180, false);
	s.prior = &p;
	static const struct {
		const char *fn, *runtime;
	} res[] = {{"same", "ruby2.7"}, {"worse", "python3.9"}, {"new", "python3.8"}, {"upgraded", "python3.13"}};
	for (size_t i = 0; i < 4; i++) {
		struct resource r = {.function = res[i].fn, .runtime = res[i].runtime, .account = "1",
				     .region = "eu-west-1", .partition = "aws"};
		assert_int_equal(scan_add(&s, &r), 0);
	}
	errlist_add(&s.errors, "aws", NULL, 0, 0, NULL, "us-east-1", "ListFunctions failed");
	scan_changes_finish(&s);
	assert_int_equal(s.changes[CH_NEW], 1);
	assert_int_equal(s.changes[CH_UNCHANGED], 1);
	assert_int_equal(s.changes[CH_WORSE], 1);
	assert_int_equal(s.changes[CH_FIXED], 2); /* gone, and upgraded to a supported runtime */
	assert_int_equal(s.changes[CH_NOT_SCANNED], 1);
	assert_int_equal(prior_find(&p, "aws:1:eu-west-1:gone:$LATEST")->gone, CH_FIXED);
	assert_int_equal(prior_find(&p, "aws:1:eu-west-1:upgraded:$LATEST")->gone, CH_FIXED);
	assert_int_equal(prior_find(&p, "aws:1:us-east-1:unreached:$LATEST")->gone, CH_NOT_SCANNED);
	assert_int_equal(prior_find(&p, "aws:1:eu-west-1:same:$LATEST")->gone, -1);
	assert_int_equal(s.new_by_status[ST_CREATE_BLOCKED], 1); /* python3.8 past 2027-02-01 */
	scan_release(&s);
	prior_release(&p);
	catalog_free(catl);
}

/* The map keeps every entry through many rehashes. */
static void test_prior_grows(void **state)
{
	(void)state;
	struct prior p;
	char id[32];
	prior_init(&p, PRIOR_BASELINE);
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "id-%d", i);
		prior_add(&p, id)->status = i % ST_COUNT;
	}
	assert_int_equal(p.n, 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "id-%d", i);
		assert_non_null(prior_find(&p, id));
		assert_int_equal(prior_find(&p, id)->status, i % ST_COUNT);
	}
	assert_null(prior_find(&p, "id-5000"));
	assert_int_equal(change_parse("not_scanned"), CH_NOT_SCANNED);
	assert_int_equal(change_parse("gone"), -1);
	prior_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resource_id),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_prior_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
