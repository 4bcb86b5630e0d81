/* iac helpers: path tidying and folder names for template locations. */
#include "testutil.h"

#include "iac/iac.h"

static void test_path_clean(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"a/b/../c//./d/", "a/c/d"},
		{"examples/alias/../..//main.tf", "main.tf"},
		{"../a/..", ".."},
		{"../../x", "../../x"},
		{"/a/../../b", "/b"},
		{"a/..", "."},
		{"./x", "x"},
		{"/", "/"},
		{"a//b", "a/b"},
		{"tf/./modules/../modules/fn/main.tf", "tf/modules/fn/main.tf"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char b[64];
		strcpy(b, cases[i][0]);
		iac_path_clean(b);
		if (strcmp(b, cases[i][1])) {
			fprintf(stderr, "%s -> %s, want %s\n", cases[i][0], b, cases[i][1]);
			fail();
		}
	}
}

static void test_dirname(void **state)
{
	(void)state;
	char *d = iac_dirname("a/b/c.yaml");
	assert_string_equal(d, "a/b/");
	free(d);
	d = iac_dirname("c.yaml");
	assert_string_equal(d, "");
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_clean),
		cmocka_unit_test(test_dirname),
	};
	return cmocka_run_group_tests_name("iac_util", tests, NULL, NULL);
}
