#include "model/owner.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

const char *const owner_default_keys[] = {"owner", "team", "aws:cloudformation:stack-name"};
const size_t owner_default_keys_count = sizeof(owner_default_keys) / sizeof(owner_default_keys[0]);

int owner_from_tags(const char *tags, const char *const *keys, size_t nkeys, struct strbuf *out)
{
	json_t *t = tags ? json_loads(tags, 0, NULL) : NULL;
	int rc = -1;
	out->len = 0;
	sb_adds(out, "");
	for (size_t i = 0; i < nkeys && rc < 0; i++) {
		const char *v = json_string_value(json_object_get(t, keys[i]));
		if (v && *v) {
			sb_adds(out, v);
			rc = 0;
		}
	}
	json_decref(t);
	return rc;
}

/* The conventional tags that say Terraform deploys a resource: the key, and a value that
 * must contain the word (NULL: a true-ish value). */
static const struct {
	const char *key, *value;
} terraform_tags[] = {
	{"terraform", NULL}, {"managed-by", "terraform"}, {"ManagedBy", "terraform"}, {"managed_by", "terraform"},
};

static bool contains_ci(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (!strncasecmp(s, word, n))
			return true;
	return false;
}

const char *owner_managed_by(const char *tags, struct strbuf *stack)
{
	json_t *t = tags ? json_loads(tags, 0, NULL) : NULL;
	const char *what = "unknown";
	stack->len = 0;
	sb_adds(stack, "");
	const char *st = json_string_value(json_object_get(t, "aws:cloudformation:stack-name"));
	if (st && *st) {
		const char *by = json_string_value(json_object_get(t, "lambda:createdBy"));
		sb_adds(stack, st);
		what = by && !strcasecmp(by, "SAM") ? "sam" : "cloudformation";
	} else {
		for (size_t i = 0; i < sizeof(terraform_tags) / sizeof(terraform_tags[0]); i++) {
			const char *v = json_string_value(json_object_get(t, terraform_tags[i].key));
			if (!v)
				continue;
			if (terraform_tags[i].value ? contains_ci(v, terraform_tags[i].value)
						    : (!strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1"))) {
				what = "terraform";
				break;
			}
		}
	}
	json_decref(t);
	return what;
}
