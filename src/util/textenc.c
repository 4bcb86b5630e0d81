#include "util/textenc.h"

#include <stdlib.h>

enum textenc textenc_detect(const void *p, size_t n)
{
	const unsigned char *b = p;
	if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		return TEXTENC_UTF16LE;
	if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		return TEXTENC_UTF16BE;
	/* no mark: text that starts with an ASCII character (every JSON, YAML or HCL file
	 * does) shows UTF-16 by a NUL in the high byte of each code unit; four bytes with two
	 * NULs in the same place (not three, which is UTF-32) when there are four */
	if (n >= 2 && b[0] && !b[1] && (n < 4 || (b[2] && !b[3])))
		return TEXTENC_UTF16LE;
	if (n >= 2 && !b[0] && b[1] && (n < 4 || (!b[2] && b[3])))
		return TEXTENC_UTF16BE;
	return TEXTENC_UTF8;
}

const char *textenc_name(enum textenc e)
{
	return e == TEXTENC_UTF16LE ? "UTF-16LE" : e == TEXTENC_UTF16BE ? "UTF-16BE" : "UTF-8";
}

static void put_utf8(struct strbuf *out, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	sb_add(out, u, n);
}

size_t textenc_utf16(const void *in, size_t n, bool big_endian, bool final, struct strbuf *out)
{
	const unsigned char *b = in;
	size_t i = 0;
#define UNIT(k) (big_endian ? (unsigned)(b[k] << 8 | b[(k) + 1]) : (unsigned)(b[(k) + 1] << 8 | b[k]))
	while (i + 1 < n) {
		unsigned u = UNIT(i);
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 3 >= n) {
				if (!final)
					break; /* the low half may come with the next read */
				put_utf8(out, 0xFFFD);
				i += 2;
				continue;
			}
			unsigned lo = UNIT(i + 2);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				put_utf8(out, 0x10000 + (((unsigned long)u - 0xD800) << 10) + (lo - 0xDC00));
				i += 4;
			} else {
				put_utf8(out, 0xFFFD);
				i += 2;
			}
		} else {
			put_utf8(out, u >= 0xDC00 && u <= 0xDFFF ? 0xFFFD : u);
			i += 2;
		}
	}
#undef UNIT
	if (final && i < n) {
		put_utf8(out, 0xFFFD); /* an odd byte at the end */
		i = n;
	}
	return i;
}

enum textenc textenc_decode(char **buf, size_t *len)
{
	enum textenc e = textenc_detect(*buf, *len);
	if (e == TEXTENC_UTF8)
		return e;
	struct strbuf sb = STRBUF_INIT;
	textenc_utf16(*buf, *len, e == TEXTENC_UTF16BE, true, &sb);
	free(*buf);
	*len = sb.len;
	*buf = sb_detach(&sb);
	return e;
}
