#include "source/function_item.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "source/jrecord.h"

/* The formats AWS uses (botocore's partitions.json): partition "aws" or "aws-" and lowercase
 * words ("aws-cn", "aws-us-gov", "aws-iso-b"); region two letters, words and a number
 * ("us-east-1", "us-gov-west-1", "eu-isoe-west-1"); account twelve digits. A value outside
 * them ends up in a copy-paste command and a Security Hub ARN: refused where it is read. */
static bool lower_words(const char *s, size_t n)
{
	/* one or more [a-z]+ separated by single '-' */
	if (!n || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] == '-' && s[i + 1] != '-')))
			return false;
	return true;
}

bool arn_partition_ok(const char *p)
{
	return !strcmp(p, "aws") || (!strncmp(p, "aws-", 4) && lower_words(p + 4, strlen(p + 4)));
}

bool arn_region_ok(const char *r)
{
	size_t n = strlen(r), digits = 0;
	while (digits < n && r[n - 1 - digits] >= '0' && r[n - 1 - digits] <= '9')
		digits++;
	if (digits < 1 || digits > 2 || n < digits + 5 || r[n - digits - 1] != '-')
		return false;
	return r[0] >= 'a' && r[0] <= 'z' && r[1] >= 'a' && r[1] <= 'z' && r[2] == '-' &&
	       lower_words(r + 3, n - digits - 4);
}

bool arn_account_ok(const char *a)
{
	return strlen(a) == 12 && strspn(a, "0123456789") == 12;
}

int arn_split(const char *arn, struct lambda_arn *out)
{
	char *part[8] = {0};
	int n = 0;
	size_t len = strlen(arn);

	out->bad = out->bad_value = NULL;
	if (len >= sizeof(out->buf))
		return -1;
	memcpy(out->buf, arn, len + 1);
	part[n++] = out->buf;
	for (char *p = out->buf; *p && n < 8; p++)
		if (*p == ':') {
			*p = '\0';
			part[n++] = p + 1;
		}
	if (n < 7 || strcmp(part[0], "arn") || strcmp(part[2], "lambda") || strcmp(part[5], "function") ||
	    !*part[6] || (n == 8 && (!*part[7] || strchr(part[7], ':'))))
		return -1;
	if (!arn_partition_ok(part[1]))
		out->bad = "partition";
	else if (!arn_region_ok(part[3]))
		out->bad = "region";
	else if (!arn_account_ok(part[4]))
		out->bad = "account";
	if (out->bad) {
		out->bad_value = out->bad[0] == 'p' ? part[1] : out->bad[0] == 'r' ? part[3] : part[4];
		return -1;
	}
	out->partition = part[1];
	out->region = part[3];
	out->account = part[4];
	out->name = part[6];
	out->qualifier = n == 8 ? part[7] : NULL;
	return 0;
}

const char *function_item_json_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

/* has_nul: a JSON string with \u0000 inside, which C strings would silently cut there. */
static bool has_nul(json_t *v)
{
	return json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v);
}

/* opt_string: *out = the string at key, NULL when absent or null; -1 when another type,
 * -2 when a string holding a NUL character. */
static int opt_string(json_t *obj, const char *key, const char **out, const char **got)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		*got = function_item_json_type(v);
		return -1;
	}
	if (has_nul(v))
		return -2;
	*out = json_string_value(v);
	return 0;
}

/* join_architectures writes "x86_64,arm64" into buf; -1 when not an array of strings. */
static int join_architectures(json_t *arr, char *buf, size_t n)
{
	size_t i, used = 0;
	json_t *v;
	buf[0] = '\0';
	if (!json_is_array(arr))
		return -1;
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || has_nul(v))
			return -1;
		int w = snprintf(buf + used, n - used, "%s%s", i ? "," : "", json_string_value(v));
		if (w < 0 || (size_t)w >= n - used)
			return -1;
		used += (size_t)w;
	}
	return 0;
}

/* The members read, in the order of function_item_build's `val`. */
static const char *const str_keys[FI_NKEYS] = {"FunctionArn", "FunctionName", "Runtime", "PackageType",
					       "Version", "LastModified"};

/* build fills *it from the member strings (NULL when absent) and the joined architectures
 * (NULL when absent): the checks and messages shared by the jansson and the text paths. */
static int build(struct function_item *it, const char *source, const char *const val[FI_NKEYS],
		 bool has_archs, char *err, size_t errn)
{
	if (!val[0]) {
		snprintf(err, errn, "missing \"FunctionArn\" (needed for account and region)");
		return -1;
	}
	if (arn_split(val[0], &it->arn) < 0) {
		if (it->arn.bad)
			snprintf(err, errn, "\"FunctionArn\" has an invalid %s \"%.100s\" (%s)", it->arn.bad,
				 it->arn.bad_value,
				 it->arn.bad[0] == 'p'   ? "expected aws or aws-WORDS, e.g. aws-cn"
				 : it->arn.bad[0] == 'r' ? "expected a region name like us-east-1"
							 : "expected 12 digits");
		else
			snprintf(err, errn,
				 "\"FunctionArn\" is not arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]: "
				 "\"%.200s\"",
				 val[0]);
		return -1;
	}
	struct resource *r = &it->r;
	r->source = source;
	r->kind = "function";
	r->resource = val[0];
	r->function = val[1] ? val[1] : it->arn.name;
	r->version = it->arn.qualifier ? it->arn.qualifier : val[4] ? val[4] : "$LATEST";
	r->account = it->arn.account;
	r->region = it->arn.region;
	r->partition = it->arn.partition;
	r->runtime = val[2];
	r->package_type = val[3];
	r->last_modified = val[5];
	r->architectures = has_archs ? it->arch : NULL;
	return 0;
}

