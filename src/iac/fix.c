/* fix: apply the edits --fix recorded, or print them as a unified diff (--dry-run).
 * Only the bytes of each runtime value change; a file whose bytes at an edit are no
 * longer what was scanned is left alone. Files are replaced atomically, keeping their
 * permissions. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iac/iac.h"
#include "util/msg.h"
#include "util/strbuf.h"
#include "util/textenc.h"
#include "util/xalloc.h"

#define DIFF_CONTEXT 3

static int edit_cmp(const void *a, const void *b)
{
	const struct iac_edit *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* line_starts returns the offset of each line start (n+1 entries, the last = len). */
static size_t *line_starts(const char *s, size_t len, size_t *n)
{
	size_t alloc = 0, k = 0;
	size_t *v = NULL;
	ALLOC_GROW(v, 1, alloc);
	v[k++] = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' && i + 1 < len) {
			ALLOC_GROW(v, k + 1, alloc);
			v[k++] = i + 1;
		}
	ALLOC_GROW(v, k + 1, alloc);
	v[k] = len;
	*n = k;
	return v;
}

static void put_line(FILE *out, char mark, const char *s, size_t a, size_t b)
{
	fputc(mark, out);
	fwrite(s + a, 1, b - a, out);
	if (b == a || s[b - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* diff prints a unified diff of old -> new, which have the same number of lines. */
static void diff(FILE *out, const char *rel, const char *old, size_t olen, const char *new, size_t nlen)
{
	size_t no, nn;
	size_t *lo = line_starts(old, olen, &no), *ln = line_starts(new, nlen, &nn);
	bool *changed = xcalloc(no + 1, sizeof(bool));
	for (size_t i = 0; i < no && i < nn; i++)
		changed[i] = lo[i + 1] - lo[i] != ln[i + 1] - ln[i] || memcmp(old + lo[i], new + ln[i], lo[i + 1] - lo[i]);
	fprintf(out, "--- a/%s\n+++ b/%s\n", rel, rel);
	for (size_t i = 0; i < no;) {
		if (!changed[i]) {
			i++;
			continue;
		}
		size_t first = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0, last = i;
		/* extend while another change is within 2 * context */
		for (size_t j = i; j < no && j <= last + 2 * DIFF_CONTEXT + 1; j++)
			if (changed[j])
				last = j;
		size_t end = last + DIFF_CONTEXT < no - 1 ? last + DIFF_CONTEXT : no - 1;
		fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", first + 1, end - first + 1, first + 1, end - first + 1);
		for (size_t k = first; k <= end; k++) {
			if (changed[k]) {
				put_line(out, '-', old, lo[k], lo[k + 1]);
				put_line(out, '+', new, ln[k], ln[k + 1]);
			} else {
				put_line(out, ' ', old, lo[k], lo[k + 1]);
			}
		}
		i = end + 1;
	}
	free(changed);
	free(lo);
	free(ln);
}

/* display_path is where the file is from the folder sunset ran in: the scanned PATH
 * joined with the file, without "./" (as SARIF names it), so that a diff applies with
 * patch -p1 there (from / for an absolute PATH). The caller frees it. */
static char *display_path(const struct iac_edit *e)
{
	const char *base = e->base;
	while (base && base[0] == '.' && base[1] == '/')
		base += 2;
	while (base && base[0] == '/' && base[1]) /* an absolute PATH: "a/tmp/x", for patch -p1 in / */
		base++;
	char *p = !base || !*base || !strcmp(base, ".")
			  ? xstrdup(e->rel)
			  : xasprintf("%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", e->rel);
	if (!strncmp(p, "./", 2))
		memmove(p, p + 2, strlen(p + 2) + 1);
	return p;
}

/* may_rewrite refuses a file whose replacement would not be the same file to its
 * owners: hard links (a rename splits them), read-only files (root could write them),
 * files the user may not write. Returns 0, or -1 with the reason in msg. */
static int may_rewrite(const char *path, struct stat *st, char *msg, size_t msgn)
{
	if (stat(path, st) < 0) {
		snprintf(msg, msgn, "%s", strerror(errno));
		return -1;
	}
	if (st->st_nlink > 1) {
		snprintf(msg, msgn, "it has %ju hard links, which a rewrite would split; change it by hand",
			 (uintmax_t)st->st_nlink);
		return -1;
	}
	if (!(st->st_mode & 0222)) {
		snprintf(msg, msgn, "it is read-only (mode %04o); change it by hand or make it writable",
			 (unsigned)(st->st_mode & 07777));
		return -1;
	}
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) < 0) {
		snprintf(msg, msgn, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* write_atomic replaces path with buf through a temporary file in the same folder,
 * keeping the mode, owner and group of the file `st` describes. Returns 0, or -1 with
 * the first cause in msg (the cleanup does not overwrite it). */
static int write_atomic(const char *path, const struct stat *st, const char *buf, size_t len, char *msg,
			size_t msgn)
{
	char *tmp = xasprintf("%s.sunset-XXXXXX", path);
	int fd = -1, rc = -1;
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(msg, msgn, "cannot create a file beside it: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchown(fd, st->st_uid, st->st_gid) < 0) {
		snprintf(msg, msgn, "cannot keep its owner and group: %s", strerror(errno));
		goto out;
	}
	if (fchmod(fd, st->st_mode & 07777) < 0) {
		snprintf(msg, msgn, "cannot keep its mode: %s", strerror(errno));
		goto out;
	}
	for (size_t o = 0; o < len;) {
		ssize_t w = write(fd, buf + o, len - o);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(msg, msgn, "%s", w < 0 ? strerror(errno) : "short write");
			goto out;
		}
		o += (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		snprintf(msg, msgn, "%s", strerror(errno));
		fd = -1;
		goto out;
	}
	fd = -1;
	if ((rc = rename(tmp, path)) < 0)
		snprintf(msg, msgn, "%s", strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* fix_file applies edits [a, b) (all on one file, by offset). */
static int fix_file(struct iac_ctx *ctx, struct iac_edit *e, size_t n, bool dry_run, FILE *out)
{
	char *buf = NULL, msg[256];
	size_t len;
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;
	struct stat st;
	/* the real path (iac_emit resolved it) must lie in a scanned folder, and be a file */
	if (!fsp_may_use(&ctx->fsp, e[0].path, msg, sizeof(msg)) ||
	    iac_read_raw(&ctx->fsp, e[0].path, ctx->opts->max_file, &buf, &len, msg, sizeof(msg)) < 0) {
		errorf("%s: not fixed: %s", e[0].rel, msg);
		return -1;
	}
	if (textenc_detect(buf, len) != TEXTENC_UTF8) {
		/* the recorded byte ranges are in its UTF-8 form: change it by hand */
		errorf("%s: not fixed: the file is %s; change the runtime by hand (or save it as UTF-8)", e[0].rel,
		       textenc_name(textenc_detect(buf, len)));
		free(buf);
		return -1;
	}
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t ol = strlen(e[i].old);
		if (e[i].start < at || e[i].end > len || e[i].end - e[i].start != ol ||
		    memcmp(buf + e[i].start, e[i].old, ol)) {
			errorf("%s:%ld:%ld: not fixed: the file changed since it was read", e[i].rel, e[i].line,
			       e[i].column);
			goto out;
		}
		sb_add(&sb, buf + at, e[i].start - at);
		sb_adds(&sb, e[i].new);
		at = e[i].end;
	}
	sb_add(&sb, buf + at, len - at);
	if (dry_run) {
		char *shown = display_path(&e[0]);
		diff(out, shown, buf, len, sb.buf, sb.len);
		free(shown);
		rc = 0;
	} else if (may_rewrite(e[0].path, &st, msg, sizeof(msg)) < 0 ||
		   write_atomic(e[0].path, &st, sb.buf, sb.len, msg, sizeof(msg)) < 0) {
		errorf("%s: not fixed: %s", e[0].rel, msg);
	} else {
		rc = 0;
	}
out:
	free(buf);
	sb_release(&sb);
	return rc;
}

size_t iac_fix_apply(struct iac_ctx *ctx, bool dry_run, FILE *out)
{
	size_t failed = 0, files = 0, values = 0;
	if (ctx->nedits)
		qsort(ctx->edits, ctx->nedits, sizeof(*ctx->edits), edit_cmp);
	for (size_t i = 0; i < ctx->nedits;) {
		size_t j = i + 1;
		while (j < ctx->nedits && !strcmp(ctx->edits[j].path, ctx->edits[i].path))
			j++;
		if (fix_file(ctx, ctx->edits + i, j - i, dry_run, out) < 0)
			failed++;
		else {
			files++;
			values += j - i;
		}
		i = j;
	}
	if (!dry_run)
		notef("fixed %zu runtime value%s in %zu file%s", values, values == 1 ? "" : "s", files,
		      files == 1 ? "" : "s");
	return failed;
}
