#include "iac/codeowners.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/msg.h"
#include "util/xalloc.h"
#include "iac/iac.h"

#define MAX_PATTERN 1024 /* longer lines are skipped */
#define MAX_STARS 16     /* bounds the backtracking of one match */

struct rule {
	char *pattern; /* as written */
	char *owners;  /* NULL: the line un-owns */
};

struct codeowners {
	struct rule *v;
	size_t n, alloc;
};

/* gm: glob `p` against the whole of `s`; a star and `?` stay within a segment, a double star
 * followed by a slash is zero or more directories, a trailing double star is anything. */
static bool gm(const char *p, const char *s)
{
	for (;;) {
		if (!*p)
			return !*s;
		if (p[0] == '*' && p[1] == '*' && (p[2] == '/' || !p[2])) {
			if (!p[2])
				return true;
			if (gm(p + 3, s))
				return true;
			for (const char *t = s; *t; t++)
				if (*t == '/' && gm(p + 3, t + 1))
					return true;
			return false;
		}
		if (*p == '*') {
			while (*p == '*')
				p++;
			for (const char *t = s;; t++) {
				if (gm(p, t))
					return true;
				if (!*t || *t == '/')
					return false;
			}
		}
		if (*p == '?') {
			if (!*s || *s == '/')
				return false;
		} else {
			if (*p == '\\' && p[1])
				p++;
			if (*p != *s)
				return false;
		}
		p++;
		s++;
	}
}

bool codeowners_glob(const char *pattern, const char *path)
{
	size_t n = strlen(pattern);
	bool dir_only = n && pattern[n - 1] == '/';
	const char *body = pattern[0] == '/' ? pattern + 1 : pattern;
	size_t bn = strlen(body);
	if (dir_only && bn)
		bn--;
	if (!bn)
		return false; /* "/" alone names no file */
	/* anchored: a leading or a middle '/' */
	bool anchored = pattern[0] == '/' || memchr(body, '/', bn) != NULL;
	char *pat = xmalloc(bn + 4);
	size_t k = 0;
	if (!anchored && !(bn >= 2 && body[0] == '*' && body[1] == '*')) {
		memcpy(pat, "**/", 3);
		k = 3;
	}
	memcpy(pat + k, body, bn);
	pat[k + bn] = '\0';
	bool hit = false;
	/* the path itself (a file), or one of its directories (everything below it); a last
	 * segment that is a lone star means the folder's own files only, as GitHub reads it */
	bool children_only = k + bn >= 2 && !strcmp(pat + k + bn - 2, "/*");
	if (!dir_only)
		hit = gm(pat, path);
	char *prefix = xstrdup(path);
	for (char *sl = children_only ? NULL : strchr(prefix, '/'); sl && !hit; sl = strchr(sl + 1, '/')) {
		*sl = '\0';
		hit = gm(pat, prefix);
		*sl = '/';
	}
	free(prefix);
	free(pat);
	return hit;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

struct codeowners *codeowners_parse(const char *text, size_t len)
{
	struct codeowners *co = xcalloc(1, sizeof(*co));
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		const char *q = p;
		p = eol ? eol + 1 : end;
		while (q < le && blank(*q))
			q++;
		if (q == le || *q == '#')
			continue;
		/* the pattern: up to an unescaped blank */
		const char *ps = q;
		while (q < le && !blank(*q)) {
			if (*q == '\\' && q + 1 < le)
				q++;
			q++;
		}
		size_t pn = (size_t)(q - ps);
		size_t stars = 0;
		for (size_t i = 0; i < pn; i++)
			stars += ps[i] == '*';
		if (pn > MAX_PATTERN || stars > MAX_STARS || memchr(ps, '\0', pn))
			continue;
		/* the owners: up to a comment */
		struct {
			char *b;
			size_t n;
		} own = {xmalloc((size_t)(le - q) + 1), 0};
		while (q < le) {
			while (q < le && blank(*q))
				q++;
			if (q == le || *q == '#')
				break;
			const char *os = q;
			while (q < le && !blank(*q))
				q++;
			if (own.n)
				own.b[own.n++] = ' ';
			memcpy(own.b + own.n, os, (size_t)(q - os));
			own.n += (size_t)(q - os);
		}
		own.b[own.n] = '\0';
		ALLOC_GROW(co->v, co->n + 1, co->alloc);
		co->v[co->n].pattern = xstrndup(ps, pn);
		co->v[co->n].owners = own.n ? own.b : NULL;
		if (!own.n)
			free(own.b);
		co->n++;
	}
	return co;
}

void codeowners_free(struct codeowners *co)
{
	if (!co)
		return;
	for (size_t i = 0; i < co->n; i++) {
		free(co->v[i].pattern);
		free(co->v[i].owners);
	}
	free(co->v);
	free(co);
}

const char *codeowners_match(const struct codeowners *co, const char *path)
{
	for (size_t i = co ? co->n : 0; i-- > 0;)
		if (codeowners_glob(co->v[i].pattern, path))
			return co->v[i].owners;
	return NULL;
}

/* GitHub's places, in the order it looks. */
static const char *const places[] = {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"};
#define CODEOWNERS_MAX (3L << 20) /* GitHub ignores a larger file */

static bool exists(const char *dir, const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s", dir, name);
	bool ok = lstat(p, &st) == 0;
	free(p);
	return ok;
}

/* load_root finds the root above `dir` (modified) and loads its rules into c. */
static void load_root(struct codeowners_cache *c, char *dir)
{
	for (;;) {
		bool found = exists(dir, ".git");
		for (size_t i = 0; i < sizeof(places) / sizeof(places[0]) && !found; i++)
			found = exists(dir, places[i]);
		if (found)
			break;
		char *sl = strrchr(dir, '/');
		if (!sl || sl == dir) {
			free(c->root);
			c->root = NULL;
			codeowners_free(c->co);
			c->co = NULL;
			return;
		}
		*sl = '\0';
	}
	if (c->root && !strcmp(c->root, dir))
		return; /* the same repository: its rules are loaded */
	free(c->root);
	c->root = xstrdup(dir);
	codeowners_free(c->co);
	c->co = NULL;
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		char *p = xasprintf("%s/%s", dir, places[i]), *buf = NULL, msg[300];
		size_t len = 0;
		struct stat st;
		if (lstat(p, &st) == 0) {
			if (iac_read_file(NULL, p, CODEOWNERS_MAX, &buf, &len, msg, sizeof(msg)) == 0)
				c->co = codeowners_parse(buf, len);
			else
				warnf("%s: %s; template findings there have no owner", p, msg);
			free(buf);
			free(p);
			return; /* the first one found is the one GitHub uses */
		}
		free(p);
	}
}

const char *codeowners_for(struct codeowners_cache *c, const char *path)
{
	char real[PATH_MAX];
	if (!path || !realpath(path, real))
		return NULL;
	char *slash = strrchr(real, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	if (!c->dir || strcmp(c->dir, real)) {
		free(c->dir);
		c->dir = xstrdup(real);
		char *d = xstrdup(real);
		load_root(c, d);
		free(d);
	}
	*slash = '/';
	if (!c->co || !c->root)
		return NULL;
	size_t rn = strlen(c->root);
	if (strncmp(real, c->root, rn) || real[rn] != '/')
		return NULL;
	return codeowners_match(c->co, real + rn + 1);
}

void codeowners_cache_release(struct codeowners_cache *c)
{
	free(c->dir);
	free(c->root);
	free(c->rel);
	codeowners_free(c->co);
	memset(c, 0, sizeof(*c));
}
