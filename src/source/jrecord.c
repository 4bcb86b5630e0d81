#include "source/jrecord.h"

#include <stdbool.h>
#include <string.h>

#include "util/utf8.h"

#define MAX_DEPTH 512

/* plain[b]: byte b stands for itself inside a string (printable ASCII but '"' and '\\') */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

struct cur {
	const char *p, *end;
};

static void ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\t' || *c->p == '\r'))
		c->p++;
}

static int hexval(char h)
{
	if (h >= '0' && h <= '9')
		return h - '0';
	if (h >= 'a' && h <= 'f')
		return h - 'a' + 10;
	if (h >= 'A' && h <= 'F')
		return h - 'A' + 10;
	return -1;
}

/* string: c->p at the opening quote. Sets *s, *n to the text between the quotes and
 * *escaped when it holds a backslash. -1 on anything jansson might refuse. */
static int string(struct cur *c, const char **s, size_t *n, bool *escaped)
{
	const char *q = ++c->p;
	*escaped = false;
	for (;;) {
		/* the common case: a run of plain printable ASCII */
		while (q < c->end && plain[(unsigned char)*q])
			q++;
		if (q >= c->end)
			return -1;
		unsigned char b = (unsigned char)*q;
		if (b == '"')
			break;
		if (b < 0x20)
			return -1;
		if (b == '\\') {
			*escaped = true;
			if (q + 1 >= c->end)
				return -1;
			char e = q[1];
			if (e == 'u') {
				int v = 0;
				if (q + 5 >= c->end)
					return -1;
				for (int i = 2; i < 6; i++) {
					int h = hexval(q[i]);
					if (h < 0)
						return -1;
					v = v * 16 + h;
				}
				if (v >= 0xD800 && v <= 0xDFFF)
					return -1; /* surrogates: leave the pairing rules to jansson */
				q += 6;
			} else if (strchr("\"\\/bfnrt", e) && e) {
				q += 2;
			} else {
				return -1;
			}
			continue;
		}
		/* non-ASCII: one valid character (stricter than jansson, never looser) */
		unsigned long cp;
		size_t l = utf8_decode(q, (size_t)(c->end - q), &cp);
		if (!l)
			return -1;
		q += l;
	}
	*s = c->p;
	*n = (size_t)(q - c->p);
	c->p = q + 1;
	return 0;
}

/* number: only what jansson reads without overflow: an integer of at most 18 digits. */
static int number(struct cur *c)
{
	const char *q = c->p;
	if (q < c->end && *q == '-')
		q++;
	const char *d = q;
	while (q < c->end && *q >= '0' && *q <= '9')
		q++;
	size_t nd = (size_t)(q - d);
	if (nd == 0 || nd > 18 || (nd > 1 && *d == '0'))
		return -1;
	if (q < c->end && (*q == '.' || *q == 'e' || *q == 'E'))
		return -1;
	c->p = q;
	return 0;
}

static int literal(struct cur *c, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n))
		return -1;
	c->p += n;
	return 0;
}

static int value(struct cur *c, int depth);

static int object(struct cur *c, int depth, struct jrecord_field *f, size_t nf)
{
	c->p++; /* '{' */
	ws(c);
	if (c->p < c->end && *c->p == '}') {
		c->p++;
		return 0;
	}
	for (;;) {
		const char *k;
		size_t kn;
		bool esc;
		if (c->p >= c->end || *c->p != '"' || string(c, &k, &kn, &esc) < 0 || esc)
			return -1;
		ws(c);
		if (c->p >= c->end || *c->p != ':')
			return -1;
		c->p++;
		ws(c);
		if (c->p >= c->end)
			return -1;
		const char *vstart = c->p;
		struct jrecord_field *want = NULL;
		for (size_t i = 0; i < nf && depth == 1; i++)
			if (f[i].key[0] == k[0] && !strncmp(f[i].key, k, kn) && !f[i].key[kn]) {
				want = &f[i];
				break;
			}
		if (want && *vstart == '"') {
			const char *s;
			size_t sn;
			if (string(c, &s, &sn, &esc) < 0 || esc)
				return -1;
			want->p = s;
			want->len = sn;
		} else {
			if (value(c, depth + 1) < 0)
				return -1;
			if (want) {
				want->p = vstart;
				want->len = (size_t)(c->p - vstart);
			}
		}
		if (want)
			want->kind = *vstart;
		ws(c);
		if (c->p >= c->end)
			return -1;
		if (*c->p == '}') {
			c->p++;
			return 0;
		}
		if (*c->p != ',')
			return -1;
		c->p++;
		ws(c);
	}
}

static int array(struct cur *c, int depth)
{
	c->p++; /* '[' */
	ws(c);
	if (c->p < c->end && *c->p == ']') {
		c->p++;
		return 0;
	}
	for (;;) {
		if (value(c, depth + 1) < 0)
			return -1;
		ws(c);
		if (c->p >= c->end)
			return -1;
		if (*c->p == ']') {
			c->p++;
			return 0;
		}
		if (*c->p != ',')
			return -1;
		c->p++;
		ws(c);
	}
}

static int value(struct cur *c, int depth)
{
	const char *s;
	size_t n;
	bool esc;
	if (depth > MAX_DEPTH || c->p >= c->end)
		return -1;
	switch (*c->p) {
	case '{': return object(c, depth, NULL, 0);
	case '[': return array(c, depth);
	case '"': return string(c, &s, &n, &esc);
	case 't': return literal(c, "true");
	case 'f': return literal(c, "false");
	case 'n': return literal(c, "null");
	default: return number(c);
	}
}

int jrecord_scan(const char *p, size_t len, struct jrecord_field *f, size_t nf)
{
	struct cur c = {p, p + len};
	for (size_t i = 0; i < nf; i++) {
		f[i].p = NULL;
		f[i].len = 0;
		f[i].kind = 0;
	}
	ws(&c);
	if (c.p >= c.end || *c.p != '{' || object(&c, 1, f, nf) < 0)
		return -1;
	ws(&c);
	return c.p == c.end ? 0 : -1;
}

int jrecord_strings(const char *p, size_t len, int (*each)(const char *s, size_t n, void *ctx), void *ctx)
{
	struct cur c = {p, p + len};
	if (c.p >= c.end || *c.p != '[')
		return -1;
	c.p++;
	ws(&c);
	if (c.p < c.end && *c.p == ']')
		return 0;
	for (;;) {
		const char *s;
		size_t n;
		bool esc;
		if (c.p >= c.end || *c.p != '"' || string(&c, &s, &n, &esc) < 0 || esc || each(s, n, ctx) < 0)
			return -1;
		ws(&c);
		if (c.p < c.end && *c.p == ']')
			return 0;
		if (c.p >= c.end || *c.p != ',')
			return -1;
		c.p++;
		ws(&c);
	}
}
