#include "testutil.h"

#include "iac/hcl.h"

/* parse_ok parses text (copied into an exact-size buffer, so reading past the end is
 * caught by ASan and valgrind) and fails the test on a syntax error. *copy receives the
 * buffer, which the caller frees after the file. */
static struct hcl_file *parse_ok(const char *text, char **copy)
{
	size_t n = strlen(text);
	struct hcl_file *f = NULL;
	struct hcl_error err;
	*copy = malloc(n ? n : 1);
	memcpy(*copy, text, n);
	if (hcl_parse(*copy, n, &f, &err) < 0)
		fail_msg("unexpected error %ld:%ld: %s in:\n%s", err.line, err.column, err.message, text);
	assert_non_null(f);
	return f;
}

/* block returns the i-th block of body with the given type (and first label if label is
 * not NULL), or fails the test. */
static const struct hcl_block *block(const struct hcl_body *body, const char *type, const char *label)
{
	for (size_t i = 0; i < body->nblocks; i++) {
		const struct hcl_block *b = &body->blocks[i];
		if (!strcmp(b->type, type) && (!label || (b->nlabels && !strcmp(b->labels[0], label))))
			return b;
	}
	fail_msg("no block %s %s", type, label ? label : "");
	return NULL;
}

/* value returns the expression of attribute name in body, or fails the test. */
static const struct hcl_expr *value(const struct hcl_body *body, const char *name)
{
	const struct hcl_attr *a = hcl_body_attr(body, name);
	if (!a)
		fail_msg("no attribute %s", name);
	return a->expr;
}

/* slice returns the bytes [s, e) of buf as a static NUL-terminated string. */
static const char *slice(const char *buf, size_t s, size_t e)
{
	static char out[4096];
	assert_true(s <= e && e - s < sizeof(out));
	memcpy(out, buf + s, e - s);
	out[e - s] = '\0';
	return out;
}

static const char tf_main[] =
	"# Lambda functions of the payments service\n"
	"terraform {\n"
	"  required_version = \">= 1.5\"\n"
	"  required_providers {\n"
	"    aws = { source = \"hashicorp/aws\", version = \"~> 5.0\" }\n"
	"  }\n"
	"}\n"
	"\n"
	"variable \"rt\" {\n"
	"  type    = string\n"
	"  default = \"nodejs16.x\"\n"
	"}\n"
	"\n"
	"variable \"subnets\" {\n"
	"  type = list(string)\n"
	"  default = [\n"
	"    \"subnet-1\",\n"
	"    \"subnet-2\", // trailing comma next\n"
	"  ]\n"
	"}\n"
	"\n"
	"locals {\n"
	"  name   = \"pay-${var.env}-fn\"\n"
	"  legacy = \"py\\u0074hon3.8\"\n"
	"  arns   = aws_lambda_function.f[*].arn\n"
	"  size   = var.big ? 1024 : 128\n"
	"  tags   = { for k, v in var.tags : lower(k) => v if v != \"\" }\n"
	"  ids    = [for s in var.subnets : s.id]\n"
	"  neg    = -1\n"
	"  merged = merge(local.a, local.b...)\n"
	"}\n"
	"\n"
	"resource \"aws_lambda_function\" \"f\" {\n"
	"  function_name = local.name\n"
	"  runtime       = \"python3.8\" # deprecated\n"
	"  handler       = \"index.handler\"\n"
	"  /* block comment */\n"
	"  environment {\n"
	"    variables = {\n"
	"      STAGE = var.stage\n"
	"      \"X-Key\" : \"v\"\n"
	"    }\n"
	"  }\n"
	"  dynamic \"vpc_config\" {\n"
	"    for_each = var.subnets != null ? [1] : []\n"
	"    content {\n"
	"      subnet_ids = var.subnets\n"
	"    }\n"
	"  }\n"
	"}\n"
	"\n"
	"resource \"aws_iam_policy\" \"p\" {\n"
	"  policy = <<-EOT\n"
	"    {\n"
	"      \"Resource\": \"${aws_lambda_function.f.arn}\"\n"
	"    }\n"
	"    EOT\n"
	"  doc = jsonencode({\n"
	"    Version   = \"2012-10-17\"\n"
	"    Statement = [{ Effect = \"Allow\", Action = [\"lambda:*\"] }]\n"
	"  })\n"
	"}\n"
	"\n"
	"module \"worker\" {\n"
	"  source  = \"./modules/worker\"\n"
	"  runtime = var.rt\n"
	"}\n";

