/* escape: writing scanned text safely into markup. Every string that comes from a scanned
 * resource goes through one of these. */
#ifndef SUNSET_ESCAPE_H
#define SUNSET_ESCAPE_H

#include <stdio.h>

/* escape_xml writes s with & < > " ' as entities and characters XML 1.0 forbids dropped
 * (valid for HTML text and attribute values too). NULL writes nothing. */
void escape_xml(FILE *out, const char *s);
/* escape_md writes s for a Markdown table cell or line: markup characters backslashed,
 * < and > as entities, line breaks as spaces. */
void escape_md(FILE *out, const char *s);

#endif
