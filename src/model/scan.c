#include "model/scan.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model/owner.h"
#include "model/remediation.h"
#include "util/utf8.h"

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
	budget_init(&s->budget, 0);
}

void scan_release(struct scan *s)
{
	classifier_free(s->cl);
	fstore_free(s->store);
	idset_release(&s->seen);
	errlist_release(&s->errors);
	coverage_release(&s->cov);
	memset(s, 0, sizeof(*s));
}

const char *scan_resource_id(const struct resource *r, struct strbuf *sb)
{
	const char *v = r->version && *r->version ? r->version : "$LATEST";
	sb->len = 0;
	sb_adds(sb, "");
	if (r->file)
		sb_addf(sb, "%s#%s", r->file, r->resource ? r->resource : r->function ? r->function : "");
	else if (r->account && r->region && r->function)
		sb_addf(sb, "%s:%s:%s:%s:%s", r->partition ? r->partition : "aws", r->account, r->region, r->function, v);
	else
		sb_adds(sb, r->resource ? r->resource : r->function ? r->function : "");
	return sb->buf;
}

/* mark_change sets the finding's change against s->prior (or the replayed one) and counts it. */
static void mark_change(struct scan *s, struct finding *f, char first_seen[11], char days_open[24])
{
	int ch = -1;
	if (s->replay) {
		ch = change_parse(s->replay->change);
		f->s[FS_FIRST_SEEN] = s->replay->first_seen;
		date_t d;
		if (s->replay->first_seen && date_parse(s->replay->first_seen, &d) == 0) {
			snprintf(days_open, 24, "%ld", (long)(s->as_of - d));
			f->s[FS_DAYS_OPEN] = days_open;
		}
	} else if (s->prior) {
		struct prior_entry *e = prior_find(s->prior, f->s[FS_ID]);
		if (e) {
			e->seen = true;
			e->still_finding |= status_is_finding(f->status);
		}
		if (!status_is_finding(f->status))
			return;
		if (s->prior->mode == PRIOR_BASELINE) {
			ch = e ? CH_KNOWN : CH_NEW;
		} else {
			ch = !e ? CH_NEW : e->status >= 0 && (int)f->status > e->status ? CH_WORSE : CH_UNCHANGED;
			date_t d = e && e->first_seen != DATE_NONE ? e->first_seen : s->as_of;
			f->s[FS_FIRST_SEEN] = date_format(d, first_seen);
			snprintf(days_open, 24, "%ld", (long)(s->as_of - d));
			f->s[FS_DAYS_OPEN] = days_open;
		}
	}
	if (ch < 0 || !status_is_finding(f->status))
		return;
	f->s[FS_CHANGE] = change_name((enum change)ch);
	s->changes[ch]++;
	if (ch == CH_NEW && !f->suppressed)
		s->new_by_status[f->status]++;
}

static bool same_or_any(const char *err, const char *v)
{
	return !err || (v && !strcmp(err, v));
}

void scan_changes_finish(struct scan *s)
{
	if (!s->prior || s->replay)
		return;
	for (size_t i = 0; i < s->prior->n; i++) {
		struct prior_entry *e = &s->prior->v[i];
		if (e->still_finding || (e->status >= 0 && !status_is_finding((enum status)e->status)))
			continue;
		e->gone = CH_FIXED;
		for (size_t k = 0; !e->seen && k < s->errors.n; k++) {
			const struct scan_error *er = &s->errors.v[k];
			bool cloud = (er->account || er->region) && same_or_any(er->account, e->account) &&
				     same_or_any(er->region, e->region);
			bool file = er->file && e->file && !strcmp(er->file, e->file);
			if (cloud || file) {
				e->gone = CH_NOT_SCANNED;
				break;
			}
		}
		s->changes[e->gone]++;
	}
}

int scan_add(struct scan *s, const struct resource *r)
{
	struct classification c;
	return scan_add_classified(s, r, &c);
}

/* valid_resource points *out at r's strings, each made valid UTF-8 (a copy in own[] when it
 * was not): the one place scanned text enters the model. The caller frees own[]. */
