#include "testutil.h"

#include "model/classify.h"

static enum status st_on(const char *runtime, const char *day, int warn)
{
	const struct catalog_entry *e = catalog_find(cat, runtime);
	assert_non_null(e);
	return classify_entry_status(e, D(day), warn);
}

struct phase_case {
	const char *runtime, *day;
	int warn;
	enum status want;
};

/* Every boundary: the day before, of and after each published date. */
static const struct phase_case phase_cases[] = {
	/* python3.8: deprecated 2024-10-14, create-block 2027-02-01, update-block 2027-03-03 */
	{"python3.8", "2024-04-16", 180, ST_SUPPORTED},  /* 181 days before */
	{"python3.8", "2024-04-17", 180, ST_UPCOMING},   /* 180 days before */
	{"python3.8", "2024-10-13", 180, ST_UPCOMING},
	{"python3.8", "2024-10-13", 0, ST_SUPPORTED},
	{"python3.8", "2024-10-14", 180, ST_DEPRECATED},
	{"python3.8", "2024-10-15", 180, ST_DEPRECATED},
	{"python3.8", "2027-01-31", 180, ST_DEPRECATED},
	{"python3.8", "2027-02-01", 180, ST_CREATE_BLOCKED},
	{"python3.8", "2027-02-02", 180, ST_CREATE_BLOCKED},
	{"python3.8", "2027-03-02", 180, ST_CREATE_BLOCKED},
	{"python3.8", "2027-03-03", 180, ST_UPDATE_BLOCKED},
	{"python3.8", "2027-03-04", 180, ST_UPDATE_BLOCKED},
	/* nodejs4.3-edge: create-block 2019-03-31 and update-block 2019-04-30 precede
	 * deprecation 2020-03-05: the latest phase reached wins. */
	{"nodejs4.3-edge", "2019-03-30", 180, ST_UPCOMING},
	{"nodejs4.3-edge", "2019-03-31", 180, ST_CREATE_BLOCKED},
	{"nodejs4.3-edge", "2019-04-01", 180, ST_CREATE_BLOCKED},
	{"nodejs4.3-edge", "2019-04-29", 180, ST_CREATE_BLOCKED},
	{"nodejs4.3-edge", "2019-04-30", 180, ST_UPDATE_BLOCKED},
	{"nodejs4.3-edge", "2019-05-01", 180, ST_UPDATE_BLOCKED},
	{"nodejs4.3-edge", "2020-03-04", 180, ST_UPDATE_BLOCKED},
	{"nodejs4.3-edge", "2020-03-05", 180, ST_UPDATE_BLOCKED},
	/* dotnetcore2.0: create-block 2019-04-30 before deprecation = update-block 2019-05-30 */
	{"dotnetcore2.0", "2019-04-29", 180, ST_UPCOMING},
	{"dotnetcore2.0", "2019-04-30", 180, ST_CREATE_BLOCKED},
	{"dotnetcore2.0", "2019-05-29", 180, ST_CREATE_BLOCKED},
	{"dotnetcore2.0", "2019-05-30", 180, ST_UPDATE_BLOCKED},
	/* dotnetcore2.1: deprecation and create-block the same day */
	{"dotnetcore2.1", "2022-01-04", 180, ST_UPCOMING},
	{"dotnetcore2.1", "2022-01-05", 180, ST_CREATE_BLOCKED},
	{"dotnetcore2.1", "2022-04-12", 180, ST_CREATE_BLOCKED},
	{"dotnetcore2.1", "2022-04-13", 180, ST_UPDATE_BLOCKED},
	/* dotnet5.0: only a deprecation date */
	{"dotnet5.0", "2022-05-09", 180, ST_UPCOMING},
	{"dotnet5.0", "2022-05-10", 180, ST_DEPRECATED},
	{"dotnet5.0", "2035-01-01", 180, ST_DEPRECATED},
	/* go1.x: update blocked only from 2027-03-03 */
	{"go1.x", "2026-11-28", 180, ST_CREATE_BLOCKED},
	{"go1.x", "2027-03-02", 180, ST_CREATE_BLOCKED},
	{"go1.x", "2027-03-03", 180, ST_UPDATE_BLOCKED},
	/* java11 moved to 2027 (cfn-lint still calls it blocked) */
	{"java11", "2026-11-28", 180, ST_SUPPORTED},
	{"java11", "2027-01-01", 180, ST_UPCOMING},
	{"java11", "2027-06-29", 180, ST_UPCOMING},
	{"java11", "2027-06-30", 180, ST_DEPRECATED},
	/* no published dates: supported forever */
	{"nodejs26.x", "2040-01-01", 180, ST_SUPPORTED},
	{"python3.15", "2026-11-28", 36500, ST_SUPPORTED},
	/* ruby3.3 deprecated 2027-03-31: upcoming as of today */
	{"ruby3.3", "2026-11-28", 180, ST_UPCOMING},
	{"ruby3.3", "2026-11-28", 30, ST_SUPPORTED},
};

