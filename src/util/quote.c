#include "util/quote.h"

#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

void quote_term(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp = c;
		size_t k = c < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
		bool ctl = k == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
		if (!ctl) {
			i += k;
			continue;
		}
		sb_add(sb, s + run, i - run);
		if (k == 0)
			sb_addf(sb, "\\x%02x", c);
		else if (cp == '\n')
			sb_adds(sb, "\\n");
		else if (cp == '\r')
			sb_adds(sb, "\\r");
		else if (cp == '\t')
			sb_adds(sb, "\\t");
		else if (cp < 0x80)
			sb_addf(sb, "\\x%02lx", cp);
		else
			sb_addf(sb, "\\u%04lx", cp);
		i += k ? k : 1;
		run = i;
	}
	sb_add(sb, s + run, n - run);
}

void quote_shell(struct strbuf *sb, const char *s)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/,+@";
	if (*s && strspn(s, safe) == strlen(s)) {
		sb_adds(sb, s);
		return;
	}
	sb_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_adds(sb, "'\\''");
		else
			sb_addc(sb, *s);
	}
	sb_addc(sb, '\'');
}
