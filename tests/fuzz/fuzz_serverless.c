/* libFuzzer target for Serverless Framework files and their variables (${self:},
 * ${opt:x, default}, ${env:}, ${file()}, nesting and cycles). */
#include "fuzz_iac_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_scan(data, size, "serverless.yml", sls_scan);
	return 0;
}
