#include "history/baseline.h"

#include <jansson.h>
#include <string.h>

#include "model/classify.h"
#include "util/msg.h"
#include "util/xalloc.h"

int baseline_load(const char *path, struct prior *p)
{
	json_error_t err;
	json_t *doc = json_load_file(path, 0, &err);
	prior_init(p, PRIOR_BASELINE);
	p->label = xstrdup(path);
	if (!doc && err.line < 1)
		return errorf("--baseline: %s: %s", path, err.text);
	if (!doc)
		return errorf("--baseline: %s:%d:%d: %s", path, err.line, err.column, err.text);
	json_t *findings = json_object_get(doc, "findings");
	if (!json_is_array(findings)) {
		json_decref(doc);
		return errorf("--baseline: %s: not a sunset JSON report (no \"findings\" array)", path);
	}
	size_t i, without = 0;
	json_t *f;
	json_array_foreach(findings, i, f) {
		const char *id = json_string_value(json_object_get(f, "id"));
		if (!id) {
			without++;
			continue;
		}
		struct prior_entry *e = prior_add(p, id);
		const char *st = json_string_value(json_object_get(f, "status"));
		e->status = st ? status_parse(st) : -1;
	}
	json_decref(doc);
	if (without && !p->n)
		return errorf("--baseline: %s: its findings have no \"id\" (a report of sunset before 0.2); "
			      "make the baseline again with this version", path);
	return 0;
}
