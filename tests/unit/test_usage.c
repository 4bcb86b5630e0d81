#include "testutil.h"

#include "aws/usage.h"

/* The body of one GetMetricData call: ids numbered from the batch's first query, the
 * dimensions a query names and no others, a 30-day Sum, the window ending on a minute. */
static void test_body(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct usage_query q[] = {{"orders", NULL, NULL}, {"orders", "orders:live", "1"}, {"a b&c", "a b&c:7", NULL}};
	usage_body(&sb, q, 3, 500, 1796000000LL /* 2026-11-30T00:53:20Z */, NULL);
	static const char *want[] = {
		"Action=GetMetricData&Version=2010-08-01",
		"&StartTime=2026-10-31T00%3A54%3A00Z&EndTime=2026-11-30T00%3A54%3A00Z",
		"&MetricDataQueries.member.1.Id=m500&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
		"&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Invocations"
		"&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=FunctionName"
		"&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=orders"
		"&MetricDataQueries.member.1.MetricStat.Period=2592000&MetricDataQueries.member.1.MetricStat.Stat=Sum",
		"&MetricDataQueries.member.2.Id=m501",
		"Dimensions.member.2.Name=Resource&MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.2.Value="
		"orders%3Alive",
		"Dimensions.member.3.Name=ExecutedVersion&MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.3."
		"Value=1",
		"member.3.MetricStat.Metric.Dimensions.member.1.Value=a%20b%26c",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(sb.buf, want[i]))
			fail_msg("body lacks %s:\n%s", want[i], sb.buf);
	assert_null(strstr(sb.buf, "member.1.MetricStat.Metric.Dimensions.member.2"));
	assert_null(strstr(sb.buf, "member.4."));
	assert_null(strstr(sb.buf, "NextToken"));
	sb_release(&sb);
}

static void test_parse(void **state)
{
	(void)state;
	static const char xml[] =
		"<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult>"
		"<MetricDataResults>"
		"<member><Id>m10</Id><Timestamps><member>2026-11-01T00:00:00Z</member></Timestamps>"
		"<Values><member>700.0</member><member>5</member></Values><StatusCode>Complete</StatusCode></member>"
		"<member><Id>m11</Id><Values/><StatusCode>Complete</StatusCode></member>"
		"<member><Id>m99</Id><Values><member>1</member></Values></member>"       /* not ours */
		"<member><Id>x12</Id><Values><member>1</member></Values></member>"       /* not ours */
		"<member><Id>m12</Id><Values><member>-4</member><member>nan</member><member>1e300</member></Values></member>"
		"</MetricDataResults><NextToken>tok+/=</NextToken></GetMetricDataResult></GetMetricDataResponse>";
	long sums[4] = {0};
	bool have[4] = {0};
	char *next = NULL;
	assert_int_equal(usage_parse(xml, sizeof(xml) - 1, 10, 4, sums, have, &next), 0);
	assert_int_equal(sums[0], 705);
	assert_true(have[0] && have[1] && have[2] && !have[3]);
	assert_int_equal(sums[1], 0);
	assert_int_equal(sums[2], 0); /* negative, NaN and absurd values are not counts */
	assert_string_equal(next, "tok+/=");
	free(next);
	assert_int_equal(usage_parse("<html>", 6, 0, 4, sums, have, &next), -1);
	assert_int_equal(usage_parse("<ErrorResponse/>", 16, 0, 4, sums, have, &next), -1);
	assert_null(next);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests_name("usage", tests, NULL, NULL);
}
