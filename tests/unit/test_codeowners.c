#include "testutil.h"

#include <sys/stat.h>

#include "iac/codeowners.h"

/* GitHub's documented example, in its order: the last matching line wins. */
static const char example[] =
	"# This is a comment.\n"
	"*       @global-owner1 @global-owner2\n"
	"*.js    @js-owner #This is an inline comment.\n"
	"*.go docs@example.com\n"
	"*.txt @octo-org/octocats\n"
	"/build/logs/ @doctocat\n"
	"docs/*  docs@example.com\n"
	"apps/ @octocat\n"
	"/docs/ @doctocat\n"
	"/scripts/ @doctocat @octocat\n"
	"**/logs @octocat\n"
	"/apps/ @octocat\n"
	"/apps/github\n"
	"\\#notes @hash-owner\n"
	"infra/**/template.yaml @infra\n"
	"   \n";

static void test_example(void **state)
{
	(void)state;
	static const struct {
		const char *path, *want; /* NULL: no owner */
	} cases[] = {
		{"README.md", "@global-owner1 @global-owner2"},
		{"src/app.js", "@js-owner"},                        /* inline comment dropped */
		{"cmd/main.go", "docs@example.com"},
		{"a/b/c.txt", "@octo-org/octocats"},
		{"build/logs/today.log", "@octocat"},               /* the logs line at any depth comes later */
		{"build/other.log", "@global-owner1 @global-owner2"},
		{"docs/getting-started.md", "@doctocat"},           /* the anchored docs folder line is later */
		{"docs/build-app/troubleshooting.md", "@doctocat"},
		{"x/docs/readme.md", "@global-owner1 @global-owner2"}, /* "docs/ star" is anchored (a middle slash) */
		{"scripts/deploy.sh", "@doctocat @octocat"},
		{"deep/apps/x/template.yaml", "@octocat"},          /* apps/ at any depth */
		{"apps/github/template.yaml", NULL},                /* a line without owners un-owns */
		{"apps/githubber/template.yaml", "@octocat"},
		{"apps", "@global-owner1 @global-owner2"},          /* apps/ is a directory only */
		{"#notes", "@hash-owner"},
		{"infra/template.yaml", "@infra"},                  /* ** is zero or more folders */
		{"infra/a/b/template.yaml", "@infra"},
		{"infra/a/b/template.yml", "@global-owner1 @global-owner2"},
		{"deep/x/logs/a.txt", "@octocat"},
	};
	struct codeowners *co = codeowners_parse(example, sizeof(example) - 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = codeowners_match(co, cases[i].path);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) : got != NULL)
			fail_msg("%s: got %s, want %s", cases[i].path, got ? got : "(none)",
				 cases[i].want ? cases[i].want : "(none)");
	}
	codeowners_free(co);
}

static void test_globs(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *path;
		bool want;
	} cases[] = {
		{"*.yaml", "a/b/t.yaml", true},
		{"/*.yaml", "a/t.yaml", false},
		{"/*.yaml", "t.yaml", true},
		{"a/*", "a/b/c", false},            /* a star stays in one segment */
		{"a/*", "a/b", true},
		{"a/**", "a/b/c", true},
		{"**/b", "x/y/b/z", true},
		{"a?c", "abc", true},
		{"a?c", "a/c", false},
		{"/", "a", false},
		{"sls/", "sls", false},             /* a file named like the folder */
		{"sls/", "x/sls/serverless.yml", true},
		{"/sls", "sls/serverless.yml", true}, /* a directory's contents */
		{"*", "any/thing", true},
		{"**", "any/thing", true},
		{"*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (codeowners_glob(cases[i].pattern, cases[i].path) != cases[i].want)
			fail_msg("%s against %s: want %d", cases[i].pattern, cases[i].path, cases[i].want);
}

/* GitHub's three places: .github/ first, then the root, then docs/; and the root is found
 * from a file deep in the tree. */
static void test_places(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/sunset-co-XXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/.github %s/docs %s/infra/app && printf '* @dotgithub\\n' >%s/.github/CODEOWNERS && "
		 "printf '* @root\\n' >%s/CODEOWNERS && printf '* @docs\\n' >%s/docs/CODEOWNERS && "
		 "printf 'x' >%s/infra/app/template.yaml",
		 root, root, root, root, root, root, root);
	assert_int_equal(system(cmd), 0);
	char file[300];
	snprintf(file, sizeof(file), "%s/infra/app/template.yaml", root);
	const char *order[] = {"@dotgithub", "@root", "@docs", NULL};
	const char *rm[] = {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"};
	for (int i = 0; i < 4; i++) {
		struct codeowners_cache c = {0};
		const char *got = codeowners_for(&c, file);
		if (order[i] ? !got || strcmp(got, order[i]) : got != NULL)
			fail_msg("step %d: got %s", i, got ? got : "(none)");
		codeowners_cache_release(&c);
		if (i < 3) {
			snprintf(cmd, sizeof(cmd), "%s/%s", root, rm[i]);
			assert_int_equal(unlink(cmd), 0);
		}
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_globs),
		cmocka_unit_test(test_places),
	};
	return cmocka_run_group_tests_name("codeowners", tests, NULL, NULL);
}
