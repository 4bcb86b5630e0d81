/* fspolicy: which real paths lie under a root, and what fsp_open lets through. */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "util/fspolicy.h"

static void test_under(void **state)
{
	static const struct {
		const char *real, *root;
		bool under;
	} cases[] = {
		{"/a/b", "/a/b", true},   {"/a/b/c", "/a/b", true},  {"/a/bc", "/a/b", false},
		{"/a", "/a/b", false},    {"/x/y", "/", true},        {"/a/b/../c", "/a/b", true},
		{"/", "/a", false},       {"/a/b/", "/a/b", true},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (fsp_under(cases[i].real, cases[i].root) != cases[i].under)
			fail_msg("fsp_under(%s, %s) != %d", cases[i].real, cases[i].root, cases[i].under);
}

/* A scratch tree: root/{in.yaml, fifo, out-link -> ../out.yaml, in-link -> in.yaml}, out.yaml. */
static void test_open(void **state)
{
	char top[] = "/tmp/sunset-fsp-XXXXXX", p[512], msg[128];
	struct fsp pol = {0};
	(void)state;
	assert_non_null(mkdtemp(top));
	snprintf(p, sizeof(p), "%s/root", top);
	assert_int_equal(mkdir(p, 0700), 0);
	static const char *const files[] = {"root/in.yaml", "out.yaml"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%s/%s", top, files[i]);
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fputs("x: 1\n", f);
		fclose(f);
	}
	snprintf(p, sizeof(p), "%s/root/fifo", top);
	assert_int_equal(mkfifo(p, 0600), 0);
	snprintf(p, sizeof(p), "%s/root/out-link", top);
	assert_int_equal(symlink("../out.yaml", p), 0);
	snprintf(p, sizeof(p), "%s/root/in-link", top);
	assert_int_equal(symlink("in.yaml", p), 0);
	snprintf(p, sizeof(p), "%s/root", top);
	assert_int_equal(fsp_add_root(&pol, p), 0);

	static const struct {
		const char *rel;
		bool confined, ok;
		const char *why;
	} cases[] = {
		{"root/in.yaml", true, true, NULL},
		{"root/in-link", true, true, NULL},
		{"root/out-link", true, false, "it resolves outside the scanned folder"},
		{"root/out-link", false, true, NULL}, /* a path the user typed */
		{"out.yaml", true, false, "it resolves outside the scanned folder"},
		{"root/../out.yaml", true, false, "it resolves outside the scanned folder"},
		{"root/fifo", true, false, "not a regular file (a FIFO)"},
		{"root/fifo", false, false, "not a regular file (a FIFO)"},
		{"root", false, false, "not a regular file (a directory)"},
		{"root/missing", true, false, "cannot read: No such file or directory"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, cases[i].rel);
		msg[0] = '\0';
		int fd = fsp_open(cases[i].confined ? &pol : NULL, p, msg, sizeof(msg));
		if ((fd >= 0) != cases[i].ok)
			fail_msg("%s (confined %d): fd %d, %s", cases[i].rel, cases[i].confined, fd, msg);
		if (fd >= 0) {
			assert_false(fcntl(fd, F_GETFL) & O_NONBLOCK);
			close(fd);
		} else {
			assert_string_equal(msg, cases[i].why);
		}
	}
	snprintf(p, sizeof(p), "%s/root/out-link", top);
	assert_false(fsp_may_use(&pol, p, msg, sizeof(msg)));
	assert_true(fsp_may_use(NULL, p, msg, sizeof(msg)));
	snprintf(p, sizeof(p), "%s/root/in-link", top);
	assert_true(fsp_may_use(&pol, p, msg, sizeof(msg)));
	/* a file PATH: its folder is the root, shallow: the files beside it, nothing below it */
	struct fsp one = {0};
	snprintf(p, sizeof(p), "%s/root/in.yaml", top);
	assert_int_equal(fsp_add_root(&one, p), 0);
	assert_int_equal(one.n, 1);
	snprintf(p, sizeof(p), "%s/root/in-link", top);
	assert_true(fsp_may_use(&one, p, msg, sizeof(msg)));
	fsp_release(&one);
	/* a file PATH in the folder above: the tree below that folder is not opened up by it */
	struct fsp above = {0};
	snprintf(p, sizeof(p), "%s/out.yaml", top);
	assert_int_equal(fsp_add_root(&above, p), 0);
	snprintf(p, sizeof(p), "%s/out.yaml", top);
	assert_true(fsp_may_use(&above, p, msg, sizeof(msg)));
	snprintf(p, sizeof(p), "%s/root/in.yaml", top);
	assert_false(fsp_may_use(&above, p, msg, sizeof(msg)));
	/* ... unless that folder is a PATH of its own */
	assert_int_equal(fsp_add_root(&above, top), 0);
	assert_true(fsp_may_use(&above, p, msg, sizeof(msg)));
	fsp_release(&above);
	fsp_release(&pol);
	static const char *const clean[] = {"root/in.yaml", "root/fifo", "root/out-link", "root/in-link", "out.yaml"};
	for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, clean[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/root", top);
	rmdir(p);
	rmdir(top);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_under),
		cmocka_unit_test(test_open),
	};
	return cmocka_run_group_tests_name("fspolicy", tests, NULL, NULL);
}
