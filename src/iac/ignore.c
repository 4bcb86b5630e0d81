/* ignore: inline suppressions written in templates. A comment on the line before a
 * resource or its runtime,
 *     # sunset:ignore reason="accepted until the migration, TICKET-1" expires=2027-01-31
 * (also `//` in HCL), or a CloudFormation resource's Metadata.sunset.ignore {reason,
 * expires}. The rules are the ignore file's: a reason is required, a date is YYYY-MM-DD, an
 * expired entry suppresses nothing and is reported. Each problem is reported once. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "iac/iac.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define MARKER "sunset:ignore"

/* first_report: true the first time (file, line) has a problem to report. */
static bool first_report(struct iac_ctx *ctx, const char *rel, long line)
{
	struct iac_origin o = {.path = rel, .line = line, .column = -1};
	return iac_once(ctx, &o, MARKER, NULL);
}

const char *iac_ignore_check(struct iac_ctx *ctx, const char *rel, long line, long column, const char *reason,
			     const char *expires, char *out, size_t n)
{
	date_t d = DATE_NONE;
	if (!reason || !*reason) {
		if (first_report(ctx, rel, line))
			iac_error(ctx, rel, line, column,
				  "sunset:ignore needs a reason (why it is accepted, e.g. a ticket); nothing suppressed");
		return NULL;
	}
	if (expires && date_parse(expires, &d) < 0) {
		if (first_report(ctx, rel, line))
			iac_error(ctx, rel, line, column, "sunset:ignore expires must be a date YYYY-MM-DD; nothing suppressed");
		return NULL;
	}
	if (d != DATE_NONE && d < ctx->scan->as_of) {
		char day[11];
		if (first_report(ctx, rel, line))
			warnf("%s:%ld:%ld: sunset:ignore expired on %s and no longer suppresses (%s)", rel, line, column,
			      date_format(d, day), reason);
		return NULL;
	}
	snprintf(out, n, "%s", reason);
	return out;
}

/* line_at is the start of line `line` (1-based) of buf, or NULL. The line starts of the
 * last few files asked about are kept, so that many values of one file cost one pass. */
static size_t sample(const char *buf, size_t len)
{
	size_t h = 1469598103934665603ULL ^ len;
	for (size_t i = 0; i < len && i < 64; i++)
		h = (h ^ (unsigned char)buf[i]) * 1099511628211ULL;
	for (size_t i = len > 64 ? len - 64 : 0; i < len; i++)
		h = (h ^ (unsigned char)buf[i]) * 1099511628211ULL;
	return h;
}

static const char *line_at(struct iac_ctx *ctx, const char *buf, size_t len, long line)
{
	struct iac_lines *c = NULL;
	size_t fp = sample(buf, len); /* a freed buffer's address may come back for another file */
	for (size_t i = 0; i < IAC_LINE_CACHE; i++)
		if (ctx->lines[i].buf == buf && ctx->lines[i].len == len && ctx->lines[i].sample == fp)
			c = &ctx->lines[i];
	if (!c) {
		c = &ctx->lines[ctx->lines_next++ % IAC_LINE_CACHE];
		free(c->start);
		memset(c, 0, sizeof(*c));
		c->buf = buf;
		c->len = len;
		c->sample = fp;
		c->marked = memmem(buf, len, MARKER, strlen(MARKER)) != NULL;
		if (c->marked) {
			size_t alloc = 0;
			for (size_t i = 0; i <= len; i++)
				if (i == 0 || buf[i - 1] == '\n') {
					ALLOC_GROW(c->start, c->n + 1, alloc);
					c->start[c->n++] = i;
				}
		}
	}
	if (!c->marked || line < 1 || (size_t)line > c->n)
		return NULL;
	return buf + c->start[line - 1];
}

/* value reads a bare word or a "quoted" or 'quoted' value (\" and \\ escaped) at *p into out. */
static bool value(const char **p, const char *end, char *out, size_t n)
{
	const char *s = *p;
	size_t o = 0;
	if (s < end && (*s == '"' || *s == '\'')) {
		char q = *s;
		for (s++; s < end && *s != q; s++) {
			if (*s == '\\' && s + 1 < end)
				s++;
			if (o + 1 < n)
				out[o++] = *s;
		}
		if (s >= end)
			return false;
		s++;
	} else {
		for (; s < end && *s != ' ' && *s != '\t'; s++)
			if (o + 1 < n)
				out[o++] = *s;
	}
	out[o] = '\0';
	*p = s;
	return true;
}

const char *iac_ignore_comment(struct iac_ctx *ctx, const char *rel, const char *buf, size_t len, long line,
			       char *out, size_t n)
{
	const char *p = line > 1 ? line_at(ctx, buf, len, line - 1) : NULL;
	if (!p)
		return NULL;
	const char *end = memchr(p, '\n', len - (size_t)(p - buf));
	end = end ? end : buf + len;
	if (end > p && end[-1] == '\r')
		end--;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	long column = 1 + (long)(p - (line_at(ctx, buf, len, line - 1)));
	if (p < end && *p == '#')
		p++;
	else if (end - p >= 2 && p[0] == '/' && p[1] == '/')
		p += 2;
	else
		return NULL;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	size_t ml = strlen(MARKER);
	if ((size_t)(end - p) < ml || memcmp(p, MARKER, ml) || (p + ml < end && p[ml] != ' ' && p[ml] != '\t'))
		return NULL;
	p += ml;
	char reason[300] = "", expires[40] = "", key[40];
	bool has_reason = false, has_expires = false;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		const char *eq = memchr(p, '=', (size_t)(end - p));
		size_t kl = eq ? (size_t)(eq - p) : 0;
		if (!eq || !kl || kl >= sizeof(key) || memchr(p, ' ', kl) || memchr(p, '\t', kl)) {
			if (first_report(ctx, rel, line - 1))
				iac_error(ctx, rel, line - 1, column,
					  "sunset:ignore takes reason=\"...\" and expires=YYYY-MM-DD; nothing suppressed");
			return NULL;
		}
		memcpy(key, p, kl);
		key[kl] = '\0';
		p = eq + 1;
		bool r = !strcmp(key, "reason"), e = !strcmp(key, "expires");
		if ((!r && !e) || !value(&p, end, r ? reason : expires, r ? sizeof(reason) : sizeof(expires))) {
			if (first_report(ctx, rel, line - 1))
				iac_error(ctx, rel, line - 1, column,
					  (!r && !e) ? "sunset:ignore: unknown key \"%s\" (use reason and expires); nothing "
						       "suppressed"
						     : "sunset:ignore: unterminated quoted %s; nothing suppressed",
					  key);
			return NULL;
		}
		has_reason |= r;
		has_expires |= e;
	}
	return iac_ignore_check(ctx, rel, line - 1, column, has_reason ? reason : NULL, has_expires ? expires : NULL, out,
				n);
}

void iac_ignore_release(struct iac_ctx *ctx)
{
	for (size_t i = 0; i < IAC_LINE_CACHE; i++)
		free(ctx->lines[i].start);
	memset(ctx->lines, 0, sizeof(ctx->lines));
}