#define RES_STRINGS 23
static void valid_resource(const struct resource *r, struct resource *out, char *own[RES_STRINGS])
{
	*out = *r;
	const char **field[RES_STRINGS] = {
		&out->source,       &out->kind,          &out->resource,      &out->function, &out->version,
		&out->account,      &out->region,        &out->partition,     &out->file,     &out->runtime,
		&out->package_type, &out->last_modified, &out->architectures, &out->aliases,  &out->via,
		&out->reason,       &out->base,          &out->suppress,      &out->tags,          &out->owner,
		&out->managed_by,   &out->stack,         &out->latest_runtime,
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
	char first_seen[11], days_open[24];
	struct strbuf id = STRBUF_INIT;
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

	scan_resource_id(r, &id);
	/* the same function version from two inputs (or listed twice) is one resource: keyed by
	 * kind and stable id, so an unqualified ARN and ...:$LATEST are the same */
	if (r->resource && !strncmp(r->resource, "arn:", 4)) {
		const char *key[] = {r->kind ? r->kind : "function", id.buf};
		if (!idset_add(&s->seen, key, 2)) {
			s->duplicates++;
			classify(s->cl, r->runtime, is_image, out);
			goto done;
		}
	}
	classify(s->cl, r->runtime, is_image, &c);
	s->resources++;
	s->functions += !r->version || !strcmp(r->version, "$LATEST");
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
	f.s[FS_ACCOUNT_NAME] = coverage_account_name(&s->cov, r->account);
	f.s[FS_REGION] = r->region;
	f.s[FS_PARTITION] = r->partition;
	f.s[FS_FILE] = r->file;
	f.s[FS_PACKAGE_TYPE] = r->package_type;
	f.s[FS_LAST_MODIFIED] = r->last_modified;
	f.s[FS_ARCHITECTURES] = r->architectures;
	f.s[FS_ALIASES] = r->aliases;
	f.s[FS_VIA] = r->via;
	f.s[FS_BASE] = r->base;
	if (r->file != raw->file || r->base != raw->base) { /* repaired: keep the bytes for a URI */
		f.s[FS_RAW_FILE] = raw->file;
		f.s[FS_RAW_BASE] = raw->base;
	}
	f.s[FS_ID] = id.buf;
	f.s[FS_OWNER] = r->owner;
	f.s[FS_MANAGED_BY] = r->managed_by;
	f.s[FS_STACK] = r->stack;
	f.s[FS_TAGS] = r->tags;
	f.s[FS_LATEST_RUNTIME] = r->latest_runtime;
	f.invocations = r->invocations;
	f.has_invocations = r->has_invocations;
	f.s[FS_RECOMMENDED] = c.recommended ? c.recommended->runtime : NULL;
	f.s[FS_REMEDIATION] = remediation_write(&remediation, r, &c, catalog_as_of(s->cat));
	f.s[FS_REASON] = *remediation_reason(&reason, r, &c, catalog_as_of(s->cat)) ? reason.buf : NULL;
	if (status_is_finding(c.status)) {
		/* an inline sunset:ignore in the template first, then the ignore file */
		const struct suppression *e = r->suppress || !s->supp ? NULL : suppressions_match(s->supp, r);
		if (r->suppress || e) {
			f.suppressed = true;
			f.s[FS_SUPPRESSION_REASON] = r->suppress ? r->suppress : e->reason;
			s->suppressed_by_status[c.status]++;
			s->suppressed++;
		}
	}
	if (s->replay && s->replay->suppressed && status_is_finding(c.status) && !f.suppressed) {
		f.suppressed = true;
		f.s[FS_SUPPRESSION_REASON] = s->replay->suppression_reason;
		s->suppressed_by_status[c.status]++;
		s->suppressed++;
	}
	mark_change(s, &f, first_seen, days_open);
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
done:
	sb_release(&remediation);
	sb_release(&reason);
	sb_release(&id);
	sb_release(&owner);
	sb_release(&stack);
	for (int i = 0; i < RES_STRINGS; i++)
		free(own[i]);
	return rc;
}
