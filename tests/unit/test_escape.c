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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_md),
	};
	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
