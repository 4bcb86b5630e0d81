/* tfplan: Terraform plan JSON (`terraform show -json PLAN`): the after-values of every
 * aws_lambda_function and aws_lambda_layer_version in resource_changes, modules
 * included. Plans are generated, so --fix never rewrites them. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "iac/iac.h"

int tfplan_sniff(const struct iac_file *f)
{
	return memmem(f->buf, f->len, "\"resource_changes\"", 18) && memmem(f->buf, f->len, "\"format_version\"", 16)
		       ? 2
		       : 0;
}

static bool deleted_only(const struct doc_node *actions)
{
	if (!actions || actions->type != DOC_SEQ)
		return false;
	for (size_t i = 0; i < actions->n; i++)
		if (!doc_str(actions->vals[i]) || strcmp(actions->vals[i]->str, "delete"))
			return false;
	return actions->n > 0;
}

static int emit(struct iac_ctx *ctx, const struct iac_file *f, const char *address, const char *name,
		const char *kind, const struct doc_node *v, const char *package_type)
{
	struct iac_origin o;
	iac_origin_of(&o, f, v);
	o.generated = true;
	struct resource r = {
		.source = "terraform-plan",
		.kind = kind,
		.resource = address,
		.function = name,
		.file = f->rel,
		.line = v->line,
		.column = v->column,
		.runtime = doc_str(v),
		.package_type = package_type,
		.reason = doc_str(v) ? NULL : "the plan has no runtime for this function (known after apply?)",
	};
	return iac_emit(ctx, &r, &o);
}

int tfplan_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure)
{
	struct doc *d = iac_load_doc(ctx, f, true);
	(void)sure;
	if (!d)
		return -1;
	const struct doc_node *changes = doc_get(doc_root(d), "resource_changes");
	int rc = 1;
	if (!changes || changes->type != DOC_SEQ) {
		doc_free(d);
		return 0;
	}
	for (size_t i = 0; i < changes->n && rc > 0; i++) {
		const struct doc_node *rcn = changes->vals[i];
		const char *type = doc_str(doc_get(rcn, "type"));
		const char *address = doc_str(doc_get(rcn, "address"));
		const struct doc_node *after = doc_get_path(rcn, "change.after");
		if (!type || !address || !after || after->type != DOC_MAP ||
		    deleted_only(doc_get_path(rcn, "change.actions")))
			continue;
		const char *name = doc_str(doc_get(after, "function_name"));
		if (!strcmp(type, "aws_lambda_function")) {
			const char *pt = doc_str(doc_get(after, "package_type"));
			const struct doc_node *rt = doc_get(after, "runtime");
			if (!rt)
				rt = after;
			if (emit(ctx, f, address, name ? name : address, "function", rt,
				 pt && !strcmp(pt, "Image") ? "Image" : NULL) < 0)
				rc = -1;
		} else if (!strcmp(type, "aws_lambda_layer_version")) {
			const struct doc_node *rts = doc_get(after, "compatible_runtimes");
			const char *lname = doc_str(doc_get(after, "layer_name"));
			for (size_t j = 0; rts && rts->type == DOC_SEQ && j < rts->n; j++)
				if (emit(ctx, f, address, lname ? lname : address, "layer", rts->vals[j], NULL) < 0)
					rc = -1;
		}
	}
	doc_free(d);
	return rc;
}