/* a realistic Terraform file: kinds, decoded strings, positions and ranges */
static void test_terraform_file(void **state)
{
	(void)state;
	char *buf;
	struct hcl_file *f = parse_ok(tf_main, &buf);
	const struct hcl_body *top = hcl_file_body(f);
	assert_int_equal(top->nattrs, 0);
	assert_int_equal(top->nblocks, 7);

	const struct hcl_block *tf = block(top, "terraform", NULL);
	assert_int_equal(tf->nlabels, 0);
	assert_int_equal(tf->line, 2);
	assert_int_equal(tf->column, 1);
	const struct hcl_expr *aws = value(block(tf->body, "required_providers", NULL)->body, "aws");
	assert_int_equal(aws->kind, HCL_OBJECT);
	assert_int_equal(aws->n, 2);
	assert_string_equal(aws->keys[0]->str, "source");
	assert_int_equal(aws->keys[0]->kind, HCL_STRING);
	assert_string_equal(aws->items[1]->str, "~> 5.0");

	const struct hcl_block *rt = block(top, "variable", "rt");
	const struct hcl_expr *type = value(rt->body, "type");
	assert_int_equal(type->kind, HCL_TRAVERSAL);
	assert_string_equal(type->str, "string");
	assert_string_equal(value(rt->body, "default")->str, "nodejs16.x");
	const struct hcl_expr *list = value(block(top, "variable", "subnets")->body, "type");
	assert_int_equal(list->kind, HCL_CALL);
	assert_string_equal(list->str, "list");
	const struct hcl_expr *def = value(block(top, "variable", "subnets")->body, "default");
	assert_int_equal(def->kind, HCL_TUPLE);
	assert_int_equal(def->n, 2);
	assert_string_equal(def->items[1]->str, "subnet-2");

	const struct hcl_body *loc = block(top, "locals", NULL)->body;
	const struct hcl_expr *name = value(loc, "name");
	assert_int_equal(name->kind, HCL_TEMPLATE);
	assert_int_equal(name->n, 3);
	assert_int_equal(name->items[0]->kind, HCL_STRING);
	assert_string_equal(name->items[0]->str, "pay-");
	assert_int_equal(name->items[1]->kind, HCL_TRAVERSAL);
	assert_string_equal(name->items[1]->str, "var.env");
	assert_string_equal(name->items[2]->str, "-fn");
	const struct hcl_expr *legacy = value(loc, "legacy");
	assert_int_equal(legacy->kind, HCL_STRING);
	assert_string_equal(legacy->str, "python3.8");
	assert_false(legacy->in_place);
	assert_string_equal(slice(buf, legacy->str_start, legacy->str_end), "py\\u0074hon3.8");
	const struct hcl_expr *arns = value(loc, "arns");
	assert_int_equal(arns->kind, HCL_OTHER);
	assert_string_equal(slice(buf, arns->start, arns->end), "aws_lambda_function.f[*].arn");
	assert_string_equal(arns->items[0]->str, "aws_lambda_function.f");
	const struct hcl_expr *size = value(loc, "size");
	assert_int_equal(size->kind, HCL_CONDITIONAL);
	assert_int_equal(size->n, 3);
	assert_string_equal(size->items[0]->str, "var.big");
	assert_string_equal(size->items[1]->str, "1024");
	assert_string_equal(size->items[2]->str, "128");
	const struct hcl_expr *tags = value(loc, "tags"), *ids = value(loc, "ids");
	assert_int_equal(tags->kind, HCL_FOR);
	assert_true(tags->for_object && tags->for_cond && !tags->for_group);
	assert_string_equal(tags->for_key, "k");
	assert_string_equal(tags->for_value, "v");
	assert_int_equal(tags->n, 4);
	assert_int_equal(ids->kind, HCL_FOR);
	assert_true(!ids->for_object && !ids->for_cond && !ids->for_key);
	assert_string_equal(ids->for_value, "s");
	assert_int_equal(ids->n, 2);
	assert_string_equal(ids->items[1]->str, "s.id");
	assert_int_equal(value(loc, "neg")->kind, HCL_NUMBER);
	assert_string_equal(value(loc, "neg")->str, "-1");
	const struct hcl_expr *merged = value(loc, "merged");
	assert_int_equal(merged->kind, HCL_CALL);
	assert_int_equal(merged->n, 2);

	const struct hcl_block *fn = block(top, "resource", "aws_lambda_function");
	assert_int_equal(fn->nlabels, 2);
	assert_string_equal(fn->labels[1], "f");
	assert_int_equal(fn->line, 33);
	const struct hcl_attr *runtime = hcl_body_attr(fn->body, "runtime");
	assert_non_null(runtime);
	assert_int_equal(runtime->line, 35);
	assert_int_equal(runtime->column, 3);
	const struct hcl_expr *r = runtime->expr;
	assert_int_equal(r->kind, HCL_STRING);
	assert_string_equal(r->str, "python3.8");
	assert_int_equal(r->line, 35);
	assert_int_equal(r->column, 19);
	assert_true(r->in_place);
	assert_string_equal(slice(buf, r->str_start, r->str_end), "python3.8");
	assert_string_equal(slice(buf, r->start, r->end), "\"python3.8\"");
	assert_null(hcl_body_attr(fn->body, "nope"));
	const struct hcl_expr *vars = value(block(fn->body, "environment", NULL)->body, "variables");
	assert_int_equal(vars->kind, HCL_OBJECT);
	assert_int_equal(vars->n, 2);
	assert_string_equal(vars->keys[1]->str, "X-Key");
	const struct hcl_block *dyn = block(fn->body, "dynamic", "vpc_config");
	assert_int_equal(value(dyn->body, "for_each")->kind, HCL_CONDITIONAL);
	assert_string_equal(value(block(dyn->body, "content", NULL)->body, "subnet_ids")->str, "var.subnets");

	const struct hcl_body *pol = block(top, "resource", "aws_iam_policy")->body;
	const struct hcl_expr *policy = value(pol, "policy");
	assert_int_equal(policy->kind, HCL_TEMPLATE);
	assert_int_equal(policy->n, 3);
	assert_string_equal(policy->items[0]->str, "{\n  \"Resource\": \"");
	assert_string_equal(policy->items[1]->str, "aws_lambda_function.f.arn");
	assert_string_equal(policy->items[2]->str, "\"\n}\n");
	const struct hcl_expr *doc = value(pol, "doc");
	assert_int_equal(doc->kind, HCL_CALL);
	assert_string_equal(doc->str, "jsonencode");
	assert_int_equal(doc->n, 1);
	assert_int_equal(doc->items[0]->kind, HCL_OBJECT);
	assert_int_equal(doc->items[0]->items[1]->kind, HCL_TUPLE);
	assert_int_equal(doc->items[0]->items[1]->items[0]->kind, HCL_OBJECT);

	const struct hcl_block *mod = block(top, "module", "worker");
	assert_string_equal(value(mod->body, "source")->str, "./modules/worker");
	const struct hcl_expr *mrt = value(mod->body, "runtime");
	assert_int_equal(mrt->kind, HCL_TRAVERSAL);
	assert_string_equal(mrt->str, "var.rt");
	assert_int_equal(mrt->line, 66);
	assert_int_equal(mrt->column, 13);
	hcl_file_free(f);
	free(buf);
}

