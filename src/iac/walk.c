/* walk: find the files under each path given, in name order. Skips version-control,
 * dependency and build folders, --exclude globs, and symbolic links that leave the
 * tree; reads each candidate once and offers it to the formats. Terraform files are
 * gathered per directory and scanned together. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "iac/iac.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define MAX_DIR_DEPTH 64
#define MAX_UNNAMED_FILE (4L * 1024 * 1024) /* files without a template-like name: larger ones are not read */

static const char *const skip_dirs[] = {
	".git", ".hg", ".svn", "node_modules", ".terraform", ".terragrunt-cache", ".serverless", ".aws-sam",
	"vendor", "bower_components", ".venv", "venv", "__pycache__", ".tox",
};

/* Extensions of infrastructure code; files without an extension are read too. */
static const char *const iac_exts[] = {".yaml", ".yml", ".json", ".template", ".cfn", ".tf", ".tfvars"};

struct walker {
	struct iac_ctx *ctx;
	char root_real[PATH_MAX];
	/* real paths of the folders a .tf file of the tree calls as a local module: they are
	 * scanned through their callers, not as roots of their own */
	char **called;
	size_t ncalled, called_alloc;
};

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && !strcmp(s + a - b, suf);
}

static bool excluded(const struct iac_ctx *ctx, const char *rel, const char *name)
{
	for (size_t i = 0; i < ctx->opts->nexcludes; i++) {
		const char *g = ctx->opts->excludes[i];
		if (!fnmatch(g, rel, 0) || !fnmatch(g, name, 0))
			return true;
		/* a glob starting with two stars and a slash also matches at the top */
		if (!strncmp(g, "**/", 3) && (!fnmatch(g + 3, rel, 0) || !fnmatch(g + 3, name, 0)))
			return true;
	}
	return false;
}

static bool skipped_dir(const char *name)
{
	for (size_t i = 0; i < sizeof(skip_dirs) / sizeof(skip_dirs[0]); i++)
		if (!strcmp(name, skip_dirs[i]))
			return true;
	return false;
}

/* Service files sunset does not read (code, not data): said once per file. */
static const char *const unread_service_files[] = {"serverless.ts", "serverless.js", "serverless.mjs",
						   "serverless.cjs", "serverless.mts", "serverless.cts"};

static bool unread_service_file(const char *name)
{
	for (size_t i = 0; i < sizeof(unread_service_files) / sizeof(unread_service_files[0]); i++)
		if (!strcmp(name, unread_service_files[i]))
			return true;
	return false;
}

/* wanted: whether a file is worth reading, from its name. */
static bool wanted(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return true;
	for (size_t i = 0; i < sizeof(iac_exts) / sizeof(iac_exts[0]); i++)
		if (!strcasecmp(dot, iac_exts[i]))
			return true;
	return false;
}

/* iac_like: names that are infrastructure code for sure, so a refusal is worth an error. */
static bool iac_like(const char *name)
{
	for (size_t i = 0; i < sizeof(iac_exts) / sizeof(iac_exts[0]); i++)
		if (has_suffix(name, iac_exts[i]))
			return true;
	return false;
}

static bool is_tf(const char *name)
{
	return has_suffix(name, ".tf");
}

static bool is_auto_tfvars(const char *name)
{
	return !strcmp(name, "terraform.tfvars") || has_suffix(name, ".auto.tfvars") ||
	       !strcmp(name, "terraform.tfvars.json") || has_suffix(name, ".auto.tfvars.json");
}

/* read_candidate reads a file for scanning; NULL (after an error entry when the file
 * is infrastructure code by name, or was named on the command line) when it cannot be. */
static char *read_candidate(struct iac_ctx *ctx, const char *path, const char *rel, const char *name, bool explicit,
			    size_t *len)
{
	char msg[256], *buf;
	if (iac_read_file(explicit ? NULL : &ctx->fsp, path, ctx->opts->max_file, &buf, len, msg, sizeof(msg)) < 0) {
		if (explicit || iac_like(name))
			iac_error(ctx, rel, 0, 0, "%s", msg);
		return NULL;
	}
	ctx->files++;
	if (memchr(buf, '\0', *len < 8192 ? *len : 8192)) {
		if (explicit || iac_like(name))
			iac_error(ctx, rel, 0, 0, "binary file (a NUL byte in the first 8 KiB); not scanned");
		free(buf);
		return NULL;
	}
	return buf;
}

/* scan_file offers one file to the formats, most certain first. Returns 1 when a format
 * took it (or reported it broken), 0 when it is not infrastructure code, -1 when it could
 * not be read. */
