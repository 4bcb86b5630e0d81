#include "testutil.h"

#include <fcntl.h>

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#include "model/scan.h"
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

/* utf16_mark writes s as UTF-16 (LE or BE), with a byte order mark or without, into out;
 * returns the length. */
static size_t utf16_mark(const char *s, bool be, bool mark, char *out, size_t n)
{
	size_t o = 0;
	if (mark) {
		out[o++] = be ? (char)0xFE : (char)0xFF;
		out[o++] = be ? (char)0xFF : (char)0xFE;
	}
	for (; *s && o + 2 <= n; s++) {
		/* ASCII plus one non-ASCII test: "\xC3\xA9" (é) becomes U+00E9 */
		unsigned u = (unsigned char)*s;
		if (u == 0xC3) {
			u = 0xC0 | ((unsigned char)s[1] & 0x3F);
			s++;
		}
		out[o++] = be ? (char)(u >> 8) : (char)(u & 0xFF);
		out[o++] = be ? (char)(u & 0xFF) : (char)(u >> 8);
	}
	return o;
}

static size_t utf16(const char *s, bool be, char *out, size_t n) { return utf16_mark(s, be, true, out, n); }

static void test_bare_array_and_encodings(void **state)
{
	(void)state;
	/* what aws lambda list-functions --query Functions prints (and CloudSploit caches):
	 * the function configurations themselves, in one array; pages and bare arrays mix */
	static const char *const inputs[] = {
		"[" FN("a", "$LATEST", "python3.8") ",\n" FN("a", "1", "python3.6") ",\n" FN("b", "$LATEST", "nodejs24.x") "]",
		"[ " FN("a", "$LATEST", "python3.8") " , " FN("a", "1", "python3.6") " ]\n[{\"NextMarker\": null, \"Functions\": ["
			FN("b", "$LATEST", "nodejs24.x") "]}]",
	};
	char buf[4096], enc[8192];
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		const size_t chunks[] = {0, 1, 2, 3, 7, 64, 100};
		for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
			/* UTF-8, UTF-8 with BOM, UTF-16LE, UTF-16BE, then both UTF-16 without a BOM */
			for (int e = 0; e < 6; e++) {
				size_t len;
				if (e < 2) {
					len = (size_t)snprintf(buf, sizeof(buf), "%s%s", e ? "\xEF\xBB\xBF" : "", inputs[i]);
					memcpy(enc, buf, len);
				} else {
					len = utf16_mark(inputs[i], e % 2, e < 4, enc, sizeof(enc));
				}
				struct result r = run_chunked(enc, len, chunks[k]);
				if (r.res != INV_OK || strcmp(r.found.text, WANT))
					fail_msg("input %zu encoding %d chunk %zu: result %d errors %zu (%s) found [%s]", i, e,
						 chunks[k], r.res, r.errors, r.err_msg, r.found.text);
			}
		}
	}
	/* errors in a UTF-16 file are at the same line and column as in its UTF-8 form */
	const char *bad = "[" FN("a", "1", "python3.8") ",\n  {\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:b\", \"Runtime\": }]";
	for (int be = 0; be < 4; be++) {
		size_t len = utf16_mark(bad, be % 2, be < 2, enc, sizeof(enc));
		struct result r = run_chunked(enc, len, 3);
		if (r.res != INV_PARTIAL || r.err_line != 2 || r.err_col != 82 || r.resources != 1 ||
		    !strstr(r.err_msg, "malformed JSON"))
			fail_msg("utf-16 %d: result %d at %ld:%ld \"%s\"", be, r.res, r.err_line, r.err_col, r.err_msg);
	}
	/* a non-ASCII name decodes to the same UTF-8 */
	const char *name = "[{\"FunctionName\": \"caf\xC3\xA9\", \"FunctionArn\": "
			   "\"arn:aws:lambda:us-east-1:111122223333:function:cafe\", \"Runtime\": \"python3.8\"}]";
	size_t len = utf16(name, false, enc, sizeof(enc));
	struct result r = run_chunked(enc, len, 1);
	assert_int_equal(r.res, INV_OK);
	assert_string_equal(r.found.text, "caf\xC3\xA9:$LATEST:python3.8:deprecated:111122223333:us-east-1");
	/* a record that is not a function in a bare array is named by its index */
	r = run("[" FN("a", "1", "python3.8") ", {\"FunctionName\": \"n\"}]");
	assert_int_equal(r.res, INV_PARTIAL);
	assert_non_null(strstr(r.err_msg, "[1]: missing \"FunctionArn\""));
}

/* CloudSploit's whole cache file: {"lambda": {"listFunctions": {REGION: {"data": [...]}}}},
 * other services and calls skipped; the region key fills an ARN that has none. */
