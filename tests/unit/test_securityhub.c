#include "testutil.h"

#include "aws/securityhub.h"

/* The region a finding is sent to comes from its ProductArn. */
static const struct {
	const char *arn;
	const char *region; /* NULL: none */
} cases[] = {
	{"arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default", "eu-west-1"},
	{"arn:aws-cn:securityhub:cn-north-1:111122223333:product/111122223333/default", "cn-north-1"},
	{"arn:aws-us-gov:securityhub:us-gov-west-1:1:product/1/default", "us-gov-west-1"},
	{"arn:aws:securityhub::111122223333:product/x/default", NULL}, /* empty region */
	{"arn:aws:securityhub:EU-WEST-1:1:product/1/default", NULL},   /* not a region name */
	{"arn:aws:securityhub:eu west:1:p", NULL},
	{"arn:aws:securityhub:eu-west-1", NULL}, /* cut off after the region */
	{"arn:aws", NULL},
	{"", NULL},
	{"arn:aws:securityhub:a-region-name-far-too-long-for-the-buffer-given-here:1:p", NULL},
};

static void test_region_of(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[32];
		const char *got = securityhub_region_of(cases[i].arn, buf, sizeof(buf));
		if (!cases[i].region) {
			if (got)
				fail_msg("%s: got %s, want none", cases[i].arn, got);
		} else {
			assert_non_null(got);
			assert_string_equal(got, cases[i].region);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_region_of)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
