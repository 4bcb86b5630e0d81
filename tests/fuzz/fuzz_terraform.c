/* libFuzzer target for the Terraform analysis on top of the HCL parser: variables,
 * locals, tfvars, modules, conditionals and self-references. The input is split at the
 * first NUL into a .tf file and a terraform.tfvars file. */
#include "fuzz_iac_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	struct scan s;
	struct iac_options o = {.max_file = 1 << 20, .fix_at = ST_UPCOMING};
	const uint8_t *nul = memchr(data, 0, size);
	size_t a = nul ? (size_t)(nul - data) : size, b = nul ? size - a - 1 : 0;
	struct tf_dir_file files[2] = {
		{"/nonexistent/main.tf", "main.tf", malloc(a ? a : 1), a, false},
		{"/nonexistent/terraform.tfvars", "terraform.tfvars", malloc(b ? b : 1), b, true},
	};
	memcpy(files[0].buf, data, a);
	if (b)
		memcpy(files[1].buf, nul + 1, b);
	scan_init(&s, cat, 20000, 180, true);
	struct iac_ctx ctx = {.scan = &s, .opts = &o};
	tf_scan_dir(&ctx, files, nul ? 2 : 1);
	iac_ctx_release(&ctx);
	scan_release(&s);
	free(files[0].buf);
	free(files[1].buf);
	return 0;
}