static void test_cloudsploit_cache(void **state)
{
	(void)state;
	static const char *const cache =
		"{\"sts\": {\"getCallerIdentity\": {\"us-east-1\": {\"data\": \"111122223333\"}}},\n"
		" \"lambda\": {\"getFunction\": {\"us-east-1\": {}},\n"
		"  \"listFunctions\": {\"us-east-1\": {\"data\": [" FN("a", "$LATEST", "python3.8") "," FN("a", "1", "python3.6") "]},\n"
		"   \"eu-west-1\": {\"data\": [{\"FunctionName\": \"b\", \"FunctionArn\": "
		"\"arn:aws:lambda::111122223333:function:b\", \"Runtime\": \"nodejs24.x\"}]},\n"
		"   \"ap-south-1\": {\"data\": []}}}}";
	const size_t chunks[] = {0, 1, 3, 64};
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		struct result r = run_chunked(cache, strlen(cache), chunks[k]);
		if (r.res != INV_OK || strcmp(r.found.text, "a:$LATEST:python3.8:deprecated:111122223333:us-east-1 "
							      "a:1:python3.6:update_blocked:111122223333:us-east-1 "
							      "b:$LATEST:nodejs24.x:supported:111122223333:eu-west-1"))
			fail_msg("chunk %zu: result %d (%s) found [%s]", chunks[k], r.res, r.err_msg, r.found.text);
	}
	/* an error keeps its file position and names the path in the cache */
	struct result r = run("{\"lambda\": {\"listFunctions\": {\"us-east-1\": {\"data\": [" FN("a", "1", "python3.8")
			      ",\n  {\"FunctionName\": \"n\"}]},\n \"eu-west-1\": {\"err\": {\"code\": \"AccessDenied\"}}}}}");
	assert_int_equal(r.res, INV_PARTIAL);
	assert_int_equal(r.errors, 2);
	assert_int_equal(r.err_line, 2);
	assert_int_equal(r.err_col, 3);
	assert_non_null(strstr(r.err_msg, "lambda.listFunctions.us-east-1.data[1]: missing \"FunctionArn\""));
}

/* The text path (function_item_text) must read exactly what jansson's path reads, and
 * hand anything unusual to jansson. */
struct text_case {
	const char *json;
	int want; /* 0: read from the text, FI_USE_JSON: left to jansson, -1: an error */
};

static const struct text_case text_cases[] = {
	{FN("a", "1", "python3.8"), 0},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Runtime\": null,"
	 " \"Architectures\": [\"x86_64\", \"arm64\"], \"Layers\": [{\"Arn\": \"l\", \"CodeSize\": -12}], \"T\": true, \"F\": false}", 0},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Runtime\": \"java8\", \"Runtime\": \"python3.8\"}", 0},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Description\": \"\\u00e9 \\n \\\"\"}", 0},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Nested\": {\"Runtime\": 3}}", 0},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"FunctionName\": \"caf\xC3\xA9\"}", 0},
	{"{\"FunctionName\": \"n\"}", -1},
	{"{\"FunctionArn\": \"arn:aws:lambda:useast1:111122223333:function:x\"}", -1},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Runtime\": 3.9}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Runtime\": \"py\\u0000\"}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"Runtime\": \"python3.8\", \"Architectures\": \"x86_64\"}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"CodeSize\": 1e3}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"CodeSize\": 99999999999999999999}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"D\": \"\\ud800\"}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"D\": \"\xff\"}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"D\": \"tab\there\"}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\", \"D\": tru}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\",}", FI_USE_JSON},
	{"{\"FunctionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\"} x", FI_USE_JSON},
	{"{\"Fun\\u0063tionArn\": \"arn:aws:lambda:us-east-1:111122223333:function:x\"}", FI_USE_JSON},
	{"[1]", FI_USE_JSON},
};

static void same_item(const struct function_item *a, const struct function_item *b, size_t i)
{
	const char *const *x[] = {&a->r.resource, &a->r.function, &a->r.version, &a->r.account, &a->r.region,
				  &a->r.partition, &a->r.runtime, &a->r.package_type, &a->r.last_modified,
				  &a->r.architectures};
	const char *const *y[] = {&b->r.resource, &b->r.function, &b->r.version, &b->r.account, &b->r.region,
				  &b->r.partition, &b->r.runtime, &b->r.package_type, &b->r.last_modified,
				  &b->r.architectures};
	for (size_t k = 0; k < sizeof(x) / sizeof(x[0]); k++)
		if ((*x[k] == NULL) != (*y[k] == NULL) || (*x[k] && strcmp(*x[k], *y[k])))
			fail_msg("case %zu: field %zu: text path \"%s\", jansson \"%s\"", i, k, *x[k] ? *x[k] : "(null)",
				 *y[k] ? *y[k] : "(null)");
}

static void test_text_path(void **state)
{
	(void)state;
	struct strbuf scratch = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]); i++) {
		const struct text_case *tc = &text_cases[i];
		struct function_item a, b;
		char ea[400] = "", eb[400] = "";
		int ra = function_item_text(tc->json, strlen(tc->json), "inventory", &a, &scratch, ea, sizeof(ea));
		if (ra != tc->want)
			fail_msg("case %zu: text path returned %d, want %d (%s)", i, ra, tc->want, ea);
		json_t *v = json_loadb(tc->json, strlen(tc->json), JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		if (ra == FI_USE_JSON) {
			json_decref(v);
			continue;
		}
		assert_non_null(v);
		int rb = function_item_read(v, "inventory", &b, eb, sizeof(eb));
		if (ra != rb || strcmp(ea, eb))
			fail_msg("case %zu: text path %d \"%s\", jansson %d \"%s\"", i, ra, ea, rb, eb);
		if (ra == 0)
			same_item(&a, &b, i);
		json_decref(v);
	}
	sb_release(&scratch);
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
		cmocka_unit_test(test_bare_array_and_encodings),
		cmocka_unit_test(test_cloudsploit_cache),
		cmocka_unit_test(test_text_path),
		cmocka_unit_test(test_empty_ok),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_value_size_limit),
		cmocka_unit_test(test_missing_and_directory),
		cmocka_unit_test(test_arn),
	};
	return cmocka_run_group_tests_name("inventory", tests, catalog_setup, catalog_teardown);
}
