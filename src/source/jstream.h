/* jstream: a byte stream over a file descriptor for reading JSON structure by hand and
 * handing whole values to jansson one at a time, with line and column tracking. Memory
 * is bounded by the largest single value captured, not by the file. */
#ifndef SUNSET_JSTREAM_H
#define SUNSET_JSTREAM_H

#include <stdbool.h>
#include <stddef.h>

struct jstream;

#define JS_EOF (-1)
#define JS_ERROR (-2) /* read error or value over the size limit: see jstream_error */

/* jstream_new reads from `fd` (borrowed, not closed). `max_value` caps one captured value
 * (0 = 64 MiB); `chunk` is the read size (0 = 256 KiB). */
struct jstream *jstream_new(int fd, size_t max_value, size_t chunk);
void jstream_free(struct jstream *js);

/* jstream_peek skips whitespace (and a leading UTF-8 byte order mark) and returns the next
 * byte without consuming it, JS_EOF, or JS_ERROR. */
int jstream_peek(struct jstream *js);
/* jstream_next consumes the byte jstream_peek returned. */
void jstream_next(struct jstream *js);
/* jstream_lookahead returns the byte `off` bytes after the next one without consuming
 * anything (whitespace included), JS_EOF, or JS_ERROR. */
int jstream_lookahead(struct jstream *js, size_t off);
/* jstream_pos is the 1-based line and byte column of the next byte. */
void jstream_pos(const struct jstream *js, long *line, long *column);

/* jstream_capture consumes one complete JSON value starting at the next byte (after
 * jstream_peek) and sets *p, *len to its text, valid until the next call on js. It does
 * not validate: pass the text to jansson. When input ends inside the value, the text up
 * to the end is returned and *truncated is set. Returns 0, or JS_ERROR. */
int jstream_capture(struct jstream *js, const char **p, size_t *len, bool *truncated);

/* jstream_error describes the last JS_ERROR ("read error: ...", "value over N bytes"). */
const char *jstream_error(const struct jstream *js);

#endif