/* a tfvars file with a byte order mark and CRLF line endings */
static void test_tfvars(void **state)
{
	(void)state;
	char *buf;
	struct hcl_file *f = parse_ok("\xEF\xBB\xBF"
				      "rt = \"java8\"\r\n"
				      "regions = [\"eu-west-1\", \"us-east-1\"]\r\n"
				      "memory = 1.5e3\r\n"
				      "enabled = true\r\n"
				      "nothing = null\r\n"
				      "settings = {\r\n"
				      "  timeout = 30\r\n"
				      "}\r\n",
				      &buf);
	const struct hcl_body *b = hcl_file_body(f);
	assert_int_equal(b->nattrs, 6);
	assert_int_equal(b->nblocks, 0);
	assert_string_equal(b->attrs[0].name, "rt");
	assert_int_equal(b->attrs[0].line, 1);
	assert_int_equal(b->attrs[0].column, 1); /* the BOM is not counted */
	const struct hcl_expr *rt = value(b, "rt");
	assert_int_equal(rt->column, 6);
	assert_string_equal(slice(buf, rt->str_start, rt->str_end), "java8");
	assert_int_equal(value(b, "regions")->n, 2);
	assert_string_equal(value(b, "memory")->str, "1.5e3");
	assert_int_equal(value(b, "enabled")->kind, HCL_BOOL);
	assert_string_equal(value(b, "enabled")->str, "true");
	assert_int_equal(value(b, "nothing")->kind, HCL_NULL);
	assert_int_equal(value(b, "settings")->kind, HCL_OBJECT);
	assert_int_equal(value(b, "settings")->line, 6);
	hcl_file_free(f);
	free(buf);
}

/* One expression and what it must parse to. */
struct expr_case {
	const char *src;  /* the value of attribute "a" */
	enum hcl_kind kind;
	const char *str;  /* expected str, NULL for none */
	size_t n;         /* expected number of items */
};

