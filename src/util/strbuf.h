/* strbuf: a growable NUL-terminated byte buffer. */
#ifndef SUNSET_STRBUF_H
#define SUNSET_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf; /* always NUL-terminated once anything was added */
	size_t len, alloc;
};

#define STRBUF_INIT {NULL, 0, 0}

void sb_add(struct strbuf *sb, const void *data, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* sb_detach returns the string (never NULL) and leaves sb empty; the caller frees it. */
char *sb_detach(struct strbuf *sb);
void sb_release(struct strbuf *sb);

#endif
