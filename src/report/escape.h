/* escape: writing scanned text safely into each kind of output. Every string that comes
 * from a scanned resource goes through one of these on its way out (the strings are
 * already valid UTF-8: utf8.h, applied where they enter the scan). */
#ifndef SUNSET_ESCAPE_H
#define SUNSET_ESCAPE_H

#include <stdio.h>

#include "util/strbuf.h"

/* escape_xml writes s with & < > " ' as entities, characters XML 1.0 forbids dropped and
 * invalid UTF-8 as U+FFFD (valid for HTML text and attribute values too). NULL writes
 * nothing. */
void escape_xml(FILE *out, const char *s);
/* escape_md writes s for a Markdown table cell or line: markup characters backslashed,
 * < and > as entities, line breaks as spaces, other control characters visible (\x1b). */
void escape_md(FILE *out, const char *s);
/* escape_term writes s for a terminal: control characters and invalid UTF-8 visible
 * (\x1b, \n, \u009b: quote_term). NULL writes nothing. */
void escape_term(FILE *out, const char *s);
/* escape_term_sb appends the same text to sb. */
void escape_term_sb(struct strbuf *sb, const char *s);
/* escape_shell writes s as one shell word (quote_shell). */
void escape_shell(FILE *out, const char *s);
/* escape_uri_path appends s to sb percent-encoded as a URI path (RFC 3986): every byte but
 * the unreserved characters and '/' as %XX. */
void escape_uri_path(struct strbuf *sb, const char *s);

#endif