/* each expression form parses to the expected kind, str, item count and range */
static void test_expressions(void **state)
{
	(void)state;
	static const struct expr_case cases[] = {
		{"\"plain\"", HCL_STRING, "plain", 0},
		{"\"\"", HCL_STRING, "", 0},
		{"\"tab\\there \\\"q\\\" back\\\\slash\\n\"", HCL_STRING, "tab\there \"q\" back\\slash\n", 0},
		{"\"\\u00e9\\U0001F600\"", HCL_STRING, "\xC3\xA9\xF0\x9F\x98\x80", 0},
		{"\"$${x} %%{y} $$ % $\"", HCL_STRING, "${x} %{y} $$ % $", 0},
		{"\"${x}\"", HCL_TEMPLATE, NULL, 1},
		{"\"a${x}${y}b\"", HCL_TEMPLATE, NULL, 4},
		{"\"x ${~ y ~} z\"", HCL_TEMPLATE, NULL, 3},
		{"\"${\"${\"${1}\"}\"}\"", HCL_TEMPLATE, NULL, 1},
		{"\"%{ if x }yes%{ else }no%{ endif }\"", HCL_OTHER, NULL, 3},
		{"\"%{~ for k, v in m ~}${k}=${v},%{ endfor }\"", HCL_OTHER, NULL, 5},
		{"<<EOT\nhello\n  world\nEOT\n", HCL_STRING, "hello\n  world\n", 0},
		{"<<-EOT\n    a\n      b\n\n    c\n    EOT\n", HCL_STRING, "a\n  b\n\nc\n", 0},
		{"<<-EOT\r\n  x\r\n    y\r\n  EOT\r\n", HCL_STRING, "x\n  y\n", 0},
		{"<<EOT\nEOT\n", HCL_STRING, "", 0},
		{"<<POLICY\n{}\nPOLICY  \t\n", HCL_STRING, "{}\n", 0},
		{"<<-EOT\n    a\n  EOT \n", HCL_STRING, "a\n", 0},
		{"<<EOT\n${a} and $${b}\nEOT\n", HCL_TEMPLATE, NULL, 2},
		{"42", HCL_NUMBER, "42", 0},
		{"3.25e-2", HCL_NUMBER, "3.25e-2", 0},
		{"-7", HCL_NUMBER, "-7", 0},
		{"true", HCL_BOOL, "true", 0},
		{"false", HCL_BOOL, "false", 0},
		{"null", HCL_NULL, NULL, 0},
		{"string", HCL_TRAVERSAL, "string", 0},
		{"var.x", HCL_TRAVERSAL, "var.x", 0},
		{"local.y.z", HCL_TRAVERSAL, "local.y.z", 0},
		{"data.aws_iam_policy_document.my-doc.json", HCL_TRAVERSAL, "data.aws_iam_policy_document.my-doc.json", 0},
		{"a[0]", HCL_INDEX, NULL, 2},
		{"a.0.b", HCL_INDEX, NULL, 3},
		{"a.b[f(x.y)].c", HCL_INDEX, NULL, 3},
		{"a.*.b", HCL_OTHER, NULL, 2},
		{"a[*].b", HCL_OTHER, NULL, 2},
		{"f(x)[0]", HCL_INDEX, NULL, 2},
		{"[1, [2, 3], {}]", HCL_TUPLE, NULL, 3},
		{"[\n  1,\n  2,\n]", HCL_TUPLE, NULL, 2},
		{"[]", HCL_TUPLE, NULL, 0},
		{"{}", HCL_OBJECT, NULL, 0},
		{"{ a = 1, \"b\" : 2, (k) = 3\n  true = 4\n}", HCL_OBJECT, NULL, 4},
		{"{\n  a = 1\n\n  b = [\n    1,\n  ]\n}", HCL_OBJECT, NULL, 2},
		{"f()", HCL_CALL, "f", 0},
		{"f(1, 2,)", HCL_CALL, "f", 2},
		{"concat(a, b...)", HCL_CALL, "concat", 2},
		{"provider::aws::arn_parse(x)", HCL_CALL, "provider::aws::arn_parse", 1},
		{"f(\n  1,\n  2\n)", HCL_CALL, "f", 2},
		{"c ? a : b", HCL_CONDITIONAL, NULL, 3},
		{"c ? a : d ? e : f", HCL_CONDITIONAL, NULL, 3},
		{"(var.x)", HCL_TRAVERSAL, "var.x", 0},
		{"(\n  1 +\n  2\n)", HCL_OTHER, NULL, 2},
		{"!x", HCL_OTHER, NULL, 1},
		{"- - x", HCL_OTHER, NULL, 1},
		{"1 + 2 * 3", HCL_OTHER, NULL, 2},
		{"a || b && c == d", HCL_OTHER, NULL, 2},
		{"a < b", HCL_OTHER, NULL, 2},
		{"1 - 2 + 3 % 4 / 5", HCL_OTHER, NULL, 3},
		{"[for x in xs : upper(x) if x != \"\"]", HCL_FOR, NULL, 3},
		{"{for k, v in m : k => v...}", HCL_FOR, NULL, 3},
		{"[\n  for x in xs :\n  x\n]", HCL_FOR, NULL, 2},
		{"[for]", HCL_TUPLE, NULL, 1},
		{"x /* inline */ # trailing", HCL_TRAVERSAL, "x", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct expr_case *c = &cases[i];
		char src[512], *buf;
		snprintf(src, sizeof(src), "a = %s\nz = 1\n", c->src);
		struct hcl_file *f = parse_ok(src, &buf);
		const struct hcl_body *b = hcl_file_body(f);
		const struct hcl_expr *e = value(b, "a");
		if (e->kind != c->kind)
			fail_msg("case %zu (%s): kind %d, want %d", i, c->src, (int)e->kind, (int)c->kind);
		if (c->str) {
			assert_non_null(e->str);
			if (strcmp(e->str, c->str))
				fail_msg("case %zu (%s): str \"%s\", want \"%s\"", i, c->src, e->str, c->str);
		} else if (c->kind != HCL_OBJECT && c->kind != HCL_TUPLE) {
			assert_null(e->str);
		}
		if (e->n != c->n)
			fail_msg("case %zu (%s): %zu items, want %zu", i, c->src, e->n, c->n);
		assert_int_equal(e->line, 1);
		assert_int_equal(e->column, 5);
		/* the range is the source text, without a heredoc's final newline or a comment */
		size_t n = strcspn(c->src, "#/");
		while (n && strchr("\r\n ", c->src[n - 1]))
			n--;
		assert_string_equal(slice(buf, e->start, e->end), slice(c->src, 0, n));
		assert_int_equal(value(b, "z")->kind, HCL_NUMBER);
		hcl_file_free(f);
		free(buf);
	}
}

/* the literal parts of a template: decoded text, ranges, strip markers */
static void test_template_parts(void **state)
{
	(void)state;
	char *buf;
	struct hcl_file *f = parse_ok("a = \"x-${var.y}-\\\"z\\\"\"\nb = \"x ${~ y ~} z\"\n", &buf);
	const struct hcl_expr *a = value(hcl_file_body(f), "a");
	assert_int_equal(a->kind, HCL_TEMPLATE);
	assert_int_equal(a->n, 3);
	assert_string_equal(a->items[0]->str, "x-");
	assert_true(a->items[0]->in_place);
	assert_string_equal(slice(buf, a->items[0]->str_start, a->items[0]->str_end), "x-");
	assert_int_equal(a->items[1]->column, 10);
	assert_string_equal(a->items[2]->str, "-\"z\"");
	assert_false(a->items[2]->in_place);
	const struct hcl_expr *b = value(hcl_file_body(f), "b");
	assert_string_equal(b->items[0]->str, "x");
	assert_string_equal(b->items[2]->str, "z");
	hcl_file_free(f);
	free(buf);
}

/* object keys: bare words and strings become strings, other keys stay expressions */
static void test_object_keys(void **state)
{
	(void)state;
	char *buf;
	struct hcl_file *f = parse_ok("o = {\n  name = 1\n  \"quoted key\" = 2\n  (var.k) = 3\n  a.b = 4\n}\n", &buf);
	const struct hcl_expr *o = value(hcl_file_body(f), "o");
	assert_int_equal(o->n, 4);
	assert_int_equal(o->keys[0]->kind, HCL_STRING);
	assert_string_equal(o->keys[0]->str, "name");
	assert_int_equal(o->keys[0]->line, 2);
	assert_int_equal(o->keys[0]->column, 3);
	assert_int_equal(o->keys[1]->kind, HCL_STRING);
	assert_string_equal(o->keys[1]->str, "quoted key");
	assert_true(o->keys[1]->in_place);
	assert_int_equal(o->keys[2]->kind, HCL_TRAVERSAL);
	assert_string_equal(o->keys[2]->str, "var.k");
	assert_string_equal(slice(buf, o->keys[2]->start, o->keys[2]->end), "(var.k)");
	assert_int_equal(o->keys[3]->kind, HCL_TRAVERSAL);
	assert_string_equal(o->items[3]->str, "4");
	hcl_file_free(f);
	free(buf);
}

/* labels, one-line blocks, nested blocks and empty files */
static void test_blocks(void **state)
{
	(void)state;
	char *buf;
	struct hcl_file *f = parse_ok("a { b = 1 }\n"
				      "c {}\n"
				      "d \"x\" y \"\\u0041\" {\n}\n"
				      "e {\n  f { g = 2 }\n  h = 3\n}",
				      &buf);
	const struct hcl_body *top = hcl_file_body(f);
	assert_int_equal(top->nblocks, 4);
	assert_string_equal(value(block(top, "a", NULL)->body, "b")->str, "1");
	assert_int_equal(block(top, "c", NULL)->body->nattrs, 0);
	const struct hcl_block *d = block(top, "d", NULL);
	assert_int_equal(d->nlabels, 3);
	assert_string_equal(d->labels[0], "x");
	assert_string_equal(d->labels[1], "y");
	assert_string_equal(d->labels[2], "A");
	const struct hcl_block *e = block(top, "e", NULL);
	assert_int_equal(e->line, 5);
	assert_int_equal(block(e->body, "f", NULL)->line, 6);
	assert_int_equal(block(e->body, "f", NULL)->column, 3);
	assert_string_equal(value(e->body, "h")->str, "3");
	hcl_file_free(f);
	free(buf);
	f = parse_ok("", &buf);
	assert_int_equal(hcl_file_body(f)->nattrs + hcl_file_body(f)->nblocks, 0);
	hcl_file_free(f);
	free(buf);
	f = parse_ok("# only a comment", &buf);
	hcl_file_free(f);
	free(buf);
}

/* One input that must be rejected, where and why. */
struct error_case {
	const char *src;
	long line, column;
	const char *message;
};

/* each malformed input fails with the expected position and message */
static void test_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{"runtime \"python3.8\"\n", 1, 9, "expected '=' after attribute name \"runtime\""},
		{"runtime\n", 1, 8, "expected '=' or '{' after \"runtime\""},
		{"a = \"abc\n", 1, 5, "unterminated string"},
		{"a = \"abc", 1, 5, "unterminated string"},
		{"resource \"x\" \"y\" {\n  a = 1\n", 3, 1, "unclosed '{' opened at 1:18"},
		{"a = [1, 2\n", 2, 1, "unclosed '[' opened at 1:5"},
		{"a = f(1,\n", 2, 1, "unclosed '(' opened at 1:6"},
		{"a = {\n  b = 1\n", 3, 1, "unclosed '{' opened at 1:5"},
		{"a = \"${x", 1, 9, "unclosed '${' opened at 1:6"},
		{"a = [1 2]", 1, 8, "expected ',' or ']', found number \"2\""},
		{"a = \"${x\"", 1, 9, "expected '}' to end the interpolation, found string"},
		{"a = <<EOT\nabc\n", 1, 5, "unterminated heredoc: no line \"EOT\" closes it"},
		{"a = <<EOT abc\n", 1, 10, "expected a newline after heredoc marker \"EOT\""},
		{"a = <<EOT\nabc\nEOT x\n", 1, 5, "unterminated heredoc: no line \"EOT\" closes it"},
		{"a = 1 b = 2", 1, 7, "expected a newline after the value of \"a\", found \"b\""},
		{"a {\n} b = 1", 2, 3, "expected a newline after the block \"a\", found \"b\""},
		{"}", 1, 1, "unexpected '}' (no block is open)"},
		{"= 1", 1, 1, "expected an attribute or block name, found '='"},
		{"a = \"\\q\"", 1, 6, "invalid escape sequence \"\\q\""},
		{"a = \"\\u12\"", 1, 6, "invalid unicode escape \"\\u\" (expected 4 hex digits)"},
		{"a = \"\\uD800\"", 1, 6, "invalid unicode escape: U+D800 is not a character"},
		{"a = \"%{ if x }a\"", 1, 16, "unclosed '%{ if }' opened at 1:6"},
		{"a = \"%{ endif }\"", 1, 9, "'%{ endif }' without a matching '%{ if }'"},
		{"a = \"%{ for x in y }%{ endif }\"", 1, 24, "'%{ endif }' without a matching '%{ if }'"},
		{"a = \"%{ else }\"", 1, 9, "'%{ else }' without a matching '%{ if }'"},
		{"a = \"%{ while }\"", 1, 9, "unknown template directive \"while\" (expected if, else, endif, for or endfor)"},
		{"a = 1 /* x", 1, 7, "unterminated comment"},
		{"a = 1\nb = \"\0\"", 2, 6, "unexpected NUL byte"},
		{"a = @", 1, 5, "unexpected character '@'"},
		{"a = 'x'", 1, 5, "unexpected character \"'\" (strings use double quotes)"},
		{"a = x.", 1, 7, "expected an attribute name after '.', found end of input"},
		{"a = x ? 1", 1, 10, "expected ':' in conditional expression, found end of input"},
		{"a = x ?\n 1 : 2", 1, 8, "expected an expression, found newline"},
		{"a = [for x in y x]", 1, 17, "expected ':' after the for collection, found \"x\""},
		{"a = {for x in y : x}", 1, 20, "expected '=>' after the for key, found '}'"},
		{"a = 1 &", 1, 7, "unexpected character '&' (use '&&')"},
		{"a = {\n  b = 1 c = 2\n}", 2, 9, "expected ',', newline or '}' after object item, found \"c\""},
		{"a = { b 1 }", 1, 9, "expected '=' or ':' after object key, found number \"1\""},
		{"a \"${x}\" {\n}", 1, 3, "block labels must be plain strings, without interpolation"},
		{"a = f(x...,y)", 1, 11, "expected ')' after '...', found ','"},
		{"a = p::(1)", 1, 8, "expected a function name after '::', found '('"},
		{"a = \n", 1, 5, "expected an expression, found newline"},
		{"a = 1\n\n  x y z\n", 3, 8, "expected '{' after the labels of block \"x\", found newline"},
		{"a = \"\xff\x01\"\nb = \x01", 2, 5, "unexpected byte 0x01"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct error_case *c = &cases[i];
		size_t n = strlen(c->src);
		if (strstr(c->message, "NUL"))
			n += 2; /* the case continues past its NUL byte */
		char *buf = malloc(n);
		memcpy(buf, c->src, n);
		struct hcl_file *f = (struct hcl_file *)buf; /* must be reset to NULL */
		struct hcl_error err;
		int rc = hcl_parse(buf, n, &f, &err);
		if (rc != -1)
			fail_msg("case %zu (%s): parsed", i, c->src);
		assert_null(f);
		if (err.line != c->line || err.column != c->column || strcmp(err.message, c->message))
			fail_msg("case %zu (%s): got %ld:%ld %s, want %ld:%ld %s", i, c->src, err.line, err.column,
				 err.message, c->line, c->column, c->message);
		free(buf);
	}
}