/* fill_region: an ARN without a region ("arn:aws:lambda::ACCOUNT:...", as some caches
 * hold) gets `region` (the key it was listed under), in a copy in it->arn_full. */
static void fill_region(struct function_item *it, const char **arn, const char *region)
{
	const char *p = *arn;
	if (!region || !p)
		return;
	for (int colons = 0; colons < 3; p++) {
		if (!*p)
			return;
		colons += *p == ':';
	}
	if (*p != ':' || (size_t)snprintf(it->arn_full, sizeof(it->arn_full), "%.*s%s%s", (int)(p - *arn), *arn,
					  region, p) >= sizeof(it->arn_full))
		return;
	*arn = it->arn_full;
}

int function_item_read(json_t *fn, const char *source, struct function_item *it, char *err, size_t errn)
{
	return function_item_read_in(fn, source, NULL, it, err, errn);
}

int function_item_read_in(json_t *fn, const char *source, const char *region, struct function_item *it, char *err,
			  size_t errn)
{
	const char *val[FI_NKEYS], *got = NULL;

	memset(it, 0, sizeof(*it));
	if (!json_is_object(fn)) {
		snprintf(err, errn, "expected a function object, got %s", function_item_json_type(fn));
		return -1;
	}
	for (int k = 0; k < FI_NKEYS; k++) {
		int rc = opt_string(fn, str_keys[k], &val[k], &got);
		if (rc == -2) {
			snprintf(err, errn, "\"%s\" holds a NUL character (\\u0000): \"%.100s\" would be cut there",
				 str_keys[k], json_string_value(json_object_get(fn, str_keys[k])));
			return -1;
		}
		if (rc < 0) {
			snprintf(err, errn, "\"%s\" must be a string, got %s", str_keys[k], got);
			return -1;
		}
	}
	fill_region(it, &val[0], region);
	json_t *archs = json_object_get(fn, "Architectures");
	if (val[0] && arn_split(val[0], &it->arn) == 0 && archs && !json_is_null(archs) &&
	    join_architectures(archs, it->arch, sizeof(it->arch)) < 0) {
		snprintf(err, errn, "\"Architectures\" must be an array of strings (without NUL characters)");
		return -1;
	}
	return build(it, source, val, archs && !json_is_null(archs), err, errn);
}

struct arch_join {
	char *buf;
	size_t n, used, count;
};

static int arch_add(const char *s, size_t n, void *ctx)
{
	struct arch_join *a = ctx;
	size_t need = n + (a->count ? 1 : 0);
	if (memchr(s, '\0', n) || a->used + need >= a->n)
		return -1;
	if (a->count)
		a->buf[a->used++] = ',';
	memcpy(a->buf + a->used, s, n);
	a->used += n;
	a->buf[a->used] = '\0';
	a->count++;
	return 0;
}

int function_item_text(const char *p, size_t len, const char *source, struct function_item *it,
		       struct strbuf *scratch, char *err, size_t errn)
{
	return function_item_text_in(p, len, source, NULL, it, scratch, err, errn);
}

int function_item_text_in(const char *p, size_t len, const char *source, const char *region,
			  struct function_item *it, struct strbuf *scratch, char *err, size_t errn)
{
	struct jrecord_field f[FI_NKEYS + 1];
	const char *val[FI_NKEYS];
	size_t off[FI_NKEYS];

	for (int k = 0; k < FI_NKEYS; k++)
		f[k].key = str_keys[k];
	f[FI_NKEYS].key = "Architectures";
	if (jrecord_scan(p, len, f, FI_NKEYS + 1) < 0)
		return FI_USE_JSON;
	scratch->len = 0;
	for (int k = 0; k < FI_NKEYS; k++) {
		off[k] = scratch->len;
		if (f[k].kind == '"')
			sb_add(scratch, f[k].p, f[k].len);
		else if (f[k].kind && f[k].kind != 'n')
			return FI_USE_JSON; /* not a string: jansson's path words the error */
		sb_addc(scratch, '\0');
	}
	for (int k = 0; k < FI_NKEYS; k++)
		val[k] = f[k].kind == '"' ? scratch->buf + off[k] : NULL;
	memset(it, 0, sizeof(*it));
	fill_region(it, &val[0], region);
	char ak = f[FI_NKEYS].kind;
	if (ak && ak != 'n') {
		struct arch_join a = {it->arch, sizeof(it->arch), 0, 0};
		if (ak != '[' || jrecord_strings(f[FI_NKEYS].p, f[FI_NKEYS].len, arch_add, &a) < 0)
			return FI_USE_JSON;
	}
	return build(it, source, val, ak && ak != 'n', err, errn);
}
