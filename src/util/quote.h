/* quote: text made safe for a terminal and for a shell. The scan model (remediation
 * commands) and msg.c (stderr) use these; the writers reach them through report/escape.h. */
#ifndef SUNSET_QUOTE_H
#define SUNSET_QUOTE_H

#include <stddef.h>

#include "util/strbuf.h"

/* quote_term appends the n bytes at s to sb with every control character made visible:
 * \n \r \t as such, other C0 bytes and DEL as \xNN, C1 controls (U+0080..U+009F) as \uNNNN,
 * and bytes that are not valid UTF-8 as \xNN. Nothing it writes moves the cursor, changes
 * colours or ends a line. */
void quote_term(struct strbuf *sb, const char *s, size_t n);
/* quote_shell appends s to sb as one POSIX shell word: as it is when it only holds
 * characters no shell treats specially (and is not empty), else in single quotes with each
 * ' written as '\''. */
void quote_shell(struct strbuf *sb, const char *s);

#endif
