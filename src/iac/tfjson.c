/* tfjson: Terraform's JSON syntax (*.tf.json), as written by hand or synthesized by CDK
 * for Terraform (cdktf.out/stacks/NAME/cdk.tf.json): aws_lambda_function runtime,
 * aws_lambda_layer_version compatible_runtimes and terraform-aws-modules Lambda module
 * calls. A literal value is a finding at its position; a "${...}" expression is unknown
 * with the expression in the reason (variables are resolved only in native syntax).
 * Files under cdktf.out are generated: --fix leaves them to the CDKTF app. */
#include <stdio.h>
#include <string.h>

#include "iac/iac.h"

int tfjson_sniff(const struct iac_file *f)
{
	size_t l = strlen(f->name);
	return l > 8 && !strcmp(f->name + l - 8, ".tf.json") ? 2 : 0;
}

struct tfj {
	struct iac_ctx *ctx;
	const struct iac_file *f;
	bool generated;
	const char *address, *name, *kind;
	int rc;
};

static void emit(struct tfj *t, const struct doc_node *v)
{
	struct iac_origin o;
	char reason[300];
	const char *s = doc_str(v);
	bool expr = s && strstr(s, "${");
	iac_origin_of(&o, t->f, v);
	o.generated = t->generated;
	if (expr)
		snprintf(reason, sizeof(reason), "the runtime is the expression \"%.200s\", which sunset resolves only in .tf files",
			 s);
	struct resource r = {
		.source = "terraform",
		.kind = t->kind,
		.resource = t->address,
		.function = t->name,
		.file = t->f->rel,
		.line = v->line,
		.column = v->column,
		.runtime = expr ? NULL : s,
		.reason = expr ? reason : s ? NULL : "the runtime is not a string",
	};
	if (iac_emit(t->ctx, &r, &o) < 0)
		t->rc = -1;
}

static void emit_list(struct tfj *t, const struct doc_node *v)
{
	if (v && v->type == DOC_SEQ)
		for (size_t i = 0; i < v->n; i++)
			emit(t, v->vals[i]);
	else if (v)
		emit(t, v);
}

/* each_block calls fn for every NAME: {body} of a map (a body may also be a list of one). */
static void scan_type(struct tfj *t, const struct doc_node *blocks, const char *type)
{
	char address[300];
	for (size_t i = 0; blocks && blocks->type == DOC_MAP && i < blocks->n && !t->rc; i++) {
		const struct doc_node *body = blocks->vals[i];
		if (body && body->type == DOC_SEQ && body->n == 1)
			body = body->vals[0];
		const char *name = doc_str(blocks->keys[i]);
		if (!name || !body || body->type != DOC_MAP)
			continue;
		snprintf(address, sizeof(address), "%.100s.%.150s", type, name);
		t->address = address;
		t->name = name;
		if (!strcmp(type, "aws_lambda_function")) {
			const char *fname = doc_str(doc_get(body, "function_name"));
			const char *pt = doc_str(doc_get(body, "package_type"));
			t->kind = "function";
			if (fname && !strstr(fname, "${"))
				t->name = fname;
			if (doc_get(body, "runtime"))
				emit(t, doc_get(body, "runtime"));
			else if (!(pt && !strcmp(pt, "Image"))) {
				struct resource r = {.source = "terraform", .kind = "function", .resource = address,
						     .function = t->name, .file = t->f->rel, .line = blocks->keys[i]->line,
						     .column = blocks->keys[i]->column,
						     .reason = "the function sets no runtime and is not package_type Image"};
				if (iac_emit(t->ctx, &r, NULL) < 0)
					t->rc = -1;
			}
		} else {
			t->kind = "layer";
			emit_list(t, doc_get(body, "compatible_runtimes"));
		}
	}
}

static void scan_modules(struct tfj *t, const struct doc_node *mods)
{
	char address[300];
	for (size_t i = 0; mods && mods->type == DOC_MAP && i < mods->n && !t->rc; i++) {
		const struct doc_node *body = mods->vals[i];
		const char *name = doc_str(mods->keys[i]);
		const char *src = doc_str(doc_get(body, "source"));
		if (!name || !src || (strncmp(src, "terraform-aws-modules/lambda/aws", 32) &&
				      !strstr(src, "terraform-aws-modules/terraform-aws-lambda")))
			continue;
		const char *create = doc_str(doc_get(body, "create")), *cf = doc_str(doc_get(body, "create_function"));
		if ((create && !strcmp(create, "false")) || (cf && !strcmp(cf, "false")))
			continue;
		snprintf(address, sizeof(address), "module.%.200s", name);
		t->address = address;
		t->name = name;
		t->kind = "function";
		if (doc_get(body, "runtime"))
			emit(t, doc_get(body, "runtime"));
	}
}

int tfjson_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure)
{
	struct doc *d = iac_load_doc(ctx, f, true);
	(void)sure;
	if (!d)
		return -1;
	const struct doc_node *root = doc_root(d), *res = doc_get(root, "resource");
	struct tfj t = {.ctx = ctx, .f = f,
			.generated = strstr(f->rel, "cdktf.out/") != NULL || strstr(f->path, "cdktf.out/") != NULL};
	scan_type(&t, doc_get(res, "aws_lambda_function"), "aws_lambda_function");
	scan_type(&t, doc_get(res, "aws_lambda_layer_version"), "aws_lambda_layer_version");
	scan_modules(&t, doc_get(root, "module"));
	doc_free(d);
	return t.rc < 0 ? -1 : 1;
}
