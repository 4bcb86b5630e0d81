/* tf_eval: what count, for_each and conditions evaluate to from the files alone. */
#include "testutil.h"

#include "iac/hcl.h"
#include "iac/tf_eval.h"

/* one scope: the attributes of a parsed "vars" file, looked up as var.NAME / local.NAME */
static const struct hcl_body *vars_body;
static const char *vars_buf;

static const struct hcl_expr *lookup(void *ctx, const void *scope, const char *name, const void **out_scope,
				     const char **out_buf)
{
	(void)ctx;
	const char *dot = strchr(name, '.');
	const struct hcl_attr *a = dot ? hcl_body_attr(vars_body, dot + 1) : NULL;
	*out_scope = scope;
	*out_buf = vars_buf;
	return a ? a->expr : NULL;
}

static void test_eval_table(void **state)
{
	(void)state;
	static const char vars[] = "create = true\nlegacy = false\nn = 3\nname = \"Zip\"\nempty = {}\nlist = [1, 2]\n"
				   "cyc = var.cyc\n";
	static const struct {
		const char *expr;
		enum tf_value_type type;
		const char *want; /* "true"/"false", a number, or a string */
	} cases[] = {
		{"var.create && !var.legacy ? 1 : 0", TV_NUM, "1"},
		{"var.legacy ? 1 : 0", TV_NUM, "0"},
		{"var.name != \"Zip\" ? null : \"python3.8\"", TV_STR, "python3.8"},
		{"2 * 3 - 1 >= 5 && \"a\" == \"a\"", TV_BOOL, "true"},
		{"var.n % 2 == 1", TV_BOOL, "true"},
		{"length(var.list) > 0", TV_BOOL, "true"},
		{"length(var.empty)", TV_NUM, "0"},
		{"var.legacy && data.x.y", TV_BOOL, "false"},   /* decided without the unknown */
		{"var.create || data.x.y", TV_BOOL, "true"},
		{"var.create && data.x.y", TV_UNKNOWN, NULL},   /* depends on the unknown */
		{"data.x.y == 1 ? 1 : 0", TV_UNKNOWN, NULL},
		{"1 / 0", TV_UNKNOWN, NULL},
		{"var.cyc", TV_UNKNOWN, NULL},                  /* a cycle ends as unknown */
		{"\"py${var.n}\"", TV_STR, "py3"},
		{"-var.n < 0", TV_BOOL, "true"},
		{"var.missing", TV_UNKNOWN, NULL},
		{"lookup(var.empty, \"a\", 1)", TV_UNKNOWN, NULL},
		{"5 % 0.5", TV_NUM, "0"},                        /* no integer cast: no trap */
		{"-9223372036854775808 % -1", TV_NUM, "-0"},
		{"\"3\" + 1", TV_NUM, "4"},
	};
	struct hcl_file *vf;
	struct hcl_error err;
	assert_int_equal(hcl_parse(vars, strlen(vars), &vf, &err), 0);
	vars_body = hcl_file_body(vf);
	vars_buf = vars;
	struct tf_eval_env env = {NULL, 0, lookup};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char src[256];
		struct hcl_file *f;
		snprintf(src, sizeof(src), "x = %s\n", cases[i].expr);
		assert_int_equal(hcl_parse(src, strlen(src), &f, &err), 0);
		struct tf_value v;
		env.steps = 0;
		tf_eval(&env, NULL, src, hcl_body_attr(hcl_file_body(f), "x")->expr, &v, 0);
		char got[300] = "";
		if (v.type == TV_BOOL)
			snprintf(got, sizeof(got), "%s", v.b ? "true" : "false");
		else if (v.type == TV_NUM)
			snprintf(got, sizeof(got), "%g", v.num);
		else if (v.type == TV_STR)
			snprintf(got, sizeof(got), "%s", v.str);
		if (v.type != cases[i].type || (cases[i].want && strcmp(got, cases[i].want))) {
			fprintf(stderr, "%s: got type %d \"%s\", want type %d \"%s\"\n", cases[i].expr, v.type, got,
				cases[i].type, cases[i].want ? cases[i].want : "");
			fail();
		}
		hcl_file_free(f);
	}
	hcl_file_free(vf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_table),
	};
	return cmocka_run_group_tests_name("tf_eval", tests, NULL, NULL);
}
