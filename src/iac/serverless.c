#include "iac.h"
int sls_sniff(const struct iac_file *f) { (void)f; return 0; }
int sls_scan(struct iac_ctx *ctx, const struct iac_file *f, int sure) { (void)ctx; (void)f; (void)sure; return 0; }
