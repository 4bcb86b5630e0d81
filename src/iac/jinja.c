/* jinja: cookiecutter/Jinja template sources ({{ cookiecutter.runtime }}, {% if %}). Such a
 * file is not a deployable template: sunset says so once per file, and reads what it can.
 * The text is filled in for reading: {{ cookiecutter.NAME }} from the nearest
 * cookiecutter.json (a list's first entry is cookiecutter's default), {% %} and {# #}
 * blanked, and a value that stays {{ ... }} quoted so that YAML reads it as the text it
 * is. Line numbers are kept; the file is never rewritten (--fix). */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iac/iac.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_UP 32 /* folders looked through for cookiecutter.json */

bool iac_jinja_source(const char *buf, size_t len)
{
	if (memmem(buf, len, "{%", 2) || memmem(buf, len, "{{cookiecutter.", 15))
		return true;
	for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), "{{", 2)); p += 2) {
		const char *q = p + 2;
		while (q < buf + len && *q == ' ')
			q++;
		if ((size_t)(buf + len - q) >= 13 && !memcmp(q, "cookiecutter.", 13))
			return true;
	}
	return false;
}

/* context loads the nearest cookiecutter.json above `path` (within the scanned roots). */
static struct doc *context(struct iac_ctx *ctx, const char *path, char **buf)
{
	char *dir = iac_dirname(path);
	struct doc *d = NULL;
	*buf = NULL;
	for (int up = 0; up < MAX_UP && !d; up++) {
		char *cand = xasprintf("%scookiecutter.json", dir), msg[256];
		size_t len;
		if (iac_read_file(&ctx->fsp, cand, 1 << 20, buf, &len, msg, sizeof(msg)) == 0) {
			struct doc_error err;
			d = doc_parse_json(*buf, len, &err);
			if (!d) {
				free(*buf);
				*buf = NULL;
			}
		}
		free(cand);
		/* one folder up: "a/b/" -> "a/"; stop at the top or at ".." */
		size_t l = strlen(dir);
		if (!l || !strcmp(dir, "/"))
			break;
		dir[l - 1] = '\0';
		char *slash = strrchr(dir, '/');
		const char *last = slash ? slash + 1 : dir;
		if (!strcmp(last, "..") || !strcmp(last, "."))
			break;
		if (slash)
			slash[1] = '\0';
		else
			dir[0] = '\0';
	}
	free(dir);
	return d;
}

static const char *value_of(const struct doc_node *ctxroot, const char *name)
{
	const struct doc_node *v = doc_get(ctxroot, name);
	if (v && v->type == DOC_SEQ && v->n)
		v = v->vals[0];
	const char *s = doc_str(v);
	return s && !strstr(s, "{{") && !strstr(s, "{%") && !strchr(s, '\n') ? s : NULL;
}

char *iac_jinja_fill(struct iac_ctx *ctx, const char *path, const char *buf, size_t len, size_t *out_len,
		     bool *have_context)
{
	char *cbuf;
	struct doc *cd = context(ctx, path, &cbuf);
	const struct doc_node *root = cd ? doc_root(cd) : NULL;
	struct strbuf sb = STRBUF_INIT;
	*have_context = root != NULL;
	for (size_t i = 0; i < len;) {
		const char *p = buf + i;
		size_t rest = len - i;
		if (rest >= 2 && p[0] == '{' && (p[1] == '%' || p[1] == '#')) {
			const char *end = memmem(p + 2, rest - 2, p[1] == '%' ? "%}" : "#}", 2);
			size_t n = end ? (size_t)(end - p) + 2 : rest;
			for (size_t k = 0; k < n; k++)
				sb_addc(&sb, p[k] == '\n' ? '\n' : ' ');
			i += n;
			continue;
		}
		if (rest >= 2 && p[0] == '{' && p[1] == '{') {
			const char *end = memmem(p + 2, rest - 2, "}}", 2);
			const char *nl = memchr(p, '\n', rest);
			if (end && (!nl || end < nl)) {
				size_t n = (size_t)(end - p) + 2;
				char *inner = xstrndup(p + 2, n - 4);
				char *a = inner;
				while (*a == ' ')
					a++;
				size_t al = strlen(a);
				while (al && a[al - 1] == ' ')
					a[--al] = '\0';
				const char *v = NULL;
				if (!strncmp(a, "cookiecutter.", 13) && a[13] &&
				    strspn(a + 13, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == al - 13)
					v = value_of(root, a + 13);
				free(inner);
				if (v) {
					sb_adds(&sb, v);
					i += n;
					continue;
				}
				/* left as written: quoted when it starts a YAML value, so it is text */
				size_t ls = i;
				while (ls > 0 && buf[ls - 1] != '\n')
					ls--;
				size_t k = i;
				while (k > ls && (buf[k - 1] == ' ' || buf[k - 1] == '\t'))
					k--;
				size_t eol = nl ? (size_t)(nl - buf) : len;
				if (eol > i && buf[eol - 1] == '\r')
					eol--;
				bool starts = k == ls || buf[k - 1] == ':' || buf[k - 1] == '-';
				if (starts && !memchr(p, '"', eol - i) && !memchr(p, '\'', eol - i) && !memchr(p, '#', eol - i)) {
					sb_addc(&sb, '\'');
					sb_add(&sb, p, eol - i);
					sb_addc(&sb, '\'');
					i = eol;
					continue;
				}
			}
		}
		sb_addc(&sb, *p);
		i++;
	}
	doc_free(cd);
	free(cbuf);
	*out_len = sb.len;
	if (!sb.buf)
		sb_adds(&sb, "");
	return sb_detach(&sb);
}
