/* libFuzzer target for CloudFormation intrinsic resolution (Ref, Fn::If, Fn::FindInMap,
 * Globals, layers) over YAML or JSON templates, with --fix edits recorded. */
#include "fuzz_iac_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_scan(data, size, size % 3 ? "template.yaml" : "cdk.out/x.template.json", cfn_scan);
	return 0;
}
