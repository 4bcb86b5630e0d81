#include "testutil.h"

#include <fcntl.h>

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#include "scan.h"
#include "source/function_item.h"
#include "source/inventory.h"

/* A compact summary of what a scan kept: "function:version:runtime:status" joined by ' '. */
struct collect {
	char text[8192];
};

static int collect_one(void *ctx, const struct finding *f)
{
	struct collect *c = ctx;
	size_t n = strlen(c->text);
	snprintf(c->text + n, sizeof(c->text) - n, "%s%s:%s:%s:%s:%s:%s", n ? " " : "", f->s[FS_FUNCTION],
		 f->s[FS_VERSION], f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "-", status_name(f->status),
		 f->s[FS_ACCOUNT], f->s[FS_REGION]);
	return 0;
}

struct result {
	enum inventory_result res;
	size_t resources, errors;
	long err_line, err_col;
	char err_msg[256];
	struct collect found;
};

static struct result run_chunked(const char *json, size_t len, size_t chunk)
{
	struct result r;
	struct scan s;
	memset(&r, 0, sizeof(r));
	const char *path = write_temp(json, len);
	int fd = open(path, O_RDONLY);
	scan_init(&s, cat, D("2026-11-28"), 180, true);
	r.res = inventory_scan_fd(&s, fd, "inv.json", chunk);
	close(fd);
	unlink(path);
	r.resources = s.resources;
	r.errors = s.errors.total;
	if (s.errors.n) {
		r.err_line = s.errors.v[0].line;
		r.err_col = s.errors.v[0].column;
		snprintf(r.err_msg, sizeof(r.err_msg), "%s", s.errors.v[0].message);
	}
	fstore_each(s.store, collect_one, &r.found);
	scan_release(&s);
	return r;
}

static struct result run(const char *json)
{
	return run_chunked(json, strlen(json), 0);
}

#define FN(name, ver, rt) \
	"{\"FunctionName\":\"" name "\",\"FunctionArn\":\"arn:aws:lambda:us-east-1:111122223333:function:" name ":" ver \
	"\",\"Runtime\":\"" rt "\",\"Description\":\"quote \\\" backslash \\\\ brace } bracket ]\",\"PackageType\":\"Zip\"}"

static const char *const PAGE1 = "{\"Functions\":[" FN("a", "$LATEST", "python3.8") "," FN("a", "1", "python3.6")
				 "],\"NextMarker\":\"m1\"}";
static const char *const PAGE2 = "{\"Functions\":[" FN("b", "$LATEST", "nodejs24.x") "]}";
static const char *const WANT = "a:$LATEST:python3.8:deprecated:111122223333:us-east-1 "
				"a:1:python3.6:update_blocked:111122223333:us-east-1 "
				"b:$LATEST:nodejs24.x:supported:111122223333:us-east-1";

static void test_layouts(void **state)
{
	(void)state;
	char buf[4096];
	const char *fmts[] = {"%s%s", "%s\n%s\n", "[%s,%s]", " [ %s ,\n %s ] ", "\xEF\xBB\xBF%s%s",
			      "[%s]\n[%s]"};
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		snprintf(buf, sizeof(buf), fmts[i], PAGE1, PAGE2);
		/* Every read size, down to one byte, so values straddle reads anywhere. */
		const size_t chunks[] = {0, 1, 2, 3, 7, 64, 100};
		for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
			struct result r = run_chunked(buf, strlen(buf), chunks[k]);
			if (r.res != INV_OK || strcmp(r.found.text, WANT))
				fail_msg("layout %zu chunk %zu: result %d errors %zu (%s) found [%s]", i, chunks[k], r.res,
					 r.errors, r.err_msg, r.found.text);
		}
	}
}

static void test_single_aws_cli_page(void **state)
{
	(void)state;
	/* The AWS CLI merges every page into one object; versions come from the ARN. */
	struct result r = run("{\n    \"Functions\": [\n"
			      "        {\"FunctionName\": \"x\", \"FunctionArn\": \"arn:aws-us-gov:lambda:us-gov-west-1:444455556666:function:x\","
			      " \"Runtime\": \"java8\", \"Version\": \"$LATEST\"},\n"
			      "        {\"FunctionName\": \"img\", \"FunctionArn\": \"arn:aws-cn:lambda:cn-north-1:444455556666:function:img:7\","
			      " \"PackageType\": \"Image\", \"Version\": \"7\"}\n    ]\n}\n");
	assert_int_equal(r.res, INV_OK);
	assert_int_equal(r.resources, 2);
	assert_string_equal(r.found.text, "x:$LATEST:java8:create_blocked:444455556666:us-gov-west-1 "
					  "img:7:-:not_applicable:444455556666:cn-north-1");
}

