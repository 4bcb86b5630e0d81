#include "scan.h"

#include <string.h>

#include "remediation.h"

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
	memset(s, 0, sizeof(*s));
}

int scan_add(struct scan *s, const struct resource *r)
{
	struct classification c;
	return scan_add_classified(s, r, &c);
}

int scan_add_classified(struct scan *s, const struct resource *r, struct classification *out)
{
	struct classification c;
	struct finding f;
	char remediation[1024], reason[512];
	bool is_image = r->package_type && !strcmp(r->package_type, "Image");

	if (r->resource && !strncmp(r->resource, "arn:", 4)) {
		const char *id[] = {r->kind ? r->kind : "function", r->resource, r->version};
		if (!idset_add(&s->seen, id, 3)) {
			s->duplicates++;
			classify(s->cl, r->runtime, is_image, out);
			return 0;
		}
	}
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
	f.s[FS_RECOMMENDED] = c.recommended ? c.recommended->runtime : NULL;
	f.s[FS_REMEDIATION] = remediation_write(remediation, sizeof(remediation), r, &c, catalog_as_of(s->cat));
	remediation_reason(reason, sizeof(reason), r, &c, catalog_as_of(s->cat));
	f.s[FS_REASON] = reason[0] ? reason : NULL;
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
		return -1;
	s->findings += status_is_finding(c.status);
	return 0;
}
