/* jrecord: the fast path for one JSON object held in memory (a function record of a
 * list-functions page). It checks the whole text is JSON that jansson would accept and
 * hands back the values of a few top-level members by name, without building values.
 * Anything out of the ordinary (numbers jansson might refuse, escapes in a wanted value or
 * in a key, lone surrogates, invalid UTF-8, deep nesting, a syntax error) makes it decline,
 * and the caller decodes the text with jansson as before: jansson stays the judge of every
 * error and its message. */
#ifndef SUNSET_JRECORD_H
#define SUNSET_JRECORD_H

#include <stddef.h>

/* One wanted member. After jrecord_scan: `p`/`len` the value's text (for a string: between
 * the quotes, no escapes in it), `kind` its first byte ('"', '[', '{', 'n', 't', 'f', a
 * digit or '-'), or 0 when the member is absent. The last of duplicate keys wins, as in
 * jansson. */
struct jrecord_field {
	const char *key;
	const char *p;
	size_t len;
	char kind;
};

/* jrecord_scan scans the object text [p, p+len). Returns 0 when it is a valid object and
 * the fields are filled, -1 when the caller must use jansson. */
int jrecord_scan(const char *p, size_t len, struct jrecord_field *f, size_t nf);

/* jrecord_strings walks an array value a field pointed at (kind '['): calls `each` for every
 * element, which must be a string without escapes. Returns 0, or -1 when an element is not
 * such a string (or `each` returns -1). */
int jrecord_strings(const char *p, size_t len, int (*each)(const char *s, size_t n, void *ctx), void *ctx);

#endif
