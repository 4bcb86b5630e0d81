/* upgrade_plan: read the function, its alias and who calls it, then run the preflight
 * table: one row per check, each returning pass / warn / refuse with its reason. */
#include "upgrade/upgrade.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "util/msg.h"
#include "util/xalloc.h"

const char *const upgrade_iam_actions[] = {
	"lambda:GetFunction", "lambda:GetAlias", "lambda:GetLayerVersion", "lambda:ListEventSourceMappings",
	"lambda:GetFunctionUrlConfig", "lambda:GetPolicy", "lambda:GetProvisionedConcurrencyConfig",
	"lambda:UpdateFunctionConfiguration", "lambda:GetFunctionConfiguration", "lambda:PublishVersion",
	"lambda:InvokeFunction", "lambda:UpdateAlias", "lambda:PutProvisionedConcurrencyConfig",
	"lambda:DeleteProvisionedConcurrencyConfig", "cloudwatch:GetMetricData", NULL,
};

const char *upgrade_verdict_name(enum upgrade_verdict v)
{
	return v == UV_PASS ? "pass" : v == UV_WARN ? "warn" : "refuse";
}

struct pf {
	struct upgrade_aws *a;
	struct upgrade_plan *p;
	const struct catalog *cat;
	const struct classifier *cl;
};

static const char *cfg(const struct upgrade_plan *p, const char *key)
{
	return json_string_value(json_object_get(p->config, key));
}

static enum upgrade_verdict check_package(struct pf *f, struct strbuf *why)
{
	const char *pt = cfg(f->p, "PackageType");
	if (pt && strcmp(pt, "Zip")) {
		sb_addf(why, "a %s function: its runtime comes with the image; rebuild the image on a newer base", pt);
		return UV_REFUSE;
	}
	sb_adds(why, "a Zip function");
	return UV_PASS;
}

static enum upgrade_verdict check_target(struct pf *f, struct strbuf *why)
{
	struct upgrade_plan *p = f->p;
	const struct catalog_entry *cur = p->runtime ? catalog_find(f->cat, p->runtime) : NULL;
	const struct catalog_entry *to = p->target ? catalog_find(f->cat, p->target) : NULL;
	if (!p->runtime) {
		sb_adds(why, "the function has no runtime");
		return UV_REFUSE;
	}
	if (!p->target) {
		sb_addf(why, "no runtime to move %s to: name one with --to", p->runtime);
		return UV_REFUSE;
	}
	if (!to || to->image_only) {
		sb_addf(why, "%s is not a Lambda runtime in the catalog", p->target);
		return UV_REFUSE;
	}
	if (!strcmp(p->runtime, p->target)) {
		sb_addf(why, "the function is already on %s", p->target);
		return UV_REFUSE;
	}
	const char *fam = cur ? cur->family : catalog_family_of(f->cat, p->runtime);
	if (!strcmp(p->runtime, "go1.x") || !fam || strcmp(fam, to->family)) {
		sb_addf(why, "%s to %s is a move to another family and needs new code, not a runtime change%s", p->runtime,
			p->target,
			!strcmp(p->runtime, "go1.x") ?
				": rebuild the Go binary as bootstrap (lambda.norpc build tag) and deploy it on provided.al2023" :
				"");
		return UV_REFUSE;
	}
	if (cur && runtime_version_cmp(p->target, p->runtime) < 0) {
		sb_addf(why, "%s is older than %s", p->target, p->runtime);
		return UV_REFUSE;
	}
	if (classify_entry_status(to, f->p->o->as_of, 0) >= ST_DEPRECATED) {
		sb_addf(why, "%s is itself %s", p->target, status_name(classify_entry_status(to, f->p->o->as_of, 0)));
		return UV_REFUSE;
	}
	if (cur && classify_entry_status(cur, f->p->o->as_of, 0) == ST_UPDATE_BLOCKED) {
		sb_addf(why, "updates of functions on %s are blocked: the function must be recreated", p->runtime);
		return UV_REFUSE;
	}
	sb_addf(why, "%s to %s stays in the %s family", p->runtime, p->target, to->family);
	if (!strncmp(p->runtime, "provided", 8)) {
		sb_adds(why, "; rebuild the bootstrap against the new OS's libraries first");
		return UV_WARN;
	}
	return UV_PASS;
}

/* Tags that say a template owns the function. */
static const char *iac_owner(json_t *tags, const char **value)
{
	static const char *const keys[] = {"aws:cloudformation:stack-name", "aws:cloudformation:stack-id",
					   "lambda:createdBy", "managed-by", "managedby", "managed_by", "terraform",
					   "serverless:stage", NULL};
	for (size_t i = 0; keys[i]; i++) {
		const char *k;
		json_t *v;
		json_object_foreach(tags, k, v) {
			if (!strcasecmp(k, keys[i])) {
				*value = json_string_value(v) ? json_string_value(v) : "";
				return k;
			}
		}
	}
	return NULL;
}

