#include "util/outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/msg.h"
#include "util/xalloc.h"

int outfile_open(struct outfile *of, const char *path)
{
	struct stat st;
	char real[PATH_MAX];
	bool exists;
	memset(of, 0, sizeof(*of));
	if (!path || !strcmp(path, "-")) {
		of->fp = stdout;
		return 0;
	}
	/* a symbolic link is written through: the file it names is replaced, the link kept */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!realpath(path, real)) {
			errorf("%s: cannot write: a symbolic link to a missing file (%s)", path, strerror(errno));
			return -1;
		}
		of->path = xstrdup(real);
	} else {
		of->path = xstrdup(path);
	}
	exists = stat(of->path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			goto fail_dir;
		of->fp = fopen(of->path, "w");
		if (!of->fp)
			goto fail;
		return 0;
	}
	const char *slash = strrchr(of->path, '/');
	of->tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - of->path), of->path, slash + 1)
			: xasprintf(".%s.XXXXXX", of->path);
	int fd = mkstemp(of->tmp);
	if (fd < 0)
		goto fail;
	mode_t mask = umask(0);
	umask(mask);
	/* an existing report keeps its mode (a 0600 file stays private) and, where allowed,
	 * its owner and group */
	if (exists && fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
		goto fail_fd;
	if (fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask) < 0 || !(of->fp = fdopen(fd, "w")))
		goto fail_fd;
	return 0;
fail_fd: {
	int e = errno;
	close(fd);
	unlink(of->tmp);
	errno = e;
	goto fail;
}
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
