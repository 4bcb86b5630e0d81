#include "model/fstore.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/msg.h"
#include "util/xalloc.h"

/* Record: u32 body length, then the body:
 *   u8 status, u8 has_days, u8 suppressed, u8 has_invocations, i64 line, column, deprecated, block_create,
 *   block_update, days, invocations, FS_COUNT x (u32 length or UINT32_MAX for NULL, bytes, NUL).
 * Once a finding carries usage, an index (offset, invocations, sequence: 24 bytes a finding),
 * built from the records when a writer first walks them, gives the order busier first,
 * insertion order among equals; without usage no index is kept, so memory stays flat. */
#define NULL_LEN UINT32_MAX

struct fstore {
	char *mem; /* records not yet spilled */
	size_t mem_len, mem_alloc, mem_limit;
	FILE *spill; /* unlinked temporary file, or NULL */
	size_t count;
	char *rec; /* scratch for encoding and decoding one record */
	size_t rec_alloc;
	size_t spilled; /* bytes in the file: a record's offset below it is in the file */
	struct ix { uint64_t off; int64_t key; uint64_t seq; } *ix;
	size_t ix_alloc, ix_n; /* ix_n: records indexed (the index is rebuilt when it lags) */
	bool by_usage; /* a finding carries usage: iterate through the index */
	bool ix_sorted;
};

struct fstore *fstore_new(size_t mem_limit)
{
	struct fstore *st = xcalloc(1, sizeof(*st));
	st->mem_limit = mem_limit ? mem_limit : (8u << 20);
	return st;
}

void fstore_free(struct fstore *st)
{
	if (!st)
		return;
	if (st->spill)
		fclose(st->spill);
	free(st->mem);
	free(st->rec);
	free(st->ix);
	free(st);
}

size_t fstore_count(const struct fstore *st) { return st->count; }

static void put(char **p, const void *src, size_t n)
{
	memcpy(*p, src, n);
	*p += n;
}

static void put_i64(char **p, long v)
{
	int64_t x = v;
	put(p, &x, sizeof(x));
}

static size_t encode(struct fstore *st, const struct finding *f)
{
	size_t need = 4 + 4 + 7 * 8;
	for (int i = 0; i < FS_COUNT; i++)
		need += 4 + (f->s[i] ? strlen(f->s[i]) + 1 : 0);
	ALLOC_GROW(st->rec, need, st->rec_alloc);
	char *p = st->rec;
	uint32_t body = (uint32_t)(need - 4);
	put(&p, &body, 4);
	*p++ = (char)f->status;
	*p++ = (char)f->has_days;
	*p++ = (char)f->suppressed;
	*p++ = (char)f->has_invocations;
	put_i64(&p, f->line);
	put_i64(&p, f->column);
	put_i64(&p, f->deprecated);
	put_i64(&p, f->block_create);
	put_i64(&p, f->block_update);
	put_i64(&p, f->days_until_deprecation);
	put_i64(&p, f->invocations);
	for (int i = 0; i < FS_COUNT; i++) {
		uint32_t len = f->s[i] ? (uint32_t)strlen(f->s[i]) : NULL_LEN;
		put(&p, &len, 4);
		if (f->s[i])
			put(&p, f->s[i], (size_t)len + 1);
	}
	return need;
}

static long get_i64(const char **p)
{
	int64_t x;
	memcpy(&x, *p, sizeof(x));
	*p += sizeof(x);
	return (long)x;
}

/* decode reads one record body of `len` bytes into *f, borrowing strings from `body`. */
static int decode(const char *body, size_t len, struct finding *f)
{
	const char *p = body, *end = body + len;
	if (len < 4 + 7 * 8)
		return -1;
	f->status = (enum status)(unsigned char)*p++;
	f->has_days = *p++ != 0;
	f->suppressed = *p++ != 0;
	f->has_invocations = *p++ != 0;
	f->line = get_i64(&p);
	f->column = get_i64(&p);
	f->deprecated = get_i64(&p);
	f->block_create = get_i64(&p);
	f->block_update = get_i64(&p);
	f->days_until_deprecation = get_i64(&p);
	f->invocations = get_i64(&p);
	for (int i = 0; i < FS_COUNT; i++) {
		uint32_t slen;
		if (end - p < 4)
			return -1;
		memcpy(&slen, p, 4);
		p += 4;
		if (slen == NULL_LEN) {
			f->s[i] = NULL;
			continue;
		}
		if ((size_t)(end - p) < (size_t)slen + 1)
			return -1;
		f->s[i] = p;
		p += slen + 1;
	}
	return p == end ? 0 : -1;
}

static int spill_open(struct fstore *st)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/sunset-findings-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		errorf("cannot create a temporary file in \"%s\": %s", dir && *dir ? dir : "/tmp", strerror(errno));
		free(path);
		return -1;
	}
	unlink(path);
	free(path);
	st->spill = fdopen(fd, "w+b");
	if (!st->spill) {
		close(fd);
		return errorf("cannot open a temporary file: %s", strerror(errno));
	}
	setvbuf(st->spill, NULL, _IOFBF, 1 << 20);
	return 0;
}

static int spill_flush(struct fstore *st)
{
	if (!st->spill && spill_open(st) < 0)
		return -1;
	if (st->mem_len && fwrite(st->mem, 1, st->mem_len, st->spill) != st->mem_len)
		return errorf("cannot write a temporary file: %s", strerror(errno));
	st->spilled += st->mem_len;
	st->mem_len = 0;
	return 0;
}

