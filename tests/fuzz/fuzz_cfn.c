/* libFuzzer target for the JSON/YAML template formats: CloudFormation intrinsic
 * resolution (Ref, Fn::If, Fn::FindInMap, Globals, layers), Terraform JSON syntax and
 * plan JSON, chosen by the input's length, with --fix edits recorded. */
#include "fuzz_iac_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	switch (size % 4) {
	case 0: fuzz_scan(data, size, "cdk.out/x.template.json", cfn_scan); break;
	case 1: fuzz_scan(data, size, "main.tf.json", tfjson_scan); break;
	case 2: fuzz_scan(data, size, "plan.json", tfplan_scan); break;
	default: fuzz_scan(data, size, "template.yaml", cfn_scan); break;
	}
	return 0;
}