static int scan_file(struct iac_ctx *ctx, const char *path, const char *rel, const char *name, bool explicit)
{
	size_t len;
	int r = 0;
	char *buf = read_candidate(ctx, path, rel, name, explicit, &len);
	if (!buf)
		return -1;
	struct iac_file f = {path, rel, name, buf, len, false};
	bool have_context = false;
	char *filled = NULL;
	if (iac_jinja_source(buf, len)) {
		size_t flen;
		filled = iac_jinja_fill(ctx, path, buf, len, &flen, &have_context);
		f.buf = filled;
		f.len = flen;
		f.template_source = true;
	}
	int score[8] = {0};
	for (size_t i = 0; i < iac_nformats; i++)
		score[i] = iac_formats[i].sniff(&f);
	for (int want = 2; want >= 1; want--)
		for (size_t i = 0; i < iac_nformats; i++) {
			if (score[i] != want)
				continue;
			/* a template source that does not parse is said below, not an error */
			r = iac_formats[i].scan(ctx, &f, want == 2 && !f.template_source);
			if (r != 0) {
				ctx->iac_files += r > 0;
				goto out;
			}
		}
out:
	if (f.template_source) {
		warnf("%s: a cookiecutter/Jinja template source, not a deployable template; %s", rel,
		      r > 0	      ? (have_context ? "read with the defaults of the nearest cookiecutter.json"
						      : "read as written (no cookiecutter.json above it)")
		      : r < 0 ? "it could not be read"
			      : "it does not parse without its template engine, so it was not read");
		if (!r)
			r = 1; /* said: not "not a template" as well */
	}
	iac_ignore_release(ctx); /* line starts kept for inline suppressions: this buffer's */
	free(filled);
	free(buf);
	return r != 0;
}

static void tf_files_release(struct tf_dir_file *v, size_t n, struct iac_ctx *ctx)
{
	iac_ignore_release(ctx);
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].rel);
		free(v[i].buf);
	}
	free(v);
}

static char *join(const char *a, const char *b)
{
	if (!*a)
		return xstrdup(b);
	return xasprintf("%s%s%s", a, has_suffix(a, "/") ? "" : "/", b);
}

/* inside: whether the real path of `path` lies in the tree being walked. */
static bool inside(const struct walker *w, const char *path)
{
	char real[PATH_MAX];
	return realpath(path, real) && fsp_under(real, w->root_real);
}

static bool is_called(const struct walker *w, const char *dir)
{
	char real[PATH_MAX];
	if (!w->ncalled || !realpath(dir, real))
		return false;
	for (size_t i = 0; i < w->ncalled; i++)
		if (!strcmp(w->called[i], real))
			return true;
	return false;
}

/* find_calls walks the tree as walk_dir does, reading only .tf files, and records the
 * folders they call as local modules (other than their own). Problems are left for
 * walk_dir to report. */
static void find_calls(struct walker *w, const char *dir, const char *rel, int depth)
{
	struct iac_ctx *ctx = w->ctx;
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);
	char own[PATH_MAX];
	bool have_own = realpath(dir, own) != NULL;
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		struct stat st;
		char *path = join(dir, name), *r = join(rel, name);
		if (!strcmp(name, ".") || !strcmp(name, "..") || excluded(ctx, r, name) || lstat(path, &st) < 0)
			goto next;
		if (S_ISDIR(st.st_mode) && !skipped_dir(name) && depth < MAX_DIR_DEPTH) {
			find_calls(w, path, r, depth + 1);
		} else if ((S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && inside(w, path))) && is_tf(name) &&
			   have_own) {
			char msg[256], *buf, **src;
			size_t len;
			if (iac_read_file(&ctx->fsp, path, ctx->opts->max_file, &buf, &len, msg, sizeof(msg)) < 0)
				goto next;
			size_t ns = tf_local_sources(buf, len, &src);
			for (size_t k = 0; k < ns; k++) {
				char *m = xasprintf("%s/%s", dir, src[k]), real[PATH_MAX];
				if (realpath(m, real) && strcmp(real, own)) {
					ALLOC_GROW(w->called, w->ncalled + 1, w->called_alloc);
					w->called[w->ncalled++] = xstrdup(real);
				}
				free(m);
				free(src[k]);
			}
			free(src);
			free(buf);
		}
next:
		free(path);
		free(r);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
}

