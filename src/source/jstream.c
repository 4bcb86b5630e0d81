#include "jstream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../xalloc.h"

struct jstream {
	int fd;
	char *buf;
	size_t cap, beg, end; /* unconsumed data is buf[beg, end) */
	size_t max_value, chunk;
	long long abs;        /* file offset of buf[beg] */
	long line;            /* line of buf[beg] */
	long long line_start; /* file offset where that line starts */
	bool eof, bom_checked;
	char err[128];
};

struct jstream *jstream_new(int fd, size_t max_value, size_t chunk)
{
	struct jstream *js = xcalloc(1, sizeof(*js));
	js->fd = fd;
	js->max_value = max_value ? max_value : (64u << 20);
	js->chunk = chunk ? chunk : (256u << 10);
	js->cap = js->chunk;
	js->buf = xmalloc(js->cap);
	js->line = 1;
	return js;
}

void jstream_free(struct jstream *js)
{
	if (!js)
		return;
	free(js->buf);
	free(js);
}

const char *jstream_error(const struct jstream *js) { return js->err; }

void jstream_pos(const struct jstream *js, long *line, long *column)
{
	*line = js->line;
	*column = (long)(js->abs - js->line_start) + 1;
}

/* fill makes buf[beg + off] readable. Returns 1, 0 at end of input, JS_ERROR. */
static int fill(struct jstream *js, size_t off)
{
	while (js->beg + off >= js->end) {
		if (js->eof)
			return 0;
		if (js->beg > 0) {
			memmove(js->buf, js->buf + js->beg, js->end - js->beg);
			js->end -= js->beg;
			js->beg = 0;
		}
		if (js->end > js->max_value) {
			snprintf(js->err, sizeof(js->err), "a single JSON value is larger than %zu bytes",
				 js->max_value);
			return JS_ERROR;
		}
		if (js->cap - js->end < js->chunk) {
			js->cap = js->cap * 2 > js->end + js->chunk ? js->cap * 2 : js->end + js->chunk;
			js->buf = xrealloc(js->buf, js->cap);
		}
		ssize_t n = read(js->fd, js->buf + js->end, js->chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(js->err, sizeof(js->err), "read error: %s", strerror(errno));
			return JS_ERROR;
		}
		if (n == 0)
			js->eof = true;
		js->end += (size_t)n;
	}
	return 1;
}

/* consume moves past n readable bytes, counting lines. */
static void consume(struct jstream *js, size_t n)
{
	const char *p = js->buf + js->beg, *end = p + n, *nl;
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		js->line++;
		js->line_start = js->abs + (nl - (js->buf + js->beg)) + 1;
		p = nl + 1;
	}
	js->beg += n;
	js->abs += (long long)n;
}

int jstream_peek(struct jstream *js)
{
	for (;;) {
		int r = fill(js, 0);
		if (r <= 0)
			return r == 0 ? JS_EOF : JS_ERROR;
		unsigned char c = (unsigned char)js->buf[js->beg];
		if (!js->bom_checked) {
			js->bom_checked = true;
			if (c == 0xEF && fill(js, 2) == 1 && !memcmp(js->buf + js->beg, "\xEF\xBB\xBF", 3)) {
				js->beg += 3;
				js->abs += 3;
				js->line_start = js->abs;
				continue;
			}
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			consume(js, 1);
			continue;
		}
		return c;
	}
}

void jstream_next(struct jstream *js)
{
	if (js->beg < js->end)
		consume(js, 1);
}

static bool is_delim(char c)
{
	return c == ',' || c == ']' || c == '}' || c == ':' || c == ' ' || c == '\t' || c == '\r' ||
	       c == '\n' || c == '[' || c == '{' || c == '"';
}

static const unsigned char structural[256] = {['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1};

int jstream_capture(struct jstream *js, const char **p, size_t *len, bool *truncated)
{
	size_t off = 0;
	int depth = 0, r;
	bool in_str = false;
	size_t str_start = 0; /* offset of the current string's first byte */
	char first;

	*truncated = false;
	if ((r = fill(js, 0)) <= 0)
		goto short_input;
	first = js->buf[js->beg];
	if (first == '{' || first == '[' || first == '"') {
		for (;;) {
			if ((r = fill(js, off)) <= 0)
				goto short_input;
			/* Scan what is buffered without calling fill per byte: strings are skipped
			 * to their closing quote with memchr (a quote preceded by an odd number of
			 * backslashes is escaped), other bytes looked up in a table. */
			const char *s = js->buf + js->beg;
			size_t avail = js->end - js->beg;
			while (off < avail) {
				if (in_str) {
					const char *q = memchr(s + off, '"', avail - off);
					if (!q) {
						off = avail;
						break;
					}
					size_t k = (size_t)(q - s), bs = 0;
					while (k - bs > str_start && s[k - bs - 1] == '\\')
						bs++;
					off = k + 1;
					if (bs % 2)
						continue;
					in_str = false;
					if (first == '"')
						goto done;
					continue;
				}
				unsigned char c = (unsigned char)s[off];
				if (!structural[c]) {
					off++;
					continue;
				}
				off++;
				if (c == '"') {
					in_str = true;
					str_start = off;
				} else if (c == '{' || c == '[') {
					depth++;
				} else if (--depth <= 0) {
					goto done;
				}
			}
		}
	done:;
	} else {
		do {
			off++;
			if ((r = fill(js, off)) < 0)
				return JS_ERROR;
		} while (r == 1 && !is_delim(js->buf[js->beg + off]));
	}
	if (off > js->max_value) {
		snprintf(js->err, sizeof(js->err), "a single JSON value is larger than %zu bytes", js->max_value);
		consume(js, off);
		return JS_ERROR;
	}
	*p = js->buf + js->beg;
	*len = off;
	consume(js, off);
	return 0;

short_input:
	if (r < 0)
		return JS_ERROR;
	*truncated = true;
	*p = js->buf + js->beg;
	*len = js->end - js->beg;
	consume(js, *len);
	return 0;
}
