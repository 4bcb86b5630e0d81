#include "model/remediation.h"

#include <stdio.h>
#include <string.h>

#include "util/quote.h"

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

const char *remediation_reason(struct strbuf *sb, const struct resource *r, const struct classification *c,
			       date_t catalog_as_of)
{
	char d[11];
	sb->len = 0;
	sb_adds(sb, "");
	if (c->status != ST_UNKNOWN)
		return sb->buf;
	if ((!r->runtime || !*r->runtime) && r->reason)
		sb_adds(sb, r->reason);
	else if (!r->runtime || !*r->runtime)
		sb_adds(sb, "no runtime is set and the package type is not Image");
	else if (c->newer_than_data)
		sb_addf(sb,
			"runtime \"%s\" looks newer than the lifecycle catalog dated %s (its newest %s runtime "
			"is %s); run 'sunset runtimes --update' for current data",
			r->runtime, date_format(catalog_as_of, d), c->family, c->family_newest->runtime);
	else if (c->near)
		sb_addf(sb, "runtime \"%s\" is not in the lifecycle catalog dated %s; did you mean %s?", r->runtime,
			date_format(catalog_as_of, d), c->near->runtime);
	else
		sb_addf(sb, "runtime \"%s\" is not in the lifecycle catalog dated %s", r->runtime,
			date_format(catalog_as_of, d));
	return sb->buf;
}

/* command appends the copy-paste command that moves the function to `to`: every argument
 * shell-quoted, whatever the inventory or template put in the name or the region. */
static void command(struct strbuf *sb, const struct resource *r, const char *name, const char *to)
{
	sb_adds(sb, "aws lambda update-function-configuration --function-name ");
	quote_shell(sb, name);
	sb_adds(sb, " --runtime ");
	quote_shell(sb, to);
	if (r->region) {
		sb_adds(sb, " --region ");
		quote_shell(sb, r->region);
	}
}

/* delete_command appends the command that deletes the function, or one published version. */
static void delete_command(struct strbuf *sb, const struct resource *r, const char *name)
{
	sb_adds(sb, "aws lambda delete-function --function-name ");
	quote_shell(sb, name);
	if (!is_latest(r->version)) {
		sb_adds(sb, " --qualifier ");
		quote_shell(sb, r->version);
	}
	if (r->region) {
		sb_adds(sb, " --region ");
		quote_shell(sb, r->region);
	}
}

/* routed appends " (live=0.9,canary=0.1)" when aliases route to the version. */
static void routed(struct strbuf *sb, const struct resource *r)
{
	if (r->aliases && *r->aliases)
		sb_addf(sb, " (%s)", r->aliases);
}

static bool iac_managed(const struct resource *r)
{
	return r->managed_by && (!strcmp(r->managed_by, "cloudformation") || !strcmp(r->managed_by, "sam") ||
				 !strcmp(r->managed_by, "terraform"));
}

/* live_change writes the advice for a function found live, in the finding's order: where
 * the change belongs (the template of a stack, or the function), testing before
 * production, then what remains for the published versions. Each sentence starts with a
 * common word, so the caller may lower its first letter. */
static void live_change(struct strbuf *sb, const struct resource *r, const char *to, const char *note, bool blocked)
{
	const char *name = r->function ? r->function : r->resource;
	bool latest = is_latest(r->version);
	if (!latest && r->latest_runtime) {
		sb_addf(sb, "Version %s of %s is on %s but $LATEST is already on %s: ", r->version, name, r->runtime,
			r->latest_runtime);
		if (r->aliases && *r->aliases) {
			sb_adds(sb, "publish a version from $LATEST if none is, point the aliases that route to this version");
			routed(sb, r);
			sb_addf(sb, " at it, then delete version %s.", r->version);
		} else {
			sb_addf(sb, "no alias routes to version %s; delete it (", r->version);
			delete_command(sb, r, name);
			sb_adds(sb, ") once no caller invokes it by its number.");
		}
		return;
	}
	if (iac_managed(r)) {
		bool tf = !strcmp(r->managed_by, "terraform");
		sb_addf(sb, "Change the runtime of %s from %s to %s%s ", name, r->runtime, to, note);
		if (tf)
			sb_adds(sb, "in its Terraform configuration (its tags say Terraform manages it), not on the "
				    "function (the next apply would revert it): apply the change to a separate workspace "
				    "and test it there first, then apply it here");
		else
			sb_addf(sb, "in the %stemplate of CloudFormation stack %s, not on the function (the stack's next "
				    "deploy would revert it): deploy the change to a separate stage and test it there "
				    "first, then deploy stack %s",
				!strcmp(r->managed_by, "sam") ? "SAM " : "", r->stack ? r->stack : "(unnamed)",
				r->stack ? r->stack : "(unnamed)");
		if (!latest) {
			sb_addf(sb, "; once the aliases that route to version %s", r->version);
			routed(sb, r);
			sb_addf(sb, " point at the version it publishes, delete version %s", r->version);
		}
		sb_adds(sb, ".");
		return;
	}
	if (!latest)
		sb_addf(sb, "Version %s of %s is immutable: test ", r->version, name);
	else
		sb_adds(sb, "Test ");
	sb_addf(sb, "%s on %s first%s, on a copy of the function or in a separate stage; then move $LATEST from %s to "
		    "%s (", name, to, note, r->runtime, to);
	command(sb, r, name, to);
	if (latest) {
		sb_adds(sb, "), publish a version and move the alias to it");
	} else {
		sb_adds(sb, "), publish a version, move the aliases that point at version ");
		sb_adds(sb, r->version);
		routed(sb, r);
		sb_addf(sb, " to it, then delete version %s", r->version);
	}
	if (blocked)
		sb_addf(sb, "; if Lambda refuses the update, deploy a new function on %s and move traffic to it", to);
	sb_adds(sb, ".");
}

