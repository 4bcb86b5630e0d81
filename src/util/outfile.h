/* outfile: write a report so that a reader never sees half of it: into a temporary file
 * in the same folder, renamed over the target on success. Standard output, devices and
 * pipes are written directly. An existing file keeps its mode (and its owner where
 * allowed); a symbolic link is written through (the file it names is replaced, the link
 * stays), and one to a missing file is refused. */
#ifndef SUNSET_OUTFILE_H
#define SUNSET_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *fp;
	char *path; /* target, NULL for stdout */
	char *tmp;  /* temporary file, NULL when writing directly */
};

/* outfile_open opens `path` (NULL or "-" = stdout). Returns 0 or -1 after an error line. */
int outfile_open(struct outfile *of, const char *path);
/* outfile_commit flushes, checks for write errors and renames into place. Returns 0 or -1;
 * on failure the target is left as it was. */
int outfile_commit(struct outfile *of);
/* outfile_abort discards what was written (stdout excepted). */
void outfile_abort(struct outfile *of);

#endif
