/* The YAML and JSON front ends: positions and byte ranges of values, short-form tags,
 * merge keys, aliases, and errors with their position. */
#include "testutil.h"

#include "iac/doc.h"

/* parse a text held in an exact-size heap copy, so reading past the end shows under ASan */
static struct doc *parse(const char *text, bool json, struct doc_error *err, char **copy)
{
	size_t len = strlen(text);
	*copy = malloc(len ? len : 1);
	memcpy(*copy, text, len);
	return json ? doc_parse_json(*copy, len, err) : doc_parse_yaml(*copy, len, err);
}

/* slice is the bytes a scalar's range covers */
static void assert_slice(const char *buf, const struct doc_node *n, const char *want)
{
	assert_non_null(n);
	assert_true(n->in_place);
	assert_int_equal(n->vend - n->vstart, strlen(want));
	assert_memory_equal(buf + n->vstart, want, strlen(want));
}

static void test_yaml_positions(void **state)
{
	(void)state;
	const char *y = "# comment\n"
			"Resources:\n"
			"  Fn:\n"
			"    Properties:\n"
			"      Runtime: python3.8   # trailing\n"
			"      Q: 'nodejs12.x'\n"
			"      D: \"go1.x\"\n"
			"      E: \"py\\x74hon\"\n"
			"      U: 'r\xc3\xa9sum\xc3\xa9'\n"
			"      After: 'ruby2.7'\n";
	struct doc_error err;
	char *buf;
	struct doc *d = parse(y, false, &err, &buf);
	assert_non_null(d);
	const struct doc_node *p = doc_get_path(doc_root(d), "Resources.Fn.Properties");
	const struct doc_node *rt = doc_get(p, "Runtime");
	assert_int_equal(rt->line, 5);
	assert_int_equal(rt->column, 16);
	assert_slice(buf, rt, "python3.8");
	assert_false(rt->quoted);
	assert_slice(buf, doc_get(p, "Q"), "nodejs12.x");
	assert_int_equal(doc_get(p, "Q")->column, 10); /* the quote */
	assert_slice(buf, doc_get(p, "D"), "go1.x");
	assert_string_equal(doc_str(doc_get(p, "E")), "python");
	assert_false(doc_get(p, "E")->in_place); /* an escape: not rewritable byte for byte */
	/* after a non-ASCII line, byte offsets still land on the value */
	assert_slice(buf, doc_get(p, "After"), "ruby2.7");
	assert_int_equal(doc_get(p, "After")->line, 10);
	doc_free(d);
	free(buf);
}

static void test_yaml_tags_merge_alias(void **state)
{
	(void)state;
	const char *y = "base: &base {Runtime: nodejs16.x, Timeout: 3}\n"
			"fn:\n"
			"  <<: *base\n"
			"  Timeout: 9\n"
			"r: !Ref PyRuntime\n"
			"i: !If [IsProd, a, b]\n"
			"g: !GetAtt Role.Arn\n"
			"s: !Sub 'x-${AWS::Region}'\n"
			"n: ~\n";
	struct doc_error err;
	char *buf;
	struct doc *d = parse(y, false, &err, &buf);
	assert_non_null(d);
	const struct doc_node *root = doc_root(d), *fn = doc_get(root, "fn");
	assert_string_equal(doc_str(doc_get(fn, "Runtime")), "nodejs16.x");
	assert_string_equal(doc_str(doc_get(fn, "Timeout")), "9"); /* explicit keys win over merged */
	assert_int_equal(fn->n, 2);
	assert_string_equal(doc_one_key(doc_get(root, "r")), "Ref");
	assert_string_equal(doc_str(doc_get(doc_get(root, "r"), "Ref")), "PyRuntime");
	assert_string_equal(doc_one_key(doc_get(root, "i")), "Fn::If");
	assert_int_equal(doc_get(doc_get(root, "i"), "Fn::If")->n, 3);
	assert_string_equal(doc_one_key(doc_get(root, "g")), "Fn::GetAtt");
	assert_string_equal(doc_one_key(doc_get(root, "s")), "Fn::Sub");
	assert_null(doc_str(doc_get(root, "n")));
	assert_true(doc_get(root, "n")->null);
	doc_free(d);
	free(buf);
}

static void test_json_positions(void **state)
{
	(void)state;
	const char *j = "{\n  \"Resources\": {\"Fn\": {\"Properties\": {\n    \"Runtime\": \"nodejs14.x\",\n"
			"    \"E\": \"ruby2.\\u0037\", \"N\": 12.5e3, \"B\": true, \"Z\": null,\n"
			"    \"\xc3\xa9\": \"x\", \"After\": \"java8\"}}}\n}\n";
	struct doc_error err;
	char *buf;
	struct doc *d = parse(j, true, &err, &buf);
	assert_non_null(d);
	const struct doc_node *p = doc_get_path(doc_root(d), "Resources.Fn.Properties");
	const struct doc_node *rt = doc_get(p, "Runtime");
	assert_int_equal(rt->line, 3);
	assert_int_equal(rt->column, 16);
	assert_slice(buf, rt, "nodejs14.x");
	assert_string_equal(doc_str(doc_get(p, "E")), "ruby2.7");
	assert_false(doc_get(p, "E")->in_place);
	assert_string_equal(doc_str(doc_get(p, "N")), "12.5e3");
	assert_true(doc_get(p, "Z")->null);
	assert_int_equal(doc_get(p, "After")->column, 24); /* columns count characters */
	assert_slice(buf, doc_get(p, "After"), "java8");
	doc_free(d);
	free(buf);
}

static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool json;
		long line, column;
		const char *message;
	} cases[] = {
		{"{\"a\": 1,}", true, 1, 9, "expected a string key"},
		{"{\"a\": [1, 2}", true, 1, 12, "expected ',' or ']'"},
		{"{\"a\": \"x", true, 1, 9, "unterminated string"},
		{"{\"a\": tru}", true, 1, 7, "expected a value"},
		{"{} {}", true, 1, 4, "unexpected text after the JSON value"},
		{"{\"a\": \"\\q\"}", true, 1, 8, "invalid escape sequence in a string"},
		{"a: [1, 2\nb: 3\n", false, 2, 2, "did not find expected ',' or ']' while parsing a flow sequence"},
		{"a: *nope\n", false, 1, 4, "found undefined alias \"nope\""},
		{"a:\n  - b\n c: d\n", false, 3, 2, "did not find expected key while parsing a block mapping"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct doc_error err;
		char *buf;
		struct doc *d = parse(cases[i].text, cases[i].json, &err, &buf);
		if (d || err.line != cases[i].line || err.column != cases[i].column ||
		    !strstr(err.message, cases[i].message)) {
			fprintf(stderr, "case %zu: got %ld:%ld %s\n", i, err.line, err.column, err.message);
			fail();
		}
		free(buf);
	}
}

static void test_depth_limits(void **state)
{
	(void)state;
	for (int json = 0; json < 2; json++) {
		size_t n = 100000;
		char *text = malloc(n + 1);
		memset(text, '[', n);
		text[n] = '\0';
		struct doc_error err;
		char *buf;
		assert_null(parse(text, json, &err, &buf));
		assert_string_equal(err.message, "nesting deeper than 200 levels");
		free(buf);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_positions),
		cmocka_unit_test(test_yaml_tags_merge_alias),
		cmocka_unit_test(test_json_positions),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth_limits),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
