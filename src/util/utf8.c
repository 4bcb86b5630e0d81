#include "util/utf8.h"

#include <string.h>

#include "util/xalloc.h"

size_t utf8_decode(const char *str, size_t n, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long c;
	size_t len;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0; /* continuation byte, C0/C1 (overlong 2-byte), F5..FF */
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10FFFF)
		return 0; /* overlong or out of range */
	if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
		return 0; /* surrogate, or a noncharacter XML forbids */
	*cp = c;
	return len;
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	unsigned long cp;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

void utf8_repair(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	unsigned long cp;
	while (i < n) {
		size_t k = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
		if (k) {
			i += k;
			continue;
		}
		sb_add(sb, s + run, i - run);
		sb_adds(sb, UTF8_REPLACEMENT);
		/* a well-formed noncharacter (U+FFFE, U+FFFF) is one character: one U+FFFD */
		i += n - i >= 3 && !memcmp(s + i, "\xef\xbf", 2) && ((unsigned char)s[i + 2] & 0xFE) == 0xBE ? 3 : 1;
		run = i;
	}
	sb_add(sb, s + run, n - run);
}

char *utf8_dup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (utf8_valid(s, n))
		return xstrdup(s);
	struct strbuf sb = STRBUF_INIT;
	utf8_repair(&sb, s, n);
	return sb_detach(&sb);
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t i = max;
	/* back up over continuation bytes to the lead byte of the character at max */
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && max - i < 3)
		i--;
	return i;
}
