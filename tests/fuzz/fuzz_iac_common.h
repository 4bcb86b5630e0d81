/* Shared by the IaC fuzz targets: a scan and context to hand each input to a format. */
#ifndef SUNSET_FUZZ_IAC_COMMON_H
#define SUNSET_FUZZ_IAC_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "iac/iac.h"
#include "util/msg.h"
#include "model/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_catalog is the built-in catalog, loaded once (messages silenced). */
static inline const struct catalog *fuzz_catalog(void)
{
	static struct catalog *cat;
	if (!cat) {
		msg_set_quiet(1);
		if (catalog_load_builtin(&cat) < 0)
			abort();
	}
	return cat;
}

/* fuzz_scan runs `fn` over the input as the file `name`, with --fix recording edits. */
static inline void fuzz_scan(const uint8_t *data, size_t size, const char *name,
			     int (*fn)(struct iac_ctx *, const struct iac_file *, int))
{
	const struct catalog *cat = fuzz_catalog();
	struct scan s;
	struct iac_options o = {.max_file = 1 << 20, .fix_at = ST_UPCOMING};
	char *buf = malloc(size ? size : 1); /* exact size: ASan sees any read past the end */
	memcpy(buf, data, size);
	scan_init(&s, cat, 20000, 180, true);
	struct iac_ctx ctx = {.scan = &s, .opts = &o};
	char path[128];
	snprintf(path, sizeof(path), "/nonexistent/dir/%s", name);
	struct iac_file f = {path, name, name, buf, size};
	fn(&ctx, &f, size % 2);
	iac_ctx_release(&ctx);
	scan_release(&s);
	free(buf);
}

#endif