static void walk_dir(struct walker *w, const char *dir, const char *rel, int depth)
{
	struct iac_ctx *ctx = w->ctx;
	struct dirent **ents = NULL;
	struct tf_dir_file *tf = NULL;
	size_t ntf = 0, tf_alloc = 0;
	int n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		iac_error(ctx, *rel ? rel : dir, 0, 0, "cannot read the directory");
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		struct stat st;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		char *path = join(dir, name), *r = join(rel, name);
		if (excluded(ctx, r, name))
			goto next;
		if (lstat(path, &st) < 0) {
			if (errno == ENAMETOOLONG)
				iac_error(ctx, r, 0, 0, "the path is longer than the system allows (PATH_MAX %d); not scanned",
					  PATH_MAX);
			else if (errno != ENOENT)
				iac_error(ctx, r, 0, 0, "cannot read: %s", strerror(errno));
			goto next;
		}
		if (S_ISLNK(st.st_mode)) {
			if (!inside(w, path) || stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
				debugf("%s: symbolic link not followed (it leaves the tree or is a directory)", r);
				goto next;
			}
		}
		if (S_ISDIR(st.st_mode)) {
			if (skipped_dir(name))
				goto next;
			if (depth >= MAX_DIR_DEPTH)
				iac_error(ctx, r, 0, 0, "directory nesting deeper than %d; not scanned", MAX_DIR_DEPTH);
			else
				walk_dir(w, path, r, depth + 1);
		} else if (S_ISREG(st.st_mode) && (is_tf(name) || is_auto_tfvars(name))) {
			size_t len;
			char *buf = read_candidate(ctx, path, r, name, false, &len);
			if (buf) {
				ALLOC_GROW(tf, ntf + 1, tf_alloc);
				tf[ntf++] = (struct tf_dir_file){path, r, buf, len, !is_tf(name)};
				continue; /* the list owns path and r now */
			}
		} else if (S_ISREG(st.st_mode) && unread_service_file(name)) {
			warnf("%s: a Serverless service file written in TypeScript/JavaScript is not read (sunset reads "
			      "serverless.yml, .yaml and .json; run `serverless print` to get one)",
			      r);
		} else if (S_ISREG(st.st_mode) && wanted(name) && (iac_like(name) || st.st_size <= MAX_UNNAMED_FILE)) {
			scan_file(ctx, path, r, name, false);
		}
next:
		free(path);
		free(r);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	bool any_tf = false;
	for (size_t i = 0; i < ntf; i++)
		any_tf |= !tf[i].tfvars;
	if (any_tf && is_called(w, dir))
		debugf("%s: called as a local module by a folder of the tree; scanned through its callers",
		       *rel ? rel : dir);
	else if (any_tf)
		tf_scan_dir(ctx, tf, ntf);
	tf_files_release(tf, ntf, ctx);
}

size_t iac_scan_paths(struct iac_ctx *ctx, char *const *paths, size_t n)
{
	size_t failed = 0;
	for (size_t i = 0; i < n; i++)
		fsp_add_root(&ctx->fsp, paths[i]); /* one that cannot be resolved is reported below */
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		const char *p = paths[i];
		ctx->scan->inputs++;
		if (stat(p, &st) < 0) {
			iac_error(ctx, p, 0, 0, "no such file or directory");
			failed++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			struct walker w = {ctx, ""};
			if (!realpath(p, w.root_real)) {
				iac_error(ctx, p, 0, 0, "cannot resolve the path");
				failed++;
				continue;
			}
			ctx->base = p;
			find_calls(&w, p, "", 0);
			walk_dir(&w, p, "", 0);
			ctx->base = NULL;
			for (size_t k = 0; k < w.ncalled; k++)
				free(w.called[k]);
			free(w.called);
			continue;
		}
		const char *rel = !strncmp(p, "./", 2) ? p + 2 : p;
		const char *slash = strrchr(p, '/');
		const char *name = slash ? slash + 1 : p;
		if (is_tf(name) || is_auto_tfvars(name)) {
			size_t len;
			char *buf = read_candidate(ctx, p, rel, name, true, &len);
			if (!buf) {
				failed++;
				continue;
			}
			struct tf_dir_file *one = xmalloc(sizeof(*one));
			*one = (struct tf_dir_file){xstrdup(p), xstrdup(rel), buf, len, !is_tf(name)};
			if (!one->tfvars)
				tf_scan_dir(ctx, one, 1);
			tf_files_release(one, 1, ctx);
			continue;
		}
		int r = scan_file(ctx, p, rel, name, true);
		if (r < 0)
			failed++;
		else if (r == 0)
			warnf("%s: not a template sunset reads (CloudFormation, SAM, CDK, Serverless, Terraform); skipped",
			      rel);
	}
	return failed;
}
