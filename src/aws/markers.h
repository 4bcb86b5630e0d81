/* markers: the NextMarker values already followed in one listing (ListFunctions of a
 * region, ListAliases of a function), so that a server repeating one ends the listing
 * with an error instead of looping forever. */
#ifndef SUNSET_AWS_MARKERS_H
#define SUNSET_AWS_MARKERS_H

#include <jansson.h>

struct markers {
	json_t *seen; /* marker -> true */
};

/* markers_next decides what a page's NextMarker means for the listing: 1 follow it (and
 * it is remembered), 0 the listing is complete (absent, null or ""), -1 an error: *why
 * says which ("is not a string", "repeats a marker already followed"). */
int markers_next(struct markers *m, const json_t *next, const char **why);
void markers_release(struct markers *m);

#endif