static void test_phase_boundaries(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(phase_cases) / sizeof(phase_cases[0]); i++) {
		const struct phase_case *pc = &phase_cases[i];
		enum status got = st_on(pc->runtime, pc->day, pc->warn);
		if (got != pc->want)
			fail_msg("%s on %s (warn %d): got %s, want %s", pc->runtime, pc->day, pc->warn,
				 status_name(got), status_name(pc->want));
	}
}

/* Sweep every runtime and every published date: on the day itself the phase of that date
 * (or a later one) is reached, and the phase never goes back as time moves on. */
static void test_every_date_monotonic(void **state)
{
	(void)state;
	for (size_t i = 0; i < catalog_count(cat); i++) {
		const struct catalog_entry *e = catalog_at(cat, i);
		const date_t dates[3] = {e->deprecated, e->block_create, e->block_update};
		const enum status phase[3] = {ST_DEPRECATED, ST_CREATE_BLOCKED, ST_UPDATE_BLOCKED};
		for (int k = 0; k < 3; k++) {
			if (dates[k] == DATE_NONE)
				continue;
			assert_true(classify_entry_status(e, dates[k], 180) >= phase[k]);
			assert_true(classify_entry_status(e, dates[k] - 1, 180) <= classify_entry_status(e, dates[k], 180));
			assert_true(classify_entry_status(e, dates[k] + 1, 180) >= classify_entry_status(e, dates[k], 180));
		}
		enum status prev = ST_NOT_APPLICABLE;
		for (date_t d = D("2015-01-01"); d < D("2031-01-01"); d += 7) {
			enum status s = classify_entry_status(e, d, 180);
			assert_true(s >= prev);
			assert_true(s != ST_UNKNOWN && s != ST_NOT_APPLICABLE);
			prev = s;
		}
	}
}

struct rec_case {
	const char *family, *day;
	int warn;
	const char *want; /* NULL = none */
};

static const struct rec_case rec_cases[] = {
	{"python", "2026-11-28", 180, "python3.14"}, /* python3.15 has no lifecycle: never recommended */
	{"nodejs", "2026-11-28", 180, "nodejs24.x"}, /* nodejs26.x likewise */
	{"java", "2026-11-28", 180, "java25"},
	{"dotnet", "2026-11-28", 180, "dotnet10"},
	{"ruby", "2026-11-28", 180, "ruby4.0"},
	{"provided", "2026-11-28", 180, "provided.al2023"},
	{"python", "2028-06-01", 180, "python3.14"},
	{"python", "2029-03-01", 180, NULL},         /* 3.13 and 3.14 are upcoming, 3.12 deprecated */
	{"python", "2029-03-01", 0, "python3.14"},
	{"dotnet", "2028-11-14", 180, NULL},          /* dotnet10 deprecated, dotnet9 image-only */
	{"nodejs", "2027-12-01", 180, NULL},          /* nodejs24.x upcoming (2028-04-30) */
	{"nodejs", "2027-12-01", 30, "nodejs24.x"},
	{"cobol", "2026-11-28", 180, NULL},
};

static void test_recommendation(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rec_cases) / sizeof(rec_cases[0]); i++) {
		const struct rec_case *rc = &rec_cases[i];
		struct classifier *cl = classifier_new(cat, D(rc->day), rc->warn);
		const struct catalog_entry *got = classify_recommend(cl, rc->family);
		if (rc->want && (!got || strcmp(got->runtime, rc->want)))
			fail_msg("%s on %s: got %s, want %s", rc->family, rc->day, got ? got->runtime : "none", rc->want);
		if (!rc->want && got)
			fail_msg("%s on %s: got %s, want none", rc->family, rc->day, got->runtime);
		classifier_free(cl);
	}
}

