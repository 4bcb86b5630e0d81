#include "aws/markers.h"

#include <string.h>

int markers_next(struct markers *m, const json_t *next, const char **why)
{
	*why = NULL;
	if (!next || json_is_null(next))
		return 0;
	if (!json_is_string(next)) {
		*why = "NextMarker is not a string";
		return -1;
	}
	const char *v = json_string_value(next);
	size_t len = json_string_length(next);
	if (!len)
		return 0;
	if (memchr(v, '\0', len)) {
		*why = "NextMarker contains a NUL character";
		return -1;
	}
	if (!m->seen)
		m->seen = json_object();
	if (json_object_get(m->seen, v)) {
		*why = "NextMarker repeats a marker already followed (the listing would never end)";
		return -1;
	}
	json_object_set_new(m->seen, v, json_true());
	return 1;
}

void markers_release(struct markers *m)
{
	json_decref(m->seen);
	m->seen = NULL;
}
