/* libFuzzer target for the inventory reader: `make fuzz` builds and runs it. Any input must
 * end in a result, never a crash, a leak or unbounded memory. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "util/msg.h"
#include "model/scan.h"
#include "source/inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct catalog *cat;
	struct scan s;
	if (!cat) {
		if (catalog_load_builtin(&cat) < 0)
			abort();
	}
	int fd = memfd_create("inv", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	scan_init(&s, cat, 20000, 180, size % 2);
	inventory_scan_fd(&s, fd, "fuzz.json", 1 + size % 13);
	scan_release(&s);
	close(fd);
	return 0;
}
