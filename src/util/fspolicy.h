/* fspolicy: the one place that decides whether a path may be read or written, and
 * opens files for reading safely. The roots are the real paths of the scanned PATHs (for
 * a file, its own folder without the folders below it: a template given alone may name
 * the files beside it, never what lies further away); a path a template names ("${file()}", a module source, a
 * variables file found by convention) may be read only when its real path, symbolic
 * links resolved, lies under a root. Paths the user types (a PATH, --var-file) are
 * theirs to choose: they are opened with a NULL policy. Whatever is opened must be a
 * regular file: a FIFO, a device or a socket is refused without blocking. */
#ifndef SUNSET_FSPOLICY_H
#define SUNSET_FSPOLICY_H

#include <stdbool.h>
#include <stddef.h>

struct fsp {
	char **roots;  /* owned real paths */
	bool *shallow; /* parallel to roots: only the folder's own files (a file PATH's folder) */
	size_t n, alloc, shallow_alloc;
};

/* fsp_add_root adds the real path of `path` (its folder, shallow, when it is not a directory).
 * Returns 0, or -1 when it cannot be resolved. */
int fsp_add_root(struct fsp *p, const char *path);
void fsp_release(struct fsp *p);

/* fsp_under says whether the real path `real` is `root` or lies beneath it. */
bool fsp_under(const char *real, const char *root);

/* fsp_may_use says whether `path` resolves (symbolic links included) under a root of p;
 * when not, a reason ("it resolves outside the scanned folder", "cannot resolve it: ...")
 * goes into why. A NULL p allows everything. */
bool fsp_may_use(const struct fsp *p, const char *path, char *why, size_t whyn);

/* fsp_open opens `path` for reading: O_NONBLOCK so that a FIFO cannot block, fstat on
 * the descriptor (a regular file only, no check-then-open race), the real path of what
 * was opened checked against p (NULL: any place), then blocking reads again. Returns the
 * descriptor (the caller closes it), or -1 with a reason in msg. */
int fsp_open(const struct fsp *p, const char *path, char *msg, size_t msgn);

#endif