/* depth returns how deeply the items and keys of e nest. */
static size_t depth(const struct hcl_expr *e)
{
	size_t d = 0;
	for (size_t i = 0; i < e->n; i++) {
		size_t k = depth(e->items[i]);
		if (e->keys && depth(e->keys[i]) > k)
			k = depth(e->keys[i]);
		if (k > d)
			d = k;
	}
	return d + 1;
}

/* repeat returns "prefix" + n copies of unit + "suffix" in a new buffer of exactly *len
 * bytes (not NUL-terminated). */
static char *repeat(const char *prefix, const char *unit, size_t n, const char *suffix, size_t *len)
{
	size_t p = strlen(prefix), u = strlen(unit), s = strlen(suffix);
	*len = p + u * n + s;
	char *b = malloc(*len);
	memcpy(b, prefix, p);
	for (size_t i = 0; i < n; i++)
		memcpy(b + p + i * u, unit, u);
	memcpy(b + p + u * n, suffix, s);
	return b;
}

/* deep nesting fails cleanly at HCL_MAX_DEPTH; long flat chains parse shallow */
static void test_deep_nesting(void **state)
{
	(void)state;
	/* nesting that must be refused */
	static const struct {
		const char *prefix, *unit;
	} deep[] = {
		{"a = ", "["},      {"a = ", "("},      {"a = ", "{a = "},   {"a = ", "f("},
		{"", "b {\n"},      {"a = ", "\"${"},   {"a = ", "x ? "},    {"a = ", "[for x in "},
		{"a = ", "x["},     {"a = \"", "%{ if x }"},
	};
	for (size_t i = 0; i < sizeof(deep) / sizeof(deep[0]); i++) {
		size_t len;
		char *buf = repeat(deep[i].prefix, deep[i].unit, 10000, "", &len);
		struct hcl_file *f;
		struct hcl_error err;
		if (hcl_parse(buf, len, &f, &err) != -1)
			fail_msg("case %zu: parsed", i);
		if (strcmp(err.message, "nesting deeper than 128"))
			fail_msg("case %zu (%s): %s", i, deep[i].unit, err.message);
		free(buf);
	}
	/* nesting just inside the limit parses */
	size_t len;
	char *buf = repeat("a = ", "[", 127, "", &len);
	char *full = malloc(len + 127);
	memcpy(full, buf, len);
	memset(full + len, ']', 127);
	struct hcl_file *f;
	struct hcl_error err;
	assert_int_equal(hcl_parse(full, len + 127, &f, &err), 0);
	assert_int_equal(depth(hcl_file_body(f)->attrs[0].expr), 127);
	hcl_file_free(f);
	free(full);
	free(buf);
	/* long flat chains parse into a shallow tree */
	static const char *const flat[] = {"+ 1 ", "[0]", ".b", "!", "- "};
	for (size_t i = 0; i < sizeof(flat) / sizeof(flat[0]); i++) {
		int prefix = flat[i][0] == '!' || flat[i][0] == '-';
		/* 10,000 steps: far past HCL_MAX_DEPTH, within the parser's memory per byte */
		buf = repeat(prefix ? "a = " : "a = x ", flat[i], 10000, prefix ? "x\n" : "\n", &len);
		if (hcl_parse(buf, len, &f, &err) != 0)
			fail_msg("flat case %zu: %s", i, err.message);
		assert_true(depth(hcl_file_body(f)->attrs[0].expr) <= 3);
		hcl_file_free(f);
		free(buf);
	}
}

