/* doc_json: the JSON front end of doc (RFC 8259), a recursive-descent parser that keeps
 * the line, column (in characters) and byte range of every value. Depth is capped at
 * DOC_MAX_DEPTH. */
#include "iac/doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

struct jp {
	struct doc *d;
	const char *s;
	size_t len, i;
	long line;
	size_t line_start; /* byte offset where the current line starts */
	size_t col_pos;    /* column_at's cache: the column of byte col_pos on this line */
	long col;
	struct doc_error *err;
	int depth;
	char *tmp; /* decode buffer */
	size_t tmp_alloc;
};

/* column counts characters: bytes that do not continue a UTF-8 sequence */
static long column_at(struct jp *p, size_t at)
{
	if (p->col_pos < p->line_start || p->col_pos > at) {
		p->col_pos = p->line_start;
		p->col = 1;
	}
	for (; p->col_pos < at; p->col_pos++)
		p->col += ((unsigned char)p->s[p->col_pos] & 0xC0) != 0x80;
	return p->col;
}

/* unescape maps the character after a backslash to its value; 0 when not a simple escape. */
static char unescape(char e)
{
	switch (e) {
	case '"': return '"';
	case '\\': return '\\';
	case '/': return '/';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	default: return 0;
	}
}

static int fail(struct jp *p, const char *msg)
{
	if (p->err->message[0])
		return -1;
	p->err->line = p->line;
	p->err->column = column_at(p, p->i);
	snprintf(p->err->message, sizeof(p->err->message), "%s", msg);
	return -1;
}

