#include "testutil.h"

#include "model/fstore.h"

struct check {
	size_t seen;
	size_t stop_at;
};

static int verify(void *ctx, const struct finding *f)
{
	struct check *c = ctx;
	char want[64];
	snprintf(want, sizeof(want), "fn-%zu", c->seen);
	assert_string_equal(f->s[FS_FUNCTION], want);
	assert_int_equal(f->line, (long)c->seen);
	assert_int_equal(f->status, (enum status)(c->seen % ST_COUNT));
	assert_int_equal(f->days_until_deprecation, -(long)c->seen);
	if (c->seen % 2)
		assert_null(f->s[FS_FILE]);
	else
		assert_string_equal(f->s[FS_FILE], "");
	assert_string_equal(f->s[FS_REMEDIATION], "Move it, \"now\".\n");
	assert_null(f->s[FS_REASON]);
	c->seen++;
	return c->stop_at && c->seen == c->stop_at ? 7 : 0;
}

/* fill adds findings numbered from..to-1. */
static void fill_range(struct fstore *st, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		char name[64];
		struct finding f = {0};
		snprintf(name, sizeof(name), "fn-%zu", i);
		f.s[FS_FUNCTION] = name;
		f.s[FS_FILE] = i % 2 ? NULL : "";
		f.s[FS_REMEDIATION] = "Move it, \"now\".\n";
		f.line = (long)i;
		f.status = (enum status)(i % ST_COUNT);
		f.days_until_deprecation = -(long)i;
		f.deprecated = DATE_NONE;
		assert_int_equal(fstore_add(st, &f), 0);
	}
}

static void fill(struct fstore *st, size_t n)
{
	fill_range(st, 0, n);
}

static void run_store(size_t mem_limit, size_t n)
{
	struct fstore *st = fstore_new(mem_limit);
	fill(st, n);
	assert_int_equal(fstore_count(st), n);
	for (int pass = 0; pass < 3; pass++) {
		struct check c = {0};
		assert_int_equal(fstore_each(st, verify, &c), 0);
		assert_int_equal(c.seen, n);
	}
	struct check stop = {.stop_at = n / 2 ? n / 2 : 1};
	if (n) {
		assert_int_equal(fstore_each(st, verify, &stop), 7);
		assert_int_equal(stop.seen, stop.stop_at);
	}
	/* Adding after reading keeps the order. */
	fstore_free(st);
}

static void test_in_memory(void **state)
{
	(void)state;
	run_store(0, 0);
	run_store(0, 1000);
}

static void test_spilled(void **state)
{
	(void)state;
	run_store(256, 5000);  /* spills almost at once */
	run_store(1, 10);      /* every record goes to the file */
}

static void test_add_after_iterate(void **state)
{
	(void)state;
	struct fstore *st = fstore_new(300);
	fill(st, 10);
	struct check c = {0};
	assert_int_equal(fstore_each(st, verify, &c), 0);
	fill_range(st, 10, 20); /* numbering continues */
	struct check c2 = {0};
	assert_int_equal(fstore_each(st, verify, &c2), 0);
	assert_int_equal(c2.seen, 20);
	fstore_free(st);
}

/* Once findings carry usage: busier first, those without usage last, insertion order
 * among equals; the same whether the records are in memory, in the file, or both. */
struct order {
	char got[64];
	size_t n;
};

static int record(void *ctx, const struct finding *f)
{
	struct order *o = ctx;
	o->got[o->n++] = f->s[FS_FUNCTION][0];
	o->got[o->n] = '\0';
	return 0;
}

static void test_busier_first(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		long inv; /* -1: no usage */
	} add[] = {{"a", -1}, {"b", 5}, {"c", 0}, {"d", 500}, {"e", 5}, {"f", -1}, {"g", 70000}};
	size_t limits[] = {0, 1, 200};
	for (size_t l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
		struct fstore *st = fstore_new(limits[l]);
		for (size_t i = 0; i < sizeof(add) / sizeof(add[0]); i++) {
			struct finding f = {0};
			f.s[FS_FUNCTION] = add[i].name;
			f.s[FS_REMEDIATION] = "x";
			f.has_invocations = add[i].inv >= 0;
			f.invocations = add[i].inv;
			assert_int_equal(fstore_add(st, &f), 0);
		}
		for (int pass = 0; pass < 2; pass++) {
			struct order o = {{0}, 0};
			assert_int_equal(fstore_each(st, record, &o), 0);
			assert_string_equal(o.got, "gdbecaf");
		}
		fstore_free(st);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_memory),
		cmocka_unit_test(test_spilled),
		cmocka_unit_test(test_add_after_iterate),
		cmocka_unit_test(test_busier_first),
	};
	return cmocka_run_group_tests_name("fstore", tests, NULL, NULL);
}
