#include "catalog/catalog_cache.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/msg.h"
#include "util/xalloc.h"

#define CACHE_FILE "sunset/lambda-runtimes.json"

char *catalog_cache_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/') /* the XDG spec: relative values are ignored */
		return xasprintf("%s/%s", xdg, CACHE_FILE);
	if (home && *home)
		return xasprintf("%s/.cache/%s", home, CACHE_FILE);
	return NULL;
}

int catalog_cache_load(struct catalog **out)
{
	char *path = catalog_cache_path();
	int rc = 0;
	if (!path || access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	if (catalog_load_file(path, out) < 0) {
		warnf("ignoring the cached runtime catalog %s; using the built-in one "
		      "(run 'sunset runtimes --update' to replace it)", path);
		rc = -1;
	} else {
		catalog_set_source(*out, "cache");
		rc = 1;
	}
	free(path);
	return rc;
}

/* mkdirs creates every folder above the file `path`. */
static int mkdirs(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			rc = errorf("%s: cannot create folder: %s", p, strerror(errno));
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

int catalog_cache_write(const char *path, const char *text, size_t len)
{
	if (mkdirs(path) < 0)
		return -1;
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	int rc = -1;
	if (fd < 0) {
		errorf("%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	bool ok = off == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
	if (close(fd) < 0)
		ok = false;
	if (!ok)
		errorf("%s: write error: %s", path, strerror(errno ? errno : EIO));
	else if (rename(tmp, path) < 0)
		errorf("%s: cannot rename into place: %s", path, strerror(errno));
	else
		rc = 0;
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