static void skip_ws(struct jp *p)
{
	while (p->i < p->len) {
		char c = p->s[p->i];
		if (c == '\n') {
			p->line++;
			p->line_start = ++p->i;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			p->i++;
		} else {
			break;
		}
	}
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		int d = text_hex_digit(s[k]);
		if (d < 0)
			return -1;
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

/* string parses "..." at p->i into a scalar node. */
static struct doc_node *string(struct jp *p)
{
	struct doc_node *n = doc_node_new(p->d, DOC_SCALAR, p->line, column_at(p, p->i));
	size_t start = ++p->i, o = 0;
	bool escaped = false;
	if (!n) {
		char msg[200];
		fail(p, doc_limit_message(p->d, msg, sizeof(msg)));
		return NULL;
	}
	ALLOC_GROW(p->tmp, 64, p->tmp_alloc);
	while (1) {
		if (p->i >= p->len) {
			fail(p, "unterminated string");
			return NULL;
		}
		unsigned char c = (unsigned char)p->s[p->i];
		ALLOC_GROW(p->tmp, o + 8, p->tmp_alloc);
		if (c == '"')
			break;
		if (c < 0x20) {
			fail(p, c == '\n' ? "line break inside a string" : "control character inside a string");
			return NULL;
		}
		if (c != '\\') {
			p->tmp[o++] = (char)c;
			p->i++;
			continue;
		}
		escaped = true;
		if (p->i + 1 >= p->len) {
			fail(p, "unterminated string");
			return NULL;
		}
		char e = p->s[p->i + 1];
		if (unescape(e)) {
			p->tmp[o++] = unescape(e);
			p->i += 2;
			continue;
		}
		unsigned cp, lo;
		if (e != 'u' || p->i + 6 > p->len || hex4(p->s + p->i + 2, &cp) < 0) {
			fail(p, "invalid escape sequence in a string");
			return NULL;
		}
		p->i += 6;
		if (cp >= 0xD800 && cp < 0xDC00 && p->i + 6 <= p->len && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u' &&
		    hex4(p->s + p->i + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			p->i += 6;
		} else if (cp >= 0xD800 && cp < 0xE000) {
			cp = 0xFFFD;
		}
		if (cp == 0) {
			fail(p, "\\u0000 inside a string");
			return NULL;
		}
		o += text_utf8_put(p->tmp + o, cp);
	}
	n->str = doc_strndup(p->d, p->tmp, o);
	n->len = o;
	n->quoted = true;
	if (!escaped) {
		n->vstart = start;
		n->vend = p->i;
		n->in_place = true;
	}
	p->i++;
	return n;
}

/* literal parses a number, true, false or null. */
static struct doc_node *literal(struct jp *p)
{
	size_t start = p->i;
	while (p->i < p->len && strchr("0123456789+-.eEtruefalsn", p->s[p->i]) && p->s[p->i])
		p->i++;
	size_t l = p->i - start;
	const char *t = p->s + start;
	bool ok = (l == 4 && !memcmp(t, "true", 4)) || (l == 5 && !memcmp(t, "false", 5)) ||
		  (l == 4 && !memcmp(t, "null", 4));
	if (!ok && l) {
		/* -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
		size_t k = 0;
		if (t[k] == '-')
			k++;
		if (k < l && t[k] == '0')
			k++;
		else if (k < l && t[k] >= '1' && t[k] <= '9')
			while (k < l && t[k] >= '0' && t[k] <= '9')
				k++;
		else
			k = l + 1;
		if (k < l && t[k] == '.') {
			size_t d = ++k;
			while (k < l && t[k] >= '0' && t[k] <= '9')
				k++;
			if (k == d)
				k = l + 1;
		}
		if (k < l && (t[k] == 'e' || t[k] == 'E')) {
			k++;
			if (k < l && (t[k] == '+' || t[k] == '-'))
				k++;
			size_t d = k;
			while (k < l && t[k] >= '0' && t[k] <= '9')
				k++;
			if (k == d)
				k = l + 1;
		}
		ok = k == l;
	}
	if (!ok) {
		p->i = start;
		fail(p, "expected a value");
		return NULL;
	}
	struct doc_node *n = doc_node_new(p->d, DOC_SCALAR, p->line, column_at(p, start));
	if (!n) {
		char msg[200];
		fail(p, doc_limit_message(p->d, msg, sizeof(msg)));
		return NULL;
	}
	n->str = doc_strndup(p->d, t, l);
	n->len = l;
	n->null = l == 4 && !memcmp(t, "null", 4);
	n->vstart = start;
	n->vend = p->i;
	n->in_place = true;
	return n;
}

static struct doc_node *value(struct jp *p);

/* collection parses an object or array at p->i; kids are kept on the heap until the end. */
static struct doc_node *collection(struct jp *p, bool object)
{
	struct doc_node *n = doc_node_new(p->d, object ? DOC_MAP : DOC_SEQ, p->line, column_at(p, p->i));
	struct doc_node **kids = NULL;
	size_t nk = 0, alloc = 0;
	char close = object ? '}' : ']';
	if (!n) {
		char msg[200];
		fail(p, doc_limit_message(p->d, msg, sizeof(msg)));
		return NULL;
	}
	if (++p->depth > DOC_MAX_DEPTH) {
		fail(p, "nesting deeper than 200 levels");
		return NULL;
	}
	p->i++;
	skip_ws(p);
	if (p->i < p->len && p->s[p->i] == close) {
		p->i++;
		goto done;
	}
	while (1) {
		skip_ws(p);
		if (object) {
			if (p->i >= p->len || p->s[p->i] != '"') {
				fail(p, p->i >= p->len ? "unexpected end of file inside an object"
						       : "expected a string key");
				goto err;
			}
			struct doc_node *k = string(p);
			if (!k)
				goto err;
			skip_ws(p);
			if (p->i >= p->len || p->s[p->i] != ':') {
				fail(p, "expected ':' after an object key");
				goto err;
			}
			p->i++;
			ALLOC_GROW(kids, nk + 1, alloc);
			kids[nk++] = k;
		}
		struct doc_node *v = value(p);
		if (!v)
			goto err;
		ALLOC_GROW(kids, nk + 1, alloc);
		kids[nk++] = v;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->len && p->s[p->i] == close) {
			p->i++;
			break;
		}
		fail(p, p->i >= p->len ? (object ? "unexpected end of file inside an object"
						 : "unexpected end of file inside an array")
				       : (object ? "expected ',' or '}'" : "expected ',' or ']'"));
		goto err;
	}
done:
	if (object) {
		n->n = nk / 2;
		n->keys = doc_alloc(p->d, n->n * sizeof(*n->keys) + 1);
		n->vals = doc_alloc(p->d, n->n * sizeof(*n->vals) + 1);
		for (size_t i = 0; i < n->n; i++) {
			n->keys[i] = kids[2 * i];
			n->vals[i] = kids[2 * i + 1];
		}
	} else {
		n->n = nk;
		n->vals = doc_alloc(p->d, nk * sizeof(*n->vals) + 1);
		if (nk)
			memcpy(n->vals, kids, nk * sizeof(*kids));
	}
	free(kids);
	p->depth--;
	return n;
err:
	free(kids);
	return NULL;
}

static struct doc_node *value(struct jp *p)
{
	skip_ws(p);
	if (p->i >= p->len) {
		fail(p, "unexpected end of file, expected a value");
		return NULL;
	}
	switch (p->s[p->i]) {
	case '{':
		return collection(p, true);
	case '[':
		return collection(p, false);
	case '"':
		return string(p);
	default:
		return literal(p);
	}
}

struct doc *doc_parse_json(const char *buf, size_t len, struct doc_error *err)
{
	return doc_parse_json_budget(buf, len, NULL, err);
}

struct doc *doc_parse_json_budget(const char *buf, size_t len, struct budget *budget, struct doc_error *err)
{
	struct jp p = {.d = doc_new(len, budget), .s = buf, .len = len, .line = 1, .err = err, .col = 1};
	memset(err, 0, sizeof(*err));
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		p.i = p.line_start = p.col_pos = 3;
	p.d->root = value(&p);
	if (p.d->root) {
		skip_ws(&p);
		if (p.i < p.len) {
			fail(&p, "unexpected text after the JSON value");
			p.d->root = NULL;
		}
	}
	free(p.tmp);
	if (!p.d->root) {
		doc_free(p.d);
		return NULL;
	}
	return p.d;
}
