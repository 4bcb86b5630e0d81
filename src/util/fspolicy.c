/* fspolicy: may this path be read or written, and a safe open for reading. */
#include "util/fspolicy.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

int fsp_add_root(struct fsp *p, const char *path)
{
	char real[PATH_MAX];
	struct stat st;
	if (!realpath(path, real) || stat(real, &st) < 0)
		return -1;
	bool shallow = !S_ISDIR(st.st_mode);
	if (shallow) {
		char *slash = strrchr(real, '/');
		if (slash == real)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
	}
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->roots[i], real)) {
			p->shallow[i] = p->shallow[i] && shallow; /* a folder PATH makes it deep */
			return 0;
		}
	ALLOC_GROW(p->roots, p->n + 1, p->alloc);
	ALLOC_GROW(p->shallow, p->n + 1, p->shallow_alloc);
	p->shallow[p->n] = shallow;
	p->roots[p->n++] = xstrdup(real);
	return 0;
}

void fsp_release(struct fsp *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->roots[i]);
	free(p->roots);
	free(p->shallow);
	memset(p, 0, sizeof(*p));
}

bool fsp_under(const char *real, const char *root)
{
	size_t l = strlen(root);
	if (!strcmp(root, "/"))
		return real[0] == '/';
	return !strncmp(real, root, l) && (real[l] == '/' || real[l] == '\0');
}

static bool inside(const struct fsp *p, const char *real)
{
	for (size_t i = 0; i < p->n; i++) {
		if (!fsp_under(real, p->roots[i]))
			continue;
		if (!p->shallow[i])
			return true;
		/* a shallow root: the folder itself or a file directly in it */
		size_t l = strlen(p->roots[i]);
		const char *rest = real + l + (real[l] == '/');
		if (!strcmp(p->roots[i], "/"))
			rest = real + 1;
		if (!strchr(rest, '/'))
			return true;
	}
	return false;
}

static const char *outside_msg = "it resolves outside the scanned folder";

bool fsp_may_use(const struct fsp *p, const char *path, char *why, size_t whyn)
{
	char real[PATH_MAX];
	if (!p)
		return true;
	if (!realpath(path, real)) {
		snprintf(why, whyn, "cannot resolve it: %s", strerror(errno));
		return false;
	}
	if (!inside(p, real)) {
		snprintf(why, whyn, "%s", outside_msg);
		return false;
	}
	return true;
}

/* fd_real is the real path of what descriptor fd refers to: /proc's link, so that a link
 * swapped after the open cannot fool the check; the path resolved again without /proc. */
static bool fd_real(int fd, const char *path, char *out)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, out, PATH_MAX - 1);
	if (n > 0 && n < PATH_MAX - 1 && out[0] == '/') {
		out[n] = '\0';
		return true;
	}
	return realpath(path, out) != NULL;
}

int fsp_open(const struct fsp *p, const char *path, char *msg, size_t msgn)
{
	struct stat st;
	char real[PATH_MAX];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(msg, msgn, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(msg, msgn, "cannot read: %s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(msg, msgn, "not a regular file (%s)",
			 S_ISFIFO(st.st_mode)  ? "a FIFO"
			 : S_ISDIR(st.st_mode) ? "a directory"
			 : S_ISSOCK(st.st_mode) ? "a socket"
						: "a device");
		goto fail;
	}
	if (p && !(fd_real(fd, path, real) && inside(p, real))) {
		snprintf(msg, msgn, "%s", outside_msg);
		goto fail;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		snprintf(msg, msgn, "cannot read: %s", strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}
