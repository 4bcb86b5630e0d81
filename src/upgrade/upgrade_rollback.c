/* upgrade_rollback: put back what the journal says was changed: the alias to the old
 * version with routing cleared, then $LATEST to the old runtime when nobody changed it
 * since this upgrade did. What cannot be put back is printed with the command that
 * finishes it by hand. */
#include "upgrade/upgrade_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/msg.h"
#include "util/xalloc.h"

static void left_add(json_t *left, struct strbuf *sb)
{
	json_array_append_new(left, json_string(sb->buf));
	sb_release(sb);
}

static void rollback_alias(struct upgrade_run *r, json_t *left)
{
	const char *fn = uj_str(r, "function"), *al = uj_str(r, "alias"), *ov = uj_str(r, "old_version");
	const char *nv = uj_str(r, "new_version");
	char *path = xasprintf("/2015-03-31/functions/%s/aliases/%s", fn, al);
	struct upgrade_resp resp;
	struct strbuf sb = {0};
	if (upgrade_lambda(r->a, UPGRADE_READ, "GET", path, NULL, NULL, &resp) < 0) {
		sb_addf(&sb, "alias %s could not be read (%s): aws lambda update-alias --function-name %s --name %s "
			     "--function-version %s --routing-config AdditionalVersionWeights={}",
			al, resp.err, fn, al, ov);
		left_add(left, &sb);
		goto out;
	}
	const char *cur = json_string_value(json_object_get(resp.doc, "FunctionVersion"));
	json_t *w = json_object_get(json_object_get(resp.doc, "RoutingConfig"), "AdditionalVersionWeights");
	bool clean = cur && !strcmp(cur, ov) && !json_object_size(w);
	bool ours = cur && (!strcmp(cur, ov) || (nv && !strcmp(cur, nv)));
	const char *k;
	json_t *x;
	json_object_foreach(w, k, x) ours = ours && nv && !strcmp(k, nv);
	if (clean)
		goto out;
	if (!ours) {
		sb_addf(&sb, "alias %s points to version %s, set by someone else since: check it, then aws lambda "
			     "update-alias --function-name %s --name %s --function-version %s",
			al, cur ? cur : "?", fn, al, ov);
		left_add(left, &sb);
		goto out;
	}
	json_t *body = json_pack("{s:s, s:{s:{}}}", "FunctionVersion", ov, "RoutingConfig", "AdditionalVersionWeights");
	const char *rev = json_string_value(json_object_get(resp.doc, "RevisionId"));
	if (rev)
		json_object_set_new(body, "RevisionId", json_string(rev));
	char *b = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	upgrade_resp_release(&resp);
	if (upgrade_lambda(r->a, UPGRADE_WRITE, "PUT", path, NULL, b, &resp) < 0) {
		sb_addf(&sb, "alias %s could not be put back (%s): aws lambda update-alias --function-name %s --name %s "
			     "--function-version %s --routing-config AdditionalVersionWeights={}",
			al, resp.err, fn, al, ov);
		left_add(left, &sb);
	} else {
		notef("%s: alias %s back on version %s, routing cleared", fn, al, ov);
	}
	free(b);
out:
	upgrade_resp_release(&resp);
	free(path);
}

/* the new version's provisioned concurrency (the alias's own is never touched) */
static void rollback_pc(struct upgrade_run *r, json_t *left)
{
	const char *fn = uj_str(r, "function"), *v = uj_str(r, "pc_version");
	if (!v)
		return;
	char *path = xasprintf("/2019-09-30/functions/%s/provisioned-concurrency", fn), query[128];
	struct upgrade_resp resp;
	snprintf(query, sizeof(query), "Qualifier=%s", v);
	if (upgrade_lambda(r->a, UPGRADE_WRITE, "DELETE", path, query, NULL, &resp) == 0 || resp.status == 404) {
		notef("%s: provisioned concurrency of version %s removed (alias %s keeps its own)", fn, v, uj_str(r, "alias"));
	} else {
		struct strbuf sb = {0};
		sb_addf(&sb, "the provisioned concurrency of version %s could not be removed (%s): aws lambda "
			     "delete-provisioned-concurrency-config --function-name %s --qualifier %s",
			v, resp.err, fn, v);
		left_add(left, &sb);
	}
	upgrade_resp_release(&resp);
	free(path);
}