static enum upgrade_verdict check_iac(struct pf *f, struct strbuf *why)
{
	const char *val = NULL, *key = iac_owner(f->p->tags, &val);
	if (!key) {
		sb_adds(why, "no tag says a template manages it");
		return UV_PASS;
	}
	if (!strncmp(key, "aws:cloudformation:", 19))
		sb_addf(why, "managed by CloudFormation stack %s (tag %s): change the Runtime in its template "
			     "(sunset scan --fix TEMPLATE-FOLDER) and deploy it, or the next deploy undoes this", val, key);
	else
		sb_addf(why, "managed by infrastructure as code (tag %s=%s): change the runtime in the template "
			     "(sunset scan --fix), or the next deploy undoes this", key, val);
	if (f->p->o->force) {
		sb_adds(why, "; --force given");
		return UV_WARN;
	}
	sb_adds(why, "; --force overrides");
	return UV_REFUSE;
}

/* layer ARN arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION -> path of GetLayerVersion */
static char *layer_path(const char *arn)
{
	const char *l = strstr(arn, ":layer:");
	if (!l)
		return NULL;
	const char *name = l + 7, *colon = strrchr(name, ':');
	if (!colon || colon == name || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return NULL;
	for (const char *c = name; c < colon; c++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", *c))
			return NULL;
	return xasprintf("/2018-10-31/layers/%.*s/versions/%s", (int)(colon - name), name, colon + 1);
}

static enum upgrade_verdict check_layers(struct pf *f, struct strbuf *why)
{
	json_t *layers = json_object_get(f->p->config, "Layers"), *l;
	size_t i;
	enum upgrade_verdict v = UV_PASS;
	if (!json_array_size(layers)) {
		sb_adds(why, "no layers");
		return UV_PASS;
	}
	json_array_foreach(layers, i, l) {
		const char *arn = json_string_value(json_object_get(l, "Arn"));
		char *path = arn ? layer_path(arn) : NULL;
		struct upgrade_resp r;
		sb_adds(why, i ? "; " : "");
		if (!path) {
			sb_addf(why, "layer %s: not a layer version ARN", arn ? arn : "?");
			v = UV_REFUSE;
			continue;
		}
		if (upgrade_lambda(f->a, UPGRADE_READ, "GET", path, NULL, NULL, &r) < 0) {
			sb_addf(why, "layer %s could not be read (%s)", arn, r.err);
			if (v == UV_PASS)
				v = UV_WARN;
		} else {
			json_t *cr = json_object_get(r.doc, "CompatibleRuntimes"), *x;
			size_t j;
			bool ok = false;
			json_array_foreach(cr, j, x) ok |= json_string_value(x) && !strcmp(json_string_value(x), f->p->target);
			if (!json_array_size(cr)) {
				sb_addf(why, "layer %s lists no compatible runtimes: test it on %s", arn, f->p->target);
				if (v == UV_PASS)
					v = UV_WARN;
			} else if (!ok) {
				sb_addf(why, "layer %s is not compatible with %s: publish a layer version built for it", arn,
					f->p->target);
				v = UV_REFUSE;
			} else {
				sb_addf(why, "layer %s allows %s", arn, f->p->target);
			}
		}
		upgrade_resp_release(&r);
		free(path);
	}
	return v;
}

static enum upgrade_verdict check_alias(struct pf *f, struct strbuf *why)
{
	json_t *al = f->p->alias;
	const char *ver = json_string_value(json_object_get(al, "FunctionVersion"));
	json_t *w = json_object_get(json_object_get(al, "RoutingConfig"), "AdditionalVersionWeights");
	if (!ver) {
		sb_addf(why, "alias %s has no version", f->p->o->alias);
		return UV_REFUSE;
	}
	if (!strcmp(ver, "$LATEST")) {
		sb_addf(why, "alias %s points to $LATEST, not a published version: publish one and point the alias to it first",
			f->p->o->alias);
		return UV_REFUSE;
	}
	if (json_object_size(w)) {
		sb_addf(why, "alias %s has routing in progress (version %s plus weighted versions): finish or undo that "
			     "rollout first", f->p->o->alias, ver);
		return UV_REFUSE;
	}
	sb_addf(why, "alias %s points to version %s, no routing", f->p->o->alias, ver);
	return UV_PASS;
}

/* Who runs $LATEST: event source mappings, a function URL, permissions on the unqualified ARN. */
static enum upgrade_verdict check_latest(struct pf *f, struct strbuf *why)
{
	const char *fn = f->p->o->function, *arn = cfg(f->p, "FunctionArn");
	struct strbuf callers = {0};
	struct upgrade_resp r;
	char path[512], query[300];
	int n = 0;
	bool unknown = false;

	snprintf(query, sizeof(query), "FunctionName=%s", fn);
	if (upgrade_lambda(f->a, UPGRADE_READ, "GET", "/2015-03-31/event-source-mappings", query, NULL, &r) == 0) {
		json_t *m;
		size_t i;
		json_array_foreach(json_object_get(r.doc, "EventSourceMappings"), i, m) {
			const char *farn = json_string_value(json_object_get(m, "FunctionArn"));
			if (farn && arn && !strcmp(farn, arn)) {
				const char *src = json_string_value(json_object_get(m, "EventSourceArn"));
				sb_addf(&callers, "%sevent source mapping %s", n++ ? ", " : "", src ? src : "?");
			}
		}
	} else {
		unknown = true;
	}
	upgrade_resp_release(&r);
	snprintf(path, sizeof(path), "/2021-10-31/functions/%s/url", fn);
	if (upgrade_lambda(f->a, UPGRADE_READ, "GET", path, NULL, NULL, &r) == 0)
		sb_addf(&callers, "%sfunction URL %s", n++ ? ", " : "",
			json_string_value(json_object_get(r.doc, "FunctionUrl")) ?
				json_string_value(json_object_get(r.doc, "FunctionUrl")) : "");
	else if (r.status != 404)
		unknown = true;
	upgrade_resp_release(&r);
	snprintf(path, sizeof(path), "/2015-03-31/functions/%s/policy", fn);
	if (upgrade_lambda(f->a, UPGRADE_READ, "GET", path, NULL, NULL, &r) == 0) {
		json_t *pol = json_loads(json_string_value(json_object_get(r.doc, "Policy")) ?
					 json_string_value(json_object_get(r.doc, "Policy")) : "{}", 0, NULL);
		json_t *st;
		size_t i;
		json_array_foreach(json_object_get(pol, "Statement"), i, st) {
			const char *res = json_string_value(json_object_get(st, "Resource"));
			if (res && arn && !strcmp(res, arn)) {
				const char *sid = json_string_value(json_object_get(st, "Sid"));
				json_t *pr = json_object_get(st, "Principal");
				const char *who = json_string_value(json_object_get(pr, "Service"));
				if (!who)
					who = json_string_value(json_object_get(pr, "AWS"));
				if (!who)
					who = json_string_value(pr);
				sb_addf(&callers, "%spermission %s for %s", n++ ? ", " : "", sid ? sid : "?", who ? who : "?");
			}
		}
		json_decref(pol);
	} else if (r.status != 404) {
		unknown = true;
	}
	upgrade_resp_release(&r);

	enum upgrade_verdict v = UV_PASS;
	if (n) {
		sb_addf(why, "$LATEST is called by %s: changing $LATEST changes what they run at once", callers.buf);
		if (f->p->o->allow_latest) {
			sb_adds(why, "; --allow-latest given");
			v = UV_WARN;
		} else {
			sb_adds(why, "; point them to the alias, or --allow-latest");
			v = UV_REFUSE;
		}
	} else {
		sb_adds(why, "nothing calls $LATEST (no event source mapping, function URL or permission on it)");
	}
	if (unknown) {
		sb_adds(why, "; some callers could not be read");
		if (v == UV_PASS)
			v = UV_WARN;
	}
	sb_release(&callers);
	return v;
}

static enum upgrade_verdict check_concurrency(struct pf *f, struct strbuf *why)
{
	char path[512], query[200];
	struct upgrade_resp r;
	snprintf(path, sizeof(path), "/2019-09-30/functions/%s/provisioned-concurrency", f->p->o->function);
	snprintf(query, sizeof(query), "Qualifier=%s", f->p->o->alias);
	enum upgrade_verdict v = UV_PASS;
	if (upgrade_lambda(f->a, UPGRADE_READ, "GET", path, query, NULL, &r) == 0) {
		json_int_t n = json_integer_value(json_object_get(r.doc, "RequestedProvisionedConcurrentExecutions"));
		f->p->pc = n;
		sb_addf(why, "alias %s has %lld provisioned concurrency: the same is allocated on the new version, "
			     "and traffic moves only once it is READY", f->p->o->alias, (long long)n);
	} else if (r.status == 404) {
		sb_addf(why, "no provisioned concurrency on alias %s", f->p->o->alias);
	} else {
		sb_addf(why, "provisioned concurrency could not be read (%s)", r.err);
		v = UV_WARN;
	}
	upgrade_resp_release(&r);
	return v;
}

static enum upgrade_verdict check_update(struct pf *f, struct strbuf *why)
{
	const char *lus = cfg(f->p, "LastUpdateStatus"), *state = cfg(f->p, "State");
	if (lus && !strcmp(lus, "InProgress")) {
		sb_adds(why, "an update of the function is in progress (LastUpdateStatus InProgress): wait for it");
		return UV_REFUSE;
	}
	if (state && strcmp(state, "Active") && strcmp(state, "Inactive")) {
		sb_addf(why, "the function's State is %s", state);
		return UV_REFUSE;
	}
	if (!cfg(f->p, "RevisionId")) {
		sb_adds(why, "the endpoint gives no RevisionId: changes cannot be guarded against concurrent edits");
		return UV_WARN;
	}
	sb_addf(why, "LastUpdateStatus %s; each change is guarded by RevisionId %s", lus ? lus : "Successful",
		cfg(f->p, "RevisionId"));
	return UV_PASS;
}

static enum upgrade_verdict check_permissions(struct pf *f, struct strbuf *why)
{
	(void)f;
	sb_adds(why, "Lambda has no dry run of a write; --apply needs");
	for (size_t i = 0; upgrade_iam_actions[i]; i++)
		sb_addf(why, "%s %s", i ? "," : "", upgrade_iam_actions[i]);
	return UV_PASS;
}

static const struct {
	const char *name;
	enum upgrade_verdict (*run)(struct pf *f, struct strbuf *why);
} preflight[] = {
	{"package", check_package},       {"runtime", check_target}, {"iac", check_iac},
	{"layers", check_layers},         {"alias", check_alias},    {"latest-callers", check_latest},
	{"provisioned-concurrency", check_concurrency}, {"update", check_update}, {"permissions", check_permissions},
};

int upgrade_plan_make(struct upgrade_aws *a, const struct upgrade_opts *o, const struct classifier *cl,
		      const struct catalog *cat, struct upgrade_plan *p)
{
	char path[512];
	struct upgrade_resp r;
	memset(p, 0, sizeof(*p));
	p->o = o;
	snprintf(path, sizeof(path), "/2015-03-31/functions/%s", o->function);
	if (upgrade_lambda(a, UPGRADE_READ, "GET", path, NULL, NULL, &r) < 0 ||
	    !json_is_object(json_object_get(r.doc, "Configuration"))) {
		errorf("%s in %s: GetFunction failed: %s", o->function, a->region, r.err[0] ? r.err : "no configuration");
		upgrade_resp_release(&r);
		return -1;
	}
	p->config = json_incref(json_object_get(r.doc, "Configuration"));
	p->tags = json_incref(json_object_get(r.doc, "Tags"));
	if (!p->tags)
		p->tags = json_object();
	upgrade_resp_release(&r);
	snprintf(path, sizeof(path), "/2015-03-31/functions/%s/aliases/%s", o->function, o->alias);
	if (upgrade_lambda(a, UPGRADE_READ, "GET", path, NULL, NULL, &r) < 0) {
		errorf("%s in %s: alias %s: %s", o->function, a->region, o->alias,
		       r.status == 404 ? "no such alias (create one on the current version first)" : r.err);
		upgrade_resp_release(&r);
		upgrade_plan_release(p);
		return -1;
	}
	p->alias = json_incref(r.doc);
	upgrade_resp_release(&r);

	p->runtime = cfg(p, "Runtime");
	p->target = o->to;
	if (!p->target && p->runtime) {
		const struct catalog_entry *e = catalog_find(cat, p->runtime);
		const struct catalog_entry *rec = e ? classify_entry_recommend(cl, e) : NULL;
		p->target = rec ? rec->runtime : NULL;
	}
	struct pf f = {.a = a, .p = p, .cat = cat, .cl = cl};
	for (size_t i = 0; i < sizeof(preflight) / sizeof(preflight[0]); i++) {
		struct strbuf why = {0};
		struct upgrade_check *c = &p->checks[p->nchecks++];
		c->name = preflight[i].name;
		c->verdict = preflight[i].run(&f, &why);
		c->reason = sb_detach(&why);
		p->refusals += c->verdict == UV_REFUSE;
		p->warnings += c->verdict == UV_WARN;
	}
	return 0;
}

void upgrade_plan_release(struct upgrade_plan *p)
{
	json_decref(p->config);
	json_decref(p->tags);
	json_decref(p->alias);
	for (size_t i = 0; i < p->nchecks; i++)
		free(p->checks[i].reason);
	memset(p, 0, sizeof(*p));
}
