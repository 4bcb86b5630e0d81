/* upgrade_journal: the JSON file holding every original value an upgrade needs to go back,
 * and how far it got. Rewritten atomically (temporary file + rename) after every step. */
#include "upgrade/upgrade_int.h"

#include <string.h>

#include "util/msg.h"
#include "util/outfile.h"

const char *uj_str(const struct upgrade_run *r, const char *key)
{
	return json_string_value(json_object_get(r->j, key));
}

void uj_set_str(struct upgrade_run *r, const char *key, const char *val)
{
	json_object_set_new(r->j, key, val ? json_string(val) : json_null());
}

int upgrade_journal_save(struct upgrade_run *r)
{
	struct outfile of;
	if (outfile_open(&of, r->path) < 0)
		return -1;
	if (json_dumpf(r->j, of.fp, JSON_INDENT(2) | JSON_SORT_KEYS) < 0 || fputc('\n', of.fp) == EOF) {
		outfile_abort(&of);
		return errorf("%s: the journal could not be written", r->path);
	}
	if (outfile_commit(&of) < 0)
		return errorf("%s: the journal could not be written", r->path);
	return 0;
}

json_t *upgrade_journal_load(const char *path)
{
	json_error_t e;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		errorf("%s:%d:%d: not a journal: %s", path, e.line, e.column, e.text);
		return NULL;
	}
	static const char *const need[] = {"function", "region", "alias", "from_runtime", "to_runtime", "old_version",
					   "code_sha256", "phase", NULL};
	if (json_integer_value(json_object_get(j, "sunset_upgrade_journal")) != 1) {
		errorf("%s: not a sunset upgrade journal (no \"sunset_upgrade_journal\": 1)", path);
		json_decref(j);
		return NULL;
	}
	for (size_t i = 0; need[i]; i++)
		if (!json_is_string(json_object_get(j, need[i]))) {
			errorf("%s: the journal has no \"%s\" string", path, need[i]);
			json_decref(j);
			return NULL;
		}
	return j;
}
