/* Shared by the IaC fuzz targets: a scan and context to hand each input to a format. */
#ifndef SUNSET_FUZZ_IAC_COMMON_H
#define SUNSET_FUZZ_IAC_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "iac/iac.h"
#include "msg.h"
#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_scan runs `fn` over the input as the file `name`, with --fix recording edits. */
static inline void fuzz_scan(const uint8_t *data, size_t size, const char *name,
			     int (*fn)(struct iac_ctx *, const struct iac_file *, int))
{
	static struct catalog *cat;
	struct scan s;
	struct iac_options o = {.max_file = 1 << 20, .fix_at = ST_UPCOMING};
	if (!cat) {
		msg_set_quiet(1);
		if (catalog_load_builtin(&cat) < 0)
			abort();
	}
	char *buf = malloc(size ? size : 1); /* exact size: ASan sees any read past the end */
	memcpy(buf, data, size);
	scan_init(&s, cat, 20000, 180, true);
	struct iac_ctx ctx = {.scan = &s, .opts = &o};
	struct iac_file f = {"/nonexistent/dir/" , name, name, buf, size};
	char path[128];
	snprintf(path, sizeof(path), "/nonexistent/dir/%s", name);
	f.path = path;
	fn(&ctx, &f, size % 2);
	iac_ctx_release(&ctx);
	scan_release(&s);
	free(buf);
}

#endif