static void test_empty_ok(void **state)
{
	(void)state;
	struct result r = run("{\"Functions\": []}");
	assert_int_equal(r.res, INV_OK);
	assert_int_equal(r.resources, 0);
	r = run("[]");
	assert_int_equal(r.res, INV_OK);
}

struct bad_case {
	const char *json;
	enum inventory_result res;
	long line, col;
	const char *msg_part;
	size_t resources;
};

static const struct bad_case bad_cases[] = {
	{"", INV_FAILED, 0, 0, "empty input", 0},
	{"  \n\n ", INV_FAILED, 0, 0, "empty input", 0},
	{"\x7f" "ELF\x01\x02\x00garbage", INV_FAILED, 1, 1, "got byte 0x7f", 0},
	{"PK\x03\x04", INV_FAILED, 1, 1, "got 'P'", 0},
	{"{\"Items\": []}", INV_FAILED, 1, 1, "\"Functions\" array", 0},
	{"\n  {\"Functions\": {}}", INV_FAILED, 2, 17, "must be an array", 0},
	{"{\"Functions\": [1]}", INV_PARTIAL, 1, 16, "expected a function object", 0},
	{"{\"Functions\": [", INV_FAILED, 1, 16, "end of input", 0},
	{"{\"Functions\": [" FN("a", "1", "python3.8") ",\n  {\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:b\", \"Runtime\": }]}",
	 INV_PARTIAL, 2, 82, "malformed JSON", 1},
	{"{\"Functions\": [" FN("a", "1", "python3.8") "]}\n{\"Functions\": [" FN("b", "1", "python3.8"),
	 INV_PARTIAL, 2, 0, "end of input", 2},
	{"{\"Functions\": [{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:c\", \"Runtime\": 3.9},"
	 FN("d", "2", "ruby2.7") "]}",
	 INV_PARTIAL, 1, 16, "\"Runtime\" must be a string, got a number", 1},
	{"{\"Functions\": [{\"FunctionName\": \"n\", \"Runtime\": \"python3.8\"}]}", INV_PARTIAL, 1, 16,
	 "missing \"FunctionArn\"", 0},
	{"{\"Functions\": [{\"FunctionArn\": \"arn:aws:s3:::bucket\", \"Runtime\": \"python3.8\"}]}", INV_PARTIAL, 1, 16,
	 "is not arn:PARTITION:lambda", 0},
	{"{\"Functions\": [{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:c\", \"Architectures\": \"x86_64\"}]}",
	 INV_PARTIAL, 1, 16, "\"Architectures\" must be an array", 0},
	{"{\"Functions\": [] \"NextMarker\": 1}", INV_FAILED, 1, 18, "expected ',' or '}'", 0},
	{"{\"Functions\" []}", INV_FAILED, 1, 14, "expected ':'", 0},
	{"{Functions: []}", INV_FAILED, 1, 2, "starting a key", 0},
	{"[{\"Functions\": []} {\"Functions\": []}]", INV_PARTIAL, 1, 20, "expected ',' or ']'", 0},
	{"[1]", INV_FAILED, 1, 2, "page object in the array", 0},
	{"{\"Functions\": [\"\\ud800\"]}", INV_FAILED, 1, 23, "malformed JSON", 0},
	{"{\"Functions\": [\"\xff\xfe\"]}", INV_FAILED, 1, 16, "malformed JSON", 0},
};

static void test_bad_input(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *bc = &bad_cases[i];
		size_t len = strlen(bc->json);
		if (i == 2)
			len = 15; /* has a NUL byte */
		struct result r = run_chunked(bc->json, len, 3);
		if (r.res != bc->res || !strstr(r.err_msg, bc->msg_part) || r.resources != bc->resources ||
		    (bc->line && r.err_line != bc->line) || (bc->col && r.err_col != bc->col))
			fail_msg("case %zu: result %d, resources %zu, error at %ld:%ld \"%s\"", i, r.res, r.resources,
				 r.err_line, r.err_col, r.err_msg);
	}
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 100000;
	char *buf = malloc(depth * 2 + 200);
	size_t n = (size_t)sprintf(buf, "{\"Functions\": [{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:d\", \"X\": ");
	memset(buf + n, '[', depth);
	memset(buf + n + depth, ']', depth);
	n += 2 * depth;
	n += (size_t)sprintf(buf + n, "}]}");
	struct result r = run_chunked(buf, n, 0);
	assert_int_equal(r.res, INV_FAILED);
	assert_non_null(strstr(r.err_msg, "malformed JSON"));
	free(buf);
}

