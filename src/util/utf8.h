/* utf8: the one place that decides what valid text is. Every string from a scanned input is
 * made valid UTF-8 where it enters the scan (scan.c, errlist.c), and every cut of a string
 * falls on a character boundary. Valid means: shortest form, no surrogates, at most
 * U+10FFFF, and not the noncharacters U+FFFE/U+FFFF (XML forbids them); anything else is
 * replaced by U+FFFD, one per invalid byte or truncated sequence. */
#ifndef SUNSET_UTF8_H
#define SUNSET_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

#define UTF8_REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* utf8_decode reads one character at s (n > 0 bytes available): returns its length (1-4)
 * and sets *cp, or returns 0 when the bytes there are not a valid character. */
size_t utf8_decode(const char *s, size_t n, unsigned long *cp);
/* utf8_valid: whether the n bytes at s are valid UTF-8 as defined above. */
bool utf8_valid(const char *s, size_t n);
/* utf8_repair appends the n bytes at s to sb with every invalid sequence replaced by U+FFFD. */
void utf8_repair(struct strbuf *sb, const char *s, size_t n);
/* utf8_dup returns a valid copy of s (the caller frees it), or NULL when s is NULL. */
char *utf8_dup(const char *s);
/* utf8_cut returns the largest length <= max at which the n bytes at s can be cut without
 * splitting a character (s is taken as valid UTF-8; stray continuation bytes are skipped). */
size_t utf8_cut(const char *s, size_t n, size_t max);

#endif
