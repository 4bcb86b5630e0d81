/* textenc: the one decoding step where files are read. A file that starts with a UTF-16
 * byte order mark (what Windows PowerShell 5's `>` writes), or without one but with the
 * NUL pattern of UTF-16 in its first four bytes, is turned into UTF-8, a mark
 * becoming the UTF-8 mark, so every reader (inventory stream, templates, plans) then sees
 * the UTF-8 it knows, lines unchanged. A UTF-8 byte order mark is left in place for the
 * readers to skip, so byte ranges (--fix) still match the file. */
#ifndef SUNSET_TEXTENC_H
#define SUNSET_TEXTENC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

enum textenc { TEXTENC_UTF8, TEXTENC_UTF16LE, TEXTENC_UTF16BE };

/* textenc_detect looks at the first n bytes (n >= 2 to tell UTF-16, 4 to tell it without
 * a byte order mark for sure). */
enum textenc textenc_detect(const void *p, size_t n);
/* textenc_name: "UTF-16LE", ... */
const char *textenc_name(enum textenc e);
/* textenc_utf16 appends the UTF-8 for the UTF-16 code units at [in, in+n) to out, invalid
 * units (lone surrogates) as U+FFFD. Returns the bytes used: all of them when `final`,
 * else an odd last byte or a high surrogate at the end is left for the next call. */
size_t textenc_utf16(const void *in, size_t n, bool big_endian, bool final, struct strbuf *out);
/* textenc_decode turns a whole buffer (*buf of *len bytes, NUL-terminated, owned) into
 * UTF-8 in place of the old one. Returns the encoding it was in. */
enum textenc textenc_decode(char **buf, size_t *len);

#endif
