#include "source/jstream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/textenc.h"
#include "util/xalloc.h"

struct jstream {
	int fd;
	char *buf;
	size_t cap, beg, end; /* unconsumed data is buf[beg, end) */
	size_t max_value, chunk;
	long long abs;        /* file offset of buf[beg] */
	long line;            /* line of buf[beg] */
	long long line_start; /* file offset where that line starts */
	bool eof, bom_checked;
	/* the decoding step (textenc.c): the first bytes decide; a UTF-16 file is read
	 * through `raw` and handed on as UTF-8 from `conv` */
	bool detected;
	enum textenc enc;
	char raw[4096 + 4];
	size_t nraw;
	bool raw_eof;
	struct strbuf conv;
	size_t conv_off;
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
	sb_release(&js->conv);
	free(js);
}

const char *jstream_error(const struct jstream *js) { return js->err; }

void jstream_pos(const struct jstream *js, long *line, long *column)
{
	*line = js->line;
	*column = (long)(js->abs - js->line_start) + 1;
}

/* raw_read reads into js->raw after what it holds; 0 at end of input, -1 on error. */
static ssize_t raw_read(struct jstream *js, size_t want)
{
	size_t room = sizeof(js->raw) - js->nraw;
	if (want > room)
		want = room;
	for (;;) {
		ssize_t n = read(js->fd, js->raw + js->nraw, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n > 0)
			js->nraw += (size_t)n;
		return n;
	}
}

/* read_decoded puts up to `cap` bytes of UTF-8 text at dst: returns how many, 0 at the end
 * of input, -1 on a read error (errno set). */
static ssize_t read_decoded(struct jstream *js, char *dst, size_t cap)
{
	if (!js->detected) {
		/* the first four bytes tell UTF-16 (whatever the read size) */
		while (js->nraw < 4) {
			ssize_t n = raw_read(js, js->chunk < 4 - js->nraw ? js->chunk : 4 - js->nraw);
			if (n < 0)
				return -1;
			if (n == 0) {
				js->raw_eof = true;
				break;
			}
		}
		js->detected = true;
		js->enc = textenc_detect(js->raw, js->nraw);
	}
	if (js->enc == TEXTENC_UTF8) {
		if (js->nraw) { /* the bytes read to detect come first */
			size_t n = js->nraw < cap ? js->nraw : cap;
			memcpy(dst, js->raw, n);
			memmove(js->raw, js->raw + n, js->nraw - n);
			js->nraw -= n;
			return (ssize_t)n;
		}
		if (js->raw_eof)
			return 0;
		for (;;) {
			ssize_t n = read(js->fd, dst, cap);
			if (n < 0 && errno == EINTR)
				continue;
			return n;
		}
	}
	while (js->conv_off >= js->conv.len) {
		js->conv.len = js->conv_off = 0;
		if (js->raw_eof && !js->nraw)
			return 0;
		if (!js->raw_eof) {
			ssize_t n = raw_read(js, js->chunk < 4096 ? js->chunk : 4096);
			if (n < 0)
				return -1;
			if (n == 0)
				js->raw_eof = true;
		}
		size_t used = textenc_utf16(js->raw, js->nraw, js->enc == TEXTENC_UTF16BE, js->raw_eof, &js->conv);
		memmove(js->raw, js->raw + used, js->nraw - used);
		js->nraw -= used;
	}
	size_t n = js->conv.len - js->conv_off < cap ? js->conv.len - js->conv_off : cap;
	memcpy(dst, js->conv.buf + js->conv_off, n);
	js->conv_off += n;
	return (ssize_t)n;
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
		ssize_t n = read_decoded(js, js->buf + js->end, js->chunk);
		if (n < 0) {
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

int jstream_lookahead(struct jstream *js, size_t off)
{
	int r = fill(js, off);
	if (r <= 0)
		return r == 0 ? JS_EOF : JS_ERROR;
	return (unsigned char)js->buf[js->beg + off];
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
