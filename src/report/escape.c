#include "report/escape.h"

#include <string.h>

#include "util/quote.h"
#include "util/utf8.h"

void escape_xml(FILE *out, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;
		switch (c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				break; /* not allowed in XML 1.0 */
			if (c < 0x80) {
				fputc(c, out);
				break;
			}
			size_t k = utf8_decode(s + i, n - i, &cp);
			if (!k) {
				fputs(UTF8_REPLACEMENT, out);
				break;
			}
			fwrite(s + i, 1, k, out);
			i += k - 1;
		}
	}
}

void escape_md(FILE *out, const char *s)
{
	if (!s)
		return;
	struct strbuf flat = STRBUF_INIT, vis = STRBUF_INIT;
	for (const char *p = s; *p; p++)
		sb_addc(&flat, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	quote_term(&vis, flat.buf ? flat.buf : "", flat.len);
	for (size_t i = 0; i < vis.len; i++) {
		unsigned char c = (unsigned char)vis.buf[i];
		if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '&')
			fputs("&amp;", out);
		else {
			if (strchr("\\`*_{}[]()#+!|~", c))
				fputc('\\', out);
			fputc(c, out);
		}
	}
	sb_release(&flat);
	sb_release(&vis);
}

void escape_term_sb(struct strbuf *sb, const char *s)
{
	if (s)
		quote_term(sb, s, strlen(s));
}

void escape_term(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	if (!s)
		return;
	escape_term_sb(&sb, s);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, out);
	sb_release(&sb);
}

void escape_shell(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	quote_shell(&sb, s ? s : "");
	fwrite(sb.buf, 1, sb.len, out);
	sb_release(&sb);
}

void escape_uri_path(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			sb_addc(sb, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			sb_add(sb, e, 3);
		}
	}
}
