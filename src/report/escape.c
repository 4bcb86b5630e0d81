#include "escape.h"

#include <string.h>

void escape_xml(FILE *out, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				break; /* not allowed in XML 1.0 */
			fputc(c, out);
		}
	}
}

void escape_md(FILE *out, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '&')
			fputs("&amp;", out);
		else if (c == '\n' || c == '\r' || c == '\t')
			fputc(' ', out);
		else if (c < 0x20)
			continue;
		else {
			if (strchr("\\`*_{}[]()#+!|~", c))
				fputc('\\', out);
			fputc(c, out);
		}
	}
}