/* Every prefix of a realistic file, each in an exact-size buffer: each either parses or
 * fails cleanly, and nothing reads past the end (ASan, valgrind). */
static void test_truncated(void **state)
{
	(void)state;
	size_t n = strlen(tf_main), ok = 0;
	for (size_t i = 0; i <= n; i++) {
		char *buf = malloc(i ? i : 1);
		memcpy(buf, tf_main, i);
		struct hcl_file *f;
		struct hcl_error err;
		int rc = hcl_parse(buf, i, &f, &err);
		if (rc == 0) {
			ok++;
			hcl_file_free(f);
		} else {
			assert_null(f);
			assert_true(err.line >= 1 && err.column >= 1 && err.message[0]);
		}
		free(buf);
	}
	assert_true(ok > 10);
	assert_true(ok < n);
}

/* inputs ending mid-token in exact-size buffers; NULL err and empty input */
static void test_not_nul_terminated(void **state)
{
	(void)state;
	static const char *const srcs[] = {"a = 1",   "a = x.y",  "a = tru",    "a = \"x\"", "a = 1.5e",
					   "a = x.0", "a = \"\\u", "a = <<EOT\nEOT", "a = <<-", "a { b = [1] }",
					   "a = 1 #",  "a = 1 //", "a = 1 /*",   "a = 1 <=", "a = \"$${"};
	for (size_t i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		size_t n = strlen(srcs[i]);
		char *buf = malloc(n);
		memcpy(buf, srcs[i], n);
		struct hcl_file *f;
		struct hcl_error err;
		if (hcl_parse(buf, n, &f, &err) == 0)
			hcl_file_free(f);
		free(buf);
	}
	/* NULL error pointer and empty input */
	struct hcl_file *f;
	assert_int_equal(hcl_parse("a = ", 4, &f, NULL), -1);
	assert_int_equal(hcl_parse(NULL, 0, &f, NULL), 0);
	assert_int_equal(hcl_file_body(f)->nattrs, 0);
	hcl_file_free(f);
	hcl_file_free(NULL);
}

