/* asff: AWS Security Finding Format, a JSON array ready for securityhub
 * BatchImportFindings (send it in chunks of 100). One finding per scanned resource that
 * has an account and region, failing or passing, so that fixed resources resolve. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/finding.h"
#include "util/msg.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "report/report.h"

#define RUNTIMES_URL "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"

struct asff_ctx {
	struct report *r;
	FILE *out;
	char now[32];
	size_t n;
};

static const char *severity_label(enum status st)
{
	switch (status_severity(st)) {
	case SEV_HIGH: return "HIGH";
	case SEV_MODERATE: return "MEDIUM";
	case SEV_LOW: return "LOW";
	default: return "INFORMATIONAL";
	}
}

static const char *compliance(const struct report *r, const struct finding *f)
{
	if (f->status == ST_NOT_APPLICABLE)
		return "NOT_AVAILABLE";
	if (f->status == ST_SUPPORTED)
		return "PASSED";
	return (int)f->status >= r->fail_on ? "FAILED" : "WARNING";
}

/* truncated copies at most n-1 bytes of s (Security Hub's limits), not splitting a UTF-8
 * sequence. */
static json_t *truncated(const char *s, size_t n)
{
	return json_stringn(s, utf8_cut(s, strlen(s), n - 1));
}

static int asff_one(void *ctx, const struct finding *f)
{
	struct asff_ctx *ac = ctx;
	const char *acct = f->s[FS_ACCOUNT], *region = f->s[FS_REGION];
	const char *part = f->s[FS_PARTITION] ? f->s[FS_PARTITION] : "aws";
	struct strbuf title = STRBUF_INIT, desc = STRBUF_INIT;
	char d[11];

	if (!acct || !region || !f->s[FS_RESOURCE])
		return 0;
	if (f->s[FS_RUNTIME])
		sb_addf(&title, "Lambda function %s runs %s runtime %s", f->s[FS_FUNCTION],
			f->status == ST_SUPPORTED ? "supported" : status_name(f->status), f->s[FS_RUNTIME]);
	else
		sb_addf(&title, "Lambda function %s is a container image", f->s[FS_FUNCTION]);
	sb_addf(&desc,
		 "%s %s version %s runs %s. Deprecation %s. AWS stops patching a runtime when it is deprecated, "
		 "then blocks creating and updating functions on it (%s, %s).",
		 FINDING_CHECK, f->s[FS_FUNCTION], f->s[FS_VERSION] ? f->s[FS_VERSION] : "$LATEST",
		 f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "a container image",
		 f->deprecated == DATE_NONE ? "date not published" : date_format(f->deprecated, d), CHECK_CWE,
		 "risk " CHECK_RISK);

	json_t *archs = json_array();
	for (const char *p = f->s[FS_ARCHITECTURES]; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n)
			json_array_append_new(archs, json_stringn(p, n));
		p += n + (p[n] == ',');
	}
	/* Security Hub rejects nulls: absent values are left out. */
	json_t *details = json_pack("{s:s}", "FunctionName", f->s[FS_FUNCTION]);
	const struct {
		const char *key;
		int idx;
	} opt[] = {{"Runtime", FS_RUNTIME}, {"Version", FS_VERSION}, {"LastModified", FS_LAST_MODIFIED},
		   {"PackageType", FS_PACKAGE_TYPE}};
	for (size_t i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
		if (f->s[opt[i].idx])
			json_object_set_new(details, opt[i].key, json_string(f->s[opt[i].idx]));
	json_object_set_new(details, "Architectures", archs);
	json_t *resource = json_pack("{s:s, s:s, s:s, s:s, s:{s:o}}", "Type", "AwsLambdaFunction", "Id",
				     f->s[FS_RESOURCE], "Partition", part, "Region", region, "Details",
				     "AwsLambdaFunction", details);
	json_t *fields = json_pack("{s:s, s:s, s:s}", "sunset/status", status_name(f->status),
				   "sunset/recommended_runtime", f->s[FS_RECOMMENDED] ? f->s[FS_RECOMMENDED] : "",
				   "sunset/deprecation_date",
				   f->deprecated == DATE_NONE ? "" : date_format(f->deprecated, d));
	char *id = xasprintf("%s/%s", FINDING_CHECK, f->s[FS_RESOURCE]);
	char *product = xasprintf("arn:%s:securityhub:%s:%s:product/%s/default", part, region, acct, acct);
	json_t *o = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:[s], s:s, s:s, s:{s:s, s:s}, s:o, s:o, s:{s:{s:o, s:s}}, s:o, s:[o], "
		"s:{s:s, s:[s]}, s:{s:s}, s:s}",
		"SchemaVersion", "2018-10-08", "Id", id, "ProductArn", product, "GeneratorId", "sunset/" FINDING_CHECK,
		"AwsAccountId", acct, "Types", "Software and Configuration Checks/AWS Security Best Practices",
		"CreatedAt", ac->now, "UpdatedAt", ac->now, "Severity", "Label", severity_label(f->status),
		"Original", status_name(f->status), "Title", truncated(title.buf, 256), "Description",
		truncated(desc.buf, 1024), "Remediation", "Recommendation", "Text",
		truncated(f->s[FS_REMEDIATION] ? f->s[FS_REMEDIATION] : "", 512), "Url", RUNTIMES_URL,
		"ProductFields", fields, "Resources", resource, "Compliance", "Status", compliance(ac->r, f),
		"RelatedRequirements", CHECK_CWE, "Workflow", "Status", f->suppressed ? "SUPPRESSED" : "NEW",
		"RecordState", "ACTIVE");
	free(id);
	free(product);
	sb_release(&title);
	sb_release(&desc);
	if (!o)
		return errorf("asff: cannot encode the finding for %s", f->s[FS_RESOURCE]);
	fputs(ac->n++ ? ",\n  " : "\n  ", ac->out);
	int rc = json_dumpf(o, ac->out, JSON_PRESERVE_ORDER);
	json_decref(o);
	return rc < 0 ? errorf("asff: cannot write the finding for %s", f->s[FS_RESOURCE]) : 0;
}

int report_asff(FILE *out, struct report *r)
{
	struct asff_ctx ac = {r, out, "", 0};
	time_t now = (time_t)r->now;
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(ac.now, sizeof(ac.now), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
	fputc('[', out);
	if (fstore_each(r->scan->store, asff_one, &ac) < 0)
		return -1;
	fputs(ac.n ? "\n]\n" : "]\n", out);
	return 0;
}
