/* sarif: SARIF 2.1.0 for code-scanning tools. One rule (A-LAM-3, CWE-1357) with full help;
 * one result per listed finding: a physical location for template findings, a logical
 * location (the ARN) for live and inventory ones; a partial fingerprint that does not
 * depend on line numbers, so a result keeps its identity when lines move. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "model/finding.h"
#include "util/msg.h"
#include "report/escape.h"
#include "report/report.h"

#define RUNTIMES_URL "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"

static const char *level_of(enum status st)
{
	switch (status_severity(st)) {
	case SEV_HIGH: return "error";
	case SEV_MODERATE: return "warning";
	default: return "note";
	}
}

static json_t *rule(void)
{
	const char *help =
		"AWS stops patching a Lambda runtime on its deprecation date, then blocks creating and later "
		"updating functions that use it. Functions and published versions on such a runtime run with "
		"known, unfixed vulnerabilities in the OS and language runtime (CWE-1357, Reliance on "
		"Insufficiently Trustworthy Component). Move each one to the recommended runtime of its family: "
		"test the new runtime separately, publish a version, shift a weighted alias to it gradually, "
		"and roll back by moving the alias.";
	return json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:s, s:{s:s}, s:{s:[s,s,s], s:s, s:s}}",
			 "id", FINDING_CHECK, "name", "LambdaDeprecatedRuntime", "shortDescription", "text",
			 CHECK_TITLE, "fullDescription", "text", help, "help", "text", help, "markdown",
			 "**" CHECK_TITLE "** (" CHECK_CWE ", risk " CHECK_RISK ")\n\nAWS stops patching a runtime when "
			 "it is deprecated, then blocks creating and updating functions on it. Move to the recommended "
			 "runtime, test separately, publish a version and shift a weighted alias; roll back by moving "
			 "the alias. See [Lambda runtimes](" RUNTIMES_URL ").",
			 "helpUri", RUNTIMES_URL, "defaultConfiguration", "level", "warning", "properties", "tags",
			 "security", "reliability", "external/cwe/cwe-1357", "security-severity", "5.5", "precision",
			 "very-high");
}

struct sarif_ctx {
	struct report *r;
	json_t *results;
};

/* repo_uri appends the file's path from where sunset ran (the scanned folder joined with
 * the file), without "./", percent-encoded (RFC 3986: all but unreserved characters and
 * '/'): what code scanning resolves against the repository root. A name that is not valid
 * UTF-8 (Latin-1) is encoded from its bytes as scanned, not from the repaired text, so the
 * URI still names the file on disk. */
static const char *repo_uri(const struct finding *f, struct strbuf *uri)
{
	bool raw = f->s[FS_RAW_FILE] != NULL;
	const char *base = raw ? f->s[FS_RAW_BASE] : f->s[FS_BASE], *file = raw ? f->s[FS_RAW_FILE] : f->s[FS_FILE];
	struct strbuf path = STRBUF_INIT;
	sb_adds(uri, "");
	while (base && base[0] == '.' && base[1] == '/')
		base += 2;
	if (base && *base && strcmp(base, "."))
		sb_addf(&path, "%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/");
	sb_adds(&path, file);
	escape_uri_path(uri, !strncmp(path.buf, "./", 2) ? path.buf + 2 : path.buf);
	sb_release(&path);
	return uri->buf;
}

static int result(void *vctx, const struct finding *f)
{
	struct sarif_ctx *sc = vctx;
	char fp[65];
	struct strbuf key = STRBUF_INIT, msg = STRBUF_INIT, uri = STRBUF_INIT;
	if (!scan_listed(sc->r->scan, f) || !status_is_finding(f->status))
		return 0;
	/* identity: check, file, resource, kind, runtime and the path the value took (a
	 * parameter's default and its allowed value are two results); never the line */
	sb_addf(&key, "%s|%s|%s|%s|%s|%s", FINDING_CHECK, f->s[FS_FILE] ? f->s[FS_FILE] : "",
		f->s[FS_RESOURCE] ? f->s[FS_RESOURCE] : "", f->s[FS_KIND] ? f->s[FS_KIND] : "",
		f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "", f->s[FS_VIA] ? f->s[FS_VIA] : "");
	hash_sha256_hex(key.buf, key.len, fp);
	sb_release(&key);
	sb_addf(&msg, "%s runs %s (%s). %s", f->s[FS_FUNCTION] ? f->s[FS_FUNCTION] : f->s[FS_RESOURCE],
		f->s[FS_RUNTIME] ? f->s[FS_RUNTIME] : "no runtime", status_name(f->status),
		f->s[FS_REMEDIATION] ? f->s[FS_REMEDIATION] : "");
	json_t *loc = json_object();
	if (f->s[FS_FILE]) {
		json_t *region = json_object();
		if (f->line > 0)
			json_object_set_new(region, "startLine", json_integer(f->line));
		if (f->column > 0)
			json_object_set_new(region, "startColumn", json_integer(f->column));
		json_object_set_new(loc, "physicalLocation",
				    json_pack("{s:{s:s, s:s}, s:o}", "artifactLocation", "uri", repo_uri(f, &uri), "uriBaseId",
					      "%SRCROOT%", "region", region));
	}
	if (f->s[FS_RESOURCE])
		json_object_set_new(loc, "logicalLocations",
				    json_pack("[{s:s, s:s}]", "fullyQualifiedName", f->s[FS_RESOURCE], "kind", "resource"));
	char d[11];
	json_t *props = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "status", status_name(f->status), "severity",
				  severity_name(status_severity(f->status)), "runtime",
				  f->s[FS_RUNTIME] ? json_string(f->s[FS_RUNTIME]) : json_null(), "recommended_runtime",
				  f->s[FS_RECOMMENDED] ? json_string(f->s[FS_RECOMMENDED]) : json_null(), "deprecation_date",
				  f->deprecated == DATE_NONE ? json_null() : json_string(date_format(f->deprecated, d)),
				  "account", f->s[FS_ACCOUNT] ? json_string(f->s[FS_ACCOUNT]) : json_null());
	json_t *res = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[o], s:{s:s}, s:o}", "ruleId", FINDING_CHECK, "ruleIndex", 0,
				"level", level_of(f->status), "message", "text", msg.buf, "locations", loc,
				"partialFingerprints", "sunsetFinding/v1", fp, "properties", props);
	sb_release(&msg);
	sb_release(&uri);
	if (!res)
		return errorf("sarif: cannot encode the result for %s",
			      f->s[FS_RESOURCE] ? f->s[FS_RESOURCE] : "a resource");
	if (f->suppressed)
		json_object_set_new(res, "suppressions",
				    json_pack("[{s:s, s:s}]", "kind", "external", "justification",
					      f->s[FS_SUPPRESSION_REASON] ? f->s[FS_SUPPRESSION_REASON] : ""));
	json_array_append_new(sc->results, res);
	return 0;
}

int report_sarif(FILE *out, struct report *r)
{
	struct sarif_ctx sc = {r, json_array()};
	int rc = -1;
	if (fstore_each(r->scan->store, result, &sc) < 0)
		goto out;
	json_t *doc = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:[o]}}, s:o}]}", "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs", "tool",
				"driver", "name", "sunset", "version", r->tool_version, "informationUri", RUNTIMES_URL,
				"rules", rule(), "results", sc.results);
	sc.results = NULL;
	rc = !doc || json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0
		     ? errorf("sarif: cannot encode the report")
		     : 0;
	fputc('\n', out);
	json_decref(doc);
out:
	json_decref(sc.results);
	return rc;
}