/* an attribute set twice: Terraform's error with both positions, and the parse goes on */
static void test_redefined(void **state)
{
	(void)state;
	static const char src[] = "r {\n  a = 1\n  b = 2\n  a = 3\n}\nx = 1\ny = 2\nx = 3\n";
	struct hcl_file *f;
	struct hcl_error err;
	assert_int_equal(hcl_parse(src, strlen(src), &f, &err), 0);
	const struct hcl_error *d = hcl_file_redefined(f);
	assert_non_null(d);
	assert_int_equal(d->line, 4);
	assert_int_equal(d->column, 3);
	assert_string_equal(d->message, "attribute \"a\" is set twice: first at 2:3, again at 4:3");
	const struct hcl_body *b = hcl_file_body(f);
	assert_int_equal(b->nblocks, 1);
	assert_string_equal(hcl_body_attr(b->blocks[0].body, "a")->expr->str, "1");
	assert_string_equal(hcl_body_attr(b, "x")->expr->str, "1");
	hcl_file_free(f);
	static const char ok[] = "r {\n  a = 1\n}\ns {\n  a = 2\n}\na = 3\n";
	assert_int_equal(hcl_parse(ok, strlen(ok), &f, &err), 0);
	assert_null(hcl_file_redefined(f)); /* one per body */
	hcl_file_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redefined),
		cmocka_unit_test(test_terraform_file), cmocka_unit_test(test_tfvars),
		cmocka_unit_test(test_expressions),    cmocka_unit_test(test_template_parts),
		cmocka_unit_test(test_object_keys),    cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_errors),         cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_truncated),      cmocka_unit_test(test_not_nul_terminated),
	};
	return cmocka_run_group_tests_name("hcl", tests, NULL, NULL);
}