static void function_change(struct strbuf *sb, const struct resource *r, const char *to, const char *note,
			    bool blocked)
{
	const char *name = r->function ? r->function : r->resource;
	const char *subject = r->resource ? r->resource : name;
	struct strbuf where = STRBUF_INIT;
	if (r->file)
		sb_addf(&where, "%s line %ld%s%s", r->file, r->line, r->via ? ", set by " : "", r->via ? r->via : "");
	if (r->file && r->kind && !strcmp(r->kind, "layer")) {
		sb_addf(sb,
			"Rebuild layer %s for %s and replace %s with %s in its compatible runtimes (%s), then publish "
			"the new layer version and point the functions at it.",
			subject, to, r->runtime, to, where.buf);
	} else if (r->file) {
		sb_addf(sb,
			"Change the runtime of %s from %s to %s%s (%s), test it on the new runtime, then deploy it as a "
			"new version behind a weighted alias.",
			subject, r->runtime, to, note, where.buf);
	} else if (r->has_invocations && r->invocations == 0) {
		/* unused: deleting it is the simplest fix; the rest of the advice is for keeping it */
		struct strbuf rest = STRBUF_INIT;
		bool latest = is_latest(r->version);
		sb_addf(sb, "No invocations in the last 30 days: the simplest fix is to ");
		if (iac_managed(r) && !strcmp(r->managed_by, "terraform"))
			sb_addf(sb, "remove %s from its Terraform configuration", name);
		else if (iac_managed(r) && latest)
			sb_addf(sb, "remove %s from the template of stack %s", name, r->stack ? r->stack : "(unnamed)");
		else {
			if (latest)
				sb_addf(sb, "delete %s (", name);
			else
				sb_addf(sb, "delete version %s of %s (", r->version, name);
			delete_command(sb, r, name);
			sb_adds(sb, ")");
		}
		sb_adds(sb, "; to keep it, ");
		live_change(&rest, r, to, note, blocked);
		if (rest.len)
			rest.buf[0] = (char)(rest.buf[0] >= 'A' && rest.buf[0] <= 'Z' ? rest.buf[0] - 'A' + 'a' : rest.buf[0]);
		sb_adds(sb, rest.buf);
		sb_release(&rest);
	} else {
		live_change(sb, r, to, note, blocked);
	}
	sb_release(&where);
}

const char *remediation_write(struct strbuf *sb, const struct resource *r, const struct classification *c,
			      date_t catalog_as_of)
{
	char d[11];
	const char *to = c->recommended ? c->recommended->runtime : NULL;
	const char *name = r->function ? r->function : r->resource;

	sb->len = 0;
	sb_adds(sb, "");
	switch (c->status) {
	case ST_NOT_APPLICABLE:
		sb_addf(sb, "Container-image function: keep its base image up to date; no runtime to change.");
		break;
	case ST_SUPPORTED:
		if (to && r->runtime && strcmp(to, r->runtime))
			sb_addf(sb, "Supported; %s is the newest %s runtime when you next upgrade.", to,
				 c->family);
		else
			sb_addf(sb, "Supported; no change needed.");
		break;
	case ST_UNKNOWN:
		if ((!r->runtime || !*r->runtime) && r->file && r->reason)
			sb_addf(sb, "Check the runtime of %s in %s line %ld: sunset could not resolve it.",
				 r->resource ? r->resource : name, r->file, r->line);
		else if (!r->runtime || !*r->runtime)
			sb_addf(sb, "Check the configuration of %s: it has no runtime and is not a container image.",
				 name);
		else if (c->newer_than_data)
			sb_addf(sb,
				 "Run 'sunset runtimes --update' and scan again: \"%s\" of %s looks newer than the "
				 "catalog dated %s, whose newest %s runtime is %s.",
				 r->runtime, name, date_format(catalog_as_of, d), c->family, c->family_newest->runtime);
		else if (to)
			sb_addf(sb,
				 "Check the runtime identifier \"%s\" of %s: it is not in the catalog dated %s; if it "
				 "is a typo set it to %s, if it is newer than the catalog run 'sunset runtimes --update'.",
				 r->runtime, name, date_format(catalog_as_of, d), to);
		else
			sb_addf(sb,
				 "Check the runtime identifier \"%s\" of %s: it is not in the catalog dated %s; fix it "
				 "or run 'sunset runtimes --update' for current data.",
				 r->runtime, name, date_format(catalog_as_of, d));
		break;
	case ST_UPCOMING:
	case ST_DEPRECATED:
	case ST_CREATE_BLOCKED:
	case ST_UPDATE_BLOCKED:
		if (!to) {
			sb_addf(sb,
				 "No supported %s runtime is known on this date: move %s to a container image or to "
				 "the OS-only runtime provided.al2023, or pass fresher data with --runtimes.",
				 c->family ? c->family : "managed", name);
			break;
		}
		function_change(sb, r, to, migration_note(r->runtime, to), c->status == ST_UPDATE_BLOCKED);
		break;
	case ST_COUNT:
		break;
	}
	return sb->buf;
}
