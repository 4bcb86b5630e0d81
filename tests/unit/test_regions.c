#include "testutil.h"

#include "aws/regions.h"

static void test_parse(void **state)
{
	(void)state;
	const char *xml =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
		"<requestId>x</requestId><regionInfo>"
		"<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint>"
		"<optInStatus>opt-in-not-required</optInStatus></item>"
		"<item><regionName>af-south-1</regionName><optInStatus>opted-in</optInStatus></item>"
		"<item><regionName>me-south-1</regionName><optInStatus>not-opted-in</optInStatus></item>"
		"<item><regionName>us-east-1</regionName></item>"
		"<item><regionName>bad region!</regionName></item>"
		"</regionInfo></DescribeRegionsResponse>";
	char **v;
	size_t n;
	assert_int_equal(regions_parse_describe(xml, strlen(xml), &v, &n), 3);
	assert_int_equal(n, 3);
	assert_string_equal(v[0], "eu-west-1");
	assert_string_equal(v[1], "af-south-1");
	assert_string_equal(v[2], "us-east-1");
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void test_refuse(void **state)
{
	(void)state;
	char **v;
	size_t n;
	const char *bad[] = {"", "not xml", "<Other><regionInfo/></Other>", "<DescribeRegionsResponse>",
			     /* an entity expansion bomb is not expanded */
			     "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
			     "<DescribeRegionsResponse><regionInfo><item><regionName>&b;</regionName></item>"
			     "</regionInfo></DescribeRegionsResponse>"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = regions_parse_describe(bad[i], strlen(bad[i]), &v, &n);
		assert_true(r <= 0);
		for (size_t k = 0; k < n; k++)
			free(v[k]);
		free(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_refuse),
	};
	return cmocka_run_group_tests_name("regions", tests, NULL, NULL);
}
