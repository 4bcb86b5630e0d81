/* text: small byte-level helpers the parsers share (hex digits, UTF-8 encoding). */
#ifndef SUNSET_TEXT_H
#define SUNSET_TEXT_H

#include <stddef.h>

/* text_hex_digit is the value of hex digit c, or -1. */
int text_hex_digit(char c);
/* text_utf8_put encodes code point cp (at most 0x10FFFF) at out (4 bytes of room) and
 * returns the number of bytes written. */
size_t text_utf8_put(char *out, unsigned long cp);

#endif
