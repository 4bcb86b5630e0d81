/* xalloc: allocation wrappers that abort with a message instead of returning NULL. */
#ifndef SUNSET_XALLOC_H
#define SUNSET_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xasprintf returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow array `p` of `nr` used elements so it holds at least `want`, tracking capacity `alloc`. */
#define ALLOC_GROW(p, want, alloc)                                                  \
	do {                                                                        \
		if ((want) > (alloc)) {                                             \
			size_t grow_n_ = (alloc) < 8 ? 8 : (alloc) * 2;             \
			if (grow_n_ < (want))                                       \
				grow_n_ = (want);                                   \
			(p) = xreallocarray((p), grow_n_, sizeof(*(p)));            \
			(alloc) = grow_n_;                                          \
		}                                                                   \
	} while (0)

void *xreallocarray(void *p, size_t nmemb, size_t size);

#define FREE_AND_NULL(p) \
	do {             \
		free(p);     \
		(p) = NULL;  \
	} while (0)

#endif
