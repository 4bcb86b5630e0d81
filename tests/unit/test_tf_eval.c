/* tf_eval: what count, for_each and conditions evaluate to from the files alone. */
#include "testutil.h"

#include "iac/hcl.h"
#include "iac/tf_eval.h"

/* one scope: the attributes of a parsed "vars" file, looked up as var.NAME / local.NAME */
static const struct hcl_body *vars_body;
static const char *vars_buf;

static int lookup(void *ctx, const void *scope, const char *name, struct tf_ref *out)
{
	(void)ctx;
	const char *dot = strchr(name, '.');
	const struct hcl_attr *a = dot ? hcl_body_attr(vars_body, dot + 1) : NULL;
	if (!a)
		return -1;
	*out = (struct tf_ref){a->expr, scope, vars_buf, NULL};
	return 0;
}

static void test_eval_table(void **state)
{
	(void)state;
	static const char vars[] = "create = true\nlegacy = false\nn = 3\nname = \"Zip\"\nempty = {}\nlist = [1, 2]\n"
				   "cyc = var.cyc\nrt = { api = \"python3.8\", worker = \"nodejs16.x\" }\n"
				   "cfg = { fn = { runtime = \"ruby2.7\" } }\n";
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
		{"lookup(var.empty, \"a\", 1)", TV_NUM, "1"},
		{"lookup(var.empty, \"a\")", TV_UNKNOWN, NULL},
		{"var.rt[\"api\"]", TV_STR, "python3.8"},
		{"var.rt.worker", TV_STR, "nodejs16.x"},
		{"var.cfg.fn.runtime", TV_STR, "ruby2.7"},
		{"var.cfg[\"fn\"][\"runtime\"]", TV_STR, "ruby2.7"},
		{"var.list[1]", TV_NUM, "2"},
		{"var.list.0", TV_NUM, "1"},
		{"var.list[5]", TV_UNKNOWN, NULL},
		{"try(var.list[5], \"dflt\")", TV_STR, "dflt"},
		{"try(data.x.y, \"dflt\")", TV_UNKNOWN, NULL},              /* unknown, not an error */
		{"can(var.rt.nope)", TV_BOOL, "false"},
		{"coalesce(\"\", null, \"go1.x\")", TV_STR, "go1.x"},
		{"merge(var.rt, {api = \"python3.12\"}).api", TV_STR, "python3.12"},
		{"concat([\"a\"], var.list)", TV_LIST, "[\"a\",1,2]"},
		{"element([\"a\", \"b\"], 3)", TV_STR, "b"},
		{"format(\"python3.%d\", 9)", TV_STR, "python3.9"},
		{"format(\"%s-%q|%5.1f%%\", \"a\", \"b\", 2.25)", TV_STR, "a-\"b\"|  2.2%"},
		{"join(\"\", [\"node\", \"js\", 18, \".x\"])", TV_STR, "nodejs18.x"},
		{"replace(\"python3_8\", \"_\", \".\")", TV_STR, "python3.8"},
		{"replace(\"x\", \"/x/\", \"y\")", TV_UNKNOWN, NULL},                /* regex: not modelled */
		{"upper(lower(\"PyThon\"))", TV_STR, "PYTHON"},
		{"tomap({a = 1, b = \"x\"})", TV_MAP, "{\"a\":\"1\",\"b\":\"x\"}"},
		{"toset([\"b\", \"a\", \"b\"])", TV_SET, "[\"a\",\"b\"]"},
		{"tolist(toset([\"b\", \"a\"]))", TV_LIST, "[\"a\",\"b\"]"},
		{"contains(keys(var.rt), \"api\")", TV_BOOL, "true"},
		{"values(var.rt)", TV_LIST, "[\"python3.8\",\"nodejs16.x\"]"},
		{"[for k, v in var.rt : \"${k}=${v}\" if k != \"api\"]", TV_LIST, "[\"worker=nodejs16.x\"]"},
		{"{for k, v in var.rt : v => k}", TV_MAP, "{\"nodejs16.x\":\"worker\",\"python3.8\":\"api\"}"},
		{"{for s in [\"a\", \"b\", \"a\"] : s => s...}", TV_MAP, "{\"a\":[\"a\",\"a\"],\"b\":[\"b\"]}"},
		{"{for s in [\"a\", \"a\"] : s => s}", TV_UNKNOWN, NULL},             /* duplicate key */
		{"{b = 1, a = 2}", TV_MAP, "{\"a\":2,\"b\":1}"},
		{"jsonencode({x = \"<&>\"})", TV_STR, "{\"x\":\"\\u003c\\u0026\\u003e\"}"},
		{"length(\"héllo\")", TV_NUM, "5"},
		{"var.rt[data.x.y]", TV_UNKNOWN, NULL},
		{"each.value", TV_UNKNOWN, NULL},                                   /* no instance */
		{"[for x in data.x.y : x]", TV_UNKNOWN, NULL},
		{"var.list == [1, 2]", TV_BOOL, "true"},
		{"5 % 0.5", TV_NUM, "0"},                        /* no integer cast: no trap */
		{"-9223372036854775808 % -1", TV_NUM, "-0"},
		{"\"3\" + 1", TV_NUM, "4"},
	};
	struct hcl_file *vf;
	struct hcl_error err;
	assert_int_equal(hcl_parse(vars, strlen(vars), &vf, &err), 0);
	vars_body = hcl_file_body(vf);
	vars_buf = vars;
	struct tf_eval_env env = {.lookup = lookup};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char src[512];
		struct hcl_file *f;
		snprintf(src, sizeof(src), "x = %s\n", cases[i].expr);
		assert_int_equal(hcl_parse(src, strlen(src), &f, &err), 0);
		struct tf_value v;
		env.steps = env.cells = 0;
		tf_eval(&env, NULL, src, NULL, hcl_body_attr(hcl_file_body(f), "x")->expr, &v);
		char got[300] = "";
		if (v.type == TV_BOOL)
			snprintf(got, sizeof(got), "%s", v.b ? "true" : "false");
		else if (v.type == TV_NUM)
			snprintf(got, sizeof(got), "%g", v.num);
		else if (v.type == TV_STR)
			snprintf(got, sizeof(got), "%s", v.str);
		else if (v.type != TV_UNKNOWN) {
			char *j = tf_value_json(&v);
			snprintf(got, sizeof(got), "%s", j ? j : "?");
			free(j);
		}
		if (v.type != cases[i].type || (cases[i].want && strcmp(got, cases[i].want))) {
			fprintf(stderr, "%s: got type %d \"%s\", want type %d \"%s\"\n", cases[i].expr, v.type, got,
				cases[i].type, cases[i].want ? cases[i].want : "");
			fail();
		}
		tf_value_free(&v);
		hcl_file_free(f);
	}
	hcl_file_free(vf);
}

