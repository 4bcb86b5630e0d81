#include "testutil.h"

#include "model/budget.h"
#include "iac/hcl.h"
#include "model/idset.h"

/* parser memory: taken up to the total, given back, never below zero */
static void test_take_give(void **state)
{
	(void)state;
	struct budget b;
	budget_init(&b, 1000);
	static const struct {
		char op; /* 't' take, 'g' give */
		size_t n;
		int rc;
		size_t used;
	} steps[] = {
		{'t', 600, 0, 600}, {'t', 401, -1, 600}, {'t', 400, 0, 1000}, {'t', 1, -1, 1000},
		{'g', 300, 0, 700}, {'t', (size_t)-1, -1, 700}, {'g', 5000, 0, 0}, {'t', 1000, 0, 1000},
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i].op == 't')
			assert_int_equal(budget_take(&b, steps[i].n), steps[i].rc);
		else
			budget_give(&b, steps[i].n);
		assert_int_equal(b.parse_used, steps[i].used);
	}
	assert_int_equal(b.parse_peak, 1000);
	assert_int_equal(budget_take(NULL, (size_t)-1), 0);
	budget_init(&b, 0);
	assert_int_equal(b.parse_total, (size_t)BUDGET_PARSE_TOTAL);
	assert_int_equal(budget_parse_cap(0), (size_t)BUDGET_PARSE_BASE);
	assert_int_equal(budget_parse_cap(1000), 1000 * BUDGET_PARSE_PER_BYTE + (size_t)BUDGET_PARSE_BASE);
	assert_int_equal(budget_parse_cap((size_t)-1 / 2), (size_t)-1);
}

/* alternatives: the file's cap, then another file until the scan's cap, each said once */
static void test_alternatives(void **state)
{
	(void)state;
	struct budget b;
	budget_init(&b, 0);
	b.alt_per_file = 3;
	b.alt_per_scan = 5;
	struct budget_file f1 = {0}, f2 = {0}, f3 = {0};
	static const enum budget_alt want1[] = {BUDGET_ALT_OK, BUDGET_ALT_OK, BUDGET_ALT_OK, BUDGET_ALT_FILE_SPENT,
						BUDGET_ALT_SPENT};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(budget_alt(&b, &f1), want1[i]);
	static const enum budget_alt want2[] = {BUDGET_ALT_OK, BUDGET_ALT_OK, BUDGET_ALT_SCAN_SPENT, BUDGET_ALT_SPENT};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(budget_alt(&b, &f2), want2[i]);
	assert_int_equal(budget_alt(&b, &f3), BUDGET_ALT_SPENT);
	assert_int_equal(b.alt_used, 5);
}

/* identities: equal part lists are one member, different splits are not, growth keeps all */
static void test_idset(void **state)
{
	(void)state;
	struct idset s = {0};
	const char *a[] = {"function", "arn:aws:lambda:us-east-1:1:function:f", "$LATEST"};
	const char *b[] = {"function", "arn:aws:lambda:us-east-1:1:function:f", "1"};
	const char *c1[] = {"ab", "c"}, *c2[] = {"a", "bc"}, *n1[] = {NULL, "x"}, *n2[] = {"", "x"};
	assert_true(idset_add(&s, a, 3));
	assert_false(idset_add(&s, a, 3));
	assert_true(idset_add(&s, b, 3));
	assert_true(idset_add(&s, c1, 2));
	assert_true(idset_add(&s, c2, 2));
	assert_true(idset_add(&s, n1, 2));
	assert_false(idset_add(&s, n2, 2)); /* NULL is the empty string */
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 20000; i++) {
			char name[32];
			snprintf(name, sizeof(name), "f%d", i);
			const char *p[] = {name};
			assert_int_equal(idset_add(&s, p, 1), round == 0);
		}
	assert_int_equal(s.n, 20005);
	assert_true(s.size >= 2 * s.n);
	idset_release(&s);
}

/* the HCL parser stops at its per-byte cap and at the scan's budget, and gives back what it
 * held when the tree is freed */
static void test_hcl_budget(void **state)
{
	(void)state;
	struct budget b;
	struct hcl_file *f = NULL;
	struct hcl_error err;
	const char *ok = "resource \"aws_lambda_function\" \"f\" {\n  runtime = \"python3.8\"\n}\n";
	budget_init(&b, 1 << 20);
	assert_int_equal(hcl_parse_budget(ok, strlen(ok), &b, &f, &err), 0);
	assert_true(b.parse_used > 0);
	hcl_file_free(f);
	assert_int_equal(b.parse_used, 0);

	size_t n = 400000; /* "1," each: about 100 bytes of tree per 2 bytes of input */
	char *dense = malloc(8 + 2 * n + 2);
	strcpy(dense, "x = [");
	for (size_t i = 0; i < n; i++)
		memcpy(dense + 5 + 2 * i, "1,", 2);
	strcpy(dense + 5 + 2 * n, "]\n");
	assert_int_equal(hcl_parse_budget(dense, strlen(dense), NULL, &f, &err), -1);
	assert_non_null(strstr(err.message, "the file needs more than 13 MiB to parse"));
	assert_int_equal(err.line, 1);
	budget_init(&b, 2 << 20);
	assert_int_equal(hcl_parse_budget(dense, strlen(dense), &b, &f, &err), -1);
	assert_string_equal(err.message, "the scan's memory budget for parsing (2 MiB held at once) is spent; not scanned");
	assert_int_equal(b.parse_used, 0);
	free(dense);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_take_give),
		cmocka_unit_test(test_alternatives),
		cmocka_unit_test(test_idset),
		cmocka_unit_test(test_hcl_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
