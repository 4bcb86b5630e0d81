/* inventory: reads what `aws lambda list-functions [--function-version ALL]` prints (one
 * page, pages concatenated, or a JSON array of pages) one function record at a time, and
 * hands each to the scan as a resource with source "inventory". */
#ifndef SUNSET_INVENTORY_H
#define SUNSET_INVENTORY_H

#include "model/scan.h"

enum inventory_result {
	INV_OK,      /* read to the end without error */
	INV_PARTIAL, /* some records or pages could not be read; the rest were scanned */
	INV_FAILED,  /* nothing could be read from this input */
	INV_FATAL,   /* the findings store failed: stop the run */
};

/* inventory_scan_path reads `path` ("-" = standard input) into the scan; errors are added
 * to s->errors naming the file and position. */
enum inventory_result inventory_scan_path(struct scan *s, const char *path);
/* inventory_scan_fd reads an open descriptor (borrowed); `name` names it in messages.
 * `chunk` is the read size (0 = default), exposed so tests can split values across reads. */
enum inventory_result inventory_scan_fd(struct scan *s, int fd, const char *name, size_t chunk);

#endif
