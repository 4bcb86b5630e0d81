#include "model/finding.h"

#include <stdlib.h>
#include <string.h>

static void set_str(struct field_value *v, const char *s)
{
	v->type = FT_STR;
	v->str = s;
	v->null = !s;
}

static void set_date(struct field_value *v, date_t d)
{
	v->type = FT_DATE;
	v->null = d == DATE_NONE;
	if (!v->null)
		date_format(d, v->date);
}

static void set_int(struct field_value *v, long n, bool present)
{
	v->type = FT_INT;
	v->num = n;
	v->null = !present;
}

#define STR_FIELD(fn, idx) \
	static void fn(const struct finding *f, struct field_value *v) { set_str(v, f->s[idx]); }

static void g_check(const struct finding *f, struct field_value *v) { (void)f; set_str(v, FINDING_CHECK); }
static void g_status(const struct finding *f, struct field_value *v) { set_str(v, status_name(f->status)); }
static void g_severity(const struct finding *f, struct field_value *v)
{
	set_str(v, severity_name(status_severity(f->status)));
}
STR_FIELD(g_runtime, FS_RUNTIME)
STR_FIELD(g_source, FS_SOURCE)
STR_FIELD(g_kind, FS_KIND)
STR_FIELD(g_resource, FS_RESOURCE)
STR_FIELD(g_function, FS_FUNCTION)
STR_FIELD(g_version, FS_VERSION)
STR_FIELD(g_account, FS_ACCOUNT)
STR_FIELD(g_account_name, FS_ACCOUNT_NAME)
STR_FIELD(g_region, FS_REGION)
STR_FIELD(g_partition, FS_PARTITION)
STR_FIELD(g_file, FS_FILE)
STR_FIELD(g_package_type, FS_PACKAGE_TYPE)
STR_FIELD(g_last_modified, FS_LAST_MODIFIED)
STR_FIELD(g_recommended, FS_RECOMMENDED)
STR_FIELD(g_remediation, FS_REMEDIATION)
STR_FIELD(g_reason, FS_REASON)
STR_FIELD(g_supp_reason, FS_SUPPRESSION_REASON)
static void g_suppressed(const struct finding *f, struct field_value *v)
{
	v->type = FT_BOOL;
	v->null = false;
	v->num = f->suppressed;
}
static void g_line(const struct finding *f, struct field_value *v) { set_int(v, f->line, f->line > 0); }
static void g_column(const struct finding *f, struct field_value *v) { set_int(v, f->column, f->column > 0); }
static void g_dep(const struct finding *f, struct field_value *v) { set_date(v, f->deprecated); }
static void g_bc(const struct finding *f, struct field_value *v) { set_date(v, f->block_create); }
static void g_bu(const struct finding *f, struct field_value *v) { set_date(v, f->block_update); }
static void g_days(const struct finding *f, struct field_value *v)
{
	set_int(v, f->days_until_deprecation, f->has_days);
}
static void g_aliases(const struct finding *f, struct field_value *v)
{
	set_str(v, f->s[FS_ALIASES]);
	v->type = FT_ALIASES;
}
STR_FIELD(g_id, FS_ID)
STR_FIELD(g_change, FS_CHANGE)
STR_FIELD(g_first_seen, FS_FIRST_SEEN)
static void g_days_open(const struct finding *f, struct field_value *v)
{
	set_int(v, f->s[FS_DAYS_OPEN] ? strtol(f->s[FS_DAYS_OPEN], NULL, 10) : 0, f->s[FS_DAYS_OPEN] != NULL);
}
static void g_via(const struct finding *f, struct field_value *v) { set_str(v, f->s[FS_VIA]); }
static void g_arch(const struct finding *f, struct field_value *v)
{
	set_str(v, f->s[FS_ARCHITECTURES]);
	v->type = FT_LIST;
}

STR_FIELD(g_owner, FS_OWNER)
STR_FIELD(g_managed_by, FS_MANAGED_BY)
STR_FIELD(g_stack, FS_STACK)
static void g_tags(const struct finding *f, struct field_value *v)
{
	set_str(v, f->s[FS_TAGS]);
	v->type = FT_OBJECT;
}
static void g_invocations(const struct finding *f, struct field_value *v)
{
	set_int(v, f->invocations, f->has_invocations);
}
static void g_unused(const struct finding *f, struct field_value *v)
{
	v->type = FT_BOOL;
	v->null = !f->has_invocations;
	v->num = f->has_invocations && f->invocations == 0;
}

const struct field_def finding_fields[] = {
	{"check", g_check},
	{"status", g_status},
	{"severity", g_severity},
	{"runtime", g_runtime},
	{"source", g_source},
	{"kind", g_kind},
	{"resource", g_resource},
	{"function", g_function},
	{"version", g_version},
	{"account", g_account},
	{"account_name", g_account_name},
	{"region", g_region},
	{"partition", g_partition},
	{"file", g_file},
	{"line", g_line},
	{"column", g_column},
	{"via", g_via},
	{"deprecation_date", g_dep},
	{"block_create_date", g_bc},
	{"block_update_date", g_bu},
	{"days_until_deprecation", g_days},
	{"recommended_runtime", g_recommended},
	{"remediation", g_remediation},
	{"reason", g_reason},
	{"package_type", g_package_type},
	{"last_modified", g_last_modified},
	{"architectures", g_arch},
	{"aliases", g_aliases},
	{"suppressed", g_suppressed},
	{"suppression_reason", g_supp_reason},
	{"id", g_id},
	{"change", g_change},
	{"first_seen", g_first_seen},
	{"days_open", g_days_open},
	{"owner", g_owner},
	{"managed_by", g_managed_by},
	{"stack", g_stack},
	{"tags", g_tags, .not_csv = true},
	{"invocations_30d", g_invocations},
	{"unused", g_unused},
};

const unsigned finding_fields_count = sizeof(finding_fields) / sizeof(finding_fields[0]);
