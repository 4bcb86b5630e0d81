#include "catalog/catalog.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xalloc.h"

#define CATALOG_MAX_BYTES (4 << 20)

struct catalog {
	date_t as_of;
	char *source;
	struct catalog_entry *v;
	size_t n;
	size_t *by_name; /* indexes into v sorted by runtime identifier */
};

/* Generated from data/lambda-runtimes.json at build time (tools/embed.c). */
extern const char catalog_builtin_json[];
extern const size_t catalog_builtin_json_len;

static const struct catalog *sort_ctx;

static int cmp_by_name(const void *a, const void *b)
{
	return strcmp(sort_ctx->v[*(const size_t *)a].runtime, sort_ctx->v[*(const size_t *)b].runtime);
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].runtime);
		free(c->v[i].family);
		free(c->v[i].os);
		free(c->v[i].notes);
	}
	free(c->v);
	free(c->by_name);
	free(c->source);
	free(c);
}

static const char *const entry_keys[] = {
	"runtime", "family", "os", "deprecation_date", "block_create_date",
	"block_update_date", "image_only", "notes",
};

static int check_keys(json_t *obj, const char *name, size_t idx)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val) {
		size_t k;
		for (k = 0; k < sizeof(entry_keys) / sizeof(entry_keys[0]); k++)
			if (!strcmp(key, entry_keys[k]))
				break;
		if (k == sizeof(entry_keys) / sizeof(entry_keys[0]))
			return errorf("%s: runtimes[%zu]: unknown key \"%s\"", name, idx, key);
	}
	return 0;
}

static int get_str(json_t *obj, const char *key, bool required, const char *name, size_t idx, char **out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return errorf("%s: runtimes[%zu]: missing \"%s\" (a string)", name, idx, key);
		*out = xstrdup("");
		return 0;
	}
	if (!json_is_string(v) || (required && !*json_string_value(v)))
		return errorf("%s: runtimes[%zu]: \"%s\" must be a non-empty string", name, idx, key);
	*out = xstrdup(json_string_value(v));
	return 0;
}

static int get_date(json_t *obj, const char *key, const char *name, size_t idx, date_t *out)
{
	json_t *v = json_object_get(obj, key);
	*out = DATE_NONE;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || date_parse(json_string_value(v), out) < 0)
		return errorf("%s: runtimes[%zu]: \"%s\" must be a date YYYY-MM-DD or null", name, idx, key);
	return 0;
}

static int load_entry(json_t *obj, const char *name, size_t idx, struct catalog_entry *e)
{
	if (!json_is_object(obj))
		return errorf("%s: runtimes[%zu]: expected an object", name, idx);
	if (check_keys(obj, name, idx) < 0 ||
	    get_str(obj, "runtime", true, name, idx, &e->runtime) < 0 ||
	    get_str(obj, "family", true, name, idx, &e->family) < 0 ||
	    get_str(obj, "os", false, name, idx, &e->os) < 0 ||
	    get_str(obj, "notes", false, name, idx, &e->notes) < 0 ||
	    get_date(obj, "deprecation_date", name, idx, &e->deprecated) < 0 ||
	    get_date(obj, "block_create_date", name, idx, &e->block_create) < 0 ||
	    get_date(obj, "block_update_date", name, idx, &e->block_update) < 0)
		return -1;
	json_t *io = json_object_get(obj, "image_only");
	if (io && !json_is_boolean(io))
		return errorf("%s: runtimes[%zu]: \"image_only\" must be true or false", name, idx);
	e->image_only = io && json_is_true(io);
	for (const char *p = e->runtime; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return errorf("%s: runtimes[%zu]: \"runtime\" must be a printable identifier without spaces", name, idx);
	return 0;
}

int catalog_load_buffer(const char *buf, size_t len, const char *name, struct catalog **out)
{
	json_error_t jerr;
	json_t *root = NULL, *rts;
	struct catalog *c = NULL;
	int rc = -1;

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		errorf("%s:%d:%d: %s", name, jerr.line, jerr.column, jerr.text);
		goto out;
	}
	if (!json_is_object(root)) {
		errorf("%s: expected a catalog object with \"catalog_as_of\" and \"runtimes\"", name);
		goto out;
	}
	c = xcalloc(1, sizeof(*c));
	json_t *asof = json_object_get(root, "catalog_as_of");
	if (!json_is_string(asof) || date_parse(json_string_value(asof), &c->as_of) < 0) {
		errorf("%s: \"catalog_as_of\" must be a date YYYY-MM-DD", name);
		goto out;
	}
	json_t *schema = json_object_get(root, "schema");
	if (schema && (!json_is_integer(schema) || json_integer_value(schema) != 1)) {
		errorf("%s: unsupported \"schema\" (this sunset reads schema 1)", name);
		goto out;
	}
	rts = json_object_get(root, "runtimes");
	if (!json_is_array(rts) || json_array_size(rts) == 0) {
		errorf("%s: \"runtimes\" must be a non-empty array", name);
		goto out;
	}
	c->n = json_array_size(rts);
	c->v = xcalloc(c->n, sizeof(*c->v));
	for (size_t i = 0; i < c->n; i++)
		if (load_entry(json_array_get(rts, i), name, i, &c->v[i]) < 0)
			goto out;
	c->by_name = xcalloc(c->n, sizeof(*c->by_name));
	for (size_t i = 0; i < c->n; i++)
		c->by_name[i] = i;
	sort_ctx = c;
	qsort(c->by_name, c->n, sizeof(*c->by_name), cmp_by_name);
	for (size_t i = 1; i < c->n; i++)
		if (!strcmp(c->v[c->by_name[i]].runtime, c->v[c->by_name[i - 1]].runtime)) {
			errorf("%s: runtime \"%s\" is listed twice", name, c->v[c->by_name[i]].runtime);
			goto out;
		}
	*out = c;
	c = NULL;
	rc = 0;
out:
	catalog_free(c);
	json_decref(root);
	return rc;
}