int fstore_add(struct fstore *st, const struct finding *f)
{
	size_t n = encode(st, f);
	if (st->mem_len + n > st->mem_limit && spill_flush(st) < 0)
		return -1;
	st->by_usage |= f->has_invocations;
	ALLOC_GROW(st->mem, st->mem_len + n, st->mem_alloc);
	memcpy(st->mem + st->mem_len, st->rec, n);
	st->mem_len += n;
	st->count++;
	return 0;
}

static int each_in(const char *buf, size_t len, fstore_fn fn, void *ctx)
{
	size_t off = 0;
	while (off + 4 <= len) {
		uint32_t body;
		struct finding f;
		memcpy(&body, buf + off, 4);
		if (body > len - off - 4 || decode(buf + off + 4, body, &f) < 0)
			return errorf("internal error: corrupt findings store");
		off += 4 + (size_t)body;
		int r = fn(ctx, &f);
		if (r)
			return r;
	}
	return 0;
}

static int ix_cmp(const void *a, const void *b)
{
	const struct ix *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* read_spilled reads the record at the temporary file's position into st->rec and decodes
 * it into *f (valid until the next read); *body is its length. */
static int read_spilled(struct fstore *st, uint32_t *body, struct finding *f)
{
	if (fread(body, 4, 1, st->spill) != 1)
		return errorf("cannot read back a temporary file");
	ALLOC_GROW(st->rec, *body, st->rec_alloc);
	if (fread(st->rec, 1, *body, st->spill) != *body || decode(st->rec, *body, f) < 0)
		return errorf("cannot read back a temporary file");
	return 0;
}

/* build_index reads every record once (the file's, then memory's) for its offset and its
 * invocations. */
static int build_index(struct fstore *st)
{
	size_t i = 0;
	ALLOC_GROW(st->ix, st->count, st->ix_alloc);
	if (st->spill) {
		uint64_t off = 0;
		if (fflush(st->spill) != 0 || fseeko(st->spill, 0, SEEK_SET) != 0)
			return errorf("cannot read back a temporary file: %s", strerror(errno));
		while (off < st->spilled && i < st->count) {
			uint32_t body;
			struct finding f;
			if (read_spilled(st, &body, &f) < 0)
				return -1;
			st->ix[i] = (struct ix){.off = off, .key = f.has_invocations ? f.invocations : -1, .seq = i};
			i++;
			off += 4 + (uint64_t)body;
		}
		fseek(st->spill, 0, SEEK_END);
	}
	for (size_t off = 0; off + 4 <= st->mem_len && i < st->count;) {
		uint32_t body;
		struct finding f;
		memcpy(&body, st->mem + off, 4);
		if (body > st->mem_len - off - 4 || decode(st->mem + off + 4, body, &f) < 0)
			return errorf("internal error: corrupt findings store");
		st->ix[i] = (struct ix){.off = st->spilled + off, .key = f.has_invocations ? f.invocations : -1, .seq = i};
		i++;
		off += 4 + (size_t)body;
	}
	if (i != st->count)
		return errorf("internal error: corrupt findings store");
	st->ix_n = i;
	st->ix_sorted = false;
	return 0;
}

/* each_by_usage walks the index: busier first, insertion order among equals. */
static int each_by_usage(struct fstore *st, fstore_fn fn, void *ctx)
{
	if (st->ix_n != st->count && build_index(st) < 0)
		return -1;
	if (!st->ix_sorted) {
		qsort(st->ix, st->count, sizeof(*st->ix), ix_cmp);
		st->ix_sorted = true;
	}
	if (st->spill && fflush(st->spill) != 0)
		return errorf("cannot read back a temporary file: %s", strerror(errno));
	int r = 0;
	for (size_t i = 0; i < st->count && !r; i++) {
		uint32_t body;
		struct finding f;
		if (st->ix[i].off < st->spilled) {
			if (fseeko(st->spill, (off_t)st->ix[i].off, SEEK_SET) != 0)
				return errorf("cannot read back a temporary file");
			if (read_spilled(st, &body, &f) < 0)
				return -1;
		} else {
			size_t off = (size_t)(st->ix[i].off - st->spilled);
			if (off + 4 > st->mem_len)
				return errorf("internal error: corrupt findings store");
			memcpy(&body, st->mem + off, 4);
			if (body > st->mem_len - off - 4 || decode(st->mem + off + 4, body, &f) < 0)
				return errorf("internal error: corrupt findings store");
		}
		r = fn(ctx, &f);
	}
	if (st->spill)
		fseek(st->spill, 0, SEEK_END);
	return r;
}

int fstore_each(struct fstore *st, fstore_fn fn, void *ctx)
{
	if (st->by_usage)
		return each_by_usage(st, fn, ctx);
	if (st->spill) {
		/* Everything goes to the file so the order stays the insertion order. */
		if (spill_flush(st) < 0 || fflush(st->spill) != 0 || fseek(st->spill, 0, SEEK_SET) != 0)
			return errorf("cannot read back a temporary file: %s", strerror(errno));
		for (size_t i = 0; i < st->count; i++) {
			uint32_t body;
			struct finding f;
			if (read_spilled(st, &body, &f) < 0)
				return -1;
			int r = fn(ctx, &f);
			if (r) {
				fseek(st->spill, 0, SEEK_END);
				return r;
			}
		}
		fseek(st->spill, 0, SEEK_END);
		return 0;
	}
	return each_in(st->mem, st->mem_len, fn, ctx);
}
