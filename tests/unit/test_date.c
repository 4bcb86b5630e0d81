#include "testutil.h"

static void test_parse_valid(void **state)
{
	(void)state;
	date_t d;
	char buf[11];
	const char *ok[] = {"1970-01-01", "2024-02-29", "2000-02-29", "2026-11-28", "2029-12-31", "9999-12-31"};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(date_parse(ok[i], &d), 0);
		assert_string_equal(date_format(d, buf), ok[i]);
	}
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
}

static void test_parse_invalid(void **state)
{
	(void)state;
	date_t d = 42;
	const char *bad[] = {"", "2026-1-01", "2026-13-01", "2026-00-10", "2023-02-29", "1900-02-29",
			     "2026-04-31", "2026-11-28x", " 2026-11-28", "2026/11/28", "20261128", "1969-12-31",
			     "2026-11-00", "abcd-ef-gh"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(date_parse(bad[i], &d), -1);
	assert_int_equal(d, 42);
	assert_int_equal(date_parse(NULL, &d), -1);
}

static void test_differences(void **state)
{
	(void)state;
	assert_int_equal(D("2026-11-28") - D("2026-07-31"), 120);
	assert_int_equal(D("2025-01-01") - D("2024-01-01"), 366);
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
}

static void test_roundtrip_every_day(void **state)
{
	(void)state;
	char buf[11];
	for (date_t d = D("2015-01-01"); d <= D("2035-12-31"); d++) {
		date_t back;
		assert_int_equal(date_parse(date_format(d, buf), &back), 0);
		assert_int_equal(back, d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_differences),
		cmocka_unit_test(test_roundtrip_every_day),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