static void test_recommendation_skips_image_only(void **state)
{
	(void)state;
	const char *text = "{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":["
			   "{\"runtime\":\"x2\",\"family\":\"x\",\"deprecation_date\":\"2030-01-01\",\"image_only\":true},"
			   "{\"runtime\":\"x3\",\"family\":\"x\"},"
			   "{\"runtime\":\"x1\",\"family\":\"x\",\"deprecation_date\":\"2030-01-01\"}]}";
	struct catalog *c = NULL;
	assert_int_equal(catalog_load_buffer(text, strlen(text), "t", &c), 0);
	struct classifier *cl = classifier_new(c, D("2026-01-01"), 180);
	assert_string_equal(classify_recommend(cl, "x")->runtime, "x1");
	classifier_free(cl);
	catalog_free(c);
}

static void test_classify_resources(void **state)
{
	(void)state;
	struct classifier *cl = classifier_new(cat, D("2026-11-28"), 180);
	struct classification c;

	classify(cl, "python3.8", false, &c);
	assert_int_equal(c.status, ST_DEPRECATED);
	assert_true(c.has_days);
	assert_int_equal(c.days_until_deprecation, D("2024-10-14") - D("2026-11-28"));
	assert_true(c.days_until_deprecation < 0);
	assert_string_equal(c.recommended->runtime, "python3.14");

	classify(cl, "ruby3.3", false, &c);
	assert_int_equal(c.status, ST_UPCOMING);
	assert_int_equal(c.days_until_deprecation, 123);

	classify(cl, NULL, true, &c);
	assert_int_equal(c.status, ST_NOT_APPLICABLE);
	classify(cl, NULL, false, &c);
	assert_int_equal(c.status, ST_UNKNOWN);
	classify(cl, "", false, &c);
	assert_int_equal(c.status, ST_UNKNOWN);

	classify(cl, "pyhton3.9", false, &c);
	assert_int_equal(c.status, ST_UNKNOWN);
	assert_null(c.recommended);
	assert_false(c.has_days);

	assert_false(c.newer_than_data);

	classify(cl, "nodejs28.x", false, &c); /* newer than the data: no downgrade advice */
	assert_int_equal(c.status, ST_UNKNOWN);
	assert_string_equal(c.family, "nodejs");
	assert_null(c.recommended);
	assert_true(c.newer_than_data);
	assert_string_equal(c.family_newest->runtime, "nodejs26.x");

	classify(cl, "python3.16", false, &c);
	assert_true(c.newer_than_data);
	assert_string_equal(c.family_newest->runtime, "python3.15");
	classify(cl, "java27", false, &c);
	assert_true(c.newer_than_data);
	assert_string_equal(c.family_newest->runtime, "java25");
	classify(cl, "python3.16-beta", false, &c); /* not the family's shape */
	assert_int_equal(c.status, ST_UNKNOWN);
	assert_false(c.newer_than_data);
	classify(cl, "python3.1", false, &c); /* the shape, but older than the data */
	assert_false(c.newer_than_data);

	/* in the catalog without dates and newer than every dated runtime of its family:
	 * supported, and nothing to move to (the newest dated one would be a downgrade) */
	classify(cl, "nodejs26.x", false, &c);
	assert_int_equal(c.status, ST_SUPPORTED);
	assert_null(c.recommended);
	classify(cl, "python3.15", false, &c);
	assert_int_equal(c.status, ST_SUPPORTED);
	assert_null(c.recommended);
	classify(cl, "python3.14", false, &c); /* the newest dated one keeps itself */
	assert_string_equal(c.recommended->runtime, "python3.14");

	classify(cl, "nodejs9.x", false, &c); /* older, not in the data */
	assert_int_equal(c.status, ST_UNKNOWN);
	assert_string_equal(c.recommended->runtime, "nodejs24.x");

	classify(cl, "go1.x", false, &c);
	assert_int_equal(c.status, ST_CREATE_BLOCKED);
	assert_string_equal(c.recommended->runtime, "provided.al2023");
	classifier_free(cl);
}

static void test_version_order(void **state)
{
	(void)state;
	assert_true(runtime_version_cmp("python3.9", "python3.14") < 0);
	assert_true(runtime_version_cmp("python3.14", "python3.9") > 0);
	assert_true(runtime_version_cmp("nodejs8.10", "nodejs10.x") < 0);
	assert_true(runtime_version_cmp("ruby4.0", "ruby3.4") > 0);
	assert_true(runtime_version_cmp("java25", "java21") > 0);
	assert_true(runtime_version_cmp("java8.al2", "java8") > 0);
	assert_true(runtime_version_cmp("provided.al2023", "provided.al2") > 0);
	assert_true(runtime_version_cmp("provided.al2", "provided") > 0);
	assert_int_equal(runtime_version_cmp("java21", "java21"), 0);
}

static void test_names_and_severity(void **state)
{
	(void)state;
	assert_int_equal(status_severity(ST_UPDATE_BLOCKED), SEV_HIGH);
	assert_int_equal(status_severity(ST_CREATE_BLOCKED), SEV_MODERATE);
	assert_int_equal(status_severity(ST_DEPRECATED), SEV_MODERATE);
	assert_int_equal(status_severity(ST_UPCOMING), SEV_LOW);
	assert_int_equal(status_severity(ST_UNKNOWN), SEV_INFO);
	for (int s = 0; s < ST_COUNT; s++)
		assert_int_equal(status_parse(status_name((enum status)s)), s);
	assert_int_equal(status_parse("blocked"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phase_boundaries),
		cmocka_unit_test(test_every_date_monotonic),
		cmocka_unit_test(test_recommendation),
		cmocka_unit_test(test_recommendation_skips_image_only),
		cmocka_unit_test(test_classify_resources),
		cmocka_unit_test(test_version_order),
		cmocka_unit_test(test_names_and_severity),
	};
	return cmocka_run_group_tests_name("classify", tests, catalog_setup, catalog_teardown);
}
