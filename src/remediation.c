#include "remediation.h"

#include <stdio.h>
#include <string.h>

static bool is_latest(const char *v)
{
	return !v || !strcmp(v, "$LATEST");
}

/* Extra words needed when the target needs more than a runtime switch. */
static const char *migration_note(const char *from, const char *to)
{
	if (!strcmp(from, "go1.x"))
		return ", rebuilding the Go binary as bootstrap with the lambda.norpc build tag";
	if (!strncmp(to, "provided", 8) && strcmp(from, to) && !strncmp(from, "provided", 8))
		return ", rebuilding the bootstrap against the Amazon Linux 2023 libraries";
	return "";
}

char *remediation_reason(char *buf, size_t n, const struct resource *r, const struct classification *c,
			 date_t catalog_as_of)
{
	char d[11];
	buf[0] = '\0';
	if (c->status != ST_UNKNOWN)
		return buf;
	if ((!r->runtime || !*r->runtime) && r->reason)
		snprintf(buf, n, "%s", r->reason);
	else if (!r->runtime || !*r->runtime)
		snprintf(buf, n, "no runtime is set and the package type is not Image");
	else if (c->newer_than_data)
		snprintf(buf, n,
			 "runtime \"%s\" looks newer than the lifecycle catalog dated %s (its newest %s runtime "
			 "is %s); run 'sunset runtimes --update' for current data",
			 r->runtime, date_format(catalog_as_of, d), c->family, c->family_newest->runtime);
	else
		snprintf(buf, n, "runtime \"%s\" is not in the lifecycle catalog dated %s", r->runtime,
			 date_format(catalog_as_of, d));
	return buf;
}

/* shell_word writes s so that a shell reads it back as one word: as it is when it only holds
 * safe characters (every real function name does), else single-quoted. */
static const char *shell_word(const char *s, char *buf, size_t n)
{
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/") == strlen(s) && *s)
		return s;
	size_t o = 0;
	if (n < 3)
		return "''";
	buf[o++] = '\'';
	for (; *s && o + 6 < n; s++) {
		if (*s == '\'') {
			memcpy(buf + o, "'\\''", 4);
			o += 4;
		} else {
			buf[o++] = *s;
		}
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

static void function_change(char *buf, size_t n, const struct resource *r, const char *to, const char *note,
			    bool blocked)
{
	const char *name = r->function ? r->function : r->resource;
	char qbuf[300];
	const char *qname = shell_word(name, qbuf, sizeof(qbuf));
	char region[96] = "";
	if (r->region)
		snprintf(region, sizeof(region), " --region %s", r->region);
	char where[700] = "";
	if (r->file)
		snprintf(where, sizeof(where), "%.400s line %ld%s%.250s", r->file, r->line, r->via ? ", set by " : "",
			 r->via ? r->via : "");
	if (r->file && r->kind && !strcmp(r->kind, "layer")) {
		snprintf(buf, n,
			 "Rebuild layer %s for %s and replace %s with %s in its compatible runtimes (%s), then publish "
			 "the new layer version and point the functions at it.",
			 r->resource ? r->resource : name, to, r->runtime, to, where);
	} else if (r->file) {
		snprintf(buf, n,
			 "Change the runtime of %s from %s to %s%s (%s), test it on the new runtime, then deploy it as a "
			 "new version behind a weighted alias.",
			 r->resource ? r->resource : name, r->runtime, to, note, where);
	} else if (is_latest(r->version)) {
		snprintf(buf, n,
			 "Move %s from %s to %s (aws lambda update-function-configuration --function-name %s "
			 "--runtime %s%s)%s, test it, then publish a version%s.",
			 name, r->runtime, to, qname, to, region, note,
			 blocked ? "; if Lambda refuses the update, deploy a new function on the new runtime "
				   "and move traffic to it"
				 : "");
	} else {
		snprintf(buf, n,
			 "Version %s of %s is immutable: move $LATEST from %s to %s (aws lambda "
			 "update-function-configuration --function-name %s --runtime %s%s)%s, test it, publish a new "
			 "version, shift the aliases that point at version %s to it, then delete version %s.",
			 r->version, name, r->runtime, to, qname, to, region, note, r->version, r->version);
	}
}

char *remediation_write(char *buf, size_t n, const struct resource *r, const struct classification *c,
			date_t catalog_as_of)
{
	char d[11];
	const char *to = c->recommended ? c->recommended->runtime : NULL;
	const char *name = r->function ? r->function : r->resource;

	buf[0] = '\0';
	switch (c->status) {
	case ST_NOT_APPLICABLE:
		snprintf(buf, n, "Container-image function: keep its base image up to date; no runtime to change.");
		break;
	case ST_SUPPORTED:
		if (to && r->runtime && strcmp(to, r->runtime))
			snprintf(buf, n, "Supported; %s is the newest %s runtime when you next upgrade.", to,
				 c->family);
		else
			snprintf(buf, n, "Supported; no change needed.");
		break;
	case ST_UNKNOWN:
		if ((!r->runtime || !*r->runtime) && r->file && r->reason)
			snprintf(buf, n, "Check the runtime of %s in %s line %ld: sunset could not resolve it.",
				 r->resource ? r->resource : name, r->file, r->line);
		else if (!r->runtime || !*r->runtime)
			snprintf(buf, n, "Check the configuration of %s: it has no runtime and is not a container image.",
				 name);
		else if (c->newer_than_data)
			snprintf(buf, n,
				 "Run 'sunset runtimes --update' and scan again: \"%s\" of %s looks newer than the "
				 "catalog dated %s, whose newest %s runtime is %s.",
				 r->runtime, name, date_format(catalog_as_of, d), c->family, c->family_newest->runtime);
		else if (to)
			snprintf(buf, n,
				 "Check the runtime identifier \"%s\" of %s: it is not in the catalog dated %s; if it "
				 "is a typo set it to %s, if it is newer than the catalog run 'sunset runtimes --update'.",
				 r->runtime, name, date_format(catalog_as_of, d), to);
		else
			snprintf(buf, n,
				 "Check the runtime identifier \"%s\" of %s: it is not in the catalog dated %s; fix it "
				 "or run 'sunset runtimes --update' for current data.",
				 r->runtime, name, date_format(catalog_as_of, d));
		break;
	case ST_UPCOMING:
	case ST_DEPRECATED:
	case ST_CREATE_BLOCKED:
	case ST_UPDATE_BLOCKED:
		if (!to) {
			snprintf(buf, n,
				 "No supported %s runtime is known on this date: move %s to a container image or to "
				 "the OS-only runtime provided.al2023, or pass fresher data with --runtimes.",
				 c->family ? c->family : "managed", name);
			break;
		}
		function_change(buf, n, r, to, migration_note(r->runtime, to), c->status == ST_UPDATE_BLOCKED);
		break;
	case ST_COUNT:
		break;
	}
	return buf;
}