static void test_value_size_limit(void **state)
{
	(void)state;
	/* One record larger than the limit is refused, not buffered without end. */
	size_t big = (64u << 20) + 1024;
	char *buf = malloc(big + 200);
	size_t n = (size_t)sprintf(buf, "{\"Functions\": [{\"Description\": \"");
	memset(buf + n, 'x', big);
	n += big;
	n += (size_t)sprintf(buf + n, "\"}]}");
	struct result r = run_chunked(buf, n, 0);
	assert_int_equal(r.res, INV_FAILED);
	assert_non_null(strstr(r.err_msg, "larger than"));
	free(buf);
}

static void test_missing_and_directory(void **state)
{
	(void)state;
	struct scan s;
	scan_init(&s, cat, D("2026-11-28"), 180, false);
	assert_int_equal(inventory_scan_path(&s, "/nonexistent/inventory.json"), INV_FAILED);
	assert_int_equal(inventory_scan_path(&s, "/tmp"), INV_FAILED);
	assert_int_equal(s.errors.total, 2);
	assert_non_null(strstr(s.errors.v[0].message, "cannot open"));
	assert_non_null(strstr(s.errors.v[1].message, "is a directory"));
	scan_release(&s);
}

struct arn_case {
	const char *arn;
	int ok;
	const char *partition, *region, *account, *name, *qualifier;
};

static const struct arn_case arn_cases[] = {
	{"arn:aws:lambda:us-east-1:111122223333:function:f", 0, "aws", "us-east-1", "111122223333", "f", NULL},
	{"arn:aws:lambda:us-east-1:111122223333:function:f:$LATEST", 0, "aws", "us-east-1", "111122223333", "f", "$LATEST"},
	{"arn:aws-cn:lambda:cn-north-1:111122223333:function:f:12", 0, "aws-cn", "cn-north-1", "111122223333", "f", "12"},
	{"arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:my_f-1:prod", 0, "aws-us-gov", "us-gov-west-1",
	 "111122223333", "my_f-1", "prod"},
	{"arn:aws:lambda:us-east-1:11112222333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1:111122223333:layer:f:1", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1:111122223333:function:", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1:111122223333:function:f:", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1:111122223333:function:f:1:2", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda::111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:gcp:lambda:us-east-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"f", -1, 0, 0, 0, 0, 0},
	{"", -1, 0, 0, 0, 0, 0},
	{"arn:aws-iso-b:lambda:us-isob-east-1:111122223333:function:f", 0, "aws-iso-b", "us-isob-east-1",
	 "111122223333", "f", NULL},
	{"arn:aws:lambda:eu-isoe-west-1:111122223333:function:f", 0, "aws", "eu-isoe-west-1", "111122223333", "f", NULL},
	/* parts out of AWS's formats: they would reach a shell command and Security Hub ARNs */
	{"arn:aws:lambda:us-east-1;touch /tmp/pwn;:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1$(id):111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:US-EAST-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-123:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us--east-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:u-east-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1\x1b]0;x\x07:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:awsx:lambda:us-east-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws-:lambda:us-east-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws-cn ;x:lambda:cn-north-1:111122223333:function:f", -1, 0, 0, 0, 0, 0},
	{"arn:aws:lambda:us-east-1:11112222333a:function:f", -1, 0, 0, 0, 0, 0},
};

static void test_arn(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(arn_cases) / sizeof(arn_cases[0]); i++) {
		const struct arn_case *ac = &arn_cases[i];
		struct lambda_arn a;
		int rc = arn_split(ac->arn, &a);
		if (rc != ac->ok)
			fail_msg("%s: got %d", ac->arn, rc);
		if (rc)
			continue;
		assert_null(a.bad);
		assert_string_equal(a.partition, ac->partition);
		assert_string_equal(a.region, ac->region);
		assert_string_equal(a.account, ac->account);
		assert_string_equal(a.name, ac->name);
		if (ac->qualifier)
			assert_string_equal(a.qualifier, ac->qualifier);
		else
			assert_null(a.qualifier);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_single_aws_cli_page),
		cmocka_unit_test(test_empty_ok),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_value_size_limit),
		cmocka_unit_test(test_missing_and_directory),
		cmocka_unit_test(test_arn),
	};
	return cmocka_run_group_tests_name("inventory", tests, catalog_setup, catalog_teardown);
}
