#include "testutil.h"

static void test_builtin(void **state)
{
	(void)state;
	struct catalog *c = builtin_catalog();
	assert_int_equal(catalog_count(c), 54);
	assert_int_equal(catalog_as_of(c), D("2026-09-23"));
	const struct catalog_entry *e = catalog_find(c, "python3.8");
	assert_non_null(e);
	assert_string_equal(e->family, "python");
	assert_string_equal(e->os, "Amazon Linux 2");
	assert_int_equal(e->deprecated, D("2024-10-14"));
	assert_int_equal(e->block_create, D("2027-02-01"));
	assert_int_equal(e->block_update, D("2027-03-03"));
	assert_false(e->image_only);
	e = catalog_find(c, "dotnet7");
	assert_non_null(e);
	assert_true(e->image_only);
	assert_int_equal(e->block_create, DATE_NONE);
	e = catalog_find(c, "nodejs26.x");
	assert_non_null(e);
	assert_int_equal(e->deprecated, DATE_NONE);
	assert_null(catalog_find(c, "python3.8 "));
	assert_null(catalog_find(c, "Python3.8"));
	assert_null(catalog_find(c, NULL));
	for (size_t i = 0; i < catalog_count(c); i++)
		assert_ptr_equal(catalog_find(c, catalog_at(c, i)->runtime), catalog_at(c, i));
	catalog_free(c);
}

/* The compiled-in catalog must say what the reference TSV says, runtime by runtime. */
static void test_matches_reference_tsv(void **state)
{
	(void)state;
	const char *path = getenv("SUNSET_TSV") ? getenv("SUNSET_TSV") : "../shared/reference/lambda-runtime-lifecycle.tsv";
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "note: %s not found; reference comparison skipped\n", path);
		skip();
	}
	struct catalog *c = builtin_catalog();
	char line[1024];
	size_t rows = 0;
	bool header = true;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (header) {
			header = false;
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		char *col[7] = {0};
		char *p = line;
		for (int i = 0; i < 7; i++) {
			col[i] = p;
			char *tab = p ? strchr(p, '\t') : NULL;
			if (tab) {
				*tab = '\0';
				p = tab + 1;
			} else {
				p = NULL;
			}
			if (!col[i])
				col[i] = "";
		}
		const struct catalog_entry *e = catalog_find(c, col[0]);
		assert_non_null(e);
		assert_string_equal(e->family, col[1]);
		assert_string_equal(e->os, col[2]);
		date_t want[3];
		for (int i = 0; i < 3; i++)
			want[i] = *col[3 + i] ? D(col[3 + i]) : DATE_NONE;
		assert_int_equal(e->deprecated, want[0]);
		assert_int_equal(e->block_create, want[1]);
		assert_int_equal(e->block_update, want[2]);
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, catalog_count(c));
	catalog_free(c);
}

static void test_family_guess(void **state)
{
	(void)state;
	struct catalog *c = builtin_catalog();
	assert_string_equal(catalog_family_of(c, "nodejs28.x"), "nodejs");
	assert_string_equal(catalog_family_of(c, "python3.15"), "python");
	assert_string_equal(catalog_family_of(c, "go1.x"), "provided");
	assert_string_equal(catalog_family_of(c, "provided.al2025"), "provided");
	assert_string_equal(catalog_family_of(c, "dotnetcore9.0"), "dotnet");
	assert_null(catalog_family_of(c, "pyhton3.9"));
	assert_null(catalog_family_of(c, ""));
	catalog_free(c);
}

static int load(const char *text)
{
	struct catalog *c = NULL;
	int rc = catalog_load_buffer(text, strlen(text), "test.json", &c);
	catalog_free(c);
	return rc;
}

#define ENTRY(extra) "{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[{\"runtime\":\"x1\",\"family\":\"x\"" extra "}]}"

static void test_validation(void **state)
{
	(void)state;
	assert_int_equal(load(ENTRY("")), 0);
	assert_int_equal(load(ENTRY(",\"deprecation_date\":\"2026-01-01\",\"block_create_date\":null")), 0);
	assert_int_equal(load(ENTRY(",\"image_only\":true,\"notes\":\"n\",\"os\":\"AL2023\"")), 0);
	/* syntax, shape and type errors */
	assert_int_equal(load("{\"catalog_as_of\":"), -1);
	assert_int_equal(load("[]"), -1);
	assert_int_equal(load("{\"runtimes\":[{\"runtime\":\"x1\",\"family\":\"x\"}]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-02-30\",\"runtimes\":[{\"runtime\":\"x1\",\"family\":\"x\"}]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":{}}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[1]}"), -1);
	assert_int_equal(load(ENTRY(",\"deprecation_date\":\"2026-13-01\"")), -1);
	assert_int_equal(load(ENTRY(",\"deprecation_date\":20260101")), -1);
	assert_int_equal(load(ENTRY(",\"deprecation\":\"2026-01-01\"")), -1);
	assert_int_equal(load(ENTRY(",\"image_only\":\"yes\"")), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[{\"runtime\":\"\",\"family\":\"x\"}]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[{\"runtime\":\"x 1\",\"family\":\"x\"}]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[{\"runtime\":\"x1\"}]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"schema\":2,\"runtimes\":[{\"runtime\":\"x1\",\"family\":\"x\"}]}"), -1);
	assert_int_equal(load("{\"catalog_as_of\":\"2026-07-31\",\"runtimes\":[{\"runtime\":\"x1\",\"family\":\"x\"},"
			      "{\"runtime\":\"x1\",\"family\":\"x\"}]}"), -1);
}

static void test_load_file_errors(void **state)
{
	(void)state;
	struct catalog *c = NULL;
	assert_int_equal(catalog_load_file("/nonexistent/catalog.json", &c), -1);
	assert_int_equal(catalog_load_file("/tmp", &c), -1);
	const char *p = write_temp("", 0);
	assert_int_equal(catalog_load_file(p, &c), -1);
	unlink(p);
	p = write_temp(ENTRY(""), strlen(ENTRY("")));
	assert_int_equal(catalog_load_file(p, &c), 0);
	assert_int_equal(catalog_count(c), 1);
	catalog_free(c);
	unlink(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_matches_reference_tsv),
		cmocka_unit_test(test_family_guess),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_load_file_errors),
	};
	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
