#include "testutil.h"

#include "report/escape.h"

static const char *run(void (*fn)(FILE *, const char *), const char *in)
{
	static char buf[1024];
	memset(buf, 0, sizeof(buf));
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	fn(f, in);
	fclose(f);
	return buf;
}

static void test_xml(void **state)
{
	(void)state;
	assert_string_equal(run(escape_xml, "<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
	assert_string_equal(run(escape_xml, "a&b\"c'd"), "a&amp;b&quot;c&#39;d");
	assert_string_equal(run(escape_xml, "bell\x07tab\tnl\n"), "belltab\tnl\n");
	assert_string_equal(run(escape_xml, "caf\xc3\xa9"), "caf\xc3\xa9");
	assert_string_equal(run(escape_xml, NULL), "");
	/* whatever reaches it, the output is well-formed XML text */
	assert_string_equal(run(escape_xml, "lat\xe9n\x1b"), "lat\xef\xbf\xbdn");
	assert_string_equal(run(escape_xml, "cut\xe2\x82"), "cut\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_md(void **state)
{
	(void)state;
	assert_string_equal(run(escape_md, "a|b"), "a\\|b");
	assert_string_equal(run(escape_md, "<script>"), "&lt;script&gt;");
	assert_string_equal(run(escape_md, "[x](http://e)"), "\\[x\\]\\(http://e\\)");
	assert_string_equal(run(escape_md, "two\nlines"), "two lines");
	assert_string_equal(run(escape_md, "$LATEST"), "$LATEST");
	assert_string_equal(run(escape_md, "`code`*em*_u_"), "\\`code\\`\\*em\\*\\_u\\_");
	/* control characters are shown, not sent: \x1b renders as written */
	assert_string_equal(run(escape_md, "a\x1b[2Jb"), "a\\\\x1b\\[2Jb");
}

static void test_term(void **state)
{
	(void)state;
	assert_string_equal(run(escape_term, "f\x1b]0;t\x07\r\n"), "f\\x1b]0;t\\x07\\r\\n");
	assert_string_equal(run(escape_term, NULL), "");
}

static void uri(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	escape_uri_path(&sb, s);
	if (sb.buf)
		fputs(sb.buf, out);
	sb_release(&sb);
}

static void test_uri(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"t/a b#c%20?.yaml", "t/a%20b%23c%2520%3F.yaml"},
		{"dir/template.yaml", "dir/template.yaml"},
		{"A-z_0.9~/x", "A-z_0.9~/x"},
		{"caf\xc3\xa9/\xef\xbf\xbd", "caf%C3%A9/%EF%BF%BD"},
		{"a:b;c=d&e+f", "a%3Ab%3Bc%3Dd%26e%2Bf"},
		{"q\"<>\\", "q%22%3C%3E%5C"},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(run(uri, t[i].in), t[i].out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_term),
		cmocka_unit_test(test_uri),
	};
	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