static void rollback_latest(struct upgrade_run *r, json_t *left)
{
	const char *fn = uj_str(r, "function"), *from = uj_str(r, "from_runtime"), *to = uj_str(r, "to_runtime");
	const char *ours = uj_str(r, "latest_revision_id");
	char *path = xasprintf("/2015-03-31/functions/%s/configuration", fn), *rev2 = NULL;
	struct upgrade_resp resp;
	struct strbuf sb = {0};
	if (upgrade_lambda(r->a, UPGRADE_READ, "GET", path, NULL, NULL, &resp) < 0) {
		sb_addf(&sb, "$LATEST could not be read (%s): aws lambda update-function-configuration --function-name %s "
			     "--runtime %s",
			resp.err, fn, from);
		left_add(left, &sb);
		goto out;
	}
	const char *rt = json_string_value(json_object_get(resp.doc, "Runtime"));
	const char *rev = json_string_value(json_object_get(resp.doc, "RevisionId"));
	if (rt && !strcmp(rt, from))
		goto out;
	if (!rt || strcmp(rt, to) || (ours && rev && strcmp(ours, rev))) {
		sb_addf(&sb, "$LATEST was changed by someone else since this upgrade (runtime %s%s%s): it is left as it is; "
			     "to put the old runtime back: aws lambda update-function-configuration --function-name %s "
			     "--runtime %s",
			rt ? rt : "?", rev ? ", RevisionId " : "", rev ? rev : "", fn, from);
		left_add(left, &sb);
		goto out;
	}
	json_t *body = json_pack("{s:s}", "Runtime", from);
	if (rev)
		json_object_set_new(body, "RevisionId", json_string(rev));
	char *b = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	upgrade_resp_release(&resp);
	int c = upgrade_lambda(r->a, UPGRADE_WRITE, "PUT", path, NULL, b, &resp);
	free(b);
	if (c < 0) {
		sb_addf(&sb, "$LATEST could not be put back on %s (%s): aws lambda update-function-configuration "
			     "--function-name %s --runtime %s",
			from, resp.err, fn, from);
		left_add(left, &sb);
		goto out;
	}
	char saved[sizeof(r->failure)];
	memcpy(saved, r->failure, sizeof(saved));
	if (upgrade_wait_update(r, &rev2) < 0) {
		sb_addf(&sb, "$LATEST's update back to %s did not succeed (%s): check it with aws lambda "
			     "get-function-configuration --function-name %s",
			from, r->failure, fn);
		left_add(left, &sb);
	} else {
		notef("%s: $LATEST back on %s", fn, from);
	}
	memcpy(r->failure, saved, sizeof(saved));
out:
	free(rev2);
	upgrade_resp_release(&resp);
	free(path);
}

int upgrade_rollback(struct upgrade_run *r)
{
	json_t *left = json_array();
	const char *fn = uj_str(r, "function");
	/* the rollback itself runs to the end even after Ctrl-C */
	sig_atomic_t was = upgrade_interrupted;
	upgrade_interrupted = 0;
	rollback_alias(r, left);
	rollback_pc(r, left);
	rollback_latest(r, left);
	upgrade_interrupted = was;
	json_object_set_new(r->j, "rollback_reason", json_string(r->failure));
	json_object_set(r->j, "left", left);
	uj_set_str(r, "phase", json_array_size(left) ? "rollback-incomplete" : "rolled-back");
	json_object_set_new(r->j, "end_time", json_real(clock_wall_precise()));
	upgrade_journal_save(r);
	int rc;
	if (!json_array_size(left)) {
		printf("rolled back %s in %s: alias %s on version %s, $LATEST on %s%s%s%s; journal %s\n", fn,
		       uj_str(r, "region"), uj_str(r, "alias"), uj_str(r, "old_version"), uj_str(r, "from_runtime"),
		       uj_str(r, "new_version") ? " (version " : "", uj_str(r, "new_version") ? uj_str(r, "new_version") : "",
		       uj_str(r, "new_version") ? " stays published, unused)" : "", r->path);
		rc = 1;
	} else {
		json_t *x;
		size_t i;
		errorf("%s: the rollback could not complete; left to do by hand:", fn);
		json_array_foreach(left, i, x) fprintf(stderr, "  - %s\n", json_string_value(x));
		rc = -1;
	}
	json_decref(left);
	return rc;
}
