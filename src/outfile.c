#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "xalloc.h"

int outfile_open(struct outfile *of, const char *path)
{
	struct stat st;
	memset(of, 0, sizeof(*of));
	if (!path || !strcmp(path, "-")) {
		of->fp = stdout;
		return 0;
	}
	of->path = xstrdup(path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			goto fail_dir;
		of->fp = fopen(path, "w");
		if (!of->fp)
			goto fail;
		return 0;
	}
	const char *slash = strrchr(path, '/');
	of->tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
			: xasprintf(".%s.XXXXXX", path);
	int fd = mkstemp(of->tmp);
	if (fd < 0)
		goto fail;
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || !(of->fp = fdopen(fd, "w"))) {
		close(fd);
		unlink(of->tmp);
		goto fail;
	}
	return 0;
fail_dir:
	errno = EISDIR;
fail:
	errorf("%s: cannot write: %s", path, strerror(errno));
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof(*of));
	return -1;
}

int outfile_commit(struct outfile *of)
{
	int rc = 0;
	const char *name = of->path ? of->path : "standard output";
	if (fflush(of->fp) != 0 || ferror(of->fp))
		rc = errorf("%s: write error: %s", name, strerror(errno));
	if (of->fp != stdout && fclose(of->fp) != 0 && rc == 0)
		rc = errorf("%s: write error: %s", name, strerror(errno));
	of->fp = NULL;
	if (of->tmp) {
		if (rc == 0 && rename(of->tmp, of->path) != 0)
			rc = errorf("%s: cannot rename into place: %s", of->path, strerror(errno));
		if (rc != 0)
			unlink(of->tmp);
	}
	FREE_AND_NULL(of->tmp);
	FREE_AND_NULL(of->path);
	return rc;
}

void outfile_abort(struct outfile *of)
{
	if (of->fp && of->fp != stdout)
		fclose(of->fp);
	if (of->tmp)
		unlink(of->tmp);
	FREE_AND_NULL(of->tmp);
	FREE_AND_NULL(of->path);
	of->fp = NULL;
}