int catalog_load_file(const char *path, struct catalog **out)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	int rc = -1;

	if (!f)
		return errorf("%s: cannot open runtime catalog: %s", path, strerror(errno));
	buf = xmalloc(CATALOG_MAX_BYTES + 1);
	len = fread(buf, 1, CATALOG_MAX_BYTES + 1, f);
	if (ferror(f))
		errorf("%s: cannot read runtime catalog: %s", path, strerror(errno));
	else if (len > CATALOG_MAX_BYTES)
		errorf("%s: runtime catalog is larger than %d bytes", path, CATALOG_MAX_BYTES);
	else if (len == 0)
		errorf("%s: runtime catalog is empty", path);
	else if ((rc = catalog_load_buffer(buf, len, path, out)) == 0)
		catalog_set_source(*out, path);
	free(buf);
	fclose(f);
	return rc;
}

int catalog_load_builtin(struct catalog **out)
{
	if (catalog_load_buffer(catalog_builtin_json, catalog_builtin_json_len, "built-in catalog", out) < 0)
		return -1;
	catalog_set_source(*out, "builtin");
	return 0;
}

const char *catalog_source(const struct catalog *c) { return c->source ? c->source : "builtin"; }

void catalog_set_source(struct catalog *c, const char *label)
{
	free(c->source);
	c->source = xstrdup(label);
}

date_t catalog_as_of(const struct catalog *c) { return c->as_of; }
size_t catalog_count(const struct catalog *c) { return c->n; }
const struct catalog_entry *catalog_at(const struct catalog *c, size_t i) { return i < c->n ? &c->v[i] : NULL; }

const struct catalog_entry *catalog_find(const struct catalog *c, const char *runtime)
{
	size_t lo = 0, hi = c->n;
	if (!runtime)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(runtime, c->v[c->by_name[mid]].runtime);
		if (r == 0)
			return &c->v[c->by_name[mid]];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *catalog_family_of(const struct catalog *c, const char *runtime)
{
	const char *best = NULL;
	size_t best_len = 0;
	if (!runtime)
		return NULL;
	/* go1.x belongs to the OS-only family: Go now ships as a custom runtime binary. */
	if (!strncmp(runtime, "go", 2) && catalog_find(c, "provided"))
		best = catalog_find(c, "provided")->family, best_len = 2;
	for (size_t i = 0; i < c->n; i++) {
		size_t fl = strlen(c->v[i].family);
		if (fl > best_len && !strncmp(runtime, c->v[i].family, fl))
			best = c->v[i].family, best_len = fl;
	}
	return best;
}

/* version_cmp: > 0 when version text a is newer than b. Digit runs compare as numbers and
 * are newer than text at the same place; a version that continues past the other's end is
 * newer (".al2023" after nothing). */
static int version_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		bool da = isdigit((unsigned char)*a), db = isdigit((unsigned char)*b);
		if (da != db)
			return da ? 1 : -1;
		if (da) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la > lb ? 1 : -1;
			int r = strncmp(a, b, la);
			if (r)
				return r;
			a += la, b += lb;
		} else {
			size_t la = 0, lb = 0;
			while (a[la] && !isdigit((unsigned char)a[la]))
				la++;
			while (b[lb] && !isdigit((unsigned char)b[lb]))
				lb++;
			int r = strncmp(a, b, la < lb ? la : lb);
			if (r == 0 && la != lb)
				r = la < lb ? 1 : -1; /* "." + digits is newer than "core" or ".x-edge" */
			if (r)
				return r;
			a += la, b += lb;
		}
	}
	return (*a != '\0') - (*b != '\0');
}

int catalog_cmp_listing(const struct catalog_entry *a, const struct catalog_entry *b)
{
	int r = strcmp(a->family, b->family);
	if (r)
		return r;
	size_t fl = strlen(a->family);
	bool pa = !strncmp(a->runtime, a->family, fl), pb = !strncmp(b->runtime, b->family, fl);
	if (pa != pb)
		return pa ? -1 : 1;
	r = pa ? version_cmp(a->runtime + fl, b->runtime + fl) : version_cmp(a->runtime, b->runtime);
	return r ? -r : strcmp(a->runtime, b->runtime);
}
