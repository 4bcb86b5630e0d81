/* codeowners: the owners GitHub gives a file of a repository from its CODEOWNERS file
 * (.github/CODEOWNERS, then CODEOWNERS, then docs/CODEOWNERS at the repository root; the
 * first found is used). Patterns follow GitHub's rules, which are gitignore's without `!`
 * and `[]`: the last matching line wins; a line without owners un-owns; a pattern with a
 * leading or middle `/` is anchored at the root, one without matches at any depth; a
 * trailing `/` matches a directory's contents only; `*` stays within a path segment, `**`
 * crosses them; a pattern matching a directory matches everything below it. */
#ifndef SUNSET_IAC_CODEOWNERS_H
#define SUNSET_IAC_CODEOWNERS_H

#include <stdbool.h>
#include <stddef.h>

struct codeowners;

/* codeowners_parse reads the text of a CODEOWNERS file (never fails: lines it cannot use
 * are skipped, as GitHub does). */
struct codeowners *codeowners_parse(const char *text, size_t len);
void codeowners_free(struct codeowners *co);

/* codeowners_match returns the owners ("@org/team @alice", space-separated) of `path`
 * (relative to the repository root, '/'-separated, no leading "./"), or NULL. */
const char *codeowners_match(const struct codeowners *co, const char *path);

/* codeowners_glob: one pattern (as written, without owners) against a path. */
bool codeowners_glob(const char *pattern, const char *path);

/* Where a scanned file's owners come from: the nearest folder above it that is a
 * repository root (has .git) or holds a CODEOWNERS file in one of GitHub's three places.
 * The last folder and repository looked at are kept, so a tree costs one lookup a folder. */
struct codeowners_cache {
	char *dir, *root;        /* the last file's folder (real path) and its root, or NULL */
	char *rel;               /* scratch: a path relative to the root */
	struct codeowners *co;   /* the root's rules, or NULL when it has none */
};

/* codeowners_for returns the owners of the file at `path` (as it can be opened), or NULL. A
 * CODEOWNERS file that cannot be read is one warning. */
const char *codeowners_for(struct codeowners_cache *c, const char *path);
void codeowners_cache_release(struct codeowners_cache *c);

#endif
