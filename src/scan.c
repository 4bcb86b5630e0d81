#include "scan.h"

#include <stdlib.h>
#include <string.h>

#include "owner.h"
#include "remediation.h"
#include "utf8.h"

bool status_is_finding(enum status st)
{
	return st != ST_SUPPORTED && st != ST_NOT_APPLICABLE;
}

bool scan_listed(const struct scan *s, const struct finding *f)
{
	return s->show_all || status_is_finding(f->status);
}

void scan_init(struct scan *s, const struct catalog *cat, date_t as_of, int warn_days, bool show_all)
{
	memset(s, 0, sizeof(*s));
	s->cat = cat;
	s->cl = classifier_new(cat, as_of, warn_days);
	s->store = fstore_new(0);
	s->as_of = as_of;
	s->warn_days = warn_days;
	s->show_all = show_all;
}

void scan_release(struct scan *s)
{
	classifier_free(s->cl);
	fstore_free(s->store);
	errlist_release(&s->errors);
	memset(s, 0, sizeof(*s));
}

int scan_add(struct scan *s, const struct resource *r)
{
	struct classification c;
	return scan_add_classified(s, r, &c);
}

/* valid_resource points *out at r's strings, each made valid UTF-8 (a copy in own[] when it
 * was not): the one place scanned text enters the model. The caller frees own[]. */
#define RES_STRINGS 22
static void valid_resource(const struct resource *r, struct resource *out, char *own[RES_STRINGS])
{
	*out = *r;
	const char **field[RES_STRINGS] = {
		&out->source,       &out->kind,          &out->resource,      &out->function, &out->version,
		&out->account,      &out->region,        &out->partition,     &out->file,     &out->runtime,
		&out->package_type, &out->last_modified, &out->architectures, &out->aliases,  &out->via,
		&out->reason,       &out->base,          &out->tags,          &out->owner,    &out->managed_by,
		&out->stack,        &out->latest_runtime,
	};
	for (int i = 0; i < RES_STRINGS; i++) {
		own[i] = NULL;
		if (*field[i] && !utf8_valid(*field[i], strlen(*field[i])))
			*field[i] = own[i] = utf8_dup(*field[i]);
	}
}

int scan_add_classified(struct scan *s, const struct resource *raw, struct classification *out)
{
	struct classification c;
	struct finding f;
	struct strbuf remediation = STRBUF_INIT, reason = STRBUF_INIT, owner = STRBUF_INIT, stack = STRBUF_INIT;
	struct resource valid, *r = &valid;
	char *own[RES_STRINGS];
	int rc = 0;
	valid_resource(raw, &valid, own);
	if (r->tags) { /* who owns it and what deploys it, from its tags (the source may know better) */
		const char *const *keys = s->owner_keys ? s->owner_keys : owner_default_keys;
		size_t nkeys = s->owner_keys ? s->nowner_keys : owner_default_keys_count;
		if (!r->owner && owner_from_tags(r->tags, keys, nkeys, &owner) == 0)
			r->owner = owner.buf;
		if (!r->managed_by) {
			r->managed_by = owner_managed_by(r->tags, &stack);
			r->stack = stack.len ? stack.buf : NULL;
		}
	}
	bool is_image = r->package_type && !strcmp(r->package_type, "Image");

	classify(s->cl, r->runtime, is_image, &c);
	s->resources++;
	s->by_status[c.status]++;

	memset(&f, 0, sizeof(f));
	f.status = c.status;
	f.s[FS_RUNTIME] = r->runtime;
	f.s[FS_SOURCE] = r->source;
	f.s[FS_KIND] = r->kind ? r->kind : "function";
	f.s[FS_RESOURCE] = r->resource;
	f.s[FS_FUNCTION] = r->function;
	f.s[FS_VERSION] = r->version;
	f.s[FS_ACCOUNT] = r->account;
	f.s[FS_REGION] = r->region;
	f.s[FS_PARTITION] = r->partition;
	f.s[FS_FILE] = r->file;
	f.s[FS_PACKAGE_TYPE] = r->package_type;
	f.s[FS_LAST_MODIFIED] = r->last_modified;
	f.s[FS_ARCHITECTURES] = r->architectures;
	f.s[FS_ALIASES] = r->aliases;
	f.s[FS_VIA] = r->via;
	f.s[FS_BASE] = r->base;
	f.s[FS_OWNER] = r->owner;
	f.s[FS_MANAGED_BY] = r->managed_by;
	f.s[FS_STACK] = r->stack;
	f.s[FS_TAGS] = r->tags;
	f.invocations = r->invocations;
	f.has_invocations = r->has_invocations;
	f.s[FS_RECOMMENDED] = c.recommended ? c.recommended->runtime : NULL;
	f.s[FS_REMEDIATION] = remediation_write(&remediation, r, &c, catalog_as_of(s->cat));
	f.s[FS_REASON] = *remediation_reason(&reason, r, &c, catalog_as_of(s->cat)) ? reason.buf : NULL;
	if (s->supp && status_is_finding(c.status)) {
		const struct suppression *e = suppressions_match(s->supp, r);
		if (e) {
			f.suppressed = true;
			f.s[FS_SUPPRESSION_REASON] = e->reason;
			s->suppressed_by_status[c.status]++;
			s->suppressed++;
		}
	}
	f.line = r->line;
	f.column = r->column;
	f.deprecated = c.entry ? c.entry->deprecated : DATE_NONE;
	f.block_create = c.entry ? c.entry->block_create : DATE_NONE;
	f.block_update = c.entry ? c.entry->block_update : DATE_NONE;
	f.has_days = c.has_days;
	f.days_until_deprecation = c.days_until_deprecation;
	*out = c;
	if (fstore_add(s->store, &f) < 0)
		rc = -1;
	else
		s->findings += status_is_finding(c.status);
	sb_release(&remediation);
	sb_release(&reason);
	sb_release(&owner);
	sb_release(&stack);
	for (int i = 0; i < RES_STRINGS; i++)
		free(own[i]);
	return rc;
}
