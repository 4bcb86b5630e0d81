#include "aws/org.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "aws/endpoint.h"
#include "aws/http.h"

#define MAX_ACCOUNTS 100000

static bool valid_id(const char *s, size_t l)
{
	if (l != 12)
		return false;
	for (size_t i = 0; i < l; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* push appends an id (and grows names beside ids when names is not NULL); returns false
 * when the id was listed already. */
static bool push(char ***ids, size_t *n, size_t *alloc, const char *s, size_t l)
{
	for (size_t i = 0; i < *n; i++)
		if (!strncmp((*ids)[i], s, l) && !(*ids)[i][l])
			return false; /* listed twice: scan once */
	ALLOC_GROW(*ids, *n + 1, *alloc);
	(*ids)[(*n)++] = xstrndup(s, l);
	return true;
}

int org_parse_accounts(const char *arg, char ***ids, size_t *n)
{
	struct strbuf text = STRBUF_INIT;
	const char *name = "--accounts";
	size_t alloc = 0;
	long line = 1;
	*ids = NULL;
	*n = 0;
	if (arg[0] == '@') {
		FILE *f = fopen(arg + 1, "r");
		char buf[4096];
		size_t r;
		if (!f)
			return errorf("%s: cannot read the account list", arg + 1);
		while ((r = fread(buf, 1, sizeof(buf), f)) > 0 && text.len < (4u << 20))
			sb_add(&text, buf, r);
		fclose(f);
		name = arg + 1;
	} else {
		sb_adds(&text, arg);
	}
	const char *p = text.buf ? text.buf : "";
	while (*p) {
		if (*p == '#') {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		if (*p == '\n')
			line++;
		if (*p == ',' || isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		size_t l = strcspn(p, ", \t\r\n#");
		if (!valid_id(p, l)) {
			errorf("%s%s%ld: \"%.*s\" is not a 12-digit account id", name, arg[0] == '@' ? ":" : " item at line ",
			       line, (int)(l > 40 ? 40 : l), p);
			goto fail;
		}
		if (*n >= MAX_ACCOUNTS) {
			errorf("%s: more than %d accounts", name, MAX_ACCOUNTS);
			goto fail;
		}
		push(ids, n, &alloc, p, l);
		p += l;
	}
	sb_release(&text);
	if (!*n)
		return errorf("%s: no account id given", name);
	return 0;
fail:
	sb_release(&text);
	for (size_t i = 0; i < *n; i++)
		free((*ids)[i]);
	free(*ids);
	*ids = NULL;
	*n = 0;
	return -1;
}

struct org_ctx {
	struct http_engine *eng;
	const char *endpoint;
	char ***ids, ***names;
	size_t *n, alloc, names_alloc;
	char err[300];
	bool failed;
};

static void submit_page(struct org_ctx *oc, const char *token);

static enum http_verdict on_page(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct org_ctx *oc = vctx;
	json_t *doc = json_loadb(body, len, 0, NULL);
	json_t *accts = json_object_get(doc, "Accounts");
	if (status == 200 && !json_is_array(accts) && !final) {
		json_decref(doc);
		return HTTP_RETRY;
	}
	if (status != 200 || !json_is_array(accts)) {
		const char *type = json_string_value(json_object_get(doc, "__type"));
		const char *msg = json_string_value(json_object_get(doc, "Message"));
		if (!msg)
			msg = json_string_value(json_object_get(doc, "message"));
		snprintf(oc->err, sizeof(oc->err), "%s%s%s%s", err ? err : type ? type : "unexpected response",
			 msg ? ": " : "", msg ? msg : "", "");
		oc->failed = true;
		json_decref(doc);
		return HTTP_DONE;
	}
	size_t i;
	json_t *a;
	json_array_foreach(accts, i, a) {
		const char *id = json_string_value(json_object_get(a, "Id"));
		const char *st = json_string_value(json_object_get(a, "Status"));
		const char *name = json_string_value(json_object_get(a, "Name"));
		if (id && valid_id(id, strlen(id)) && (!st || !strcmp(st, "ACTIVE")) && *oc->n < MAX_ACCOUNTS &&
		    push(oc->ids, oc->n, &oc->alloc, id, 12)) {
			ALLOC_GROW(*oc->names, *oc->n, oc->names_alloc);
			(*oc->names)[*oc->n - 1] = name && *name ? xstrdup(name) : NULL;
		}
	}
	const char *next = json_string_value(json_object_get(doc, "NextToken"));
	if (next && *next)
		submit_page(oc, next);
	json_decref(doc);
	return HTTP_DONE;
}

static void submit_page(struct org_ctx *oc, const char *token)
{
	json_t *b = token ? json_pack("{s:s}", "NextToken", token) : json_object();
	char *body = json_dumps(b, JSON_COMPACT);
	struct http_request rq = {
		.bucket = "organizations", .method = "POST", .endpoint = oc->endpoint, .path = "/", .body = body,
		.body_len = strlen(body), .content_type = "application/x-amz-json-1.1",
		.target = "AWSOrganizationsV20161128.ListAccounts", .region = "us-east-1", .service = "organizations",
		.done = on_page, .ctx = oc,
	};
	http_submit(oc->eng, &rq);
	free(body);
	json_decref(b);
}

int org_list_accounts(const struct aws_creds *creds, char ***ids, char ***names, size_t *n)
{
	struct http_options o;
	/* Organizations is a global service: its endpoint lives in us-east-1 */
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_ORGANIZATIONS", "organizations", "us-east-1");
	*ids = NULL;
	*names = NULL;
	*n = 0;
	http_options_default(&o);
	struct org_ctx oc = {.endpoint = endpoint, .ids = ids, .names = names, .n = n};
	oc.eng = http_engine_new(&o, creds);
	int rc = -1;
	if (oc.eng) {
		submit_page(&oc, NULL);
		if (http_run(oc.eng) == 0 && !oc.failed && *n)
			rc = 0;
		else
			errorf("organizations ListAccounts failed: %s", oc.failed ? oc.err : "no active account listed");
		http_engine_free(oc.eng);
	}
	free(endpoint);
	return rc;
}

struct alias_ctx {
	long status;
	struct strbuf body;
};

static enum http_verdict on_alias(void *vctx, long status, const char *body, size_t len, const char *err, bool final)
{
	struct alias_ctx *ac = vctx;
	(void)err;
	(void)final;
	ac->status = status;
	sb_add(&ac->body, body, len);
	return HTTP_DONE;
}

int org_account_alias(const struct aws_creds *creds, char **alias)
{
	static const char form[] = "Action=ListAccountAliases&Version=2010-05-08";
	struct http_options o;
	struct alias_ctx ac = {0, STRBUF_INIT};
	char *endpoint = aws_endpoint(NULL, "AWS_ENDPOINT_URL_IAM", "iam", "us-east-1");
	int rc = -1;
	*alias = NULL;
	http_options_default(&o);
	o.max_attempts = 2;
	struct http_engine *eng = http_engine_new(&o, creds);
	if (eng) {
		/* IAM is global: its endpoint and signing region are us-east-1's */
		struct http_request rq = {
			.bucket = "iam", .method = "POST", .endpoint = endpoint, .path = "/", .body = form,
			.body_len = sizeof(form) - 1, .content_type = "application/x-www-form-urlencoded; charset=utf-8",
			.region = "us-east-1", .service = "iam", .done = on_alias, .ctx = &ac,
		};
		http_submit(eng, &rq);
		if (http_run(eng) == 0 && ac.status == 200 && ac.body.len) {
			xmlDoc *doc = xmlReadMemory(ac.body.buf, (int)ac.body.len, "iam.xml", NULL,
						    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
			for (xmlNode *n = doc ? xmlDocGetRootElement(doc) : NULL; n;) {
				/* ListAccountAliasesResponse > ListAccountAliasesResult > AccountAliases > member */
				if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "member")) {
					if (n->children && n->children->type == XML_TEXT_NODE && n->children->content[0])
						*alias = xstrdup((const char *)n->children->content);
					break;
				}
				if (n->type == XML_ELEMENT_NODE && n->children) {
					n = n->children;
					continue;
				}
				while (n && !n->next)
					n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
				n = n ? n->next : NULL;
			}
			xmlFreeDoc(doc);
			rc = 0;
		} else {
			debugf("IAM ListAccountAliases: HTTP %ld (the account is shown without a name)", ac.status);
		}
		http_engine_free(eng);
	}
	sb_release(&ac.body);
	free(endpoint);
	return rc;
}