/* hostile expressions end as unknown within the step and value budgets, quickly */
static void test_budget(void **state)
{
	(void)state;
	char vars[2048] = "a = [", src[512];
	for (int i = 0; i < 100; i++)
		snprintf(vars + strlen(vars), sizeof(vars) - strlen(vars), "%d, ", i);
	strcat(vars, "]\nb = concat(var.a, var.a, var.a, var.a)\nc = concat(var.b, var.b, var.b, var.b)\n"
		     "d = concat(var.c, var.c, var.c, var.c)\ne = concat(var.d, var.d, var.d, var.d)\n");
	static const char *const exprs[] = {
		"[for x in var.a : [for y in var.a : [for z in var.a : var.a]]]",
		"[for x in var.e : var.e]",
		"length([for x in var.e : [for y in var.e : y]])",
	};
	struct hcl_file *vf, *f;
	struct hcl_error err;
	assert_int_equal(hcl_parse(vars, strlen(vars), &vf, &err), 0);
	vars_body = hcl_file_body(vf);
	vars_buf = vars;
	for (size_t i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		struct tf_eval_env env = {.lookup = lookup};
		struct tf_value v;
		snprintf(src, sizeof(src), "x = %s\n", exprs[i]);
		assert_int_equal(hcl_parse(src, strlen(src), &f, &err), 0);
		tf_eval(&env, NULL, src, NULL, hcl_body_attr(hcl_file_body(f), "x")->expr, &v);
		if (v.type != TV_UNKNOWN)
			fail_msg("%s: not unknown", exprs[i]);
		assert_true(env.steps <= TF_EVAL_MAX_STEPS + 1 && env.cells <= TF_EVAL_MAX_CELLS * 2);
		tf_value_free(&v);
		hcl_file_free(f);
	}
	hcl_file_free(vf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_table),
		cmocka_unit_test(test_budget),
	};
	return cmocka_run_group_tests_name("tf_eval", tests, NULL, NULL);
}
